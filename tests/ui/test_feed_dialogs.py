"""Pilot tests of the feed and bookmark commands: dialogs, the palette, errors shown."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from test_app import main_screen, make_app

from newsreader.services.stores import open_store
from newsreader.ui.screens.dialogs import AddFeedScreen, ConfirmScreen, PromptScreen

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.support.feeds import rss  # noqa: E402
from tests.support.hostile_server import HostileServer  # noqa: E402


async def _wait_for(pilot, predicate, tries: int = 100) -> None:
    for _ in range(tries):
        await pilot.pause(0.05)
        if predicate():
            return
    raise AssertionError("timed out")


async def test_add_feed_shows_errors_in_the_dialog_then_subscribes(db, clock):
    app = make_app(db, clock)
    with HostileServer() as server:
        url = server.feed("/quay.xml", rss("Quay Notes", 2))
        async with app.run_test(size=(120, 30)) as pilot:
            screen = main_screen(app)
            screen.action_add_feed()
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, AddFeedScreen)
            await pilot.press(*"ftp://example.test/x", "enter")
            await _wait_for(
                pilot,
                lambda: "Could not subscribe" in str(dialog.query_one("#add-status").render()),
            )
            assert app.screen is dialog  # still open, with the reason
            field = dialog.query_one("#url")
            field.value = url
            await pilot.press("enter")
            await _wait_for(pilot, lambda: app.screen is screen)
            notes = [str(n.message) for n in app._notifications]
            assert any("Subscribed to Quay Notes: 2 articles stored" in n for n in notes)
            assert any(v.label == "Quay Notes" for v in screen.views.views)


async def test_rename_tag_and_remove_a_feed_from_the_app(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = main_screen(app)
        await pilot.press("G")  # a Valley [Times] article: the commands act on its feed
        screen.action_rename_feed()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one("#answer").value = "Valley Daily [x]"
        await pilot.press("enter")
        await pilot.pause()
        assert any(v.label == "Valley Daily [x]" for v in screen.views.views)
        screen.action_tag_feed()
        await pilot.pause()
        app.screen.query_one("#answer").value = "local, news"
        await pilot.press("enter")
        await pilot.pause()
        with open_store(db) as store:
            assert store.find_feed("Valley Daily [x]").tags == ("local", "news")
        screen.action_remove_feed()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert not any(v.label.startswith("Valley") for v in screen.views.views)
        assert screen.list.total == 12


async def test_palette_has_every_command_and_exports_bookmarks(db, clock, tmp_path):
    from newsreader.ui.commands import ReaderCommands

    app = make_app(db, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = main_screen(app)
        screen.export_dir = tmp_path
        await pilot.press("b")
        provider = ReaderCommands(screen)
        names = {name for name, _, _ in provider._commands()}
        assert {"Add feed", "Remove feed", "Rename feed", "Export bookmarks as HTML"} <= names
        assert {"Mark view read", "Undo mark all", "Bookmark", "Next unread"} <= names
        await screen.run_action("export_bookmarks('json')")
        await pilot.pause()
        exported = json.loads((tmp_path / "newsreader-bookmarks.json").read_text())
        assert [a["title"] for a in exported] == [screen.list.current.title]
