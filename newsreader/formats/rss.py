"""RSS and Atom bytes → :class:`~newsreader.model.FeedData`, through feedparser.

feedparser is the reference for broken feeds. It is only ever given bytes (a
string would make it read a local file or fetch a URL), with its own sanitiser
and URI resolution off: extraction builds blocks from the raw HTML and cleans
every string. The bytes are made safe first by :mod:`newsreader.formats.prepare`
(DOCTYPE and entity declarations removed, UTF-16 transcoded, over-long author
fields cut). Plain well-formed RSS 2.0 / Atom 1.0 takes the lxml fast path
(:mod:`newsreader.formats.rss_fast`), which gives the same data.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from datetime import UTC, datetime
from typing import Any

from newsreader.formats.media import EntryMedia, looks_like_image, read_media
from newsreader.formats.prepare import UnsafeFeed, prepare
from newsreader.formats.registry import FeedError
from newsreader.model import Content, Enclosure, EntryData, FeedData, Image
from newsreader.sanitize import clean_text, clean_url

FAST_PATH = True  # the lxml reader for plain RSS 2.0 / Atom (tests compare both paths)
# Below this size feedparser costs a few milliseconds: the reference parser reads it.
FAST_PATH_MIN_BYTES = 16 * 1024


def parse_rss(data: bytes, url: str, headers: dict[str, str]) -> FeedData:
    """Parse RSS or Atom bytes; raise :class:`FeedError` when they are not a feed.

    ``url`` is the feed's clean URL (``""`` if unknown), ``headers`` the HTTP response
    headers (``Content-Type`` charset and ``Content-Location`` are honoured).
    Malformed feeds that still yield entries are accepted.
    """
    try:
        safe, response_headers = prepare(data, headers, url)
    except UnsafeFeed as error:
        raise FeedError(f"not a feed: {error}") from None
    base = url or clean_url(response_headers.get("content-location", ""))
    if FAST_PATH and len(safe) >= FAST_PATH_MIN_BYTES:
        from newsreader.formats.rss_fast import read_fast

        fast = read_fast(safe, response_headers, base)
        if fast is not None:
            return fast
    result = _feedparser(safe, response_headers)
    entries = result.get("entries") or []
    feed = result.get("feed") or {}
    if not result.get("version") and not _is_feed_root(_root_name(safe)):
        raise FeedError(f"not a feed: {_reason(result, safe)}")  # <item>s in other XML
    if not entries:
        if not result.get("version"):
            raise FeedError(f"not a feed: {_reason(result, safe)}")
        if result.get("bozo"):
            raise FeedError("not a feed: broken XML with no entries")
    media = read_media(safe, result.get("encoding") or "")
    if media is not None and len(media) != len(entries):
        media = None
    return FeedData(
        title=_content(feed.get("title_detail"), feed.get("title")),
        link=str(feed.get("link") or ""),
        url=base,
        entries=tuple(_entries(entries, media)),
    )


def _entries(entries: list[Any], media: list[EntryMedia] | None) -> list[EntryData]:
    """Each entry as EntryData; one the parser left in an odd shape is skipped, never fatal."""
    out: list[EntryData] = []
    for index, entry in enumerate(entries):
        try:
            out.append(_entry(entry, media[index] if media is not None else None))
        except (AttributeError, TypeError, ValueError, KeyError, IndexError, UnicodeError):
            continue
    return out


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
        return "it is JSON, not RSS, Atom or JSON Feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "it is an HTML page, not RSS or Atom"
    problem = result.get("bozo_exception")
    if problem is not None:
        message = getattr(problem, "getMessage", None)
        text = clean_text(message() if callable(message) else problem, 120)
        return f"no RSS or Atom found (broken XML: {text or type(problem).__name__})"
    name = _root_name(data)
    if not _is_feed_root(name):
        return f"it is XML with a <{name}> root element, not RSS or Atom"
    return "no RSS or Atom elements found"


def _is_feed_root(name: str) -> bool:
    """Whether a root element name is one of a feed (or unknown: ``""``)."""
    return name.lower().rpartition(":")[2] in _FEED_ROOTS


def _root_name(data: bytes) -> str:
    """The first element's name (prefix kept), or ``""`` when there is none in the head."""
    root = _ROOT.search(_COMMENT_OR_PI.sub(b"", data[:4096]))
    return root.group(1).decode("ascii", "replace") if root else ""


_COMMENT_OR_PI = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]{0,40})")
# Roots feedparser may read without naming a version (no version attribute, RSS 0.9x).
_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel", ""})


# -- feedparser's dictionaries → typed data -----------------------------------


def _content(
    detail: Any, fallback: object = "", default_type: str = "text/plain"
) -> Content | None:
    """A feedparser text construct (``*_detail``) as :class:`Content`, or ``None`` if empty."""
    value = str((detail.get("value") if detail else fallback) or "")
    if not value:
        return None
    if not detail:
        return Content(value, default_type)
    return Content(value, str(detail.get("type") or default_type), str(detail.get("base") or ""))


def _datetime(parsed: Any) -> datetime | None:
    """A feedparser date (a UTC ``struct_time``) as an aware datetime."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (ValueError, OverflowError, TypeError, AttributeError, OSError):
        return None


def _entry(entry: Any, media: EntryMedia | None) -> EntryData:
    """One feedparser entry as :class:`EntryData` (Media RSS read beside it)."""
    get = entry.get
    link = str(get("link") or "")
    if get("guidislink"):  # no <link>: the guid is a URL only if it is absolute
        link = clean_url(link)
    # feedparser folds media:description into summary and content: they are captions.
    captions = set(media.descriptions) if media else set()
    contents = [
        c
        for c in get("content") or []
        if (c.get("value") or "").strip() and c.get("value", "").strip() not in captions
    ]
    contents.sort(key=lambda c: not Content("", str(c.get("type") or "")).is_html)
    content = _content(contents[0]) if contents else None
    summary = _content(get("summary_detail"), get("summary"), "text/html")
    if summary is not None and (
        not summary.value.strip()
        or summary.value.strip() in captions
        or (content is not None and summary.value == content.value)  # feedparser's copy
    ):
        summary = None
    author = str(get("author") or "")
    names = [str(a.get("name") or "") for a in _dicts(entry, "authors")]
    enclosures = tuple(
        Enclosure(str(item.get("href") or ""), str(item.get("type") or ""))
        for item in _dicts(entry, "links")
        if item.get("rel") == "enclosure"
    )
    images = _images(entry, media, enclosures)
    if content is None and summary is None and media is not None and media.entry_text:
        # The item's own media:description is all the text it has: its body, not a caption.
        kind = "text/html" if media.entry_text_type == "html" else "text/plain"
        content = Content(media.entry_text, kind)
        images = tuple(
            dataclasses.replace(image, caption="")
            if image.caption.strip() == media.entry_text
            else image
            for image in images
        )
    return EntryData(
        guid=str(get("id") or ""),
        link=link,
        title=_content(get("title_detail"), get("title")),
        authors=(author,) if author else tuple(n for n in names if n),
        # plain lookups: no feedparser key aliasing or warnings
        published=_datetime(dict.get(entry, "published_parsed")),
        updated=_datetime(dict.get(entry, "updated_parsed"))
        or _datetime(dict.get(entry, "created_parsed")),
        summary=summary,
        content=content,
        base=str((get("title_detail") or {}).get("base") or ""),
        tags=tuple(
            value
            for tag in _dicts(entry, "tags")
            if (value := str(tag.get("label") or tag.get("term") or ""))
        ),
        images=images,
        enclosures=enclosures,
    )


def _images(
    entry: Any, media: EntryMedia | None, enclosures: tuple[Enclosure, ...]
) -> tuple[Image, ...]:
    """Lead image candidates: Media RSS (with captions), then media content and enclosures."""
    images: list[Image] = list(media.images) if media else []
    credit = ""
    credits = _dicts(entry, "media_credit")
    if credits and media is None:
        credit = str(credits[0].get("content", ""))[:1200]
    candidates = [
        (c.get("url"), c.get("medium"), c.get("type")) for c in _dicts(entry, "media_content")
    ]
    candidates += [(t.get("url"), "image", "") for t in _dicts(entry, "media_thumbnail")]
    candidates += [(e.url, "", e.type) for e in enclosures]
    for raw, medium, mime in candidates:
        url = str(raw or "")
        if url and looks_like_image(url, str(medium or ""), str(mime or "")):
            images.append(Image(url, credit=credit))
    return tuple(images)


def _dicts(entry: Any, key: str) -> list[Any]:
    """``entry[key]`` when it is a list, its dict items only.

    A feed can put anything under these keys (an element named ``<links>``
    makes feedparser's ``links`` a string).
    """
    value = entry.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
