"""The TOML config file → a typed :class:`Config` (skeleton; the subscriptions work fills it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Config:
    """Every setting with its default."""

    refresh_on_start: bool = False
    refresh_interval_minutes: int = 0  # 0: no periodic refresh
    concurrency: int = 16
    per_host: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    feed_deadline: float = 30.0
    max_feed_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retention_articles: int | None = None
    retention_days: int | None = None
    theme: str = "textual-dark"
    browser: str = ""  # a command (argv, split with shlex); empty: the system default
    keys: dict[str, str] = field(
        default_factory=dict
    )  # binding id -> keys, e.g. "next_unread": "n"


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    """The config plus one readable message per problem found (unknown key, bad value)."""

    config: Config
    problems: list[str] = field(default_factory=list)


def load_config(path: Path | None = None) -> LoadedConfig:
    """Read the config file (a missing file gives the defaults)."""
    return LoadedConfig(Config())
