"""Form evaluation: a template's values in plan order, its checks and formats, and incremental
re-evaluation of only what a change affects.

A *slot* is a scalar field id, a table id or a grid cell ``grid.row.col`` (the plan's units).
Slots that read the pool are SQL's job and are taken from ``prefilled``; ``prev()`` reads
``prev_values``; everything else is computed with evaluator.py's tree walk. A value is assigned
at its field's precision (half away from zero), so dependants see the rounded value; a typed
value with more places is refused with a ``type`` issue, never rounded. The checks and their
results live in formchecks.py.

Decisions where SPEC is silent:
- a refused typed value (wrong type, too many places, bad ID number or phone) is held as null
  and reported once, as ``type``; the field's other checks wait until it is corrected. What
  was typed is kept in ``rejected`` (by place), so that a submission made from the form carries
  the refused value, never the null that stands for it, and the server refuses it again;
- a computation that overflows makes its slot null and reports ``type`` there; a rule whose
  check overflows counts as violated; a condition or bound that overflows is not applied;
- issues on table rows give ``row`` as the 0-based row index, on grid cells the row and column
  ids; a rule's issue stands at the first of its ``fields`` (the rest are in ``also``);
- a grid column without ``type`` holds any number (up to 10 places); ``integer`` means 0 places.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from graphlib import CycleError, TopologicalSorter
from heapq import heappop, heappush
from typing import Any

from formkit.core.memo import per_object
from formkit.core.periods import Period, parse_period
from formkit.evaluation import functions as fn
from formkit.evaluation.evaluator import Env, EvaluationError, Value, eval_node, today_in
from formkit.evaluation.formchecks import (
    all_specs,
    condition,
    make_issue,
    place_of,
    run_checks,
)
from formkit.evaluation.functions import Spec
from formkit.evaluation.state import FormatHit, FormIssue, FormValues
from formkit.language import ast
from formkit.language.ast import Type
from formkit.language.scope import constant_type
from formkit.meaning.ir import ColumnIR, TableIR
from formkit.meaning.plan import positions
from formkit.meaning.template import Template

__all__ = ["FormIssue", "FormValues", "FormatHit", "evaluate_form", "reevaluate"]


# -- entry points --------------------------------------------------------------------------------


def evaluate_form(
    template: Template,
    inputs: Mapping[str, object],
    *,
    prefilled: Mapping[str, object] | None = None,
    prev_values: Mapping[str, object] | None = None,
    period: str | Period | None = None,
    today: dt.date | None = None,
) -> FormValues:
    """Every value, check and format of a form.

    ``inputs``: typed values by field id (and corrections of confirmable values), a table's rows
    as a list of ``{column: value}`` (``_key`` matches a pre-filled row), grid cells as
    ``grid.row.col`` or ``{grid: {row: {col: value}}}``. ``prefilled``: pool-bound values by the
    same keys (a table's pool rows as a list). ``prev_values``: last period's values, same keys.
    ``period`` must be of the template's kind; ``today`` dates a ``once`` form (default: today
    in Asia/Shanghai). Raises PeriodError for a bad period, TypeError for a float anywhere.
    """
    when = parse_period(period, template.period) if isinstance(period, str) else period
    st = FormValues(values={}, tables={}, env=Env())
    # One environment over the state's own dicts: every evaluation sees the current values.
    st.env = Env(
        values=st.values,
        tables=st.tables,
        prev=_prev_values(template, prev_values or {}),
        period=when,
        today=today or today_in(),  # fixed once, so a form filled at midnight stays consistent
        grid_rows={
            gid: [r.id for r in g.model.grid_rows if r.id not in g.total_rows] for gid, g in template.grids.items()
        },
    )
    st.row_orders = {tid: _row_order(t) for tid, t in template.tables.items()}
    st.specs = all_specs(template)
    _load_prefilled(template, st, _flatten(template, prefilled or {}))
    flat = _flatten(template, inputs)
    for slot in _input_slots(template):
        _set_input(template, st, slot, flat.get(slot))
    planned = set(template.plan.order)
    for slot in [*(s for s in _all_slots(template) if s not in planned), *template.plan.order]:
        _eval_slot(template, st, slot)
    run_checks(template, st, None)
    return st


_UNSET: Any = object()


def reevaluate(template: Template, state: FormValues, changed: str, value: object = _UNSET) -> FormValues:
    """Bring ``state`` up to date after the slot ``changed`` changed (to ``value`` when given: a
    typed value, or a table's whole list of typed rows). Evaluates ``changed`` itself and then,
    in plan order, only the dependants that read a slot which came out different (early
    cut-off, as in formkit-form.js); re-runs only the checks that read a slot that changed.
    The result is the state a full :func:`evaluate_form` of the same inputs gives."""
    slots = _slots(template)
    if changed not in slots.every:
        raise ValueError(f"'{changed}' is not a field, table or grid cell of '{template.id}'")
    state.last_evaluated = []
    if value is not _UNSET:
        if changed not in slots.typed:
            raise ValueError(f"'{changed}' is computed or pre-filled; it cannot be typed")
        _set_input(template, state, changed, value)
    _eval_slot(template, state, changed)
    run_checks(template, state, _propagate(template, state, changed))
    return state


def _propagate(tpl: Template, st: FormValues, changed: str) -> set[str]:
    """Evaluate, in plan order, the dependants of ``changed`` that read a slot which changed;
    return the slots that changed, ``changed`` included. A slot is a function of its direct
    inputs (plan.deps) alone, so one that reads only unchanged slots would come out as it is."""
    plan = tpl.plan
    at = positions(plan)
    moved = {changed}
    queue: list[tuple[int, str]] = []
    queued: set[str] = set()

    def feed(slot: str) -> None:
        for d in plan.dependants.get(slot, ()):
            if d not in queued and d in at:
                queued.add(d)
                heappush(queue, (at[d], d))

    feed(changed)
    # A dependant comes after what it reads in plan.order, so every slot fed later sorts after
    # the one being evaluated: popping by position visits the slots in plan order.
    while queue:
        _, slot = heappop(queue)
        before = _outcome(tpl, st, slot)
        _eval_slot(tpl, st, slot)
        if not _same_outcome(before, _outcome(tpl, st, slot)):
            moved.add(slot)
            feed(slot)
    return moved


# What a slot shows its dependants and checks: its value (a table's rows), what of it is hidden,
# and the problem its evaluation reported. Kept by reference: evaluation replaces the objects
# (values are immutable, rows and issue lists are new lists), it never changes them in place.
_Outcome = tuple[object, object, list[FormIssue] | None]


def _outcome(tpl: Template, st: FormValues, slot: str) -> _Outcome:
    problem = st.found.get(f"eval:{slot}")
    if slot in tpl.tables:
        return st.tables.get(slot), frozenset(h for h in st.hidden if h[0] == slot), problem
    return st.values.get(slot), (slot, None, None) in st.hidden, problem


def _same_outcome(a: _Outcome, b: _Outcome) -> bool:
    return a[1] == b[1] and a[2] == b[2] and _same(a[0], b[0])


def _same(a: object, b: object) -> bool:
    """The same value, written the same (a table's rows: the same rows, keys in the same order).
    ``==`` is not enough: Decimal('1.0') == Decimal('1') while SPEC §5 JSON writes each with its
    own digits (and a sum keeps the places of its terms), and True == Decimal(1)."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a.as_tuple() == b.as_tuple()
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


# -- inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slots:
    every: frozenset[str]
    typed: frozenset[str]


def _slots(tpl: Template) -> _Slots:
    """The slots of a template, as sets, built once per template (reevaluate asks per change)."""
    return per_object(tpl, "formeval-slots", lambda: _Slots(frozenset(_all_slots(tpl)), frozenset(_input_slots(tpl))))


def _all_slots(tpl: Template) -> list[str]:
    cells = [f"{gid}.{r}.{c}" for gid, g in tpl.grids.items() for (r, c) in g.cells]
    return [*tpl.fields, *cells, *tpl.tables]


def _input_slots(tpl: Template) -> list[str]:
    """What staff may type: input fields, corrections of confirmable values, input grid cells,
    tables (their input columns). Anything else in ``inputs`` is recomputed, never taken."""
    scalars = [fid for fid, f in tpl.fields.items() if f.kind == "input" or (f.kind == "value" and f.model.confirm)]
    cells = [f"{gid}.{c.key}" for gid, g in tpl.grids.items() for c in g.cells.values() if c.kind == "input"]
    return [*scalars, *cells, *tpl.tables]


def _flatten(tpl: Template, data: Mapping[str, object]) -> dict[str, object]:
    """Grid cells given nested (``{grid: {row: {col: v}}}``) become ``grid.row.col`` keys."""
    flat = dict(data)
    for gid in tpl.grids:
        nested = flat.pop(gid, None)
        if isinstance(nested, Mapping):
            for rid, cols in nested.items():
                for cid, v in cols.items() if isinstance(cols, Mapping) else ():
                    flat.setdefault(f"{gid}.{rid}.{cid}", v)
    return flat


def _set_input(tpl: Template, st: FormValues, slot: str, raw: object) -> None:
    """Take one typed value (or a table's typed rows), refusing what does not fit its field."""
    key = f"input:{slot}"
    st.found[key] = []
    if slot in tpl.tables:
        st.base_rows[slot] = _base_rows(tpl, st, tpl.tables[slot], raw)
        return
    spec = st.specs[slot]
    place = place_of(tpl, slot)
    value, problem = fn.typed(raw, spec)
    st.refused.discard(place)
    st.rejected.pop(place, None)
    if slot in tpl.fields and tpl.fields[slot].kind == "value" and value is None and problem is None:
        st.typed.pop(slot, None)  # no correction: the pre-filled value stands
        return
    st.typed[slot] = value
    if problem is not None:
        st.refused.add(place)
        st.rejected[place] = raw
        st.found[key] = [make_issue(place, "type", problem)]


def _base_rows(tpl: Template, st: FormValues, t: TableIR, raw: object) -> list[dict[str, Value]]:
    """Pool rows (from pre-fill) matched by ``_key`` with typed rows; other typed rows are rows
    added by staff. A row given only in ``inputs`` carries its pool-bound columns itself."""
    typed_rows = [r for r in raw if isinstance(r, Mapping)] if isinstance(raw, list | tuple) else []
    by_key = {r["_key"]: r for r in typed_rows if r.get("_key") is not None}
    pool = st.pool_rows.get(t.id, [])
    pool_keys = {p.get("_key") for p in pool}
    pairs: list[tuple[Mapping[str, object], Mapping[str, object]]] = [(p, by_key.get(p.get("_key"), {})) for p in pool]
    pairs += [({}, r) for r in typed_rows if r.get("_key") is None or r.get("_key") not in pool_keys]
    st.refused = {k for k in st.refused if k[0] != t.id}
    st.rejected = {k: v for k, v in st.rejected.items() if k[0] != t.id}
    built = [_base_row(tpl, st, t, i, pair) for i, pair in enumerate(pairs)]
    st.found[f"input:{t.id}"] = [issue for _, found in built for issue in found]
    return [row for row, _ in built]


def _base_row(
    tpl: Template, st: FormValues, t: TableIR, index: int, pair: tuple[Mapping[str, object], ...]
) -> tuple[dict[str, Value], list[FormIssue]]:
    """One row before evaluation: its pool columns and its coerced typed columns."""
    pool, typed = pair
    key = pool.get("_key", typed.get("_key"))
    row: dict[str, Value] = {"_key": None if key is None else str(key)}
    issues: list[FormIssue] = []
    for cid, col in t.columns.items():
        spec = st.specs[f"{t.id}.{cid}"]
        if _reads_pool(col):
            source = pool if cid in pool else typed
            row[cid], problem = _pool_cell(source.get(cid), col, spec)
            if problem is not None:
                st.refused.add((t.id, index, cid))
                st.rejected[(t.id, index, cid)] = source.get(cid)
                issues.append(make_issue((t.id, index, cid), "type", problem))
        elif col.kind == "input":
            row[cid], problem = fn.typed(typed.get(cid), spec)
            if problem is not None:
                st.refused.add((t.id, index, cid))
                st.rejected[(t.id, index, cid)] = typed.get(cid)
                issues.append(make_issue((t.id, index, cid), "type", problem))
    return row, issues


def _pool_cell(raw: object, col: ColumnIR, spec: Spec) -> tuple[Value, dict[str, str] | None]:
    """A pool-bound cell as its row gives it (the pool's value, or what a row added by staff
    or sent to the server carries), at the column's precision; a value that is not of the
    column's type is refused like a typed one (formkit-form.js does the same), never raised."""
    if isinstance(raw, float):
        raise TypeError(f"{raw!r} is a float: pass numbers as decimal.Decimal, int or text")
    try:
        return _assign(fn.to_value(raw, col.type), spec), None
    except (TypeError, EvaluationError):
        return None, fn.wrong_type(spec)


def _load_prefilled(tpl: Template, st: FormValues, flat: Mapping[str, object]) -> None:
    for fid, f in tpl.fields.items():
        if fid in flat:
            st.prefilled[fid] = _assign(fn.to_value(flat[fid], f.type), st.specs[fid])
    for gid, g in tpl.grids.items():
        for cell in g.cells.values():
            slot = f"{gid}.{cell.key}"
            if slot in flat:
                st.prefilled[slot] = _assign(fn.to_value(flat[slot], Type.NUMBER), st.specs[slot])
    for tid in tpl.tables:
        rows = flat.get(tid)
        st.pool_rows[tid] = [r for r in rows if isinstance(r, Mapping)] if isinstance(rows, list | tuple) else []


def _prev_values(tpl: Template, prev: Mapping[str, object]) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for slot, raw in _flatten(tpl, prev).items():
        if slot in tpl.fields:
            out[slot] = fn.to_value(raw, tpl.fields[slot].type)
        elif slot.count(".") == 2:
            out[slot] = fn.to_value(raw, Type.NUMBER)
    return out


def _assign(value: Value, spec: Spec) -> Value:
    """A value as its field holds it: rounded half away from zero to the field's precision;
    without one, without trailing zeros (3.5, not 3.50), as stored and as the browser has it."""
    if isinstance(value, Decimal):
        return fn.round_places(value, spec.places) if spec.places is not None else fn.tidy(value)
    return value


# -- evaluating slots ---------------------------------------------------------------------------


def _eval_slot(tpl: Template, st: FormValues, slot: str) -> None:
    st.evaluations += 1
    st.last_evaluated.append(slot)
    key = f"eval:{slot}"
    st.found[key] = []
    try:
        if slot in tpl.tables:
            _eval_table(tpl, st, tpl.tables[slot])
        elif slot in tpl.fields:
            _eval_field(tpl, st, slot)
        else:
            _eval_cell(tpl, st, slot)
    except EvaluationError as exc:
        if exc.code != "overflow":
            raise
        if slot in tpl.tables:  # the computed columns stay empty
            st.tables[slot] = [dict(r) for r in st.base_rows.get(slot, [])]
            label = tpl.tables[slot].model.label
        else:
            st.values[slot] = None
            label = dict(st.specs[slot].label)
        st.found[key] = [make_issue(place_of(tpl, slot), "type", fn.texts("overflow", label, detail=exc))]


def _eval_field(tpl: Template, st: FormValues, fid: str) -> None:
    f = tpl.fields[fid]
    env = st.env
    place = (fid, None, None)
    if not condition(f.visible, env, default=True):
        st.hidden.add(place)  # a hidden field is null (and not required)
        st.values[fid] = None
        return
    st.hidden.discard(place)
    value = _source(f, env, (fid in st.typed, st.typed.get(fid)), st.prefilled.get(fid))
    st.values[fid] = _assign(value, st.specs[fid])


def _source(col: ColumnIR, env: Env, typed: tuple[bool, Value], pre: Value) -> Value:
    """Typed, a correction of a confirmable value, pre-filled from the pool, a YAML constant,
    or the expression."""
    if col.kind == "input" or (col.kind == "value" and col.model.confirm and typed[0]):
        return typed[1]
    expr = col.expr
    if expr is None:
        return None
    if expr.node is None:
        return fn.to_value(expr.const, col.type)
    if expr.reads_pool:
        return pre
    return eval_node(expr.node, env)


def _eval_cell(tpl: Template, st: FormValues, slot: str) -> None:
    gid, rid, cid = slot.split(".")
    g = tpl.grids[gid]
    cell = g.cells[(rid, cid)]
    expr = cell.expr
    value: Value
    if cell.kind == "input" or expr is None:
        value = st.typed.get(slot)
    elif expr.node is None:
        value = fn.to_value(expr.const, Type.NUMBER)
    elif expr.reads_pool:
        value = st.prefilled.get(slot)
    else:
        params = {k: fn.to_value(v, constant_type(v)) for k, v in cell.row.params.items()}
        value = eval_node(expr.node, replace(st.env, row_params=params))
    st.values[slot] = _assign(value, st.specs[slot])


def _eval_table(tpl: Template, st: FormValues, t: TableIR) -> None:
    """Every row's columns, each after the columns it reads; hidden cells are null."""
    env = st.env
    st.hidden = {h for h in st.hidden if h[0] != t.id}
    rows: list[dict[str, Value]] = []
    for index, base in enumerate(st.base_rows.get(t.id, [])):
        row = dict(base)
        here = env.with_row(t.id, row)  # sees the row as its columns are filled in
        for cid in st.row_orders[t.id]:
            col = t.columns[cid]
            if not condition(col.visible, here, default=True):
                st.hidden.add((t.id, index, cid))
                row[cid] = None
                continue
            pre = base.get(cid) if _reads_pool(col) else None
            value = _source(col, here, (col.kind == "input", base.get(cid)), pre)
            row[cid] = _assign(value, st.specs[f"{t.id}.{cid}"])
        rows.append(row)
    st.tables[t.id] = rows


def _reads_pool(col: ColumnIR) -> bool:
    return col.expr is not None and col.expr.node is not None and col.expr.reads_pool


def _row_order(t: TableIR) -> list[str]:
    """A row's columns, each after the columns its value, calc and visibility read. (The plan
    orders slots; the order inside a row is the table's own.)"""
    graph: dict[str, set[str]] = {}
    for cid, col in t.columns.items():
        graph[cid] = set()
        for c in (col.value, col.calc, col.visible):
            if c is not None and c.node is not None:
                graph[cid] |= {
                    n.ref.column
                    for n in ast.walk(c.node)
                    if isinstance(n, ast.Name) and isinstance(n.ref, ast.RowColumnRef) and n.ref.table == t.id
                }
        graph[cid].discard(cid)
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise EvaluationError(
            f"the columns of '{t.id}' depend on each other in a circle: " + " → ".join(exc.args[1]),
            "cycle",
        ) from None
