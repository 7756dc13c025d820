"""Step 5: the finish — dek, stated reading time, pull quotes; the whole pipeline."""

from __future__ import annotations

import re
from datetime import datetime

from newsreader.extract.finish import finish
from newsreader.extract.text.body import (
    _Body,
)
from newsreader.extract.text.classify import (
    _classify_all,
    _meta,
    _words,
)
from newsreader.extract.text.common import (
    PULL_QUOTE_WORDS,
)
from newsreader.extract.text.header import (
    _header,
    _Meta,
)
from newsreader.extract.text.lines import (
    Line,
    _lines,
    _rejoin_wrapped,
)
from newsreader.model import (
    Article,
    Block,
    Figure,
    Paragraph,
    Quote,
    Video,
)
from newsreader.sanitize import clean_text

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’']?\s+")

# --------------------------------------------------------------------------- finish


def _take_dek(body: _Body) -> str:
    """The standfirst: a first paragraph directly followed by a byline/date or a lead image.

    Credit lines of the lead picture ("PHOTO : AGENCY / NAME") may stand between the
    headline and it: they stay as the picture's credit and the paragraph after them
    is still the dek.
    """
    at = 0
    while at < len(body.blocks) and _credit_only(body.blocks[at]):
        at += 1
    if at >= len(body.blocks) or not isinstance(body.blocks[at], Paragraph):
        return ""
    first = body.blocks[at]
    if len(_words(first.text)) > 80:
        return ""
    start = body.starts[at]
    next_block = body.starts[at + 1] if len(body.blocks) > at + 1 else len(body.lines)
    meta_next = any(start < m < next_block for m in body.meta_at)
    then = body.blocks[at + 1] if len(body.blocks) > at + 1 else None
    if not meta_next and isinstance(then, Figure | Video):
        after = body.starts[at + 2] if len(body.blocks) > at + 2 else len(body.lines)
        meta_next = any(next_block < m < after for m in body.meta_at)
    if not meta_next:
        return ""
    del body.blocks[at], body.starts[at]
    return first.text


def _key(text: str) -> str:
    return " ".join(w.casefold() for w in _words(text))


def _set_pull_quotes(blocks: list[Block]) -> list[Block]:
    """A short paragraph that repeats another paragraph's words is a pull quote.

    Each of its sentences must stand, word for word, in one longer paragraph: a
    quotation pulled out of the body without the "she says" that broke it there.
    """
    keys = [_key(b.text) if isinstance(b, Paragraph) else "" for b in blocks]
    low, high = PULL_QUOTE_WORDS
    out = list(blocks)
    for index, (block, key) in enumerate(zip(blocks, keys, strict=True)):
        if not key or not low <= key.count(" ") + 1 <= high:
            continue
        parts = [f" {k} " for k in map(_key, _SENTENCE_END.split(block.text)) if k]  # type: ignore[union-attr]
        if any(
            other != index
            and len(keys[other]) > len(key)
            and all(part in f" {keys[other]} " for part in parts)
            for other in range(len(blocks))
        ):
            out[index] = Quote(block.text)  # type: ignore[union-attr]
    return out


def _credit_only(block: Block) -> bool:
    """A figure made of a credit line alone (no picture, caption or alt text)."""
    return (
        isinstance(block, Figure)
        and bool(block.credit)
        and not (block.src or block.caption or block.alt)
    )


def _tidy(block: Block) -> Block:
    """Collapse whitespace once more (lines were cleaned; joined parts may not be)."""
    if isinstance(block, Figure):
        return Figure(block.src, clean_text(block.alt), clean_text(block.caption), block.credit)
    return block


def parse_text_article(text: str) -> Article:
    """Read a pasted article (plain text copied from a news page) into an :class:`Article`.

    Returns an article with an empty title and no blocks when nothing in the
    text reads as an article (empty input, or boilerplate only).
    """
    lines = _rejoin_wrapped(_lines(text))
    _classify_all(lines)
    meta = _Meta()
    title, start = _header(lines, meta)
    body_lines = lines[start:]
    gaps = sum(1 for line in body_lines if line.gap)
    body = _Body(body_lines, meta, blank_lines=gaps * 3 >= len(body_lines) > 0)
    body.build()
    dek = _take_dek(body)
    return finish(
        [_tidy(b) for b in _set_pull_quotes(body.blocks)],
        title=title,
        url=meta.url,
        author=meta.author,
        published=meta.published or meta.updated,
        section=meta.section,
        dek=dek,
        reading_minutes=meta.minutes,
    )


def read_meta_line(text: str) -> tuple[str, datetime | None] | None:
    """``(author, date)`` when one line is a byline, date or reading-time line, else ``None``.

    Saved pages use it to drop the byline and dateline paragraphs that sit in
    the article body (their values come from the page metadata).
    """
    line = Line(clean_text(text))
    if not _meta(line):
        return None
    return line.author, line.published or line.updated
