"""N4: text pasted or typed into the app is cleaned before it is drawn anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Static

from newsreader.services.stores import open_store
from newsreader.ui.app import NewsApp
from newsreader.ui.screens.main import MainScreen

WIDE = (160, 48)
PASTED = "AB\x9b2JCD\x1b]0;PWNED\x07\u202e"
# In what the app writes to the terminal, styling uses 7-bit ESC sequences only:
# any C1 control, bidi override or "PWNED" there came from the pasted text.
UNSAFE = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069]|PWNED")


def terminal_output(app: NewsApp) -> str:
    """What the app writes to the terminal to draw the whole screen (toasts included)."""
    return app.screen._compositor.render_full_update().render_segments(app.console)


def screen_text(app: NewsApp) -> str:
    """The screen's plain text, line by line (no styling)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def assert_clean_screen(app: NewsApp) -> None:
    assert not UNSAFE.search(terminal_output(app))
    assert not UNSAFE.search(screen_text(app))
    assert "\x1b" not in screen_text(app)


def header_text(screen: MainScreen) -> str:
    return str(screen.query_one("#list-header", Static).render())


@pytest.fixture
def app(db: Path, clock) -> NewsApp:
    return NewsApp(db, clock=clock, import_samples=False)


async def test_pasted_search_text_is_cleaned_in_the_field_header_and_screen(app: NewsApp):
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("slash")
        field = screen.query_one("#search", Input)
        app.post_message(events.Paste(PASTED))
        await pilot.pause()
        assert field.value == "ABCD"
        assert_clean_screen(app)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.search_text == "ABCD"
        assert "ABCD" in header_text(screen) and not UNSAFE.search(header_text(screen))
        assert_clean_screen(app)


async def test_a_value_set_or_inserted_directly_is_cleaned(app: NewsApp):
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        field = app.screen.query_one("#search", Input)
        field.value = "x\x9by\u202ez"
        assert field.value == "xz"  # \x9by is one CSI sequence; the override goes
        field.insert("\x1b[2J\tq", 1)
        await pilot.pause()
        assert field.value == "x qz" and field.cursor_position == 3
        assert_clean_screen(app)


async def test_pasted_text_in_the_command_palette_is_cleaned(app: NewsApp):
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette_input = app.screen.query_one(Input)
        app.post_message(events.Paste("re\x9b31mfresh\u202e"))
        await pilot.pause()
        assert palette_input.value == "refresh"
        assert_clean_screen(app)


async def test_notifications_and_feed_names_are_cleaned(db: Path, clock):
    with open_store(db) as store:
        store.add_feed("http://127.0.0.1:9/f", "Feed\x9b2J\u202ename")
    app = NewsApp(db, clock=clock, import_samples=False)
    async with app.run_test(size=WIDE) as pilot:
        app.notify("note \x9d0;PWNED\x9c here", title="t\x9bitle", markup=False)
        await pilot.pause()
        assert [(n.message, n.title) for n in app._notifications] == [("note here", "ttle")]
        assert "Feedname" in screen_text(app)
        assert_clean_screen(app)
