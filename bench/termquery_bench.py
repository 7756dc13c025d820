"""What asking the terminal for its graphics (issue 17) adds to start-up.

1. The query alone, in-process (:func:`newsreader.images.query.ask`), against a pty whose
   far side answers at once (kitty's OK + DA1) and one that never answers.
2. The app: spawn → the first frame with the list, seen on a pty (the cold-start bench's
   measure), with ``images = "auto"`` and TERM=xterm-256color, when the pty answers at
   once, never answers, and with the query switched off (``NEWSREADER_NO_TERMINAL_QUERY``).

``python -m bench.termquery_bench [--runs N] [--size N]``
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import threading
import time

from bench.app_benches import FIRST_FRAME_MARKER, run_in_pty
from bench.common import NEWSREADER
from bench.synth import ensure
from newsreader.images.query import SKIP_ENV, TIMEOUT, ask

KITTY_ANSWER = b"\x1b_Gi=31;OK\x1b\\\x1b[?62;c"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def query_alone(answers: bool, runs: int) -> tuple[float, float]:
    """Median wall and CPU ms of :func:`ask` against a pty that answers (or not)."""
    walls, cpus = [], []
    for _ in range(runs):
        master, slave = os.openpty()

        def terminal(master: int = master) -> None:
            got = b""
            while not got.endswith(b"\x1b[c"):
                got += os.read(master, 1024)
            if answers:
                os.write(master, KITTY_ANSWER)

        thread = threading.Thread(target=terminal, daemon=True)
        thread.start()
        wall, cpu = time.perf_counter(), _cpu()
        answer = ask(slave, slave)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((_cpu() - cpu) * 1000)
        assert answer.kitty is answers
        thread.join(1)
        os.close(slave)
        os.close(master)
    return statistics.median(walls), statistics.median(cpus)


def app_start(size: int, runs: int) -> dict[str, tuple[float, float, float]]:
    """Per case: median, min and max ms from spawn to the first frame on the pty."""
    info = ensure(size)
    cases = {
        "query off (NEWSREADER_NO_TERMINAL_QUERY=1)": ({SKIP_ENV: "1"}, None),
        "the pty answers at once (kitty OK + DA1)": ({}, KITTY_ANSWER),
        "the pty never answers": ({}, None),
    }
    found: dict[str, list[float]] = {name: [] for name in cases}
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "config.toml")
        with open(config, "w") as out:
            out.write('[ui]\nimages = "auto"\n')
        base = {k: v for k, v in os.environ.items() if not k.startswith("NEWSREADER")}
        base.update(
            TERM="xterm-256color",
            NEWSREADER_CONFIG=config,
            NEWSREADER_DB=info.path,
            NEWSREADER_BENCH_EXIT_AFTER_FIRST_PAINT="1",
        )
        base.pop("TMUX", None)
        argv = [str(NEWSREADER), "--db", info.path]
        for i in range(runs + 1):  # interleaved, so load on the machine hits every case
            for name, (extra, reply) in cases.items():
                run = run_in_pty(
                    argv, {**base, **extra}, timeout=30, marker=FIRST_FRAME_MARKER, reply=reply
                )
                if run.status != 0 or run.marker_seconds is None:
                    raise SystemExit(f"{name}: the app failed (status {run.status})")
                if i:  # the first round warms the page cache
                    found[name].append(run.marker_seconds * 1000)
    return {name: (statistics.median(ms), min(ms), max(ms)) for name, ms in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", type=int, default=1000, help="articles in the store")
    args = parser.parse_args()
    print(f"query timeout: {TIMEOUT * 1000:.0f} ms\n")
    print("| the query alone (`ask`) | median wall ms | median CPU ms |")
    print("|---|---:|---:|")
    for answers in (True, False):
        wall, cpu = query_alone(answers, args.runs)
        what = "pty answers at once" if answers else "pty never answers"
        print(f"| {what} | {wall:.2f} | {cpu:.2f} |")
    print(f"\n| app, {args.size} articles: spawn → first frame | median ms | min–max ms |")
    print("|---|---:|---:|")
    for name, (median, low, high) in app_start(args.size, args.runs).items():
        print(f"| {name} | {median:.0f} | {low:.0f}–{high:.0f} |")


if __name__ == "__main__":
    main()
