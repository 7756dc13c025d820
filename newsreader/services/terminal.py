"""What the terminal says it draws, asked once before the app takes the terminal.

A thin seam for the front end (which may not import :mod:`newsreader.images`):
see :mod:`newsreader.images.query`. Loads no Pillow.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from newsreader.images.query import ask_terminal

__all__ = ["terminal_graphics"]


def terminal_graphics(setting: str, env: Mapping[str, str] | None = None) -> frozenset[str] | None:
    """The graphics protocols the terminal on stdin/stdout answered it draws (``auto`` only),
    or ``None`` when it was not asked (piped, tmux, another setting) or said nothing."""
    try:
        fd_in, fd_out = sys.stdin.fileno(), sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced or closed streams
        return None
    return ask_terminal(setting, os.environ if env is None else env, fd_in, fd_out)
