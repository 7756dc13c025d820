"""``newsreader cache show|clear`` on a temporary cache folder."""

from __future__ import annotations

from newsreader.cli import main
from newsreader.images.cache import PictureCache
from newsreader.paths import cache_dir


def test_cache_show_and_clear(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_CACHE", str(tmp_path / "pictures"))
    cache = PictureCache(cache_dir())
    cache.put("https://x.test/a.png", b"a" * 2048)
    cache.put("https://x.test/b.png", b"b" * 1024)
    assert main(["cache", "show"]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "pictures") in out
    assert "2 pictures, 3.0 KB" in out
    assert main(["cache", "clear"]) == 0
    assert "removed 2 pictures (3.0 KB)" in capsys.readouterr().out
    assert cache.usage() == (0, 0)
    assert main(["cache", "show"]) == 0
    assert "0 pictures" in capsys.readouterr().out


def test_cache_show_on_a_missing_folder_creates_nothing(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_CACHE", str(tmp_path / "none"))
    assert main(["cache", "show"]) == 0
    assert "0 pictures" in capsys.readouterr().out
    assert not (tmp_path / "none").exists()
