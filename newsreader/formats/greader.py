"""Google Reader API answers (JSON, and ClientLogin's text) → typed, cleaned values.

Everything a sync server sends is content from outside, as a feed is: every
string is cleaned here (titles, labels, authors through :func:`clean_text`;
URLs through :func:`clean_url`, http/https only), item ids are checked, dates
clamped, and anything malformed is a :class:`GReaderFormatError` with one line.
An item's HTML body is passed on as it came: the article builder removes escape
sequences from it and turns it into blocks (as for a feed's HTML).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newsreader.sanitize import clean_text, clean_url

MAX_TITLE = 500
MAX_AUTHOR = 200
MAX_URL = 4096
MAX_STREAM_ID = 2048
MAX_HTML = 4 * 1024 * 1024
MIN_YEAR, MAX_YEAR = 1970, 2100
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
READING_LIST = "user/-/state/com.google/reading-list"
_LONG_ID = re.compile(r"tag:google\.com,2005:reader/item/([0-9a-fA-F]{1,16})\Z")
_STATE = re.compile(r"user/[^/]*/state/com\.google/(read|starred)\Z")
_LABEL = re.compile(r"user/[^/]*/label/(.+)\Z", re.S)


class GReaderFormatError(ValueError):
    """The server's answer is not what the API promises (one-line message)."""


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed on the server: stream id (``feed/…``), URL, title, site, folders."""

    stream_id: str
    url: str
    title: str
    site_url: str = ""
    folders: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    """One article on the server, cleaned (``html`` is the raw body, see the module doc)."""

    item_id: str  # decimal
    stream_id: str  # the feed it came from (origin.streamId)
    title: str
    url: str = ""
    author: str = ""
    published: datetime | None = None
    html: str = ""
    feed_title: str = ""
    read: bool = False
    starred: bool = False
    timestamp_usec: int = 0  # when the server got it (FreshRSS: the item id)


@dataclass(frozen=True, slots=True)
class StreamPage:
    """One page of ``stream/contents`` or ``stream/items/contents``."""

    items: list[Item] = field(default_factory=list)
    continuation: str = ""
    skipped: int = 0  # malformed items left out


@dataclass(frozen=True, slots=True)
class IdsPage:
    """One page of ``stream/items/ids``: decimal item ids and the continuation."""

    ids: list[str] = field(default_factory=list)
    continuation: str = ""


def load_json(body: bytes, what: str) -> Any:
    """Parse a JSON answer; malformed, truncated or absurdly nested JSON is an error."""
    try:
        return json.loads(body)
    except RecursionError:
        raise GReaderFormatError(f"the server's {what} is nested too deeply") from None
    except (ValueError, UnicodeDecodeError):
        start = clean_text(body[:60].decode("utf-8", "replace"), 60)
        hint = f" (it starts {start!r})" if start else " (it is empty)"
        raise GReaderFormatError(f"the server's {what} is not valid JSON{hint}") from None


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GReaderFormatError(f"the server's {what} is not a JSON object")
    return value


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _continuation(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(int(value)) if value else ""
    text = _str(value)
    if len(text) > 512 or clean_text(text) != text:
        raise GReaderFormatError("the server sent an unusable continuation")
    return text


def stream_id_of(value: Any) -> str:
    """A stream id the API may be sent back (``""`` when it is unusable)."""
    text = _str(value)
    if not text or len(text) > MAX_STREAM_ID or clean_text(text) != text:
        return ""
    return text


def item_id_of(value: Any) -> str:
    """An item id in decimal (the short form), from either form; ``""`` when invalid."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if 0 <= value < 2**64 else ""
    text = _str(value).strip()
    match = _LONG_ID.match(text)
    if match:
        return str(int(match.group(1), 16))
    if text.isascii() and text.isdigit() and len(text) <= 20 and int(text) < 2**64:
        return str(int(text))
    return ""


def long_item_id(item_id: str) -> str:
    """The long form (``tag:google.com,2005:reader/item/<16 hex>``) of a decimal id."""
    return f"tag:google.com,2005:reader/item/{int(item_id):016x}"


def label_of(stream: str, label: Any = None) -> str:
    """A folder's name from its ``user/…/label/NAME`` id (or its given label)."""
    name = _str(label)
    if not name:
        match = _LABEL.match(stream)
        name = match.group(1) if match else ""
    return clean_text(name, 100)


def parse_login(body: bytes) -> str:
    """The ``Auth`` token of a ClientLogin answer (text ``Auth=…`` lines, or JSON)."""
    text = body[:8192].decode("utf-8", "replace")
    token = ""
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            data = {}
        token = _str(data.get("Auth")) if isinstance(data, dict) else ""
    else:
        for line in text.splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "Auth":
                token = value.strip()
    if not token or len(token) > 1024 or clean_text(token) != token or " " in token:
        raise GReaderFormatError("the login answer holds no Auth token: not a Google Reader API")
    return token


def parse_subscriptions(body: bytes) -> list[Subscription]:
    """``subscription/list?output=json`` → subscriptions with an http(s) URL."""
    data = _object(load_json(body, "subscription list"), "subscription list")
    raw = data.get("subscriptions")
    if not isinstance(raw, list):
        raise GReaderFormatError("the server's subscription list has no subscriptions array")
    found: list[Subscription] = []
    for entry in raw:
        if not isinstance(entry, dict):
            continue
        stream = stream_id_of(entry.get("id"))
        url = _str(entry.get("url")) or (stream[5:] if stream.startswith("feed/") else "")
        url = clean_url(url)
        if not stream or not url or len(url) > MAX_URL:
            continue
        folders = []
        for category in entry.get("categories") or []:
            if isinstance(category, dict):
                name = label_of(_str(category.get("id")), category.get("label"))
                if name and name not in folders:
                    folders.append(name)
        title = clean_text(html.unescape(_str(entry.get("title"))[:4000]), MAX_TITLE)
        site = clean_url(entry.get("htmlUrl"))
        found.append(Subscription(stream, url, title or url, site, tuple(folders)))
    return found


def parse_tags(body: bytes) -> list[str]:
    """``tag/list?output=json`` → folder (label) names."""
    data = _object(load_json(body, "tag list"), "tag list")
    names: list[str] = []
    for tag in data.get("tags") or []:
        if isinstance(tag, dict):
            stream = _str(tag.get("id"))
            if _LABEL.match(stream):
                name = label_of(stream, tag.get("label"))
                if name and name not in names:
                    names.append(name)
    return names


def parse_ids(body: bytes) -> IdsPage:
    """``stream/items/ids?output=json`` → decimal ids and the continuation."""
    data = _object(load_json(body, "item id list"), "item id list")
    refs = data.get("itemRefs")
    if refs is None:
        refs = []
    if not isinstance(refs, list):
        raise GReaderFormatError("the server's item id list has no itemRefs array")
    ids = [i for i in (item_id_of(r.get("id")) for r in refs if isinstance(r, dict)) if i]
    return IdsPage(ids, _continuation(data.get("continuation")))


def _published(value: Any) -> datetime | None:
    if isinstance(value, str) and value.isdigit() and len(value) < 16:
        value = int(value)
    if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
        return None
    try:
        when = datetime.fromtimestamp(int(value), UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return when if MIN_YEAR <= when.year <= MAX_YEAR else None


def _href(links: Any) -> str:
    if isinstance(links, list):
        for link in links:
            if isinstance(link, dict):
                url = clean_url(link.get("href"))
                if url and len(url) <= MAX_URL:
                    return url
    return ""


def _usec(value: Any) -> int:
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else _str(value)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 20 else 0


def parse_item(entry: Any) -> Item | None:
    """One item of a contents page, or ``None`` when it has no usable id or origin."""
    if not isinstance(entry, dict):
        return None
    item_id = item_id_of(entry.get("id"))
    origin = entry.get("origin") if isinstance(entry.get("origin"), dict) else {}
    stream = stream_id_of(origin.get("streamId"))
    if not item_id or not stream:
        return None
    states = set()
    for category in entry.get("categories") or []:
        match = _STATE.match(_str(category))
        if match:
            states.add(match.group(1))
    body = ""
    for key in ("content", "summary"):
        part = entry.get(key)
        if isinstance(part, dict) and _str(part.get("content")).strip():
            body = _str(part.get("content"))[:MAX_HTML]
            break
    return Item(
        item_id=item_id,
        stream_id=stream,
        title=clean_text(html.unescape(_str(entry.get("title"))[: MAX_TITLE * 8]), MAX_TITLE),
        url=_href(entry.get("canonical")) or _href(entry.get("alternate")),
        author=clean_text(_str(entry.get("author"))[: MAX_AUTHOR * 8], MAX_AUTHOR),
        published=_published(entry.get("published")),
        html=body,
        feed_title=clean_text(_str(origin.get("title"))[: MAX_TITLE * 8], MAX_TITLE),
        read="read" in states,
        starred="starred" in states,
        timestamp_usec=_usec(entry.get("timestampUsec"))
        or _usec(entry.get("crawlTimeMsec")) * 1000,
    )


def parse_stream(body: bytes) -> StreamPage:
    """A contents page → its items (malformed ones counted, not kept) and continuation."""
    data = _object(load_json(body, "stream page"), "stream page")
    raw = data.get("items")
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise GReaderFormatError("the server's stream page has no items array")
    items: list[Item] = []
    skipped = 0
    for entry in raw:
        item = parse_item(entry)
        if item is None:
            skipped += 1
        else:
            items.append(item)
    return StreamPage(items, _continuation(data.get("continuation")), skipped)
