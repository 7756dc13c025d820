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

    @property
    def indexing(self) -> bool:
        """Every article is stored (readable); the search index is catching up."""
        return self.to_index > 0


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
            + (
                (f"{self.full_texts:,} full texts ({self.full_text_kept:,} kept the summary)",)
                if self.full_texts or self.full_text_kept
                else ()
            )
        )


ProgressCallback = Callable[[RefreshProgress], None]
