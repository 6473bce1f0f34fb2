"""Staff type into example forms in Chromium: calculations, visibility, required marks, checks
with their messages and conditional formats follow every keystroke, and the submission payload
carries exactly what was typed. Values are drawn at run time (the seed is in every failure
message), so the page cannot have been rendered knowing them; the Python evaluator says what
each calculation and issue must be."""

from __future__ import annotations

import datetime as dt
import os
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fkbrowser import Browser, example, load_json, number, variant

from formkit.core import idcard
from formkit.evaluation.formeval import evaluate_form

SEED = int(os.environ.get("FORMKIT_BROWSER_SEED") or random.SystemRandom().randrange(1 << 30))


@pytest.fixture
def rng() -> random.Random:
    return random.Random(SEED)


def _issue_places(issues: list[Any]) -> set[tuple[Any, ...]]:
    out = set()
    for i in issues:
        get = i.get if isinstance(i, dict) else lambda k, i=i: getattr(i, k)
        row = get("row")
        out.add((get("field"), None if row is None else str(row), get("col"), get("rule"), get("severity")))
    return out


# -- scalar fields -------------------------------------------------------------------------------


def test_calculations_follow_values_typed_at_run_time(browser: Browser, rng: random.Random) -> None:
    """labor_archive_stock: openings carried from last week (prev), this week's flows typed key
    by key; every closing, residual and ratio equals the Python evaluator's, and each keystroke
    recomputes only the dependants of what changed."""
    tpl = example("labor_archive_stock")
    cats = ["unemp", "hard", "xiebao", "flex", "retired"]
    prev = {f"{c}_closing": Decimal(rng.randrange(0, 400)) for c in cats}
    prev["closing"] = sum(prev.values(), Decimal(0)) + rng.randrange(0, 300)
    openings = {k.replace("closing", "opening"): int(v) for k, v in prev.items()}  # as a server's fill gives them
    browser.open(tpl, lang="zh", values={"values": openings, "prev": {k: int(v) for k, v in prev.items()},
                                         "period": "2026W45"})
    typed: dict[str, int] = {"received": rng.randrange(0, 200), "released": rng.randrange(0, 200)}
    for c in cats:
        typed[f"{c}_in"] = rng.randrange(0, 40)
        typed[f"{c}_out"] = rng.randrange(0, 40)
    for slot, v in typed.items():
        browser.type(slot, str(v))
    state = evaluate_form(tpl, typed, prev_values=prev, period="2026W45")
    for fid, f in tpl.fields.items():
        if f.kind in ("calc", "value") and fid not in ("remark",):
            shown = number(browser.value(fid))
            want = state.values.get(fid)
            assert shown == (None if want is None else Decimal(str(want))), f"{fid} (seed {SEED})"
    # one keystroke: only `received`'s dependants are evaluated, and formkit:change says so
    browser.clear_events()
    browser.control("received").press("End")
    browser.control("received").press("1")
    changed = browser.events("change")[-1]["changed"]
    last = browser.page.evaluate("document.querySelector('[data-fk-form]').formkit.form.stats.lastEvaluated")
    assert "closing" in changed and "closing" in last
    assert not {"unemp_closing", "hard_closing", "received_total"} & set(last)
    assert browser.page.evaluate("document.activeElement.dataset.fkSlot") == "received"
    browser.assert_clean()


def test_required_marks_checks_messages_and_formats(browser: Browser) -> None:
    """elderly_care_facilities (en): required marks, messages that appear when a place is left
    or typing is committed, rules at their fields (error, warning, info), conditional formats,
    full-width digits, and the invalid → submit path with its payload."""
    tpl = example("elderly_care_facilities")
    pool = {"inst_count": 3, "inst_public": 1, "inst_medical": 1, "beds": 100, "nursing_beds": 50, "occupied": 40,
            "daycare_count": 2, "daycare_capacity": 60, "meal_count": 1, "meal_capacity": 10, "center_count": 1,
            "staff_total": 20, "nurses": 10, "certified": 9}
    browser.open(tpl, lang="en", values={"values": pool, "period": "2026Q3"})
    page = browser.page
    required = ["new_beds", "daycare_visits", "meals_served", "center_visits", "safety_checks", "hazards",
                "hazards_fixed"]
    for slot in required:
        assert "fk-is-required" in browser.classes(browser.box(slot))
        assert browser.control(slot).get_attribute("aria-required") == "true"
        assert browser.issues(browser.box(slot)) == [], "nothing is reported before staff touch a field"
    # leaving a required field empty reports it; typing a value clears it
    browser.control("daycare_visits").focus()
    browser.control("daycare_visits").press("Tab")
    assert browser.issues(browser.box("daycare_visits")) == ["required: ErrorThis is required"]
    browser.type("daycare_visits", "１２０")  # full-width digits, as a Chinese IME types them
    assert browser.value("daycare_visits") == "120" and browser.issues(browser.box("daycare_visits")) == []
    # a type issue waits until typing is committed
    browser.type("hazards_fixed", "abc", commit=False)
    assert browser.issues(browser.box("hazards_fixed")) == []
    browser.control("hazards_fixed").press("Tab")
    assert browser.issues(browser.box("hazards_fixed")) == ["type: ErrorEnter a number"]
    assert browser.control("hazards_fixed").get_attribute("aria-invalid") == "true"
    # calculations and formats: occupancy 40 % is flagged warn; correcting the pool value to 96 makes it info
    assert browser.value("occupancy_rate") == "40.00"
    assert "fk-fmt-warn" in browser.classes(browser.box("occupancy_rate"))
    browser.type("occupied", "96")
    assert browser.value("occupancy_rate") == "96.00"
    assert {"fk-fmt-info"} <= browser.classes(browser.box("occupancy_rate"))
    assert "fk-fmt-warn" not in browser.classes(browser.box("occupancy_rate"))
    assert page.locator('[data-fk-field="occupied"] [data-fk-mark]').get_attribute("data-fk-source") == "corrected"
    # a rule over two fields: its message shows at both
    browser.type("occupied", "120")
    for slot in ("occupied", "beds"):
        assert any("Residents cannot outnumber the approved beds" in t for t in browser.issues(browser.box(slot)))
        assert "fk-has-error" in browser.classes(browser.box(slot))
    browser.type("occupied", "90")
    assert browser.issues(browser.box("beds")) == []
    # a warning and an info note, with their own classes
    browser.type("meals_served", "1000")
    assert "fk-has-warning" in browser.classes(browser.box("meals_served"))
    assert "fk-has-info" in browser.classes(browser.box("nursing_bed_rate"))
    # a format with the template's own class
    browser.type("new_beds", "5")
    assert "fk-new-capacity" in browser.classes(browser.box("new_beds"))
    browser.type("new_beds", "0")
    assert "fk-new-capacity" not in browser.classes(browser.box("new_beds"))
    # submit: blocked while errors remain, with a summary that links to each
    event = browser.submit()
    assert event["kind"] == "invalid"
    summary = page.locator("[data-fk-summary]")
    assert summary.is_visible()
    items = summary.locator("[data-fk-summary-list] li").all_inner_texts()
    assert any("Hazards fixed" in t and "Enter a number" in t for t in items), items
    assert page.evaluate("document.activeElement.matches('[data-fk-summary]')")
    summary.locator("a", has_text="Hazards fixed").click()
    assert page.evaluate("document.activeElement.dataset.fkSlot") == "hazards_fixed"
    for slot, v in {"hazards_fixed": "2", "hazards": "3", "safety_checks": "4", "center_visits": "33",
                    "meals_served": "800", "meal_subsidy": "1234.5"}.items():
        browser.type(slot, v)
    event = browser.submit()
    assert event["kind"] == "submit", event["issues"]
    sent = load_json(event["json"])
    assert sent["values"]["meal_subsidy"] == Decimal("1234.50")
    assert str(sent["values"]["meal_subsidy"]) == "1234.50", "numbers travel with their places"
    assert sent["values"]["occupancy_rate"] == Decimal("90.00")
    assert sent["values"]["fix_rate"] == Decimal("66.7")
    assert summary.is_hidden()
    server = evaluate_form(tpl, {k: v for k, v in sent["values"].items() if v is not None}, prefilled=pool,
                           period="2026Q3")
    assert _issue_places(event["issues"]) == _issue_places(server.issues)
    browser.assert_clean()


# -- a roster ------------------------------------------------------------------------------------


def _person(rng: random.Random) -> dict[str, str]:
    birth = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 30_000))
    first17 = f"370602{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    number_ = first17 + idcard.check_char(first17)
    return {"id": number_, "sex": "M" if int(first17[16]) % 2 else "F", "birth": birth.isoformat(),
            "name": rng.choice("张王李赵刘陈杨黄周吴") + rng.choice(["伟", "芳", "秀英", "建国", "桂兰", "强"])}


def _removable(doc: dict[str, Any]) -> None:
    next(f for f in doc["fields"] if f["id"] == "走访登记")["remove_rows"] = True


def test_fill_a_roster(browser: Browser, rng: random.Random, tmp_path: Path) -> None:
    """insurance_visit_record (zh): add rows, type people generated at run time, watch the
    per-row visibility and requirement, the calculated birth date, the per-row rules and
    formats and the totals; remove a row; the payload holds exactly the rows typed, and the
    Python evaluator finds the same issues."""
    tpl = variant("insurance_visit_record", tmp_path, _removable)
    browser.open(tpl, lang="zh", values={"values": {"未参保人数": 40, "网格员人数": 4}})
    page = browser.page
    table = "走访登记"
    people = [_person(rng) for _ in range(4)]
    outcomes = ["paid", "refuse", "will", "refuse"]
    for i, (p, outcome) in enumerate(zip(people, outcomes, strict=True)):
        page.locator(f'[data-fk-add-row="{table}"]').click()
        assert page.evaluate("document.activeElement.dataset.fkColumn") == "姓名", "focus moves to the new row"
        browser.fill(browser.cell(table, i, "姓名"), p["name"])
        browser.fill(browser.cell(table, i, "身份证号"), p["id"].lower())  # a lower-case x is corrected
        browser.cell(table, i, "性别").select_option(p["sex"])
        assert browser.shown(browser.cell(table, i, "出生日期")) == p["birth"], f"seed {SEED}"
        browser.cell(table, i, "走访日期").fill("2026-11-20")
        browser.cell(table, i, "走访方式").select_option("home")
        browser.cell(table, i, "宣传事项").locator('input[value="medical"]').check()
        reason = browser.cell(table, i, "未参保原因")
        assert reason.is_hidden() and reason.is_disabled()
        browser.cell(table, i, "参保意愿").select_option(outcome)
        assert reason.is_visible() == (outcome == "refuse")
    assert browser.cell(table, 0, "身份证号").input_value() == people[0]["id"]
    # a refusal: its reason becomes visible and required; 'money' shows the assistance question
    row1 = page.locator(f'[data-fk-table="{table}"] tr[data-fk-row]').nth(1)
    assert "fk-is-required" in browser.classes(row1.locator('td[data-fk-col="未参保原因"]'))
    assert "fk-fmt-warn" in browser.classes(row1.locator('td[data-fk-col="参保意愿"]'))
    browser.cell(table, 1, "未参保原因").select_option("money")
    browser.cell(table, 1, "需要帮扶").select_option("true")
    assert "fk-fmt-danger" in browser.classes(row1.locator('td[data-fk-col="姓名"]'))
    browser.cell(table, 3, "未参保原因").select_option("unaware")
    assert browser.cell(table, 3, "需要帮扶").is_hidden()
    # 'other' topic: its explanation becomes visible and required
    browser.cell(table, 2, "宣传事项").locator('input[value="other"]').check()
    other = browser.cell(table, 2, "其他事项")
    assert other.is_visible()
    assert other.get_attribute("aria-required") == "true"
    # the wrong sex for the ID number: the row's rule shows at both cells; a bad flat number: pattern
    browser.cell(table, 2, "性别").select_option("F" if people[2]["sex"] == "M" else "M")
    row2 = page.locator(f'[data-fk-table="{table}"] tr[data-fk-row]').nth(2)
    assert any("性别与身份证号不一致" in t for t in browser.issues(row2.locator('td[data-fk-col="性别"]')))
    assert any("性别与身份证号不一致" in t for t in browser.issues(row2.locator('td[data-fk-col="身份证号"]')))
    browser.fill(browser.cell(table, 2, "门牌号"), "12号楼")
    assert any(t.startswith("pattern:") for t in browser.issues(row2.locator('td[data-fk-col="门牌号"]')))
    browser.fill(browser.cell(table, 2, "门牌号"), "12-3-501")
    assert browser.value("登记人数") == "4"
    assert browser.value("登记同意参保人数") == "2"
    assert browser.value("需帮扶人数") == "1"
    # remove the first row: rows renumber, totals follow
    page.locator(f'[data-fk-table="{table}"] tr[data-fk-row]').nth(0).locator("[data-fk-remove-row]").click()
    assert page.locator(f'[data-fk-table="{table}"] [data-fk-rownum]').all_inner_texts()[:3] == ["1", "2", "3"]
    assert page.locator(f'[data-fk-table="{table}"] [data-fk-count]').inner_text() == "共3行"
    assert browser.value("登记人数") == "3" and browser.value("登记同意参保人数") == "1"
    browser.type("走访次数", "5")
    browser.type("已动员参保人数", "41")  # more than the 40 uninsured: max
    assert any(t.startswith("max:") for t in browser.issues(browser.box("已动员参保人数")))
    event = browser.submit()
    assert event["kind"] == "invalid"
    sent = load_json(event["json"])
    rows = sent["tables"][table]
    assert [r["姓名"] for r in rows] == [p["name"] for p in people[1:]]
    assert [r["身份证号"] for r in rows] == [p["id"] for p in people[1:]]
    assert [r["出生日期"] for r in rows] == [p["birth"] for p in people[1:]]
    assert rows[0]["未参保原因"] == "money" and rows[0]["需要帮扶"] is True
    assert rows[1]["宣传事项"] == ["medical", "other"] and rows[1]["门牌号"] == "12-3-501"
    assert rows[2]["需要帮扶"] is None, "a hidden value is sent as null"
    typed = {k: v for k, v in sent["values"].items() if v is not None}
    server = evaluate_form(tpl, {**typed, table: rows}, prefilled={"未参保人数": 40, "网格员人数": 4})
    assert _issue_places(event["issues"]) == _issue_places(server.issues), f"seed {SEED}"
    assert {("走访登记", "1", "其他事项", "required", "error"), ("已动员参保人数", None, None, "max", "error")} <= (
        _issue_places(event["issues"]))
    browser.assert_clean()


def test_grid_totals_and_keyboard(browser: Browser, rng: random.Random) -> None:
    """disabled_persons_ledger: a grid's totals row and column from values drawn at run time;
    Enter moves to the next field, ↓ to the same column of the next row."""
    tpl = example("disabled_persons_ledger")
    grid = next(iter(tpl.grids))
    cells = {key: rng.randrange(0, 50) for key, c in tpl.grids[grid].cells.items() if c.kind != "calc"}
    nested: dict[str, dict[str, int]] = {}
    for (r, c), v in cells.items():
        nested.setdefault(r, {})[c] = v
    browser.open(tpl, lang="en", values={"values": {}, "grids": {grid: nested}, "period": "2026-10"})
    state = evaluate_form(tpl, {}, prefilled={f"{grid}.{r}.{c}": v for (r, c), v in cells.items()},
                          period="2026-10")
    for (r, c), cell in tpl.grids[grid].cells.items():
        if cell.kind == "calc":
            slot = f"{grid}.{r}.{c}"
            assert number(browser.value(slot)) == Decimal(str(state.values[slot])), f"{slot} (seed {SEED})"
    # keyboard: Enter → next field; ↓ in a roster column → next row
    browser.open(example("insurance_visit_record"), lang="en", values={"走访登记": [{}, {}]})
    page = browser.page
    browser.control("走访次数").focus()
    browser.control("走访次数").press("Enter")
    assert page.evaluate("document.activeElement.dataset.fkSlot") == "已动员参保人数"
    browser.cell("走访登记", 0, "姓名").focus()
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => [document.activeElement.dataset.fkColumn,"
                            " document.activeElement.closest('tr').dataset.fkRid]")
    assert focused == ["姓名", "r1"]
    browser.assert_clean()


# -- a refused value in the page never erases a stored one (issue 21) -----------------------------

GUARDED = """\
formkit: 1
id: guarded
title: 护栏
level: community
period: monthly
fields:
  - {id: n, label: 人数, type: integer}
  - {id: amount, label: 金额, type: decimal, precision: 2}
  - {id: note, label: 备注, type: text}
  - id: t
    label: 名单
    type: table
    columns:
      - {id: v, label: 次数, type: integer}
  - id: g
    label: 格
    type: grid
    rows:
      - {id: r1, label: 一}
    columns:
      - {id: m, label: 男, type: integer}
"""


def test_refused_values_travel_in_the_payload_and_the_server_refuses_them(browser: Browser, tmp_path: Path) -> None:
    """SPEC §5/§7 end to end: a valid submission is stored; its form is opened in the page and
    wrong-typed values are typed into a field, a roster cell and a grid cell. The payload the
    page hands the host (draft, and submit pressed: invalid) holds null there and `rejected`
    with what was typed, exactly as Python's `Form.to_json` for the same typing; posted back
    through the Python API (`apply_values`, or `Form.from_json`) over the stored submission it
    is `invalid-submission` with each `type` problem, and the stored rows are unchanged."""
    import formkit
    from formkit.core.errors import TemplateError
    from formkit.runtime import connect
    from formkit.runtime import workflow as wf
    from formkit.runtime.form import Form, loads
    from formkit.runtime.values import apply_values, parse_body

    path = tmp_path / "guarded.yaml"
    path.write_text(GUARDED, encoding="utf-8")
    tpl = formkit.load(path)
    con = connect(f"duckdb:///{tmp_path / 'g.duckdb'}")
    org, period = "370602001001", "2026-10"
    try:
        good = tpl.fill(con, org=org, period=period)
        good.set("n", 5).set("amount", Decimal("1.50")).set("note", "好").set("g.r1.m", 3)
        good.set("t", [{"v": 1}, {"v": 2}])
        tpl.submit(con, good, user="li")
        stored = wf.fill(tpl, con, org, period)
        before = (stored.dumps(), wf.audit_log(tpl, con))

        browser.open(tpl, values=stored.to_json())
        browser.type("n", "1.5")
        browser.type("amount", "1.234")
        browser.fill(browser.cell("t", 1, "v"), "许多")
        browser.type("g.r1.m", "x")
        browser.assert_clean()
        want = [{"field": "n", "row": None, "col": None, "value": "1.5"},
                {"field": "amount", "row": None, "col": None, "value": "1.234"},
                {"field": "g", "row": "r1", "col": "m", "value": "x"},
                {"field": "t", "row": 1, "col": "v", "value": "许多"}]
        python = wf.fill(tpl, con, org, period)
        python.set("n", "1.5").set("amount", "1.234").set("t", "许多", row=1, col="v").set("g.r1.m", "x")
        assert load_json(python.dumps())["rejected"] == want
        for action, kind in (("draft", "draft"), ("submit", "invalid")):
            event = browser.submit(action)
            assert event["kind"] == kind
            payload = event["payload"]
            assert payload["rejected"] == want and load_json(event["json"])["rejected"] == want
            assert payload["values"]["n"] is None and payload["tables"]["t"][1]["v"] is None
            assert payload["grids"]["g"]["r1"]["m"] is None

            form = wf.fill(tpl, con, org, period)
            apply_values(form, parse_body(event["json"], "posted.json"))
            with pytest.raises(TemplateError) as exc:
                tpl.submit(con, form, user="li")
            assert exc.value.codes() == ["invalid-submission"], str(exc.value)
            problems = {(p.field, p.row, p.col, p.rule) for p in exc.value.problems}  # type: ignore[attr-defined]
            assert {(e["field"], e["row"], e["col"], "type") for e in want} <= problems, str(exc.value)
            with pytest.raises(TemplateError) as exc:
                tpl.submit(con, Form.from_json(loads(event["json"]), tpl), user="li")
            assert exc.value.codes() == ["invalid-submission"], str(exc.value)
            assert (wf.fill(tpl, con, org, period).dumps(), wf.audit_log(tpl, con)) == before
    finally:
        con.close()
