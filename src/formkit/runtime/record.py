"""Record: one submission as it is stored, computed and checked by the Python evaluator first.

:func:`evaluate_record` runs formeval over a submission (types, required, min/max, pattern,
choices, the template's error rules; calcs recomputed, never taken from the caller; prev()
values as the store read them) and refuses it with ``invalid-submission`` — a draft only for
wrong types (SPEC §6: never blocked by rules). Nothing is stored before this passes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.periods import PeriodError
from formkit.evaluation import functions as fn
from formkit.evaluation.evaluator import EvaluationError, eval_node
from formkit.evaluation.formeval import evaluate_form
from formkit.meaning.ir import ColumnIR
from formkit.meaning.template import Template
from formkit.sql.names import layout

__all__ = ["Record", "SubmissionError", "evaluate_record", "invalid", "stale"]


@dataclass
class Record:
    """One submission as stored: every slot's value (fields and ``grid.row.col`` cells), the
    roster rows, and for confirmable fields the original and the source."""

    org: str
    period: str
    state: str
    values: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    confirm: dict[str, tuple[Any, str]] = field(default_factory=dict)  # slot -> (original, source)
    submission_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    pool_as_of: dt.datetime | None = None

    def digest(self) -> str:
        """What makes two writes the same write (for idempotency)."""
        blob = json.dumps([self.org, self.period, self.state, self.values, self.rows,
                           {k: list(v) for k, v in self.confirm.items()}],
                          default=_plain, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def _plain(v: object) -> object:
    if isinstance(v, Decimal):
        return f"n:{fn.tidy(v)}"
    if isinstance(v, dt.date):
        return f"d:{v.isoformat()}"
    raise TypeError(f"cannot store {v!r}")


class SubmissionError(TemplateError):
    """A refused write: ``invalid-submission`` (with ``problems``, the form's issues) or
    ``stale-submission``."""

    def __init__(self, issues: Sequence[Issue], sources: dict[str, str] | None = None,
                 problems: Sequence[Any] = ()) -> None:
        super().__init__(issues, sources)
        self.problems = list(problems)


def _error(template: Template, code: errors.ErrorCode, message: str, hint: str | None = None, *,
           where: str | None = None, problems: Sequence[Any] = ()) -> SubmissionError:
    slots: dict[str, Any] = {**template.fields, **template.tables, **template.grids}
    # The template's first line only when the refusal is about no field at all.
    span = slots[where].model.span if where in slots else template.model.span
    path = f"fields.{where}" if where else ""
    return SubmissionError([Issue(code.code, message, span, path, hint)], template.sources, problems)


def invalid(template: Template, message: str, where: str | None = None, hint: str | None = None,
            problems: Sequence[Any] = ()) -> SubmissionError:
    return _error(template, errors.INVALID_SUBMISSION, message, hint, where=where, problems=problems)


def stale(template: Template, message: str) -> SubmissionError:
    return _error(template, errors.STALE_SUBMISSION, message,
                  "fill the form again from the stored submission, then submit your changes")


def _unmarked(v: object) -> object:
    return str(v) if isinstance(v, fn.ShownMask) else v


def evaluate_record(template: Template, *, org: str, period: str, state: str, values: Mapping[str, object],
                    tables: Mapping[str, Sequence[Mapping[str, object]]], grids: Mapping[str, object],
                    meta: Mapping[str, Mapping[str, object]], prev: Mapping[str, object]) -> Record:
    """The record to store, computed and checked by formeval. Raises ``invalid-submission``
    with every blocking issue (``problems``), and nothing is stored."""
    _unknown(template, values, tables, grids, meta)
    _no_added_rows(template, tables)
    # a mask that no stored value stood for is plain text here: checked (and refused) as typed
    values = {k: _unmarked(v) for k, v in values.items()}
    tables = {tid: [{k: _unmarked(v) for k, v in r.items()} for r in rows] for tid, rows in tables.items()}
    inputs, prefilled = _inputs(template, values, tables, grids, meta)
    try:
        st = evaluate_form(template, inputs, prefilled=prefilled, prev_values=prev, period=period)
    except (TypeError, ValueError, EvaluationError) as exc:
        if isinstance(exc, PeriodError):
            raise
        raise invalid(template, f"the submission cannot be read: {exc}") from None
    blocking = [i for i in st.issues if i.severity == "error" and (state != "draft" or i.rule == "type")]
    if blocking:
        where = blocking[0].field if blocking[0].field is not None else None
        text = "; ".join(_describe(i, template_lang(template)) for i in blocking[:10]) + (
            "; …" if len(blocking) > 10 else "")
        raise invalid(template, f"the submission is refused: {text}", where, problems=blocking)
    lay = layout(template)
    record = Record(org, period, state, {slot: st.values.get(slot) for slot in lay.slots})
    record.confirm = _confirm(template, st, prefilled, meta)
    record.rows = {tid: _rows(template, tid, st.tables.get(tid, []), tables.get(tid, [])) for tid in template.tables}
    return record


def template_lang(template: Template) -> str:
    """The language a template is written in: zh when its title has it, else its title's first
    (a refusal of a Chinese form is said in Chinese: issue 18)."""
    title = template.model.title
    return "zh" if "zh" in title or not title else next(iter(title))


def _describe(issue: Any, lang: str = "zh") -> str:
    where = ".".join(str(x) for x in (issue.field, issue.row, issue.col) if x is not None)
    return f"{where}: {issue.message(lang)} ({issue.rule})"


def _unknown(template: Template, values: Mapping[str, object], tables: Mapping[str, object],
             grids: Mapping[str, object], meta: Mapping[str, object]) -> None:
    for what, given, known in (("field", values, template.fields), ("table", tables, template.tables),
                               ("grid", grids, template.grids), ("field", meta, template.fields)):
        extra = sorted(set(given) - set(known))
        if extra:
            raise invalid(template, f"'{template.id}' has no {what} {', '.join(map(repr, extra))}")
    for fid, m in meta.items():
        source = m.get("source") if isinstance(m, Mapping) else None
        if source is not None and source not in ("pool", "prev", "calc", "typed", "confirmed", "corrected"):
            raise invalid(template, f"'{source}' is not a source of a value", fid)


def _no_added_rows(template: Template, tables: Mapping[str, Sequence[Mapping[str, object]]]) -> None:
    """A roster with ``add_rows: false`` takes only its pre-filled rows (SPEC §2.3): a row given
    without a pool ``_key`` (none, or a ``new:`` token) is refused, whatever the client allowed.
    (Pool rows cannot be removed by a submission: the form keeps every row the pool gives.)"""
    for tid, t in template.tables.items():
        if t.add_rows:
            continue
        for i, r in enumerate(tables.get(tid) or []):
            key = r.get("_key") if isinstance(r, Mapping) else None
            if t.rows is None or key is None or str(key).startswith("new:"):
                raise invalid(template, f"rows cannot be added to the table '{tid}' (add_rows: false): row {i} "
                                        f"({'no _key' if key is None else f'_key {key}'}) is not a pre-filled row",
                              tid, "submit only the rows the form was filled with, each with its pool _key")


def _inputs(template: Template, values: Mapping[str, object], tables: Mapping[str, Sequence[Mapping[str, object]]],
            grids: Mapping[str, object], meta: Mapping[str, Mapping[str, object]]
            ) -> tuple[dict[str, object], dict[str, object]]:
    """What formeval takes as typed (inputs, confirmable values) and as pre-filled (pool-bound
    values as the form showed them). Calcs and prev()-based values are recomputed."""
    inputs: dict[str, object] = {}
    prefilled: dict[str, object] = {}
    for fid, f in template.fields.items():
        v = values.get(fid)
        pool_bound = f.value is not None and f.value.node is not None and f.value.reads_pool
        if f.kind == "input" or (f.kind == "value" and f.model.confirm):
            inputs[fid] = v
        if pool_bound:
            m = meta.get(fid, {})
            prefilled[fid] = m["original"] if f.model.confirm and "original" in m else v
    for gid, g in template.grids.items():
        nested = grids.get(gid)
        for (rid, cid), cell in g.cells.items():
            rows = nested.get(rid) if isinstance(nested, Mapping) else None
            v = rows.get(cid) if isinstance(rows, Mapping) else None
            if cell.kind == "input":
                inputs[f"{gid}.{rid}.{cid}"] = v
            elif cell.expr is not None and cell.expr.reads_pool:
                prefilled[f"{gid}.{rid}.{cid}"] = v
    for tid, t in template.tables.items():
        rows = list(tables.get(tid, []))
        inputs[tid] = rows
        if t.rows is not None:
            prefilled[tid] = rows
    return inputs, prefilled


def _confirm(template: Template, st: Any, prefilled: Mapping[str, object],
             meta: Mapping[str, Mapping[str, object]]) -> dict[str, tuple[Any, str]]:
    """(original, source) of each confirmable field (SPEC §2.2: both are kept)."""
    out: dict[str, tuple[Any, str]] = {}
    for fid, f in template.fields.items():
        if not (f.kind == "value" and f.model.confirm and f.value is not None):
            continue
        pool_bound = f.value.node is not None and f.value.reads_pool
        original = st.prefilled.get(fid) if pool_bound else _original(f, st)
        value = st.values.get(fid)
        said = meta.get(fid, {}).get("source")
        if value != original:
            source = "corrected"
        elif said == "confirmed":
            source = "confirmed"
        else:
            source = "pool" if pool_bound else "prev"
        out[fid] = (original, source)
    del prefilled
    return out


def _original(f: ColumnIR, st: Any) -> Any:
    """A prev()-based value as it was pre-filled, at the field's precision."""
    assert f.value is not None
    if f.value.node is None:
        return fn.to_value(f.value.const, f.type)
    try:
        v = eval_node(f.value.node, st.env)
    except EvaluationError:
        return None
    places = st.specs[f.id].places
    return fn.round_places(v, places) if isinstance(v, Decimal) and places is not None else v


def _rows(template: Template, tid: str, rows: list[dict[str, Any]], given: Sequence[Mapping[str, object]]
          ) -> list[dict[str, Any]]:
    """Evaluated rows with a ``_key`` each (a stable token for rows staff added) and, for the
    pool rows of a roster with confirmable columns, ``_meta``: each such column's original and
    source (``pool``, ``confirmed`` or ``corrected``), as for a confirmable field."""
    metas = {r.get("_key"): r.get("_meta") for r in given if r.get("_key") is not None}
    cols = {cid: c for cid, c in template.tables[tid].columns.items()
            if c.kind == "value" and c.model.confirm and c.expr is not None and c.expr.reads_pool}
    out = []
    for i, row in enumerate(rows):
        r = dict(row)
        if r.get("_key") is None:
            blob = json.dumps([i, {k: str(v) for k, v in sorted(row.items())}], ensure_ascii=False)
            r["_key"] = "new:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
        elif cols and not str(r["_key"]).startswith("new:"):
            said = metas.get(r["_key"])
            r["_meta"] = _row_meta(cols, r, said if isinstance(said, Mapping) else {})
        out.append(r)
    return out


def _row_meta(cols: Mapping[str, ColumnIR], row: Mapping[str, Any], said: Mapping[str, Any]) -> dict[str, Any]:
    meta = {}
    for cid, c in cols.items():
        given = said.get(cid)
        m: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
        value = row.get(cid)
        original = fn.to_value(m["original"], c.type) if m.get("source") == "corrected" and "original" in m else value
        if isinstance(original, Decimal) and isinstance(value, Decimal) and original == value:
            original = value  # the same number: keep the stored digits
        source = "corrected" if value != original else ("confirmed" if m.get("source") == "confirmed" else "pool")
        meta[cid] = {"original": original, "source": source}
    return meta
