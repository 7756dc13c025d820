"""Picture bytes for tests: good ones made with Pillow, hostile ones made by hand."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def _encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def gradient(width: int = 64, height: int = 32) -> Image.Image:
    """A deterministic picture: red across, green down, a blue square in the middle."""
    image = Image.new("RGB", (width, height))
    pixels = image.load()
    for y in range(height):
        for x in range(width):
            inside = width // 3 <= x < 2 * width // 3 and height // 3 <= y < 2 * height // 3
            pixels[x, y] = (
                x * 255 // max(1, width - 1),
                y * 255 // max(1, height - 1),
                255 if inside else 0,
            )
    return image


def png(width: int = 64, height: int = 32) -> bytes:
    return _encoded(gradient(width, height), "PNG")


def jpeg(width: int = 64, height: int = 32) -> bytes:
    return _encoded(gradient(width, height), "JPEG", quality=90)


def webp(width: int = 64, height: int = 32) -> bytes:
    return _encoded(gradient(width, height), "WEBP")


def animated_gif() -> bytes:
    """Two frames: all red, then all blue (the first frame is the one shown)."""
    red = Image.new("RGB", (16, 16), (255, 0, 0))
    blue = Image.new("RGB", (16, 16), (0, 0, 255))
    return _encoded(red, "GIF", save_all=True, append_images=[blue], duration=100, loop=0)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_raw(width: int, height: int, depth: int, colour: int, idat: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )


def lying_png() -> bytes:
    """One pixel of data in a file whose header declares 60000 × 60000."""
    return _png_raw(60000, 60000, 8, 2, zlib.compress(b"\x00\xff\x00\x00"))


def bomb_png(side: int = 6400) -> bytes:
    """A real decompression bomb: ``side``² one-bit pixels of zeros (41 M pixels, ~5 KB)."""
    row = b"\x00" * (1 + (side + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    return _png_raw(side, side, 1, 0, idat)


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    return data[: int(len(data) * keep)]


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
HTML = b"<!doctype html><html><body>\x1b]52;c;AAAA\x07 not a picture</body></html>"
