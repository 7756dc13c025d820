"""Step 4: the body's blocks, with a line or two of look-ahead."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsreader.extract.text.classify import (
    _words,
)
from newsreader.extract.text.common import (
    _CLIP_DURATION,
    _CLOCK_ONLY,
    _SPEAKER_TURN,
    _TERMINAL,
    ALT_MAX_WORDS,
    CAPTION_MAX_WORDS,
    HEADING_MAX_CHARS,
    HEADING_MAX_WORDS,
    LEAD_HEADING_MIN_WORDS,
)
from newsreader.extract.text.header import (
    _Meta,
)
from newsreader.extract.text.lines import (
    Line,
)
from newsreader.model import (
    Attribution,
    Block,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Video,
)

# ----------------------------------------------------------------------------- body


def _is_heading(text: str) -> bool:
    return (
        _SPEAKER_TURN.match(text) is None
        and len(text) <= HEADING_MAX_CHARS
        and len(_words(text)) <= HEADING_MAX_WORDS
        and not text.endswith(_TERMINAL)
        and (text[0].isupper() or text[0].isdigit() or text[0] in "“\"'‘")
    )


def _overlap(a: str, b: str) -> float:
    first = {w.casefold() for w in _words(a) if len(w) > 2}
    if not first:
        return 0.0
    second = {w.casefold() for w in _words(b) if len(w) > 2}
    return len(first & second) / len(first)


def _same(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


@dataclass(slots=True)
class _Body:
    """Builds blocks from classified lines, with look-ahead over the next lines."""

    lines: list[Line]
    meta: _Meta
    blank_lines: bool  # paragraphs are separated by blank lines in this text
    blocks: list[Block] = field(default_factory=list)
    # For each block, the index of the first line it came from.
    starts: list[int] = field(default_factory=list)
    meta_at: list[int] = field(default_factory=list)
    seen_paragraph: bool = False
    ended: bool = False
    paragraph_after: list[bool] = field(default_factory=list)

    def kind(self, k: int) -> str:
        return self.lines[k].kind if k < len(self.lines) else "eof"

    def adjacent(self, k: int) -> bool:
        """Whether line ``k`` follows line ``k - 1`` closely enough to belong with it."""
        return not self.lines[k].gap if self.blank_lines else True

    def emit(self, block: Block, start: int) -> None:
        self.blocks.append(block)
        self.starts.append(start)

    def skip_credits(self, k: int, credit: str) -> int:
        while self.kind(k) == "credit" and _same(self.lines[k].credit, credit):
            k += 1
        return k

    def followed_by_paragraph(self, k: int) -> bool:
        """Whether a paragraph (or list) comes after line ``k`` before the article ends."""
        if not self.paragraph_after:
            # One pass from the end: the first decisive line after each position.
            state = False
            after = [False] * len(self.lines)
            for index in range(len(self.lines) - 1, -1, -1):
                after[index] = state
                line = self.lines[index]
                if line.kind in ("end", "attribution"):
                    state = False
                elif line.kind == "bullet":
                    state = True
                elif line.kind == "text":
                    state = not _is_heading(line.text)
            self.paragraph_after = after
        return self.paragraph_after[k]

    def heads_first_paragraph(self, k: int) -> bool:
        """Whether line ``k``, before any paragraph, is a heading over the first one.

        It reads as a heading, stands alone between blank lines, and a long
        paragraph follows it (a dek or a caption would be a sentence, or short).
        """
        line = self.lines[k]
        nxt = k + 1
        return (
            self.blank_lines
            and _is_heading(line.text)
            and (k == 0 or line.gap)
            and self.kind(nxt) == "text"
            and self.lines[nxt].gap
            and len(_words(self.lines[nxt].text)) >= LEAD_HEADING_MIN_WORDS
        )

    def is_description(self, k: int) -> bool:
        """Whether line ``k``, right after a promo title, is the promo's own text.

        It sits right under the title (no blank line, when the text has them) or
        shows the clip's running time ("… 0:58"), is short, and is no lead-in to
        what follows (it does not end with ":", and no list comes after it).
        """
        text = self.lines[k].text
        return (
            (not self.blank_lines or self.adjacent(k) or _CLIP_DURATION.search(text) is not None)
            and len(_words(text)) <= CAPTION_MAX_WORDS
            and not text.endswith(":")
            and self.kind(k + 1) != "bullet"
        )

    def build(self) -> None:
        k = 0
        while k < len(self.lines):
            k = self.step(k)

    def step(self, k: int) -> int:
        line = self.lines[k]
        kind = line.kind
        if kind == "attribution":
            self.emit(Attribution(line.text.lstrip("—–- ")), k)
            return k + 1
        if self.ended or kind == "boilerplate":
            return k + 1
        if kind == "end":
            self.ended = True
            return k + 1
        if kind == "meta":
            nxt = k + 1
            if (
                _CLOCK_ONLY.match(line.text)
                and self.kind(nxt) == "text"
                and _is_heading(self.lines[nxt].text)
                and self.followed_by_paragraph(nxt)
            ):
                # A liveblog entry: its time of day, then its headline.
                self.emit(Heading(f"{line.text} · {self.lines[nxt].text}"), nxt)
                return nxt + 1
            self.meta.take(line)
            self.meta_at.append(k)
            return k + 1
        if kind == "promo":
            description = line.description
            nxt = k + 1
            if (
                not description
                and line.text.rstrip().endswith(":")
                and self.kind(nxt) == "text"
                and self.is_description(nxt)
            ):
                description = self.lines[nxt].text
                nxt += 1
            self.emit(Video(title=line.title, description=description), k)
            return nxt
        if kind in ("image_source", "image_caption"):
            other = "image_caption" if kind == "image_source" else "image_source"
            caption, credit = line.caption, line.credit
            nxt = k + 1
            if self.kind(nxt) == other:
                caption = caption or self.lines[nxt].caption
                credit = credit or self.lines[nxt].credit
                nxt += 1
            self.emit(Figure(caption=caption, credit=credit), k)
            return nxt
        if kind == "credit":
            last = self.blocks[-1] if self.blocks else None
            if isinstance(last, Figure) and self.starts[-1] == k - 1 and not last.credit:
                self.blocks[-1] = Figure(last.src, last.alt, last.caption, line.credit)
            else:
                self.emit(Figure(credit=line.credit), k)
            return self.skip_credits(k + 1, line.credit)
        if kind == "caption":
            last = self.blocks[-1] if self.blocks else None
            if (
                isinstance(last, Figure)
                and not last.caption
                and self.starts[-1] == k - 1
                and _same(last.credit, line.credit)
            ):
                self.blocks[-1] = Figure(last.src, last.alt, line.caption, line.credit)
            else:
                self.emit(Figure(caption=line.caption, credit=line.credit), k)
            return self.skip_credits(k + 1, line.credit)
        if kind == "bullet":
            items = []
            nxt = k
            while self.kind(nxt) == "bullet":
                items.append(self.lines[nxt].text)
                nxt += 1
            self.emit(ListBlock(tuple(items), ordered=line.ordered), k)
            self.seen_paragraph = True
            return nxt
        return self.text(k)

    def text(self, k: int) -> int:
        line = self.lines[k]
        text = line.text
        words = len(_words(text))
        nxt = self.lines[k + 1] if k + 1 < len(self.lines) else None
        if nxt is not None and words <= ALT_MAX_WORDS and not text.endswith(":"):
            # Alt text, then the caption with its credit.
            if nxt.kind == "caption" and (
                _overlap(text, nxt.caption) >= 0.35 or (self.adjacent(k + 1) and self.blank_lines)
            ):
                self.emit(Figure(alt=text, caption=nxt.caption, credit=nxt.credit), k)
                return self.skip_credits(k + 2, nxt.credit)
            # A caption, then its credit line(s).
            if nxt.kind == "credit" and (
                (self.blank_lines and self.adjacent(k + 1))
                or (not self.blank_lines and words <= 30)
            ):
                self.emit(Figure(caption=text, credit=nxt.credit), k)
                return self.skip_credits(k + 2, nxt.credit)
        if _is_heading(text) and self.kind(k + 1) == "bullet" and self.adjacent(k + 1):
            self.emit(Heading(text), k)  # a title over a list ("Summary", "Key points")
            return k + 1
        if not self.seen_paragraph and self.heads_first_paragraph(k):
            self.emit(Heading(text), k)
            return k + 1
        if self.seen_paragraph and _is_heading(text):
            if self.followed_by_paragraph(k):
                self.emit(Heading(text), k)
            return k + 1  # else: a topic list or a stray label at the end
        self.emit(Paragraph(text), k)
        self.seen_paragraph = True
        return k + 1
