"""Store: write and read submissions (atomic, idempotent, stale-refusing), and ``prev()``.

:func:`write_submission` validates a submission with the Python evaluator (formeval: types,
required, min/max, pattern, choices, the template's error rules; calcs are recomputed, never
taken from the caller), then stores the parent row and its roster rows in one transaction.

- **Idempotent**: ``submission_id`` is the document's id (unique in its table). Writing a
  submission whose stored content (values, rows, meta and state) is already what is asked is a
  no-op that returns the stored revision, so a retried request stores once.
- **Optimistic concurrency**: each write bumps ``revision``; the UPDATE checks the revision the
  form was filled from in its WHERE clause, and the write is refused as ``stale-submission``
  when another write came first (or another submission id took the same org and period).
- **All or nothing**: a refused or failing write leaves nothing behind.

:func:`prev_values` is ``prev()``: the same org unit's latest submitted or approved submission
for the previous period, in any deployed version of the template (fields matched by id and
type through the registry), in one statement after reading the registry.

Writes and reads run statements rendered once per template and dialect (rendering costs
milliseconds); bulk loads go through :func:`insert_records` (DuckDB: one statement with a
list per column, since it binds thousands of parameters slowly).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlglot import exp

from formkit import functions as fn
from formkit.errors import TemplateError
from formkit.expr import ast
from formkit.expr.ast import Type
from formkit.periods import previous
from formkit.sql import org as orgs
from formkit.sql.ddl import (
    STATES,
    ensure_schema,
    ident,
    int_param,
    now_local,
    storage,
    table,
    timestamp_param,
    timestamp_value,
    zone,
)
from formkit.sql.dialects import decode, encode, get, render
from formkit.sql.expr import param
from formkit.sql.names import REGISTRY, Col, Layout, layout
from formkit.sql.record import Record, SubmissionError, evaluate_record, invalid, stale
from formkit.template import Template

__all__ = ["READABLE", "Record", "SubmissionError", "build_corrections", "corrections", "ensure_schema",
           "insert_records", "invalid", "normalize", "prev_values", "read_submission", "stale", "write_submission"]

READABLE = ("submitted", "approved")  # what prev() and roll-ups read


# -- writing ---------------------------------------------------------------------------------------


def write_submission(con: Any, template: Template, *, org: str, period: str,
                     values: Mapping[str, object], tables: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
                     grids: Mapping[str, object] | None = None, meta: Mapping[str, Mapping[str, object]] | None = None,
                     submission_id: str | None = None, user: str | None = None, state: str = "submitted",
                     expected_revision: int | None = None, pool_as_of: dt.datetime | None = None) -> int:
    """Validate and store one submission; return its stored revision (1 for a new one).

    ``values``: scalar fields by id (calcs are recomputed; pre-filled values are taken as the
    form showed them, confirmable ones as confirmed or corrected); ``tables``: roster rows
    (``_key`` matches a pool row); ``grids``: ``{grid: {row: {col: value}}}``; ``meta``: per
    confirmable field ``{"source": …, "original": …}`` (SPEC §5). A ``draft`` is checked for
    types only (SPEC §6: never blocked by rules). ``expected_revision``: the revision the form
    was filled from (None for a new submission). Raises TemplateError ``invalid-submission``,
    ``stale-submission`` or ``bad-period``; on any error nothing is stored.
    """
    lay = ensure_schema(con, template)
    template.period_of(period)
    sid = submission_id or uuid.uuid4().hex
    _check_keys(template, org, sid, state)
    check_org(con, template, org)
    prev = prev_values(con, template, org, period) if _reads_prev(template) else {}
    record = evaluate_record(template, org=org, period=period, state=state, values=values, tables=tables or {},
                             grids=grids or {}, meta=meta or {}, prev=prev)
    record.submission_id = sid
    record.pool_as_of = pool_as_of
    try:
        with con.transaction():
            return _store(con, template, lay, record, user=user, expected=expected_revision)
    except TemplateError:
        raise
    except Exception:
        # A concurrent writer won a unique key (the id, or the org and period) between our
        # read and our INSERT: the transaction is rolled back; say which, or re-raise.
        mine, other = _lookup(con, template, sid, org, period)
        if mine is not None and mine[3] == record.digest():
            return int(mine[2])
        if mine is not None or other is not None:
            raise stale(template, f"the submission for {org} {period} was stored by someone else meanwhile") from None
        raise


def _check_keys(template: Template, org: str, sid: str, state: str) -> None:
    if state not in STATES:
        raise invalid(template, f"'{state}' is not a submission state: one of {', '.join(STATES)}")
    for what, v in (("org", org), ("submission id", sid)):
        if not isinstance(v, str) or not v or len(v) > 64:
            raise invalid(template, f"the {what} must be text of 1 to 64 characters, not {v!r}")


def _reads_prev(template: Template) -> bool:
    exprs = [e for f in template.fields.values() for e in (f.value, f.calc) if e is not None]
    exprs += [c.expr for g in template.grids.values() for c in g.cells.values() if c.expr is not None]
    return any(e.prev_of for e in exprs)


def check_org(con: Any, template: Template, org: str) -> None:
    """SPEC §7: a submission comes from an org unit at the template's level (``unknown-org``,
    ``wrong-level``, as the pre-fill reports them)."""
    if template.pool is None or template.level is None:
        return
    unit = orgs.org_unit(con, template.pool, org, template=template)
    orgs.check_level(template.pool, unit, template.level, template)


def _store(con: Any, template: Template, lay: Layout, rec: Record, *, user: str | None,
           expected: int | None) -> int:
    row, other = _lookup(con, template, rec.submission_id, rec.org, rec.period)
    digest = rec.digest()
    if row is None:
        if other is not None:
            raise stale(template, f"{rec.org} already has a submission for {rec.period} (revision {other[2]})")
        if expected:
            raise stale(template, f"the submission {rec.submission_id} (revision {expected}) no longer exists")
        insert_records(con, template, [rec], user=user)
        return 1
    org, period, revision, stored_digest, state, _ = row
    if (org, period) != (rec.org, rec.period):
        raise invalid(template, f"the submission id {rec.submission_id} belongs to {org} {period}")
    if stored_digest == digest:
        return int(revision)  # the same write again: stored once
    if state == "approved":
        raise invalid(template, f"the submission for {org} {period} is approved and locked")
    if expected != revision:
        raise stale(template, f"the submission for {org} {period} is at revision {revision}, "
                              f"but the form was filled from revision {expected}")
    _update(con, template, lay, rec, user=user, revision=int(revision))
    after, _ = _lookup(con, template, rec.submission_id, rec.org, rec.period)
    if after is None or (int(after[2]), after[3]) != (int(revision) + 1, digest):
        # the UPDATE matched no row: another write bumped the revision first
        raise stale(template, f"the submission for {org} {period} was changed by someone else meanwhile")
    _replace_rows(con, template, lay, [rec])
    return int(revision) + 1


def cached_sql(con: Any, template: Template, key: tuple[Any, ...], build: Any) -> orgs.Compiled:
    """A statement of ``template`` rendered once per dialect (rendering costs milliseconds)."""
    out: orgs.Compiled = orgs.cached(template, ("store", con.dialect, *key), lambda: render(build(), con.dialect))
    return out


def run(con: Any, compiled: orgs.Compiled, params: Mapping[str, Any], *, fetch: bool = True) -> list[tuple[Any, ...]]:
    if fetch:
        return orgs.run(con, compiled, params)
    con.execute(compiled[0], orgs.bind(compiled[1], params, con.paramstyle))
    return []


def _lookup(con: Any, template: Template, sid: str, org: str, period: str
            ) -> tuple[tuple[Any, ...] | None, tuple[Any, ...] | None]:
    """The stored row with this id, and the one of this org and period (one query):
    (org, period, revision, digest, state, submission_id) each, or None."""
    def build() -> exp.Expression:
        d = con.dialect
        cols = ["org", "period", "revision", "digest", "state", "submission_id"]
        same_id = exp.EQ(this=exp.column(ident("submission_id")), expression=param("sid", Type.TEXT, d))
        same_place = exp.and_(exp.EQ(this=exp.column(ident("period")), expression=param("period", Type.TEXT, d)),
                              exp.EQ(this=exp.column(ident("org")), expression=param("org", Type.TEXT, d)))
        return (exp.select(*(exp.column(ident(c)) for c in cols)).from_(table(layout(template).table))
                .where(exp.or_(same_id, same_place)))

    rows = run(con, cached_sql(con, template, ("lookup",), build), {"sid": sid, "org": org, "period": period})
    mine = next((r for r in rows if r[5] == sid), None)
    other = next((r for r in rows if r[5] != sid), None)
    return mine, other


# -- the columns of a record -------------------------------------------------------------------------


def _value_cells(cols: Mapping[str, Col], values: Mapping[str, Any], confirm: Mapping[str, tuple[Any, str]],
                 dialect: str) -> list[tuple[str, Type, Any]]:
    """(column, type, driver value) for every value column of a row."""
    out = []
    for slot, c in cols.items():
        out.append((c.name, c.type, encode(values.get(slot), c.type, dialect)))
        if c.confirm:
            original, source = confirm.get(slot, (values.get(slot), "pool"))
            out.append((c.orig, c.type, encode(original, c.type, dialect)))
            out.append((c.src, Type.TEXT, source))
    return out


def _system_cells(template: Template, rec: Record, user: str | None, revision: int,
                  dialect: str, *, created: bool) -> list[tuple[str, str, Any]]:
    now = timestamp_value(now_local(template), dialect)
    as_of = None if rec.pool_as_of is None else timestamp_value(rec.pool_as_of, dialect)
    cells: list[tuple[str, str, Any]] = [
        ("state", "text", rec.state), ("revision", "int", revision), ("digest", "text", rec.digest()),
        ("updated_at", "ts", now), ("updated_by", "text", user), ("pool_as_of", "ts", as_of)]
    if created:
        cells = [("submission_id", "text", rec.submission_id), ("org", "text", rec.org),
                 ("period", "text", rec.period), ("version", "int", template.version),
                 ("created_at", "ts", now), ("created_by", "text", user), *cells]
    return cells


def _param(name: str, kind: str | Type, dialect: str) -> exp.Expression:
    if kind == "int":
        return int_param(name, dialect)
    if kind == "ts":
        return timestamp_param(name, dialect)
    return param(name, Type.TEXT if kind == "text" else kind, dialect)  # type: ignore[arg-type]


def insert_records(con: Any, template: Template, records: Sequence[Record], *, user: str | None = None,
                   revision: int = 1) -> None:
    """INSERT already-evaluated records (and their roster rows) in one transaction. Trusted
    input: :func:`write_submission` validates; bulk loads (imports,
    tests, benchmarks) call this directly, inside the caller's transaction if any."""
    lay = ensure_schema(con, template)
    d = con.dialect
    with con.transaction():
        rows = [[*_system_cells(template, rec, user, revision, d, created=True),
                 *_value_cells(lay.slots, rec.values, rec.confirm, d)] for rec in records]
        _insert(con, template, lay.table, rows)
        _replace_rows(con, template, lay, records, delete=False)


def _insert(con: Any, template: Template, name: str, rows: list[list[tuple[str, Any, Any]]]) -> None:
    """INSERT rows: one statement rendered once and run per row; on DuckDB, where every
    statement costs milliseconds and thousands of parameters bind superlinearly, one
    statement with a list per column."""
    if not rows:
        return
    names = [c[0] for c in rows[0]]
    kinds = [c[1] for c in rows[0]]
    if con.dialect == "duckdb" and len(rows) > 1:
        _unnest_insert(con, template, name, names=names, kinds=kinds, rows=rows)
        return
    def build() -> exp.Expression:
        values = exp.Tuple(expressions=[_param(f"p{j}", k, con.dialect) for j, k in enumerate(kinds)])
        return exp.insert(exp.values([values]), table(name), columns=[ident(c) for c in names])

    compiled = cached_sql(con, template, ("insert", name), build)
    for row in rows:  # one prepared shape, row by row: cheap on the other engines, big trees are not
        run(con, compiled, {f"p{j}": v for j, (_, _, v) in enumerate(row)}, fetch=False)


def _unnest_insert(con: Any, template: Template, name: str, *, names: list[str], kinds: list[Any],
                   rows: list[list[tuple[str, Any, Any]]]) -> None:
    """``INSERT … SELECT UNNEST(CAST($c0 AS T[])), …``: DuckDB zips the lists (1,000 rows: 0.2 s)."""
    def build() -> exp.Expression:
        cols = []
        for j, kind in enumerate(kinds):
            text = {"int": "INTEGER", "ts": "TIMESTAMP", "text": "TEXT"}.get(kind) if isinstance(kind, str) else None
            base = exp.DataType.build(text, dialect="duckdb") if text else get("duckdb").type_of(kind)
            array = exp.DataType(this=exp.DataType.Type.ARRAY, expressions=[base], nested=True)
            cols.append(exp.Unnest(expressions=[exp.Cast(this=exp.Placeholder(this=f"c{j}"), to=array)]))
        return exp.insert(exp.select(*cols), table(name), columns=[ident(c) for c in names])

    params = {f"c{j}": [row[j][2] for row in rows] for j in range(len(names))}
    run(con, cached_sql(con, template, ("unnest", name), build), params, fetch=False)


def _update(con: Any, template: Template, lay: Layout, rec: Record, *, user: str | None, revision: int) -> None:
    """UPDATE … WHERE submission_id = :sid AND revision = :expected (optimistic concurrency)."""
    d = con.dialect
    cells: list[tuple[str, str | Type, Any]] = [*_system_cells(template, rec, user, revision + 1, d, created=False),
                                                *_value_cells(lay.slots, rec.values, rec.confirm, d)]

    def build() -> exp.Expression:
        sets = [exp.EQ(this=exp.column(ident(n)), expression=_param(f"p{j}", kind, d))
                for j, (n, kind, _) in enumerate(cells)]
        where = exp.and_(exp.EQ(this=exp.column(ident("submission_id")), expression=param("sid", Type.TEXT, d)),
                         exp.EQ(this=exp.column(ident("revision")), expression=int_param("expected", d)))
        return exp.Update(this=table(lay.table), expressions=sets, where=exp.Where(this=where))

    params = {f"p{j}": v for j, (_, _, v) in enumerate(cells)} | {"sid": rec.submission_id, "expected": revision}
    run(con, cached_sql(con, template, ("update",), build), params, fetch=False)


def _replace_rows(con: Any, template: Template, lay: Layout, records: Sequence[Record], *,
                  delete: bool = True) -> None:
    d = con.dialect
    for tid, child in lay.children.items():
        rows = []
        for rec in records:
            if delete:
                def build(name: str = child.table) -> exp.Expression:
                    return exp.delete(table(name)).where(
                        exp.EQ(this=exp.column(ident("submission_id")), expression=param("sid", Type.TEXT, d)))

                run(con, cached_sql(con, template, ("delete", tid), build), {"sid": rec.submission_id}, fetch=False)
            for n, r in enumerate(rec.rows.get(tid, []), start=1):
                meta: dict[str, Any] = r["_meta"] if isinstance(r.get("_meta"), dict) else {}
                confirm = {cid: (meta[cid]["original"], meta[cid]["source"]) for cid in meta}
                rows.append([("submission_id", "text", rec.submission_id), ("row_no", "int", n),
                             ("row_key", "text", r.get("_key")), *_value_cells(child.columns, r, confirm, d)])
        _insert(con, template, child.table, rows)


# -- reading -------------------------------------------------------------------------------------------


def read_submission(con: Any, template: Template, *, org: str | None = None, period: str | None = None,
                    submission_id: str | None = None) -> dict[str, Any] | None:
    """The stored submission (by id, or by org and period) in SPEC §5's shape, or None."""
    lay = ensure_schema(con, template)
    d = con.dialect
    cols = _read_columns(lay)
    if submission_id is not None:
        cond: exp.Expr = exp.EQ(this=exp.column(ident("submission_id")), expression=param("sid", Type.TEXT, d))
        params: dict[str, Any] = {"sid": submission_id}
    else:
        cond = exp.and_(exp.EQ(this=exp.column(ident("period")), expression=param("period", Type.TEXT, d)),
                        exp.EQ(this=exp.column(ident("org")), expression=param("org", Type.TEXT, d)))
        params = {"org": org, "period": period}
    rows = con.query(exp.select(*(exp.column(ident(c[0])) for c in cols)).from_(table(lay.table)).where(cond), params)
    if not rows:
        return None
    raw = {name: decode(v, t, d) if t is not None else v for (name, t), v in zip(cols, rows[0], strict=True)}
    return _shape(con, template, lay, raw)


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


def _shape(con: Any, template: Template, lay: Layout, raw: dict[str, Any]) -> dict[str, Any]:
    values = {fid: normalize(template, fid, raw[c.name]) for fid, c in lay.fields.items()}
    grids: dict[str, dict[str, dict[str, Any]]] = {}
    for slot, c in lay.cells.items():
        gid, rid, cid = slot.split(".")
        grids.setdefault(gid, {}).setdefault(rid, {})[cid] = _tidy(raw[c.name])
    meta: dict[str, dict[str, Any]] = {}
    as_of = _zoned(template, raw["pool_as_of"])
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
            "values": values, "tables": _read_rows(con, template, lay, raw["submission_id"]), "grids": grids,
            "meta": meta, "created_at": _zoned(template, raw["created_at"]), "created_by": raw["created_by"],
            "updated_at": _zoned(template, raw["updated_at"]), "updated_by": raw["updated_by"]}


def static_source(f: Any) -> str:
    """Where a field's value comes from when it is not confirmable (SPEC §5 ``meta``)."""
    if f.kind == "input":
        return "typed"
    if f.kind == "calc" or f.value is None or f.value.node is None:
        return "calc"
    if f.value.reads_pool:
        return "pool"
    return "prev" if any(isinstance(n, ast.Prev) for n in ast.walk(f.value.node)) else "calc"


def _zoned(template: Template, v: Any) -> str | None:
    if v is None:
        return None
    when = dt.datetime.fromisoformat(v) if isinstance(v, str) else v
    return str(when.replace(tzinfo=zone(template), microsecond=0).isoformat())


def _read_rows(con: Any, template: Template, lay: Layout, sid: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    d = con.dialect
    for tid, child in lay.children.items():
        cols: list[tuple[str, str, Type | None]] = [("_key", "row_key", None)]
        cols += [(cid, c.name, c.type) for cid, c in child.columns.items()]
        q = (exp.select(*(exp.column(ident(c[1])) for c in cols)).from_(table(child.table))
             .where(exp.EQ(this=exp.column(ident("submission_id")), expression=param("sid", Type.TEXT, d)))
             .order_by(exp.column(ident("row_no"))))
        out[tid] = [{k: _tidy(decode(v, t, d)) for (k, _, t), v in zip(cols, r, strict=True)}
                    for r in con.query(q, {"sid": sid})]
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


def prev_values(con: Any, template: Template, org: str, period: str) -> dict[str, Any]:
    """``prev()``: every scalar field's (and grid cell's) value in ``org``'s latest submitted or
    approved submission for the period before ``period``, in any deployed version of the
    template; a field that version lacks (or holds with another type) and every field when
    there is no such submission are None. One statement over all deployed versions."""
    lay = ensure_schema(con, template)
    out: dict[str, Any] = dict.fromkeys(lay.slots)
    before = previous(template.period_of(period))
    if before is None:
        return out
    versions = _deployed(con, template)
    d = con.dialect

    def build() -> exp.Expression:
        selects = [_prev_select(lay, tname, slots, d) for _, tname, slots in versions]
        union: exp.Expression = selects[0]
        for sel in selects[1:]:
            union = exp.Union(this=union, expression=sel, distinct=False)
        return (exp.select("*").from_(exp.Subquery(this=union, alias=exp.TableAlias(this=ident("u"))))
                .order_by(exp.Ordered(this=exp.column(ident("_at")), desc=True),
                          exp.Ordered(this=exp.column(ident("_v")), desc=True)).limit(1))

    key = ("prev", tuple((v, t, json.dumps(slots, sort_keys=True)) for v, t, slots in versions))
    rows = run(con, cached_sql(con, template, key, build), {"org": org, "period": before.text})
    if rows:
        for (slot, c), v in zip(lay.slots.items(), rows[0][2:], strict=True):
            out[slot] = normalize(template, slot, decode(v, c.type, d))
    return out


def _deployed(con: Any, template: Template) -> list[tuple[int, str, dict[str, list[str]]]]:
    def build() -> exp.Expression:
        return (exp.select(ident("version"), ident("table_name"), ident("layout")).from_(table(REGISTRY))
                .where(exp.EQ(this=exp.column(ident("template_id")), expression=param("tid", Type.TEXT, con.dialect)))
                .order_by(exp.column(ident("version"))))

    rows = run(con, cached_sql(con, template, ("deployed",), build), {"tid": template.id})
    return [(int(v), str(t), json.loads(lay)["slots"]) for v, t, lay in rows]


def _prev_select(lay: Layout, tname: str, slots: Mapping[str, list[str]], d: str) -> exp.Select:
    cols: list[exp.Expr] = [exp.alias_(exp.column(ident("updated_at")), "_at", quoted=True),
                            exp.alias_(exp.column(ident("version")), "_v", quoted=True)]
    for slot, c in lay.slots.items():
        there = slots.get(slot)
        if there is not None and there[1] == c.type.value:
            value: exp.Expression = exp.column(ident(there[0]))
        else:  # fields are matched by id and type; anything else reads as null
            value = exp.Cast(this=exp.Null(), to=_storage_type(c.type, d))
        cols.append(exp.alias_(value, c.name, quoted=True))
    readable = exp.In(this=exp.column(ident("state")), expressions=[exp.Literal.string(s) for s in READABLE])
    where = exp.and_(exp.EQ(this=exp.column(ident("org")), expression=param("org", Type.TEXT, d)),
                     exp.EQ(this=exp.column(ident("period")), expression=param("period", Type.TEXT, d)), readable)
    return exp.select(*cols).from_(table(tname)).where(where)


def _storage_type(t: Type, d: str) -> exp.DataType:
    s = storage(d)
    return exp.DataType.build(s.of(t), dialect=s.sqlglot)



# -- corrections ---------------------------------------------------------------------------------------

CORRECTION_COLUMNS = ("org", "period", "field", "row_key", "pool_table", "pool_column", "original", "correction",
                      "corrected_by", "corrected_at")


def _pool_source(node: ast.Expr | None) -> tuple[str | None, str | None]:
    """The pool table (and column) a pre-filled value reads, for the report's owners."""
    for n in ast.walk(node) if node is not None else []:
        ref = n.ref if isinstance(n, ast.Name) else None
        if isinstance(ref, ast.PoolColumnRef):
            return ref.table, ref.column
        if isinstance(ref, ast.PoolTableRef):
            return ref.table, None
    return None, None


def build_corrections(template: Template, dialect: str) -> exp.Expression | None:
    """ONE query: every corrected pre-filled value (``__src = 'corrected'``) of the submissions
    of ``:org``'s subtree for ``:period`` — org, period, field (``table.column`` for a roster),
    row_key (the pool record's key; the org unit for an aggregate), pool table and column,
    original and correction (as text), who corrected it and when. None: nothing to confirm."""
    if template.pool is None:
        return None
    lay = layout(template)
    text = get(dialect).type_of(Type.TEXT)
    branches = []
    for fid, c in lay.fields.items():
        if c.confirm:
            value = template.fields[fid].value
            source = _pool_source(value.node if value else None)
            branches.append(_correction(c, fid, exp.column(ident("org"), "s"), source, child=None, text=text))
    for tid, child in lay.children.items():
        for cid, c in child.columns.items():
            if c.confirm:
                value = template.tables[tid].columns[cid].value
                source = _pool_source(value.node if value else None)
                branches.append(_correction(c, f"{tid}.{cid}", exp.column(ident("row_key"), "c"), source,
                                            child=child.table, text=text))
    if not branches:
        return None
    union: exp.Expression = branches[0]
    for b in branches[1:]:
        union = exp.Union(this=union, expression=b, distinct=False)
    tree = orgs.fresh("_tree", orgs.pool_names(template.pool))
    scope = exp.CTE(this=exp.select(exp.Column(this=exp.Star(), table=ident("s"))).from_(table(lay.table, "s")).where(
        exp.and_(exp.In(this=exp.column(ident("org"), "s"), query=exp.Subquery(
            this=exp.select(exp.column(ident("code"), tree)).from_(table(tree)))),
            exp.EQ(this=exp.column(ident("period"), "s"), expression=param("period", Type.TEXT, dialect)))),
        alias=exp.TableAlias(this=ident("_scope")))
    query = exp.select("*").from_(exp.Subquery(this=union, alias=exp.TableAlias(this=ident("v"))))
    query.set("with_", exp.With(expressions=[orgs.scope_cte(template.pool, tree), scope], recursive=True))
    return query


def _correction(c: Col, field: str, key: exp.Expression, source: tuple[str | None, str | None], *,
                child: str | None, text: exp.DataType) -> exp.Select:
    def lit(x: str | None) -> exp.Expression:
        return exp.Literal.string(x) if x is not None else exp.Cast(this=exp.Null(), to=text.copy())

    at = "c" if child is not None else "s"
    def as_text(e: exp.Expression) -> exp.Expression:  # values of every type in one column
        return exp.Cast(this=e, to=text.copy())

    values = [exp.column(ident("org"), "s"), exp.column(ident("period"), "s"), lit(field), as_text(key),
              lit(source[0]), lit(source[1]), as_text(exp.column(ident(c.orig), at)),
              as_text(exp.column(ident(c.name), at)), exp.column(ident("updated_by"), "s"),
              exp.column(ident("updated_at"), "s")]
    q = exp.select(*(exp.Alias(this=v, alias=ident(n)) for v, n in zip(values, CORRECTION_COLUMNS, strict=True)))
    q = q.from_(table("_scope", "s"))
    if child is not None:
        q = q.join(table(child, "c"), on=exp.EQ(this=exp.column(ident("submission_id"), "c"),
                                                 expression=exp.column(ident("submission_id"), "s")))
    return q.where(exp.EQ(this=exp.column(ident(c.src), at), expression=exp.Literal.string("corrected")))


def corrections(con: Any, template: Template, org: str, period: str) -> list[dict[str, Any]]:
    """The corrected pre-filled values of ``org``'s subtree for ``period`` (``formkit
    corrections``): one dict per value, keys :data:`CORRECTION_COLUMNS`, values read back as
    the field's type."""
    template.period_of(period)
    ensure_schema(con, template)
    query = build_corrections(template, con.dialect)
    if query is None:
        return []
    compiled = cached_sql(con, template, ("corrections",), lambda: query)
    types = {fid: f.type for fid, f in template.fields.items()}
    types |= {f"{tid}.{cid}": c.type for tid, t in template.tables.items() for cid, c in t.columns.items()}
    out = []
    for r in run(con, compiled, {"org": org, "period": period}):
        row = dict(zip(CORRECTION_COLUMNS, r, strict=True))
        for k in ("original", "correction"):
            row[k] = _from_text(row[k], types[row["field"]])
        row["corrected_at"] = _zoned(template, row["corrected_at"])
        out.append(row)
    return sorted(out, key=lambda x: (x["org"], x["field"], str(x["row_key"])))


def _from_text(v: Any, t: Type) -> Any:
    """A value the report cast to text, as the language's value again."""
    if v is None:
        return None
    s = str(v)
    if t is Type.NUMBER:
        return fn.tidy(Decimal(s))
    if t is Type.DATE:
        return dt.date.fromisoformat(s[:10])
    if t is Type.BOOLEAN:
        return s.lower() in ("1", "true", "t")
    if t is Type.MULTI:
        return decode(s, Type.MULTI, "duckdb")
    return s
