"""Helpers shared by the subcommand modules."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from newsreader.paths import db_path
from newsreader.sanitize import clean_text, escape_controls


class CliError(Exception):
    """A user error: printed as one line, exit status ``exit_code``."""

    exit_code = 1


def open_store(args: argparse.Namespace):  # -> Store (imported lazily)
    """Open the store chosen by ``--db`` / ``$NEWSREADER_DB`` / the data dir."""
    from newsreader.services.stores import open_store

    return open_store(db_path(getattr(args, "db", None)))


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8, one document; controls and bidi characters as ``\\uXXXX``."""
    sys.stdout.write(escape_controls(json.dumps(data, ensure_ascii=False, indent=2)))
    sys.stdout.write("\n")


def shown(value: object, max_len: int = 300) -> str:
    """A stored value (title, URL, error) as one clean line for the terminal."""
    return clean_text(value, max_len)


def parse_id(value: str) -> int:
    """An article id argument."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an article id: {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"not an article id: {value!r}")
    return number


def common_options() -> argparse.ArgumentParser:
    """``--db``/``--config`` accepted after the subcommand too."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="store file")
    parent.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS, help="config file")
    return parent
