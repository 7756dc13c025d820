"""The package as users get it: a built wheel in a fresh venv, and a headless core."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CORE_MODULES = [
    "newsreader.model",
    "newsreader.sanitize",
    "newsreader.paths",
    "newsreader.config",
    "newsreader.ingest",
    "newsreader.layout",
    "newsreader.store",
    "newsreader.cli",
    "newsreader.formats.registry",
    "newsreader.formats.rss",
    "newsreader.formats.rss_fast",
    "newsreader.extract.entries",
    "newsreader.ingest",
    "newsreader.extract.html",
    "newsreader.extract.text",
    "newsreader.extract.page",
]


def test_core_never_imports_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_app_and_its_store_start_without_parsers() -> None:
    # Start-up is the floor of Textual itself (PERF-FACTS): lxml (~60 ms), feedparser
    # and the extractors load when a refresh or an article needs them.
    code = (
        "import sys\n"
        "import newsreader.store, newsreader.ui.app, newsreader.ui.launch\n"
        "print(sorted(m for m in ('lxml', 'feedparser', 'newsreader.extract.html') "
        "if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.timeout(600)
def test_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("newsreader-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    # No package index (tests touch no network): the wheel goes in alone, and its
    # dependencies are seen from this environment's site-packages through a .pth
    # file (a path in a .pth file adds modules but runs none of the .pth files there,
    # so this checkout's editable install does not come along).
    subprocess.run(
        [py, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    purelib = subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "test-deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    exe = env_dir / "bin" / "newsreader"
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("newsreader ")

    # The bundled data is found inside the installed package, not in this checkout.
    code = (
        "from newsreader.paths import resource_dir\n"
        "for name in ('styles', 'sample_feeds'):\n"
        "    d = resource_dir(name); assert any(d.iterdir()), d; print(d)\n"
    )
    where = subprocess.run(
        [py, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert all("site-packages" in line for line in where.stdout.splitlines())
    samples = sorted(Path(where.stdout.splitlines()[1]).glob("*.xml"))
    assert samples, "no sample feed shipped in the wheel"
    db = tmp_path / "store.db"
    out = subprocess.run(
        [exe, "--db", str(db), "import", str(samples[0])],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines and all(line.split("\t")[0].isdigit() for line in lines)
