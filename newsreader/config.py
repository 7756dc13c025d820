"""The TOML config file → a typed :class:`Config` with documented defaults.

The file (``newsreader config path``) has five tables; every key is optional::

    [refresh]
    on_start = false          # refresh every feed when the app starts
    interval_minutes = 0      # refresh every N minutes while the app runs (0: never)
    concurrency = 16          # feeds fetched at once
    per_host = 4              # feeds fetched at once from one host
    connect_timeout = 10.0    # seconds
    read_timeout = 20.0       # seconds without a byte from the server
    deadline = 30.0           # seconds for one whole feed (redirects and body included)
    max_feed_bytes = 10485760 # decoded body size cap
    max_redirects = 5
    parser = "auto"           # "auto", "process" or "thread"
    full_text = "auto"        # fetch article pages: "auto" (short bodies), "always", "never"
    full_text_on_refresh = true   # fetch them after every refresh, once its summaries are stored

    [retention]
    articles = 0              # keep the newest N per feed (0: all); bookmarks always kept
    days = 0                  # drop articles older than N days (0: never)

    [ui]
    theme = "textual-dark"
    browser = ""              # a command line (split like a shell, never run by one);
                              # empty: $BROWSER, else the system's default browser
    next_unread_across_feeds = true  # n at the end of a feed goes on to the next with unread
    images = "auto"           # pictures: "auto", "kitty", "sixel", "halfblock" or "off"
    image_rows = 12           # the most rows one picture takes
    image_cache_mb = 64       # the picture cache's size cap (least recently used go first)
    prefetch_pictures = false # opening an article fetches the next unread one's pictures

    [keys]                    # binding id = key(s), e.g. next_unread = "n"

    [sync]                    # a Google Reader API server (FreshRSS, Miniflux)
    service = "none"          # "greader" to sync
    url = ""                  # the API root, e.g. https://host/api/greader.php
    user = ""
    password_command = ""     # prints the (API) password; argv split like a shell, no shell
    password = ""             # only in a file only you can read (chmod 600); else refused
    page_size = 1000          # items per page pulled
    batch = 1000              # items per mark request pushed
    max_response_bytes = 33554432

The password may also come from ``$NEWSREADER_SYNC_PASSWORD``. A password in a
file others can read is refused (not used), with the reason in ``problems``
and in :attr:`Config.sync_password_refused`.

Every number has bounds and must be finite: ``nan``, ``inf``, a 400-digit
integer or a value SQLite cannot store gives a warning naming the key, and the
default. Unknown keys and bad values give one readable message each (naming the key)
in :attr:`LoadedConfig.problems`; the rest of the file still applies. A TOML
syntax error gives one message and every default.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsreader.sanitize import clean_text

PARSERS = ("auto", "process", "thread")
SYNC_SERVICES = ("none", "greader")
IMAGE_MODES = ("auto", "kitty", "sixel", "halfblock", "off")
FULL_TEXT_MODES = ("auto", "always", "never")


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
    browser: str = ""  # a command (argv, split with shlex); empty: $BROWSER or the default
    next_unread_across_feeds: bool = True  # n at the end of a view goes on to the next feed
    keys: dict[str, str] = field(
        default_factory=dict
    )  # binding id -> keys, e.g. "next_unread": "n"
    parser: str = "auto"  # where feeds are parsed: "auto", "process" or "thread"
    full_text: str = "auto"  # a feed's full-text mode unless it has its own
    full_text_on_refresh: bool = True  # the refresh fetches full texts after storing
    sync_service: str = "none"  # "greader": sync with a Google Reader API server
    sync_url: str = ""
    sync_user: str = ""
    sync_password_command: str = ""  # argv split with shlex, run without a shell
    sync_password: str = ""  # only honoured from a file with user-only permissions
    sync_page_size: int = 1000
    sync_batch: int = 1000
    sync_max_bytes: int = 32 * 1024 * 1024
    sync_password_refused: str = ""  # why a password in the file was not used

    @property
    def sync_enabled(self) -> bool:
        """True when a sync server is configured (``[sync] service``)."""
        return self.sync_service != "none"

    images: str = "auto"  # how pictures are drawn (IMAGE_MODES); "off": captions only
    image_rows: int = 12  # the most rows one picture takes
    image_cache_mb: int = 64  # the picture cache's size cap in MB
    prefetch_pictures: bool = False  # fetch the next unread article's pictures on open


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    """The config plus one readable message per problem found (unknown key, bad value)."""

    config: Config
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Key:
    section: str
    key: str
    attr: str
    kind: type
    minimum: float | None = None  # every number has both bounds (finite, inclusive)
    maximum: float | None = None
    optional: bool = False  # 0 means "off" → None
    choices: tuple[str, ...] = ()
    maximum: float | None = None


_DAY = 24 * 60 * 60
_KEYS = (
    _Key("refresh", "on_start", "refresh_on_start", bool),
    _Key("refresh", "interval_minutes", "refresh_interval_minutes", int, 0, 366 * 24 * 60),
    _Key("refresh", "concurrency", "concurrency", int, 1, 1000),
    _Key("refresh", "per_host", "per_host", int, 1, 1000),
    _Key("refresh", "connect_timeout", "connect_timeout", float, 0.001, _DAY),
    _Key("refresh", "read_timeout", "read_timeout", float, 0.001, _DAY),
    _Key("refresh", "deadline", "feed_deadline", float, 0.001, _DAY),
    _Key("refresh", "max_feed_bytes", "max_feed_bytes", int, 1024, 1 << 30),
    _Key("refresh", "max_redirects", "max_redirects", int, 0, 100),
    _Key("refresh", "parser", "parser", str, choices=PARSERS),
    _Key("refresh", "full_text", "full_text", str, choices=FULL_TEXT_MODES),
    _Key("refresh", "full_text_on_refresh", "full_text_on_refresh", bool),
    _Key("retention", "articles", "retention_articles", int, 0, 1_000_000_000, optional=True),
    _Key("retention", "days", "retention_days", int, 0, 1_000_000, optional=True),
    _Key("ui", "theme", "theme", str),
    _Key("ui", "browser", "browser", str),
    _Key("ui", "next_unread_across_feeds", "next_unread_across_feeds", bool),
    _Key("ui", "images", "images", str, choices=IMAGE_MODES),
    _Key("ui", "image_rows", "image_rows", int, 1, maximum=200),
    _Key("ui", "image_cache_mb", "image_cache_mb", int, 1, maximum=100_000),
    _Key("ui", "prefetch_pictures", "prefetch_pictures", bool),
    _Key("sync", "service", "sync_service", str, choices=SYNC_SERVICES),
    _Key("sync", "url", "sync_url", str),
    _Key("sync", "user", "sync_user", str),
    _Key("sync", "password_command", "sync_password_command", str),
    _Key("sync", "password", "sync_password", str),
    _Key("sync", "page_size", "sync_page_size", int, 1, 10_000),
    _Key("sync", "batch", "sync_batch", int, 1, 10_000),
    _Key("sync", "max_response_bytes", "sync_max_bytes", int, 1024, 1 << 31),
)
_SECTIONS = {"refresh", "retention", "ui", "keys", "sync"}
_SECRET = {"sync_password"}  # never printed by to_toml


def _convert(spec: _Key, value: Any) -> Any:
    """The value checked against its key's type; raises ``ValueError`` with a reason."""
    name = f"{spec.section}.{spec.key}"
    if spec.kind is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{name} must be true or false, not {value!r}")
        return value
    if spec.kind is str:
        if not isinstance(value, str):
            raise ValueError(f"{name} must be a string, not {value!r}")
        if spec.choices and value not in spec.choices:
            raise ValueError(f"{name} must be one of {', '.join(spec.choices)}, not {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number, not {_shown(value)}")
    # Bounds are checked on the value as written (Python compares int and float
    # exactly), before any conversion: a 400-digit integer cannot overflow here.
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {_shown(value)}")
    assert spec.minimum is not None and spec.maximum is not None, f"{name} needs bounds"
    if not spec.minimum <= value <= spec.maximum:
        raise ValueError(
            f"{name} must be between {spec.minimum:g} and {spec.maximum:g}, not {_shown(value)}"
        )
    if spec.kind is int and isinstance(value, float) and not value.is_integer():
        raise ValueError(f"{name} must be a whole number, not {_shown(value)}")
    number = spec.kind(value)
    if spec.optional and number == 0:
        return None
    return number


def _shown(value: Any) -> str:
    """A config value for a message: its repr, shortened."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else "a huge number"
    return text if len(text) <= 60 else text[:57] + "..."


def parse_config(text: str) -> LoadedConfig:
    """Parse config TOML text (see the module docstring for the keys)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return LoadedConfig(Config(), [f"config syntax error ({error}); using every default"])
    problems: list[str] = []
    values: dict[str, Any] = {}
    known = {(k.section, k.key): k for k in _KEYS}
    for section, table in data.items():
        if section not in _SECTIONS:
            problems.append(f"unknown config section or key {clean_text(section, 80)!r}")
            continue
        if not isinstance(table, dict):
            problems.append(f"config {section!r} must be a table ([{section}])")
            continue
        if section == "keys":
            keys: dict[str, str] = {}
            for binding, keyspec in table.items():
                if isinstance(keyspec, str) and keyspec.strip():
                    keys[str(binding)] = keyspec.strip()
                else:
                    problems.append(f"keys.{clean_text(binding, 80)} must be a key name string")
            values["keys"] = keys
            continue
        for key, value in table.items():
            spec = known.get((section, key))
            if spec is None:
                problems.append(f"unknown config key {clean_text(f'{section}.{key}', 80)!r}")
                continue
            try:
                values[spec.attr] = _convert(spec, value)
            except ValueError as error:
                problems.append(f"{clean_text(str(error), 200)}; using the default")
    return LoadedConfig(replace(Config(), **values), problems)


def load_config(path: Path | None = None) -> LoadedConfig:
    """Read the config file (a missing file gives the defaults)."""
    if path is None:
        from newsreader.paths import config_path

        path = config_path()
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return LoadedConfig(Config())
    except OSError as error:
        return LoadedConfig(Config(), [f"cannot read {path}: {error.strerror or error}"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return LoadedConfig(Config(), [f"{path} is not UTF-8 text; using every default"])
    loaded = parse_config(text)
    if loaded.config.sync_password:
        return _check_secret(loaded, Path(path))
    return loaded


def _check_secret(loaded: LoadedConfig, path: Path) -> LoadedConfig:
    """Refuse a clear password in a file that others can read (or that is not ours)."""
    import os
    import stat

    try:
        info = path.stat()
    except OSError as error:
        reason = f"cannot check the permissions of {path}: {error.strerror or error}"
    else:
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077:
            reason = (
                f"{path} holds a sync password but others can read it (mode {mode:04o}); "
                f"the password is not used: run `chmod 600 {path}`, or use "
                "[sync] password_command or $NEWSREADER_SYNC_PASSWORD"
            )
        elif hasattr(os, "getuid") and info.st_uid != os.getuid():
            reason = f"{path} holds a sync password but belongs to another user; not used"
        else:
            return loaded
    config = replace(loaded.config, sync_password="", sync_password_refused=reason)
    return LoadedConfig(config, [*loaded.problems, reason])


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
    return f'"{text}"'


def _toml_key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    return key if bare else _toml_value(key)


def to_toml(config: Config) -> str:
    """The effective config as TOML (what ``newsreader config show`` prints)."""
    lines: list[str] = []
    section = ""
    for spec in _KEYS:
        if spec.section != section:
            section = spec.section
            lines.append(f"{'' if not lines else chr(10)}[{section}]")
        if spec.attr in _SECRET:
            continue
        value = getattr(config, spec.attr)
        if value is None:
            value = 0
        lines.append(f"{spec.key} = {_toml_value(value)}")
    lines.append("\n[keys]")
    for binding, keys in sorted(config.keys.items()):
        lines.append(f"{_toml_key(binding)} = {_toml_value(keys)}")
    return "\n".join(lines) + "\n"
