"""The org closure (SPEC §10) against a recursive reference on random dated trees, on every
engine: on each day, the (ancestor, descendant, depth) pairs it holds are exactly those found by
climbing the parent links of the rows valid that day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlglot import exp

from formkit.document.model import PoolModel
from formkit.language.ast import Type
from formkit.pipeline import load_pool
from formkit.runtime import Connection
from formkit.sql import closure
from formkit.sql.engines import bind, encode, render
from submissions import insert_rows

POOL = """\
formkit_pool: 1
id: hy
org: {table: hy_org, id: code, parent: parent_code, name: name, level: level, levels: [a, b, c, d],
      valid_from: valid_from, valid_to: valid_to}
tables:
  hy_thing: {key: id, org: org_code, columns: {id: {type: text}}}
"""
DAYS = [dt.date(2026, 1, 1) + dt.timedelta(days=30 * i) for i in range(6)]
Row = tuple[str, str | None, str, int, dt.date | None, dt.date | None]


@st.composite
def trees(draw: st.DrawFn) -> list[Row]:
    """Units on levels 1-4; each unit below the top has one row per stretch of time between
    random cuts, each with a random parent one level up (every parent exists all the time)."""
    rows: list[Row] = []
    by_level: dict[int, list[str]] = {1: ["R"]}
    rows.append(("R", None, "R", 1, None, None))
    for level in (2, 3, 4):
        codes = [f"L{level}_{i}" for i in range(draw(st.integers(1, 4)))]
        by_level[level] = codes
        for code in codes:
            cuts = sorted(draw(st.sets(st.sampled_from(DAYS[1:]), max_size=3)))
            starts: list[dt.date | None] = [None, *cuts]
            ends: list[dt.date | None] = [c - dt.timedelta(days=1) for c in cuts] + [None]
            for a, b in zip(starts, ends, strict=True):
                parent = draw(st.sampled_from(by_level[level - 1]))
                rows.append((code, parent, code, level, a, b))
    return rows


def reference(rows: list[Row], day: dt.date) -> set[tuple[str, str, int]]:
    now = {r[0]: r for r in rows if (r[4] is None or r[4] <= day) and (r[5] is None or r[5] >= day)}
    out = set()
    for code in now:
        cur: str | None = code
        depth = 0
        while cur is not None and cur in now:
            out.add((cur, code, depth))
            cur, depth = now[cur][1], depth + 1
    return out


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> PoolModel:
    path: Path = tmp_path_factory.mktemp("hy") / "hy.pool.yaml"
    path.write_text(POOL, encoding="utf-8")
    return load_pool(path)


def _q(con: Connection, name: str) -> str:
    return f"`{name}`" if con.dialect == "mysql" else f'"{name}"'


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=trees())
def test_closure_matches_the_recursive_reference(engine: Connection, pool: PoolModel, rows: list[Row]) -> None:
    con = engine
    con.execute(f"DROP TABLE IF EXISTS {_q(con, 'hy_org')}")
    con.execute(f"CREATE TABLE {_q(con, 'hy_org')} (code VARCHAR(20), parent_code VARCHAR(20), name VARCHAR(20), "
                "level INTEGER, valid_from DATE, valid_to DATE)")
    insert_rows(con, "hy_org", ["code", "parent_code", "name", "level", "valid_from", "valid_to"],
                [(*r[:4], encode(r[4], Type.DATE, con.dialect), encode(r[5], Type.DATE, con.dialect)) for r in rows])
    closure.ensure(con, pool, force=True)
    c = exp.to_identifier(closure.closure_table(pool), quoted=True)
    for day in DAYS:
        d = exp.Placeholder(this="d")
        q = (exp.select("ancestor", "descendant", "depth").from_(exp.Table(this=c))
             .where(exp.and_(exp.LTE(this=exp.column("valid_from"), expression=d),
                             exp.GTE(this=exp.column("valid_to"), expression=d.copy()))))
        sql, names = render(q, con.dialect)
        got = con.query(sql, bind(names, {"d": encode(day, Type.DATE, con.dialect)}, con.paramstyle))
        assert {(str(a), str(b), int(k)) for a, b, k in got} == reference(rows, day), (day, sql)
