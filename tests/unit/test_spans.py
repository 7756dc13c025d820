"""Inline runs: the model's JSON form, extraction from HTML, and drawing them."""

from __future__ import annotations

import itertools
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from newsreader.extract.html import html_to_blocks
from newsreader.layout import LINK_STYLE, layout, render
from newsreader.model import (
    Article,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Run,
    block_from_dict,
    block_to_dict,
)
from newsreader.model.blocks import plain_text_of
from newsreader.sanitize import clean_text

# --- the model ----------------------------------------------------------------


def test_runs_round_trip_and_only_styled_blocks_carry_them() -> None:
    block = Paragraph(
        "Read the report now.",
        (Run("Read the "), Run("report", href="https://ex.test/r"), Run(" now.", em=True)),
    )
    data = block_to_dict(block)
    assert data == {
        "type": "paragraph",
        "text": "Read the report now.",
        "runs": [
            {"text": "Read the "},
            {"text": "report", "href": "https://ex.test/r"},
            {"text": " now.", "em": True},
        ],
    }
    assert block_from_dict(data).runs == block.runs
    assert block_to_dict(Paragraph("plain")) == {"type": "paragraph", "text": "plain"}


def test_a_stored_block_without_runs_still_loads_and_indexes_the_same() -> None:
    old = {"type": "paragraph", "text": "Old text."}
    assert block_from_dict(old) == Paragraph("Old text.")
    styled = block_to_dict(Paragraph("Old text.", (Run("Old", strong=True), Run(" text."))))
    assert plain_text_of(styled) == plain_text_of(old)
    items = block_to_dict(ListBlock(("a b", "c"), item_runs=((Run("a", code=True), Run(" b")), ())))
    assert plain_text_of(items) == plain_text_of({"type": "list", "items": ["a b", "c"]})


def test_runs_that_no_longer_spell_the_text_are_not_stored() -> None:
    block = Paragraph("changed", (Run("old", em=True),))
    assert "runs" not in block_to_dict(block)


@pytest.mark.parametrize(
    "href", ["javascript:x", "file:///etc/passwd", "https://a.test/\x1b]8;;x", "http://a b"]
)
def test_a_stored_unsafe_link_is_dropped_on_load(href: str) -> None:
    data = {"type": "paragraph", "text": "x", "runs": [{"text": "x", "href": href}]}
    assert block_from_dict(data).runs == (Run("x"),)


@pytest.mark.parametrize("bad", [[{"text": 3}], [{"text": "x", "em": "yes"}], "x", [["x"]]])
def test_damaged_runs_raise_like_any_damaged_field(bad) -> None:
    with pytest.raises(TypeError):
        block_from_dict({"type": "paragraph", "text": "x", "runs": bad})


# --- extraction from HTML -----------------------------------------------------


def test_feed_html_keeps_emphasis_strong_code_and_clean_links() -> None:
    html = (
        '<p>The <em>new</em> pier <a href="/plans/pier">plans</a> and <strong>a '
        '<a href="javascript:alert(1)">vote</a></strong> on <code>v2</code>.</p>'
    )
    [block] = html_to_blocks(html, base_url="https://harbour.test/news/")
    assert block.text == "The new pier plans and a vote on v2."
    assert block.runs == (
        Run("The "),
        Run("new", em=True),
        Run(" pier "),
        Run("plans", href="https://harbour.test/plans/pier"),
        Run(" and "),
        Run("a vote", strong=True),
        Run(" on "),
        Run("v2", code=True),
        Run("."),
    )


def test_links_in_headings_quotes_list_items_and_br_paragraphs() -> None:
    html = (
        '<h2>See <a href="https://a.test/">this</a></h2>'
        "<blockquote>We <em>will</em> return</blockquote>"
        '<ul><li>plain</li><li><a href="https://b.test/x">linked</a> item</li></ul>'
        "<p>first <i>one</i><br><br><b>second</b> one</p>"
    )
    blocks = html_to_blocks(html)
    assert blocks == [
        Heading("See this"),
        Quote("We will return"),
        ListBlock(("plain", "linked item")),
        Paragraph("first one"),
        Paragraph("second one"),
    ]
    assert blocks[0].runs[1] == Run("this", href="https://a.test/")
    assert blocks[1].runs[1] == Run("will", em=True)
    assert blocks[2].item_runs == ((), (Run("linked", href="https://b.test/x"), Run(" item")))
    assert blocks[3].runs == (Run("first "), Run("one", em=True))
    assert blocks[4].runs == (Run("second", strong=True), Run(" one"))


def test_escapes_inside_a_styled_piece_never_reach_a_run() -> None:
    [block] = html_to_blocks("<p>a <em>b\x1b]52;c;AAAA\x07c</em> d</p>")
    assert "\x1b" not in block.text
    assert all("\x1b" not in r.text for r in block.runs)
    assert "".join(r.text for r in block.runs) in ("", block.text)


# --- drawing ----------------------------------------------------------------


def _styles_at(line: Text, needle: str) -> set[str]:
    start = line.plain.index(needle)
    return {str(s.style) for s in line.spans if s.start <= start < s.end}


def test_links_are_numbered_drawn_distinctly_and_listed_at_the_end() -> None:
    article = Article(
        title="T",
        blocks=(
            Paragraph(
                "Go to the harbour site or the other one.",
                (
                    Run("Go to the "),
                    Run("harbour site", href="https://h.test/"),
                    Run(" or the "),
                    Run("other", href="https://o.test/"),
                    Run(" one."),
                ),
            ),
            Paragraph(
                "Again the harbour.",
                (Run("Again the "), Run("harbour", href="https://h.test/"), Run(".")),
            ),
        ),
    )
    assert article.links == ("https://h.test/", "https://o.test/")
    lines = render(article, 80)
    plain = [line.plain.rstrip() for line in lines]
    assert "Go to the harbour site[1] or the other[2] one." in plain
    assert "Again the harbour[1]." in plain
    assert plain[-3:] == ["Links", "[1] https://h.test/", "[2] https://o.test/"]
    line = lines[plain.index("Go to the harbour site[1] or the other[2] one.")]
    assert LINK_STYLE in _styles_at(line, "harbour")
    assert not any("\x1b" in line.plain for line in lines)


def test_emphasis_is_italic_and_strong_is_bold() -> None:
    block = Paragraph(
        "a soft b loud", (Run("a "), Run("soft", em=True), Run(" b "), Run("loud", strong=True))
    )
    [line] = [t for t in render(Article(title="", blocks=(block,)), 60) if "soft" in t.plain]
    assert "italic" in _styles_at(line, "soft")
    assert "bold" in _styles_at(line, "loud")


_WORD = st.text(
    alphabet=st.sampled_from([*"abcxyz日本😀é[]/@=", "\u0301"]), min_size=1, max_size=30
)


@st.composite
def _styled_text(draw) -> tuple[str, tuple[Run, ...]]:
    words = draw(st.lists(_WORD, min_size=1, max_size=25))
    text = clean_text(" ".join(words))
    if not text:
        text = "x"
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=6))) | {0, len(text)})
    runs = []
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        runs.append(
            Run(
                text[a:b],
                em=draw(st.booleans()),
                strong=draw(st.booleans()),
                code=draw(st.booleans()),
                href=draw(st.sampled_from(["", "", "https://a.test/", "http://b.test/p?q=1"])),
            )
        )
    return text, tuple(runs)


_LINK_NUMBER = re.compile(r"\[\d+\]")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_styled_text(), min_size=1, max_size=5), st.integers(min_value=20, max_value=300))
def test_property_styled_blocks_keep_widths_and_text(texts, width) -> None:
    blocks = []
    for i, (text, runs) in enumerate(texts):
        kind = (Paragraph, Heading, Quote)[i % 3]
        blocks.append(kind(text, runs))
    blocks.append(ListBlock(tuple(t for t, _r in texts), item_runs=tuple(r for _t, r in texts)))
    article = Article(title="", blocks=tuple(blocks))
    lines = layout(article, width).lines()
    for line in lines:
        assert cell_len(line.plain) <= width
        padded = line.copy()
        padded.truncate(width, pad=True)
        assert cell_len(padded.plain) == width
        assert not any(unicodedata.category(ch) == "Cc" for ch in line.plain)
    # The text of every block is all there, in order, once link numbers are taken out.
    body = "".join("".join(line.plain.split()) for line in layout(article, width).body)
    body = _LINK_NUMBER.sub("", body.replace("│", "").replace("•", ""))
    for text, _runs in texts:
        assert "".join(text.split()) in body


def test_caption_emphasis_is_drawn_in_the_sidebar_without_a_link_number() -> None:
    from newsreader.model import Figure

    figure = Figure(
        "https://x.test/a.jpg",
        caption="The old pier",
        credit="Ana Roe",
        caption_runs=(Run("The "), Run("old", em=True), Run(" pier", href="https://x.test/p")),
    )
    article = Article(title="T", blocks=(Paragraph("Body text here."), figure))
    page = layout(article, 160)
    [line] = [t for t in page.sidebar if "old" in t.plain]
    assert "italic" in _styles_at(line, "old")
    assert "[1]" not in line.plain and LINK_STYLE not in _styles_at(line, "pier")
    assert article.links == ()


_PIECE = st.text(
    alphabet=st.sampled_from([*"ab ,.\n\t", "\x1b", "]", "8", ";", "\x07", "\u00a0", "é", "日"]),
    max_size=12,
)
_TAG = st.sampled_from(["", "em", "i", "strong", "b", "code", "a", "span", "br"])
_HREF = st.sampled_from(
    ["https://a.test/x", "/rel/path", "javascript:alert(1)", "-x", "file:///etc/passwd", ""]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TAG, _PIECE, _HREF, st.booleans()), max_size=12))
def test_property_runs_always_spell_the_text_and_link_only_to_the_web(parts) -> None:
    from html import escape

    html = ["<p>"]
    for tag, text, href, close_p in parts:
        body = escape(text)
        if tag == "br":
            html.append("<br>")
        elif tag == "a":
            html.append(f'<a href="{escape(href)}">{body}</a>')
        elif tag:
            html.append(f"<{tag}>{body}</{tag}>")
        else:
            html.append(body)
        if close_p:
            html.append("</p><p>")
    html.append("</p>")
    for block in html_to_blocks("".join(html), base_url="https://base.test/dir/"):
        for runs, text in (
            [(block.runs, block.text)]
            if hasattr(block, "runs")
            else list(zip(block.item_runs, block.items, strict=False))
        ):
            if runs:
                assert "".join(r.text for r in runs) == text
                assert any(r.styled for r in runs)
            for run in runs:
                assert not run.href or run.href.startswith(("https://", "http://"))
                assert "\x1b" not in run.text and "\x07" not in run.text
