"""The org tree through time (SPEC §10), on every engine: the redrawing example
(examples/redrawing: a community merged into another, a street split, a community moved to
another street on 2026-04-01) loaded before and after the redrawing.

A closed quarter rolls up the same before and after, the new quarter over the new tree, coverage
counts the units that existed then; pre-fill reads the register as of the period's end; bad
validity data is a located ``org-validity`` error, the closure left as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlglot import exp
from typer.testing import CliRunner

import formkit
from formkit import refresh_org
from formkit.cli.main import app
from formkit.core.errors import TemplateError
from formkit.document.model import PoolModel
from formkit.meaning.template import Template
from formkit.pipeline import load as load_template
from formkit.runtime import Connection, connect
from formkit.runtime import workflow as wf
from formkit.runtime.actor import Actor, Forbidden
from formkit.runtime.due import status
from formkit.runtime.store import write_submission
from formkit.runtime.workflow import deploy
from formkit.sql.prefill import prefill
from formkit.sql.rollup import rollup
from submissions import insert_rows

EXAMPLE = formkit.examples_dir() / "redrawing"
runner = CliRunner()
DISTRICT = "370602"
STREETS = {"370602001": "向阳街道", "370602002": "奇山街道", "370602003": "东山街道", "370602004": "新城街道"}
TYPES = {"rd_org": "code VARCHAR(20), parent_code VARCHAR(20), name VARCHAR(50), level INTEGER, "
                   "valid_from DATE, valid_to DATE",
         "rd_resident": "id VARCHAR(20), community_code VARCHAR(20), age INTEGER, valid_from DATE, valid_to DATE"}
VISITS = {"370602001001": 11, "370602001002": 7, "370602002001": 61, "370602002002": 5, "370602003001": 3,
          "370602003002": 13}


def _q(con: Connection, name: str) -> str:
    return f"`{name}`" if con.dialect == "mysql" else f'"{name}"'


def _rows(file: str, dialect: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    with (EXAMPLE / file).open(encoding="utf-8") as f:
        reader = csv.reader(f)
        head = next(reader)
        rows = []
        for r in reader:
            vals: list[Any] = []
            for name, v in zip(head, r, strict=True):
                if v == "":
                    vals.append(None)
                elif name in ("level", "age"):
                    vals.append(int(v))
                elif name.startswith("valid_"):
                    vals.append(v if dialect == "sqlite" else dt.date.fromisoformat(v))
                else:
                    vals.append(v)
            rows.append(tuple(vals))
    return head, rows


def load(con: Connection, state: str) -> None:
    """The example's tables as they stood ``before`` or ``after`` the redrawing."""
    for table, file in (("rd_org", f"org_{state}.csv"), ("rd_resident", f"resident_{state}.csv")):
        con.execute(f"DROP TABLE IF EXISTS {_q(con, table)}")
        con.execute(f"CREATE TABLE {_q(con, table)} ({TYPES[table]})")
        head, rows = _rows(file, con.dialect)
        insert_rows(con, table, head, rows)


@pytest.fixture(scope="module")
def t() -> Template:
    return load_template(EXAMPLE / "redrawing_visits.yaml")


@pytest.fixture(scope="module")
def pool(t: Template) -> PoolModel:
    assert t.pool is not None
    return t.pool


def _by_street(got: list[dict[str, Any]]) -> dict[str, tuple[Any, int, list[str]]]:
    return {r["org"]: (r["values"]["visits"], r["coverage"]["expected"], r["coverage"]["missing"]) for r in got}


def _residents(state: str, community: str, day: dt.date) -> int:
    _, rows = _rows(f"resident_{state}.csv", "duckdb")
    return sum(1 for _, c, _, a, b in rows if c == community and (a is None or a <= day) and (b is None or b >= day))


def test_redrawing(engine: Connection, t: Template, pool: PoolModel) -> None:
    con = engine
    load(con, "before")
    deploy(con, t)
    for code, n in VISITS.items():
        write_submission(con, t, org=code, period="2026Q1", values={"visits": n}, state="submitted")
    q1 = _by_street(rollup(con, t, DISTRICT, "2026Q1", level="street"))
    assert q1 == {"370602001": (18, 2, []), "370602002": (66, 2, []), "370602003": (16, 2, [])}
    assert prefill(con, t, "370602001001", "2026Q1")["residents"] == _residents("before", "370602001001",
                                                                                dt.date(2026, 3, 31))

    load(con, "after")  # the redrawing: old rows closed on 2026-03-31, new rows from 2026-04-01
    done = refresh_org(con, pool)
    assert done.rebuilt and done.units == 13
    assert not refresh_org(con, pool).rebuilt  # unchanged since: the fingerprint matches

    # the closed quarter is unchanged: the tree as it stood on 2026-03-31
    assert _by_street(rollup(con, t, DISTRICT, "2026Q1", level="street")) == q1
    assert rollup(con, t, DISTRICT, "2026Q1")[0]["values"]["visits"] == sum(VISITS.values())
    # pre-fill of the closed quarter: the register as of its end, the merged community's residents still its own
    for code in ("370602001001", "370602001002"):
        assert prefill(con, t, code, "2026Q1")["residents"] == _residents("before", code, dt.date(2026, 3, 31))

    # the new quarter: 海港路 merged away, 南山 moved to 向阳街道, 东山北 in the new 新城街道
    for code, n in VISITS.items():
        if code != "370602001002":
            write_submission(con, t, org=code, period="2026Q2", values={"visits": n + 1}, state="submitted")
    q2 = _by_street(rollup(con, t, DISTRICT, "2026Q2", level="street"))
    assert q2 == {"370602001": (12 + 62, 2, []), "370602002": (6, 1, []), "370602003": (4, 1, []),
                  "370602004": (14, 1, [])}
    merged = _residents("after", "370602001001", dt.date(2026, 6, 30))
    assert merged == _residents("before", "370602001001", dt.date(2026, 3, 31)) + _residents(
        "before", "370602001002", dt.date(2026, 3, 31))
    assert prefill(con, t, "370602001001", "2026Q2")["residents"] == merged
    with pytest.raises(TemplateError) as e:  # no longer a unit in the new quarter
        prefill(con, t, "370602001002", "2026Q2")
    assert e.value.issues[0].code == "unknown-org" and "does not exist on 2026-06-30" in e.value.issues[0].message
    with pytest.raises(TemplateError) as e:  # nor can it report it
        write_submission(con, t, org="370602001002", period="2026Q2", values={"visits": 1}, state="submitted")
    assert e.value.issues[0].code == "unknown-org"
    # a late report of the closed quarter is still its own
    assert prefill(con, t, "370602001002", "2026Q1")["residents"] == _residents("before", "370602001002",
                                                                                dt.date(2026, 3, 31))

    # a street's officers keep the reports its communities made while they were its own
    old_street, new_street = Actor("qs", "370602002", {"reviewer"}), Actor("xy", "370602001", {"reviewer"})
    assert wf.fill(t, con, "370602002001", "2026Q1", actor=old_street).values["visits"] == 61
    for actor, period in ((old_street, "2026Q2"), (new_street, "2026Q1")):
        with pytest.raises(Forbidden):
            wf.fill(t, con, "370602002001", period, actor=actor)
    assert wf.fill(t, con, "370602002001", "2026Q2", actor=new_street).values["visits"] == 62

    # coverage and status count the units that existed then
    assert status(t, con, DISTRICT, "2026Q1").expected == 6
    now = status(t, con, DISTRICT, "2026Q2")
    assert (now.expected, now.submitted) == (5, 5)


BAD = [
    # overlapping rows of one code
    (("370602002001", "370602001", "南山社区", 3, "2026-03-01", None), "valid on the same day"),
    # a row that ends before it starts
    (("370602009001", "370602001", "错误社区", 3, "2026-05-01", "2026-04-01"), "starts after it ends"),
    # a parent that does not exist yet
    (("370602004001", "370602004", "新城社区", 3, "2026-01-01", None), "does not exist on 2026-01-01"),
]


@pytest.mark.parametrize(("row", "says"), BAD)
def test_bad_validity_is_a_located_error(engine: Connection, pool: PoolModel, row: tuple[Any, ...],
                                          says: str) -> None:
    con = engine
    load(con, "after")
    refresh_org(con, pool)
    cols = ["code", "parent_code", "name", "level", "valid_from", "valid_to"]
    vals = tuple(dt.date.fromisoformat(v) if isinstance(v, str) and v[:4] == "2026" and con.dialect != "sqlite"
                 else v for v in row)
    insert_rows(con, "rd_org", cols, [vals])
    with pytest.raises(TemplateError) as e:
        refresh_org(con, pool)
    issue = e.value.issues[0]
    assert issue.code == "org-validity" and says in issue.message and row[0] in issue.message
    assert issue.span.file.endswith("redrawing.pool.yaml") and issue.span.line > 1
    # nothing was written: the closure still answers as the good table did
    count = con.query(exp.select(exp.Count(this=exp.Star())).from_(exp.Table(
        this=exp.to_identifier("fk_org__rd_org", quoted=True))))[0][0]
    assert int(count) > 13
    load(con, "after")


def test_without_validity_a_redrawing_rewrites_the_past(engine: Connection, tmp_path: Path) -> None:
    """Why the pool names validity: an org table edited in place (南山社区 moved to 向阳街道 by
    changing its parent) is the only tree there is, and the closed quarter follows it."""
    text = (EXAMPLE / "redrawing.pool.yaml").read_text(encoding="utf-8")
    (tmp_path / "redrawing.pool.yaml").write_text(
        "\n".join(line for line in text.splitlines() if "valid_" not in line) + "\n", encoding="utf-8")
    body = (EXAMPLE / "redrawing_visits.yaml").read_text(encoding="utf-8")
    (tmp_path / "undated.yaml").write_text(body.replace("id: redrawing_visits", "id: redrawing_undated"),
                                           encoding="utf-8")
    t = load_template(tmp_path / "undated.yaml")
    assert t.pool is not None and not t.pool.org.dated
    con = engine
    load(con, "before")
    deploy(con, t)
    for code, n in VISITS.items():
        write_submission(con, t, org=code, period="2026Q1", values={"visits": n}, state="submitted")
    before = _by_street(rollup(con, t, DISTRICT, "2026Q1", level="street"))
    con.execute(f"UPDATE {_q(con, 'rd_org')} SET parent_code = '370602001' WHERE code = '370602002001'")
    assert refresh_org(con, t.pool).rebuilt
    after = _by_street(rollup(con, t, DISTRICT, "2026Q1", level="street"))
    assert (before["370602001"][0], before["370602002"][0]) == (18, 66)
    assert (after["370602001"][0], after["370602002"][0]) == (18 + 61, 5)


def test_org_refresh_command(tmp_path: Path) -> None:
    """``formkit org refresh``: rebuilt after a load, up to date after that, a located
    ``org-validity`` (exit 1) for bad dates."""
    url = f"duckdb:///{tmp_path / 'rd.duckdb'}"
    con = connect(url)
    load(con, "after")
    con.close()
    pool = str(EXAMPLE / "redrawing.pool.yaml")
    first = runner.invoke(app, ["org", "refresh", "--db", url, "--pool", pool, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["rebuilt"] is True and json.loads(first.output)["units"] == 13
    again = runner.invoke(app, ["org", "refresh", "--db", url, "--pool", pool])
    assert again.exit_code == 0 and "up to date" in again.output
    con = connect(url)
    con.execute("UPDATE rd_org SET valid_to = DATE '2025-01-01' WHERE code = '370602004'")
    con.close()
    bad = runner.invoke(app, ["org", "refresh", "--db", url, "--pool", pool])
    assert bad.exit_code == 1 and "org-validity" in bad.output and "redrawing.pool.yaml:" in bad.output
