"""Broken and hostile inputs (P1–P4, P6, E9, E10): bounded time and memory, clear errors.

Small inputs live in ``corpus/``; the big ones (10,000-level nesting, a 50 MB
entry, 100,000 tiny entries) are generated at test time. Each is imported in
a subprocess that reports its outcome, time and peak RSS.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.paths import resource_dir

CORPUS = Path(__file__).parent / "corpus"
PASSWD_LINE = re.compile(r"root:[^:\s]*:0:0:")

RUNNER = r"""
import json, resource, sys, time
started = time.perf_counter()
from newsreader.ingest import IngestError, load_path
try:
    loaded = load_path(sys.argv[1])
    texts = []
    for a in loaded.articles:
        texts += [a.title, a.dek, a.author, a.url, *(b.plain for b in a.blocks)]
    outcome = {"articles": len(loaded.articles), "source": loaded.source,
               "chars": sum(map(len, texts)), "sample": "\n".join(texts)[:200000]}
except IngestError as error:
    outcome = {"error": str(error)}
outcome["seconds"] = time.perf_counter() - started
# Peak RSS of this program: VmHWM (ru_maxrss keeps the forking parent's peak across exec).
try:
    with open("/proc/self/status") as status:
        hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
outcome["rss_mb"] = hwm / 1024
print(json.dumps(outcome))
"""


def ingest(path: Path, timeout: float = 120) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(path)], capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def assert_refused_or_bounded(outcome: dict, max_chars: int = 2_000_000) -> None:
    if "error" in outcome:
        assert outcome["error"] and "\n" not in outcome["error"]
    else:
        assert outcome["chars"] <= max_chars, outcome["chars"]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir()))
def test_corpus_file_bounded(name: str) -> None:
    outcome = ingest(CORPUS / name)
    assert outcome["seconds"] < 20, outcome["seconds"]  # P6: cap before the slow parse
    assert outcome["rss_mb"] < 300, outcome["rss_mb"]
    assert_refused_or_bounded(outcome)
    text = outcome.get("sample", "")
    assert not PASSWD_LINE.search(text), "XXE read /etc/passwd"
    assert "\x1b" not in text and not re.search("[\x80-\x9f\x00]", text)
    if name.startswith("billion-laughs"):
        assert "lol" * 1000 not in text and "a" * 10_000 not in text  # P1: never expanded


def test_xxe_never_reads_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER-4711")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t &s;</title>'
        "<item><title>x &s;</title><guid>1</guid><description>&s;</description></item>"
        "</channel></rss>"
    )
    (tmp_path / "xxe.xml").write_text(doc)
    outcome = ingest(tmp_path / "xxe.xml")
    assert "TOP-SECRET-MARKER" not in json.dumps(outcome)


def test_quadratic_blowup_is_bounded(tmp_path: Path) -> None:
    """P2: a 100 KB entity referenced 5,000 times never becomes a 500 MB field."""
    entity = "x" * 100_000
    refs = "&big;" * 5000
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{entity}">]>'
        f'<rss version="2.0"><channel><title>Q</title><item><title>q</title><guid>q</guid>'
        f"<description>{refs}</description></item></channel></rss>"
    )
    (tmp_path / "quadratic.xml").write_text(doc)
    outcome = ingest(tmp_path / "quadratic.xml")
    assert outcome["seconds"] < 10 and outcome["rss_mb"] < 400
    assert_refused_or_bounded(outcome, max_chars=10_000_000)


def test_deeply_nested_html(tmp_path: Path) -> None:
    body = "<div>" * 10_000 + "<p>Deep text survives.</p>" + "</div>" * 10_000
    page = f"<!doctype html><html><head><title>Nested page</title></head><body>{body}</body></html>"
    (tmp_path / "nested.html").write_text(page)
    outcome = ingest(tmp_path / "nested.html")
    assert outcome["seconds"] < 20 and outcome["rss_mb"] < 400
    assert_refused_or_bounded(outcome)


def test_fifty_megabyte_entry(tmp_path: Path) -> None:
    words = ("lorem ipsum dolor sit amet " * 40 + "\n") * 47_000  # ~50 MB
    doc = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Huge</title>'
        "<item><title>One huge entry</title><guid>h</guid><description>"
        f"{words}</description></item></channel></rss>"
    )
    path = tmp_path / "huge.xml"
    path.write_text(doc)
    assert path.stat().st_size > 50_000_000
    outcome = ingest(path, timeout=300)
    assert outcome["seconds"] < 120, outcome["seconds"]
    assert outcome["rss_mb"] < 2500, outcome["rss_mb"]
    if "error" in outcome:
        assert "\n" not in outcome["error"]


def test_hundred_thousand_tiny_entries(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>t{i}</title><guid>g{i}</guid><description>d</description></item>"
        for i in range(100_000)
    )
    doc = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>'
        f"{items}</channel></rss>"
    )
    (tmp_path / "many.xml").write_text(doc)
    outcome = ingest(tmp_path / "many.xml", timeout=120)
    assert outcome["seconds"] < 20, outcome["seconds"]  # P6: cap before the slow parse
    assert outcome["rss_mb"] < 2500, outcome["rss_mb"]
    if "error" not in outcome:
        assert 0 < outcome["articles"] <= 100_000


def rendered_inputs() -> list[Path]:
    samples = sorted(p for p in resource_dir("sample_feeds").iterdir() if p.is_file())
    return samples + sorted(CORPUS.iterdir())


def test_rendered_views_of_samples_and_corpus_are_escape_free(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "render.db")
    inputs = rendered_inputs()
    assert len(inputs) > 10
    main(["--db", db, "import", *map(str, inputs)])
    imported = capsys.readouterr()
    assert main(["--db", db, "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) > 20
    outputs = [imported.out, imported.err]
    assert main(["--db", db, "list"]) == 0
    outputs.append(capsys.readouterr().out)
    for row in rows:
        for width in ("60", "140"):
            assert main(["--db", db, "show", str(row["id"]), "--width", width]) == 0
            outputs.append(capsys.readouterr().out)
    for out in outputs:
        assert "\x1b" not in out
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), repr(out[:200])
        assert not PASSWD_LINE.search(out)
