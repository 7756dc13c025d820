"""Refreshing subscriptions: fetch → parse → store, one feed's failure never stopping the rest.

Two entry points:

``refresh_store(store_path, config, feed_ids=None, on_progress=None) -> RefreshSummary``
    Synchronous; for the app's thread worker. Opens its OWN :class:`Store`
    connection on ``store_path`` (SQLite connections are not shared across
    threads), runs the async refresh with ``asyncio.run`` and returns the
    summary. ``on_progress`` is called (from the calling thread) after every
    feed with a :class:`RefreshProgress` (feeds done/total, new articles, errors).

``await refresh_feeds(store, config, feed_ids=None, on_progress=None) -> RefreshSummary``
    The async core, used by ``newsreader refresh``. ``feed_ids=None`` refreshes
    every subscription.

How a feed is refreshed: a conditional GET through :class:`~newsreader.net.fetch.Fetcher`
(an unchanged feed costs one 304 and no parsing); the body and the response
headers go to :func:`parse_store_job` in a process pool (on machines with more
than one core; ``[refresh] parser`` in the config can force ``"thread"`` or
``"process"``), which parses (an lxml fast path for plain RSS/Atom, feedparser
otherwise) and encodes each article's stored form: an HTML body is kept as HTML
and becomes blocks when the article is read (:mod:`newsreader.extract.deferred`),
so the main process only writes. The articles are saved in one transaction per
feed (read and bookmark marks kept, dropped entries kept) without full-text
indexing, retention applied (bookmarks never deleted) and the outcome recorded
with ``record_fetch`` (304s in batches). Once every feed is stored the search
index catches up (:meth:`_Run.catch_up_index`: the workers extract the text, the
store thread inserts it); ``RefreshSummary.stored_seconds`` is when every
article was readable, ``seconds`` when the index was complete. Every failure
(HTTP status, timeout, size cap, not a feed) is stored as the feed's
``last_error`` and nothing already stored is touched. Store writes run on one
dedicated thread so the event loop keeps fetching while SQLite works.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from newsreader.config import Config
from newsreader.model import Feed
from newsreader.net.fetch import Fetcher, FetchError, FetchResult
from newsreader.sanitize import clean_text

Outcome = Literal["new", "unchanged", "error"]


@dataclass(frozen=True, slots=True)
class RefreshProgress:
    """Where a refresh is: feeds done of total, articles added, feeds failed so far."""

    done: int
    total: int
    new_articles: int
    errors: int
    feed_title: str = ""  # the feed that just finished
    indexed: int = 0
    to_index: int = 0  # set once every feed is stored and the search index catches up

    @property
    def indexing(self) -> bool:
        """Every article is stored (readable); the search index is catching up."""
        return self.to_index > 0


@dataclass(frozen=True, slots=True)
class FeedResult:
    """The outcome of one feed."""

    feed_id: int
    title: str
    outcome: Outcome
    new: int = 0
    updated: int = 0
    error: str = ""


@dataclass(frozen=True, slots=True)
class RefreshSummary:
    """The outcome of a whole refresh."""

    feeds: int
    new_articles: int
    updated_articles: int
    errors: int
    results: list[FeedResult] = field(default_factory=list)
    seconds: float = 0.0  # until the search index is complete
    stored_seconds: float = 0.0  # until every article was stored (readable)

    def line(self) -> str:
        """One line such as ``12 feeds, 340 new articles, 2 errors``."""

        def plural(n: int, word: str) -> str:
            return f"{n:,} {word}{'' if n == 1 else 's'}"

        return ", ".join(
            (
                plural(self.feeds, "feed"),
                plural(self.new_articles, "new article"),
                plural(self.errors, "error"),
            )
        )


UNCHANGED_BATCH = 500
INDEX_BATCH = 1000  # articles a refresh indexes per transaction while catching up
IN_FLIGHT_EXTRA = 16  # feeds fetched and waiting for a parse worker, beyond the fetch limit

ProgressCallback = Callable[[RefreshProgress], None]


# -- parsing (runs in a worker process or thread) -------------------------
@dataclass(frozen=True, slots=True)
class _ParseOutcome:
    parsed: object | None  # ParsedFeed
    error: str = ""
    encoded: list | None = None  # per article: store.codec.Encoded (see parse_store_job)


def parse_job(body: bytes, url: str, headers: dict[str, str], defer: bool = False) -> _ParseOutcome:
    """Parse one feed body; never raises (a worker must always answer)."""
    from newsreader.formats.registry import FeedError
    from newsreader.ingest import read_feed

    try:
        return _ParseOutcome(read_feed(body, url, headers, defer=defer))
    except FeedError as error:
        return _ParseOutcome(None, clean_text(str(error), 300) or "not a feed")
    except RecursionError:
        return _ParseOutcome(None, "not a feed: nested too deeply")
    except MemoryError:
        return _ParseOutcome(None, "not a feed: too big to parse")
    except Exception as error:
        return _ParseOutcome(None, f"cannot parse the feed ({type(error).__name__})")


def parse_store_job(body: bytes, url: str, headers: dict[str, str]) -> _ParseOutcome:
    """Parse one feed body into each article's stored form; never raises.

    HTML bodies are kept as HTML (their blocks are built when an article is
    read, see :mod:`newsreader.extract.deferred`), and each article's stored
    form and index text are computed here, in the worker: the articles come back
    without blocks, so the refresh's main process neither encodes nor unpickles
    thousands of block objects.
    """
    from dataclasses import replace

    from newsreader.extract.entries import ParsedFeed
    from newsreader.store.codec import encode_article, encode_deferred

    outcome = parse_job(body, url, headers, defer=True)
    if outcome.parsed is None:
        return outcome
    parsed: ParsedFeed = outcome.parsed  # type: ignore[assignment]
    encoded = [
        encode_article(article) if kept is None else encode_deferred(article, kept)
        for article, kept in zip(parsed.articles, parsed.deferred, strict=True)
    ]
    light = [  # deferred articles have no blocks to drop
        a if not a.blocks else replace(a, blocks=(), reading_minutes=a.reading_minutes)
        for a in parsed.articles
    ]
    return _ParseOutcome(ParsedFeed(parsed.title, parsed.link, light), "", encoded)


def index_text_job(rows: list) -> list:
    """The index text of pending articles (``Store.pending_batch`` rows), in a worker."""
    from newsreader.store.articles import index_values_of

    return [index_values_of(row) for row in rows]


_PRELOAD = [
    "newsreader.formats.rss",
    "newsreader.formats.rss_fast",
    "newsreader.extract.entries",
    "newsreader.extract.html",
    "newsreader.store.codec",
    "newsreader.store.articles",
    "feedparser",
]


def _warm() -> None:
    import importlib

    for name in _PRELOAD:  # pay the imports once per worker
        importlib.import_module(name)


def _start_worker(parent: int) -> None:
    """Pool initializer: warm the imports, and exit if the refreshing process dies.

    A SIGKILLed parent never shuts its pool down, and the workers hold the pipes
    that would tell them (and the forkserver) so: without this watch they would
    wait forever as orphans.
    """
    _warm()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:  # the pid was reused by another user's process
                os._exit(0)

    threading.Thread(target=watch, name="newsreader-parent-watch", daemon=True).start()


def use_processes(config: Config, jobs: int) -> bool:
    """Whether to parse in processes: ``parser`` setting, else more than one core and work."""
    if config.parser != "auto":
        return config.parser == "process"
    return (os.cpu_count() or 1) > 1 and jobs >= 4


def make_parse_executor(processes: bool) -> Executor:
    """A process pool (forkserver where available, so threads never fork) or one thread."""
    if not processes:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsreader-parse")
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(_PRELOAD)
    return ProcessPoolExecutor(
        max_workers=os.cpu_count() or 2,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


def _started_executor(processes: bool) -> Executor:
    """The parse executor with its workers started (and their imports paid)."""
    with _stderr_with_a_descriptor():
        executor = make_parse_executor(processes)
        for _ in range((os.cpu_count() or 1) if processes else 1):
            executor.submit(_warm).result()
    return executor


@contextlib.contextmanager
def _stderr_with_a_descriptor() -> Iterator[None]:
    """Give ``sys.stderr`` a real file descriptor while worker processes start.

    multiprocessing's resource tracker passes ``sys.stderr.fileno()`` to the
    process it starts. Under Textual ``sys.stderr`` is a capture whose ``fileno()``
    is -1, and starting the pool failed with "bad value(s) in fds_to_keep": every
    feed of an app refresh of four or more feeds ended in that error.
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            yield
        finally:
            if sys.stderr is devnull:  # unless someone (the app, closing) replaced it meanwhile
                sys.stderr = saved


# -- the refresh ------------------------------------------------------------
class _Run:
    def __init__(self, store, config: Config, total: int, on_progress: ProgressCallback | None):
        self.store = store
        self.config = config
        self.total = total
        self.on_progress = on_progress
        self.results: list[FeedResult] = []
        self.new = 0
        self.errors = 0
        self.db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsreader-store")
        self.parser: Executor | None = None
        self.processes = use_processes(config, total)
        self._parser_task: asyncio.Future[Executor] | None = None
        self.unchanged: list[tuple[int, str | None, str | None]] = []  # 304s, written in batches
        # Feeds between "fetch started" and "saved": fetching outruns parsing, and
        # without a bound every body (≈0.4 MB each) would wait in memory at once.
        self.in_flight = asyncio.Semaphore(max(config.concurrency, 1) + IN_FLIGHT_EXTRA)

    async def in_db(self, func, *args, **kwargs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.db, lambda: func(*args, **kwargs))

    async def parse(self, fetched: FetchResult) -> _ParseOutcome:
        loop = asyncio.get_running_loop()
        if self._parser_task is None:
            # Starting worker processes blocks: do it off the event loop, once.
            self._parser_task = loop.run_in_executor(None, _started_executor, self.processes)
        self.parser = await self._parser_task
        return await loop.run_in_executor(
            self.parser, parse_store_job, fetched.body, fetched.url, fetched.headers
        )

    def finish(self, result: FeedResult) -> None:
        self.results.append(result)
        self.new += result.new
        self.errors += result.outcome == "error"
        if self.on_progress is not None:
            self.on_progress(
                RefreshProgress(len(self.results), self.total, self.new, self.errors, result.title)
            )

    async def one(self, fetcher: Fetcher, feed: Feed) -> None:
        feed_id = feed.id or 0
        try:
            async with self.in_flight:
                result = await self._refresh(fetcher, feed)
        except Exception as error:
            message = f"refresh failed ({type(error).__name__}: {clean_text(str(error), 200)})"
            with contextlib.suppress(Exception):
                await self.in_db(self.store.record_fetch, feed_id, error=message)
            result = FeedResult(feed_id, feed.title, "error", error=message)
        self.finish(result)

    async def _refresh(self, fetcher: Fetcher, feed: Feed) -> FeedResult:
        feed_id = feed.id or 0
        try:
            fetched = await fetcher.fetch(
                feed.url, etag=feed.etag or "", last_modified=feed.last_modified or ""
            )
        except FetchError as error:
            return await self._failed(feed, str(error))
        if fetched.not_modified:
            if fetched.permanent_url:
                await self._record(feed, fetched)
            else:
                self.unchanged.append((feed_id, fetched.etag, fetched.last_modified))
                if len(self.unchanged) >= UNCHANGED_BATCH:
                    await self.flush_unchanged()
            return FeedResult(feed_id, feed.title, "unchanged")
        parsed = await self.parse(fetched)
        if parsed.parsed is None:
            return await self._failed(feed, parsed.error)
        saved = await self.in_db(self._save, feed, fetched, parsed.parsed, parsed.encoded)
        new = sum(1 for s in saved if s.status == "new")
        updated = sum(1 for s in saved if s.status == "updated")
        return FeedResult(feed_id, feed.title, "new", new=new, updated=updated)

    async def flush_unchanged(self) -> None:
        """Write the pending 304 outcomes in one transaction."""
        batch, self.unchanged = self.unchanged, []
        if batch:
            await self.in_db(self.store.record_unchanged, batch)

    async def _failed(self, feed: Feed, message: str) -> FeedResult:
        await self.in_db(self.store.record_fetch, feed.id or 0, error=message)
        return FeedResult(feed.id or 0, feed.title, "error", error=message)

    async def _record(self, feed: Feed, fetched: FetchResult, **extra: object) -> None:
        await self.in_db(record_success, self.store, feed, fetched, **extra)

    def _save(self, feed: Feed, fetched: FetchResult, parsed, encoded) -> list:
        return store_parsed(
            self.store, self.config, feed, fetched, parsed, defer_index=True, encoded=encoded
        )

    async def catch_up_index(self) -> None:
        """Index what this refresh stored: text in the parse workers, inserts on the store thread.

        Batches are pipelined: the workers extract the next batch's text while the
        store thread writes the current one. Without worker processes the store
        thread does both (``Store.index_pending``).
        """
        to_index = await self.in_db(self.store.pending_index)
        if not to_index:
            return
        indexed = 0
        self.report_index(indexed, to_index)
        if self.parser is not None and self.processes:
            with contextlib.suppress(BrokenExecutor):  # a worker died: the loop below finishes
                indexed = await self._index_with_workers(self.parser, to_index)
        # Without workers, and whatever is left (changed meanwhile, or a broken pool).
        while done := await self.in_db(self.store.index_pending, INDEX_BATCH):
            indexed += done
            self.report_index(indexed, to_index)

    async def _index_with_workers(self, parser: Executor, to_index: int) -> int:
        loop = asyncio.get_running_loop()
        workers = os.cpu_count() or 2

        def extract(rows: list) -> asyncio.Future:
            size = -(-len(rows) // (workers * 2))  # a few chunks per worker: even finish
            chunks = [rows[i : i + size] for i in range(0, len(rows), size)]
            return asyncio.gather(
                *(loop.run_in_executor(parser, index_text_job, chunk) for chunk in chunks)
            )

        indexed = 0
        rows = await self.in_db(self.store.pending_batch, INDEX_BATCH)
        extracting = extract(rows) if rows else None
        while extracting is not None:
            values = [v for chunk in await extracting for v in chunk]
            rows = await self.in_db(self.store.pending_batch, INDEX_BATCH, rows[-1][0])
            extracting = extract(rows) if rows else None
            indexed += await self.in_db(self.store.index_values, values)
            self.report_index(indexed, to_index)
        return indexed

    def report_index(self, indexed: int, to_index: int) -> None:
        if self.on_progress is not None:
            done = len(self.results)
            progress = RefreshProgress(
                done, self.total, self.new, self.errors, "", min(indexed, to_index), to_index
            )
            self.on_progress(progress)

    def close(self) -> None:
        self.db.shutdown(wait=True)
        if self.parser is not None:
            self.parser.shutdown(wait=True, cancel_futures=True)


def record_success(store, feed: Feed, fetched: FetchResult, **extra: object) -> None:
    """Record a successful fetch (validators, a permanent redirect's new URL, title)."""
    from newsreader.store import StoreError

    kwargs = dict(etag=fetched.etag, last_modified=fetched.last_modified, **extra)
    try:
        store.record_fetch(feed.id or 0, new_url=fetched.permanent_url, **kwargs)
    except StoreError:
        # The new URL may already belong to another subscription: keep the old one.
        store.record_fetch(feed.id or 0, **kwargs)


def store_parsed(
    store,
    config: Config,
    feed: Feed,
    fetched: FetchResult,
    parsed,
    *,
    defer_index: bool = False,
    encoded: list | None = None,
) -> list:
    """Save a parsed feed's articles, apply retention and record success; returns ``Saved``s.

    With ``defer_index`` the articles enter the search index at ``index_pending``;
    ``encoded`` is their stored form when a parse worker computed it.
    """
    saved = store.save_articles(
        feed.id or 0, parsed.articles, defer_index=defer_index, encoded=encoded
    )
    if config.retention_articles is not None or config.retention_days is not None:
        store.prune(
            feed.id or 0, keep=config.retention_articles, max_age_days=config.retention_days
        )
    record_success(store, feed, fetched, title=parsed.title or None, site_url=parsed.link or None)
    return saved


async def refresh_feeds(
    store,
    config: Config,
    feed_ids: Sequence[int] | None = None,
    on_progress: ProgressCallback | None = None,
) -> RefreshSummary:
    """Refresh ``feed_ids`` (default: every subscription) of an open store."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    feeds = [f for f in store.list_feeds(subscriptions_only=True) if f.url]
    if feed_ids is not None:
        wanted = set(feed_ids)
        feeds = [f for f in feeds if f.id in wanted]
    run = _Run(store, config, len(feeds), on_progress)
    try:
        async with Fetcher(config) as fetcher:
            await asyncio.gather(*(run.one(fetcher, feed) for feed in feeds))
        await run.flush_unchanged()
        stored = loop.time() - started
        # Every article is stored and readable; now the search index catches up
        # (search() would also do this itself before its first query).
        await run.catch_up_index()
    finally:
        await loop.run_in_executor(None, run.close)
    order = {f.id: i for i, f in enumerate(feeds)}
    results = sorted(run.results, key=lambda r: order.get(r.feed_id, 0))
    return RefreshSummary(
        feeds=len(feeds),
        new_articles=run.new,
        updated_articles=sum(r.updated for r in results),
        errors=run.errors,
        results=results,
        seconds=loop.time() - started,
        stored_seconds=stored,
    )


def refresh_store(
    store_path: Path,
    config: Config,
    feed_ids: list[int] | None = None,
    on_progress: ProgressCallback | None = None,
) -> RefreshSummary:
    """Refresh with a Store connection of its own (call from a worker thread)."""
    from newsreader.store import Store

    with Store.open(store_path) as store:
        return asyncio.run(refresh_feeds(store, config, feed_ids, on_progress))
