"""Bulk validation of stored submissions: one query returning only the violations, the same
verdicts as the Python evaluator on the same data (SPEC §3 "a check that is null is not
violated", §4 "bulk validation of stored submissions that returns only the violations")."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal
from typing import Any

import pytest

from formkit.evaluation.formeval import evaluate_form
from formkit.meaning.template import Template
from formkit.runtime import Connection
from formkit.runtime.store import Record, insert_records
from formkit.sql.engines import render
from formkit.sql.names import layout
from formkit.sql.validate import Violation, build_validate, validate
from submissions import CITY, DISTRICTS, Counting, below, communities, create_city, template

CHECKED = """\
fields:
  - {id: count, label: 数量, type: integer, required: true, min: 0, max: 100}
  - {id: cap, label: 上限, type: integer}
  - {id: used, label: 已用, type: integer, min: 0, max: cap}
  - {id: rate, label: 比率, type: decimal, precision: 2, calc: "round(used / count * 100, 2)", max: 150}
  - {id: has_extra, label: 有附加, type: boolean}
  - {id: extra, label: 附加, type: text, visible: has_extra, required: "count > 50"}
  - {id: day, label: 日期, type: date, min: "date'2026-01-01'", max: "period_end()"}
  - {id: code, label: 编码, type: text, pattern: '\\d{2,4}(-\\d{1,3})?'}
  - {id: kind, label: 类别, type: choice, choices: {a: 甲, b: 乙}}
  - {id: tags, label: 标签, type: multichoice, choices: {x: X, y: Y}}
  - id: roster
    label: 名册
    type: table
    columns:
      - {id: name, label: 姓名, type: text, required: true, pattern: '[^0-9]+'}
      - {id: amount, label: 金额, type: decimal, precision: 2, min: 0, max: 1000}
      - {id: sort, label: 类, type: choice, choices: {p: P, q: Q}, visible: "amount > 10"}
  - id: g
    label: 表
    type: grid
    rows:
      - {id: a, label: 甲}
      - {id: b, label: 乙}
      - {id: total, label: 合计, calc: sum(col)}
    columns:
      - {id: m, label: 男, type: integer}
      - {id: f, label: 女, type: integer}
  - {id: people, label: 人数, type: integer, calc: "sum(g.m) + sum(g.f)", min: 1}
rules:
  - {id: used_le_count, check: used <= count, fields: [used], message: 已用不能超过数量}
  - {id: few_big, check: "count(roster where amount > 500) <= 1", fields: [roster], message: 大额太多}
  - {id: row_cap, table: roster, check: "amount <= count * 10", fields: [amount], message: 单笔过大}
  - {id: grid_total, check: "g.total.m <= count", fields: [g.total.m], message: 合计过大}
  - {id: women, check: "max(g.f) <= 8", severity: warning, fields: [count], message: 偏多}
  - {id: late, check: "days(day, period_end()) <= 20", severity: info, message: 偏早}
"""
CODES = ["12", "123-4", "1234-567", "1", "12345", "12-", "١٢٣", "１２", "12\n", "ab", "12-3456", None]
NAMES = ["张三", "李四", "王5", "", None, "Ann", "A1"]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return template(tmp_path_factory.mktemp("validate"), CHECKED, prefix="vs")


def _maybe(rng: random.Random, value: Any, p: float = 0.1) -> Any:
    return None if rng.random() < p else value


def _inputs(rng: random.Random) -> dict[str, Any]:
    count = _maybe(rng, rng.randint(-5, 110), 0.05)
    rows = [{"name": rng.choice(NAMES), "amount": _maybe(rng, Decimal(rng.randint(-500, 110_000)) / 100),
             "sort": rng.choice(["p", "q", "r", None])} for _ in range(rng.choice([0, 0, 1, 2, 4]))]
    return {
        "count": count, "cap": _maybe(rng, rng.randint(0, 120)), "used": _maybe(rng, rng.randint(-2, 120)),
        "has_extra": _maybe(rng, rng.random() < 0.5), "extra": _maybe(rng, "附", 0.5),
        "day": _maybe(rng, dt.date(2025, 12, 1) + dt.timedelta(days=rng.randint(0, 1000))),
        "code": rng.choice(CODES), "kind": rng.choice(["a", "b", "c", None]),
        "tags": rng.choice([["x"], ["x", "y"], ["y", "z"], ["w"], None]),
        "roster": rows,
        "g": {r: {c: _maybe(rng, rng.randint(0, 12), 0.2) for c in ("m", "f")} for r in ("a", "b")},
    }


def _periods(n: int) -> list[str]:
    return [f"{2024 + (i // 12)}-{i % 12 + 1:02d}" for i in range(n)]


@pytest.fixture(scope="module")
def seeded(checked: Template) -> tuple[list[Record], set[tuple[Any, ...]]]:
    """~1,000 submissions (30 communities × 34 months) with known violations: the records to
    store, and formeval's verdict on each (its issues, by place)."""
    rng = random.Random(20261122)
    records: list[Record] = []
    verdicts: set[tuple[Any, ...]] = set()
    slots = list(layout(checked).slots)
    for period in _periods(34):
        for org in communities():
            st = evaluate_form(checked, _inputs(rng), period=period)
            assert not [i for i in st.issues if i.rule == "type"]
            rec = Record(org, period, rng.choice(["draft", "submitted", "returned", "approved"]),
                         {s: st.values.get(s) for s in slots}, {"roster": st.tables["roster"]})
            records.append(rec)
            verdicts |= {(rec.submission_id, i.rule, i.field, i.row, i.col, i.severity) for i in st.issues}
    return records, verdicts


@pytest.fixture(scope="module")
def stored(engine: Connection, checked: Template, seeded: tuple[list[Record], set[tuple[Any, ...]]]) -> Connection:
    create_city(engine)
    insert_records(engine, checked, seeded[0], user="seed")
    return engine


def _key(v: Violation) -> tuple[Any, ...]:
    return (v.submission_id, v.rule, v.field, v.row, v.col, v.severity)


def test_same_verdicts_as_python(stored: Connection, checked: Template,
                                 seeded: tuple[list[Record], set[tuple[Any, ...]]], summary: Any) -> None:
    """Every violation Python finds, SQL finds, and nothing else (SPEC §3 null rules included)."""
    records, verdicts = seeded
    got = validate(stored, checked, CITY)
    assert len(records) >= 1000 and len(verdicts) > 500
    assert {_key(v) for v in got} == verdicts
    rules = {v.rule for v in got}
    assert {"required", "min", "max", "pattern", "choices", "used_le_count", "few_big", "row_cap", "grid_total",
            "women", "late"} <= rules
    summary(f"validate_sql[{stored.dialect}]: {len(records)} submissions, {len(got)} violations")


def test_scoped_to_the_subtree_and_period(stored: Connection, checked: Template,
                                          seeded: tuple[list[Record], set[tuple[Any, ...]]]) -> None:
    """SPEC §6: a read is scoped to one org unit and everything below it."""
    records, verdicts = seeded
    inside = below(DISTRICTS[1])
    ids = {r.submission_id for r in records if r.org in inside and r.period == "2025-06"}
    got = validate(stored, checked, DISTRICTS[1], period="2025-06")
    assert {_key(v) for v in got} == {v for v in verdicts if v[0] in ids}
    assert all(v.org in inside and v.period == "2025-06" for v in got)


def test_one_query(stored: Connection, checked: Template) -> None:
    counted = Counting(stored)
    validate(counted, checked, DISTRICTS[0], period="2024-01")  # type: ignore[arg-type]
    counted.statements.clear()
    validate(counted, checked, DISTRICTS[0], period="2024-02")  # type: ignore[arg-type]
    assert len(counted.statements) == (2 if stored.dialect == "sqlite" else 1)  # SQLite: patterns in Python


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "mysql", "sqlite"])
def test_patterns_are_parameters(checked: Template, dialect: str) -> None:
    """Author text (a regex) is a bound parameter, never pasted into the SQL."""
    query, params = build_validate(checked, dialect)
    sql, names = render(query, dialect)
    assert "\\d{2,4}" not in sql and "[^0-9]+" not in sql
    assert set(params) <= set(names) and (dialect == "sqlite" or len(params) == 2)




@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "mysql"])
def test_integer_checks_compare_natively(checked: Template, dialect: str) -> None:
    """Stored numbers are exact decimals (not SQLite's text): ``used`` (an integer field) is
    compared to its integer bounds and to ``count`` without casts — test_same_verdicts_as_python
    proves the verdicts unchanged."""
    sql, _ = render(build_validate(checked, dialect)[0], dialect)
    assert "used" in sql and not re.search(r"CAST\([^()]*used\W* AS", sql)
