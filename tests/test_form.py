"""Form state: provenance, incremental recalculation, feedback, and the SPEC §5 JSON round trip
with exact decimal number tokens (SPEC §5, §6 ``form.set``/``confirm``/``correct``/``to_json``)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from decimal import Decimal

import pytest

import formkit
from formkit.demo.pool import generate_demo_pool
from formkit.demo.run import _day, _settle, synthesize
from formkit.meaning.template import Template
from formkit.runtime import Connection, connect
from formkit.runtime import workflow as wf
from formkit.runtime.form import Form, dumps, loads

EXAMPLES = sorted(p.stem for p in formkit.examples_dir().glob("*.yaml") if p.name.count(".") == 1)
PERIODS = {"weekly": "2026W44", "monthly": "2026-10", "quarterly": "2026Q3", "yearly": "2025", "once": "once"}
COMMUNITY, STREET = "370602001001", "370602001"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    con = connect(f"duckdb:///{tmp_path_factory.mktemp('form') / 'demo.duckdb'}")
    con.raw.execute("SET enable_progress_bar = false")  # type: ignore[attr-defined]
    generate_demo_pool(con, formkit.load_pool(formkit.examples_dir() / "demo_city.pool.yaml"), scale=0.002)
    yield con
    con.close()


def _example(name: str) -> Template:
    return formkit.load(formkit.examples_dir() / f"{name}.yaml")


def _filled(con: Connection, tpl: Template) -> Form:
    org = COMMUNITY if tpl.level == "community" else STREET
    period = PERIODS[tpl.period]
    form = wf.fill(tpl, con, org, period)
    return _settle(tpl, form, synthesize(tpl, form.st.specs, form.pool_rows, _day(tpl, period), random.Random(3)))


@pytest.mark.parametrize("name", EXAMPLES)
def test_json_round_trip_on_every_example(demo: Connection, name: str) -> None:
    """SPEC §5/§6: ``Form.from_json(form.to_json())`` is the same form, exactly, number tokens
    included — pre-filled, typed, corrected and confirmed values alike."""
    tpl = _example(name)
    form = _filled(demo, tpl)
    confirmable = [fid for fid, f in tpl.fields.items() if f.kind == "value" and f.model.confirm]
    if confirmable:
        form.confirm(confirmable[0])
    if len(confirmable) > 1 and isinstance(form[confirmable[-1]], Decimal):
        form.correct(confirmable[-1], form[confirmable[-1]] + 2)
    text = dumps(form.to_json(), indent=2)
    back = Form.from_json(loads(text), tpl)
    assert dumps(back.to_json(), indent=2) == text
    assert back.values == form.values and back.tables == form.tables and back.grids == form.grids
    assert [i.to_json() for i in back.issues] == [i.to_json() for i in form.issues]
    assert back.prefilled == form.prefilled and back.prev == {k: v for k, v in form.prev.items() if k in back.prev}
    data = json.loads(text)  # plain JSON readers see ordinary numbers and the §5 keys
    assert list(data)[:12] == ["template", "version", "org", "period", "revision", "submission", "state", "values",
                               "tables", "grids", "meta", "issues"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_round_trip_without_a_database(name: str) -> None:
    tpl = _example(name)
    form = Form.build(tpl, org="x", period=PERIODS[tpl.period], prefilled={}, pool_rows={}, prev={})
    assert dumps(Form.from_json(loads(form.dumps()), tpl).to_json()) == form.dumps()


def test_numbers_keep_their_digits(demo: Connection) -> None:
    """SPEC §5: numbers are JSON number tokens with their exact digits at the field's precision."""
    tpl = _example("elderly_care_facilities")
    form = _filled(demo, tpl)
    form.set("meal_subsidy", "1200.5")
    text = form.dumps()
    assert '"meal_subsidy":1200.50' in text
    assert loads(text)["values"]["meal_subsidy"] == Decimal("1200.50")
    assert str(loads(text)["values"]["meal_subsidy"]) == "1200.50"
    assert dumps({"a": Decimal("1E+3"), "b": Decimal("-0.0000000001"), "c": [Decimal("0.10")]}) == \
        '{"a":1000,"b":-0.0000000001,"c":[0.10]}'
    with pytest.raises(TypeError):
        form.set("meal_subsidy", 1.5)  # a float is a host error, never guessed at


def test_provenance(demo: Connection) -> None:
    """SPEC §5 ``meta``: pool (with as_of), prev, calc, typed, confirmed, corrected (with original)."""
    tpl = _example("labor_archive_stock")
    form = wf.fill(tpl, demo, STREET, "2026W30")
    meta = form.meta
    assert meta["received"] == {"source": "typed"} and meta["closing"] == {"source": "calc"}
    assert meta["opening"] == {"source": "prev"}
    form.correct("opening", 40)
    assert form.meta["opening"] == {"source": "corrected", "original": None}
    form.confirm("opening")
    assert form.meta["opening"] == {"source": "confirmed"} and form["opening"] is None
    with pytest.raises(ValueError, match="confirm: true"):
        form.confirm("received")

    ecf = wf.fill(_example("elderly_care_facilities"), demo, STREET, "2026Q3")
    beds = ecf["beds"]
    assert ecf.meta["beds"]["source"] == "pool" and ecf.meta["beds"]["as_of"] == ecf.as_of
    ecf.correct("beds", beds + 5)
    assert ecf.meta["beds"] == {"source": "corrected", "original": beds, "as_of": ecf.as_of}
    assert ecf.original("beds") == beds and ecf["beds"] == beds + 5
    ecf.correct("beds", beds)  # corrected back to what it was: a confirmation
    assert ecf.meta["beds"]["source"] == "confirmed"


def test_set_recomputes_only_dependants(demo: Connection) -> None:
    tpl = _example("labor_archive_stock")
    form = wf.fill(tpl, demo, STREET, "2026W30")
    form.set("unemp_in", 5)
    touched = form.st.last_evaluated
    assert touched[0] == "unemp_in" and "unemp_closing" in touched
    assert "hard_closing" not in touched and "received" not in touched
    assert touched[1:] == [s for s in tpl.plan.affected("unemp_in") if s in set(touched)]  # plan order
    # other_in = received - coalesce(unemp_in, 0) - … stays null while received is not typed, so
    # other_closing, which reads it, is not evaluated again (early cut-off)
    assert form["other_in"] is None and "other_in" in touched
    assert "other_closing" in tpl.plan.affected("unemp_in") and "other_closing" not in touched


def test_issues_have_place_rule_and_severity(demo: Connection) -> None:
    tpl = _example("labor_archive_stock")
    form = wf.fill(tpl, demo, STREET, "2026W30")
    assert {(i.field, i.rule, i.severity) for i in form.errors} == {("received", "required", "error"),
                                                                    ("released", "required", "error")}
    form.set("received", 5).set("released", -1)
    assert ("released", None, None, "min") in [(i.field, i.row, i.col, i.rule) for i in form.errors]
    form.set("released", 9)
    assert any(i.rule == "stock_not_negative" and i.severity == "error" for i in form.issues)
    assert not form.can_submit
    issue = form.to_json("en")["issues"][0]
    assert set(issue) == {"field", "row", "col", "rule", "severity", "message"}


def test_roster_rows_keep_their_keys(demo: Connection) -> None:
    tpl = _example("insurance_visit_record")
    form = wf.fill(tpl, demo, COMMUNITY, "once")
    form.add_row("走访登记", {"姓名": "王五"})
    form.add_row("走访登记", {"姓名": "赵六"})
    rows = form.tables["走访登记"]
    assert [r["姓名"] for r in rows] == ["王五", "赵六"] and all(str(r["_key"]).startswith("new:") for r in rows)
    form.set("走访登记", "李四", row=0, col="姓名")
    assert form.tables["走访登记"][0]["姓名"] == "李四" and form.tables["走访登记"][0]["_key"] == rows[0]["_key"]
    form.remove_row("走访登记", 0)
    assert [r["姓名"] for r in form.tables["走访登记"]] == ["赵六"]
    ledger = wf.fill(_example("disabled_persons_ledger"), demo, COMMUNITY, "2026-10")
    with pytest.raises(ValueError, match="cannot be removed"):
        ledger.remove_row("severe", 0)


def test_personal_data_is_masked_unless_pii(demo: Connection) -> None:
    """SPEC §6: pii columns leave the database masked unless the call passes pii=True."""
    tpl = _example("disabled_persons_ledger")
    masked = wf.fill(tpl, demo, COMMUNITY, "2026-10")
    clear = wf.fill(tpl, demo, COMMUNITY, "2026-10", pii=True, user="auditor")
    row, full = masked.tables["severe"][0], clear.tables["severe"][0]
    assert row["_key"] == full["_key"]
    assert "*" in str(row["id_card"]) and "*" not in str(full["id_card"])
    assert str(row["id_card"])[:6] == str(full["id_card"])[:6] and str(row["name"])[0] == str(full["name"])[0]
    text = masked.dumps()
    assert str(full["id_card"]) not in text and str(full["name"]) not in text
    assert [e["actor"] for e in wf.audit_log(tpl, demo, action="read_pii")] == ["auditor"]


def test_from_json_checks_its_template(demo: Connection) -> None:
    form = _filled(demo, _example("labor_archive_stock"))
    with pytest.raises(ValueError, match="labor_archive_stock"):
        Form.from_json(form.to_json(), _example("medical_device_inspection"))


def test_dumps_and_loads_agree() -> None:
    """``dumps`` writes what ``loads`` reads back equal, whatever the nesting."""
    data = {"a": [1, {"b": Decimal("2.50"), "c": None, "d": True}], "e": "文字\n\"q\""}
    assert loads(dumps(data)) == data and loads(dumps(data, indent=2)) == data
