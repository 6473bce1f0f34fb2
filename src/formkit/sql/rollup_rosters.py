"""Roll-up roster aggregates: ``sum(severe.subsidy)`` in a calc recomputed at a roll-up scope.

A recomputed calc that aggregates a roster aggregates the rows of every submission rolled into
the unit (or leaf): one grouped subquery per roster over the roll-up's ``_subs``, LEFT JOINed
to the stage's rows by their key before the first recompute level (docs/storage.md).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlglot import exp

from formkit.language import ast
from formkit.language.ast import Type
from formkit.sql import org as orgs
from formkit.sql.expr import lower
from formkit.sql.numbers import case, num
from formkit.sql.rollup_sources import child_source
from formkit.sql.stored import split_aggregate

__all__ = ["Slot", "TableAggs", "as_", "col_", "sub"]


@dataclass(frozen=True)
class Slot:
    """One rolled-up value: a field or a grid cell, its column and its two modes."""

    key: str  # field id or grid.row.col
    column: str
    type: Type
    org: str
    period: str
    calc: ast.Expr | None = None  # recomputed formula
    deps: frozenset[str] = frozenset()
    places: int | None = None
    row_params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def out_type(self, mode: str) -> Type:
        return Type.NUMBER if mode == "count" else self.type


def _ident(name: str) -> exp.Identifier:
    # orgs.ident's node, built without to_identifier's checks: a roll-up makes tens of thousands
    return exp.Identifier(this=name, quoted=True)


def col_(name: str, alias: str | None = None) -> exp.Column:
    return exp.Column(this=_ident(name), table=_ident(alias) if alias else None)


def as_(e: exp.Expression, name: str) -> exp.Alias:
    return exp.Alias(this=e, alias=_ident(name))


def sub(select: exp.Expression, alias: str) -> exp.Subquery:
    return exp.Subquery(this=select, alias=exp.TableAlias(this=_ident(alias)))


_as, _sub = as_, sub


class TableAggs:
    """Roster aggregates in recomputed calcs: per stage row, over the rows of every submission
    rolled into it (one grouped subquery per roster, LEFT JOINed in before the first level)."""

    def __init__(self, b: Any, key: str) -> None:  # b: the roll-up's _Builder
        self.b = b
        self.key = key
        self.found: dict[str, dict[str, tuple[str, ast.Aggregate, exp.Expression | None]]] = {}
        self.ids: dict[int, str] = {}

    def prepare(self, slots: list[Slot]) -> None:
        for s in slots:
            for node in ast.walk(s.calc) if s.calc is not None else []:
                if isinstance(node, ast.Aggregate) and isinstance(node.source.ref, ast.TableRef | ast.TableColumnRef):
                    self.register(node)

    def register(self, node: ast.Aggregate) -> None:
        ref = node.source.ref
        assert isinstance(ref, ast.TableRef | ast.TableColumnRef)
        child = self.b.lay.children[ref.table]

        def refs(name: ast.Name) -> exp.Expression:
            r = name.ref
            if isinstance(r, ast.RowColumnRef | ast.TableColumnRef):
                return col_(child.columns[r.column].name, "c")
            if isinstance(r, ast.FieldRef):
                return col_(self.b.lay.fields[r.field].name, "s")
            raise ValueError(f"'{name.dotted}' cannot be read in a roster aggregate")

        arg = col_(child.columns[ref.column].name, "c") if isinstance(ref, ast.TableColumnRef) else None
        cond = lower(node.where, self.b.d, refs=refs) if node.where is not None else None
        if cond is not None:
            arg = case((cond, arg if arg is not None else num(1)))  # type: ignore[assignment]
        seen = self.found.setdefault(ref.table, {})
        text = f"{node.func}:{arg.sql() if arg is not None else '*'}"
        if text not in seen:
            seen[text] = (f"_t{sum(len(v) for v in self.found.values())}", node, arg)
        self.ids[id(node)] = seen[text][0]

    def join(self, base: exp.Select, done: list[str], slots: list[Slot]) -> exp.Select:
        """``base`` wrapped once, with each roster's aggregates LEFT JOINed by ``key``."""
        self.prepare(slots)
        if not self.found:
            return base
        query = exp.select(*(col_(n, "_r0") for n in done)).from_(_sub(base, "_r0"), copy=False)
        values: list[exp.Expression] = []  # appended at once: each select() re-parents the whole list
        for i, (tid, aggs) in enumerate(self.found.items()):
            alias = f"_tt{i}"
            query = query.join(_sub(self.grouped(tid, aggs), alias),
                               on=exp.EQ(this=col_(self.key, alias), expression=col_(self.key, "_r0")),
                               join_type="left", copy=False)
            for name, node, _ in aggs.values():
                value: exp.Expression = col_(name, alias)
                if node.func in ("count", "count_distinct"):  # no rows: 0, not null
                    value = exp.Coalesce(this=value, expressions=[self.b.n.literal(Decimal(0))])
                values.append(_as(value, name))
        return query.select(*values, copy=False)

    def grouped(self, tid: str, aggs: dict[str, tuple[str, ast.Aggregate, exp.Expression | None]]) -> exp.Select:
        child = self.b.lay.children[tid]
        group = col_(self.key, "s")
        inner = (exp.select(_as(group, self.key)).from_(orgs.table(self.b.names["_subs"], "s"), copy=False)
                 .join(self.rows(tid),
                       on=exp.EQ(this=col_("submission_id", "c"), expression=col_("submission_id", "s")), copy=False)
                 .group_by(group.copy(), copy=False))
        out: list[exp.Expression] = [col_(self.key, "_g")]
        named: list[exp.Expression] = []
        for name, node, arg in aggs.values():
            ref = node.source.ref
            t = child.columns[ref.column].type if isinstance(ref, ast.TableColumnRef) else Type.NUMBER
            parts, finish = split_aggregate(node.func, arg, t if node.func in ("min", "max") else Type.NUMBER,
                                            self.b.d)
            cols = []
            for j, part in enumerate(parts):
                named.append(_as(part, f"{name}_{j}"))
                cols.append(col_(f"{name}_{j}", "_g"))
            out.append(_as(finish(cols), name))
        inner = inner.select(*named, copy=False)  # at once: each select() re-parents the whole list
        return exp.select(*out).from_(_sub(inner, "_g"), copy=False)

    def rows(self, tid: str) -> exp.Expression:
        """A roster's rows under every version; a derived roster's computed from its source's."""
        if self.b.reader is not None:
            rows: exp.Expression = self.b.reader.children(tid, self.b.d, self.b.versions, "c")
            return rows
        return child_source(self.b.t, self.b.lay, self.b.d.name, self.b.versions, tid=tid, alias="c")

    def names(self) -> list[str]:
        return [name for aggs in self.found.values() for name, _, _ in aggs.values()]

    def column(self, node: ast.Aggregate, alias: str) -> exp.Expression:
        if id(node) not in self.ids:
            raise ValueError(f"{node.func}({node.source.dotted}) cannot be recomputed at a roll-up scope")
        return col_(self.ids[id(node)], alias)
