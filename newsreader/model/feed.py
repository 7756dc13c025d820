"""Feeds: subscriptions and the typed data a feed parser produces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription (or the source of imported articles when ``url`` is empty)."""

    title: str
    url: str = ""
    site_url: str = ""
    tags: tuple[str, ...] = ()
    id: int | None = None
    etag: str = ""
    last_modified: str = ""
    last_success: datetime | None = None
    last_error: str = ""
    article_count: int = 0
    unread_count: int = 0
