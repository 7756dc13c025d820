"""Half-block cells: each terminal cell shows two pixels, ``▀`` in the top one's colour
on the bottom one's. Works on every terminal with colours (tmux included), and is
pure: the same picture and size give the same segments.
"""

from __future__ import annotations

from PIL import Image
from rich.color import Color, ColorType
from rich.color_triplet import ColorTriplet
from rich.segment import Segment
from rich.style import Style

UPPER = "▀"
LOWER = "▄"
ALPHA = 128
"""A pixel less opaque than this shows the background."""

_Pixel = tuple[int, int, int] | None


def halfblock(image: Image.Image, columns: int, rows: int) -> list[list[Segment]]:
    """``image`` resized to ``columns`` × ``rows`` cells (2 pixels a cell, top and bottom).

    Each row is a list of segments exactly ``columns`` cells wide; only ``▀``,
    ``▄`` and spaces with colour styles, never text from anywhere else.
    """
    columns, rows = max(1, columns), max(1, rows)
    picture = image if image.mode == "RGBA" else image.convert("RGBA")
    picture = picture.resize((columns, rows * 2), Image.Resampling.BOX)
    raw = picture.tobytes()
    pixels: list[_Pixel] = [
        (raw[i], raw[i + 1], raw[i + 2]) if raw[i + 3] >= ALPHA else None
        for i in range(0, len(raw), 4)
    ]
    colours: dict[tuple[int, int, int], Color] = {}
    styles: dict[tuple[_Pixel, _Pixel], Style] = {}

    def colour(rgb: _Pixel) -> Color | None:
        if rgb is None:
            return None
        found = colours.get(rgb)
        if found is None:
            r, g, b = rgb  # Color.from_rgb, without its per-call overhead
            name = f"#{r:02x}{g:02x}{b:02x}"
            found = colours[rgb] = Color(name, ColorType.TRUECOLOR, None, ColorTriplet(r, g, b))
        return found

    out: list[list[Segment]] = []
    for row in range(rows):
        top = pixels[2 * row * columns : (2 * row + 1) * columns]
        bottom = pixels[(2 * row + 1) * columns : (2 * row + 2) * columns]
        line: list[Segment] = []
        last_style: Style | None = None
        last_char = ""
        run = 0
        for upper, lower in zip(top, bottom, strict=True):
            if upper is None and lower is None:
                char, pair = " ", (None, None)
            elif upper is None:
                char, pair = LOWER, (lower, None)
            else:
                char, pair = UPPER, (upper, lower)
            style = styles.get(pair)
            if style is None:
                style = styles[pair] = Style.from_color(colour(pair[0]), colour(pair[1]))
            if style is last_style and char == last_char:
                run += 1
                continue
            if run:
                line.append(Segment(last_char * run, last_style))
            last_style, last_char, run = style, char, 1
        line.append(Segment(last_char * run, last_style))
        out.append(line)
    return out
