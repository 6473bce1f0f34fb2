"""Roster rows: the pool records that pre-fill a ``table`` field with ``rows:`` (SPEC §2.3).

One row per matching pool record of the org unit's subtree, in pool-key order (code-point order
for text keys, whatever the engine's collation), each with ``_key`` (the pool key) and every
column whose ``value`` reads the row's pool columns (``person.name``, ``age(person.birth_date)``).
Text read from ``pii`` columns is masked in SQL (:mod:`formkit.sql.mask`), the key too when the
key column itself is ``pii`` (privacy first: such a pool cannot match rows by key unmasked).
A column whose value needs the form (fields, table aggregates, ``prev()``) is computed by the
form, not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from formkit.core.connection import Connection
from formkit.document.model import PoolModel
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.ir import TableIR
from formkit.meaning.template import Template
from formkit.sql import org as orgs
from formkit.sql.closure import require_tree
from formkit.sql.engines import Dialect, decode, get, render
from formkit.sql.expr import collate, lower
from formkit.sql.mask import Mask, column_mask, mask_for, mask_sql
from formkit.sql.prefill import Value, period_values, pool_integers, pool_refs, value_alias

__all__ = ["build_rows", "roster_columns", "roster_rows", "roster_tables"]

POOL_TYPES = {"text": Type.TEXT, "choice": Type.TEXT, "integer": Type.NUMBER, "decimal": Type.NUMBER,
              "boolean": Type.BOOLEAN, "date": Type.DATE}


def roster_tables(template: Template) -> list[str]:
    """The ``table`` fields pre-filled from the pool, in form order."""
    return [tid for tid, t in template.tables.items() if t.rows is not None and t.pool_table is not None]


def _row_only(node: ast.Expr, pool_table: str) -> bool:
    """Reads the current pool row and nothing else (no aggregate, no field, no ``prev()``)."""
    return all(not isinstance(n, ast.Aggregate | ast.Prev)
               and (not isinstance(n, ast.Name) or (isinstance(n.ref, ast.PoolColumnRef) and n.ref.table == pool_table))
               for n in ast.walk(node))


@dataclass(frozen=True)
class RosterColumn:
    id: str
    node: ast.Expr
    template_mask: dict[str, int] | None

    @property
    def type(self) -> Type | None:
        return self.node.type


def roster_columns(template: Template, table_id: str) -> list[RosterColumn]:
    """The columns of a roster that the rows query fills, in column order."""
    t = template.tables[table_id]
    out = []
    for cid, c in t.columns.items():
        v = c.value
        if c.kind == "value" and v is not None and v.node is not None and v.reads_pool and t.pool_table \
                and _row_only(v.node, t.pool_table):
            out.append(RosterColumn(cid, v.node, c.model.mask))
    return out


def _table(template: Template, table_id: str) -> tuple[TableIR, PoolModel, str, ast.RowsQuery]:
    t = template.tables.get(table_id)
    if t is None or t.rows is None or t.pool_table is None or template.pool is None:
        raise ValueError(f"'{table_id}' is not a table of '{template.id}' with pool rows: one of "
                         f"{', '.join(roster_tables(template)) or '(none)'}")
    return t, template.pool, t.pool_table, t.rows


def build_rows(template: Template, table_id: str, dialect: str | Dialect, *, pii: bool = False) -> exp.Expression:
    """The rows statement of the roster ``table_id`` for the org unit ``:org`` (at the template's
    level, else no row) and the period parameters: ``_key``, then :func:`roster_columns`."""
    d = get(dialect)
    _, pool, pool_table, rows = _table(template, table_id)
    tbl = pool.tables[pool_table]
    scope = orgs.fresh("_scope", orgs.pool_names(pool))
    refs = pool_refs(d, "t", {})
    key: exp.Expression = orgs.col(tbl.key, "t")
    key_mask = column_mask(tbl.columns[tbl.key]) if tbl.key in tbl.columns else None
    selects = [orgs.alias(_masked(key, key_mask, d, pii), "_key")]
    for i, c in enumerate(roster_columns(template, table_id), 1):
        sql = _masked(lower(c.node, d, refs=refs), mask_for(c.node, pool, c.template_mask), d, pii)
        selects.append(orgs.alias(sql, value_alias(c.id, i)))
    query = orgs.in_scope(d, pool_table, tbl.org, scope, exp.select(*selects), join=True, pool=pool)
    if rows.where is not None:
        query = query.where(lower(rows.where, d, refs=refs, integers=pool_integers(pool, {})), copy=False)
    key_type = POOL_TYPES.get(tbl.columns[tbl.key].type) if tbl.key in tbl.columns else Type.TEXT
    query = query.order_by(collate(key.copy(), key_type, d), copy=False)
    level = orgs.level_number(pool, template.level) if template.level else None
    query.set("with_", exp.With(expressions=[orgs.scope_cte(pool, scope, at_level=level)]))
    return query


def _masked(sql: exp.Expression, m: Mask | None, d: Dialect, pii: bool) -> exp.Expression:
    return sql if pii or m is None else mask_sql(sql, m, d)


@dataclass(frozen=True)
class _Compiled:
    sql: orgs.Compiled
    columns: list[RosterColumn]
    key_type: Type | None


def _compiled(template: Template, table_id: str, dialect: str, pii: bool) -> _Compiled:
    def build() -> _Compiled:
        _, pool, pool_table, _ = _table(template, table_id)
        tbl = pool.tables[pool_table]
        key_type = POOL_TYPES.get(tbl.columns[tbl.key].type) if tbl.key in tbl.columns else Type.TEXT
        tree = build_rows(template, table_id, dialect, pii=pii)
        return _Compiled(render(tree, dialect), roster_columns(template, table_id), key_type)

    result: _Compiled = orgs.cached(template, ("rows", table_id, dialect, pii), build)
    return result


def roster_rows(con: Connection, template: Template, table_id: str, org: str, period: str, *,
                pii: bool = False) -> list[dict[str, Value]]:
    """The pool rows of the roster ``table_id`` for ``org`` (at the template's level) and
    ``period``: ``[{"_key": …, column: value, …}]`` in pool-key order, pii masked unless ``pii``."""
    params = period_values(template, period, con.dialect)
    _, pool, _, _ = _table(template, table_id)
    c = _compiled(template, table_id, con.dialect, pii)
    require_tree(con, pool, template.sources)
    unit = orgs.org_unit(con, pool, org, template=template)
    if template.level:
        orgs.check_level(pool, unit, template.level, template)
    out: list[dict[str, Any]] = []
    for row in orgs.run(con, c.sql, {**params, orgs.ORG_PARAM: org}):
        item: dict[str, Any] = {"_key": decode(row[0], c.key_type, con.dialect)}
        for col, value in zip(c.columns, row[1:], strict=True):
            item[col.id] = decode(value, col.type, con.dialect)
        out.append(item)
    return out
