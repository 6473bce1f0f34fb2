"""The distinct values of one pool column under one org unit, with how many rows hold each
(`formkit pool values`, for an author choosing a filter or choices: what is really in
`person.hukou_province`?). Personal columns are masked in SQL, as every way out masks them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from formkit.core.connection import Connection
from formkit.document.model import PoolModel
from formkit.sql import org as orgs
from formkit.sql.closure import require_tree
from formkit.sql.engines import get, render
from formkit.sql.mask import column_mask, mask_sql

__all__ = ["DistinctValue", "distinct_values"]

_SCOPE = "fk_scope"


@dataclass(frozen=True)
class DistinctValue:
    value: object
    rows: int


def build_distinct(pool: PoolModel, table: str, column: str, dialect: str, limit: int) -> exp.Select:
    """``SELECT value, COUNT(*) … GROUP BY value`` over the rows of ``table`` under ``:org``, most
    frequent first, at most ``limit`` values; a pii column's values masked inside the database."""
    d = get(dialect)
    t = pool.tables[table]
    raw: exp.Expression = orgs.col(column, "t")
    mask = column_mask(t.columns[column])
    value = mask_sql(raw, mask, d) if mask is not None else raw
    count = exp.Count(this=exp.Star())
    query = exp.select(orgs.alias(value, "value"), orgs.alias(count, "n"))
    query = orgs.in_scope(d, table, t.org, _SCOPE, query, pool=pool)
    query = query.group_by(value, copy=False).order_by(
        exp.Ordered(this=count.copy(), desc=True), exp.Ordered(this=value.copy(), nulls_first=False), copy=False)
    query = query.limit(limit, copy=False)
    query.set("with_", exp.With(expressions=[orgs.scope_cte(pool, _SCOPE)]))
    return query


def distinct_values(con: Connection, pool: PoolModel, table: str, column: str, org: str, *,
                    limit: int = 50) -> list[DistinctValue]:
    """The values of ``table.column`` in the rows under ``org`` (its subtree only, as the tree
    and a dated table stand today), masked when the column is personal, most frequent first."""
    require_tree(con, pool)
    code = orgs.org_unit(con, pool, org).code
    compiled = render(build_distinct(pool, table, column, con.dialect, limit), con.dialect)
    params = {orgs.ORG_PARAM: code, **orgs.dated(pool, con, None)}
    return [DistinctValue(v, int(n)) for v, n in orgs.run(con, compiled, params)]
