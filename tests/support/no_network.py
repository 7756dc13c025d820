"""Tests never reach the network: only 127.0.0.1, ``localhost`` and ``::1`` are allowed.

One guard, installed for every test by an autouse fixture (``tests/conftest.py``)
and, through ``sitecustomize`` on ``PYTHONPATH``, in every Python subprocess a test
starts (the CLI, the app in tmux). It refuses, with an error that says why:

- an HTTP request through httpx's own transports to any other host (before any
  name is looked up), so a feed that links to ``example.test`` fails at once with
  "no network in tests" instead of waiting on DNS;
- a name lookup (``getaddrinfo``) of any other name;
- a socket connection to any address that is not loopback.

Test doubles (``httpx.MockTransport``) are not network and pass untouched.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Any

SITE_DIR = Path(__file__).with_name("no_network_site")
"""The folder whose ``sitecustomize`` installs the guard in subprocesses (on PYTHONPATH)."""

_ORIGINAL: dict[str, Any] = {}


def is_loopback(host: str | bytes | None) -> bool:
    """Whether ``host`` (a name or an address, any spelling) is this machine's loopback."""
    if host is None:
        return False
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = host.strip("[]").lower().rstrip(".").split("%", 1)[0]
    if name in ("localhost", "localhost.localdomain") or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        try:  # the short forms inet_aton takes: 127.1, 2130706433, 0x7f000001
            address = ipaddress.ip_address(socket.inet_aton(name))
        except (OSError, ValueError):
            return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _numeric(host: str) -> bool:
    """An address written as one (no name to look up), inet_aton's short forms included."""
    name = host.strip("[]").split("%", 1)[0]
    try:
        ipaddress.ip_address(name)
    except ValueError:
        try:
            socket.inet_aton(name)
        except (OSError, ValueError):
            return False
    return True


def _refusal(what: str) -> str:
    return f"no network in tests: {what} refused (only 127.0.0.1, localhost and ::1)"


def _check_request(request: Any) -> None:
    import httpx

    if not is_loopback(request.url.host):
        message = _refusal(f"a request to {request.url.host}")
        raise httpx.ConnectError(message, request=request)


async def _async_request(self: Any, request: Any) -> Any:
    _check_request(request)
    return await _ORIGINAL["async"](self, request)


def _sync_request(self: Any, request: Any) -> Any:
    _check_request(request)
    return _ORIGINAL["sync"](self, request)


def _getaddrinfo(host, *args, **kwargs):
    if host is not None:
        name = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)
        if name and not is_loopback(name) and not _numeric(name):
            raise socket.gaierror(socket.EAI_NONAME, _refusal(f"looking up {name}"))
    return _ORIGINAL["getaddrinfo"](host, *args, **kwargs)


def _checked_address(sock: socket.socket, address: Any) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(str(address[0])):
        raise ConnectionRefusedError(_refusal(f"a connection to {address[0]}"))


def _connect(self: socket.socket, address: Any) -> None:
    _checked_address(self, address)
    return _ORIGINAL["connect"](self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    _checked_address(self, address)
    return _ORIGINAL["connect_ex"](self, address)


def _patches() -> list[tuple[str, Any, str, Any]]:
    """``(key, owner, attribute, replacement)``; httpx's only where httpx is installed
    (a fresh venv's pip runs with this guard before it installs anything)."""
    patches: list[tuple[str, Any, str, Any]] = [
        ("getaddrinfo", socket, "getaddrinfo", _getaddrinfo),
        ("connect", socket.socket, "connect", _connect),
        ("connect_ex", socket.socket, "connect_ex", _connect_ex),
    ]
    try:
        import httpx
    except ImportError:
        return patches
    patches += [
        ("async", httpx.AsyncHTTPTransport, "handle_async_request", _async_request),
        ("sync", httpx.HTTPTransport, "handle_request", _sync_request),
    ]
    return patches


def install(monkeypatch: Any | None = None) -> None:
    """Install the guard: with ``monkeypatch`` for one test, else for the whole process."""
    for key, owner, name, replacement in _patches():
        current = getattr(owner, name)
        if current is not replacement:
            _ORIGINAL.setdefault(key, current)
        if monkeypatch is not None:
            monkeypatch.setattr(owner, name, replacement)
        else:
            setattr(owner, name, replacement)
