"""The seam between pictures and the screen: a renderer turns a picture into rows of cells.

The reader draws whatever segments a :class:`CellRenderer` returns over the rows
the layout reserved, and writes what :meth:`CellRenderer.take_output` gives to the
terminal before the frame (a protocol's image data; nothing for half-block). So
another way of drawing is one class here and one entry in :data:`RENDERERS`, with
:data:`~newsreader.images.detect.DRAWN` saying it can be chosen.

A renderer belongs to one picture service (it may hold the terminal's image ids);
:func:`renderer_for` makes a fresh one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from PIL import Image
from rich.segment import Segment

from newsreader.images.encode import kitty, kitty_delete, sixel
from newsreader.images.halfblock import halfblock
from newsreader.images.placeholders import MAX_CELLS, MAX_ID, placeholder_rows


class CellRenderer(Protocol):
    """Draws a picture as ``rows`` lists of segments, each exactly ``columns`` cells wide."""

    name: str
    generation: int
    """Changes when cells made before are no longer valid (:meth:`release`)."""

    def cells(self, image: Image.Image, columns: int, rows: int) -> list[list[Segment]]: ...

    def take_output(self) -> str:
        """Escapes to write to the terminal before the cells are drawn (taken once)."""
        ...

    def release(self) -> None:
        """Cells made so far will not be drawn again: free what the terminal holds for them."""
        ...


class HalfBlock:
    """``▀`` cells, two pixels each: every terminal with colours, tmux included."""

    name = "halfblock"
    generation = 0

    def cells(self, image: Image.Image, columns: int, rows: int) -> list[list[Segment]]:
        return halfblock(image, columns, rows)

    def take_output(self) -> str:
        return ""

    def release(self) -> None:
        return None


class KittyPlaceholders:
    """Kitty Unicode placeholder cells; each picture size is one image sent to the terminal.

    :meth:`cells` gives an image a new id, queues its transmission (a PNG of the
    decoded pixels, ``U=1``: shown only through placeholder cells) and returns the
    placeholder cells. :meth:`release` queues the deletion of every image sent, so
    the terminal's memory holds only the pictures of the article on screen. A
    picture larger than the protocol's table of marks is drawn in half-block.
    """

    name = "kitty"

    def __init__(self, first_id: int = 1) -> None:
        self.generation = 0
        self._next_id = first_id
        self._queued: list[tuple[int, list[str]]] = []  # (id, transmission) not written yet
        self._sent: list[int] = []  # ids the terminal holds
        self._deletions: list[str] = []  # deletions not written yet

    def _new_id(self) -> int:
        image_id = self._next_id
        self._next_id = image_id % MAX_ID + 1
        return image_id

    def cells(self, image: Image.Image, columns: int, rows: int) -> list[list[Segment]]:
        columns, rows = max(1, columns), max(1, rows)
        if columns > MAX_CELLS or rows > MAX_CELLS:
            return halfblock(image, columns, rows)
        image_id = self._new_id()
        self._queued.append((image_id, kitty(image, image_id, columns, rows, virtual=True)))
        return placeholder_rows(image_id, columns, rows)

    def take_output(self) -> str:
        """Deletions first, then the transmissions of the pictures about to be drawn."""
        out = "".join(self._deletions)
        out += "".join("".join(escapes) for _id, escapes in self._queued)
        self._sent.extend(image_id for image_id, _escapes in self._queued)
        self._deletions.clear()
        self._queued.clear()
        return out

    def release(self) -> None:
        self._queued.clear()  # never written: nothing to delete
        self._deletions.extend(kitty_delete(image_id) for image_id in self._sent)
        self._sent.clear()
        self.generation += 1

    @property
    def live(self) -> list[int]:
        """Ids the terminal holds (sent and not released)."""
        return list(self._sent)


class SixelOverHalfBlock(HalfBlock):
    """Half-block cells, with a Sixel of the same picture drawn over them after each frame.

    The cells are what the screen knows (they scroll and clear like text) and what
    shows where no Sixel is drawn (a picture partly scrolled out, or covered);
    :class:`newsreader.images.overlay.SixelOverlay` says when a Sixel is drawn.
    :meth:`sixel` keeps the last :data:`KEPT` encodings, so redrawing a picture
    after a scroll writes bytes already made.
    """

    name = "sixel"
    KEPT = 32

    def __init__(self) -> None:
        self._encoded: OrderedDict[tuple[str, int, int], str] = OrderedDict()

    def has(self, src: str, width: int, height: int) -> bool:
        """The Sixel of ``src`` at this size is made already."""
        return (src, width, height) in self._encoded

    def sixel(self, src: str, image: Image.Image, width: int, height: int) -> str:
        """The Sixel of picture ``src`` (``image``) at ``width`` × ``height`` pixels."""
        key = (src, width, height)
        found = self._encoded.get(key)
        if found is None:
            found = self._encoded[key] = sixel(image, width, height)
            while len(self._encoded) > self.KEPT:
                self._encoded.popitem(last=False)
        self._encoded.move_to_end(key)
        return found

    def release(self) -> None:
        self._encoded.clear()


RENDERERS: dict[str, Callable[[], CellRenderer]] = {
    "halfblock": HalfBlock,
    "kitty": KittyPlaceholders,
    "sixel": SixelOverHalfBlock,
}
"""Renderer makers by mode name (every name in :data:`~newsreader.images.detect.DRAWN`)."""


def renderer_for(mode: str) -> CellRenderer:
    """A new renderer for ``mode``; half-block for any mode without one."""
    return RENDERERS.get(mode, HalfBlock)()
