"""The searchable text of feed HTML, without building blocks (:func:`html_text_parts`)."""

from __future__ import annotations

from lxml import etree

from newsreader.extract.html.limits import (
    MAX_ELEMENTS,
)
from newsreader.extract.html.marks import _attr_kind, _junk_aside
from newsreader.extract.html.parsing import _local, _parse
from newsreader.extract.rules import (
    DROP_TAGS,
)


def html_text_parts(html: str) -> tuple[str, str]:
    """The searchable text of an HTML fragment, cheaply: ``(body, captions)``.

    What :func:`html_to_blocks` drops (scripts, forms, hidden, ad, share and
    related boxes) is dropped here too; the text of ``<figcaption>`` and of
    caption/credit elements is the captions, the rest the body. The text is not
    cleaned (it goes to the full-text index, which only keeps words) and no blocks
    are built: a refresh indexes every entry this way and builds blocks only for
    the articles someone opens.

    The index is contentless: an article leaves it only when given exactly the
    text it was indexed with, which is recomputed with this function. Changing
    what it returns therefore needs a migration that rebuilds the index.
    """
    try:
        root = _parse(html)
    except Exception:  # never raise on feed content
        root = None
    if root is None:
        return "", ""
    dropped: list[etree._Element] = []
    captions: list[etree._Element] = []
    for count, el in enumerate(root.iter()):
        if count > MAX_ELEMENTS:
            break
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if ":" in tag or "}" in tag:
            tag = _local(tag)
        if tag in DROP_TAGS:
            dropped.append(el)
            continue
        kind = _attr_kind(el) if el.attrib else ""
        if kind == "junk" or (tag == "aside" and _junk_aside(el)):
            dropped.append(el)
        elif tag == "figcaption" or kind in ("caption", "credit"):
            captions.append(el)
    for el in dropped:
        _remove(el)
    side: list[str] = []
    for el in captions:  # document order: an outer caption takes its inner credit along
        if _attached(el, root):
            side.append(" ".join(el.itertext()))
            _remove(el)
    return " ".join(root.itertext()), " ".join(side)


def _attached(el: etree._Element, root: etree._Element) -> bool:
    node: etree._Element | None = el
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False


def _remove(el: etree._Element) -> None:
    """Remove an element and its subtree, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = f"{previous.tail or ''} {tail}"
        else:
            parent.text = f"{parent.text or ''} {tail}"
    parent.remove(el)
