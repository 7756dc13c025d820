"""``r`` in the app syncs when ``[sync]`` is configured (a fake server on 127.0.0.1)."""

from __future__ import annotations

from newsreader.config import Config
from newsreader.services.stores import open_store
from newsreader.ui.app import NewsApp
from tests.support import greader_server as fake
from tests.support.greader_server import FakeGReader
from tests.ui.test_refresh_ui import WIDE, notes, wait_until


async def test_r_syncs_pushes_a_mark_and_pulls(db, clock, monkeypatch) -> None:
    monkeypatch.setenv("NEWSREADER_SYNC_PASSWORD", fake.PASSWORD)
    with FakeGReader() as server:
        server.add_feed("feed/1", "http://synced.test/rss", "Synced Times")
        server.add_items("feed/1", 4, title="Synced story")
        config = Config(sync_service="greader", sync_url=server.url, sync_user=fake.USER)
        app = NewsApp(db, config, clock=clock, import_samples=False)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("r")
            await wait_until(pilot, lambda: not app.refreshing)
            await pilot.pause()
            assert any("4 new articles" in n for n in notes(app)), notes(app)
        with open_store(db) as store:
            synced = [a for a in store.list_articles(limit=500) if a.feed == "Synced Times"]
            assert len(synced) == 4
            store.set_read(synced[0].id)
        app = NewsApp(db, config, clock=clock, import_samples=False)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("r")
            await wait_until(pilot, lambda: not app.refreshing)
        assert sum(i.read for i in server.items.values()) == 1


async def test_a_failed_sync_is_one_notification(db, clock, monkeypatch) -> None:
    monkeypatch.setenv("NEWSREADER_SYNC_PASSWORD", "wrong")
    with FakeGReader() as server:
        config = Config(sync_service="greader", sync_url=server.url, sync_user=fake.USER)
        app = NewsApp(db, config, clock=clock, import_samples=False)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("r")
            await wait_until(pilot, lambda: not app.refreshing)
            await pilot.pause()
            assert any("wrong user or password" in n for n in notes(app)), notes(app)


async def test_server_folders_are_the_feeds_tags_and_the_tag_dialog_pushes(
    db, clock, monkeypatch
) -> None:
    from newsreader.ui.screens.dialogs import PromptScreen

    monkeypatch.setenv("NEWSREADER_SYNC_PASSWORD", fake.PASSWORD)
    with FakeGReader() as server:
        server.add_feed("feed/1", "http://synced.test/rss", "Synced Times", ["Tech", "Daily"])
        server.add_items("feed/1", 2, title="Synced story")
        config = Config(sync_service="greader", sync_url=server.url, sync_user=fake.USER)
        app = NewsApp(db, config, clock=clock, import_samples=False)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("r")
            await wait_until(pilot, lambda: not app.refreshing)
            await pilot.pause()
            screen = app.screen
            view = next(v for v in screen.views.views if v.label == "Synced Times")
            screen.show_view(view)
            await pilot.pause()
            screen.action_tag_feed()
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, PromptScreen)
            answer = dialog.query_one("#answer")
            assert answer.value == "Tech, Daily"  # the server's folders, as the feed's tags
            answer.value = "Science"
            await pilot.press("enter")
            await pilot.pause()
            assert any("sync server follows" in n for n in notes(app)), notes(app)
            await pilot.press("r")
            await wait_until(pilot, lambda: not app.refreshing)
        assert server.feeds["feed/1"].folders == ["Science"]
