"""Fixtures for the reader's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from uidata import NOW, fill_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Path of a filled store (closed again, so the app opens its own connection)."""
    path = tmp_path / "news.db"
    fill_store(path).close()
    return path


@pytest.fixture
def clock():
    return lambda: NOW
