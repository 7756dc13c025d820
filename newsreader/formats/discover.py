"""Feed discovery: the feed URLs an HTML page names with ``<link rel="alternate">``."""

from __future__ import annotations

import lxml.html
from lxml import etree

from newsreader.sanitize import clean_url

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",  # not application/json: WordPress links its REST API so
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
_RANK = {kind: rank for rank, kind in enumerate(FEED_TYPES)}


def looks_like_html(data: bytes, content_type: str = "") -> bool:
    """Whether a body is an HTML page rather than a feed."""
    if "html" in content_type.lower() and "xhtml+xml" not in content_type.lower():
        return True
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def discover_feeds(html: bytes, base_url: str) -> list[str]:
    """Feed URLs linked from an HTML page, best first (RSS, Atom, JSON Feed, then others)."""
    if not html.strip():
        return []
    try:
        doc = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    found: list[tuple[int, int, str]] = []
    for order, link in enumerate(doc.iter("link")):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rel or kind not in _RANK:
            continue
        url = clean_url(link.get("href") or "", base_url)
        if url:
            found.append((_RANK[kind], order, url))
    return list(dict.fromkeys(url for _, _, url in sorted(found)))
