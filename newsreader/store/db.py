"""Opening the SQLite file safely: permissions, pragmas, checks and migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newsreader.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000
# After a checkpoint the WAL is cut back to this size (a long reader can grow it
# far past the autocheckpoint; without a limit the file keeps that size while open).
WAL_SIZE_LIMIT = 4 * 1024 * 1024


class StoreError(Exception):
    """A problem with the store, phrased for the user (one line)."""


class StoreBusy(StoreError):
    """Another newsreader holds the write lock for longer than the busy timeout."""


def describe(error: sqlite3.Error, path: Path | str) -> StoreError:
    """Turn an SQLite error into a one-line :class:`StoreError`."""
    message = str(error)
    lower = message.lower()
    if "locked" in lower or "busy" in lower:
        return StoreBusy(f"the store {path} is busy (another newsreader is writing); try again")
    if "not a database" in lower or "malformed" in lower:
        return StoreError(f"{path} is not a valid newsreader store ({message})")
    if "readonly" in lower or "read-only" in lower or "unable to open" in lower:
        return StoreError(f"cannot write the store {path}: {message}")
    if "full" in lower:
        return StoreError(f"the disk holding {path} is full; nothing was changed")
    return StoreError(f"store error in {path}: {message}")


def fetch_all(
    conn: sqlite3.Connection, path: Path | str, sql: str, params: Sequence[object] = ()
) -> list[Any]:
    """Run a read and fetch every row inside the error handling.

    A damaged page is often only met while stepping through rows, so the fetch
    must happen here too, not in the caller.
    """
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.Error as error:
        raise describe(error, path) from None


def fetch_one(
    conn: sqlite3.Connection, path: Path | str, sql: str, params: Sequence[object] = ()
) -> Any:
    """The first row of a read (or ``None``); errors become :class:`StoreError`."""
    try:
        return conn.execute(sql, params).fetchone()
    except sqlite3.Error as error:
        raise describe(error, path) from None


def create_store(path: Path) -> None:
    """Create a new store at ``path`` whole: never a half-made or empty file there.

    The schema is written to a private (0600) temporary file in the same
    directory (0700 when created here), which is then linked into place
    atomically, and only if nothing appeared at ``path`` meanwhile (a second
    newsreader starting at once): then that one's store is used. So an empty
    file at the store path is never one newsreader made.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            migrate(conn, temporary)
        finally:
            conn.close()
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another newsreader created it first: open that one
        except OSError:  # a file system without hard links
            if not path.exists():
                os.rename(temporary, path)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
            leftover.unlink(missing_ok=True)


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and if needed create or migrate) the store at ``path``.

    A missing file is created (:func:`create_store`); an existing empty file,
    a directory, a foreign file or a newer schema is refused, untouched.
    """
    try:
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a newsreader store")
        if not path.exists():
            if not create:
                raise StoreError(f"no store at {path}")
            create_store(path)
        elif path.stat().st_size == 0:
            raise StoreError(
                f"{path} is an empty file that newsreader did not create; not touching it "
                "(choose another --db, or remove the file)"
            )
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
    except OSError as error:
        raise StoreError(f"cannot create the store {path}: {error.strerror or error}") from None
    except sqlite3.Error as error:
        raise describe(error, path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check_identity(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, path)
    except sqlite3.Error as error:
        conn.close()
        raise describe(error, path) from None
    except StoreError:
        conn.close()
        raise
    return conn


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and (app_id != 0 or version != 0 or tables):
        raise StoreError(
            f"{path} is an SQLite file that is not a newsreader store; not touching it"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer newsreader (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade newsreader to open it"
        )


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    target = path.with_name(f"{path.name}.v{version}-{int(time.time())}.bak")
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to :data:`SCHEMA_VERSION`, one version per transaction.

    The version is re-read inside ``BEGIN IMMEDIATE`` so that of two processes
    starting at once exactly one migrates. An existing store (not one being
    created) is backed up next to itself once, before the first step, when a
    pending migration rewrites data.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    pending = [MIGRATIONS[v] for v in range(version + 1, SCHEMA_VERSION + 1)]
    if version > 0 and any(m.rewrites_data for m in pending):  # not one being created
        _backup(conn, path, version)
    while True:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= SCHEMA_VERSION:
                conn.execute("COMMIT")
                return
            target = version + 1
            step = MIGRATIONS[target]
            apply_script(conn, step.script)
            if step.run is not None:
                step.run(conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            conn.execute("ROLLBACK")
            raise StoreError(
                f"updating the store {path} to schema {version + 1} failed ({error}); "
                f"it was left unchanged at schema {version}"
            ) from None
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def apply_script(conn: sqlite3.Connection, script: str) -> None:
    """Run a multi-statement script inside the caller's transaction.

    ``executescript`` would COMMIT first, so statements run one by one.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            if statement.strip():
                conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection, path: Path | str) -> Iterator[sqlite3.Connection]:
    """A short ``BEGIN IMMEDIATE`` transaction; errors become :class:`StoreError`."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise describe(error, path) from None
    try:
        yield conn
    except BaseException as error:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise describe(error, path) from None
        raise
    else:
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise describe(error, path) from None
