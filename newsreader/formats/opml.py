"""OPML 1.0/2.0 subscription lists: import (nested outlines → tags) and export.

Parsed with lxml with entity resolution and network access off; a document
declaring entities in a DOCTYPE is refused outright. Only http/https feed URLs
are taken (``exec:``, ``filter:``, ``file:`` and the like are skipped with a
note). An export re-imports to the same feeds, titles and tags: each feed sits
in the folder of its first tag and lists all of its tags in ``category``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from newsreader.formats.xml import safe_xml_parser
from newsreader.model import Feed
from newsreader.sanitize import clean_text, clean_url

MAX_OPML_BYTES = 20 * 1024 * 1024


class OpmlError(Exception):
    """The file is not usable OPML (one-line message)."""


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed from a subscription list."""

    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    site_url: str = ""


@dataclass(slots=True)
class Imported:
    """The feeds found in a file, and one note per entry skipped."""

    feeds: list[Subscription] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def parse_opml(data: bytes) -> Imported:
    """The subscriptions in OPML bytes; raises :class:`OpmlError` when unusable."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError("the OPML file is too large (over 20 MB)")
    if b"<!ENTITY" in data[:65536].upper() or b"<\x00!\x00E\x00N\x00T" in data[:65536]:
        raise OpmlError("OPML with DOCTYPE entity declarations is refused")
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as error:
        raise OpmlError(f"not valid OPML: {clean_text(str(error), 160)}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None and list(docinfo.internalDTD.iterentities()):
        raise OpmlError("OPML with DOCTYPE entity declarations is refused")
    if not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise OpmlError("not OPML: the root element is not <opml>")
    body = next((c for c in root if isinstance(c.tag, str) and c.tag.lower() == "body"), None)
    if body is None:
        raise OpmlError("not OPML: no <body>")
    result = Imported()
    seen: set[str] = set()
    _walk(body, (), result, seen)
    return result


def _attr(element: etree._Element, name: str) -> str:
    for key, value in element.attrib.items():
        if str(key).lower() == name.lower():
            return str(value)
    return ""


def _category_tags(value: str) -> list[str]:
    tags: list[str] = []
    for part in value.split(","):
        for piece in part.strip().strip("/").split("/"):
            tag = clean_text(piece, 100)
            if tag:
                tags.append(tag)
    return tags


def _walk(parent: etree._Element, folders: tuple[str, ...], out: Imported, seen: set[str]) -> None:
    for outline in parent:
        if not isinstance(outline.tag, str) or outline.tag.lower() != "outline":
            continue
        title = clean_text(_attr(outline, "text") or _attr(outline, "title"), 300)
        raw_url = _attr(outline, "xmlUrl").strip()
        if not raw_url:
            folder = (*folders, title) if title else folders
            _walk(outline, folder, out, seen)
            continue
        url = clean_url(raw_url)
        if not url or url != "".join(raw_url.split()):
            out.notes.append(
                f"skipped {clean_text(raw_url, 120)!r}: only http and https feed URLs are accepted"
            )
            continue
        tags = tuple(dict.fromkeys((*folders, *_category_tags(_attr(outline, "category")))))
        if url in seen:
            continue
        seen.add(url)
        out.feeds.append(Subscription(url, title, tags, clean_url(_attr(outline, "htmlUrl"))))
        _walk(outline, folders, out, seen)  # feeds nested under a feed are still feeds


def export_opml(feeds: Iterable[Feed], title: str = "newsreader subscriptions") -> bytes:
    """OPML 2.0 for ``feeds`` (tagged feeds go in their first tag's folder).

    Every stored value is cleaned on the way out, as on the way in: the file is
    often printed to a terminal (``opml export`` without a file).
    """
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    folders: dict[str, etree._Element] = {}
    for feed in feeds:
        url = clean_url(feed.url)
        if not url:
            continue
        name = clean_text(feed.title, 300) or url
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": url}
        if site_url := clean_url(feed.site_url):
            attrs["htmlUrl"] = site_url
        parent = body
        tags = [t for t in (clean_text(t, 100) for t in feed.tags) if t]
        if tags:
            attrs["category"] = ",".join(t.replace(",", " ").replace("/", " ") for t in tags)
            first = tags[0]
            if first not in folders:
                folders[first] = etree.SubElement(body, "outline", text=first, title=first)
            parent = folders[first]
        etree.SubElement(parent, "outline", attrs)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
