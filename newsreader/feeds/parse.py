"""Feed bytes → articles, through feedparser. (Placeholder: the parse work fills this in.)"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from newsreader.model import Article


class FeedError(Exception):
    """The bytes are not a usable feed (one-line, user-facing message)."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed: its title, site link and articles (newest first as published)."""

    title: str
    link: str = ""
    articles: list[Article] = field(default_factory=list)


def parse_feed(data: bytes, url: str = "", headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse feed bytes; raise :class:`FeedError` when they are not a feed."""
    raise FeedError("feed parsing is not written yet")
