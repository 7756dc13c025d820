"""The sanitizer against HOSTILE-INPUTS E1–E14: exact rows and Hypothesis properties."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.sanitize import browser_url, clean_multiline, clean_text, clean_url, strip_escapes

from .hostile import ESCAPE_CASES, FORBIDDEN, FORBIDDEN_ONE_LINE, NASTY_TEXT, WORD, escape_sequence

PROPS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(("row", "raw", "expected"), ESCAPE_CASES, ids=[c[0] for c in ESCAPE_CASES])
def test_escape_rows_exact(row: str, raw: str, expected: str) -> None:
    assert clean_text(raw) == expected
    assert clean_multiline(raw) == expected


def test_e7_unterminated_string_does_not_eat_later_fields() -> None:
    # Each field is cleaned on its own, so an open OSC in one cannot swallow the next.
    fields = ["title\x1b]52;c;AAAA", "author", "summary text"]
    assert [clean_text(f) for f in fields] == ["title", "author", "summary text"]


def test_e11_carriage_return_in_multiline_is_a_space_and_crlf_a_newline() -> None:
    assert clean_multiline("good\rEVIL\r\nnext line") == "good EVIL\nnext line"


def test_e13_combining_flood_is_capped() -> None:
    out = clean_text("e" + "\u0301" * 10_000 + " after")
    assert out.startswith("e\u0301") and out.endswith(" after")
    assert out.count("\u0301") <= 4


@pytest.mark.parametrize(
    "raw",
    [
        "x" * 1_000_000,  # a 1 MB title
        "word " * 200_000,
        "\x1b]52;c;" + "A" * 1_000_000,  # a 1 MB unterminated OSC
        "\x1b[" * 300_000,
        "\x1b]" * 300_000,
        ("a\u0301\u0302\u0303\u0304\u0305" * 150_000),
        "\U0001f468\u200d" * 100_000,  # 10k+ emoji ZWJ
        "\u202e\u200b" * 300_000,
    ],
    ids=["1mb", "words", "osc", "csi-intros", "osc-intros", "combining", "zwj", "bidi"],
)
def test_e13_huge_inputs_are_fast(raw: str) -> None:
    started = time.perf_counter()
    one = clean_text(raw)
    many = clean_multiline(raw)
    short = clean_text(raw, max_len=200)
    elapsed = time.perf_counter() - started
    assert elapsed < 5.0  # typically < 0.2 s; generous so a busy CI never flakes
    assert len(short) <= 200
    for out in (one, many, short):
        assert "\x1b" not in out and "\u202e" not in out


@given(NASTY_TEXT)
@PROPS
def test_no_control_escape_or_bidi_survives(text: str) -> None:
    one = clean_text(text)
    assert not FORBIDDEN_ONE_LINE.search(one), repr(one)
    assert one == one.strip() and "  " not in one
    many = clean_multiline(text)
    assert not FORBIDDEN.search(many), repr(many)
    assert "\t" not in many and "\r" not in many
    assert not FORBIDDEN.search(clean_text(text, max_len=40))
    assert len(clean_text(text, max_len=40)) <= 40


@given(NASTY_TEXT)
@PROPS
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    many = clean_multiline(text)
    assert clean_multiline(many) == many


@given(st.lists(WORD, min_size=1, max_size=6), st.lists(escape_sequence(), min_size=1, max_size=4))
@settings(max_examples=150, deadline=None)
def test_whole_sequences_are_removed_and_visible_text_stays(
    words: list[str], escapes: list[str]
) -> None:
    """Words with complete escape sequences between them come out as exactly the words."""
    mixed = ""
    for index, word in enumerate(words):
        mixed += word + (escapes[index % len(escapes)] if index < len(words) - 1 else "")
    plain = "".join(words)
    assert clean_text(mixed) == clean_text(plain)
    assert strip_escapes(mixed + escapes[0]) == strip_escapes(plain)


@given(WORD, escape_sequence(), WORD)
@PROPS
def test_e1_shape_x_sequence_y(x: str, sequence: str, y: str) -> None:
    assert clean_text(x + sequence + y) == clean_text(x + y)


@given(st.text(max_size=200))
@PROPS
def test_arbitrary_unicode_never_raises(text: str) -> None:
    for out in (clean_text(text), clean_multiline(text)):
        assert not FORBIDDEN.search(out)
    clean_url(text)
    browser_url(text)


# -- E14/E15: URLs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "--incognito",
        "--incognito http://example.org/",
        "-http://example.org/",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\nscript:alert(1)",
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://a\nb",
        "http://exa\u202emple.org/",
        "http://exa\u200bmple.org/",
        "http://example.org/\x1b]52;c;AA\x07",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/x",
        "mailto:a@example.org",
        "http:///nohost",
        "//example.org/relative-without-base",
        "$(touch /tmp/pwn)",
        "http://example.org/; rm -rf ~",
        "",
        "   ",
    ],
)
def test_e14_browser_url_rejects_unsafe(url: str) -> None:
    assert browser_url(url) is None


@pytest.mark.parametrize(
    "url", ["http://example.org/a?b=c#d", "https://example.org/", "HTTPS://EXAMPLE.ORG/x"]
)
def test_e14_browser_url_accepts_plain_web_urls(url: str) -> None:
    assert browser_url(url) == url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("javascript:alert(1)", ""),
        ("file:///etc/passwd", ""),
        ("--incognito", "https://example.org/--incognito"),  # relative: a path, not a flag
        ("http://a\nb", "http://ab"),  # whitespace removed, never a second argument
        ("/path", "https://example.org/path"),
        ("data:image/png;base64,AAAA", ""),
    ],
)
def test_e14_clean_url(url: str, expected: str) -> None:
    assert clean_url(url, base="https://example.org/x") == expected


@given(st.text(max_size=80))
@PROPS
def test_browser_url_is_http_or_nothing(text: str) -> None:
    for candidate in (text, "http://" + text, "https://example.org/" + text):
        url = browser_url(candidate)
        if url is not None:
            assert url.lower().startswith(("http://", "https://"))
            assert not any(c.isspace() for c in url)
            assert not FORBIDDEN.search(url)
