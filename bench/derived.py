"""Benchmark 7 — derived reports (SPEC §8.4): a report read from another report's submissions.

``formkit demo`` fills the disabled-persons ledger for every community of its city (150 at the
demo's default scale; a few in ``--quick``), then on that DuckDB database:

- the derived comparison table (examples/poor_disabled_subsidy_comparison.yaml) of every
  community in one statement (``formkit.sql.derived_reads.values_all``) vs the same figures written by
  hand over the stored ledger (bench/baselines/derived_all.sql);
- what a user feels: ``fill --all`` of the comparison table and of the derived roster
  (examples/severe_disability_nursing_roster.yaml: its rows too), forms built, for every unit.

Both answers are compared before anything is timed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import Console

import formkit
from bench.common import ROOT, Context, interleaved, measure
from bench.prefill import run_raw
from formkit.demo import pool as demo_pool
from formkit.demo.run import run_demo
from formkit.runtime import connect
from formkit.runtime import workflow as wf
from formkit.sql import derived_reads

PERIOD = "2026-10"
CITY = "370600"
HAND = (ROOT / "bench" / "baselines" / "derived_all.sql").read_text(encoding="utf-8")


def _check(got: dict[str, Any], hand: list[tuple[Any, ...]]) -> None:
    names = ("poor_persons", "receiving", "receiving_prev", "added", "stopped", "amount", "amount_prev", "expired_paid")
    want = {str(r[0]): dict(zip(names, r[1:], strict=True)) for r in hand}
    if set(want) != {u for u, (_, p) in got.items() if p is not None}:
        raise AssertionError("derived send-down: formkit and the hand SQL read different units")
    for unit, row in want.items():
        values = got[unit][0]
        bad = {k: (values[k], v) for k, v in row.items()
               if (None if values[k] is None else Decimal(values[k])) != (None if v is None else Decimal(v))}
        if bad:
            raise AssertionError(f"derived send-down of {unit}: formkit and the hand SQL disagree: {bad}")


def run(ctx: Context) -> None:
    scale = 0.002 if ctx.quick else demo_pool.DEFAULT_SCALE
    demo = run_demo(ctx.work / "derived-demo", scale=scale, console=Console(quiet=True))
    examples = formkit.examples_dir()
    table = formkit.load(examples / "poor_disabled_subsidy_comparison.yaml")
    roster = formkit.load(examples / "severe_disability_nursing_roster.yaml")
    con = connect(f"duckdb:///{demo.database}")
    try:
        got = derived_reads.values_all(con, table, CITY, PERIOD)
        _check(got, run_raw(con, HAND, {}))
        units = len(got)
        case = f"duckdb {units} communities"
        reps = 5 if ctx.quick else 21
        sides = interleaved({"formkit": lambda: derived_reads.values_all(con, table, CITY, PERIOD),
                             "hand SQL": lambda: run_raw(con, HAND, {})}, repeat=reps, warmup=2, budget=ctx.budget)
        for who, st in sides.items():
            ctx.add("derived", case, who, "derived values, every unit", st, units=units)
        reps = 3 if ctx.quick else 7
        for name, tpl in (("comparison table", table), ("roster", roster)):
            ctx.add("derived", case, "formkit", f"fill --all, {name}", measure(
                lambda tpl=tpl: wf.fill_all(tpl, con, CITY, PERIOD), repeat=reps, warmup=1, budget=ctx.budget),
                units=units)
    finally:
        con.close()
