"""What the terminal says it draws, asked once before the app takes the terminal.

A thin seam for the front end (which may not import :mod:`newsreader.images`):
see :mod:`newsreader.images.query`. Loads no Pillow.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from newsreader.images.query import Asking, asking

__all__ = ["Asking", "asking_terminal"]


def asking_terminal(setting: str, env: Mapping[str, str] | None = None) -> Asking:
    """Ask the terminal on stdin/stdout what graphics it draws while the ``with`` body runs
    (``auto`` only); the result's ``graphics`` is its answer, or ``None`` when it was not
    asked (piped, tmux, another setting) or said nothing."""
    environ = os.environ if env is None else env
    try:
        fd_in, fd_out = sys.stdin.fileno(), sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced or closed streams
        return asking("off", environ)  # not asked
    return asking(setting, environ, fd_in, fd_out)
