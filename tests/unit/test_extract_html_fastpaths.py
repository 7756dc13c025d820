"""Shortcuts give what the general path gives: html_to_blocks', clean_url's, rss_fast's."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from newsreader.extract.html import html_to_blocks
from newsreader.formats.rss_fast import _Unsupported, join_url
from newsreader.model import Figure, Paragraph
from newsreader.sanitize import PLAIN_ABSOLUTE_URL, clean_url, parsed_clean_url

URLS = [
    "https://img.example.test/3/lead.jpg",
    "http://a.example.test",
    "http://a.example.test?x=1",
    "https://a.example.test:8080/p/a/t/h?q=1&r=2?s",
    "https://a.example.test//double//slash/",
    "https://a.example.test/./dot/../segments",
    "https://a.example.test/b?",  # empty query: urljoin drops the "?"
    "https://a.example.test/b#frag",
    "https://a.example.test/b;params",
    "HTTPS://A.example.test/Upper",
    "https://a.example.test/with space",
    "https://a.example.test/caf\u00e9",
    "http://[::1/broken",
    "ftp://a.example.test/file",
    "javascript:alert(1)",
    "/relative/path.jpg",
    "//scheme-relative.example.test/x",
]
BASES = [
    "",
    "https://site.example.test/news/story.html",
    "http://site.example.test/",
    "http://[::1",
]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("raw", URLS)
def test_url_shortcut_agrees_with_parsing(raw: str, base: str) -> None:
    assert clean_url(raw, base) == parsed_clean_url(raw, base)
    try:
        expected = urljoin(base, raw)
    except ValueError:
        expected = None  # the fast path leaves such URLs to feedparser
    try:
        joined: str | None = join_url(base, raw)
    except _Unsupported:
        joined = None
    assert joined == expected


def test_url_shortcut_is_taken_for_plain_absolute_urls() -> None:
    assert PLAIN_ABSOLUTE_URL.match("https://img.example.test/3/lead.jpg?w=1200")
    assert not PLAIN_ABSOLUTE_URL.match("https://a.example.test/b?")
    assert not PLAIN_ABSOLUTE_URL.match("https://a.example.test/b#frag")
    assert not PLAIN_ABSOLUTE_URL.match("HTTPS://a.example.test/")


def test_plain_paragraphs_match_the_general_path() -> None:
    html = (
        "loose <b>text</b><p>One.</p><p></p><p>  </p><p>Two<br><br>Three</p>"
        '<p>Four.</p>tail<img src="/i.jpg"><p class="x">Five.</p><p>Six.</p>'
    )
    assert html_to_blocks(html, "https://site.example.test/a") == [
        Paragraph("loose text"),
        Paragraph("One."),
        Paragraph("Two"),
        Paragraph("Three"),
        Paragraph("Four."),
        Paragraph("tail"),
        Figure(src="https://site.example.test/i.jpg"),
        Paragraph("Five."),
        Paragraph("Six."),
    ]
