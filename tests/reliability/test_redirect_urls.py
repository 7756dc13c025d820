"""N1: a redirect target carrying C1 controls or bidi overrides never reaches the terminal.

The CLI runs in a subprocess and its stdout/stderr are checked as raw bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import hostile_server as hs
from tests.support.hostile_server import HostileServer

# Location as raw bytes on the wire (send_header encodes latin-1): UTF-8 C1 controls, RLO.
DIRTY_PATH = "/nt/\xc2\x9b2J\xc2\x9b31mRED\xc2\x9d0;PWNED\xc2\x9c\xe2\x80\xaegpj.exe"
UNTITLED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel>'
    b"<item><title>One</title><link>http://example.com/1</link><guid>g1</guid></item>"
    b"</channel></rss>"
)
FORBIDDEN = (b"\x1b", b"\xc2\x80", b"\xc2\x9b", b"\xc2\x9c", b"\xc2\x9d", b"\xe2\x80\xae")


class _PrefixRoutes(dict):
    """Routes where every path under /nt/ serves the untitled feed (whatever cleaning left)."""

    def get(self, path, default=None):
        if path.startswith("/nt/"):
            return hs.serve_feed(UNTITLED)
        return super().get(path, default)


def _serve_any(server: HostileServer) -> None:
    server.routes = _PrefixRoutes(server.routes)


def run(db: Path, config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(db), "--config", str(config), *args],
        capture_output=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "100"},
    )


def assert_clean(result: subprocess.CompletedProcess) -> None:
    assert b"Traceback" not in result.stderr, result.stderr
    for bad in FORBIDDEN:
        assert bad not in result.stdout, (bad, result.stdout)
        assert bad not in result.stderr, (bad, result.stderr)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('[refresh]\nparser = "thread"\nread_timeout = 3.0\ndeadline = 5.0\n')
    return path


@pytest.mark.parametrize("code", [302, 301])
def test_dirty_redirect_target_never_printed(tmp_path: Path, config: Path, code: int) -> None:
    db = tmp_path / "n.db"
    with HostileServer() as server:
        _serve_any(server)
        url = server.route("/x", hs.redirect(DIRTY_PATH, code))
        added = run(db, config, "add", url)
        assert added.returncode == 0, added.stderr
        assert_clean(added)
        for command in (("feeds",), ("feeds", "--json"), ("list",), ("opml", "export")):
            result = run(db, config, *command)
            assert result.returncode == 0, result.stderr
            assert_clean(result)


def test_permanent_redirect_on_refresh_stores_a_clean_url(tmp_path: Path, config: Path) -> None:
    db = tmp_path / "n.db"
    with HostileServer() as server:
        _serve_any(server)
        url = server.feed("/x", UNTITLED)
        assert run(db, config, "add", url).returncode == 0
        server.route("/x", hs.redirect(DIRTY_PATH, 301))
        refreshed = run(db, config, "refresh")
        assert_clean(refreshed)
        feeds = run(db, config, "feeds")
        assert_clean(feeds)
        assert b"/nt/" in feeds.stdout  # the permanent redirect moved the stored URL


def test_stored_dirty_values_are_cleaned_when_printed(tmp_path: Path, config: Path) -> None:
    """A store written before the fix (or by anything else) still prints clean."""
    import sqlite3

    from newsreader.services.stores import open_store

    db = tmp_path / "n.db"
    with open_store(db) as store:
        feed = store.add_feed("http://127.0.0.1:9/f", "T\x9b2J\u202eitle")
        store.record_fetch(feed.id or 0, error="boom \x9d0;PWNED\x9c")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE feeds SET url = ?", ("http://127.0.0.1:1/\x9b31m\u202e",))
    conn.commit()
    conn.close()
    for command in (("feeds",), ("list",), ("opml", "export"), ("refresh",)):
        result = run(db, config, *command)
        assert_clean(result)
