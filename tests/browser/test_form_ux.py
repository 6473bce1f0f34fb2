"""What a new host developer saw first in the live form (issue 18), in Chromium under the strict
CSP: a fresh form is not covered in red (errors show after a place is left or a submit is
tried, the server's as the page's own), one required message, the error summary in form order,
Tab passing over computed boxes, and a roster's first column kept in view when it scrolls
sideways at phone width. Screenshots go to a temporary folder (looked at when changed)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from fkbrowser import Browser

import formkit
from formkit.core.jsonio import dumps, loads
from formkit.runtime.form import Form

TEMPLATE = """\
formkit: 1
id: ux
title: 登记表
level: community
period: monthly
fields:
  - {id: a_first, label: 第一项, type: integer, required: true}
  - {id: b_sum, label: 合计, type: integer, calc: "coalesce(a_first, 0) + coalesce(c_second, 0)"}
  - {id: c_second, label: 第二项, type: integer, required: true}
  - id: staff
    type: table
    label: 人员
    columns:
      - {id: name, label: 姓名, type: text, required: true}
      - {id: id_card, label: 身份证号, type: id_card}
      - {id: phone, label: 联系电话, type: phone}
      - {id: hours, label: 工时, type: integer, required: true}
      - {id: note1, label: 说明一, type: text}
      - {id: note2, label: 说明二, type: text}
      - {id: note3, label: 说明三, type: text}
  - {id: d_last, label: 最后一项, type: text, required: true}
"""


@pytest.fixture(scope="module")
def tpl(tmp_path_factory: pytest.TempPathFactory) -> formkit.Template:
    path = tmp_path_factory.mktemp("ux") / "ux.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return formkit.load(path)


def fresh(tpl: formkit.Template, rows: int = 3) -> dict[str, Any]:
    """A form as the server sends it down: nothing typed, so every required place has its issue."""
    staff = [{"_key": f"new:{i:016x}", "note1": "x"} for i in range(rows)]
    form = Form.build(tpl, org="370602001001", period="2026-10", prefilled={}, pool_rows={}, prev={},
                      inputs={"staff": staff})
    data: dict[str, Any] = loads(dumps(form.to_json()))
    assert any(i["rule"] == "required" for i in data["issues"])
    return data


def shown_errors(browser: Browser) -> list[str]:
    texts: list[str] = browser.page.locator(".fk-issue--error").evaluate_all(
        "els => els.filter(e => !e.closest('[hidden]')).map(e => e.textContent)")
    return texts


def test_a_fresh_form_opens_without_errors(browser: Browser, tpl: formkit.Template, tmp_path: Path) -> None:
    """It opened covered in red: every required box showed the server's error before anything
    was typed. The errors wait for the place to be left, or a submit."""
    browser.open(tpl, values=fresh(tpl))
    assert shown_errors(browser) == []
    browser.page.screenshot(path=str(tmp_path / "fresh.png"), full_page=True)
    browser.control("a_first").focus()
    browser.control("a_first").press("Tab")  # left empty: its own error shows, nothing else
    assert [t for t in shown_errors(browser) if "必填" in t] == [t for t in shown_errors(browser)]
    assert len(browser.issues(browser.box("a_first"))) == 1
    assert browser.issues(browser.box("c_second")) == []
    browser.assert_clean()


def test_one_required_message_and_the_summary_in_form_order(browser: Browser, tpl: formkit.Template,
                                                           tmp_path: Path) -> None:
    browser.open(tpl, values=fresh(tpl))
    event = browser.submit()
    assert event["kind"] == "invalid"
    page = browser.page
    page.screenshot(path=str(tmp_path / "submitted.png"), full_page=True)
    required = page.locator("[data-fk-issues] li[data-fk-rule=required]").evaluate_all(
        "lis => lis.filter(li => !li.closest('[hidden]')).map(li => li.lastChild.textContent)")
    assert len(required) >= 5 and len(set(required)) == 1, required  # "此项必填" vs "请填写「…」"
    # The summary's links, in the order of the boxes they lead to.
    targets = page.locator("[data-fk-summary-list] a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert len(targets) >= 5
    positions = page.evaluate(
        """ids => ids.map(h => { const el = document.getElementById(h.slice(1));
             return [...document.querySelectorAll('input, select, textarea, fieldset')].indexOf(el); })""", targets)
    assert positions == sorted(positions), (targets, positions)
    first, last = targets[0], targets[-1]
    assert "a_first" in first and "d_last" in last
    browser.assert_clean()


def test_tab_passes_over_computed_boxes(browser: Browser, tpl: formkit.Template) -> None:
    browser.open(tpl)
    browser.control("a_first").focus()
    browser.page.keyboard.press("Tab")
    focused = browser.page.evaluate("document.activeElement.dataset.fkSlot")
    assert focused == "c_second"  # not the calc b_sum between them
    assert browser.control("b_sum").get_attribute("tabindex") == "-1"


def test_roster_keeps_its_first_column_in_view(browser: Browser, tpl: formkit.Template, tmp_path: Path) -> None:
    """Scrolled sideways to the last columns (a tablet, 720 px), whose row it is stays on screen."""
    page = browser.page
    page.set_viewport_size({"width": 720, "height": 800})
    try:
        browser.open(tpl, values=fresh(tpl))
        section = page.locator('[data-fk-table="staff"]')
        section.scroll_into_view_if_needed()
        name = section.locator("tbody[data-fk-rows] > tr[data-fk-row]").first.locator('td[data-fk-col="name"]')
        before = name.bounding_box()
        scroller = section.locator(".fk-scroll")
        assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
        scroller.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        page.wait_for_timeout(100)
        after = name.bounding_box()
        assert before is not None and after is not None and abs(after["x"] - before["x"]) < 1
        # The columns scrolling by pass under it: at its place the name's own cell is on top.
        on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('td')?.dataset.fkCol",
                               [after["x"] + after["width"] / 2, after["y"] + after["height"] / 2])
        assert on_top == "name"
        page.screenshot(path=str(tmp_path / "roster-720.png"))
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    browser.assert_clean()


def test_dates_read_the_chinese_way(browser: Browser, tmp_path: Path) -> None:
    """报出日期 showed mm/dd/yyyy on a zh-CN page (a date box shows the browser's own format):
    date boxes are text boxes reading 年-月-日, and 2026/10/1 is taken as 2026-10-01."""
    path = tmp_path / "d.yaml"
    path.write_text("formkit: 1\nid: d\ntitle: 日期\nlevel: community\nperiod: monthly\nfields:\n"
                    "  - {id: seen, label: 走访日期, type: date, required: true}\n", encoding="utf-8")
    browser.open(formkit.load(path))
    page = browser.page
    for ctl in (browser.control("seen"), page.locator('[data-fk-footer="date"]')):
        assert ctl.get_attribute("type") == "text" and ctl.get_attribute("placeholder") == "年-月-日"
    browser.type("seen", "2026/10/1")
    assert browser.value("seen") == "2026-10-01"
    assert browser.issues(browser.box("seen")) == []
    page.locator('[data-fk-footer="date"]').fill("2026年11月5日")
    event = browser.submit()
    assert event["kind"] == "submit", event
    sent = loads(event["json"])
    assert sent["values"]["seen"] == "2026-10-01" and sent["footer"]["date"] == "2026-11-05"
    browser.assert_clean()


def test_a_page_opened_from_disk_works(browser: Browser, tmp_path: Path) -> None:
    """`formkit demo`'s pages did nothing from disk: Chromium refuses a module script on a file://
    page (origin null). The demo's pages load the classic script; typing recomputes."""
    from formkit.render import render_html, static_dir
    from formkit.render.classic import CLASSIC_NAME, classic_bundle

    shutil.copytree(static_dir(), tmp_path / "static")
    (tmp_path / "static" / CLASSIC_NAME).write_text(classic_bundle(static_dir()), encoding="utf-8")
    tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
    page_file = tmp_path / "labor.html"
    page_file.write_text(render_html(tpl, page=True, static_url="static/", classic=True), encoding="utf-8")
    browser.goto(page_file.as_uri())
    browser.type("received", "12")
    browser.type("released", "5")
    assert browser.value("closing") == "7"
    assert browser.errors == []


def test_a_long_title_wraps_into_even_lines_on_a_phone(browser: Browser) -> None:
    """At 375 px the title left one character alone on its second line."""
    page = browser.page
    page.set_viewport_size({"width": 375, "height": 800})
    try:
        browser.open(formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml"))
        widths = page.evaluate("""() => {
            const h = document.querySelector('.fk-title'); const range = document.createRange();
            range.selectNodeContents(h);
            const lines = new Map();
            for (const r of range.getClientRects()) {
              const top = Math.round(r.top);
              lines.set(top, (lines.get(top) || 0) + r.width);
            }
            return [...lines.values()]; }""")
        assert len(widths) >= 2
        assert min(widths) > 0.5 * max(widths), widths
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_a_long_roster_can_be_filtered(browser: Browser, tpl: formkit.Template) -> None:
    """A filter box above a roster of 10 rows or more: typing a name (or part of an ID) shows its
    rows only; the others stay in the form; a submit shows them all again."""
    data = fresh(tpl, rows=12)
    names = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十", "郑一", "冯二", "陈三", "褚四"]
    for row, name in zip(data["tables"]["staff"], names, strict=True):
        row["name"], row["hours"] = name, 8
    browser.open(tpl, values=data)
    page = browser.page
    rows = page.locator('[data-fk-table="staff"] tbody[data-fk-rows] > tr[data-fk-row]')
    box = page.locator('[data-fk-filter="staff"]')
    box.fill("三")
    visible = rows.evaluate_all("trs => trs.filter(tr => !tr.hidden).length")
    assert visible == 2  # 张三, 陈三
    box.fill("没有这个人")
    assert rows.evaluate_all("trs => trs.filter(tr => !tr.hidden).length") == 0
    assert page.locator("[data-fk-filter-none]").is_visible()
    box.fill("李")
    from test_a11y import _axe  # the same axe-core run as every example's

    assert [v["id"] for v in _axe(browser)] == []  # the filter box, a filtered roster: accessible
    event = browser.submit("submit")
    assert rows.evaluate_all("trs => trs.filter(tr => !tr.hidden).length") == 12 and box.input_value() == ""
    assert len(loads(event["json"])["tables"]["staff"]) == 12
    browser.assert_clean()


def test_a_short_roster_has_no_filter(browser: Browser, tpl: formkit.Template) -> None:
    browser.open(tpl, values=fresh(tpl, rows=3))
    assert browser.page.locator("[data-fk-filter]").count() == 0


def test_roster_is_a_card_per_row_on_a_phone(browser: Browser, tpl: formkit.Template, tmp_path: Path) -> None:
    """At 375 px a roster is a card per row, each value under its column's label: nothing to
    scroll sideways past whose row it is."""
    page = browser.page
    page.set_viewport_size({"width": 375, "height": 800})
    try:
        data = fresh(tpl)
        data["tables"]["staff"][0]["name"] = "张三"
        browser.open(tpl, values=data)
        section = page.locator('[data-fk-table="staff"]')
        section.scroll_into_view_if_needed()
        assert section.locator(".fk-scroll").evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        first = section.locator("tbody[data-fk-rows] > tr[data-fk-row]").first
        card, name, note = (first.bounding_box(), first.locator('td[data-fk-col="name"]').bounding_box(),
                            first.locator('td[data-fk-col="note3"]').bounding_box())
        assert card and name and note and note["y"] > name["y"]  # the values one under the other
        assert name["width"] > 0.8 * card["width"]
        label = first.locator('td[data-fk-col="hours"]').evaluate("td => getComputedStyle(td, '::before').content")
        assert label == '"工时 *"'  # required, as the hidden header's * said
        browser.fill(browser.cell("staff", 0, "hours"), "8")  # still a form: typing works in a card
        page.screenshot(path=str(tmp_path / "roster-cards-375.png"), full_page=True)
        from test_a11y import _axe

        assert [v["id"] for v in _axe(browser)] == []
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    browser.assert_clean()
