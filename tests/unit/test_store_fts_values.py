"""The indexing fast path reads stored blocks without building block objects."""

from __future__ import annotations

import json
import zlib

from newsreader.model import (
    Article,
    Attribution,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Video,
)
from newsreader.store.codec import decode_blocks, encode_blocks, fts_values, fts_values_stored


def test_stored_fts_values_match_the_article_form() -> None:
    blocks = (
        Paragraph("First paragraph."),
        Figure("https://example.org/a.jpg", "alt", "A caption", "Photo: Someone"),
        Figure("https://example.org/b.jpg", "alt only"),
        Figure("https://example.org/c.jpg", "", "", "Credit only"),
        Heading("A heading"),
        ListBlock(("one", "two"), ordered=True),
        Quote("A quote."),
        Video("Watch this", "What it shows", "https://example.org/v"),
        Video("", "Description only"),
        Attribution("With files from a wire service"),
    )
    article = Article(title="Title", dek="Dek", blocks=blocks)
    expected = fts_values(article)
    got = fts_values_stored("Title", "Dek", encode_blocks(blocks))
    assert got == expected
    assert "one\ntwo" in got[2] and "A caption Photo: Someone" in got[3]


def test_unexpected_json_takes_the_block_path() -> None:
    # A list without items: the slow path (block objects) decides the outcome.
    odd = zlib.compress(json.dumps([{"type": "list"}, {"type": "quote", "text": "q"}]).encode())
    article = Article(title="T", blocks=decode_blocks(odd), reading_minutes=1)
    assert fts_values_stored("T", "", odd) == fts_values(article) == ("T", "", "\nq", "")
    missing = zlib.compress(json.dumps([{"type": "paragraph"}, {"type": "figure"}]).encode())
    assert fts_values_stored("T", "", missing) == ("T", "", "", "")


def test_blocks_written_with_zlib_before_still_read() -> None:
    from newsreader.store.codec import blocks_json, unpack

    blocks = (Paragraph("Kept from an older store."), Figure("https://example.org/a.jpg"))
    old = zlib.compress(blocks_json(blocks).encode(), 1)
    new = encode_blocks(blocks)
    assert new != old and unpack(new) == unpack(old)
    assert decode_blocks(old) == decode_blocks(new) == blocks
