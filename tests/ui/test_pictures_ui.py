"""Pictures in the reader: drawn from the cache at once, fetched in a worker, never in the way."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from uidata import NOW, fill_store, long_article

from newsreader.config import Config
from newsreader.images.cache import PictureCache
from newsreader.images.decode import decode, to_png
from newsreader.layout import render
from newsreader.model import Figure
from newsreader.paths import cache_dir
from newsreader.services.stores import open_store
from newsreader.ui.app import NewsApp
from newsreader.ui.screens.main import MainScreen
from tests.support import pictures as pics
from tests.support.hostile_server import HostileServer, send, stall

LEAD = "https://example.test/lead.jpg"
HALFBLOCK = Config(images="halfblock", image_rows=8)


def cache_lead_picture() -> None:
    """Put the lead picture of the fixed articles in the (temporary) picture cache."""
    PictureCache(cache_dir()).put(LEAD, to_png(decode(pics.png(64, 32))))


@pytest.fixture
def snap_db(tmp_path: Path) -> Path:
    path = tmp_path / "snap.db"
    fill_store(path).close()
    return path


def test_snapshot_wide_picture_above_its_caption_in_the_sidebar(snap_compare, snap_db):
    cache_lead_picture()
    app = NewsApp(snap_db, HALFBLOCK, clock=lambda: NOW, import_samples=False)
    assert snap_compare(app, press=["enter"], terminal_size=(160, 48))


def test_snapshot_narrow_picture_inline_above_its_caption(snap_compare, snap_db):
    cache_lead_picture()
    app = NewsApp(snap_db, HALFBLOCK, clock=lambda: NOW, import_samples=False)
    assert snap_compare(app, press=["enter"], terminal_size=(80, 24))


def served(data: bytes, content_type: str):
    def behaviour(handler, server):
        send(handler, 200, data, content_type)

    return behaviour


def store_with(path: Path, sources: list[str]) -> None:
    store = open_store(path)
    feed = store.source_id("Pictures")
    blocks = list(long_article(1, "Pictures").blocks[1:])
    for n, src in enumerate(sources):
        blocks.insert(1 + n, Figure(src=src, alt=f"Alt text {n}", caption=f"Caption {n}."))
    article = long_article(1, "Pictures", blocks=tuple(blocks), url=sources[0] + "/story")
    store.save_articles(feed, [article])
    store.close()


def screen_of(app: NewsApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def drawn(reader) -> str:
    """Every visible row of the reader as plain text."""
    return "\n".join(
        "".join(s.text for s in reader.render_line(y)) for y in range(reader.size.height)
    )


async def wait_for(condition, pilot, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not met in time")


async def test_an_article_opens_at_once_and_its_pictures_arrive_from_a_worker(tmp_path):
    with HostileServer() as server:
        server.route("/slow.png", stall)  # one picture never comes: the others still do
        server.route("/a.png", served(pics.png(64, 32), "image/png"))
        server.route("/b.gif", served(pics.animated_gif(), "image/gif"))
        db = tmp_path / "db"
        store_with(db, [server.url("/a.png"), server.url("/b.gif"), server.url("/slow.png")])
        config = Config(images="halfblock", read_timeout=1, feed_deadline=1.5)
        app = NewsApp(db, config, clock=lambda: NOW, import_samples=False)
        async with app.run_test(size=(160, 48)) as pilot:
            reader = screen_of(app).reader
            await pilot.press("enter")
            assert reader.article is not None
            assert reader.pictures == {}  # readable at once, before any picture
            assert "Caption 0." in drawn(reader)
            await wait_for(lambda: len(reader.pictures) == 2, pilot)
            await pilot.pause()
            text = drawn(reader)
            assert "▀" in text
            assert "Caption 0." in text and "Caption 1." in text
            await wait_for(lambda: server.url("/slow.png") in app.pictures.failed, pilot)
            assert "Alt text 2" not in text  # a caption is shown, not its alt


async def test_hostile_pictures_leave_exactly_the_layout_without_pictures(tmp_path):
    with HostileServer() as server:
        server.route("/lying.png", served(pics.lying_png(), "image/png"))
        server.route("/bomb.png", served(pics.bomb_png(), "image/png"))
        server.route("/html.png", served(pics.HTML, "image/png"))
        server.route("/trunc.png", served(pics.truncated(pics.png(300, 300)), "image/png"))
        sources = [server.url(p) for p in ("/lying.png", "/bomb.png", "/html.png", "/trunc.png")]
        db = tmp_path / "db"
        store_with(db, sources)
        app = NewsApp(db, Config(images="halfblock"), clock=lambda: NOW, import_samples=False)
        async with app.run_test(size=(160, 48)) as pilot:
            reader = screen_of(app).reader
            await pilot.press("enter")
            await wait_for(lambda: len(app.pictures.failed) == 4, pilot)
            await pilot.pause()
            assert reader.pictures == {}
            expected = [line.plain for line in render(reader.article, reader.layout_width)]
            assert [line.plain for line in reader.lines] == expected
            assert "\x1b" not in drawn(reader)


async def test_images_off_fetches_nothing_and_draws_todays_layout(tmp_path):
    with HostileServer() as server:
        server.route("/a.png", served(pics.png(), "image/png"))
        db = tmp_path / "db"
        store_with(db, [server.url("/a.png")])
        app = NewsApp(db, Config(images="off"), clock=lambda: NOW, import_samples=False)
        async with app.run_test(size=(160, 48)) as pilot:
            reader = screen_of(app).reader
            await pilot.press("enter")
            await asyncio.sleep(0.3)
            await pilot.pause()
            assert app.pictures is None and reader.pictures == {}
            assert sum(server.hits.values()) == 0
            expected = [line.plain for line in render(reader.article, reader.layout_width)]
            assert [line.plain for line in reader.lines] == expected


async def test_pictures_follow_a_resize_from_sidebar_to_inline(snap_db):
    cache_lead_picture()
    app = NewsApp(snap_db, HALFBLOCK, clock=lambda: NOW, import_samples=False)
    async with app.run_test(size=(160, 48)) as pilot:
        reader = screen_of(app).reader
        await pilot.press("enter")
        assert set(reader.pictures) == {LEAD}
        assert "▀" in drawn(reader)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not any(line.plain.strip() for line in reader.lines[5:9])  # room inline
        assert "▀" in drawn(reader)


def slow(data: bytes, seconds: float = 0.6):
    def behaviour(handler, server):
        if not server.stopping.wait(seconds):
            send(handler, 200, data, "image/png")

    return behaviour


async def test_room_kept_from_the_declared_size_so_text_does_not_jump(tmp_path):
    with HostileServer() as server:
        server.route("/a.png", slow(pics.png(64, 32)))
        server.route("/gone.png", slow(b"", 0.1))
        db = tmp_path / "db"
        store = open_store(db)
        feed = store.source_id("Pictures")
        blocks = list(long_article(1, "Pictures").blocks[1:])
        blocks.insert(1, Figure(src=server.url("/a.png"), caption="Kept.", width=640, height=320))
        blocks.insert(3, Figure(src=server.url("/gone.png"), caption="Gone.", width=50, height=50))
        story = long_article(1, "Pictures", blocks=tuple(blocks), url=server.url("/story"))
        store.save_articles(feed, [story])
        store.close()
        app = NewsApp(db, Config(images="halfblock"), clock=lambda: NOW, import_samples=False)
        async with app.run_test(size=(80, 40)) as pilot:  # narrow: pictures inline
            reader = screen_of(app).reader
            await pilot.press("enter")
            before = [line.plain for line in reader.lines]
            assert reader.pictures == {}
            assert len(before) > len(render(reader.article, reader.layout_width))
            await wait_for(lambda: len(reader.pictures) == 1, pilot)
            await pilot.pause()
            after = [line.plain for line in reader.lines]
            at = after.index(next(line for line in after if "Kept." in line))
            assert before[:at] == after[:at]  # the picture filled its room: nothing moved
            assert "▀" in drawn(reader)
            assert server.url("/gone.png") in app.pictures.failed
            assert not any("Gone." in line for line in before[:at])


def store_of_three(path: Path, server: HostileServer) -> None:
    """Stories 1–3 (newest first in the list), each with its own picture from ``server``."""
    store = open_store(path)
    stories = []
    for n in (1, 2, 3):
        blocks = list(long_article(n, "Pictures").blocks[1:])
        blocks.insert(1, Figure(src=server.url(f"/p{n}.png"), caption=f"Picture {n}."))
        stories.append(
            long_article(n, "Pictures", blocks=tuple(blocks), url=server.url(f"/story/{n}"))
        )
    store.save_articles(store.source_id("Pictures"), stories)
    store.close()


@pytest.mark.parametrize("prefetch", [True, False])
async def test_prefetch_pictures_fetches_the_next_unread_ones_only_when_set(tmp_path, prefetch):
    with HostileServer() as server:
        server.route("/p1.png", served(pics.png(41, 30), "image/png"))
        server.route("/p2.png", slow(pics.png(42, 30), 0.6))  # not there within a keypress
        server.route("/p3.png", served(pics.png(43, 30), "image/png"))
        db = tmp_path / "db"
        store_of_three(db, server)
        config = Config(images="halfblock", prefetch_pictures=prefetch)
        app = NewsApp(db, config, clock=lambda: NOW, import_samples=False)
        async with app.run_test(size=(160, 48)) as pilot:
            reader = screen_of(app).reader
            await pilot.press("enter")
            await wait_for(lambda: len(reader.pictures) == 1, pilot)
            assert reader.article.title.startswith("Story 1")
            if prefetch:
                await wait_for(lambda: server.hits["/p2.png"] == 1, pilot)
                await app.workers.wait_for_complete()  # fetched, decoded and kept
            else:
                await asyncio.sleep(0.3)
                await pilot.pause()
                assert server.hits["/p2.png"] == 0
            assert server.hits["/p3.png"] == 0  # only the next unread, not every one
            await pilot.press("n")
            assert reader.article.title.startswith("Story 2")
            # Prefetched: drawn with the article at once, with no second request.
            assert bool(reader.pictures) is prefetch
            await wait_for(lambda: len(reader.pictures) == 1, pilot)
            assert server.hits["/p2.png"] == 1


async def test_first_run_samples_show_their_bundled_pictures_without_a_network(tmp_path):
    # The samples name pictures on hosts that do not exist; the first run seeds the cache
    # from the bundled files, so moving through the samples with n shows pictures.
    app = NewsApp(tmp_path / "fresh.db", HALFBLOCK, clock=lambda: NOW)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        reader = screen_of(app).reader
        shown: set[str] = set()
        for _ in range(25):
            await pilot.press("n")
            await pilot.pause(0.1)
            if reader.pictures:
                assert "▀" in drawn(reader)
                shown |= set(reader.pictures)
        assert len(shown) >= 3
        assert not app.pictures.failed  # all from the cache: nothing was fetched


async def test_sixel_placement_failing_leaves_the_half_block_pictures(snap_db, monkeypatch):
    # Sixels are placed with Textual's frame internals; if those ever change, the reader
    # keeps working with the half-block cells it draws under every Sixel.
    import newsreader.ui.sixels as sixels

    def broken(*args, **kwargs):
        raise AttributeError("a Textual internal moved")

    monkeypatch.setattr(sixels, "after_frame", broken)
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    cache_lead_picture()
    app = NewsApp(
        snap_db, Config(images="sixel", image_rows=8), clock=lambda: NOW, import_samples=False
    )
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        reader = screen_of(app).reader
        await wait_for(lambda: bool(reader.pictures), pilot)
        assert app.pictures.mode == "sixel"
        app._frame = object()  # a frame was written: placing its Sixels fails
        app._end_update()
        assert not app.pictures.overlaid
        await pilot.press("j", "j")
        await pilot.pause()
        assert "▀" in drawn(reader)
