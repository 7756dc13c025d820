"""The pieces of a refresh, one at a time: ``python -m bench.refresh_parts [--feeds N]``.

On the refresh bench's feeds (:func:`bench.refresh_feeds.feed_body`, no server),
one thread, CPU time:

* ``parse_feed`` per 50-entry feed: bytes to ``FeedData``, the parse stage alone;
* ``parse_store_job`` per 50-entry feed (what a parse worker runs);
* packing the deferred bodies with zlib level 1 and with zstd level 1
  (the store's ``codec.pack``), and unpacking them;
* ``html_text_parts`` per article (the index text, extracted while catching up);
* ``read_feed`` with blocks built plus ``encode_article``: what a worker did before;
* FTS5 inserts of that text into a file database in batches of 1,000, with the
  store's settings and with the alternatives weighed (``FTS_VARIANTS``).

Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path

from bench.refresh_feeds import feed_body
from newsreader.formats.registry import parse_feed
from newsreader.ingest import read_feed
from newsreader.services.refresh import parse_store_job
from newsreader.store.codec import encode_article, pack, unpack
from newsreader.store.schema import SCHEMA_V1

HEADERS = {"content-type": "application/xml; charset=utf-8"}


def _cpu(func, repeat: int = 3) -> float:
    """Median CPU seconds of ``func()`` over ``repeat`` runs (after one warm-up)."""
    func()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return statistics.median(times)


FTS_VARIANTS = {  # label: (change to the store's table definition, a setting after it)
    "store settings": ("", ""),
    "automerge=8": ("", "('automerge', 8)"),
    "no porter": ("tokenize = 'unicode61 remove_diacritics 2'", ""),
    "detail=column": ("detail = 'column', tokenize = 'porter unicode61 remove_diacritics 2'", ""),
}


def _fts_schema(tokenize: str) -> str:
    start = SCHEMA_V1.index("CREATE VIRTUAL TABLE articles_fts")
    table = SCHEMA_V1[start : SCHEMA_V1.index(";", start) + 1]
    if tokenize:
        table = table.replace("tokenize = 'porter unicode61 remove_diacritics 2'", tokenize)
    return table


def _fts_insert(rows: list[tuple], table: str, setting: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "fts.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(_fts_schema(table))
        if setting:
            conn.execute(f"INSERT INTO articles_fts (articles_fts, rank) VALUES {setting}")
        start = time.process_time()
        for i in range(0, len(rows), 1000):
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT INTO articles_fts (rowid, title, dek, body, captions) VALUES (?,?,?,?,?)",
                rows[i : i + 1000],
            )
            conn.execute("COMMIT")
        spent = time.process_time() - start
        conn.close()
    return spent


def _built(body: bytes, url: str) -> list:
    """What a parse worker did before bodies were deferred: blocks and their stored form."""
    return [encode_article(a) for a in read_feed(body, url, HEADERS).articles]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.refresh_parts", description=__doc__)
    parser.add_argument("--feeds", type=int, default=40, metavar="N")
    parser.add_argument("--fts-articles", type=int, default=20_000, metavar="N")
    args = parser.parse_args(argv)
    bodies = [feed_body(i) for i in range(args.feeds)]
    n = len(bodies)
    url = "https://bench.example.test/feed.xml"

    spent = _cpu(lambda: [parse_feed(b, url=url, headers=HEADERS) for b in bodies])
    print(f"parse_feed (FeedData):  {spent / n * 1000:6.2f} ms a feed (the parse stage alone)")
    spent = _cpu(lambda: [parse_store_job(b, url, HEADERS) for b in bodies])
    print(f"parse_store_job:        {spent / n * 1000:6.2f} ms a feed (CPU, one thread)")
    spent = _cpu(lambda: [_built(b, url) for b in bodies])
    print(f"  with blocks built:    {spent / n * 1000:6.2f} ms a feed (the worker before)")

    parsed = [read_feed(b, url, HEADERS, defer=True) for b in bodies]
    deferred = [d for p in parsed for d in p.deferred if d is not None]
    payloads = [json.dumps(d.to_dict()) for d in deferred]
    per_feed = len(payloads) / n
    for name, packer in (
        ("zlib level 1", lambda t: zlib.compress(t.encode("utf-8"), 1)),
        ("zstd level 1", pack),
    ):
        blobs = [packer(t) for t in payloads]
        spent = _cpu(lambda packer=packer: [packer(t) for t in payloads])
        unpacked = _cpu(lambda blobs=blobs: [unpack(b) for b in blobs])
        print(
            f"pack, {name}:     {spent / len(payloads) * per_feed * 1000:6.2f} ms a feed, "
            f"{sum(map(len, blobs)) // len(blobs):,} bytes an article; unpack "
            f"{unpacked / len(blobs) * 1e6:.0f} µs an article"
        )

    texts = [d.text() for d in deferred]
    spent = _cpu(lambda: [d.text() for d in deferred])
    print(f"html_text_parts:        {spent / len(deferred) * 1000:6.3f} ms an article")

    articles = [a for p in parsed for a in p.articles]
    columns = [(a.title, a.dek, *t) for a, t in zip(articles, texts, strict=True)]
    rows = [(i + 1, *columns[i % len(columns)]) for i in range(args.fts_articles)]
    for label, (table, setting) in FTS_VARIANTS.items():
        spent = statistics.median(_fts_insert(rows, table, setting) for _ in range(2))
        print(f"FTS5 insert, {label:14s} {spent / len(rows) * 1000:6.3f} ms an article")


if __name__ == "__main__":
    main(sys.argv[1:])
