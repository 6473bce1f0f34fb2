"""The web app on every engine (SPEC §9, §4's engines): the ``Idempotency-Key`` records
(``fk_web_keys``, created by formkit from a sqlglot tree) and typed ID and phone numbers masked
in SQL, through HTTP, on DuckDB, SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import formkit.web
from formkit import Actor
from formkit.runtime import Connection
from submissions import create_city, template

BODY = """\
fields:
  - {id: received, label: 本期入库, type: integer, required: true, min: 0}
  - {id: idno, label: 联系人身份证号, type: id_card}
  - {id: tel, label: 联系电话, type: phone}
"""
ORG, PERIOD = "370602001001", "2026-04"
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_city(engine)
    return engine


def test_the_web_app_on_every_engine(city: Connection, tmp_path: Path) -> None:
    tpl = template(tmp_path, BODY, prefix="web")
    who = {"li": Actor(user="li", org="370602", roles={"filler"}),
           "boss": Actor(user="boss", org="370602", roles={"reviewer", "pii"})}
    app = formkit.web.app(templates=[tpl], db=city, actor=lambda r: who.get(r.headers.get("x-user", "")))
    form = f"/forms/{tpl.id}/{ORG}/{PERIOD}"
    body = {"values": {"received": 3, "idno": "11010519491231002X", "tel": "13912345678"}}
    with TestClient(app, base_url="http://127.0.0.1") as client:
        li = {"x-user": "li", **JSON, "idempotency-key": "web-engine-key-1"}
        first = client.post(form + "/submit", headers=li, content=json.dumps(body))
        assert first.status_code == 200, first.text
        again = client.post(form + "/submit", headers=li, content=json.dumps(body))
        assert again.status_code == 200 and again.json()["revision"] == first.json()["revision"] == 1
        other = client.post(form + "/submit", headers=li, content=json.dumps({"values": {"received": 4}}))
        assert other.status_code == 409 and other.json()["code"] == "idempotency-key-reused"
        shown = client.get(form, headers={"x-user": "li"}).json()
        assert (shown["values"]["idno"], shown["values"]["tel"]) == ("110105********002X", "139****5678")
        shown["values"]["received"] = 5
        resubmit = client.post(form + "/submit", headers={"x-user": "li", **JSON}, content=json.dumps(shown))
        assert resubmit.status_code == 200 and resubmit.json()["revision"] == 2, resubmit.text
        stored = client.get(form + "?pii=1", headers={"x-user": "boss"}).json()
    assert (stored["values"]["received"], stored["values"]["idno"], stored["values"]["tel"]) == (
        5, "11010519491231002X", "13912345678")


def test_fill_creates_no_tables(city: Connection, tmp_path: Path) -> None:
    """SPEC §9: `fill` only reads — a template never deployed is filled (pre-filled, with no
    stored submission and no last period) without a table made for it; its first write deploys it."""
    from formkit.sql.names import layout
    from formkit.sql.registry import has_table

    tpl = template(tmp_path, BODY + "  - {id: last, label: 上期, type: integer, value: prev(received)}\n",
                   prefix="readonly")
    form = tpl.fill(city, org=ORG, period=PERIOD)
    assert form.revision == 0 and form["last"] is None
    assert [f.org for f in tpl.fill_all(city, org="370602001", period=PERIOD)][:1] == [ORG]
    assert not has_table(city, layout(tpl).table)
    tpl.submit(city, form.set("received", 1), user="li")
    assert has_table(city, layout(tpl).table)
    assert tpl.fill(city, org=ORG, period=PERIOD).revision == 1
