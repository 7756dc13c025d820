"""Opening links: the command chosen, argv only, http(s) only, failures reported."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsreader.services.browsing import browser_argv, browser_command, open_url

URL = "https://example.test/story/1"


def test_config_then_browser_env_then_none():
    assert browser_command("firefox --new-tab", {"BROWSER": "lynx"}) == "firefox --new-tab"
    assert browser_command("", {"BROWSER": "w3m:lynx"}) == "w3m"
    assert browser_command("  ", {}) == ""


def test_argv_is_a_list_and_percent_s_places_the_url():
    assert browser_argv(URL, "my browser") == ["my", "browser", URL]
    assert browser_argv(URL, "open -a 'Safari' %s --x") == ["open", "-a", "Safari", URL, "--x"]


@pytest.mark.parametrize(
    "url",
    [
        "--incognito https://x",
        "-https://x",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://a\nb",
        "ftp://example.test/",
    ],
)
def test_unsafe_links_are_refused_before_any_command_runs(url, tmp_path: Path):
    marker = tmp_path / "ran"
    opened = open_url(url, f"touch {marker}")
    assert not opened.ok and opened.problem
    assert not marker.exists()


def test_shell_syntax_in_the_link_is_never_run(tmp_path: Path):
    marker = tmp_path / "pwn"
    url = f"https://example.test/$(touch%20{marker});touch%20{marker}"
    opened = open_url(url, "true", wait=5)
    assert opened.ok and not marker.exists()


def test_a_failing_browser_and_a_missing_one_are_reported():
    failed = open_url(URL, "false", wait=5)
    assert not failed.ok and "exit status 1" in failed.problem
    missing = open_url(URL, "/nonexistent/browser-xyz")
    assert not missing.ok and "Could not start" in missing.problem


def test_browser_env_is_used_and_gets_the_url(tmp_path: Path):
    out = tmp_path / "argv"
    script = tmp_path / "fake-browser"
    body = f"import sys\nopen({str(out)!r}, 'w').write(sys.argv[1])\n"
    script.write_text(f"#!{sys.executable}\n{body}")
    script.chmod(0o755)
    assert open_url(URL, "", environ={"BROWSER": str(script)}, wait=10).ok
    assert out.read_text() == URL


def test_no_browser_at_all_is_reported(monkeypatch):
    import webbrowser

    def none() -> None:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", none)
    opened = open_url(URL, "", environ={})
    assert not opened.ok and "No web browser" in opened.problem
