"""Saved searches: keep the search on screen as a view (``S``), and forget one."""

from __future__ import annotations

from newsreader.sanitize import clean_text
from newsreader.services.stores import StoreError
from newsreader.ui.screens.dialogs import ConfirmScreen, PromptScreen


class SavedSearchCommands:
    """Save the current search as a view and remove saved ones. Mixed into the main screen."""

    def action_save_search(self) -> None:
        screen = self  # type: ignore[assignment]
        text = screen.search_text
        if not text:
            screen.app.notify("Search first (/), then press S to keep the search as a view.")
            return

        def named(name: str | None) -> None:
            name = clean_text(name or "", 100).strip()
            if not name:
                return
            try:
                screen.store.save_search(name, text)
            except StoreError as error:
                screen.app.notify(str(error), severity="error", markup=False)
                return
            screen.refresh_counts()
            screen.app.notify(
                f"Saved “{name}”: it is in the views, under Bookmarks.",
                title="Search saved",
                markup=False,
            )

        prompt = PromptScreen("Save this search", f"A name for “{text}”:", clean_text(text, 60))
        screen.app.push_screen(prompt, named)

    def action_remove_saved_search(self) -> None:
        screen = self  # type: ignore[assignment]
        view = screen.view if screen.view.is_search else screen.views.highlighted_view
        if view is None or not view.is_search or view.search_id is None:
            screen.app.notify("Choose a saved search first (in the views).")
            return
        search_id = view.search_id

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                screen.store.delete_saved_search(search_id)
            except StoreError as error:
                screen.app.notify(str(error), severity="error", markup=False)
                return
            screen.app.notify(f"Removed the saved search {view.label}.", markup=False)
            if screen.view.key == view.key:
                screen.action_view_all()
            screen.refresh_counts()

        question = f"Remove the saved search {view.label}? (No article is deleted.)"
        screen.app.push_screen(ConfirmScreen("Remove saved search", question), confirmed)
