"""The one search language: parsed without a store, then run on a temporary one."""

from __future__ import annotations

import pytest

from newsreader.model import Article, Paragraph
from newsreader.services.query import (
    QueryError,
    Term,
    parse_query,
    resolve,
    saved_views,
    search,
)
from newsreader.services.stores import open_store


def test_words_phrases_and_prefixes():
    parsed = parse_query('climate "sea ice" harb*')
    assert parsed.terms == (
        Term(("climate",), bare=True),
        Term(("sea", "ice")),
        Term(("harb",), prefix=True),
    )
    assert parsed.match() == '"climate" "sea ice" "harb"*'
    assert not parsed.problem


def test_the_last_bare_word_can_be_widened():
    parsed = parse_query("harbour brid")
    assert parsed.widenable
    assert parsed.match() == '"harbour" "brid"'
    assert parsed.match(widen=True) == '"harbour" "brid"*'
    assert not parse_query("harbour br").widenable
    assert not parse_query('"harbour bridge"').widenable


def test_an_unclosed_quote_is_a_phrase_to_the_end():
    parsed = parse_query('"harbour bri')
    assert parsed.match() == '"harbour bri"' and not parsed.problem
    assert parse_query('"harbour').match() == '"harbour"'


def test_filters():
    parsed = parse_query('title:ferry feed:"harbour courier" is:unread -is:bookmarked')
    assert parsed.match() == 'title : "ferry"'
    assert parsed.feeds == ("harbour courier",)
    assert parsed.unread is True and parsed.bookmarked is False
    assert parse_query("not is:unread x").unread is False
    assert parse_query("is:read x").unread is False
    assert parse_query("title:harb*").match() == 'title : "harb"*'


def test_leaving_words_out():
    parsed = parse_query('ferry -bridge -"night market"')
    assert parsed.match() == '"ferry"'
    assert parsed.exclude() == '"bridge" OR "night market"'
    assert parse_query("-bridge").exclude() == '"bridge"' and not parse_query("-bridge").problem


def test_no_fts5_syntax_reaches_the_index():
    for text in ["a OR b", "NEAR(a b)", "^start", "a + b", "(x", "col:x", "*", '"', "a AND"]:
        parsed = parse_query(text)
        for term in parsed.terms:
            assert all(word.isalnum() or "_" in word for word in term.words)
    assert parse_query("x AND y").match() == '"x" "AND" "y"'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("is:maybe", "is:maybe is not a filter"),
        ("feed:", "feed: needs"),
        ("title:!!", "title: needs a word"),
        ("ha*", "too short a prefix"),
    ],
)
def test_bad_syntax_is_one_line(text, problem):
    parsed = parse_query(text)
    assert problem in parsed.problem and "\n" not in parsed.problem


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        harbour = store.source_id("Harbour Courier")
        gazette = store.source_id("Cafe Gazette")
        store.save_articles(
            harbour,
            [
                Article(
                    title="Ferry crews return",
                    guid="1",
                    blocks=(Paragraph("The harbour bridge closes."),),
                ),
                Article(
                    title="Night market",
                    guid="2",
                    blocks=(Paragraph("Stalls by the harbourside."),),
                ),
            ],
        )
        store.save_articles(
            gazette,
            [Article(title="Harbour views", guid="3", blocks=(Paragraph("Coffee by the water."),))],
        )
        yield store


def titles(found):
    return sorted(r.title for r in found.rows)


def test_results_on_a_store(store):
    assert titles(search(store, '"harbour"')) == ["Ferry crews return", "Harbour views"]
    # Whole words found too few: the last word widens to a prefix, as in the app.
    assert titles(search(store, "harb")) == ["Ferry crews return", "Harbour views", "Night market"]
    assert titles(search(store, "harbour")) == titles(search(store, "harb"))
    assert titles(search(store, "harb", limit=1)) == ["Harbour views"]  # the newest
    assert titles(search(store, 'title:"harbour"')) == ["Harbour views"]
    assert titles(search(store, '"harbour" feed:courier')) == ["Ferry crews return"]
    assert titles(search(store, "feed:gazette")) == ["Harbour views"]
    assert titles(search(store, '"harbour" -bridge')) == ["Harbour views"]
    assert titles(search(store, "-harbour")) == ["Night market"]
    assert titles(search(store, '"harbour bridge')) == ["Ferry crews return"]
    first = search(store, "harb").rows[0]
    store.set_read(first.id)
    assert first.title not in titles(search(store, "harb is:unread"))
    assert titles(search(store, "harb is:read")) == [first.title]


def test_counts_are_honest_and_capped(store):
    found = search(store, "harb", limit=1)
    assert len(found.rows) == 1 and found.total == 3 and not found.capped
    found = search(store, "harb", limit=1, cap=2)
    assert found.total == 2 and found.capped and found.total_text == "2+"


def test_unknown_or_ambiguous_feeds_are_errors(store):
    with pytest.raises(QueryError, match="feed:nowhere"):
        resolve(store, "feed:nowhere x")
    store.source_id("Harbour Gazette")
    with pytest.raises(QueryError, match="feed:harbour"):
        resolve(store, "feed:harbour x")
    with pytest.raises(QueryError, match="Nothing to search"):
        resolve(store, "  ")


def test_saved_searches_stay_live(store):
    store.save_search("Harbour", "harbour")
    store.save_search("Broken", "feed:nowhere")
    views = {v.saved.name: v for v in saved_views(store)}
    assert views["Harbour"].unread == 3 and views["Broken"].error
    store.save_articles(
        store.source_id("Cafe Gazette"),
        [Article(title="Harbour again", guid="4", blocks=(Paragraph("More."),))],
    )
    views = {v.saved.name: v for v in saved_views(store)}
    assert views["Harbour"].unread == 4
    assert store.save_search("Harbour", "harbour is:unread").id == views["Harbour"].saved.id
    assert [s.query for s in store.saved_searches()] == ["feed:nowhere", "harbour is:unread"]
    assert store.delete_saved_search(views["Broken"].saved.id)
    assert [s.name for s in store.saved_searches()] == ["Harbour"]
