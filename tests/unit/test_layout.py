"""The pure layout: article blocks and a width in, styled lines out."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from newsreader.layout import (
    GUTTER,
    MAX_DRIFT,
    MEASURE,
    SIDEBAR_MAX,
    SIDEBAR_THRESHOLD,
    format_date,
    hard_break,
    layout,
    render,
    render_plain,
    wrap,
)
from newsreader.model import (
    Article,
    Attribution,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Video,
)
from newsreader.sanitize import clean_text
from newsreader.services.reading import get_article
from newsreader.services.stores import open_store

WIDE = 160
NARROW = 80


def words(tag: str, n: int) -> str:
    """``n`` distinct words starting with ``tag`` (so a test can find them)."""
    return " ".join(f"{tag}{i}" for i in range(n))


def art(*blocks, **fields) -> Article:
    fields.setdefault("title", "Headline")
    return Article(blocks=tuple(blocks), **fields)


def row_of(lines: list[Text], needle: str) -> int:
    """Index of the first line whose plain text contains ``needle``."""
    for i, line in enumerate(lines):
        if needle in line.plain:
            return i
    raise AssertionError(f"{needle!r} not rendered")


def rows_with(lines: list[Text], needle: str) -> list[int]:
    return [i for i, line in enumerate(lines) if needle in line.plain]


def styles_of(line: Text, needle: str) -> set[str]:
    """The styles of the spans that cover ``needle`` in ``line``."""
    start = line.plain.index(needle)
    end = start + len(needle)
    found = {str(s.style) for s in line.spans if s.start <= start and s.end >= end}
    if line.style:
        found.add(str(line.style))
    return found


def sidebar_column(width: int) -> int:
    page = layout(art(Paragraph("x")), width)
    return page.body_width + page.gutter


MIXED = art(
    Figure("https://x.example/a.jpg", "alt text", "Lead caption " + words("lead", 12), "Credit A"),
    Paragraph(words("alpha", 80)),
    Heading("A heading in the middle"),
    Paragraph("日本語の文章がここに続きます。" * 8 + " 😀🎉👩‍👩‍👧 emoji e\u0301te\u0301"),
    Figure(caption="", alt="", credit=""),
    Figure(caption="Second caption " + words("cap", 20), credit="Photo: Someone Long-Named"),
    Video("Watch the tide", "Two minutes on the quay " + words("vid", 10)),
    Quote("A quoted line " + words("quote", 30)),
    ListBlock(("first " + words("li", 20), "second", "third"), ordered=True),
    ListBlock(("bullet " + words("bu", 20), "other")),
    Paragraph("Link https://example.org/" + "a-very-long-path-segment/" * 12 + " end"),
    Paragraph("[bold]not bold[/] [@click=app.quit]x[/] [link=javascript:alert(1)]y[/link]"),
    Attribution("With files from the wire."),
    title="Title " + words("title", 15),
    dek="Dek " + words("dek", 20),
    author="Mara Quill",
    section="Local",
    feed="The Harbour Gazette",
    published=datetime(2026, 11, 25, 14, 3, tzinfo=UTC),
)


# --- sidebar placement ------------------------------------------------------


def test_caption_starts_level_with_its_paragraph() -> None:
    article = art(
        Paragraph(words("one", 60)),
        Paragraph(words("two", 60)),
        Figure(caption="Kestrel over the dunes", credit="Photo: R. Lind"),
        Paragraph(words("three", 60)),
    )
    lines = render(article, WIDE)
    row = row_of(lines, "three0")
    assert row_of(lines, "Kestrel") == row
    assert lines[row].plain.index("Kestrel") == sidebar_column(WIDE)
    assert lines[row].plain.startswith("three0")
    # the paragraph before is not disturbed: no blank lines pushed into the body
    assert row - row_of(lines, "two0") == len(wrap(words("two", 60), MEASURE)) + 1


def test_lead_image_sits_beside_the_first_body_lines() -> None:
    article = art(
        Figure(caption="Lead caption here", credit="Photo: A"),
        Paragraph(words("first", 60)),
        title="A title",
        dek="A dek",
    )
    lines = render(article, WIDE)
    first = row_of(lines, "first0")
    assert row_of(lines, "Lead caption") == first
    assert lines[first].plain.startswith("first0")
    assert row_of(lines, "A dek") < first  # the header comes first


def test_two_figures_in_a_row_stack_without_overlap() -> None:
    article = art(
        Paragraph(words("intro", 30)),
        Figure(caption="First " + words("f", 20), credit="Credit one"),
        Figure(caption="Second " + words("s", 20), credit="Credit two"),
        Paragraph(words("body", 200)),
    )
    page = layout(article, WIDE)
    side = [t.plain for t in page.sidebar]
    first = next(i for i, s in enumerate(side) if s.startswith("First"))
    second = next(i for i, s in enumerate(side) if s.startswith("Second"))
    credit_one = next(i for i, s in enumerate(side) if "Credit one" in s)
    body = [t.plain for t in page.body]
    assert body[first].startswith("body0")  # the first figure is level with its paragraph
    assert credit_one < second
    assert second == credit_one + 2  # one blank line between the items
    assert side[credit_one + 1] == ""
    # no sidebar row holds text from both items
    for text in side:
        assert not ({"f0", "Credit one"} & set(text.split()) and "s0" in text.split())


def test_pushed_caption_keeps_within_drift_without_moving_the_body() -> None:
    article = art(
        Figure(caption=words("c", 12)),  # about 3 sidebar lines
        Paragraph("Short one."),
        Figure(caption="Second caption"),
        Paragraph("Short two."),
    )
    page = layout(article, WIDE)
    body = [t.plain for t in page.body]
    side = [t.plain for t in page.sidebar]
    p1, p2 = body.index("Short one."), body.index("Short two.")
    assert p2 == p1 + 2  # the body is untouched
    cap = next(i for i, s in enumerate(side) if s.startswith("Second"))
    assert p2 < cap <= p2 + MAX_DRIFT
    assert side[cap - 1] == ""


def test_caption_never_drifts_far_body_gets_blank_lines() -> None:
    long_caption = words("longcap", 60)  # well over MAX_DRIFT lines in the sidebar
    article = art(
        Paragraph("Short one."),
        Figure(caption=long_caption),
        Paragraph("Short two."),
        Figure(caption="Follower caption"),
        Paragraph("Short three."),
        Paragraph("Short four."),
    )
    page = layout(article, WIDE)
    body = [t.plain for t in page.body]
    side = [t.plain for t in page.sidebar]
    p2, p3 = body.index("Short two."), body.index("Short three.")
    cap_end = max(i for i, s in enumerate(side) if "longcap" in s)
    follower = side.index("Follower caption")
    assert follower == p3  # level with its paragraph, however far it was pushed
    assert follower == cap_end + 2
    assert p3 - p2 > MAX_DRIFT  # blank lines went into the body before it
    assert all(line == "" for line in body[p2 + 1 : p3])
    assert side[p2].startswith("longcap")  # the first caption stays level too
    assert body.index("Short four.") == p3 + 2


def test_drift_blank_lines_go_before_a_heading_not_between_it_and_its_paragraph() -> None:
    article = art(
        Paragraph("Short one."),
        Figure(caption=words("longcap", 60)),
        Paragraph("Short two."),
        Heading("Next part"),
        Figure(caption="Follower caption"),
        Paragraph("Short three."),
    )
    page = layout(article, WIDE)
    body = [t.plain for t in page.body]
    side = [t.plain for t in page.sidebar]
    heading, p3 = body.index("Next part"), body.index("Short three.")
    assert p3 == heading + 1
    assert side.index("Follower caption") == p3


def test_trailing_figure_sits_by_the_last_paragraph() -> None:
    article = art(Paragraph(words("a", 40)), Paragraph(words("b", 40)), Figure(caption="Tail"))
    page = layout(article, WIDE)
    body = [t.plain for t in page.body]
    side = [t.plain for t in page.sidebar]
    assert side.index("Tail") == next(i for i, s in enumerate(body) if s.startswith("b0"))


def test_sidebar_extends_past_a_short_body() -> None:
    article = art(Figure(caption=words("cap", 60)), Paragraph("Tiny."))
    page = layout(article, WIDE)
    assert len(page.body) == len(page.sidebar)
    assert len(page.body) > 1
    assert all("cap" in s.plain for s in page.sidebar if s.plain)


def test_credit_is_dim_on_its_own_line_right_aligned() -> None:
    lines = render(art(Figure(caption="Caption text", credit="Photo: Ada"), Paragraph("P.")), WIDE)
    row = row_of(lines, "Photo: Ada")
    assert row == row_of(lines, "Caption text") + 1
    page = layout(art(Paragraph("x")), WIDE)
    right_edge = page.body_width + page.gutter + page.sidebar_width
    assert cell_len(lines[row].plain) == right_edge
    assert "dim" in styles_of(lines[row], "Photo: Ada")


def test_video_card_in_sidebar_and_inline() -> None:
    article = art(Video("Watch the tide", "Two minutes on the quay."), Paragraph("Body."))
    lines = render(article, WIDE)
    title = row_of(lines, "▶ Watch the tide")
    assert title == row_of(lines, "Body.")
    assert "bold" in styles_of(lines[title], "Watch the tide")
    desc = row_of(lines, "Two minutes")
    assert desc == title + 1
    assert "dim" in styles_of(lines[desc], "Two minutes")

    narrow = render(article, NARROW)
    title = row_of(narrow, "▶ Watch the tide")
    assert narrow[title].plain.startswith("  ▶ ")
    assert title < row_of(narrow, "Body.")
    assert narrow[row_of(narrow, "Two minutes")].plain.startswith("    Two minutes")
    assert "dim" in styles_of(narrow[row_of(narrow, "Two minutes")], "Two minutes")


def test_sidebar_width_grows_with_the_terminal_and_is_capped() -> None:
    at_threshold = layout(MIXED, SIDEBAR_THRESHOLD)
    wide = layout(MIXED, 300)
    assert not at_threshold.inline and not wide.inline
    assert 24 <= at_threshold.sidebar_width < wide.sidebar_width == SIDEBAR_MAX
    assert wide.body_width == MEASURE
    assert max(cell_len(line.plain) for line in render(MIXED, 300)) <= MEASURE + GUTTER + 36


# --- narrow fallback ----------------------------------------------------------


@pytest.mark.parametrize("width", [NARROW, SIDEBAR_THRESHOLD - 1, 40, 20])
def test_narrow_widths_put_captions_inline_and_dim(width: int) -> None:
    article = art(
        Paragraph("Before the picture."),
        Figure(caption="Inline caption", credit="Photo: Bo"),
        Paragraph("After the picture."),
    )
    page = layout(article, width)
    assert page.inline and page.sidebar_width == 0
    lines = render(article, width)
    cap = row_of(lines, "Inline")
    assert lines[cap].plain.startswith("  ▣ Inline")
    assert row_of(lines, "Before") < cap < row_of(lines, "After")
    assert "dim" in styles_of(lines[cap], "Inline")
    assert "Photo: Bo" in render_plain(article, width).replace("\n    ", " ")


def test_wide_terminal_puts_captions_in_the_sidebar() -> None:
    article = art(
        Paragraph("Before the picture."),
        Figure(caption="Side caption", credit="Photo: Bo"),
        Paragraph("After the picture."),
    )
    assert not layout(article, WIDE).inline
    plain = render_plain(article, WIDE)
    assert "▣" not in plain
    line = next(ln for ln in plain.splitlines() if "Side caption" in ln)
    assert line.startswith("After the picture.")


# --- measure, widths, wrapping -------------------------------------------------


@pytest.mark.parametrize("width", range(20, 301))
def test_every_line_fits_the_width(width: int) -> None:
    # layout().lines() is render() before its last-resort crop: check it fits on its own
    assert [t.plain for t in layout(MIXED, width).lines()] == [
        t.plain for t in render(MIXED, width)
    ]
    for line in render(MIXED, width):
        assert cell_len(line.plain) <= width
        assert "\n" not in line.plain


def test_body_measure_is_capped_at_width_300() -> None:
    page = layout(art(Paragraph(words("w", 400)), Quote(words("q", 100))), 300)
    assert page.body_width == MEASURE
    assert max(cell_len(t.plain) for t in page.body) <= MEASURE
    assert max(cell_len(t.plain) for t in page.body) >= MEASURE - 8  # it does use the measure
    lines = render(art(Paragraph(words("w", 400))), 300)
    assert max(cell_len(line.plain) for line in lines) <= MEASURE  # no sidebar, no padding


def test_long_words_and_urls_are_hard_broken() -> None:
    url = "https://example.org/" + "segment-" * 40
    for width in (20, 33, 80, 160):
        lines = render(art(Paragraph(f"see {url} now")), width)
        assert all(cell_len(line.plain) <= width for line in lines)
        assert url in "".join(line.plain.strip() for line in lines)


def test_hard_break_keeps_graphemes_whole() -> None:
    word = "e\u0301" * 30 + "👩‍👩‍👧" * 5 + "日本" * 10
    pieces = hard_break(word, 7)
    assert "".join(pieces) == word
    assert all(cell_len(p) <= 7 for p in pieces)
    assert not any(unicodedata.combining(p[0]) for p in pieces)
    assert not any(p.startswith("\u200d") for p in pieces)


@pytest.mark.parametrize("width", [20, 21, 37, 76])
def test_cjk_and_emoji_wrap_by_cells(width: int) -> None:
    cjk = "日本語の文章がここに続きます。" * 10
    emoji = "😀🎉🌊" * 20
    for text in (cjk, emoji, cjk + " " + emoji):
        assert all(cell_len(line.plain) <= width for line in render(art(Paragraph(text)), width))
        lines = layout(art(Paragraph(text)), width).body
        assert "".join(line.plain.replace(" ", "") for line in lines) == text.replace(" ", "")
        # lines are filled: all but the last wrap within one double cell of the width
        if " " not in text:
            full = [cell_len(line.plain) for line in lines][:-1]
            assert all(w >= min(width, MEASURE) - 1 for w in full)


def test_long_cjk_run_fills_the_line_but_a_url_starts_a_new_one() -> None:
    cjk = "日本語の文章がここに続きます。" * 4
    lines = wrap("Tokyo " + cjk, 20)
    assert lines[0].startswith("Tokyo 日本")
    assert all(cell_len(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == "Tokyo" + cjk
    url = "https://example.org/" + "x" * 40
    assert wrap("See " + url, 20)[0] == "See"


def test_hard_break_with_first_room() -> None:
    assert hard_break("abcdefghij", 4, 2) == ["ab", "cdef", "ghij"]
    assert hard_break("日本語", 4, 1) == ["", "日本", "語"]
    assert hard_break("日本語", 4) == ["日本", "語"]


def test_combining_marks_count_as_zero_width() -> None:
    text = "cafe\u0301 " * 30
    lines = wrap(text, 20)
    assert lines[0] == "cafe\u0301 cafe\u0301 cafe\u0301 cafe\u0301"
    assert all(cell_len(line) <= 20 for line in lines)


def test_blank_line_between_paragraphs_and_before_headings() -> None:
    article = art(Paragraph("One."), Paragraph("Two."), Heading("Head"), Paragraph("Three."))
    body = [t.plain for t in layout(article, NARROW).body]
    assert body == ["One.", "", "Two.", "", "Head", "Three."]
    two_heads = art(Heading("H1"), Heading("H2"), Paragraph("Text."))
    assert [t.plain for t in layout(two_heads, NARROW).body] == ["H1", "", "H2", "Text."]
    lines = render(article, NARROW)
    assert "bold" in styles_of(lines[row_of(lines, "Head")], "Head")


def test_quotes_lists_and_attribution_are_styled() -> None:
    article = art(
        Quote(words("q", 40)),
        ListBlock(tuple(f"item {n} " + words("i", 15) for n in range(1, 11)), ordered=True),
        ListBlock(("bullet " + words("b", 20), "two")),
        Attribution("With files from the wire."),
    )
    lines = render(article, 50)
    quoted = rows_with(lines, "q")
    assert len(quoted) > 1
    for i in quoted:
        assert lines[i].plain.startswith("│ ")
        assert "italic" in styles_of(lines[i], lines[i].plain[2:])
    plain = [line.plain for line in lines]
    first = row_of(lines, "item 1 ")
    assert plain[first].startswith(" 1. item 1")
    assert plain[first + 1].startswith("    i")  # hanging indent under the text
    assert plain[row_of(lines, "item 10 ")].startswith("10. item 10")
    bullet = row_of(lines, "bullet")
    assert plain[bullet].startswith("• bullet")
    assert plain[bullet + 1].startswith("  b")
    att = row_of(lines, "With files")
    assert styles_of(lines[att], "With files") >= {"dim italic"}


# --- header -----------------------------------------------------------------


def test_header_has_headline_dek_meta_and_feed() -> None:
    article = art(
        Paragraph("Body."),
        title="The headline",
        dek="The dek",
        author="Mara Quill",
        section="Local",
        feed="The Gazette",
        published=datetime(2026, 11, 25, 15, 3, tzinfo=timezone(timedelta(hours=1))),
        reading_minutes=4,
    )
    lines = render(article, NARROW)
    assert lines[0].plain == "The headline" and "bold" in styles_of(lines[0], "The headline")
    assert lines[1].plain == "The dek" and "italic" in styles_of(lines[1], "The dek")
    assert lines[2].plain == "Mara Quill · 25 Nov 2026 14:03 UTC · Local · 4 min read"
    assert "dim" in styles_of(lines[2], "Mara Quill")
    assert lines[3].plain == "The Gazette"
    assert row_of(lines, "Body.") > 3


def test_dates_are_absolute_and_locale_free() -> None:
    when = datetime(2027, 1, 5, 23, 59, tzinfo=timezone(timedelta(hours=-5)))
    assert format_date(when) == "6 Jan 2027 04:59 UTC"


def test_missing_header_fields_leave_no_stray_separators() -> None:
    lines = render(art(Paragraph("x"), title="Only a title", reading_minutes=2), NARROW)
    assert lines[1].plain == "2 min read"


# --- empty and hostile content -----------------------------------------------


def test_empty_figure_renders_nothing() -> None:
    plain = art(Paragraph("One."), Paragraph("Two."))
    with_empty = art(Paragraph("One."), Figure(src="https://x.example/i.jpg"), Paragraph("Two."))
    for width in (NARROW, WIDE):
        assert render_plain(with_empty, width) == render_plain(plain, width)
    assert render_plain(art(Video(src="https://x.example/v")), WIDE) == render_plain(art(), WIDE)


def test_figure_without_caption_uses_alt_then_credit_alone() -> None:
    lines = render(art(Figure(alt="A heron", credit="Photo: K"), Paragraph("P.")), WIDE)
    assert row_of(lines, "A heron") == row_of(lines, "P.")
    only_credit = render(art(Figure(credit="Photo: K"), Paragraph("P.")), WIDE)
    row = row_of(only_credit, "Photo: K")
    assert row == row_of(only_credit, "P.")
    assert "dim" in styles_of(only_credit[row], "Photo: K")
    inline = render_plain(art(Figure(credit="Photo: K"), Paragraph("P.")), NARROW)
    assert "  ▣ Photo: K" in inline


@pytest.mark.parametrize("width", [1, 5, 20, 300])
def test_empty_article_renders(width: int) -> None:
    assert render(Article(title=""), width)
    assert render_plain(Article(title=""), width) == ""
    assert render_plain(art(Paragraph(""), Paragraph("   "), title=""), width) == ""


def test_markup_in_content_comes_out_literally() -> None:
    text = "[bold]not bold[/] [@click=app.quit]x[/] [link=javascript:alert(1)]y[/link] [/] [b"
    article = art(
        Paragraph(text), Figure(caption="[red]cap[/]", credit="[i]c[/i]"), title="[b]T[/b]"
    )
    for width in (NARROW, WIDE):
        lines = render(article, width)
        plain = "\n".join(line.plain for line in lines)
        assert "[bold]not bold[/]" in plain
        assert "[@click=app.quit]x[/]" in plain
        assert "[red]cap[/]" in plain and "[i]c[/i]" in plain and "[b]T[/b]" in plain
        for line in lines:
            for span in line.spans:
                assert "link" not in str(span.style) and "red" not in str(span.style)
                assert "@click" not in str(span.style)
        body = lines[row_of(lines, "not bold")]
        assert "bold" not in styles_of(body, "not bold")


def test_control_characters_never_reach_the_lines() -> None:
    dirty = "A\x1b[2J\x1b]52;c;ZWNvaG8=\x07B\rC\x08D\x9b2J\x00E\tF"
    article = art(Paragraph(dirty), Figure(caption=dirty, credit=dirty), title=dirty, dek=dirty)
    for width in (20, NARROW, WIDE):
        for line in render(article, width):
            assert not any(unicodedata.category(ch) == "Cc" for ch in line.plain)
        assert "AB C" in render_plain(article, width)


# --- the command line uses it -------------------------------------------------


def test_show_prints_the_same_layout(db_path: Path, capsys) -> None:
    from newsreader.cli import main

    article = art(
        Paragraph(words("alpha", 40)),
        Figure(caption="Side caption", credit="Photo: Bo"),
        Paragraph(words("beta", 40)),
        title="Show me",
        url="https://example.org/show",
        guid="show-1",
    )
    with open_store(db_path) as store:
        (saved,) = store.save_articles(store.source_id("Test"), [article])
    for width in (WIDE, NARROW):
        assert main(["--db", str(db_path), "show", str(saved.id), "--width", str(width)]) == 0
        out = capsys.readouterr().out
        stored = open_store(db_path)
        try:
            expected = render_plain(get_article(stored, saved.id), width)
        finally:
            stored.close()
        assert out == expected + "\n"
        cap = next(line for line in out.splitlines() if "Side caption" in line)
        if width == WIDE:
            assert cap.startswith("beta0")
        else:
            assert cap.startswith("  ▣ Side caption")


# --- property test ------------------------------------------------------------

_TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from([*"[]/\\@=日本語😀👩\u200d\u0301 ", "[bold]", "[/]", "x" * 90]),
    ),
    max_size=120,
).map("".join)

_BLOCK = st.one_of(
    st.builds(Paragraph, _TEXT),
    st.builds(Heading, _TEXT),
    st.builds(Quote, _TEXT),
    st.builds(Attribution, _TEXT),
    st.builds(
        lambda items, o: ListBlock(tuple(items), o), st.lists(_TEXT, max_size=4), st.booleans()
    ),
    st.builds(lambda c, a, cr: Figure(alt=a, caption=c, credit=cr), _TEXT, _TEXT, _TEXT),
    st.builds(lambda t, d: Video(title=t, description=d), _TEXT, _TEXT),
)


def _visible(block) -> list[str]:
    if isinstance(block, ListBlock):
        return [clean_text(i) for i in block.items]
    if isinstance(block, Figure):
        return [clean_text(block.caption) or clean_text(block.alt), clean_text(block.credit)]
    if isinstance(block, Video):
        return [clean_text(block.title), clean_text(block.description)]
    return [clean_text(block.text)]


def _squash(text: str) -> str:
    return "".join(text.split()).replace("│", "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BLOCK, max_size=8), _TEXT, st.integers(min_value=20, max_value=300))
def test_property_any_blocks_any_width(blocks, title, width) -> None:
    article = Article(title=title, blocks=tuple(blocks))
    lines = layout(article, width).lines()  # before render()'s last-resort crop
    assert [t.plain for t in lines] == [t.plain for t in render(article, width)]
    for line in lines:
        assert cell_len(line.plain) <= width
        assert not any(unicodedata.category(ch) == "Cc" for ch in line.plain)
    page = layout(article, width)
    columns = [
        _squash("".join(t.plain for t in page.header)),
        _squash("".join(t.plain for t in page.body)),
        _squash("".join(t.plain for t in page.sidebar)),
    ]
    expected = [clean_text(title)] + [text for b in blocks for text in _visible(b)]
    for text in expected:
        for word in text.split():
            assert any(_squash(word) in column for column in columns), word
