"""JSON Feed 1.0 and 1.1: the registry routes it, the parser gives typed FeedData,
import and discovery find it, and hostile JSON is refused in one line."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.formats import jsonfeed
from newsreader.formats.discover import discover_feeds
from newsreader.formats.registry import FeedError, choose, parse_feed
from newsreader.ingest import IngestError, detect_kind, load_bytes, load_path
from newsreader.model import Content, Enclosure, Image
from newsreader.net.fetch import ACCEPT
from newsreader.services.importing import sample_files

ROOT = Path(__file__).resolve().parents[2]
V10 = ROOT / "sample_feeds" / "lighthouse-notes.json"
V11 = ROOT / "sample_feeds" / "tidepool-radio.json"


def _feed(**fields: object) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", **fields}).encode()


def test_version_1_0_sample() -> None:
    feed = parse_feed(V10.read_bytes())
    assert feed.title == Content("Lighthouse Notes")
    assert feed.link == "https://lighthouse-notes.example/"
    assert feed.url == "https://lighthouse-notes.example/feed.json"
    first, second = feed.entries
    assert first.guid == "2"  # a number becomes a string
    assert first.link == "https://lighthouse-notes.example/2026/keepers-log"
    assert first.authors == ("Mara Quill",)  # 1.0's feed-level author
    assert first.content is not None and first.content.type == "text/html"
    assert first.content.value.startswith("<p>The volunteers")
    assert first.summary == Content(
        "A leather-bound log of weather and ships, restored by volunteers.",
        "text/plain",
        "https://lighthouse-notes.example/feed.json",
    )
    assert first.published == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    assert first.tags == ("history", "harbour")
    assert second.content is not None and second.content.type == "text/plain"
    assert second.published == datetime(2026, 11, 12, 14, 0, tzinfo=UTC)


def test_version_1_1_sample() -> None:
    feed = parse_feed(V11.read_bytes(), url="https://mirror.example/tide.json")
    assert feed.url == "https://mirror.example/tide.json"  # where it was fetched from
    first, second = feed.entries
    assert first.authors == ("Ines Vale", "Tom Rook")  # authors over the feed's
    assert first.updated == datetime(2026, 11, 26, 8, 15, tzinfo=UTC)
    assert first.images == (Image("https://tidepool-radio.example/art/41.jpg"),)
    assert first.enclosures == (
        Enclosure("https://tidepool-radio.example/audio/41.mp3", "audio/mpeg"),
    )
    assert second.authors == ("Tidepool Radio",)
    assert second.link == "https://tidepool-radio.example/episodes/40"
    assert second.summary is not None and second.content is not None


def test_samples_import_as_articles() -> None:
    loaded = load_path(V11)
    assert loaded.kind == "feed"
    assert loaded.source == "Tidepool Radio"
    assert [a.title for a in loaded.articles] == [
        "Episode 41: counting crabs at low tide",
        "Episode 40: the seagrass talk",
    ]
    text = " ".join(b.text for b in loaded.articles[0].blocks if hasattr(b, "text"))
    assert "crab count on the north shore" in text
    assert V10 in sample_files(ROOT / "sample_feeds")


def test_external_url_is_the_link_when_there_is_no_url() -> None:
    data = _feed(items=[{"id": 7.5, "external_url": "https://elsewhere.example/a"}])
    [entry] = parse_feed(data).entries
    assert entry.link == "https://elsewhere.example/a"
    assert entry.guid == "7.5"


def test_wrong_types_are_ignored_not_fatal() -> None:
    data = _feed(
        title=["not", "text"],
        items=[
            "not an item",
            {"id": None, "title": 3, "tags": "x", "authors": "y", "attachments": {}},
            {"id": True, "content_html": "<p>Hi</p>", "date_published": "yesterday"},
        ],
    )
    feed = parse_feed(data)
    assert feed.title is None
    first, second = feed.entries
    assert (first.guid, first.title, first.tags, first.authors) == ("", None, (), ())
    assert second.guid == "" and second.published is None


@pytest.mark.parametrize(
    ("content_type", "name"),
    [
        ("application/feed+json", "jsonfeed"),
        ("application/json; charset=utf-8", "jsonfeed"),
        (None, "jsonfeed"),
        ("text/xml", "jsonfeed"),  # the bytes say JSON
    ],
)
def test_the_registry_chooses_json_feed(content_type: str | None, name: str) -> None:
    assert choose(b'  {"version": "https://jsonfeed.org/version/1"}', content_type).name == name


def test_detect_kind_routes_json_feed_to_the_feed_path() -> None:
    assert detect_kind(_feed(items=[])) == "feed"
    assert load_bytes(_feed(title="Empty", items=[])).articles == []
    with pytest.raises(IngestError, match=r"^not a feed: it is JSON, not RSS, Atom or JSON Feed$"):
        detect_kind(b'{"title": "x"}')


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "broken JSON (line 1)"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "a JSON Feed without an items list"),
        (b'{"version": "https://jsonfeed.org/version/1", "x": "\xff"}', "the JSON is not UTF-8"),
        (b"[1, 2]", "it is JSON, not RSS, Atom or JSON Feed"),
    ],
)
def test_bad_json_is_one_line(data: bytes, message: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(data, content_type="application/feed+json")
    assert str(caught.value) == f"not a feed: {message}"


def test_deeply_nested_json_is_refused_quickly() -> None:
    data = b'{"version": "https://jsonfeed.org/version/1", "items": ' + b"[" * 200_000
    data += b"]" * 200_000 + b"}"
    start = time.perf_counter()
    with pytest.raises(FeedError, match=r"^not a feed: the JSON is nested too deeply$"):
        parse_feed(data)
    assert time.perf_counter() - start < 2


def test_huge_json_is_refused_by_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonfeed, "MAX_JSON_BYTES", 1000)
    data = _feed(items=[{"id": str(n), "content_text": "x" * 100} for n in range(20)])
    with pytest.raises(FeedError, match=r"^not a feed: the JSON is too large"):
        parse_feed(data)


def test_hostile_text_is_cleaned_by_the_article_builder() -> None:
    data = _feed(
        title="Feed\x1b]0;PWNED\x07",
        items=[{"id": "1", "title": "X\x1b]52;c;ZWNo\x07Y\u009b2J", "content_text": "Body"}],
    )
    loaded = load_bytes(data)
    assert loaded.source == "Feed"
    assert loaded.articles[0].title == "XY"


def test_discovery_and_accept_advertise_json_feed() -> None:
    page = (
        b'<html><head><link rel="alternate" type="application/feed+json" href="/feed.json">'
        b'<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">'
        b"</head><body></body></html>"
    )
    assert discover_feeds(page, "https://site.example/") == ["https://site.example/feed.json"]
    assert "application/feed+json" in ACCEPT
