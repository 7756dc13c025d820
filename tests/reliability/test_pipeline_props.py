"""Hostile input through the whole pipeline: extraction → model → layout (E1–E13, M1–M7).

Properties: nothing raises; no control character, escape or bidi override
reaches the model or a rendered line; no rendered line is wider than asked;
every word of the model's visible text is still in the rendered output.
"""

from __future__ import annotations

import dataclasses
import re
from html import escape

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from newsreader.extract.html import html_to_blocks
from newsreader.extract.text import parse_text_article
from newsreader.layout import layout, render
from newsreader.model import Article, Block

from .hostile import FORBIDDEN, FORBIDDEN_ONE_LINE, MARKUP, NASTY_TEXT, WORD, escape_sequence

PROPS = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
WIDTH = st.integers(min_value=20, max_value=300)

_RULES = re.compile("[\u2500-\u257f]")
TAGS = ["p", "div", "span", "b", "i", "a", "h2", "blockquote", "li", "figure", "figcaption"]


@st.composite
def html_fragment(draw: st.DrawFn, depth: int = 0) -> str:
    """Arbitrary (often broken) HTML with hostile text, attributes and entities."""
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["text", "tag", "entity", "raw", "img", "broken"]))
        if kind == "text":
            parts.append(escape(draw(NASTY_TEXT), quote=False))
        elif kind == "tag" and depth < 3:
            tag = draw(st.sampled_from(TAGS))
            attr = escape(draw(st.sampled_from(["", *MARKUP, "javascript:alert(1)"])))
            inner = draw(html_fragment(depth + 1))
            parts.append(f'<{tag} title="{attr}" href="{attr}">{inner}</{tag}>')
        elif kind == "entity":
            parts.append(
                draw(st.sampled_from(["&#27;[31mRED&#27;[0m", "&amp;#x1b;[2J", "&#x9b;", "&#0;"]))
            )
        elif kind == "img":
            src = draw(st.sampled_from(["/a.jpg", "javascript:x", "file:///etc/passwd", ""]))
            alt = escape(draw(NASTY_TEXT))
            parts.append(f'<img src="{src}" alt="{alt}">')
        elif kind == "broken":
            parts.append(draw(st.sampled_from(["<p", "</div>", "<<>>", "<!--", "<![CDATA[", "&"])))
        else:
            parts.append(draw(escape_sequence()))
    return "".join(parts)


def text_fields(article: Article) -> list[str]:
    fields = [article.title, article.dek, article.author, article.section, article.feed]
    fields += [article.url]
    for block in article.blocks:
        fields.extend(block_fields(block))
    return fields


def block_fields(block: Block) -> list[str]:
    out: list[str] = []
    for field in dataclasses.fields(block):
        value = getattr(block, field.name)
        out.extend(value if isinstance(value, tuple) else [value])
    return [v for v in out if isinstance(v, str)]


def assert_clean_model(article: Article) -> None:
    for value in text_fields(article):
        assert not FORBIDDEN.search(value), repr(value)


def assert_clean_render(article: Article, width: int) -> None:
    lines = render(article, width)
    # Each column squashed on its own (side by side, a sidebar caption would split a body
    # word broken across lines), without whitespace and the layout's own rules (a
    # quote's "│" starts every line, also the continuation of a broken word).
    columns = layout(article, width)
    squashed = "\n".join(
        _RULES.sub("", "".join("".join(line.plain.split()) for line in column))
        for column in (columns.header, columns.body, columns.sidebar)
    )
    for line in lines:
        assert not FORBIDDEN_ONE_LINE.search(line.plain), repr(line.plain)
        assert cell_len(line.plain) <= width, (width, line.plain)
        for span in line.spans:  # styles come from the layout, never from content
            assert "link" not in str(span.style) and "@click" not in str(span.style)
    visible = [article.title, *(b.plain for b in article.blocks)]
    for text in visible:
        for word in text.split():
            word = _RULES.sub("", word)
            assert word in squashed or word.rstrip("…") in squashed, (word, width)


@given(html_fragment(), WIDTH)
@example(html="x" * 400 + '<img src="/a.jpg" alt="a">', width=100)  # a caption beside a broken word
@PROPS
def test_html_fragment_to_render(html: str, width: int) -> None:
    blocks = html_to_blocks(html, base_url="https://example.org/")
    article = Article(title="T", blocks=tuple(blocks))
    assert_clean_model(article)
    assert_clean_render(article, width)


@given(
    st.lists(st.one_of(NASTY_TEXT, st.just("\n\n"), st.sampled_from(MARKUP)), max_size=12), WIDTH
)
@PROPS
def test_pasted_text_to_render(pieces: list[str], width: int) -> None:
    article = parse_text_article("".join(pieces))
    assert_clean_model(article)
    assert_clean_render(article, width)


@given(st.lists(WORD, min_size=1, max_size=40), st.lists(escape_sequence(), max_size=5), WIDTH)
@PROPS
def test_escape_in_paragraph_words_all_survive(words: list[str], escapes: list[str], width: int):
    body = " ".join(w + (escapes[i % len(escapes)] if escapes else "") for i, w in enumerate(words))
    article = parse_text_article(f"A plain headline here\n\n{body}\n\nAnother paragraph.\n")
    assert_clean_model(article)
    assert_clean_render(article, width)
