"""Synthetic stores of N articles for the benchmarks, built fast and cached.

The store is created with :meth:`newsreader.store.Store.open` (so its schema,
triggers and pragmas are the real ones) and then filled with ``executemany``
in transactions of :data:`CHUNK` rows, straight into ``articles`` and the
contentless FTS5 index ``articles_fts``. Blocks are encoded exactly as
:func:`newsreader.store.codec.encode_blocks` does. Everything is seeded, so
the same N gives the same store; finished stores are cached in
``bench/.cache/`` keyed by N and the generator version.

Run ``python -m bench.synth N`` to build (or find) one and print where it is.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import itertools
import json
import os
import random
import sqlite3
import time
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsreader.model import Figure, Heading, Paragraph, block_to_dict
from newsreader.services.stores import open_store

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
GENERATOR_VERSION = 2
CHUNK = 5_000
FEEDS = 50
SHORT_BODIES_FROM = 1_000_000
"""At this many articles and above, bodies are 50–100 words (keeps the file small)."""
LONG_WORDS, LONG_FIGURES = 5_000, 20
BASE_TIME = 1_750_000_000  # newest synthetic article, unix seconds (mid-2025)
SPAN = 3 * 365 * 86400  # articles are spread over three years


def _words(text: str) -> list[str]:
    return text.split()


# Invented vocabulary: common news words first (they get the Zipf head), then
# syllable-built pseudo-words for the long tail, then rarer "names".
_COMMON = _words(
    """
the of and to a in that is for on it with as was at by be this from have are not
but had his they were an has which or their its been more one would will after
new who said also about year people than other when there two first over time
city council water plan report minister river housing school budget rail energy
storm market court police health climate election museum bridge harbour farm
price study team season village summit vote border coast forest winter summer
festival library hospital airport factory union tax wage bank loan trade port
island valley mountain road transit ferry tunnel station crew mayor judge jury
science research data survey garden park bird fish whale bee drought flood fire
heat snow rain wind solar battery grid cable signal network software robot
"""
)
_ONSETS = _words("b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pr st tr sh ch th")
_NUCLEI = _words("a e i o u ai ea io ou ei")
_CODAS = ["", "", "n", "r", "s", "l", "t", "nd", "st", "rk", "m", "x"]


@dataclass(frozen=True, slots=True)
class SynthInfo:
    """Where a synthetic store is and what it holds."""

    path: str
    articles: int
    feeds: int
    long_article_id: int
    rare_word: str
    common_word: str
    seconds: float
    bytes: int
    words: tuple[int, int]


def _pseudo_words(rng: random.Random, count: int, syllables: tuple[int, int]) -> list[str]:
    """``count`` distinct invented words of a few syllables each."""
    parts = [o + n + c for o in _ONSETS for n in _NUCLEI for c in dict.fromkeys(_CODAS)]
    seen: set[str] = set(_COMMON)
    words: list[str] = []
    lo, hi = syllables
    while len(words) < count:
        picks = rng.choices(parts, k=hi * count)
        sizes = rng.choices(range(lo, hi + 1), k=count)
        at = 0
        for size in sizes:
            word = "".join(picks[at : at + size])
            at += size
            if word not in seen:
                seen.add(word)
                words.append(word)
                if len(words) == count:
                    break
    return words


class TextBank:
    """Deterministic sentences with a Zipf-like word distribution."""

    def __init__(self, seed: int, sentences: int = 40_000) -> None:
        rng = random.Random(seed)
        self.vocab = _COMMON + _pseudo_words(rng, 12_000, (1, 2))
        self.names = [w.capitalize() for w in _pseudo_words(rng, 60_000, (3, 4))]
        weights = list(
            itertools.accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(len(self.vocab)))
        )
        self.sentences: list[str] = []
        self.lengths: list[int] = []
        for _ in range(sentences):
            n = rng.randint(8, 24)
            words = rng.choices(self.vocab, cum_weights=weights, k=n)
            words[0] = words[0].capitalize()
            self.sentences.append(" ".join(words) + ".")
            self.lengths.append(n)

    def paragraph(self, rng: random.Random, words: int) -> tuple[str, int]:
        """About ``words`` words of sentences; returns the text and its word count."""
        picks = rng.choices(range(len(self.sentences)), k=max(1, round(words / 16)))
        return " ".join([self.sentences[i] for i in picks]), sum(self.lengths[i] for i in picks)

    def title(self, rng: random.Random) -> str:
        words = rng.choices(self.vocab[:400], k=rng.randint(4, 9))
        words.insert(rng.randrange(len(words)), rng.choice(self.names))
        return " ".join(words).capitalize()


def article_blocks(
    bank: TextBank, rng: random.Random, words: int, figures: int, name: str
) -> tuple[list[object], int]:
    """Blocks of an article body (paragraphs, a heading or two, ``figures`` figures)
    and its number of paragraph words."""
    paragraphs: list[str] = []
    total = 0
    while total < words:
        text, n = bank.paragraph(rng, min(rng.randint(40, 120), max(words - total, 8)))
        paragraphs.append(text)
        total += n
    if paragraphs:  # the article's own rare name, so rare-word searches find a few rows
        paragraphs[0] = f"{name} {paragraphs[0]}"
    blocks: list[object] = [Paragraph(p) for p in paragraphs]
    if len(blocks) > 8:
        for _ in range(len(blocks) // 8):
            blocks.insert(rng.randrange(2, len(blocks)), Heading(bank.title(rng)))
    for k in range(figures):
        caption, _ = bank.paragraph(rng, rng.randint(10, 30))
        figure = Figure(
            src=f"https://img.example.org/{rng.getrandbits(48):012x}/{k}.jpg",
            alt=caption[:60],
            caption=caption,
            credit=f"Photo: {rng.choice(bank.names)} {rng.choice(bank.names)} / Example Agency",
        )
        blocks.insert(rng.randrange(0, len(blocks) + 1), figure)
    return blocks, total


def _encode(blocks: list[object]) -> bytes:
    # Exactly newsreader.store.codec.encode_blocks, but on a list.
    payload = json.dumps([block_to_dict(b) for b in blocks], ensure_ascii=False)  # type: ignore[arg-type]
    return zlib.compress(payload.encode("utf-8"), 1)


def _rows(
    bank: TextBank, seed: int, start: int, stop: int, n: int, words: tuple[int, int]
) -> Iterator[tuple[tuple[object, ...], tuple[object, ...]]]:
    """(articles row, articles_fts row) for ids ``start+1 .. stop``."""
    rng = random.Random(seed * 1_000_003 + start)
    step = SPAN / max(n, 1)
    for i in range(start, stop):
        article_id = i + 1
        feed_id = rng.randrange(FEEDS) + 1
        published = BASE_TIME - SPAN + int(i * step) + rng.randint(-3600, 3600)
        age = (n - i) / n
        read = int(rng.random() < (0.95 if age > 0.05 else 0.4))
        bookmarked = int(rng.random() < 0.01)
        name = bank.names[(i * 7919) % len(bank.names)]
        blocks, total = article_blocks(bank, rng, rng.randint(*words), rng.randint(1, 3), name)
        title = bank.title(rng)
        dek, _ = bank.paragraph(rng, 20)
        body = "\n".join(b.text for b in blocks if isinstance(b, Paragraph | Heading))
        captions = "\n".join(b.plain for b in blocks if isinstance(b, Figure))
        blob = _encode(blocks)
        minutes = max(1, round(total / 230))
        yield (
            (
                article_id,
                feed_id,
                f"urn:synth:{article_id}",
                f"https://news{feed_id}.example.org/{published}/{article_id}",
                title,
                rng.choice(bank.names) + " " + rng.choice(bank.names),
                rng.choice(("World", "Science", "Local", "Business", "Culture", "")),
                dek,
                published,
                published,
                minutes,
                blob,
                hashlib.sha256(blob).hexdigest(),
                read,
                bookmarked,
                published + 600,
            ),
            (article_id, title, dek, body, captions),
        )


_INSERT_ARTICLE = (
    "INSERT INTO articles (id, feed_id, guid, url, title, author, section, dek, published, "
    "sort_key, reading_minutes, blocks, content_hash, read, bookmarked, added) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_FTS = "INSERT INTO articles_fts (rowid, title, dek, body, captions) VALUES (?,?,?,?,?)"


_BANK: TextBank | None = None


def _init_worker(seed: int) -> None:
    global _BANK
    _BANK = TextBank(seed)


def _chunk(task: tuple[int, int, int, int, tuple[int, int]]) -> list:
    assert _BANK is not None
    seed, start, stop, n, words = task
    return list(_rows(_BANK, seed, start, stop, n, words))


def _generate(tasks: list, seed: int, ahead: int = 4) -> Iterator[list]:
    """Chunks of rows in order, generated by worker processes a few chunks ahead."""
    import multiprocessing

    if len(tasks) == 1:
        _init_worker(seed)
        yield _chunk(tasks[0])
        return
    workers = max(1, min(2, os.cpu_count() or 1))
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, _init_worker, (seed,)) as pool:
        pending: collections.deque = collections.deque()
        queue = iter(tasks)
        for task in itertools.islice(queue, ahead):
            pending.append(pool.apply_async(_chunk, (task,)))
        while pending:
            rows = pending.popleft().get()
            for task in itertools.islice(queue, 1):
                pending.append(pool.apply_async(_chunk, (task,)))
            yield rows


def long_article(seed: int = 7):
    """The 5,000-word, 20-figure article the open+layout benchmark uses."""
    from newsreader.model import Article

    bank = TextBank(seed, sentences=4_000)
    rng = random.Random(seed)
    blocks, _ = article_blocks(bank, rng, LONG_WORDS, LONG_FIGURES, "Longread")
    return Article(
        title="The long read: " + bank.title(rng),
        blocks=tuple(blocks),  # type: ignore[arg-type]
        url="https://longreads.example.org/bench",
        author="Bench Writer",
        dek=bank.paragraph(rng, 30)[0],
        published=datetime.fromtimestamp(BASE_TIME - 86400, UTC),
        guid="urn:synth:long-read",
    )


def build(
    n: int,
    path: Path,
    *,
    seed: int = 1,
    words: tuple[int, int] | None = None,
    progress: bool = True,
) -> SynthInfo:
    """Create a synthetic store of ``n`` articles (plus the long article) at ``path``."""
    started = time.perf_counter()
    if words is None:
        words = (50, 100) if n >= SHORT_BODIES_FROM else (300, 2_000)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with open_store(path) as store:  # real schema, triggers, pragmas
        long_feed = store.source_id("Long reads")
        (saved,) = store.save_articles(long_feed, [long_article()])
    long_id = saved.id
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    # The long article took id 1; synthetic ids start after it.
    offset = long_id
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO feeds (id, url, title, site_url, added) VALUES (?,?,?,?,?)",
        [
            (
                offset + f,
                f"https://news{f}.example.org/feed.xml",
                f"Example News {f:02d}",
                f"https://news{f}.example.org/",
                BASE_TIME - SPAN,
            )
            for f in range(1, FEEDS + 1)
        ],
    )
    conn.execute("COMMIT")
    tasks = [(seed, start, min(start + CHUNK, n), n, words) for start in range(0, n, CHUNK)]
    for (_, _, stop, _, _), rows in zip(tasks, _generate(tasks, seed), strict=True):
        conn.execute("BEGIN")
        conn.executemany(
            _INSERT_ARTICLE,
            ((r[0] + offset, r[1] + offset, *r[2:]) for r, _ in rows),
        )
        conn.executemany(_INSERT_FTS, ((f[0] + offset, *f[1:]) for _, f in rows))
        conn.execute("COMMIT")
        if progress:
            rate = stop / (time.perf_counter() - started)
            print(f"\r  synth: {stop:,}/{n:,} articles ({rate:,.0f}/s)", end="", flush=True)
    if progress:
        print()
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    names = TextBank(seed, sentences=1).names
    bank_rare = names[(n // 2 * 7919) % len(names)]
    return SynthInfo(
        path=str(path),
        articles=n + 1,
        feeds=FEEDS + 1,
        long_article_id=long_id,
        rare_word=bank_rare,
        common_word="climate",
        seconds=round(time.perf_counter() - started, 2),
        bytes=path.stat().st_size,
        words=words,
    )


def cache_path(n: int) -> Path:
    return CACHE_DIR / f"store-{n}-v{GENERATOR_VERSION}.db"


def ensure(n: int, *, progress: bool = True) -> SynthInfo:
    """The cached synthetic store of ``n`` articles, built if missing."""
    path = cache_path(n)
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists():
        data = json.loads(meta.read_text())
        data["words"] = tuple(data["words"])
        with open_store(path, create=False):  # migrate a cached store to today's schema
            pass
        for backup in CACHE_DIR.glob(f"{path.name}.v*.bak"):  # the migration's backup copy
            backup.unlink()
        return SynthInfo(**data)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    info = build(n, partial, progress=progress)
    os.replace(partial, path)
    info = SynthInfo(**{**asdict(info), "path": str(path)})
    meta.write_text(json.dumps(asdict(info), indent=2))
    return info


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__)
    parser.add_argument("n", type=int, nargs="?", default=100_000)
    parser.add_argument("--out", type=Path, help="build here instead of the cache")
    args = parser.parse_args()
    info = build(args.n, args.out) if args.out else ensure(args.n)
    print(json.dumps(asdict(info), indent=2))


if __name__ == "__main__":
    main()
