"""Benchmark 5 — bulk validation: ~100k stored submissions checked in SQL vs row by row in Python.

- formkit: ``formkit.sql.validate.validate(con, tpl, city)``: one query over every stored submission
  of the city (all periods, all states) that returns only the violations;
- Python: fetch every stored submission and run formkit's Python evaluator on each
  (``formeval.evaluate_form``: the same built-in checks and rules, calcs recomputed), the way a
  program without SQL validation would.

Both find the same violations (checked). DuckDB; the submissions of bench/templates/services.yaml,
every community of the city times as many months as it takes to reach 100k (quick: a few hundred).
"""

from __future__ import annotations

import math
import time
from collections import Counter
from decimal import Decimal
from typing import Any

from bench import submissions
from bench.common import Context, measure, peak_mb, stats
from formkit.evaluation.formeval import evaluate_form
from formkit.evaluation.functions import tidy
from formkit.runtime.store import insert_records
from formkit.sql.validate import validate

TARGET_ROWS = 100_000
INPUTS = ("visits", "served", "households", "members", "spend", "volunteers", "complaints", "score", "peak_day",
          "channel", "contact")


def periods(n: int) -> list[str]:
    return [f"{2020 + i // 12}-{i % 12 + 1:02d}" for i in range(n)]


def python_loop(con: Any, tpl: Any) -> Counter[tuple[str, str]]:
    cols = ", ".join(f'"{c}"' for c in INPUTS)
    found: Counter[tuple[str, str]] = Counter()
    for sid, period, *vals in con.query(f"SELECT submission_id, period, {cols} FROM {submissions.TABLE}"):
        values = {k: tidy(v) if isinstance(v, Decimal) else v for k, v in zip(INPUTS, vals, strict=True)}
        st = evaluate_form(tpl, values, period=period)
        for i in st.issues:
            found[(i.rule, i.field)] += 1
        del sid
    return found


def run(ctx: Context) -> None:
    tpl = submissions.template(ctx)
    con = submissions.duckdb_db(ctx, ctx.work / "validate.duckdb")
    try:
        comms = submissions.communities(con)
        city = submissions.city(con)
        target = 300 if ctx.quick else TARGET_ROWS
        months = periods(max(1, math.ceil(target / (0.94 * len(comms)))))
        recs = submissions.records(tpl, comms, months)[:target]
        insert_records(con, tpl, recs, user="bench")
        stored = int(con.query(f"SELECT count(*) FROM {submissions.TABLE}")[0][0])
        case = f"duckdb {stored // 1000}k rows" if stored >= 1000 else f"duckdb {stored} rows"
        sql_found = Counter((v.rule, v.field) for v in validate(con, tpl, city))
        t = time.perf_counter()
        py_found = python_loop(con, tpl)  # timed once: minutes at 100k rows
        py_time = time.perf_counter() - t
        if sql_found != py_found:
            raise AssertionError(f"SQL and Python validation disagree: {sql_found} vs {py_found}")
        extra = {"rows": stored, "violations": sum(sql_found.values())}
        ctx.add("validate", case, "formkit SQL", "validate every submission", measure(
            lambda: validate(con, tpl, city), repeat=3 if ctx.quick else 9, warmup=1, budget=ctx.budget),
            peak_mb=peak_mb(lambda: validate(con, tpl, city)), **extra)
        ctx.add("validate", case, "Python loop", "validate every submission", stats([py_time]), **extra)
    finally:
        con.close()
