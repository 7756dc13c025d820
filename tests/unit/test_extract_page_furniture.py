"""Page furniture the chooser keeps, dropped by class of pattern (extract/content.py).

Invented pages, one per pattern; each asserts the story stays whole and the furniture goes.
"""

from __future__ import annotations

import json

from newsreader.extract.page import parse_html_page

STORY = [
    "The valley council agreed on Monday to reopen the old rope ferry across the Tamsel, "
    "which has been tied up at the north bank since its cable snapped two summers ago.",
    "Farmers on the south side have driven forty minutes round by the bridge at Orlen "
    "ever since, and the school bus has done the same, so the vote was cheered in the hall.",
    "A new steel cable will be strung this autumn, the council said, and the ferryman's "
    "hut will get a stove and a telephone before the first crossings in the new year.",
    "The ferry will run from dawn until dusk on weekdays, with a reduced timetable at the "
    "weekend, and foot passengers will cross for free during the first month of service.",
    "Councillors also asked the engineers to look at the landing stage, whose planks have "
    "rotted in places, and to report back on the cost of a ramp for carts and bicycles.",
]


def _page(article_inner: str, head: str = "") -> str:
    body = "".join(f"<p>{text}</p>" for text in STORY)
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Ferry to run again</title>"
        f"<meta property='og:title' content='Ferry to run again'>{head}</head><body>"
        "<main><article><h1>Ferry to run again</h1>"
        f"<div class='story-text'>{body}</div>{article_inner}</article></main>"
        "</body></html>"
    )


def _dumped(html: str) -> str:
    article = parse_html_page(html, url="https://valley.example/news/ferry")
    dumped = json.dumps(article.to_dict(), ensure_ascii=False)
    for text in STORY:
        assert text in dumped
    return dumped


def test_boxes_inside_the_article_by_class_and_tag_are_dropped() -> None:
    boxes = (
        "<div class='entry-tags'><p>Ferries Valley council Transport Rivers</p></div>"
        "<div class='author-box'><p>Wendel Auer writes about the valley's roads and rivers "
        "and has lived beside the ferry landing for most of his life.</p></div>"
        "<section class='editorial-disclosure'><p>Some links on this page earn the paper a "
        "small commission when readers buy through them.</p></section>"
        "<p class='letters-cta__text'>Tell us what you think about this article and write to "
        "the letters desk.</p>"
        "<footer><p>Filed under rivers and crossings of the upper valley</p></footer>"
    )
    dumped = _dumped(_page(boxes))
    for furniture in ("Transport Rivers", "Wendel Auer", "commission", "letters desk", "Filed"):
        assert furniture not in dumped


def test_a_box_word_as_a_bem_modifier_does_not_drop_the_story() -> None:
    # The last two paragraphs sit in a part whose modifier says it carries ad slots.
    html = _page("").replace(
        f"<p>{STORY[3]}</p>", f"</div><div class='report__part report__part--ads'><p>{STORY[3]}</p>"
    )
    _dumped(html)


def test_a_box_that_holds_most_of_the_text_is_the_story() -> None:
    html = _page("").replace("<div class='story-text'>", "<div class='story-text footer'>")
    _dumped(html)


def test_a_paragraph_that_is_one_link_to_another_story_of_the_site_is_dropped() -> None:
    between = (
        "<p><a href='/news/bridge-at-orlen-closes-for-repairs'>Bridge at Orlen closes for "
        "repairs all winter</a></p>"
        "<p><a href='https://www.valley.example/news/school-bus-timetable'>&gt;&gt; New school "
        "bus timetable from March</a></p>"
    )
    kept = (
        "<p><a href='https://registry.example/ferries/tamsel'>The ferry's entry in the river "
        "registry</a></p>"
    )
    html = _page("").replace(f"<p>{STORY[2]}</p>", f"{between}<p>{STORY[2]}</p>{kept}")
    dumped = _dumped(html)
    assert "Bridge at Orlen closes" not in dumped
    assert "school bus timetable" not in dumped
    # a link to another site (a source) is the text's own
    assert "river registry" in dumped


def test_fold_confusables_only_folds_latin_text_in_disguise() -> None:
    from newsreader.extract.patterns import fold_confusables, normalise_line

    # "Follow us" and "Contact us at" spelt with Cyrillic о, ѕ, С, а
    assert fold_confusables("Fоllоw uѕ оn the wire") == "Follow us on the wire"
    assert fold_confusables("Соntасt uѕ аt desk") == "Contact us at desk"
    assert normalise_line("Rеlаtеd ѕtоriеѕ:") == "related stories"
    # Russian and Greek text, or a Cyrillic name in Latin text, stay as they are
    for text in ("Паром снова ходит", "Το πλοίο ξανά", "The ferry Сокол sails again"):
        assert fold_confusables(text) == text


def test_furniture_lines_in_look_alike_letters_and_long_notices_are_dropped() -> None:
    after = (
        # an advertising pitch and a long copyright notice, Latin spelt with Cyrillic letters
        "<p>Аdvеrtіѕе wіth the valley's own paper: we offer flexible packages for shops, "
        "farms and inns, delivered to every reader on both banks of the river each week. "
        "Call the desk or write to us, and we will put together a plan that suits you.</p>"
        "<p>© 2026 Valley Courier. This article is the copyrighted property of the Valley "
        "Courier. Written permission must be obtained before reprint in online or print "
        "media. Reprinting without permission and payment is theft and punishable by law.</p>"
        "<p>Fоllоw uѕ оn the wire for news from the valley</p>"
    )
    html = _page("").replace(f"<p>{STORY[4]}</p>", f"<p>{STORY[4]}</p>{after}")
    dumped = _dumped(html)
    for furniture in ("flexible packages", "copyrighted property", "news from the valley"):
        assert furniture not in dumped


def test_related_labels_by_their_shape_drop_their_teasers() -> None:
    from newsreader.extract.content import drop_furniture
    from newsreader.model import Heading, ListBlock, Paragraph

    story = [Paragraph(text) for text in STORY[:2]]
    for label in (
        "Weitere aktuelle Themen aus dem Tal",
        "Other stories from the valley",
        "Auch auf valley.example",
        "Más sobre El Correo del Valle",
        "Meistgelesene Beiträge",
        "Most shared this week",
        "Mehr zum Thema auf valley.example",
    ):
        blocks = [
            story[0],
            Heading(label),
            ListBlock(("Bridge closes for the winter", "New bus timetable")),
            Paragraph("Ferryman retires after forty years"),
            story[1],
        ]
        assert drop_furniture(blocks) == story, label
    # headings that only begin like a label are the story's own
    for heading in ("Weitere Informationen", "Mehr Geld für die Fähre", "Other costs"):
        blocks = [story[0], Heading(heading), Paragraph("Short line."), story[1]]
        assert drop_furniture(blocks) == blocks, heading


def test_date_labels_and_support_appeals_are_furniture() -> None:
    from newsreader.extract.content import _is_furniture

    for line in (
        "Aktualisiert am 14.06.2026",
        "Last updated: 03/11/2026 09:15",
        "Zuletzt geändert am 2. Mai 2026",
        "Support independent valley news with a small monthly gift",
        "Unterstützen Sie unsere Arbeit am Fluss",
        "Hazte socio y recibe el boletín del valle",
        "If you enjoyed reading this story, tell a neighbour about the Courier",
        "Gefällt dir unser Fährblog? Dann erzähl es weiter",
        "Already a member? You can log in to read the rest of the story.",
    ):
        assert _is_furniture(line), line
    for line in (
        "Updated figures from the council show the ferry paid its way last year.",
        "Support for the ferry came from both banks of the river.",
        "Veröffentlicht am 2. Mai 2026 hat der Rat die Pläne für die Fähre vorgestellt.",
    ):
        assert not _is_furniture(line), line


def test_comment_and_cookie_boxes_by_class_are_dropped() -> None:
    boxes = (
        "<section class='kommentare'><p>Noch keine Kommentare zu diesem Beitrag vorhanden, "
        "schreiben Sie den ersten.</p></section>"
        "<div class='ConsentCookieBox'><p>Click below to load the map from the mapping "
        "service and accept its terms.</p></div>"
    )
    dumped = _dumped(_page(boxes))
    assert "Noch keine Kommentare" not in dumped
    assert "load the map" not in dumped


def test_an_h1_in_the_chosen_text_is_not_a_heading_of_the_story() -> None:
    # the headline, worded a little differently from the title, inside the text's element
    html = _page("").replace(
        "<div class='story-text'>",
        "<div class='story-text'><h1>14.05.2026 Ferry on the Tamsel to run again</h1>",
    )
    article = parse_html_page(html, url="https://valley.example/news/ferry")
    assert article.title == "Ferry to run again"
    assert "14.05.2026" not in _dumped(html)


def test_ways_back_and_on_are_furniture_but_headings_like_them_are_not() -> None:
    from newsreader.extract.content import _is_furniture

    for line in (
        "« Zurück zur Übersicht",
        "Zurück zu den Veranstaltungen",
        "Back to the newsroom",
        "Volver a la portada",
        '… weiter zu "Die Fähre im Winter"',
        "Next article",
    ):
        assert _is_furniture(line), line
    for line in ("Zurück zu den Wurzeln", "Back to basics", "Next story: the ferry"):
        assert not _is_furniture(line), line


def test_link_line_test_never_raises_on_a_broken_address() -> None:
    from lxml import html as lxml_html

    from newsreader.extract.content import _drop_link_lines, _link_line
    from newsreader.model import Paragraph

    line = Paragraph("Broken link line")
    element = lxml_html.fromstring("<p><a href='http://[broken/x'>Broken link line</a></p>")
    assert not _link_line(line, element, "valley.example")
    # and a page address that does not parse leaves the blocks as they are
    assert _drop_link_lines([line], [element], "http://[bad") == ([line], [element])


def test_boxes_by_aria_role_and_hidden_inside_the_article_are_dropped() -> None:
    boxes = (
        "<div role='complementary'><p>Timetables for every crossing of the valley's rivers "
        "are printed in the Saturday paper.</p></div>"
        "<div aria-hidden='true'><p>Duplicate strip of the story for the sliding carousel "
        "on small screens.</p></div>"
    )
    dumped = _dumped(_page(boxes))
    assert "Saturday paper" not in dumped
    assert "sliding carousel" not in dumped
