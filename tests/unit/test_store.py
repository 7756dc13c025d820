"""The store: de-duplication, marks, keyset pages, counters, search."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.model import Article, Figure, Paragraph
from newsreader.services.reading import get_article
from newsreader.services.stores import open_store
from newsreader.store import ListQuery, Store, StoreError

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def make(n: int, **kw) -> Article:
    fields = dict(
        title=f"Story {n}",
        url=f"https://news.example.com/{n}",
        guid=f"guid-{n}",
        published=T0 + timedelta(hours=n),
        blocks=(
            Figure("https://img.example.com/a.jpg", "alt", "A caption", "Agency"),
            Paragraph(f"Body of story {n} about harbour seals."),
        ),
    )
    fields.update(kw)
    return Article(**fields)


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as s:
        yield s


def test_roundtrip_keeps_every_field(store: Store) -> None:
    feed = store.source_id("Samples")
    [saved] = store.save_articles(feed, [make(1, author="Ana Reyes", section="Science", dek="D")])
    got = get_article(store, saved.id)
    assert got is not None
    assert (got.title, got.author, got.section, got.dek, got.feed) == (
        "Story 1",
        "Ana Reyes",
        "Science",
        "D",
        "Samples",
    )
    assert got.published == T0 + timedelta(hours=1)
    assert got.blocks == make(1).blocks
    assert got.read is False and got.bookmarked is False


def test_same_guid_updates_in_place_and_keeps_marks(store: Store) -> None:
    feed = store.source_id("Samples")
    [first] = store.save_articles(feed, [make(1)])
    store.set_read(first.id)
    store.set_bookmarked(first.id)
    [again] = store.save_articles(feed, [make(1)])
    assert again == type(first)(first.id, "Story 1", "unchanged")
    [changed] = store.save_articles(feed, [make(1, title="Story 1, updated")])
    assert changed.id == first.id and changed.status == "updated"
    got = get_article(store, first.id)
    assert got.title == "Story 1, updated" and got.read and got.bookmarked
    assert [r.id for r in store.search("updated")] == [first.id]


def test_same_url_matches_when_guid_differs(store: Store) -> None:
    feed = store.source_id("Samples")
    [a] = store.save_articles(feed, [make(1)])
    [b] = store.save_articles(feed, [make(1, guid="other", dek="new")])
    assert a.id == b.id and b.status == "updated"


def test_pasted_text_without_guid_or_url_dedupes_on_content(store: Store) -> None:
    feed = store.source_id("Imported")
    art = make(1, guid="", url="")
    [a] = store.save_articles(feed, [art])
    [b] = store.save_articles(feed, [replace(art, blocks=art.blocks)])
    assert a.id == b.id


def test_keyset_pages_cover_everything_once(store: Store) -> None:
    feed = store.source_id("Samples")
    store.save_articles(feed, [make(n) for n in range(25)])
    seen, after = [], None
    while page := store.list_articles(ListQuery(), limit=7, after=after):
        seen += [r.id for r in page]
        after = page[-1].cursor
    assert len(seen) == 25 == len(set(seen))
    titles = [get_article(store, i).title for i in seen]
    assert titles == [f"Story {n}" for n in reversed(range(25))]  # newest first
    tail = store.list_articles(ListQuery(), limit=3, oldest_first=True)
    assert [r.title for r in tail] == ["Story 0", "Story 1", "Story 2"]


def test_views_and_counters_follow_marks(store: Store) -> None:
    a = store.source_id("A")
    b = store.source_id("B")
    ids = [s.id for s in store.save_articles(a, [make(n) for n in range(4)])]
    store.save_articles(b, [make(10 + n) for n in range(3)])
    store.set_read(ids[:3])
    store.set_bookmarked(ids[0])
    counts = store.counts()
    assert (counts.all, counts.unread, counts.bookmarked) == (7, 4, 1)
    assert counts.unread_by_feed == {a: 1, b: 3}
    assert store.count(ListQuery(unread=True)) == 4
    assert store.count(ListQuery(feed_id=a)) == 4
    assert [r.id for r in store.list_articles(ListQuery(bookmarked=True))] == [ids[0]]
    assert [r.id for r in store.list_articles(ListQuery(unread=True, feed_id=a))] == [ids[3]]
    store.set_read(ids[0], False)
    assert store.counts().unread_by_feed[a] == 2


def test_prune_never_deletes_bookmarks(store: Store) -> None:
    feed = store.source_id("A")
    ids = [s.id for s in store.save_articles(feed, [make(n) for n in range(6)])]
    store.set_bookmarked(ids[0])  # the oldest
    removed = store.prune(feed, keep=2)
    left = {r.id for r in store.list_articles(ListQuery(feed_id=feed))}
    assert removed == 3
    assert left == {ids[0], ids[4], ids[5]}
    assert store.search("seals", 50) and ids[1] not in {r.id for r in store.search("seals")}


def test_search_syntax_error_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="bad search query"):
        store.search('"unterminated')
    assert store.search('"unterminated', raw=False) == []


def test_absurd_dates_are_stored_as_unknown(store: Store) -> None:
    feed = store.source_id("A")
    far = datetime(9999, 1, 1, tzinfo=UTC)
    [s] = store.save_articles(feed, [make(1, published=far)])
    assert get_article(store, s.id).published is None


def test_same_url_in_another_feed_is_a_different_article(store: Store) -> None:
    a = store.source_id("A")
    b = store.source_id("B")
    [first] = store.save_articles(a, [make(1)])
    [second] = store.save_articles(b, [make(1, guid="b-1", title="B's take")])
    assert first.id != second.id and second.status == "new"
    assert get_article(store, first.id).title == "Story 1"
