"""What a refresh reports: progress as it goes, each feed's outcome, the summary.

One typed object travels from the run to the screen: :class:`RefreshProgress`.
Cheap to import (no parser, no network): the app imports it at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Outcome = Literal["new", "unchanged", "error"]


@dataclass(frozen=True, slots=True)
class RefreshProgress:
    """Where a refresh is: feeds done of total, articles added, feeds failed so far."""

    done: int
    total: int
    new_articles: int
    errors: int
    feed_title: str = ""  # the feed that just finished
    indexed: int = 0
    to_index: int = 0  # set once every feed is stored and the search index catches up
    pages_done: int = 0  # article pages fetched (or given up) in the full-text phase
    pages: int = 0  # set when the full-text phase starts: the pages it fetches
    pages_ok: int = 0  # of those done, pages whose text was stored
    page_title: str = ""  # the article whose page just finished

    @property
    def indexing(self) -> bool:
        """Every article is stored (readable); the search index is catching up."""
        return self.to_index > 0 and not self.full_text

    @property
    def full_text(self) -> bool:
        """Every article is stored and indexed; their web pages are being fetched."""
        return self.pages > 0

    @property
    def stored(self) -> bool:
        """Every article is stored (readable): the feeds are done."""
        return self.to_index > 0 or self.pages > 0

    @property
    def pages_kept(self) -> int:
        """Pages done that kept the summary (a wall, an error, not an article)."""
        return self.pages_done - self.pages_ok


@dataclass(frozen=True, slots=True)
class FeedResult:
    """The outcome of one feed."""

    feed_id: int
    title: str
    outcome: Outcome
    new: int = 0
    updated: int = 0
    error: str = ""


@dataclass(frozen=True, slots=True)
class RefreshSummary:
    """The outcome of a whole refresh."""

    feeds: int
    new_articles: int
    updated_articles: int
    errors: int
    results: list[FeedResult] = field(default_factory=list)
    seconds: float = 0.0  # until the search index is complete
    stored_seconds: float = 0.0  # until every article was stored (readable)
    full_texts: int = 0  # article pages whose text was stored (the full-text phase)
    full_text_kept: int = 0  # pages fetched that kept the summary (wall, error, too short)

    def line(self) -> str:
        """One line such as ``12 feeds, 340 new articles, 2 errors``."""

        def plural(n: int, word: str) -> str:
            return f"{n:,} {word}{'' if n == 1 else 's'}"

        return ", ".join(
            (
                plural(self.feeds, "feed"),
                plural(self.new_articles, "new article"),
                plural(self.errors, "error"),
            )
            + ((self.full_text_line(),) if self.full_texts or self.full_text_kept else ())
        )

    def full_text_line(self) -> str:
        """``full text: 8 fetched, 2 kept the summary`` (the full-text phase's outcome)."""
        return full_text_line(self.full_texts, self.full_text_kept)


def full_text_line(fetched: int, kept: int) -> str:
    """``full text: 8 fetched, 2 kept the summary``: pages whose text was stored, and
    pages that kept the feed's summary (a wall, an error, not an article)."""
    return f"full text: {fetched:,} fetched, {kept:,} kept the summary"


ProgressCallback = Callable[[RefreshProgress], None]
