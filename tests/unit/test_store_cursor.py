"""Store.cursor_at and Store.position_of: row positions of a list query, in list order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.model import Article, Paragraph
from newsreader.services.stores import open_store
from newsreader.store import ListQuery

BASE = datetime(2024, 3, 1, tzinfo=UTC)
QUERIES = [ListQuery(), ListQuery(unread=True), ListQuery(bookmarked=True), ListQuery(feed_id=1)]


@pytest.fixture
def store(tmp_path: Path):
    store = open_store(tmp_path / "cursor.db")
    for f in range(2):
        feed = store.source_id(f"Feed {f}")
        store.save_articles(
            feed,
            [
                Article(
                    title=f"T {f}-{i}",
                    blocks=(Paragraph("body"),),
                    # Pairs share a timestamp so the id has to break the tie.
                    published=BASE + timedelta(hours=i // 2, minutes=f),
                    guid=f"{f}-{i}",
                    read=i % 3 == 0,
                )
                for i in range(25)
            ],
        )
    ids = [a.id for a in store.list_articles(ListQuery(), 1000)]
    store.set_bookmarked(ids[::4], True)
    yield store
    store.close()


@pytest.mark.parametrize("query", QUERIES)
def test_cursor_at_is_the_cursor_of_that_row(store, query):
    rows = store.list_articles(query, 1000)
    assert rows, "fixture should match every query"
    for offset, row in enumerate(rows):
        assert store.cursor_at(query, offset) == row.cursor
    assert store.cursor_at(query, len(rows)) is None
    assert store.cursor_at(query, -1) is None


@pytest.mark.parametrize("query", QUERIES)
def test_paging_on_from_cursor_at_continues_the_list(store, query):
    rows = store.list_articles(query, 1000)
    middle = len(rows) // 2
    after = store.cursor_at(query, middle - 1)
    assert [r.id for r in store.list_articles(query, 5, after)] == [
        r.id for r in rows[middle : middle + 5]
    ]


@pytest.mark.parametrize("query", QUERIES)
def test_position_of_every_row_and_of_rows_outside(store, query):
    rows = store.list_articles(query, 1000)
    for index, row in enumerate(rows):
        assert store.position_of(query, row.id) == index
    inside = {r.id for r in rows}
    outside = [a.id for a in store.list_articles(ListQuery(), 1000) if a.id not in inside]
    for article_id in outside:
        assert store.position_of(query, article_id) is None
    assert store.position_of(query, 10**9) is None
