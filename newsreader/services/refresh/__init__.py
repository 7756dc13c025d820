"""Refreshing subscriptions: fetch → parse → store, one feed's failure never stopping the rest.

- :mod:`.sources`: where news comes from (the :class:`~.sources.Source` protocol;
  HTTP feeds today, a sync server next);
- :mod:`.jobs`: what the parse workers do (parse, encode, index text);
- :mod:`.pool`: the worker pool (processes or one thread);
- :mod:`.progress`: the progress and summary types, the one object the screen sees;
- :mod:`.run`: the run itself (:func:`refresh_feeds`, :func:`refresh_store`).
"""

from __future__ import annotations

from newsreader.services import lazy_attributes

# Where each public name lives. Importing this package imports none of them: the
# app imports the progress types at start-up, and must not pay for httpx or lxml.
_HOMES = {
    "FeedResult": "progress",
    "ProgressCallback": "progress",
    "RefreshProgress": "progress",
    "RefreshSummary": "progress",
    "parse_job": "jobs",
    "parse_store_job": "jobs",
    "make_parse_executor": "pool",
    "refresh_feeds": "run",
    "refresh_store": "run",
    "store_parsed": "run",
    "HttpFeeds": "sources",
    "Source": "sources",
}
__all__ = sorted(_HOMES)


__getattr__ = lazy_attributes(__name__, _HOMES)
