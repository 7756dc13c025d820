"""A small model of a terminal's screen with Sixel images, fed the bytes a program wrote.

Enough of a terminal to find ghost pictures: cursor moves (``CSI row;col H``, ``ESC 7``/
``ESC 8``, newline), SGR, printed characters, erase-display, and Sixel sequences drawn
at the cursor over ``ceil(pixels / cell)`` cells. As in xterm, foot or mlterm, a character
written into a cell erases the Sixel pixels there, so pixels stay only over cells nothing
was written to since. A ghost is pixels over cells that show something else than the
picture (text the screen drew elsewhere, a picture that moved on, a spill past its cells):
:meth:`Screen.covered` against the picture's own cells finds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.cells import cell_len

TOKEN = re.compile(
    r"\x1bP([0-9;]*)q(.*?)\x1b\\"  # DCS Sixel
    r"|\x1b\[([0-9;?<>=]*)([A-Za-z@`])"  # CSI
    r"|\x1b\](?:.*?)(?:\x07|\x1b\\)"  # OSC
    r"|\x1b_(?:.*?)\x1b\\"  # APC
    r"|\x1bP(?:.*?)\x1b\\"  # another DCS
    r"|\x1b([78=>])"  # save/restore cursor, keypad modes
    r"|\x1b."  # anything else with ESC
    r"|([\n\r\x08])"
    r"|([^\x1b\n\r\x08]+)",
    re.S,
)
RASTER = re.compile(r'"1;1;(\d+);(\d+)')


@dataclass
class Sixel:
    """An image on the model screen: its cells not yet written over, and what was under them."""

    row: int
    column: int
    rows: int
    columns: int
    left: set[tuple[int, int]] = field(default_factory=set)


class Screen:
    """``feed`` it output; ``cells`` is what each cell shows, ``sixels`` the images on it."""

    def __init__(self, columns: int, rows: int, cell: tuple[int, int]) -> None:
        self.columns, self.rows, self.cell = columns, rows, cell
        self.cells: dict[tuple[int, int], tuple[str, str]] = {}
        self.sixels: list[Sixel] = []
        self.y = self.x = 0
        self.saved = (0, 0)
        self.sgr = ""
        self.drawn = 0

    def _put(self, text: str) -> None:
        for char in text:
            width = cell_len(char)
            if width == 0:
                continue
            for dx in range(width):
                self._write_cell((self.y, self.x + dx), char if dx == 0 else "")
            self.x += width

    def _write_cell(self, at: tuple[int, int], char: str) -> None:
        self.cells[at] = (char, self.sgr)
        for image in self.sixels:
            image.left.discard(at)

    def feed(self, data: str) -> None:
        for m in TOKEN.finditer(data):
            _params, payload, csi, final, esc, control, text = m.groups()
            if payload is not None:
                self._sixel(payload)
            elif final is not None:
                self._csi(csi, final)
            elif esc == "7":
                self.saved = (self.y, self.x)
            elif esc == "8":
                self.y, self.x = self.saved
            elif control == "\n":
                self.y += 1
            elif control == "\r":
                self.x = 0
            elif control == "\x08":
                self.x = max(0, self.x - 1)
            elif text is not None:
                self._put(text)
        self.sixels = [image for image in self.sixels if image.left]

    def _csi(self, params: str, final: str) -> None:
        if params.startswith(("?", ">", "<", "=")):
            if final in "hl" and params in ("?1049", "?47", "?1047"):
                self._clear()  # the alternate screen in or out: another page
            return
        numbers = [int(p) if p else 0 for p in params.split(";")] if params else []
        if final == "H" or final == "f":
            row = numbers[0] if numbers else 1
            column = numbers[1] if len(numbers) > 1 else 1
            self.y, self.x = max(1, row) - 1, max(1, column) - 1
        elif final == "m":
            self.sgr = params
        elif final == "J" and numbers and numbers[0] in (2, 3):
            self._clear()
        elif final == "A":
            self.y -= numbers[0] if numbers and numbers[0] else 1
        elif final == "B":
            self.y += numbers[0] if numbers and numbers[0] else 1
        elif final == "C":
            self.x += numbers[0] if numbers and numbers[0] else 1
        elif final == "D":
            self.x -= numbers[0] if numbers and numbers[0] else 1
        elif final == "G":
            self.x = (numbers[0] if numbers and numbers[0] else 1) - 1

    def _clear(self) -> None:
        self.cells.clear()
        self.sixels.clear()

    def _sixel(self, payload: str) -> None:
        raster = RASTER.match(payload)
        width, height = (int(raster.group(1)), int(raster.group(2))) if raster else (1, 6)
        columns = -(-width // self.cell[0])
        rows = -(-height // self.cell[1])
        image = Sixel(self.y, self.x, rows, columns)
        for r in range(self.y, self.y + rows):
            for c in range(self.x, self.x + columns):
                image.left.add((r, c))
        self.sixels.append(image)
        self.drawn += 1

    def covered(self) -> set[tuple[int, int]]:
        """Cells under Sixel pixels."""
        return {at for image in self.sixels for at in image.left}

    def cells_with(self, chars: str) -> set[tuple[int, int]]:
        """Cells showing one of ``chars``."""
        return {at for at, (char, _sgr) in self.cells.items() if char and char in chars}
