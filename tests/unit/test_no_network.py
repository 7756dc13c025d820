"""The test suite's own guard: nothing reaches past loopback, here or in a subprocess."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys

import httpx
import pytest

from newsreader.config import Config
from newsreader.net.fetch import Fetcher, FetchError
from tests.support.hostile_server import HostileServer, serve_feed
from tests.support.no_network import is_loopback


def test_loopback_spellings() -> None:
    for host in (
        "127.0.0.1",
        "localhost",
        "::1",
        "[::1]",
        "127.1",
        "2130706433",
        "::ffff:127.0.0.1",
    ):
        assert is_loopback(host), host
    for host in ("example.test", "10.0.0.1", "93.184.216.34", "", "localhost.example", "::2"):
        assert not is_loopback(host), host


def test_the_fetcher_is_refused_anything_but_loopback_with_a_clear_error() -> None:
    async def fetch(url: str):
        async with Fetcher(Config(feed_deadline=5)) as fetcher:
            return await fetcher.fetch(url)

    with pytest.raises(FetchError, match=r"no network in tests: a request to example\.test"):
        asyncio.run(fetch("http://example.test/feed.xml"))
    with pytest.raises(FetchError, match="no network in tests"):
        asyncio.run(fetch("http://10.1.2.3:8080/feed.xml"))
    with HostileServer() as server:  # loopback works
        url = server.route("/f.xml", serve_feed(b"<rss/>"))
        assert asyncio.run(fetch(url)).body == b"<rss/>"


def test_names_and_sockets_are_refused_too() -> None:
    with pytest.raises(socket.gaierror, match="no network in tests"):
        socket.getaddrinfo("example.test", 80)
    with socket.socket() as sock, pytest.raises(ConnectionRefusedError, match="no network"):
        sock.connect(("192.0.2.1", 80))
    with pytest.raises(httpx.ConnectError, match="no network in tests"):
        httpx.get("http://example.test/")


def test_a_subprocess_gets_the_guard() -> None:
    code = (
        "import socket\n"
        "try:\n"
        "    socket.getaddrinfo('example.test', 80)\n"
        "except socket.gaierror as error:\n"
        "    print(error)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "no network in tests" in out.stdout
