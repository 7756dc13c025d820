"""Feed HTML kept as it came, turned into blocks when the article is read.

A refresh stores thousands of entries and a reader opens a few of them, yet
building blocks (:func:`~newsreader.extract.html.html_to_blocks`) was two thirds
of the parse workers' CPU. So a refresh stores an entry's HTML as a
:class:`DeferredBody` (the HTML with escape sequences and controls removed, its
base URL and a lead figure from Media RSS or an enclosure) and the blocks, with
the dek (:func:`resolve_dek`), are worked out when the article is read,
by the same code the eager path runs: the blocks are identical either way.
The search index gets its text from :func:`~newsreader.extract.html.html_text_parts`,
a cheap text pass over the same HTML, after the refresh has stored everything.
newsboat works the same way: it renders an entry's HTML when it is opened.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsreader.extract.finish import MAX_DEK, resolve_dek, with_lead
from newsreader.model import (
    Block,
    Figure,
    Paragraph,
    block_from_dict,
    block_to_dict,
)
from newsreader.sanitize import clean_text

__all__ = ["KIND", "MAX_DEK", "DeferredBody", "resolve_dek", "with_lead"]

SHORT_BODY_WORDS = 12  # a wholly dropped body this short is kept as a paragraph
KIND = "html"  # the "deferred" value of a stored body


def _chrome_line(text: str) -> bool:
    """Whether a line is chrome by a rule other than "only share-button words"."""
    global _CHROME
    if _CHROME is None:
        from newsreader.extract.patterns import Boilerplate

        _CHROME = Boilerplate(ui_words=())
    return _CHROME(text)


_CHROME: Callable[[str], bool] | None = None
_BLOCK_START = re.compile(r"<(?:p|div|li|br|h[1-6]|tr|td)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _all_chrome_parts(html: str) -> bool:
    """Whether a short body has several block-level parts and each one is chrome.

    ("Comments URL: …", "Points: 12": an aggregator's metadata, not a body of a few words.)
    """
    parts = [clean_text(_TAG.sub(" ", part)) for part in _BLOCK_START.split(html)]
    parts = [part for part in parts if part]
    return len(parts) > 1 and all(_chrome_line(part) for part in parts)


@dataclass(frozen=True, slots=True)
class DeferredBody:
    """An entry's HTML body, its base URL and a lead figure to use if it has none."""

    html: str
    base: str = ""
    lead: Figure | None = None

    def blocks(self) -> list[Block]:
        """The article blocks: the HTML's, with the lead figure first if it has no figure.

        A body of a few words that the chrome rules would drop whole (``<b>x</b>``:
        "x" is a share button's word) is kept as one paragraph: an entry is not chrome.
        """
        from newsreader.extract.html import html_text_parts, html_to_blocks  # lxml

        blocks = html_to_blocks(self.html, base_url=self.base)
        if all(isinstance(block, Figure) for block in blocks):
            text = clean_text(html_text_parts(self.html)[0])
            if (
                text
                and text.count(" ") < SHORT_BODY_WORDS
                and not _chrome_line(text)
                and not _all_chrome_parts(self.html)
            ):
                blocks = [*blocks, Paragraph(text)]
        return with_lead(blocks, self.lead)

    def text(self) -> tuple[str, str]:
        """``(body, captions)`` for the search index, without building blocks.

        The lead figure's caption is indexed whether or not the blocks end up
        showing it: it describes the entry either way.
        """
        from newsreader.extract.html import html_text_parts

        body, captions = html_text_parts(self.html)
        lead = self.lead.plain if self.lead is not None else ""
        return body, f"{captions} {lead}" if captions and lead else captions or lead

    def to_dict(self) -> dict[str, Any]:
        """The stored form (JSON)."""
        data: dict[str, Any] = {"deferred": KIND, "html": self.html, "base": self.base}
        if self.lead is not None:
            data["lead"] = block_to_dict(self.lead)
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
        return cls(data["html"], str(data.get("base") or ""), figure)
