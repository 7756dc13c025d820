"""Fixed, invented articles and a store filled with them, for the reader's tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsreader.model import Article, Figure, Heading, Paragraph, Quote, Video
from newsreader.services.stores import open_store
from newsreader.store import Store

NOW = datetime(2024, 5, 20, 12, 0, tzinfo=UTC)

LOREM = (
    "The harbour board met on a wet Tuesday evening to weigh the new ferry timetable, "
    "and the public gallery was full long before the first item was read into the record. "
    "Residents of the outer islands said the early sailing mattered more than any other."
)


def long_article(n: int, feed: str, **extra: object) -> Article:
    """An article with a lead figure, body paragraphs, a mid figure and a video card."""
    blocks = (
        Figure(
            src="https://example.test/lead.jpg",
            caption=f"The ferry Marigold leaves the north pier at dawn (story {n}).",
            credit="Photo: Ana Ferreira",
        ),
        Paragraph(f"Paragraph one of story {n}. " + LOREM),
        Paragraph("A second paragraph that continues the account. " + LOREM),
        Heading("What happens next"),
        Paragraph("Third paragraph with the board's decision. " + LOREM),
        Figure(caption="Commuters queue at the ticket office.", credit="Photo: Li Wen"),
        Quote("We were never asked, and now we are told it is settled."),
        Paragraph("Fourth paragraph, after the quote. " + LOREM),
        Video(title="Watch: the vote", description="Two minutes from the meeting."),
        Paragraph("Fifth and final paragraph. " + LOREM),
    )
    fields: dict[str, object] = {
        "title": f"Story {n}: ferry timetable change",
        "blocks": blocks,
        "url": f"https://example.test/story/{n}",
        "author": "Sam Okafor",
        "published": NOW - timedelta(hours=n * 5),
        "section": "Local",
        "dek": "Islanders fear the loss of the early sailing.",
        "guid": f"story-{n}",
    }
    fields.update(extra)
    return Article(**fields)  # type: ignore[arg-type]


HOSTILE_TITLES = ("Re: [/] notes", "[@click=app.quit]win[/]", "[bold red]loud[/] and [link=x]y")


def fill_store(path: Path, count: int = 12) -> Store:
    """Create a store at ``path`` with two feeds of fixed articles; returns it open."""
    store = open_store(path)
    harbour = store.source_id("Harbour Gazette")
    valley = store.source_id("Valley [Times]")
    store.save_articles(harbour, [long_article(n, "Harbour Gazette") for n in range(count)])
    hostile = [
        long_article(100 + i, "Valley", title=title, guid=f"hostile-{i}")
        for i, title in enumerate(HOSTILE_TITLES)
    ]
    store.save_articles(valley, hostile)
    return store
