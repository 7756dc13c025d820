"""Step 2: what each line is (end marker, caption, credit, byline, list item, text …)."""

from __future__ import annotations

import itertools
from datetime import datetime

from newsreader.extract.dateline import find_date, is_edition
from newsreader.extract.patterns import (
    is_boilerplate,
    normalise_line,
    parse_promo,
    split_credit,
)
from newsreader.extract.rules import (
    AGENCY_WORDS,
    DATE_WORDS,
    EDITION_WORDS,
    END_LINES,
    NAME_PARTICLES,
    NOT_FIRST_NAMES,
    PERSON_ROLE_WORDS,
    ROLE_WORDS,
    UPDATE_WORDS,
)
from newsreader.extract.text.common import (
    _ATTRIBUTION,
    _BULLET,
    _BY,
    _DIGIT,
    _IMAGE_PAIR,
    _MEDIA_CAPTION,
    _NAME_SPLIT,
    _NAME_WORD,
    _READ_TIME,
    _REL_TIME,
    _SEGMENTS,
    _TERMINAL,
    _TIME_OF_DAY,
    _URL_LINE,
    _WORDS,
    BIO_MAX_WORDS,
    CAPTION_MAX_WORDS,
    CREDIT_MAX_WORDS,
)
from newsreader.extract.text.lines import (
    Line,
)
from newsreader.sanitize import clean_url

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
    rest = _words(_TIME_OF_DAY.sub(" ", text[: found.start] + " " + text[found.end :]).casefold())
    if any(word not in DATE_WORDS for word in rest):
        return None
    return found.value, any(word in UPDATE_WORDS for word in rest)


def _date_label(segment: str) -> bool:
    """A date's label alone ("Published", its date on the next line), or a time of day
    alone ("Updated 14:52 GMT", a liveblog entry's "9:05 a.m. ET")."""
    time = _TIME_OF_DAY.search(segment)
    words = _words(_TIME_OF_DAY.sub(" ", segment).casefold())
    return all(word in DATE_WORDS for word in words) and (
        time is not None or any(len(word) >= 4 for word in words)
    )


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
        elif _date_label(segment) or is_edition(segment, EDITION_WORDS):
            strong = True
        elif _is_role(segment):
            roles = True
        elif is_boilerplate(segment):
            continue  # "Listen to this article", "Share" in the same bar
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


_AGENCIES = sorted(AGENCY_WORDS, key=len, reverse=True)
_AGENCY_JOINERS = frozenset({"via", "and", "for"})
# Agency words that also label a picture: alone they name no one.
_GENERIC_AGENCY = frozenset({"photo", "photos", "photograph", "file photo", "images", "supplied"})


def _agencies_only(text: str) -> bool:
    """Whether a short line names only photo agencies ("AFP via Getty Images")."""
    rest = f" {' '.join(_words(text.casefold()))} "
    named = False
    for agency in _AGENCIES:
        if f" {agency} " in rest:
            named = named or agency not in _GENERIC_AGENCY
            rest = rest.replace(f" {agency} ", " ")
    return named and set(rest.split()) <= _AGENCY_JOINERS


def _is_bio(name: str, text: str) -> bool:
    """Whether ``text`` is a short bio of ``name`` ("Jane Roe is a writer based in Leeds.")."""
    return (
        text.startswith(name + " ")
        and len(_words(text)) <= BIO_MAX_WORDS
        and text.endswith(_TERMINAL)
    )


def _bare_credit(text: str) -> bool:
    """A credit line without a label: capitalised names and agencies joined by slashes
    ("Jane Roe / Coastline Agency", "J. ROE/WIRE")."""
    if len(_words(text)) > CREDIT_MAX_WORDS or text.endswith(_TERMINAL):
        return False
    if _agencies_only(text):
        return True  # "GETTY IMAGES", "AFP via Getty Images"
    parts = [p.strip() for p in text.split("/")]
    if len(parts) < 2:
        return False
    for part in parts:
        words = part.split()
        if not words or not all(
            _NAME_WORD.match(w) or w.casefold() in NAME_PARTICLES for w in words
        ):
            return False
    return True


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
    if _bare_credit(text):
        line.credit = text
        return "credit"
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
        elif after.kind == "text" and _is_bio(line.text, after.text):
            line.kind = after.kind = "meta"  # the author's one-line bio under the name
            line.author = line.text
        elif after.kind == "meta" and (after.published or after.updated) and not after.author:
            line.kind = "meta"
            line.author = line.text
    # A byline, then the outlet or role on its own line ("By Jane Roe" / "Wire Service").
    for line, after in itertools.pairwise(lines):
        if line.kind == "meta" and line.author and after.kind == "text" and _is_role(after.text):
            after.kind = "meta"
