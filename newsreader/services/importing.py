"""Importing files: feed XML, saved pages and pasted text, and lists of subscriptions.

One implementation for ``newsreader import``, the first-run samples and OPML or
newsboat subscription lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.store import Saved, Store

if TYPE_CHECKING:
    from newsreader.formats.opml import Subscription

SAMPLE_SUFFIXES = (".xml", ".json", ".txt", ".html")
MAX_IMPORT_BYTES = 64 * 1024 * 1024  # as ingest.MAX_FILE_BYTES: one input's size cap


class ImportFailed(Exception):
    """One input could not be imported (one-line reason)."""


@dataclass(frozen=True, slots=True)
class Imported:
    """One file's outcome: its articles as saved, or why it was refused."""

    path: Path
    saved: list[Saved] = field(default_factory=list)
    error: str = ""


def import_file(store: Store, path: str | Path) -> list[Saved]:
    """Extract the articles of one file and save them under its source; raises ImportFailed."""
    from newsreader.ingest import IngestError, load_path  # parsers: not at start-up

    try:
        loaded = load_path(path)
        if not loaded.articles:
            raise IngestError("contains no articles")
    except IngestError as error:
        raise ImportFailed(str(error)) from None
    feed_id = store.source_id(loaded.source or "Imported")
    return store.save_articles(feed_id, loaded.articles)


def import_data(store: Store, data: bytes, name: str = "standard input") -> list[Saved]:
    """Like :func:`import_file`, for bytes read elsewhere (``import -``: standard input)."""
    from newsreader.ingest import IngestError, load_bytes

    try:
        if len(data) > MAX_IMPORT_BYTES:
            raise IngestError("is too large (the limit is 64 MB)")
        if not data.strip():
            raise IngestError("is empty")
        loaded = load_bytes(data, name=name)
        if not loaded.articles:
            raise IngestError("contains no articles")
    except IngestError as error:
        raise ImportFailed(str(error)) from None
    feed_id = store.source_id(loaded.source or "Imported")
    return store.save_articles(feed_id, loaded.articles)


def import_files(store: Store, paths: Iterable[str | Path]) -> Iterator[Imported]:
    """:func:`import_file` for each path in turn; a failure never stops the others."""
    for path in paths:
        try:
            yield Imported(Path(path), import_file(store, path))
        except ImportFailed as error:
            yield Imported(Path(path), error=str(error))


def sample_files(sample_dir: Path) -> list[Path]:
    """The bundled sample feeds and articles, in a stable order."""
    return sorted(p for p in Path(sample_dir).glob("*") if p.suffix.lower() in SAMPLE_SUFFIXES)


def import_samples(store: Store, sample_dir: Path) -> tuple[int, list[str]]:
    """Import the bundled samples; returns new articles and the names of files skipped."""
    count = 0
    failed: list[str] = []
    for outcome in import_files(store, sample_files(sample_dir)):
        if outcome.error:
            failed.append(outcome.path.name)
        count += sum(1 for s in outcome.saved if s.status == "new")
    return count, failed


def add_subscriptions(store: Store, feeds: Sequence[Subscription]) -> tuple[int, int]:
    """Subscribe to every feed of a list in one transaction: (added, already subscribed).

    A process killed halfway leaves none of the list behind.
    """
    return store.add_feeds((f.url, f.title or f.url, f.tags, f.site_url) for f in feeds)


@dataclass(frozen=True, slots=True)
class SubscriptionList:
    """Subscriptions read from a file (OPML, newsboat's urls) and notes about skipped lines."""

    feeds: list[Subscription]
    notes: list[str]


def read_opml(data: bytes) -> SubscriptionList:
    """The subscriptions of OPML bytes; raises :class:`ImportFailed`."""
    from newsreader.formats.opml import OpmlError, parse_opml

    try:
        imported = parse_opml(data)
    except OpmlError as error:
        raise ImportFailed(str(error)) from None
    return SubscriptionList(imported.feeds, imported.notes)


def opml_of(store: Store) -> bytes:
    """Every subscription as an OPML document."""
    from newsreader.formats.opml import export_opml

    return export_opml(store.list_feeds(subscriptions_only=True))


def read_newsboat_urls(text: str) -> SubscriptionList:
    """The subscriptions of newsboat's ``urls`` file (tags, "~Title", comments)."""
    from newsreader.formats.newsboat import parse_urls

    imported = parse_urls(text)
    return SubscriptionList(imported.feeds, imported.notes)


def read_newsboat_marks(cache_db: Path) -> dict[str, set[str]]:
    """Guids and URLs newsboat has read, by feed URL; raises :class:`ImportFailed`."""
    from newsreader.formats.newsboat import NewsboatError, read_flags

    try:
        return read_flags(cache_db)
    except NewsboatError as error:
        raise ImportFailed(str(error)) from None
