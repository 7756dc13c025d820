"""The one article model every part of newsreader shares.

Plain frozen dataclasses, no I/O: :mod:`.blocks` (the block kinds and their
registry), :mod:`.article` (articles) and :mod:`.feed` (subscriptions and parsed
feed data). Extraction builds them, the store keeps them, the layout and the app
draw them. All text in them is already clean (see :mod:`newsreader.sanitize`),
except the raw parsed feed data of :mod:`.feed`, which extraction cleans.
"""

from newsreader.model.article import *  # noqa: F403
from newsreader.model.article import __all__ as _article_all
from newsreader.model.blocks import *  # noqa: F403
from newsreader.model.blocks import __all__ as _blocks_all
from newsreader.model.feed import Content, Enclosure, EntryData, Feed, FeedData, Image

__all__ = [
    *_blocks_all,
    *_article_all,
    "Content",
    "Enclosure",
    "EntryData",
    "Feed",
    "FeedData",
    "Image",
]
