"""Bad command-line input: one line per problem, non-zero exit, no traceback, nothing changed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.ingest import load_path
from newsreader.services.stores import open_store

GOOD_TEXT = (
    "Harbour ferry timetable changes for winter\n\n"
    "By A. Writer\n\n"
    "The ferry between the two harbours will run every forty minutes from Monday.\n\n"
    "Passengers asked for later evening sailings at a meeting in the town hall.\n"
)


def cli(db: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "100"},
    )


def snapshot(db: Path) -> list:
    conn = sqlite3.connect(db)
    try:
        return [
            conn.execute("SELECT * FROM articles ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM feeds ORDER BY id").fetchall(),
            conn.execute("PRAGMA user_version").fetchall(),
        ]
    finally:
        conn.close()


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    assert "Traceback" not in result.stderr, result.stderr
    assert "\x1b" not in result.stderr and "\x1b" not in result.stdout
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith("newsreader") for line in lines), lines
    return lines


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with one imported, bookmarked article (built in-process, copied per test)."""
    folder = tmp_path_factory.mktemp("template")
    (folder / "good.txt").write_text(GOOD_TEXT)
    db = folder / "store.db"
    loaded = load_path(folder / "good.txt")
    with open_store(db) as store:
        saved = store.save_articles(store.source_id(loaded.source), loaded.articles)
        store.set_bookmarked(saved[0].id)
    return db


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "good": tmp_path / "good.txt",
        "missing": tmp_path / "missing.txt",
        "directory": tmp_path / "folder",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.dat",
        "nul": tmp_path / "nul.txt",
        "hostile-name": tmp_path / "x\x1b]0;PWNED\x07y.txt",
    }
    paths["good"].write_text(GOOD_TEXT)
    paths["directory"].mkdir()
    paths["empty"].write_bytes(b"")
    paths["binary"].write_bytes(bytes(range(256)) * 40)
    paths["nul"].write_bytes(b"\x00" * 5000)
    return paths


def test_import_bad_files_one_line_each_and_good_one_still_imported(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    db = tmp_path / "store.db"
    order = ["missing", "directory", "good", "empty", "binary", "nul", "hostile-name"]
    result = cli(db, "import", *(str(files[name]) for name in order))
    assert result.returncode != 0
    lines = error_lines(result)
    assert len(lines) == len(order) - 1, lines
    for name, line in zip([n for n in order if n != "good"], lines, strict=True):
        assert files[name].name.split("\x1b")[0] in line, (name, line)
    assert "PWNED" not in lines[-1] or "\x07" not in lines[-1]
    stored = cli(db, "list")
    assert stored.returncode == 0
    assert "Harbour ferry timetable changes for winter" in stored.stdout
    assert len(stored.stdout.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["show", "999"],
        ["show", "999", "--json"],
        ["read", "999"],
        ["bookmark", "998", "999"],
        ["unread", "999"],
        ["search", "title:"],
        ["search", "is:maybe"],
        ["search", "*"],
        ["search", "feed:no-such-feed word"],
        ["show", "abc"],
        ["show", "0"],
        ["show", "1", "--width", "5"],
        ["list", "--feed", "no such feed"],
        ["import", "/nonexistent/path.xml"],
    ],
)
def test_bad_commands_change_nothing(tmp_path: Path, template: Path, args: list[str]):
    db = tmp_path / "store.db"
    shutil.copy(template, db)
    before = snapshot(db)
    result = cli(db, *args)
    assert result.returncode != 0
    assert len(error_lines(result)) == 1
    assert snapshot(db) == before


@pytest.mark.parametrize("text", ['"unterminated', "AND OR", "NEAR(", "col:word", "a*b("])
def test_fts5_syntax_is_only_text_to_search(tmp_path: Path, template: Path, text: str):
    """The search language quotes every word: FTS5 syntax is searched for, never run."""
    db = tmp_path / "store.db"
    shutil.copy(template, db)
    before = snapshot(db)
    result = cli(db, "search", text)
    assert result.returncode == 0 and not error_lines(result)
    assert snapshot(db) == before


def test_store_path_problems(tmp_path: Path) -> None:
    for db, needle in ((tmp_path, "directory"), (tmp_path / "f.txt" / "x.db", "")):
        if db.name == "x.db":
            (tmp_path / "f.txt").write_text("a file where a folder should be")
        result = cli(db, "list")
        assert result.returncode != 0
        lines = error_lines(result)
        assert len(lines) == 1 and needle in lines[0]
