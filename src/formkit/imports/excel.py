"""Excel → template: a statistical report sheet becomes a draft template (SPEC §12).

The layout (excel_layout.py) says where the title, header block, tables and footer are; this
module names everything (ids from labels, or from the hidden map when formkit wrote the
workbook), decides grid, fields or roster for each table, and translates the formulas
(excel_formula.py) with every referenced cell named. What has no place in a template is listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from formkit.core import errors
from formkit.imports.draft import Draft, ImportResult
from formkit.imports.excel_book import MAP_SHEET, Sheet, Unreadable, open_book
from formkit.imports.excel_formula import CellRef, Formulas, Untranslatable, cells_of, parse
from formkit.imports.excel_layout import PART_OF, TOTAL_WORDS, Block, Layout, read_layout, valid_until
from formkit.imports.ids import Ids, slug, split_unit

__all__ = ["import_excel"]

_FORMKIT_FOOTER = {"填报单位", "单位名称", "填报人", "填表人", "审核人", "联系电话", "报出日期", "填报日期", "填表日期"}
_DECIMAL_WORDS = re.compile(r"万元|亿元|元|率|比例|比重|%|％|金额|平均|面积|吨|公斤")
_PERIODS = (("weekly", re.compile(r"周报|每周|周）")), ("quarterly", re.compile(r"季报|季度|季）")),
            ("monthly", re.compile(r"月报|月度|月）|每月")), ("yearly", re.compile(r"年报|年度|年）|每年")))
_TYPES = (("id_card", re.compile(r"身份证")), ("phone", re.compile(r"电话|手机")),
          ("date", re.compile(r"日期|时间|出生年月")), ("decimal", _DECIMAL_WORDS),
          ("integer", re.compile(r"人数|数量|次数|户数|个数|年龄|岁|[^a-z]数$")))


@dataclass
class _Names:
    """Every cell of the report that has a name, and what each formula cell stands for."""

    fields: dict[tuple[int, int], str] = field(default_factory=dict)  # cell → field id
    grid: dict[tuple[int, int], tuple[str, str, str]] = field(default_factory=dict)  # cell → grid, row, col
    totals: dict[str, set[str]] = field(default_factory=dict)  # grid → its totals rows
    items: dict[str, dict[str, Any]] = field(default_factory=dict)  # field id → its data


@dataclass
class _Ctx:
    draft: Draft
    sheet: Sheet
    layout: Layout
    ids: Ids
    names: _Names
    mapped: dict[tuple[str, str], tuple[str, str]]


def import_excel(path: str | Path, *, sheet: str | None = None) -> ImportResult:
    """Import the report on ``sheet`` (default: the first visible sheet with a table)."""
    path = Path(path)
    draft = Draft(path, "excel")
    try:
        book = open_book(path)
    except Unreadable as exc:
        draft.note(path.name, errors.IMPORT_UNREADABLE, str(exc), "import a readable .xlsx copy", "error")
        return draft.fail()
    mapped = _map_of(book)
    sheets = [ws for ws in book.worksheets if ws.sheet_state == "visible" and ws.title != MAP_SHEET]
    if sheet is not None:
        sheets = [ws for ws in book.worksheets if ws.title == sheet]
        if not sheets:
            draft.note(path.name, errors.IMPORT_NO_TABLE, f"the workbook has no sheet '{sheet}'",
                       f"its sheets: {', '.join(book.sheetnames)}", "error")
            return draft.fail()
    chosen: tuple[Sheet, Layout] | None = None
    for ws in sheets:
        s = Sheet.of(ws)
        layout = read_layout(s)
        if not layout.blocks:
            draft.note(f"{ws.title}!A1", errors.IMPORT_NO_TABLE, f"the sheet '{ws.title}' has no table to import",
                       "a report sheet has row labels and columns to fill under a header row", "error"
                       if len(sheets) == 1 else "warning")
        elif chosen is None:
            chosen = (s, layout)
        else:
            draft.note(f"{ws.title}!A1", errors.IMPORT_NOT_CARRIED, f"the sheet '{ws.title}' is another report",
                       f"import it on its own: formkit import {path.name} --sheet '{ws.title}'")
    if chosen is None:
        return draft.fail()
    _build(draft, path, *chosen, mapped)
    return draft.finish((f"imported from {path.name} by formkit import: a draft, review it before use",))


def _map_of(book: Any) -> dict[str, Any]:
    """A rendered workbook's own names: {cell: key} per sheet, and the template's id."""
    if MAP_SHEET not in book.sheetnames:
        return {}
    rows = [r for r in book[MAP_SHEET].iter_rows(values_only=True) if r and r[0]]
    out: dict[str, Any] = {"cells": {}}
    for r in rows:
        kind, key = str(r[0]), str(r[1])
        if kind == "template":
            out["id"], out["version"] = key, r[2]
        elif kind in ("field", "cell") and len(r) > 3 and r[3]:
            out["cells"][(str(r[2]), str(r[3]))] = (kind, key)
    return out


def _build(draft: Draft, path: Path, sheet: Sheet, layout: Layout, mapped: dict[str, Any]) -> None:
    data = draft.data
    title = layout.title or sheet.title
    data["id"] = mapped.get("id") or Ids("r").take(title if re.search(r"[\u4e00-\u9fff]", path.stem) is None
                                                    and not slug(path.stem) else path.stem)
    data["version"] = int(mapped["version"]) if isinstance(mapped.get("version"), int) else 1
    data["title"] = title
    for key, (text, at) in layout.header.items():
        if key == "valid_until":
            iso = valid_until(text)
            if iso is None:
                draft.note(sheet.where(*at), errors.IMPORT_NOT_CARRIED, f"有效期至 '{text}' is not a date",
                           "write valid_until: YYYY-MM-DD")
                continue
            data[key] = iso
            continue
        if key == "approval_by":
            draft.note(sheet.where(*at), errors.IMPORT_NOT_CARRIED, f"批准机关 '{text}' has no template key",
                       "the approval number (批准文号) is kept as approval_no")
            continue
        if text:
            data[key] = text
    data["period"] = _period(draft, sheet, layout)
    if layout.notes:
        data["description"] = "\n".join(layout.notes)
    for key, at in layout.footer.items():
        if key not in _FORMKIT_FOOTER:
            draft.note(sheet.where(*at), errors.IMPORT_NOT_CARRIED, f"the footer's {key} is not carried over",
                       "formkit's form footer has 填报单位, 填报人, 审核人, 联系电话 and 报出日期")
    if layout.checks_at is not None:
        draft.note(sheet.where(layout.checks_at, 1), errors.IMPORT_NOT_CARRIED,
                   "the checks (审核) of a rendered workbook are not imported", "copy them from the original template")
    names = _Names()
    ctx = _Ctx(draft, sheet, layout, Ids("f"), names, mapped.get("cells", {}))
    fields: list[dict[str, Any]] = []
    for block in layout.blocks:
        fields += _block(ctx, block)
    data["fields"] = fields
    _formulas(draft, sheet, layout, names, fields)


def _period(draft: Draft, sheet: Sheet, layout: Layout) -> str:
    text = " ".join(t for t in (layout.title, layout.period_text) if t)
    for period, pattern in _PERIODS:
        if pattern.search(text):
            return period
    at = layout.title_at or (1, 1)
    draft.note(sheet.where(*at), errors.IMPORT_NOT_CARRIED, "the sheet does not say how often it is filled: "
               "period: monthly is a guess", "set period: weekly, monthly, quarterly, yearly or once")
    return "monthly"


def _places(sheet: Sheet, cells: list[tuple[int, int]], label: str) -> int | None:
    """Decimal places of a value: from its number format, its sample value, or a unit word."""
    for cell in cells:
        fmt = sheet.formats.get(cell, "")
        m = re.search(r"0\.(0+)", fmt)
        if m:
            return len(m.group(1))
        v = sheet.own(*cell)
        if isinstance(v, float) and not v.is_integer():
            return max(2, len(repr(v).split(".")[1]) if len(repr(v).split(".")[1]) <= 4 else 2)
    return 2 if _DECIMAL_WORDS.search(label) else None


def _typed(item: dict[str, Any], places: int | None) -> dict[str, Any]:
    if places:
        item["type"], item["precision"] = "decimal", places
    else:
        item["type"] = "integer"
    return item


def _block(ctx: _Ctx, block: Block) -> list[dict[str, Any]]:
    draft, sheet = ctx.draft, ctx.sheet
    if block.codes_row is not None:
        draft.note(sheet.where(block.codes_row, 1), errors.IMPORT_NOT_CARRIED,
                   "the row of column codes (甲、乙、1、2…) is not carried over", "forms number nothing")
    code_col = block.special.get("code")
    roster = not block.value_cols or (
        code_col is not None and code_col == (block.label_cols or [0])[0]) or not block.label_cols
    if roster:
        return _roster(ctx.draft, ctx.sheet, block, ctx.ids)
    if len(block.value_cols) == 1:
        return _pairs(ctx, block)
    return [_grid(ctx, block)]


def _mapped_key(sheet: Sheet, mapped: dict[tuple[str, str], tuple[str, str]], r: int, c: int) -> str | None:
    found = mapped.get((sheet.title, sheet.where(r, c).split("!")[1]))
    return found[1] if found else None


def _pairs(ctx: _Ctx, block: Block) -> list[dict[str, Any]]:
    draft, sheet, layout, ids, names, mapped = ctx.draft, ctx.sheet, ctx.layout, ctx.ids, ctx.names, ctx.mapped
    out: list[dict[str, Any]] = []
    vc = block.value_cols[0]
    unit_col = block.special.get("unit")
    for r in block.data_rows:
        text = block.row_label(sheet, r)
        if not text:
            continue
        label, unit = split_unit(text)
        if unit_col is not None and sheet.text(r, unit_col):
            unit = sheet.text(r, unit_col)
        fid = ids.take(label, _mapped_key(sheet, mapped, r, vc))
        item = draft.place({"id": fid, "label": label}, sheet.where(r, vc))
        if unit or layout.unit:
            item["unit"] = unit or layout.unit
        fmt = sheet.formats.get((r, vc), "")
        if fmt == "@":
            item["type"] = "text"  # a cell formatted as text
        elif re.search(r"yy|dd", fmt):
            item["type"] = "date"
        else:
            _typed(item, _places(sheet, [(r, vc)], f"{label}{unit or layout.unit or ''}"))
        names.fields[(r, vc)] = fid
        names.items[fid] = item
        out.append(item)
    return out


def _grid(ctx: _Ctx, block: Block) -> dict[str, Any]:
    draft, sheet, layout, ids, names, mapped = ctx.draft, ctx.sheet, ctx.layout, ctx.ids, ctx.names, ctx.mapped
    known = [_mapped_key(sheet, mapped, r, c) for r in block.data_rows for c in block.value_cols]
    parts = [k.split(".") for k in known if k and k.count(".") == 2]
    caption = block.caption or (layout.title if len(layout.blocks) == 1 else None) or "表"
    gid = ids.take(caption, parts[0][0] if parts else None)
    row_ids, col_ids = Ids("r"), Ids("c")
    rows: list[dict[str, Any]] = []
    totals: set[str] = set()
    row_of: dict[int, str] = {}
    for r in block.data_rows:
        label = block.row_label(sheet, r) or f"{r}"
        wanted = next((k.split(".")[1] for c in block.value_cols
                       if (k := _mapped_key(sheet, mapped, r, c)) and k.count(".") == 2), None)
        rid = row_ids.take(label, wanted)
        row_of[r] = rid
        rows.append(draft.place({"id": rid, "label": label}, sheet.where(r, block.label_cols[0])))
        if TOTAL_WORDS.match(label):
            totals.add(rid)
    cols: list[dict[str, Any]] = []
    col_of: dict[int, str] = {}
    paths = {c: block.col_path(sheet, c) or [get_column_letter(c)] for c in block.value_cols}
    leaves = [p[-1] if p else "" for p in paths.values()]
    for c in block.value_cols:
        path = paths[c] or [get_column_letter(c)]
        leaf = path[-1]
        label = leaf if leaves.count(leaf) == 1 else "·".join(path)
        wanted = next((k.split(".")[2] for r in block.data_rows
                       if (k := _mapped_key(sheet, mapped, r, c)) and k.count(".") == 2), None)
        cid = col_ids.take(label, wanted)
        col_of[c] = cid
        item = draft.place({"id": cid, "label": label}, sheet.where((block.header_rows or [block.first_row])[-1], c))
        places = _places(sheet, [(r, c) for r in block.data_rows], f"{label}{layout.unit or ''}")
        if places:
            item["type"], item["precision"] = "decimal", places
        cols.append(item)
        for r in block.data_rows:
            names.grid[(r, c)] = (gid, row_of[r], cid)
    names.totals[gid] = totals
    grid: dict[str, Any] = {"id": gid, "type": "grid", "label": caption, "rows": rows, "columns": cols}
    if layout.unit:
        grid["unit"] = layout.unit
    names.items[gid] = grid
    grid["_parts"] = {"rows": row_of, "cols": col_of, "paths": paths, "block": block}
    return draft.place(grid, sheet.where(block.first_row, block.label_cols[0]))


def _roster(draft: Draft, sheet: Sheet, block: Block, ids: Ids) -> list[dict[str, Any]]:
    head = (block.header_rows or [block.first_row])[-1]
    caption = block.caption or "花名册"
    columns: list[dict[str, Any]] = []
    col_ids = Ids("c")
    for c in sorted({*block.label_cols, *block.value_cols}):
        label = "·".join(block.col_path(sheet, c)) or f"{c}"
        if c == block.special.get("code"):
            continue  # 序号: every row is numbered by the form, and keyed by _key
        label, unit = split_unit(label)
        col: dict[str, Any] = {"id": col_ids.take(label), "label": label}
        kind = next((t for t, pattern in _TYPES if pattern.search(label)), "text")
        col["type"] = kind
        if kind == "decimal":
            col["precision"] = 2
        if unit:
            col["unit"] = unit
        columns.append(draft.place(col, sheet.where(head, c)))
    if block.data_rows:
        draft.note(sheet.where(block.data_rows[0], 1), errors.IMPORT_NOT_CARRIED,
                   f"{len(block.data_rows)} rows already filled in are not carried over",
                   "a template holds the form, not its data")
    item = {"id": ids.take(caption), "type": "table", "label": caption, "columns": columns}
    return [draft.place(item, sheet.where(head, (block.label_cols or block.value_cols or [1])[0]))]


# -- formulas ------------------------------------------------------------------------------------
def _formulas(draft: Draft, sheet: Sheet, layout: Layout, names: _Names, fields: list[dict[str, Any]]) -> None:
    formula_cells = {(r, c): f for (r, c) in sheet.cells if (f := sheet.formula(r, c))}
    named = names.fields.keys() | names.grid.keys()
    for cell in sorted(formula_cells.keys() - named):
        if layout.checks_at is not None and cell[0] >= layout.checks_at:
            continue  # the rendered checks: reported once
        if sheet.text(*cell) and cell[1] <= max((c for _, c in named), default=0) + 1:
            draft.note(sheet.where(*cell), errors.IMPORT_FORMULA, "a formula outside the report's cells is not "
                       "carried over", "only the cells of a table or a label/value pair become calcs")
    trees: dict[tuple[int, int], Any] = {}
    for cell in sorted(formula_cells.keys() & named):
        try:
            trees[cell] = parse(formula_cells[cell])
        except Untranslatable as exc:
            draft.note(sheet.where(*cell), errors.IMPORT_FORMULA, f"{formula_cells[cell]}: {exc}",
                       "write the calc in the expression language (docs/templates.md)")
    for cell in _circular(sheet, trees):
        draft.note(sheet.where(*cell), errors.IMPORT_CIRCULAR, f"{formula_cells[cell]} is part of (or reads) "
                   "formulas that refer to each other in a circle", "break the circle in the workbook")
        del trees[cell]
    grid_calcs: dict[str, dict[tuple[str, str], str]] = {}
    for cell, tree in trees.items():
        try:
            text = _formulas_at(sheet, names, cell).translate(tree)
        except Untranslatable as exc:
            draft.note(sheet.where(*cell), errors.IMPORT_FORMULA, f"{formula_cells[cell]}: {exc}",
                       "write the calc in the expression language (docs/templates.md)")
            continue
        if cell in names.fields:
            item = names.items[names.fields[cell]]
            item["calc"] = text
        else:
            gid, rid, cid = names.grid[cell]
            grid_calcs.setdefault(gid, {})[(rid, cid)] = text
    for item in fields:
        if item.get("type") == "grid":
            _grid_calcs(item, grid_calcs.get(item["id"], {}), names.totals.get(item["id"], set()))


def _formulas_at(sheet: Sheet, names: _Names, at: tuple[int, int]) -> Formulas:
    def name_of(ref: CellRef) -> str | None:
        return _name(sheet, names, ref, at)

    def sum_of(refs: list[CellRef]) -> str | None:
        return _sum(sheet, names, refs, at)

    return Formulas(name_of, sum_of)


def _circular(sheet: Sheet, trees: dict[tuple[int, int], Any]) -> list[tuple[int, int]]:
    """Formula cells on a circle, or reading one: what is left when cells whose inputs are all
    settled are peeled off one by one."""
    reads = {cell: {(ref.row, ref.col) for ref in cells_of(tree) if ref.sheet in (None, sheet.title)} & trees.keys()
             for cell, tree in trees.items()}
    settled: set[tuple[int, int]] = set()
    changed = True
    while changed:
        changed = False
        for cell, inputs in reads.items():
            if cell not in settled and inputs <= settled:
                settled.add(cell)
                changed = True
    return sorted(reads.keys() - settled)


def _name(sheet: Sheet, names: _Names, ref: CellRef, at: tuple[int, int]) -> str | None:
    if ref.sheet not in (None, sheet.title):
        raise Untranslatable(f"it reads the sheet '{ref.sheet}': only cells of this report translate")
    key = (ref.row, ref.col)
    if key in names.fields:
        return names.fields[key]
    if key in names.grid:
        gid, rid, cid = names.grid[key]
        here = names.grid.get(at)
        if here is not None and here[0] == gid and here[1] == rid:
            return f"row.{cid}"
        return f"{gid}.{rid}.{cid}"
    return None


def _sum(sheet: Sheet, names: _Names, refs: list[CellRef], at: tuple[int, int]) -> str | None:
    cells = [(r.row, r.col) for r in refs if r.sheet in (None, sheet.title)]
    if len(cells) != len(refs) or not cells:
        return None
    named = [c for c in cells if c in names.fields or c in names.grid]
    if not named:
        return None
    in_grid = {names.grid[c] for c in named if c in names.grid}
    grids = {g for g, _, _ in in_grid}
    if len(grids) == 1 and len(named) == len(in_grid) and len({c for _, _, c in in_grid}) == 1:
        gid, _, cid = next(iter(in_grid))
        body = {rid for (g, rid, c) in names.grid.values() if g == gid and c == cid} - names.totals[gid]
        if {rid for _, rid, _ in in_grid} == body:
            here = names.grid.get(at)
            return "sum(col)" if here is not None and here[0] == gid and here[2] == cid else f"sum({gid}.{cid})"
    parts = [_name(sheet, names, CellRef(None, r, c), at) for r, c in named]
    return " + ".join(p for p in parts if p)


def _grid_calcs(grid: dict[str, Any], calcs: dict[tuple[str, str], str], totals: set[str]) -> None:
    """Cell formulas → a row's calc (the same text in every column), a column's (the same in every
    other row), and ``cells:`` for the rest; a 合计 row without formulas sums its column."""
    parts = grid.pop("_parts")
    rows = [r["id"] for r in grid["rows"]]
    cols = [c["id"] for c in grid["columns"]]
    part_of = {r["id"] for r in grid["rows"] if PART_OF.match(r["label"])}
    blank = not calcs  # a form without formulas: its totals come from its labels
    row_calc: dict[str, str] = {}
    for rid in rows:
        same = _one_text(calcs.get((rid, cid)) for cid in cols)
        if same is not None:
            row_calc[rid] = same
        elif rid in totals and not any(calcs.get((rid, cid)) for cid in cols):
            if not part_of:
                row_calc[rid] = "sum(col)"
                continue
            body = [r for r in rows if r not in totals and r not in part_of]  # 其中 rows are in their parent
            for cid in cols:
                calcs[(rid, cid)] = " + ".join(f"{grid['id']}.{r}.{cid}" for r in body)
    col_calc = _column_calcs(rows, cols, calcs, row_calc)
    if blank:
        _total_columns(grid, parts["paths"], cols)
    _place_calcs(grid, calcs, row_calc, col_calc)


def _column_calcs(rows: list[str], cols: list[str], calcs: dict[tuple[str, str], str],
                  row_calc: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for cid in cols:
        same = _one_text(calcs.get((rid, cid)) for rid in rows if rid not in row_calc)
        if same is not None and len(rows) > len(row_calc):
            out[cid] = same
    return out


def _one_text(texts: Iterable[str | None]) -> str | None:
    """The formula every cell holds, when they all hold the same one (None: a blank among them)."""
    found = set(texts)
    return next(iter(found)) if len(found) == 1 else None


def _place_calcs(grid: dict[str, Any], calcs: dict[tuple[str, str], str], row_calc: dict[str, str],
                 col_calc: dict[str, str]) -> None:
    cells: dict[str, Any] = {}
    for (rid, cid), text in sorted(calcs.items()):
        if (rid in row_calc and cid in col_calc) or (rid not in row_calc and cid not in col_calc):
            cells[f"{rid}.{cid}"] = {"calc": text}
    for rid, text in row_calc.items():
        for cid in col_calc:
            cells.setdefault(f"{rid}.{cid}", {"calc": text})
    for r in grid["rows"]:
        if r["id"] in row_calc:
            r["calc"] = row_calc[r["id"]]
    for c in grid["columns"]:
        if c["id"] in col_calc:
            c["calc"] = col_calc[c["id"]]
    if cells:
        grid["cells"] = cells


def _total_columns(grid: dict[str, Any], paths: dict[int, list[str]], cols: list[str]) -> None:
    """A blank form's 合计/小计 column: the other columns under the same heading, added up."""
    path_of = dict(zip(cols, paths.values(), strict=True))
    for c in grid["columns"]:
        path = path_of[c["id"]]
        if not path or not TOTAL_WORDS.match(path[-1]):
            continue
        siblings = [o for o in cols if o != c["id"] and path_of[o][:-1] == path[:-1]
                    and not TOTAL_WORDS.match((path_of[o] or [""])[-1]) and not PART_OF.match((path_of[o] or [""])[-1])]
        if siblings:
            c["calc"] = " + ".join(f"row.{o}" for o in siblings)
