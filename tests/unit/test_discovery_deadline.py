"""N6: feed discovery has one deadline for the whole ``add``; candidates are tried at once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsreader.cli import main
from tests.support import hostile_server as hs
from tests.support.feeds import atom, rss
from tests.support.hostile_server import HostileServer

DEADLINE = 1.5


@pytest.fixture
def cli(db_path: Path, tmp_path: Path, capsys):
    config = tmp_path / "config.toml"
    config.write_text(f'[refresh]\nparser = "thread"\nread_timeout = 30.0\ndeadline = {DEADLINE}\n')

    def run(*argv: str) -> tuple[int, str, str, float]:
        started = time.monotonic()
        code = main([*argv, "--db", str(db_path), "--config", str(config)])
        out, err = capsys.readouterr()
        return code, out, err, time.monotonic() - started

    return run


def page(*links: tuple[str, str]) -> bytes:
    tags = "".join(f'<link rel="alternate" type="{kind}" href="{href}">' for kind, href in links)
    return f"<!DOCTYPE html><html><head>{tags}</head><body><p>Hi</p></body></html>".encode()


def serve_page(server: HostileServer, body: bytes) -> str:
    return server.route("/", hs.status(200, body, content_type="text/html; charset=utf-8"))


def test_many_hanging_candidates_end_at_one_deadline(cli) -> None:
    with HostileServer() as server:
        links = []
        for n in range(6):
            server.route(f"/hang{n}", hs.stall)
            links.append(("application/rss+xml", f"/hang{n}"))
        code, _, err, seconds = cli("add", serve_page(server, page(*links)))
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "deadline" in err
    assert seconds < DEADLINE + 1.0, seconds


def test_a_good_candidate_wins_while_better_ones_hang(cli) -> None:
    with HostileServer() as server:
        server.route("/hang1.rss", hs.stall)
        server.route("/hang2.rss", hs.stall)
        server.feed("/good.atom", atom("Good", 2))
        links = [
            ("application/rss+xml", "/hang1.rss"),
            ("application/rss+xml", "/hang2.rss"),
            ("application/atom+xml", "/good.atom"),
        ]
        code, out, err, seconds = cli("add", serve_page(server, page(*links)))
    assert code == 0, err
    assert "Good" in out and "2 articles" in out
    assert seconds < DEADLINE + 1.0, seconds


def test_the_best_ranked_candidate_wins_when_all_answer(cli) -> None:
    with HostileServer() as server:
        server.feed("/b.atom", atom("Atom one", 1))
        server.feed("/a.rss", rss("RSS one", 1))
        links = [("application/atom+xml", "/b.atom"), ("application/rss+xml", "/a.rss")]
        code, out, err, _ = cli("add", serve_page(server, page(*links)))
    assert code == 0, err
    assert "RSS one" in out
