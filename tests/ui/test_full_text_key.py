"""The reader's full-text key: fetch the open article's web page in a worker, mark it."""

from __future__ import annotations

from pathlib import Path

from newsreader.model import Article, Paragraph
from newsreader.services.reading import FULL_TEXT_NOTE
from newsreader.services.stores import open_store
from newsreader.ui.app import NewsApp
from newsreader.ui.screens.main import MainScreen
from tests.support import hostile_server as hs
from tests.support.hostile_server import HostileServer
from tests.unit.test_fulltext import LOGIN_WALL, page

WIDE = (160, 48)


def _html(body: bytes) -> hs.Behaviour:
    def behaviour(handler, server) -> None:
        hs.send(handler, 200, body, "text/html")

    return behaviour


async def test_t_fetches_the_full_text_of_the_open_article(tmp_path: Path, clock) -> None:
    with HostileServer() as server:
        good = server.route("/a/good", _html(page("good")))
        wall = server.route("/a/wall", _html(LOGIN_WALL))
        db = tmp_path / "news.db"
        with open_store(db) as store:
            feed_id = store.add_feed(server.url("/feed.xml"), "Local").id or 0
            store.save_articles(
                feed_id,
                [
                    Article(title="Walled", url=wall, blocks=(Paragraph("Short one."),)),
                    Article(title="Good", url=good, blocks=(Paragraph("Short two."),)),
                ],
            )
        app = NewsApp(db, clock=clock, import_samples=False)
        async with app.run_test(size=WIDE) as pilot:
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await pilot.press("t")  # nothing open yet: a warning, no fetch
            await pilot.pause()
            assert sum(server.hits.values()) == 0
            seen = {}
            for keys in (("enter",), ("escape", "j", "enter")):  # j scrolls an open article
                await pilot.press(*keys)
                await pilot.press("t")
                await app.workers.wait_for_complete()
                await pilot.pause()
                shown = screen.reader.article
                seen[shown.title] = (shown.source_note, "harbour crew" in shown.body_text)
            notes = [n.message for n in app._notifications]
    assert seen == {
        "Good": (FULL_TEXT_NOTE, True),
        "Walled": ("Summary only: the page asks to log in", False),
    }
    assert "Full text from the web page." in notes
    assert "Summary kept: the page asks to log in" in notes
