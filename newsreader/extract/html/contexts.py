"""What the builder has open while it walks: a figure, a list, or a caption to attach."""

from __future__ import annotations

from lxml import etree

from newsreader.extract.html.limits import MAX_ITEMS, MAX_TEXT
from newsreader.extract.html.spans import Style, pieces_of, runs_for
from newsreader.extract.patterns import is_boilerplate
from newsreader.model import Run
from newsreader.sanitize import clean_text


class _FigureCtx:
    """An open ``<figure>`` (or figure-like wrapper): images, caption, credit."""

    __slots__ = (
        "caption",
        "credit",
        "credit_depth",
        "el",
        "images",
        "marks",
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
        self.marks: list[tuple[int, Style]] = []  # styled pieces of ``caption``
        self.credit: list[str] = []
        self.quote: list[str] = []
        self.credit_depth = 0
        self.quote_depth = 0

    def add(self, text: str, style: Style | None = None) -> None:
        if self.credit_depth:
            self.credit.append(text)
        elif self.quote_depth:
            self.quote.append(text)
        else:
            if style is not None:
                self.marks.append((len(self.caption), style))
            self.caption.append(text)

    def caption_runs(self, caption: str) -> tuple[Run, ...]:
        """Runs of the caption, when it is still the caption's whole clean text."""
        return runs_for(pieces_of(self.caption, self.marks), caption) if self.marks else ()


class _ListCtx:
    """An open ``<ul>``/``<ol>`` (nested lists flatten into it)."""

    __slots__ = ("current", "el", "items", "marks", "ordered", "runs")

    def __init__(self, el: etree._Element, ordered: bool) -> None:
        self.el = el
        self.ordered = ordered
        self.items: list[str] = []
        self.runs: list[tuple[Run, ...]] = []  # one per item, () for a plain one
        self.current: list[str] = []
        self.marks: list[tuple[int, Style]] = []  # styled pieces of ``current``

    def add(self, text: str) -> None:
        self.current.append(text)

    def end_item(self) -> None:
        text = clean_text("".join(self.current), MAX_TEXT)
        current, marks = self.current, self.marks
        self.current = []
        self.marks = []
        if text and len(self.items) < MAX_ITEMS and not is_boilerplate(text):
            self.items.append(text)
            self.runs.append(runs_for(pieces_of(current, marks), text) if marks else ())


class _AttachCtx:
    """A caption or credit element outside a figure, attached to the figure before it."""

    __slots__ = ("el", "kind", "text")

    def __init__(self, el: etree._Element, kind: str) -> None:
        self.el = el
        self.kind = kind
        self.text: list[str] = []

    def add(self, text: str) -> None:
        self.text.append(text)
