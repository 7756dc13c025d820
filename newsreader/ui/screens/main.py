"""The main screen: views, the article list and the reading pane."""

from __future__ import annotations

import dataclasses
import os
import shlex
import subprocess

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from newsreader import layout
from newsreader.model import ArticleSummary
from newsreader.sanitize import browser_url, clean_text
from newsreader.services.reading import get_article
from newsreader.services.refresh.progress import RefreshProgress
from newsreader.services.stores import Store, StoreError, open_store
from newsreader.ui.host import ReaderHost, StoreChanged
from newsreader.ui.messages import FullTextFetched, SearchResults
from newsreader.ui.screens.bindings import MAIN_BINDINGS
from newsreader.ui.widgets.article_list import ArticleList
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


def left_width(total: int) -> int:
    """Width of the list column beside the reader on a wide terminal.

    The reader keeps at least the layout's sidebar threshold so captions sit in
    the sidebar (at 160 columns too); the list gets what is left, within bounds.
    """
    best = max(32, min(64, total - IDEAL_READER))
    return max(24, min(best, total - SIDEBAR_WIDTH - READER_CHROME))


class MainScreen(Screen[None]):
    """Views and list on the left, the reading pane on the right (or one at a time)."""

    BINDINGS = MAIN_BINDINGS  # type: ignore[assignment]
    AUTO_FOCUS = "#list"  # focused as it mounts: no restyle and footer rebuild after

    app: ReaderHost

    def __init__(self) -> None:
        super().__init__()
        self.view: View = ALL
        self.search_text = ""
        self.article_id: int | None = None

    def compose(self) -> ComposeResult:
        # The size classes and the list width are set before anything mounts, so
        # the first layout is the final one (no restyle of the whole tree after).
        width = self.app.size.width
        narrow = width < NARROW_BELOW
        self.set_class(narrow, "-narrow")
        self.set_class(not narrow, "-wide")
        left = Vertical(id="left")
        left.styles.width = None if narrow else left_width(width)
        with Horizontal(id="panes"):
            with left:
                yield Input(placeholder="Search articles…", id="search")
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
        """True when the article fills the screen (narrow reading or list hidden)."""
        return self.has_class("-reading")

    # -- start -----------------------------------------------------------------
    def on_mount(self) -> None:
        self._apply_size(self.app.size.width)  # a no-op unless the size changed since compose
        self.reader.show(None)
        self.reload()
        if self.focused is None:
            self.list.focus()
        self.show_refresh_progress(self.app.refresh_progress)
        self.app.store_changed.subscribe(self, self._store_changed, immediate=True)
        self.app.refresh_progressed.subscribe(self, self.show_refresh_progress, immediate=True)
        if os.environ.get(BENCH_ENV) == "1":
            self.call_after_refresh(self.app.exit)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_size(event.size.width)

    def _apply_size(self, width: int) -> None:
        narrow = width < NARROW_BELOW
        was_narrow = self.has_class("-narrow")
        self.set_class(narrow, "-narrow")
        self.set_class(not narrow, "-wide")
        self.query_one("#left").styles.width = None if narrow else left_width(width)
        if narrow and not was_narrow:
            # Wide → narrow: an open article stays open (one pane at a time).
            if self.reader.article is not None:
                self.add_class("-reading")
                self.reader.focus()  # the left column is hidden now
        elif was_narrow and not narrow:
            # Narrow → wide: both panes again, the article still in the reader.
            self.set_class(self.has_class("-list-hidden"), "-reading")
            if self.focused is None:
                self.list.focus()

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
            found = self.store.position_of(self.view.query, current.id)
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
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.views.set_views(feeds, counts, self.view.key)
        self._show_feed_error(self.views.highlighted_view)

    def _store_changed(self, change: StoreChanged) -> None:
        self.reload(keep_position=change.keep_position)
        if change.articles_changed:
            self.reload_open_article()

    def show_refresh_progress(self, progress: RefreshProgress | None) -> None:
        """Draw where a refresh is; ``None`` hides the line."""
        if progress is None:
            self.refresh_status.finish()
        else:
            self.refresh_status.show_progress(progress)

    def _show_feed_error(self, view: View | None) -> None:
        """Name the last refresh error of ``view``'s feed under the views (as ``Text``)."""
        error = view.error if view is not None else ""
        line = self.feed_error
        views = self.views
        if not error:
            line.display = False
            line.update("")
            views.tooltip = None
            return
        style = views.get_component_rich_style("view-list--error", partial=True)
        text = Text.assemble((ERROR_MARK + " ", style), ("Last refresh failed: ", "bold"), error)
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
        try:
            rows = PagedRows(self.store, view.query)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.list.empty_text = {
            "unread": "No unread articles.",
            "bookmarks": "No bookmarks yet: press b on an article to keep it here.",
        }.get(view.key, "No articles yet.")
        self.list.set_rows(rows, cursor)
        self._set_header(view.label, rows.total, "unread" if view.key == "unread" else "")
        views = self.views
        index = next((i for i, v in enumerate(views.views) if v.key == view.key), None)
        if index is not None and views.highlighted != index:
            views.highlighted = index

    def _set_header(self, label: str, total: int, noun: str = "") -> None:
        word = f"{noun} article" if noun else "article"
        header = Text.assemble(
            (label, "bold"), (f" · {total:,} {word}{'' if total == 1 else 's'}", "dim")
        )
        header.truncate(max(1, self.query_one("#left").size.width or 40), overflow="ellipsis")
        self.query_one("#list-header", Static).update(header)

    # -- opening ---------------------------------------------------------------
    def open_summary(self, summary: ArticleSummary) -> None:
        """Show an article in the reader and mark it read (written at once)."""
        try:
            article = get_article(self.store, summary.id)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        if article is None:
            self.app.notify("That article is gone from the store.", severity="warning")
            return
        self.article_id = article.id
        if self.narrow:
            self.add_class("-reading")
        self.reader.show(article)
        if self.narrow:
            self.reader.focus()
        if not article.read:
            self._set_mark(summary, read=True)

    def _set_mark(self, summary: ArticleSummary, **marks: bool) -> None:
        try:
            if "read" in marks:
                self.store.set_read(summary.id, marks["read"])
            if "bookmarked" in marks:
                self.store.set_bookmarked(summary.id, marks["bookmarked"])
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.list.update_row(summary.id, **marks)
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
            self.list.focus()

    # -- actions ---------------------------------------------------------------
    def _after_move(self) -> None:
        if self.reading and self.narrow and self.list.current is not None:
            self.open_summary(self.list.current)

    def action_cursor_down(self) -> None:
        self.list.move(1)
        self._after_move()

    def action_cursor_up(self) -> None:
        self.list.move(-1)
        self._after_move()

    def action_open(self) -> None:
        summary = self.list.current
        if summary is not None:
            self.open_summary(summary)

    def action_back(self) -> None:
        if self.query_one("#search", Input).has_focus or self.search_text:
            self._close_search()
            self.show_view(self.view)
            self.list.focus()
        elif self.narrow and self.reading:
            self.remove_class("-reading")
            self.list.focus()
        elif self.has_class("-list-hidden"):
            self.remove_class("-list-hidden")
            self.list.focus()
        elif self.focused is not self.list:
            self.list.focus()

    def action_page_down(self) -> None:
        self.reader.page_down()

    def action_page_up(self) -> None:
        self.reader.page_up()

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

    def _find_unread(self, step: int) -> None:
        found = self.list.rows.find_forward(
            self.list.cursor + step, lambda row: not row.read, step=step
        )
        if found is None:
            self.app.notify("No more unread articles." if step > 0 else "No unread above.")
            return
        self.list.move_to(found)
        self.action_open()

    def action_next_unread(self) -> None:
        self._find_unread(1)

    def action_previous_unread(self) -> None:
        self._find_unread(-1)

    def action_toggle_read(self) -> None:
        summary = self.list.current
        if summary is not None:
            self._set_mark(summary, read=not summary.read)

    def action_toggle_bookmark(self) -> None:
        summary = self.list.current
        if summary is None:
            return
        self._set_mark(summary, bookmarked=not summary.bookmarked)
        self.app.notify("Bookmarked." if not summary.bookmarked else "Bookmark removed.")

    def _go(self, view: View) -> None:
        self._close_search()
        self.remove_class("-reading")
        self.show_view(view)
        self.list.focus()

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
        self.toggle_class("-list-hidden")
        self.set_class(self.has_class("-list-hidden"), "-reading")

    def action_help(self) -> None:
        from newsreader.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_refresh(self) -> None:
        self.app.start_refresh()

    # -- full text ---------------------------------------------------------------
    def action_full_text(self) -> None:
        """Fetch (or fetch again) the open article's web page for its full text."""
        article = self.reader.article
        if article is None or article.id is None:
            self.app.notify("Open an article first.", severity="warning")
            return
        if not browser_url(article.url or ""):
            self.app.notify("This article has no web link.", severity="warning")
            return
        self.app.notify("Fetching the full text from the web page…")
        self._fetch_full_text(article.id)

    @work(thread=True, exclusive=True, group="full-text")
    def _fetch_full_text(self, article_id: int) -> None:
        from newsreader.services.fulltext import fetch_full_texts_store

        try:
            [outcome] = fetch_full_texts_store(self.app.store_path, self.app.config, [article_id])
        except (StoreError, ValueError) as error:
            self.post_message(FullTextFetched(article_id, "error", clean_text(str(error), 200)))
            return
        self.post_message(FullTextFetched(article_id, outcome.status, outcome.reason))

    def on_full_text_fetched(self, message: FullTextFetched) -> None:
        if message.status == "ok":
            self.app.notify("Full text from the web page.", markup=False)
        else:
            reason = message.reason or "no reason given"
            self.app.notify(f"Summary kept: {reason}", severity="warning", markup=False)
        shown = self.reader.article
        if shown is not None and shown.id == message.article_id:
            self.reload_open_article()

    # -- links -----------------------------------------------------------------
    def _current_url(self) -> str | None:
        summary = self.list.current
        if summary is None:
            return None
        url = browser_url(summary.url) if summary.url else None
        if url is None:
            self.app.notify("This article has no web link.", severity="warning")
        return url

    def action_open_link(self) -> None:
        url = self._current_url()
        if url is not None:
            self._launch_browser(url, self.app.config.browser)
            self.app.notify("Opening in the browser…")

    @work(thread=True, exclusive=True, group="browser")
    def _launch_browser(self, url: str, command: str) -> None:
        try:
            if command:
                argv = [*shlex.split(command), url]  # argv list, never a shell
                subprocess.Popen(
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            else:
                import webbrowser

                webbrowser.open(url)
        except (OSError, ValueError) as error:
            message = f"Could not start the browser: {clean_text(str(error), 200)}"
            self.app.notify(message, severity="error", markup=False)

    def action_copy_link(self) -> None:
        url = self._current_url()
        if url is not None:
            self.app.copy_to_clipboard(url)
            self.app.notify(f"Copied {url}", markup=False)

    # -- search ----------------------------------------------------------------
    def action_search(self) -> None:
        field = self.query_one("#search", Input)
        field.add_class("-shown")
        field.focus()

    def _close_search(self) -> None:
        field = self.query_one("#search", Input)
        field.remove_class("-shown")
        field.value = ""
        self.search_text = ""

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
                results = store.search(text, limit=500, raw=False, index_first=not indexing)
                waiting = store.pending_index() if indexing else 0
        except StoreError as error:
            self.post_message(SearchResults(text, [], str(error)))
            return
        self.post_message(SearchResults(text, results, not_indexed=waiting))

    def on_search_results(self, message: SearchResults) -> None:
        if message.error:
            self.app.notify(message.error, severity="error", markup=False)
            return
        self.search_text = message.text
        self.list.empty_text = "Nothing matches."
        self.list.set_rows(FixedRows(message.results))
        self._set_header(f"Search “{message.text}”", len(message.results), "found")
        if message.not_indexed:
            self.app.notify(
                f"{message.not_indexed:,} new articles are still being indexed and were not "
                "searched; search again when the refresh is done.",
                title="Search",
                markup=False,
            )
        self.list.focus()
