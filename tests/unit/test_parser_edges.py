"""Parser edge cases found by running public feed test suites: each input, and the
article a reader must get from it."""

from __future__ import annotations

import pytest

from newsreader.formats.prepare import UnsafeFeed, flatten_nested_cdata, strip_doctype
from newsreader.formats.registry import parse_feed
from newsreader.ingest import IngestError, detect_kind, load_bytes
from newsreader.model import Article, Paragraph
from newsreader.sanitize import clean_text, strip_markup_escapes


def _rss(item: bytes, *, prologue: bytes = b"", encoding: bytes = b"utf-8") -> bytes:
    return (
        b'<?xml version="1.0" encoding="' + encoding + b'"?>\n' + prologue + b'<rss version="2.0">'
        b"<channel><title>Edge Feed</title><link>https://edge.example/</link>"
        b"<item><guid>e-1</guid>" + item + b"</item></channel></rss>"
    )


def _one(data: bytes) -> Article:
    [article] = load_bytes(data).articles
    return article


def _texts(article: Article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


def test_text_after_an_embed_is_kept() -> None:
    body = b'<p>Intro.</p><embed src="https://example.com/x.swf"><p>After.</p>'
    article = _one(_rss(b"<title>E</title><description><![CDATA[" + body + b"]]></description>"))
    assert _texts(article) == ["Intro.", "After."]


def test_text_after_other_void_elements_libxml2_nests_is_kept() -> None:
    body = b"<p>One<wbr>two.</p><video><source src='a.mp4'><track src='a.vtt'></video><p>End.</p>"
    article = _one(_rss(b"<title>V</title><description><![CDATA[" + body + b"]]></description>"))
    assert _texts(article)[0] == "Onetwo." and _texts(article)[-1] == "End."


@pytest.mark.parametrize(
    "comment",
    [
        b"<!-- example: <!DOCTYPE html -->\n",
        b"<!-- <!DOCTYPE rss [ -->\n",
        b'<!-- old: <!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN"> -->\n',
    ],
)
def test_a_doctype_written_in_a_leading_comment_is_not_cut(comment: bytes) -> None:
    article = _one(_rss(b"<title>C</title><description>Body.</description>", prologue=comment))
    assert (article.title, _texts(article)) == ("C", ["Body."])


def test_a_tag_in_a_comment_does_not_hide_a_later_entity_declaration() -> None:
    data = b'<?xml version="1.0"?><!-- <a --><!DOCTYPE rss [<!ENTITY x "y">]><rss>&x;</rss>'
    assert b"ENTITY" not in strip_doctype(data)
    with pytest.raises(UnsafeFeed):
        strip_doctype(b"<!-- <a -->\n<!ENTITY x 'y'>\n<rss/>")


@pytest.mark.parametrize("encoding", [b"iso-8859-1", b"utf-8"])
def test_cp1252_quotes_read_as_c1_become_glyphs(encoding: bytes) -> None:
    def c1(text: str) -> bytes:
        return text.encode("latin-1") if encoding != b"utf-8" else text.encode("utf-8")

    item = b"<title>" + c1("don\x92t \x93stop\x94 \x96 now") + b"</title>"
    item += b"<description>" + c1("It\x92s \x85 fine\x99") + b"</description>"
    article = _one(_rss(item, encoding=encoding))
    assert article.title == "don’t “stop” – now"
    assert _texts(article)[0].startswith("It’s")
    assert _texts(article)[0].endswith("fine™")


def test_c1_controls_that_open_sequences_are_still_removed() -> None:
    # E6: CSI, OSC, DCS (and ST) with their sequences; the undefined cp1252 codes too.
    assert clean_text("a\x9b2Jb\x9d0;x\x07c\x90dcs\x9cd\x81e\x8df") == "abcdef"
    assert clean_text("don\x92t \x9bs") == "don’t"
    assert strip_markup_escapes("<p>don\x92t\x9d0;x</p>\x9b31m") == "<p>don’t</p>"
    # a UTF-8 feed carrying 8-bit sequences loses them whole, not as "›2J"
    item = "<title>X\x9b2J\x92Y\x9d0;PWNED\x07</title>".encode()
    assert _one(_rss(item)).title == "X’Y"


def test_xml_with_an_unknown_root_and_no_prologue_is_refused() -> None:
    data = b"<inventory><item>hello</item></inventory>\n"
    assert detect_kind(data) == "feed"
    with pytest.raises(IngestError) as caught:
        load_bytes(data)
    assert str(caught.value) == (
        "not a feed: it is XML with a <inventory> root element, not RSS or Atom"
    )
    assert detect_kind(b"<div><p>A saved fragment.</p></div>") == "html"
    assert detect_kind(b"<Note> this is a pasted article") == "text"


def test_a_bluesky_link_falls_back_to_its_web_address() -> None:
    item = (
        b"<title>B</title>"
        b'<link uri="at://did:plc:abc/app.bsky.feed.post/3k">https://bsky.app/profile/a/post/3k</link>'
        b"<description>Post text</description>"
    )
    assert _one(_rss(item)).url == "https://bsky.app/profile/a/post/3k"
    web = b'<title>W</title><link uri="https://w.example/a">https://w.example/b</link>'
    assert parse_feed(_rss(web)).entries[0].link  # a web uri attribute is left alone


@pytest.mark.parametrize("body", [b"<b>x</b><br/>", b"<p>x</p>", b"Share"])
def test_a_one_word_body_is_kept(body: bytes) -> None:
    article = _one(_rss(b"<title>W</title><description><![CDATA[" + body + b"]]></description>"))
    assert len(_texts(article)) == 1


def test_a_lone_read_more_link_is_still_dropped() -> None:
    item = b'<title>R</title><description><![CDATA[<a href="/x">Read more</a>]]></description>'
    assert _one(_rss(item)).blocks == ()


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (b"<![CDATA[<![CDATA[Title]]>]]>", b"<![CDATA[<![CDATA[<p>Body.</p>]]>]]>", "Title"),
        (b"<![CDATA[A <![CDATA[inner]]> B]]>", b"<![CDATA[Body <![CDATA[x]]> end]]>", "A inner B"),
    ],
)
def test_nested_cdata_leaves_no_markers(title: bytes, body: bytes, expected: str) -> None:
    article = _one(_rss(b"<title>" + title + b"</title><description>" + body + b"</description>"))
    assert article.title == expected
    assert "]]>" not in " ".join(_texts(article)) and _texts(article)
    # the split-CDATA idiom for a literal "]]>" is kept as it is
    assert flatten_nested_cdata(b"<![CDATA[a]]]]><![CDATA[>b]]>") == (
        b"<![CDATA[a]]]]><![CDATA[>b]]>"
    )
