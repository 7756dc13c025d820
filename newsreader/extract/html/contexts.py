"""What the builder has open while it walks: a figure, a list, or a caption to attach."""

from __future__ import annotations

from lxml import etree

from newsreader.extract.html.limits import MAX_ITEMS, MAX_TEXT
from newsreader.extract.patterns import is_boilerplate
from newsreader.sanitize import clean_text


class _FigureCtx:
    """An open ``<figure>`` (or figure-like wrapper): images, caption, credit."""

    __slots__ = (
        "caption",
        "credit",
        "credit_depth",
        "el",
        "images",
        "quote",
        "quote_depth",
        "videos",
    )

    def __init__(self, el: etree._Element) -> None:
        self.el = el
        # (src, alt, title, declared (width, height))
        self.images: list[tuple[str, str, str, tuple[int, int]]] = []
        self.videos: list[tuple[str, str]] = []  # (src, title)
        self.caption: list[str] = []
        self.credit: list[str] = []
        self.quote: list[str] = []
        self.credit_depth = 0
        self.quote_depth = 0

    def add(self, text: str) -> None:
        if self.credit_depth:
            self.credit.append(text)
        elif self.quote_depth:
            self.quote.append(text)
        else:
            self.caption.append(text)


class _ListCtx:
    """An open ``<ul>``/``<ol>`` (nested lists flatten into it)."""

    __slots__ = ("current", "el", "items", "ordered")

    def __init__(self, el: etree._Element, ordered: bool) -> None:
        self.el = el
        self.ordered = ordered
        self.items: list[str] = []
        self.current: list[str] = []

    def add(self, text: str) -> None:
        self.current.append(text)

    def end_item(self) -> None:
        text = clean_text("".join(self.current), MAX_TEXT)
        self.current = []
        if text and len(self.items) < MAX_ITEMS and not is_boilerplate(text):
            self.items.append(text)


class _AttachCtx:
    """A caption or credit element outside a figure, attached to the figure before it."""

    __slots__ = ("el", "kind", "text")

    def __init__(self, el: etree._Element, kind: str) -> None:
        self.el = el
        self.kind = kind
        self.text: list[str] = []

    def add(self, text: str) -> None:
        self.text.append(text)
