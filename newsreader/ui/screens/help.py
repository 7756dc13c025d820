"""The ``?`` help screen: the reader's keys grouped by task, as currently mapped."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from newsreader.ui.screens.bindings import GROUPS

FOCUS_MODEL = (
    "With an article open (enter), the keys act on it at every width: j/k scroll a line, "
    "space a page (and at its end opens the next unread), g/G go to its top and bottom, "
    "and m, b, o, y mark, bookmark, open or copy the article on screen. escape goes back "
    "to the list, where the same keys move the cursor and act on the highlighted row."
)


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """``(keys, description)`` for each of the reader's actions on ``screen``, remaps applied.

    Only the screen's own bindings: the framework's (and the focused widget's) are
    not the reader's keys.
    """
    by_action: dict[str, tuple[list[str], str]] = {}
    for active in screen.active_bindings.values():
        if active.node is not screen:
            continue
        binding = active.binding
        keys, _ = by_action.setdefault(binding.action, ([], binding.description))
        shown = screen.app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description) for keys, description in by_action.values()]


def grouped_rows(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The key rows under their task headings (:data:`GROUPS`), in that order."""
    rows = dict((description, keys) for keys, description in key_rows(screen))
    by_id = {}
    for active in screen.active_bindings.values():
        if active.node is screen and active.binding.id:
            by_id[active.binding.id] = active.binding.description
    groups = []
    for title, ids in GROUPS:
        entries = [(rows[by_id[i]], by_id[i]) for i in ids if i in by_id and by_id[i] in rows]
        if entries:
            groups.append((title, entries))
    return groups


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help_close"),
    ]

    def __init__(self, main: Screen) -> None:
        super().__init__()
        self.rows = key_rows(main)
        self.groups = grouped_rows(main)

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", justify="right")
        table.add_column()
        for number, (title, entries) in enumerate(self.groups):
            if number:
                table.add_row("", "")
            table.add_row(Text(""), Text(title, style="bold underline"))
            for keys, description in entries:
                table.add_row(Text(keys), Text(description))
        with VerticalScroll(id="help-box"):
            yield Static(Text("newsreader · keys", style="bold"), id="help-title")
            yield Static(Text(FOCUS_MODEL), id="help-model")
            yield Static(table, id="help-table")
            yield Static(
                Text(
                    "Ctrl+P: every command, by name · mouse: click to open, wheel to scroll",
                    "dim",
                ),
                id="help-foot",
            )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
