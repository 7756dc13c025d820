"""Short relative dates for the article list ("5m", "3h", "2d", "Mar 4", "2023")."""

from __future__ import annotations

from datetime import UTC, datetime


def relative_date(when: datetime | None, now: datetime) -> str:
    """A compact age of ``when`` as seen at ``now`` (at most 6 cells)."""
    if when is None:
        return ""
    seconds = (now - when).total_seconds()
    if seconds < -3600:
        return when.astimezone(UTC).strftime("%b %d").replace(" 0", " ")
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    if seconds < 7 * 86400:
        return f"{int(seconds // 86400)}d"
    if when.year == now.year or seconds < 180 * 86400:
        return when.astimezone(UTC).strftime("%b %d").replace(" 0", " ")
    return str(when.year)


def utc_now() -> datetime:
    """The current time (the app's default clock)."""
    return datetime.now(UTC)
