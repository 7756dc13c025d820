"""Opening the store with what reading it needs, and the store's types for the front ends."""

from __future__ import annotations

from pathlib import Path

from newsreader.store import (
    ORDERS,
    PROGRESS_DONE,
    Counts,
    Cursor,
    DuplicateFeed,
    ListQuery,
    Saved,
    SavedSearch,
    Store,
    StoreBusy,
    StoreError,
    UnknownFeed,
)

__all__ = [
    "ORDERS",
    "PROGRESS_DONE",
    "Counts",
    "Cursor",
    "DuplicateFeed",
    "ListQuery",
    "Saved",
    "SavedSearch",
    "Store",
    "StoreBusy",
    "StoreError",
    "UnknownFeed",
    "index_text",
    "open_store",
]


def index_text(body: object) -> tuple[str, str]:
    """The store's ``BodyText``: index text of a body kept as HTML (lxml, imported lazily)."""
    from newsreader.extract.stored import body_text

    return body_text(body)


def open_store(path: str | Path, *, create: bool = True) -> Store:
    """Open (creating and migrating as needed) the store at ``path`` for reading and writing."""
    return Store.open(path, create=create, body_text=index_text)
