"""The layers of docs/architecture.md, held against every module's imports."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "integrated_care_corpus"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

_HEADING = re.compile(r"^## Layer (\d+): (.+)$")
_ROW = re.compile(r"^\| `([\w.]+)\.py` \| (.+) \|$")


def drawn_layers(text: str) -> dict[str, int]:
    """Return module -> layer number, as the page's tables give them."""
    layers: dict[str, int] = {}
    layer: int | None = None
    for line in text.splitlines():
        if heading := _HEADING.match(line):
            layer = int(heading.group(1))
        elif (row := _ROW.match(line)) and layer is not None:
            module = row.group(1)
            if module in layers:
                msg = f"docs/architecture.md lists {module}.py twice"
                raise AssertionError(msg)
            layers[module] = layer
    return layers


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Return the package modules a module imports anywhere in it.

    Imports inside functions and under ``TYPE_CHECKING`` count. The package
    root counts as ``"__init__"``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "integrated_care_corpus":
                    found.add(parts[1] if len(parts) > 1 else "__init__")
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                parts = (node.module or "").split(".")
                if parts[0] != "integrated_care_corpus":
                    continue
                target = parts[1:]
            elif node.level == 1:
                target = (node.module or "").split(".") if node.module else []
            else:  # pragma: no cover - the package has no subpackages
                continue
            if target:
                found.add(target[0])
            else:  # from . import x: a module if there is one, else a name of the root
                for alias in node.names:
                    found.add(alias.name if alias.name in modules else "__init__")
    return found


def _modules() -> dict[str, Path]:
    return {path.stem: path for path in sorted(PACKAGE.glob("*.py"))}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: imports_of(path, set(modules)) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_is_drawn_once() -> None:
    drawn = drawn_layers(ARCHITECTURE.read_text(encoding="utf-8"))
    modules = set(_modules()) - {"__init__"}
    missing = sorted(modules - set(drawn))
    gone = sorted(set(drawn) - modules)
    assert not missing, (
        f"modules missing from docs/architecture.md: {missing}; add a row for each "
        "under the layer it belongs to (one sentence: what it does)"
    )
    assert not gone, f"docs/architecture.md lists modules that do not exist: {gone}"


def test_imports_run_downwards_only() -> None:
    drawn = drawn_layers(ARCHITECTURE.read_text(encoding="utf-8"))
    upward = [
        f"{module}.py (layer {drawn[module]}) imports {target}.py (layer {drawn[target]})"
        for module, targets in sorted(_graph().items())
        if module in drawn
        for target in sorted(targets)
        if target in drawn and drawn[target] > drawn[module]
    ]
    assert not upward, "imports that run upwards:\n" + "\n".join(upward)


def test_no_module_imports_the_package_root() -> None:
    rooted = sorted(m for m, targets in _graph().items() if "__init__" in targets)
    assert rooted == [], f"modules that import the package root: {rooted}"


def test_no_import_circles() -> None:
    graph = _graph()
    graph.pop("__init__")  # the public face imports everything; nothing imports it back
    assert cycles(graph) == []


# The checks above must be able to fail: each is shown failing on a made-up case.


def test_a_circle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c"], ["e"]]


def test_deferred_and_type_checking_imports_count(tmp_path: Path) -> None:
    module = tmp_path / "_low.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from ._high import X\n"
        "def f():\n"
        "    from . import _other\n"
        "    import integrated_care_corpus\n"
        "    from . import __version__\n",
        encoding="utf-8",
    )
    assert imports_of(module, {"_high", "_other"}) == {"_high", "_other", "__init__"}


def test_the_page_is_read_as_drawn() -> None:
    text = "## Layer 1: a\n\n| `_x.py` | x |\n\n## Layer 2: b\n\n| `_y.py` | y |\n"
    assert drawn_layers(text) == {"_x": 1, "_y": 2}
    with pytest.raises(AssertionError, match="twice"):
        drawn_layers(text + "| `_x.py` | again |\n")
