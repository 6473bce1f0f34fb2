"""Checks: what each value must be (its spec), the built-in checks (required, min, max,
pattern, choices), the template's rules and formats, and where their results stand.

Each check declares the slots it reads, so after a change only the checks that read a
changed slot run again (formeval.reevaluate). A ``check`` that is null is not violated and a
``visible``/``required``/``when`` that is null counts as false (SPEC §3).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from formkit.core.memo import per_object
from formkit.core.pattern import fullmatch
from formkit.document.model import Label, pick_label
from formkit.evaluation import functions as fn
from formkit.evaluation.evaluator import Env, EvaluationError, Value, eval_node
from formkit.evaluation.functions import Spec
from formkit.evaluation.state import FormatHit, FormIssue, FormValues, Key, Place
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.ir import CExpr, ColumnIR, GridIR
from formkit.meaning.template import Template

__all__ = ["FormIssue", "FormatHit", "run_checks"]

_KIND_OF = {
    Type.NUMBER: "decimal",
    Type.TEXT: "text",
    Type.DATE: "date",
    Type.BOOLEAN: "boolean",
    Type.MULTI: "multichoice",
}
# -- specs and places ---------------------------------------------------------------------------


def column_spec(tpl: Template, col: ColumnIR) -> Spec:
    kind = col.model.type or _KIND_OF.get(col.type, "text")
    places = 0 if kind == "integer" else (col.model.precision if kind == "decimal" else None)
    return Spec(kind, col.type, places, col.model.label, _choices(tpl, col.model.choices), col.model.pattern)


def grid_spec(g: GridIR, rid: str, cid: str) -> Spec:
    cell = g.cells[(rid, cid)]
    kind = cell.col.type or "decimal"
    places = 0 if kind == "integer" else cell.col.precision
    label = {
        lang: " · ".join(pick_label(x, lang) for x in (g.model.label, cell.row.label, cell.col.label))
        for lang in ("zh", "en")
    }
    return Spec(kind, Type.NUMBER, places, label)


def all_specs(tpl: Template) -> dict[str, Spec]:
    """Every value's spec, by place: ``field``, ``table.column``, ``grid.row.col`` (ids hold no
    dots, so the three never collide). Built once per template (every fill reads it twice), read
    per cell; callers only read it."""
    found: dict[str, Spec] = per_object(tpl, ("all_specs",), lambda: _all_specs(tpl))
    return found


def _all_specs(tpl: Template) -> dict[str, Spec]:
    specs = {fid: column_spec(tpl, f) for fid, f in tpl.fields.items()}
    for tid, t in tpl.tables.items():
        specs |= {f"{tid}.{cid}": column_spec(tpl, c) for cid, c in t.columns.items()}
    for gid, g in tpl.grids.items():
        specs |= {f"{gid}.{r}.{c}": grid_spec(g, r, c) for (r, c) in g.cells}
    return specs


def _choices(tpl: Template, choices: dict[str, Label] | str | None) -> frozenset[str] | None:
    if isinstance(choices, dict):
        return frozenset(choices)
    if isinstance(choices, str) and tpl.pool is not None:
        table, _, column = choices.partition(".")
        col = tpl.pool.tables[table].columns.get(column) if table in tpl.pool.tables else None
        return frozenset(col.choices) if col is not None and col.choices else None
    return None


def place_of(tpl: Template, slot: str) -> Key:
    if slot in tpl.fields or slot in tpl.tables:
        return (slot, None, None)
    gid, rid, cid = slot.split(".")
    return (gid, rid, cid)


def make_issue(
    place: Place,
    rule: str,
    text: Mapping[str, str],
    severity: str = "error",
    also: tuple[str, ...] = (),
) -> FormIssue:
    return FormIssue(place[0], place[1], place[2], rule, severity, text, also)


def condition(c: CExpr | None, env: Env, *, default: bool) -> bool:
    """``visible``, ``required``, ``when``: a null condition counts as false (SPEC §3)."""
    if c is None:
        return default
    if c.node is None:
        return c.const is True
    return _quiet(c.node, env) is True


def _quiet(node: ast.Expr, env: Env) -> Value:
    """A condition or bound that overflows has no value (a slot that overflows is reported
    where it is computed; a condition on it is not applied)."""
    try:
        return eval_node(node, env)
    except EvaluationError as exc:
        if exc.code != "overflow":
            raise
        return None


# -- checks and formats -------------------------------------------------------------------------

_Run = Callable[[Template, "FormValues"], None]


def run_checks(tpl: Template, st: FormValues, touched: set[str] | None) -> None:
    """Run the checks that read a touched slot (all of them when ``touched`` is None), in form
    order."""
    st.last_checked = []
    checks = _checks(tpl)
    for i in range(len(checks.runs)) if touched is None else checks.reading(touched):
        key, run = checks.runs[i]
        st.checks += 1
        st.last_checked.append(key)
        run(tpl, st)


@dataclass(frozen=True)
class _Checks:
    """Every check of a template in form order (its key and how to run it) and, by slot, the
    checks that read it: a change looks up the few it concerns instead of testing them all."""

    runs: list[tuple[str, _Run]]
    by_slot: dict[str, list[int]]

    def reading(self, touched: set[str]) -> list[int]:
        return sorted({i for slot in touched for i in self.by_slot.get(slot, ())})


def _checks(tpl: Template) -> _Checks:
    return per_object(tpl, "formchecks", lambda: _build_checks(tpl))


def _build_checks(tpl: Template) -> _Checks:
    out: list[tuple[str, frozenset[str], _Run]] = []
    for fid, f in tpl.fields.items():
        out.append((f"field:{fid}", _deps(fid, f.required, f.min, f.max), _field_check(fid)))
    for tid, t in tpl.tables.items():
        out.append((f"table:{tid}", frozenset({tid}) | t.deps, _table_check(tid)))
    for i, r in enumerate(tpl.rules):
        out.append((f"rule:{i}", _deps(r.table, r.check), _rule_check(i)))
    for i, fm in enumerate(tpl.formats):
        out.append((f"format:{i}", _deps(fm.table, fm.when), _format_check(i)))
    by_slot: dict[str, list[int]] = {}
    for i, (_, deps, _) in enumerate(out):
        for slot in deps:
            by_slot.setdefault(slot, []).append(i)
    return _Checks([(key, run) for key, _, run in out], by_slot)


def _deps(own: str | None, *exprs: CExpr | None) -> frozenset[str]:
    deps = {own} if own is not None else set()
    for e in exprs:
        if e is not None:
            deps |= e.deps
    return frozenset(deps)


def _field_check(fid: str) -> _Run:
    def run(tpl: Template, st: FormValues) -> None:
        f = tpl.fields[fid]
        place = (fid, None, None)
        value = st.values.get(fid)
        spec = st.specs[fid]
        st.found[f"field:{fid}"] = _value_checks(f, spec, value, place=place, env=st.env, st=st)

    return run


def _table_check(tid: str) -> _Run:
    def run(tpl: Template, st: FormValues) -> None:
        t = tpl.tables[tid]
        env = st.env
        found: list[FormIssue] = []
        for index, row in enumerate(st.tables.get(tid, [])):
            here = env.with_row(tid, row)
            for cid, col in t.columns.items():
                spec = st.specs[f"{tid}.{cid}"]
                place = (tid, index, cid)
                found += _value_checks(col, spec, row.get(cid), place=place, env=here, st=st)
        st.found[f"table:{tid}"] = found

    return run


def _value_checks(col: ColumnIR, spec: Spec, value: Value, *, place: Key, env: Env, st: FormValues) -> list[FormIssue]:
    """Built-in checks of one value: required, min, max, pattern, choices."""
    if place in st.hidden or place in st.refused:
        return []
    if value is None:
        needed = condition(col.required, env, default=False)
        return [make_issue(place, "required", fn.texts("required", spec.label))] if needed else []
    found = []
    for rule, bound_expr in (("min", col.min), ("max", col.max)):
        bound = _bound(bound_expr, env, col.type)
        if bound is not None and fn.compare("<" if rule == "min" else ">", value, bound):
            found.append(make_issue(place, rule, fn.texts(rule, spec.label, bound=bound)))
    if spec.pattern is not None and isinstance(value, str) and not fullmatch(spec.pattern, value):
        found.append(make_issue(place, "pattern", fn.texts("pattern", spec.label)))
    if spec.choices is not None:
        bad = [v for v in (value if isinstance(value, list) else [value]) if v not in spec.choices]
        if bad:
            found.append(
                make_issue(
                    place,
                    "choices",
                    fn.texts("choices", spec.label, value=", ".join(map(str, bad))),
                )
            )
    return found


def _bound(c: CExpr | None, env: Env, typ: Type) -> Value:
    if c is None:
        return None
    if c.node is not None:
        return _quiet(c.node, env)
    try:
        return fn.to_value(c.const, typ if typ is Type.DATE else Type.NUMBER)
    except TypeError:
        return None


def _rule_check(index: int) -> _Run:
    def run(tpl: Template, st: FormValues) -> None:
        r = tpl.rules[index]
        env = st.env
        text = dict(r.model.message)
        found = []
        scopes = (
            [(i, env.with_row(r.table, row)) for i, row in enumerate(st.tables.get(r.table, []))]
            if r.table
            else [(None, env)]
        )
        for row_index, here in scopes:
            if _violated(r.check, here):
                place = _rule_place(tpl, r.model.fields, r.table, row_index)
                found.append(make_issue(place, r.model.id, text, r.model.severity, tuple(r.model.fields[1:])))
        st.found[f"rule:{index}"] = found

    return run


def _violated(check: CExpr, env: Env) -> bool:
    """Only false violates a check: null waits for its inputs (SPEC §3); an overflow cannot
    be verified and counts as violated."""
    try:
        verdict = eval_node(check.node, env) if check.node is not None else check.const
    except EvaluationError as exc:
        if exc.code != "overflow":
            raise
        return True
    return verdict is False


def _rule_place(tpl: Template, fields: list[str], table: str | None, row: int | None) -> Place:
    if not fields:
        return (table, row, None)
    parts = fields[0].split(".")
    if len(parts) == 2 and parts[0] in tpl.tables:
        return (parts[0], row if parts[0] == table else None, parts[1])
    if len(parts) == 3 and parts[0] in tpl.grids:
        return (parts[0], parts[1], parts[2])
    if table is not None and parts[0] in tpl.tables[table].columns:
        return (table, row, parts[0])
    return (fields[0], None, None)


def _format_check(index: int) -> _Run:
    def run(tpl: Template, st: FormValues) -> None:
        fm = tpl.formats[index]
        env = st.env
        hits = []
        scopes = (
            [(i, env.with_row(fm.table, row)) for i, row in enumerate(st.tables.get(fm.table, []))]
            if fm.table
            else [(None, env)]
        )
        for row_index, here in scopes:
            if condition(fm.when, here, default=False):
                for name in fm.model.fields:
                    p = _rule_place(tpl, [name], fm.table, row_index)
                    hits.append(FormatHit(p[0], p[1], p[2], fm.model.style, fm.model.css_class))
        st.hits[f"format:{index}"] = hits

    return run
