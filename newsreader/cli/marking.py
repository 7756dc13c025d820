"""``newsreader mark-all-read`` and ``newsreader bookmarks export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsreader.cli.common import CliError, common_options, open_store
from newsreader.sanitize import clean_text


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = sub.add_parser(
        "mark-all-read", parents=[common], help="mark every unread article read (or a feed's)"
    )
    p.add_argument("--feed", metavar="FEED", help="only this feed (id, URL or title)")
    p.add_argument("--older-than", metavar="AGE", help="only articles older than AGE (12h, 7d, 2w)")
    p.set_defaults(handler=cmd_mark_all_read)

    p = sub.add_parser("bookmarks", parents=[common], help="bookmarked articles")
    bookmarks_sub = p.add_subparsers(dest="bookmarks_command", metavar="ACTION", required=True)
    q = bookmarks_sub.add_parser(
        "export", parents=[common], help="write the bookmarks as Markdown, HTML or JSON"
    )
    q.add_argument("--format", choices=("md", "html", "json"), default="md")
    q.add_argument("file", nargs="?", metavar="FILE", help="output file (default: stdout)")
    q.set_defaults(handler=cmd_bookmarks_export)


def cmd_mark_all_read(args: argparse.Namespace) -> int:
    from newsreader.services.marks import articles, mark_all_read, parse_age
    from newsreader.services.stores import ListQuery

    try:
        age = parse_age(args.older_than) if args.older_than else None
    except ValueError as error:
        raise CliError(str(error)) from None
    with open_store(args) as store:
        feed = store.find_feed(args.feed) if args.feed else None
        query = ListQuery(feed_id=feed.id if feed else None)
        change = mark_all_read(store, query, feed.title if feed else "all feeds", older_than=age)
    where = clean_text(change.where, 200)
    print(f"Marked {articles(change.count)} read in {where}.")
    return 0


def cmd_bookmarks_export(args: argparse.Namespace) -> int:
    from newsreader.services.exporting import export_bookmarks

    with open_store(args) as store:
        text = export_bookmarks(store, args.format)
    if not args.file or args.file == "-":
        sys.stdout.write(text)
        return 0
    try:
        Path(args.file).write_text(text, encoding="utf-8")
    except OSError as error:
        raise CliError(f"cannot write {args.file}: {error.strerror or error}") from None
    return 0
