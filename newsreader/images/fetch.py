"""Fetching pictures through the bounded :class:`~newsreader.net.fetch.Fetcher`.

The same limits as feeds, tightened: http/https only (redirects checked hop by
hop), :data:`MAX_BYTES`, a :data:`DEADLINE`, an ``image/*`` content type (never
SVG), and no cookies kept or sent.
"""

from __future__ import annotations

from dataclasses import replace
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx

from newsreader.config import Config
from newsreader.images.decode import PictureError
from newsreader.net.fetch import Fetcher, FetchError

MAX_BYTES = 8 * 1024 * 1024
"""The largest picture body fetched (decoded bytes)."""
DEADLINE = 15.0
"""Seconds for one whole picture, redirects included."""
ACCEPT = "image/png, image/jpeg, image/gif, image/webp;q=0.9, image/*;q=0.5"
ALLOWED_TYPES = ("image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/pjpeg")

TRANSPORT: httpx.AsyncBaseTransport | None = None
"""The transport every picture fetcher uses (``None``: the network). Tests set it."""


def picture_config(config: Config) -> Config:
    """``config`` with the limits of a picture fetch."""
    return replace(
        config,
        max_feed_bytes=MAX_BYTES,
        feed_deadline=min(DEADLINE, config.feed_deadline),
        read_timeout=min(config.read_timeout, DEADLINE),
        concurrency=min(config.concurrency, 4),
        per_host=min(config.per_host, 2),
    )


class PictureFetcher(Fetcher):
    """A :class:`Fetcher` for pictures: an image ``Accept`` header and no cookies."""

    def __init__(self, config: Config, *, transport: httpx.AsyncBaseTransport | None = None):
        super().__init__(picture_config(config), transport=transport or TRANSPORT)

    async def __aenter__(self) -> PictureFetcher:
        await super().__aenter__()
        assert self._client is not None
        self._client.headers["Accept"] = ACCEPT
        # A jar whose policy accepts no domain: Set-Cookie is dropped, nothing is sent.
        self._client.cookies.jar = CookieJar(DefaultCookiePolicy(allowed_domains=[]))
        return self

    async def picture(self, url: str) -> bytes:
        """The body of the picture at ``url``; :class:`PictureError` on any failure."""
        try:
            result = await self.fetch(url)
        except FetchError as error:
            raise PictureError(str(error)) from None
        kind = result.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ALLOWED_TYPES:
            shown = kind[:40] or "none"
            raise PictureError(f"not a picture (content type {shown})")
        if not result.body:
            raise PictureError("empty picture")
        return result.body
