"""Pilot tests of reading as people read: one focus model, the flow, failures, memory."""

from __future__ import annotations

from dataclasses import replace as dataclasses_replace
from pathlib import Path

from test_app import main_screen, make_app, stored

from newsreader.config import Config
from newsreader.services.stores import open_store
from newsreader.ui.screens.dialogs import LinkFailedScreen
from newsreader.ui.screens.help import HelpScreen

SIZES = [(160, 30), (130, 30), (80, 24)]


async def test_open_article_takes_the_keys_at_every_width(db, clock):
    for size in SIZES:
        app = make_app(db, clock)
        async with app.run_test(size=size) as pilot:
            screen = main_screen(app)
            await pilot.press("j", "enter")
            opened = screen.list.current
            assert screen.reading and app.focused is screen.reader, size
            reader = screen.reader
            await pilot.press("G")
            assert reader.scroll_y == reader.max_scroll_y > 0, size
            assert screen.list.cursor == 1, "G moved the article, not the list"
            await pilot.press("g")
            assert reader.scroll_y == 0
            await pilot.press("j", "j", "down")
            assert reader.scroll_y == 3 and screen.list.cursor == 1
            await pilot.press("k")
            assert reader.scroll_y == 2
            await pilot.press("end")
            assert reader.at_end
            await pilot.press("home", "pagedown")
            assert reader.scroll_y > 3
            await pilot.press("pageup")
            assert reader.scroll_y == 0
            assert reader.article.id == opened.id
            await pilot.press("escape")
            assert not screen.reading and app.focused is screen.list, size
            await pilot.press("j")
            assert screen.list.cursor == 2


async def test_article_actions_act_on_the_article_on_screen(db, clock, monkeypatch):
    app = make_app(db, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        await pilot.press("enter", "j")
        opened = screen.reader.article
        screen.list.move(3)  # the highlight wanders off (a mouse wheel, a refresh)
        await pilot.pause()
        await pilot.press("b")
        assert stored(db, opened.id).bookmarked
        assert not stored(db, screen.list.current.id).bookmarked
        await pilot.press("m")
        assert not stored(db, opened.id).read
        await pilot.press("m")
        assert stored(db, opened.id).read
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        await pilot.press("y")
        assert copied == [opened.url]
        # Back in the list, the same keys act on the highlighted row.
        await pilot.press("escape", "b")
        assert stored(db, screen.list.current.id).bookmarked


async def test_wide_list_follows_the_open_article(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        await pilot.press("enter")
        for _ in range(3):
            await pilot.press("n")
            assert screen.list.current.id == screen.reader.article.id
        assert screen.list.cursor == 3
        await pilot.press("p")
        assert screen.reader.article.id == screen.list.current.id
        await pilot.press("escape")
        assert app.focused is screen.list


async def test_tab_goes_to_the_open_article_and_shows_it(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        assert not screen.reader.can_focus  # nothing to read yet: tab skips it
        await pilot.press("enter", "escape")
        assert app.focused is screen.list and not screen.reading
        await pilot.press("tab")
        assert app.focused is screen.reader and screen.reading
        await pilot.press("shift+tab")
        assert not screen.reading


async def test_n_skips_nothing_and_space_at_the_end_opens_the_next_unread(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = main_screen(app)
        await pilot.press("n")  # the highlighted row is unread: n opens it, not the one after
        assert screen.reading and screen.reader.article.id == screen.list.rows.get(0).id
        await pilot.press("space")
        assert screen.reader.article.id == screen.list.rows.get(0).id  # paged, not moved on
        await pilot.press("end", "space")
        assert screen.reader.article.id == screen.list.rows.get(1).id
        assert stored(db, screen.list.rows.get(1).id).read


async def test_n_at_the_end_of_a_feed_goes_on_to_the_next_feed(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        views = screen.views
        valley = next(i for i, v in enumerate(views.views) if v.label == "Valley [Times]")
        views.focus()
        views.highlighted = valley
        await pilot.press("enter", "n", "n", "n")
        assert screen.view.label == "Valley [Times]"
        await pilot.press("n")
        assert screen.view.label == "Harbour Gazette"
        assert screen.reading and screen.reader.article.feed == "Harbour Gazette"
        assert any("On to Harbour Gazette" in str(n.message) for n in app._notifications)


async def test_n_stays_in_the_feed_when_the_setting_is_off(db, clock):
    app = make_app(db, clock, config=Config(next_unread_across_feeds=False))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        views = screen.views
        views.focus()
        views.highlighted = next(
            i for i, v in enumerate(views.views) if v.label == "Valley [Times]"
        )
        await pilot.press("enter", "n", "n", "n", "n")
        assert screen.view.label == "Valley [Times]"


async def test_a_failing_browser_says_so_and_offers_to_copy(db, clock, monkeypatch):
    app = make_app(db, clock, config=Config(browser="false"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = main_screen(app)
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        await pilot.press("enter", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LinkFailedScreen)
        assert "failed" in app.screen.problem
        await pilot.press("c")
        await pilot.pause()
        assert copied == [screen.reader.article.url]


async def test_help_groups_the_readers_keys_and_explains_the_focus_model(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        titles = [title for title, _ in help_screen.groups]
        assert titles[0].startswith("Moving") and "The app" in titles
        described = {d for _, rows in help_screen.groups for _, d in rows}
        assert {"Bookmark", "Next unread", "Quit", "Page down"} <= described
        # Not the framework's keys (palette, screenshot, focus cycling).
        assert not described & {"Focus Next", "Focus Previous", "palette", "Screenshot"}
        assert all(d for _, d in help_screen.rows)


async def test_relaunch_reopens_the_view_article_and_line(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.press("B", "a", "j", "j", "enter")
        opened = screen.reader.article.id
        for _ in range(12):
            await pilot.press("j")
        top = screen.reader.scroll_y
        await pilot.press("q")
    again = make_app(db, clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(again)
        assert screen.reading and screen.reader.article.id == opened
        assert screen.list.current.id == opened
        assert screen.reader.scroll_y == top
        await pilot.press("escape")  # and the list remembers it was half read
        row = screen.list.current
        assert 0 < row.progress < 1000
        assert screen.list.row_text(row, 0, 80).plain.startswith("◐")


async def test_progress_is_kept_per_article(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.press("enter", "j", "j", "j", "j", "j")
        first, top = screen.reader.article.id, screen.reader.scroll_y
        await pilot.press("escape")
        assert 0 < screen.list.current.progress < 1000
        await pilot.press("j", "enter", "escape", "k", "enter")
        await pilot.pause()
        assert screen.reader.article.id == first and screen.reader.scroll_y == top


def test_place_survives_a_garbled_state(db: Path):
    from newsreader.services.reading import Place, load_place, save_place

    with open_store(db) as store:
        store.set_state({"view": "feed-999", "article": "x", "fraction": "nan?"})
        assert load_place(store) == Place(view="feed-999")
        save_place(store, Place("unread", 3, True, 0.5, 50))
        assert load_place(store) == Place("unread", 3, True, 0.5, 50)


async def test_list_width_keys_are_kept_for_the_next_start(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        left = screen.query_one("#left")
        default = left.outer_size.width
        assert default >= 52 and screen.list.row_height == 1  # one line a row at 160
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert left.outer_size.width == default + 8
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert left.outer_size.width == default + 4
    again = make_app(db, clock)
    async with again.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert main_screen(again).query_one("#left").outer_size.width == default + 4


async def test_rows_at_80_columns_keep_feed_and_date_apart_and_show_both_marks(db, clock):
    with open_store(db) as store:
        feed = store.source_id("A feed whose name is much longer than any column")
        first = store.list_articles(limit=1)[0]
        store.set_bookmarked(first.id, True)
    app = make_app(db, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.pause()
        row = screen.list.current
        line = screen.list.row_text(row, 0, 80).plain
        assert line.startswith("●★"), "unread and bookmarked: both marks"
        long_feed = dataclasses_replace(row, feed="A feed whose name is much longer")
        line = screen.list.row_text(long_feed, 0, 80).plain
        age = line.rstrip().split()[-1]
        assert line.rstrip().endswith(" " + age) and f"…{age}" not in line
        assert feed


async def test_the_view_header_counts_follow_the_marks(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        await pilot.press("u")
        header = screen.query_one("#list-header")
        assert "15 unread" in str(header.render())
        await pilot.press("enter", "n")
        assert "13 unread" in str(header.render())


async def test_mark_view_read_and_undo(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        await pilot.press("u", "A")
        assert screen.list.total == 0
        with open_store(db) as store:
            assert store.counts().unread == 0
        notes = [str(n.message) for n in app._notifications]
        assert any("Marked 15 articles read in Unread" in note for note in notes)
        await pilot.press("U")
        assert screen.list.total == 15
        with open_store(db) as store:
            assert store.counts().unread == 15
        await pilot.press("U")
        assert any("Nothing to undo" in str(n.message) for n in app._notifications)


async def test_mark_feed_read_marks_the_feed_of_the_article_on_screen(db, clock):
    app = make_app(db, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        await pilot.press("G", "enter")
        assert screen.reader.article.feed == "Valley [Times]"
        await pilot.press("M")
        with open_store(db) as store:
            counts = store.counts()
        assert counts.unread == 12  # the three of Valley [Times] only
        assert screen.reader.article.read


async def test_samples_are_offered_on_the_first_run_only(tmp_path, clock):
    from newsreader.ui.app import NewsApp

    db = tmp_path / "fresh.db"
    app = NewsApp(db, clock=clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert main_screen(app).list.total > 0
    with open_store(db) as store:
        for feed in store.list_feeds():
            store.remove_feed(feed.id)
        assert store.is_empty()
    again = NewsApp(db, clock=clock)
    async with again.run_test(size=(120, 30)) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert main_screen(again).list.total == 0


async def test_ctrl_q_keeps_the_place_too(db, clock):
    from newsreader.services.reading import load_place

    app = make_app(db, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "enter", "j", "j", "j", "ctrl+q")
    with open_store(db) as store:
        place = load_place(store)
    assert place.reading and place.article_id is not None and place.fraction > 0


def test_every_binding_is_listed_under_a_help_heading() -> None:
    from newsreader.ui.screens.bindings import GROUPS, MAIN_BINDINGS

    grouped = [binding_id for _, ids in GROUPS for binding_id in ids]
    assert sorted(grouped) == sorted(b.id for b in MAIN_BINDINGS if b.id)
