"""A threaded HTTP server on 127.0.0.1 that serves good feeds and misbehaves on request.

Use it as a context manager (or the ``hostile_server`` fixture in
``tests/unit/conftest``-style code)::

    with HostileServer() as server:
        server.feed("/a.xml", rss("A"))
        server.route("/loop-a", redirect("/loop-b"))
        url = server.url("/a.xml")

Every behaviour is a function ``(handler, server) -> None``. Blocking ones
(stall, drip, endless) stop when the server stops, so a test never hangs on
teardown. ``server.hits[path]`` counts requests; ``server.requests`` keeps
each request's headers.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Behaviour = Callable[["_Handler", "HostileServer"], None]

LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        owner = self.server.owner
        path = self.path.split("?", 1)[0]
        owner.hits[path] += 1
        owner.requests.append((path, dict(self.headers)))
        behaviour = owner.routes.get(path)
        if behaviour is None:
            send(self, 404, b"not found", "text/plain")
            return
        try:
            behaviour(self, owner)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024
    allow_reuse_address = True
    owner: HostileServer


class HostileServer:
    """The server; start with ``with HostileServer() as s`` (bounded lifetime)."""

    def __init__(self) -> None:
        self.routes: dict[str, Behaviour] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, behaviour: Behaviour) -> str:
        """Serve ``behaviour`` at ``path``; returns the full URL."""
        self.routes[path] = behaviour
        return self.url(path)

    def feed(
        self,
        path: str,
        body: bytes,
        content_type: str = "application/rss+xml",
        etag: str | None = None,
    ) -> str:
        """A well-behaved feed with ETag and Last-Modified (answers 304 when unchanged)."""
        return self.route(path, serve_feed(body, content_type, etag))


# -- helpers --------------------------------------------------------------
def send(
    handler: _Handler,
    status: int,
    body: bytes = b"",
    content_type: str = "text/plain",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    if body:
        handler.wfile.write(body)


def _wait(server: HostileServer, seconds: float) -> bool:
    """Sleep; True when the server is stopping."""
    return server.stopping.wait(seconds)


# -- behaviours -----------------------------------------------------------
def serve_feed(
    body: bytes, content_type: str = "application/rss+xml", etag: str | None = None
) -> Behaviour:
    tag = etag or f'"{zlib.crc32(body):08x}"'

    def behaviour(handler: _Handler, server: HostileServer) -> None:
        if handler.headers.get("If-None-Match") == tag or (
            handler.headers.get("If-Modified-Since") == LAST_MODIFIED
            and not handler.headers.get("If-None-Match")
        ):
            handler.send_response(304)
            handler.send_header("ETag", tag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        send(handler, 200, body, content_type, {"ETag": tag, "Last-Modified": LAST_MODIFIED})

    return behaviour


def status(
    code: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    content_type: str = "text/html",
) -> Behaviour:
    return lambda handler, server: send(handler, code, body, content_type, headers)


def redirect(location: str, code: int = 302) -> Behaviour:
    return lambda handler, server: send(handler, code, b"", "text/plain", {"Location": location})


def stall(handler: _Handler, server: HostileServer) -> None:
    """Accept the request and never answer."""
    handler.close_connection = True
    _wait(server, 60)


def drip(content_length: int | None = None, interval: float = 1.0) -> Behaviour:
    """Headers at once, then one byte every ``interval`` seconds, forever."""

    def behaviour(handler: _Handler, server: HostileServer) -> None:
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        if content_length is not None:
            handler.send_header("Content-Length", str(content_length))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(b"<")
        handler.wfile.flush()
        while not _wait(server, interval):
            handler.wfile.write(b" ")
            handler.wfile.flush()

    return behaviour


def endless_chunked(handler: _Handler, server: HostileServer) -> None:
    """A chunked body that never ends."""
    handler.close_connection = True
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    chunk = b"<rss>" + b"x" * 65531
    frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
    while not server.stopping.is_set():
        handler.wfile.write(frame)


@cache
def gzip_bomb(gib: int = 1) -> bytes:
    """About 1 MB of gzip that inflates to ``gib`` GiB of zeros (built in milliseconds)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * (1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    # After a full flush each block is self-contained, so repeating it is valid deflate.
    return header + block * (1024 * gib) + b"\x03\x00" + struct.pack("<II", 0, 0)


@cache
def deflate_bomb() -> bytes:
    """A zlib-wrapped deflate stream of ~1 GiB of zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * (1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return b"\x78\xda" + block * 1024 + b"\x03\x00" + struct.pack(">I", 1)


def double_gzip(body: bytes) -> bytes:
    return gzip.compress(gzip.compress(body))


def encoded(body: bytes, encoding: str, content_type: str = "application/rss+xml") -> Behaviour:
    """Serve ``body`` (already compressed) with ``Content-Encoding: encoding``."""

    def behaviour(handler: _Handler, server: HostileServer) -> None:
        handler.close_connection = True
        send(handler, 200, body, content_type, {"Content-Encoding": encoding})

    return behaviour


def short_body(body: bytes, missing: int = 1000) -> Behaviour:
    """Declare more bytes than are sent, then close."""

    def behaviour(handler: _Handler, server: HostileServer) -> None:
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body) + missing))
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()

    return behaviour


def reset_mid_body(body: bytes) -> Behaviour:
    """Send half the body, then reset the connection (RST, not FIN)."""

    def behaviour(handler: _Handler, server: HostileServer) -> None:
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body[: len(body) // 2])
        handler.wfile.flush()
        time.sleep(0.05)
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()

    return behaviour


def huge_header(size: int = 10 * 1024 * 1024) -> Behaviour:
    def behaviour(handler: _Handler, server: HostileServer) -> None:
        handler.close_connection = True
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Big: ")
        piece = b"a" * 65536
        for _ in range(size // len(piece)):
            if server.stopping.is_set():
                return
            handler.wfile.write(piece)
        handler.wfile.write(b"\r\nContent-Length: 0\r\n\r\n")

    return behaviour


def many_headers(count: int = 100_000) -> Behaviour:
    def behaviour(handler: _Handler, server: HostileServer) -> None:
        handler.close_connection = True
        handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for i in range(count):
            if server.stopping.is_set():
                return
            handler.wfile.write(b"X-H%d: v\r\n" % i)
        handler.wfile.write(b"Content-Length: 0\r\n\r\n")

    return behaviour


def huge_feed(item_count: int = 100_000) -> Behaviour:
    """A valid RSS feed of ``item_count`` items (about 50 MB at 100k), streamed chunked."""

    def behaviour(handler: _Handler, server: HostileServer) -> None:
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()

        def chunk(data: bytes) -> None:
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

        chunk(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>')
        filler = b"Invented filler text for a very large feed. " * 10
        for start in range(0, item_count, 500):
            if server.stopping.is_set():
                return
            chunk(
                b"".join(
                    b"<item><guid>h-%d</guid><title>Item %d</title><description>%s</description>"
                    b"</item>" % (i, i, filler)
                    for i in range(start, min(start + 500, item_count))
                )
            )
        chunk(b"</channel></rss>")
        handler.wfile.write(b"0\r\n\r\n")

    return behaviour
