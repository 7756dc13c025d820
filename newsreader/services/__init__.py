"""The headless API both front ends call: import, subscribe, refresh, read, mark, search."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_attributes(package: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``package.<home>`` only when a name is used.

    ``homes`` maps each public name to its submodule, so importing the package
    imports none of them (the app imports progress types at start-up and must not
    pay for httpx or lxml).
    """

    def get(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{home}"), name)

    return get
