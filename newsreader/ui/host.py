"""What the reader's screens may ask of the application they run in.

Screens ask the app (through this interface) and listen to its signals; the app
never calls a screen's methods. :class:`~newsreader.ui.app.NewsApp` implements it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.signal import Signal

from newsreader.config import Config
from newsreader.services.refresh.progress import RefreshProgress
from newsreader.services.stores import Store


@dataclass(frozen=True, slots=True)
class StoreChanged:
    """Articles were added or changed behind the screens' backs (import, refresh)."""

    keep_position: bool = True  # keep the list's cursor on the same article
    articles_changed: bool = False  # an open article may have new text: show it again


class ReaderHost(App[None]):
    """The application side of the reader, as its screens see it."""

    store: Store
    store_path: Path
    config: Config
    clock: Callable[[], datetime]
    refresh_progress: RefreshProgress | None
    store_changed: Signal[StoreChanged]
    """Published when articles were stored or changed outside the screens."""
    refresh_progressed: Signal[RefreshProgress | None]
    """Published as a refresh moves on; ``None`` when it has ended."""
    closing: Signal[None]
    """Published as the app quits, while the store is still open (screens keep their place)."""

    @property
    def indexing(self) -> bool:
        """A refresh has stored every article and its search index is catching up."""
        raise NotImplementedError

    def start_refresh(self, quiet: bool = False) -> bool:
        """Refresh every subscription in the background; ``False`` when nothing started."""
        raise NotImplementedError
