"""``python -m bench`` (``make bench``): the benchmark suite over synthetic stores.

With no bench flag every bench runs. Stores come from :mod:`bench.synth` (cached in
``bench/.cache/``). Prints a Markdown table of medians; ``--json PATH`` saves them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import asdict

from bench import app_benches, newsboat_bench, store_benches
from bench.common import PYTHON, ROOT, Result, table
from bench.synth import ensure

BENCHES = {
    "cold_start": ("cold start to first frame, and its peak RSS", app_benches.cold_start),
    "list": ("list_articles pages and counts; the app's j/G keypresses", None),
    "open": ("get_article + layout.render of the 5,000-word article", store_benches.open_layout),
    "search": ("store.search and the search CLI", store_benches.search),
    "rss": ("peak RSS of a short interactive session", app_benches.peak_rss_session),
    "refresh": ("bench/refresh_bench.py, if present", None),
    "newsboat": ("newsboat -x print-unread on the same articles", newsboat_bench.newsboat),
    "pictures": ("bench/image_bench.py and bench/picture_app_bench.py per mode", None),
}


def run_list(info) -> list[Result]:
    return store_benches.list_moves(info) + app_benches.app_moves(info)


def run_module(key: str, args: list[str], what: str) -> Result:
    """Run ``python -m <args>`` from the repo root, print its own table, and time it whole."""
    start = time.perf_counter()
    argv = [str(PYTHON), "-m", *args]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    print(proc.stdout)
    if proc.returncode:
        print(proc.stderr[-2000:], file=sys.stderr)
    return Result(
        key,
        f"python -m {' '.join(args)} ({what}; its table is above)",
        0,
        seconds * 1000,
        runs=1,
        command=" ".join(argv[1:]),
        note="ok" if proc.returncode == 0 else f"exit {proc.returncode}",
    )


def run_refresh(feeds: int) -> list[Result]:
    if not (ROOT / "bench" / "refresh_bench.py").exists():
        return [
            Result(
                "refresh",
                "bench/refresh_bench.py",
                0,
                None,
                note="skipped: bench/refresh_bench.py is not there yet",
            )
        ]
    return [run_module("refresh", ["bench.refresh_bench", "--feeds", str(feeds)], "whole run")]


def run_pictures() -> list[Result]:
    """Pictures (issue 17): cells and frames per mode, then the app with 20 pictures."""
    results = [run_module("pictures", ["bench.image_bench"], "cells, frames, Sixel")]
    for mode in ("kitty", "halfblock", "off"):
        args = ["bench.picture_app_bench", "--mode", mode]
        results.append(run_module("pictures", args, "20 pictures in the app: keys, RSS"))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="comma-separated store sizes (default: 10000,100000)",
    )
    for key, (text, _) in BENCHES.items():
        parser.add_argument(f"--{key.replace('_', '-')}", action="store_true", help=text)
    parser.add_argument(
        "--refresh-feeds", type=int, default=200, metavar="N", help="feeds for --refresh"
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args(argv)
    chosen = [k for k in BENCHES if getattr(args, k)] or list(BENCHES)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]

    results: list[Result] = []
    for n in sizes:
        info = ensure(n)
        print(
            f"store of {info.articles:,} articles: {info.path} "
            f"({info.bytes / 1e6:,.0f} MB, generated in {info.seconds:,.1f} s)",
            flush=True,
        )
        results.append(
            Result(
                "synth",
                f"generate store (words {info.words[0]}–{info.words[1]})",
                info.articles,
                info.seconds * 1000,
                runs=1,
                command=f"python -m bench.synth {n}",
                note=f"{info.bytes / 1e6:,.0f} MB",
            )
        )
        for key in chosen:
            if key in ("refresh", "pictures"):
                continue
            print(f"  {key} …", flush=True)
            fn = run_list if key == "list" else BENCHES[key][1]
            results.extend(fn(info))  # type: ignore[misc]
    if "refresh" in chosen:
        results.extend(run_refresh(args.refresh_feeds))
    if "pictures" in chosen:
        results.extend(run_pictures())
    print()
    print(table(results))
    if args.json:
        with open(args.json, "w") as out:
            json.dump([asdict(r) for r in results], out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
