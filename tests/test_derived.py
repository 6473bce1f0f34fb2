"""Derived reports (SPEC §8.4) on every engine: a template computed from another template's
submissions — checked against the source, filled in one statement per unit and one for every
unit, read again after the source is returned and resubmitted, across the source's deployed
versions, rolled up with the source's coverage, equal to the Python reference."""

from __future__ import annotations

import io
import itertools
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import formkit
from formkit.api import Template
from formkit.core.errors import TemplateError
from formkit.evaluation.derived import derive
from formkit.render import form_spec, render_html, render_xlsx
from formkit.runtime import Connection
from formkit.runtime.form import Form
from formkit.sql import derived_reads as dreads
from formkit.sql.reading import read_submission
from submissions import CITY, DISTRICTS, Counting, communities, create_city, template

PERIOD = "2026-10"
SOURCE = """\
fields:
  - {id: people, label: 人数, type: integer, value: count(rk_person)}
  - {id: received, label: 本期入库, type: integer, required: true, min: 0}
  - {id: rate, label: 比率, type: decimal, precision: 2}
  - {id: note, label: 备注, type: text, mask: {keep_start: 1, keep_end: 0}}
  - {id: when, label: 日期, type: date}
  - id: visits
    label: 走访
    type: table
    columns:
      - {id: who, label: 对象, type: text}
      - {id: amount, label: 金额, type: decimal, precision: 2}
      - {id: ok, label: 合格, type: boolean}
  - id: g
    type: grid
    label: 表
    rows:
      - {id: a, label: A}
      - {id: b, label: B}
      - {id: t, label: 合计, calc: sum(col)}
    columns:
      - {id: x, label: X}
      - {id: y, label: Y}
"""
DERIVED = """\
formkit: 1
id: {id}
title: 派生报表
owner: district.x
basis: 文件
from: {{src: {source}.yaml}}
level: community
period: monthly
fields:
  - {{id: people, label: 人数, type: integer, value: src.people}}
  - {{id: received, label: 入库, type: integer, value: src.received}}
  - {{id: twice, label: 两倍, type: integer, calc: "coalesce(received, 0) * 2"}}
  - {{id: rate, label: 比率, type: decimal, precision: 1, value: src.rate}}
  - {{id: note, label: 备注, type: text, value: src.note}}
  - {{id: when, label: 日期, type: date, value: src.when}}
  - {{id: n, label: 次数, type: integer, value: count(src.visits)}}
  - {{id: n_ok, label: 合格次数, type: integer, value: count(src.visits where ok)}}
  - {{id: big, label: 大额, type: decimal, precision: 2, value: "sum(src.visits.amount where amount > 10)"}}
  - {{id: top, label: 最大, type: decimal, precision: 2, value: max(src.visits.amount)}}
  - {{id: mean, label: 平均, type: decimal, precision: 2, value: avg(src.visits.amount)}}
  - {{id: gx, label: 合计X, type: integer, value: src.g.t.x}}
  - {{id: share, label: 占比, type: decimal, precision: 2, calc: "if(gx = 0, null, n / gx)"}}
  - id: big_visits
    type: table
    label: 大额走访
    rows: src.visits where amount > 10
    columns:
      - {{id: who, label: 对象, value: src.visits.who}}
      - {{id: amount, label: 金额, value: src.visits.amount}}
      - {{id: double, label: 双倍, type: decimal, precision: 2, calc: amount * 2}}
  - {{id: big_n, label: 大额次数, type: integer, calc: count(big_visits)}}
  - {{id: big_double, label: 大额双倍, type: decimal, precision: 2, calc: "sum(big_visits.double where amount < 100)"}}
rules:
  - {{id: some, check: "coalesce(n, 0) >= 0", message: 次数不能为负, fields: [n]}}
"""
_ids = itertools.count(1)


def _derived(folder: Path, source: Template, body: str = DERIVED) -> Template:
    tid = f"dv_{next(_ids)}"
    path = folder / f"{tid}.yaml"
    path.write_text(body.format(id=tid, source=source.id), encoding="utf-8")
    return formkit.load(path)


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_city(engine)
    return engine


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Template, Template]:
    src = template(tmp_path, SOURCE, prefix="dsrc")
    return src, _derived(tmp_path, src)


def _fill_source(con: Connection, src: Template, org: str, rng: random.Random, *, period: str = PERIOD) -> Form:
    form = src.fill(con, org=org, period=period)
    form.set("received", rng.randint(0, 50)).set("rate", str(Decimal(rng.randint(0, 999)) / 100))
    form.set("note", rng.choice([None, "张三家", "abc"])).set("when", rng.choice([None, "2026-10-03"]))
    visits = [{"who": rng.choice(["li", "wang", None]), "amount": str(Decimal(rng.randint(0, 3000)) / 100),
               "ok": rng.choice([True, False, None])} for _ in range(rng.randint(0, 5))]
    form.set("visits", visits)
    form.set("g.a.x", rng.randint(0, 9)).set("g.b.x", rng.randint(0, 9)).set("g.a.y", rng.randint(0, 9))
    return src.submit(con, form)


def _reference(der: Template, src: Template, con: Connection, org: str, *, period: str = PERIOD,
               pii: bool = False) -> Form:
    """The derived form as the Python reference computes it from the stored source submission."""
    stored = read_submission(con, src, org=org, period=period, pii=pii)
    values, rows = derive(der, stored, period)
    return Form.build(der, org=org, period=period, prefilled=values, pool_rows=rows, prev={})


# -- checking ----------------------------------------------------------------------------------


def _codes(tmp_path: Path, src: Template, body: str) -> list[tuple[str, int, int]]:
    with pytest.raises(TemplateError) as exc:
        _derived(tmp_path, src, body)
    return [(i.code, i.span.line, i.span.column) for i in exc.value.issues]


@pytest.mark.parametrize(("field", "code"), [
    ("{id: a, label: 甲, type: integer, value: src.nope}", "unknown-name"),
    ("{id: a, label: 甲, type: integer, value: src.g.z.x}", "unknown-name"),
    ("{id: a, label: 甲, type: integer, value: count(src.nope)}", "unknown-name"),
    ("{id: a, label: 甲, type: integer, value: sum(src.visits.nope)}", "unknown-name"),
    ("{id: a, label: 甲, type: integer, value: 'count(src.visits where nope > 1)'}", "unknown-name"),
    ("{id: a, label: 甲, type: integer, value: src.visits}", "column-outside-aggregate"),
    ("{id: a, label: 甲, type: integer, value: src.note}", "type-mismatch"),
    ("{id: a, label: 甲, type: integer, value: sum(src.visits.who)}", "type-mismatch"),
    ("{id: a, label: 甲, type: integer, value: count(src.received)}", "not-a-table"),
    ("{id: a, label: 甲, type: integer, value: count(rk_person)}", "derived-only"),
    ("{id: a, label: 甲, type: integer}", "derived-only"),
    ("{id: a, label: 甲, type: integer, calc: src.received}", "pool-outside-value"),
])
def test_bad_reads_are_located(tmp_path: Path, field: str, code: str) -> None:
    src = template(tmp_path, SOURCE, prefix="dsrc")
    body = ("formkit: 1\nid: {id}\ntitle: 坏\nfrom: {{src: {source}.yaml}}\nlevel: community\nperiod: monthly\n"
            "fields:\n  - " + field.replace("{", "{{").replace("}", "}}") + "\n")
    found = _codes(tmp_path, src, body)
    assert [c for c, _, _ in found] == [code], found
    assert found[0][1] == 8  # on the field's line


def test_a_cycle_through_two_files_is_printed(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    head = "formkit: 1\nid: {}\ntitle: 环\nfrom: {{x: {}}}\nlevel: community\nperiod: monthly\n"
    a.write_text(head.format("a", "b.yaml") + "fields:\n  - {id: v, label: 甲, type: integer, value: x.v}\n")
    b.write_text(head.format("b", "a.yaml") + "fields:\n  - {id: v, label: 甲, type: integer, value: x.v}\n")
    with pytest.raises(TemplateError) as exc:
        formkit.load(a)
    [issue] = exc.value.issues
    assert issue.code == "derived-cycle"
    assert "a.yaml → b.yaml → a.yaml" in issue.message
    assert issue.span.file.endswith("b.yaml") and issue.span.line == 4


def test_mismatched_level_and_a_typed_roster_are_refused(tmp_path: Path) -> None:
    src = template(tmp_path, SOURCE, prefix="dsrc")
    body = ("formkit: 1\nid: {id}\ntitle: 坏\nfrom: {{src: {source}.yaml}}\nlevel: street\nperiod: monthly\n"
            "fields:\n  - {{id: t, label: 表, type: table, columns: [{{id: c, label: 列, type: integer}}]}}\n")
    codes = sorted(c for c, _, _ in _codes(tmp_path, src, body))
    assert codes == ["derived-mismatch", "derived-only", "derived-only"]


# -- filling -----------------------------------------------------------------------------------


def test_fill_reads_the_source_and_equals_the_reference(city: Connection, pair: tuple[Template, Template]) -> None:
    src, der = pair
    rng = random.Random(7)
    units = communities()[:6]
    for org in units[:5]:
        _fill_source(city, src, org, rng)
    for org in units:
        got = der.fill(city, org=org, period=PERIOD)
        want = _reference(der, src, city, org)
        assert got.values == want.values, org
        assert got.tables == want.tables, org
    empty = der.fill(city, org=units[5], period=PERIOD)
    assert empty.values["people"] is None and empty.values["n"] is None and empty.tables["big_visits"] == []
    assert empty.meta["people"] == {"source": "derived", "from": None}


def test_meta_names_the_source_submission_and_follows_a_resubmit(city: Connection,
                                                                  pair: tuple[Template, Template]) -> None:
    src, der = pair
    org = communities()[7]
    form = _fill_source(city, src, org, random.Random(3))
    got = der.fill(city, org=org, period=PERIOD)
    assert got.meta["received"] == {"source": "derived", "from": src.id, "submission": form.submission,
                                    "revision": 1}
    assert got.meta["twice"] == {"source": "calc"}
    assert got.state == "submitted" and got.org_name  # the unit's name, as on any form
    src.return_(city, org=org, period=PERIOD, notes={"received": "请核实"})
    assert der.fill(city, org=org, period=PERIOD).values["received"] is None  # returned: not readable
    again = src.fill(city, org=org, period=PERIOD).set("received", 41)
    src.submit(city, again)
    after = der.fill(city, org=org, period=PERIOD)
    assert after.values["received"] == 41 and after.values["twice"] == 82
    assert after.meta["received"]["revision"] == 3


def test_a_derived_report_is_never_saved(city: Connection, pair: tuple[Template, Template]) -> None:
    src, der = pair
    org = communities()[8]
    _fill_source(city, src, org, random.Random(4))
    form = der.fill(city, org=org, period=PERIOD)
    for write in (der.submit, der.save_draft):
        with pytest.raises(TemplateError) as exc:
            write(city, form)
        assert exc.value.issues[0].code == "derived-read-only"
    with pytest.raises(ValueError, match="cannot be typed"):
        form.set("received", 3)  # read-only, like a pool value


def test_personal_data_leaves_masked_as_the_source_masks_it(city: Connection, pair: tuple[Template, Template]) -> None:
    src, der = pair
    org = communities()[9]
    form = src.fill(city, org=org, period=PERIOD).set("received", 1).set("note", "张三家")
    src.submit(city, form)
    assert der.fill(city, org=org, period=PERIOD).values["note"] == "张**"
    assert der.fill(city, org=org, period=PERIOD, pii=True).values["note"] == "张三家"


def test_send_down_is_one_statement_per_query_whatever_the_units(city: Connection,
                                                                  pair: tuple[Template, Template]) -> None:
    src, der = pair
    rng = random.Random(11)
    for org in communities()[10:16]:
        _fill_source(city, src, org, rng)
    counts = []
    for org in (DISTRICTS[0], CITY):
        counting = Counting(city)
        forms = der.fill_all(counting, org=org, period=PERIOD)
        counts.append(len(counting.statements))
        for f in forms:
            want = _reference(der, src, city, f.org)
            assert (f.values, f.tables) == (want.values, want.tables), f.org
    assert len(der.fill_all(city, org=CITY, period=PERIOD)) == len(communities())
    assert counts[0] == counts[1]
    counting = Counting(city)
    der.fill(counting, org=communities()[10], period=PERIOD)
    one = len(counting.statements)
    assert one == counts[0] + 1  # the same reads (values, the roster, the registry), and the unit's name


def test_the_source_deployed_twice_is_read_under_both_versions(city: Connection, tmp_path: Path) -> None:
    src = template(tmp_path, SOURCE, prefix="dsrc")
    rng = random.Random(5)
    first, second = communities()[20], communities()[21]
    _fill_source(city, src, first, rng)
    text = src.model.file
    body = Path(text).read_text(encoding="utf-8").replace("title:", "version: 2\ntitle:", 1)
    body = body.replace("  - {id: rate, label: 比率, type: decimal, precision: 2}\n", "")
    Path(text).write_text(body, encoding="utf-8")
    v2 = formkit.load(text)
    form = v2.fill(city, org=second, period=PERIOD).set("received", 9)
    v2.submit(city, form)
    der = _derived(tmp_path, v2, DERIVED.replace("  - {{id: rate, label: 比率, type: decimal, precision: 1, "
                                                 "value: src.rate}}\n", ""))
    old = der.fill(city, org=first, period=PERIOD)
    assert old.values["received"] == _reference(der, src, city, first).values["received"] is not None
    assert der.fill(city, org=second, period=PERIOD).values["received"] == 9


def test_rollup_and_status_use_the_source_coverage(city: Connection, pair: tuple[Template, Template]) -> None:
    src, der = pair
    rng = random.Random(13)
    done = communities()[22:27]
    for org in done:
        _fill_source(city, src, org, rng)
    street = done[0][:9]
    [row] = der.rollup(city, org=street, period=PERIOD)
    refs = [_reference(der, src, city, org) for org in communities() if org.startswith(street)]
    for key in ("received", "n", "n_ok", "big", "twice", "big_n", "big_double"):
        total = sum((r.values[key] or 0) for r in refs)
        assert Decimal(row["values"][key] or 0) == total, key
    submitted = [org for org in communities() if org.startswith(street) and org in done]
    assert row["coverage"]["submitted"] == len(submitted)
    status = der.status(city, org=street, period=PERIOD)
    assert status.submitted == len(submitted)


def test_renderers_show_derived_values_read_only(city: Connection, pair: tuple[Template, Template]) -> None:
    src, der = pair
    org = communities()[28]
    _fill_source(city, src, org, random.Random(17))
    form = der.fill(city, org=org, period=PERIOD)
    spec: Any = form_spec(form)
    items = {i["id"]: i for i in spec["items"]}
    assert items["people"]["source"] == "derived" and items["people"]["readonly"] is True
    html = render_html(form)
    assert 'data-fk-source="derived"' in html
    assert 'data-fk-action="submit"' not in html and 'data-fk-footer="filled_by" value' not in html  # nothing to save


def test_a_derived_value_shows_as_the_source_value_it_reads() -> None:
    """`value: ledger.severe.cert` shows the ledger column's choices (from the pool) and places."""
    roster = formkit.load(formkit.examples_dir() / "severe_disability_nursing_roster.yaml")
    spec: Any = form_spec(roster)
    columns = {c["id"]: c for c in spec["items"][0]["columns"]}
    assert columns["cert"]["type"] == "choice" and {"key": "valid", "label": "有效"} in columns["cert"]["choices"]
    assert columns["subsidy"]["precision"] == 2 and columns["reason"]["choices"][0] == {"key": "new", "label": "新增"}
    sheet = load_workbook(io.BytesIO(render_xlsx(roster, values={"tables": {"paid": [
        {"_key": "p1", "name": "高**", "cert": "valid", "subsidy": "424.45", "reason": "death"}]}}))).worksheets[1]
    assert {"有效", "死亡"} <= {c.value for c in sheet[4]}  # Excel shows the labels too


def test_sql_text_names_the_derived_statements(pair: tuple[Template, Template]) -> None:
    _, der = pair
    text = der.sql("prefill")
    assert "fk_dsrc" in text and "ORDER BY" not in text
    assert der.sql("ddl") == ""
    sql_all = str(dreads.build_values_all(der, "postgres").sql(dialect="postgres"))
    assert "RECURSIVE" not in sql_all.upper()


def test_the_catalog_counts_a_derived_report_as_asking_nothing() -> None:
    """The Yongchuan move seen by the catalog: the derived reports add no burden and no item
    asked twice; their fields are the ledger's, asked there."""
    examples = formkit.examples_dir()
    files = [examples / n for n in ("disabled_persons_ledger.yaml", "poor_disabled_subsidy_comparison.yaml",
                                    "severe_disability_nursing_roster.yaml")]
    report = formkit.catalog(files)
    by_id = {t.id: t for t in report.templates}
    for tid in ("poor_disabled_subsidy_comparison", "severe_disability_nursing_roster"):
        assert by_id[tid].typed == 0 and by_id[tid].yearly_burden == 0, by_id[tid]
    assert not [i for i in report.repeated if any(p.template != "disabled_persons_ledger" for p in i.places)]


# -- a coarser derived report: the source periods inside it, rolled up by the source's rules -------

QUARTERLY = """\
formkit: 1
id: {id}
title: 季度派生
from: {{src: {source}.yaml}}
level: community
period: quarterly
fields:
  - {{id: people, label: 人数, type: integer, value: src.people}}
  - {{id: received, label: 入库, type: integer, value: src.received}}
  - {{id: rate, label: 比率, type: decimal, precision: 2, value: src.rate}}
  - {{id: n, label: 次数, type: integer, value: count(src.visits)}}
  - {{id: big, label: 大额, type: decimal, precision: 2, value: "sum(src.visits.amount where amount > 10)"}}
  - {{id: gx, label: 合计X, type: integer, value: src.g.t.x}}
  - {{id: twice, label: 两倍, type: integer, calc: "coalesce(received, 0) * 2"}}
"""
QUARTER, MONTHS = "2026Q3", ("2026-07", "2026-08", "2026-09")


def test_a_quarter_reads_its_three_months_by_the_source_rules(city: Connection, tmp_path: Path) -> None:
    src = template(tmp_path, SOURCE, prefix="dsrc")
    der = _derived(tmp_path, src, QUARTERLY)
    rng = random.Random(19)
    whole, part = communities()[2:4]
    for month in MONTHS:
        _fill_source(city, src, whole, rng, period=month)
    _fill_source(city, src, part, rng, period=MONTHS[0])
    got = der.fill(city, org=whole, period=QUARTER)
    (rolled,) = src.rollup(city, org=whole, period=QUARTER)  # the source's own rules, over the quarter
    rows = [r for m in MONTHS for r in (read_submission(city, src, org=whole, period=m) or {})["tables"]["visits"]]
    values, _ = derive(der, {"values": rolled["values"], "grids": rolled["grids"], "tables": {"visits": rows}})
    want = Form.build(der, org=whole, period=QUARTER, prefilled=values, pool_rows={}, prev={})
    assert got.values == want.values
    assert got.meta["received"] == {"source": "derived", "from": src.id, "periods": 3, "of": 3}
    assert got.state == "submitted"
    partial = der.fill(city, org=part, period=QUARTER)
    assert partial.state == "draft" and partial.meta["received"]["periods"] == 1
    [street] = der.rollup(city, org=whole[:9], period=QUARTER)
    assert street["coverage"]["submitted"] == 1  # the quarter the source submitted whole
    assert street["values"]["received"] == got.values["received"]
    forms = {f.org: f for f in der.fill_all(city, org=whole[:9], period=QUARTER)}
    assert forms[whole].values == got.values and forms[part].state == "draft"


@pytest.mark.parametrize(("period", "extra", "count"), [
    ("weekly", "", 1),
    ("quarterly", "  - {{id: p, label: 乙, type: integer, value: prev(a)}}\n", 1),
    ("quarterly", "  - {{id: t, label: 表, type: table, rows: src.visits, columns: [{{id: w, label: 对象, "
                  "value: src.visits.who}}]}}\n", 1),
])
def test_periods_a_derived_report_cannot_read(tmp_path: Path, period: str, extra: str, count: int) -> None:
    src = template(tmp_path, SOURCE, prefix="dsrc")
    body = ("formkit: 1\nid: {id}\ntitle: 坏\nfrom: {{src: {source}.yaml}}\nlevel: community\nperiod: " + period
            + "\nfields:\n  - {{id: a, label: 甲, type: integer, value: src.received}}\n" + extra)
    assert [c for c, _, _ in _codes(tmp_path, src, body)] == ["derived-mismatch"] * count


def test_a_second_source_is_refused_where_it_stands(tmp_path: Path) -> None:
    src = template(tmp_path, SOURCE, prefix="dsrc")
    other = template(tmp_path, SOURCE, prefix="dsrc")
    body = ("formkit: 1\nid: {id}\ntitle: 两个来源\nfrom: {{src: {source}.yaml, b: " + other.id + ".yaml}}\n"
            "level: community\nperiod: monthly\n"
            "fields:\n  - {{id: a, label: 甲, type: integer, value: src.received}}\n")
    [(code, line, column)] = _codes(tmp_path, src, body)
    assert (code, line) == ("derived-mismatch", 4) and column > 20


PREV = """\
formkit: 1
id: {id}
title: 环比
from: {{src: {source}.yaml}}
level: community
period: monthly
fields:
  - {{id: received, label: 入库, type: integer, value: src.received}}
  - {{id: n, label: 次数, type: integer, value: count(src.visits)}}
  - {{id: received_prev, label: 上月入库, type: integer, value: prev(received), rollup: {{period: first}}}}
  - {{id: n_prev, label: 上月次数, type: integer, value: prev(n)}}
  - {{id: change, label: 增减, type: integer, calc: "coalesce(received, 0) - coalesce(received_prev, 0)"}}
"""


def test_prev_reads_last_period_of_the_derived_report(city: Connection, tmp_path: Path) -> None:
    """prev() in a derived report: its own value as last period's source submission gives it, in
    the form (one more statement) and in the roll-up's relation (last period's source row)."""
    src = template(tmp_path, SOURCE, prefix="dsrc")
    der = _derived(tmp_path, src, PREV)
    rng = random.Random(23)
    both, first_only = communities()[11:13]  # one street
    for org in (both, first_only):
        _fill_source(city, src, org, rng, period="2026-09")
    _fill_source(city, src, both, rng, period="2026-10")
    last = der.fill(city, org=both, period="2026-09")
    got = der.fill(city, org=both, period="2026-10")
    assert got.values["received_prev"] == last.values["received"] is not None
    assert got.values["n_prev"] == last.values["n"]
    assert got.values["change"] == (got.values["received"] or 0) - (last.values["received"] or 0)
    [leaf] = der.rollup(city, org=both, period="2026-10")  # the relation's prev(), read in SQL
    assert {k: leaf["values"][k] for k in ("received_prev", "n_prev", "change")} == {
        k: got.values[k] for k in ("received_prev", "n_prev", "change")}
    sent = {f.org: f for f in der.fill_all(city, org=both[:9], period="2026-10")}
    assert sent[both].values == got.values
    assert sent[first_only].values["received_prev"] is not None and sent[first_only].values["received"] is None
