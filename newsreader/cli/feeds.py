"""Subscription subcommands: add, feeds, remove, rename, tag, opml, import-newsboat, refresh."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from newsreader.cli.common import CliError, common_options, open_store, print_json, shown
from newsreader.sanitize import clean_text, clean_url


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


def _import_subscriptions(store, subscriptions) -> tuple[int, int]:
    """Subscribe to every feed of an import in one transaction: (added, already subscribed)."""
    return store.add_feeds((s.url, s.title or s.url, s.tags, s.site_url) for s in subscriptions)


def _print_notes(notes: list[str]) -> None:
    for note in notes:
        print(f"newsreader: {clean_text(note, 300)}", file=sys.stderr)


# -- add --------------------------------------------------------------------
def cmd_add(args: argparse.Namespace) -> int:
    from newsreader.feeds.fetch import FetchError, check_url

    raw = args.url.strip()
    url = clean_url(raw) or raw  # an unusable URL keeps its spelling for check_url's message
    try:
        check_url(url)
    except FetchError as error:
        raise CliError(str(error)) from None
    tags = [t for t in (clean_text(t, 100) for t in args.tag) if t]
    title = clean_text(args.title or "", 300)
    config = load_cli_config(args)
    with open_store(args) as store:
        _refuse_duplicate(store, url)
        if args.no_fetch:
            feed = store.add_feed(url, title or url, tags)
            print(f"{feed.id}\t{shown(feed.title)}\t{shown(feed.url)}")
            return 0
        import asyncio  # lazy: only commands that fetch pay for asyncio

        fetched, parsed = asyncio.run(_fetch_feed(url, config))
        _refuse_duplicate(store, fetched.url)
        feed = store.add_feed(fetched.url, title or parsed.title or fetched.url, tags)
        from newsreader.feeds.refresh import store_parsed

        saved = store_parsed(store, config, feed, fetched, parsed)
        feed = store.get_feed(feed.id or 0)
    print(f"{feed.id}\t{shown(feed.title)}\t{shown(feed.url)}\t{len(saved)} articles")
    return 0


def _refuse_duplicate(store, url: str) -> None:
    from newsreader.store import UnknownFeed

    try:
        feed = store.find_feed(url)
    except UnknownFeed:
        return
    if feed.url == url:
        raise CliError(f"already subscribed to {url} (as {feed.title!r}, id {feed.id})")


MAX_CANDIDATES = 6  # feed links of a page tried (at once) when it is not a feed itself


async def _fetch_feed(url: str, config):
    """Fetch ``url``; if it is an HTML page, try the feeds it links to. Returns (fetched, parsed).

    One deadline (``refresh.deadline``) bounds the whole ``add``: the page and
    every candidate, which are fetched concurrently. The best-ranked candidate
    that parses wins; at the deadline, the best one that parsed so far.
    """
    import asyncio

    from newsreader.feeds.discover import discover_feeds, looks_like_html
    from newsreader.feeds.fetch import Fetcher, FetchError
    from newsreader.feeds.refresh import parse_job

    loop = asyncio.get_running_loop()
    deadline = loop.time() + config.feed_deadline
    limit = f"{config.feed_deadline:g} s"

    async with Fetcher(config) as fetcher:

        async def attempt(candidate: str):
            """(fetched, parsed) or the reason this candidate failed; never raises."""
            try:
                found = await fetcher.fetch(candidate)
            except FetchError as error:
                return str(error)
            outcome = await asyncio.to_thread(parse_job, found.body, found.url, found.headers)
            return (found, outcome.parsed) if outcome.parsed is not None else outcome.error

        try:
            async with asyncio.timeout_at(deadline):
                fetched = await fetcher.fetch(url)
                outcome = await asyncio.to_thread(
                    parse_job, fetched.body, fetched.url, fetched.headers
                )
        except TimeoutError:
            raise CliError(f"cannot fetch {url}: no answer within {limit} (deadline)") from None
        except FetchError as error:
            raise CliError(f"cannot fetch {url}: {error}") from None
        if outcome.parsed is not None:
            return fetched, outcome.parsed
        content_type = fetched.headers.get("content-type", "")
        if not looks_like_html(fetched.body, content_type):
            raise CliError(f"{url} is not a feed ({outcome.error})")
        candidates = discover_feeds(fetched.body, fetched.url)[:MAX_CANDIDATES]
        if not candidates:
            raise CliError(f"{url} is a web page that names no feed (no <link rel=alternate>)")
        tasks = {asyncio.create_task(attempt(c)): c for c in candidates}
        results: dict[str, object] = {}
        try:
            pending = set(tasks)
            while pending:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                done, pending = await asyncio.wait(
                    pending, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
                )
                for task in done:
                    results[tasks[task]] = task.result()
                best = _best_candidate(candidates, results, final=not pending)
                if best is not None:
                    return best
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        best = _best_candidate(candidates, results, final=True)
        if best is not None:
            return best
        problems = [
            f"{c}: {results.get(c, f'no answer within {limit} (deadline)')}" for c in candidates
        ]
        raise CliError(f"the feeds {url} links to failed: {'; '.join(problems)}")


def _best_candidate(candidates: list[str], results: dict[str, object], *, final: bool):
    """The best-ranked candidate that parsed, once every better one has failed.

    With ``final`` (no more answers will come) the best that parsed at all.
    """
    for candidate in candidates:
        result = results.get(candidate)
        if isinstance(result, tuple):
            return result
        if result is None and not final:
            return None  # a better candidate may still answer
    return None


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


def cmd_remove(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        feed = store.find_feed(args.feed)
        store.remove_feed(feed.id or 0)
    print(f"removed {feed.id}\t{shown(feed.title)}")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    title = clean_text(args.title, 300)
    if not title:
        raise CliError("the new title is empty")
    with open_store(args) as store:
        feed = store.find_feed(args.feed)
        store.rename_feed(feed.id or 0, title)
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    tags = [t for t in (clean_text(t, 100) for t in args.tags) if t]
    with open_store(args) as store:
        feed = store.find_feed(args.feed)
        store.set_tags(feed.id or 0, tags)
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
    from newsreader.feeds.opml import OpmlError, parse_opml

    try:
        imported = parse_opml(_read_file(args.file))
    except OpmlError as error:
        raise CliError(f"{args.file}: {error}") from None
    _print_notes(imported.notes)
    with open_store(args) as store:
        added, existing = _import_subscriptions(store, imported.feeds)
    print(f"added {added} feeds ({existing} already subscribed)")
    return 0


def cmd_opml_export(args: argparse.Namespace) -> int:
    from newsreader.feeds.opml import export_opml

    with open_store(args) as store:
        data = export_opml(store.list_feeds(subscriptions_only=True))
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
    from newsreader.feeds.newsboat import NewsboatError, apply_read_flags, parse_urls, read_flags

    path = args.urls or str(_default_newsboat_urls())
    imported = parse_urls(_read_file(path).decode("utf-8", "replace"))
    _print_notes(imported.notes)
    flags = None
    if args.cache:
        try:
            flags = read_flags(Path(args.cache))
        except NewsboatError as error:
            raise CliError(str(error)) from None
    with open_store(args) as store:
        added, existing = _import_subscriptions(store, imported.feeds)
        print(f"added {added} feeds ({existing} already subscribed)")
        if flags is None:
            return 0
        if not args.no_refresh:
            urls = {s.url for s in imported.feeds}
            ids = [f.id or 0 for f in store.list_feeds(subscriptions_only=True) if f.url in urls]
            _run_refresh(store, load_cli_config(args), ids)
        marked = apply_read_flags(store, flags)
    print(f"marked {marked} articles read (as in newsboat)")
    return 0


# -- refresh ----------------------------------------------------------------
def cmd_refresh(args: argparse.Namespace) -> int:
    config = load_cli_config(args)
    with open_store(args) as store:
        ids = [store.find_feed(spec).id or 0 for spec in args.feeds] if args.feeds else None
        summary = _run_refresh(store, config, ids)
    for result in summary.results:
        if result.error:
            print(f"newsreader: {shown(result.title)}: {shown(result.error)}", file=sys.stderr)
    print(summary.line())
    return 0


def _run_refresh(store, config, ids):
    import asyncio

    from newsreader.feeds.refresh import refresh_feeds

    if not sys.stderr.isatty():
        return asyncio.run(refresh_feeds(store, config, ids))
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
            if p.indexing:  # every article is stored: the search index catches up
                progress.update(
                    task, description="indexing for search", completed=p.indexed, total=p.to_index
                )
                return
            progress.update(
                task, completed=p.done, total=p.total, new=p.new_articles, errors=p.errors
            )

        return asyncio.run(refresh_feeds(store, config, ids, report))
