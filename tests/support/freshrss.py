"""A real FreshRSS on 127.0.0.1 for sync tests and the sync bench.

The server script lives beside the repository (``<repo>/../shared/servers/freshrss``);
it needs PHP 8.1+ with a few modules. :func:`unavailable` says why it cannot run
(the tests skip with that message), :class:`FreshRSS` starts one in a folder on a
free port and stops it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO.parent / "shared" / "servers" / "freshrss"
HOW = (
    "sync tests against a real FreshRSS need {script} and PHP 8.1+ "
    "(as root the script installs PHP itself: run `{script} start /tmp/fr 8089` once, "
    "then `{script} stop /tmp/fr`)"
)


def unavailable() -> str:
    """Why FreshRSS cannot be started here ("" when it can)."""
    how = HOW.format(script=SCRIPT)
    if not SCRIPT.is_file():
        return f"{SCRIPT} is missing; {how}"
    if shutil.which("php") is None:
        return f"PHP is not installed; {how}"
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class FreshRSS:
    """One server in ``folder``; ``greader``, ``user`` and ``api_password`` once started."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.folder = folder
        self.port = port or free_port()
        self.env: dict[str, str] = {}

    def start(self) -> FreshRSS:
        done = subprocess.run(
            [str(SCRIPT), "start", str(self.folder), str(self.port)],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            raise RuntimeError(f"freshrss start failed: {done.stderr[-2000:]}")
        for line in done.stdout.splitlines():
            key, _, value = line.partition("=")
            self.env[key] = value
        return self

    @property
    def greader(self) -> str:
        return self.env["FRESHRSS_GREADER"]

    @property
    def user(self) -> str:
        return self.env["FRESHRSS_USER"]

    @property
    def api_password(self) -> str:
        return self.env["FRESHRSS_API_PASSWORD"]

    def actualize(self) -> None:
        """Make FreshRSS fetch every feed now (exit status 1: nothing was due, normal)."""
        subprocess.run(
            [str(SCRIPT), "actualize", str(self.folder)],
            capture_output=True,
            timeout=600,
            check=False,
            stdin=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        subprocess.run(
            [str(SCRIPT), "stop", str(self.folder)],
            capture_output=True,
            timeout=60,
            check=False,
            stdin=subprocess.DEVNULL,
            env={**os.environ},
        )
