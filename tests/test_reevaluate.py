"""Incremental re-evaluation with early cut-off (formeval.reevaluate): after any sequence of
changes the state is the one a full evaluation of the same inputs gives, and a slot that comes
out as before stops the recompute there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import formkit
from formkit.browser.plan import template_plan
from formkit.evaluation.formeval import FormValues, evaluate_form, reevaluate
from formkit.meaning.template import Template

EXAMPLES = Path(formkit.__file__).parent / "examples"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml") if p.name.count(".") == 1)
# Beside the examples, a template made to reach what they do not: a table whose columns read form
# fields (and aggregates over it), a field shown by a condition and required, grid columns and a
# decimal without precision (values keep their digits: 1 and 1.0 differ), clamps, an overflow.
STRESS = """\
formkit: 1
id: cutoff_stress
title: Cut-off stress
period: monthly
fields:
  - {id: a, label: A, type: integer}
  - {id: b, label: B, type: decimal}
  - {id: capped, label: Capped, type: integer, calc: "min(a, 10)"}
  - {id: doubled, label: Doubled, type: integer, calc: "capped * 2"}
  - {id: b_plus, label: B plus, type: decimal, calc: "b + 0"}
  - {id: b_rounded, label: B rounded, type: decimal, precision: 0, calc: "b_plus * 1"}
  - {id: big, label: Big, type: decimal, calc: "b_plus * 1000000000000000000000000"}
  - {id: big_next, label: Big next, type: decimal, calc: "coalesce(big, 0) + 1"}
  - {id: many, label: Many, type: boolean, calc: "a > 5"}
  - {id: detail, label: Detail, type: text, visible: "a > 5", required: true}
  - {id: detail_len, label: Detail length, type: integer, calc: "len(detail)"}
  - {id: echo, label: Echo, type: text, calc: "if(many, 'many', 'few')"}
  - {id: bounded, label: Bounded, type: integer, visible: "b_rounded is not null", min: capped, max: "doubled + 1"}
  - id: items
    type: table
    label: Items
    columns:
      - {id: qty, label: Qty, type: integer, min: 0, max: capped}
      - {id: price, label: Price, type: decimal}
      - {id: line, label: Line, type: decimal, calc: "qty * price"}
      - {id: note, label: Note, type: text, visible: "many and qty > 1", required: true}
      - {id: scaled, label: Scaled, type: integer, calc: "qty * capped"}
  - {id: items_total, label: Items total, type: decimal, calc: "sum(items.line)"}
  - {id: items_scaled, label: Items scaled, type: integer, calc: "sum(items.scaled)"}
  - {id: items_count, label: Items counted, type: integer, calc: "count(items where qty > 0)"}
  - id: g
    type: grid
    label: G
    rows:
      - {id: r1, label: R1}
      - {id: r2, label: R2}
      - {id: total, label: Total, calc: sum(col)}
    columns:
      - {id: x, label: X}
      - {id: y, label: Y, calc: "row.x * 2"}
  - {id: g_gap, label: G gap, type: decimal, calc: "g.total.y - g.total.x"}
rules:
  - {id: small, check: "doubled <= 18", fields: [doubled], message: {zh: 太大, en: too big}}
  - {id: line_cap, table: items, check: "line <= capped * 100", fields: [line], message: {zh: 太贵, en: too dear}}
  - {id: big_ok, check: "big_next > 0", fields: [big_next], message: {zh: 负, en: negative}}
formats:
  - {when: "echo = 'many'", fields: [echo], style: warn}
  - {when: "items_total > 5", fields: [items_total], style: info}
  - {when: "scaled > 20", table: items, fields: [scaled], style: warn}
"""
PERIODS = {"weekly": "2026W45", "monthly": "2026-10", "quarterly": "2026Q3", "yearly": "2026"}
TODAY = dt.date(2026, 11, 20)
D = Decimal


def _id_card(body: str) -> str:
    """A valid 18-digit ID number from its first 17 digits (GB 11643 check digit)."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


# -- values by spec: few and close together, so that changes often leave a value as it was -----


def _numbers(places: int | None) -> st.SearchStrategy[object]:
    # Mostly a handful of small numbers, each written with 0 to `places` digits after the point
    # (1, 1.0, 1.00: equal, but a field without precision keeps the digits, and so does what is
    # computed from it); sometimes text, too many places (refused) or enough digits to overflow.
    scale = max(places if places is not None else 2, 0)
    digits = st.builds(lambda n, e: D(n).quantize(D(1).scaleb(-e)), st.integers(0, 3), st.integers(0, scale))
    wide = st.builds(D, st.integers(-3, 12))
    odd = st.sampled_from([D("0.5"), D("2.50"), D("7.125"), "3", "1.0", D("99999"), D("-12345.6")])
    return st.one_of(digits, wide, odd)


def _fixed(spec: Mapping[str, Any], n: int) -> object:
    """A pre-filled or last-period value of a slot's type."""
    kind = spec.get("type")
    if kind in ("integer", "decimal", None):
        return D(n * 10 + 5)
    if kind == "date":
        return dt.date(1940 + n, 3, 1)
    if kind == "boolean":
        return n % 2 == 0
    if kind == "id_card":
        return _id_card(f"370602195{n % 10}0101150")
    choices = spec.get("choices")
    if choices:
        return [choices[0]] if kind == "multichoice" else choices[n % len(choices)]
    return f"p{n}"


def _value(spec: Mapping[str, Any]) -> st.SearchStrategy[object]:
    kind, places, choices = spec.get("type"), spec.get("precision"), spec.get("choices")
    values: st.SearchStrategy[object]
    if choices and kind == "multichoice":
        values = st.lists(st.sampled_from(choices), max_size=3, unique=True)
    elif choices:
        values = st.sampled_from([*choices, "no-such-choice"])
    elif kind in ("integer", "decimal", None):
        values = _numbers(0 if kind == "integer" else places)
    elif kind == "date":
        values = st.dates(dt.date(1925, 1, 1), dt.date(2027, 3, 1))
    elif kind == "boolean":
        values = st.booleans()
    elif kind == "id_card":
        values = st.sampled_from([_id_card("37060219501201150"), _id_card("11010520001231002"), "123"])
    elif kind == "phone":
        values = st.sampled_from(["13812345678", "0535-1234567", "12"])
    else:
        values = st.sampled_from(["a", "b", "t1", " "])
    return st.one_of(st.none(), values)


def _rows(slot: Mapping[str, Any], keys: list[str]) -> st.SearchStrategy[list[dict[str, object]]]:
    """A table's typed rows: pool rows matched by key (some left out), and added rows."""
    typed = {c: _value(spec) for c, spec in slot["columns"].items() if spec["kind"] == "input"}
    pool_row = st.tuples(st.sampled_from(keys) if keys else st.none(), st.fixed_dictionaries(typed))
    return st.lists(pool_row, max_size=4).map(lambda rows: [{"_key": k, **cols} for k, cols in rows])


class Example:
    """One example template with pre-filled and last-period values, and what staff may type."""

    def __init__(self, path: Path) -> None:
        self.tpl = formkit.load(path)
        self.period = PERIODS.get(self.tpl.period)
        slots = template_plan(self.tpl)["slots"]
        self.prefilled: dict[str, object] = {}
        self.typed: dict[str, st.SearchStrategy[object]] = {}
        for n, (slot, s) in enumerate(slots.items()):
            if s["kind"] == "table":
                keys = [f"K{i}" for i in range(3)] if s.get("pool") else []
                pool_columns = {c: spec for c, spec in s["columns"].items() if spec.get("prefilled")}
                self.prefilled[slot] = [
                    {"_key": k, **{c: _fixed(spec, i) for c, spec in pool_columns.items()}} for i, k in enumerate(keys)
                ]
                self.typed[slot] = _rows(s, keys)
                continue
            if s.get("prefilled"):
                self.prefilled[slot] = _fixed(s, n)
            if s["kind"] == "input" or s.get("confirm"):
                self.typed[slot] = _value(s)
        reads = [c for f in self.tpl.fields.values() for c in (f.value, f.calc) if c is not None]
        self.prev = {p: _fixed(slots[p], 1) for c in reads for p in sorted(c.prev_of) if p in slots}
        self.slots = sorted(self.typed)

    def full(self, inputs: Mapping[str, object]) -> FormValues:
        return evaluate_form(
            self.tpl, inputs, prefilled=self.prefilled, prev_values=self.prev, period=self.period, today=TODAY
        )


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Example]:
    stress = tmp_path_factory.mktemp("stress") / "cutoff_stress.yaml"
    stress.write_text(STRESS, encoding="utf-8")
    return {p.stem: Example(p) for p in [*(EXAMPLES / f"{n}.yaml" for n in NAMES), stress]}


def _exact(v: object) -> object:
    """A value with its digits: Decimal('1.0') and Decimal('1') differ (SPEC §5 JSON)."""
    if isinstance(v, Decimal):
        return ("decimal", str(v))
    if isinstance(v, list):
        return [_exact(x) for x in v]
    if isinstance(v, dict):
        return [(k, _exact(x)) for k, x in v.items()]
    return (type(v).__name__, v)


def _state(s: FormValues) -> dict[str, object]:
    return {
        "values": _exact(s.values),
        "tables": _exact(s.tables),
        "hidden": sorted(map(repr, s.hidden)),
        "refused": sorted(map(repr, s.refused)),
        "issues": [(i.field, i.row, i.col, i.rule, i.severity, sorted(i.text.items()), i.also) for i in s.issues],
        "formats": s.formats,
    }


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_incremental_state_equals_a_full_evaluation(examples: dict[str, Example], data: st.DataObject) -> None:
    """After every `reevaluate` of a random sequence of typed values, values, tables, visibility,
    refusals, issues (in order, with their messages) and formats are exactly those of
    evaluate_form on the inputs so far; the slots evaluated are `changed` and then some of its
    dependants, in plan order."""
    typed = [n for n in NAMES if examples[n].slots]  # a derived report has nothing to type (SPEC §8.4)
    ex = examples[data.draw(st.sampled_from([*typed, *["cutoff_stress"] * 4]), label="template")]
    inputs: dict[str, object] = {}
    state = ex.full(inputs)
    for _ in range(data.draw(st.integers(1, 12), label="changes")):
        slot = data.draw(st.sampled_from(ex.slots), label="slot")
        value = inputs[slot] = data.draw(ex.typed[slot], label=slot)
        evaluations = state.evaluations
        reevaluate(ex.tpl, state, slot, value)
        assert state.evaluations - evaluations == len(state.last_evaluated)
        assert state.last_evaluated[0] == slot
        evaluated = set(state.last_evaluated[1:])
        assert state.last_evaluated[1:] == [s for s in ex.tpl.plan.affected(slot) if s in evaluated]
        assert _state(state) == _state(ex.full(inputs))


# -- a value that comes out as before stops the recompute ---------------------------------------


@pytest.fixture
def clamped(tmp_path: Path) -> Template:
    path = tmp_path / "t.yaml"
    path.write_text(
        """formkit: 1
id: t
title: T
period: monthly
fields:
  - {id: a, label: A, type: integer}
  - {id: capped, label: Capped, type: integer, calc: "min(a, 10)"}
  - {id: doubled, label: Doubled, type: integer, calc: "capped * 2"}
  - {id: share, label: Share, type: decimal, precision: 1, calc: "a / 3"}
  - {id: share_pct, label: Share %, type: decimal, precision: 1, calc: "share * 100"}
  - {id: many, label: Many, type: boolean, calc: "a > 5"}
  - {id: detail, label: Detail, type: text, visible: "a > 5", required: true}
  - {id: echo, label: Echo, type: text, calc: "if(many, 'many', 'few')"}
rules:
  - {id: small, check: "doubled <= 18", fields: [doubled], message: {zh: 太大, en: too big}}
""",
        encoding="utf-8",
    )
    return formkit.load(path)


def test_an_unchanged_value_stops_the_recompute(clamped: Template) -> None:
    st_ = evaluate_form(clamped, {"a": 12}, period="2026-10")
    assert (st_.values["capped"], st_.values["doubled"], st_.values["echo"]) == (10, 20, "many")
    assert [i.rule for i in st_.issues] == ["required", "small"]
    checks = st_.checks
    reevaluate(clamped, st_, "a", 15)  # capped stays 10, many stays true, detail stays shown
    assert st_.last_evaluated == ["a", "capped", "share", "many", "detail", "share_pct"]
    assert "doubled" not in st_.last_evaluated and "echo" not in st_.last_evaluated
    # the checks that read a (detail's `visible`: its field check), not the rule on doubled
    assert "rule:0" not in st_.last_checked and st_.checks - checks == len(st_.last_checked)
    assert st_.values["share_pct"] == D("500.0")
    reevaluate(clamped, st_, "a", D("15.0"))  # typed again as 15.0: an integer holds it as 15
    assert st_.last_evaluated == ["a", "capped", "share", "many", "detail"]
    reevaluate(clamped, st_, "a", 3)
    assert st_.last_evaluated == ["a", "capped", "share", "many", "detail", "doubled", "share_pct", "echo"]
    assert [i.rule for i in st_.issues] == []
    full = evaluate_form(clamped, {"a": 3}, period="2026-10")
    assert _state(st_) == _state(full)


def test_a_hidden_value_that_stays_null_still_changes_its_checks(clamped: Template) -> None:
    """Visibility is part of what changed: detail is null either way, but only a shown detail
    is required."""
    st_ = evaluate_form(clamped, {"a": 1}, period="2026-10")
    assert st_.issues == []
    reevaluate(clamped, st_, "a", 6)
    assert "detail" in st_.last_evaluated and st_.values["detail"] is None
    assert [i.field for i in st_.issues if i.rule == "required"] == ["detail"]


def test_a_number_without_precision_is_held_without_trailing_zeros(tmp_path: Path) -> None:
    """1.00 typed where 1 was, in a decimal without precision, is held as 1 (as the database
    gives it back and the browser writes it): the same value written the same, so what reads
    only the dependant is not recomputed, and a full evaluation agrees digit for digit."""
    path = tmp_path / "t.yaml"
    path.write_text(
        """formkit: 1
id: t
title: T
period: monthly
fields:
  - {id: a, label: A, type: decimal}
  - {id: b, label: B, type: decimal, calc: "a + 0"}
  - {id: c, label: C, type: decimal, calc: "b + 0"}
""",
        encoding="utf-8",
    )
    tpl = formkit.load(path)
    st_ = evaluate_form(tpl, {"a": D("1")}, period="2026-10")
    reevaluate(tpl, st_, "a", D("1.00"))
    full = evaluate_form(tpl, {"a": D("1.00")}, period="2026-10")
    assert st_.last_evaluated == ["a", "b"]  # b reads what was typed; c only b, which came out the same
    assert [str(full.values[k]) for k in "abc"] == [str(st_.values[k]) for k in "abc"] == ["1", "1", "1"]
    assert _state(st_) == _state(full)
