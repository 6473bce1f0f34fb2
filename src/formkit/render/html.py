"""HTML: a checked template (or a filled form) as an embeddable, accessible HTML form (SPEC §4).

The fragment is rendered by jinja2 with autoescape from the form spec (render/spec.py) plus the
values (scalar fields' markup is written by render/html_fields.py, the hot path); every text a
template's author or the server wrote is data, escaped where it lands and never compiled as a
template. The fragment holds no code: the compiled plan and the form's state
travel in ``<script type="application/json">`` tags (``<``, ``>``, ``&`` written as ``\\u003c``…),
and the static runtime ``formkit.js`` (served by hosts from :func:`static_dir`) binds to them, so
the form works under ``Content-Security-Policy: script-src 'self'``.

Hosts theme it with ``--fk-*`` CSS variables and by overriding templates: pass a jinja2 loader
whose templates ``{% extends "formkit/form.html.j2" %}`` and override its blocks.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from formkit.core.memo import per_object
from formkit.document.model import pick_label
from formkit.language import ast
from formkit.meaning.template import Template
from formkit.render.html_cells import ColumnParts, LazyCells, cell_html, cells_html, plain_cell_html
from formkit.render.html_cells import escaped as _esc
from formkit.render.html_fields import FieldParts, field_html, fields_html, value_html
from formkit.render.html_items import ItemViews, LazyItems
from formkit.render.html_values import blank as _blank
from formkit.render.html_values import display as _display
from formkit.render.html_values import input_text as _input_text
from formkit.render.html_values import json_value as _json_value
from formkit.render.html_values import meta_json, period_text, shown
from formkit.render.spec import JSON, _FormLike, cached_spec, template_of, ui_text

__all__ = ["MODES", "html_environment", "render_html", "script_json", "static_dir"]

MODES = ("fill", "review", "print")
_SOURCES = ("pool", "derived", "prev", "value", "calc", "typed", "confirmed", "corrected")
_HTML_LANG = {"zh": "zh-CN", "en": "en"}
_NO_META: Mapping[str, Any] = {}  # never changed: read by _View.field for fields without meta
_PERIOD = re.compile(r"[0-9]{4}(W[0-9]{2}|-[0-9]{2}|Q[1-4])?")  # `once` has no dates: the runtime uses today


def static_dir() -> Path:
    """The static files hosts serve: ``formkit.js``, ``formkit-eval.js``, ``formkit.css``."""
    return Path(str(resources.files("formkit") / "static"))


# -- jinja ----------------------------------------------------------------------------------------


# json.dumps(data, ensure_ascii=False, separators=(",", ":")), without a new encoder per call
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def script_json(data: object) -> Markup:
    """JSON for a ``<script type="application/json">``: ``<``, ``>``, ``&``, ``'`` and the JS
    line separators escaped, so no text inside can close the tag or open a comment."""
    if isinstance(data, _KeptJSON | _StateJSON):
        return data.script()
    text = _ENCODER.encode(data)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return Markup(text)  # our own JSON, escaped above: it holds no markup


class _KeptJSON(dict[str, Any]):
    """A JSON object kept per template and never changed (the plan), written out once: at 1,000
    fields the plan's JSON costs more than a plain HTML form does."""

    __slots__ = ("_script",)

    def script(self) -> Markup:
        if not hasattr(self, "_script"):
            self._script = script_json(dict(self))
        return self._script


class _StateJSON(dict[str, Any]):
    """The state object of one render, written with the JSON of its per-template parts (the UI
    words and choice labels) kept: the same text as :func:`script_json` of the whole, since
    every character it escapes is escaped alike wherever it stands."""

    __slots__ = ("_kept",)

    def __init__(self, data: dict[str, Any], kept: Mapping[str, tuple[object, Markup]]) -> None:
        super().__init__(data)
        self._kept = kept  # key → (the value it was written from, its JSON)

    def script(self) -> Markup:
        pieces: list[str] = []
        run: dict[str, Any] = {}  # keys written now, in one call: "{...}" without its braces
        for key, value in self.items():
            kept = self._kept.get(key)
            # Equal to what was written (a host may have changed it): the kept text, else written now.
            if kept is not None and kept[0] == value:
                if run:
                    pieces.append(script_json(run)[1:-1])
                    run = {}
                pieces.append(f"{script_json(key)}:{kept[1]}")
            else:
                run[key] = value
        if run:
            pieces.append(script_json(run)[1:-1])
        return Markup("{" + ",".join(pieces) + "}")  # pieces of our own escaped JSON


def _fill(text: str, **values: object) -> str:
    """A formkit UI string with its ``{n}``-style holes filled (never a template)."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def html_environment(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """The environment formkit renders with: autoescape on, formkit's templates under the name
    ``formkit/…``, and a host's ``loader`` tried first (one environment per loader, kept)."""
    return _environment(loader)


@functools.lru_cache(maxsize=32)
def _environment(loader: jinja2.BaseLoader | None) -> jinja2.Environment:
    own = jinja2.PrefixLoader({"formkit": jinja2.PackageLoader("formkit", "render/templates")})
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([loader, own]) if loader is not None else own,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,
    )
    env.filters["fk_json"] = script_json
    env.filters["fk_fill"] = _fill
    return env


# The due date's label (SPEC §9: the due date on the form); shown only when the server gives one.
_DUE = {"zh": "报送截止", "en": "Due"}


_NOTES = {"zh": "审核意见", "en": "Reviewer's notes"}


def _note_places(tpl: Template, notes: Sequence[Mapping[str, Any]], lang: str) -> list[JSON]:
    """Each reviewer's note with its place named as the form names it (field, grid cell as
    ``label · row · column``, roster row and column) and its key (``field.row.col``)."""
    out: list[JSON] = []
    for n in notes:
        fid, row, col = n.get("field"), n.get("row"), n.get("col")
        parts: list[str] = []
        if fid in tpl.grids:
            g = tpl.grids[fid]
            cell = g.cells.get((str(row), str(col)))
            parts = [pick_label(g.model.label, lang)] + ([pick_label(cell.row.label, lang),
                                                          pick_label(cell.col.label, lang)] if cell else [])
        elif fid in tpl.tables:
            t = tpl.tables[fid]
            parts = [pick_label(t.model.label, lang)]
            if row is not None:
                parts.append(_ROW_N.get(lang, _ROW_N["zh"]).format(n=row + 1) if isinstance(row, int) else str(row))
            if col is not None and col in t.columns:
                parts.append(pick_label(t.columns[col].model.label, lang))
        elif fid in tpl.fields:
            parts = [pick_label(tpl.fields[fid].model.label, lang)]
        key = ".".join(str(x) for x in (fid, row, col) if x is not None)
        out.append({"key": key, "where": " · ".join(parts) or key, "note": str(n.get("note") or "")})
    return out


_ROW_N = {"zh": "第{n}行", "en": "row {n}"}


# -- entry point ----------------------------------------------------------------------------------


FILTER_ROWS = 10  # a roster this long gets a filter box above it (issue 18: find one's row in 40)


def render_html(
    form_or_template: Template | _FormLike,
    *,
    lang: str = "zh",
    mode: str = "fill",
    page: bool = False,
    values: Mapping[str, Any] | None = None,
    loader: jinja2.BaseLoader | None = None,
    template: str = "formkit/form.html.j2",
    page_template: str = "formkit/page.html.j2",
    static_url: str = "static/",
    id_prefix: str | None = None,
    classic: bool = False,
) -> str:
    """The form as an HTML fragment (``page=True``: a whole page that loads the CSS and JS from
    ``static_url``; with ``classic`` the JS as one classic script, ``formkit.classic.js``, which
    a page opened from disk runs where it would refuse modules: render/classic.py).

    ``form_or_template``: a Template (rendered empty, or from ``values`` in the SPEC §5 JSON
    shape, or a flat ``{field: value}``), or a filled form (anything with ``.template`` and
    ``.to_json()``; ``values`` then override its JSON). ``mode``: ``fill`` (inputs), ``review``
    (values with their sources and issues, read-only) or ``print`` (read-only, A4). Values are
    shown as given: the server masks personal data before it renders.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    tpl = template_of(form_or_template)
    data: dict[str, Any] = {}
    if not isinstance(form_or_template, Template):
        data.update(form_or_template.to_json())
    data.update(values or {})
    prefix = id_prefix or f"fk-{tpl.id}"
    static = per_object(tpl, ("html", lang, mode, prefix), lambda: _Static(tpl, lang, mode, prefix))
    view = _View(tpl, static, _State.of(tpl, data), lang=lang, mode=mode, prefix=prefix)
    context = view.context()
    env = html_environment(loader)
    if page:
        # On a page of its own the form's title is the page's <h1>; embedded, the host has one.
        context.update(form_template=template, static_url=static_url, heading=1, classic=classic)
        return env.get_template(page_template).render(context)
    return env.get_template(template).render(context)


# -- the values -----------------------------------------------------------------------------------


class _State:
    """The values to show, read from the SPEC §5 JSON shape (or a flat ``{field: value}``)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.tables: dict[str, list[Mapping[str, Any]]] = {}
        self.grids: dict[str, Mapping[str, Mapping[str, Any]]] = {}
        self.meta: dict[str, Mapping[str, Any]] = {}
        self.issues: list[Mapping[str, Any]] = []
        self.confirm: list[str] = []
        self.prev: dict[str, Any] = {}
        self.footer: dict[str, Any] = {}
        self.header: dict[str, Any] = {}
        self.due: str | None = None
        self.notes: list[Mapping[str, Any]] = []  # a returned form's reviewer notes (SPEC §9)

    @classmethod
    def of(cls, tpl: Template, data: Mapping[str, Any]) -> _State:
        st = cls()
        shaped = isinstance(data.get("values"), Mapping)
        flat: Mapping[str, Any] = data["values"] if shaped else data
        st.values = {k: v for k, v in flat.items() if k in tpl.fields}
        tables = data.get("tables") if shaped else data
        grids = data.get("grids") if shaped else data
        st.tables = {t: [r for r in _seq(tables, t) if isinstance(r, Mapping)] for t in tpl.tables}
        for gid in tpl.grids:
            nested = grids.get(gid) if isinstance(grids, Mapping) else None
            st.grids[gid] = nested if isinstance(nested, Mapping) else {}
            for key, v in flat.items():  # grid cells given as ``grid.row.col``
                parts = key.split(".")
                if len(parts) == 3 and parts[0] == gid:
                    st.grids[gid] = {**st.grids[gid], parts[1]: {**st.grids[gid].get(parts[1], {}), parts[2]: v}}
        if shaped:
            st.meta = {k: v for k, v in (data.get("meta") or {}).items() if isinstance(v, Mapping)}
            st.issues = [i for i in data.get("issues") or [] if isinstance(i, Mapping)]
            st.confirm = [str(c) for c in data.get("confirm") or []]
            st.footer = dict(data.get("footer") or {})
            st.header = {k: data.get(k) for k in ("org", "org_name", "period", "revision", "submission", "state")}
        if isinstance(data.get("due"), str | dt.date):  # the period's due date, when the server gives it
            st.due = str(data["due"])
        st.notes = [n for n in data.get("notes") or [] if isinstance(n, Mapping)] if shaped else []
        st.prev = dict(data.get("prev") or {}) or _derived_prev(tpl, st)
        if not st.footer.get("org"):
            st.footer["org"] = st.header.get("org_name") or st.header.get("org")
        return st

    def payload(self) -> JSON:
        """What ``createForm(plan, payload)`` loads (formkit-eval.js)."""
        out: JSON = {
            "values": {k: _json_value(v) for k, v in self.values.items()},
            "tables": {t: [{k: _json_value(v) for k, v in r.items()} for r in rows] for t, rows in self.tables.items()},
            "grids": {g: {r: {c: _json_value(v) for c, v in cols.items()} for r, cols in rows.items()
                          if isinstance(cols, Mapping)} for g, rows in self.grids.items()},
            "prev": {k: _json_value(v) for k, v in self.prev.items()},
            "confirm": list(self.confirm),
        }
        period = self.header.get("period")
        if isinstance(period, str) and _PERIOD.fullmatch(period):
            out["period"] = period
        return out


def _seq(data: object, key: str) -> Sequence[Any]:
    found = data.get(key) if isinstance(data, Mapping) else None
    return found if isinstance(found, list | tuple) else ()


def _derived_prev(tpl: Template, st: _State) -> dict[str, Any]:
    """Last period's values behind ``value: prev(x)`` fields, when the caller did not give
    ``prev``: the field's shown value (or, once corrected, its original)."""
    out: dict[str, Any] = {}
    for fid, target in per_object(tpl, ("html", "prev fields"), lambda: _prev_fields(tpl)):
        if fid in st.values:
            meta = st.meta.get(fid, {})
            out[target] = meta["original"] if "original" in meta else st.values[fid]
    return out


def _prev_fields(tpl: Template) -> list[tuple[str, str]]:
    """(field, target) of each ``value: prev(target)`` field: found once per template, not per render."""
    out = []
    for fid, f in tpl.fields.items():
        node = f.value.node if f.value is not None else None
        if isinstance(node, ast.Prev) and isinstance(node.target.ref, ast.FieldRef):
            out.append((fid, node.target.ref.field))
    return out


# -- the view ------------------------------------------------------------------------------------


class _Static:
    """What a render of one template shows whatever the values: kept per template, language,
    mode and id prefix (``formkit.core.memo``). Shared between renders: never changed."""

    def __init__(self, tpl: Template, lang: str, mode: str, prefix: str) -> None:
        self.spec = cached_spec(tpl, lang)
        self.plan = _KeptJSON(self.spec["plan"])
        self.ui = ui_text(lang)
        fill = mode == "fill"
        # Per scalar field: its spec item with the element id and editability, and its markup parts.
        self.fields: dict[str, tuple[JSON, FieldParts]] = {}
        for item in self.spec["items"]:
            if item["kind"] == "field":
                base = {**item, "dom_id": f"{prefix}-{item['id']}", "editable": not item["readonly"] and fill}
                self.fields[item["id"]] = (base, FieldParts(base, fill=fill))
        self.labels = self.choice_labels()
        ui_state = {k: v for k, v in self.ui.items() if not k.endswith("_long")}
        self.kept_json = {"ui": (ui_state, script_json(ui_state)), "labels": (self.labels, script_json(self.labels))}
        # A field without value, meta, issues or confirmation shows the same in every render
        # (most fields of an empty form): its control, mark and markup, kept when first made.
        self.blank: dict[str, tuple[JSON, JSON, Markup]] = {}
        # The mark of a value without original or as-of, by (source, field's source, blank), see _View.mark.
        self.marks: dict[tuple[str, str, bool], JSON] = {}

    def choice_labels(self) -> JSON:
        """Choice labels by ``field`` or ``table.column``: the runtime shows computed choices."""
        out: JSON = {}
        for item in self.spec["items"]:
            places = [(f"{item['id']}.{c['id']}", c) for c in item["columns"]] if item["kind"] == "table" else [
                (item["id"], item)]
            for key, spec in places:
                if spec.get("choices"):
                    out[key] = {c["key"]: c["label"] for c in spec["choices"]}
        return out


class _View:
    """The spec with the values, marks, issues and element ids the templates show."""

    def __init__(self, tpl: Template, static: _Static, state: _State, *, lang: str, mode: str, prefix: str) -> None:
        self.tpl = tpl
        self.static = static
        self.spec = static.spec
        self.st = state
        self.lang = lang
        self.mode = mode
        self.prefix = prefix
        self.ui = static.ui
        self.placed: set[tuple[Any, Any, Any]] = set()
        self.confirm = frozenset(state.confirm)  # asked of every field: a set, not the list
        self.issues: dict[tuple[Any, Any, Any], list[JSON]] = {}
        for issue in state.issues:
            if mode == "fill" and issue.get("rule") == "required":
                continue  # shown by formkit.js once the place is left or a submit is tried, not on opening
            key = (issue.get("field"), issue.get("row"), issue.get("col"))
            self.issues.setdefault(key, []).append(self.issue(issue))

    def issue(self, raw: Mapping[str, Any]) -> JSON:
        severity = raw.get("severity") if raw.get("severity") in ("error", "warning", "info") else "error"
        return {"rule": str(raw.get("rule") or ""), "severity": severity, "message": str(raw.get("message") or ""),
                "label": self.ui[str(severity)]}

    def take_issues(self, field: str, row: Any, col: Any) -> list[JSON]:
        if not self.issues:  # nothing to place (most renders): no key to remember
            return []
        self.placed.add((field, row, col))
        return self.issues.get((field, row, col), [])

    def context(self) -> JSON:
        specs = self.spec["items"]
        # Scalar fields' markup is made here; their item dicts only if a host template reads them.
        views = ItemViews(specs, self.field_item)
        groups: list[JSON] = []
        sources: set[str] = set()
        run: list[Markup] = []  # the markup of the current run of fields (from spec item ``start``)
        start = 0
        for index, item in enumerate(specs):
            if item["kind"] == "field":
                if not run:
                    start = index
                html, source = self.field(item, index, views)
                run.append(html)
                sources.add(source)
                continue
            if run:
                groups.append(self.fields_group(views, start, index, run))
                run = []
            made = views.made[index] = self.table(item) if item["kind"] == "table" else self.grid(item)
            groups.append(made)
            sources.update(self.sources_in(made))
        if run:
            groups.append(self.fields_group(views, start, len(specs), run))
        used = [s for s in sources if s in _SOURCES and (s != "typed" or self.mode == "review")]
        loose = [i for key, group in self.issues.items() if key not in self.placed for i in group]
        return {
            "spec": self.spec,
            "items": LazyItems(views, 0, len(specs)),
            "groups": groups,
            "ui": self.ui,
            "lang": self.lang,
            "html_lang": _HTML_LANG.get(self.lang, self.lang),
            "mode": self.mode,
            "fill": self.mode == "fill",
            "derived": self.tpl.derived,  # read from its source, never typed (SPEC §8.4): nothing to save
            "prefix": self.prefix,
            "header": self.header(),
            "legend": [{"source": s, "label": self.ui[f"source_{s}"], "long": self.ui[f"source_{s}_long"]}
                       for s in sorted(used, key=_SOURCES.index)],
            "footer": self.footer(),
            "notes": _note_places(self.tpl, self.st.notes, self.lang),
            "notes_title": _NOTES.get(self.lang, _NOTES["zh"]),
            "form_issues": loose,
            "plan": self.static.plan,
            "state": self.state_json(),
        }

    @staticmethod
    def fields_group(views: ItemViews, start: int, stop: int, run: list[Markup]) -> JSON:
        # A run of fields as one markup: the template's loop cost more than the fields.
        return {"kind": "fields", "fields": LazyItems(views, start, stop), "html": fields_html(run)}

    @staticmethod
    def sources_in(item: JSON) -> list[str]:
        """The sources of a roster's columns or a grid's cells (fields': see :meth:`field`)."""
        if item["kind"] == "table":
            return [c["source"] for c in item["columns"]]
        return [cell["source"] for cells in item["cells"].values() for cell in cells.values()]

    def header(self) -> JSON:
        h = self.spec["header"]
        lines = [{"key": k, "label": self.ui[k], "value": h[k]}
                 for k in ("form_no", "authority", "approval_no", "valid_until") if h.get(k)]
        period = self.st.header.get("period")
        return {
            "lines": lines,
            "period": period_text(str(period), self.lang) if period else None,
            "due": {"label": _DUE.get(self.lang, _DUE["zh"]), "value": self.st.due} if self.st.due else None,
            "state": self.st.header.get("state"),
        }

    def footer(self) -> list[JSON]:
        out = []
        for f in self.spec["footer"]:
            value = self.st.footer.get(f["id"])
            out.append({**f, "value": "" if value is None else str(value), "dom_id": f"{self.prefix}-footer-{f['id']}",
                        "readonly": f["id"] == "org"})
        return out

    def state_json(self) -> JSON:
        return _StateJSON({
            "lang": self.lang,
            "mode": self.mode,
            "prefix": self.prefix,
            "template": self.tpl.id,
            "version": self.tpl.version,
            "header": {k: _json_value(v) for k, v in self.st.header.items() if v is not None},
            "payload": self.st.payload(),
            "meta": {k: meta_json(v) for k, v in self.st.meta.items()},
            "issues": [{k: _json_value(v) for k, v in i.items()} for i in self.st.issues],
            "ui": {k: v for k, v in self.ui.items() if not k.endswith("_long")},
            "labels": self.static.labels,
        }, self.static.kept_json)

    # -- items -----------------------------------------------------------------------------------

    def field(self, item: JSON, index: int, views: ItemViews) -> tuple[Markup, str]:
        """A scalar field's markup and its mark's source, without its item dict (the markup
        needs a few of its keys); :meth:`field_item` makes the dict if a host template reads it."""
        fid = item["id"]
        base, parts = self.static.fields[fid]
        value = self.st.values.get(fid)
        meta = self.st.meta.get(fid, _NO_META)
        issues = self.take_issues(fid, None, None)
        if issues:  # placed now and not found again: field_item gets these
            views.issues[index] = issues
        confirmed = meta.get("source") == "confirmed" or fid in self.confirm
        if value is None and not meta and not issues and not confirmed:
            _, mark, html = self.blank_field(fid, base, parts)
            return html, mark["source"]
        text, input_, chosen, blank = shown(value, base, self.ui, parts.labels)
        mark = self.mark(base, meta, value, blank, shared=True)
        fast = None if issues else value_html(parts, mark, blank, text, input_)
        if fast is None:
            fast = field_html(parts, {"text": text, "input": input_, "chosen": chosen, "blank": blank, "mark": mark,
                                      "issues": issues, "confirmed": confirmed}, self.ui)
        return fast, mark["source"]

    def field_item(self, item: JSON, issues: list[JSON]) -> JSON:
        """A scalar field's item dict (what ``group.fields`` and ``items`` hold), with the
        ``issues`` :meth:`take_issues` gave for it."""
        fid = item["id"]
        base, parts = self.static.fields[fid]
        value = self.st.values.get(fid)
        meta = self.st.meta.get(fid, {})
        confirmed = meta.get("source") == "confirmed" or fid in self.confirm
        if value is None and not meta and not issues and not confirmed:
            control, mark, html = self.blank_field(fid, base, parts)
            # New dicts and lists for the caller: the kept ones are shared by every render.
            return {**base, **control, "chosen": [], "mark": dict(mark), "issues": issues, "confirmed": False,
                    "html": html}
        text, input_, chosen, blank = shown(value, base, self.ui, parts.labels)
        mark = self.mark(base, meta, value, blank)
        out = {**base, "text": text, "input": input_, "chosen": chosen, "blank": blank, "mark": mark,
               "issues": issues, "confirmed": confirmed}
        fast = None if issues else value_html(parts, mark, blank, text, input_)
        out["html"] = fast if fast is not None else field_html(parts, out, self.ui)
        return out

    def blank_field(self, fid: str, base: JSON, parts: FieldParts) -> tuple[JSON, JSON, Markup]:
        """The control, mark and markup of a field without value, meta, issues or confirmation:
        the same in every render, kept when first made (shared: never changed)."""
        kept = self.static.blank.get(fid)
        if kept is None:
            control, mark = self.control(base, None), self.mark(base, {}, None)
            html = field_html(parts, {**control, "mark": mark, "issues": [], "confirmed": False}, self.ui)
            kept = self.static.blank[fid] = (control, mark, html)
        return kept

    def control(self, spec: JSON, value: Any, labels: Mapping[Any, Any] | None = None) -> JSON:
        """How a value shows: its text, its input's value, the chosen keys."""
        if labels is None:
            labels = {c["key"]: c["label"] for c in spec.get("choices") or []}
        text, input_, chosen, blank = shown(value, spec, self.ui, labels)
        return {"text": text, "input": input_, "chosen": chosen, "blank": blank}

    def mark(self, item: JSON, meta: Mapping[str, Any], value: Any, blank: bool | None = None, *,
             shared: bool = False) -> JSON:
        source = str(meta.get("source") or item["source"])
        if source == "input":
            source = "typed"
        original = meta.get("original")
        if blank is None:
            blank = _blank(value)
        plain = original is None and not item["confirm"] and meta.get("as_of") is None
        key = (source, item["source"], blank)
        if plain and source in _SOURCES and key in self.static.marks:
            # Most marks of a filled form: the same few per source, copied (the caller's to keep)
            # unless the caller only reads it (``shared``).
            kept = self.static.marks[key]
            return kept if shared else dict(kept)
        corrected = source == "corrected" and original is not None
        original_text = _display(original, item, self.ui) if corrected else None
        base = original if original is not None else value
        show = source in _SOURCES and (source != "typed" or (self.mode == "review" and not blank))
        out = {
            "source": source,
            "base": item["source"],
            "show": show,
            "label": self.ui.get(f"source_{source}", source),
            "long": self.ui.get(f"source_{source}_long", ""),
            "original": original_text,
            "original_input": _input_text(base, item) if item["confirm"] else None,
            "as_of": meta.get("as_of"),
        }
        if plain and source in _SOURCES:
            self.static.marks[key] = dict(out)
        return out

    def table(self, item: JSON) -> JSON:
        tid = item["id"]
        fill = self.mode == "fill"
        parts = [ColumnParts(col, fill=fill, editable=not col["readonly"] and fill) for col in item["columns"]]
        columns = item["columns"]
        labels = [{c["key"]: c["label"] for c in col.get("choices") or []} for col in columns]
        cell_label = self.ui["cell_label"]
        # per column, escaped once: the dom id around the row id, the cell label around the row
        # text (as _fill fills it: the label first, then every {row}; escaping is per character)
        doms = [(_esc(f"{self.prefix}-{tid}-"), _esc(f"-{col['id']}")) for col in columns]
        arias = [[_esc(part) for part in cell_label.replace("{label}", str(col["label"])).split("{row}")]
                 for col in columns]
        rows = []
        for index, raw in enumerate(self.st.tables.get(tid, [])):
            rid = f"r{index}"
            row_n = _fill(self.ui["row_n"], n=index + 1)
            row_text = _esc(row_n)
            # the cells' markup made here from their values, not by a macro call per cell; their
            # dicts (``roster_cell`` reads them, for hosts' rows) only if a host template reads them
            html = []
            for p, col, names, (head, tail), aria in zip(parts, columns, labels, doms, arias, strict=True):
                text, input_, chosen, blank_ = shown(raw.get(col["id"]), col, self.ui, names)
                shown_ = {"text": text, "input": input_, "chosen": chosen, "blank": blank_}
                issues = self.take_issues(tid, index, col["id"])
                label = row_text.join(aria)
                if issues or not label:
                    html.append(cell_html(p, shown_, self.ui, dom_id=f"{self.prefix}-{tid}-{rid}-{col['id']}",
                                          label=_fill(cell_label, label=col["label"], row=row_n), issues=issues))
                else:
                    html.append(plain_cell_html(p, shown_, self.ui, dom=head + rid + tail, label=label))
            rows.append({"index": index, "n": index + 1, "rid": rid, "key": raw.get("_key"),
                         "cells": LazyCells(functools.partial(self.row_cells, item, index, raw, rid, row_n)),
                         "cells_html": Markup("".join(html)), "issues": self.take_issues(tid, index, None)})
        blank = [{**col, **self.control(col, None), "dom_id": f"{self.prefix}-{tid}-__ROW__-{col['id']}",
                  "aria_label": col["label"], "issues": [], "editable": not col["readonly"], "help": None, "unit": None}
                 for col in item["columns"]]
        blank_parts = [ColumnParts(col, fill=fill, editable=not col["readonly"]) for col in item["columns"]]
        return {
            **item,
            "dom_id": f"{self.prefix}-{tid}",
            "rows": rows,
            "blank": blank,
            "blank_html": cells_html(blank_parts, blank, self.ui) if fill else Markup(""),
            "issues": self.take_issues(tid, None, None),
            "can_add": item["add_rows"] and self.mode == "fill",
            "can_remove": item["remove_rows"] and self.mode == "fill",
            "rows_count": _fill(self.ui["rows_count"], n=len(rows)),
            "filter": len(rows) >= FILTER_ROWS and self.mode != "print",
        }

    def row_cells(self, item: JSON, index: int, raw: Mapping[str, Any], rid: str, row_n: str) -> list[JSON]:
        """The cell dicts of one roster row (what ``row.cells`` holds for a host template)."""
        tid = item["id"]
        return [{**col, **self.control(col, raw.get(col["id"])), "dom_id": f"{self.prefix}-{tid}-{rid}-{col['id']}",
                 "aria_label": _fill(self.ui["cell_label"], label=col["label"], row=row_n),
                 "issues": self.take_issues(tid, index, col["id"]), "help": None, "unit": None,
                 "editable": not col["readonly"] and self.mode == "fill"} for col in item["columns"]]

    def grid(self, item: JSON) -> JSON:
        gid = item["id"]
        values = self.st.grids.get(gid, {})
        rows = []
        for row in item["rows"]:
            cells: list[JSON | None] = []
            raw_row = values.get(row["id"])
            row_values = raw_row if isinstance(raw_row, Mapping) else {}
            for col in item["columns"]:
                cell = item["cells"].get(row["id"], {}).get(col["id"])
                if cell is None:
                    cells.append(None)
                    continue
                spec = {**col, "choices": None, "confirm": False}
                value = row_values.get(col["id"])
                cells.append({
                    **cell, **self.control(spec, value), "col": col["id"], "total": col["total"] or row["total"],
                    "slot": f"{gid}.{row['id']}.{col['id']}", "dom_id": f"{self.prefix}-{gid}-{row['id']}-{col['id']}",
                    "aria_label": f"{row['label']} · {col['label']}", "label": f"{row['label']} · {col['label']}",
                    "issues": self.take_issues(gid, row["id"], col["id"]),
                    "editable": not cell["readonly"] and self.mode == "fill",
                    "precision": col["precision"], "type": col["type"],
                })
            rows.append({**row, "cells": cells})
        return {**item, "dom_id": f"{self.prefix}-{gid}", "grid_rows": rows,
                "issues": self.take_issues(gid, None, None)}
