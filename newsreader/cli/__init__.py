"""The command line: ``newsreader [--db PATH] [COMMAND …]``.

Each subcommand lives in a small module that registers its parser and a
handler ``(args) -> int``. Handlers raise :class:`CliError` (or a
:class:`~newsreader.store.StoreError`) for anything the user got wrong; ``main``
turns those into one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import functools
import gettext
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


class TopParser(Parser):
    """The top-level parser: its epilog names the store and config paths, worked out
    only when help is printed (finding the default paths imports platformdirs)."""

    @property
    def epilog(self) -> str:
        return f"store: {db_path()}  ·  config: {config_path()}"

    @epilog.setter
    def epilog(self, value: object) -> None:
        pass


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (every subcommand has ``--help``)."""
    # argparse translates each of its ~200 strings through gettext, which looks for
    # catalogues on disk every time (failures are not cached): ~2.5 ms of every command.
    # The language cannot change while the process runs, so one look-up per string.
    if not isinstance(argparse._, functools._lru_cache_wrapper):  # type: ignore[attr-defined]
        argparse._ = functools.lru_cache(maxsize=None)(gettext.gettext)  # type: ignore[attr-defined]
    parser = TopParser(
        prog="newsreader",
        description="A terminal news reader. With no command, opens the reader.",
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
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
