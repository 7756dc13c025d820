"""The lxml fast path gives exactly what the feedparser path gives, on every sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.refresh_feeds import feed_body
from newsreader.formats import rss as parse_module
from newsreader.formats.prepare import prepare
from newsreader.formats.registry import FeedError
from newsreader.formats.rss_fast import read_fast
from newsreader.ingest import read_feed as parse_feed

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    p
    for folder in (ROOT / "sample_feeds", ROOT / "tests" / "data" / "feeds")
    for p in folder.iterdir()
    if p.is_file()
)
URL = "https://feeds.example/news/feed.xml"
HEADERS = {"content-type": "application/rss+xml"}

RSS_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/">'
)
ATOM_HEAD = '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"'

# Edge cases the fast path claims to model: relative links and xml:base, guid as
# permalink before and after <link>, HTML-looking and entity-laden titles, dc fields,
# author forms, categories, C1/cp1252 characters, Atom links, authors and text types.
CRAFTED = {
    "rss-relative": RSS_HEAD
    + '<channel xml:base="https://base.example/dir/"><title>Fish &amp;amp; chips</title>'
    "<link>/home?a=1&amp;b=2</link><item><title>A &lt;b&gt;bold&lt;/b&gt; move</title>"
    "<link>story/1?x=1&amp;amp;y=2</link><guid>/g/1</guid>"
    "<description>&lt;p&gt;Short &lt;a href='/x'&gt;dek&lt;/a&gt;&lt;/p&gt;</description>"
    "<content:encoded><![CDATA[<p>Body <img src='img/a.jpg' alt='A'> text.</p>]]>"
    "</content:encoded><author>jo@example.com (Jo Bloggs)</author>"
    "<category domain='x'>World</category><category>Europe</category>"
    "<pubDate>Tue, 03 Jan 2023 10:00:00 +0100</pubDate></item>"
    "<item><guid>https://base.example/perma/2</guid><title>Guid first</title>"
    "<dc:creator>Ann Example</dc:creator><dc:date>2023-02-01T09:00:00Z</dc:date>"
    "<description>Plain \u0093quoted\u0094 text \u00e9</description></item>"
    "<item><guid isPermaLink='false'>tag:x,1</guid><link>https://o.example/3</link>"
    "<title>   spaced   </title><description>Same</description>"
    "<content:encoded>Same</content:encoded></item>"
    "<item xml:base='https://other.example/sub/'><title>Based</title><link>p/4</link>"
    "<guid>rel/4</guid><description>x</description></item></channel></rss>",
    "atom-detailed": ATOM_HEAD + ' xml:base="https://atom.example/a/">'
    '<title type="html">Atom &amp;lt;i&amp;gt;news&amp;lt;/i&amp;gt;</title>'
    '<link href="/"/><link rel="self" href="/feed"/>'
    '<entry><id>/e/1</id><title>First</title><link href="one"/>'
    '<link rel="enclosure" type="audio/mpeg" href="/a.mp3"/>'
    "<author><name>Kim</name><email>kim@atom.example</email></author>"
    '<category term="science" label="Science"/><published>2023-03-01T00:00:00Z</published>'
    "<updated>2023-03-02T00:00:00Z</updated>"
    '<summary type="html">&lt;b&gt;Sum&lt;/b&gt;mary</summary>'
    '<content type="html" xml:base="/deep/">&lt;p&gt;&lt;a href="x"&gt;Link&lt;/a&gt; '
    'text&lt;/p&gt;&lt;img src="i.png"&gt;</content></entry>'
    '<entry><link href="https://elsewhere.example/2"/><id>urn:x:2</id>'
    "<title>Second</title><author><email>only@atom.example</email></author>"
    '<content type="text">Line one\n\nLine two</content>'
    "<updated>not a date</updated></entry></feed>",
    "rss-no-items": RSS_HEAD + "<channel><title>Empty</title></channel></rss>",
}


@pytest.fixture(autouse=True)
def _fast_path_for_small_feeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_module, "FAST_PATH_MIN_BYTES", 0)


def both(data: bytes, headers: dict[str, str] = HEADERS) -> tuple[object, object]:
    results = []
    for fast in (True, False):
        parse_module.FAST_PATH = fast
        try:
            results.append(parse_feed(data, URL, headers))
        except FeedError as error:
            results.append(("FeedError", str(error)))
        finally:
            parse_module.FAST_PATH = True
    return results[0], results[1]


def uses_fast_path(data: bytes, headers: dict[str, str] = HEADERS) -> bool:
    safe, clean = prepare(data, headers, URL)
    return read_fast(safe, clean) is not None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_sample_files_parse_identically(path: Path) -> None:
    fast, reference = both(path.read_bytes())
    assert fast == reference


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_feeds_parse_identically_on_the_fast_path(name: str) -> None:
    data = CRAFTED[name].encode("utf-8")
    assert uses_fast_path(data)
    fast, reference = both(data)
    assert fast == reference


@pytest.mark.parametrize("index", range(4))
def test_benchmark_feeds_parse_identically_on_the_fast_path(index: int) -> None:
    data = feed_body(index)
    assert uses_fast_path(data)
    fast, reference = both(data)
    assert fast == reference
    assert len(fast.articles) == 50


def test_fast_path_covers_the_plain_samples_and_declines_the_rest() -> None:
    taken = {p.name for p in FILES if uses_fast_path(p.read_bytes())}
    assert {"harbour-courier.xml", "text-plain-content.atom"} <= taken
    # Media RSS, XHTML content, a cp1252 document, broken XML and dates only feedparser
    # reads (year 0000, 29 February 2026) go to feedparser.
    assert not taken & {
        "dates.xml",
        "valley-photo-wire.xml",
        "northfield-science.atom.xml",
        "cafe-gazette-cp1252.xml",
        "truncated-with-entry.xml",
        "xxe.xml",
    }


@pytest.mark.parametrize(
    "headers",
    [{"content-type": "text/xml"}, {"content-type": "application/xml; charset=iso-8859-1"}],
)
def test_charsets_feedparser_would_treat_differently_are_declined(
    headers: dict[str, str],
) -> None:
    data = CRAFTED["rss-relative"].encode("utf-8")
    assert not uses_fast_path(data, headers)
    fast, reference = both(data, headers)
    assert fast == reference
