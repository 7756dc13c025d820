"""The reading pane: draws the lines :func:`newsreader.layout.render` returns.

The layout is computed once per (article, width) and cached; a resize lays the
article out again at the new width at once. Nothing here re-wraps text.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.layout import render
from newsreader.model import Article


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

    def show(self, article: Article | None) -> None:
        """Show ``article`` from its top (``None``: the placeholder)."""
        self.article = article
        self.can_focus = article is not None  # nothing to tab to before an article opens
        self._width = 0
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True)

    def _relayout(self) -> None:
        width = self.layout_width
        if width == self._width:
            return
        self._width = width
        if self.article is None:
            self._lines = [Text(self.placeholder, style="italic dim")]
        else:
            self._lines = render(self.article, width)
        content = max((line.cell_len for line in self._lines), default=0)
        self._indent = max(0, (width - content) // 2) if width - content > 8 else 0
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        fraction = self.scroll_y / max(1, self.virtual_size.height)
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
            strip = Strip(segments, width).apply_style(self.rich_style).crop(0, width)
            self._strips[index] = strip
        return strip

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
