"""Terminal graphics encoders: the kitty graphics protocol and Sixel, from decoded pixels.

Pure functions (a picture in, the escape sequences out), so what reaches the
terminal is only ever built here from pixel values: the payload of a kitty
sequence is base64 of a PNG we encoded, a Sixel payload is palette numbers and
sixel characters. No text from an article can be inside. The reader draws kitty
pictures through Unicode placeholders (:mod:`newsreader.images.placeholders`,
``virtual=True``); Sixel is encoded but not drawn (see
:data:`newsreader.images.detect.DRAWN`): a Sixel sits over cells the screen's diff
does not know about, so scrolling would leave parts of it behind.
"""

from __future__ import annotations

import base64
import re

from PIL import Image

from newsreader.images.decode import to_png

ESC = "\x1b"
ST = ESC + "\\"
KITTY_CHUNK = 4096
"""The largest base64 payload in one kitty escape (the protocol's limit)."""
SIXEL_COLOURS = 255
_KITTY_ONLY = re.compile(
    r"(?:\x1b_G[a-zA-Z]=[0-9A-Za-z]+(?:,[a-zA-Z]=[0-9A-Za-z]+)*(?:;[A-Za-z0-9+/=]*)?\x1b\\)*"
)


def only_kitty_escapes(data: str) -> bool:
    """True when ``data`` is nothing but kitty graphics escapes as :func:`kitty` and
    :func:`kitty_delete` write them: ``key=value`` controls and a base64 payload, so no
    text and no other escape can be inside."""
    return _KITTY_ONLY.fullmatch(data) is not None


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
    unpainted. Runs of four or more equal sixels are run-length encoded.
    """
    width, height = max(1, width), max(1, height)
    picture = image.convert("RGBA").resize((width, height), Image.Resampling.LANCZOS)
    alpha = picture.getchannel("A").tobytes()
    indexed = picture.convert("RGB").quantize(SIXEL_COLOURS, dither=Image.Dither.NONE)
    palette = indexed.getpalette() or []
    index = indexed.tobytes()
    used = sorted({index[i] for i in range(width * height) if alpha[i] >= 128})
    parts = [f'{ESC}P0;1;0q"1;1;{width};{height}']
    for colour in used:
        r, g, b = palette[colour * 3 : colour * 3 + 3]
        parts.append(f"#{colour};2;{r * 100 // 255};{g * 100 // 255};{b * 100 // 255}")
    for top in range(0, height, 6):
        band_rows = range(top, min(top + 6, height))
        first = True
        for colour in used:
            sixels = []
            painted = False
            for x in range(width):
                bits = 0
                for bit, y in enumerate(band_rows):
                    at = y * width + x
                    if index[at] == colour and alpha[at] >= 128:
                        bits |= 1 << bit
                painted = painted or bits != 0
                sixels.append(chr(63 + bits))
            if not painted:
                continue
            parts.append(("" if first else "$") + f"#{colour}" + _runs("".join(sixels)))
            first = False
        if top + 6 < height:
            parts.append("-")
    parts.append(ST)
    return "".join(parts)


def _runs(line: str) -> str:
    """Sixel run-length encoding: ``!N<char>`` for runs of four or more."""
    line = line.rstrip("?")  # trailing empty sixels need not be sent
    out = []
    i = 0
    while i < len(line):
        j = i
        while j < len(line) and line[j] == line[i]:
            j += 1
        count = j - i
        out.append(f"!{count}{line[i]}" if count > 3 else line[i] * count)
        i = j
    return "".join(out)
