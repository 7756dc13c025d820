"""Bytes → a small picture, bounded: formats allowed by name, pixels counted before decoding.

Only PNG, JPEG, GIF and WebP are opened (never SVG or anything Pillow would
sniff otherwise); the size in the header is checked against :data:`MAX_PIXELS`
before a single pixel is decoded, so a 1×1 file declaring 60000×60000 or a
decompression bomb costs a header read; an animation gives its first frame.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image

FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
"""The only formats opened."""
MAX_PIXELS = 40_000_000
"""The largest picture decoded (width × height from the header), e.g. 8000 × 5000."""
MAX_SIDE = 20_000
"""The longest side decoded, in pixels."""
THUMB = (144, 144)
"""What the cache keeps: the picture scaled to fit this box (2 pixels a cell either way
at the widest sidebar, enough for half-block cells)."""


class PictureError(Exception):
    """A picture that cannot be shown; ``str()`` says why in one line."""


def decode(
    data: bytes, *, max_pixels: int = MAX_PIXELS, box: tuple[int, int] = THUMB
) -> Image.Image:
    """The first frame of ``data`` scaled to fit ``box`` (aspect kept), as RGBA.

    Raises :class:`PictureError` for anything that is not a whole PNG, JPEG, GIF
    or WebP within the pixel limit.
    """
    head = data[:512].lstrip()
    if head[:1] == b"<" or b"<svg" in head.lower():
        raise PictureError("not a picture (markup: HTML or SVG)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            width, height = image.size
            if width < 1 or height < 1:
                raise PictureError("empty picture")
            if width > MAX_SIDE or height > MAX_SIDE or width * height > max_pixels:
                raise PictureError(f"picture too large ({width}×{height} pixels)")
            image.seek(0)  # the first frame of an animation
            if image.format == "JPEG":
                image.draft("RGB", box)  # decode at 1/2, 1/4 or 1/8 scale when that is enough
            image.load()
            return thumbnail(image, box)
    except PictureError:
        raise
    except Image.DecompressionBombError as error:
        raise PictureError(f"picture too large ({error})") from None
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombWarning) as error:
        raise PictureError(f"cannot decode the picture ({type(error).__name__})") from None
    except (MemoryError, TypeError, IndexError, KeyError, ZeroDivisionError) as error:
        raise PictureError(f"cannot decode the picture ({type(error).__name__})") from None


def thumbnail(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """``image`` as RGBA, scaled down (never up) to fit ``box`` with its aspect kept."""
    if image.mode != "RGBA":
        image = image.convert("RGBA")
    width, height = image.size
    scale = min(box[0] / width, box[1] / height, 1.0)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    if size != image.size:
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return image


def to_png(image: Image.Image, *, compress_level: int = 6) -> bytes:
    """``image`` as PNG bytes (what the cache stores; ``compress_level`` 1 is ~6× faster
    and ~15 % larger, for bytes that only cross a pty)."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=compress_level)
    return out.getvalue()


def from_png(data: bytes) -> Image.Image:
    """A cached PNG back as RGBA; raises :class:`PictureError` when it is damaged."""
    return decode(data, box=THUMB)
