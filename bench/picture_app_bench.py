"""The reader with 20 pictures, in the app (headless ``run_test``): open, page through, memory.

Usage: ``python -m bench.picture_app_bench --mode kitty|halfblock|off [--presses 40]``. One
mode per process, so the peak RSS printed is that mode's. The article has 5,000 words
and 20 figures whose pictures (20 distinct 1200 × 800 JPEGs, scaled) are already in a
temporary picture cache; nothing touches the network. Per keypress: the CPU of
``space`` / ``pageup`` in the reader, less the CPU of an unbound key (pilot's own cost),
against the 16 ms list-move budget. Headless, the kitty escapes are made (encoded and
taken from the renderer) but not written to a terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bench.image_bench import photo
from bench.layout_bench import make_article
from newsreader.config import Config
from newsreader.images import PictureCache, decode
from newsreader.images.decode import to_png
from newsreader.model import Figure
from newsreader.services.pictures import Pictures
from newsreader.services.stores import open_store
from newsreader.ui.app import NewsApp

BUDGET_MS = 16.0


def prepare(folder: Path, count: int) -> Path:
    """A store with one article of ``count`` figures, their pictures in ``folder/cache``."""
    article = make_article(5000, count)
    figures = iter(range(count))
    blocks = tuple(
        dataclasses.replace(b, src=f"https://pictures.test/{next(figures)}.jpg")
        if isinstance(b, Figure)
        else b
        for b in article.blocks
    )
    article = dataclasses.replace(
        article, blocks=blocks, url="https://pictures.test/story", title="Twenty pictures"
    )
    cache = PictureCache(folder / "cache")
    for i in range(count):
        cache.put(f"https://pictures.test/{i}.jpg", to_png(decode(photo(i))))
    db = folder / "bench.db"
    store = open_store(db)
    store.save_articles(store.source_id("Pictures"), [article])
    store.close()
    return db


async def session(db: Path, cache: Path, mode: str, presses: int) -> dict[str, list[float]]:
    config = Config(images=mode)

    class App(NewsApp):
        @property
        def pictures(self) -> Pictures | None:
            if self._pictures is None:
                env = {"TERM": "xterm-kitty"}
                self._pictures = Pictures(config, cache_root=cache, env=env, truecolor=True)
            return self._pictures

    app = App(db, config, import_samples=False)
    cpu: dict[str, list[float]] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()

        async def press(key: str) -> None:
            start = time.process_time()
            await pilot.press(key)
            await pilot.pause()
            cpu.setdefault(key, []).append((time.process_time() - start) * 1000)

        await press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        service = app._pictures
        assert service is not None and service.mode == mode
        cpu["shown"] = [float(len(service._memory))]
        for _ in range(30):
            await press("z")
        for _ in range(presses // 2):
            await press("space")
        for _ in range(presses // 2):
            await press("pageup")
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("kitty", "halfblock", "off"), default="kitty")
    parser.add_argument("--pictures", type=int, default=20)
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = prepare(Path(folder), args.pictures)
        cpu = asyncio.run(session(db, Path(folder) / "cache", args.mode, args.presses))
    base = statistics.median(cpu["z"])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mode {args.mode}: {int(cpu['shown'][0])} pictures loaded; CPU ms per keypress")
    print("| key | median | p90 | max | net median (− unbound key) | budget |")
    print("|---|---:|---:|---:|---:|---:|")
    for key in ("z", "enter", "space", "pageup"):
        values = cpu[key]
        p90 = statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]
        net = statistics.median(values) - base
        print(
            f"| {key} | {statistics.median(values):.1f} | {p90:.1f} | {max(values):.1f}"
            f" | {net:.1f} | {BUDGET_MS:.0f} |"
        )
    print(f"process peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
