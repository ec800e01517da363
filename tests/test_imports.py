"""The import graph, drawn from the code: no cycles, and no arrow against the layers of docs/architecture.md.

Every `import` and `from ... import` of the project's modules counts, wherever it is written: at the top, inside a
function, or under `if TYPE_CHECKING:` (a cycle a local import hides is still a cycle for the reader).
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Top to bottom: a module imports modules of its own folder or of a folder below its own, never above. Folders on
# one line are independent: neither imports the other. The data flow is registry -> spiders -> pipeline -> store
# -> review -> publish; a later step imports what it reads from an earlier one, except the store, which every step
# writes or reads through, so it lies below them all (it knows a council entry only by the fields it keeps).
LAYERS: tuple[frozenset[str], ...] = tuple(frozenset(line.split()) for line in (
    "cli bench",
    "sampleweb",  # the demo and the sample council web: for the command line and the tests, never production
    "scheduler",
    "publish",
    "review",
    "pipeline",
    "spiders",
    "registry",
    "store",
    "rules clock settings",  # leaves: they import nothing of the project
))
FOLDERS = frozenset().union(*LAYERS)


@dataclass(frozen=True)
class Arrow:
    """One import of a project module by another, where it is written."""

    source: str
    target: str
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} ({self.path}:{self.line})"


@cache
def module_files() -> dict[str, Path]:
    """Every module of the project's folders and top-level modules, by dotted name."""
    found: dict[str, Path] = {}
    for folder in FOLDERS:
        if (ROOT / f"{folder}.py").is_file():
            found[folder] = ROOT / f"{folder}.py"
        for path in sorted((ROOT / folder).rglob("*.py")) if (ROOT / folder).is_dir() else []:
            if "__pycache__" in path.parts or ".cache" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


@cache
def syntax(module: str) -> ast.Module:
    path = module_files()[module]
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, modules: dict[str, Path]) -> set[str]:
    """The project modules an import statement imports: for `from X import name`, the submodule X.name if there is
    one, else X (the module that defines the name)."""
    if isinstance(node, ast.Import):
        return {t for t in (_resolve(alias.name, modules) for alias in node.names) if t}
    base = node.module or ""
    if node.level:  # relative: from the module's own package up
        package = module.split(".") if is_package else module.split(".")[:-1]
        base = ".".join([*package[: len(package) - node.level + 1], *([node.module] if node.module else [])])
    found = set()
    for alias in node.names:
        name = f"{base}.{alias.name}"
        found.add(name if name in modules else _resolve(base, modules))
    return {t for t in found if t}


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module a dotted name lies in (None: not the project's)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


@cache
def arrows() -> tuple[Arrow, ...]:
    """Every arrow of the project's import graph, one per pair of modules (where it is first written)."""
    modules = module_files()
    found: dict[tuple[str, str], Arrow] = {}
    for module, path in modules.items():
        for node in ast.walk(syntax(module)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _targets(node, module, path.name == "__init__.py", modules) - {module}:
                    arrow = Arrow(module, target, str(path.relative_to(ROOT)), node.lineno)
                    if (module, target) not in found or node.lineno < found[(module, target)].line:
                        found[(module, target)] = arrow
    return tuple(sorted(found.values(), key=lambda a: (a.source, a.target)))


def cycles(edges: Sequence[Arrow]) -> list[list[Arrow]]:
    """The import cycles: for each strongly connected group of modules, the arrows within it."""
    graph: dict[str, list[str]] = {}
    for arrow in edges:
        graph.setdefault(arrow.source, []).append(arrow.target)
        graph.setdefault(arrow.target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []
    for root in sorted(graph):  # Tarjan's algorithm, without recursion
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(graph[child])))
                elif child in stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return [[a for a in edges if a.source in g and a.target in g] for g in groups]


def layer_of(module: str) -> int:
    folder = module.split(".")[0]
    return next(i for i, layer in enumerate(LAYERS) if folder in layer)


def against_layers(edges: Sequence[Arrow]) -> list[Arrow]:
    """Arrows from a folder to one above it, or between independent folders of one layer."""
    return [a for a in edges if a.source.split(".")[0] != a.target.split(".")[0]
            and layer_of(a.source) >= layer_of(a.target)]


def test_the_graph_is_drawn_from_the_code():
    modules = module_files()
    drawn = {(a.source, a.target) for a in arrows()}
    assert {"cli.base", "scheduler", "clock", "store.db", "review.web.app", "registry.validate"} <= set(modules)
    assert {("scheduler", "review.nightly"), ("store.connection", "store.schema"), ("store.schema", "store.db"),
            ("review.web.app", "review.web.auth"), ("review.web.views", "review.web.db")} <= drawn


def test_no_import_cycles():
    found = cycles(arrows())
    assert not found, "import cycles:\n" + "\n".join("  " + "; ".join(map(str, group)) for group in found)


def test_no_arrow_against_the_layers():
    found = against_layers(arrows())
    assert not found, ("imports against the layers (see LAYERS and docs/architecture.md):\n"
                       + "\n".join(f"  {a}" for a in found))


@pytest.mark.parametrize("imports, expected", [
    ({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}, [{"a", "b", "c"}]),
    ({"a": ["b"], "b": ["c"]}, []),
    ({"a": ["b"], "b": ["a"], "c": ["d"], "d": ["c"]}, [{"a", "b"}, {"c", "d"}]),
])
def test_the_cycle_finder_finds_every_cycle_and_only_cycles(imports, expected):
    edges = [Arrow(s, t, "x.py", 1) for s, targets in imports.items() for t in targets]
    assert sorted(({a.source for a in group} for group in cycles(edges)), key=sorted) == expected


def test_the_layer_check_refuses_upward_and_sideways_arrows():
    upward, sideways, downward = (Arrow("registry.validate", "spiders.runner", "registry/validate.py", 1),
                                  Arrow("rules.taxonomy", "clock", "rules/taxonomy.py", 1),
                                  Arrow("spiders.council", "registry", "spiders/council.py", 1))
    assert against_layers([upward, sideways, downward]) == [upward, sideways]


def test_no_module_of_the_project_imports_a_test_tool():
    """What the test extra installs (pytest, hypothesis, ...) is not there when the project is installed alone."""
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    tools = {re.split(r"[^\w-]", requirement, maxsplit=1)[0].replace("-", "_") for requirement in extra}
    found = []
    for module in module_files():
        for node in ast.walk(syntax(module)):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            found += [f"{module} imports {name} (line {node.lineno})" for name in names
                      if name.split(".")[0] in tools]
    assert "pytest" in tools and not found, found


def test_the_layers_are_those_docs_architecture_md_draws():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = text.split("## Imports", 1)[1].split("```", 2)[1]
    drawn = [frozenset(re.findall(r"(\w+)(?:\.py|/)", line.split("(", 1)[0])) for line in block.splitlines()[1:]]
    assert tuple(drawn) == LAYERS


def test_every_folder_with_modules_has_a_layer():
    """A new top-level package or module must be placed in LAYERS (and in docs/architecture.md)."""
    skip = {"tests", "docs", "data", "bin", "build", "venv"}
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - skip
    top = {p.stem for p in ROOT.glob("*.py")} - {"setup", "conftest"}
    assert packages | top <= FOLDERS, sorted((packages | top) - FOLDERS)
