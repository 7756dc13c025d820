"""A keyset-paged window over one article list query, with a small page cache.

Rows are fetched from the store a page at a time and never all at once. Every
page boundary seen is remembered (two integers per page), so any page already
visited costs one indexed query to reload; unseen pages are reached by walking
from the nearest known boundary, or from the end for the tail of the list.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

from newsreader.model import ArticleSummary
from newsreader.services.stores import Cursor, ListQuery, Store

PAGE_SIZE = 100
MAX_CACHED_PAGES = 40
WALK_LIMIT = 8  # pages walked one by one before an OFFSET scan is cheaper


class PagedRows:
    """Rows ``0 … total-1`` of ``query`` in its order (newest first unless it says)."""

    def __init__(self, store: Store, query: ListQuery, page_size: int = PAGE_SIZE) -> None:
        self.store = store
        self.query = query
        self.page_size = page_size
        self.total = store.count(query)
        self._pages: OrderedDict[int, list[ArticleSummary]] = OrderedDict()
        # _after[k]: the cursor to page on from to get page k (page 0 needs none).
        self._after: dict[int, Cursor | None] = {0: None}
        self.queries = 0

    # -- access ---------------------------------------------------------------
    def get(self, index: int) -> ArticleSummary | None:
        """The row at ``index``, or ``None`` outside the list."""
        if not 0 <= index < self.total:
            return None
        page = self._page(index // self.page_size)
        offset = index % self.page_size
        return page[offset] if offset < len(page) else None

    def find_forward(
        self, start: int, predicate: Callable[[ArticleSummary], bool], step: int = 1
    ) -> int | None:
        """The first index from ``start`` (walking by ``step``) whose row matches."""
        index = start
        while 0 <= index < self.total:
            row = self.get(index)
            if row is None:
                return None
            if predicate(row):
                return index
            index += step
        return None

    def update(self, article_id: int, **changes: object) -> None:
        """Change a cached row in place (after marking it read or bookmarked)."""
        for page in self._pages.values():
            for i, row in enumerate(page):
                if row.id == article_id:
                    page[i] = replace(row, **changes)  # type: ignore[arg-type]

    # -- paging ---------------------------------------------------------------
    def _page(self, number: int) -> list[ArticleSummary]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._load(number)
        self._remember(number, page)
        return page

    def _remember(self, number: int, page: list[ArticleSummary]) -> None:
        self._pages[number] = page
        self._pages.move_to_end(number)
        if page and len(page) == self.page_size:
            self._after.setdefault(number + 1, self.query.cursor_of(page[-1]))
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)

    def _fetch(self, limit: int, after: Cursor | None, oldest_first: bool = False) -> list:
        self.queries += 1
        return self.store.list_articles(self.query, limit, after, oldest_first=oldest_first)

    def _load(self, number: int) -> list[ArticleSummary]:
        size = self.page_size
        last = (self.total - 1) // size
        if number in self._after:
            return self._fetch(size, self._after[number])
        following = self._pages.get(number + 1)
        if following and number < last:
            first = self.query.cursor_of(following[0])
            return list(reversed(self._fetch(size, first, oldest_first=True)))
        if number == last:
            rows = self._fetch(self.total - number * size, None, oldest_first=True)
            return list(reversed(rows))
        # Walk from the nearest known boundary below, or from the end downwards;
        # far from both (a scrollbar drag), find the boundary with one index scan.
        below = max(k for k in self._after if k < number)
        if min(number - below, last - number) > WALK_LIMIT:
            self._after[number] = self._boundary(number)
            return self._fetch(size, self._after[number])
        if number - below <= last - number:
            for k in range(below, number):
                self._remember(k, self._pages.get(k) or self._fetch(size, self._after[k]))
            return self._fetch(size, self._after[number])
        page = self._page(last)
        for k in range(last - 1, number, -1):
            page = self._pages.get(k) or list(
                reversed(self._fetch(size, self.query.cursor_of(page[0]), oldest_first=True))
            )
            self._remember(k, page)
        first = self.query.cursor_of(page[0])
        return list(reversed(self._fetch(size, first, oldest_first=True)))

    def _boundary(self, number: int) -> Cursor | None:
        """The keyset cursor before page ``number`` (an index-only OFFSET scan)."""
        self.queries += 1
        return self.store.cursor_at(self.query, number * self.page_size - 1)


class FixedRows:
    """A fixed list of rows (search results) with the same interface as :class:`PagedRows`."""

    def __init__(self, rows: list[ArticleSummary]) -> None:
        self.rows = list(rows)
        self.total = len(self.rows)
        self.queries = 0

    def get(self, index: int) -> ArticleSummary | None:
        return self.rows[index] if 0 <= index < self.total else None

    def find_forward(
        self, start: int, predicate: Callable[[ArticleSummary], bool], step: int = 1
    ) -> int | None:
        index = start
        while 0 <= index < self.total:
            if predicate(self.rows[index]):
                return index
            index += step
        return None

    def update(self, article_id: int, **changes: object) -> None:
        for i, row in enumerate(self.rows):
            if row.id == article_id:
                self.rows[i] = replace(row, **changes)  # type: ignore[arg-type]
