"""``newsreader config path|show``: where the config file is, and the effective config."""

from __future__ import annotations

import argparse
import sys

from newsreader.cli.common import common_options
from newsreader.sanitize import clean_text


def register(sub: argparse._SubParsersAction) -> None:
    """Register the config subcommand."""
    common = common_options()
    p = sub.add_parser("config", parents=[common], help="the config file: its path or contents")
    config_sub = p.add_subparsers(dest="config_command", metavar="path|show", required=True)
    q = config_sub.add_parser("path", parents=[common], help="print the config file's path")
    q.set_defaults(handler=cmd_path)
    q = config_sub.add_parser(
        "show", parents=[common], help="print the effective config as TOML (defaults filled in)"
    )
    q.set_defaults(handler=cmd_show)


def cmd_path(args: argparse.Namespace) -> int:
    from newsreader.paths import config_path

    print(config_path(getattr(args, "config", None)))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from newsreader.config import load_config, to_toml
    from newsreader.paths import config_path

    loaded = load_config(config_path(getattr(args, "config", None)))
    for problem in loaded.problems:
        print(f"newsreader: config: {clean_text(problem, 300)}", file=sys.stderr)
    sys.stdout.write(to_toml(loaded.config))
    return 0
