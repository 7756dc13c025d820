"""Terminal graphics encoders: the kitty graphics protocol and Sixel, from decoded pixels.

Pure functions (a picture in, the escape sequences out), so what reaches the
terminal is only ever built here from pixel values: the payload of a kitty
sequence is base64 of a PNG we encoded, a Sixel payload is palette numbers and
sixel characters. No text from an article can be inside. The reader draws kitty
pictures through Unicode placeholders (:mod:`newsreader.images.placeholders`,
``virtual=True``), and Sixels over the cells of their half-block rendition after
each frame (:mod:`newsreader.images.overlay` says where, and what to repaint).
"""

from __future__ import annotations

import base64
import functools
import re

from PIL import Image

from newsreader.images.decode import to_png

ESC = "\x1b"
ST = ESC + "\\"
KITTY_CHUNK = 4096
"""The largest base64 payload in one kitty escape (the protocol's limit)."""
SIXEL_COLOURS = 255
_KITTY = r"\x1b_G[a-zA-Z]=[0-9A-Za-z]+(?:,[a-zA-Z]=[0-9A-Za-z]+)*(?:;[A-Za-z0-9+/=]*)?\x1b\\"
_SIXEL = (
    r"\x1b7\x1b\[[0-9]+;[0-9]+H"  # save the cursor, go to the picture's cell
    r'\x1bP0;1;0q"1;1;[0-9]+;[0-9]+(?:#[0-9]+;2;[0-9]+;[0-9]+;[0-9]+)*[0-9#!$?-~-]*\x1b\\'
    r"\x1b8"  # the cursor back
)
_OURS = re.compile(rf"(?:{_KITTY}|{_SIXEL})*")


def only_graphics_escapes(data: str) -> bool:
    """True when ``data`` is nothing but graphics escapes as this module writes them:
    kitty's (:func:`kitty`, :func:`kitty_delete`: ``key=value`` controls and a base64
    payload) and placed Sixels (:func:`sixel_at`: a cursor move, palette entries and
    sixel characters), so no text and no other escape can be inside."""
    return _OURS.fullmatch(data) is not None


def kitty(
    image: Image.Image, image_id: int, columns: int, rows: int, *, virtual: bool = False
) -> list[str]:
    """Escapes that transmit ``image`` as PNG and display it over ``columns`` × ``rows`` cells.

    ``a=T`` (transmit and display), ``f=100`` (PNG), ``q=2`` (no replies, on every
    chunk: the terminal must never answer into the app's input), the payload split
    into chunks of :data:`KITTY_CHUNK` with ``m=1`` on all but the last. ``virtual``
    (``U=1``): no picture at the cursor, a virtual placement that Unicode placeholder
    cells show (:func:`newsreader.images.placeholders.placeholder_rows`).
    """
    if not 1 <= image_id <= 0xFFFFFFFF:
        raise ValueError("kitty image ids are 1 to 2**32 - 1")
    # Level 1: the terminal decodes it on the same machine; encoding time is on the frame.
    payload = base64.standard_b64encode(to_png(image, compress_level=1)).decode("ascii")
    chunks = [payload[i : i + KITTY_CHUNK] for i in range(0, len(payload), KITTY_CHUNK)]
    out = []
    for n, chunk in enumerate(chunks):
        more = 1 if n < len(chunks) - 1 else 0
        if n == 0:
            place = "U=1," if virtual else ""
            keys = (
                f"a=T,{place}f=100,i={image_id},q=2,c={max(1, columns)},r={max(1, rows)},m={more}"
            )
        else:
            keys = f"q=2,m={more}"
        out.append(f"{ESC}_G{keys};{chunk}{ST}")
    return out


def kitty_delete(image_id: int) -> str:
    """The escape that deletes image ``image_id`` and frees its data."""
    return f"{ESC}_Ga=d,d=I,i={image_id},q=2{ST}"


def sixel(image: Image.Image, width: int, height: int) -> str:
    """``image`` resized to ``width`` × ``height`` pixels as one Sixel (DCS) sequence.

    At most :data:`SIXEL_COLOURS` palette entries; transparent pixels are left
    unpainted. Runs of four or more equal sixels are run-length encoded. Each
    band of six rows is built a colour at a time with byte translations (no loop
    over pixels in Python), so a picture of a few hundred pixels takes tens of ms.
    """
    width, height = max(1, width), max(1, height)
    picture = image.convert("RGBA").resize((width, height), Image.Resampling.LANCZOS)
    indexed = picture.convert("RGB").quantize(
        SIXEL_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    clear = picture.getchannel("A").point(lambda a: 255 if a < 128 else 0, "L")
    indexed.paste(_CLEAR, mask=clear)  # the one index the quantizer never hands out
    palette = indexed.getpalette() or []
    index = indexed.tobytes()
    used = sorted(set(index) - {_CLEAR})
    parts = [f'{ESC}P0;1;0q"1;1;{width};{height}']
    for colour in used:
        r, g, b = palette[colour * 3 : colour * 3 + 3]
        parts.append(f"#{colour};2;{r * 100 // 255};{g * 100 // 255};{b * 100 // 255}")
    for top in range(0, height, 6):
        rows = [index[y * width : (y + 1) * width] for y in range(top, min(top + 6, height))]
        lines = []
        for colour in sorted(set().union(*(set(row) for row in rows)) - {_CLEAR}):
            bits = 0
            for bit, row in enumerate(rows):
                bits |= int.from_bytes(row.translate(_bit_table(colour, bit)), "big")
            line = bits.to_bytes(width, "big").translate(_SIXEL_CHARS).decode("ascii")
            lines.append(f"#{colour}" + _runs(line))
        parts.append("$".join(lines))
        if top + 6 < height:
            parts.append("-")
    parts.append(ST)
    return "".join(parts)


_CLEAR = SIXEL_COLOURS
_SIXEL_CHARS = bytes(63 + (n & 63) for n in range(256))
_RUN = re.compile(r"([?-~])\1{3,}")


@functools.cache
def _bit_table(colour: int, bit: int) -> bytes:
    """A translation table: ``colour`` → the sixel bit of row ``bit``, anything else → 0."""
    return bytes((1 << bit) if n == colour else 0 for n in range(256))


def sixel_at(row: int, column: int, data: str) -> str:
    """The Sixel ``data`` drawn with its top left at screen cell ``row``, ``column``
    (0-based), the cursor saved before and restored after."""
    return f"{ESC}7{ESC}[{row + 1};{column + 1}H{data}{ESC}8"


def _runs(line: str) -> str:
    """Sixel run-length encoding: ``!N<char>`` for runs of four or more."""
    line = line.rstrip("?")  # trailing empty sixels need not be sent
    return _RUN.sub(lambda m: f"!{len(m.group(0))}{m.group(1)}", line)
