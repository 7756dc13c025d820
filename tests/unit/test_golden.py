"""Golden pairs for extraction: each input in ``tests/data/golden`` beside its expected article.

* ``NAME.txt`` — pasted text (:func:`newsreader.extract.text.parse_text_article`);
* ``NAME.html`` — feed HTML (blocks by :func:`newsreader.extract.html.html_to_blocks`,
  then the shared finishing step), with ``https://golden.example.test/NAME`` as base URL;
* ``NAME.page.html`` — a saved page (:func:`newsreader.extract.page.parse_html_page`).

``NAME.json`` is the expected article (``Article.to_dict()`` without the store's fields).
A new pattern is one new pair. To write or rewrite the expectations deliberately (then
read the diff before committing it)::

    NEWSREADER_GOLDEN_UPDATE=1 .venv/bin/python -m pytest tests/unit/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from newsreader.extract.finish import finish
from newsreader.extract.html import html_to_blocks
from newsreader.extract.page import parse_html_page
from newsreader.extract.text import parse_text_article
from newsreader.model import Article

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden"
BASE = "https://golden.example.test/"
UPDATE = os.environ.get("NEWSREADER_GOLDEN_UPDATE") == "1"
STORE_FIELDS = ("id", "read", "bookmarked")


def inputs() -> list[Path]:
    return sorted(p for p in GOLDEN.iterdir() if p.suffix in (".txt", ".html"))


def name_of(path: Path) -> str:
    return path.name.removesuffix(".page.html").removesuffix(".html").removesuffix(".txt")


def extract(path: Path) -> Article:
    """The article the input gives through its extractor (chosen by the file name)."""
    name = name_of(path)
    if path.name.endswith(".page.html"):
        return parse_html_page(path.read_bytes(), url=BASE + name)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".txt":
        return parse_text_article(text)
    return finish(html_to_blocks(text, base_url=BASE + name))


def expected_form(article: Article) -> dict[str, Any]:
    data = article.to_dict()
    for key in STORE_FIELDS:
        data.pop(key)
    return data


@pytest.mark.parametrize("path", inputs(), ids=lambda p: p.name)
def test_golden(path: Path) -> None:
    got = expected_form(extract(path))
    target = path.with_name(name_of(path) + ".json")
    if UPDATE:
        target.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if not target.exists():
        pytest.fail(f"no {target.name}: run with NEWSREADER_GOLDEN_UPDATE=1 and check it")
    assert got == json.loads(target.read_text(encoding="utf-8"))


def test_every_expectation_has_its_input() -> None:
    names = {name_of(p) for p in inputs()}
    orphans = [p.name for p in GOLDEN.glob("*.json") if p.stem not in names]
    assert not orphans
