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


def ask(fd_in: int, fd_out: int, timeout: float = TIMEOUT, image_id: int = QUERY_ID) -> Answer:
    """Send the query on ``fd_out`` and read the reply on ``fd_in`` (a terminal), for at
    most ``timeout`` seconds: until the DA1 reply arrives, or :data:`MAX_REPLY` bytes.

    The terminal is put in cbreak mode (no echo) meanwhile and restored in any case
    (Ctrl-C included); bytes read or left unread are dropped, never echoed. Raises
    ``OSError``/``termios.error`` when ``fd_in`` is no terminal.
    """
    saved = termios.tcgetattr(fd_in)
    reply = bytearray()
    try:
        tty.setcbreak(fd_in, termios.TCSANOW)
        os.write(fd_out, query(image_id))
        deadline = time.monotonic() + timeout
        while len(reply) < MAX_REPLY:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([fd_in], [], [], left)
            if not ready:
                break
            chunk = os.read(fd_in, 1024)
            if not chunk:
                break
            reply.extend(chunk)
            if DA1.search(reply):
                break
    finally:
        # TCSAFLUSH: whatever else arrived (a reply's tail, a key) is dropped, never echoed.
        termios.tcsetattr(fd_in, termios.TCSAFLUSH, saved)
    return parse(bytes(reply), image_id)


def ask_terminal(
    setting: str, env: Mapping[str, str], fd_in: int = 0, fd_out: int = 1
) -> frozenset[str] | None:
    """The graphics the terminal on ``fd_in``/``fd_out`` announces when asked, or ``None``
    when it was not asked (see :func:`should_ask`), could not be, or said nothing at
    all (then ``auto`` follows the environment, as without a query)."""
    try:
        ttys = os.isatty(fd_in) and os.isatty(fd_out)
    except OSError:
        return None
    if not should_ask(setting, env, ttys=ttys):
        return None
    try:
        answer = ask(fd_in, fd_out)
    except (OSError, termios.error):
        return None
    if not answer.finished and not answer.protocols:
        return None
    return answer.protocols
