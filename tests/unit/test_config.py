"""The TOML config: defaults, problems named by key, round trip, file mode."""

from __future__ import annotations

from pathlib import Path

from newsreader.config import Config, load_config, parse_config, to_toml


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    loaded = load_config(tmp_path / "none.toml")
    assert loaded.config == Config() and loaded.problems == []


def test_values_applied_and_problems_named(tmp_path: Path) -> None:
    loaded = parse_config(
        "[refresh]\nconcurrency = 4\nper_host = 0\ndeadline = 5\nmax_feed_bytes = 2.5\n"
        'parser = "gpu"\nwhatever = 1\n[retention]\narticles = 100\ndays = 0\n'
        '[ui]\ntheme = "nord"\nbrowser = 7\n[keys]\nnext_unread = "j"\nquit = 3\n[extra]\n'
    )
    c = loaded.config
    assert (c.concurrency, c.feed_deadline, c.retention_articles, c.retention_days) == (
        4,
        5.0,
        100,
        None,
    )
    assert c.theme == "nord" and c.keys == {"next_unread": "j"}
    assert (c.per_host, c.max_feed_bytes, c.parser, c.browser) == (4, 10 * 1024 * 1024, "auto", "")
    text = "\n".join(loaded.problems)
    for key in (
        "refresh.per_host",
        "refresh.max_feed_bytes",
        "refresh.parser",
        "refresh.whatever",
        "ui.browser",
        "keys.quit",
        "'extra'",
    ):
        assert key in text
    assert len(loaded.problems) == 7


def test_syntax_error_gives_all_defaults() -> None:
    loaded = parse_config("[refresh\nconcurrency = 3")
    assert loaded.config == Config()
    assert len(loaded.problems) == 1 and "syntax error" in loaded.problems[0]


def test_show_round_trips(tmp_path: Path) -> None:
    config = Config(
        concurrency=3,
        retention_days=30,
        browser='firefox --new-tab "x"',
        keys={"next unread": "n", "quit": "ctrl+q"},
    )
    path = tmp_path / "config.toml"
    path.write_text(to_toml(config), encoding="utf-8")
    again = load_config(path)
    assert again.problems == [] and again.config == config
    assert parse_config(to_toml(Config())).config == Config()
