"""Full text fetched from an article's web page, kept beside the feed's own body.

The ``articles`` row keeps what the feed gave (the summary is never lost); a
``full_texts`` row holds the page's blocks when the page gave an article, or why
it did not (login wall, too large, timed out …). Each feed has a ``full_text``
mode (``""`` follows the config, else ``auto``, ``always`` or ``never``).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newsreader.model import Block
from newsreader.store.articles import full_text_blob
from newsreader.store.codec import decode_blocks, encode_blocks, from_timestamp
from newsreader.store.db import fetch_all, fetch_one, write_transaction

FULL_TEXT_MODES = ("auto", "always", "never")
FullTextStatus = Literal["ok", "kept-summary"]


@dataclass(frozen=True, slots=True)
class FullTextRecord:
    """What fetching an article's page gave: its blocks (``ok``), or why not."""

    article_id: int
    status: FullTextStatus
    blocks: tuple[Block, ...] = ()
    reason: str = ""
    url: str = ""
    fetched: Any = None  # an aware datetime

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article that may get a full text: its id, web link and its feed's mode."""

    article_id: int
    url: str
    feed_id: int
    feed_url: str
    mode: str  # "" (the config's), "auto", "always" or "never"
    has_full_text: bool


class FullTextStore:
    """Full-text rows and per-feed modes; mixed into :class:`newsreader.store.Store`."""

    conn: sqlite3.Connection
    path: Path

    def set_full_text_mode(self, feed_id: int, mode: str) -> None:
        """Set a feed's mode: ``auto``, ``always``, ``never``, or ``""`` (the config's)."""
        if mode not in (*FULL_TEXT_MODES, ""):
            raise ValueError(f"full text must be one of {', '.join(FULL_TEXT_MODES)}")
        with write_transaction(self.conn, self.path) as conn:
            conn.execute("UPDATE feeds SET full_text = ? WHERE id = ?", (mode, feed_id))

    def full_text_mode(self, feed_id: int) -> str:
        """A feed's own mode (``""`` when it follows the config)."""
        row = fetch_one(
            self.conn, self.path, "SELECT full_text FROM feeds WHERE id = ?", (feed_id,)
        )
        return str(row[0]) if row else ""

    def save_full_text(
        self,
        article_id: int,
        status: FullTextStatus,
        *,
        blocks: tuple[Block, ...] = (),
        reason: str = "",
        url: str = "",
    ) -> bool:
        """Store (or replace) what fetching an article's page gave; False if it was not
        stored (a failed fetch with a page kept from earlier, or no such article).

        A failed fetch never replaces a page's text stored earlier (a re-fetch that
        meets a wall or a dead link keeps what the reader had). The page's text is
        searchable with the article's own: an indexed article's index entry is
        replaced in the same transaction (a pending one is indexed with it later;
        see ``ArticleStore.index_values``).
        """
        blob = encode_blocks(blocks) if status == "ok" else None
        with write_transaction(self.conn, self.path) as conn:
            article = conn.execute(
                "SELECT title, dek, blocks FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if article is None:
                return False
            old = full_text_blob(conn, article_id)
            conn.execute("DELETE FROM full_text_queue WHERE article_id = ?", (article_id,))
            if blob is None and old is not None:
                return False
            conn.execute(
                "INSERT OR REPLACE INTO full_texts"
                "(article_id, status, reason, url, blocks, fetched) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, status, reason, url, blob, int(time.time())),
            )
            pending = conn.execute(
                "SELECT 1 FROM fts_pending WHERE article_id = ?", (article_id,)
            ).fetchone()
            if old == blob or pending:
                return True
            index_text = self._index_text  # type: ignore[attr-defined]
            conn.execute(
                "INSERT INTO articles_fts (articles_fts, rowid, title, dek, body, captions) "
                "VALUES ('delete',?,?,?,?,?)",
                (article_id, *index_text(*article, old)),
            )
            conn.execute(
                "INSERT INTO articles_fts (rowid, title, dek, body, captions) VALUES (?,?,?,?,?)",
                (article_id, *index_text(*article, blob)),
            )
        return True

    def queued_full_texts(self, limit: int) -> list[int]:
        """Up to ``limit`` queued articles, newest first."""
        rows = fetch_all(
            self.conn,
            self.path,
            "SELECT article_id FROM full_text_queue ORDER BY article_id DESC LIMIT ?",
            (limit,),
        )
        return [r[0] for r in rows]

    def unqueue_full_texts(self, article_ids: Sequence[int]) -> None:
        """Take judged articles off the queue (their page fetched, or not wanted)."""
        with write_transaction(self.conn, self.path) as conn:
            conn.executemany(
                "DELETE FROM full_text_queue WHERE article_id = ?", ((i,) for i in article_ids)
            )

    def get_full_text(self, article_id: int) -> FullTextRecord | None:
        """The stored outcome for one article, or ``None`` if its page was never fetched."""
        row = fetch_one(
            self.conn,
            self.path,
            "SELECT status, reason, url, blocks, fetched FROM full_texts WHERE article_id = ?",
            (article_id,),
        )
        if row is None:
            return None
        status, reason, url, blob, fetched = row
        blocks: tuple[Block, ...] = ()
        if status == "ok" and blob is not None:
            try:
                blocks = decode_blocks(blob)
            except (ValueError, TypeError):
                return None  # unreadable: as if never fetched
        return FullTextRecord(article_id, status, blocks, reason, url, from_timestamp(fetched))

    def full_text_candidates(self, article_ids: Sequence[int]) -> list[Candidate]:
        """The given articles with their link, feed and mode, in the order given."""
        found: dict[int, Candidate] = {}
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in fetch_all(
                self.conn,
                self.path,
                "SELECT a.id, a.url, a.feed_id, coalesce(f.url, ''), f.full_text, "
                "t.article_id IS NOT NULL FROM articles a JOIN feeds f ON f.id = a.feed_id "
                f"LEFT JOIN full_texts t ON t.article_id = a.id WHERE a.id IN ({marks})",
                chunk,
            ):
                found[row[0]] = Candidate(row[0], row[1], row[2], row[3], row[4], bool(row[5]))
        return [found[i] for i in ids if i in found]
