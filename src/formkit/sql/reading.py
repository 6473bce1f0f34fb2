"""Reading stored submissions: one submission in SPEC §5's shape, and ``prev()``.

:func:`read_submission` reads a submission (by id, or by org unit and period) with its roster
rows and the provenance of its values. :func:`prev_values` is ``prev()``: the same org unit's
latest submitted or approved submission for the previous period, in any deployed version of
the template (fields matched by id and type through the registry), in one statement after
reading the registry. Statements are rendered once per template and dialect
(:func:`cached_sql`); rendering costs milliseconds.

Both mask personal data in SQL unless ``pii=True`` (SPEC §6): a form filled with ``pii=True``
stored its pool values, originals and corrections unmasked, and a value derived from a ``pii``
column leaves the database as the pre-fill would show it (:func:`formkit.sql.mask.stored_masks`:
the same masks, the record key of a roster whose key column is ``pii`` too).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlglot import exp

from formkit.core.periods import previous
from formkit.evaluation import functions as fn
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql import org as orgs
from formkit.sql.ddl import ident, storage, table, zone
from formkit.sql.engines import bind, decode, get, render
from formkit.sql.expr import param
from formkit.sql.mask import Mask, mask_sql, stored_masks
from formkit.sql.names import REGISTRY, Layout, layout
from formkit.sql.numbers import case, num
from formkit.sql.numbers import fn as call
from formkit.sql.registry import existing, has_table

__all__ = ["READABLE", "cached_sql", "deployed", "normalize", "prev_values", "read_submission", "run",
           "static_source", "zoned"]

READABLE = ("submitted", "approved")  # what prev() and roll-ups read
NEW_ROW = "new:"  # the key prefix of a roster row staff added (formkit.runtime.form.NEW_ROW)


def cached_sql(con: Any, template: Template, key: tuple[Any, ...], build: Any) -> orgs.Compiled:
    """A statement of ``template`` rendered once per dialect (rendering costs milliseconds)."""
    out: orgs.Compiled = orgs.cached(template, ("store", con.dialect, *key), lambda: render(build(), con.dialect))
    return out


def run(con: Any, compiled: orgs.Compiled, params: Mapping[str, Any], *, fetch: bool = True) -> list[tuple[Any, ...]]:
    if fetch:
        return orgs.run(con, compiled, params)
    con.execute(compiled[0], bind(compiled[1], params, con.paramstyle))
    return []


# -- reading -------------------------------------------------------------------------------------------


def read_submission(con: Any, template: Template, *, org: str | None = None, period: str | None = None,
                    submission_id: str | None = None, pii: bool = False) -> dict[str, Any] | None:
    """The stored submission (by id, or by org and period) in SPEC §5's shape, or None;
    personal data masked in SQL unless ``pii``. A version never deployed has none (and gets no
    tables from a read)."""
    lay = existing(con, template)
    if lay is None:
        return None
    d = con.dialect
    cols = _read_columns(lay)
    masks = {} if pii else _column_masks(template, lay)
    if submission_id is not None:
        cond: exp.Expr = exp.EQ(this=exp.column(ident("submission_id")), expression=param("sid", Type.TEXT, d))
        params: dict[str, Any] = {"sid": submission_id}
    else:
        cond = exp.and_(exp.EQ(this=exp.column(ident("period")), expression=param("period", Type.TEXT, d)),
                        exp.EQ(this=exp.column(ident("org")), expression=param("org", Type.TEXT, d)))
        params = {"org": org, "period": period}
    select = exp.select(*(_masked(c[0], masks.get(c[0]), d) for c in cols))
    rows = con.query(select.from_(table(lay.table)).where(cond), params)
    if not rows:
        return None
    raw = {name: decode(v, t, d) if t is not None else v for (name, t), v in zip(cols, rows[0], strict=True)}
    return _shape(con, template, lay, raw, pii)


def _column_masks(template: Template, lay: Layout) -> dict[str, Mask]:
    """``{column: mask}`` of the values and originals of the scalar fields that need one."""
    out: dict[str, Mask] = {}
    stored = stored_masks(template)
    for slot, c in lay.fields.items():
        m = stored.slots.get(slot)
        if m is not None:
            out |= {c.name: m, c.orig: m} if c.confirm else {c.name: m}
    return out


def _masked(name: str, m: Mask | None, d: str) -> exp.Expression:
    """A stored column as it may leave the database: masked by ``m`` (under its own name)."""
    col = exp.column(ident(name))
    if m is None:
        return col
    masked = mask_sql(col, m, get(d))
    if name == "row_key":  # a row staff added keeps its token (``new:…``, never a pool key)
        head = call("SUBSTR", col.copy(), num(1), num(len(NEW_ROW)))
        added = exp.EQ(this=head, expression=exp.Literal.string(NEW_ROW))
        masked = case((added, col.copy()), default=masked)
    return exp.Alias(this=masked, alias=ident(name))


_SYSTEM_READ: list[tuple[str, Type | None]] = [
    ("submission_id", None), ("org", None), ("period", None), ("version", None), ("state", None),
    ("revision", None), ("created_at", None), ("created_by", None), ("updated_at", None),
    ("updated_by", None), ("pool_as_of", None)]


def _read_columns(lay: Layout) -> list[tuple[str, Type | None]]:
    out = list(_SYSTEM_READ)
    for c in lay.slots.values():
        out.append((c.name, c.type))
        if c.confirm:
            out += [(c.orig, c.type), (c.src, Type.TEXT)]
    return out


def _shape(con: Any, template: Template, lay: Layout, raw: dict[str, Any], pii: bool) -> dict[str, Any]:
    values = {fid: normalize(template, fid, raw[c.name]) for fid, c in lay.fields.items()}
    grids: dict[str, dict[str, dict[str, Any]]] = {}
    for slot, c in lay.cells.items():
        gid, rid, cid = slot.split(".")
        grids.setdefault(gid, {}).setdefault(rid, {})[cid] = _tidy(raw[c.name])
    meta: dict[str, dict[str, Any]] = {}
    as_of = zoned(template, raw["pool_as_of"])
    for fid, f in template.fields.items():
        c = lay.fields[fid]
        m: dict[str, Any] = {"source": raw[c.src] if c.confirm else static_source(f)}
        if m["source"] == "corrected":
            m["original"] = normalize(template, fid, raw[c.orig])
        if m["source"] in ("pool", "confirmed", "corrected") and as_of is not None:
            m["as_of"] = as_of
        meta[fid] = m
    return {"template": template.id, "version": int(raw["version"]), "org": raw["org"], "period": raw["period"],
            "revision": int(raw["revision"]), "submission": raw["submission_id"], "state": raw["state"],
            "values": values, "tables": _read_rows(con, template, lay, raw["submission_id"], pii), "grids": grids,
            "meta": meta, "created_at": zoned(template, raw["created_at"]), "created_by": raw["created_by"],
            "updated_at": zoned(template, raw["updated_at"]), "updated_by": raw["updated_by"]}


def static_source(f: Any) -> str:
    """Where a field's value comes from when it is not confirmable (SPEC §5 ``meta``)."""
    if f.kind == "input":
        return "typed"
    if f.kind == "calc" or f.value is None or f.value.node is None:
        return "calc"
    if f.value.reads_pool:
        return "pool"
    return "prev" if any(isinstance(n, ast.Prev) for n in ast.walk(f.value.node)) else "calc"


def zoned(template: Template, v: Any) -> str | None:
    if v is None:
        return None
    when = dt.datetime.fromisoformat(v) if isinstance(v, str) else v
    return str(when.replace(tzinfo=zone(template), microsecond=0).isoformat())


def _read_rows(con: Any, template: Template, lay: Layout, sid: str, pii: bool) -> dict[str, list[dict[str, Any]]]:
    """The roster rows of a submission (personal data masked unless ``pii``); a pool row with
    feedback on a confirmable cell carries ``_meta`` (``{column: {"source": "confirmed"}}`` or
    ``{"source": "corrected", "original": …}``)."""
    out: dict[str, list[dict[str, Any]]] = {}
    d = con.dialect
    stored = stored_masks(template)
    for tid, child in lay.children.items():
        cols: list[tuple[str, str, Type | None]] = [("_key", "row_key", None)]
        cols += [(cid, c.name, c.type) for cid, c in child.columns.items()]
        confirm = [(cid, c) for cid, c in child.columns.items() if c.confirm]
        cols += [(f"{cid}\x00{k}", n, t) for cid, c in confirm
                 for k, n, t in (("orig", c.orig, c.type), ("src", c.src, None))]
        masks: dict[str, Mask | None] = {} if pii else {"_key": stored.keys.get(tid)} | {
            k: stored.column(tid, k.split("\x00")[0]) for k, _, _ in cols[1:] if not k.endswith("\x00src")}
        q = (exp.select(*(_masked(n, masks.get(k), d) for k, n, _ in cols)).from_(table(child.table))
             .where(exp.EQ(this=exp.column(ident("submission_id")), expression=param("sid", Type.TEXT, d)))
             .order_by(exp.column(ident("row_no"))))
        out[tid] = []
        for r in con.query(q, {"sid": sid}):
            row = {k: _tidy(decode(v, t, d)) for (k, _, t), v in zip(cols, r, strict=True)}
            meta = {}
            for cid, _c in confirm:
                original, source = row.pop(f"{cid}\x00orig"), row.pop(f"{cid}\x00src")
                if source == "corrected":
                    meta[cid] = {"source": source, "original": original}
                elif source == "confirmed":
                    meta[cid] = {"source": source}
            out[tid].append({**row, "_meta": meta} if meta else row)
    return out


def normalize(template: Template, slot: str, v: Any) -> Any:
    """A number read back at its field's precision (``120.50``), or without trailing zeros."""
    if not isinstance(v, Decimal):
        return v
    f = template.fields.get(slot)
    places = None
    if f is not None and f.model.type == "integer":
        places = 0
    elif f is not None and f.model.precision is not None:
        places = f.model.precision
    return fn.round_places(v, places) if places is not None else fn.tidy(v)


def _tidy(v: Any) -> Any:
    return fn.tidy(v) if isinstance(v, Decimal) else v


# -- prev() ----------------------------------------------------------------------------------------------


def prev_values(con: Any, template: Template, org: str, period: str, *, pii: bool = False) -> dict[str, Any]:
    """``prev()``: every scalar field's (and grid cell's) value in ``org``'s latest submitted or
    approved submission for the period before ``period``, in any deployed version of the
    template; a field that version lacks (or holds with another type) and every field when
    there is no such submission are None. One statement over all deployed versions; text
    derived from a ``pii`` column masked as this version masks it, unless ``pii``."""
    lay = layout(template)
    out: dict[str, Any] = dict.fromkeys(lay.slots)
    before = previous(template.period_of(period))
    if before is None or not has_table(con, REGISTRY):  # a read creates nothing: no registry, no versions
        return out
    versions = deployed(con, template)
    if not versions:
        return out
    d = con.dialect
    masks = {} if pii else stored_masks(template).slots

    def build() -> exp.Expression:
        selects = [_prev_select(lay, tname, slots, d, masks) for _, tname, slots in versions]
        union: exp.Expression = selects[0]
        for sel in selects[1:]:
            union = exp.Union(this=union, expression=sel, distinct=False)
        return (exp.select("*").from_(exp.Subquery(this=union, alias=exp.TableAlias(this=ident("u"))))
                .order_by(exp.Ordered(this=exp.column(ident("_at")), desc=True),
                          exp.Ordered(this=exp.column(ident("_v")), desc=True)).limit(1))

    key = ("prev", pii, tuple((v, t, json.dumps(slots, sort_keys=True)) for v, t, slots in versions))
    rows = run(con, cached_sql(con, template, key, build), {"org": org, "period": before.text})
    if rows:
        for (slot, c), v in zip(lay.slots.items(), rows[0][2:], strict=True):
            out[slot] = normalize(template, slot, decode(v, c.type, d))
    return out


def prev_values_all(con: Any, template: Template, org: str, period: str, *,
                    pii: bool = False) -> dict[str, dict[str, Any]]:
    """:func:`prev_values` of every unit in ``org``'s subtree (as it stands at ``period``'s end)
    that has a readable submission for the period before: ``{unit: values}``. One statement for
    all units, whatever their number (send-down), after the registry read that names the
    deployed versions."""
    lay = layout(template)
    before = previous(template.period_of(period))
    if before is None or template.pool is None or not has_table(con, REGISTRY):
        return {}
    versions = deployed(con, template)
    if not versions:
        return {}
    d = con.dialect
    pool = template.pool
    masks = {} if pii else stored_masks(template).slots

    def build() -> exp.Expression:
        scope = orgs.fresh("_scope", orgs.pool_names(pool))
        inside = exp.In(this=exp.column(ident("org")),
                        query=exp.Subquery(this=exp.select(exp.column(ident("code"), scope)).from_(table(scope))))
        selects = [_prev_select(lay, tname, slots, d, masks, org=inside) for _, tname, slots in versions]
        union: exp.Expression = selects[0]
        for sel in selects[1:]:
            union = exp.Union(this=union, expression=sel, distinct=False)
        q = (exp.select("*").from_(exp.Subquery(this=union, alias=exp.TableAlias(this=ident("u"))))
             .order_by(exp.column(ident("_org")), exp.Ordered(this=exp.column(ident("_at")), desc=True),
                       exp.Ordered(this=exp.column(ident("_v")), desc=True)))
        q.set("with_", exp.With(expressions=[orgs.scope_cte(pool, scope)]))
        return q

    key = ("prev_all", pii, tuple((v, t, json.dumps(slots, sort_keys=True)) for v, t, slots in versions))
    params = {"org": org, "period": before.text, **orgs.period_end(template, period, con)}
    out: dict[str, dict[str, Any]] = {}
    for row in run(con, cached_sql(con, template, key, build), params):
        unit = str(row[2])
        if unit in out:  # an older version's or revision's row of a unit already read
            continue
        out[unit] = {slot: normalize(template, slot, decode(v, c.type, d))
                     for (slot, c), v in zip(lay.slots.items(), row[3:], strict=True)}
    return out


def deployed(con: Any, template: Template) -> list[tuple[int, str, dict[str, list[str]]]]:
    def build() -> exp.Expression:
        return (exp.select(ident("version"), ident("table_name"), ident("layout")).from_(table(REGISTRY))
                .where(exp.EQ(this=exp.column(ident("template_id")), expression=param("tid", Type.TEXT, con.dialect)))
                .order_by(exp.column(ident("version"))))

    rows = run(con, cached_sql(con, template, ("deployed",), build), {"tid": template.id})
    return [(int(v), str(t), json.loads(lay)["slots"]) for v, t, lay in rows]


def _prev_select(lay: Layout, tname: str, slots: Mapping[str, list[str]], d: str,
                 masks: Mapping[str, Mask], *, org: exp.Expr | None = None) -> exp.Select:
    """One version's row for ``prev()``: of ``:org``, or (``org``: the condition on the ``org``
    column) of every unit it takes, with its ``_org``."""
    cols: list[exp.Expr] = [exp.alias_(exp.column(ident("updated_at")), "_at", quoted=True),
                            exp.alias_(exp.column(ident("version")), "_v", quoted=True)]
    if org is not None:
        cols.append(exp.alias_(exp.column(ident("org")), "_org", quoted=True))
    for slot, c in lay.slots.items():
        there = slots.get(slot)
        if there is not None and there[1] == c.type.value:
            value: exp.Expression = exp.column(ident(there[0]))
            if slot in masks:  # masked as this version derives it, whichever version stored it
                value = mask_sql(value, masks[slot], get(d))
        else:  # fields are matched by id and type; anything else reads as null
            value = exp.Cast(this=exp.Null(), to=_storage_type(c.type, d))
        cols.append(exp.alias_(value, c.name, quoted=True))
    readable = exp.In(this=exp.column(ident("state")), expressions=[exp.Literal.string(s) for s in READABLE])
    mine = org if org is not None else exp.EQ(this=exp.column(ident("org")), expression=param("org", Type.TEXT, d))
    where = exp.and_(mine, exp.EQ(this=exp.column(ident("period")), expression=param("period", Type.TEXT, d)),
                     readable)
    return exp.select(*cols).from_(table(tname)).where(where)


def _storage_type(t: Type, d: str) -> exp.DataType:
    s = storage(d)
    return exp.DataType.build(s.of(t), dialect=s.sqlglot)
