"""Feed HTML (``content:encoded``, Atom content, summaries) → article blocks.

One iterative pass over an lxml tree (no recursion, so any nesting depth is
safe). Text goes to the innermost open context: a figure (caption / credit /
pull quote), a list (items) or the running paragraph. Every string is cleaned
with :func:`newsreader.sanitize.clean_text` and every URL with
:func:`newsreader.sanitize.clean_url` before it enters a block.

Handled: ``<p>``, loose text and ``<br><br>`` breaks; h1–h6; blockquote; ul/ol
(nested lists flatten); ``<figure>``/``wp-caption`` with caption and credit
(credit elements, ``<small>``, ``<cite>``, or :func:`~newsreader.extract.patterns.split_credit`);
caption/credit elements right after a bare image; ``<picture>``/``srcset``
(largest candidate); lazy images; bare ``<img>`` (caption from ``title``);
tracking pixels, scripts, forms, hidden and ad/promo/share/related elements
dropped; iframe/video/audio players and "WATCH | …" promos → :class:`Video`
(the next paragraph is the description when the promo ends with ":");
"With files from …" → :class:`Attribution`; boilerplate paragraphs dropped.

Bounds: libxml2 stops at 256 levels, so deeper input is re-read by the
standard library tokenizer; at most ``MAX_ELEMENTS`` elements are walked and
``MAX_BLOCKS`` blocks kept, so hostile input costs bounded time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser as _StdHTMLParser

from lxml import etree

from newsreader.extract.patterns import is_attribution, is_boilerplate, parse_promo, split_credit
from newsreader.model import (
    Attribution,
    Block,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Video,
)
from newsreader.sanitize import clean_text, clean_url, risky_markup, scrub_tree, strip_escapes

__all__ = ["html_text_parts", "html_to_blocks"]

# Elements dropped with everything inside them.
DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "option",
        "label",
        "nav",
        "svg",
        "math",
        "canvas",
        "object",
        "embed",
        "applet",
        "map",
        "link",
        "meta",
        "head",
        "title",
        "dialog",
        "frameset",
        "frame",
    }
)
# Elements that end the running paragraph where they start and where they end.
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "address",
        "center",
        "details",
        "summary",
        "dl",
        "dt",
        "dd",
        "li",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "pre",
        "hr",
        "body",
        "html",
        "hgroup",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
# Inline elements that, without attributes, only contribute their text.
PLAIN_INLINE_TAGS = frozenset(
    {"em", "strong", "b", "i", "u", "s", "span", "sup", "sub", "mark", "abbr", "time", "q"}
    | {"code", "kbd", "var", "samp", "font", "strike", "ins", "del", "bdi", "bdo", "dfn"}
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)

# Class/id words (split on - and _) that mark page furniture to remove.
JUNK_CLASS_WORDS = frozenset(
    {
        "ad",
        "ads",
        "adv",
        "advert",
        "adverts",
        "advertisement",
        "advertising",
        "adslot",
        "adunit",
        "dfp",
        "promo",
        "promos",
        "promotion",
        "newsletter",
        "newsletters",
        "signup",
        "subscribe",
        "subscription",
        "share",
        "sharing",
        "sharebar",
        "social",
        "related",
        "outbrain",
        "taboola",
        "sponsored",
        "recirc",
        "recirculation",
        "paywall",
    }
)
# Substrings (after removing - and _) that mark the same.
JUNK_CLASS_PARTS = (
    "advert",
    "signup",
    "readmore",
    "newsletter",
    "outbrain",
    "taboola",
    "socialshare",
    "sharebutton",
)
# Class words that mark a credit inside a figure (and next to a bare image).
CREDIT_CLASS_PARTS = ("credit", "copyright", "byline", "attribution", "photographer", "rights")
CAPTION_CLASS_PARTS = ("caption",)
FIGURE_CLASS_WORDS = frozenset({"figure", "wp-caption"})

# Image URLs that are placeholders for a lazy-loaded image.
PLACEHOLDER_PARTS = (
    "placeholder",
    "blank.",
    "spacer.",
    "transparent.",
    "lazy",
    "grey.gif",
    "gray.gif",
    "loading.",
    "1x1.",
    "pixel.",
)
LAZY_SRC_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src")
LAZY_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset")
# URL fragments of known tracking pixels.
TRACKER_PARTS = (
    "feedburner.com/~r/",
    "feeds.feedburner.com/~ff/",
    "pixel.wp.com",
    "stats.wordpress.com",
    "doubleclick.net",
    "google-analytics.com",
    "/pixel.gif",
    "/pixel.png",
    "/1x1.",
    "/spacer.gif",
    "/blank.gif",
    "/open.gif",
    "/count.gif",
    "pixel.quantserve.com",
    "sb.scorecardresearch.com",
    "mf.feeds.reuters.com",
    "/~r/",
    "feedsportal.com",
)
# Hosts and path words that mark an iframe as a video or audio player.
PLAYER_PARTS = (
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "vimeo.com",
    "dailymotion.com",
    "dai.ly",
    "twitch.tv",
    "wistia",
    "brightcove",
    "jwplayer",
    "jwplatform",
    "vidyard",
    "streamable.com",
    "rumble.com",
    "soundcloud.com",
    "open.spotify.com/embed",
    "podcasts.apple.com",
    "megaphone.fm",
    "simplecast",
    "omny.fm",
    "video",
    "player",
    "audio",
    "podcast",
)
GENERIC_TITLES = frozenset(
    {"youtube video player", "vimeo video player", "video player", "embedded content", "iframe"}
)

# Bounds on hostile input: a real article has a few thousand elements at most.
MAX_ELEMENTS = 20_000  # elements walked; the rest of a larger tree is ignored
MAX_BLOCKS = 5_000  # blocks kept
MAX_TEXT = 20_000  # characters in one block's text
MAX_ITEMS = 1_000  # items in one list
MAX_FALLBACK_TAGS = 60_000  # tags read by the no-depth-limit fallback parser
FALLBACK_DEPTH = 512  # deeper start tags are ignored there (their text is kept)

_BR = "\x00"  # marks a <br> in the running text (NUL never survives parsing)
_PARAGRAPH_BREAK = re.compile("\x00(?:\\s*\x00)+")
_LENGTH = re.compile(r"\s*(\d+)")
_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, remove_blank_text=False
)


def html_to_blocks(html: str, base_url: str = "") -> list[Block]:
    """Turn an HTML fragment or page into clean article blocks; never raises.

    ``base_url`` resolves relative links and image sources. Garbage or empty
    input gives ``[]``; on an unexpected failure the blocks built so far are
    returned.
    """
    builder = _Builder(base_url)
    try:
        root = _parse(html)
        if root is None:
            return []
        builder.walk(root)
    except Exception:  # never raise on feed content
        pass
    try:
        return builder.finish()
    except Exception:
        return list(builder.out)


def _junk_aside(el: etree._Element) -> bool:
    """An ``<aside>`` that is a "Related"/"Read more" box, or mostly links."""
    text = clean_text(" ".join(el.itertext()), max_len=2000)
    if not text:
        return True
    first = ""
    for piece in el.itertext():
        if piece.strip():
            first = clean_text(piece)
            break
    if is_boilerplate(first) or is_boilerplate(text):
        return True
    linked = sum(len(clean_text(" ".join(a.itertext()))) for a in el.iter("a"))
    return linked * 2 > len(text)


def html_text_parts(html: str) -> tuple[str, str]:
    """The searchable text of an HTML fragment, cheaply: ``(body, captions)``.

    What :func:`html_to_blocks` drops (scripts, forms, hidden, ad, share and
    related boxes) is dropped here too; the text of ``<figcaption>`` and of
    caption/credit elements is the captions, the rest the body. The text is not
    cleaned (it goes to the full-text index, which only keeps words) and no blocks
    are built: a refresh indexes every entry this way and builds blocks only for
    the articles someone opens.

    The index is contentless: an article leaves it only when given exactly the
    text it was indexed with, which is recomputed with this function. Changing
    what it returns therefore needs a migration that rebuilds the index.
    """
    try:
        root = _parse(html)
    except Exception:  # never raise on feed content
        root = None
    if root is None:
        return "", ""
    dropped: list[etree._Element] = []
    captions: list[etree._Element] = []
    for count, el in enumerate(root.iter()):
        if count > MAX_ELEMENTS:
            break
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if ":" in tag or "}" in tag:
            tag = _local(tag)
        if tag in DROP_TAGS:
            dropped.append(el)
            continue
        kind = _attr_kind(el) if el.attrib else ""
        if kind == "junk" or (tag == "aside" and _junk_aside(el)):
            dropped.append(el)
        elif tag == "figcaption" or kind in ("caption", "credit"):
            captions.append(el)
    for el in dropped:
        _remove(el)
    side: list[str] = []
    for el in captions:  # document order: an outer caption takes its inner credit along
        if _attached(el, root):
            side.append(" ".join(el.itertext()))
            _remove(el)
    return " ".join(root.itertext()), " ".join(side)


def _attached(el: etree._Element, root: etree._Element) -> bool:
    node: etree._Element | None = el
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False


def _remove(el: etree._Element) -> None:
    """Remove an element and its subtree, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = f"{previous.tail or ''} {tail}"
        else:
            parent.text = f"{parent.text or ''} {tail}"
    parent.remove(el)


# ----------------------------------------------------------------------------- parsing


def _parse(html: str) -> etree._Element | None:
    if not isinstance(html, str):
        html = str(html or "")
    if not html or html.isspace():
        return None
    data = html.replace("\x00", "").encode("utf-8", "ignore")
    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8"
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError):
        root = None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # libxml2 stops at 256 levels and drops the rest: rebuild without a limit.
        root = _parse_unlimited(html)
    if root is None:
        return None
    if risky_markup(html):
        scrub_tree(root)
    body = root.find("body")
    return body if body is not None else root


class _TreeFeeder(_StdHTMLParser):
    """The standard library's tokenizer feeding an lxml TreeBuilder (no depth limit)."""

    _NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
    _ATTR = re.compile(r"[a-z_][\w.-]*\Z")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = etree.TreeBuilder()
        self.open: list[str] = ["div"]
        self.counts: dict[str, int] = {}  # open elements by tag, below the root
        self.tags = 0
        self.builder.start("div", {})

    def _tag(self, tag: str) -> str:
        tag = tag.lower().rpartition(":")[2]
        return tag if self._NAME.match(tag) else "span"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        tag = self._tag(tag)
        if len(self.open) > FALLBACK_DEPTH and tag not in VOID_TAGS:
            return
        clean = {
            k.lower(): strip_escapes(v or "") for k, v in attrs if k and self._ATTR.match(k.lower())
        }
        self.builder.start(tag, clean)
        if tag in VOID_TAGS:
            self.builder.end(tag)
        else:
            self.open.append(tag)
            self.counts[tag] = self.counts.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        depth = len(self.open)
        self.handle_starttag(tag, attrs)
        if len(self.open) > depth:  # "<div/>": opened, so close it at once
            self._pop()

    def handle_endtag(self, tag: str) -> None:
        tag = self._tag(tag)
        if tag in VOID_TAGS or not self.counts.get(tag):
            return
        while len(self.open) > 1:
            if self._pop() == tag:
                break

    def _pop(self) -> str:
        name = self.open.pop()
        self.counts[name] -= 1
        self.builder.end(name)
        return name

    def handle_data(self, data: str) -> None:
        data = strip_escapes(data)
        if data:
            self.builder.data(data)

    def close_tree(self) -> etree._Element:
        self.close()
        while self.open:
            self.builder.end(self.open.pop())
        return self.builder.close()


def _parse_unlimited(html: str) -> etree._Element | None:
    feeder = _TreeFeeder()
    try:
        html = html.replace("\x00", "")
        for start in range(0, len(html), 32_768):
            feeder.feed(html[start : start + 32_768])
            if feeder.tags > MAX_FALLBACK_TAGS:
                break
        return feeder.close_tree()
    except Exception:
        return None


# --------------------------------------------------------------------------- attributes


def _local(tag: str) -> str:
    """A tag name without namespace or prefix, lower-cased."""
    local = _LOCAL_NAMES.get(tag)
    if local is None:
        local = tag
        if ":" in tag or "}" in tag:
            local = tag.rpartition(":")[2].rpartition("}")[2]
        local = local.lower()
        if len(_LOCAL_NAMES) < 4096:  # bounded: hostile input may invent many tag names
            _LOCAL_NAMES[tag] = local
    return local


_LOCAL_NAMES: dict[str, str] = {}


@lru_cache(maxsize=4096)
def _classify(marks: str) -> str:
    """'junk', 'credit', 'caption', 'figure' or '' for a "class id" string."""
    lowered = marks.lower()
    tokens = lowered.split()
    kind = ""
    for token in tokens:
        words = token.replace("_", "-").split("-")
        if any(word in JUNK_CLASS_WORDS for word in words):
            return "junk"
        squashed = token.replace("-", "").replace("_", "")
        if any(part in squashed for part in JUNK_CLASS_PARTS):
            return "junk"
        if not kind:
            if token in FIGURE_CLASS_WORDS:
                kind = "figure"
            elif any(part in token for part in CREDIT_CLASS_PARTS):
                kind = "credit"
            elif any(part in token for part in CAPTION_CLASS_PARTS):
                kind = "caption"
            elif "figure" in words:
                kind = "figure"
    return kind


def _marks(el: etree._Element) -> str:
    cls = el.get("class")
    ident = el.get("id")
    if cls and ident:
        return f"{cls} {ident}"
    return cls or ident or ""


def _attr_kind(el: etree._Element) -> str:
    """:func:`_classify` of the class and id, or 'junk' when the element is hidden."""
    if el.get("hidden") is not None:
        return "junk"
    style = el.get("style")
    if style:
        squashed = style.replace(" ", "").lower()
        if "display:none" in squashed or "visibility:hidden" in squashed:
            return "junk"
    marks = _marks(el)
    return _classify(marks) if marks else ""


def _length(value: str | None) -> int | None:
    if not value:
        return None
    found = _LENGTH.match(value)
    return int(found.group(1)) if found else None


def _parse_srcset(value: str | None) -> list[tuple[float, float, str]]:
    """``srcset`` candidates as ``(width, density, url)``; commas inside URLs are kept."""
    if not value:
        return []
    out: list[tuple[float, float, str]] = []
    pos, size = 0, len(value)
    while pos < size:
        while pos < size and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < size and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            start = pos
            while pos < size and value[pos] != ",":
                pos += 1
            descriptor = value[start:pos].strip().lower()
        if not url:
            continue
        width, density = 0.0, 1.0
        try:
            if descriptor.endswith("w"):
                width = float(descriptor[:-1])
            elif descriptor.endswith("x"):
                density = float(descriptor[:-1])
        except ValueError:
            pass
        out.append((width, density, url))
    return out


def _is_placeholder(src: str) -> bool:
    lowered = src.lower()
    return lowered.startswith("data:") or any(part in lowered for part in PLACEHOLDER_PARTS)


def _is_tracker(el: etree._Element, src: str) -> bool:
    width, height = _length(el.get("width")), _length(el.get("height"))
    if (width is not None and width <= 2) or (height is not None and height <= 2):
        return True
    lowered = src.lower()
    return any(part in lowered for part in TRACKER_PARTS)


def _image_src(img: etree._Element) -> str:
    """The best raw source of an ``<img>``: largest srcset candidate, lazy attributes, src."""
    src = (img.get("src") or "").strip()
    placeholder = not src or _is_placeholder(src)
    candidates = _parse_srcset(img.get("srcset"))
    picture = img.getparent()
    for _ in range(16):  # libxml2 nests <img> inside the unclosed <source> elements
        if picture is None or picture.tag != "source":
            break
        picture = picture.getparent()
    if picture is not None and picture.tag == "picture":
        for source in picture.iter("source"):
            candidates.extend(_parse_srcset(source.get("srcset") or source.get("data-srcset")))
    if placeholder:
        for attr in LAZY_SRCSET_ATTRS:
            candidates.extend(_parse_srcset(img.get(attr)))
    candidates = [c for c in candidates if not c[2].lower().startswith("data:")]
    if candidates:
        return max(candidates, key=lambda c: (c[0], c[1]))[2]
    if placeholder:
        for attr in LAZY_SRC_ATTRS:
            value = (img.get(attr) or "").strip()
            if value and not value.lower().startswith("data:"):
                return value
    return src


def _is_player(url: str) -> bool:
    lowered = url.lower()
    return any(part in lowered for part in PLAYER_PARTS)


def _attr_title(el: etree._Element) -> str:
    title = clean_text(el.get("title") or el.get("aria-label") or "")
    return "" if title.casefold() in GENERIC_TITLES else title


# ------------------------------------------------------------------------------ contexts


class _FigureCtx:
    """An open ``<figure>`` (or figure-like wrapper): images, caption, credit."""

    __slots__ = (
        "caption",
        "credit",
        "credit_depth",
        "el",
        "images",
        "quote",
        "quote_depth",
        "videos",
    )

    def __init__(self, el: etree._Element) -> None:
        self.el = el
        self.images: list[tuple[str, str, str]] = []  # (src, alt, title)
        self.videos: list[tuple[str, str]] = []  # (src, title)
        self.caption: list[str] = []
        self.credit: list[str] = []
        self.quote: list[str] = []
        self.credit_depth = 0
        self.quote_depth = 0

    def add(self, text: str) -> None:
        if self.credit_depth:
            self.credit.append(text)
        elif self.quote_depth:
            self.quote.append(text)
        else:
            self.caption.append(text)


class _ListCtx:
    """An open ``<ul>``/``<ol>`` (nested lists flatten into it)."""

    __slots__ = ("current", "el", "items", "ordered")

    def __init__(self, el: etree._Element, ordered: bool) -> None:
        self.el = el
        self.ordered = ordered
        self.items: list[str] = []
        self.current: list[str] = []

    def add(self, text: str) -> None:
        self.current.append(text)

    def end_item(self) -> None:
        text = clean_text("".join(self.current), MAX_TEXT)
        self.current = []
        if text and len(self.items) < MAX_ITEMS and not is_boilerplate(text):
            self.items.append(text)


class _AttachCtx:
    """A caption or credit element outside a figure, attached to the figure before it."""

    __slots__ = ("el", "kind", "text")

    def __init__(self, el: etree._Element, kind: str) -> None:
        self.el = el
        self.kind = kind
        self.text: list[str] = []

    def add(self, text: str) -> None:
        self.text.append(text)


_Ctx = _FigureCtx | _ListCtx | _AttachCtx


# ------------------------------------------------------------------------------- builder


class _Builder:
    """Walks the tree once, iteratively, and collects blocks in ``out``."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url or ""
        self.out: list[Block] = []
        self.text: list[str] = []  # the running paragraph
        self.words = False  # the running paragraph has more than whitespace
        self.link = ""  # first link (raw href) in the running paragraph
        self.pending: list[Block] = []  # inline images met mid-paragraph
        self.modes: list[str] = []  # "heading" / "quote" from open ancestors
        self.ctxs: list[_Ctx] = []
        self.promo_open = False  # the last block is a promo waiting for its description
        self.promo_src = False  # the last block is a promo without a link, waiting for a player
        self.skip_list = False  # the last heading was "Related" & co.: drop the next list
        self.full = False  # MAX_BLOCKS reached

    # ------------------------------------------------------------------ routing text

    def add_text(self, text: str | None) -> None:
        if not text:
            return
        if self.ctxs:
            self.ctxs[-1].add(text)
        else:
            self.text.append(text)
            if not self.words and not text.isspace() and text != _BR:
                self.words = bool(text.strip(" \t\n\r\x00"))

    def url(self, raw: str) -> str:
        return clean_url(raw, self.base)

    # ------------------------------------------------------------------ the walk

    def walk(self, root: etree._Element) -> None:
        """Depth-first, document order, with an explicit stack as deep as the tree.

        Children are not materialised: entering an element pushes its first
        child, leaving (or skipping) one pushes its next sibling.
        """
        stack: list[tuple[etree._Element, bool]] = [(root, True)]
        pop, push = stack.pop, stack.append
        budget = MAX_ELEMENTS
        while stack and not self.full:
            el, entering = pop()
            if entering:
                budget -= 1
                if budget < 0:
                    break
                tag = el.tag
                if tag == "p" and not self.ctxs and not el.attrib and not len(el):
                    # The common case, a plain paragraph of text: enter + text + leave.
                    self.flush()
                    text = el.text
                    if text:
                        self.text.append(text)
                        self.flush()
                    self.add_text(el.tail)
                elif not isinstance(tag, str):  # comment / PI left by a lenient parse
                    self.add_text(el.tail)
                elif (tag in PLAIN_INLINE_TAGS and not el.attrib) or self.enter(el, _local(tag)):
                    push((el, False))
                    try:  # noqa: SIM105 - cheaper than contextlib.suppress per element
                        push((el[0], True))
                    except IndexError:
                        pass
                    self.add_text(el.text)
                    continue
                else:
                    self.add_text(el.tail)
            else:
                tag = el.tag
                if tag not in PLAIN_INLINE_TAGS or el.attrib:
                    self.leave(el, _local(tag))
                self.add_text(el.tail)
            if el is not root:
                sibling = el.getnext()
                if sibling is not None:
                    push((sibling, True))

    def enter(self, el: etree._Element, tag: str) -> bool:
        """Handle a start tag; ``False`` when the subtree is skipped."""
        if tag in DROP_TAGS:
            return False
        kind = ""
        if el.attrib:
            kind = _attr_kind(el)
            if kind == "junk":
                return False
        ctx = self.ctxs[-1] if self.ctxs else None
        if tag == "br":
            self.add_text(_BR if ctx is None else " ")
            return False
        if tag == "img":
            self.image(el, ctx)
            return False
        if tag in ("iframe", "video", "audio"):
            self.media(el, tag, ctx)
            return False
        if tag == "aside" and self.junk_aside(el):
            return False
        if isinstance(ctx, _FigureCtx):
            if kind == "credit" or tag in ("small", "cite"):
                ctx.credit_depth += 1
            elif tag == "blockquote":
                ctx.quote_depth += 1
            elif tag in BLOCK_TAGS:
                ctx.add(" ")
            return True
        if isinstance(ctx, _ListCtx):
            if tag in ("li", "ul", "ol"):
                ctx.end_item()
            elif tag in BLOCK_TAGS:
                ctx.add(" ")
            return True
        if isinstance(ctx, _AttachCtx):
            if tag in BLOCK_TAGS:
                ctx.add(" ")
            return True
        # main flow
        if tag == "figure" or kind == "figure":
            self.flush()
            self.ctxs.append(_FigureCtx(el))
            return True
        if tag in ("ul", "ol"):
            self.flush()
            self.ctxs.append(_ListCtx(el, tag == "ol"))
            return True
        if (
            kind in ("caption", "credit")
            and self.out
            and isinstance(self.out[-1], Figure)
            and not self.has_text()
        ):
            self.flush()
            self.ctxs.append(_AttachCtx(el, kind))
            return True
        if tag == "a" and not self.link:
            self.link = el.get("href") or ""  # resolved only if the paragraph is a promo
        if tag in BLOCK_TAGS:
            self.flush()
            if tag in HEADING_TAGS:
                self.modes.append("heading")
            elif tag == "blockquote":
                self.modes.append("quote")
        return True

    def leave(self, el: etree._Element, tag: str) -> None:
        """Handle an end tag of an element whose subtree was walked."""
        ctx = self.ctxs[-1] if self.ctxs else None
        if ctx is not None and el is ctx.el:
            self.ctxs.pop()
            if isinstance(ctx, _FigureCtx):
                self.emit_figure(ctx)
            elif isinstance(ctx, _ListCtx):
                ctx.end_item()
                self.emit_list(ctx)
            else:
                self.attach(ctx)
            return
        if isinstance(ctx, _FigureCtx):
            kind = _classify(_marks(el)) if el.attrib else ""
            if kind == "credit" or tag in ("small", "cite"):
                ctx.credit_depth = max(0, ctx.credit_depth - 1)
            elif tag == "blockquote":
                ctx.quote_depth = max(0, ctx.quote_depth - 1)
            elif tag in BLOCK_TAGS:
                ctx.add(" ")
            return
        if isinstance(ctx, _ListCtx):
            if tag in ("ul", "ol", "li"):
                ctx.end_item()
            elif tag in BLOCK_TAGS:
                ctx.add(" ")
            return
        if isinstance(ctx, _AttachCtx):
            if tag in BLOCK_TAGS:
                ctx.add(" ")
            return
        if tag in BLOCK_TAGS:
            self.flush()
            if (tag in HEADING_TAGS or tag == "blockquote") and self.modes:
                self.modes.pop()

    def has_text(self) -> bool:
        return self.words

    # ------------------------------------------------------------------ special elements

    def junk_aside(self, el: etree._Element) -> bool:
        return _junk_aside(el)

    def image(self, el: etree._Element, ctx: _Ctx | None) -> None:
        raw = _image_src(el)
        if _is_tracker(el, raw):
            return
        src = self.url(raw)
        alt = clean_text(el.get("alt") or "", MAX_TEXT)
        title = clean_text(el.get("title") or "", MAX_TEXT)
        if isinstance(ctx, _FigureCtx):
            if src or alt:
                ctx.images.append((src, alt, title))
            return
        if not src:
            return
        caption, credit = split_credit(title) if title else ("", "")
        figure = Figure(src=src, alt=alt, caption=caption, credit=credit)
        if ctx is None and self.has_text():
            self.pending.append(figure)
        else:
            self.emit(figure)

    def media(self, el: etree._Element, tag: str, ctx: _Ctx | None) -> None:
        raw = el.get("src") or el.get("data-src") or el.get("data-lazy-src") or ""
        if tag != "iframe" and not raw:
            for source in el.iter("source"):
                raw = source.get("src") or source.get("data-src") or ""
                if raw:
                    break
        src = self.url(raw)
        if tag == "iframe" and not (src and _is_player(src)):
            return  # ad slots and other embeds
        if not src and tag == "iframe":
            return
        title = _attr_title(el)
        if not src and not title:
            return
        if isinstance(ctx, _FigureCtx):
            ctx.videos.append((src, title))
            return
        video = Video(title=title, description="", src=src)
        if ctx is None and self.has_text():
            self.pending.append(video)
        else:
            self.emit(video)

    # ------------------------------------------------------------------ emitting

    def emit(self, block: Block) -> None:
        """Append a block; a promo's description or player joins the promo before it."""
        last = self.out[-1] if self.out else None
        if isinstance(block, Paragraph) and self.promo_open:
            self.promo_open = False
            if isinstance(last, Video) and not last.description:
                self.out[-1] = Video(last.title, block.text, last.src)
                return
        if (
            self.promo_src
            and isinstance(block, Video)
            and isinstance(last, Video)
            and not last.src
            and block.src
        ):
            self.promo_src = False  # "WATCH | title" then its player: one video
            self.out[-1] = Video(last.title or block.title, last.description, block.src)
            return
        self.promo_open = False
        self.promo_src = False
        if isinstance(block, ListBlock) and self.skip_list:
            self.skip_list = False
            return
        self.skip_list = False
        self.out.append(block)
        if len(self.out) >= MAX_BLOCKS:
            self.full = True

    def flush(self) -> None:
        """End the running paragraph: emit its text (split at ``<br><br>``) and pending media."""
        if self.text:
            raw = "".join(self.text)
            self.text = []
            self.words = False
            mode = self.modes[-1] if self.modes else "paragraph"
            if _BR not in raw:  # the common case: one paragraph, no <br>
                if not self.full:
                    self.emit_text(clean_text(raw, MAX_TEXT), mode)
            else:
                for part in _PARAGRAPH_BREAK.split(raw):
                    if self.full:
                        break
                    self.emit_text(clean_text(part.replace(_BR, " "), MAX_TEXT), mode)
        self.link = ""
        if self.pending:
            pending, self.pending = self.pending, []
            for block in pending:
                self.emit(block)

    def emit_text(self, text: str, mode: str) -> None:
        if not text:
            return
        if mode != "quote":
            promo = parse_promo(text)
            if promo is not None:
                _kind, title, description = promo
                if not title and not description:
                    return  # a bare "WATCH |" label
                self.emit(Video(title=title, description=description, src=self.url(self.link)))
                self.promo_open = not description and text.endswith(":")
                self.promo_src = not self.out[-1].src
                return
        if mode == "heading":
            if is_boilerplate(text):
                self.skip_list = True
                self.promo_open = False
                return
            self.emit(Heading(text))
        elif mode == "quote":
            self.emit(Quote(text))
        elif is_boilerplate(text):
            return
        elif is_attribution(text):
            self.emit(Attribution(text))
        else:
            self.emit(Paragraph(text))

    def emit_figure(self, ctx: _FigureCtx) -> None:
        caption = clean_text("".join(ctx.caption), MAX_TEXT)
        credit = clean_text("".join(ctx.credit), MAX_TEXT)
        if credit:
            _ignored, labelled = split_credit(credit)
            credit = labelled or credit
        elif caption:
            caption, credit = split_credit(caption)
        quote = clean_text("".join(ctx.quote), MAX_TEXT)
        if not ctx.images and not ctx.videos:
            if quote:
                self.emit(Quote(f"{quote} — {caption}" if caption else quote))
            return
        if ctx.images:
            src, alt, title = ctx.images[0]
            if not caption and not credit and title:
                caption, credit = split_credit(title)
            self.emit(Figure(src=src, alt=alt, caption=caption, credit=credit))
            for src, alt, _title in ctx.images[1:]:
                if src:
                    self.emit(Figure(src=src, alt=alt))
        for index, (src, title) in enumerate(ctx.videos):
            if index == 0 and not ctx.images:
                description = caption if title else ""
                self.emit(Video(title=title or caption, description=description, src=src))
            else:
                self.emit(Video(title=title, src=src))

    def emit_list(self, ctx: _ListCtx) -> None:
        if ctx.items:
            self.emit(ListBlock(tuple(ctx.items), ordered=ctx.ordered))

    def attach(self, ctx: _AttachCtx) -> None:
        text = clean_text("".join(ctx.text), MAX_TEXT)
        last = self.out[-1] if self.out else None
        if not text or not isinstance(last, Figure):
            return
        if ctx.kind == "credit":
            _ignored, credit = split_credit(text)
            if not last.credit:
                self.out[-1] = Figure(last.src, last.alt, last.caption, credit or text)
        elif not last.caption:
            caption, credit = split_credit(text)
            self.out[-1] = Figure(last.src, last.alt, caption, last.credit or credit)

    def finish(self) -> list[Block]:
        """Close whatever is still open and return the blocks."""
        while self.ctxs:
            ctx = self.ctxs.pop()
            if isinstance(ctx, _FigureCtx):
                self.emit_figure(ctx)
            elif isinstance(ctx, _ListCtx):
                ctx.end_item()
                self.emit_list(ctx)
            else:
                self.attach(ctx)
        self.flush()
        return self.out
