"""``newsreader cache show|clear``: the picture cache (where it is, its size; empty it)."""

from __future__ import annotations

import argparse

from newsreader.cli.common import common_options


def register(sub: argparse._SubParsersAction) -> None:
    """Register the cache subcommand."""
    common = common_options()
    p = sub.add_parser("cache", parents=[common], help="the picture cache: its size, or empty it")
    cache_sub = p.add_subparsers(dest="cache_command", metavar="show|clear", required=True)
    q = cache_sub.add_parser(
        "show", parents=[common], help="print the cache folder, its pictures and their size"
    )
    q.set_defaults(handler=cmd_show)
    q = cache_sub.add_parser("clear", parents=[common], help="remove every cached picture")
    q.set_defaults(handler=cmd_clear)


def _pictures(args: argparse.Namespace):  # -> Pictures (imported lazily: Pillow)
    from newsreader.config import load_config
    from newsreader.paths import config_path
    from newsreader.services.pictures import Pictures

    config = load_config(config_path(getattr(args, "config", None))).config
    return Pictures(config)


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.1f} KB"


def cmd_show(args: argparse.Namespace) -> int:
    pictures = _pictures(args)
    count, size = pictures.usage()
    cap = pictures.cache.max_bytes
    print(f"{pictures.root}")
    print(f"{count} picture{'s' if count != 1 else ''}, {_size(size)} (limit {_size(cap)})")
    return 0


def cmd_clear(args: argparse.Namespace) -> int:
    pictures = _pictures(args)
    count, size = pictures.clear()
    print(f"removed {count} picture{'s' if count != 1 else ''} ({_size(size)})")
    return 0
