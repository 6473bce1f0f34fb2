"""The demo city's pool for the database benchmarks, generated once per scale and kept between runs.

- DuckDB: ``generate_demo_pool`` into a file under ``--cache`` (≈ 13M persons at scale 1.0);
- SQLite: a file copied from a DuckDB pool of the smaller scale (``copy_pool``);
- PostgreSQL: a schema ``fkbench_s<scale>`` (``copy_pool``, COPY), left in place for the next run.

Each is reused when it holds the expected number of persons.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb

import formkit
from bench.common import Context, log
from formkit.demo.pool import copy_pool, generate_demo_pool
from formkit.runtime import connect

SEED = 7


def _tag(scale: float) -> str:
    return f"{scale:g}".replace(".", "_")


def pool_model() -> Any:
    return formkit.load_pool(formkit.examples_dir() / "demo_city.pool.yaml")


def duckdb_pool(ctx: Context, scale: float) -> Path:
    """The DuckDB file of the pool at ``scale`` (generated when missing)."""
    cache: Path = ctx.options["cache"]
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"pool-{_tag(scale)}-seed{SEED}.duckdb"
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    log(f"   generating the demo pool at scale {scale:g} into {path} …")
    t = time.time()
    con = duckdb.connect(str(tmp))
    counts = generate_demo_pool(con, pool_model(), scale=scale, seed=SEED)
    con.execute("CHECKPOINT")
    con.close()
    tmp.rename(path)
    ctx.results.note("pools", f"generated scale {scale:g} in {time.time() - t:.0f} s: {counts}")
    return path


def persons(con: Any) -> int:
    return int(con.execute("SELECT count(*) FROM person").fetchone()[0])


def sqlite_pool(ctx: Context, scale: float) -> Path:
    cache: Path = ctx.options["cache"]
    path = cache / f"pool-{_tag(scale)}-seed{SEED}.sqlite"
    if path.exists():
        return path
    src = duckdb.connect(str(duckdb_pool(ctx, scale)), read_only=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    t = time.time()
    target = connect(f"sqlite:///{tmp}")
    counts = copy_pool(src, target, pool_model())
    target.close()
    src.close()
    tmp.rename(path)
    ctx.results.note("pools", f"copied scale {scale:g} into SQLite in {time.time() - t:.0f} s: {counts}")
    return path


def pg_connect(ctx: Context) -> Any | None:
    """A connection to ``--pg``, or None (with a note in the results) when it is unset or unreachable."""
    url = ctx.options.get("pg")
    if not url:
        return None
    try:
        return connect(url)
    except Exception as exc:  # any driver or network failure means the same here: skip PostgreSQL
        ctx.results.note("pools", f"PostgreSQL at {url} unreachable ({type(exc).__name__}): skipped")
        return None


def pg_schema(ctx: Context, scale: float) -> str | None:
    """The PostgreSQL schema holding the pool at ``scale``, or None when PostgreSQL is unreachable."""
    con = pg_connect(ctx)
    if con is None:
        return None
    schema = f"fkbench_s{_tag(scale)}"
    src = duckdb.connect(str(duckdb_pool(ctx, scale)), read_only=True)
    want = persons(src)
    try:
        con.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        con.execute(f'SET search_path TO "{schema}"')
        have = con.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                         "AND table_name = 'person'")[0][0]
        if not have or int(con.query("SELECT count(*) FROM person")[0][0]) != want:
            t = time.time()
            counts = copy_pool(src, con, pool_model())
            con.execute("ANALYZE")
            ctx.results.note("pools", f"copied scale {scale:g} into PostgreSQL in {time.time() - t:.0f} s: {counts}")
    finally:
        src.close()
        con.close()
    return schema


def connect_pg(ctx: Context, schema: str) -> Any:
    con = connect(ctx.options["pg"])
    con.execute(f'SET search_path TO "{schema}"')
    return con
