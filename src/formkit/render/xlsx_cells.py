"""Excel workbook model: where every value of a form lives, and how a cell holds it.

The layout pass (xlsx.py) places each field, grid cell and roster column; the formula pass
lowers expressions through :class:`Ctx`, which answers excel_formula's questions (where is
this name, which range holds that roster column) from this model.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Border, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from formkit.document.model import GridRow, Label, pick_label
from formkit.evaluation.functions import Spec
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.derived import origin_of
from formkit.meaning.ir import CExpr, ColumnIR, TableIR
from formkit.meaning.template import Template
from formkit.render.excel_formula import Low, Lowering, constant, leaf, quote
from formkit.render.xlsx_data import put

MAP_SHEET, LISTS_SHEET = "_formkit", "_lists"
MULTI_JOIN = "、"
BOOL_WORDS = {"zh": ("是", "否"), "en": ("Yes", "No")}
Choices = tuple[tuple[str, str], ...]


def choice_labels(tpl: Template, col: ColumnIR) -> dict[str, Label]:
    """A column's choices (key to label): its own, a pool column's (``choices: person.sex``), or
    those of the pool ``choice`` column its value reads (``value: person.sex``); a derived
    value's are those of the source value it reads."""
    if col.model.choices is None:
        tpl, col = origin_of(tpl, col)
    raw = col.model.choices
    if isinstance(raw, dict):
        return raw
    expr = col.value
    if raw is None and expr is not None and isinstance(expr.node, ast.Name):
        ref = expr.node.ref
        raw = f"{ref.table}.{ref.column}" if isinstance(ref, ast.PoolColumnRef) else None
    if isinstance(raw, str) and tpl.pool is not None:
        table, _, column = raw.partition(".")
        pc = tpl.pool.tables[table].columns.get(column) if table in tpl.pool.tables else None
        if pc is not None and pc.choices:
            return pc.choices
    return {}


def choices_in(tpl: Template, col: ColumnIR, lang: str) -> Choices:
    return tuple((k, pick_label(v, lang)) for k, v in choice_labels(tpl, col).items())


def qualify(sheet: str, ref: str, home: str) -> str:
    """``ref`` as written in a formula on sheet ``home``."""
    return ref if sheet == home else "'" + sheet.replace("'", "''") + "'!" + ref


def encoding(spec: Spec, choices: Choices) -> str:
    """How a cell holds a value: number, date, text, choice (a label), bool or multi."""
    if spec.type is Type.NUMBER:
        return "number"
    if spec.type is Type.DATE:
        return "date"
    if spec.type is Type.BOOLEAN:
        return "bool"
    if spec.type is Type.MULTI:
        return "multi"
    return "choice" if choices else "text"


def to_decimal(raw: object) -> Decimal | None:
    """A number given by a host (Decimal, int, text, or a float parsed from JSON)."""
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        d = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(str(raw).strip())
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def to_date(raw: object) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw)[:10])
    except ValueError:
        return None


def cell_content(raw: object, enc: str, choices: Choices, lang: str) -> object:
    """A value of the language as a cell holds it (None: an empty cell)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if enc == "number":
        d = to_decimal(raw)
        if d is None:
            return str(raw)
        return int(d) if d == d.to_integral_value() and abs(d) < 10**15 else float(d)
    if enc == "date":
        return to_date(raw) or str(raw)
    if enc == "bool":
        yes, no = BOOL_WORDS.get(lang, BOOL_WORDS["zh"])
        return yes if raw is True or raw == "true" else no if raw is False or raw == "false" else str(raw)
    labels = dict(choices)
    if enc == "multi" and isinstance(raw, list | tuple):
        return MULTI_JOIN.join(labels.get(str(k), str(k)) for k in raw)
    if enc == "choice":
        return labels.get(str(raw), str(raw))
    return unicodedata.normalize("NFC", str(raw))  # SPEC §3: input is NFC-normalised


@dataclass
class Values:
    """A form's values as given to the renderer: SPEC §5's shape or a flat mapping."""

    scalars: dict[str, object]  # field id or grid.row.col
    tables: dict[str, list[Mapping[str, object]]]
    period: str | None
    prev: dict[str, object]
    footer: dict[str, object] = field(default_factory=dict)  # 填报单位 (the unit's name) and what staff filled

    @classmethod
    def of(cls, tpl: Template, data: Mapping[str, Any] | None, period: str | None,
           prev: Mapping[str, object] | None) -> Values:
        data = dict(data or {})
        shaped = any(k in data for k in ("values", "tables", "grids"))
        flat: dict[str, Any] = dict(data.get("values") or {}) if shaped else dict(data)
        if shaped:
            flat.update(data.get("tables") or {})
            flat.update(data.get("grids") or {})
        for gid in tpl.grids:
            nested = flat.pop(gid, None)
            for rid, cols in (nested or {}).items() if isinstance(nested, Mapping) else ():
                for cid, v in (cols or {}).items():
                    flat.setdefault(f"{gid}.{rid}.{cid}", v)
        tables = {t: [r for r in flat.pop(t) if isinstance(r, Mapping)] for t in tpl.tables
                  if isinstance(flat.get(t), list | tuple)}
        when = period or data.get("period")
        footer: dict[str, object] = {str(k): v for k, v in (data.get("footer") or {}).items()
                                     if isinstance(v, str)} if shaped else {}
        if isinstance(data.get("org_name") or data.get("org"), str):
            footer["org"] = str(data.get("org_name") or data.get("org"))
        return cls(flat, tables, None if when is None else str(when), dict(prev or {}), footer)


@dataclass
class Sheet:
    """A worksheet and its hidden helper cells (down a column, or along a row)."""

    ws: Any
    helper_col: int | None = None
    helper_row: int | None = None
    used: int = 0

    @property
    def name(self) -> str:
        return str(self.ws.title)

    def helper(self, formula: str | None = None, value: object = None) -> str:
        self.used += 1
        col, row = (self.helper_col, self.used) if self.helper_col is not None else (self.used, self.helper_row)
        assert col is not None and row is not None
        coord = f"${get_column_letter(col)}${row}"
        cell = self.ws[coord.replace("$", "")]
        if formula is not None:
            cell.value = "=" + formula
        else:  # data (last period's value for prev()): text, never a formula
            put(cell, value)
        return coord


@dataclass
class Slot:
    """A scalar field or a grid cell: its cell and how the cell holds the value."""

    sheet: Sheet
    coord: str  # absolute, "$B$9"
    spec: Spec
    enc: str
    choices: Choices = ()
    lists: tuple[str, str] | None = None  # (keys, labels) ranges on the lists sheet
    effective: str | None = None  # a helper holding the value when visibility applies
    vis: str | None = None  # a helper holding 1 when the field is visible

    def leaf(self, home: Sheet, raw: bool = False) -> Low:
        if self.effective is not None and not raw:
            enc = "text" if self.enc == "choice" else self.enc
            lists = self.lists if enc == "multi" else None  # the helper holds the value; a multichoice as typed
            return leaf(qualify(self.sheet.name, self.effective, home.name), enc, self.spec.places, lists,
                        self.choices)
        return leaf(qualify(self.sheet.name, self.coord, home.name), self.enc, self.spec.places, self.lists,
                    self.choices)


@dataclass
class RCol:
    """A roster column: its letter, and how its cells hold values."""

    ir: ColumnIR
    letter: str
    spec: Spec
    enc: str
    kind: str  # input | pool (pre-filled on pool rows, typed on added rows) | formula
    choices: Choices = ()
    lists: tuple[str, str] | None = None
    effective: str | None = None
    vis: str | None = None


@dataclass
class RowCtxImpl:
    cells: Ctx
    present: str
    row: int


@dataclass
class Roster:
    """A roster's sheet: ``_key`` in A, the presence flag in B, the columns, then helpers."""

    ir: TableIR
    sheet: Sheet
    first: int
    last: int
    cols: dict[str, RCol]
    next_col: int
    model: Model
    header_row: int = 3
    helpers: dict[str, str] = field(default_factory=dict)
    key_col: str = "A"
    present_col: str = "B"

    def rng(self, letter: str) -> str:
        return f"${letter}${self.first}:${letter}${self.last}"

    def alloc(self, key: str) -> str:
        if key not in self.helpers:
            letter = get_column_letter(self.next_col)
            self.next_col += 1
            self.helpers[key] = letter
            self.sheet.ws[f"{letter}{self.header_row}"] = f"_h{len(self.helpers)}"
            self.sheet.ws.column_dimensions[letter].hidden = True
        return self.helpers[key]

    def fill(self, letter: str, per_row: Callable[[RowCtxImpl], str]) -> None:
        for r in range(self.first, self.last + 1):
            ctx = RowCtxImpl(self.model.ctx(self.sheet, row=(self.ir.id, r)), f"${self.present_col}${r}", r)
            self.sheet.ws[f"{letter}{r}"] = "=" + per_row(ctx)

    def helper(self, key: str, per_row: Callable[[RowCtxImpl], str]) -> str:
        fresh = key not in self.helpers
        letter = self.alloc(key)
        if fresh:
            self.fill(letter, per_row)
        return letter

    def cell_leaf(self, column: str, row: int, home: Sheet, raw: bool = False) -> Low:
        c = self.cols[column]
        effective = None if raw else c.effective
        ref = qualify(self.sheet.name, f"${effective or c.letter}${row}", home.name)
        if effective is not None:
            enc = "text" if c.enc == "choice" else c.enc
            return leaf(ref, enc, c.spec.places, c.lists if enc == "multi" else None, c.choices)
        return leaf(ref, c.enc, c.spec.places, c.lists, c.choices)


@dataclass
class RowsView:
    """A roster seen from the sheet a formula is written on (excel_formula.Rows)."""

    roster: Roster
    home: Sheet

    def _q(self, letter: str) -> str:
        return qualify(self.roster.sheet.name, self.roster.rng(letter), self.home.name)

    def present(self) -> str:
        return self._q(self.roster.present_col)

    def values(self, column: str) -> str:
        c = self.roster.cols[column]
        return self._q(c.effective or c.letter)

    def column_type(self, column: str) -> Type:
        return self.roster.cols[column].ir.type

    def column_places(self, column: str) -> int | None:
        return self.roster.cols[column].spec.places

    def helper(self, key: str, per_row: Callable[[Any], str]) -> tuple[str, str]:
        letter = self.roster.helper(key, per_row)
        return self._q(letter), letter


@dataclass
class Model:
    """Every value's place in the workbook (filled by the layout pass)."""

    tpl: Template
    lang: str
    main: Sheet
    prev: dict[str, object]
    slots: dict[str, Slot] = field(default_factory=dict)
    rosters: dict[str, Roster] = field(default_factory=dict)
    period_cells: tuple[str, str] = ("", "")
    prev_cells: dict[str, str] = field(default_factory=dict)

    def ctx(self, home: Sheet, row: tuple[str, int] | None = None, grid_row: GridRow | None = None) -> Ctx:
        return Ctx(self, home, row, grid_row)


@dataclass
class Ctx:
    """excel_formula.Cells over the model, for a formula on ``home`` (in a roster row, or a grid row)."""

    model: Model
    home: Sheet
    row: tuple[str, int] | None = None
    grid_row: GridRow | None = None

    def leaf(self, node: ast.Name) -> Low:
        ref, m = node.ref, self.model
        if isinstance(ref, ast.FieldRef):
            return m.slots[ref.field].leaf(self.home)
        if isinstance(ref, ast.GridCellRef):
            return m.slots[f"{ref.grid}.{ref.row}.{ref.col}"].leaf(self.home)
        if isinstance(ref, ast.RowParamRef):
            assert self.grid_row is not None
            return constant(self.grid_row.params.get(ref.name))
        if isinstance(ref, ast.RowColumnRef) and self.row is not None and self.row[0] == ref.table:
            return m.rosters[ref.table].cell_leaf(ref.column, self.row[1], self.home)
        raise ValueError(f"'{node.dotted}' has no cell here")

    def rows(self, table: str) -> RowsView:
        return RowsView(self.model.rosters[table], self.home)

    def grid_cells(self, grid: str, col: str) -> list[str]:
        g = self.model.tpl.grids[grid]
        keys = [f"{grid}.{r.id}.{col}" for r in g.model.grid_rows if r.id not in g.total_rows]
        return [qualify(self.model.main.name, self.model.slots[k].coord, self.home.name) for k in keys]

    def period(self, end: bool) -> str:
        return qualify(self.model.main.name, self.model.period_cells[end], self.home.name)

    def prev(self, node: ast.Prev) -> Low:
        ref = node.target.ref
        key = f"{ref.grid}.{ref.row}.{ref.col}" if isinstance(ref, ast.GridCellRef) else node.target.dotted
        slot = self.model.slots[key]
        if key not in self.model.prev_cells:
            content = cell_content(self.model.prev.get(key), slot.enc, slot.choices, self.model.lang)
            self.model.prev_cells[key] = self.model.main.helper(value=content)
        ref_text = qualify(self.model.main.name, self.model.prev_cells[key], self.home.name)
        return leaf(ref_text, slot.enc, slot.spec.places, slot.lists, slot.choices)


# -- cell content and style ---------------------------------------------------------------------------

FILLS = {"value": "FFF2CC", "confirm": "DDEBF7", "calc": "E2EFDA", "head": "D9E1F2", "hidden": "D9D9D9"}
STYLE_FILLS = {"ok": "C6EFCE", "info": "BDD7EE", "warn": "FFEB9C", "danger": "FFC7CE", None: "E4DFEC"}
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNLOCKED = Protection(locked=False)
TEXTS = {
    "zh": {
        "form_no": "表号", "authority": "制定机关", "approval_no": "批准文号", "valid_until": "有效期至",
        "period": "报告期", "to": "至", "item": "项目", "value": "数值", "unit": "单位", "note": "说明",
        "legend": "白色：填写　浅黄：预填（只读）　浅蓝：预填，可更正　浅绿：自动计算",
        "required": "必填", "required_if": "视情况必填", "calc": "自动计算", "prefill": "预填",
        "confirm": "预填，可更正", "see": "见工作表「{}」", "rules": "审核", "check_failed": "不通过",
        "rows_failed": " 行不通过", "unit_name": "填报单位", "filler": "填报人", "reviewer": "审核人",
        "phone": "联系电话", "date": "报出日期", "multi": "多选：用“、”或逗号分隔", "bad": "输入值不符合要求",
        "min": "不小于 {}", "max": "不大于 {}",
        "error": "错误", "warning": "警告", "info": "提示", "places": "最多 {} 位小数", "id_card": "18 位公民身份号码",
    },
    "en": {
        "form_no": "Form No.", "authority": "Issued by", "approval_no": "Approval No.", "valid_until": "Valid until",
        "period": "Period", "to": "to", "item": "Item", "value": "Value", "unit": "Unit", "note": "Notes",
        "legend": "White: fill in   Yellow: pre-filled (read-only)   Blue: pre-filled, may be corrected   "
                  "Green: calculated",
        "required": "required", "required_if": "required in some cases", "calc": "calculated",
        "prefill": "pre-filled", "confirm": "pre-filled, may be corrected", "see": "see sheet '{}'",
        "rules": "Checks", "check_failed": "failed", "rows_failed": " rows failed", "unit_name": "Reporting unit",
        "filler": "Filled by", "reviewer": "Reviewed by", "phone": "Phone", "date": "Date reported",
        "multi": "several choices: separate with 、 or commas", "bad": "this value is not allowed",
        "min": "at least {}", "max": "at most {}",
        "error": "error", "warning": "warning", "info": "info", "places": "at most {} decimal places",
        "id_card": "an 18-character resident ID number",
    },
}


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unused sheet name (31 characters at most, none of []:*?/\\)."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in text).strip("'")[:28] or "Sheet"
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken}:
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name


def fill(color: str) -> PatternFill:
    return PatternFill(start_color=color, end_color=color, fill_type="solid")


def number_format(spec: Spec, enc: str) -> str:
    if enc == "date":
        return "yyyy-mm-dd"
    if enc == "number":
        return "General" if spec.places is None else ("0." + "0" * spec.places if spec.places else "0")
    return "@"


def content_kind(kind: str, expr: CExpr | None) -> str:
    """What a value cell holds: input, const (a YAML constant), prefill (from the pool or last
    period, given by the host) or formula (a calc, or a value the workbook can compute)."""
    if kind in ("calc", "input"):
        return "formula" if kind == "calc" else "input"
    if expr is None or expr.node is None:
        return "const"
    if expr.reads_pool or any(isinstance(n, ast.Prev) for n in ast.walk(expr.node)):
        return "prefill"
    return "formula"


def add_cf(ws: Any, rng: str, formula: str, color: str) -> None:
    ws.conditional_formatting.add(rng, FormulaRule(formula=[formula], fill=fill(color)))


# -- data validation -----------------------------------------------------------------------------------


@dataclass
class Validator:
    """Data validation of input cells: bounds, places, choices, ID numbers; the prompt says what
    is required. Bounds that are expressions are computed in helper cells by the formula pass."""

    model: Model
    t: dict[str, str]
    lang: str
    later: list[Callable[[], None]]
    list_name: Callable[[Choices], str]

    def bound(self, c: CExpr | None, sheet: Sheet, top: str, key: str, roster: Roster | None) -> str | None:
        """A min/max as the validation formula reads it: a constant, or a helper cell holding it."""
        if c is None:
            return None
        node = c.node
        if node is None:
            d = to_decimal(c.const)
            return None if d is None else format(d, "f")
        if roster is None:
            ref = sheet.helper()
            self.later.append(lambda: sheet.ws.__setitem__(
                ref.replace("$", ""), f'=IFERROR({Lowering(self.model.ctx(sheet)).value(node).text},"")'))
            return ref
        letter = roster.alloc(key)
        self.later.append(lambda: roster.fill(letter, lambda ctx: (
            f'IFERROR({Lowering(ctx.cells).value(node).text},"")')))
        return f"${letter}{top[len(top.rstrip('0123456789')):]}"

    def validate(self, sheet: Sheet, rng: str, spec: Spec, enc: str, *, choices: Choices = (),
                  col: ColumnIR | None = None, roster: Roster | None = None) -> None:
        """Data validation of an input cell (or of a roster column's range)."""
        t, top = self.t, rng.split(":", maxsplit=1)[0]
        prompt: list[str] = []
        dv: DataValidation | None = None
        if col is not None and col.required is not None and (col.required.node is not None or col.required.const):
            prompt.append(t["required"] if col.required.node is None else t["required_if"])
        if enc == "number":
            dv = self.number(sheet, top, spec, col=col, roster=roster, prompt=prompt)
        elif enc == "date":
            dv = DataValidation(type="date", operator="between", formula1="1", formula2="2958465")
        elif enc == "bool":
            dv = DataValidation(type="list", formula1=quote(",".join(BOOL_WORDS[self.lang])))
        elif enc == "choice":
            dv = DataValidation(type="list", formula1=self.list_name(choices))
        elif enc == "multi":
            prompt.append(t["multi"])
        elif spec.kind == "id_card":
            prompt.append(t["id_card"])
            # Excel allows no array constants in validation: the shape here, the checksum in id_card_valid()
            shape = f'AND(LEN({top})=18,ISNUMBER(--LEFT({top},17)),ISNUMBER(FIND(RIGHT({top},1),"0123456789Xx")))'
            dv = DataValidation(type="custom", formula1=f'OR(TRIM({top})="",{shape})')
        if spec.pattern:
            prompt.append(spec.pattern)
        if dv is None and not prompt:
            return
        dv = dv or DataValidation()
        dv.allow_blank = True
        dv.error, dv.errorTitle, dv.showErrorMessage = t["bad"], t["bad"], dv.type is not None
        if prompt:
            dv.prompt, dv.showInputMessage = ("；" if self.lang == "zh" else "; ").join(prompt)[:250], True
        sheet.ws.add_data_validation(dv)
        dv.add(rng)

    def number(self, sheet: Sheet, top: str, spec: Spec, *, col: ColumnIR | None, roster: Roster | None,
                   prompt: list[str]) -> DataValidation:
        """Whole/decimal validation between constant bounds, or a custom formula for places and
        for bounds that are expressions (a helper cell holds each; an empty bound is no bound)."""
        kind = "whole" if spec.places == 0 else "decimal"
        exprs = (col.min, col.max) if col is not None else (None, None)
        cid = col.id if col is not None else ""
        lo, hi = (self.bound(c, sheet, top, f"{w}:{cid}", roster) for c, w in zip(exprs, ("min", "max"), strict=True))
        checks = [f"ISNUMBER({top})"] + ([f"ROUND({top},{spec.places})={top}"] if spec.places else [])
        if spec.places:
            prompt.append(self.t["places"].format(spec.places))
        for bound, op, word, c in ((lo, ">=", "min", exprs[0]), (hi, "<=", "max", exprs[1])):
            if bound is not None and c is not None:
                test = f"{top}{op}{bound}"
                checks.append(test if c.node is None else f"OR(NOT(ISNUMBER({bound})),{test})")
                prompt.append(self.t[word].format(c.src.text or bound))
        dynamic = any(c is not None and c.node is not None for c in exprs)
        if spec.places or dynamic:
            return DataValidation(type="custom", formula1=f"AND({','.join(checks)})")
        if lo is not None and hi is not None:
            return DataValidation(type=kind, operator="between", formula1=lo, formula2=hi)
        if lo is not None or hi is not None:
            op = "greaterThanOrEqual" if lo is not None else "lessThanOrEqual"
            return DataValidation(type=kind, operator=op, formula1=lo if lo is not None else hi)
        return DataValidation(type=kind, operator="between", formula1="-1E+15", formula2="1E+15")
