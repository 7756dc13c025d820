"""Reading: an article with its blocks (the web page's full text when there is one)."""

from __future__ import annotations

from dataclasses import replace

from newsreader.model import Article
from newsreader.store import Store

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
