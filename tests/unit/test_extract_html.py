"""Feed HTML → blocks (newsreader.extract.html) and the credit/boilerplate patterns.

Every sample is invented for this project. Each test states the exact blocks.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.extract import patterns, rules
from newsreader.extract.html import MAX_BLOCKS, html_to_blocks
from newsreader.extract.patterns import (
    is_attribution,
    is_boilerplate,
    parse_promo,
    split_credit,
)
from newsreader.model import (
    Attribution,
    Code,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Video,
    block_to_dict,
)

BASE = "https://news.example/coast/harbour-story"
DATA = Path(__file__).resolve().parents[1] / "data" / "html"


def blocks(html: str, base: str = BASE) -> list:
    return html_to_blocks(html, base)


# --------------------------------------------------------------------------- text blocks


def test_paragraphs_keep_inline_text_and_decode_entities() -> None:
    html = (
        "<p>The <b>ferry</b> left at <em>dawn</em> &amp; returned &mdash; late.</p>"
        "<p>  Tides\n\t were   high.  </p>"
    )
    assert blocks(html) == [
        Paragraph("The ferry left at dawn & returned — late."),
        Paragraph("Tides were high."),
    ]


def test_loose_text_and_double_br_make_paragraphs() -> None:
    html = "<div>Gulls circled the pier.<br>They were loud.<br><br>Then rain came.</div>Last word."
    assert blocks(html) == [
        Paragraph("Gulls circled the pier. They were loud."),
        Paragraph("Then rain came."),
        Paragraph("Last word."),
    ]


def test_br_runs_with_whitespace_between_still_split() -> None:
    assert blocks("<p>One<br/> \n <br />Two</p>") == [Paragraph("One"), Paragraph("Two")]


def test_empty_and_whitespace_only_paragraphs_are_dropped() -> None:
    html = "<p></p><p> &nbsp; </p><p>\u00a0</p><div><span> </span></div><p>Kept.</p>"
    assert blocks(html) == [Paragraph("Kept.")]


@pytest.mark.parametrize("level", range(1, 7))
def test_headings(level: int) -> None:
    html = f"<h{level}>Storm <i>season</i></h{level}><p>Body.</p>"
    assert blocks(html) == [Heading("Storm season"), Paragraph("Body.")]


def test_blockquote_becomes_quotes() -> None:
    html = (
        "<p>The keeper said:</p><blockquote><p>We have never seen the water so high.</p>"
        "<p>Not once.</p></blockquote><blockquote>Short one.</blockquote>"
    )
    assert blocks(html) == [
        Paragraph("The keeper said:"),
        Quote("We have never seen the water so high."),
        Quote("Not once."),
        Quote("Short one."),
    ]


def test_lists_unordered_ordered_and_nested() -> None:
    html = (
        "<ul><li>Sandbags</li><li>Torches <b>and</b> batteries<ul><li>Spare bulbs</li></ul>"
        "</li><li> </li></ul><ol><li>Close the gates</li><li>Call the warden</li></ol>"
    )
    assert blocks(html) == [
        ListBlock(("Sandbags", "Torches and batteries", "Spare bulbs")),
        ListBlock(("Close the gates", "Call the warden"), ordered=True),
    ]


def test_attribution_footer() -> None:
    html = "<p>The bridge reopens Monday.</p><p>— With files from The Valley Wire</p>"
    assert blocks(html) == [
        Paragraph("The bridge reopens Monday."),
        Attribution("— With files from The Valley Wire"),
    ]


def test_table_cells_become_paragraphs_and_pre_keeps_its_spacing() -> None:
    html = "<table><tr><td>Tide</td><td>4.2 m</td></tr></table><pre>  a   b  </pre>"
    assert blocks(html) == [Paragraph("Tide"), Paragraph("4.2 m"), Code(("  a   b",))]


def test_pre_keeps_lines_indentation_and_br_and_drops_script() -> None:
    html = (
        "<p>Run:</p><div class='highlight'><pre><span class='k'>def</span> f():\n"
        "\treturn 1<br>x = f()<script>alert(1)</script>\n\n</pre></div><p>Done.</p>"
    )
    assert blocks(html) == [
        Paragraph("Run:"),
        Code(("def f():", "    return 1", "x = f()")),
        Paragraph("Done."),
    ]


def test_pre_strips_terminal_escapes_and_empty_pre_is_dropped() -> None:
    assert blocks("<pre>a\x1b[31mred\x1b[0m</pre><pre> \n </pre>") == [Code(("ared",))]


# ------------------------------------------------------------------------------ figures


def test_figure_with_caption_and_credit_span_before_first_paragraph() -> None:
    html = (
        '<figure><img src="/img/boats.jpg" alt="Boats in the harbour">'
        "<figcaption>Boats wait out the storm. "
        '<span class="credit">Ana Pires/Northwind Photo</span></figcaption></figure>'
        "<p>The harbour closed at noon.</p>"
    )
    assert blocks(html) == [
        Figure(
            src="https://news.example/img/boats.jpg",
            alt="Boats in the harbour",
            caption="Boats wait out the storm.",
            credit="Ana Pires/Northwind Photo",
        ),
        Paragraph("The harbour closed at noon."),
    ]


@pytest.mark.parametrize(
    "credit_html",
    [
        '<span class="credit">Ana Pires</span>',
        '<span class="image-credit">Ana Pires</span>',
        '<span class="photo_copyright">Ana Pires</span>',
        '<p class="byline">Ana Pires</p>',
        '<div class="caption-credit">Photo: Ana Pires</div>',
        "<small>Ana Pires</small>",
        "<cite>Ana Pires</cite>",
        "<small>(Photo: Ana Pires)</small>",
    ],
)
def test_credit_elements_inside_figcaption(credit_html: str) -> None:
    html = (
        f'<figure><img src="https://cdn.example/a.jpg"><figcaption>Crowds on the quay. '
        f"{credit_html}</figcaption></figure>"
    )
    assert blocks(html) == [
        Figure(src="https://cdn.example/a.jpg", caption="Crowds on the quay.", credit="Ana Pires")
    ]


def test_credit_outside_figcaption_inside_figure() -> None:
    html = (
        '<figure><img src="/a.jpg"><span class="credit">Lee Park/Coastline Images</span>'
        "<figcaption>Waves break on the wall.</figcaption></figure>"
    )
    assert blocks(html) == [
        Figure(
            src="https://news.example/a.jpg",
            caption="Waves break on the wall.",
            credit="Lee Park/Coastline Images",
        )
    ]


@pytest.mark.parametrize(
    ("caption_html", "caption", "credit"),
    [
        (
            "Waves at the wall (Lee Park/Coastline Images)",
            "Waves at the wall",
            "Lee Park/Coastline Images",
        ),
        (
            "A ferry turns back (Ana Pires, Tom Reed/Northwind/Getty Images)",
            "A ferry turns back",
            "Ana Pires, Tom Reed/Northwind/Getty Images",
        ),
        ("Volunteers fill sandbags (Reuters)", "Volunteers fill sandbags", "Reuters"),
        ("Volunteers fill sandbags. Photo: Lee Park", "Volunteers fill sandbags.", "Lee Park"),
        (
            "Volunteers fill sandbags. Photograph: Lee Park/Coastline",
            "Volunteers fill sandbags.",
            "Lee Park/Coastline",
        ),
        (
            "Volunteers fill sandbags. Credit: Harbour Trust",
            "Volunteers fill sandbags.",
            "Harbour Trust",
        ),
        (
            "Volunteers fill sandbags. Image: Harbour Trust",
            "Volunteers fill sandbags.",
            "Harbour Trust",
        ),
        ("Volunteers fill sandbags. Photo by Lee Park", "Volunteers fill sandbags.", "Lee Park"),
        (
            "Volunteers fill sandbags PHOTO : NORTHWIND / LEE PARK",
            "Volunteers fill sandbags",
            "NORTHWIND / LEE PARK",
        ),
        ("Volunteers fill sandbags. photo: lee park", "Volunteers fill sandbags.", "lee park"),
        ("Volunteers fill sandbags (see page 4).", "Volunteers fill sandbags (see page 4).", ""),
    ],
)
def test_credit_forms_in_figcaption(caption_html: str, caption: str, credit: str) -> None:
    html = (
        f'<figure><img src="/a.jpg" alt="Sandbags"><figcaption>{caption_html}</figcaption></figure>'
    )
    assert blocks(html) == [
        Figure(src="https://news.example/a.jpg", alt="Sandbags", caption=caption, credit=credit)
    ]


def test_figure_caption_in_plain_paragraph_inside_figure() -> None:
    html = (
        '<figure><img src="/a.jpg"><p class="wp-caption-text">The lighthouse at dusk.</p></figure>'
    )
    assert blocks(html) == [
        Figure(src="https://news.example/a.jpg", caption="The lighthouse at dusk.")
    ]


def test_wp_caption_div_is_a_figure() -> None:
    html = (
        '<div class="wp-caption"><img src="/l.jpg" alt="Lighthouse">'
        '<p class="wp-caption-text">The lighthouse. Photo: Kim Ray</p></div><p>Body.</p>'
    )
    assert blocks(html) == [
        Figure(
            src="https://news.example/l.jpg",
            alt="Lighthouse",
            caption="The lighthouse.",
            credit="Kim Ray",
        ),
        Paragraph("Body."),
    ]


def test_caption_and_credit_elements_after_a_bare_image_attach_to_it() -> None:
    html = (
        '<img src="/x.jpg" alt="A cat on a wall">'
        '<p class="caption">The harbour cat. Photograph: Kim Ray/Agency</p>'
        "<p>The cat has lived here for years.</p>"
        '<img src="/y.jpg"><span class="photo-credit">(Jo Sand/Northwind)</span>'
    )
    assert blocks(html) == [
        Figure(
            src="https://news.example/x.jpg",
            alt="A cat on a wall",
            caption="The harbour cat.",
            credit="Kim Ray/Agency",
        ),
        Paragraph("The cat has lived here for years."),
        Figure(src="https://news.example/y.jpg", credit="Jo Sand/Northwind"),
    ]


def test_bare_img_alt_and_title() -> None:
    html = (
        '<p>Before.</p><img src="a.jpg" alt="Nets drying" '
        'title="Nets dry in the sun. Photo: Lee Park">'
        '<img src="b.jpg" alt="Only alt">'
    )
    assert blocks(html) == [
        Paragraph("Before."),
        Figure(
            src="https://news.example/coast/a.jpg",
            alt="Nets drying",
            caption="Nets dry in the sun.",
            credit="Lee Park",
        ),
        Figure(src="https://news.example/coast/b.jpg", alt="Only alt"),
    ]


def test_figure_uses_img_title_when_no_figcaption() -> None:
    html = '<figure><img src="/a.jpg" title="Harbour wall (Lee Park/Coastline)"></figure>'
    assert blocks(html) == [
        Figure(
            src="https://news.example/a.jpg", caption="Harbour wall", credit="Lee Park/Coastline"
        )
    ]


def test_image_inside_paragraph_text_comes_after_that_paragraph() -> None:
    html = '<p>The mayor spoke <img src="/m.jpg" alt="Mayor"> at length.</p><p>Next.</p>'
    assert blocks(html) == [
        Paragraph("The mayor spoke at length."),
        Figure(src="https://news.example/m.jpg", alt="Mayor"),
        Paragraph("Next."),
    ]


def test_image_leading_a_paragraph_stays_before_it() -> None:
    html = '<p><img src="/m.jpg" alt="Mayor">The mayor spoke.</p>'
    assert blocks(html) == [
        Figure(src="https://news.example/m.jpg", alt="Mayor"),
        Paragraph("The mayor spoke."),
    ]


def test_lead_figure_stays_first_and_later_figures_stay_in_place() -> None:
    html = (
        '<figure><img src="/lead.jpg"><figcaption>Lead.</figcaption></figure>'
        "<p>One.</p>"
        '<figure><img src="/mid.jpg"><figcaption>Middle.</figcaption></figure>'
        "<p>Two.</p>"
    )
    assert blocks(html) == [
        Figure(src="https://news.example/lead.jpg", caption="Lead."),
        Paragraph("One."),
        Figure(src="https://news.example/mid.jpg", caption="Middle."),
        Paragraph("Two."),
    ]


def test_picture_sources_pick_largest_candidate() -> None:
    html = (
        "<figure><picture>"
        '<source media="(max-width: 600px)" srcset="/s.webp 480w, /m.webp 800w">'
        '<source srcset="/l.jpg 1600w, /xl.jpg 2400w">'
        '<img src="/fallback.jpg" alt="Dunes"></picture>'
        "<figcaption>Dunes after the storm.</figcaption></figure>"
    )
    assert blocks(html) == [
        Figure(src="https://news.example/xl.jpg", alt="Dunes", caption="Dunes after the storm.")
    ]


@pytest.mark.parametrize(
    ("srcset", "expected"),
    [
        ("/a.jpg 320w, /b.jpg 1024w, /c.jpg 640w", "https://news.example/b.jpg"),
        ("/a.jpg 1x, /b.jpg 3x, /c.jpg 2x", "https://news.example/b.jpg"),
        ("/a.jpg, /b.jpg 2x", "https://news.example/b.jpg"),
        (
            "https://img.example/w_400,h_300/a.jpg 400w,"
            " https://img.example/w_900,h_600/a.jpg 900w",
            "https://img.example/w_900,h_600/a.jpg",
        ),
    ],
)
def test_img_srcset_largest_candidate(srcset: str, expected: str) -> None:
    html = f'<img src="/small.jpg" srcset="{srcset}" alt="Pier">'
    assert blocks(html) == [Figure(src=expected, alt="Pier")]


@pytest.mark.parametrize(
    "img",
    [
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/real.jpg" alt="Quay">',
        '<img src="/assets/placeholder.png" data-lazy-src="/real.jpg" alt="Quay">',
        '<img data-original="/real.jpg" alt="Quay">',
        '<img src="/img/blank.gif" data-srcset="/small.jpg 300w, /real.jpg 900w" alt="Quay">',
        '<img src="/lazy-load.svg" data-lazy-src="/real.jpg" '
        'srcset="data:image/png;base64,AAAA 1x" alt="Quay">',
    ],
)
def test_lazy_images_use_the_real_source(img: str) -> None:
    assert blocks(f"<figure>{img}<figcaption>The quay.</figcaption></figure>") == [
        Figure(src="https://news.example/real.jpg", alt="Quay", caption="The quay.")
    ]


@pytest.mark.parametrize(
    "pixel",
    [
        '<img src="https://stats.example/p.gif" width="1" height="1">',
        '<img src="https://stats.example/p.gif" width="0" height="0" alt="">',
        '<img src="https://stats.example/p.gif" height="2px">',
        '<img src="https://feeds.feedburner.com/~r/Harbour/~4/abc">',
        '<img src="https://pixel.wp.com/b.gif?host=x">',
        '<img src="https://ad.doubleclick.net/ddm/x.gif">',
    ],
)
def test_tracking_pixels_are_dropped(pixel: str) -> None:
    assert blocks(f"<p>Tide tables are out.{pixel}</p>{pixel}") == [
        Paragraph("Tide tables are out.")
    ]


# ------------------------------------------------------------------------------ removal


def test_scripts_styles_forms_and_buttons_are_removed() -> None:
    html = (
        "<p>Kept one.</p><script>alert('x')</script><style>p{color:red}</style>"
        "<noscript><img src='/ns.jpg'>Enable JS</noscript>"
        "<form><label>Email</label><input name=e><button>Go</button></form>"
        "<button>Share</button><template><p>T</p></template><p>Kept two.</p>"
    )
    assert blocks(html) == [Paragraph("Kept one."), Paragraph("Kept two.")]


@pytest.mark.parametrize(
    "marker",
    [
        'class="ad-slot"',
        'class="advert"',
        'id="advertisement-top"',
        'class="dfp_ad"',
        'class="promo-box"',
        'class="newsletter-signup"',
        'class="inline-signup"',
        'class="subscribe-cta"',
        'class="share-tools"',
        'class="social-links"',
        'class="related-links"',
        'class="read-more"',
        'class="readMore"',
        'class="OUTBRAIN"',
        'id="taboola-below-article"',
        'style="display: none"',
        "hidden",
    ],
)
def test_junk_elements_are_removed(marker: str) -> None:
    html = f"<p>Before.</p><div {marker}><p>Buy now</p><a href='/x'>More</a></div><p>After.</p>"
    assert blocks(html) == [Paragraph("Before."), Paragraph("After.")]


def test_ad_iframes_are_removed_but_video_iframes_kept() -> None:
    html = (
        '<p>Body.</p><iframe src="https://ads.example/slot?id=4"></iframe>'
        '<iframe src="https://www.youtube.com/embed/Xy12" title="Harbour storm footage"></iframe>'
    )
    assert blocks(html) == [
        Paragraph("Body."),
        Video(title="Harbour storm footage", src="https://www.youtube.com/embed/Xy12"),
    ]


def test_related_asides_are_removed_and_other_asides_kept() -> None:
    html = (
        "<p>Body.</p><aside><h3>Related</h3><ul><li><a href='/a'>Old flood</a></li></ul></aside>"
        "<aside><p>Read more: <a href='/b'>The 1953 storm</a></p></aside>"
        "<aside><a href='/c'>Tide times</a> <a href='/d'>Ferry times</a></aside>"
        "<aside><p>The wall was built in 1890 and raised twice since.</p></aside>"
    )
    assert blocks(html) == [
        Paragraph("Body."),
        Paragraph("The wall was built in 1890 and raised twice since."),
    ]


def test_boilerplate_paragraphs_are_removed() -> None:
    html = (
        "<p>Advertisement</p><p>ADVERTISEMENT</p><p>The pier reopened.</p>"
        "<p>Read more</p><p>Related: <a href='/x'>Ferry fares rise</a></p><p>Share</p>"
        "<p>Save</p><p>Share this article</p>"
        "<p>Sign up for our newsletter to get the morning news.</p>"
        "<p>Reuse this content</p><p>Story continues below advertisement</p>"
        "<p>You will be logged out in 2 minutes due to inactivity.</p>"
        "<p>Crews worked overnight.</p>"
    )
    assert blocks(html) == [Paragraph("The pier reopened."), Paragraph("Crews worked overnight.")]


def test_related_heading_and_its_list_are_removed() -> None:
    html = (
        "<p>Body.</p><h3>More on this story</h3><ul><li><a href='/1'>One</a></li></ul>"
        "<h3>What happens next</h3><ul><li>Repairs</li></ul>"
    )
    assert blocks(html) == [
        Paragraph("Body."),
        Heading("What happens next"),
        ListBlock(("Repairs",)),
    ]


# ------------------------------------------------------------------------------- videos


def test_iframe_players() -> None:
    html = (
        '<iframe src="https://player.vimeo.com/video/123" title="Vimeo video player"></iframe>'
        '<iframe data-src="//www.dailymotion.com/embed/video/x1" title="Dunes time-lapse"></iframe>'
        '<iframe src="https://media.example/embed/player?id=9" aria-label="Night shift"></iframe>'
    )
    assert blocks(html) == [
        Video(src="https://player.vimeo.com/video/123"),
        Video(title="Dunes time-lapse", src="https://www.dailymotion.com/embed/video/x1"),
        Video(title="Night shift", src="https://media.example/embed/player?id=9"),
    ]


def test_video_elements() -> None:
    html = (
        '<video src="/v/storm.mp4" title="The storm arrives" controls>No video support.</video>'
        '<video poster="/p.jpg"><source src="/v/calm.webm" type="video/webm">Fallback</video>'
        "<figure><video src='/v/gulls.mp4'></video><figcaption>Gulls return. "
        "<span class='credit'>Lee Park</span></figcaption></figure>"
    )
    assert blocks(html) == [
        Video(title="The storm arrives", src="https://news.example/v/storm.mp4"),
        Video(src="https://news.example/v/calm.webm"),
        Video(title="Gulls return.", src="https://news.example/v/gulls.mp4"),
    ]


def test_watch_promo_with_description_in_same_paragraph() -> None:
    html = (
        '<p><a href="/video/flood">WATCH | Flood waters rise in the valley:</a> '
        "Residents describe the night the river came in.</p><p>Body.</p>"
    )
    assert blocks(html) == [
        Video(
            title="Flood waters rise in the valley",
            description="Residents describe the night the river came in.",
            src="https://news.example/video/flood",
        ),
        Paragraph("Body."),
    ]


def test_watch_promo_with_description_in_next_paragraph() -> None:
    html = (
        "<p><strong>WATCH | The night the river rose:</strong></p>"
        "<p>Residents describe how fast the water came.</p><p>Body text.</p>"
    )
    assert blocks(html) == [
        Video(
            title="The night the river rose",
            description="Residents describe how fast the water came.",
        ),
        Paragraph("Body text."),
    ]


def test_listen_promo_without_description_leaves_next_paragraph_alone() -> None:
    html = "<p>LISTEN | Harbour Hour podcast</p><p>The council met on Tuesday.</p>"
    assert blocks(html) == [
        Video(title="Harbour Hour podcast"),
        Paragraph("The council met on Tuesday."),
    ]


def test_watch_promo_followed_by_its_player_is_one_video() -> None:
    html = (
        "<p>WATCH | Dunes on the move:</p><p>Ten years of sand in one minute.</p>"
        '<iframe src="https://player.vimeo.com/video/42" title="Dunes"></iframe>'
        "<p>LISTEN | Harbour Hour</p><p>Body.</p>"
        '<iframe src="https://player.vimeo.com/video/43"></iframe>'
    )
    assert blocks(html) == [
        Video(
            title="Dunes on the move",
            description="Ten years of sand in one minute.",
            src="https://player.vimeo.com/video/42",
        ),
        Video(title="Harbour Hour"),
        Paragraph("Body."),
        Video(src="https://player.vimeo.com/video/43"),
    ]


def test_mixed_case_watch_colon_is_prose() -> None:
    html = "<p>Watch: the tide is turning.</p>"
    assert blocks(html) == [Paragraph("Watch: the tide is turning.")]


# ------------------------------------------------------------------------------ hostile


def test_character_references_to_escape_codes_are_removed() -> None:
    html = "<p>&#27;[31mRED&#27;[0m and &#x1b;]52;c;cHduZWQ=&#7; done</p>"
    assert blocks(html) == [Paragraph("RED and done")]


def test_e10_escaped_reference_after_feed_unescaping() -> None:
    # The feed had "&lt;p&gt;&amp;#x1b;[2J&lt;/p&gt;"; the XML layer hands over this:
    assert blocks("<p>&#x1b;[2J</p><p>Calm.</p>") == [Paragraph("Calm.")]
    # Escaped once more it is only literal, harmless text.
    assert blocks("<p>&amp;#x1b;[2J</p>") == [Paragraph("&#x1b;[2J")]


def test_declared_charset_in_a_str_is_ignored() -> None:
    html = '<meta charset="windows-1252"><p>caf\u00e9 \u2014 \u00fcber</p>'
    assert blocks(html) == [Paragraph("caf\u00e9 \u2014 \u00fcber")]


def test_raw_escape_sequences_and_controls_are_removed() -> None:
    html = (
        "<p>X\x1b]52;c;ZWNobyBwd25lZA==\x07Y \x1b[2J\x1b[H ok\r\x0ego \x9b2J</p>"
        "<figure><img src='/a.jpg' alt='al\x1b[1mt'><figcaption>Cap\x1b]8;;http://evil/\x1b\\tion"
        "</figcaption></figure>"
    )
    assert blocks(html) == [
        Paragraph("XY ok go"),
        Figure(src="https://news.example/a.jpg", alt="alt", caption="Caption"),
    ]


def test_markup_like_text_stays_literal() -> None:
    html = (
        "<p>[bold]Loud[/bold] and [@click=app.quit]x[/] and [link=javascript:alert(1)]y[/link]</p>"
    )
    assert blocks(html) == [
        Paragraph(
            "[bold]Loud[/bold] and [@click=app.quit]x[/] and [link=javascript:alert(1)]y[/link]"
        )
    ]


def test_bidi_and_zero_width_controls_are_removed() -> None:
    html = "<p>invoice\u202egpj.exe \u2066iso\u2069 zero\u200bwidth</p>"
    assert blocks(html) == [Paragraph("invoicegpj.exe iso zerowidth")]


def test_unsafe_link_and_image_schemes_are_dropped() -> None:
    html = (
        "<p><a href='javascript:alert(1)'>WATCH | Trap</a></p>"
        "<img src='javascript:alert(1)' alt='js'><img src='file:///etc/passwd' alt='file'>"
        "<iframe src='javascript:alert(1)//youtube.com'></iframe>"
        "<video src='file:///dev/zero'></video>"
    )
    assert blocks(html) == [Video(title="Trap")]


def test_urls_are_cleaned_of_spaces_and_bidi() -> None:
    html = '<img src="/img/\u202eharbour .jpg" alt="Pier">'
    assert blocks(html) == [Figure(src="https://news.example/img/harbour.jpg", alt="Pier")]


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t",
        "</p></div>",
        "\x00\x01\x02",
        "<!-- only a comment -->",
        "<script>x</script>",
    ],
)
def test_empty_or_garbage_input_gives_no_blocks(html: str) -> None:
    assert html_to_blocks(html) == []


def test_non_string_input_does_not_raise() -> None:
    assert html_to_blocks(None) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>unclosed <b>bold", [Paragraph("unclosed bold")]),
        ("<", [Paragraph("<")]),
        ("a < b > c", [Paragraph("a < b > c")]),
        ("<p>one<p>two", [Paragraph("one"), Paragraph("two")]),
        ("<table><p>stray</table><p>after", [Paragraph("stray"), Paragraph("after")]),
        ("<ul><li>a<li>b</ul>", [ListBlock(("a", "b"))]),
        (
            "<figure><img src='/a.jpg'><figcaption>cut off",
            [Figure(src="https://news.example/a.jpg", caption="cut off")],
        ),
        ("<p>a</b></i></span> b</p>", [Paragraph("a b")]),
        ("garbage <<<>>> &&& &bogus; text", [Paragraph("garbage <<<>>> &&& &bogus; text")]),
        ("<?xml version='1.0' encoding='latin-1'?><p>caf\u00e9</p>", [Paragraph("caf\u00e9")]),
    ],
)
def test_malformed_html(html: str, expected: list) -> None:
    assert html_to_blocks(html, BASE) == expected


def test_full_page_keeps_body_only() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Site title</title><meta charset='utf-8'>"
        "<style>body{}</style></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Dunes</h1><p>Sand moved.</p></article></body></html>"
    )
    assert html_to_blocks(html) == [Heading("Dunes"), Paragraph("Sand moved.")]


def test_xhtml_content_with_namespaces() -> None:
    html = (
        '<div xmlns="http://www.w3.org/1999/xhtml"><p>Plain ns.</p></div>'
        '<xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>Prefixed.</xhtml:p>'
        "</xhtml:div>"
    )
    assert html_to_blocks(html) == [Paragraph("Plain ns."), Paragraph("Prefixed.")]


def test_relative_urls_without_base_are_dropped() -> None:
    assert html_to_blocks('<img src="/a.jpg" alt="x"><img src="https://c.example/b.jpg">') == [
        Figure(src="https://c.example/b.jpg")
    ]


@pytest.mark.parametrize("tag", ["div", "span", "blockquote"])
def test_deep_nesting_does_not_recurse_and_keeps_text(tag: str) -> None:
    depth = 10_000
    html = f"<{tag}>" * depth + "deep text" + f"</{tag}>" * depth + "<p>after</p>"
    started = time.process_time()
    result = html_to_blocks(html)
    assert time.process_time() - started < 2.0
    assert [b.plain for b in result] == ["deep text", "after"]


def test_deep_unclosed_nesting() -> None:
    html = "<div><b><i>" * 5_000 + "bottom"
    assert html_to_blocks(html) == [Paragraph("bottom")]


def test_five_megabyte_fragment_is_fast() -> None:
    entry = (
        '<figure><img src="/i.jpg" srcset="/i1.jpg 400w, /i2.jpg 800w" alt="Pier">'
        '<figcaption>The pier. <span class="credit">Jo Sand/Northwind</span></figcaption></figure>'
        + "<p>The council voted to extend the <a href='/w'>walkway</a> by <em>two</em> km.</p>" * 30
        + '<div class="ad-slot"><iframe src="https://ads.example/"></iframe></div><p>Advertisement</p>'
    )
    html = entry * (5_000_000 // len(entry) + 1)
    started = time.process_time()
    result = html_to_blocks(html, BASE)
    assert time.process_time() - started < 2.0
    assert 0 < len(result) <= MAX_BLOCKS
    assert result[0] == Figure(
        src="https://news.example/i2.jpg",
        alt="Pier",
        caption="The pier.",
        credit="Jo Sand/Northwind",
    )
    assert not any(isinstance(b, Paragraph) and b.text == "Advertisement" for b in result)


@pytest.mark.parametrize(
    "html",
    [
        "<p>" + "word " * 1_000_000 + "</p>",
        "<p>" + "<b>x</b>" * 300_000 + "</p>",
        "Tide.<br><br>" * 300_000,
        "<ul>" + "<li>i</li>" * 300_000,
    ],
    ids=["one-huge-paragraph", "many-inline", "many-breaks", "huge-list"],
)
def test_pathological_fragments_are_bounded(html: str) -> None:
    started = time.process_time()
    result = html_to_blocks(html)
    assert time.process_time() - started < 3.0
    assert 0 < len(result) <= MAX_BLOCKS


# --------------------------------------------------------------------------- golden file


def test_golden_feed_entry() -> None:
    """A whole invented entry; captions and credits only in figures, no boilerplate."""
    html = (DATA / "harbour-entry.html").read_text(encoding="utf-8")
    expected = json.loads((DATA / "harbour-entry.json").read_text(encoding="utf-8"))
    result = html_to_blocks(html, "https://news.example/coast/2031/harbour-wall")
    assert [block_to_dict(b) for b in result] == expected
    paragraphs = " ".join(b.text for b in result if isinstance(b, Paragraph))
    for figure in (b for b in result if isinstance(b, Figure)):
        for part in (figure.caption, figure.credit):
            assert not part or part not in paragraphs
    assert not any(is_boilerplate(b.text) for b in result if isinstance(b, Paragraph))


# ------------------------------------------------------------------------- split_credit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Boats at dawn. Photo: Lee Park", ("Boats at dawn.", "Lee Park")),
        ("Boats at dawn. PHOTO: LEE PARK", ("Boats at dawn.", "LEE PARK")),
        ("Boats at dawn Photograph: Lee Park/Coastline", ("Boats at dawn", "Lee Park/Coastline")),
        ("Boats at dawn. Photographs: Lee Park", ("Boats at dawn.", "Lee Park")),
        ("Boats at dawn. Credit: Harbour Trust", ("Boats at dawn.", "Harbour Trust")),
        ("Boats at dawn. Photo credit: Harbour Trust", ("Boats at dawn.", "Harbour Trust")),
        ("Boats at dawn. Image: Harbour Trust", ("Boats at dawn.", "Harbour Trust")),
        ("Boats at dawn. Photo by Lee Park", ("Boats at dawn.", "Lee Park")),
        ("Boats at dawn. Photograph by Lee Park", ("Boats at dawn.", "Lee Park")),
        (
            "Boats at dawn. Photo courtesy of the Harbour Trust",
            ("Boats at dawn.", "the Harbour Trust"),
        ),
        ("PHOTO : NORTHWIND / LEE PARK", ("", "NORTHWIND / LEE PARK")),
        ("Photo: Lee Park", ("", "Lee Park")),
        ("Boats at dawn | Photo: Lee Park", ("Boats at dawn", "Lee Park")),
        ("Boats at dawn (Lee Park/Coastline)", ("Boats at dawn", "Lee Park/Coastline")),
        ("Boats at dawn. (Lee Park / Coastline)", ("Boats at dawn.", "Lee Park / Coastline")),
        (
            "Boats at dawn (Ana Pires, Tom Reed/Northwind/Getty Images)",
            ("Boats at dawn", "Ana Pires, Tom Reed/Northwind/Getty Images"),
        ),
        ("Boats at dawn (Reuters)", ("Boats at dawn", "Reuters")),
        ("Boats at dawn (AP Photo)", ("Boats at dawn", "AP Photo")),
        ("Boats at dawn (Getty Images)", ("Boats at dawn", "Getty Images")),
        ("Boats at dawn (Canadian Press)", ("Boats at dawn", "Canadian Press")),
        ("Boats at dawn (Photo: Lee Park)", ("Boats at dawn", "Lee Park")),
        (
            "Boats at dawn (Lee Park (left)/Coastline)",
            ("Boats at dawn", "Lee Park (left)/Coastline"),
        ),
        ("(Lee Park/Coastline)", ("", "Lee Park/Coastline")),
    ],
)
def test_split_credit_forms(text: str, expected: tuple[str, str]) -> None:
    assert split_credit(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Boats at dawn",
        "The bank extended credit to the fishermen",
        "Boats at dawn (and/or dusk)",
        "Boats at dawn (see page 4).",
        "Boats at dawn (the calmest in years)",
        "Boats at dawn (2019)",
        "Imagery from the satellite",
        "Photographers gathered on the quay",
    ],
)
def test_split_credit_leaves_captions_without_credit(text: str) -> None:
    assert split_credit(text) == (text, "")


def test_split_credit_empty() -> None:
    assert split_credit("") == ("", "")
    assert split_credit("   ") == ("", "")


def test_split_credit_label_without_credit_is_not_split() -> None:
    assert split_credit("Boats at dawn. Photo:") == ("Boats at dawn. Photo:", "")


# ------------------------------------------------------------------------ is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Advertisement - Scroll to continue",
        "Skip Advertisement",
        "Story continues below advertisement",
        "Read more",
        "Read more:",
        "READ MORE | Ferry fares rise again",
        "Related: Ferry fares rise again",
        "Related stories",
        "More on this story",
        "Share",
        "Save",
        "Share Save",
        "Share this article",
        "Share on Facebook",
        "Facebook Twitter Email",
        "Copy link",
        "Reuse this content",
        "Sign up for our newsletter",
        "Sign up for our morning newsletter and get the news in your inbox.",
        "Subscribe to our free newsletter",
        "Get the Harbour Daily newsletter delivered to your inbox",
        "By signing up, you agree to our terms.",
        "You will be logged out in 60 seconds.",
        "For your security, you've been automatically logged out.",
        "Your session has expired. Please log in again.",
        "Session timed out",
        "Log in to continue reading",
        "Privacy notice: we process your data as described.",
        "To find out more, read our privacy policy.",
        "We use cookies to improve your experience.",
        "This site is protected by reCAPTCHA and the Google Privacy Policy applies.",
        "\u00a0 \u00a0",
        "",
    ],
)
def test_is_boilerplate_true(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council met on Tuesday.",
        "Read the full report on the council's site before the vote on Friday, the mayor said.",
        "Residents share their stories of the night the river rose.",
        "The company changed its privacy policy after complaints from users of the ferry app.",
        "The newsletter, which has 4,000 readers, covers fishing quotas.",
        "The parliamentary session expired without a vote on the harbour bill.",
        "This story",
        "Related reading for the weekend includes three books on tides.",
        "Save the date: the festival returns in June.",
        "word " * 60,
    ],
)
def test_is_boilerplate_false(line: str) -> None:
    assert not is_boilerplate(line)


def test_boilerplate_tables_can_be_extended() -> None:
    assert not is_boilerplate("Tide tables by Harbour Almanac")
    extended = patterns.Boilerplate(
        lines=(*rules.BOILERPLATE_LINES, "gallery"),
        start=(*rules.BOILERPLATE_START, r"^tide tables by\b"),
    )
    assert extended("Tide tables by Harbour Almanac")
    assert extended("Gallery")
    assert extended("Advertisement") and not extended("The ferry ran late.")


# ------------------------------------------------------------------ promos, attribution


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("WATCH | Floods hit the valley", ("watch", "Floods hit the valley", "")),
        ("WATCH | Floods hit the valley:", ("watch", "Floods hit the valley", "")),
        (
            "WATCH | Floods hit the valley: Residents describe the night",
            ("watch", "Floods hit the valley", "Residents describe the night"),
        ),
        ("Listen | Harbour Hour", ("listen", "Harbour Hour", "")),
        ("VIDEO: Dunes move", ("video", "Dunes move", "")),
        ("Media caption, Watch: The wall gives way", ("watch", "The wall gives way", "")),
    ],
)
def test_parse_promo(line: str, expected: tuple[str, str, str]) -> None:
    assert parse_promo(line) == expected


@pytest.mark.parametrize(
    "line", ["Watch: the tide turn.", "Listen: I told him.", "The watch | broke"]
)
def test_parse_promo_rejects_prose(line: str) -> None:
    assert parse_promo(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("With files from The Valley Wire", True),
        ("— With files from The Valley Wire and staff", True),
        ("(With reporting by Ana Pires)", True),
        ("Additional reporting by Tom Reed", True),
        ("With files in hand, the clerk left.", False),
        ("The council met.", False),
    ],
)
def test_is_attribution(line: str, expected: bool) -> None:
    assert is_attribution(line) is expected


# ------------------------------------------------------------------------------ property

_TAGS = ["p", "div", "figure", "figcaption", "img", "ul", "li", "h2", "blockquote", "br", "a"]
_PIECES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [f"<{t}>" for t in _TAGS]
        + [f"</{t}>" for t in _TAGS]
        + [
            '<img src="javascript:x" alt="\x1b[2J">',
            '<img srcset="/a.jpg 2x, /b.jpg" data-src="file:///etc/passwd">',
            '<iframe src="https://youtube.com/embed/\u202ex">',
            '<span class="credit">Photo: \x9b1m</span>',
            "&#27;]52;c;AAAA&#7;",
            "WATCH | ",
            "&#x202e;",
            "[/]",
            "<br><br>",
        ]
    ),
)
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]")


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_any_input_gives_clean_blocks(pieces: list[str]) -> None:
    for block in html_to_blocks("".join(pieces), BASE):
        data = block_to_dict(block)
        for key, value in data.items():
            values = value if isinstance(value, list) else [value]
            for text in values:
                if isinstance(text, str):
                    assert not _FORBIDDEN.search(text), (key, text)
                    assert text == text.strip()
        if data.get("src"):
            assert data["src"].startswith(("https://", "http://"))
        assert any(v for k, v in data.items() if k != "type"), data
