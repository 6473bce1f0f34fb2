"""Derived reports read (SPEC §8.4): one unit's values, every unit's, and a derived roster's rows.

Each read is one statement over :func:`formkit.sql.derived.relation`'s relation (the unit, the
period, and a coarser report's source periods or a report's last period as parameters). A read
creates nothing: a source whose version was never deployed reads as empty (SPEC §9).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlglot import exp

from formkit.core.connection import Connection
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql import org as orgs
from formkit.sql.derived import (
    SRC,
    Builder,
    Provenance,
    layout,
    prev_params,
    source_of,
    step_of,
    window_params,
)
from formkit.sql.engines import Dialect, decode, get, render
from formkit.sql.expr import param
from formkit.sql.mask import mask_sql, stored_masks
from formkit.sql.names import Layout
from formkit.sql.reading import READABLE
from formkit.sql.registry import existing
from formkit.sql.rollup_rosters import as_, col_, sub
from formkit.sql.rollup_sources import Version, child_source, deployed_versions, submission_source

__all__ = ["build_rows", "build_values", "build_values_all", "rows", "rows_all", "values", "values_all"]

Value = Any


def _prepare(con: Connection, template: Template) -> tuple[Template, tuple[Version, ...]] | None:
    """The source and its deployed versions; None when the source's version was never deployed
    (nothing to read: a read creates no table, SPEC §9)."""
    _, src = source_of(template)
    if existing(con, src) is None:
        return None
    return src, deployed_versions(con, src)


def build_values(template: Template, dialect: str | Dialect, versions: Sequence[Version] | None = None, *,
                 pii: bool = False) -> exp.Select:
    """The statement of :func:`values`: the relation for ``:org`` and ``:period``."""
    d = get(dialect)
    q = Builder(template, d, versions, pii).relation([param("period", Type.TEXT, d)])
    return q.where(exp.EQ(this=col_("org", SRC), expression=orgs.org_param()), copy=False)


def build_values_all(template: Template, dialect: str | Dialect, versions: Sequence[Version] | None = None, *,
                     pii: bool = False) -> exp.Select:
    """The statement of :func:`values_all`: every unit at the level under ``:org`` (fixed joins
    up the parent links), each LEFT JOINed to its derived values for ``:period``."""
    assert template.pool is not None and template.level is not None
    d = get(dialect)
    pool, lay = template.pool, layout(template)
    derived = Builder(template, d, versions, pii).relation([param("period", Type.TEXT, d)])
    cols = [*_SYSTEM, *(c.name for c in lay.slots.values())]
    return (exp.select(col_("_unit", "u"), *(col_(c, "d") for c in cols)).from_(sub(_units(pool, template.level), "u"),
                                                                        copy=False)
            .join(sub(derived, "d"), on=exp.EQ(this=col_("org", "d"), expression=col_("_unit", "u")),
                  join_type="left", copy=False)
            .order_by(col_("_unit", "u"), copy=False))


_SYSTEM = ("submission_id", "org", "period", "state", "updated_at", "version", "_src_revision", "_src_periods")


def _params(con: Connection, template: Template, org: str, period: str) -> dict[str, Any]:
    """A read's parameters: the unit, the period (and its end: the tree as of then), and a
    coarser report's source periods."""
    here = [template.period_of(period)]
    return ({"period": period, orgs.ORG_PARAM: org} | orgs.period_end(template, period, con)
            | window_params(template, here) | prev_params(template, here))


def _units(pool: Any, level_name: str) -> exp.Select:
    """``_unit``: the units at ``level_name`` under ``:org`` (``:org`` itself at that level), as
    of the period's end."""
    return orgs.units_at(pool, orgs.level_number(pool, level_name)).select(
        as_(orgs.col("descendant", "c"), "_unit"), append=False, copy=False)


def values(con: Connection, template: Template, org: str, period: str, *,
           pii: bool = False) -> tuple[dict[str, Value], Provenance | None]:
    """The derived values of ``org`` for ``period`` (``{slot: value}``, every slot null when the
    source has no readable submission) and where they come from. One statement."""
    read = _prepare(con, template)
    lay = layout(template)
    if read is None:
        _known_unit(con, template, org)
        return dict.fromkeys(lay.slots), None
    versions = read[1]
    compiled = orgs.cached(template, ("derived", con.dialect, pii, versions),
                           lambda: render(build_values(template, con.dialect, versions, pii=pii), con.dialect))
    found = orgs.run(con, compiled, _params(con, template, org, period))
    if not found:
        return dict.fromkeys(lay.slots), None
    return _decoded(template, lay, found[0], con.dialect)


def values_all(con: Connection, template: Template, org: str, period: str, *,
               pii: bool = False) -> dict[str, tuple[dict[str, Value], Provenance | None]]:
    """:func:`values` for every unit at the template's level under ``org`` (``org`` itself when
    at that level), in one statement: units whose source has no readable submission included."""
    read = _prepare(con, template)
    lay = layout(template)
    if read is None:
        return {unit: (dict.fromkeys(lay.slots), None) for unit in _units_under(con, template, org, period)}
    versions = read[1]
    compiled = orgs.cached(template, ("derived_all", con.dialect, pii, versions),
                           lambda: render(build_values_all(template, con.dialect, versions, pii=pii), con.dialect))
    out: dict[str, tuple[dict[str, Value], Provenance | None]] = {}
    for r in orgs.run(con, compiled, _params(con, template, org, period)):
        unit = str(r[0])
        out[unit] = _decoded(template, lay, r[1:], con.dialect) if r[2] is not None else (
            dict.fromkeys(lay.slots), None)
    return out


def _known_unit(con: Connection, template: Template, org: str) -> None:
    """With nothing to read, the unit must still be one at the template's level."""
    if template.pool is not None and template.level is not None:
        orgs.check_level(template.pool, orgs.org_unit(con, template.pool, org, template=template), template.level,
                         template)


def _units_under(con: Connection, template: Template, org: str, period: str) -> list[str]:
    """The units at the template's level under ``org`` (one statement), when there is nothing to read."""
    assert template.pool is not None and template.level is not None
    compiled = orgs.cached(template, ("derived_units", con.dialect),
                           lambda: render(_units(template.pool, template.level or ""), con.dialect))
    params = {orgs.ORG_PARAM: org, **orgs.period_end(template, period, con)}
    return sorted({str(r[0]) for r in orgs.run(con, compiled, params)})


def _decoded(template: Template, lay: Layout, row: Sequence[Any], dialect: str
             ) -> tuple[dict[str, Value], Provenance | None]:
    sid, _org, _period, state, _at, _version, revision, periods, *raw = row
    alias, src = source_of(template)
    vals = {key: decode(v, c.type, dialect) for (key, c), v in zip(lay.slots.items(), raw, strict=True)}
    out: Provenance = {"alias": alias, "template": src.id, "state": str(state)}
    step = step_of(template)
    if step == 1:
        return vals, out | {"submission": str(sid), "revision": int(revision)}
    # a coarser report reads several source submissions: how many of its periods were submitted
    return vals, out | {"periods": int(periods), "of": step}


# -- a derived roster's rows --------------------------------------------------------------------------


def _rows_query(template: Template, tid: str, dialect: str, versions: Sequence[Version] | None, pii: bool, *,
                all_units: bool) -> exp.Select:
    b = Builder(template, dialect, versions, pii)
    t = template.tables[tid]
    assert t.rows is not None and isinstance(t.rows.source.ref, ast.SourceTableRef)
    roster = t.rows.source.ref.table
    row = b.roster_row(tid)
    masks = None if pii else stored_masks(template)
    cols: list[exp.Expression] = []
    for cid in t.columns:
        value = row(cid)
        m = masks.column(tid, cid) if masks is not None else None
        if m is not None:
            value = mask_sql(value, m, b.d)
        cols.append(value)
    key: exp.Expression = col_("row_key", "c")
    theirs = None if pii else stored_masks(b.src).keys.get(roster)
    if theirs is not None:  # the source roster's record key, masked as the source masks it
        key = mask_sql(key, theirs, b.d)
    source = submission_source(b.src, b.slay, b.d.name, versions, periods=[param("period", Type.TEXT, dialect)],
                               alias=SRC)
    rows = child_source(b.src, b.slay, b.d.name, versions, tid=roster, alias="c")
    cond: exp.Expr = exp.and_(
        exp.EQ(this=col_("period", SRC), expression=param("period", Type.TEXT, dialect)),
        exp.In(this=col_("state", SRC), expressions=[exp.Literal.string(x) for x in READABLE]), copy=False)
    if not all_units:
        cond = exp.and_(cond, exp.EQ(this=col_("org", SRC), expression=orgs.org_param()), copy=False)
    if t.rows.where is not None:
        cond = exp.and_(cond, exp.Paren(this=b.lower_row(t.rows.where, None)), copy=False)
    q = (exp.select(col_("org", SRC), key, *cols).from_(source, copy=False)
         .join(rows, on=exp.EQ(this=col_("submission_id", "c"), expression=col_("submission_id", SRC)), copy=False))
    return q.where(cond, copy=False).order_by(col_("org", SRC), col_("row_no", "c"), copy=False)


def _read_rows(con: Connection, template: Template, tid: str, org: str, period: str, *, pii: bool,
               all_units: bool) -> dict[str, list[dict[str, Value]]]:
    read = _prepare(con, template)
    if read is None:
        return {}
    versions = read[1]
    if all_units:
        assert template.pool is not None and template.level is not None
    compiled = orgs.cached(template, ("derived_rows", tid, con.dialect, pii, all_units, versions),
                           lambda: render(build_rows(template, tid, con.dialect, versions, pii=pii,
                                                     all_units=all_units), con.dialect))
    cols = template.tables[tid].columns
    out: dict[str, list[dict[str, Value]]] = {}
    for r in orgs.run(con, compiled, {"period": period, orgs.ORG_PARAM: org}):
        item: dict[str, Value] = {"_key": None if r[1] is None else str(r[1])}
        for (cid, c), v in zip(cols.items(), r[2:], strict=True):
            item[cid] = decode(v, c.type, con.dialect)
        out.setdefault(str(r[0]), []).append(item)
    return out


def _wrap_units(template: Template, q: exp.Select, all_units: bool) -> exp.Select:
    """Every unit's rows: the source rows of units at the level under ``:org`` (fixed joins)."""
    if not all_units:
        return q
    assert template.pool is not None and template.level is not None
    units = _units(template.pool, template.level)
    return q.where(exp.In(this=col_("org", SRC), query=exp.Subquery(this=units)), copy=False)


def build_rows(template: Template, tid: str, dialect: str | Dialect, versions: Sequence[Version] | None = None, *,
               pii: bool = False, all_units: bool = False) -> exp.Select:
    """The statement of :func:`rows` (``all_units``: of :func:`rows_all`)."""
    d = get(dialect)
    return _wrap_units(template, _rows_query(template, tid, d.name, versions, pii, all_units=all_units), all_units)


def rows(con: Connection, template: Template, tid: str, org: str, period: str, *,
         pii: bool = False) -> list[dict[str, Value]]:
    """A derived roster's rows for ``org`` and ``period``: the source roster's rows that its
    ``rows:`` keeps, in the source's order, each with its record key. One statement."""
    return _read_rows(con, template, tid, org, period, pii=pii, all_units=False).get(org, [])


def rows_all(con: Connection, template: Template, tid: str, org: str, period: str, *,
             pii: bool = False) -> dict[str, list[dict[str, Value]]]:
    """:func:`rows` of every unit at the level under ``org``, in one statement: ``{unit: rows}``."""
    return _read_rows(con, template, tid, org, period, pii=pii, all_units=True)
