"""Refresh benchmark: ``python -m bench.refresh_bench --feeds N`` (default 1000).

Serves N synthetic feeds (RSS and Atom, 50 entries of realistic article HTML,
about 400 KB each; see :mod:`bench.refresh_feeds`) from 127.0.0.1 in a separate
process, then times:

* a cold refresh into a fresh store (fetch, parse, store; then FTS5 indexing of
  what was stored), reporting both "all articles stored" and "index complete";
* a second refresh where every feed answers 304;
* the parse stage alone (what the refresh's workers run: ``parse_store_job``):
  a process pool over every body, and one thread over a sample (extrapolated),
  to decide which the refresh should use;
* newsboat on the same feeds (cold reload and all-304 reload) when it is
  installed (``apt-get install newsboat``), and the ratio.

Reports feeds/s, articles/s and peak RSS. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.refresh_feeds import ENTRIES, serve
from newsreader.config import Config
from newsreader.net.fetch import Fetcher
from newsreader.services.refresh import make_parse_executor, parse_store_job, refresh_store
from newsreader.services.stores import open_store


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _start_server(
    latency: float = 0.0, slow_fraction: float = 0.0
) -> tuple[multiprocessing.Process, object, int]:
    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    stop = context.Event()
    process = context.Process(target=serve, args=(ports, stop, latency, slow_fraction), daemon=True)
    process.start()
    return process, stop, ports.get(timeout=60)


def _urls(port: int, n: int) -> list[str]:
    return [f"http://127.0.0.1:{port}/feed{i}.xml" for i in range(n)]


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _machine_busy() -> float:
    """CPU seconds the whole machine has been busy (every process: this one, the
    parse workers, the feed server), from ``/proc/stat``; 0 where there is none."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except OSError:
        return 0.0
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def _process_cpu() -> dict[str, float]:
    """CPU seconds by role of this process and its descendants, from ``/proc``:
    this process, the parse workers (children of the forkserver), the feed server."""
    tick = os.sysconf("SC_CLK_TCK")
    procs: dict[int, tuple[int, float, str]] = {}  # pid -> (parent, CPU, command line)
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().decode(errors="replace")
        except OSError:
            continue
        procs[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick, command)
    me = os.getpid()
    roles = {"this process": procs.get(me, (0, 0.0, ""))[1], "parse workers": 0.0}
    roles["feed server"] = 0.0
    for pid, (parent, cpu, command) in procs.items():
        if parent != me:
            continue
        if "forkserver" in command:
            roles["parse workers"] += sum(c for p, c, _ in procs.values() if p == pid)
        elif "resource_tracker" not in command:
            roles["feed server"] += cpu
    return roles


def _time_refresh(db: Path, config: Config) -> tuple[float, object]:
    marks: list[tuple[float, float, dict[str, float]]] = []

    def note_phase(step) -> None:
        if step.indexing and not marks:  # every feed stored: the index catches up
            marks.append((time.perf_counter(), _machine_busy(), _process_cpu()))

    start, cpu, busy, roles = time.perf_counter(), _cpu(), _machine_busy(), _process_cpu()
    summary = refresh_store(db, config, on_progress=note_phase)
    elapsed, busy_end = time.perf_counter() - start, _machine_busy()
    cores = os.cpu_count() or 1
    print(
        f"  (CPU of this process {_cpu() - cpu:.2f} s; the whole machine was busy "
        f"{busy_end - busy:.1f} CPU-s of {elapsed * cores:.1f}; "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    if marks:
        at, busy_mid, roles_mid = marks[0]
        stored, indexing = at - start, time.perf_counter() - at
        print(
            f"  machine busy: {(busy_mid - busy) / (stored * cores):.0%} of {cores} cores "
            f"while fetching and storing, {(busy_end - busy_mid) / (indexing * cores):.0%} "
            "while indexing"
        )
        split = ", ".join(f"{k} {v - roles.get(k, 0.0):.1f} s" for k, v in roles_mid.items())
        print(f"  CPU until every feed was stored ({stored:.1f} s): {split}")
    return elapsed, summary


async def _download(urls: list[str], config: Config) -> list:
    async with Fetcher(config) as fetcher:
        return await asyncio.gather(*(fetcher.fetch(u) for u in urls))


def _parse_stage(bodies: list, processes: bool) -> float:
    executor = make_parse_executor(processes)
    try:
        executor.submit(parse_store_job, b"", "", {}).result()  # start the workers first
        start = time.perf_counter()
        futures = [executor.submit(parse_store_job, f.body, f.url, f.headers) for f in bodies]
        outcomes = [f.result() for f in futures]
        elapsed = time.perf_counter() - start
    finally:
        executor.shutdown()
    failed = [o.error for o in outcomes if o.parsed is None]
    if failed:
        print(f"  warning: {len(failed)} feeds failed to parse: {failed[0]}")
    return elapsed


def _newsboat(urls: list[str], workdir: Path, threads: int, timeout: float) -> tuple[float, float]:
    home = workdir / "nb-home"
    home.mkdir()
    (home / "urls").write_text("\n".join(urls) + "\n")
    (home / "config").write_text(
        f"reload-threads {threads}\nshow-read-feeds yes\ndownload-timeout 60\n"
    )
    cache = home / "cache.db"
    argv = ["newsboat", "-u", str(home / "urls"), "-c", str(cache), "-C", str(home / "config")]
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "XDG_DATA_HOME": str(home),
    }
    times = []
    for _ in range(2):
        start = time.perf_counter()
        subprocess.run(
            [*argv, "-x", "reload"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return times[0], times[1]


def _child(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user+sys, from ``wait4``) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def _opml(urls: list[str]) -> str:
    outlines = "".join(
        f'<outline type="rss" text="feed {i}" xmlUrl="{url}"/>' for i, url in enumerate(urls)
    )
    return f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>'


def _newsboat_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "XDG_DATA_HOME": str(home),
    }


def whole_process(
    sizes: list[int], port: int, runs: int, threads: int, label: str, per_host: int | None
) -> None:
    """The issue's table: whole ``newsreader refresh`` processes beside newsboat ``-x reload``.

    For each size and run: a fresh store and an untimed ``opml import``, then a timed cold
    ``refresh`` and a timed all-304 ``refresh``; newsboat the same way on a fresh cache,
    interleaved. Medians of ``runs``; CPU is user+sys of the child (and its pool workers).
    """
    newsreader = str(Path(sys.executable).with_name("newsreader"))
    have_nb = shutil.which("newsboat") is not None
    rows = []
    for n in sizes:
        urls = _urls(port, n)
        nr_cold, nr_warm, nb_cold, nb_warm, loads = [], [], [], [], []
        for _ in range(runs):
            work = Path(tempfile.mkdtemp(prefix="nr-refresh-wp-"))
            try:
                loads.append(os.getloadavg()[0])
                (work / "feeds.opml").write_text(_opml(urls))
                db = ["--db", str(work / "store.db")]
                if per_host:  # every bench feed is on 127.0.0.1: one host
                    (work / "config.toml").write_text(f"[refresh]\nper_host = {per_host}\n")
                    db += ["--config", str(work / "config.toml")]
                subprocess.run(
                    [newsreader, *db, "opml", "import", str(work / "feeds.opml")],
                    capture_output=True,
                    check=True,
                )
                nr_cold.append(_child([newsreader, *db, "refresh"]))
                nr_warm.append(_child([newsreader, *db, "refresh"]))
                if have_nb:
                    home = work / "nb"
                    home.mkdir()
                    (home / "urls").write_text("\n".join(urls) + "\n")
                    (home / "config").write_text(
                        f"reload-threads {threads}\nshow-read-feeds yes\ndownload-timeout 60\n"
                    )
                    nb = [
                        "newsboat",
                        "-u",
                        str(home / "urls"),
                        "-c",
                        str(home / "cache.db"),
                        "-C",
                        str(home / "config"),
                        "-x",
                        "reload",
                    ]
                    nb_cold.append(_child(nb, _newsboat_env(home)))
                    nb_warm.append(_child(nb, _newsboat_env(home)))
            finally:
                shutil.rmtree(work, ignore_errors=True)
        rows.append((n, nr_cold, nr_warm, nb_cold, nb_warm, loads))

    def med(samples: list[tuple[float, float]], k: int) -> float:
        return statistics.median(s[k] for s in samples)

    print(f"\nwhole processes ({label}; medians of {runs}; wall s, CPU s in brackets)")
    print(
        "| feeds | newsreader cold | newsboat cold | ratio | all-304 newsreader / newsboat "
        "| load avg (2 cores) |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for n, nr_cold, nr_warm, nb_cold, nb_warm, loads in rows:
        if nb_cold:
            nb_c = f"{med(nb_cold, 0):.2f} s ({med(nb_cold, 1):.2f})"
            ratio = f"{med(nr_cold, 0) / med(nb_cold, 0):.2f}x"
            nb_w = f"{med(nb_warm, 0):.2f} s ({med(nb_warm, 1):.2f})"
        else:
            nb_c, ratio, nb_w = "not installed", "", "—"
        print(
            f"| {n} | {med(nr_cold, 0):.2f} s ({med(nr_cold, 1):.2f}) | {nb_c} | {ratio} | "
            f"{med(nr_warm, 0):.2f} s ({med(nr_warm, 1):.2f}) / {nb_w} | "
            f"{min(loads):.2f}–{max(loads):.2f} |"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.refresh_bench", description=__doc__)
    parser.add_argument(
        "--feeds", default="1000", metavar="N[,N…]", help="feed counts (comma-separated)"
    )
    parser.add_argument("--latency-ms", type=float, default=0.0, help="added to every answer")
    parser.add_argument(
        "--slow-fraction", type=float, default=0.0, help="fraction of feeds answering after 2 s"
    )
    parser.add_argument(
        "--whole-process",
        action="store_true",
        help="only the issue's table: whole `newsreader refresh` processes beside newsboat",
    )
    parser.add_argument("--runs", type=int, default=2, help="runs for --whole-process")
    parser.add_argument(
        "--per-host",
        type=int,
        default=None,
        help="--whole-process: newsreader's per_host limit (default: its config's, 4; every "
        "bench feed is on one host, which newsboat's reload-threads do not limit)",
    )
    parser.add_argument("--concurrency", type=int, default=Config().concurrency)
    parser.add_argument("--parser", choices=("auto", "process", "thread"), default="auto")
    parser.add_argument(
        "--thread-sample",
        type=int,
        default=20,
        metavar="K",
        help="feeds parsed on one thread for the comparison (extrapolated)",
    )
    parser.add_argument(
        "--no-full-text",
        action="store_true",
        help="turn the refresh's full-text phase off (on by default; the synthetic "
        "entries are full articles, so it fetches no page: this measures what it costs)",
    )
    parser.add_argument("--newsboat-threads", type=int, default=8)
    parser.add_argument("--no-newsboat", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in str(args.feeds).split(",") if x]
    label = (
        f"server latency {args.latency_ms:g} ms, slow fraction {args.slow_fraction:g} "
        f"(answer after 2 s), newsboat reload-threads {args.newsboat_threads}, "
        f"newsreader per_host {args.per_host or 'default (4)'}"
    )
    if args.whole_process:
        process, stop, port = _start_server(args.latency_ms / 1000, args.slow_fraction)
        try:
            whole_process(sizes, port, args.runs, args.newsboat_threads, label, args.per_host)
        finally:
            stop.set()
            process.join(10)
        return
    for n in sizes:
        _in_process(args, n)


def _in_process(args: argparse.Namespace, n: int) -> None:
    config = Config(
        concurrency=args.concurrency,
        per_host=args.concurrency,  # every feed is on 127.0.0.1
        feed_deadline=300,
        read_timeout=120,
        parser=args.parser,
        full_text_on_refresh=not args.no_full_text,
    )
    print(
        f"refresh benchmark: {n} feeds x {ENTRIES} entries, {os.cpu_count()} CPUs, "
        f"parser={args.parser}, full text {'off' if args.no_full_text else 'on'}"
    )
    process, stop, port = _start_server(args.latency_ms / 1000, args.slow_fraction)
    workdir = Path(tempfile.mkdtemp(prefix="nr-refresh-bench-"))
    try:
        urls = _urls(port, n)
        db = workdir / "store.db"
        with open_store(db) as store:
            for i, url in enumerate(urls):
                store.add_feed(url, f"feed {i}")

        cold, summary = _time_refresh(db, config)
        articles = summary.new_articles
        stored = summary.stored_seconds or cold
        print(
            f"cold refresh:      {cold:8.2f} s  {n / cold:8.1f} feeds/s  "
            f"{articles / cold:8.1f} articles/s  ({summary.line()})"
        )
        print(
            f"  all articles stored (readable) after {stored:.2f} s "
            f"({articles / stored:.1f} articles/s); search index complete after {cold:.2f} s "
            f"(indexing {cold - stored:.2f} s)"
        )
        for result in summary.results[:3]:
            if result.error:
                print(f"  e.g. {result.title}: {result.error}")
        warm, summary2 = _time_refresh(db, config)
        unchanged = sum(1 for r in summary2.results if r.outcome == "unchanged")
        print(
            f"all-304 refresh:   {warm:8.2f} s  {n / warm:8.1f} feeds/s  "
            f"({unchanged} of {n} unchanged)"
        )
        print(
            f"peak RSS: this process {_rss_mb(resource.RUSAGE_SELF):.0f} MB, "
            f"largest child (parse worker or server) {_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB"
        )
        print(f"store size: {db.stat().st_size / 1e6:.0f} MB")

        bodies = asyncio.run(_download(urls, config))
        pooled = _parse_stage(bodies, processes=True)
        k = min(args.thread_sample, n)
        threaded = _parse_stage(bodies[:k], processes=False) * n / k
        print(
            f"parse stage alone: process pool ({os.cpu_count()} workers) {pooled:8.2f} s "
            f"({n * ENTRIES / pooled:.0f} articles/s); one thread ~{threaded:.2f} s "
            f"(extrapolated from {k} feeds); pool is {threaded / pooled:.2f}x faster"
        )
        print(
            f"cold refresh minus the parse stage: {max(cold - pooled, 0):.2f} s "
            "(fetching, storing and indexing not hidden behind parsing)"
        )

        if args.no_newsboat:
            return
        if not shutil.which("newsboat"):
            print("newsboat: not installed, skipped (apt-get install -y newsboat)")
            return
        nb_cold, nb_warm = _newsboat(urls, workdir, args.newsboat_threads, timeout=3600)
        print(
            f"newsboat (reload-threads {args.newsboat_threads}): cold {nb_cold:.2f} s, "
            f"all-304 {nb_warm:.2f} s"
        )
        print(
            f"ratio newsreader/newsboat: cold {cold / nb_cold:.2f} with the index complete, "
            f"{stored / nb_cold:.2f} to all stored (target <= 0.5), all-304 {warm / nb_warm:.2f}"
        )
    finally:
        stop.set()
        process.join(10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
