"""One sync with a Google Reader API server: push the outbox, then pull.

Order of a sync (:func:`sync_store`):

1. log in (ClientLogin) — a wrong URL, a page that is not the API, a bad
   password or a TLS problem each end the sync with one line saying so;
2. **push** every queued local mark (``sync_outbox``): ``edit-tag`` with many
   items per request, grouped by mark; a pushed mark leaves the queue only if
   it was not changed meanwhile;
3. **subscriptions**: queued feed edits are pushed (``subscription/edit``:
   ``ac=unsubscribe``, ``ac=edit`` with ``t=`` for a rename and ``a=``/``r=``
   labels for tags), local subscriptions never seen on the server (queued
   subscribes among them) are added to it (``ac=subscribe``), then the server's
   list is taken: titles and folders (as tags) unless a local edit of the feed is
   still queued; a feed the server no longer lists is removed locally, its
   bookmarked articles kept in a local source;
4. **articles**: new items, page by page (``stream/contents`` with ``ot=`` since
   the last sync; Miniflux: ids not stored yet, then ``stream/items/contents``),
   each page saved in one transaction;
5. **marks**: the unread and starred item ids, applied in one transaction;
6. the high-water mark of step 4 is saved, and the search index catches up.

Conflict rule — **an unpushed local change wins; otherwise the server's state
wins.** A local mark (read, unread, bookmark, un-bookmark) is queued in the
transaction that makes it, so it is never lost (so is a feed edit:
subscribe, unsubscribe, rename, tags); steps 4 and 5 skip every item
with a queued mark, so the server cannot undo a mark the server has not seen.
Once pushed (step 2), the mark is the server's too, and from then on whatever
the server says (another machine's later mark) is taken.

Failure: every problem is one :class:`SyncError` line. A page is stored whole
or not at all; the high-water mark moves only when a whole sync succeeded, so a
sync cut short (error or SIGKILL) fetches the same items again next time and
de-duplicates them by item id: nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from newsreader.config import Config
from newsreader.formats.greader import READ, READING_LIST, STARRED, Item
from newsreader.services.refresh.progress import full_text_line
from newsreader.services.sync.build import build_item
from newsreader.services.sync.client import MAX_PAGES, AuthError, GReaderClient, SyncError
from newsreader.services.sync.credentials import Credentials, resolve
from newsreader.store import QueuedMark, Store

REJECTED = (400, 404, 410, 422)  # an edit the server will never take (e.g. item deleted)
QUEUE_READ = 100_000  # queued marks read per push (the rest wait for the next sync)
INDEX_BATCH = 1000


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """Where a sync is: the stage, and items done of total (``total`` 0: unknown)."""

    stage: str
    done: int = 0
    total: int = 0
    new_articles: int = 0


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What one sync did."""

    server: str = "greader"
    pushed: int = 0
    rejected: int = 0
    uploaded_feeds: int = 0
    feed_edits: int = 0
    refused_feed_edits: int = 0
    refused_feeds: list[str] = field(default_factory=list)
    feeds: int = 0
    new_articles: int = 0
    updated_articles: int = 0
    marks_taken: int = 0
    skipped_items: int = 0
    seconds: float = 0.0
    full_texts: int = 0  # article pages whose text was stored (the full-text phase)
    full_text_kept: int = 0  # pages fetched that kept the summary (wall, error, too short)

    def line(self) -> str:
        """One line such as ``12 feeds, 340 new articles, 5 marks pushed``."""

        def plural(n: int, word: str) -> str:
            return f"{n:,} {word}{'' if n == 1 else 's'}"

        parts = [
            plural(self.feeds, "feed"),
            plural(self.new_articles, "new article"),
            plural(self.pushed, "mark") + " pushed",
            plural(self.marks_taken, "mark") + " taken from the server",
        ]
        if self.uploaded_feeds:
            parts.append(plural(self.uploaded_feeds, "feed") + " added to the server")
        if self.feed_edits:
            parts.append(plural(self.feed_edits, "feed edit") + " pushed")
        if self.rejected:
            parts.append(plural(self.rejected, "mark") + " the server refused")
        if self.refused_feed_edits:
            parts.append(plural(self.refused_feed_edits, "feed edit") + " the server refused")
        if self.full_texts or self.full_text_kept:
            parts.append(full_text_line(self.full_texts, self.full_text_kept))
        return ", ".join(parts)


ProgressCallback = Callable[[SyncProgress], None]


def _account_key(credentials: Credentials) -> str:
    return f"newest:{credentials.url.rstrip('/')}|{credentials.user}"


class _Sync:
    def __init__(
        self,
        store: Store,
        config: Config,
        client: GReaderClient,
        on_progress: ProgressCallback | None,
    ) -> None:
        self.store = store
        self.config = config
        self.client = client
        self.on_progress = on_progress
        self.new = 0
        self.updated = 0
        self.skipped = 0
        self.marks_taken = 0
        self.feed_edits = 0
        self.refused_edits = 0
        self.held_usec = 0  # the oldest item that could not be placed: pull it again
        self.newest_usec = 0

    def report(self, stage: str, done: int = 0, total: int = 0) -> None:
        if self.on_progress is not None:
            self.on_progress(SyncProgress(stage, done, total, self.new))

    # -- push ------------------------------------------------------------------
    async def push(self) -> tuple[int, int]:
        """Push the queued marks; returns ``(pushed, rejected)``."""
        marks = self.store.queued_marks(QUEUE_READ)
        if not marks:
            return 0, 0
        groups: dict[tuple[str, bool], list[QueuedMark]] = {}
        for mark in marks:
            groups.setdefault((mark.flag, mark.value), []).append(mark)
        pushed = rejected = 0
        batch = max(self.config.sync_batch, 1)
        self.report("pushing marks", 0, len(marks))
        for (flag, value), group in groups.items():
            state = READ if flag == "read" else STARRED
            for start in range(0, len(group), batch):
                chunk = group[start : start + batch]
                taken, refused = await self._push_chunk(chunk, state, value)
                self.store.unqueue(chunk)
                pushed += taken
                rejected += refused
                self.report("pushing marks", pushed + rejected, len(marks))
        return pushed, rejected

    async def _push_chunk(
        self, chunk: Sequence[QueuedMark], state: str, value: bool
    ) -> tuple[int, int]:
        edit = {"add": state} if value else {"remove": state}
        try:
            await self.client.edit_tag([m.item_id for m in chunk], **edit)
            return len(chunk), 0
        except SyncError as error:
            if error.status not in REJECTED:
                raise
        refused = 0  # one item the server refuses must not block the others
        for mark in chunk:
            try:
                await self.client.edit_tag([mark.item_id], **edit)
            except SyncError as error:
                if error.status not in REJECTED:
                    raise
                refused += 1
        return len(chunk) - refused, refused

    # -- subscriptions ---------------------------------------------------------
    async def push_feed_edits(self, folders: dict[str, Sequence[str]]) -> tuple[int, int]:
        """Push queued unsubscribes, renames and folder moves; ``(pushed, refused)``.

        ``folders`` is each stream's folders on the server now: an edit of tags
        removes every one the local tags do not have (the local change wins whole).
        An edit the server refuses (the feed is gone there, say) is dropped: the
        pull that follows then takes the server's state.
        """
        pushed = refused = 0
        edits = self.store.queued_feed_edits()
        if edits:
            self.report("pushing feed edits", 0, len(edits))
        for edit in edits:
            if edit.action == "subscribe" or not edit.stream_id:
                continue  # subscribes go with the new local feeds (subscriptions)
            try:
                if edit.action == "unsubscribe":
                    await self.client.unsubscribe(edit.stream_id)
                else:
                    new = edit.tags
                    old = folders.get(edit.stream_id, edit.old_tags)
                    add = [] if new is None else [t for t in new if t not in old]
                    gone = [] if new is None else [t for t in old if t not in new]
                    if edit.title or add or gone:
                        await self.client.edit_subscription(
                            edit.stream_id, title=edit.title or "", add=add, remove=gone
                        )
                pushed += 1
            except AuthError:
                raise
            except SyncError as error:
                if error.status not in REJECTED:
                    raise
                refused += 1
            self.store.unqueue_feed_edit(edit)
        return pushed, refused

    async def subscriptions(self) -> tuple[int, int, list[str]]:
        """Push feed edits, upload new local feeds, take the server's list.

        Returns ``(feeds, uploaded, refused)``.
        """
        subs = await self.client.subscriptions()
        folders = {s.stream_id: s.folders for s in subs}
        self.feed_edits, self.refused_edits = await self.push_feed_edits(folders)
        self.report("subscriptions")
        if self.feed_edits or self.refused_edits:
            subs = await self.client.subscriptions()
        on_server = {s.url for s in subs}
        uploaded = 0
        refused: list[str] = []
        queued = {e.url: e for e in self.store.queued_feed_edits() if e.action == "subscribe"}
        for feed_id, url, title, tags in self.store.unsynced_feeds():
            edit = queued.pop(url, None)
            if url not in on_server:
                try:
                    await self.client.subscribe(url, title if title != url else "", tags)
                    uploaded += 1
                except AuthError:
                    raise
                except SyncError as error:
                    if error.status == 0 or error.status >= 500:
                        raise
                    self.store.keep_off_server(feed_id)
                    refused.append(title or url)
            if edit is not None:
                self.store.unqueue_feed_edit(edit)
        for edit in queued.values():  # its feed is gone or was refused before
            self.store.unqueue_feed_edit(edit)
        if uploaded:
            subs = await self.client.subscriptions()
        self.store.merge_server_feeds([(s.stream_id, s.url, s.title, s.folders) for s in subs])
        return len(subs), uploaded, refused

    # -- articles --------------------------------------------------------------
    def save(self, items: Sequence[Item]) -> None:
        """Store one page whole (one transaction); items of unknown feeds are held back."""
        feeds = self.store.synced_feed_ids()
        titles = {f.id: f.title for f in self.store.list_feeds(subscriptions_only=True)}
        ready = []
        for item in items:
            self.newest_usec = max(self.newest_usec, item.timestamp_usec)
            feed_id = feeds.get(item.stream_id)
            if feed_id is None:
                self.skipped += 1
                if item.timestamp_usec:
                    held = self.held_usec
                    self.held_usec = min(held, item.timestamp_usec) if held else item.timestamp_usec
                continue
            ready.append(build_item(item, feed_id, titles.get(feed_id, "")))
        if ready:
            new, updated, marks = self.store.save_synced(ready)
            self.new += new
            self.updated += updated
            self.marks_taken += marks

    async def pull(self, newest_usec: int) -> None:
        """Every item newer than the last sync (or missing, on servers without ``ot``)."""
        newer_than = max(newest_usec // 1_000_000 - 1, 0) if newest_usec else 0
        seen: set[str] = set()
        continuation = ""
        count = max(self.config.sync_page_size, 1)
        for page_number in range(MAX_PAGES):
            page = await self.client.stream_page(
                READING_LIST, count=count, newer_than=newer_than, continuation=continuation
            )
            if page is None:  # no stream/contents here (Miniflux): ids, then contents
                await self.pull_by_ids()
                return
            self.save(page.items)
            self.skipped += page.skipped
            self.report("articles", page_number + 1, 0)
            if not page.continuation or not page.items:
                return
            if page.continuation in seen:
                raise SyncError(
                    "stream contents: the server repeats the same continuation (a loop)"
                )
            seen.add(page.continuation)
            continuation = page.continuation
        raise SyncError(f"stream contents: more than {MAX_PAGES:,} pages")

    async def pull_by_ids(self) -> None:
        ids = await self.client.all_ids(READING_LIST)
        known = self.store.known_item_ids(ids)
        missing = [i for i in ids if i not in known]
        count = min(max(self.config.sync_page_size, 1), 250)
        for start in range(0, len(missing), count):
            page = await self.client.item_contents(missing[start : start + count])
            self.save(page.items)
            self.skipped += page.skipped
            self.report("articles", start + count, len(missing))

    # -- marks -----------------------------------------------------------------
    async def marks(self) -> int:
        self.report("marks")
        unread = await self.client.unread_ids()
        starred = await self.client.starred_ids()
        return self.store.apply_server_marks(unread, starred).total

    def index(self) -> None:
        to_index = self.store.pending_index()
        done = 0
        while to_index and (step := self.store.index_pending(INDEX_BATCH)):
            done += step
            self.report("indexing for search", min(done, to_index), to_index)

    async def full_texts(self) -> tuple[int, int]:
        """The full-text phase, as after a refresh (this sync's new articles are
        queued with them), after storing and indexing; ``(fetched, kept)``."""
        from newsreader.services.fulltext import full_text_phase

        pages = {"total": 0, "done": 0}

        def started(total: int) -> None:
            pages["total"] = total
            self.report("full text", 0, total)

        def done(_outcome: object) -> None:
            pages["done"] += 1
            self.report("full text", pages["done"], pages["total"])

        outcomes = await full_text_phase(self.store, self.config, on_start=started, on_done=done)
        fetched = sum(1 for o in outcomes if o.status == "ok")
        return fetched, sum(1 for o in outcomes if o.status == "kept-summary")


async def sync_store(
    store: Store,
    config: Config,
    on_progress: ProgressCallback | None = None,
    *,
    credentials: Credentials | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    full_text: bool | None = None,
) -> SyncSummary:
    """Push the outbox, then pull subscriptions, articles and marks (see the module doc);
    then, with ``full_text`` (default: ``[refresh] full_text_on_refresh``), the pages of
    new summary-only articles, as a refresh does."""
    started = time.monotonic()
    credentials = credentials or resolve(config)
    key = _account_key(credentials)
    newest = int(store.sync_value(key) or 0)
    async with GReaderClient(
        config, credentials.url, credentials.user, credentials.password, transport=transport
    ) as client:
        run = _Sync(store, config, client, on_progress)
        run.report("logging in")
        await client.login()
        pushed, rejected = await run.push()
        feeds, uploaded, refused = await run.subscriptions()
        await run.pull(newest)
        taken = await run.marks()
    if client.dialect.use_ot:
        mark = run.newest_usec if not run.held_usec else min(run.newest_usec, run.held_usec - 1)
        if mark > newest:
            store.set_sync_value(key, str(mark))
    run.index()
    fetched = kept = 0
    if full_text if full_text is not None else config.full_text_on_refresh:
        fetched, kept = await run.full_texts()
    return SyncSummary(
        server=client.dialect.name,
        pushed=pushed,
        rejected=rejected,
        uploaded_feeds=uploaded,
        feed_edits=run.feed_edits,
        refused_feed_edits=run.refused_edits,
        refused_feeds=refused,
        feeds=feeds,
        new_articles=run.new,
        updated_articles=run.updated,
        marks_taken=taken + run.marks_taken,
        skipped_items=run.skipped,
        seconds=time.monotonic() - started,
        full_texts=fetched,
        full_text_kept=kept,
    )


async def check_login(
    config: Config,
    *,
    credentials: Credentials | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> str:
    """Log in and list subscriptions and folders: one line saying what works."""
    credentials = credentials or resolve(config)
    async with GReaderClient(
        config, credentials.url, credentials.user, credentials.password, transport=transport
    ) as client:
        await client.login()
        await client.token()
        subs = await client.subscriptions()
        folders = await client.tags()
    return (
        f"logged in to {credentials.url} as {credentials.user}: "
        f"{len(subs):,} subscription{'' if len(subs) == 1 else 's'}, "
        f"{len(folders):,} folder{'' if len(folders) == 1 else 's'}"
    )


def sync_path(
    store_path: Path, config: Config, on_progress: ProgressCallback | None = None
) -> SyncSummary:
    """Sync with a Store connection of its own (call from a worker thread)."""
    from newsreader.services.stores import open_store

    with open_store(store_path) as store:
        return asyncio.run(sync_store(store, config, on_progress))
