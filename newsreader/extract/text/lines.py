"""Step 1: pasted text as lines; boilerplate regions cut; hard-wrapped lines joined."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from newsreader.extract.patterns import (
    normalise_line,
    region_end,
)
from newsreader.extract.rules import (
    REGION_MAX_LINES,
)
from newsreader.extract.text.common import (
    _BULLET,
    MAX_LINES,
    WRAP_MAX_WIDTH,
    WRAP_MIN_SHARE,
    WRAP_MIN_WIDTH,
)
from newsreader.sanitize import clean_multiline

# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class Line:
    """One non-blank line of the pasted text and what the classifiers made of it."""

    text: str
    gap: bool = False  # a blank line came before it
    kind: str = "text"
    caption: str = ""
    credit: str = ""
    title: str = ""
    description: str = ""
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    url: str = ""
    ordered: bool = False
    minutes: int = 0  # a stated reading time


def _lines(text: str) -> list[Line]:
    """Clean non-blank lines, with boilerplate regions and repeated lines removed."""
    lines: list[Line] = []
    gap = False
    raw = clean_multiline(text).split("\n", MAX_LINES)[:MAX_LINES]
    skip_until: Callable[[str], bool] | None = None
    skipped = 0
    for index, line in enumerate(raw):
        if not line:
            gap = True
            continue
        norm = normalise_line(line)
        if skip_until is not None:
            skipped += 1
            if skip_until(norm) or skipped > REGION_MAX_LINES:
                skip_until = None
            continue
        end = region_end(norm)
        if end is not None:
            ahead = raw[index + 1 : index + 2 + REGION_MAX_LINES]
            if any(end(normalise_line(r)) for r in ahead if r):
                skip_until, skipped = end, 0
                continue
        if lines and lines[-1].text == line:
            continue  # the same line twice in a row (alt text = caption, repeated credits)
        lines.append(Line(line, gap=gap))
        gap = False
    return lines


def _rejoin_wrapped(lines: list[Line]) -> list[Line]:
    """Paragraphs split across lines at a fixed width (pasted from e-mail or a terminal), joined.

    A text is hard-wrapped when its paragraphs are separated by blank lines and
    most lines followed directly by another were broken because the next word
    would not fit: the line plus that word is wider than the text's widest line.
    Then every such line is joined with the next; bullets and short lines stay.
    """
    continued = [
        (a, b) for a, b in itertools.pairwise(lines) if not b.gap and not _BULLET.match(b.text)
    ]
    if len(continued) < 2 or not any(line.gap for line in lines):
        return lines
    width = max(len(a.text) for a, _b in continued)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return lines

    def wrapped(a: Line, b: Line) -> bool:
        first = b.text.split(" ", 1)[0]
        return len(a.text) + 1 + len(first) > width and len(a.text) >= width * 0.6

    if sum(wrapped(a, b) for a, b in continued) < max(2, WRAP_MIN_SHARE * len(continued)):
        return lines
    out: list[Line] = [lines[0]]
    tail = lines[0]  # the last physical line of out[-1]
    for line in lines[1:]:
        last = out[-1]
        if not line.gap and not _BULLET.match(line.text) and wrapped(tail, line):
            out[-1] = Line(f"{last.text} {line.text}", gap=last.gap)
        else:
            out.append(line)
        tail = line
    return out
