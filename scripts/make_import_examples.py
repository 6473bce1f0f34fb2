"""Make the importer examples (examples/imports/): three Chinese statistical report workbooks laid
out as offices keep them, an XLSForm and a DHIS2 data set, and the draft templates
`formkit import` makes of them.

    python scripts/make_import_examples.py          # rewrite examples/imports/
    python scripts/make_import_examples.py --check  # exit 1 if the templates there are out of date

The workbooks are written cell by cell here (nothing is downloaded); their document numbers and
figures are illustrative.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "formkit" / "examples" / "imports"

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _put(ws: Any, cell: str, value: object, *, bold: bool = False, box: bool = False, fmt: str | None = None) -> None:
    ws[cell] = value
    if bold:
        ws[cell].font = Font(bold=True)
    if box:
        ws[cell].border = _BOX
    if fmt:
        ws[cell].number_format = fmt
    ws[cell].alignment = Alignment(horizontal="center" if bold else "left", vertical="center", wrap_text=True)


def community_health(path: Path) -> Path:
    """A cross table: two-level merged column headers, 合计 row and 小计 column with =SUM."""
    wb = Workbook()
    ws = wb.active
    ws.title = "卫统1表"
    ws.merge_cells("A1:G1")
    _put(ws, "A1", "社区卫生服务站人员情况统计表（季报）", bold=True)
    _put(ws, "A2", "表    号：卫统1表")
    _put(ws, "E2", "制定机关：芝罘区卫生健康局")
    _put(ws, "A3", "批准文号：芝统制〔2025〕11号")
    _put(ws, "E3", "有效期至：2027年12月")
    _put(ws, "A4", "计量单位：人")
    ws.merge_cells("A5:A6")
    _put(ws, "A5", "人员类别", bold=True, box=True)
    ws.merge_cells("B5:B6")
    _put(ws, "B5", "合计", bold=True, box=True)
    ws.merge_cells("C5:D5")
    _put(ws, "C5", "按性别分", bold=True, box=True)
    _put(ws, "C6", "男", bold=True, box=True)
    _put(ws, "D6", "女", bold=True, box=True)
    ws.merge_cells("E5:G5")
    _put(ws, "E5", "按年龄分", bold=True, box=True)
    _put(ws, "E6", "35岁以下", bold=True, box=True)
    _put(ws, "F6", "35–54岁", bold=True, box=True)
    _put(ws, "G6", "55岁及以上", bold=True, box=True)
    rows = ["执业（助理）医师", "注册护士", "药师（士）", "技师（士）", "其他技术人员", "管理人员"]
    for i, label in enumerate(rows, start=7):
        _put(ws, f"A{i}", label, box=True)
        _put(ws, f"B{i}", f"=SUM(C{i}:D{i})", box=True)
        for col in "CDEFG":
            _put(ws, f"{col}{i}", None, box=True)
    total = 7 + len(rows)
    _put(ws, f"A{total}", "合计", box=True)
    for col in "BCDEFG":
        _put(ws, f"{col}{total}", f"=SUM({col}7:{col}{total - 1})", box=True)
    _put(ws, f"A{total + 1}", "说明：人员按年末在岗人数填报，含返聘人员。")
    _put(ws, f"A{total + 2}", "单位负责人：")
    _put(ws, f"C{total + 2}", "填报人：")
    _put(ws, f"E{total + 2}", "联系电话：")
    _put(ws, f"G{total + 2}", "报出日期：")
    ws.column_dimensions["A"].width = 20
    wb.save(path)
    return path


def collective_economy(path: Path) -> Path:
    """Label/value pairs with 计量单位 and 代码 columns, a codes row, formulas, units in labels, one
    formula that reads another workbook and one that uses a function the language lacks."""
    wb = Workbook()
    ws = wb.active
    ws.title = "农经1表"
    ws.merge_cells("A1:D1")
    _put(ws, "A1", "村集体经济组织收支情况表（年报）", bold=True)
    _put(ws, "A2", "表  号：农经统1表　　制定机关：芝罘区农业农村局")
    _put(ws, "A3", "批准文号：芝统制〔2024〕8号　　有效期至：2026-12-31")
    for col, text in zip("ABCD", ["指标名称", "计量单位", "代码", "本年数"], strict=True):
        _put(ws, f"{col}4", text, bold=True, box=True)
    for col, text in zip("ABCD", ["甲", "乙", "丙", "1"], strict=True):
        _put(ws, f"{col}5", text, box=True)
    items = [
        ("一、经营收入", "万元", None),
        ("二、发包及上交收入", "万元", None),
        ("三、投资收益", "万元", None),
        ("四、补助收入", "万元", None),
        ("五、其他收入", "万元", None),
        ("本年收入合计", "万元", "=SUM(D6:D10)"),
        ("经营支出", "万元", None),
        ("管理费用", "万元", None),
        ("本年支出合计", "万元", "=D12+D13"),
        ("本年收益", "万元", "=D11-D14"),
        ("收益率（%）", "%", "=IF(D11>0,ROUND(D15/D11*100,2),0)"),
        ("上年收益", "万元", "='[上年报表.xlsx]农经1表'!D15"),
        ("收益增长额", "万元", "=D15-D17"),
        ("户均收益", "万元", "=AVERAGE(D15:D15)"),
        ("集体经济组织成员数（人）", "人", None),
    ]
    for i, (label, unit, formula) in enumerate(items, start=6):
        _put(ws, f"A{i}", label, box=True)
        _put(ws, f"B{i}", unit, box=True)
        _put(ws, f"C{i}", str(i - 5), box=True)
        _put(ws, f"D{i}", formula, box=True, fmt="0" if unit == "人" else "0.00")
    end = 6 + len(items)
    _put(ws, f"A{end}", "单位负责人：　　　　统计负责人：　　　　填表人：　　　　报出日期：")
    ws.column_dimensions["A"].width = 28
    wb.save(path)
    return path


def assistance_roster(path: Path) -> Path:
    """A roster (花名册): 序号 then the columns of one person a row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.merge_cells("A1:G1")
    _put(ws, "A1", "城乡低保对象花名册（月报）", bold=True)
    _put(ws, "A2", "填报单位：")
    _put(ws, "E2", "单位：元")
    heads = ["序号", "户主姓名", "身份证号", "联系电话", "家庭人口数", "月保障金额（元）", "备注"]
    for col, text in zip("ABCDEFG", heads, strict=True):
        _put(ws, f"{col}3", text, bold=True, box=True)
    _put(ws, "A4", 1, box=True)
    _put(ws, "B4", "张某某", box=True)
    _put(ws, "A5", 2, box=True)
    _put(ws, "B5", "李某某", box=True)
    _put(ws, "A7", "填报人：")
    _put(ws, "D7", "报出日期：")
    wb.save(path)
    return path


def visit_xlsform(path: Path) -> Path:
    """An XLSForm (ODK/Kobo): groups, a repeat, choices, constraints, relevance, calculations,
    labels in two languages and a choice filter."""
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    head = ["type", "name", "label::Chinese (zh)", "label::English (en)", "hint::Chinese (zh)", "required",
            "constraint", "constraint_message::Chinese (zh)", "relevant", "calculation", "choice_filter"]
    rows = [
        ["begin group", "household", "家庭基本情况", "Household", None, None, None, None, None, None, None],
        ["text", "head_name", "户主姓名", "Head of household", None, "yes", None, None, None, None, None],
        ["select_one district", "district", "所在街道", "Street", None, "yes", None, None, None, None, None],
        ["select_one community", "community", "所在社区", "Community", None, None, None, None, None, None,
         "district=${district}"],
        ["integer", "members", "家庭人口数", "Household size", "含户主本人", "yes", ". >= 1 and . <= 20",
         "家庭人口数应在1到20之间", None, None, None],
        ["decimal", "income", "家庭年收入（元）", "Yearly income", None, "yes", ". >= 0", None, None, None, None],
        ["calculate", "income_per_head", None, None, None, None, None, None, None,
         "round(${income} div ${members}, 2)", None],
        ["select_multiple needs", "needs", "主要需求", "Needs", None, None, None, None, None, None, None],
        ["text", "needs_other", "其他需求", "Other needs", None, None, None, None, "selected(${needs}, 'other')",
         None, None],
        ["end group", None, None, None, None, None, None, None, None, None, None],
        ["begin repeat", "person", "家庭成员", "Members", None, None, None, None, None, None, None],
        ["text", "person_name", "姓名", "Name", None, "yes", None, None, None, None, None],
        ["integer", "age", "年龄", "Age", None, None, ". >= 0 and . <= 120", None, None, None, None],
        ["decimal", "subsidy", "享受补贴（元）", "Subsidy", None, None, ". >= 0", None, None, None, None],
        ["end repeat", None, None, None, None, None, None, None, None, None, None],
        ["calculate", "subsidy_total", None, None, None, None, None, None, None, "sum(${subsidy})", None],
        ["calculate", "people_listed", None, None, None, None, None, None, None, "count(${person})", None],
        ["integer", "visits", "本年走访次数", "Visits this year", None, None, "${visits} <= ${members} * 12",
         "走访次数偏多", "${members} > 0", None, None],
        ["calculate", "visits_odd", None, None, None, None, None, None, None, "${visits} mod 2", None],
        ["calculate", "needs_count", None, None, None, None, None, None, None, "count-selected(${needs})", None],
        ["date", "visit_date", "走访日期", "Visit date", None, "yes", ". <= today()", None, None, None, None],
        ["note", "thanks", "感谢配合", "Thank you", None, None, None, None, None, None, None],
    ]
    for r in [head, *rows]:
        survey.append(r)
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label::Chinese (zh)", "label::English (en)", "district"])
    for r in [["district", "zhifu", "芝罘区", "Zhifu", None], ["district", "laishan", "莱山区", "Laishan", None],
              ["community", "c01", "幸福社区", "Xingfu", "zhifu"],
              ["community", "c02", "观海社区", "Guanhai", "laishan"],
              ["needs", "medical", "医疗", "Medical", None], ["needs", "care", "照料", "Care", None],
              ["needs", "other", "其他", "Other", None]]:
        choices.append(r)
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append(["困难家庭入户走访表", "hardship_visit", "3"])
    wb.save(path)
    return path


def _uid(n: int, prefix: str) -> str:
    return (prefix + "0" * 11)[: 11 - len(str(n))] + str(n)


def immunization_dhis2(path: Path) -> Path:
    """A DHIS2 data set's metadata: data elements by sex × age, two plain ones, validation rules
    (one that translates, one with an operator formkit lacks) and a predictor."""
    sex = [("Male", "男", "CoMale00001"), ("Female", "女", "CoFemale001")]
    age = [("Under1", "1岁以下", "CoUnder1001"), ("Over1", "1岁及以上", "CoOver10001")]
    cocs = []
    for s_code, s_name, s_id in sex:
        for a_code, a_name, a_id in age:
            cocs.append({"id": f"Coc{s_code[:1]}{a_code[:3]}".ljust(11, "x")[:11], "code": f"{s_code}_{a_code}",
                         "name": f"{s_name}，{a_name}", "categoryOptions": [{"id": s_id}, {"id": a_id}],
                         "categoryCombo": {"id": "CcSexAge001"}})
    des = [
        {"id": "DeBcg000001", "code": "BCG", "name": "卡介苗接种人次", "valueType": "INTEGER_ZERO_OR_POSITIVE",
         "categoryCombo": {"id": "CcSexAge001"}},
        {"id": "DeHepB00001", "code": "HepB", "name": "乙肝疫苗接种人次", "valueType": "INTEGER_ZERO_OR_POSITIVE",
         "categoryCombo": {"id": "CcSexAge001"}},
        {"id": "DeBirths001", "code": "LiveBirths", "name": "活产数", "valueType": "INTEGER_ZERO_OR_POSITIVE",
         "categoryCombo": {"id": "CcDefault01"}},
        {"id": "DeStock0001", "code": "VaccineStock", "name": "疫苗库存（剂）", "valueType": "NUMBER",
         "categoryCombo": {"id": "CcDefault01"}},
        {"id": "DeRemark001", "code": "Remark", "name": "备注", "valueType": "LONG_TEXT",
         "categoryCombo": {"id": "CcDefault01"}},
        {"id": "DeFile00001", "code": "Scan", "name": "报表扫描件", "valueType": "FILE_RESOURCE",
         "categoryCombo": {"id": "CcDefault01"}},
    ]
    meta = {
        "dataSets": [{"id": "DsImmun0001", "code": "IMMUNIZATION_MONTHLY", "name": "免疫规划接种情况月报",
                      "periodType": "Monthly",
                      "dataSetElements": [{"dataElement": {"id": d["id"]}} for d in des]}],
        "sections": [
            {"id": "SeDoses0001", "name": "接种人次", "sortOrder": 1, "dataSet": {"id": "DsImmun0001"},
             "dataElements": [{"id": "DeBcg000001"}, {"id": "DeHepB00001"}]},
            {"id": "SeOther0001", "name": "其他", "sortOrder": 2, "dataSet": {"id": "DsImmun0001"},
             "dataElements": [{"id": "DeBirths001"}, {"id": "DeStock0001"}, {"id": "DeRemark001"},
                              {"id": "DeFile00001"}]},
        ],
        "dataElements": des,
        "categoryCombos": [
            {"id": "CcSexAge001", "code": "SexAge", "name": "性别与年龄",
             "categories": [{"id": "CaSex000001"}, {"id": "CaAge000001"}],
             "categoryOptionCombos": [{"id": c["id"]} for c in cocs]},
            {"id": "CcDefault01", "name": "default", "categoryOptionCombos": [{"id": "CocDefault1"}]},
        ],
        "categoryOptionCombos": [*cocs, {"id": "CocDefault1", "name": "default"}],
        "validationRules": [
            {"id": "VrBcgBirth1", "code": "BCG_LE_BIRTHS", "name": "卡介苗1岁以下接种不多于活产数",
             "instruction": "1岁以下卡介苗接种人次不应多于活产数",
             "leftSide": {"expression": f"#{{DeBcg000001.{cocs[0]['id']}}} + #{{DeBcg000001.{cocs[2]['id']}}}"},
             "operator": "less_than_or_equal_to", "rightSide": {"expression": "#{DeBirths001}"},
             "importance": "MEDIUM"},
            {"id": "VrHepBTot01", "code": "HEPB_TOTAL", "name": "乙肝疫苗接种总数不为负",
             "leftSide": {"expression": "#{DeHepB00001}"}, "operator": "greater_than_or_equal_to",
             "rightSide": {"expression": "0"}, "importance": "LOW"},
            {"id": "VrPair00001", "code": "STOCK_PAIR", "name": "库存与接种成对填报",
             "leftSide": {"expression": "#{DeStock0001}"}, "operator": "compulsory_pair",
             "rightSide": {"expression": "#{DeBcg000001}"}, "importance": "MEDIUM"},
        ],
        "predictors": [{"id": "PrStock0001", "name": "预计下月疫苗需求", "output": {"id": "DeStock0001"},
                        "generator": {"expression": "avg(#{DeBcg000001})"}}],
    }
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


SOURCES = {
    "community_health_staff.xlsx": community_health,
    "collective_economy.xlsx": collective_economy,
    "assistance_roster.xlsx": assistance_roster,
    "hardship_visit.xlsform.xlsx": visit_xlsform,
    "immunization_monthly.dhis2.json": immunization_dhis2,
}


def template_name(source: str) -> str:
    return source.split(".", 1)[0] + ".yaml"


def make(folder: Path) -> dict[str, str]:
    """Write every source into ``folder``; return {template file name: the draft's text}."""
    from formkit.imports import import_report  # noqa: PLC0415 - after sys.path is set

    out = {}
    for name, build in SOURCES.items():
        result = import_report(build(folder / name))
        text = result.file_text(OUT / template_name(name))  # the shipped file's modeline, wherever made
        assert text is not None, result.report()
        out[template_name(name)] = text
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    if "--check" in sys.argv:
        import tempfile  # noqa: PLC0415

        with tempfile.TemporaryDirectory() as tmp:
            made = make(Path(tmp))
        stale = [n for n, text in made.items() if not (OUT / n).is_file() or (OUT / n).read_text("utf-8") != text]
        if stale:
            sys.stderr.write(f"out of date in {OUT}: {', '.join(stale)}; run python scripts/make_import_examples.py\n")
            return 1
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in make(OUT).items():
        (OUT / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
