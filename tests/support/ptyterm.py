"""A program in a pseudo-terminal, for reading the exact bytes it writes to a terminal.

tmux would parse and rewrite the stream (and drop graphics it does not pass on);
here every byte the program writes is kept, so a test can look inside escape
sequences. Nothing answers the program's terminal queries, as a terminal that
says nothing would not, unless ``reply`` is given: it is sent once, when the
program first asks for Primary Device Attributes (``ESC [ c``), as a terminal would.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable


class PtyProgram:
    """Run ``argv`` with ``env`` on a fresh pty of ``size`` (columns, rows); ``cell``: the
    pixel size of a cell the pty reports (``(0, 0)``: none, as many terminals)."""

    def __init__(
        self,
        argv: list[str],
        env: dict[str, str],
        size: tuple[int, int] = (160, 48),
        cell: tuple[int, int] = (0, 0),
        reply: bytes | None = None,
    ):
        master, slave = os.openpty()
        self.reply = reply
        self.started = time.monotonic()
        self.arrivals: list[tuple[float, int]] = []
        """``(time.monotonic(), len(output))`` after each read: when each byte came."""
        columns, rows = size
        self.cell = cell
        fcntl.ioctl(slave, termios.TIOCSWINSZ, self._winsize(columns, rows))
        self._master = master
        self.output = bytearray()
        self._lock = threading.Lock()
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self._master], [], [], 0.1)
                if not ready:
                    if self.process.poll() is not None:
                        return
                    continue
                data = os.read(self._master, 65536)
            except OSError:  # the program closed the terminal
                return
            if not data:
                return
            with self._lock:
                self.output.extend(data)
                self.arrivals.append((time.monotonic(), len(self.output)))
                asked = self.reply is not None and b"\x1b[c" in self.output
            if asked:
                os.write(self._master, self.reply or b"")
                self.reply = None

    def seen_at(self, needle: str) -> float | None:
        """Seconds from the start to when ``needle`` (its last byte) was first written."""
        with self._lock:
            found = bytes(self.output).find(needle.encode())
            if found < 0:
                return None
            end = found + len(needle.encode())
            return next(t for t, size in self.arrivals if size >= end) - self.started

    def text(self) -> str:
        """Everything written so far, decoded (bad bytes replaced)."""
        with self._lock:
            return bytes(self.output).decode("utf-8", "replace")

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 20.0) -> str:
        """The output once ``predicate`` holds for it; fails with the tail after ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text()
            if predicate(text):
                return text
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"timed out; output ends with {self.text()[-400:]!r}")

    def _winsize(self, columns: int, rows: int) -> bytes:
        width, height = self.cell
        return struct.pack("HHHH", rows, columns, columns * width, rows * height)

    def settle(self, quiet: float = 0.4, timeout: float = 10.0) -> str:
        """The output once nothing more was written for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        size, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            now = len(self.output)
            if now != size:
                size, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
            time.sleep(0.05)
        return self.text()

    def resize(self, columns: int, rows: int) -> None:
        """Change the terminal's size and tell the program (``SIGWINCH``), as a window would."""
        fcntl.ioctl(self._master, termios.TIOCSWINSZ, self._winsize(columns, rows))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGWINCH)

    def keys(self, data: str) -> None:
        """Type ``data`` (raw bytes a terminal would send: ``\\r`` is enter)."""
        os.write(self._master, data.encode())

    def close(self, timeout: float = 10.0) -> int | None:
        """Wait for the program to end (killing its session if it does not); its exit code."""
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        self._reader.join(5)
        with contextlib.suppress(OSError):
            os.close(self._master)
        return self.process.returncode
