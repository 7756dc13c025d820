"""A fast path for well-formed, plain RSS 2.0 and Atom 1.0 feeds, read with lxml.

It builds the same entry dictionaries feedparser would (the keys
:mod:`newsreader.formats.parse` reads), reusing feedparser's own helpers for
dates, URI joining and HTML sniffing, so every later step is shared. It only
accepts what it models exactly: a UTF-8 document that lxml parses without
error (DOCTYPE already removed, entities off, no network), an ``rss/channel``
or Atom ``feed`` root, and items whose children are all on a known list of
text elements. Anything else (Media RSS, enclosures, XHTML content, base64,
other charsets, nested markup in a text element, repeated elements) returns
``None`` and the caller uses feedparser, which stays the reference.
``tests/unit/test_fastparse.py`` proves both paths give identical results.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from lxml import etree

from newsreader.formats.xml import safe_xml_parser
from newsreader.sanitize import joins_unchanged

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


class _Unsupported(Exception):
    """Something the fast path does not model: use feedparser."""


def _helpers() -> tuple[Any, Any, Any, Any, dict]:
    from feedparser.datetimes import _parse_date
    from feedparser.html import _cp1252
    from feedparser.mixin import _FeedParserMixin
    from feedparser.urls import _urljoin, make_safe_absolute_uri

    return _parse_date, _urljoin, make_safe_absolute_uri, _FeedParserMixin.looks_like_html, _cp1252


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


def fast_parse(data: bytes, headers: dict[str, str]) -> dict[str, Any] | None:
    """A feedparser-shaped result for a plain RSS 2.0 / Atom 1.0 feed, or ``None``."""
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
        return _Reader(headers).read(root)
    except _Unsupported:
        return None


def _result(feed: dict[str, Any], entries: list[dict[str, Any]], version: str) -> dict[str, Any]:
    """What ``feedparser.parse`` returns for a well-formed UTF-8 document."""
    return {"feed": feed, "entries": entries, "version": version, "bozo": 0, "encoding": "utf-8"}


class _Reader:
    def __init__(self, headers: dict[str, str]) -> None:
        (
            self.parse_date,
            self._urljoin,
            self.safe_uri,
            self.looks_like_html,
            self.cp1252,
        ) = _helpers()
        location = headers.get("content-location", "")
        self.root_base = self.safe_uri("", location) or self.safe_uri(location) or ""

    # -- shared pieces --------------------------------------------------------
    def urljoin(self, base: str, uri: str) -> str:
        """feedparser's ``_urljoin``; a plain absolute URL is returned as it is (as there)."""
        if joins_unchanged(uri, base):
            return uri
        return self._urljoin(base, uri)

    def base(self, el: etree._Element, parent: str) -> str:
        rel = el.get(XML_BASE)
        if not rel:
            return parent
        if parent:
            return self.safe_uri(parent, rel) or parent
        return self.urljoin(parent, rel)

    def text(self, el: etree._Element) -> str:
        """An element's text as feedparser's ``pop`` leaves it."""
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
            value = value.translate(self.cp1252)
        return value

    def detail(self, value: str, kind: str, base: str) -> dict[str, str]:
        return {"type": kind, "language": None, "base": base, "value": value}

    def read(self, root: etree._Element) -> dict[str, Any]:
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

    # -- RSS 2.0 --------------------------------------------------------------
    def rss(self, channel: etree._Element, base: str) -> dict[str, Any]:
        feed: dict[str, Any] = {}
        entries: list[dict[str, Any]] = []
        seen: set[str] = set()
        for el in channel:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag == "item":
                entries.append(self.rss_item(el, self.base(el, base)))
            elif tag == "title":
                self.once(seen, tag)
                el_base = self.base(el, base)
                value = self.text(el)
                kind = "text/html" if self.looks_like_html(value) else "text/plain"
                feed["title"] = value
                feed["title_detail"] = self.detail(value, kind, el_base)
            elif tag == "link":
                self.once(seen, tag)
                value = self.urljoin(self.base(el, base), self.text(el))
                feed["link"] = _QUERY_ENTITY.sub(r"&\g<1>", value)
            elif tag in (f"{DC}title", f"{ATOM}title", f"{ATOM}link", "source") and (
                tag != f"{ATOM}link" or el.get("rel", "alternate") == "alternate"
            ):
                raise _Unsupported("channel element that feedparser maps to title/link")
        return _result(feed, entries, "rss20")

    def rss_item(self, item: etree._Element, base: str) -> dict[str, Any]:
        entry: dict[str, Any] = {}
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
                    scheme = el.get("domain")
                    entry.setdefault("tags", []).append(
                        {"term": value, "scheme": scheme, "label": None}
                    )
                continue
            if tag == "comments":
                continue
            self.once(seen, "author" if tag == f"{DC}creator" else tag)
            if tag == "title":
                value = self.text(el)
                kind = "text/html" if self.looks_like_html(value) else "text/plain"
                entry["title"] = value
                entry["title_detail"] = self.detail(value, kind, el_base)
            elif tag == "link":
                value = self.urljoin(el_base, self.text(el)).replace("&amp;", "&")
                value = _QUERY_ENTITY.sub(r"&\g<1>", value)
                entry["link"] = value
                entry.setdefault("links", []).append(
                    {"rel": "alternate", "type": "text/html", "href": value}
                )
            elif tag == "description":
                if "summary" in entry:
                    raise _Unsupported("second description")
                value = self.text(el)
                entry["summary"] = value
                entry["summary_detail"] = self.detail(value, "text/html", el_base)
            elif tag == f"{CONTENT}encoded":
                value = self.text(el)
                entry.setdefault("content", []).append(self.detail(value, "text/html", el_base))
            elif tag == "guid":
                permalink = el.get("isPermaLink", el.get("ispermalink", "true")) == "true"
                self.guid(entry, self.text(el), permalink, el_base)
            elif tag == "pubDate":
                entry["published"] = value = self.text(el)
                entry["published_parsed"] = self.parse_date(value)
            elif tag == f"{DC}date":
                entry["updated"] = value = self.text(el)
                entry["updated_parsed"] = self.parse_date(value)
            else:  # author, dc:creator
                entry["author"] = self.text(el)
        return entry

    def guid(self, entry: dict[str, Any], value: str, permalink: bool, base: str) -> None:
        if permalink and value:
            value = self.urljoin(base, value)
        entry["id"] = value
        entry.setdefault("guidislink", permalink and "link" not in entry)
        if permalink:
            entry.setdefault("link", value)

    # -- Atom 1.0 -------------------------------------------------------------
    def atom_text(self, el: etree._Element, base: str) -> dict[str, str]:
        kind = _ATOM_TYPES.get((el.get("type") or "text").lower())
        if kind is None or el.get("src") is not None or el.get("mode"):
            raise _Unsupported("Atom text construct type")
        return self.detail(self.text(el), kind, base)

    def atom_link(self, context: dict[str, Any], el: etree._Element, base: str) -> None:
        rel = el.get("rel") or "alternate"
        kind = el.get("type")
        if kind is None:
            kind = "application/atom+xml" if rel == "self" else "text/html"
        href = el.get("href")
        if href is None:
            raise _Unsupported("link without href")
        href = self.urljoin(base, href)
        link = {"rel": rel, "type": kind, "href": href}
        context.setdefault("links", []).append(link)
        if rel == "alternate" and kind.lower() in ("text/html", "application/xhtml+xml"):
            context["link"] = href

    def atom(self, root: etree._Element, base: str) -> dict[str, Any]:
        feed: dict[str, Any] = {}
        entries: list[dict[str, Any]] = []
        seen: set[str] = set()
        for el in root:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag == f"{ATOM}entry":
                entries.append(self.atom_entry(el, self.base(el, base)))
            elif tag == f"{ATOM}title":
                self.once(seen, tag)
                detail = self.atom_text(el, self.base(el, base))
                feed["title"] = detail["value"]
                feed["title_detail"] = detail
            elif tag == f"{ATOM}link":
                self.atom_link(feed, el, self.base(el, base))
            elif not tag.startswith(ATOM) or tag == f"{ATOM}source":
                raise _Unsupported(f"feed element {tag}")
        return _result(feed, entries, "atom10")

    def atom_entry(self, item: etree._Element, base: str) -> dict[str, Any]:
        entry: dict[str, Any] = {}
        seen: set[str] = set()
        for el in item:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if tag not in _ATOM_ENTRY_TAGS:
                raise _Unsupported(f"entry element {tag}")
            el_base = self.base(el, base)
            if tag == f"{ATOM}link":
                self.atom_link(entry, el, el_base)
                continue
            if tag == f"{ATOM}category":
                if len(el) or (el.text or "").strip():
                    raise _Unsupported("category with text")
                entry.setdefault("tags", []).append(
                    {"term": el.get("term"), "scheme": el.get("scheme"), "label": el.get("label")}
                )
                continue
            self.once(seen, tag)
            name = tag[len(ATOM) :]
            if name == "title":
                detail = self.atom_text(el, el_base)
                entry["title"] = detail["value"]
                entry["title_detail"] = detail
            elif name == "summary":
                detail = self.atom_text(el, el_base)
                entry["summary"] = detail["value"]
                entry["summary_detail"] = detail
            elif name == "content":
                entry["content"] = [self.atom_text(el, el_base)]
            elif name == "id":
                self.guid(entry, self.text(el), True, el_base)
            elif name in ("published", "updated"):
                entry[name] = value = self.text(el)
                entry[f"{name}_parsed"] = self.parse_date(value)
            else:  # author
                self.atom_author(entry, el)
        return entry

    def atom_author(self, entry: dict[str, Any], el: etree._Element) -> None:
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
            entry["author"] = f"{name} ({email})"
        elif name or email:
            entry["author"] = name or email
        else:
            entry["author"] = ""
        entry["authors"] = [{k: v for k, v in person.items() if k != "uri" or v}]
