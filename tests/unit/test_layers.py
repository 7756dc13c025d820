"""The import contracts of DESIGN.md, checked on every module (lazy imports included).

Layers, bottom up: model · sanitize · paths → config → store · net · formats ·
extract · layout (siblings: none imports another) → ingest → services → ui · cli.
Only ui/ imports Textual. A broken contract fails ``make test``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "newsreader"

BOTTOM = {"model", "sanitize", "paths"}
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "sanitize": set(),
    "paths": set(),
    "__init__": set(),
    "__main__": {"cli"},
    "config": {"paths", "sanitize"},
    "store": BOTTOM | {"config"},
    "net": BOTTOM | {"config", "__init__"},
    "formats": BOTTOM | {"config"},
    "extract": BOTTOM | {"config"},
    "layout": BOTTOM | {"config"},
    "images": BOTTOM | {"config", "net"},
    "ingest": BOTTOM | {"config", "formats", "extract"},
    "services": BOTTOM
    | {"config", "store", "net", "formats", "extract", "layout", "ingest", "images"},
    "ui": BOTTOM | {"config", "layout", "services", "__init__"},
    "cli": BOTTOM | {"config", "layout", "services", "ui", "__init__"},
}
"""Which components each component may import (besides itself)."""

ONLY_IN_UI = ("textual",)


def component(module: str) -> str:
    """``newsreader.store.db`` → ``store``; ``newsreader`` → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path, package_dir: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every module a file imports, anywhere in it, resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    rel = path.relative_to(package_dir.parent).with_suffix("")
    here = list(rel.parts[:-1])  # the package the file is in
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module != "newsreader":
                found.append((node.lineno, module))
                continue
            for alias in node.names:  # "from newsreader import layout" imports a submodule
                sub = package_dir / alias.name
                is_module = sub.is_dir() or sub.with_suffix(".py").is_file()
                found.append((node.lineno, f"newsreader.{alias.name}" if is_module else module))
    return found


def violations(package_dir: Path = PACKAGE) -> list[str]:
    """Each import that breaks a contract, as ``file:line: what``."""
    problems: list[str] = []
    for path in sorted(package_dir.rglob("*.py")):
        rel = path.relative_to(package_dir.parent)
        own = component(".".join(rel.with_suffix("").parts))
        if own not in ALLOWED:
            problems.append(f"{rel}: component {own!r} has no contract")
            continue
        for line, module in imports_of(path, package_dir):
            top = module.split(".")[0]
            if top in ONLY_IN_UI and own != "ui":
                problems.append(f"{rel}:{line}: imports {module} (only ui/ may)")
            if top != "newsreader":
                continue
            other = component(module)
            if other != own and other not in ALLOWED[own]:
                problems.append(f"{rel}:{line}: {own} imports {module}")
    return problems


def test_every_import_keeps_the_layer_contracts() -> None:
    assert violations() == []


def test_every_component_has_a_contract() -> None:
    components = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    components = {c for c in components if not c.startswith((".", "_")) or c in ALLOWED}
    missing = {c for c in components if c != "__pycache__"} - set(ALLOWED)
    assert not missing, f"add these to ALLOWED: {sorted(missing)}"


@pytest.mark.parametrize(
    ("where", "source", "expected"),
    [
        ("store/bad.py", "from newsreader.extract.html import html_to_blocks\n", "store imports"),
        ("store/bad.py", "def f():\n    import newsreader.net.fetch\n", "store imports"),
        ("extract/bad.py", "from newsreader.formats import parse\n", "extract imports"),
        ("services/bad.py", "from newsreader.ui import app\n", "services imports"),
        ("cli/bad.py", "from newsreader.store import Store\n", "cli imports"),
        ("model/bad.py", "from newsreader import layout\n", "model imports"),
        ("layout.py", "import textual\n", "only ui/ may"),
        ("store/bad.py", "from ..extract import html\n", "store imports"),
    ],
)
def test_a_wrong_import_is_caught(tmp_path: Path, where: str, source: str, expected: str) -> None:
    fake = tmp_path / "newsreader"
    target = fake / where
    target.parent.mkdir(parents=True, exist_ok=True)
    (fake / "__init__.py").write_text("")
    target.write_text(source)
    found = violations(fake)
    assert len(found) == 1 and expected in found[0], found
