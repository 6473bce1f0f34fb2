"""Benchmark 4 — roll-up: one month of submissions from every community to streets, districts and the city.

Three ways, same answers (checked before timing), same invocation:

- formkit: ``formkit.sql.rollup.rollup(con, tpl, city, period, level=L)`` — its one generated statement;
- hand SQL: bench/baselines/rollup.sql, run on the raw driver;
- naive Python: fetch the month's submitted rows and the org table, add up in Python (Decimal).

DuckDB and PostgreSQL; the org table is the demo city's at ``--scale`` (≈ 2,000 communities at 1.0), and
DuckDB's also at ``--small-scale`` (≈ 200 at 0.1). Each side is timed in turn, repetition by repetition.
With ``--spark``, formkit's statement also on a local Spark session (``local[2]``) over the same
org table and submissions, its answers checked equal to DuckDB's (the hand SQL and the naive
path are written for DuckDB/PostgreSQL, so Spark is measured against DuckDB's figures).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import duckdb

from bench import pools, submissions
from bench.common import Context, interleaved, measure, peak_mb
from bench.prefill import baseline, run_raw
from formkit.demo.pool import copy_pool
from formkit.evaluation import functions as fn
from formkit.runtime import connect
from formkit.runtime.store import insert_records
from formkit.sql.rollup import rollup

PERIOD = "2026-10"
LEVELS = {"street": 3, "district": 2, "city": 1}
SUMS = ("visits", "served", "households", "members", "spend", "volunteers", "complaints")


def _units(con: Any, city: str, level: int) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each community under ``city`` mapped to its unit at ``level``, and each unit's communities."""
    orgs = {str(c): (str(p) if p is not None else None, int(lv))
            for c, p, lv in con.query("SELECT code, parent_code, level FROM org_unit")}
    unit_of: dict[str, str] = {}
    expected: dict[str, list[str]] = defaultdict(list)
    for code, (_, lv) in orgs.items():
        if lv != 4:
            continue
        chain = [code]
        while (parent := orgs[chain[-1]][0]) is not None:
            chain.append(parent)
        if city in chain:
            unit = next(c for c in chain if orgs[c][1] == level)
            unit_of[code] = unit
            expected[unit].append(code)
    return unit_of, expected


def _fresh() -> dict[str, Any]:
    return {"submitted": set(), "score": [], "peak_day": None, **dict.fromkeys(SUMS)}


def _add(a: dict[str, Any], name: str, v: Decimal) -> None:
    if name == "score":
        a["score"].append(v)
    elif name == "peak_day":
        a["peak_day"] = v if a["peak_day"] is None else max(a["peak_day"], v)
    else:
        a[name] = v if a[name] is None else a[name] + v


def _rate(x: Any, y: Any, times: int = 1) -> Any:
    q = fn.divide(x, y) if x is not None and y is not None else None
    return fn.round_places(q * times, 2) if q is not None else None


def naive(con: Any, city: str, level: int) -> dict[str, dict[str, Any]]:
    """The naive path: every submitted row of the month and the org table into Python, added there."""
    unit_of, expected = _units(con, city, level)
    cols = ", ".join(f'"{c}"' for c in (*SUMS, "score", "peak_day"))
    rows = con.query(f"SELECT org, {cols} FROM {submissions.TABLE} WHERE period = '{PERIOD}' "
                     "AND state IN ('submitted', 'approved')")
    acc: dict[str, dict[str, Any]] = {}
    for org, *vals in rows:
        unit = unit_of.get(str(org))
        if unit is None:
            continue
        a = acc.setdefault(unit, _fresh())
        a["submitted"].add(str(org))
        for name, v in zip((*SUMS, "score", "peak_day"), vals, strict=True):
            if v is not None:
                _add(a, name, Decimal(v))
    out = {}
    for unit, leaves in expected.items():
        a = acc.get(unit) or _fresh()
        scores = a["score"]
        out[unit] = {
            "expected": len(leaves), "submitted": len(a["submitted"]),
            "missing": sorted(set(leaves) - a["submitted"]),
            **{k: a[k] for k in SUMS}, "peak_day": a["peak_day"],
            "score": fn.divide(sum(scores), Decimal(len(scores))) if scores else None,
            "rate": _rate(a["served"], a["visits"], 100), "per_household": _rate(a["members"], a["households"]),
            "cost_per_visit": _rate(a["spend"], a["visits"]),
        }
    return out


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.006")


def _check(engine: str, got: list[dict[str, Any]], hand: list[tuple[Any, ...]], py: dict[str, dict[str, Any]]) -> None:
    by_unit = {r["org"]: r for r in got}
    for row in hand:
        unit, expected, submitted, _missing, visits, *_rest = row
        rate = row[-3]
        f = by_unit[str(unit)]
        p = py[str(unit)]
        ok = (f["coverage"]["expected"] == int(expected) == p["expected"]
              and f["coverage"]["submitted"] == int(submitted) == p["submitted"]
              and _close(f["values"]["visits"], visits) and _close(p["visits"], visits)
              and _close(f["values"]["rate"], rate) and _close(p["rate"], rate))
        if not ok:
            raise AssertionError(f"{engine} {unit}: formkit {f['coverage']} {f['values']}, hand {row}, python {p}")


def _engine(ctx: Context, con: Any, tpl: Any) -> dict[str, Any]:
    sql = baseline("rollup.sql")
    comms = submissions.communities(con)
    city = submissions.city(con)
    recs = submissions.records(tpl, comms, [PERIOD])
    insert_records(con, tpl, recs, user="bench")
    case = f"{con.dialect} {len(comms)} communities"
    answers: dict[str, Any] = {}
    for name, level in LEVELS.items():
        params = {"org": city, "period": PERIOD, "level": level}
        got = answers[name] = rollup(con, tpl, city, PERIOD, level=name)
        _check(con.dialect, got, run_raw(con, sql, params), naive(con, city, level))
        reps = 3 if ctx.quick else 15
        what = f"to {name} ({len(got)} units)"
        extra = {"submissions": len(recs), "units": len(got)}
        ways = {
            "formkit": lambda name=name: rollup(con, tpl, city, PERIOD, level=name),
            "hand SQL": lambda params=params: run_raw(con, sql, params),
            "naive Python": lambda level=level: naive(con, city, level),
        }
        for who, st in interleaved(ways, repeat=reps, warmup=1, budget=ctx.budget).items():
            ctx.add("rollup", case, who, what, st, peak_mb=peak_mb(ways[who]), **extra)
    return answers


def _spark(ctx: Context, tpl: Any, duck: dict[str, Any]) -> None:
    """formkit's roll-up on local Spark: the same org table and records, the same answers as DuckDB."""
    con = connect(f"spark://local?warehouse={ctx.work / 'spark'}&metastore=memory")
    src = duckdb.connect(str(pools.duckdb_pool(ctx, ctx.options["scale"])), read_only=True)
    copy_pool(src, con, pools.pool_model(), limit_rows=0)  # the org table; the pool's tables empty
    src.close()
    comms = submissions.communities(con)
    city = submissions.city(con)
    recs = submissions.records(tpl, comms, [PERIOD])
    insert_records(con, tpl, recs, user="bench")
    case = f"spark {len(comms)} communities"
    for name in LEVELS:
        got = rollup(con, tpl, city, PERIOD, level=name)
        if got != duck[name]:
            raise AssertionError(f"spark's roll-up to {name} differs from DuckDB's")
        what = f"to {name} ({len(got)} units)"
        ctx.add("rollup", case, "formkit", what,
                measure(lambda name=name: rollup(con, tpl, city, PERIOD, level=name), repeat=3, warmup=1,
                        budget=ctx.budget), submissions=len(recs), units=len(got))


def run(ctx: Context) -> None:
    tpl = submissions.template(ctx)
    engines = [lambda: submissions.duckdb_db(ctx, ctx.work / "rollup.duckdb"),
               lambda: submissions.postgres_db(ctx, "fkbench_rollup")]
    small = ctx.options["small_scale"]
    if small != ctx.options["scale"]:  # ≈ 200 communities: where formkit must beat the naive Python path
        engines.insert(1, lambda: submissions.duckdb_db(ctx, ctx.work / "rollup-small.duckdb", scale=small))
    duck: dict[str, Any] = {}
    for opener in engines:
        con = opener()
        if con is None:
            continue
        try:
            answers = _engine(ctx, con, tpl)
            duck = duck or answers
        finally:
            con.close()
    if ctx.options.get("spark"):
        _spark(ctx, tpl, duck)
