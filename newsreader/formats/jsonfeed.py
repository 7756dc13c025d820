"""JSON Feed 1.0 and 1.1 bytes → :class:`~newsreader.model.FeedData`.

https://jsonfeed.org/version/1.1: a top-level object with a ``version`` URL and
``items``. Fields of the wrong JSON type are ignored, not fatal; ids that are
numbers become strings; ``authors`` (1.1) win over ``author`` (1.0). The input is
bounded: over :data:`MAX_JSON_BYTES`, or nested deeper than Python's recursion
limit, it is refused with a one-line :class:`FeedError`.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from newsreader.formats.dates import parse_date
from newsreader.formats.registry import FeedError
from newsreader.model import Content, Enclosure, EntryData, FeedData, Image
from newsreader.sanitize import clean_url

VERSION_PREFIX = "https://jsonfeed.org/version/"
MAX_JSON_BYTES = 32 * 1024 * 1024
MAX_ITEMS = 10_000


def is_json_feed(head: bytes) -> bool:
    """Whether the start of a document looks like a JSON Feed (``{`` … a jsonfeed version)."""
    head = head.lstrip(b" \t\r\n\xef\xbb\xbf")
    return head.startswith(b"{") and b"jsonfeed.org/version/" in head[:4096]


def _decode(data: bytes) -> Any:
    if len(data) > MAX_JSON_BYTES:
        raise FeedError(f"not a feed: the JSON is too large (over {MAX_JSON_BYTES >> 20} MB)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FeedError("not a feed: the JSON is not UTF-8") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise FeedError("not a feed: the JSON is nested too deeply") from None
    except ValueError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line})" if line else ""
        raise FeedError(f"not a feed: broken JSON{where}") from None


def parse_json_feed(data: bytes, url: str, headers: dict[str, str]) -> FeedData:
    """Parse JSON Feed bytes; raise :class:`FeedError` when they are not a JSON Feed."""
    doc = _decode(data)
    version = doc.get("version") if isinstance(doc, dict) else None
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIX):
        raise FeedError("not a feed: it is JSON, not RSS, Atom or JSON Feed")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FeedError("not a feed: a JSON Feed without an items list")
    feed_url = clean_url(_str(doc.get("feed_url"))) or url
    base = url or feed_url
    return FeedData(
        title=_text(doc.get("title")),
        link=clean_url(_str(doc.get("home_page_url")), base),
        url=url or feed_url,
        entries=tuple(
            _entry(item, base, _authors(doc))
            for item in items[:MAX_ITEMS]
            if isinstance(item, dict)
        ),
    )


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _text(value: object, kind: str = "text/plain", base: str = "") -> Content | None:
    text = _str(value)
    return Content(text, kind, base) if text.strip() else None


def _date(value: object) -> datetime | None:
    parsed = parse_date(_str(value)) if isinstance(value, str) else None
    return parsed if isinstance(parsed, datetime) else None


def _authors(owner: dict[str, Any]) -> tuple[str, ...]:
    """Author names: 1.1's ``authors`` list, else 1.0's ``author`` object."""
    found = owner.get("authors")
    people = found if isinstance(found, list) else [owner.get("author")]
    names = []
    for person in people:
        if isinstance(person, dict):
            name = _str(person.get("name")).strip() or _str(person.get("url")).strip()
            if name:
                names.append(name)
    return tuple(names)


def _entry(item: dict[str, Any], base: str, feed_authors: tuple[str, ...]) -> EntryData:
    raw_id = item.get("id")
    guid = str(raw_id) if isinstance(raw_id, str | int | float) and raw_id is not True else ""
    link = _str(item.get("url")) or _str(item.get("external_url"))
    content = _text(item.get("content_html"), "text/html", base) or _text(
        item.get("content_text"), "text/plain", base
    )
    summary = _text(item.get("summary"), "text/plain", base)
    if summary is not None and content is not None and summary.value == content.value:
        summary = None
    images = tuple(
        Image(url)
        for url in (_str(item.get("image")), _str(item.get("banner_image")))
        if url.strip()
    )
    attachments = item.get("attachments")
    enclosures = tuple(
        Enclosure(_str(a.get("url")), _str(a.get("mime_type")))
        for a in (attachments if isinstance(attachments, list) else [])
        if isinstance(a, dict) and _str(a.get("url"))
    )
    tags = item.get("tags")
    return EntryData(
        guid=guid.strip(),
        link=link,
        title=_text(item.get("title")),
        authors=_authors(item) or feed_authors,
        published=_date(item.get("date_published")),
        updated=_date(item.get("date_modified")),
        summary=summary,
        content=content,
        base=base,
        tags=tuple(t for t in (tags if isinstance(tags, list) else []) if isinstance(t, str) and t),
        images=images,
        enclosures=enclosures,
    )
