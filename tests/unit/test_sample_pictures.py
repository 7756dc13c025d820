"""The bundled sample pictures: every sample figure has one, and seeding puts them in the cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from newsreader.config import Config
from newsreader.images.cache import PictureCache
from newsreader.paths import resource_dir
from newsreader.services.importing import import_samples
from newsreader.services.pictures import INDEX, Pictures, picture_sources, seed_pictures
from newsreader.services.reading import get_article
from newsreader.services.stores import open_store

SAMPLES = resource_dir("sample_feeds")
BUNDLED = SAMPLES / "pictures"
CONFIG = Config(images="halfblock")


def sample_articles(tmp_path: Path):
    store = open_store(tmp_path / "samples.db")
    import_samples(store, SAMPLES)
    articles = [get_article(store, row.id) for row in store.list_articles(limit=1000)]
    store.close()
    return [a for a in articles if a is not None]


def test_every_sample_figure_with_an_address_has_a_bundled_picture_and_no_more(tmp_path):
    index = json.loads((BUNDLED / INDEX).read_text(encoding="utf-8"))
    sources = {src for a in sample_articles(tmp_path) for src in picture_sources(a)}
    assert sources, "the samples have figures with addresses"
    assert set(index) == sources
    for name in index.values():
        assert (BUNDLED / name).is_file()


def test_seeded_pictures_are_what_the_reader_finds_offline(tmp_path):
    cache = tmp_path / "cache"
    assert seed_pictures(BUNDLED, CONFIG, cache) == len(json.loads((BUNDLED / INDEX).read_text()))
    assert seed_pictures(BUNDLED, CONFIG, cache) == 0  # already there: nothing rewritten
    pictures = Pictures(CONFIG, cache_root=cache, env={})
    with_figures = [a for a in sample_articles(tmp_path) if picture_sources(a)]
    for article in with_figures:
        found = pictures.cached(article)
        assert set(found) == set(picture_sources(article)), article.title
        for picture in found.values():
            width, height = picture.size
            assert 0 < width <= 144 and 0 < height <= 144


def test_a_bad_index_or_file_is_skipped_never_raised(tmp_path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    cache = tmp_path / "cache"
    assert seed_pictures(folder, CONFIG, cache) == 0  # no index at all
    (folder / INDEX).write_text("{not json", encoding="utf-8")
    assert seed_pictures(folder, CONFIG, cache) == 0
    good = next(BUNDLED.glob("*.jpg"))
    shutil.copy(good, folder / "good.jpg")
    (folder / "page.png").write_bytes(b"<html>not a picture</html>")
    (tmp_path / "outside.jpg").write_bytes(good.read_bytes())
    (folder / INDEX).write_text(
        json.dumps(
            {
                "https://a.example/good.jpg": "good.jpg",
                "https://a.example/page.png": "page.png",
                "https://a.example/outside.jpg": "../outside.jpg",
                "https://a.example/missing.jpg": "missing.jpg",
                "https://a.example/number.jpg": 3,
            }
        ),
        encoding="utf-8",
    )
    assert seed_pictures(folder, CONFIG, cache) == 1
    store = PictureCache(cache)
    assert store.get("https://a.example/good.jpg") is not None
    for url in ("page.png", "outside.jpg", "missing.jpg", "number.jpg"):
        assert store.get(f"https://a.example/{url}") is None
