"""The pictures of an article, for both front ends: from the cache at once, fetched later.

:class:`Pictures` is what the reader asks: :meth:`Pictures.cached` gives the pictures
already on disk (the article is drawn at once, with them), :meth:`Pictures.fetch`
fetches and decodes the rest off the UI's path, bounded (see :mod:`newsreader.images`).
A picture that cannot be had is simply absent: its figure shows its caption or alt text.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image
from rich.segment import Segment

from newsreader.config import Config
from newsreader.images.cache import PictureCache
from newsreader.images.decode import PictureError, decode, from_png, to_png
from newsreader.images.detect import choose_mode
from newsreader.images.encode import only_graphics_escapes, sixel_at
from newsreader.images.fetch import PictureFetcher
from newsreader.images.overlay import Placement, Rect, SixelOverlay, Span, cell_pixels, visible
from newsreader.images.renderers import CellRenderer, HalfBlock, SixelOverHalfBlock, renderer_for
from newsreader.layout import PICTURE_ROWS, picture_box
from newsreader.model import Article, Figure
from newsreader.net.fetch import is_local_url
from newsreader.paths import cache_dir

__all__ = [
    "MAX_PER_ARTICLE",
    "Picture",
    "PictureError",
    "Pictures",
    "picture_box",
    "seed_pictures",
]

MAX_PER_ARTICLE = 24
"""The most pictures fetched for one article."""
AT_ONCE = 4
"""Pictures read from the disk cache before an article is first drawn (the rest: in a worker)."""
MEMORY = 96
"""Decoded pictures kept in memory (least recently used go first)."""
MB = 1024 * 1024
SIXELS_MADE_PER_FRAME = 1
"""Sixels encoded after one frame (about 17 ms each at 36 × 12 cells); the other pictures
of that frame wait for the next (their areas are repainted, which makes one)."""
Spot = tuple[str, int, int, int, int]
"""``(src, line, column, width, height)``: where a picture is in a laid-out article."""
Shown = tuple[
    Mapping[str, "Picture"], list[Spot], int, tuple[int, int], Rect, Callable[[Rect], bool]
]
"""A reader on screen, for :meth:`Pictures.after_frame`."""


@dataclass(eq=False)
class Picture:
    """One decoded, scaled-down picture (RGBA, at most 144 × 144 pixels)."""

    src: str
    image: Image.Image
    renderer: CellRenderer = field(default_factory=HalfBlock)
    _cells: dict[tuple[int, int], list[list[Segment]]] = field(default_factory=dict, repr=False)
    _generation: int = field(default=0, repr=False)

    @property
    def size(self) -> tuple[int, int]:
        """Its size in pixels (of the scaled picture: the aspect is what counts)."""
        return self.image.size

    def cells(self, columns: int, rows: int) -> list[list[Segment]]:
        """Rows of cells ``columns`` wide from its renderer (computed once per size, and
        again after the renderer released what it drew)."""
        if self._generation != self.renderer.generation:
            self._cells.clear()
            self._generation = self.renderer.generation
        key = (columns, rows)
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = self.renderer.cells(self.image, columns, rows)
        return found


def picture_sources(article: Article) -> list[str]:
    """The http(s) picture URLs of ``article``'s figures, in order, without repeats.

    An article from a public address never asks for a picture on a local one
    (``127.0.0.1``, ``192.168.…``, ``localhost``): a feed cannot make the reader
    probe the user's own network.
    """
    seen: dict[str, None] = {}
    public = not is_local_url(article.url or "")
    for block in article.blocks:
        if (
            isinstance(block, Figure)
            and block.src
            and block.src not in seen
            and urlsplit(block.src).scheme.lower() in ("http", "https")
            and not (public and is_local_url(block.src))
        ):
            seen[block.src] = None
    return list(seen)[:MAX_PER_ARTICLE]


class Pictures:
    """Pictures for articles: mode, disk cache, memory, fetching."""

    def __init__(
        self,
        config: Config,
        *,
        cache_root: str | os.PathLike[str] | None = None,
        env: Mapping[str, str] | None = None,
        truecolor: bool = False,
        answer: frozenset[str] | None = None,
    ) -> None:
        """``answer``: the graphics the terminal answered it draws (``None``: not asked)."""
        self.config = config
        environ = os.environ if env is None else env
        self.mode = choose_mode(config.images, environ, truecolor=truecolor, answer=answer)
        self.renderer = renderer_for(self.mode)
        self._overlay = SixelOverlay()
        self.rows = config.image_rows or PICTURE_ROWS
        self.at_once = AT_ONCE
        self.cache = PictureCache(cache_dir(cache_root), config.image_cache_mb * MB)
        self._memory: OrderedDict[str, Picture] = OrderedDict()
        self._overlay_off = False
        self.failed: dict[str, str] = {}
        """Why each picture that could not be had failed (this session only)."""

    def graphics(self) -> str:
        """Escapes the terminal must get before the next frame (taken once; ``""`` for
        half-block): image data encoded from decoded pixels, and deletions.

        Checked on the way out: anything but our graphics escapes (text, another
        escape) is dropped whole, so nothing else can reach the terminal this way.
        """
        escapes = self.renderer.take_output()
        return escapes if only_graphics_escapes(escapes) else ""

    @property
    def overlaid(self) -> bool:
        """Pictures are drawn over their cells after each frame (Sixel): the UI must
        call :meth:`after_frame` once every frame is written."""
        return isinstance(self.renderer, SixelOverHalfBlock) and not self._overlay_off

    def overlaid_off(self) -> None:
        """Stop drawing over the cells (the UI could not place Sixels): the half-block
        cells under them stay, so every picture is still shown."""
        self._overlay_off = True

    def after_frame(
        self,
        shown: list[Shown],
        repainted: list[Span] | None,
        cell: tuple[int, int] | None = None,
    ) -> tuple[str, list[Rect]]:
        """The Sixels to write after a frame, and the screen areas to repaint.

        ``shown``: for each reader on screen, its pictures, their spots ``(src, line,
        column, width, height)``, the first line shown, the screen cell of that
        line's column 0, the screen area the reader shows, and whether nothing covers
        the reader in an area (a toast). Only pictures wholly shown are drawn.
        ``repainted``: the frame's spans (``None``: all of the screen).
        ``cell``: the pixel size of a cell (asked of the terminal when ``None``).
        The escapes are checked as :meth:`graphics`' are. At most
        :data:`SIXELS_MADE_PER_FRAME` Sixels are encoded per frame (then kept).
        """
        if not isinstance(self.renderer, SixelOverHalfBlock):
            return "", []
        size = cell or cell_pixels()
        images: dict[str, Image.Image] = {}
        wanted = []
        for pictures, spots, top, origin, view, clear in shown:
            for src, rect in visible(spots, top=top, origin=origin, view=view):
                if src in pictures and clear(rect):
                    images[src] = pictures[src].image
                    wanted.append(Placement(src, rect, size))
        draw, repaint = self._overlay.frame(wanted, repainted)
        out = []
        encoded = 0
        for placed in draw:
            width, height = placed.pixels
            if not self.renderer.has(placed.src, width, height):
                if encoded == SIXELS_MADE_PER_FRAME:
                    self._overlay.not_drawn(placed)
                    repaint.append(placed.rect)  # a frame for it soon: drawn after that one
                    continue
                encoded += 1
            data = self.renderer.sixel(placed.src, images[placed.src], width, height)
            out.append(sixel_at(placed.rect[1], placed.rect[0], data))
        escapes = "".join(out)
        return (escapes if only_graphics_escapes(escapes) else ""), repaint

    def release(self) -> None:
        """The pictures drawn so far leave the screen (another article, quitting): the
        terminal may free them, and they are drawn afresh when shown again."""
        self.renderer.release()

    @property
    def enabled(self) -> bool:
        """False when the setting is ``off``."""
        return self.mode != "off"

    def _remember(self, picture: Picture) -> Picture:
        self._memory[picture.src] = picture
        self._memory.move_to_end(picture.src)
        while len(self._memory) > MEMORY:
            self._memory.popitem(last=False)
        return picture

    def cached(self, article: Article, limit: int = MAX_PER_ARTICLE) -> dict[str, Picture]:
        """The first ``limit`` pictures of ``article`` already in memory or on disk (no network).

        What is in memory comes whatever ``limit`` says; :meth:`fetch` reads the rest
        of the disk cache off the UI's path.
        """
        out: dict[str, Picture] = {}
        if not self.enabled:
            return out
        for n, src in enumerate(picture_sources(article)):
            picture = self._memory.get(src)
            if picture is None and n < limit:
                picture = self._from_disk(src)
            if picture is not None:
                out[src] = self._remember(picture)
        return out

    def _from_disk(self, src: str) -> Picture | None:
        data = self.cache.get(src)
        if data is None:
            return None
        try:
            return Picture(src, from_png(data), self.renderer)
        except PictureError:
            return None

    def sizes(self, article: Article, shown: Mapping[str, Picture]) -> dict[str, tuple[int, int]]:
        """The pixel size of each picture to keep room for: those ``shown``, and those the
        page declared a size for that may still come (not failed this session)."""
        out: dict[str, tuple[int, int]] = {}
        if not self.enabled:
            return out
        wanted = set(picture_sources(article))
        for block in article.blocks:
            if not isinstance(block, Figure) or block.src not in wanted:
                continue
            if block.src in shown:
                out[block.src] = shown[block.src].size
            elif block.width and block.height and block.src not in self.failed:
                out[block.src] = (block.width, block.height)
        return out

    def missing(self, article: Article) -> list[str]:
        """The picture URLs of ``article`` neither cached nor failed this session."""
        if not self.enabled:
            return []
        return [
            src
            for src in picture_sources(article)
            if src not in self._memory and src not in self.failed
        ]

    async def fetch(self, article: Article) -> dict[str, Picture]:
        """The missing pictures of ``article``: read from the disk cache, else fetched,
        decoded and cached; returns those found.

        Never raises for a bad picture: its reason goes into :attr:`failed`.
        """
        wanted = self.missing(article)
        if not wanted:
            return {}
        out: dict[str, Picture] = {}
        for src in list(wanted):
            picture = await asyncio.to_thread(self._from_disk, src)
            if picture is not None:
                out[src] = self._remember(picture)
                wanted.remove(src)
        if not wanted:
            return out
        async with PictureFetcher(self.config) as fetcher:

            async def one(src: str) -> None:
                try:
                    data = await fetcher.picture(src)
                    image = await asyncio.to_thread(decode, data)
                    png = await asyncio.to_thread(to_png, image)
                except PictureError as error:
                    self.failed[src] = str(error)
                    return
                except Exception as error:  # one picture never sinks the rest
                    self.failed[src] = f"cannot fetch the picture ({type(error).__name__})"
                    return
                await asyncio.to_thread(self.cache.put, src, png)
                out[src] = self._remember(Picture(src, image, self.renderer))

            await asyncio.gather(*(one(src) for src in wanted))
        return out

    def usage(self) -> tuple[int, int]:
        """``(entries, bytes)`` of the disk cache."""
        return self.cache.usage()

    def clear(self) -> tuple[int, int]:
        """Empty the disk cache and memory; returns ``(entries, bytes)`` removed."""
        self._memory.clear()
        self.failed.clear()
        return self.cache.clear()

    @property
    def root(self) -> Path:
        """The cache folder."""
        return self.cache.root


def open_pictures(config: Config, **kwargs: object) -> Pictures | None:
    """A :class:`Pictures` for ``config``, or ``None`` when pictures are off."""
    pictures = Pictures(config, **kwargs)  # type: ignore[arg-type]
    return pictures if pictures.enabled else None


INDEX = "index.json"
"""The file in a folder of bundled pictures that maps each picture's URL to its file."""


def seed_pictures(
    folder: str | os.PathLike[str], config: Config, cache_root: str | os.PathLike[str] | None = None
) -> int:
    """Put the pictures bundled in ``folder`` into the picture cache under their URLs.

    ``folder/index.json`` maps URLs (as the bundled samples name them) to files in
    ``folder``. Each file goes through the same bounded decode as a fetched picture,
    so the reader shows the samples' pictures offline exactly as it shows cached
    ones. Entries already cached, unreadable or undecodable are skipped; returns how
    many were added.
    """
    root = Path(folder)
    try:
        index = json.loads((root / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if not isinstance(index, dict):
        return 0
    cache = PictureCache(cache_dir(cache_root), config.image_cache_mb * MB)
    added = 0
    for url, name in index.items():
        if not (isinstance(url, str) and isinstance(name, str)) or Path(name).name != name:
            continue
        if cache.path_for(url).exists():
            continue
        try:
            image = decode((root / name).read_bytes())
        except (OSError, PictureError):
            continue
        cache.put(url, to_png(image))
        added += 1
    return added
