"""Article layout: blocks and a width in, styled lines out.

One pure function (:func:`render`) used by the app and by ``newsreader show``,
so what the tests check is what people see. The page has a header (headline,
dek, meta line, feed), then a body column reflowed to a comfortable measure
(never wider than :data:`MEASURE` cells) and, when the width allows, a sidebar
column to its right holding figure captions and video cards, each level with the
paragraph where it sits in the article. On narrower widths the captions render
inline as indented, dim blocks.

Inline runs are drawn in place: emphasis italic, strong bold, code reversed,
links underlined and coloured with their number after them (``word[3]``); the
numbered list of link targets ends the body, as in newsboat. Links are never
terminal hyperlinks (no OSC 8): a target is only ever shown as text.

Pictures are optional: given the pixel size of some figures' pictures
(``pictures``, keyed by ``src``), the layout reserves blank rows above each such
caption (in the sidebar, or inline) and says where they are
(:class:`PictureSpot`); the drawing code fills them. Without ``pictures`` the
layout is exactly the one without images.

Every line fits in ``width`` cells as measured by :func:`rich.cells.cell_len`.
Content is never interpreted as markup: lines are built from ``Text`` objects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from rich.cells import cell_len, split_graphemes
from rich.text import Text

from newsreader.model import (
    Article,
    Attribution,
    Block,
    Code,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Run,
    Video,
    runs_of,
)
from newsreader.sanitize import clean_text, strip_escapes

MEASURE = 76
"""The widest the body text ever gets, in cells."""
GUTTER = 3
"""Blank columns between the body and the sidebar."""
BODY_MIN = 72
"""The narrowest body that still gets a sidebar beside it."""
SIDEBAR_MIN = 25
SIDEBAR_MAX = 36
SIDEBAR_THRESHOLD = BODY_MIN + GUTTER + SIDEBAR_MIN
"""Below this width (100) captions render inline instead of in a sidebar."""
MAX_DRIFT = 6
"""A sidebar item may sit at most this many lines below its paragraph."""
ITEM_GAP = 1
"""Blank lines between two sidebar items."""

PICTURE_ROWS = 12
"""The default for the most rows one picture takes."""
PICTURE_INDENT = 4
"""Cells before an inline picture (level with the inline caption's text)."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# A row is a list of (text, style) segments plus its width in cells.
_Seg = tuple[str, str]
_Row = tuple[list[_Seg], int]
_BLANK: _Row = ([], 0)
_Draw = Callable[..., list[_Row]]  # a block, a width (and the link numbers) → its rows
_Links = dict[str, int]  # link target → its number

EM_STYLE = "italic"
STRONG_STYLE = "bold"
CODE_STYLE = "reverse"
LINK_STYLE = "underline cyan"
"""How a link's text is drawn (never as a terminal hyperlink)."""
LINK_NUMBER_STYLE = "cyan"
LINKS_HEADING = "Links"


@dataclass(frozen=True, slots=True)
class PictureSpot:
    """Where a picture goes: ``height`` rows from line ``row`` of :meth:`Layout.lines`,
    ``width`` cells from cell ``column``. Those cells are blank in the laid-out lines."""

    src: str
    row: int
    column: int
    width: int
    height: int


def picture_box(size: tuple[int, int], width: int, max_rows: int = PICTURE_ROWS) -> tuple[int, int]:
    """``(columns, rows)`` of a picture of ``size`` pixels shown ``width`` cells wide.

    A cell is about twice as tall as it is wide, so a row holds two pixels' worth
    of a column; the aspect is kept, and a picture taller than ``max_rows`` is
    narrowed to fit.
    """
    px_w, px_h = max(1, size[0]), max(1, size[1])
    width, max_rows = max(1, width), max(1, max_rows)
    rows = max(1, round(width * px_h / px_w / 2))
    if rows <= max_rows:
        return width, rows
    return max(1, min(width, round(max_rows * 2 * px_w / px_h))), max_rows


@dataclass(frozen=True, slots=True)
class Layout:
    """The parts of a laid-out article (see :func:`layout`).

    ``body`` and ``sidebar`` have the same length: row ``i`` of the page is
    ``body[i]``, padded to ``body_width``, the gutter, then ``sidebar[i]``.
    ``sidebar_width`` is 0 when captions are inline (narrow widths).
    """

    header: list[Text]
    body: list[Text]
    sidebar: list[Text]
    body_width: int
    sidebar_width: int
    gutter: int
    pictures: tuple[PictureSpot, ...] = ()

    @property
    def inline(self) -> bool:
        """True when figures and videos are rendered inline in the body."""
        return self.sidebar_width == 0

    def lines(self) -> list[Text]:
        """The page as one list of lines (header, blank line, body beside sidebar)."""
        out = list(self.header)
        if out and self.body:
            out.append(Text())
        column = self.body_width + self.gutter
        for body, side in zip(self.body, self.sidebar, strict=True):
            if not side:
                out.append(body)
                continue
            line = body.copy()
            line.append(" " * (column - body.cell_len))
            line.append_text(side)
            out.append(line)
        return out or [Text()]


def render(article: Article, width: int, *, measure: int = MEASURE) -> list[Text]:
    """Lay out ``article`` in ``width`` columns; every line fits in ``width`` cells.

    ``measure`` caps the body text width. Figures and videos go in a sidebar when
    ``width >= SIDEBAR_THRESHOLD``, inline otherwise.
    """
    return _fit(layout(article, width, measure=measure).lines(), width)


def render_plain(article: Article, width: int, *, measure: int = MEASURE) -> str:
    """:func:`render` as plain text: lines joined with newlines, trailing spaces stripped."""
    return "\n".join(line.plain.rstrip() for line in render(article, width, measure=measure))


def render_pictures(
    article: Article,
    width: int,
    *,
    measure: int = MEASURE,
    pictures: Mapping[str, tuple[int, int]],
    picture_rows: int = PICTURE_ROWS,
) -> tuple[list[Text], tuple[PictureSpot, ...]]:
    """:func:`render` with room for pictures: the lines and where each picture goes."""
    laid = layout(article, width, measure=measure, pictures=pictures, picture_rows=picture_rows)
    return _fit(laid.lines(), width), laid.pictures


def layout(
    article: Article,
    width: int,
    *,
    measure: int = MEASURE,
    pictures: Mapping[str, tuple[int, int]] | None = None,
    picture_rows: int = PICTURE_ROWS,
) -> Layout:
    """Compute the header, body column and sidebar column of ``article`` at ``width``.

    ``pictures`` maps a figure's ``src`` to its picture's pixel size; each such
    figure gets rows for its picture (at most ``picture_rows``) above its caption.
    """
    width = max(1, width)
    measure = max(1, measure)
    if width >= SIDEBAR_THRESHOLD:
        side_w = max(SIDEBAR_MIN, min(SIDEBAR_MAX, width - GUTTER - measure))
        body_w = min(measure, width - GUTTER - side_w)
        gutter = GUTTER
    else:
        side_w = 0
        body_w = min(measure, width)
        gutter = 0
    header = [_text(row) for row in _header(article, body_w)]
    links = {target: n for n, target in enumerate(article.links, 1)}
    spots: list[PictureSpot] = []
    body, side = _page(article.blocks, body_w, side_w, links, pictures or {}, picture_rows, spots)
    top = len(header) + (1 if header and body else 0)
    column = body_w + gutter if side_w else 0
    return Layout(
        header=header,
        body=[_text(row) for row in body],
        sidebar=[_text(row) for row in side],
        body_width=body_w,
        sidebar_width=side_w,
        gutter=gutter,
        pictures=tuple(
            PictureSpot(s.src, s.row + top, s.column + column, s.width, s.height) for s in spots
        ),
    )


# ----------------------------------------------------------------------------
# Wrapping by cells


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def hard_break(word: str, width: int, first: int | None = None) -> list[str]:
    """Split one word into pieces of at most ``width`` cells, never inside a grapheme.

    ``first`` is the room for the first piece (default ``width``); with it, the
    first piece may be empty. A single grapheme wider than ``width`` stays whole.
    """
    width = max(1, width)
    room = width if first is None else max(0, first)
    if word.isascii():
        return [word[:room]] + [word[i : i + width] for i in range(room, len(word), width)]
    spans, _total = split_graphemes(word)
    pieces = []
    start = 0
    used = 0
    for begin, end, _cells in spans:
        cells = cell_len(word[begin:end])
        if used + cells > room and (begin > start or room < width):
            pieces.append(word[start:begin])
            start, used, room = begin, 0, width
        used += cells
    pieces.append(word[start:])
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap of ``text`` to ``width`` cells; over-long words are hard-broken.

    Runs of whitespace collapse; an empty or blank text gives no lines. A long
    ASCII word (a URL) starts on a new line; a long non-ASCII run (CJK, which
    breaks anywhere) first fills the rest of the current line.
    """
    width = max(1, width)
    words = text.split()
    lines: list[str] = []
    current: list[str] = []
    used = 0
    measure = len if text.isascii() else cell_len
    for word in words:
        cells = measure(word)
        if current:
            if used + 1 + cells <= width:
                current.append(word)
                used += 1 + cells
                continue
            room = width - used - 1
            if cells > width and room >= 2 and not word.isascii():
                head, *pieces = hard_break(word, width, room)
                if head:
                    current.append(head)
                lines.append(" ".join(current))
                lines.extend(pieces[:-1])
                current, used = [pieces[-1]], _width(pieces[-1])
                continue
            lines.append(" ".join(current))
        if cells <= width:
            current, used = [word], cells
        else:
            pieces = hard_break(word, width)
            lines.extend(pieces[:-1])
            current, used = [pieces[-1]], _width(pieces[-1])
    if current:
        lines.append(" ".join(current))
    return lines


def _wrap_rows(
    text: str, width: int, style: str, first: str = "", rest: str = "", prefix_style: str = ""
) -> list[_Row]:
    """Wrap ``text`` with a first-line prefix and a hanging indent (dropped if too wide)."""
    indent = max(_width(first), _width(rest))
    if indent >= width:
        first = rest = ""
        indent = 0
    rows: list[_Row] = []
    for i, line in enumerate(wrap(text, width - indent)):
        prefix = first if i == 0 else rest
        segs: list[_Seg] = [(prefix, prefix_style)] if prefix else []
        segs.append((line, style))
        rows.append((segs, _width(prefix) + _width(line)))
    return rows


def _right(text: str, width: int, style: str) -> list[_Row]:
    """Wrap ``text`` and right-align each line in ``width`` cells."""
    rows: list[_Row] = []
    for line in wrap(text, width):
        cells = _width(line)
        rows.append(([(" " * (width - cells), ""), (line, style)], width))
    return rows


def _text(row: _Row) -> Text:
    text = Text()
    for part, style in row[0]:
        text.append(part, style or None)
    return text


def _fit(lines: list[Text], width: int) -> list[Text]:
    """Safety net: crop any line wider than ``width`` cells (never expected to fire)."""
    for i, line in enumerate(lines):
        if cell_len(line.plain) > width:
            line = line.copy()
            line.truncate(width)
            while cell_len(line.plain) > width and line.plain:
                line.right_crop(1)
            lines[i] = line
    return lines


# ----------------------------------------------------------------------------
# Header


def format_date(when: datetime) -> str:
    """An absolute UTC date such as ``25 Nov 2026 14:03 UTC`` (locale-independent)."""
    when = when.astimezone(UTC)
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year} {when:%H:%M} UTC"


def _header(article: Article, width: int) -> list[_Row]:
    rows: list[_Row] = []
    rows += _wrap_rows(clean_text(article.title), width, "bold")
    rows += _wrap_rows(clean_text(article.dek), width, "italic")
    meta = [clean_text(article.author)]
    if article.published is not None:
        meta.append(format_date(article.published))
    meta.append(clean_text(article.section))
    if article.reading_minutes and any(b.plain.strip() for b in article.blocks if not b.side):
        meta.append(f"{article.reading_minutes} min read")
    rows += _wrap_rows(" · ".join(m for m in meta if m), width, "dim")
    rows += _wrap_rows(clean_text(article.feed), width, "dim")
    rows += _wrap_rows(clean_text(article.source_note), width, "italic dim")
    if rows:
        rows.append(([("─" * width, "dim")], width))
    return rows


# ----------------------------------------------------------------------------
# Blocks


def _text_rows(style: str, first: str = "", rest: str = "", prefix_style: str = "") -> _Draw:
    """A renderer for a kind with one ``text`` field (and maybe ``runs``) drawn in ``style``."""

    def rows(
        block: Paragraph | Heading | Quote | Attribution, width: int, links: _Links | None = None
    ) -> list[_Row]:
        text = clean_text(block.text)
        runs = getattr(block, "runs", ())
        if runs and links is not None:
            return _wrap_runs(text, runs, links, width, style, first, rest, prefix_style)
        return _wrap_rows(text, width, style, first, rest, prefix_style)

    return rows


def _list_rows(block: ListBlock, width: int, links: _Links | None = None) -> list[_Row]:
    styled = block.item_runs if len(block.item_runs) == len(block.items) else ()
    pairs = [(clean_text(item), styled[i] if styled else ()) for i, item in enumerate(block.items)]
    pairs = [(item, runs) for item, runs in pairs if item]
    rows: list[_Row] = []
    marker_w = len(f"{len(pairs)}.") + 1
    for n, (item, runs) in enumerate(pairs, 1):
        if block.ordered:
            first, rest = f"{n}.".rjust(marker_w - 1) + " ", " " * marker_w
        else:
            first, rest = "• ", "  "
        if runs and links is not None:
            rows += _wrap_runs(item, runs, links, width, "", first, rest)
        else:
            rows += _wrap_rows(item, width, "", first, rest)
    return rows


def _code_rows(block: Code, width: int, links: _Links | None = None) -> list[_Row]:
    """Each line as it is (indentation kept), hard-broken when wider than the body."""
    indent = "  " if width > 8 else ""
    room = max(1, width - len(indent))
    rows: list[_Row] = []
    for line in block.lines:
        line = strip_escapes(line).replace("\n", " ").replace("\t", "    ")
        for piece in hard_break(line, room) if line else [""]:
            rows.append(([(indent, ""), (piece, CODE_STYLE)], len(indent) + _width(piece)))
    return rows


def _run_style(run: Run, base: str, linked: bool = True) -> str:
    parts = [base] if base else []
    if run.em:
        parts.append(EM_STYLE)
    if run.strong:
        parts.append(STRONG_STYLE)
    if run.code:
        parts.append(CODE_STYLE)
    if run.href and linked:
        parts.append(LINK_STYLE)
    return " ".join(parts)


def _display(text: str, runs: tuple[Run, ...], links: _Links, base: str) -> list[_Seg]:
    """``text`` as styled pieces, each link followed by its number (``[3]``)."""
    runs = runs_of(text, runs)
    out: list[_Seg] = []
    for i, run in enumerate(runs):
        out.append((run.text, _run_style(run, base, run.href in links)))
        ends_link = run.href and (i + 1 == len(runs) or runs[i + 1].href != run.href)
        if ends_link and run.href in links:
            out.append((f"[{links[run.href]}]", LINK_NUMBER_STYLE))
    return out


def _wrap_runs(
    text: str,
    runs: tuple[Run, ...],
    links: _Links,
    width: int,
    style: str,
    first: str = "",
    rest: str = "",
    prefix_style: str = "",
) -> list[_Row]:
    """:func:`_wrap_rows` for text with inline runs: the same wrapping, styled per run."""
    pieces = _display(text, runs, links, style)
    shown = "".join(p for p, _s in pieces)
    indent = max(_width(first), _width(rest))
    if indent >= width:
        first = rest = ""
        indent = 0
    # The style that starts at each offset of ``shown``.
    starts: list[tuple[int, str]] = []
    at = 0
    for piece, piece_style in pieces:
        starts.append((at, piece_style))
        at += len(piece)
    rows: list[_Row] = []
    pos = 0
    k = 0
    for i, line in enumerate(wrap(shown, width - indent)):
        while pos < len(shown) and shown[pos] == " ":
            pos += 1
        if not shown.startswith(line, pos):  # never expected: fall back to one style
            return _wrap_rows(shown, width, style, first, rest, prefix_style)
        prefix = first if i == 0 else rest
        segs: list[_Seg] = [(prefix, prefix_style)] if prefix else []
        end = pos + len(line)
        while k + 1 < len(starts) and starts[k + 1][0] <= pos:
            k += 1  # the piece the line starts in
        for j in range(k, len(starts)):
            begin, piece_style = starts[j]
            if begin >= end:
                break
            stop = starts[j + 1][0] if j + 1 < len(starts) else len(shown)
            a, b = max(begin, pos), min(stop, end)
            if a < b:
                segs.append((shown[a:b], piece_style))
        rows.append((segs, _width(prefix) + _width(line)))
        pos = end
    return rows


def _links_rows(links: _Links, width: int) -> list[_Row]:
    """The numbered list of link targets that ends the body."""
    rows = _wrap_rows(LINKS_HEADING, width, "bold")
    marker_w = len(f"[{len(links)}]") + 1
    for target, n in links.items():
        marker = f"[{n}]".rjust(marker_w - 1) + " "
        rows += _wrap_rows(target, width, "dim", marker, " " * marker_w, LINK_NUMBER_STYLE)
    return rows


def _video_side(block: Video, width: int) -> list[_Row]:
    """Rows of a video card in the sidebar."""
    title = clean_text(block.title)
    description = clean_text(block.description)
    if not (title or description):
        return []
    rows = _wrap_rows(title or "Video", width, "bold", "▶ ", "  ")
    return rows + _wrap_rows(description, width, "dim")


def _figure_side(block: Figure, width: int) -> list[_Row]:
    """Rows of a caption with its credit in the sidebar (emphasis kept, links not numbered)."""
    caption = clean_text(block.caption)
    credit = clean_text(block.credit)
    if caption and block.caption_runs:
        rows = _wrap_runs(caption, block.caption_runs, {}, width, "")
    else:
        rows = _wrap_rows(caption or clean_text(block.alt), width, "")
    return rows + _right(credit, width, "dim")


def _video_inline(block: Video, width: int) -> list[_Row]:
    """Rows of a video shown inline (narrow widths): indented and dim."""
    title = clean_text(block.title)
    description = clean_text(block.description)
    if not (title or description):
        return []
    rows = _wrap_rows(title or "Video", width, "bold dim", "  ▶ ", "    ", "dim")
    return rows + _wrap_rows(description, width, "dim", "    ", "    ")


def _figure_inline(block: Figure, width: int) -> list[_Row]:
    """Rows of a figure shown inline (narrow widths): indented and dim."""
    caption = clean_text(block.caption) or clean_text(block.alt)
    credit = clean_text(block.credit)
    text = f"{caption} — {credit}" if caption and credit else caption or credit
    return _wrap_rows(text, width, "dim", "  ▣ ", "    ", "dim")


BODY: dict[type, _Draw] = {
    Paragraph: _text_rows(""),
    Heading: _text_rows("bold"),
    Quote: _text_rows("italic", "│ ", "│ ", "dim"),
    Attribution: _text_rows("dim italic"),
    ListBlock: _list_rows,
    Code: _code_rows,
}
"""How each body kind is drawn (``side = False`` in the block registry)."""
SIDE: dict[type, tuple[_Draw, _Draw]] = {
    Figure: (_figure_side, _figure_inline),
    Video: (_video_side, _video_inline),
}
"""How each sidebar kind is drawn: in the sidebar, and inline on narrow widths."""


def _page(
    blocks: tuple[Block, ...],
    body_w: int,
    side_w: int,
    links: _Links | None = None,
    pictures: Mapping[str, tuple[int, int]] | None = None,
    picture_rows: int = PICTURE_ROWS,
    spots: list[PictureSpot] | None = None,
) -> tuple[list[_Row], list[_Row]]:
    """The body column and the sidebar column, row for row; the link list ends the body.

    Figures whose ``src`` is in ``pictures`` get blank rows above their caption;
    where those are goes into ``spots`` (rows counted from the body's first row,
    columns from the column's first cell).
    """
    links = links or {}
    body: list[_Row] = []
    starts: list[int] = []  # start row of each text block that has rows
    groups: list[int] = []  # where blank lines go to move that block down (before its heading)
    pending: list[tuple[list[_Row], int]] = []  # sidebar rows, index of the next text block
    pending_pics: list[PictureSpot | None] = []  # the picture atop each pending item
    after_heading = False
    for block in blocks:
        if block.side:
            in_side, inline = SIDE[type(block)]
            size = pictures.get(block.src) if pictures and isinstance(block, Figure) else None
            if side_w:
                rows = in_side(block, side_w)
                spot = None
                if size:
                    cols, high = picture_box(size, side_w, picture_rows)
                    spot = PictureSpot(block.src, 0, (side_w - cols) // 2, cols, high)
                    rows = [_BLANK] * high + rows
                if rows:
                    pending.append((rows, len(starts)))
                    pending_pics.append(spot)
                continue
            rows = inline(block, body_w)
            if size and spots is not None:
                indent = PICTURE_INDENT if body_w > 2 * PICTURE_INDENT else 0
                cols, high = picture_box(size, body_w - indent, picture_rows)
                start = len(body) + (1 if body and not after_heading else 0)
                spots.append(PictureSpot(block.src, start, indent, cols, high))
                rows = [_BLANK] * high + rows
            is_heading = False
        else:
            rows = BODY[type(block)](block, body_w, links)
            is_heading = isinstance(block, Heading)
        if not rows:
            continue
        attached = after_heading and not is_heading  # a heading keeps its text close
        if body and not attached:
            body.append(_BLANK)
        group = starts[-1] if attached else len(body)
        starts.append(len(body))
        groups.append(group)
        body.extend(rows)
        after_heading = is_heading
    if links:
        if body:
            body.append(_BLANK)
        body.extend(_links_rows(links, body_w))
    placed = _place(pending, body, starts, groups) if pending else []
    side: list[_Row] = [_BLANK] * len(body)
    for (row, _rows), spot in zip(placed, pending_pics, strict=True):
        if spot is not None and spots is not None:
            spots.append(PictureSpot(spot.src, row, spot.column, spot.width, spot.height))
    for row, rows in placed:
        end = row + len(rows)
        if end > len(body):
            body.extend([_BLANK] * (end - len(body)))
            side.extend([_BLANK] * (end - len(side)))
        side[row:end] = rows
    return body, side


def _place(
    items: list[tuple[list[_Row], int]],
    body: list[_Row],
    starts: list[int],
    groups: list[int],
) -> list[tuple[int, list[_Row]]]:
    """Rows for sidebar items: level with their anchors, pushed down on overlap.

    An item pushed more than :data:`MAX_DRIFT` lines below its anchor block moves
    that block down instead (blank lines go into ``body`` before it, or before the
    heading just above it), so a caption never drifts far from its paragraph.
    Items anchored to the same block simply stack.
    """
    placed: list[tuple[int, list[_Row]]] = []
    last = len(starts) - 1
    next_free = 0
    prev_anchor = -1
    for rows, index in items:
        anchor = min(index, last)  # a trailing item sits by the last text block
        want = starts[anchor] if anchor >= 0 else 0
        row = max(want, next_free)
        drift = row - want
        if drift > MAX_DRIFT and anchor > prev_anchor:
            at = groups[anchor]
            if prev_anchor >= 0 and at <= starts[prev_anchor]:
                at = starts[anchor]
            body[at:at] = [_BLANK] * drift
            for i in range(anchor, len(starts)):
                starts[i] += drift
                if groups[i] >= at:
                    groups[i] += drift
        placed.append((row, rows))
        next_free = row + len(rows) + ITEM_GAP
        prev_anchor = anchor
    return placed
