"""N2: a redirect from a public feed into the user's own network is judged by the address.

The network is an ``httpx.MockTransport`` and names resolve through a stub (numeric
spellings through the system's own parser, ``AI_NUMERICHOST``): nothing leaves the host.
"""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest

from newsreader.config import Config
from newsreader.net import fetch as fetch_module
from newsreader.net.fetch import Fetcher, FetchError
from tests.support.feeds import rss
from tests.support.hostile_server import HostileServer, redirect

NAMES = {
    "news.example": ["93.184.216.34"],
    "rebind.example": ["127.0.0.1"],
    "lan.example": ["192.168.1.10"],
    "mapped.example": ["::ffff:127.0.0.1"],
}
FEED = rss("Feed", 1)


@pytest.fixture(autouse=True)
def stub_resolver(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    async def resolve(host: str) -> list[str]:
        asked.append(host)
        if host in NAMES:
            return NAMES[host]
        try:
            infos = socket.getaddrinfo(host, None, flags=socket.AI_NUMERICHOST)
        except OSError:
            return []
        return [str(info[4][0]) for info in infos]

    monkeypatch.setattr(fetch_module, "resolve", resolve, raising=False)
    return asked


def fetch_via(start: str, location: str) -> tuple[list[str], object]:
    """Fetch ``start``, which redirects to ``location``; the target serves a feed."""
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if str(request.url) == start:
            return httpx.Response(302, headers={"Location": location})
        headers = {"Content-Type": "application/rss+xml"}
        return httpx.Response(200, stream=httpx.ByteStream(FEED), headers=headers)

    async def go():
        async with Fetcher(Config(), transport=httpx.MockTransport(handler)) as fetcher:
            return await fetcher.fetch(start)

    try:
        return requested, asyncio.run(go())
    except FetchError as error:
        return requested, error


LOCAL_SPELLINGS = [
    "http://127.1:8080/feed",
    "http://2130706433:8080/feed",
    "http://0x7f000001:8080/feed",
    "http://0:8080/feed",
    "http://[::ffff:127.0.0.1]:8080/feed",
    "http://[::1]/feed",
    "http://localhost./feed",
    "http://rebind.example/feed",
    "http://mapped.example/feed",
    "http://lan.example/feed",
    "http://169.254.169.254/latest/meta-data/",
]


@pytest.mark.parametrize("location", LOCAL_SPELLINGS)
def test_public_feed_may_not_redirect_to_a_local_address(location: str) -> None:
    requested, outcome = fetch_via("http://news.example/feed", location)
    assert isinstance(outcome, FetchError), outcome
    assert "local address" in str(outcome)
    assert requested == ["http://news.example/feed"]  # the local target was never fetched


def test_public_feed_may_redirect_to_a_public_address() -> None:
    requested, outcome = fetch_via("http://news.example/feed", "http://93.184.216.35/feed")
    assert not isinstance(outcome, FetchError), outcome
    assert outcome.body == FEED and len(requested) == 2


@pytest.mark.parametrize("start", ["http://lan.example/feed", "http://127.0.0.1:8080/feed"])
def test_local_feed_may_redirect_within_the_local_network(start: str) -> None:
    requested, outcome = fetch_via(start, "http://127.1:8080/moved")
    assert not isinstance(outcome, FetchError), outcome
    assert requested[-1] == "http://127.1:8080/moved"


def test_a_local_url_the_user_gives_is_fetched_and_may_redirect_locally() -> None:
    """Against a real loopback server: the initial URL is never judged."""

    async def go(url: str):
        async with Fetcher(Config(read_timeout=2, feed_deadline=3)) as fetcher:
            return await fetcher.fetch(url)

    with HostileServer() as server:
        server.feed("/feed.xml", FEED)
        start = server.route("/old", redirect(f"http://127.1:{server.port}/feed.xml"))
        result = asyncio.run(go(start))
    assert result.body == FEED and result.url.endswith("/feed.xml")
