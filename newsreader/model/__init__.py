"""The one article model every part of newsreader shares.

Plain frozen dataclasses, no I/O: :mod:`.article` (articles and their block kinds)
and :mod:`.feed` (subscriptions and parsed feed data). Extraction builds them, the store keeps them,
the layout and the app draw them. All text in them is already clean
(see :mod:`newsreader.sanitize`).
"""

from newsreader.model.article import *  # noqa: F403
from newsreader.model.article import __all__ as _article_all
from newsreader.model.feed import Content, Enclosure, EntryData, Feed, FeedData, Image

__all__ = [*_article_all, "Content", "Enclosure", "EntryData", "Feed", "FeedData", "Image"]
