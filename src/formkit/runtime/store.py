"""Store: write submissions (atomic, idempotent, stale-refusing).

:func:`write_submission` validates a submission with the Python evaluator (formeval: types,
required, min/max, pattern, choices, the template's error rules; calcs are recomputed, never
taken from the caller), then stores the parent row and its roster rows in one transaction.

- **Idempotent**: ``submission_id`` is the document's id (unique in its table). Writing a
  submission whose stored content (values, rows, meta and state) is already what is asked is a
  no-op that returns the stored revision, so a retried request stores once.
- **Optimistic concurrency**: each write bumps ``revision``; the UPDATE checks the revision the
  form was filled from in its WHERE clause, and the write is refused as ``stale-submission``
  when another write came first (or another submission id took the same org and period).
- **Races on a unique key** (two writers inserting the same id, or the same org and period, at
  once): the write runs in a savepoint when the caller's transaction is open, so the loser's
  failed INSERT is undone alone and the stored row is read again — the same content is the
  stored result, anything else is ``stale-submission``; never a driver's exception.
- **All or nothing**: a refused or failing write leaves nothing behind.
- **Corrections** keep their author: ``fk_corrections`` records who corrected each pre-filled
  value and when, kept across later writes that leave the correction as it was.

Reading lives in :mod:`formkit.sql.reading` (``read_submission``, ``prev()``), the corrections
report in :mod:`formkit.sql.corrections`; both are re-exported here. Bulk loads go through
:func:`insert_records` (DuckDB: one statement with a list per column, since it binds
thousands of parameters slowly).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from formkit.core.errors import TemplateError
from formkit.evaluation import functions as fn
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.runtime.record import Record, SubmissionError, evaluate_record, invalid, stale
from formkit.sql import org as orgs
from formkit.sql.corrections import CORRECTION_COLUMNS, build_corrections, corrections, marker
from formkit.sql.ddl import (
    STATES,
    ident,
    int_param,
    now_local,
    table,
    timestamp_param,
    timestamp_value,
)
from formkit.sql.engines import encode, get
from formkit.sql.expr import param
from formkit.sql.names import CORRECTIONS, Col, Layout, layout
from formkit.sql.reading import (
    READABLE,
    cached_sql,
    normalize,
    prev_values,
    prev_values_all,
    read_submission,
    run,
    static_source,
)
from formkit.sql.registry import ensure_schema

__all__ = ["CORRECTION_COLUMNS", "READABLE", "RaceLost", "Record", "SubmissionError", "Written",
           "build_corrections", "cached_sql", "check_org", "conflict", "corrections", "ensure_schema",
           "insert_records", "invalid", "normalize", "prev_values", "prev_values_all", "read_submission", "run",
           "stale",
           "static_source", "store_submission", "write_submission"]


# -- writing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """What a write did: the stored revision, and whether this call stored anything (False:
    the same content was already stored, by an earlier call or by a concurrent one)."""

    revision: int
    stored: bool


def write_submission(con: Any, template: Template, *, org: str, period: str,
                     values: Mapping[str, object], tables: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
                     grids: Mapping[str, object] | None = None, meta: Mapping[str, Mapping[str, object]] | None = None,
                     submission_id: str | None = None, user: str | None = None, state: str = "submitted",
                     expected_revision: int | None = None, pool_as_of: dt.datetime | None = None) -> int:
    """Validate and store one submission; return its stored revision (1 for a new one).

    ``values``: scalar fields by id (calcs are recomputed; pre-filled values are taken as the
    form showed them, confirmable ones as confirmed or corrected); ``tables``: roster rows
    (``_key`` matches a pool row; ``_meta``: ``{column: {"source": …, "original": …}}`` for
    confirmable columns); ``grids``: ``{grid: {row: {col: value}}}``; ``meta``: per
    confirmable field ``{"source": …, "original": …}`` (SPEC §5). A ``draft`` is checked for
    types only (SPEC §6: never blocked by rules). ``expected_revision``: the revision the form
    was filled from (None for a new submission). Raises TemplateError ``invalid-submission``,
    ``stale-submission`` or ``bad-period``; on any error nothing is stored.
    """
    return store_submission(con, template, org=org, period=period, values=values, tables=tables, grids=grids,
                            meta=meta, submission_id=submission_id, user=user, state=state,
                            expected_revision=expected_revision, pool_as_of=pool_as_of).revision


def store_submission(con: Any, template: Template, *, org: str, period: str,
                     values: Mapping[str, object], tables: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
                     grids: Mapping[str, object] | None = None, meta: Mapping[str, Mapping[str, object]] | None = None,
                     submission_id: str | None = None, user: str | None = None, state: str = "submitted",
                     expected_revision: int | None = None, pool_as_of: dt.datetime | None = None) -> Written:
    """:func:`write_submission`, saying whether this call stored anything (the workflow audits
    only the writes that happened)."""
    lay = ensure_schema(con, template)
    template.period_of(period)
    sid = submission_id or uuid.uuid4().hex
    _check_keys(template, org, sid, state, user)
    check_org(con, template, org, period)
    # the server evaluates with last period's values as stored: nothing read here leaves the database
    prev = prev_values(con, template, org, period, pii=True) if template.reads_prev else {}
    record = evaluate_record(template, org=org, period=period, state=state, values=values, tables=tables or {},
                             grids=grids or {}, meta=meta or {}, prev=prev)
    record.submission_id = sid
    record.pool_as_of = pool_as_of
    try:
        with _atomic(con):
            return _store(con, template, lay, record, user=user, expected=expected_revision)
    except TemplateError:
        raise
    except Exception as exc:
        if not conflict(con, exc):
            raise
        return _after_conflict(con, template, record)


@contextmanager
def _atomic(con: Any) -> Iterator[None]:
    """The connection's transaction, or a savepoint inside the caller's (so that a failed
    statement undoes this write alone and leaves the caller's transaction usable)."""
    savepoint = getattr(con, "savepoint", None)
    with savepoint() if savepoint is not None else con.transaction():
        yield


def conflict(con: Any, exc: BaseException) -> bool:
    """A unique key or a concurrent transaction's write got in the way (the engine says)."""
    is_conflict = getattr(con, "is_conflict", None)
    if is_conflict is not None:
        return bool(is_conflict(exc))
    return any(n in type(exc).__name__ for n in ("Integrity", "Unique", "Constraint", "Conflict"))


def _after_conflict(con: Any, template: Template, rec: Record) -> Written:
    """A concurrent writer won a unique key (the id, or the org and period) between our read
    and our INSERT, and our statements were undone: the same content stored by the winner is
    our result (stored once); anything else is stale. When the engine cannot read on in the
    caller's transaction (DuckDB has no savepoints), the caller is told to roll back and retry."""
    where = f"the submission for {rec.org} {rec.period}"
    try:
        mine, _ = _lookup(con, template, rec.submission_id, rec.org, rec.period, latest=True)
    except Exception:
        raise RaceLost(template, f"{where} was stored by someone else at the same time: roll back the "
                                 "transaction and submit again") from None
    if mine is not None and mine[3] == rec.digest():
        return Written(int(mine[2]), stored=False)
    raise stale(template, f"{where} was stored by someone else meanwhile")


class RaceLost(SubmissionError):
    """``stale-submission`` from a race lost inside the caller's transaction that the engine
    could not recover from; retried after a rollback, the write sees the winner."""

    def __init__(self, template: Template, message: str) -> None:
        err = stale(template, message)
        super().__init__(err.issues, err.sources)


def _check_keys(template: Template, org: str, sid: str, state: str, user: str | None = None) -> None:
    if state not in STATES:
        raise invalid(template, f"'{state}' is not a submission state: one of {', '.join(STATES)}")
    orgs.check_code(org, template.pool, template)  # bad-org-code, with a pool or without
    for what, v in (("org", org), ("submission id", sid)):
        if not isinstance(v, str) or not v or len(v) > 64:
            raise invalid(template, f"the {what} must be text of 1 to 64 characters, not {v!r}")
    for what, text in (("submission id", sid), ("user", user)):
        char = fn.control_char(text) if isinstance(text, str) else None
        if char is not None:  # PostgreSQL cannot store NUL; no engine should keep what cannot be seen
            raise invalid(template, f"the {what} {orgs.shown(text or '')} holds the control character {char}")


def check_org(con: Any, template: Template, org: str, period: str | None = None) -> None:
    """SPEC §7: a submission comes from an org unit at the template's level (``unknown-org``,
    ``wrong-level``, as the pre-fill reports them) that, in a dated org table, exists at the
    period's end (SPEC §10: a community merged away reports no later period)."""
    if template.pool is None or template.level is None:
        return
    when = template.period_of(period).end if period is not None and template.pool.org.dated else None
    unit = orgs.org_unit(con, template.pool, org, template=template, when=when, strict=when is not None)
    orgs.check_level(template.pool, unit, template.level, template)


def _store(con: Any, template: Template, lay: Layout, rec: Record, *, user: str | None,
           expected: int | None) -> Written:
    row, other = _lookup(con, template, rec.submission_id, rec.org, rec.period)
    digest = rec.digest()
    if row is None:
        if other is not None:
            raise stale(template, f"{rec.org} already has a submission for {rec.period} (revision {other[2]})")
        if expected:
            raise stale(template, f"the submission {rec.submission_id} (revision {expected}) no longer exists")
        insert_records(con, template, [rec], user=user)
        return Written(1, stored=True)
    org, period, revision, stored_digest, state, _ = row
    if (org, period) != (rec.org, rec.period):
        raise invalid(template, f"the submission id {rec.submission_id} belongs to {org} {period}")
    if stored_digest == digest:
        return Written(int(revision), stored=False)  # the same write again: stored once
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
    _record_corrections(con, template, lay, [rec], user=user, fresh=False)
    return Written(int(revision) + 1, stored=True)


def _lookup(con: Any, template: Template, sid: str, org: str, period: str, *, latest: bool = False
            ) -> tuple[tuple[Any, ...] | None, tuple[Any, ...] | None]:
    """The stored row with this id, and the one of this org and period (one query):
    (org, period, revision, digest, state, submission_id) each, or None. ``latest``: read
    the latest committed rows even in a transaction whose snapshot predates them (MariaDB's
    REPEATABLE READ; a locking read does). A *shared* one: every writer that lost the same key
    holds a shared lock on the winner's row (InnoDB keeps it after the rollback to the
    savepoint), so exclusive locking reads (FOR UPDATE) of two losers deadlock, and InnoDB
    then rolls back each victim's whole transaction, the caller's own writes with it."""
    latest = latest and get(con.dialect).stale_snapshot

    def build() -> exp.Expression:
        d = con.dialect
        cols = ["org", "period", "revision", "digest", "state", "submission_id"]
        same_id = exp.EQ(this=exp.column(ident("submission_id")), expression=param("sid", Type.TEXT, d))
        same_place = exp.and_(exp.EQ(this=exp.column(ident("period")), expression=param("period", Type.TEXT, d)),
                              exp.EQ(this=exp.column(ident("org")), expression=param("org", Type.TEXT, d)))
        q = (exp.select(*(exp.column(ident(c)) for c in cols)).from_(table(layout(template).table))
             .where(exp.or_(same_id, same_place)))
        return q.lock(update=False, copy=False) if latest else q

    rows = run(con, cached_sql(con, template, ("lookup", latest), build), {"sid": sid, "org": org, "period": period})
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
        _record_corrections(con, template, lay, records, user=user, fresh=True)


def _insert(con: Any, template: Template, name: str, rows: list[list[tuple[str, Any, Any]]]) -> None:
    """INSERT rows: one statement rendered once and run per row; on DuckDB, where every
    statement costs milliseconds and thousands of parameters bind superlinearly, one
    statement with a list per column."""
    if not rows:
        return
    names = [c[0] for c in rows[0]]
    kinds = [c[1] for c in rows[0]]
    if get(con.dialect).bulk_arrays and len(rows) > 1:
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


# -- who corrected what ----------------------------------------------------------------------------


def _markers(rec: Record) -> dict[tuple[str, str], str]:
    """``{(slot, row key): marker}`` of every corrected value of a record (``''``: a scalar)."""
    out = {(slot, ""): marker(original, rec.values.get(slot))
           for slot, (original, source) in rec.confirm.items() if source == "corrected"}
    for tid, rows in rec.rows.items():
        for r in rows:
            meta = r.get("_meta") if isinstance(r.get("_meta"), dict) else {}
            for cid, m in (meta or {}).items():
                if m.get("source") == "corrected" and r.get("_key") is not None:
                    out[(f"{tid}.{cid}", str(r["_key"]))] = marker(m.get("original"), r.get(cid))
    return out


def _record_corrections(con: Any, template: Template, lay: Layout, records: Sequence[Record], *,
                        user: str | None, fresh: bool) -> None:
    """Keep ``fk_corrections`` in step with the stored corrections: a new or changed correction
    is this write's (``user``, now); one left as it was keeps its author and time; one undone
    is forgotten. ``fresh``: the records were just inserted, nothing is recorded for them yet."""
    d = con.dialect
    now = timestamp_value(now_local(template), d)
    rows = []
    for rec in records:
        kept: dict[tuple[str, str], tuple[str, Any, Any]] = {}
        if not fresh:
            kept = _recorded(con, template, lay, rec.submission_id)
            if kept:
                run(con, cached_sql(con, template, ("corr_delete",), lambda: _where_submission(
                    exp.delete(table(CORRECTIONS)), d)), {"tname": lay.table, "sid": rec.submission_id}, fetch=False)
        for (slot, key), mark in _markers(rec).items():
            old = kept.get((slot, key))
            by, at = (old[1], old[2]) if old is not None and old[0] == mark else (user, now)
            rows.append([("table_name", "text", lay.table), ("submission_id", "text", rec.submission_id),
                         ("slot", "text", slot), ("row_key", "text", key), ("marker", "text", mark),
                         ("corrected_by", "text", by), ("corrected_at", "ts", at)])
    _insert(con, template, CORRECTIONS, rows)


def _where_submission(q: Any, d: str) -> Any:
    return q.where(exp.and_(
        exp.EQ(this=exp.column(ident("table_name")), expression=param("tname", Type.TEXT, d)),
        exp.EQ(this=exp.column(ident("submission_id")), expression=param("sid", Type.TEXT, d))))


def _recorded(con: Any, template: Template, lay: Layout, sid: str) -> dict[tuple[str, str], tuple[str, Any, Any]]:
    """``{(slot, row key): (marker, corrected_by, corrected_at)}`` recorded for a submission."""
    def build() -> exp.Expression:
        cols = ("slot", "row_key", "marker", "corrected_by", "corrected_at")
        q: exp.Expression = _where_submission(
            exp.select(*(exp.column(ident(c)) for c in cols)).from_(table(CORRECTIONS)), con.dialect)
        return q

    found = run(con, cached_sql(con, template, ("corr_read",), build), {"tname": lay.table, "sid": sid})
    return {(str(slot), str(key)): (str(mark), by, at) for slot, key, mark, by, at in found}

