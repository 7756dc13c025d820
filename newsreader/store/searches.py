"""Saved searches: a name and the text of a search, shown as a view of their own."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from newsreader.store.db import fetch_all, write_transaction


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """One saved search (``query`` is the text as typed, run again each time it is shown)."""

    id: int
    name: str
    query: str


class SavedSearchStore:
    """Saved searches; mixed into :class:`newsreader.store.Store`."""

    conn: sqlite3.Connection
    path: Path

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search, by name."""
        rows = fetch_all(
            self.conn,
            self.path,
            "SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE, id",
        )
        return [SavedSearch(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Save ``query`` as ``name`` (a search of that name gets the new query)."""
        with write_transaction(self.conn, self.path) as conn:
            conn.execute(
                "INSERT INTO saved_searches (name, query) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET query = excluded.query",
                (name, query),
            )
            row = conn.execute(
                "SELECT id, name, query FROM saved_searches WHERE name = ?", (name,)
            ).fetchone()
        return SavedSearch(int(row[0]), str(row[1]), str(row[2]))

    def delete_saved_search(self, search_id: int) -> bool:
        """Forget a saved search; whether there was one."""
        with write_transaction(self.conn, self.path) as conn:
            cur = conn.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,))
        return cur.rowcount > 0
