"""The main screen's open, copy and pick the article's links."""

from __future__ import annotations

from textual import work

from newsreader.sanitize import browser_url
from newsreader.services.browsing import open_url


class LinkCommands:
    """Open, copy and pick the article's links. Mixed into the main screen."""

    def _target_url(self) -> str | None:
        target = self.target()
        if target is None:
            return None
        url = browser_url(target.url) if target.url else None
        if url is None:
            self.app.notify("This article has no web link.", severity="warning")
        return url

    def action_open_link(self) -> None:
        url = self._target_url()
        if url is not None:
            self.app.notify("Opening in the browser…")
            self._launch_browser(url, self.app.config.browser)

    @work(thread=True, exclusive=True, group="browser")
    def _launch_browser(self, url: str, command: str) -> None:
        opened = open_url(url, command)
        if not opened.ok:
            self.app.call_from_thread(self._browser_failed, url, opened.problem)

    def _browser_failed(self, url: str, problem: str) -> None:
        from newsreader.ui.screens.dialogs import LinkFailedScreen

        def copy(wanted: bool | None) -> None:
            if wanted:
                self._copy(url)

        self.app.push_screen(LinkFailedScreen(problem, url), copy)

    def action_copy_link(self) -> None:
        url = self._target_url()
        if url is not None:
            self._copy(url)

    def _copy(self, url: str) -> None:
        self.app.copy_to_clipboard(url)
        self.app.notify(f"Copied {url}", markup=False)
