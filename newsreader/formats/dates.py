"""Feed dates: RFC 822 (RSS) and RFC 3339 / ISO 8601 (Atom, JSON Feed) → aware datetimes.

Deliberately strict: :func:`parse_date` reads the common, well-formed forms and
says so when it cannot (:data:`UNKNOWN`), so a caller can hand the feed to a more
lenient parser (feedparser) instead of guessing. Dates are kept to the second.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Final

UNKNOWN: Final[str] = "unknown"  # a date this module does not model (not the same as no date)

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}  # noqa: SIM905
_ZONES = {"gmt": 0, "ut": 0, "utc": 0, "z": 0, "edt": -4, "est": -5, "cdt": -5, "cst": -6}
_ZONES |= {"mdt": -6, "mst": -7, "pdt": -7, "pst": -8}
_RFC822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?"
    r"\s+([+-]\d{4}|[A-Za-z]{1,3})"
)
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


def parse_date(text: str) -> datetime | str | None:
    """``text`` as an aware UTC datetime, ``None`` when it holds no date, else :data:`UNKNOWN`.

    A string without a digit is no date. Anything but a well-formed RFC 822 date with
    a four-digit year and a known zone, or an ISO 8601 date (time and zone optional,
    UTC assumed), is :data:`UNKNOWN`.
    """
    text = text.strip()
    if not _DIGIT.search(text):
        return None
    if match := _RFC822.fullmatch(text):
        day, month, year, hour, minute, second, zone = match.groups()
        number = _MONTHS.get(month.lower())
        offset = _zone_minutes(zone)
        if number is None or offset is None:
            return UNKNOWN
        parts = (int(year), number, int(day), int(hour), int(minute), int(second or 0))
    elif match := _ISO.fullmatch(text):
        year, month, day, hour, minute, second, zone = match.groups()
        offset = _zone_minutes(zone or "Z")
        if offset is None:
            return UNKNOWN
        parts = (int(year), int(month), int(day), int(hour or 0), int(minute or 0))
        parts += (int(second or 0),)
    else:
        return UNKNOWN
    try:
        local = datetime(*parts, tzinfo=timezone(timedelta(minutes=offset)))
        return local.astimezone(UTC)
    except (ValueError, OverflowError):
        return UNKNOWN  # out of range: lenient parsers differ on these


def _zone_minutes(zone: str) -> int | None:
    """A zone's offset from UTC in minutes, or ``None`` if it is not one we know."""
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        return -minutes if zone[0] == "-" else minutes
    hours = _ZONES.get(zone.lower())
    return None if hours is None else hours * 60
