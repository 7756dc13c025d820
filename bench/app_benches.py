"""Benchmarks of the app itself: cold start, peak RSS (both from outside, in a pty), and
per-keypress cost of list moves (in-process, headless ``run_test``)."""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import tempfile
import termios
import time
from dataclasses import dataclass

from bench.common import NEWSREADER, PYTHON, ROOT, TARGET_RSS_MB, TARGETS_MS, Result
from bench.synth import SynthInfo

BENCH_ENV = "NEWSREADER_BENCH_EXIT_AFTER_FIRST_PAINT"
COLUMNS, ROWS = 160, 48


def hook_present() -> bool:
    """Whether the UI honours the first-paint exit hook (a static check of its source)."""
    ui = ROOT / "newsreader" / "ui"
    return ui.is_dir() and any(BENCH_ENV in p.read_text() for p in ui.rglob("*.py"))


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    maxrss_mb: float
    status: int
    timed_out: bool
    output: bytes
    marker_seconds: float | None = None  # spawn → the marker first seen on the pty


TERMINAL_DA1 = b"\x1b[?62;22c"
"""A terminal's answer to Device Attributes (no graphics): the app asks at start-up with
``images = "auto"`` (issue 17), and every terminal answers at once; a silent pty would
add what is left of the query's timeout to the cold start."""

FIRST_FRAME_MARKER = b"articles"
"""Text of the list header ("All · 100,000 articles"): it is on screen once the first
frame with the list has been written."""


def run_in_pty(
    argv: list[str],
    env: dict[str, str],
    *,
    keys: list[tuple[float, bytes]] = (),  # type: ignore[assignment]
    timeout: float = 30.0,
    marker: bytes = b"",
    reply: bytes | None = None,
) -> Run:
    """Spawn ``argv`` on a fresh pty of COLUMNS×ROWS, answer nothing (but ``reply``, once,
    to the first Device Attributes query ``ESC [ c``, as a terminal would), drain its output.

    ``keys`` are (seconds after the first output, bytes) to type. Returns the wall
    time from spawn to exit, from spawn until ``marker`` first appears in the output
    (what a person watching the terminal sees), and the child's peak RSS (``wait4``).
    """
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    output = bytearray()
    first_output: float | None = None
    marker_at: float | None = None
    pending = sorted(keys)
    timed_out = False
    while True:
        now = time.perf_counter()
        if now - start > timeout:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            break
        if first_output is not None and pending and now - first_output >= pending[0][0]:
            os.write(fd, pending.pop(0)[1])
            continue
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the pty
                break
            if not chunk:
                break
            if first_output is None:
                first_output = time.perf_counter()
            output += chunk
            if reply is not None and b"\x1b[c" in output:
                os.write(fd, reply)
                reply = None
            if marker and marker_at is None and marker in output:
                marker_at = time.perf_counter() - start
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    os.close(fd)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, status, timed_out, bytes(output), marker_at)


def _env(info: SynthInfo, config: str, bench_exit: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSREADER")}
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(ROWS),
        NEWSREADER_CONFIG=config,
        NEWSREADER_DB=info.path,
    )
    if bench_exit:
        env[BENCH_ENV] = "1"
    return env


def cold_start(info: SynthInfo, runs: int = 7) -> list[Result]:
    """Spawn → first frame → exit, measured from outside; also the peak RSS of those runs."""
    what = f"`newsreader --db STORE` in a {COLUMNS}x{ROWS} pty, {BENCH_ENV}=1, spawn→exit"
    if not hook_present():
        return [
            Result(
                "cold start",
                what,
                info.articles,
                None,
                note=f"skipped: the UI does not honour {BENCH_ENV} yet",
            )
        ]
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "config.toml")
        open(config, "w").close()
        argv = [str(NEWSREADER), "--db", info.path]
        env = _env(info, config, bench_exit=True)
        samples, rss, cpu, frames = [], [], [], []
        for i in range(runs + 1):
            run = run_in_pty(argv, env, timeout=30, marker=FIRST_FRAME_MARKER, reply=TERMINAL_DA1)
            if run.timed_out or run.status != 0:
                tail = run.output[-300:].decode("utf-8", "replace")
                return [
                    Result(
                        "cold start",
                        what,
                        info.articles,
                        None,
                        note=f"app did not exit cleanly (status {run.status}, "
                        f"timed out {run.timed_out}): {tail!r}",
                    )
                ]
            if i:  # the first run warms the OS page cache and .pyc files
                if run.marker_seconds is not None:
                    frames.append(run.marker_seconds * 1000)
                samples.append(run.seconds * 1000)
                rss.append(run.maxrss_mb)
                cpu.append(run.cpu_seconds * 1000)
    cmd = f"python -m bench --cold-start --sizes {info.articles - 1}"
    floor = []
    for _ in range(runs):
        run = run_in_pty([str(PYTHON), "-c", "from textual.app import App"], env)
        floor.append((run.seconds * 1000, run.cpu_seconds * 1000))
    return [
        Result(
            "cold start",
            "floor: `python -c 'from textual.app import App'` in the same pty",
            info.articles,
            statistics.median(f[0] for f in floor),
            runs=runs,
            spread=(min(f[0] for f in floor), max(f[0] for f in floor)),
            cpu=statistics.median(f[1] for f in floor),
            command=cmd,
        ),
        Result(
            "cold start",
            "spawn → first frame with the list drawn, seen on the pty (the list's "
            f"{FIRST_FRAME_MARKER.decode()!r} header)",
            info.articles,
            statistics.median(frames) if frames else None,
            runs=len(frames),
            target=TARGETS_MS["cold start"],
            spread=(min(frames), max(frames)) if frames else None,
            command=cmd,
            note="" if frames else "the marker never appeared",
        ),
        Result(
            "cold start",
            what,
            info.articles,
            statistics.median(samples),
            runs=runs,
            spread=(min(samples), max(samples)),
            cpu=statistics.median(cpu),
            command=cmd,
            note="CPU = user+sys of the child (wait4)",
        ),
        Result(
            "memory",
            "peak RSS at first frame (ru_maxrss via wait4)",
            info.articles,
            max(rss),
            unit="MB",
            runs=runs,
            target=TARGET_RSS_MB,
            command=cmd,
        ),
    ]


def peak_rss_session(info: SynthInfo) -> list[Result]:
    """Peak RSS of a short interactive session: 200×j, G, g, enter, /search, q."""
    what = "peak RSS: session (200×j, G, g, open, search 'climate', q)"
    if not hook_present():
        return [Result("memory", what, info.articles, None, unit="MB", note="skipped: no UI yet")]
    keys: list[tuple[float, bytes]] = []
    t = 2.0
    for _ in range(200):
        keys.append((t, b"j"))
        t += 0.01
    for key in (b"G", b"g", b"\r", b"\x1b", b"/", b"climate\r"):
        t += 0.5
        keys.append((t, key))
    keys.append((t + 1.5, b"\x1b"))
    keys.append((t + 2.0, b"q"))
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "config.toml")
        open(config, "w").close()
        run = run_in_pty(
            [str(NEWSREADER), "--db", info.path],
            _env(info, config, False),
            keys=keys,
            timeout=t + 15,
        )
    note = "killed after timeout (q not honoured?)" if run.timed_out else ""
    return [
        Result(
            "memory",
            what,
            info.articles,
            run.maxrss_mb,
            unit="MB",
            runs=1,
            target=TARGET_RSS_MB,
            note=note,
            command=f"python -m bench --rss --sizes {info.articles - 1}",
        )
    ]


def app_moves(info: SynthInfo, presses: int = 200) -> list[Result]:
    """Per-keypress wall time of ``j`` (and of ``G``, ``g``) in a headless ``run_test``."""
    try:
        from newsreader.config import Config
        from newsreader.ui.app import NewsApp
    except ImportError as error:
        return [
            Result("list", "app: j per keypress", info.articles, None, note=f"skipped: {error}")
        ]
    return asyncio.run(_app_moves(info, presses, NewsApp, Config))


async def _app_moves(info: SynthInfo, presses: int, app_cls, config_cls) -> list[Result]:
    from pathlib import Path

    app = app_cls(Path(info.path), config_cls(), import_samples=False)
    cmd = f"python -m bench --list --sizes {info.articles - 1}"
    results = []
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        await pilot.pause()

        cpu: dict[str, list[float]] = {}

        async def press(key: str) -> float:
            start, start_cpu = time.perf_counter(), time.process_time()
            await pilot.press(key)
            await pilot.pause()
            cpu.setdefault(key, []).append((time.process_time() - start_cpu) * 1000)
            return (time.perf_counter() - start) * 1000

        idle = [await press("z") for _ in range(50)]  # an unbound key: pilot's own cost
        results.append(
            Result(
                "list",
                "app: unbound key `z` (baseline: pilot + idle frame)",
                info.articles,
                statistics.median(idle),
                runs=len(idle),
                spread=(min(idle), max(idle)),
                cpu=statistics.median(cpu["z"]),
                command=cmd,
            )
        )
        samples = [await press("j") for _ in range(presses)]
        results.append(
            Result(
                "list",
                "app: `j` per keypress (pilot.press + pause, headless)",
                info.articles,
                statistics.median(samples),
                runs=presses,
                target=TARGETS_MS["list move"],
                spread=(min(samples), max(samples)),
                cpu=statistics.median(cpu["j"]),
                command=cmd,
                note=f"p90 {statistics.quantiles(samples, n=10)[-1]:.1f} ms",
            )
        )
        base = statistics.median(cpu["z"])
        results.append(
            Result(
                "list",
                "app: `j` net CPU per keypress (`j` CPU − unbound-key CPU)",
                info.articles,
                statistics.median(cpu["j"]) - base,
                runs=presses,
                target=TARGETS_MS["list move"],
                command=cmd,
                note="the wall figures include ~85 ms of pilot.pause waiting",
            )
        )
        for key, label in (("G", "jump to end"), ("g", "jump to top")):
            ends = []
            for _ in range(5):
                ends.append(await press(key))
                await press("g" if key == "G" else "G")
            results.append(
                Result(
                    "list",
                    f"app: `{key}` ({label})",
                    info.articles,
                    statistics.median(ends),
                    runs=len(ends),
                    target=TARGETS_MS["list move"],
                    spread=(min(ends), max(ends)),
                    cpu=statistics.median(cpu[key]),
                    command=cmd,
                )
            )
    return results
