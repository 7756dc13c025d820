"""Parsed feed data → articles: the rules that turn an entry into an :class:`Article`.

A parser (:mod:`newsreader.formats`) reads bytes into
:class:`~newsreader.model.FeedData`; this module cleans and bounds every field,
chooses the body, the dek, the lead figure, the date and the identity of each
entry, and drops duplicates. Entries are kept in feed order.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from newsreader.extract.deferred import MAX_DEK, DeferredBody, resolve_dek, with_lead
from newsreader.extract.finish import fallback_title, without_title
from newsreader.model import (
    Article,
    Block,
    Content,
    EntryData,
    FeedData,
    Figure,
    ListBlock,
    Paragraph,
)
from newsreader.sanitize import (
    clean_text,
    clean_url,
    risky_markup,
    scrub_tree,
    strip_markup_escapes,
)

MAX_ENTRIES = 2000
MAX_TITLE = 500
MAX_FALLBACK_TITLE = 100  # a title made from the first words of an untitled entry
MAX_AUTHOR = 200
MAX_AUTHORS = 5
MAX_SECTION = 100
MAX_GUID = 512
MAX_URL = 4096
MIN_YEAR, MAX_YEAR = 1970, 2100
FUTURE_SLACK = timedelta(days=2)
# A bigger body is built at once (in the parse worker), so opening an article never
# parses megabytes of HTML on the reader's thread: 256 KB builds in about 20 ms.
MAX_DEFERRED_HTML = 256 * 1024

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
# A line of a plain-text list: a bullet, a number ("3." "3)") or a timestamp ("1:20", "(01:02:03)").
_LIST_LINE = re.compile(r"^(?:[-*•–·]\s|\d{1,3}[.)]\s|\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s)")
_BULLET = re.compile(r"^[-*•–·]\s+")
# "jo@example.com (Jo Bloggs)" and "Jo Bloggs (jo@example.com)" / "Jo Bloggs <jo@…>".
_EMAIL_THEN_NAME = re.compile(r"\s*[^\s()<>@]+@[^\s()<>]+\s*\((?P<name>[^()]+)\)\s*")
_NAME_THEN_EMAIL = re.compile(r"\s*(?P<name>[^()<>]+?)\s*[(<]\s*[^\s()<>@]+@[^\s()<>]+\s*[)>]\s*")


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title, site link and articles (in feed order).

    ``deferred`` (from ``build_articles(..., defer=True)``) has one entry per
    article: its :class:`DeferredBody`, or ``None`` when its blocks were built.
    """

    title: str
    link: str = ""
    articles: list[Article] = field(default_factory=list)
    deferred: list[DeferredBody | None] = field(default_factory=list)


def build_articles(feed: FeedData, *, defer: bool = False) -> ParsedFeed:
    """The articles of a parsed feed (at most ``MAX_ENTRIES``, duplicates dropped).

    With ``defer``, HTML bodies are kept for later (see
    :mod:`newsreader.extract.deferred`) and ``deferred`` is filled in.
    """
    title = text_line(feed.title, MAX_TITLE)
    link = clean_url(feed.link, feed.url)
    articles: list[Article] = []
    deferred: list[DeferredBody | None] = []
    seen: set[str] = set()
    for entry in feed.entries[:MAX_ENTRIES]:
        try:
            made = build_article(entry, title, link or feed.url, defer=defer)
        except (AttributeError, TypeError, ValueError, KeyError, IndexError, UnicodeError):
            made = None  # one entry in an odd shape never fails the feed
        if made is None:
            continue
        article, kept = made
        key = article.guid or article.url
        if key:
            if key in seen:
                continue
            seen.add(key)
        articles.append(article)
        deferred.append(kept)
    return ParsedFeed(title, link, articles, deferred if defer else [])


def build_article(
    entry: EntryData, feed_title: str, feed_link: str, *, defer: bool = False
) -> tuple[Article, DeferredBody | None] | None:
    """One entry as an article, or ``None`` when it has no title, link or body.

    With ``defer`` an HTML body is returned as a :class:`DeferredBody` (its
    blocks built when the article is read) and the article has no blocks and no
    reading time yet; an entry without a title, or without a guid and a URL, is
    always built now (its title or identity comes from its text), and so is a
    body over ``MAX_DEFERRED_HTML``.
    """
    guid = _guid(entry.guid)
    body = entry.content or entry.summary or Content("", "")
    url = clean_url(entry.link, clean_url(entry.base) or feed_link)
    if len(url) > MAX_URL:
        url = ""
    base = clean_url(body.base) or url or feed_link
    title = text_line(entry.title, MAX_TITLE)
    dek = _dek_candidate(entry.summary, body.value)
    fields = dict(
        url=url,
        feed=feed_title,
        author=_author(entry.authors),
        published=_published(entry),
        section=_section(entry.tags),
        guid=guid,
    )
    kept: DeferredBody | None = None
    if not body.value.strip():
        blocks: list[Block] = []
    elif body.is_html:
        kept = DeferredBody(strip_markup_escapes(body.value), base, _lead_figure(entry, base))
        if defer and title and (guid or url) and len(body.value) <= MAX_DEFERRED_HTML:
            return Article(title=title, dek=dek, **fields), kept
        blocks = kept.blocks()
    else:
        blocks = _plain_paragraphs(body.value)
    if kept is None:
        blocks = with_lead(blocks, _lead_figure(entry, base))
    if not title and not blocks and not url:
        return None
    if title:
        blocks = without_title(blocks, title)
    else:
        title = fallback_title(blocks, MAX_FALLBACK_TITLE) or "Untitled"
    return Article(title=title, blocks=tuple(blocks), dek=resolve_dek(dek, blocks), **fields), None


# -- text ---------------------------------------------------------------------


def html_text(markup: str) -> str:
    """The visible text of a fragment of HTML (scripts and styles dropped), uncleaned."""
    if "<" not in markup and "&" not in markup:
        return markup
    from lxml import etree
    from lxml import html as lxml_html

    markup = markup.replace("\x00", "")
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.LxmlError, ValueError):
        return markup
    if risky_markup(markup):
        scrub_tree(root)
    for node in root.iter("script", "style", "noscript", "template"):
        node.drop_tree()
    return root.text_content()


def text_line(text: Content | None, max_len: int) -> str:
    """A title-like text as one clean line (HTML turned into text)."""
    if text is None or not text.value:
        return ""
    value = text.value[: max_len * 8]
    if text.is_html:
        value = html_text(value)
    return clean_text(value, max_len)


def _plain_paragraphs(text: str) -> list[Block]:
    """Literal text (``text/plain`` content) as paragraphs split on blank lines."""
    blocks: list[Block] = []
    for chunk in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")):
        lines = [line for line in (clean_text(raw) for raw in chunk.split("\n")) if line]
        if len(lines) >= 2 and all(_LIST_LINE.match(line) for line in lines):
            items = tuple(_BULLET.sub("", line) or line for line in lines)
            blocks.append(ListBlock(items))
            continue
        cleaned = clean_text(chunk)
        if cleaned:
            blocks.append(Paragraph(cleaned))
    return blocks


# -- one field at a time ---------------------------------------------------------


def _guid(raw: str) -> str:
    if not raw:
        return ""
    if len(raw) > MAX_GUID:
        return "sha256:" + hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()
    return clean_text(raw)


def _published(entry: EntryData, now: datetime | None = None) -> datetime | None:
    """The first plausible date of published and updated (not before 1970, not ahead)."""
    for when in (entry.published, entry.updated):
        if when is None or not MIN_YEAR <= when.year <= MAX_YEAR:
            continue
        if when > (now or datetime.now(UTC)) + FUTURE_SLACK:
            continue
        return when
    return None


def _author(authors: tuple[str, ...]) -> str:
    raw = ", ".join(authors[:MAX_AUTHORS])[: MAX_AUTHOR * 4]
    for pattern in (_EMAIL_THEN_NAME, _NAME_THEN_EMAIL):
        match = pattern.fullmatch(raw)
        if match:
            raw = match.group("name")
            break
    return clean_text(raw, MAX_AUTHOR)


def _section(tags: tuple[str, ...]) -> str:
    for tag in tags:
        term = clean_text(tag[:400], MAX_SECTION)
        if term:
            return term
    return ""


def _dek_candidate(summary: Content | None, body_value: str) -> str:
    """The summary as a dek, before it is compared with the body (see ``resolve_dek``)."""
    if summary is None or not summary.value.strip() or summary.value == body_value:
        return ""
    value = summary.value
    text = html_text(value[: MAX_DEK * 8]) if summary.is_html else value
    dek = clean_text(text[: MAX_DEK * 8])
    if not dek or len(dek) > MAX_DEK * 2:
        return ""
    return _without_furniture_tail(dek)


_SENTENCE_START = re.compile(r"(?<=[.!?…])\s+(?=\S)")


def _without_furniture_tail(text: str) -> str:
    """``text`` without the chrome sentences it ends with ("The post X appeared first on Y.")."""
    from newsreader.extract.patterns import is_boilerplate  # compiled on first use

    for match in _SENTENCE_START.finditer(text):
        if is_boilerplate(text[match.end() :]):
            return text[: match.start()]
    return "" if is_boilerplate(text) else text


def _lead_figure(entry: EntryData, base: str) -> Figure | None:
    """A figure from the entry's first usable image, for a body without one."""
    for image in entry.images:
        src = clean_url(image.url, base)
        if not src:
            continue
        caption = html_text(image.caption) if image.caption_type == "html" else image.caption
        return Figure(
            src,
            clean_text(image.title, 300),
            clean_text(caption, 1000),
            clean_text(image.credit, 300),
        )
    return None
