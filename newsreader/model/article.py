"""The one article model every part of newsreader shares.

Plain frozen dataclasses, no I/O; the block kinds are in :mod:`.blocks`.
Extraction builds them, the store serialises them, the layout and the app draw
them. All text in them is already clean (see :mod:`newsreader.sanitize`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsreader.model.blocks import Block, Run, block_to_dict


def block_runs(block: Block) -> tuple[tuple[Run, ...], ...]:
    """The runs a block carries that still spell its text (``runs``, list items', a caption's)."""
    runs = getattr(block, "runs", None)
    if runs is not None:
        return (runs,) if _spells(runs, block.text) else ()  # type: ignore[union-attr]
    items = getattr(block, "item_runs", None)
    if items is not None:
        texts = block.items  # type: ignore[union-attr]
        if len(items) != len(texts):
            return ()
        return tuple(r for r, t in zip(items, texts, strict=True) if _spells(r, t))
    caption = getattr(block, "caption_runs", None)
    if caption is not None and _spells(caption, block.caption):  # type: ignore[union-attr]
        return (caption,)
    return ()


def _spells(runs: tuple[Run, ...], text: str) -> bool:
    return bool(runs) and "".join(r.text for r in runs) == text


WORDS_PER_MINUTE = 230


def reading_minutes_for(blocks: tuple[Block, ...] | list[Block]) -> int:
    """Estimated reading time in whole minutes (at least 1)."""
    words = sum(len(b.plain.split()) for b in blocks if not b.side)
    return max(1, round(words / WORDS_PER_MINUTE))


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: metadata plus an ordered tuple of blocks.

    ``id`` is ``None`` until the store has saved it. ``guid`` identifies the
    entry within its feed (feed guid, else its URL, else a content hash).
    ``feed`` is the feed's (or source's) display title. ``source_note`` says where
    the body came from when it is not the feed's (a full text from the web page).
    """

    title: str
    blocks: tuple[Block, ...] = ()
    url: str = ""
    feed: str = ""
    author: str = ""
    published: datetime | None = None
    section: str = ""
    reading_minutes: int = 0
    dek: str = ""
    read: bool = False
    bookmarked: bool = False
    guid: str = ""
    id: int | None = None
    feed_id: int | None = None
    # Where the body came from when it is not the feed's own ("Full text from the web
    # page"), or why the feed's summary is shown instead; shown in the header.
    source_note: str = ""

    def __post_init__(self) -> None:
        if self.published is not None and self.published.tzinfo is None:
            raise ValueError("Article.published must be timezone-aware")
        if not self.reading_minutes and self.blocks:
            object.__setattr__(self, "reading_minutes", reading_minutes_for(self.blocks))

    @property
    def body_text(self) -> str:
        """Plain text of every body block, one per line (for search and hashing)."""
        return "\n".join(b.plain for b in self.blocks if not b.side)

    @property
    def caption_text(self) -> str:
        """Plain text of every caption, credit and video card."""
        return "\n".join(b.plain for b in self.blocks if b.side)

    @property
    def links(self) -> tuple[str, ...]:
        """The body's link targets, each once, in reading order (``[n]`` is ``links[n-1]``)."""
        seen: dict[str, None] = {}
        for block in self.blocks:
            if block.side:
                continue
            for runs in block_runs(block):
                for run in runs:
                    if run.href:
                        seen.setdefault(run.href)
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in the README (``newsreader show ID --json``)."""
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "feed": self.feed,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "section": self.section,
            "reading_minutes": self.reading_minutes,
            "dek": self.dek,
            "read": self.read,
            "bookmarked": self.bookmarked,
            "blocks": [block_to_dict(b) for b in self.blocks],
        } | ({"source_note": self.source_note} if self.source_note else {})


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list: what a list needs, without the body."""

    id: int
    title: str
    feed: str
    url: str
    published: datetime | None
    read: bool
    bookmarked: bool
    feed_id: int | None = None
    sort_key: int = 0
    progress: int = 0  # how far it was read, in thousandths (1000: to the end)

    @property
    def cursor(self) -> tuple[int, int]:
        """The keyset position of this row in the list order."""
        return (self.sort_key, self.id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "feed": self.feed,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "read": self.read,
            "bookmarked": self.bookmarked,
        }


__all__ = [
    "WORDS_PER_MINUTE",
    "Article",
    "ArticleSummary",
    "block_runs",
    "reading_minutes_for",
]
