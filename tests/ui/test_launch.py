"""The console script starts the reader; the benchmark hook exits after the first frame."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_bench_hook_exits_after_first_frame(db: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "newsreader"
    if not script.exists():
        pytest.skip("the newsreader console script is not installed in this environment")
    env = {
        **os.environ,
        "NEWSREADER_BENCH_EXIT_AFTER_FIRST_PAINT": "1",
        "NEWSREADER_CONFIG": str(tmp_path / "none.toml"),
        "COLUMNS": "100",
        "LINES": "30",
    }
    result = subprocess.run(
        [str(script), "--db", str(db)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    # Textual draws on stderr when stdout is not a terminal.
    assert b"Story 0" in result.stdout + result.stderr  # the list was drawn before exiting
