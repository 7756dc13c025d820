"""In-process benchmarks of the store and the layout: list pages, open+layout, search."""

from __future__ import annotations

import resource
import statistics
import subprocess
import time

from bench.common import NEWSREADER, TARGETS_MS, Result, median_ms
from bench.synth import SynthInfo
from newsreader.services.reading import get_article
from newsreader.services.stores import open_store
from newsreader.store import ListQuery

PAGE = 100  # the app's page size (newsreader/ui/widgets/pages.py)
QUERIES = {
    "All": ListQuery(),
    "Unread": ListQuery(unread=True),
    "Bookmarked": ListQuery(bookmarked=True),
    "one feed": ListQuery(feed_id=2),
}


def list_moves(info: SynthInfo, runs: int = 50) -> list[Result]:
    """``list_articles`` page fetches: the next page from a cursor deep in the list, the last
    page (``oldest_first``), and ``count`` — for each view."""
    results = []
    with open_store(info.path, create=False) as store:
        for name, query in QUERIES.items():
            total = store.count(query)
            # A cursor about half-way down the list, found by walking pages (untimed).
            after = None
            for _ in range(min(total // PAGE // 2, 50)):
                page = store.list_articles(query, PAGE, after)
                after = page[-1].cursor if page else after

            def next_page(q=query, a=after):
                return store.list_articles(q, PAGE, a)

            def last_page(q=query):
                return store.list_articles(q, PAGE, oldest_first=True)

            def count(q=query):
                return store.count(q)

            for what, fn, target in (
                (f"{name}: next page (one-row move across a page)", next_page, "list move"),
                (f"{name}: last page (jump to end, oldest_first)", last_page, "list move"),
                (f"{name}: count()", count, None),
            ):
                med, lo, hi, cpu = median_ms(fn, runs)
                results.append(
                    Result(
                        "list",
                        what,
                        info.articles,
                        med,
                        runs=runs,
                        target=TARGETS_MS[target] if target else None,
                        spread=(lo, hi),
                        cpu=cpu,
                        command=f"python -m bench --list --sizes {info.articles - 1}",
                    )
                )
        med, lo, hi, cpu = median_ms(store.counts, runs)
        results.append(
            Result(
                "list",
                "counts() (all views + per feed)",
                info.articles,
                med,
                runs=runs,
                spread=(lo, hi),
                cpu=cpu,
            )
        )
    return results


def open_layout(info: SynthInfo, runs: int = 30, width: int = 120) -> list[Result]:
    """``get_article`` of the 5,000-word, 20-figure article plus ``layout.render`` at 120."""
    from newsreader import layout

    results = []
    with open_store(info.path, create=False) as store:
        article = get_article(store, info.long_article_id)
        assert article is not None

        def load():
            return get_article(store, info.long_article_id)

        def render():
            return layout.render(article, width)

        def both():
            return layout.render(get_article(store, info.long_article_id), width)  # type: ignore[arg-type]

        cmd = f"python -m bench --open --sizes {info.articles - 1}"
        for what, fn, target in (
            ("get_article (long read)", load, None),
            (f"layout.render at {width} cols", render, None),
            ("open + layout", both, TARGETS_MS["open+layout"]),
        ):
            med, lo, hi, cpu = median_ms(fn, runs)
            results.append(
                Result(
                    "open",
                    what,
                    info.articles,
                    med,
                    runs=runs,
                    target=target,
                    spread=(lo, hi),
                    cpu=cpu,
                    command=cmd,
                )
            )
    return results


def search_queries(info: SynthInfo) -> list[tuple[str, str, bool]]:
    """(label, query, raw) pairs: common word, rare word, two words, prefix."""
    return [
        ("common word", info.common_word, True),
        ("rare word", info.rare_word, True),
        ("two words", "climate council", True),
        ("phrase", '"the city"', True),
        ("prefix", "clim*", True),
        ("typed: common word", info.common_word, False),
        ("typed: two words", "harbour bridge", False),
        ("typed: prefix", "festiv", False),
        ("typed: one letter", "c", False),
        ("typed: stop word", "the", False),
        ("typed: word + prefix", "the harb", False),
    ]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def search(info: SynthInfo, runs: int = 20, cli_runs: int = 5) -> list[Result]:
    """``store.search(q, 50)`` (raw FTS5 and typed), and the ``newsreader search`` CLI."""
    results = []
    cmd = f"python -m bench --search --sizes {info.articles - 1}"
    with open_store(info.path, create=False) as store:
        for label, query, raw in search_queries(info):
            hits = len(store.search(query, 50, raw=raw))

            def run(q=query, r=raw):
                return store.search(q, 50, raw=r)

            med, lo, hi, cpu = median_ms(run, runs)
            call = f"search({query!r}, 50{'' if raw else ', raw=False'})"
            results.append(
                Result(
                    "search",
                    f"{label}: {call}",
                    info.articles,
                    med,
                    runs=runs,
                    target=TARGETS_MS["search"],
                    spread=(lo, hi),
                    cpu=cpu,
                    command=cmd,
                    note=f"{hits} hits",
                )
            )
        for query in (info.common_word, "harbour bridge"):  # what the app's search runs

            def app_search(q=query):
                return store.search(q, 500, raw=False)

            med, lo, hi, cpu = median_ms(app_search, runs)
            results.append(
                Result(
                    "search",
                    f"app's query: search({query!r}, 500, raw=False)",
                    info.articles,
                    med,
                    runs=runs,
                    target=TARGETS_MS["search"],
                    spread=(lo, hi),
                    cpu=cpu,
                    command=cmd,
                )
            )
    for query in (info.common_word, info.rare_word):
        argv = [str(NEWSREADER), "--db", info.path, "search", query]
        samples, cpu = [], []
        for _ in range(cli_runs + 1):
            before = _children_cpu()
            start = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((_children_cpu() - before) * 1000)
        samples, cpu = samples[1:], cpu[1:]
        results.append(
            Result(
                "search",
                f"CLI `newsreader search {query}` (wall, whole process)",
                info.articles,
                statistics.median(samples),
                runs=cli_runs,
                spread=(min(samples), max(samples)),
                cpu=statistics.median(cpu),
                command=f"newsreader --db STORE search {query}",
            )
        )
    return results
