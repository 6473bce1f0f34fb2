"""`formkit return|approve|audit` (SPEC §9) on a real DuckDB file: a return with a note reopens
the form with it, an approval locks it, and the audit lists who did what with the changes."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

from typer.testing import CliRunner, Result

from formkit.cli.main import app
from formkit.runtime import connect
from formkit.runtime.form import loads
from submissions import create_city, template

BODY = """\
fields:
  - {id: received, label: 本期入库, type: integer, required: true, min: 0}
"""
ORG, PERIOD = "370602001001", "2026-01"


def _run(*args: str) -> Result:
    with warnings.catch_warnings():  # a command leaves its connection to the process's exit
        warnings.simplefilter("ignore", ResourceWarning)
        result = CliRunner().invoke(app, list(args))
        gc.collect()
    return result


def test_return_approve_audit(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'review.duckdb'}"
    db = connect(url)
    create_city(db)
    tpl = template(tmp_path, BODY, prefix="review")
    tpl.submit(db, tpl.fill(db, org=ORG, period=PERIOD).set("received", 5), user="li")
    db.close()
    path = str(tmp_path / f"{tpl.id}.yaml")
    where = ("--db", url, "--org", ORG, "--period", PERIOD)
    returned = _run("return", path, *where, "--note", "received=请核实入库数", "--user", "wang", "--json")
    assert returned.exit_code == 0, returned.output
    assert loads(returned.stdout)["state"] == "returned"
    form = loads(_run("fill", path, *where, "--json").stdout)
    assert form["state"] == "returned"
    assert [(n["field"], n["note"]) for n in form["notes"]] == [("received", "请核实入库数")]
    table = _run("fill", path, *where)
    assert "reviewer's note on received: 请核实入库数" in table.stdout
    early = _run("approve", path, *where, "--user", "wang")
    assert early.exit_code == 1 and "invalid-submission" in early.stderr
    db = connect(url)
    tpl.submit(db, tpl.fill(db, org=ORG, period=PERIOD).set("received", 6), user="li")
    db.close()
    approved = _run("approve", path, *where, "--user", "wang")
    assert approved.exit_code == 0 and "approved" in approved.stdout
    events = loads(_run("audit", path, "--db", url, "--org", ORG, "--json").stdout)
    assert [(e["action"], e["actor"]) for e in events] == [
        ("submit", "li"), ("return", "wang"), ("submit", "li"), ("approve", "wang")]
    assert events[2]["detail"]["changed"]["received"] == {"from": 5, "to": 6}
    shown = _run("audit", path, "--db", url)
    assert shown.exit_code == 0 and "received: 5 → 6" in shown.stdout and "请核实入库数" in shown.stdout


def test_a_note_that_is_not_key_equals_text_is_refused(tmp_path: Path) -> None:
    tpl = template(tmp_path, BODY, prefix="review")
    result = _run("return", str(tmp_path / f"{tpl.id}.yaml"), "--db", f"duckdb:///{tmp_path / 'x.duckdb'}",
                  "--org", ORG, "--period", PERIOD, "--note", "请核实")
    assert result.exit_code == 1 and "KEY=TEXT" in result.stderr
    assert not (tmp_path / "x.duckdb").exists()
