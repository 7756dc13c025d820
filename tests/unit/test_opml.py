"""OPML parsing and export: nested folders, categories, unsafe input."""

from __future__ import annotations

import pytest

from newsreader.formats.opml import OpmlError, export_opml, parse_opml
from newsreader.model import Feed

OPML1 = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0"><head><title>mine</title></head><body>
  <outline text="News">
    <outline text="World">
      <outline text="Caf\xe9 Gazette" type="rss" xmlUrl="http://cafe.example.test/rss"
               htmlUrl="http://cafe.example.test/"/>
    </outline>
    <outline title="Harbour" xmlUrl="https://harbour.example.test/feed"
             category="/local/sea,boats"/>
  </outline>
  <outline text="Top" xmlUrl="https://top.example.test/atom"/>
  <outline text="Script" xmlUrl="exec:~/bin/feed.sh"/>
  <outline text="Filter" xmlUrl="filter:~/f.sh:http://a.test/"/>
  <outline text="Local" xmlUrl="file:///etc/passwd"/>
  <outline text="Top again" xmlUrl="https://top.example.test/atom"/>
</body></opml>"""


def test_nested_outlines_become_tags_and_unsafe_urls_skipped() -> None:
    result = parse_opml(OPML1)
    got = {s.url: (s.title, s.tags, s.site_url) for s in result.feeds}
    assert got == {
        "http://cafe.example.test/rss": (
            "Caf\u00e9 Gazette",
            ("News", "World"),
            "http://cafe.example.test/",
        ),
        "https://harbour.example.test/feed": ("Harbour", ("News", "local", "sea", "boats"), ""),
        "https://top.example.test/atom": ("Top", (), ""),
    }
    assert len(result.notes) == 3 and all("only http and https" in n for n in result.notes)


def test_export_reimports_identically() -> None:
    feeds = [
        Feed(title="A & <b>", url="https://a.example.test/f?x=1&y=2", tags=("one", "two")),
        Feed(title="B", url="http://b.example.test/rss", site_url="http://b.example.test/"),
        Feed(title="C", url="http://c.example.test/rss", tags=("two",)),
        Feed(title="local source", url=""),
    ]
    again = parse_opml(export_opml(feeds))
    assert {(s.url, s.title, s.tags, s.site_url) for s in again.feeds} == {
        ("https://a.example.test/f?x=1&y=2", "A & <b>", ("one", "two"), ""),
        ("http://b.example.test/rss", "B", (), "http://b.example.test/"),
        ("http://c.example.test/rss", "C", ("two",), ""),
    }


@pytest.mark.parametrize(
    "data, message",
    [
        (
            b'<!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><opml><body/></opml>',
            "entit",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "http://127.0.0.1:9/x.dtd"><opml><body>'
            b'<outline text="x" xmlUrl="http://a.test/f"/></body></opml>',
            None,
        ),
        (b"<html><body/></html>", "not OPML"),
        (b"<opml><body><outline", "not valid OPML"),
        (b"", "not valid OPML"),
    ],
)
def test_bad_documents(data: bytes, message: str | None) -> None:
    if message is None:  # an external DTD is never fetched; the feeds still come through
        assert [s.url for s in parse_opml(data).feeds] == ["http://a.test/f"]
        return
    with pytest.raises(OpmlError, match=message):
        parse_opml(data)
