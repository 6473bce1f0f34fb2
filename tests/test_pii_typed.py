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


# -- typed ID and phone numbers (SPEC §9) ---------------------------------------------------------

ID_CANARY, PHONE_CANARY = "11010519491231002X", "13912345678"
ID_SHOWN, PHONE_SHOWN = "110105********002X", "139****5678"
NUMBERS = """\
fields:
  - {id: received, label: 本期入库, type: integer, required: true, min: 0}
  - {id: idno, label: 联系人身份证号, type: id_card}
  - {id: tel, label: 联系电话, type: phone}
  - {id: born, label: 出生日期, type: date, calc: id_card_birth(idno)}
  - id: visits
    label: 走访登记
    type: table
    columns:
      - {id: who, label: 姓名, type: text}
      - {id: idc, label: 身份证号, type: id_card}
"""


def _number_leaks(*texts: str) -> list[str]:
    return [t[:80] for t in texts if "19491231" in t or "91234567" in t]  # the digits the masks hide


@pytest.fixture
def numbers(tmp_path: Path) -> tuple[Template, formkit.Connection, str]:
    url = f"duckdb:///{tmp_path / 'numbers.duckdb'}"
    db = connect(url)
    create_city(db)
    tpl = template(tmp_path, NUMBERS, prefix="typednum")
    form = tpl.fill(db, org=ORG, period=PERIOD).set("received", 1).set("idno", ID_CANARY).set("tel", PHONE_CANARY)
    form.add_row("visits", {"who": "张三", "idc": ID_CANARY})
    assert form.errors == [] and form["born"] is not None
    tpl.submit(db, form, user="li")
    return tpl, db, url


def test_typed_id_and_phone_numbers_leave_masked(numbers: tuple[Template, formkit.Connection, str]) -> None:
    """Every way out: the form read back, its JSON, HTML and Excel, the send-down, the audit
    log, a calc over the number (null in the masked view: no birth date from a mask)."""
    tpl, db, _ = numbers
    form = tpl.fill(db, org=ORG, period=PERIOD)
    assert (form["idno"], form["tel"], form.tables["visits"][0]["idc"]) == (ID_SHOWN, PHONE_SHOWN, ID_SHOWN)
    assert form.errors == [] and form["born"] is None
    workbook = formkit.render_xlsx(tpl, values=form.to_json())
    with zipfile.ZipFile(io.BytesIO(workbook)) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    every = tpl.fill_all(db, org="370602001", period=PERIOD)
    assert _number_leaks(dumps(form.to_json()), formkit.render_html(form), xml, dumps([f.to_json() for f in every]),
                         dumps(tpl.audit(db))) == []


def test_a_masked_form_saved_again_keeps_the_numbers(numbers: tuple[Template, formkit.Connection, str]) -> None:
    """The masks stand for the stored numbers: a masked form submitted again (another value
    changed) stores the numbers as they were; a mask typed by hand is refused as no number."""
    tpl, db, _ = numbers
    form = tpl.fill(db, org=ORG, period=PERIOD).set("received", 2)
    tpl.submit(db, form, user="li")
    again = tpl.fill(db, org=ORG, period=PERIOD, pii=True, user="boss")
    assert (again["idno"], again["tel"], again.tables["visits"][0]["idc"]) == (ID_CANARY, PHONE_CANARY, ID_CANARY)
    assert again["received"] == 2 and again["born"] is not None
    typed = tpl.fill(db, org=ORG, period=PERIOD).set("tel", "138****0000")
    assert [i.rule for i in typed.errors] == ["type"]


def test_typed_numbers_unmasked_only_with_the_pii_role(numbers: tuple[Template, formkit.Connection, str]) -> None:
    tpl, db, _ = numbers
    clerk = Actor(user="zhao", org=ORG, roles={"filler"})
    with pytest.raises(Forbidden):
        tpl.fill(db, org=ORG, period=PERIOD, pii=True, actor=clerk)
    assert tpl.fill(db, org=ORG, period=PERIOD, actor=clerk)["idno"] == ID_SHOWN
    officer = Actor(user="qian", org="370602", roles={"reviewer", "pii"})
    assert tpl.fill(db, org=ORG, period=PERIOD, pii=True, actor=officer)["idno"] == ID_CANARY
    assert tpl.audit(db, action="read_pii")[-1]["actor"] == "qian"


def test_the_masked_json_sent_back_keeps_the_numbers(numbers: tuple[Template, formkit.Connection, str]) -> None:
    """What a page (or `formkit submit --values`) sends back is the masked JSON it was given:
    the masks in it stand for the stored numbers as well."""
    from formkit.runtime.values import apply_values

    tpl, db, _ = numbers
    shown = loads(tpl.fill(db, org=ORG, period=PERIOD).dumps())
    shown["values"]["received"] = 3
    form = apply_values(tpl.fill(db, org=ORG, period=PERIOD), shown)
    assert form.errors == [], form.errors
    tpl.submit(db, form, user="li")
    again = tpl.fill(db, org=ORG, period=PERIOD, pii=True, user="boss")
    assert (again["received"], again["idno"], again.tables["visits"][0]["idc"]) == (3, ID_CANARY, ID_CANARY)


def test_cli_and_web_mask_typed_numbers(numbers: tuple[Template, formkit.Connection, str], tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    import formkit.web

    tpl, db, url = numbers
    db.close()
    path = str(tmp_path / f"{tpl.id}.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        shown = CliRunner().invoke(app, ["fill", path, "--db", url, "--org", ORG, "--period", PERIOD, "--json"])
        table = CliRunner().invoke(app, ["fill", path, "--db", url, "--org", ORG, "--period", PERIOD])
        gc.collect()
    assert shown.exit_code == 0 and loads(shown.stdout)["values"]["idno"] == ID_SHOWN
    clerk = Actor(user="zhao", org=ORG, roles={"filler"})
    web = formkit.web.app(templates=Path(path), db=url, actor=lambda request: clerk)
    with TestClient(web, base_url="http://127.0.0.1") as client:
        form = f"/forms/{tpl.id}/{ORG}/{PERIOD}"
        body = client.get(form).json()
        page = client.get(form, headers={"accept": "text/html"}).text
        refused = client.get(form + "?pii=1")
        body["values"]["received"] = 4
        resubmitted = client.post(form + "/submit", headers={"content-type": "application/json"},
                                  content=dumps(body))
    assert body["values"]["tel"] == PHONE_SHOWN and refused.status_code == 403
    assert resubmitted.status_code == 200, resubmitted.text
    assert _number_leaks(shown.stdout, table.stdout, dumps(body), page, refused.text, resubmitted.text) == []
