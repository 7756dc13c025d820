"""Refresh end to end against hostile servers on 127.0.0.1 (HOSTILE-INPUTS rows H1–H12).

Every hostile case runs in the same refresh as a good feed and asserts both the
stored outcome of the bad one and that the good one was updated.
"""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.services.refresh import RefreshProgress, refresh_store
from newsreader.services.stores import open_store
from newsreader.store import ListQuery
from tests.support import hostile_server as hs
from tests.support.feeds import atom, rss
from tests.support.hostile_server import HostileServer

CFG = Config(
    connect_timeout=1,
    read_timeout=1,
    feed_deadline=2,
    max_feed_bytes=1 << 20,
    max_redirects=5,
    parser="thread",
)


@pytest.fixture
def server():
    with HostileServer() as s:
        yield s


def subscribe(db: Path, urls: dict[str, str]) -> dict[str, int]:
    with open_store(db) as store:
        return {name: store.add_feed(url, name).id or 0 for name, url in urls.items()}


def feed_state(db: Path, feed_id: int):
    with open_store(db) as store:
        feed = store.get_feed(feed_id)
        titles = [a.title for a in store.list_articles(ListQuery(feed_id=feed_id), limit=1000)]
    return feed, titles


def run_with_good_feed(server: HostileServer, db: Path, bad_url: str, config: Config = CFG):
    good_url = server.feed("/good.xml", rss("Good", 3))
    ids = subscribe(db, {"bad": bad_url, "good": good_url})
    summary = refresh_store(db, config)
    good, good_titles = feed_state(db, ids["good"])
    assert good.last_error == "" and good.last_success is not None
    assert sorted(good_titles) == ["Good story 0", "Good story 1", "Good story 2"]
    bad, bad_titles = feed_state(db, ids["bad"])
    return summary, bad, bad_titles


def chain(server: HostileServer, hops: int) -> str:
    for i in range(hops):
        server.route(f"/c{i}", hs.redirect(f"/c{i + 1}"))
    return server.url("/c0")


HOSTILE = {
    "H1 redirect loop": (
        lambda s: (s.route("/b", hs.redirect("/a")), s.route("/a", hs.redirect("/b")))[1],
        "too many redirects",
    ),
    "H1 30-hop chain": (
        lambda s: chain(s, 30),
        "too many redirects",
    ),
    "H2 file:": (lambda s: s.route("/r", hs.redirect("file:///etc/passwd")), "redirect refused"),
    "H2 ftp:": (lambda s: s.route("/r", hs.redirect("ftp://127.0.0.1/feed")), "redirect refused"),
    "H2 javascript:": (
        lambda s: s.route("/r", hs.redirect("javascript:alert(1)")),
        "redirect refused",
    ),
    "H2 port 22": (
        lambda s: s.route("/r", hs.redirect("http://127.0.0.1:22/")),
        "redirect refused",
    ),
    "H3 stall": (lambda s: s.route("/stall", hs.stall), "timed out"),
    "H4 drip": (lambda s: s.route("/drip", hs.drip(interval=0.3)), "deadline"),
    "H4 drip with huge Content-Length": (
        lambda s: s.route("/drip", hs.drip(content_length=10**9, interval=0.3)),
        "too large",
    ),
    "H5 endless chunked": (lambda s: s.route("/endless", hs.endless_chunked), "too large"),
    "H6 gzip bomb": (lambda s: s.route("/bomb", hs.encoded(hs.gzip_bomb(), "gzip")), "too large"),
    "H6 deflate bomb": (
        lambda s: s.route("/bomb", hs.encoded(hs.deflate_bomb(), "deflate")),
        "too large",
    ),
    "H7 10 MB header": (lambda s: s.route("/h", hs.huge_header()), "malformed response"),
    "H7 100k headers": (lambda s: s.route("/h", hs.many_headers()), "malformed response"),
    "H8 short body": (lambda s: s.route("/short", hs.short_body(rss("Short", 5))), "incomplete"),
    "H8 reset mid-body": (
        lambda s: s.route("/reset", hs.reset_mid_body(rss("Reset", 60))),
        "error",
    ),
    "H10 login page": (
        lambda s: s.route(
            "/login", hs.status(200, b"<html><body><form>Log in</form></body></html>")
        ),
        "not a feed",
    ),
    "H10 500 with body": (
        lambda s: s.route("/e", hs.status(500, b"<html>oops</html>")),
        "HTTP 500 Internal Server Error",
    ),
    "H10 404": (lambda s: s.route("/e", hs.status(404, b"missing")), "HTTP 404 Not Found"),
    "H10 410": (lambda s: s.route("/e", hs.status(410)), "unsubscrib"),
    "H10 429": (
        lambda s: s.route("/e", hs.status(429, headers={"Retry-After": "3600"})),
        "retry after 3600 s",
    ),
    "H11 50 MB feed": (lambda s: s.route("/huge", hs.huge_feed()), "too large"),
    "broken XML": (lambda s: s.feed("/broken", b"<rss><channel><title>x</tit"), "not a feed"),
    "garbage bytes": (
        lambda s: s.feed("/garbage", b"\xff\xfe\x00\x01garbage\x00" * 50),
        "not a feed",
    ),
    "empty body": (lambda s: s.feed("/empty", b""), "not a feed"),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_server_fails_one_feed_only(server: HostileServer, db_path: Path, case: str):
    make, expected = HOSTILE[case]
    start = time.monotonic()
    summary, bad, titles = run_with_good_feed(server, db_path, make(server))
    assert expected in bad.last_error
    assert titles == [] and bad.last_success is None
    assert summary.errors == 1 and summary.feeds == 2
    assert time.monotonic() - start < CFG.feed_deadline + 3


def test_failed_refresh_keeps_stored_articles(server: HostileServer, db_path: Path) -> None:
    url = server.feed("/a.xml", rss("A", 4))
    ids = subscribe(db_path, {"a": url})
    refresh_store(db_path, CFG)
    server.route("/a.xml", hs.short_body(rss("A", 1)))
    refresh_store(db_path, CFG)
    feed, titles = feed_state(db_path, ids["a"])
    assert "incomplete" in feed.last_error
    assert len(titles) == 4
    assert feed.last_success is not None  # the earlier success is remembered


def test_unchanged_feed_costs_one_304_and_keeps_items(server: HostileServer, db_path: Path):
    url = server.feed("/a.xml", atom("A", 3))
    ids = subscribe(db_path, {"a": url})
    first = refresh_store(db_path, CFG)
    assert first.new_articles == 3
    second = refresh_store(db_path, CFG)
    assert second.new_articles == 0 and second.results[0].outcome == "unchanged"
    assert server.requests[-1][1].get("If-None-Match")
    assert server.hits["/a.xml"] == 2
    feed, titles = feed_state(db_path, ids["a"])
    assert len(titles) == 3 and feed.last_error == ""


def test_read_marks_kept_changes_updated_dropped_entries_kept(server: HostileServer, db_path):
    server.feed("/a.xml", rss("A", [("g1", "One"), ("g2", "Two"), ("g3", "Three")]))
    ids = subscribe(db_path, {"a": server.url("/a.xml")})
    refresh_store(db_path, CFG)
    with open_store(db_path) as store:
        by_title = {a.title: a.id for a in store.list_articles(ListQuery(feed_id=ids["a"]))}
        store.set_read(by_title["One"])
        store.set_bookmarked(by_title["Two"])
    server.feed("/a.xml", rss("A", [("g1", "One, revised"), ("g2", "Two"), ("g4", "Four")]))
    summary = refresh_store(db_path, CFG)
    assert summary.new_articles == 1 and summary.updated_articles == 1
    with open_store(db_path) as store:
        rows = {a.title: a for a in store.list_articles(ListQuery(feed_id=ids["a"]))}
    assert set(rows) == {"One, revised", "Two", "Three", "Four"}
    assert rows["One, revised"].read and rows["One, revised"].id == by_title["One"]
    assert rows["Two"].bookmarked
    assert not rows["Four"].read


def test_retention_never_deletes_bookmarks(server: HostileServer, db_path: Path) -> None:
    server.feed("/a.xml", rss("A", 5))
    ids = subscribe(db_path, {"a": server.url("/a.xml")})
    refresh_store(db_path, CFG)
    with open_store(db_path) as store:
        oldest = store.list_articles(ListQuery(feed_id=ids["a"]), oldest_first=True, limit=1)[0]
        store.set_bookmarked(oldest.id)
    server.feed("/a.xml", rss("A", 6))  # one new entry → a new body, no 304
    config = Config(parser="thread", retention_articles=2)
    refresh_store(db_path, config)
    _, titles = feed_state(db_path, ids["a"])
    assert oldest.title in titles
    assert len(titles) == 3  # the newest two plus the bookmark


def test_permanent_redirect_updates_url_temporary_does_not(server: HostileServer, db_path):
    server.feed("/new.xml", rss("N", 2))
    ids = subscribe(
        db_path,
        {
            "moved": server.route("/old.xml", hs.redirect("/new.xml", 301)),
            "temp": server.route("/tmp.xml", hs.redirect("/new2.xml", 302)),
        },
    )
    server.feed("/new2.xml", rss("T", 2))
    refresh_store(db_path, CFG)
    moved, moved_titles = feed_state(db_path, ids["moved"])
    temp, _ = feed_state(db_path, ids["temp"])
    assert moved.url == server.url("/new.xml") and len(moved_titles) == 2
    assert temp.url == server.url("/tmp.xml") and temp.last_error == ""


def test_wrong_content_type_still_parses(server: HostileServer, db_path: Path) -> None:
    url = server.feed("/a", rss("Typed", 2), content_type="text/plain")
    ids = subscribe(db_path, {"a": url})
    refresh_store(db_path, CFG)
    feed, titles = feed_state(db_path, ids["a"])
    assert feed.last_error == "" and len(titles) == 2


@pytest.mark.parametrize(
    "body, content_type, expected",
    [
        (
            rss("Caf\u00e9 \u2013 news", 1, encoding="cp1252", declare="utf-8"),
            "application/rss+xml; charset=utf-8",
            "Caf",
        ),
        (rss("Caf\u00e9", 1, encoding="latin-1"), "application/rss+xml", "Caf\u00e9"),
        (
            codecs.BOM_UTF16_LE + rss("Utf16 \u00fcber", 1, encoding="utf-16-le", declare="utf-16"),
            "application/xml",
            "Utf16 \u00fcber",
        ),
        (rss("\u65e5\u672c\u8a9e", 1, encoding="shift_jis", declare=""), "application/xml", ""),
        (rss("Bad", 1).replace(b"Bad story", b"Bad \xff\xfe story"), "application/rss+xml", "Bad"),
    ],
    ids=["cp1252-labelled-utf8", "latin1", "utf16-bom", "shift-jis-undeclared", "invalid-utf8"],
)
def test_h9_encodings_decode_or_replace(server, db_path, body, content_type, expected):
    _, bad, titles = run_with_good_feed(
        server, db_path, server.feed("/enc", body, content_type=content_type)
    )
    if bad.last_error:
        assert "not a feed" in bad.last_error  # a clean error, never a crash
    else:
        assert titles and all(expected in t for t in titles)
        assert all("\x00" not in t for t in titles)


def test_h12_hanging_feeds_bounded_by_deadline(server: HostileServer, db_path: Path) -> None:
    urls = {}
    for i in range(60):
        if i % 10 == 0:
            urls[f"hang{i}"] = server.route(f"/hang{i}", hs.drip(interval=0.2))
        else:
            urls[f"ok{i}"] = server.feed(f"/ok{i}.xml", rss(f"Feed {i}", 2, prefix=f"f{i}"))
    ids = subscribe(db_path, urls)
    config = Config(concurrency=20, per_host=20, feed_deadline=2, read_timeout=2, parser="thread")
    seen: list[RefreshProgress] = []
    start = time.monotonic()
    summary = refresh_store(db_path, config, on_progress=seen.append)
    assert time.monotonic() - start < 2 * config.feed_deadline + 2
    assert summary.errors == 6 and summary.new_articles == 54 * 2
    feeds = [p for p in seen if not p.stored]
    assert [p.done for p in feeds] == list(range(1, 61)) and feeds[-1].total == 60
    assert feeds[-1].errors == 6 and feeds[-1].new_articles == 108
    indexing = [p for p in seen if p.indexing]
    assert indexing[-1].indexed == indexing[-1].to_index == 108
    # then the pages of the summaries (their links are not on loopback: none fetched)
    assert seen[-1].full_text and seen[-1].pages_done == seen[-1].pages == 108
    for name, feed_id in ids.items():
        feed, titles = feed_state(db_path, feed_id)
        if name.startswith("hang"):
            assert "deadline" in feed.last_error and titles == []
        else:
            assert feed.last_error == "" and len(titles) == 2


def test_only_selected_feeds_are_refreshed(server: HostileServer, db_path: Path) -> None:
    ids = subscribe(
        db_path,
        {"a": server.feed("/a.xml", rss("A", 1)), "b": server.feed("/b.xml", rss("B", 1))},
    )
    summary = refresh_store(db_path, CFG, feed_ids=[ids["b"]])
    assert summary.feeds == 1 and server.hits["/a.xml"] == 0 and server.hits["/b.xml"] == 1


def test_process_pool_parses_the_same(server: HostileServer, db_path: Path) -> None:
    urls = {f"f{i}": server.feed(f"/f{i}.xml", atom(f"F{i}", 3, prefix=f"p{i}")) for i in range(4)}
    ids = subscribe(db_path, urls)
    summary = refresh_store(db_path, Config(parser="process"))
    assert summary.errors == 0 and summary.new_articles == 12
    _, titles = feed_state(db_path, ids["f2"])
    assert sorted(titles) == ["F2 entry 0", "F2 entry 1", "F2 entry 2"]


@pytest.mark.parametrize("parser", ["thread", "process"])
def test_articles_are_readable_before_the_index_catches_up(
    server: HostileServer, db_path: Path, parser: str
) -> None:
    urls = {f"f{i}": server.feed(f"/f{i}.xml", atom(f"F{i}", 3, prefix=f"p{i}")) for i in range(4)}
    subscribe(db_path, urls)
    seen: list[tuple[RefreshProgress, int, int]] = []

    def watch(step: RefreshProgress) -> None:
        if step.indexing:  # what a reader would see at this moment, from its own connection
            with open_store(db_path) as store:
                seen.append((step, store.counts().all, store.pending_index()))

    summary = refresh_store(db_path, Config(parser=parser), on_progress=watch)
    assert summary.new_articles == 12 and summary.seconds >= summary.stored_seconds
    first, readable, pending = seen[0]
    assert (first.done, first.indexed, first.to_index) == (4, 0, 12)
    assert readable == 12 and pending == 12  # all stored, none indexed yet
    last, _, pending = seen[-1]
    assert last.indexed == last.to_index == 12 and pending == 0
    with open_store(db_path) as store:
        assert [a.title for a in store.search("F2 entry 1")] == ["F2 entry 1"]


STDERR_CAPTURED = r"""
import json, sys, tempfile
from pathlib import Path
from newsreader.config import Config
from newsreader.services.refresh import refresh_store
from newsreader.services.stores import open_store
from tests.support.feeds import atom
from tests.support.hostile_server import HostileServer

class Capture:  # what Textual puts in sys.stderr while an app runs: fileno() is -1
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

if __name__ == "__main__":
    db = Path(tempfile.mkdtemp()) / "s.db"
    with HostileServer() as server, open_store(db) as store:
        for i in range(4):
            store.add_feed(server.feed(f"/f{i}.xml", atom(f"F{i}", 3, prefix=f"p{i}")), f"F{i}")
        store.close()
        sys.stderr = Capture()
        summary = refresh_store(db, Config(parser="process"))
        sys.stderr = sys.__stderr__
    errors = [r.error for r in summary.results if r.error]
    print(json.dumps({"new": summary.new_articles, "errors": errors}))
"""


def test_worker_processes_start_when_stderr_has_no_descriptor(tmp_path: Path) -> None:
    # In a fresh process: the resource tracker is started once per process.
    import json
    import subprocess
    import sys

    script = tmp_path / "refresh_under_capture.py"
    script.write_text(STDERR_CAPTURED)
    root = Path(__file__).resolve().parents[2]
    env = {**__import__("os").environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"new": 12, "errors": []}


def test_a_worker_dying_while_indexing_leaves_the_store_thread_to_finish(
    server: HostileServer, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsreader.services.refresh.run as refresh
    from tests.support.dying import die

    monkeypatch.setattr(refresh, "index_text_job", die)
    urls = {f"f{i}": server.feed(f"/f{i}.xml", atom(f"F{i}", 3, prefix=f"p{i}")) for i in range(4)}
    subscribe(db_path, urls)
    summary = refresh_store(db_path, Config(parser="process"))
    assert summary.errors == 0 and summary.new_articles == 12
    with open_store(db_path) as store:
        assert store.pending_index() == 0
        assert [a.title for a in store.search("F3 entry 2")] == ["F3 entry 2"]


def test_workers_started_before_any_answer_are_shut_down_when_none_needs_parsing(
    server: HostileServer, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Feeds never fetched (no validators) start the workers at once; when every fetch
    # fails instead, the run still shuts them down.
    import newsreader.services.refresh.run as refresh

    started = []

    def record(processes: bool):
        executor = real(processes)
        started.append(executor)
        return executor

    real = refresh.started_executor
    monkeypatch.setattr(refresh, "started_executor", record)
    urls = {f"f{i}": server.route(f"/f{i}.xml", hs.status(500)) for i in range(4)}
    subscribe(db_path, urls)
    summary = refresh_store(db_path, Config(parser="process"))
    assert summary.errors == 4 and len(started) == 1
    with pytest.raises(RuntimeError, match="shutdown"):
        started[0].submit(int)
