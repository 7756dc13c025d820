"""A fake Google Reader API server on 127.0.0.1: good by default, hostile on request.

It keeps subscriptions, items and their read/starred state in memory and speaks
enough of the API for a sync (ClientLogin, token, subscription/list and edit,
tag/list, stream/contents with ``c``/``ot``/``n``, stream/items/ids with
``xt``/``it``, stream/items/contents, edit-tag, mark-all-as-read). With
``miniflux=True`` it behaves as Miniflux (no stream/contents; offset
continuations). ``server.override[path]`` replaces one endpoint's answer with
a behaviour ``(handler) -> None`` (401, 500, truncated JSON, a huge body, a stall,
an endless continuation …).
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
READING_LIST = "user/-/state/com.google/reading-list"
USER, PASSWORD, AUTH, TOKEN = "alice", "secret", "alice/abc123", "tok123"


@dataclass
class FakeItem:
    id: int
    feed: str  # stream id
    title: str
    html: str = "<p>Body</p>"
    url: str = ""
    read: bool = False
    starred: bool = False
    published: int = 1_700_000_000


@dataclass
class FakeFeed:
    stream: str
    url: str
    title: str
    folders: list[str] = field(default_factory=list)


Behaviour = Callable[["_Handler"], None]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve("GET", b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._serve("POST", self.rfile.read(length))

    def _serve(self, method: str, body: bytes) -> None:
        owner = self.server.owner
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        params = parse_qsl(parts.query) + parse_qsl(body.decode())
        owner.hits[path] += 1
        owner.requests.append((method, path, params))
        try:
            for prefix, behaviour in owner.override.items():
                if path.startswith(prefix):
                    behaviour(self)
                    return
            owner.answer(self, method, path, params)
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True

    def send(self, status: int, body: bytes, ctype: str = "application/json", **headers) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def json(self, data: Any) -> None:
        self.send(200, json.dumps(data).encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: FakeGReader


class FakeGReader:
    """``with FakeGReader() as server: server.url`` is the API root."""

    def __init__(self, *, miniflux: bool = False) -> None:
        self.miniflux = miniflux
        self.feeds: dict[str, FakeFeed] = {}
        self.items: dict[int, FakeItem] = {}
        self.override: dict[str, Behaviour] = {}
        self.hidden: set[str] = set()  # feeds left out of subscription/list (a race)
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, str, list[tuple[str, str]]]] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/api/greader.php"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._next = 1_700_000_000_000_000
        self._streams = 1000  # stream ids of feeds subscribed through the API

    def __enter__(self) -> FakeGReader:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    # -- content ---------------------------------------------------------------
    def add_feed(self, stream: str, url: str, title: str, folders=()) -> FakeFeed:
        feed = FakeFeed(stream, url, title, list(folders))
        self.feeds[stream] = feed
        return feed

    def remove_feed(self, stream: str) -> None:
        del self.feeds[stream]
        for item_id in [i for i, item in self.items.items() if item.feed == stream]:
            del self.items[item_id]

    def subscription_edits(self) -> list[list[tuple[str, str]]]:
        return [p for m, path, p in self.requests if path.endswith("/subscription/edit")]

    def add_items(self, stream: str, count: int, **kwargs: Any) -> list[FakeItem]:
        made = []
        for n in range(count):
            self._next += 1
            fields = {"title": f"{stream} item {n}", "url": f"http://example.test/{self._next}"}
            fields.update(kwargs)
            item = FakeItem(self._next, stream, **fields)
            self.items[item.id] = item
            made.append(item)
        return made

    def edits(self) -> list[list[tuple[str, str]]]:
        return [p for m, path, p in self.requests if path.endswith("/edit-tag")]

    # -- the API -----------------------------------------------------------------
    def item_json(self, item: FakeItem) -> dict[str, Any]:
        categories = [READING_LIST]
        categories += [f"user/-/label/{f}" for f in self.feeds[item.feed].folders]
        if item.read:
            categories.append(READ)
        if item.starred:
            categories.append(STARRED)
        return {
            "id": f"tag:google.com,2005:reader/item/{item.id:016x}",
            "timestampUsec": str(item.id),
            "crawlTimeMsec": str(item.id // 1000),
            "published": item.published,
            "title": item.title,
            "canonical": [{"href": item.url}],
            "alternate": [{"href": item.url}],
            "categories": categories,
            "origin": {"streamId": item.feed, "title": self.feeds[item.feed].title},
            "summary": {"content": item.html},
        }

    def answer(self, h: _Handler, method: str, path: str, params: list[tuple[str, str]]) -> None:
        args: dict[str, list[str]] = {}
        for key, value in params:
            args.setdefault(key, []).append(value)

        def one(key: str, default: str = "") -> str:
            return args.get(key, [default])[0]

        api = self.url.split("127.0.0.1", 1)[1].split("/", 1)[1]
        if not path.startswith("/" + api + "/"):
            h.send(404, b"not found", "text/plain")
            return
        path = path.removeprefix("/" + api)
        if path == "/accounts/ClientLogin":
            if one("Email") == USER and one("Passwd") == PASSWORD:
                h.send(200, f"SID={AUTH}\nLSID=null\nAuth={AUTH}\n".encode(), "text/plain")
            else:
                h.send(401, b"Unauthorized!", "text/plain")
            return
        if h.headers.get("Authorization") != f"GoogleLogin auth={AUTH}":
            h.send(401, b"Unauthorized!", "text/plain")
            return
        if method == "POST" and one("T") != TOKEN:
            h.send(401, b"Unauthorized!", "text/plain", X_Reader_Google_Bad_Token="true")
            return
        with self.lock:
            self._answer(h, path, args, one)

    def _answer(self, h: _Handler, path: str, args: dict[str, list[str]], one) -> None:
        if path == "/reader/api/0/token":
            h.send(200, TOKEN.encode(), "text/plain")
        elif path == "/reader/api/0/subscription/list":
            h.json(
                {
                    "subscriptions": [
                        {
                            "id": f.stream,
                            "title": f.title,
                            "url": f.url,
                            "categories": [
                                {"id": f"user/-/label/{n}", "label": n} for n in f.folders
                            ],
                        }
                        for f in self.feeds.values()
                        if f.stream not in self.hidden
                    ]
                }
            )
        elif path == "/reader/api/0/tag/list":
            names = sorted({n for f in self.feeds.values() for n in f.folders})
            h.json({"tags": [{"id": f"user/-/label/{n}", "type": "folder"} for n in names]})
        elif path == "/reader/api/0/subscription/edit":
            labels = [a.rsplit("/", 1)[1] for a in args.get("a", [])]
            if one("ac", "subscribe") == "subscribe":
                url = one("s").removeprefix("feed/")
                self._streams += 1
                self.add_feed(f"feed/{self._streams}", url, one("t") or url, labels)
                h.send(200, b"OK", "text/plain")
                return
            feed = self.feeds.get(one("s"))
            if feed is None:
                h.send(400, b"Bad request", "text/plain")
                return
            if one("ac") == "unsubscribe":
                self.remove_feed(feed.stream)
            elif one("ac") == "edit":
                feed.title = one("t") or feed.title
                gone = {r.rsplit("/", 1)[1] for r in args.get("r", [])}
                feed.folders = [f for f in feed.folders if f not in gone]
                feed.folders += [n for n in labels if n not in feed.folders]
            h.send(200, b"OK", "text/plain")
        elif path.startswith("/reader/api/0/stream/contents/"):
            if self.miniflux:
                h.send(404, b"404 page not found", "text/plain")
                return
            self.contents(h, one)
        elif path == "/reader/api/0/stream/items/ids":
            self.ids(h, args, one)
        elif path == "/reader/api/0/stream/items/contents":
            ids = [_decimal(i) for i in args.get("i", [])]
            h.json({"items": [self.item_json(self.items[i]) for i in ids if i in self.items]})
        elif path == "/reader/api/0/edit-tag":
            for raw in args.get("i", []):
                item = self.items.get(_decimal(raw))
                if item is None:
                    continue
                for tag, value in [(a, True) for a in args.get("a", [])] + [
                    (r, False) for r in args.get("r", [])
                ]:
                    if tag == READ:
                        item.read = value
                    elif tag == STARRED:
                        item.starred = value
            h.send(200, b"OK", "text/plain")
        elif path == "/reader/api/0/mark-all-as-read":
            for item in self.items.values():
                if one("s") in (READING_LIST, item.feed):
                    item.read = True
            h.send(200, b"OK", "text/plain")
        else:
            h.send(404, b"not found", "text/plain")

    def contents(self, h: _Handler, one) -> None:
        n = int(one("n", "20"))
        ot = int(one("ot", "0"))
        start = int(one("c", "0"))
        chosen = [i for i in self.items.values() if i.id >= ot * 1_000_000]
        chosen.sort(key=lambda i: i.id)
        page = [i for i in chosen if i.id > start][:n]
        data: dict[str, Any] = {"items": [self.item_json(i) for i in page]}
        if len(page) == n and page[-1].id != chosen[-1].id:
            data["continuation"] = str(page[-1].id)
        h.json(data)

    def ids(self, h: _Handler, args: dict[str, list[str]], one) -> None:
        stream = one("s")
        chosen = sorted(self.items.values(), key=lambda i: -i.id)
        if stream == STARRED:
            chosen = [i for i in chosen if i.starred]
        elif stream == READ and self.miniflux:
            chosen = [i for i in chosen if i.read]
        if READ in args.get("xt", []):
            chosen = [i for i in chosen if not i.read]
        if READ in args.get("it", []) and not self.miniflux:
            chosen = [i for i in chosen if i.read]
        n = int(one("n", "20"))
        offset = int(one("c", "0"))
        page = chosen[offset : offset + n]
        data: dict[str, Any] = {"itemRefs": [{"id": str(i.id)} for i in page]}
        if offset + n < len(chosen):
            data["continuation"] = offset + n if self.miniflux else str(offset + n)
        h.json(data)


def _decimal(raw: str) -> int:
    if raw.startswith("tag:google.com"):
        return int(raw.rsplit("/", 1)[1], 16)
    return int(raw)


# -- hostile behaviours ------------------------------------------------------------
def status(code: int, body: bytes = b"error", ctype: str = "text/plain") -> Behaviour:
    return lambda h: h.send(code, body, ctype)


def truncated_json(h: _Handler) -> None:
    h.send(200, b'{"items": [{"id": "tag:google.com,2005:reader/item/00000000000000ff", "ti')


def huge(size: int = 100 * 1024 * 1024) -> Behaviour:
    def behaviour(h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b" " * 65536
        sent = 0
        while sent < size and not h.server.owner.stopping.is_set():
            h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sent += len(chunk)
        h.wfile.write(b"0\r\n\r\n")

    return behaviour


def stall(h: _Handler) -> None:
    h.server.owner.stopping.wait(60)


def drip(h: _Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", "1000000")
    h.end_headers()
    while not h.server.owner.stopping.is_set():
        h.wfile.write(b" ")
        h.wfile.flush()
        time.sleep(0.2)


def same_continuation(h: _Handler) -> None:
    owner = h.server.owner
    items = sorted(owner.items.values(), key=lambda i: i.id)[:2]
    h.json({"items": [owner.item_json(i) for i in items], "continuation": "again"})
