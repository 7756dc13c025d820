"""Asking the terminal what it draws: the query's bytes, the parser of replies (recorded-style
answers, junk, partial and split replies), the I/O on a real pty, and how ``auto`` uses it."""

from __future__ import annotations

import os
import select
import termios
import threading
import time

import pytest

from newsreader.images import query as q
from newsreader.images.detect import announced, choose_mode

KITTY_OK = b"\x1b_Gi=31;OK\x1b\\"
FOOT_DA1 = b"\x1b[?62;4;6;22c"  # foot, xterm -ti vt340: Sixel (4) among the attributes
XTERM_DA1 = b"\x1b[?65;1;9c"  # plain xterm: no 4
KITTY_DA1 = b"\x1b[?62;c"  # kitty's own DA1


def test_the_query_is_a_kitty_graphics_query_then_primary_device_attributes():
    sent = q.query(31)
    assert sent == b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\x1b[c"
    assert sent.endswith(b"\x1b[c")  # DA1 last: its reply marks the end of the answer


@pytest.mark.parametrize(
    ("reply", "kitty", "sixel", "finished"),
    [
        (KITTY_OK + KITTY_DA1, True, False, True),  # kitty, Ghostty
        (FOOT_DA1, False, True, True),  # foot, xterm with Sixel
        (KITTY_OK + b"\x1b[?62;4;22c", True, True, True),  # both (WezTerm, Konsole)
        (XTERM_DA1, False, False, True),  # plain xterm
        (b"\x1b[?1;2c", False, False, True),  # a VT100-ish answer
        (b"\x1b[?14;44c", False, False, True),  # 4 only as a digit of other parameters
        (b"\x1b_Gi=31;ENOTSUPPORTED:no\x1b\\" + XTERM_DA1, False, False, True),  # kitty says no
        (b"\x1b_Gi=7;OK\x1b\\" + XTERM_DA1, False, False, True),  # another image's OK
        (b"\x1b_Gi=310;OK\x1b\\" + XTERM_DA1, False, False, True),  # id that only starts alike
        (XTERM_DA1 + KITTY_OK, False, False, True),  # an OK after DA1 is not an answer to us
        (b"", False, False, False),  # said nothing
        (b"\x1b_Gi=31;OK", False, False, False),  # cut short
        (b"\x1b[?62;4", False, False, False),  # DA1 cut short
        (b"jk\r\x1b[A" + FOOT_DA1 + b"q", False, True, True),  # keys typed around the reply
        (b"\x1b[?62;4;6;22x", False, False, False),  # not a DA1 reply
        (b"\x1b[62;4c", False, False, False),  # secondary-looking, no '?'
        (bytes(range(256)) * 3, False, False, False),  # junk
        (b"\x1b_G" * 500 + b"\x1b[?4c", False, True, True),  # unterminated APCs, then DA1
        (b"\x00\xff\x1b\x1b\\\x9c\x1b_Gi=31;OK\x1b\\\x1b[?c", True, False, True),  # empty DA1
    ],
)
def test_replies_parse_to_what_they_announce_and_junk_to_nothing(reply, kitty, sixel, finished):
    answer = q.parse(reply)
    assert (answer.kitty, answer.sixel, answer.finished) == (kitty, sixel, finished)
    expected = {name for name, on in (("kitty", kitty), ("sixel", sixel)) if on}
    assert answer.protocols == expected


def test_a_reply_split_across_reads_parses_once_whole_and_not_before():
    reply = KITTY_OK + FOOT_DA1
    for cut in range(1, len(reply)):
        head = q.parse(reply[:cut])
        assert not head.finished and not head.sixel
        assert q.parse(reply[:cut] + reply[cut:]) == q.Answer(kitty=True, sixel=True, finished=True)


def test_a_flood_is_read_no_further_than_the_cap():
    # A DA1 reply beyond MAX_REPLY bytes of junk is not looked at.
    assert q.parse(b"x" * q.MAX_REPLY + FOOT_DA1) == q.Answer()
    assert q.parse("\x1b[?4c") == q.Answer()  # type: ignore[arg-type]  # not bytes: nothing


@pytest.mark.parametrize(
    ("setting", "env", "ttys", "asked"),
    [
        ("auto", {"TERM": "xterm-256color"}, True, True),
        ("auto", {"TERM": "xterm-256color"}, False, False),  # piped, headless
        ("kitty", {"TERM": "xterm-256color"}, True, False),  # named: nothing to ask
        ("off", {"TERM": "xterm-256color"}, True, False),
        ("auto", {"TERM": "xterm-256color", "TMUX": "/tmp/t,1,0"}, True, False),
        ("auto", {"TERM": "screen-256color"}, True, False),
        ("auto", {"TERM": "tmux-256color"}, True, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("auto", {}, True, False),
        ("auto", {"TERM": "xterm-256color", q.SKIP_ENV: "1"}, True, False),
    ],
)
def test_the_terminal_is_asked_only_for_auto_on_a_terminal_outside_tmux(setting, env, ttys, asked):
    assert q.should_ask(setting, env, ttys=ttys) is asked


@pytest.mark.parametrize(
    ("answer", "env", "truecolor", "expected"),
    [
        (frozenset({"kitty"}), {"TERM": "xterm-256color"}, True, "kitty"),  # Ghostty over ssh
        (frozenset({"kitty"}), {"TERM": "xterm-256color"}, False, "halfblock"),  # 256 colours
        (frozenset({"sixel"}), {"TERM": "xterm-256color"}, True, "sixel"),  # xterm -ti vt340
        (frozenset(), {"TERM": "xterm-kitty"}, True, "halfblock"),  # answered: the answer rules
        (frozenset({"kitty", "sixel"}), {"TERM_PROGRAM": "WezTerm"}, True, "sixel"),
        (frozenset({"kitty"}), {"TERM_PROGRAM": "WezTerm"}, True, "halfblock"),
        (None, {"TERM": "xterm-kitty"}, True, "kitty"),  # not asked: the environment
        (None, {"TERM": "xterm-256color"}, True, "halfblock"),
        (frozenset({"kitty"}), {"TERM": "xterm-kitty", "TMUX": "/tmp/t,1,0"}, True, "halfblock"),
    ],
)
def test_auto_draws_what_the_terminal_answered_else_what_its_environment_says(
    answer, env, truecolor, expected
):
    assert choose_mode("auto", env, truecolor=truecolor, answer=answer) == expected


def test_a_named_mode_is_not_changed_by_the_answer():
    assert choose_mode("halfblock", {}, truecolor=True, answer=frozenset({"kitty"})) == "halfblock"
    assert choose_mode("sixel", {}, answer=frozenset()) == "sixel"
    assert choose_mode("off", {}, answer=frozenset({"sixel"})) == "off"
    assert announced({"TERM": "foot"}, None) == "sixel"


# -- the I/O, on a real pty ---------------------------------------------------------------


class Terminal:
    """The far side of a pty: reads what the program sends and answers ``reply`` to a DA1."""

    def __init__(self, reply: bytes | None):
        self.master, self.slave = os.openpty()
        self.got = bytearray()
        self.reply = reply
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline and not self.got.endswith(b"\x1b[c"):
            try:
                self.got.extend(os.read(self.master, 1024))
            except OSError:
                return
        if self.reply is not None and self.got.endswith(b"\x1b[c"):
            os.write(self.master, self.reply)

    def close(self) -> None:
        self.thread.join(3)
        os.close(self.slave)
        os.close(self.master)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (KITTY_OK + KITTY_DA1, {"kitty"}),
        (FOOT_DA1, {"sixel"}),
        (XTERM_DA1, set()),
        (None, None),  # says nothing: not answered, auto follows the environment
    ],
)
def test_asking_a_pty_gets_its_answer_and_restores_its_settings(reply, expected):
    term = Terminal(None if reply is None else reply + b"jk")  # keys typed after the reply
    try:
        saved = termios.tcgetattr(term.slave)
        start = time.monotonic()
        got = q.ask_terminal("auto", {"TERM": "xterm-256color"}, term.slave, term.slave)
        took = time.monotonic() - start
        assert got == (None if expected is None else frozenset(expected))
        assert termios.tcgetattr(term.slave) == saved  # echo, canonical mode: as before
        assert took < q.TIMEOUT + 0.5
        if reply is not None:
            assert took < q.TIMEOUT  # the DA1 reply ends the wait
        term.thread.join(3)
        assert bytes(term.got) == q.query()  # the query, and nothing echoed (reply, keys)
        time.sleep(0.05)
        ready, _, _ = select.select([term.slave], [], [], 0.05)
        assert not ready  # the rest was dropped: the app does not read it as keys
    finally:
        term.close()


def test_nothing_is_sent_when_not_asked():
    term = Terminal(FOOT_DA1)
    try:
        env = {"TERM": "xterm-256color", "TMUX": "/tmp/t,1,0"}
        assert q.ask_terminal("auto", env, term.slave, term.slave) is None
        r, w = os.pipe()  # not a terminal
        try:
            assert q.ask_terminal("auto", {"TERM": "xterm-256color"}, r, w) is None
        finally:
            os.close(r)
            os.close(w)
        time.sleep(0.1)
        assert bytes(term.got) == b""
    finally:
        os.write(term.slave, b"\x1b[c")  # let the terminal thread end
        term.close()


def test_settings_are_restored_when_interrupted(monkeypatch):
    term = Terminal(None)
    try:
        saved = termios.tcgetattr(term.slave)

        def interrupted(*args):
            raise KeyboardInterrupt

        monkeypatch.setattr(q.select, "select", interrupted)
        with pytest.raises(KeyboardInterrupt):
            q.ask(term.slave, term.slave)
        assert termios.tcgetattr(term.slave) == saved
    finally:
        term.close()


def test_the_wait_overlaps_the_body_and_an_error_in_it_still_restores_the_terminal():
    term = Terminal(FOOT_DA1)
    try:
        saved = termios.tcgetattr(term.slave)
        start = time.monotonic()
        with q.asking("auto", {"TERM": "xterm-256color"}, term.slave, term.slave) as asked:
            assert termios.tcgetattr(term.slave) != saved  # no echo while the reply comes
            time.sleep(q.TIMEOUT + 0.05)  # the UI being imported: the reply arrives meanwhile
        assert asked.graphics == frozenset({"sixel"})
        assert time.monotonic() - start < q.TIMEOUT + 0.15  # no second wait after the body
        assert termios.tcgetattr(term.slave) == saved
    finally:
        term.close()
    term = Terminal(None)
    try:
        saved = termios.tcgetattr(term.slave)
        with (
            pytest.raises(ImportError),
            q.asking("auto", {"TERM": "xterm-256color"}, term.slave, term.slave) as asked,
        ):
            raise ImportError("the UI could not be imported")
        assert asked.graphics is None
        assert termios.tcgetattr(term.slave) == saved
    finally:
        term.close()
