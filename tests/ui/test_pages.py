"""Keyset paging of the list: any row reachable, in list order, without loading everything."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsreader.model import Article, Paragraph
from newsreader.services.stores import open_store
from newsreader.store import ListQuery
from newsreader.ui.widgets import pages
from newsreader.ui.widgets.pages import PagedRows

BASE = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "pages.db"
    store = open_store(path)
    for f in range(3):
        feed = store.source_id(f"Feed {f}")
        store.save_articles(
            feed,
            [
                Article(
                    title=f"A {f}-{i}",
                    blocks=(Paragraph("x"),),
                    # Same timestamp in pairs: the id breaks ties.
                    published=BASE + timedelta(minutes=(i // 2) * 3 + f),
                    guid=f"{f}-{i}",
                    read=i % 3 == 0,
                )
                for i in range(80)
            ],
        )
    yield store
    store.close()


@pytest.mark.parametrize("query", [ListQuery(), ListQuery(unread=True), ListQuery(feed_id=2)])
def test_every_row_in_order_from_any_starting_point(store, query, monkeypatch):
    monkeypatch.setattr(pages, "WALK_LIMIT", 2)
    expected = [a.id for a in store.list_articles(query, 10_000)]
    # In order from the top.
    rows = PagedRows(store, query, page_size=7)
    assert rows.total == len(expected)
    assert [rows.get(i).id for i in range(rows.total)] == expected
    # From the bottom upwards (G then k k k …).
    rows = PagedRows(store, query, page_size=7)
    assert [rows.get(i).id for i in reversed(range(rows.total))] == expected[::-1]
    # Random jumps (scrollbar drags), far and near.
    rows = PagedRows(store, query, page_size=7)
    for index in (rows.total // 2, 3, rows.total - 9, rows.total // 3, 20, rows.total - 1):
        assert rows.get(index).id == expected[index]
    assert rows.get(rows.total) is None and rows.get(-1) is None


def test_pages_are_fetched_not_the_whole_list(store):
    rows = PagedRows(store, ListQuery(), page_size=10)
    rows.get(0)
    rows.get(5)
    assert rows.queries == 1
    rows.get(rows.total - 1)
    assert rows.queries == 2  # the tail in one query (oldest first)
    assert len(rows._pages) == 2


def test_find_forward_and_update(store):
    rows = PagedRows(store, ListQuery(), page_size=10)
    first_read = rows.find_forward(0, lambda r: r.read)
    assert first_read is not None and rows.get(first_read).read
    assert all(not rows.get(i).read for i in range(first_read))
    rows.update(rows.get(first_read).id, read=False)
    assert not rows.get(first_read).read
