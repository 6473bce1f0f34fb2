"""Stored personal data leaves the database masked (SPEC §6 "Data scope and masking"; §2.3 rows
matched by `_key` even when masked): a submission filled with `pii=True` holds pool values,
originals and corrections unmasked, and a later masked `fill` (one unit or `--all`), its
`prev()` values and `rollup`/`status` show them masked exactly as the pool read does — the
kind's mask, the pool column's own, a template's stronger one, text derived from a pii column
(also through a form field, a calc or `prev()`), a roster's pii record key. Only `pii=True`
(`--pii`) shows them, and that read is audited with its user.

A masked form is written back without harm: what it was shown masked and left as it was stays
as stored (never replaced by its mask), a correction typed over a mask is stored as typed, and
a value computed from last period's masked value is never taken for a correction.

Python API on every engine, and the real command line on every engine (its `--db` URL names the
engine fixture's own database).
"""

from __future__ import annotations

import gc
import itertools
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from typer.testing import CliRunner

import formkit
from formkit.api import Template
from formkit.cli.main import app
from formkit.runtime import Connection
from formkit.runtime import workflow as wf
from formkit.runtime.form import dumps, loads
from formkit.runtime.store import corrections, read_submission
from test_corrections_safety import (
    BODY,
    CARDS,
    PERIOD,
    POOL,
    SECRETS,
    STREET,
    A,
    B,
    Recording,
    create_pool,
    submit_corrections,
)

NEXT = "2026-11"  # the period after PERIOD: its prev() reads what A submitted unmasked
EXTRA = """\
  - {id: head_note, label: 户主备注, type: text, calc: "head_name & '户'", rollup: {period: last}}
  - {id: last_head, label: 上期户主, type: text, value: prev(head_name)}
  - {id: last_note, label: 上期备注, type: text, value: prev(head_note)}
  - {id: last_tag, label: 上期标注, type: text, value: "prev(head_name) & '户'", confirm: true}
"""
# what A's masked form shows of what was stored unmasked (test_corrections_safety.FIXES)
SHOWN_VALUES = {"head_name": "龘***", "head_phone": "19********1", "head_note": "龘***户"}
SHOWN_CELLS = {  # (table, key, column): (value, original)
    ("roster", "CS01", "name"): ("龘*", "龘**"),
    ("roster", "CS01", "id_card"): ("370602********998X", "370602********997X"),
    ("roster", "CS01", "address"): ("示范市芝罘区向阳街道海港路社区****", "示范市芝罘区向阳街道海港路社区****"),
    ("roster", "CS01", "tag"): ("龘*****", "龘" + "*" * 14),
    ("roster", "CS01", "age"): (91, 90),
    ("roster", "CS01", "note"): ("丙", "甲"),
    ("roster", "CS02", "name"): ("欧**", "欧***"),
    ("roster", "CS02", "phone"): ("13******678", "13******678"),
    ("cards", "370602********4321", "holder"): ("司**", "司***"),
}
_ids = itertools.count(1)


def _template(folder: Path, pool: str = POOL, body: str = BODY + EXTRA) -> Template:
    (folder / "cs_city.pool.yaml").write_text(pool, encoding="utf-8")
    tid = f"ps_{next(_ids)}"
    head = f"formkit: 1\nid: {tid}\ntitle: 测试 {tid}\npool: cs_city.pool.yaml\nlevel: community\n"
    path = folder / f"{tid}.yaml"
    path.write_text(head + body, encoding="utf-8")
    return formkit.load(path)


def _leaks(*outputs: object) -> list[str]:
    text = repr(outputs)
    return [s for s in SECRETS if s in text]


def _cells(tables: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, str, str], tuple[Any, Any]]:
    """``{(table, key, column): (value, original)}`` of the corrected roster cells."""
    return {(tid, str(r["_key"]), cid): (r[cid], m.get("original"))
            for tid, rows in tables.items() for r in rows for cid, m in (r.get("_meta") or {}).items()
            if m.get("source") == "corrected"}


def _stored(con: Connection, tpl: Template, org: str = A, period: str = PERIOD) -> dict[str, Any]:
    """What is stored (unmasked), without the pool snapshot's time (a later fill's is later)."""
    got = read_submission(con, tpl, org=org, period=period, pii=True)
    assert got is not None
    meta = {fid: {k: v for k, v in m.items() if k != "as_of"} for fid, m in got["meta"].items()}
    return {"values": got["values"], "tables": got["tables"], "meta": meta}


# -- the Python API, on every engine ------------------------------------------------------------


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_pool(engine)
    return engine


@pytest.fixture
def tpl(city: Connection, tmp_path: Path) -> Template:
    """A's form filled with pii=True and corrected (B's filled masked), both submitted."""
    t = _template(tmp_path)
    submit_corrections(city, t)
    return t


def test_masked_fill_shows_stored_values_masked(city: Connection, tpl: Template) -> None:
    """SPEC §6: the stored corrections of pii-bound fields and roster cells come back masked as
    the pool read masks them (the template's stronger mask on head_phone, the pool column's own
    on phone, derived text on tag and on the calc head_note), and a roster whose key column is
    pii is matched by its masked key (§2.3) — not one stored personal value in any row the
    database sends back."""
    rec = Recording(city)
    form = wf.fill(tpl, rec, A, PERIOD)
    assert {k: form.values[k] for k in SHOWN_VALUES} == SHOWN_VALUES
    assert form.meta["head_name"]["original"] == "龘**"
    assert _cells(form.tables_with_meta) == SHOWN_CELLS
    assert _leaks(form.to_json(), rec.fetched) == []
    assert not [e for e in tpl.audit(city, action="read_pii") if e["actor"] != "auditor"]


def test_pii_fill_shows_stored_values_and_is_audited(city: Connection, tpl: Template) -> None:
    """SPEC §6: `pii=True` shows the stored values, and the read is audited with its user."""
    form = tpl.fill(city, org=A, period=PERIOD, pii=True, user="owner")
    assert (form.values["head_name"], form.values["head_phone"]) == ("龘靐齉龘", "19987654321")
    assert _cells(form.tables_with_meta)[("cards", CARDS[0][0], "holder")] == ("司马迁", "司马相如")
    reads = [(e["actor"], e["detail"]) for e in tpl.audit(city, action="read_pii")]
    assert reads[-1] == ("owner", {"what": "fill"})


def test_the_audit_log_of_a_pii_submit_holds_no_personal_value(city: Connection, tpl: Template) -> None:
    """SPEC §6, masking on every way out, logs included: the changes a ``pii=True`` submit
    records name its corrected personal values masked (as the store masks them), never as typed."""
    events = tpl.audit(city, org=A, action="submit")
    changed = events[-1]["detail"]["changed"]
    assert changed["head_name"]["to"] == "龘***"
    assert _leaks([e["detail"] for e in tpl.audit(city)]) == []


def test_masked_fill_all_shows_stored_values_masked(city: Connection, tpl: Template) -> None:
    """SPEC §6: the send-down masks the stored values of every unit (B's typed correction too)."""
    forms = {f.org: f for f in tpl.fill_all(city, org=STREET, period=PERIOD)}
    assert (forms[A].values["head_name"], forms[B].values["head_name"]) == ("龘***", "诸***")
    assert _leaks([f.to_json() for f in forms.values()]) == []


def test_masked_form_submitted_keeps_what_was_stored(city: Connection, tpl: Template) -> None:
    """SPEC §6/§7: a masked form submitted as it was shown stores nothing new (its masks are what
    is stored); changed, only what staff changed is written: the unmasked values, originals,
    corrections and pii record keys it was shown masked stay as stored, the corrections keep
    their author, and the audit row names no personal value."""
    before = _stored(city, tpl)
    form = tpl.fill(city, org=A, period=PERIOD)
    tpl.submit(city, form, user="zhao")
    assert form.revision == 1 and _stored(city, tpl) == before
    form = tpl.fill(city, org=A, period=PERIOD)
    form.correct("people", 4)
    form.correct("roster", "欧阳", row="CS02", col="name")
    form.confirm("roster", row="CS01", col="address")  # undone: back to the original, as stored
    tpl.submit(city, form, user="zhao")
    after = _stored(city, tpl)
    assert form.revision == 2 and after["values"] == before["values"] | {"people": 4}
    rows = {(tid, r["_key"]): r for tid, rs in after["tables"].items() for r in rs}
    was = {(tid, r["_key"]): r for tid, rs in before["tables"].items() for r in rs}
    assert rows[("roster", "CS02")]["name"] == "欧阳"
    assert rows[("roster", "CS01")]["address"] == "示范市芝罘区向阳街道海港路社区金丝雀路9号"
    one, was_one = rows[("roster", "CS01")], was[("roster", "CS01")]
    assert one["_meta"] == was_one["_meta"] | {"address": {"source": "confirmed"}}
    assert {k: v for k, v in one.items() if k not in ("address", "_meta")} == \
        {k: v for k, v in was_one.items() if k not in ("address", "_meta")}
    assert rows[("cards", CARDS[0][0])] == was[("cards", CARDS[0][0])]
    by = {(r["field"], r["row_key"]): r["corrected_by"] for r in corrections(city, tpl, STREET, PERIOD)}
    assert by[("head_name", A)] == by[("cards.holder", "370602********4321")] == "li"
    assert by[("people", A)] == by[("roster.name", "CS02")] == "zhao"
    mine = [e["detail"] for e in tpl.audit(city, action="submit") if e["actor"] == "zhao"]
    assert mine == [{"changed": {"people": {"from": 3, "to": 4}, "roster": {"rows_from": 2, "rows_to": 2}}}]


def test_prev_is_masked_and_pii_shows_it(city: Connection, tpl: Template) -> None:
    """SPEC §6: last period's pii-derived text (a field, a calc over one) comes back through
    `prev()` masked as that field is masked; `pii=True` shows it as stored and is audited."""
    rec = Recording(city)
    form = wf.fill(tpl, rec, A, NEXT)
    assert (form.values["last_head"], form.values["last_note"], form.values["last_tag"]) == \
        ("龘***", "龘****", "龘***户")
    assert _leaks(form.to_json(), rec.fetched) == []
    clear = tpl.fill(city, org=A, period=NEXT, pii=True, user="owner")
    assert (clear.values["last_head"], clear.values["last_note"]) == ("龘靐齉龘", "龘靐齉龘户")
    assert [e["actor"] for e in tpl.audit(city, action="read_pii")][-1] == "owner"


def test_masked_prev_is_not_taken_for_a_correction(city: Connection, tpl: Template) -> None:
    """SPEC §2.2/§6: a form shown last period's value masked, submitted, stores the value as the
    server computes it from last period as stored, with its source `prev` — the mask is neither
    stored nor reported as a correction."""
    form = tpl.fill(city, org=A, period=NEXT)
    tpl.submit(city, form, user="zhao")
    stored = _stored(city, tpl, period=NEXT)
    assert (stored["values"]["last_head"], stored["values"]["last_tag"]) == ("龘靐齉龘", "龘靐齉龘户")
    assert stored["meta"]["last_tag"]["source"] == "prev"
    assert [r["field"] for r in corrections(city, tpl, STREET, NEXT)] == []


def test_rows_staff_added_keep_their_keys(city: Connection, tmp_path: Path) -> None:
    """SPEC §2.3: a roster whose pii key is masked to less than its `new:` token still tells the
    rows staff added from the pool's: they come back (with what was typed) in a masked fill, and
    the pool row's stored key and correction stay as stored."""
    card = "card_no: {type: text, pii: id_card"
    pool = POOL.replace(card + "}", card + ", mask: {keep_end: 2}}")
    body = BODY.replace("    rows: cs_card where holder is not null\n",
                        "    rows: cs_card where holder is not null\n    add_rows: true\n")
    body += "      - {id: remark, label: 备注, type: text}\n"
    tpl = _template(tmp_path, pool, body)
    submit_corrections(city, tpl)
    form = tpl.fill(city, org=A, period=PERIOD)
    form.add_row("cards", {"remark": "新增"})
    tpl.submit(city, form, user="zhao")
    again = tpl.fill(city, org=A, period=PERIOD)
    shown = [(str(r["_key"])[:4], r["holder"], r["remark"]) for r in again.tables["cards"]]
    assert shown == [("****", "司**", None), ("new:", None, "新增")]
    stored = _stored(city, tpl)["tables"]["cards"]
    assert (stored[0]["_key"], stored[0]["holder"]) == (CARDS[0][0], "司马迁")
    assert _leaks(again.to_json()) == []


def test_corrections_mask_text_derived_through_prev(city: Connection, tpl: Template) -> None:
    """SPEC §6: a confirmable value computed from last period's pii-derived text is masked in the
    corrections report like the field it reads (its original and its correction)."""
    form = tpl.fill(city, org=A, period=NEXT, pii=True, user="auditor")
    form.correct("last_tag", "龘靐齉龘户主")
    tpl.submit(city, form, user="li")
    masked = [(r["field"], r["original"], r["correction"]) for r in corrections(city, tpl, STREET, NEXT)]
    assert masked == [("last_tag", "龘****", "龘*****")]
    clear = corrections(city, tpl, STREET, NEXT, pii=True)
    assert [(r["original"], r["correction"]) for r in clear] == [("龘靐齉龘户", "龘靐齉龘户主")]


# -- the command line, on every engine ----------------------------------------------------------

runner = CliRunner()


def cli_url(con: Connection) -> str:
    """The URL of the engine fixture's own database (its file, schema or database)."""
    if con.dialect == "duckdb":
        return "duckdb:///" + str(con.query("SELECT path FROM duckdb_databases() WHERE database_name = "
                                            "current_database()")[0][0])
    if con.dialect == "sqlite":
        return "sqlite:///" + str(next(r[2] for r in con.query("PRAGMA database_list") if r[1] == "main"))
    if con.dialect == "postgres":
        base = urlsplit(os.environ["FORMKIT_TEST_POSTGRES"])
        schema = con.query("SELECT current_schema()")[0][0]
        return urlunsplit(base._replace(query=f"options={quote(f'-csearch_path={schema}')}"))
    base = urlsplit(os.environ["FORMKIT_TEST_MYSQL"])
    return urlunsplit(base._replace(path="/" + str(con.query("SELECT DATABASE()")[0][0])))


@pytest.fixture
def cli(city: Connection, tmp_path: Path) -> Iterator[tuple[str, Path, Template]]:
    t = _template(tmp_path)
    submit_corrections(city, t)
    yield cli_url(city), tmp_path / f"{t.id}.yaml", t


def _run(*args: str) -> str:
    with warnings.catch_warnings():  # a command leaves its connection to the process's exit
        warnings.simplefilter("ignore", ResourceWarning)
        result = runner.invoke(app, list(args))
        gc.collect()
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_fill_masks_stored_values(cli: tuple[str, Path, Template]) -> None:
    """SPEC §5/§6: `formkit fill` (`--json`, the text table, `--all`) and `prev()` show the
    stored personal data masked."""
    url, path, _ = cli
    args = ("fill", str(path), "--db", url, "--period")
    data = loads(_run(*args, PERIOD, "--org", A, "--json"))
    assert {k: data["values"][k] for k in SHOWN_VALUES} == SHOWN_VALUES
    assert _cells(data["tables"]) == SHOWN_CELLS
    later = loads(_run(*args, NEXT, "--org", A, "--json"))
    assert later["values"]["last_head"] == "龘***"
    every = loads(_run(*args, PERIOD, "--org", STREET, "--all", "--json"))
    assert _leaks(data, later, every, _run(*args, PERIOD, "--org", A)) == []


def test_cli_fill_pii_unmasks_and_is_audited(cli: tuple[str, Path, Template]) -> None:
    """SPEC §6: `--pii` shows the stored values, and the read is audited with `--user`."""
    url, path, tpl = cli
    data = loads(_run("fill", str(path), "--db", url, "--org", A, "--period", PERIOD, "--json", "--pii",
                      "--user", "owner"))
    assert data["values"]["head_name"] == "龘靐齉龘"
    con = formkit.connect(url)
    try:
        reads = [(e["actor"], e["detail"]) for e in wf.audit_log(tpl, con, action="read_pii")]
    finally:
        con.close()
    assert reads[-1] == ("owner", {"what": "fill"})


def test_cli_masked_submit_keeps_what_was_stored(cli: tuple[str, Path, Template], tmp_path: Path) -> None:
    """SPEC §5/§6: `formkit submit --values` with the masked `fill --json` output, one value
    changed, writes that value and leaves every stored personal value as it was."""
    url, path, tpl = cli
    con = formkit.connect(url)
    try:
        before = _stored(con, tpl)
        data = loads(_run("fill", str(path), "--db", url, "--org", A, "--period", PERIOD, "--json"))
        data["values"]["people"] = 5
        values = tmp_path / "values.json"
        values.write_text(dumps(data), encoding="utf-8")
        _run("submit", str(path), "--db", url, "--org", A, "--period", PERIOD, "--values", str(values), "--user", "x")
        assert _stored(con, tpl) == before | {"values": before["values"] | {"people": 5}}
    finally:
        con.close()


def test_cli_rollup_and_status_show_no_stored_pii(cli: tuple[str, Path, Template]) -> None:
    """SPEC §2.4/§6: a roll-up (a text calc rolled over periods, the unit itself and its street)
    and `formkit status` carry no stored personal data."""
    url, path, _ = cli
    base = ("--db", url, "--period")
    outputs = [_run("rollup", str(path), *base, "2026Q4", "--org", A, "--json"),
               _run("rollup", str(path), *base, PERIOD, "--org", STREET, "--level", "community", "--json"),
               _run("rollup", str(path), *base, PERIOD, "--org", A),
               _run("status", str(path), *base, PERIOD, "--org", STREET, "--json")]
    assert loads(outputs[0])["values"]["head_note"] is None  # text does not roll up
    assert _leaks(outputs) == []
