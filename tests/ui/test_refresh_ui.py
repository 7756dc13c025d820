"""Refreshing from the app against feeds served on 127.0.0.1: progress, summary, reload,
failed-feed marks, and the start-up and periodic refreshes taking the same path as ``r``."""

from __future__ import annotations

import time
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from rich.text import Text

from newsreader.config import Config
from newsreader.services.refresh.progress import RefreshProgress
from newsreader.services.stores import open_store
from newsreader.ui.app import NewsApp
from newsreader.ui.messages import RefreshProgressed
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.views import ERROR_MARK
from tests.support.hostile_server import HostileServer, stall

WIDE = (160, 48)
CFG = dict(connect_timeout=2, read_timeout=2, feed_deadline=3, parser="thread")


def fresh_rss(title: str, count: int) -> bytes:
    """An RSS feed whose items are newer than every article of the test store."""
    items = "".join(
        f"<item><guid>{escape(title)}-{i}</guid><title>{escape(title)} news {i}</title>"
        f"<link>http://example.test/{i}/{abs(hash(title))}</link>"
        f"<pubDate>Sat, {10 + i:02d} Jun 2024 09:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Fresh item {i} of {escape(title)}.&lt;/p&gt;</description></item>"
        for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.test/</link>"
        f"<description>test</description>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def server():
    with HostileServer() as s:
        yield s


def subscribe(db: Path, feeds: dict[str, str]) -> dict[str, int]:
    with open_store(db) as store:
        return {title: store.add_feed(url, title).id or 0 for title, url in feeds.items()}


def main_screen(app: NewsApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def notes(app: NewsApp) -> list[str]:
    return [n.message for n in app._notifications]


async def wait_until(pilot, condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await pilot.pause(0.05)


def option_text(screen: MainScreen, label: str) -> Text:
    views = screen.views
    index = next(i for i, v in enumerate(views.views) if v.label == label)
    prompt = views.get_option_at_index(index).prompt
    assert isinstance(prompt, Text)
    return prompt


async def test_r_refreshes_shows_progress_and_summary_and_keeps_the_cursor(db, clock, server):
    ids = subscribe(
        db,
        {
            "Island Post": server.feed("/island.xml", fresh_rss("Island Post", 4)),
            "Gone Daily": server.url("/gone.xml"),  # not routed: 404
            "Slow Herald": server.route("/slow.xml", stall),
        },
    )
    app = NewsApp(db, Config(**CFG), clock=clock, import_samples=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("j", "j")
        before = screen.list.current
        assert screen.list.total == 15 and before.title.startswith("Story 2")
        await pilot.press("r")
        status = screen.refresh_status
        assert status.display and status.progress.total == 3  # of 3 feeds
        # Two feeds answer at once; the stalled one holds the refresh open.
        await wait_until(pilot, lambda: status.progress and status.progress.done == 2)
        line = str(status.render())
        assert "2/3 feeds" in line and "4 new articles" in line and "1 error" in line
        # The new articles show already, above the cursor's article, which stays put.
        assert screen.list.total == 19 and screen.list.current.id == before.id
        # The UI is not frozen meanwhile: keys move the list, a second r is refused.
        await pilot.press("j")
        assert screen.list.cursor == 7
        await pilot.press("k", "r")
        assert "A refresh is already running." in notes(app)
        await wait_until(pilot, lambda: not app.refreshing)
        await pilot.pause()
        summary = [m for m in notes(app) if m.startswith("Refreshed ")]
        # The entries link to example.test, which tests may not reach: each page
        # keeps its summary (the full-text phase runs on r by default).
        assert summary == [
            "Refreshed 3 feeds, 4 new articles, 2 errors, full text: 0 fetched, 4 kept the "
            "summary. Failed: Gone Daily, Slow Herald."
        ]
        assert not status.display and status.progress is None
        # The new (newer) articles are in the list; the cursor stayed on the same article.
        assert screen.list.total == 19
        titles = [screen.list.rows.get(i).title for i in range(4)]
        assert sorted(titles) == [f"Island Post news {i}" for i in range(4)]
        assert screen.list.current.id == before.id and screen.list.cursor == 6
        # Counts and marks in the feed list follow.
        assert option_text(screen, "Island Post").plain.rstrip().endswith("4")
        assert option_text(screen, "Gone Daily").plain.startswith(ERROR_MARK)
        assert not option_text(screen, "Island Post").plain.startswith(ERROR_MARK)
    assert server.hits["/island.xml"] == 1  # one refresh despite the second r
    with open_store(db) as store:
        assert store.get_feed(ids["Gone Daily"]).last_error


async def test_progress_messages_coalesce(db, clock):
    seen: list[RefreshProgressed] = []

    class Counting(NewsApp):
        def on_refresh_progressed(self, message: RefreshProgressed) -> None:
            seen.append(message)
            super().on_refresh_progressed(message)

    app = Counting(db, clock=clock, import_samples=False)
    async with app.run_test(size=WIDE) as pilot:
        app.refreshing = True
        for done in range(1, 1001):  # queued faster than the app handles them
            app.post_message(RefreshProgressed(RefreshProgress(done, 1000, done * 2, 0)))
        await pilot.pause()
        assert 1 <= len(seen) <= 3
        assert seen[-1].progress.done == 1000
        assert main_screen(app).refresh_status.progress == RefreshProgress(1000, 1000, 2000, 0)
        app.refreshing = False


async def test_failed_feeds_are_marked_and_their_error_shown_as_text(db, clock):
    hostile = "bad [/] reply [@click=app.quit]x[/] [bold]404"
    with open_store(db) as store:
        broken = store.add_feed("http://127.0.0.1:9/a.xml", "Broken Wire").id
        weird = store.add_feed("http://127.0.0.1:9/b.xml", "Odd [Feed]").id
        fine = store.add_feed("http://127.0.0.1:9/c.xml", "Fine Feed").id
        store.record_fetch(broken, error="HTTP 404 Not Found")
        store.record_fetch(weird, error=hostile)
        store.record_fetch(fine)
    app = NewsApp(db, clock=clock, import_samples=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        views = screen.views
        error_style = views.get_component_rich_style("view-list--error", partial=True)
        for label in ("Broken Wire", "Odd [Feed]"):
            text = option_text(screen, label)
            assert text.plain.startswith(ERROR_MARK + " " + label)
            assert text.get_style_at_offset(app.console, 0).color == error_style.color
        for label in ("Fine Feed", "Harbour Gazette"):
            assert option_text(screen, label).plain.startswith("  " + label)
        line = screen.feed_error
        assert not line.display  # "All" is highlighted: no error to show

        views.focus()
        index = {v.label: i for i, v in enumerate(views.views)}
        views.highlighted = index["Broken Wire"]
        await pilot.pause()
        assert line.display
        assert str(line.render()) == f"{ERROR_MARK} Last refresh failed: HTTP 404 Not Found"
        assert str(views.tooltip) == "HTTP 404 Not Found"

        views.highlighted = index["Odd [Feed]"]
        await pilot.pause()
        assert str(line.render()) == f"{ERROR_MARK} Last refresh failed: {hostile}"
        await pilot.press("enter")  # open that feed's view: the line stays while it is current
        await pilot.pause()
        assert screen.view.label == "Odd [Feed]" and line.display
        assert app.is_running

        views.focus()
        views.highlighted = index["Fine Feed"]
        await pilot.pause()
        assert not line.display and views.tooltip is None


class SpyApp(NewsApp):
    """Records every call of ``start_refresh`` (the path ``r`` takes)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.starts: list[bool] = []

    def start_refresh(self, quiet: bool = False) -> bool:
        self.starts.append(quiet)
        return super().start_refresh(quiet)


async def test_refresh_on_start_takes_the_path_of_r(db, clock, server):
    subscribe(db, {"Island Post": server.feed("/island.xml", fresh_rss("Island Post", 2))})
    app = SpyApp(db, Config(refresh_on_start=True, **CFG), clock=clock, import_samples=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: server.hits["/island.xml"] == 1 and not app.refreshing)
        await pilot.pause()
        assert app.starts == [True]  # started without a key, quietly
        assert screen.list.total == 17
        assert (
            "Refreshed 1 feed, 2 new articles, 0 errors, full text: 0 fetched, 2 kept the summary."
            in notes(app)
        )
        assert not screen.refresh_status.display
        await pilot.press("r")  # the key goes the same way
        await wait_until(pilot, lambda: server.hits["/island.xml"] == 2 and not app.refreshing)
        assert app.starts == [True, False]


async def test_periodic_refresh_runs_again_and_again(db, clock, server, monkeypatch):
    monkeypatch.setattr(NewsApp, "SECONDS_PER_MINUTE", 0.3)
    subscribe(db, {"Island Post": server.feed("/island.xml", fresh_rss("Island Post", 2))})
    config = Config(refresh_interval_minutes=1, **CFG)
    app = SpyApp(db, config, clock=clock, import_samples=False)
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: server.hits["/island.xml"] >= 2 and not app.refreshing)
        await pilot.pause()
        assert len(app.starts) >= 2 and all(app.starts)  # the timer, quietly, each time
        assert main_screen(app).list.total == 17  # the second run was a 304: nothing doubled
        summaries = [m for m in notes(app) if m.startswith("Refreshed ")]
        assert summaries[0] == (
            "Refreshed 1 feed, 2 new articles, 0 errors, full text: 0 fetched, 2 kept the summary."
        )
        assert "Refreshed 1 feed, 0 new articles, 0 errors." in summaries[1:]
        assert not any("No subscriptions" in m for m in notes(app))


def rss_item_feed(body: str) -> bytes:
    """One item whose guid stays the same while its ``body`` changes."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Harbour Gazette</title><link>http://example.test/</link>"
        "<description>test</description><item><guid>harbour-1</guid>"
        "<title>Harbour works begin</title><link>http://example.test/harbour/1</link>"
        "<pubDate>Sat, 15 Jun 2024 09:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;{escape(body)}&lt;/p&gt;</description></item></channel></rss>"
    ).encode()


def reader_text(screen: MainScreen) -> str:
    return "\n".join(line.plain for line in screen.reader.lines)


async def test_refresh_reloads_the_open_article_when_it_changed(db, clock, server):
    server.feed("/harbour.xml", rss_item_feed("The first crane arrived on Monday."))
    subscribe(db, {"Harbour Gazette": server.url("/harbour.xml")})
    app = NewsApp(db, Config(**CFG), clock=clock, import_samples=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("r")
        await wait_until(pilot, lambda: not app.refreshing)
        await pilot.pause()
        await pilot.press("g")  # the newest article: the cursor stayed where it was
        assert screen.list.current.title == "Harbour works begin"
        await pilot.press("enter")
        article_id = screen.reader.article.id
        assert "first crane arrived on Monday" in reader_text(screen)
        # Unchanged on the next refresh (a 304): the reader keeps the very same object.
        shown = screen.reader.article
        await pilot.press("r")
        await wait_until(pilot, lambda: not app.refreshing)
        await pilot.pause()
        assert screen.reader.article is shown
        # The feed corrects the story under the same guid: the open article follows.
        server.feed("/harbour.xml", rss_item_feed("The second crane was delayed by fog."))
        await pilot.press("r")
        await wait_until(pilot, lambda: not app.refreshing)
        await pilot.pause()
        assert screen.reader.article.id == article_id
        text = reader_text(screen)
        assert "second crane was delayed by fog" in text and "first crane" not in text


async def test_stored_articles_show_while_the_search_index_catches_up(db, clock):
    from newsreader.model import Article, Paragraph

    app = NewsApp(db, clock=clock, import_samples=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        total = screen.list.total
        app.refreshing = True
        app.post_message(RefreshProgressed(RefreshProgress(1, 2, 0, 0)))
        await pilot.pause()
        # The refresh stores a new article (not yet indexed), then starts indexing.
        with open_store(db) as store:
            feed = store.add_feed("http://127.0.0.1:9/wire.xml", "Wire")
            fresh = Article(title="Fresh from the wire", guid="w1", blocks=(Paragraph("New."),))
            store.save_articles(feed.id or 0, [fresh], defer_index=True)
        assert screen.list.total == total  # nothing reloads during the fetch phase
        app.post_message(RefreshProgressed(RefreshProgress(2, 2, 1, 0, indexed=0, to_index=1)))
        await pilot.pause()
        titles = [screen.list.rows.get(i).title for i in range(screen.list.total)]
        assert screen.list.total == total + 1 and "Fresh from the wire" in titles
        line = str(screen.refresh_status.render())
        assert line.startswith("Indexing for search") and "0/1 article · 2 feeds" in line
        app.refreshing = False


async def test_new_articles_show_while_the_refresh_still_fetches(db, clock):
    from newsreader.model import Article, Paragraph

    app = NewsApp(db, clock=clock, import_samples=False)
    app.NEW_ARTICLES_RELOAD_EVERY = 0.3  # type: ignore[misc]
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        total = screen.list.total
        app.refreshing = True
        with open_store(db) as store:
            feed_id = store.add_feed("http://127.0.0.1:9/wire.xml", "Wire").id or 0

        def store_one(n: int) -> None:
            with open_store(db) as store:
                article = Article(title=f"Wire story {n}", guid=f"w{n}", blocks=(Paragraph("."),))
                store.save_articles(feed_id, [article], defer_index=True)

        def titles() -> list[str]:
            return [screen.list.rows.get(i).title for i in range(screen.list.total)]

        store_one(1)  # the first feed's articles: shown at once
        app.post_message(RefreshProgressed(RefreshProgress(1, 3, 1, 0)))
        await pilot.pause()
        assert screen.list.total == total + 1 and "Wire story 1" in titles()
        store_one(2)  # the next feed's, within the pause: shown when it ends
        app.post_message(RefreshProgressed(RefreshProgress(2, 3, 2, 0)))
        await pilot.pause()
        assert screen.list.total == total + 1
        await pilot.pause(0.5)
        assert screen.list.total == total + 2 and "Wire story 2" in titles()
        app.post_message(RefreshProgressed(RefreshProgress(3, 3, 2, 0)))  # nothing new
        await pilot.pause(0.5)
        assert screen.list.total == total + 2
        app.refreshing = False


async def test_search_while_the_index_catches_up_searches_what_is_indexed(db, clock):
    from newsreader.model import Article, Paragraph

    with open_store(db) as store:
        feed = store.add_feed("http://127.0.0.1:9/birds.xml", "Birds")
        puffin = Article(title="Puffins return", guid="b1", blocks=(Paragraph("Puffins."),))
        store.save_articles(feed.id or 0, [puffin], defer_index=True)  # stored, not indexed
    app = NewsApp(db, clock=clock, import_samples=False)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        app.refreshing = True
        app.post_message(  # the refresh is indexing
            RefreshProgressed(RefreshProgress(1, 1, 1, 0, indexed=0, to_index=1))
        )
        await pilot.pause()

        async def search(word: str) -> list[str]:
            await pilot.press("slash", *word, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            return [screen.list.rows.get(i).title for i in range(screen.list.total)]

        assert await search("puffins") == []  # not waited for, not indexed twice
        assert any("still being indexed" in n for n in notes(app))
        with open_store(db) as store:
            assert store.pending_index() == 1
        app.refreshing = False  # the refresh ended (here: without indexing it)
        await pilot.press("escape")
        assert await search("puffins") == ["Puffins return"]  # indexed first, then found


def test_the_status_line_counts_the_pages_of_the_full_text_phase() -> None:
    from newsreader.ui.widgets.status import progress_text

    phase = RefreshProgress(3, 3, 12, 1, pages_done=3, pages=10, pages_ok=2, page_title="A")
    assert progress_text(phase).plain == (
        "Full text ━━━━━━────────────── 3/10 pages · 2 fetched, 1 kept the summary"
        " · 3 feeds · 12 new articles · 1 error"
    )
    one = RefreshProgress(0, 0, 0, 0, pages=1, page_title="Harbour [b]wall[/b]")
    assert progress_text(one).plain == (
        "Full text ──────────────────── 0/1 page · fetching Harbour [b]wall[/b]…"
    )
