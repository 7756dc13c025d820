"""A detached tmux session of fixed size running one command, for end-to-end tests."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path


class TmuxSession:
    """Run ``command`` (a shell string) in a fresh tmux session under ``env -i``.

    Nothing of the test process leaks in (``COLUMNS``/``LINES`` would fix the size)
    but ``PYTHONPATH``, which carries the tests' no-network guard.
    With ``log``, every byte written to the terminal is appended there by
    ``pipe-pane``, and the command waits for that pipe before it starts.
    """

    def __init__(
        self,
        command: str,
        env: dict[str, str],
        size: tuple[int, int] = (140, 40),
        log: Path | None = None,
    ) -> None:
        self.name = f"newsreader-test-{uuid.uuid4().hex[:8]}"
        # The tests' no-network guard (tests/support/no_network.py) goes in too.
        if "PYTHONPATH" in os.environ and "PYTHONPATH" not in env:
            env = {**env, "PYTHONPATH": os.environ["PYTHONPATH"]}
        env_args = " ".join(shlex.quote(f"{k}={v}") for k, v in env.items())
        ready = log.with_suffix(".ready") if log else None
        if ready:
            command = f"while [ ! -e {shlex.quote(str(ready))} ]; do sleep 0.05; done; {command}"
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(size[0]),
                "-y",
                str(size[1]),
                f"env -i {env_args} sh -c {shlex.quote(command)}",
            ],
            check=True,
        )
        if log and ready:
            subprocess.run(
                ["tmux", "pipe-pane", "-o", "-t", self.name, f"cat >> {shlex.quote(str(log))}"],
                check=True,
            )
            time.sleep(0.2)
            ready.touch()

    def capture(self, *, styled: bool = False) -> str:
        """The screen as text (``styled``: with tmux's own SGR codes for the cells)."""
        return subprocess.run(
            ["tmux", "capture-pane", "-p", *(["-e"] if styled else []), "-t", self.name],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def keys(self, *keys: str, pause: float = 0.0) -> None:
        """Type ``keys`` (tmux key names), waiting ``pause`` seconds after each."""
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(pause)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 30.0) -> str:
        """Poll the screen until ``predicate`` holds; fail with the last screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out; the screen was:\n{screen}")

    def alive(self) -> bool:
        return (
            subprocess.run(
                ["tmux", "has-session", "-t", self.name], capture_output=True, check=False
            ).returncode
            == 0
        )

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True, check=False)
