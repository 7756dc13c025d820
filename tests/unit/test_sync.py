"""Sync with a Google Reader API server, against a fake one on 127.0.0.1.

The outbox (marks and feed edits), the conflict rule from both sides, both
server dialects (FreshRSS's stream/contents, Miniflux's ids + contents), hostile
answers (each one readable error and nothing stored half-way), credentials and
the CLI.
"""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.config import Config, load_config
from newsreader.formats.greader import GReaderFormatError, item_id_of, parse_stream
from newsreader.services import feeds
from newsreader.services.stores import open_store
from newsreader.services.subscribing import subscribe
from newsreader.services.sync import Credentials, SyncError, resolve, sync_store
from newsreader.store import ListQuery, Store
from tests.support import greader_server as fake
from tests.support.greader_server import FakeGReader

CONFIG = Config(sync_service="greader", read_timeout=1.0, connect_timeout=1.0, feed_deadline=0.5)


def creds(server: FakeGReader, password: str = fake.PASSWORD) -> Credentials:
    return Credentials(server.url, fake.USER, password)


def sync(store: Store, server: FakeGReader, config: Config = CONFIG, **kw):
    return asyncio.run(sync_store(store, config, credentials=creds(server), **kw))


@pytest.fixture
def server():
    with FakeGReader() as s:
        s.add_feed("feed/1", "http://news.test/rss", "News", ["Tech"])
        s.add_feed("feed/2", "http://other.test/atom", "Other")
        s.add_items("feed/1", 5)
        s.add_items("feed/2", 3)
        yield s


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as s:
        yield s


def by_title(store: Store) -> dict[str, object]:
    return {a.title: a for a in store.list_articles(limit=10_000)}


# -- the pull --------------------------------------------------------------------
def test_first_sync_takes_subscriptions_folders_articles_and_marks(server, store) -> None:
    first = next(iter(server.items.values()))
    first.read = True
    first.starred = True
    summary = sync(store, server)
    assert summary.feeds == 2 and summary.new_articles == 8
    feeds = {f.title: f for f in store.list_feeds()}
    assert feeds["News"].tags == ("Tech",) and feeds["News"].url == "http://news.test/rss"
    assert store.counts().unread == 7 and store.counts().bookmarked == 1
    assert store.pending_index() == 0
    assert store.search("item")  # indexed


def test_second_sync_only_asks_for_what_is_new(server, store) -> None:
    sync(store, server)
    server.requests.clear()
    server.add_items("feed/2", 2, title="fresh")
    summary = sync(store, server)
    assert summary.new_articles == 2 and store.count() == 10
    ot = [dict(p).get("ot") for m, path, p in server.requests if "/stream/contents/" in path]
    assert ot and ot[0] and int(ot[0]) > 0
    again = sync(store, server)
    assert again.new_articles == 0 and store.count() == 10


def test_miniflux_without_stream_contents_pulls_by_ids(store) -> None:
    with FakeGReader(miniflux=True) as server:
        server.add_feed("feed/7", "http://mf.test/feed", "MF", ["Cat"])
        items = server.add_items("feed/7", 30)
        items[0].read = True
        summary = sync(store, server, replace(CONFIG, sync_page_size=7))
        assert summary.server == "miniflux" and summary.new_articles == 30
        assert store.counts().unread == 29
        server.add_items("feed/7", 1)
        assert sync(store, server).new_articles == 1


# -- the outbox and the conflict rule ------------------------------------------------
def test_a_local_mark_is_queued_with_it_and_pushed_in_batches(server, store) -> None:
    sync(store, server)
    ids = [a.id for a in store.list_articles(limit=100)]
    store.set_read(ids)  # a bulk mark
    store.set_bookmarked(ids[0])
    assert store.synced_counts()["queued"] == 9
    summary = sync(store, server, replace(CONFIG, sync_batch=3))
    assert summary.pushed == 9 and store.synced_counts()["queued"] == 0
    assert all(i.read for i in server.items.values())
    assert sum(i.starred for i in server.items.values()) == 1
    assert len(server.edits()) == 3 + 1  # 8 read marks in batches of 3, 1 star


def test_marks_of_local_feeds_are_not_queued(store) -> None:
    feed = store.add_feed("http://local.test/feed", "Local")
    from newsreader.model import Article

    store.save_articles(feed.id, [Article(title="x", guid="x")])
    store.set_read(store.list_articles()[0].id)
    assert store.synced_counts()["queued"] == 0


def test_unpushed_local_change_wins_over_the_server(server, store) -> None:
    sync(store, server)
    article = store.list_articles(limit=1)[0]
    item_id = int(store.synced_article_item(article.id)[0])
    store.set_read(article.id)  # local: read (not pushed yet)
    server.items[item_id].read = False  # the server still says unread
    server.items[item_id].starred = True  # and another machine starred it
    # The pull alone (no push) must keep the local mark and take the server's star.
    server.override["/api/greader.php/reader/api/0/edit-tag"] = fake.status(503)
    with pytest.raises(SyncError):
        sync(store, server)
    assert store.get_stored(article.id) is not None
    del server.override["/api/greader.php/reader/api/0/edit-tag"]
    store.apply_server_marks([str(item_id)], [str(item_id)])
    summary = by_title(store)[article.title]
    assert summary.read and summary.bookmarked  # read kept (queued), star taken
    sync(store, server)
    assert server.items[item_id].read  # pushed at last


def test_a_mark_made_during_a_sync_wins_over_the_pull(server, store, db_path) -> None:
    sync(store, server)
    article = store.list_articles(limit=1)[0]
    item_id = int(store.synced_article_item(article.id)[0])
    other = open_store(db_path)  # the app, marking while the CLI syncs

    def mark_now(step) -> None:
        if step.stage == "marks" and not other.queued_marks():
            other.set_read(article.id)

    try:
        summary = sync(store, server, on_progress=mark_now)
        assert summary.pushed == 0 and not server.items[item_id].read
        assert by_title(store)[article.title].read  # the pull did not undo it
        assert sync(store, server).pushed == 1 and server.items[item_id].read
    finally:
        other.close()


def test_server_state_wins_once_nothing_is_queued(server, store) -> None:
    sync(store, server)
    article = store.list_articles(limit=1)[0]
    item_id = int(store.synced_article_item(article.id)[0])
    store.set_read(article.id)
    sync(store, server)  # pushed: the server says read too
    server.items[item_id].read = False  # another machine marks it unread
    summary = sync(store, server)
    assert summary.marks_taken >= 1
    assert not by_title(store)[article.title].read


def test_a_mark_changed_during_a_push_stays_queued(server, store) -> None:
    sync(store, server)
    article = store.list_articles(limit=1)[0]
    store.set_read(article.id)
    marks = store.queued_marks()
    store.set_read(article.id, False)  # changed after the push read it
    store.unqueue(marks)
    assert [m.value for m in store.queued_marks()] == [False]


def test_a_mark_made_while_the_server_is_down_is_pushed_later(server, store) -> None:
    sync(store, server)
    article = store.list_articles(limit=1)[0]
    item_id = int(store.synced_article_item(article.id)[0])
    store.set_bookmarked(article.id)
    server.override["/api/greader.php/accounts"] = fake.status(502, b"<h1>Bad gateway</h1>")
    with pytest.raises(SyncError, match="HTTP 502"):
        sync(store, server)
    assert store.synced_counts()["queued"] == 1
    server.override.clear()
    assert sync(store, server).pushed == 1 and server.items[item_id].starred


def test_an_item_the_server_refuses_does_not_block_the_queue(server, store) -> None:
    sync(store, server)
    ids = [a.id for a in store.list_articles(limit=3)]
    store.set_read(ids)
    calls = {"n": 0}

    def refuse_batches(h) -> None:
        calls["n"] += 1
        if calls["n"] in (1, 2):
            h.send(400, b"bad item")
        else:
            server.override.clear()
            h.send(200, b"OK", "text/plain")

    server.override["/api/greader.php/reader/api/0/edit-tag"] = refuse_batches
    summary = sync(store, server)
    assert summary.rejected == 1 and store.synced_counts()["queued"] == 0


# -- hostile servers ---------------------------------------------------------------
HOSTILE = {
    "401": (fake.status(401, b"\x1b]52;c;cHduZWQ=\x07go away"), "refused the credentials"),
    "500": (fake.status(500, b"\x1b[2Jboom"), "HTTP 500"),
    "truncated": (fake.truncated_json, "not valid JSON"),
    "huge": (fake.huge(), "too large"),
    "stall": (fake.stall, "timed out|deadline"),
    "drip": (fake.drip, "deadline"),
    "loop": (fake.same_continuation, "same continuation"),
    "html": (fake.status(200, b"<html>login</html>", "text/html"), "not valid JSON"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_stream_ends_with_one_readable_error_and_nothing_half_stored(
    server, store, case: str
) -> None:
    behaviour, message = HOSTILE[case]
    server.override["/api/greader.php/reader/api/0/stream/contents"] = behaviour
    config = replace(CONFIG, sync_max_bytes=1024 * 1024)
    with pytest.raises(SyncError, match=message) as raised:
        sync(store, server, config)
    text = str(raised.value)
    assert "\n" not in text and "\x1b" not in text and len(text) < 400
    if case != "loop":
        assert store.count() == 0
    else:  # the first page is whole; the loop adds nothing twice
        assert store.count() == 2 and store.synced_counts()["items"] == 2
    assert store.sync_value(f"newest:{server.url}|{fake.USER}") is None  # pulls again later
    server.override.clear()
    before = store.count()
    assert sync(store, server).new_articles == 8 - before
    assert store.count() == 8


def test_hostile_content_is_cleaned_like_a_feed(server, store) -> None:
    server.add_items(
        "feed/1",
        1,
        title="A\x1b]52;c;cHduZWQ=\x07B [/] [@click=app.quit]x[/]",
        url="javascript:alert(1)",
        html="<p>ok\x1b[2J</p><script>alert(1)</script>",
    )
    server.feeds["feed/1"].title = "Feed\x1b]0;PWNED\x07"
    sync(store, server)
    titles = [a.title for a in store.list_articles(limit=100)]
    assert "AB [/] [@click=app.quit]x[/]" in titles
    bad = next(a for a in store.list_articles(limit=100) if a.title.startswith("AB"))
    assert bad.url == ""
    assert all("\x1b" not in f.title for f in store.list_feeds())
    from newsreader.services.reading import get_article

    article = get_article(store, bad.id)
    assert article is not None and "\x1b" not in str(article.to_dict())
    assert "alert" not in " ".join(b.plain for b in article.blocks)


def test_the_parser_refuses_malformed_answers() -> None:
    with pytest.raises(GReaderFormatError):
        parse_stream(b"[" * 100_000)
    with pytest.raises(GReaderFormatError):
        parse_stream(b'{"items": 3}')
    page = parse_stream(b'{"items": [1, {"id": "x"}, {"id": "12", "origin": {"streamId": "f"}}]}')
    assert page.skipped == 2 and [i.item_id for i in page.items] == ["12"]
    assert item_id_of("tag:google.com,2005:reader/item/00000000000000ff") == "255"
    assert item_id_of("-1") == "" and item_id_of("1" * 30) == ""


# -- login and credentials -------------------------------------------------------------
def test_login_says_what_failed(server) -> None:
    from newsreader.services.sync import check_login

    ok = asyncio.run(check_login(CONFIG, credentials=creds(server)))
    assert "2 subscriptions, 1 folder" in ok
    with pytest.raises(SyncError, match="wrong user or password"):
        asyncio.run(check_login(CONFIG, credentials=creds(server, "nope")))
    wrong = Credentials(server.url.replace("/api/greader.php", "/nothing"), fake.USER, "x")
    with pytest.raises(SyncError, match="not found"):
        asyncio.run(check_login(CONFIG, credentials=wrong))
    server.override["/api/greader.php/accounts"] = fake.status(200, b"<html>hi</html>")
    with pytest.raises(SyncError, match="not a Google Reader API"):
        asyncio.run(check_login(CONFIG, credentials=creds(server)))
    closed = Credentials("http://127.0.0.1:9/x", fake.USER, "x")
    with pytest.raises(SyncError, match=r"port 9|cannot connect"):
        asyncio.run(check_login(CONFIG, credentials=closed))


def test_a_password_in_a_readable_config_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[sync]\nservice = "greader"\nurl = "http://x.test/"\nuser = "u"\npassword = "p"\n'
    )
    path.chmod(0o644)
    loaded = load_config(path)
    assert loaded.config.sync_password == "" and "chmod 600" in loaded.problems[0]
    with pytest.raises(SyncError, match="others can read it"):
        resolve(loaded.config, {})
    path.chmod(0o600)
    assert resolve(load_config(path).config, {}).password == "p"


def test_password_from_a_command_or_the_environment(tmp_path: Path) -> None:
    base = replace(CONFIG, sync_url="http://x.test/", sync_user="u")
    assert resolve(base, {"NEWSREADER_SYNC_PASSWORD": "env"}).password == "env"
    command = f"{sys.executable} -c \"print('from cmd; $(touch pwned)')\""
    got = resolve(replace(base, sync_password_command=command), {}).password
    assert got == "from cmd; $(touch pwned)" and not (Path.cwd() / "pwned").exists()
    with pytest.raises(SyncError, match="not found"):
        resolve(replace(base, sync_password_command="/no/such/tool"), {})
    with pytest.raises(SyncError, match="exit status 3"):
        resolve(replace(base, sync_password_command=f'{sys.executable} -c "exit(3)"'), {})
    with pytest.raises(SyncError, match="not configured"):
        resolve(Config(), {})


def test_cli_sync_and_login(server, tmp_path: Path, capsys, monkeypatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[sync]\nservice = "greader"\nurl = "{server.url}"\nuser = "{fake.USER}"\n')
    monkeypatch.setenv("NEWSREADER_SYNC_PASSWORD", fake.PASSWORD)
    db = tmp_path / "s.db"
    base = ["--db", str(db), "--config", str(config)]
    assert main([*base, "sync", "login"]) == 0
    assert "logged in" in capsys.readouterr().out
    assert main([*base, "sync"]) == 0
    assert "8 new articles" in capsys.readouterr().out
    monkeypatch.setenv("NEWSREADER_SYNC_PASSWORD", "wrong")
    assert main([*base, "sync"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "wrong user or password" in err
    with open_store(db) as store:
        assert store.count(ListQuery(unread=True)) == 8
    assert os.stat(db).st_size > 0


def test_tls_failure_is_named(server) -> None:
    from newsreader.services.sync import check_login

    tls = Credentials(server.url.replace("http://", "https://"), fake.USER, fake.PASSWORD)
    with pytest.raises(SyncError, match="TLS error"):
        asyncio.run(check_login(CONFIG, credentials=tls))


def test_config_show_never_prints_the_password_and_sync_needs_config(
    tmp_path: Path, capsys
) -> None:
    from newsreader.config import parse_config, to_toml

    loaded = parse_config('[sync]\nservice = "greader"\npassword = "hunter2"\nbatch = 0\n')
    assert loaded.config.sync_password == "hunter2" and "sync.batch" in loaded.problems[0]
    assert "hunter2" not in to_toml(loaded.config) and 'service = "greader"' in to_toml(
        loaded.config
    )
    assert main(["--db", str(tmp_path / "x.db"), "sync"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sync is not configured" in err


def test_an_item_of_a_feed_not_listed_yet_is_pulled_again_later(server, store) -> None:
    server.add_feed("feed/9", "http://late.test/rss", "Late")
    late = server.add_items("feed/9", 1, title="late story")[0]
    server.hidden.add("feed/9")  # the list does not show it yet (a race)
    summary = sync(store, server)
    assert summary.skipped_items == 1 and "late story" not in by_title(store)
    server.add_items("feed/1", 1, title="newer story")  # and the high-water mark moves on
    server.hidden.clear()
    sync(store, server)
    assert {"late story", "newer story"} <= set(by_title(store))
    assert store.synced_article_item(by_title(store)["late story"].id) == [str(late.id)]


# -- feed edits: both ways ---------------------------------------------------------
def edits_sent(server: FakeGReader) -> list[dict[str, list[str]]]:
    sent = []
    for params in server.subscription_edits():
        args: dict[str, list[str]] = {}
        for key, value in params:
            if key != "T":
                args.setdefault(key, []).append(value)
        sent.append(args)
    return sent


def feed_named(store: Store, title: str):
    return next(f for f in store.list_feeds() if f.title == title)


def test_removing_a_synced_feed_is_queued_with_it_and_unsubscribes(server, store) -> None:
    sync(store, server)
    assert feeds.remove_feed(store, feed_named(store, "News").id) is True
    assert store.synced_counts()["feed_edits"] == 1  # queued with the removal
    summary = sync(store, server)
    assert summary.feed_edits == 1 and "1 feed edit pushed" in summary.line()
    assert edits_sent(server) == [{"ac": ["unsubscribe"], "s": ["feed/1"]}]
    assert "feed/1" not in server.feeds
    assert [f.title for f in store.list_feeds()] == ["Other"]  # not taken back
    assert store.synced_counts()["feed_edits"] == 0


def test_rename_and_tags_are_pushed_as_one_edit_each(server, store) -> None:
    sync(store, server)
    news, other = feed_named(store, "News"), feed_named(store, "Other")
    assert feeds.rename_feed(store, other.id, "Mine") is True
    assert feeds.tag_feed(store, news.id, ["Science"]) is True
    assert feeds.rename_feed(store, news.id, "Nouvelles") is True  # joins the queued edit
    assert store.synced_counts()["feed_edits"] == 2
    assert sync(store, server).feed_edits == 2
    sent = edits_sent(server)
    assert {"ac": ["edit"], "s": ["feed/2"], "t": ["Mine"]} in sent
    assert {
        "ac": ["edit"],
        "s": ["feed/1"],
        "t": ["Nouvelles"],
        "a": ["user/-/label/Science"],
        "r": ["user/-/label/Tech"],
    } in sent
    assert server.feeds["feed/2"].title == "Mine"
    assert (server.feeds["feed/1"].title, server.feeds["feed/1"].folders) == (
        "Nouvelles",
        ["Science"],
    )
    assert {f.title: f.tags for f in store.list_feeds()} == {
        "Mine": (),
        "Nouvelles": ("Science",),
    }


def test_a_new_feed_is_queued_when_sync_is_configured_and_subscribed(server, store) -> None:
    sync(store, server)
    added = subscribe(
        store, "http://new.test/feed", CONFIG, title="Newcomer", tags=["Blogs"], fetch=False
    )
    assert store.synced_counts()["feed_edits"] == 1
    feeds.rename_feed(store, added.feed.id, "Newcomer!")  # not on the server yet: no edit
    assert store.queued_feed_edits()[0].action == "subscribe"
    summary = sync(store, server)
    assert summary.uploaded_feeds == 1 and store.synced_counts()["feed_edits"] == 0
    [sent] = edits_sent(server)
    assert sent == {
        "ac": ["subscribe"],
        "s": ["feed/http://new.test/feed"],
        "t": ["Newcomer!"],
        "a": ["user/-/label/Blogs"],
    }
    assert store.synced_counts()["feeds"] == 3
    # Removed before a sync, a queued subscribe just goes.
    gone = subscribe(store, "http://brief.test/feed", CONFIG, fetch=False)
    feeds.remove_feed(store, gone.feed.id)
    assert store.synced_counts()["feed_edits"] == 0
    sync(store, server)
    assert len(edits_sent(server)) == 1


def test_edits_are_not_queued_without_sync(store) -> None:
    local = Config()
    added = subscribe(store, "http://plain.test/feed", local, fetch=False)
    assert feeds.rename_feed(store, added.feed.id, "Plain") is False
    assert feeds.tag_feed(store, added.feed.id, ["x"]) is False
    assert feeds.remove_feed(store, added.feed.id) is False
    assert store.synced_counts()["feed_edits"] == 0


def test_a_server_rename_and_move_are_taken_when_nothing_is_queued(server, store) -> None:
    sync(store, server)
    server.feeds["feed/1"].title = "News (server)"
    server.feeds["feed/1"].folders = ["Moved"]
    sync(store, server)
    assert feed_named(store, "News (server)").tags == ("Moved",)


def test_an_unpushed_local_edit_wins_over_the_server(server, store, db_path) -> None:
    sync(store, server)
    server.feeds["feed/1"].title = "News (server)"
    server.feeds["feed/1"].folders = ["Moved"]
    news_id = feed_named(store, "News").id
    other = open_store(db_path)  # the app, editing while the CLI syncs

    def edit_now(step) -> None:
        if step.stage == "subscriptions" and not other.queued_feed_edits():
            other.rename_feed(news_id, "My News")
            other.set_tags(news_id, ["Mine"])

    try:
        sync(store, server, on_progress=edit_now)
        assert store.get_feed(news_id).title == "My News"  # the pull did not undo it
        assert store.get_feed(news_id).tags == ("Mine",)
        sync(store, server)  # pushed: now the server's too
        assert (server.feeds["feed/1"].title, server.feeds["feed/1"].folders) == (
            "My News",
            ["Mine"],
        )
        assert store.get_feed(news_id).title == "My News"
    finally:
        other.close()


def test_a_queued_unsubscribe_keeps_the_server_feed_away(server, store) -> None:
    sync(store, server)
    store.remove_feed(feed_named(store, "News").id)
    listed = [
        ("feed/1", "http://news.test/rss", "News", ["Tech"]),
        ("feed/2", "http://other.test/atom", "Other", []),
    ]
    store.merge_server_feeds(listed)  # a pull before the push (a sync running meanwhile)
    assert [f.title for f in store.list_feeds()] == ["Other"]


def test_a_feed_removed_on_the_server_is_removed_locally_bookmarks_kept(server, store) -> None:
    sync(store, server)
    news = feed_named(store, "News")
    kept = store.list_articles(ListQuery(feed_id=news.id), limit=1)[0]
    store.set_bookmarked(kept.id)
    sync(store, server)  # the bookmark is pushed
    server.remove_feed("feed/1")
    summary = sync(store, server)
    assert summary.feeds == 1
    subscriptions = store.list_feeds(subscriptions_only=True)
    assert [f.title for f in subscriptions] == ["Other"]
    assert [a.title for a in store.list_articles(ListQuery(bookmarked=True))] == [kept.title]
    assert store.count() == 3 + 1
    source = feed_named(store, "News")
    assert source.url == "" and source.article_count == 1
    assert store.synced_article_item(kept.id) == []  # local now: the server cannot unmark it
    sync(store, server)
    assert len(server.feeds) == 1 and store.count(ListQuery(bookmarked=True)) == 1


def test_a_feed_removed_on_the_server_without_bookmarks_goes(server, store) -> None:
    sync(store, server)
    server.remove_feed("feed/2")
    sync(store, server)
    assert [f.title for f in store.list_feeds()] == ["News"]
    assert store.count() == 5


def test_an_empty_server_list_removes_nothing(server, store) -> None:
    sync(store, server)
    server.hidden.update(server.feeds)
    sync(store, server)
    assert len(store.list_feeds()) == 2 and store.count() == 8


def test_an_edit_the_server_refuses_is_dropped_and_the_server_wins(server, store) -> None:
    sync(store, server)
    feeds.rename_feed(store, feed_named(store, "Other").id, "Mine")
    server.remove_feed("feed/2")  # meanwhile, on another machine
    summary = sync(store, server)
    assert summary.refused_feed_edits == 1 and store.synced_counts()["feed_edits"] == 0
    assert [f.title for f in store.list_feeds()] == ["News"]


def test_cli_remove_rename_tag_queue_the_edit(server, tmp_path: Path, capsys, monkeypatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[sync]\nservice = "greader"\nurl = "{server.url}"\nuser = "{fake.USER}"\n')
    monkeypatch.setenv("NEWSREADER_SYNC_PASSWORD", fake.PASSWORD)
    base = ["--db", str(tmp_path / "s.db"), "--config", str(config)]
    assert main([*base, "sync"]) == 0
    assert main([*base, "rename", "Other", "Mine"]) == 0
    assert "sync server follows" in capsys.readouterr().err
    assert main([*base, "tag", "News", "Science"]) == 0
    assert main([*base, "remove", "Mine"]) == 0
    assert main([*base, "sync"]) == 0
    assert "2 feed edits pushed" in capsys.readouterr().out
    assert list(server.feeds) == ["feed/1"] and server.feeds["feed/1"].folders == ["Science"]


# -- full text after a sync --------------------------------------------------------
def test_a_sync_fetches_the_pages_of_new_summary_only_articles(store) -> None:
    from newsreader.layout import render_plain
    from newsreader.services.reading import get_article
    from tests.support.hostile_server import HostileServer, send

    paragraphs = "".join(
        f"<p>Paragraph {n} of the pier report: the crew measured {n * 3} metres of wall "
        f"and noted the tide, the wind and the stone on day {n}.</p>"
        for n in range(12)
    )
    page = f"<html><body><article><h1>Pier</h1>{paragraphs}</article></body></html>".encode()
    with HostileServer() as pages, FakeGReader() as server:
        pages.route("/pier", lambda h, s: send(h, 200, page, "text/html"))
        server.add_feed("feed/1", pages.url("/rss"), "Local news")
        server.add_items("feed/1", 1, html="<p>A short summary.</p>", url=pages.url("/pier"))
        off = sync(store, server, full_text=False)
        assert "full text" not in off.line() and pages.hits.get("/pier", 0) == 0
        server.add_items("feed/1", 1, html="<p>Another summary.</p>", url=pages.url("/pier?day=2"))
        summary = sync(store, server)
        assert (summary.full_texts, summary.full_text_kept) == (2, 0)  # the queued one too
        assert "full text: 2 fetched, 0 kept the summary" in summary.line()
        for row in store.list_articles(limit=10):
            text = render_plain(get_article(store, row.id), 100)
            assert "Paragraph 7 of the pier report" in text
        assert store.search("metres")
        again = sync(store, server)
        assert again.full_texts == 0 and pages.hits["/pier"] == 2  # never fetched twice
