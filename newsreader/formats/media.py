"""Media RSS images per entry, read with lxml beside feedparser; which media are images.

feedparser folds ``media:description`` into the entry's summary or content and
keeps no link between a ``media:content`` and its own description or credit.
This reads each item's Media RSS elements directly (entities off, no network,
recovering from broken XML) so an image keeps its caption and credit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from newsreader.formats.xml import safe_xml_parser
from newsreader.model import Enclosure, Image

MRSS_NS = "http://search.yahoo.com/mrss/"
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


@dataclass(frozen=True, slots=True)
class EntryMedia:
    """Media RSS found in one item: image candidates and every description text.

    ``entry_text`` is a description of the item itself (a child of the item or of
    its ``media:group``, not of one ``media:content``): a video's text on a video
    site's feed. ``entry_text_type`` is ``"plain"`` or ``"html"``.
    """

    images: tuple[Image, ...] = ()
    descriptions: tuple[str, ...] = ()
    entry_text: str = ""
    entry_text_type: str = "plain"


def _local(element: etree._Element) -> str:
    """The local name of an element's tag; ``""`` for a comment or a tag lxml cannot give.

    Never raises: an undeclared prefix (``dc:creator`` without ``xmlns:dc``)
    stays in a recovered tag and ``QName`` refuses it; a namespace URI that is
    not text (``xmlns:dc="&#xD800;"``) makes ``.tag`` itself raise.
    """
    try:
        tag = element.tag
    except (ValueError, UnicodeError):
        return ""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].rpartition(":")[2]


def looks_like_image(url: str, medium: str = "", mime: str = "") -> bool:
    """Whether a media object is an image: its medium or MIME type, else its file name."""
    medium, mime = medium.lower(), mime.lower()
    if medium or mime:
        return medium == "image" or mime.startswith("image/")
    return url.lower().split("?")[0].endswith(_IMAGE_SUFFIXES)


def enclosure_images(enclosures: Iterable[Enclosure]) -> tuple[Image, ...]:
    """The enclosures that are images, as lead image candidates."""
    return tuple(Image(e.url) for e in enclosures if e.url and looks_like_image(e.url, "", e.type))


def _is_image(element: etree._Element) -> bool:
    return looks_like_image(
        element.get("url") or "", element.get("medium") or "", element.get("type") or ""
    )


def _child(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    return element.find(f"{{{MRSS_NS}}}{name}")


def _credit(*scopes: etree._Element | None) -> str:
    for scope in scopes:
        if scope is None:
            continue
        credits = [(c.text or "").strip() for c in scope.findall(f"{{{MRSS_NS}}}credit")]
        credits = [c for c in credits if c]
        if credits:
            return ", ".join(dict.fromkeys(credits))
    return ""


def _description(*scopes: etree._Element | None) -> tuple[str, str]:
    for scope in scopes:
        node = _child(scope, "description")
        if node is not None and (node.text or "").strip():
            return node.text or "", (node.get("type") or "plain").lower()
    return "", "plain"


def _entry_media(item: etree._Element) -> EntryMedia:
    images: list[Image] = []
    groups = [item, *item.findall(f"{{{MRSS_NS}}}group")]
    for scope in groups:
        for content in scope.findall(f"{{{MRSS_NS}}}content"):
            if not _is_image(content) or not content.get("url"):
                continue
            text, kind = _description(content, scope, item)
            credit = _credit(content, scope, item)
            title = _child(content, "title")
            if title is None:
                title = _child(scope, "title")
            alt = (title.text or "") if title is not None else ""
            images.append(Image(content.get("url", ""), alt, text, kind, credit))
    for scope in groups:
        for thumb in scope.findall(f"{{{MRSS_NS}}}thumbnail"):
            if thumb.get("url"):
                text, kind = _description(scope, item)
                images.append(Image(thumb.get("url", ""), "", text, kind, _credit(scope, item)))
    descriptions = tuple(
        (node.text or "").strip()
        for node in item.iter(f"{{{MRSS_NS}}}description")
        if (node.text or "").strip()
    )
    entry_text, entry_type = _description(item, *groups[1:])
    return EntryMedia(tuple(images), descriptions, entry_text.strip(), entry_type)


def read_media(data: bytes, encoding: str = "") -> list[EntryMedia] | None:
    """Media RSS of each item/entry in document order, or ``None`` if unreadable."""
    if MRSS_NS.encode() not in data:
        return None
    try:
        root = etree.fromstring(data, safe_xml_parser(recover=True, encoding=encoding or None))
    except (etree.LxmlError, ValueError, LookupError):
        return None
    if root is None:
        return None
    items: list[etree._Element] = []
    for element in root.iter():
        if _local(element) in ("item", "entry") and not any(
            _local(a) in ("item", "entry") for a in element.iterancestors()
        ):
            items.append(element)
    return [_safe_entry_media(item) for item in items]


def _safe_entry_media(item: etree._Element) -> EntryMedia:
    """:func:`_entry_media`, or nothing for this item: one bad element never fails a feed."""
    try:
        return _entry_media(item)
    except (ValueError, UnicodeError, TypeError):
        return EntryMedia()
