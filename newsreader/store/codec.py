"""Converting between model objects and store rows.

The store keeps an article's body as it was given: compressed JSON that is either
a list of blocks (:func:`blocks_json`) or another JSON value a layer above chose
(a feed entry's HTML kept for later, see :mod:`newsreader.extract.stored`). The
store never interprets the second kind itself: the text it indexes for such a
body comes from a :data:`BodyText` function it was handed when opened.
"""

from __future__ import annotations

import hashlib
import json
import threading
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, NamedTuple

from newsreader.model import (
    Article,
    ArticleSummary,
    Block,
    block_from_dict,
    block_to_dict,
    plain_text_of,
)

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


def decode_payload(data: bytes) -> Any:
    """The JSON value of a stored body (a list of blocks, or what a layer above stored)."""
    return json.loads(unpack(data))


def decode_blocks(data: bytes) -> tuple[Block, ...]:
    """The blocks of a body stored as blocks; ``ValueError`` for any other body."""
    payload = decode_payload(data)
    if not isinstance(payload, list):
        raise ValueError("the body is not stored as blocks")
    return tuple(block_from_dict(d) for d in payload)


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


def encode_body(article: Article, body: Any) -> Encoded:
    """:func:`encode_article` for an article whose body is another JSON value (``body``).

    The article must have a guid or URL. Its index text is left to indexing time,
    when the store's :data:`BodyText` function reads the body.
    """
    key = article.guid or article.url
    if not key:
        raise ValueError("an article stored with its own body needs a guid or a URL")
    payload = json.dumps(body)
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
    "a.id, a.title, f.title, a.url, a.published, a.read, a.bookmarked, a.feed_id, a.sort_key, "
    "a.read_progress"
)


class StoredArticle(NamedTuple):
    """An article as the store keeps it: its fields (no blocks yet) and its body's JSON.

    ``body`` is a list of block dicts, or the JSON value stored by
    :func:`encode_body`; turning it into blocks is the job of the layer above.
    """

    article: Article
    body: Any


def stored_from_row(row: tuple[Any, ...]) -> StoredArticle:
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
    article = Article(
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
        reading_minutes=minutes,
        read=bool(read),
        bookmarked=bool(bookmarked),
    )
    return StoredArticle(article, decode_payload(blocks))


def summary_from_row(row: tuple[Any, ...]) -> ArticleSummary:
    id_, title, feed, url, published, read, bookmarked, feed_id, sort_key, progress = row
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
        progress=progress,
    )


BodyText = Callable[[Any], tuple[str, str]]
"""Index text ``(body, captions)`` of a stored body that is not a list of blocks."""


def no_body_text(body: Any) -> tuple[str, str]:
    """The :data:`BodyText` of a store opened without one: only block lists are known."""
    raise ValueError("this store was opened without a reader for non-block bodies")


def blocks_text(payload: list[Any]) -> tuple[str, str]:
    """``(body, captions)`` of a list of block dicts, without building block objects.

    Equal to the article's ``body_text``/``caption_text`` (indexing a refresh's
    articles reads every one); the block registry says what is text and what sits
    in the sidebar. Anything unexpected in the JSON takes the slower path through
    the block objects (which raises on what cannot be a block).
    """
    body: list[str] = []
    side: list[str] = []
    try:
        for data in payload:
            text, in_sidebar = plain_text_of(data)
            (side if in_sidebar else body).append(text)
    except (TypeError, ValueError, AttributeError):
        article = Article(title="", blocks=tuple(block_from_dict(d) for d in payload))
        return article.body_text, article.caption_text
    return "\n".join(body), "\n".join(side)


def with_full_text(values: FtsValues, full: bytes | None) -> FtsValues:
    """``values`` with the text of a full text fetched from the article's page
    (``full``: its compressed blocks, ``None`` when there is none) added to the body
    and captions columns: search finds words that only the page has."""
    if not full:
        return values
    payload = decode_payload(full)
    if not isinstance(payload, list):
        return values
    body, captions = blocks_text(payload)
    title, dek, own_body, own_captions = values
    return (
        title,
        dek,
        "\n".join(t for t in (own_body, body) if t),
        "\n".join(t for t in (own_captions, captions) if t),
    )


def index_key(digest: str, full: bytes | None) -> str:
    """What an article's index text depends on: its content hash and its full text.

    Indexing checks it before writing, so text computed before a full text was
    stored (or replaced) is never put in the index.
    """
    if full is None:
        return digest
    return f"{digest}+{hashlib.sha256(full).hexdigest()[:32]}"


def fts_values_stored(
    title: str, dek: str, blob: bytes, body_text: BodyText = no_body_text
) -> FtsValues:
    """:func:`fts_values` of a stored article, read from its blocks column.

    A body stored as blocks is read here; any other body by ``body_text``.
    """
    payload = decode_payload(blob)
    if isinstance(payload, list):
        return title, dek, *blocks_text(payload)
    return title, dek, *body_text(payload)
