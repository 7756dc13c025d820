"""Bulk marks: every unread article of a list marked read at once (and undone)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader.store.articles import ListQuery
from newsreader.store.db import write_transaction


class MarkStore:
    """Bulk read marks; mixed into :class:`newsreader.store.Store`."""

    conn: sqlite3.Connection
    path: Path

    def mark_all_read(self, query: ListQuery, before: int | None = None) -> list[int]:
        """Mark read every unread article of ``query`` (sorted before ``before``, unix
        seconds, when given); returns the ids that changed, for an undo."""
        where, params = query.where()
        where += " AND a.read = 0"
        if before is not None:
            where += " AND a.sort_key < ?"
            params.append(before)
        with write_transaction(self.conn, self.path) as conn:
            ids = [r[0] for r in conn.execute(f"SELECT a.id FROM articles a WHERE {where}", params)]
            conn.execute(
                f"UPDATE articles SET read = 1 WHERE id IN (SELECT a.id FROM articles a "
                f"WHERE {where})",
                params,
            )
        return ids

    def mark_unread(self, ids: list[int]) -> int:
        """Mark ``ids`` unread again in one transaction; returns how many changed."""
        changed = 0
        with write_transaction(self.conn, self.path) as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                cur = conn.execute(
                    f"UPDATE articles SET read = 0 WHERE read = 1 AND id IN ({marks})", chunk
                )
                changed += cur.rowcount
        return changed
