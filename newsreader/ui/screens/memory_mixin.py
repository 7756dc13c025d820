"""The main screen's where the reader was left, kept in the store and restored."""

from __future__ import annotations

from newsreader.sanitize import browser_url
from newsreader.services.reading import (
    Place,
    load_place,
    save_place,
    save_progress,
)
from newsreader.services.stores import (
    ORDERS,
    StoreError,
)


class PlaceMemory:
    """Where the reader was left, kept in the store and restored. Mixed into the main screen."""

    def save_progress(self) -> None:
        """Remember how far the open article was read (kept for its next opening)."""
        shown = self.reader.article
        if shown is None or shown.id is None or not self.reading:
            return
        try:
            progress = save_progress(self.store, shown.id, self.reader.fraction)
        except StoreError:
            return  # never stop the reader over a position
        self.list.update_row(shown.id, progress=progress)

    def place(self) -> Place:
        """Where the reader is now (kept at exit, restored at the next start)."""
        shown = self.reader.article
        current = self.list.current
        article_id = shown.id if self.reading and shown is not None else None
        if article_id is None and current is not None:
            article_id = current.id
        return Place(
            view=self.view.key,
            article_id=article_id,
            reading=self.reading and shown is not None,
            fraction=self.reader.fraction if self.reading else 0.0,
            list_width=self.custom_list_width,
            order=self.order,
        )

    def save_place(self) -> None:
        """Keep where the reader is (view, article, position) in the store."""
        if self._place_saved:
            return
        self.save_progress()
        try:
            save_place(self.store, self.place())
        except StoreError:
            return
        self._place_saved = True

    def restore_place(self) -> None:
        """Reopen the view and article kept by :meth:`save_place`, at the same line."""
        try:
            place = load_place(self.store)
        except StoreError:
            return
        self.custom_list_width = place.list_width
        if place.order in ORDERS and place.order != self.order:
            self.order = place.order
            self.show_view(self.view)
        if place.list_width is not None:
            self._apply_size(self.app.size.width)
        view = self.views.view(place.view)
        if view is not None and view.key != self.view.key:
            self.show_view(view)
        if place.article_id is None:
            return
        index = self.list.rows.find_forward(0, lambda row: row.id == place.article_id)
        if index is None:
            try:
                index = self.store.position_of(self.list_query, place.article_id)
            except StoreError:
                index = None
        if index is None:
            return
        self.list.move_to(index)
        summary = self.list.current
        if place.reading and summary is not None and summary.id == place.article_id:
            self.open_summary(summary, read=False, resume=False)
            self.call_after_refresh(self._restore_scroll, summary.id, place.fraction)

    def _restore_scroll(self, article_id: int, fraction: float) -> None:
        """Scroll the reopened article once it is laid out (unless the user moved on)."""
        shown = self.reader.article
        if shown is not None and shown.id == article_id and self.reader.scroll_y == 0:
            self.reader.scroll_to_fraction(fraction)

    def action_quit(self) -> None:
        """Keep the place, then quit."""
        self.save_place()
        self.app.exit()

    def action_pick_link(self) -> None:
        """Pick one of the article's numbered links, then open or copy it."""
        from newsreader.ui.screens.links import LinkChoice, LinkPicker

        links = self.reader.links
        if not links:
            self.app.notify("This article has no links.", severity="warning")
            return

        def chosen(choice: LinkChoice | None) -> None:
            if choice is None:
                return
            action, target = choice
            url = browser_url(target)
            if url is None:
                self.app.notify("That link cannot be opened.", severity="warning")
            elif action == "copy":
                self.app.copy_to_clipboard(url)
                self.app.notify(f"Copied {url}", markup=False)
            else:
                self._launch_browser(url, self.app.config.browser)
                self.app.notify("Opening in the browser…")

        self.app.push_screen(LinkPicker(links), chosen)
