"""Everyday commands from the shell: mark all read, bookmarks export, stdin, widths, feeds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.model import Article, Paragraph
from newsreader.services.marks import mark_all_read, parse_age, undo
from newsreader.services.stores import ListQuery, open_store

NOW = datetime.now(UTC)


def article(n: int, feed: str, age_days: float, **extra: object) -> Article:
    fields: dict[str, object] = {
        "title": f"{feed} story {n}",
        "blocks": (Paragraph(f"Body of {feed} story {n}. " * 20),),
        "url": f"https://example.test/{feed}/{n}",
        "published": NOW - timedelta(days=age_days),
        "guid": f"{feed}-{n}",
    }
    fields.update(extra)
    return Article(**fields)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with open_store(path) as store:
        harbour = store.source_id("Harbour Gazette")
        valley = store.source_id("Valley Times")
        store.source_id("Harbour Weekly")
        store.save_articles(harbour, [article(n, "harbour", n * 3) for n in range(4)])
        hostile = article(9, "valley", 1, title="[/] <script>x</script> ](javascript:1) *b*")
        store.save_articles(valley, [article(n, "valley", n * 3) for n in range(3)] + [hostile])
        store.set_bookmarked([1, 8], True)
    return path


def run(db: Path, *args: str, stdin: bytes = b"", env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def unread(db: Path, feed: str | None = None) -> int:
    with open_store(db) as store:
        feed_id = store.find_feed(feed).id if feed else None
        return store.count(ListQuery(unread=True, feed_id=feed_id))


def test_mark_all_read_and_undo_service(db: Path):
    with open_store(db) as store:
        change = mark_all_read(store, ListQuery(feed_id=1), "Harbour Gazette")
        assert change.count == 4 and store.count(ListQuery(unread=True)) == 4
        assert undo(store, change) == 4 and store.count(ListQuery(unread=True)) == 8
    assert parse_age("12h") == timedelta(hours=12) and parse_age("2w") == timedelta(days=14)
    assert parse_age("3") == timedelta(days=3)
    with pytest.raises(ValueError):
        parse_age("soon")


def test_cli_mark_all_read_older_than_and_by_feed_part(db: Path):
    done = run(db, "mark-all-read", "--feed", "valley", "--older-than", "4d")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == "Marked 1 article read in Valley Times.\n"
    assert unread(db, "Valley Times") == 3
    done = run(db, "mark-all-read")
    assert done.stdout.decode() == "Marked 7 articles read in all feeds.\n" and unread(db) == 0
    ambiguous = run(db, "list", "--feed", "harbour")
    assert ambiguous.returncode == 1
    assert "matches 2 feeds" in ambiguous.stderr.decode()
    assert "'Harbour Gazette', 'Harbour Weekly'" in ambiguous.stderr.decode()
    listed = run(db, "list", "--feed", "gazette", "--json")
    assert {a["feed"] for a in json.loads(listed.stdout)} == {"Harbour Gazette"}


def test_bookmarks_export_in_three_formats_escapes_titles(db: Path, tmp_path: Path):
    md = run(db, "bookmarks", "export", "--format", "md").stdout.decode()
    assert md.startswith("# Bookmarks") and md.count("\n- ") == 2
    assert "\\[/\\]" in md and "](javascript" not in md and "\\*b\\*" in md
    out = tmp_path / "b.html"
    assert run(db, "bookmarks", "export", "--format", "html", str(out)).returncode == 0
    page = out.read_text()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'href="https://example.test/harbour/0"' in page
    data = json.loads(run(db, "bookmarks", "export", "--format", "json").stdout)
    assert sorted(a["id"] for a in data) == [1, 8] and all(a["bookmarked"] for a in data)


def test_import_dash_reads_standard_input(db: Path):
    text = b"Ferry saved\n\nThe council voted on Tuesday to keep the last ferry running.\n"
    done = run(db, "import", "-", stdin=text)
    assert done.returncode == 0, done.stderr
    assert "last ferry running" in done.stdout.decode()
    empty = run(db, "import", "-", stdin=b"")
    assert empty.returncode == 1 and b"-: is empty" in empty.stderr


def test_piped_show_honours_columns_and_width(db: Path):
    def widest(output: bytes) -> int:
        return max(len(line) for line in output.decode().splitlines())

    assert widest(run(db, "show", "1", env={"COLUMNS": "60"}).stdout) <= 60
    assert widest(run(db, "show", "1", env={"COLUMNS": "60"}).stdout) > 50
    assert widest(run(db, "show", "1", "--width", "44").stdout) <= 44
