"""Small modal dialogs of the reader (every text in them is ``Text``, never markup)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from newsreader.sanitize import clean_text


class LinkFailedScreen(ModalScreen[bool]):
    """The browser could not open a link: say why and offer to copy it (``True``)."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,q", "dismiss(False)", "Close", id="dialog_close"),
        Binding("c,y", "dismiss(True)", "Copy link", id="dialog_copy"),
    ]

    def __init__(self, problem: str, url: str) -> None:
        super().__init__()
        self.problem = clean_text(problem, 300)
        self.url = clean_text(url, 2000)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box", classes="dialog"):
            yield Static(Text("Could not open the link", style="bold"), classes="dialog-title")
            yield Static(Text(self.problem), classes="dialog-text")
            yield Static(Text(self.url, style="dim", overflow="fold"), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Copy link (c)", id="copy", variant="primary")
                yield Button("Close (esc)", id="close")

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "copy")
