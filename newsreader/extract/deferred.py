"""Feed HTML kept as it came, turned into blocks when the article is read.

A refresh stores thousands of entries and a reader opens a few of them, yet
building blocks (:func:`~newsreader.extract.html.html_to_blocks`) was two thirds
of a refresh's CPU. So a refresh stores an entry's HTML as a :class:`DeferredBody`
(the HTML with escape sequences and controls removed, its base URL, a lead
figure from Media RSS or an enclosure, and whether the feed's summary may
repeat the first paragraph) and the blocks are built when the article is read,
by the same code the eager path runs: the blocks are identical either way.
The search index gets its text from :func:`~newsreader.extract.html.html_text_parts`,
a cheap text pass over the same HTML, after the refresh has stored everything.
newsboat works the same way: it renders an entry's HTML when it is opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsreader.extract.html import html_text_parts, html_to_blocks
from newsreader.model import (
    Block,
    Figure,
    Paragraph,
    block_from_dict,
    block_to_dict,
)
from newsreader.sanitize import clean_text

MAX_DEK = 400
KIND = "html"  # the "deferred" value of a stored body
_ELLIPSIS_TAIL = re.compile(r"(?:\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*)+$")


@dataclass(frozen=True, slots=True)
class DeferredBody:
    """An entry's HTML body, its base URL and a lead figure to use if it has none."""

    html: str
    base: str = ""
    lead: Figure | None = None
    dek_may_repeat: bool = False  # the dek is dropped if the first paragraphs begin with it

    def blocks(self) -> list[Block]:
        """The article blocks: the HTML's, with the lead figure first if it has no figure."""
        blocks = html_to_blocks(self.html, base_url=self.base)
        if self.lead is not None and not any(isinstance(b, Figure) for b in blocks):
            blocks.insert(0, self.lead)
        return blocks

    def text(self) -> tuple[str, str]:
        """``(body, captions)`` for the search index, without building blocks."""
        body, captions = html_text_parts(self.html)
        if self.lead is not None and self.lead.plain and "<img" not in self.html.lower():
            captions = f"{captions} {self.lead.plain}" if captions else self.lead.plain
        return body, captions

    def to_dict(self) -> dict[str, Any]:
        """The stored form (JSON)."""
        data: dict[str, Any] = {"deferred": KIND, "html": self.html, "base": self.base}
        if self.lead is not None:
            data["lead"] = block_to_dict(self.lead)
        if self.dek_may_repeat:
            data["dek_may_repeat"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DeferredBody:
        """Inverse of :meth:`to_dict`; raises ``ValueError`` on anything else."""
        if data.get("deferred") != KIND or not isinstance(data.get("html"), str):
            raise ValueError("not a deferred body")
        lead = data.get("lead")
        figure = block_from_dict(lead) if isinstance(lead, dict) else None
        if figure is not None and not isinstance(figure, Figure):
            raise ValueError("the lead block is not a figure")
        return cls(
            data["html"], str(data.get("base") or ""), figure, bool(data.get("dek_may_repeat"))
        )


def comparable(text: str) -> str:
    """Text folded for comparing a dek with the body: case, spacing and a "…" tail ignored."""
    if text.rstrip().endswith(("…", "...", "]")):  # the tail regex backtracks: run it rarely
        text = _ELLIPSIS_TAIL.sub("", text)
    return " ".join(text.casefold().split())


def resolve_dek(dek: str, blocks: list[Block] | tuple[Block, ...]) -> str:
    """``dek``, or ``""`` when the first paragraphs of ``blocks`` begin with it."""
    if not dek:
        return ""
    wanted = comparable(dek)
    body = comparable(" ".join(b.plain for b in blocks[:3] if isinstance(b, Paragraph)))
    if body.startswith(wanted):
        return ""
    return clean_text(dek, MAX_DEK)
