"""The app and a `newsreader refresh` from cron at the same time (issue 6): no
"database is locked" reaches the user and no mark is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from newsreader.services.reading import get_article
from newsreader.services.stores import open_store
from newsreader.ui.app import NewsApp
from tests.support.feeds import rss
from tests.support.hostile_server import HostileServer, send

FEEDS = 10


def changing_feed(name: str):
    """Every fetch of this feed brings 30 new entries, so each refresh writes."""

    def behaviour(handler, server: HostileServer) -> None:
        generation = server.hits[handler.path]
        items = [(f"{name}-{generation}-{i}", f"{name} {generation}/{i}") for i in range(30)]
        send(handler, 200, rss(name, items), "application/rss+xml")

    return behaviour


async def test_marks_in_the_app_while_refresh_runs_in_another_process(db: Path, clock, tmp_path):
    env = {**os.environ, "NEWSREADER_CONFIG": str(tmp_path / "none.toml")}
    refreshes: list[subprocess.CompletedProcess] = []
    stop = threading.Event()
    with HostileServer() as server:
        with open_store(db) as store:
            for n in range(FEEDS):
                path = f"/cron{n}.xml"
                server.route(path, changing_feed(f"cron{n}"))
                store.add_feed(server.url(path), f"Cron {n}")

        def cron() -> None:
            while not stop.is_set():
                refreshes.append(
                    subprocess.run(
                        [sys.executable, "-m", "newsreader", "--db", str(db), "refresh"],
                        env=env,
                        capture_output=True,
                        text=True,
                        timeout=120,
                    )
                )

        worker = threading.Thread(target=cron, daemon=True)
        app = NewsApp(db, clock=clock, import_samples=False)
        expected: dict[int, tuple[bool, bool]] = {}
        async with app.run_test(size=(160, 48)) as pilot:
            screen = app.screen
            worker.start()
            for step in range(120):
                await pilot.press("m" if step % 3 else "b")
                row = screen.list.current
                expected[row.id] = (row.read, row.bookmarked)
                await pilot.press("j" if (step // 15) % 2 == 0 else "k")
            stop.set()
            worker.join(120)
            notes = " ".join(str(n.message) for n in app._notifications).lower()
        assert "locked" not in notes and "busy" not in notes
    assert len(refreshes) >= 2, "the refresh never overlapped the key presses"
    assert all(r.returncode == 0 for r in refreshes), [r.stderr for r in refreshes]
    assert not any("locked" in r.stderr or "Traceback" in r.stderr for r in refreshes)
    with open_store(db) as store:
        for article_id, (read, bookmarked) in expected.items():
            got = get_article(store, article_id)
            assert (got.read, got.bookmarked) == (read, bookmarked), article_id
        assert store.count() > 15  # the refreshes stored their articles too
