"""Pattern data and limits shared by the steps of pasted-text extraction."""

from __future__ import annotations

import re

from newsreader.extract.rules import (
    BYLINE_WORDS,
    CLIP_DURATION,
    READ_TIME,
    SECTION_READ_TIME,
)

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
_BY = re.compile(rf"^(?:{'|'.join(BYLINE_WORDS)}):?\s+(.+)$", re.IGNORECASE)
# A line that is only a time of day: a liveblog entry's stamp ("14:52 GMT", "9:05 a.m. ET").
_CLOCK_ONLY = re.compile(
    r"^\d{1,2}[:h.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}|uhr|h))?$", re.IGNORECASE
)
# A speaker's turn in a Q&A ("ADA VARGA: …", "Q: …"): a capitals label, a colon, the words.
_SPEAKER_TURN = re.compile(r"^[A-Z][A-Z.'’ -]{0,40}:\s+\S")
# A time of day beside a date ("12:41 PM GMT", "17:45 Uhr", "9h30"): not a word of the line.
_TIME_OF_DAY = re.compile(
    r"\b\d{1,2}(?:[:h]\d{2}|\.\d{2}(?=\s*(?:[ap]\.?m|uhr)))\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,5}|uhr|h)\b)?",
    re.IGNORECASE,
)
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
BIO_MAX_WORDS = 40  # "Jane Roe is a writer based in Leeds." under the name line
# Hard-wrapped text (e-mail, a terminal): lines broken at a fixed width of at most this.
WRAP_MAX_WIDTH = 100
WRAP_MIN_WIDTH = 40
WRAP_MIN_SHARE = 0.6  # of the lines followed by another, this share must read as wrapped
LEAD_HEADING_MIN_WORDS = 20  # a heading before the first paragraph stands over one this long
PULL_QUOTE_WORDS = (5, 40)  # a pull quote repeats a sentence: between these many words
