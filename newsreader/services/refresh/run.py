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
import os
from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor, Executor, ThreadPoolExecutor
from pathlib import Path

from newsreader.config import Config
from newsreader.model import Feed
from newsreader.net.fetch import FetchError, FetchResult
from newsreader.sanitize import clean_text
from newsreader.services.refresh.jobs import ParseOutcome, index_text_job, parse_store_job
from newsreader.services.refresh.pool import started_executor, use_processes
from newsreader.services.refresh.progress import (
    FeedResult,
    ProgressCallback,
    RefreshProgress,
    RefreshSummary,
)
from newsreader.services.refresh.sources import HttpFeeds, Source
from newsreader.store import Store, StoreError
from newsreader.store.articles import index_values_of

UNCHANGED_BATCH = 500
INDEX_BATCH = 1000  # articles a refresh indexes per transaction while catching up
IN_FLIGHT_EXTRA = 16  # feeds fetched and waiting for a parse worker, beyond the fetch limit
IDLE_INDEX_BATCH = 200  # articles indexed at a time while the run only waits on the network
IDLE_INDEX_AFTER = 0.05  # seconds with nothing to parse or save before that indexing starts


class _Run:
    def __init__(
        self, store: Store, config: Config, total: int, on_progress: ProgressCallback | None
    ) -> None:
        self.store = store
        self.config = config
        self.total = total
        self.on_progress = on_progress
        self.results: list[FeedResult] = []
        self.new_ids: list[int] = []  # articles this refresh added (for the full-text phase)
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
        # Feeds fetched and not yet saved; when none are, the run only waits on the
        # network (slow servers) and indexes what is already stored meanwhile.
        self.busy = 0
        self.idle = asyncio.Event()
        self.stopped = asyncio.Event()
        self.fetching = True
        self.indexed_early = 0
        self.settled = 0  # feeds parsed and saved (or failed) so far
        # Body words of the articles indexed (counted to SHORT_BODY_WORDS): the
        # full-text phase then reads no long body again to decide.
        self.words: dict[int, int] = {}

    async def index(self, values: list) -> int:
        """Put index values in the index (store thread), noting each body's words."""
        from newsreader.services.fulltext import short_words

        for value in values:
            self.words[value[0]] = short_words(value[4])
        return await self.in_db(self.store.index_values, values)

    async def in_db(self, func, *args, **kwargs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.db, lambda: func(*args, **kwargs))

    def start_parser(self) -> None:
        """Start the parse workers (once), off the event loop: starting processes blocks."""
        if self._parser_task is None:
            loop = asyncio.get_running_loop()
            self._parser_task = loop.run_in_executor(None, started_executor, self.processes)

    async def parse(self, fetched: FetchResult) -> ParseOutcome:
        loop = asyncio.get_running_loop()
        self.start_parser()
        assert self._parser_task is not None
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

    async def one(self, source: Source, feed: Feed) -> None:
        feed_id = feed.id or 0
        try:
            async with self.in_flight:
                result = await self._refresh(source, feed)
        except Exception as error:
            message = f"refresh failed ({type(error).__name__}: {clean_text(str(error), 200)})"
            with contextlib.suppress(Exception):
                await self.in_db(self.store.record_fetch, feed_id, error=message)
            result = FeedResult(feed_id, feed.title, "error", error=message)
        self.finish(result)

    async def _refresh(self, source: Source, feed: Feed) -> FeedResult:
        feed_id = feed.id or 0
        try:
            fetched = await source.fetch(feed)
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
        self.busy += 1
        try:
            parsed = await self.parse(fetched)
            if parsed.parsed is None:
                return await self._failed(feed, parsed.error)
            saved = await self.in_db(self._save, feed, fetched, parsed.parsed, parsed.encoded)
        finally:
            self.busy -= 1
            self.settled += 1
            if not self.busy:
                self.idle.set()
        self.new_ids += [s.id for s in saved if s.status == "new"]
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

    async def index_while_waiting(self) -> None:
        """While fetches are still out but nothing fetched waits to be parsed or saved
        (the slow feeds of a refresh), index what is stored, a small batch at a time, so
        the index is (nearly) complete when the last feed arrives. Runs until
        :meth:`stop_idle_indexing`; :meth:`catch_up_index` does whatever is left."""
        while self.fetching:
            await self.idle.wait()
            self.idle.clear()
            if not self.fetching:  # stopped: every feed is done
                return
            # Only a real wait on the network: while feeds keep arriving, storing them
            # (readable articles) comes first and the index catches up afterwards.
            settled = self.settled
            with contextlib.suppress(TimeoutError):  # the end of the run cuts the wait short
                await asyncio.wait_for(self.stopped.wait(), IDLE_INDEX_AFTER)
            if not self.fetching:
                return
            if self.busy or self.settled != settled:
                continue
            if self.parser is not None and self.processes:
                # The same pipeline as catching up (the workers extract the next batch
                # while the store thread inserts this one), stopped when a feed arrives.
                self.indexed_early += await self._index_with_workers(
                    self.parser,
                    batch=IDLE_INDEX_BATCH,
                    go_on=lambda: self.fetching and not self.busy,
                )
                continue
            while self.fetching and not self.busy:
                rows = await self.in_db(self.store.pending_batch, IDLE_INDEX_BATCH)
                if not rows or not self.fetching:
                    break
                values = await self.in_db(
                    lambda rows=rows: [index_values_of(r, self.store.body_text) for r in rows]
                )
                self.indexed_early += await self.index(values)

    def stop_idle_indexing(self) -> None:
        self.fetching = False
        self.idle.set()
        self.stopped.set()

    async def catch_up_index(self) -> None:
        """Index what this refresh stored: text in the parse workers, inserts on the store thread.

        Batches are pipelined: the workers extract the next batch's text while the
        store thread writes the current one. Without worker processes the store
        thread does both (``Store.index_pending``).
        """
        early = self.indexed_early  # done by index_while_waiting
        to_index = early + await self.in_db(self.store.pending_index)
        if not to_index:
            return
        indexed = early
        self.report_index(indexed, to_index)
        if self.parser is not None and self.processes and indexed < to_index:
            with contextlib.suppress(BrokenExecutor):  # a worker died: the loop below finishes
                indexed += await self._index_with_workers(self.parser, to_index, indexed)
        # Without workers, and whatever is left (changed meanwhile, or a broken pool).
        while rows := await self.in_db(self.store.pending_batch, INDEX_BATCH):
            values = await self.in_db(
                lambda rows=rows: [index_values_of(r, self.store.body_text) for r in rows]
            )
            if not (done := await self.index(values)):
                break  # changed under us: search indexes what is left
            indexed += done
            self.report_index(indexed, to_index)

    async def _index_with_workers(
        self,
        parser: Executor,
        to_index: int = 0,
        before: int = 0,
        batch: int = INDEX_BATCH,
        go_on: Callable[[], bool] | None = None,
    ) -> int:
        """Index pending articles in batches of ``batch``, pipelined, until none is left
        or ``go_on()`` turns false; reports progress toward ``to_index`` (if given)."""
        loop = asyncio.get_running_loop()
        workers = os.cpu_count() or 2

        def extract(rows: list) -> asyncio.Future:
            size = -(-len(rows) // (workers * 2))  # a few chunks per worker: even finish
            chunks = [rows[i : i + size] for i in range(0, len(rows), size)]
            return asyncio.gather(
                *(loop.run_in_executor(parser, index_text_job, chunk) for chunk in chunks)
            )

        indexed = 0
        rows = await self.in_db(self.store.pending_batch, batch)
        extracting = extract(rows) if rows else None
        while extracting is not None:
            values = [v for chunk in await extracting for v in chunk]
            going = go_on is None or go_on()
            rows = await self.in_db(self.store.pending_batch, batch, rows[-1][0]) if going else []
            extracting = extract(rows) if rows else None
            indexed += await self.index(values)
            if to_index:
                self.report_index(before + indexed, to_index)
        return indexed

    async def full_texts(self) -> list:
        """The full-text phase: pages of this refresh's new articles (their words are
        known), after storing and indexing (every summary is readable and searchable
        first), and of a few queued ones; see ``fulltext.full_text_phase``."""
        from newsreader.services.fulltext import full_text_phase

        pages = {"total": 0, "done": 0, "ok": 0}

        def report(title: str = "") -> None:
            if self.on_progress is not None and pages["total"]:
                self.on_progress(
                    RefreshProgress(
                        len(self.results),
                        self.total,
                        self.new,
                        self.errors,
                        pages_done=pages["done"],
                        pages=pages["total"],
                        pages_ok=pages["ok"],
                        page_title=title,
                    )
                )

        def started(total: int) -> None:
            pages["total"] = total
            report()

        def done(outcome) -> None:
            pages["done"] += 1
            pages["ok"] += outcome.status == "ok"
            report(outcome.title)

        return await full_text_phase(
            self.store,
            self.config,
            self.new_ids,
            on_start=started,
            on_done=done,
            words=self.words,
        )

    def report_index(self, indexed: int, to_index: int) -> None:
        if self.on_progress is not None:
            done = len(self.results)
            progress = RefreshProgress(
                done, self.total, self.new, self.errors, "", min(indexed, to_index), to_index
            )
            self.on_progress(progress)

    async def settle_parser(self) -> None:
        """Wait for workers started early (:meth:`start_parser`) and never used, so
        :meth:`close` shuts them down too."""
        if self._parser_task is not None and self.parser is None:
            with contextlib.suppress(Exception):
                self.parser = await self._parser_task

    def close(self) -> None:
        self.db.shutdown(wait=True)
        if self.parser is not None:
            self.parser.shutdown(wait=True, cancel_futures=True)


def record_success(store: Store, feed: Feed, fetched: FetchResult, **extra: object) -> None:
    """Record a successful fetch (validators, a permanent redirect's new URL, title)."""
    kwargs = dict(etag=fetched.etag, last_modified=fetched.last_modified, **extra)
    try:
        store.record_fetch(feed.id or 0, new_url=fetched.permanent_url, **kwargs)
    except StoreError:
        # The new URL may already belong to another subscription: keep the old one.
        store.record_fetch(feed.id or 0, **kwargs)


def store_parsed(
    store: Store,
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
    # New articles are queued for the full-text phase (this refresh's, or the next's).
    saved = store.save_articles(
        feed.id or 0,
        parsed.articles,
        defer_index=defer_index,
        encoded=encoded,
        queue_full_text=True,
    )
    if config.retention_articles is not None or config.retention_days is not None:
        store.prune(
            feed.id or 0, keep=config.retention_articles, max_age_days=config.retention_days
        )
    record_success(store, feed, fetched, title=parsed.title or None, site_url=parsed.link or None)
    return saved


async def refresh_feeds(
    store: Store,
    config: Config,
    feed_ids: Sequence[int] | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    source: Source | None = None,
    full_text: bool | None = None,
) -> RefreshSummary:
    """Refresh ``feed_ids`` (default: every feed of ``source``) of an open store.

    ``source`` is where the news comes from; by default the subscriptions over HTTP.
    With ``full_text`` (default: ``[refresh] full_text_on_refresh``, on) the pages of
    new articles that want one (:mod:`newsreader.services.fulltext`) are fetched once
    everything is stored and indexed: the summaries are readable before, and
    ``on_progress`` reports the pages (``RefreshProgress.full_text``).
    """
    loop = asyncio.get_running_loop()
    started = loop.time()
    pages: list = []
    source = source if source is not None else HttpFeeds(config)
    feeds = source.feeds(store, feed_ids)
    run = _Run(store, config, len(feeds), on_progress)
    if any(not (f.etag or f.last_modified) for f in feeds):
        # A feed without validators answers with a body: start the workers now, while
        # the first fetches are out, instead of when the first body arrives.
        run.start_parser()
    try:
        idle_indexing = asyncio.ensure_future(run.index_while_waiting())
        try:
            async with source:
                await asyncio.gather(*(run.one(source, feed) for feed in feeds))
        finally:
            run.stop_idle_indexing()
            with contextlib.suppress(Exception):  # catch_up_index finishes the work
                await idle_indexing
        await run.flush_unchanged()
        stored = loop.time() - started
        # Every article is stored and readable; now the search index catches up
        # (search() would also do this itself before its first query).
        await run.catch_up_index()
        if full_text if full_text is not None else config.full_text_on_refresh:
            pages = await run.full_texts()
    finally:
        await run.settle_parser()
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
        full_texts=sum(1 for p in pages if p.status == "ok"),
        full_text_kept=sum(1 for p in pages if p.status == "kept-summary"),
    )


def refresh_store(
    store_path: Path,
    config: Config,
    feed_ids: list[int] | None = None,
    on_progress: ProgressCallback | None = None,
) -> RefreshSummary:
    """Refresh with a Store connection of its own (call from a worker thread)."""
    from newsreader.services.stores import open_store

    with open_store(store_path) as store:
        return asyncio.run(refresh_feeds(store, config, feed_ids, on_progress))
