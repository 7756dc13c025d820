"""Full text for summary feeds, end to end on 127.0.0.1: summaries are readable at
once, good pages' text follows, walls and bad servers keep the summary with a reason."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.config import Config
from newsreader.extract.fulltext import judge_page, wall_reason
from newsreader.layout import render_plain
from newsreader.model import Article, Paragraph
from newsreader.services.fulltext import (
    MAX_PAGE_BYTES,
    fetch_full_texts,
    fetch_full_texts_store,
    wants_full_text,
)
from newsreader.services.reading import FULL_TEXT_NOTE, get_article
from newsreader.services.refresh import refresh_feeds, refresh_store
from newsreader.services.stores import open_store
from newsreader.store import ListQuery
from tests.support import hostile_server as hs
from tests.support.hostile_server import HostileServer

CFG = Config(connect_timeout=1, read_timeout=1, feed_deadline=2, max_redirects=5, parser="thread")
NO_PAGES = replace(CFG, full_text_on_refresh=False)
SUMMARY = "A short summary of the story."


def page(slug: str, paragraphs: int = 12, extra: str = "") -> bytes:
    """An invented article page with ``paragraphs`` distinct paragraphs."""
    body = "".join(
        f"<p>Paragraph {n} of the {slug} report: the harbour crew measured {n * 7} metres of "
        f"new wall in week {n}, and the engineer on duty, number {n + 40}, noted the tide, "
        f"the wind from the {('north', 'south', 'east', 'west')[n % 4]} and the stone.</p>"
        for n in range(paragraphs)
    )
    return (
        f"<!doctype html><html><head><title>{slug} story</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{slug} story</h1>{body}</article>"
        f"{extra}<footer>Harbour News</footer></body></html>"
    ).encode()


LOGIN_WALL = (
    b"<!doctype html><html><head><title>Log in</title></head><body><main>"
    b"<h1>Members area</h1><p>Please log in to continue reading this story.</p>"
    b"<form><input name='user'><input name='password' type='password'>"
    b"<button>Sign in</button></form></main></body></html>"
)


def feed(links: dict[str, str], summary: str = SUMMARY) -> bytes:
    items = "".join(
        f"<item><guid>{guid}</guid><title>Story {guid}</title><link>{url}</link>"
        f"<description>&lt;p&gt;{summary}&lt;/p&gt;</description></item>"
        for guid, url in links.items()
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Summaries</title>'
        f"<link>http://127.0.0.1/</link>{items}</channel></rss>"
    ).encode()


def html(body: bytes) -> hs.Behaviour:
    def behaviour(handler, server) -> None:
        hs.send(handler, 200, body, "text/html; charset=utf-8")

    return behaviour


def huge_page(handler, server) -> None:
    """A 10 MB page, declared honestly."""
    size = 10 * 1024 * 1024
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(size))
    handler.end_headers()
    chunk = b"<p>" + b"filler " * 1000 + b"</p>"
    sent = 0
    while sent < size and not server.stopping.is_set():
        part = chunk[: size - sent]
        handler.wfile.write(part)
        sent += len(part)


@pytest.fixture
def server():
    with HostileServer() as s:
        yield s


def articles_by_guid(db: Path) -> dict[str, int]:
    with open_store(db) as store:
        rows = store.list_articles(ListQuery(), limit=100)
        return {row.title.removeprefix("Story "): row.id for row in rows}


def read(db: Path, article_id: int) -> Article:
    with open_store(db) as store:
        article = get_article(store, article_id)
    assert article is not None
    return article


def test_summary_feed_full_texts_arrive_after_the_summaries(server, tmp_path) -> None:
    for name in ("good", "other"):
        server.route(f"/a/{name}", html(page(name)))
    server.route("/a/login", html(LOGIN_WALL))
    server.route("/a/huge", huge_page)
    server.route("/a/hang", hs.stall)
    server.route("/a/r1", hs.redirect("/a/r2"))
    server.route("/a/r2", hs.redirect("/a/r3"))
    server.route("/a/r3", hs.redirect("/a/moved"))
    server.route("/a/moved", html(page("moved")))
    links = {name: server.url(f"/a/{name}") for name in ("good", "other", "login", "huge", "hang")}
    links["redirected"] = server.url("/a/r1")
    db = tmp_path / "store.db"
    with open_store(db) as store:
        store.add_feed(server.feed("/feed.xml", feed(links)), "Summaries")

    with open_store(db) as store:
        summary = asyncio.run(refresh_feeds(store, CFG, full_text=True))
    assert summary.new_articles == 6
    # the summaries were stored before the slow pages (the hang waits for its timeout)
    assert summary.stored_seconds < 1.0 <= summary.seconds
    assert (summary.full_texts, summary.full_text_kept) == (3, 3)
    assert summary.line().endswith(", full text: 3 fetched, 3 kept the summary")

    ids = articles_by_guid(db)
    for name in ("good", "other", "redirected"):
        article = read(db, ids[name])
        assert article.source_note == FULL_TEXT_NOTE
        text = article.body_text
        assert "harbour crew measured" in text and SUMMARY not in text
        assert article.reading_minutes >= 1
    notes = {name: read(db, ids[name]).source_note for name in ("login", "huge", "hang")}
    assert notes == {
        "login": "Summary only: the page asks to log in",
        "huge": f"Summary only: page too large ({10 * 1024 * 1024:,} bytes; limit 4 MB)",
        "hang": "Summary only: timed out waiting for the server (read timeout)",
    }
    for name in ("login", "huge", "hang"):
        assert read(db, ids[name]).body_text == SUMMARY  # the summary is never lost
    # shown in the reader's header
    assert FULL_TEXT_NOTE in render_plain(read(db, ids["good"]), 80)
    assert "Summary only: the page asks to log in" in render_plain(read(db, ids["login"]), 80)

    accepts = {path: headers.get("Accept", "") for path, headers in server.requests}
    assert accepts["/a/good"].startswith("text/html")
    assert accepts["/feed.xml"].startswith("application/rss+xml")
    # a second refresh with nothing new fetches no page again
    hits = sum(server.hits.values())
    with open_store(db) as store:
        asyncio.run(refresh_feeds(store, CFG, full_text=True))
    assert sum(server.hits.values()) == hits + 1  # the feed only


def test_a_plain_refresh_fetches_pages_unless_told_not_to(server, tmp_path, capsys) -> None:
    server.route("/a/good", html(page("good")))
    db = tmp_path / "store.db"
    with open_store(db) as store:
        store.add_feed(server.feed("/feed.xml", feed({"good": server.url("/a/good")})), "S")
    refresh_store(db, NO_PAGES)  # [refresh] full_text_on_refresh = false
    assert server.hits["/a/good"] == 0
    [article_id] = articles_by_guid(db).values()
    assert read(db, article_id).source_note == ""
    with open_store(db) as store:
        store.delete_articles([article_id])
    server.route("/feed.xml", hs.serve_feed(feed({"good": server.url("/a/good")}), etag='"2"'))
    assert main(["--db", str(db), "refresh", "--no-full-text"]) == 0
    assert server.hits["/a/good"] == 0
    with open_store(db) as store:
        store.delete_articles(list(articles_by_guid(db).values()))
    server.route("/feed.xml", hs.serve_feed(feed({"good": server.url("/a/good")}), etag='"3"'))
    assert main(["--db", str(db), "refresh"]) == 0  # on by default
    assert capsys.readouterr().out.splitlines()[-1] == (
        "1 feed, 1 new article, 0 errors, full text: 1 fetched, 0 kept the summary"
    )
    assert server.hits["/a/good"] == 1
    [article_id] = articles_by_guid(db).values()
    assert read(db, article_id).source_note == FULL_TEXT_NOTE


def test_pages_from_one_site_are_fetched_two_at_a_time(server, tmp_path) -> None:
    lock = threading.Lock()
    state = {"now": 0, "most": 0}

    def slow(handler, srv) -> None:
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        hs.send(handler, 200, page("slow"), "text/html")

    links = {f"s{n}": server.route(f"/a/s{n}", slow) for n in range(8)}
    db = tmp_path / "store.db"
    with open_store(db) as store:
        store.add_feed(server.feed("/feed.xml", feed(links)), "S")
    summary = refresh_store(db, CFG)  # the refresh's own full-text phase
    assert (summary.full_texts, summary.full_text_kept) == (8, 0)
    assert state["most"] == 2
    ids = list(articles_by_guid(db).values())
    outcomes = fetch_full_texts_store(db, CFG, ids, force=False)  # all fetched: none again
    assert outcomes == [] and sum(server.hits[f"/a/s{n}"] for n in range(8)) == 8


@pytest.mark.parametrize(
    ("mode", "summary", "fetched"),
    [
        ("auto", SUMMARY, True),
        ("auto", " ".join(["word"] * 100), False),  # not a summary: long enough
        ("always", " ".join(["word"] * 100), True),
        ("never", SUMMARY, False),
        ("default", SUMMARY, False),  # the config's default, set to "never" below
    ],
)
def test_the_feed_mode_decides(server, tmp_path, capsys, mode, summary, fetched) -> None:
    server.route("/a/x", html(page("x", 40)))
    db = tmp_path / "store.db"
    with open_store(db) as store:
        store.add_feed(server.feed("/feed.xml", feed({"x": server.url("/a/x")}, summary)), "S")
    config_file = tmp_path / "config.toml"
    config_file.write_text('[refresh]\nfull_text = "never"\n')
    assert main(["--db", str(db), "--config", str(config_file), "full-text", "S", mode]) == 0
    assert capsys.readouterr().out.startswith("S: full text ")
    args = ["--db", str(db), "--config", str(config_file), "refresh", "--full-text"]
    assert main(args) == 0
    assert (server.hits["/a/x"] == 1) is fetched


def test_cli_fulltext_fetches_again_and_reports_each_article(server, tmp_path, capsys) -> None:
    server.route("/a/good", html(page("good")))
    server.route("/a/login", html(LOGIN_WALL))
    db = tmp_path / "store.db"
    links = {"good": server.url("/a/good"), "login": server.url("/a/login")}
    with open_store(db) as store:
        store.add_feed(server.feed("/feed.xml", feed(links)), "S")
    refresh_store(db, NO_PAGES)
    ids = articles_by_guid(db)
    code = main(["--db", str(db), "fulltext", str(ids["good"]), str(ids["login"]), "999"])
    out, err = capsys.readouterr()
    assert code == 1  # one id does not exist
    lines = out.splitlines()
    assert lines[0].startswith(f"{ids['good']}\tfull text (") and lines[0].endswith("Story good")
    assert lines[1] == f"{ids['login']}\tsummary kept (the page asks to log in)\tStory login"
    assert err == "newsreader: 999: no such article\n"
    assert main(["--db", str(db), "fulltext", str(ids["good"])]) == 0  # fetched again
    assert server.hits["/a/good"] == 2


def test_cli_mode_errors_are_one_line(tmp_path, capsys) -> None:
    db = tmp_path / "store.db"
    with open_store(db) as store:
        store.add_feed("https://feeds.example/a.xml", "A")
    assert main(["--db", str(db), "full-text", "nope", "never"]) == 1
    assert capsys.readouterr().err.startswith("newsreader: ")
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(db), "full-text", "A", "sometimes"])
    assert caught.value.code == 2
    assert main(["--db", str(db), "full-text", "A"]) == 0
    assert capsys.readouterr().out == "A: full text auto (the config's default)\n"


def test_a_web_feed_may_not_send_the_reader_to_a_local_address(server, tmp_path) -> None:
    server.route("/admin", html(page("admin")))
    db = tmp_path / "store.db"
    with open_store(db) as store:
        feed_id = store.add_feed("https://feeds.example/a.xml", "Web").id or 0
        [saved] = store.save_articles(
            feed_id,
            [Article(title="Local", url=server.url("/admin"), blocks=(Paragraph(SUMMARY),))],
        )
        [outcome] = asyncio.run(fetch_full_texts(store, CFG, [saved.id]))
    assert outcome.status == "skipped" and "local address" in outcome.reason
    assert server.hits["/admin"] == 0


def test_judging_pages() -> None:
    good = page("good")
    assert judge_page(good, "https://n.example/a", "text/html", 10).article is not None
    assert judge_page(good, "", "application/pdf", 10).reason == (
        "the link is not a web page (application/pdf)"
    )
    short = judge_page(page("short", 0), "", "text/html", 10)
    assert short.article is None and short.reason == "the page has no article text"
    longer_summary = judge_page(good, "", "text/html; charset=utf-8", 5000)
    assert longer_summary.reason == "the page's text is no longer than the summary"
    paywalled = page(
        "pay", extra='<script type="application/ld+json">{"isAccessibleForFree": false}</script>'
    )
    assert judge_page(paywalled, "", "text/html", 10).reason == (
        "the page is for subscribers (paywall)"
    )
    assert wall_reason("We value your privacy. Accept all cookies to continue.") == (
        "the page is a cookie or consent screen"
    )
    assert wall_reason("Subscribe to continue reading.") == "the page is for subscribers (paywall)"
    assert wall_reason(" ".join(["word"] * 500) + " log in to continue") == ""
    assert MAX_PAGE_BYTES < 10 * 1024 * 1024


def test_wants_full_text() -> None:
    assert wants_full_text("auto", 10, "https://a.example/x")
    assert not wants_full_text("auto", 80, "https://a.example/x")
    assert wants_full_text("always", 5000, "https://a.example/x")
    assert not wants_full_text("never", 1, "https://a.example/x")
    assert not wants_full_text("always", 1, "ftp://a.example/x")


def test_full_length_entries_fetch_no_page_and_leave_the_queue(server, tmp_path) -> None:
    server.route("/a/long", html(page("long", 40)))
    db = tmp_path / "store.db"
    long_body = " ".join(f"word{n}" for n in range(120))
    with open_store(db) as store:
        store.add_feed(
            server.feed("/feed.xml", feed({"long": server.url("/a/long")}, long_body)), "S"
        )
    seen = []
    summary = refresh_store(db, CFG, on_progress=seen.append)
    assert server.hits["/a/long"] == 0 and (summary.full_texts, summary.full_text_kept) == (0, 0)
    assert not any(p.full_text for p in seen)  # no page: no page progress either
    with open_store(db) as store:
        assert store.queued_full_texts(10) == []  # judged once, not read again


def test_pages_out_at_the_phase_deadline_are_fetched_by_the_next_refresh(
    server, tmp_path, monkeypatch
) -> None:
    from newsreader.services import fulltext

    monkeypatch.setattr(fulltext, "PHASE_DEADLINE", 0.3)
    server.route("/a/good", html(page("good")))
    server.route("/a/late", hs.stall)
    links = {"good": server.url("/a/good"), "late": server.url("/a/late")}
    db = tmp_path / "store.db"
    with open_store(db) as store:
        store.add_feed(server.feed("/feed.xml", feed(links)), "S")
    seen = []
    summary = refresh_store(db, CFG, on_progress=seen.append)
    assert (summary.full_texts, summary.full_text_kept) == (1, 0)
    pages = [p for p in seen if p.full_text]
    assert pages[0].pages == 2 and pages[-1].pages_done == 2 and pages[-1].pages_ok == 1
    ids = articles_by_guid(db)
    assert read(db, ids["late"]).source_note == ""  # nothing recorded: still to do
    with open_store(db) as store:
        assert store.queued_full_texts(10) == [ids["late"]]
    server.route("/a/late", html(page("late")))  # the site answers now
    summary = refresh_store(db, CFG)  # the feed is unchanged (304): the queue's page only
    assert (summary.new_articles, summary.full_texts) == (0, 1)
    assert read(db, ids["late"]).source_note == FULL_TEXT_NOTE
    with open_store(db) as store:
        assert store.queued_full_texts(10) == []


def test_a_failed_refetch_keeps_the_page_fetched_earlier(server, tmp_path, capsys) -> None:
    pages = {"body": page("kept")}

    def changing(handler, srv) -> None:
        hs.send(handler, 200, pages["body"], "text/html; charset=utf-8")

    server.route("/a/story", changing)
    db = tmp_path / "store.db"
    with open_store(db) as store:
        store.add_feed(server.feed("/feed.xml", feed({"story": server.url("/a/story")})), "S")
    refresh_store(db, NO_PAGES)
    story = articles_by_guid(db)["story"]
    assert main(["--db", str(db), "fulltext", str(story)]) == 0
    assert "Paragraph 3 of the kept report" in render_plain(read(db, story), 100)
    capsys.readouterr()
    pages["body"] = LOGIN_WALL  # the site now puts the story behind a log-in
    main(["--db", str(db), "fulltext", str(story)])
    out = capsys.readouterr().out
    assert "the page asks to log in; the page fetched earlier is kept" in out
    text = render_plain(read(db, story), 100)
    assert "Paragraph 3 of the kept report" in text  # not back to the summary
    assert main(["--db", str(db), "search", "engineer"]) == 0
    assert str(story) in capsys.readouterr().out  # still searchable
