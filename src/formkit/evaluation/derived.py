"""Derived reports in Python (SPEC §8.4): the reference the SQL of :mod:`formkit.sql.derived` is
tested against, and the meaning a derived template's values have.

Given the source's submission (SPEC §5's shape: ``values``, ``grids``, ``tables``), every value a
derived template reads is the tree walk of its expression with the source in the environment —
``alias.field`` and ``alias.grid.row.col`` as ``values["alias.…"]``, a source roster as
``tables["alias.roster"]`` — and a derived roster's rows are the source roster's rows its
``rows:`` keeps, each column its ``value`` over the source row. Calcs are the form's own, over
those values (the caller builds the form from what is returned here).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from formkit.core.periods import parse_period
from formkit.evaluation import functions as fn
from formkit.evaluation.evaluator import Env, eval_node
from formkit.evaluation.functions import Value
from formkit.language import ast
from formkit.language.scope import constant_type
from formkit.meaning.template import Template

__all__ = ["derive"]


def _env(alias: str, submission: Mapping[str, Any] | None, period: str | None) -> Env:
    values: dict[str, Value] = {}
    tables: dict[str, list[Mapping[str, Value]]] = {}
    if submission is not None:
        values |= {f"{alias}.{k}": v for k, v in (submission.get("values") or {}).items()}
        for gid, rows in (submission.get("grids") or {}).items():
            for rid, cols in rows.items():
                values |= {f"{alias}.{gid}.{rid}.{cid}": v for cid, v in cols.items()}
        tables |= {f"{alias}.{tid}": list(rows) for tid, rows in (submission.get("tables") or {}).items()}
    return Env(values=values, tables=tables, period=parse_period(period) if period else None)


def derive(template: Template, submission: Mapping[str, Any] | None, period: str | None = None
           ) -> tuple[dict[str, Value], dict[str, list[dict[str, Value]]]]:
    """The values a derived template reads (``{field id or grid.row.col: value}``, calcs left
    to the form) and its rosters' rows (``{roster: [row]}``) from the source's ``submission``
    (None: the source submitted nothing — every value null, every roster empty)."""
    alias = next(iter(template.derived_from))
    env = _env(alias, submission, period)
    out: dict[str, Value] = {}
    for fid, f in template.fields.items():
        if f.kind == "value" and f.value is not None:
            out[fid] = eval_node(f.value.node, env) if f.value.node is not None and submission else None
    for gid, g in template.grids.items():
        for (rid, cid), cell in g.cells.items():
            if cell.kind == "value" and cell.expr is not None and cell.expr.node is not None:
                params = {k: fn.to_value(v, constant_type(v)) for k, v in cell.row.params.items()}
                here = replace(env, row_params=params)
                out[f"{gid}.{rid}.{cid}"] = eval_node(cell.expr.node, here) if submission else None
    return out, {tid: _rows(template, tid, env) for tid in template.tables}


def _rows(template: Template, tid: str, env: Env) -> list[dict[str, Value]]:
    t = template.tables[tid]
    if t.rows is None or not isinstance(t.rows.source.ref, ast.SourceTableRef):
        return []
    ref = t.rows.source.ref
    key = f"{ref.alias}.{ref.table}"
    out = []
    for source_row in env.tables.get(key, ()):
        inside = env.with_row(key, source_row)
        if t.rows.where is not None and eval_node(t.rows.where, inside) is not True:
            continue
        row: dict[str, Value] = {"_key": source_row.get("_key")}
        for cid, c in t.columns.items():
            if c.kind == "value" and c.value is not None and c.value.node is not None:
                row[cid] = eval_node(c.value.node, inside)
        out.append(row)
    return out
