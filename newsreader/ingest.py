"""From bytes to articles: detect what they are, parse, then extract.

A feed goes through :mod:`newsreader.formats.registry` (bytes → ``FeedData``) and
:mod:`newsreader.extract.entries` (``FeedData`` → articles), an HTML page to
:mod:`newsreader.extract.page`, anything else that is text to
:mod:`newsreader.extract.text`. Binary or empty input is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newsreader.model import Article

if TYPE_CHECKING:
    from newsreader.extract.entries import ParsedFeed

MAX_FILE_BYTES = 64 * 1024 * 1024
Kind = Literal["feed", "html", "text"]

_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|rdf:RDF|RDF)[\s>]", re.IGNORECASE)
_XML_ELEMENT = re.compile(rb"<([A-Za-z_][\w.:-]*)[\s/>]")
# Roots that make a fragment of HTML rather than XML of an unknown kind.
_HTML_FRAGMENT_ROOTS = frozenset(
    b"div p section main header footer aside figure span table ul ol dl blockquote pre "
    b"h1 h2 h3 h4 h5 h6 a b i em strong img nav title meta link style script".split()
)
_HTML_ROOT = re.compile(rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|article[\s>])", re.I)


class IngestError(Exception):
    """The input is not something newsreader can import (one-line message)."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """What one input produced: a source title (feed or site) and its articles."""

    source: str
    articles: list[Article]
    kind: Kind
    url: str = ""


def _head_text(data: bytes) -> bytes:
    from newsreader.formats.prepare import sniff_wide_encoding

    head = data[:4096]
    wide = sniff_wide_encoding(head)
    if wide is not None:  # UTF-16/32, with or without a BOM
        codec, skip = wide
        return head[skip:].decode(codec, "ignore").encode("ascii", "ignore")
    return head.replace(b"\x00", b"")


def detect_kind(data: bytes) -> Kind:
    """Guess whether ``data`` is a feed (XML or JSON Feed), an HTML page or plain text."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise IngestError("the file is empty")
    head = _head_text(data)
    if _FEED_ROOT.search(head):
        return "feed"
    if _HTML_ROOT.search(head):
        return "html"
    start = head.lstrip(b" \t\r\n\xef\xbb\xbf")
    if start.startswith(b"<?xml"):
        return "feed"  # XML of some kind: let the feed parser say what is wrong
    element = _XML_ELEMENT.match(start)
    if element and data.rstrip(b" \t\r\n\x00").endswith(b">"):
        if element.group(1).lower() in _HTML_FRAGMENT_ROOTS:
            return "html"
        return "feed"  # XML without a prologue: the same, not a text article of raw tags
    if start.startswith((b"{", b"[")) and data.rstrip(b" \t\r\n\x00").endswith((b"}", b"]")):
        from newsreader.formats.jsonfeed import is_json_feed

        if is_json_feed(start):
            return "feed"
        raise IngestError("not a feed: it is JSON, not RSS, Atom or JSON Feed")
    if _looks_binary(data):
        raise IngestError("the file looks binary, not a feed, page or article")
    return "text"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError as error:
        if error.start > len(sample) - 4:  # a character cut at the sample's edge
            return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20


def decode_text(data: bytes) -> str:
    """Bytes of a text file as str: BOMs honoured, UTF-8, else windows-1252."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def read_feed(
    data: bytes,
    url: str = "",
    headers: Mapping[str, str] | None = None,
    *,
    defer: bool = False,
) -> ParsedFeed:
    """Feed bytes as articles: parsed by content type, then built.

    Raises :class:`~newsreader.formats.registry.FeedError` when they are not a feed;
    ``defer`` keeps HTML bodies for later (see :mod:`newsreader.extract.deferred`).
    """
    from newsreader.extract.entries import build_articles
    from newsreader.formats.registry import parse_feed

    return build_articles(parse_feed(data, url=url, headers=headers), defer=defer)


def load_bytes(data: bytes, name: str = "", url: str = "") -> Loaded:
    """Extract articles from one input; raises :class:`IngestError` when it cannot."""
    kind = detect_kind(data)
    if kind == "feed":
        from newsreader.formats.registry import FeedError

        try:
            parsed = read_feed(data, url=url)
        except FeedError as error:
            raise IngestError(str(error)) from None
        return Loaded(parsed.title or name, parsed.articles, kind, url)
    if kind == "html":
        from newsreader.extract.page import parse_html_page

        article = parse_html_page(data, url=url)
    else:
        from newsreader.extract.text import parse_text_article

        article = parse_text_article(decode_text(data))
    if not article.title and not article.blocks:
        raise IngestError("no article found in it")
    return Loaded(article.feed or "Imported", [article], kind, url)


def load_path(path: str | Path) -> Loaded:
    """Read and extract one file; errors are :class:`IngestError` with a short reason."""
    path = Path(path)
    try:
        if path.is_dir():
            raise IngestError("is a directory")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IngestError(f"is too large ({size // 1_000_000} MB; the limit is 64 MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError("no such file") from None
    except PermissionError:
        raise IngestError("permission denied") from None
    except OSError as error:
        raise IngestError(error.strerror or str(error)) from None
    return load_bytes(data, name=path.stem)
