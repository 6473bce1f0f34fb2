"""Form state: one org unit's filled form — values with their provenance, edited through the
evaluator, and its SPEC §5 JSON (exact decimal tokens both ways).

A :class:`Form` holds the evaluator's state (:class:`formkit.evaluation.formeval.FormValues`) and what the
form was filled from: the pre-filled values as shown (the pool snapshot, read at ``as_of``), the
pool rows of its rosters, last period's values for ``prev()``, and the stored revision and
submission id. ``set`` recomputes only the dependants of what changed (``formeval.reevaluate``);
``confirm``/``correct`` give feedback on a pre-filled value, keeping the original.

:func:`dumps` writes numbers as JSON number tokens with their exact digits (``120.50``) and
:func:`loads` reads them back as :class:`~decimal.Decimal` — never through a float.

Decisions where SPEC is silent (docs/workflow.md):

- a form that was never stored is in state ``draft`` with revision 0 and a fresh submission id,
  so submitting it twice stores it once;
- rows staff add to a roster get a ``_key`` ``new:<16 hex>``; pool rows keep the pool key;
- ``meta`` has an entry per scalar field, and one per roster or grid that reads the pool;
- ``to_json`` adds ``prev`` only when the template reads ``prev()`` somewhere other than a
  field's ``value: prev(x)`` (otherwise last period's values are derived from those fields),
  ``notes`` only when a reviewer returned the submission with notes, and ``rejected`` only when
  a typed value was refused: ``[{field, row, col, value}]``, the value as typed (``values``
  show null there); ``from_json`` types it again, and ``submission_body`` hands it to the store,
  whose check refuses it — a refused value never reaches the database as a null.
"""

from __future__ import annotations

import datetime as dt
import reprlib
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from formkit.core.jsonio import dumps, loads
from formkit.evaluation import functions as fn
from formkit.evaluation.evaluator import EvaluationError, eval_node
from formkit.evaluation.formchecks import all_specs
from formkit.evaluation.formeval import FormValues, evaluate_form, reevaluate
from formkit.evaluation.functions import Spec, Value
from formkit.evaluation.state import FormIssue
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.ir import CExpr, ColumnIR, FieldIR
from formkit.meaning.template import Template

__all__ = ["FOOTER_KEYS", "NEW_ROW", "AddedRow", "Form", "ReadOnlyCell", "confirmable", "dumps", "loads", "pool_bound",
           "pool_row", "prev_based", "prev_targets", "shown_value", "slot_type", "static_source", "typed_place"]

NEW_ROW = "new:"  # the _key prefix of a row staff added (never a pool key)
#: The footer lines staff fill, as the form's footer names them (填报单位 is the unit's name, not typed).
FOOTER_KEYS = ("filled_by", "reviewed_by", "phone", "date")
SHAPE_KEYS = ("template", "version", "org", "period", "revision", "submission", "state", "values", "tables",
              "grids", "meta", "issues")


class ReadOnlyCell(ValueError):
    """Rows given to :meth:`Form.set` change a pool-bound roster cell that staff may not correct
    (its column is not ``confirm: true``): refused, never silently kept at the pool's value.
    ``index`` is the row's position in the rows given, ``key`` its ``_key``."""

    def __init__(self, table: str, index: int, col: str, key: str) -> None:
        super().__init__(f"'{table}.{col}' of the pre-filled row {key} comes from the pool and cannot be changed "
                         "(only a column with `confirm: true` takes corrections)")
        self.table, self.index, self.col, self.key = table, index, col, key


class NoSuchCell(ValueError):
    """:meth:`Form.set` with ``row=``/``col=`` naming no cell of the roster: a row is its position
    (0 … n-1, negative from the end) or its ``_key``, a column one of the roster's columns.
    Refused before anything changes (it was a raw TypeError or IndexError from the list)."""

    def __init__(self, table: str, row: object, col: object, problem: str) -> None:
        super().__init__(f"'{table}' has no cell row={row!r}, col={col!r}: {problem}")
        self.table, self.row, self.col = table, row, col


class AddedRow(ValueError):
    """Rows given to :meth:`Form.set` add a row to a roster with ``add_rows: false`` (a row
    without ``_key``, or whose ``_key`` is no pre-filled row's): refused before anything
    changes, as :meth:`Form.add_row` refuses it. ``index`` is the row's position in the rows."""

    def __init__(self, table: str, index: int, key: str | None) -> None:
        which = "a row without _key" if key is None else f"the row {key}, which is not a pre-filled row,"
        super().__init__(f"rows cannot be added to '{table}' (add_rows: false): {which} was given")
        self.table, self.index, self.key = table, index, key


# -- what a slot is --------------------------------------------------------------------------------


def pool_bound(c: ColumnIR | CExpr | None) -> bool:
    """A value read from the pool (a pool aggregate or a roster column bound to its table)."""
    e = c.expr if isinstance(c, ColumnIR) else c
    return e is not None and e.node is not None and e.reads_pool


def prev_based(f: ColumnIR) -> bool:
    e = f.expr
    return e is not None and e.node is not None and not e.reads_pool and bool(e.prev_of)


def confirmable(f: FieldIR) -> bool:
    return f.kind == "value" and bool(f.model.confirm)


def static_source(f: FieldIR) -> str:
    """Where a field's value comes from before any feedback: typed, calc, pool or prev."""
    if f.kind == "input":
        return "typed"
    if pool_bound(f):
        return "derived" if ast.reads_source(f.expr.node if f.expr is not None else None) else "pool"
    return "prev" if prev_based(f) else "calc"


def slot_type(template: Template, slot: str) -> Type:
    return template.fields[slot].type if slot in template.fields else Type.NUMBER


def shown_value(spec: Spec, typ: Type, raw: object) -> Value:
    """A value as the form shows it: the language's value, at the field's precision."""
    if isinstance(raw, float):
        raw = Decimal(repr(raw))
    v = fn.to_value(raw, typ)
    if isinstance(v, Decimal):
        return fn.round_places(v, spec.places) if spec.places is not None else fn.tidy(v)
    return v


def _json_value(v: object) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return list(v)
    return v


def prev_targets(template: Template) -> tuple[set[str], set[str]]:
    """(every slot read through prev(), the ones a field's ``value: prev(x)`` shows)."""
    exprs: list[CExpr | None] = []
    for f in template.fields.values():
        exprs += [f.value, f.calc, f.visible, f.required, f.min, f.max]
    for t in template.tables.values():
        for c in t.columns.values():
            exprs += [c.value, c.calc, c.visible, c.required, c.min, c.max]
    exprs += [c.expr for g in template.grids.values() for c in g.cells.values()]
    exprs += [r.check for r in template.rules] + [x.when for x in template.formats]
    every = {p for e in exprs if e is not None for p in e.prev_of}
    shown = {t for t, _ in _shown_prev(template)}
    return every, shown


def _shown_prev(template: Template) -> Iterator[tuple[str, str]]:
    """(prev target, field) for each field whose value is exactly ``prev(target)``."""
    for fid, f in template.fields.items():
        node = f.value.node if f.value is not None else None
        if isinstance(node, ast.Prev):
            ref = node.target.ref
            yield (ref.field if isinstance(ref, ast.FieldRef) else node.target.dotted), fid


# -- the form ------------------------------------------------------------------------------------------


class Form:
    """A filled form of ``template`` for ``org`` and ``period`` (see the module docstring)."""

    def __init__(self, template: Template, *, org: str, period: str, st: FormValues,
                 prefilled: Mapping[str, Value], pool_rows: Mapping[str, list[dict[str, Value]]],
                 prev: Mapping[str, Value], revision: int = 0, submission: str | None = None,
                 state: str = "draft", confirmed: Iterable[str] = (), as_of: str | None = None,
                 pii: bool = False, notes: Sequence[Mapping[str, Any]] = (),
                 footer: Mapping[str, str] | None = None, org_name: str | None = None,
                 provenance: Mapping[str, Any] | None = None) -> None:
        self.template = template
        self.org = org
        self.period = period
        self.st = st
        self.prefilled: dict[str, Value] = dict(prefilled)  # pool-bound slots as shown
        self.pool_rows: dict[str, list[dict[str, Value]]] = {k: [dict(r) for r in v] for k, v in pool_rows.items()}
        self.prev: dict[str, Value] = dict(prev)
        self.revision = revision
        self.submission = submission or uuid.uuid4().hex
        self.state = state
        self.confirmed: set[str] = set(confirmed)
        self.as_of = as_of
        self.pii = pii
        self.notes: list[dict[str, Any]] = [dict(n) for n in notes]
        # the form's footer staff fill (填报人, 审核人, 联系电话, 报出日期): kept with each write
        self.footer: dict[str, str] = {k: v for k, v in (footer or {}).items() if k in FOOTER_KEYS and v}
        self.org_name = org_name  # 填报单位: the unit's name in the pool's org table
        # a derived report (SPEC §8.4): the source submission its values were read from
        self.provenance: dict[str, Any] | None = dict(provenance) if provenance else None
        # feedback on roster cells: {table: {row key: {column: corrected value}}}, and the
        # (table, row key, column) confirmed as they are; self.pool_rows keeps the originals
        self.row_fixes: dict[str, dict[str, dict[str, Value]]] = {}
        self.row_confirmed: set[tuple[str, str, str]] = set()

    # -- building ------------------------------------------------------------------------------------

    @classmethod
    def build(cls, template: Template, *, org: str, period: str, prefilled: Mapping[str, object],
              pool_rows: Mapping[str, Sequence[Mapping[str, object]]], prev: Mapping[str, object],
              inputs: Mapping[str, object] | None = None, **kw: Any) -> Form:
        """Evaluate a form from what it is filled from (pool values and rows as read, last
        period's values) and the typed inputs (``formeval.evaluate_form``'s shape)."""
        specs = all_specs(template)
        shown = {k: shown_value(specs[k], slot_type(template, k), v) for k, v in prefilled.items() if k in specs}
        rows = {tid: [pool_row(template, tid, r, specs) for r in pool_rows.get(tid, [])]
                for tid, t in template.tables.items() if t.rows is not None}
        st = evaluate_form(template, dict(inputs or {}), prefilled={**shown, **rows}, prev_values=prev,
                           period=period)
        prev_shown = dict(st.env.prev)
        return cls(template, org=org, period=period, st=st, prefilled=shown, pool_rows=rows, prev=prev_shown, **kw)

    @classmethod
    def from_json(cls, data: Mapping[str, Any], template: Template, *, pii: bool = False) -> Form:
        """The form a SPEC §5 object describes (as :meth:`to_json` wrote it; numbers as read by
        :func:`loads`). Pre-filled values, their originals and last period's values are taken
        from the object; everything calculated is evaluated again."""
        values: Mapping[str, Any] = data.get("values") or {}
        tables: Mapping[str, Any] = data.get("tables") or {}
        grids: Mapping[str, Any] = data.get("grids") or {}
        meta: Mapping[str, Any] = data.get("meta") or {}
        if data.get("template") not in (None, template.id):
            raise ValueError(f"the JSON is a form of '{data.get('template')}', not of '{template.id}'")
        prefilled: dict[str, object] = {}
        inputs: dict[str, object] = {}
        confirmed: list[str] = []
        as_of = next((m.get("as_of") for m in meta.values() if isinstance(m, Mapping) and m.get("as_of")), None)
        for fid, f in template.fields.items():
            m = _mapping(meta.get(fid))
            corrected = confirmable(f) and m.get("source") == "corrected"
            if m.get("source") == "confirmed":
                confirmed.append(fid)
            if pool_bound(f):
                prefilled[fid] = m.get("original") if corrected else values.get(fid)
            if f.kind == "input" or corrected:
                inputs[fid] = values.get(fid)
        for gid, g in template.grids.items():
            for (rid, cid), cell in g.cells.items():
                v = _nested(grids, gid, rid, cid)
                if cell.kind == "input":
                    inputs[f"{gid}.{rid}.{cid}"] = v
                elif pool_bound(cell.expr):
                    prefilled[f"{gid}.{rid}.{cid}"] = v
        pool_rows: dict[str, Sequence[Mapping[str, object]]] = {}
        for tid, t in template.tables.items():
            rows = [r for r in tables.get(tid) or [] if isinstance(r, Mapping)]
            inputs[tid] = rows
            if t.rows is not None:
                pool_rows[tid] = [_original_row(r) for r in rows
                                  if not str(r.get("_key") or NEW_ROW).startswith(NEW_ROW)]
        _take_rejected(template, data.get("rejected"), inputs)
        prev = dict(data["prev"]) if isinstance(data.get("prev"), Mapping) else _derived_prev(template, values, meta)
        notes = [n for n in data.get("notes") or [] if isinstance(n, Mapping)]
        footer = {k: str(v) for k, v in _mapping(data.get("footer")).items() if isinstance(v, str)}
        form = cls.build(template, org=str(data.get("org") or ""), period=str(data.get("period") or ""),
                         prefilled=prefilled, pool_rows=pool_rows, prev=prev, inputs=inputs,
                         revision=int(data.get("revision") or 0), submission=data.get("submission"),
                         state=str(data.get("state") or "draft"), confirmed=confirmed, as_of=as_of, pii=pii,
                         notes=notes, footer=footer,
                         org_name=data.get("org_name") if isinstance(data.get("org_name"), str) else None)
        form.load_row_feedback(tables)
        return form

    # -- reading ---------------------------------------------------------------------------------------

    @property
    def values(self) -> dict[str, Value]:
        """Every scalar field's value (hidden and missing values are None)."""
        return {fid: self.st.values.get(fid) for fid in self.template.fields}

    @property
    def tables(self) -> dict[str, list[dict[str, Value]]]:
        return {tid: [dict(r) for r in self.st.tables.get(tid, [])] for tid in self.template.tables}

    @property
    def tables_with_meta(self) -> dict[str, list[dict[str, Any]]]:
        """:attr:`tables`, each pool row with feedback on a cell carrying ``_meta``:
        ``{column: {"source": "confirmed"}}`` or ``{"source": "corrected", "original": …}``."""
        out: dict[str, list[dict[str, Any]]] = {}
        for tid, rows in self.tables.items():
            out[tid] = []
            for r in rows:
                meta = self._row_meta(tid, r.get("_key"))
                out[tid].append({**r, "_meta": meta} if meta else r)
        return out

    @property
    def grids(self) -> dict[str, dict[str, dict[str, Value]]]:
        return self.st.grids(self.template)

    def __getitem__(self, slot: str) -> Any:
        if slot in self.template.tables:
            return self.tables[slot]
        if slot in self.template.fields or slot.count(".") == 2:
            return self.st.values.get(slot)
        raise KeyError(slot)

    @property
    def issues(self) -> list[FormIssue]:
        """Every problem, in form order: field, row, col, rule id, message, severity."""
        return self.st.issues

    @property
    def errors(self) -> list[FormIssue]:
        """The issues that block submission (severity ``error``)."""
        return [i for i in self.st.issues if i.severity == "error"]

    @property
    def rejected(self) -> dict[tuple[str, int | str | None, str | None], object]:
        """What was typed at each place whose value was refused (``(field, row, col)`` as for
        issues); the form holds null there, with a ``type`` issue."""
        return dict(self.st.rejected)

    def submission_body(self, values: Mapping[str, Any] | None = None,
                        tables: Mapping[str, list[dict[str, Any]]] | None = None
                        ) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], dict[str, Any]]:
        """``(values, tables, grids)`` as the store takes them (tables with ``_meta``; by default
        the form's own, else the ``values``/``tables`` given), each refused value as it was typed
        in place of the null that stands for it: the server checks what was typed, refuses it
        again, and never stores the null over a good value."""
        values = dict(self.values if values is None else values)
        tables = {t: list(rows) for t, rows in (self.tables_with_meta if tables is None else tables).items()}
        grids: dict[str, Any] = {g: {r: dict(c) for r, c in rows.items()} for g, rows in self.grids.items()}
        for (slot, row, col), raw in self.st.rejected.items():
            if slot in tables and isinstance(row, int) and col is not None and 0 <= row < len(tables[slot]):
                tables[slot][row] = {**tables[slot][row], col: raw}
            elif slot in grids and isinstance(row, str) and col is not None:
                grids[slot].setdefault(row, {})[col] = raw
            elif slot in values:
                values[slot] = raw
        return values, tables, grids

    def _rejected_entries(self) -> list[dict[str, Any]]:
        """SPEC §5 ``rejected``: each refused value at its place, in the order of the issues."""
        out: list[dict[str, Any]] = []
        seen: set[tuple[Any, ...]] = set()
        for i in self.st.issues:
            place = (i.field, i.row, i.col)
            if i.rule != "type" or place in seen or place not in self.st.rejected:
                continue
            seen.add(place)
            spec = self.st.specs[_spec_key(self.template, i.field or "", i.row, i.col)]
            out.append({"field": i.field, "row": i.row, "col": i.col,
                        "value": _rejected_json(self.st.rejected[place], spec)})
        return out

    @property
    def can_submit(self) -> bool:
        return not self.errors and self.state != "approved"

    @property
    def formats(self) -> list[Any]:
        return self.st.formats

    def original(self, field: str, *, row: int | str | None = None, col: str | None = None) -> Value:
        """The pre-filled value of a confirmable field (or roster cell), before any correction."""
        if row is not None or col is not None:
            tid, key, cid = self._cell(field, row, col)
            return self._pool_row(tid, key).get(cid)
        f = self._confirmable(field)
        if pool_bound(f):
            return self.prefilled.get(field)
        return self._prev_original(f)

    def _prev_original(self, f: FieldIR) -> Value:
        node = f.value.node if f.value is not None else None
        if node is None:
            return fn.to_value(f.value.const, f.type) if f.value is not None else None
        try:
            v = eval_node(node, self.st.env)
        except EvaluationError:
            return None
        spec = self.st.specs[f.id]
        return fn.round_places(v, spec.places) if isinstance(v, Decimal) and spec.places is not None else v

    def source(self, field: str) -> str:
        """``pool``, ``prev``, ``calc``, ``typed``, ``confirmed`` or ``corrected``."""
        f = self.template.fields[field]
        if confirmable(f):
            if field in self.st.typed and self.st.values.get(field) != self.original(field):
                return "corrected"
            if field in self.confirmed:
                return "confirmed"
        return static_source(f)

    @property
    def meta(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for fid, f in self.template.fields.items():
            m: dict[str, Any] = {"source": self.source(fid)}
            if m["source"] == "corrected":
                m["original"] = _json_value(self.original(fid))
            if pool_bound(f) and self.as_of is not None:
                m["as_of"] = self.as_of
            if m["source"] == "derived":
                m |= self._derived_meta()
            out[fid] = m
        for tid, t in self.template.tables.items():
            if self.template.derived:
                out[tid] = {"source": "derived", **self._derived_meta()}
            elif t.rows is not None and self.as_of is not None:
                out[tid] = {"source": "pool", "as_of": self.as_of}
        for gid, g in self.template.grids.items():
            if any(pool_bound(c.expr) for c in g.cells.values()) and self.as_of is not None:
                out[gid] = {"source": "pool", "as_of": self.as_of}
        return out

    def _derived_meta(self) -> dict[str, Any]:
        """Where a derived value was read: the source submission and its revision (none: the
        source has nothing submitted or approved for this unit and period yet)."""
        p = self.provenance
        if not p:
            return {"from": None}
        if "periods" in p:  # a coarser report: the source periods inside this one that were submitted
            return {"from": p["template"], "periods": p["periods"], "of": p["of"]}
        return {"from": p["template"], "submission": p["submission"], "revision": p["revision"]}

    # -- editing -------------------------------------------------------------------------------------

    def set(self, slot: str, value: object, *, row: int | str | None = None, col: str | None = None) -> Form:
        """Type a value: a field, a grid cell ``grid.row.col``, a roster's rows (a list of
        ``{column: value}``; ``_key`` matches a pre-filled row), or one roster cell with
        ``row``/``col``. Only the dependants are evaluated again. A confirmable pre-filled
        field is corrected (its original kept); so is a confirmable pool-bound cell that a
        given row changes, and a change to any other pool-bound cell raises
        :class:`ReadOnlyCell` before anything changes."""
        self._writable()
        f = self.template.fields.get(slot)
        if f is not None and confirmable(f):
            return self.correct(slot, value)
        if slot in self.template.tables and row is not None and col is not None \
                and self._cell_confirmable(slot, col):
            return self.correct(slot, value, row=row, col=col)
        fixes: list[tuple[str, str, object]] = []
        if slot in self.template.tables:
            if row is None and col is None and isinstance(value, list | tuple):
                self._no_added_rows(slot, [r for r in value if isinstance(r, Mapping)])
                fixes = self._pool_cell_changes(slot, [r for r in value if isinstance(r, Mapping)])
            value = self._rows_with(slot, value, row, col)
        reevaluate(self.template, self.st, slot, value)
        for key, cid, fixed in fixes:
            self.correct(slot, fixed, row=key, col=cid)
        return self

    def _no_added_rows(self, table: str, rows: Sequence[Mapping[str, object]]) -> None:
        """A roster with ``add_rows: false`` keeps the rows it was filled with (SPEC §2.3): every
        row given must be one of them, by ``_key``; raises AddedRow for the first that is not."""
        if self.template.tables[table].add_rows:
            return
        pooled = {str(r.get("_key")) for r in self.pool_rows.get(table, [])}
        for index, r in enumerate(rows):
            key = None if r.get("_key") is None else str(r.get("_key"))
            if key is None or key not in pooled:
                raise AddedRow(table, index, key)

    def _pool_cell_changes(self, table: str, rows: Sequence[Mapping[str, object]]) -> list[tuple[str, str, object]]:
        """(row key, column, value) of each pool-bound cell of a pre-filled row that ``rows``
        change (compared unrounded: 70.4 is not 70). Raises before any change: ReadOnlyCell for a
        column that takes no corrections, ValueError for a correction of the wrong type."""
        t = self.template.tables[table]
        shown = {str(r.get("_key")): r for r in self.st.tables.get(table, []) if r.get("_key") is not None}
        pooled = {str(r.get("_key")) for r in self.pool_rows.get(table, [])}
        out: list[tuple[str, str, object]] = []
        for index, r in enumerate(rows):
            key = None if r.get("_key") is None else str(r.get("_key"))
            if key is None or key not in pooled:
                continue
            for cid, c in t.columns.items():
                if cid not in r or not pool_bound(c) or _unchanged(r[cid], c.type, shown.get(key, {}).get(cid)):
                    continue
                if not self._cell_confirmable(table, cid):
                    raise ReadOnlyCell(table, index, cid, key)
                typed, problem = fn.typed(r[cid], self.st.specs[f"{table}.{cid}"])
                if problem is not None:
                    raise ValueError(f"{table}[{key}].{cid}: {problem.get('en', '')}")
                out.append((key, cid, typed))
        return out

    def add_row(self, table: str, values: Mapping[str, object] | None = None) -> Form:
        """Add a row to a roster that allows it (``add_rows``)."""
        t = self.template.tables[table]
        if not t.add_rows:
            raise ValueError(f"rows cannot be added to '{table}'")
        rows = [*self._typed_rows(table), {**dict(values or {}), "_key": None}]
        return self.set(table, rows)

    def remove_row(self, table: str, index: int) -> Form:
        t = self.template.tables[table]
        rows = self._typed_rows(table)
        key = str(rows[index].get("_key") or "")
        if not t.remove_rows and not key.startswith(NEW_ROW):
            raise ValueError(f"pre-filled rows cannot be removed from '{table}'")
        del rows[index]
        return self.set(table, rows)

    def confirm(self, field: str, *, row: int | str | None = None, col: str | None = None) -> Form:
        """Confirm a pre-filled value as it is (反馈确认); a correction made before is undone.
        A roster cell is named by its table, ``row`` (index or ``_key``) and ``col``."""
        self._writable()
        if row is not None or col is not None:
            tid, key, cid = self._cell(field, row, col)
            self.row_fixes.get(tid, {}).get(key, {}).pop(cid, None)
            self.row_confirmed.add((tid, key, cid))
            return self._apply_rows(tid)
        self._confirmable(field)
        if field in self.st.typed:
            reevaluate(self.template, self.st, field, None)
        self.confirmed.add(field)
        return self

    def correct(self, field: str, value: object, *, row: int | str | None = None, col: str | None = None) -> Form:
        """Correct a pre-filled value; the original is kept (``meta.original``; a roster
        cell's in its row's ``_meta``). Correcting to the original is a confirmation."""
        self._writable()
        if row is not None or col is not None:
            tid, key, cid = self._cell(field, row, col)
            typed, problem = fn.typed(value, self.st.specs[f"{tid}.{cid}"])
            if problem is not None:
                raise ValueError(f"{tid}[{key}].{cid}: {problem.get('en', '')}")
            self.row_confirmed.discard((tid, key, cid))
            if typed == self.original(tid, row=key, col=cid):
                self.row_fixes.get(tid, {}).get(key, {}).pop(cid, None)
                self.row_confirmed.add((tid, key, cid))
            else:
                self.row_fixes.setdefault(tid, {}).setdefault(key, {})[cid] = typed
            return self._apply_rows(tid)
        self._confirmable(field)
        reevaluate(self.template, self.st, field, value)
        self.confirmed.discard(field)
        if field in self.st.typed and self.st.values.get(field) == self.original(field):
            self.confirmed.add(field)  # "corrected" to what it was: a confirmation
        return self

    def _confirmable(self, field: str) -> FieldIR:
        f = self.template.fields.get(field)
        if f is None:
            raise KeyError(f"'{self.template.id}' has no field '{field}'")
        if not confirmable(f):
            raise ValueError(f"'{field}' is not a pre-filled value that staff may confirm or correct (confirm: true)")
        return f

    def cell_source(self, table: str, key: str, col: str) -> str:
        """A roster cell's source: ``confirmed``, ``corrected``, or its static source."""
        if col in self.row_fixes.get(table, {}).get(key, {}):
            return "corrected"
        if (table, key, col) in self.row_confirmed:
            return "confirmed"
        return "pool"  # only pool-bound cells take feedback

    def _cell_confirmable(self, table: str, col: str) -> bool:
        c = self.template.tables[table].columns.get(col)
        return c is not None and c.kind == "value" and bool(c.model.confirm) and pool_bound(c)

    def _cell(self, table: str, row: int | str | None, col: str | None) -> tuple[str, str, str]:
        """(table, pool row key, column) of a confirmable roster cell."""
        t = self.template.tables.get(table)
        if t is None:
            raise KeyError(f"'{self.template.id}' has no table '{table}'")
        if row is None or col is None:
            raise ValueError("a roster cell is named with both row= and col=")
        if not self._cell_confirmable(table, col):
            raise ValueError(f"'{table}.{col}' is not a pre-filled value that staff may confirm or correct "
                             "(confirm: true)")
        rows = self.st.tables.get(table, [])
        key = row if isinstance(row, str) else (rows[row].get("_key") if -len(rows) <= row < len(rows) else None)
        if key is None or not any(r.get("_key") == key for r in self.pool_rows.get(table, [])):
            raise ValueError(f"row {row!r} of '{table}' is not a pre-filled row")
        return table, str(key), col

    def _pool_row(self, table: str, key: str) -> dict[str, Value]:
        return next((r for r in self.pool_rows.get(table, []) if r.get("_key") == key), {})

    def _row_meta(self, table: str, key: object) -> dict[str, dict[str, Any]]:
        if key is None:
            return {}
        out: dict[str, dict[str, Any]] = {}
        for cid in self.row_fixes.get(table, {}).get(str(key), {}):
            out[cid] = {"source": "corrected", "original": _json_value(self._pool_row(table, str(key)).get(cid))}
        for tid, k, cid in sorted(self.row_confirmed):
            if (tid, k) == (table, str(key)):
                out[cid] = {"source": "confirmed"}
        return out

    def _apply_rows(self, table: str) -> Form:
        """Evaluate a roster again with its pool rows as corrected (the originals stay in
        :attr:`pool_rows`)."""
        fixes = self.row_fixes.get(table, {})
        self.st.pool_rows[table] = [{**r, **fixes.get(str(r.get("_key")), {})} for r in self.pool_rows.get(table, [])]
        reevaluate(self.template, self.st, table, self._typed_rows(table))
        return self

    def load_row_feedback(self, tables: Mapping[str, Any]) -> Form:
        """Take the feedback on roster cells that rows carry in ``_meta`` (SPEC §5 JSON, a
        stored submission): corrections (the row's value) and confirmations of pool rows."""
        touched = set()
        for tid, rows in tables.items():
            if tid not in self.template.tables:
                continue
            for r in rows or []:
                meta = r.get("_meta") if isinstance(r, Mapping) else None
                key = r.get("_key") if isinstance(r, Mapping) else None
                if not isinstance(meta, Mapping) or key is None or not self._pool_row(tid, str(key)):
                    continue
                for cid, m in meta.items():
                    source = m.get("source") if isinstance(m, Mapping) else None
                    if not self._cell_confirmable(tid, cid) or source not in ("confirmed", "corrected"):
                        continue
                    if source == "corrected":
                        spec = self.st.specs[f"{tid}.{cid}"]
                        self.row_fixes.setdefault(tid, {}).setdefault(str(key), {})[cid] = shown_value(
                            spec, spec.type, r.get(cid))
                    else:
                        self.row_confirmed.add((tid, str(key), cid))
                    touched.add(tid)
        for tid in touched:
            self._apply_rows(tid)
        return self

    def _writable(self) -> None:
        if self.state == "approved":
            raise ValueError(f"the submission of {self.org} for {self.period} is approved and locked")

    def _typed_rows(self, table: str) -> list[dict[str, object]]:
        """The roster's rows as typed input: keys and input columns, a refused cell as it was
        typed (not the null that stands for it: typing another cell must not drop the refusal)."""
        t = self.template.tables[table]
        keep = [cid for cid, c in t.columns.items() if c.kind == "input"]
        rows: list[dict[str, object]] = [{"_key": r.get("_key"), **{c: r.get(c) for c in keep}}
                                         for r in self.st.tables.get(table, [])]
        for (slot, row, col), raw in self.st.rejected.items():
            if slot == table and isinstance(row, int) and col in keep and 0 <= row < len(rows):
                rows[row][col] = raw
        return rows

    def _rows_with(self, table: str, value: object, row: int | str | None,
                   col: str | None) -> list[dict[str, object]]:
        if row is not None or col is not None:
            if row is None or col is None:
                raise ValueError("a roster cell is set with both row= and col=")
            rows = self._typed_rows(table)
            rows[self._row_index(table, rows, row, col)][col] = value
        elif isinstance(value, list | tuple):
            rows = [dict(r) for r in value if isinstance(r, Mapping)]
        else:
            raise TypeError(f"the rows of '{table}' are a list of {{column: value}}")
        for r in rows:
            if r.get("_key") is None:
                r["_key"] = NEW_ROW + uuid.uuid4().hex[:16]
        return rows

    def _row_index(self, table: str, rows: Sequence[Mapping[str, object]], row: object, col: object) -> int:
        """The position of the row ``row`` names (a position or a ``_key``), after checking that
        ``col`` is a column of ``table``; raises NoSuchCell otherwise."""
        columns = self.template.tables[table].columns
        if not isinstance(col, str) or col not in columns:
            raise NoSuchCell(table, row, col, f"its columns are {', '.join(columns)}")
        if isinstance(row, str):
            found = next((i for i, r in enumerate(rows) if str(r.get("_key")) == row), None)
            if found is None:
                raise NoSuchCell(table, row, col, "no row has this _key")
            return found
        if not isinstance(row, int) or isinstance(row, bool):
            raise NoSuchCell(table, row, col, "a row is its position (an integer) or its _key (text)")
        if not -len(rows) <= row < len(rows):
            raise NoSuchCell(table, row, col, f"the roster has {len(rows)} row(s)")
        return row

    # -- JSON ------------------------------------------------------------------------------------------

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """SPEC §5's object (numbers as Decimals at the field's precision: write it with
        :func:`dumps`)."""
        out: dict[str, Any] = {
            "template": self.template.id, "version": self.template.version, "org": self.org,
            "period": self.period, "revision": self.revision, "submission": self.submission, "state": self.state,
            "values": {k: _json_value(v) for k, v in self.values.items()},
            "tables": {t: [{k: v if k == "_meta" else _json_value(v) for k, v in r.items()} for r in rows]
                       for t, rows in self.tables_with_meta.items()},
            "grids": {g: {r: {c: _json_value(v) for c, v in cols.items()} for r, cols in rows.items()}
                      for g, rows in self.grids.items()},
            "meta": self.meta,
            "issues": [i.to_json(lang) for i in self.issues],
        }
        every, shown = prev_targets(self.template)
        if every - shown:
            out["prev"] = {k: _json_value(self.prev.get(k)) for k in sorted(every)}
        if self.notes:
            out["notes"] = [dict(n) for n in self.notes]
        if self.footer:
            out["footer"] = dict(self.footer)
        if self.org_name:
            out["org_name"] = self.org_name
        rejected = self._rejected_entries()
        if rejected:
            out["rejected"] = rejected
        return out

    def dumps(self, lang: str = "zh", *, indent: int | None = None) -> str:
        return dumps(self.to_json(lang), indent=indent)

    def __repr__(self) -> str:
        return (f"<Form {self.template.id} v{self.template.version} {self.org} {self.period} "
                f"{self.state} r{self.revision}: {len(self.errors)} error(s)>")


def typed_place(template: Template, entry: Mapping[str, Any]) -> tuple[str, int | None, str | None] | None:
    """``(slot, roster row, roster column)`` that a SPEC §5 ``rejected`` entry (``field``,
    ``row``, ``col``) names, when staff type values there: an input or confirmable field, an
    input grid cell (slot ``grid.row.col``) or a roster cell; None for anything else."""
    fid, row, col = entry.get("field"), entry.get("row"), entry.get("col")
    if not isinstance(fid, str) or isinstance(row, bool):
        return None
    if fid in template.tables:
        if isinstance(row, int) and isinstance(col, str) and col in template.tables[fid].columns:
            return fid, row, col
        return None
    if fid in template.grids:
        cell = template.grids[fid].cells.get((row, col)) if isinstance(row, str) and isinstance(col, str) else None
        return (f"{fid}.{row}.{col}", None, None) if cell is not None and cell.kind == "input" else None
    f = template.fields.get(fid)
    typed = f is not None and row is None and col is None and (f.kind == "input" or confirmable(f))
    return (fid, None, None) if typed else None


def _take_rejected(template: Template, entries: object, inputs: dict[str, object]) -> None:
    """SPEC §5 ``rejected`` back into a form's inputs: each refused value is typed again at
    its place, so the form shows the same ``type`` issue and a submission of it is refused as
    the first one was (the ``values`` show null there)."""
    if entries is None:
        return
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise ValueError("'rejected' is a list of {field, row, col, value}")
    for e in entries:
        place = typed_place(template, e)
        rows = inputs.get(place[0]) if place is not None else None
        if place is None or (place[1] is not None and not (isinstance(rows, list) and 0 <= place[1] < len(rows))):
            raise ValueError(f"'rejected' names {e.get('field')!r} (row {e.get('row')!r}, col {e.get('col')!r}): "
                             "not a place where values are typed")
        slot, row, col = place
        if isinstance(rows, list) and row is not None and col is not None:
            rows[row] = {**rows[row], col: e.get("value")}
        else:
            inputs[slot] = e.get("value")


def _spec_key(template: Template, field: str, row: int | str | None, col: str | None) -> str:
    """The key of a place's spec in ``formchecks.all_specs``: field, table.column, grid.row.col."""
    if field in template.tables:
        return f"{field}.{col}"
    if field in template.grids:
        return f"{field}.{row}.{col}"
    return field


def _unchanged(raw: object, typ: Type, current: Value) -> bool:
    """Whether a value given for a pool-bound cell is the one the cell shows, unrounded."""
    try:
        return fn.to_value(raw, typ) == current
    except (TypeError, EvaluationError):
        return False


def _rejected_json(raw: object, spec: Spec) -> Any:
    """A refused value as SPEC §5 JSON carries it: as it was typed, when it reads back as a
    value the field refuses again; otherwise (a Python object, a date typed into a text field,
    a Decimal NaN…) as ``{"repr": …}``, which no field takes. So a round trip through JSON
    never turns a refused value into an accepted one, nor into the null that stood for it."""
    try:
        back = loads(dumps(raw))
    except (TypeError, ValueError, RecursionError):
        back = None
    if back is not None and fn.typed(back, spec)[1] is not None:
        return back
    return {"repr": reprlib.repr(raw)}


def _mapping(x: object) -> Mapping[str, Any]:
    return x if isinstance(x, Mapping) else {}


def _original_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A roster row of SPEC §5 JSON as the pool gave it: corrected cells at their originals."""
    out = {k: v for k, v in row.items() if k != "_meta"}
    for cid, m in _mapping(row.get("_meta")).items():
        if _mapping(m).get("source") == "corrected" and "original" in _mapping(m):
            out[cid] = _mapping(m)["original"]
    return out


def _nested(grids: Mapping[str, Any], gid: str, rid: str, cid: str) -> Any:
    g = grids.get(gid)
    r = g.get(rid) if isinstance(g, Mapping) else None
    return r.get(cid) if isinstance(r, Mapping) else None


def pool_row(template: Template, tid: str, row: Mapping[str, object], specs: Mapping[str, Spec]) -> dict[str, Value]:
    """A roster's pool row as the form shows it: its key (text) and pool-bound columns."""
    t = template.tables[tid]
    out: dict[str, Value] = {"_key": None if row.get("_key") is None else str(row.get("_key"))}
    for cid, c in t.columns.items():
        if pool_bound(c) and cid in row:
            out[cid] = shown_value(specs[f"{tid}.{cid}"], c.type, row.get(cid))
    return out


def _derived_prev(template: Template, values: Mapping[str, Any], meta: Mapping[str, Any]) -> dict[str, object]:
    """Last period's values behind ``value: prev(x)`` fields: the shown value, or its original."""
    out: dict[str, object] = {}
    for target, fid in _shown_prev(template):
        m = _mapping(meta.get(fid))
        out[target] = m["original"] if m.get("source") == "corrected" and "original" in m else values.get(fid)
    return out
