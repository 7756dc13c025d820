"""The main screen: views, the article list and the reading pane."""

from __future__ import annotations

import contextlib
import dataclasses
import os
from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from newsreader import layout
from newsreader.model import ArticleSummary
from newsreader.sanitize import clean_text
from newsreader.services.marks import BulkChange
from newsreader.services.query import QueryError, saved_views
from newsreader.services.query import search as run_query
from newsreader.services.reading import (
    get_article,
)
from newsreader.services.refresh.progress import RefreshProgress
from newsreader.services.stores import (
    ORDERS,
    PROGRESS_DONE,
    Counts,
    ListQuery,
    Store,
    StoreError,
    open_store,
)
from newsreader.ui.host import ReaderHost, StoreChanged
from newsreader.ui.messages import SearchResults
from newsreader.ui.screens.bindings import MAIN_BINDINGS
from newsreader.ui.screens.commands_mixin import FeedCommands
from newsreader.ui.screens.fulltext_mixin import FullTextCommands
from newsreader.ui.screens.links_mixin import LinkCommands
from newsreader.ui.screens.marking_mixin import BulkMarks
from newsreader.ui.screens.memory_mixin import PlaceMemory
from newsreader.ui.screens.prefetch_mixin import PrefetchPictures
from newsreader.ui.screens.searches_mixin import SavedSearchCommands
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.inputs import CleanInput
from newsreader.ui.widgets.pages import FixedRows, PagedRows
from newsreader.ui.widgets.reader import ReaderPane
from newsreader.ui.widgets.status import RefreshStatus
from newsreader.ui.widgets.views import ALL, BOOKMARKS, ERROR_MARK, UNREAD, View, ViewList

NARROW_BELOW = 120
"""Terminals narrower than this show the list and the article one at a time."""
READER_CHROME = 4  # reader padding (2), scrollbar (1), border (1)
SIDEBAR_WIDTH = getattr(layout, "SIDEBAR_THRESHOLD", 100)
IDEAL_READER = (
    getattr(layout, "MEASURE", 76)
    + getattr(layout, "GUTTER", 3)
    + getattr(layout, "SIDEBAR_MAX", 36)
    + READER_CHROME
)
BENCH_ENV = "NEWSREADER_BENCH_EXIT_AFTER_FIRST_PAINT"
SEARCH_LIMIT = 500
"""Search results listed at most (the header counts every match, to query.COUNT_CAP)."""


def left_width(total: int) -> int:
    """Width of the list column beside the reader on a wide terminal.

    The reader keeps the layout's sidebar threshold so captions sit in the
    sidebar; the list gets all the rest, from 24 to 64 columns (56 at 160).
    """
    return max(MIN_LIST_WIDTH, min(64, total - SIDEBAR_WIDTH - READER_CHROME))


ORDER_NAMES = {
    "newest": "newest first",
    "oldest": "oldest first",
    "feed": "by feed",
    "title": "by title",
}
MIN_LIST_WIDTH = 24
MIN_READER_WIDTH = 40
LIST_WIDTH_STEP = 4


@dataclass(frozen=True, slots=True)
class Target:
    """The article a key such as ``b`` or ``o`` acts on."""

    id: int
    title: str
    url: str
    read: bool
    bookmarked: bool
    feed_id: int | None = None


class MainScreen(
    FeedCommands,
    BulkMarks,
    FullTextCommands,
    LinkCommands,
    PlaceMemory,
    PrefetchPictures,
    SavedSearchCommands,
    Screen[None],
):
    """Views and list on the left, the reading pane on the right (or one at a time)."""

    BINDINGS = MAIN_BINDINGS  # type: ignore[assignment]
    AUTO_FOCUS = "#list"  # focused as it mounts: no restyle and footer rebuild after

    app: ReaderHost

    def __init__(self) -> None:
        super().__init__()
        self.view: View = ALL
        self.search_text = ""
        self.search_words: tuple[str, ...] = ()
        """What the search results look for (the reader highlights it)."""
        self.article_id: int | None = None
        self.order = "newest"
        """The list's sort order (one of ``ORDERS``), the same in every view."""
        self.last_bulk: BulkChange | None = None
        """The last mark-all-read, which ``U`` undoes."""
        self.custom_list_width: int | None = None
        """The list's width on wide terminals when the user changed it."""
        self._place_saved = False

    def compose(self) -> ComposeResult:
        # The size classes and the list width are set before anything mounts, so
        # the first layout is the final one (no restyle of the whole tree after).
        width = self.app.size.width
        narrow = width < NARROW_BELOW
        self.set_class(narrow, "-narrow")
        self.set_class(not narrow, "-wide")
        left = Vertical(id="left")
        left.styles.width = None if narrow else self.list_width(width)
        with Horizontal(id="panes"):
            with left:
                yield CleanInput(placeholder="Search articles…", id="search")
                yield ViewList(id="views")
                yield Static(id="feed-error", markup=False)
                yield Static(id="list-header")
                yield ArticleList(id="list", clock=self.app.clock)
            yield ReaderPane(id="reader")
        yield RefreshStatus(id="refresh-status")
        yield Footer()

    # -- widgets ---------------------------------------------------------------
    @property
    def list(self) -> ArticleList:
        return self.query_one("#list", ArticleList)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one("#reader", ReaderPane)

    @property
    def views(self) -> ViewList:
        return self.query_one("#views", ViewList)

    @property
    def refresh_status(self) -> RefreshStatus:
        return self.query_one("#refresh-status", RefreshStatus)

    @property
    def feed_error(self) -> Static:
        """The line under the views naming the highlighted feed's last refresh error."""
        return self.query_one("#feed-error", Static)

    @property
    def store(self) -> Store:
        return self.app.store

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    @property
    def reading(self) -> bool:
        """An article is open: the reading keys act on it (at every width).

        Narrow terminals then show the article alone; wide ones beside the list,
        whose cursor stays on the open article. ``escape`` goes back to the list.
        """
        return self.has_class("-reading")

    def enter_reading(self) -> None:
        """Give the keys to the open article (it must be shown in the reader)."""
        self.add_class("-reading")
        self.reader.can_focus = True
        self.reader.focus()

    def leave_reading(self) -> None:
        """Give the keys back to the list (the article stays in a wide reader)."""
        self.save_progress()
        self.remove_class("-reading", "-list-hidden")
        self.list.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Focus and reading go together: tab to the article reads it, away leaves it."""
        if event.widget is self.reader:
            if self.reader.article is not None and not self.reading:
                self.add_class("-reading")
        elif self.reading and not self.narrow and event.widget is not self.reader:
            self.save_progress()
            self.remove_class("-reading", "-list-hidden")

    # -- start -----------------------------------------------------------------
    def on_mount(self) -> None:
        self._apply_size(self.app.size.width)  # a no-op unless the size changed since compose
        self.reader.show(None)
        self.reload()
        if self.focused is None:
            self.list.focus()
        self.restore_place()
        self.show_refresh_progress(self.app.refresh_progress)
        self.app.store_changed.subscribe(self, self._store_changed, immediate=True)
        self.app.refresh_progressed.subscribe(self, self.show_refresh_progress, immediate=True)
        self.app.closing.subscribe(self, lambda _: self.save_place(), immediate=True)
        if os.environ.get(BENCH_ENV) == "1":
            self.call_after_refresh(self.app.exit)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_size(event.size.width)

    def _apply_size(self, width: int) -> None:
        narrow = width < NARROW_BELOW
        was_narrow = self.has_class("-narrow")
        self.set_class(narrow, "-narrow")
        self.set_class(not narrow, "-wide")
        self.query_one("#left").styles.width = None if narrow else self.list_width(width)
        if narrow and not was_narrow and self.reader.article is not None:
            # Wide → narrow: an open article stays open (one pane at a time).
            self.enter_reading()
        elif was_narrow and not narrow and self.focused is None:
            self.list.focus()

    def list_width(self, total: int) -> int:
        """The list column's width on a wide terminal (the default, or the user's)."""
        if self.custom_list_width is None:
            return left_width(total)
        return max(MIN_LIST_WIDTH, min(self.custom_list_width, total - MIN_READER_WIDTH))

    def _resize_list(self, step: int) -> None:
        if self.narrow:
            self.app.notify("The list takes the whole width here.", markup=False)
            return
        width = self.app.size.width
        self.custom_list_width = max(
            MIN_LIST_WIDTH, min(self.list_width(width) + step, width - MIN_READER_WIDTH)
        )
        self._apply_size(width)
        with contextlib.suppress(StoreError):
            self.store.set_state({"list_width": str(self.custom_list_width)})

    def action_wider_list(self) -> None:
        self._resize_list(LIST_WIDTH_STEP)

    def action_narrower_list(self) -> None:
        self._resize_list(-LIST_WIDTH_STEP)

    def reload(self, keep_position: bool = True) -> None:
        """Re-read the counts and the current view from the store.

        With ``keep_position`` the cursor stays on the same article (found again
        in the reloaded list, at the same height on screen) if it is still there,
        else at the same row.
        """
        self.refresh_counts()
        if self.search_text:
            return
        current = self.list.current if keep_position else None
        if current is None:
            self.show_view(self.view, cursor=0)
            return
        article_list = self.list
        screen_row = article_list.cursor * article_list.row_height - int(article_list.scroll_y)
        try:
            found = self.store.position_of(self.list_query, current.id)
        except StoreError:
            found = None
        self.show_view(self.view, cursor=article_list.cursor if found is None else found)
        article_list.keep_cursor_at(screen_row)

    def reload_open_article(self) -> None:
        """Show the open article again if a refresh changed it in the store.

        Its marks are not a change (opening it marks it read); the reader keeps its
        scroll position. An article gone from the store stays on screen.
        """
        shown = self.reader.article
        if shown is None or shown.id is None:
            return
        try:
            stored = get_article(self.store, shown.id)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        if stored is None:
            return
        if dataclasses.replace(stored, read=shown.read, bookmarked=shown.bookmarked) == shown:
            return
        scroll_y = self.reader.scroll_y
        self.reader.show(stored)
        self.reader.scroll_to(y=scroll_y, animate=False, immediate=True)

    def refresh_counts(self) -> None:
        try:
            counts = self.store.counts()
            feeds = self.store.list_feeds()
            searches = saved_views(self.store)  # run again: new articles join them
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.views.set_views(feeds, counts, self.view.key, searches)
        if self.view.is_search:  # the saved search as it is now (or gone)
            self.view = self.views.view(self.view.key) or ALL
        self._show_feed_error(self.views.highlighted_view)
        if not self.search_text:  # the header counts from the same numbers as the views
            self._view_header(counts)

    def _view_header(self, counts: Counts | None = None) -> None:
        view = self.view
        total = self.list.total
        if counts is not None:
            total = {
                "all": counts.all,
                "unread": counts.unread,
                "bookmarks": counts.bookmarked,
            }.get(view.key, total)
        label = view.label
        if self.order != "newest":
            label = f"{label} ({ORDER_NAMES[self.order]})"
        self._set_header(label, total, "unread" if view.key == "unread" else "")

    def _store_changed(self, change: StoreChanged) -> None:
        self.reload(keep_position=change.keep_position)
        if change.articles_changed:
            self.reload_open_article()

    def show_refresh_progress(self, progress: RefreshProgress | None) -> None:
        """Draw where a refresh is; ``None`` hides the line. As the refresh's pages
        arrive the open article is shown again (its full text may be among them)."""
        previous = self.refresh_status.progress
        if progress is None:
            self.refresh_status.finish()
            return
        self.refresh_status.show_progress(progress)
        if (
            progress.full_text
            and progress.pages_done
            and (previous is None or previous.pages_done != progress.pages_done)
        ):
            self.reload_open_article()

    def _show_feed_error(self, view: View | None) -> None:
        """Name the last refresh error of ``view``'s feed (or why a saved search cannot
        run) under the views (as ``Text``)."""
        error = view.error if view is not None else ""
        line = self.feed_error
        views = self.views
        if not error:
            line.display = False
            line.update("")
            views.tooltip = None
            return
        style = views.get_component_rich_style("view-list--error", partial=True)
        heading = "This search cannot run: " if view and view.is_search else "Last refresh failed: "
        text = Text.assemble((ERROR_MARK + " ", style), (heading, "bold"), error)
        line.update(text)
        line.display = True
        views.tooltip = Text(error)

    @on(OptionList.OptionHighlighted, "#views")
    def _view_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_feed_error(self.views.view(event.option.id or ""))

    def show_view(self, view: View, cursor: int = 0) -> None:
        """Switch the list to ``view`` (leaves search)."""
        self.view = view
        self.search_text = ""
        self.search_words = view.words
        try:
            rows = PagedRows(self.store, dataclasses.replace(view.query, order=self.order))
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.list.empty_text = {
            "unread": "No unread articles.",
            "bookmarks": "No bookmarks yet: press b on an article to keep it here.",
        }.get(view.key, "No articles yet.")
        if view.is_search:
            self.list.empty_text = "Nothing matches this search yet."
        self.list.set_rows(rows, cursor)
        self._view_header()
        views = self.views
        index = next((i for i, v in enumerate(views.views) if v.key == view.key), None)
        if index is not None and views.highlighted != index:
            views.highlighted = index

    def _set_header(self, label: str, total: int, noun: str = "", more: str = "") -> None:
        """``label · N noun articles``; ``more`` follows the number (``+``: at least)."""
        word = f"{noun} article" if noun else "article"
        header = Text.assemble(
            (clean_text(label, 300), "bold"),
            (f" · {total:,}{more} {word}{'' if total == 1 and not more else 's'}", "dim"),
        )
        header.truncate(max(1, self.query_one("#left").size.width or 40), overflow="ellipsis")
        self.query_one("#list-header", Static).update(header)

    # -- opening ---------------------------------------------------------------
    def open_summary(
        self, summary: ArticleSummary, *, read: bool = True, resume: bool = True
    ) -> None:
        """Show an article, give it the keys and mark it read (written at once).

        With ``resume`` a half-read article opens where it was left.
        """
        try:
            article = get_article(self.store, summary.id)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        if article is None:
            self.app.notify("That article is gone from the store.", severity="warning")
            return
        if self.reading and self.reader.article is not None:
            self.save_progress()  # of the article being left
        self.article_id = article.id
        self.reader.highlight = self.search_words
        self.reader.show(article)
        self.enter_reading()
        if resume and summary.progress and summary.progress < PROGRESS_DONE:
            # Where it was left, once the (maybe just shown) reader is laid out.
            fraction = summary.progress / PROGRESS_DONE
            self.call_after_refresh(self._restore_scroll, article.id, fraction)
        if read and not article.read:
            self._set_mark(summary.id, read=True)
        self.call_after_refresh(self.prefetch_next_pictures)  # [ui] prefetch_pictures

    def _set_mark(self, article_id: int, **marks: bool) -> None:
        """Write marks of one article, then show them in the list, reader and counts."""
        try:
            if "read" in marks:
                self.store.set_read(article_id, marks["read"])
            if "bookmarked" in marks:
                self.store.set_bookmarked(article_id, marks["bookmarked"])
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.list.update_row(article_id, **marks)
        shown = self.reader.article
        if shown is not None and shown.id == article_id:
            self.reader.article = dataclasses.replace(shown, **marks)
        self.refresh_counts()

    @on(ArticleList.Opened)
    def _list_opened(self, event: ArticleList.Opened) -> None:
        self.open_summary(event.summary)

    @on(OptionList.OptionSelected, "#views")
    def _view_selected(self, event: OptionList.OptionSelected) -> None:
        view = self.views.view(event.option.id or "")
        if view is not None:
            self._close_search()
            self.show_view(view)
            self.leave_reading()

    @property
    def list_query(self) -> ListQuery:
        """The current view's query in the chosen order."""
        return dataclasses.replace(self.view.query, order=self.order)

    def action_sort(self, order: str = "") -> None:
        """Sort the list by ``order``, or by the next order after the current one."""
        if order not in ORDERS:
            order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.order = order
        if self.search_text:
            self.app.notify("Search results stay newest first.", markup=False)
            return
        keep = self.list.current
        self.show_view(self.view)
        if keep is not None:
            self._follow(keep.id)
        with contextlib.suppress(StoreError):
            self.store.set_state({"sort": order})
        self.app.notify(f"Sorted: {ORDER_NAMES[order]}.", markup=False)

    # -- the article the keys act on --------------------------------------------
    def target(self) -> Target | None:
        """The article on screen while one is open, else the row under the cursor."""
        shown = self.reader.article
        if self.reading and shown is not None and shown.id is not None:
            return Target(
                shown.id, shown.title, shown.url, shown.read, shown.bookmarked, shown.feed_id
            )
        row = self.list.current
        if row is None:
            return None
        return Target(row.id, row.title, row.url, row.read, row.bookmarked, row.feed_id)

    def _follow(self, article_id: int) -> None:
        """Put the list's cursor on ``article_id`` when the list holds it."""
        current = self.list.current
        if current is not None and current.id == article_id:
            return
        index = self.list.rows.find_forward(0, lambda row: row.id == article_id)
        if index is not None:
            self.list.move_to(index)

    # -- actions ---------------------------------------------------------------
    def action_cursor_down(self) -> None:
        if self.reading:
            self.reader.scroll_lines(1)
        else:
            self.list.move(1)

    def action_cursor_up(self) -> None:
        if self.reading:
            self.reader.scroll_lines(-1)
        else:
            self.list.move(-1)

    def action_open(self) -> None:
        summary = self.list.current
        if summary is not None:
            self.open_summary(summary)

    def action_back(self) -> None:
        if self.query_one("#search", Input).has_focus:
            self._close_search()
            self.show_view(self.view)
            self.list.focus()
        elif self.reading:
            self.leave_reading()
        elif self.search_text:
            self._close_search()
            self.show_view(self.view)
            self.list.focus()
        elif self.has_class("-list-hidden"):
            self.remove_class("-list-hidden")
            self.list.focus()
        elif self.focused is not self.list:
            self.list.focus()

    def action_page_down(self) -> None:
        if not self.reading:
            self.list.move(self.list.page_rows())
        elif self.reader.at_end:
            self._next_unread(from_end=True)
        else:
            self.reader.page_down()

    def action_page_up(self) -> None:
        if self.reading:
            self.reader.page_up()
        else:
            self.list.move(-self.list.page_rows())

    def action_top(self) -> None:
        if self.reading:
            self.reader.scroll_home(animate=False)
        else:
            self.list.move_to(0)

    def action_bottom(self) -> None:
        if self.reading:
            self.reader.scroll_end(animate=False)
        else:
            self.list.move_to(self.list.total - 1)

    def _start_row(self, step: int) -> int:
        """Where ``n``/``p`` look from: after the open article, else the cursor's row."""
        shown = self.reader.article
        if self.reading and shown is not None and shown.id is not None:
            self._follow(shown.id)
            current = self.list.current
            if current is not None and current.id == shown.id:
                return self.list.cursor + step
        return self.list.cursor

    def _next_unread(self, *, from_end: bool = False) -> None:
        found = self.list.rows.find_forward(self._start_row(1), lambda row: not row.read)
        if found is not None:
            self.list.move_to(found)
            self.action_open()
            return
        if self.app.config.next_unread_across_feeds and self._next_feed_with_unread():
            return
        done = "The end of this article, and" if from_end else "No more unread articles:"
        self.app.notify(f"{done} nothing unread is left in {self.view.label}.", markup=False)

    def _next_feed_with_unread(self) -> bool:
        """Go on into the next view with unread (after this feed, wrapping); say where."""
        try:
            counts = self.store.counts()
        except StoreError:
            return False
        views = self.views.views
        feeds = [v for v in views if v.query.feed_id is not None]
        if not feeds:
            return False
        here = next((i for i, v in enumerate(feeds) if v.key == self.view.key), -1)
        order = feeds[here + 1 :] + feeds[: here + 1] if here >= 0 else feeds
        target = next(
            (v for v in order if counts.unread_by_feed.get(v.query.feed_id or -1, 0)), None
        )
        if target is None:
            return False
        if self.view.query.feed_id is None and not self.search_text:
            # All or Unread: the rest of the unread is above the cursor; go there.
            found = self.list.rows.find_forward(0, lambda row: not row.read)
            if found is None:
                return False
            self.list.move_to(found)
            self.action_open()
            self.app.notify(f"Back to the top of {self.view.label}.", markup=False)
            return True
        self._close_search()
        self.show_view(target)
        found = self.list.rows.find_forward(0, lambda row: not row.read)
        if found is None:
            return False
        self.list.move_to(found)
        self.action_open()
        self.app.notify(f"On to {target.label}: no unread was left here.", markup=False)
        return True

    def action_next_unread(self) -> None:
        self._next_unread()

    def action_previous_unread(self) -> None:
        found = self.list.rows.find_forward(self._start_row(-1), lambda row: not row.read, step=-1)
        if found is None:
            self.app.notify("No unread above.", markup=False)
            return
        self.list.move_to(found)
        self.action_open()

    def action_toggle_read(self) -> None:
        target = self.target()
        if target is not None:
            self._set_mark(target.id, read=not target.read)
            self.app.notify("Marked unread." if target.read else "Marked read.", markup=False)

    def action_toggle_bookmark(self) -> None:
        target = self.target()
        if target is None:
            return
        self._set_mark(target.id, bookmarked=not target.bookmarked)
        self.app.notify("Bookmarked." if not target.bookmarked else "Bookmark removed.")

    def _go(self, view: View) -> None:
        self._close_search()
        self.show_view(view)
        self.leave_reading()

    def action_view_all(self) -> None:
        self._go(ALL)

    def action_view_unread(self) -> None:
        self._go(UNREAD)

    def action_view_bookmarks(self) -> None:
        self._go(BOOKMARKS)

    def action_toggle_list(self) -> None:
        if self.narrow:
            if self.reading:
                self.action_back()
            elif self.list.current is not None:
                self.action_open()
            return
        if self.has_class("-list-hidden"):
            self.remove_class("-list-hidden")
        elif self.reader.article is not None:
            self.add_class("-list-hidden")
            self.enter_reading()

    def action_help(self) -> None:
        from newsreader.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_refresh(self) -> None:
        try:
            subscribed = bool(self.store.list_feeds(subscriptions_only=True))
        except StoreError:
            subscribed = True  # let the refresh say what is wrong
        if not subscribed and not self.app.config.sync_enabled:  # a sync brings its own
            self.action_add_feed("No subscriptions yet: give a feed's or a site's address.")
            return
        self.app.start_refresh()

    # -- search ----------------------------------------------------------------
    def action_next_match(self, step: int = 1) -> None:
        """Move the article to the next (``step`` -1: previous) line with a search match."""
        reader = self.reader
        if reader.article is None or not reader.highlight:
            self.app.notify("Open an article from a search to move between its matches.")
            return
        if not reader.matches:
            self.app.notify("The words searched for are not in this article's text.")
            return
        if reader.next_match(step) is None:
            self.app.notify("No more matches below." if step > 0 else "No more matches above.")
            return
        if not self.reading:
            self.enter_reading()

    def action_previous_match(self) -> None:
        self.action_next_match(-1)

    def action_search(self) -> None:
        field = self.query_one("#search", Input)
        field.add_class("-shown")
        field.focus()

    def _close_search(self) -> None:
        field = self.query_one("#search", Input)
        field.remove_class("-shown")
        field.value = ""
        self.search_text = ""
        self.search_words = ()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self._close_search()
            self.show_view(self.view)
            self.list.focus()
            return
        self._run_search(text)

    @work(thread=True, exclusive=True, group="search")
    def _run_search(self, text: str) -> None:
        # While a refresh indexes what it stored, search what is indexed now rather
        # than wait for it (or index the same articles a second time).
        indexing = self.app.indexing
        try:
            with open_store(self.app.store_path) as store:
                found = run_query(store, text, limit=SEARCH_LIMIT, index_first=not indexing)
                waiting = store.pending_index() if indexing else 0
        except (StoreError, QueryError) as error:
            self.post_message(SearchResults(text, [], str(error)))
            return
        self.post_message(
            SearchResults(
                text,
                found.rows,
                not_indexed=waiting,
                total=found.total,
                capped=found.capped,
                words=found.resolved.words,
            )
        )

    def on_search_results(self, message: SearchResults) -> None:
        if message.error:
            self.app.notify(message.error, severity="error", markup=False)
            return
        self.search_text = message.text
        self.search_words = message.words
        self.list.empty_text = "Nothing matches."
        self.list.set_rows(FixedRows(message.results))
        total = max(message.total, len(message.results))
        self._set_header(f"Search “{message.text}”", total, "found", "+" if message.capped else "")
        if total > len(message.results):
            self.app.notify(
                f"The newest {len(message.results):,} of {total:,}{'+' if message.capped else ''} "
                "are listed: add words or a filter (feed:, title:, is:unread) to narrow it.",
                title="Search",
                markup=False,
            )
        if message.not_indexed:
            self.app.notify(
                f"{message.not_indexed:,} new articles are still being indexed and were not "
                "searched; search again when the refresh is done.",
                title="Search",
                markup=False,
            )
        self.list.focus()
