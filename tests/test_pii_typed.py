"""Personal data staff *type* (SPEC §9): a text field with ``mask:`` leaves masked on every way
out — the form read back (values, JSON, HTML, Excel), a calc over it, ``prev()``, the audit
log, `formkit fill --json` — unless the call passes ``pii`` (with an actor: one holding the
``pii`` role), and that read is audited with its user. A masked form saved again keeps the
typed text as stored, never its mask. The canary is a text no mask keeps whole."""

from __future__ import annotations

import gc
import io
import warnings
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import formkit
from formkit import Actor
from formkit.api import Template
from formkit.cli.main import app
from formkit.runtime import connect
from formkit.runtime.actor import Forbidden
from formkit.runtime.form import dumps, loads
from submissions import create_city, template

CANARY = "芝麻开门龘靐"
SHOWN = "芝*****"
BODY = """\
fields:
  - {id: received, label: 本期入库, type: integer, required: true, min: 0}
  - {id: password, label: 暗号, type: text, mask: {keep_start: 1, keep_end: 0}}
  - {id: note, label: 暗号备注, type: text, calc: "'暗号:' & password"}
  - {id: last_password, label: 上期暗号, type: text, value: prev(password)}
"""
ORG, PERIOD, NEXT = "370602001001", "2026-01", "2026-02"


def _leaks(*texts: str) -> list[str]:
    return [t[:80] for t in texts if "龘" in t or "麻开门" in t]


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Template, formkit.Connection, str]:
    url = f"duckdb:///{tmp_path / 'typed.duckdb'}"
    db = connect(url)
    create_city(db)
    tpl = template(tmp_path, BODY, prefix="typed")
    form = tpl.fill(db, org=ORG, period=PERIOD).set("received", 1).set("password", CANARY)
    tpl.submit(db, form, user="li")
    return tpl, db, url


def test_typed_personal_text_leaves_masked(stored: tuple[Template, formkit.Connection, str]) -> None:
    tpl, db, _ = stored
    form = tpl.fill(db, org=ORG, period=PERIOD)
    assert (form["password"], form["note"]) == (SHOWN, "暗号:" + SHOWN)
    later = tpl.fill(db, org=ORG, period=NEXT)
    assert later["last_password"] == SHOWN
    workbook = formkit.render_xlsx(tpl, values=form.to_json())
    with zipfile.ZipFile(io.BytesIO(workbook)) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    every = tpl.fill_all(db, org="370602001", period=PERIOD)
    audit = dumps(tpl.audit(db))
    assert _leaks(dumps(form.to_json()), formkit.render_html(form), xml, dumps(later.to_json()),
                  dumps([f.to_json() for f in every]), audit) == []


def test_a_masked_form_saved_again_keeps_the_typed_text(stored: tuple[Template, formkit.Connection, str]) -> None:
    tpl, db, _ = stored
    form = tpl.fill(db, org=ORG, period=PERIOD).set("received", 2)
    tpl.submit(db, form, user="li")
    again = tpl.fill(db, org=ORG, period=PERIOD, pii=True, user="boss")
    assert (again["password"], again["received"]) == (CANARY, 2)
    reads = tpl.audit(db, action="read_pii")
    assert [(e["actor"], e["detail"]["what"]) for e in reads] == [("boss", "fill")]


def test_unmasked_only_with_the_pii_role(stored: tuple[Template, formkit.Connection, str]) -> None:
    tpl, db, _ = stored
    clerk = Actor(user="zhao", org=ORG, roles={"filler"})
    with pytest.raises(Forbidden):
        tpl.fill(db, org=ORG, period=PERIOD, pii=True, actor=clerk)
    assert tpl.fill(db, org=ORG, period=PERIOD, actor=clerk)["password"] == SHOWN
    officer = Actor(user="qian", org="370602", roles={"reviewer", "pii"})
    assert tpl.fill(db, org=ORG, period=PERIOD, pii=True, actor=officer)["password"] == CANARY
    assert tpl.audit(db, action="read_pii")[-1]["actor"] == "qian"


def test_cli_fill_masks_typed_text(stored: tuple[Template, formkit.Connection, str], tmp_path: Path) -> None:
    tpl, db, url = stored
    db.close()
    path = str(tmp_path / f"{tpl.id}.yaml")
    with warnings.catch_warnings():  # a command leaves its connection to the process's exit
        warnings.simplefilter("ignore", ResourceWarning)
        shown = CliRunner().invoke(app, ["fill", path, "--db", url, "--org", ORG, "--period", PERIOD, "--json"])
        table = CliRunner().invoke(app, ["fill", path, "--db", url, "--org", ORG, "--period", PERIOD])
        gc.collect()
    assert shown.exit_code == 0 and table.exit_code == 0, shown.output + table.output
    assert loads(shown.stdout)["values"]["password"] == SHOWN
    assert _leaks(shown.stdout, table.stdout) == []
