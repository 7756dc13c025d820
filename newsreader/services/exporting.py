"""Bookmarks written out as Markdown, HTML or JSON (every field escaped for its format)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator

from newsreader.model import ArticleSummary
from newsreader.sanitize import clean_text, clean_url
from newsreader.store import ListQuery, Store

FORMATS = ("md", "html", "json")
SUFFIXES = {"md": ".md", "html": ".html", "json": ".json"}


def bookmarks(store: Store) -> list[ArticleSummary]:
    """Every bookmarked article, newest first."""
    rows: list[ArticleSummary] = []
    after = None
    while True:
        page = store.list_articles(ListQuery(bookmarked=True), limit=1000, after=after)
        rows.extend(page)
        if len(page) < 1000:
            return rows
        after = page[-1].cursor


def _md(text: str) -> str:
    """Text safe inside a Markdown link label or list item."""
    out = clean_text(text, 1000).replace("\\", "\\\\")
    for char in "[]()*_`<>#|!":
        out = out.replace(char, "\\" + char)
    return out


def _lines_md(rows: list[ArticleSummary]) -> Iterator[str]:
    yield "# Bookmarks"
    yield ""
    for row in rows:
        title, feed = _md(row.title or "(untitled)"), _md(row.feed)
        date = f", {row.published:%Y-%m-%d}" if row.published else ""
        url = clean_url(row.url)
        label = f"[{title}](<{url}>)" if url and ">" not in url else title
        yield f"- {label} — {feed}{date}"


def _lines_html(rows: list[ArticleSummary]) -> Iterator[str]:
    yield '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Bookmarks</title></head>'
    yield "<body><h1>Bookmarks</h1><ul>"
    for row in rows:
        title = html.escape(clean_text(row.title or "(untitled)", 1000))
        feed = html.escape(clean_text(row.feed, 300))
        date = f", {row.published:%Y-%m-%d}" if row.published else ""
        url = clean_url(row.url)
        link = f'<a href="{html.escape(url, quote=True)}">{title}</a>' if url else title
        yield f"<li>{link} — {feed}{date}</li>"
    yield "</ul></body></html>"


def export_bookmarks(store: Store, fmt: str) -> str:
    """The bookmarks as one document in ``fmt`` (``md``, ``html`` or ``json``)."""
    rows = bookmarks(store)
    if fmt == "json":
        return json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return "\n".join(_lines_md(rows)) + "\n"
    if fmt == "html":
        return "\n".join(_lines_html(rows)) + "\n"
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
