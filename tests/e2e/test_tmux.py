"""End to end: the real ``newsreader`` in tmux opens, bookmarks and quits; the CLI sees it."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
from uidata import fill_store  # noqa: E402

from newsreader.services.stores import open_store  # noqa: E402
from tests.support.tmux import TmuxSession  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def console_script() -> str:
    script = Path(sys.executable).parent / "newsreader"
    if not script.exists():
        pytest.skip("the newsreader console script is not installed in this environment")
    return str(script)


def cli_list(script: str, db: Path) -> list[dict]:
    out = subprocess.run(
        [script, "--db", str(db), "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(out.stdout)


def app_env(home: Path, db: Path, config: Path) -> dict[str, str]:
    """The whole environment of the app under test: its store, config and home only."""
    return {
        "NEWSREADER_DB": str(db),
        "NEWSREADER_CONFIG": str(config),
        "TERM": "xterm-256color",
        "HOME": str(home),
        "PATH": os.environ.get("PATH", ""),
    }


def app_setup(tmp_path: Path, config_text: str) -> tuple[str, Path, dict[str, str]]:
    """The console script, a store of three stories and the app's environment."""
    db = tmp_path / "e2e.db"
    fill_store(db, count=3).close()
    config = tmp_path / "config.toml"
    config.write_text(config_text)
    return console_script(), db, app_env(tmp_path, db, config)


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
def test_open_bookmark_quit_then_cli_sees_it(tmp_path: Path, size: tuple[int, int]) -> None:
    script = console_script()
    db = tmp_path / "e2e.db"
    fill_store(db, count=5).close()
    config = tmp_path / "config.toml"
    config.write_text("")
    env = app_env(tmp_path, db, config)
    before = cli_list(script, db)
    target = before[1]
    assert not target["read"] and not target["bookmarked"]
    session = TmuxSession(shlex.join([script, "--db", str(db)]), env, size)
    try:
        session.wait_for(lambda s: "Story 0" in s and "articles" in s, timeout=60)
        session.keys("j", "Enter")
        # The reading pane shows the article's dek once it is open.
        screen = session.wait_for(lambda s: "Islanders fear the loss" in s)
        (tmp_path / f"reading-{size[0]}x{size[1]}.txt").write_text(screen)
        beside = any("Paragraph one" in line and "Marigold" in line for line in screen.splitlines())
        assert beside == (size[0] >= 160), "captions: sidebar when wide, inline when narrow"
        session.keys("b")
        session.wait_for(lambda s: "Bookmarked" in s)
        session.keys("q")
        deadline = time.monotonic() + 30
        while session.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not session.alive(), "the app did not quit on q"
    finally:
        session.kill()
    after = {a["id"]: a for a in cli_list(script, db)}
    assert after[target["id"]]["read"] is True
    assert after[target["id"]]["bookmarked"] is True
    assert sum(a["read"] for a in after.values()) == 1
    if os.environ.get("NEWSREADER_E2E_CAPTURE_DIR"):
        out_dir = Path(os.environ["NEWSREADER_E2E_CAPTURE_DIR"])
        out_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / f"reading-{size[0]}x{size[1]}.txt", out_dir)


def test_quit_during_a_stalled_refresh_does_not_wait_for_it(tmp_path: Path) -> None:
    from tests.support.feeds import rss
    from tests.support.hostile_server import HostileServer, stall

    script, db, env = app_setup(
        tmp_path, '[refresh]\nread_timeout = 60\ndeadline = 60\nparser = "thread"\n'
    )
    with HostileServer() as server:
        with open_store(db) as store:
            store.add_feed(server.feed("/good.xml", rss("Quick Wire", 2)), "Quick Wire")
            store.add_feed(server.route("/slow.xml", stall), "Stalled Wire")
        session = TmuxSession(shlex.join([script, "--db", str(db)]), env, (120, 30))
        try:
            session.wait_for(lambda s: "Story 0" in s, timeout=60)
            session.keys("r")
            # The quick feed is done, the stalled one holds the refresh open.
            session.wait_for(lambda s: "1/2 feeds" in s and "2 new articles" in s)
            session.keys("q")
            started = time.monotonic()
            while session.alive() and time.monotonic() - started < 20:
                time.sleep(0.1)
            waited = time.monotonic() - started
            assert not session.alive(), "the app waited for the stalled refresh"
            assert waited < 8, f"quitting took {waited:.1f} s"
        finally:
            session.kill()
        assert server.hits["/slow.xml"] == 1
    titles = {a["title"] for a in cli_list(script, db)}
    assert {"Quick Wire story 0", "Quick Wire story 1"} <= titles  # kept, store intact


def test_refresh_with_worker_processes_stores_then_indexes(tmp_path: Path) -> None:
    """Six feeds with parse worker processes, from inside the running app (where
    Textual owns sys.stderr): stored, indexed, no errors, and searchable after."""
    from tests.support.feeds import atom
    from tests.support.hostile_server import HostileServer

    script, db, env = app_setup(tmp_path, '[refresh]\nparser = "process"\n')
    with HostileServer() as server:
        with open_store(db) as store:
            for i in range(6):
                url = server.feed(f"/f{i}.xml", atom(f"Wire{i}", 3, prefix=f"w{i}"))
                store.add_feed(url, f"Wire {i}")
        session = TmuxSession(shlex.join([script, "--db", str(db)]), env, (140, 30))
        try:
            session.wait_for(lambda s: "Story 0" in s, timeout=60)
            session.keys("r")
            screen = session.wait_for(lambda s: "Refreshed 6 feeds" in s, timeout=60)
            assert "18 new articles, 0 errors" in screen
            session.keys("q")
        finally:
            session.kill()
    found = subprocess.run(
        [script, "--db", str(db), "search", "Wire4", "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert sorted(a["title"] for a in json.loads(found.stdout)) == [
        f"Wire4 entry {i}" for i in range(3)
    ]


def test_links_are_numbered_picked_by_number_and_never_terminal_hyperlinks(tmp_path: Path) -> None:
    """In a real terminal: ``[n]`` after each link and the list at the end; ``L 2 enter``
    hands link 2 to the browser as one argv element; no OSC 8 ever reaches the terminal."""
    from datetime import timedelta

    from uidata import NOW

    from newsreader.extract.html import html_to_blocks
    from newsreader.model import Article

    out = tmp_path / "argv.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{out}"\n')
    browser.chmod(0o755)
    script, db, env = app_setup(tmp_path, f"[ui]\nbrowser = {json.dumps(str(browser))}\n")
    html = (
        '<p>Read the <a href="https://links.example.test/one">first note</a> and the '
        '<a href="https://links.example.test/two?a=1&amp;b=2"><em>second</em> note</a>, '
        "not \x1b]8;;http://evil.test/\x1b\\\\this\x1b]8;;\x1b\\\\.</p>"
    )
    with open_store(db) as store:
        store.save_articles(
            store.source_id("Links Weekly"),
            [
                Article(
                    title="Zz links story",
                    guid="zz-links",
                    published=NOW + timedelta(days=1),
                    blocks=tuple(html_to_blocks(html)),
                )
            ],
        )
    log = tmp_path / "pty.log"
    session = TmuxSession(shlex.join([script, "--db", str(db)]), env, (160, 40), log=log)
    try:
        session.wait_for(lambda s: "Zz links story" in s, timeout=60)
        session.keys("Enter")
        screen = session.wait_for(lambda s: "first note[1]" in s)
        assert "second note[2]" in screen
        assert "[2] https://links.example.test/two?a=1&b=2" in screen
        session.keys("L")
        session.wait_for(lambda s: "type a number" in s)
        session.keys("2", "Enter")
        deadline = time.monotonic() + 20
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        session.keys("q")
    finally:
        session.kill()
    assert out.read_text().splitlines() == ["https://links.example.test/two?a=1&b=2"]
    raw = log.read_bytes()
    assert b"links.example.test" in raw  # the log did capture the session
    assert b"\x1b]8;" not in raw and b"evil.test" not in raw


def _quit(session: TmuxSession) -> None:
    session.keys("q")
    deadline = time.monotonic() + 30
    while session.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not session.alive(), "the app did not quit on q"


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
def test_read_flow_bookmark_the_article_on_screen_and_reopen_at_the_same_place(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """open → G moves the article → b bookmarks it → space past the end opens the next
    unread → quit → the relaunched app shows the same article at the same line."""
    script, db, env = app_setup(tmp_path, "")
    before = cli_list(script, db)
    first, second = before[0], before[1]
    command = shlex.join([script, "--db", str(db)])
    session = TmuxSession(command, env, size)
    try:
        session.wait_for(lambda s: "Story 0" in s and "articles" in s, timeout=60)
        session.keys("Enter")
        session.wait_for(lambda s: "Paragraph one of story 0" in s)
        session.keys("G")
        screen = session.wait_for(lambda s: "Fifth and final paragraph" in s)
        if size[1] < 30:  # the article is longer than the screen: G scrolled it
            assert "Paragraph one of story 0" not in screen
        session.keys("b")
        session.wait_for(lambda s: "Bookmarked" in s)
        marks = {a["id"]: a for a in cli_list(script, db)}
        assert marks[first["id"]]["bookmarked"], "b bookmarks the article on screen"
        assert not marks[second["id"]]["bookmarked"]
        session.keys("space")  # at the end: on to the next unread
        session.wait_for(lambda s: "Paragraph one of story 1" in s)
        session.keys("j", "j", "j", pause=0.1)
        time.sleep(0.5)
        (tmp_path / "before-quit.txt").write_text(session.capture())
        _quit(session)
    finally:
        session.kill()
    left = (tmp_path / "before-quit.txt").read_text().splitlines()
    marks = {a["id"]: a for a in cli_list(script, db)}
    assert marks[second["id"]]["read"] and not marks[second["id"]]["bookmarked"]
    session = TmuxSession(command, env, size)
    try:
        screen = session.wait_for(lambda s: "Story 0" in s or "story 1" in s, timeout=60)
        time.sleep(1.0)
        screen = session.capture()
        (tmp_path / f"relaunched-{size[0]}x{size[1]}.txt").write_text(screen)
        reopened = screen.splitlines()
        assert reopened[:6] == left[:6], "the same article at the same line"
        assert "Paragraph one of story 1" in screen or size[1] < 30
        _quit(session)
    finally:
        session.kill()
    if os.environ.get("NEWSREADER_E2E_CAPTURE_DIR"):
        out_dir = Path(os.environ["NEWSREADER_E2E_CAPTURE_DIR"])
        out_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / f"relaunched-{size[0]}x{size[1]}.txt", out_dir)
