"""newsboat's files: the ``urls`` subscription list and the read flags in ``cache.db``.

The flags are applied to the store by :meth:`newsreader.store.Store.mark_read_by_key`.

A ``urls`` line is ``URL [tag …] ["~Custom title"]``; tags with spaces are
double-quoted; ``#`` starts a comment line. Query feeds (``"query:…"``) and
non-http URLs (``exec:``, ``filter:``, ``file:``) are skipped with a note.
"""

from __future__ import annotations

import shlex
import sqlite3
from pathlib import Path

from newsreader.formats.opml import Imported, Subscription
from newsreader.sanitize import clean_text, clean_url


class NewsboatError(Exception):
    """A newsboat file could not be read (one-line message)."""


def parse_urls(text: str) -> Imported:
    """The subscriptions in a newsboat ``urls`` file."""
    result = Imported()
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, posix=True)
        except ValueError:
            result.notes.append(f"line {number}: unbalanced quotes; skipped")
            continue
        if not words:
            continue
        first = words[0]
        if first.startswith("query:"):
            name = clean_text(first.split(":", 2)[1] if first.count(":") >= 1 else first, 80)
            result.notes.append(f"line {number}: query feed {name!r} skipped (not supported)")
            continue
        url = clean_url(first)
        if not url or url != first:
            shown = clean_text(first, 80)
            result.notes.append(
                f"line {number}: {shown!r} skipped: only http and https feed URLs are accepted"
            )
            continue
        title = ""
        tags: list[str] = []
        for word in words[1:]:
            if word.startswith("~"):
                title = clean_text(word[1:], 300)
            elif word.startswith("!"):
                continue  # newsboat's "hidden" mark
            elif tag := clean_text(word, 100):
                tags.append(tag)
        if url in seen:
            continue
        seen.add(url)
        result.feeds.append(Subscription(url, title, tuple(dict.fromkeys(tags))))
    return result


def read_flags(cache_db: Path) -> dict[str, set[str]]:
    """Feed URL → the guids and URLs of items newsboat has marked read."""
    if not cache_db.is_file():
        raise NewsboatError(f"no newsboat cache at {cache_db}")
    uri = f"{cache_db.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            rows = conn.execute(
                "SELECT feedurl, guid, url FROM rss_item WHERE unread = 0"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise NewsboatError(f"cannot read the newsboat cache {cache_db}: {error}") from None
    flags: dict[str, set[str]] = {}
    for feed_url, guid, url in rows:
        keys = flags.setdefault(str(feed_url or ""), set())
        for key in (guid, url):
            if key:
                keys.add(str(key))
    return flags
