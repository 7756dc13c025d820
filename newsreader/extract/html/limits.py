"""Bounds on hostile input: what one HTML body may cost."""

from __future__ import annotations

# Bounds on hostile input: a real article has a few thousand elements at most.
MAX_ELEMENTS = 20_000  # elements walked; the rest of a larger tree is ignored
MAX_BLOCKS = 5_000  # blocks kept
MAX_TEXT = 20_000  # characters in one block's text
MAX_ITEMS = 1_000  # items in one list
MAX_FALLBACK_TAGS = 60_000  # tags read by the no-depth-limit fallback parser
FALLBACK_DEPTH = 512  # deeper start tags are ignored there (their text is kept)
