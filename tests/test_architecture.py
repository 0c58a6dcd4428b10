"""The code's shape, checked on every run: no import cycle between our modules (an import inside a
function counts: it is the same dependency, only later), no module over 600 lines, and imports that
only go downstream (core <- index <- ingest / assistant <- the chat, CLI and evals)."""

import ast
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

MAX_LINES = 600
LOWER = ("core", "index", "ingest", "assistant")  # the question path and its kernel
UPPER = ("chat", "app", "bootstrap", "poems_cli", "evals")  # what wires it together or measures it


def _modules() -> dict[str, Path]:
    """Every module of the packages and single modules pyproject.toml installs, by dotted name."""
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {name: ROOT / f"{name}.py" for name in setup["py-modules"]}
    for package in setup["packages"]:
        folder = ROOT / package.replace(".", "/")
        for path in folder.glob("*.py"):
            found[package if path.stem == "__init__" else f"{package}.{path.stem}"] = path
    return found


MODULES = _modules()


def _ours(name: str) -> str | None:
    """The module of ours that importing `name` loads (its longest known prefix), if any."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> set[str]:
    """Our modules that `module` imports anywhere in its body, functions included."""
    package = module if path.stem == "__init__" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # `from pkg import mod` loads pkg.mod; `from mod import name` loads mod
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        out |= {m for m in map(_ours, names) if m and m != module}
    return out


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_the_module_list_is_the_installed_one():
    # a package missing from pyproject.toml would escape the checks below, and the install
    assert {"app", "core.types", "index.store", "assistant.safety.gate", "chat.render"} <= set(MODULES)


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    cycles = _cycles(GRAPH)
    detail = [{m: sorted(GRAPH[m] & set(group)) for m in group} for group in cycles]
    assert cycles == [], detail


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_600_lines(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[module].relative_to(ROOT)} has {lines} lines: split it by concept"


def _top(module: str) -> str:
    return module.split(".")[0]


def test_core_imports_nothing_else_of_ours():
    assert {(m, d) for m, deps in GRAPH.items() if _top(m) == "core" for d in deps if _top(d) != "core"} == set()


def test_index_imports_only_core():
    outside = {(m, d) for m, deps in GRAPH.items() if _top(m) == "index" for d in deps if _top(d) not in ("core", "index")}
    assert outside == set()


def test_ingest_and_assistant_never_import_each_other():
    crossing = {(m, d) for m, deps in GRAPH.items() for d in deps if {_top(m), _top(d)} == {"ingest", "assistant"}}
    assert crossing == set()


def test_the_question_path_never_imports_what_wires_or_measures_it():
    # a package's __main__ is a command-line shim that calls into poems_cli by design
    upward = {(m, d) for m, deps in GRAPH.items() if _top(m) in LOWER and not m.endswith("__main__")
              for d in deps if _top(d) in UPPER}
    assert upward == set()
