"""Pilot tests of the link picker: the numbered links of the article, opened or copied."""

from __future__ import annotations

import shlex
import time
from pathlib import Path

import pytest
from uidata import NOW

from newsreader.config import Config
from newsreader.model import Article, Paragraph, Run
from newsreader.services.stores import open_store
from newsreader.ui.app import NewsApp
from newsreader.ui.screens.links import LinkPicker

WIDE = (160, 48)
FIRST = "https://harbour.example.test/first"
SECOND = "https://harbour.example.test/second?x=1&y=2"

LINKED = Article(
    title="Two links",
    url="https://harbour.example.test/story",
    guid="two-links",
    published=NOW,
    blocks=(
        Paragraph(
            "Read the first note and the second note.",
            (
                Run("Read the "),
                Run("first note", href=FIRST),
                Run(" and the "),
                Run("second note", href=SECOND, em=True),
                Run("."),
            ),
        ),
    ),
)


@pytest.fixture
def linked_db(tmp_path: Path) -> Path:
    path = tmp_path / "links.db"
    with open_store(path) as store:
        store.save_articles(store.source_id("Harbour Gazette"), [LINKED])
    return path


def fake_browser(tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "argv.txt"
    script = tmp_path / "fake browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{out}"\n')
    script.chmod(0o755)
    return out, shlex.join([str(script), "--new-tab"])


def wait_for(path: Path) -> None:
    deadline = time.monotonic() + 10
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


async def test_picking_link_2_opens_it_as_one_argv_element(linked_db, tmp_path):
    out, command = fake_browser(tmp_path)
    app = NewsApp(
        linked_db, clock=lambda: NOW, import_samples=False, config=Config(browser=command)
    )
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        plain = [line.plain for line in app.screen.reader.lines]
        assert any("first note[1] and the second note[2]." in line for line in plain)
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LinkPicker)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, LinkPicker)
        await app.workers.wait_for_complete()
    wait_for(out)
    assert out.read_text().splitlines() == ["--new-tab", SECOND]


async def test_copying_a_link_and_o_still_opens_the_article(linked_db, tmp_path):
    out, command = fake_browser(tmp_path)
    app = NewsApp(
        linked_db, clock=lambda: NOW, import_samples=False, config=Config(browser=command)
    )
    async with app.run_test(size=WIDE) as pilot:
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await pilot.press("enter", "L", "1", "y")
        await pilot.pause()
        assert copied == [FIRST]
        await pilot.press("L", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, LinkPicker)
        await pilot.press("o")
        await app.workers.wait_for_complete()
    wait_for(out)
    assert out.read_text().splitlines() == ["--new-tab", "https://harbour.example.test/story"]


async def test_an_article_without_links_says_so(linked_db, tmp_path):
    path = tmp_path / "plain.db"
    with open_store(path) as store:
        store.save_articles(
            store.source_id("F"),
            [Article(title="x", guid="x", published=NOW, blocks=(Paragraph("plain"),))],
        )
    app = NewsApp(path, clock=lambda: NOW, import_samples=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "L")
        await pilot.pause()
        assert not isinstance(app.screen, LinkPicker)
        assert any("no links" in n.message for n in app._notifications)
