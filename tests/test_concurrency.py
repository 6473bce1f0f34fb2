"""Submissions under concurrency and crashes (SPEC §6 Submissions, §7 "all-or-nothing").

- 20 processes submitting for 20 different org units at once on PostgreSQL lose nothing;
- processes racing to change the same submission from the same revision: exactly one wins, the
  others are refused as stale (the revision is checked in the UPDATE itself, not by a lock);
- a process killed (SIGKILL) after the parent row and its roster rows are written, before the
  commit, leaves no trace: neither the submission, nor its rows, nor its audit record;
- processes racing to insert the same submission from inside a transaction of their own (which
  also writes rows of the caller's) on PostgreSQL and MariaDB: the same submission id is stored
  once and every racer gets it; different ids for the same unit and period: one wins, the others
  are refused as stale; either way every caller's own writes are committed (the loser's failed
  INSERT is undone by a savepoint, not by rolling back the caller's transaction).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

import formkit
from formkit.core.errors import TemplateError
from formkit.runtime import Connection, connect
from formkit.runtime import workflow as wf
from formkit.runtime.connect import TransactionLost
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


def _submit_in_transaction(job: tuple[str, str | None, str, str, str | None, int, str, Any]
                            ) -> tuple[str, str, int]:
    """A child: fill and type the form, wait for every rival, then in ONE transaction of its own:
    write a row of its own to ``scratch``, submit, and (the transaction must still be usable,
    whatever the submit did) write a second row; commit. ``job``: database URL, schema, template
    path, org unit, the submission id to submit under (None: the form's own fresh one), this
    racer's number, the scratch table, a barrier. Returns ('ok' or the refusal's code, the form's
    submission id, the revision the submit left on the form)."""
    url, schema, path, org, sid, who, scratch, barrier = job
    con = _connect(url, schema)
    try:
        tpl = formkit.load(path)
        form = wf.fill(tpl, con, org, PERIOD)
        form.set("received", 7)  # every racer types the same content: only the ids differ
        form.set("members", [{"_key": r["_key"], "note": "same"} for r in form.tables["members"]])
        if sid is not None:
            form.submission = sid  # an idempotent id the caller chose (a retried request's)
        barrier.wait(timeout=60)
        with con.transaction():
            con.execute(f"INSERT INTO {scratch} (who, step) VALUES ({who}, 'before')")
            try:
                wf.submit(tpl, con, form, user=f"user{who}")
                outcome = "ok"
            except TemplateError as exc:
                outcome = exc.codes()[0]
            con.execute(f"INSERT INTO {scratch} (who, step) VALUES ({who}, 'after')")
        return outcome, form.submission, form.revision
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


@pytest.fixture(scope="module")
def mariadb() -> Any:
    url = os.environ.get("FORMKIT_TEST_MYSQL")
    if not url:
        pytest.skip("set FORMKIT_TEST_MYSQL to run the concurrency tests on MariaDB")
    database = f"formkit_conc_{os.getpid()}"
    admin = connect(url)
    admin.execute(f"CREATE DATABASE `{database}` CHARACTER SET utf8mb4")
    parts = urlsplit(url)
    url = urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, ""))
    con = connect(url)
    create_city(con)
    yield url, None, con
    con.close()
    admin.execute(f"DROP DATABASE `{database}`")
    admin.close()


@pytest.fixture(params=["postgres", "mariadb"])
def server(request: pytest.FixtureRequest) -> Any:
    """PostgreSQL, then MariaDB: (the children's URL, schema or None, the parent's connection)."""
    return request.getfixturevalue(request.param)


def _run(target: Any, jobs: list[tuple[Any, ...]]) -> list[Any]:
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


# -- racing inside the caller's own transaction ----------------------------------------------------

RACERS = 8


def _race_in_transactions(server: Any, tmp_path: Path, prefix: str, org: str,
                          sid: str | None) -> tuple[Any, str, list[tuple[str, str, int]]]:
    """RACERS children submit ``org``'s new form at the same instant, each inside a transaction
    of its own that also writes to a scratch table (created here, outside any transaction:
    DDL commits on MariaDB). Returns the template, the scratch table and the children's results."""
    url, schema, con = server
    tpl = template(tmp_path, BODY, prefix=prefix)
    wf.deploy(con, tpl)  # the tables exist before the race: only the submissions race
    scratch = f"caller_{tpl.id}"
    con.execute(f"CREATE TABLE {scratch} (who INTEGER NOT NULL, step VARCHAR(16) NOT NULL)")
    with CTX.Manager() as manager:
        barrier = manager.Barrier(RACERS)
        jobs = [(url, schema, tpl.model.file, org, sid, who, scratch, barrier) for who in range(1, RACERS + 1)]
        results = _run(_submit_in_transaction, jobs)
    return tpl, scratch, results


def _callers_writes(con: Connection, scratch: str) -> list[tuple[int, str]]:
    return sorted((int(w), str(s)) for w, s in con.query(f"SELECT who, step FROM {scratch}"))


def test_same_id_racing_inside_callers_transactions_is_stored_once(server: Any, tmp_path: Path) -> None:
    """Every racer submits the same content under the same (idempotent) submission id, inside
    its own transaction: one stores it, the others' INSERT loses on the key and each gets the
    stored submission (revision 1) as its result — and every caller's transaction, the writes
    before and after the submit included, commits."""
    _, _, con = server
    org = communities()[27]
    tpl, scratch, results = _race_in_transactions(server, tmp_path, "ci", org, "same-id-for-all")
    assert results == [("ok", "same-id-for-all", 1)] * RACERS
    lay = layout(tpl)
    assert count_rows(con, lay.table) == 1
    assert count_rows(con, lay.table, {"submission_id": "same-id-for-all", "org": org, "revision": 1}) == 1
    stored = wf.fill(tpl, con, org, PERIOD)
    assert (stored.submission, stored.revision, stored.state, stored["received"]) == ("same-id-for-all", 1,
                                                                                        "submitted", 7)
    assert count_rows(con, lay.children["members"].table) == len(stored.tables["members"]) > 0
    events = wf.audit_log(tpl, con, action="submit")
    assert len(events) == 1 and events[0]["actor"] in {f"user{w}" for w in range(1, RACERS + 1)}  # stored once
    assert _callers_writes(con, scratch) == [(w, s) for w in range(1, RACERS + 1) for s in ("after", "before")]


def test_different_ids_racing_inside_callers_transactions_one_wins(server: Any, tmp_path: Path) -> None:
    """Every racer submits a new form of the same unit and period under its own fresh id, inside
    its own transaction: exactly one is stored, every other is refused as `stale-submission`
    (never a driver's exception), and the losers' transactions stay usable: their own writes,
    before and after the refused submit, commit."""
    _, _, con = server
    org = communities()[28]
    tpl, scratch, results = _race_in_transactions(server, tmp_path, "cj", org, None)
    assert sorted(r[0] for r in results) == ["ok"] + ["stale-submission"] * (RACERS - 1)
    assert len({r[1] for r in results}) == RACERS  # each racer had an id of its own
    winner = next(r for r in results if r[0] == "ok")
    assert winner[2] == 1 and all(r[2] == 0 for r in results if r[0] != "ok")  # a refused form is left as it was
    lay = layout(tpl)
    assert count_rows(con, lay.table) == 1
    assert count_rows(con, lay.table, {"submission_id": winner[1], "org": org}) == 1
    stored = wf.fill(tpl, con, org, PERIOD)
    assert (stored.submission, stored.revision) == (winner[1], 1)
    assert count_rows(con, lay.children["members"].table) == len(stored.tables["members"])
    assert [e["submission_id"] for e in wf.audit_log(tpl, con, action="submit")] == [winner[1]]
    assert _callers_writes(con, scratch) == [(w, s) for w in range(1, RACERS + 1) for s in ("after", "before")]


def test_a_deadlock_victims_transaction_never_goes_on_outside_it(mariadb: Any) -> None:
    """InnoDB rolls a deadlock's victim back whole. The adapter must not then run the caller's
    next statements in autocommit (they would be kept while the earlier ones were lost), nor let
    the block end as if committed: every later statement and the block's end raise
    TransactionLost, and nothing of the victim's transaction is kept."""
    url, _, con = mariadb
    con.execute("CREATE TABLE dl (k INTEGER PRIMARY KEY, v INTEGER NOT NULL)")
    con.execute("INSERT INTO dl VALUES (1, 0), (2, 0)")
    both = threading.Barrier(2, timeout=60)
    outcome: dict[int, list[str]] = {1: [], 2: []}

    def worker(first: int, second: int) -> None:
        own = connect(url)
        seen = outcome[first]
        try:
            with own.transaction():
                own.execute(f"UPDATE dl SET v = v + 10 WHERE k = {first}")
                both.wait()
                try:
                    own.execute(f"UPDATE dl SET v = v + 1 WHERE k = {second}")
                except Exception as exc:
                    seen.append(f"victim {type(exc).__name__}")
                    try:  # a careless caller goes on
                        own.execute(f"INSERT INTO dl VALUES ({first + 100}, 0)")
                    except TransactionLost:
                        seen.append("refused")
            seen.append("committed")
        except TransactionLost:
            seen.append("lost at the end")
        finally:
            own.close()

    threads = [threading.Thread(target=worker, args=(1, 2)), threading.Thread(target=worker, args=(2, 1))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT)
    assert sorted(map(tuple, outcome.values())) == [  # type: ignore[arg-type]
        ("committed",), ("victim OperationalError", "refused", "lost at the end")]
    winner = next(k for k, seen in outcome.items() if seen == ["committed"])
    rows = dict(con.query("SELECT k, v FROM dl"))
    assert rows == {winner: 10, 3 - winner: 1}  # the victim's first update is gone; no row 101/102
