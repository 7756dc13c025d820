"""The Textual application: the store, config, key map, first-run import and refresh."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App
from textual.command import Provider
from textual.message import Message
from textual.signal import Signal

from newsreader.config import Config
from newsreader.paths import resource_dir
from newsreader.sanitize import clean_text, strip_escapes
from newsreader.services.refresh.progress import RefreshProgress
from newsreader.services.stores import StoreError, open_store
from newsreader.ui.host import ReaderHost, StoreChanged
from newsreader.ui.messages import ImportFinished, RefreshFinished, RefreshProgressed
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.timefmt import utc_now

if TYPE_CHECKING:
    from newsreader.services.pictures import Pictures


def reader_commands() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens."""
    from newsreader.ui.commands import ReaderCommands

    return ReaderCommands


class RefreshCancelled(Exception):
    """Raised from the progress callback to end a refresh when the app is closing."""


class NewsApp(ReaderHost):
    """The reader over one store file."""

    TITLE = "newsreader"
    CSS_PATH: ClassVar[list[Path]] = [resource_dir("styles") / "app.tcss"]
    COMMANDS = App.COMMANDS | {reader_commands}
    ENABLE_COMMAND_PALETTE = True
    SECONDS_PER_MINUTE: ClassVar[float] = 60.0  # tests shorten the periodic refresh with it
    NEW_ARTICLES_RELOAD_EVERY: ClassVar[float] = 1.0
    """While a refresh stores new articles the list reloads at once, then at most this often."""

    def __init__(
        self,
        store_path: Path,
        config: Config | None = None,
        *,
        problems: list[str] | None = None,
        clock: Callable[[], datetime] = utc_now,
        import_samples: bool = True,
        sample_dir: Path | None = None,
        terminal_graphics: frozenset[str] | None = None,
    ) -> None:
        """``terminal_graphics``: what the terminal answered it draws, asked before the app
        started (``None``: not asked; ``images = "auto"`` then follows the environment)."""
        super().__init__()
        self.terminal_graphics = terminal_graphics
        self.store_path = Path(store_path)
        self.config = config or Config()
        self.problems = list(problems or [])
        self.clock = clock
        self.import_samples = import_samples
        self.sample_dir = sample_dir or resource_dir("sample_feeds")
        self.store = open_store(self.store_path)
        self.store_changed = Signal(self, "store-changed")
        self.refresh_progressed = Signal(self, "refresh-progressed")
        self.closing: Signal[None] = Signal(self, "closing")
        self.refreshing = False
        """True from the start of a refresh until its summary arrives (one at a time)."""
        self.refresh_progress: RefreshProgress | None = None
        """Where the running refresh is; ``None`` when none runs."""
        self._new_shown = 0  # new articles of the running refresh the list already shows
        self._list_reloaded_at = 0.0  # time.monotonic() of the last reload for new articles
        self._reload_timer: Any = None  # a reload for new articles, due when the pause ends
        self._frame: Any = None  # the frame being written (Sixels follow it)
        self.refresh_idle = threading.Event()
        """Set while no refresh thread runs (the launcher waits on it briefly at exit)."""
        self.refresh_idle.set()
        self._pictures: Pictures | None = None
        if self.config.theme and self.config.theme in self.available_themes:
            self.theme = self.config.theme
        elif self.config.theme:
            self.problems.append(f"unknown theme {self.config.theme!r}; using the default")

    def notify(self, message: str, *, title: str = "", **kwargs: Any) -> None:
        """Every notification, cleaned: its text may quote a search, an error or a title."""
        super().notify(clean_text(message, 500), title=clean_text(title, 100), **kwargs)

    async def on_event(self, event: events.Event) -> None:
        """Clean pasted text before any widget (a field, the command palette) sees it."""
        if isinstance(event, events.Paste):
            event.text = strip_escapes(event.text)
        await super().on_event(event)

    @property
    def pictures(self) -> Pictures | None:
        """The picture service, made on first use (Pillow stays off the start-up path);
        ``None`` when ``[ui] images = "off"``."""
        if self.config.images == "off":
            return None
        if self._pictures is None:
            from newsreader.services.pictures import Pictures

            truecolor = self.console.color_system == "truecolor" and not self.no_color
            self._pictures = Pictures(
                self.config, truecolor=truecolor, answer=self.terminal_graphics
            )
        return self._pictures

    def release_pictures(self) -> None:
        """The pictures on screen go (another article, quitting): the terminal's copies
        are deleted with the next graphics written (nothing when none was made)."""
        if self._pictures is not None:
            self._pictures.release()

    def write_graphics(self, escapes: str) -> None:
        """Write terminal graphics escapes ahead of the next frame (nothing when headless).

        Only the picture service's output comes here: image data encoded from
        decoded pixels, and deletions; never text.
        """
        if escapes and not self.is_headless and self._driver is not None:
            self._driver.write(escapes)

    def _display(self, screen: Any, renderable: Any) -> None:
        """Write a frame; Sixel pictures follow it (:meth:`_end_update`)."""
        self._frame = renderable
        try:
            super()._display(screen, renderable)
        finally:
            self._frame = None

    def _end_update(self) -> None:
        """The frame is written: Sixel pictures go over their cells before the
        terminal shows it (inside the same synchronized update)."""
        frame, self._frame = self._frame, None
        pictures = self._pictures
        if frame is not None and pictures is not None and pictures.overlaid:
            from newsreader.ui.sixels import after_frame

            try:
                self.write_graphics(after_frame(self, pictures, frame))
            except Exception as error:  # Textual's internals moved: keep the half-block cells
                self.log.error("Sixel pictures turned off:", error)
                pictures.overlaid_off()
        super()._end_update()

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    def on_mount(self) -> None:
        if self.config.keys:
            self.set_keymap(dict(self.config.keys))
        for problem in self.problems:
            self.notify(clean_text(problem, 300), title="config", severity="warning", markup=False)
        if self.import_samples and self._offer_samples():
            self.import_sample_feeds()
        elif self.config.refresh_on_start:
            self.start_refresh(quiet=True)
        minutes = self.config.refresh_interval_minutes
        if minutes and minutes > 0:
            self.set_interval(minutes * self.SECONDS_PER_MINUTE, self.periodic_refresh)

    def periodic_refresh(self) -> None:
        """The timer of ``refresh_interval_minutes``: the same path as ``r``, but quiet."""
        self.start_refresh(quiet=True)

    async def action_quit(self) -> None:
        """Quit (``ctrl+q`` and the palette too): the screens keep their place first."""
        self.closing.publish(None)
        self.exit()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Quit: the terminal's copies of the pictures are freed first, while the
        app's screen is still the terminal's (every way out comes through here)."""
        self.release_pictures()
        self.write_graphics(self._pictures.graphics() if self._pictures is not None else "")
        super().exit(*args, **kwargs)

    def on_unmount(self) -> None:
        self.store.close()

    # -- first run -------------------------------------------------------------
    def _offer_samples(self) -> bool:
        """True on the very first run of an empty store (remembered in the store)."""
        try:
            if self.store.get_state("samples_offered") or not self.store.is_empty():
                return False
            self.store.set_state({"samples_offered": "1"})
        except StoreError:
            return False
        return True

    @work(thread=True, exclusive=True, group="import")
    def import_sample_feeds(self) -> None:
        """Import the bundled sample feeds and articles into the (empty) store."""
        from newsreader.services.importing import import_samples

        with open_store(self.store_path) as store:
            count, failed = import_samples(store, Path(self.sample_dir))
        if self.config.images != "off":
            from newsreader.services.pictures import seed_pictures

            seed_pictures(Path(self.sample_dir) / "pictures", self.config)
        self.post_message(ImportFinished(count, failed))

    def on_import_finished(self, message: ImportFinished) -> None:
        if message.count:
            self.notify(
                f"Imported {message.count} sample articles to get you started.",
                title="Welcome",
                markup=False,
            )
        if message.failed:
            self.log.warning("sample files skipped:", message.failed)
        self.store_changed.publish(StoreChanged(keep_position=False))

    # -- refresh ---------------------------------------------------------------
    def start_refresh(self, quiet: bool = False) -> bool:
        """Refresh every subscription in a thread worker (``r``, start-up and the timer).

        Progress shows in the status line, the summary in a notification, and
        the list and counts reload at the end. Returns ``False`` when nothing
        was started (no subscriptions, or a refresh is already running).
        """
        if self.refreshing:
            if not quiet:
                self.notify("A refresh is already running.", markup=False)
            return False
        try:
            subscriptions = self.store.list_feeds(subscriptions_only=True)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        if not subscriptions and not self.config.sync_enabled:
            if not quiet:
                message = "No subscriptions yet: add one with `newsreader add URL`."
                self.notify(message, markup=False)
            return False
        self.refreshing = True
        self.refresh_idle.clear()
        self._new_shown = 0
        self._list_reloaded_at = 0.0
        self._show_progress(RefreshProgress(0, len(subscriptions), 0, 0))
        self._refresh_worker()
        return True

    @work(exclusive=True, group="refresh")
    async def _refresh_worker(self) -> None:
        """Run the refresh on a daemon thread and wait for it without blocking the UI.

        Not ``@work(thread=True)``: that thread belongs to the event loop's default
        executor, which ``App.run`` joins on exit, so quitting would wait for the
        slowest feed. A daemon thread never holds up quitting; when the app closes,
        this worker is cancelled and the refresh stops at its next feed.
        """
        loop = asyncio.get_running_loop()
        ended: asyncio.Future[None] = loop.create_future()
        cancelled = threading.Event()

        def finished() -> None:
            if not ended.done():
                ended.set_result(None)

        def run() -> None:
            try:
                self._run_refresh(cancelled)
            finally:
                self.refresh_idle.set()
                with contextlib.suppress(RuntimeError):  # the loop may be gone
                    loop.call_soon_threadsafe(finished)

        threading.Thread(target=run, name="newsreader-refresh", daemon=True).start()
        try:
            await ended
        except asyncio.CancelledError:
            cancelled.set()
            raise

    def _post(self, message: Message) -> None:
        """Post from the refresh thread; a closed app just drops it."""
        with contextlib.suppress(RuntimeError):
            self.post_message(message)

    def _run_refresh(self, cancelled: threading.Event) -> None:
        """The refresh itself (on the refresh thread): progress and summary as messages."""
        try:
            from newsreader.services.refresh.run import refresh_store
        except ImportError:
            self._post(RefreshFinished("Refreshing is not available yet.", error=True))
            return

        def progress(step: RefreshProgress) -> None:  # called on this thread after each feed
            if cancelled.is_set():  # the app is closing: stop at the next feed
                raise RefreshCancelled
            self._post(RefreshProgressed(step))

        try:
            if self.config.sync_enabled:  # `r` syncs with the server instead
                from newsreader.services.sync.app import sync_for_app

                summary = sync_for_app(self.store_path, self.config, progress)
            else:
                summary = refresh_store(self.store_path, self.config, on_progress=progress)
        except RefreshCancelled:
            return
        except Exception as error:  # report, never crash the reader
            self._post(RefreshFinished(f"Refresh failed: {clean_text(str(error), 300)}", True))
            return
        text = f"Refreshed {summary.line()}."
        failed = [r.title or f"feed {r.feed_id}" for r in summary.results if r.outcome == "error"]
        if failed:
            more = f" and {len(failed) - 3:,} more" if len(failed) > 3 else ""
            text += f" Failed: {', '.join(failed[:3])}{more}."
        self._post(RefreshFinished(text, False, summary.new_articles, summary.errors))

    @property
    def indexing(self) -> bool:
        """A refresh has stored every article and its search index is catching up."""
        progress = self.refresh_progress
        return self.refreshing and progress is not None and progress.indexing

    def _show_progress(self, progress: RefreshProgress | None) -> None:
        """Keep the progress and tell the screens (a screen mounting later reads it)."""
        self.refresh_progress = progress
        self.refresh_progressed.publish(progress)

    def on_refresh_progressed(self, message: RefreshProgressed) -> None:
        if not self.refreshing:
            return
        before = self.refresh_progress
        if message.progress.stored and not (before is not None and before.stored):
            # Every article is stored: show them while the index and the pages catch up.
            self._reload_for_new_articles(message.progress.new_articles, now=True)
        elif message.progress.new_articles > self._new_shown:
            self._reload_for_new_articles(message.progress.new_articles)
        self._show_progress(message.progress)

    def _reload_for_new_articles(self, new: int, now: bool = False) -> None:
        """Show the articles a running refresh has stored: the first ones at once, then
        at most every ``NEW_ARTICLES_RELOAD_EVERY`` seconds (a reload re-reads the counts)."""
        wait = self._list_reloaded_at + self.NEW_ARTICLES_RELOAD_EVERY - time.monotonic()
        if now or wait <= 0:
            self._cancel_list_reload()
            self._new_shown = new
            self._list_reloaded_at = time.monotonic()
            self.store_changed.publish(StoreChanged())
        elif self._reload_timer is None:
            self._reload_timer = self.set_timer(wait, self._list_reload_due)

    def _list_reload_due(self) -> None:
        self._reload_timer = None
        if self.refreshing and self.refresh_progress is not None:
            self._reload_for_new_articles(self.refresh_progress.new_articles)

    def _cancel_list_reload(self) -> None:
        if self._reload_timer is not None:
            self._reload_timer.stop()
            self._reload_timer = None

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.refreshing = False
        self._cancel_list_reload()  # the reload below shows everything
        if message.error:
            severity = "error"
        elif message.failed_feeds:
            severity = "warning"
        else:
            severity = "information"
        self.notify(
            clean_text(message.summary, 400), title="Refresh", severity=severity, markup=False
        )
        self._show_progress(None)
        self.store_changed.publish(StoreChanged(articles_changed=True))
