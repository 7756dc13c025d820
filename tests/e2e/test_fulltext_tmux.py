"""End to end, full text for a summary feed: the real ``newsreader`` in tmux and on the
command line against a loopback server whose summary feed links to two good article
pages, a log-in wall, a 10 MB page, a page that redirects three times and one that
hangs. The summaries are listed and readable at once; the good pages' text follows,
marked in the header; the bad ones keep the summary and say why; ``t`` shows its
progress, then the result; a word only the fetched page has is found by search."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.services.stores import open_store
from tests.e2e.test_tmux import app_setup, console_script
from tests.support import hostile_server as hs
from tests.support.hostile_server import HostileServer
from tests.support.tmux import TmuxSession
from tests.unit.test_fulltext import LOGIN_WALL, SUMMARY, feed, html, huge_page, page

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

HANG_SECONDS = 6  # the read timeout that ends the hanging page
CONFIG = (
    f'[refresh]\nread_timeout = {HANG_SECONDS}\ndeadline = {HANG_SECONDS + 4}\nparser = "thread"\n'
)
# In feed order; the list shows the newest (last stored) first: hang at the top.
NAMES = ("good", "other", "login", "huge", "redirected", "hang")
SLUGS = {"good": "zeppelin", "other": "other", "redirected": "moved"}  # words in their pages
FETCHED = set(SLUGS)
REASONS = {
    "login": "Summary only: the page asks to log in",
    "huge": "Summary only: page too large",
    "hang": "Summary only: timed out waiting for the server",
}


@pytest.fixture
def site() -> Iterator[HostileServer]:
    """The article pages and the summary feed that links to them."""
    with HostileServer() as server:
        server.route("/a/good", html(page("zeppelin")))  # "zeppelin": only in this page
        server.route("/a/other", html(page("other")))
        server.route("/a/login", html(LOGIN_WALL))
        server.route("/a/huge", huge_page)
        server.route("/a/r1", hs.redirect("/a/r2"))
        server.route("/a/r2", hs.redirect("/a/r3"))
        server.route("/a/r3", hs.redirect("/a/moved"))
        server.route("/a/moved", html(page("moved")))
        server.route("/a/hang", hs.stall)
        paths = {name: f"/a/{name}" for name in NAMES}
        paths["redirected"] = "/a/r1"
        links = {name: server.url(paths[name]) for name in NAMES}
        server.feed("/feed.xml", feed(links))
        yield server


def _cli(script: str, db: Path, config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [script, "--db", str(db), "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _flat(screen: str) -> str:
    return " ".join(screen.split())


def _list(screen: str) -> str:
    """The left column (views and the article list) of a wide screen."""
    return "\n".join(line.split("▏", 1)[0] for line in screen.splitlines())


def _toasts(screen: str) -> str:
    """The text of the notifications on screen (each line of a toast starts with ▌)."""
    return _flat(" ".join(line.rsplit("▌", 1)[1] for line in screen.splitlines() if "▌" in line))


def test_app_refresh_shows_summaries_at_once_then_full_texts(
    tmp_path: Path, site: HostileServer
) -> None:
    script, db, env = app_setup(tmp_path, CONFIG)
    with open_store(db) as store:
        store.add_feed(site.url("/feed.xml"), "Summaries")
    session = TmuxSession(shlex.join([script, "--db", str(db)]), env, (160, 48))
    try:
        session.wait_for(lambda s: "Story 0" in s, timeout=60)
        session.keys("r")
        # The feed is stored: its articles are listed while the pages are still fetched.
        screen = session.wait_for(lambda s: "Full text" in s and "Story hang" in s)
        assert all(f"Story {name}" in screen for name in NAMES)
        assert "/6 pages" in screen
        session.keys("g", "Enter", pause=0.2)  # the top row: the page that hangs
        screen = session.wait_for(lambda s: SUMMARY in s)
        assert "Full text ━" in screen or "Full text ─" in screen, "readable before the pages"
        (tmp_path / "during.txt").write_text(screen)
        # The pages are done: the refresh says what they gave, the open article its reason.
        done = session.wait_for(
            lambda s: "kept the summary." in _toasts(s), timeout=HANG_SECONDS + 20
        )
        assert (
            "Refreshed 1 feed, 6 new articles, 0 errors, full text: 3 fetched, 3 kept the "
            "summary." in _toasts(done)
        )
        screen = session.wait_for(lambda s: REASONS["hang"] in s)  # once the toast is gone
        assert SUMMARY in screen
        # Every other article, down the list: redirected, huge, login, other, good.
        for name in NAMES[-2::-1]:
            session.keys("Escape", "j", "Enter", pause=0.2)
            screen = session.wait_for(
                lambda s, n=name: (
                    ("Full text from the web page" in s and f"of the {SLUGS[n]} report" in s)
                    if n in FETCHED
                    else REASONS[n] in s and SUMMARY in s
                )
            )
            (tmp_path / f"{name}.txt").write_text(screen)
        # t on the page that hangs: its progress in the status line, then the result.
        session.keys("Escape", "g", "Enter", pause=0.2)
        session.wait_for(lambda s: REASONS["hang"] in s)
        session.keys("t")
        screen = session.wait_for(lambda s: "0/1 page" in s and "fetching Story hang" in s)
        (tmp_path / "t-progress.txt").write_text(screen)
        screen = session.wait_for(
            lambda s: "Summary kept: timed out" in _toasts(s), timeout=HANG_SECONDS + 20
        )
        assert "0/1 page" not in screen
        # A word only the fetched page has is found by the app's search.
        session.keys("Escape", "/", pause=0.3)
        session.keys("zeppelin", "Enter", pause=0.3)
        screen = session.wait_for(
            lambda s: "Story good" in _list(s) and "Story other" not in _list(s)
        )
        (tmp_path / "search.txt").write_text(screen)
        assert "Story hang" not in _list(screen) and "Story 0" not in _list(screen)
        session.keys("q")
    finally:
        session.kill()


def test_cli_refresh_then_show_prints_the_full_text(tmp_path: Path, site: HostileServer) -> None:
    script = console_script()
    db, config = tmp_path / "cli.db", tmp_path / "config.toml"
    config.write_text(CONFIG)
    added = _cli(script, db, config, "add", site.url("/feed.xml"))
    assert added.stdout.rstrip().endswith("\t6 articles")  # stored, summaries readable
    assert site.hits["/a/good"] == 0
    started = time.monotonic()
    out = _cli(script, db, config, "refresh")  # the pages of what `add` stored
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "1 feed, 0 new articles, 0 errors, full text: 3 fetched, 3 kept the summary"
    ]
    assert time.monotonic() - started < HANG_SECONDS + 15
    listed = json.loads(_cli(script, db, config, "list", "--json").stdout)
    ids = {a["title"].removeprefix("Story "): a["id"] for a in listed}
    for name in NAMES:
        shown = _cli(script, db, config, "show", str(ids[name]), "--width", "100")
        assert shown.returncode == 0
        text = _flat(shown.stdout)
        if name in FETCHED:
            assert "Full text from the web page" in text and f"of the {SLUGS[name]} report" in text
            assert SUMMARY not in text
        else:
            assert REASONS[name] in text and SUMMARY in text
    found = _cli(script, db, config, "search", "zeppelin", "--json")
    assert [a["id"] for a in json.loads(found.stdout)] == [ids["good"]]
    again = _cli(script, db, config, "refresh")  # nothing new: no page fetched again
    assert again.stdout.splitlines() == ["1 feed, 0 new articles, 0 errors"]
    assert site.hits["/a/good"] == 1 and site.hits["/a/hang"] == 1
