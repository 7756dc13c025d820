"""Feed bytes → articles: the bundled samples, hostile text (E rows), parse faults (P rows),
encodings and DOCTYPE handling."""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import re
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import pytest

from newsreader.extract import entries as parse_module
from newsreader.extract.entries import MAX_ENTRIES, ParsedFeed
from newsreader.formats.prepare import strip_doctype
from newsreader.formats.registry import FeedError
from newsreader.ingest import read_feed as parse_feed
from newsreader.model import Article, Attribution, Figure, Heading, ListBlock, Paragraph, Quote

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_feeds"
CORPUS = ROOT / "tests" / "data" / "feeds"


def sample(name: str) -> ParsedFeed:
    return parse_feed((SAMPLES / name).read_bytes())


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def rss(items: str, title: str = "Test feed", head: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{head}<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:media="http://search.yahoo.com/mrss/">'
        f"<channel><title>{title}</title><link>https://feed.example/</link>{items}"
        "</channel></rss>"
    ).encode()


def by_title(feed: ParsedFeed) -> dict[str, Article]:
    return {a.title: a for a in feed.articles}


def figures(article: Article) -> list[Figure]:
    return [b for b in article.blocks if isinstance(b, Figure)]


def all_strings(feed: ParsedFeed) -> list[str]:
    """Every string the parse produced (feed fields, article fields, block fields)."""
    out = [feed.title, feed.link]
    for a in feed.articles:
        out += [a.title, a.url, a.author, a.section, a.dek, a.guid, a.feed]
        for b in a.blocks:
            out += _fields(b)
    return out


def _fields(block: object) -> list[str]:
    values = []
    for name in block.__dataclass_fields__:  # type: ignore[attr-defined]
        value = getattr(block, name)
        values += list(value) if isinstance(value, tuple) else [str(value)]
    return values


# -- the bundled samples ----------------------------------------------------------


def test_rss_content_encoded_sample_metadata() -> None:
    feed = sample("harbour-courier.xml")
    assert feed.title == "The Harbour Courier"
    assert feed.link == "https://harbourcourier.example/"
    assert [a.title for a in feed.articles] == [
        "Ferry crews return to the water as the Kessel bridge closes for repairs",
        "Night market returns to Salt Street with forty stalls and a rule about plastic",
        "Council votes to keep the lido open through the winter & heat it with waste from "
        "the brewery",
    ]
    ferry, market, lido = feed.articles
    assert ferry.url == "https://harbourcourier.example/news/2026/11/ferry-crews-return"
    assert ferry.guid == "courier-2026-11-16-ferry"
    assert ferry.author == "Mara Lindqvist"
    assert ferry.section == "Local"
    assert ferry.feed == "The Harbour Courier"
    assert ferry.published == datetime(2026, 11, 16, 6, 45, tzinfo=UTC)
    assert ferry.dek == "For eleven weeks, the only way across the estuary will be by boat."
    # a relative <link> resolves against the channel link
    assert market.url == "https://harbourcourier.example/news/2026/11/night-market-returns"
    assert market.guid == "https://harbourcourier.example/?p=48213"
    assert market.dek == "Organisers say the market will be plastic-free this year."
    assert market.section == "Culture"
    assert lido.dek == ""  # no description: nothing distinct from the body
    assert lido.published == datetime(2026, 11, 10, 12, 0, tzinfo=UTC)


def test_rss_content_encoded_sample_blocks() -> None:
    ferry, market, lido = sample("harbour-courier.xml").articles
    assert figures(ferry) == [
        Figure(
            "https://harbourcourier.example/media/2026/11/ferry-dawn.jpg",
            "A white ferry leaves the quay at dawn",
            "The first relief ferry leaves Amsel quay shortly after six o'clock on Monday.",
            "Tomas Erlen/Harbour Courier",
            1200,  # the size the page declared (room is kept for the picture)
            800,
        ),
        Figure(  # lazy image: data-src, not the data: placeholder
            "https://harbourcourier.example/media/2026/11/queue-bikes.jpg",
            "Cyclists queue on the quay",
            "Cyclists wait for the 7.20 sailing.",
            "Ines Marrow",
        ),
    ]
    assert ferry.blocks[0] == figures(ferry)[0]  # the lead image comes first
    paragraphs = [b.text for b in ferry.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("The engines of the Kessel Maid were warm")
    assert paragraphs[-1].startswith("The ferries will carry a record of every crossing")
    text = "\n".join(paragraphs)
    for boilerplate in ("Advertisement", "newsletter", "Subscribe", "WATCH"):
        assert boilerplate not in text
    assert Heading("Buses and the long way round") in ferry.blocks
    videos = [b for b in ferry.blocks if b.type == "video"]
    assert "https://www.youtube.com/embed/dQw4w9WgXcQ" in [v.src for v in videos]
    assert any(v.title.startswith("Inside the") for v in videos)

    assert figures(market)[0].caption == "Stallholders set up on Salt Street on Friday evening."
    assert figures(market)[0].credit == "Anna Keel/Harbour Courier"
    assert "Related" not in market.body_text
    assert "Market breaks visitor record" not in market.body_text

    assert (
        Quote(
            "We are not asking for a tropical lagoon. Fourteen degrees in January would feel like "
            "a miracle."
        )
        in lido.blocks
    )
    assert (
        ListBlock(
            (
                "Opening hours: 7am to 7pm, every day",
                "Water temperature: 14°C target from December",
                "Prices: unchanged for the season",
            )
        )
        in lido.blocks
    )
    assert lido.blocks[-1] == Attribution("With files from Jonah Peel.")
    assert "Share" not in lido.body_text
    assert figures(lido) == []


def test_atom_xhtml_sample_with_xml_base() -> None:
    feed = sample("northfield-science.atom.xml")
    assert feed.title == "Northfield Science Desk"
    assert feed.link == "https://science.northfield.example/"
    peat, swifts = feed.articles
    # type="html" title: markup becomes text
    assert peat.title == "Why the bog remembers: a core sample 9,000 years deep"
    assert peat.url == "https://science.northfield.example/stories/2026/11/peat-core"
    assert peat.guid == "tag:science.northfield.example,2026:peat-core"
    assert peat.author == "Dr Imke Sandvoort"
    assert peat.section == "Environment"  # the category label over its term
    assert peat.published == datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
    assert peat.dek == (
        "A team drilled eleven metres into Harrow Moss and found a diary of climate, "
        "fire and farming."
    )
    assert peat.blocks[0] == Figure(
        "https://science.northfield.example/stories/2026/11/images/peat-core.jpg",
        "A long cylinder of dark peat lying in a metal tray",
        "The core, cut into one-metre sections, in the laboratory at Northfield.",
        "Lena Falk/Northfield University",
    )
    assert Heading("Reading the layers") in peat.blocks
    assert sum(isinstance(b, Paragraph) for b in peat.blocks) == 6
    assert peat.reading_minutes == 1

    assert swifts.url == "https://science.northfield.example/stories/2026/11/swift-count"
    assert swifts.published == datetime(2026, 11, 18, 17, 45, tzinfo=UTC)  # <updated> only
    assert swifts.section == "wildlife"
    assert figures(swifts) == [
        Figure(
            "https://science.northfield.example/stories/2026/11/images/swift-box.jpg",
            "A wooden nest box under a stone eave",
            "One of the first nest boxes, fitted in October.",
            "",
        )
    ]


def test_media_rss_sample_caption_and_credit() -> None:
    feed = sample("valley-photo-wire.xml")
    snow, cheese = feed.articles
    assert snow.blocks[0] == Figure(
        "https://photowire.valley.example/img/2026/11/corrin-plough.jpg",
        "Snowplough on the Corrin pass",
        "A snowplough clears the road below the Corrin summit on Sunday morning.",
        "Ruth Hallam/Valley Photo Wire",
    )
    assert [type(b) for b in snow.blocks] == [Figure, Paragraph, Paragraph, Paragraph]
    # media:description is the caption, never the body or the dek
    assert "snowplough clears" not in snow.body_text.lower()
    assert snow.dek == ""
    assert snow.guid == snow.url == "https://photowire.valley.example/2026/11/corrin-pass-snow"
    assert snow.published == datetime(2026, 11, 22, 14, 20, tzinfo=UTC)
    # an image enclosure becomes the lead figure when the body has none
    assert cheese.blocks[0] == Figure(
        "https://photowire.valley.example/img/2026/11/tunnel-cheese.jpg", "", "", ""
    )
    assert cheese.author == "Petra Donnell"


def test_windows_1252_sample() -> None:
    feed = sample("cafe-gazette-cp1252.xml")
    assert feed.title == "Café Gazette — Rue Sévigné"
    prices, fete = feed.articles
    assert (
        prices.title == "“Un café, s’il vous plaît”: the espresso now costs €2.40 at the Brûlerie"
    )
    assert prices.author == "Amélie Rousseau"  # "email (Name)" form
    assert prices.section == "Économie"
    assert prices.published == datetime(2026, 10, 28, 7, 15, tzinfo=UTC)
    assert (
        ListBlock(
            (
                "Café des Arts: €2.20",
                "Le Tabac du Marché: €1.90",
                "The chain café by the métro: €3.10",
            )
        )
        in prices.blocks
    )
    assert fete.title == "Fête de quartier: the crêpe stand raised €1,180 for the école Pasteur"
    assert fete.blocks == (
        Paragraph("Four hundred crêpes, two broken pans and one very tired parents’ association."),
        Paragraph("The money will pay for a school trip to the coast in June."),
    )
    assert fete.dek == ""  # the description is the body


def test_samples_are_substantial_and_dated_2026() -> None:
    articles = [
        a for p in sorted(SAMPLES.glob("*.xml")) for a in parse_feed(p.read_bytes()).articles
    ]
    assert 5 <= len(articles) <= 10
    assert all(a.published and a.published.year == 2026 for a in articles)
    long_ones = [a for a in articles if len(a.body_text.split()) >= 250]
    assert len(long_ones) >= 3


# -- hostile text (E rows) ---------------------------------------------------------

E_ROWS = {
    "E1": ("X\x1b]52;c;ZWNobyBwd25lZA==\x07Y", "XY"),
    "E2": ("X\x1b]52;c;ZWNobyBwd25lZA==\x1b\\Y", "XY"),
    "E3": ("A\x1b]0;PWNED\x07B\x1b[21tC", "ABC"),
    "E4": ("\x1b]8;;http://evil/\x1b\\click\x1b]8;;\x1b\\", "click"),
    "E5": ("\x1b[2J\x1b[H FAKE STATUS OK\x1b[1A\x1b[K", "FAKE STATUS OK"),
    "E6": ("a\x9b2Jb\x9d0;x\x07c\x90q\x9cd", "abcd"),
    "E7": ("Tail end\x1b]52;c;AAAA", "Tail end"),
    "E8": ("a\x1bP+q544e\x1b\\b\x1b_Gf=100;AAAA\x1b\\c", "abc"),
    "E11": ("good\rEVIL a\bb c\x0ed", "good EVIL ab cd"),
    "E12": ("invoice\u202egpj.exe \u2066iso\u2069 zero\u200bwidth", "invoicegpj.exe iso zerowidth"),
    "M1": ("Re: [/] notes [@click=app.quit]x[/]", "Re: [/] notes [@click=app.quit]x[/]"),
}


@pytest.mark.parametrize("row", sorted(E_ROWS))
def test_hostile_text_in_every_field(row: str) -> None:
    raw, expected = E_ROWS[row]
    xml_raw = raw.replace("&", "&amp;").replace("<", "&lt;")
    data = rss(
        f"<item><title>{xml_raw}</title><author>{xml_raw}</author><category>{xml_raw}</category>"
        f"<link>https://feed.example/a</link>"
        f"<description>Summary {xml_raw}</description>"
        f"<content:encoded><![CDATA[<p>Body {raw}</p><figure><img src='/i.jpg'>"
        f"<figcaption>Cap {raw}</figcaption></figure>]]></content:encoded></item>",
        title=f"Feed {xml_raw}",
    )
    feed = parse_feed(data)
    (article,) = feed.articles
    assert feed.title == f"Feed {expected}"
    assert article.title == expected
    assert article.author == expected
    assert article.section == expected
    assert article.dek == f"Summary {expected}"
    assert Paragraph(f"Body {expected}") in article.blocks
    assert figures(article)[0].caption == f"Cap {expected}"


def test_e9_numeric_character_reference_escape_in_title() -> None:
    feed = parse_feed(rss("<item><title>&#27;[31mRED&#27;[0m</title><guid>e9</guid></item>"))
    assert feed.articles[0].title == "RED"


def test_e10_escaped_html_with_escape_reference() -> None:
    feed = parse_feed(
        rss(
            "<item><title>t</title><description>&lt;p&gt;safe&amp;#x1b;[2Jtext&lt;/p&gt;"
            "</description></item>"
        )
    )
    assert feed.articles[0].blocks == (Paragraph("safetext"),)


def test_e12_bidi_and_zero_width_in_links() -> None:
    feed = parse_feed(
        rss("<item><title>t</title><link>https://feed.example/a\u200bb\u202e/c</link></item>")
    )
    assert feed.articles[0].url == "https://feed.example/ab/c"


def test_e13_huge_title_is_truncated() -> None:
    start = time.perf_counter()
    feed = parse_feed(rss(f"<item><title>{'W' * 1_000_000}</title><guid>x</guid></item>"))
    assert time.perf_counter() - start < 3
    assert len(feed.articles[0].title) <= parse_module.MAX_TITLE


def test_no_control_characters_anywhere_in_a_hostile_feed() -> None:
    raw = "".join(v for v, _ in E_ROWS.values())
    data = rss(
        f"<item><title>{raw.replace('&', '&amp;').replace('<', '&lt;')}</title>"
        f"<content:encoded><![CDATA[<h2>{raw}</h2><ul><li>{raw}</li></ul>"
        f"<blockquote>{raw}</blockquote>]]></content:encoded></item>"
    )
    for text in all_strings(parse_feed(data)):
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


# -- parse faults (P rows) -----------------------------------------------------------


def _timed(data: bytes) -> tuple[ParsedFeed | FeedError, float]:
    start = time.perf_counter()
    try:
        result: ParsedFeed | FeedError = parse_feed(data)
    except FeedError as error:
        result = error
    return result, time.perf_counter() - start


@pytest.mark.parametrize("name", ["billion-laughs.xml", "billion-laughs-oneline.xml"])
def test_p1_billion_laughs_is_not_expanded(name: str) -> None:
    result, seconds = _timed(corpus(name))
    assert seconds < 1
    assert isinstance(result, ParsedFeed)
    assert all(len(s) < 1000 for s in all_strings(result))
    assert "lollol" not in "".join(all_strings(result))
    assert "aaaaaaaaaaaaaaaaaaaa" not in "".join(all_strings(result))


def quadratic_feed() -> bytes:
    return rss(
        f"<item><title>q</title><guid>q</guid><description>{'&a;' * 5000}</description></item>",
        head=f'<!DOCTYPE rss [<!ENTITY a "{"x" * 100_000}">]>',
    )


def test_p2_quadratic_blowup_is_not_expanded() -> None:
    result, seconds = _timed(quadratic_feed())
    assert seconds < 1
    assert isinstance(result, ParsedFeed)
    assert max(len(s) for s in all_strings(result)) < 50_000
    assert "xxxxxxxxxx" not in "".join(all_strings(result))


def test_p1_p2_memory_stays_bounded(tmp_path: Path) -> None:
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from newsreader.formats.registry import FeedError\n"
        "from newsreader.ingest import read_feed as parse_feed\n"
        "import newsreader.extract.html\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        parse_feed(Path(path).read_bytes())\n"
        "    except FeedError:\n"
        "        pass\n"
        "print(base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    (tmp_path / "quad.xml").write_bytes(quadratic_feed())
    paths = [CORPUS / "billion-laughs.xml", CORPUS / "billion-laughs-oneline.xml"]
    paths.append(tmp_path / "quad.xml")
    out = subprocess.run(
        [sys.executable, "-c", script, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=True,
    ).stdout
    base_kb, peak_kb = map(int, out.split())
    assert peak_kb - base_kb < 100 * 1024  # less than 100 MB above the interpreter's own


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY leak "NETWORK-LEAK">')

    def log_message(self, *args: object) -> None:
        pass


def test_p3_xxe_reads_no_file_and_fetches_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        data = rss(
            "<item><title>Leak &xxe; &remote;</title><guid>x</guid>"
            "<description>&xxe; %ext; &remote;</description></item>",
            title="XXE &xxe;",
            head=(
                f'<!DOCTYPE rss SYSTEM "http://127.0.0.1:{port}/dtd" ['
                f'<!ENTITY xxe SYSTEM "file://{secret}">'
                f'<!ENTITY remote SYSTEM "http://127.0.0.1:{port}/remote">'
                f'<!ENTITY % ext SYSTEM "http://127.0.0.1:{port}/ext"> %ext;]>'
            ),
        )
        for payload in (data, data.decode().encode("utf-16"), corpus("xxe.xml")):
            feed = parse_feed(payload)
            joined = "\n".join(all_strings(feed))
            assert "TOP-SECRET" not in joined
            assert "NETWORK-LEAK" not in joined
            assert "root:" not in joined
            assert feed.articles[0].title.startswith("Leak")
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.hits == []


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir()))
def test_p4_nothing_but_feed_error_escapes(name: str) -> None:
    result, seconds = _timed(corpus(name))
    assert seconds < 2
    assert isinstance(result, ParsedFeed | FeedError)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.xml", "not a feed: the document is empty"),
        ("whitespace.xml", "not a feed: the document is empty"),
        ("not-a-feed.html", "not a feed: it is an HTML page, not RSS or Atom"),
        ("error-500.html", "not a feed: it is an HTML page, not RSS or Atom"),
        ("not-a-feed.json", "not a feed: it is JSON, not RSS, Atom or JSON Feed"),
        ("truncated-no-entries.xml", "not a feed: broken XML with no entries"),
        ("nul-bytes.xml", "not a feed: broken XML with no entries"),
    ],
)
def test_p4_p5_not_a_feed(name: str, message: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(corpus(name))
    assert str(caught.value) == message


def test_p4_garbage_bytes() -> None:
    with pytest.raises(FeedError, match=r"^not a feed: no RSS or Atom found \(broken XML"):
        parse_feed(corpus("garbage.bin"))


@pytest.mark.parametrize(
    ("name", "titles"),
    [
        ("truncated-with-entry.xml", ["Survivor"]),
        ("unclosed-cdata.xml", ["Fine"]),
        ("bad-encoding-decl.xml", ["Still here"]),
    ],
)
def test_p4_broken_feed_with_entries_is_tolerated(name: str, titles: list[str]) -> None:
    assert [a.title for a in parse_feed(corpus(name)).articles] == titles


def test_p4_every_truncation_of_a_sample_is_handled() -> None:
    data = (SAMPLES / "harbour-courier.xml").read_bytes()
    for cut in range(0, len(data), 397):
        with contextlib.suppress(FeedError):
            parse_feed(data[:cut])


@pytest.mark.parametrize(
    "error",
    [
        re.error("bad"),
        ValueError("v"),
        TypeError("t"),
        UnicodeEncodeError("ascii", "é", 0, 1, "no"),
    ],
)
def test_p4_feedparser_exceptions_become_feed_error(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    import feedparser

    def explode(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(feedparser, "parse", explode)
    with pytest.raises(
        FeedError, match=rf"^not a feed: the parser failed \({type(error).__name__}"
    ):
        parse_feed(rss("<item><title>x</title></item>"))


def test_feedparser_gets_bytes_and_fast_options(monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser

    calls: list[tuple[object, dict]] = []
    real = feedparser.parse

    def spy(data: object, **kwargs: object):
        calls.append((data, kwargs))
        return real(data, **kwargs)

    monkeypatch.setattr(feedparser, "parse", spy)
    parse_feed(
        rss("<item><title>x</title></item>"),
        url="https://feed.example/rss",
        headers={"Content-Type": "application/rss+xml; charset=utf-8"},
    )
    ((data, kwargs),) = calls
    assert isinstance(data, bytes)
    assert kwargs["sanitize_html"] is False
    assert kwargs["resolve_relative_uris"] is False
    assert kwargs["response_headers"] == {
        "content-type": "application/rss+xml; charset=utf-8",
        "content-location": "https://feed.example/rss",
    }
    with pytest.raises(TypeError):
        parse_feed("/etc/passwd")  # type: ignore[arg-type]


def test_an_empty_but_valid_feed_has_no_articles() -> None:
    feed = parse_feed(rss(""))
    assert feed == ParsedFeed("Test feed", "https://feed.example/", [])


def test_p6_entries_are_capped() -> None:
    items = "".join(f"<item><title>n{i}</title><guid>g{i}</guid></item>" for i in range(2500))
    start = time.perf_counter()
    feed = parse_feed(rss(items))
    assert time.perf_counter() - start < 10
    assert len(feed.articles) == MAX_ENTRIES
    assert feed.articles[-1].title == f"n{MAX_ENTRIES - 1}"


@pytest.mark.parametrize(
    "author_xml",
    [
        "<author>{a}</author>",
        "<dc:creator xmlns:dc='http://purl.org/dc/elements/1.1/'>{a}</dc:creator>",
    ],
)
def test_p7_pathological_author_is_bounded(author_xml: str) -> None:
    hostile = "a@" + "a." * 20000 + "!"
    data = rss(f"<item><title>x</title>{author_xml.format(a=hostile)}</item>")
    result, seconds = _timed(data)
    assert seconds < 1
    assert isinstance(result, ParsedFeed)
    assert 0 < len(result.articles[0].author) <= parse_module.MAX_AUTHOR


def test_p7_pathological_atom_author_is_bounded() -> None:
    hostile = "a@" + "a." * 20000 + "!"
    data = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>x</title>'
        f"<id>i</id><author><name>{hostile}</name><email>{hostile}</email></author></entry></feed>"
    ).encode()
    result, seconds = _timed(data)
    assert seconds < 1
    assert isinstance(result, ParsedFeed)


def test_p8_text_plain_content_is_literal() -> None:
    (article,) = parse_feed(corpus("text-plain-content.atom")).articles
    assert article.blocks == (
        Paragraph("Use <script>alert(1)</script> carefully & <b>not bold</b>."),
        Paragraph("Second paragraph."),
    )


def test_p8_text_plain_content_loses_escapes() -> None:
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>x</title>'
        b"<id>i</id><content type='text'>&lt;script&gt;\x1b[2Jx&lt;/script&gt;</content>"
        b"</entry></feed>"
    )
    assert parse_feed(data).articles[0].blocks == (Paragraph("<script>x</script>"),)


def test_p9_duplicate_and_missing_guids() -> None:
    first = parse_feed(corpus("duplicate-guids.xml"))
    second = parse_feed(corpus("duplicate-guids.xml"))
    assert first == second  # deterministic
    assert [a.title for a in first.articles] == ["First copy", "By link", "Nothing", "Long guid"]
    copy, link, nothing, long_guid = first.articles
    assert (copy.guid, copy.url) == ("same", "")  # a guid that is no URL is not a link
    assert (link.guid, link.url) == ("", "https://dups.example/by-link")
    assert (nothing.guid, nothing.url) == ("", "")  # the store hashes the content
    assert long_guid.guid == "sha256:" + hashlib.sha256(b"g" * 10_000).hexdigest()


def test_p10_dates() -> None:
    feed = parse_feed(corpus("dates.xml"))
    assert {a.title: a.published for a in feed.articles} == {
        "none": None,
        "year zero": None,
        "year 99999": None,
        "odd zone": datetime(2026, 3, 2, 21, 0, tzinfo=UTC),
        "far future": None,
        "garbage": None,
        "iso": datetime(2026, 3, 1, 10, 0, tzinfo=UTC),  # Feb 29 2026 rolls over
        "updated only": datetime(2026, 4, 5, 8, 7, 8, tzinfo=UTC),
    }


# -- encodings -----------------------------------------------------------------------

TITLE = "Grüße aus Köln — “quoted” café €5"


def _feed_text(declared: str) -> str:
    decl = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    return (
        f"{decl}<rss version='2.0'><channel><title>{TITLE}</title>"
        f"<item><title>{TITLE}</title><guid>g</guid></item></channel></rss>"
    )


@pytest.mark.parametrize(
    ("codec", "declared"),
    [
        ("cp1252", "windows-1252"),
        ("utf-8", "utf-8"),
        ("utf-8-sig", ""),
        ("utf-16", "utf-16"),  # with BOM
        ("utf-16-be", "utf-16"),
        ("utf-16-le", "utf-16"),
    ],
)
def test_declared_encodings(codec: str, declared: str) -> None:
    data = _feed_text(declared).encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    feed = parse_feed(data)
    assert feed.title == TITLE
    assert feed.articles[0].title == TITLE


def test_iso_8859_1() -> None:
    text = _feed_text("iso-8859-1").replace(" — “quoted”", "").replace(" €5", "")
    feed = parse_feed(text.encode("latin-1"))
    assert feed.articles[0].title == "Grüße aus Köln café"


def test_charset_from_http_headers() -> None:
    data = _feed_text("").encode("cp1252")
    feed = parse_feed(data, headers={"Content-Type": "application/xml; charset=windows-1252"})
    assert feed.articles[0].title == TITLE


def test_mislabelled_latin1_does_not_crash() -> None:
    data = _feed_text("utf-8").replace(" — “quoted”", "").replace(" €5", "").encode("latin-1")
    feed = parse_feed(data, headers={"content-type": "text/xml; charset=utf-8"})
    assert feed.articles[0].title in (
        "Grüße aus Köln café",
        "Gr\ufffd\ufffde aus K\ufffdln caf\ufffd",
    )


# -- DOCTYPE handling ------------------------------------------------------------------


def test_plain_doctype_is_removed_and_the_feed_parses() -> None:
    head = (
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
    )
    data = rss("<item><title>Old &amp; fine</title><guid>o</guid></item>", head=head)
    assert b"DOCTYPE" not in strip_doctype(data)
    assert parse_feed(data).articles[0].title == "Old & fine"


def test_doctype_end_ignores_brackets_inside_quotes_and_comments() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!-- lead --><!DOCTYPE rss [\n<!-- ]> -->'
        b'<!ENTITY a "]> still inside"><!ENTITY b \'<rss>\'>\n]>\n<rss version="2.0"/>'
    )
    assert strip_doctype(data) == b'<?xml version="1.0"?>\n<!-- lead -->\n<rss version="2.0"/>'


def test_entity_declared_outside_a_doctype_is_refused() -> None:
    data = b'<?xml version="1.0"?><!ENTITY a "x"><rss version="2.0"><channel><title>t</title>'
    with pytest.raises(FeedError, match=r"^not a feed: it declares XML entities$"):
        parse_feed(data)


def test_utf16_doctype_is_found() -> None:
    data = quadratic_feed().decode().encode("utf-16")
    result, seconds = _timed(data)
    assert seconds < 1
    assert isinstance(result, ParsedFeed)
    assert "xxxxxxxxxx" not in "".join(all_strings(result))


# -- Media RSS and enclosures ----------------------------------------------------------


def test_media_group_thumbnail_and_html_description() -> None:
    data = rss(
        "<item><title>g</title><guid>g</guid><description>Body text.</description>"
        "<media:group><media:content url='https://cdn.example/v.mp4' medium='video'/>"
        "<media:thumbnail url='/thumb.jpg'/>"
        "<media:description type='html'>&lt;b&gt;Bold&lt;/b&gt; caption</media:description>"
        "<media:credit>Agency</media:credit><media:credit>Agency</media:credit></media:group>"
        "</item>"
    )
    (article,) = parse_feed(data).articles
    assert article.blocks == (
        Figure("https://feed.example/thumb.jpg", "", "Bold caption", "Agency"),
        Paragraph("Body text."),
    )


def test_media_is_not_added_when_the_body_has_a_figure() -> None:
    data = rss(
        "<item><title>f</title><guid>f</guid>"
        "<content:encoded><![CDATA[<figure><img src='https://a.example/body.jpg'>"
        "<figcaption>In body</figcaption></figure><p>Text.</p>]]></content:encoded>"
        "<media:content url='https://a.example/other.jpg' medium='image'/>"
        "<enclosure url='https://a.example/enc.jpg' type='image/jpeg' length='1'/></item>"
    )
    assert [f.src for f in figures(parse_feed(data).articles[0])] == ["https://a.example/body.jpg"]


def test_audio_enclosure_is_not_a_figure() -> None:
    data = rss(
        "<item><title>pod</title><guid>p</guid><description>Listen.</description>"
        "<enclosure url='https://a.example/ep.mp3' type='audio/mpeg' length='1'/></item>"
    )
    assert parse_feed(data).articles[0].blocks == (Paragraph("Listen."),)


def test_dek_that_repeats_the_body_is_dropped() -> None:
    data = rss(
        "<item><title>d</title><guid>d</guid>"
        "<description>The first sentence of the story […]</description>"
        "<content:encoded><![CDATA[<p>The first sentence of the story goes on.</p>]]>"
        "</content:encoded></item>"
    )
    assert parse_feed(data).articles[0].dek == ""


# -- speed -------------------------------------------------------------------------------


def realistic_feed(entries: int = 50) -> bytes:
    """About 8 KB of article HTML per entry: paragraphs, figures, an embed, an ad slot."""
    paragraph = (
        "<p>The committee met on Tuesday to consider the proposal, which would change how the "
        "harbour is dredged and who pays for it. Several members raised concerns about the "
        "cost, and one asked for an independent review before any decision is taken.</p>"
    )
    items = []
    for n in range(entries):
        body = (
            f"<figure><img src='/img/{n}.jpg' alt='Photo {n}'><figcaption>Caption {n}. "
            "<span class='credit'>Photo: Jo Roe/Agency</span></figcaption></figure>"
            + paragraph * 10
            + "<div class='ad-slot'><p>Advertisement</p></div>"
            + paragraph * 10
            + "<iframe src='https://www.youtube.com/embed/abc' title='A video'></iframe>"
            + paragraph * 10
        )
        items.append(
            f"<item><title>Story {n}</title><link>/s/{n}</link><guid>s{n}</guid>"
            f"<pubDate>Mon, 02 Nov 2026 10:{n % 60:02d}:00 GMT</pubDate>"
            f"<description>Summary {n}.</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    return rss("".join(items))


def test_parse_speed_of_a_realistic_feed() -> None:
    data = realistic_feed()
    assert 300_000 < len(data) < 500_000
    parse_feed(data)  # warm imports
    start = time.perf_counter()
    feed = parse_feed(data)
    elapsed = time.perf_counter() - start
    assert len(feed.articles) == 50
    assert figures(feed.articles[0])[0].credit == "Jo Roe/Agency"
    assert elapsed < 3, f"{elapsed:.2f}s for a 50-entry feed"


@pytest.mark.parametrize("row", ["E1", "E2", "E3", "E4", "E5", "E7", "E8", "E11"])
def test_hostile_text_in_a_latin1_feed(row: str) -> None:
    """Escapes in a non-UTF-8 feed are cleaned after feedparser, field by field."""
    raw, expected = E_ROWS[row]
    data = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>é</title>'
        f"<item><title>é {raw}</title><author>{raw}</author><guid>x</guid>"
        f"<description>&lt;p&gt;Body {raw}&lt;/p&gt;</description></item></channel></rss>"
    ).encode("latin-1")
    (article,) = parse_feed(data).articles
    assert article.title == f"é {expected}"
    assert article.author == expected
    assert article.blocks == (Paragraph(f"Body {expected}"),)
