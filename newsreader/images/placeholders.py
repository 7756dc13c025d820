"""Kitty Unicode placeholders: a picture as ordinary cells that name an image by colour.

The kitty graphics protocol can show an image through *placeholder* cells: the
character U+10EEEE with two combining marks giving the cell's row and column in the
picture, in a foreground colour whose 24 bits are the image id. The terminal
draws that piece of the image in the cell. Because they are ordinary cells,
the screen's own diffing scrolls, clips and clears them (no ghost pictures), and
the image data goes to the terminal once, out of band
(:func:`newsreader.images.encode.kitty` with ``virtual=True``).

Pure: an id and a size in, segments out.
"""

from __future__ import annotations

from rich.color import Color, ColorType
from rich.color_triplet import ColorTriplet
from rich.segment import Segment
from rich.style import Style

PLACEHOLDER = "\U0010eeee"

_DIACRITIC_RANGES = (
    "305 30D-30E 310 312 33D-33F 346 34A-34C 350-352 357 35B 363-36F 483-487 592-595 597-599"
    " 59C-5A1 5A8-5A9 5AB-5AC 5AF 5C4 610-617 657-65B 65D-65E 6D6-6DC 6DF-6E2 6E4 6E7-6E8"
    " 6EB-6EC 730 732-733 735-736 73A 73D 73F-741 743 745 747 749-74A 7EB-7F1 7F3 816-819"
    " 81B-823 825-827 829-82D 951 953-954 F82-F83 F86-F87 135D-135F 17DD 193A 1A17 1A75-1A7C"
    " 1B6B 1B6D-1B73 1CD0-1CD2 1CDA-1CDB 1CE0 1DC0-1DC1 1DC3-1DC9 1DCB-1DCC 1DD1-1DE6 1DFE"
    " 20D0-20D1 20D4-20D7 20DB-20DC 20E1 20E7 20E9 20F0 2CEF-2CF1 2DE0-2DFF A66F A67C-A67D"
    " A6F0-A6F1 A8E0-A8F1 AAB0 AAB2-AAB3 AAB7-AAB8 AABE-AABF AAC1 FE20-FE26 10A0F 10A38"
    " 1D185-1D189 1D1AA-1D1AD 1D242-1D244"
)
"""The protocol's table of row/column marks, as ranges of code points (index order)."""


def _expand(ranges: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in ranges.split():
        first, _, last = part.partition("-")
        out.extend(chr(cp) for cp in range(int(first, 16), int(last or first, 16) + 1))
    return tuple(out)


DIACRITICS = _expand(_DIACRITIC_RANGES)
"""``DIACRITICS[n]`` marks row (or column) ``n``."""
MAX_CELLS = len(DIACRITICS)
"""The most rows, and the most columns, one placeholder picture can have."""
MAX_ID = (1 << 24) - 1
"""Ids fit the 24 bits of the colour (no third mark for the id's top byte)."""


def id_style(image_id: int) -> Style:
    """The style naming ``image_id``: its 24 bits as the RGB foreground colour."""
    if not 1 <= image_id <= MAX_ID:
        raise ValueError(f"placeholder image ids are 1 to {MAX_ID}")
    rgb = ColorTriplet((image_id >> 16) & 255, (image_id >> 8) & 255, image_id & 255)
    name = "#{:02x}{:02x}{:02x}".format(*rgb)
    return Style(color=Color(name, ColorType.TRUECOLOR, None, rgb))


def placeholder_rows(image_id: int, columns: int, rows: int) -> list[list[Segment]]:
    """``rows`` lists of one segment each, ``columns`` placeholder cells wide.

    Every cell carries both its row and its column mark, so any part of the
    picture can be redrawn on its own (a cell never depends on the one before it).
    """
    if not (1 <= columns <= MAX_CELLS and 1 <= rows <= MAX_CELLS):
        raise ValueError(f"a placeholder picture is 1 to {MAX_CELLS} cells each way")
    style = id_style(image_id)
    out = []
    for row in range(rows):
        mark = PLACEHOLDER + DIACRITICS[row]
        out.append([Segment("".join(mark + DIACRITICS[c] for c in range(columns)), style)])
    return out
