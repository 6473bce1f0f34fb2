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
    child = subprocess.Popen([sys.executable, "-m", "formkit", "serve", "--templates", str(formkit.examples_dir()),
                              "--db", url, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
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


def test_the_whole_loop_in_a_browser(served: str) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
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
        assert CELL in filler.locator("[data-fkw-notes]").inner_text()
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
