"""The main screen's fetch the open article's full text from its web page."""

from __future__ import annotations

from textual import work

from newsreader.sanitize import browser_url, clean_text
from newsreader.services.refresh.progress import RefreshProgress
from newsreader.services.stores import (
    StoreError,
)
from newsreader.ui.messages import FullTextFetched


class FullTextCommands:
    """Fetch the open article's full text from its web page. Mixed into the main screen."""

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
        self._show_page_progress(RefreshProgress(0, 0, 0, 0, pages=1, page_title=article.title))
        self._fetch_full_text(article.id)

    def _show_page_progress(self, progress: RefreshProgress | None) -> None:
        """The status line for ``t`` (a running refresh keeps the line for itself)."""
        if self.app.refreshing:
            return
        self.show_refresh_progress(progress)

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
        ok = message.status == "ok"
        self._show_page_progress(None)
        if ok:
            self.app.notify("Full text from the web page.", markup=False)
        else:
            reason = message.reason or "no reason given"
            self.app.notify(f"Summary kept: {reason}", severity="warning", markup=False)
        shown = self.reader.article
        if shown is not None and shown.id == message.article_id:
            self.reload_open_article()
