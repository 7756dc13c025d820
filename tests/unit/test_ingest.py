"""Detecting what a file is, and ``newsreader import`` on feed files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.ingest import IngestError, detect_kind, load_bytes, load_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_feeds").glob("*.xml"))
CORPUS = ROOT / "tests" / "data" / "feeds"

RSS = (
    '<?xml version="1.0" encoding="{enc}"?><rss version="2.0"><channel><title>Wide</title>'
    "<item><title>Größe</title><guid>w1</guid><description>Text.</description></item>"
    "</channel></rss>"
)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_are_detected_as_feeds(path: Path) -> None:
    assert detect_kind(path.read_bytes()) == "feed"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_wide_and_bom_encodings_are_detected_and_loaded(codec: str) -> None:
    data = RSS.format(enc="utf-16" if "16" in codec else "utf-8").encode(codec)
    assert detect_kind(data) == "feed"
    loaded = load_bytes(data, name="wide")
    assert loaded.source == "Wide"
    assert [a.title for a in loaded.articles] == ["Größe"]


def test_a_feed_behind_a_long_doctype_is_still_a_feed() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"x" * 10_000 + b'">]>'
        b'<rss version="2.0"><channel><title>Q</title><item><title>&a;</title>'
        b"<guid>q</guid></item></channel></rss>"
    )
    assert detect_kind(data) == "feed"
    assert [a.title for a in load_bytes(data).articles] == ["&a;"]


def test_other_kinds() -> None:
    assert detect_kind(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert detect_kind(b"Headline\n\nA paragraph of pasted text.") == "text"
    with pytest.raises(IngestError, match="empty"):
        detect_kind(b" \n\t ")
    with pytest.raises(IngestError, match="binary"):
        detect_kind(b"\x00\x01\x02\x03" * 100)


def test_load_path_of_a_sample_feed() -> None:
    loaded = load_path(ROOT / "sample_feeds" / "valley-photo-wire.xml")
    assert loaded.kind == "feed"
    assert loaded.source == "Valley Photo Wire"
    assert len(loaded.articles) == 2
    assert all(a.feed == "Valley Photo Wire" for a in loaded.articles)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("truncated-no-entries.xml", "not a feed: broken XML with no entries"),
        ("not-a-feed.json", "not a feed: it is JSON, not RSS, Atom or JSON Feed"),
    ],
)
def test_load_path_errors_are_one_line(name: str, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        load_path(CORPUS / name)
    assert str(caught.value) == reason


def _cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSREADER_DB": ""}
    env.pop("NEWSREADER_DB")
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )


def _lines(stdout: str) -> list[tuple[int, str]]:
    rows = []
    for line in stdout.splitlines():
        ident, title = line.split("\t")
        rows.append((int(ident), title))
    return rows


def test_import_sample_feeds_twice(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    first = _cli("import", *map(str, SAMPLES), db=db)
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    rows = _lines(first.stdout)
    titles = [t for _, t in rows]
    assert len(rows) == 9
    assert len({i for i, _ in rows}) == 9
    assert "First snow closes the Corrin pass to lorries" in titles
    assert "Why the bog remembers: a core sample 9,000 years deep" in titles
    assert "Fête de quartier: the crêpe stand raised €1,180 for the école Pasteur" in titles

    second = _cli("import", *map(str, SAMPLES), db=db)
    assert second.returncode == 0
    assert _lines(second.stdout) == rows  # updated in place: same ids, nothing new

    listed = _cli("list", "--json", db=db)
    assert len(json.loads(listed.stdout)) == 9


def test_a_broken_file_among_good_ones(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    broken = CORPUS / "truncated-no-entries.xml"
    good = ROOT / "sample_feeds" / "valley-photo-wire.xml"
    other = ROOT / "sample_feeds" / "northfield-science.atom.xml"
    result = _cli("import", str(good), str(broken), str(other), db=db)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"newsreader: {broken}: not a feed: broken XML with no entries"
    ]
    assert "Traceback" not in result.stderr
    assert len(_lines(result.stdout)) == 4  # both good feeds were imported
    assert len(json.loads(_cli("list", "--json", db=db).stdout)) == 4


@pytest.mark.parametrize(
    "name",
    ["empty.xml", "garbage.bin", "not-a-feed.html", "error-500.html", "billion-laughs.xml"],
)
def test_import_of_hostile_files_never_tracebacks(
    name: str, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", str(db_path), "import", str(CORPUS / name)])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    if code:
        assert len(out.err.splitlines()) == 1
        assert out.err.startswith(f"newsreader: {CORPUS / name}: ")
    else:
        assert out.err == ""
        assert all("\t" in line for line in out.out.splitlines())


def test_imported_escapes_never_reach_stdout(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "esc.xml"
    feed.write_bytes(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>E\x1b]0;PWNED\x07</title>'
        b"<item><title>X\x1b]52;c;ZWNobyBwd25lZA==\x07Y\xc2\x9b2J</title><guid>e</guid>"
        b"</item></channel></rss>"
    )
    assert main(["--db", str(db_path), "import", str(feed)]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\tXY\n")
    assert "\x1b" not in out
    assert "\x9b" not in out


@pytest.mark.parametrize(
    "data",
    [
        b'{"version": "https://example.com/version/1.1", "items": []}',
        b'  [{"title": "not an article"}]\n',
        b'{"title": "x"}',
    ],
)
def test_json_is_refused_not_imported_as_text(data: bytes) -> None:
    # JSON that is not a JSON Feed gets a one-line refusal, not a text article.
    with pytest.raises(IngestError, match=r"^not a feed: it is JSON, not RSS, Atom or JSON Feed$"):
        load_bytes(data)
