"""The workflow on every engine: fill → confirm → correct → submit → return → resubmit → approve →
roll up; idempotent and stale submissions; the audit table; due dates; template versions
(SPEC §2.4, §5 status/corrections, §6 Python API and Submissions, §7)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import formkit
from formkit.api import Template
from formkit.core.errors import TemplateError
from formkit.runtime import Connection
from formkit.runtime import workflow as wf
from formkit.runtime.due import due_dates, reminders_on, status
from formkit.runtime.form import Form, dumps, loads
from formkit.sql.names import layout
from submissions import communities, count_rows, create_city, insert_rows, parents, template

BODY = """\
fields:
  - {id: people, label: 人数, type: integer, value: count(rk_person), confirm: true}
  - {id: insured, label: 参保人数, type: integer, value: "count(rk_person where insured = true)", confirm: true}
  - {id: opening, label: 上期库存, type: integer, value: prev(closing), confirm: true}
  - {id: received, label: 本期入库, type: integer, required: true, min: 0}
  - {id: released, label: 本期出库, type: integer, required: true, min: 0}
  - {id: closing, label: 本期库存, type: integer, calc: "coalesce(opening, 0) + received - released"}
  - id: elders
    label: 高龄老人
    type: table
    rows: rk_person where age >= 60
    columns:
      - {id: age, label: 年龄, value: rk_person.age}
      - {id: visited, label: 已走访, type: boolean, required: true}
  - {id: visited_n, label: 走访人数, type: integer, calc: "count(elders where visited = true)"}
  - {id: remark, label: 备注, type: text}
rules:
  - {id: stock, check: closing >= 0, message: 本期库存不能为负, fields: [closing]}
  - {id: soft, check: "received <= 100", severity: warning, message: 入库偏多, fields: [received]}
"""
PERIOD = "2026-10"


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_city(engine)
    return engine


@pytest.fixture
def tpl(tmp_path: Path) -> Template:
    return template(tmp_path, BODY, prefix="wf")


def _fill_in(form: Form, received: int = 12, released: int = 2) -> Form:
    form.set("received", received).set("released", released)
    form.set("elders", [{"_key": r["_key"], "visited": True} for r in form.tables["elders"]])
    return form


def _street(org: str) -> str:
    street = parents()[org]
    assert street is not None
    return street


# -- the whole loop ------------------------------------------------------------------------------


def test_whole_loop(city: Connection, tpl: Template) -> None:
    """SPEC §6: fill → confirm one value → correct another → submit → return with a note →
    resubmit → approve (locked) → roll up; every transition in the audit table."""
    org = communities()[0]
    form = tpl.fill(city, org=org, period=PERIOD)
    assert (form.state, form.revision) == ("draft", 0)
    people, insured = form["people"], form["insured"]
    assert isinstance(people, Decimal) and people > 0
    assert form.meta["people"]["source"] == "pool" and form.meta["people"]["as_of"].endswith("+08:00")
    assert form.meta["opening"] == {"source": "prev"} and form["opening"] is None
    assert form.errors and {i.rule for i in form.errors} == {"required"}

    form.confirm("people")
    form.correct("insured", insured + 1)
    _fill_in(form)
    assert form.source("people") == "confirmed"
    assert form.meta["insured"] == {"source": "corrected", "original": insured, "as_of": form.as_of}
    assert form["closing"] == 10 and not form.errors
    form.set("received", 13)
    assert "people" not in form.st.last_evaluated and form.st.last_evaluated[:2] == ["received", "closing"]
    form.set("received", 12)

    tpl.submit(city, form, user="li")
    assert (form.state, form.revision) == ("submitted", 1)

    assert tpl.return_(city, org=org, period=PERIOD, notes={"received": "请核实", "elders.0.visited": "再看"},
                       user="wang") == 2
    back = tpl.fill(city, org=org, period=PERIOD)
    assert (back.state, back.revision, back.submission) == ("returned", 2, form.submission)
    assert [(n["field"], n["row"], n["col"], n["note"]) for n in back.notes] == [
        ("received", None, None, "请核实"), ("elders", 0, "visited", "再看")]
    assert back.to_json()["notes"][0]["note"] == "请核实"
    assert back.source("people") == "confirmed" and back.source("insured") == "corrected"
    assert back["received"] == 12 and all(r["visited"] is True for r in back.tables["elders"])

    back.set("received", 10)
    tpl.submit(city, back, user="li")
    assert (back.state, back.revision) == ("submitted", 3)
    assert tpl.approve(city, org=org, period=PERIOD, user="wang") == 4

    locked = tpl.fill(city, org=org, period=PERIOD)
    assert locked.state == "approved" and locked["closing"] == 8
    with pytest.raises(ValueError, match="approved"):
        locked.set("received", 1)
    back.set("released", 3)
    with pytest.raises(TemplateError) as exc:
        tpl.submit(city, back, user="li")
    assert exc.value.codes() in (["invalid-submission"], ["stale-submission"])
    with pytest.raises(TemplateError) as exc:
        tpl.return_(city, org=org, period=PERIOD, notes={"received": "x"}, user="wang")
    assert exc.value.codes() == ["invalid-submission"]

    (up,) = tpl.rollup(city, org=_street(org), period=PERIOD)
    assert up["values"]["received"] == 10 and up["values"]["closing"] == 8
    assert up["coverage"]["submitted"] == 1 and org not in up["coverage"]["missing"]
    assert up["coverage"]["expected"] == len(communities(_street(org)))

    events = tpl.audit(city, org=org, period=PERIOD)
    assert [(e["action"], e["from_state"], e["to_state"], e["revision"], e["actor"]) for e in events] == [
        ("submit", None, "submitted", 1, "li"), ("return", "submitted", "returned", 2, "wang"),
        ("submit", "returned", "submitted", 3, "li"), ("approve", "submitted", "approved", 4, "wang")]
    assert events[0]["detail"]["changed"]["insured"]["source"] == "corrected"
    assert events[2]["detail"]["changed"] == {"received": {"from": 12, "to": 10}, "closing": {"from": 10, "to": 8}}
    assert events[1]["detail"]["notes"][0]["note"] == "请核实" and events[0]["at"].endswith("+08:00")

    fixes = tpl.corrections(city, org=_street(org), period=PERIOD)
    assert [(c["org"], c["field"], c["original"], c["correction"], c["corrected_by"]) for c in fixes] == [
        (org, "insured", insured, insured + 1, "li")]
    assert fixes[0]["pool_table"] == "rk_person"


def test_save_draft_is_never_blocked_by_rules(city: Connection, tpl: Template) -> None:
    org = communities()[1]
    form = tpl.fill(city, org=org, period=PERIOD)
    form.set("received", 1).set("released", 5)  # closing < 0: an error, and elders unvisited
    assert form.errors
    tpl.save_draft(city, form, user="li")
    assert (form.state, form.revision) == ("draft", 1)
    with pytest.raises(TemplateError) as exc:
        tpl.submit(city, form, user="li")
    assert exc.value.codes() == ["invalid-submission"]
    assert "stock" in str(exc.value) and "required" in str(exc.value)
    again = tpl.fill(city, org=org, period=PERIOD)
    assert again.state == "draft" and again["released"] == 5
    _fill_in(again)
    tpl.submit(city, again, user="li")
    assert again.revision == 2
    with pytest.raises(TemplateError, match="submitted"):  # a submitted one is not taken back as a draft
        tpl.save_draft(city, again, user="li")
    tpl.save_draft(city, tpl.fill(city, org=communities()[2], period=PERIOD), user="li")
    with pytest.raises(TemplateError, match="is draft: only a submitted one can be approved"):
        wf.approve(tpl, city, org=communities()[2], period=PERIOD)


# -- idempotency and staleness -----------------------------------------------------------------------


def test_same_submission_twice_is_stored_once(city: Connection, tpl: Template) -> None:
    """SPEC §6: the same submission id stored twice is stored once — the form, a copy of it
    through JSON, and a retry after the first one succeeded."""
    org = communities()[3]
    form = _fill_in(tpl.fill(city, org=org, period=PERIOD))
    copy = Form.from_json(loads(dumps(form.to_json())), tpl)
    tpl.submit(city, form, user="li")
    tpl.submit(city, form, user="li")
    tpl.submit(city, copy, user="li")
    assert form.revision == copy.revision == 1
    lay = layout(tpl)
    assert count_rows(city, lay.table, {"org": org}) == 1
    rows = count_rows(city, lay.children["elders"].table, {"submission_id": form.submission})
    assert rows == len(form.tables["elders"])
    assert [e["action"] for e in wf.audit_log(tpl, city, org=org)] == ["submit"]


def test_stale_submissions_are_refused(city: Connection, tpl: Template) -> None:
    """A form filled before the stored one changed is refused (the revision is checked in the
    UPDATE); so is a second, different submission for the same org unit and period."""
    org = communities()[4]
    first = _fill_in(tpl.fill(city, org=org, period=PERIOD))
    rival = _fill_in(tpl.fill(city, org=org, period=PERIOD), received=20)
    tpl.submit(city, first, user="li")
    with pytest.raises(TemplateError) as exc:
        tpl.submit(city, rival, user="zhao")
    assert exc.value.codes() == ["stale-submission"]

    a = tpl.fill(city, org=org, period=PERIOD)
    b = tpl.fill(city, org=org, period=PERIOD)
    tpl.submit(city, a.set("received", 30), user="li")
    with pytest.raises(TemplateError) as exc:
        tpl.submit(city, b.set("received", 40), user="zhao")
    assert exc.value.codes() == ["stale-submission"]
    assert "revision 2" in str(exc.value) and "filled from revision 1" in str(exc.value)
    with pytest.raises(TemplateError) as exc:
        wf.approve(tpl, city, org=org, period=PERIOD, revision=1)
    assert exc.value.codes() == ["stale-submission"]
    assert tpl.fill(city, org=org, period=PERIOD)["received"] == 30


def test_changed_pool_makes_the_form_stale(city: Connection, tpl: Template) -> None:
    """SPEC §6: refused when the pool now gives other pre-filled values than the form showed."""
    org = communities()[5]
    form = _fill_in(tpl.fill(city, org=org, period=PERIOD))
    insert_rows(city, "rk_person", ["id", "community_code", "age", "insured"], [("PX-stale", org, 88, True)])
    try:
        with pytest.raises(TemplateError) as exc:
            tpl.submit(city, form, user="li")
        assert exc.value.codes() == ["stale-submission"]
        assert "people" in str(exc.value) and "elders" in str(exc.value)
        assert count_rows(city, layout(tpl).table, {"org": org}) == 0
        fresh = _fill_in(tpl.fill(city, org=org, period=PERIOD))
        tpl.submit(city, fresh, user="li")
    finally:
        city.execute("DELETE FROM rk_person WHERE id = 'PX-stale'")


def test_prev_carries_forward_and_changes_make_it_stale(city: Connection, tpl: Template) -> None:
    org = communities()[6]
    sep = _fill_in(tpl.fill(city, org=org, period="2026-09"), received=9, released=2)
    tpl.submit(city, sep, user="li")
    octo = tpl.fill(city, org=org, period=PERIOD)
    assert octo["opening"] == 7 and octo.meta["opening"] == {"source": "prev"}
    octo.correct("opening", 6)
    assert octo.meta["opening"] == {"source": "corrected", "original": 7}
    _fill_in(octo)
    tpl.submit(city, sep.set("received", 10), user="li")  # last month changes after October was filled
    with pytest.raises(TemplateError, match=r"prev\(closing\)"):
        tpl.submit(city, octo, user="li")


# -- personal data, due dates, versions -----------------------------------------------------------


def test_pii_reads_are_audited(city: Connection, tpl: Template) -> None:
    org = communities()[7]
    tpl.fill(city, org=org, period=PERIOD, pii=True, user="auditor")
    tpl.fill(city, org=org, period=PERIOD)
    wf.fill_all(tpl, city, _street(org), PERIOD, pii=True, user="auditor2")
    events = wf.audit_log(tpl, city, action="read_pii")
    assert [(e["actor"], e["detail"]["what"]) for e in events] == [("auditor", "fill"), ("auditor2", "fill_all")]


def test_fill_all_sends_down_to_every_unit(city: Connection, tpl: Template) -> None:
    street = _street(communities()[0])
    forms = wf.fill_all(tpl, city, street, PERIOD)
    assert [f.org for f in forms] == communities(street)
    one = tpl.fill(city, org=forms[1].org, period=PERIOD)
    assert forms[1].values == one.values and forms[1].tables == one.tables


def test_status_lists_who_has_not_submitted(city: Connection, tpl: Template) -> None:
    street = _street(communities()[10])
    units = communities(street)
    tpl.submit(city, _fill_in(tpl.fill(city, org=units[0], period=PERIOD)), user="li")
    tpl.save_draft(city, tpl.fill(city, org=units[1], period=PERIOD), user="li")
    st = status(tpl, city, street, PERIOD, today=dt.date(2026, 12, 1))
    assert (st.expected, st.submitted) == (len(units), 1)
    assert [(m["code"], m["state"]) for m in st.missing] == [(units[1], "draft")] + [(u, None) for u in units[2:]]
    assert st.missing[0]["name"].startswith("社区") and st.due.due is None and not st.overdue


def test_due_dates_and_reminders() -> None:
    tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")  # due 2 days after, remind 1 day before
    d = due_dates(tpl, "2027W01")
    assert (d.due, d.reminders) == (dt.date(2027, 1, 12), [dt.date(2027, 1, 11)])
    assert reminders_on(tpl, dt.date(2027, 1, 11)) == [("2027W01", "remind")]
    assert reminders_on(tpl, dt.date(2027, 1, 12)) == [("2027W01", "due")]
    assert d.overdue(dt.date(2027, 1, 13)) and not d.overdue(dt.date(2027, 1, 12))
    ledger = formkit.load(formkit.examples_dir() / "disabled_persons_ledger.yaml")  # after 5d, remind 2d and 1d
    d = due_dates(ledger, "2026-12")
    assert (d.due, d.reminders) == (dt.date(2027, 1, 5), [dt.date(2027, 1, 3), dt.date(2027, 1, 4)])
    once = formkit.load(formkit.examples_dir() / "insurance_visit_record.yaml")
    assert due_dates(once, "once").due is None and reminders_on(once, dt.date(2027, 1, 1)) == []


def test_versions_keep_their_own_tables_and_types(city: Connection, tmp_path: Path, tpl: Template) -> None:
    """A new version stores into its own tables; prev() reads the old one by field id; a field
    whose type changed from a deployed version is a `version-changed` check error."""
    org = communities()[8]
    sep = _fill_in(tpl.fill(city, org=org, period="2026-09"), received=9, released=2)
    tpl.submit(city, sep, user="li")
    source = Path(tpl.model.file).read_text(encoding="utf-8")
    v2_path = tmp_path / "v2" / Path(tpl.model.file).name
    v2_path.parent.mkdir()
    (tmp_path / "v2" / "rk_city.pool.yaml").write_text((tmp_path / "rk_city.pool.yaml").read_text("utf-8"), "utf-8")
    v2_path.write_text(source.replace("level: community\n", "level: community\nversion: 2\n"), encoding="utf-8")
    v2 = formkit.load(v2_path)
    assert wf.check_deployed(city, v2) == []
    octo = tpl.fill(city, org=org, period=PERIOD)
    octo2 = v2.fill(city, org=org, period=PERIOD)  # type: ignore[attr-defined]
    assert octo2["opening"] == octo["opening"] == 7
    v2.submit(city, _fill_in(octo2), user="li")  # type: ignore[attr-defined]
    assert layout(v2).table != layout(tpl).table and count_rows(city, layout(v2).table, {"org": org}) == 1

    v3_path = tmp_path / "v2" / "v3.yaml"
    v3_path.write_text(source.replace("level: community\n", "level: community\nversion: 3\n").replace(
        "{id: remark, label: 备注, type: text}", "{id: remark, label: 备注, type: integer}"), "utf-8")
    v3 = formkit.load(v3_path)
    issues = wf.check_deployed(city, v3)
    assert [i.code for i in issues] == ["version-changed", "version-changed"]  # against v1 and v2
    assert "'remark' holds number values here but text values in deployed version 1" in issues[0].message
    assert issues[0].span.line == source.splitlines().index("  - {id: remark, label: 备注, type: text}") + 2
    assert wf.check_deployed(city, formkit.load(v2_path)) == []
    v2_path.write_text(v2_path.read_text("utf-8").replace("type: text}", "type: integer}"), "utf-8")
    issues = wf.check_deployed(city, formkit.load(v2_path))  # v2 again with other fields: never
    assert [i.code for i in issues] == ["version-changed", "version-changed"]
    assert "version 2 of" in issues[1].message and "deployed version 1" in issues[0].message


def test_transition_errors(city: Connection, tpl: Template) -> None:
    with pytest.raises(TemplateError) as exc:
        wf.approve(tpl, city, org=communities()[9], period=PERIOD)
    assert exc.value.codes() == ["invalid-submission"] and "no submission" in str(exc.value)
    with pytest.raises(TemplateError) as exc:
        wf.return_(tpl, city, org=communities()[9], period=PERIOD, notes={"nope": "x"})
    assert exc.value.codes() == ["invalid-submission"]
    with pytest.raises(TemplateError) as exc:
        tpl.fill(city, org=_street(communities()[9]), period=PERIOD)
    assert exc.value.codes() == ["wrong-level"]
    with pytest.raises(TemplateError) as exc:
        tpl.fill(city, org=communities()[9], period="2026Q3")
    assert exc.value.codes() == ["bad-period"]


def test_sql_text_carries_its_parameters(tpl: Template) -> None:
    text = tpl.sql("prefill", dialect="postgres")
    assert "$1" in text and "org" in text.params
    every = wf.sql(tpl, dialect="duckdb")
    assert every.startswith("-- prefill") and "-- ddl" in every and "-- validate" in every


def test_roster_cells_are_confirmed_and_corrected(city: Connection, tmp_path: Path) -> None:
    """Issue 6: a roster column with `confirm: true` is confirmed or corrected cell by cell, the
    pool's original kept; `corrections` lists it with the row's record key, and names the user
    who made the correction, not the last writer of the submission."""
    t = template(tmp_path, BODY.replace("{id: age, label: 年龄, value: rk_person.age}",
                                        "{id: age, label: 年龄, value: rk_person.age, confirm: true}"), prefix="wr")
    forms = (_fill_in(t.fill(city, org=org, period=PERIOD)) for org in communities()[16:])
    form = next(f for f in forms if len(f.tables["elders"]) >= 2)
    key0, key1 = (r["_key"] for r in form.tables["elders"][:2])
    original = form.tables["elders"][0]["age"]
    form.correct("elders", original + 1, row=0, col="age")
    form.confirm("elders", row=key1, col="age")
    assert form.tables["elders"][0]["age"] == original + 1
    assert form.original("elders", row=0, col="age") == original and form.pool_rows["elders"][0]["age"] == original
    data = loads(form.dumps())
    assert data["tables"]["elders"][0]["_meta"] == {"age": {"source": "corrected", "original": original}}
    assert data["tables"]["elders"][1]["_meta"] == {"age": {"source": "confirmed"}}
    assert Form.from_json(data, t).dumps() == form.dumps()
    with pytest.raises(ValueError, match="not a pre-filled value"):
        form.correct("elders", True, row=0, col="visited")

    t.submit(city, form, user="li")
    again = t.fill(city, org=form.org, period=PERIOD)
    assert again.tables_with_meta == form.tables_with_meta
    got = t.corrections(city, org=form.org, period=PERIOD)
    assert [(r["field"], r["row_key"], r["pool_table"], r["pool_column"], r["original"], r["correction"],
             r["corrected_by"]) for r in got] == [("elders.age", key0, "rk_person", "age", original, original + 1,
                                                   "li")]
    again.set("remark", "补充说明")
    t.submit(city, again, user="wang")
    got2 = t.corrections(city, org=form.org, period=PERIOD)
    assert [(r["corrected_by"], r["corrected_at"]) for r in got2] == [("li", got[0]["corrected_at"])]
    latest = t.fill(city, org=form.org, period=PERIOD)
    latest.set("elders", original + 2, row=0, col="age")  # set on a confirmable cell corrects it
    t.submit(city, latest, user="zhao")
    got3 = t.corrections(city, org=form.org, period=PERIOD)
    assert [(r["correction"], r["corrected_by"]) for r in got3] == [(original + 2, "zhao")]
