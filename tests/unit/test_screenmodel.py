"""The model terminal of the pty tests: text erases Sixel pixels, so what stays is seen."""

from __future__ import annotations

from tests.support.screenmodel import Screen

SIXEL = '\x1bP0;1;0q"1;1;20;40#1;2;100;0;0#1~~\x1b\\'  # 20 x 40 px: 2 x 2 cells of 10 x 20


def test_sixel_pixels_stay_until_cells_are_written_over_them():
    screen = Screen(20, 6, (10, 20))
    screen.feed("\x1b[2;3H▀▀\x1b[3;3H▀▀\x1b7\x1b[2;3H" + SIXEL + "\x1b8")
    assert screen.covered() == {(1, 2), (1, 3), (2, 2), (2, 3)} == screen.cells_with("▀")
    assert (screen.y, screen.x) == (2, 4)  # the cursor restored
    screen.feed("\x1b[1;1H\x1b[38;2;1;2;3mxxxx")
    assert len(screen.covered()) == 4  # beside it: untouched
    screen.feed("\x1b[2;4Hab")  # one cell of it written over (and one beside)
    assert screen.covered() == {(1, 2), (2, 2), (2, 3)}
    screen.feed("\x1b[2;3H\x1b[?2026hxx\x1b[3;1Hxxxx\x1b[?2026l")
    assert screen.covered() == set()
    screen.feed("\x1b[4;1Htext" + "\x1b[4;2H" + SIXEL)  # drawn over text: seen as such
    assert screen.covered() == {(3, 1), (3, 2), (4, 1), (4, 2)}
    assert not screen.covered() <= screen.cells_with("▀")
    screen.feed("\x1b[2J")
    assert screen.covered() == set() and screen.drawn == 2
