"""Shared fixtures: every test gets a private store path and no access to the user's dirs."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build must be reproducible); run
# `pytest --hypothesis-profile=explore` to search fresh random examples.
settings.register_profile("default", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None, max_examples=1000)
settings.load_profile("default")


class _NoNetwork(httpx.AsyncHTTPTransport):
    """Pictures only from 127.0.0.1; anything else is refused without a connection."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host not in ("127.0.0.1", "localhost"):
            raise httpx.ConnectError("no network in tests", request=request)
        return await super().handle_async_request(request)

    async def aclose(self) -> None:
        """Kept open: one test's fetchers all share this transport, and the first to
        finish must not cut another's request short (each has its own in the app)."""


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point HOME and the XDG dirs at a temporary folder so nothing real is read or written."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("NEWSREADER_DB", raising=False)
    monkeypatch.delenv("NEWSREADER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("NEWSREADER_CACHE", str(home / "cache" / "pictures"))
    # Pictures are never fetched from the network in tests: a test that wants them
    # serves them from a loopback server (the transport is httpx's own for 127.0.0.1).
    monkeypatch.setattr("newsreader.images.fetch.TRANSPORT", _NoNetwork())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A store path in a temporary folder (not yet created)."""
    return tmp_path / "store" / "newsreader.db"
