"""Server items → articles in their stored form, as a feed's entries become them.

An item's HTML is kept as a :class:`~newsreader.extract.deferred.DeferredBody`
(escape sequences and controls removed; blocks built when it is read), exactly
as a refresh keeps a feed entry's; an item without a title, or with a body over
:data:`~newsreader.extract.entries.MAX_DEFERRED_HTML`, is built now.
"""

from __future__ import annotations

from newsreader.extract.deferred import DeferredBody
from newsreader.extract.entries import MAX_DEFERRED_HTML
from newsreader.extract.finish import finish
from newsreader.formats.greader import Item
from newsreader.model import Article
from newsreader.sanitize import strip_markup_escapes
from newsreader.store.codec import encode_article, encode_body
from newsreader.store.sync import SyncedItem

GUID_PREFIX = "greader:"


def build_item(item: Item, feed_id: int, feed_title: str) -> SyncedItem:
    """One server item as a :class:`SyncedItem` ready for ``Store.save_synced``."""
    fields = dict(
        url=item.url,
        feed=item.feed_title or feed_title,
        author=item.author,
        published=item.published,
        guid=GUID_PREFIX + item.item_id,
        read=item.read,
        bookmarked=item.starred,
    )
    body = DeferredBody(strip_markup_escapes(item.html), item.url) if item.html.strip() else None
    if body is not None and item.title and len(item.html) <= MAX_DEFERRED_HTML:
        article = Article(title=item.title, **fields)
        encoded = encode_body(article, body.to_dict())
    else:
        blocks = body.blocks() if body is not None else []
        article = finish(blocks, title=item.title, untitled="Untitled", **fields)
        encoded = encode_article(article)
    return SyncedItem(item.item_id, feed_id, article, encoded, item.read, item.starred)
