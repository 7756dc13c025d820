"""Sync against a real FreshRSS on loopback: first sync of N items, a sync with nothing new,
and a push of many local marks.

    python -m bench.sync_bench [--items 10000] [--feeds 20] [--page-size 1000] [--batch 1000]

Feeds are generated and served on 127.0.0.1; FreshRSS (``<repo>/../shared/servers/freshrss``,
PHP needed) is started in a temporary folder, subscribed to them through the API and
actualized. Each sync is ``newsreader sync`` in its own process, measured with ``wait4``
(wall time, CPU user+sys, peak RSS). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsreader.config import Config  # noqa: E402
from newsreader.services.stores import open_store  # noqa: E402
from newsreader.services.sync import GReaderClient  # noqa: E402
from tests.support.freshrss import FreshRSS, unavailable  # noqa: E402

PARAGRAPH = (
    "<p>The council met on Tuesday to discuss the harbour wall, the ferry timetable and "
    "the long-promised library extension; residents asked about parking again.</p>"
)


def feed_xml(n: int, items: int) -> bytes:
    entries = "".join(
        f"<item><guid>bench-{n}-{i}</guid><title>Feed {n} story {i}</title>"
        f"<link>http://127.0.0.1/bench/{n}/{i}</link>"
        f"<pubDate>Mon, {1 + i % 28:02d} Jan 2024 {i % 24:02d}:00:00 GMT</pubDate>"
        f"<description><![CDATA[{PARAGRAPH * 4}]]></description></item>"
        for i in range(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Bench feed {n}</title><link>http://127.0.0.1/</link>"
        f"<description>bench</description>{entries}</channel></rss>"
    ).encode()


class _Feeds(BaseHTTPRequestHandler):
    bodies: ClassVar[dict[str, bytes]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = self.bodies.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")


def run_sync(db: Path, config: Path, password: str) -> tuple[float, float, float, str]:
    """``newsreader sync`` in a child: (wall s, CPU s, peak RSS MB, its output line)."""
    env = {**os.environ, "NEWSREADER_SYNC_PASSWORD": password}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--db", str(db), "--config", str(config), "sync"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"sync failed: {err.strip()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=1000, help="marks per edit-tag request")
    args = parser.parse_args()
    why = unavailable()
    if why:
        print(f"skipped: {why}")
        return 0
    per_feed = -(-args.items // args.feeds)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Feeds)
    port = httpd.server_address[1]
    for n in range(args.feeds):
        _Feeds.bodies[f"/f{n}.xml"] = feed_xml(n, per_feed)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        folder = Path(tmp)
        server = FreshRSS(folder / "fr").start()
        try:
            cfg = Config(sync_service="greader", feed_deadline=120)

            async def subscribe() -> int:
                async with GReaderClient(
                    cfg, server.greader, server.user, server.api_password
                ) as client:
                    await client.login()
                    for n in range(args.feeds):
                        await client.subscribe(f"http://127.0.0.1:{port}/f{n}.xml", "", ["Bench"])
                    return len(await client.all_ids("user/-/state/com.google/reading-list"))

            t = time.perf_counter()
            on_server = asyncio.run(subscribe())
            server.actualize()
            print(f"FreshRSS holds {on_server:,} items ({time.perf_counter() - t:.1f} s to load)")
            config = folder / "config.toml"
            config.write_text(
                f'[sync]\nservice = "greader"\nurl = "{server.greader}"\n'
                f'user = "{server.user}"\npage_size = {args.page_size}\nbatch = {args.batch}\n'
            )
            db = folder / "bench.db"
            rows = []
            first = run_sync(db, config, server.api_password)
            rows.append(("first sync", *first))
            rows.append(("sync, nothing new", *run_sync(db, config, server.api_password)))
            with open_store(db) as store:
                count = store.count()
                ids = [a.id for a in store.list_articles(limit=1000)]
                store.set_read(ids)
            pushed = run_sync(db, config, server.api_password)
            rows.append((f"sync pushing {len(ids):,} read marks", *pushed))
        finally:
            server.stop()
            httpd.shutdown()
    print(f"\n{count:,} articles stored; page size {args.page_size}, batch {args.batch}\n")
    print("| what | wall | CPU | peak RSS | output |\n|---|---:|---:|---:|---|")
    for what, wall, cpu, rss, out in rows:
        print(f"| {what} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB | {out} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
