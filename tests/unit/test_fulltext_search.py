"""Full text is searchable: a word only the fetched page has is found, and replacing,
dropping or re-fetching the page keeps the contentless index exact (no stale hit, no
'database disk image malformed')."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.model import Article, Paragraph
from newsreader.services.stores import open_store
from newsreader.store import Store, schema
from newsreader.store.codec import encode_blocks

SUMMARY = "A short note about the harbour."


def _article(title: str, text: str = SUMMARY) -> Article:
    return Article(title=title, url=f"https://n.example/{title}", blocks=(Paragraph(text),))


def _page(*words: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(f"The page says {w} and more about the tide.") for w in words)


def _ids(store: Store, query: str) -> list[int]:
    return [row.id for row in store.search(query, raw=True)]


def _consistent(store: Store) -> None:
    store.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("deferred", [False, True])
def test_full_text_words_are_found_and_replacing_them_leaves_no_stale_hit(
    db_path: Path, deferred: bool
) -> None:
    with open_store(db_path) as store:
        feed_id = store.add_feed("https://n.example/feed.xml", "N").id or 0
        [saved] = store.save_articles(feed_id, [_article("one")], defer_index=deferred)
        aid = saved.id
        assert _ids(store, "zeppelin") == []
        store.save_full_text(aid, "ok", blocks=_page("zeppelin"))
        assert _ids(store, "zeppelin") == [aid]
        assert _ids(store, "harbour") == [aid]  # the feed's own text stays searchable
        store.save_full_text(aid, "ok", blocks=_page("quagga"))  # fetched again
        assert (_ids(store, "zeppelin"), _ids(store, "quagga")) == ([], [aid])
        # a re-fetch that meets a wall keeps the page fetched earlier, and its words
        assert not store.save_full_text(aid, "kept-summary", reason="the page asks to log in")
        assert (_ids(store, "quagga"), _ids(store, "harbour")) == ([aid], [aid])
        store.save_full_text(aid, "ok", blocks=_page("walrus"))
        # the feed updates the entry: the page's text stays with it
        store.save_articles(feed_id, [_article("one", "A new note about the pier.")])
        assert (_ids(store, "walrus"), _ids(store, "pier"), _ids(store, "harbour")) == (
            [aid],
            [aid],
            [],
        )
        _consistent(store)
        store.delete_articles([aid])
        assert _ids(store, "walrus") == [] and _ids(store, "pier") == []
        _consistent(store)


def test_a_full_text_stored_while_indexing_is_under_way_is_not_lost(db_path: Path) -> None:
    from newsreader.services.stores import index_text
    from newsreader.store.articles import index_values_of

    with open_store(db_path) as store:
        feed_id = store.add_feed("https://n.example/feed.xml", "N").id or 0
        [saved] = store.save_articles(feed_id, [_article("one")], defer_index=True)
        rows = store.pending_batch(10)  # a refresh's worker reads the row …
        store.save_full_text(saved.id, "ok", blocks=_page("zeppelin"))  # … the page arrives
        assert store.index_values([index_values_of(r, index_text) for r in rows]) == 0
        assert store.pending_index() == 1  # stale text not written; indexed again
        assert _ids(store, "zeppelin") == [saved.id]
        _consistent(store)


def test_cli_search_finds_a_word_only_in_the_full_text(db_path: Path, capsys) -> None:
    with open_store(db_path) as store:
        feed_id = store.add_feed("https://n.example/feed.xml", "N").id or 0
        [saved] = store.save_articles(feed_id, [_article("one")])
        store.save_full_text(saved.id, "ok", blocks=_page("zeppelin"))
    assert main(["--db", str(db_path), "search", "zeppelin"]) == 0
    assert capsys.readouterr().out.startswith(f"{saved.id}\t")


def test_migration_8_reindexes_a_store_whose_full_texts_were_not_indexed(db_path: Path) -> None:
    with open_store(db_path) as store:
        feed_id = store.add_feed("https://n.example/feed.xml", "N").id or 0
        saved = store.save_articles(feed_id, [_article("one"), _article("two", "Pier news.")])
    # What a version 7 store holds: a full text stored, the index without its words.
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO full_texts (article_id, status, blocks, fetched) VALUES (?, 'ok', ?, 0)",
        (saved[0].id, encode_blocks(_page("zeppelin"))),
    )
    conn.execute("DROP TABLE full_text_queue")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    with open_store(db_path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert _ids(store, "zeppelin") == [saved[0].id]
        assert _ids(store, "pier") == [saved[1].id]  # every article indexed again, once
        assert _ids(store, "harbour") == [saved[0].id]
        _consistent(store)
        store.delete_articles([saved[0].id])
        assert _ids(store, "zeppelin") == []
        _consistent(store)
