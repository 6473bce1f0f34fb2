"""Benchmark 6 — render: the HTML fragment, the JSON form spec and the Excel workbook, from a loaded template.

The floor for HTML is a bare precompiled jinja2 loop writing ``<label><input>`` per field
(autoescaped, the field list prepared beforehand): what any HTML form costs at the least.
The form is rendered empty and filled (every input typed as ``formkit demo`` types them, the
calcs evaluated: SPEC §5's JSON, as a host passes it), each against the floor with the same
values. Peak memory is measured on a separate, untimed run with tracemalloc.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import jinja2

import formkit
from bench import gen
from bench.common import Context, interleaved, measure, peak_mb
from formkit.demo import run as demo
from formkit.document.model import pick_label
from formkit.evaluation.formchecks import all_specs
from formkit.meaning.template import Template
from formkit.runtime.form import Form

SIZES_FULL = (50, 1000)
SIZES_QUICK = (50, 200)

FLOOR = jinja2.Environment(autoescape=True).from_string(
    "<form>{% for f in fields %}<label for=\"{{ f.id }}\">{{ f.label }}</label>"
    "<input id=\"{{ f.id }}\" name=\"{{ f.id }}\" type=\"number\" value=\"{{ f.value }}\">{% endfor %}</form>"
)


def run(ctx: Context) -> None:
    for n in SIZES_QUICK if ctx.quick else SIZES_FULL:
        case = f"n={n}"
        tpl = formkit.load(gen.write_template(ctx.work / "render", n))
        data = _filled(tpl)
        rows = [{"id": f.id, "label": pick_label(f.label, "zh"), "value": ""} for f in tpl.model.fields]
        full = [r | {"value": _text(data["values"].get(r["id"]))} for r in rows]
        repeat = 5 if ctx.quick else 21
        cases = {
            ("jinja2 floor", "HTML"): lambda rows=rows: FLOOR.render(fields=rows),
            ("formkit", "HTML"): lambda tpl=tpl: formkit.render_html(tpl),
            ("jinja2 floor", "HTML filled"): lambda full=full: FLOOR.render(fields=full),
            ("formkit", "HTML filled"): lambda tpl=tpl, data=data: formkit.render_html(tpl, values=data),
            ("formkit", "JSON spec"): lambda tpl=tpl: json.dumps(formkit.form_spec(tpl), ensure_ascii=False),
            ("formkit", "Excel"): lambda tpl=tpl: formkit.render_xlsx(tpl),
        }
        for what in ("HTML", "HTML filled"):  # each against its floor, timed in turn
            pair = {who: fn for (who, w), fn in cases.items() if w == what}
            for who, st in interleaved(pair, repeat=repeat, warmup=1, budget=ctx.budget).items():
                ctx.add("render", case, who, what, st, peak_mb=peak_mb(pair[who]), bytes=len(pair[who]()))
        for (who, what), fn in cases.items():
            if what.startswith("HTML"):
                continue
            reps = max(3, repeat // 3) if what == "Excel" else repeat
            st = measure(fn, repeat=reps, warmup=1, budget=ctx.budget)
            ctx.add("render", case, who, what, st, peak_mb=peak_mb(fn), bytes=len(fn()))


def _filled(tpl: Template) -> dict[str, Any]:
    """The form with every input typed (seeded) and evaluated, as SPEC §5's JSON."""
    inputs = demo.synthesize(tpl, all_specs(tpl), {}, dt.date(2026, 10, 31), random.Random(1))
    form = Form.build(tpl, org="bench", period="2026-10", prefilled={}, pool_rows={}, prev={}, inputs=inputs,
                      submission="bench")
    return form.to_json()


def _text(value: object) -> str:
    return "" if value is None else str(value)
