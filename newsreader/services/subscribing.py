"""Subscribing: check the URL, fetch it, find the feed a web page links to, store it.

The one implementation behind ``newsreader add`` and the app's add-feed dialog.
Errors are :class:`SubscribeError` with a one-line message.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsreader.config import Config
from newsreader.model import Feed
from newsreader.store import Store, UnknownFeed

MAX_CANDIDATES = 6  # feed links of a page tried (at once) when it is not a feed itself


class SubscribeError(Exception):
    """The URL cannot be subscribed to (one line, for the user)."""


@dataclass(frozen=True, slots=True)
class Subscribed:
    """A new subscription and how many of its articles were stored."""

    feed: Feed
    articles: int


def refuse_duplicate(store: Store, url: str) -> None:
    """Raise :class:`SubscribeError` when ``url`` is already a subscription."""
    try:
        feed = store.find_feed(url)
    except UnknownFeed:
        return
    if feed.url == url:
        raise SubscribeError(f"already subscribed to {url} (as {feed.title!r}, id {feed.id})")


def subscribe(
    store: Store,
    url: str,
    config: Config,
    *,
    title: str = "",
    tags: Sequence[str] = (),
    fetch: bool = True,
) -> Subscribed:
    """Subscribe to ``url`` (a feed, or a page that links to one) and store its articles.

    ``title`` and ``tags`` must already be clean. With ``fetch`` false the URL is
    stored as it is, unchecked beyond its scheme. When ``[sync]`` is configured the
    subscribe is queued for the server (pushed by the next sync).
    """
    from newsreader.net.fetch import FetchError, check_url
    from newsreader.sanitize import clean_url

    raw = url.strip()
    url = clean_url(raw) or raw  # an unusable URL keeps its spelling for check_url's message
    try:
        check_url(url)
    except FetchError as error:
        raise SubscribeError(str(error)) from None
    refuse_duplicate(store, url)
    if not fetch:
        return Subscribed(store.add_feed(url, title or url, tags, sync=config.sync_enabled), 0)
    fetched, parsed = asyncio.run(find_feed(url, config))
    refuse_duplicate(store, fetched.url)
    feed = store.add_feed(
        fetched.url, title or parsed.title or fetched.url, tags, sync=config.sync_enabled
    )
    from newsreader.services.refresh.run import store_parsed

    saved = store_parsed(store, config, feed, fetched, parsed)
    return Subscribed(store.get_feed(feed.id or 0), len(saved))


async def find_feed(url: str, config: Config) -> tuple[Any, Any]:
    """Fetch ``url``; if it is an HTML page, try the feeds it links to. Returns (fetched, parsed).

    One deadline (``refresh.deadline``) bounds the whole search: the page and
    every candidate, which are fetched concurrently. The best-ranked candidate
    that parses wins; at the deadline, the best one that parsed so far.
    """
    from newsreader.formats.discover import discover_feeds, looks_like_html
    from newsreader.net.fetch import Fetcher, FetchError
    from newsreader.services.refresh.jobs import parse_job

    loop = asyncio.get_running_loop()
    deadline = loop.time() + config.feed_deadline
    limit = f"{config.feed_deadline:g} s"

    async with Fetcher(config) as fetcher:

        async def attempt(candidate: str) -> tuple[Any, Any] | str:
            """(fetched, parsed) or the reason this candidate failed; never raises."""
            try:
                found = await fetcher.fetch(candidate)
            except FetchError as error:
                return str(error)
            outcome = await asyncio.to_thread(parse_job, found.body, found.url, found.headers)
            return (found, outcome.parsed) if outcome.parsed is not None else outcome.error

        try:
            async with asyncio.timeout_at(deadline):
                fetched = await fetcher.fetch(url)
                outcome = await asyncio.to_thread(
                    parse_job, fetched.body, fetched.url, fetched.headers
                )
        except TimeoutError:
            raise SubscribeError(
                f"cannot fetch {url}: no answer within {limit} (deadline)"
            ) from None
        except FetchError as error:
            raise SubscribeError(f"cannot fetch {url}: {error}") from None
        if outcome.parsed is not None:
            return fetched, outcome.parsed
        content_type = fetched.headers.get("content-type", "")
        if not looks_like_html(fetched.body, content_type):
            raise SubscribeError(f"{url} is not a feed ({outcome.error})")
        candidates = discover_feeds(fetched.body, fetched.url)[:MAX_CANDIDATES]
        if not candidates:
            raise SubscribeError(
                f"{url} is a web page that names no feed (no <link rel=alternate>)"
            )
        tasks = {asyncio.create_task(attempt(c)): c for c in candidates}
        results: dict[str, object] = {}
        try:
            pending = set(tasks)
            while pending:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                done, pending = await asyncio.wait(
                    pending, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
                )
                for task in done:
                    results[tasks[task]] = task.result()
                best = _best_candidate(candidates, results, final=not pending)
                if best is not None:
                    return best
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        best = _best_candidate(candidates, results, final=True)
        if best is not None:
            return best
        problems = [
            f"{c}: {results.get(c, f'no answer within {limit} (deadline)')}" for c in candidates
        ]
        raise SubscribeError(f"the feeds {url} links to failed: {'; '.join(problems)}")


def _best_candidate(
    candidates: list[str], results: dict[str, object], *, final: bool
) -> tuple[Any, Any] | None:
    """The best-ranked candidate that parsed, once every better one has failed.

    With ``final`` (no more answers will come) the best that parsed at all.
    """
    for candidate in candidates:
        result = results.get(candidate)
        if isinstance(result, tuple):
            return result
        if result is None and not final:
            return None  # a better candidate may still answer
    return None
