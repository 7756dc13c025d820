"""Pasted articles in house styles unlike the older samples (invented text).

Each style is checked for what a reader must see (headline, byline, dek, every body
paragraph, figures with the credit split from the caption) and must not see (furniture).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.extract.text import parse_text_article
from newsreader.model import Article, Figure, Heading, ListBlock, Paragraph, Quote

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data" / "text"


def source(name: str) -> Path:
    """The sample: bundled as ``sample_feeds/pasted-NAME`` or kept in tests/data/text."""
    bundled = ROOT / "sample_feeds" / f"pasted-{name}"
    return bundled if bundled.exists() else DATA / name


def parse(name: str) -> Article:
    return parse_text_article(source(name).read_text("utf-8"))


def paragraphs(article: Article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


def figures(article: Article) -> list[tuple[str, str]]:
    return [(b.caption, b.credit) for b in article.blocks if isinstance(b, Figure)]


def everything(article: Article) -> str:
    parts = [article.title, article.dek, article.author, article.section]
    parts += [b.plain for b in article.blocks]
    parts += [f"{b.caption} {b.credit}" for b in article.blocks if isinstance(b, Figure)]
    return "\n".join(parts)


STYLES = {
    # Wire story: dateline in the first paragraph, outlet under the byline, time before date.
    "dateline-wire.txt": dict(
        title="Fjord town votes to keep its ferry as bridge plan stalls",
        author="Halvard Eik",
        published=datetime(2026, 3, 9, 12, 41, tzinfo=UTC),
        paragraphs=5,
        first="ORTHAVEN, Norway (Wire) — Residents",
        figures=[],
        absent=["Wire Service\n", "ADVERTISEMENT", "Copyright", "All rights reserved", "Published"],
    ),
    # Liveblog: timestamps, "Updated HH:MM", a summary list, "Share" after each entry.
    "liveblog.txt": dict(
        title="Storm Ilse live: power cut to 80,000 homes as gusts reach 140 km/h",
        author="",
        published=None,
        paragraphs=3,
        first="The grid operator said",
        figures=[],
        absent=["Updated 14:52", "Share", "Load more"],
    ),
    # Q&A: speaker turns in capitals are paragraphs, never headings.
    "interview-qa.txt": dict(
        title="'I wrote the score in a lighthouse': composer Ada Varga on her first opera",
        author="Tomas Reyes",
        published=datetime(2026, 3, 7, 9, 0, tzinfo=UTC),
        dek="The composer talks to Tomas Reyes about silence, storms and working alone for a year.",
        paragraphs=9,
        first="Ada Varga spent a winter",
        figures=[],
        absent=["Advertisement"],
    ),
    # Magazine long read: headings, a pull quote split by "Brenner says", two credit labels.
    "magazine-longread.txt": dict(
        title="The last clockmakers of Vell",
        author="Noor Haddad",
        published=None,
        paragraphs=7,
        first="The workshop smells of oil and pine.",
        figures=[
            ("", "Emil Strand"),
            (
                "Jonas Brenner at his bench in Vell. He still files every gear by hand.",
                "Emil Strand for The Quarterly",
            ),
            ("Mira Brenner checks a finished movement against a reference clock.", "Emil Strand"),
        ],
        absent=["This article appears", "Subscribe", "Photograph:", "Credit:", "2026 issue"],
    ),
    # Local paper: cookie banner, "Updated 3 hours ago · 4 min read · Listen to this article",
    # an unlabelled "Name / Outlet" credit, a comment count and a most-read list.
    "local-listen.txt": dict(
        title="School bus route cut leaves 40 pupils with hour-long walk",
        author="Rosa Quint",
        published=None,
        dek="Parents say the council gave them two weeks' notice before the change.",
        minutes=4,
        paragraphs=4,
        first="Forty pupils from the Hollins estate",
        figures=[
            (
                "Parents gathered outside the town hall on Thursday evening.",
                "Rosa Quint / Millbrook Courier",
            )
        ],
        absent=[
            "cookie",
            "Manage preferences",
            "Listen to this article",
            "Read more",
            "Comments",
            "Most read",
            "Bakery",
        ],
    ),
    # German: consent banner, "Von", "08.03.2026, 17:45 Uhr", "Anzeige", "Lesen Sie auch", "Foto:".
    "german-zeitung.txt": dict(
        title="Stadtrat beschließt autofreie Altstadt ab Herbst",
        author="Lena Hofmann",
        section="Politik",
        published=datetime(2026, 3, 8, 17, 45, tzinfo=UTC),
        dek="Nach monatelangem Streit stimmt eine knappe Mehrheit für das Verkehrskonzept. "
        "Händler kündigen Widerstand an.",
        paragraphs=4,
        first="Der Stadtrat von Kaltenbrunn",
        figures=[("Der Marktplatz von Kaltenbrunn am Dienstag.", "Jan Berger/dpa")],
        absent=[
            "Cookies",
            "Zustimmen",
            "Anzeige",
            "Lesen Sie auch",
            "Mehr zum Thema",
            "Artikel teilen",
            "Foto:",
            "Uhr\n",
        ],
    ),
    # Photo essay: a "In pictures:" headline and five credit formats.
    "photo-essay.txt": dict(
        title="In pictures: the salt harvest on the Ardent coast",
        author="",
        published=datetime(2026, 3, 9, tzinfo=UTC),
        paragraphs=0,
        first=None,
        figures=[
            ("Yvette Lacroix, 59, rakes salt at dawn before the wind rises.", "Kai Moreau"),
            (
                "The pans are flooded from the sea in spring and left to dry through the summer.",
                "Kai Moreau / Coastline Agency",
            ),
            (
                "Children help to carry the baskets to the drying heaps.",
                "Kai Moreau for Harbour Weekly",
            ),
            ("A finished heap of grey salt, ready to be covered against the rain.", "Kai Moreau"),
            (
                "The harvest ends when the first autumn storm arrives, usually in late September.",
                "Kai Moreau/Coastline Agency/Getty Images",
            ),
        ],
        absent=["©", "Share this gallery", "More galleries", "Photograph:", "Credit:"],
    ),
    # E-mail newsletter: "View in browser", a sponsor line, "forwarded to you", an unsubscribe bar.
    "newsletter.txt": dict(
        title="Why your energy bill is about to fall, and why it may not last",
        author="",
        published=datetime(2026, 3, 10, tzinfo=UTC),
        paragraphs=3,
        first="Good morning.",
        figures=[],
        absent=[
            "View in browser",
            "Forward to a friend",
            "Sponsored",
            "forwarded",
            "Sign up",
            "Unsubscribe",
            "Privacy",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(STYLES))
def test_house_style(name: str) -> None:
    want = STYLES[name]
    article = parse(name)
    assert article.title == want["title"]
    assert article.author == want["author"]
    assert article.published == want["published"]
    if "dek" in want:
        assert article.dek == want["dek"]
    if "section" in want:
        assert article.section == want["section"]
    if "minutes" in want:
        assert article.reading_minutes == want["minutes"]
    body = paragraphs(article)
    assert len(body) == want["paragraphs"], body
    if want["first"]:
        assert body[0].startswith(want["first"])
    assert figures(article) == want["figures"]
    text = everything(article) + "\n"
    for furniture in want["absent"]:
        assert furniture not in text, furniture


@pytest.mark.parametrize("name", sorted(STYLES))
def test_every_source_paragraph_is_kept(name: str) -> None:
    """Each long line of the sample (a body paragraph) reaches the article word for word."""
    article = parse(name)
    text = everything(article)
    for line in source(name).read_text("utf-8").splitlines():
        furniture = any(
            w in line for w in ("cookie", "Cookie", "Copyright", "Sign up", "appears in")
        )
        if len(line.split()) >= 12 and line.endswith(".") and not furniture:
            assert line in text, line


def test_interview_turns_are_paragraphs_not_headings() -> None:
    article = parse("interview-qa.txt")
    assert not [b for b in article.blocks if isinstance(b, Heading)]
    assert "TOMAS REYES: Why a lighthouse?" in paragraphs(article)


def test_liveblog_entries_keep_their_times_headlines_and_summary_list() -> None:
    article = parse("liveblog.txt")
    headings = [b.text for b in article.blocks if isinstance(b, Heading)]
    assert headings == [
        "Summary",
        "14:52 GMT · Grid operator says most homes will be reconnected by tonight",
        "14:32 GMT · Rail operator extends suspension",
        "13:58 GMT · Coastguard rescues two walkers",
    ]
    lists = [b for b in article.blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1 and len(lists[0].items) == 3


def test_pull_quote_without_its_attribution_is_a_quote() -> None:
    article = parse("magazine-longread.txt")
    quotes = [b.text for b in article.blocks if isinstance(b, Quote)]
    assert quotes == ["“We were told we were a museum. Fine. Museums are still open.”"]
    assert '"We were told we were a museum," Brenner says. "Fine. Museums are still open."' in (
        paragraphs(article)
    )


def test_headings_of_the_long_read() -> None:
    article = parse("magazine-longread.txt")
    headings = [b.text for b in article.blocks if isinstance(b, Heading)]
    assert "A trade that outlived its market" in headings
    assert "The next generation" in headings


# ----------------------------------------------------------- the same classes, other words

HEAD = "Harbour board approves a second ferry berth for the island route\n\n"
BODY = (
    "The harbour board approved the new berth on Monday after a two-year review of traffic "
    "on the island route.\n\n"
)
TAIL = "Work on the berth is due to start in the autumn and to take about eighteen months.\n"


@pytest.mark.parametrize(
    "furniture",
    [
        "Publicité",
        "Publicidad",
        "Werbung",
        "Lire aussi : Le port agrandit son terminal",
        "Lea también: El puerto bate su récord",
        "Leggi anche: Il porto cresce",
        "© 2026 Harbour Times. Tous droits réservés.",
        "Copyright © 2026 Island Media Ltd",
        "Presented by Coastal Bank",
        "Kommentare (31)",
        "7 comments",
        "Unsubscribe | Manage preferences | Privacy policy",
        "Nous utilisons des cookies pour améliorer votre expérience.",
        "Tout accepter",
        "Got it!",
        "Listen · 5:32",
        "Follow Jana Roth on Bluesky",
        "Ad Feedback",
        "Continue reading the main story",
    ],
)
def test_furniture_in_other_words_is_dropped(furniture: str) -> None:
    article = parse_text_article(HEAD + BODY + furniture + "\n\n" + TAIL)
    assert [b.plain for b in article.blocks] == [BODY.strip(), TAIL.strip()]


@pytest.mark.parametrize(
    ("credit_line", "credit"),
    [
        ("© Lina Park", "Lina Park"),
        ("LINA PARK / ISLAND NEWS", "LINA PARK / ISLAND NEWS"),
        ("Bild: Lina Park/dpa", "Lina Park/dpa"),
        ("Crédit photo : Lina Park", "Lina Park"),
        ("Fotografía: Lina Park / EFE", "Lina Park / EFE"),
        ("GETTY IMAGES", "GETTY IMAGES"),
        ("AFP via Getty Images", "AFP via Getty Images"),
    ],
)
def test_caption_then_credit_line_in_other_formats(credit_line: str, credit: str) -> None:
    caption = "The old ferry berth at low tide on Monday."
    article = parse_text_article(HEAD + BODY + caption + "\n" + credit_line + "\n\n" + TAIL)
    assert figures(article) == [(caption, credit)]
    assert paragraphs(article) == [BODY.strip(), TAIL.strip()]


@pytest.mark.parametrize(
    ("byline", "date", "published"),
    [
        (
            "Von Jana Roth",
            "Aktualisiert am 12.05.2026, 08:15 Uhr",
            datetime(2026, 5, 12, 8, 15, tzinfo=UTC),
        ),
        ("Par Luc Martin", "Publié le 12.05.2026 à 08h15", datetime(2026, 5, 12, tzinfo=UTC)),
        ("Por Ana Gil", "12.05.2026 - 08:15 h", datetime(2026, 5, 12, 8, 15, tzinfo=UTC)),
        (
            "By Sam Lee",
            "Published 8:15 AM EDT, May 12, 2026",
            datetime(2026, 5, 12, 12, 15, tzinfo=UTC),
        ),
    ],
)
def test_bylines_and_dates_in_other_languages(byline: str, date: str, published: datetime) -> None:
    article = parse_text_article(HEAD + byline + "\n" + date + "\n\n" + BODY + TAIL)
    assert article.author == byline.split(" ", 1)[1]
    assert article.published == published
    assert paragraphs(article) == [BODY.strip(), TAIL.strip()]


def test_question_and_answer_labels_are_not_headings() -> None:
    text = HEAD + BODY + "Q: Why a second berth?\n\nA: Because the first is full.\n\n" + TAIL
    article = parse_text_article(text)
    assert not [b for b in article.blocks if isinstance(b, Heading)]
    assert "Q: Why a second berth?" in paragraphs(article)


def test_a_short_label_before_a_colon_is_no_credit() -> None:
    article = parse_text_article("In photos: a week on the island ferry\n\n" + BODY + TAIL)
    assert article.title == "In photos: a week on the island ferry"
    assert figures(article) == []


def test_name_line_then_its_bio_is_the_byline() -> None:
    text = HEAD + "Jana Roth\nJana Roth is a writer based on the island.\n\n" + BODY + TAIL
    article = parse_text_article(text)
    assert article.author == "Jana Roth"
    assert paragraphs(article) == [BODY.strip(), TAIL.strip()]


def test_a_cookie_banner_above_the_headline_is_not_the_headline() -> None:
    text = "This website uses cookies to give you the best experience.\nGot it!\n" + HEAD + BODY
    assert parse_text_article(text).title == HEAD.strip()


def test_liveblog_entry_times_without_a_summary() -> None:
    text = (
        "Flood live: river peaks in Dunmere overnight\n\n"
        "9:05 a.m. ET\nRiver crest passes the bridge\n"
        + BODY
        + "8:40 a.m. ET\nSchools closed for the day\n"
        + TAIL
    )
    article = parse_text_article(text)
    headings = [b.text for b in article.blocks if isinstance(b, Heading)]
    assert headings == [
        "9:05 a.m. ET · River crest passes the bridge",
        "8:40 a.m. ET · Schools closed for the day",
    ]
    assert paragraphs(article) == [BODY.strip(), TAIL.strip()]


@pytest.mark.parametrize(
    "date",
    [
        "9. März 2026",
        "Publié le 9 mars 2026",
        "9 de marzo de 2026",
        "Stand: 9. März 2026, 10:30 Uhr",
    ],
)
def test_dates_with_month_names_in_other_languages(date: str) -> None:
    article = parse_text_article(HEAD + "Von Jana Roth\n" + date + "\n\n" + BODY + TAIL)
    assert article.published is not None
    assert article.published.date() == datetime(2026, 3, 9).date()
    assert paragraphs(article) == [BODY.strip(), TAIL.strip()]


@pytest.mark.parametrize(
    ("stated", "minutes"),
    [("Reading time: 7 minutes", 7), ("Temps de lecture : 6 min", 6), ("8 min de lectura", 8)],
)
def test_stated_reading_time_in_other_words(stated: str, minutes: int) -> None:
    article = parse_text_article(HEAD + "By Jana Roth\n" + stated + "\n\n" + BODY + TAIL)
    assert article.reading_minutes == minutes
    assert paragraphs(article) == [BODY.strip(), TAIL.strip()]


def test_a_month_and_year_alone_stays_but_an_edition_line_goes() -> None:
    text = HEAD + "Ausgabe März 2026\n\n" + BODY + "March 2026\n\n" + TAIL
    article = parse_text_article(text)
    assert [b.plain for b in article.blocks] == [BODY.strip(), "March 2026", TAIL.strip()]
