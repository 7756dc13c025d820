"""Messages the reader's workers and widgets post."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from newsreader.model import ArticleSummary


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


@dataclass
class RefreshProgressed(Message):
    """A refresh moved on: feeds done of total, new articles and errors so far.

    Posted from the refresh thread after every feed; a newer one replaces any
    still queued, so a fast refresh never floods the UI.
    """

    done: int
    total: int
    new_articles: int
    errors: int
    indexed: int = 0
    to_index: int = 0  # > 0: every article is stored and the search index catches up

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
class StoreChanged(Message):
    """Articles were added or marks changed outside the UI thread: reload counts and list."""
