"""Pilot tests of the search language in the app, honest counts and saved searches as views."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from uidata import long_article

from newsreader.services.stores import open_store
from newsreader.ui.app import NewsApp
from newsreader.ui.screens import main as main_module
from newsreader.ui.screens.main import MainScreen

WIDE = (160, 48)


def make_app(db: Path, clock) -> NewsApp:
    return NewsApp(db, clock=clock, import_samples=False)


def main_screen(app: NewsApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def header(screen: MainScreen) -> str:
    return str(screen.query_one("#list-header", Static).render())


async def search(app: NewsApp, pilot, text: str) -> None:
    await pilot.press("slash", *text, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_filters_and_the_widened_last_word(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await search(app, pilot, "feed:valley stor")  # "stor" widens to story
        assert screen.list.total == 3
        assert {screen.list.rows.get(i).feed for i in range(3)} == {"Valley [Times]"}
        await pilot.press("escape")
        await search(app, pilot, "is:maybe")
        assert app.is_running and "is:maybe is not a filter" in " ".join(
            str(n.message) for n in app._notifications
        )


async def test_the_header_counts_every_match(db, clock, monkeypatch):
    monkeypatch.setattr(main_module, "SEARCH_LIMIT", 5)
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await search(app, pilot, "ferry")
        assert screen.list.total == 5
        assert "15 found articles" in header(screen)


async def test_save_a_search_and_see_it_as_a_view_with_its_count(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await search(app, pilot, "feed:harbour story")
        assert screen.list.total == 12
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Harbour stories", "enter")
        await pilot.pause()
        keys = [v.key for v in screen.views.views]
        assert keys[:4] == ["all", "unread", "bookmarks", "search-1"]
        view = screen.views.view("search-1")
        assert view is not None and view.label == "Harbour stories" and view.count == 12
        with open_store(db) as store:
            assert [(s.name, s.query) for s in store.saved_searches()] == [
                ("Harbour stories", "feed:harbour story")
            ]
        # Choosing it shows its articles, like any view.
        screen.views.focus()
        screen.views.highlighted = 3
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.key == "search-1" and screen.list.total == 12
        assert "Harbour stories" in header(screen)
        # Reading one lowers its unread count.
        screen.list.focus()
        await pilot.press("enter")
        await pilot.pause()
        screen.reload()
        assert screen.views.view("search-1").count == 11
        # It stays live: new articles that match join it when the view is reloaded.
        with open_store(db) as store:
            feed = store.source_id("Harbour Gazette")
            store.save_articles(feed, [long_article(50, "Harbour Gazette")])
        screen.reload()
        await pilot.pause()
        assert screen.views.view("search-1").count == 12 and screen.list.total == 13


async def test_remove_a_saved_search(db, clock):
    with open_store(db) as store:
        store.save_search("Ferries", "ferry")
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        view = screen.views.view("search-1")
        assert view is not None and view.count == 15
        screen.show_view(view)
        await screen.run_action("remove_saved_search")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert screen.views.view("search-1") is None and screen.view.key == "all"
        with open_store(db) as store:
            assert store.saved_searches() == []


async def test_matches_are_highlighted_and_brackets_move_between_them(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await search(app, pilot, "feed:harbour islanders")
        screen.list.focus()
        await pilot.press("enter")
        await pilot.pause()
        reader = screen.reader
        assert reader.highlight == ("islanders",) and reader.matches
        line = reader.lines[reader.matches[0]]
        assert any(
            "reverse" in str(span.style) and "slander" in line.plain[span.start : span.end].lower()
            for span in line.spans
        )
        assert reader.scroll_y == 0
        await pilot.press("right_square_bracket")
        await pilot.pause()
        later = [i for i in reader.matches if i > 2]
        if later:
            assert int(reader.scroll_y) == later[0] - 2
            await pilot.press("left_square_bracket")
            assert int(reader.scroll_y) <= later[0] - 2
        # Opened from a plain view, nothing is highlighted.
        await pilot.press("escape", "escape", "a")
        await pilot.pause()
        screen.list.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert reader.highlight == () and reader.matches == []


def test_match_pattern_finds_stems_and_prefixes():
    from newsreader.ui.widgets.reader import match_pattern

    pattern = match_pattern(("ferries", "harb"))
    assert pattern is not None
    assert [m.group(0) for m in pattern.finditer("The Ferry left Harbourside; ferries")] == [
        "Ferry",
        "Harbourside",
        "ferries",
    ]
    assert match_pattern(()) is None


async def test_counts_stay_visible_when_a_saved_search_makes_the_views_scroll(tmp_path) -> None:
    """One more view than fits brings a scrollbar: the padded labels are laid out again."""
    from newsreader.paths import resource_dir
    from newsreader.services.importing import import_samples
    from newsreader.services.stores import open_store as open_samples
    from newsreader.ui.app import NewsApp as App

    db = tmp_path / "samples.db"
    with open_samples(db) as store:
        import_samples(store, resource_dir("sample_feeds"))
        unread = store.counts().unread
    app = App(db, import_samples=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("slash", *"harbour", "enter")
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("enter", "escape")
        await pilot.pause(0.3)
        views = app.screen.query_one("#views")
        assert views.show_vertical_scrollbar  # the case this guards
        first = "".join(segment.text for segment in views.render_line(0))
        assert first.rstrip().endswith(f"{unread:,}"), first
