"""Main-content choice for saved pages: trafilatura picks the text, we keep the figures.

trafilatura (``bare_extraction``) is the best-measured chooser of a page's main text
on the real-page corpus (``python -m bench.corpus_bench``), but its output has no
figure captions or credits. So:

1. :func:`choose` runs trafilatura on our parsed tree (it works on a copy) and turns its
   XML body (``p``/``head``/``list``/``item``/``quote``/``table``…) back into HTML that
   :func:`newsreader.extract.html.html_to_blocks` builds into blocks;
2. :func:`anchor` finds each text block's element in the original page (by the start of
   its text), and :func:`place_figures` takes the page's own ``<figure>`` (and
   figure-classed) elements that lie among those anchors, builds them with the same
   builder (caption and credit kept apart, lazy ``data-src``/``srcset`` resolved), and
   puts each before the first text block that follows it in the page.

trafilatura is imported here only, and this module only by :mod:`newsreader.extract.page`,
which the app imports lazily: start-up never pays for it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from newsreader.extract.html import html_to_blocks
from newsreader.extract.patterns import (
    FIGURE_CLASSES,
    PAGE_FURNITURE_LEAD,
    PAGE_FURNITURE_LEAD_MAX_CHARS,
    PAGE_FURNITURE_MAX_CHARS,
    PAGE_FURNITURE_PATTERNS,
    RELATED_LABEL,
    RELATED_LABEL_LINES,
    RELATED_LABEL_MAX_CHARS,
    TEASER_PREFIX,
    fold_confusables,
    normalise_line,
)
from newsreader.extract.rules import BOX_PARTS, BOX_ROLES, BOX_TAGS, BOX_WORDS
from newsreader.model import Block, Code, Figure, Heading, ListBlock, Paragraph, Quote

__all__ = ["choose", "drop_furniture", "place_figures"]

# trafilatura's XML tags → HTML tags our builder knows.
_TAGS = {
    "head": "h2",
    "item": "li",
    "quote": "blockquote",
    "hi": "span",
    "ref": "span",
    "lb": "br",
    "row": "tr",
    "cell": "td",
    "code": "pre",
    "graphic": "img",
}
# trafilatura's ``<hi rend>`` → the inline tags whose styling the builder keeps.
_HI = {"#i": "em", "#b": "strong", "#t": "code"}
_KEY_CHARS = 48
# After a "Related"/"Auch interessant" label, shorter blocks than this are its teasers.
_TEASER_MAX_CHARS = 160
_RELATED_LINES = frozenset(RELATED_LABEL_LINES)
# The story is the element holding this share of the chosen text; shorter blocks than
# _STRAY_MAX_CHARS outside it are teasers.
_MAIN_SHARE = 0.92
_STRAY_MAX_CHARS = 200
# A paragraph or heading this short whose text is this much link is a teaser line.
_LINK_LINE_MAX_CHARS = 120
_LINK_LINE_SHARE = 0.9
_LINK_LINE_TAGS = frozenset({"p", "li", "dd", "div"})
_NON_WORD = re.compile(r"\W+")
# Elements of the page whose text start anchors a block.
_ANCHOR_TAGS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
    "div",
    "span",
    "section",
)


def _key(text: str) -> str:
    return _NON_WORD.sub("", text.lower())[:_KEY_CHARS]


def choose(root: etree._Element, url: str = "") -> str | None:
    """The main content of the page as HTML, or ``None`` when trafilatura finds none."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a runtime dependency
        return None
    try:
        doc = trafilatura.bare_extraction(
            root,
            url=url or None,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_formatting=True,  # emphasis, strong and code: kept as runs
            include_links=True,
            with_metadata=False,
        )
    except Exception:  # trafilatura on hostile input: fall back to our own chooser
        return None
    body = getattr(doc, "body", None)
    if body is None or not len(body):
        return None
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag
        if tag == "code" and el.getparent() is not body:
            el.tag = "code"  # inline code inside a paragraph, not a code block
        elif tag == "hi":
            el.tag = _HI.get(el.get("rend") or "", "span")
        elif tag == "ref":
            target = el.get("target")
            el.tag = "a" if target else "span"
            if target:
                el.set("href", target)
        elif tag == "list":
            el.tag = "ol" if (el.get("rend") or "").startswith("ol") else "ul"
        elif tag == "head":
            rend = el.get("rend") or ""
            el.tag = rend if rend in ("h1", "h2", "h3", "h4", "h5", "h6") else "h2"
        elif tag in _TAGS:
            el.tag = _TAGS[tag]
        else:
            continue
        for name in ("rend", "target"):
            el.attrib.pop(name, None)
    try:
        return lxml_html.tostring(body, encoding="unicode")
    except (ValueError, etree.SerialisationError):
        return None


def _block_key(block: Block) -> str:
    if isinstance(block, Paragraph | Heading | Quote):
        return _key(block.text)
    if isinstance(block, ListBlock) and block.items:
        return _key(block.items[0])
    return ""


def _figure_class(value: str | None) -> bool:
    if not value:
        return False
    for token in value.lower().split():
        if token in FIGURE_CLASSES or "figure" in token.replace("_", "-").split("-"):
            return True
    return False


def _figure_elements(root: etree._Element) -> list[tuple[etree._Element, bool]]:
    """Outermost ``<figure>``/figure-classed elements, and bare images: ``(element, bare)``.

    A bare ``<img>`` comes with its ``<picture>`` (its ``<source>`` candidates) or the
    link around it.
    """
    found: list[tuple[etree._Element, bool]] = []
    inside: set[etree._Element] = set()
    for el in root.iter():
        if not isinstance(el.tag, str) or el in inside:
            continue
        if el.tag == "figure" or _figure_class(el.get("class")):
            found.append((el, False))
            inside.update(el.iterdescendants())
        elif el.tag == "img":
            outer = el
            parent = el.getparent()
            for _ in range(2):
                if parent is None or parent.tag not in ("picture", "a", "source"):
                    break
                outer, parent = parent, parent.getparent()
            found.append((outer, True))
    return found


def _block_text(block: Block) -> str:
    if isinstance(block, Paragraph | Heading | Quote):
        return block.text
    if isinstance(block, ListBlock):
        return " ".join(block.items)
    if isinstance(block, Code):
        return " ".join(block.lines)
    return ""


def _story_container(
    blocks: list[Block], anchors: list[etree._Element | None]
) -> etree._Element | None:
    """The smallest ancestor of the longest block that holds ``_MAIN_SHARE`` of the text.

    ``None`` when there is none below ``<body>``.
    """
    sizes = [
        len(_block_text(b)) if a is not None else 0 for b, a in zip(blocks, anchors, strict=True)
    ]
    total = sum(sizes)
    if not total:
        return None
    lines = [{a, *a.iterancestors()} if a is not None else set() for a in anchors]
    longest = max(range(len(blocks)), key=lambda i: sizes[i])
    start = anchors[longest]
    for candidate in [start, *start.iterancestors()] if start is not None else []:
        covered = sum(size for size, line in zip(sizes, lines, strict=True) if candidate in line)
        if covered >= _MAIN_SHARE * total:
            return None if candidate.tag in ("body", "html") else candidate
    return None


def _box_element(el: etree._Element) -> bool:
    """Whether ``el`` is a furniture box by its tag, role or class/id words (see BOX_WORDS)."""
    if el.tag in BOX_TAGS or (el.get("role") or "").strip().lower() in BOX_ROLES:
        return True
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    marks = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    for token in marks.split():
        token = token.split("--")[0]  # a BEM modifier ("section--ads") says what it holds
        if any(word in BOX_WORDS for word in token.replace("_", "-").split("-")):
            return True
        squashed = token.replace("-", "").replace("_", "")
        if any(part in squashed for part in BOX_PARTS):
            return True
    return False


def _drop_boxed(
    blocks: list[Block], anchors: list[etree._Element | None], container: etree._Element
) -> tuple[list[Block], list[etree._Element | None]]:
    """Drop blocks whose element lies in a furniture box inside the story's container.

    Tags, share bars, author boxes, call-to-action and disclosure boxes, the story's own
    footer: the elements between a block's element and ``container`` (or, for a block
    outside it, the nearest element that holds the container) are looked at, never the
    page's wrappers above. A box that holds half of the text is the story, not a box.
    """
    stop = {container, *container.iterancestors()}
    verdict: dict[etree._Element, bool] = {}
    boxes: list[list[etree._Element]] = []
    held: dict[etree._Element, int] = {}
    total = 0
    for block, anchor in zip(blocks, anchors, strict=True):
        found: list[etree._Element] = []
        el = anchor
        while el is not None and el not in stop:
            if el not in verdict:
                verdict[el] = _box_element(el)
            if verdict[el]:
                found.append(el)
            el = el.getparent()
        boxes.append(found)
        if anchor is not None:
            size = len(_block_text(block))
            total += size
            for box in found:
                held[box] = held.get(box, 0) + size
    kept = [
        (block, anchor)
        for block, anchor, found in zip(blocks, anchors, boxes, strict=True)
        if not any(held[box] * 2 < total for box in found)
    ]
    return [b for b, _ in kept], [a for _, a in kept]


def _site(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _link_line(block: Block, anchor: etree._Element | None, site: str) -> bool:
    """Whether ``block`` is a short paragraph that is all one link to another page of the site.

    A standalone line like that is a teaser for another story (or a way back to a list);
    a link to another site (a source, an event) or a bare address is the text's own.
    """
    if anchor is None or not isinstance(block, Paragraph) or anchor.tag not in _LINK_LINE_TAGS:
        return False
    if len(block.text) > _LINK_LINE_MAX_CHARS:
        return False
    links = list(anchor.iter("a"))
    if not links or len(links) > 2:
        return False
    text = "".join(anchor.itertext()).strip()
    linked = sum(len("".join(a.itertext()).strip()) for a in links)
    if not text or linked < _LINK_LINE_SHARE * len(text):
        return False
    for a in links:
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            return False
        try:
            parts = urlsplit(href)
        except ValueError:  # "http://[bad": not a link anywhere
            return False
        if parts.scheme not in ("", "http", "https"):
            return False
        if parts.netloc and _site(parts.netloc) != site:
            return False
        if parts.path.strip("/") == "":
            return False
    return True


def _drop_link_lines(
    blocks: list[Block], anchors: list[etree._Element | None], base_url: str
) -> tuple[list[Block], list[etree._Element | None]]:
    """Drop short paragraphs that are all one link to another page of the same site."""
    try:
        site = _site(urlsplit(base_url).netloc)
    except ValueError:
        return blocks, anchors
    if not site:
        return blocks, anchors
    kept = [(b, a) for b, a in zip(blocks, anchors, strict=True) if not _link_line(b, a, site)]
    return [b for b, _ in kept], [a for _, a in kept]


def _drop_headlines(
    blocks: list[Block], anchors: list[etree._Element | None]
) -> tuple[list[Block], list[etree._Element | None]]:
    """Drop headings found at an ``<h1>`` of the page.

    The page's ``<h1>`` is its headline, shown as the article's title (perhaps worded a
    little differently), or the headline of another story further down the page: never
    a heading of the text.
    """
    kept = [
        (b, a)
        for b, a in zip(blocks, anchors, strict=True)
        if not (isinstance(b, Heading) and a is not None and a.tag == "h1")
    ]
    return [b for b, _ in kept], [a for _, a in kept]


def _drop_strays(
    blocks: list[Block], anchors: list[etree._Element | None]
) -> tuple[list[Block], list[etree._Element | None]]:
    """Drop short blocks found outside the element that holds nearly all the text.

    A teaser from another ``<article>`` card or a rail the chooser took along: the
    smallest ancestor of the longest block that holds ``_MAIN_SHARE`` of the anchored
    text is the story; shorter blocks than ``_STRAY_MAX_CHARS`` outside it go.
    """
    sizes = [
        len(_block_text(b)) if a is not None else 0 for b, a in zip(blocks, anchors, strict=True)
    ]
    total = sum(sizes)
    if not total:
        return blocks, anchors
    lines = [{a, *a.iterancestors()} if a is not None else set() for a in anchors]
    longest = max(range(len(blocks)), key=lambda i: sizes[i])
    start = anchors[longest]
    container = None
    for candidate in [start, *start.iterancestors()] if start is not None else []:
        covered = sum(size for size, line in zip(sizes, lines, strict=True) if candidate in line)
        if covered >= _MAIN_SHARE * total:
            container = candidate
            break
    if container is None or container.tag in ("body", "html"):
        return blocks, anchors
    kept = [
        (b, a)
        for b, a, line in zip(blocks, anchors, lines, strict=True)
        if a is None or container in line or len(_block_text(b)) >= _STRAY_MAX_CHARS
    ]
    return [b for b, _ in kept], [a for _, a in kept]


def place_figures(root: etree._Element, blocks: list[Block], base_url: str) -> list[Block]:
    """``blocks`` less strays, with the page's figures that lie among them, in page order."""
    if not blocks:
        return blocks
    figures = _figure_elements(root)
    order: dict[etree._Element, int] = {}
    index: dict[str, etree._Element] = {}
    wanted = {_block_key(b) for b in blocks} - {""}
    for position, el in enumerate(root.iter()):
        order[el] = position
        if el.tag in _ANCHOR_TAGS:
            text = el.text_content() if el.tag not in ("div", "span", "section") else el.text
            if text:
                key = _key(text)
                if key in wanted and key not in index:
                    index[key] = el
    anchors = [index.get(_block_key(b)) for b in blocks]
    blocks, anchors = _drop_strays(blocks, anchors)
    blocks, anchors = _drop_link_lines(blocks, anchors, base_url)
    blocks, anchors = _drop_headlines(blocks, anchors)
    container = _story_container(blocks, anchors)
    if container is not None:
        blocks, anchors = _drop_boxed(blocks, anchors, container)
        if not blocks:
            return blocks
    positions: list[int | None] = [order[a] if a is not None else None for a in anchors]
    known = [p for p in positions if p is not None]
    if not known or not figures:
        return blocks
    first, last = min(known), max(known)
    # The container of the text: figures before the first anchor count only inside it.
    first_anchor = next(a for a in anchors if a is not None and order[a] == first)
    container = first_anchor.getparent()
    last_parent = next(a for a in anchors if a is not None and order[a] == last).getparent()
    placed: list[tuple[int, Block]] = []
    captions = set()
    for el, bare in figures:
        pos = order.get(el, -1)
        if pos > last and el.getparent() is not last_parent:
            continue  # after the text: only a figure closing the text's own element
        if pos < first:
            if bare:
                continue
            if container is None:
                continue
            # a lead figure: in the text's container or its parent, not in a teaser rail
            scope = container.getparent() if container.getparent() is not None else container
            if scope not in set(el.iterancestors()):
                continue
        try:
            html = lxml_html.tostring(el, encoding="unicode", with_tail=False)
        except (ValueError, etree.SerialisationError):
            continue
        for block in html_to_blocks(html, base_url=base_url):
            if isinstance(block, Figure):
                placed.append((pos, block))
                if block.caption:
                    captions.add(_key(block.caption))
    if not placed:
        return blocks
    out: list[Block] = []
    carry = -1
    queue = sorted(placed, key=lambda item: item[0])
    qi = 0
    for block, pos in zip(blocks, positions, strict=True):
        if pos is not None:
            carry = pos
        while qi < len(queue) and queue[qi][0] < carry:
            out.append(queue[qi][1])
            qi += 1
        if isinstance(block, Paragraph) and _key(block.text) in captions:
            continue  # a caption trafilatura kept as text: the figure has it
        out.append(block)
    out.extend(item[1] for item in queue[qi:])
    return out


def _is_furniture(text: str) -> bool:
    if len(text) > PAGE_FURNITURE_LEAD_MAX_CHARS:
        return False
    lowered = fold_confusables(text).casefold()
    if PAGE_FURNITURE_LEAD.match(lowered):
        return True
    if len(text) > PAGE_FURNITURE_MAX_CHARS:
        return False
    return bool(TEASER_PREFIX.match(lowered)) or any(
        pattern.search(lowered) for pattern in PAGE_FURNITURE_PATTERNS
    )


def _related_label(text: str) -> bool:
    """Whether a short heading or paragraph labels a box of links to other stories."""
    norm = normalise_line(text)
    if norm in _RELATED_LINES:
        return True
    return len(norm) <= RELATED_LABEL_MAX_CHARS and RELATED_LABEL.match(norm) is not None


def drop_furniture(blocks: list[Block]) -> list[Block]:
    """Drop teaser links, related-story boxes, copyright and follow-us lines the chooser kept.

    A heading or short paragraph that is a "Related"-style label
    (:data:`~newsreader.extract.patterns.RELATED_LABEL_LINES`) goes with the lists,
    figures and short lines after it, up to the next long paragraph.
    """
    out: list[Block] = []
    teasers = False
    for block in blocks:
        text = block.text if isinstance(block, Paragraph | Heading | Quote) else ""
        if teasers:
            if isinstance(block, ListBlock | Figure) or (
                text and len(text) < _TEASER_MAX_CHARS and not isinstance(block, Quote)
            ):
                continue
            teasers = False
        related = isinstance(block, Heading | Paragraph) and len(text) <= 120
        if related and _related_label(text):
            teasers = True
            continue
        if text and _is_furniture(text):
            continue
        out.append(block)
    return out
