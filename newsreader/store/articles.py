"""Articles: saving with de-duplication, listing by keyset pages, marks."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newsreader.model import Article, ArticleSummary
from newsreader.store.codec import (
    ARTICLE_COLUMNS,
    SUMMARY_COLUMNS,
    BodyText,
    Encoded,
    StoredArticle,
    encode_article,
    fts_values_stored,
    index_key,
    no_body_text,
    stored_from_row,
    summary_from_row,
    to_timestamp,
    with_full_text,
)
from newsreader.store.db import fetch_all, fetch_one, write_transaction


def full_text_blob(conn: sqlite3.Connection, article_id: int) -> bytes | None:
    """The blocks of the full text stored for an article (``None``: none, or a kept summary)."""
    row = conn.execute(
        "SELECT blocks FROM full_texts WHERE article_id = ? AND status = 'ok'", (article_id,)
    ).fetchone()
    return row[0] if row else None


def _is_pending(conn: sqlite3.Connection, article_id: int) -> bool:
    return (
        conn.execute("SELECT 1 FROM fts_pending WHERE article_id = ?", (article_id,)).fetchone()
        is not None
    )


def queue_mark(conn: sqlite3.Connection, article_id: int, flag: str, value: bool) -> None:
    """Queue a local mark for the sync server (a no-op for an article not from one).

    One row per item and mark: a later mark replaces an unpushed one and bumps its
    version, so a push that read the older value does not delete the newer one.
    """
    conn.execute(
        "INSERT INTO sync_outbox (item_id, flag, value) "
        "SELECT item_id, ?, ? FROM sync_items WHERE article_id = ? "
        "ON CONFLICT (item_id, flag) DO UPDATE SET value = excluded.value, "
        "version = version + 1",
        (flag, int(value), article_id),
    )


SaveStatus = Literal["new", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class Saved:
    """What happened to one article passed to :meth:`ArticleStore.save_articles`."""

    id: int
    title: str
    status: SaveStatus


ORDERS = ("newest", "oldest", "feed", "title")
"""The list's sort orders: by date either way, by feed (then newest), by title."""

# Each order's keys: (column, collation, descending). The last key is always the id.
_ORDER_KEYS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "newest": (("a.sort_key", "", True), ("a.id", "", True)),
    "oldest": (("a.sort_key", "", False), ("a.id", "", False)),
    "feed": (("f.title", " COLLATE NOCASE", False), ("a.sort_key", "", True), ("a.id", "", True)),
    "title": (("a.title", " COLLATE NOCASE", False), ("a.id", "", False)),
}


@dataclass(frozen=True, slots=True)
class ListQuery:
    """Which articles a list shows (all, unread, bookmarked, one feed) and in what order."""

    unread: bool = False
    bookmarked: bool = False
    feed_id: int | None = None
    order: str = "newest"  # one of ORDERS
    match: str = ""  # an FTS5 MATCH expression (a search): only articles it matches
    exclude: str = ""  # an FTS5 MATCH expression: leave out the articles it matches
    feed_ids: tuple[int, ...] = ()  # only articles of one of these feeds
    read_only: bool = False  # only read articles
    unbookmarked: bool = False  # only articles not bookmarked

    def where(self) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if self.unread:
            clauses.append("a.read = 0")
        if self.read_only:
            clauses.append("a.read = 1")
        if self.bookmarked:
            clauses.append("a.bookmarked = 1")
        if self.unbookmarked:
            clauses.append("a.bookmarked = 0")
        if self.feed_id is not None:
            clauses.append("a.feed_id = ?")
            params.append(self.feed_id)
        if self.feed_ids:
            clauses.append(f"a.feed_id IN ({', '.join('?' * len(self.feed_ids))})")
            params.extend(self.feed_ids)
        # "+a.id": the match is a set to test rows against while the list's index is
        # walked in order (the newest 500 of 20,000 matches in 5 ms, not 90 ms sorting
        # them all); a rare word walks the index too, still a few ms.
        if self.match:
            clauses.append("+a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(self.match)
        if self.exclude:
            clauses.append(
                "+a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            )
            params.append(self.exclude)
        return " AND ".join(clauses) or "1", params

    @property
    def counted(self) -> bool:
        """The maintained counters answer this query's count (no search, no extra filter)."""
        return not (
            self.bookmarked
            or self.match
            or self.exclude
            or self.feed_ids
            or self.read_only
            or self.unbookmarked
        )

    @property
    def keys(self) -> tuple[tuple[str, str, bool], ...]:
        return _ORDER_KEYS.get(self.order, _ORDER_KEYS["newest"])

    @property
    def needs_feed(self) -> bool:
        """The order reads the feed's title (the query must join ``feeds f``)."""
        return any(column.startswith("f.") for column, _, _ in self.keys)

    def order_by(self, reverse: bool = False) -> str:
        """The ``ORDER BY`` terms (``reverse``: the same order walked from its end)."""
        return ", ".join(
            f"{column}{collate} {'DESC' if desc != reverse else 'ASC'}"
            for column, collate, desc in self.keys
        )

    def cursor_columns(self) -> str:
        return ", ".join(column for column, _, _ in self.keys)

    def cursor_of(self, row: ArticleSummary) -> tuple[object, ...]:
        """The keyset position of ``row`` in this order."""
        if self.order == "title":
            return (row.title, row.id)
        if self.order == "feed":
            return (row.feed, row.sort_key, row.id)
        return (row.sort_key, row.id)

    def after(self, cursor: Sequence[object], reverse: bool = False) -> tuple[str, list[object]]:
        """SQL for "comes after ``cursor``" in this order (``reverse``: before it)."""
        keys = self.keys
        if all(not collate and desc == keys[0][2] for _, collate, desc in keys):
            op = "<" if keys[0][2] != reverse else ">"  # one row value: the index is used
            return f"({self.cursor_columns()}) {op} ({', '.join('?' * len(keys))})", list(cursor)
        alternatives: list[str] = []
        params: list[object] = []
        for i, (column, collate, desc) in enumerate(keys):
            equal = [f"{c}{k} = ?" for c, k, _ in keys[:i]]
            op = "<" if desc != reverse else ">"
            alternatives.append("(" + " AND ".join([*equal, f"{column}{collate} {op} ?"]) + ")")
            params.extend([*cursor[:i], cursor[i]])
        return "(" + " OR ".join(alternatives) + ")", params


PendingRow = tuple[int, str, str, str, bytes, bytes | None]
"""An article waiting for the index: id, index key (:func:`index_key`), title, dek,
blocks column, and its full text's blocks (``None``: none)."""
IndexValues = tuple[int, str, str, str, str, str]
"""What the index gets for one article: id, content hash, title, dek, body, captions."""


def index_values_of(row: PendingRow, body_text: BodyText = no_body_text) -> IndexValues:
    """The index text of a pending article (pure: a worker process can compute it)."""
    article_id, key, title, dek, blob, full = row
    return (article_id, key, *with_full_text(fts_values_stored(title, dek, blob, body_text), full))


Cursor = tuple[object, ...]
"""A keyset position: ``(sort_key, id)`` of a row in date order (see ListQuery.cursor_of)."""


class ArticleStore:
    """Article operations; mixed into :class:`newsreader.store.Store`."""

    conn: sqlite3.Connection
    path: Path
    body_text: BodyText  # index text of bodies not stored as blocks (given at open)

    def _index_text(
        self, title: str, dek: str, blob: bytes, full: bytes | None = None
    ) -> tuple[str, str, str, str]:
        """An article's index text: its own, and its page's full text (``full``) if any."""
        return with_full_text(fts_values_stored(title, dek, blob, self.body_text), full)

    # -- writing -----------------------------------------------------------
    def save_articles(
        self,
        feed_id: int,
        articles: Iterable[Article],
        *,
        defer_index: bool = False,
        encoded: Sequence[Encoded] | None = None,
        queue_full_text: bool = False,
    ) -> list[Saved]:
        """Insert or update articles of one feed in a single transaction.

        An article matches a stored one of the same feed by guid, else by URL,
        else (no guid and no URL) by its normalised content. A match is updated
        in place and keeps its read and bookmark marks; an unchanged one is
        left alone. With ``defer_index`` new and changed articles are readable
        at once but enter the full-text index only at :meth:`index_pending`
        (which :meth:`search` runs first). ``encoded`` gives each article's
        :func:`~newsreader.store.codec.encode_article`, computed elsewhere (a parse
        worker); the articles' own blocks are then not read. With ``queue_full_text``
        new articles join the full-text queue in the same transaction (a
        subscription's: see ``FullTextStore.queued_full_texts``).
        """
        now = int(time.time())
        results: list[Saved] = []
        articles = list(articles)
        forms = list(encoded) if encoded is not None else [None] * len(articles)
        if len(forms) != len(articles):
            raise ValueError("encoded must have one entry per article")
        with write_transaction(self.conn, self.path) as conn:
            for article, form in zip(articles, forms, strict=True):
                results.append(self._save_one(conn, feed_id, article, now, defer_index, form))
            if queue_full_text:
                conn.executemany(
                    "INSERT OR IGNORE INTO full_text_queue (article_id) VALUES (?)",
                    ((s.id,) for s in results if s.status == "new"),
                )
        return results

    def index_pending(self, limit: int | None = None) -> int:
        """Index up to ``limit`` (default all) articles saved with ``defer_index``."""
        done = 0
        after = 0
        while limit is None or done < limit:
            batch = 500 if limit is None else min(500, limit - done)
            rows = self.pending_batch(batch, after)
            if not rows:
                break
            self.index_values([index_values_of(row, self.body_text) for row in rows])
            done += len(rows)
            after = rows[-1][0]
        return done

    def pending_batch(self, limit: int, after: int = 0) -> list[PendingRow]:
        """Up to ``limit`` articles waiting for the index, by id above ``after``.

        Each is a :data:`PendingRow`: what :func:`index_values_of` (which may run
        in another process) needs.
        """
        rows = self._read(
            "SELECT a.id, a.content_hash, a.title, a.dek, a.blocks, t.blocks FROM fts_pending p "
            "JOIN articles a ON a.id = p.article_id "
            "LEFT JOIN full_texts t ON t.article_id = a.id AND t.status = 'ok' "
            "WHERE p.article_id > ? ORDER BY p.article_id LIMIT ?",
            (after, limit),
        )
        return [(i, index_key(h, full), t, d, b, full) for i, h, t, d, b, full in rows]

    def index_values(self, values: Sequence[IndexValues]) -> int:
        """Put :func:`index_values_of` results in the index, in one transaction.

        A row changed or indexed since it was read (its content hash or full text
        differs, or it is no longer pending) is skipped: it stays pending with its
        new text.
        Returns how many were indexed.
        """
        if not values:
            return 0
        ids = [v[0] for v in values]
        with write_transaction(self.conn, self.path) as conn:
            current = {
                article_id: index_key(digest, full)
                for article_id, digest, full in conn.execute(
                    "SELECT a.id, a.content_hash, t.blocks FROM fts_pending p JOIN articles a "
                    "ON a.id = p.article_id "
                    "LEFT JOIN full_texts t ON t.article_id = a.id AND t.status = 'ok' "
                    "WHERE p.article_id BETWEEN ? AND ?",
                    (min(ids), max(ids)),
                ).fetchall()
            }
            ready = [v for v in values if current.get(v[0]) == v[1]]
            conn.executemany(
                "INSERT INTO articles_fts (rowid, title, dek, body, captions) VALUES (?,?,?,?,?)",
                ((article_id, *columns) for article_id, _, *columns in ready),
            )
            conn.executemany(
                "DELETE FROM fts_pending WHERE article_id = ?", ((v[0],) for v in ready)
            )
        return len(ready)

    def pending_index(self) -> int:
        """How many articles wait for :meth:`index_pending`."""
        return int(self._read_one("SELECT count(*) FROM fts_pending")[0])

    def _save_one(
        self,
        conn: sqlite3.Connection,
        feed_id: int,
        article: Article,
        now: int,
        defer_index: bool = False,
        form: Encoded | None = None,
    ) -> Saved:
        if form is None:
            form = encode_article(article)
        guid, blob, digest, indexed = form
        if indexed is None and not defer_index:
            indexed = self._index_text(article.title, article.dek, blob)
        row = conn.execute(
            "SELECT id, content_hash, title, dek, blocks FROM articles "
            "WHERE feed_id = ? AND guid = ?",
            (feed_id, guid),
        ).fetchone()
        if row is None and article.url:
            row = conn.execute(
                "SELECT id, content_hash, title, dek, blocks FROM articles "
                "WHERE url = ? AND feed_id = ? LIMIT 1",
                (article.url, feed_id),
            ).fetchone()
        published = to_timestamp(article.published)
        values = (
            article.url,
            article.title,
            article.author,
            article.section,
            article.dek,
            published,
            article.reading_minutes,
            blob,
            digest,
        )
        if row is None:
            cur = conn.execute(
                "INSERT INTO articles (url, title, author, section, dek, published, "
                "reading_minutes, blocks, content_hash, feed_id, guid, sort_key, read, "
                "bookmarked, added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    *values,
                    feed_id,
                    guid,
                    published or now,
                    int(article.read),
                    int(article.bookmarked),
                    now,
                ),
            )
            article_id = int(cur.lastrowid or 0)
            if defer_index:
                conn.execute("INSERT INTO fts_pending (article_id) VALUES (?)", (article_id,))
            else:
                conn.execute(
                    "INSERT INTO articles_fts (rowid, title, dek, body, captions) "
                    "VALUES (?,?,?,?,?)",
                    (article_id, *indexed),
                )
            return Saved(article_id, article.title, "new")
        article_id, old_hash, old_title, old_dek, old_blocks = row
        if old_hash == digest:
            return Saved(article_id, article.title, "unchanged")
        full = full_text_blob(conn, article_id)  # the page's text stays with the update
        if not _is_pending(conn, article_id):  # a pending article is not in the index yet
            conn.execute(
                "INSERT INTO articles_fts (articles_fts, rowid, title, dek, body, captions) "
                "VALUES ('delete',?,?,?,?,?)",
                (article_id, *self._index_text(old_title, old_dek, old_blocks, full)),
            )
            if defer_index:
                conn.execute("INSERT INTO fts_pending (article_id) VALUES (?)", (article_id,))
        conn.execute(
            "UPDATE articles SET url=?, title=?, author=?, section=?, dek=?, published=?, "
            "reading_minutes=?, blocks=?, content_hash=?, sort_key=coalesce(?, sort_key) "
            "WHERE id=?",
            (*values, published, article_id),
        )
        if not defer_index:
            conn.execute("DELETE FROM fts_pending WHERE article_id = ?", (article_id,))
            conn.execute(
                "INSERT INTO articles_fts (rowid, title, dek, body, captions) VALUES (?,?,?,?,?)",
                (article_id, *with_full_text(indexed, full)),
            )
        return Saved(article_id, article.title, "updated")

    def set_read(self, ids: int | Sequence[int], read: bool = True) -> int:
        """Mark articles read or unread; returns how many rows exist."""
        return self._set_flag("read", ids, read)

    def set_bookmarked(self, ids: int | Sequence[int], bookmarked: bool = True) -> int:
        """Bookmark or un-bookmark articles; returns how many rows exist."""
        return self._set_flag("bookmarked", ids, bookmarked)

    def _set_flag(self, column: str, ids: int | Sequence[int], value: bool) -> int:
        """Set a mark; for an article from a sync server, queue it in the same transaction.

        The queue (``sync_outbox``) is what ``newsreader sync`` pushes: the mark and
        its queue entry commit together, so a crash loses neither alone.
        """
        id_list = [ids] if isinstance(ids, int) else list(ids)
        found = 0
        with write_transaction(self.conn, self.path) as conn:
            for article_id in id_list:
                cur = conn.execute(
                    f"UPDATE articles SET {column} = ? WHERE id = ?", (int(value), article_id)
                )
                found += cur.rowcount
                if cur.rowcount:
                    queue_mark(conn, article_id, column, value)
        return found

    def mark_read_by_key(self, keys_by_feed_url: Mapping[str, Iterable[str]]) -> int:
        """Mark read the unread articles whose guid or URL is among their feed's keys.

        ``keys_by_feed_url`` maps a subscription's URL to guids and URLs (another
        reader's read marks, such as newsboat's). Returns how many changed.
        """
        changed = 0
        by_url = dict(self._read("SELECT url, id FROM feeds WHERE url IS NOT NULL"))
        with write_transaction(self.conn, self.path) as conn:
            for feed_url, keys in keys_by_feed_url.items():
                feed_id = by_url.get(feed_url)
                if feed_id is None:
                    continue
                for key in keys:
                    rows = conn.execute(
                        "UPDATE articles SET read = 1 WHERE feed_id = ? AND read = 0 "
                        "AND (guid = ? OR url = ?) RETURNING id",
                        (feed_id, key, key),
                    ).fetchall()
                    for (article_id,) in rows:
                        queue_mark(conn, article_id, "read", True)
                    changed += len(rows)
        return changed

    def delete_articles(self, ids: Sequence[int]) -> None:
        """Remove articles and their index entries."""
        with write_transaction(self.conn, self.path) as conn:
            for article_id in ids:
                self._delete_one(conn, article_id)

    def _delete_one(self, conn: sqlite3.Connection, article_id: int) -> None:
        row = conn.execute(
            "SELECT title, dek, blocks FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return
        if not _is_pending(conn, article_id):  # else never indexed; the row cascades
            conn.execute(
                "INSERT INTO articles_fts (articles_fts, rowid, title, dek, body, captions) "
                "VALUES ('delete',?,?,?,?,?)",
                (article_id, *self._index_text(*row, full_text_blob(conn, article_id))),
            )
        conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def prune(
        self, feed_id: int, *, keep: int | None = None, max_age_days: int | None = None
    ) -> int:
        """Apply retention to one feed; bookmarked articles are never deleted."""
        doomed: set[int] = set()
        if keep is not None:
            doomed.update(
                r[0]
                for r in self._read(
                    "SELECT id FROM articles WHERE feed_id = ? ORDER BY sort_key DESC, id DESC "
                    "LIMIT -1 OFFSET ?",
                    (feed_id, max(keep, 0)),
                )
            )
        if max_age_days is not None:
            cutoff = int(time.time()) - max_age_days * 86400
            doomed.update(
                r[0]
                for r in self._read(
                    "SELECT id FROM articles WHERE feed_id = ? AND sort_key < ?", (feed_id, cutoff)
                )
            )
        if not doomed:
            return 0
        marked = ",".join("?" * len(doomed))
        keep_ids = {
            r[0]
            for r in self._read(
                f"SELECT id FROM articles WHERE bookmarked = 1 AND id IN ({marked})", list(doomed)
            )
        }
        doomed -= keep_ids
        self.delete_articles(sorted(doomed))
        return len(doomed)

    # -- reading -----------------------------------------------------------
    def get_stored(self, article_id: int) -> StoredArticle | None:
        """An article's fields and its body as stored, or ``None``.

        Turning the body into blocks is not the store's job: see
        :func:`newsreader.services.reading.get_article`.
        """
        row = self._read_one(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
            "WHERE a.id = ?",
            (article_id,),
        )
        return stored_from_row(row) if row else None

    def list_articles(
        self,
        query: ListQuery = ListQuery(),
        limit: int = 200,
        after: Cursor | None = None,
        *,
        oldest_first: bool = False,
    ) -> list[ArticleSummary]:
        """A page of the list in ``query``'s order, starting after ``after`` (keyset).

        ``oldest_first`` walks the same order from the other end (for jumping
        to the bottom of the list).
        """
        where, params = query.where()
        if after is not None:
            clause, more = query.after(after, reverse=oldest_first)
            where += f" AND {clause}"
            params += more
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM articles a "
            f"JOIN feeds f ON f.id = a.feed_id WHERE {where} "
            f"ORDER BY {query.order_by(reverse=oldest_first)} LIMIT ?"
        )
        return [summary_from_row(row) for row in self._read(sql, (*params, limit))]

    def cursor_at(self, query: ListQuery, offset: int) -> Cursor | None:
        """The keyset position of row ``offset`` (0-based, in list order) of ``query``.

        ``None`` when the list is shorter (or ``offset`` is negative). One
        index-only OFFSET scan (in date order): for jumping far into a long list.
        """
        if offset < 0:
            return None
        where, params = query.where()
        join = " JOIN feeds f ON f.id = a.feed_id" if query.needs_feed else ""
        row = self._read_one(
            f"SELECT {query.cursor_columns()} FROM articles a{join} WHERE {where} "
            f"ORDER BY {query.order_by()} LIMIT 1 OFFSET ?",
            (*params, offset),
        )
        return tuple(row) if row else None

    def position_of(self, query: ListQuery, article_id: int) -> int | None:
        """The 0-based row of an article in ``query``'s list, or ``None`` if not in it."""
        where, params = query.where()
        join = " JOIN feeds f ON f.id = a.feed_id" if query.needs_feed else ""
        row = self._read_one(
            f"SELECT {query.cursor_columns()} FROM articles a{join} WHERE a.id = ? AND {where}",
            (article_id, *params),
        )
        if row is None:
            return None
        clause, more = query.after(tuple(row), reverse=True)
        before = self._read_one(
            f"SELECT count(*) FROM articles a{join} WHERE {where} AND {clause}",
            (*params, *more),
        )
        return int(before[0])

    def count(self, query: ListQuery = ListQuery(), *, cap: int | None = None) -> int:
        """How many articles a query matches (uses the maintained counters when it can).

        ``cap`` stops counting there (a search matching half the store need not be
        counted to the end to say "10,000+").
        """
        if query.counted:
            column = "unread_count" if query.unread else "article_count"
            if query.feed_id is None:
                row = self._read_one(f"SELECT coalesce(sum({column}), 0) FROM feeds")
            else:
                row = self._read_one(
                    f"SELECT coalesce({column}, 0) FROM feeds WHERE id = ?", (query.feed_id,)
                )
            return int(row[0]) if row else 0
        where, params = query.where()
        if cap is not None:
            sql = f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {where} LIMIT ?)"
            return int(self._read_one(sql, (*params, max(0, cap)))[0])
        return int(self._read_one(f"SELECT count(*) FROM articles a WHERE {where}", params)[0])

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """Every row of a read; errors (also those met while fetching) are StoreError."""
        return fetch_all(self.conn, self.path, sql, params)

    def _read_one(self, sql: str, params: Sequence[object] = ()) -> Any:
        """The first row of a read, or ``None``."""
        return fetch_one(self.conn, self.path, sql, params)
