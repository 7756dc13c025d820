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


@dataclass
class RefreshFinished(Message):
    """A refresh of the subscriptions ended; ``summary`` is a one-line report."""

    summary: str
    error: bool = False


@dataclass
class StoreChanged(Message):
    """Articles were added or marks changed outside the UI thread: reload counts and list."""
