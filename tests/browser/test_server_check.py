"""`formkit preview` in Chromium: the form pre-filled from a demo pool, typed into, submitted;
the page posts the submission to the server, which validates it again with the Python
evaluator — and finds exactly the issues the page found. The page and its own script run under
the preview server's strict CSP header."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from fkbrowser import Browser, example, load_json, number

import formkit
from formkit.cli.preview import Preview, PreviewServer
from formkit.runtime import connect
from formkit.sql.prefill import prefill
from formkit.sql.rows import roster_rows

SEED = random.SystemRandom().randrange(1 << 30)


def _serve(preview: Preview) -> Iterator[PreviewServer]:
    server = PreviewServer(preview).start()
    try:
        yield server
    finally:
        server.stop()


def _places(issues: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((i["field"], "" if i["row"] is None else str(i["row"]), i["col"] or "", i["rule"], i["severity"])
                  for i in issues)


def _server_issues(browser: Browser, want: str) -> list[dict[str, Any]]:
    section = browser.page.locator("[data-fkp-result]")
    browser.page.wait_for_function(
        "() => ['accepted', 'rejected', 'failed']"
        ".includes(document.querySelector('[data-fkp-result]').dataset.fkpState)")
    assert section.get_attribute("data-fkp-state") == want, section.inner_text()
    found: list[dict[str, Any]] = section.locator("[data-fkp-issues] li").evaluate_all(
        "lis => lis.map(li => ({field: li.dataset.fkpField ?? null, row: li.dataset.fkpRow ?? null,"
        " col: li.dataset.fkpCol ?? null, rule: li.dataset.fkpRule, severity: li.dataset.fkpSeverity}))")
    return found


def test_submission_is_validated_again_by_the_server(browser: Browser) -> None:
    """No pool: an empty medical-device inspection form, typed into with values drawn at run
    time; the server's issues equal the page's, first when blocked, then when accepted."""
    rng = random.Random(SEED)
    path = formkit.examples_dir() / "medical_device_inspection.yaml"
    for server in _serve(Preview.load(path, period="2026Q3")):
        browser.goto(server.url + "?lang=en")
        page = browser.page
        assert page.locator("[data-fk-form]").get_attribute("data-fk-mode") == "fill"
        counts = {"insp_class1": rng.randrange(0, 20), "insp_class2": rng.randrange(0, 20),
                  "insp_class3": rng.randrange(0, 20), "inspectors": rng.randrange(1, 9),
                  "problem_enterprises": rng.randrange(0, 5), "problem_items": rng.randrange(5, 9), "cases": 0}
        counts["rectify_ordered"] = rng.randrange(0, counts["problem_enterprises"] + 1)
        inspected = counts["insp_class1"] + counts["insp_class2"] + counts["insp_class3"]
        for slot, v in counts.items():
            browser.type(slot, str(v))
        browser.type("fines", f"{rng.randrange(0, 10**6)}.{rng.randrange(0, 100):02d}")
        event = browser.submit()
        assert event["kind"] == "invalid"
        server_issues = _server_issues(browser, "rejected")
        assert _places(server_issues) == _places(event["issues"]), f"seed {SEED}"
        assert page.locator("[data-fkp-payload]").text_content() == event["json"], "the payload as sent"
        # each issue says how severe it is and where, by the form's labels (issue 18)
        severities = page.locator("[data-fkp-issues] .fkp-severity").all_inner_texts()
        assert set(severities) <= {"Error", "Warning"} and "Error" in severities
        assert not [p for p in page.locator("[data-fkp-issues] .fkp-place").all_inner_texts() if "_" in p]
        # fines without a case, and no inspected manufacturers: errors the server finds too
        for slot, text in {"insp_enterprises": str(max(inspected, counts["problem_enterprises"])), "insp_key": "0",
                           "rectified": "0", "cases": "1", "insp_class1": str(counts["insp_class1"] + 1)}.items():
            browser.type(slot, text)
        event = browser.submit()
        assert event["kind"] == "submit", event["issues"]
        server_issues = _server_issues(browser, "accepted")
        assert _places(server_issues) == _places(event["issues"]), f"seed {SEED}"
        assert all(i["severity"] != "error" for i in server_issues)
        # the reviewer's view of what was submitted
        page.locator("[data-fkp-more] a").click()
        page.wait_for_function("() => document.querySelector('[data-fk-form]')?.formkit !== undefined")
        assert page.locator("[data-fk-form]").get_attribute("data-fk-mode") == "review"
        assert number(browser.value("insp_class1")) == counts["insp_class1"] + 1
        browser.assert_clean()


def test_preview_prefills_from_the_pool(browser: Browser, demo_db: str) -> None:
    """--db: the disabled-persons ledger of the first community, its pool values and roster rows
    as the pre-fill query gives them; subsidies typed into the roster; the server agrees."""
    rng = random.Random(SEED)
    tpl = example("disabled_persons_ledger")
    preview = Preview.load(formkit.examples_dir() / "disabled_persons_ledger.yaml", db=demo_db, period="2026-10")
    con = connect(demo_db)
    try:
        org = preview.pool.org
        assert org is not None
        pool = prefill(con, tpl, org, "2026-10")
        rows = roster_rows(con, tpl, "severe", org, "2026-10")
    finally:
        con.close()
    assert rows, "the demo community has severely disabled residents"
    for server in _serve(preview):
        browser.goto(server.url)
        page = browser.page
        assert preview.pool.org_name and preview.pool.org_name in page.locator(".fkp-where").inner_text()
        for slot, v in pool.items():
            if "." not in slot and v is not None and isinstance(v, int | Decimal):
                assert number(browser.value(slot)) == Decimal(v), slot
        shown = page.locator('[data-fk-table="severe"] tr[data-fk-row]')
        assert shown.count() == len(rows)
        assert [shown.nth(i).get_attribute("data-fk-key") for i in range(len(rows))] == [str(r["_key"]) for r in rows]
        assert "*" in browser.shown(browser.cell("severe", 0, "name")), "names stay masked"
        total = Decimal(0)
        for i in range(min(len(rows), 6)):
            v = Decimal(rng.randrange(0, 120_000)) / 100
            total += v
            browser.fill(browser.cell("severe", i, "subsidy"), str(v))
            if i % 2:
                browser.cell("severe", i, "change_reason").select_option("standard")
        assert number(browser.value("nursing_total")) == total
        event = browser.submit()
        server_issues = _server_issues(browser, "rejected")
        assert _places(server_issues) == _places(event["issues"]), f"seed {SEED}"
        sent = load_json(event["json"])
        assert sent["values"]["nursing_total"] == total
        assert [r["_key"] for r in sent["tables"]["severe"]] == [r["_key"] for r in rows]
        browser.assert_clean()


def test_preview_shows_a_broken_template(browser: Browser, tmp_path: Path) -> None:
    """An author edits the template while previewing: a broken file is shown with its errors,
    the fixed one renders again."""
    path = tmp_path / "t.yaml"
    good = "formkit: 1\nid: t\ntitle: T\nperiod: monthly\nfields:\n  - {id: a, label: A, type: integer}\n"
    path.write_text(good, encoding="utf-8")
    preview = Preview.load(path)
    for server in _serve(preview):
        browser.goto(server.url)
        path.write_text(good.replace("integer", "integr"), encoding="utf-8")
        preview.mtime = 0.0  # the same second: make the change seen
        browser.goto(server.url, forms=None)
        assert "integr" in browser.page.locator(".fkp-error").inner_text()
        path.write_text(good, encoding="utf-8")
        preview.mtime = 0.0
        browser.goto(server.url)
        assert browser.page.locator("[data-fk-form]").count() == 1
        browser.assert_clean()
