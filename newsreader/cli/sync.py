"""``newsreader sync`` (push local marks, then pull) and ``newsreader sync login``."""

from __future__ import annotations

import argparse
import sys

from newsreader.cli.common import CliError, common_options, open_store
from newsreader.sanitize import clean_text


def register(sub: argparse._SubParsersAction) -> None:
    """Register the sync subcommands."""
    common = common_options()
    p = sub.add_parser(
        "sync",
        parents=[common],
        help="sync with a FreshRSS or Miniflux server (Google Reader API)",
        description="Push the marks made here (read, unread, bookmarks) to the server, then "
        "take its subscriptions, new articles and marks. Marks not pushed yet win over the "
        "server's; otherwise the server's state wins. Configure [sync] in the config file.",
    )
    p.add_argument(
        "--full-text",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="then fetch the web pages of new articles whose feed wants them, as refresh "
        "does; default: [refresh] full_text_on_refresh, on",
    )
    p.set_defaults(handler=cmd_sync)
    actions = p.add_subparsers(dest="sync_command", metavar="login")
    q = actions.add_parser(
        "login", parents=[common], help="check the server address and the credentials"
    )
    q.set_defaults(handler=cmd_login)


def _config(args: argparse.Namespace):
    from newsreader.cli.feeds import load_cli_config

    return load_cli_config(args)


def cmd_login(args: argparse.Namespace) -> int:
    import asyncio

    from newsreader.services.sync import SyncError, check_login

    config = _config(args)
    try:
        print(clean_text(asyncio.run(check_login(config)), 500))
    except SyncError as error:
        raise CliError(f"sync login: {error}") from None
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from newsreader.services.sync import SyncError

    config = _config(args)
    with open_store(args) as store:
        try:
            summary = _run(store, config, getattr(args, "full_text", None))
        except SyncError as error:
            queued = store.synced_counts()["queued"]
            later = f" ({queued:,} local marks kept for the next sync)" if queued else ""
            raise CliError(f"sync failed: {error}{later}") from None
    for title in summary.refused_feeds:
        print(f"newsreader: the server refused the feed {clean_text(title, 200)}", file=sys.stderr)
    print(f"Synced: {summary.line()}.")
    return 0


def _run(store, config, full_text: bool | None = None):
    import asyncio

    from newsreader.services.sync import sync_store

    if not sys.stderr.isatty():
        return asyncio.run(sync_store(store, config, full_text=full_text))
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[new]} new"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("syncing", total=None, new=0)

        def report(step) -> None:
            progress.update(
                task,
                description=step.stage,
                completed=step.done,
                total=step.total or None,
                new=step.new_articles,
            )

        return asyncio.run(sync_store(store, config, report, full_text=full_text))
