"""Messages the reader's workers and widgets post."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from newsreader.model import ArticleSummary
from newsreader.services.refresh.progress import RefreshProgress


@dataclass
class ImportFinished(Message):
    """The first-run import of the bundled samples is done."""

    count: int
    failed: list[str]


@dataclass
class SearchResults(Message):
    """Full-text search results for ``text``."""

    text: str
    results: list[ArticleSummary]
    error: str = ""
    not_indexed: int = 0  # articles a running refresh has not indexed yet (not searched)
    total: int = 0  # how many match in all (at least this many when ``capped``)
    capped: bool = False
    words: tuple[str, ...] = ()  # what the search looks for (to highlight)


@dataclass
class RefreshProgressed(Message):
    """A refresh moved on (posted from the refresh thread after every feed).

    A newer one replaces any still queued, so a fast refresh never floods the UI.
    """

    progress: RefreshProgress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RefreshProgressed)


@dataclass
class RefreshFinished(Message):
    """A refresh of the subscriptions ended; ``summary`` is a one-line report."""

    summary: str
    error: bool = False  # the refresh as a whole failed
    new_articles: int = 0
    failed_feeds: int = 0  # feeds whose fetch or parse failed (each stored as last_error)


@dataclass
class FullTextFetched(Message):
    """Fetching an article's web page ended: ``status`` is ``ok``, ``kept-summary``,
    ``skipped`` or ``error``, with a one-line ``reason``."""

    article_id: int
    status: str
    reason: str = ""
