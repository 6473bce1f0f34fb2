"""The benchmark suite's own parts still work (issue 7): generated forms load, the peers' forms are
well formed, the summary is written. No timing is asserted here; ``python -m bench --quick`` runs
the benchmarks themselves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import formkit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import gen  # noqa: E402
from bench.prefill import baseline, columns  # noqa: E402
from bench.report import ratios, write_report  # noqa: E402


@pytest.mark.parametrize("n", [1, 12, 60])
def test_generated_template_loads(tmp_path: Path, n: int) -> None:
    tpl = formkit.load(gen.write_template(tmp_path, n))
    assert len(tpl.model.fields) == n
    kinds = {f.kind for f in gen.fields(n)}
    assert n < 12 or kinds == {"input", "choice", "calc", "checked"}


def test_catalog_template_with_pool_values_loads(tmp_path: Path) -> None:
    paths = gen.write_catalog(tmp_path, templates=3, total=40)
    assert sum(len(formkit.load(p).model.fields) for p in paths) == 40
    assert sum(gen.catalog_sizes()) == gen.CATALOG_FIELDS
    assert len(gen.catalog_sizes()) == gen.CATALOG_TEMPLATES


def test_peers_get_the_same_form(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    n = 30
    book = load_workbook(gen.write_xlsform(tmp_path / "f.xlsx", n))
    assert book["survey"].max_row == n + 1
    model = gen.surveyjs_json(n)
    assert [q["name"] for q in model["pages"][0]["elements"]] == [f.id for f in gen.fields(n)]
    changes = gen.keystroke_changes(n, 20)
    assert changes[0]["slot"] == gen.HUB and gen.fan_out(n) > 0


def test_baselines_name_the_prefill_values() -> None:
    tpl = formkit.load(formkit.examples_dir() / "disabled_persons_ledger.yaml")
    from formkit.sql.prefill import pool_slots

    assert set(columns(baseline("prefill_one.sql"))) == {s.key for s in pool_slots(tpl)}


def test_report_is_written(tmp_path: Path) -> None:
    def rec(bench: str, case: str, who: str, what: str, median: float) -> dict[str, object]:
        return {"bench": bench, "case": case, "who": who, "what": what, "unit": "s", "median": median,
                "min": median, "max": median, "n": 3}

    records = [rec("render", "n=50", "jinja2 floor", "HTML", 0.001), rec("render", "n=50", "formkit", "HTML", 0.0015),
               rec("validate", "duckdb 1k rows", "formkit SQL", "validate every submission", 0.1)]
    assert any("1.50×" in row and "yes" in row for row in ratios(records))
    out = tmp_path / "performance.md"
    write_report(out, records, elapsed=60, options={"scale": 1.0, "small_scale": 0.1, "pg": ""}, failed=[])
    text = out.read_text(encoding="utf-8")
    assert "## Ratios and targets" in text and "not measured" in text


def test_sides_are_timed_in_turn_and_paired() -> None:
    from bench.common import interleaved, paired

    order: list[str] = []
    sides = interleaved({"a": lambda: order.append("a"), "b": lambda: order.append("b")}, repeat=4, budget=60)
    assert order == ["a", "b", "b", "a", "a", "b", "b", "a"]  # the order reversed every other repetition
    assert all(len(st["samples"]) == 4 and st["cpu_median"] is not None for st in sides.values())
    a = {"samples": [2.0, 4.0, 6.0]}
    b = {"samples": [1.0, 1.0, 2.0]}
    assert paired(a, b) == 3.0  # the median of 2, 4, 3: repetition by repetition, not 4 / 1.33
    assert paired(a, {"samples": [1.0]}) is None


def test_every_target_has_its_row(tmp_path: Path) -> None:
    def rec(bench: str, case: str, who: str, what: str, median: float, **extra: object) -> dict[str, object]:
        return {"bench": bench, "case": case, "who": who, "what": what, "unit": "s", "median": median,
                "min": median, "max": median, "n": 3, **extra}

    records = [rec("request", "n=1000", "formkit", "fill of a stored form", 0.012),
               rec("request", "n=5000", "formkit", "fill of a stored form", 0.090),
               rec("compile", "n=200", "formkit", "sql, every query (GC on)", 0.1, fields=200),
               rec("compile", "n=5000", "formkit", "sql, every query (GC on)", 4.0, fields=5000),
               rec("rollup", "duckdb 2000 communities", "formkit", "to city (1 units)", 0.012),
               rec("rollup", "duckdb 2000 communities", "hand SQL", "to city (1 units)", 0.010)]
    rows = ratios(records)
    fill = [r for r in rows if r.startswith("| fill of a stored form")]
    assert "≤ 15 ms | yes" in fill[0] and "≤ 60 ms | **no**" in fill[1]
    assert any("n=5000 ÷ n=200" in r and "**no**" in r for r in rows)  # 1.6× the time per field: not linear
    assert any("roll-up to city" in r and "1.20×" in r and "≤ 1.2×" in r and "yes" in r for r in rows)
