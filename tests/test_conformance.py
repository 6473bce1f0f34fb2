"""The shared conformance cases (tests/conformance/*.yaml) run on the Python evaluator.

Each case is one test id. The format, and the decisions the cases pin down where SPEC §3 is
silent, are in tests/conformance/README.md; the JS runtime and the SQL lowerings read the same
files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from formkit.core.errors import TemplateError
from formkit.evaluation.evaluator import EvaluationError, compile_standalone, evaluate
from formkit.language.ast import Type

CASES_DIR = Path(__file__).parent / "conformance"
CASE_KEYS = {"id", "expr", "types", "values", "tables", "prev", "period", "today", "expect", "spec"}


def _load() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield path.stem, case


CASES = list(_load())


def test_case_ids_are_unique_and_cases_well_formed() -> None:
    ids = [c["id"] for _, c in CASES]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    for _, case in CASES:
        assert set(case) <= CASE_KEYS, (case["id"], set(case) - CASE_KEYS)
        assert {"id", "expr", "expect", "spec"} <= set(case), case["id"]
        assert isinstance(case["expr"], str), f"{case['id']}: quote the expression"


def _portable(value: object) -> bool:
    """What YAML 1.1 and 1.2 readers agree on: strings, booleans, null, lists and maps of them
    (an unquoted 2026-10-01 or 0.1 would be a date or a float to one of them)."""
    if isinstance(value, list):
        return all(_portable(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _portable(v) for k, v in value.items())
    return value is None or isinstance(value, str | bool)


@pytest.mark.parametrize("key", ["values", "tables", "prev", "period", "today", "expect"])
def test_case_scalars_are_quoted(key: str) -> None:
    bad = [c["id"] for _, c in CASES if not _portable(c.get(key))]
    assert not bad, f"quote the {key} of {bad}"


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 150


def _call(case: Mapping[str, Any]) -> object:
    types: dict[str, Any] = dict(case.get("types") or {})
    values: dict[str, Any] = dict(case.get("values") or {})
    for name in types:
        values.setdefault(name, None)
    for name, table in (case.get("tables") or {}).items():
        types[name] = dict(table["columns"])
        values[name] = list(table["rows"])
    today = case.get("today")
    return evaluate(
        case["expr"],
        values,
        types=types,
        period=None if case.get("period") is None else str(case["period"]),
        prev=case.get("prev"),
        today=dt.date.fromisoformat(today) if today else None,
    )


def _result_type(case: Mapping[str, Any]) -> Type | None:
    types: dict[str, Any] = dict(case.get("types") or {})
    for name, table in (case.get("tables") or {}).items():
        types[name] = dict(table["columns"])
    return compile_standalone(case["expr"], types).type


def _check(case: Mapping[str, Any], got: object) -> None:
    want = case["expect"]
    if want is None or isinstance(want, bool):
        assert got is want, f"expected {want!r}, got {got!r}"
        return
    if isinstance(want, list):
        assert got == want
        return
    typ = _result_type(case)
    if typ is Type.NUMBER:
        assert isinstance(got, Decimal), f"expected the number {want}, got {got!r}"
        assert got == Decimal(want), f"expected {want}, got {got}"
        assert got.is_signed() == Decimal(want).is_signed(), f"expected {want}, got {got} (sign)"
    elif typ is Type.DATE:
        assert isinstance(got, dt.date), f"expected the date {want}, got {got!r}"
        assert got.isoformat() == str(want)
    else:
        assert got == want, f"expected {want!r}, got {got!r}"


@pytest.mark.parametrize(("case"), [c for _, c in CASES], ids=[f"{f}:{c['id']}" for f, c in CASES])
def test_case(case: dict[str, Any]) -> None:
    """One conformance case (its ``spec`` names the SPEC §3 rule it proves)."""
    want = case["expect"]
    if isinstance(want, Mapping):
        error = want["error"]
        if error == "compile":
            with pytest.raises(TemplateError):
                _call(case)
        else:
            with pytest.raises(EvaluationError) as info:
                _call(case)
            assert info.value.code == error
        return
    _check(case, _call(case))
