"""N3: sloppy namespaces and stray control characters never fail a whole feed or page."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.extract.html import html_to_blocks
from newsreader.extract.page import parse_html_page
from newsreader.ingest import load_bytes
from newsreader.ingest import read_feed as parse_feed
from tests.support.hostile_server import HostileServer

MRSS = "http://search.yahoo.com/mrss/"
UNDECLARED_DC = (
    f'<?xml version="1.0"?><rss version="2.0" xmlns:media="{MRSS}"><channel><title>x</title>'
    "<item><title>a</title><link>http://e.com/a</link><dc:creator>b</dc:creator>"
    f'<media:content url="http://e.com/i.jpg" medium="image"/></item>'
    "<item><title>second</title><link>http://e.com/b</link></item>"
    "</channel></rss>"
).encode()
SURROGATE_NS = UNDECLARED_DC.replace(
    b'<rss version="2.0"', b'<rss version="2.0" xmlns:dc="&#xD800;"'
)
FEEDS = {"undeclared-prefix": UNDECLARED_DC, "surrogate-namespace": SURROGATE_NS}

BODY = "<p>" + "The ferry will run every forty minutes from Monday on. " * 8 + "</p>"


def _page(before: str, inside: str = "") -> str:
    return f"<html><body>{before}<article><h1>T</h1>{inside}{BODY}</article></body></html>"


PAGES = {
    "esc-after-form": _page("<form></form>\x1b"),
    "csi-after-nav": _page("<nav>menu</nav>\x1b[31m"),
    "c0-after-aside": _page("<aside>x</aside>\x01\x02"),
    "numeric-ref": _page("<nav>menu</nav>&#27;[2J"),
    "hex-ref-in-article": _page("", "<nav>n</nav>&#x1;"),
    "surrogate-ref": _page("<nav>menu</nav>&#xD800;"),
}


@pytest.mark.parametrize("name", FEEDS)
def test_feed_with_sloppy_namespaces_parses(name: str) -> None:
    parsed = parse_feed(FEEDS[name], "http://e.com/feed", {})
    assert [a.title for a in parsed.articles] == ["a", "second"]


@pytest.mark.parametrize("name", FEEDS)
def test_feed_with_sloppy_namespaces_imports(
    name: str, tmp_path: Path, db_path: Path, capsys
) -> None:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(FEEDS[name])
    assert main(["import", str(path), "--db", str(db_path)]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "\ta\n" in out and "\tsecond\n" in out


def test_feed_with_sloppy_namespaces_adds_and_refreshes(
    db_path: Path, tmp_path: Path, capsys
) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[refresh]\nparser = "thread"\n')
    with HostileServer() as server:
        url = server.feed("/f.xml", UNDECLARED_DC)
        assert main(["add", url, "--db", str(db_path), "--config", str(config)]) == 0
        assert "2 articles" in capsys.readouterr().out
        server.feed("/f.xml", UNDECLARED_DC.replace(b"second", b"third"))
        assert main(["refresh", "--db", str(db_path), "--config", str(config)]) == 0
        out, err = capsys.readouterr()
    assert "0 errors" in out, err


@pytest.mark.parametrize("name", PAGES)
def test_page_with_a_control_between_tags_imports(name: str) -> None:
    article = parse_html_page(PAGES[name].encode(), "http://e.com/p")
    text = " ".join(str(b) for b in article.blocks)
    assert "forty minutes" in text
    loaded = load_bytes(PAGES[name].encode(), "page.html")
    assert loaded.articles


@pytest.mark.parametrize("name", PAGES)
def test_feed_html_with_a_control_between_tags_converts(name: str) -> None:
    blocks = html_to_blocks(PAGES[name], "http://e.com/")
    assert "forty minutes" in " ".join(str(b) for b in blocks)


def test_item_with_an_element_named_links_keeps_every_article() -> None:
    """Found by the fuzzer: ``<links>`` makes feedparser's ``links`` a string."""
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        b"<item><title>a</title><link>http://e.com/a</link><links>oops</links>"
        b"<description>hello</description></item>"
        b"<item><title>b</title><link>http://e.com/b</link></item></channel></rss>"
    )
    assert [a.title for a in parse_feed(feed, "http://e.com/f", {}).articles] == ["a", "b"]
