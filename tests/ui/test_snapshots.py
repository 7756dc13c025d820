"""SVG snapshots of the reader (fixed data, fixed clock, fixed terminal sizes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from uidata import NOW, fill_store

from newsreader.config import Config
from newsreader.services.refresh.progress import RefreshProgress
from newsreader.services.stores import open_store
from newsreader.ui.app import NewsApp


@pytest.fixture
def snap_db(tmp_path: Path) -> Path:
    path = tmp_path / "snap.db"
    store = fill_store(path)
    first = store.list_articles(limit=3)
    store.set_read(first[1].id, True)
    store.set_bookmarked(first[2].id, True)
    store.close()
    return path


def make(db: Path) -> NewsApp:
    return NewsApp(db, clock=lambda: NOW, import_samples=False)


def test_list_narrow(snap_compare, snap_db):
    assert snap_compare(make(snap_db), terminal_size=(80, 24))


def test_list_and_reader_wide_with_sidebar_captions(snap_compare, snap_db):
    assert snap_compare(make(snap_db), press=["enter"], terminal_size=(160, 48))


def test_reader_narrow_inline_captions(snap_compare, snap_db):
    assert snap_compare(make(snap_db), press=["enter"], terminal_size=(80, 24))


def test_reader_full_width_200(snap_compare, snap_db):
    assert snap_compare(make(snap_db), press=["j", "enter", "backslash"], terminal_size=(200, 60))


def test_help_screen(snap_compare, snap_db):
    assert snap_compare(make(snap_db), press=["question_mark"], terminal_size=(100, 40))


def test_failed_feed_mark_and_error_line(snap_compare, snap_db):
    with open_store(snap_db) as store:
        feed = store.add_feed("http://127.0.0.1:9/feed.xml", "Quay Notes").id
        store.record_fetch(feed, error="HTTP 404 Not Found [/]")

    async def highlight_failed_feed(pilot) -> None:
        await pilot.pause()
        views = pilot.app.screen.views
        views.focus()
        views.highlighted = next(i for i, v in enumerate(views.views) if v.label == "Quay Notes")
        await pilot.pause()

    app = make(snap_db)
    assert snap_compare(app, terminal_size=(160, 30), run_before=highlight_failed_feed)


def test_refresh_progress_line(snap_compare, snap_db):
    async def show_progress(pilot) -> None:
        await pilot.pause()
        app = pilot.app
        app.refreshing = True  # as start_refresh leaves it, without touching the network
        app._show_progress(RefreshProgress(3, 8, 12, 1))
        await pilot.pause()

    assert snap_compare(make(snap_db), terminal_size=(100, 20), run_before=show_progress)


def test_wide_reading_pane_with_the_list_following(snap_compare, snap_db):
    """Reading at 160 columns: the reader has the keys (accent edge), the list's
    highlight follows the open article as n moves on."""
    assert snap_compare(make(snap_db), press=["enter", "n", "n"], terminal_size=(160, 48))


def test_link_failed_dialog(snap_compare, snap_db):
    app = NewsApp(snap_db, Config(browser="false"), clock=lambda: NOW, import_samples=False)

    async def open_link(pilot) -> None:
        await pilot.press("enter", "o")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, run_before=open_link, terminal_size=(100, 30))
