"""Screenshots of two example forms for docs/forms.md, filled from the demo pool and typed into
as staff would: labor_archive_stock in Chinese (values carried from last period, confirmed and
corrected) and elderly_care_facilities in English (pool values, calculations, checks, formats).

    python tests/browser/screenshots.py            # writes docs/img/form-*.png

test_screenshots.py takes the same pictures into a temporary folder on every run, so this
script keeps working; it needs Chromium, Playwright and fonts-noto-cjk (scripts/browser-setup).
"""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

from fkbrowser import ARGS, CHROMIUM, SENTINELS, Browser, Site

import formkit
from formkit.cli.preview import Preview
from formkit.demo.pool import generate_demo_pool
from formkit.render.html import render_html
from formkit.runtime import connect

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
SHOTS = ("form-labor-zh.png", "form-care-en.png")
VIEWPORT = {"width": 1100, "height": 900}


def demo_database(folder: Path) -> str:
    url = f"duckdb:///{folder / 'demo.duckdb'}"
    if not (folder / "demo.duckdb").exists():
        con = connect(url)
        try:
            generate_demo_pool(con, formkit.load_pool(formkit.examples_dir() / "demo_city.pool.yaml"), scale=0.002,
                               seed=7)
        finally:
            con.close()
    return url


def _page(browser: Browser, preview: Preview, lang: str, css: str = "") -> str:
    """The form as a whole page; ``css``: a host's stylesheet after formkit's (theming)."""
    html = render_html(preview.template, lang=lang, values=preview.values(), page=True, static_url="/static/")
    if css:
        link = f'<link rel="stylesheet" href="{browser.site.add(css, suffix=".css")}">'
        html = html.replace("</head>", link + "\n</head>", 1)
    return html


def labor_zh(browser: Browser, db: str, out: Path) -> Path:
    """A street's weekly archive report: openings carried from last week (one confirmed, one
    corrected), this week's flows typed, closings and ratios computed and flagged."""
    preview = Preview.load(formkit.examples_dir() / "labor_archive_stock.yaml", db=db, period="2026W45")
    prev = {"closing": 1286, "unemp_closing": 342, "hard_closing": 118, "xiebao_closing": 97, "flex_closing": 205,
            "retired_closing": 61}
    preview.pool.prev = prev
    preview.pool.prefilled = {k.replace("closing", "opening"): v for k, v in prev.items()}
    browser.page.set_viewport_size(VIEWPORT)
    browser.open_html(_page(browser, preview, "zh"))
    for slot, text in {"received": "37", "released": "22", "unemp_in": "12", "unemp_out": "9", "hard_in": "4",
                       "hard_out": "2", "xiebao_in": "3", "xiebao_out": "5", "flex_in": "8"}.items():
        browser.fill(browser.control(slot), text)
    browser.fill(browser.control("hard_opening"), "121")  # a correction: the carried value was wrong
    browser.page.locator('[data-fk-confirm="opening"]').click()
    _footer(browser, "任天明", "021-65430000")
    return _shoot(browser, out / SHOTS[0])


def care_en(browser: Browser, db: str, out: Path) -> Path:
    """A street's quarterly elderly-care report: pool counts (one corrected, one confirmed),
    typed figures, rates computed and flagged by their formats, a warning and an info note."""
    preview = Preview.load(formkit.examples_dir() / "elderly_care_facilities.yaml", db=db, period="2026Q3")
    browser.page.set_viewport_size(VIEWPORT)
    browser.open_html(_page(browser, preview, "en"))
    for slot, text in {"new_beds": "20", "daycare_visits": "1460", "meals_served": "32000", "meal_subsidy": "15600",
                       "center_visits": "830", "safety_checks": "6", "hazards": "4", "hazards_fixed": "3"}.items():
        browser.fill(browser.control(slot), text)
    browser.page.locator('[data-fk-confirm="inst_count"]').click()
    _footer(browser, "Zhang Wei", "0535-6625510")
    return _shoot(browser, out / SHOTS[1])


def _footer(browser: Browser, name: str, phone: str) -> None:
    page = browser.page
    page.locator('[data-fk-footer="filled_by"]').fill(name)
    page.locator('[data-fk-footer="phone"]').fill(phone)
    page.locator('[data-fk-footer="date"]').fill("2026-11-05")


def _shoot(browser: Browser, path: Path) -> Path:
    page = browser.page
    page.evaluate("() => { document.activeElement?.blur(); for (const s of document.querySelectorAll('.fk-scroll'))"
                  " s.scrollLeft = 0; }")
    page.wait_for_timeout(100)  # the live region's announcement
    page.locator("[data-fk-form]").screenshot(path=str(path), animations="disabled")
    return path


def take(browser: Browser, db: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    return [labor_zh(browser, db, out), care_en(browser, db, out)]


def main() -> None:
    from playwright.sync_api import sync_playwright

    site = Site()
    threading.Thread(target=site.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        db = demo_database(Path(tmp))
        for lang, shoot in (("zh-CN", labor_zh), ("en-US", care_en)):  # one browser per language
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, f"--lang={lang}"])
            context = chromium.new_context(viewport=VIEWPORT, locale=lang, timezone_id="Asia/Shanghai")
            context.add_init_script(SENTINELS)
            browser = Browser(context.new_page(), site)
            DOCS_IMG.mkdir(parents=True, exist_ok=True)
            sys.stdout.write(f"wrote {shoot(browser, db, DOCS_IMG)}\n")
            browser.assert_clean()
            chromium.close()
    site.shutdown()


if __name__ == "__main__":
    main()
