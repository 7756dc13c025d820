"""Link cards: a box that is one link around a title, a blurb and images (a bookmark card).

Blog engines turn a pasted URL into such a card; what it says is "a link to this
page", so it becomes one linked line (its title), not a figure of its favicon.
"""

from __future__ import annotations

from lxml import etree

from newsreader.extract.html.parsing import _local
from newsreader.extract.rules import BLOCK_TAGS, LINK_CARD_BOXES, LINK_CARD_TITLE_PARTS
from newsreader.sanitize import clean_text

MAX_CARD_TEXT = 600  # a longer "card" is content that happens to sit in a link


def link_card(el: etree._Element) -> tuple[str, str] | None:
    """``(raw href, title)`` when ``el`` is a link card, else ``None``.

    The shape: ``el`` (a figure or a box) holds nothing but one ``<a href>``, and that
    link wraps block-level parts with text. The title is the part whose class says
    "title", else the first part with text.
    """
    if _local(el.tag) not in LINK_CARD_BOXES or len(el) != 1 or (el.text or "").strip():
        return None
    link = el[0]
    if not isinstance(link.tag, str) or _local(link.tag) != "a" or (link.tail or "").strip():
        return None
    href = (link.get("href") or "").strip()
    if not href or href.startswith("#"):
        return None
    parts = [
        node
        for node in link.iterdescendants()
        if isinstance(node.tag, str) and _local(node.tag) in BLOCK_TAGS
    ]
    if not parts:
        return None
    text = clean_text("".join(link.itertext()), MAX_CARD_TEXT + 1)
    if not text or len(text) > MAX_CARD_TEXT:
        return None
    titled = [
        node
        for node in parts
        if any(part in (node.get("class") or "").lower() for part in LINK_CARD_TITLE_PARTS)
    ]
    for node in (*titled, *parts):
        title = clean_text("".join(node.itertext()), MAX_CARD_TEXT)
        if title:
            return href, title
    return None
