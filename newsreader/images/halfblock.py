"""Half-block cells: each terminal cell shows two pixels, ``▀`` in the top one's colour
on the bottom one's. Works on every terminal with colours (tmux included), and is
pure: the same picture and size give the same segments.
"""

from __future__ import annotations

from PIL import Image
from rich.color import Color
from rich.segment import Segment
from rich.style import Style

UPPER = "▀"
LOWER = "▄"
ALPHA = 128
"""A pixel less opaque than this shows the background."""


def halfblock(image: Image.Image, columns: int, rows: int) -> list[list[Segment]]:
    """``image`` resized to ``columns`` × ``rows`` cells (2 pixels a cell, top and bottom).

    Each row is a list of segments exactly ``columns`` cells wide; only ``▀``,
    ``▄`` and spaces with colour styles, never text from anywhere else.
    """
    columns, rows = max(1, columns), max(1, rows)
    picture = image if image.mode == "RGBA" else image.convert("RGBA")
    picture = picture.resize((columns, rows * 2), Image.Resampling.BOX)
    pixels = picture.load()
    styles: dict[tuple[object, object], Style] = {}
    out: list[list[Segment]] = []
    for row in range(rows):
        line: list[Segment] = []
        for x in range(columns):
            top = pixels[x, 2 * row]
            bottom = pixels[x, 2 * row + 1]
            upper = top[:3] if top[3] >= ALPHA else None
            lower = bottom[:3] if bottom[3] >= ALPHA else None
            if upper is None and lower is None:
                char, pair = " ", (None, None)
            elif upper is None:
                char, pair = LOWER, (lower, None)
            else:
                char, pair = UPPER, (upper, lower)
            style = styles.get(pair)
            if style is None:
                fg, bg = pair
                style = Style(
                    color=Color.from_rgb(*fg) if fg else None,
                    bgcolor=Color.from_rgb(*bg) if bg else None,
                )
                styles[pair] = style
            if line and line[-1].style is style and line[-1].text[-1] == char:
                line[-1] = Segment(line[-1].text + char, style)
            else:
                line.append(Segment(char, style))
        out.append(line)
    return out
