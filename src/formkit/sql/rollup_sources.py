"""Roll-up sources: the stored submissions a roll-up reads, across deployed template versions.

Each version of a template stores into its own tables (:mod:`formkit.sql.names`). A roll-up
reads the submissions of the same template id under every deployed version up to its own
(SPEC §2.4, issue #6): a unit that submitted on version 1 counts next to units on version 2.
Fields are matched by id through the registry's layout (as ``prev()`` does): a field the older
version lacks is null for its rows, a field stored with another type is cast to this version's
storage type. When one unit and period were submitted under several versions, the most recently
updated submission wins (then the higher version), as for ``prev()``.

With only the template's own version deployed (or no connection, as for ``formkit sql``), the
source is the version's own table and the statement is unchanged.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql import org as orgs
from formkit.sql.ddl import ident, storage, table
from formkit.sql.engines import dtype, render
from formkit.sql.expr import param
from formkit.sql.names import REGISTRY, Layout
from formkit.sql.reading import READABLE

__all__ = ["Version", "child_source", "deployed_versions", "submission_source"]


@dataclass(frozen=True)
class Version:
    """One deployed version as the registry describes it: its table, each slot's column and
    language type, and each roster's table with its columns (``{cid: (column, type)}``)."""

    version: int
    table: str
    slots: tuple[tuple[str, str, str], ...]  # (slot, column, type)
    children: tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...]  # (table id, table, columns)

    def slot(self, key: str) -> tuple[str, str] | None:
        return next(((c, t) for s, c, t in self.slots if s == key), None)

    def child(self, tid: str) -> tuple[str, dict[str, tuple[str, str]]] | None:
        for t, name, cols in self.children:
            if t == tid:
                return name, {cid: (c, ty) for cid, c, ty in cols}
        return None


def deployed_versions(con: Any, template: Template) -> tuple[Version, ...]:
    """The template's deployed versions up to its own, oldest first (the registry's layouts).

    Read on every roll-up: a small indexed read of the registry, so that a version deployed by
    another process or connection since (even an earlier one) counts at once. Only the parsing
    of a layout is remembered, by its text."""
    rows = orgs.run(con, _registry_read(con.dialect), {"tid": template.id, "ver": template.version})
    return tuple(_version(int(v), str(name), str(text)) for v, name, text in rows)


@functools.lru_cache(maxsize=16)
def _registry_read(dialect: str) -> tuple[str, list[str]]:
    q = (exp.select(ident("version"), ident("table_name"), ident("layout")).from_(table(REGISTRY), copy=False)
         .where(exp.and_(exp.EQ(this=exp.column(ident("template_id")), expression=param("tid", Type.TEXT, dialect)),
                         exp.LTE(this=exp.column(ident("version")), expression=param("ver", Type.NUMBER, dialect)),
                         copy=False), copy=False)
         .order_by(exp.column(ident("version")), copy=False))  # a later version's fields mean nothing here
    return render(q, dialect)


@functools.lru_cache(maxsize=1024)
def _version(version: int, name: str, text: str) -> Version:
    lay = json.loads(text)
    slots = tuple((s, str(c[0]), str(c[1])) for s, c in sorted(lay.get("slots", {}).items()))
    children = tuple((tid, str(spec[0]), tuple((cid, str(c[0]), str(c[1])) for cid, c in sorted(spec[1].items())))
                     for tid, spec in sorted(lay.get("children", {}).items()))
    return Version(version, name, slots, children)


def older(versions: Sequence[Version] | None, template: Template) -> list[Version]:
    """The versions other than the template's own (none: read the own table alone)."""
    return [v for v in versions or () if v.version != template.version]


def _value(there: tuple[str, str] | None, t: Type, dialect: str, table_alias: str | None = None) -> exp.Expression:
    """An older version's column as this version stores it: as is, cast, or a typed null."""
    s = storage(dialect)
    target = dtype(s.of(t), s.sqlglot)
    if there is None:
        return exp.Cast(this=exp.Null(), to=target)
    column = exp.column(ident(there[0]), table_alias)
    return column if there[1] == t.value else exp.Cast(this=column, to=target)


def submission_source(template: Template, lay: Layout, dialect: str, versions: Sequence[Version] | None, *,
                      periods: Sequence[exp.Expression], alias: str) -> exp.Expression:
    """The relation a roll-up reads submissions from, aliased ``alias``: the own table, or the
    readable submissions of ``periods`` under every version (one UNION ALL branch each, the
    filters inside each branch so each table's (period, org) index serves), one per unit and
    period."""
    past = older(versions, template)
    if not past:
        return orgs.table(lay.table, alias)
    system = ("submission_id", "org", "period", "state", "updated_at", "version", "revision")
    names = [c.name for c in lay.slots.values()]
    branches: list[exp.Select] = []
    for v in [*past, Version(template.version, lay.table, (), ())]:
        own = v.version == template.version
        cols: list[exp.Expression] = [exp.column(ident(c)) for c in system]
        for key, c in lay.slots.items():
            value = exp.column(ident(c.name)) if own else _value(v.slot(key), c.type, dialect)
            cols.append(exp.Alias(this=value, alias=ident(c.name)))
        where = exp.and_(exp.In(this=exp.column(ident("period")), expressions=[p.copy() for p in periods]),
                         exp.In(this=exp.column(ident("state")),
                                expressions=[exp.Literal.string(x) for x in READABLE]), copy=False)
        branches.append(exp.select(*cols).from_(table(v.table), copy=False).where(where, copy=False))
    union: exp.Expression = branches[0]
    for b in branches[1:]:
        union = exp.Union(this=union, expression=b, distinct=False)
    order = exp.Order(expressions=[exp.Ordered(this=exp.column(ident("updated_at")), desc=True),
                                   exp.Ordered(this=exp.column(ident("version")), desc=True)])
    rank = exp.Window(this=exp.RowNumber(), partition_by=[exp.column(ident("org")), exp.column(ident("period"))],
                      order=order)
    ranked = (exp.select(*(exp.column(ident(c)) for c in (*system, *names)), exp.Alias(this=rank, alias=ident("_rn")))
              .from_(exp.Subquery(this=union, alias=exp.TableAlias(this=ident("_all"))), copy=False))
    latest = (exp.select(*(exp.column(ident(c)) for c in (*system, *names)))
              .from_(exp.Subquery(this=ranked, alias=exp.TableAlias(this=ident("_ranked"))), copy=False)
              .where(exp.EQ(this=exp.column(ident("_rn")), expression=exp.Literal.number(1)), copy=False))
    return exp.Subquery(this=latest, alias=exp.TableAlias(this=ident(alias)))


def child_source(template: Template, lay: Layout, dialect: str, versions: Sequence[Version] | None, *, tid: str,
                 alias: str) -> exp.Expression:
    """A roster's rows under every version (columns matched by id like the fields), aliased
    ``alias``; the own child table when no older version is deployed."""
    child = lay.children[tid]
    past = [v for v in older(versions, template) if v.child(tid) is not None]
    if not past:
        return orgs.table(child.table, alias)
    branches: list[exp.Select] = []
    keys = [exp.column(ident(k)) for k in ("submission_id", "row_no", "row_key")]  # a derived roster's order and keys
    own = exp.select(*keys, *(exp.column(ident(c.name)) for c in child.columns.values())).from_(
        table(child.table), copy=False)
    for v in past:
        found = v.child(tid)
        assert found is not None
        name, cols = found
        values = [exp.Alias(this=_value(cols.get(cid), c.type, dialect), alias=ident(c.name))
                  for cid, c in child.columns.items()]
        branches.append(exp.select(*(k.copy() for k in keys), *values).from_(table(name), copy=False))
    union: exp.Expression = own
    for b in branches:
        union = exp.Union(this=union, expression=b, distinct=False)
    return exp.Subquery(this=union, alias=exp.TableAlias(this=ident(alias)))
