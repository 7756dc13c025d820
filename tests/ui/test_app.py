"""Pilot tests of the reader: navigation, marks, views, search, resize, first run, safety."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsreader.config import Config
from newsreader.paths import resource_dir
from newsreader.services.reading import get_article
from newsreader.services.stores import open_store
from newsreader.store import ListQuery
from newsreader.ui.app import NewsApp
from newsreader.ui.screens.main import MainScreen

WIDE = (160, 48)
NARROW = (80, 24)


def make_app(db: Path, clock, **kwargs) -> NewsApp:
    return NewsApp(db, clock=clock, import_samples=False, **kwargs)


def stored(db: Path, article_id: int):
    """The article as a fresh connection sees it (proves the write was committed)."""
    with open_store(db) as store:
        return get_article(store, article_id)


def main_screen(app: NewsApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def test_list_shows_newest_first_and_moves(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        article_list = screen.list
        assert article_list.total == 15
        assert article_list.current.title.startswith("Story 0")
        await pilot.press("j", "j", "down")
        assert article_list.cursor == 3
        await pilot.press("k", "up")
        assert article_list.cursor == 1
        await pilot.press("G")
        assert article_list.cursor == 14
        await pilot.press("g")
        assert article_list.cursor == 0


async def test_open_marks_read_at_once_and_back_on_narrow(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=NARROW) as pilot:
        screen = main_screen(app)
        assert screen.narrow
        await pilot.press("j", "enter")
        summary = screen.list.current
        assert screen.reading and screen.reader.display and not screen.query_one("#left").display
        assert screen.reader.article.id == summary.id
        assert stored(db, summary.id).read  # committed before we even go back
        assert summary.read  # the row shows it
        await pilot.press("escape")
        assert not screen.reading and screen.query_one("#left").display
        assert app.focused is screen.list


async def test_toggle_read_and_next_unread(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        first = screen.list.current
        await pilot.press("m")
        assert stored(db, first.id).read
        await pilot.press("m")
        assert not stored(db, first.id).read
        # Read rows 1 and 2, go back to the top, then n skips to row 3 after opening row 0.
        await pilot.press("j", "m", "j", "m", "g")
        await pilot.press("enter", "n")
        assert screen.list.cursor == 3
        assert stored(db, screen.list.current.id).read
        await pilot.press("p")
        assert screen.list.cursor == 0 or screen.list.current.read is True
        # From the list, n starts at the highlighted row: an unread one is not skipped.
        await pilot.press("escape", "G", "n")
        assert screen.list.cursor == 14 and screen.reading
        assert screen.reader.article.id == screen.list.current.id
        # Nothing unread below the last row: n goes back to the top of All and says so.
        await pilot.press("n")
        assert screen.list.cursor == 4 and screen.reader.article.id == screen.list.current.id


async def test_bookmarks_and_bookmarks_view(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("j", "j", "b")
        target = screen.list.current
        assert target.bookmarked and stored(db, target.id).bookmarked
        await pilot.press("B")
        assert screen.view.key == "bookmarks"
        assert screen.list.total == 1 and screen.list.current.id == target.id
        await pilot.press("b")  # un-bookmark from the bookmarks view
        assert not stored(db, target.id).bookmarked
        await pilot.press("a")
        assert screen.view.key == "all" and screen.list.total == 15
        await pilot.press("m", "u")
        assert screen.view.key == "unread" and screen.list.total == 14


async def test_views_list_switches_to_a_feed(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        views = screen.views
        keys = [v.key for v in views.views]
        assert keys[:3] == ["all", "unread", "bookmarks"] and len(keys) == 5
        valley = next(i for i, v in enumerate(views.views) if v.label == "Valley [Times]")
        views.focus()
        views.highlighted = valley
        await pilot.press("enter")
        assert screen.list.total == 3
        assert {screen.list.rows.get(i).feed for i in range(3)} == {"Valley [Times]"}


async def test_search_replaces_list_and_escape_restores(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("slash")
        assert app.focused.id == "search"
        await pilot.press(*"story 7", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        titles = [screen.list.rows.get(i).title for i in range(screen.list.total)]
        assert titles and all("7" in t for t in titles)
        assert screen.search_text == "story 7"
        await pilot.press("escape")
        assert screen.list.total == 15 and not screen.search_text


async def test_search_syntax_does_not_crash(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("slash", *'"[/] AND (', "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and screen.list.total >= 0


async def test_resize_reflows_the_article(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("enter")
        wide_width = screen.reader.layout_width
        wide_lines = len(screen.reader.lines)
        assert wide_width >= 100  # the layout's sidebar threshold, with the list visible
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.narrow and screen.reading  # the article stays open, alone
        narrow_width = screen.reader.layout_width
        assert narrow_width < wide_width
        assert len(screen.reader.lines) > wide_lines
        assert all(line.cell_len <= narrow_width for line in screen.reader.lines)
        await pilot.resize_terminal(60, 24)  # reflows while reading, without re-opening
        await pilot.pause()
        assert screen.reader.layout_width < narrow_width
        assert all(line.cell_len <= screen.reader.layout_width for line in screen.reader.lines)
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert not screen.narrow and screen.reader.layout_width > narrow_width
        assert len(screen.reader.lines) < wide_lines + 40


async def test_resize_while_reading_keeps_the_article_open(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        left = screen.query_one("#left")
        await pilot.press("j", "j", "enter")
        opened = screen.list.current
        assert screen.reader.article.id == opened.id and left.display
        # Wide → narrow: the article stays open, alone on screen, focused for scrolling.
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.narrow and screen.reading
        assert screen.reader.display and not left.display
        assert screen.reader.article.id == opened.id
        assert app.focused is screen.reader
        assert screen.reader.region.width > 70  # the reader has the whole width
        await pilot.press("space")  # it scrolls: the keys reach the reader
        assert screen.reader.scroll_y > 0
        # Narrow → wide: both panes again, the same article still open and reading.
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert not screen.narrow and screen.reading
        assert left.display and screen.reader.display
        assert screen.reader.article.id == opened.id
        assert screen.list.current.id == opened.id
        scrolled = screen.reader.scroll_y
        await pilot.press("j")  # one focus model: j scrolls the article at every width
        assert screen.list.cursor == 2
        assert screen.reader.scroll_y == min(scrolled + 1, screen.reader.max_scroll_y)
        await pilot.press("escape", "j")  # back in the list, j moves it again
        assert not screen.reading and screen.list.cursor == 3
        # And back to narrow once more, then escape returns to the list.
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.reading and screen.reader.article.id == opened.id
        await pilot.press("escape")
        assert not screen.reading and left.display and app.focused is screen.list


async def test_resize_without_an_open_article_shows_the_list(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.narrow and not screen.reading
        assert screen.query_one("#left").display and not screen.reader.display


async def test_full_width_toggle(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("enter")
        with_list = screen.reader.layout_width
        await pilot.press("backslash")
        await pilot.pause()
        assert not screen.query_one("#left").display
        assert screen.reader.layout_width > with_list
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#left").display


async def test_markup_looking_titles_are_text_not_actions(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("G")
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause()
            line = screen.list.row_text(screen.list.current, 0, 120).plain
            assert screen.list.current.title in line
            await pilot.press("k")
        # Click where the [@click=app.quit] title is drawn: it must open, not quit.
        row = next(
            i
            for i in range(screen.list.total)
            if screen.list.rows.get(i).title.startswith("[@click")
        )
        await pilot.click("#list", offset=(10, row * screen.list.row_height))
        await pilot.pause()
        assert app.is_running
        assert screen.reader.article.title == "[@click=app.quit]win[/]"
        app.notify(screen.reader.article.title, markup=False)
        await pilot.pause()
        assert app.is_running


async def test_key_remap_from_config(db, clock):
    config = Config(keys={"next_unread": "x", "toggle_bookmark": "ctrl+b"})
    app = make_app(db, clock, config=config)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("n")
        assert screen.list.cursor == 0  # n no longer bound
        await pilot.press("x")  # opens the highlighted unread row
        assert screen.reading and screen.reader.article.id == screen.list.current.id
        await pilot.press("x")
        assert screen.list.cursor == 1
        await pilot.press("ctrl+b")
        assert stored(db, screen.list.current.id).bookmarked


async def test_help_screen_lists_remapped_keys(db, clock):
    app = make_app(db, clock, config=Config(keys={"next_unread": "x"}))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        from newsreader.ui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        rows = dict((d, k) for k, d in app.screen.rows)
        assert rows["Next unread"] == "x"
        assert "Bookmark" in rows and "Search" in rows
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_first_run_imports_bundled_samples(tmp_path, clock):
    samples = resource_dir("sample_feeds")
    files = [p for p in samples.glob("*") if p.suffix in (".xml", ".txt", ".html")]
    assert files, "no bundled samples"
    db = tmp_path / "fresh.db"
    app = NewsApp(db, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        total = main_screen(app).list.total
        assert total > 0
        notes = [n.message for n in app._notifications]
        assert any(m.startswith("Imported ") and "sample articles" in m for m in notes)
    with open_store(db) as store:
        assert store.count(ListQuery()) == total


async def test_first_run_skips_broken_samples(tmp_path, clock):
    samples = tmp_path / "samples"
    samples.mkdir()
    shutil.copy(next(resource_dir("sample_feeds").glob("*.xml")), samples / "good.xml")
    (samples / "broken.xml").write_bytes(b"\x00\x01\x02 not a feed")
    app = NewsApp(tmp_path / "fresh.db", clock=clock, sample_dir=samples)
    async with app.run_test(size=WIDE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert main_screen(app).list.total > 0


async def test_copy_link_and_refresh_without_subscriptions(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await pilot.press("y", "r")
        assert copied == ["https://example.test/story/0"]
        from newsreader.ui.screens.dialogs import AddFeedScreen

        assert isinstance(app.screen, AddFeedScreen)  # r offers to add one, in the app
        assert "No subscriptions yet" in app.screen.intro


async def test_open_link_uses_configured_browser_argv(db, clock, tmp_path):
    out = tmp_path / "argv.txt"
    script = tmp_path / "fake browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{out}"\n')
    script.chmod(0o755)
    import shlex

    app = make_app(db, clock, config=Config(browser=shlex.join([str(script), "--new-tab"])))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("o")
        await app.workers.wait_for_complete()
    import time

    deadline = time.monotonic() + 10
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert out.read_text().splitlines() == ["--new-tab", "https://example.test/story/0"]


async def test_command_palette_runs_reader_actions(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Bookmark")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, MainScreen)
        assert stored(db, screen.list.current.id).bookmarked


async def test_config_problems_are_shown_as_plain_text(db, clock):
    problem = "unknown key [/] in [@click=app.quit]x[/]"
    app = make_app(db, clock, problems=[problem])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.is_running
        assert any(n.message == problem for n in app._notifications)
