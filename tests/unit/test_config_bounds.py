"""N5: every numeric setting is bounded and finite; a bad one is a named warning and the default."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.config import _KEYS, Config, parse_config
from tests.support.feeds import rss
from tests.support.hostile_server import HostileServer

NUMERIC = [k for k in _KEYS if k.kind in (int, float)]
BAD_VALUES = {
    "400 digits": "1" + "0" * 400,
    "negative 400 digits": "-1" + "0" * 400,
    "nan": "nan",
    "inf": "inf",
    "-inf": "-inf",
    "beyond SQLite": "99999999999999999999",
    "huge float": "1e308",
    "negative": "-5",
}
DEFAULTS = {f.name: getattr(Config(), f.name) for f in fields(Config)}


@pytest.mark.parametrize("spec", NUMERIC, ids=[f"{k.section}.{k.key}" for k in NUMERIC])
@pytest.mark.parametrize("value", BAD_VALUES.values(), ids=list(BAD_VALUES))
def test_bad_number_is_a_named_warning_and_the_default(spec, value: str) -> None:
    loaded = parse_config(f"[{spec.section}]\n{spec.key} = {value}\n")
    assert getattr(loaded.config, spec.attr) == DEFAULTS[spec.attr]
    [problem] = loaded.problems
    assert f"{spec.section}.{spec.key}" in problem and "using the default" in problem
    assert len(problem) < 200


def test_every_numeric_setting_has_both_bounds() -> None:
    assert all(k.minimum is not None and k.maximum is not None for k in NUMERIC)


def test_good_numbers_still_apply() -> None:
    loaded = parse_config(
        "[refresh]\ndeadline = 12.5\nconcurrency = 8\n[retention]\narticles = 500\n"
    )
    assert loaded.problems == []
    assert (loaded.config.feed_deadline, loaded.config.concurrency) == (12.5, 8)
    assert loaded.config.retention_articles == 500


def test_config_show_with_a_400_digit_number(tmp_path: Path, capsys) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[refresh]\nconcurrency = 1" + "0" * 400 + "\n")
    assert main(["config", "show", "--config", str(config)]) == 0
    out, err = capsys.readouterr()
    assert "refresh.concurrency" in err and "Traceback" not in err
    assert "concurrency = 16" in out


@pytest.mark.parametrize(
    "setting",
    ["[refresh]\ndeadline = nan", "[retention]\narticles = 99999999999999999999"],
)
def test_refresh_works_after_a_bad_number(setting: str, tmp_path: Path, db_path: Path, capsys):
    config = tmp_path / "c.toml"
    config.write_text(f'{setting}\n[ui]\ntheme = "textual-dark"\n')
    argv = ["--db", str(db_path), "--config", str(config)]
    with HostileServer() as server:
        url = server.feed("/a.xml", rss("Alpha", 3))
        assert main(["add", url, *argv]) == 0
        server.feed("/a.xml", rss("Alpha", 4))
        assert main(["refresh", *argv]) == 0
    out, err = capsys.readouterr()
    assert "1 feed, 1 new article, 0 errors" in out, err
