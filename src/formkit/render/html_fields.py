"""HTML of a scalar field, written in Python from escaped parts: the ``field`` macro's markup.

A form is mostly scalar fields, and each one through jinja2 cost four nested macro calls (a new
context each, attribute lookups on dicts): about ten times a plain ``<label><input>`` loop. Here
the parts that do not depend on the values (ids, labels, help, units, classes) are escaped once
per template, language, mode and id prefix (:class:`FieldParts`, cached by render/html.py), and
a render only escapes what the values, marks and issues put in. ``formkit/macros.html.j2``
keeps the ``field`` macro for hosts that build their own layout; tests/test_render_html.py
checks that both write the same bytes for every example, so they cannot drift apart.

Every text here is data: it passes through :func:`markupsafe.escape` where it lands, and only
strings assembled from escaped parts and our own literals become :class:`~markupsafe.Markup`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from formkit.render.spec import JSON

__all__ = ["FieldParts", "control_html", "field_html", "fields_html", "issues_html", "value_html"]


def _e(value: object) -> str:
    # Most values of an empty form are "", and most others a str escape() would not change
    # (numbers, names): skip the call (a form has thousands of them).
    if not value:
        return ""
    if type(value) is str and not _SPECIAL(value):
        return value
    return str(escape(value))


# formkit's own sources: the only ones whose markup is kept per field (a server's meta may name
# any source, and what it names must not grow the cache).
_KNOWN_SOURCES = frozenset(("input", "pool", "derived", "prev", "value", "calc", "typed", "confirmed",
                            "corrected"))


class FieldParts:
    """The escaped markup of one field that its value, mark and issues do not change."""

    __slots__ = ("attrs_tail", "choices", "confirm", "control", "described", "dom", "fid", "head", "labelled",
                 "labels", "marks", "no_issues", "required_attr", "rest", "spellcheck", "splits", "type")

    def __init__(self, f: JSON, *, fill: bool) -> None:
        dom, typ = _e(f["dom_id"]), f["type"]
        self.dom = dom
        self.fid = _e(f["id"])
        self.type = typ
        self.confirm = bool(f["confirm"])
        editable = bool(f["editable"])
        # Which branch of the ``control`` macro the field takes; fixed by the mode and the spec.
        if not fill:
            self.control = "text"
        elif not editable:
            self.control = "readonly"
        elif typ == "multichoice":
            self.control = "multichoice"
        elif typ in ("choice", "boolean"):
            self.control = "select"
        else:
            self.control = "input"
        self.labelled = fill and (not editable or typ != "multichoice")
        required = f["required"] is True
        hidden = " hidden" if f["visible"] is False else ""
        label = (f'<label class="fk-label" id="{dom}-label" for="{dom}">' if self.labelled
                 else f'<span class="fk-label" id="{dom}-label">')
        label += _e(f["label"]) + '<span class="fk-req" aria-hidden="true">*</span>'
        label += "</label>" if self.labelled else "</span>"
        help_ = f'<p class="fk-help" id="{dom}-help">{_e(f["help"])}</p>' if f["help"] else ""
        # After the source class: required, then (per render) the first issue's severity.
        self.head = (" fk-is-required" if required else "",
                     f'" data-fk-field="{self.fid}"{hidden}>\n<div class="fk-field-label">\n{label}{help_}</div>\n'
                     '<div class="fk-field-value">\n<div class="fk-control">\n')
        self.described = (f"{dom}-issues" + (f" {dom}-help" if f["help"] else "")
                          + (f" {dom}-unit" if f["unit"] else ""))
        self.attrs_tail = f'id="{dom}" data-fk-slot="{self.fid}" data-fk-type="{_e(typ)}" aria-describedby="'
        self.required_attr = ' aria-required="true"' if required and self.control != "text" else ""
        unit = f'<span class="fk-unit" id="{dom}-unit">{_e(f["unit"])}</span>' if f["unit"] else ""
        self.rest = f"\n{unit}</div>\n" '<div class="fk-field-aside">\n'
        self.choices = [(_e(c["key"]), c["key"], _e(c["label"])) for c in f["choices"] or []]
        self.no_issues = issues_html((), dom + "-issues")
        self.spellcheck = ' spellcheck="false"' if f["pattern"] else ""
        self.marks: dict[str, tuple[str, str]] = {}  # source → (escaped source, mark span), see _mark
        self.labels = {c["key"]: c["label"] for c in f["choices"] or []}  # choice labels by key, for display
        # (source, base, shown, blank) → the markup before and after the value, see value_html
        self.splits: dict[tuple[str, str, bool, bool], tuple[str, str] | None] = {}


def _mark(p: FieldParts, mark: Mapping[str, Any]) -> tuple[str, str]:
    """The field's escaped source and its mark's span (empty when not shown)."""
    source = mark["source"]
    known = source in _KNOWN_SOURCES and mark["base"] in _KNOWN_SOURCES
    key = f"{source} {mark['base']} {mark['show']}"
    if known and key in p.marks:
        return p.marks[key]
    src = _e(source)
    span = (f'<span class="fk-mark fk-mark--{src}" id="{p.dom}-mark" data-fk-mark data-fk-source="{src}"'
            f' data-fk-base="{_e(mark["base"])}" title="{_e(mark["long"])}">{_e(mark["label"])}</span>'
            if mark["show"] else "")
    if known:  # label and long are formkit's words for the source, the same in every render
        p.marks[key] = (src, span)
    return src, span


def field_html(p: FieldParts, f: Mapping[str, Any], ui: Mapping[str, str]) -> Markup:
    """The ``field`` macro of ``formkit/macros.html.j2`` for the view item ``f``."""
    mark, issues = f["mark"], f["issues"]
    has = f" fk-has-{_e(issues[0]['severity'])}" if issues else ""
    invalid = ' aria-invalid="true"' if any(i["severity"] == "error" for i in issues) else ""
    described = p.described + (f' {p.dom}-mark"' if mark["show"] else '"')
    common = p.attrs_tail + described + p.required_attr + invalid
    source, span = _mark(p, mark)
    control = control_html(f, common, ui, kind=p.control, typ=p.type, dom=p.dom, choices=p.choices,
                           spellcheck=p.spellcheck)
    out = ['<div class="fk-field fk-source-', source, p.head[0], has, p.head[1], control, p.rest, span, "\n"]
    if p.confirm:
        original = mark["original"]
        out.append(f'<span class="fk-original" data-fk-original="{_e(mark["original_input"] or "")}"'
                   f'{"" if original else " hidden"}>{_e(ui["original"])} <span data-fk-original-text>'
                   f'{_e(original or "")}</span></span>\n')
        if p.control != "text":  # fill mode: the confirm button
            pressed, word = ("true", ui["confirmed"]) if f["confirmed"] else ("false", ui["confirm"])
            out.append(f'<button type="button" class="fk-button fk-button--small fk-confirm" data-fk-confirm='
                       f'"{p.fid}" aria-pressed="{pressed}" aria-describedby="{p.dom}-label">{_e(word)}</button>')
    out += ["</div>\n", issues_html(issues, p.dom + "-issues") if issues else p.no_issues, "\n</div>\n</div>"]
    return Markup("".join(out))  # every part above is escaped or our own literal


_HOLE = "\x00"  # stands for the value while a field's markup around it is made; escape() keeps it


def value_html(p: FieldParts, mark: Mapping[str, Any], blank: bool, text: str, input_: str) -> Markup | None:
    """A filled field without issues or confirmation (most of a filled form) as the markup
    around its value, made once per source and blankness by :func:`field_html` and kept, with
    the escaped value in between: the same bytes at a fraction of the cost. None when the
    field needs :func:`field_html` (issues, confirm, a choice control, a source not formkit's)."""
    if p.confirm or p.control not in ("input", "text", "readonly"):
        return None
    source, base = mark["source"], mark["base"]
    if source not in _KNOWN_SOURCES or base not in _KNOWN_SOURCES:
        return None  # what a server's meta names must not grow the cache
    key = (source, base, bool(mark["show"]), blank)
    if key not in p.splits:
        # label and long are formkit's words for a known source: the same in every render.
        probe = {"mark": mark, "issues": (), "blank": blank, "text": _HOLE, "input": _HOLE, "chosen": (),
                 "confirmed": False}
        whole = str(field_html(p, probe, {}))
        parts = whole.split(_HOLE)
        # An author's text holding the stand-in would split wrongly: such a field keeps the slow path.
        p.splits[key] = (parts[0], parts[1]) if len(parts) == 2 else None
    split = p.splits[key]
    if split is None:
        return None
    value = input_ if p.control == "input" else text
    if value and _SPECIAL(value):  # escape() would change it; numbers (most values) never do
        value = str(escape(value))
    return _markup(split[0] + value + split[1])


_SPECIAL = re.compile("[&<>'\"]").search  # exactly the characters markupsafe.escape replaces


def _markup(text: str) -> Markup:
    """Markup of a str this module assembled from escaped parts and its own literals, made
    without Markup.__new__'s Python-level check for ``__html__`` (a str has none): a filled
    form makes one per field."""
    return str.__new__(Markup, text)


def fields_html(htmls: Sequence[str]) -> Markup:
    """A run of scalar fields' markup, a newline between them (the form template writes the last one)."""
    # str.join of Markup items is a plain str: no escape() per field on the way.
    return Markup("\n".join(htmls))


def control_html(f: Mapping[str, Any], common: str, ui: Mapping[str, str], *, kind: str, typ: str, dom: str,
                 choices: Sequence[tuple[str, str, str]], spellcheck: str, labelled_by: bool = True) -> str:
    """The ``control`` macro: ``f``'s shown value (``text``, ``input``, ``chosen``, ``blank``) in
    the control ``kind``, ``common`` its shared attributes; also a roster cell's
    (render/html_cells.py: ``labelled_by`` false there, a cell's checkboxes have an aria-label)."""
    if kind == "text":
        blank = " fk-value--blank" if f["blank"] else ""
        return f'<span class="fk-value{blank}" {common}>{_e(f["text"])}</span>'
    if kind == "readonly":
        number = " fk-input--number" if typ in ("integer", "decimal") else ""
        # tabindex -1: Tab goes from one box to fill to the next, past computed and pre-filled ones.
        return (f'<input class="fk-input fk-input--{_e(typ)}{number} fk-input--readonly" type="text" readonly'
                f' tabindex="-1" value="{_e(f["text"])}" {common}>')
    chosen: Sequence[str] = f["chosen"]
    if kind == "multichoice":
        boxes = "".join(
            f'<span class="fk-choice"><input type="checkbox" id="{dom}-c{n}" value="{key}" data-fk-choice'
            f'{" checked" if raw in chosen else ""}><label for="{dom}-c{n}">{label}</label></span>'
            for n, (key, raw, label) in enumerate(choices, 1))
        labelled = f' aria-labelledby="{dom}-label"' if labelled_by else ""
        return f'<fieldset class="fk-choices" {common}{labelled}>{boxes}</fieldset>'
    if kind == "select":
        first = f'<select class="fk-input fk-input--{_e(typ)}" {common}>\n<option value="">{_e(ui["choose"])}</option>'
        if typ == "boolean":
            yes = " selected" if "true" in chosen else ""
            no = " selected" if "false" in chosen else ""
            return (f'{first}<option value="true"{yes}>{_e(ui["yes"])}</option>\n'
                    f'<option value="false"{no}>{_e(ui["no"])}</option></select>')
        options = "".join(f'<option value="{key}"{" selected" if raw in chosen else ""}>{label}</option>'
                          for key, raw, label in choices)
        return f"{first}{options}</select>"
    value = _e(f["input"])
    if typ == "date":
        # Text, not type=date: a date box shows the browser's own format (mm/dd/yyyy on an English
        # browser), whatever the page's language; this one reads 年-月-日 (formkit.js takes 2026/10/1 too).
        return (f'<input class="fk-input fk-input--date" type="text" inputmode="numeric" maxlength="10"'
                f' placeholder="{_e(ui["date_placeholder"])}" autocomplete="off" value="{value}" {common}>')
    if typ in ("integer", "decimal"):
        mode = "numeric" if typ == "integer" else "decimal"
        return (f'<input class="fk-input fk-input--number" type="text" inputmode="{mode}" autocomplete="off"'
                f' value="{value}" {common}>')
    if typ == "id_card":
        return (f'<input class="fk-input fk-input--id_card" type="text" maxlength="18" autocomplete="off"'
                f' spellcheck="false" value="{value}" {common}>')
    if typ == "phone":
        return f'<input class="fk-input fk-input--phone" type="tel" autocomplete="off" value="{value}" {common}>'
    return f'<input class="fk-input fk-input--text" type="text" value="{value}"{spellcheck} {common}>'


def issues_html(issues: Sequence[Mapping[str, Any]], dom_id: str) -> str:
    """The ``issues`` macro: the issues of one place (``dom_id`` is already escaped)."""
    items = "".join(
        f'<li class="fk-issue fk-issue--{_e(i["severity"])}" data-fk-rule="{_e(i["rule"])}">'
        f'<span class="fk-issue-kind">{_e(i["label"])}</span>{_e(i["message"])}</li>' for i in issues)
    return f'<ul class="fk-issues" id="{dom_id}" data-fk-issues{"" if issues else " hidden"}>{items}</ul>'
