"""A few concrete submissions, run on the Python evaluator before any solver is built.

Most templates' questions are settled by a handful of ordinary submissions: one that meets every
bound and rule shows the rules can hold; one in which a rule alone fails shows it is not
redundant; valid submissions in which a condition is true and false show it is not constant.
Such a submission is evidence of the real meaning (the evaluator's), so what it settles needs no
proof; only what it leaves open goes to the solver. A probe never makes a finding.

The values tried for an input: blank, its constant bounds, the numbers the template's
expressions compare with (and one either side), the choice keys and texts it names.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from formkit.evaluation.evaluator import EvaluationError
from formkit.evaluation.formchecks import condition
from formkit.evaluation.formeval import evaluate_form
from formkit.evaluation.state import FormValues
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.ir import CExpr, ColumnIR
from formkit.meaning.template import Template

PROBES = 4  # blank, every input at its lowest, highest and middle value tried


@dataclass
class Evidence:
    feasible: bool = False
    can_fail: set[str] = field(default_factory=set)  # rules seen failing while all else held
    seen: set[tuple[str, bool]] = field(default_factory=set)  # (condition key, value) in a fitting form

    def settles(self, tpl: Template) -> bool:
        """Whether nothing is left for the solver: no finding is possible."""
        if not self.feasible:
            return False
        if any(f"rule:{r.model.id}" not in self.can_fail for r in tpl.rules if r.check.node is not None):
            return False
        if any((key, v) not in self.seen for key in condition_keys(tpl) for v in (True, False)):
            return False
        return not any(c.min is not None or c.max is not None for c in _columns(tpl) if c.kind == "calc")


def condition_keys(tpl: Template) -> list[str]:
    keys = [f"when:{i}" for i, fm in enumerate(tpl.formats) if fm.when.node is not None]
    for slot, col, _ in _slots(tpl):
        for kind, c in (("visible", col.visible), ("required", col.required)):
            if c is not None and c.node is not None:
                keys.append(f"{kind}:{slot}")
    return keys


def _columns(tpl: Template) -> Iterator[ColumnIR]:
    yield from tpl.fields.values()
    for t in tpl.tables.values():
        yield from t.columns.values()


def _slots(tpl: Template) -> Iterator[tuple[str, ColumnIR, str | None]]:
    for fid, f in tpl.fields.items():
        yield fid, f, None
    for tid, t in tpl.tables.items():
        for cid, c in t.columns.items():
            yield f"{tid}.{cid}", c, tid


def gather(tpl: Template) -> Evidence:
    ev = Evidence()
    numbers, texts = _constants(tpl)
    tries = {slot: _tries(col, numbers, texts) for slot, col, _ in _slots(tpl) if _typed(col)}
    cells = [f"{gid}.{r}.{c}" for gid, g in tpl.grids.items() for (r, c), cell in g.cells.items()
             if cell.kind == "input"]
    grid_tries = sorted(numbers | {Decimal(0)})
    for k in range(PROBES):
        inputs: dict[str, object] = {}
        rows: dict[str, dict[str, object]] = {t: {} for t in tpl.tables}
        for slot, values in tries.items():
            value = _pick(values, k)
            table, _, col = slot.partition(".")
            if col:
                rows[table][col] = value
            else:
                inputs[slot] = value
        for cell in cells:
            inputs[cell] = _pick(grid_tries, k)
        inputs |= {t: [row] for t, row in rows.items()}
        try:
            st = evaluate_form(tpl, inputs)
        except (EvaluationError, TypeError, ValueError, KeyError):
            continue  # a probe the evaluator cannot run shows nothing; the solver decides
        _record(tpl, st, ev)
    return ev


def _record(tpl: Template, st: FormValues, ev: Evidence) -> None:
    errors = {"min", "max", "required", "type", "choices", "pattern"}
    severity = {r.model.id: r.model.severity for r in tpl.rules}
    blocking, failing = set(), set()
    for i in st.issues:
        if i.rule in errors:
            blocking.add(f"{i.rule}:{i.field}.{i.col}")
        else:
            failing.add(f"rule:{i.rule}")
            if severity.get(i.rule) == "error":
                blocking.add(f"rule:{i.rule}")
    valid = not blocking
    ev.feasible |= valid
    for r in failing:
        if not blocking - {r}:
            ev.can_fail.add(r)
    for key in condition_keys(tpl):
        if key.startswith("when:") or valid:
            ev.seen.add((key, _holds(tpl, st, key)))


def _holds(tpl: Template, st: FormValues, key: str) -> bool:
    kind, _, slot = key.partition(":")
    if kind == "when":
        fm = tpl.formats[int(slot)]
        env = st.env if fm.table is None else st.env.with_row(fm.table, st.tables[fm.table][0])
        return condition(fm.when, env, default=False)
    table, _, cid = slot.partition(".")
    if not cid:
        f = tpl.fields[slot]
        if kind == "visible":
            return (slot, None, None) not in st.hidden
        return condition(f.required, st.env, default=False)
    if kind == "visible":
        return (table, 0, cid) not in st.hidden
    col = tpl.tables[table].columns[cid]
    return condition(col.required, st.env.with_row(table, st.tables[table][0]), default=False)


def _typed(col: ColumnIR) -> bool:
    return col.kind == "input" or (col.kind == "value" and col.model.confirm)


def _pick(values: Sequence[object], k: int) -> object:
    """Probe ``k``: blank, then the lowest, the highest and the middle value tried."""
    if k == 0 or not values:
        return None
    return values[{1: 0, 2: -1}.get(k, len(values) // 2)]


def _tries(col: ColumnIR, numbers: set[Decimal], texts: set[str]) -> Sequence[object]:
    if col.type is Type.NUMBER:
        places = 0 if col.model.type == "integer" else (col.model.precision or 0)
        lo, hi = _const(col.min), _const(col.max)
        got = {Decimal(0), Decimal(1)} | numbers | {x for x in (lo, hi) if x is not None}
        got |= {n + d for n in numbers for d in (Decimal(-1), Decimal(1))}
        grid = Decimal(1).scaleb(-places)
        fit = {x.quantize(grid) for x in got if x == x.quantize(grid)}
        return sorted(x for x in fit if (lo is None or x >= lo) and (hi is None or x <= hi))
    if col.type is Type.BOOLEAN:
        return [False, True]
    if col.type is Type.TEXT and col.model.pattern is None and col.model.type in ("text", "choice"):
        if isinstance(col.model.choices, dict):
            return list(col.model.choices)
        return sorted(texts | {"x"}) if col.model.choices is None else []
    return []


def _const(c: CExpr | None) -> Decimal | None:
    if c is None or c.node is not None or isinstance(c.const, bool) or not isinstance(c.const, int | float | Decimal):
        return None
    return Decimal(str(c.const))


def _constants(tpl: Template) -> tuple[set[Decimal], set[str]]:
    exprs: list[CExpr | None] = []
    for col in _columns(tpl):
        exprs += [col.visible, col.required, col.min, col.max, col.calc, col.value]
    exprs += [r.check for r in tpl.rules] + [fm.when for fm in tpl.formats]
    numbers: set[Decimal] = set()
    texts: set[str] = set()
    for c in exprs:
        if c is None or c.node is None:
            continue
        for n in ast.walk(c.node):
            if isinstance(n, ast.Literal) and isinstance(n.value, Decimal):
                numbers.add(n.value)
            elif isinstance(n, ast.Literal) and isinstance(n.value, str):
                texts.add(n.value)
    return numbers, texts
