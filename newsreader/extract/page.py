"""A saved HTML page → its main article.

Why our own extractor rather than trafilatura (or readability): trafilatura
drops ``<figcaption>`` text and photo credits, and its output has no notion of
a figure with a caption and a credit kept apart — exactly what this reader
shows in its sidebar. So the work is split in two small steps over lxml:

1. **find the article**: remove page chrome (``nav``, page ``header`` and
   ``footer``, ``aside``, comment sections, cookie banners, related-link rails,
   newsletter boxes), then take ``<article>`` (the one with the most paragraph
   text when there are several), else ``[itemprop=articleBody]``, else
   ``<main>``/``[role=main]``, else the element with the highest density of
   ``<p>`` text (:func:`_best_container`, a few lines of readability-style scoring);
2. **build blocks** with :func:`newsreader.extract.html.html_to_blocks`, the same
   code feeds use, so figures, credits, promos and boilerplate are handled once.

Metadata comes from ``<meta>`` (Open Graph, ``article:*``, ``author``,
``description``), ``<link rel=canonical>`` and JSON-LD ``NewsArticle`` objects,
parsed defensively: any of them may be missing, malformed or hostile.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from newsreader.extract.content import choose, drop_furniture, place_figures
from newsreader.extract.dateline import parse_date
from newsreader.extract.finish import finish
from newsreader.extract.html import html_to_blocks
from newsreader.extract.rules import CHROME_WORDS, DEK_WORDS, META_WORDS
from newsreader.extract.text import read_meta_line
from newsreader.model import Article, Block, Figure, Heading, ListBlock, Paragraph, Quote
from newsreader.sanitize import clean_text, clean_url, risky_markup, scrub_tree

__all__ = ["decode_page", "parse_html_page"]

FIELD_MAX = 1000
JSON_LD_MAX = 1_000_000
SNIFF_BYTES = 4096
ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
    }
)
# Elements that are page chrome wherever they are.
CHROME_TAGS = ("nav", "aside", "form", "dialog", "script", "style", "noscript", "template")


# ----------------------------------------------------------------------------- decode


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    # A page that says it is UTF-16 but was sniffed as ASCII-compatible is UTF-8 (HTML spec).
    return "utf-8" if found.startswith("utf-16") or found.startswith("utf-32") else found


def _declared_charset(head: bytes) -> str | None:
    """The charset a ``<meta charset>`` or ``http-equiv`` declares in the first bytes."""
    try:
        root = lxml_html.document_fromstring(
            head.decode("latin-1"), parser=lxml_html.HTMLParser(recover=True)
        )
    except (etree.ParserError, ValueError):
        return None
    for meta in root.iter("meta"):
        if meta.get("charset"):
            return meta.get("charset")
        if (meta.get("http-equiv") or "").lower() == "content-type":
            content = meta.get("content") or ""
            for part in content.split(";"):
                key, _, value = part.partition("=")
                if key.strip().lower() == "charset" and value.strip():
                    return value.strip()
    return None


def decode_page(data: bytes | str) -> str:
    """Bytes of a page as text: BOM, then ``<meta charset>`` / http-equiv, else UTF-8.

    Undecodable bytes become U+FFFD; this never raises.
    """
    if isinstance(data, str):
        return data
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    encoding = _codec(_declared_charset(data[:SNIFF_BYTES].replace(b"\x00", b""))) or "utf-8"
    try:
        return data.decode(encoding, "replace")
    except (LookupError, ValueError):
        return data.decode("utf-8", "replace")


def _parse(text: str) -> etree._Element | None:
    # Re-encode: lxml refuses str input that carries an XML encoding declaration.
    parser = lxml_html.HTMLParser(encoding="utf-8", recover=True, remove_comments=True)
    try:
        root = lxml_html.document_fromstring(
            text.replace("\x00", "").encode("utf-8", "replace"), parser=parser
        )
    except (etree.ParserError, ValueError):
        return None
    if root is not None and risky_markup(text):
        scrub_tree(root)
    return root


# --------------------------------------------------------------------------- metadata


def _words_of(el: etree._Element) -> set[str]:
    marks = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    words: set[str] = set()
    for token in marks.split():
        words.add(token)
        words.update(token.replace("_", "-").split("-"))
    return words


def _meta_values(root: etree._Element) -> dict[str, str]:
    """First content of each ``<meta property|name|itemprop>``, keys lowercased."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and key.lower() not in values:
            values[key.lower()] = content[: FIELD_MAX * 4]
    return values


def _json_ld(root: etree._Element) -> dict[str, Any]:
    """The first JSON-LD object typed as a news or blog article, else ``{}``."""
    for script in root.iter("script"):
        if (script.get("type") or "").lower().strip() != "application/ld+json":
            continue
        raw = script.text or ""
        if not raw.strip() or len(raw) > JSON_LD_MAX:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for item in _ld_items(data):
            types = item.get("@type")
            names = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in names):
                return item
    return {}


def _ld_items(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _ld_items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _ld_items(graph, depth + 1)


def _ld_text(value: Any) -> str:
    """A name out of a JSON-LD value: a string, ``{"name": …}`` or a list of those."""
    if isinstance(value, str):
        return clean_text(value, max_len=FIELD_MAX)
    if isinstance(value, dict):
        return _ld_text(value.get("name") or value.get("@value") or "")
    if isinstance(value, list):
        names = [_ld_text(v) for v in value[:10]]
        names = [n for n in names if n]
        if len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1]
        return names[0] if names else ""
    return ""


def _ld_url(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) else ""


def _canonical(root: etree._Element) -> str:
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            return link.get("href") or ""
    return ""


def _first(*values: str) -> str:
    return next((v for v in values if v), "")


def _date(*values: Any) -> datetime | None:
    for value in values:
        if isinstance(value, str) and value.strip():
            parsed = parse_date(clean_text(value, max_len=100))
            if parsed is not None:
                return parsed
    return None


# ------------------------------------------------------------------------ main content


def _p_text_length(el: etree._Element) -> int:
    return sum(len((p.text_content() or "").strip()) for p in el.iter("p"))


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()


def _remove_chrome(root: etree._Element) -> None:
    """Remove navigation, page header/footer, rails, comments and banners in place."""
    for el in list(root.iter(*CHROME_TAGS)):
        _drop(el)
    for el in list(root.iter("header", "footer")):
        # Page-level header/footer only: an article's own <header> holds its lead image.
        if not any(a.tag == "article" for a in el.iterancestors()) or el.tag == "footer":
            _drop(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "article", "main"):
            continue
        words = _words_of(el)
        if words & CHROME_WORDS or (el.get("role") or "").lower() in ("navigation", "banner"):
            _drop(el)


def _best_container(root: etree._Element) -> etree._Element | None:
    """The element holding most paragraph text, readability-style.

    Each ``<p>`` with enough words gives its length (minus the text inside
    links) to its parent and half of it to its grandparent; the highest total
    wins.
    """
    scores: dict[etree._Element, float] = {}
    for p in root.iter("p"):
        text = (p.text_content() or "").strip()
        if len(text) < 25:
            continue
        linked = sum(len(a.text_content() or "") for a in p.iter("a"))
        value = max(0.0, len(text) - 2 * linked) + 10 * text.count(",")
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + value
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + value / 2
    if not scores:
        return None
    return max(scores, key=lambda el: scores[el])


def _main_element(root: etree._Element) -> etree._Element:
    body = root.find("body")
    fallback = body if body is not None else root
    best = _best_container(root)
    best_length = _p_text_length(best) if best is not None else 0
    candidates: list[etree._Element] = []
    articles = list(root.iter("article"))
    if articles:
        candidates.append(max(articles, key=_p_text_length))
    candidates += root.xpath("//*[@itemprop='articleBody']")[:1]
    candidates += list(root.iter("main"))[:1] + root.xpath("//*[@role='main']")[:1]
    for candidate in candidates:
        # A semantic element that holds little of the page's prose is a card, not the story.
        if _p_text_length(candidate) * 2 >= best_length:
            return candidate
    return best if best is not None else fallback


def _strip_header_parts(main: etree._Element) -> tuple[str, str]:
    """Remove the headline, byline/date and dek elements; return ``(h1 text, dek text)``."""
    h1_text = ""
    for h1 in list(main.iter("h1")):
        h1_text = h1_text or clean_text(h1.text_content(), max_len=FIELD_MAX)
        _drop(h1)
    dek = ""
    for el in list(main.iter()):
        if not isinstance(el.tag, str) or el.tag in ("article", "main", "body"):
            continue
        words = _words_of(el)
        parent = el.getparent()
        dateline = el.tag == "time" and parent is not None and parent.tag not in ("p", "li")
        if words & META_WORDS or dateline:
            _drop(el)
        elif words & DEK_WORDS and el.tag in ("p", "div", "h2", "span"):
            dek = dek or clean_text(el.text_content(), max_len=FIELD_MAX)
            _drop(el)
    return h1_text, dek


def _tidy_blocks(blocks: list[Block], title: str, dek: str) -> tuple[list[Block], str, str]:
    """Drop blocks that repeat the title, the dek or a byline."""
    author = ""
    kept: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            if block.text in (title, dek):
                continue
            if len(block.text) < 200:
                meta = read_meta_line(block.text)
                if meta is not None:
                    author = author or meta[0]
                    continue
        kept.append(block)
    return kept, author, dek


def _chosen_blocks(root: etree._Element, url: str) -> list[Block] | None:
    """Blocks of the text trafilatura chooses, with the page's figures among them.

    ``None`` when it finds no text: our own chooser then takes over.
    """
    html = choose(root, url)
    if not html:
        return None
    blocks = html_to_blocks(html, base_url=url)
    if not any(isinstance(b, Paragraph | ListBlock | Quote) for b in blocks):
        return None
    return place_figures(root, drop_furniture(blocks), url)


def _first_h1(root: etree._Element) -> str:
    for h1 in root.iter("h1"):
        text = clean_text(h1.text_content(), max_len=FIELD_MAX)
        if text:
            return text
    return ""


def _first_time(root: etree._Element) -> datetime | None:
    for time_el in root.iter("time"):
        published = _date(time_el.get("datetime"))
        if published:
            return published
    return None


# ------------------------------------------------------------------------------ public


def parse_html_page(data: bytes | str, url: str = "") -> Article:
    """Extract the main article of a saved HTML page; never raises on bad input.

    ``url`` (where the page came from, if known) is the fallback article URL and
    the base for relative links when the page has no canonical URL. A page with
    nothing readable gives an article with an empty title and no blocks.
    """
    root = _parse(decode_page(data))
    if root is None:
        return Article(title="")
    meta = _meta_values(root)
    ld = _json_ld(root)
    page_url = clean_url(url)
    canonical = _first(
        clean_url(_canonical(root), page_url),
        clean_url(meta.get("og:url", ""), page_url),
        clean_url(_ld_url(ld.get("url") or ld.get("mainEntityOfPage")), page_url),
    )
    article_url = canonical or page_url
    title = _first(
        _ld_text(ld.get("headline")),
        clean_text(meta.get("og:title"), max_len=FIELD_MAX),
        clean_text(meta.get("twitter:title"), max_len=FIELD_MAX),
    )
    description = _first(
        clean_text(meta.get("description"), max_len=FIELD_MAX),
        clean_text(meta.get("og:description"), max_len=FIELD_MAX),
        _ld_text(ld.get("description")),
    )
    author = _first(
        _ld_text(ld.get("author")),
        clean_text(meta.get("author"), max_len=FIELD_MAX),
        "" if "://" in meta.get("article:author", "") else clean_text(meta.get("article:author")),
    )
    published = _date(
        meta.get("article:published_time"),
        ld.get("datePublished"),
        meta.get("og:published_time"),
        meta.get("date"),
        ld.get("dateModified"),
        meta.get("article:modified_time"),
    )
    section = _first(
        clean_text(meta.get("article:section"), max_len=FIELD_MAX),
        _ld_text(ld.get("articleSection")).split(" and ")[0],
    )
    feed = _first(
        clean_text(meta.get("og:site_name"), max_len=FIELD_MAX), _ld_text(ld.get("publisher"))
    )
    image = clean_url(meta.get("og:image", ""), article_url)

    blocks = _chosen_blocks(root, article_url)
    if blocks is not None:
        h1_text, dek_el = _first_h1(root), ""
        if published is None:
            published = _first_time(root)
    else:
        _remove_chrome(root)
        main = _main_element(root)
        if published is None:
            published = _first_time(main)
        h1_text, dek_el = _strip_header_parts(main)
        try:
            html = lxml_html.tostring(main, encoding="unicode")
        except (ValueError, etree.SerialisationError):
            html = ""
        blocks = drop_furniture(html_to_blocks(html, base_url=article_url))
    if not title:
        title_el = root.find(".//title")
        title = _first(
            h1_text, clean_text(title_el.text_content() if title_el is not None else "", 300)
        )
    dek = _first(dek_el, description)
    blocks, body_author, dek = _tidy_blocks(blocks, title, dek)
    if not blocks and not image and not title:
        return Article(title="")
    return finish(
        blocks,
        title=title,
        dek=dek,
        lead=Figure(src=image) if image else None,
        url=article_url,
        feed=feed,
        author=author or body_author,
        published=published,
        section=section,
    )
