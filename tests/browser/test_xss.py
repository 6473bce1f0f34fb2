"""The XSS corpus (tests/xss_vectors.txt, after the OWASP filter-evasion cheat sheet) in a real
browser: each vector in every text a template's author writes (title, labels, help, units,
choices and their keys, roster and grid labels, rule messages), in the values and issues the
server sends, and typed by staff into fields and roster rows — 0 script executions, 0 CSP
violations, no element or event-handler attribute born from data, and every typed vector back
in the submission exactly as typed. Vectors are batched: one page holds one form per vector."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from fkbrowser import Browser, load_json

import formkit
from formkit.render.html import render_html

VECTORS = [line for line in (Path(__file__).parent.parent / "xss_vectors.txt").read_text(encoding="utf-8").splitlines()
           if line and not line.startswith("#")]
BATCH = 15

SHELL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>xss</title>
<link rel="stylesheet" href="/static/formkit.css">
<script type="module" src="/static/formkit.js"></script></head>
<body>{forms}</body></html>"""

# Elements and attributes a rendered page may hold; anything else came from data.
AUDIT = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.getAttributeNames()) {
      if (a.startsWith('on')) bad.push(`${el.tagName} ${a}`);
      const v = el.getAttribute(a);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(a) && /^\\s*javascript:/i.test(v))
        bad.push(`${el.tagName} ${a}=${v}`);
    }
    const ours = (el.tagName === 'LINK' && el.getAttribute('href') === '/static/formkit.css')
      || (el.tagName === 'META' && el.getAttribute('charset'));
    const foreign = ['IFRAME', 'OBJECT', 'EMBED', 'IMG', 'SVG', 'MATH', 'BASE', 'META', 'LINK', 'STYLE', 'DETAILS'];
    if (foreign.includes(el.tagName.toUpperCase()) && !ours) bad.push(el.tagName);
  }
  const scripts = [...document.scripts].filter(s => s.type !== 'application/json' && s.src.indexOf('/static/') < 0);
  return {bad, scripts: scripts.length};
}"""


def _template(folder: Path, v: str) -> formkit.Template:
    doc = {
        "formkit": 1, "id": "xss", "title": {"zh": v, "en": v}, "description": v, "form_no": v, "authority": v,
        "approval_no": v, "basis": v, "period": "monthly",
        "fields": [
            {"id": "a", "label": v, "help": v, "unit": v, "type": "integer", "required": True, "confirm": True,
             "value": 3},
            {"id": "b", "label": {"zh": v, "en": v}, "type": "choice", "choices": {"k1": v, v: v}},
            {"id": "m", "label": v, "type": "multichoice", "choices": {"k1": v, v: v}},
            {"id": "t", "label": v, "help": v, "type": "text"},
            {"id": "c", "label": v, "unit": v, "type": "text", "calc": "t"},
            {"id": "r", "label": v, "help": v, "type": "table", "columns": [
                {"id": "n", "label": v, "help": v, "unit": v, "type": "text"},
                {"id": "ch", "label": v, "type": "choice", "choices": {"x": v, v: v}},
                {"id": "echo", "label": v, "type": "text", "calc": "n"},
            ]},
            {"id": "g", "label": v, "help": v, "unit": v, "type": "grid",
             "rows": [{"id": "r1", "label": v}, {"id": "tot", "label": v, "calc": "sum(col)"}],
             "columns": [{"id": "c1", "label": v}]},
        ],
        "rules": [{"id": "rule1", "check": "a > 0", "fields": ["a"], "message": {"zh": v, "en": v}},
                  {"id": "rule2", "table": "r", "check": "n != 'x'", "fields": ["r.n"], "message": {"zh": v, "en": v}}],
        "formats": [{"when": "a > 1", "fields": ["a"], "style": "warn"}],
    }
    path = folder / "xss.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return formkit.load(path)


def _server_values(v: str) -> dict[str, Any]:
    issue = {"field": "a", "row": None, "col": None, "rule": v, "severity": "error", "message": v}
    return {
        "values": {"a": 1, "b": v, "m": [v, "k1"], "t": v},
        "tables": {"r": [{"_key": v, "n": v, "ch": v}]},
        "grids": {"g": {"r1": {"c1": 5}}},
        "meta": {"a": {"source": "corrected", "original": v, "as_of": v}},
        "issues": [issue, {**issue, "field": "r", "row": 0, "col": "n"}, {**issue, "field": v}],
        "org_name": v, "period": v, "revision": v, "confirm": [v],
        "footer": {"filled_by": v, "reviewed_by": v, "phone": v, "date": v},
    }


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> list[formkit.Template]:
    return [_template(tmp_path_factory.mktemp("xss"), v) for v in VECTORS]


def _page(templates: list[formkit.Template], indices: range, mode: str, lang: str) -> str:
    forms = "\n".join(render_html(templates[i], mode=mode, lang=lang, values=_server_values(VECTORS[i]),
                                  id_prefix=f"fk-x{i}") for i in indices)
    return SHELL.format(forms=forms)


def _settle(browser: Browser) -> None:
    """Let late vectors (an image's onerror, a meta refresh, a focus handler) have their go."""
    browser.page.wait_for_timeout(250)


def _audit(browser: Browser) -> None:
    found = browser.page.evaluate(AUDIT)
    assert found == {"bad": [], "scripts": 0}
    browser.assert_clean()


# What staff do in one form, in the page (one round trip per form): each value is set as the
# browser sets typed text (focus, value, input, change, leave), buttons are clicked.
ACT = """([i, v]) => {
  const root = document.getElementById(`fk-x${i}`);
  const q = (sel, el = root) => el.querySelector(sel);
  const type = (el, text) => {
    el.focus(); el.value = text;
    el.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText', data: text}));
    el.dispatchEvent(new Event('change', {bubbles: true})); el.blur();
  };
  const choose = (el, index) => { el.selectedIndex = index; el.dispatchEvent(new Event('change', {bubbles: true})); };
  const out = {title: q('.fk-title').textContent, calc: q('[data-fk-slot="c"]').value};
  type(q('[data-fk-slot="a"]'), '0');
  out.rule = q('[data-fk-field="a"] [data-fk-issues]').textContent;
  q('[data-fk-add-row="r"]').click();
  const row = q('tbody[data-fk-rows]').children[1];
  type(q('[data-fk-column="n"]', row), 'x');
  out.rowRule = q('td[data-fk-col="n"] [data-fk-issues]', row).textContent;
  type(q('[data-fk-column="n"]', row), v);
  choose(q('[data-fk-column="ch"]', row), 2);
  out.echo = q('[data-fk-column="echo"]', row).textContent;
  const k1 = q('[data-fk-choice][value="k1"]');
  k1.checked = false; k1.dispatchEvent(new Event('change', {bubbles: true}));
  window.__fk.length = 0;
  q('[data-fk-action="draft"]').click();
  out.drafts = window.__fk.filter((e) => e.kind === 'draft').map((e) => e.json);
  return out;
}"""


@pytest.mark.parametrize("start", range(0, len(VECTORS), BATCH), ids=lambda s: f"vectors{s}+")
def test_vectors_typed_into_forms_stay_text(browser: Browser, templates: list[formkit.Template], start: int) -> None:
    indices = range(start, min(start + BATCH, len(VECTORS)))
    browser.open_html(_page(templates, indices, "fill", "en"), forms=len(indices))
    for i in indices:
        v = VECTORS[i]
        browser.fill(browser.page.locator(f'#fk-x{i} [data-fk-slot="t"]'), v)  # typed by Playwright
        seen = browser.page.evaluate(ACT, [i, v])
        assert v.strip() in seen["title"], "the title shows the vector as text"
        assert seen["calc"] == v, "a calculation shows the typed vector as text"
        assert v.strip() in seen["rule"], "a rule's message (the vector) shows as text"
        assert v.strip() in seen["rowRule"], "a row rule's message shows as text"
        assert seen["echo"] == v, "a roster calculation shows the typed vector as text"
        assert len(seen["drafts"]) == 1
        sent = load_json(seen["drafts"][0])
        assert sent["values"]["t"] == v and sent["values"]["c"] == v
        assert sent["values"]["b"] == v and sent["values"]["m"] == [v]
        assert [r["n"] for r in sent["tables"]["r"]] == [v, v]
        assert [r["ch"] for r in sent["tables"]["r"]] == [v, v]
        assert sent["tables"]["r"][0]["_key"] == v
    _settle(browser)
    _audit(browser)


@pytest.mark.parametrize("mode", ["review", "print"])
def test_vectors_in_read_only_forms_stay_text(browser: Browser, templates: list[formkit.Template], mode: str) -> None:
    indices = range(len(VECTORS))
    browser.open_html(_page(templates, indices, mode, "zh"), forms=len(indices))
    for i in indices:
        root = browser.page.locator(f"#fk-x{i}")
        assert VECTORS[i].strip() in root.locator('[data-fk-field="t"] [data-fk-slot="t"]').inner_text()
        assert VECTORS[i].strip() in root.locator('[data-fk-field="a"] [data-fk-issues]').inner_text()
    _settle(browser)
    _audit(browser)
