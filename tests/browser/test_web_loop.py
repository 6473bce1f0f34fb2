"""The whole loop of SPEC §9 in headless Chromium against `formkit serve` started as a real
process (uvicorn on 127.0.0.1, a free port): a filler fills and submits; a reviewer returns it
with a note on a grid cell; the filler sees the note beside that cell, corrects and resubmits;
the reviewer approves; a second approval, by the filler, is refused (forbidden). Every page runs
under the app's strict CSP with no violation, and each step is screenshotted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pytest
from fkbrowser import ARGS, CHROMIUM, SENTINELS

import formkit
from formkit.demo.pool import generate_demo_pool
from formkit.runtime import connect

SRC = Path(__file__).resolve().parents[2] / "src"
SHOTS = Path(os.environ.get("FORMKIT_SCREENSHOTS", "/tmp/formkit-web-loop"))
UNIT = "370602001001"
FORM = f"/forms/elderly_population_grid/{UNIT}/2026"
CELL = "elderly.age_80_89.male"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`formkit serve` over a small demo city, in a process of its own on a free port."""
    url = f"duckdb:///{tmp_path_factory.mktemp('loop') / 'demo.duckdb'}"
    con = connect(url)
    try:
        generate_demo_pool(con, formkit.load_pool(formkit.examples_dir() / "demo_city.pool.yaml"), scale=0.002, seed=7)
    finally:
        con.close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    users = ["--user", "li:370600:filler", "--user", "wang:370600:reviewer", "--user", "boss:370600:reviewer,pii"]
    child = subprocess.Popen([sys.executable, "-m", "formkit", "serve", "--templates", str(formkit.examples_dir()),
                              "--db", url, "--port", "0", *users], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env=env)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert "formkit serve at http://127.0.0.1:" in line, line
        yield line.split(" at ")[1].split()[0].rstrip("/")
    finally:
        child.send_signal(signal.SIGINT)
        child.wait(timeout=30)
        assert child.stdout is not None
        child.stdout.close()


def _person(browser: Any, base: str, user: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.add_init_script(SENTINELS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/trial/{user}")
    return page


def _open(page: Any, base: str) -> None:
    page.goto(base + FORM)
    page.wait_for_function("() => window.__fk.some((e) => e.kind === 'ready')")


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _clean(page: Any) -> None:
    assert page.evaluate("window.__csp") == [], "a CSP violation"
    assert page.evaluate("window.__pwned") == 0


def _state(page: Any) -> str:
    return str(page.locator("[data-fkw-form-state]").get_attribute("data-fkw-form-state"))


def _result(page: Any) -> str:
    page.wait_for_selector("[data-fkw-result]:not([hidden])")
    return str(page.locator("[data-fkw-result]").get_attribute("data-fkw-state"))


def _type(page: Any, slot: str, text: str) -> None:
    ctl = page.locator(f'[data-fk-slot="{slot}"]').first
    ctl.fill("")
    ctl.press_sequentially(text)
    ctl.press("Tab")


def test_the_whole_loop_in_a_browser(served: str, playwright_session: Any) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    with nullcontext(playwright_session) as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        filler, reviewer = _person(browser, served, "li"), _person(browser, served, "wang")
        # 1. the filler fills the pre-filled form and submits it
        _open(filler, served)
        assert _state(filler) == "new" and filler.locator("[data-fk-form]").get_attribute("data-fk-mode") == "fill"
        assert "海港路社区" in filler.locator("[data-fkw-org-name]").inner_text()
        _type(filler, "alone_visits", "12")
        _type(filler, "allowance_recipients", "30")
        filler.locator('input[data-fk-footer="filled_by"]').fill("李明")
        filler.locator('input[data-fk-footer="phone"]').fill("0535-6688123")
        _shot(filler, "1-filler-fills")
        filler.locator('[data-fk-action="submit"]').first.click()
        filler.wait_for_url("**done=submit**")
        assert _result(filler) == "done" and _state(filler) == "submitted"
        # 2. the reviewer returns it with a note on one grid cell
        _open(reviewer, served)
        assert _state(reviewer) == "submitted" and reviewer.locator("[data-fkw-review]").count() == 1
        box = reviewer.locator(f'[data-fk-cell="{CELL}"] [data-fkw-note-for]')
        box.fill("80–89岁男性人数请与户籍核对")
        _shot(reviewer, "2-reviewer-returns")
        reviewer.locator('[data-fkw-action="return"]').click()
        reviewer.wait_for_url("**done=return**")
        assert _state(reviewer) == "returned"
        # 3. the filler sees the note beside that cell, corrects, resubmits
        _open(filler, served)
        assert _state(filler) == "returned"
        note = filler.locator(f'[data-fk-cell="{CELL}"] [data-fkw-note]')
        assert "80–89岁男性人数请与户籍核对" in note.inner_text()
        notes = filler.locator("[data-fk-notes]").inner_text()  # the form's own list names the cell
        assert "老年人口情况 · 80–89岁 · 男" in notes and "80–89岁男性人数请与户籍核对" in notes
        assert filler.locator('input[data-fk-footer="filled_by"]').input_value() == "李明"  # the footer, refilled
        assert filler.locator('[data-fk-footer="org"]').inner_text() == "海港路社区"
        _shot(filler, "3-filler-sees-the-note")
        _type(filler, "alone_visits", "13")
        filler.locator('[data-fk-action="submit"]').first.click()
        filler.wait_for_url("**done=submit**")
        assert _state(filler) == "submitted"
        # 4. the reviewer approves
        _open(reviewer, served)
        reviewer.locator('[data-fkw-action="approve"]').click()
        reviewer.wait_for_url("**done=approve**")
        assert _state(reviewer) == "approved"
        _shot(reviewer, "4-reviewer-approved")
        # 5. a second approval, by the filler, is refused and changes nothing
        answer = filler.evaluate("""async (url) => {
            const r = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'});
            return {status: r.status, type: r.headers.get('content-type'), body: await r.json()};
        }""", served + FORM + "/approve")
        assert answer["status"] == 403 and answer["body"]["code"] == "forbidden", answer
        assert answer["type"].startswith("application/problem+json")
        _open(filler, served)
        assert _state(filler) == "approved"
        assert filler.locator("[data-fk-form]").get_attribute("data-fk-mode") == "review"
        _shot(filler, "5-filler-sees-it-approved")
        for page in (filler, reviewer):
            _clean(page)
        browser.close()


ROSTER = "/forms/insurance_visit_record/370602001002/once"
VISIT = {"values": {"走访次数": 3, "已动员参保人数": 1}, "tables": {"走访登记": [{
    "姓名": "张三", "身份证号": "11010519491231002X", "性别": "F", "联系电话": "13912345678",
    "走访日期": "2026-11-02", "走访方式": "home", "宣传事项": ["medical"], "参保意愿": "paid"}]}}


def _post(base: str, user: str, path: str, body: object | None, method: str = "POST") -> tuple[int, Any]:
    import http.client
    import json
    from urllib.parse import urlsplit

    where = urlsplit(base)
    con = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=30)
    try:
        con.request(method, path, body=None if body is None else json.dumps(body, ensure_ascii=False).encode(),
                    headers={"Content-Type": "application/json", "Cookie": f"formkit_trial={user}"})
        r = con.getresponse()
        return r.status, json.loads(r.read())
    finally:
        con.close()


def test_a_masked_roster_is_resubmitted_from_the_browser(served: str, playwright_session: Any) -> None:
    """A typed ID and phone number in a roster row come back masked on the returned form; the
    filler changes another value and submits from the page: the masks stand for the stored
    numbers (the page's runtime takes them as it was given them), nothing is refused."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    status, first = _post(served, "li", ROSTER + "/submit", VISIT)
    assert status == 200, first
    assert _post(served, "wang", ROSTER + "/return", {"notes": {"走访次数": "请补充走访"}})[0] == 200
    with nullcontext(playwright_session) as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        filler = _person(browser, served, "li")
        filler.goto(served + ROSTER)
        filler.wait_for_function("() => window.__fk.some((e) => e.kind === 'ready')")
        html = filler.content()
        assert "110105********002X" in html and "139****5678" in html
        assert "19491231" not in html and "91234567" not in html
        _type(filler, "走访次数", "4")
        _shot(filler, "6-masked-roster")
        filler.locator('[data-fk-action="submit"]').first.click()
        filler.wait_for_url("**done=submit**")
        assert _state(filler) == "submitted"
        _clean(filler)
        browser.close()
    status, stored = _post(served, "boss", ROSTER + "?pii=1", None, method="GET")  # the pii role: unmasked
    assert status == 200 and stored["values"]["走访次数"] == 4 and stored["revision"] == first["revision"] + 2
    row = stored["tables"]["走访登记"][0]
    assert (row["身份证号"], row["联系电话"]) == ("11010519491231002X", "13912345678"), row
