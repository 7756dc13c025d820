"""Article layout: blocks and a width in, styled lines out. (Placeholder: plain wrap.)"""

from __future__ import annotations

import textwrap

from rich.text import Text

from newsreader.model import Article


def render(article: Article, width: int) -> list[Text]:
    """Lay out ``article`` in ``width`` columns; every line fits in ``width`` cells."""
    lines = [Text(article.title, style="bold")]
    for block in article.blocks:
        lines.append(Text(""))
        for line in textwrap.wrap(block.plain, width) or [""]:
            lines.append(Text(line))
    return lines
