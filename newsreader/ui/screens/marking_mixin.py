"""The main screen's mark read many at once (the view, a feed) and undo it."""

from __future__ import annotations

import contextlib
import dataclasses

from newsreader.services.marks import BulkChange, articles, mark_all_read, undo
from newsreader.services.reading import (
    get_article,
)
from newsreader.services.stores import (
    StoreError,
)


class BulkMarks:
    """Mark read many at once (the view, a feed) and undo it. Mixed into the main screen."""

    def action_mark_view_read(self) -> None:
        """Mark read every unread article of the view (or of the search results)."""
        try:
            if self.search_text:
                rows = self.list.rows
                ids = [r.id for i in range(rows.total) if (r := rows.get(i)) and not r.read]
                self.store.set_read(ids, True)
                change = BulkChange(tuple(ids), f"the results for “{self.search_text}”")
                for article_id in ids:
                    self.list.update_row(article_id, read=True)
            else:
                change = mark_all_read(self.store, self.view.query, self.view.label)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self._bulk_done(change)

    def action_mark_feed_read(self) -> None:
        """Mark read every unread article of the feed of the article on screen."""
        target = self.target()
        feed = self.views.view(f"feed-{target.feed_id}") if target is not None else None
        if feed is None:
            self.app.notify("No feed to mark: select an article first.", markup=False)
            return
        try:
            change = mark_all_read(self.store, feed.query, feed.label)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self._bulk_done(change)

    def _bulk_done(self, change: BulkChange) -> None:
        if not change.count:
            self.app.notify(f"Nothing unread in {change.where}.", markup=False)
            return
        self.last_bulk = change
        self._after_bulk()
        self.app.notify(
            f"Marked {articles(change.count)} read in {change.where}. U undoes it.", markup=False
        )

    def _after_bulk(self) -> None:
        self.reload(keep_position=True)
        shown = self.reader.article
        if shown is not None and shown.id is not None:
            with contextlib.suppress(StoreError):
                stored = get_article(self.store, shown.id)
                if stored is not None:
                    self.reader.article = dataclasses.replace(shown, read=stored.read)

    def action_undo_mark(self) -> None:
        """Put back the last mark-all-read."""
        change = self.last_bulk
        if change is None:
            self.app.notify("Nothing to undo.", markup=False)
            return
        try:
            count = undo(self.store, change)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.last_bulk = None
        if self.search_text:
            for article_id in change.ids:
                self.list.update_row(article_id, read=False)
        self._after_bulk()
        self.app.notify(f"Undone: {articles(count)} unread again.", markup=False)
