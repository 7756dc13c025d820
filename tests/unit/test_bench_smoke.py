"""The synthetic-store generator of the benchmarks builds a real, consistent store."""

from __future__ import annotations

from bench.synth import FEEDS, LONG_FIGURES, build
from newsreader.model import Figure
from newsreader.services.reading import get_article
from newsreader.services.stores import open_store
from newsreader.store import ListQuery


def test_synthetic_store_at_200_is_a_consistent_store(tmp_path):
    path = tmp_path / "synth.db"
    info = build(200, path, progress=False)
    assert info.articles == 201
    with open_store(path, create=False) as store:
        counts = store.counts()
        assert counts.all == 201
        # The counters the triggers kept agree with the rows themselves.
        unread = store.conn.execute("SELECT count(*) FROM articles WHERE read = 0").fetchone()[0]
        assert counts.unread == unread
        assert counts.bookmarked == store.count(ListQuery(bookmarked=True))
        assert len(store.list_feeds()) == FEEDS + 1

        # Every body decodes into blocks with 1-3 figures, and words in it are searchable.
        page = store.list_articles(limit=300)
        assert len(page) == 201
        for summary in page[:50]:
            article = get_article(store, summary.id)
            assert article is not None
            if summary.id == info.long_article_id:
                continue
            figures = [b for b in article.blocks if isinstance(b, Figure)]
            assert 1 <= len(figures) <= 3
            assert 300 <= len(article.body_text.split()) <= 2_200
        hits = store.search(info.rare_word, 50)
        assert hits, "the rare word is indexed"
        body = get_article(store, hits[0].id)
        assert body is not None
        assert info.rare_word in body.body_text + body.title + body.caption_text + body.author

        long = get_article(store, info.long_article_id)
        assert long is not None
        assert sum(isinstance(b, Figure) for b in long.blocks) == LONG_FIGURES
        assert len(long.body_text.split()) >= 5_000


def test_synthetic_store_is_deterministic(tmp_path):
    def fingerprint(path):
        with open_store(path, create=False) as store:
            return store.conn.execute(
                "SELECT group_concat(content_hash || read || bookmarked || sort_key, ',') "
                "FROM (SELECT * FROM articles ORDER BY id)"
            ).fetchone()[0]

    build(60, tmp_path / "a.db", progress=False)
    build(60, tmp_path / "b.db", progress=False)
    assert fingerprint(tmp_path / "a.db") == fingerprint(tmp_path / "b.db")


def test_refresh_parts_runs_on_two_feeds(capsys):
    from bench.refresh_parts import main

    main(["--feeds", "2", "--fts-articles", "200"])
    out = capsys.readouterr().out
    for label in ("parse_store_job", "zstd level 1", "html_text_parts", "detail=column"):
        assert label in out
