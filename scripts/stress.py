"""Longer runs of the store fault tests: ``python scripts/stress.py [--kills N] [--seconds S]``.

Runs the SIGKILL loop (imports, updates, read/bookmark marks killed at random
moments, every acknowledged write checked after each kill) and two concurrent
writers, then prints cases tried, kills survived and anything lost. Exits
non-zero if anything was lost.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from reliability.faults import Ledger, Lost, concurrent_writers, kill_loop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500, help="SIGKILLs (default 500)")
    parser.add_argument(
        "--seconds", type=float, default=60, help="concurrent-writer run time (default 60)"
    )
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args(argv)
    lost: list[str] = []
    with tempfile.TemporaryDirectory(prefix="newsreader-stress-") as folder:
        ledger = Ledger()
        started = time.monotonic()

        print(f"kill loop: {args.kills} kills (seed {args.seed})")
        try:
            # A fresh store every 250 kills keeps each verification pass short.
            done = 0
            while done < args.kills:
                chunk = min(250, args.kills - done)
                part = kill_loop(Path(folder) / f"crash-{done}.db", chunk, seed=args.seed + done)
                for name in ("kills", "acked_ops", "pending_committed", "pending_rolled_back"):
                    setattr(ledger, name, getattr(ledger, name) + getattr(part, name))
                ledger.marks.update({(k, done): v for k, v in part.marks.items()})
                ledger.batches.update({(k, done): v for k, v in part.batches.items()})
                done += chunk
                print(f"  {ledger.kills} kills, {ledger.acked_ops} acknowledged writes", flush=True)
        except Lost as error:
            lost.append(f"kill loop: {error}")
        print(
            f"kill loop: {ledger.kills} kills survived, {ledger.acked_ops} acknowledged writes "
            f"checked ({len(ledger.batches)} import batches, {len(ledger.marks)} marks), "
            f"{ledger.pending_committed} in-flight writes committed, "
            f"{ledger.pending_rolled_back} rolled back whole, "
            f"{time.monotonic() - started:.1f} s"
        )
        print(f"concurrent writers: {args.seconds:g} s")
        try:
            result = concurrent_writers(Path(folder) / "two.db", args.seconds, seed=args.seed)
            print(
                f"concurrent writers: {result.operations} writes, {result.new_articles} articles "
                f"saved, {len(result.errors)} errors surfaced"
            )
            lost.extend(f"concurrent: {e}" for e in result.errors)
        except Lost as error:
            lost.append(f"concurrent writers: {error}")
    cases = ledger.acked_ops + ledger.pending_committed + ledger.pending_rolled_back
    print(f"cases tried: {cases}; kills survived: {ledger.kills}; lost: {len(lost)}")
    for line in lost:
        print(f"LOST: {line}")
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
