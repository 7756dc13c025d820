"""Issue 16's table in one run: ``python -m bench.issue16 [--feeds 50,200] [--runs 3]``.

Every row of the issue's targets, measured in the same run beside newsboat 2.x:

* ``newsreader refresh`` as a whole process, cold (a fresh store after an untimed
  ``opml import``) until it exits (the search index is complete then), beside newsboat
  ``-x reload`` on a fresh cache; without added latency, and with 50 ms added to every
  answer and 10% of the feeds answering after 2 s (``--latency-ms``, ``--slow-fraction``).
  With slow feeds the bench also reads the store while the refresh runs (every 25 ms,
  read-only) and reports when every article of the other feeds was stored and indexed:
  the slow feeds must not hold them back.
* the same processes again: every feed answers 304;
* the app's ``r``: the app headless (Textual ``run_test``) on a fresh store of
  ``--app-feeds`` subscriptions served with the latency above; the time from the
  server's first feed body to the first row in the list (the list widget's rows, polled
  every 5 ms; the screen paints them at its next frame);
* the CLI commands that print little on a 100k store (:mod:`bench.cli_bench`).

CPU is user+sys of the process and of every process it started (the parse workers and
their forkserver included: this process is their subreaper). A refresh cannot end
sooner than its CPU spread over the cores, so "CPU / cores" is its floor on this
machine. 1,000 feeds take minutes (newsboat ~60 s cold): ``--feeds 1000 --runs 1``.
Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import multiprocessing
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.refresh_bench import _child, _newsboat_env, _opml, _urls
from bench.refresh_feeds import ENTRIES, SLOW_SECONDS, serve

CORES = os.cpu_count() or 1
PR_SET_CHILD_SUBREAPER = 36


@dataclass
class Server:
    process: multiprocessing.Process
    stop: object
    port: int
    first_answer: object  # multiprocessing.Value("d")
    slow_every: int

    def close(self) -> None:
        self.stop.set()  # type: ignore[attr-defined]
        self.process.join(10)


def start_server(latency_ms: float, slow_fraction: float) -> Server:
    context = multiprocessing.get_context("spawn")
    ports, stop, first = context.Queue(), context.Event(), context.Value("d", 0.0)
    args = (ports, stop, latency_ms / 1000, slow_fraction, first)
    process = context.Process(target=serve, args=args, daemon=True)
    process.start()
    slow_every = round(1 / slow_fraction) if slow_fraction > 0 else 0
    return Server(process, stop, ports.get(timeout=60), first, slow_every)


def _children(keep: set[int]) -> list[int]:
    me, found = os.getpid(), []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in keep:
            with contextlib.suppress(OSError), open(f"/proc/{entry}/stat") as stat:
                if int(stat.read().rsplit(")", 1)[1].split()[1]) == me:
                    found.append(int(entry))
    return found


def run_child(argv: list[str], env: dict[str, str] | None, keep: set[int]) -> tuple[float, float]:
    """Wall seconds and CPU seconds of ``argv`` and of every process it started.

    This process is a subreaper, so descendants left behind (the forkserver and its
    workers) become its children when the command exits; they are reaped here and
    their CPU (their own children's included) is added.
    """
    wall, cpu = _child(argv, env)
    deadline = time.monotonic() + 5
    while (orphans := _children(keep)) and time.monotonic() < deadline:
        for pid in orphans:
            with contextlib.suppress(ChildProcessError):
                done, _, usage = os.wait4(pid, os.WNOHANG)
                if done:
                    cpu += usage.ru_utime + usage.ru_stime
        time.sleep(0.01)
    return wall, cpu


class FastFeedsWatch:
    """Reads the store while a refresh runs: when were all articles of the feeds that
    answer without the slow delay stored, and when indexed (seconds from ``start``)?"""

    def __init__(self, db: Path, fast_ids: list[int], start: float) -> None:
        self.db, self.start = db, start
        self.expected = len(fast_ids) * ENTRIES
        self.ids = ",".join(str(i) for i in fast_ids)
        self.stored: float | None = None
        self.indexed: float | None = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        conn = None
        while not self.done.wait(0.025) and self.indexed is None:
            try:
                conn = conn or sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=1)
                stored, pending = conn.execute(
                    f"SELECT count(*), count(p.article_id) FROM articles a LEFT JOIN "
                    f"fts_pending p ON p.article_id = a.id WHERE a.feed_id IN ({self.ids})"
                ).fetchone()
            except sqlite3.Error:
                continue
            now = time.perf_counter() - self.start
            if self.stored is None and stored >= self.expected:
                self.stored = now
            if stored >= self.expected and not pending:
                self.indexed = now
        if conn is not None:
            conn.close()

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


@dataclass
class SizeRun:
    cold: list[tuple[float, float]] = field(default_factory=list)
    warm: list[tuple[float, float]] = field(default_factory=list)
    nb_cold: list[tuple[float, float]] = field(default_factory=list)
    nb_warm: list[tuple[float, float]] = field(default_factory=list)
    fast_stored: list[float] = field(default_factory=list)
    fast_indexed: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)


def refresh_size(server: Server, n: int, runs: int, per_host: int, threads: int) -> SizeRun:
    newsreader = str(Path(sys.executable).with_name("newsreader"))
    keep = {server.process.pid or 0}
    out = SizeRun()
    urls = _urls(server.port, n)
    for _ in range(runs):
        work = Path(tempfile.mkdtemp(prefix="nr-issue16-"))
        try:
            out.loads.append(os.getloadavg()[0])
            (work / "feeds.opml").write_text(_opml(urls))
            (work / "config.toml").write_text(f"[refresh]\nper_host = {per_host}\n")
            db = ["--db", str(work / "store.db"), "--config", str(work / "config.toml")]
            subprocess.run(
                [newsreader, *db, "opml", "import", str(work / "feeds.opml")],
                capture_output=True,
                check=True,
            )
            watch = None
            if server.slow_every:
                conn = sqlite3.connect(work / "store.db")
                by_url = dict(conn.execute("SELECT url, id FROM feeds").fetchall())
                conn.close()
                fast = [
                    by_url[u]
                    for i, u in enumerate(urls)
                    if i % server.slow_every != server.slow_every - 1
                ]
                watch = FastFeedsWatch(work / "store.db", fast, time.perf_counter())
            out.cold.append(run_child([newsreader, *db, "refresh"], None, keep))
            if watch is not None:
                watch.stop()
                if watch.stored is not None:
                    out.fast_stored.append(watch.stored)
                if watch.indexed is not None:
                    out.fast_indexed.append(watch.indexed)
            out.warm.append(run_child([newsreader, *db, "refresh"], None, keep))
            if shutil.which("newsboat"):
                home = work / "nb"
                home.mkdir()
                (home / "urls").write_text("\n".join(urls) + "\n")
                (home / "config").write_text(
                    f"reload-threads {threads}\nshow-read-feeds yes\ndownload-timeout 60\n"
                )
                nb = ["newsboat", "-u", str(home / "urls"), "-c", str(home / "cache.db")]
                nb += ["-C", str(home / "config"), "-x", "reload"]
                out.nb_cold.append(run_child(nb, _newsboat_env(home), keep))
                out.nb_warm.append(run_child(nb, _newsboat_env(home), keep))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return out


async def _app_once(server: Server, n: int, per_host: int) -> tuple[float, float]:
    from newsreader.config import Config
    from newsreader.services.stores import open_store
    from newsreader.ui.app import NewsApp

    work = Path(tempfile.mkdtemp(prefix="nr-issue16-app-"))
    try:
        db = work / "store.db"
        with open_store(db) as store:
            for i, url in enumerate(_urls(server.port, n)):
                store.add_feed(url, f"feed {i}")
        app = NewsApp(db, Config(per_host=per_host), import_samples=False)
        async with app.run_test(size=(160, 48)) as pilot:
            screen = app.screen
            server.first_answer.value = 0.0  # type: ignore[attr-defined]
            pressed = time.monotonic()
            # The key in a task, and sleeps, not pilot.pause(): the pilot waits until every
            # widget has drained its queue, which can take a second while progress arrives.
            press = asyncio.create_task(pilot.press("r"))
            while screen.list.total == 0 and time.monotonic() - pressed < 60:  # type: ignore[attr-defined]
                await asyncio.sleep(0.005)
            shown = time.monotonic()
            await press
            while app.refreshing and time.monotonic() - pressed < 120:
                await pilot.pause(0.05)
        first = server.first_answer.value or pressed  # type: ignore[attr-defined]
        return shown - first, shown - pressed
    finally:
        shutil.rmtree(work, ignore_errors=True)


def app_rows(server: Server, n: int, runs: int, per_host: int) -> list[tuple[float, float]]:
    return [asyncio.run(_app_once(server, n, per_host)) for _ in range(runs)]


def _med(samples: list[tuple[float, float]], k: int) -> float:
    return statistics.median(s[k] for s in samples)


def _cell(samples: list[tuple[float, float]]) -> str:
    if not samples:
        return "—"
    cpu = _med(samples, 1)
    return f"{_med(samples, 0):.2f} s (CPU {cpu:.2f}, /{CORES} = {cpu / CORES:.2f})"


def print_refresh(label: str, rows: dict[int, SizeRun], cold_target: float) -> None:
    print(f"\n### Whole-process refresh, {label}")
    print(
        "| feeds | newsreader cold | newsboat cold | ratio (target ≤ "
        f"{cold_target:g}) | all-304 newsreader | newsboat all-304 | ratio | load avg |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, r in rows.items():
        ratio = warm_ratio = "—"
        if r.nb_cold:
            ratio = f"{_med(r.cold, 0) / _med(r.nb_cold, 0):.2f}×"
            warm_ratio = f"{_med(r.warm, 0) / _med(r.nb_warm, 0):.2f}×"
        print(
            f"| {n} | {_cell(r.cold)} | {_cell(r.nb_cold)} | {ratio} | {_cell(r.warm)} | "
            f"{_cell(r.nb_warm)} | {warm_ratio} | {min(r.loads):.2f}–{max(r.loads):.2f} |"
        )
    slow = [(n, r) for n, r in rows.items() if r.fast_stored]
    if slow:
        print(
            f"\nThe feeds that answer without the {SLOW_SECONDS:g} s delay, read from the store "
            "during the cold refresh (medians):"
        )
        for n, r in slow:
            indexed = statistics.median(r.fast_indexed) if r.fast_indexed else float("nan")
            print(
                f"- {n} feeds: all their articles stored after "
                f"{statistics.median(r.fast_stored):.2f} s, indexed after {indexed:.2f} s "
                f"(the whole refresh {_med(r.cold, 0):.2f} s)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.issue16", description=__doc__)
    parser.add_argument("--feeds", default="50,200", metavar="N[,N…]")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--slow-fraction", type=float, default=0.1)
    parser.add_argument("--per-host", type=int, default=16, help="every bench feed is on one host")
    parser.add_argument("--newsboat-threads", type=int, default=8)
    parser.add_argument("--app-feeds", type=int, default=50)
    parser.add_argument("--app-runs", type=int, default=3)
    parser.add_argument("--cli-runs", type=int, default=11)
    parser.add_argument(
        "--only", default="plain,latency,app,cli", help="which parts (comma-separated)"
    )
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.feeds.split(",") if x]
    parts = set(args.only.split(","))
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    import compileall

    from bench.common import ROOT

    compileall.compile_dir(ROOT / "newsreader", quiet=1)  # as a pip install leaves it
    print(f"issue 16 bench: {CORES} cores, load average {os.getloadavg()[0]:.2f}")
    if "plain" in parts:
        server = start_server(0.0, 0.0)
        try:
            rows = {
                n: refresh_size(server, n, args.runs, args.per_host, args.newsboat_threads)
                for n in sizes
            }
        finally:
            server.close()
        print_refresh("no added latency", rows, 0.5)
    if "latency" in parts or "app" in parts:
        server = start_server(args.latency_ms, args.slow_fraction)
        try:
            if "latency" in parts:
                label = (
                    f"{args.latency_ms:g} ms added to every answer, every "
                    f"{server.slow_every}th feed after {SLOW_SECONDS:g} s"
                )
                rows = {
                    n: refresh_size(server, n, args.runs, args.per_host, args.newsboat_threads)
                    for n in sizes
                }
                print_refresh(label, rows, 0.5)
            if "app" in parts:
                samples = app_rows(server, args.app_feeds, args.app_runs, args.per_host)
                after_first = [s[0] for s in samples]
                print(
                    f"\n### The app's `r` ({args.app_feeds} feeds, the server above; "
                    f"{args.app_runs} runs, load {os.getloadavg()[0]:.2f})\n"
                    f"first new article in the list: {statistics.median(after_first):.3f} s after "
                    f"the first feed's answer (runs {', '.join(f'{s:.3f}' for s in after_first)}; "
                    f"{statistics.median(s[1] for s in samples):.3f} s after `r`); target ≤ 0.5 s"
                )
        finally:
            server.close()
    if "cli" in parts:
        from bench.cli_bench import run as cli_run
        from bench.common import table
        from bench.synth import ensure

        info = ensure(100_000)
        print(f"\n### CLI commands that print little ({info.articles:,}-article store)")
        print(table(cli_run(info.path, info.articles, args.cli_runs)))
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
