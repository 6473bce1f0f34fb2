"""Form spec: a checked template as a language-resolved JSON description of its form (SPEC §4).

This is what a host that renders the form itself reads, and what formkit's own HTML templates
render (render/html.py adds the values): one view of the form, two outputs. Labels are picked in
one language, expressions are given as their source text (for display: the browser evaluates
the compiled ``plan`` with formkit-eval.js), numbers as exact decimal text. Its JSON Schema is
``dsl/form-spec.schema.json``; :data:`SPEC_VERSION` is its ``formkit_form``.

Every text in the spec is data written by a template's author: a host must escape it.
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any, Protocol

from formkit.browser.plan import number_text, template_plan
from formkit.core.memo import per_object
from formkit.document.model import Label, PoolColumn, pick_label
from formkit.language import ast
from formkit.meaning.derived import origin_of
from formkit.meaning.ir import CellIR, CExpr, ColumnIR, GridIR, TableIR
from formkit.meaning.template import Template

__all__ = ["SPEC_VERSION", "UI", "cached_spec", "form_spec", "template_of", "ui_text"]

SPEC_VERSION = 1

JSON = dict[str, Any]


class _FormLike(Protocol):
    """A filled form (the workflow's ``Form``): its template and its SPEC §5 JSON."""

    @property
    def template(self) -> Template: ...

    def to_json(self) -> JSON: ...


# The words formkit itself puts on a form, by language (a missing language falls back to zh).
UI: dict[str, dict[str, str]] = {
    "zh": {
        "form_no": "表号", "authority": "制定机关", "approval_no": "批准文号", "valid_until": "有效期至",
        "basis": "依据", "owner": "主管单位", "period": "报告期",
        "org": "填报单位", "filled_by": "填报人", "reviewed_by": "审核人", "phone": "联系电话",
        "date": "报出日期",
        "source_pool": "带数", "source_prev": "上期", "source_value": "预填", "source_calc": "计算",
        "source_derived": "生成", "source_derived_long": "由已报送的源报表生成",
        "source_typed": "填报", "source_confirmed": "已确认", "source_corrected": "已更正",
        "source_pool_long": "由数据池带出", "source_prev_long": "上期数据结转", "source_value_long": "预先填入",
        "source_calc_long": "系统自动计算", "source_typed_long": "由填报单位填写",
        "source_confirmed_long": "已确认带出的数据", "source_corrected_long": "已更正带出的数据",
        "original": "原值", "confirm": "确认", "confirmed": "已确认", "unconfirm": "取消确认",
        "required": "必填", "add_row": "添加一行", "remove_row": "删除", "remove_row_n": "删除第{n}行",
        "row_n": "第{n}行", "row_added": "已添加第{n}行", "row_removed": "已删除一行",
        "no_rows": "暂无记录", "rows_count": "共{n}行", "yes": "是", "no": "否", "choose": "请选择",
        "submit": "提交", "draft": "保存草稿", "issues_title": "请先处理以下问题：",
        "issues_count": "还有{n}个问题需要处理", "no_issues": "检查通过", "error": "错误", "warning": "提醒",
        "info": "提示", "formula": "计算公式", "unit": "单位", "item": "指标名称", "value": "数值",
        "table_region": "{label}（可左右滚动）", "help": "填报说明", "date_placeholder": "年-月-日",
        "filter_rows": "筛选：输入姓名、证件号等", "filter_label": "筛选「{label}」的行",
        "filter_none": "没有符合筛选的行",
        "readonly": "此项由系统计算或带出，不能修改", "colon": "：", "cell_label": "{label}（{row}）",
        "actions": "操作", "sep": "、", "required_note": "带 * 的为必填项",
    },
    "en": {
        "form_no": "Form no.", "authority": "Issued by", "approval_no": "Approval no.",
        "valid_until": "Valid until", "basis": "Basis", "owner": "Owner", "period": "Period",
        "org": "Reporting unit", "filled_by": "Filled in by", "reviewed_by": "Reviewed by",
        "phone": "Phone", "date": "Date of report",
        "source_pool": "Pool", "source_prev": "Last period", "source_value": "Pre-filled",
        "source_calc": "Calculated", "source_typed": "Typed", "source_confirmed": "Confirmed",
        "source_derived": "Derived", "source_derived_long": "Computed from the submitted source report",
        "source_corrected": "Corrected",
        "source_pool_long": "Sent down from the data pool", "source_prev_long": "Carried over from last period",
        "source_value_long": "Filled in in advance", "source_calc_long": "Calculated automatically",
        "source_typed_long": "Typed by the reporting unit", "source_confirmed_long": "Pre-filled value confirmed",
        "source_corrected_long": "Pre-filled value corrected",
        "original": "was", "confirm": "Confirm", "confirmed": "Confirmed", "unconfirm": "Undo confirmation",
        "required": "required", "add_row": "Add a row", "remove_row": "Remove",
        "remove_row_n": "Remove row {n}", "row_n": "row {n}", "row_added": "Row {n} added",
        "row_removed": "Row removed", "no_rows": "No rows", "rows_count": "{n} rows", "yes": "Yes",
        "no": "No", "choose": "Choose…", "submit": "Submit", "draft": "Save draft",
        "issues_title": "Please deal with these first:", "issues_count": "{n} problems left to deal with",
        "no_issues": "All checks pass", "error": "Error", "warning": "Warning", "info": "Note",
        "formula": "Formula", "unit": "Unit", "item": "Item", "value": "Value",
        "table_region": "{label} (scrolls sideways)", "help": "Help", "date_placeholder": "YYYY-MM-DD",
        "filter_rows": "Filter: type a name, an ID…", "filter_label": "Filter the rows of {label}",
        "filter_none": "No row matches the filter",
        "readonly": "This value is computed or pre-filled", "colon": ": ", "cell_label": "{label} ({row})",
        "actions": "Actions", "sep": ", ", "required_note": "Fields marked * are required",
    },
}


def ui_text(lang: str) -> dict[str, str]:
    """formkit's own words in ``lang`` (zh for a language formkit does not speak)."""
    return {**UI["zh"], **UI.get(lang, {})}


FOOTER = (("org", "text"), ("filled_by", "text"), ("reviewed_by", "text"), ("phone", "phone"), ("date", "date"))

_POOL_TYPES = {"text": "text", "integer": "integer", "decimal": "decimal", "boolean": "boolean", "date": "date",
               "choice": "choice"}
_LANG_TYPES = {"number": "decimal", "text": "text", "date": "date", "boolean": "boolean", "multichoice": "multichoice"}


def template_of(form_or_template: Template | _FormLike) -> Template:
    """The template of a Template or of a filled form (anything with ``.template``)."""
    if isinstance(form_or_template, Template):
        return form_or_template
    found = getattr(form_or_template, "template", None)
    if not isinstance(found, Template):
        raise TypeError(f"expected a formkit Template or a Form, not {type(form_or_template).__name__}")
    return found


def form_spec(form_or_template: Template | _FormLike, *, lang: str = "zh") -> JSON:
    """The JSON form spec of a template in ``lang``: header, items (fields, rosters, grids),
    rules, formats, footer and the compiled ``plan``. Validates against
    ``dsl/form-spec.schema.json``.

    >>> import formkit
    >>> spec = form_spec(formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml"))
    >>> spec["items"][0]["label"], spec["items"][0]["source"]
    ('上期库存（合计）', 'prev')
    """
    tpl = template_of(form_or_template)
    # The caller owns what it gets and may change it: a copy of the kept spec, which unpickling
    # makes (in C) six times faster than building the spec again.
    kept = per_object(tpl, ("spec-pickle", lang), lambda: pickle.dumps(cached_spec(tpl, lang), protocol=5))
    fresh: JSON = pickle.loads(kept)  # our own bytes, made just above: never outside data
    return fresh


def cached_spec(tpl: Template, lang: str) -> JSON:
    """The spec of ``tpl`` in ``lang``, built once per template: shared, so never to be changed
    (render/html.py reads it on every render; :func:`form_spec` hands out copies)."""
    return per_object(tpl, ("spec", lang), lambda: _SpecBuilder(tpl, lang).build())


class _SpecBuilder:
    def __init__(self, template: Template, lang: str) -> None:
        self.t = template
        self.lang = lang

    def text(self, label: Label | None) -> str | None:
        return pick_label(label, self.lang) if label else None

    def build(self) -> JSON:
        t, m = self.t, self.t.model
        ui = ui_text(self.lang)
        items: list[JSON] = []
        for f in m.fields:
            if f.id in t.tables:
                items.append(self.table(t.tables[f.id]))
            elif f.id in t.grids:
                items.append(self.grid(t.grids[f.id]))
            else:
                items.append(self.column(t.fields[f.id], "field"))
        return {
            "formkit_form": SPEC_VERSION,
            "template": t.id,
            "version": t.version,
            "lang": self.lang,
            "title": self.text(m.title) or t.id,
            "description": self.text(m.description),
            "header": {
                "form_no": m.form_no, "authority": m.authority, "approval_no": m.approval_no,
                "valid_until": m.valid_until, "basis": m.basis, "owner": m.owner,
            },
            "period": m.period,
            "level": m.level,
            "due": None if m.due is None else {"after_days": m.due.after_days, "remind_days": list(m.due.remind_days)},
            "items": items,
            "rules": [
                _drop_none({"id": r.model.id, "severity": r.model.severity, "fields": list(r.model.fields),
                            "message": self.text(r.model.message) or r.model.id, "table": r.table,
                            "check": r.model.check.text})
                for r in t.rules
            ],
            "formats": [
                _drop_none({"fields": list(f.model.fields), "style": f.model.style, "class": f.model.css_class,
                            "table": f.table, "when": f.model.when.text})
                for f in t.formats
            ],
            "footer": [{"id": fid, "label": ui[fid], "type": typ} for fid, typ in FOOTER],
            "plan": template_plan(t),
        }

    # -- scalar fields and table columns -----------------------------------------------------

    def column(self, c: ColumnIR, kind: str) -> JSON:
        model = c.model
        home, origin = origin_of(self.t, c)  # a derived value shows as the source value it reads
        pool_col = _pool_column(home, origin)
        pool_type = _POOL_TYPES.get(pool_col.type) if pool_col else None
        typ = model.type or origin.model.type or pool_type or _LANG_TYPES.get(c.type.value, "text")
        places = model.precision if model.precision is not None else origin.model.precision
        precision = 0 if typ == "integer" else (places if typ == "decimal" else None)
        readonly = c.kind == "calc" or (c.kind == "value" and not model.confirm)
        out: JSON = {
            "kind": kind,
            "id": c.id,
            "type": typ,
            "label": self.text(model.label) or c.id,
            "help": self.text(model.help),
            "unit": self.text(model.unit),
            "source": _source(c.kind, c.expr),
            "readonly": readonly,
            "confirm": bool(model.confirm),
            "required": _condition(c.required, default=False),
            "visible": _condition(c.visible, default=True),
            "min": _bound(c.min),
            "max": _bound(c.max),
            "precision": precision,
            "pattern": model.pattern,
            "choices": self.choices(model.choices or origin.model.choices, pool_col, home),
            "formula": c.expr.src.text if c.expr is not None else None,
        }
        if kind == "column":
            del out["kind"]
        return out

    def choices(self, choices: dict[str, Label] | str | None, pool_col: PoolColumn | None,
                home: Template | None = None) -> list[JSON] | None:
        found: dict[str, Label] | None = None
        if isinstance(choices, dict):
            found = choices
        elif isinstance(choices, str):
            table, _, column = choices.partition(".")
            pool = (home or self.t).pool
            col = pool.tables[table].columns.get(column) if pool is not None and table in pool.tables else None
            found = col.choices if col is not None else None
        elif pool_col is not None:
            found = pool_col.choices
        if found is None:
            return None
        return [{"key": k, "label": self.text(v) or k} for k, v in found.items()]

    # -- rosters and grids -------------------------------------------------------------------

    def table(self, table: TableIR) -> JSON:
        m = table.model
        return {
            "kind": "table",
            "id": table.id,
            "label": self.text(m.label) or table.id,
            "help": self.text(m.help),
            "columns": [self.column(c, "column") for c in table.columns.values()],
            "add_rows": table.add_rows,
            "remove_rows": table.remove_rows,
            "pool": table.pool_table,
        }

    def grid(self, grid: GridIR) -> JSON:
        m = grid.model
        rows = [{"id": r.id, "label": self.text(r.label) or r.id, "total": r.id in grid.total_rows}
                for r in m.grid_rows]
        columns = []
        for c in m.grid_columns:
            typ = c.type or "decimal"
            columns.append({
                "id": c.id, "label": self.text(c.label) or c.id, "total": c.calc is not None, "type": typ,
                "precision": 0 if typ == "integer" else c.precision,
            })
        cells = {
            r.id: {c.id: self.cell(grid.cells[(r.id, c.id)]) for c in m.grid_columns if (r.id, c.id) in grid.cells}
            for r in m.grid_rows
        }
        return {
            "kind": "grid",
            "id": grid.id,
            "label": self.text(m.label) or grid.id,
            "help": self.text(m.help),
            "unit": self.text(m.unit),
            "rows": rows,
            "columns": columns,
            "cells": cells,
        }

    def cell(self, cell: CellIR) -> JSON:
        return {
            "source": _source(cell.kind, cell.expr),
            "readonly": cell.kind != "input",
            "formula": cell.expr.src.text if cell.expr is not None else None,
        }


def _source(kind: str, expr: CExpr | None) -> str:
    """Where a value comes from: input, calc, or for a ``value``: pool, prev (last period) or
    value (a constant)."""
    if kind != "value" or expr is None:
        return kind
    if expr.reads_pool:
        return "derived" if ast.reads_source(expr.node) else "pool"
    return "prev" if expr.prev_of else "value"


def _pool_column(t: Template, c: ColumnIR) -> PoolColumn | None:
    """The pool column a table column is bound to (``value: person.sex``), if it is one."""
    node = c.value.node if c.value is not None else None
    ref = node.ref if isinstance(node, ast.Name) else None
    if isinstance(ref, ast.PoolColumnRef) and t.pool is not None and ref.table in t.pool.tables:
        return t.pool.tables[ref.table].columns.get(ref.column)
    return None


def _condition(c: CExpr | None, *, default: bool) -> bool | JSON:
    """``true``/``false``, or ``{"expr": text}`` when it depends on the form's values."""
    if c is None:
        return default
    if c.src.is_expr:
        return {"expr": c.src.text}
    return bool(c.const)


def _bound(c: CExpr | None) -> str | JSON | None:
    """A min/max: an exact number as text, or ``{"expr": text}``."""
    if c is None:
        return None
    if c.src.is_expr:
        return {"expr": c.src.text}
    const = c.const
    if isinstance(const, bool) or not isinstance(const, int | Decimal):
        return None
    return number_text(const)


def _drop_none(d: JSON) -> JSON:
    return {k: v for k, v in d.items() if v is not None}
