"""A checked template as solver variables and constraints (SPEC §11).

Every value the form holds is a *slot*: a scalar field, a grid cell (``grid.row.col``), or a
roster column of one symbolic row (``table.column``: a per-row rule speaks of any row, so one
row stands for all). A slot typed by staff, read from the pool or from last period is a free
variable of its type and precision; a computed slot is its expression, rounded to its precision
as it is assigned; a hidden slot is null. The constraints a submission must meet — each
``min``, ``max``, ``required`` and rule — are :class:`Item` s, so a finding can name them. What
cannot be encoded exactly is :class:`Skip` ped: a calc becomes a free variable (any value, which
only widens what the solver considers possible), a rule or bound is left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import z3

from formkit.core.source import SourceSpan
from formkit.document.model import pick_label
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.ir import CExpr, ColumnIR
from formkit.meaning.template import Template
from formkit.proof.encode import (
    FALSE,
    TRUE,
    Cond,
    Encoder,
    Multi,
    Scope,
    Term,
    Unsupported,
    Val,
    literal,
    scale,
)

MAX_DIGITS = 28  # SPEC §3: at most 28 digits before the point
FREE_PLACES = 10  # a number without precision holds up to 10 places


@dataclass
class Item:
    """A constraint a submission must meet, that a finding can name."""

    key: str  # rule:<id> | min:<slot> | max:<slot> | required:<slot>
    what: str  # as a message names it
    span: SourceSpan
    holds: z3.BoolRef
    severity: str = "error"  # a rule's; bounds and required block submission
    slot: str | None = None
    bound: Val | None = None  # min/max: the bound's value


@dataclass
class Condition:
    """A ``visible``, ``required`` or format ``when`` written as an expression."""

    key: str  # visible:<slot> | required:<slot> | when:<index>
    what: str
    span: SourceSpan
    true: z3.BoolRef  # the condition holds (null counts as false)
    table: str | None = None


@dataclass
class Skip:
    what: str
    why: str
    span: SourceSpan


@dataclass
class Free:
    """A variable a witness submission gives: typed, pre-filled from the pool, or last period's."""

    slot: str
    role: str  # input | prefilled | prev
    kind: str  # number | text | date | boolean | multichoice
    null: z3.BoolRef
    var: z3.ExprRef | None = None
    places: int = 0
    keys: dict[str, z3.BoolRef] = field(default_factory=dict)


@dataclass
class Slot:
    key: str
    label: str
    type: Type
    places: int | None
    computed: bool  # calc (or a value the template computes): its bounds are implied
    table: str | None = None
    col: ColumnIR | None = None


class Model(Scope):
    """The template's slots, items and conditions. Build with :func:`build_model`."""

    def __init__(self, tpl: Template, *, nonlinear: bool = False) -> None:
        self.tpl = tpl
        self.nonlinear = nonlinear
        self.base: list[z3.BoolRef] = []
        self.items: list[Item] = []
        self.conditions: list[Condition] = []
        self.skipped: list[Skip] = []
        self.slots: dict[str, Slot] = {}
        self.terms: dict[str, Term] = {}
        self.shown: dict[str, z3.BoolRef] = {}
        self.frees: list[Free] = []
        self.prevs: dict[str, Term] = {}
        self._building: set[str] = set()
        self._params: dict[str, ast.Expr] = {}
        self._n = 0
        self.texts: dict[str, int] = {}  # each text the template names, by its code

    # -- Scope: what names mean -------------------------------------------------------------
    def name(self, node: ast.Name) -> Term:
        ref = node.ref
        if isinstance(ref, ast.FieldRef):
            return self.term(ref.field)
        if isinstance(ref, ast.GridCellRef):
            return self.term(f"{ref.grid}.{ref.row}.{ref.col}")
        if isinstance(ref, ast.RowColumnRef):
            return self.term(f"{ref.table}.{ref.column}")
        if isinstance(ref, ast.RowParamRef) and ref.name in self._params:
            return self._params_term(ref.name)
        raise Unsupported(f"the name '{node.dotted}'")

    def _params_term(self, name: str) -> Term:
        value = self._params[name]
        assert isinstance(value, ast.Literal)
        return self.text(value.value) if isinstance(value.value, str) else literal(value.value)

    def grid_column(self, grid: str, col: str) -> list[Val]:
        g = self.tpl.grids[grid]
        out = []
        for r in g.model.grid_rows:
            if r.id not in g.total_rows:
                t = self.term(f"{grid}.{r.id}.{col}")
                assert isinstance(t, Val)
                out.append(t)
        return out

    def define(self, fact: z3.BoolRef) -> None:
        self.base.append(fact)

    def fresh(self, what: str) -> z3.ArithRef:
        return z3.Real(self._fresh(what))

    def text(self, value: str) -> Val:
        code = self.texts.setdefault(value, len(self.texts))
        return Val(z3.IntVal(code), FALSE, text=True)

    def prev(self, node: ast.Prev) -> Term:
        ref = node.target.ref
        if not isinstance(ref, ast.FieldRef) or ref.field not in self.tpl.fields:
            raise Unsupported("prev() of something other than a field")
        fid = ref.field
        if fid not in self.prevs:
            f = self.tpl.fields[fid]
            self.prevs[fid] = self._free(fid, "prev", f.type, _places(f))
        return self.prevs[fid]

    # -- slots ------------------------------------------------------------------------------
    def term(self, key: str) -> Term:
        if key in self.terms:
            return self.terms[key]
        if key in self._building:  # only prev() may read round; the plan has no cycles
            raise Unsupported(f"'{key}' reads itself")
        self._building.add(key)
        try:
            self.terms[key] = self._slot_term(key)
        finally:
            self._building.discard(key)
        return self.terms[key]

    def _slot_term(self, key: str) -> Term:
        slot = self.slots[key]
        saved = self._params
        try:
            if slot.col is None:  # a grid cell
                gid, rid, cid = key.split(".")
                cell = self.tpl.grids[gid].cells[(rid, cid)]
                self._params = {k: ast.Literal(cell.row.span, _param(v)) for k, v in cell.row.params.items()}
                raw = self._source(key, slot, cell.kind, cell.expr, confirm=False)
                shown: z3.BoolRef = TRUE
            else:
                col = slot.col
                shown = self._shown(key, slot, col)
                raw = self._source(key, slot, col.kind, col.expr, confirm=col.model.confirm)
        finally:
            self._params = saved
        if isinstance(raw, Val) and slot.places is not None and raw.v.sort() == z3.RealSort():
            raw = Val(self.rounded(raw.v, raw.places, slot.places), raw.null, slot.places, raw.text)
        if z3.is_true(shown):
            return raw
        hidden = z3.Not(shown)
        if isinstance(raw, Cond):
            return Cond(z3.And(shown, raw.t), z3.And(shown, raw.f))
        if isinstance(raw, Multi):
            return Multi(z3.Or(raw.null, hidden), raw.keys)
        return Val(raw.v, z3.Or(raw.null, hidden), raw.places, raw.text)

    def _shown(self, key: str, slot: Slot, col: ColumnIR) -> z3.BoolRef:
        if key in self.shown:
            return self.shown[key]
        shown = self._condition(col.visible, f"the `visible` of '{slot.label}'", slot.table, default=True)
        self.shown[key] = shown
        return shown

    def _condition(self, c: CExpr | None, what: str, table: str | None, *, default: bool) -> z3.BoolRef:
        if c is None:
            return z3.BoolVal(default)
        if c.node is None:
            return z3.BoolVal(bool(c.const))
        try:
            return Encoder(self).cond(c.node).t
        except Unsupported as exc:
            self.skipped.append(Skip(what, str(exc), c.src.span))
            return z3.Bool(self._fresh("cond"))

    def _source(self, key: str, slot: Slot, kind: str, expr: CExpr | None, *, confirm: bool) -> Term:
        if kind == "input" or expr is None:
            return self._free(key, "input", slot.type, slot.places, slot.col)
        if confirm:  # staff may correct the pre-filled value: any value
            return self._free(key, "input", slot.type, slot.places, slot.col)
        if expr.node is None:
            try:
                const = _const(expr.const, slot.type)
                return self.text(const) if isinstance(const, str) else literal(const)
            except Unsupported as exc:
                self.skipped.append(Skip(f"the value of '{slot.label}'", str(exc), expr.src.span))
                return self._free(key, "opaque", slot.type, slot.places, slot.col)
        if expr.reads_pool or ast.reads_source(expr.node):
            return self._free(key, "prefilled", slot.type, slot.places, slot.col)
        try:
            return Encoder(self).term(expr.node)
        except Unsupported as exc:
            self.skipped.append(Skip(f"the {'calc' if kind == 'calc' else 'value'} of '{slot.label}'", str(exc),
                                     expr.src.span))
            return self._free(key, "opaque", slot.type, slot.places, slot.col)

    def _fresh(self, what: str) -> str:
        self._n += 1
        return f"{what}#{self._n}"

    def _free(self, key: str, role: str, typ: Type | None, places: int | None, col: ColumnIR | None = None) -> Term:
        null = z3.Bool(self._fresh(f"{key}?null"))
        name = self._fresh(key)
        if typ is Type.NUMBER:
            p = FREE_PLACES if places is None else places
            k = z3.Int(name)
            limit = 10 ** (MAX_DIGITS + p)
            self.base.append(z3.And(k > -limit, k < limit))
            self.frees.append(Free(key, role, "number", null, k, p))
            return Val(z3.ToReal(k) / scale(p), null, p)
        if typ is Type.TEXT:
            s = z3.Int(name)
            self.base.append(s >= 0)
            keys = _inline_choices(col)
            if keys is not None:
                self.base.append(z3.Or([s == self.text(k).v for k in keys]))
            self.frees.append(Free(key, role, "text", null, s))
            return Val(s, null, text=True)
        if typ is Type.DATE:
            d = z3.Int(name)
            self.base.append(z3.And(d >= 1, d <= dt.date.max.toordinal()))
            self.frees.append(Free(key, role, "date", null, d))
            return Val(d, null, 0)
        if typ is Type.BOOLEAN:
            b = z3.Bool(name)
            self.frees.append(Free(key, role, "boolean", null, b))
            return Cond(z3.And(z3.Not(null), b), z3.And(z3.Not(null), z3.Not(b)))
        if typ is Type.MULTI:
            chosen = {k: z3.Bool(f"{name}[{k}]") for k in _inline_choices(col) or []}
            self.base.append(z3.Implies(z3.Not(null), z3.Or(list(chosen.values()))) if chosen else null)
            self.frees.append(Free(key, role, "multichoice", null, keys=chosen))
            return Multi(null, chosen)
        raise Unsupported(f"a value of type {typ}")

    # -- the constraints --------------------------------------------------------------------
    def bounds(self, key: str) -> None:
        slot = self.slots[key]
        col = slot.col
        if col is None:
            return
        x = self.term(key)
        for which, c in (("min", col.min), ("max", col.max)):
            if c is None or not isinstance(x, Val):
                continue
            what = f"the `{which}` of '{slot.label}'"
            try:
                b = self._bound(c, slot)
            except Unsupported as exc:
                self.skipped.append(Skip(what, str(exc), c.src.span))
                continue
            known = z3.And(z3.Not(x.null), z3.Not(b.null))
            holds = z3.Implies(known, x.v >= b.v if which == "min" else x.v <= b.v)
            self.items.append(Item(f"{which}:{key}", what, c.src.span, holds, slot=key, bound=b))
        if col.required is not None:
            what = f"the `required` of '{slot.label}'"
            need = self._condition(col.required, what, slot.table, default=False)
            if not z3.is_false(need):
                shown = self.shown.get(key, TRUE)
                holds = z3.Implies(z3.And(shown, need), z3.Not(x.null))
                self.items.append(Item(f"required:{key}", what, col.required.src.span, holds, slot=key))
            if col.required.node is not None:
                self.conditions.append(Condition(f"required:{key}", what, col.required.src.span, need, slot.table))
        if col.visible is not None and col.visible.node is not None:
            what = f"the `visible` of '{slot.label}'"
            self.conditions.append(Condition(f"visible:{key}", what, col.visible.src.span, self.shown[key],
                                             slot.table))

    def _bound(self, c: CExpr, slot: Slot) -> Val:
        b = literal(_const(c.const, slot.type)) if c.node is None else Encoder(self).term(c.node)
        if not isinstance(b, Val) or b.text or slot.type is Type.TEXT:
            raise Unsupported("a bound that is not a number or a date")
        if b.v.sort() != self._sort(slot):
            raise Unsupported("a bound of another kind than its field")
        return b

    def _sort(self, slot: Slot) -> z3.SortRef:
        return z3.RealSort() if slot.type is Type.NUMBER else z3.IntSort()


def build_model(tpl: Template, *, nonlinear: bool = False) -> Model:
    """The template's model; ``nonlinear``: see :class:`formkit.proof.encode.Scope`."""
    m = Model(tpl, nonlinear=nonlinear)
    for fid, f in tpl.fields.items():
        m.slots[fid] = Slot(fid, _label(f.model.label), f.type, _places(f), f.kind != "input", col=f)
    for gid, g in tpl.grids.items():
        for (rid, cid), cell in g.cells.items():
            places = 0 if cell.col.type == "integer" else cell.col.precision
            label = " · ".join(_label(x) for x in (g.model.label, cell.row.label, cell.col.label))
            m.slots[f"{gid}.{rid}.{cid}"] = Slot(f"{gid}.{rid}.{cid}", label, Type.NUMBER, places,
                                                 cell.kind != "input")
    for tid, t in tpl.tables.items():
        for cid, c in t.columns.items():
            label = f"{_label(t.model.label)} · {_label(c.model.label)}"
            m.slots[f"{tid}.{cid}"] = Slot(f"{tid}.{cid}", label, c.type, _places(c), c.kind != "input", tid, c)
    for key in m.slots:
        try:
            m.term(key)
            m.bounds(key)
        except Unsupported as exc:
            m.skipped.append(Skip(f"'{m.slots[key].label}'", str(exc), _span_of(m, key)))
    _rules(m, tpl)
    _formats(m, tpl)
    return m


def _rules(m: Model, tpl: Template) -> None:
    for r in tpl.rules:
        what = f"rule '{r.model.id}'"
        if r.check.node is None:
            continue
        try:
            check = Encoder(m).cond(r.check.node)
        except Unsupported as exc:
            m.skipped.append(Skip(what, str(exc), r.check.src.span))
            continue
        m.items.append(Item(f"rule:{r.model.id}", what, r.model.span, z3.Not(check.f), r.model.severity))


def _formats(m: Model, tpl: Template) -> None:
    for i, fm in enumerate(tpl.formats):
        if fm.when.node is None:
            continue
        what = f"the `when` of format {i + 1}"
        try:
            true = Encoder(m).cond(fm.when.node).t
        except Unsupported as exc:
            m.skipped.append(Skip(what, str(exc), fm.when.src.span))
            continue
        m.conditions.append(Condition(f"when:{i}", what, fm.when.src.span, true, fm.table))


def _span_of(m: Model, key: str) -> SourceSpan:
    col = m.slots[key].col
    if col is not None:
        return col.model.span
    gid = key.split(".", maxsplit=1)[0]
    return m.tpl.grids[gid].model.span


def _label(label: object) -> str:
    return pick_label(label, "zh") if isinstance(label, dict) else str(label)


def _places(col: ColumnIR) -> int | None:
    if col.type is not Type.NUMBER:
        return None
    return 0 if col.model.type == "integer" else col.model.precision


def _inline_choices(col: ColumnIR | None) -> list[str] | None:
    if col is None or not isinstance(col.model.choices, dict):
        return None
    return list(col.model.choices)


def _param(value: object) -> Decimal | str | bool | dt.date | None:
    if isinstance(value, bool | str | dt.date) or value is None:
        return value
    if isinstance(value, int | Decimal):
        return Decimal(value)
    raise Unsupported(f"the row parameter {value!r}")


def _const(value: object, typ: Type) -> Decimal | str | bool | dt.date | None:
    if value is None or isinstance(value, bool):
        return value
    if typ is Type.NUMBER and isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    if typ is Type.DATE and isinstance(value, dt.date):
        return value
    if typ is Type.DATE and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise Unsupported(f"the date {value!r}") from None
    if isinstance(value, str) and typ is Type.TEXT:
        return value
    raise Unsupported(f"the constant {value!r}")


__all__ = ["FALSE", "Condition", "Free", "Item", "Model", "Skip", "Slot", "build_model"]
