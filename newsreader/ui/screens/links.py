"""The link picker: an article's numbered links; type a number, then open or copy it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

LinkChoice = tuple[str, str]
"""``("open" | "copy", url)``."""


class LinkPicker(ModalScreen[LinkChoice | None]):
    """The numbered links of the article (as ``[n]`` in the text); digits pick one.

    ``enter`` or ``o`` opens the chosen link in the browser, ``y`` copies it,
    ``escape`` closes. The URLs are drawn as ``Text``, never as markup or as
    terminal hyperlinks.
    """

    DEFAULT_CSS = """
    LinkPicker { align: center middle; }
    #links-box {
        width: 90; max-width: 95%; height: auto; max-height: 80%;
        padding: 1 2; border: round $accent; background: $surface;
    }
    #links-title { margin-bottom: 1; }
    #links-list { height: auto; max-height: 20; }
    #links-foot { margin-top: 1; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,q", "cancel", "Close", id="links_close"),
        Binding("o", "choose('open')", "Open", id="links_open"),
        Binding("y", "choose('copy')", "Copy", id="links_copy"),
    ]

    def __init__(self, links: tuple[str, ...]) -> None:
        super().__init__()
        self.links = links
        self.typed = ""

    def compose(self) -> ComposeResult:
        width = len(str(len(self.links)))
        options = [
            Option(Text.assemble((f"[{n}]".rjust(width + 2), "bold"), " ", url), id=str(n))
            for n, url in enumerate(self.links, 1)
        ]
        with Vertical(id="links-box"):
            yield Static(Text("Links · type a number", style="bold"), id="links-title")
            yield OptionList(*options, id="links-list")
            yield Static(
                Text("enter/o: open in the browser · y: copy · escape: close", "dim"),
                id="links-foot",
            )

    @property
    def options(self) -> OptionList:
        return self.query_one("#links-list", OptionList)

    def on_mount(self) -> None:
        self.options.highlighted = 0
        self.options.focus()

    def on_key(self, event: events.Key) -> None:
        if event.character is not None and event.character.isdigit():
            self.typed = (self.typed + event.character)[-6:]
        elif event.key == "backspace":
            self.typed = self.typed[:-1]
        else:
            return
        event.stop()
        if self.typed and 1 <= int(self.typed) <= len(self.links):
            self.options.highlighted = int(self.typed) - 1
        elif self.typed:
            self.typed = event.character or ""  # "12" past the end: start again from this digit
            if self.typed.isdigit() and 1 <= int(self.typed) <= len(self.links):
                self.options.highlighted = int(self.typed) - 1

    def action_choose(self, action: str) -> None:
        index = self.options.highlighted
        if index is not None and 0 <= index < len(self.links):
            self.dismiss((action, self.links[index]))

    @on(OptionList.OptionSelected, "#links-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(("open", self.links[event.option_index]))

    def action_cancel(self) -> None:
        self.dismiss(None)
