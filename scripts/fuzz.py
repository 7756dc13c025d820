"""The import fuzzer, for as long as you like: ``python scripts/fuzz.py --seconds N [--seed S]``.

Mutates the sample feeds, pages and pasted texts and runs them through the real
import and feed-parse paths (see ``tests/support/fuzz.py``). Every crash or hang
is written to ``tests/data/fuzz_crashes/`` (up to three per distinct error; the
suite replays that folder) and
the run prints cases run and crashes found. Exits non-zero if it found any.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.fuzz import CRASH_DIR, fuzz, save

KEEP_PER_KIND = 3  # crash files kept per distinct error (target and last traceback line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="run time (default 60)")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="default: the time")
    parser.add_argument("--out", type=Path, default=CRASH_DIR, help="where crashes are kept")
    args = parser.parse_args(argv)
    report = fuzz(args.seed, seconds=args.seconds)
    kinds: dict[str, list[str]] = {}
    for crash in report.crashes:
        last = (crash.error.strip().splitlines() or ["?"])[-1]
        kept = kinds.setdefault(f"{crash.target}: {last[:160]}", [])
        if len(kept) < KEEP_PER_KIND:
            kept.append(str(save(crash, args.out)))
    print(
        f"seed {args.seed}: {report.cases:,} cases in {report.seconds:.0f} s, "
        f"{len(report.crashes)} crashes ({len(kinds)} distinct)"
    )
    for kind, paths in kinds.items():
        print(f"  {kind}\n    kept as {', '.join(paths)}")
    return 1 if report.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
