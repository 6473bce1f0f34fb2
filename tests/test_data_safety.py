"""Data safety (issue 21): a bad value never erases a good one, and a bad values body never
gets in (SPEC §5 `submit --values`, §6 Submissions, §7 "a submission with a wrong type … changes
nothing", "all-or-nothing").

Each case runs through the Python API on every engine and through the real command line (a
`python -m formkit` subprocess) on every engine: a valid submission is stored first, then a bad
one is refused (`invalid-submission`, with the `type` problem located at its field, row and
column; or the values file's own located error), exit status 1, and the stored row, its roster
rows, the revision and the audit table stay exactly as they were. A generated test (hypothesis,
derandomized) submits random wrong-typed bodies over a stored submission.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlglot import exp

from formkit.api import Template
from formkit.core.errors import TemplateError
from formkit.runtime import Connection, connect, store
from formkit.runtime import workflow as wf
from formkit.runtime.form import AddedRow, Form, ReadOnlyCell, dumps, loads
from formkit.runtime.values import apply_values, parse_body
from formkit.sql.names import layout
from submissions import communities, create_city, persons, template

ROOT = Path(__file__).parent.parent
PERIOD = "2026-10"
ID_OK, ID_BAD = "11010519491231002X", "110105194912310021"  # the check digit of the second is wrong
BODY = """\
fields:
  - {id: n, label: 人数, type: integer}
  - {id: amount, label: 金额, type: decimal, precision: 2}
  - {id: code, label: 编码, type: text, pattern: "[A-Z]{2}[0-9]{3}"}
  - {id: day, label: 日期, type: date}
  - {id: ok, label: 是否, type: boolean}
  - {id: kind, label: 类别, type: choice, choices: {a: 甲, b: 乙}}
  - {id: tags, label: 标签, type: multichoice, choices: {x: X, y: Y}}
  - {id: idno, label: 身份证号, type: id_card}
  - {id: people, label: 人口, type: integer, value: count(rk_person), confirm: true}
  - id: elders
    label: 高龄老人
    type: table
    rows: rk_person where age >= 60
    columns:
      - {id: age, label: 年龄, value: rk_person.age, confirm: true}
      - {id: insured, label: 参保, value: rk_person.insured}
      - {id: visits, label: 走访次数, type: integer}
  - id: g
    label: 格
    type: grid
    rows:
      - {id: r1, label: 一}
      - {id: r2, label: 二}
    columns:
      - {id: m, label: 男, type: integer}
      - {id: f, label: 女, type: integer}
"""
GOOD: dict[str, Any] = {"n": 5, "amount": Decimal("1.50"), "code": "AB123", "day": "2026-10-01", "ok": True,
                        "kind": "a", "tags": ["x"], "idno": ID_OK}
GRID = {"g.r1.m": 1, "g.r1.f": 2, "g.r2.m": 3, "g.r2.f": 4}

# (case id, where the type problem stands, the bad value): through form.set, and as a JSON body
TYPE_CASES: list[tuple[str, tuple[str, Any, Any], Any]] = [
    ("integer-1.5", ("n", None, None), Decimal("1.5")),
    ("integer-40-digits", ("n", None, None), 10**40),
    ("integer-fullwidth", ("n", None, None), "１２"),
    ("integer-1e-400", ("n", None, None), Decimal("1e-400")),
    ("decimal-1e400", ("amount", None, None), Decimal("1e400")),
    ("decimal-3-places", ("amount", None, None), Decimal("1.234")),
    ("date-feb-30", ("day", None, None), "2026-02-30"),
    ("date-year-10000", ("day", None, None), "10000-01-01"),
    ("boolean-yes", ("ok", None, None), "yes"),
    ("choice-list", ("kind", None, None), ["a"]),
    ("multichoice-text", ("tags", None, None), "x"),
    ("id-card-check-digit", ("idno", None, None), ID_BAD),
    ("confirmable-text", ("people", None, None), "many"),
    ("roster-cell", ("elders", 0, "visits"), "many"),
    ("grid-cell", ("g", "r1", "m"), "x"),
]


def _org() -> str:
    """A community with residents of 60 and over (the roster has rows)."""
    old = {p["community_code"] for p in persons() if p["age"] >= 60}
    return next(c for c in communities() if c in old)


ORG = _org()


# -- the database, seen from outside ---------------------------------------------------------------


def _all(con: Connection, name: str) -> list[tuple[Any, ...]]:
    from formkit.sql.registry import has_table

    if not has_table(con, name):  # fill only reads (SPEC §9): a template never written has no tables
        return []
    rows = con.query(exp.select("*").from_(exp.Table(this=exp.to_identifier(name, quoted=True))))
    return sorted(rows, key=repr)


def snapshot(con: Connection, tpl: Template) -> tuple[Any, ...]:
    """Every stored row of the template (parent and roster tables) and its audit events."""
    lay = layout(tpl)
    children = tuple(_all(con, c.table) for c in lay.children.values())
    return _all(con, lay.table), children, wf.audit_log(tpl, con)


@contextmanager
def connected(url: str) -> Iterator[Connection]:
    con = connect(url)  # a connection of its own: DuckDB lets one process at a time open a file
    try:
        yield con
    finally:
        con.close()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "formkit", *args], capture_output=True, text=True, env=env,
                          check=False, cwd=ROOT)


# -- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_city(engine)
    return engine


@pytest.fixture(scope="module")
def cli_url(engine: Connection, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A URL the `formkit` subprocess opens: the engine's schema or database for the servers, a
    file of its own for DuckDB and SQLite (the test process holds the fixture's file open)."""
    if engine.dialect in ("duckdb", "sqlite"):
        url = f"{engine.dialect}:///{tmp_path_factory.mktemp('cli') / ('safety.' + engine.dialect)}"
        with connected(url) as con:
            create_city(con)
        return url
    create_city(engine)
    if engine.dialect == "postgres":
        schema = engine.query("SELECT current_schema()")[0][0]
        return f"{os.environ['FORMKIT_TEST_POSTGRES']}?options=-csearch_path%3D{schema}"
    parts = urlsplit(os.environ["FORMKIT_TEST_MYSQL"])
    return urlunsplit((parts.scheme, parts.netloc, "/" + engine.query("SELECT DATABASE()")[0][0], parts.query, ""))


def store_good(url: str, folder: Path, prefix: str) -> tuple[Template, Form]:
    """A template of its own with a valid submission stored at ``url``."""
    tpl = template(folder, BODY, prefix=prefix)
    with connected(url) as con:
        form = fill_good(tpl.fill(con, org=ORG, period=PERIOD))
        tpl.submit(con, form, user="li")
    return tpl, form


@pytest.fixture(scope="module")
def cli_stored(cli_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Template, Form]:
    """One stored submission per engine that every refused CLI write is checked against."""
    return store_good(cli_url, tmp_path_factory.mktemp("stored"), "dc")


@pytest.fixture(scope="module")
def local_good(local_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Template, Form]:
    """A stored good form on DuckDB, for what happens in the form alone (no engine involved)."""
    return store_good(local_url, tmp_path_factory.mktemp("good"), "dl")


@pytest.fixture(scope="module")
def local_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A DuckDB file of this module's own, for what is refused before any database is opened."""
    url = f"duckdb:///{tmp_path_factory.mktemp('local') / 'local.duckdb'}"
    with connected(url) as con:
        create_city(con)
    return url


def fill_good(form: Form) -> Form:
    for k, v in GOOD.items():
        form.set(k, v)
    for k, v in GRID.items():
        form.set(k, v)
    form.set("elders", [{"_key": r["_key"], "visits": 1} for r in form.tables["elders"]])
    assert not form.errors, form.errors
    return form


def set_bad(form: Form, place: tuple[str, Any, Any], value: Any) -> None:
    field, row, col = place
    if field == "g":
        form.set(f"g.{row}.{col}", value)
    elif row is not None:
        form.set(field, value, row=row, col=col)
    else:
        form.set(field, value)


def good_body(form: Form) -> dict[str, Any]:
    """The stored good values as a SPEC §5 ``--values`` body."""
    return {"values": dict(GOOD), "revision": form.revision,
            "tables": {"elders": [{"_key": r["_key"], "visits": 1} for r in form.tables["elders"]]},
            "grids": {"g": {"r1": {"m": 1, "f": 2}, "r2": {"m": 3, "f": 4}}}}


def put(body: dict[str, Any], place: tuple[str, Any, Any], value: Any) -> dict[str, Any]:
    """``body`` with ``value`` at ``place`` (a field, a roster cell by row index, a grid cell)."""
    field, row, col = place
    if field == "g":
        body["grids"]["g"][row][col] = value
    elif row is not None:
        body["tables"][field][row][col] = value
    else:
        body["values"][field] = value
    return body


def _problems(exc: TemplateError) -> set[tuple[Any, ...]]:
    return {(p.field, p.row, p.col, p.rule) for p in getattr(exc, "problems", [])}


def _places(issues: Any) -> set[tuple[Any, ...]]:
    return {(i.field, i.row, i.col) for i in issues}


# -- item 1: a wrong-typed value is refused on the server, never stored as null ----------------------


@pytest.fixture
def stored(city: Connection, tmp_path: Path) -> tuple[Template, Form]:
    tpl = template(tmp_path, BODY, prefix="ds")
    form = fill_good(tpl.fill(city, org=ORG, period=PERIOD))
    tpl.submit(city, form, user="li")
    return tpl, form


@pytest.mark.parametrize(("case", "place", "value"), TYPE_CASES, ids=[c[0] for c in TYPE_CASES])
def test_api_wrong_type_is_refused_and_changes_nothing(city: Connection, stored: tuple[Template, Form], case: str,
                                                       place: tuple[str, Any, Any], value: Any) -> None:
    """SPEC §7: `form.set(bad)` + `tpl.submit` is `invalid-submission` with the `type`
    problem at its place; the stored row, revision and audit are unchanged."""
    tpl, good = stored
    before = snapshot(city, tpl)
    form = tpl.fill(city, org=ORG, period=PERIOD)
    set_bad(form, place, value)
    assert (*place, "type") in {(i.field, i.row, i.col, i.rule) for i in form.issues}
    with pytest.raises(TemplateError) as exc:
        tpl.submit(city, form, user="li")
    assert exc.value.codes() == ["invalid-submission"]
    assert (*place, "type") in _problems(exc.value)
    assert snapshot(city, tpl) == before and form.revision == 1
    again = tpl.fill(city, org=ORG, period=PERIOD, pii=True)  # typed ID numbers are masked otherwise (SPEC §9)
    assert (again.values, again.tables, again.grids) == (good.values, good.tables, good.grids)


def test_api_refused_roster_cell_survives_typing_another_cell(city: Connection,
                                                              stored: tuple[Template, Form]) -> None:
    """SPEC §7: a refused roster cell stays refused when another cell of the roster is typed
    after it (the roster's rows used to be rebuilt from the nulls, dropping the refusal, and
    submit then stored null over the good value)."""
    tpl, good = stored
    assert len(good.tables["elders"]) >= 2
    before = snapshot(city, tpl)
    form = tpl.fill(city, org=ORG, period=PERIOD)
    form.set("elders", "many", row=0, col="visits")
    form.set("elders", 2, row=1, col="visits")
    assert ("elders", 0, "visits", "type") in {(i.field, i.row, i.col, i.rule) for i in form.issues}
    assert form.rejected == {("elders", 0, "visits"): "many"}
    with pytest.raises(TemplateError) as exc:
        tpl.submit(city, form, user="li")
    assert ("elders", 0, "visits", "type") in _problems(exc.value)
    assert snapshot(city, tpl) == before


@pytest.mark.parametrize(("case", "place", "value"), TYPE_CASES[::3], ids=[c[0] for c in TYPE_CASES[::3]])
def test_api_wrong_type_blocks_a_draft(city: Connection, tmp_path: Path, case: str, place: tuple[str, Any, Any],
                                       value: Any) -> None:
    """SPEC §6: a draft is never blocked by rules, but a wrong type is: `save_draft` over a
    stored draft is refused the same way, and the draft stays as it was."""
    tpl = template(tmp_path, BODY, prefix="dd")
    draft = fill_good(tpl.fill(city, org=ORG, period=PERIOD))
    tpl.save_draft(city, draft, user="li")
    before = snapshot(city, tpl)
    set_bad(draft, place, value)
    with pytest.raises(TemplateError) as exc:
        tpl.save_draft(city, draft, user="li")
    assert exc.value.codes() == ["invalid-submission"] and (*place, "type") in _problems(exc.value)
    assert snapshot(city, tpl) == before


@pytest.mark.parametrize(("case", "place", "value"), TYPE_CASES, ids=[c[0] for c in TYPE_CASES])
def test_rejected_value_survives_the_json_round_trip(local_good: tuple[Template, Form], case: str,
                                                     place: tuple[str, Any, Any], value: Any) -> None:
    """SPEC §5/§6: `to_json` shows the refused value under `rejected` (and null in `values`);
    `Form.from_json` types it again, so the same issue stands and the bytes round-trip."""
    tpl, good = local_good
    form = Form.from_json(loads(good.dumps()), tpl)
    set_bad(form, place, value)
    data = loads(form.dumps())
    (entry,) = data["rejected"]
    assert (entry["field"], entry["row"], entry["col"]) == place
    back = Form.from_json(data, tpl)
    assert back.dumps() == form.dumps()
    assert (*place, "type") in {(i.field, i.row, i.col, i.rule) for i in back.errors}
    assert back.submission_body() == form.submission_body()


def test_rejected_python_objects_stay_rejected(local_good: tuple[Template, Form]) -> None:
    """A value JSON cannot carry as typed (a date in a text field) is written as {"repr": …},
    which no field takes: the round trip never turns it into an accepted value."""
    import datetime as dt

    tpl, good = local_good
    form = Form.from_json(loads(good.dumps()), tpl)
    form.set("code", dt.date(2026, 1, 1)).set("n", Decimal("NaN"))
    data = loads(form.dumps())
    assert [e["value"] for e in data["rejected"]] == [{"repr": "Decimal('NaN')"}, {"repr": "datetime.date(2026, 1, 1)"}]
    back = Form.from_json(data, tpl)
    assert {(i.field, i.rule) for i in back.errors} == {("n", "type"), ("code", "type")}


@pytest.mark.parametrize(("case", "place", "value"), TYPE_CASES, ids=[c[0] for c in TYPE_CASES])
def test_cli_wrong_type_is_refused_and_changes_nothing(cli_url: str, cli_stored: tuple[Template, Form],
                                                       tmp_path: Path, *, case: str, place: tuple[str, Any, Any],
                                                       value: Any) -> None:
    """SPEC §5/§7 through `python -m formkit submit --values`: exit 1, `invalid-submission`
    with the `type` problem, and the database exactly as it was."""
    tpl, form = cli_stored
    with connected(cli_url) as con:
        before = snapshot(con, tpl)
    file = tmp_path / "bad.json"
    file.write_text(dumps(put(good_body(form), place, value)), encoding="utf-8")
    out = cli("submit", str(tpl.model.file), "--db", cli_url, "--org", ORG, "--period", PERIOD, "--values", str(file),
              "--json")
    assert out.returncode == 1, out.stdout + out.stderr
    got = json.loads(out.stdout)
    assert got["error"] == "invalid-submission"
    assert [*place, "type"] in [[p["field"], p["row"], p["col"], p["rule"]] for p in got["problems"]]
    assert "invalid-submission" in out.stderr and "Traceback" not in out.stderr
    with connected(cli_url) as con:
        assert snapshot(con, tpl) == before


# -- item 5: roster-cell corrections in --values --------------------------------------------------


def _elder_rows(form: Form) -> list[dict[str, Any]]:
    return [{"_key": r["_key"], "age": r["age"], "insured": r["insured"], "visits": 1} for r in form.tables["elders"]]


def test_api_rows_that_change_a_confirmable_cell_correct_it(city: Connection, tmp_path: Path) -> None:
    """SPEC §2.2/§6: rows given to `form.set` that change a `confirm: true` pool-bound cell record
    a correction exactly as `form.correct(table, value, row=, col=)`; a change to a cell that
    is not confirmable raises ReadOnlyCell and changes nothing."""
    tpl = template(tmp_path, BODY, prefix="dr")
    by_rows = fill_good(tpl.fill(city, org=ORG, period=PERIOD))
    rows = _elder_rows(by_rows)
    original, key = rows[0]["age"], rows[0]["_key"]
    rows[0]["age"] = original + 1
    by_rows.set("elders", rows)
    by_call = fill_good(tpl.fill(city, org=ORG, period=PERIOD))
    by_call.correct("elders", original + 1, row=0, col="age")
    assert by_rows.tables_with_meta == by_call.tables_with_meta
    assert by_rows.tables_with_meta["elders"][0]["_meta"] == {"age": {"source": "corrected", "original": original}}

    shown = by_rows.tables_with_meta
    rows[0]["insured"] = not rows[0]["insured"]
    with pytest.raises(ReadOnlyCell) as exc:
        by_rows.set("elders", rows)
    assert (exc.value.table, exc.value.col) == ("elders", "insured")
    assert by_rows.tables_with_meta == shown
    tpl.submit(city, by_call, user="li")
    fixes = tpl.corrections(city, org=ORG, period=PERIOD)
    assert [(f["field"], f["row_key"], f["original"], f["correction"]) for f in fixes] == [
        ("elders.age", key, original, original + 1)]


def test_cli_values_correct_a_roster_cell(cli_url: str, tmp_path: Path) -> None:
    """SPEC §5 `--values`: a roster row (matched by `_key`) that changes a confirmable cell is a
    correction that `formkit corrections` lists; one that changes a cell that is not
    confirmable is `read-only-value`, located in the file, exit 1, nothing stored."""
    tpl = template(tmp_path, BODY, prefix="dv")
    with connected(cli_url) as con:
        form = fill_good(tpl.fill(con, org=ORG, period=PERIOD))
    args = ("--db", cli_url, "--org", ORG, "--period", PERIOD)
    body = good_body(form)
    rows = _elder_rows(form)
    body["tables"]["elders"] = rows
    rows[0]["insured"] = not rows[0]["insured"]
    file = tmp_path / "v.json"
    file.write_text(dumps(body, indent=2), encoding="utf-8")
    out = cli("submit", str(tpl.model.file), *args, "--values", str(file))
    assert out.returncode == 1 and "read-only-value" in out.stderr and "Traceback" not in out.stderr
    line = next(i for i, t in enumerate(file.read_text("utf-8").splitlines(), 1) if '"insured"' in t)
    assert f"v.json:{line}:" in out.stderr
    with connected(cli_url) as con:
        assert snapshot(con, tpl)[0] == []

    rows[0]["insured"] = not rows[0]["insured"]
    original = rows[0]["age"]
    rows[0]["age"] = original + 3
    file.write_text(dumps(body, indent=2), encoding="utf-8")
    out = cli("submit", str(tpl.model.file), *args, "--values", str(file), "--user", "li")
    assert out.returncode == 0, out.stderr
    listed = json.loads(cli("corrections", str(tpl.model.file), *args, "--json").stdout)
    assert [(r["field"], r["row_key"], r["original"], r["correction"], r["corrected_by"]) for r in listed] == [
        ("elders.age", rows[0]["_key"], original, original + 3, "li")]


# -- add_rows: false is enforced by the server, not only by the page ------------------------------

FIXED = """\
fields:
  - {id: n, label: 人数, type: integer}
  - id: fixed
    label: 固定
    type: table
    add_rows: false
    columns:
      - {id: v, label: 值, type: integer}
"""


def test_api_rows_added_to_a_fixed_roster_are_refused(stored: tuple[Template, Form]) -> None:
    """SPEC §2.3 (`add_rows` defaults to false with `rows:`): rows given to `form.set` that add
    a row — one without `_key`, a `new:` token, a key that is no pool row's — raise AddedRow
    (a ValueError) with the row's position, and the form is unchanged."""
    tpl, good = stored
    form = Form.from_json(loads(good.dumps()), tpl)
    before = form.dumps()
    rows = [{"_key": r["_key"], "visits": 1} for r in form.tables["elders"]]
    for extra in ({"visits": 2}, {"_key": "new:0123456789abcdef", "visits": 2}, {"_key": "nobody", "visits": 2}):
        with pytest.raises(AddedRow) as exc:
            form.set("elders", [*rows, extra])
        assert (exc.value.table, exc.value.index) == ("elders", len(rows)) and "add_rows: false" in str(exc.value)
        assert form.dumps() == before
    with pytest.raises(ValueError, match="cannot be added"):
        form.add_row("elders", {"visits": 2})
    form.set("elders", rows[1:])  # fewer rows than the pool gives: the pool rows stay (no removal)
    assert [r["_key"] for r in form.tables["elders"]] == [r["_key"] for r in good.tables["elders"]]


@pytest.mark.parametrize("key", [None, "new:0123456789abcdef"])
def test_store_refuses_rows_added_to_a_fixed_roster(city: Connection, stored: tuple[Template, Form],
                                                    key: str | None) -> None:
    """SPEC §2.3/§7: `write_submission` (and so `submit` of a form built from JSON) refuses a
    row without a pool `_key` on a roster with `add_rows: false`: `invalid-submission` naming
    the table, and the stored rows, revision and audit unchanged — on every engine."""
    tpl, good = stored
    before = snapshot(city, tpl)
    values, tables, grids = good.submission_body()
    tables["elders"].append({"_key": key, "age": 70, "insured": True, "visits": 1})
    with pytest.raises(TemplateError) as exc:
        store.write_submission(city, tpl, org=ORG, period=PERIOD, values=values, tables=tables, grids=grids,
                               submission_id=good.submission, expected_revision=good.revision)
    assert exc.value.codes() == ["invalid-submission"]
    assert "'elders' (add_rows: false)" in str(exc.value)
    data = loads(good.dumps())
    data["tables"]["elders"].append({"_key": key or "new:0123456789abcdef", "age": 70, "insured": True,
                                     "visits": 1})
    with pytest.raises(TemplateError, match="add_rows: false"):
        tpl.submit(city, Form.from_json(data, tpl), user="li")
    assert snapshot(city, tpl) == before


def test_store_refuses_any_row_of_a_roster_without_pool_rows_and_add_rows_false(city: Connection,
                                                                                tmp_path: Path) -> None:
    """SPEC §2.3: a roster without `rows:` and with `add_rows: false` has no row staff may
    give: `write_submission` refuses one (whatever its `_key`) and stores nothing; none is fine."""
    tpl = template(tmp_path, FIXED, prefix="df")
    form = tpl.fill(city, org=ORG, period=PERIOD)
    with pytest.raises(AddedRow):
        form.set("fixed", [{"v": 1}])
    for key in (None, "new:0123456789abcdef", "P1"):
        with pytest.raises(TemplateError, match="cannot be added to the table 'fixed'"):
            store.write_submission(city, tpl, org=ORG, period=PERIOD, values={"n": 1},
                                   tables={"fixed": [{"_key": key, "v": 1}]})
    assert snapshot(city, tpl)[0] == []
    assert store.write_submission(city, tpl, org=ORG, period=PERIOD, values={"n": 1}, tables={"fixed": []}) == 1


# -- item 7: bad --values bodies ------------------------------------------------------------------

DEEP = "{\"values\": {\"n\": " + "[" * 100_000 + "]" * 100_000 + "}}"
ELDER = min(p["id"] for p in persons() if p["community_code"] == ORG and p["age"] >= 60)  # the first pool row
UNREADABLE: list[tuple[str, str, str, str]] = [  # (id, file text, error code, what the message names)
    ("nan", '{"values": {"n": NaN}}', "values-syntax", "NaN"),
    ("infinity", '{"values": {"amount": Infinity}}', "values-syntax", "Infinity"),
    ("minus-infinity", '{"n": -Infinity}', "values-syntax", "-Infinity"),
    ("deep", DEEP, "values-syntax", "deeper than 32"),
    ("twice", '{"n": 1, "n": 2}', "values-syntax", "twice"),
    ("not-json", '{"n": 1,}', "values-syntax", "not JSON"),
    ("not-an-object", "[1, 2]", "values-shape", "object"),
]
BODY_CASES: list[tuple[str, str, str, str]] = [
    ("1e400", '{"values": {"amount": 1e400}}', "invalid-submission", "amount"),
    ("unknown-field", '{"values": {"nn": 5}}', "unknown-values-key", "'nn'"),
    ("unknown-flat-field", '{"amout": 5}', "unknown-values-key", "did you mean 'amount'"),
    ("unknown-top-key", '{"values": {}, "tabels": {}}', "unknown-values-key", "did you mean 'tables'"),
    ("unknown-grid-row", '{"grids": {"g": {"r3": {"m": 1}}}}', "unknown-values-key", "'r3'"),
    ("unknown-grid-col", '{"grids": {"g": {"r1": {"mm": 1}}}}', "unknown-values-key", "did you mean 'm'"),
    ("unknown-roster-column", f'{{"tables": {{"elders": [{{"_key": "{ELDER}", "visit": 1}}]}}}}',
     "unknown-values-key", "'visits'"),
    ("unknown-row-key", '{"tables": {"elders": [{"_key": "nobody", "visits": 1}]}}', "unknown-values-key",
     "'nobody'"),
    ("added-row", '{"tables": {"elders": [{"visits": 1}]}}', "read-only-value", "cannot be added"),
    ("table-not-a-list", '{"tables": {"elders": {"visits": 1}}}', "values-shape", "list"),
    ("other-org", '{"org": "999999999999", "values": {"n": 1}}', "values-shape", "999999999999"),
    ("bad-revision", '{"values": {"n": 1}, "revision": "one"}', "values-shape", "whole number"),
    ("bad-confirm", '{"values": {"n": 1}, "confirm": ["n"]}', "values-shape", "confirm"),
]


def refused_cli(url: str, tpl: Template, file: Path, text: str, *, code: str, named: str) -> None:
    """``text`` as the values file: exit 1, a located plain error, and nothing written."""
    with connected(url) as con:
        before = snapshot(con, tpl)
    file.write_text(text, encoding="utf-8")
    out = cli("submit", str(tpl.model.file), "--db", url, "--org", ORG, "--period", PERIOD, "--values", str(file))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-2000:]
    first = out.stderr.splitlines()[0]
    assert f": {code}: " in first and named in out.stderr[:3000]
    if code != "invalid-submission":
        assert first.startswith(f"{file}:1:"), first
    assert len(out.stderr) < 5000  # a minified or deep file is not echoed back whole
    with connected(url) as con:
        assert snapshot(con, tpl) == before


@pytest.mark.parametrize(("case", "text", "code", "named"), [*UNREADABLE, *BODY_CASES],
                         ids=[c[0] for c in [*UNREADABLE, *BODY_CASES]])
def test_cli_bad_values_body_is_a_located_error(local_url: str, local_good: tuple[Template, Form], tmp_path: Path,
                                                *, case: str, text: str, code: str, named: str) -> None:
    """SPEC §5/§7: a values file with NaN/Infinity, 100,000 nested lists, a key twice, text
    that is not JSON, a key the template or the shape lacks, or a value of the wrong kind, is
    refused with a located, plain error: exit 1, no traceback, nothing written over the stored
    submission. On DuckDB: the body is refused before anything is written, the same way on
    every engine (the API test below runs the same bodies on every engine's form)."""
    refused_cli(local_url, local_good[0], tmp_path / "v.json", text, code=code, named=named)


@pytest.mark.parametrize(("case", "text", "code", "named"), [*UNREADABLE, *BODY_CASES[1:]],
                         ids=[c[0] for c in [*UNREADABLE, *BODY_CASES[1:]]])
def test_api_bad_values_body_changes_nothing(stored: tuple[Template, Form], case: str, text: str, code: str,
                                             named: str) -> None:
    """The same bodies through `formkit.runtime.values`: the located error, the form untouched."""
    tpl, good = stored
    form = Form.from_json(loads(good.dumps()), tpl)
    before = form.dumps()
    with pytest.raises(TemplateError) as exc:
        apply_values(form, parse_body(text, "v.json"))
    assert exc.value.codes()[0] == code and named in str(exc.value)
    assert form.dumps() == before


def test_good_values_body_round_trips_fill_json(local_good: tuple[Template, Form]) -> None:
    """SPEC §5: `fill --json`'s own output is a valid `--values` body (every key known)."""
    tpl, good = local_good
    form = Form.from_json(loads(good.dumps()), tpl)
    apply_values(form, parse_body(good.dumps(indent=2)))
    assert form.dumps() == good.dumps()


# -- generated: random wrong-typed bodies over a stored submission --------------------------------

_TEXT = st.text(alphabet="abcxyz１２３-.", min_size=1, max_size=6)
_NOT_NUMBER = st.one_of(_TEXT, st.booleans(), st.lists(st.integers(0, 3), max_size=2),
                        st.integers(10**28, 10**40))
_WHOLE_BAD = st.one_of(_NOT_NUMBER, st.decimals(min_value=-999, max_value=999, places=3).filter(
    lambda d: d.is_finite() and d != d.to_integral_value()))
WRONG: dict[tuple[str, Any, Any], st.SearchStrategy[Any]] = {
    ("n", None, None): _WHOLE_BAD,
    ("amount", None, None): st.one_of(_NOT_NUMBER, st.decimals(min_value=-99, max_value=99, places=4).filter(
        lambda d: d.is_finite() and d != d.quantize(Decimal("0.01")))),
    ("code", None, None): st.one_of(st.sampled_from(["ab123", "AB12", "hello", "AB1234"]), st.booleans(),
                                    st.integers()),
    ("day", None, None): st.one_of(st.sampled_from(["2026-02-30", "2026-13-01", "10000-01-01", "2026/10/01",
                                                    "20261001", "2025-02-29"]), st.integers(), st.booleans()),
    ("ok", None, None): st.one_of(st.sampled_from(["yes", "no", "1", "TRUE"]), st.integers(0, 1)),
    ("kind", None, None): st.one_of(st.lists(st.sampled_from(["a", "b"]), min_size=1, max_size=2), st.booleans(),
                                    st.sampled_from(["c", "A"])),
    ("tags", None, None): st.one_of(_TEXT, st.booleans(), st.lists(st.booleans(), min_size=1, max_size=2),
                                    st.lists(st.sampled_from(["x", "q"]), min_size=1).filter(lambda v: "q" in v)),
    ("idno", None, None): st.one_of(st.sampled_from([ID_BAD, "11010519491231002", "1101051949123100XX"]),
                                    st.integers()),
    ("elders", 0, "visits"): _WHOLE_BAD,
    ("g", "r2", "f"): _WHOLE_BAD,
}
BAD_BODIES = st.dictionaries(st.sampled_from(sorted(WRONG, key=repr)), st.none(), min_size=1, max_size=3).flatmap(
    lambda places: st.fixed_dictionaries({p: WRONG[p] for p in places}))
GENERATED = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                     suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def generated_base(city: Connection, tmp_path_factory: pytest.TempPathFactory) -> tuple[Template, Form, Any]:
    tpl = template(tmp_path_factory.mktemp("gen"), BODY, prefix="dg")
    form = fill_good(tpl.fill(city, org=ORG, period=PERIOD))
    tpl.submit(city, form, user="li")
    return tpl, form, snapshot(city, tpl)


@GENERATED
@given(bad=BAD_BODIES)
def test_generated_wrong_types_never_change_the_stored_row(city: Connection, generated_base: tuple[Template, Form, Any],
                                                           bad: dict[tuple[str, Any, Any], Any]) -> None:
    """Generated (SPEC §7): any wrong-typed value of any field type, roster cell or grid cell,
    set on a form of the stored submission, makes `submit` refuse with every error, and the
    stored rows, revision and audit stay as they were."""
    tpl, _, before = generated_base
    form = tpl.fill(city, org=ORG, period=PERIOD)
    for place, value in bad.items():
        set_bad(form, place, value)
    assert form.errors
    with pytest.raises(TemplateError) as exc:
        tpl.submit(city, form, user="li")
    assert exc.value.codes() == ["invalid-submission"]
    assert set(bad) <= _places(form.errors) and set(bad) <= {p[:3] for p in _problems(exc.value)}
    assert snapshot(city, tpl) == before


@pytest.fixture(scope="module")
def generated_cli(local_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Template, Form, Any, Path]:
    folder = tmp_path_factory.mktemp("gencli")
    tpl, form = store_good(local_url, folder, "dgc")
    with connected(local_url) as con:
        return tpl, form, snapshot(con, tpl), folder


@settings(GENERATED, max_examples=6)
@given(bad=BAD_BODIES)
def test_generated_cli_bodies_exit_1_and_change_nothing(local_url: str,
                                                        generated_cli: tuple[Template, Form, Any, Path],
                                                        bad: dict[tuple[str, Any, Any], Any]) -> None:
    """Generated, through `python -m formkit submit --values`, on DuckDB (fewer examples: a
    process each; the API test above runs the same bodies on every engine)."""
    tpl, form, before, folder = generated_cli
    cli_url = local_url
    body = good_body(form)
    for place, value in bad.items():
        put(body, place, value)
    file = folder / "gen.json"
    file.write_text(dumps(body), encoding="utf-8")
    out = cli("submit", str(tpl.model.file), "--db", cli_url, "--org", ORG, "--period", PERIOD, "--values", str(file))
    assert out.returncode == 1 and "invalid-submission" in out.stderr and "Traceback" not in out.stderr, out.stderr
    with connected(cli_url) as con:
        assert snapshot(con, tpl) == before
