"""Store faults (HOSTILE-INPUTS S1–S11): kills, concurrent writers, locks, bad files, full disk."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsreader.model import Article, Paragraph
from newsreader.services.reading import get_article
from newsreader.services.stores import open_store
from newsreader.store import ListQuery, StoreBusy, StoreError, db, schema

from .faults import (
    Lost,
    concurrent_writers,
    kill_loop,
    make_batch,
    seed_store,
    verify,
)

PYTHON = sys.executable
IS_ROOT = os.geteuid() == 0


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CLI_CODE = "import sys\nfrom newsreader.cli import main\nraise SystemExit(main(sys.argv[1:]))"


def run_cli(*args: str, db_file: Path, prelude: str = "", unprivileged: bool = False):
    """``python -m newsreader --db DB ARGS`` in a subprocess (optionally after ``prelude``).

    ``unprivileged`` drops every capability first, so that file modes apply
    even when the tests run as root (as CI does).
    """
    command = [PYTHON, "-c", f"{prelude}\n{CLI_CODE}", "--db", str(db_file), *args]
    if unprivileged and IS_ROOT:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file modes cannot be tested")
        command = [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd="/")


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsreader: ")
    for needle in needles:
        assert needle in lines[0], lines[0]


# -- S1: crash consistency -----------------------------------------------------------


def test_s1_sigkill_during_imports_and_marks_loses_nothing(tmp_path: Path) -> None:
    """50+ SIGKILLs at random moments: integrity ok, acked marks kept, batches all-or-nothing."""
    ledger = kill_loop(tmp_path / "crash.db", kills=55, seed=20260601)
    assert ledger.kills == 55
    # The loop really worked between kills (not just killed children at start-up).
    assert ledger.acked_ops > 100
    assert len(ledger.batches) > 10 and len(ledger.marks) > 20
    # Some kills landed inside an open write: the all-or-nothing check was exercised.
    assert ledger.pending_committed + ledger.pending_rolled_back > 5


def test_s1_oracle_detects_a_lost_mark_and_a_half_batch(tmp_path: Path) -> None:
    """The checks used above fail when the store really loses something."""
    path = tmp_path / "crash.db"
    ledger = kill_loop(path, kills=5, seed=7)
    while not (ledger.marks and ledger.batches) and ledger.kills < 40:
        kill_loop(path, kills=5, seed=ledger.kills, ledger=ledger)
    assert ledger.marks and ledger.batches
    (key, value) = next(iter(ledger.marks.items()))
    conn = sqlite3.connect(path)
    conn.execute(f"UPDATE articles SET {key[0]} = ? WHERE id = ?", (1 - value, key[1]))
    conn.commit()
    conn.close()
    with pytest.raises(Lost, match="mark"):
        verify(path, [], ledger)
    conn = sqlite3.connect(path)
    conn.execute(f"UPDATE articles SET {key[0]} = ? WHERE id = ?", (value, key[1]))
    (run, batch), _ = next(iter(ledger.batches.items()))
    conn.commit()
    conn.close()
    with open_store(path) as store:
        row = store.conn.execute(
            "SELECT id FROM articles WHERE guid = ?", (f"zqr{run}b{batch}-0",)
        ).fetchone()
        store.delete_articles([row[0]])
    with pytest.raises(Lost, match="batch"):
        verify(path, [], ledger)


# -- S2/S3: two processes at once ---------------------------------------------------------


def test_s2_s3_two_writers_no_busy_error_no_lost_update(tmp_path: Path) -> None:
    result = concurrent_writers(tmp_path / "two.db", seconds=2.5, seed=3)
    assert result.errors == []
    assert result.operations > 500
    assert result.new_articles > 50


# -- S4: a lock held past the busy timeout -------------------------------------------------


def test_s4_lock_held_longer_than_timeout_is_a_friendly_storebusy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "busy.db"
    ids = seed_store(path)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with open_store(path) as store:
            started = time.monotonic()
            with pytest.raises(StoreBusy) as caught:
                store.set_read(ids[0])
            assert 0.15 <= time.monotonic() - started < 5
            message = str(caught.value)
            assert "busy" in message and "\n" not in message
            # Reading still works while the other instance writes.
            assert get_article(store, ids[0]) is not None
            holder.execute("COMMIT")
            assert store.set_read(ids[0]) == 1  # usable again once the lock is gone
    finally:
        holder.close()


def test_s4_cli_reports_busy_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    ids = seed_store(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_cli(
            "read",
            str(ids[0]),
            db_file=path,
            prelude="import newsreader.store.db as d; d.BUSY_TIMEOUT_MS = 300",
        )
    finally:
        holder.close()
    assert_one_line_error(result, "busy")


# -- S5: a newer schema ---------------------------------------------------------------


def test_s5_newer_schema_is_refused_and_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    seed_store(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="newer newsreader"):
        open_store(path)
    result = run_cli("bookmark", "1", db_file=path)
    assert_one_line_error(result, "newer")
    assert digest(path) == before
    assert not any(p.name.endswith(".bak") for p in tmp_path.iterdir())


# -- S6/S7: migrations ------------------------------------------------------------------


def _add_migration(
    monkeypatch: pytest.MonkeyPatch,
    script: str,
    run: Callable[[sqlite3.Connection], None] | None = None,
    rewrites_data: bool = True,
) -> int:
    target = schema.SCHEMA_VERSION + 1
    monkeypatch.setitem(db.MIGRATIONS, target, schema.Migration(script, run, rewrites_data))
    monkeypatch.setattr(db, "SCHEMA_VERSION", target)
    return target


def test_s6_failing_migration_rolls_back_and_keeps_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    ids = seed_store(path)
    with open_store(path) as store:
        store.set_bookmarked(ids[:3])
    old_version = schema.SCHEMA_VERSION
    _add_migration(
        monkeypatch,
        "CREATE TABLE added_by_migration (x INTEGER);\n"
        "UPDATE articles SET title = 'clobbered';\n"
        "INSERT INTO no_such_table VALUES (1);\n",
    )
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "\n" not in str(caught.value)
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == old_version
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "added_by_migration" not in tables
        assert (
            conn.execute("SELECT count(*) FROM articles WHERE title = 'clobbered'").fetchone()[0]
            == 0
        )
        assert conn.execute("SELECT count(*) FROM articles WHERE bookmarked").fetchone()[0] == 3
    finally:
        conn.close()
    backups = [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert len(backups) == 1 and f".v{old_version}-" in backups[0].name
    assert backups[0].stat().st_mode & 0o077 == 0
    with open_store(backups[0]) as copy:
        assert copy.count() == len(ids)
        assert copy.count(ListQuery(bookmarked=True)) == 3
    with open_store(path) as store:  # the old version still opens and works
        assert store.count() == len(ids)


def test_a_python_migration_rebuilds_data_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "py.db"
    ids = seed_store(path)

    def fill(conn: sqlite3.Connection) -> None:  # what only Python can compute
        rows = conn.execute("SELECT id, title FROM articles").fetchall()
        conn.executemany("INSERT INTO title_lengths VALUES (?, ?)", [(i, len(t)) for i, t in rows])

    _add_migration(monkeypatch, "CREATE TABLE title_lengths (id INTEGER, n INTEGER);\n", fill)
    with open_store(path) as store:
        rows = store.conn.execute("SELECT count(*), min(n) FROM title_lengths").fetchone()
    assert rows[0] == len(ids) and rows[1] > 0
    assert len([p for p in tmp_path.iterdir() if p.name.endswith(".bak")]) == 1


def test_a_migration_that_only_adds_a_table_makes_no_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "small.db"
    seed_store(path)
    target = _add_migration(monkeypatch, "CREATE TABLE extra (x INTEGER);\n", rewrites_data=False)
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == target
    assert not any(p.name.endswith(".bak") for p in tmp_path.iterdir())


def test_a_failing_python_migration_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fail.db"
    ids = seed_store(path)
    old_version = schema.SCHEMA_VERSION

    def clobber_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE articles SET title = 'clobbered'")
        raise sqlite3.OperationalError("injected failure")

    _add_migration(monkeypatch, "CREATE TABLE half (x INTEGER);\n", clobber_then_fail)
    with pytest.raises(StoreError, match="left unchanged"):
        open_store(path)
    monkeypatch.undo()
    with open_store(path) as store:
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        clobbered = store.conn.execute(
            "SELECT count(*) FROM articles WHERE title = 'clobbered'"
        ).fetchone()[0]
        assert (version, clobbered, store.count()) == (old_version, 0, len(ids))


def test_s7_two_instances_migrate_at_once_exactly_one_migrates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "race.db"
    seed_store(path)
    target = _add_migration(
        monkeypatch,
        # Slow enough (a few hundred ms) that both instances overlap.
        "CREATE TABLE migration_log (n INTEGER);\n"
        "INSERT INTO migration_log VALUES (1);\n"
        "CREATE TABLE filler AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
        "FROM c WHERE x < 300000) SELECT x, hex(randomblob(16)) AS y FROM c;\n",
    )
    go_r, go_w = os.pipe()
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            code = 1
            try:
                os.close(go_w)
                os.read(go_r, 1)
                with open_store(path) as store:
                    version = store.conn.execute("PRAGMA user_version").fetchone()[0]
                    code = 0 if version == target else 2
            finally:
                os._exit(code)
        pids.append(pid)
    os.close(go_r)
    os.write(go_w, b"go")
    os.close(go_w)
    codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
    assert codes == [0, 0]
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM migration_log").fetchone()[0] == 1
        assert conn.execute("PRAGMA user_version").fetchone()[0] == target
    finally:
        conn.close()


# -- S8/S9: files that are not a usable store --------------------------------------------


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.db"
    seed_store(good)
    data = good.read_bytes()
    files = {
        "random": os.urandom(20_000),
        "truncated": data[: len(data) // 2],
        "header-only": data[:100],
        "text": b"just some notes, not a database\n" * 100,
    }
    paths = {}
    for name, content in files.items():
        paths[name] = tmp_path / f"{name}.db"
        paths[name].write_bytes(content)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('someone')")
    conn.commit()
    conn.close()
    paths["foreign"] = foreign
    return paths


@pytest.mark.parametrize("command", [["list"], ["read", "1"], ["search", "w1"], ["show", "1"]])
def test_s8_s9_bad_store_files_give_one_line_and_stay_untouched(
    tmp_path: Path, command: list[str]
) -> None:
    for name, path in _bad_files(tmp_path).items():
        before = digest(path)
        with pytest.raises(StoreError):
            open_store(path)
        result = run_cli(*command, db_file=path)
        assert_one_line_error(result, str(path))
        assert digest(path) == before, name


def test_n8_empty_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    """A zero-byte file newsreader did not create (``--db notes.txt``) never becomes a store."""
    path = tmp_path / "notes.txt"
    path.write_bytes(b"")
    os.utime(path, (1_000_000, 1_000_000))
    with pytest.raises(StoreError, match="empty file"):
        open_store(path)
    result = run_cli("list", db_file=path)
    assert_one_line_error(result, str(path), "empty file")
    assert path.read_bytes() == b"" and path.stat().st_mtime == 1_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # no -wal, -shm, temp


def test_n8_new_store_appears_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the schema is written the store path does not exist; then it appears complete."""
    path = tmp_path / "data" / "newsreader.db"
    seen: list[bool] = []
    real_migrate = db.migrate

    def watching_migrate(conn: sqlite3.Connection, where: Path) -> None:
        seen.append(path.exists())
        real_migrate(conn, where)

    monkeypatch.setattr(db, "migrate", watching_migrate)
    with open_store(path) as store:
        assert store.is_empty()
    assert seen and seen[0] is False  # the first migration ran on the temporary file
    assert path.stat().st_size > 0 and path.stat().st_mode & 0o777 == 0o600
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    finally:
        conn.close()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temp left


def test_n8_failed_creation_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "newsreader.db"

    def failing_migrate(conn: sqlite3.Connection, where: Path) -> None:
        conn.execute("CREATE TABLE half (x)")
        raise StoreError("injected failure while creating")

    monkeypatch.setattr(db, "migrate", failing_migrate)
    with pytest.raises(StoreError, match="injected"):
        open_store(path)
    assert list(tmp_path.iterdir()) == []


def test_n8_store_created_meanwhile_by_another_instance_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "newsreader.db"
    real_migrate = db.migrate
    raced: list[bool] = []

    def racing_migrate(conn: sqlite3.Connection, where: Path) -> None:
        if not raced:  # the other instance wins the race
            raced.append(True)
            with open_store(path) as other:
                other.source_id("created by the other instance")
        real_migrate(conn, where)

    monkeypatch.setattr(db, "migrate", racing_migrate)
    with open_store(path) as store:
        titles = [f.title for f in store.list_feeds()]
    assert titles == ["created by the other instance"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_s9_directory_at_store_path(tmp_path: Path) -> None:
    result = run_cli("list", db_file=tmp_path)
    assert_one_line_error(result, "directory")


def _corrupt_page(source: Path, target: Path, page: int) -> None:
    data = bytearray(source.read_bytes())
    data[page * 4096 : (page + 1) * 4096] = bytes(range(256)) * 16
    target.write_bytes(bytes(data))


STORE_CALLS = {
    "is_empty": lambda s: s.is_empty(),
    "counts": lambda s: s.counts(),
    "count": lambda s: s.count(ListQuery(bookmarked=True)),
    "list_articles": lambda s: s.list_articles(ListQuery(), 5000),
    "list_unread": lambda s: s.list_articles(ListQuery(unread=True), 5000),
    "get_article": lambda s: [get_article(s, i) for i in range(1, 400)],
    "search": lambda s: s.search("w1 OR w2 OR item"),
    "source_id": lambda s: s.source_id("another source"),
    "find_feed": lambda s: s.find_feed("crash source"),
    "get_feed": lambda s: s.get_feed(1),
    "list_feeds": lambda s: s.list_feeds(),
    "add_feed": lambda s: s.add_feed("http://127.0.0.1/g", "g"),
    "save_articles": lambda s: s.save_articles(1, make_batch(5, 5, 3, 5)),
    "set_read": lambda s: s.set_read(list(range(1, 400))),
    "prune": lambda s: s.prune(1, keep=1),
    "remove_feed": lambda s: s.remove_feed(1),
}


@pytest.mark.parametrize("page", [1, 2, 3, 5, 12, 40, 90])
def test_s9_corrupt_page_never_leaks_a_raw_sqlite_error(tmp_path: Path, page: int) -> None:
    """Every store call on a damaged file either works or raises StoreError (no traceback)."""
    good = tmp_path / "good.db"
    seed_store(good, batches=40, size=20)
    failures = []
    for name, call in STORE_CALLS.items():
        path = tmp_path / f"c-{name}.db"
        _corrupt_page(good, path, page)
        try:
            store = open_store(path)
        except StoreError:
            continue
        try:
            call(store)
        except StoreError as error:
            assert "\n" not in str(error)
        except Exception as error:
            failures.append(f"{name}: {type(error).__name__}: {error}")
        finally:
            store.close()
    assert failures == []


def test_s9_read_only_file_and_directory(tmp_path: Path) -> None:
    ro_dir = tmp_path / "ro"
    path = ro_dir / "store.db"
    seed_store(path)
    path.chmod(0o444)
    ro_dir.chmod(0o555)
    try:
        before = digest(path)
        for command in (["bookmark", "1"], ["list"]):
            result = run_cli(*command, db_file=path, unprivileged=True)
            assert_one_line_error(result, str(path))
        new = run_cli("list", db_file=ro_dir / "sub" / "new.db", unprivileged=True)
        assert_one_line_error(new, "cannot create")
        assert digest(path) == before
    finally:
        ro_dir.chmod(0o755)
    # A writable folder but a read-only file: reading works, writing is a clear error.
    other = tmp_path / "store.db"
    shutil.copy(path, other)
    other.chmod(0o444)
    listed = run_cli("list", db_file=other, unprivileged=True)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    assert len(listed.stdout.splitlines()) == 20
    marked = run_cli("read", "1", db_file=other, unprivileged=True)
    assert_one_line_error(marked, "cannot write")


# -- S10: a long reader ------------------------------------------------------------------


def test_s10_wal_bounded_after_long_reader_closes(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    ids = seed_store(path, batches=10, size=20)
    wal = Path(f"{path}-wal")
    with open_store(path) as store:
        reader = sqlite3.connect(path)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM articles").fetchone()
        for i in range(10_000):
            store.set_read(ids[i % len(ids)], bool(i % 2))
        grown = wal.stat().st_size
        assert grown > 4_000_000  # the reader really held the checkpoint back
        # The reader still sees its snapshot.
        assert reader.execute("SELECT count(*) FROM articles WHERE read").fetchone()[0] == 0
        reader.execute("COMMIT")
        reader.close()
        for i in range(300):
            store.set_bookmarked(ids[i % len(ids)], bool(i % 2))
        after = wal.stat().st_size
        assert after <= db.WAL_SIZE_LIMIT + 64 * 4096, (grown, after)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- S11: disk full ------------------------------------------------------------------------


def _fill_child(path: Path, limit: int, write_fd: int) -> None:  # pragma: no cover - child
    code = 0
    try:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        store = open_store(path)
        feed = store.source_id("crash source")
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        big = [
            Article(
                title=f"big {i}",
                guid=f"big-{i}",
                blocks=(Paragraph(os.urandom(3000).hex()),),
            )
            for i in range(400)
        ]
        try:
            store.save_articles(feed, big)
            os.write(write_fd, b"saved\n")
        except StoreError as error:
            os.write(write_fd, f"error {error}\n".encode())
        # Still usable while the disk is full: a small write fits in the WAL already there.
        store.set_bookmarked(1)
        os.write(write_fd, b"marked\n")
        store.close()
    except BaseException as error:
        os.write(write_fd, f"crash {type(error).__name__} {error}\n".encode())
        code = 1
    finally:
        os._exit(code)


def test_s11_disk_full_rolls_back_and_store_stays_usable(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    ids = seed_store(path)
    limit = path.stat().st_size + 256 * 1024
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover
        os.close(read_fd)
        _fill_child(path, limit, write_fd)
    os.close(write_fd)
    with os.fdopen(read_fd) as stream:
        lines = stream.read().splitlines()
    os.waitpid(pid, 0)
    assert lines[0].startswith("error ") and "full" in lines[0], lines
    assert "\n" not in lines[0]
    assert lines[1:] == ["marked"], lines
    with open_store(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.count() == len(ids)  # the whole batch rolled back
        assert (
            store.conn.execute("SELECT count(*) FROM articles WHERE guid LIKE 'big-%'").fetchone()[
                0
            ]
            == 0
        )
        assert get_article(store, 1).bookmarked
        store.save_articles(store.source_id("crash source"), make_batch(8, 8, 3, 5))
        assert store.count() == len(ids) + 3


# -- permissions --------------------------------------------------------------------


def test_store_created_user_only(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "data" / "newsreader.db"
    old = os.umask(0o022)
    try:
        with open_store(path) as store:
            store.save_articles(
                store.source_id("x"), [Article(title="t", blocks=(Paragraph("b"),))]
            )
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{path}{suffix}")
                if part.exists():
                    assert part.stat().st_mode & 0o777 == 0o600, suffix
    finally:
        os.umask(old)
    assert path.parent.stat().st_mode & 0o777 == 0o700


# -- a large OPML import killed halfway ---------------------------------------------------


def _big_opml(path: Path, count: int) -> None:
    outlines = "".join(
        f'<outline type="rss" text="Feed {n}" xmlUrl="http://feeds.example/{n}.xml"/>'
        for n in range(count)
    )
    path.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')


def test_opml_import_killed_midway_is_all_or_nothing(tmp_path: Path) -> None:
    """SIGKILL the moment any imported feed is visible: then all of them are."""
    count = 20_000
    opml = tmp_path / "big.opml"
    _big_opml(opml, count)
    path = tmp_path / "store.db"
    seed_store(path)
    with open_store(path) as store:
        before = len(store.list_feeds())
    process = subprocess.Popen(
        [PYTHON, "-c", CLI_CODE, "--db", str(path), "opml", "import", str(opml)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen = before
    deadline = time.monotonic() + 60
    try:
        while process.poll() is None and time.monotonic() < deadline:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
            try:
                seen = conn.execute("SELECT count(*) FROM feeds").fetchone()[0]
            except sqlite3.OperationalError:
                seen = before
            finally:
                conn.close()
            if seen > before:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
    finally:
        process.kill()
        process.wait(10)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM feeds").fetchone()[0]
    finally:
        conn.close()
    assert seen in (before, before + count)
    assert stored in (before, before + count), stored
