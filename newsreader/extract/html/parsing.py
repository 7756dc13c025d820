"""HTML text → an lxml tree: libxml2, and a tokenizer without its depth limit for deeper input."""

from __future__ import annotations

import re
from html.parser import HTMLParser as _StdHTMLParser

from lxml import etree

from newsreader.extract.html.limits import (
    FALLBACK_DEPTH,
    MAX_FALLBACK_TAGS,
)
from newsreader.extract.rules import (
    VOID_TAGS,
)
from newsreader.sanitize import risky_markup, scrub_tree, strip_escapes


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
    if _NESTING_VOID.search(html):
        _unnest_voids(root)
    body = root.find("body")
    return body if body is not None else root


# Void elements libxml2's HTML parser does not know as void: it nests everything after
# them inside them (so a skipped <embed> took the rest of the entry with it).
_MISNESTED_VOIDS = ("embed", "source", "track", "wbr", "keygen")
_NESTING_VOID = re.compile(r"<(?:embed|source|track|wbr|keygen)\b", re.IGNORECASE)


def _unnest_voids(root: etree._Element) -> None:
    """Move what libxml2 put inside a void element out, right after it."""
    for element in list(root.iter(*_MISNESTED_VOIDS)):
        parent = element.getparent()
        if parent is None or (not len(element) and not element.text):
            continue
        children = list(element)
        tail = element.tail or ""
        element.tail = element.text
        element.text = None
        position = parent.index(element)
        for offset, child in enumerate(children, 1):
            parent.insert(position + offset, child)  # moves it out of the void element
        if children:
            children[-1].tail = (children[-1].tail or "") + tail
        else:
            element.tail = (element.tail or "") + tail


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
