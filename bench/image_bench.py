"""Pictures: decoding, half-block cells at sidebar width, layout with pictures, memory.

Usage: ``python -m bench.image_bench [--pictures 20] [--runs 15]``. Prints medians in ms
(wall and CPU). What a frame costs is the *cells* row (20 pictures turned into half-block
segments, or kitty Unicode placeholders plus the PNG sent for each, at 36 × 12 cells,
done once per picture and size, then cached) plus the *strips* row (48 screen rows with
a picture laid over each); decoding happens in a worker, off the frame. Sixel adds, on
the frames that move a picture, the *sixel* rows (three pictures encoded once per size,
then written again from the cache). The target for
a frame is 16 ms. It also prints the bytes a frame of picture rows writes to the
terminal in each mode, and what the kitty images take to send.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable

from PIL import Image
from rich.segment import Segment
from rich.text import Text

from bench.layout_bench import make_article
from newsreader.images import PictureCache, decode, halfblock
from newsreader.images.decode import to_png
from newsreader.images.renderers import KittyPlaceholders
from newsreader.layout import SIDEBAR_MAX, picture_box, render, render_pictures
from newsreader.model import Figure


def photo(seed: int, size: tuple[int, int] = (1200, 800)) -> bytes:
    """A JPEG like a news photo: noise over gradients, so it compresses like one."""
    rng = random.Random(seed)
    small = Image.new("RGB", (60, 40))
    small.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256))] * 2400)
    for x in range(60):
        for y in range(40):
            small.putpixel((x, y), ((x * 4 + seed * 17) % 256, y * 6, rng.randrange(256)))
    out = io.BytesIO()
    small.resize(size, Image.Resampling.BICUBIC).save(out, format="JPEG", quality=85)
    return out.getvalue()


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """(median wall ms, best wall ms, median CPU ms) over ``runs``."""
    walls, cpus = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - w) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=20)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--width", type=int, default=160)
    args = parser.parse_args()
    n, runs = args.pictures, args.runs
    sources = [photo(i) for i in range(n)]
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    rows: list[tuple[str, tuple[float, float, float]]] = []
    rows.append(
        (
            f"decode {n} JPEG 1200×800 → thumbnails (worker)",
            timed(lambda: [decode(data) for data in sources], max(3, runs // 3)),
        )
    )
    images = [decode(data) for data in sources]
    cols, high = picture_box(images[0].size, SIDEBAR_MAX, 12)
    rows.append(
        (
            f"half-block cells, {n} pictures at {cols}×{high} cells (once per size)",
            timed(lambda: [halfblock(im, cols, high) for im in images], runs),
        )
    )

    def kitty_cells() -> str:
        renderer = KittyPlaceholders()
        for im in images:
            renderer.cells(im, cols, high)
        return renderer.take_output()

    rows.append(
        (
            f"kitty placeholder cells + PNG sent, {n} pictures at {cols}×{high} (once per size)",
            timed(kitty_cells, runs),
        )
    )
    sent = kitty_cells()

    # Sixel: three pictures on a screen, cells of 10 × 20 px, as a sidebar shows them.
    from newsreader.config import Config
    from newsreader.images.renderers import SixelOverHalfBlock
    from newsreader.services.pictures import Picture, Pictures

    three = images[:3]

    def sixel_encode() -> int:
        renderer = SixelOverHalfBlock()
        width, height = cols * 10, high * 20 // 6 * 6
        return sum(len(renderer.sixel(str(i), im, width, height)) for i, im in enumerate(three))

    rows.append(
        (
            f"sixel: encode 3 pictures at {cols}×{high} cells of 10×20 px (once per size)",
            timed(sixel_encode, runs),
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        service = Pictures(Config(images="sixel"), cache_root=folder, env={"TERM": "foot"})
        shown_pictures = {
            str(i): Picture(str(i), im, service.renderer) for i, im in enumerate(three)
        }
        spots = [(str(i), 1 + i * (high + 2), 0, cols, high) for i in range(3)]
        shown = [(shown_pictures, spots, 0, (80, 1), (80, 1, cols, 47), lambda rect: True)]

        def sixel_frame() -> str:
            escapes, _repaint = service.after_frame(shown, None, (10, 20))
            return escapes

        def sixel_first_frame() -> str:
            service.renderer.release()
            return sixel_frame()

        rows.append(
            (
                "sixel: first frame showing those 3 (1 encoded, placed, checked; 1 more a frame)",
                timed(sixel_first_frame, runs),
            )
        )
        rows.append(
            (
                "sixel: a frame that repainted them (scroll): 3 drawn again, cached",
                timed(sixel_frame, runs),
            )
        )
        sixel_bytes = len(sixel_frame().encode())

    cells = halfblock(images[0], cols, high)
    placeholders = KittyPlaceholders().cells(images[0], cols, high)
    from rich.color import ColorSystem
    from textual.strip import Strip

    line = Text("Words of the body text go on for a while " * 2)
    base = Strip(list(line.render(__import__("rich").get_console())), args.width)

    def screen(picture_rows: list[list[Segment]]) -> list[Strip]:
        out = []
        for y in range(48):
            row = picture_rows[y % high]
            x = 80
            picture = Strip(row, cols)
            out.append(Strip.join([base.crop(0, x), picture, base.crop(x + cols, args.width)]))
        return out

    rows.append(
        (
            "48 screen rows with a half-block picture laid over each (per frame)",
            timed(lambda: screen(cells), runs),
        )
    )
    rows.append(
        (
            "48 screen rows with a kitty placeholder picture laid over each (per frame)",
            timed(lambda: screen(placeholders), runs),
        )
    )

    def frame_bytes(strips: list[Strip]) -> int:
        """What the rows write to a truecolor terminal (SGR + text, UTF-8)."""
        return sum(
            len(
                (
                    segment.style.render(segment.text, color_system=ColorSystem.TRUECOLOR)
                    if segment.style
                    else segment.text
                ).encode()
            )
            for strip in strips
            for segment in strip
        )

    written = {
        "half-block": frame_bytes(screen(cells)),
        "kitty": frame_bytes(screen(placeholders)),
    }

    article = make_article(5000, n)
    figures = iter(range(n))
    article = article.__class__(
        **{
            **{f: getattr(article, f) for f in article.__dataclass_fields__},
            "blocks": tuple(
                Figure(f"https://x.test/{next(figures)}.jpg", b.alt, b.caption, b.credit)
                if isinstance(b, Figure)
                else b
                for b in article.blocks
            ),
        }
    )
    sizes = {
        b.src: images[i % n].size
        for i, b in enumerate(b for b in article.blocks if isinstance(b, Figure))
    }
    rows.append(
        (
            f"layout.render, 5,000 words, {n} figures, {args.width} cols, no pictures",
            timed(lambda: render(article, args.width), runs),
        )
    )
    rows.append(
        (
            f"layout.render_pictures, same, {len(sizes)} pictures",
            timed(lambda: render_pictures(article, args.width, pictures=sizes), runs),
        )
    )

    with tempfile.TemporaryDirectory() as folder:
        cache = PictureCache(folder)
        pngs = [to_png(im) for im in images]
        rows.append(
            (
                f"cache put {n} thumbnails (PNG)",
                timed(
                    lambda: [cache.put(f"https://x.test/{i}", p) for i, p in enumerate(pngs)], runs
                ),
            )
        )
        rows.append(
            (
                f"cache get + decode {n} thumbnails (opening an article)",
                timed(
                    lambda: [decode(cache.get(f"https://x.test/{i}") or b"") for i in range(n)],
                    runs,
                ),
            )
        )
        size = cache.usage()[1]

    tracemalloc.start()
    kept = [decode(data) for data in sources]
    kept_cells = [halfblock(im, cols, high) for im in kept]
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    tracemalloc.start()
    kitty_kept = [decode(data) for data in sources]
    renderer = KittyPlaceholders()
    kitty_kept_cells = [renderer.cells(im, cols, high) for im in kitty_kept]
    kitty_out = renderer.take_output()
    _current, kitty_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert kitty_kept_cells and kitty_out
    assert kept and kept_cells and isinstance(kept_cells[0][0][0], Segment)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    print("| what | median ms | best ms | CPU ms |")
    print("|---|---:|---:|---:|")
    for what, (median, best, cpu) in rows:
        print(f"| {what} | {median:.2f} | {best:.2f} | {cpu:.2f} |")
    print()
    print(f"cache: {n} thumbnails take {size / 1024:.0f} KB on disk")
    print(
        "a 48-row screen of picture rows writes "
        + ", ".join(f"{mode} {count / 1024:.0f} KB" for mode, count in written.items())
        + f"; kitty sends {len(sent) / 1024:.0f} KB of image data for {n} pictures once"
        f" ({len(sent) / n / 1024:.1f} KB each)"
        f"; 3 Sixels write {sixel_bytes / 1024:.0f} KB each time they are drawn"
    )
    print(
        f"memory: {n} thumbnails + cells peak {peak / 1_048_576:.1f} MB half-block,"
        f" {kitty_peak / 1_048_576:.1f} MB kitty (cells + the PNG escapes; tracemalloc);"
        f" process peak RSS {rss / 1024:.0f} MB (+{(rss - rss0) / 1024:.0f} MB during the bench)"
    )


if __name__ == "__main__":
    main()
