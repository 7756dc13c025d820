"""Shared pieces of the benchmarks: results, medians, targets, the repository layout."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
NEWSREADER = VENV_BIN / "newsreader"
PYTHON = VENV_BIN / "python"

TARGETS_MS = {
    "cold start": 600.0,
    "list move": 16.0,
    "open+layout": 30.0,
    "search": 30.0,
}
TARGET_RSS_MB = 150.0


@dataclass
class Result:
    """One measured figure (a median over ``runs``) and how it was produced."""

    bench: str
    what: str
    size: int
    value: float | None
    unit: str = "ms"
    runs: int = 0
    target: float | None = None
    command: str = ""
    note: str = ""
    spread: tuple[float, float] | None = None  # (min, max)
    cpu: float | None = None  # median CPU time (same unit), when measured
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "skipped"
        if self.target is None:
            return ""
        return "ok" if self.value <= self.target else "MISS"


def median_ms(
    fn: Callable[[], object], runs: int, warmup: int = 1
) -> tuple[float, float, float, float]:
    """Median, min and max wall time of ``fn()`` and its median CPU time, in milliseconds."""
    for _ in range(warmup):
        fn()
    samples, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - start_cpu) * 1000)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples), max(samples), statistics.median(cpu)


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:,.1f} ms" if value < 1000 else f"{value / 1000:,.2f} s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    return f"{value:,.3g} {unit}"


def table(results: list[Result]) -> str:
    """A Markdown table of ``results``."""
    lines = [
        "| bench | what | articles | median | min–max | CPU | runs | target | verdict | note |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        spread = f"{fmt(r.spread[0], r.unit)}–{fmt(r.spread[1], r.unit)}" if r.spread else ""
        target = fmt(r.target, r.unit) if r.target is not None else ""
        lines.append(
            f"| {r.bench} | {r.what} | {r.size:,} | {fmt(r.value, r.unit)} | {spread} | "
            f"{fmt(r.cpu, r.unit) if r.cpu is not None else ''} | "
            f"{r.runs or ''} | {target} | {r.verdict} | {r.note} |"
        )
    return "\n".join(lines)
