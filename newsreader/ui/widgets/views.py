"""The views column: All, Unread, Bookmarks, saved searches and one entry per feed, with counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.model import Feed
from newsreader.sanitize import clean_text
from newsreader.services.query import SavedView
from newsreader.services.stores import Counts, ListQuery


@dataclass(frozen=True, slots=True)
class View:
    """One view of the list: a label and the query it shows."""

    key: str
    label: str
    query: ListQuery
    error: str = ""  # the feed's last refresh error ("" when it worked or never ran)
    search_id: int | None = None  # a saved search's id
    words: tuple[str, ...] = ()  # what a saved search looks for (to highlight)
    count: int = 0  # a saved search's unread count

    @property
    def is_search(self) -> bool:
        return self.search_id is not None


ALL = View("all", "All", ListQuery())
UNREAD = View("unread", "Unread", ListQuery(unread=True))
BOOKMARKS = View("bookmarks", "Bookmarks", ListQuery(bookmarked=True))


ERROR_MARK = "!"
SEARCH_MARK = "/"
NOTHING = ListQuery(feed_ids=(-1,))
"""The query of a saved search that cannot run (its feed is gone): no article."""


def search_view(saved: SavedView) -> View:
    """The view of a saved search, run again now (``error``: why it cannot run)."""
    return View(
        f"search-{saved.saved.id}",
        clean_text(saved.saved.name, 300) or "(unnamed search)",
        saved.query or NOTHING,
        clean_text(saved.error, 300),
        search_id=saved.saved.id,
        words=saved.words,
        count=saved.unread,
    )


def feed_view(feed: Feed) -> View:
    """The view of one feed; ``error`` is its last refresh error, cleaned to one line."""
    return View(
        f"feed-{feed.id}",
        clean_text(feed.title, 300) or "(untitled feed)",
        ListQuery(feed_id=feed.id),
        clean_text(feed.last_error or "", 300),
    )


def view_label(
    label: str,
    count: int,
    width: int,
    indent: int = 0,
    mark: str = "",
    mark_style: Style | str = "",
) -> Text:
    """``label`` and a right-aligned count in ``width`` cells (always ``Text``).

    ``mark`` (one cell, e.g. the failed-refresh ``!``) is drawn in the indent.
    """
    number = f"{count:,}" if count else ""
    room = max(4, width - len(number) - 1 - indent)
    if mark and indent >= 2:
        text = Text.assemble((mark, mark_style), " " * (indent - 1), label, no_wrap=True)
    else:
        text = Text(" " * indent + label, no_wrap=True)
    text.truncate(room + indent, overflow="ellipsis", pad=True)
    text.append(" ")
    text.append(number, style="bold" if count else "")
    return text


class ViewList(OptionList):
    """Pick a view; the highlighted option is the current view.

    Feeds whose last refresh failed carry an ``!`` in the error colour.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = OptionList.COMPONENT_CLASSES | {"view-list--error"}

    DEFAULT_CSS = """
    ViewList { height: auto; max-height: 40%; border: none; padding: 0; }
    ViewList > .view-list--error { color: $error; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: list[View] = []
        self._shown: tuple[list[Feed], Counts] | None = None
        self.searches: list[View] = []

    def on_resize(self) -> None:
        """Labels are padded to the width: lay them out again at the new one."""
        if self._shown is not None and self.highlighted_view is not None:
            self.set_views(*self._shown, self.highlighted_view.key)

    def _fit(self, width: int) -> None:
        """Lay the padded labels out again if the room changed (a scrollbar came or went)."""
        room = max(16, self.scrollable_content_region.width or 30)
        if room != width and self._shown is not None and self.highlighted_view is not None:
            self.set_views(*self._shown, self.highlighted_view.key)

    def set_views(
        self,
        feeds: list[Feed],
        counts: Counts,
        current: str,
        searches: list[SavedView] | None = None,
    ) -> None:
        """Rebuild the options, keep ``current`` highlighted (``searches``: new saved
        searches; ``None`` keeps the last ones)."""
        self._shown = (feeds, counts)
        if searches is not None:
            self.searches = [search_view(s) for s in searches]
        # Where the list can scroll (narrow screens) its gutter is stable (app.tcss),
        # so this width holds whether or not a scrollbar shows.
        width = max(16, self.scrollable_content_region.width or 30)
        self.views = [ALL, UNREAD, BOOKMARKS, *self.searches] + [
            feed_view(f) for f in feeds if f.id is not None
        ]
        by_view = {
            "all": counts.unread,
            "unread": counts.unread,
            "bookmarks": counts.bookmarked,
        }
        error_style = self.get_component_rich_style("view-list--error", partial=True)
        options = []
        for view in self.views:
            if view.key.startswith("feed-"):
                count = counts.unread_by_feed.get(view.query.feed_id or -1, 0)
                mark = ERROR_MARK if view.error else ""
                prompt = view_label(view.label, count, width, 2, mark, error_style)
            elif view.is_search:
                mark, style = (ERROR_MARK, error_style) if view.error else (SEARCH_MARK, "dim")
                prompt = view_label(view.label, view.count, width, 2, mark, style)
            else:
                prompt = view_label(view.label, by_view[view.key], width)
            options.append(Option(prompt, id=view.key))
        highlighted = next((i for i, v in enumerate(self.views) if v.key == current), 0)
        self.set_options(options)
        self.highlighted = highlighted
        self.call_after_refresh(self._fit, width)  # more views may bring a scrollbar

    def view(self, key: str) -> View | None:
        return next((v for v in self.views if v.key == key), None)

    @property
    def highlighted_view(self) -> View | None:
        """The view under the highlight (the current one unless the user is choosing)."""
        index = self.highlighted
        return self.views[index] if index is not None and 0 <= index < len(self.views) else None
