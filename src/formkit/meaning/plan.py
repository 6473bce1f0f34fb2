"""Plan: the dependency graph of computed values, its evaluation order, and cycle detection."""

from __future__ import annotations

from collections.abc import Mapping
from graphlib import CycleError, TopologicalSorter

from formkit.core import errors
from formkit.core.errors import Collector
from formkit.core.memo import per_object
from formkit.language import ast
from formkit.meaning.ir import CExpr, FieldIR, GridIR, Plan, TableIR


def build_plan(fields: dict[str, FieldIR], tables: dict[str, TableIR], grids: dict[str, GridIR],
               out: Collector) -> Plan:
    """Edges come from ``value``, ``calc``, ``visible`` and ``required`` (SPEC §3): a hidden field
    is null, so visibility feeds values. ``prev()`` is read at fill time and is no edge."""
    graph: dict[str, frozenset[str]] = {}
    where: dict[str, CExpr] = {}
    for fid, f in fields.items():
        exprs = [e for e in (f.value, f.calc, f.visible, f.required) if e is not None and e.node is not None]
        if exprs:
            graph[fid] = frozenset().union(*(e.deps for e in exprs))
            where[fid] = exprs[0]
    for tid, t in tables.items():
        if t.deps:
            graph[tid] = t.deps
    for gid, g in grids.items():
        for cell in g.cells.values():
            if cell.expr is not None and cell.expr.node is not None:
                key = f"{gid}.{cell.key}"
                graph[key] = cell.expr.deps
                where[key] = cell.expr
    for t in tables.values():
        _row_cycles(t, out)
    order = _order(graph, where, out)
    dependants: dict[str, set[str]] = {}
    for slot, deps in graph.items():
        for d in deps:
            dependants.setdefault(d, set()).add(slot)
    return Plan(order=order, deps=graph, dependants={k: frozenset(v) for k, v in dependants.items()})


def positions(plan: Plan) -> Mapping[str, int]:
    """Each computed slot's index in ``plan.order``, built once per plan: incremental
    re-evaluation visits the slots a change reaches in this order without scanning all of it.
    (A slot's direct inputs are ``plan.deps[slot]``, its direct readers ``plan.dependants``.)"""
    return per_object(plan, "positions", lambda: {slot: i for i, slot in enumerate(plan.order)})


def _row_cycles(table: TableIR, out: Collector) -> None:
    """Columns of one roster row that compute each other in a circle."""
    graph: dict[str, set[str]] = {}
    where: dict[str, CExpr] = {}
    for cid, col in table.columns.items():
        exprs = [e for e in (col.value, col.calc, col.visible) if e is not None and e.node is not None]
        reads: set[str] = set()
        for e in exprs:
            assert e.node is not None
            reads |= {n.ref.column for n in ast.walk(e.node)
                      if isinstance(n, ast.Name) and isinstance(n.ref, ast.RowColumnRef) and n.ref.table == table.id}
        if exprs:
            graph[cid] = reads
            where[cid] = exprs[0]
    try:
        list(TopologicalSorter({k: sorted(v) for k, v in graph.items()}).static_order())
    except CycleError as exc:
        cycle = [f"{table.id}.{c}" for c in exc.args[1]]
        anchor = where[exc.args[1][0]]
        out.add(errors.CALC_CYCLE, "these roster columns depend on each other in a circle: " + " → ".join(cycle),
                anchor.src.span, anchor.src.path, "one of them must be typed in")


def _order(graph: dict[str, frozenset[str]], where: dict[str, CExpr], out: Collector) -> list[str]:
    # sorted predecessors: a frozenset's order changes with PYTHONHASHSEED, and the order (shipped
    # in every page's plan, and the cycle an error names) must be the same in every process
    sorter = TopologicalSorter({k: sorted(v) for k, v in graph.items()})
    try:
        ordered = list(sorter.static_order())
    except CycleError as exc:
        cycle: list[str] = list(exc.args[1])
        first = next((s for s in cycle if s in where), cycle[0])
        anchor = where.get(first)
        span = anchor.src.span if anchor else next(iter(where.values())).src.span
        path = anchor.src.path if anchor else ""
        out.add(errors.CALC_CYCLE, "these fields depend on each other in a circle: " + " → ".join(cycle),
                span, path, "one of them must be typed in, or read last period's value with prev()")
        return []
    return [s for s in ordered if s in graph]
