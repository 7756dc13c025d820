"""Where Sixel pictures go after a frame, and which screen areas must be repainted.

A Sixel image is not a cell: it is written over cells after the frame that drew
them, and it stays on the terminal until cells are written over it. So the
reader draws the half-block rendition of a picture in its cells (what shows if
the Sixel is not drawn), and after each frame :class:`SixelOverlay` decides:

* a picture drawn before whose area the frame repainted (even in part) has lost
  pixels: it is drawn again if it is still wanted there;
* a picture drawn before that is no longer wanted there (scrolled, gone, covered)
  and whose area the frame did not fully repaint would leave a ghost: its area
  is returned for repainting (the next frame writes the cells now there over it);
* a wanted picture not on the terminal yet is drawn.

Only pictures wholly inside the visible part of the reader are wanted, so a
Sixel never has to be clipped. Pure (rectangles and spans in, decisions out).
"""

from __future__ import annotations

import fcntl
import struct
import termios
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Rect = tuple[int, int, int, int]
"""``(x, y, width, height)`` in screen cells."""
Span = tuple[int, int, int]
"""``(y, x1, x2)``: cells ``x1`` to ``x2 - 1`` of screen row ``y`` (Textual's update spans)."""
CELL_FALLBACK = (10, 20)
"""The pixel size of a cell assumed when the terminal does not say."""


@dataclass(frozen=True)
class Placement:
    """A picture to show as Sixel: its ``src``, where (screen cells), and the cell size in px."""

    src: str
    rect: Rect
    cell: tuple[int, int]

    @property
    def pixels(self) -> tuple[int, int]:
        """The image's size in pixels: the cells' width, and their height down to a
        whole number of six-pixel bands (so no band reaches the row below)."""
        _x, _y, width, height = self.rect
        return width * self.cell[0], height * self.cell[1] // 6 * 6


def inside(rect: Rect, view: Rect) -> bool:
    """``rect`` lies wholly within ``view``."""
    x, y, w, h = rect
    vx, vy, vw, vh = view
    return w > 0 and h > 0 and vx <= x and vy <= y and x + w <= vx + vw and y + h <= vy + vh


def visible(
    spots: Iterable[tuple[str, int, int, int, int]],
    *,
    top: int,
    origin: tuple[int, int],
    view: Rect,
) -> list[tuple[str, Rect]]:
    """The pictures wholly on screen: ``spots`` are ``(src, line, column, width, height)``
    in the laid-out article, ``top`` the first line shown, ``origin`` the screen cell of
    line ``top``, column 0; ``view`` the part of the screen the reader shows."""
    out = []
    for src, line, column, width, height in spots:
        rect = (origin[0] + column, origin[1] + line - top, width, height)
        if inside(rect, view):
            out.append((src, rect))
    return out


def touched(rect: Rect, spans: Sequence[Span] | None) -> bool:
    """Some cell of ``rect`` is in ``spans`` (``None``: the whole screen was repainted)."""
    if spans is None:
        return True
    x, y, w, h = rect
    return any(y <= sy < y + h and x1 < x + w and x < x2 for sy, x1, x2 in spans)


def covered(rect: Rect, spans: Sequence[Span] | None) -> bool:
    """Every cell of ``rect`` is in ``spans`` (``None``: the whole screen was repainted)."""
    if spans is None:
        return True
    x, y, w, h = rect
    for row in range(y, y + h):
        runs = sorted((x1, x2) for sy, x1, x2 in spans if sy == row)
        reach = x
        for x1, x2 in runs:
            if x1 > reach:
                break
            reach = max(reach, x2)
        if reach < x + w:
            return False
    return True


class SixelOverlay:
    """What is drawn as Sixel on the terminal, frame after frame (see the module)."""

    def __init__(self) -> None:
        self.drawn: set[Placement] = set()

    def frame(
        self, wanted: Iterable[Placement], repainted: Sequence[Span] | None
    ) -> tuple[list[Placement], list[Rect]]:
        """After a frame that repainted ``repainted``: the pictures to draw now, and the
        areas to repaint (old pictures the frame left on the terminal)."""
        wanted = list(dict.fromkeys(wanted))
        keep: set[Placement] = set()
        repaint: list[Rect] = []
        for placed in self.drawn:
            if touched(placed.rect, repainted):
                if placed not in wanted and not covered(placed.rect, repainted):
                    repaint.append(placed.rect)
            elif placed in wanted:
                keep.add(placed)
            else:
                repaint.append(placed.rect)
        draw = [placed for placed in wanted if placed not in keep]
        self.drawn = keep | set(draw)
        return draw, repaint

    def not_drawn(self, placed: Placement) -> None:
        """``placed``, returned by :meth:`frame` to draw, was not drawn after all."""
        self.drawn.discard(placed)


def cell_pixels(fd: int | None = None) -> tuple[int, int]:
    """The pixel size of a terminal cell from the window size (``TIOCGWINSZ``) of ``fd``
    (by default the first terminal of standard error, where Textual writes, standard
    output and input); :data:`CELL_FALLBACK` when the terminal does not say."""
    for each in (2, 1, 0) if fd is None else (fd,):
        try:
            rows, columns, xpixel, ypixel = struct.unpack(
                "HHHH", fcntl.ioctl(each, termios.TIOCGWINSZ, bytes(8))
            )
        except OSError:
            continue
        if rows and columns and xpixel and ypixel:
            return max(1, xpixel // columns), max(1, ypixel // rows)
        return CELL_FALLBACK
    return CELL_FALLBACK
