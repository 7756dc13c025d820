"""Feeds: subscriptions and local sources, their fetch state and counters."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newsreader.model import Feed
from newsreader.store.codec import from_timestamp
from newsreader.store.db import StoreError, fetch_all, fetch_one, write_transaction
from newsreader.store.sync import queue_feed_edit

_FEED_COLUMNS = (
    "id, title, url, site_url, tags, etag, last_modified, last_success, last_error, "
    "article_count, unread_count"
)


class DuplicateFeed(StoreError):
    """The feed URL is already subscribed."""


class UnknownFeed(StoreError):
    """No feed matches the given id, URL or title."""


def _feed_from_row(row: tuple[Any, ...]) -> Feed:
    (
        id_,
        title,
        url,
        site_url,
        tags,
        etag,
        last_modified,
        last_success,
        last_error,
        count,
        unread,
    ) = row
    return Feed(
        id=id_,
        title=title,
        url=url or "",
        site_url=site_url,
        tags=tuple(json.loads(tags)),
        etag=etag,
        last_modified=last_modified,
        last_success=from_timestamp(last_success),
        last_error=last_error,
        article_count=count,
        unread_count=unread,
    )


class FeedStore:
    """Feed operations; mixed into :class:`newsreader.store.Store`."""

    conn: sqlite3.Connection
    path: Path

    def source_id(self, title: str) -> int:
        """The id of the local source ``title`` (imported files), created if needed."""
        row = fetch_one(
            self.conn, self.path, "SELECT id FROM feeds WHERE url IS NULL AND title = ?", (title,)
        )
        if row:
            return int(row[0])
        with write_transaction(self.conn, self.path) as conn:
            conn.execute(
                "INSERT OR IGNORE INTO feeds (title, url, added) VALUES (?, NULL, ?)",
                (title, int(time.time())),
            )
            row = conn.execute(
                "SELECT id FROM feeds WHERE url IS NULL AND title = ?", (title,)
            ).fetchone()
        return int(row[0])

    def add_feed(
        self,
        url: str,
        title: str,
        tags: Sequence[str] = (),
        site_url: str = "",
        *,
        sync: bool = False,
    ) -> Feed:
        """Subscribe to ``url``; raises :class:`DuplicateFeed` if already there.

        With ``sync`` (a sync server is configured) the subscribe is queued for it in
        the same transaction.
        """
        existing = fetch_one(self.conn, self.path, "SELECT title FROM feeds WHERE url = ?", (url,))
        if existing:
            raise DuplicateFeed(f"already subscribed to {url} (as {existing[0]!r})")
        try:
            with write_transaction(self.conn, self.path) as conn:
                cur = conn.execute(
                    "INSERT INTO feeds (url, title, site_url, tags, added) VALUES (?,?,?,?,?)",
                    (
                        url,
                        title or url,
                        site_url,
                        json.dumps(list(dict.fromkeys(tags))),
                        int(time.time()),
                    ),
                )
                if sync:
                    queue_feed_edit(conn, int(cur.lastrowid or 0), "subscribe")
        except StoreError as error:
            if "UNIQUE" in str(error):
                raise DuplicateFeed(f"already subscribed to {url}") from None
            raise
        return self.get_feed(int(cur.lastrowid or 0))

    def add_feeds(self, feeds: Iterable[tuple[str, str, Sequence[str], str]]) -> tuple[int, int]:
        """Subscribe to many ``(url, title, tags, site_url)`` at once: one transaction.

        All or nothing (an import killed halfway leaves no half of it); a URL
        already subscribed is skipped. Returns (added, already subscribed).
        """
        added = existing = 0
        now = int(time.time())
        with write_transaction(self.conn, self.path) as conn:
            for url, title, tags, site_url in feeds:
                cur = conn.execute(
                    "INSERT INTO feeds (url, title, site_url, tags, added) VALUES (?,?,?,?,?) "
                    "ON CONFLICT (url) DO NOTHING",
                    (url, title or url, site_url, json.dumps(list(dict.fromkeys(tags))), now),
                )
                if cur.rowcount:
                    added += 1
                else:
                    existing += 1
        return added, existing

    def get_feed(self, feed_id: int) -> Feed:
        row = fetch_one(
            self.conn, self.path, f"SELECT {_FEED_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)
        )
        if row is None:
            raise UnknownFeed(f"no feed with id {feed_id}")
        return _feed_from_row(row)

    def list_feeds(self, *, subscriptions_only: bool = False) -> list[Feed]:
        """Every feed (or only those with a URL), by title."""
        where = "WHERE url IS NOT NULL" if subscriptions_only else ""
        rows = fetch_all(
            self.conn,
            self.path,
            f"SELECT {_FEED_COLUMNS} FROM feeds {where} ORDER BY title COLLATE NOCASE, id",
        )
        return [_feed_from_row(r) for r in rows]

    def find_feed(self, spec: str) -> Feed:
        """A feed by id, URL, title, or a part of one title (case-insensitive)."""
        if spec.isdigit():
            row = fetch_one(
                self.conn,
                self.path,
                f"SELECT {_FEED_COLUMNS} FROM feeds WHERE id = ?",
                (int(spec),),
            )
            if row:
                return _feed_from_row(row)
        row = fetch_one(
            self.conn, self.path, f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ?", (spec,)
        )
        if row:
            return _feed_from_row(row)
        rows = fetch_all(
            self.conn,
            self.path,
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE title = ? COLLATE NOCASE",
            (spec,),
        )
        if len(rows) == 1:
            return _feed_from_row(rows[0])
        if len(rows) > 1:
            raise UnknownFeed(f"{len(rows)} feeds are titled {spec!r}; use the id or URL")
        pattern = "%" + spec.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = fetch_all(
            self.conn,
            self.path,
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE title LIKE ? ESCAPE '\\' ORDER BY title",
            (pattern,),
        )
        if len(rows) == 1:
            return _feed_from_row(rows[0])
        if len(rows) > 1:
            names = ", ".join(repr(_feed_from_row(r).title) for r in rows[:5])
            more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
            raise UnknownFeed(f"{spec!r} matches {len(rows)} feeds: {names}{more}; say which")
        raise UnknownFeed(f"no feed matches {spec!r} (give an id, a URL or a title)")

    def remove_feed(self, feed_id: int) -> bool:
        """Unsubscribe and delete the feed's articles (bookmarks included).

        A feed on the sync server queues its unsubscribe in the same transaction;
        returns whether it did.
        """
        with write_transaction(self.conn, self.path) as conn:
            queued = queue_feed_edit(conn, feed_id, "unsubscribe")
            rows = conn.execute("SELECT id FROM articles WHERE feed_id = ?", (feed_id,)).fetchall()
            for (article_id,) in rows:
                self._delete_one(conn, article_id)  # type: ignore[attr-defined]
            conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
        return queued

    def rename_feed(self, feed_id: int, title: str) -> bool:
        """Retitle a feed; one on the sync server queues the rename (returns whether)."""
        with write_transaction(self.conn, self.path) as conn:
            queued = queue_feed_edit(conn, feed_id, "edit", title=title)
            conn.execute("UPDATE feeds SET title = ? WHERE id = ?", (title, feed_id))
        return queued

    def set_tags(self, feed_id: int, tags: Sequence[str]) -> bool:
        """Set a feed's tags; one on the sync server queues them (its folders; returns whether)."""
        with write_transaction(self.conn, self.path) as conn:
            queued = queue_feed_edit(conn, feed_id, "edit", tags=tags)
            conn.execute(
                "UPDATE feeds SET tags = ? WHERE id = ?",
                (json.dumps(list(dict.fromkeys(tags))), feed_id),
            )
        return queued

    def record_unchanged(self, fetches: Sequence[tuple[int, str | None, str | None]]) -> None:
        """Record many successful fetches that changed nothing, in one transaction.

        Each item is ``(feed_id, etag, last_modified)``; ``None`` keeps the stored value.
        """
        now = int(time.time())
        with write_transaction(self.conn, self.path) as conn:
            conn.executemany(
                "UPDATE feeds SET last_error = '', last_success = ?, "
                "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) "
                "WHERE id = ?",
                ((now, etag, modified, feed_id) for feed_id, etag, modified in fetches),
            )

    def record_fetch(
        self,
        feed_id: int,
        *,
        error: str = "",
        etag: str | None = None,
        last_modified: str | None = None,
        new_url: str | None = None,
        title: str | None = None,
        site_url: str | None = None,
    ) -> None:
        """Store the outcome of one fetch: success (no ``error``) or a readable error."""
        sets = ["last_error = ?"]
        params: list[object] = [error]
        if not error:
            sets.append("last_success = ?")
            params.append(int(time.time()))
        for column, value in (
            ("etag", etag),
            ("last_modified", last_modified),
            ("url", new_url),
            ("site_url", site_url),
        ):
            if value is not None:
                sets.append(f"{column} = ?")
                params.append(value)
        if title:
            sets.append("title = CASE WHEN title = url THEN ? ELSE title END")
            params.append(title)
        with write_transaction(self.conn, self.path) as conn:
            conn.execute(f"UPDATE feeds SET {', '.join(sets)} WHERE id = ?", (*params, feed_id))
