"""The Python evaluator on whole templates: plan order, precision, visibility, checks, grids,
incremental re-evaluation (SPEC §2-§3, §5 issues); and the standalone API and periods."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from pathlib import Path

import pytest

import formkit
from formkit.core.periods import PeriodError, parse_period, previous
from formkit.evaluation.evaluator import EvaluationError, evaluate
from formkit.evaluation.formeval import FormValues, evaluate_form, reevaluate
from formkit.meaning.template import Template

EXAMPLES = Path(formkit.__file__).parent / "examples"
D = Decimal


@pytest.fixture(scope="module")
def labor() -> Template:
    return formkit.load(EXAMPLES / "labor_archive_stock.yaml")


@pytest.fixture(scope="module")
def ledger() -> Template:
    return formkit.load(EXAMPLES / "disabled_persons_ledger.yaml")


@pytest.fixture(scope="module")
def elderly() -> Template:
    return formkit.load(EXAMPLES / "elderly_population_grid.yaml")


@pytest.fixture(scope="module")
def visits() -> Template:
    return formkit.load(EXAMPLES / "insurance_visit_record.yaml")


def _template(tmp_path: Path, fields: str, extra: str = "") -> Template:
    path = tmp_path / "t.yaml"
    path.write_text(f"formkit: 1\nid: t\ntitle: T\nperiod: monthly\nfields:\n{fields}{extra}", encoding="utf-8")
    return formkit.load(path)


def _issues(st: FormValues) -> list[tuple[object, ...]]:
    return [(i.field, i.row, i.col, i.rule) for i in st.issues]


# -- the language on its own (SPEC §6 formkit.evaluate) -------------------------------------------


def test_evaluate_doc_example() -> None:
    """SPEC §6: evaluate("round(a / b, 2)", {"a": 1, "b": 3}) is Decimal('0.33')."""
    assert evaluate("round(a / b, 2)", {"a": 1, "b": 3}) == Decimal("0.33")


def test_evaluate_refuses_floats() -> None:
    with pytest.raises(TypeError, match="float"):
        evaluate("a + 1", {"a": 0.1})


def test_evaluate_infers_types_from_values() -> None:
    assert evaluate("a & b", {"a": "x", "b": "y"}) == "xy"
    assert evaluate("has(m, 'k')", {"m": ["k"]}) is True
    assert evaluate("days(a, b)", {"a": dt.date(2026, 1, 1), "b": dt.date(2026, 3, 1)}) == 59
    assert evaluate("sum(t.x)", {"t": [{"x": D("1.5")}, {"x": 2}]}) == D("3.5")


def test_evaluate_with_declared_types_reads_text_numbers() -> None:
    assert evaluate("a * 2", {"a": "0.25"}, types={"a": "decimal"}) == D("0.5")


def test_evaluate_compile_error_is_template_error() -> None:
    with pytest.raises(formkit.TemplateError) as info:
        evaluate("'No.' & 3", {})
    assert info.value.codes() == ["type-mismatch"]


def test_evaluate_overflow_is_evaluation_error() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate("a * a", {"a": D(10) ** 20})
    assert info.value.code == "overflow"


def test_evaluation_ignores_the_global_decimal_context() -> None:
    """SPEC §3: the meaning may not depend on what the host did to decimal's context."""
    with decimal.localcontext() as ctx:
        ctx.prec = 4
        ctx.rounding = decimal.ROUND_FLOOR
        assert evaluate("2 / 3", {}) == D("0.6666666667")
        assert evaluate("round(2.5)", {}) == 3
        assert evaluate("a + b", {"a": D("123456789.123"), "b": 1}) == D("123456790.123")


def test_age_uses_the_period_end() -> None:
    born = {"d": dt.date(2000, 2, 29)}
    assert evaluate("age(d)", born, period="2026-02") == 25
    assert evaluate("age(d)", born, period=parse_period("2026-03")) == 26
    assert evaluate("age(d)", born, period="once", today=dt.date(2026, 3, 1)) == 26


# -- periods (SPEC §5) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2026W45", "weekly", "2026-11-02", "2026-11-08"),
        ("2026W53", "weekly", "2026-12-28", "2027-01-03"),
        ("2026-10", "monthly", "2026-10-01", "2026-10-31"),
        ("2024-02", "monthly", "2024-02-01", "2024-02-29"),
        ("2026Q3", "quarterly", "2026-07-01", "2026-09-30"),
        ("2026", "yearly", "2026-01-01", "2026-12-31"),
    ],
)
def test_parse_period(text: str, kind: str, start: str, end: str) -> None:
    p = parse_period(text)
    assert (p.kind, p.start, p.end, str(p)) == (
        kind,
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end),
        text,
    )


@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("2027W01", "2026W53"),
        ("2026W01", "2025W52"),
        ("2026-01", "2025-12"),
        ("2026Q1", "2025Q4"),
        ("2026Q3", "2026Q2"),
        ("2026", "2025"),
    ],
)
def test_previous_period(text: str, before: str) -> None:
    p = previous(parse_period(text))
    assert p is not None and p.text == before


def test_once_has_no_dates_and_no_previous() -> None:
    once = parse_period("once", "once")
    assert (once.start, once.end, previous(once)) == (None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "2025W53",
        "2026W00",
        "2026-13",
        "2026-1",
        "2026Q5",
        "2026w45",
        "26",
        "",
        "2026-10-01",
        "0000",
        "once ",
    ],
)
def test_bad_period_is_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_period_must_match_the_template_kind() -> None:
    with pytest.raises(PeriodError, match="weekly"):
        parse_period("2026-10", "weekly")
    assert issubclass(PeriodError, ValueError)


# -- whole templates ---------------------------------------------------------------------------


def test_values_in_dependency_order(labor: Template) -> None:
    """opening = prev(closing); closing = coalesce(opening, 0) + received - released; the
    dependants of closing read it after it is computed."""
    st = evaluate_form(labor, {"received": 5, "released": 2}, prev_values={"closing": 7}, period="2026W45")
    v = st.values
    assert (v["opening"], v["closing"], v["net_change"]) == (7, 10, 3)
    order = labor.plan.order
    assert order.index("opening") < order.index("closing") < order.index("net_change")


def test_calc_inputs_are_recomputed_not_taken(labor: Template) -> None:
    st = evaluate_form(labor, {"received": 5, "released": 2, "closing": 999}, period="2026W45")
    assert st.values["closing"] == 3


def test_confirmable_value_can_be_corrected(labor: Template) -> None:
    st = evaluate_form(
        labor,
        {"opening": 9, "received": 1, "released": 0},
        prev_values={"closing": 7},
        period="2026W45",
    )
    assert (st.values["opening"], st.values["closing"]) == (9, 10)


def test_null_check_is_not_violated_and_required_is_reported(labor: Template) -> None:
    st = evaluate_form(labor, {"released": 2}, period="2026W45")
    assert st.values["closing"] is None
    assert ("received", None, None, "required") in _issues(st)
    assert not [i for i in st.issues if i.rule == "stock_not_negative"]


def test_rule_violation_is_reported(labor: Template) -> None:
    st = evaluate_form(labor, {"received": 1, "released": 5}, period="2026W45")
    assert ("closing", None, None, "stock_not_negative") in _issues(st)
    issue = next(i for i in st.issues if i.rule == "stock_not_negative")
    rule = next(r.model for r in labor.rules if r.model.id == "stock_not_negative")
    assert issue.to_json("en")["message"] == rule.message["en"]
    assert issue.message("zh") == rule.message["zh"]


def test_precision_rounds_on_assignment(tmp_path: Path) -> None:
    """SPEC §3: a decimal field with precision p holds its value rounded half away from zero to
    p places from the moment it is assigned, so dependants see the rounded value."""
    t = _template(
        tmp_path,
        """\
  - {id: a, label: A, type: decimal, precision: 2}
  - {id: b, label: B, type: integer}
  - {id: share, label: Share, type: decimal, precision: 2, calc: a / b}
  - {id: triple, label: Triple, type: decimal, precision: 4, calc: share * 3}
  - {id: whole, label: Whole, type: integer, calc: a * 1}
""",
    )
    st = evaluate_form(t, {"a": "1", "b": 3}, period="2026-10")
    assert st.values["share"] == D("0.33")
    assert str(st.values["triple"]) == "0.9900"  # from the rounded 0.33, not from 1/3
    assert str(st.values["a"]) == "1.00"
    st = evaluate_form(t, {"a": "-2.5", "b": 1}, period="2026-10")
    assert st.values["whole"] == -3  # integer: p = 0, half away from zero


def test_typed_value_with_too_many_places_is_refused(tmp_path: Path) -> None:
    """SPEC §3: a typed value with more places than p is refused with a message, never rounded."""
    t = _template(
        tmp_path,
        """\
  - {id: a, label: {zh: 金额, en: Amount}, type: decimal, precision: 2, required: true}
  - {id: n, label: Count, type: integer}
  - {id: twice, label: Twice, type: decimal, precision: 2, calc: a * 2}
""",
    )
    st = evaluate_form(t, {"a": "1.005", "n": "2.5"}, period="2026-10")
    assert st.values["a"] is None and st.values["twice"] is None
    assert _issues(st) == [("a", None, None, "type"), ("n", None, None, "type")]
    assert st.issues[0].message("en") == "Amount takes at most 2 decimal places"
    assert st.issues[0].message("zh") == "「金额」最多 2 位小数"
    st = evaluate_form(t, {"a": "1.50", "n": "5.00"}, period="2026-10")
    assert (st.values["a"], st.values["n"], st.issues) == (D("1.50"), 5, [])


def test_float_inputs_are_a_programming_error(labor: Template) -> None:
    with pytest.raises(TypeError, match="float"):
        evaluate_form(labor, {"received": 1.5}, period="2026W45")


def test_hidden_field_is_null_and_not_required(tmp_path: Path) -> None:
    t = _template(
        tmp_path,
        """\
  - {id: kind, label: Kind, type: choice, choices: {a: A, b: B}}
  - {id: detail, label: Detail, type: text, visible: "kind = 'b'", required: true}
  - {id: detail_len, label: Length, type: integer, calc: "coalesce(len(detail), 0)"}
""",
    )
    st = evaluate_form(t, {"kind": "a", "detail": "typed while hidden"}, period="2026-10")
    assert (st.values["detail"], st.values["detail_len"], st.issues) == (None, 0, [])
    st = evaluate_form(t, {"detail": "x"}, period="2026-10")  # visible is null: hidden
    assert st.values["detail"] is None and st.issues == []
    st = evaluate_form(t, {"kind": "b"}, period="2026-10")
    assert _issues(st) == [("detail", None, None, "required")]
    st = reevaluate(t, st, "detail", "abc")
    assert (st.values["detail_len"], st.issues) == (3, [])


def test_choices_pattern_min_max(tmp_path: Path) -> None:
    t = _template(
        tmp_path,
        """\
  - {id: kind, label: Kind, type: choice, choices: {a: A, b: B}}
  - {id: tags, label: Tags, type: multichoice, choices: {x: X, y: Y}}
  - {id: flat, label: Flat, type: text, pattern: '[0-9]{1,4}(-[0-9]{1,3}){0,2}'}
  - {id: lo, label: Low, type: integer}
  - {id: n, label: N, type: integer, min: lo, max: 10}
""",
    )
    st = evaluate_form(t, {"kind": "c", "tags": ["x", "z"], "flat": "12-3-501x", "lo": 5, "n": 4}, period="2026-10")
    assert _issues(st) == [
        ("kind", None, None, "choices"),
        ("tags", None, None, "choices"),
        ("flat", None, None, "pattern"),
        ("n", None, None, "min"),
    ]
    st = evaluate_form(t, {"flat": "12-3-501", "n": 11}, period="2026-10")
    assert _issues(st) == [("n", None, None, "max")]  # min is null: no bound


def test_overflow_in_a_calc_is_an_issue_not_a_crash(tmp_path: Path) -> None:
    t = _template(
        tmp_path,
        """\
  - {id: a, label: A, type: decimal}
  - {id: big, label: Big, type: decimal, calc: a * a}
""",
    )
    st = evaluate_form(t, {"a": D(10) ** 20}, period="2026-10")
    assert st.values["big"] is None
    assert _issues(st) == [("big", None, None, "type")]


def test_format_applies_only_when_true(labor: Template) -> None:
    st = evaluate_form(labor, {"received": 5, "released": 2}, prev_values={"closing": 2}, period="2026W45")
    assert any(h.field == "released" and h.style == "warn" for h in st.formats)
    st = evaluate_form(labor, {"received": 5, "released": 2}, period="2026W45")  # opening null
    assert not any(h.field == "released" for h in st.formats)


# -- tables: pre-filled rows, typed columns, per-row checks --------------------------------------


def _severe_rows() -> list[dict[str, object]]:
    return [
        {"_key": "P1", "name": "张*", "cert": "valid", "level": 1, "last_subsidy": D("100")},
        {"_key": "P2", "name": "李*", "cert": "expired", "level": 2, "last_subsidy": D("100")},
        {"_key": "P3", "name": "王*", "cert": "valid", "level": 1, "last_subsidy": None},
    ]


def _ledger_form(ledger: Template, subsidies: list[object]) -> FormValues:
    typed = [{"_key": f"P{i + 1}", "subsidy": s, "change_reason": "standard"} for i, s in enumerate(subsidies)]
    return evaluate_form(
        ledger,
        {"severe": typed},
        prefilled={"severe": _severe_rows(), "severe_total": 3, "cert_expired": 1},
        period="2026-10",
    )


def test_table_columns_and_aggregates(ledger: Template) -> None:
    st = _ledger_form(ledger, ["120.5", "0", "80"])
    rows = st.tables["severe"]
    assert [r["_key"] for r in rows] == ["P1", "P2", "P3"]
    assert [r["change"] for r in rows] == [D("20.50"), D("-100.00"), D("80.00")]
    assert str(rows[0]["subsidy"]) == "120.50"
    v = st.values
    assert (v["nursing_count"], v["nursing_total"], v["nursing_added"], v["nursing_stopped"]) == (
        2,
        D("200.50"),
        1,
        1,
    )
    assert v["severe_coverage"] == D("66.7")


def test_per_row_rules(ledger: Template) -> None:
    """A rule with ``table:`` is checked on every row; its issue names the row."""
    st = _ledger_form(ledger, ["120.5", "100", "450"])
    found = _issues(st)
    assert ("severe", 1, "subsidy", "nursing_needs_valid_cert") in found  # expired, paid
    assert ("severe", 2, "subsidy", "nursing_large_change") in found  # +450 > 200
    assert ("severe", 0, "subsidy", "nursing_large_change") not in found
    warning = next(i for i in st.issues if i.rule == "nursing_large_change")
    assert warning.severity == "warning"


def test_row_cells_are_checked(ledger: Template) -> None:
    st = _ledger_form(ledger, ["1200", "12.345", None])
    found = _issues(st)
    assert ("severe", 0, "subsidy", "max") in found
    assert ("severe", 1, "subsidy", "type") in found
    assert ("severe", 2, "subsidy", "required") in found
    assert ("severe", 1, "subsidy", "required") not in found  # refused, reported once


def test_hidden_row_cells_are_null_and_not_required(visits: Template) -> None:
    row = {
        "姓名": "王五",
        "身份证号": "11010519491231002x",
        "性别": "F",
        "走访日期": "2026-01-02",
        "走访方式": "home",
        "宣传事项": ["medical"],
        "参保意愿": "paid",
        "其他事项": "hidden",
    }
    st = evaluate_form(
        visits,
        {"走访次数": 3, "已动员参保人数": 1, "走访登记": [row]},
        prefilled={"未参保人数": 10, "网格员人数": 2},
        period="once",
    )
    out = st.tables["走访登记"][0]
    assert out["其他事项"] is None and out["未参保原因"] is None
    assert out["身份证号"] == "11010519491231002X"  # a trailing x is stored as X
    assert out["出生日期"] == dt.date(1949, 12, 31)
    assert st.issues == []
    assert st.values["人均走访次数"] == D("1.5")


def test_invalid_id_card_is_refused(visits: Template) -> None:
    row = {"姓名": "王五", "身份证号": "110105194912310020", "性别": "F"}
    st = evaluate_form(visits, {"走访登记": [row]}, period="once")
    assert ("走访登记", 0, "身份证号", "type") in _issues(st)
    assert st.tables["走访登记"][0]["出生日期"] is None


# -- grids ------------------------------------------------------------------------------------

_BANDS = ["age_60_69", "age_70_79", "age_80_89", "age_90_99", "age_100"]


def _elderly_form(t: Template, **typed: object) -> FormValues:
    counts = {
        f"elderly.{r}.{c}": 10 * i + j for i, r in enumerate(_BANDS) for j, c in enumerate(["male", "female", "alone"])
    }
    return evaluate_form(t, dict(typed), prefilled={"population": 1000, **counts}, period="2026")


def test_grid_totals(elderly: Template) -> None:
    """sum(col) in a totals row adds the column's other rows; row.x + row.y in a totals column;
    a cell override sum(elderly.all); grid cells outside the grid."""
    st = _elderly_form(elderly, alone_visits=200, allowance_recipients=10)
    grid = st.grids(elderly)["elderly"]
    assert [grid[r]["all"] for r in _BANDS] == [1, 21, 41, 61, 81]
    assert (grid["total"]["male"], grid["total"]["female"], grid["total"]["all"]) == (100, 105, 205)
    assert grid["total"]["alone"] == 110
    assert st.values["elderly_share"] == D("20.50")
    assert st.values["oldest_share"] == D("89.27")  # (41 + 61 + 81) / 205 * 100
    assert st.issues == []
    assert any(h.field == "elderly" and h.row == "age_100" and h.col == "all" for h in st.formats)


def test_grid_bound_expression_max(elderly: Template) -> None:
    st = _elderly_form(elderly, alone_visits=200, allowance_recipients=184)
    assert _issues(st) == [("allowance_recipients", None, None, "max")]


# -- incremental re-evaluation ------------------------------------------------------------------


def _closure(t: Template, changed: str) -> set[str]:
    """Transitive dependants, computed from the plan's deps independently of Plan.affected."""
    found: set[str] = set()
    frontier = {changed}
    while frontier:
        frontier = {s for s, deps in t.plan.deps.items() if deps & frontier} - found
        found |= frontier
    return found


def test_a_change_reevaluates_only_its_transitive_dependants(labor: Template) -> None:
    st = evaluate_form(labor, {"received": 5, "released": 2}, prev_values={"closing": 7}, period="2026W45")
    before = st.evaluations
    reevaluate(labor, st, "received", 10)
    assert st.values["closing"] == 15
    # every dependant of received comes out different here, so the early cut-off stops nowhere
    # (test_reevaluate.py has changes where it does)
    assert set(st.last_evaluated) == {"received"} | _closure(labor, "received")
    assert st.last_evaluated == ["received", *labor.plan.affected("received")]
    assert st.evaluations - before == len(st.last_evaluated)
    assert len(st.last_evaluated) < len(labor.plan.order) / 2
    assert "unemp_closing" not in st.last_evaluated
    # only the checks that read a re-evaluated slot run again
    assert "field:received" in st.last_checked and "field:unemp_in" not in st.last_checked
    assert all(k.startswith(("field:", "rule:", "format:")) for k in st.last_checked)


def test_incremental_equals_full_evaluation(labor: Template) -> None:
    st = evaluate_form(labor, {"received": 5, "released": 2, "unemp_in": 1}, period="2026W45")
    reevaluate(labor, st, "released", 9)
    reevaluate(labor, st, "unemp_in", None)
    full = evaluate_form(labor, {"received": 5, "released": 9}, period="2026W45")
    assert st.values == full.values
    assert _issues(st) == _issues(full)


def test_incremental_table_change(ledger: Template) -> None:
    st = _ledger_form(ledger, ["120.5", "0", "80"])
    typed = [
        {"_key": "P1", "subsidy": "100"},
        {"_key": "P2", "subsidy": "0"},
        {"_key": "P3", "subsidy": "0"},
    ]
    reevaluate(ledger, st, "severe", typed)
    assert st.last_evaluated == ["severe", *ledger.plan.affected("severe")]  # each aggregate changed
    assert "severe_total" not in st.last_evaluated and "by_type.total.all" not in st.last_evaluated
    assert (st.values["nursing_total"], st.values["nursing_count"]) == (D("100.00"), 1)
    full = _ledger_form(ledger, ["100", "0", "0"])
    assert st.values["nursing_total"] == full.values["nursing_total"]


def test_incremental_grid_input_checks_only(elderly: Template) -> None:
    st = _elderly_form(elderly, alone_visits=200, allowance_recipients=10)
    assert st.issues == []
    reevaluate(elderly, st, "alone_visits", 5)
    assert st.last_evaluated == ["alone_visits"]  # nothing is computed from it
    assert set(st.last_checked) == {"field:alone_visits", "rule:1"}
    assert [i.rule for i in st.issues] == ["alone_need_visits"]


def test_reevaluate_refuses_unknown_and_computed_slots(labor: Template) -> None:
    st = evaluate_form(labor, {"received": 5, "released": 2}, period="2026W45")
    with pytest.raises(ValueError, match="recieved"):
        reevaluate(labor, st, "recieved", 1)
    with pytest.raises(ValueError, match="computed"):
        reevaluate(labor, st, "closing", 1)


def test_form_period_must_fit_the_template(labor: Template) -> None:
    with pytest.raises(PeriodError):
        evaluate_form(labor, {}, period="2026-10")


def test_bound_that_overflows_is_not_applied(tmp_path: Path) -> None:
    t = _template(
        tmp_path,
        """\
  - {id: a, label: A, type: decimal}
  - {id: n, label: N, type: decimal, max: a * a, required: a * a > 0}
""",
    )
    st = evaluate_form(t, {"a": D(10) ** 20, "n": 5}, period="2026-10")
    assert st.issues == []


def test_formkit_evaluate_stays_the_function_after_every_module_is_imported() -> None:
    """`formkit.evaluate` is public API; a submodule of the same name, once imported, used to
    replace it on the package (a module is not callable)."""
    import subprocess
    import sys

    script = ("import formkit.evaluation.formeval, formkit.runtime.form, formkit.sql.expr, formkit\n"
              "print(formkit.evaluate('round(a / b, 2)', {'a': 1, 'b': 3}))\n")
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "0.33"
