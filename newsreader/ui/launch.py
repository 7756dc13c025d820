"""Start the reader from the command line (``newsreader`` with no command)."""

from __future__ import annotations

import argparse
import os

from newsreader.config import load_config
from newsreader.paths import config_path, db_path

BENCH_ENV = "NEWSREADER_BENCH_EXIT_AFTER_FIRST_PAINT"
QUIT_GRACE_SECONDS = 1.0
"""How long quitting waits for a running refresh to stop at its next feed."""


def launch(args: argparse.Namespace) -> int:
    """Open the app on the store and config named by ``args`` (or the defaults)."""
    loaded = load_config(config_path(getattr(args, "config", None)))
    if getattr(args, "bench_first_frame", False):
        os.environ[BENCH_ENV] = "1"
    from newsreader.services.terminal import asking_terminal

    # Asked before Textual takes the terminal (its reply would otherwise be read as keys);
    # the terminal answers while the UI is imported.
    with asking_terminal(loaded.config.images) as asked:
        from newsreader.ui.app import NewsApp

    path = db_path(getattr(args, "db", None))
    path.parent.mkdir(parents=True, exist_ok=True)
    app = NewsApp(path, loaded.config, problems=loaded.problems, terminal_graphics=asked.graphics)
    app.run()
    # A refresh still running stops at its next feed; give it a moment to finish
    # cleanly, but never wait for the network (its thread is a daemon).
    app.refresh_idle.wait(QUIT_GRACE_SECONDS)
    return int(app.return_code or 0)
