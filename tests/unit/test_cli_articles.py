"""The article subcommands as scripts use them: JSON shapes, marks, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.model import Article, Figure, Heading, ListBlock, Paragraph, Run, Video
from newsreader.services.stores import open_store

ARTICLE = Article(
    title="Tide pools [bold]return[/]",
    url="https://coast.example.org/tide",
    guid="tide-1",
    author="Mira Holt",
    section="Science",
    dek="Volunteers count more species than in any year on record.",
    published=datetime(2026, 4, 2, 9, 30, tzinfo=UTC),
    blocks=(
        Figure(
            "https://coast.example.org/pool.jpg",
            "A rock pool",
            "Anemones at low tide.",
            "Jon Park/Coast Trust",
        ),
        Paragraph("The count began at dawn."),
        Heading("What they found"),
        ListBlock(("Crabs", "Limpets")),
        Video("Low tide in ninety seconds", "A time-lapse of the bay.", ""),
    ),
)


@pytest.fixture
def filled(db_path: Path) -> tuple[Path, list[int]]:
    with open_store(db_path) as store:
        feed = store.source_id("Coast Weekly")
        first = store.save_articles(feed, [ARTICLE])[0].id
        second = store.save_articles(
            feed,
            [
                replace(
                    ARTICLE,
                    title="Older note",
                    guid="n",
                    url="",
                    published=datetime(2026, 1, 1, tzinfo=UTC),
                )
            ],
        )[0].id
    return db_path, [first, second]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list_json_shape_newest_first(filled, capsys) -> None:
    db, (first, second) = filled
    code, out, _ = run(capsys, "--db", str(db), "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [first, second]
    assert rows[0] == {
        "id": first,
        "title": "Tide pools [bold]return[/]",
        "feed": "Coast Weekly",
        "url": "https://coast.example.org/tide",
        "published": "2026-04-02T09:30:00+00:00",
        "read": False,
        "bookmarked": False,
    }


def test_marks_and_filters(filled, capsys) -> None:
    db, (first, second) = filled
    assert run(capsys, "read", str(first), "--db", str(db))[0] == 0
    assert run(capsys, "--db", str(db), "bookmark", str(second))[0] == 0
    _, out, _ = run(capsys, "--db", str(db), "list", "--unread", "--json")
    assert [r["id"] for r in json.loads(out)] == [second]
    _, out, _ = run(capsys, "--db", str(db), "list", "--bookmarked", "--json")
    assert [r["id"] for r in json.loads(out)] == [second]
    run(capsys, "--db", str(db), "unread", str(first))
    run(capsys, "--db", str(db), "unbookmark", str(second))
    _, out, _ = run(capsys, "--db", str(db), "list", "--json", "--feed", "coast weekly")
    assert [(r["read"], r["bookmarked"]) for r in json.loads(out)] == [(False, False)] * 2


def test_show_json_is_the_documented_model(filled, capsys) -> None:
    db, (first, _) = filled
    code, out, _ = run(capsys, "--db", str(db), "show", str(first), "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data) == [
        "id",
        "title",
        "url",
        "feed",
        "author",
        "published",
        "section",
        "reading_minutes",
        "dek",
        "read",
        "bookmarked",
        "blocks",
    ]
    assert data["blocks"] == [
        {
            "type": "figure",
            "src": "https://coast.example.org/pool.jpg",
            "alt": "A rock pool",
            "caption": "Anemones at low tide.",
            "credit": "Jon Park/Coast Trust",
        },
        {"type": "paragraph", "text": "The count began at dawn."},
        {"type": "heading", "text": "What they found"},
        {"type": "list", "items": ["Crabs", "Limpets"]},
        {
            "type": "video",
            "title": "Low tide in ninety seconds",
            "description": "A time-lapse of the bay.",
            "src": "",
        },
    ]


def test_show_plain_text_when_not_a_terminal(filled, capsys) -> None:
    db, (first, _) = filled
    code, out, _ = run(capsys, "--db", str(db), "show", str(first), "--width", "60")
    assert code == 0
    assert "Tide pools [bold]return[/]" in out
    assert "The count began at dawn." in out
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 60


def test_search_finds_body_words_and_reports_bad_syntax(filled, capsys) -> None:
    db, (first, _) = filled
    code, out, _ = run(capsys, "--db", str(db), "search", "dawn", "--json")
    assert code == 0 and {r["id"] for r in json.loads(out)} >= {first}
    # The app's language: an unclosed quote is a phrase to the end, never an FTS5 error.
    code, out, err = run(capsys, "--db", str(db), "search", '"dawn')
    assert code == 0 and out.split("\t")[0] == str(first) and err == ""
    code, out, err = run(capsys, "--db", str(db), "search", "is:maybe")
    assert code == 1 and out == ""
    assert err.startswith("newsreader: search 'is:maybe': is:maybe is not a filter")
    assert err.count("\n") == 1


def test_search_widens_the_last_word_as_the_app_does(filled, capsys) -> None:
    db, (first, second) = filled
    code, out, _ = run(capsys, "--db", str(db), "search", "volunt")
    assert code == 0 and [line.split("\t")[0] for line in out.splitlines()] == [
        str(first),
        str(second),
    ]


def test_search_says_when_it_stopped_short(filled, capsys) -> None:
    db, (first, _) = filled
    code, out, err = run(capsys, "--db", str(db), "search", "dawn", "--limit", "1", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [first]
    assert err == "newsreader: 1 of 2 shown; use --limit\n"
    code, out, err = run(capsys, "--db", str(db), "search", "dawn")
    assert code == 0 and len(out.splitlines()) == 2 and err == ""


def test_search_filters_and_saved_searches(filled, capsys) -> None:
    db, (first, second) = filled
    code, out, _ = run(capsys, "--db", str(db), "read", str(second))
    code, out, _ = run(capsys, "--db", str(db), "search", "dawn", "is:unread", "--json")
    assert [r["id"] for r in json.loads(out)] == [first]
    code, out, _ = run(capsys, "--db", str(db), "search", "title:older", "--json")
    assert [r["id"] for r in json.loads(out)] == [second]
    code, out, _ = run(capsys, "--db", str(db), "search", "feed:coast -title:older", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [first]
    code, out, err = run(capsys, "--db", str(db), "search", "--save", "Dawn", "dawn")
    assert code == 0 and "saved as 'Dawn'" in err
    code, out, _ = run(capsys, "--db", str(db), "searches")
    assert out == "Dawn\t1\tdawn\n"
    code, out, _ = run(capsys, "--db", str(db), "searches", "--json")
    assert json.loads(out) == [{"name": "Dawn", "query": "dawn", "unread": 1, "error": ""}]
    code, out, _ = run(capsys, "--db", str(db), "searches", "--delete", "Dawn")
    code, out, _ = run(capsys, "--db", str(db), "searches")
    assert code == 0 and out == ""
    code, _, err = run(capsys, "--db", str(db), "searches", "--delete", "Dawn")
    assert code == 1 and "no saved search" in err


@pytest.mark.parametrize("args", [["show", "999"], ["read", "999"], ["show", "abc"]])
def test_unknown_ids_are_one_line_errors(filled, args) -> None:
    db, _ = filled
    proc = subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(db), *args], capture_output=True, text=True
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


LINKED = Article(
    title="Ferry timetable",
    guid="linked-1",
    blocks=(
        Paragraph(
            "See the timetable and the fares.",
            (
                Run("See the "),
                Run("timetable", href="https://ferry.example.org/times"),
                Run(" and the "),
                Run("fares", href="https://ferry.example.org/fares", strong=True),
                Run("."),
            ),
        ),
        ListBlock(
            ("Again the timetable", "plain"),
            item_runs=(
                (Run("Again the "), Run("timetable", href="https://ferry.example.org/times")),
                (),
            ),
        ),
    ),
)


def test_links_prints_the_numbered_list_and_show_json_has_the_runs(db_path, capsys) -> None:
    with open_store(db_path) as store:
        [saved] = store.save_articles(store.source_id("Ferries"), [LINKED])
    code, out, _ = run(capsys, "--db", str(db_path), "links", str(saved.id))
    assert code == 0
    assert out == "1\thttps://ferry.example.org/times\n2\thttps://ferry.example.org/fares\n"
    code, out, _ = run(capsys, "--db", str(db_path), "links", str(saved.id), "--json")
    assert json.loads(out) == [
        {"number": 1, "url": "https://ferry.example.org/times"},
        {"number": 2, "url": "https://ferry.example.org/fares"},
    ]
    code, out, _ = run(capsys, "--db", str(db_path), "show", str(saved.id), "--json")
    paragraph = json.loads(out)["blocks"][0]
    assert paragraph["text"] == "See the timetable and the fares."
    assert paragraph["runs"][3] == {
        "text": "fares",
        "strong": True,
        "href": "https://ferry.example.org/fares",
    }
    code, out, _ = run(capsys, "--db", str(db_path), "show", str(saved.id), "--width", "60")
    assert "timetable[1] and the fares[2]." in out
    assert out.rstrip().endswith("[2] https://ferry.example.org/fares")


def test_links_of_an_unknown_article_is_an_error(db_path, capsys) -> None:
    code, _out, err = run(capsys, "--db", str(db_path), "links", "999")
    assert code != 0 and "999" in err
