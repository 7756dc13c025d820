"""newsboat urls files and cache flags."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsreader.formats.newsboat import NewsboatError, parse_urls, read_flags

URLS = """# comment line
http://a.example.test/rss tech "long tag" "~My A"
https://b.example.test/atom
  # indented comment
"query:Unread:unread = \\"yes\\"" news
exec:~/bin/feed.sh
filter:~/bin/f.sh:http://c.example.test/
file:///etc/passwd
http://d.example.test/x#frag !
"http://unbalanced
http://a.example.test/rss again
"""


def test_parse_urls() -> None:
    result = parse_urls(URLS)
    assert [(s.url, s.title, s.tags) for s in result.feeds] == [
        ("http://a.example.test/rss", "My A", ("tech", "long tag")),
        ("https://b.example.test/atom", "", ()),
        ("http://d.example.test/x#frag", "", ()),
    ]
    notes = "\n".join(result.notes)
    assert "query feed 'Unread' skipped" in notes
    assert "exec:" in notes and "filter:" in notes and "file:" in notes
    assert "unbalanced quotes" in notes


def test_quoted_tags_and_titles() -> None:
    text = 'http://a.example.test/rss "x y" z "~Quoted \\"title\\""\n"http://b.example.test/"\n'
    assert [(s.url, s.title, s.tags) for s in parse_urls(text).feeds] == [
        ("http://a.example.test/rss", 'Quoted "title"', ("x y", "z")),
        ("http://b.example.test/", "", ()),
    ]


def test_read_flags(tmp_path: Path) -> None:
    cache = tmp_path / "cache.db"
    conn = sqlite3.connect(cache)
    conn.execute("CREATE TABLE rss_item (guid TEXT, url TEXT, feedurl TEXT, unread INTEGER)")
    conn.executemany(
        "INSERT INTO rss_item VALUES (?,?,?,?)",
        [("g1", "http://a/1", "F", 0), ("g2", "http://a/2", "F", 1), ("", "http://b/1", "G", 0)],
    )
    conn.commit()
    conn.close()
    assert read_flags(cache) == {"F": {"g1", "http://a/1"}, "G": {"http://b/1"}}


def test_read_flags_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "cache.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(NewsboatError):
        read_flags(bad)
    with pytest.raises(NewsboatError, match="no newsboat cache"):
        read_flags(tmp_path / "missing.db")
