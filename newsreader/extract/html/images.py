"""Image and player heuristics: an ``<img>``'s best source, pixels, placeholders, players."""

from __future__ import annotations

import re

from lxml import etree

from newsreader.extract.rules import (
    GENERIC_TITLES,
    LAZY_SRC_ATTRS,
    LAZY_SRCSET_ATTRS,
    PLACEHOLDER_PARTS,
    PLAYER_PARTS,
    TRACKER_PARTS,
)
from newsreader.sanitize import clean_text

_LENGTH = re.compile(r"\s*(\d+)")


def _length(value: str | None) -> int | None:
    if not value:
        return None
    found = _LENGTH.match(value)
    return int(found.group(1)) if found else None


def _parse_srcset(value: str | None) -> list[tuple[float, float, str]]:
    """``srcset`` candidates as ``(width, density, url)``; commas inside URLs are kept."""
    if not value:
        return []
    out: list[tuple[float, float, str]] = []
    pos, size = 0, len(value)
    while pos < size:
        while pos < size and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < size and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            start = pos
            while pos < size and value[pos] != ",":
                pos += 1
            descriptor = value[start:pos].strip().lower()
        if not url:
            continue
        width, density = 0.0, 1.0
        try:
            if descriptor.endswith("w"):
                width = float(descriptor[:-1])
            elif descriptor.endswith("x"):
                density = float(descriptor[:-1])
        except ValueError:
            pass
        out.append((width, density, url))
    return out


def _is_placeholder(src: str) -> bool:
    lowered = src.lower()
    return lowered.startswith("data:") or any(part in lowered for part in PLACEHOLDER_PARTS)


def _is_tracker(el: etree._Element, src: str) -> bool:
    width, height = _length(el.get("width")), _length(el.get("height"))
    if (width is not None and width <= 2) or (height is not None and height <= 2):
        return True
    lowered = src.lower()
    return any(part in lowered for part in TRACKER_PARTS)


def declared_size(img: etree._Element) -> tuple[int, int]:
    """``(width, height)`` from an ``<img>``'s attributes when both are pixel sizes, else (0, 0)."""
    raw_width, raw_height = img.get("width") or "", img.get("height") or ""
    if "%" in raw_width or "%" in raw_height:
        return 0, 0
    width, height = _length(raw_width), _length(raw_height)
    if width is None or height is None or not (3 <= width <= 20_000 and 3 <= height <= 20_000):
        return 0, 0
    return width, height


def _image_src(img: etree._Element) -> str:
    """The best raw source of an ``<img>``: largest srcset candidate, lazy attributes, src."""
    src = (img.get("src") or "").strip()
    placeholder = not src or _is_placeholder(src)
    candidates = _parse_srcset(img.get("srcset"))
    picture = img.getparent()
    for _ in range(16):  # libxml2 nests <img> inside the unclosed <source> elements
        if picture is None or picture.tag != "source":
            break
        picture = picture.getparent()
    if picture is not None and picture.tag == "picture":
        for source in picture.iter("source"):
            candidates.extend(_parse_srcset(source.get("srcset") or source.get("data-srcset")))
    if placeholder:
        for attr in LAZY_SRCSET_ATTRS:
            candidates.extend(_parse_srcset(img.get(attr)))
    candidates = [c for c in candidates if not c[2].lower().startswith("data:")]
    if candidates:
        return max(candidates, key=lambda c: (c[0], c[1]))[2]
    if placeholder:
        for attr in LAZY_SRC_ATTRS:
            value = (img.get(attr) or "").strip()
            if value and not value.lower().startswith("data:"):
                return value
    return src


_NOSCRIPT_SRC = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def _noscript_src(img: etree._Element) -> str:
    """The raw source of the ``<noscript>`` fallback right after a lazy ``<img>`` (or its wrapper).

    Lazy-loading scripts leave the ``<img>`` without a source (or with a placeholder)
    and put the real one in ``<noscript>``, which is dropped as script furniture.
    """
    node: etree._Element | None = img
    for _ in range(3):  # the image, then up to two wrappers holding only it
        if node is None:
            return ""
        after = node.getnext()
        if after is not None and after.tag == "noscript":
            for inner in after.iter("img"):
                raw = _image_src(inner)
                if raw and not _is_placeholder(raw):
                    return raw
            found = _NOSCRIPT_SRC.search(after.text or "")
            return found.group(1) if found else ""
        parent = node.getparent()
        if parent is None or len(parent) != 1 or (parent.text or "").strip():
            return ""
        node = parent
    return ""


def _is_player(url: str) -> bool:
    lowered = url.lower()
    return any(part in lowered for part in PLAYER_PARTS)


def _attr_title(el: etree._Element) -> str:
    title = clean_text(el.get("title") or el.get("aria-label") or "")
    return "" if title.casefold() in GENERIC_TITLES else title
