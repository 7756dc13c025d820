"""Decoding a compressed response body with bounded memory.

httpx decodes each network chunk whole: a 64 KB chunk of a gzip bomb becomes
64 MB in one call, a ``gzip, gzip`` body multiplies that again, and brotli or
zstd bombs reach gigabytes from a few kilobytes. So the fetcher reads raw bytes
and decodes them here: every stage of a ``Content-Encoding`` chain gives at most
``STEP`` bytes per call, the next stage consumes them before more is pulled, and
the decoded total is checked against the cap after every step. Only gzip and
deflate are offered (``ACCEPT_ENCODING``); any other encoding is refused.
"""

from __future__ import annotations

import zlib
from typing import Any

ACCEPT_ENCODING = "gzip, deflate"
STEP = 64 * 1024  # bytes a stage may produce per call
MAX_STAGES = 4  # "gzip, gzip, gzip, gzip" at most


class DecodeError(ValueError):
    """The body cannot be decoded (unsupported or broken encoding): a one-line message."""


class TooLarge(Exception):
    """The decoded body went over the cap."""


class _ZlibStage:
    """One gzip or deflate layer (deflate: zlib-wrapped, else raw, as browsers accept)."""

    def __init__(self, encoding: str) -> None:
        self.gzip = encoding in ("gzip", "x-gzip")
        self.raw_fallback = not self.gzip  # deflate: try the zlib wrapper first
        self.obj = zlib.decompressobj(zlib.MAX_WBITS | 16 if self.gzip else zlib.MAX_WBITS)
        self.started = False
        self.tail = b""  # input not consumed yet (output was limited)
        self.more = False  # the last call was cut at STEP: output may be pending

    def step(self, data: bytes) -> bytes:
        """Decode up to ``STEP`` bytes from the pending input plus ``data``."""
        buffer = self.tail + data if self.tail else data
        try:
            out = self.obj.decompress(buffer, STEP)
        except zlib.error as error:
            if self.raw_fallback and not self.started:
                self.raw_fallback = False
                self.obj = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.step(data)
            kind = "gzip" if self.gzip else "deflate"
            raise DecodeError(f"broken {kind} body ({error})") from None
        self.started = True
        self.raw_fallback = False
        self.tail = self.obj.unconsumed_tail
        if self.gzip and self.obj.eof and self.obj.unused_data:  # another gzip member
            rest = self.obj.unused_data
            self.obj = zlib.decompressobj(zlib.MAX_WBITS | 16)
            self.tail = rest
        self.more = len(out) == STEP or bool(self.tail)
        return out


class BoundedDecoder:
    """Decode a ``Content-Encoding`` chain chunk by chunk, never over ``limit`` bytes."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        names = [e.strip().lower() for e in content_encoding.split(",")]
        names = [e for e in names if e and e != "identity"]
        if len(names) > MAX_STAGES:
            raise DecodeError(f"too many content encodings ({len(names)})")
        for name in names:
            if name not in ("gzip", "x-gzip", "deflate"):
                raise DecodeError(f"unsupported content encoding {name[:40]!r}")
        # The last encoding applied is the first to undo.
        self.stages = [_ZlibStage(name) for name in reversed(names)]
        self.limit = limit
        self.size = 0

    def feed(self, data: bytes) -> list[bytes]:
        """The decoded pieces of one raw chunk; raises :class:`TooLarge` over the cap."""
        out: list[bytes] = []
        self._push(0, data, out)
        return out

    def finish(self) -> list[bytes]:
        """Whatever the stages still hold once the raw body has ended."""
        out: list[bytes] = []
        self._push(0, b"", out)
        return out

    def _push(self, index: int, data: bytes, out: list[bytes]) -> None:
        if index == len(self.stages):
            if data:
                self.size += len(data)
                if self.size > self.limit:
                    raise TooLarge
                out.append(data)
            return
        stage = self.stages[index]
        piece = stage.step(data)
        while True:
            self._push(index + 1, piece, out)
            if not stage.more:
                return
            piece = stage.step(b"")


def size_text(limit: int) -> str:
    """A byte count for messages: ``8 MB``, ``512 KB``."""
    return f"{limit / 1_048_576:g} MB" if limit >= 1_048_576 else f"{limit / 1024:g} KB"


class BodyTooLarge(TooLarge):
    """A body over its cap; ``declared`` when its Content-Length said so before reading."""

    def __init__(self, limit: int, declared: int | None = None) -> None:
        super().__init__(limit, declared)
        self.limit = limit
        self.declared = declared

    def __str__(self) -> str:
        if self.declared is not None:
            return f"too large ({self.declared:,} bytes; limit {size_text(self.limit)})"
        return f"too large (over {size_text(self.limit)} decoded); aborted"


async def read_bounded(response: Any, limit: int) -> bytes:
    """The decoded body of an httpx streaming ``response``, refused past ``limit`` bytes.

    Both the raw and the decoded size count (a compression bomb stops at the cap).
    Raises :class:`BodyTooLarge`, or :class:`DecodeError` for a body that will not decode.
    """
    declared = response.headers.get("content-length", "")
    encoded = response.headers.get("content-encoding", "").strip().lower()
    if declared.isdigit() and int(declared) > limit and encoded in ("", "identity"):
        raise BodyTooLarge(limit, int(declared))
    decoder = BoundedDecoder(encoded, limit)
    chunks: list[bytes] = []
    raw = 0
    try:
        async for chunk in response.aiter_raw():
            raw += len(chunk)
            if raw > limit:
                raise TooLarge
            chunks += decoder.feed(chunk)
        chunks += decoder.finish()
    except BodyTooLarge:
        raise
    except TooLarge:
        raise BodyTooLarge(limit) from None
    return b"".join(chunks)
