"""Benchmark 6 — render: the HTML fragment, the JSON form spec and the Excel workbook, from a loaded template.

The floor for HTML is a bare precompiled jinja2 loop writing ``<label><input>`` per field
(autoescaped, the field list prepared beforehand): what any HTML form costs at the least.
Peak memory is measured on a separate, untimed run with tracemalloc.
"""

from __future__ import annotations

import json

import jinja2

import formkit
from bench import gen
from bench.common import Context, measure, peak_mb
from formkit.model import pick_label

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
        rows = [{"id": f.id, "label": pick_label(f.label, "zh"), "value": ""} for f in tpl.model.fields]
        repeat = 5 if ctx.quick else 21
        cases = {
            ("jinja2 floor", "HTML"): lambda rows=rows: FLOOR.render(fields=rows),
            ("formkit", "HTML"): lambda tpl=tpl: formkit.render_html(tpl),
            ("formkit", "JSON spec"): lambda tpl=tpl: json.dumps(formkit.form_spec(tpl), ensure_ascii=False),
            ("formkit", "Excel"): lambda tpl=tpl: formkit.render_xlsx(tpl),
        }
        for (who, what), fn in cases.items():
            reps = max(3, repeat // 3) if what == "Excel" else repeat
            st = measure(fn, repeat=reps, warmup=1, budget=ctx.budget)
            size = len(fn())
            ctx.add("render", case, who, what, st, peak_mb=peak_mb(fn), bytes=size)
