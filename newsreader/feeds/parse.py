"""Feed bytes → articles, through feedparser.

feedparser is only ever given bytes (a string would make it read a local file
or fetch a URL), with its own sanitiser and URI resolution off: we build
blocks with :func:`newsreader.extract.html.html_to_blocks` and clean every
string through :mod:`newsreader.sanitize`. The bytes are made safe first by
:mod:`newsreader.feeds.prepare` (DOCTYPE and entity declarations removed,
UTF-16 transcoded, over-long author fields cut).
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from newsreader.extract.deferred import MAX_DEK, DeferredBody, resolve_dek, with_lead
from newsreader.feeds.media import EntryMedia, read_media
from newsreader.feeds.prepare import UnsafeFeed, prepare
from newsreader.model import Article, Block, Figure, Paragraph
from newsreader.sanitize import (
    clean_text,
    clean_url,
    risky_markup,
    scrub_tree,
    strip_markup_escapes,
)

MAX_ENTRIES = 2000
MAX_TITLE = 500
MAX_AUTHOR = 200
MAX_SECTION = 100
MAX_GUID = 512
MAX_URL = 4096
MIN_YEAR, MAX_YEAR = 1970, 2100
FUTURE_SLACK = timedelta(days=2)
# A bigger body is built at once (in the parse worker), so opening an article never
# parses megabytes of HTML on the reader's thread: 256 KB builds in about 20 ms.
MAX_DEFERRED_HTML = 256 * 1024
FAST_PATH = True  # the lxml reader for plain RSS 2.0 / Atom (tests compare both paths)
# Below this size feedparser costs a few milliseconds: the reference parser reads it.
FAST_PATH_MIN_BYTES = 16 * 1024

_HTML_TYPES = ("html", "xhtml", "xml")
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
# "jo@example.com (Jo Bloggs)" and "Jo Bloggs (jo@example.com)" / "Jo Bloggs <jo@…>".
_EMAIL_THEN_NAME = re.compile(r"\s*[^\s()<>@]+@[^\s()<>]+\s*\((?P<name>[^()]+)\)\s*")
_NAME_THEN_EMAIL = re.compile(r"\s*(?P<name>[^()<>]+?)\s*[(<]\s*[^\s()<>@]+@[^\s()<>]+\s*[)>]\s*")


class FeedError(Exception):
    """The bytes are not a usable feed (one-line, user-facing message)."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed: its title, site link and articles (newest first as published).

    ``deferred`` (from ``parse_feed(..., defer=True)``) has one entry per
    article: its :class:`DeferredBody`, or ``None`` when its blocks were built.
    """

    title: str
    link: str = ""
    articles: list[Article] = field(default_factory=list)
    deferred: list[DeferredBody | None] = field(default_factory=list)


def parse_feed(
    data: bytes, url: str = "", headers: Mapping[str, str] | None = None, *, defer: bool = False
) -> ParsedFeed:
    """Parse feed bytes; raise :class:`FeedError` when they are not a feed.

    ``url`` is where the feed came from (the base for relative links) and
    ``headers`` the HTTP response headers (``Content-Type`` charset is honoured).
    Malformed feeds that still yield entries are accepted. With ``defer``, HTML
    bodies are kept for later (see :mod:`newsreader.extract.deferred`).
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("parse_feed takes bytes")
    data = bytes(data)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise FeedError("not a feed: the document is empty")
    try:
        safe, response_headers = prepare(data, headers, url)
    except UnsafeFeed as error:
        raise FeedError(f"not a feed: {error}") from None
    result = _fast_or_feedparser(safe, response_headers)
    entries = result.get("entries") or []
    feed = result.get("feed") or {}
    version = result.get("version") or ""
    if not entries:
        if not version:
            raise FeedError(f"not a feed: {_reason(result, safe)}")
        if result.get("bozo"):
            raise FeedError("not a feed: broken XML with no entries")
    title = _text_of(feed.get("title_detail"), feed.get("title"), MAX_TITLE)
    base = clean_url(url) or clean_url(response_headers.get("content-location", ""))
    link = clean_url(feed.get("link"), base)
    media = read_media(safe, result.get("encoding") or "")
    if media is not None and len(media) != len(entries):
        media = None
    articles: list[Article] = []
    deferred: list[DeferredBody | None] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries[:MAX_ENTRIES]):
        item_media = media[index] if media is not None else None
        try:
            made = _article(entry, title, link or base, item_media, defer)
        except (AttributeError, TypeError, ValueError, KeyError, IndexError, UnicodeError):
            made = None  # one entry the parser left in an odd shape never fails the feed
        if made is None:
            continue
        article, kept = made
        key = article.guid or article.url
        if key:
            if key in seen:
                continue
            seen.add(key)
        articles.append(article)
        deferred.append(kept)
    return ParsedFeed(title, link, articles, deferred if defer else [])


def _fast_or_feedparser(data: bytes, headers: dict[str, str]) -> Any:
    """The lxml fast path for plain well-formed feeds, else feedparser (the reference)."""
    if FAST_PATH and len(data) >= FAST_PATH_MIN_BYTES:
        from newsreader.feeds.fastparse import fast_parse

        result = fast_parse(data, headers)
        if result is not None:
            return result
    return _feedparser(data, headers)


def _feedparser(data: bytes, headers: dict[str, str]) -> Any:
    import feedparser

    try:
        return feedparser.parse(
            data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
        )
    except Exception as error:  # feedparser raises re.error, ValueError, TypeError…
        raise FeedError(
            f"not a feed: the parser failed ({type(error).__name__}: {clean_text(error, 120)})"
        ) from None


def _reason(result: Any, data: bytes) -> str:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "it is JSON, not RSS or Atom"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "it is an HTML page, not RSS or Atom"
    problem = result.get("bozo_exception")
    if problem is not None:
        message = getattr(problem, "getMessage", None)
        text = clean_text(message() if callable(message) else problem, 120)
        return f"no RSS or Atom found (broken XML: {text or type(problem).__name__})"
    return "no RSS or Atom elements found"


# -- text helpers -----------------------------------------------------------


def _is_html(kind: object) -> bool:
    return any(t in str(kind or "").lower() for t in _HTML_TYPES)


def html_text(markup: str) -> str:
    """The visible text of a fragment of HTML (scripts and styles dropped), uncleaned."""
    if "<" not in markup and "&" not in markup:
        return markup
    from lxml import etree
    from lxml import html as lxml_html

    markup = markup.replace("\x00", "")
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.LxmlError, ValueError):
        return markup
    if risky_markup(markup):
        scrub_tree(root)
    for node in root.iter("script", "style", "noscript", "template"):
        node.drop_tree()
    return root.text_content()


def _text_of(detail: Any, fallback: object, max_len: int) -> str:
    """A feed text construct as one clean line (HTML types turned into text)."""
    value = detail.get("value") if detail else fallback
    if not value:
        return ""
    value = str(value)[: max_len * 8]
    if detail and _is_html(detail.get("type")):
        value = html_text(value)
    return clean_text(value, max_len)


def _plain_paragraphs(text: str) -> list[Block]:
    """Literal text (``text/plain`` content) as paragraphs split on blank lines."""
    blocks: list[Block] = []
    for chunk in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")):
        cleaned = clean_text(chunk)
        if cleaned:
            blocks.append(Paragraph(cleaned))
    return blocks


# -- one entry ----------------------------------------------------------------


def _guid(entry: Any) -> str:
    raw = entry.get("id") or ""
    if not raw:
        return ""
    raw = str(raw)
    if len(raw) > MAX_GUID:
        return "sha256:" + hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()
    return clean_text(raw)


def _published(entry: Any, now: datetime | None = None) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = dict.get(entry, key)  # plain lookup: no feedparser key aliasing or warnings
        if not parsed:
            continue
        try:
            if not MIN_YEAR <= parsed.tm_year <= MAX_YEAR:
                continue
            when = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
        except (ValueError, OverflowError, TypeError, AttributeError):
            continue
        if when > (now or datetime.now(UTC)) + FUTURE_SLACK:
            continue
        return when
    return None


def _author(entry: Any) -> str:
    raw = entry.get("author") or ""
    if not raw:
        authors = entry.get("authors") or []
        raw = ", ".join(str(a.get("name", "")) for a in authors[:5] if a.get("name"))
    raw = str(raw)[: MAX_AUTHOR * 4]
    for pattern in (_EMAIL_THEN_NAME, _NAME_THEN_EMAIL):
        match = pattern.fullmatch(raw)
        if match:
            raw = match.group("name")
            break
    return clean_text(raw, MAX_AUTHOR)


def _section(entry: Any) -> str:
    for tag in entry.get("tags") or []:
        term = clean_text(str(tag.get("label") or tag.get("term") or "")[:400], MAX_SECTION)
        if term:
            return term
    return ""


def _content(entry: Any, media: EntryMedia | None) -> tuple[str, str, str]:
    """The best body: (value, content type, xml:base); media descriptions excluded."""
    media_texts = set(media.descriptions) if media else set()
    contents = [
        c
        for c in entry.get("content") or []
        if (c.get("value") or "").strip() and c.get("value", "").strip() not in media_texts
    ]
    contents.sort(key=lambda c: not _is_html(c.get("type")))
    if contents:
        best = contents[0]
        return best.get("value", ""), best.get("type", ""), best.get("base", "")
    summary = entry.get("summary_detail") or {}
    value = summary.get("value") or entry.get("summary") or ""
    if value.strip() in media_texts:
        return "", "", ""
    return value, summary.get("type", "text/html"), summary.get("base", "")


def _dek_candidate(entry: Any, body_value: str, media: EntryMedia | None) -> str:
    """The summary as a dek, before it is compared with the body (see ``resolve_dek``)."""
    summary = entry.get("summary_detail") or {}
    value = summary.get("value") or entry.get("summary") or ""
    if not value.strip() or value == body_value:
        return ""
    if media and value.strip() in media.descriptions:
        return ""
    text = html_text(value[: MAX_DEK * 8]) if _is_html(summary.get("type")) else value
    dek = clean_text(text[: MAX_DEK * 8])
    if not dek or len(dek) > MAX_DEK * 2:
        return ""
    return dek


def _lead_figure(entry: Any, media: EntryMedia | None, base: str) -> Figure | None:
    """A figure from Media RSS or an image enclosure, for a body without one."""
    if media:
        for image in media.images:
            src = clean_url(image.url, base)
            if not src:
                continue
            caption = image.description
            if image.description_type == "html":
                caption = html_text(caption)
            return Figure(
                src,
                clean_text(image.title, 300),
                clean_text(caption, 1000),
                clean_text(image.credit, 300),
            )
    candidates = [
        (c.get("url"), c.get("medium"), c.get("type")) for c in _dicts(entry, "media_content")
    ]
    candidates += [(t.get("url"), "image", "") for t in _dicts(entry, "media_thumbnail")]
    candidates += [(e.get("href"), "", e.get("type")) for e in _enclosures(entry)]
    for raw, medium, mime in candidates:
        mime = str(mime or "").lower()
        path = str(raw or "").lower().split("?")[0]
        is_image = medium == "image" or mime.startswith("image/")
        if not is_image and not medium and not mime:
            is_image = path.endswith(_IMAGE_SUFFIXES)
        src = clean_url(raw, base) if is_image else ""
        if src:
            credit = ""
            credits = _dicts(entry, "media_credit")
            if credits and media is None:
                credit = clean_text(str(credits[0].get("content", ""))[:1200], 300)
            return Figure(src, "", "", credit)
    return None


def _dicts(entry: Any, key: str) -> list[Any]:
    """``entry[key]`` when it is a list, its dict items only.

    A feed can put anything under these keys (an element named ``<links>``
    makes feedparser's ``links`` a string).
    """
    value = entry.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _enclosures(entry: Any) -> list[Any]:
    """An entry's enclosure links (feedparser keeps them among ``links``)."""
    return [link for link in _dicts(entry, "links") if link.get("rel") == "enclosure"]


def _article(
    entry: Any, feed_title: str, feed_link: str, media: EntryMedia | None, defer: bool = False
) -> tuple[Article, DeferredBody | None] | None:
    """One entry as an article, or ``None`` when it has no title, link or body.

    With ``defer`` an HTML body is returned as a :class:`DeferredBody` (its
    blocks built when the article is read) and the article has no blocks and no
    reading time yet; an entry without a title, or without a guid and a URL, is
    always built now (its title or identity comes from its text), and so is a
    body over ``MAX_DEFERRED_HTML``.
    """
    guid = _guid(entry)
    value, kind, content_base = _content(entry, media)
    link_base = clean_url((entry.get("title_detail") or {}).get("base")) or feed_link
    if entry.get("guidislink"):  # no <link>: the guid is a URL only if it is absolute
        url = clean_url(entry.get("link"))
    else:
        url = clean_url(entry.get("link"), link_base)
    if len(url) > MAX_URL:
        url = ""
    base = clean_url(content_base) or url or feed_link
    title = _text_of(entry.get("title_detail"), entry.get("title"), MAX_TITLE)
    dek = _dek_candidate(entry, value, media)
    fields = dict(
        url=url,
        feed=feed_title,
        author=_author(entry),
        published=_published(entry),
        section=_section(entry),
        guid=guid,
    )
    body: DeferredBody | None = None
    if not value.strip():
        blocks: list[Block] = []
    elif _is_html(kind):
        body = DeferredBody(strip_markup_escapes(value), base, _lead_figure(entry, media, base))
        if defer and title and (guid or url) and len(value) <= MAX_DEFERRED_HTML:
            return Article(title=title, dek=dek, **fields), body
        blocks = body.blocks()
    else:
        blocks = _plain_paragraphs(value)
    if body is None:
        blocks = with_lead(blocks, _lead_figure(entry, media, base))
    if not title and not blocks and not url:
        return None
    if not title:
        first = next((b.plain for b in blocks if isinstance(b, Paragraph)), "")
        title = clean_text(first, 100) or "Untitled"
    return Article(title=title, blocks=tuple(blocks), dek=resolve_dek(dek, blocks), **fields), None
