"""Roll-ups across template versions (SPEC §2.4, issue #6): the submissions of every deployed
version up to the rolled-up one count, fields matched by id — a field the old version lacks is
null for its rows, a field whose type changed is cast, a roster's rows are read from each
version's own child table — and a unit that submitted under two versions counts once.

Checked on every engine against a plain-Python sum over the submissions as written.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import formkit
from formkit.meaning.template import Template
from formkit.runtime import Connection
from formkit.runtime.store import write_submission
from formkit.sql.rollup import rollup
from submissions import DISTRICTS, communities, create_city, template, units

V1 = """\
fields:
  - {id: visits, label: 走访, type: integer}
  - {id: served, label: 服务, type: integer}
  - {id: code, label: 编号, type: text}
  - {id: gone, label: 旧项, type: integer}
  - id: kids
    label: 儿童
    type: table
    columns:
      - {id: n, label: 人数, type: integer}
"""

V2 = """\
fields:
  - {id: visits, label: 走访, type: integer}
  - {id: served, label: 服务, type: integer}
  - {id: code, label: 编号, type: integer}
  - {id: extra, label: 新项, type: integer}
  - {id: kid_total, label: 儿童合计, type: integer, calc: sum(kids.n)}
  - id: kids
    label: 儿童
    type: table
    columns:
      - {id: n, label: 人数, type: integer}
"""

PERIOD = "2026-10"


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_city(engine)
    return engine


def _v2(v1: Template, folder: Path) -> Template:
    """The next version of ``v1``: the same id, other fields (``gone`` dropped, ``code`` now an
    integer, ``extra`` and ``kid_total`` new)."""
    source = Path(str(v1.model.span.file)).read_text(encoding="utf-8")
    head = source[: source.index("fields:")]
    path = folder / f"{v1.id}_v2.yaml"
    path.write_text(head + "version: 2\n" + V2, encoding="utf-8")
    return formkit.load(path)


@pytest.fixture(scope="module")
def seeded(city: Connection, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("versions")
    v1 = template(folder, V1, prefix="rv")
    v2 = _v2(v1, folder)
    comms = communities(DISTRICTS[0])
    counted: dict[str, dict[str, Any]] = {}  # org -> the submission that counts, as written
    for i, org in enumerate(comms):
        kids = [{"n": i % 3}, {"n": 1}]
        if i < 5:  # on version 1 only
            values: dict[str, Any] = {"visits": 10 + i, "served": i, "code": str(100 + i), "gone": 7}
            write_submission(city, v1, org=org, period=PERIOD, values=values, tables={"kids": kids}, state="submitted")
            counted[org] = {"visits": 10 + i, "served": i, "code": 100 + i, "extra": None, "kids": i % 3 + 1}
        elif i == 5:  # a draft on version 1: not read
            write_submission(city, v1, org=org, period=PERIOD, values={"visits": 999}, state="draft")
        elif i == 6:  # on version 1, then again on version 2: the later one counts, once
            write_submission(city, v1, org=org, period=PERIOD, values={"visits": 500, "served": 1, "code": "1"},
                             state="submitted")
            write_submission(city, v2, org=org, period=PERIOD, values={"visits": 20, "served": 3, "code": 6,
                                                                        "extra": 4}, tables={"kids": kids},
                             state="approved")
            counted[org] = {"visits": 20, "served": 3, "code": 6, "extra": 4, "kids": i % 3 + 1}
        elif i < 12:  # on version 2
            values = {"visits": 30 + i, "served": 2 * i, "code": i, "extra": i}
            write_submission(city, v2, org=org, period=PERIOD, values=values, tables={"kids": kids}, state="submitted")
            counted[org] = {**values, "kids": i % 3 + 1}
        # the others never submitted
    return {"v1": v1, "v2": v2, "counted": counted}


def _sum(xs: list[Any]) -> Decimal | None:
    got = [Decimal(x) for x in xs if x is not None]
    return sum(got, Decimal(0)) if got else None


def _expect(counted: dict[str, dict[str, Any]], units_under: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    out = {}
    for unit, leaves in units_under.items():
        rows = [counted[c] for c in leaves if c in counted]
        out[unit] = {
            "values": {k: _sum([r[k] for r in rows]) for k in ("visits", "served", "code", "extra")}
            | {"kid_total": _sum([r["kids"] for r in rows])},
            "coverage": {"expected": len(leaves), "submitted": len(rows),
                         "missing": sorted(c for c in leaves if c not in counted)},
        }
    return out


def _streets() -> dict[str, list[str]]:
    return {code: communities(code) for code, parent, _, lv in units() if lv == 3 and parent == DISTRICTS[0]}


@pytest.mark.parametrize("level", ["street", None])
def test_rollup_reads_every_version(seeded: dict[str, Any], city: Connection, level: str | None) -> None:
    under = _streets() if level == "street" else {DISTRICTS[0]: communities(DISTRICTS[0])}
    want = _expect(seeded["counted"], under)
    got = rollup(city, seeded["v2"], DISTRICTS[0], PERIOD, level=level)
    assert {r["org"] for r in got} == set(want)
    for r in got:
        w = want[r["org"]]
        assert r["coverage"] == w["coverage"], r["org"]
        for k, v in w["values"].items():
            assert (None if r["values"][k] is None else Decimal(r["values"][k])) == v, (r["org"], k)


def test_an_older_version_reads_only_versions_up_to_its_own(seeded: dict[str, Any], city: Connection) -> None:
    """Version 1 rolled up counts its own submissions alone: a later version's fields mean
    nothing to it (the unit that moved on to version 2 counts with its version 1 values)."""
    got = rollup(city, seeded["v1"], DISTRICTS[0], PERIOD)
    assert len(got) == 1
    assert got[0]["coverage"]["submitted"] == 6
    assert Decimal(got[0]["values"]["visits"]) == sum(Decimal(10 + i) for i in range(5)) + 500


def test_a_version_deployed_after_a_rollup_counts_at_once(city: Connection, tmp_path: Path) -> None:
    """The list of deployed versions is read on every roll-up: version 1 deployed on the same
    connection after version 2 was rolled up counts in the next roll-up."""
    v1 = template(tmp_path, V1, prefix="rl")
    v2 = _v2(v1, tmp_path)
    first, second = communities(DISTRICTS[0])[:2]
    write_submission(city, v2, org=first, period=PERIOD, values={"visits": 3}, state="submitted")
    before = rollup(city, v2, DISTRICTS[0], PERIOD)[0]
    assert before["coverage"]["submitted"] == 1 and Decimal(before["values"]["visits"]) == 3
    write_submission(city, v1, org=second, period=PERIOD, values={"visits": 4}, state="submitted")
    after = rollup(city, v2, DISTRICTS[0], PERIOD)[0]
    assert after["coverage"]["submitted"] == 2 and Decimal(after["values"]["visits"]) == 7
