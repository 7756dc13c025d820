"""The refresh status line: feeds done of total, new articles and errors, with a bar."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from newsreader.services.refresh.progress import RefreshProgress

BAR_WIDTH = 20


def plural(count: int, word: str) -> str:
    """``1 feed``, ``2 feeds``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def progress_text(
    progress: RefreshProgress,
    bar_style: Style | str = "green",
    error_style: Style | str = "bold red",
) -> Text:
    """One line such as ``Refreshing ━━━━──── 3/8 feeds · 12 new articles · 1 error``.

    Once every feed is stored (``to_index`` > 0) the bar counts articles indexed
    for search: ``Indexing for search ━━━━──── 1,200/2,500 articles · 8 feeds …``,
    then the web pages of summaries (``pages`` > 0): ``Full text ━━━━──── 3/10 pages
    · 2 fetched, 1 kept the summary · 8 feeds …`` (the ``t`` key's one page too).
    """
    total, errors = progress.total, progress.errors
    if progress.full_text:
        label, count, of = "Full text ", progress.pages_done, progress.pages
        unit = "page"
    elif progress.indexing:
        label, count, of = "Indexing for search ", progress.indexed, progress.to_index
        unit = "article"
    else:
        label, count, of, unit = "Refreshing ", progress.done, max(total, 0), "feed"
    filled = BAR_WIDTH * min(count, of) // of if of else 0
    text = Text(label, style="bold", no_wrap=True, overflow="ellipsis")
    text.append("━" * filled, style=bar_style)
    text.append("─" * (BAR_WIDTH - filled), style="dim")
    text.append(f" {count:,}/{plural(of, unit)}")
    if progress.full_text and not total:  # one article's page (the t key)
        text.append(f" · fetching {progress.page_title}…" if progress.page_title else "…")
    elif progress.full_text:
        text.append(f" · {progress.pages_ok:,} fetched, {progress.pages_kept:,} kept the summary")
        text.append(f" · {plural(total, 'feed')}")
        text.append(f" · {plural(progress.new_articles, 'new article')}")
    else:
        if progress.indexing:
            text.append(f" · {plural(total, 'feed')}")
        text.append(f" · {plural(progress.new_articles, 'new article')}")
    if errors:
        text.append(" · ")
        text.append(plural(errors, "error"), style=error_style)
    return text


class RefreshStatus(Static):
    """Shown while a refresh runs, hidden otherwise; always drawn from ``Text``."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"refresh-status--bar", "refresh-status--error"}

    DEFAULT_CSS = """
    RefreshStatus { height: 1; display: none; padding: 0 1; background: $panel; }
    RefreshStatus.-active { display: block; }
    RefreshStatus > .refresh-status--bar { color: $success; }
    RefreshStatus > .refresh-status--error { color: $error; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.progress: RefreshProgress | None = None
        """Where the running refresh is, else ``None``."""

    @property
    def active(self) -> bool:
        return self.progress is not None

    def show_progress(self, progress: RefreshProgress) -> None:
        """Draw the current state of the refresh (feeds, then articles indexed for search)."""
        self.progress = progress
        style = self.get_component_rich_style
        self.update(
            progress_text(
                progress,
                style("refresh-status--bar", partial=True),
                style("refresh-status--error", partial=True),
            )
        )
        self.add_class("-active")

    def finish(self) -> None:
        """Hide the line (the summary goes to a notification)."""
        self.progress = None
        self.remove_class("-active")
        self.update("")
