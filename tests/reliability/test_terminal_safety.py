"""Terminal safety (E1–E8, M1–M6): the real app and CLI over hostile content, inside tmux.

Every byte written to the terminal is logged with ``pipe-pane``; neither that
log nor the captured screen may hold an escape sequence or payload that came
from content. Textual itself writes many CSI sequences, so the check looks for
the specific payloads (OSC 52/0/8, DCS, APC, 8-bit C1, "PWNED", "evil", the
base64 clipboard text), not for every ESC.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader.images.query import query
from tests.support.tmux import TmuxSession

from .hostile import TERMINAL_MARKERS, hostile_feed, hostile_text_article

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

SCRIPT = Path(sys.executable).parent / "newsreader"


def assert_no_markers(data: bytes, where: str) -> None:
    found = [marker for marker in TERMINAL_MARKERS if marker in data]
    assert found == [], f"{where} carries content escapes: {found}"


@pytest.fixture
def hostile_store(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    if not SCRIPT.exists():
        pytest.skip("the newsreader console script is not installed in this environment")
    (tmp_path / "hostile.xml").write_bytes(hostile_feed())
    (tmp_path / "hostile.txt").write_text(hostile_text_article())
    db = tmp_path / "hostile.db"
    config = tmp_path / "config.toml"
    config.write_text("")
    imported = subprocess.run(
        [
            str(SCRIPT),
            "--db",
            str(db),
            "import",
            str(tmp_path / "hostile.xml"),
            str(tmp_path / "hostile.txt"),
        ],
        capture_output=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    assert_no_markers(imported.stdout + imported.stderr, "import output")
    env = {
        "NEWSREADER_DB": str(db),
        "NEWSREADER_CONFIG": str(config),
        "TERM": "xterm-256color",
        "HOME": str(tmp_path),
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    return db, env


def test_cli_commands_in_tmux_write_no_content_escapes(
    tmp_path: Path, hostile_store: tuple[Path, dict[str, str]]
) -> None:
    db, env = hostile_store
    nr = f"{shlex.quote(str(SCRIPT))} --db {shlex.quote(str(db))}"
    commands = [
        "list",
        "list --json",
        "show 1",
        "show 4",
        "show 15",
        "show 22",
        "show 3 --width 60",
        "show 5 --json",
        "search ABC",
        "search Body",
        "feeds",
        "read 1 2 3",
        "bookmark 15",
        "list --bookmarked",
        "show 999",
        "search '\"bad'",
    ]
    script = "; ".join(f"{nr} {c}" for c in commands) + "; echo ALL-DONE-MARK; sleep 60"
    log = tmp_path / "cli-raw.log"
    session = TmuxSession(script, env, (160, 50), log=log)
    try:
        screen = session.wait_for(lambda s: "ALL-DONE-MARK" in s, timeout=120)
    finally:
        session.kill()
    raw = log.read_bytes()
    assert b"ALL-DONE-MARK" in raw and len(raw) > 2000
    assert_no_markers(raw, "the CLI's raw terminal output")
    assert_no_markers(screen.encode(), "the CLI's screen")
    assert b"Traceback" not in raw


def test_app_in_tmux_writes_no_content_escapes_and_markup_stays_literal(
    tmp_path: Path, hostile_store: tuple[Path, dict[str, str]]
) -> None:
    db, env = hostile_store
    log = tmp_path / "app-raw.log"
    session = TmuxSession(f"{shlex.quote(str(SCRIPT))} --db {shlex.quote(str(db))}", env, log=log)
    screens = []
    try:
        screens.append(session.wait_for(lambda s: "22 articles" in s, timeout=60))
        opened = ""
        for _ in range(10):  # the first keys can arrive before the list has focus
            session.keys("j", "Enter", pause=0.3)
            try:
                opened = session.wait_for(lambda s: "Body" in s or "Paragraph" in s, timeout=3)
                break
            except AssertionError:
                continue
        assert opened, "no article opened"
        screens.append(opened)
        for _ in range(24):  # walk every hostile article, opening each
            session.keys("j", "Enter", pause=0.1)
            screens.append(session.capture())
            screens.append(session.capture(styled=True))
        session.keys("g", "/", pause=0.3)
        session.keys("ABC", "Enter", pause=0.5)
        screens.append(session.capture())
        time.sleep(0.5)
        assert session.alive(), "the app quit: a title became an action"
        screens.append(session.capture())
    finally:
        session.kill()
    raw = log.read_bytes()
    assert len(raw) > 5000, "pipe-pane logged nothing"
    # The app's own terminal query (images = "auto", no $TMUX given), once before its
    # screen, is not content: it is taken out, and no other kitty escape may remain.
    assert raw.count(query()) <= 1
    assert raw.find(query()) < raw.index(b"\x1b[?1049h")
    raw = raw.replace(query(), b"", 1)
    assert_no_markers(raw, "the app's raw terminal output")
    for screen in screens:
        assert_no_markers(screen.encode(), "the app's screen")
    text = "\n".join(screens)
    assert "[@click=app.quit]" in text, "markup in titles must stay literal"
    assert "Traceback" not in text and "MarkupError" not in text


def test_oracle_sees_an_escape_that_reaches_the_terminal(tmp_path: Path) -> None:
    """The pipe-pane log does catch a payload when one is really written."""
    log = tmp_path / "oracle.log"
    session = TmuxSession(
        "printf 'a\\033]0;PWNED\\007b\\033]52;c;ZWNobyBwd25lZA==\\007 ORACLE-DONE\\n'; sleep 30",
        {"PATH": os.environ.get("PATH", ""), "TERM": "xterm-256color"},
        log=log,
    )
    try:
        session.wait_for(lambda s: "ORACLE-DONE" in s, timeout=20)
    finally:
        session.kill()
    with pytest.raises(AssertionError, match="PWNED"):
        assert_no_markers(log.read_bytes(), "printf")
