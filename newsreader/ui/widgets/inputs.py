"""A text field that never holds what the terminal would act on."""

from __future__ import annotations

from textual.widgets import Input

from newsreader.sanitize import clean_typed


class CleanInput(Input):
    """An :class:`~textual.widgets.Input` whose value is always :func:`clean_typed`.

    Every edit (a key, a paste, ``action_paste``, ``insert``) goes through
    ``replace``, cleaned there so the cursor lands right; a value set directly
    is cleaned by the reactive's validator. Rich and Textual pass C1 controls
    and escape sequences straight to the terminal, so the echo must be clean.
    """

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(clean_typed(text), start, end)

    def validate_value(self, value: str) -> str:
        return clean_typed(value)
