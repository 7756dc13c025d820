"""Walking an lxml tree once, iteratively, into article blocks (:func:`html_to_blocks`)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from lxml import etree

from newsreader.extract.html.cards import link_card
from newsreader.extract.html.code import pre_lines
from newsreader.extract.html.contexts import _AttachCtx, _FigureCtx, _ListCtx
from newsreader.extract.html.images import (
    _attr_title,
    _image_src,
    _is_placeholder,
    _is_player,
    _is_tracker,
    _noscript_src,
    declared_size,
)
from newsreader.extract.html.limits import (
    MAX_BLOCKS,
    MAX_ELEMENTS,
    MAX_TEXT,
)
from newsreader.extract.html.marks import _attr_kind, _classify, _junk_aside, _marks
from newsreader.extract.html.parsing import _local, _parse
from newsreader.extract.html.spans import Style, StyleState, pieces_of, runs_for
from newsreader.extract.patterns import (
    is_attribution,
    is_boilerplate,
    normalise_line,
    parse_promo,
    region_end,
    split_credit,
)
from newsreader.extract.rules import (
    BLOCK_TAGS,
    CODE_TAGS,
    DROP_TAGS,
    EM_TAGS,
    HEADING_TAGS,
    LINK_CARD_BOXES,
    PLAIN_INLINE_TAGS,
    PRE_TAGS,
    REGION_MAX_LINES,
    STRONG_TAGS,
)
from newsreader.model import (
    Attribution,
    Block,
    Code,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Run,
    Video,
)
from newsreader.sanitize import clean_text, clean_url

_BR = "\x00"  # marks a <br> in the running text (NUL never survives parsing)
_PARAGRAPH_BREAK = re.compile("\x00(?:\\s*\x00)+")
_BARE_URL = re.compile(r"(?<!\S)https?://[^\s<>\"]{1,2000}")
_STYLE_OF: dict[str, str] = (
    dict.fromkeys(EM_TAGS, "em")
    | dict.fromkeys(STRONG_TAGS, "strong")
    | dict.fromkeys(CODE_TAGS, "code")
    | {"a": "a"}
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


_Ctx = _FigureCtx | _ListCtx | _AttachCtx


# ------------------------------------------------------------------------------- builder


class _Builder:
    """Walks the tree once, iteratively, and collects blocks in ``out``."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url or ""
        self.out: list[Block] = []
        self.text: list[str] = []  # the running paragraph
        self.marks: list[tuple[int, Style]] = []  # styled pieces of ``text``: (index, style)
        self.style = StyleState()
        self.words = False  # the running paragraph has more than whitespace
        self.link = ""  # first link (raw href) in the running paragraph
        self.pending: list[Block] = []  # inline images met mid-paragraph
        self.modes: list[str] = []  # "heading" / "quote" from open ancestors
        self.ctxs: list[_Ctx] = []
        self.promo_open = False  # the last block is a promo waiting for its description
        self.promo_src = False  # the last block is a promo without a link, waiting for a player
        self.skip_list = False  # the last heading was "Related" & co.: drop the next list
        self.full = False  # MAX_BLOCKS reached
        # Inside a boilerplate region ("Sign up to …" … its privacy notice): the blocks
        # held back until the region's end drops them (or a missing end releases them).
        self.region_end: Callable[[str], bool] | None = None
        self.held: list[Block] = []

    # ------------------------------------------------------------------ routing text

    def add_text(self, text: str | None) -> None:
        if not text:
            return
        style = self.style.current
        if self.ctxs:
            ctx = self.ctxs[-1]
            if isinstance(ctx, _FigureCtx):
                ctx.add(text, style)
                return
            if style is not None and isinstance(ctx, _ListCtx):
                ctx.marks.append((len(ctx.current), style))
            ctx.add(text)
        else:
            if style is not None:
                self.marks.append((len(self.text), style))
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
                        if self.style.current is None:
                            self.text.append(text)
                        else:
                            self.add_text(text)
                        self.flush()
                    self.add_text(el.tail)
                elif not isinstance(tag, str):  # comment / PI left by a lenient parse
                    self.add_text(el.tail)
                elif (tag in PLAIN_INLINE_TAGS and not el.attrib) or self.enter(el, _local(tag)):
                    kind = _STYLE_OF.get(tag)
                    if kind is not None:
                        self.open_style(el, kind)
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
                kind = _STYLE_OF.get(tag)
                if kind is not None:
                    self.style.pop(kind)
                if tag not in PLAIN_INLINE_TAGS or el.attrib:
                    self.leave(el, _local(tag))
                self.add_text(el.tail)
            if el is not root:
                sibling = el.getnext()
                if sibling is not None:
                    push((sibling, True))

    def open_style(self, el: etree._Element, kind: str) -> None:
        """Open an inline style; a link only counts with a usable http(s) target."""
        self.style.push(kind, self.url(el.get("href") or "") if kind == "a" else "")

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
        if tag in LINK_CARD_BOXES and len(el) == 1:
            card = link_card(el)
            if card is not None:
                self.flush()
                href, title = card
                url = self.url(href)
                self.emit(Paragraph(title, (Run(title, href=url),) if url else ()))
                return False
        if tag == "figure" or kind == "figure":
            self.flush()
            self.ctxs.append(_FigureCtx(el))
            return True
        if tag in ("ul", "ol"):
            self.flush()
            self.ctxs.append(_ListCtx(el, tag == "ol"))
            return True
        if tag in PRE_TAGS:
            self.flush()
            lines = pre_lines(el)
            if lines:
                self.emit(Code(lines))
            return False
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

    def close(self, ctx: _FigureCtx | _ListCtx | _AttachCtx) -> None:
        """Emit what a context collected, once its element has ended."""
        if isinstance(ctx, _FigureCtx):
            self.emit_figure(ctx)
        elif isinstance(ctx, _ListCtx):
            ctx.end_item()
            self.emit_list(ctx)
        else:
            self.attach(ctx)

    def leave(self, el: etree._Element, tag: str) -> None:
        """Handle an end tag of an element whose subtree was walked."""
        ctx = self.ctxs[-1] if self.ctxs else None
        if ctx is not None and el is ctx.el:
            self.close(self.ctxs.pop())
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
        if not src or _is_placeholder(src):
            src = self.url(_noscript_src(el)) or src
        alt = clean_text(el.get("alt") or "", MAX_TEXT)
        title = clean_text(el.get("title") or "", MAX_TEXT)
        size = declared_size(el) if src else (0, 0)
        if isinstance(ctx, _FigureCtx):
            if src or alt:
                ctx.images.append((src, alt, title, size))
            return
        if not src:
            return
        caption, credit = split_credit(title) if title else ("", "")
        figure = Figure(src, alt, caption, credit, *size)
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
        if self.region_end is not None:
            self.held.append(block)
            if len(self.held) > REGION_MAX_LINES:
                self.release()
            return
        last = self.out[-1] if self.out else None
        if isinstance(block, Paragraph) and self.promo_open:
            self.promo_open = False
            # The promo's own text, right after its title: never a lead-in to what follows.
            if isinstance(last, Video) and not last.description and not block.text.endswith(":"):
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
            self.promo_open = False  # what follows the player is the body again
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
            texts, marks = self.text, self.marks
            raw = "".join(texts)
            self.text = []
            self.marks = []
            self.words = False
            mode = self.modes[-1] if self.modes else "paragraph"
            if _BR not in raw:  # the common case: one paragraph, no <br>
                if not self.full:
                    text = clean_text(raw, MAX_TEXT)
                    runs = runs_for(pieces_of(texts, marks), text) if marks else ()
                    self.emit_text(text, mode, runs)
            elif not marks:
                for part in _PARAGRAPH_BREAK.split(raw):
                    if self.full:
                        break
                    self.emit_text(clean_text(part.replace(_BR, " "), MAX_TEXT), mode)
            else:
                for text, runs in _split_styled(texts, marks):
                    if self.full:
                        break
                    self.emit_text(text, mode, runs)
        self.link = ""
        if self.pending:
            pending, self.pending = self.pending, []
            for block in pending:
                self.emit(block)

    def release(self) -> None:
        """A region without its end: what it held is the article after all."""
        held, self.held, self.region_end = self.held, [], None
        for block in held:
            self.emit(block)

    def region(self, text: str) -> bool:
        """Track boilerplate regions; ``True`` when ``text`` starts or ends one (it goes)."""
        norm = normalise_line(text)
        if self.region_end is not None and self.region_end(norm):
            self.held, self.region_end = [], None
            return True
        if self.region_end is None and len(text) <= 200:
            end = region_end(norm)
            if end is not None and is_boilerplate(text):  # the opening line is chrome itself
                self.region_end = end
                return True
        return False

    def emit_text(self, text: str, mode: str, runs: tuple[Run, ...] = ()) -> None:
        if not text:
            return
        if mode != "quote" and self.region(text):
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
            self.emit(Heading(text, runs))
        elif mode == "quote":
            self.emit(Quote(text, runs))
        elif is_boilerplate(text):
            return
        elif is_attribution(text):
            self.emit(Attribution(text))
        else:
            self.emit(Paragraph(text, runs))

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
            elif caption:
                self.embed_url(caption)
            return
        if ctx.images:
            src, alt, title, size = ctx.images[0]
            if not caption and not credit and title:
                caption, credit = split_credit(title)
            runs = ctx.caption_runs(caption)
            self.emit(Figure(src, alt, caption, credit, *size, caption_runs=runs))
            for src, alt, _title, size in ctx.images[1:]:
                if src:
                    self.emit(Figure(src, alt, "", "", *size))
        for index, (src, title) in enumerate(ctx.videos):
            if index == 0 and not ctx.images:
                description = caption if title else ""
                self.emit(Video(title=title or caption, description=description, src=src))
            else:
                self.emit(Video(title=title, src=src))

    def embed_url(self, text: str) -> None:
        """A figure of text around a bare URL (an embed left for a script): a link to it."""
        found = _BARE_URL.search(text)
        url = self.url(found.group()) if found else ""
        if not url:
            return
        title = clean_text(text[: found.start()] + " " + text[found.end() :], MAX_TEXT)
        if _is_player(url):
            self.emit(Video(title=title, src=url))
        else:
            label = title or url
            self.emit(Paragraph(label, (Run(label, href=url),)))

    def emit_list(self, ctx: _ListCtx) -> None:
        if ctx.items:
            runs = tuple(ctx.runs) if any(ctx.runs) else ()
            self.emit(ListBlock(tuple(ctx.items), ordered=ctx.ordered, item_runs=runs))

    def attach(self, ctx: _AttachCtx) -> None:
        text = clean_text("".join(ctx.text), MAX_TEXT)
        last = self.out[-1] if self.out else None
        if not text or not isinstance(last, Figure):
            return
        if ctx.kind == "credit":
            _ignored, credit = split_credit(text)
            if not last.credit:
                self.out[-1] = dataclasses.replace(last, credit=credit or text)
        elif not last.caption:
            caption, credit = split_credit(text)
            self.out[-1] = dataclasses.replace(last, caption=caption, credit=last.credit or credit)

    def finish(self) -> list[Block]:
        """Close whatever is still open and return the blocks."""
        while self.ctxs:
            self.close(self.ctxs.pop())
        self.flush()
        if self.region_end is not None:
            self.release()
        return self.out


def _split_styled(
    texts: list[str], marks: list[tuple[int, Style]]
) -> list[tuple[str, tuple[Run, ...]]]:
    """A running paragraph with ``<br><br>`` breaks and styled pieces: (text, runs) per part."""
    pieces = pieces_of(texts, marks)
    raw = "".join(texts)
    bounds = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(raw):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(raw)))
    out = []
    offsets = []
    at = 0
    for piece, _style in pieces:
        offsets.append(at)
        at += len(piece)
    for a, b in bounds:
        part = [
            (piece[max(0, a - o) : b - o], style)
            for (piece, style), o in zip(pieces, offsets, strict=True)
            if o < b and o + len(piece) > a
        ]
        text = clean_text(raw[a:b].replace(_BR, " "), MAX_TEXT)
        if text:
            out.append((text, runs_for(part, text)))
    return out
