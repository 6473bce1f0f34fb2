"""Submissions under concurrency and crashes (SPEC §6 Submissions, §7 "all-or-nothing").

- 20 processes submitting for 20 different org units at once on PostgreSQL lose nothing;
- processes racing to change the same submission from the same revision: exactly one wins, the
  others are refused as stale (the revision is checked in the UPDATE itself, not by a lock);
- a process killed (SIGKILL) after the parent row and its roster rows are written, before the
  commit, leaves no trace: neither the submission, nor its rows, nor its audit record.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

import formkit
from formkit.errors import TemplateError
from formkit.runtime import Connection, connect
from formkit.runtime import workflow as wf
from formkit.sql.names import layout
from submissions import communities, count_rows, create_city, template

BODY = """\
fields:
  - {id: people, label: 人数, type: integer, value: count(rk_person), confirm: true}
  - {id: received, label: 本期入库, type: integer, required: true, min: 0}
  - id: members
    label: 人员
    type: table
    rows: rk_person
    columns:
      - {id: age, label: 年龄, value: rk_person.age}
      - {id: note, label: 备注, type: text}
"""
PERIOD = "2026-10"
# Never fork the test process: it has used DuckDB (threads, C++ state), and a forked child that
# collects an inherited DuckDB object crashes (a segfault in CI, after which Pool.map waited for
# ever). The fork server is a fresh interpreter that has imported formkit and nothing else.
CTX = mp.get_context("forkserver")
CTX.set_forkserver_preload(["formkit", "formkit.runtime", "formkit.runtime.workflow"])
WAIT = 300  # seconds: a child that dies or hangs fails its test instead of stalling the run


def _connect(url: str, schema: str | None) -> Connection:
    con = connect(url)
    if schema:
        con.execute(f'SET search_path TO "{schema}"')
    return con


def _submit(job: tuple[str, str | None, str, str, int, Any]) -> str:
    """A child: fill, type, (wait for every other child,) submit. Returns 'ok' or the refusal's
    code. ``job``: database URL, schema, template path, org unit, the value typed, a barrier."""
    url, schema, path, org, received, barrier = job
    con = _connect(url, schema)
    try:
        tpl = formkit.load(path)
        form = wf.fill(tpl, con, org, PERIOD)
        form.set("received", received)
        form.set("members", [{"_key": r["_key"], "note": f"p{received}"} for r in form.tables["members"]])
        if barrier is not None:
            barrier.wait(timeout=60)
        try:
            wf.submit(tpl, con, form, user=f"user{received}")
        except TemplateError as exc:
            return exc.codes()[0]
        return "ok"
    finally:
        con.close()


def _resubmit(job: tuple[str, str | None, str, str, int, Any]) -> str:
    """A child: fill the stored submission, wait for every rival, then change it."""
    url, schema, path, org, received, barrier = job
    con = _connect(url, schema)
    try:
        tpl = formkit.load(path)
        form = wf.fill(tpl, con, org, PERIOD)
        form.set("received", received)
        barrier.wait(timeout=60)
        try:
            wf.submit(tpl, con, form, user=f"user{received}")
        except TemplateError as exc:
            return exc.codes()[0]
        return "ok"
    finally:
        con.close()


def _crash(url: str, schema: str | None, path: str, org: str, marker: str) -> None:
    """A child that dies (SIGKILL) inside the submit's transaction, after the writes."""
    con = _connect(url, schema)
    tpl = formkit.load(path)

    def die(db: Any, event: Mapping[str, Any]) -> None:
        rows = count_rows(db, layout(tpl).children["members"].table, {"submission_id": event["submission"]})
        parent = count_rows(db, layout(tpl).table, {"submission_id": event["submission"]})
        Path(marker).write_text(f"{event['submission']} {parent} {rows}", encoding="utf-8")
        os.kill(os.getpid(), signal.SIGKILL)

    wf.BEFORE_COMMIT.append(die)
    form = wf.fill(tpl, con, org, PERIOD)
    form.set("received", 1)
    form.set("members", [{"_key": r["_key"], "note": "x"} for r in form.tables["members"]])
    wf.submit(tpl, con, form, user="doomed")


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Any:
    url = os.environ.get("FORMKIT_TEST_POSTGRES")
    if not url:
        pytest.skip("set FORMKIT_TEST_POSTGRES to run the concurrency tests on PostgreSQL")
    schema = f"formkit_conc_{os.getpid()}"
    admin = connect(url)
    admin.execute(f'CREATE SCHEMA "{schema}"')
    con = _connect(url, schema)
    create_city(con)
    yield url, schema, con
    con.close()
    admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
    admin.close()


def _run(target: Any, jobs: list[tuple[Any, ...]]) -> list[str]:
    with CTX.Pool(len(jobs)) as pool:
        return list(pool.map_async(target, jobs, chunksize=1).get(timeout=WAIT))


def _run_to_death(child: Any) -> None:
    child.start()
    child.join(WAIT)
    if child.is_alive():
        child.kill()
    assert child.exitcode == -signal.SIGKILL, f"the child should have died at the fault hook: {child.exitcode}"


def test_twenty_concurrent_submitters_lose_nothing(postgres: Any, tmp_path: Path) -> None:
    url, schema, con = postgres
    tpl = template(tmp_path, BODY, prefix="cc")
    orgs = communities()[:20]
    with CTX.Manager() as manager:
        barrier = manager.Barrier(len(orgs))  # the tables are created by the children, racing too
        results = _run(_submit, [(url, schema, tpl.model.file, org, i, barrier) for i, org in enumerate(orgs, 1)])
    assert results == ["ok"] * 20
    lay = layout(tpl)
    assert count_rows(con, lay.table) == 20
    expected_rows = sum(len(wf.fill(tpl, con, org, PERIOD).tables["members"]) for org in orgs)
    assert count_rows(con, lay.children["members"].table) == expected_rows
    events = wf.audit_log(tpl, con, action="submit")
    assert sorted(e["org"] for e in events) == sorted(orgs) and len({e["actor"] for e in events}) == 20
    for i, org in enumerate(orgs, 1):
        assert wf.fill(tpl, con, org, PERIOD)["received"] == i


def test_racing_changes_one_wins_the_rest_are_stale(postgres: Any, tmp_path: Path) -> None:
    url, schema, con = postgres
    tpl = template(tmp_path, BODY, prefix="cr")
    org = communities()[25]
    assert _submit((url, schema, tpl.model.file, org, 100, None)) == "ok"
    n = 8
    with CTX.Manager() as manager:
        barrier = manager.Barrier(n)
        results = _run(_resubmit, [(url, schema, tpl.model.file, org, i, barrier) for i in range(1, n + 1)])
    assert sorted(results) == ["ok"] + ["stale-submission"] * (n - 1)
    winner = results.index("ok") + 1
    stored = wf.fill(tpl, con, org, PERIOD)
    assert (stored["received"], stored.revision) == (winner, 2)
    assert [e["actor"] for e in wf.audit_log(tpl, con, org=org)] == ["user100", f"user{winner}"]


def _assert_no_trace(con: Connection, tpl: Any, marker: Path) -> None:
    sid, parent, rows = marker.read_text(encoding="utf-8").split()
    assert int(parent) == 1 and int(rows) >= 1  # killed after the parent row and its rows were written
    lay = layout(tpl)
    assert count_rows(con, lay.table, {"submission_id": sid}) == 0
    assert count_rows(con, lay.children["members"].table, {"submission_id": sid}) == 0
    assert count_rows(con, "fk_audit", {"submission_id": sid}) == 0


def test_killed_submit_leaves_nothing_on_postgres(postgres: Any, tmp_path: Path) -> None:
    url, schema, con = postgres
    tpl = template(tmp_path, BODY, prefix="ck")
    marker = tmp_path / "marker"
    child = CTX.Process(target=_crash, args=(url, schema, tpl.model.file, communities()[26], str(marker)))
    _run_to_death(child)
    _assert_no_trace(con, tpl, marker)
    assert _submit((url, schema, tpl.model.file, communities()[26], 5, None)) == "ok"  # and it can still submit


def test_killed_submit_leaves_nothing_on_duckdb(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'crash.duckdb'}"
    setup = connect(url)
    create_city(setup)
    setup.close()
    tpl = template(tmp_path, BODY, prefix="cd")
    marker = tmp_path / "marker"
    child = CTX.Process(target=_crash, args=(url, None, tpl.model.file, communities()[0], str(marker)))
    _run_to_death(child)
    con = connect(url)
    try:
        _assert_no_trace(con, tpl, marker)
    finally:
        con.close()
