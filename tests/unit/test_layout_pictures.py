"""The layout's room for pictures: rows above a caption, where they go, nothing without them."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from newsreader.layout import (
    PICTURE_INDENT,
    SIDEBAR_THRESHOLD,
    layout,
    picture_box,
    render,
    render_pictures,
)
from newsreader.model import Article, Figure, Paragraph

TEXT = "Words of the body text go on for a while so that they wrap. " * 6
LEAD = Figure(src="https://x.test/lead.png", caption="The lead caption.", credit="Photo: A")
MID = Figure(src="https://x.test/mid.png", alt="Only alt text")
ARTICLE = Article(
    title="Pictures",
    blocks=(LEAD, Paragraph(TEXT), Paragraph(TEXT), MID, Paragraph(TEXT), Paragraph(TEXT)),
)
SIZES = {LEAD.src: (800, 400), MID.src: (300, 600)}


@pytest.mark.parametrize(
    ("size", "width", "rows", "expected"),
    [
        ((800, 400), 30, 12, (30, 8)),  # 2:1 → 30 columns, 15 pixel-rows of 2 → 8 rows
        ((300, 600), 30, 12, (12, 12)),  # tall: narrowed to keep the aspect within 12 rows
        ((1000, 10), 30, 12, (30, 1)),  # a strip still gets one row
        ((0, 0), 30, 12, (24, 12)),  # nonsense sizes never divide by zero
    ],
)
def test_picture_box_keeps_the_aspect_within_the_row_limit(size, width, rows, expected):
    assert picture_box(size, width, rows) == expected


@pytest.mark.parametrize("width", [60, 99, 100, 140, 200])
def test_without_pictures_the_layout_is_unchanged(width):
    lines, spots = render_pictures(ARTICLE, width, pictures={})
    assert spots == ()
    assert [line.plain for line in lines] == [line.plain for line in render(ARTICLE, width)]
    other = {"https://elsewhere.test/x.png": (10, 10)}  # a picture of no figure here
    lines, spots = render_pictures(ARTICLE, width, pictures=other)
    assert spots == ()
    assert [line.plain for line in lines] == [line.plain for line in render(ARTICLE, width)]


def test_in_the_sidebar_each_picture_sits_right_above_its_caption():
    width = 140
    lines, spots = render_pictures(ARTICLE, width, pictures=SIZES, picture_rows=10)
    laid = layout(ARTICLE, width, pictures=SIZES, picture_rows=10)
    assert not laid.inline
    column = laid.body_width + laid.gutter
    assert [s.src for s in spots] == [LEAD.src, MID.src]
    for spot in spots:
        assert spot.column >= column
        assert spot.column + spot.width <= column + laid.sidebar_width
        for row in range(spot.row, spot.row + spot.height):  # the picture's cells are blank
            assert lines[row].plain[spot.column : spot.column + spot.width].strip() == ""
    lead, mid = spots
    assert lines[lead.row + lead.height].plain[column:].startswith("The lead caption.")
    assert lines[mid.row + mid.height].plain[column:].startswith("Only alt text")
    assert lead.row == len(laid.header) + 1  # the lead picture is at the top of the page
    assert lines[lead.row].plain.startswith("Words")  # level with the first paragraph
    assert all(cell_len(line.plain) <= width for line in lines)


def test_narrow_pictures_go_inline_above_the_inline_caption():
    width = SIDEBAR_THRESHOLD - 1
    lines, spots = render_pictures(ARTICLE, width, pictures=SIZES, picture_rows=6)
    lead, mid = spots
    assert lead.column == PICTURE_INDENT and lead.height == 6
    for spot in spots:
        assert all(not lines[r].plain.strip() for r in range(spot.row, spot.row + spot.height))
    assert "The lead caption." in lines[lead.row + lead.height].plain
    assert "Only alt text" in lines[mid.row + mid.height].plain
    plain = [line.plain for line in render(ARTICLE, width)]
    with_rows = [line.plain for line in lines]
    assert len(with_rows) == len(plain) + lead.height + mid.height


@settings(max_examples=150)
@given(
    width=st.integers(min_value=20, max_value=220),
    rows=st.integers(min_value=1, max_value=30),
    sizes=st.lists(st.tuples(st.integers(1, 5000), st.integers(1, 5000)), min_size=1, max_size=4),
    captions=st.lists(st.text(max_size=60), min_size=1, max_size=4),
)
def test_pictures_always_fit_and_sit_on_blank_cells(width, rows, sizes, captions):
    blocks = []
    pictures = {}
    for n, caption in enumerate(captions):
        src = f"https://x.test/{n}.png"
        blocks += [Paragraph(TEXT[: 40 + 30 * n]), Figure(src=src, caption=caption)]
        pictures[src] = sizes[n % len(sizes)]
    article = Article(title="t", blocks=tuple(blocks))
    lines, spots = render_pictures(article, width, pictures=pictures, picture_rows=rows)
    assert len(spots) == len(captions)
    for spot in spots:
        assert 1 <= spot.height <= rows and spot.width >= 1
        assert spot.column + spot.width <= width
        for row in range(spot.row, spot.row + spot.height):
            assert lines[row].plain[spot.column : spot.column + spot.width].strip() == ""
    assert all(cell_len(line.plain) <= width for line in lines)
    ordered = sorted(spots, key=lambda s: s.row)
    for first, second in itertools.pairwise(ordered):
        assert second.row >= first.row + first.height  # pictures never overlap
