"""Where the reader left off: named app values and each article's read progress."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader.store.db import fetch_all, fetch_one, write_transaction

PROGRESS_DONE = 1000
"""``read_progress`` of an article read to its end (progress is in thousandths)."""


class StateStore:
    """App state and reading progress; mixed into :class:`newsreader.store.Store`."""

    conn: sqlite3.Connection
    path: Path

    def get_state(self, key: str) -> str | None:
        """The value kept under ``key``, or ``None``."""
        row = fetch_one(self.conn, self.path, "SELECT value FROM app_state WHERE key = ?", (key,))
        return str(row[0]) if row else None

    def all_state(self) -> dict[str, str]:
        """Every kept value (one read at start-up)."""
        return dict(fetch_all(self.conn, self.path, "SELECT key, value FROM app_state"))

    def set_state(self, values: dict[str, str | None]) -> None:
        """Keep each value under its key in one transaction (``None`` forgets it)."""
        with write_transaction(self.conn, self.path) as conn:
            for key, value in values.items():
                if value is None:
                    conn.execute("DELETE FROM app_state WHERE key = ?", (key,))
                else:
                    conn.execute(
                        "INSERT INTO app_state (key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        (key, value),
                    )

    def set_progress(self, article_id: int, progress: int) -> None:
        """Remember how far an article was read (thousandths, clamped to 0…1000)."""
        value = max(0, min(PROGRESS_DONE, int(progress)))
        with write_transaction(self.conn, self.path) as conn:
            conn.execute("UPDATE articles SET read_progress = ? WHERE id = ?", (value, article_id))

    def get_progress(self, article_id: int) -> int:
        """How far an article was read (0 when never, or unknown)."""
        row = fetch_one(
            self.conn, self.path, "SELECT read_progress FROM articles WHERE id = ?", (article_id,)
        )
        return int(row[0]) if row else 0
