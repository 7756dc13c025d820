"""``python -m bench.corpus_bench``: main-content extraction scored on the real-page corpus.

Unpacks ``pages-eval.tar.xz`` (default ``../shared/corpora/pages-eval.tar.xz`` from the
repository root) into ``bench/.cache/``, extracts every page with
:func:`newsreader.extract.page.parse_html_page` and, when they are installed
(``pip install -e ".[corpus]"``), with trafilatura and readability-lxml beside it, writes
each page's text to ``bench/.cache/corpus-out/<extractor>/``, scores every extractor with
the corpus's own ``score_pages.py`` and prints a Markdown table: precision, recall, F1,
median wall and CPU ms per page, total seconds, and the pages whose text came out empty.

Text of one of our articles = title + dek + every block's text, figure captions and
credits included (what a reader sees): that is our row. A second row, labelled, scores
the same run's body text without the sidebar blocks (captions, credits, video cards),
which the corpus counts as furniture but the reader keeps on purpose, in its sidebar.
Not part of ``make test``: it needs the corpus.

    python -m bench.corpus_bench [TARBALL] [--only ours] [--worst 10] [--limit N]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TARBALL = ROOT / ".." / "shared" / "corpora" / "pages-eval.tar.xz"
CACHE = ROOT / "bench" / ".cache"
# Our second output: the body without sidebar blocks (figure captions, credits, video cards).
BODY_SUFFIX = "-body"
BODY_LABEL = "(same run, body text only: without captions, credits and video cards)"


def unpack(tarball: Path) -> Path:
    """The unpacked ``pages-eval`` folder, unpacked once per tarball (by size and mtime)."""
    stat = tarball.stat()
    target = CACHE / f"pages-eval-{stat.st_size}-{int(stat.st_mtime)}"
    corpus = target / "pages-eval"
    if not (corpus / "expectations.json").exists():
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as tar:
            tar.extractall(target, filter="data")
    return corpus


def load_scorer(tarball: Path):
    script = tarball.with_name("score_pages.py")
    spec = importlib.util.spec_from_file_location("score_pages", script)
    if spec is None or spec.loader is None:
        raise SystemExit(f"corpus_bench: no scorer at {script}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article_text(article, sidebar: bool = True) -> str:
    """Title, dek and every block's text; ``sidebar=False`` leaves out figures and videos."""
    from newsreader.model import Figure, ListBlock, Video

    parts = [article.title, article.dek]
    for block in article.blocks:
        if not sidebar and isinstance(block, Figure | Video):
            continue
        if isinstance(block, Figure):
            parts += [block.caption, block.credit]
        elif isinstance(block, ListBlock):
            parts += list(block.items)
        elif isinstance(block, Video):
            parts += [block.title, block.description]
        else:
            parts.append(block.plain)  # text, or a code block's lines
    return "\n".join(p for p in parts if p)


def ours() -> Callable[[bytes, str], tuple[str, str]]:
    """Our text, and beside it the same without the sidebar blocks (a second, labelled row)."""
    from newsreader.extract.page import parse_html_page

    def run(data: bytes, url: str) -> tuple[str, str]:
        article = parse_html_page(data, url=url)
        return article_text(article), article_text(article, sidebar=False)

    return run


def trafilatura_run() -> Callable[[bytes, str], str] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(data: bytes, url: str) -> str:
        return trafilatura.extract(data, url=url) or ""

    return run


def readability_run() -> Callable[[bytes, str], str] | None:
    try:
        from lxml import html as lxml_html
        from readability import Document
    except ImportError:
        return None

    def run(data: bytes, url: str) -> str:
        try:
            summary = Document(data, url=url).summary()
        except Exception:
            return ""
        return lxml_html.fromstring(summary).text_content() if summary.strip() else ""

    return run


EXTRACTORS: dict[str, tuple[str, Callable[[], Callable[[bytes, str], Any] | None]]] = {
    "ours": ("newsreader `extract.page.parse_html_page`", ours),
    "trafilatura": ("trafilatura `extract()` defaults", trafilatura_run),
    "readability": ("readability-lxml `Document().summary()` text", readability_run),
}


def run_one(name: str, run, corpus: Path, expectations: dict, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    times: list[float] = []
    cpu: list[float] = []
    empty: list[str] = []
    for page, exp in expectations.items():
        data = (corpus / "pages" / page).read_bytes()
        start, start_cpu = time.perf_counter(), time.process_time()
        body = None
        try:
            text = run(data, exp.get("url", ""))
        except Exception as exc:  # an extractor that raises scores as empty
            print(f"  {name}: {page}: {type(exc).__name__}: {exc}", file=sys.stderr)
            text = ""
        if isinstance(text, tuple):  # (full text, body text without sidebar blocks)
            text, body = text
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        if len(text.strip()) < 10 and exp["with"]:
            empty.append(page)
        (out / (page + ".txt")).write_text(text, encoding="utf-8")
        if body is not None:
            body_out = out.with_name(out.name + BODY_SUFFIX)
            body_out.mkdir(parents=True, exist_ok=True)
            (body_out / (page + ".txt")).write_text(body, encoding="utf-8")
    return {
        "median_ms": statistics.median(times),
        "median_cpu_ms": statistics.median(cpu),
        "total_s": sum(times) / 1000,
        "empty": empty,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tarball", nargs="?", type=Path, default=DEFAULT_TARBALL)
    ap.add_argument("--only", action="append", choices=sorted(EXTRACTORS), default=None)
    ap.add_argument("--worst", type=int, default=10, help="list our N worst pages")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = ap.parse_args(argv)
    tarball = args.tarball.resolve()
    if not tarball.exists():
        print(f"corpus_bench: no corpus at {tarball}", file=sys.stderr)
        return 2
    import json

    corpus = unpack(tarball)
    scorer = load_scorer(tarball)
    expectations = json.loads((corpus / "expectations.json").read_text(encoding="utf-8"))
    if args.limit:
        expectations = dict(sorted(expectations.items())[: args.limit])
    rows = []
    for name in args.only or list(EXTRACTORS):
        label, make = EXTRACTORS[name]
        run = make()
        if run is None:
            print(f"({name}: not installed; pip install -e '.[corpus]')", file=sys.stderr)
            continue
        out = CACHE / "corpus-out" / name
        timing = run_one(name, run, corpus, expectations, out)
        scored = corpus
        if args.limit:
            scored = CACHE / "corpus-sub"
            scored.mkdir(parents=True, exist_ok=True)
            (scored / "expectations.json").write_text(json.dumps(expectations), encoding="utf-8")
        result = scorer.score(scored, out, args.worst)
        rows.append((name, label, result, timing))
        body_out = out.with_name(out.name + BODY_SUFFIX)
        if name == "ours" and body_out.exists():
            rows.append((name + BODY_SUFFIX, BODY_LABEL, scorer.score(scored, body_out, 0), None))
        if name == "ours":
            print(f"our worst {args.worst} pages (texts in {out}):")
            for row in result["worst"]:
                print(
                    f"  {row['missed']} missed, {row['furniture']} furniture, "
                    f"{row['chars']} chars  {row['page']}"
                )
            if timing["empty"]:
                print(f"  empty bodies: {', '.join(timing['empty'][:20])}")
    print(f"\n{len(expectations)} pages from {tarball}\n")
    print(
        "| extractor | precision | recall | F1 | median ms/page | median CPU ms | total s"
        " | empty bodies |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for _name, label, result, timing in rows:
        times = (
            f"{timing['median_ms']:.1f} | {timing['median_cpu_ms']:.1f} | {timing['total_s']:.1f}"
            f" | {len(timing['empty'])}"
            if timing
            else "″ | ″ | ″ | ″"
        )
        print(
            f"| {label} | {result['precision']:.3f} | {result['recall']:.3f} | "
            f"{result['f1']:.3f} | {times} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
