"""A sync for the app's refresh path: the same progress and summary types as a refresh.

The app's ``r`` (and its start-up and timed refreshes) sync instead of
refreshing when ``[sync]`` is configured; the status line and the notification
need no change, because this reports :class:`RefreshProgress` and returns a
:class:`RefreshSummary`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsreader.config import Config
from newsreader.services.refresh.progress import RefreshProgress, RefreshSummary
from newsreader.services.sync.run import SyncProgress, sync_path


def sync_for_app(
    store_path: Path, config: Config, on_progress: Callable[[RefreshProgress], None]
) -> RefreshSummary:
    """Sync on the calling thread; raises ``SyncError`` (one line) when it fails."""

    def report(step: SyncProgress) -> None:
        if step.stage == "indexing for search":
            on_progress(RefreshProgress(1, 1, step.new_articles, 0, "", step.done, step.total))
        else:
            done = min(step.done, step.total) if step.total else 0
            on_progress(RefreshProgress(done, step.total, step.new_articles, 0, step.stage))

    summary = sync_path(store_path, config, report)
    return RefreshSummary(
        feeds=summary.feeds,
        new_articles=summary.new_articles,
        updated_articles=summary.updated_articles,
        errors=0,
        seconds=summary.seconds,
        stored_seconds=summary.seconds,
    )
