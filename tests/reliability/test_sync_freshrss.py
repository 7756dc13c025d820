"""Sync against a real FreshRSS on 127.0.0.1 (skipped, saying how to run it, without PHP).

One server per module, feeds served on 127.0.0.1 by a test server; every test
uses its own temporary store. Nothing leaves the loopback interface.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.services import feeds as feed_edits
from newsreader.services.reading import get_article
from newsreader.services.stores import open_store
from newsreader.services.sync import Credentials, GReaderClient, SyncError, sync_store
from newsreader.store import ListQuery, Store
from tests.support.feeds import rss
from tests.support.freshrss import FreshRSS, unavailable
from tests.support.hostile_server import HostileServer

pytestmark = pytest.mark.skipif(bool(unavailable()), reason=unavailable() or "ok")

READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
CONFIG = Config(sync_service="greader", sync_page_size=40)
FEEDS = {"/alpha.xml": ("Alpha", 30), "/beta.xml": ("Beta", 50)}


@pytest.fixture(scope="module")
def feeds():
    with HostileServer() as server:
        for path, (title, count) in FEEDS.items():
            server.feed(path, rss(title, count))
        yield server


@pytest.fixture(scope="module")
def freshrss(tmp_path_factory: pytest.TempPathFactory, feeds: HostileServer):
    server = FreshRSS(tmp_path_factory.mktemp("freshrss") / "fr").start()
    try:
        creds = Credentials(server.greader, server.user, server.api_password)

        async def subscribe() -> None:
            async with GReaderClient(CONFIG, creds.url, creds.user, creds.password) as client:
                await client.login()
                for path, (title, _) in FEEDS.items():
                    await client.subscribe(feeds.url(path), title, ["Folder " + title])

        asyncio.run(subscribe())
        server.actualize()
        yield server
    finally:
        server.stop()


def creds_of(server: FreshRSS) -> Credentials:
    return Credentials(server.greader, server.user, server.api_password)


def sync(store: Store, server: FreshRSS, config: Config = CONFIG):
    return asyncio.run(sync_store(store, config, credentials=creds_of(server)))


def on_server(server: FreshRSS, call):
    async def run():
        creds = creds_of(server)
        async with GReaderClient(CONFIG, creds.url, creds.user, creds.password) as client:
            await client.login()
            return await call(client)

    return asyncio.run(run())


def state(server: FreshRSS) -> tuple[set[str], set[str]]:
    """The server's unread and starred item ids."""

    async def both(client):
        return set(await client.unread_ids()), set(await client.starred_ids())

    return on_server(server, both)


def local_state(store: Store) -> tuple[set[str], set[str]]:
    unread, starred = set(), set()
    for a in store.list_articles(limit=10_000):
        for item in store.synced_article_item(a.id):
            if not a.read:
                unread.add(item)
            if a.bookmarked:
                starred.add(item)
    return unread, starred


def test_sync_takes_feeds_folders_articles_and_unread_counts(freshrss, db_path) -> None:
    with open_store(db_path) as store:
        summary = sync(store, freshrss)
        total = sum(n for _, n in FEEDS.values())
        assert summary.new_articles == total and store.count() == total
        feeds = {f.title: f for f in store.list_feeds()}
        assert feeds["Alpha"].tags == ("Folder Alpha",)
        assert feeds["Beta"].article_count == 50
        unread, starred = state(freshrss)
        assert store.count(ListQuery(unread=True)) == len(unread)
        assert local_state(store) == (unread, starred)
        again = sync(store, freshrss)
        assert again.new_articles == 0 and store.count() == total


def test_local_marks_reach_the_server_and_server_marks_come_back(freshrss, db_path) -> None:
    with open_store(db_path) as store:
        sync(store, freshrss)
        rows = store.list_articles(limit=6)
        store.set_read([r.id for r in rows[:4]])
        store.set_bookmarked(rows[4].id)
        items = {r.id: store.synced_article_item(r.id)[0] for r in rows}
        assert sync(store, freshrss).pushed == 5
        unread, starred = state(freshrss)
        assert not {items[r.id] for r in rows[:4]} & unread
        assert items[rows[4].id] in starred
        # Marks made on the server (another machine) come back.
        on_server(freshrss, lambda c: c.edit_tag([items[rows[0].id]], remove=READ))
        on_server(freshrss, lambda c: c.edit_tag([items[rows[4].id]], remove=STARRED))
        on_server(freshrss, lambda c: c.edit_tag([items[rows[5].id]], add=STARRED))
        sync(store, freshrss)
        marks = {a.id: a for a in store.list_articles(limit=10_000)}
        assert not marks[rows[0].id].read
        assert not marks[rows[4].id].bookmarked and marks[rows[5].id].bookmarked
        assert local_state(store) == state(freshrss)


def test_marks_made_while_the_server_is_down_are_pushed_later(freshrss, db_path) -> None:
    with open_store(db_path) as store:
        sync(store, freshrss)
        row = store.list_articles(ListQuery(unread=True), limit=1)[0]
        item = store.synced_article_item(row.id)[0]
        freshrss.stop()
        try:
            store.set_read(row.id)
            store.set_bookmarked(row.id)
            with pytest.raises(SyncError, match="cannot connect"):
                sync(store, freshrss)
            assert store.synced_counts()["queued"] == 2
        finally:
            freshrss.start()
        assert sync(store, freshrss).pushed == 2
        unread, starred = state(freshrss)
        assert item not in unread and item in starred


def test_sigkill_during_sync_loses_no_mark_and_duplicates_nothing(freshrss, tmp_path: Path) -> None:
    db = tmp_path / "kills.db"
    config = tmp_path / "config.toml"
    config.write_text(
        f'[sync]\nservice = "greader"\nurl = "{freshrss.greader}"\nuser = "{freshrss.user}"\n'
        "page_size = 5\nbatch = 2\n"
    )
    env = {**os.environ, "NEWSREADER_SYNC_PASSWORD": freshrss.api_password}
    cmd = [sys.executable, "-m", "newsreader", "--db", str(db), "--config", str(config), "sync"]
    rng = random.Random(20261202)
    acknowledged: dict[int, bool] = {}  # article id -> read, as the store said it was set
    interrupted = 0
    for round_number in range(8):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.2, 1.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            interrupted += 1
        proc.wait(60)
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                continue  # killed before the store was created: the next run creates it
            dupes = conn.execute(
                "SELECT count(*) FROM (SELECT feed_id, guid FROM articles "
                "GROUP BY feed_id, guid HAVING count(*) > 1)"
            ).fetchone()[0]
            assert dupes == 0
        finally:
            conn.close()
        with open_store(db) as store:
            for article_id, read in acknowledged.items():
                got = get_article(store, article_id)
                assert got is not None and got.read == read
            rows = store.list_articles(limit=50)
            if rows:
                pick = rows[round_number % len(rows)]
                read = not pick.read
                store.set_read(pick.id, read)
                acknowledged[pick.id] = read
    assert interrupted, "no sync was ever interrupted; the test proves nothing"
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with open_store(db) as store:
        assert store.synced_counts()["queued"] == 0
        unread, _ = state(freshrss)
        for article_id, read in acknowledged.items():
            item = store.synced_article_item(article_id)[0]
            assert (item not in unread) == read
        assert store.count() == sum(n for _, n in FEEDS.values())


def test_mark_all_as_read_and_a_bad_password(freshrss, db_path) -> None:
    bad = replace(creds_of(freshrss), password="wrong")
    with open_store(db_path) as store, pytest.raises(SyncError, match="wrong user or password"):
        asyncio.run(sync_store(store, CONFIG, credentials=bad))
    stream = next(iter(on_server(freshrss, lambda c: c.subscriptions()))).stream_id
    on_server(freshrss, lambda c: c.mark_all_as_read(stream))
    with open_store(db_path) as store:
        sync(store, freshrss)
        feed_id = store.synced_feed_ids()[stream]
        assert store.count(ListQuery(unread=True, feed_id=feed_id)) == 0


def test_local_rename_tag_and_remove_reach_the_server(freshrss, feeds, db_path) -> None:
    extra = {"/gamma.xml": "Gamma", "/delta.xml": "Delta"}
    for path, title in extra.items():
        feeds.feed(path, rss(title, 3))
    urls = {title: feeds.url(path) for path, title in extra.items()}

    async def add(client):
        for title, url in urls.items():
            await client.subscribe(url, title, ["Extra"])

    async def listed(client):
        return {s.url: s for s in await client.subscriptions()}

    on_server(freshrss, add)
    try:
        with open_store(db_path) as store:
            sync(store, freshrss)
            local = {f.url: f for f in store.list_feeds()}
            gamma, delta = local[urls["Gamma"]], local[urls["Delta"]]
            assert gamma.tags == ("Extra",)
            assert feed_edits.rename_feed(store, gamma.id or 0, "Gamma Renamed")
            assert feed_edits.tag_feed(store, gamma.id or 0, ["Moved Here"])
            assert feed_edits.remove_feed(store, delta.id or 0)
            summary = sync(store, freshrss)
            assert (summary.feed_edits, summary.refused_feed_edits) == (2, 0)
            assert store.synced_counts()["feed_edits"] == 0
            subs = on_server(freshrss, listed)
            assert urls["Delta"] not in subs
            assert subs[urls["Gamma"]].title == "Gamma Renamed"
            assert subs[urls["Gamma"]].folders == ("Moved Here",)
            after = store.get_feed(gamma.id or 0)
            assert (after.title, after.tags) == ("Gamma Renamed", ("Moved Here",))
            assert urls["Delta"] not in {f.url for f in store.list_feeds()}
    finally:

        async def clean(client):
            for sub in await client.subscriptions():
                if sub.url in urls.values():
                    await client.unsubscribe(sub.stream_id)

        on_server(freshrss, clean)
