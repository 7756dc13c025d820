"""The main screen's ``[ui] prefetch_pictures``: the next unread article's pictures, early."""

from __future__ import annotations

from typing import Any

from textual import work

from newsreader.services.reading import get_article
from newsreader.services.stores import StoreError

LOOKAHEAD = 50
"""How many list rows after the open article are looked through for the next unread."""


class PrefetchPictures:
    """With ``[ui] prefetch_pictures``, opening an article fetches (into the picture
    cache and memory) the pictures of the next unread one below it, in a worker, so
    ``n`` shows them at once. Mixed into the main screen.

    A prefetch is never cancelled for a newer one (a picture cut off mid-fetch would
    count as failed for the session); each is bounded like any picture fetch.
    """

    _prefetching: set[int] | None = None
    """Ids of the articles whose pictures are being prefetched."""

    def prefetch_next_pictures(self) -> None:
        """Start fetching the pictures of the next unread article (no-op when off)."""
        if not self.app.config.prefetch_pictures:
            return
        service: Any = getattr(self.app, "pictures", None)
        if service is None:
            return
        rows = self.list.rows
        start = self.list.cursor + 1
        for index in range(start, start + LOOKAHEAD):
            row = rows.get(index)
            if row is None:
                return
            if not row.read and row.id != self.article_id:
                break
        else:
            return
        try:
            article = get_article(self.store, row.id)
        except StoreError:
            return
        if article is None or not service.missing(article):
            return
        if self._prefetching is None:
            self._prefetching = set()
        if article.id not in self._prefetching:  # once at a time per article; never cut short
            self._prefetching.add(article.id)
            self._prefetch_pictures(service, article)

    @work(group="prefetch-pictures", exit_on_error=False)
    async def _prefetch_pictures(self, service: Any, article: Any) -> None:
        try:
            await service.fetch(article)
        finally:
            if self._prefetching is not None:
                self._prefetching.discard(article.id)
