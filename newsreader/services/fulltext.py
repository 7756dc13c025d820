"""Full text for summary feeds ("reader mode"): fetch an article's web page, keep its text.

A feed that sends a line or two per entry links to the article; its page is fetched
with the same bounded :class:`~newsreader.net.fetch.Fetcher` as feeds (size cap,
deadline, checked redirects, http/https only) with a smaller cap and per-host limit,
extracted (:func:`~newsreader.extract.fulltext.judge_page`) and stored beside the
summary, which is never replaced: a wall, a failed fetch or a page that is not an
article keeps it, with the reason. Each feed has a mode (``auto``: only bodies under
:data:`SHORT_BODY_WORDS` words; ``always``; ``never``; else ``[refresh] full_text``).

Entry points: :func:`fetch_full_texts` (async; the refresh runs it after storing, so
articles are readable with their summaries first), :func:`fetch_full_texts_store`
(sync, its own store connection: for the app's worker and the CLI).

A subscription's new articles wait in the store's full-text queue until a refresh
has judged them (page fetched, or body long enough): what ``add`` stored, or a
refresh stopped or out of time (:data:`PHASE_DEADLINE`) left, the next one does.
An article fetched, or whose page failed, is not fetched again but by ``t``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import httpx

from newsreader.config import Config
from newsreader.model import Article
from newsreader.sanitize import clean_text
from newsreader.store import Candidate, Store, StoreError

SHORT_BODY_WORDS = 80  # "auto": a body shorter than this is a summary
MAX_PAGE_BYTES = 4 * 1024 * 1024  # decoded; article pages are far smaller
PAGE_PER_HOST = 2  # pages fetched at once from one site
PAGE_DEADLINE = 20.0  # seconds for one page, redirects included
MAX_PAGES_PER_RUN = 200  # a refresh's full-text phase fetches at most this many
PHASE_DEADLINE = 90.0  # seconds for a refresh's whole full-text phase
BACKLOG = 500  # queued articles of earlier runs a full-text phase judges at most
OUT_OF_TIME = "not fetched yet: the refresh ran out of time for pages (the next one fetches it)"

Status = Literal["ok", "kept-summary", "skipped"]


@dataclass(frozen=True, slots=True)
class FullTextOutcome:
    """What happened to one article: its page's text stored, the summary kept, or skipped."""

    article_id: int
    status: Status
    reason: str = ""
    title: str = ""


def mode_of(candidate: Candidate, config: Config) -> str:
    """A feed's effective mode: its own, else the config's."""
    return candidate.mode or config.full_text


def wants_full_text(mode: str, body_words: int, url: str) -> bool:
    """Whether an article with ``body_words`` words and link ``url`` gets its page fetched."""
    if mode == "never" or not url.startswith(("http://", "https://")):
        return False
    return mode == "always" or body_words < SHORT_BODY_WORDS


def page_config(config: Config) -> Config:
    """The fetch limits for article pages: smaller than a feed's."""
    return replace(
        config,
        max_feed_bytes=min(config.max_feed_bytes, MAX_PAGE_BYTES),
        per_host=max(1, min(config.per_host, PAGE_PER_HOST)),
        feed_deadline=min(config.feed_deadline, PAGE_DEADLINE),
    )


def short_words(text: str) -> int:
    """The words of ``text``, counted only up to :data:`SHORT_BODY_WORDS` (cheap on long text)."""
    return len(text.split(None, SHORT_BODY_WORDS)[:SHORT_BODY_WORDS])


def _body_words(store: Store, article_id: int) -> tuple[Article | None, int]:
    """An article (without its blocks) and its body's word count, by a cheap text pass."""
    stored = store.get_stored(article_id)
    if stored is None:
        return None, 0
    from newsreader.extract.stored import body_text
    from newsreader.model import block_from_dict

    body = stored.body
    try:
        if isinstance(body, dict):
            text = body_text(body)[0]
        else:
            blocks = [block_from_dict(b) for b in body]
            text = " ".join(b.plain for b in blocks if not b.side)
    except (ValueError, TypeError, KeyError):
        text = ""
    return stored.article, len(text.split())


async def fetch_full_texts(
    store: Store,
    config: Config,
    article_ids: Sequence[int],
    *,
    force: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
    on_done: Callable[[FullTextOutcome], None] | None = None,
    limit: int | None = None,
    on_start: Callable[[int], None] | None = None,
    words: Mapping[int, int] | None = None,
    deadline: float | None = None,
) -> list[FullTextOutcome]:
    """Fetch and store the full text of ``article_ids`` (in the store's thread).

    Without ``force`` only articles that want one (by their feed's mode) and have
    none yet (fetched or failed) are fetched, at most ``limit``; with it every given
    article with a web link is fetched again, whatever its mode (a reader asked).
    ``on_start`` gets the number of pages about to be fetched, ``on_done`` each
    outcome. ``words`` are body word counts already known (a refresh counts them
    while indexing; :func:`short_words`), so long bodies are not read again. An
    article judged (fetched, or not wanted) leaves the full-text queue; pages still
    out after ``deadline`` seconds, and those past ``limit``, stay queued.
    """
    from newsreader.net.fetch import PAGE_ACCEPT, Fetcher, is_local_url

    jobs: list[tuple[Candidate, Article, int]] = []
    outcomes: dict[int, FullTextOutcome] = {}

    def skip(article_id: int, reason: str, title: str = "") -> None:
        outcomes[article_id] = FullTextOutcome(article_id, "skipped", reason, title)

    candidates = store.full_text_candidates(article_ids)
    known = {c.article_id for c in candidates}
    for article_id in article_ids:
        if article_id not in known:
            skip(article_id, "no such article")
    judged: list[int] = []  # decided without a fetch: off the queue
    for candidate in candidates:
        if limit is not None and len(jobs) >= limit:
            break  # the rest stay queued for the next refresh
        mode = mode_of(candidate, config)
        if not force and (candidate.has_full_text or mode == "never"):
            judged.append(candidate.article_id)
            continue
        if not candidate.url.startswith(("http://", "https://")):
            if force:
                skip(candidate.article_id, "the article has no web link")
            judged.append(candidate.article_id)
            continue
        counted = words.get(candidate.article_id) if words is not None else None
        if not force and counted is not None and not wants_full_text(mode, counted, candidate.url):
            judged.append(candidate.article_id)  # a long body, counted while indexing
            continue
        article, count = _body_words(store, candidate.article_id)
        if article is None or (not force and not wants_full_text(mode, count, candidate.url)):
            judged.append(candidate.article_id)
            continue
        if is_local_url(candidate.url) and not is_local_url(candidate.feed_url or candidate.url):
            reason = "the link points to a local address; not fetched for a web feed"
            skip(candidate.article_id, reason, article.title)
            judged.append(candidate.article_id)
            continue
        jobs.append((candidate, article, count))
    if judged:
        store.unqueue_full_texts(judged)

    async def one(fetcher: Fetcher, candidate: Candidate, article: Article, words: int) -> None:
        outcome = await _fetch_one(fetcher, store, candidate, article, words)
        outcomes[candidate.article_id] = outcome
        if on_done is not None:
            on_done(outcome)

    if on_start is not None:
        on_start(len(jobs))
    if jobs:
        limits = page_config(config)
        async with Fetcher(limits, transport=transport, noun="page", accept=PAGE_ACCEPT) as fetcher:
            try:
                async with asyncio.timeout(deadline):
                    await asyncio.gather(*(one(fetcher, *job) for job in jobs))
            except TimeoutError:  # the rest stay queued: the next refresh fetches them
                for candidate, article, _ in jobs:
                    if candidate.article_id not in outcomes:
                        outcome = FullTextOutcome(
                            candidate.article_id, "skipped", OUT_OF_TIME, article.title
                        )
                        outcomes[candidate.article_id] = outcome
                        if on_done is not None:
                            on_done(outcome)
    order = {article_id: i for i, article_id in enumerate(article_ids)}
    return sorted(outcomes.values(), key=lambda o: order.get(o.article_id, 0))


async def full_text_phase(
    store: Store,
    config: Config,
    new_ids: Sequence[int] = (),
    *,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[FullTextOutcome], None] | None = None,
    words: Mapping[int, int] | None = None,
) -> list[FullTextOutcome]:
    """The phase after a refresh or a sync: pages of ``new_ids`` (this run's new
    articles), then of up to :data:`BACKLOG` queued ones (stored by ``add``, or by a
    run that stopped before its pages); at most :data:`MAX_PAGES_PER_RUN` pages
    within :data:`PHASE_DEADLINE` seconds, the rest stay queued."""
    ids = list(dict.fromkeys([*new_ids, *store.queued_full_texts(BACKLOG)]))
    if not ids:
        return []
    return await fetch_full_texts(
        store,
        config,
        ids,
        limit=MAX_PAGES_PER_RUN,
        on_start=on_start,
        on_done=on_done,
        words=words,
        deadline=PHASE_DEADLINE,
    )


async def _fetch_one(
    fetcher, store: Store, candidate: Candidate, article: Article, summary_words: int
) -> FullTextOutcome:
    from newsreader.extract.fulltext import judge_page
    from newsreader.net.fetch import FetchError

    article_id = candidate.article_id
    try:
        fetched = await fetcher.fetch(candidate.url, origin=candidate.feed_url or "")
        verdict = await asyncio.to_thread(
            judge_page,
            fetched.body,
            fetched.url,
            fetched.headers.get("content-type", ""),
            summary_words,
        )
    except FetchError as error:
        reason = str(error)
        if error.status:  # "HTTP 410 Gone: the feed is gone; …" → "HTTP 410 Gone"
            reason = reason.split(":")[0].split(";")[0]
        return _kept(store, article_id, reason, candidate.url, article.title)
    except Exception as error:  # extraction must never take the refresh down
        reason = f"the page could not be read ({type(error).__name__})"
        return _kept(store, article_id, reason, candidate.url, article.title)
    if verdict.article is None:
        return _kept(store, article_id, verdict.reason, fetched.url, article.title)
    store.save_full_text(article_id, "ok", blocks=verdict.article.blocks, url=fetched.url)
    return FullTextOutcome(article_id, "ok", f"{verdict.words} words", article.title)


def _kept(store: Store, article_id: int, reason: str, url: str, title: str) -> FullTextOutcome:
    reason = clean_text(reason, 200)
    if not store.save_full_text(article_id, "kept-summary", reason=reason, url=url):
        reason += "; the page fetched earlier is kept"
    return FullTextOutcome(article_id, "kept-summary", reason, title)


def fetch_full_texts_store(
    store_path: Path,
    config: Config,
    article_ids: Sequence[int],
    *,
    force: bool = True,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[FullTextOutcome]:
    """:func:`fetch_full_texts` with a store connection of its own (any thread)."""
    from newsreader.services.stores import open_store

    with open_store(store_path) as store:
        return asyncio.run(
            fetch_full_texts(store, config, article_ids, force=force, transport=transport)
        )


def set_mode(store: Store, feed_spec: str, mode: str) -> tuple[str, str]:
    """Set a feed's full-text mode (``default``: follow the config); its title and mode."""
    feed = store.find_feed(feed_spec)
    value = "" if mode == "default" else mode
    try:
        store.set_full_text_mode(feed.id or 0, value)
    except ValueError as error:
        raise StoreError(str(error)) from None
    return feed.title, value
