"""Org codes at the boundary, on every engine: a code is exactly a code of the pool's org table
(compared binary, whatever the column's collation), and text that only looks like one — a
trailing space, NUL, a zero-width space, full-width or Arabic-Indic digits — is refused with a
located error that shows it, before anything is written (SPEC §2.1 org, §6, §7)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import formkit
from formkit.api import Template
from formkit.cli.main import app
from formkit.core.errors import TemplateError
from formkit.runtime import Connection
from formkit.runtime import workflow as wf
from formkit.runtime.due import status
from formkit.sql import org as orgs
from formkit.sql.names import layout
from submissions import communities, count_rows, create_city, insert_rows, parents, template

BODY = """\
fields:
  - {id: people, label: 人数, type: integer, value: count(rk_person), confirm: true}
  - {id: received, label: 本期入库, type: integer, required: true, min: 0}
"""
PERIOD = "2026-10"
CODE = "370601001001"
FULL_WIDTH = CODE.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
ARABIC_INDIC = CODE.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
# each alias, and what the error must show of it (escaped where it cannot be seen)
ALIASES = {
    "trailing-space": (CODE + " ", f"'{CODE} '"),
    "leading-space": (" " + CODE, f"' {CODE}'"),
    "nul": (CODE + "\x00", f"'{CODE}\\x00'"),
    "zero-width-space": (CODE + "\u200b", f"'{CODE}\\u200b'"),
    "ideographic-space": (CODE + "\u3000", f"'{CODE}\\u3000'"),
    "full-width": (FULL_WIDTH, "U+FF13 FULLWIDTH DIGIT THREE"),
    "arabic-indic": (ARABIC_INDIC, "U+0663 ARABIC-INDIC DIGIT THREE"),
}


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_city(engine)
    return engine


@pytest.fixture
def tpl(tmp_path: Path) -> Template:
    return template(tmp_path, BODY, prefix="oc")


def _stored(con: Connection, t: Template) -> int:
    from formkit.sql.registry import has_table

    # fill only reads (SPEC §9): until a write, a template has no table to count in
    return count_rows(con, layout(t).table) if has_table(con, layout(t).table) else 0


def _submitted(city: Connection, t: Template, org: str = CODE) -> None:
    form = t.fill(city, org=org, period=PERIOD)
    t.submit(city, form.set("received", 3), user="li")


def _calls(city: Connection, t: Template, alias: str) -> dict[str, Callable[[], Any]]:
    """Every workflow call that takes an org code, given ``alias``."""
    street = parents()[CODE]
    assert street is not None

    def write(state: str) -> Any:
        form = t.fill(city, org=CODE, period=PERIOD).set("received", 4)
        form.org = alias  # a form that came back from a page or a JSON file with the alias
        return (wf.save_draft if state == "draft" else wf.submit)(t, city, form, user="li")

    return {
        "fill": lambda: wf.fill(t, city, alias, PERIOD),
        "fill_all": lambda: wf.fill_all(t, city, alias, PERIOD),
        "save_draft": lambda: write("draft"),
        "submit": lambda: write("submitted"),
        "return": lambda: wf.return_(t, city, org=alias, period=PERIOD, notes={"received": "请核实"}),
        "approve": lambda: wf.approve(t, city, org=alias, period=PERIOD),
        "rollup": lambda: wf.rollup(t, city, org=alias, period=PERIOD),
        "status": lambda: status(t, city, alias, PERIOD),
        "corrections": lambda: wf.corrections(t, city, org=alias, period=PERIOD),
        "street_rollup_still_one": lambda: wf.rollup(t, city, org=street, period=PERIOD),
    }


@pytest.mark.parametrize("name", sorted(ALIASES))
def test_an_alias_of_a_code_is_refused_by_every_call(city: Connection, tpl: Template, name: str) -> None:
    """SPEC §7: a code that only looks like the unit's (the issue's five rows for one unit on
    MariaDB) is a located ``bad-org-code`` naming what cannot be seen, and writes nothing."""
    alias, visible = ALIASES[name]
    _submitted(city, tpl)
    before = _stored(city, tpl)
    calls = _calls(city, tpl, alias)
    check_street = calls.pop("street_rollup_still_one")
    for call_name, call in calls.items():
        with pytest.raises(TemplateError) as exc:
            call()
        assert exc.value.codes() == ["bad-org-code"], call_name
        issue = exc.value.issues[0]
        assert visible in issue.message and issue.hint and issue.span.line == 5, call_name  # at `level:`
    assert _stored(city, tpl) == before
    (up,) = check_street()
    assert up["coverage"]["submitted"] == 1 and up["values"]["received"] == 3


def test_the_code_is_compared_exactly_in_every_engine(engine: Connection, tmp_path: Path) -> None:
    """SPEC §3 (text is compared exactly, without pad-space or collation rules) for org codes:
    a code in another case is not the unit, even where the org column's collation says it is
    (MariaDB's default ``utf8mb4_general_ci``); the form carries the table's own code."""
    pool = tmp_path / "oc_city.pool.yaml"
    pool.write_text("formkit_pool: 1\nid: oc_city\norg: {table: oc_org, id: code, parent: parent_code, "
                    "name: name, level: level, levels: [street, community]}\ntables:\n  oc_place:\n    key: id\n"
                    "    org: community\n    columns: {id: {type: text}, community: {type: text}}\n", encoding="utf-8")
    path = tmp_path / "oc_cased.yaml"
    path.write_text("formkit: 1\nid: oc_cased\ntitle: t\npool: oc_city.pool.yaml\nlevel: community\n"
                    "period: monthly\nfields:\n  - {id: n, label: n, type: integer}\n", encoding="utf-8")
    t = formkit.load(path)
    text = "VARCHAR(20)"
    for name, cols in (("oc_org", f"code {text}, parent_code {text}, name {text}, level INTEGER"),
                       ("oc_place", f"id {text}, community {text}")):
        engine.execute(f"DROP TABLE IF EXISTS {name}")
        engine.execute(f"CREATE TABLE {name} ({cols})")
    insert_rows(engine, "oc_org", ["code", "parent_code", "name", "level"],
                [("S-A", None, "街道", 1), ("S-A-c1", "S-A", "社区", 2)])
    for wrong in ("s-a-c1", "S-A-C1", "S-A-c1 "):
        with pytest.raises(TemplateError) as exc:
            wf.fill(t, engine, wrong, PERIOD)
        assert exc.value.codes() in (["unknown-org"], ["bad-org-code"]), wrong
    assert orgs.org_unit(engine, t.pool, "S-A-c1").code == "S-A-c1"  # type: ignore[arg-type]
    form = wf.fill(t, engine, "S-A-c1", PERIOD)
    wf.submit(t, engine, form.set("n", 1))
    assert form.org == "S-A-c1" and _stored(engine, t) == 1


def test_an_unknown_code_shows_its_invisible_characters(city: Connection, tpl: Template) -> None:
    """SPEC §7: a clear error — an unknown code is written with its escapes (repr-like), so
    two codes that look the same in a terminal differ in the message."""
    with pytest.raises(TemplateError) as exc:
        wf.fill(tpl, city, "999\\x", PERIOD)
    assert exc.value.codes() == ["unknown-org"] and "'999\\\\x'" in exc.value.issues[0].message
    assert orgs.shown("a\u200b\x00'") == "'a\\u200b\\x00\\''"


def test_codes_of_a_template_without_a_pool(engine: Connection, tmp_path: Path) -> None:
    """docs/workflow.md (org codes): without a pool there is no org table to look in, so a
    code is any 1–64 visible characters — no control or invisible character, no space, digits
    0–9 only — and is stored as given."""
    path = tmp_path / "oc_free.yaml"
    path.write_text("formkit: 1\nid: oc_free\ntitle: t\nperiod: monthly\n"
                    "fields:\n  - {id: n, label: n, type: integer}\n", encoding="utf-8")
    t = formkit.load(path)
    for bad in ("A-01\x00", "A-01 ", "A\u200b01", "A-０1", "", "x" * 65):
        form = wf.fill(t, engine, "A-01", PERIOD).set("n", 1)
        form.org = bad
        with pytest.raises(TemplateError) as exc:
            wf.save_draft(t, engine, form)
        assert exc.value.codes() == ["bad-org-code"], repr(bad)
        assert exc.value.issues[0].span.line == 2  # at the template's id: it has no level
        with pytest.raises(TemplateError):
            wf.fill(t, engine, bad, PERIOD)
    assert _stored(engine, t) == 0
    wf.save_draft(t, engine, wf.fill(t, engine, "区-A01", PERIOD).set("n", 1))
    assert _stored(engine, t) == 1


def test_the_first_community_is_still_filled(city: Connection, tpl: Template) -> None:
    """The plain code works as before (SPEC §6 fill), and NFC is the only change made to a code."""
    form = tpl.fill(city, org=communities()[0], period=PERIOD)
    assert form.org == communities()[0]
    assert orgs.check_code("e\u0301", None) == "\u00e9"


def test_the_command_line_shows_the_alias_and_exits_1(tmp_path: Path) -> None:
    """SPEC §5/§7 on the command line: `formkit fill --org '… '` is a located error on stderr
    (the code shown with its escapes) and exit 1; with --json, the code and the issue."""
    url = f"duckdb:///{tmp_path / 'city.duckdb'}"
    with formkit.connect(url) as con:
        create_city(con)
    t = template(tmp_path, BODY, prefix="ocl")
    runner = CliRunner()
    result = runner.invoke(app, ["fill", t.model.file, "--db", url, "--org", CODE + "\u200b", "--period", PERIOD])
    assert result.exit_code == 1 and "bad-org-code" in result.stderr and f"'{CODE}\\u200b'" in result.stderr
    shown = runner.invoke(app, ["status", t.model.file, "--db", url, "--org", CODE + " ", "--period", PERIOD,
                                "--json"])
    assert shown.exit_code == 1 and json.loads(shown.stdout)["error"] == "bad-org-code"
