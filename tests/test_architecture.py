"""The house rule (docs/architecture.md): imports point one way, down the pipeline.

Every module of ``src/formkit`` belongs to a stage folder; a module may import its own folder
and the folders its stage stands on (``LAYERS``), never one above; and no modules import each
other in a circle. In-function imports count; only imports under ``if TYPE_CHECKING:`` (type
annotations, never run) may point up.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "formkit"

# Each stage and the stages it may import (its own, and every stage below it). The root
# modules (``formkit/__init__.py``, ``pipeline.py``, ``api.py``) stand above the library stages
# and below the front doors; ``sql`` and ``render`` are siblings that never import each other.
LAYERS: dict[str, frozenset[str]] = {}


def _layer(name: str, *below: str) -> None:
    LAYERS[name] = frozenset(below).union(*(LAYERS[b] for b in below))


_layer("core")
_layer("document", "core")
_layer("language", "document")
_layer("meaning", "language")
_layer("evaluation", "meaning")
_layer("browser", "meaning")
_layer("sql", "evaluation")
_layer("render", "evaluation", "browser")
_layer("runtime", "sql", "render")
# SPEC §11: proves what a checked template's rules imply; witnesses run on the evaluator
_layer("proof", "evaluation")
_layer("(root)", "runtime", "proof")
# importers (SPEC §12): write template text and check it through the root pipeline; the catalog reads
# .xlsx reports through them
_layer("imports", "(root)")
# report only once: the catalog and the fence; reads checked templates (with --db, the org table)
_layer("once", "imports")
# the web app a host mounts (SPEC §9): the workflow over HTTP, beside the catalog
_layer("web", "(root)")
_layer("demo", "once")
_layer("cli", "demo", "web")
_layer("(main)", "cli")  # ``python -m formkit``


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> str:
    if module == "formkit.__main__":
        return "(main)"
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and (SRC / parts[1]).is_dir()):
        return parts[1]
    return "(root)"


MODULES = {_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
            up = package.split(".")
            base = ".".join(up[: len(up) - node.level + 1] + ([base] if base else []))
        names = [base] + [f"{base}.{a.name}" for a in node.names]
    for name in names:
        known = name
        while known and known not in MODULES:
            known = known.rpartition(".")[0]
        if known and known not in (module, "formkit") and not module.startswith(known + "."):
            yield known


def _imports() -> dict[str, dict[str, int]]:
    """module -> {imported module: line of the first import}."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_lines(tree)
        out: dict[str, int] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and node.lineno not in skip:
                for target in _targets(module, node):
                    out.setdefault(target, node.lineno)
        graph[module] = out
    return graph


GRAPH = _imports()


def test_every_module_is_in_a_known_stage() -> None:
    unknown = sorted(m for m in MODULES if _stage(m) not in LAYERS)
    assert not unknown, f"modules outside the stages of LAYERS: {unknown}"


def upward(graph: dict[str, dict[str, int]]) -> list[str]:
    return [
        f"{MODULES[m].relative_to(SRC.parent)}:{line}: {m} ({_stage(m)}) imports {t} ({_stage(t)})"
        for m, targets in graph.items()
        for t, line in targets.items()
        if _stage(t) != _stage(m) and _stage(t) not in LAYERS[_stage(m)]
    ]


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    for root, targets in graph.items():
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        work = [(root, iter(targets))]
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(graph[w])))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp: list[str] = []
                while not comp or comp[-1] != v:
                    comp.append(stack.pop())
                    on.discard(comp[-1])
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_imports_point_down() -> None:
    """A module imports only its own stage and the stages below it."""
    found = upward(GRAPH)
    assert not found, "imports that point up the pipeline:\n" + "\n".join(found)


def test_no_import_cycles() -> None:
    found = cycles(GRAPH)
    assert not found, "modules that import each other in a circle:\n" + "\n".join(map(", ".join, found))


def test_the_checks_see_a_planted_violation() -> None:
    """An upward import and a circle planted in a copy of the graph are both found."""
    graph = {m: dict(t) for m, t in GRAPH.items()}
    graph["formkit.core.errors"]["formkit.runtime.workflow"] = 1
    graph["formkit.core.source"]["formkit.core.errors"] = 1
    assert any("formkit.core.errors (core) imports formkit.runtime.workflow (runtime)" in u for u in upward(graph))
    assert any({"formkit.core.errors", "formkit.core.source"} <= set(c) for c in cycles(graph))
