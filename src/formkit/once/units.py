"""Units: what a catalog reads from the database with ``--db`` — how many org units each level
has (the burden's multiplier) and which templates had no submission lately (the review)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlglot.expressions as exp

from formkit.core.periods import Period, period_containing, previous
from formkit.document.model import PoolModel
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql.expr import param
from formkit.sql.names import REGISTRY
from formkit.sql.org import col, table
from formkit.sql.pooldb import has_table
from formkit.sql.reading import READABLE, deployed

RECENT = 3  # periods a template must have had a submission in (定期评估退出)


def units_per_level(con: Any, pool: PoolModel) -> dict[str, int]:
    """Org units per level name, counted in the pool's org table."""
    o = pool.org
    q = (exp.select(col(o.level), exp.Count(this=exp.Star())).from_(table(o.table))
         .group_by(col(o.level)))
    out: dict[str, int] = {}
    for level, n in con.query(q):
        k = int(level)
        if 1 <= k <= len(o.levels):
            out[o.levels[k - 1]] = int(n)
    return out


def recent_periods(kind: str, today: dt.date, count: int = RECENT) -> list[Period]:
    """The last ``count`` whole periods before the one ``today`` falls in."""
    if kind == "once":  # a one-off report has no periods before it
        return []
    current: Period | None = period_containing(kind, today)
    out: list[Period] = []
    while len(out) < count and current is not None:
        current = previous(current)
        if current is not None:
            out.append(current)
    return out


def submissions_since(con: Any, template: Template, periods: Sequence[Period]) -> int | None:
    """Submitted or approved submissions of ``template`` (any deployed version) in ``periods``;
    None when it was never deployed in this database."""
    if not periods or not has_table(con, REGISTRY):  # a one-off report has no "last three periods"
        return None
    versions = deployed(con, template)
    if not versions:
        return None
    d = con.dialect
    names = [f"p{i}" for i in range(len(periods))]
    total = 0
    for _, name, _ in versions:
        where = exp.and_(
            exp.In(this=exp.column("period"), expressions=[param(n, Type.TEXT, d) for n in names]),
            exp.In(this=exp.column("state"), expressions=[exp.Literal.string(s) for s in READABLE]))
        q = exp.select(exp.Count(this=exp.Star())).from_(table(name)).where(where)
        rows = con.query(q, {n: p.text for n, p in zip(names, periods, strict=True)})
        total += int(rows[0][0])
    return total
