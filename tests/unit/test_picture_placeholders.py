"""Kitty Unicode placeholders: the cells, the renderer's output and its release."""

from __future__ import annotations

import base64
import io
import re
import unicodedata

import pytest
from PIL import Image
from rich.cells import cell_len
from textual.strip import Strip

from newsreader.config import Config
from newsreader.images.detect import choose_mode
from newsreader.images.encode import sixel, sixel_at
from newsreader.images.placeholders import (
    DIACRITICS,
    MAX_CELLS,
    MAX_ID,
    PLACEHOLDER,
    id_style,
    placeholder_rows,
)
from newsreader.images.renderers import HalfBlock, KittyPlaceholders, renderer_for
from newsreader.services.pictures import Picture, Pictures
from tests.support.pictures import gradient

APC = re.compile(r"\x1b_G([^;\x1b]*)(?:;([^\x1b]*))?\x1b\\")


def test_the_marks_are_the_protocols_kind_of_character():
    """The table's rule: combining marks drawn above (class 230) that neither decompose
    nor take part in a decomposition, in code point order; 297 of them."""
    in_decompositions = set()
    for cp in range(0x110000):
        mapping = unicodedata.decomposition(chr(cp))
        if mapping and not mapping.startswith("<"):
            in_decompositions.update(int(part, 16) for part in mapping.split())
    assert len(DIACRITICS) == MAX_CELLS == 297
    assert list(DIACRITICS) == sorted(set(DIACRITICS))
    for mark in DIACRITICS:
        assert unicodedata.combining(mark) == 230, hex(ord(mark))
        assert unicodedata.decomposition(mark) == ""
        assert ord(mark) not in in_decompositions
    assert (DIACRITICS[0], DIACRITICS[1], DIACRITICS[-1]) == ("\u0305", "\u030d", "\U0001d244")


def test_placeholder_cells_are_exactly_the_box_and_name_row_column_and_id():
    rows = placeholder_rows(0x0A0B0C, 7, 3)
    assert len(rows) == 3
    for r, line in enumerate(rows):
        text = "".join(segment.text for segment in line)
        assert sum(cell_len(segment.text) for segment in line) == 7  # exactly the columns
        cells = re.findall(f"{PLACEHOLDER}..", text)
        assert "".join(cells) == text and len(cells) == 7
        for c, cell in enumerate(cells):
            assert cell == PLACEHOLDER + DIACRITICS[r] + DIACRITICS[c]
        colour = line[0].style.color
        assert colour is not None and colour.triplet is not None
        assert tuple(colour.triplet) == (0x0A, 0x0B, 0x0C)  # the id, in 24 bits


def test_ids_and_sizes_outside_the_protocol_are_refused():
    assert id_style(MAX_ID).color.triplet == (255, 255, 255)
    for bad in (0, MAX_ID + 1):
        with pytest.raises(ValueError):
            id_style(bad)
    with pytest.raises(ValueError):
        placeholder_rows(1, MAX_CELLS + 1, 1)
    with pytest.raises(ValueError):
        placeholder_rows(1, 1, 0)


def test_cropping_a_row_as_the_reader_does_keeps_every_cell_whole():
    row = placeholder_rows(5, 10, 1)[0]
    strip = Strip(row, 10)
    for cut in range(11):
        left, right = strip.crop(0, cut), strip.crop(cut, 10)
        assert left.cell_length == cut and right.cell_length == 10 - cut
        for part in (left, right):
            text = "".join(segment.text for segment in part)
            assert re.fullmatch(f"(?:{PLACEHOLDER}..)*", text)  # no mark cut from its cell


def transmissions(output: str) -> dict[int, bytes]:
    """Image id → PNG bytes sent in ``output`` (chunks joined)."""
    images: dict[int, str] = {}
    current = None
    for keys, payload in APC.findall(output):
        fields = dict(pair.split("=") for pair in keys.split(","))
        if fields.get("a") == "d":
            continue
        if "a" in fields:
            assert fields["a"] == "T" and fields["U"] == "1" and fields["q"] == "2"
            current = int(fields["i"])
            images[current] = ""
        assert current is not None
        images[current] += payload
    return {key: base64.standard_b64decode(value) for key, value in images.items()}


def test_the_kitty_renderer_sends_each_image_once_before_its_cells_and_frees_it():
    renderer = KittyPlaceholders()
    picture = gradient(64, 32).convert("RGBA")
    first = renderer.cells(picture, 20, 5)
    second = renderer.cells(picture, 10, 3)
    assert [sum(cell_len(s.text) for s in line) for line in first] == [20] * 5
    ids = [tuple(rows[0][0].style.color.triplet) for rows in (first, second)]
    assert ids == [(0, 0, 1), (0, 0, 2)]
    output = renderer.take_output()
    sent = transmissions(output)
    assert sorted(sent) == [1, 2]
    for png in sent.values():
        with Image.open(io.BytesIO(png)) as decoded:
            assert decoded.convert("RGBA").tobytes() == picture.tobytes()  # the pixels, as PNG
    assert "c=20,r=5" in output and "c=10,r=3" in output
    assert renderer.take_output() == ""  # taken once
    assert renderer.live == [1, 2]
    generation = renderer.generation
    renderer.release()
    assert renderer.generation == generation + 1 and renderer.live == []
    assert renderer.take_output() == "\x1b_Ga=d,d=I,i=1,q=2\x1b\\\x1b_Ga=d,d=I,i=2,q=2\x1b\\"


def test_an_image_released_before_it_was_written_is_neither_sent_nor_deleted():
    renderer = KittyPlaceholders()
    renderer.cells(gradient(8, 8), 4, 2)
    renderer.release()
    assert renderer.take_output() == ""


def test_too_large_for_the_marks_is_half_block_and_ids_wrap_within_24_bits():
    renderer = KittyPlaceholders(first_id=MAX_ID)
    rows = renderer.cells(gradient(8, 8), MAX_CELLS + 1, 2)
    assert "▀" in "".join(s.text for s in rows[0]) and renderer.take_output() == ""
    last = renderer.cells(gradient(8, 8), 2, 1)
    wrapped = renderer.cells(gradient(8, 8), 2, 1)
    assert tuple(last[0][0].style.color.triplet) == (255, 255, 255)
    assert tuple(wrapped[0][0].style.color.triplet) == (0, 0, 1)


def test_renderers_are_fresh_per_service_and_half_block_has_no_output():
    assert renderer_for("kitty") is not renderer_for("kitty")
    assert isinstance(renderer_for("sixel"), HalfBlock)  # its cells: what shows under a Sixel
    assert isinstance(renderer_for("nonesuch"), HalfBlock)
    half = HalfBlock()
    half.cells(gradient(8, 8), 4, 2)
    half.release()
    assert half.take_output() == ""


def test_a_picture_draws_afresh_after_its_renderer_released(tmp_path):
    service = Pictures(
        Config(images="kitty"), cache_root=tmp_path, env={"TERM": "xterm-kitty"}, truecolor=True
    )
    assert service.mode == "kitty"
    picture = Picture("https://x.test/a.png", gradient(30, 20), service.renderer)
    once = picture.cells(6, 2)
    assert picture.cells(6, 2) is once  # cached per size
    assert len(transmissions(service.graphics())) == 1
    service.release()
    again = picture.cells(6, 2)
    assert again is not once and again[0][0].style != once[0][0].style  # a new image id
    output = service.graphics()
    assert output.startswith("\x1b_Ga=d,d=I,i=1,q=2\x1b\\") and list(transmissions(output)) == [2]


@pytest.mark.parametrize(
    ("setting", "env", "truecolor", "expected"),
    [
        ("auto", {"TERM": "xterm-kitty"}, True, "kitty"),
        ("auto", {"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"}, True, "kitty"),
        ("auto", {"TERM": "xterm-ghostty"}, True, "kitty"),
        ("auto", {"TERM": "xterm-256color", "TERM_PROGRAM": "ghostty"}, True, "kitty"),
        ("auto", {"TERM": "xterm-kitty"}, False, "halfblock"),  # 256 colours, NO_COLOR
        ("kitty", {"TERM": "xterm-256color"}, True, "kitty"),  # asked for by name
        ("kitty", {"TERM": "xterm-kitty", "TMUX": "/tmp/t,1,0"}, True, "halfblock"),
        ("kitty", {"TERM": "tmux-256color"}, True, "halfblock"),
        ("auto", {"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, True, "sixel"),
        ("auto", {"TERM": "foot"}, False, "sixel"),  # a palette: 256 colours will do
        ("sixel", {"TERM": "foot"}, True, "sixel"),
        ("sixel", {"TERM": "foot", "TMUX": "/tmp/t,1,0"}, True, "halfblock"),
        ("off", {"TERM": "xterm-kitty"}, True, "off"),
    ],
)
def test_kitty_is_chosen_only_when_announced_or_named_outside_tmux_with_truecolor(
    setting, env, truecolor, expected
):
    assert choose_mode(setting, env, truecolor=truecolor) == expected


def test_only_our_kitty_and_placed_sixel_escapes_leave_the_service(tmp_path):
    service = Pictures(Config(images="halfblock"), cache_root=tmp_path)

    class Leaky(HalfBlock):
        def __init__(self, output: str) -> None:
            self.output = output

        def take_output(self) -> str:
            return self.output

    good = KittyPlaceholders()
    good.cells(gradient(20, 10), 4, 2)
    sent = good.take_output() + "\x1b_Ga=d,d=I,i=1,q=2\x1b\\"
    placed = sixel_at(4, 7, sixel(gradient(20, 10), 20, 12))
    for output, expected in [
        (sent, sent),
        ("", ""),
        (sent + "Story text", ""),  # text after the escapes
        ("\x1b_Ga=T,f=100,i=1;not base64 at all\x1b\\", ""),
        ("\x1b_Ga=T,i=1;AAAA\x1b\\\x1b]52;c;AAAA\x07", ""),  # another escape smuggled in
        (placed + sent + placed, placed + sent + placed),
        ("\x1bPq#0;2;0;0;0#0~\x1b\\", ""),  # a Sixel not placed as ours are
        (placed.replace("\x1b8", ""), ""),  # the cursor not restored
        (placed.replace("-", "-\x1b[2J", 1), ""),  # another escape inside
        (placed.replace("#", "Story text #", 1), ""),  # text in the palette
        (placed[:-4] + "\x1b8", ""),  # never terminated
    ]:
        service.renderer = Leaky(output)
        assert service.graphics() == expected
