"""Subscription subcommands (add, feeds, remove, rename, tag, opml, import-newsboat, refresh).

Filled in by the subscriptions work.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Register the subscription subcommands."""
