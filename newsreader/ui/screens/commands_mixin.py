"""The main screen's commands about feeds and bookmarks (dialogs; mostly from the palette)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.sanitize import clean_text
from newsreader.services import feeds
from newsreader.services.stores import StoreError
from newsreader.ui.screens.dialogs import AddFeedScreen, ConfirmScreen, PromptScreen

if TYPE_CHECKING:
    from newsreader.ui.widgets.views import View

EXPORT_NAMES = {"md": "Markdown", "html": "HTML", "json": "JSON"}


class FeedCommands:
    """Add, remove, rename and tag feeds; export bookmarks. Mixed into the main screen."""

    export_dir: Path | None = None
    """Where exported bookmarks are written (``None``: the home directory)."""

    def _feed_view(self) -> View | None:
        """The feed the commands act on: the current feed view, else the target's feed."""
        screen = self  # type: ignore[assignment]
        if screen.view.query.feed_id is not None:
            return screen.view
        target = screen.target()
        if target is not None and target.feed_id is not None:
            return screen.views.view(f"feed-{target.feed_id}")
        return None

    def action_add_feed(self, intro: str = "") -> None:
        screen = self  # type: ignore[assignment]

        def added(message: str | None) -> None:
            if message:
                screen.app.notify(message, title="Subscribed", markup=False)
                screen.reload(keep_position=True)

        screen.app.push_screen(AddFeedScreen(intro), added)

    def _chosen_feed(self) -> View | None:
        """The feed a feed command acts on, or ``None`` after saying how to choose one."""
        view = self._feed_view()
        if view is None or view.query.feed_id is None:
            self.app.notify("Choose a feed first (its view, or one of its articles).")  # type: ignore[attr-defined]
            return None
        return view

    def action_remove_feed(self) -> None:
        screen = self  # type: ignore[assignment]
        view = self._chosen_feed()
        if view is None:
            return
        feed_id = view.query.feed_id

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                queued = feeds.remove_feed(screen.store, feed_id)
            except StoreError as error:
                screen.app.notify(str(error), severity="error", markup=False)
                return
            screen.app.notify(f"Removed {view.label}{feeds.sync_note(queued)}.", markup=False)
            screen.leave_reading()
            screen.reader.show(None)
            screen.action_view_all()
            screen.refresh_counts()

        question = f"Remove {view.label} and delete its articles, bookmarks included?"
        screen.app.push_screen(ConfirmScreen("Remove feed", question), confirmed)

    def action_rename_feed(self) -> None:
        screen = self  # type: ignore[assignment]
        view = self._chosen_feed()
        if view is None:
            return
        feed_id = view.query.feed_id

        def renamed(title: str | None) -> None:
            if not title:
                return
            try:
                queued = feeds.rename_feed(screen.store, feed_id, title)
            except StoreError as error:
                screen.app.notify(str(error), severity="error", markup=False)
                return
            screen.reload(keep_position=True)
            screen.app.notify(f"Renamed to {title}{feeds.sync_note(queued)}.", markup=False)

        prompt = PromptScreen("Rename feed", "Your title for this feed:", view.label)
        screen.app.push_screen(prompt, renamed)

    def action_tag_feed(self) -> None:
        screen = self  # type: ignore[assignment]
        view = self._chosen_feed()
        if view is None:
            return
        feed_id = view.query.feed_id
        try:
            tags = screen.store.get_feed(feed_id).tags
        except StoreError:
            tags = ()

        def tagged(text: str | None) -> None:
            if text is None:
                return
            new = [t for t in (part.strip() for part in text.split(",")) if t]
            try:
                queued = feeds.tag_feed(screen.store, feed_id, new)
            except StoreError as error:
                screen.app.notify(str(error), severity="error", markup=False)
                return
            shown = ", ".join(new) or "none"
            note = feeds.sync_note(queued)
            screen.app.notify(f"Tags of {view.label}: {shown}{note}.", markup=False)

        prompt = PromptScreen(
            "Tag feed", f"Tags for {view.label}, separated by commas:", ", ".join(tags)
        )
        screen.app.push_screen(prompt, tagged)

    def action_export_bookmarks(self, fmt: str = "md") -> None:
        from newsreader.services.exporting import SUFFIXES, export_bookmarks

        screen = self  # type: ignore[assignment]
        if fmt not in SUFFIXES:
            return
        folder = self.export_dir or Path.home()
        path = folder / f"newsreader-bookmarks{SUFFIXES[fmt]}"
        try:
            path.write_text(export_bookmarks(screen.store, fmt), encoding="utf-8")
        except (OSError, StoreError) as error:
            problem = clean_text(str(error), 300)
            screen.app.notify(f"Export failed: {problem}", severity="error", markup=False)
            return
        screen.app.notify(f"Bookmarks written to {path} ({EXPORT_NAMES[fmt]}).", markup=False)
