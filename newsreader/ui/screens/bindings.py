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
    Binding("m", "toggle_read", "Read/unread", id="toggle_read"),
    Binding("b", "toggle_bookmark", "Bookmark", id="toggle_bookmark"),
    Binding("a", "view_all", "All", id="view_all", show=False),
    Binding("u", "view_unread", "Unread", id="view_unread", show=False),
    Binding("B", "view_bookmarks", "Bookmarks", id="view_bookmarks", show=False),
    Binding("slash", "search", "Search", id="search"),
    Binding("o", "open_link", "Open link", id="open_link", show=False),
    Binding("y", "copy_link", "Copy link", id="copy_link", show=False),
    Binding("r", "refresh", "Refresh", id="refresh", show=False),
    Binding("t", "full_text", "Full text from the web", id="full_text", show=False),
    Binding("backslash,f", "toggle_list", "Full width", id="toggle_list", show=False),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "app.quit", "Quit", id="quit"),
]
"""Every binding of the main screen (the help screen and the palette list them)."""
