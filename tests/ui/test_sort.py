"""Sort orders: every page of every order, reached any way, is the same sorted list."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from test_app import main_screen, make_app

from newsreader.model import Article, Paragraph
from newsreader.services.stores import ORDERS, ListQuery, open_store
from newsreader.ui.widgets.pages import PagedRows

BASE = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("sort") / "sort.db"
    store = open_store(path)
    rng = random.Random(7)
    for name in ("beta", "Alpha", "gamma"):
        feed = store.source_id(name)
        store.save_articles(
            feed,
            [
                Article(
                    title=rng.choice(["apple", "Apple", "banana", "cherry", "Zed"]) + f" {i % 4}",
                    blocks=(Paragraph("x"),),
                    published=BASE + timedelta(minutes=rng.randrange(40)),  # many ties
                    guid=f"{name}-{i}",
                )
                for i in range(45)
            ],
        )
    yield store
    store.close()


def expected(store, query: ListQuery) -> list[int]:
    rows = store.list_articles(ListQuery(unread=query.unread, feed_id=query.feed_id), 10_000)
    if query.order == "oldest":
        rows.sort(key=lambda r: (r.sort_key, r.id))
    elif query.order == "title":
        rows.sort(key=lambda r: (r.title.lower(), r.id))
    elif query.order == "feed":
        rows.sort(key=lambda r: (r.feed.lower(), -r.sort_key, -r.id))
    return [r.id for r in rows]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("feed_id", [None, 2])
def test_every_order_pages_forward_backward_and_by_jumps(store, order, feed_id):
    query = ListQuery(feed_id=feed_id, order=order)
    want = expected(store, query)
    forward = PagedRows(store, query, page_size=7)
    assert [forward.get(i).id for i in range(forward.total)] == want
    backward = PagedRows(store, query, page_size=7)
    assert [backward.get(i).id for i in reversed(range(backward.total))] == want[::-1]
    jumping = PagedRows(store, query, page_size=3)
    for index in (len(want) - 1, len(want) // 2, 40, 1, len(want) - 20):
        assert jumping.get(index).id == want[index]
    for index in (0, 17, len(want) - 1):
        assert store.position_of(query, want[index]) == index


async def test_s_sorts_the_list_and_the_order_is_kept(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        newest = screen.list.current.id
        await pilot.press("s")
        assert screen.order == "oldest"
        assert screen.list.current.id == newest  # the cursor stays on its article
        assert screen.list.rows.get(0).title.startswith("[bold")
        assert "oldest first" in str(screen.query_one("#list-header").render())
        await pilot.press("s", "s")
        assert screen.order == "title"
        titles = [screen.list.rows.get(i).title.lower() for i in range(screen.list.total)]
        assert titles == sorted(titles)
    again = make_app(db, clock)
    async with again.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert main_screen(again).order == "title"
