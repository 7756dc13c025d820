"""The local SQLite store: feeds, articles, read and bookmark marks, full-text search.

Open with :meth:`Store.open`; every write is a short ``BEGIN IMMEDIATE``
transaction, every list is keyset-paginated, counts come from counters kept
by triggers. Errors reach callers as :class:`StoreError` with a one-line message.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from newsreader.model import ArticleSummary
from newsreader.store.articles import ORDERS, ArticleStore, Cursor, ListQuery, Saved
from newsreader.store.codec import (
    SUMMARY_COLUMNS,
    BodyText,
    StoredArticle,
    no_body_text,
    summary_from_row,
)
from newsreader.store.db import StoreBusy, StoreError, connect, describe, fetch_one
from newsreader.store.feeds import DuplicateFeed, FeedStore, UnknownFeed
from newsreader.store.fulltext import FULL_TEXT_MODES, Candidate, FullTextRecord, FullTextStore
from newsreader.store.marks import MarkStore
from newsreader.store.search import fts_query
from newsreader.store.searches import SavedSearch, SavedSearchStore
from newsreader.store.state import PROGRESS_DONE, StateStore
from newsreader.store.sync import AppliedMarks, QueuedMark, SyncedItem, SyncStore

__all__ = [
    "FULL_TEXT_MODES",
    "ORDERS",
    "PROGRESS_DONE",
    "AppliedMarks",
    "BodyText",
    "Candidate",
    "Counts",
    "Cursor",
    "DuplicateFeed",
    "FullTextRecord",
    "ListQuery",
    "QueuedMark",
    "Saved",
    "SavedSearch",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoredArticle",
    "SyncedItem",
    "UnknownFeed",
]


@dataclass(frozen=True, slots=True)
class Counts:
    """Numbers for the views: all, unread, bookmarked, and unread per feed id."""

    all: int
    unread: int
    bookmarked: int
    unread_by_feed: dict[int, int]


class Store(
    ArticleStore, FeedStore, SyncStore, StateStore, MarkStore, FullTextStore, SavedSearchStore
):
    """One open store file."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, body_text: BodyText = no_body_text
    ) -> None:
        self.conn = conn
        self.path = path
        self.body_text = body_text

    @classmethod
    def open(
        cls, path: str | Path, *, create: bool = True, body_text: BodyText = no_body_text
    ) -> Store:
        """Open the store at ``path``, creating and migrating it as needed.

        ``body_text`` gives the index text of bodies not stored as blocks (the
        layer that stored them knows how to read them; the store does not).
        """
        path = Path(path)
        return cls(connect(path, create=create), path, body_text)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def is_empty(self) -> bool:
        """True when no article is stored."""
        return fetch_one(self.conn, self.path, "SELECT 1 FROM articles LIMIT 1") is None

    def counts(self) -> Counts:
        """View counts from the maintained counters (cost grows with feeds, not articles)."""
        try:
            rows = self.conn.execute("SELECT id, article_count, unread_count FROM feeds").fetchall()
            bookmarked = self.conn.execute(
                "SELECT count(*) FROM articles WHERE bookmarked = 1"
            ).fetchone()[0]
        except sqlite3.Error as error:
            raise describe(error, self.path) from None
        return Counts(
            all=sum(r[1] for r in rows),
            unread=sum(r[2] for r in rows),
            bookmarked=int(bookmarked),
            unread_by_feed={r[0]: r[2] for r in rows},
        )

    def search(
        self, query: str, limit: int = 50, *, raw: bool = True, index_first: bool = True
    ) -> list[ArticleSummary]:
        """Full-text search, newest matches first.

        With ``raw`` the query is FTS5 syntax (``"exact phrase"``, ``a OR b``,
        ``title:word``) and bad syntax raises :class:`StoreError`. Otherwise it is
        what a person typed: whole words first, and only when they don't fill
        ``limit`` is the last word widened to a prefix (:func:`fts_query`). A common
        last word such as "the" then never pays for expanding every term it starts.
        Articles a refresh stored but has not indexed yet are indexed first, unless
        ``index_first`` is false (a refresh is indexing them: search what is indexed).
        """
        if index_first and self.pending_index():
            self.index_pending()  # articles a refresh stored but has not indexed yet
        if raw:
            return self._match(query, query, limit)
        whole, widened = fts_query(query, prefix=False), fts_query(query)
        rows = self._match(whole, query, limit)
        if len(rows) < limit and widened != whole:
            rows = self._match(widened, query, limit)
        return rows

    def _match(self, match: str, query: str, limit: int) -> list[ArticleSummary]:
        if not match.strip():
            return []
        sql = (
            f"SELECT {SUMMARY_COLUMNS} "
            "FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT ?) m "
            "JOIN articles a ON a.id = m.rowid JOIN feeds f ON f.id = a.feed_id "
            "ORDER BY a.id DESC"
        )
        try:
            rows = self.conn.execute(sql, (match, limit)).fetchall()
        except sqlite3.Error as error:
            problem = describe(error, self.path)
            if type(problem) is StoreError and "store error" in str(problem):
                raise StoreError(f"bad search query {query!r}: {error}") from None
            raise problem from None
        return [summary_from_row(r) for r in rows]
