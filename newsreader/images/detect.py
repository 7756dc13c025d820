"""Which terminal graphics to use: the setting, and what the terminal announces.

Pure (an environment mapping in, a mode out), so it is tested without a terminal.
``auto`` never picks a protocol the terminal did not announce, and inside tmux
(``$TMUX``, where graphics need passthrough) it always picks half-block.
"""

from __future__ import annotations

from collections.abc import Mapping

DRAWN = ("halfblock", "kitty", "sixel")
"""The modes this build can draw; a protocol not in it falls back to half-block.

``kitty`` is drawn with Unicode placeholders (:mod:`newsreader.images.placeholders`);
``sixel`` over half-block cells after each frame (:mod:`newsreader.images.overlay`).
"""

KITTY_PROGRAMS = ("ghostty",)
"""``$TERM_PROGRAM`` values of terminals with kitty's Unicode placeholders besides kitty."""


def in_tmux(env: Mapping[str, str]) -> bool:
    """Inside tmux or screen, which pass no graphics on without passthrough set up."""
    return bool(env.get("TMUX")) or env.get("TERM", "").startswith(("screen", "tmux"))


def announced(env: Mapping[str, str]) -> str:
    """The graphics protocol the terminal announces in ``env``: kitty, sixel or halfblock.

    ``kitty`` means kitty's graphics *with Unicode placeholders* (kitty itself,
    Ghostty); WezTerm speaks kitty graphics without placeholders, so it counts
    as the Sixel terminal it also is.
    """
    if in_tmux(env):
        return "halfblock"
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "").lower()
    if term in ("xterm-kitty", "xterm-ghostty") or env.get("KITTY_WINDOW_ID"):
        return "kitty"
    if program in KITTY_PROGRAMS:
        return "kitty"
    if term in ("foot", "foot-extra", "mlterm", "yaft-256color") or "sixel" in term:
        return "sixel"
    if program == "wezterm":
        return "sixel"
    return "halfblock"


def choose_mode(setting: str, env: Mapping[str, str], *, truecolor: bool = False) -> str:
    """The mode to draw with: ``off``, or one of :data:`DRAWN`.

    ``auto`` follows :func:`announced`; a named protocol is used when it can be
    drawn, and anything not drawable falls back to half-block (which works on
    every terminal, tmux included; inside tmux every setting but ``off`` is
    half-block, as no passthrough is set up). ``kitty`` also needs ``truecolor`` (the screen
    writes 24-bit colours unchanged: a placeholder's colour *is* its image id), so
    with 256 colours or ``NO_COLOR`` it is half-block too.
    """
    if setting == "off":
        return "off"
    wanted = announced(env) if setting == "auto" else setting
    if in_tmux(env) or (wanted == "kitty" and not truecolor):
        return "halfblock"
    return wanted if wanted in DRAWN else "halfblock"
