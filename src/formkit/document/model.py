"""Model: typed, located pydantic objects of a template and a pool, built from checked YAML.

The shape has already been checked against the JSON Schema (schema.py), so building here only
converts; anything that still fails is reported as an issue at its position, never raised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from pydantic import Field as _Default

from formkit.core.source import SourceSpan
from formkit.document.loader import Document, path_str

Label = dict[str, str]
Scalar = Decimal | int | bool | str | None
Path = tuple[str | int, ...]

SCALAR_TYPES = ("integer", "decimal", "text", "date", "boolean", "choice", "multichoice", "id_card", "phone")
NUMERIC_TYPES = ("integer", "decimal")
ROLLUP_MODES = ("sum", "avg", "min", "max", "count", "first", "last", "requery", "recompute", "none")
PERIODS = ("weekly", "monthly", "quarterly", "yearly", "once")
_SCALAR_CLASSES = (Decimal, int, bool)  # constants pydantic would keep as they are (`Scalar`)


class Located(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="forbid")
    span: SourceSpan
    path: str
    key_spans: dict[str, SourceSpan] = {}

    def span_of(self, key: str) -> SourceSpan:
        """The position of one of this object's keys (for errors about a plain value)."""
        return self.key_spans.get(key, self.span)


class ExprSrc(Located):
    """An expression-valued key: a YAML string is an expression, any other scalar a constant."""

    text: str | None = None
    const: Scalar = None

    @property
    def is_expr(self) -> bool:
        return self.text is not None


class Rollup(Located):
    org: str | None = None
    period: str | None = None


class Column(Located):
    """A scalar field, or a column of a table: everything but the table/grid specifics."""

    id: str
    label: Label
    type: str | None = None
    element: str | None = None  # an id of the template's element dictionary (SPEC §8.1)
    help: Label | None = None
    unit: Label | None = None
    required: ExprSrc | None = None
    visible: ExprSrc | None = None
    min: ExprSrc | None = None
    max: ExprSrc | None = None
    pattern: str | None = None
    choices: dict[str, Label] | str | None = None
    precision: int | None = None
    mask: dict[str, int] | None = None
    value: ExprSrc | None = None
    calc: ExprSrc | None = None
    confirm: bool = False
    rollup: Rollup | None = None


class GridRow(Located):
    id: str
    label: Label
    params: dict[str, Scalar] = {}
    value: ExprSrc | None = None
    calc: ExprSrc | None = None


class GridColumn(Located):
    id: str
    label: Label
    type: str | None = None
    precision: int | None = None
    value: ExprSrc | None = None
    calc: ExprSrc | None = None


class Cell(Located):
    row: str
    col: str
    value: ExprSrc | None = None
    calc: ExprSrc | None = None


class Field(Column):
    # A factory, not `= []`: pydantic deep-copies a mutable default for every field built, four
    # copies per scalar field (a tenth of building the model).
    rows: ExprSrc | None = None  # table: the pool query
    columns: list[Column] = _Default(default_factory=list)
    add_rows: bool | None = None
    remove_rows: bool | None = None
    grid_rows: list[GridRow] = _Default(default_factory=list)
    grid_columns: list[GridColumn] = _Default(default_factory=list)
    cells: list[Cell] = _Default(default_factory=list)


class Rule(Located):
    id: str
    check: ExprSrc
    severity: Literal["error", "warning", "info"] = "error"
    fields: list[str] = []
    message: Label
    table: str | None = None


class Format(Located):
    when: ExprSrc
    fields: list[str]
    style: str | None = None
    css_class: str | None = None
    table: str | None = None


class Due(Located):
    after_days: int = 0
    remind_days: list[int] = []


class TemplateModel(Located):
    file: str
    id: str
    version: int = 1
    title: Label
    description: Label | None = None
    owner: str | None = None
    basis: str | None = None
    form_no: str | None = None
    authority: str | None = None
    approval_no: str | None = None
    valid_until: str | None = None
    pool: str | None = None
    elements: str | None = None  # the element dictionary file, relative to this one
    # A derived template (SPEC §8.4): alias -> the template file it reads, relative to this one.
    derived_from: dict[str, str] = {}
    derived_spans: dict[str, SourceSpan] = {}  # where each alias stands, for errors about it
    level: str | None = None
    period: str
    due: Due | None = None
    fields: list[Field]
    rules: list[Rule] = []
    formats: list[Format] = []


class PoolColumn(Located):
    name: str
    type: str
    label: Label | None = None
    choices: dict[str, Label] | None = None
    pii: str | None = None
    mask: dict[str, int] | None = None


class PoolTable(Located):
    name: str
    label: Label | None = None
    key: str
    org: str
    columns: dict[str, PoolColumn]
    valid_from: str | None = None  # columns of a row's validity (SPEC §10): read as of the period end
    valid_to: str | None = None


class OrgSpec(Located):
    table: str
    id: str
    parent: str
    name: str
    level: str
    levels: list[str]
    valid_from: str | None = None  # a unit's rows through time (SPEC §10): inclusive dates, null = open
    valid_to: str | None = None

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None


class PoolModel(Located):
    file: str
    id: str
    label: Label | None = None
    timezone: str = "Asia/Shanghai"
    org: OrgSpec
    tables: dict[str, PoolTable]


# -- building ------------------------------------------------------------------------------


class Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def loc(self, path: Path) -> dict[str, Any]:
        node = self.doc.data
        for step in path:
            node = node[step]
        keys = {str(k): self.doc.span_at((*path, k)) for k in node} if isinstance(node, Mapping) else {}
        return {"span": self.doc.span_at(path), "path": path_str(path), "key_spans": keys}

    def expr(self, data: Mapping[str, Any], key: str, path: Path) -> ExprSrc | None:
        if key not in data:
            return None
        value = data[key]
        where = (*path, key)
        if isinstance(value, Mapping):  # a mistaken constant: keep its keys' spans for errors
            return ExprSrc(**{"const": value, **self.loc(where)})
        # A scalar has no keys: loc() without walking the document again. Its value is a shape-
        # checked scalar and the span and path are ours, so there is nothing for pydantic to
        # validate: constructed directly (the expression keys of a catalog, tens of thousands).
        span, text = self.doc.span_at(where), path_str(where)
        if isinstance(value, str):
            return ExprSrc.model_construct(text=value, const=None, span=span, path=text, key_spans={})
        if value is None or type(value) in _SCALAR_CLASSES:
            return ExprSrc.model_construct(text=None, const=value, span=span, path=text, key_spans={})
        return ExprSrc(const=value, span=span, path=text, key_spans={})

    def rollup(self, data: Mapping[str, Any], path: Path) -> Rollup | None:
        if "rollup" not in data:
            return None
        raw = data["rollup"]
        where = self.loc((*path, "rollup"))
        if isinstance(raw, str):
            return Rollup(org=raw, period=raw, **where)
        return Rollup(org=raw.get("org"), period=raw.get("period"), **where)

    def column(self, data: Mapping[str, Any], path: Path) -> dict[str, Any]:
        return {
            "id": str(data["id"]),
            # Without a label the field names an element (the schema says so), which gives it one.
            "label": label(data["label"]) if "label" in data else {},
            "type": data.get("type"),
            "element": _opt_text(data.get("element")),
            "help": label(data["help"]) if "help" in data else None,
            "unit": label(data["unit"]) if "unit" in data else None,
            "required": self.expr(data, "required", path),
            "visible": self.expr(data, "visible", path),
            "min": self.expr(data, "min", path),
            "max": self.expr(data, "max", path),
            "pattern": data.get("pattern"),
            "choices": choices_of(data.get("choices")),
            "precision": data.get("precision"),
            "mask": data.get("mask"),
            "value": self.expr(data, "value", path),
            "calc": self.expr(data, "calc", path),
            "confirm": bool(data.get("confirm", False)),
            "rollup": self.rollup(data, path),
            **self.loc(path),
        }

    def field(self, data: Mapping[str, Any], path: Path) -> Field:
        kwargs = self.column(data, path)
        if data.get("type") == "table":
            kwargs["rows"] = self.expr(data, "rows", path)
            kwargs["columns"] = [
                Column(**self.column(c, (*path, "columns", i))) for i, c in enumerate(data.get("columns", []))
            ]
            kwargs["add_rows"] = data.get("add_rows")
            kwargs["remove_rows"] = data.get("remove_rows")
        elif data.get("type") == "grid":
            kwargs["grid_rows"] = [self.grid_row(r, (*path, "rows", i)) for i, r in enumerate(data.get("rows", []))]
            kwargs["grid_columns"] = [
                GridColumn(
                    id=str(c["id"]), label=label(c["label"]), type=c.get("type"), precision=c.get("precision"),
                    value=self.expr(c, "value", (*path, "columns", i)),
                    calc=self.expr(c, "calc", (*path, "columns", i)), **self.loc((*path, "columns", i)),
                )
                for i, c in enumerate(data.get("columns", []))
            ]
            kwargs["cells"] = [self.cell(k, v, (*path, "cells", k)) for k, v in (data.get("cells") or {}).items()]
        return Field(**kwargs)

    def grid_row(self, data: Mapping[str, Any], path: Path) -> GridRow:
        fixed = {"id", "label", "value", "calc"}
        return GridRow(
            id=str(data["id"]), label=label(data["label"]),
            params={k: v for k, v in data.items() if k not in fixed},
            value=self.expr(data, "value", path), calc=self.expr(data, "calc", path), **self.loc(path),
        )

    def cell(self, key: str, data: Mapping[str, Any], path: Path) -> Cell:
        row, _, col = str(key).partition(".")
        return Cell(row=row, col=col, value=self.expr(data, "value", path), calc=self.expr(data, "calc", path),
                    **self.loc(path))

    def rule(self, data: Mapping[str, Any], path: Path) -> Rule:
        check = self.expr(data, "check", path)
        assert check is not None  # the schema requires it
        return Rule(
            id=str(data["id"]), check=check, severity=data.get("severity", "error"),
            fields=[str(f) for f in data.get("fields", [])], message=label(data["message"]),
            table=data.get("table"), **self.loc(path),
        )

    def format(self, data: Mapping[str, Any], path: Path) -> Format:
        when = self.expr(data, "when", path)
        assert when is not None  # the schema requires it
        return Format(
            when=when, fields=[str(f) for f in data.get("fields", [])], style=data.get("style"),
            css_class=data.get("class"), table=data.get("table"), **self.loc(path),
        )

    def due(self, data: Mapping[str, Any] | None) -> Due | None:
        if data is None:
            return None
        return Due(
            after_days=duration_days(str(data.get("after", "0d"))),
            remind_days=[duration_days(str(r)) for r in data.get("remind", [])],
            **self.loc(("due",)),
        )


MAX_DUE_DAYS = 1000  # `due` after and remind: at most this many days (structure refuses more)


def duration_days(text: str) -> int:
    """``2d`` → 2, ``1w`` → 7 (the schema guarantees the shape). A number of more than nine
    digits is far past :data:`MAX_DUE_DAYS` and is not read (Python refuses to read an integer
    of over 4,300 digits): it counts as 10⁹ days."""
    digits, unit = text[:-1].lstrip("0") or "0", text[-1]
    number = int(digits) if len(digits) <= 9 else 10**9
    return number * 7 if unit == "w" else number


def label(value: Any) -> Label:
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items()}
    return {"zh": str(value)}


def pick_label(value: Label | None, lang: str) -> str:
    """SPEC §2.2: the requested language, else zh, else the first one given."""
    if not value:
        return ""
    return value.get(lang) or value.get("zh") or next(iter(value.values()))


def choices_of(raw: Any) -> dict[str, Label] | str | None:
    if raw is None or isinstance(raw, str):
        return raw
    return {_key_text(k): label(v) for k, v in raw.items()}


def _key_text(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def build_template(doc: Document) -> TemplateModel:
    b = Builder(doc)
    d = doc.data
    return TemplateModel(
        file=doc.file, id=str(d["id"]), version=int(d.get("version", 1)), title=label(d["title"]),
        description=label(d["description"]) if "description" in d else None,
        owner=_opt_text(d.get("owner")), basis=_opt_text(d.get("basis")), form_no=_opt_text(d.get("form_no")),
        authority=_opt_text(d.get("authority")), approval_no=_opt_text(d.get("approval_no")),
        valid_until=_opt_text(d.get("valid_until")), pool=d.get("pool"), elements=_opt_text(d.get("elements")),
        derived_from={str(k): str(v) for k, v in (d.get("from") or {}).items()},
        derived_spans={str(k): doc.span_at(("from", k)) for k in (d.get("from") or {})}, level=d.get("level"),
        period=d["period"], due=b.due(d.get("due")),
        fields=[b.field(f, ("fields", i)) for i, f in enumerate(d["fields"])],
        rules=[b.rule(r, ("rules", i)) for i, r in enumerate(d.get("rules", []))],
        formats=[b.format(f, ("formats", i)) for i, f in enumerate(d.get("formats", []))],
        **b.loc(()),
    )


def build_pool(doc: Document) -> PoolModel:
    b = Builder(doc)
    d = doc.data
    tables = {}
    for name, t in d["tables"].items():
        tpath: Path = ("tables", name)
        columns = {
            cname: PoolColumn(
                name=cname, type=c["type"], label=label(c["label"]) if "label" in c else None,
                choices={_key_text(k): label(v) for k, v in c["choices"].items()}
                if isinstance(c.get("choices"), Mapping) else None,
                pii=c.get("pii"), mask=c.get("mask"), **b.loc((*tpath, "columns", cname)),
            )
            for cname, c in t["columns"].items()
        }
        if isinstance(t.get("org"), str) and t["org"] not in columns:
            # SPEC §2.1 names the org column under `org:` only (`org: community_code`): it holds an
            # org unit code, so it is a text column without being listed again under `columns`.
            columns[t["org"]] = PoolColumn(name=t["org"], type="text", **b.loc((*tpath, "org")))
        tables[name] = PoolTable(
            name=name, label=label(t["label"]) if "label" in t else None, key=t["key"], org=t["org"],
            columns=columns, valid_from=t.get("valid_from"), valid_to=t.get("valid_to"), **b.loc(tpath),
        )
    o = d["org"]
    org = OrgSpec(table=o["table"], id=o["id"], parent=o["parent"], name=o["name"], level=o["level"],
                  levels=[str(x) for x in o["levels"]], valid_from=o.get("valid_from"), valid_to=o.get("valid_to"),
                  **b.loc(("org",)))
    return PoolModel(
        file=doc.file, id=str(d["id"]), label=label(d["label"]) if "label" in d else None,
        timezone=str(d.get("timezone", "Asia/Shanghai")), org=org, tables=tables, **b.loc(()),
    )


def _opt_text(value: Any) -> str | None:
    return None if value is None else str(value)


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
