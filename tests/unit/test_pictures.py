"""Pictures: bounded decoding, the cache, fetching from a loopback server, half-block cells."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from PIL import Image

from newsreader.config import Config, parse_config
from newsreader.images.cache import PictureCache
from newsreader.images.decode import MAX_PIXELS, THUMB, PictureError, decode, from_png, to_png
from newsreader.images.detect import announced, choose_mode
from newsreader.images.fetch import PictureFetcher
from newsreader.images.halfblock import halfblock
from newsreader.model import Article, Figure, Paragraph
from newsreader.paths import cache_dir
from newsreader.services.pictures import Pictures, picture_sources
from tests.support import pictures as pics
from tests.support.hostile_server import HostileServer, drip, redirect, send, stall

# -- decoding -------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [pics.png, pics.jpeg, pics.webp])
def test_decode_scales_to_fit_the_thumbnail_box_keeping_the_aspect(make):
    image = decode(make(640, 320))
    assert image.mode == "RGBA"
    assert image.size == (THUMB[0], THUMB[0] // 2)


def test_decode_never_scales_up_and_keeps_colours():
    image = decode(pics.png(8, 4))
    assert image.size == (8, 4)
    assert image.getpixel((0, 0)) == (0, 0, 0, 255)
    assert image.getpixel((7, 0))[0] == 255


def test_an_animation_gives_its_first_frame():
    image = decode(pics.animated_gif())
    assert image.convert("RGB").getpixel((8, 8)) == (255, 0, 0)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (pics.lying_png(), "too large"),
        (pics.bomb_png(), "too large"),
        (pics.truncated(pics.png(200, 200)), "cannot decode"),
        (pics.truncated(pics.jpeg(200, 200), 0.3), "cannot decode"),
        (pics.SVG, "markup"),
        (pics.HTML, "markup"),
        (b"", "cannot decode"),
        (b"\x00" * 100, "cannot decode"),
        (b"BM" + b"\x00" * 100, "cannot decode"),  # BMP: a format we never open
    ],
)
def test_hostile_pictures_are_refused_quickly(data, reason):
    start = time.perf_counter()
    with pytest.raises(PictureError, match=reason):
        decode(data)
    assert time.perf_counter() - start < 1.0


def test_the_pixel_limit_is_checked_from_the_header():
    assert MAX_PIXELS < 6400 * 6400
    with pytest.raises(PictureError, match="too large"):
        decode(pics.png(100, 100), max_pixels=9_999)


def test_a_cached_png_round_trips():
    image = decode(pics.png(100, 50))
    again = from_png(to_png(image))
    assert again.size == image.size
    assert again.tobytes() == image.tobytes()


# -- half-block cells -----------------------------------------------------------------------


def test_halfblock_rows_are_exactly_the_asked_width_and_use_only_block_characters():
    rows = halfblock(decode(pics.png(64, 32)), 20, 5)
    assert len(rows) == 5
    for row in rows:
        assert sum(len(segment.text) for segment in row) == 20
        assert set("".join(segment.text for segment in row)) <= {"▀", "▄", " "}


def test_halfblock_colours_come_from_the_pixels():
    image = Image.new("RGB", (2, 2))
    image.putpixel((0, 0), (255, 0, 0))
    image.putpixel((0, 1), (0, 0, 255))
    image.putpixel((1, 0), (0, 255, 0))
    image.putpixel((1, 1), (0, 255, 0))
    (row,) = halfblock(image, 2, 1)
    first, second = row
    assert first.text == "▀"
    assert first.style.color.triplet == (255, 0, 0)
    assert first.style.bgcolor.triplet == (0, 0, 255)
    assert second.style.color.triplet == second.style.bgcolor.triplet == (0, 255, 0)


def test_halfblock_is_deterministic_and_transparent_pixels_show_the_background():
    image = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    image.paste((9, 9, 9, 255), (0, 2, 4, 4))  # bottom half opaque
    rows = halfblock(image, 4, 2)
    assert rows == halfblock(image, 4, 2)
    assert "".join(s.text for s in rows[0]) == "    "
    assert rows[0][0].style.color is None and rows[0][0].style.bgcolor is None
    assert "".join(s.text for s in rows[1]) == "▀▀▀▀"


# -- detection and settings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TERM": "xterm-256color"}, "halfblock"),
        ({"TERM": "xterm-kitty"}, "kitty"),
        ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-1/default,1,0"}, "halfblock"),
        ({"TERM": "tmux-256color", "KITTY_WINDOW_ID": "1"}, "halfblock"),
        ({"TERM": "foot"}, "sixel"),
        ({}, "halfblock"),
    ],
)
def test_auto_follows_what_the_terminal_announces_and_tmux_means_halfblock(env, expected):
    assert announced(env) == expected


def test_modes_that_cannot_be_drawn_fall_back_to_halfblock():
    assert choose_mode("off", {"TERM": "xterm-kitty"}) == "off"
    assert choose_mode("auto", {"TERM": "xterm-kitty"}) == "halfblock"
    assert choose_mode("sixel", {}) == "sixel"  # asked for by name
    assert choose_mode("sixel", {"TERM": "foot", "TMUX": "/tmp/t,1,0"}) == "halfblock"
    assert choose_mode("nonesuch", {}) == "halfblock"
    assert choose_mode("halfblock", {}) == "halfblock"


def test_image_settings_are_bounded_with_named_warnings():
    loaded = parse_config('[ui]\nimages = "iterm"\nimage_rows = 100000\nimage_cache_mb = nan\n')
    assert loaded.config.images == "auto"
    assert loaded.config.image_rows == Config().image_rows
    assert loaded.config.image_cache_mb == Config().image_cache_mb
    text = "\n".join(loaded.problems)
    assert "ui.images" in text and "ui.image_rows" in text and "ui.image_cache_mb" in text
    good = parse_config('[ui]\nimages = "off"\nimage_rows = 6\n').config
    assert (good.images, good.image_rows) == ("off", 6)


def test_the_cache_dir_is_overridable_and_never_created_by_asking(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_CACHE", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    assert cache_dir(tmp_path / "d") == tmp_path / "d"
    assert not (tmp_path / "c").exists()


# -- the disk cache -------------------------------------------------------------------------


def test_cache_evicts_the_least_recently_used_beyond_its_cap(tmp_path):
    cache = PictureCache(tmp_path, max_bytes=3000)
    for n in range(3):
        cache.put(f"https://x.test/{n}.png", bytes([n]) * 1000)
        os.utime(cache.path_for(f"https://x.test/{n}.png"), (1000 + n, 1000 + n))
    assert cache.get("https://x.test/0.png") == b"\x00" * 1000  # a use: 0 is now the newest
    cache.put("https://x.test/3.png", b"\x03" * 1000)
    assert cache.get("https://x.test/1.png") is None  # the least recently used went
    assert cache.get("https://x.test/0.png") is not None
    assert cache.get("https://x.test/3.png") is not None
    assert cache.usage() == (3, 3000)


def test_cache_keys_are_hashes_and_clear_empties_it(tmp_path):
    cache = PictureCache(tmp_path)
    url = "https://x.test/../../etc/passwd?\x1b]52"
    cache.put(url, b"png")
    path = cache.path_for(url)
    assert path.is_relative_to(tmp_path) and path.name.endswith(".png")
    assert "passwd" not in str(path)
    assert cache.clear() == (1, 3)
    assert cache.usage() == (0, 0)
    assert cache.get(url) is None


def test_cache_on_an_unwritable_folder_does_not_raise(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = PictureCache(blocker / "sub")
    cache.put("https://x.test/a.png", b"data")
    assert cache.get("https://x.test/a.png") is None


# -- fetching -------------------------------------------------------------------------------


def picture(data: bytes, content_type: str):
    def behaviour(handler, server):
        send(handler, 200, data, content_type)

    return behaviour


def fifty_megabytes(handler, server):
    handler.send_response(200)
    handler.send_header("Content-Type", "image/png")
    handler.send_header("Content-Length", str(50 * 1024 * 1024))
    handler.end_headers()
    handler.wfile.write(pics.png())


def chunked_fifty_megabytes(handler, server):
    handler.send_response(200)
    handler.send_header("Content-Type", "image/png")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    block = b"\x00" * 65536
    for _ in range(50 * 16):
        if server.stopping.is_set():
            return
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))


@pytest.fixture
def server():
    with HostileServer() as s:
        s.route("/a.png", picture(pics.png(), "image/png"))
        s.route("/b.jpg", picture(pics.jpeg(), "image/jpeg; charset=binary"))
        s.route("/c.gif", picture(pics.animated_gif(), "image/gif"))
        s.route("/d.webp", picture(pics.webp(), "image/webp"))
        s.route("/lying.png", picture(pics.lying_png(), "image/png"))
        s.route("/bomb.png", picture(pics.bomb_png(), "image/png"))
        s.route("/truncated.png", picture(pics.truncated(pics.png(300, 300)), "image/png"))
        s.route("/html.png", picture(pics.HTML, "image/png"))
        s.route("/page.png", picture(pics.png(), "text/html"))
        s.route("/vector.svg", picture(pics.SVG, "image/svg+xml"))
        s.route("/big.png", fifty_megabytes)
        s.route("/endless.png", chunked_fifty_megabytes)
        s.route("/to-file.png", redirect("file:///etc/passwd"))
        s.route("/stall.png", stall)
        s.route("/drip.png", drip(content_length=10_000, interval=0.5))
        s.route("/cookie.png", cookie)
        yield s


def cookie(handler, server):
    send(handler, 200, pics.png(), "image/png", {"Set-Cookie": "track=1; Path=/"})


FAST = Config(connect_timeout=2, read_timeout=2, feed_deadline=3)
GOOD = ("/a.png", "/b.jpg", "/c.gif", "/d.webp")
HOSTILE = (
    "/lying.png", "/bomb.png", "/truncated.png", "/html.png", "/page.png", "/vector.svg",
    "/big.png", "/endless.png", "/to-file.png", "/stall.png", "/drip.png", "/missing.png",
)  # fmt: skip


def article_of(server: HostileServer, paths: tuple[str, ...]) -> Article:
    blocks = [Paragraph("Text first.")]
    for path in paths:
        blocks.append(Figure(src=server.url(path), alt=f"alt {path}", caption=f"Caption {path}"))
    return Article(title="Pictures", url=server.url("/story"), blocks=tuple(blocks))


def test_good_pictures_are_fetched_decoded_and_cached(server, tmp_path):
    pictures = Pictures(FAST, cache_root=tmp_path, env={})
    article = article_of(server, GOOD)
    got = asyncio.run(pictures.fetch(article))
    assert set(got) == {server.url(p) for p in GOOD}
    assert pictures.failed == {}
    assert got[server.url("/a.png")].size == (64, 32)
    assert pictures.usage()[0] == 4
    accept = dict(server.requests)["/a.png"].get("Accept", "")
    assert accept.startswith("image/")


def test_every_hostile_picture_ends_as_no_picture_within_the_deadline(server, tmp_path):
    pictures = Pictures(FAST, cache_root=tmp_path, env={})
    article = article_of(server, HOSTILE)
    start = time.perf_counter()
    got = asyncio.run(pictures.fetch(article))
    assert got == {}
    assert time.perf_counter() - start < 10
    assert set(pictures.failed) == {server.url(p) for p in HOSTILE}
    assert pictures.usage() == (0, 0)
    reasons = {path: pictures.failed[server.url(path)] for path in HOSTILE}
    assert "too large" in reasons["/lying.png"] and "too large" in reasons["/bomb.png"]
    assert "content type" in reasons["/page.png"] and "content type" in reasons["/vector.svg"]
    assert "redirect refused" in reasons["/to-file.png"]
    assert "too large" in reasons["/big.png"] and "too large" in reasons["/endless.png"]
    assert "deadline" in reasons["/stall.png"] or "timed out" in reasons["/stall.png"]
    assert "\x1b" not in "".join(reasons.values())


def test_cookies_are_never_kept_or_sent(server, tmp_path):
    async def twice():
        async with PictureFetcher(FAST) as fetcher:
            await fetcher.picture(server.url("/cookie.png"))
            await fetcher.picture(server.url("/a.png"))

    asyncio.run(twice())
    sent = dict(server.requests)["/a.png"]
    assert "Cookie" not in sent and "cookie" not in sent


def test_offline_the_cached_pictures_show_and_the_rest_do_not(server, tmp_path):
    pictures = Pictures(FAST, cache_root=tmp_path, env={})
    first = article_of(server, ("/a.png",))
    asyncio.run(pictures.fetch(first))
    server.stop()
    later = Pictures(FAST, cache_root=tmp_path, env={})  # a new session, from disk only
    both = article_of(server, ("/a.png", "/b.jpg"))
    assert set(later.cached(both)) == {server.url("/a.png")}
    assert later.missing(both) == [server.url("/b.jpg")]
    assert asyncio.run(later.fetch(both)) == {}
    assert server.url("/b.jpg") in later.failed


def test_pictures_off_fetches_nothing(server, tmp_path):
    pictures = Pictures(Config(images="off"), cache_root=tmp_path, env={})
    article = article_of(server, GOOD)
    assert pictures.cached(article) == {} and pictures.missing(article) == []
    assert asyncio.run(pictures.fetch(article)) == {}
    assert server.hits == {} or sum(server.hits.values()) == 0


def test_only_http_sources_are_asked_for():
    article = Article(
        title="t",
        blocks=(
            Figure(src="file:///etc/passwd"),
            Figure(src="javascript:alert(1)"),
            Figure(src="https://x.test/a.png"),
            Figure(src="https://x.test/a.png"),
            Figure(src=""),
        ),
    )
    assert picture_sources(article) == ["https://x.test/a.png"]


def test_a_public_article_never_asks_for_a_picture_on_a_local_address():
    local = ("http://127.0.0.1/a.png", "http://localhost:8080/b.png", "http://192.168.1.1/c.png",
             "http://[::1]/d.png", "http://169.254.169.254/latest/meta-data")  # fmt: skip
    blocks = tuple(Figure(src=src) for src in (*local, "https://cdn.test/ok.png"))
    public = Article(title="t", url="https://news.test/story", blocks=blocks)
    assert picture_sources(public) == ["https://cdn.test/ok.png"]
    at_home = Article(title="t", url="http://127.0.0.1:8000/story", blocks=blocks)
    assert picture_sources(at_home) == [*local, "https://cdn.test/ok.png"]


def test_the_test_suite_never_uses_the_real_cache():
    assert Path(cache_dir()).is_relative_to(Path(os.environ["HOME"]))


def test_only_the_first_pictures_are_read_before_drawing_the_rest_come_from_disk_later(tmp_path):
    cache = PictureCache(tmp_path)
    sources = [f"http://127.0.0.1:9/{n}.png" for n in range(6)]  # port 9: never fetched
    for src in sources:
        cache.put(src, to_png(decode(pics.png(20, 10))))
    blocks = tuple(Figure(src=src) for src in sources)
    article = Article(title="t", url="http://127.0.0.1:9/story", blocks=blocks)
    pictures = Pictures(FAST, cache_root=tmp_path, env={})
    assert list(pictures.cached(article, limit=2)) == sources[:2]
    assert pictures.missing(article) == sources[2:]
    got = asyncio.run(pictures.fetch(article))
    assert list(got) == sources[2:] and pictures.failed == {}


def test_declared_sizes_are_kept_in_the_block_and_left_out_of_json_when_absent():
    from newsreader.extract.html import html_to_blocks
    from newsreader.model import block_from_dict, block_to_dict

    html = (
        '<p>Some text for the body.</p><figure><img src="https://x.test/a.jpg" width="640" '
        'height="360" alt="A"><figcaption>Cap.</figcaption></figure>'
        '<img src="https://x.test/b.jpg" width="100%" height="9">'
        '<img src="https://x.test/c.jpg" width="99999999" height="5">'
        '<img src="https://x.test/d.jpg" width="300px" height="200">'
    )
    figures = [b for b in html_to_blocks(html) if isinstance(b, Figure)]
    sizes = [(f.width, f.height) for f in figures]
    assert sizes == [(640, 360), (0, 0), (0, 0), (300, 200)]
    data = block_to_dict(figures[0])
    assert data["width"] == 640 and block_from_dict(data) == figures[0]
    assert "width" not in block_to_dict(figures[2]) and "height" not in block_to_dict(figures[2])
    with pytest.raises(TypeError):
        block_from_dict({"type": "figure", "width": -1})
    with pytest.raises(TypeError):
        block_from_dict({"type": "figure", "height": "12"})
