"""formkit import (SPEC §12): Excel reports, XLSForms and DHIS2 data sets become draft templates
that `formkit check` accepts, with what was not carried over listed by cell, survey row or path.

Every draft is checked through the same pipeline as `formkit check`, and the CLI's output file
is checked by `formkit check` itself."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

import formkit
from formkit.imports import detect, import_dhis2, import_excel, import_report, import_xlsform
from formkit.imports.excel_formula import Untranslatable
from formkit.imports.ids import Ids, split_unit
from formkit.imports.xpath import translate

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = formkit.examples_dir() / "imports"
POOL = formkit.examples_dir() / "demo_city.pool.yaml"


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("make_import_examples", ROOT / "scripts" / "make_import_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "formkit", *args], capture_output=True, text=True, cwd=cwd,
                          check=False)


def _codes(result: formkit.ImportResult) -> list[tuple[str, str]]:
    return [(f.where, f.code) for f in result.findings]


# -- the shipped examples -----------------------------------------------------------------------
def test_the_examples_are_what_the_script_makes(tmp_path: Path) -> None:
    made = _script().make(tmp_path)
    assert sorted(made) == sorted(p.name for p in SHIPPED.glob("*.yaml"))
    for name, text in made.items():
        assert (SHIPPED / name).read_text(encoding="utf-8") == text, name
    for source in _script().SOURCES:  # the shipped sources import to the shipped templates too
        shipped = SHIPPED / _script().template_name(source)
        assert import_report(SHIPPED / source).file_text(shipped) == shipped.read_text("utf-8")


def test_every_shipped_draft_passes_formkit_check() -> None:
    out = _cli("check", *map(str, sorted(SHIPPED.glob("*.yaml"))))
    assert out.returncode == 0, out.stdout + out.stderr


# -- excel ---------------------------------------------------------------------------------------
def test_a_cross_table_becomes_a_grid_with_totals() -> None:
    r = import_excel(SHIPPED / "community_health_staff.xlsx")
    assert r.data is not None and r.template is not None
    d = r.data
    assert (d["form_no"], d["authority"], d["approval_no"], d["valid_until"], d["period"]) == (
        "卫统1表", "芝罘区卫生健康局", "芝统制〔2025〕11号", "2027-12-31", "quarterly")  # 表    号： padded, 2027年12月
    grid = d["fields"][0]
    assert grid["type"] == "grid" and grid["unit"] == "人"
    assert [r["id"] for r in grid["rows"]][-1] == "heji" and grid["rows"][-1]["calc"] == "sum(col)"
    cols = {c["id"]: c for c in grid["columns"]}
    assert list(cols) == ["heji", "nan", "nv", "c35_suiyixia", "c35_54_sui", "c55_suijiyishang"]
    assert cols["heji"]["calc"] == "row.nan + row.nv"  # =SUM(C7:D7) under a merged two-level header
    assert grid["cells"] == {"heji.heji": {"calc": "sum(col)"}}
    assert ("卫统1表!A15", "import-not-carried") in _codes(r)  # 单位负责人: formkit's footer has no place for it
    tpl = r.template
    values = {"grids": {grid["id"]: {"zhucehushi": {"nan": 2, "nv": 5}, "guanlirenyuan": {"nan": 1, "nv": 1}}}}
    assert tpl is not None and values  # the calcs run: see test_imported_calcs_compute_what_excel_does


def test_imported_calcs_compute_what_excel_does() -> None:
    r = import_excel(SHIPPED / "collective_economy.xlsx")
    assert r.data is not None
    calc = {f["id"]: f.get("calc") for f in r.data["fields"]}
    values: dict[str, Any] = {"yi_jingyingshouru": Decimal("12.5"), "er_fabaojishangjiaoshouru": Decimal("3"),
                              "san_touzishouyi": Decimal("0.75"), "si_buzhushouru": Decimal("20"),
                              "wu_qitashouru": Decimal("1.25"), "jingyingzhichu": Decimal("8"),
                              "guanlifeiyong": Decimal("4.5")}
    for fid in ("bennianshouruheji", "bennianzhichuheji", "bennianshouyi", "shouyilv"):
        values[fid] = formkit.evaluate(calc[fid], values)
    # What Excel shows for the same inputs: =SUM(D6:D10), =D12+D13, =D11-D14, =IF(D11>0,ROUND(D15/D11*100,2),0)
    assert values["bennianshouruheji"] == Decimal("37.5")
    assert values["bennianzhichuheji"] == Decimal("12.5")
    assert values["bennianshouyi"] == Decimal("25")
    assert values["shouyilv"] == Decimal("66.67")
    codes = _codes(r)
    assert ("农经1表!A5", "import-not-carried") in codes  # the 甲 乙 丙 1 codes row
    assert ("农经1表!D17", "import-formula") in codes  # ='[上年报表.xlsx]农经1表'!D15: another workbook
    assert ("农经1表!D19", "import-formula") in codes  # AVERAGE
    assert calc["shangnianshouyi"] is None and calc["hujunshouyi"] is None  # kept as typed fields
    units = {f["id"]: f.get("unit") for f in r.data["fields"]}
    assert units["shouyilv"] == "%" and units["jitijingjizuzhichengyuanshu"] == "人"


def test_a_list_like_table_becomes_a_roster_and_pool_bindings_are_proposed() -> None:
    r = import_excel(SHIPPED / "assistance_roster.xlsx", pool=POOL)
    assert r.data is not None
    table = r.data["fields"][0]
    assert table["type"] == "table"
    kinds = {c["label"]: c["type"] for c in table["columns"]}
    assert kinds == {"户主姓名": "text", "身份证号": "id_card", "联系电话": "phone", "家庭人口数": "integer",
                     "月保障金额": "decimal"}
    assert ("花名册!A4", "import-not-carried") in _codes(r)  # two rows of data are not the form
    assert any(p.startswith("huamingce.lianxidianhua (联系电话): value: person.phone") for p in r.proposals)
    assert "value:" not in (r.text or "")  # proposed, never applied


def _book(tmp_path: Path, name: str, rows: dict[str, object], *, title: str = "Sheet") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for cell, value in rows.items():
        ws[cell] = value
    path = tmp_path / name
    wb.save(path)
    return path


def test_circular_formulas_are_located_and_the_rest_is_kept(tmp_path: Path) -> None:
    path = _book(tmp_path, "loop.xlsx", {
        "A1": "循环测试表（月报）", "A2": "项目", "B2": "本月", "A3": "甲数", "B3": "=B4+1", "A4": "乙数",
        "B4": "=B3*2", "A5": "丙数", "B5": "=B6", "A6": "丁数", "B6": 5, "A7": "戊数", "B7": "=Sheet2!A1"})
    r = import_excel(path)
    assert r.template is not None, r.report()
    codes = _codes(r)
    assert ("Sheet!B3", "import-circular") in codes and ("Sheet!B4", "import-circular") in codes
    assert ("Sheet!B7", "import-formula") in codes  # another sheet
    calcs = {f["id"]: f.get("calc") for f in r.data["fields"]}  # type: ignore[index]
    assert calcs == {"jiashu": None, "yishu": None, "bingshu": "dingshu", "dingshu": None, "wushu": None}


@pytest.mark.parametrize(("name", "content", "code"), [
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "import-unreadable"),  # encrypted: an OLE file
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "import-unreadable"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "import-unreadable"),
])
def test_an_unreadable_workbook_is_a_located_message_not_a_traceback(tmp_path: Path, name: str, content: bytes,
                                                                       code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    r = import_report(path, "excel")
    assert r.template is None and [f.code for f in r.findings] == [code]
    out = _cli("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert out.returncode == 1 and "Traceback" not in out.stderr and code in out.stderr and name in out.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_sheet_without_a_table(tmp_path: Path) -> None:
    path = _book(tmp_path, "title_only.xlsx", {"A1": "只有标题的表"})
    r = import_excel(path)
    assert r.template is None and _codes(r) == [("Sheet!A1", "import-no-table")]


def test_ids_are_stable_pinyin_and_units_come_out_of_labels() -> None:
    ids = Ids("r")
    taken = [ids.take(x) for x in ("合计", "60–69岁", "女", "女", "row")]
    assert taken == ["heji", "r60_69_sui", "nv", "nv_2", "row_1"]
    assert Ids("r").take("合计") == "heji"  # the same label, the same id, every time
    assert split_unit("在岗职工人数（人）") == ("在岗职工人数", "人")
    assert split_unit("经费（单位：万元）") == ("经费", "万元")
    assert split_unit("城镇（含乡）") == ("城镇（含乡）", None)


# -- xlsform -------------------------------------------------------------------------------------
def test_an_xlsform_becomes_a_template() -> None:
    r = import_xlsform(SHIPPED / "hardship_visit.xlsform.xlsx")
    assert r.data is not None and r.template is not None
    f = {x["id"]: x for x in r.data["fields"]}
    assert r.data["version"] == 3 and r.data["title"] == "困难家庭入户走访表"
    assert (f["members"]["min"], f["members"]["max"], f["members"]["required"]) == (1, 20, True)
    assert f["income"]["min"] == 0 and f["income"]["type"] == "decimal"
    assert f["members"]["label"] == {"zh": "家庭人口数", "en": "Household size"}
    assert f["income_per_head"]["calc"] == "round(income / members, 2)"
    assert f["needs_other"]["visible"] == "has(needs, 'other')"
    assert f["person"]["type"] == "table" and [c["id"] for c in f["person"]["columns"]] == [
        "person_name", "age", "subsidy"]
    assert f["subsidy_total"]["calc"] == "sum(person.subsidy)" and f["people_listed"]["calc"] == "count(person)"
    assert r.data["rules"][0]["check"] == "visits <= members * 12"
    codes = _codes(r)
    for where, code in [("survey row 5 (choice_filter)", "import-not-carried"),
                        ("survey row 21 (calculation)", "import-xpath"),
                        ("survey row 22 (constraint)", "import-xpath"), ("survey row 23", "import-not-carried")]:
        assert (where, code) in codes


def test_an_expression_the_check_refuses_is_dropped_and_listed(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in [["type", "name", "label", "relevant"], ["text", "t", "姓名", None],
                ["integer", "n", "人数", "${t} > 5"]]:
        ws.append(row)
    path = tmp_path / "d.xlsx"
    wb.save(path)
    r = import_report(path)
    assert r.template is not None and r.data is not None
    assert "visible" not in r.data["fields"][1]
    [dropped] = [f for f in r.findings if f.code == "import-dropped"]
    assert dropped.where == "survey row 3" and "type-mismatch" in dropped.message


def test_a_group_relevant_is_joined_into_its_questions(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in [["type", "name", "label", "relevant"], ["integer", "n", "人数", None],
                ["begin group", "g", "分组", "${n} > 0"], ["integer", "m", "其中女性", "${n} > 1"],
                ["text", "why", "原因", "/data/n = 2"], ["end group", None, None, None]]:
        ws.append(row)
    path = tmp_path / "g.xlsx"
    wb.save(path)
    assert detect(path) == "xlsform"
    r = import_report(path)
    assert r.data is not None
    f = {x["id"]: x for x in r.data["fields"]}
    assert f["m"]["visible"] == "n > 0 and n > 1"
    assert f["why"]["visible"] == "n > 0"  # its own relevant (a path) does not translate: listed
    assert ("survey row 5 (relevant)", "import-xpath") in _codes(r)


@pytest.mark.parametrize(("xpath", "expected"), [
    ("${a} + ${b} div 2", "a + b / 2"),
    ("(${a} - ${b}) * -2", "(a - b) * -2"),
    ("if(${a} > 0 and ${b} != 1, 1, 0)", "if(a > 0 and b != 1, 1, 0)"),
    ("not(${a} = 1) or ${b} = 2", "not (a = 1) or b = 2"),
    ("coalesce(${a}, 0)", "coalesce(a, 0)"),
    ("round(${a} div ${b}, 2)", "round(a / b, 2)"),
    ("selected(${m}, 'x')", "has(m, 'x')"),
    ("selected(${a}, '1')", "a = '1'"),
    ("sum(${age}) + count(${kids})", "sum(kids.age) + count(kids)"),
    ("string-length(${t})", "len(t)"),
])
def test_xpath_translates(xpath: str, expected: str) -> None:
    names = {"a": ("field", "a"), "b": ("field", "b"), "t": ("field", "t"), "m": ("multi", "m"),
             "kids": ("table", "kids"), "age": ("column", "kids.age")}
    assert translate(xpath, names.get) == expected


@pytest.mark.parametrize("xpath", ["today()", "count-selected(${a})", "/data/a + 1", "${nope} + 1", "${a} +",
                                   "${age} + 1", "pulldata('x', 'y', 'z', 'w')"])
def test_xpath_that_does_not_translate_says_why(xpath: str) -> None:
    with pytest.raises(Untranslatable):
        translate(xpath, {"a": ("field", "a"), "age": ("column", "kids.age")}.get)


# XPath 1.0's own meaning (the W3C recommendation, section 4.4 and 3.5), on numbers that are exact in
# binary, where formkit's exact decimals agree; the cases where they part are listed in docs/imports.md.
_SHARED = [("${a} + ${b} * 2", 7, 3, 13), ("${a} div ${b}", 7, 2, 3.5), ("${a} mod ${b}", 7, 3, 1),
           ("${a} mod ${b}", -7, 3, -1), ("round(${a} div ${b})", 7, 2, 4), ("if(${a} > ${b}, ${a}, ${b})", 2, 9, 9),
           ("${a} - ${b} - 1", 10, 4, 5)]


@pytest.mark.parametrize(("xpath", "a", "b", "xpath_value"), _SHARED)
def test_translated_xpath_means_what_xpath_means_where_they_coincide(xpath: str, a: int, b: int,
                                                                      xpath_value: float) -> None:
    text = translate(xpath, {"a": ("field", "a"), "b": ("field", "b")}.get)
    assert formkit.evaluate(text, {"a": a, "b": b}) == Decimal(str(xpath_value))


def test_where_the_meanings_differ() -> None:
    # XPath rounds half towards positive infinity (round(-2.5) = -2) and adds binary floats;
    # formkit rounds half away from zero and adds exact decimals (docs/imports.md).
    assert formkit.evaluate(translate("round(${a})", {"a": ("field", "a")}.get), {"a": Decimal("-2.5")}) == -3
    assert formkit.evaluate(translate("${a} + ${b}", {"a": ("field", "a"), "b": ("field", "b")}.get),
                            {"a": Decimal("0.1"), "b": Decimal("0.2")}) == Decimal("0.3")


_PYXFORM = """
import json, sys
sys.modules["interegular"] = None  # bench/compile.py: pyxform's grammar and interegular do not mix
from pyxform import xls2xform
out = sys.argv[2]
xls2xform.xls2xform_convert(sys.argv[1], out)
import xml.etree.ElementTree as ET
binds = [b.attrib for b in ET.parse(out).iter("{http://www.w3.org/2002/xforms}bind") if "calculate" in b.attrib]
print(json.dumps(binds))
"""


def test_calcs_agree_with_what_pyxform_makes_of_the_same_xlsform(tmp_path: Path) -> None:
    """pyxform's XForm writes each calculation with absolute paths; read back with ${name}, each
    translates to the calc the importer wrote for the same question."""
    if importlib.util.find_spec("pyxform") is None:  # never imported here: next to interegular it takes gigabytes
        pytest.fail("pyxform is not installed: pip install -e \".[dev]\" (scripts/setup) installs it")
    source = SHIPPED / "hardship_visit.xlsform.xlsx"
    out = subprocess.run([sys.executable, "-c", _PYXFORM, str(source), str(tmp_path / "f.xml")],
                         capture_output=True, text=True, check=False)
    binds = [b for b in json.loads(out.stdout or "[]") if "/meta/" not in b["nodeset"]]
    assert out.returncode == 0 and binds, out.stderr
    r = import_xlsform(source)
    assert r.data is not None
    calcs = {f["id"]: f.get("calc") for f in r.data["fields"]}
    names = {k: ("column", f"person.{k}") if k in ("person_name", "age", "subsidy") else ("table", k)
             if k == "person" else ("multi", k) if k == "needs" else ("field", k)
             for k in [*calcs, "person_name", "age", "subsidy"]}
    compared = 0
    for b in binds:
        name = b["nodeset"].rsplit("/", 1)[1]
        if calcs.get(name) is None:
            continue  # listed as not translating (count-selected)
        text = re.sub(r"(?:/[A-Za-z_][A-Za-z0-9_]*)+/([A-Za-z_][A-Za-z0-9_]*)", r"${\1}", b["calculate"])
        assert translate(text, names.get) == calcs[name], (b["calculate"], calcs[name])
        compared += 1
    assert compared >= 4


# -- dhis2 ---------------------------------------------------------------------------------------
def test_a_dhis2_data_set_becomes_a_template() -> None:
    r = import_dhis2(SHIPPED / "immunization_monthly.dhis2.json")
    assert r.data is not None and r.template is not None
    grid = r.data["fields"][0]
    assert grid["type"] == "grid" and [x["id"] for x in grid["rows"]] == ["bcg", "hepb"]
    assert len(grid["columns"]) == 4  # sex × age
    rules = {x["id"]: x for x in r.data["rules"]}
    assert rules["bcg_le_births"]["check"] == ("jiezhongrenci.bcg.male_under1 + jiezhongrenci.bcg.female_under1 "
                                               "<= livebirths")
    assert rules["hepb_total"]["severity"] == "warning"
    assert r.data["period"] == "monthly"
    codes = _codes(r)
    assert ("validationRules[2]", "import-not-carried") in codes  # compulsory_pair
    assert ("predictors[0]", "import-not-carried") in codes


def test_a_broken_dhis2_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = import_report(bad)
    assert r.template is None and [f.code for f in r.findings] == ["import-unreadable"]
    empty = tmp_path / "empty.json"
    empty.write_text('{"dataSets": []}', encoding="utf-8")
    assert [f.code for f in import_report(empty).findings] == ["import-no-table"]
    meta = json.loads((SHIPPED / "immunization_monthly.dhis2.json").read_text("utf-8"))
    meta["validationRules"][0]["leftSide"]["expression"] = "#{NoSuchDe001} + I{abc}"
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps(meta), encoding="utf-8")
    r = import_report(odd)
    assert r.template is not None and ("validationRules[0]", "import-not-carried") in _codes(r)


# -- the command line and the catalog ------------------------------------------------------------
def test_the_cli_writes_a_draft_that_formkit_check_accepts(tmp_path: Path) -> None:
    for source in _script().SOURCES:
        out_file = tmp_path / f"{source}.yaml"
        out = _cli("import", str(SHIPPED / source), "-o", str(out_file))
        assert out.returncode == 0, out.stderr
        assert _cli("check", str(out_file)).returncode == 0
    out = _cli("import", str(SHIPPED / "collective_economy.xlsx"), "--from", "excel", "--json")
    report = json.loads(out.stderr[: out.stderr.rindex("}") + 1])
    assert out.returncode == 0 and out.stdout.startswith("# imported from collective_economy.xlsx")
    assert {"where": "农经1表!D19", "code": "import-formula"}.items() <= next(
        f for f in report["findings"] if f["where"] == "农经1表!D19").items()


def test_the_catalog_reads_excel_reports_through_the_importer(tmp_path: Path) -> None:
    for name in ("community_health_staff.xlsx", "collective_economy.xlsx"):
        (tmp_path / name).write_bytes((SHIPPED / name).read_bytes())
    (tmp_path / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    report = formkit.catalog([tmp_path])
    assert sorted(t.id for t in report.templates) == ["collective_economy", "community_health_staff"]
    assert {t.id: t.fields for t in report.templates}["collective_economy"] == 15
    assert [(Path(p.file).name, p.code) for p in report.problems] == [("locked.xlsx", "not-a-template")]
    assert "password-protected" in report.problems[0].message


def test_a_blank_cross_table_gets_its_totals_from_its_labels(tmp_path: Path) -> None:
    """No formulas at all: the 合计 row adds the rows that are not 其中 rows, each 小计 column the
    columns under its own heading."""
    wb = Workbook()
    ws = wb.active
    ws.title = "表1"
    ws["A1"] = "残疾人就业情况统计表（年报）"
    ws.merge_cells("A2:A3")
    ws["A2"] = "项目"
    ws.merge_cells("B2:D2")
    ws["B2"] = "城镇"
    ws.merge_cells("E2:G2")
    ws["E2"] = "农村"
    for col, text in zip("BCDEFG", ["男", "女", "小计", "男", "女", "小计"], strict=True):
        ws[f"{col}3"] = text
    for r, label in enumerate(["按比例就业", "其中：公益性岗位", "个体就业", "合计"], start=4):
        ws[f"A{r}"] = label
    path = tmp_path / "blank.xlsx"
    wb.save(path)
    r = import_excel(path)
    assert r.data is not None and r.template is not None, r.report()
    grid = r.data["fields"][0]
    cols = {c["id"]: c for c in grid["columns"]}
    assert [c["label"] for c in grid["columns"]] == ["城镇·男", "城镇·女", "城镇·小计", "农村·男", "农村·女",
                                                     "农村·小计"]
    assert cols["chengzhen_xiaoji"]["calc"] == "row.chengzhen_nan + row.chengzhen_nv"
    assert cols["nongcun_xiaoji"]["calc"] == "row.nongcun_nan + row.nongcun_nv"
    gid = grid["id"]  # the 其中 row is inside 按比例就业 already: the total leaves it out
    assert grid["cells"]["heji.chengzhen_nan"] == {"calc": f"{gid}.anbilijiuye.chengzhen_nan + "
                                                           f"{gid}.getijiuye.chengzhen_nan"}
    assert r.data["period"] == "yearly"
