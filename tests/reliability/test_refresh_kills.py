"""SIGKILL during `newsreader refresh` (issue 6): the store stays valid, marks stay, and
each feed's fetch is stored wholly or not at all."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from newsreader.services.reading import get_article
from newsreader.services.stores import open_store
from tests.support.feeds import rss
from tests.support.hostile_server import HostileServer, send

FEEDS = 12
ITEMS = 8
KILLS = 12


def changing_feed(name: str):
    """A feed whose every fetch carries ITEMS new entries (guid ``name-g<hit>-<i>``)."""

    def behaviour(handler, server: HostileServer) -> None:
        generation = server.hits[handler.path]
        items = [
            (f"{name}-g{generation}-{i}", f"{name} gen {generation} #{i}") for i in range(ITEMS)
        ]
        send(handler, 200, rss(name, items), "application/rss+xml")

    return behaviour


def generations(db: Path) -> Counter[str]:
    """How many entries of each (feed, generation) are stored."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        guids = [r[0] for r in conn.execute("SELECT guid FROM articles")]
    finally:
        conn.close()
    return Counter(g.rsplit("-", 1)[0] for g in guids)


MARK = "NEWSREADER_TEST_KILLS"
"""Set in the refreshes this test starts, so their workers are told from anyone else's."""


def forkservers(mark: str) -> set[int]:
    """Pids of live multiprocessing forkservers and their workers started with ``mark``
    in their environment (another program's on the same machine do not count)."""
    found = set()
    tag = f"{MARK}={mark}".encode()
    for entry in Path("/proc").iterdir():
        try:
            if (
                entry.name.isdigit()
                and b"forkserver" in (entry / "cmdline").read_bytes()
                and tag in (entry / "environ").read_bytes().split(b"\0")
            ):
                found.add(int(entry.name))
        except OSError:
            continue
    return found


def test_sigkill_during_refresh_keeps_store_whole(tmp_path: Path) -> None:
    before = forkservers(str(tmp_path))
    db = tmp_path / "refresh.db"
    env = {**os.environ, "NEWSREADER_CONFIG": str(tmp_path / "none.toml"), MARK: str(tmp_path)}
    cmd = [sys.executable, "-m", "newsreader", "--db", str(db), "refresh"]
    rng = random.Random(20261125)
    with HostileServer() as server:
        with open_store(db) as store:
            for n in range(FEEDS):
                path = f"/f{n}.xml"
                server.route(path, changing_feed(f"feed{n}"))
                store.add_feed(server.url(path), f"Feed {n}")
        subprocess.run(cmd, env=env, capture_output=True, check=True, timeout=120)
        marked: dict[int, tuple[bool, bool]] = {}
        with open_store(db) as store:
            first = store.list_articles(limit=10)
            for i, row in enumerate(first):
                state = (i % 2 == 0, i % 3 == 0)
                store.set_read(row.id, state[0])
                store.set_bookmarked(row.id, state[1])
                marked[row.id] = state
        completed = 0
        for _ in range(KILLS):
            proc = subprocess.Popen(
                cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            time.sleep(rng.uniform(0.2, 2.0))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            else:
                completed += 1
            proc.wait(30)
            counts = generations(db)
            partial = {key: n for key, n in counts.items() if n != ITEMS}
            assert not partial, f"half-stored feed fetches: {partial}"
            with open_store(db) as store:
                for article_id, (read, bookmarked) in marked.items():
                    got = get_article(store, article_id)
                    assert got is not None and (got.read, got.bookmarked) == (read, bookmarked)
                # A mark made between kills must survive the next kill too.
                extra = store.list_articles(limit=1, oldest_first=True)[0]
                store.set_bookmarked(extra.id, True)
                marked[extra.id] = (extra.read, True)
    assert completed < KILLS, "no refresh was ever interrupted; the test proves nothing"
    # The killed refreshes' parse workers notice and exit, so their forkservers go too.
    deadline = time.monotonic() + 10
    while forkservers(str(tmp_path)) - before and time.monotonic() < deadline:
        time.sleep(0.2)
    orphans = forkservers(str(tmp_path)) - before
    assert not orphans, "orphaned parse workers outlived a killed refresh"
