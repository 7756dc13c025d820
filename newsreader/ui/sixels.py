"""Sixel pictures after each frame: where the readers' pictures are on the screen.

The app calls :func:`after_frame` with every frame it writes (inside the frame's
synchronized update). The picture service decides what to draw and what to
repaint (:meth:`newsreader.services.pictures.Pictures.after_frame`); this module
only reads Textual's geometry: which cells the frame repainted, where each
reader's content is, and whether another widget (a toast) lies over it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual._compositor import ChopsUpdate
from textual.geometry import Region

from newsreader.ui.widgets.reader import ReaderPane

if TYPE_CHECKING:
    from textual.screen import Screen

    from newsreader.services.pictures import Pictures, Shown

Rect = tuple[int, int, int, int]


def repainted_spans(frame: object) -> list[tuple[int, int, int]] | None:
    """The ``(y, x1, x2)`` spans a frame rewrote; ``None`` for a whole-screen frame."""
    if isinstance(frame, ChopsUpdate):
        return list(frame.spans)
    return None


def _clear_of_others(screen: Screen, reader: ReaderPane) -> Callable[[Rect], bool]:
    """Whether no widget is drawn over ``reader`` anywhere in an area of the screen."""
    rows = screen._compositor.layers_visible  # per row, the topmost widget first

    def clear(rect: Rect) -> bool:
        x, y, width, height = rect
        for row in range(y, y + height):
            if not 0 <= row < len(rows):
                return False
            for widget, cropped, _region in rows[row]:
                if widget is reader:
                    break
                if widget.visible and cropped.x < x + width and x < cropped.right:
                    return False
            else:
                return False  # the reader is not on this row at all
        return True

    return clear


def shown_readers(screen: Screen) -> list[Shown]:
    """The readers of ``screen`` with pictures, as the picture service wants them."""
    out: list[Shown] = []
    visible = screen._compositor.visible_widgets
    bottom = Region(0, 0, screen.size.width, max(0, screen.size.height - 1))
    for reader in screen.query(ReaderPane):
        geometry = visible.get(reader)
        if not reader.pictures or geometry is None:
            continue
        _region, clip = geometry
        content = reader.scrollable_content_region
        view = content.intersection(clip).intersection(bottom)  # a Sixel never scrolls the screen
        origin = (content.x + reader.indent, content.y)
        out.append(
            (
                reader.pictures,
                reader.picture_spots(),
                int(reader.scroll_y),
                origin,
                tuple(view),
                _clear_of_others(screen, reader),
            )
        )
    return out


def after_frame(app: Any, pictures: Pictures, frame: object) -> str:
    """The Sixels to write after ``frame``; asks Textual to repaint what they leave behind."""
    screen = app.screen
    escapes, repaint = pictures.after_frame(shown_readers(screen), repainted_spans(frame))
    for rect in repaint:
        screen.refresh(Region(*rect))
    return escapes
