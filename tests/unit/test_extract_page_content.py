"""Main-content choice on saved pages (extract/content.py): invented pages, one per pattern."""

from __future__ import annotations

import json

from newsreader.extract.content import drop_furniture
from newsreader.extract.page import parse_html_page
from newsreader.model import Figure, Heading, ListBlock, Paragraph

STORY = [
    "The harbour board of Port Ellis voted on Tuesday to rebuild the old fish market, a hall "
    "that has stood empty since the storm of last winter tore half of its roof away.",
    "Traders who moved to tents on the quay said the vote came none too soon, because the "
    "tents leak, the ice runs out by noon and customers have drifted to the supermarket.",
    "The new hall will keep the brick walls of the old one, with a timber roof, cold rooms "
    "along the back and a row of stalls that open to the water on fine days.",
    "Work is due to start in the spring and to take about a year, the board said, and the "
    "traders will pay no rent for their tents until the hall opens again.",
    "Some members asked whether the money would be better spent on the breakwater, which "
    "also took damage in the storm, but the motion passed by seven votes to two.",
]


def _page(body: str, head: str = "") -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<title>Fish market to be rebuilt | Port Ellis Post</title>"
        f"<meta property='og:title' content='Fish market to be rebuilt'>{head}</head>"
        f"<body>{body}</body></html>"
    )


def _story(between: str = "", after: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in STORY[:2])
    rest = "".join(f"<p>{text}</p>" for text in STORY[2:])
    return (
        "<article><h1>Fish market to be rebuilt</h1>"
        f"<div class='article-body'>{paragraphs}{between}{rest}</div>{after}</article>"
    )


def _text(article) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False)


def test_story_among_page_boxes() -> None:
    boxes = (
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        + _story(
            after="<div class='staff-box'><p>About the author: Mara Quill covers the harbour "
            "and has written for the Post since the old days.</p></div>"
        )
        + "<aside class='related'><h2>Related stories</h2><ul><li><a href='/a'>Ferry fares "
        "to rise in autumn</a></li><li><a href='/b'>Lighthouse open for visits</a></li></ul>"
        "</aside>"
        "<div class='newsletter'><p>Sign up for our free morning newsletter in your inbox.</p>"
        "<form><input type='email'><button>Subscribe</button></form></div>"
        "<form class='contact'><p>Write to the editor</p><textarea></textarea></form>"
        "<footer><p>© 2026 Port Ellis Post. All rights reserved.</p>"
        "<p>Imprint · Privacy · Contact</p></footer>"
    )
    article = parse_html_page(_page(boxes))
    paragraphs = [b.text for b in article.blocks if isinstance(b, Paragraph)]
    for text in STORY:
        assert text in paragraphs
    dumped = _text(article)
    for furniture in ("Ferry fares", "Lighthouse open", "newsletter", "All rights", "Imprint"):
        assert furniture not in dumped
    assert "Write to the editor" not in dumped


def test_teaser_lines_and_related_labels_dropped() -> None:
    between = (
        "<p>Read also: Ferry fares to rise in autumn</p>"
        "<p>Lesen Sie auch: Der Leuchtturm öffnet wieder</p>"
        "<p>23.10.2026</p>"
    )
    after = (
        "<p>Affiliate note: links on this page may earn us a commission.</p>"
        "<h3>Auch interessant</h3><p><a href='/x'>Neue Bänke am Hafen</a></p>"
        "<p><a href='/y'>Der Markt am Samstag</a></p>"
    )
    article = parse_html_page(_page(_story(between=between, after=after)))
    dumped = _text(article)
    for text in STORY:
        assert text in dumped
    for furniture in (
        "Read also",
        "Lesen Sie auch",
        "23.10.2026",
        "Auch interessant",
        "Neue Bänke",
        "Der Markt am Samstag",
    ):
        assert furniture not in dumped


def test_lazy_image_figure_with_credit_in_parentheses() -> None:
    between = (
        "<figure><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' "
        "data-src='/img/market-hall.jpg' alt='The empty market hall'>"
        "<figcaption>The hall has stood empty since the storm. (Jon Reyes/Harbour Agency)"
        "</figcaption></figure>"
    )
    article = parse_html_page(
        _page(_story(between=between)), url="https://post.example/news/market"
    )
    figures = [b for b in article.blocks if isinstance(b, Figure)]
    assert figures == [
        Figure(
            src="https://post.example/img/market-hall.jpg",
            alt="The empty market hall",
            caption="The hall has stood empty since the storm.",
            credit="Jon Reyes/Harbour Agency",
        )
    ]
    # in page order: after the second paragraph, before the third
    index = article.blocks.index(figures[0])
    assert article.blocks[index - 1] == Paragraph(STORY[1])
    assert article.blocks[index + 1] == Paragraph(STORY[2])


def test_picture_srcset_and_credit_in_small_and_cite() -> None:
    between = (
        "<figure><picture>"
        "<source srcset='/img/quay-640.webp 640w, /img/quay-1280.webp 1280w'>"
        "<img src='/img/lazy-placeholder.gif' alt='Tents on the quay'></picture>"
        "<figcaption>Traders have sold from tents since January. "
        "<small>Photo: Ada Brenn</small></figcaption></figure>"
    )
    after = (
        "<figure><img data-srcset='/img/roof-800.jpg 800w, /img/roof-1600.jpg 1600w'>"
        "<figcaption>The torn roof.<cite>Port Ellis Post</cite></figcaption></figure>"
    )
    article = parse_html_page(
        _page(
            _story(between=between + "<p>" + STORY[2] + " More.</p>", after="").replace(
                "</div>", after + "</div>", 1
            )
        ),
        url="https://post.example/news/market",
    )
    figures = [b for b in article.blocks if isinstance(b, Figure)]
    assert figures[0] == Figure(
        src="https://post.example/img/quay-1280.webp",
        alt="Tents on the quay",
        caption="Traders have sold from tents since January.",
        credit="Ada Brenn",
    )
    assert figures[1].caption == "The torn roof."
    assert figures[1].credit == "Port Ellis Post"
    assert figures[1].src.endswith("/img/roof-1600.jpg")


def test_lead_figure_in_article_header_comes_first() -> None:
    body = _story().replace(
        "<h1>Fish market to be rebuilt</h1>",
        "<header><h1>Fish market to be rebuilt</h1><figure><img src='/img/lead.jpg' alt=''>"
        "<figcaption>The old market in summer. Photo: Lee Marr</figcaption></figure></header>",
    )
    rail = "<div class='rail'><figure><img src='/img/other.jpg'><figcaption>Another story"
    rail += "</figcaption></figure></div>"
    article = parse_html_page(_page(rail + body), url="https://post.example/news/market")
    first = article.blocks[0]
    assert isinstance(first, Figure)
    assert first.src == "https://post.example/img/lead.jpg"
    assert (first.caption, first.credit) == ("The old market in summer.", "Lee Marr")
    assert "Another story" not in _text(article)


def test_drop_furniture_units() -> None:
    story = Paragraph(STORY[0])
    blocks = [
        story,
        Paragraph("Lea también: Otra noticia del puerto"),
        Paragraph("19:49"),
        Paragraph("Follow us on Twitter"),
        Heading("Weitere Themen"),
        ListBlock(("Teaser one", "Teaser two")),
        Paragraph("Short teaser line"),
        Paragraph(STORY[1]),
    ]
    assert drop_furniture(blocks) == [story, Paragraph(STORY[1])]
    # a label-like phrase inside a long paragraph is text
    long = Paragraph("Read also: " + STORY[2] + " " + STORY[3])
    assert drop_furniture([long]) == [long]
