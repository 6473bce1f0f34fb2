"""The HTML of every example, empty and filled, byte for byte as recorded in tests/golden_html/.

The recorded pages were written by the renderer as it stood before the filled-form fast path
(render/html_values.py, and filled fields written around their escaped value by
render/html_fields.py): a change to the renderer that changes one byte of any of them fails
here. Three fillings per example, each in zh/en × fill/review/print:

- ``empty``: the template alone;
- ``demo``: a filled Form's SPEC §5 JSON (pool values, roster rows, last period's values, typed
  inputs as ``formkit demo`` draws them, one value confirmed and one corrected, the issues the
  evaluator found), recorded as ``demo.json`` so that the page does not move when the
  evaluator does;
- ``typed``: Python values of every kind straight from a caller (Decimals, floats, ints, dates,
  booleans, lists, text with markup characters) for every field, roster column and grid cell,
  with meta, issues and a footer.

``python tests/test_render_golden.py`` records them again (only when a change of output is
intended; review the diff).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import formkit
from formkit.core.jsonio import dumps, loads
from formkit.render import render_html

GOLDEN = Path(__file__).parent / "golden_html"
EXAMPLES = sorted(p for p in formkit.examples_dir().glob("*.yaml") if p.name.count(".") == 1)
MODES = ("fill", "review", "print")
LANGS = ("zh", "en")
CASES = ("empty", "demo", "typed")


def _text(n: int) -> str:
    return ("示例", "a<b & \"c\" 'd'", "", "  spaced  ", "</script><!--")[n % 5]


class _Values:
    """Values of each type in turn, cycling through the shapes a caller may pass."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, typ: str, choices: list[str]) -> object:
        self.n += 1
        n = self.n
        if typ in ("integer", "decimal"):
            shapes: list[object] = [Decimal(n * 7) / 4, n, float(n) + 0.25, str(Decimal(n) / 3)[:6],
                                    Decimal("-0.005"), None, "not a number"]
            return shapes[n % len(shapes)]
        if typ == "boolean":
            return (True, False, "true", None)[n % 4]
        if typ == "date":
            return (dt.date(2026, 1, n % 28 + 1), "2026-02-03", None)[n % 3]
        if typ == "choice":
            return (choices[n % len(choices)] if choices else "x", "unknown<key>", None)[n % 3]
        if typ == "multichoice":
            return (choices[: 1 + n % max(1, len(choices))], [], ("a", choices[0] if choices else "b"))[n % 3]
        return _text(n)


def typed_values(tpl: formkit.Template) -> dict[str, Any]:
    """Every field, roster cell and grid cell filled, with meta, issues (placed and loose) and a footer."""
    value = _Values()
    spec = formkit.form_spec(tpl)
    values: dict[str, Any] = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    grids: dict[str, dict[str, dict[str, Any]]] = {}
    for item in spec["items"]:
        keys = [c["key"] for c in item.get("choices") or []]
        if item["kind"] == "field":
            values[item["id"]] = value(item["type"], keys)
        elif item["kind"] == "table":
            rows = []
            for r in range(3):
                row: dict[str, Any] = {"_key": None if r == 2 else f"K{r}<"}
                for c in item["columns"]:
                    row[c["id"]] = value(c["type"], [x["key"] for x in c.get("choices") or []])
                rows.append(row)
            tables[item["id"]] = rows
        else:
            grids[item["id"]] = {row["id"]: {col["id"]: value(col["type"], [])
                                             for col in item["columns"]} for row in item["rows"]}
    fields = [i["id"] for i in spec["items"] if i["kind"] == "field"]
    meta = {fid: {"source": src, "original": Decimal("3.5") if src == "corrected" else None, "as_of": "2026-01-01"}
            for fid, src in zip(fields[::3], ("corrected", "confirmed", "pool", "input", "made-up"), strict=False)}
    issues: list[dict[str, Any]] = [
        {"field": fid, "row": None, "col": None, "rule": f"r{k}",
         "severity": ("error", "warning", "info", "odd")[k % 4], "message": _text(k)}
        for k, fid in enumerate(fields[1::4])]
    for tid, rows in tables.items():
        issues.append({"field": tid, "row": 1, "col": next(iter(rows[1]), None), "rule": "t", "severity": "error",
                       "message": "<cell>"})
        issues.append({"field": tid, "row": None, "col": None, "rule": "t2", "severity": "warning", "message": "tbl"})
    for gid, rows in grids.items():
        rid = next(iter(rows))
        issues.append({"field": gid, "row": rid, "col": next(iter(rows[rid])), "rule": "g", "severity": "warning",
                       "message": "格"})
        issues.append({"field": gid, "row": None, "col": None, "rule": "g2", "severity": "error", "message": "grid"})
    issues.append({"field": "nowhere", "row": None, "col": None, "rule": "x", "severity": "error", "message": "loose"})
    return {
        "values": values, "tables": tables, "grids": grids, "meta": meta, "issues": issues,
        "confirm": fields[1::5], "org": "310110", "org_name": "五角场<街道>", "period": "2026-10", "revision": 2,
        "submission": "s1", "state": "draft",
        "footer": {"filled_by": "张三", "reviewed_by": "<李四>", "phone": "138", "date": "2026-10-31"},
    }


def demo_json(tpl: formkit.Template) -> str:
    """A Form filled as ``formkit demo`` fills one, as SPEC §5 JSON (only used to record)."""
    from formkit.demo import run as demo
    from formkit.evaluation.formchecks import all_specs
    from formkit.runtime.form import Form, pool_bound, prev_targets

    rng = random.Random(7)
    specs = all_specs(tpl)
    day = dt.date(2026, 10, 31)
    prefilled = {fid: demo._value(specs[fid], None, None, day, rng) for fid, f in tpl.fields.items() if pool_bound(f)}
    pool_rows: dict[str, list[dict[str, object]]] = {}
    for tid, t in tpl.tables.items():
        if t.rows is not None:
            pool_rows[tid] = [{"_key": f"P{k:05d}", **{cid: demo._value(specs[f"{tid}.{cid}"], None, None, day, rng)
                                                      for cid, c in t.columns.items() if pool_bound(c)}}
                              for k in range(3)]
    every, _ = prev_targets(tpl)
    prev = {k: demo._value(specs[k], None, None, day, rng) for k in sorted(every) if k in specs}
    period = {"weekly": "2026W44", "monthly": "2026-10", "quarterly": "2026Q3", "yearly": "2026"}.get(tpl.period,
                                                                                                       tpl.period)
    inputs = demo.synthesize(tpl, specs, pool_rows, day, rng)
    form = Form.build(tpl, org="310110001", period=period, prefilled=prefilled, pool_rows=pool_rows, prev=prev,
                      inputs=inputs, submission="golden")
    demo._feedback(form)
    return dumps(form.to_json(), indent=1)


def _values(name: str, tpl: formkit.Template, case: str) -> dict[str, Any] | None:
    if case == "empty":
        return None
    if case == "typed":
        return typed_values(tpl)
    data: dict[str, Any] = loads((GOLDEN / name / "demo.json").read_text(encoding="utf-8"))
    return data


def _page(name: str, case: str, lang: str, mode: str) -> Path:
    return GOLDEN / name / f"{case}.{lang}.{mode}.html"


@pytest.fixture(scope="module")
def templates() -> dict[str, formkit.Template]:
    return {p.stem: formkit.load(p) for p in EXAMPLES}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_pages_are_the_recorded_bytes(path: Path, case: str, templates: dict[str, formkit.Template]) -> None:
    tpl = templates[path.stem]
    data = _values(path.stem, tpl, case)
    for lang in LANGS:
        for mode in MODES:
            want = _page(path.stem, case, lang, mode).read_text(encoding="utf-8")
            got = render_html(tpl, lang=lang, mode=mode, values=data)
            assert got == want, f"{path.stem} {case} {lang} {mode}"
            # A second render of the same values (kept per-template parts) gives the same bytes.
            assert render_html(tpl, lang=lang, mode=mode, values=data) == want


def test_a_whole_page_is_the_recorded_bytes(templates: dict[str, formkit.Template]) -> None:
    tpl = templates["disabled_persons_ledger"]
    want = (GOLDEN / "disabled_persons_ledger" / "page.html").read_text(encoding="utf-8")
    assert render_html(tpl, values=_values("disabled_persons_ledger", tpl, "demo"), page=True) == want


def _record() -> None:
    for path in EXAMPLES:
        tpl = formkit.load(path)
        folder = GOLDEN / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "demo.json").write_text(demo_json(tpl) + "\n", encoding="utf-8")
        for case in CASES:
            data = _values(path.stem, tpl, case)
            for lang in LANGS:
                for mode in MODES:
                    html = render_html(tpl, lang=lang, mode=mode, values=data)
                    _page(path.stem, case, lang, mode).write_text(html, encoding="utf-8")
        if path.stem == "disabled_persons_ledger":
            html = render_html(tpl, values=_values(path.stem, tpl, "demo"), page=True)
            (folder / "page.html").write_text(html, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python tests/test_render_golden.py --record   (only when a change of output is intended)")
    _record()
