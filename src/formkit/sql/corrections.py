"""``formkit corrections``: every pre-filled value staff corrected, for the pool's owners.

One query over the submissions of an org unit's subtree for a period: each corrected value
(``__src = 'corrected'``, scalar fields and roster cells) with the pool table and column it was
read from, the original and the correction, and who corrected it and when. Who and when come
from ``fk_corrections`` (written with the correction, see :func:`formkit.runtime.store.write_submission`):
a submission's ``updated_by``/``updated_at`` name its last writer, who may have changed
something else since. Values corrected before that table existed fall back to the last writer.

Personal data is masked in the query itself, as the pre-fill masks it (:mod:`formkit.sql.mask`,
:func:`~formkit.sql.mask.stored_masks`): the original and the correction of a value derived
from a ``pii`` column get that value's mask (the pool column's, made stronger by the
template's), and a roster's record key its key column's mask when the key is ``pii``. Only
``pii=True`` reads them as stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlglot import exp

from formkit.evaluation import functions as fn
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql import org as orgs
from formkit.sql.closure import require_tree
from formkit.sql.ddl import ident, table
from formkit.sql.engines import Dialect, decode, get
from formkit.sql.expr import param
from formkit.sql.mask import Mask, mask_sql, stored_masks
from formkit.sql.names import CORRECTIONS, Col, layout
from formkit.sql.reading import cached_sql, run, zoned
from formkit.sql.registry import ensure_schema

__all__ = ["CORRECTION_COLUMNS", "build_corrections", "corrections", "marker"]

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


def build_corrections(template: Template, dialect: str, *, pii: bool = False) -> exp.Expression | None:
    """ONE query: every corrected pre-filled value (``__src = 'corrected'``) of the submissions
    of ``:org``'s subtree for ``:period`` — org, period, field (``table.column`` for a roster),
    row_key (the pool record's key; the org unit for an aggregate), pool table and column,
    original and correction (as text, personal data masked unless ``pii``), who corrected it
    and when. None: nothing to confirm."""
    if template.pool is None:
        return None
    pool = template.pool
    lay = layout(template)
    d = get(dialect)
    stored = stored_masks(template)
    branches = []
    for fid, c in lay.fields.items():
        if c.confirm:
            f = template.fields[fid]
            node = f.value.node if f.value else None
            masks = _Masks(None if pii else stored.slots.get(fid), None)
            branches.append(_correction(c, fid, exp.column(ident("org"), "s"), _pool_source(node), child=None, d=d,
                                        table_name=lay.table, masks=masks))
    for tid, child in lay.children.items():
        t = template.tables[tid]
        key_mask = None if pii else stored.keys.get(tid)
        for cid, c in child.columns.items():
            if c.confirm:
                col = t.columns[cid]
                node = col.value.node if col.value else None
                masks = _Masks(None if pii else stored.column(tid, cid), key_mask)
                branches.append(_correction(c, f"{tid}.{cid}", exp.column(ident("row_key"), "c"), _pool_source(node),
                                            child=child.table, d=d, table_name=lay.table, masks=masks))
    if not branches:
        return None
    union: exp.Expression = branches[0]
    for b in branches[1:]:
        union = exp.Union(this=union, expression=b, distinct=False)
    tree = orgs.fresh("_tree", orgs.pool_names(pool))
    scope = exp.CTE(this=exp.select(exp.Column(this=exp.Star(), table=ident("s"))).from_(table(lay.table, "s")).where(
        exp.and_(exp.In(this=exp.column(ident("org"), "s"), query=exp.Subquery(
            this=exp.select(exp.column(ident("code"), tree)).from_(table(tree)))),
            exp.EQ(this=exp.column(ident("period"), "s"), expression=param("period", Type.TEXT, dialect)))),
        alias=exp.TableAlias(this=ident("_scope")))
    query = exp.select("*").from_(exp.Subquery(this=union, alias=exp.TableAlias(this=ident("v"))))
    query.set("with_", exp.With(expressions=[orgs.scope_cte(pool, tree), scope]))
    return query


@dataclass(frozen=True)
class _Masks:
    """The masks of one branch: of its original and correction, and of its record key."""

    value: Mask | None
    key: Mask | None


def _correction(c: Col, field: str, key: exp.Expression, source: tuple[str | None, str | None], *,
                child: str | None, d: Dialect, table_name: str, masks: _Masks) -> exp.Select:
    text = d.type_of(Type.TEXT)

    def lit(x: str | None) -> exp.Expression:
        return exp.Literal.string(x) if x is not None else exp.Cast(this=exp.Null(), to=text.copy())

    at = "c" if child is not None else "s"
    def as_text(e: exp.Expression, m: Mask | None = None) -> exp.Expression:  # values of every type in one column
        cast = exp.Cast(this=e, to=text.copy())
        return cast if m is None else mask_sql(cast, m, d)

    def who(col: str, fallback: str) -> exp.Expression:
        # a value corrected before fk_corrections existed has no row there: its last writer
        return exp.Case(ifs=[exp.If(this=exp.Is(this=exp.column(ident("submission_id"), "k"), expression=exp.Null()),
                                    true=exp.column(ident(fallback), "s"))],
                        default=exp.column(ident(col), "k"))

    values = [exp.column(ident("org"), "s"), exp.column(ident("period"), "s"), lit(field), as_text(key, masks.key),
              lit(source[0]), lit(source[1]), as_text(exp.column(ident(c.orig), at), masks.value),
              as_text(exp.column(ident(c.name), at), masks.value), who("corrected_by", "updated_by"),
              who("corrected_at", "updated_at")]
    q = exp.select(*(exp.Alias(this=v, alias=ident(n)) for v, n in zip(values, CORRECTION_COLUMNS, strict=True)))
    q = q.from_(table("_scope", "s"))
    if child is not None:
        q = q.join(table(child, "c"), on=exp.EQ(this=exp.column(ident("submission_id"), "c"),
                                                 expression=exp.column(ident("submission_id"), "s")))
    row_key = exp.column(ident("row_key"), "c") if child is not None else exp.Literal.string("")
    on = exp.and_(
        exp.EQ(this=exp.column(ident("table_name"), "k"), expression=exp.Literal.string(table_name)),
        exp.EQ(this=exp.column(ident("submission_id"), "k"), expression=exp.column(ident("submission_id"), "s")),
        exp.EQ(this=exp.column(ident("slot"), "k"), expression=exp.Literal.string(field)),
        exp.EQ(this=exp.column(ident("row_key"), "k"), expression=row_key))
    q = q.join(table(CORRECTIONS, "k"), on=on, join_type="left")
    return q.where(exp.EQ(this=exp.column(ident(c.src), at), expression=exp.Literal.string("corrected")))


def marker(original: object, correction: object) -> str:
    """What a correction was (its original and its value): a correction kept as it was keeps
    its author and time; any other is a new correction."""
    blob = json.dumps([original, correction], default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def corrections(con: Any, template: Template, org: str, period: str, *, pii: bool = False) -> list[dict[str, Any]]:
    """The corrected pre-filled values of ``org``'s subtree for ``period`` (``formkit
    corrections``): one dict per value, keys :data:`CORRECTION_COLUMNS`, values read back as
    the field's type, personal data masked in SQL unless ``pii``."""
    template.period_of(period)
    if template.derived:  # nothing in a derived report is pre-filled from the pool: its source's are
        return []
    ensure_schema(con, template)
    query = build_corrections(template, con.dialect, pii=pii)
    if query is None:
        return []
    if template.pool is not None:
        require_tree(con, template.pool, template.sources)
    compiled = cached_sql(con, template, ("corrections", pii), lambda: query)
    types = {fid: f.type for fid, f in template.fields.items()}
    types |= {f"{tid}.{cid}": c.type for tid, t in template.tables.items() for cid, c in t.columns.items()}
    out = []
    for r in run(con, compiled, {"org": org, "period": period, **orgs.period_end(template, period, con)}):
        row = dict(zip(CORRECTION_COLUMNS, r, strict=True))
        for k in ("original", "correction"):
            row[k] = _from_text(row[k], types[row["field"]])
        row["corrected_at"] = zoned(template, row["corrected_at"])
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
