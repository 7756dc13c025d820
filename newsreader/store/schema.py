"""The store's schema: one :class:`Migration` per version, applied in order.

``PRAGMA user_version`` holds the schema version; ``PRAGMA application_id``
marks the file as ours. Version 1 is the full schema; later versions add a
``{version: Migration}`` entry to :data:`MIGRATIONS` and never edit old ones.
A migration is SQL, Python, or both (as lemon24/reader's ``update_from_N_to_N+1``):
Python can rebuild what depends on the stored data (the index text, the body
encoding). The store is backed up first only when a pending migration says it
rewrites data: adding a table to a 2 GB store does not copy it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: a SQL script, then ``run`` (Python), in one transaction."""

    script: str = ""
    run: Callable[[sqlite3.Connection], None] | None = None
    rewrites_data: bool = False  # changes or deletes stored rows: back the store up first


APPLICATION_ID = 0x4E577352  # "NWsR"

SCHEMA_V1 = """
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT UNIQUE,              -- NULL for a local source (imported files)
    title         TEXT NOT NULL,
    site_url      TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '[]',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    last_success  INTEGER,
    last_error    TEXT NOT NULL DEFAULT '',
    added         INTEGER NOT NULL,
    article_count INTEGER NOT NULL DEFAULT 0,   -- kept by triggers
    unread_count  INTEGER NOT NULL DEFAULT 0    -- kept by triggers
);
CREATE UNIQUE INDEX feeds_local_title ON feeds(title) WHERE url IS NULL;

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    feed_id         INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid            TEXT NOT NULL,
    url             TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL,
    author          TEXT NOT NULL DEFAULT '',
    section         TEXT NOT NULL DEFAULT '',
    dek             TEXT NOT NULL DEFAULT '',
    published       INTEGER,                  -- unix seconds, UTC
    sort_key        INTEGER NOT NULL,         -- published, else when it was added
    reading_minutes INTEGER NOT NULL DEFAULT 0,
    blocks          BLOB NOT NULL,            -- compressed JSON (codec.pack): blocks or HTML
    content_hash    TEXT NOT NULL,
    read            INTEGER NOT NULL DEFAULT 0,
    bookmarked      INTEGER NOT NULL DEFAULT 0,
    added           INTEGER NOT NULL,
    UNIQUE (feed_id, guid)
);
CREATE INDEX articles_sort ON articles(sort_key DESC, id DESC);
CREATE INDEX articles_feed_sort ON articles(feed_id, sort_key DESC, id DESC);
CREATE INDEX articles_unread ON articles(sort_key DESC, id DESC) WHERE read = 0;
CREATE INDEX articles_bookmarked ON articles(sort_key DESC, id DESC) WHERE bookmarked = 1;
CREATE INDEX articles_url ON articles(url) WHERE url != '';

-- Counters, so start-up never counts the whole table.
CREATE TRIGGER articles_count_insert AFTER INSERT ON articles BEGIN
    UPDATE feeds SET article_count = article_count + 1,
                     unread_count = unread_count + (NEW.read = 0)
    WHERE id = NEW.feed_id;
END;
CREATE TRIGGER articles_count_delete AFTER DELETE ON articles BEGIN
    UPDATE feeds SET article_count = article_count - 1,
                     unread_count = unread_count - (OLD.read = 0)
    WHERE id = OLD.feed_id;
END;
CREATE TRIGGER articles_count_read AFTER UPDATE OF read ON articles
WHEN OLD.read != NEW.read BEGIN
    UPDATE feeds SET unread_count = unread_count + (NEW.read = 0) - (OLD.read = 0)
    WHERE id = NEW.feed_id;
END;

-- Full-text index; contentless (the text lives compressed in articles.blocks).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, dek, body, captions,
    content = '',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

# Version 2: articles saved with ``defer_index`` wait here until ``index_pending``
# puts them in ``articles_fts`` (a refresh stores first and indexes after; search
# indexes anything pending before it runs, so results are never stale).
SCHEMA_V2 = """
CREATE TABLE fts_pending (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
"""

# Version 3: sync with a Google Reader API server (newsreader.services.sync).
# ``sync_feeds`` maps a local feed to the server's stream id (NULL: it was on the
# server and is gone, so it is not uploaded again); ``sync_items`` maps server item
# ids (decimal) to local articles; ``sync_outbox`` holds each local mark not yet
# pushed, written in the same transaction as the mark (keyed by item, so a mark of an
# article that retention deleted is still pushed); ``sync_state`` holds the pull's
# high-water marks.
SCHEMA_V3 = """
CREATE TABLE sync_feeds (
    feed_id   INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
    stream_id TEXT UNIQUE
);
CREATE TABLE sync_items (
    item_id    TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX sync_items_article ON sync_items(article_id);
CREATE TABLE sync_outbox (
    item_id TEXT NOT NULL,
    flag    TEXT NOT NULL CHECK (flag IN ('read', 'bookmarked')),
    value   INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (item_id, flag)
);
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Version 4: where the reader left off. ``read_progress`` is how far down an
# article the reader's screen reached, in thousandths (1000: read to the end);
# ``app_state`` holds small named values the app keeps between runs (the open
# view and article, the list width, whether the samples were offered).
SCHEMA_V4 = """
ALTER TABLE articles ADD COLUMN read_progress INTEGER NOT NULL DEFAULT 0;
CREATE TABLE app_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Version 5: full text from an article's web page, beside the feed's body (which is
# never replaced), and each feed's full-text mode ('' follows the config).
SCHEMA_V5 = """
ALTER TABLE feeds ADD COLUMN full_text TEXT NOT NULL DEFAULT '';
CREATE TABLE full_texts (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    status     TEXT NOT NULL,             -- 'ok' or 'kept-summary'
    reason     TEXT NOT NULL DEFAULT '',  -- why the summary was kept
    url        TEXT NOT NULL DEFAULT '',  -- the page it came from (after redirects)
    blocks     BLOB,                      -- compressed JSON blocks when 'ok'
    fetched    INTEGER NOT NULL           -- unix seconds
);
"""

# Version 6: feed edits made while synced (subscribe, unsubscribe, rename, set tags),
# queued in the transaction that makes them and pushed by the next sync with
# ``subscription/edit``. One row per feed URL; ``stream_id`` is the server's id
# (NULL: a new feed, not on the server yet); ``title``/``tags`` are what to send
# (NULL: unchanged); ``old_tags`` the tags the server had (removed with ``r=``).
SCHEMA_V6 = """
CREATE TABLE sync_feed_edits (
    feed_url  TEXT PRIMARY KEY,
    stream_id TEXT,
    action    TEXT NOT NULL CHECK (action IN ('subscribe', 'unsubscribe', 'edit')),
    title     TEXT,
    tags      TEXT,
    old_tags  TEXT NOT NULL DEFAULT '[]',
    version   INTEGER NOT NULL DEFAULT 1
);
"""

# Version 7: saved searches, shown as views (the query is the text as typed, run
# again whenever the view is shown, so new articles appear in it).
SCHEMA_V7 = """
CREATE TABLE saved_searches (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    query TEXT NOT NULL
);
"""

# Version 8: articles of subscriptions wait in ``full_text_queue`` until a refresh's
# full-text phase has judged them (fetched their page, or found their body long
# enough), so articles stored by ``add``, or by a refresh that was stopped or ran
# out of time, get their full text from the next refresh. And full texts become
# searchable (:func:`reindex_with_full_texts`).
SCHEMA_V8 = """
CREATE TABLE full_text_queue (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
"""


def reindex_with_full_texts(conn: sqlite3.Connection) -> None:
    """Version 8: full texts are searchable (their words join the article's index text).

    Before, a full text fetched from an article's page was not in the index. The
    index is contentless, so an entry can only be removed with the exact text it
    was given; rather than rebuild the old text here (a body kept as HTML needs the
    extractor, which the store does not import), a store that has full texts empties
    the index and puts every article back in ``fts_pending``: the next search or
    refresh indexes them again, full texts included. A store without one is untouched.
    """
    if conn.execute("SELECT 1 FROM full_texts WHERE status = 'ok' LIMIT 1").fetchone() is None:
        return
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
    conn.execute("INSERT OR IGNORE INTO fts_pending (article_id) SELECT id FROM articles")


MIGRATIONS: dict[int, Migration] = {
    1: Migration(SCHEMA_V1),
    2: Migration(SCHEMA_V2),
    3: Migration(SCHEMA_V3),
    4: Migration(SCHEMA_V4),
    5: Migration(SCHEMA_V5),
    6: Migration(SCHEMA_V6),
    7: Migration(SCHEMA_V7),
    8: Migration(SCHEMA_V8, run=reindex_with_full_texts),
}
SCHEMA_VERSION = max(MIGRATIONS)
