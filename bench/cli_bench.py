"""Whole-process time of the CLI commands that print little (issue 16: ≤ 0.10 s each).

``python -m bench.cli_bench [--size 100000] [--runs 15] [--store PATH]``

Each command runs as its own process, interleaved with the others so machine load
falls on all of them alike. Printed per command: median wall time, median CPU
(user+sys of the child, from ``wait4``), min wall, and the CPU above the floor
``python -c "import newsreader.cli"``. The floors ``python -c pass`` and that import
are measured the same way. On a shared machine read the CPU column.

The package is byte-compiled first (``compileall``), as a pip install does: this
environment sets ``PYTHONDONTWRITEBYTECODE=1``, under which every process would
compile every newsreader module from source again (+25–35 ms a command).
``--no-compile`` measures that case instead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import PYTHON, ROOT, Result, table

TARGET_MS = 100.0


def commands(store: Path, article_id: int, word: str) -> dict[str, list[str]]:
    db = ["-m", "newsreader", "--db", str(store)]
    return {
        "python -c pass": ["-c", "pass"],
        'python -c "import newsreader.cli"': ["-c", "import newsreader.cli"],
        "newsreader feeds": [*db, "feeds"],
        f"newsreader show {article_id}": [*db, "show", str(article_id)],
        f"newsreader search {word}": [*db, "search", word],
        f"newsreader read {article_id}": [*db, "read", str(article_id)],
    }


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU (user+sys) milliseconds of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(PYTHON), *argv], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def measure(cmds: dict[str, list[str]], runs: int) -> dict[str, tuple[list[float], list[float]]]:
    samples: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in cmds}
    for argv in cmds.values():  # warm the page cache
        run_once(argv)
    for _ in range(runs):
        for name, argv in cmds.items():
            wall, cpu = run_once(argv)
            samples[name][0].append(wall)
            samples[name][1].append(cpu)
    return samples


def pick_article(store: Path) -> tuple[int, str]:
    import sqlite3

    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT max(id) FROM articles").fetchone()
    finally:
        conn.close()
    return int(row[0] or 1), "climate"


def run(store: Path, size: int, runs: int) -> list[Result]:
    article_id, word = pick_article(store)
    cmds = commands(store, article_id, word)
    samples = measure(cmds, runs)
    floor_cpu = statistics.median(samples['python -c "import newsreader.cli"'][1])
    results = []
    load = os.getloadavg()[0]
    for name, (walls, cpus) in samples.items():
        is_floor = name.startswith("python")
        cpu = statistics.median(cpus)
        results.append(
            Result(
                "cli",
                name,
                size,
                statistics.median(walls),
                runs=runs,
                spread=(min(walls), max(walls)),
                cpu=cpu,
                target=None if is_floor else TARGET_MS,
                command=" ".join(cmds[name]),
                note="floor" if is_floor else f"CPU − import floor {cpu - floor_cpu:.0f} ms",
                extra={"load": load},
            )
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cli_bench", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="synthetic store size")
    parser.add_argument("--store", type=Path, help="use this store instead (it is written to)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--no-compile", action="store_true", help="do not byte-compile newsreader first"
    )
    args = parser.parse_args(argv)
    if not args.no_compile:
        import compileall

        compileall.compile_dir(ROOT / "newsreader", quiet=1)
    if args.store:
        store, size = args.store, 0
    else:
        from bench.synth import ensure

        info = ensure(args.size)
        store, size = info.path, info.articles
    load = os.getloadavg()
    results = run(store, size, args.runs)
    print(table(results))
    print(f"\nload average before/after: {load[0]:.2f} / {os.getloadavg()[0]:.2f} (2 cores)")
    verdict = "ok" if all(r.value <= TARGET_MS for r in results if r.target) else "MISS"
    print(f"CLI ≤ {TARGET_MS:.0f} ms (wall): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
