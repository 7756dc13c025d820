"""Shared fixtures: every test gets a private store path and no access to the user's dirs."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point HOME and the XDG dirs at a temporary folder so nothing real is read or written."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("NEWSREADER_DB", raising=False)
    monkeypatch.delenv("NEWSREADER_CONFIG", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A store path in a temporary folder (not yet created)."""
    return tmp_path / "store" / "newsreader.db"
