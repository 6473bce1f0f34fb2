"""Field patterns in the browser (SPEC §2.2, issue #21): the page checks a `pattern` with
formkit's own linear-time matcher (static/formkit-pattern.js), never with `RegExp`, so no typed
text can freeze it: not against an accepted pattern, and not even against a pattern check time
refuses, put into the page's plan as a stale or hand-made plan could carry it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fkbrowser import Browser

import formkit
from formkit.render.html import render_html

TEMPLATE = """\
formkit: 1
id: pattern_page
title: 格式
period: monthly
fields:
  - {id: name, label: 姓名, type: text, pattern: '[A-Za-z]+( [A-Za-z]+)*'}
  - {id: code, label: 编码, type: text, pattern: 'a+'}
"""


@pytest.fixture
def page_html(tmp_path: Path) -> str:
    path = tmp_path / "pattern_page.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    html = render_html(formkit.load(path), lang="zh", page=True, static_url="/static/")
    # the classic ReDoS pattern, which `formkit check` refuses, into the plan the page reads
    assert html.count('"pattern":"a+"') == 1
    return html.replace('"pattern":"a+"', '"pattern":"(a+)+$"')


def _pattern_issues(browser: Browser, slot: str) -> list[str]:
    return [t for t in browser.issues(browser.box(slot)) if t.startswith("pattern:")]


def test_long_adversarial_input_does_not_freeze_the_page(browser: Browser, page_html: str) -> None:
    """40 letters and a '!' against `(a+)+$` take a backtracking engine 2⁴⁰ steps; 20,000
    characters against the accepted name pattern, one more pass. The page answers at once
    after each, with the right verdict."""
    browser.open_html(page_html)
    browser.fill(browser.control("code"), "a" * 40 + "!")
    assert browser.page.evaluate("1 + 1") == 2  # the page still runs scripts
    assert len(_pattern_issues(browser, "code")) == 1
    browser.fill(browser.control("code"), "a" * 20_000)
    assert _pattern_issues(browser, "code") == []
    browser.fill(browser.control("name"), "ab " * 10_000 + "!")
    assert len(_pattern_issues(browser, "name")) == 1
    browser.fill(browser.control("name"), "Li Ming")
    assert _pattern_issues(browser, "name") == []
    assert browser.page.evaluate("document.querySelectorAll('[data-fk-slot]').length") == 2
    browser.assert_clean()
