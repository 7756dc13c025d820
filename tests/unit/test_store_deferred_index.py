"""Deferred full-text indexing: stored at once, searchable after index_pending or search."""

from __future__ import annotations

from pathlib import Path

from newsreader.model import Article, Paragraph
from newsreader.services.reading import get_article
from newsreader.services.stores import open_store
from newsreader.store import Store


def article(guid: str, word: str) -> Article:
    return Article(title=f"Story {guid}", guid=guid, blocks=(Paragraph(f"The {word} rose."),))


def fts_hits(store: Store, word: str) -> int:
    return store.conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (word,)
    ).fetchone()[0]


def test_deferred_articles_are_readable_then_indexed(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        feed = store.add_feed("https://a.example/feed", "A")
        saved = store.save_articles(
            feed.id, [article("1", "harbour"), article("2", "harbour")], defer_index=True
        )
        assert get_article(store, saved[0].id).title == "Story 1"
        assert store.pending_index() == 2
        assert fts_hits(store, "harbour") == 0
        assert store.index_pending(limit=1) == 1
        assert fts_hits(store, "harbour") == 1
        assert store.index_pending() == 1
        assert store.pending_index() == 0
        assert fts_hits(store, "harbour") == 2


def test_search_indexes_pending_first(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        feed = store.add_feed("https://a.example/feed", "A")
        store.save_articles(feed.id, [article("1", "lantern")], defer_index=True)
        assert [a.title for a in store.search("lantern")] == ["Story 1"]
        assert store.pending_index() == 0


def test_update_and_delete_of_pending_and_indexed_articles_keep_the_index_exact(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path / "s.db") as store:
        feed = store.add_feed("https://a.example/feed", "A")
        store.save_articles(feed.id, [article("1", "meadow")], defer_index=True)
        # Changed while still pending: the old text never reaches the index.
        store.save_articles(feed.id, [article("1", "quarry")], defer_index=True)
        store.index_pending()
        assert (fts_hits(store, "meadow"), fts_hits(store, "quarry")) == (0, 1)
        # Changed after indexing: the old text leaves the index, the new waits.
        saved = store.save_articles(feed.id, [article("1", "timber")], defer_index=True)
        assert saved[0].status == "updated"
        assert (fts_hits(store, "quarry"), fts_hits(store, "timber")) == (0, 0)
        assert [a.title for a in store.search("timber")] == ["Story 1"]
        # A pending article deleted: no index delete of text never indexed.
        store.save_articles(feed.id, [article("2", "canal")], defer_index=True)
        store.delete_articles([saved[0].id])
        store.remove_feed(feed.id)
        assert store.pending_index() == 0
        assert fts_hits(store, "timber") == 0


def test_index_text_computed_elsewhere_is_skipped_if_the_article_changed_meanwhile(
    tmp_path: Path,
) -> None:
    from newsreader.store.articles import index_values_of

    with open_store(tmp_path / "s.db") as store:
        feed = store.add_feed("https://a.example/feed", "A")
        store.save_articles(
            feed.id, [article("1", "ferry"), article("2", "orchard")], defer_index=True
        )
        rows = store.pending_batch(10)
        assert [r[2] for r in rows] == ["Story 1", "Story 2"]
        assert [r[2] for r in store.pending_batch(10, after=rows[0][0])] == ["Story 2"]
        values = [index_values_of(row) for row in rows]  # what a worker would send back
        store.save_articles(feed.id, [article("2", "granary")], defer_index=True)
        assert store.index_values(values) == 1  # story 2 changed: its stale text is dropped
        assert (fts_hits(store, "ferry"), fts_hits(store, "orchard")) == (1, 0)
        assert store.pending_index() == 1
        assert store.index_pending() == 1
        assert fts_hits(store, "granary") == 1
