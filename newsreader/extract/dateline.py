"""Dates as news pages print them, for pasted text and page metadata.

"Published 3 March 2026", "Mar. 3, 2026 10:02 a.m. ET", "Tue 3 Mar 2026 06.00 GMT",
"Posted: Mar 03, 2026 5:00 AM EST", ISO 8601. Results are timezone-aware: a
known zone abbreviation or offset is honoured, anything else is taken as UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Month names in German, French, Spanish, Italian (whole words: "juin" and "juillet" share "jui").
_OTHER_MONTHS = {
    "januar": 1, "jänner": 1, "janvier": 1, "enero": 1,
    "februar": 2, "février": 2, "fevrier": 2, "febrero": 2,
    "märz": 3, "maerz": 3, "mars": 3, "marzo": 3,
    "avril": 4, "abril": 4,
    "mai": 5, "mayo": 5,
    "juni": 6, "juin": 6, "junio": 6,
    "juli": 7, "juillet": 7, "julio": 7,
    "august": 8, "août": 8, "aout": 8, "agosto": 8,
    "septembre": 9, "septiembre": 9, "setiembre": 9,
    "oktober": 10, "octobre": 10, "octubre": 10,
    "dezember": 12, "décembre": 12, "decembre": 12, "noviembre": 11, "novembre": 11,
    "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    + "".join(f"|{name}" for name in sorted(_OTHER_MONTHS, key=len, reverse=True))
    + r")\.?(?!\w)"
)
# "3 March", "3rd March", "3. März" (German), "3 de marzo de" (Spanish)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?"
_OF = r"(?:\s+de)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_FORMS = (
    re.compile(rf"\b{_DAY}{_OF}\s+{_MONTH}{_OF},?\s+{_YEAR}\b", re.I),  # 3 March 2026
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # March 3, 2026
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),  # 2026-03-03
    # 03.03.2026, 3.3.2026 (day first, as German, French and most of Europe write it)
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\d.])"),
)
_TIME = re.compile(
    r"\A[\s,]*(?:[-–—|]\s*)?(?:at\s+)?"
    r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    r"\s*(?P<ampm>(?i:[ap]\.?\s?m\b\.?|uhr\b|h\b))?"
    r"(?:\s*(?P<tz>\(?(?:[A-Z]{1,5}|[+-]\d{2}:?\d{2})\)?(?![\w:])))?",
)
_ISO_TIME = re.compile(
    r"\A[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)
_WEEKDAY = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:[a-z]*day)?\b\.?,?", re.I
)

_FIXED_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 60,
    "IST": 60,  # Irish Standard Time (summer); the Indian zone is written "IST" too, rarely here
    "CET": 60,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AST": -240,
    "ADT": -180,
    "NST": -210,
    "NDT": -150,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "JST": 540,
    "KST": 540,
    "AEST": 600,
    "AEDT": 660,
    "ACST": 570,
    "AWST": 480,
    "NZST": 720,
    "NZDT": 780,
}
# North American zones written without S/D ("10:02 a.m. ET"): standard offset, DST by US rules.
_US_GENERIC = {"ET": -300, "CT": -360, "MT": -420, "PT": -480, "AT": -240, "NT": -210}


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a line: the value and the span it covered (time and zone included)."""

    value: datetime
    start: int
    end: int


def _nth_sunday(year: int, month: int, n: int) -> int:
    first = datetime(year, month, 1).weekday()  # Monday is 0
    return 1 + (6 - first) % 7 + 7 * (n - 1)


def _us_dst(local: datetime) -> bool:
    start = datetime(local.year, 3, _nth_sunday(local.year, 3, 2), 2)
    end = datetime(local.year, 11, _nth_sunday(local.year, 11, 1), 2)
    return start <= local.replace(tzinfo=None) < end


def _zone(name: str, local: datetime) -> timezone | None:
    name = name.strip("()")
    upper = name.upper()
    if upper in _FIXED_ZONES:
        return timezone(timedelta(minutes=_FIXED_ZONES[upper]))
    if upper in _US_GENERIC:
        minutes = _US_GENERIC[upper] + (60 if _us_dst(local) else 0)
        return timezone(timedelta(minutes=minutes))
    match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", name)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        minutes = int(match.group(2)) * 60 + int(match.group(3))
        if minutes <= 14 * 60:
            return timezone(sign * timedelta(minutes=minutes))
    return None


def find_date(text: str) -> DateMatch | None:
    """The first plausible calendar date in ``text``, with a following time and zone if any."""
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            found = _build(text, match)
            if found is not None:
                return found
    return None


def _month(name: str) -> int:
    folded = name.casefold().rstrip(".")
    return _OTHER_MONTHS.get(folded) or _MONTHS[folded[:3]]


def _build(text: str, match: re.Match[str]) -> DateMatch | None:
    groups = match.groupdict()
    month = int(groups["month"]) if groups.get("month") else _month(groups["mon"])
    year, day = int(groups["year"]), int(groups["day"])
    if not 1900 <= year <= 2200:
        return None
    try:
        value = datetime(year, month, day)
    except ValueError:
        return None
    end = match.end()
    rest = text[end:]
    iso = groups.get("month") and "-" in match.group()
    time = (_ISO_TIME if iso else _TIME).match(rest)
    tzinfo: timezone | None = None
    start = match.start()
    before = None if time and _clock(time) else _TIME_BEFORE.search(text[:start])
    clock = _clock(time) if time else None
    if clock is None and before is not None:
        time, clock = before, _clock(before)  # "12:41 PM GMT, March 9, 2026"
    if time is not None and clock is not None:
        value = value.replace(hour=clock[0], minute=clock[1], second=clock[2])
        zone_name = time.group("tz")
        if zone_name:
            tzinfo = _zone(zone_name, value)
        if time is before:
            start = time.start()
        elif zone_name and tzinfo is None:  # not a zone after all: leave it out of the span
            end += time.start("tz")
        else:
            end += time.end()
    value = value.replace(tzinfo=tzinfo or UTC)
    weekday = _WEEKDAY_BEFORE.search(text[:start])
    if weekday:
        start = weekday.start()
    return DateMatch(value, start, end)


_WEEKDAY_BEFORE = re.compile(_WEEKDAY.pattern + r"\s*\Z", re.I)
# A time of day written before its date: "12:41 PM GMT, March 9, 2026".
_TIME_BEFORE = re.compile(
    r"(?<![\d:.])(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>(?i:[ap]\.?\s?m\b\.?))?"
    r"(?:\s*(?P<tz>[A-Z]{1,5}))?[\s,]*(?:on\s+)?\Z"
)


def _clock(time: re.Match[str]) -> tuple[int, int, int] | None:
    """``(hour, minute, second)`` of a matched time of day, or ``None`` when it is none."""
    if not (time.group("minute") or time.group("ampm")):
        return None
    hour = int(time.group("hour"))
    ampm = (time.groupdict().get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    minute = int(time.group("minute") or 0)
    second = int(time.groupdict().get("second") or 0)
    if hour < 24 and minute < 60 and second < 60:
        return hour, minute, second
    return None


_MONTH_YEAR = re.compile(
    rf"^(?:(?P<before>[^\W\d]+)\s+)?{_MONTH}\s+{_YEAR}(?:\s+(?P<after>[^\W\d]+))?$", re.I
)


def is_edition(text: str, words: frozenset[str]) -> bool:
    """Whether ``text`` is a month and year with one of ``words`` before or after it
    ("February 2026 issue", "Ausgabe März 2026"): a print-edition line, not prose."""
    found = _MONTH_YEAR.match(text.strip())
    if found is None:
        return False
    label = [w.casefold() for w in (found.group("before"), found.group("after")) if w]
    return len(label) == 1 and label[0] in words


def parse_date(text: str) -> datetime | None:
    """A timezone-aware datetime from a date string (ISO 8601 or as printed), else ``None``."""
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        found = find_date(text)
        return found.value if found else None
    if not 1900 <= value.year <= 2200:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
