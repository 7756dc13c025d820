"""The seam between pictures and the screen: a renderer turns a picture into rows of cells.

The reader draws whatever segments a :class:`CellRenderer` returns over the rows
the layout reserved, so another way of drawing (a kitty Unicode-placeholder
renderer, an adapter over a library such as textual-image) is one class here and
one entry in :data:`RENDERERS`, with :data:`~newsreader.images.detect.DRAWN`
saying it can be chosen.
"""

from __future__ import annotations

from typing import Protocol

from PIL import Image
from rich.segment import Segment

from newsreader.images.halfblock import halfblock


class CellRenderer(Protocol):
    """Draws a picture as ``rows`` lists of segments, each exactly ``columns`` cells wide."""

    name: str

    def cells(self, image: Image.Image, columns: int, rows: int) -> list[list[Segment]]: ...


class HalfBlock:
    """``▀`` cells, two pixels each: every terminal with colours, tmux included."""

    name = "halfblock"

    def cells(self, image: Image.Image, columns: int, rows: int) -> list[list[Segment]]:
        return halfblock(image, columns, rows)


RENDERERS: dict[str, CellRenderer] = {"halfblock": HalfBlock()}
"""Renderers by mode name (every name in :data:`~newsreader.images.detect.DRAWN`)."""


def renderer_for(mode: str) -> CellRenderer:
    """The renderer for ``mode``; half-block for any mode without one."""
    return RENDERERS.get(mode, RENDERERS["halfblock"])
