"""Small invented feeds (RSS 2.0 and Atom) for fetch and refresh tests."""

from __future__ import annotations

from urllib.parse import quote
from xml.sax.saxutils import escape


def rss(
    title: str,
    items: list[tuple[str, str]] | int = 3,
    *,
    prefix: str = "item",
    encoding: str = "utf-8",
    declare: str | None = None,
    link: str = "",
) -> bytes:
    """An RSS 2.0 feed; ``items`` is a count or ``(guid, title)`` pairs.

    Item links are unique per feed title (``http://example.test/<title>/<guid>``):
    the store also matches articles by URL.
    """
    link = link or f"http://example.test/{quote(title.encode('utf-8'))}/"
    if isinstance(items, int):
        items = [(f"{prefix}-{i}", f"{title} story {i}") for i in range(items)]
    entries = "".join(
        f'<item><guid isPermaLink="false">{escape(guid)}</guid><title>{escape(name)}</title>'
        f"<link>{escape(link)}{escape(guid)}</link>"
        f"<pubDate>Mon, 0{1 + n % 9} Jan 2024 10:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;The {escape(name)} paragraph for testing.&lt;/p&gt;</description>"
        "</item>"
        for n, (guid, name) in enumerate(items)
    )
    label = declare if declare is not None else encoding
    head = f'<?xml version="1.0" encoding="{label}"?>' if label else ""
    text = (
        f'{head}<rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>{escape(link)}</link><description>test</description>{entries}</channel></rss>"
    )
    return text.encode(encoding)


def atom(title: str, count: int = 3, *, prefix: str = "entry") -> bytes:
    """An Atom feed with ``count`` entries."""
    entries = "".join(
        f"<entry><id>urn:test:{prefix}-{i}</id><title>{escape(title)} entry {i}</title>"
        f'<link href="http://example.test/{quote(title)}/{prefix}/{i}"/>'
        f"<updated>2024-02-0{1 + i % 9}T08:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;Entry {i} body.&lt;/p&gt;</content></entry>'
        for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test:{prefix}</id>"
        f'<updated>2024-02-01T08:00:00Z</updated><link href="http://example.test/"/>{entries}</feed>'
    ).encode()
