"""The catalog's outputs (SPEC §8.2–8.3): the self-contained HTML page in real headless Chromium
(no console errors, no CSP violations, no request but the page, author text shown as text), the
workbook opened with openpyxl, and the text summary at 80 columns."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from rich.console import Console

from formkit.once.page import MATRIX_CAP, catalog_html
from formkit.once.report import (
    Admission,
    CatalogReport,
    Flag,
    Group,
    Item,
    MergeCandidate,
    Place,
    Prefillable,
    Problem,
    ReviewEntry,
    SimilarPair,
    Stats,
    TemplateEntry,
    Totals,
)
from formkit.once.summary import admission_summary, catalog_summary
from formkit.once.workbook import catalog_xlsx

SCRIPT = '<script>alert("x")</script>老人数'
FORMULA = "=1+1"
QUOTED = "\"低保\" & '特困' 人数"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _place(tpl: str, fld: str, label: str, *, line: int, owner: str, times: int, period: str = "monthly") -> Place:
    return Place(template=tpl, field=fld, label=label, file=f"catalog/{tpl}.yaml", line=line, column=5,
                 owner=owner, level="street", period=period, times_per_year=times)


def _entry(tpl: str, title: str, owner: str, counts: tuple[int, int, int], ppy: int) -> TemplateEntry:
    fields, typed, pre = counts
    return TemplateEntry(id=tpl, title=title, file=f"catalog/{tpl}.yaml", owner=owner, level="street",
                         period="monthly" if ppy == 12 else "quarterly", periods_per_year=ppy, units=1,
                         fields=fields, typed=typed, prefilled=pre, calculated=fields - typed - pre,
                         yearly_burden=typed * ppy, basis="民政部〔2023〕12号", valid_until="2027-12-31")


def report(templates: int = 5) -> CatalogReport:
    a = _place("elder_care_monthly", "elders_80", "80岁以上老人数", line=12, owner="民政局", times=12)
    b = _place("elder_subsidy", "age80_count", "八十岁以上老人数（人）", line=30, owner="民政局", times=4,
               period="quarterly")
    c = _place("disabled_elders", "count80", SCRIPT, line=18, owner="残联", times=12)
    d = _place("elder_health", "n", FORMULA, line=9, owner="卫健委", times=12)
    e = _place("hr_pension", "retirees", QUOTED, line=44, owner="人社局", times=4, period="quarterly")
    entries = [
        _entry("elder_care_monthly", "养老服务月报", "民政局", (40, 30, 8), 12),
        _entry("elder_subsidy", "高龄津贴发放情况", "民政局", (25, 15, 6), 4),
        _entry("disabled_elders", "残疾老人<b>统计</b>", "残联", (30, 20, 10), 12),
        _entry("elder_health", FORMULA, "卫健委", (20, 18, 0), 12),
        _entry("hr_pension", QUOTED, "人社局", (35, 20, 12), 4),
    ]
    names = [f"t{k:03d}" for k in range(templates)] if templates > 5 else [x.id for x in entries]
    overlap = {x: {y: (i * 7 + j * 3) % 6 for j, y in enumerate(names) if y != x} for i, x in enumerate(names)}
    return CatalogReport(
        templates=entries,
        totals=Totals(templates=5, fields=150, typed=103, prefilled=36, calculated=11, yearly_burden=1020,
                      units_from="one per template"),
        by_owner=[Group("民政局", 2, 65, 45, 14, 420), Group("残联", 1, 30, 20, 10, 240),
                  Group("卫健委", 1, 20, 18, 0, 216), Group(QUOTED, 1, 35, 20, 12, 80)],
        by_level=[Group("street", 5, 150, 103, 36, 1020)],
        by_period=[Group("monthly", 3, 90, 68, 18, 816), Group("quarterly", 2, 60, 35, 18, 204)],
        repeated=[Item(key="elder.age80", label="80岁以上老人数", type="integer", rules=["element", "label"],
                       element="elder.age80", binding="count(residents where age >= 80)", places=[a, b, c]),
                  Item(key="elder_health.n", label=FORMULA, type="integer", rules=["pool"], element=None,
                       binding=None, places=[d, e])],
        similar=[SimilarPair(a=a, b=_place("elder_subsidy", "age80b", "高龄老人数", line=31, owner="民政局", times=4),
                             score=0.83)],
        prefillable=[Prefillable(place=c, binding="count(residents where age >= 80 and disabled)",
                                 source="element elder.age80")],
        merges=[MergeCandidate(templates=["elder_care_monthly", "elder_subsidy", "disabled_elders"], level="street",
                               period="monthly", fields_before=95, fields_after=52, overlap=0.56)],
        review=[ReviewEntry(template="elder_health", file="catalog/elder_health.yaml", line=1,
                            reasons=["past-valid-until", "missing-basis"],
                            messages=["有效期已于 2020-01-01 结束", "没有填写 basis（依据）"])],
        problems=[Problem(code="E0101", message="YAML 格式错误：第 3 行缺少冒号", file="catalog/broken.yaml",
                          line=3, column=7, hint="在键名后加上冒号 ':'")],
        stats=Stats(fields=150, items=120, labels=110, pairs_compared=340),
        overlap=overlap,
    )


# -- the page in Chromium -------------------------------------------------------------------------


def _open(html: str, tmp_path: Path, pw: Any) -> tuple[Any, list[str], list[str], Any, Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    page_file = tmp_path / "catalog.html"
    page_file.write_text(html, encoding="utf-8")
    url = page_file.as_uri()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                            " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))

    def route(r: Any) -> None:
        requests.append(r.request.url)
        r.continue_() if r.request.url == url else r.abort()

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, requests, console, browser, pw


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_is_self_contained_and_clean_in_chromium(tmp_path: Path, lang: str, playwright_session: Any) -> None:
    page, requests, console, browser, _ = _open(catalog_html(report(), lang=lang), tmp_path, playwright_session)
    try:
        assert requests == [(tmp_path / "catalog.html").as_uri()]
        assert page.evaluate("window.__csp") == []
        assert console == []
        text = page.inner_text("body")
        for label in (SCRIPT, FORMULA, QUOTED, "残疾老人<b>统计</b>"):
            assert label in text, label
        assert page.evaluate("document.scripts.length") == 0
        assert page.locator("b").count() == 0  # the title's <b> is text, not an element
        heading = "重复事项" if lang == "zh" else "Repeated items"
        assert heading in page.inner_text("#repeated h2")
        assert "25.9%" in page.inner_text("#totals")  # 36 / (103 + 36)
        assert "95 → 52" in page.inner_text("#merges") and "45.3%" in page.inner_text("#merges")
        assert "catalog/broken.yaml:3:7" in page.inner_text("#problems")
        assert page.locator("#repeated svg rect[class^=cell-]").count() > 0
        assert page.locator("#totals svg rect.bar").count() == 2 * 4  # coverage and burden per owner
        page.screenshot(path=str(tmp_path / f"catalog-{lang}.png"), full_page=True)
    finally:
        browser.close()


def test_the_page_has_no_style_attributes_handlers_or_external_urls() -> None:
    html = catalog_html(report())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert policy and unescape(policy[1]).startswith("default-src 'none'; style-src 'sha256-")
    assert " style=" not in html and " on" + "error=" not in html and "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
    assert "&lt;script&gt;" in html


def test_the_overlap_matrix_is_capped_and_says_so() -> None:
    html = catalog_html(report(templates=70), lang="en")
    assert f"Showing the {MATRIX_CAP} templates with most overlap (of 70)" in html
    assert html.count("rotate(-90)") == MATRIX_CAP


# -- the workbook ---------------------------------------------------------------------------------


def test_the_workbook_has_a_sheet_per_table_with_typed_cells(tmp_path: Path) -> None:
    path = catalog_xlsx(report(), tmp_path / "catalog.xlsx")
    book = openpyxl.load_workbook(path)
    for sheet in ("汇总", "清单", "重复事项", "疑似重复", "可预填", "合并建议", "评估退出", "问题"):
        assert sheet in book.sheetnames, sheet
    inv = book["清单"]
    assert inv.freeze_panes == "A2" and inv["A1"].font.b
    assert [c.value for c in inv[1]][:3] == ["编号", "名称", "部门"]
    row = {inv.cell(1, k).value: inv.cell(r, k) for r in (5,) for k in range(1, inv.max_column + 1)}
    assert row["名称"].value == FORMULA and row["名称"].data_type == "s"  # text, never a formula
    assert row["字段数"].value == 20 and row["字段数"].data_type == "n"
    merges = book["合并建议"]
    assert merges["F2"].value == pytest.approx(1 - 52 / 95) and merges["F2"].number_format == "0.0%"
    repeated = [r for r in book["重复事项"].iter_rows(min_row=2, values_only=True)]
    assert [r[2] for r in book["可预填"].iter_rows(min_row=2, values_only=True)] == [SCRIPT]
    assert len(repeated) == 5 and repeated[3][1] == FORMULA
    assert book["汇总"]["B7"].number_format == "0.0%"
    assert inv.column_dimensions["B"].width >= 2 * len("高龄津贴发放情况")


def test_the_workbook_in_english(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(catalog_xlsx(report(), tmp_path / "c.xlsx", lang="en"))
    assert book.sheetnames[:2] == ["Totals", "Inventory"] and "Problems" in book.sheetnames


# -- the text summary -----------------------------------------------------------------------------


def _render(renderable: Any) -> str:
    console = Console(width=80, record=True, color_system=None, force_terminal=False)
    console.print(renderable)
    out: str = console.export_text()
    return out


def test_the_summary_shows_the_key_figures_at_80_columns() -> None:
    text = _render(catalog_summary(report()))
    assert "报表数 5" in text and "25.9%" in text and "1,020" in text
    assert "80岁以上老人数" in text and "catalog/elder_care_monthly.yaml:12" in text
    assert "95 → 52" in text and "−45.3%" in text
    assert "past-valid-until" in text and "catalog/broken.yaml:3:7" in text and "E0101" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_the_summary_shows_markup_like_labels_as_text() -> None:
    r = report()
    r.repeated[0] = Item(key="k", label="[bold]加粗[/bold]", type="integer", rules=["label"], element=None,
                         binding=None, places=r.repeated[0].places)
    assert "[bold]加粗[/bold]" in _render(catalog_summary(r, lang="en"))


def test_the_admission_summary_names_each_flag_and_the_change() -> None:
    r = report()
    proposal = _place("new_elder_survey", "age80", "80岁以上老人数", line=7, owner="民政局", times=12)
    adm = Admission(verdict="admit-with-changes", template="new_elder_survey", file="new_elder_survey.yaml",
                    typed=10, flagged=[Flag(place=proposal, kind="collected", where=r.repeated[0].places[:2],
                                            change="改为 value: count(residents where age >= 80)")],
                    problems=[], overlap=0.1, max_overlap=0.3)
    text = _render(admission_summary(adm))
    assert "修改后备案" in text and "catalog/new_elder_survey.yaml:7" in text
    assert "catalog/elder_care_monthly.yaml:12" in text and "catalog/elder_subsidy.yaml:30" in text
    assert "改为 value: count(residents where age >= 80)" in text
    refused = Admission(verdict="refuse", template="x", file="x.yaml", typed=3, flagged=[],
                        problems=[Problem(code="E0901", message="没有填写 basis", file="x.yaml", line=1, column=1,
                                          hint="写明发文依据")], overlap=0.0, max_overlap=0.3)
    text = _render(admission_summary(refused, lang="en"))
    assert "refuse" in text and "E0901" in text and "x.yaml:1:1" in text
