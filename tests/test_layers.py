"""The layers of ``glossary``, checked on the import graph read from the source (AST).

Dependencies run one way (see README, "Layout"): model, errors and paths below everything;
``sources`` and ``engine`` above them; then ``dictionary``; then ``harvest`` and ``store``;
then ``corpus`` and the package's public face (``glossary/__init__.py``); then ``cli``. A
module may import its own group and the groups below it, never a group beside or above it.
Every import counts, including those inside functions and under ``TYPE_CHECKING``: a lazy
import is still a dependency. There are no import cycles, and no module is over 600 lines.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 600

# Each group of modules and its rank: a module imports only its own group or lower ranks.
RANKS = {
    "foundation": 0,  # glossary.model, glossary.places, glossary.errors, glossary.paths
    "glossary.sources": 1,
    "glossary.engine": 1,
    "glossary.dictionary": 2,
    "glossary.harvest": 3,
    "glossary.store": 3,
    "glossary.corpus": 4,
    "glossary": 4,  # the public face: glossary/__init__.py
    "glossary.cli": 5,
    "glossary.__main__": 6,
}
FOUNDATION = {"glossary.model", "glossary.places", "glossary.errors", "glossary.paths"}
BANNED = ("textual", "rich", "reader")
# rich's tables of terminal widths, for the command's tables (issue 19): no TUI in them.
ALLOWED = frozenset({("glossary.cli.formats", "rich.cells")})


def module_sources(package: Path) -> dict[str, str]:
    """Every module of a package, by dotted name, with its source text."""
    found: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path.read_text(encoding="utf-8")
    return found


def imports_of(name: str, source: str, modules: Iterable[str]) -> set[str]:
    """The modules one module imports, a submodule named in ``from x import y`` included."""
    known = set(modules)
    is_package = any(m.startswith(name + ".") for m in known)
    here = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    return found


def import_graph(sources: Mapping[str, str]) -> dict[str, set[str]]:
    """Each module's imports of other modules of the same package."""
    top = {name.split(".")[0] for name in sources}
    return {
        name: {m for m in imports_of(name, text, sources) if m.split(".")[0] in top} - {name}
        for name, text in sources.items()
    }


def group_of(module: str) -> str:
    """The layer a module belongs to (a key of :data:`RANKS`)."""
    if module in FOUNDATION:
        return "foundation"
    parts = module.split(".")
    return ".".join(parts[:2])


def layer_violations(graph: Mapping[str, set[str]]) -> list[str]:
    """Imports that go sideways or upwards, one line each."""
    bad = []
    for module, targets in sorted(graph.items()):
        mine = group_of(module)
        for target in sorted(targets):
            theirs = group_of(target)
            if theirs == mine:
                continue
            if mine not in RANKS or theirs not in RANKS:
                bad.append(f"{module} -> {target}: a module outside the known layers")
            elif RANKS[theirs] >= RANKS[mine]:
                bad.append(f"{module} -> {target}: {mine} may not import {theirs}")
    return bad


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def banned_imports(sources: Mapping[str, str]) -> list[str]:
    """Imports of the TUI (textual, rich, reader) from the library."""
    bad = []
    for name, text in sorted(sources.items()):
        for target in sorted(imports_of(name, text, sources)):
            if target.split(".")[0] in BANNED and (name, target) not in ALLOWED:
                bad.append(f"{name} imports {target}")
    return bad


@pytest.fixture(scope="module")
def glossary_sources() -> dict[str, str]:
    return module_sources(ROOT / "glossary")


def test_every_module_sits_in_a_known_layer(glossary_sources: dict[str, str]) -> None:
    unknown = sorted(m for m in glossary_sources if group_of(m) not in RANKS)
    assert not unknown, f"add these to RANKS (and README's layout): {unknown}"


def test_glossary_imports_run_downwards_only(glossary_sources: dict[str, str]) -> None:
    assert layer_violations(import_graph(glossary_sources)) == []


def test_glossary_has_no_import_cycles(glossary_sources: dict[str, str]) -> None:
    assert cycles(import_graph(glossary_sources)) == []


def test_glossary_never_imports_the_tui(glossary_sources: dict[str, str]) -> None:
    assert banned_imports(glossary_sources) == []


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        (
            "glossary.engine.extract",
            "from glossary.store import open_store",
            "glossary.engine.extract -> glossary.store: glossary.engine may not import "
            "glossary.store",
        ),
        (
            "glossary.sources.files",
            "from glossary.dictionary.index import CedictIndex",
            "glossary.sources.files -> glossary.dictionary.index: glossary.sources may not "
            "import glossary.dictionary",
        ),
        (
            "glossary.engine.kinds",
            "from glossary.sources import read_document",
            "glossary.engine.kinds -> glossary.sources: glossary.engine may not import "
            "glossary.sources",
        ),
        (
            "glossary.store.records",
            "def f():\n    from glossary.cli.formats import counted",
            "glossary.store.records -> glossary.cli.formats: glossary.store may not import "
            "glossary.cli",
        ),
        (
            "glossary.corpus.bulk",
            "from glossary import cli",
            "glossary.corpus.bulk -> glossary.cli: glossary.corpus may not import glossary.cli",
        ),
    ],
)
def test_a_forbidden_import_is_caught(
    glossary_sources: dict[str, str], module: str, line: str, expected: str
) -> None:
    edited = {**glossary_sources, module: glossary_sources[module] + "\n" + line + "\n"}
    assert expected in layer_violations(import_graph(edited))


def test_a_cycle_is_caught(glossary_sources: dict[str, str]) -> None:
    late = "\nif False:\n    from glossary.engine.kinds import classify\n"
    edited = {**glossary_sources}
    edited["glossary.engine.jamo"] += late
    found = cycles(import_graph(edited))
    assert any({"glossary.engine.jamo", "glossary.engine.kinds"} <= set(c) for c in found)


def test_a_tui_import_is_caught(glossary_sources: dict[str, str]) -> None:
    edited = {**glossary_sources}
    edited["glossary.harvest"] += "\nfrom textual.app import App\n"
    assert banned_imports(edited) == ["glossary.harvest imports textual.app"]


@pytest.mark.parametrize("folder", ["glossary", "reader", "bench", "tools"])
def test_no_module_is_over_600_lines(folder: str) -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in sorted((ROOT / folder).rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these by responsibility: {long}"
