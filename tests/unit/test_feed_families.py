"""Entries shaped like the feed families people subscribe to (invented text, real markup shapes).

Each feed in ``tests/data/feed-families`` imitates one engine's markup; the assertions
say what a reader must see (body, figures, code) and must not see (furniture).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.extract.entries import build_articles
from newsreader.formats.registry import parse_feed
from newsreader.layout import render_plain
from newsreader.model import Article, Code, Figure, ListBlock, Paragraph

FAMILIES = Path(__file__).parent.parent / "data" / "feed-families"


def articles(name: str) -> list[Article]:
    return build_articles(parse_feed((FAMILIES / name).read_bytes())).articles


def body(article: Article) -> str:
    return "\n".join(b.plain for b in article.blocks)


def test_wordpress_keeps_text_and_figures_and_drops_the_syndication_footer() -> None:
    (post,) = articles("wordpress.xml")
    assert post.dek == "Kale is hardier than you think."
    text = body(post)
    assert "appeared first on" not in text and "Share this" not in text
    assert "See our soil guide." in text
    figures = [b for b in post.blocks if isinstance(b, Figure)]
    assert [f.src.rsplit("/", 1)[1] for f in figures] == ["kale-1024x683.jpg", "soil.jpg"]
    assert (figures[0].caption, figures[0].credit) == (
        "Kale rows after the first frost.",
        "Ada Finch",
    )


def test_medium_drops_the_cross_post_note_and_the_tracking_pixel() -> None:
    (post,) = articles("medium.xml")
    text = body(post)
    assert "Originally published" not in text
    assert "The second was skipping the beta." in text
    assert all("stat?" not in b.src for b in post.blocks if isinstance(b, Figure))


def test_reddit_drops_the_submitted_by_line_and_keeps_the_self_text() -> None:
    (post,) = articles("reddit.atom")
    text = body(post)
    assert "submitted by" not in text and "[comments]" not in text
    assert "Any tips for a darker crust?" in text


def test_a_link_post_whose_body_is_only_its_comments_link_has_no_body_text() -> None:
    link, _ask, bare = articles("hn.xml")
    assert link.title == "A tiny database written in a weekend"
    assert body(link) == ""
    assert body(bare) == "https://pixels.example/"


@pytest.mark.parametrize(
    "line",
    [
        "The post Ten Ways to Boil an Egg appeared first on Kitchen Log.",
        "The article A Long Walk appeared first on Field Notes.",
        "Originally published at example.org on March 3, 2025.",
        "This essay was originally posted on my old blog.",
        "Cross-posted from the team wiki.",
        "submitted by /u/someone [link] [comments]",
        "Comments URL: https://news.example/item?id=1",
        "Points: 1,204",
        "Hosted on Acast. See acast.example/privacy for privacy and opt-out information.",
        "Hosted by Some Host. See https://host.example/p for privacy information.",
    ],
)
def test_feed_furniture_lines_are_dropped_from_html_bodies(line: str) -> None:
    from newsreader.extract.html import html_to_blocks

    assert html_to_blocks(f"<p>A real sentence of the post.</p><p>{line}</p>") == [
        Paragraph("A real sentence of the post.")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Originally published in 1851, the novel sold poorly.",
        "First published in 1923, the map is still used.",
        "The comments were mostly kind.",
    ],
)
def test_article_sentences_that_look_alike_are_kept(line: str) -> None:
    from newsreader.extract.html import html_to_blocks

    assert html_to_blocks(f"<p>{line}</p><p>More.</p>")[0] == Paragraph(line)


def test_github_release_keeps_lists_and_code_blocks_line_by_line() -> None:
    (release,) = articles("github.atom")
    codes = [b for b in release.blocks if isinstance(b, Code)]
    assert [c.lines for c in codes] == [
        ("pip install --upgrade widget", "widget migrate --from 2.3"),
        ("def main():", "    run(dry=True)"),
    ]
    assert any(isinstance(b, ListBlock) and len(b.items) == 2 for b in release.blocks)
    shown = render_plain(release, 60)
    assert "  def main():\n      run(dry=True)" in shown


def test_code_lines_wider_than_the_body_are_broken_not_wrapped_by_words() -> None:
    wide = Article(title="t", blocks=(Code(("x = " + "a" * 100,)),))
    lines = render_plain(wide, 40).splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert "".join(line.strip() for line in lines if "a" * 10 in line).count("a") == 100


def test_a_video_feed_entry_whose_only_text_is_its_media_description_gets_it_as_body() -> None:
    (video,) = articles("youtube.xml")
    figure = video.blocks[0]
    assert isinstance(figure, Figure)
    assert figure.src == "https://img.video.example/vi/abcDEF12345/hqdefault.jpg"
    assert figure.caption == ""  # not the body again
    assert video.blocks[1:] == (
        Paragraph("A quick method for a razor edge."),
        ListBlock(("0:00 Intro", "1:20 Flattening the back", "3:05 Honing the bevel")),
        Paragraph("Tools used: https://shop.example/stones"),
    )


def test_a_media_description_of_one_image_stays_its_caption() -> None:
    post, _reply = articles("mastodon.xml")
    figure = next(b for b in post.blocks if isinstance(b, Figure))
    assert figure.caption == "A cedar bird feeder on a post"
    assert "A cedar bird feeder" not in " ".join(
        b.plain for b in post.blocks if not isinstance(b, Figure)
    )


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("- eggs\n- flour\n* milk", ("eggs", "flour", "milk")),
        ("1. Mix\n2) Bake", ("1. Mix", "2) Bake")),
        ("(00:00) Cold open\n(04:30) The job", ("(00:00) Cold open", "(04:30) The job")),
    ],
)
def test_plain_text_lines_that_are_all_list_items_become_a_list(
    text: str, items: tuple[str, ...]
) -> None:
    from newsreader.extract.entries import _plain_paragraphs

    assert _plain_paragraphs(f"Intro.\n\n{text}") == [Paragraph("Intro."), ListBlock(items)]


def test_plain_text_prose_with_one_numbered_line_stays_a_paragraph() -> None:
    from newsreader.extract.entries import _plain_paragraphs

    text = "We met in\n2019. It rained."
    assert _plain_paragraphs(text) == [Paragraph("We met in 2019. It rained.")]


def test_an_untitled_post_is_titled_by_its_first_sentence_not_cut_mid_url() -> None:
    post, reply = articles("mastodon.xml")
    assert post.title == "Finally finished the bird feeder build."
    assert reply.title == "@rob yes!"


@pytest.mark.parametrize(
    ("blocks", "title"),
    [
        ((Paragraph("Short post."),), "Short post."),
        ((Paragraph("word " * 40),), ("word " * 7).strip() + "…"),
        ((ListBlock(("first item", "second")),), "first item second"),
        ((Figure("https://e.example/a.jpg", alt="A red kite"),), "A red kite"),
        ((Paragraph("Hi. " + "more words here " * 10),), "Hi. more words here more words here…"),
    ],
)
def test_fallback_title_takes_the_first_words_at_a_word_or_sentence_boundary(
    blocks: tuple, title: str
) -> None:
    from newsreader.extract.finish import fallback_title

    assert fallback_title(blocks, 40) == title


def test_a_bookmark_card_becomes_one_linked_line_not_a_figure_of_its_favicon() -> None:
    (post,) = articles("ghost.xml")
    card = next(b for b in post.blocks if isinstance(b, Paragraph) and "herons" in b.text)
    assert card.text == "All about herons"
    assert [r.href for r in card.runs] == ["https://birds.example/herons"]
    srcs = [b.src for b in post.blocks if isinstance(b, Figure)]
    assert not any("favicon" in s or "heron-thumb" in s for s in srcs)
    assert "Low tide is best for walking." in body(post)
    assert "Subscribe" not in body(post)


@pytest.mark.parametrize(
    "html",
    [
        # another engine's shape: a div card, the title first without a class
        '<div class="link-preview"><a href="https://e.example/x"><h4>Tide tables</h4>'
        "<p>When the water comes.</p><img src='https://e.example/i.png'></a></div>",
        # a section wrapping the link, the title marked by a headline class
        '<section><a href="https://e.example/x"><span class="meta">e.example</span>'
        '<div class="card-headline">Tide tables</div></a></section>',
    ],
)
def test_link_cards_of_other_shapes_become_a_linked_line(html: str) -> None:
    from newsreader.extract.html import html_to_blocks

    (card,) = html_to_blocks(f"{html}")
    assert card == Paragraph("Tide tables")
    assert card.runs[0].href == "https://e.example/x"


def test_an_image_linked_to_its_full_size_with_a_caption_outside_the_link_is_a_figure() -> None:
    from newsreader.extract.html import html_to_blocks

    html = (
        '<figure><a href="https://e.example/big.jpg"><div><img src="https://e.example/s.jpg">'
        "</div></a><figcaption>A heron.</figcaption></figure>"
    )
    (figure,) = html_to_blocks(html)
    assert isinstance(figure, Figure)
    assert (figure.src, figure.caption) == ("https://e.example/s.jpg", "A heron.")


def test_a_body_starting_with_the_title_as_a_heading_does_not_show_it_twice() -> None:
    from newsreader.extract.stored import article_from_stored

    (post,) = articles("medium.xml")
    assert post.blocks[0] == Paragraph("We launched on a Friday. That was the first mistake.")
    parsed = build_articles(parse_feed((FAMILIES / "medium.xml").read_bytes()), defer=True)
    (kept,) = parsed.deferred
    assert kept is not None
    read = article_from_stored(parsed.articles[0], kept.to_dict())
    assert read.blocks == post.blocks


def test_a_later_heading_equal_to_the_title_and_a_title_made_from_the_body_stay() -> None:
    from newsreader.extract.finish import without_title
    from newsreader.model import Heading

    later = [Paragraph("Intro."), Heading("Tides")]
    assert without_title(list(later), "Tides") == later
    assert without_title([Paragraph("Tides")], "Tides") == [Paragraph("Tides")]


def test_an_aggregator_entry_whose_body_is_only_metadata_lines_has_no_body() -> None:
    _link, ask, _bare = articles("hn.xml")
    assert ask.title == "Ask LN: How do you back up photos?"
    assert body(ask) == ""


def test_a_body_of_a_few_words_is_still_kept_when_not_every_part_is_chrome() -> None:
    from newsreader.extract.deferred import DeferredBody

    blocks = DeferredBody("<p><b>Share</b></p><p>Points: 3</p>").blocks()
    assert blocks == [Paragraph("Share Points: 3")]


def test_podcast_show_notes_keep_their_timestamps_as_a_list() -> None:
    (episode,) = articles("podcast.xml")
    notes = next(b for b in episode.blocks if isinstance(b, ListBlock))
    assert notes.items == (
        "(00:00) Cold open",
        "(04:30) How they got the job",
        "(22:15) The storm of 1987",
    )


@pytest.mark.parametrize(
    "html",
    [
        # no source at all, the real one only in <noscript>
        '<figure><img class="lazyload" data-sizes="auto"><noscript><img src="https://e.example/r.jpg">'
        "</noscript><figcaption>Cap</figcaption></figure>",
        # a data: placeholder in a wrapper, the <noscript> after the wrapper
        '<figure><span class="wrap"><img src="data:image/gif;base64,R0lGOD"></span>'
        '<noscript><img src="https://e.example/r.jpg"></noscript><figcaption>Cap</figcaption></figure>',
        # <noscript> kept as text by a parser that does not read it as markup
        '<figure><img src="data:image/gif;base64,R0lGOD"><noscript>&lt;img src="https://e.example/r.jpg"&gt;'
        "</noscript><figcaption>Cap</figcaption></figure>",
    ],
)
def test_a_lazy_image_without_a_source_takes_its_noscript_fallback_once(html: str) -> None:
    from newsreader.extract.html import html_to_blocks

    assert html_to_blocks(html) == [Figure("https://e.example/r.jpg", caption="Cap")]


def test_news_page_drops_ads_and_keeps_the_lazy_figure_and_the_embed_once() -> None:
    from newsreader.model import Video

    (story,) = articles("news.xml")
    figures = [b for b in story.blocks if isinstance(b, Figure)]
    assert [(f.src, f.credit) for f in figures] == [
        ("https://valleydaily.example/img/bridge-render.jpg", "City Works Dept.")
    ]
    assert [b.src for b in story.blocks if isinstance(b, Video)] == [
        "https://video.example/embed/zzTop123"
    ]
    text = body(story)
    assert "Advertisement" not in text and "Old bridge closes" not in text
    assert text.index("voted 5-2") < text.index("eighteen months") < text.index("January 15")


def test_an_embed_figure_left_as_a_bare_url_becomes_a_link_line() -> None:
    from newsreader.extract.html import html_to_blocks
    from newsreader.model import Video

    html = (
        '<p>Intro.</p><figure class="wp-block-embed is-type-video"><div class="wrapper">'
        "\nhttps://vimeo.com/123\n</div><figcaption>Our demo</figcaption></figure>"
        '<figure class="wp-block-embed is-type-rich"><div>https://social.example/@a/1</div></figure>'
    )
    _intro, video, link = html_to_blocks(html)
    assert video == Video(title="Our demo", src="https://vimeo.com/123")
    assert link == Paragraph("https://social.example/@a/1")
    assert link.runs[0].href == "https://social.example/@a/1"


@pytest.mark.parametrize(
    "html",
    [
        '<div class="sharedaddy sd-like"><h3>Like this:</h3><div class="likes-widget-placeholder">'
        "<span>Like</span> <span>Loading...</span></div></div>",
        '<p><a class="more-link" href="https://e.example/1">Continue reading '
        '<span class="screen-reader-text">Planting Kale</span> &rarr;</a></p>',
        "<p>The post <a href='https://e.example/1'>A</a> appeared first on "
        "<a href='https://e.example'>The Long Site Name Of A Very Wordy Blog Here</a>.</p>",
    ],
)
def test_blog_engine_widgets_and_more_links_are_dropped(html: str) -> None:
    from newsreader.extract.html import html_to_blocks

    assert html_to_blocks(f"<p>Intro text.</p>{html}") == [Paragraph("Intro text.")]
