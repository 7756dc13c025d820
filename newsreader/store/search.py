"""Turning what a person types into a safe FTS5 query."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)

MIN_PREFIX = 3
"""A last word shorter than this is matched whole: FTS5 expands a prefix query into
every indexed term it starts, so ``"c"*`` over 100,000 articles costs over a second."""


def fts_query(text: str, *, prefix: bool = True) -> str:
    """Every word of ``text`` as a quoted term, all required; the last word (the one
    still being typed) also matches as a prefix when it has ``MIN_PREFIX`` letters.

    ``climate "sea ice`` becomes ``"climate" "sea" "ice"*``: no FTS5 syntax from the
    user can reach the parser, so typing never raises. Whole words are what keeps a
    search fast: a prefix term merges the postings of every term it starts.
    ``prefix=False`` matches the last word whole too.
    """
    words = _WORD.findall(text)
    terms = [f'"{word}"' for word in words]
    if prefix and words and len(words[-1]) >= MIN_PREFIX:
        terms[-1] += "*"
    return " ".join(terms)
