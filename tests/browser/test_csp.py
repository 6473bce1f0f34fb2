"""Every example served with a strict Content-Security-Policy header (no inline script, no
eval, no inline style, nothing from elsewhere) binds and works with 0 CSP violations; and the
suite's detectors are shown to detect: an inline script is reported as a violation, a script
that does run (on a page served without CSP) trips the sentinel."""

from __future__ import annotations

from pathlib import Path

import pytest
from fkbrowser import CSP, EXAMPLES, Browser

import formkit
from formkit.render.spec import form_spec


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_example_works_under_a_strict_csp(browser: Browser, lang: str) -> None:
    for path in EXAMPLES:
        tpl = formkit.load(path)
        url = browser.open(tpl, lang=lang)
        response = browser.page.request.get(url)
        assert response.headers["content-security-policy"] == CSP
        assert "unsafe" not in CSP
        typed = next((i for i in form_spec(tpl, lang=lang)["items"]
                      if i["kind"] == "field" and not i["readonly"] and i["type"] in ("integer", "decimal")
                      and i["source"] == "input"), None)
        if typed is not None:
            browser.clear_events()
            browser.fill(browser.control(typed["id"]), "7")
            assert browser.events("change"), f"{path.stem}: the runtime reacts to typing"
        if tpl.derived:  # read from its source, never saved (SPEC §8.4): no buttons to press
            assert browser.page.locator("[data-fk-action]").count() == 0, path.stem
        else:
            event = browser.submit("draft")
            assert event["kind"] == "draft" and '"template":"' + tpl.id + '"' in event["json"]
        browser.assert_clean()


def test_the_detectors_detect(browser: Browser, tmp_path: Path) -> None:
    """An inline script under the CSP: blocked and reported; the same without CSP: it runs, and
    both the alert sentinel and the dialog listener see it."""
    canary = "<!DOCTYPE html><html><head><title>canary</title></head><body><script>alert(1)</script></body></html>"
    browser.open_html(canary, forms=None)
    seen = browser.sentinels()
    assert seen["pwned"] == 0 and [v["directive"] for v in seen["csp"]] == ["script-src-elem"]
    browser.open_html(canary.replace("<script>alert(1)</script>", '<img src="x" onerror="alert(1)">'),
                      forms=None, csp=False)
    browser.page.wait_for_function("() => window.__pwned > 0")
    assert browser.sentinels()["pwned"] == 1
    assert browser.dialogs == ["alert: 1"]
    browser.reset()
