"""Response bodies are decoded in bounded steps: bombs stop at the cap, odd encodings
are refused, and ordinary gzip/deflate bodies come out whole."""

from __future__ import annotations

import gzip
import resource
import zlib

import pytest
import zstandard

from newsreader.net.decode import STEP, BoundedDecoder, DecodeError, TooLarge
from newsreader.net.fetch import FetchError
from tests.support.feeds import rss
from tests.support.hostile_server import HostileServer, encoded, gzip_bomb
from tests.unit.test_fetch import CFG, fetch


@pytest.fixture
def server():
    with HostileServer() as s:
        yield s


def decode_all(body: bytes, encoding: str, limit: int = 1 << 30, chunk: int = 4096) -> bytes:
    decoder = BoundedDecoder(encoding, limit)
    pieces: list[bytes] = []
    for i in range(0, len(body), chunk):
        pieces += decoder.feed(body[i : i + chunk])
    pieces += decoder.finish()
    assert all(len(p) <= STEP for p in pieces)
    return b"".join(pieces)


def grown_mb(before: int) -> float:
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024


def test_gzip_deflate_raw_deflate_and_multi_member_bodies_decode() -> None:
    text = rss("Decoded", 40)
    assert decode_all(gzip.compress(text), "gzip") == text
    assert decode_all(zlib.compress(text), "deflate") == text
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert decode_all(raw.compress(text) + raw.flush(), "deflate") == text
    half = len(text) // 2
    members = gzip.compress(text[:half]) + gzip.compress(text[half:])
    assert decode_all(members, "x-gzip") == text
    assert decode_all(gzip.compress(gzip.compress(text)), "gzip, gzip") == text
    assert decode_all(text, "identity") == text


def test_the_cap_is_exact() -> None:
    body = gzip.compress(b"a" * 10_000)
    assert len(decode_all(body, "gzip", limit=10_000)) == 10_000
    with pytest.raises(TooLarge):
        decode_all(body, "gzip", limit=9_999)


@pytest.mark.parametrize(
    "encoding,message",
    [
        ("br", "unsupported content encoding 'br'"),
        ("zstd", "unsupported content encoding 'zstd'"),
        ("compress", "unsupported content encoding 'compress'"),
        ("gzip, gzip, gzip, gzip, gzip", "too many content encodings"),
    ],
)
def test_other_encodings_are_refused(encoding: str, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        BoundedDecoder(encoding, 1 << 20)


def test_broken_gzip_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="broken gzip body"):
        decode_all(b"\x1f\x8b\x08\x00 this is not deflate data at all", "gzip")


def test_only_gzip_and_deflate_are_offered(server: HostileServer) -> None:
    url = server.feed("/plain.xml", rss("Plain"))
    fetch(url)
    assert server.requests[-1][1].get("Accept-Encoding") == "gzip, deflate"


def test_a_zstd_bomb_is_refused_before_it_inflates(server: HostileServer) -> None:
    # 32 KB that would inflate to 1 GiB (httpx alone grew this process by 2 GB).
    compressor = zstandard.ZstdCompressor(level=3).compressobj()
    zeros = b"\0" * (1 << 20)
    bomb = b"".join(compressor.compress(zeros) for _ in range(1024)) + compressor.flush()
    url = server.route("/zstd", encoded(bomb, "zstd"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(FetchError, match="unsupported content encoding 'zstd'"):
        fetch(url)
    assert grown_mb(before) < 50


def test_a_double_gzip_bomb_stops_at_the_cap_with_bounded_memory(server: HostileServer) -> None:
    # The outer layer is a few KB; its inner layer (1 MB) inflates to 1 GiB.
    url = server.route("/gg", encoded(gzip.compress(gzip_bomb()), "gzip, gzip"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(FetchError, match="too large"):
        fetch(url, CFG)
    assert grown_mb(before) < 50
