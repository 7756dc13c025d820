"""Converting between model objects and store rows."""

from __future__ import annotations

import hashlib
import json
import threading
import zlib
from datetime import UTC, datetime
from typing import Any

from newsreader.extract.deferred import DeferredBody, resolve_dek
from newsreader.model import Article, ArticleSummary, Block, block_from_dict, block_to_dict

# Dates outside this range are treated as unknown (year 0, year 99999 …).
MIN_TS = int(datetime(1970, 1, 2, tzinfo=UTC).timestamp())
MAX_TS = int(datetime(2200, 1, 1, tzinfo=UTC).timestamp())


_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_local = threading.local()  # zstd contexts are not thread-safe: one per thread


def pack(text: str) -> bytes:
    """``text`` compressed for the blocks column: zstd level 1.

    Three to four times faster than zlib level 1 on article HTML, and smaller;
    :func:`unpack` reads both, so stores written before keep working.
    """
    compressor = getattr(_local, "compressor", None)
    if compressor is None:
        import zstandard

        compressor = _local.compressor = zstandard.ZstdCompressor(level=1)
    return compressor.compress(text.encode("utf-8"))


def unpack(blob: bytes) -> bytes:
    """Inverse of :func:`pack` (and of the zlib the store used before)."""
    if blob[:4] != _ZSTD_MAGIC:
        return zlib.decompress(blob)
    decompressor = getattr(_local, "decompressor", None)
    if decompressor is None:
        import zstandard

        decompressor = _local.decompressor = zstandard.ZstdDecompressor()
    return decompressor.decompress(blob)


def blocks_json(blocks: tuple[Block, ...]) -> str:
    """Blocks as JSON text (ASCII), the form both storage and the content hash use."""
    return json.dumps([block_to_dict(b) for b in blocks])


def encode_blocks(blocks: tuple[Block, ...], payload: str | None = None) -> bytes:
    """Blocks as compressed JSON (``payload``: their :func:`blocks_json`, if known)."""
    if payload is None:
        payload = blocks_json(blocks)
    return pack(payload)


def decode_blocks(data: bytes) -> tuple[Block, ...]:
    """Inverse of :func:`encode_blocks`; a deferred body's blocks are built here."""
    return decode_body(data)[0]


def decode_body(data: bytes) -> tuple[tuple[Block, ...], bool]:
    """The blocks of a stored body, and whether it was a deferred (HTML) body."""
    payload = json.loads(unpack(data))
    if isinstance(payload, dict):
        return tuple(DeferredBody.from_dict(payload).blocks()), True
    return tuple(block_from_dict(d) for d in payload), False


def to_timestamp(value: datetime | None) -> int | None:
    """UTC seconds, or ``None`` for a missing or absurd date."""
    if value is None:
        return None
    try:
        ts = int(value.timestamp())
    except (OverflowError, OSError, ValueError):
        return None
    return ts if MIN_TS <= ts <= MAX_TS else None


def from_timestamp(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


def content_hash(article: Article, payload: str | None = None) -> str:
    """A hash of everything an update could change (``payload``: the blocks' JSON)."""
    digest = hashlib.sha256()
    for part in (article.title, article.url, article.author, article.section, article.dek):
        digest.update(part.encode("utf-8", "replace") + b"\0")
    digest.update(str(to_timestamp(article.published)).encode())
    digest.update((blocks_json(article.blocks) if payload is None else payload).encode())
    return digest.hexdigest()


FtsValues = tuple[str, str, str, str]
Encoded = tuple[str, bytes, str, FtsValues | None]
"""An article's stored form, computable anywhere (a parse worker): identity key,
blocks column, content hash and the four indexed columns (``None``: computed
from the blocks column when the article is indexed)."""


def encode_article(article: Article) -> Encoded:
    """The identity key (guid, else URL, else content), compressed blocks, hash, index text."""
    payload = blocks_json(article.blocks)
    key = article.guid or article.url or text_guid(article)
    return (
        key,
        encode_blocks(article.blocks, payload),
        content_hash(article, payload),
        fts_values(article),
    )


def encode_deferred(article: Article, body: DeferredBody) -> Encoded:
    """:func:`encode_article` for an article whose body is kept as HTML (no blocks yet).

    The article must have a guid or URL. Its index text is left to indexing time
    (:func:`fts_values_stored`).
    """
    key = article.guid or article.url
    if not key:
        raise ValueError("a deferred article needs a guid or a URL")
    payload = json.dumps(body.to_dict())
    blob = pack(payload)
    return key, blob, content_hash(article, payload), None


def text_guid(article: Article) -> str:
    """The identity of an article with no guid or URL: its normalised content."""
    text = " ".join((article.title + "\n" + article.body_text).lower().split())
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


def fts_values(article: Article) -> tuple[str, str, str, str]:
    """The four indexed columns: title, dek, body, captions."""
    return article.title, article.dek, article.body_text, article.caption_text


ARTICLE_COLUMNS = (
    "a.id, a.feed_id, f.title, a.guid, a.url, a.title, a.author, a.section, a.dek, "
    "a.published, a.reading_minutes, a.blocks, a.read, a.bookmarked"
)
SUMMARY_COLUMNS = (
    "a.id, a.title, f.title, a.url, a.published, a.read, a.bookmarked, a.feed_id, a.sort_key"
)


def article_from_row(row: tuple[Any, ...]) -> Article:
    (
        id_,
        feed_id,
        feed,
        guid,
        url,
        title,
        author,
        section,
        dek,
        published,
        minutes,
        blocks,
        read,
        bookmarked,
    ) = row
    blocks, deferred = decode_body(blocks)
    if deferred:  # the dek is the feed's summary: dropped if the body begins with it
        dek = resolve_dek(dek, blocks)
    return Article(
        id=id_,
        feed_id=feed_id,
        feed=feed,
        guid=guid,
        url=url,
        title=title,
        author=author,
        section=section,
        dek=dek,
        published=from_timestamp(published),
        reading_minutes=0 if deferred else minutes,  # 0: counted from the blocks
        blocks=blocks,
        read=bool(read),
        bookmarked=bool(bookmarked),
    )


def summary_from_row(row: tuple[Any, ...]) -> ArticleSummary:
    id_, title, feed, url, published, read, bookmarked, feed_id, sort_key = row
    return ArticleSummary(
        id=id_,
        title=title,
        feed=feed,
        url=url,
        published=from_timestamp(published),
        read=bool(read),
        bookmarked=bool(bookmarked),
        feed_id=feed_id,
        sort_key=sort_key,
    )


_SIDE_TYPES = {"figure": ("caption", "credit"), "video": ("title", "description")}


def fts_values_stored(title: str, dek: str, blob: bytes) -> tuple[str, str, str, str]:
    """:func:`fts_values` of a stored article, read from its blocks column directly.

    Equal to ``fts_values(Article(title, dek=dek, blocks=decode_blocks(blob)))`` but
    without building block objects (indexing a refresh's articles reads every one);
    anything unexpected in the JSON takes that slower path.
    """
    try:
        body: list[str] = []
        side: list[str] = []
        payload = json.loads(unpack(blob))
        if isinstance(payload, dict):
            text, captions = DeferredBody.from_dict(payload).text()
            return title, dek, text, captions
        for data in payload:
            kind = data["type"]
            pair = _SIDE_TYPES.get(kind)
            if pair is not None:
                first, second = data.get(pair[0], ""), data.get(pair[1], "")
                if type(first) is not str or type(second) is not str:
                    raise TypeError(kind)
                side.append(f"{first} {second}" if first and second else first or second)
            elif kind == "list":
                items = data["items"]
                if any(type(item) is not str for item in items):
                    raise TypeError(kind)
                body.append("\n".join(items))
            elif kind in ("paragraph", "heading", "quote", "attribution"):
                text = data.get("text", "")
                if type(text) is not str:
                    raise TypeError(kind)
                body.append(text)
            else:
                raise ValueError(kind)
    except (KeyError, TypeError, ValueError, AttributeError):
        blocks = decode_blocks(blob)
        return fts_values(Article(title=title, dek=dek, blocks=blocks, reading_minutes=1))
    return title, dek, "\n".join(body), "\n".join(side)
