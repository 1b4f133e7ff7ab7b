"""Gold facts for the chat's tests, read from the source CSV files by tests/questions/make_gold.py (its own
reading of the CSVs and of docs/semantics.md, independent of the graph build and of the engine)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType


@cache
def gold() -> ModuleType:
    path = Path(__file__).resolve().parent / "questions" / "make_gold.py"
    spec = importlib.util.spec_from_file_location("sharaka_make_gold_for_chat", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # loads the CSVs; its main(), which writes files, is not run
    return module
