"""Reading: an article with its blocks, and search."""

from __future__ import annotations

from newsreader.model import Article
from newsreader.store import Store


def get_article(store: Store, article_id: int) -> Article | None:
    """The whole article with its blocks (laid out from stored HTML if need be), or ``None``."""
    stored = store.get_stored(article_id)
    if stored is None:
        return None
    from newsreader.extract.stored import article_from_stored  # lxml: not at start-up

    return article_from_stored(stored.article, stored.body)
