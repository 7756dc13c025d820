"""Step 3: the header — dates, bylines, a kicker, the headline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsreader.extract.finish import TITLE_CHARS
from newsreader.extract.text.classify import (
    _date_segment,
    _words,
)
from newsreader.extract.text.common import (
    _READ_TIME,
    _SECTION_READ_TIME,
    _SEGMENTS,
    _TERMINAL,
    MAX_TITLE_CHARS,
)
from newsreader.extract.text.lines import (
    Line,
)
from newsreader.sanitize import clean_text

# --------------------------------------------------------------------------- header


@dataclass(slots=True)
class _Meta:
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    url: str = ""
    section: str = ""
    minutes: int = 0

    def take(self, line: Line) -> None:
        self.author = self.author or line.author
        self.published = self.published or line.published
        self.updated = self.updated or line.updated
        self.url = self.url or line.url
        self.minutes = self.minutes or line.minutes

    def take_kicker(self, kicker: tuple[str, datetime | None, int]) -> None:
        self.section = kicker[0]
        self.published = self.published or kicker[1]
        self.minutes = self.minutes or kicker[2]


def _kicker(line: Line, following: Line | None) -> tuple[str, datetime | None, int] | None:
    """``(section, date, stated minutes)`` when ``line`` is a kicker above the headline."""
    if line.kind not in ("text", "meta") or len(line.text) > 80:
        return None
    segments = [s.strip() for s in _SEGMENTS.split(line.text) if s.strip()]
    section: list[str] = []
    published = None
    read_time = False
    minutes = 0
    for segment in segments:
        if (stated := _READ_TIME.match(segment)) is not None:
            read_time = True
            minutes = minutes or int(stated.group("minutes"))
        elif (joined := _SECTION_READ_TIME.match(segment)) is not None and len(
            _words(joined.group("section"))
        ) <= 4:
            section.append(joined.group("section").strip())
            read_time = True
            minutes = minutes or int(joined.group("minutes"))
        elif (dated := _date_segment(segment)) is not None:
            published = dated[0]
        elif len(_words(segment)) <= 4 and not segment.endswith(_TERMINAL):
            section.append(segment)
        else:
            return None
    if read_time:
        return " · ".join(section), published, minutes
    if line.kind != "text" or not section or following is None or following.kind != "text":
        return None
    if len(_words(" ".join(section))) > 3:
        return None
    headline_words = len(_words(following.text))
    if headline_words <= len(_words(line.text)):
        return None
    if following.text.endswith(".") and headline_words >= 20:
        return None  # what follows reads as a dek: this line is the headline
    return " · ".join(section), published, minutes


def _headline_like(text: str) -> bool:
    words = len(_words(text))
    return 5 <= words <= 30 and len(text) <= MAX_TITLE_CHARS and not text.endswith(".")


def _is_short_label(text: str) -> bool:
    return len(_words(text)) <= 4 and not text.endswith(_TERMINAL)


def _nav_run(lines: list[Line], i: int) -> int | None:
    """Index of the headline when short navigation/kicker lines come before it, else ``None``."""
    for j in range(i, min(len(lines), i + 20)):
        line = lines[j]
        if line.kind in ("boilerplate", "meta"):
            continue
        if line.kind != "text":
            return None
        if _headline_like(line.text):
            return j if j > i else None
        if not _is_short_label(line.text):
            return None
    return None


def _header(lines: list[Line], meta: _Meta) -> tuple[str, int]:
    """Read metadata, navigation, kicker and headline; return the headline and the body start."""
    i = 0
    n = len(lines)

    def skip() -> None:
        nonlocal i
        while i < n and lines[i].kind in ("boilerplate", "meta"):
            meta.take(lines[i])
            i += 1

    skip()
    headline = _nav_run(lines, i)
    if headline is not None:
        # Site name, menu items, breadcrumbs: the last label, standing alone, is the kicker.
        labels = [k for k in range(i, headline) if lines[k].kind == "text"]
        for k in range(i, headline):
            if lines[k].kind == "meta":
                meta.take(lines[k])
        last = labels[-1] if labels else None
        if last is not None and (len(labels) == 1 or lines[last].gap):
            kicker = _kicker(lines[last], lines[headline])
            if kicker is not None:
                meta.take_kicker(kicker)
        i = headline
    elif i < n:
        kicker = _kicker(lines[i], lines[i + 1] if i + 1 < n else None)
        if kicker is not None:
            meta.take_kicker(kicker)
            meta.take(lines[i])
            i += 1
            skip()
    if i < n and lines[i].kind in ("text", "bullet"):
        title = lines[i].text
        if len(title) <= MAX_TITLE_CHARS:
            return title, i + 1
        return clean_text(title, max_len=TITLE_CHARS), i  # the long line stays as text
    return "", i
