"""Subscription subcommands: add, feeds, remove, rename, tag, opml, import-newsboat, refresh."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from newsreader.cli.common import CliError, common_options, open_store, print_json, shown
from newsreader.sanitize import clean_text
from newsreader.services import feeds as feed_edits


def plural(count: int, word: str) -> str:
    """``"1 article"``, ``"2 articles"``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def register(sub: argparse._SubParsersAction) -> None:
    """Register the subscription subcommands."""
    common = common_options()
    p = sub.add_parser(
        "add",
        parents=[common],
        help="subscribe to a feed (or a web page that links to one)",
        description="Subscribe to URL: a feed, or a web page whose <link rel=alternate> names "
        "one. The feed is fetched once and its articles stored.",
    )
    p.add_argument("url", metavar="URL")
    p.add_argument("--title", metavar="T", help="your title for the feed")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    p.add_argument("--no-fetch", action="store_true", help="subscribe without fetching now")
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("feeds", parents=[common], help="list subscriptions")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_feeds)

    p = sub.add_parser("remove", parents=[common], help="unsubscribe (deletes its articles)")
    p.add_argument("feed", metavar="FEED", help="id, URL or title")
    p.set_defaults(handler=cmd_remove)

    p = sub.add_parser("rename", parents=[common], help="give a feed your own title")
    p.add_argument("feed", metavar="FEED", help="id, URL or title")
    p.add_argument("title", metavar="TITLE")
    p.set_defaults(handler=cmd_rename)

    p = sub.add_parser("tag", parents=[common], help="set a feed's tags (none: clear them)")
    p.add_argument("feed", metavar="FEED", help="id, URL or title")
    p.add_argument("tags", nargs="*", metavar="TAG")
    p.set_defaults(handler=cmd_tag)

    p = sub.add_parser("opml", parents=[common], help="import or export OPML subscription lists")
    opml_sub = p.add_subparsers(dest="opml_command", metavar="import|export", required=True)
    q = opml_sub.add_parser("import", parents=[common], help="subscribe to the feeds in FILE")
    q.add_argument("file", metavar="FILE")
    q.set_defaults(handler=cmd_opml_import)
    q = opml_sub.add_parser("export", parents=[common], help="write subscriptions as OPML 2.0")
    q.add_argument("file", nargs="?", metavar="FILE", help="output file (default: stdout)")
    q.set_defaults(handler=cmd_opml_export)

    p = sub.add_parser(
        "import-newsboat",
        parents=[common],
        help="import newsboat's urls file (and read flags from its cache.db)",
        description='Subscribe to the feeds in newsboat\'s urls file (tags, "~Title" and '
        "comments understood; query feeds skipped). With --cache, the feeds are refreshed "
        "and articles newsboat had read are marked read.",
    )
    p.add_argument("urls", nargs="?", metavar="URLS_FILE", help="default: newsboat's own")
    p.add_argument("--cache", metavar="CACHE_DB", help="newsboat's cache.db, for read flags")
    p.add_argument("--no-refresh", action="store_true", help="with --cache: do not fetch first")
    p.set_defaults(handler=cmd_import_newsboat)

    p = sub.add_parser("refresh", parents=[common], help="fetch new articles")
    p.add_argument("feeds", nargs="*", metavar="FEED", help="id, URL or title (default: all)")
    p.add_argument(
        "--full-text",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="then fetch the web pages of new articles whose feed wants them (see "
        "fulltext-mode; the summaries are stored first); default: [refresh] "
        "full_text_on_refresh, on",
    )
    p.set_defaults(handler=cmd_refresh)


# -- helpers ----------------------------------------------------------------
def load_cli_config(args: argparse.Namespace):
    """The effective config; each problem in the file is printed as a warning."""
    from newsreader.config import load_config
    from newsreader.paths import config_path

    loaded = load_config(config_path(getattr(args, "config", None)))
    for problem in loaded.problems:
        print(f"newsreader: config: {clean_text(problem, 300)}", file=sys.stderr)
    return loaded.config


def _print_notes(notes: list[str]) -> None:
    for note in notes:
        print(f"newsreader: {clean_text(note, 300)}", file=sys.stderr)


# -- add --------------------------------------------------------------------
def cmd_add(args: argparse.Namespace) -> int:
    from newsreader.services.subscribing import SubscribeError, subscribe

    tags = [t for t in (clean_text(t, 100) for t in args.tag) if t]
    title = clean_text(args.title or "", 300)
    config = load_cli_config(args)
    with open_store(args) as store:
        try:
            done = subscribe(
                store, args.url, config, title=title, tags=tags, fetch=not args.no_fetch
            )
        except SubscribeError as error:
            raise CliError(str(error)) from None
    feed = done.feed
    if args.no_fetch:
        print(f"{feed.id}\t{shown(feed.title)}\t{shown(feed.url)}")
    else:
        print(
            f"{feed.id}\t{shown(feed.title)}\t{shown(feed.url)}\t{plural(done.articles, 'article')}"
        )
    return 0


# -- listing and editing ------------------------------------------------------
def cmd_feeds(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        feeds = store.list_feeds(subscriptions_only=True)
    if args.json:
        print_json(
            [
                {
                    "id": f.id,
                    "title": f.title,
                    "url": f.url,
                    "site_url": f.site_url,
                    "tags": list(f.tags),
                    "articles": f.article_count,
                    "unread": f.unread_count,
                    "last_success": f.last_success.isoformat() if f.last_success else None,
                    "last_error": f.last_error or "",
                }
                for f in feeds
            ]
        )
        return 0
    if feeds:
        print("ID\tTITLE\tURL\tTAGS\tUNREAD\tLAST UPDATE")
    for f in feeds:
        when = f.last_success.strftime("%Y-%m-%d %H:%M") if f.last_success else "never"
        tags = shown(",".join(f.tags)) or "-"
        line = (
            f"{f.id}\t{shown(f.title)}\t{shown(f.url)}\t{tags}\t"
            f"{f.unread_count}/{f.article_count} unread\t{when}"
        )
        if f.last_error:
            line += f"\terror: {clean_text(f.last_error, 200)}"
        print(line)
    return 0


def _say_queued(queued: bool) -> None:
    if queued:
        print(f"newsreader: {feed_edits.SYNC_NOTE}", file=sys.stderr)


def cmd_remove(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        feed = store.find_feed(args.feed)
        queued = feed_edits.remove_feed(store, feed.id or 0)
    print(f"removed {feed.id}\t{shown(feed.title)}")
    _say_queued(queued)
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    title = clean_text(args.title, 300)
    if not title:
        raise CliError("the new title is empty")
    with open_store(args) as store:
        feed = store.find_feed(args.feed)
        _say_queued(feed_edits.rename_feed(store, feed.id or 0, title))
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    tags = [t for t in (clean_text(t, 100) for t in args.tags) if t]
    with open_store(args) as store:
        feed = store.find_feed(args.feed)
        _say_queued(feed_edits.tag_feed(store, feed.id or 0, tags))
    return 0


# -- OPML and newsboat ----------------------------------------------------------
def _read_file(path: str, limit: int = 20 * 1024 * 1024) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise CliError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > limit:
        raise CliError(f"{path} is too large")
    return data


def cmd_opml_import(args: argparse.Namespace) -> int:
    from newsreader.services.importing import ImportFailed, add_subscriptions, read_opml

    try:
        imported = read_opml(_read_file(args.file))
    except ImportFailed as error:
        raise CliError(f"{args.file}: {error}") from None
    _print_notes(imported.notes)
    with open_store(args) as store:
        added, existing = add_subscriptions(store, imported.feeds)
    print(f"added {added} feeds ({existing} already subscribed)")
    return 0


def cmd_opml_export(args: argparse.Namespace) -> int:
    from newsreader.services.importing import opml_of

    with open_store(args) as store:
        data = opml_of(store)
    if not args.file or args.file == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        Path(args.file).write_bytes(data)
    except OSError as error:
        raise CliError(f"cannot write {args.file}: {error.strerror or error}") from None
    return 0


def _default_newsboat_urls() -> Path:
    home = Path.home()
    xdg = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "newsboat" / "urls"
    legacy = home / ".newsboat" / "urls"
    return legacy if legacy.exists() or not xdg.exists() else xdg


def cmd_import_newsboat(args: argparse.Namespace) -> int:
    from newsreader.services.importing import (
        ImportFailed,
        add_subscriptions,
        read_newsboat_marks,
        read_newsboat_urls,
    )

    path = args.urls or str(_default_newsboat_urls())
    imported = read_newsboat_urls(_read_file(path).decode("utf-8", "replace"))
    _print_notes(imported.notes)
    flags = None
    if args.cache:
        try:
            flags = read_newsboat_marks(Path(args.cache))
        except ImportFailed as error:
            raise CliError(str(error)) from None
    with open_store(args) as store:
        added, existing = add_subscriptions(store, imported.feeds)
        print(f"added {added} feeds ({existing} already subscribed)")
        if flags is None:
            return 0
        if not args.no_refresh:
            urls = {s.url for s in imported.feeds}
            ids = [f.id or 0 for f in store.list_feeds(subscriptions_only=True) if f.url in urls]
            _run_refresh(store, load_cli_config(args), ids)
        marked = store.mark_read_by_key(flags)
    print(f"marked {plural(marked, 'article')} read (as in newsboat)")
    return 0


# -- refresh ----------------------------------------------------------------
def cmd_refresh(args: argparse.Namespace) -> int:
    config = load_cli_config(args)
    with open_store(args) as store:
        ids = [store.find_feed(spec).id or 0 for spec in args.feeds] if args.feeds else None
        summary = _run_refresh(store, config, ids, full_text=args.full_text)
    for result in summary.results:
        if result.error:
            print(f"newsreader: {shown(result.title)}: {shown(result.error)}", file=sys.stderr)
    print(summary.line())
    return 0


def _run_refresh(store, config, ids, *, full_text: bool | None = None):
    import asyncio

    from newsreader.services.refresh import refresh_feeds

    if not sys.stderr.isatty():
        return asyncio.run(refresh_feeds(store, config, ids, full_text=full_text))
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[new]} new · {task.fields[errors]} errors"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("refreshing", total=None, new=0, errors=0)

        def report(p) -> None:
            if p.full_text:  # stored and indexed: the web pages of summaries
                progress.update(
                    task,
                    description="full text from the web pages",
                    completed=p.pages_done,
                    total=p.pages,
                )
                return
            if p.indexing:  # every article is stored: the search index catches up
                progress.update(
                    task, description="indexing for search", completed=p.indexed, total=p.to_index
                )
                return
            progress.update(
                task, completed=p.done, total=p.total, new=p.new_articles, errors=p.errors
            )

        return asyncio.run(refresh_feeds(store, config, ids, report, full_text=full_text))
