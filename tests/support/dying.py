"""A job that kills the worker process running it (for broken-pool tests)."""

from __future__ import annotations

import os


def die(*args: object) -> None:
    """Exit the worker process at once, as an out-of-memory kill would."""
    os._exit(1)
