"""Which terminal graphics to use: the setting, and what the terminal announces.

Pure (an environment mapping and the terminal's answer in, a mode out), so it is
tested without a terminal. ``auto`` never picks a protocol the terminal did not
announce: what it answered to the query of :mod:`newsreader.images.query`, or, when
it was not asked (not a terminal) or said nothing, what its environment variables
say. Inside tmux (``$TMUX``, where graphics need passthrough) it always picks half-block.
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
NO_PLACEHOLDER_PROGRAMS = ("wezterm",)
"""``$TERM_PROGRAM`` values of terminals that answer kitty's graphics query but draw no
Unicode placeholders (which is how kitty pictures are drawn here)."""


def in_tmux(env: Mapping[str, str]) -> bool:
    """Inside tmux or screen, which pass no graphics on without passthrough set up."""
    return bool(env.get("TMUX")) or env.get("TERM", "").startswith(("screen", "tmux"))


def announced(env: Mapping[str, str], answer: frozenset[str] | None = None) -> str:
    """The graphics protocol the terminal announces: kitty, sixel or halfblock.

    ``answer``: the protocols it answered to the query (:mod:`newsreader.images.query`),
    ``None`` when it was not asked or said nothing; then ``env`` decides.
    ``kitty`` means kitty's graphics *with Unicode placeholders* (kitty itself,
    Ghostty); WezTerm speaks kitty graphics without placeholders, so it counts
    as the Sixel terminal it also is.
    """
    if in_tmux(env):
        return "halfblock"
    if answer is not None:
        no_placeholders = env.get("TERM_PROGRAM", "").lower() in NO_PLACEHOLDER_PROGRAMS
        if "kitty" in answer and not no_placeholders:
            return "kitty"
        return "sixel" if "sixel" in answer else "halfblock"
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "").lower()
    if term in ("xterm-kitty", "xterm-ghostty") or env.get("KITTY_WINDOW_ID"):
        return "kitty"
    if program in KITTY_PROGRAMS:
        return "kitty"
    if term in ("foot", "foot-extra", "mlterm", "yaft-256color") or "sixel" in term:
        return "sixel"
    if program in NO_PLACEHOLDER_PROGRAMS:
        return "sixel"
    return "halfblock"


def choose_mode(
    setting: str,
    env: Mapping[str, str],
    *,
    truecolor: bool = False,
    answer: frozenset[str] | None = None,
) -> str:
    """The mode to draw with: ``off``, or one of :data:`DRAWN`.

    ``auto`` follows :func:`announced` (the terminal's ``answer``, else ``env``); a
    named protocol is used when it can be drawn, and anything not drawable falls back
    to half-block (which works on every terminal, tmux included; inside tmux every
    setting but ``off`` is half-block, as no passthrough is set up). ``kitty`` also
    needs ``truecolor`` (the screen writes 24-bit colours unchanged: a placeholder's
    colour *is* its image id), so with 256 colours or ``NO_COLOR`` it is half-block too.
    """
    if setting == "off":
        return "off"
    wanted = announced(env, answer) if setting == "auto" else setting
    if in_tmux(env) or (wanted == "kitty" and not truecolor):
        return "halfblock"
    return wanted if wanted in DRAWN else "halfblock"
