"""Golden tests: input feeds paired with the FeedData they parse into, and both RSS
parsers (the lxml fast path and feedparser) giving equal FeedData on every sample."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.refresh_feeds import feed_body
from newsreader.formats import rss
from newsreader.formats.dates import UNKNOWN, parse_date
from newsreader.formats.registry import FeedError, choose, parse_feed
from newsreader.model import Content, Enclosure, EntryData, FeedData, Image
from tests.unit.test_fastparse import CRAFTED

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    p
    for folder in (ROOT / "sample_feeds", ROOT / "tests" / "data" / "feeds")
    for p in folder.iterdir()
    if p.is_file()
)
URL = "https://feeds.example/feed"
HEADERS = {"content-type": "application/rss+xml"}

RSS_MEDIA = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour &amp; Hills</title><link>https://news.example/</link>
<item><title>Storm closes the pier</title><link>https://news.example/pier</link>
<guid isPermaLink="false">pier-1</guid><pubDate>Mon, 16 Nov 2026 06:45:00 +0100</pubDate>
<author>desk@news.example (Sam Reed)</author><category>Weather</category>
<description>&lt;p&gt;The pier is shut.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>The pier is shut until <a href="/tides">Friday</a>.</p>]]>
</content:encoded>
<media:content url="https://img.news.example/pier.jpg" medium="image">
<media:title>The pier</media:title><media:description>Waves over the pier.</media:description>
<media:credit>Ann Lens</media:credit></media:content>
<enclosure url="https://news.example/pier.mp3" type="audio/mpeg" length="1"/>
</item></channel></rss>"""

ATOM_BASE = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://lab.example/blog/">
<title type="html">Lab &lt;i&gt;notes&lt;/i&gt;</title><link href="./"/>
<link rel="self" href="feed.atom"/>
<id>tag:lab.example,2026:feed</id><updated>2026-11-20T09:00:00Z</updated>
<entry xml:base="posts/"><id>tag:lab.example,2026:1</id><title>Cells</title>
<link href="cells.html"/><author><name>Kim</name><email>kim@lab.example</email></author>
<category term="bio" label="Biology"/>
<published>2026-11-20T08:30:00+01:00</published><updated>2026-11-20T10:00:00+01:00</updated>
<summary>Short.</summary>
<content type="html" xml:base="/media/">&lt;p&gt;&lt;img src="cell.png"&gt;Long.&lt;/p&gt;</content>
</entry></feed>"""

BROKEN = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Cut off</title>
<item><title>Kept</title><link>https://cut.example/1</link>
<description>Still here &amp; fine</description></item>
<item><title>Lost"""

PIER = Image("https://img.news.example/pier.jpg")
GOLDEN = {
    "rss-media": (
        RSS_MEDIA,
        FeedData(
            title=Content("Harbour & Hills", "text/plain", URL),
            link="https://news.example/",
            url=URL,
            entries=(
                EntryData(
                    guid="pier-1",
                    link="https://news.example/pier",
                    title=Content("Storm closes the pier", "text/plain", URL),
                    authors=("desk@news.example (Sam Reed)",),
                    published=datetime(2026, 11, 16, 5, 45, tzinfo=UTC),
                    # feedparser puts media:description in the summary: it is a caption.
                    summary=None,
                    content=Content(
                        '<p>The pier is shut until <a href="/tides">Friday</a>.</p>',
                        "text/html",
                        URL,
                    ),
                    base=URL,
                    tags=("Weather",),
                    images=(
                        Image(PIER.url, "The pier", "Waves over the pier.", "plain", "Ann Lens"),
                        PIER,
                    ),
                    enclosures=(Enclosure("https://news.example/pier.mp3", "audio/mpeg"),),
                ),
            ),
        ),
    ),
    "atom-xml-base": (
        ATOM_BASE,
        FeedData(
            title=Content("Lab <i>notes</i>", "text/html", "https://lab.example/blog/"),
            link="https://lab.example/blog/",
            url=URL,
            entries=(
                EntryData(
                    guid="tag:lab.example,2026:1",
                    link="https://lab.example/blog/posts/cells.html",
                    title=Content("Cells", "text/plain", "https://lab.example/blog/posts/"),
                    authors=("Kim (kim@lab.example)",),
                    published=datetime(2026, 11, 20, 7, 30, tzinfo=UTC),
                    updated=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
                    summary=Content("Short.", "text/plain", "https://lab.example/blog/posts/"),
                    content=Content(
                        '<p><img src="cell.png">Long.</p>',
                        "text/html",
                        "https://lab.example/media/",
                    ),
                    base="https://lab.example/blog/posts/",
                    tags=("Biology",),
                ),
            ),
        ),
    ),
    "broken": (
        BROKEN,
        FeedData(
            title=Content("Cut off", "text/plain", URL),
            url=URL,
            entries=(
                EntryData(
                    link="https://cut.example/1",
                    title=Content("Kept", "text/plain", URL),
                    summary=Content("Still here & fine", "text/html", URL),
                    base=URL,
                ),
                EntryData(),  # the cut-off item: nothing of it is usable
            ),
        ),
    ),
}


def _both(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """FeedData (or the FeedError message) from the fast path and from feedparser."""
    monkeypatch.setattr(rss, "FAST_PATH_MIN_BYTES", 0)
    results: list[object] = []
    for fast in (True, False):
        monkeypatch.setattr(rss, "FAST_PATH", fast)
        try:
            results.append(parse_feed(data, url=URL, headers=HEADERS))
        except FeedError as error:
            results.append(("FeedError", str(error)))
    return results[0], results[1]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_feed_data(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data, expected = GOLDEN[name]
    fast, reference = _both(data, monkeypatch)
    assert reference == expected
    assert fast == expected


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_both_parsers_give_equal_feed_data_on_the_samples(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, reference = _both(path.read_bytes(), monkeypatch)
    assert fast == reference


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_both_parsers_give_equal_feed_data_on_crafted_feeds(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, reference = _both(CRAFTED[name].encode(), monkeypatch)
    assert fast == reference


@pytest.mark.parametrize("index", range(4))
def test_both_parsers_give_equal_feed_data_on_bench_feeds(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, reference = _both(feed_body(index), monkeypatch)
    assert isinstance(fast, FeedData)
    assert fast == reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 03 Mar 2026 10:00:00 +1300", datetime(2026, 3, 2, 21, 0, tzinfo=UTC)),
        ("Mon, 01 Jan 2024 10:00 EST", datetime(2024, 1, 1, 15, 0, tzinfo=UTC)),
        ("2024-01-01T23:30:00.5-05:00", datetime(2024, 1, 2, 4, 30, tzinfo=UTC)),
        ("2024-01-01", datetime(2024, 1, 1, tzinfo=UTC)),
        ("yesterday-ish", None),
        ("", None),
        ("2026-02-29T10:00:00Z", UNKNOWN),  # feedparser rolls it over to 1 March
        ("Mon, 01 Jan 24 10:00:00 GMT", UNKNOWN),  # a two-digit year
        ("Mon, 01 Jan 2024 10:00:00", UNKNOWN),  # no zone
        ("Mon, 01 Jan 2024 10:00:00 XYZ", UNKNOWN),
    ],
)
def test_our_dates(text: str, expected: object) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("content_type", "head"),
    [
        ("application/rss+xml", b"<rss/>"),
        ("application/atom+xml; charset=utf-8", b"<feed/>"),
        ("text/html", b"\xef\xbb\xbf  <rss/>"),  # a wrong type: sniffed
        (None, b"<?xml version='1.0'?><rss/>"),
        ("application/json", b"<rss/>"),  # a type the bytes contradict: sniffed
    ],
)
def test_the_registry_chooses_the_rss_parser(content_type: str | None, head: bytes) -> None:
    assert choose(head, content_type).name == "rss"


def test_json_that_is_not_a_json_feed_is_refused() -> None:
    data = b'{"version": "2", "title": "J", "items": []}'
    refused = r"^not a feed: it is JSON, not RSS, Atom or JSON Feed$"
    for content_type in ("application/feed+json", "text/xml", None):
        with pytest.raises(FeedError, match=refused):
            parse_feed(data, content_type=content_type)
