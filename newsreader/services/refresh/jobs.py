"""The work a refresh sends to its parse workers (processes or a thread); each never raises."""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.sanitize import clean_text


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    parsed: object | None  # ParsedFeed
    error: str = ""
    encoded: list | None = None  # per article: store.codec.Encoded (see parse_store_job)


def parse_job(body: bytes, url: str, headers: dict[str, str], defer: bool = False) -> ParseOutcome:
    """Parse one feed body; never raises (a worker must always answer)."""
    from newsreader.formats.registry import FeedError
    from newsreader.ingest import read_feed

    try:
        return ParseOutcome(read_feed(body, url, headers, defer=defer))
    except FeedError as error:
        return ParseOutcome(None, clean_text(str(error), 300) or "not a feed")
    except RecursionError:
        return ParseOutcome(None, "not a feed: nested too deeply")
    except MemoryError:
        return ParseOutcome(None, "not a feed: too big to parse")
    except Exception as error:
        return ParseOutcome(None, f"cannot parse the feed ({type(error).__name__})")


def parse_store_job(body: bytes, url: str, headers: dict[str, str]) -> ParseOutcome:
    """Parse one feed body into each article's stored form; never raises.

    HTML bodies are kept as HTML (their blocks are built when an article is
    read, see :mod:`newsreader.extract.deferred`), and each article's stored
    form and index text are computed here, in the worker: the articles come back
    without blocks, so the refresh's main process neither encodes nor unpickles
    thousands of block objects.
    """
    from dataclasses import replace

    from newsreader.extract.entries import ParsedFeed
    from newsreader.store.codec import encode_article, encode_body

    outcome = parse_job(body, url, headers, defer=True)
    if outcome.parsed is None:
        return outcome
    parsed: ParsedFeed = outcome.parsed  # type: ignore[assignment]
    encoded = [
        encode_article(article) if kept is None else encode_body(article, kept.to_dict())
        for article, kept in zip(parsed.articles, parsed.deferred, strict=True)
    ]
    light = [  # deferred articles have no blocks to drop
        a if not a.blocks else replace(a, blocks=(), reading_minutes=a.reading_minutes)
        for a in parsed.articles
    ]
    return ParseOutcome(ParsedFeed(parsed.title, parsed.link, light), "", encoded)


def index_text_job(rows: list) -> list:
    """The index text of pending articles (``Store.pending_batch`` rows), in a worker."""
    from newsreader.services.stores import index_text
    from newsreader.store.articles import index_values_of

    return [index_values_of(row, index_text) for row in rows]


PRELOAD = [  # what a worker imports once, when it starts
    "newsreader.formats.rss",
    "newsreader.formats.rss_fast",
    "newsreader.extract.entries",
    "newsreader.extract.html",
    "newsreader.store.codec",
    "newsreader.store.articles",
    "feedparser",
]


def warm() -> None:
    """Pay the workers' imports once per worker."""
    import importlib

    for name in PRELOAD:  # pay the imports once per worker
        importlib.import_module(name)
