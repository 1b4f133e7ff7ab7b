"""The layout reads in the order data flows, and nothing low imports anything high:
base (settings, errors) → ontology → kg (build) → store → sparql / queries / qa → service (web) → cli, benchmarks.
Also: exactly one top-level import package is installed, and no import circle between modules."""

from __future__ import annotations

import ast
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE_DIRS: dict[str, str] = PYPROJECT["tool"]["setuptools"]["package-dir"]
# (module prefix, layer); a module may import its own layer's package and anything lower.
LAYERS = [("sharaka.errors", 0), ("sharaka.settings", 0), ("sharaka.ontology", 1), ("sharaka.kg", 2),
          ("sharaka.store", 3), ("sharaka.queries", 4), ("sharaka.sparql", 5), ("sharaka.qa", 5),
          ("sharaka.service", 6), ("sharaka.cli", 7), ("sharaka.__main__", 7), ("sharaka.benchmarks", 7)]


def layer_of(module: str) -> tuple[str, int]:
    for prefix, layer in sorted(LAYERS, key=lambda pl: -len(pl[0])):
        if module == prefix or module.startswith(prefix + "."):
            return prefix, layer
    return "sharaka", 0  # the package's own __init__


def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package, folder in PACKAGE_DIRS.items():
        base = ROOT / folder
        for path in base.rglob("*.py"):
            parts = list(path.relative_to(base).with_suffix("").parts)
            if any(p.startswith(".") or p == "__pycache__" for p in parts):
                continue
            if package == "sharaka" and parts and f"sharaka.{parts[0]}" in PACKAGE_DIRS:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join([package, *parts])] = path
    return found


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n == "sharaka" or n.startswith("sharaka.")}


MODULES = modules()


def test_one_top_level_package_is_installed() -> None:
    packages = PYPROJECT["tool"]["setuptools"]["packages"]
    assert {p.split(".")[0] for p in packages} == {"sharaka"}
    assert all(name == "sharaka" or name.startswith("sharaka.") for name in PACKAGE_DIRS)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_low_imports_anything_high(module: str) -> None:
    own, own_layer = layer_of(module)
    upward = []
    for name in imports_of(MODULES[module]):
        other, other_layer = layer_of(name)
        if other_layer > own_layer or (other_layer == own_layer and other != own and own_layer == 5):
            upward.append(name)
    assert not upward, f"{module} (layer {own_layer}) imports {upward}"


def test_no_import_circle() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        for name in imports_of(path):
            target = name
            while target not in MODULES and "." in target:
                target = target.rsplit(".", 1)[0]  # `from pkg.mod import x` or an attribute path
            if target in MODULES and target != module and not module.startswith(target + "."):
                graph[module].add(target)
    seen: dict[str, int] = {}  # 1 on the stack, 2 done

    def visit(node: str, stack: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph[node]):
            if seen.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt):], nxt] if nxt in stack else [node, nxt]
                raise AssertionError("import circle: " + " → ".join(cycle))
            if nxt not in seen:
                visit(nxt, [*stack, nxt])
        seen[node] = 2

    for module in sorted(MODULES):
        if module not in seen:
            visit(module, [module])
