"""Saved HTML pages → Article: main-content choice, metadata, encodings, hostile input, CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.extract.page import decode_page, parse_html_page
from newsreader.model import Attribution, Figure, Heading, Paragraph, Video

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "pages"

COURIER_BLOCKS = (
    Figure(
        src="https://courier.example/img/ferry-lead.jpg",
        alt="The ferry Morwenna leaving harbour at dusk",
        caption="The Morwenna leaves Port Ellis on its first night crossing.",
        credit="Ben Tallis/Coastal Courier",
    ),
    Paragraph(
        "The overnight ferry to the outer islands sailed again on Monday for the first time in "
        "two years, after a refit that cost the operator more than it paid for the boat."
    ),
    Paragraph(
        "About 140 passengers and 30 cars made the nine-hour crossing, arriving at Skerra "
        "shortly after dawn."
    ),
    Heading("Why it stopped"),
    Paragraph(
        "The service was suspended when the old vessel failed an inspection, leaving the "
        "islands with one daytime sailing that often filled up weeks ahead."
    ),
    Figure(
        src="https://courier.example/img/cabins.jpg",
        alt="Rows of bunks in a ferry cabin",
        caption="New cabins sleep four.",
        credit="Ben Tallis/Coastal Courier",
    ),
    Paragraph(
        '"People planned their lives around that boat," said councillor Ewan Brodie. '
        '"Hospital appointments, exams, funerals."'
    ),
    Video(
        "The first night crossing in two minutes",
        "A time-lapse from the bridge of the Morwenna.",
    ),
    Paragraph(
        "The operator said fares would stay at last year's level until the end of the summer."
    ),
    Attribution("With files from Island Press"),
)


def test_saved_page_exact() -> None:
    article = parse_html_page((ROOT / "sample_feeds" / "saved-page.html").read_bytes())
    assert article.blocks == COURIER_BLOCKS
    assert article.title == "Night ferry returns to the islands after two-year pause"
    assert article.feed == "The Coastal Courier"
    assert article.url == "https://courier.example/travel/night-ferry-returns"
    assert article.author == "Isla Moreau"
    assert article.published == datetime(2026, 3, 3, 6, 30, tzinfo=UTC)
    assert article.section == "Travel"
    assert article.dek == (
        "A refitted boat and a new timetable bring back the overnight crossing that islanders "
        "fought to save."
    )
    # Chrome that must not survive anywhere in the article.
    dumped = json.dumps(article.to_dict())
    for chrome in ("cookie", "Comments", "First!", "Harbour wall", "Share on", "Sign up", "Topics"):
        assert chrome not in dumped


def test_density_fallback_without_article_or_main() -> None:
    article = parse_html_page((PAGES / "div-soup.html").read_bytes(), url="https://sw.example/a/")
    assert article.title == "Lighthouse keeper's log goes online"
    assert article.url == "https://sw.example/a/"
    assert article.dek == "Two centuries of weather notes, now searchable."
    assert article.blocks == (
        Paragraph(
            "Two hundred years of handwritten weather notes kept by the keepers of Gull Point "
            "lighthouse can now be searched online, the county archive said on Friday."
        ),
        Paragraph(
            "Volunteers spent three winters typing up the entries, which record wind, rain, "
            "passing ships and, now and then, the keepers' complaints about the food."
        ),
        Figure(
            src="https://sw.example/a/img/log-page.jpg",
            alt="A page of the log, written in brown ink",
        ),
        Paragraph(
            "Climate researchers say the notes fill a gap in the record for a stretch of coast "
            "that had no other weather station until 1950."
        ),
    )


def test_small_article_cards_lose_to_the_real_story() -> None:
    story = "".join(
        f"<p>Paragraph {i} of the real story, which is long enough to count as prose, "
        "with a comma or two, and more words.</p>"
        for i in range(6)
    )
    page = (
        "<html><body><div class='content'><h1>The real story headline here</h1>"
        f"{story}</div><div class='cards'><article><p>A card teaser.</p></article>"
        "<article><p>Another card teaser that is short.</p></article></div></body></html>"
    )
    article = parse_html_page(page)
    assert article.title == "The real story headline here"
    assert len(article.blocks) == 6
    assert all(isinstance(b, Paragraph) and b.text.startswith("Paragraph") for b in article.blocks)


@pytest.mark.parametrize(
    ("name", "title", "text"),
    [
        (
            "cp1252.html",
            "Café owners “delighted” by new square",
            "The café terraces on the new square opened on Saturday — a week early — and "
            "owners said trade was up.",
        ),
        (
            "latin1-http-equiv.html",
            'Café owners "delighted" by new square',
            "The café terraces on the new square opened on Saturday - a week early - and "
            "owners said trade was up.",
        ),
        (
            "utf16-bom.html",
            "Café owners “delighted” by new square",
            "The café terraces on the new square opened on Saturday — a week early — and "
            "owners said trade was up.",
        ),
    ],
)
def test_declared_encodings(name: str, title: str, text: str) -> None:
    article = parse_html_page((PAGES / name).read_bytes())
    assert article.title == title
    assert article.blocks == (Paragraph(text),)


def test_undeclared_invalid_utf8_is_replaced_not_fatal() -> None:
    assert decode_page(b"<p>caf\xe9 ok</p>") == "<p>caf\ufffd ok</p>"
    assert decode_page(b'<meta charset="no-such-codec"><p>\xc3\xa9</p>').endswith("<p>é</p>")


def test_json_ld_used_and_malformed_json_ld_ignored() -> None:
    ld = json.dumps(
        [
            {"@type": "BreadcrumbList"},
            {
                "@type": ["NewsArticle"],
                "headline": "Tide mill grinds flour again",
                "author": [{"name": "Ola Berg"}, {"name": "Li Wei"}],
                "datePublished": "2026-02-01T09:00:00+01:00",
                "articleSection": ["Heritage", "Local"],
                "publisher": {"name": "Estuary Post"},
                "url": "https://post.example/tide-mill",
            },
        ]
    )
    body = "<article><p>The mill on the creek turned for the first time since 1931.</p></article>"
    page = (
        "<html><head><script type='application/ld+json'>{not json</script>"
        f"<script type='application/ld+json'>{'[' * 5000}</script>"
        f"<script type='application/ld+json'>{ld}</script></head><body>{body}</body></html>"
    )
    article = parse_html_page(page)
    assert article.title == "Tide mill grinds flour again"
    assert article.author == "Ola Berg and Li Wei"
    assert article.section == "Heritage"
    assert article.feed == "Estuary Post"
    assert article.url == "https://post.example/tide-mill"
    assert article.published == datetime(2026, 2, 1, 8, 0, tzinfo=UTC)


def test_hostile_metadata_and_body_are_cleaned() -> None:
    page = (
        "<html><head>"
        '<meta property="og:title" content="Storm\x1b]52;c;ZWNobw==\x07 [bold]warning[/bold]">'
        '<meta name="author" content="Jane&#27;[31m Holt">'
        '<link rel="canonical" href="javascript:alert(1)">'
        "</head><body><article><p>Wind &#x1b;[2Jgusts \u202eof 90 km/h are expected "
        "tonight [@click=app.quit]x[/].</p>"
        '<p><a href="file:///etc/passwd">a link</a> stays as text.</p></article></body></html>'
    )
    article = parse_html_page(page, url="https://safe.example/storm")
    assert article.title == "Storm [bold]warning[/bold]"
    assert article.author == "Jane Holt"
    assert article.url == "https://safe.example/storm"
    assert article.blocks[0] == Paragraph(
        "Wind gusts of 90 km/h are expected tonight [@click=app.quit]x[/]."
    )
    dumped = json.dumps(article.to_dict(), ensure_ascii=False)
    for bad in ("\x1b", "\x07", "\u202e", "javascript:", "file:"):
        assert bad not in dumped


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\x00\x00",
        b"\xff\xfe\x00\xd8garbage",
        b"<html><body></body></html>",
        b"<html><head><title></title></head><body><nav>Home News</nav></body></html>",
        b"<html><body><article>" + b"<div>" * 20000 + b"deep" + b"</div>" * 20000,
        b"<html><body><p>unterminated <b>bold <i>text",
    ],
)
def test_malformed_pages_never_raise(data: bytes) -> None:
    article = parse_html_page(data)
    assert isinstance(article.title, str)
    for block in article.blocks:
        assert "\x00" not in block.plain


def test_page_with_only_chrome_has_nothing() -> None:
    article = parse_html_page(
        b"<html><body><nav><a href='/'>Home</a></nav><footer><p>Privacy policy</p></footer>"
        b"<div class='cookie-banner'><p>We use cookies.</p></div></body></html>"
    )
    assert article.title == "" and article.blocks == ()


def test_cli_import_saved_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "store.db")
    path = tmp_path / "page.html"
    path.write_bytes((ROOT / "sample_feeds" / "saved-page.html").read_bytes())
    assert main(["--db", db, "import", str(path)]) == 0
    out = capsys.readouterr().out
    article_id, title = out.rstrip("\n").split("\t")
    assert title == "Night ferry returns to the islands after two-year pause"
    assert main(["--db", db, "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == int(article_id)
    assert rows[0]["feed"] == "The Coastal Courier"
    assert rows[0]["url"] == "https://courier.example/travel/night-ferry-returns"
    # Importing it again updates in place.
    assert main(["--db", db, "import", str(path)]) == 0
    assert capsys.readouterr().out == out
