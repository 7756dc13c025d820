"""The one place where text from outside is cleaned.

Every string that comes from a feed, a page, a pasted file or a server's error
message passes through here before it enters the model or reaches a widget.
Rich and Textual pass ESC and C1 controls straight to the terminal, so nothing
downstream may assume otherwise: clean first, then draw.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

# Whole escape sequences, 7-bit and 8-bit forms. String sequences (OSC, DCS,
# SOS, PM, APC) run to BEL or ST; an unterminated one runs to the end.
_ST = r"(?:\x07|\x1b\\|\x9c)"
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI (a truncated one too)
    rf"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*{_ST}?"  # OSC/DCS/SOS/PM/APC
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences (ESC c, ESC ( B, …) and a lone ESC
)
# C0 and C1 controls, DEL; soft hyphens (terminals draw them as a hyphen, a space or
# nothing, while Rich counts a cell: the columns beside them would shift); bidi
# embeddings, overrides, isolates and marks; zero-width space/no-break, BOM, Mongolian
# vowel separator; lone surrogates; non-characters. (ZWJ/ZWNJ stay: emoji and several
# scripts need them.)
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad"
    "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u180e\ufeff"
    "\ud800-\udfff\ufffe\uffff]"
)
# Whitespace that must not survive as-is: tabs, CR, NBSP and the other Unicode spaces.
_SPACES = re.compile("[\t\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")
_RUN_OF_SPACES = re.compile(" {2,}")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")
# A flood of combining marks on one base (CVE-2021-27135 class): keep a few.
_COMBINING_FLOOD = re.compile(
    "([\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{4})"
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)
_SAFE_ASCII = re.compile(r"[ -~]*\Z")

# Escape sequences in markup: like _ESCAPES, but a sequence never swallows a "<"
# (an unterminated OSC must not eat the rest of a document).
_MARKUP_ESCAPES = re.compile(
    "(?:\x1b\\[|\x9b)[0-;=-?]*[ -/]*[@-~]?"  # CSI
    "|(?:\x1b[\\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c<]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[ -/]*[0-;=-~]?"  # other ESC sequences and a lone ESC
    "|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"  # any other C0 or C1 control
)
_MARKUP_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What lxml refuses in a string it is given (C0 controls but tab/LF/CR, lone
# surrogates, U+FFFE/U+FFFF), plus every C1 control and DEL.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Markup that can put such a character into a parsed tree: a raw one (_NOT_XML), or a
# numeric character reference to a small code point or a surrogate (_RISKY_REFERENCE).
# (Two searches: one alternation cannot use the "&#" prefix to skip ahead, and was
# three times slower on article-sized markup.)
_RISKY_REFERENCE = re.compile(
    r"&#(?:[xX]0*(?:[0-9a-fA-F]{1,2}|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF])"
    r"|0*(?:\d{1,3}|5[5-7]\d{3}|6553[45]))(?![0-9a-fA-F])"
)
# Every ASCII byte but the controls the patterns above look for (C0 but tab, LF and
# CR; DEL): deleting these from ASCII text leaves exactly those controls.
_ASCII_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_ASCII_NOT_CONTROL = bytes(b for b in range(0x100) if b not in _ASCII_CONTROL_BYTES)

# Windows-1252 text read as Latin-1 leaves its quotes and dashes as C1 code points
# (U+0092 for ’): once escape sequences are gone, those become their glyphs instead of
# being deleted. Never the C1 codes that open a sequence (CSI, OSC, DCS, SOS, PM, APC:
# removed with their sequence), the ones cp1252 leaves undefined, nor NEL (a newline).
_SEQUENCE_OPENERS = frozenset("\x9b\x9d\x90\x98\x9e\x9f")
_C1_GLYPHS: dict[str, str] = {}
for _code in range(0x80, 0xA0):
    try:
        _glyph = bytes([_code]).decode("cp1252")
    except UnicodeDecodeError:
        continue
    if chr(_code) not in _SEQUENCE_OPENERS and _code != 0x85:
        _C1_GLYPHS[chr(_code)] = _glyph


def _control_or_glyph(match: re.Match[str]) -> str:
    """A removed control, or the cp1252 glyph of a lone printable C1 code."""
    return _C1_GLYPHS.get(match.group(), "")


WEB_SCHEMES = frozenset({"http", "https"})

# An absolute http(s) URL that urljoin (with any base that parses) and urlsplit return
# unchanged: lower-case scheme, ASCII, no whitespace, params (";"), fragment or empty
# query. Most links in a feed are like this, and need no parsing.
PLAIN_ABSOLUTE_URL = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%!$&'()*+,=:@/-]*)?"
    r"(?:\?[A-Za-z0-9._~%!$&'()*+,=:@/?-]+)?\Z"
)


def strip_escapes(text: str) -> str:
    """Remove terminal escape sequences and control characters, nothing else."""
    if _SAFE_ASCII.match(text):
        return text
    text = _ESCAPES.sub("", text)
    # CR and the line separators become spaces or newlines before controls go.
    text = text.replace("\r\n", "\n").replace("\r", " ")
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _CONTROLS.sub(_control_or_glyph, text)
    return _COMBINING_FLOOD.sub(r"\1", text)


def escape_controls(text: str) -> str:
    """``text`` with each control, bidi or zero-width character written as ``\\uXXXX``.

    For machine-readable output (JSON inside a string literal): the data stays
    whole and valid, and the terminal it is printed on sees no control.
    """
    if _SAFE_ASCII.match(text):
        return text
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def xml_safe(text: str) -> str:
    """``text`` that lxml accepts: escape sequences and C0/C1 controls removed
    (tabs and newlines stay), lone surrogates and U+FFFE/U+FFFF too."""
    if not _has_control(text, _NOT_XML):
        return text
    return _NOT_XML.sub("", _MARKUP_ESCAPES.sub("", text))


def risky_markup(markup: str) -> bool:
    """Whether parsing ``markup`` may leave characters in the tree that lxml refuses."""
    if _has_control(markup, _NOT_XML):
        return True
    return "&#" in markup and _RISKY_REFERENCE.search(markup) is not None


def _has_control(text: str, pattern: re.Pattern[str]) -> bool:
    """``pattern.search(text)`` for a character class whose ASCII part is the controls
    of ``_ASCII_CONTROL_BYTES``; ASCII text (most feed markup) is checked by a byte
    deletion, several times faster than the regular expression."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _ASCII_NOT_CONTROL))
    return pattern.search(text) is not None


class _Element(Protocol):
    text: Any
    tail: Any

    def iter(self) -> Iterable[Any]: ...


def scrub_tree(root: _Element) -> None:
    """Make every text and tail of a parsed lxml tree :func:`xml_safe`, in place.

    A parser keeps a control character (raw, or from ``&#27;``) that lxml then
    refuses when the tree is edited (``drop_tree``, setting a tail): one stray
    byte between two tags must not make a whole page or feed fail.
    """
    for element in root.iter():
        text, tail = element.text, element.tail
        if text and _NOT_XML.search(text):
            element.text = xml_safe(text)
        if tail and _NOT_XML.search(tail):
            element.tail = xml_safe(tail)


def strip_markup_escapes(markup: str) -> str:
    """Remove escape sequences and C0/C1 controls from markup (HTML or XML) kept as text.

    Tabs and newlines stay; a string sequence (OSC, DCS …) ends at the next
    ``<`` at the latest, so an unterminated one cannot swallow the document. A lone
    cp1252-printable C1 code becomes its glyph (U+0092 → ’).
    """
    if not _has_control(markup, _MARKUP_CONTROL):
        return markup
    return _MARKUP_ESCAPES.sub(_control_or_glyph, markup)


def clean_text(text: object, max_len: int | None = None) -> str:
    """One clean line: escapes and controls removed, all whitespace collapsed.

    ``max_len`` pre-truncates the raw input (bounded work on hostile fields)
    and the result.
    """
    if text is None:
        return ""
    text = str(text)
    if max_len is not None and len(text) > max_len * 4:
        text = text[: max_len * 4]
    text = strip_escapes(text)
    text = " ".join(text.split())  # str.split() already splits on every _SPACES character
    if max_len is not None and len(text) > max_len:
        text = text[: max_len - 1].rstrip() + "…"
    return text


def clean_typed(text: object) -> str:
    """Text typed or pasted into a one-line field (search, a dialog, the palette).

    Escapes and controls removed, line breaks and tabs become spaces; other
    spacing stays as typed (a field must keep the space just typed).
    """
    if text is None:
        return ""
    return strip_escapes(str(text)).replace("\n", " ").replace("\t", " ")


def clean_multiline(text: object) -> str:
    """Clean text that keeps its line structure (pasted articles).

    Lines keep their order; spaces inside a line collapse; trailing space and
    runs of more than one blank line go.
    """
    if text is None:
        return ""
    text = strip_escapes(str(text))
    lines = [_RUN_OF_SPACES.sub(" ", _SPACES.sub(" ", line)).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_url(url: object, base: str = "", *, allow_data_image: bool = False) -> str:
    """An absolute http(s) URL, or ``""`` when the URL is unusable or unsafe.

    Relative URLs are resolved against ``base``. ``javascript:``, ``file:``,
    ``data:`` (unless ``allow_data_image`` and it is an image) and every other
    scheme are dropped. Whitespace, controls, bidi and zero-width characters
    inside the URL are removed.
    """
    if not url:
        return ""
    if type(url) is str and joins_unchanged(url, base):
        return url  # what parsing it returns (tests compare the two)
    return parsed_clean_url(url, base, allow_data_image=allow_data_image)


def parsed_clean_url(url: object, base: str = "", *, allow_data_image: bool = False) -> str:
    """:func:`clean_url` without its shortcut for plain absolute URLs."""
    if not url:
        return ""
    raw = "".join(strip_escapes(str(url)).split())
    if not raw:
        return ""
    if raw.lower().startswith("data:"):
        return raw if allow_data_image and raw[5:].lower().startswith("image/") else ""
    if base:
        try:
            raw = urljoin(base, raw)
        except ValueError:
            return ""
    try:
        parts = urlsplit(raw)
    except ValueError:
        return ""
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return ""
    return raw


def joins_unchanged(url: str, base: str) -> bool:
    """Whether ``urljoin(base, url)`` is ``url`` itself: a plain absolute URL, a usable base."""
    return PLAIN_ABSOLUTE_URL.match(url) is not None and _base_parses(base)


@lru_cache(maxsize=256)
def _base_parses(base: str) -> bool:
    """Whether urljoin accepts ``base`` (with one it rejects, :func:`clean_url` gives "")."""
    try:
        urlsplit(base)
    except ValueError:
        return False
    return True


def browser_url(url: str) -> str | None:
    """The URL if it is safe to hand to a browser as one argv entry, else ``None``."""
    cleaned = clean_url(url)
    if not cleaned or cleaned != url.strip() or cleaned.startswith("-"):
        return None
    return cleaned
