"""`formkit demo`: the whole loop on the embedded default engine, in one command (SPEC §5).

The default scale (one district, 150 communities) must finish within a minute: the timing test
runs with ``--deep`` (it takes most of that minute); the default run builds a small city."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import formkit
from formkit.cli.main import app
from formkit.cli.runtime import register
from formkit.demo.run import DEMO_PERIODS, run_demo
from formkit.runtime import connect
from formkit.runtime import workflow as wf
from formkit.sql.validate import validate

if not any(c.name == "demo" for c in app.registered_commands):  # until the lead wires register() into cli.py
    register(app)

EXAMPLES = sorted(p.stem for p in formkit.examples_dir().glob("*.yaml") if p.name.count(".") == 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "demo"
    result = CliRunner().invoke(app, ["demo", "--dir", str(out), "--scale", "0.002"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_demo_command_writes_the_files_and_prints_the_rollup(demo: tuple[Path, str]) -> None:
    out, text = demo
    assert "汇总到市" in text and "示范市" in text and "Try next" in text
    assert "formkit preview" in text and "formkit status" in text
    for name in EXAMPLES:
        html = (out / f"{name}.html").read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and 'src="static/' in html
        spec = json.loads((out / f"{name}.spec.json").read_text(encoding="utf-8"))
        assert spec["items"]
        filled = json.loads((out / f"{name}.form.json").read_text(encoding="utf-8"))
        assert filled["template"] == name and filled["state"] == "submitted"  # a derived one: its source's
        assert load_workbook(out / f"{name}.xlsx").worksheets
    assert "derived: " in text and "← disabled_persons_ledger" in text
    assert {p.name for p in (out / "static").iterdir()} >= {"formkit.js", "formkit-eval.js", "formkit.css"}
    assert formkit.load(out / "templates" / "labor_archive_stock.yaml").id == "labor_archive_stock"
    assert f"formkit preview {out / 'templates'}" in text


def test_demo_runs_every_example_to_the_city(demo: tuple[Path, str]) -> None:
    """Every unit at each example's level submitted (the sample through fill → submit, the rest
    in bulk), none with an error in SQL validation, each recorded in the audit table."""
    out, _ = demo
    con = connect(f"duckdb:///{out / 'demo.duckdb'}")
    try:
        for name in EXAMPLES:
            tpl = formkit.load(formkit.examples_dir() / f"{name}.yaml")
            period = DEMO_PERIODS[tpl.period]
            (city,) = wf.rollup(tpl, con, org="370600", period=period)
            cov = city["coverage"]
            assert cov["expected"] >= 1 and cov["submitted"] == cov["expected"], (name, cov)
            assert not [v for v in validate(con, tpl, "370600", period=period) if v.severity == "error"], name
            if tpl.derived:  # read, never submitted: its coverage is its source's
                assert not wf.audit_log(tpl, con, period=period, action="submit"), name
                continue
            events = wf.audit_log(tpl, con, period=period, action="submit")
            assert len(events) == cov["expected"] and {e["actor"] for e in events} == {"demo"}
        labor = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
        form = wf.fill(labor, con, "370602001", DEMO_PERIODS["weekly"])
        assert form.state == "submitted" and form.meta["opening"]["source"] == "confirmed"
        assert form["opening"] is not None  # carried forward from the week before
        # the Yongchuan case (SPEC §8.4): the ledger is filled once, the old reports are read from it
        ledger = formkit.load(formkit.examples_dir() / "disabled_persons_ledger.yaml")
        comparison = formkit.load(formkit.examples_dir() / "poor_disabled_subsidy_comparison.yaml")
        (total,) = wf.rollup(ledger, con, org="370600", period="2026-10")
        (derived,) = wf.rollup(comparison, con, org="370600", period="2026-10")
        assert derived["coverage"] == total["coverage"]
        assert derived["values"]["amount"] == total["values"]["living_total"]
        assert derived["values"]["receiving"] == total["values"]["living_count"]
    finally:
        con.close()


@pytest.mark.slow
def test_default_scale_demo_runs_whole(tmp_path: Path, summary: object) -> None:
    """The README's first command at its default scale (one district, ~1M pool rows): ~25 s here."""
    started = time.perf_counter()
    result = run_demo(tmp_path)
    took = time.perf_counter() - started
    summary(f"formkit demo at the default scale: {took:.1f} s "  # type: ignore[operator]
            f"({', '.join(f'{k} {v:.1f}' for k, v in result.timings.items())})")
    assert sum(result.submitted.values()) > 400  # its time is reported above, not asserted


def test_try_next_commands_show_data(demo: tuple[Path, str]) -> None:
    """Issue 18: the first "Try next" opened an empty roster (no --org, --period) and
    `corrections` printed 0 rows. Each now names a unit and period that show data."""
    _, text = demo
    lines = [ln.strip() for ln in text[text.index("Try next"):].splitlines()[1:] if ln.strip().startswith("formkit ")]
    assert [ln.split()[1] for ln in lines] == ["serve", "preview", "fill", "status", "rollup", "corrections"]
    serve, lines = lines[0], lines[1:]  # `formkit serve` takes the whole folder: its pages pick the unit
    assert "--templates " in serve and "--db " in serve
    assert all("--org " in ln and "--period " in ln for ln in lines)
    fill = CliRunner().invoke(app, lines[1].split()[1:])
    assert fill.exit_code == 0, fill.output
    assert any(json.loads(fill.stdout)["tables"].values())  # the sample's roster has rows
    corrections = CliRunner().invoke(app, [*lines[4].split()[1:], "--json"])
    assert corrections.exit_code == 0, corrections.output
    assert json.loads(corrections.stdout), "corrections lists at least one corrected value"
