"""Where an engine would throw its own traceback, a clear error instead, and nothing written
(SPEC §7: every bad input gets a clear, located error and changes nothing; a submission is
all-or-nothing):

- text holding NUL or another control character is a type issue of its field, in the Python
  evaluator's checks and on the server's write, the same on every engine (PostgreSQL cannot
  store NUL at all);
- a database without the pool's tables or columns: ``formkit check --db`` and every workflow
  call name what is missing, located at the pool file's entry;
- SQLite under several writer processes waits for the write lock instead of failing, and says
  so in one line when the lock outlasts the wait;
- a DuckDB file another process holds open: one line naming the file.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import formkit
from formkit.api import Template
from formkit.cli.main import app
from formkit.core.errors import TemplateError
from formkit.runtime import Connection, DatabaseUnavailable, connect
from formkit.runtime import workflow as wf
from formkit.runtime.connect import SQLiteConnection
from formkit.runtime.store import write_submission
from formkit.sql.names import layout
from formkit.sql.pooldb import pool_issues
from submissions import communities, count_rows, create_city, template

BODY = """\
fields:
  - {id: received, label: 本期入库, type: integer, required: true, min: 0}
  - {id: note, label: 备注, type: text}
"""
PERIOD = "2026-10"
runner = CliRunner()


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_city(engine)
    return engine


@pytest.fixture
def tpl(tmp_path: Path) -> Template:
    return template(tmp_path, BODY, prefix="dbe")


# -- control characters in text ------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_a_control_character_in_text_is_a_type_issue_of_its_field(city: Connection, tpl: Template,
                                                                  char: str) -> None:
    """SPEC §7 (a submission with a wrong type): the evaluator's check blocks it at the field,
    and the server's write refuses it with the field named, on every engine alike."""
    org = communities()[0]
    form = tpl.fill(city, org=org, period=PERIOD).set("received", 1).set("note", f"a{char}b")
    (issue,) = form.errors
    assert (issue.field, issue.rule, issue.severity) == ("note", "type", "error")
    assert f"U+{ord(char):04X}" in issue.text["en"]
    with pytest.raises(TemplateError) as exc:
        write_submission(city, tpl, org=org, period=PERIOD, values={"received": 1, "note": f"a{char}b"})
    assert exc.value.codes() == ["invalid-submission"]
    assert [(p.field, p.rule) for p in exc.value.problems] == [("note", "type")]  # type: ignore[attr-defined]
    assert count_rows(city, layout(tpl).table) == 0


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the JS runtime cannot run")
def test_the_browser_refuses_the_same_characters() -> None:
    """SPEC §3 (the same meaning in Python and in the browser): the page's own parsing refuses
    what the server would, so staff see the issue before they submit."""
    url = (formkit.static_dir() / "formkit-input.js").as_uri()
    script = (f"import {{ parseInput }} from {json.dumps(url)};\n"
              "const s = { t: 'text', type: 'text' };\n"
              "console.log(JSON.stringify(JSON.parse(process.argv[1]).map((v) => parseInput(s, v))));\n")
    cases = ["a\x00b", "a\x07", "x\x7f", "y\x85", "第一行\n\t第二行\r\n", "plain"]
    out = subprocess.run(["node", "--input-type=module", "-e", script, json.dumps(cases)], capture_output=True,
                         text=True, check=True, timeout=60)
    got = json.loads(out.stdout)
    assert [g.get("error") for g in got] == ["control"] * 4 + [None, None]
    assert [g.get("value") for g in got[4:]] == cases[4:]


def test_tabs_and_new_lines_stay_text(city: Connection, tpl: Template) -> None:
    """A multi-line remark is text: only characters nobody can see or type are refused."""
    org = communities()[1]
    write_submission(city, tpl, org=org, period=PERIOD, values={"received": 1, "note": "第一行\n\t第二行\r\n"})
    assert tpl.fill(city, org=org, period=PERIOD)["note"] == "第一行\n\t第二行\r\n"


def test_nul_in_the_user_the_submission_id_or_a_note_is_refused(city: Connection, tpl: Template) -> None:
    """The other text a call stores (who, which submission, a reviewer's note) is refused the
    same way, as ``invalid-submission``, before anything is written."""
    org = communities()[2]
    with pytest.raises(TemplateError) as exc:
        tpl.submit(city, tpl.fill(city, org=org, period=PERIOD).set("received", 1), user="li\x00")
    assert exc.value.codes() == ["invalid-submission"] and "'li\\x00'" in str(exc.value)
    form = tpl.fill(city, org=org, period=PERIOD).set("received", 1)
    form.submission = "s-\x00"
    with pytest.raises(TemplateError) as exc:
        tpl.submit(city, form)
    assert exc.value.codes() == ["invalid-submission"]
    assert count_rows(city, layout(tpl).table) == 0
    tpl.submit(city, tpl.fill(city, org=org, period=PERIOD).set("received", 1), user="li")
    with pytest.raises(TemplateError) as exc:
        tpl.return_(city, org=org, period=PERIOD, notes={"received": "请\x00核实"}, user="wang")
    assert exc.value.codes() == ["invalid-submission"] and "U+0000" in str(exc.value)
    with pytest.raises(TemplateError):
        tpl.approve(city, org=org, period=PERIOD, user="wang\x00")
    assert tpl.fill(city, org=org, period=PERIOD).state == "submitted"


# -- the pool's tables ---------------------------------------------------------------------------

POOL = """\
formkit_pool: 1
id: dx_city
org: {table: dx_org, id: code, parent: parent_code, name: name, level: level, levels: [street, community]}
tables:
  dx_item:
    key: id
    org: community_code
    columns:
      id: {type: text}
      community_code: {type: text}
      size: {type: integer}
"""
DX_BODY = "fields:\n  - {id: items, label: 数, type: integer, value: count(dx_item)}\n"


def _dx(folder: Path) -> Path:
    (folder / "dx_city.pool.yaml").write_text(POOL, encoding="utf-8")
    path = folder / "dx_count.yaml"
    path.write_text("formkit: 1\nid: dx_count\ntitle: t\npool: dx_city.pool.yaml\nlevel: community\n"
                    "period: monthly\n" + DX_BODY, encoding="utf-8")
    return path


def _create(con: Connection, name: str, cols: str) -> None:
    con.execute(f"DROP TABLE IF EXISTS {name}")
    con.execute(f"CREATE TABLE {name} ({cols})")


def test_missing_pool_tables_and_columns_are_named_at_the_pool_file(engine: Connection, tmp_path: Path) -> None:
    """SPEC §7: fill against a database without the pool's tables is a located error naming
    each missing table (at its entry in the pool file), then each missing column (at its line)."""
    tpl = formkit.load(_dx(tmp_path))
    pool_file = str(tmp_path / "dx_city.pool.yaml")
    for name in ("dx_org", "dx_item"):
        engine.execute(f"DROP TABLE IF EXISTS {name}")
    with pytest.raises(TemplateError) as exc:
        wf.fill(tpl, engine, "C1", PERIOD)
    assert exc.value.codes() == ["pool-table-missing"] * 2
    assert [(i.span.file, i.span.line) for i in exc.value.issues] == [(pool_file, 3), (pool_file, 6)]
    assert "no table 'dx_org'" in exc.value.issues[0].message and "dx_city.pool.yaml:3:" in str(exc.value)
    _create(engine, "dx_org", "code VARCHAR(20), parent_code VARCHAR(20), name VARCHAR(20), level INTEGER")
    _create(engine, "dx_item", "id VARCHAR(20), community_code VARCHAR(20)")
    (issue,) = pool_issues(engine, tpl.pool)  # type: ignore[arg-type]
    assert issue.code == "pool-table-missing" and "no column 'size'" in issue.message and issue.span.line == 11
    with pytest.raises(TemplateError) as exc:
        wf.fill(tpl, engine, "C1", PERIOD)
    assert exc.value.codes() == ["pool-table-missing"]
    assert not _has_table(engine, layout(tpl).table)  # refused before the submission tables were made
    _create(engine, "dx_item", "id VARCHAR(20), community_code VARCHAR(20), size INTEGER")
    assert pool_issues(engine, tpl.pool) == []  # type: ignore[arg-type]


def _has_table(con: Connection, name: str) -> bool:
    try:
        con.query(f"SELECT 1 FROM {name} WHERE 1 = 0")
    except Exception:
        return False
    return True


def test_probing_inside_a_transaction_leaves_it_usable(engine: Connection, tmp_path: Path) -> None:
    """A failed probe runs in a savepoint: PostgreSQL would refuse every later statement of the
    caller's transaction otherwise (DuckDB has no savepoints: not this engine's case)."""
    if engine.dialect == "duckdb":
        pytest.skip("DuckDB has no savepoints: a failed statement ends its transaction")
    tpl = formkit.load(_dx(tmp_path))
    for name in ("dx_org", "dx_item"):
        engine.execute(f"DROP TABLE IF EXISTS {name}")
    with engine.transaction():
        assert [i.code for i in pool_issues(engine, tpl.pool)] == ["pool-table-missing"] * 2  # type: ignore[arg-type]
        assert engine.query("SELECT 1") == [(1,)]


def test_check_with_db_names_what_the_database_lacks(tmp_path: Path) -> None:
    """`formkit check POOL --db URL` (and a template's pool with `check T --db`) reports the
    missing tables as located errors and exits 1; an empty database gives no traceback on fill."""
    path = _dx(tmp_path)
    url = f"duckdb:///{tmp_path / 'empty.duckdb'}"
    result = runner.invoke(app, ["check", str(tmp_path / "dx_city.pool.yaml"), "--db", url])
    assert result.exit_code == 1, result.output
    assert result.output.count("pool-table-missing") == 2 and "dx_city.pool.yaml:3:" in result.output
    both = runner.invoke(app, ["check", str(tmp_path / "dx_city.pool.yaml"), str(path), "--db", url])
    assert both.exit_code == 1 and both.output.count("pool-table-missing") == 2  # the pool once
    fill = runner.invoke(app, ["fill", str(path), "--db", url, "--org", "C1", "--period", PERIOD])
    assert fill.exit_code == 1 and "pool-table-missing" in fill.stderr and fill.exception is not None
    assert isinstance(fill.exception, SystemExit)  # typer.Exit(1), not an engine's exception


# -- SQLite: several writer processes ------------------------------------------------------------

CTX = mp.get_context("forkserver")  # never fork a process that has used DuckDB (test_concurrency.py)


def _writer(job: tuple[str, str, list[str], Any]) -> list[str]:
    """A child: fill and submit each unit; the outcome of each ('ok' or what was raised)."""
    url, path, units, barrier = job
    con = connect(url)
    tpl = formkit.load(path)
    out = []
    barrier.wait(timeout=60)
    for org in units:
        try:
            wf.submit(tpl, con, wf.fill(tpl, con, org, PERIOD).set("received", 1).set("note", org), user="w")
            out.append("ok")
        except Exception as exc:  # what the test is about: nothing but 'ok' may come back
            out.append(f"{type(exc).__name__}: {exc}")
    con.close()
    return out


def test_four_sqlite_writer_processes_all_get_through(tmp_path: Path) -> None:
    """SPEC §6 on SQLite: four processes submitting at once wait for the write lock in turn
    (BEGIN IMMEDIATE and a bounded busy timeout) instead of "database is locked"."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    with connect(url) as con:
        create_city(con)
    tpl = template(tmp_path, BODY, prefix="dbw")
    units = communities()
    with CTX.Manager() as manager:
        barrier = manager.Barrier(4)
        jobs = [(url, tpl.model.file, units[i::4], barrier) for i in range(4)]
        with CTX.Pool(4) as pool:
            results = pool.map_async(_writer, jobs, chunksize=1).get(timeout=300)
    assert [r for rs in results for r in rs] == ["ok"] * len(units)
    with connect(url) as con:
        assert count_rows(con, layout(tpl).table) == len(units)


def test_a_sqlite_lock_held_past_the_wait_is_one_clear_error(tmp_path: Path) -> None:
    """When another process keeps the write lock longer than the busy timeout: one line
    naming the file, and nothing of the submission written."""
    path = tmp_path / "held.db"
    with connect(f"sqlite:///{path}") as con:
        create_city(con)
    tpl = template(tmp_path, BODY, prefix="dbl")
    con = SQLiteConnection(str(path), busy_timeout=0.05)
    form = tpl.fill(con, org=communities()[0], period=PERIOD).set("received", 1)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseUnavailable) as exc:
            tpl.submit(con, form)
        assert str(path) in str(exc.value) and "\n" not in str(exc.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # fill only reads (SPEC §9): the submit's own deployment was what the lock stopped
    assert not _has_table(con, layout(tpl).table) or count_rows(con, layout(tpl).table) == 0
    tpl.submit(con, form)
    assert count_rows(con, layout(tpl).table) == 1
    con.close()


# -- DuckDB: a file another process holds --------------------------------------------------------


@pytest.fixture
def held_duckdb(tmp_path: Path) -> Iterator[Path]:
    """A DuckDB file that a child process keeps open until the test ends."""
    path = tmp_path / "held.duckdb"
    with connect(f"duckdb:///{path}") as con:
        create_city(con)
    code = f"import duckdb, sys\nc = duckdb.connect({str(path)!r})\nprint('ready', flush=True)\nsys.stdin.read()\n"
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        yield path
    finally:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.close()
        child.wait(timeout=60)
        child.stdout.close()


def test_a_duckdb_file_open_in_another_process_is_one_clear_error(held_duckdb: Path, tmp_path: Path) -> None:
    """DuckDB's lock error becomes one line naming the file and that another process holds it;
    the command line prints it and exits 1, without a traceback."""
    with pytest.raises(DatabaseUnavailable) as exc:
        connect(f"duckdb:///{held_duckdb}")
    message = str(exc.value)
    assert str(held_duckdb) in message and "another process" in message and "\n" not in message
    tpl = template(tmp_path, BODY, prefix="dbd")
    result = runner.invoke(app, ["fill", tpl.model.file, "--db", f"duckdb:///{held_duckdb}", "--org",
                                 communities()[0], "--period", PERIOD])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("error: the DuckDB file ") and "Traceback" not in result.output
