"""Shared fixtures: every test gets a private store path and no access to the user's dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.support import no_network

# CI runs the same examples every time (a red build must be reproducible); run
# `pytest --hypothesis-profile=explore` to search fresh random examples.
settings.register_profile("default", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None, max_examples=1000)
settings.load_profile("default")


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


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch):
    """Nothing in a test reaches past 127.0.0.1/localhost/::1 (feeds, pages, pictures,
    sync), in this process and in every Python subprocess it starts; a test that
    wants a server starts one on loopback (``tests/support/hostile_server``)."""
    no_network.install(monkeypatch)
    paths = [str(no_network.SITE_DIR), *filter(None, [os.environ.get("PYTHONPATH")])]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A store path in a temporary folder (not yet created)."""
    return tmp_path / "store" / "newsreader.db"
