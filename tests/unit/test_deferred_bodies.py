"""A refresh stores HTML bodies as they came and builds blocks on reading.

The deferred path must read back exactly what the eager path builds, keep the
contentless search index exact through updates and deletes, and never store
escape sequences.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bench.refresh_feeds import feed_body
from newsreader.extract.deferred import DeferredBody, resolve_dek
from newsreader.extract.html import html_text_parts
from newsreader.ingest import read_feed as parse_feed
from newsreader.model import Figure, Paragraph
from newsreader.paths import resource_dir
from newsreader.sanitize import strip_markup_escapes
from newsreader.services.reading import get_article
from newsreader.services.refresh import parse_store_job
from newsreader.services.stores import open_store
from newsreader.store import Store
from newsreader.store.codec import unpack

SAMPLES = resource_dir("sample_feeds")
FEEDS = sorted(p.name for p in SAMPLES.glob("*.xml"))

LEAD_AND_DEKS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Deks</title>
<link>https://deks.example.test/</link><description>d</description>
<item><guid>repeat</guid><title>Summary repeats the lead</title>
<link>https://deks.example.test/a</link>
<description>The ferry ran late again on Tuesday morning.</description>
<content:encoded><![CDATA[<p>The ferry ran late again on Tuesday morning.</p>
<p>Second paragraph.</p>]]></content:encoded></item>
<item><guid>own</guid><title>Summary of its own</title><link>https://deks.example.test/b</link>
<description>A dek that is not in the body.</description>
<media:content url="https://deks.example.test/lead.jpg" medium="image">
<media:description>The quay at dawn</media:description>
<media:credit>Ann Other</media:credit></media:content>
<content:encoded><![CDATA[<p>Body without a figure.</p>]]></content:encoded></item>
</channel></rss>"""


def _feeds() -> list[tuple[str, bytes]]:
    cases = [(name, (SAMPLES / name).read_bytes()) for name in FEEDS]
    cases += [("bench-rss", feed_body(0)), ("bench-atom", feed_body(1))]
    return [*cases, ("lead-and-deks", LEAD_AND_DEKS)]


def _store_both(tmp_path: Path, data: bytes) -> tuple[Store, Store, list[int], list[int]]:
    url = "https://feeds.example.test/feed.xml"
    eager = open_store(tmp_path / "eager.db")
    lazy = open_store(tmp_path / "lazy.db")
    parsed = parse_feed(data, url, {})
    outcome = parse_store_job(data, url, {})
    assert outcome.parsed is not None
    feed_e = eager.add_feed(url, "F").id or 0
    feed_l = lazy.add_feed(url, "F").id or 0
    ids_e = [s.id for s in eager.save_articles(feed_e, parsed.articles)]
    ids_l = [
        s.id for s in lazy.save_articles(feed_l, outcome.parsed.articles, encoded=outcome.encoded)
    ]
    return eager, lazy, ids_e, ids_l


@pytest.mark.parametrize("name,data", _feeds(), ids=[n for n, _ in _feeds()])
def test_deferred_articles_read_back_as_the_eager_parse(tmp_path: Path, name: str, data: bytes):
    eager, lazy, ids_e, ids_l = _store_both(tmp_path, data)
    with eager, lazy:
        assert len(ids_e) == len(ids_l) > 0
        for id_e, id_l in zip(ids_e, ids_l, strict=True):
            a, b = get_article(eager, id_e), get_article(lazy, id_l)
            assert a is not None and b is not None
            assert b.blocks == a.blocks
            assert (b.title, b.dek, b.url, b.author, b.published, b.section) == (
                a.title,
                a.dek,
                a.url,
                a.author,
                a.published,
                a.section,
            )
            assert b.reading_minutes == a.reading_minutes


def test_the_refresh_form_is_deferred_and_the_dek_and_lead_resolve_on_reading(tmp_path: Path):
    eager, lazy, _, ids = _store_both(tmp_path, LEAD_AND_DEKS)
    with eager, lazy:
        blobs = [r[0] for r in lazy.conn.execute("SELECT blocks FROM articles ORDER BY id")]
        assert all(json.loads(unpack(b))["deferred"] == "html" for b in blobs)
        repeat, own = (get_article(lazy, i) for i in ids)
        assert repeat is not None and own is not None
        assert repeat.dek == ""  # the summary is the first paragraph
        assert own.dek == "A dek that is not in the body."
        assert own.blocks[0] == Figure(
            "https://deks.example.test/lead.jpg", "", "The quay at dawn", "Ann Other"
        )
        assert own.blocks[1] == Paragraph("Body without a figure.")


def _vocabulary(store: Store) -> int:
    conn: sqlite3.Connection = store.conn
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, articles_fts, 'row')"
    )
    return conn.execute("SELECT count(*) FROM temp.vocab WHERE cnt > 0").fetchone()[0]


def _entry(word: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
<link>https://t.example.test/</link><description>d</description><item><guid>one</guid>
<title>Story</title><link>https://t.example.test/1</link><description>&lt;p&gt;Text about
the {word} and more.&lt;/p&gt;&lt;figure&gt;&lt;img src="a.jpg"&gt;&lt;figcaption&gt;{word}
caption&lt;/figcaption&gt;&lt;/figure&gt;&lt;div class="ad-slot"&gt;Buy adwordz&lt;/div&gt;
</description></item></channel></rss>""".encode()


def test_updates_and_deletes_of_deferred_articles_keep_the_index_exact(tmp_path: Path) -> None:
    url = "https://t.example.test/feed.xml"
    with open_store(tmp_path / "s.db") as store:
        feed_id = store.add_feed(url, "T").id or 0
        first = parse_store_job(_entry("albatross"), url, {})
        (saved,) = store.save_articles(feed_id, first.parsed.articles, encoded=first.encoded)
        assert [a.id for a in store.search("albatross")] == [saved.id]
        assert store.search("adwordz") == []  # the ad slot is not indexed
        second = parse_store_job(_entry("cormorant"), url, {})
        (again,) = store.save_articles(feed_id, second.parsed.articles, encoded=second.encoded)
        assert again.status == "updated" and again.id == saved.id
        assert store.search("albatross") == []
        assert [a.id for a in store.search("cormorant")] == [saved.id]
        store.delete_articles([saved.id])
        assert store.search("cormorant") == []
        # A contentless index forgets a row only if given exactly what it indexed:
        # any mismatch would leave terms behind.
        assert _vocabulary(store) == 0


def test_html_text_parts_drop_junk_and_separate_captions() -> None:
    body, captions = html_text_parts(
        "<p>Harbour <b>news</b></p><script>steal()</script>after"
        "<figure><img src=a.jpg><figcaption>The quay <span class=credit>Jo/Wire</span>"
        "</figcaption></figure><div class='ad-slot'>Buy now</div><div hidden>secret</div>"
        "<aside><h3>Related</h3><a href=x>Other story</a></aside><p>End.</p>"
    )
    assert body.split() == ["Harbour", "news", "after", "End."]
    assert captions.split() == ["The", "quay", "Jo/Wire"]
    assert html_text_parts("") == ("", "")


def test_escape_sequences_never_reach_the_store(tmp_path: Path) -> None:
    hostile = "<p>red \x1b[31malert\x1b[0m and \x1b]8;;https://evil.test\x07link\x1b]8;;\x07</p>"
    assert strip_markup_escapes(hostile) == "<p>red alert and link</p>"
    # An unterminated string sequence stops at the next tag instead of eating it.
    assert strip_markup_escapes("<p>a\x1b]0;title<p>b\x9b1m</p>") == "<p>a<p>b</p>"
    body = DeferredBody(strip_markup_escapes(hostile))
    assert body.blocks() == [Paragraph("red alert and link")]


def test_resolve_dek_drops_a_summary_the_body_begins_with() -> None:
    blocks = [Paragraph("The ferry ran late again."), Paragraph("More.")]
    assert resolve_dek("The ferry ran late…", blocks) == ""
    assert resolve_dek("Something else.", blocks) == "Something else."
    assert resolve_dek("", blocks) == ""


def test_a_huge_body_is_built_in_the_worker_not_when_opened(tmp_path: Path) -> None:
    from newsreader.extract.entries import MAX_DEFERRED_HTML

    paragraph = "<p>" + "word " * 200 + "</p>"
    html = paragraph * (MAX_DEFERRED_HTML // len(paragraph) + 1)
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        "<link>https://t.example.test/</link><description>d</description>"
        "<item><guid>big</guid><title>Big</title><link>https://t.example.test/big</link>"
        f"<description><![CDATA[{html}]]></description></item>"
        "<item><guid>small</guid><title>Small</title><link>https://t.example.test/s</link>"
        f"<description><![CDATA[{paragraph}]]></description></item></channel></rss>"
    ).encode()
    outcome = parse_store_job(feed, "https://t.example.test/feed.xml", {})
    big, small = (json.loads(unpack(form[1])) for form in outcome.encoded)
    assert isinstance(big, list) and big[0]["type"] == "paragraph"  # blocks, built already
    assert isinstance(small, dict) and small["deferred"] == "html"
