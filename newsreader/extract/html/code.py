"""Preformatted text (``<pre>`` and kin) as the lines of a :class:`~newsreader.model.Code` block."""

from __future__ import annotations

from lxml import etree

from newsreader.extract.html.limits import MAX_TEXT
from newsreader.extract.html.parsing import _local
from newsreader.extract.rules import DROP_TAGS
from newsreader.sanitize import strip_escapes

MAX_CODE_LINES = 400  # lines kept from one block; a longer one ends with "…"
_TAB = 4


def pre_lines(el: etree._Element) -> tuple[str, ...]:
    """The text of ``el`` line by line: spacing kept, ``<br>`` a line break, no blank edges."""
    parts: list[str] = []
    size = 0
    stack: list[tuple[etree._Element, bool]] = [(el, True)]
    while stack and size < MAX_TEXT:
        node, entering = stack.pop()
        tag = _local(node.tag) if isinstance(node.tag, str) else ""
        if entering:
            if node is not el and (not tag or tag in DROP_TAGS):
                if node.tail:  # a comment or a dropped element: only its tail counts
                    parts.append(node.tail)
                continue
            if tag == "br":
                parts.append("\n" + (node.tail or ""))
                continue
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node))
            if node.text:
                parts.append(node.text)
                size += len(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
            size += len(node.tail)
    text = "".join(parts)[:MAX_TEXT].replace("\r\n", "\n").replace("\r", "\n")
    lines = [strip_escapes(line.expandtabs(_TAB)).rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) > MAX_CODE_LINES:
        lines = [*lines[:MAX_CODE_LINES], "…"]
    return tuple(lines)
