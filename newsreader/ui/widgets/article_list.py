"""The article list: a line-API ``ScrollView`` drawing only the rows on screen.

Rows come from :class:`~newsreader.ui.widgets.pages.PagedRows` (keyset pages
from the store) or :class:`~newsreader.ui.widgets.pages.FixedRows` (search
results), so the list costs the same with ten articles or a hundred thousand.
Wide lists draw one line per article (markers, title, feed, age); narrow ones
two (markers and title, then feed and age).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.model import ArticleSummary
from newsreader.sanitize import clean_text
from newsreader.ui.timefmt import relative_date, utc_now
from newsreader.ui.widgets.pages import FixedRows, PagedRows

ONE_LINE_MIN_WIDTH = 52
UNREAD_MARK = "●"
BOOKMARK_MARK = "★"
PROGRESS_MARK = "◐"  # read part of the way: it reopens where it was left
PROGRESS_DONE = 1000  # ArticleSummary.progress of an article read to its end


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """A cursor over a (possibly huge) list of article summaries."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--marker",
        "article-list--bookmark",
        "article-list--empty",
    }

    DEFAULT_CSS = """
    ArticleList { background: $surface; }
    ArticleList > .article-list--cursor { background: $primary 40%; }
    ArticleList:focus > .article-list--cursor { background: $primary 70%; }
    ArticleList > .article-list--unread { text-style: bold; color: $text; }
    ArticleList > .article-list--read { color: $text-muted; }
    ArticleList > .article-list--meta { color: $text-muted; }
    ArticleList > .article-list--marker { color: $accent; }
    ArticleList > .article-list--bookmark { color: $warning; }
    ArticleList > .article-list--empty { color: $text-muted; text-style: italic; }
    """

    cursor = reactive(0, always_update=True, init=False)

    @dataclass
    class Opened(Message):
        """The user opened a row (enter or click)."""

        summary: ArticleSummary

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] = utc_now,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.rows: PagedRows | FixedRows = FixedRows([])
        self.clock = clock
        self.empty_text = "No articles."
        self._now = clock()

    # -- data ----------------------------------------------------------------
    @property
    def row_height(self) -> int:
        return 1 if self.size.width >= ONE_LINE_MIN_WIDTH else 2

    @property
    def total(self) -> int:
        return self.rows.total

    @property
    def current(self) -> ArticleSummary | None:
        """The summary under the cursor."""
        return self.rows.get(self.cursor)

    def set_rows(self, rows: PagedRows | FixedRows, cursor: int = 0) -> None:
        """Show new rows (another view or search results)."""
        self.rows = rows
        self._now = self.clock()
        self._update_virtual_size()
        self.cursor = max(0, min(cursor, rows.total - 1))
        self.refresh()

    def update_row(self, article_id: int, **changes: object) -> None:
        """Redraw a row after its marks changed."""
        self.rows.update(article_id, **changes)
        self.refresh()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.size.width, self.rows.total * self.row_height)

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self.scroll_to_cursor(animate=False)

    # -- movement ------------------------------------------------------------
    def move(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))

    def move_to(self, index: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, index))

    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height - 1)

    def watch_cursor(self, old: int, new: int) -> None:
        before = self.scroll_y
        self.scroll_to_cursor()
        if self.scroll_y != before:
            self.refresh()
            return
        height = self.row_height  # only the two rows that changed are redrawn
        self.refresh_lines(old * height, height)
        self.refresh_lines(new * height, height)

    def keep_cursor_at(self, screen_row: int) -> None:
        """Scroll so the cursor's row sits ``screen_row`` lines from the top, when it can."""
        self.scroll_to(
            y=max(0, self.cursor * self.row_height - screen_row), animate=False, immediate=True
        )
        self.scroll_to_cursor()
        self.refresh()

    def scroll_to_cursor(self, animate: bool = False) -> None:
        height = self.row_height
        top = self.cursor * height
        view = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=animate, immediate=True)
        elif top + height > self.scroll_y + view:
            self.scroll_to(y=top + height - view, animate=animate, immediate=True)

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y + event.y) // self.row_height
        if 0 <= index < self.total:
            self.cursor = index
            summary = self.current
            if summary is not None:
                self.post_message(self.Opened(summary))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.scroll_to(y=self.scroll_y + 3, animate=False, immediate=True)
        event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.scroll_to(y=self.scroll_y - 3, animate=False, immediate=True)
        event.stop()

    # -- drawing -------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self.total:
            if y == 0:
                style = self.get_component_rich_style("article-list--empty")
                text = Text(" " + self.empty_text, style=style, no_wrap=True)
                return self._strip(text, width, base)
            return Strip.blank(width, base)
        line = int(self.scroll_y) + y
        height = self.row_height
        index, part = divmod(line, height)
        summary = self.rows.get(index)
        if summary is None:
            return Strip.blank(width, base)
        selected = index == self.cursor
        if selected:
            base = base + self.get_component_rich_style("article-list--cursor")
        text = self.row_text(summary, part, width)
        return self._strip(text, width, base)

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = list(text.render(self.app.console))
        return Strip(segments, width).apply_style(base).crop(0, width)

    def row_text(self, summary: ArticleSummary, part: int, width: int) -> Text:
        """The text of one line (``part``) of a row: never markup, always ``Text``."""
        style = self.get_component_rich_style
        title_style = style("article-list--unread" if not summary.read else "article-list--read")
        meta = style("article-list--meta")
        age = relative_date(summary.published, self._now)
        if not summary.read:
            first = UNREAD_MARK
        elif 0 < summary.progress < PROGRESS_DONE:
            first = PROGRESS_MARK
        else:
            first = " "
        markers = Text.assemble(
            (first, style("article-list--marker")),
            (BOOKMARK_MARK if summary.bookmarked else " ", style("article-list--bookmark")),
            " ",
        )
        if self.row_height == 1:
            feed_width = min(22, max(8, width // 5))
            title_width = max(1, width - 3 - feed_width - 2 - 1 - 6 - 1)
            title = Text(summary.title or "(untitled)", style=title_style, no_wrap=True)
            title.truncate(title_width, overflow="ellipsis", pad=True)
            feed = Text(clean_text(summary.feed, 200), style=meta, no_wrap=True)
            feed.truncate(feed_width, overflow="ellipsis", pad=True)
            # A space always parts the feed from the date, however long the feed's name.
            return Text.assemble(markers, title, "  ", feed, " ", (f"{age:>6}", meta), " ")
        if part == 0:
            title = Text(summary.title or "(untitled)", style=title_style, no_wrap=True)
            title.truncate(max(1, width - 4), overflow="ellipsis")
            return Text.assemble(markers, title)
        feed_width = max(1, width - 3 - 8)
        feed = Text(clean_text(summary.feed, 200), style=meta, no_wrap=True)
        feed.truncate(feed_width, overflow="ellipsis", pad=True)
        return Text.assemble("   ", feed, (f"{age:>7}", meta), " ")
