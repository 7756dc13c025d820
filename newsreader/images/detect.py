"""Which terminal graphics to use: the setting, and what the terminal announces.

Pure (an environment mapping in, a mode out), so it is tested without a terminal.
``auto`` never picks a protocol the terminal did not announce, and inside tmux
(``$TMUX``, where graphics need passthrough) it always picks half-block.
"""

from __future__ import annotations

from collections.abc import Mapping

DRAWN = ("halfblock",)
"""The modes this build can draw; a protocol not in it falls back to half-block."""


def announced(env: Mapping[str, str]) -> str:
    """The graphics protocol the terminal announces in ``env``: kitty, sixel or halfblock."""
    if env.get("TMUX") or env.get("TERM", "").startswith(("screen", "tmux")):
        return "halfblock"
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    if term == "xterm-kitty" or env.get("KITTY_WINDOW_ID") or program in ("ghostty", "WezTerm"):
        return "kitty"
    if term in ("foot", "foot-extra", "mlterm", "yaft-256color") or "sixel" in term:
        return "sixel"
    return "halfblock"


def choose_mode(setting: str, env: Mapping[str, str]) -> str:
    """The mode to draw with: ``off``, or one of :data:`DRAWN`.

    ``auto`` follows :func:`announced`; a named protocol is used when it can be
    drawn, and anything not drawable falls back to half-block (which works on
    every terminal, tmux included).
    """
    if setting == "off":
        return "off"
    wanted = announced(env) if setting == "auto" else setting
    return wanted if wanted in DRAWN else "halfblock"
