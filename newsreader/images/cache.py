"""The picture cache: small PNGs on disk, keyed by a hash of the URL, least recently used out.

Each entry is the picture already scaled down (:data:`~newsreader.images.decode.THUMB`),
never the original. Reading an entry touches its time, so eviction removes the
least recently *used* first once the folder grows past its cap. Writes go to a
temporary name and are renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

SUFFIX = ".png"


def key_of(url: str) -> str:
    """The cache key of ``url`` (hex SHA-256)."""
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


class PictureCache:
    """A folder of scaled pictures with a total size cap (``max_bytes``)."""

    def __init__(self, root: Path, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.root = Path(root)
        self.max_bytes = max(0, max_bytes)
        self._total: int | None = None  # bytes in the folder, counted on first write

    def path_for(self, url: str) -> Path:
        """Where the entry for ``url`` lives (it may not exist)."""
        key = key_of(url)
        return self.root / key[:2] / f"{key}{SUFFIX}"

    def get(self, url: str) -> bytes | None:
        """The cached PNG for ``url``, or ``None``; a hit counts as a use."""
        path = self.path_for(url)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return data

    def put(self, url: str, data: bytes) -> None:
        """Store ``data`` for ``url``, then evict the least recently used beyond the cap."""
        if len(data) > self.max_bytes:
            return
        path = self.path_for(url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            old = path.stat().st_size if path.exists() else 0
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return  # a full or read-only disk: the picture is simply not cached
        if self._total is None:
            self._total = self.usage()[1]
        else:
            self._total += len(data) - old
        if self._total > self.max_bytes:
            self.evict()

    def _entries(self) -> list[tuple[float, int, Path]]:
        """``(last use, size, path)`` of every entry."""
        out: list[tuple[float, int, Path]] = []
        if not self.root.is_dir():
            return out
        for sub in self.root.iterdir():
            if not sub.is_dir():
                continue
            with os.scandir(sub) as found:
                for entry in found:
                    if entry.name.endswith(SUFFIX) and entry.is_file(follow_symlinks=False):
                        with contextlib.suppress(OSError):
                            info = entry.stat(follow_symlinks=False)
                            out.append((info.st_mtime, info.st_size, Path(entry.path)))
        return out

    def evict(self) -> int:
        """Remove the least recently used entries until the total fits; returns how many."""
        entries = sorted(self._entries(), key=lambda e: e[0])
        total = sum(size for _when, size, _path in entries)
        removed = 0
        for _when, size, path in entries:
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
                removed += 1
        self._total = total
        return removed

    def usage(self) -> tuple[int, int]:
        """``(entries, bytes)`` in the cache."""
        entries = self._entries()
        return len(entries), sum(size for _when, size, _path in entries)

    def clear(self) -> tuple[int, int]:
        """Remove every entry (and stray temporary files); returns ``(entries, bytes)`` removed."""
        count, size = self.usage()
        if self.root.is_dir():
            for sub in self.root.iterdir():
                if not sub.is_dir() or len(sub.name) != 2:
                    continue
                for path in sub.iterdir():
                    if path.suffix in (SUFFIX, ".tmp") and path.is_file():
                        with contextlib.suppress(OSError):
                            path.unlink()
                with contextlib.suppress(OSError):
                    sub.rmdir()
        self._total = 0
        return count, size
