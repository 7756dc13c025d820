"""Opening a link in a web browser: which command, run safely, and whether it worked.

The command is the config's ``ui.browser``, else ``$BROWSER`` (its first entry
when it lists several, separated by ``:``), else Python's :mod:`webbrowser`.
It runs as an argv list, never through a shell; only http(s) URLs that do not
start with ``-`` are handed over (CVE-2026-4519: an URL read as an option).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from newsreader.sanitize import browser_url, clean_text

WAIT_SECONDS = 2.0
"""How long a browser command may take to fail before it counts as started."""


@dataclass(frozen=True, slots=True)
class Opened:
    """What came of asking for a browser: ``ok``, else a one-line ``problem``."""

    ok: bool
    problem: str = ""


def browser_argv(url: str, command: str) -> list[str]:
    """The argv that opens ``url`` with ``command`` (``%s`` marks where the URL goes)."""
    parts = shlex.split(command)
    if any("%s" in part for part in parts):
        return [part.replace("%s", url) for part in parts]
    return [*parts, url]


def browser_command(configured: str, environ: Mapping[str, str] | None = None) -> str:
    """The browser command to run: the config's, else ``$BROWSER``'s first; ``""``: none."""
    if configured.strip():
        return configured
    listed = (os.environ if environ is None else environ).get("BROWSER", "")
    return next((entry for entry in listed.split(os.pathsep) if entry.strip()), "")


def open_url(
    url: str,
    configured: str = "",
    *,
    environ: Mapping[str, str] | None = None,
    wait: float = WAIT_SECONDS,
) -> Opened:
    """Open ``url`` in a browser (blocking up to ``wait`` seconds: call it in a thread)."""
    safe = browser_url(url)
    if safe is None or not safe.lower().startswith(("http://", "https://")):
        return Opened(False, "This link is not an http(s) address; not opening it.")
    command = browser_command(configured, environ)
    if not command:
        return _open_default(safe)
    try:
        argv = browser_argv(safe, command)
    except ValueError as error:
        return Opened(False, f"The browser command cannot be read: {error}.")
    if not argv:
        return Opened(False, "The browser command is empty.")
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        name = clean_text(argv[0], 80)
        return Opened(False, f"Could not start the browser {name}: {error.strerror or error}.")
    try:
        code = process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        return Opened(True)  # still running: a browser that stays open
    if code != 0:
        name = clean_text(argv[0], 80)
        return Opened(False, f"The browser {name} failed (exit status {code}).")
    return Opened(True)


def _open_default(url: str) -> Opened:
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return Opened(False, "No web browser was found (set $BROWSER or ui.browser).")
    try:
        opened = browser.open(url)
    except (OSError, webbrowser.Error) as error:
        return Opened(False, f"The browser failed: {clean_text(str(error), 200)}.")
    return Opened(True) if opened else Opened(False, "The browser did not open the link.")
