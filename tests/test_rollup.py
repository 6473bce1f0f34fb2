"""Roll-up: stored submissions to streets, districts and the city and across periods, in ONE
statement, equal to a plain-Python computation over the same submissions (SPEC §2.4, §4).

The Python side applies SPEC §2.4 by hand: sums, averages over the leaf submissions, min/max,
counts, first/last per leaf then summed, calcs evaluated again (formkit.evaluate) on the
rolled-up inputs, pool values counted again from the person list, coverage from the org tree.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from formkit.core.errors import TemplateError
from formkit.evaluation import functions as fn
from formkit.evaluation.evaluator import Env, eval_node
from formkit.meaning.template import Template
from formkit.runtime import Connection
from formkit.runtime.store import read_submission, write_submission
from formkit.sql.engines import render
from formkit.sql.rollup import build_rollup, rollup, source_periods
from submissions import CITY, DISTRICTS, Counting, below, communities, create_city, persons, template, units

FLOW = """\
fields:
  - {id: visits, label: 走访, type: integer, min: 0}
  - {id: served, label: 服务, type: integer, min: 0}
  - {id: rate, label: 服务率, type: decimal, precision: 2, calc: "round(served / visits * 100, 2)"}
  - {id: share, label: 人均, type: decimal, precision: 4, calc: "round(rate / 100 * served / visits, 4)"}
  - {id: score, label: 评分, type: decimal, precision: 1, rollup: avg}
  - {id: peak, label: 峰值, type: integer, rollup: max}
  - {id: low, label: 低值, type: integer, rollup: min}
  - {id: reported, label: 上报, type: integer, rollup: count}
  - {id: people, label: 人口, type: integer, value: count(rk_person)}
  - {id: mean_age, label: 平均年龄, type: decimal, precision: 2, value: avg(rk_person.age)}
  - {id: note, label: 备注, type: text}
  - id: g
    label: 表
    type: grid
    rows:
      - {id: a, label: 甲}
      - {id: b, label: 乙}
      - {id: total, label: 合计, calc: sum(col)}
    columns:
      - {id: m, label: 男, type: integer}
      - {id: f, label: 女, type: integer}
      - {id: all, label: 小计, calc: row.m + row.f}
"""

STOCK = """\
fields:
  - {id: opening, label: 期初, type: integer, value: prev(closing), confirm: true, rollup: {period: first}}
  - {id: received, label: 入库, type: integer, min: 0}
  - {id: released, label: 出库, type: integer, min: 0}
  - {id: closing, label: 期末, type: integer, calc: "coalesce(opening, 0) + received - released",
     rollup: {period: last}}
  - {id: staff, label: 人员, type: integer, rollup: {period: last}}
  - {id: temp, label: 温度, type: decimal, precision: 1, rollup: avg}
"""
MONTHS = ("2026-07", "2026-08", "2026-09")


def _people_by_community() -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for p in persons():
        out.setdefault(p["community_code"], []).append(p["age"])
    return out


# -- the data: submissions written through the store, and kept for the Python side ---------------


class Seeded:
    def __init__(self, t: Template) -> None:
        self.t = t
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}  # (org, period) -> stored values (submitted)

    def values(self, org: str, period: str) -> dict[str, Any] | None:
        return self.rows.get((org, period))


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_city(engine)
    return engine


@pytest.fixture(scope="module")
def flow(city: Connection, tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    t = template(tmp_path_factory.mktemp("flow"), FLOW, prefix="ru")
    rng = random.Random(2026)
    ages = _people_by_community()
    out = Seeded(t)
    for org in communities():
        fate = rng.random()
        if fate < 0.1:
            continue  # never submitted: coverage reports it missing
        visits = rng.randint(0, 60)
        values: dict[str, Any] = {
            "visits": visits, "served": rng.randint(0, visits) if visits else 0,
            "score": Decimal(rng.randint(0, 100)) / 10, "peak": rng.randint(0, 99), "low": rng.randint(0, 99),
            "reported": rng.choice([None, rng.randint(0, 9)]), "people": len(ages.get(org, [])),
            "note": rng.choice([None, "好"]),
        }
        a = ages.get(org, [])
        values["mean_age"] = fn.round_places(fn.divide(Decimal(sum(a)), Decimal(len(a))), 2) if a else None
        grids = {"g": {"a": {"m": rng.randint(0, 9), "f": rng.randint(0, 9)},
                       "b": {"m": rng.choice([None, rng.randint(0, 9)]), "f": rng.randint(0, 9)}}}
        state = "draft" if fate < 0.18 else rng.choice(["submitted", "approved"])
        write_submission(city, t, org=org, period="2026-10", values=values, grids=grids, state=state)
        if state != "draft":
            out.rows[(org, "2026-10")] = _read_back(city, t, org, "2026-10")
    return out


def _read_back(con: Connection, t: Template, org: str, period: str) -> dict[str, Any]:
    """The stored submission's values (calcs as stored), grid cells as ``grid.row.col``."""
    got = read_submission(con, t, org=org, period=period)
    assert got is not None
    cells = {f"{g}.{r}.{c}": v for g, rows in got["grids"].items() for r, cols in rows.items() for c, v in cols.items()}
    return {**got["values"], **cells}


@pytest.fixture(scope="module")
def stock(city: Connection, tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    t = template(tmp_path_factory.mktemp("stock"), STOCK, prefix="rs")
    rng = random.Random(7)
    out = Seeded(t)
    for org in communities():
        closing: Decimal | None = None
        for month in MONTHS:
            if rng.random() < 0.12:
                continue  # a month not submitted
            received, released = rng.randint(0, 40), rng.randint(0, 20)
            values = {"received": received, "released": released, "staff": rng.randint(1, 9),
                      "temp": Decimal(rng.randint(-50, 350)) / 10}
            write_submission(city, t, org=org, period=month, values=values)
            stored = _read_back(city, t, org, month)
            opening = closing if (org, _before(month)) in out.rows else None  # prev(): last month's closing
            assert stored["opening"] == opening
            closing = stored["closing"]
            out.rows[(org, month)] = stored
    return out


def _before(month: str) -> str:
    return MONTHS[MONTHS.index(month) - 1] if month != MONTHS[0] else "2026-06"


# -- the plain-Python roll-up -----------------------------------------------------------------------


def _leaves(org: str, level: int | None) -> dict[str, list[str]]:
    if level is None:
        return {org: communities(org)}
    return {u: communities(u) for u, _, _, lv in units() if lv == level and u in _below(org)}


def _below(org: str) -> set[str]:
    return below(org)


def _num(xs: list[Any]) -> list[Decimal]:
    return [Decimal(x) for x in xs if x is not None]


def _sum(xs: list[Any]) -> Decimal | None:
    v = fn.aggregate("sum", _num(xs))
    assert v is None or isinstance(v, Decimal)
    return v


def _org_mode(mode: str, xs: list[Any]) -> Any:
    if mode in ("sum", "first", "last"):
        return _sum(xs)
    return fn.aggregate(mode, _num(xs))


def _recompute(t: Template, field: str, values: dict[str, Any]) -> Any:
    calc = t.fields[field].calc
    assert calc is not None and calc.node is not None
    v = eval_node(calc.node, Env(values=values))
    places = 0 if t.fields[field].model.type == "integer" else t.fields[field].model.precision
    return fn.round_places(v, places) if isinstance(v, Decimal) and places is not None else v


def expect_flow(seeded: Seeded, org: str, level: int | None) -> dict[str, dict[str, Any]]:
    t = seeded.t
    ages = _people_by_community()
    out = {}
    for unit, leaves in _leaves(org, level).items():
        subs = [v for leaf in leaves if (v := seeded.values(leaf, "2026-10")) is not None]
        vals: dict[str, Any] = {}
        for fid in ("visits", "served", "people"):
            vals[fid] = _sum([s.get(fid) for s in subs])
        vals["score"] = fn.aggregate("avg", _num([s.get("score") for s in subs]))
        vals["peak"] = fn.aggregate("max", _num([s.get("peak") for s in subs]))
        vals["low"] = fn.aggregate("min", _num([s.get("low") for s in subs]))
        vals["reported"] = fn.aggregate("count", [s.get("reported") for s in subs])
        every = [a for leaf in leaves for a in ages.get(leaf, [])]  # requery: the pool at the unit
        vals["mean_age"] = fn.round_places(fn.divide(Decimal(sum(every)), Decimal(len(every))), 2) if every else None
        vals["note"] = None
        vals["rate"] = _recompute(t, "rate", vals)
        vals["share"] = _recompute(t, "share", vals)
        cells = {k: _sum([s.get(k) for s in subs]) for k in (f"g.{r}.{c}" for r in ("a", "b", "total")
                                                                  for c in ("m", "f", "all"))}
        missing = sorted(leaf for leaf in leaves if seeded.values(leaf, "2026-10") is None)
        out[unit] = {"values": vals, "cells": cells,
                     "coverage": {"expected": len(leaves), "submitted": len(leaves) - len(missing), "missing": missing}}
    return out


def _check(got: list[dict[str, Any]], want: dict[str, dict[str, Any]]) -> None:
    assert [g["org"] for g in got] == sorted(want)
    for g in got:
        w = want[g["org"]]
        for k, v in w["values"].items():
            assert g["values"][k] == v, (g["org"], k, g["values"][k], v)
        for k, v in w.get("cells", {}).items():
            gid, r, c = k.split(".")
            assert g["grids"][gid][r][c] == v, (g["org"], k)
        assert g["coverage"] == w["coverage"]


@pytest.mark.parametrize(("org", "level"), [(CITY, "district"), (DISTRICTS[0], "street"), (CITY, None),
                                            (DISTRICTS[1], "community"), ("370601002", "street")],
                         ids=["city-districts", "district-streets", "city", "district-communities", "one-street"])
def test_flow_rollup(flow: Seeded, city: Connection, org: str, level: str | None) -> None:
    """SPEC §2.4: sums, avg over leaves, min/max/count, recompute, requery, grids per cell, coverage."""
    number = {"city": 1, "district": 2, "street": 3, "community": 4}[level] if level else None
    _check(rollup(city, flow.t, org, "2026-10", level=level), expect_flow(flow, org, number))


def test_recompute_is_not_an_average_of_rates(flow: Seeded, city: Connection) -> None:
    """A district's rate comes from the district's totals, never from averaging the rates."""
    got = rollup(city, flow.t, DISTRICTS[0], "2026-10")[0]["values"]["rate"]
    rates = [v["rate"] for (o, _), v in flow.rows.items() if o in _below(DISTRICTS[0]) and v.get("rate") is not None]
    average = fn.aggregate("avg", [Decimal(r) for r in rates])
    assert got is not None and average is not None and abs(got - average) > Decimal("0.01")


def test_avg_is_over_the_leaves(flow: Seeded, city: Connection) -> None:
    """The city's avg is over the community submissions, not an average of district averages."""
    city_avg = rollup(city, flow.t, CITY, "2026-10")[0]["values"]["score"]
    districts = [r["values"]["score"] for r in rollup(city, flow.t, CITY, "2026-10", level="district")]
    leaves = [Decimal(v["score"]) for v in flow.rows.values()]
    assert city_avg == fn.aggregate("avg", leaves)
    assert city_avg != fn.aggregate("avg", districts)


def expect_stock(seeded: Seeded, org: str, level: int | None) -> dict[str, dict[str, Any]]:
    out = {}
    for unit, leaves in _leaves(org, level).items():
        per_leaf: list[dict[str, Any]] = []
        temps: list[Any] = []
        missing = []
        for leaf in leaves:
            subs = [(m, v) for m in MONTHS if (v := seeded.values(leaf, m)) is not None]
            if len(subs) < len(MONTHS):
                missing.append(leaf)
            if not subs:
                continue
            temps += [v["temp"] for _, v in subs]
            per_leaf.append({"opening": subs[0][1]["opening"], "closing": subs[-1][1]["closing"],
                             "staff": subs[-1][1]["staff"],
                             "received": _sum([v["received"] for _, v in subs]),
                             "released": _sum([v["released"] for _, v in subs])})
        vals = {k: _org_mode("sum", [p[k] for p in per_leaf]) for k in ("opening", "received", "released", "staff")}
        vals["closing"] = _recompute(seeded.t, "closing", vals)
        vals["temp"] = fn.aggregate("avg", _num(temps))  # avg on both axes: over every leaf submission
        out[unit] = {"values": vals, "coverage": {"expected": len(leaves), "submitted": len(leaves) - len(missing),
                                                  "missing": sorted(missing)}}
    return out


@pytest.mark.parametrize(("org", "level"), [(CITY, "district"), (DISTRICTS[1], "street"), (CITY, None)])
def test_stock_quarter_from_months(stock: Seeded, city: Connection, org: str, level: str | None) -> None:
    """A quarter from its months: opening first, closing last per unit, flows summed (SPEC §2.4)."""
    number = {"city": 1, "district": 2, "street": 3}[level] if level else None
    _check(rollup(city, stock.t, org, "2026Q3", level=level), expect_stock(stock, org, number))


def test_one_month_of_the_stock(stock: Seeded, city: Connection) -> None:
    got = rollup(city, stock.t, DISTRICTS[0], "2026-08")[0]
    subs = [v for (o, m), v in stock.rows.items() if m == "2026-08" and o in _below(DISTRICTS[0])]
    assert got["values"]["received"] == _sum([s["received"] for s in subs])
    assert got["values"]["staff"] == _sum([s["staff"] for s in subs])
    assert got["coverage"]["submitted"] == len(subs)


def test_one_statement(flow: Seeded, stock: Seeded, city: Connection) -> None:
    """SPEC §4: a roll-up is one statement whatever the number of units. It is preceded by one
    small read of the registry of deployed versions (which versions' tables the roll-up reads),
    so that a version deployed elsewhere since counts at once."""
    counted = Counting(city)
    for t, period in ((flow.t, "2026-10"), (stock.t, "2026Q3")):
        rollup(counted, t, DISTRICTS[0], period, level="street")  # type: ignore[arg-type]  # warms the schema check
        for level, count in (("street", 3), ("community", len(communities(DISTRICTS[0])))):
            counted.statements.clear()
            got = rollup(counted, t, DISTRICTS[0], period, level=level)  # type: ignore[arg-type]
            assert len(got) == count and len(counted.statements) == 2
            registry, statement = (str(s) for s in counted.statements)
            assert "fk_templates" in registry and "fk_templates" not in statement


@pytest.mark.parametrize(("kind", "period", "ok"), [
    ("monthly", "2026Q3", 3), ("monthly", "2026", 12), ("quarterly", "2026", 4), ("monthly", "2026-10", 1),
    ("weekly", "2026-10", 0), ("weekly", "2026", 0), ("quarterly", "2026-10", 0), ("monthly", "2026W40", 0),
    ("once", "2026", 0)])
def test_periods_roll_up_only_into_exact_unions(tmp_path: Path, kind: str, period: str, ok: int) -> None:
    t = template(tmp_path, f"period: {kind}\nfields:\n  - {{id: n, label: n, type: integer}}\n", prefix="rp")
    if ok:
        got = source_periods(t, period)
        assert len(got) == ok and got[0].start == got[0].start and got[-1].end is not None
        return
    with pytest.raises(TemplateError) as exc:
        source_periods(t, period)
    assert exc.value.codes() == ["bad-period"]


def test_levels_must_be_at_or_above_the_template(tmp_path: Path) -> None:
    t = template(tmp_path, "fields:\n  - {id: n, label: n, type: integer}\n", prefix="rl", level="street")
    with pytest.raises(ValueError, match="rolls up to that level or above"):
        build_rollup(t, "duckdb", level="community")
    with pytest.raises(ValueError, match="not an org level"):
        build_rollup(t, "duckdb", level="nowhere")


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "mysql", "sqlite"])
def test_statement_renders_with_parameters_only(tmp_path: Path, dialect: str) -> None:
    """Every runtime value is a bound parameter: the org code and periods never appear in the text."""
    t = template(tmp_path, FLOW, prefix="rr")
    sql, params = render(build_rollup(t, dialect, level="street", periods=3), dialect)
    assert {"org", "period_1", "period_2", "period_3"} <= set(params)
    assert set(params) <= {"org", "period_1", "period_2", "period_3", "period_start", "period_end"}
    assert "370601" not in sql and "2026" not in sql


def test_unknown_org_is_an_error(flow: Seeded, city: Connection) -> None:
    with pytest.raises(TemplateError) as exc:
        rollup(city, flow.t, "999999", "2026-10")
    assert exc.value.codes() == ["unknown-org"]
    assert rollup(city, flow.t, communities()[0], "2026-10", level="street") == []  # below the level: no units


def test_duckdb_average_of_a_count_rounds_like_python() -> None:
    """The roll-up's DuckDB average (long division of the scaled total by the count, written
    without lambdas) rounds half away from zero at 10 places, as the language's division."""
    import duckdb
    from sqlglot import exp

    from formkit.sql.engines import get
    from formkit.sql.stored import average

    rng = random.Random(7)
    cases = [(Decimal("-0.0000000015"), 10), (Decimal("0.0000000025"), 20), (Decimal("-7"), 2),
             (Decimal("1"), 3), (Decimal("-2"), 3), (Decimal("9999999999999999999999999999.9999999999"), 7),
             (Decimal("0"), 5), (Decimal("5"), 0)]
    cases += [(Decimal(rng.randint(-10**20, 10**20)).scaleb(-rng.randint(0, 10)), rng.randint(1, 10**6))
              for _ in range(200)]  # every total exact at 10 places, as a stored sum is
    sql = average(exp.cast(exp.column("t"), "DECIMAL(38, 10)"), exp.column("c"), get("duckdb")).sql("duckdb")
    con = duckdb.connect()
    con.execute("CREATE TABLE v (i INTEGER, t DECIMAL(38, 10), c BIGINT)")
    con.executemany("INSERT INTO v VALUES (?, ?, ?)", [(i, str(t), c) for i, (t, c) in enumerate(cases)])
    got = dict(con.execute(f"SELECT i, {sql} FROM v").fetchall())
    for i, (t, c) in enumerate(cases):
        want = fn.divide(t, Decimal(c))
        assert (got[i] is None and want is None) or Decimal(got[i]) == want, (t, c, got[i], want)


def test_duckdb_division_by_a_whole_column_rounds_like_python() -> None:
    """A recomputed calc's division by a whole-number column (a sum of integers), written on
    HUGEINT without lambdas, and its product with an integer literal: the language's values."""
    import duckdb
    from sqlglot import exp

    from formkit.sql.engines import get
    from formkit.sql.stored import WholeNumbers

    n = WholeNumbers(get("duckdb"), {"w"})
    t, w = n.normalize(exp.column("t")), n.normalize(exp.column("w"))
    sql = n.mul(n.div(t, w), n.literal(Decimal(100))).sql("duckdb")
    rng = random.Random(11)
    cases = [(Decimal("-0.0000000015"), 10), (Decimal("0.0000000015"), -10), (Decimal("1"), -3), (Decimal("7"), 0)]
    cases += [(Decimal(rng.randint(-10**20, 10**20)).scaleb(-rng.randint(0, 10)), rng.randint(-10**9, 10**9))
              for _ in range(200)]
    con = duckdb.connect()
    con.execute("CREATE TABLE v (i INTEGER, t DECIMAL(38, 10), w DECIMAL(38, 10))")
    con.executemany("INSERT INTO v VALUES (?, ?, ?)", [(i, str(a), b) for i, (a, b) in enumerate(cases)])
    got = dict(con.execute(f"SELECT i, {sql} FROM v").fetchall())
    for i, (a, b) in enumerate(cases):
        q = fn.divide(a, Decimal(b))
        want = None if q is None else q * 100
        assert (got[i] is None and want is None) or Decimal(got[i]) == want, (a, b, got[i], want)
