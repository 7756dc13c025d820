"""Time :func:`newsreader.layout.render` on a 5,000-word article with 20 figures.

Usage: ``python bench/layout_bench.py [--width 120] [--runs 30]``. Prints the median
and best wall time and the median CPU time (steadier on a busy machine) in ms. The
issue 5 target is a median of at most 30 ms at 120 columns.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, datetime

from newsreader.layout import render
from newsreader.model import Article, Figure, Heading, Paragraph, Quote, Video

WORDS = [
    "harbour",
    "council",
    "wall",
    "engineers",
    "metre",
    "storm",
    "tide",
    "quay",
    "residents",
    "plan",
    "budget",
    "vote",
    "winter",
    "flood",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "that",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "but",
    "not",
]


def make_article(words: int = 5000, figures: int = 20, seed: int = 1) -> Article:
    """A synthetic article: ~``words`` words in paragraphs, ``figures`` captioned figures."""
    rng = random.Random(seed)
    blocks: list = []
    paragraphs = words // 60
    every = max(1, paragraphs // figures)
    for i in range(paragraphs):
        if i % every == 0 and sum(isinstance(b, Figure) for b in blocks) < figures:
            caption = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30)))
            blocks.append(
                Figure(src="https://example.org/x.jpg", caption=caption, credit="Photo: A. B")
            )
        if i % 15 == 7:
            blocks.append(Heading(" ".join(rng.choice(WORDS) for _ in range(5))))
        if i % 20 == 11:
            blocks.append(Quote(" ".join(rng.choice(WORDS) for _ in range(30))))
        if i % 40 == 30:
            blocks.append(
                Video(title="Watch the tide come in", description="Two minutes on the quay.")
            )
        blocks.append(Paragraph(" ".join(rng.choice(WORDS) for _ in range(60))))
    return Article(
        title="A long article for timing the layout",
        dek="Five thousand words and twenty figures.",
        author="Bench",
        published=datetime(2026, 11, 25, 14, 3, tzinfo=UTC),
        section="Bench",
        feed="Bench feed",
        blocks=tuple(blocks),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    article = make_article()
    words = len(article.body_text.split())
    render(article, args.width)  # warm-up (imports, caches)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        lines = render(article, args.width)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    print(
        f"{words} words, {sum(isinstance(b, Figure) for b in article.blocks)} figures, "
        f"width {args.width}: {len(lines)} lines; median {statistics.median(wall):.1f} ms "
        f"(best {min(wall):.1f} ms, median CPU {statistics.median(cpu):.1f} ms) "
        f"over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
