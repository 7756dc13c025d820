"""Where newsreader keeps things. Nothing is created at import time."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "newsreader"
DB_ENV = "NEWSREADER_DB"
CONFIG_ENV = "NEWSREADER_CONFIG"
CACHE_ENV = "NEWSREADER_CACHE"


def data_dir() -> Path:
    """The user data directory (not created here)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The user config directory (not created here)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The picture cache folder: ``override``, else ``$NEWSREADER_CACHE``, else the user cache dir.

    Not created here.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "pictures"


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The store file: ``--db``, else ``$NEWSREADER_DB``, else the data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / "newsreader.db"


def config_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The TOML config file: ``--config``, else ``$NEWSREADER_CONFIG``, else the config dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return config_dir() / "config.toml"


def resource_dir(name: str) -> Path:
    """A bundled folder (``styles`` or ``sample_feeds``).

    Inside an installed wheel they live in ``newsreader/_data/``; in a source
    checkout they sit at the top of the repository.
    """
    package = Path(__file__).resolve().parent
    installed = package / "_data" / name
    if installed.is_dir():
        return installed
    return package.parent / name
