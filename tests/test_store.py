"""Storing submissions: physical names, DDL, atomic/idempotent/stale-refusing writes, and prev()
(SPEC §2.2 "physical column names", §3 prev(), §4 DDL, §6 Submissions, §7)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlglot
from sqlglot import exp

from formkit.core.errors import TemplateError
from formkit.meaning.template import Template
from formkit.runtime import Connection, store
from formkit.runtime.store import corrections, prev_values, read_submission, write_submission
from formkit.sql import names
from formkit.sql.ddl import build_ddl, ddl_sql
from formkit.sql.names import REGISTRY, layout
from formkit.sql.registry import check_deployed, ensure_schema, fingerprint, layout_json, legacy_fingerprint
from submissions import Counting, communities, count_rows, create_city, template

FULL = """\
fields:
  - {id: count, label: 数量, type: integer, required: true, min: 0, max: 1000}
  - {id: amount, label: 金额, type: decimal, precision: 2}
  - {id: note, label: 备注, type: text}
  - {id: day, label: 日期, type: date}
  - {id: ok, label: 是否, type: boolean}
  - {id: kind, label: 类别, type: choice, choices: {a: 甲, b: 乙}}
  - {id: tags, label: 标签, type: multichoice, choices: {x: X, y: Y, z: Z}}
  - {id: idno, label: 身份证号, type: id_card}
  - {id: tel, label: 电话, type: phone}
  - {id: 走访次数, label: 走访次数, type: integer}
  - {id: double, label: 两倍, type: integer, calc: "count * 2"}
  - {id: people, label: 人数, type: integer, value: count(rk_person), confirm: true}
  - id: roster
    label: 名册
    type: table
    columns:
      - {id: name, label: 姓名, type: text, required: true}
      - {id: paid, label: 补贴, type: decimal, precision: 2, min: 0}
  - id: g
    label: 表格
    type: grid
    rows:
      - {id: r1, label: 一}
      - {id: r2, label: 二}
      - {id: total, label: 合计, calc: sum(col)}
    columns:
      - {id: m, label: 男, type: integer}
      - {id: f, label: 女, type: integer}
rules:
  - {id: not_too_many, check: count <= 500, message: 太多, fields: [count]}
  - {id: soft, check: count <= 100, severity: warning, message: 偏多, fields: [count]}
"""
VALUES: dict[str, Any] = {
    "count": 7, "amount": "120.5", "note": "第一行\n第二行", "day": "2026-10-31", "ok": True, "kind": "a",
    "tags": ["x", "z"], "idno": "11010519491231002x", "tel": "13812345678", "走访次数": 3, "people": 4,
}
ROSTER = [{"name": "张三", "paid": "10"}, {"name": "李四", "paid": "20.25"}]
GRID = {"g": {"r1": {"m": 1, "f": 2}, "r2": {"m": 3, "f": None}}}


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_city(engine)
    return engine


@pytest.fixture
def full(tmp_path: Path) -> Template:
    return template(tmp_path, FULL, prefix="st")


def _write(con: Connection, t: Template, org: str, **kw: Any) -> int:
    args: dict[str, Any] = {"period": "2026-10", "values": VALUES, "tables": {"roster": ROSTER}, "grids": GRID}
    return write_submission(con, t, org=org, **(args | kw))


def _stored(con: Connection, t: Template) -> tuple[int, int]:
    lay = layout(t)
    return count_rows(con, lay.table), count_rows(con, lay.children["roster"].table)


# -- names and DDL -------------------------------------------------------------------------------


@pytest.mark.parametrize("ident", ["received", "走访次数", "Opening", "revision", "a" * 80, "x__y", "变量_1", "é_1"])
def test_physical_names_are_short_stable_ascii(ident: str) -> None:
    """SPEC §2.2: long or non-ASCII ids get a slug plus a short hash, the same every time."""
    name = names.column_name(ident)
    assert name == names.column_name(ident)
    assert name.isascii() and len(name) <= names.MAX_NAME and "__" not in name
    assert name not in names.SUBMISSION_COLUMNS
    if ident == "received":
        assert name == "received"


def test_compound_names_fit() -> None:
    long = "格" * 40
    cell = names.cell_name(long, long, long)
    assert len(cell) <= names.MAX_NAME and cell.count("__") == 2
    assert len(names.child_table_name("模板" * 40, 12, "名册" * 40)) <= names.MAX_NAME
    assert names.cell_name("a", "b", "c") != names.cell_name("a", "b", "d")


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite", "postgres", "mysql", "trino", "spark"])
def test_ddl_parses_in_every_dialect(full: Template, dialect: str) -> None:
    """SPEC §4: the DDL is generated for every engine, Trino and Spark SQL checked by parsing."""
    read = {"postgres": "postgres", "mysql": "mysql"}.get(dialect, dialect)
    text = ddl_sql(full, dialect)
    statements = [s for s in sqlglot.parse(text, read=read) if s is not None]
    assert len(statements) == len(build_ddl(full, dialect)) == 3  # registry, submissions, roster
    assert "DECIMAL(38, 10)" in text or "NUMERIC(38, 10)" in text or dialect == "sqlite"
    if dialect == "mysql":
        assert "utf8mb4_nopad_bin" in text


def test_ensure_schema_is_idempotent(city: Connection, full: Template) -> None:
    lay = ensure_schema(city, full)
    ensure_schema(Counting(city), full)  # a fresh wrapper: runs the CREATEs IF NOT EXISTS again
    assert count_rows(city, "fk_templates", {"template_id": full.id}) == 1
    assert count_rows(city, lay.table) == 0


def test_changed_version_is_refused(city: Connection, tmp_path: Path, full: Template) -> None:
    ensure_schema(city, full)
    changed = (tmp_path / f"{full.id}.yaml").read_text(encoding="utf-8").replace("type: text}", "type: integer}", 1)
    (tmp_path / f"{full.id}.yaml").write_text(changed, encoding="utf-8")
    import formkit

    other = formkit.load(tmp_path / f"{full.id}.yaml")
    assert fingerprint(other) != fingerprint(full)
    with pytest.raises(TemplateError) as exc:
        ensure_schema(city, other)
    assert exc.value.codes() == ["version-changed"]


# -- writing and reading ------------------------------------------------------------------------


def test_round_trip(city: Connection, full: Template) -> None:
    org = communities()[0]
    assert _write(city, full, org, user="li", meta={"people": {"source": "corrected", "original": 5}}) == 1
    masked = read_submission(city, full, org=org, period="2026-10")
    assert masked is not None and masked["values"]["idno"] == "110105********002X"  # typed: masked (SPEC §9)
    got = read_submission(city, full, org=org, period="2026-10", pii=True)
    assert got is not None
    v = got["values"]
    assert v["count"] == 7 and str(v["amount"]) == "120.50" and v["double"] == 14
    assert v["note"] == "第一行\n第二行" and v["day"] == dt.date(2026, 10, 31) and v["ok"] is True
    assert v["kind"] == "a" and v["tags"] == ["x", "z"] and v["idno"] == "11010519491231002X"
    assert v["走访次数"] == 3 and v["people"] == 4
    assert got["meta"]["people"] == {"source": "corrected", "original": 5}
    assert got["meta"]["count"] == {"source": "typed"} and got["meta"]["double"] == {"source": "calc"}
    assert [(r["name"], r["paid"]) for r in got["tables"]["roster"]] == [("张三", Decimal("10")),
                                                                         ("李四", Decimal("20.25"))]
    assert all(r["_key"] for r in got["tables"]["roster"])
    assert got["grids"]["g"]["total"] == {"m": 4, "f": 2}
    assert (got["state"], got["revision"], got["created_by"]) == ("submitted", 1, "li")
    assert got["created_at"].endswith("+08:00")


def test_same_id_is_stored_once(city: Connection, full: Template) -> None:
    """SPEC §6: the same id stored twice is stored once (and returns the stored revision)."""
    org = communities()[1]
    assert _write(city, full, org, submission_id="sub-1") == 1
    assert _write(city, full, org, submission_id="sub-1") == 1
    assert _write(city, full, org, submission_id="sub-1", expected_revision=None) == 1
    assert _stored(city, full) == (1, 2)
    assert _write(city, full, org, submission_id="sub-1", values=VALUES | {"count": 8}, expected_revision=1) == 2
    assert _write(city, full, org, submission_id="sub-1", values=VALUES | {"count": 8}, expected_revision=1) == 2
    assert _stored(city, full) == (1, 2)


def test_stale_write_is_refused(city: Connection, full: Template) -> None:
    """The UPDATE checks the revision the form was filled from; a stale form changes nothing."""
    org = communities()[2]
    _write(city, full, org, submission_id="s-a")
    assert _write(city, full, org, submission_id="s-a", values=VALUES | {"count": 9}, expected_revision=1) == 2
    with pytest.raises(TemplateError) as exc:
        _write(city, full, org, submission_id="s-a", values=VALUES | {"count": 10}, expected_revision=1)
    assert exc.value.codes() == ["stale-submission"]
    with pytest.raises(TemplateError) as exc:  # another form for the same org and period
        _write(city, full, org, submission_id="s-b", values=VALUES | {"count": 11})
    assert exc.value.codes() == ["stale-submission"]
    got = read_submission(city, full, org=org, period="2026-10")
    assert got is not None and got["values"]["count"] == 9 and got["revision"] == 2


def test_approved_is_locked(city: Connection, full: Template) -> None:
    org = communities()[3]
    _write(city, full, org, submission_id="s-x", state="approved")
    with pytest.raises(TemplateError) as exc:
        _write(city, full, org, submission_id="s-x", values=VALUES | {"count": 1}, expected_revision=1)
    assert exc.value.codes() == ["invalid-submission"]


BAD: list[tuple[str, dict[str, Any], dict[str, Any], str]] = [
    ("wrong type", {"count": "seven"}, {}, "type"),
    ("float", {"count": 7.0}, {}, ""),  # a host error (floats are inexact), refused all the same
    ("below min", {"count": -1}, {}, "min"),
    ("above max", {"count": 1001}, {}, "max"),
    ("error rule", {"count": 600}, {}, "not_too_many"),
    ("required", {"count": None}, {}, "required"),
    ("too many places", {"amount": "1.234"}, {}, "type"),
    ("bad id card", {"idno": "110105194912310021"}, {}, "type"),
    ("bad choice", {"kind": "c"}, {}, "choices"),
    ("bad row", {}, {"roster": [{"name": None, "paid": "-1"}]}, "required"),
    ("unknown field", {"nope": 1}, {}, ""),
]


@pytest.mark.parametrize(("values", "tables", "rule"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_invalid_submission_stores_nothing(city: Connection, full: Template, values: dict[str, Any],
                                           tables: dict[str, Any], rule: str) -> None:
    """SPEC §7: a wrong type, a value outside min/max, a broken error rule: a clear error, nothing stored."""
    with pytest.raises(TemplateError) as exc:
        _write(city, full, communities()[4], values=VALUES | values, tables={"roster": ROSTER} | tables)
    assert exc.value.codes() == ["invalid-submission"]
    if rule:
        assert rule in {p.rule for p in exc.value.problems}  # type: ignore[attr-defined]
    assert _stored(city, full) == (0, 0)


def test_draft_is_not_blocked_by_rules(city: Connection, full: Template) -> None:
    """SPEC §6: a draft is never blocked by rules (but a wrong type cannot be stored)."""
    org = communities()[5]
    assert _write(city, full, org, values=VALUES | {"count": 600}, state="draft") == 1
    with pytest.raises(TemplateError):
        _write(city, full, communities()[6], values=VALUES | {"count": "x"}, state="draft")
    assert _stored(city, full)[0] == 1


def test_warning_does_not_block(city: Connection, full: Template) -> None:
    assert _write(city, full, communities()[7], values=VALUES | {"count": 200}) == 1


def test_failure_midway_leaves_nothing(city: Connection, full: Template) -> None:
    """All or nothing: the roster INSERT fails after the parent row went in; neither stays."""
    roster = layout(full).children["roster"].table

    class Failing(Counting):
        def execute(self, sql: Any, params: Any = None) -> None:
            if "INSERT" in str(sql) and roster in str(sql):
                raise RuntimeError("disk full")
            super().execute(sql, params)

    ensure_schema(city, full)
    with pytest.raises(RuntimeError, match="disk full"):
        _write(Failing(city), full, communities()[8])  # type: ignore[arg-type]
    assert _stored(city, full) == (0, 0)
    assert _write(city, full, communities()[8]) == 1


def test_org_must_be_at_the_template_level(city: Connection, full: Template) -> None:
    with pytest.raises(TemplateError) as exc:
        _write(city, full, "370601001")  # a street
    assert exc.value.codes() == ["wrong-level"]
    with pytest.raises(TemplateError) as exc:
        _write(city, full, "999999")
    assert exc.value.codes() == ["unknown-org"]
    with pytest.raises(TemplateError) as exc:
        _write(city, full, communities()[0], period="2026W45")
    assert exc.value.codes() == ["bad-period"]


# -- prev() ---------------------------------------------------------------------------------------

STOCK = """\
fields:
  - {id: opening, label: 期初, type: integer, value: prev(closing), confirm: true}
  - {id: received, label: 入, type: integer, min: 0}
  - {id: closing, label: 期末, type: integer, calc: "coalesce(opening, 0) + received"}
"""


@pytest.mark.parametrize(("kind", "before", "after"), [("weekly", "2026W53", "2027W01"),
                                                        ("quarterly", "2026Q4", "2027Q1"),
                                                        ("monthly", "2026-12", "2027-01")])
def test_prev_crosses_the_year(city: Connection, tmp_path: Path, kind: str, before: str, after: str) -> None:
    """SPEC §3: prev() reads the same org unit's previous period (ISO weeks: 2026W53 → 2027W01)."""
    t = template(tmp_path, f"period: {kind}\n" + STOCK, prefix="pv")
    org, other = communities()[0], communities()[1]
    write_submission(city, t, org=org, period=before, values={"received": 5})
    write_submission(city, t, org=other, period=before, values={"received": 9}, state="draft")
    assert prev_values(city, t, org, after)["closing"] == 5
    assert prev_values(city, t, other, after)["closing"] is None  # a draft is not read
    write_submission(city, t, org=org, period=after, values={"received": 2})
    got = read_submission(city, t, org=org, period=after)
    assert got is not None and got["values"]["opening"] == 5 and got["values"]["closing"] == 7
    assert got["meta"]["opening"]["source"] == "prev"


def test_prev_reads_any_deployed_version(city: Connection, tmp_path: Path) -> None:
    """SPEC §3: from the latest submission in any version of the template, fields matched by id."""
    v1 = template(tmp_path, "version: 1\n" + STOCK + "  - {id: extra, label: x, type: text}\n", prefix="vv")
    org = communities()[2]
    write_submission(city, v1, org=org, period="2026-11", values={"received": 4, "extra": "t"})
    path = tmp_path / f"{v1.id}.yaml"
    text = path.read_text(encoding="utf-8").replace("version: 1", "version: 2")
    path.write_text(text.replace("{id: extra, label: x, type: text}", "{id: extra, label: x, type: integer}"),
                    encoding="utf-8")
    import formkit

    v2 = formkit.load(path)
    got = prev_values(city, v2, org, "2026-12")
    assert got["closing"] == 4 and got["extra"] is None  # the same id with another type is no match
    write_submission(city, v2, org=org, period="2026-12", values={"received": 1, "extra": 3})
    stored = read_submission(city, v2, org=org, period="2026-12")
    assert stored is not None and stored["values"]["opening"] == 4 and stored["values"]["closing"] == 5
    assert prev_values(city, v1, org, "2027-01")["closing"] == 5  # v1 reads v2's submission too


def test_once_has_no_prev(city: Connection, tmp_path: Path) -> None:
    t = template(tmp_path, "period: once\n" + STOCK, prefix="on")
    assert prev_values(city, t, communities()[0], "once") == {"opening": None, "received": None, "closing": None}


def test_corrections_report_is_one_query(city: Connection, full: Template) -> None:
    """Issue 6's `corrections` report (pool table, record key, column, original, correction,
    who, when) is one query over the stored originals and sources."""
    a, b, c = communities()[10:13]
    _write(city, full, a, user="li", values=VALUES | {"people": 9}, meta={"people": {"original": 4}})
    _write(city, full, b, user="wang", values=VALUES | {"people": 4}, meta={"people": {"source": "confirmed"}})
    _write(city, full, c, user="zhao", values=VALUES | {"people": 4}, period="2026-11")
    counted = Counting(city)
    corrections(counted, full, "370600", "2026-10")  # type: ignore[arg-type]
    counted.statements.clear()
    got = corrections(counted, full, "370600", "2026-10")  # type: ignore[arg-type]
    assert len(counted.statements) == 1
    assert [(r["org"], r["field"], r["row_key"], r["pool_table"], r["pool_column"], r["original"], r["correction"],
             r["corrected_by"]) for r in got] == [(a, "people", a, "rk_person", None, 4, 9, "li")]
    assert got[0]["corrected_at"].endswith("+08:00")
    stored = read_submission(city, full, org=b, period="2026-10")
    assert stored is not None and stored["meta"]["people"]["source"] == "confirmed"


# -- versions: storage types -------------------------------------------------------------------------


def _next_version(path: Path, old: str, new: str) -> Template:
    import formkit

    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("version: 1", "version: 2").replace(old, new), encoding="utf-8")
    return formkit.load(path)


def test_stored_type_change_is_a_check_error(city: Connection, tmp_path: Path) -> None:
    """Issue 6: a field whose stored values would mean something else in a new version
    (integer → decimal, fewer choices) is `stored-type-changed`, located at the field."""
    body = "version: 1\n" + STOCK + "  - {id: kind, label: 类, type: choice, choices: {a: 甲, b: 乙}}\n"
    v1 = template(tmp_path, body, prefix="sk")
    ensure_schema(city, v1)
    path = tmp_path / f"{v1.id}.yaml"
    v2 = _next_version(path, "{id: received, label: 入, type: integer, min: 0}",
                       "{id: received, label: 入, type: decimal, precision: 2, min: 0}")
    issues = check_deployed(city, v2)
    assert [i.code for i in issues] == ["stored-type-changed"]
    assert issues[0].message == "'received' is decimal with 2 places here but integer in deployed version 1"
    line = path.read_text(encoding="utf-8").splitlines().index(
        "  - {id: received, label: 入, type: decimal, precision: 2, min: 0}") + 1
    assert (issues[0].span.line, issues[0].hint is not None) == (line, True)
    text = path.read_text(encoding="utf-8").replace("type: decimal, precision: 2", "type: integer")
    path.write_text(text.replace("choices: {a: 甲, b: 乙}", "choices: {a: 甲, c: 丙}"), encoding="utf-8")
    import formkit

    issues = check_deployed(city, formkit.load(path))
    assert [i.code for i in issues] == ["stored-type-changed"] and "'b'" in issues[0].message


def test_registry_rows_of_the_earlier_format_are_read_and_migrated(city: Connection, tmp_path: Path) -> None:
    """A registry row written before storage types were recorded (language types only) is
    accepted for its version, rewritten with the storage types when it is deployed again, and
    compared by language type until then."""
    v1 = template(tmp_path, "version: 1\n" + STOCK, prefix="lg")
    ensure_schema(city, v1)
    where = exp.and_(exp.EQ(this=exp.column("template_id"), expression=exp.Placeholder(this="tid")))
    old = exp.update(exp.to_table(REGISTRY), {"layout": exp.Placeholder(this="lay"),
                                              "fingerprint": exp.Placeholder(this="fp")}, where=where)
    with city.transaction():
        city.execute(old, {"lay": layout_json(layout(v1)), "fp": legacy_fingerprint(v1), "tid": v1.id})
    v2 = _next_version(tmp_path / f"{v1.id}.yaml", "type: integer, min: 0}", "type: decimal, min: 0}")
    assert check_deployed(city, v1) == [] and check_deployed(city, v2) == []  # nothing to compare yet
    ensure_schema(Counting(city), v1)  # type: ignore[arg-type]  # v1 deployed again: migrated
    got = city.query(exp.select("fingerprint").from_(REGISTRY).where(where), {"tid": v1.id})
    assert [r[0] for r in got] == [fingerprint(v1)]
    assert [i.code for i in check_deployed(city, v2)] == ["stored-type-changed"]


# -- races on a unique key -------------------------------------------------------------------------


def test_unique_race_inside_the_callers_transaction(city: Connection, full: Template,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 6: two writers of the same submission id at once store it once, also inside a
    transaction the caller opened: the loser's INSERT fails on the key, only its own
    statements are undone (a savepoint), and it gets the stored result — or, where the engine
    cannot go on in that transaction (DuckDB), a `stale-submission` error; never a driver's."""
    org = communities()[14]
    assert _write(city, full, org, submission_id="race-1") == 1  # the winner, committed
    real = store._lookup
    calls: list[int] = []

    def blind(*args: Any, **kw: Any) -> Any:  # the loser read before the winner committed
        calls.append(1)
        return (None, None) if len(calls) == 1 else real(*args, **kw)

    monkeypatch.setattr(store, "_lookup", blind)
    if city.dialect == "duckdb":
        with pytest.raises(TemplateError) as exc, city.transaction():
            _write(city, full, org, submission_id="race-1")
        assert exc.value.codes() == ["stale-submission"] and "submit again" in str(exc.value)
    else:
        with city.transaction():
            assert _write(city, full, org, submission_id="race-1") == 1
            assert read_submission(city, full, org=org, period="2026-10") is not None  # still usable
    calls.clear()
    with pytest.raises(TemplateError) as exc, city.transaction():
        _write(city, full, org, submission_id="race-2", values=VALUES | {"count": 8})
    assert exc.value.codes() == ["stale-submission"]
    assert count_rows(city, layout(full).table, {"org": org}) == 1


def test_check_with_db_reports_deployed_version_changes(tmp_path: Path) -> None:
    """`formkit check --db URL` checks each template against its deployed versions too."""
    from formkit.cli.check import check_paths
    from formkit.runtime import connect

    url = f"duckdb:///{tmp_path / 'deployed.duckdb'}"
    v1 = template(tmp_path, "version: 1\n" + STOCK, prefix="ck")
    with connect(url) as con:
        create_city(con)  # the pool's tables: `check --db` reports a database without them too
        ensure_schema(con, v1)
    path = tmp_path / f"{v1.id}.yaml"
    _next_version(path, "type: integer, min: 0}", "type: decimal, precision: 1, min: 0}")
    assert check_paths([path]).ok
    report = check_paths([path], db=url)
    assert [i.code for i in report.issues] == ["stored-type-changed"] and not report.ok
    from typer.testing import CliRunner

    from formkit.cli.main import app

    plain = CliRunner().invoke(app, ["check", str(path)])
    assert plain.exit_code == 0, plain.output
    result = CliRunner().invoke(app, ["check", str(path), "--db", url])
    assert result.exit_code == 1 and "stored-type-changed" in result.output
    assert f"{path.name}:" in result.output  # located in the template file
