"""The reading pane: draws the lines :func:`newsreader.layout.render` returns.

The layout is computed once per (article, width) and cached; a resize lays the
article out again at the new width at once. Nothing here re-wraps text.

Pictures: when the app has a picture service (``app.pictures``), the first
pictures already cached are drawn at once, the rest are read or fetched in a
worker and the article is laid out again when they arrive. Until then, room is
kept only for pictures whose page declared their size (so the text does not
jump); a picture that fails gets the layout without it. A picture is cells
laid over the blank rows the layout reserved for it (half-block ``▀``/``▄``, or
kitty's Unicode placeholders, whose image data is written to the terminal once,
just before the frame that first shows them): it scrolls, resizes and goes away
with the lines it sits in, and opening another article frees the terminal's copies.
With Sixel the cells are half-block, and the app draws the Sixel over them after
each frame (:mod:`newsreader.ui.sixels`, from :meth:`ReaderPane.picture_spots`).

Search matches: an article opened from search results (or a saved search) has
the words looked for underlined and reversed (``highlight``); ``]`` and ``[``
move between the lines that hold them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.layout import PictureSpot, render, render_pictures
from newsreader.model import Article, Figure

if TYPE_CHECKING:
    from newsreader.services.pictures import Picture, Pictures

MATCH_STYLE = "reverse underline"
_SUFFIXES = ("ies", "ing", "es", "ed", "s", "y", "e")


def match_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A regex finding ``words`` as the index does, roughly: whole words or their
    stems (the index stems, so "ferries" finds "ferry"), case-insensitively."""
    stems = set()
    for word in words:
        stem = word.lower()
        for suffix in _SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                stem = stem[: -len(suffix)]
                break
        if stem:
            stems.add(re.escape(stem))
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(stems, key=len, reverse=True)) + r")\w*", re.I)


class ReaderPane(ScrollView, can_focus=True, inherit_bindings=False):
    """A scrollable view of one laid-out article."""

    DEFAULT_CSS = """
    ReaderPane { background: $background; padding: 0 1; scrollbar-gutter: stable; }
    """

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article: Article | None = None
        self.placeholder = "Select an article and press enter to read it."
        self._lines: list[Text] = []
        self._strips: dict[int, Strip] = {}
        self._width = 0
        self._indent = 0  # centres the page when the pane is much wider than the layout
        self._pictures: dict[str, Picture] = {}
        self._overlay: dict[int, list[PictureSpot]] = {}  # line index → pictures on it
        self.highlight: tuple[str, ...] = ()
        """Words to mark in the article (what the search that opened it looks for)."""
        self.matches: list[int] = []
        """The lines holding a highlighted word, top to bottom."""

    @property
    def layout_width(self) -> int:
        """The width the article is laid out at."""
        return max(1, self.scrollable_content_region.width)

    @property
    def lines(self) -> list[Text]:
        """The laid-out lines currently shown."""
        return self._lines

    @property
    def links(self) -> tuple[str, ...]:
        """The article's link targets, numbered as drawn (``[n]`` is ``links[n-1]``)."""
        return self.article.links if self.article is not None else ()

    @property
    def pictures(self) -> dict[str, Picture]:
        """The pictures drawn in the current article, by ``src``."""
        return self._pictures

    @property
    def indent(self) -> int:
        """Blank cells before every line (the page is centred in a wide pane)."""
        return self._indent

    def picture_spots(self) -> list[tuple[str, int, int, int, int]]:
        """``(src, line, column, width, height)`` of each picture drawn in the article."""
        spots = {id(spot): spot for line in self._overlay.values() for spot in line}
        return [(s.src, s.row, s.column, s.width, s.height) for s in spots.values()]

    def _picture_service(self, article: Article | None) -> Pictures | None:
        if article is None or not any(isinstance(b, Figure) and b.src for b in article.blocks):
            return None
        service: Any = getattr(self.app, "pictures", None)
        return service

    def _picture_sizes(self, article: Article) -> dict[str, tuple[int, int]]:
        """Pixel sizes to keep room for: pictures shown, and declared sizes still to come."""
        service = self._picture_service(article)
        return service.sizes(article, self._pictures) if service is not None else {}

    def show(self, article: Article | None) -> None:
        """Show ``article`` from its top (``None``: the placeholder)."""
        if self.article is not None and (article is None or article.id != self.article.id):
            release: Any = getattr(self.app, "release_pictures", None)
            if release is not None:
                release()  # the pictures on screen go: the terminal may free them
        self.article = article
        self.can_focus = article is not None  # nothing to tab to before an article opens
        self._width = 0
        self._pictures = {}
        service = self._picture_service(article)
        if service is not None and article is not None:
            self._pictures = service.cached(article, limit=service.at_once)
            if service.missing(article):
                self._fetch_pictures(service, article)
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True)

    @work(exclusive=True, group="pictures", exit_on_error=False)
    async def _fetch_pictures(self, service: Pictures, article: Article) -> None:
        """Fetch the article's missing pictures; lay it out again when some arrived."""
        reserved = set(service.sizes(article, self._pictures))
        got = await service.fetch(article)
        if self.article is None or self.article.id != article.id:
            return  # another article is open now (the same one may be a newer copy: marks)
        self._pictures.update(got)
        if got or reserved & set(service.failed):  # pictures came, or kept room is not needed
            self._width = 0
            self._relayout()

    def _relayout(self) -> None:
        width = self.layout_width
        if width == self._width:
            return
        self._width = width
        self._overlay = {}
        if self.article is None:
            self._lines = [Text(self.placeholder, style="italic dim")]
        elif sizes := self._picture_sizes(self.article):
            service: Any = getattr(self.app, "pictures", None)
            self._lines, spots = render_pictures(
                self.article, width, pictures=sizes, picture_rows=service.rows
            )
            for spot in spots:
                if spot.src not in self._pictures:
                    continue  # room kept for a picture still on its way
                for row in range(spot.row, spot.row + spot.height):
                    self._overlay.setdefault(row, []).append(spot)
        else:
            self._lines = render(self.article, width)
        self._mark_matches()
        content = max((line.cell_len for line in self._lines), default=0)
        self._indent = max(0, (width - content) // 2) if width - content > 8 else 0
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def _mark_matches(self) -> None:
        """Highlight the search's words in the laid-out lines (copies: the layout is cached)."""
        self.matches = []
        pattern = match_pattern(self.highlight) if self.article is not None else None
        if pattern is None:
            return
        for index, line in enumerate(self._lines):
            if pattern.search(line.plain) is None:
                continue
            marked = line.copy()
            marked.highlight_regex(pattern, MATCH_STYLE)
            self._lines[index] = marked
            self.matches.append(index)

    def next_match(self, step: int = 1) -> int | None:
        """Scroll to the next (``step`` -1: previous) line with a match; its index or ``None``."""
        top = int(self.scroll_y) + 2  # a match is shown two lines below the top
        if step > 0:
            found = next((i for i in self.matches if i > top), None)
        else:
            found = next((i for i in reversed(self.matches) if i < top), None)
        if found is not None:
            self.scroll_to(y=max(0, found - 2), animate=False, immediate=True)
        return found

    def on_resize(self, event: events.Resize) -> None:
        fraction = self.scroll_y / max(1, self.virtual_size.height)
        if self._pictures and self.layout_width != self._width:
            release: Any = getattr(self.app, "release_pictures", None)
            if release is not None:
                release()  # pictures are drawn afresh at their new size; free the old ones
        self._relayout()
        self.scroll_to(y=int(fraction * len(self._lines)), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None or strip.cell_length != width:
            text = Text(" " * self._indent) + self._lines[index]
            text.no_wrap = True
            text.truncate(width, overflow="crop", pad=True)
            segments = list(text.render(self.app.console))
            strip = Strip(segments, width)
            for spot in self._overlay.get(index, ()):
                x = self._indent + spot.column
                if x < width:
                    # Cells are made when a picture is first on screen, once per size.
                    cells = self._pictures[spot.src].cells(spot.width, spot.height)
                    self._write_graphics()
                    picture = Strip(cells[index - spot.row], spot.width).crop(0, width - x)
                    end = x + picture.cell_length
                    strip = Strip.join([strip.crop(0, x), picture, strip.crop(end, width)])
            strip = strip.apply_style(self.rich_style).crop(0, width)
            self._strips[index] = strip
        return strip

    def _write_graphics(self) -> None:
        """Send what the picture service has for the terminal (a kitty image's data)
        now, ahead of the frame being drawn."""
        service: Any = getattr(self.app, "pictures", None)
        write = getattr(self.app, "write_graphics", None)
        if service is not None and write is not None:
            write(service.graphics())

    # -- scrolling (bound at screen level) ------------------------------------
    @property
    def at_end(self) -> bool:
        """The last line is on screen (``space`` then goes on to the next article)."""
        return self.scroll_y >= self.max_scroll_y

    @property
    def fraction(self) -> float:
        """How far down the top of the screen is, 0.0 to 1.0 (1.0 once at the end)."""
        if self.at_end:
            return 1.0
        return min(1.0, self.scroll_y / max(1, len(self._lines)))

    def scroll_to_fraction(self, fraction: float) -> None:
        """Scroll the top of the screen to ``fraction`` of the article (as :attr:`fraction`)."""
        self._relayout()
        self.scroll_to(y=round(fraction * len(self._lines)), animate=False, immediate=True)

    def scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    def page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + max(1, self.size.height - 2), animate=False)

    def page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - max(1, self.size.height - 2), animate=False)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.scroll_to(y=self.scroll_y + 3, animate=False, immediate=True)
        event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.scroll_to(y=self.scroll_y - 3, animate=False, immediate=True)
        event.stop()
