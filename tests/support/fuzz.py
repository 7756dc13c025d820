"""A bounded, deterministic fuzzer for the import and feed-parse paths.

Seeds are the sample feeds, pages and pasted texts (``sample_feeds/``,
``tests/data/``). Each case is one seed put through one to four mutations
(bit flips, truncation, splicing two seeds, inserted C0/C1 controls and escape
sequences, undeclared namespace prefixes, odd entities, stray tags, a changed
encoding declaration) and then through one *target*: the real code a user's
bytes reach (``newsreader.ingest.load_bytes`` under each file kind, the
refresh's ``parse_store_job`` followed by indexing and reading each article,
the pasted-text extractor and the OPML reader).

A case *crashes* when the target raises anything but its documented error, or
runs longer than the per-case bound. Crashes are written to
:data:`CRASH_DIR` as ``<target>-<hash>.bin`` and replayed by the suite.
Everything is seeded: the same seed and case count give the same cases.
"""

from __future__ import annotations

import hashlib
import random
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_DIRS = (ROOT / "sample_feeds", ROOT / "tests" / "data")
CRASH_DIR = ROOT / "tests" / "data" / "fuzz_crashes"
CASE_SECONDS = 5.0  # a case slower than this is a hang
MAX_SEED_BYTES = 64 * 1024


class CaseTimeout(Exception):
    """The per-case time bound passed."""


# -- targets ----------------------------------------------------------------
def _ingest(name: str) -> Callable[[bytes], object]:
    def run(data: bytes) -> object:
        from newsreader.ingest import IngestError, load_bytes

        try:
            return load_bytes(data, name)
        except IngestError:
            return None

    return run


def _refresh_parse(data: bytes) -> object:
    """A refresh's parse worker, then what indexing and reading do with each article."""
    from newsreader.extract.stored import body_blocks
    from newsreader.services.refresh import parse_store_job
    from newsreader.services.stores import index_text
    from newsreader.store.codec import decode_payload, fts_values_stored

    outcome = parse_store_job(data, "http://fuzz.example/feed", {})
    if outcome.parsed is not None:
        articles = outcome.parsed.articles  # type: ignore[attr-defined]
        for article, (_key, blob, _hash, _fts) in zip(articles, outcome.encoded or [], strict=True):
            fts_values_stored(article.title, article.dek, blob, index_text)  # indexing
            body_blocks(decode_payload(blob))  # reading: a deferred HTML body becomes blocks
    return outcome


def _refresh_fast(data: bytes) -> object:
    """:func:`_refresh_parse` with the lxml fast path tried whatever the size.

    The fast path only takes feeds of 16 KB and more; most seeds are smaller.
    """
    from newsreader.formats import rss as parse

    saved = parse.FAST_PATH_MIN_BYTES
    parse.FAST_PATH_MIN_BYTES = 0
    try:
        return _refresh_parse(data)
    finally:
        parse.FAST_PATH_MIN_BYTES = saved


def _pasted(data: bytes) -> object:
    from newsreader.extract.text import parse_text_article
    from newsreader.ingest import decode_text

    return parse_text_article(decode_text(data))


def _opml(data: bytes) -> object:
    from newsreader.formats.opml import OpmlError, parse_opml

    try:
        return parse_opml(data)
    except OpmlError:
        return None


TARGETS: dict[str, Callable[[bytes], object]] = {
    "opml": _opml,
    "xml": _ingest("fuzz.xml"),
    "html": _ingest("fuzz.html"),
    "txt": _ingest("fuzz.txt"),
    "refresh": _refresh_parse,
    "fastpath": _refresh_fast,
    "pasted": _pasted,
}


# -- mutations --------------------------------------------------------------
CONTROLS = (
    b"\x1b",
    b"\x1b[2J",
    b"\x1b[31m",
    b"\x1b]0;PWNED\x07",
    b"\x1b]52;c;AAAA",
    b"\x1bP+q544e\x1b\\",
    b"\x00",
    b"\x01",
    b"\x08",
    b"\x0b\x0c",
    b"\x7f",
    b"\x9b",
    b"\x9d",
    b"\xc2\x9b2J",
    b"\xc2\x9d0;x\xc2\x9c",
    b"\xc2\x85",
    b"\xe2\x80\xae",
    b"\xe2\x80\x8b",
    b"\xef\xbf\xbe",
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\r",
    b"\xff\xfe",
)
ENTITIES = (
    b"&#0;",
    b"&#1;",
    b"&#27;",
    b"&#x1b;[2J",
    b"&#x9b;",
    b"&#xD800;",
    b"&#xDFFF;",
    b"&#xFFFE;",
    b"&#65535;",
    b"&#99999999;",
    b"&#x110000;",
    b"&bogus;",
    b"&amp;#27;",
    b"&lt;p&gt;&amp;#x1b;[2J&lt;/p&gt;",
    b"&#",
    b"&",
    b"&nbsp;",
)
MARKUP = (
    b"<dc:creator>x</dc:creator>",
    b"<foo:bar baz:q='1'>y</foo:bar>",
    b"<media:content url='http://e.com/i.jpg' medium='image'/>",
    b"<nav>menu</nav>",
    b"</p>",
    b"<p>",
    b"</item>",
    b"<item><title>t</title></item>",
    b"<entry>",
    b"<![CDATA[",
    b"]]>",
    b"<!-- ",
    b"<?pi x?>",
    b"<script>alert(1)</script>",
    b"<article>",
    b"<form></form>",
    b"<figure><img src='x.jpg'><figcaption>c</figcaption></figure>",
    b"<a href='javascript:alert(1)'>x</a>",
    b"<a href='http://[::1'>x</a>",
    b"<img src='http://e.com/\x1b[2J.png'>",
    b'<link rel="alternate" type="application/rss+xml" href="/f">',
    b"<div>" * 40,
    b"</div>" * 40,
    b'<!DOCTYPE x [<!ENTITY a "b">]>',
    b' xmlns:dc="&#xD800;"',
    b' xmlns:media="http://search.yahoo.com/mrss/"',
    b"<pubDate>Mon, 99 Foo 99999 99:99:99 +9999</pubDate>",
    b"<updated>0000-00-00T00:00:00Z</updated>",
)
ENCODINGS = (b"utf-8", b"utf-16", b"shift_jis", b"windows-1252", b"bogus-enc", b"utf-32", b"")


def _position(rng: random.Random, data: bytes) -> int:
    if data and rng.random() < 0.5:  # near a tag boundary: where the bugs live
        spots = [i for i in range(len(data)) if data[i : i + 1] in (b"<", b">")]
        if spots:
            return rng.choice(spots) + rng.choice((0, 1))
    return rng.randrange(len(data) + 1)


def _insert(rng: random.Random, data: bytes, pool: tuple[bytes, ...]) -> bytes:
    at = _position(rng, data)
    return data[:at] + rng.choice(pool) + data[at:]


def _flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def _random_bytes(rng: random.Random, data: bytes) -> bytes:
    at = _position(rng, data)
    return data[:at] + rng.randbytes(rng.randint(1, 16)) + data[at:]


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _duplicate(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 2000))
    return data[:b] + data[a:b] * rng.randint(1, 3) + data[b:]


def _delete(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, 200) :]


def _encoding(rng: random.Random, data: bytes) -> bytes:
    head, sep, rest = data.partition(b"encoding=")
    if sep and rest[:1] in (b'"', b"'"):
        quote = rest[:1]
        end = rest.find(quote, 1)
        if end > 0:
            return head + sep + quote + rng.choice(ENCODINGS) + rest[end:]
    return b'<?xml version="1.0" encoding="' + rng.choice(ENCODINGS) + b'"?>' + data


MUTATORS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    lambda rng, d: _insert(rng, d, CONTROLS),
    lambda rng, d: _insert(rng, d, CONTROLS),
    lambda rng, d: _insert(rng, d, ENTITIES),
    lambda rng, d: _insert(rng, d, ENTITIES),
    lambda rng, d: _insert(rng, d, MARKUP),
    lambda rng, d: _insert(rng, d, MARKUP),
    _flip,
    _random_bytes,
    _truncate,
    _duplicate,
    _delete,
    _encoding,
)


def load_seeds() -> list[bytes]:
    """Every sample file, capped at :data:`MAX_SEED_BYTES`, in a fixed order."""
    seeds = []
    for folder in SEED_DIRS:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and CRASH_DIR not in path.parents:
                seeds.append(path.read_bytes()[:MAX_SEED_BYTES])
    return seeds


def mutate(rng: random.Random, seeds: list[bytes]) -> bytes:
    """One case: a seed (sometimes two spliced) and one to four mutations."""
    data = rng.choice(seeds)
    if rng.random() < 0.15:
        other = rng.choice(seeds)
        data = data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]
    for _ in range(rng.randint(1, 4)):
        data = rng.choice(MUTATORS)(rng, data)
    return data


# -- running ----------------------------------------------------------------
@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Raise :class:`CaseTimeout` in the main thread after ``seconds`` (SIGALRM)."""

    def expired(signum: int, frame: object) -> None:
        raise CaseTimeout(f"no answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Crash:
    """A case that raised or hung."""

    target: str
    data: bytes
    error: str

    @property
    def name(self) -> str:
        return f"{self.target}-{hashlib.sha1(self.data).hexdigest()[:12]}.bin"


def run_case(target: str, data: bytes, seconds: float = CASE_SECONDS) -> Crash | None:
    """Run one case; a :class:`Crash` when it raised or passed the time bound."""
    try:
        with time_bound(seconds):
            TARGETS[target](data)
    except CaseTimeout as error:
        return Crash(target, data, f"hang: {error}")
    except Exception:
        return Crash(target, data, traceback.format_exc(limit=-6))
    return None


@dataclass
class Report:
    """What a run did."""

    cases: int = 0
    crashes: list[Crash] = field(default_factory=list)
    seconds: float = 0.0


def fuzz(seed: int, *, cases: int | None = None, seconds: float | None = None) -> Report:
    """Run cases from ``seed`` until ``cases`` ran or ``seconds`` passed."""
    rng = random.Random(seed)
    seeds = load_seeds()
    names = sorted(TARGETS)
    report = Report()
    started = time.monotonic()
    while True:
        if cases is not None and report.cases >= cases:
            break
        if seconds is not None and time.monotonic() - started >= seconds:
            break
        data = mutate(rng, seeds)
        target = rng.choice(names)
        report.cases += 1
        crash = run_case(target, data)
        if crash is not None:
            report.crashes.append(crash)
    report.seconds = time.monotonic() - started
    return report


def save(crash: Crash, folder: Path = CRASH_DIR) -> Path:
    """Keep a crash as a regression case file (its target is in the name)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / crash.name
    path.write_bytes(crash.data)
    return path


def saved_cases(folder: Path = CRASH_DIR) -> list[tuple[str, Path]]:
    """Every kept crash as (target, file)."""
    if not folder.is_dir():
        return []
    return [(p.name.split("-", 1)[0], p) for p in sorted(folder.glob("*.bin"))]
