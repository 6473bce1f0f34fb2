"""The runtime commands through the assembled `formkit` app (SPEC §5: sql, fill, submit, rollup,
status, corrections; JSON outputs with exact numbers; masking; errors with exit status 1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import formkit
from formkit.cli.main import app
from formkit.cli.runtime import register
from formkit.demo.pool import generate_demo_pool
from formkit.runtime import connect
from formkit.runtime.form import loads

if not any(c.name == "fill" for c in app.registered_commands):  # until the lead wires register() into cli.py
    register(app)

COMMUNITY, STREET, DISTRICT = "370602001001", "370602001", "370602"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("cli") / "demo.duckdb"
    con = connect(f"duckdb:///{path}")
    con.raw.execute("SET enable_progress_bar = false")  # type: ignore[attr-defined]
    generate_demo_pool(con, formkit.load_pool(formkit.examples_dir() / "demo_city.pool.yaml"), scale=0.002)
    con.close()
    yield f"duckdb:///{path}"


def run(*args: str, code: int = 0) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result


def as_json(*args: str, code: int = 0) -> Any:
    return loads(run(*args, "--json", code=code).stdout)


# -- sql ---------------------------------------------------------------------------------------------


def test_sql_one_query_and_every_query() -> None:
    one = run("sql", "labor_archive_stock", "--dialect", "postgres", "--query", "ddl").stdout
    assert "CREATE TABLE IF NOT EXISTS" in one and "(38, 10)" in one
    every = run("sql", "labor_archive_stock", "--dialect", "duckdb").stdout
    for query in ("prefill", "all_units", "rows", "ddl", "rollup", "validate"):
        assert f"-- {query}" in every
    run("sql", "labor_archive_stock", "--dialect", "oracle", code=1)


# -- fill ----------------------------------------------------------------------------------------------


def test_fill_json_is_the_spec_shape(db: str) -> None:
    data = as_json("fill", "elderly_care_facilities", "--db", db, "--org", STREET, "--period", "2026Q3")
    assert list(data)[:12] == ["template", "version", "org", "period", "revision", "submission", "state", "values",
                               "tables", "grids", "meta", "issues"]
    assert (data["template"], data["org"], data["period"], data["revision"], data["state"]) == (
        "elderly_care_facilities", STREET, "2026Q3", 0, "draft")
    assert isinstance(data["values"]["beds"], int) and data["meta"]["beds"]["source"] == "pool"
    assert data["meta"]["beds"]["as_of"].endswith("+08:00")
    assert {i["rule"] for i in data["issues"] if i["severity"] == "error"} == {"required"}
    text = run("fill", "elderly_care_facilities", "--db", db, "--org", STREET, "--period", "2026Q3").stdout
    assert "beds" not in text and "床位" in text and "error(s)" in text  # labels, not ids


def test_fill_all_prints_a_list(db: str) -> None:
    data = as_json("fill", "elderly_population_grid", "--db", db, "--org", STREET, "--period", "2025", "--all")
    assert [d["org"] for d in data] == [f"{STREET}00{i}" for i in range(1, 5)]
    assert all(isinstance(d["grids"]["elderly"]["total"]["all"], int) for d in data)


def test_fill_masks_personal_data_unless_pii(db: str) -> None:
    args = ("fill", "disabled_persons_ledger", "--db", db, "--org", COMMUNITY, "--period", "2026-10")
    masked = run(*args, "--json")
    clear = as_json(*args, "--pii", "--user", "auditor")
    row = clear["tables"]["severe"][0]
    assert row["id_card"] not in masked.output and row["name"] not in masked.output
    assert "*" in loads(masked.stdout)["tables"]["severe"][0]["id_card"]
    table = run(*args).output
    assert row["id_card"] not in table
    con = connect(db)
    try:
        actors = con.query("SELECT actor FROM fk_audit WHERE action = 'read_pii'")
    finally:
        con.close()
    assert ("auditor",) in actors


def test_fill_errors_are_located_and_exit_1(db: str) -> None:
    bad = run("fill", "labor_archive_stock", "--db", db, "--org", STREET, "--period", "2026-10", code=1)
    assert "bad-period" in bad.stderr and "2026W45" in bad.stderr
    wrong = as_json("fill", "labor_archive_stock", "--db", db, "--org", DISTRICT, "--period", "2026W44", code=1)
    assert wrong["error"] == "wrong-level" and wrong["issues"][0]["line"] > 0
    unknown = run("fill", "labor_archive_stock", "--db", db, "--org", "999", "--period", "2026W44", code=1)
    assert "unknown-org" in unknown.stderr
    run("fill", "no_such_template", "--db", db, "--org", STREET, "--period", "2026W44", code=1)


# -- submit, roll-up, status, corrections ------------------------------------------------------------


def test_submit_rollup_status_corrections(db: str, tmp_path: Path) -> None:
    period = "2026Q3"
    filled = as_json("fill", "elderly_care_facilities", "--db", db, "--org", STREET, "--period", period)
    values = {k: 3 for k in ("new_beds", "daycare_visits", "meals_served", "center_visits", "safety_checks",
                             "hazards", "hazards_fixed")}
    values["inst_public"] = filled["values"]["inst_public"] - 1 if filled["values"]["inst_public"] else 0
    values["closing_ignored"] = 1
    values["nursing_bed_rate"] = 99  # a calculated field: recomputed, never taken from the file
    doc = {"values": {k: v for k, v in values.items() if k != "closing_ignored"}, "confirm": ["beds"],
           "submission": "cli-sub-1"}
    file = tmp_path / "values.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    out = as_json("submit", "elderly_care_facilities", "--db", db, "--org", STREET, "--period", period, "--values",
                  str(file), "--user", "li")
    assert (out["state"], out["revision"], out["submission"]) == ("submitted", 1, "cli-sub-1")
    assert out["meta"]["beds"]["source"] == "confirmed" and out["values"]["nursing_bed_rate"] != 99
    if filled["values"]["inst_public"]:
        assert out["meta"]["inst_public"]["source"] == "corrected"
        assert out["meta"]["inst_public"]["original"] == filled["values"]["inst_public"]
    again = as_json("submit", "elderly_care_facilities", "--db", db, "--org", STREET, "--period", period, "--values",
                    str(file), "--user", "li")
    assert again["revision"] == 1  # the same submission again: stored once

    up = as_json("rollup", "elderly_care_facilities", "--db", db, "--org", DISTRICT, "--period", period)
    assert up["org"] == DISTRICT and up["coverage"] == {"expected": 1, "submitted": 1, "missing": []}
    assert up["values"]["hazards"] == 3
    per_street = as_json("rollup", "elderly_care_facilities", "--db", db, "--org", DISTRICT, "--period", period,
                         "--level", "street")
    assert isinstance(per_street, list) and [u["org"] for u in per_street] == [STREET]
    shown = run("rollup", "elderly_care_facilities", "--db", db, "--org", DISTRICT, "--period", period).stdout
    assert "1/1" in shown

    status = run("status", "elderly_care_facilities", "--db", db, "--org", DISTRICT, "--period", period).stdout
    assert "due: 2026-10-07" in status and "reminders: 2026-10-04, 2026-10-06" in status
    assert "submitted: 1 of 1" in status

    if filled["values"]["inst_public"]:
        rows = as_json("corrections", "elderly_care_facilities", "--db", db, "--org", DISTRICT, "--period", period)
        assert [(r["field"], r["corrected_by"], r["pool_table"]) for r in rows] == [
            ("inst_public", "li", "elderly_facility")]
        book = tmp_path / "fixes.xlsx"
        run("corrections", "elderly_care_facilities", "--db", db, "--org", DISTRICT, "--period", period, "--xlsx",
            "-o", str(book))
        ws = load_workbook(book).active
        assert ws["A1"].value == "org" and ws.max_row == 2


def test_submit_refuses_invalid_values(db: str, tmp_path: Path) -> None:
    file = tmp_path / "bad.json"
    file.write_text(json.dumps({"received": 5, "released": -2}), encoding="utf-8")
    out = as_json("submit", "labor_archive_stock", "--db", db, "--org", STREET, "--period", "2026W40", "--values",
                  str(file), code=1)
    assert out["error"] == "invalid-submission"
    assert {(p["field"], p["rule"]) for p in out["problems"]} >= {("released", "min")}
    status = as_json("status", "labor_archive_stock", "--db", db, "--org", STREET, "--period", "2026W40")
    assert status["submitted"] == 0 and status["missing"][0]["state"] is None


def test_refused_values_are_located_in_the_values_file(db: str, tmp_path: Path) -> None:
    """Issue 18: a refused value is shown where the values file gives it (file:line:column), not
    at the template's field or its `formkit: 1`."""
    file = tmp_path / "bad.json"
    file.write_text('{"values": {"received": 5,\n  "released": -2}}\n', encoding="utf-8")
    result = runner.invoke(app, ["submit", "labor_archive_stock", "--db", db, "--org", STREET, "--period", "2026W39",
                                 "--values", str(file)])
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{file}:2:3: invalid-submission: released: "), result.stderr
    assert '"released": -2' in result.stderr  # the file's line, with a caret under it
    out = as_json("submit", "labor_archive_stock", "--db", db, "--org", STREET, "--period", "2026W39", "--values",
                  str(file), code=1)
    assert out["issues"][0]["line"] == 2 and out["problems"]
    # Said in the template's language (it was English for a Chinese form), or in the one asked for.
    assert "不能小于 0" in out["issues"][0]["message"]
    english = as_json("submit", "labor_archive_stock", "--db", db, "--org", STREET, "--period", "2026W39",
                      "--values", str(file), "--lang", "en", code=1)
    assert "cannot be less than 0" in english["issues"][0]["message"]


def test_submit_with_a_stale_revision_is_refused(db: str, tmp_path: Path) -> None:
    file = tmp_path / "v.json"
    file.write_text(json.dumps({"received": 5, "released": 2}), encoding="utf-8")
    args = ("submit", "labor_archive_stock", "--db", db, "--org", STREET, "--period", "2026W41", "--values", str(file))
    assert as_json(*args)["revision"] == 1
    file.write_text(json.dumps({"values": {"received": 6, "released": 2}, "revision": 1}), encoding="utf-8")
    assert as_json(*args)["revision"] == 2
    file.write_text(json.dumps({"values": {"received": 7, "released": 2}, "revision": 1}), encoding="utf-8")
    assert as_json(*args, code=1)["error"] == "stale-submission"
