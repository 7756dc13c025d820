"""Reading: an article with its blocks (the web page's full text when there is one)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from newsreader.model import Article
from newsreader.store import PROGRESS_DONE, Store

FULL_TEXT_NOTE = "Full text from the web page"


def feed_article(store: Store, article_id: int) -> Article | None:
    """The article as its feed gave it (its own body, never the page's), or ``None``."""
    stored = store.get_stored(article_id)
    if stored is None:
        return None
    from newsreader.extract.stored import article_from_stored  # lxml: not at start-up

    return article_from_stored(stored.article, stored.body)


def get_article(store: Store, article_id: int) -> Article | None:
    """The whole article with its blocks (laid out from stored HTML if need be), or ``None``.

    When its web page was fetched (:mod:`newsreader.services.fulltext`) the page's
    text replaces the feed's summary, marked in ``source_note``; when the page gave
    none, the summary stays and ``source_note`` says why.
    """
    article = feed_article(store, article_id)
    if article is None:
        return None
    full = store.get_full_text(article_id)
    if full is None:
        return article
    if full.ok and full.blocks:
        from newsreader.extract.finish import resolve_dek

        return replace(
            article,
            blocks=full.blocks,
            dek=resolve_dek(article.dek, list(full.blocks)),
            reading_minutes=0,  # counted again from the page's blocks
            source_note=FULL_TEXT_NOTE,
        )
    note = f"Summary only: {full.reason}" if full.reason else "Summary only"
    return replace(article, source_note=note)


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
