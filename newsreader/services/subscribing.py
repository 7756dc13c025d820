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

CANDIDATES = 3  # feed links of a web page that are tried


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
    stored as it is, unchecked beyond its scheme.
    """
    from newsreader.net.fetch import FetchError, check_url

    url = url.strip()
    try:
        check_url(url)
    except FetchError as error:
        raise SubscribeError(str(error)) from None
    refuse_duplicate(store, url)
    if not fetch:
        return Subscribed(store.add_feed(url, title or url, tags), 0)
    fetched, parsed = asyncio.run(find_feed(url, config))
    refuse_duplicate(store, fetched.url)
    feed = store.add_feed(fetched.url, title or parsed.title or fetched.url, tags)
    from newsreader.services.refresh.run import store_parsed

    saved = store_parsed(store, config, feed, fetched, parsed)
    return Subscribed(store.get_feed(feed.id or 0), len(saved))


async def find_feed(url: str, config: Config) -> tuple[Any, Any]:
    """Fetch ``url``; if it is an HTML page, follow its feed links. Returns (fetched, parsed)."""
    from newsreader.formats.discover import discover_feeds, looks_like_html
    from newsreader.net.fetch import Fetcher, FetchError
    from newsreader.services.refresh.jobs import parse_job

    async with Fetcher(config) as fetcher:
        try:
            fetched = await fetcher.fetch(url)
        except FetchError as error:
            raise SubscribeError(f"cannot fetch {url}: {error}") from None
        outcome = await asyncio.to_thread(parse_job, fetched.body, fetched.url, fetched.headers)
        if outcome.parsed is not None:
            return fetched, outcome.parsed
        content_type = fetched.headers.get("content-type", "")
        if not looks_like_html(fetched.body, content_type):
            raise SubscribeError(f"{url} is not a feed ({outcome.error})")
        candidates = discover_feeds(fetched.body, fetched.url)
        if not candidates:
            raise SubscribeError(
                f"{url} is a web page that names no feed (no <link rel=alternate>)"
            )
        problems = []
        for candidate in candidates[:CANDIDATES]:
            try:
                found = await fetcher.fetch(candidate)
            except FetchError as error:
                problems.append(f"{candidate}: {error}")
                continue
            outcome = await asyncio.to_thread(parse_job, found.body, found.url, found.headers)
            if outcome.parsed is not None:
                return found, outcome.parsed
            problems.append(f"{candidate}: {outcome.error}")
        raise SubscribeError(f"the feeds {url} links to failed: {'; '.join(problems)}")
