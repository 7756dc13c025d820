"""Sync with a Google Reader API server (FreshRSS, Miniflux): marks, subscriptions, articles.

- :mod:`.client`: the API and every server difference (:class:`~.client.Dialect`);
- :mod:`.credentials`: where the password comes from;
- :mod:`.build`: server items → stored articles;
- :mod:`.run`: one sync (push the outbox, then pull) and the conflict rule:
  **an unpushed local change wins; otherwise the server's state wins.**
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "AuthError": "client",
    "GReaderClient": "client",
    "SyncError": "client",
    "Credentials": "credentials",
    "resolve": "credentials",
    "SyncProgress": "run",
    "SyncSummary": "run",
    "check_login": "run",
    "sync_path": "run",
    "sync_store": "run",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
