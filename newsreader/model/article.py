"""The one article model every part of newsreader shares.

Plain frozen dataclasses, no I/O. Extraction builds them, the store serialises
them (``to_dict``/``from_dict``), the layout and the app draw them. All text in
them is already clean (see :mod:`newsreader.sanitize`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, ClassVar, Union

WORDS_PER_MINUTE = 230


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of body text."""

    text: str
    type: ClassVar[str] = "paragraph"

    @property
    def plain(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Heading:
    """A sub-heading inside the body."""

    text: str
    type: ClassVar[str] = "heading"

    @property
    def plain(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quote or pull quote."""

    text: str
    type: ClassVar[str] = "quote"

    @property
    def plain(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list; ``items`` are plain strings."""

    items: tuple[str, ...]
    ordered: bool = False
    type: ClassVar[str] = "list"

    @property
    def plain(self) -> str:
        return "\n".join(self.items)


@dataclass(frozen=True, slots=True)
class Figure:
    """An image with its caption and credit kept apart."""

    src: str = ""
    alt: str = ""
    caption: str = ""
    credit: str = ""
    type: ClassVar[str] = "figure"

    @property
    def plain(self) -> str:
        return " ".join(p for p in (self.caption, self.credit) if p)


@dataclass(frozen=True, slots=True)
class Video:
    """A video or audio embed / promo ("WATCH | …")."""

    title: str = ""
    description: str = ""
    src: str = ""
    type: ClassVar[str] = "video"

    @property
    def plain(self) -> str:
        return " ".join(p for p in (self.title, self.description) if p)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A footer such as "With files from …"."""

    text: str
    type: ClassVar[str] = "attribution"

    @property
    def plain(self) -> str:
        return self.text


Block = Union[Paragraph, Heading, Quote, ListBlock, Figure, Video, Attribution]  # noqa: UP007

BLOCK_TYPES: dict[str, type] = {
    cls.type: cls for cls in (Paragraph, Heading, Quote, ListBlock, Figure, Video, Attribution)
}

TEXT_BLOCKS = (Paragraph, Heading, Quote, Attribution)
SIDE_BLOCKS = (Figure, Video)


def block_to_dict(block: Block) -> dict[str, Any]:
    """Serialise one block as ``{"type": …, fields…}`` (the JSON format of ``show --json``)."""
    data: dict[str, Any] = {"type": block.type}
    if isinstance(block, ListBlock):
        data["items"] = list(block.items)
        if block.ordered:
            data["ordered"] = True
    elif isinstance(block, Figure):
        data.update(src=block.src, alt=block.alt, caption=block.caption, credit=block.credit)
    elif isinstance(block, Video):
        data.update(title=block.title, description=block.description, src=block.src)
    else:
        data["text"] = block.text
    return data


def block_from_dict(data: dict[str, Any]) -> Block:
    """Inverse of :func:`block_to_dict`; raises ``ValueError`` on an unknown type."""
    kind = data.get("type")
    if kind == "list":
        return ListBlock(tuple(data.get("items", ())), bool(data.get("ordered", False)))
    if kind == "figure":
        return Figure(
            data.get("src", ""),
            data.get("alt", ""),
            data.get("caption", ""),
            data.get("credit", ""),
        )
    if kind == "video":
        return Video(data.get("title", ""), data.get("description", ""), data.get("src", ""))
    cls = BLOCK_TYPES.get(str(kind))
    if cls is None:
        raise ValueError(f"unknown block type: {kind!r}")
    return cls(data.get("text", ""))


def reading_minutes_for(blocks: tuple[Block, ...] | list[Block]) -> int:
    """Estimated reading time in whole minutes (at least 1)."""
    words = sum(len(b.plain.split()) for b in blocks if not isinstance(b, SIDE_BLOCKS))
    return max(1, round(words / WORDS_PER_MINUTE))


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: metadata plus an ordered tuple of blocks.

    ``id`` is ``None`` until the store has saved it. ``guid`` identifies the
    entry within its feed (feed guid, else its URL, else a content hash).
    ``feed`` is the feed's (or source's) display title.
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

    def __post_init__(self) -> None:
        if self.published is not None and self.published.tzinfo is None:
            raise ValueError("Article.published must be timezone-aware")
        if not self.reading_minutes and self.blocks:
            object.__setattr__(self, "reading_minutes", reading_minutes_for(self.blocks))

    @property
    def lead_figure(self) -> Figure | None:
        """The first figure if it comes before the first paragraph."""
        for block in self.blocks:
            if isinstance(block, Figure):
                return block
            if isinstance(block, Paragraph):
                return None
        return None

    @property
    def body_text(self) -> str:
        """Plain text of every body block, one per line (for search and hashing)."""
        return "\n".join(b.plain for b in self.blocks if not isinstance(b, SIDE_BLOCKS))

    @property
    def caption_text(self) -> str:
        """Plain text of every caption, credit and video card."""
        return "\n".join(b.plain for b in self.blocks if isinstance(b, SIDE_BLOCKS))

    def with_changes(self, **changes: Any) -> Article:
        """A copy with some fields replaced."""
        return replace(self, **changes)

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
        }


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
    "SIDE_BLOCKS",
    "TEXT_BLOCKS",
    "WORDS_PER_MINUTE",
    "Article",
    "ArticleSummary",
    "Attribution",
    "Block",
    "Figure",
    "Heading",
    "ListBlock",
    "Paragraph",
    "Quote",
    "Video",
    "block_from_dict",
    "block_to_dict",
    "reading_minutes_for",
]
