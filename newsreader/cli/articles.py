"""Article subcommands: import, list, show, links, search, read/unread, bookmark/unbookmark."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsreader.cli.common import (
    CliError,
    common_options,
    open_store,
    parse_id,
    print_json,
    shown,
)
from newsreader.sanitize import clean_text


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import feed XML, saved HTML pages or pasted-text articles",
        description="Import files: feed XML (RSS/Atom), a saved HTML page or a plain-text "
        "article. Prints ID<TAB>title for each article stored.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("list", parents=[common], help="list stored articles, newest first")
    p.add_argument("--unread", action="store_true", help="only unread articles")
    p.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")
    p.add_argument("--feed", metavar="NAME", help="only this feed (id, URL or title)")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="at most N (default: all)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", parents=[common], help="print one article as the reader lays it out")
    p.add_argument("id", type=parse_id)
    p.add_argument("--json", action="store_true", help="the article model as JSON")
    p.add_argument("--width", type=int, default=0, metavar="N", help="columns (default: terminal)")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser(
        "links",
        parents=[common],
        help="print an article's numbered links",
        description="Print the links of an article's text, numbered as the reader shows them "
        "(N<TAB>URL, each target once, in reading order).",
    )
    p.add_argument("id", type=parse_id)
    p.add_argument("--json", action="store_true", help="a JSON array of {number, url}")
    p.set_defaults(handler=cmd_links)

    p = sub.add_parser(
        "search",
        parents=[common],
        help="full-text search (the app's search language)",
        description="Search stored articles, newest first, as the app's / does: words, "
        '"a phrase", harb* (a prefix; the last word widens to one when whole words find '
        "too few), title:word, feed:NAME (part of a feed's title), is:unread, is:read, "
        "is:bookmarked, and -word / -is:unread / not is:bookmarked to leave out. "
        "Prints ID<TAB>feed<TAB>title.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (default 50)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--save", metavar="NAME", help="also save the search as a view named NAME")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser(
        "searches",
        parents=[common],
        help="list saved searches (NAME<TAB>unread<TAB>query)",
        description="List the saved searches (the app shows them as views), or forget one.",
    )
    p.add_argument("--delete", metavar="NAME", help="forget the saved search NAME")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_searches)

    for name, column, value, text in (
        ("read", "read", True, "mark articles read"),
        ("unread", "read", False, "mark articles unread"),
        ("bookmark", "bookmarked", True, "bookmark articles"),
        ("unbookmark", "bookmarked", False, "remove bookmarks"),
    ):
        p = sub.add_parser(name, parents=[common], help=text)
        p.add_argument("ids", nargs="+", type=parse_id, metavar="ID")
        p.set_defaults(handler=cmd_mark, column=column, value=value)


def cmd_import(args: argparse.Namespace) -> int:

    failures = 0
    with open_store(args) as store:
        for outcome in _imports(store, args.paths):
            if outcome.error:
                failures += 1
                print(
                    f"newsreader: {clean_text(str(outcome.path))}: {outcome.error}", file=sys.stderr
                )
            for saved in outcome.saved:
                print(f"{saved.id}\t{shown(saved.title)}")
    return 1 if failures else 0


def _imports(store, paths: list[str]):  # -> Iterator[Imported]
    """Each path's outcome in turn; ``-`` is standard input (read once, bounded)."""
    from newsreader.services.importing import (
        MAX_IMPORT_BYTES,
        Imported,
        ImportFailed,
        import_data,
        import_files,
    )

    for path in paths:
        if path != "-":
            yield from import_files(store, [path])
            continue
        data = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        try:
            yield Imported(Path("-"), import_data(store, data))
        except ImportFailed as error:
            yield Imported(Path("-"), error=str(error))


def cmd_list(args: argparse.Namespace) -> int:
    from newsreader.services.stores import ListQuery

    with open_store(args) as store:
        feed_id = store.find_feed(args.feed).id if args.feed else None
        query = ListQuery(unread=args.unread, bookmarked=args.bookmarked, feed_id=feed_id)
        rows = []
        after = None
        while True:
            page = store.list_articles(query, limit=1000, after=after)
            rows.extend(page)
            if len(page) < 1000 or (args.limit and len(rows) >= args.limit):
                break
            after = page[-1].cursor
        if args.limit:
            rows = rows[: args.limit]
    if args.json:
        print_json([r.to_dict() for r in rows])
        return 0
    for r in rows:
        marks = ("*" if r.bookmarked else " ") + (" " if r.read else "N")
        date = r.published.strftime("%Y-%m-%d") if r.published else "          "
        print(f"{r.id}\t{marks}\t{date}\t{shown(r.feed)}\t{shown(r.title)}")
    return 0


def _article(args: argparse.Namespace):  # -> Article
    """The article ``args.id`` with its blocks; a one-line error when there is none."""
    from newsreader.services.reading import get_article

    with open_store(args) as store:
        article = get_article(store, args.id)
    if article is None:
        raise CliError(f"no article with id {args.id}")
    return article


def cmd_show(args: argparse.Namespace) -> int:
    article = _article(args)
    if args.json:
        print_json(article.to_dict())
        return 0
    from newsreader.layout import render, render_plain

    tty = sys.stdout.isatty()
    # --width, else the terminal's (or $COLUMNS, piped or not), else 100.
    import shutil

    width = args.width or shutil.get_terminal_size((100, 24)).columns
    if width < 20:
        raise CliError("--width must be at least 20")
    if tty:
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=False, width=width)
        for line in render(article, width):
            console.print(line, overflow="ignore", crop=False)
    else:
        text = render_plain(article, width)
        sys.stdout.write(text + "\n" if text else "")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    article = _article(args)
    links = article.links
    if args.json:
        print_json([{"number": n, "url": url} for n, url in enumerate(links, 1)])
        return 0
    for n, url in enumerate(links, 1):
        print(f"{n}\t{url}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from newsreader.services.query import QueryError, search

    text = " ".join(args.query)
    if args.limit < 0:
        raise CliError("--limit must be 0 or more")
    with open_store(args) as store:
        try:
            found = search(store, text, limit=args.limit)
        except QueryError as error:
            raise CliError(f"search {text!r}: {error}") from None
        if args.save:
            name = clean_text(args.save, 100)
            if not name:
                raise CliError("--save needs a name")
            store.save_search(name, text)
    if args.json:
        print_json([r.to_dict() for r in found.rows])
    else:
        for r in found.rows:
            print(f"{r.id}\t{shown(r.feed)}\t{shown(r.title)}")
    if len(found.rows) < found.total or found.capped:
        print(
            f"newsreader: {len(found.rows):,} of {found.total_text} shown; use --limit",
            file=sys.stderr,
        )
    if args.save:
        print(f"newsreader: saved as {shown(name)!r}", file=sys.stderr)
    return 0


def cmd_searches(args: argparse.Namespace) -> int:
    from newsreader.services.query import saved_views

    with open_store(args) as store:
        if args.delete:
            match = [s for s in store.saved_searches() if s.name == args.delete]
            if not match:
                raise CliError(f"no saved search is named {args.delete!r}")
            store.delete_saved_search(match[0].id)
            return 0
        views = saved_views(store)
    if args.json:
        print_json(
            [
                {"name": v.saved.name, "query": v.saved.query, "unread": v.unread, "error": v.error}
                for v in views
            ]
        )
        return 0
    for v in views:
        count = v.error or f"{v.unread:,}"
        print(f"{shown(v.saved.name)}\t{count}\t{shown(v.saved.query)}")
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        setter = store.set_read if args.column == "read" else store.set_bookmarked
        found = setter(args.ids, args.value)
    if found < len(set(args.ids)):
        raise CliError("some ids were not found; the others were updated")
    return 0
