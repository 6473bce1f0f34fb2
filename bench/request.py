"""Benchmark 8 — per request: what a server pays for one form on a warm process (fill, then render).

- fill of a stored form: a generated template of 1,000 / 5,000 fields (``gen.py``) deployed in
  DuckDB with one stored submission (every input typed, the calcs evaluated), ``tpl.fill`` of that
  unit and period, against the floor of reading the same row on the raw driver (``SELECT *``:
  what any reader of a row this wide pays the engine). Targets: ≤ 15 ms / ≤ 60 ms.
- render with rosters: examples/disabled_persons_ledger.yaml filled for one community from the
  demo pool (its two rosters hold that community's persons), ``render_html`` of the filled form,
  against a bare precompiled jinja2 loop writing the same values: every scalar field as
  ``<label><input>``, every roster cell as ``<td><input>``. Target: ≤ 2×.

Both sides of each pair are timed in turn, repetition by repetition (bench/common.py
``interleaved``), warm: the statements and the template's caches are built by the first call.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from typing import Any

import jinja2

import formkit
from bench import gen, pools
from bench.common import Context, interleaved
from bench.prefill import COMMUNITY, TEMPLATE
from formkit.demo import run as demo
from formkit.document.model import pick_label
from formkit.evaluation.formchecks import all_specs
from formkit.evaluation.formeval import evaluate_form
from formkit.runtime import connect
from formkit.runtime.store import Record, insert_records
from formkit.sql.names import layout

SIZES_FULL = (1000, 5000)
SIZES_QUICK = (50, 200)
PERIOD = "2026-10"
FILL_TARGET = {1000: 0.015, 5000: 0.060}  # seconds (DuckDB)

FLOOR = jinja2.Environment(autoescape=True).from_string(
    "<form>{% for f in fields %}<label for=\"{{ f.id }}\">{{ f.label }}</label>"
    "<input id=\"{{ f.id }}\" name=\"{{ f.id }}\" value=\"{{ f.value }}\">{% endfor %}"
    "{% for t in tables %}<table>{% for row in t.rows %}<tr>{% for c in row %}"
    "<td><input id=\"{{ c.id }}\" value=\"{{ c.value }}\"></td>{% endfor %}</tr>{% endfor %}</table>{% endfor %}"
    "</form>"
)


def run(ctx: Context) -> None:
    _fill(ctx)
    _render(ctx)


def _fill(ctx: Context) -> None:
    path = ctx.work / "request.duckdb"  # a copy of the pool: the fill checks the pool's tables, and it stores here
    shutil.copy(pools.duckdb_pool(ctx, ctx.options["small_scale"]), path)
    con = connect(f"duckdb:///{path}")
    try:
        for n in SIZES_QUICK if ctx.quick else SIZES_FULL:
            tpl = formkit.load(gen.write_template(ctx.work / "request", n))
            inputs = demo.synthesize(tpl, all_specs(tpl), {}, dt.date(2026, 10, 31), random.Random(1))
            st = evaluate_form(tpl, inputs, period=PERIOD)
            values = {s: st.values.get(s) for s in layout(tpl).slots}
            insert_records(con, tpl, [Record(COMMUNITY, PERIOD, "draft", values)], user="bench")
            form = tpl.fill(con, COMMUNITY, PERIOD)
            if form.submission is None or sum(v is not None for v in form.to_json()["values"].values()) < n // 2:
                raise AssertionError(f"n={n}: the fill did not read the stored submission back")
            raw = f'SELECT * FROM "{layout(tpl).table}" WHERE org = $1 AND period = $2'
            sides = interleaved({
                "formkit": lambda tpl=tpl: tpl.fill(con, COMMUNITY, PERIOD),
                "raw driver": lambda raw=raw: con.raw.execute(raw, [COMMUNITY, PERIOD]).fetchall(),
            }, repeat=5 if ctx.quick else 21, warmup=1, budget=ctx.budget)
            for who, st_ in sides.items():
                ctx.add("request", f"n={n}", who, "fill of a stored form", st_, fields=n)
    finally:
        con.close()


def _render(ctx: Context) -> None:
    tpl = formkit.load(formkit.examples_dir() / TEMPLATE)
    con = connect(f"duckdb:///{pools.duckdb_pool(ctx, ctx.options['scale'])}")
    try:
        form = tpl.fill(con, COMMUNITY, PERIOD)
    finally:
        con.close()
    data = form.to_json()
    rows = sum(len(r) for r in data["tables"].values())
    fields = [{"id": fid, "label": pick_label(f.model.label, "zh"), "value": _text(data["values"].get(fid))}
              for fid, f in tpl.fields.items()]
    tables = [{"rows": [[{"id": f"{tid}-{i}-{cid}", "value": _text(row.get(cid))} for cid in t.columns]
                        for i, row in enumerate(data["tables"].get(tid, []))]} for tid, t in tpl.tables.items()]
    sides = interleaved({
        "formkit": lambda: formkit.render_html(tpl, values=data),
        "jinja2 floor": lambda: FLOOR.render(fields=fields, tables=tables),
    }, repeat=5 if ctx.quick else 31, warmup=1, budget=ctx.budget)
    for who, st in sides.items():
        ctx.add("request", f"ledger, {rows} roster rows", who, "render filled, with rosters", st, rows=rows)


def _text(value: Any) -> str:
    return "" if value is None else str(value)
