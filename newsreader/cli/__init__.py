"""The command line: ``newsreader [--db PATH] [COMMAND …]``.

Each subcommand lives in a small module that registers its parser and a
handler ``(args) -> int``. Handlers raise :class:`CliError` (or a
:class:`~newsreader.store.StoreError`) for anything the user got wrong; ``main``
turns those into one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from newsreader import __version__
from newsreader.cli import articles, cache, feeds, fulltext, marking, settings, sync
from newsreader.cli.common import CliError
from newsreader.paths import config_path, db_path
from newsreader.sanitize import clean_text

MODULES = (articles, cache, feeds, fulltext, marking, settings, sync)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (every subcommand has ``--help``)."""
    parser = Parser(
        prog="newsreader",
        description="A terminal news reader. With no command, opens the reader.",
        epilog=f"store: {db_path()}  ·  config: {config_path()}",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="store file (default: $NEWSREADER_DB or the data dir)"
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="config file (default: $NEWSREADER_CONFIG or the config dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in MODULES:
        module.register(sub)
    return parser


def run_app(args: argparse.Namespace) -> int:
    """Open the Textual reader (imported lazily: the CLI never loads Textual)."""
    from newsreader.ui.launch import launch

    return launch(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsreader`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None) or run_app
    from newsreader.services.stores import StoreError

    try:
        return int(handler(args) or 0)
    except (CliError, StoreError) as error:
        print(f"newsreader: {clean_text(str(error), 500)}", file=sys.stderr)
        return getattr(error, "exit_code", 1)
    except KeyboardInterrupt:
        print("newsreader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
