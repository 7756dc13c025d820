"""Subscription and config subcommands, against servers on 127.0.0.1."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.services.stores import open_store
from newsreader.store import ListQuery
from tests.support import hostile_server as hs
from tests.support.feeds import atom, rss
from tests.support.hostile_server import HostileServer


@pytest.fixture
def server():
    with HostileServer() as s:
        yield s


@pytest.fixture
def cli(db_path: Path, tmp_path: Path, capsys):
    config = tmp_path / "config.toml"
    config.write_text('[refresh]\nparser = "thread"\nread_timeout = 2.0\ndeadline = 3.0\n')

    def run(*argv: str) -> tuple[int, str, str]:
        code = main([*argv, "--db", str(db_path), "--config", str(config)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def feeds_json(cli) -> list[dict]:
    code, out, _ = cli("feeds", "--json")
    assert code == 0
    return json.loads(out)


def test_add_fetches_and_stores(cli, server: HostileServer) -> None:
    url = server.feed("/a.xml", rss("Alpha", 3))
    code, out, err = cli("add", url, "--tag", "news", "--tag", "local")
    assert code == 0, err
    assert "Alpha" in out and "3 articles" in out
    [feed] = feeds_json(cli)
    assert feed["url"] == url and feed["tags"] == ["news", "local"]
    assert feed["articles"] == 3 and feed["unread"] == 3 and feed["last_error"] == ""


def test_add_duplicate_refused(cli, server: HostileServer) -> None:
    url = server.feed("/a.xml", rss("Alpha", 1))
    assert cli("add", url)[0] == 0
    code, _, err = cli("add", url)
    assert code == 1 and "already subscribed" in err and "Traceback" not in err
    assert len(feeds_json(cli)) == 1


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "exec:cat /etc/passwd", "filter:x:http://a/", "ftp://a/b"]
)
def test_add_non_http_refused(cli, url: str) -> None:
    code, _, err = cli("add", url)
    assert code == 1 and "http" in err
    assert feeds_json(cli) == []


def test_add_discovers_feed_from_html_page(cli, server: HostileServer) -> None:
    feed_url = server.feed("/feeds/main.atom", atom("Discovered", 2))
    page = (
        b"<!DOCTYPE html><html><head><title>Site</title>"
        b'<link rel="stylesheet" href="/s.css">'
        b'<link rel="alternate" type="application/atom+xml" title="Feed" href="/feeds/main.atom">'
        b"</head><body><p>Hello</p></body></html>"
    )
    page_url = server.route("/", hs.status(200, page, content_type="text/html; charset=utf-8"))
    code, _, err = cli("add", page_url)
    assert code == 0, err
    [feed] = feeds_json(cli)
    assert feed["url"] == feed_url and feed["title"] == "Discovered" and feed["articles"] == 2
    code, _, err = cli("add", feed_url)
    assert code == 1 and "already subscribed" in err


def test_add_page_without_feed_is_clear_error(cli, server: HostileServer) -> None:
    url = server.route("/p", hs.status(200, b"<html><body>no feeds</body></html>"))
    code, _, err = cli("add", url)
    assert code == 1 and "names no feed" in err
    assert feeds_json(cli) == []


def test_remove_rename_tag(cli, server: HostileServer) -> None:
    cli("add", server.feed("/a.xml", rss("Alpha", 1)))
    cli("add", server.feed("/b.xml", rss("Beta", 1)))
    assert cli("rename", "Alpha", "My Alpha")[0] == 0
    assert cli("tag", "My Alpha", "x", "y")[0] == 0
    feeds = {f["title"]: f for f in feeds_json(cli)}
    assert feeds["My Alpha"]["tags"] == ["x", "y"]
    assert cli("remove", str(feeds["Beta"]["id"]))[0] == 0
    assert [f["title"] for f in feeds_json(cli)] == ["My Alpha"]
    code, _, err = cli("remove", "Nope")
    assert code == 1 and "no feed matches" in err


def test_refresh_summary_and_errors(cli, server: HostileServer, db_path: Path) -> None:
    cli("add", server.feed("/a.xml", rss("Alpha", 2)))
    cli("add", server.feed("/b.xml", rss("Beta", 2)))
    server.feed("/a.xml", rss("Alpha", 4))
    server.route("/b.xml", hs.status(500))
    code, out, err = cli("refresh")
    assert code == 0
    # The entries link to example.test, which tests may not reach: the pages of the
    # two added and the four from `add` keep their summaries.
    assert (
        out.strip() == "2 feeds, 2 new articles, 1 error, full text: 0 fetched, 6 kept the summary"
    )
    assert "HTTP 500" in err
    feeds = {f["title"]: f for f in feeds_json(cli)}
    assert feeds["Beta"]["last_error"] == "HTTP 500 Internal Server Error"
    assert feeds["Beta"]["articles"] == 2  # nothing lost
    code, out, _ = cli("refresh", "Alpha")
    assert out.strip() == "1 feed, 0 new articles, 0 errors"


def test_opml_export_import_round_trip(cli, server: HostileServer, tmp_path: Path, db_path):
    cli("add", server.feed("/a.xml", rss("Alpha", 1)), "--tag", "news", "--tag", "world")
    cli("add", server.feed("/b.xml", rss("Beta", 1)))
    cli("rename", "Beta", "Beta & <Co>")
    out_file = tmp_path / "subs.opml"
    assert cli("opml", "export", str(out_file))[0] == 0
    before = {(f["url"], f["title"], tuple(f["tags"])) for f in feeds_json(cli)}
    db_path.unlink()
    code, out, _ = cli("opml", "import", str(out_file))
    assert code == 0 and "added 2 feeds" in out
    after = {(f["url"], f["title"], tuple(f["tags"])) for f in feeds_json(cli)}
    assert after == before
    code, out, _ = cli("opml", "import", str(out_file))
    assert "added 0 feeds (2 already subscribed)" in out
    assert len(feeds_json(cli)) == 2


def test_opml_with_entities_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "evil.opml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<opml version="2.0"><body><outline text="&x;" xmlUrl="http://a.test/f"/></body></opml>'
    )
    code, _, err = cli("opml", "import", str(path))
    assert code == 1 and "entit" in err
    assert feeds_json(cli) == []


def test_import_newsboat_with_read_flags(cli, server: HostileServer, tmp_path: Path, db_path):
    a = server.feed("/a.xml", rss("Alpha", [("a1", "A one"), ("a2", "A two")]))
    b = server.feed("/b.xml", rss("Beta", [("b1", "B one")]))
    urls = tmp_path / "urls"
    urls.write_text(
        f'# my feeds\n{a} tech "long tag" "~Alpha News"\n{b}\n'
        '"query:Unread:unread = \\"yes\\""\nexec:~/bin/make-feed\n'
    )
    cache = tmp_path / "cache.db"
    conn = sqlite3.connect(cache)
    conn.execute("CREATE TABLE rss_item (guid TEXT, url TEXT, feedurl TEXT, unread INTEGER)")
    conn.executemany(
        "INSERT INTO rss_item VALUES (?,?,?,?)",
        [("a1", "", a, 0), ("a2", "", a, 1), ("zz", "http://example.test/Beta/b1", b, 0)],
    )
    conn.commit()
    conn.close()
    code, out, err = cli("import-newsboat", str(urls), "--cache", str(cache))
    assert code == 0, err
    assert "added 2 feeds" in out and "marked 2 articles read" in out
    assert "query feed 'Unread' skipped" in err and "exec:" in err
    feeds = {f["url"]: f for f in feeds_json(cli)}
    assert feeds[a]["title"] == "Alpha News" and feeds[a]["tags"] == ["tech", "long tag"]
    with open_store(db_path) as store:
        read = {s.title: s.read for s in store.list_articles(ListQuery())}
    assert read == {"A one": True, "A two": False, "B one": True}


def test_config_path_and_show(cli, tmp_path: Path, capsys) -> None:
    config = tmp_path / "config.toml"
    code, out, _ = cli("config", "path")
    assert code == 0 and out.strip() == str(config)
    config.write_text('[refresh]\nconcurrency = "many"\nbogus = 1\n[keys]\nnext_unread = "j"\n')
    code, out, err = cli("config", "show")
    assert code == 0
    assert "refresh.concurrency must be a number" in err and "refresh.bogus" in err
    assert "concurrency = 16" in out and 'next_unread = "j"' in out


def test_help_for_every_subcommand(capsys) -> None:
    for argv in (
        ["add"],
        ["feeds"],
        ["remove"],
        ["rename"],
        ["tag"],
        ["opml", "import"],
        ["opml", "export"],
        ["import-newsboat"],
        ["refresh"],
        ["config", "show"],
    ):
        with pytest.raises(SystemExit) as info:
            main([*argv, "--help"])
        assert info.value.code == 0
        assert "usage:" in capsys.readouterr().out


def test_feeds_listing_plain(cli, server: HostileServer) -> None:
    cli("add", server.feed("/a.xml", rss("Alpha", 2)), "--tag", "t")
    code, out, _ = cli("feeds")
    assert code == 0 and "Alpha" in out and "2/2 unread" in out and "\tt\t" in out
    header, *rows = out.strip().split(os.linesep)
    assert header.split("\t")[:3] == ["ID", "TITLE", "URL"] and len(rows) == 1
