"""Stored submissions of bench/templates/services.yaml for the roll-up and validation benchmarks.

The org table comes from the demo pool at ``--scale`` (every community of the city at 1.0); the
submissions are written with formkit's own bulk loader (``insert_records``) after formkit's Python
evaluator computed their calcs, one deterministic set of inputs per community. About one in ten
communities has no submission or only a draft (coverage reports them missing); a share of the
inputs (a few per cent, as in real reports) break a bound, a pattern or a rule, so validation has
violations to find and returns only those.
"""

from __future__ import annotations

import random
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

import formkit
from bench import pools
from bench.common import ROOT, Context
from formkit.demo.pool import copy_pool
from formkit.evaluation.formeval import evaluate_form
from formkit.runtime import connect
from formkit.runtime.store import Record
from formkit.sql.names import layout

TEMPLATE = ROOT / "bench" / "templates" / "services.yaml"
TABLE = "fk_bench_services_v1"


def template(ctx: Context) -> Any:
    folder = ctx.work / "services"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(formkit.examples_dir() / "demo_city.pool.yaml", folder / "demo_city.pool.yaml")
    shutil.copy(TEMPLATE, folder / "services.yaml")
    return formkit.load(folder / "services.yaml")


def inputs(rng: random.Random) -> dict[str, Any]:
    visits = rng.randint(0, 400)
    served = rng.randint(0, visits * 3) if rng.random() > 0.03 else rng.randint(0, visits * 12 + 1)
    households = rng.randint(0, 200)
    complaints = rng.randint(0, 3) if rng.random() < 0.3 else 0
    return {
        "visits": visits if rng.random() > 0.01 else None,
        "served": served,
        "households": households,
        "members": households * rng.randint(1, 4) - (rng.randint(0, 5) if rng.random() < 0.05 else 0),
        "spend": Decimal(rng.randint(0, 5_000_000)) / 100,
        "volunteers": rng.randint(0, 60),
        "complaints": complaints,
        "score": Decimal(rng.randint(0, 102)) / 10,
        "peak_day": rng.randint(0, 90),
        "channel": rng.choice(["door", "phone", "online", None]),
        "contact": rng.choice(["13812345678", "1381234", None]) if complaints else None,
    }


def records(tpl: Any, communities: list[str], periods: list[str], *, seed: int = 2026,
            distinct: int = 2000) -> list[Any]:
    """One record per community and period (a few missing or drafts); at most ``distinct``
    input sets are evaluated by formkit's Python evaluator and reused (bulk, not per row)."""
    rng = random.Random(seed)
    slots = list(layout(tpl).slots)
    evaluated = []
    for _ in range(min(distinct, len(communities) * len(periods))):
        st = evaluate_form(tpl, inputs(rng), period=periods[0])
        evaluated.append({s: st.values.get(s) for s in slots})
    out = []
    k = 0
    for period in periods:
        for org in communities:
            fate = rng.random()
            if fate < 0.06:
                continue
            state = "draft" if fate < 0.1 else ("submitted" if fate < 0.7 else "approved")
            out.append(Record(org, period, state, dict(evaluated[k % len(evaluated)])))
            k += 1
    return out


def communities(con: Any) -> list[str]:
    return [str(r[0]) for r in con.query("SELECT code FROM org_unit WHERE level = 4 ORDER BY code")]


def city(con: Any) -> str:
    return str(con.query("SELECT code FROM org_unit WHERE level = 1")[0][0])


def duckdb_db(ctx: Context, path: Path, *, scale: float | None = None) -> Any:
    """A fresh DuckDB file with the city's org table (from the pool at ``scale``, default ``--scale``)."""
    path.unlink(missing_ok=True)
    con = connect(f"duckdb:///{path}")
    src = pools.duckdb_pool(ctx, ctx.options["scale"] if scale is None else scale)
    con.execute(f"ATTACH '{src}' AS pool (READ_ONLY)")
    con.execute("CREATE TABLE org_unit AS SELECT * FROM pool.org_unit ORDER BY code")
    for name in pools.pool_model().tables:  # empty: a read checks that the pool's tables exist
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM pool."{name}" LIMIT 0')
    con.execute("DETACH pool")
    return con


def postgres_db(ctx: Context, schema: str) -> Any | None:
    """A fresh PostgreSQL schema with the city's org table, or None when PostgreSQL is unreachable."""
    con = pools.pg_connect(ctx)
    if con is None:
        return None
    con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    con.execute(f'CREATE SCHEMA "{schema}"')
    con.execute(f'SET search_path TO "{schema}"')
    src = duckdb.connect(str(pools.duckdb_pool(ctx, ctx.options["scale"])), read_only=True)
    copy_pool(src, con, pools.pool_model(), limit_rows=0)  # the org table; the pool's tables empty (a read checks them)
    src.close()
    return con
