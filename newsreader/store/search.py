"""Turning what a person types into a safe FTS5 query."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """Every word of ``text`` as a quoted prefix term, all required.

    ``climate "sea ice` becomes ``"climate"* "sea"* "ice"*``: no FTS5 syntax
    from the user can reach the parser, so typing never raises.
    """
    return " ".join(f'"{word}"*' for word in _WORD.findall(text))
