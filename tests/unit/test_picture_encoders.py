"""The kitty and Sixel encoders: sequences built from pixels only, and they decode back."""

from __future__ import annotations

import base64
import io
import random
import re
import string

import pytest
from PIL import Image

from newsreader.images.encode import KITTY_CHUNK, kitty, kitty_delete, sixel
from tests.support.pictures import gradient

KITTY = re.compile(r"\x1b_G([a-zA-Z0-9=,]*);([A-Za-z0-9+/=]*)\x1b\\")


def test_kitty_transmits_a_png_of_the_pixels_in_bounded_chunks():
    noise = random.Random(1).randbytes(200 * 120 * 4)  # does not compress: several chunks
    image = Image.frombytes("RGBA", (200, 120), noise)
    escapes = kitty(image, 7, 30, 9)
    assert len(escapes) > 1  # big enough to need chunks
    payload = ""
    for n, escape in enumerate(escapes):
        found = KITTY.fullmatch(escape)
        assert found, escape[:40]
        keys, chunk = found.groups()
        assert len(chunk) <= KITTY_CHUNK
        assert keys.endswith("m=1" if n < len(escapes) - 1 else "m=0")
        payload += chunk
    assert escapes[0].startswith("\x1b_Ga=T,f=100,i=7,q=2,c=30,r=9,")
    decoded = Image.open(io.BytesIO(base64.standard_b64decode(payload)))
    assert decoded.size == (200, 120)
    assert decoded.convert("RGBA").tobytes() == image.tobytes()
    assert kitty_delete(7) == "\x1b_Ga=d,d=I,i=7,q=2\x1b\\"
    with pytest.raises(ValueError):
        kitty(image, 0, 1, 1)


def decode_sixel(data: str) -> tuple[int, int, dict[tuple[int, int], tuple[int, int, int]]]:
    """A small Sixel decoder for the test: (width, height, painted pixels → RGB percent)."""
    assert data.startswith("\x1bP") and data.endswith("\x1b\\")
    body = data[data.index("q") + 1 : -2]
    raster = re.match(r'"1;1;(\d+);(\d+)', body)
    assert raster
    width, height = int(raster.group(1)), int(raster.group(2))
    body = body[raster.end() :]
    palette: dict[int, tuple[int, int, int]] = {}
    pixels: dict[tuple[int, int], tuple[int, int, int]] = {}
    colour, x, top = 0, 0, 0
    for token in re.finditer(r"#(\d+);2;(\d+);(\d+);(\d+)|#(\d+)|!(\d+)(.)|([?-~])|(\$)|(-)", body):
        if token.group(1):
            palette[int(token.group(1))] = tuple(int(token.group(i)) for i in (2, 3, 4))
        elif token.group(5):
            colour = int(token.group(5))
        elif token.group(6) or token.group(8):
            count = int(token.group(6)) if token.group(6) else 1
            bits = ord(token.group(7) or token.group(8)) - 63
            for _ in range(count):
                for bit in range(6):
                    if bits & (1 << bit):
                        pixels[(x, top + bit)] = palette[colour]
                x += 1
        elif token.group(9):
            x = 0
        elif token.group(10):
            x, top = 0, top + 6
    return width, height, pixels


def test_sixel_decodes_back_to_the_pixels():
    image = Image.new("RGBA", (10, 8), (255, 0, 0, 255))
    image.paste((0, 0, 255, 255), (0, 4, 10, 8))  # bottom half blue
    image.paste((0, 0, 0, 0), (9, 0, 10, 8))  # a transparent column stays unpainted
    data = sixel(image, 10, 8)
    sixel_chars = {chr(c) for c in range(63, 127)}
    assert set(data[2:-2]) <= sixel_chars | set(string.digits + ';#"!$-')
    width, height, pixels = decode_sixel(data)
    assert (width, height) == (10, 8)
    assert pixels[(0, 0)] == (100, 0, 0) and pixels[(8, 3)] == (100, 0, 0)
    assert pixels[(0, 4)] == (0, 0, 100) and pixels[(8, 7)] == (0, 0, 100)
    assert (9, 0) not in pixels and (9, 7) not in pixels
    assert len(pixels) == 9 * 8


def test_sixel_of_a_photo_is_bounded_and_run_length_encoded():
    data = sixel(gradient(300, 200), 72, 48)
    assert "!" in data and len(data) < 72 * 48 * 4
    assert decode_sixel(data)[:2] == (72, 48)


def test_sixel_of_scattered_colours_decodes_to_every_pixel_exactly():
    rng = random.Random(3)
    colours = [(rng.randrange(256), rng.randrange(256), rng.randrange(256), 255) for _ in range(40)]
    image = Image.new("RGBA", (37, 23))
    image.putdata([rng.choice(colours) for _ in range(37 * 23)])
    image.paste((0, 0, 0, 0), (5, 5, 9, 17))  # a transparent hole across two bands
    width, height, pixels = decode_sixel(sixel(image, 37, 23))
    assert (width, height) == (37, 23)
    for y in range(23):
        for x in range(37):
            r, g, b, a = image.getpixel((x, y))
            if a == 0:
                assert (x, y) not in pixels
            else:
                assert pixels[(x, y)] == (r * 100 // 255, g * 100 // 255, b * 100 // 255)
