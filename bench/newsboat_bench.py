"""newsboat's start-up (``newsboat -x print-unread``) on a cache of the same articles.

newsboat itself creates the cache file (its schema, its ``metadata`` row and the
``sqlite_stat1`` it writes while the cache is empty); we then fill ``rss_feed`` and
``rss_item`` from the synthetic store, with each article's blocks rendered as the
HTML a feed would carry. Timed twice: as newsboat left it, and after ``ANALYZE``.
"""

from __future__ import annotations

import html
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import Result
from bench.synth import CACHE_DIR, GENERATOR_VERSION, SynthInfo
from newsreader.model import Figure, Heading, ListBlock, Paragraph, Quote
from newsreader.store.codec import decode_blocks

NEWSBOAT = shutil.which("newsboat")
NEWSBOAT_CACHE_VERSION = 1


def to_html(blob: bytes) -> str:
    """The article body as the HTML its feed might have carried."""
    out = []
    for block in decode_blocks(blob):
        if isinstance(block, Paragraph):
            out.append(f"<p>{html.escape(block.text)}</p>")
        elif isinstance(block, Heading):
            out.append(f"<h2>{html.escape(block.text)}</h2>")
        elif isinstance(block, Quote):
            out.append(f"<blockquote>{html.escape(block.text)}</blockquote>")
        elif isinstance(block, ListBlock):
            out.append(
                "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in block.items) + "</ul>"
            )
        elif isinstance(block, Figure):
            out.append(
                f'<figure><img src="{html.escape(block.src)}" alt="{html.escape(block.alt)}">'
                f"<figcaption>{html.escape(block.caption)} <span>{html.escape(block.credit)}"
                "</span></figcaption></figure>"
            )
    return "\n".join(out)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _newsboat(home: Path, cache: Path, timeout: float) -> float:
    argv = [
        NEWSBOAT,
        "-x",
        "print-unread",
        "-u",
        str(home / "urls"),
        "-c",
        str(cache),
        "-C",
        str(home / "config"),
    ]
    start = time.perf_counter()
    subprocess.run(
        argv,
        env={**os.environ, "HOME": str(home)},
        check=True,
        timeout=timeout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # type: ignore[list-item]
    return time.perf_counter() - start


def _write_home(home: Path, feeds: list[str]) -> None:
    (home / "urls").write_text("".join(f"{url}\n" for url in feeds))
    (home / "config").write_text("")


def build_cache(info: SynthInfo) -> tuple[Path, list[str]]:
    """The newsboat cache for ``info`` (cached beside the synthetic store)."""
    target = (
        CACHE_DIR / f"newsboat-{info.articles - 1}-v{GENERATOR_VERSION}.{NEWSBOAT_CACHE_VERSION}.db"
    )
    src = sqlite3.connect(f"file:{info.path}?mode=ro", uri=True)
    feeds = src.execute(
        "SELECT id, url, site_url, title FROM feeds WHERE url IS NOT NULL ORDER BY id"
    ).fetchall()
    urls = [f[1] for f in feeds]
    if target.exists():
        return target, urls
    started = time.perf_counter()
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        _write_home(home, urls)
        _newsboat(home, partial, 60)  # newsboat creates its schema
    dst = sqlite3.connect(partial, isolation_level=None)
    dst.execute("PRAGMA synchronous = OFF")
    dst.execute("BEGIN")
    dst.executemany(
        "INSERT OR REPLACE INTO rss_feed (rssurl, url, title) VALUES (?,?,?)",
        [(f[1], f[2], f[3]) for f in feeds],
    )
    rows = src.execute(
        "SELECT a.guid, a.title, a.author, a.url, f.url, a.sort_key, a.blocks, a.read "
        "FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.url IS NOT NULL ORDER BY a.id"
    )
    batch = []
    for guid, title, author, url, feed_url, ts, blob, read in rows:
        batch.append((guid, title, author, url, feed_url, ts, to_html(blob), 0 if read else 1))
        if len(batch) >= 5000:
            dst.executemany(
                "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, "
                "unread) VALUES (?,?,?,?,?,?,?,?)",
                batch,
            )
            batch.clear()
    if batch:
        dst.executemany(
            "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread) "
            "VALUES (?,?,?,?,?,?,?,?)",
            batch,
        )
    dst.execute("COMMIT")
    dst.close()
    src.close()
    os.replace(partial, target)
    print(f"  newsboat cache built in {time.perf_counter() - started:.1f} s: {target}")
    return target, urls


def newsboat(info: SynthInfo, runs: int = 3, timeout: float = 900) -> list[Result]:
    """``newsboat -x print-unread`` wall time, as newsboat created the cache and after ANALYZE."""
    what = "`newsboat -x print-unread` (wall)"
    if NEWSBOAT is None:
        return [
            Result(
                "newsboat",
                what,
                info.articles,
                None,
                note="skipped: newsboat is not installed (apt-get install newsboat)",
            )
        ]
    cache, urls = build_cache(info)
    results = []
    cmd = f"python -m bench --newsboat --sizes {info.articles - 1}"
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        _write_home(home, urls)
        work = home / "cache.db"
        for label, analyze, n in (
            ("cache as newsboat made it", False, 1),
            ("after ANALYZE", True, runs),
        ):
            shutil.copyfile(cache, work)
            if analyze:
                conn = sqlite3.connect(work)
                conn.execute("ANALYZE")
                conn.close()
            samples, cpu = [], []
            try:
                for _ in range(n):
                    before = _children_cpu()
                    samples.append(_newsboat(home, work, timeout) * 1000)
                    cpu.append((_children_cpu() - before) * 1000)
            except subprocess.TimeoutExpired:
                results.append(
                    Result(
                        "newsboat",
                        f"{what}, {label}",
                        info.articles,
                        None,
                        note=f"timed out after {timeout:.0f} s",
                        command=cmd,
                    )
                )
                continue
            results.append(
                Result(
                    "newsboat",
                    f"{what}, {label}",
                    info.articles,
                    statistics.median(samples),
                    runs=n,
                    spread=(min(samples), max(samples)),
                    cpu=statistics.median(cpu),
                    command=cmd,
                    note=f"{len(urls)} feeds",
                )
            )
    return results
