"""A fast path for well-formed, plain RSS 2.0 and Atom 1.0 feeds, read with lxml.

It gives the same :class:`~newsreader.model.FeedData` the feedparser path
(:mod:`newsreader.formats.rss`) gives, and only accepts what it models exactly: a
UTF-8 document that lxml parses without error (DOCTYPE already removed, entities
off, no network), an ``rss/channel`` or Atom ``feed`` root, items whose children
are all on a known list of text elements, dates :mod:`newsreader.formats.dates`
reads and URLs that :func:`urllib.parse.urljoin` joins as feedparser does.
Anything else (Media RSS, enclosures in RSS, XHTML content, base64, other
charsets, nested markup in a text element, repeated elements, odd dates) returns
``None`` and the caller uses feedparser, which stays the reference.
``tests/unit/test_fastparse.py`` and ``test_feed_data.py`` prove both paths agree.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime
from html.entities import entitydefs
from urllib.parse import urljoin

from lxml import etree

from newsreader.formats.dates import parse_date
from newsreader.formats.media import enclosure_images
from newsreader.formats.xml import safe_xml_parser
from newsreader.model import Content, Enclosure, EntryData, FeedData
from newsreader.sanitize import WEB_SCHEMES, clean_url, joins_unchanged

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

_RSS_ITEM_TAGS = frozenset(
    {
        "title",
        "link",
        "description",
        "guid",
        "pubDate",
        "author",
        "category",
        "comments",
        f"{CONTENT}encoded",
        f"{DC}creator",
        f"{DC}date",
    }
)
_ATOM_ENTRY_TAGS = frozenset(
    f"{ATOM}{t}"
    for t in ("title", "link", "id", "updated", "published", "author", "summary", "content")
) | {f"{ATOM}category"}
_ATOM_PERSON_TAGS = frozenset({f"{ATOM}name", f"{ATOM}email", f"{ATOM}uri"})
_DECL_ENCODING = re.compile(rb"\A\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_QUERY_ENTITY = re.compile("&([A-Za-z0-9_]+);")
_ATOM_TYPES = {"text": "text/plain", "html": "text/html"}
# feedparser drops the extra slashes of "http:///x": such URLs go to feedparser.
_EXTRA_SLASHES = re.compile(r"[A-Za-z][A-Za-z0-9+,.-]*:///")
# C1 controls read as the windows-1252 characters they stand for (as feedparser does).
_CP1252 = {
    c: bytes([c]).decode("cp1252")
    for c in range(0x80, 0xA0)
    if c not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
# Whether an RSS title is HTML: a close tag or an entity, tags from a list of HTML
# elements, entities that HTML defines. A tag not on this (short) list is left to
# feedparser, whose list is longer.
_CLOSE_TAG = re.compile(r"</(\w+)>")
_ANY_ENTITY = re.compile(r"&#?\w+;")
_TAG = re.compile(r"</?(\w+)")
_NAMED_ENTITY = re.compile(r"&(\w+);")
_HTML_TAGS = frozenset(
    "a abbr acronym address b big blockquote br caption center cite code col colgroup dd "  # noqa: SIM905
    "del dfn div dl dt em font h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre q s samp "
    "small span strike strong sub sup table tbody td tfoot th thead tr tt u ul var".split()
)


class _Unsupported(Exception):
    """Something the fast path does not model: use feedparser."""


_PARSER = safe_xml_parser()


def _charset_ok(data: bytes, headers: dict[str, str]) -> bool:
    content_type = headers.get("content-type", "")
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    if charset and charset not in ("utf-8", "utf8"):
        return False
    if not charset and media.startswith("text/"):
        return False  # RFC 3023: feedparser assumes us-ascii here
    match = _DECL_ENCODING.match(data)
    return match is None or match.group(1).lower() in (b"utf-8", b"utf8")


def read_fast(data: bytes, headers: dict[str, str], url: str = "") -> FeedData | None:
    """A plain RSS 2.0 / Atom 1.0 feed as :class:`FeedData`, or ``None`` for feedparser.

    ``headers`` are the lower-cased response headers (``content-location`` is the
    document's base), ``url`` the feed's own clean URL (kept as ``FeedData.url``).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not _charset_ok(data, headers):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.LxmlError, ValueError):
        return None
    if root is None:
        return None
    try:
        return _Reader(headers.get("content-location", ""), url).read(root)
    except _Unsupported:
        return None


def join_url(base: str, uri: str) -> str:
    """``uri`` resolved against ``base`` as feedparser resolves it (or :class:`_Unsupported`)."""
    if joins_unchanged(uri, base):
        return uri
    if _EXTRA_SLASHES.match(uri):
        raise _Unsupported("extra slashes after the scheme")
    try:
        return urljoin(base, uri)
    except ValueError:
        raise _Unsupported("a URL that does not parse") from None


def looks_like_html(value: str) -> bool:
    """Whether an RSS text element holds HTML (feedparser's rule, on a shorter tag list)."""
    if not (_CLOSE_TAG.search(value) or _ANY_ENTITY.search(value)):
        return False
    if any(tag.lower() not in _HTML_TAGS for tag in _TAG.findall(value)):
        raise _Unsupported("a tag that feedparser may count as HTML")
    return all(name in entitydefs for name in _NAMED_ENTITY.findall(value))


def _date(value: str) -> datetime | None:
    when = parse_date(value)
    if isinstance(when, str):  # UNKNOWN
        raise _Unsupported("a date we do not read")
    return when


class _Entry:
    """The fields of one entry while it is read."""

    __slots__ = (
        "authors",
        "base",
        "content",
        "enclosures",
        "guid",
        "guid_is_link",
        "link",
        "published",
        "summary",
        "tags",
        "title",
        "updated",
    )

    def __init__(self) -> None:
        self.guid = self.base = ""
        self.link: str | None = None  # None: no link element (yet)
        self.guid_is_link: bool | None = None
        self.title: Content | None = None
        self.summary: Content | None = None
        self.content: Content | None = None
        self.published: datetime | None = None
        self.updated: datetime | None = None
        self.authors: tuple[str, ...] = ()
        self.tags: list[str] = []
        self.enclosures: list[Enclosure] = []

    def set_guid(self, value: str, permalink: bool) -> None:
        self.guid = value
        if self.guid_is_link is None:
            self.guid_is_link = permalink and self.link is None
        if permalink and self.link is None:
            self.link = value

    def data(self) -> EntryData:
        link = clean_url(self.link) if self.guid_is_link else self.link or ""
        enclosures = tuple(self.enclosures)
        summary = self.summary
        if summary is not None and self.content is not None and summary.value == self.content.value:
            summary = None
        return EntryData(
            guid=self.guid,
            link=link,
            title=self.title,
            authors=self.authors,
            published=self.published,
            updated=self.updated,
            summary=summary,
            content=self.content,
            base=self.base,
            tags=tuple(self.tags),
            images=enclosure_images(enclosures),
            enclosures=enclosures,
        )


class _Reader:
    def __init__(self, location: str, url: str) -> None:
        self.root_base = location
        self.url = url

    def base(self, el: etree._Element, parent: str) -> str:
        rel = el.get(XML_BASE)
        if not rel:
            return parent
        if not parent:
            return join_url(parent, rel)
        joined = join_url(parent, rel)
        if joined.strip().split(":", 1)[0] not in WEB_SCHEMES:
            raise _Unsupported("an xml:base that is not http(s)")
        return joined

    @staticmethod
    def text(el: etree._Element) -> str:
        """An element's text as feedparser leaves it."""
        if len(el):
            for child in el:
                if isinstance(child.tag, str):
                    raise _Unsupported("markup inside a text element")
            value = "".join(el.itertext())
        else:
            value = el.text or ""
        value = value.strip()
        if not value.isascii():
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                value = value.encode("iso-8859-1").decode("utf-8")
            value = value.translate(_CP1252)
        return value

    def read(self, root: etree._Element) -> FeedData:
        base = self.base(root, self.root_base)
        if root.tag == "rss":
            channels = [c for c in root if c.tag == "channel"]
            if len(channels) != 1 or root.get("version") != "2.0":
                raise _Unsupported("not RSS 2.0")
            return self.rss(channels[0], self.base(channels[0], base))
        if root.tag == f"{ATOM}feed":
            return self.atom(root, base)
        raise _Unsupported("unknown root")

    @staticmethod
    def once(seen: set[str], tag: str) -> None:
        if tag in seen:
            raise _Unsupported("repeated element")
        seen.add(tag)

    def rss_text(self, el: etree._Element, base: str) -> Content | None:
        value = self.text(el)
        kind = "text/html" if looks_like_html(value) else "text/plain"
        return Content(value, kind, base) if value else None

    # -- RSS 2.0 --------------------------------------------------------------
    def rss(self, channel: etree._Element, base: str) -> FeedData:
        title: Content | None = None
        link = ""
        entries: list[EntryData] = []
        seen: set[str] = set()
        for el in channel:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag == "item":
                entries.append(self.rss_item(el, self.base(el, base)))
            elif tag == "title":
                self.once(seen, tag)
                title = self.rss_text(el, self.base(el, base))
            elif tag == "link":
                self.once(seen, tag)
                link = _QUERY_ENTITY.sub(r"&\g<1>", join_url(self.base(el, base), self.text(el)))
            elif tag in (f"{DC}title", f"{ATOM}title", f"{ATOM}link", "source") and (
                tag != f"{ATOM}link" or el.get("rel", "alternate") == "alternate"
            ):
                raise _Unsupported("channel element that feedparser maps to title/link")
        return FeedData(title, link, self.url, tuple(entries))

    def rss_item(self, item: etree._Element, base: str) -> EntryData:
        entry = _Entry()
        seen: set[str] = set()
        for el in item:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag not in _RSS_ITEM_TAGS:
                raise _Unsupported(f"item element {tag}")
            el_base = self.base(el, base)
            if tag == "category":
                value = self.text(el)
                if value:
                    entry.tags.append(value)
                continue
            if tag == "comments":
                continue
            self.once(seen, "author" if tag == f"{DC}creator" else tag)
            if tag == "title":
                entry.title = self.rss_text(el, el_base)
                entry.base = el_base
            elif tag == "link":
                value = join_url(el_base, self.text(el)).replace("&amp;", "&")
                entry.link = _QUERY_ENTITY.sub(r"&\g<1>", value)
            elif tag == "description":
                value = self.text(el)
                entry.summary = Content(value, "text/html", el_base) if value else None
            elif tag == f"{CONTENT}encoded":
                value = self.text(el)
                entry.content = Content(value, "text/html", el_base) if value else None
            elif tag == "guid":
                permalink = el.get("isPermaLink", el.get("ispermalink", "true")) == "true"
                value = self.text(el)
                entry.set_guid(
                    join_url(el_base, value) if permalink and value else value, permalink
                )
            elif tag == "pubDate":
                entry.published = _date(self.text(el))
            elif tag == f"{DC}date":
                entry.updated = _date(self.text(el))
            else:  # author, dc:creator
                value = self.text(el)
                entry.authors = (value,) if value else ()
        return entry.data()

    # -- Atom 1.0 -------------------------------------------------------------
    def atom_text(self, el: etree._Element, base: str) -> Content | None:
        kind = _ATOM_TYPES.get((el.get("type") or "text").lower())
        if kind is None or el.get("src") is not None or el.get("mode"):
            raise _Unsupported("Atom text construct type")
        value = self.text(el)
        return Content(value, kind, base) if value else None

    @staticmethod
    def atom_link(el: etree._Element, base: str) -> tuple[str, str, str]:
        """``(rel, type, href)`` of an Atom link, ``type`` defaulted as feedparser does."""
        rel = el.get("rel") or "alternate"
        kind = el.get("type")
        if kind is None:
            kind = "application/atom+xml" if rel == "self" else "text/html"
        href = el.get("href")
        if href is None:
            raise _Unsupported("link without href")
        return rel, kind, join_url(base, href)

    @staticmethod
    def is_page(rel: str, kind: str) -> bool:
        return rel == "alternate" and kind.lower() in ("text/html", "application/xhtml+xml")

    def atom(self, root: etree._Element, base: str) -> FeedData:
        title: Content | None = None
        link: str | None = None  # the alternate link, else the id (as feedparser)
        entries: list[EntryData] = []
        seen: set[str] = set()
        for el in root:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag == f"{ATOM}entry":
                entries.append(self.atom_entry(el, self.base(el, base)))
            elif tag == f"{ATOM}title":
                self.once(seen, tag)
                title = self.atom_text(el, self.base(el, base))
            elif tag == f"{ATOM}link":
                rel, kind, href = self.atom_link(el, self.base(el, base))
                if self.is_page(rel, kind):
                    link = href
            elif tag == f"{ATOM}id":
                self.once(seen, tag)
                value = self.text(el)
                if link is None:
                    link = join_url(self.base(el, base), value) if value else value
            elif not tag.startswith(ATOM) or tag == f"{ATOM}source":
                raise _Unsupported(f"feed element {tag}")
        return FeedData(title, link or "", self.url, tuple(entries))

    def atom_entry(self, item: etree._Element, base: str) -> EntryData:
        entry = _Entry()
        seen: set[str] = set()
        for el in item:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag not in _ATOM_ENTRY_TAGS:
                raise _Unsupported(f"entry element {tag}")
            el_base = self.base(el, base)
            if tag == f"{ATOM}link":
                rel, kind, href = self.atom_link(el, el_base)
                if self.is_page(rel, kind):
                    entry.link = href
                elif rel == "enclosure":
                    entry.enclosures.append(Enclosure(href, kind))
                continue
            if tag == f"{ATOM}category":
                if len(el) or (el.text or "").strip():
                    raise _Unsupported("category with text")
                value = el.get("label") or el.get("term")
                if value:
                    entry.tags.append(value)
                continue
            self.once(seen, tag)
            name = tag[len(ATOM) :]
            if name == "title":
                entry.title = self.atom_text(el, el_base)
                entry.base = el_base
            elif name == "summary":
                entry.summary = self.atom_text(el, el_base)
            elif name == "content":
                entry.content = self.atom_text(el, el_base)
            elif name == "id":
                value = self.text(el)
                entry.set_guid(join_url(el_base, value) if value else value, True)
            elif name == "published":
                entry.published = _date(self.text(el))
            elif name == "updated":
                entry.updated = _date(self.text(el))
            else:  # author
                entry.authors = self.atom_author(el)
        return entry.data()

    def atom_author(self, el: etree._Element) -> tuple[str, ...]:
        person: dict[str, str] = {}
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag not in _ATOM_PERSON_TAGS or tag[len(ATOM) :] in person:
                raise _Unsupported("author element")
            person[tag[len(ATOM) :]] = self.text(child)
        if (el.text or "").strip() or any((c.tail or "").strip() for c in el):
            raise _Unsupported("text in author")
        name, email = person.get("name"), person.get("email")
        if name and email:
            return (f"{name} ({email})",)
        return (name or email,) if name or email else ()
