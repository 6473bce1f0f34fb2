"""The embeddable HTML form (SPEC §4 Forms, §6 masking): structure, accessibility, CSP safety,
escaping of everything an author or the server wrote, values and their source marks, theming by
template inheritance, and the static runtime's files.

The runtime's behaviour in a real browser is tested separately; here the fragment is parsed
with html.parser and checked as a browser would receive it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

import formkit
from formkit.browser.plan import template_plan
from formkit.core.jsonio import loads
from formkit.render import render_html, static_dir
from formkit.render.html import _State, _Static, _View, html_environment, script_json
from formkit.render.html_values import period_text
from test_render_golden import GOLDEN, typed_values

EXAMPLES = sorted(p for p in formkit.examples_dir().glob("*.yaml") if p.name.count(".") == 1)
MODES = ("fill", "review", "print")
LANGS = ("zh", "en")
VECTORS = [
    line.rstrip("\n")
    for line in (Path(__file__).parent / "xss_vectors.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]

# Everything formkit's templates produce; a tag or attribute outside these came from data.
TAGS = {
    "html", "head", "body", "meta", "title", "link", "main", "section", "header", "footer", "dl", "dt", "dd",
    "div", "h1", "h2", "h3", "p", "span", "label", "input", "select", "option", "fieldset", "ul", "li", "table",
    "thead", "tbody", "tr", "th", "td", "button", "template", "script",
}
ATTRS = {
    "id", "class", "lang", "for", "type", "value", "readonly", "tabindex", "inputmode", "autocomplete",
    "spellcheck", "maxlength", "placeholder", "selected", "checked", "hidden", "role", "scope", "title", "charset",
    "name",
    "content", "http-equiv", "rel", "href", "src",
}


class Audit(HTMLParser):
    """Every element, attribute, id, label and script of a document."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        self.elements.append((tag, d))
        if tag == "script":
            self._script, self._script_text = d, []

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.text.append(data)

    def ids(self) -> list[str]:
        return [str(a["id"]) for _, a in self.elements if a.get("id")]

    def find(self, **attrs: str) -> list[tuple[str, dict[str, str | None]]]:
        return [(t, a) for t, a in self.elements if all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def script_json(self, marker: str) -> Any:
        found = [text for a, text in self.scripts if marker in a]
        assert len(found) == 1, f"expected one script[{marker}]"
        return json.loads(found[0])

    def all_text(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def templates() -> dict[str, formkit.Template]:
    return {p.stem: formkit.load(p) for p in EXAMPLES}


def example(name: str) -> formkit.Template:
    return formkit.load(formkit.examples_dir() / f"{name}.yaml")


def assert_safe(audit: Audit) -> None:
    """No code in the markup: CSP `script-src 'self'` holds, nothing came from data."""
    for tag, attrs in audit.elements:
        assert tag in TAGS, f"unexpected element <{tag}>"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler attribute {name} on <{tag}>"
            assert name in ATTRS or name.startswith(("data-fk-", "aria-")), f"unexpected attribute {name}"
            if name in ("href", "src"):
                assert not re.match(r"\s*(javascript|data|vbscript):", value or "", re.IGNORECASE)
    for attrs, text in audit.scripts:
        if attrs.get("type") == "application/json":
            assert "<" not in text and ">" not in text, "a JSON script holds a raw < or >"
            json.loads(text)
        else:
            assert attrs.get("type") == "module" and attrs.get("src") and text.strip() == "", "inline script code"


def assert_accessible(audit: Audit) -> None:
    """Every control has a name; every id is unique and every reference points at one."""
    ids = audit.ids()
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    known = set(ids)
    labelled = {a.get("for") for t, a in audit.elements if t == "label"}
    for tag, attrs in audit.elements:
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            named = attrs.get("id") in labelled or attrs.get("aria-label") or attrs.get("aria-labelledby")
            assert named, f"<{tag} id={attrs.get('id')}> has no label"
        if tag == "fieldset":
            assert attrs.get("aria-label") or attrs.get("aria-labelledby")
        for ref in ("aria-describedby", "aria-labelledby", "for"):
            for target in (attrs.get(ref) or "").split():
                assert target in known, f"{ref}={target} points at nothing"


# -- every example, every language, every mode -------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_renders_safe_and_accessible(
    path: Path, lang: str, mode: str, templates: dict[str, formkit.Template]
) -> None:
    """SPEC §4: each example renders in zh/en × fill/review/print, with no inline code, every
    control labelled, and the compiled plan (exactly jsplan's) in a JSON script tag."""
    tpl = templates[path.stem]
    html = render_html(tpl, lang=lang, mode=mode)
    audit = Audit(html)
    assert_safe(audit)
    assert_accessible(audit)
    assert audit.script_json("data-fk-plan") == template_plan(tpl)
    state = audit.script_json("data-fk-state")
    assert state["mode"] == mode and state["lang"] == lang and state["template"] == tpl.id
    roots = audit.find(data_fk_mode=mode)
    assert len(roots) == 1 and roots[0][1]["lang"] == {"zh": "zh-CN", "en": "en"}[lang]
    assert tpl.title(lang) in audit.all_text()
    inputs = [a for t, a in audit.elements if t in ("input", "select") and not a.get("data-fk-footer")]
    if mode == "fill":
        assert inputs
    else:
        assert not inputs, "review and print show values, not inputs"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_field_has_its_place(path: Path, templates: dict[str, formkit.Template]) -> None:
    """The runtime's contract: every scalar field, grid cell and roster column is addressable."""
    tpl = templates[path.stem]
    audit = Audit(render_html(tpl))
    for fid in tpl.fields:
        assert audit.find(data_fk_field=fid) and audit.find(data_fk_slot=fid)
    for gid, g in tpl.grids.items():
        for cell in g.cells.values():
            slot = f"{gid}.{cell.key}"
            assert audit.find(data_fk_cell=slot) and audit.find(data_fk_slot=slot)
    for tid, t in tpl.tables.items():
        assert audit.find(data_fk_table=tid)
        rows_template = audit.find(data_fk_row_template=tid)
        assert rows_template, "a roster carries a blank row template"
        for cid in t.columns:
            assert audit.find(data_fk_column=cid)


def test_page_loads_the_static_files_under_a_strict_csp() -> None:
    """SPEC §4: the full page references formkit.css and the formkit.js module, and sets a CSP."""
    html = render_html(example("labor_archive_stock"), page=True, static_url="/assets/fk/")
    assert html.startswith("<!DOCTYPE html>")
    audit = Audit(html)
    assert_safe(audit)
    assert audit.find(rel="stylesheet", href="/assets/fk/formkit.css")
    assert audit.find(type="module", src="/assets/fk/formkit.js")
    csp = audit.find(http_equiv="Content-Security-Policy")[0][1]["content"] or ""
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        render_html(example("labor_archive_stock"), mode="edit")


# -- the header, the footer, the values --------------------------------------------------------


def test_statistical_header_and_footer() -> None:
    """SPEC §4: 表号/制定机关/批准文号/有效期至 in the header; 填报单位/填报人/审核人/联系电话/报出日期
    in the footer, editable in fill mode except the reporting unit."""
    tpl = example("labor_archive_stock")
    audit = Audit(render_html(tpl, values={"values": {}, "org_name": "五角场街道", "period": "2026W45"}))
    text = audit.all_text()
    header = ("表号", "制定机关", "批准文号", "有效期至", "杨人社统12表", "2027-12-31", "2026年第45周", "五角场街道")
    for word in header:
        assert word in text
    for word in ("填报单位", "填报人", "审核人", "联系电话", "报出日期"):
        assert word in text
    footer = {a["data-fk-footer"]: t for t, a in audit.elements if a.get("data-fk-footer")}
    assert footer == {"org": "span", "filled_by": "input", "reviewed_by": "input", "phone": "input", "date": "input"}
    en = Audit(render_html(tpl, lang="en")).all_text()
    assert "Form no." in en and "Reviewed by" in en


def test_values_marks_and_issues_from_the_submission_json() -> None:
    """SPEC §5: values come in the submission's shape; `meta` marks where each came from (a
    correction shows its original); the server's issues stand next to their place."""
    tpl = example("elderly_care_facilities")
    data = {
        "values": {"beds": 120, "occupied": "98", "inst_count": 4, "new_beds": 2, "remark": "季末盘点"},
        "meta": {"beds": {"source": "corrected", "original": 110}, "inst_count": {"source": "confirmed"}},
        "confirm": ["inst_count"],
        "issues": [{"field": "new_beds", "row": None, "col": None, "rule": "max", "severity": "warning",
                    "message": "新增床位偏多"},
                   {"field": None, "row": None, "col": None, "rule": "stale", "severity": "error",
                    "message": "数据已更新，请刷新"}],
    }
    html = render_html(tpl, values=data)
    audit = Audit(html)
    beds = audit.find(data_fk_slot="beds")[0][1]
    assert beds["value"] == "120"
    box = re.search(r'data-fk-field="beds".*?</ul>', html, re.S)
    assert box and "已更正" in box.group(0) and "110" in box.group(0)
    confirm = audit.find(data_fk_confirm="inst_count")[0][1]
    assert confirm["aria-pressed"] == "true"
    issues = re.search(r'data-fk-field="new_beds".*?</ul>', html, re.S)
    assert issues and "新增床位偏多" in issues.group(0)
    summary = re.search(r"data-fk-summary-list>(.*?)</ul>", html, re.S)
    assert summary and "数据已更新，请刷新" in summary.group(1)
    state = audit.script_json("data-fk-state")
    assert state["payload"]["values"]["beds"] == "120" and state["payload"]["confirm"] == ["inst_count"]
    review = Audit(render_html(tpl, values=data, mode="review")).all_text()
    assert "季末盘点" in review and "已确认" in review


def test_last_period_values_reach_the_runtime() -> None:
    """`value: prev(closing)` is computed in the browser from the payload's `prev`: taken from
    the caller, else from the value shown (its original once corrected)."""
    tpl = example("labor_archive_stock")
    state = Audit(render_html(tpl, values={"values": {"opening": 7}})).script_json("data-fk-state")
    assert state["payload"]["prev"]["closing"] == "7"
    given = {"values": {"opening": 7}, "prev": {"closing": 9}}
    assert Audit(render_html(tpl, values=given)).script_json("data-fk-state")["payload"]["prev"] == {"closing": "9"}


def test_rosters_and_grids_show_their_rows() -> None:
    """SPEC §2.3: roster rows with their `_key` and masked values as given (SPEC §6); pool choice
    columns show their labels; grid totals are marked; a server issue lands in its cell."""
    tpl = example("disabled_persons_ledger")
    data = {
        "values": {"disabled_total": 12},
        "tables": {"severe": [
            {"_key": "P00017", "name": "张*", "id_card": "370602********1234", "sex": "M", "level": 1,
             "subsidy": "120.5"},
            {"_key": "P00018", "name": "李**", "id_card": "370602********5678", "sex": "F", "level": 2},
        ]},
        "grids": {"by_type": {"visual": {"grade_1": 1, "grade_2": 2}}},
        "issues": [{"field": "severe", "row": 1, "col": "subsidy", "rule": "max", "severity": "error",
                    "message": "不能大于 1000"},
                   {"field": "severe", "row": 0, "col": "subsidy", "rule": "required", "severity": "error",
                    "message": "此项必填"}],
    }
    html = render_html(tpl, values=data)
    audit = Audit(html)
    rows = [a for t, a in audit.elements if t == "tr" and "data-fk-row" in a]
    keys = [a["data-fk-key"] for a in rows if (a.get("data-fk-rid") or "").startswith("r")]
    assert keys[:2] == ["P00017", "P00018"]
    text = audit.all_text()  # read-only roster values are text, typed ones sit in inputs
    assert "张*" in text and "370602********1234" in text and "男" in text
    values = [a.get("value") for t, a in audit.elements if t == "input"]
    assert "120.50" in values and "张*" not in values
    cell = re.search(r'data-fk-rid="r1".*?data-fk-col="subsidy".*?</ul>', html, re.S)
    assert cell and "不能大于 1000" in cell.group(0)
    # A server `required` waits in a form to fill (formkit.js shows it once the place is left or a
    # submit is tried: issue 18, a fresh form is not covered in red); a review shows it at once.
    first = re.search(r'data-fk-rid="r0".*?data-fk-col="subsidy".*?</ul>', html, re.S)
    assert first and "此项必填" not in first.group(0)
    review = re.search(r'data-fk-rid="r0".*?data-fk-col="subsidy".*?</ul>', render_html(tpl, values=data,
                       mode="review"), re.S)
    assert review and "此项必填" in review.group(0)
    assert audit.find(data_fk_cell="by_type.visual.grade_1")
    grid_input = audit.find(data_fk_slot="by_type.visual.grade_1")[0][1]
    assert grid_input["value"] == "1" and "readonly" in grid_input
    totals = [a for t, a in audit.elements if t == "td" and "fk-total" in (a.get("class") or "")]
    assert totals
    review = Audit(render_html(tpl, values=data, mode="review")).all_text()
    assert "张*" in review and "370602********1234" in review and "男" in review


def test_flat_values_are_accepted() -> None:
    """SPEC §5: a flat {FIELD: VALUE} object is read too (grid cells as grid.row.col)."""
    tpl = example("elderly_population_grid")
    audit = Audit(render_html(tpl, values={"population": 900, "elderly.age_60_69.male": 31}))
    assert audit.find(data_fk_slot="population")[0][1]["value"] == "900"
    assert audit.find(data_fk_slot="elderly.age_60_69.male")[0][1]["value"] == "31"


def test_a_filled_form_is_rendered_from_its_json() -> None:
    """A Form (anything with .template and .to_json()) renders from its SPEC §5 JSON."""
    tpl = example("labor_archive_stock")

    class FakeForm:
        template = tpl

        def to_json(self) -> dict[str, Any]:
            return {"values": {"received": 5}, "period": "2026W45"}

    audit = Audit(render_html(FakeForm()))
    assert audit.find(data_fk_slot="received")[0][1]["value"] == "5"
    with pytest.raises(TypeError):
        render_html(object())  # type: ignore[arg-type]


@pytest.mark.parametrize(("period", "zh", "en"), [
    ("2026W05", "2026年第5周", "Week 5, 2026"),
    ("2026-10", "2026年10月", "October 2026"),
    ("2026Q3", "2026年第3季度", "Q3 2026"),
    ("2026", "2026年", "2026"),
    ("once", "", ""),
])
def testperiod_text(period: str, zh: str, en: str) -> None:
    assert period_text(period, "zh") == zh and period_text(period, "en") == en


# -- escaping ----------------------------------------------------------------------------------


def test_json_in_script_cannot_close_the_tag() -> None:
    text = str(script_json({"a": "</script><!--<b>&'\u2028"}))
    assert not set(text) & set("<>&'\u2028")
    assert json.loads(text) == {"a": "</script><!--<b>&'\u2028"}


def _xss_template(tmp_path: Path, v: str) -> formkit.Template:
    """A template with `v` in every text an author writes."""
    doc = {
        "formkit": 1, "id": "xss", "title": {"zh": v, "en": v}, "description": v, "form_no": v, "authority": v,
        "approval_no": v, "basis": v, "period": "monthly",
        "fields": [
            {"id": "a", "label": v, "help": v, "unit": v, "type": "integer", "required": True, "confirm": True,
             "value": 3},
            {"id": "b", "label": {"zh": v, "en": v}, "type": "choice", "choices": {"k1": v, v: v}},
            {"id": "m", "label": v, "type": "multichoice", "choices": {"k1": v, v: v}},
            {"id": "t", "label": v, "help": v, "type": "text"},
            {"id": "c", "label": v, "unit": v, "type": "integer", "calc": "a + 1"},
            {"id": "r", "label": v, "help": v, "type": "table", "columns": [
                {"id": "n", "label": v, "help": v, "unit": v, "type": "text"},
                {"id": "ch", "label": v, "type": "choice", "choices": {"x": v, v: v}},
            ]},
            {"id": "g", "label": v, "help": v, "unit": v, "type": "grid",
             "rows": [{"id": "r1", "label": v}, {"id": "tot", "label": v, "calc": "sum(col)"}],
             "columns": [{"id": "c1", "label": v}]},
        ],
        "rules": [{"id": "rule1", "check": "a > 0", "fields": ["a"], "message": {"zh": v, "en": v}}],
        "formats": [{"when": "a > 1", "fields": ["a"], "style": "warn"}],
    }
    path = tmp_path / "xss.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return formkit.load(path)


@pytest.fixture(scope="module")
def xss_templates(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], formkit.Template]:
    cache: dict[str, formkit.Template] = {}

    def get(vector: str) -> formkit.Template:
        if vector not in cache:
            cache[vector] = _xss_template(tmp_path_factory.mktemp("xss"), vector)
        return cache[vector]

    return get


def _xss_values(v: str) -> dict[str, Any]:
    """`v` in every value and text the server sends: typed values, keys, meta, issues, footer."""
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


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("vector", VECTORS)
def test_xss_vectors_stay_text(xss_templates: Callable[[str], formkit.Template], vector: str, mode: str) -> None:
    """SPEC §4: author and server text is data — escaped wherever it lands, never compiled as a
    template, never markup: no element, attribute or script comes from it."""
    tpl = xss_templates(vector)
    for page in (False, True):
        html = render_html(tpl, mode=mode, values=_xss_values(vector), page=page)
        audit = Audit(html)
        assert_safe(audit)
        assert_accessible(audit)
        if any(ch in vector for ch in "<>\"'&"):
            assert vector not in html, "the vector appears unescaped"
        strip = vector.strip()
        assert strip in audit.all_text(), "the vector is shown as text"
        if mode == "fill":
            values = [a.get("value") for t, a in audit.elements if t in ("input", "option")]
            assert vector in values or strip in values, "the vector is an input's value, as text"
        if "{{" in vector:
            assert "49" not in audit.all_text().replace(strip, "")
        state = audit.script_json("data-fk-state")
        assert state["payload"]["values"]["t"] == vector
        assert state["payload"]["tables"]["r"][0]["_key"] == vector


# -- theming -----------------------------------------------------------------------------------


def test_a_host_template_extends_formkit_and_overrides_blocks() -> None:
    """SPEC §4: hosts theme by overriding templates: {% extends "formkit/form.html.j2" %}."""
    host = jinja2.DictLoader({
        "host/form.html.j2": (
            '{% extends "formkit/form.html.j2" %}'
            '{% block title %}<h2 class="host-title" id="{{ prefix }}-title">{{ spec.title }} · 某区</h2>{% endblock %}'
            "{% block actions %}{% endblock %}"
        ),
    })
    tpl = example("labor_archive_stock")
    html = render_html(tpl, loader=host, template="host/form.html.j2")
    audit = Audit(html)
    assert audit.find(**{"class": "host-title"})
    assert "某区" in audit.all_text()
    assert not audit.find(data_fk_action="submit")
    assert audit.script_json("data-fk-plan") == template_plan(tpl)
    page = render_html(tpl, loader=host, template="host/form.html.j2", page=True)
    assert "host-title" in page and page.startswith("<!DOCTYPE html>")


# The `field` macro's markup, as the form template wrote it before render/html_fields.py.
_MACRO_FIELDS = jinja2.DictLoader({"macro/form.html.j2": (
    '{% extends "formkit/form.html.j2" %}{% block group %}'
    '{% import "formkit/macros.html.j2" as fk with context %}'
    '{% if group.kind == "fields" %}\n<div class="fk-fields">\n'
    "{% for f in group.fields %}{{ fk.field(f) }}\n{% endfor %}</div>\n"
    '{% elif group.kind == "table" %}\n{{ fk.roster(group) }}\n{% else %}\n{{ fk.grid(group) }}\n{% endif %}'
    "{% endblock %}"
)})

_FILLED = {  # values, a correction, a confirmation and issues: every dynamic part of a field
    "elderly_care_facilities": {
        "values": {"beds": 120, "occupied": "98", "inst_count": 4, "new_beds": 2, "remark": "季末盘点"},
        "meta": {"beds": {"source": "corrected", "original": 110}, "inst_count": {"source": "confirmed"},
                 "occupied": {"source": "made-up <b>"}},
        "confirm": ["inst_count"],
        "issues": [{"field": "new_beds", "row": None, "col": None, "rule": "max", "severity": "warning",
                    "message": "新增床位偏多"},
                   {"field": "beds", "row": None, "col": None, "rule": "r", "severity": "error", "message": "<i>"}],
    },
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGS)
def test_field_markup_is_the_field_macro(
    templates: dict[str, formkit.Template], xss_templates: Callable[[str], formkit.Template], lang: str, mode: str,
) -> None:
    """Scalar fields are written in Python (render/html_fields.py) for speed; the `field` macro
    stays for hosts. Both write the same bytes: every example empty and filled (by hand, as
    ``formkit demo`` fills it, and with typed values of every shape), and the XSS form."""
    cases: list[tuple[formkit.Template, Any]] = [(tpl, None) for tpl in templates.values()]
    cases += [(templates[name], data) for name, data in _FILLED.items()]
    cases += [(tpl, typed_values(tpl)) for tpl in templates.values()]
    cases += [(tpl, loads((GOLDEN / n / "demo.json").read_text(encoding="utf-8"))) for n, tpl in templates.items()]
    cases += [(xss_templates(v), _xss_values(v)) for v in VECTORS[:4]]
    for tpl, data in cases:
        fast = render_html(tpl, lang=lang, mode=mode, values=data)
        assert fast == render_html(tpl, lang=lang, mode=mode, values=data, loader=_MACRO_FIELDS,
                                   template="macro/form.html.j2"), tpl.id


# The `roster_cell` macro per cell, as the roster macro wrote every row before render/html_cells.py.
_MACRO_CELLS = jinja2.DictLoader({"cells/form.html.j2": (
    '{% extends "formkit/form.html.j2" %}{% block group %}'
    '{% import "formkit/macros.html.j2" as fk with context %}'
    '{% if group.kind == "fields" %}\n<div class="fk-fields">\n{{ group.html }}\n</div>\n'
    '{% elif group.kind == "table" %}\n{{ fk.roster(by_macro(group)) }}\n{% else %}\n{{ fk.grid(group) }}\n{% endif %}'
    "{% endblock %}"
)})


def _by_macro(group: dict[str, Any]) -> dict[str, Any]:
    """A roster's view without the cells' markup: a host's rows, which go through `roster_cell`."""
    rows = [{k: v for k, v in row.items() if k != "cells_html"} for row in group["rows"]]
    return {**{k: v for k, v in group.items() if k != "blank_html"}, "rows": rows}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGS)
def test_roster_cells_are_the_roster_cell_macro(
    templates: dict[str, formkit.Template], xss_templates: Callable[[str], formkit.Template], lang: str, mode: str,
) -> None:
    """Roster cells are written in Python (render/html_cells.py) for speed; the `roster_cell`
    macro stays for hosts' rows. Both write the same bytes: every example empty, typed (every
    shape of value) and as ``formkit demo`` fills it (issues on cells), and the XSS form."""
    html_environment(_MACRO_CELLS).globals["by_macro"] = _by_macro
    cases: list[tuple[formkit.Template, Any]] = [(tpl, None) for tpl in templates.values()]
    cases += [(tpl, typed_values(tpl)) for tpl in templates.values()]
    cases += [(tpl, loads((GOLDEN / n / "demo.json").read_text(encoding="utf-8"))) for n, tpl in templates.items()]
    cases += [(xss_templates(v), _xss_values(v)) for v in VECTORS[:4]]
    assert any(tpl.tables for tpl, _ in cases)
    for tpl, data in cases:
        fast = render_html(tpl, lang=lang, mode=mode, values=data)
        assert fast == render_html(tpl, lang=lang, mode=mode, values=data, loader=_MACRO_CELLS,
                                   template="cells/form.html.j2"), tpl.id


# A host's body that reads every view item: `items`, and `group.fields` of each run of fields.
_READS_ITEMS = jinja2.DictLoader({"reads/form.html.j2": (
    '{% extends "formkit/form.html.j2" %}{% block body %}{{ seen.append(items|list) or "" }}'
    '{% for group in groups %}{% if group.kind == "fields" %}{{ seen.append(group.fields|list) or "" }}'
    '{{ fields.append(group.fields) or "" }}{% for f in group.fields %}{{ fk.field(f) }}\n{% endfor %}'
    "{% endif %}{% endfor %}{% endblock %}"
)})


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGS)
def test_host_templates_read_the_same_items(templates: dict[str, formkit.Template], lang: str, mode: str) -> None:
    """Scalar fields' item dicts are made only when a host template reads them (`items`,
    `group.fields`): what it reads is what the view made up front before, key for key, with
    the issues placed at each field (taken once: a second take would find them placed)."""
    env = html_environment(_READS_ITEMS)
    cases = [(templates[name], data) for name, data in _FILLED.items()]
    cases += [(tpl, loads((GOLDEN / n / "demo.json").read_text(encoding="utf-8"))) for n, tpl in templates.items()]
    for tpl, data in cases:
        seen: list[list[dict[str, Any]]] = []
        fields: list[Any] = []
        env.globals.update(seen=seen, fields=fields)
        render_html(tpl, lang=lang, mode=mode, values=data, loader=_READS_ITEMS, template="reads/form.html.j2")
        # The old way: every item made up front, issues taken per item in the spec's order.
        prefix = f"fk-{tpl.id}"
        view = _View(tpl, _Static(tpl, lang, mode, prefix), _State.of(tpl, data), lang=lang, mode=mode, prefix=prefix)
        old: list[dict[str, Any]] = []
        for spec in view.spec["items"]:
            if spec["kind"] == "field":
                old.append(view.field_item(spec, view.take_issues(spec["id"], None, None)))
            else:
                old.append(view.table(spec) if spec["kind"] == "table" else view.grid(spec))
        assert seen[0] == old, tpl.id
        assert [f for run in seen[1:] for f in run] == [i for i in old if i["kind"] == "field"], tpl.id
        # `items` and `group.fields` hold the same dicts (one made per field), as before.
        assert all(any(f is i for i in seen[0]) for run in seen[1:] for f in run)
        if data is _FILLED.get(tpl.id):  # issues placed at fields reach their items
            assert sum(bool(i["issues"]) for i in old if i["kind"] == "field") == 2
        # group.html is the fields' markup; the sequence acts as the list it was.
        context = _View(tpl, _Static(tpl, lang, mode, prefix), _State.of(tpl, data), lang=lang, mode=mode,
                        prefix=prefix).context()
        for group in context["groups"]:
            if group["kind"] == "fields":
                assert group["html"] == "\n".join(f["html"] for f in group["fields"])
        for run in fields:
            as_list = list(run)
            assert run == as_list and len(run) == len(as_list) and bool(run)
            assert run + as_list == as_list * 2 and as_list + run == as_list * 2
            assert run[0] is as_list[0] and run[-1:] == as_list[-1:] and as_list[0] in run
            run.append({"kind": "x"})
            assert run[-1] == {"kind": "x"}


def test_kept_markup_does_not_leak_between_renders() -> None:
    """The value-free markup is kept per template: a filled render after an empty one (and the
    other way round) shows its own values, and a changed item does not reach the next render."""
    tpl = example("elderly_care_facilities")
    empty = render_html(tpl)
    filled = render_html(tpl, values=_FILLED["elderly_care_facilities"])
    assert filled != empty and render_html(tpl) == empty
    assert render_html(tpl, values=_FILLED["elderly_care_facilities"]) == filled
    assert render_html(tpl, id_prefix="other") != empty and render_html(tpl) == empty
    host = jinja2.DictLoader({"meddle/form.html.j2": (
        '{% extends "formkit/form.html.j2" %}{% block group %}{% for f in group.fields or [] %}'
        "{{ f.mark.update(source='x') or '' }}{{ f.chosen.append('y') or '' }}{% endfor %}{% endblock %}"
    )})
    render_html(tpl, loader=host, template="meddle/form.html.j2")
    assert render_html(tpl) == empty

def test_templates_never_mark_text_safe() -> None:
    """Author text is never |safe, never compiled: the templates hold no |safe and no autoescape off."""
    folder = Path(formkit.__file__).parent / "render" / "templates"
    for path in folder.glob("*.html.j2"):
        source = path.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source, path.name
        assert re.search(r"\bon[a-z]+=", source) is None, f"{path.name} has an event handler attribute"
        assert "<script>" not in source and "style=" not in source, path.name


def _classes_and_variables(css: str) -> tuple[set[str], set[str]]:
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    body = re.sub(r"url\([^)]*\)", "", body)
    classes = set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"\d+\.\d+", "", body)))
    variables = set(re.findall(r"(?<![\w-])(--[\w-]+)", body))
    return classes, variables


def test_css_is_prefixed() -> None:
    """Classes start with fk-, CSS variables with --fk-: no clash with the host's CSS."""
    classes, variables = _classes_and_variables((static_dir() / "formkit.css").read_text(encoding="utf-8"))
    assert classes and all(c.startswith("fk-") for c in classes), sorted(c for c in classes if not c.startswith("fk-"))
    assert variables and all(v.startswith("--fk-") for v in variables)
    assert "@page" in (static_dir() / "formkit.css").read_text(encoding="utf-8")


def _rendered_classes(templates: dict[str, formkit.Template]) -> Iterator[str]:
    for tpl in templates.values():
        for mode in MODES:
            for _, attrs in Audit(render_html(tpl, mode=mode, page=True)).elements:
                yield from (attrs.get("class") or "").split()


def test_rendered_classes_are_prefixed(templates: dict[str, formkit.Template]) -> None:
    """Every class formkit puts in its HTML starts with fk- (an author's format class is the
    author's, and is added by the runtime)."""
    assert all(c.startswith("fk-") for c in _rendered_classes(templates))


# -- the static runtime ------------------------------------------------------------------------


def test_static_files_ship_with_the_package() -> None:
    """SPEC §4: hosts serve formkit.js (which imports formkit-eval.js) and formkit.css."""
    folder = static_dir()
    for name in ("formkit.js", "formkit-eval.js", "formkit.css"):
        assert (folder / name).is_file()
    js = (folder / "formkit.js").read_text(encoding="utf-8")
    assert "from './formkit-eval.js'" in js
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S)
    for forbidden in ("eval(", "new Function", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                      "setAttribute('on", "style="):
        assert forbidden not in code, forbidden
    for event in ("formkit:", "'ready'", "'change'", "'submit'", "'draft'", "'invalid'"):
        assert event in js


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_runtime_is_a_valid_es_module(tmp_path: Path) -> None:
    """formkit.js parses as an ES module (node), and its helpers accept Chinese input habits."""
    # Every module of the runtime, as .mjs (node reads .js as CommonJS), its imports renamed alike.
    for path in static_dir().glob("*.js"):
        text = re.sub(r"""(['"]\./[\w-]+)\.js(['"])""", r"\1.mjs\2", path.read_text(encoding="utf-8"))
        (tmp_path / f"{path.stem}.mjs").write_text(text, encoding="utf-8")
    probe = tmp_path / "probe.mjs"
    probe.write_text(
        "import { normalizeNumber, normalizeInput, halfWidth } from './formkit.mjs';\n"
        "console.log(JSON.stringify([normalizeNumber('１，２３４．５０'), normalizeNumber(' 12。5 '),"
        " normalizeNumber('−３'), normalizeInput('id_card', '１１０１０５１９４９１２３１００２ｘ'),"
        " normalizeInput('phone', '１３８ ０００'), halfWidth('ＡＢ　c')]));\n",
        encoding="utf-8",
    )
    out = subprocess.run(["node", str(probe)], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(out.stdout) == ["1234.50", "12.5", "-3", "11010519491231002X", "138 000", "AB c"]


def test_pages_are_the_same_bytes_in_every_process() -> None:
    """Hosts cache and compare rendered pages: nothing in them may follow Python's per-process
    hash seed (set iteration order once leaked into the plan's evaluation order)."""
    script = (
        "import hashlib, formkit\n"
        "h = hashlib.sha256()\n"
        "for p in sorted(formkit.examples_dir().glob('*.yaml')):\n"
        "    if p.name.count('.') == 1:  # templates, not the pool or the element dictionary\n"
        "        h.update(formkit.render_html(formkit.load(p), page=True).encode())\n"
        "print(h.hexdigest())\n"
    )
    digests = {
        subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
