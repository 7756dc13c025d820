"""End to end: the real app in tmux draws a fetched picture in half-block cells, and never
writes a graphics sequence, even when the terminal outside says it is kitty (tmux passes
no graphics on without passthrough). The kitty stream itself: test_pictures_pty.py.

The app runs with the environment given here (no ``$TMUX``), so ``auto`` asks the
terminal: tmux itself answers (Device Attributes, no kitty OK, no Sixel), and the
answer means half-block too."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
from uidata import long_article  # noqa: E402

from newsreader.images.query import query  # noqa: E402
from newsreader.model import Figure  # noqa: E402
from newsreader.services.stores import open_store  # noqa: E402
from tests.support import pictures as pics  # noqa: E402
from tests.support.hostile_server import HostileServer, send  # noqa: E402
from tests.support.tmux import TmuxSession  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def picture(handler, server) -> None:
    send(handler, 200, pics.png(64, 32), "image/png")


@pytest.mark.parametrize("term", ["xterm-256color", "xterm-kitty"])
def test_a_fetched_picture_is_half_block_cells_and_no_graphics_sequence(tmp_path, term):
    script = Path(sys.executable).parent / "newsreader"
    if not script.exists():
        pytest.skip("the newsreader console script is not installed in this environment")
    with HostileServer() as server:
        server.route("/a.png", picture)
        db = tmp_path / "e2e.db"
        store = open_store(db)
        blocks = list(long_article(1, "Pictures").blocks[1:])
        blocks.insert(1, Figure(src=server.url("/a.png"), caption="A caption under a picture."))
        story = long_article(1, "Pictures", blocks=tuple(blocks), url=server.url("/story"))
        store.save_articles(store.source_id("Pictures"), [story])
        store.close()
        config = tmp_path / "config.toml"
        config.write_text('[ui]\nimages = "auto"\n')
        env = {
            "NEWSREADER_DB": str(db),
            "NEWSREADER_CONFIG": str(config),
            "NEWSREADER_CACHE": str(tmp_path / "cache"),
            "TERM": term,
            "HOME": str(tmp_path),
            "PATH": os.environ.get("PATH", ""),
        }
        log = tmp_path / "pty.log"
        session = TmuxSession(str(script), env, size=(160, 48), log=log)
        try:
            session.wait_for(lambda screen: "Story 1" in screen)
            session.keys("Enter")
            # The caption may wrap in the sidebar (its width depends on the list's).
            screen = session.wait_for(lambda s: "▀" in s and "A caption under a" in s)
            lines = screen.splitlines()
            caption = next(i for i, line in enumerate(lines) if "A caption under" in line)
            assert "▀" in lines[caption - 1]  # the picture sits right above its caption
            session.keys("q")
        finally:
            session.kill()
        raw = log.read_bytes()
        assert raw.count(query()) == 1 and raw.index(query()) < raw.index(b"\x1b[?1049h")
        raw = raw.replace(query(), b"")  # the query, before the screen: the rest draws
        assert b"\x1b_G" not in raw  # no kitty graphics
        assert b"\x1bP" not in raw and b"\x90" not in raw  # no Sixel (DCS)
        assert server.hits["/a.png"] == 1
        assert (tmp_path / "cache").is_dir()  # the picture was cached, scaled
