"""``newsreader config path|show``. Filled in with the config work."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Register the config subcommand."""
