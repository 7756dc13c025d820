"""Loaded by every Python a test starts (this folder is on PYTHONPATH): no network.

See ``tests/support/no_network.py``; loaded by path, so the repository need not be
importable from the subprocess's working directory.
"""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "_newsreader_tests_no_network", Path(__file__).resolve().parents[1] / "no_network.py"
)
if _spec is not None and _spec.loader is not None:
    _module = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_module)
    _module.install()
