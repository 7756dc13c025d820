"""Feed parsers, chosen by content type: bytes → :class:`~newsreader.model.FeedData`.

Each format is one module with one function ``(data, url, headers) -> FeedData``
and one :class:`Parser` line in :data:`PARSERS` (its media types and how to
recognise its bytes when the type is missing or generic). Modules are imported
when first used: a parser's dependencies (feedparser, lxml) stay off start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from newsreader.model import FeedData
from newsreader.sanitize import clean_url

_BLANK = b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"


class FeedError(Exception):
    """The bytes are not a usable feed (one-line, user-facing message)."""


@dataclass(frozen=True, slots=True)
class Parser:
    """One feed format: where its parse function lives, its media types, a sniffer."""

    name: str
    function: str  # "module:function", imported on first use
    media_types: frozenset[str]
    sniff: Callable[[bytes], bool]


def _looks_like_xml(head: bytes) -> bool:
    return head.startswith(b"<")


def _looks_like_json(head: bytes) -> bool:
    return head.startswith((b"{", b"["))


PARSERS: tuple[Parser, ...] = (
    Parser(
        "rss",
        "newsreader.formats.rss:parse_rss",
        frozenset(
            {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "text/xml"}
            | {"application/xml", "application/x-rss+xml", "application/x-atom+xml"}
        ),
        _looks_like_xml,
    ),
    Parser(
        "jsonfeed",
        "newsreader.formats.jsonfeed:parse_json_feed",
        frozenset({"application/feed+json", "application/json", "text/json"}),
        _looks_like_json,
    ),
)
DEFAULT = PARSERS[0]  # the reference parser: it says best what is wrong with other bytes


def media_type(content_type: str | None) -> str:
    """The bare, lower-cased media type of a ``Content-Type`` value."""
    return (content_type or "").split(";")[0].strip().lower()


def choose(data: bytes, content_type: str | None = None) -> Parser:
    """The parser for ``data``: by its media type, else by sniffing, else the default.

    A media type that its bytes contradict (JSON served as ``text/xml``, XML as
    ``application/json``) loses to the parser whose sniff matches.
    """
    kind = media_type(content_type)
    head = data[:1024].lstrip(_BLANK)
    sniffed = next((parser for parser in PARSERS if parser.sniff(head)), None)
    for parser in PARSERS:
        if kind in parser.media_types and (sniffed is None or parser.sniff(head)):
            return parser
    return sniffed or DEFAULT


def parse_feed(
    data: bytes,
    *,
    url: str = "",
    headers: Mapping[str, str] | None = None,
    content_type: str | None = None,
) -> FeedData:
    """Parse feed bytes into :class:`FeedData`; raise :class:`FeedError` if not a feed.

    ``url`` is where the feed came from (the base for relative links), ``headers`` the
    HTTP response headers (a charset in ``Content-Type`` is honoured) and
    ``content_type`` overrides the ``Content-Type`` header when choosing the parser.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("parse_feed takes bytes")
    data = bytes(data)
    if not data.strip(_BLANK):
        raise FeedError("not a feed: the document is empty")
    clean_headers = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    if content_type is None:
        content_type = clean_headers.get("content-type")
    parser = choose(data, content_type)
    module, _, name = parser.function.partition(":")
    parse: Callable[[bytes, str, dict[str, str]], FeedData] = getattr(
        importlib.import_module(module), name
    )
    return parse(data, clean_url(url), clean_headers)
