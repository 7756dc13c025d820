"""What an element's class, id, style and ``hidden`` say: junk, figure, caption or credit."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from newsreader.extract.patterns import is_boilerplate
from newsreader.extract.rules import (
    CAPTION_CLASS_PARTS,
    CREDIT_CLASS_PARTS,
    FIGURE_CLASS_WORDS,
    JUNK_CLASS_PARTS,
    JUNK_CLASS_WORDS,
)
from newsreader.sanitize import clean_text


@lru_cache(maxsize=4096)
def _classify(marks: str) -> str:
    """'junk', 'credit', 'caption', 'figure' or '' for a "class id" string."""
    lowered = marks.lower()
    tokens = lowered.split()
    kind = ""
    for token in tokens:
        words = token.replace("_", "-").split("-")
        if any(word in JUNK_CLASS_WORDS for word in words):
            return "junk"
        squashed = token.replace("-", "").replace("_", "")
        if any(part in squashed for part in JUNK_CLASS_PARTS):
            return "junk"
        if not kind:
            if token in FIGURE_CLASS_WORDS:
                kind = "figure"
            elif any(part in token for part in CREDIT_CLASS_PARTS):
                kind = "credit"
            elif any(part in token for part in CAPTION_CLASS_PARTS):
                kind = "caption"
            elif "figure" in words:
                kind = "figure"
    return kind


def _marks(el: etree._Element) -> str:
    cls = el.get("class")
    ident = el.get("id")
    if cls and ident:
        return f"{cls} {ident}"
    return cls or ident or ""


def _attr_kind(el: etree._Element) -> str:
    """:func:`_classify` of the class and id, or 'junk' when the element is hidden."""
    if el.get("hidden") is not None:
        return "junk"
    style = el.get("style")
    if style:
        squashed = style.replace(" ", "").lower()
        if "display:none" in squashed or "visibility:hidden" in squashed:
            return "junk"
    marks = _marks(el)
    return _classify(marks) if marks else ""


def _junk_aside(el: etree._Element) -> bool:
    """An ``<aside>`` that is a "Related"/"Read more" box, or mostly links."""
    text = clean_text(" ".join(el.itertext()), max_len=2000)
    if not text:
        return True
    first = ""
    for piece in el.itertext():
        if piece.strip():
            first = clean_text(piece)
            break
    if is_boilerplate(first) or is_boilerplate(text):
        return True
    linked = sum(len(clean_text(" ".join(a.itertext()))) for a in el.iter("a"))
    return linked * 2 > len(text)
