"""N7: a short, fixed-seed run of the import fuzzer, and a replay of every crash it ever found.

The long run is ``python scripts/fuzz.py --seconds N``; what it finds is kept in
``tests/data/fuzz_crashes/`` and replayed here.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.support import fuzz

SHORT_RUN_SEED = 20261202
SHORT_RUN_CASES = 2500  # about three seconds


def test_short_fuzz_run_finds_no_crash_or_hang() -> None:
    report = fuzz.fuzz(SHORT_RUN_SEED, cases=SHORT_RUN_CASES)
    assert report.cases == SHORT_RUN_CASES
    assert not report.crashes, "\n\n".join(f"{c.name}\n{c.error}" for c in report.crashes[:3])


def test_fuzz_cases_are_deterministic() -> None:
    seeds = fuzz.load_seeds()

    def cases() -> list[bytes]:
        rng = random.Random(7)
        return [fuzz.mutate(rng, seeds) for _ in range(50)]

    first = cases()
    assert first == cases() and len(set(first)) > 40


def test_fuzz_detects_a_raising_target(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner's oracle works: an exception and a hang are both crashes."""

    def boom(data: bytes) -> None:
        raise ValueError("boom")

    def hang(data: bytes) -> None:
        while True:
            pass

    monkeypatch.setitem(fuzz.TARGETS, "boom", boom)
    monkeypatch.setitem(fuzz.TARGETS, "hang", hang)
    crash = fuzz.run_case("boom", b"x")
    assert crash is not None and "ValueError: boom" in crash.error
    crash = fuzz.run_case("hang", b"x", seconds=0.2)
    assert crash is not None and crash.error.startswith("hang")


CASES = fuzz.saved_cases()


def test_crash_cases_are_kept() -> None:
    assert CASES, "tests/data/fuzz_crashes/ holds the crashes the fuzzer found"


@pytest.mark.parametrize(("target", "path"), CASES, ids=[p.name for _, p in CASES])
def test_kept_crash_case_replays_cleanly(target: str, path: Path) -> None:
    crash = fuzz.run_case(target, path.read_bytes())
    assert crash is None, crash.error
