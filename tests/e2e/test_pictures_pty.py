"""End to end in a pty: the real app's byte stream carries kitty graphics only when kitty is
chosen, Sixel only when Sixel is, and every graphics sequence in it is image data (or a
delete), never article text; Sixel pictures leave no ghost on a model terminal.

The pictures come from a loopback server; the app runs on a pseudo-terminal whose
every output byte is kept (tmux would rewrite them). What a real kitty shows cannot
be checked here: this checks the bytes a terminal would be given.
"""

from __future__ import annotations

import base64
import io
import os
import re
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
from uidata import long_article  # noqa: E402

from newsreader.images.query import TIMEOUT, query  # noqa: E402
from newsreader.model import Figure, Paragraph  # noqa: E402
from newsreader.services.stores import open_store  # noqa: E402
from tests.support import pictures as pics  # noqa: E402
from tests.support.hostile_server import HostileServer, send  # noqa: E402
from tests.support.ptyterm import PtyProgram  # noqa: E402
from tests.support.screenmodel import Screen  # noqa: E402

SCRIPT = Path(sys.executable).parent / "newsreader"
APC = re.compile(r"\x1b_(.*?)\x1b\\", re.S)
DCS = re.compile(r"(?:\x1bP|\x90)(.*?)(?:\x1b\\|\x9c)", re.S)
SIXEL_START = re.compile(r"(?:\x1bP|\x90)[0-9;]*q")
KEYS = re.compile(r"[a-zA-Z]=[0-9A-Za-z]+(?:,[a-zA-Z]=[0-9A-Za-z]+)*")
PLACEHOLDER = "\U0010eeee"
CAPTION = "A caption under the harbour picture."
SECRET = "Zanzibarquetzal"  # an unusual word in the article's text, looked for inside sequences


def picture(handler, server) -> None:
    send(handler, 200, pics.png(64, 32), "image/png")


def other_picture(handler, server) -> None:
    send(handler, 200, pics.png(40, 40), "image/png")


def make_store(
    tmp_path: Path, server: HostileServer, *, second: bool = False
) -> tuple[Path, list[str]]:
    """Two unread articles, each with a picture from ``server`` (story 1 two with ``second``);
    returns the db and its words."""
    db = tmp_path / "pty.db"
    store = open_store(db)
    words: list[str] = []
    stories = []
    for n, path in ((1, "/a.png"), (2, "/b.png")):
        blocks = list(long_article(n, "Pictures").blocks[1:])
        blocks.insert(0, Paragraph(f"{SECRET} opens story {n}, beside its picture."))
        blocks.insert(1, Figure(src=server.url(path), caption=CAPTION))
        if second and n == 1:
            blocks.insert(3, Figure(src=server.url("/b.png"), caption="A second picture."))
        story = long_article(n, "Pictures", blocks=tuple(blocks), url=server.url(f"/story/{n}"))
        stories.append(story)
        words.append(story.title)
        for block in story.blocks:
            for field in ("text", "caption", "credit"):
                words.extend(re.findall(r"[A-Za-z]{7,}", getattr(block, field, "") or ""))
    store.save_articles(store.source_id("Pictures"), stories)
    store.close()
    return db, sorted(set(words))


QUERY = query().decode()
ALT_SCREEN = "\x1b[?1049h"


def without_query(out: str) -> str:
    """``out`` without the terminal query: sent at most once, before the app's screen."""
    assert out.count(QUERY) <= 1
    if QUERY in out:
        assert out.index(QUERY) < out.index(ALT_SCREEN)
    return out.replace(QUERY, "", 1)


def run(
    tmp_path: Path,
    setting: str,
    env_extra: dict[str, str],
    reply: bytes | None = None,
    ran: list[PtyProgram] | None = None,
) -> tuple[str, list[str], int]:
    """Open story 1, then story 2 (``n``), then quit; the whole output (but the terminal
    query, answered with ``reply``), the article words, and the exit code. ``ran`` gets
    the program."""
    if not SCRIPT.exists():
        pytest.skip("the newsreader console script is not installed in this environment")
    with HostileServer() as server:
        server.route("/a.png", picture)
        server.route("/b.png", other_picture)
        db, words = make_store(tmp_path, server)
        env = app_env(tmp_path, db, f'[ui]\nimages = "{setting}"\n', env_extra)
        app = PtyProgram([str(SCRIPT)], env, size=(160, 48), reply=reply)
        if ran is not None:
            ran.append(app)
        try:
            app.wait_for(lambda out: "Story 1" in out)
            app.keys("\r")  # open the article under the cursor
            app.wait_for(lambda out: CAPTION[:20] in out and ("▀" in out or PLACEHOLDER in out))
            mark = len(app.text())
            app.keys("n")  # the next unread: story 2
            app.wait_for(lambda out: "Story 2" in out[mark:] and out.count(CAPTION[:20]) >= 2)
            app.wait_for(lambda out: "▀" in out[mark:] or out.count("U=1") >= 2, timeout=10)
            app.keys("q")
            code = app.close()
        finally:
            app.close(timeout=0.1)
        return without_query(app.text()), words, code or 0


def graphics_of(out: str) -> list[str]:
    return [m.group(1) for m in APC.finditer(out)] + [m.group(1) for m in DCS.finditer(out)]


def assert_no_text_inside(out: str, words: list[str]) -> None:
    inside = graphics_of(out)
    assert SECRET in out  # the word is on screen...
    for body in inside:  # ...and never inside a graphics sequence
        for word in [SECRET, *words]:
            assert word not in body, (word, body[:80])


def app_env(tmp_path: Path, db: Path, config_text: str, extra: dict | None = None) -> dict:
    """The environment of the program under test: its store, a config of
    ``config_text``, a temporary picture cache and home, plus ``extra``."""
    config = tmp_path / "config.toml"
    config.write_text(config_text)
    return {
        "NEWSREADER_DB": str(db),
        "NEWSREADER_CONFIG": str(config),
        "NEWSREADER_CACHE": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        **(extra or {}),
    }


@pytest.mark.parametrize(
    ("setting", "env"),
    [
        ("kitty", {"TERM": "xterm-kitty", "COLORTERM": "truecolor"}),
        ("auto", {"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1", "COLORTERM": "truecolor"}),
    ],
)
def test_kitty_sequences_are_png_data_or_deletes_and_never_article_text(tmp_path, setting, env):
    out, words, code = run(tmp_path, setting, env)
    assert code == 0
    images: dict[int, str] = {}  # id → the base64 sent for it
    placements: dict[int, tuple[int, int]] = {}
    deleted: list[int] = []
    current: int | None = None
    for body in (m.group(1) for m in APC.finditer(out)):
        assert body.startswith("G"), body[:40]  # the kitty graphics protocol, nothing else
        keys, _, payload = body[1:].partition(";")
        assert KEYS.fullmatch(keys), keys
        fields = dict(pair.split("=") for pair in keys.split(","))
        assert fields["q"] == "2"  # the terminal never answers into the app's input
        if fields.get("a") == "d":
            assert fields["d"] == "I" and not payload
            deleted.append(int(fields["i"]))
            continue
        if "a" in fields:  # the first chunk of an image
            assert (fields["a"], fields["U"], fields["f"]) == ("T", "1", "100")
            current = int(fields["i"])
            placements[current] = (int(fields["c"]), int(fields["r"]))
            images[current] = ""
        assert current is not None, "a continuation chunk with no image before it"
        assert re.fullmatch(r"[A-Za-z0-9+/=]*", payload), payload[:40]
        images[current] += payload
        if fields["m"] == "0":
            current = None
    assert len(images) == 2  # one picture per article, each sent once
    for image_id, data in images.items():
        png = base64.standard_b64decode(data)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        with Image.open(io.BytesIO(png)) as decoded:
            decoded.load()
            assert max(decoded.size) <= 144  # the scaled picture, not the original
        r, g, b = (image_id >> 16) & 255, (image_id >> 8) & 255, image_id & 255
        cells = re.search(rf"\x1b\[38;2;{r};{g};{b}(?:;[0-9;]*)?m{PLACEHOLDER}", out)
        assert cells, image_id  # its placeholder cells name it by their colour
        assert out.index(f"a=T,U=1,f=100,i={image_id},") < cells.start()  # data first
        columns, rows = placements[image_id]
        assert out.count(PLACEHOLDER) >= columns * rows
    first, second = sorted(images)
    # Story 2 opened: story 1's picture was freed before story 2's was sent...
    assert out.index(f"a=d,d=I,i={first},") < out.index(f"a=T,U=1,f=100,i={second},")
    # ...and story 2's at exit, while the app's (alternate) screen was still shown.
    assert out.index(f"a=d,d=I,i={second},") < out.rindex("\x1b[?1049l")
    assert sorted(deleted) == [first, second]
    assert not SIXEL_START.search(out)
    assert "▀" not in out  # no half-block fallback was drawn
    assert_no_text_inside(out, words)


@pytest.mark.parametrize(
    ("setting", "env"),
    [
        ("halfblock", {"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1", "COLORTERM": "truecolor"}),
        ("auto", {"TERM": "xterm-256color", "COLORTERM": "truecolor"}),
        (
            "auto",
            {
                "TERM": "xterm-kitty",
                "KITTY_WINDOW_ID": "1",
                "COLORTERM": "truecolor",
                "TMUX": "/tmp/tmux-0/default,1,0",
            },
        ),
        ("kitty", {"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}),
        ("kitty", {"TERM": "xterm-kitty"}),  # 256 colours: the ids would not survive
        ("sixel", {"TERM": "foot", "TMUX": "/tmp/tmux-0/default,1,0"}),
        ("auto", {"TERM": "foot", "TMUX": "/tmp/tmux-0/default,1,0"}),
        ("halfblock", {"TERM": "foot"}),
    ],
)
def test_without_kitty_or_sixel_chosen_no_graphics_sequence_is_written(tmp_path, setting, env):
    out, words, code = run(tmp_path, setting, env)
    assert code == 0
    assert "▀" in out  # the pictures were drawn, in half-block
    assert "\x1b_G" not in out and PLACEHOLDER not in out
    assert not SIXEL_START.search(out)
    assert_no_text_inside(out, words)


def test_a_resize_sends_the_picture_again_at_its_new_size_and_frees_the_old_one(tmp_path):
    if not SCRIPT.exists():
        pytest.skip("the newsreader console script is not installed in this environment")
    with HostileServer() as server:
        server.route("/a.png", picture)
        server.route("/b.png", other_picture)
        db, _words = make_store(tmp_path, server)
        env = app_env(
            tmp_path,
            db,
            '[ui]\nimages = "kitty"\n',
            {"TERM": "xterm-kitty", "COLORTERM": "truecolor"},
        )
        app = PtyProgram([str(SCRIPT)], env, size=(160, 48))
        try:
            app.wait_for(lambda out: "Story 1" in out)
            app.keys("\r")
            app.wait_for(lambda out: out.count("a=T,U=1") == 1 and PLACEHOLDER in out)
            app.resize(70, 30)  # narrow: the picture goes inline, at another size
            out = app.wait_for(lambda out: out.count("a=T,U=1") == 2)
            app.keys("q")
            assert app.close() == 0
        finally:
            app.close(timeout=0.1)
    out = app.text()
    first, second = (int(m) for m in re.findall(r"a=T,U=1,f=100,i=(\d+),", out))
    sizes = re.findall(r"a=T,U=1,f=100,i=\d+,q=2,c=(\d+),r=(\d+)", out)
    assert sizes[0] != sizes[1]  # drawn again at the new size
    assert out.index(f"a=d,d=I,i={first},") < out.index(f"a=T,U=1,f=100,i={second},")
    assert not SIXEL_START.search(out)


# -- Sixel ---------------------------------------------------------------------------------

PLACED_SIXEL = re.compile(r"\x1b7\x1b\[(\d+);(\d+)H\x1bP0;1;0q(.*?)\x1b\\\x1b8", re.S)
SIXEL_BODY = re.compile(r'"1;1;(\d+);(\d+)(?:#\d+;2;\d+;\d+;\d+)*[0-9#!$?-~-]*')
HALF = "▀▄"


@pytest.mark.parametrize(
    ("setting", "env"),
    [
        ("sixel", {"TERM": "foot", "COLORTERM": "truecolor"}),
        ("auto", {"TERM": "foot"}),
        ("auto", {"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}),
    ],
)
def test_sixel_sequences_are_placed_pixel_data_and_never_article_text(tmp_path, setting, env):
    out, words, code = run(tmp_path, setting, env)
    assert code == 0
    placed = list(PLACED_SIXEL.finditer(out))
    assert len(placed) == len(SIXEL_START.findall(out)) >= 2  # every Sixel is placed: both stories
    sizes = set()
    for m in placed:
        body = m.group(3)
        assert SIXEL_BODY.fullmatch(body), body[:60]
        width, height = (int(n) for n in SIXEL_BODY.match(body).groups())
        assert width % 10 == 0 and height % 6 == 0 and height <= height // 20 * 20 + 20
        assert 1 <= int(m.group(1)) < 48 and 1 <= int(m.group(2)) <= 160  # above the last row
        sizes.add((width, height))
    assert len(sizes) == 2  # the two pictures (their shapes differ), no more
    assert "\x1b_G" not in out and PLACEHOLDER not in out
    assert "▀" in out  # the cells under each Sixel: the picture in half-block
    assert_no_text_inside(out, words)


def check_screen(screen: Screen, full: int | None) -> int:
    """No Sixel pixel lies over anything but a picture's half-block cells (a ghost, a spill);
    a picture wholly on screen is covered by its Sixel, one partly on screen has none.
    Returns how many half-block cells are on screen."""
    blocks = screen.cells_with(HALF)  # a picture's: in runs (not a scroll bar's thumb)
    half = {(y, x) for y, x in blocks if (y, x - 1) in blocks or (y, x + 1) in blocks}
    assert screen.covered() <= half  # Sixel pixels only ever over the picture's own cells
    if full is None or len(half) == full:
        assert half and half <= screen.covered(), (len(half), len(half - screen.covered()))
    else:
        assert not screen.covered() & half
    return len(half)


def test_sixel_pictures_follow_scrolling_and_leave_no_ghost(tmp_path):
    """A model terminal is fed the exact bytes: after every key, Sixel pixels lie only over
    the picture's own cells, and a picture wholly on screen shows as Sixel."""
    if not SCRIPT.exists():
        pytest.skip("the newsreader console script is not installed in this environment")
    cell = (9, 18)
    with HostileServer() as server:
        server.route("/a.png", picture)
        server.route("/b.png", other_picture)
        db, _words = make_store(tmp_path, server)
        env = app_env(
            tmp_path, db, '[ui]\nimages = "sixel"\n', {"TERM": "foot", "COLORTERM": "truecolor"}
        )
        app = PtyProgram([str(SCRIPT)], env, size=(120, 40), cell=cell)
        screen = Screen(120, 40, cell)
        fed = 0

        def step(keys: str) -> str:
            nonlocal fed
            if keys:
                app.keys(keys)
            out = app.settle()
            screen.feed(out[fed:])
            fed = len(out)
            return out

        try:
            app.wait_for(lambda out: "Story 1" in out)
            app.keys("\r")
            app.wait_for(lambda out: "\x1bP0;1;0q" in out)
            out = step("")
            full = check_screen(screen, None)
            drawn = screen.drawn
            width, height = (
                int(n) for n in SIXEL_BODY.match(PLACED_SIXEL.search(out).group(3)).groups()
            )
            assert width % cell[0] == 0 and full == (width // cell[0]) * -(-height // cell[1])
            # (keys, whether another picture is now shown: story 2's has another size)
            journey = [
                ("j", False),
                ("j", False),
                ("j", False),
                ("k", False),
                (" ", False),
                ("\x1b[5~", False),
                ("j" * 12, False),
                ("g", False),
                ("n", True),
                ("j", False),
                ("p", True),
                ("?", False),
                ("\x1b", False),
                ("f", True),  # the list hidden: the reader moves, wider
                ("f", True),
                (">", True),
                ("<", True),
            ]
            seen_partial = False
            for keys, another in journey:
                step(keys)
                shown = check_screen(screen, None if another else full)
                full = shown if another else full
                seen_partial = seen_partial or 0 < shown < full
            assert seen_partial  # some step had a picture cut by the edge: half-block only
            assert screen.drawn > drawn + 3  # drawn again as it moved
            app.resize(100, 34)
            step("")
            check_screen(screen, None)  # drawn at its new place and size
            app.keys("q")
            assert app.close() == 0
        finally:
            app.close(timeout=0.1)


def test_two_sixel_pictures_on_screen_are_both_drawn_one_frame_after_the_other(tmp_path):
    """One Sixel is made per frame; the other's cells are repainted, which makes the frame
    after which it is drawn."""
    if not SCRIPT.exists():
        pytest.skip("the newsreader console script is not installed in this environment")
    cell = (8, 16)
    with HostileServer() as server:
        server.route("/a.png", picture)
        server.route("/b.png", other_picture)
        db, _words = make_store(tmp_path, server, second=True)
        env = app_env(tmp_path, db, '[ui]\nimages = "sixel"\n', {"TERM": "foot"})
        app = PtyProgram([str(SCRIPT)], env, size=(150, 60), cell=cell)
        try:
            app.wait_for(lambda out: "Story 1" in out)
            app.keys("\r")
            app.wait_for(lambda out: out.count("\x1bP0;1;0q") >= 2)
            out = app.settle()
            screen = Screen(150, 60, cell)
            screen.feed(out)
            check_screen(screen, None)
            sizes = {m.groups() for m in re.finditer(r'q"1;1;(\d+);(\d+)', out)}
            assert len(sizes) == 2 and all(int(w) % cell[0] == 0 for w, _h in sizes)
            assert len(screen.sixels) == 2
            app.keys("q")
            assert app.close() == 0
        finally:
            app.close(timeout=0.1)


def test_a_sixel_picture_cut_by_the_bottom_of_the_screen_is_half_block_until_it_fits(tmp_path):
    if not SCRIPT.exists():
        pytest.skip("the newsreader console script is not installed in this environment")
    cell = (10, 20)
    with HostileServer() as server:
        server.route("/a.png", picture)
        server.route("/b.png", other_picture)
        db, _words = make_store(tmp_path, server)
        env = app_env(tmp_path, db, '[ui]\nimages = "sixel"\nimage_rows = 12\n', {"TERM": "foot"})
        app = PtyProgram([str(SCRIPT)], env, size=(120, 11), cell=cell)
        try:
            app.wait_for(lambda out: "Story 1" in out)
            app.keys("\r")
            app.wait_for(lambda out: "▀" in out)
            out = app.settle()
            screen = Screen(120, 11, cell)
            screen.feed(out)
            assert screen.cells_with(HALF)  # the picture's top rows are on screen...
            assert "\x1bP" not in out and not screen.covered()  # ...in half-block only
            fed = len(out)
            app.resize(120, 40)
            app.wait_for(lambda out: "\x1bP0;1;0q" in out[fed:])
            placed = list(PLACED_SIXEL.finditer(app.settle(), fed))
            assert placed  # it fits now: drawn as Sixel
            for m in placed:
                height = int(SIXEL_BODY.match(m.group(3)).group(2))
                assert int(m.group(1)) - 1 + -(-height // cell[1]) <= 39  # above the last row
            app.keys("q")
            assert app.close() == 0
        finally:
            app.close(timeout=0.1)


# -- auto asks the terminal (issue 17) ------------------------------------------------------

PLAIN_TERM = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}  # announces nothing itself
KITTY_ANSWER = b"\x1b_Gi=31;OK\x1b\\\x1b[?62;c"  # kitty, Ghostty: the query's OK, then DA1
SIXEL_DA1 = b"\x1b[?62;4;6;22c"  # foot, xterm -ti vt340
PLAIN_DA1 = b"\x1b[?65;1;9c"  # xterm without Sixel


def test_auto_draws_kitty_when_the_terminal_answers_the_kitty_query(tmp_path):
    ran: list[PtyProgram] = []
    out, words, code = run(tmp_path, "auto", PLAIN_TERM, reply=KITTY_ANSWER, ran=ran)
    assert code == 0
    assert ran[0].text().startswith(QUERY)  # asked first, before anything else is written
    assert out.count("a=T,U=1,f=100") == 2 and PLACEHOLDER in out
    assert not SIXEL_START.search(out)
    assert "▀" not in out
    assert_no_text_inside(out, words)


def test_auto_draws_sixel_when_the_terminals_device_attributes_include_sixel(tmp_path):
    out, words, code = run(tmp_path, "auto", PLAIN_TERM, reply=SIXEL_DA1)
    assert code == 0
    placed = list(PLACED_SIXEL.finditer(out))
    assert len(placed) == len(SIXEL_START.findall(out)) >= 2  # both stories' pictures
    assert "\x1b_G" not in out and PLACEHOLDER not in out
    assert_no_text_inside(out, words)


@pytest.mark.parametrize(
    "env",
    [PLAIN_TERM, {"TERM": "xterm-kitty", "COLORTERM": "truecolor"}],  # answered: answer rules
)
def test_auto_draws_halfblock_when_the_terminal_announces_no_graphics(tmp_path, env):
    ran: list[PtyProgram] = []
    out, _words, code = run(tmp_path, "auto", env, reply=PLAIN_DA1, ran=ran)
    assert code == 0
    assert QUERY in ran[0].text()
    assert "▀" in out
    assert "\x1b_G" not in out and PLACEHOLDER not in out
    assert not SIXEL_START.search(out)


def test_a_terminal_that_never_answers_costs_only_the_timeout_and_gets_halfblock(tmp_path):
    ran: list[PtyProgram] = []
    out, _words, code = run(tmp_path, "auto", PLAIN_TERM, ran=ran)
    assert code == 0
    asked, screen = ran[0].seen_at(QUERY), ran[0].seen_at(ALT_SCREEN)
    assert asked is not None and screen is not None
    assert TIMEOUT <= screen - asked < TIMEOUT + 0.5  # waited for the answer, then went on
    assert "▀" in out
    assert "\x1b_G" not in out and not SIXEL_START.search(out)


@pytest.mark.parametrize(
    "env",
    [
        {**PLAIN_TERM, "TMUX": "/tmp/tmux-0/default,1,0"},
        {"TERM": "tmux-256color", "COLORTERM": "truecolor"},
        {**PLAIN_TERM, "NEWSREADER_NO_TERMINAL_QUERY": "1"},
    ],
)
def test_inside_tmux_the_terminal_is_not_asked_and_pictures_are_halfblock(tmp_path, env):
    ran: list[PtyProgram] = []
    out, _words, code = run(tmp_path, "auto", env, reply=KITTY_ANSWER, ran=ran)
    assert code == 0
    assert "\x1b_G" not in ran[0].text()  # no query (and so no answer to act on)
    assert "\x1b[c" not in ran[0].text()
    assert "▀" in out
    assert not SIXEL_START.search(out)
