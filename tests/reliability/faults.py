"""Store fault drivers shared by the reliability tests and ``scripts/stress.py``.

Two drivers, both with forked children (forking a process that has already
imported the store keeps each run to milliseconds, so many kills fit in a few
seconds):

* :func:`kill_loop` — a child imports batches of articles and toggles read and
  bookmark marks in a loop, printing an intent line before each write and an
  acknowledgement line after the commit returns; the parent SIGKILLs it at a
  random moment, then checks the store (integrity, every acknowledged mark,
  each import batch wholly present or wholly absent, counters, the FTS index).
* :func:`concurrent_writers` — two children write at once (one marks read, one
  saves articles and bookmarks) for some seconds; the parent checks that no
  error surfaced and no update was lost.

Neither driver may run while the calling process holds an open SQLite
connection (SQLite connections must not cross a fork).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.model import Article, Paragraph
from newsreader.services.reading import get_article
from newsreader.services.stores import open_store

SOURCE = "crash source"
MARK_COLUMNS = ("read", "bookmarked")


class Lost(AssertionError):
    """The store lost or half-applied something that was acknowledged."""


# -- children ------------------------------------------------------------------


def batch_token(run: int, batch: int) -> str:
    """A word unique to one import batch (title and body), for FTS checks."""
    return f"zqr{run}b{batch}"


def make_batch(
    run: int, batch: int, size: int, body_words: int, revision: int = 0
) -> list[Article]:
    """``size`` articles of one import batch; ``revision`` changes the body (an update)."""
    token = batch_token(run, batch)
    filler = " ".join(f"w{(run * 7 + batch + k) % 97}" for k in range(body_words))
    return [
        Article(
            title=f"{token} item {j}",
            guid=f"{token}-{j}",
            blocks=(
                Paragraph(f"{token} revision {revision} {filler}"),
                Paragraph(f"second paragraph {j}"),
            ),
        )
        for j in range(size)
    ]


def _emit(out, line: str) -> None:
    out.write(line + "\n")
    out.flush()


def _kill_child(path: Path, run: int, seed: int, out) -> None:
    """Import and mark in a loop until killed; intent (W) before, ack (A) after each commit."""
    rng = random.Random(seed)
    store = open_store(path)
    feed = store.source_id(SOURCE)
    ids = [r[0] for r in store.conn.execute("SELECT id FROM articles")]
    batches: dict[int, int] = {}
    batch = 0
    while True:
        roll = rng.random()
        if not ids or roll < 0.3:
            big = rng.random() < 0.05
            size = rng.randint(20, 60) if big else rng.randint(1, 6)
            words = 200 if big else rng.randint(5, 60)
            _emit(out, f"W import {run} {batch} {size}")
            saved = store.save_articles(feed, make_batch(run, batch, size, words))
            _emit(out, f"A import {run} {batch} {size}")
            ids.extend(s.id for s in saved)
            batches[batch] = size
            batch += 1
        elif roll < 0.4 and batches:
            # Re-import an earlier batch with a new body: an update that keeps marks.
            old = rng.choice(list(batches))
            _emit(out, f"W update {run} {old} {batches[old]}")
            store.save_articles(
                feed, make_batch(run, old, batches[old], 10, revision=rng.randint(1, 9))
            )
            _emit(out, f"A update {run} {old} {batches[old]}")
        else:
            column = rng.choice(MARK_COLUMNS)
            article = rng.choice(ids)
            value = rng.random() < 0.5
            _emit(out, f"W mark {column} {article} {int(value)}")
            if column == "read":
                store.set_read(article, value)
            else:
                store.set_bookmarked(article, value)
            _emit(out, f"A mark {column} {article} {int(value)}")


def _fork(target: Callable[[object], None]) -> tuple[int, int]:
    """Run ``target(out)`` in a forked child; returns (pid, read end of its output pipe)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        status = 0
        try:
            os.close(read_fd)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            with os.fdopen(write_fd, "w") as out:
                try:
                    target(out)
                except BaseException:
                    _emit(out, "E " + traceback.format_exc().replace("\n", " | "))
                    status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def _read_all(fd: int) -> list[str]:
    with os.fdopen(fd, "r") as stream:
        return stream.read().splitlines()


# -- verification ----------------------------------------------------------------


@dataclass
class Ledger:
    """What the parent knows was acknowledged, across every killed run."""

    marks: dict[tuple[str, int], int] = field(default_factory=dict)
    batches: dict[tuple[int, int], int] = field(default_factory=dict)  # present ones: size
    absent: set[tuple[int, int]] = field(default_factory=set)
    acked_ops: int = 0
    kills: int = 0
    pending_committed: int = 0
    pending_rolled_back: int = 0


def check_integrity(conn: sqlite3.Connection) -> None:
    """``PRAGMA integrity_check`` is ok and the trigger-kept counters match the rows."""
    result = conn.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        raise Lost(f"integrity_check: {result[:5]}")
    rows = conn.execute(
        "SELECT f.id, f.article_count, f.unread_count, "
        "(SELECT count(*) FROM articles a WHERE a.feed_id = f.id), "
        "(SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0) FROM feeds f"
    ).fetchall()
    for feed_id, count, unread, real_count, real_unread in rows:
        if (count, unread) != (real_count, real_unread):
            raise Lost(
                f"feed {feed_id} counters {count}/{unread} but rows {real_count}/{real_unread}"
            )


def _batch_rows(conn: sqlite3.Connection, run: int, batch: int) -> tuple[int, int]:
    token = batch_token(run, batch)
    rows = conn.execute(
        "SELECT count(*) FROM articles WHERE guid >= ? AND guid < ?", (f"{token}-", f"{token}.")
    ).fetchone()[0]
    hits = conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (f'title:"{token}"',)
    ).fetchone()[0]
    return rows, hits


def verify(path: Path, lines: list[str], ledger: Ledger) -> None:
    """Check the store after a killed run and fold the run's outcome into ``ledger``."""
    errors = [line for line in lines if line.startswith("E ")]
    if errors:
        raise Lost(f"the child failed: {errors[0][:2000]}")
    pending: list[str] | None = None
    for line in lines:
        kind, *rest = line.split()
        if kind == "W":
            pending = rest
            continue
        if pending is None or rest != pending:
            raise Lost(f"ack without intent: {line!r}")
        pending = None
        ledger.acked_ops += 1
        if rest[0] == "import":
            ledger.batches[(int(rest[1]), int(rest[2]))] = int(rest[3])
        elif rest[0] == "mark":
            ledger.marks[(rest[1], int(rest[2]))] = int(rest[3])
    conn = sqlite3.connect(path)
    try:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if not tables and not ledger.acked_ops:
            return  # killed while the store was being created: nothing was promised yet
        check_integrity(conn)
        if pending is not None and pending[0] == "mark":
            column, article, value = pending[1], int(pending[2]), int(pending[3])
            (now,) = conn.execute(
                f"SELECT {column} FROM articles WHERE id = ?", (article,)
            ).fetchone()
            if now == value and ledger.marks.get((column, article), 0) != value:
                ledger.pending_committed += 1
            ledger.marks[(column, article)] = (
                now if now == value else ledger.marks.get((column, article), 0)
            )
        if pending is not None and pending[0] == "import":
            key, size = (int(pending[1]), int(pending[2])), int(pending[3])
            rows, _ = _batch_rows(conn, *key)
            if rows == size:
                ledger.batches[key] = size
                ledger.pending_committed += 1
            elif rows == 0:
                ledger.absent.add(key)
                ledger.pending_rolled_back += 1
            else:
                raise Lost(f"import batch {key} half present: {rows} of {size} rows")
        for (run, batch), size in ledger.batches.items():
            rows, hits = _batch_rows(conn, run, batch)
            if (rows, hits) != (size, size):
                raise Lost(f"batch {run}/{batch}: {rows} rows, {hits} index hits, expected {size}")
        for run, batch in ledger.absent:
            if _batch_rows(conn, run, batch) != (0, 0):
                raise Lost(f"rolled-back batch {run}/{batch} reappeared")
        for (column, article), value in ledger.marks.items():
            row = conn.execute(f"SELECT {column} FROM articles WHERE id = ?", (article,)).fetchone()
            if row is None or row[0] != value:
                raise Lost(
                    f"{column} mark of article {article}: stored {row}, acknowledged {value}"
                )
    finally:
        conn.close()


def kill_loop(
    path: Path,
    kills: int,
    *,
    seed: int = 0,
    max_delay: float = 0.08,
    ledger: Ledger | None = None,
    progress: Callable[[Ledger], None] | None = None,
) -> Ledger:
    """SIGKILL a writing child ``kills`` times at random moments, verifying after each."""
    ledger = ledger or Ledger()
    rng = random.Random(seed)
    for run in range(ledger.kills, ledger.kills + kills):
        child_seed = rng.randrange(1 << 30)
        pid, fd = _fork(lambda out, r=run, s=child_seed: _kill_child(path, r, s, out))
        # Mostly mid-work; sometimes at once (during open / first migration).
        time.sleep(0 if rng.random() < 0.1 else rng.uniform(0.001, max_delay))
        os.kill(pid, signal.SIGKILL)
        lines = _read_all(fd)
        _, status = os.waitpid(pid, 0)
        if not os.WIFSIGNALED(status):
            raise Lost(f"child ended by itself ({status}): {lines[-3:]}")
        ledger.kills += 1
        if path.exists() and path.stat().st_size:
            verify(path, lines, ledger)
        if progress:
            progress(ledger)
    return ledger


# -- two writers at once ------------------------------------------------------------


def _marker(path: Path, ids: list[int], seconds: float, seed: int, out) -> None:
    """Toggle read marks (reading each article first) until the time is up."""
    rng = random.Random(seed)
    store = open_store(path)
    last: dict[int, int] = {}
    errors: list[str] = []
    ops = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        article = rng.choice(ids)
        try:
            current = get_article(store, article)
            value = not current.read if current else rng.random() < 0.5
            store.set_read(article, value)
            last[article] = int(value)
            ops += 1
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
    _emit(out, json.dumps({"last": last, "errors": errors[:20], "ops": ops}))


def _saver(path: Path, ids: list[int], seconds: float, seed: int, out) -> None:
    """Save new and updated batches and toggle bookmarks until the time is up."""
    rng = random.Random(seed)
    store = open_store(path)
    feed = store.source_id(SOURCE)
    last: dict[int, int] = {}
    errors: list[str] = []
    new = ops = batch = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            roll = rng.random()
            if roll < 0.3:
                saved = store.save_articles(feed, make_batch(9000 + seed % 1000, batch, 5, 30))
                new += sum(s.status == "new" for s in saved)
                batch += 1
            elif roll < 0.4:
                store.save_articles(
                    feed, make_batch(0, rng.randrange(4), 5, 20, revision=rng.randint(1, 99))
                )
            else:
                article = rng.choice(ids)
                value = rng.random() < 0.5
                store.set_bookmarked(article, value)
                last[article] = int(value)
            ops += 1
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
    _emit(out, json.dumps({"last": last, "errors": errors[:20], "ops": ops, "new": new}))


@dataclass
class ConcurrentResult:
    operations: int
    errors: list[str]
    new_articles: int


def seed_store(path: Path, batches: int = 4, size: int = 5) -> list[int]:
    """Create a store with a few batches (run 0); returns the article ids."""
    with open_store(path) as store:
        feed = store.source_id(SOURCE)
        ids: list[int] = []
        for batch in range(batches):
            ids.extend(s.id for s in store.save_articles(feed, make_batch(0, batch, size, 20)))
    return ids


def concurrent_writers(path: Path, seconds: float, *, seed: int = 0) -> ConcurrentResult:
    """Two processes write at once for ``seconds``; raises :class:`Lost` on any lost update."""
    ids = seed_store(path)
    with open_store(path) as store:
        before = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    children = [
        _fork(lambda out: _marker(path, ids, seconds, seed, out)),
        _fork(lambda out: _saver(path, ids, seconds, seed + 1, out)),
    ]
    outputs = []
    for pid, fd in children:
        lines = _read_all(fd)
        os.waitpid(pid, 0)
        if not lines or lines[-1].startswith("E "):
            raise Lost(f"a writer failed: {lines[-1:] or 'no output'}")
        outputs.append(json.loads(lines[-1]))
    marker, saver = outputs
    errors = marker["errors"] + saver["errors"]
    conn = sqlite3.connect(path)
    try:
        check_integrity(conn)
        for column, last in (("read", marker["last"]), ("bookmarked", saver["last"])):
            for article, value in last.items():
                (stored,) = conn.execute(
                    f"SELECT {column} FROM articles WHERE id = ?", (int(article),)
                ).fetchone()
                if stored != value:
                    raise Lost(f"lost update: {column} of {article} is {stored}, last set {value}")
        after = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        if after != before + saver["new"]:
            raise Lost(f"{after} articles, expected {before} + {saver['new']} saved")
    finally:
        conn.close()
    return ConcurrentResult(marker["ops"] + saver["ops"], errors, saver["new"])
