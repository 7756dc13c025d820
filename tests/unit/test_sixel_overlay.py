"""Where Sixel pictures go after a frame, and what is repainted so none is left behind."""

from __future__ import annotations

import fcntl
import os
import struct
import termios

import pytest

from newsreader.images.overlay import (
    CELL_FALLBACK,
    Placement,
    SixelOverlay,
    cell_pixels,
    covered,
    inside,
    touched,
    visible,
)

CELL = (10, 20)


def at(src: str, x: int, y: int, w: int = 6, h: int = 3) -> Placement:
    return Placement(src, (x, y, w, h), CELL)


def test_only_pictures_wholly_in_view_are_placed_at_their_screen_cells():
    spots = [("a", 2, 4, 6, 3), ("b", 10, 0, 6, 3), ("c", 30, 1, 5, 2), ("d", 8, 70, 6, 3)]
    view = (1, 1, 40, 12)  # columns 1-40, rows 1-12 of the screen
    placed = visible(spots, top=2, origin=(1 + 0, 1), view=view)
    # a: line 2 is the first shown (row 1); b: rows 9-11; c: below; d: past the right edge
    assert placed == [("a", (5, 1, 6, 3)), ("b", (1, 9, 6, 3))]
    assert visible(spots, top=3, origin=(1, 1), view=view) == [("b", (1, 8, 6, 3))]  # a: cut
    assert visible(spots, top=0, origin=(1, 1), view=view) == [("a", (5, 3, 6, 3))]  # b: cut


def test_inside_touched_and_covered():
    assert inside((2, 2, 3, 3), (0, 0, 5, 5)) and not inside((3, 2, 3, 3), (0, 0, 5, 5))
    assert not inside((0, 0, 0, 3), (0, 0, 5, 5))
    rect = (4, 1, 3, 2)  # cells 4-6 of rows 1-2
    assert touched(rect, None) and covered(rect, None)
    assert not touched(rect, [(0, 0, 80), (3, 0, 80), (1, 0, 4), (2, 7, 9)])
    assert touched(rect, [(2, 6, 7)]) and not covered(rect, [(2, 6, 7)])
    assert covered(rect, [(1, 0, 80), (2, 4, 5), (2, 5, 7)])  # joined spans
    assert not covered(rect, [(1, 0, 80), (2, 4, 5), (2, 6, 7)])  # a gap at cell 5


def test_a_picture_is_drawn_once_and_again_only_after_its_cells_were_repainted():
    overlay = SixelOverlay()
    a = at("a", 4, 2)
    assert overlay.frame([a], None) == ([a], [])
    assert overlay.frame([a], [(10, 0, 80)]) == ([], [])  # elsewhere: nothing to do
    assert overlay.frame([a], [(3, 0, 5)]) == ([a], [])  # one cell under it: drawn again
    assert overlay.drawn == {a}


def test_a_moved_picture_is_drawn_at_its_new_place_and_its_old_area_repainted():
    overlay = SixelOverlay()
    old, new = at("a", 4, 5), at("a", 4, 2)
    overlay.frame([old], None)
    # The frame repainted everything: the old area is cells again, the new one drawn.
    assert overlay.frame([new], None) == ([new], [])
    # A frame that did not repaint the old area: it would stay, a ghost; repaint it.
    overlay.frame([old], None)
    assert overlay.frame([new], [(2, 4, 10)]) == ([new], [old.rect])
    # Partly repainted: the rest of it is still a ghost.
    overlay.frame([old], None)
    assert overlay.frame([], [(5, 0, 80)]) == ([], [old.rect])
    # Wholly repainted (row by row): nothing left to repaint.
    overlay.frame([old], None)
    assert overlay.frame([], [(5, 0, 80), (6, 4, 10), (7, 0, 12)]) == ([], [])
    assert overlay.drawn == set()


def test_a_covered_or_scrolled_out_picture_is_not_drawn_and_what_it_left_is_repainted():
    overlay = SixelOverlay()
    a, b = at("a", 0, 0), at("b", 0, 10)
    assert sorted(overlay.frame([a, b], None)[0], key=lambda p: p.src) == [a, b]
    draw, repaint = overlay.frame([b], [])  # a left the view with no repaint (say, a toast)
    assert draw == [] and repaint == [a.rect]
    assert overlay.drawn == {b}
    other_cell = Placement("b", b.rect, (9, 18))  # the font changed: drawn again at its size
    assert overlay.frame([other_cell], [])[0] == [other_cell]


def test_the_sixel_fits_the_cells_in_whole_bands():
    assert at("a", 0, 0, 6, 3).pixels == (60, 60)
    assert Placement("a", (0, 0, 4, 5), (9, 17)).pixels == (36, 84)  # 85 → 84, 14 bands


def test_the_cell_size_comes_from_the_terminal_or_the_fallback():
    master, slave = os.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 900, 720))
        assert cell_pixels(slave) == (9, 18)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        assert cell_pixels(slave) == CELL_FALLBACK
    finally:
        os.close(master)
        os.close(slave)
    with open(os.devnull, "wb") as null:
        assert cell_pixels(null.fileno()) == CELL_FALLBACK


@pytest.mark.parametrize("cell", [(10, 20), (7, 15)])
def test_the_service_writes_placed_sixels_of_the_pictures_shown(tmp_path, cell):
    from newsreader.config import Config
    from newsreader.images.encode import only_graphics_escapes
    from newsreader.services.pictures import Picture, Pictures
    from tests.support.pictures import gradient

    service = Pictures(Config(images="sixel"), cache_root=tmp_path, env={"TERM": "foot"})
    assert service.mode == "sixel" and service.overlaid
    pictures = {"a": Picture("a", gradient(30, 20), service.renderer)}
    spots = [("a", 3, 2, 6, 3), ("gone", 0, 0, 2, 2)]
    shown = [(pictures, spots, 1, (5, 1), (5, 1, 30, 10), lambda rect: True)]
    escapes, repaint = service.after_frame(shown, None, cell)
    assert repaint == [] and only_graphics_escapes(escapes)
    assert escapes.startswith("\x1b7\x1b[4;8H\x1bP")  # row 1 + 3 - 1 = 3, column 5 + 2 = 7
    assert f'"1;1;{6 * cell[0]};{3 * cell[1] // 6 * 6}#' in escapes
    assert escapes.count("\x1bP") == 1  # "gone" has no picture: not drawn
    assert service.after_frame(shown, [], cell) == ("", [])  # nothing repainted: nothing to do
    covered_by_a_toast = [(*shown[0][:5], lambda rect: False)]
    assert service.after_frame(covered_by_a_toast, [], cell) == ("", [(7, 3, 6, 3)])
    assert Pictures(Config(images="halfblock"), cache_root=tmp_path).after_frame(
        shown, None, cell
    ) == ("", [])


def test_one_sixel_is_made_per_frame_and_the_others_follow_on_the_next_frames(tmp_path):
    from newsreader.config import Config
    from newsreader.services.pictures import SIXELS_MADE_PER_FRAME, Picture, Pictures
    from tests.support.pictures import gradient

    assert SIXELS_MADE_PER_FRAME == 1
    service = Pictures(Config(images="sixel"), cache_root=tmp_path, env={"TERM": "foot"})
    pictures = {s: Picture(s, gradient(30, 20), service.renderer) for s in "abc"}
    spots = [(s, 4 * n, 0, 6, 3) for n, s in enumerate("abc")]
    shown = [(pictures, spots, 0, (0, 0), (0, 0, 40, 20), lambda rect: True)]
    escapes, repaint = service.after_frame(shown, None, (10, 20))
    assert escapes.count("\x1bP") == 1 and repaint == [(0, 4, 6, 3), (0, 8, 6, 3)]
    spans = [(y, 0, 6) for y in range(4, 7)]  # the next frame repainted b's area
    escapes, repaint = service.after_frame(shown, spans, (10, 20))
    assert escapes.startswith("\x1b7\x1b[5;1H") and escapes.count("\x1bP") == 1
    assert repaint == [(0, 8, 6, 3)]
    escapes, repaint = service.after_frame(shown, [(y, 0, 6) for y in range(8, 11)], (10, 20))
    assert escapes.startswith("\x1b7\x1b[9;1H") and repaint == []
    # All made: after a scroll that repainted everything, the three are drawn at once.
    assert service.after_frame(shown, None, (10, 20))[0].count("\x1bP") == 3
