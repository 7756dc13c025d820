"""Ask the terminal which graphics it draws: a kitty graphics query, then Device Attributes.

Done once, before the app takes the terminal (as textual-image and chafa do). The
query is a kitty graphics *query* (``a=q``: nothing is stored or shown) for a 1×1
picture, followed by Primary Device Attributes (``ESC [ c``), which every terminal
answers. So the wait ends as soon as the DA1 reply arrives; a terminal that
answers nothing costs :data:`TIMEOUT`.

* kitty graphics: an ``ESC _G i=<id>;OK ESC \\`` reply arrives before the DA1 reply;
* Sixel: the DA1 reply ``ESC [ ? <params> c`` has parameter 4.

:func:`parse` is pure (bytes in, what was announced out) and never raises: garbage
is "nothing announced". :func:`ask` does the I/O on a terminal's file descriptors.
"""

from __future__ import annotations

import os
import re
import select
import termios
import time
import tty
from collections.abc import Mapping
from dataclasses import dataclass

from newsreader.images.detect import in_tmux

QUERY_ID = 31
"""The kitty image id of the query (never used for a real picture: the query stores nothing)."""
TIMEOUT = 0.15
"""Seconds to wait for the terminal's DA1 reply before giving up."""
MAX_REPLY = 4096
"""Bytes read at most: a terminal (or whatever is on the other end) that floods is cut off."""
SKIP_ENV = "NEWSREADER_NO_TERMINAL_QUERY"
"""Set (non-empty) to never query the terminal: ``auto`` then follows the environment."""

DA1 = re.compile(rb"\x1b\[\?([0-9;]*)c")
KITTY_REPLY = re.compile(rb"\x1b_G([^;\x1b]*);([^\x1b]*)\x1b\\")


def query(image_id: int = QUERY_ID) -> bytes:
    """The bytes to send: the kitty graphics query, then Primary Device Attributes."""
    return b"\x1b_Gi=%d,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\x1b[c" % image_id


@dataclass(frozen=True)
class Answer:
    """What the terminal's reply announced; ``finished`` once its DA1 reply arrived."""

    kitty: bool = False
    sixel: bool = False
    finished: bool = False

    @property
    def protocols(self) -> frozenset[str]:
        """The graphics announced: a subset of ``{"kitty", "sixel"}``."""
        return frozenset(name for name, on in (("kitty", self.kitty), ("sixel", self.sixel)) if on)


def _is_ok(keys: bytes, message: bytes, image_id: int) -> bool:
    fields = keys.split(b",")
    return b"i=%d" % image_id in fields and message == b"OK"


def parse(data: bytes, image_id: int = QUERY_ID) -> Answer:
    """What ``data`` (the terminal's reply so far) announces.

    kitty counts only when its OK for ``image_id`` comes before the DA1 reply; Sixel
    when the DA1 reply's parameters include 4. Anything else in ``data`` (keys typed
    meanwhile, other replies, junk) is ignored. Never raises.
    """
    if not isinstance(data, (bytes, bytearray)):
        return Answer()
    data = bytes(data[:MAX_REPLY])
    da1 = DA1.search(data)
    before = data if da1 is None else data[: da1.start()]
    kitty = any(_is_ok(m.group(1), m.group(2), image_id) for m in KITTY_REPLY.finditer(before))
    if da1 is None:
        return Answer(kitty=kitty)
    params = da1.group(1).split(b";")
    return Answer(kitty=kitty, sixel=b"4" in params, finished=True)


def should_ask(setting: str, env: Mapping[str, str], *, ttys: bool) -> bool:
    """Whether to query: ``auto`` only, on a terminal (``ttys``: stdin and stdout both
    are), not inside tmux or screen (which would not pass the query on; half-block
    there), and not when :data:`SKIP_ENV` is set."""
    return (
        setting == "auto"
        and ttys
        and not in_tmux(env)
        and not env.get(SKIP_ENV)
        and env.get("TERM", "") not in ("", "dumb")
    )


class TerminalQuery:
    """The query in flight, as a context manager: sent on entering, its reply read on
    leaving (for what is left of ``timeout`` since it was sent), so the wait overlaps
    whatever the body does (the launcher imports the UI meanwhile).

    The terminal is in cbreak mode (no echo) in between and restored on leaving in
    any case (an exception, Ctrl-C); bytes read or left unread are dropped, never
    echoed. :attr:`answer` is what the reply announced (read only when the body ended
    normally). Entering raises ``OSError``/``termios.error`` when ``fd_in`` is no terminal.
    """

    def __init__(
        self, fd_in: int, fd_out: int, timeout: float = TIMEOUT, image_id: int = QUERY_ID
    ) -> None:
        self.fd_in, self.fd_out = fd_in, fd_out
        self.timeout, self.image_id = timeout, image_id
        self.answer = Answer()
        self._saved: list | None = None
        self._deadline = 0.0

    def __enter__(self) -> TerminalQuery:
        self._saved = termios.tcgetattr(self.fd_in)
        try:
            tty.setcbreak(self.fd_in, termios.TCSANOW)
            os.write(self.fd_out, query(self.image_id))
        except BaseException:
            self._restore()
            raise
        self._deadline = time.monotonic() + self.timeout
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if kind is None:
                self.answer = parse(self._read(), self.image_id)
        finally:
            self._restore()

    def _read(self) -> bytes:
        """The reply: until the DA1 reply, the deadline, or :data:`MAX_REPLY` bytes."""
        reply = bytearray()
        while len(reply) < MAX_REPLY:
            # Past the deadline, what already arrived is still read (the body may have
            # taken longer than the terminal).
            left = max(0.0, self._deadline - time.monotonic())
            ready, _, _ = select.select([self.fd_in], [], [], left)
            if not ready:
                break
            chunk = os.read(self.fd_in, 1024)
            if not chunk:
                break
            reply.extend(chunk)
            if DA1.search(reply):
                break
        return bytes(reply)

    def _restore(self) -> None:
        if self._saved is not None:
            # TCSAFLUSH: whatever else arrived (a reply's tail, a key) is dropped, not echoed.
            termios.tcsetattr(self.fd_in, termios.TCSAFLUSH, self._saved)
            self._saved = None


def ask(fd_in: int, fd_out: int, timeout: float = TIMEOUT, image_id: int = QUERY_ID) -> Answer:
    """Send the query on ``fd_out`` and read the reply on ``fd_in`` (a terminal), for at
    most ``timeout`` seconds (see :class:`TerminalQuery`)."""
    with TerminalQuery(fd_in, fd_out, timeout, image_id) as asked:
        pass
    return asked.answer


class Asking:
    """:func:`asking`'s result: :attr:`graphics` is set on leaving the ``with``."""

    def __init__(self, query: TerminalQuery | None) -> None:
        self.query = query
        self.graphics: frozenset[str] | None = None
        """What the terminal announced, or ``None``: not asked, could not be, or said nothing."""

    def __enter__(self) -> Asking:
        if self.query is not None:
            try:
                self.query.__enter__()
            except (OSError, termios.error):
                self.query = None
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self.query is None:
            return
        try:
            self.query.__exit__(kind, error, trace)
        except (OSError, termios.error):
            return
        answer = self.query.answer
        if kind is None and (answer.finished or answer.protocols):
            self.graphics = answer.protocols


def asking(setting: str, env: Mapping[str, str], fd_in: int = 0, fd_out: int = 1) -> Asking:
    """Ask the terminal on ``fd_in``/``fd_out`` while the ``with`` body runs, if it should be
    (see :func:`should_ask`); the result's ``graphics`` is what it announced, or ``None``
    when it was not asked, could not be, or said nothing at all (then ``auto`` follows
    the environment, as without a query)."""
    try:
        ttys = os.isatty(fd_in) and os.isatty(fd_out)
    except OSError:
        ttys = False
    wanted = should_ask(setting, env, ttys=ttys)
    return Asking(TerminalQuery(fd_in, fd_out) if wanted else None)


def ask_terminal(
    setting: str, env: Mapping[str, str], fd_in: int = 0, fd_out: int = 1
) -> frozenset[str] | None:
    """:func:`asking` with nothing done meanwhile: what the terminal announced, or ``None``."""
    with asking(setting, env, fd_in, fd_out) as asked:
        pass
    return asked.graphics
