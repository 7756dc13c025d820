"""Command palette provider: every command of the main screen, searchable by name.

Each key's action (with its key shown), and the commands that have no key.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from newsreader.ui.screens.bindings import MAIN_BINDINGS, PALETTE_COMMANDS
from newsreader.ui.screens.help import key_rows
from newsreader.ui.screens.main import MainScreen


class ReaderCommands(Provider):
    """Offers each key binding of the reader as a palette command."""

    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        keys = {description: k for k, description in key_rows(screen)}
        bound = [
            (b.description, b.action, keys.get(b.description, ""))
            for b in MAIN_BINDINGS
            if b.action != "quit"
        ]
        return bound + list(PALETTE_COMMANDS)

    async def discover(self) -> Hits:
        for name, action, keys in self._commands():
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=keys)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, keys in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.screen.run_action, action),
                    text=name,
                    help=keys,
                )
