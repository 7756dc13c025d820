"""Make feed bytes safe to hand to feedparser.

feedparser's fallback (loose) parser expands entities declared in an internal
DTD subset, and a 115 KB feed can grow to 500 MB; its author/e-mail regex is
quadratic in the length of an ``<author>``. So, before parsing:

* UTF-16/UTF-32 documents (BOM, or the ``<\\0?\\0`` pattern) are transcoded to
  UTF-8, so the prologue can be inspected as ASCII-compatible bytes;
* the whole DOCTYPE (internal subset included) is removed; if an ``<!ENTITY``
  declaration still sits before the first element the feed is refused;
* over-long text in author-like elements is cut short;
* in a UTF-8 document with an ESC or C1 byte, escape sequences (7-bit and the 8-bit C1
  forms) and controls are removed from the whole text: feedparser maps C1 controls to
  windows-1252 glyphs (``\x9b`` → ``›``), which would leave the rest of an
  8-bit sequence visible after cleaning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from newsreader.sanitize import strip_markup_escapes

MAX_AUTHOR_BYTES = 1024

_UTF8_BOM = b"\xef\xbb\xbf"
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be", 4),
    (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\xfe\xff", "utf-16-be", 2),
    (b"\xff\xfe", "utf-16-le", 2),
)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_DOCTYPE = re.compile(rb"<!doctype", re.IGNORECASE)
_ENTITY = re.compile(rb"<!entity", re.IGNORECASE)
# Tokens inside a DOCTYPE: quoted literals and comments are skipped whole, so a
# "]>" inside an entity value does not end the declaration early.
_DOCTYPE_TOKEN = re.compile(
    rb'"[^"]*"|\'[^\']*\'|<!--.*?-->|[\[\]>]|[^"\'<\[\]>]+|.',
    re.DOTALL,
)
# <link uri="at://…">https://…</link> (Bluesky): feedparser takes the attribute for the
# link; without it, the element's web address is the link.
_LINK_URI = re.compile(
    rb"(<link\b[^<>]*?)\s+uri\s*=\s*(?:\"(?!https?:)[^\"]*\"|'(?!https?:)[^']*')([^<>]*>)",
    re.IGNORECASE,
)
_CDATA_MARK = re.compile(rb"<!\[CDATA\[|\]\]>")
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.DOTALL)
_XML_DECL_ENCODING = re.compile(rb"\A(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")
# Author-like elements whose text feedparser runs through a backtracking regex.
_AUTHOR_TEXT = re.compile(
    rb"(<(?:[\w.-]+:)?(?:author|creator|name|email|managingEditor|webMaster|contributor)"
    rb"\b[^<>]*>)([^<]{%d,})" % MAX_AUTHOR_BYTES
)
_SAFE_CUT = re.compile(rb"[\s.,;/@-]")
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")  # C1 controls encoded in UTF-8


class UnsafeFeed(ValueError):
    """The document declares entities that could not be removed safely."""


def sniff_wide_encoding(data: bytes) -> tuple[str, int] | None:
    """The UTF-16/32 codec of ``data`` and its BOM length, or ``None`` if 8-bit."""
    for bom, codec, length in _BOMS:
        if data.startswith(bom):
            return codec, length
    head = data[:4]
    if len(head) == 4:
        if head[0] and not head[1] and head[2] and not head[3]:
            return "utf-16-le", 0
        if not head[0] and head[1] and not head[2] and head[3]:
            return "utf-16-be", 0
    return None


def to_ascii_compatible(data: bytes, headers: dict[str, str]) -> bytes:
    """Transcode a UTF-16/32 document to UTF-8, fixing its XML declaration and headers."""
    wide = sniff_wide_encoding(data)
    if wide is None:
        return data
    codec, skip = wide
    data = data[skip:].decode(codec, "replace").encode("utf-8")
    data = _XML_DECL_ENCODING.sub(rb"\1\2utf-8\2", data, count=1)
    media_type = headers.get("content-type", "application/xml").split(";")[0].strip()
    headers["content-type"] = f"{media_type or 'application/xml'}; charset=utf-8"
    return data


def _doctype_end(data: bytes, start: int) -> int:
    """Index just past the DOCTYPE that starts at ``start`` (end of data if unterminated)."""
    depth = 0
    for match in _DOCTYPE_TOKEN.finditer(data, start + 9):
        token = match.group()
        if token == b"[":
            depth += 1
        elif token == b"]":
            depth = max(0, depth - 1)
        elif token == b">" and depth == 0:
            return match.end()
    return len(data)


def _blank_comments(data: bytes) -> bytes:
    """``data`` with every comment blanked to spaces (same length, same offsets)."""
    if b"<!--" not in data:
        return data
    return _COMMENT.sub(lambda m: b" " * len(m.group()), data)


def strip_doctype(data: bytes) -> bytes:
    """Remove every DOCTYPE before the first element; refuse leftover entity declarations.

    Comments are skipped: a ``<!DOCTYPE`` or ``<tag`` written inside a comment in the
    prologue is neither cut out nor taken for the first element. Raises
    :class:`UnsafeFeed` when ``<!ENTITY`` still appears before the first element
    (where feedparser would look for it).
    """
    for _ in range(8):
        visible = _blank_comments(data)
        first = _FIRST_ELEMENT.search(visible)
        head_end = first.start() if first else len(data)
        doctype = _DOCTYPE.search(visible, 0, head_end)
        if doctype is None:
            break
        data = data[: doctype.start()] + data[_doctype_end(data, doctype.start()) :]
    visible = _blank_comments(data)
    first = _FIRST_ELEMENT.search(visible)
    head_end = first.start() if first else len(data)
    if _ENTITY.search(visible, 0, head_end):
        raise UnsafeFeed("it declares XML entities")
    return data


def strip_escape_sequences(data: bytes) -> bytes:
    """Remove escape sequences from a UTF-8 document (other encodings are left alone)."""
    if b"\x1b" not in data and not _C1_BYTES.search(data):
        return data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return strip_markup_escapes(text).encode("utf-8")


def _cut_author(match: re.Match[bytes]) -> bytes:
    text = match.group(2)[:MAX_AUTHOR_BYTES]
    cuts = [m.start() for m in _SAFE_CUT.finditer(text)]
    return match.group(1) + (text[: cuts[-1]] if cuts else b"")


def drop_link_uris(data: bytes) -> bytes:
    """Remove a non-web ``uri`` attribute from ``<link>`` elements (their text is the link)."""
    if b"uri" not in data:
        return data
    return _LINK_URI.sub(rb"\1\2", data)


def flatten_nested_cdata(data: bytes) -> bytes:
    """Drop CDATA openers inside a CDATA section, with the closers that match them.

    ``<![CDATA[<![CDATA[Title]]>]]>`` would end at the first ``]]>`` and leave
    ``<![CDATA[Title`` and a stray ``]]>`` in the title and body; it reads as
    ``<![CDATA[Title]]>``. One pass over the markers: linear in the input.
    """
    if data.count(b"<![CDATA[") < 2:
        return data
    cuts: list[tuple[int, int]] = []
    depth = 0
    for mark in _CDATA_MARK.finditer(data):
        if mark.group() == b"<![CDATA[":
            depth += 1
            if depth > 1:
                cuts.append(mark.span())
        elif depth > 1:
            depth -= 1
            cuts.append(mark.span())
        else:
            depth = 0
    if not cuts:
        return data
    parts, last = [], 0
    for start, end in cuts:
        parts.append(data[last:start])
        last = end
    parts.append(data[last:])
    return b"".join(parts)


def truncate_authors(data: bytes) -> bytes:
    """Cut author-like element text longer than ``MAX_AUTHOR_BYTES`` at a safe byte."""
    return _AUTHOR_TEXT.sub(_cut_author, data)


def prepare(data: bytes, headers: Mapping[str, str] | None, url: str = "") -> tuple[bytes, dict]:
    """Safe bytes and lower-cased response headers for ``feedparser.parse``."""
    clean_headers = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    if url and "content-location" not in clean_headers:
        clean_headers["content-location"] = url
    data = to_ascii_compatible(data, clean_headers)
    data = strip_escape_sequences(data)
    data = strip_doctype(data)
    data = flatten_nested_cdata(drop_link_uris(data))
    return truncate_authors(data), clean_headers
