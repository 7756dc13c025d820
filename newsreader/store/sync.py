"""What sync with a Google Reader API server keeps: feed and item ids, the outbox, state.

The store only stores: the protocol and the conflict rule's reasoning live in
:mod:`newsreader.services.sync`. Here the rule is enforced where it must be
atomic: server marks are applied in one transaction that skips every article with
a queued (unpushed) local mark, so an unpushed local change always wins.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from newsreader.model import Article
from newsreader.store.codec import Encoded
from newsreader.store.db import fetch_all, fetch_one, write_transaction

Flag = Literal["read", "bookmarked"]
FeedAction = Literal["subscribe", "unsubscribe", "edit"]


@dataclass(frozen=True, slots=True)
class QueuedMark:
    """One unpushed local mark: the server item, which mark, its value and version."""

    item_id: str
    flag: Flag
    value: bool
    version: int


@dataclass(frozen=True, slots=True)
class QueuedFeedEdit:
    """One unpushed local feed edit.

    ``subscribe``: ``title``/``tags`` are the feed's as it is now; ``edit``: each is
    ``None`` when unchanged, ``old_tags`` the tags the server had.
    """

    url: str
    stream_id: str | None
    action: FeedAction
    title: str | None
    tags: tuple[str, ...] | None
    old_tags: tuple[str, ...]
    version: int
    feed_id: int | None = None


def queue_feed_edit(
    conn: sqlite3.Connection,
    feed_id: int,
    action: FeedAction,
    *,
    title: str | None = None,
    tags: Sequence[str] | None = None,
) -> bool:
    """Queue a feed edit for the sync server, in the caller's transaction (before the change).

    Only a feed on the server (a stream id in ``sync_feeds``) queues an unsubscribe or
    an edit; ``subscribe`` is for a new local feed. Editing a feed whose subscribe is
    still queued needs nothing (the subscribe sends the feed as it is when pushed);
    removing it drops the subscribe. Returns whether the server will be told.
    """
    row = conn.execute(
        "SELECT f.url, f.tags, s.stream_id FROM feeds f "
        "LEFT JOIN sync_feeds s ON s.feed_id = f.id WHERE f.id = ?",
        (feed_id,),
    ).fetchone()
    if row is None or row[0] is None:
        return False
    url, old_tags, stream_id = row
    if action == "subscribe":
        if stream_id is not None:
            return False
        conn.execute(
            "INSERT INTO sync_feed_edits (feed_url, action) VALUES (?, 'subscribe') "
            "ON CONFLICT (feed_url) DO UPDATE SET action = 'subscribe', stream_id = NULL, "
            "title = NULL, tags = NULL, version = version + 1",
            (url,),
        )
        return True
    if stream_id is None:
        queued = conn.execute(
            "SELECT action FROM sync_feed_edits WHERE feed_url = ?", (url,)
        ).fetchone()
        if queued is None or queued[0] != "subscribe":
            return False
        if action == "unsubscribe":
            conn.execute("DELETE FROM sync_feed_edits WHERE feed_url = ?", (url,))
        return True
    if action == "unsubscribe":
        conn.execute(
            "INSERT INTO sync_feed_edits (feed_url, stream_id, action) "
            "VALUES (?, ?, 'unsubscribe') "
            "ON CONFLICT (feed_url) DO UPDATE SET action = 'unsubscribe', "
            "stream_id = excluded.stream_id, title = NULL, tags = NULL, version = version + 1",
            (url, stream_id),
        )
        return True
    tags_json = None if tags is None else json.dumps(list(dict.fromkeys(tags)))
    conn.execute(
        "INSERT INTO sync_feed_edits (feed_url, stream_id, action, title, tags, old_tags) "
        "VALUES (?, ?, 'edit', ?, ?, ?) "
        "ON CONFLICT (feed_url) DO UPDATE SET action = 'edit', stream_id = excluded.stream_id, "
        "title = coalesce(excluded.title, title), tags = coalesce(excluded.tags, tags), "
        "version = version + 1",
        (url, stream_id, title, tags_json, old_tags),
    )
    return True


def _unique_source_title(conn: sqlite3.Connection, title: str) -> str:
    candidate = title
    n = 1
    while conn.execute(
        "SELECT 1 FROM feeds WHERE url IS NULL AND title = ?", (candidate,)
    ).fetchone():
        n += 1
        candidate = f"{title} ({n})"
    return candidate


@dataclass(frozen=True, slots=True)
class SyncedItem:
    """One server item to save: its id, the article, its stored form and server marks."""

    item_id: str
    feed_id: int
    article: Article
    encoded: Encoded
    read: bool
    starred: bool


@dataclass(frozen=True, slots=True)
class AppliedMarks:
    """How many local articles a server state pass changed."""

    read: int = 0
    unread: int = 0
    bookmarked: int = 0
    unbookmarked: int = 0

    @property
    def total(self) -> int:
        return self.read + self.unread + self.bookmarked + self.unbookmarked


_NOT_QUEUED = (
    "NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.item_id = s.item_id AND o.flag = '{flag}')"
)


class SyncStore:
    """Sync bookkeeping; mixed into :class:`newsreader.store.Store`."""

    conn: sqlite3.Connection
    path: Path

    # -- state ---------------------------------------------------------------
    def sync_value(self, key: str) -> str | None:
        row = fetch_one(self.conn, self.path, "SELECT value FROM sync_state WHERE key = ?", (key,))
        return row[0] if row else None

    def set_sync_value(self, key: str, value: str) -> None:
        with write_transaction(self.conn, self.path) as conn:
            conn.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- feeds ---------------------------------------------------------------
    def synced_feed_ids(self) -> dict[str, int]:
        """Server stream id → local feed id, for the feeds the server has."""
        rows = fetch_all(
            self.conn,
            self.path,
            "SELECT stream_id, feed_id FROM sync_feeds WHERE stream_id IS NOT NULL",
        )
        return {r[0]: int(r[1]) for r in rows}

    def unsynced_feeds(self) -> list[tuple[int, str, str, list[str]]]:
        """Subscriptions never seen on the server: ``(id, url, title, tags)``."""
        rows = fetch_all(
            self.conn,
            self.path,
            "SELECT f.id, f.url, f.title, f.tags FROM feeds f WHERE f.url IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM sync_feeds s WHERE s.feed_id = f.id) ORDER BY f.id",
        )
        return [(int(r[0]), r[1], r[2], list(json.loads(r[3]))) for r in rows]

    def merge_server_feeds(self, feeds: Sequence[tuple[str, str, str, Sequence[str]]]) -> int:
        """Take the server's subscriptions ``(stream_id, url, title, tags)`` in one transaction.

        A feed is matched by stream id, else by URL, else created; its title and tags
        become the server's (tags: its folders) unless a local edit of it is queued
        (an unpushed local change wins; a queued unsubscribe keeps it away). A
        mapped feed the server no longer lists is removed, except its bookmarked
        articles: those stay, in a local source of the feed's title (an empty list
        removes nothing). Returns feeds created.
        """
        created = 0
        now = int(time.time())
        with write_transaction(self.conn, self.path) as conn:
            queued: dict[str, str] = {}
            for url, stream_id, action in conn.execute(
                "SELECT feed_url, stream_id, action FROM sync_feed_edits"
            ).fetchall():
                queued[url] = action
                if stream_id:
                    queued[stream_id] = action
            listed = set()
            for stream_id, url, title, tags in feeds:
                listed.add(stream_id)
                action = queued.get(stream_id) or queued.get(url)
                if action == "unsubscribe":
                    continue
                tags_json = json.dumps(list(dict.fromkeys(tags)))
                row = conn.execute(
                    "SELECT feed_id FROM sync_feeds WHERE stream_id = ?", (stream_id,)
                ).fetchone()
                if row is None:
                    row = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
                if row is None:
                    cur = conn.execute(
                        "INSERT INTO feeds (url, title, tags, added) VALUES (?,?,?,?)",
                        (url, title or url, tags_json, now),
                    )
                    feed_id = int(cur.lastrowid or 0)
                    created += 1
                else:
                    feed_id = int(row[0])
                    if action is None:
                        conn.execute(
                            "UPDATE feeds SET tags = ?, "
                            "title = CASE WHEN ? = '' THEN title ELSE ? END WHERE id = ?",
                            (tags_json, title, title, feed_id),
                        )
                conn.execute("DELETE FROM sync_feeds WHERE stream_id = ?", (stream_id,))
                conn.execute(
                    "INSERT INTO sync_feeds (feed_id, stream_id) VALUES (?, ?) "
                    "ON CONFLICT (feed_id) DO UPDATE SET stream_id = excluded.stream_id",
                    (feed_id, stream_id),
                )
            mapped = conn.execute(
                "SELECT s.stream_id, s.feed_id, f.url FROM sync_feeds s "
                "JOIN feeds f ON f.id = s.feed_id WHERE s.stream_id IS NOT NULL"
            ).fetchall()
            for stream_id, feed_id, url in mapped if listed else ():  # empty: remove nothing
                if stream_id not in listed and stream_id not in queued and url not in queued:
                    self._drop_server_removed(conn, int(feed_id))
        return created

    def _drop_server_removed(self, conn: sqlite3.Connection, feed_id: int) -> None:
        """Remove a feed the server dropped; its bookmarked articles stay, in a local source."""
        conn.execute("DELETE FROM sync_feeds WHERE feed_id = ?", (feed_id,))
        for (article_id,) in conn.execute(
            "SELECT id FROM articles WHERE feed_id = ? AND bookmarked = 0", (feed_id,)
        ).fetchall():
            self._delete_one(conn, article_id)  # type: ignore[attr-defined]
        kept = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM articles WHERE feed_id = ?", (feed_id,)
            ).fetchall()
        ]
        if not kept:
            conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
            return
        for article_id in kept:  # local now: the server's marks no longer reach them
            conn.execute(
                "DELETE FROM sync_outbox WHERE item_id IN "
                "(SELECT item_id FROM sync_items WHERE article_id = ?)",
                (article_id,),
            )
            conn.execute("DELETE FROM sync_items WHERE article_id = ?", (article_id,))
        title = conn.execute("SELECT title FROM feeds WHERE id = ?", (feed_id,)).fetchone()[0]
        conn.execute(
            "UPDATE feeds SET url = NULL, title = ?, etag = '', last_modified = '' WHERE id = ?",
            (_unique_source_title(conn, title), feed_id),
        )

    # -- feed edits ------------------------------------------------------------
    def queued_feed_edits(self) -> list[QueuedFeedEdit]:
        """Unpushed feed edits, oldest first (a subscribe with the feed's title and tags)."""
        rows = fetch_all(
            self.conn,
            self.path,
            "SELECT e.feed_url, e.stream_id, e.action, e.title, e.tags, e.old_tags, "
            "e.version, f.id, f.title, f.tags FROM sync_feed_edits e "
            "LEFT JOIN feeds f ON f.url = e.feed_url ORDER BY e.rowid",
        )
        edits = []
        for url, stream, action, title, tags, old, version, fid, ftitle, ftags in rows:
            if action == "subscribe":
                title = ftitle if ftitle and ftitle != url else ""
                tags = ftags
            edits.append(
                QueuedFeedEdit(
                    url,
                    stream,
                    action,
                    title,
                    None if tags is None else tuple(json.loads(tags)),
                    tuple(json.loads(old)),
                    int(version),
                    None if fid is None else int(fid),
                )
            )
        return edits

    def unqueue_feed_edit(self, edit: QueuedFeedEdit) -> None:
        """Forget a pushed feed edit; one changed since it was read stays queued."""
        with write_transaction(self.conn, self.path) as conn:
            conn.execute(
                "DELETE FROM sync_feed_edits WHERE feed_url = ? AND version = ?",
                (edit.url, edit.version),
            )

    # -- items ---------------------------------------------------------------
    def known_item_ids(self, item_ids: Iterable[str]) -> set[str]:
        """Which of ``item_ids`` are stored already."""
        wanted = list(item_ids)
        known: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = fetch_all(
                self.conn,
                self.path,
                f"SELECT item_id FROM sync_items WHERE item_id IN ({marks})",
                chunk,
            )
            known.update(r[0] for r in rows)
        return known

    def save_synced(self, items: Sequence[SyncedItem]) -> tuple[int, int, int]:
        """Save one page of server items in one transaction: ``(new, updated, marks taken)``.

        Articles are matched like a feed's (guid, else URL, so an article the
        feed's own URL gave is not stored twice); each item id is mapped to its
        article; the server's read and starred marks are taken unless a local
        mark on the item is queued (an unpushed local change wins). New articles
        join the full-text queue (they are a subscription's, as a refresh's are).
        """
        new = updated = marks = 0
        now = int(time.time())
        with write_transaction(self.conn, self.path) as conn:
            for item in items:
                article = replace(item.article, read=item.read, bookmarked=item.starred)
                saved = self._save_one(  # type: ignore[attr-defined]
                    conn, item.feed_id, article, now, True, item.encoded
                )
                new += saved.status == "new"
                updated += saved.status == "updated"
                if saved.status == "new":
                    conn.execute(
                        "INSERT OR IGNORE INTO full_text_queue (article_id) VALUES (?)",
                        (saved.id,),
                    )
                conn.execute(
                    "INSERT INTO sync_items (item_id, article_id) VALUES (?, ?) "
                    "ON CONFLICT (item_id) DO UPDATE SET article_id = excluded.article_id",
                    (item.item_id, saved.id),
                )
                if saved.status != "new":
                    take = self._take_server_mark
                    marks += take(conn, item.item_id, saved.id, "read", item.read)
                    marks += take(conn, item.item_id, saved.id, "bookmarked", item.starred)
        return new, updated, marks

    @staticmethod
    def _take_server_mark(
        conn: sqlite3.Connection, item_id: str, article_id: int, flag: Flag, value: bool
    ) -> int:
        return conn.execute(
            f"UPDATE articles SET {flag} = ? WHERE id = ? AND {flag} != ? AND NOT EXISTS "
            "(SELECT 1 FROM sync_outbox WHERE item_id = ? AND flag = ?)",
            (int(value), article_id, int(value), item_id, flag),
        ).rowcount

    def apply_server_marks(
        self, unread: Iterable[str] | None, starred: Iterable[str] | None
    ) -> AppliedMarks:
        """Make every synced article's marks the server's, in one transaction.

        ``unread`` is every unread item id on the server, ``starred`` every starred
        one (``None``: leave that mark alone). Articles with a queued local mark
        keep it (an unpushed local change wins).
        """
        counts: dict[str, int] = {}
        with write_transaction(self.conn, self.path) as conn:
            for flag, on, members in (("read", 0, unread), ("bookmarked", 1, starred)):
                if members is None:
                    continue
                conn.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS sync_members (item_id TEXT PRIMARY KEY)"
                )
                conn.execute("DELETE FROM temp.sync_members")
                conn.executemany(
                    "INSERT OR IGNORE INTO temp.sync_members (item_id) VALUES (?)",
                    ((i,) for i in members),
                )
                free = _NOT_QUEUED.format(flag=flag)
                # Members get ``on`` (unread: read = 0; starred: bookmarked = 1) ...
                cur = conn.execute(
                    f"UPDATE articles SET {flag} = ? WHERE {flag} != ? AND id IN "
                    "(SELECT s.article_id FROM sync_items s JOIN temp.sync_members m "
                    f"ON m.item_id = s.item_id WHERE {free})",
                    (on, on),
                )
                counts[f"{flag}:{on}"] = cur.rowcount
                # ... and every other synced article the opposite.
                cur = conn.execute(
                    f"UPDATE articles SET {flag} = ? WHERE {flag} = ? AND id IN "
                    f"(SELECT s.article_id FROM sync_items s WHERE {free}) AND id NOT IN "
                    "(SELECT s.article_id FROM sync_items s JOIN temp.sync_members m "
                    "ON m.item_id = s.item_id)",
                    (1 - on, on),
                )
                counts[f"{flag}:{1 - on}"] = cur.rowcount
                conn.execute("DELETE FROM temp.sync_members")
        return AppliedMarks(
            read=counts.get("read:1", 0),
            unread=counts.get("read:0", 0),
            bookmarked=counts.get("bookmarked:1", 0),
            unbookmarked=counts.get("bookmarked:0", 0),
        )

    # -- the outbox ------------------------------------------------------------
    def queued_marks(self, limit: int = 1000) -> list[QueuedMark]:
        """Unpushed local marks, oldest item first."""
        rows = fetch_all(
            self.conn,
            self.path,
            "SELECT item_id, flag, value, version FROM sync_outbox ORDER BY rowid LIMIT ?",
            (limit,),
        )
        return [QueuedMark(r[0], r[1], bool(r[2]), int(r[3])) for r in rows]

    def queued_count(self) -> int:
        row = fetch_one(self.conn, self.path, "SELECT count(*) FROM sync_outbox")
        return int(row[0])

    def unqueue(self, marks: Sequence[QueuedMark]) -> None:
        """Forget pushed marks; one changed since it was read stays queued."""
        with write_transaction(self.conn, self.path) as conn:
            conn.executemany(
                "DELETE FROM sync_outbox WHERE item_id = ? AND flag = ? AND version = ?",
                ((m.item_id, m.flag, m.version) for m in marks),
            )

    def keep_off_server(self, feed_id: int) -> None:
        """Remember that a local feed is not to be uploaded (the server refused it)."""
        with write_transaction(self.conn, self.path) as conn:
            conn.execute(
                "INSERT OR IGNORE INTO sync_feeds (feed_id, stream_id) VALUES (?, NULL)",
                (feed_id,),
            )

    def synced_article_item(self, article_id: int) -> list[str]:
        """The server item ids of a local article (none for an article not from sync)."""
        rows = fetch_all(
            self.conn,
            self.path,
            "SELECT item_id FROM sync_items WHERE article_id = ? ORDER BY item_id",
            (article_id,),
        )
        return [r[0] for r in rows]

    def synced_counts(self) -> dict[str, Any]:
        """Numbers for ``newsreader sync status`` and tests."""
        row = fetch_one(
            self.conn,
            self.path,
            "SELECT (SELECT count(*) FROM sync_items), (SELECT count(*) FROM sync_outbox), "
            "(SELECT count(*) FROM sync_feeds WHERE stream_id IS NOT NULL), "
            "(SELECT count(*) FROM sync_feed_edits)",
        )
        return {
            "items": int(row[0]),
            "queued": int(row[1]),
            "feeds": int(row[2]),
            "feed_edits": int(row[3]),
        }
