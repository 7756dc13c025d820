"""Marking many articles at once, and undoing the last such change."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsreader.store import ListQuery, Store

_AGE = re.compile(r"^\s*(\d{1,6})\s*([hdw]?)\s*$")
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1), "": None}


@dataclass(frozen=True, slots=True)
class BulkChange:
    """The articles one bulk mark changed (what an undo puts back)."""

    ids: tuple[int, ...]
    where: str  # "Unread", "Harbour Gazette": said in messages

    @property
    def count(self) -> int:
        return len(self.ids)


def parse_age(text: str) -> timedelta:
    """``"12h"``, ``"7d"``, ``"2w"`` or a bare number of days → a timedelta."""
    match = _AGE.match(text)
    if not match:
        raise ValueError(f"not an age: {text!r} (use e.g. 12h, 7d or 2w)")
    number, unit = int(match[1]), match[2]
    return number * (_UNITS[unit] or timedelta(days=1))


def mark_all_read(
    store: Store,
    query: ListQuery,
    where: str,
    *,
    older_than: timedelta | None = None,
    now: datetime | None = None,
) -> BulkChange:
    """Mark read every unread article of ``query`` (only those older than ``older_than``)."""
    before = None
    if older_than is not None:
        moment = (now or datetime.now().astimezone()) - older_than
        before = int(moment.timestamp())
    return BulkChange(tuple(store.mark_all_read(query, before)), where)


def undo(store: Store, change: BulkChange) -> int:
    """Put back what ``change`` marked read; returns how many were unread again."""
    return store.mark_unread(list(change.ids))


def articles(count: int) -> str:
    """``"1 article"``, ``"2 articles"``."""
    return f"{count:,} article{'' if count == 1 else 's'}"
