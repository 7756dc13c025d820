"""Where a refresh gets news from: the :class:`Source` protocol and plain HTTP feeds.

The refresh run (:mod:`.run`) is written against :class:`Source`, not against
HTTP: it asks a source for the feeds to refresh and, for each, a
:class:`~newsreader.net.fetch.FetchResult` (a body with its headers, or "not
modified"), which it parses by content type through the parser registry and
stores. :class:`HttpFeeds` fetches each subscription's URL with conditional GET;
a sync server (Google Reader API) is another implementation that answers the same
calls from the server's streams.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Protocol

from newsreader.config import Config
from newsreader.model import Feed
from newsreader.net.fetch import Fetcher, FetchResult
from newsreader.store import Store


class Source(Protocol):
    """A place feeds' entries come from. Used as ``async with source: …``.

    :meth:`fetch` raises :class:`~newsreader.net.fetch.FetchError` (a one-line
    message) when a feed cannot be had; the run stores it as the feed's error.
    """

    def feeds(self, store: Store, feed_ids: Sequence[int] | None = None) -> list[Feed]:
        """The feeds to refresh (``feed_ids``: only these; default every one)."""
        ...

    async def fetch(self, feed: Feed) -> FetchResult:
        """One feed's current document, or a "not modified" answer."""
        ...

    async def __aenter__(self) -> Source: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class HttpFeeds:
    """The subscriptions with a URL, fetched over HTTP (conditional GET, bounded)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._fetcher: Fetcher | None = None

    def feeds(self, store: Store, feed_ids: Sequence[int] | None = None) -> list[Feed]:
        feeds = [f for f in store.list_feeds(subscriptions_only=True) if f.url]
        if feed_ids is not None:
            wanted = set(feed_ids)
            feeds = [f for f in feeds if f.id in wanted]
        return feeds

    async def fetch(self, feed: Feed) -> FetchResult:
        if self._fetcher is None:
            raise RuntimeError("use the source as `async with source:`")
        return await self._fetcher.fetch(
            feed.url, etag=feed.etag or "", last_modified=feed.last_modified or ""
        )

    async def __aenter__(self) -> HttpFeeds:
        self._fetcher = await Fetcher(self.config).__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        fetcher, self._fetcher = self._fetcher, None
        if fetcher is not None:
            await fetcher.__aexit__(exc_type, exc, tb)
