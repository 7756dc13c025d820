"""Read marks brought from another reader (newsboat's ``cache.db``), applied to the store."""

from __future__ import annotations

from newsreader.store.db import write_transaction


def apply_read_flags(store, flags: dict[str, set[str]]) -> int:
    """Mark stored articles read where newsboat had them read; returns how many changed."""
    changed = 0
    by_url = {f.url: f.id for f in store.list_feeds(subscriptions_only=True)}
    with write_transaction(store.conn, store.path) as conn:
        for feed_url, keys in flags.items():
            feed_id = by_url.get(feed_url)
            if feed_id is None or not keys:
                continue
            for key in keys:
                cur = conn.execute(
                    "UPDATE articles SET read = 1 WHERE feed_id = ? AND read = 0 "
                    "AND (guid = ? OR url = ?)",
                    (feed_id, key, key),
                )
                changed += cur.rowcount
    return changed
