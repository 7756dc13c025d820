"""Reading: an article with its blocks, and search."""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.model import Article
from newsreader.store import PROGRESS_DONE, Store


def get_article(store: Store, article_id: int) -> Article | None:
    """The whole article with its blocks (laid out from stored HTML if need be), or ``None``."""
    stored = store.get_stored(article_id)
    if stored is None:
        return None
    from newsreader.extract.stored import article_from_stored  # lxml: not at start-up

    return article_from_stored(stored.article, stored.body)


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader was left: the view, the article and how far down it."""

    view: str = "all"  # a view key: "all", "unread", "bookmarks", "feed-<id>"
    article_id: int | None = None  # the selected (or open) article
    reading: bool = False  # the article was open, not only selected
    fraction: float = 0.0  # top of the screen, as a fraction of the article
    list_width: int | None = None  # the list column's width on wide terminals
    order: str = "newest"  # the list's sort order


_PLACE_KEYS = ("view", "article", "reading", "fraction", "list_width", "sort")


def _number(text: str | None, kind: type[int] | type[float]) -> int | float | None:
    try:
        return kind(text) if text is not None else None
    except ValueError:
        return None


def load_place(store: Store) -> Place:
    """The place kept by :func:`save_place` (the defaults when none, or garbled)."""
    state = store.all_state()
    article = _number(state.get("article"), int)
    fraction = _number(state.get("fraction"), float) or 0.0
    width = _number(state.get("list_width"), int)
    return Place(
        view=state.get("view") or "all",
        article_id=int(article) if article is not None else None,
        reading=state.get("reading") == "1",
        fraction=max(0.0, min(1.0, float(fraction))),
        list_width=int(width) if width else None,
        order=state.get("sort") or "newest",
    )


def save_place(store: Store, place: Place) -> None:
    """Keep ``place`` in the store for the next start."""
    values = dict.fromkeys(_PLACE_KEYS)
    values.update(
        view=place.view,
        article=None if place.article_id is None else str(place.article_id),
        reading="1" if place.reading else "0",
        fraction=f"{place.fraction:.4f}",
        list_width=None if place.list_width is None else str(place.list_width),
        sort=place.order,
    )
    store.set_state(values)


def progress_of(fraction: float) -> int:
    """A reader's position (0.0–1.0 of the article) as stored progress (thousandths)."""
    return max(0, min(PROGRESS_DONE, round(fraction * PROGRESS_DONE)))


def save_progress(store: Store, article_id: int, fraction: float) -> int:
    """Remember how far ``article_id`` was read (where it reopens); returns the progress."""
    progress = progress_of(fraction)
    store.set_progress(article_id, progress)
    return progress
