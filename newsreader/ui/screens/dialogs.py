"""Small modal dialogs of the reader (every text in them is ``Text``, never markup)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from newsreader.sanitize import clean_text
from newsreader.ui.host import ReaderHost


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


class PromptScreen(ModalScreen["str | None"]):
    """Ask for one line of text: enter gives it back, escape gives ``None``."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="dialog_cancel"),
    ]

    def __init__(self, title: str, prompt: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = clean_text(title, 200)
        self.prompt = clean_text(prompt, 500)
        self.value = clean_text(value, 500)
        self.placeholder = clean_text(placeholder, 200)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(Text(self.prompt), classes="dialog-text")
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Static(Text("enter: OK · escape: cancel", style="dim"), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(clean_text(event.value, 500).strip())


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question (``y``/enter on Yes; ``n``/escape: no)."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,n", "dismiss(False)", "No", id="dialog_no"),
        Binding("y", "dismiss(True)", "Yes", id="dialog_yes"),
    ]

    def __init__(self, title: str, question: str) -> None:
        super().__init__()
        self.title_text = clean_text(title, 200)
        self.question = clean_text(question, 500)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield Static(Text(self.question), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class AddFeedScreen(ModalScreen["str | None"]):
    """Subscribe to a feed (or a page naming one); errors stay in the dialog.

    Gives back the message to show once subscribed, or ``None`` when cancelled.
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="dialog_cancel"),
    ]

    app: ReaderHost

    def __init__(self, intro: str = "") -> None:
        super().__init__()
        self.intro = clean_text(intro, 300)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Add a feed", style="bold"), classes="dialog-title")
            if self.intro:
                yield Static(Text(self.intro), classes="dialog-text")
            yield Input(placeholder="https://example.org/feed.xml or a site's address", id="url")
            yield Input(placeholder="your title for it (optional)", id="title")
            yield Static(id="add-status", classes="dialog-text")
            yield Static(
                Text("enter: subscribe · escape: cancel", style="dim"), classes="dialog-hint"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        url = clean_text(self.query_one("#url", Input).value, 2000).strip()
        if not url:
            self.query_one("#url", Input).focus()
            return
        title = clean_text(self.query_one("#title", Input).value, 300).strip()
        self._status(Text(f"Subscribing to {url}…", style="italic"))
        self._subscribe(url, title)

    def _status(self, text: Text) -> None:
        self.query_one("#add-status", Static).update(text)

    @work(thread=True, exclusive=True, group="subscribe")
    def _subscribe(self, url: str, title: str) -> None:
        from newsreader.services.stores import StoreError, open_store
        from newsreader.services.subscribing import SubscribeError, subscribe

        try:
            with open_store(self.app.store_path) as store:
                done = subscribe(store, url, self.app.config, title=title)
        except (SubscribeError, StoreError) as error:
            self.app.call_from_thread(self._failed, clean_text(str(error), 400))
            return
        except Exception as error:  # never a traceback from a dialog
            self.app.call_from_thread(self._failed, clean_text(f"failed: {error}", 400))
            return
        from newsreader.services.marks import articles

        name = clean_text(done.feed.title, 200)
        self.app.call_from_thread(
            self.dismiss, f"Subscribed to {name}: {articles(done.articles)} stored."
        )

    def _failed(self, problem: str) -> None:
        self._status(Text.assemble(("Could not subscribe: ", "bold"), problem))
        self.query_one("#url", Input).focus()
