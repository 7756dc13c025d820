"""Full-text subcommands: fetch an article's web page, and each feed's full-text mode."""

from __future__ import annotations

import argparse
import sys

from newsreader.cli.common import CliError, common_options, open_store, parse_id
from newsreader.cli.feeds import load_cli_config
from newsreader.sanitize import clean_text

MODES = ("auto", "always", "never", "default")


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = sub.add_parser(
        "fulltext",
        parents=[common],
        help="fetch the full text of articles from their web pages",
        description="Fetch each article's web page and keep its text beside the feed's "
        "summary (shown instead of it). A log-in wall, a paywall, a consent screen or a "
        "page that is not an article keeps the summary, with the reason. Prints "
        "ID<TAB>outcome<TAB>title for each.",
    )
    p.add_argument("ids", nargs="+", type=parse_id, metavar="ID")
    p.set_defaults(handler=cmd_fulltext)

    p = sub.add_parser(
        "fulltext-mode",
        aliases=["full-text"],
        parents=[common],
        help="show or set when a feed's article pages are fetched",
        description="auto: when an entry's body is short (a summary); always; never; "
        "default: follow [refresh] full_text in the config. Pages are fetched by "
        "every refresh ([refresh] full_text_on_refresh, on; refresh --no-full-text skips it).",
    )
    p.add_argument("feed", metavar="FEED", help="id, URL or title")
    p.add_argument("mode", nargs="?", choices=MODES, help="the new mode (default: show it)")
    p.set_defaults(handler=cmd_mode)


def cmd_fulltext(args: argparse.Namespace) -> int:
    import asyncio

    from newsreader.services.fulltext import fetch_full_texts

    config = load_cli_config(args)
    with open_store(args) as store:
        outcomes = asyncio.run(fetch_full_texts(store, config, args.ids, force=True))
    failed = 0
    for outcome in outcomes:
        if outcome.status == "skipped":
            failed += 1
            print(f"newsreader: {outcome.article_id}: {outcome.reason}", file=sys.stderr)
            continue
        what = "full text" if outcome.status == "ok" else "summary kept"
        detail = f"{what} ({outcome.reason})" if outcome.reason else what
        print(f"{outcome.article_id}\t{detail}\t{clean_text(outcome.title, 200)}")
    return 1 if failed else 0


def cmd_mode(args: argparse.Namespace) -> int:
    from newsreader.services.fulltext import set_mode

    config = load_cli_config(args)
    with open_store(args) as store:
        if args.mode is None:
            feed = store.find_feed(args.feed)
            mode = store.full_text_mode(feed.id or 0)
            shown = mode or f"{config.full_text} (the config's default)"
            print(f"{clean_text(feed.title, 200)}: full text {shown}")
            return 0
        if not store.find_feed(args.feed).url:
            raise CliError("only subscriptions fetch full text (this is a local source)")
        title, mode = set_mode(store, args.feed, args.mode)
    shown = mode or f"{config.full_text} (the config's default)"
    print(f"{clean_text(title, 200)}: full text {shown}")
    return 0
