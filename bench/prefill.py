"""Benchmark 3 — pre-fill: formkit's generated SQL vs the same aggregates written by hand.

The template is the example with the most pool-bound values, examples/disabled_persons_ledger.yaml
(33: five counts and a 7 x 4 grid). On the demo city (DuckDB at ``--scale``, 13M persons at 1.0;
SQLite and PostgreSQL at ``--small-scale``, 1.3M at 0.1):

- one community: ``prefill(con, tpl, community, period)`` vs bench/baselines/prefill_one.sql;
- send-down-to-all: ``prefill_all(con, tpl, city, period)`` (every community of the city, one
  statement) vs bench/baselines/prefill_all.sql (a GROUP BY over the register).

formkit's figures include building parameters, running and decoding the values; the baselines run
on the raw driver and only fetch. Both answers are compared before anything is timed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import formkit
from bench import pools
from bench.common import ROOT, Context, interleaved, peak_mb
from formkit.runtime import connect
from formkit.sql.prefill import prefill, prefill_all

BASELINES = ROOT / "bench" / "baselines"
TEMPLATE = "disabled_persons_ledger.yaml"
PERIOD = "2026-10"
COMMUNITY = "370602001001"  # 向阳街道's first community: present at every scale
_PARAM = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


def baseline(name: str) -> str:
    return (BASELINES / name).read_text(encoding="utf-8")


def run_raw(con: Any, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Run hand-written SQL with ``:name`` parameters on the raw driver of a formkit connection."""
    if con.dialect == "duckdb":
        return list(con.raw.execute(_PARAM.sub(r"$\1", sql), params).fetchall())
    if con.dialect == "sqlite":
        return list(con.raw.execute(sql, params).fetchall())
    names: list[str] = []

    def number(m: re.Match[str]) -> str:
        if m.group(1) not in names:
            names.append(m.group(1))
        return f"${names.index(m.group(1)) + 1}"

    text = _PARAM.sub(number, sql)
    with con.raw.cursor() as cur:
        cur.execute(text, [params[n] for n in names])
        return list(cur.fetchall())


def columns(sql: str) -> list[str]:
    return re.findall(r'AS "?([\w.]+)"?,?\s*$', sql, re.MULTILINE)


def _check(engine: str, got: dict[str, Any], row: tuple[Any, ...], names: list[str]) -> None:
    want = dict(zip(names, row, strict=True))
    bad = {k: (got.get(k), v) for k, v in want.items() if k in got and int(got[k] or 0) != int(v or 0)}
    if bad or not set(want) <= set(got):
        raise AssertionError(f"{engine}: formkit and the hand-written pre-fill disagree: {bad or set(want) - set(got)}")


def _engines(ctx: Context) -> list[tuple[str, float, Callable[[], Any]]]:
    scale, small = ctx.options["scale"], ctx.options["small_scale"]
    out: list[tuple[str, float, Callable[[], Any]]] = [
        ("duckdb", scale, lambda: connect(f"duckdb:///{pools.duckdb_pool(ctx, scale)}")),
        ("sqlite", small, lambda: connect(f"sqlite:///{pools.sqlite_pool(ctx, small)}")),
    ]
    schema = pools.pg_schema(ctx, small)
    if schema is not None:
        out.append(("postgres", small, lambda: pools.connect_pg(ctx, schema)))
    return out


def _engine(ctx: Context, con: Any, tpl: Any, scale: float) -> None:
    one_sql, all_sql = baseline("prefill_one.sql"), baseline("prefill_all.sql")
    names = columns(one_sql)
    persons = int(con.query("SELECT count(*) FROM person")[0][0])
    city = str(con.query("SELECT code FROM org_unit WHERE level = 1")[0][0])
    case = f"{con.dialect} {persons / 1e6:.2f}M"
    extra = {"persons": persons, "scale": scale}
    got = prefill(con, tpl, COMMUNITY, PERIOD)
    _check(con.dialect, got, run_raw(con, one_sql, {"org": COMMUNITY})[0], names)
    units = prefill_all(con, tpl, city, PERIOD)
    hand = {str(r[0]): r[1:] for r in run_raw(con, all_sql, {})}
    _check(con.dialect, units[COMMUNITY], hand[COMMUNITY], names)
    extra_all = {**extra, "units": len(units)}
    reps = 5 if ctx.quick else 31
    one = interleaved({
        "formkit": lambda: prefill(con, tpl, COMMUNITY, PERIOD),
        "hand SQL": lambda: run_raw(con, one_sql, {"org": COMMUNITY}),
    }, repeat=reps, warmup=2, budget=ctx.budget)
    for who, st in one.items():
        ctx.add("prefill", case, who, "one community", st, **extra)
    reps = 3 if ctx.quick else 7
    ways = {"formkit": lambda: prefill_all(con, tpl, city, PERIOD), "hand SQL": lambda: run_raw(con, all_sql, {})}
    every = interleaved(ways, repeat=reps, warmup=1, budget=ctx.budget)
    for who, st in every.items():
        ctx.add("prefill", case, who, "send-down to all", st, peak_mb=peak_mb(ways[who]), **extra_all)

def run(ctx: Context) -> None:
    tpl = formkit.load(formkit.examples_dir() / TEMPLATE)
    for _, scale, opener in _engines(ctx):
        con = opener()
        try:
            _engine(ctx, con, tpl, scale)
        finally:
            con.close()
