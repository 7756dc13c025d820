"""Feed edits for the CLI and the app: remove, rename and tag a feed.

Both call these, so both behave the same while synced: an edit of a feed that is
on the sync server is queued for it in the same transaction as the local change
(:mod:`newsreader.store.sync`), and the next sync pushes it before pulling
(:mod:`newsreader.services.sync.run`). A new subscription is queued by
:func:`newsreader.services.subscribing.subscribe` when ``[sync]`` is configured.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.store import Store

SYNC_NOTE = "the sync server follows at the next sync"


def remove_feed(store: Store, feed_id: int) -> bool:
    """Unsubscribe and delete the feed's articles; ``True`` when the server is to follow."""
    return store.remove_feed(feed_id)


def rename_feed(store: Store, feed_id: int, title: str) -> bool:
    """Retitle a feed; ``True`` when the server is to follow."""
    return store.rename_feed(feed_id, title)


def tag_feed(store: Store, feed_id: int, tags: Sequence[str]) -> bool:
    """Set a feed's tags (a sync server's folders); ``True`` when the server is to follow."""
    return store.set_tags(feed_id, tags)


def sync_note(queued: bool) -> str:
    """What to add to a message about an edit: whether the sync server follows."""
    return f" ({SYNC_NOTE})" if queued else ""
