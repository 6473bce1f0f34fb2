"""`form.set(table, value, row=…, col=…)` naming no cell is a formkit error, before anything
changes (issue 18: it was a raw TypeError or IndexError)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import formkit
from formkit.runtime.form import Form, NoSuchCell

TEMPLATE = """\
formkit: 1
id: t
title: T
level: community
period: monthly
fields:
  - id: staff
    type: table
    label: 人员
    columns:
      - {id: name, label: 姓名, type: text}
      - {id: hours, label: 工时, type: integer}
  - {id: total, label: 合计, type: integer, calc: sum(staff.hours)}
"""


@pytest.fixture
def form(tmp_path: Path) -> Form:
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    tpl = formkit.load(tmp_path / "t.yaml")
    rows = [{"_key": "a", "name": "张三", "hours": 3}, {"_key": "b", "name": "李四", "hours": 4}]
    return Form.build(tpl, org="x", period="2026-10", prefilled={}, pool_rows={}, prev={}, inputs={"staff": rows})


@pytest.mark.parametrize(
    ("row", "col", "words"),
    [
        pytest.param("zz", "hours", "no row has this _key", id="unknown-key"),
        pytest.param(5, "hours", "the roster has 2 row(s)", id="past-the-end"),
        pytest.param(1.5, "hours", "a row is its position", id="not-an-integer"),
        pytest.param(True, "hours", "a row is its position", id="a-bool"),
        pytest.param(0, "hour", "its columns are name, hours", id="unknown-column"),
    ],
)
def test_a_bad_cell_is_a_formkit_error(form: Form, row: object, col: str, words: str) -> None:
    with pytest.raises(NoSuchCell, match=re.escape(words)) as info:
        form.set("staff", 9, row=row, col=col)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError) and info.value.table == "staff"
    assert form["total"] == Decimal(7)  # nothing changed


@pytest.mark.parametrize("row", [1, -1, "b"])
def test_a_cell_by_position_or_key(form: Form, row: int | str) -> None:
    form.set("staff", 10, row=row, col="hours")
    assert form["total"] == Decimal(13)
