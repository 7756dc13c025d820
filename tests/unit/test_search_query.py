"""Typed searches become whole-word FTS5 queries; only the last word is a prefix."""

from __future__ import annotations

from newsreader.model import Article, Paragraph
from newsreader.services.stores import open_store
from newsreader.store.search import fts_query


def test_only_a_long_enough_last_word_is_a_prefix():
    assert fts_query('climate "sea ice') == '"climate" "sea" "ice"*'
    assert fts_query("harbour br") == '"harbour" "br"'
    assert fts_query("c") == '"c"'
    assert fts_query('"*()') == ""


def test_typed_search_matches_whole_words_and_a_typed_prefix(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        feed = store.source_id("Local")
        texts = ["The harbour bridge reopened.", "A bridged gap in the harbourside."]
        saved = store.save_articles(
            feed, [Article(title=f"t{i}", blocks=(Paragraph(t),)) for i, t in enumerate(texts)]
        )
        ids = [s.id for s in saved]
        assert [r.id for r in store.search("harbour bridge", raw=False)] == [ids[0]]
        assert {r.id for r in store.search("harbour brid", raw=False)} == {ids[0]}
        assert {r.id for r in store.search("bri", raw=False)} == set(ids)


def test_whole_words_that_fill_the_page_are_not_widened(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        feed = store.source_id("Local")
        texts = ["The harbour wall.", "Up the harbourside path."]
        saved = store.save_articles(
            feed, [Article(title=f"t{i}", blocks=(Paragraph(t),)) for i, t in enumerate(texts)]
        )
        ids = [s.id for s in saved]
        # One whole-word match fills a page of one: the newer prefix match is not pulled in.
        assert [r.id for r in store.search("harbour", limit=1, raw=False)] == [ids[0]]
        # With room left, the last word widens to a prefix and both come back, newest first.
        assert [r.id for r in store.search("harbour", limit=5, raw=False)] == [ids[1], ids[0]]
