"""One search language for the app and the CLI: text in, a list query out.

:func:`parse_query` is pure (no store): it turns what a person typed into FTS5
terms and filters. :func:`resolve` then looks feed names up in a store and
decides whether the last bare word is widened to a prefix, giving a
:class:`~newsreader.store.ListQuery` that lists, counts and pages like any view.

The language::

    harbour bridge      both words (whole words, stemmed)
    "sea ice"           a phrase (an unclosed quote runs to the end)
    harb*               a prefix (at least MIN_PREFIX letters)
    title:word          in the title (title:"a phrase", title:harb* too)
    feed:NAME           in a feed whose title contains NAME (feed:"two words")
    is:unread is:read is:bookmarked
    -word  -is:unread  not is:bookmarked      leave out

The last bare word is also tried as a prefix when whole words find too few
(the app's search-as-you-type behaviour). No text ever reaches FTS5 unquoted,
so typing never raises an FTS5 syntax error.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from newsreader.model import ArticleSummary
from newsreader.store import ListQuery, SavedSearch, Store, StoreError, UnknownFeed

MIN_PREFIX = 3
"""A prefix shorter than this is matched whole (a 1-2 letter prefix expands to
thousands of terms and costs seconds on a large store)."""

WIDEN_BELOW = 50
"""The last bare word is widened to a prefix when whole words find fewer articles
than this: the same in the app, the CLI and saved searches, so a search finds the
same articles wherever it runs (however many of them are listed)."""

COUNT_CAP = 10_000
"""Counts of matches stop here ("10,000+"): counting past it costs more than it tells."""

_WORD = re.compile(r"\w+", re.UNICODE)
_FLAGS = {
    "unread": ("unread", True),
    "read": ("unread", False),
    "bookmarked": ("bookmarked", True),
    "bookmark": ("bookmarked", True),
    "starred": ("bookmarked", True),
}
FILTERS = ("feed", "title", "is")


class QueryError(ValueError):
    """A search that cannot run; the message is one line for a person."""


@dataclass(frozen=True, slots=True)
class Term:
    """One FTS5 term: words (several: a phrase), maybe a prefix, maybe in the title only."""

    words: tuple[str, ...]
    prefix: bool = False
    title: bool = False
    bare: bool = False  # a plain typed word: may be widened to a prefix

    def fts(self, widen: bool = False) -> str:
        text = '"' + " ".join(self.words) + '"'
        if self.prefix or (widen and self.bare and len(self.words[-1]) >= MIN_PREFIX):
            text += "*"
        return f"title : {text}" if self.title else text


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """What a search asks for, before a store resolves feed names."""

    terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    feeds: tuple[str, ...] = ()
    unread: bool | None = None
    bookmarked: bool | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def problem(self) -> str:
        """The first thing wrong with the text, one line ("" when nothing is)."""
        return self.problems[0] if self.problems else ""

    @property
    def widenable(self) -> bool:
        """Whether a last bare word could be widened to a prefix."""
        last = self.terms[-1] if self.terms else None
        return last is not None and last.bare and len(last.words[-1]) >= MIN_PREFIX

    def match(self, widen: bool = False) -> str:
        """The FTS5 MATCH expression ("" when there is no word to look for)."""
        if not self.terms:
            return ""
        last = len(self.terms) - 1
        return " ".join(t.fts(widen and i == last) for i, t in enumerate(self.terms))

    def exclude(self) -> str:
        """The FTS5 MATCH of what is left out ("" when nothing is)."""
        return " OR ".join(t.fts() for t in self.excluded)

    @property
    def words(self) -> tuple[str, ...]:
        """The words looked for (for highlighting matches), lower case."""
        return tuple(w.lower() for t in self.terms for w in t.words)


def _tokens(text: str) -> list[tuple[bool, str, str, bool]]:
    """``(negated, key, value, quoted)`` for each token; a quote runs to its match or the end."""
    tokens: list[tuple[bool, str, str, bool]] = []
    i, n = 0, len(text)
    negate_next = False
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = negate_next
        negate_next = False
        if text[i] == "-" and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
        key = ""
        match = re.match(r"(\w+):", text[i:])
        if match and match.group(1).lower() in FILTERS:
            key = match.group(1).lower()
            i += match.end()
        if i < n and text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            value, quoted = text[i + 1 : end], True
            i = end + 1
            if i < n and text[i] == "*":
                value += "*"
                i += 1
        else:
            end = i
            while end < n and not text[end].isspace():
                end += 1
            value, quoted = text[i:end], False
            i = end
        if not key and not quoted and value.lower() == "not" and not negated:
            negate_next = True
            continue
        tokens.append((negated, key, value, quoted))
    if negate_next:
        tokens.append((False, "", "not", False))  # a trailing "not" is a word
    return tokens


def parse_query(text: str) -> ParsedQuery:
    """Parse a search (pure: no store). Problems are collected, never raised."""
    terms: list[Term] = []
    excluded: list[Term] = []
    feeds: list[str] = []
    flags: dict[str, bool] = {}
    problems: list[str] = []
    for negated, key, value, quoted in _tokens(text):
        if key == "is":
            flag = _FLAGS.get(value.lower().strip('"'))
            if flag is None:
                problems.append(f"is:{value} is not a filter (is:unread, is:read, is:bookmarked).")
                continue
            name, wanted = flag
            flags[name] = wanted != negated
            continue
        if key == "feed":
            name = value.rstrip("*").strip()
            if not name:
                problems.append("feed: needs part of a feed's title, e.g. feed:guardian.")
            elif negated:
                problems.append("-feed: is not supported; search one feed with feed:NAME.")
            else:
                feeds.append(name)
            continue
        prefix = value.endswith("*")
        words = tuple(_WORD.findall(value))
        if not words:
            if key == "title":
                problems.append("title: needs a word, e.g. title:harbour.")
            continue
        if prefix and len(words[-1]) < MIN_PREFIX:
            problems.append(f"{words[-1]}* is too short a prefix (at least {MIN_PREFIX} letters).")
            prefix = False
        if quoted or key or prefix:
            found = [Term(words, prefix=prefix, title=key == "title")]
        else:  # a bare token such as "re-open" or "o'brien" is its words, each required
            found = [Term((w,), bare=True) for w in words]
        (excluded if negated else terms).extend(found)
    return ParsedQuery(
        tuple(terms),
        tuple(excluded),
        tuple(feeds),
        flags.get("unread"),
        flags.get("bookmarked"),
        tuple(problems),
    )


@dataclass(frozen=True, slots=True)
class Resolved:
    """A search ready to run: its list query and what it looks for."""

    text: str
    query: ListQuery
    words: tuple[str, ...] = ()


def resolve(store: Store, text: str, *, want: int = WIDEN_BELOW, order: str = "newest") -> Resolved:
    """The list query for ``text`` in ``store``; :class:`QueryError` when it cannot run.

    Whole words are tried first; only when they find fewer than ``want`` articles is
    the last bare word widened to a prefix.
    """
    parsed = parse_query(text)
    if parsed.problem:
        raise QueryError(parsed.problem)
    if (
        not (parsed.terms or parsed.excluded or parsed.feeds)
        and parsed.unread is None
        and (parsed.bookmarked is None)
    ):
        raise QueryError("Nothing to search for: type a word.")
    feed_ids: list[int] = []
    for name in parsed.feeds:
        try:
            feed = store.find_feed(name)
        except UnknownFeed as error:
            raise QueryError(f"feed:{name}: {error}") from None
        if feed.id is not None:
            feed_ids.append(feed.id)
    query = ListQuery(
        unread=parsed.unread is True,
        read_only=parsed.unread is False,
        bookmarked=parsed.bookmarked is True,
        unbookmarked=parsed.bookmarked is False,
        feed_ids=tuple(feed_ids),
        match=parsed.match(),
        exclude=parsed.exclude(),
        order=order,
    )
    if parsed.widenable and store.count(query, cap=want) < want:
        query = dataclasses.replace(query, match=parsed.match(widen=True))
    return Resolved(text, query, parsed.words)


@dataclass(frozen=True, slots=True)
class Found:
    """A page of search results and how many match in all (``capped``: at least that many)."""

    resolved: Resolved
    rows: list[ArticleSummary]
    total: int
    capped: bool

    @property
    def total_text(self) -> str:
        return f"{self.total:,}+" if self.capped else f"{self.total:,}"


def search(
    store: Store, text: str, limit: int = 50, *, index_first: bool = True, cap: int = COUNT_CAP
) -> Found:
    """The newest ``limit`` matches of ``text`` and the number of matches (to ``cap``)."""
    if index_first and store.pending_index():
        store.index_pending()  # articles a refresh stored but has not indexed yet
    resolved = resolve(store, text)
    rows = store.list_articles(resolved.query, limit=limit) if limit > 0 else []
    if len(rows) < limit:
        total, capped = len(rows), False
    else:
        counted = store.count(resolved.query, cap=cap + 1)
        total, capped = min(counted, cap), counted > cap
    return Found(resolved, rows, total, capped)


@dataclass(frozen=True, slots=True)
class SavedView:
    """A saved search made ready to show: its query now, its unread count, or its error."""

    saved: SavedSearch
    query: ListQuery | None
    unread: int = 0
    error: str = ""
    words: tuple[str, ...] = ()


def saved_views(store: Store, want: int = WIDEN_BELOW) -> list[SavedView]:
    """Every saved search run again now (feed names looked up, new articles counted)."""
    views = []
    for saved in store.saved_searches():
        try:
            resolved = resolve(store, saved.query, want=want)
            unread = store.count(dataclasses.replace(resolved.query, unread=True))
        except QueryError as error:
            views.append(SavedView(saved, None, error=str(error)))
            continue
        views.append(SavedView(saved, resolved.query, unread, words=resolved.words))
    return views


__all__ = [
    "COUNT_CAP",
    "MIN_PREFIX",
    "WIDEN_BELOW",
    "Found",
    "ParsedQuery",
    "QueryError",
    "Resolved",
    "SavedSearch",
    "SavedView",
    "StoreError",
    "Term",
    "parse_query",
    "resolve",
    "saved_views",
    "search",
]
