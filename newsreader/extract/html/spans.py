"""Inline runs (emphasis, strong, code, links) of a block's text, aligned with its clean text.

The builder records, beside each raw text piece, the style open around it. Here
the styled pieces are cleaned the way :func:`newsreader.sanitize.clean_text`
cleans the whole (escapes out, whitespace collapsed, ends trimmed), and the result
is kept only when its texts join to exactly the block's clean text: runs never
change what a block says, only how it is drawn.
"""

from __future__ import annotations

from newsreader.model import Run
from newsreader.sanitize import strip_escapes

Style = tuple[bool, bool, bool, str]
"""(em, strong, code, href) of a text piece."""
PLAIN: Style = (False, False, False, "")


class StyleState:
    """The inline styles open at the current point of the walk."""

    __slots__ = ("code", "current", "em", "hrefs", "strong")

    def __init__(self) -> None:
        self.em = 0
        self.strong = 0
        self.code = 0
        self.hrefs: list[str] = []
        self.current: Style | None = None  # None when plain

    def _update(self) -> None:
        href = self.hrefs[-1] if self.hrefs else ""
        style = (self.em > 0, self.strong > 0, self.code > 0, href)
        self.current = None if style == PLAIN else style

    def push(self, kind: str, href: str = "") -> None:
        """Open a style: ``"em"``, ``"strong"``, ``"code"`` or ``"a"`` (with its clean ``href``)."""
        if kind == "a":
            self.hrefs.append(href)
        else:
            setattr(self, kind, getattr(self, kind) + 1)
        self._update()

    def pop(self, kind: str) -> None:
        """Close a style opened by :meth:`push`."""
        if kind == "a":
            if self.hrefs:
                self.hrefs.pop()
        else:
            setattr(self, kind, max(0, getattr(self, kind) - 1))
        self._update()


def pieces_of(
    texts: list[str], marks: list[tuple[int, Style]], start: int = 0, end: int | None = None
) -> list[tuple[str, Style]]:
    """``texts[start:end]`` with the style each was added under (``marks`` by index)."""
    styles = dict(marks)
    stop = len(texts) if end is None else end
    return [(texts[i], styles.get(i, PLAIN)) for i in range(start, stop)]


def runs_for(pieces: list[tuple[str, Style]], cleaned: str, br: str = "\x00") -> tuple[Run, ...]:
    """Runs of ``pieces`` whose texts join to ``cleaned``; ``()`` when plain or when they differ."""
    if not cleaned or all(style == PLAIN for _t, style in pieces):
        return ()
    out: list[list] = []  # [text, style]
    space = False  # a collapsed space is due before the next word
    for raw, style in pieces:
        if not raw:
            continue
        text = strip_escapes(raw.replace(br, " ") if br in raw else raw)
        core = " ".join(text.split())
        if not core:
            space = space or (bool(text) and bool(out))
            continue
        if out and (space or text[0].isspace()):
            _append(out, " ", _common(out[-1][1], style))
        _append(out, core, style)
        space = text[-1].isspace()
    runs = _cut(out, cleaned)
    if runs is None or not any(style != PLAIN for _t, style in runs):
        return ()
    return tuple(Run(text, *style) for text, style in runs)


def _common(a: Style, b: Style) -> Style:
    """The styling two neighbours share (the style of the space between them)."""
    return (a[0] and b[0], a[1] and b[1], a[2] and b[2], a[3] if a[3] == b[3] else "")


def _append(out: list[list], text: str, style: Style) -> None:
    if out and out[-1][1] == style:
        out[-1][0] += text
    else:
        out.append([text, style])


def _cut(out: list[list], cleaned: str) -> list[list] | None:
    """``out`` when it spells ``cleaned``, or cut to it (a tail taken off, or "…" at the end)."""
    joined = "".join(t for t, _s in out)
    if joined == cleaned:
        return out
    if joined.startswith(cleaned):  # a tail taken off (a caption's credit)
        return _prefix(out, len(cleaned))
    if not cleaned.endswith("…") or not joined.startswith(cleaned[:-1].rstrip()):
        return None
    room = len(cleaned) - 1
    cut: list[list] = []
    for text, style in out:
        if room <= 0:
            break
        cut.append([text[:room], style])
        room -= len(text)
    if cut:
        cut[-1][0] = cut[-1][0].rstrip() + "…"
    return cut if "".join(t for t, _s in cut) == cleaned else None


def _prefix(out: list[list], room: int) -> list[list]:
    """The first ``room`` characters of ``out``."""
    cut: list[list] = []
    for text, style in out:
        if room <= 0:
            break
        cut.append([text[:room], style])
        room -= len(text)
    return cut
