"""Stored bodies → blocks and index text: the reading half of what the store keeps.

The store keeps an article's body as it was given (see :mod:`newsreader.store.codec`):
a list of block dicts, or a feed entry's HTML kept for later as a
:class:`~newsreader.extract.deferred.DeferredBody`. This module turns either
back into blocks when an article is read, and gives the store the index text of
the second kind (:func:`body_text`, handed to the store when it is opened).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsreader.extract.deferred import DeferredBody
from newsreader.extract.finish import resolve_dek, without_title
from newsreader.model import Article, Block, block_from_dict


def body_blocks(body: Any) -> tuple[tuple[Block, ...], bool]:
    """The blocks of a stored body, and whether it was kept as HTML (deferred)."""
    if isinstance(body, dict):
        return tuple(DeferredBody.from_dict(body).blocks()), True
    if not isinstance(body, list):
        raise ValueError("not a stored body")
    return tuple(block_from_dict(d) for d in body), False


def body_text(body: Any) -> tuple[str, str]:
    """``(body, captions)`` index text of a body kept as HTML (the store's ``BodyText``)."""
    return DeferredBody.from_dict(body).text()


def article_from_stored(article: Article, body: Any) -> Article:
    """``article`` (as the store returns it, without blocks) with its body's blocks.

    A body kept as HTML has its dek (the feed's summary) dropped when the body
    begins with it, and its reading time counted from the blocks.
    """
    blocks, deferred = body_blocks(body)
    if not deferred:
        return replace(article, blocks=blocks)
    blocks = tuple(without_title(list(blocks), article.title))
    return replace(article, blocks=blocks, dek=resolve_dek(article.dek, blocks), reading_minutes=0)
