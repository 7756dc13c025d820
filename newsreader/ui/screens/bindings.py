"""The reader's key bindings, each with an id so the config file can remap it."""

from __future__ import annotations

from textual.binding import Binding

MAIN_BINDINGS: list[Binding] = [
    Binding("j,down", "cursor_down", "Down", id="cursor_down", show=False),
    Binding("k,up", "cursor_up", "Up", id="cursor_up", show=False),
    Binding("enter", "open", "Open", id="open"),
    Binding("escape", "back", "Back", id="back", show=False),
    Binding("space,pagedown", "page_down", "Page down", id="page_down", show=False),
    Binding("pageup", "page_up", "Page up", id="page_up", show=False),
    Binding("g,home", "top", "Top", id="top", show=False),
    Binding("G,end", "bottom", "Bottom", id="bottom", show=False),
    Binding("n", "next_unread", "Next unread", id="next_unread"),
    Binding("p", "previous_unread", "Prev unread", id="previous_unread", show=False),
    Binding("right_square_bracket", "next_match", "Next match", id="next_match", show=False),
    Binding(
        "left_square_bracket", "previous_match", "Previous match", id="previous_match", show=False
    ),
    Binding("m", "toggle_read", "Read/unread", id="toggle_read"),
    Binding("b", "toggle_bookmark", "Bookmark", id="toggle_bookmark"),
    Binding("A", "mark_view_read", "Mark view read", id="mark_view_read", show=False),
    Binding("M", "mark_feed_read", "Mark feed read", id="mark_feed_read", show=False),
    Binding("U", "undo_mark", "Undo mark all", id="undo_mark", show=False),
    Binding("a", "view_all", "All", id="view_all", show=False),
    Binding("u", "view_unread", "Unread", id="view_unread", show=False),
    Binding("B", "view_bookmarks", "Bookmarks", id="view_bookmarks", show=False),
    Binding("slash", "search", "Search", id="search"),
    Binding("S", "save_search", "Save this search", id="save_search", show=False),
    Binding("s", "sort", "Sort order", id="sort", show=False),
    Binding("o", "open_link", "Open link", id="open_link", show=False),
    Binding("y", "copy_link", "Copy link", id="copy_link", show=False),
    Binding("L", "pick_link", "Links in the article", id="pick_link", show=False),
    Binding("r", "refresh", "Refresh", id="refresh", show=False),
    Binding("t", "full_text", "Full text from the web", id="full_text", show=False),
    Binding("backslash,f", "toggle_list", "Full width", id="toggle_list", show=False),
    Binding("greater_than_sign", "wider_list", "Wider list", id="wider_list", show=False),
    Binding("less_than_sign", "narrower_list", "Narrower list", id="narrower_list", show=False),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
]
"""Every binding of the main screen (the help screen and the palette list them)."""

GROUPS: list[tuple[str, list[str]]] = [
    (
        "Moving (the article when one is open, else the list)",
        ["cursor_down", "cursor_up", "page_down", "page_up", "top", "bottom"],
    ),
    (
        "Reading",
        ["open", "back", "next_unread", "previous_unread", "next_match", "previous_match"],
    ),
    (
        "The article on screen (else the highlighted row)",
        ["toggle_read", "toggle_bookmark", "open_link", "copy_link", "pick_link", "full_text"],
    ),
    ("Marking many", ["mark_view_read", "mark_feed_read", "undo_mark"]),
    (
        "Views",
        ["view_all", "view_unread", "view_bookmarks", "search", "save_search", "sort", "refresh"],
    ),
    ("Layout", ["toggle_list", "wider_list", "narrower_list"]),
    ("The app", ["help", "quit"]),
]
"""The help screen's headings and the binding ids under each, in order."""

PALETTE_COMMANDS: list[tuple[str, str, str]] = [
    ("Sort newest first", "sort('newest')", "the list, in every view"),
    ("Sort oldest first", "sort('oldest')", "the list, in every view"),
    ("Sort by feed", "sort('feed')", "feeds A–Z, newest first in each"),
    ("Sort by title", "sort('title')", "titles A–Z"),
    ("Add feed", "add_feed", "subscribe to a feed or a site"),
    ("Remove feed", "remove_feed", "the current feed, or the article's"),
    ("Rename feed", "rename_feed", "the current feed, or the article's"),
    ("Tag feed", "tag_feed", "the current feed, or the article's"),
    ("Remove saved search", "remove_saved_search", "the saved search shown or highlighted"),
    ("Export bookmarks as Markdown", "export_bookmarks('md')", "~/newsreader-bookmarks.md"),
    ("Export bookmarks as HTML", "export_bookmarks('html')", "~/newsreader-bookmarks.html"),
    ("Export bookmarks as JSON", "export_bookmarks('json')", "~/newsreader-bookmarks.json"),
]
"""Commands with no key of their own: ``(name, screen action, help)`` for the palette."""
