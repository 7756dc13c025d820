"""Sync with a Google Reader API server (FreshRSS, Miniflux): marks, subscriptions, articles.

- :mod:`.client`: the API and every server difference (:class:`~.client.Dialect`);
- :mod:`.credentials`: where the password comes from;
- :mod:`.build`: server items → stored articles;
- :mod:`.run`: one sync (push the outbox, then pull) and the conflict rule:
  **an unpushed local change wins; otherwise the server's state wins.**
"""

from __future__ import annotations

from newsreader.services import lazy_attributes

_HOMES = {
    "AuthError": "client",
    "GReaderClient": "client",
    "SyncError": "client",
    "Credentials": "credentials",
    "resolve": "credentials",
    "SyncProgress": "run",
    "SyncSummary": "run",
    "check_login": "run",
    "sync_path": "run",
    "sync_store": "run",
}
__all__ = sorted(_HOMES)


__getattr__ = lazy_attributes(__name__, _HOMES)
