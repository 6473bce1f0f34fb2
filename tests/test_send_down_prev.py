"""Send-down of a template with ``prev()`` (SPEC §4, §10): last period's values of every unit
come from one statement, whatever the number of units, on every engine; each unit's are what
``prev_values`` reads for it alone."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from formkit.meaning.template import Template
from formkit.runtime import Connection
from formkit.runtime.store import prev_values, write_submission
from formkit.runtime.workflow import fill_all
from submissions import CITY, DISTRICTS, Counting, communities, create_city, template

STOCK = """\
fields:
  - {id: opening, label: 期初, type: integer, value: prev(closing), confirm: true}
  - {id: received, label: 入库, type: integer, min: 0}
  - {id: closing, label: 期末, type: integer, calc: "coalesce(opening, 0) + received"}
"""


@pytest.fixture(scope="module")
def stock(engine: Connection, tmp_path_factory: pytest.TempPathFactory) -> Template:
    create_city(engine)
    t = template(tmp_path_factory.mktemp("prev"), STOCK, prefix="sp")
    rng = random.Random(16)
    for org in communities():
        if rng.random() < 0.2:
            continue  # never submitted last period: prev() is null
        write_submission(engine, t, org=org, period="2026-07", values={"received": rng.randint(0, 50)},
                         state=rng.choice(["submitted", "approved", "draft"]))
    return t


def _statements(con: Connection, t: Template, org: str) -> tuple[int, dict[str, object]]:
    counted = Counting(con)
    forms = fill_all(t, counted, org, "2026-08")  # type: ignore[arg-type]
    return len(counted.statements), {f.org: f.prev.get("closing") for f in forms}


def test_prev_send_down_is_set_based(engine: Connection, stock: Template, tmp_path: Path) -> None:
    _statements(engine, stock, CITY)  # warms the schema and closure checks of the session
    small, got_small = _statements(engine, stock, f"{DISTRICTS[0]}001")
    large, got = _statements(engine, stock, CITY)
    assert len(got) == len(communities()) > 5 * len(got_small) > 0
    assert small == large < len(got)  # no statement per unit
    for org, value in got.items():  # the same values as one unit's own read
        assert value == prev_values(engine, stock, org, "2026-08")["closing"]
    assert any(v is not None for v in got.values()) and any(v is None for v in got.values())
