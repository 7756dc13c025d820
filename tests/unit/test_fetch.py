"""Fetcher: bounded, conditional HTTP against real servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import resource
import time

import pytest

from newsreader.config import Config
from newsreader.net.fetch import Fetcher, FetchError, check_url
from tests.support.feeds import rss
from tests.support.hostile_server import (
    HostileServer,
    double_gzip,
    drip,
    encoded,
    endless_chunked,
    gzip_bomb,
    redirect,
    stall,
    status,
)

CFG = Config(connect_timeout=1, read_timeout=1, feed_deadline=2, max_feed_bytes=1 << 20)


@pytest.fixture
def server():
    with HostileServer() as s:
        yield s


def fetch(url: str, config: Config = CFG, **kw):
    async def go():
        async with Fetcher(config) as fetcher:
            return await fetcher.fetch(url, **kw)

    return asyncio.run(go())


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "exec:cat /etc/passwd",
        "filter:x:http://a/",
        "ftp://a/b",
        "javascript:alert(1)",
        "http:///nohost",
        "http://127.0.0.1:22/",
    ],
)
def test_only_http_urls_on_web_ports(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url)


def test_conditional_get_returns_304_without_body(server: HostileServer) -> None:
    url = server.feed("/a.xml", rss("A"))
    first = fetch(url)
    assert first.status == 200 and first.body.startswith(b"<?xml")
    assert first.etag and first.last_modified
    second = fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body == b""
    assert server.requests[-1][1].get("If-None-Match") == first.etag


def test_permanent_redirect_reports_new_url_temporary_does_not(server: HostileServer) -> None:
    target = server.feed("/new.xml", rss("N"))
    moved = server.route("/old.xml", redirect("/new.xml", 301))
    temp = server.route("/tmp.xml", redirect("/new.xml", 302))
    assert fetch(moved).permanent_url == target
    result = fetch(temp)
    assert result.permanent_url is None and result.url == target


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "http://127.0.0.1:22/"],
)
def test_redirect_to_forbidden_target_refused(server: HostileServer, location: str) -> None:
    url = server.route("/r", redirect(location))
    with pytest.raises(FetchError, match="redirect refused"):
        fetch(url)


def test_redirect_loop_fails_fast(server: HostileServer) -> None:
    server.route("/b", redirect("/a"))
    url = server.route("/a", redirect("/b"))
    start = time.monotonic()
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(url)
    assert time.monotonic() - start < 1


def test_stall_hits_read_timeout(server: HostileServer) -> None:
    url = server.route("/s", stall)
    with pytest.raises(FetchError, match="timed out"):
        fetch(url)


def test_drip_hits_overall_deadline(server: HostileServer) -> None:
    url = server.route("/d", drip(interval=0.2))
    start = time.monotonic()
    with pytest.raises(FetchError, match="deadline"):
        fetch(url)
    assert time.monotonic() - start < CFG.feed_deadline + 1


def test_gzip_bomb_stops_at_decoded_cap_with_bounded_memory(server: HostileServer) -> None:
    url = server.route("/bomb", encoded(gzip_bomb(), "gzip"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(FetchError, match="too large"):
        fetch(url)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200  # never the 1 GiB the bomb inflates to


def test_endless_body_stops_at_cap(server: HostileServer) -> None:
    url = server.route("/e", endless_chunked)
    with pytest.raises(FetchError, match="too large"):
        fetch(url)


def test_double_gzip_is_decoded(server: HostileServer) -> None:
    body = rss("Twice")
    url = server.route("/gg", encoded(double_gzip(body), "gzip, gzip"))
    assert fetch(url).body == body


def test_status_errors_are_readable(server: HostileServer) -> None:
    url = server.route("/429", status(429, headers={"Retry-After": "120"}))
    with pytest.raises(FetchError, match=r"HTTP 429 Too Many Requests.*120 s") as info:
        fetch(url)
    assert info.value.retry_after == "120"
    url = server.route("/410", status(410))
    with pytest.raises(FetchError, match=r"HTTP 410 Gone.*unsubscrib"):
        fetch(url)


def test_per_host_limit_is_respected(server: HostileServer) -> None:
    active = 0
    peak = 0
    import threading

    lock = threading.Lock()
    body = rss("P")

    def slow(handler, srv):
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.1)
        with lock:
            active -= 1
        status(200, body, content_type="application/rss+xml")(handler, srv)

    urls = [server.route(f"/p{i}", slow) for i in range(12)]
    config = Config(per_host=3, concurrency=10, feed_deadline=5)

    async def go():
        async with Fetcher(config) as fetcher:
            return await asyncio.gather(*(fetcher.fetch(u) for u in urls))

    results = asyncio.run(go())
    assert all(r.body == body for r in results)
    assert peak == 3
