"""Where the sync password comes from: a command, the environment, or a private config file.

Order: ``[sync] password_command`` (argv split with :mod:`shlex`, run without a
shell, its first line of output), else ``$NEWSREADER_SYNC_PASSWORD``, else
``[sync] password`` (only honoured when the config file is private, see
:func:`newsreader.config.load_config`). Every failure is a one-line
:class:`~.client.SyncError`.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from newsreader.config import Config
from newsreader.sanitize import clean_text
from newsreader.services.sync.client import SyncError

ENV_PASSWORD = "NEWSREADER_SYNC_PASSWORD"
COMMAND_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class Credentials:
    url: str
    user: str
    password: str


def resolve(config: Config, environ: Mapping[str, str] | None = None) -> Credentials:
    """The server, user and password to sync with; raises :class:`SyncError` if incomplete."""
    env = os.environ if environ is None else environ
    if not config.sync_enabled:
        raise SyncError(
            'sync is not configured: set [sync] service = "greader", url and user in the config'
        )
    if not config.sync_url:
        raise SyncError("[sync] url is not set (the server's Google Reader API address)")
    if not config.sync_user:
        raise SyncError("[sync] user is not set")
    if config.sync_password_command:
        password = _run(config.sync_password_command)
    elif env.get(ENV_PASSWORD):
        password = env[ENV_PASSWORD]
    elif config.sync_password:
        password = config.sync_password
    elif config.sync_password_refused:
        raise SyncError(config.sync_password_refused)
    else:
        raise SyncError(
            f"no sync password: set [sync] password_command, or ${ENV_PASSWORD}, "
            "or [sync] password in a config file only you can read"
        )
    return Credentials(config.sync_url, config.sync_user, password)


def _run(command: str) -> str:
    try:
        argv = shlex.split(command)
    except ValueError as error:
        raise SyncError(f"[sync] password_command cannot be split: {error}") from None
    if not argv:
        raise SyncError("[sync] password_command is empty")
    shown = clean_text(argv[0], 80)
    try:
        done = subprocess.run(  # an argv list: never a shell
            argv,
            capture_output=True,
            timeout=COMMAND_TIMEOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise SyncError(f"[sync] password_command: {shown} not found") from None
    except PermissionError:
        raise SyncError(f"[sync] password_command: {shown} is not executable") from None
    except subprocess.TimeoutExpired:
        raise SyncError(f"[sync] password_command took over {COMMAND_TIMEOUT:g} s") from None
    except OSError as error:
        raise SyncError(f"[sync] password_command: {error.strerror or error}") from None
    if done.returncode != 0:
        raise SyncError(f"[sync] password_command failed (exit status {done.returncode})")
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    password = lines[0].strip("\r\n") if lines else ""
    if not password:
        raise SyncError("[sync] password_command printed no password")
    return password
