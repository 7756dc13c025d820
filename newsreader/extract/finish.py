"""The finishing step every extractor ends with: article-level rules, each once.

Feed entries (:mod:`newsreader.extract.entries`), feed bodies read later
(:mod:`newsreader.extract.deferred`), saved pages (:mod:`.page`) and pasted text
(:mod:`.text`) all build blocks their own way and then call :func:`finish`:

* **lead figure first** (:func:`with_lead`): a figure that comes before the
  first paragraph moves to the top; a body without any figure gets the
  entry's or page's lead image;
* **dek versus the first paragraph** (:func:`resolve_dek`): a dek the body
  begins with is dropped;
* **title fallback** (:func:`fallback_title`): no title, so the first paragraph;
* **no title twice** (:func:`without_title`): a heading repeating the title goes;
* **reading time**: the one the source states, else counted from the finished blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from newsreader.model import Article, Block, Figure, Heading, Paragraph, reading_minutes_for
from newsreader.sanitize import clean_text

__all__ = [
    "MAX_DEK",
    "TITLE_CHARS",
    "fallback_title",
    "finish",
    "resolve_dek",
    "with_lead",
    "without_title",
]

MAX_DEK = 400
"""A dek is cut to this many characters."""
TITLE_CHARS = 120
"""A title taken from the first paragraph is cut to this many characters."""
_ELLIPSIS_TAIL = re.compile(r"(?:\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*)+$")


def with_lead(blocks: list[Block], lead: Figure | None = None) -> list[Block]:
    """``blocks`` with their lead figure first (changed in place, and returned).

    ``lead`` goes first when the blocks have no figure of their own; otherwise a
    figure that comes before the first paragraph moves to the top.
    """
    if lead is not None and not any(isinstance(b, Figure) for b in blocks):
        blocks.insert(0, lead)
        return blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            break
        if isinstance(block, Figure):
            if index:
                blocks.insert(0, blocks.pop(index))
            break
    return blocks


def _comparable(text: str) -> str:
    """Text folded for comparing a dek with the body: case, spacing and a "…" tail ignored."""
    if text.rstrip().endswith(("…", "...", "]")):  # the tail regex backtracks: run it rarely
        text = _ELLIPSIS_TAIL.sub("", text)
    return " ".join(text.casefold().split())


def resolve_dek(dek: str, blocks: list[Block] | tuple[Block, ...]) -> str:
    """``dek`` (cut to :data:`MAX_DEK`), or ``""`` when the first paragraphs begin with it."""
    if not dek:
        return ""
    wanted = _comparable(dek)
    body = _comparable(" ".join(b.plain for b in blocks[:3] if isinstance(b, Paragraph)))
    if body.startswith(wanted):
        return ""
    return clean_text(dek, MAX_DEK)


_SENTENCE_END = re.compile(r"[.!?…](?=\s)")
_MIN_SENTENCE = 12  # a first sentence shorter than this ("Hi.") is not a title on its own


def without_title(blocks: list[Block], title: str) -> list[Block]:
    """``blocks`` without a heading that repeats ``title`` before any text (changed in place).

    Blog engines often start a feed body with the post's title as a heading; the
    header shows it already. Only a heading goes (a first paragraph equal to a
    title made from it is the body itself).
    """
    if not title:
        return blocks
    wanted = _comparable(title)
    for index, block in enumerate(blocks):
        if isinstance(block, Heading) and _comparable(block.text) == wanted:
            del blocks[index]
            break
        if not isinstance(block, Figure):
            break
    return blocks


def fallback_title(blocks: Iterable[Block], max_len: int = TITLE_CHARS) -> str:
    """A title for an article without one, from its first words.

    The first paragraph (else the first heading, quote or list item, else a
    figure's caption or alt text): whole when it fits in ``max_len``, else its
    first sentence when that fits, else cut at a word boundary with "…".
    """
    blocks = list(blocks)
    text = next((b.text for b in blocks if isinstance(b, Paragraph) and b.text), "")
    if not text:
        text = next((b.plain for b in blocks if not b.side and b.plain), "")
    if not text:
        text = next((b.caption or b.alt for b in blocks if isinstance(b, Figure)), "")
    text = clean_text(text, max_len * 8)
    if len(text) <= max_len:
        return text
    end = _SENTENCE_END.search(text, _MIN_SENTENCE, max_len)
    if end is not None:
        return text[: end.end()]
    cut = text[: max_len - 1]
    if " " in cut[max_len // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def finish(
    blocks: Iterable[Block],
    *,
    title: str = "",
    dek: str = "",
    lead: Figure | None = None,
    untitled: str = "",
    reading_minutes: int = 0,
    **fields: Any,
) -> Article:
    """The finished :class:`Article` from extracted ``blocks`` and metadata.

    ``lead``: an image to show first when the blocks have none. ``untitled``:
    the title when there is none and no paragraph to take one from.
    ``reading_minutes``: a reading time the source states (it wins over the
    counted one). ``fields``
    are the other :class:`Article` fields (url, author, published …).
    """
    finished = without_title(with_lead(list(blocks), lead), title)
    return Article(
        title=title or fallback_title(finished) or untitled,
        blocks=tuple(finished),
        dek=resolve_dek(dek, finished),
        reading_minutes=reading_minutes or (reading_minutes_for(finished) if finished else 0),
        **fields,
    )
