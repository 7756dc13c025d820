"""A fetched article page → its full text, or why the feed's summary is kept.

:func:`judge_page` extracts the page with :func:`~newsreader.extract.page.parse_html_page`
and keeps the result only when it is an article: not a log-in, subscription or
consent wall (the tables in :mod:`newsreader.extract.rules`), not shorter than the
summary it would replace, and a web page at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsreader.extract.rules import (
    WALL_MARKUP_PATTERNS,
    WALL_MAX_WORDS,
    WALL_PAGE_MAX_WORDS,
    WALL_TEXT_PATTERNS,
)
from newsreader.model import Article

MIN_WORDS = 30  # fewer words than this is not an article page
HTML_TYPES = ("text/html", "application/xhtml+xml", "")


@dataclass(frozen=True, slots=True)
class PageVerdict:
    """A page's article (``article`` set) or why the summary stays (``reason``)."""

    article: Article | None
    reason: str = ""
    words: int = 0


@cache
def _compiled(table: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((reason, re.compile(pattern, re.IGNORECASE)) for reason, pattern in table)


def wall_reason(text: str, markup: str = "") -> str:
    """Why a page looks like a wall (``""`` when it does not).

    ``text`` is the extracted article's text, ``markup`` the page. A short article
    is also judged by the page's whole text: extraction drops "Log in to continue".
    """
    for reason, pattern in _compiled(WALL_MARKUP_PATTERNS):
        if markup and pattern.search(markup):
            return reason
    words = len(text.split())
    if words >= WALL_MAX_WORDS:
        return ""
    texts = [text]
    if markup and words < WALL_PAGE_MAX_WORDS:
        from newsreader.extract.entries import html_text

        texts.append(" ".join(html_text(markup).split()))
    for reason, pattern in _compiled(WALL_TEXT_PATTERNS):
        if any(pattern.search(t) for t in texts):
            return reason
    return ""


def word_count(article: Article) -> int:
    """Words in an article's body (captions and sidebars left out)."""
    return len(article.body_text.split())


def _decode(data: bytes, content_type: str) -> bytes | str:
    charset = ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    if not charset:
        return data  # the page's own <meta charset> decides
    try:
        return data.decode(charset, "replace")
    except LookupError:
        return data


def judge_page(data: bytes, url: str, content_type: str, summary_words: int) -> PageVerdict:
    """The page's article when it is worth showing instead of a ``summary_words`` summary."""
    media = content_type.split(";")[0].strip().lower()
    if media not in HTML_TYPES:
        return PageVerdict(None, f"the link is not a web page ({media[:60]})")
    from newsreader.extract.page import parse_html_page

    article = parse_html_page(_decode(data, content_type), url=url)
    words = word_count(article)
    markup = data[:500_000].decode("utf-8", "replace")
    reason = wall_reason(article.body_text, markup)
    if reason:
        return PageVerdict(None, reason, words)
    if words < MIN_WORDS:
        return PageVerdict(None, "the page has no article text", words)
    if words <= summary_words:
        return PageVerdict(None, "the page's text is no longer than the summary", words)
    return PageVerdict(article, "", words)
