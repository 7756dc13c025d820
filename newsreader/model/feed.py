"""Feeds: subscriptions and the typed data a feed parser produces.

:class:`FeedData` and :class:`EntryData` are what every parser in
:mod:`newsreader.formats` returns (RSS, Atom, JSON Feed) and what
:mod:`newsreader.extract.entries` turns into articles. Their text is as the feed
gave it (neither cleaned nor cut): the article builder cleans it.
"""

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


@dataclass(frozen=True, slots=True)
class Content:
    """A text construct as the feed gave it: a title, a summary or a body.

    ``type`` is a MIME type (``text/html``, ``text/plain``, ``application/xhtml+xml``);
    ``base`` is the URL its relative links resolve against (``""`` when unknown).
    """

    value: str
    type: str = "text/plain"
    base: str = ""

    @property
    def is_html(self) -> bool:
        """Whether the value is markup (HTML, XHTML or XML) rather than literal text."""
        kind = self.type.lower()
        return "html" in kind or "xml" in kind


@dataclass(frozen=True, slots=True)
class Image:
    """An image a feed attaches to an entry (Media RSS, a thumbnail or an enclosure).

    ``caption_type`` is ``"plain"`` or ``"html"``; the URL may be relative.
    """

    url: str
    title: str = ""
    caption: str = ""
    caption_type: str = "plain"
    credit: str = ""


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file attached to an entry (a podcast's audio, an image): its URL and MIME type."""

    url: str
    type: str = ""


@dataclass(frozen=True, slots=True)
class EntryData:
    """One entry of a feed, as its parser read it.

    ``link`` is the entry's page (absolute, or relative to ``base``); ``base`` is the
    URL the entry's own relative links resolve against (its ``xml:base``, or ``""``).
    ``authors`` are author lines as given (``"Jo (jo@example.com)"``).
    ``published`` and ``updated`` are aware datetimes (UTC), whole seconds.
    ``content`` is the entry's best body (HTML preferred), ``summary`` its summary
    (``None`` when it only repeats ``content``); either may be ``None``. ``tags`` are
    its category labels (or terms) in order; ``images`` the candidates for a lead
    picture, best first.
    """

    guid: str = ""
    link: str = ""
    title: Content | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    summary: Content | None = None
    content: Content | None = None
    base: str = ""
    tags: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedData:
    """A parsed feed: its title, its site's link, where it came from and its entries.

    ``url`` is the feed's own address (the base for relative links, ``""`` if unknown);
    ``entries`` are in document order.
    """

    title: Content | None = None
    link: str = ""
    url: str = ""
    entries: tuple[EntryData, ...] = ()
