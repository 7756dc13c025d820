"""Pasted plain text (what copying a news page from a browser gives) → :class:`Article`.

No markup helps here, so the text is read by a pipeline of small steps, each
one general (none is a rule for one site):

1. **lines** — :func:`~newsreader.sanitize.clean_multiline`, then one
   :class:`Line` per non-blank line, remembering whether a blank line preceded
   it; boilerplate regions ("Skip past newsletter promotion" … "after
   newsletter promotion", "Sign up to …" … its privacy notice) are cut out;
   hard-wrapped paragraphs (e-mail, a terminal) are joined again.
2. **classify** — the first classifier that claims a line gives its kind:
   end-of-article markers, BBC-style "Image source, / Image caption," pairs,
   video promos, boilerplate, attribution footers, credit lines, captions
   with a credit tail, byline/date lines, list items, else plain text. A name
   line followed by a role or date line is a byline too.
3. **header** — date/byline lines, a kicker ("Science · 7 min read"), the headline.
4. **body** — blocks with one or two lines of look-ahead: alt text before a
   caption, a caption before its credit line, a "WATCH |" title and its own
   description (never a lead-in or the body after a blank line), short
   unpunctuated lines between paragraphs, or standing over the first one, as
   headings; a paragraph repeating a sentence of the body is a pull quote.
5. **finish** — the dek (the paragraph right after the headline, or after
   the lead picture's credit lines, when a byline, date or lead image follows
   it); a stated reading time ("World 4 min read") wins; then the shared finishing step
   (:func:`~newsreader.extract.finish.finish`: lead figure first, title fallback).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from newsreader.extract.dateline import find_date
from newsreader.extract.finish import TITLE_CHARS, finish
from newsreader.extract.patterns import (
    is_boilerplate,
    normalise_line,
    parse_promo,
    region_end,
    split_credit,
)
from newsreader.extract.rules import (
    CLIP_DURATION,
    DATE_WORDS,
    END_LINES,
    NAME_PARTICLES,
    NOT_FIRST_NAMES,
    PERSON_ROLE_WORDS,
    READ_TIME,
    REGION_MAX_LINES,
    ROLE_WORDS,
    SECTION_READ_TIME,
    UPDATE_WORDS,
)
from newsreader.model import (
    Article,
    Attribution,
    Block,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Video,
)
from newsreader.sanitize import clean_multiline, clean_text, clean_url

# ------------------------------------------------------------------------- pattern data

_ATTRIBUTION = re.compile(
    r"^[—–-]*\s*(?:with files from|with (?:additional )?reporting (?:by|from)"
    r"|additional reporting (?:by|from)|reporting by|writing by|editing by"
    r"|written by .{1,80}edited by|compiled by)\b",
    re.IGNORECASE,
)
_IMAGE_PAIR = re.compile(r"^image (source|caption)\s*[,:]\s*(.*)$", re.IGNORECASE)
_MEDIA_CAPTION = re.compile(r"^media caption\s*[,:]\s*(?:(?:watch|listen)\s*:\s*)?(.*)$", re.I)
_BULLET = re.compile(r"^(?:(?P<bullet>[•*·▪‣◦●–-])|(?P<number>\d{1,2})[.)])\s+(?P<text>\S.*)$")
_READ_TIME = re.compile(rf"^{READ_TIME}$", re.I)
_SECTION_READ_TIME = re.compile(rf"^{SECTION_READ_TIME}$", re.I)
_REL_TIME = re.compile(
    r"^(?:(?:last\s+)?(?:updated|published|posted|modified)\s*:?\s*)?"
    r"(?:\d{1,3}\s+(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago"
    r"|yesterday|today|just now)$",
    re.I,
)
_SEGMENTS = re.compile(r"\s+[·•|]\s+|\s+[—–]\s+|\s*[·•]\s*")
_BY = re.compile(r"^by:?\s+(.+)$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")
_DIGIT = re.compile(r"\d")
_URL_LINE = re.compile(r"^https?://\S+$", re.IGNORECASE)
_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_TERMINAL = tuple(".,;:!…\"”’')]")
_CLIP_DURATION = re.compile(CLIP_DURATION, re.IGNORECASE)

# No article has more lines than this; past it the text is not read (bounded work).
MAX_LINES = 50_000
MAX_TITLE_CHARS = 300
HEADING_MAX_WORDS = 10
HEADING_MAX_CHARS = 80
ALT_MAX_WORDS = 50
CAPTION_MAX_WORDS = 80
CREDIT_MAX_WORDS = 12
# Hard-wrapped text (e-mail, a terminal): lines broken at a fixed width of at most this.
WRAP_MAX_WIDTH = 100
WRAP_MIN_WIDTH = 40
WRAP_MIN_SHARE = 0.6  # of the lines followed by another, this share must read as wrapped
LEAD_HEADING_MIN_WORDS = 20  # a heading before the first paragraph stands over one this long
PULL_QUOTE_WORDS = (5, 40)  # a pull quote repeats a sentence: between these many words


# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class Line:
    """One non-blank line of the pasted text and what the classifiers made of it."""

    text: str
    gap: bool = False  # a blank line came before it
    kind: str = "text"
    caption: str = ""
    credit: str = ""
    title: str = ""
    description: str = ""
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    url: str = ""
    ordered: bool = False
    minutes: int = 0  # a stated reading time


def _lines(text: str) -> list[Line]:
    """Clean non-blank lines, with boilerplate regions and repeated lines removed."""
    lines: list[Line] = []
    gap = False
    raw = clean_multiline(text).split("\n", MAX_LINES)[:MAX_LINES]
    skip_until: Callable[[str], bool] | None = None
    skipped = 0
    for index, line in enumerate(raw):
        if not line:
            gap = True
            continue
        norm = normalise_line(line)
        if skip_until is not None:
            skipped += 1
            if skip_until(norm) or skipped > REGION_MAX_LINES:
                skip_until = None
            continue
        end = region_end(norm)
        if end is not None:
            ahead = raw[index + 1 : index + 2 + REGION_MAX_LINES]
            if any(end(normalise_line(r)) for r in ahead if r):
                skip_until, skipped = end, 0
                continue
        if lines and lines[-1].text == line:
            continue  # the same line twice in a row (alt text = caption, repeated credits)
        lines.append(Line(line, gap=gap))
        gap = False
    return lines


def _rejoin_wrapped(lines: list[Line]) -> list[Line]:
    """Paragraphs split across lines at a fixed width (pasted from e-mail or a terminal), joined.

    A text is hard-wrapped when its paragraphs are separated by blank lines and
    most lines followed directly by another were broken because the next word
    would not fit: the line plus that word is wider than the text's widest line.
    Then every such line is joined with the next; bullets and short lines stay.
    """
    continued = [
        (a, b) for a, b in itertools.pairwise(lines) if not b.gap and not _BULLET.match(b.text)
    ]
    if len(continued) < 2 or not any(line.gap for line in lines):
        return lines
    width = max(len(a.text) for a, _b in continued)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return lines

    def wrapped(a: Line, b: Line) -> bool:
        first = b.text.split(" ", 1)[0]
        return len(a.text) + 1 + len(first) > width and len(a.text) >= width * 0.6

    if sum(wrapped(a, b) for a, b in continued) < max(2, WRAP_MIN_SHARE * len(continued)):
        return lines
    out: list[Line] = [lines[0]]
    tail = lines[0]  # the last physical line of out[-1]
    for line in lines[1:]:
        last = out[-1]
        if not line.gap and not _BULLET.match(line.text) and wrapped(tail, line):
            out[-1] = Line(f"{last.text} {line.text}", gap=last.gap)
        else:
            out.append(line)
        tail = line
    return out


# ----------------------------------------------------------------------- classifiers


def _words(text: str) -> list[str]:
    return _WORDS.findall(text)


def _is_name(text: str) -> bool:
    """Whether ``text`` reads as one or more personal names ("Jane Doe and Sam Roe")."""
    text = text.strip()
    if not text or len(text) > 100 or _DIGIT.search(text):
        return False
    names = [n for n in _NAME_SPLIT.split(text) if n]
    if not names or names[0].split()[0].casefold() in NOT_FIRST_NAMES:
        return False
    for name in names:
        words = name.split()
        capitalised = [w for w in words if w.casefold() not in NAME_PARTICLES]
        if not 2 <= len(words) <= 5 or len(capitalised) < 2:
            return False
        if not all(_NAME_WORD.match(w) for w in capitalised):
            return False
    return True


def _is_role(text: str) -> bool:
    """Whether ``text`` names a role or an outlet ("Political correspondent", "BBC News")."""
    text = text.strip()
    if not text or len(text) > 120 or text.endswith(".") or _DIGIT.search(text):
        return False
    words = _words(text.casefold())
    if not 1 <= len(words) <= 8:
        return False
    if any(w in ROLE_WORDS or w.removesuffix("s") in ROLE_WORDS for w in words):
        return True
    joined = f" {' '.join(words)} "
    return any(" " in role and f" {role} " in joined for role in ROLE_WORDS)


def _date_segment(text: str) -> tuple[datetime, bool] | None:
    """``(date, is_update)`` when ``text`` is only a date with its label words."""
    found = find_date(text)
    if found is None:
        return None
    rest = _words((text[: found.start] + " " + text[found.end :]).casefold())
    if any(word not in DATE_WORDS for word in rest):
        return None
    return found.value, any(word in UPDATE_WORDS for word in rest)


def _meta(line: Line) -> bool:
    """Byline, date and reading-time lines (segments joined by "·", "|" or "—")."""
    text = line.text
    if len(text) > 200 or (text.endswith((".", "?", "!")) and not text.endswith(("m.", ".m."))):
        return False
    segments = [s.strip(" ,:") for s in _SEGMENTS.split(text) if s.strip(" ,:")]
    if not segments:
        return False
    names: list[str] = []
    strong = roles = False
    for segment in segments:
        by = _BY.match(segment)
        if by:
            author = _byline(by.group(1))
            if author is None:
                return False
            names.append(author)
            strong = True
        elif (read_time := _READ_TIME.match(segment)) is not None:
            line.minutes = line.minutes or int(read_time.group("minutes"))
            strong = True
        elif _REL_TIME.match(segment):
            strong = True
        elif (dated := _date_segment(segment)) is not None:
            value, is_update = dated
            if is_update:
                line.updated = line.updated or value
            else:
                line.published = line.published or value
            strong = True
        elif names and _is_role(segment):
            roles = True
        elif _is_name(segment):
            names.append(segment)
        elif (name := _name_before_role(segment)) is not None:
            names.append(name)
            roles = True
        elif all(word in DATE_WORDS for word in _words(segment.casefold())):
            strong = True  # "Published" alone: its date is on the next line
        elif _is_role(segment):
            roles = True
        else:
            return False
    if not strong and not (names and roles):
        return False
    line.author = ", ".join(names)
    return True


def _name_before_role(text: str) -> str | None:
    """ "Priya Nair Transport correspondent" → "Priya Nair" (a name, then a role)."""
    words = text.split()
    for size in (2, 3, 4):
        if size < len(words) and _is_name(" ".join(words[:size])):
            role = " ".join(words[size:])
            folded = _words(role.casefold())
            if _is_role(role) and any(
                w in PERSON_ROLE_WORDS or w.removesuffix("s") in PERSON_ROLE_WORDS for w in folded
            ):
                return " ".join(words[:size])
    return None


def _byline(rest: str) -> str | None:
    """The author part of "By Jane Doe and Sam Roe, Senior Reporters", or ``None``."""
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    names: list[str] = []
    for part in parts:
        if names and _is_role(part):
            break
        if _is_name(part) or (names and _is_name(part.removeprefix("and "))):
            names.append(part)
            continue
        return None
    rest = parts[len(names) :]
    if not names or not all(_is_role(p) or _date_segment(p) for p in rest):
        return None
    return ", ".join(names) if names else None


def _classify(line: Line) -> str:
    text = line.text
    norm = normalise_line(text)
    if norm in END_LINES:
        return "end"
    pair = _IMAGE_PAIR.match(text)
    if pair and pair.group(2):
        if pair.group(1).lower() == "source":
            line.credit = pair.group(2)
            return "image_source"
        line.caption = pair.group(2)
        return "image_caption"
    media = _MEDIA_CAPTION.match(text)
    if media and media.group(1):
        line.title = media.group(1)
        return "promo"
    promo = parse_promo(text)
    if promo is not None and promo[1]:
        _kind, line.title, line.description = promo
        return "promo"
    if is_boilerplate(text):
        return "boilerplate"
    if _ATTRIBUTION.match(text) and len(_words(text)) <= 60:
        return "attribution"
    if _URL_LINE.match(text) and clean_url(text):
        line.url = clean_url(text)
        return "meta"
    caption, credit = split_credit(text)
    if credit and len(_words(credit)) <= CREDIT_MAX_WORDS and not credit.endswith("."):
        line.caption, line.credit = caption, credit
        if not caption:
            return "credit"
        if len(_words(text)) <= CAPTION_MAX_WORDS:
            return "caption"
    if _meta(line):
        return "meta"
    bullet = _BULLET.match(text)
    if bullet:
        line.text, line.ordered = bullet.group("text"), bool(bullet.group("number"))
        return "bullet"
    return "text"


def _classify_all(lines: list[Line]) -> None:
    for line in lines:
        line.kind = _classify(line)
    # "Updated" on its own line, then the date.
    for line, after in itertools.pairwise(lines):
        label = _words(line.text.casefold())
        is_label = line.kind == after.kind == "meta" and label and set(label) <= DATE_WORDS
        if is_label and set(label) & UPDATE_WORDS and after.published and not after.updated:
            after.updated, after.published = after.published, None
    # A name on its own line, then a role or a date: a byline without "By".
    for line, after in itertools.pairwise(lines):
        if line.kind != "text" or not _is_name(line.text):
            continue
        if after.kind == "text" and len(_words(after.text)) > 1 and _is_role(after.text):
            line.kind = after.kind = "meta"
            line.author = line.text
        elif after.kind == "meta" and (after.published or after.updated) and not after.author:
            line.kind = "meta"
            line.author = line.text


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


# ----------------------------------------------------------------------------- body


def _is_heading(text: str) -> bool:
    return (
        len(text) <= HEADING_MAX_CHARS
        and len(_words(text)) <= HEADING_MAX_WORDS
        and not text.endswith(_TERMINAL)
        and (text[0].isupper() or text[0].isdigit() or text[0] in "“\"'‘")
    )


def _overlap(a: str, b: str) -> float:
    first = {w.casefold() for w in _words(a) if len(w) > 2}
    if not first:
        return 0.0
    second = {w.casefold() for w in _words(b) if len(w) > 2}
    return len(first & second) / len(first)


def _same(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


@dataclass(slots=True)
class _Body:
    """Builds blocks from classified lines, with look-ahead over the next lines."""

    lines: list[Line]
    meta: _Meta
    blank_lines: bool  # paragraphs are separated by blank lines in this text
    blocks: list[Block] = field(default_factory=list)
    # For each block, the index of the first line it came from.
    starts: list[int] = field(default_factory=list)
    meta_at: list[int] = field(default_factory=list)
    seen_paragraph: bool = False
    ended: bool = False
    paragraph_after: list[bool] = field(default_factory=list)

    def kind(self, k: int) -> str:
        return self.lines[k].kind if k < len(self.lines) else "eof"

    def adjacent(self, k: int) -> bool:
        """Whether line ``k`` follows line ``k - 1`` closely enough to belong with it."""
        return not self.lines[k].gap if self.blank_lines else True

    def emit(self, block: Block, start: int) -> None:
        self.blocks.append(block)
        self.starts.append(start)

    def skip_credits(self, k: int, credit: str) -> int:
        while self.kind(k) == "credit" and _same(self.lines[k].credit, credit):
            k += 1
        return k

    def followed_by_paragraph(self, k: int) -> bool:
        """Whether a paragraph (or list) comes after line ``k`` before the article ends."""
        if not self.paragraph_after:
            # One pass from the end: the first decisive line after each position.
            state = False
            after = [False] * len(self.lines)
            for index in range(len(self.lines) - 1, -1, -1):
                after[index] = state
                line = self.lines[index]
                if line.kind in ("end", "attribution"):
                    state = False
                elif line.kind == "bullet":
                    state = True
                elif line.kind == "text":
                    state = not _is_heading(line.text)
            self.paragraph_after = after
        return self.paragraph_after[k]

    def heads_first_paragraph(self, k: int) -> bool:
        """Whether line ``k``, before any paragraph, is a heading over the first one.

        It reads as a heading, stands alone between blank lines, and a long
        paragraph follows it (a dek or a caption would be a sentence, or short).
        """
        line = self.lines[k]
        nxt = k + 1
        return (
            self.blank_lines
            and _is_heading(line.text)
            and (k == 0 or line.gap)
            and self.kind(nxt) == "text"
            and self.lines[nxt].gap
            and len(_words(self.lines[nxt].text)) >= LEAD_HEADING_MIN_WORDS
        )

    def is_description(self, k: int) -> bool:
        """Whether line ``k``, right after a promo title, is the promo's own text.

        It sits right under the title (no blank line, when the text has them) or
        shows the clip's running time ("… 0:58"), is short, and is no lead-in to
        what follows (it does not end with ":", and no list comes after it).
        """
        text = self.lines[k].text
        return (
            (not self.blank_lines or self.adjacent(k) or _CLIP_DURATION.search(text) is not None)
            and len(_words(text)) <= CAPTION_MAX_WORDS
            and not text.endswith(":")
            and self.kind(k + 1) != "bullet"
        )

    def build(self) -> None:
        k = 0
        while k < len(self.lines):
            k = self.step(k)

    def step(self, k: int) -> int:
        line = self.lines[k]
        kind = line.kind
        if kind == "attribution":
            self.emit(Attribution(line.text.lstrip("—–- ")), k)
            return k + 1
        if self.ended or kind == "boilerplate":
            return k + 1
        if kind == "end":
            self.ended = True
            return k + 1
        if kind == "meta":
            self.meta.take(line)
            self.meta_at.append(k)
            return k + 1
        if kind == "promo":
            description = line.description
            nxt = k + 1
            if (
                not description
                and line.text.rstrip().endswith(":")
                and self.kind(nxt) == "text"
                and self.is_description(nxt)
            ):
                description = self.lines[nxt].text
                nxt += 1
            self.emit(Video(title=line.title, description=description), k)
            return nxt
        if kind in ("image_source", "image_caption"):
            other = "image_caption" if kind == "image_source" else "image_source"
            caption, credit = line.caption, line.credit
            nxt = k + 1
            if self.kind(nxt) == other:
                caption = caption or self.lines[nxt].caption
                credit = credit or self.lines[nxt].credit
                nxt += 1
            self.emit(Figure(caption=caption, credit=credit), k)
            return nxt
        if kind == "credit":
            last = self.blocks[-1] if self.blocks else None
            if isinstance(last, Figure) and self.starts[-1] == k - 1 and not last.credit:
                self.blocks[-1] = Figure(last.src, last.alt, last.caption, line.credit)
            else:
                self.emit(Figure(credit=line.credit), k)
            return self.skip_credits(k + 1, line.credit)
        if kind == "caption":
            last = self.blocks[-1] if self.blocks else None
            if (
                isinstance(last, Figure)
                and not last.caption
                and self.starts[-1] == k - 1
                and _same(last.credit, line.credit)
            ):
                self.blocks[-1] = Figure(last.src, last.alt, line.caption, line.credit)
            else:
                self.emit(Figure(caption=line.caption, credit=line.credit), k)
            return self.skip_credits(k + 1, line.credit)
        if kind == "bullet":
            items = []
            nxt = k
            while self.kind(nxt) == "bullet":
                items.append(self.lines[nxt].text)
                nxt += 1
            self.emit(ListBlock(tuple(items), ordered=line.ordered), k)
            self.seen_paragraph = True
            return nxt
        return self.text(k)

    def text(self, k: int) -> int:
        line = self.lines[k]
        text = line.text
        words = len(_words(text))
        nxt = self.lines[k + 1] if k + 1 < len(self.lines) else None
        if nxt is not None and words <= ALT_MAX_WORDS and not text.endswith(":"):
            # Alt text, then the caption with its credit.
            if nxt.kind == "caption" and (
                _overlap(text, nxt.caption) >= 0.35 or (self.adjacent(k + 1) and self.blank_lines)
            ):
                self.emit(Figure(alt=text, caption=nxt.caption, credit=nxt.credit), k)
                return self.skip_credits(k + 2, nxt.credit)
            # A caption, then its credit line(s).
            if nxt.kind == "credit" and (
                (self.blank_lines and self.adjacent(k + 1))
                or (not self.blank_lines and words <= 30)
            ):
                self.emit(Figure(caption=text, credit=nxt.credit), k)
                return self.skip_credits(k + 2, nxt.credit)
        if not self.seen_paragraph and self.heads_first_paragraph(k):
            self.emit(Heading(text), k)
            return k + 1
        if self.seen_paragraph and _is_heading(text):
            if self.followed_by_paragraph(k):
                self.emit(Heading(text), k)
            return k + 1  # else: a topic list or a stray label at the end
        self.emit(Paragraph(text), k)
        self.seen_paragraph = True
        return k + 1


# --------------------------------------------------------------------------- finish


def _take_dek(body: _Body) -> str:
    """The standfirst: a first paragraph directly followed by a byline/date or a lead image.

    Credit lines of the lead picture ("PHOTO : AGENCY / NAME") may stand between the
    headline and it: they stay as the picture's credit and the paragraph after them
    is still the dek.
    """
    at = 0
    while at < len(body.blocks) and _credit_only(body.blocks[at]):
        at += 1
    if at >= len(body.blocks) or not isinstance(body.blocks[at], Paragraph):
        return ""
    first = body.blocks[at]
    if len(_words(first.text)) > 80:
        return ""
    start = body.starts[at]
    next_block = body.starts[at + 1] if len(body.blocks) > at + 1 else len(body.lines)
    meta_next = any(start < m < next_block for m in body.meta_at)
    then = body.blocks[at + 1] if len(body.blocks) > at + 1 else None
    if not meta_next and isinstance(then, Figure | Video):
        after = body.starts[at + 2] if len(body.blocks) > at + 2 else len(body.lines)
        meta_next = any(next_block < m < after for m in body.meta_at)
    if not meta_next:
        return ""
    del body.blocks[at], body.starts[at]
    return first.text


def _set_pull_quotes(blocks: list[Block]) -> list[Block]:
    """A short paragraph that repeats a sentence of another paragraph is a pull quote."""
    keys = [
        " ".join(w.casefold() for w in _words(b.text)) if isinstance(b, Paragraph) else ""
        for b in blocks
    ]
    low, high = PULL_QUOTE_WORDS
    out = list(blocks)
    for index, (block, key) in enumerate(zip(blocks, keys, strict=True)):
        if not key or not low <= key.count(" ") + 1 <= high:
            continue
        padded = f" {key} "
        if any(
            other != index and len(keys[other]) > len(key) and padded in f" {keys[other]} "
            for other in range(len(blocks))
        ):
            out[index] = Quote(block.text)  # type: ignore[union-attr]
    return out


def _credit_only(block: Block) -> bool:
    """A figure made of a credit line alone (no picture, caption or alt text)."""
    return (
        isinstance(block, Figure)
        and bool(block.credit)
        and not (block.src or block.caption or block.alt)
    )


def _tidy(block: Block) -> Block:
    """Collapse whitespace once more (lines were cleaned; joined parts may not be)."""
    if isinstance(block, Figure):
        return Figure(block.src, clean_text(block.alt), clean_text(block.caption), block.credit)
    return block


def parse_text_article(text: str) -> Article:
    """Read a pasted article (plain text copied from a news page) into an :class:`Article`.

    Returns an article with an empty title and no blocks when nothing in the
    text reads as an article (empty input, or boilerplate only).
    """
    lines = _rejoin_wrapped(_lines(text))
    _classify_all(lines)
    meta = _Meta()
    title, start = _header(lines, meta)
    body_lines = lines[start:]
    gaps = sum(1 for line in body_lines if line.gap)
    body = _Body(body_lines, meta, blank_lines=gaps * 3 >= len(body_lines) > 0)
    body.build()
    dek = _take_dek(body)
    return finish(
        [_tidy(b) for b in _set_pull_quotes(body.blocks)],
        title=title,
        url=meta.url,
        author=meta.author,
        published=meta.published or meta.updated,
        section=meta.section,
        dek=dek,
        reading_minutes=meta.minutes,
    )


def read_meta_line(text: str) -> tuple[str, datetime | None] | None:
    """``(author, date)`` when one line is a byline, date or reading-time line, else ``None``.

    Saved pages use it to drop the byline and dateline paragraphs that sit in
    the article body (their values come from the page metadata).
    """
    line = Line(clean_text(text))
    if not _meta(line):
        return None
    return line.author, line.published or line.updated
