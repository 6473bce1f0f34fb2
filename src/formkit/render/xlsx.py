"""Excel workbook: the form as an .xlsx for offline filling and printing (openpyxl).

One sheet for the form (the statistical-form header, one row per field, grids as blocks,
the rules, the footer), one sheet per roster (an Excel table), a hidden sheet of choice lists
and a hidden map of cells to ids that :func:`read_workbook` reads back. Calculated cells are
live formulas (excel_formula.py), formats are conditional formats, bounds and choices are data
validation, and only input cells are unlocked on the protected sheets (docs/excel.md).

>>> import formkit
>>> from formkit.render.xlsx import render_xlsx
>>> tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
>>> render_xlsx(tpl, values={"values": {"received": 5}})[:2]
b'PK'
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table, TableStyleInfo

from formkit.core.periods import PeriodError, parse_period
from formkit.document.model import pick_label
from formkit.evaluation.formchecks import column_spec, grid_spec
from formkit.evaluation.functions import Spec
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.ir import CExpr, ColumnIR, FieldIR, GridIR, TableIR
from formkit.meaning.template import Template
from formkit.render.excel_formula import Lowering, constant, note_text, quote
from formkit.render.xlsx_cells import (
    BOOL_WORDS,
    BOX,
    FILLS,
    LISTS_SHEET,
    MAP_SHEET,
    STYLE_FILLS,
    TEXTS,
    UNLOCKED,
    Choices,
    Model,
    RCol,
    Roster,
    Sheet,
    Slot,
    Validator,
    Values,
    add_cf,
    cell_content,
    choices_in,
    content_kind,
    encoding,
    fill,
    number_format,
    qualify,
    sheet_name,
)
from formkit.render.xlsx_data import put, put_row
from formkit.render.xlsx_print import ONE_LINE_KINDS, column_width, print_setup, text_width
from formkit.render.xlsx_read import read_workbook

__all__ = ["read_workbook", "render_xlsx"]

EXTRA_ROWS = 20  # blank rows under a roster that staff may add rows to
FOOTER = ("unit_name", "filler", "reviewer", "phone", "date")
# each line's key in SPEC §5's ``footer`` (``org``: 填报单位, the unit's name the server gives)
_FOOTER_KEYS = {"unit_name": "org", "filler": "filled_by", "reviewer": "reviewed_by"}


def render_xlsx(template: Template, *, values: Mapping[str, Any] | None = None, lang: str = "zh",
                path: str | Path | None = None, period: str | None = None,
                prev: Mapping[str, object] | None = None, extra_rows: int = EXTRA_ROWS) -> bytes:
    """The form as an .xlsx workbook; ``values`` in SPEC §5's shape (or flat) pre-fill it.

    Pre-filled (pool, ``prev``, constant) values are written into locked cells, typed values
    into input cells; calculated cells are always formulas. ``period`` (or ``values["period"]``)
    dates ``age()`` and ``period_start()``/``period_end()``; without one a ``once`` form uses
    the day it is filled and other forms let staff type the period's first and last day.
    ``prev`` gives last period's values for ``prev()`` inside calculations.
    """
    book = _Book(template, "en" if lang == "en" else "zh", Values.of(template, values, period, prev), extra_rows)
    out = io.BytesIO()
    book.build().save(out)
    data = out.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


class _Book:
    """Lays the form out (cells, constants, styles), then writes formulas, formats and checks."""

    def __init__(self, tpl: Template, lang: str, values: Values, extra_rows: int) -> None:
        self.tpl, self.lang, self.values, self.extra = tpl, lang, values, extra_rows
        self.t = TEXTS[lang]
        self.wb = Workbook()
        self.names: set[str] = set()
        ws = self.wb.active
        ws.title = sheet_name(tpl.title(lang), self.names)
        self.width = max(4, 1 + max((len(g.model.grid_columns) for g in tpl.grids.values()), default=0))
        self.model = Model(tpl, lang, Sheet(ws, helper_col=self.width + 3), values.prev)
        self.lists = self.wb.create_sheet(LISTS_SHEET)
        self.lists.sheet_state = "hidden"
        self.list_ranges: dict[Choices, tuple[str, str, str]] = {}
        self.map: list[tuple[object, ...]] = [("template", tpl.id, tpl.version, lang, "")]
        self.later: list[Callable[[], None]] = []  # the formula pass, run once every cell has its place
        self.row = 1
        self.styles: dict[tuple[object, ...], Any] = {}
        self.one_line: set[tuple[str, str]] = set()  # (roster, column) whose cells never wrap
        self.widths: dict[str, list[float]] = {}  # roster -> its printed columns' widths
        self.dv = Validator(self.model, self.t, lang, self.later, lambda choices: self._list(choices)[2])

    # -- building ----------------------------------------------------------------------------------

    def build(self) -> Workbook:
        main = self.model.main.ws
        self._header()
        for f in self.tpl.model.fields:
            if f.id in self.tpl.fields:
                self._field(self.tpl.fields[f.id])
            elif f.id in self.tpl.grids:
                self._grid(self.tpl.grids[f.id])
            else:
                self._table_link(self.tpl.tables[f.id])
        rules_at = self.row + 1
        self.row += 3 + len(self.tpl.rules) if self.tpl.rules else 1
        self._footer()
        for job in self.later:
            job()
        self._rules(rules_at)
        self._formats()
        for roster in self.model.rosters.values():
            self._finish_roster(roster)
        main.column_dimensions[get_column_letter(self.model.main.helper_col or 1)].hidden = True
        main.column_dimensions["A"].width = 34
        for i in range(2, self.width + 1):
            main.column_dimensions[get_column_letter(i)].width = 16 if i > 4 else (18 if i == 2 else 12)
        main.column_dimensions["D"].width = max(main.column_dimensions["D"].width or 0, 24)
        main.protection.sheet = True
        print_setup(main, [main.column_dimensions[get_column_letter(i)].width or 13 for i in range(1, self.width + 1)],
                    "1:1")
        self.wb.move_sheet(self.lists, offset=len(self.wb.sheetnames) - 1 - self.wb.sheetnames.index(LISTS_SHEET))
        self._write_map()
        return self.wb

    def _cell(self, row: int, col: int, value: object = None, *, bold: bool = False, bg: str | None = None,
              box: bool = False, align: str | None = None, fmt: str | None = None, unlocked: bool = False,
              ws: Any = None, wrap: bool = True) -> Any:
        """A cell with a value and a style (styles are cached: openpyxl is slow to build them)."""
        cell = (ws or self.model.main.ws).cell(row, col)
        if value is not None:
            put(cell, value)
        key = (bold, bg, box, align, fmt, unlocked, wrap)
        if key in self.styles:
            cell._style = copy(self.styles[key])
            return cell
        cell.font = Font(bold=bold)
        cell.fill = fill(bg) if bg else PatternFill()
        cell.border = BOX if box else Border()
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
        cell.number_format = fmt or "General"
        cell.protection = UNLOCKED if unlocked else Protection(locked=True)
        self.styles[key] = copy(cell._style)
        return cell

    def _fit(self, row: int, *texts: str | None, width: int = 34) -> None:
        """A row tall enough for its wrapped text (LibreOffice does not grow rows on opening)."""
        lines = max(1, *(-(-sum(2 if ord(ch) > 0x2E7F else 1 for ch in t) // width) for t in texts if t))
        if lines > 1:
            self.model.main.ws.row_dimensions[row].height = 15 * lines

    def _header(self) -> None:
        ws, m = self.model.main.ws, self.tpl.model
        last = get_column_letter(self.width)
        self._cell(1, 1, self.tpl.title(self.lang), align="center").font = Font(bold=True, size=15)
        ws.merge_cells(f"A1:{last}1")
        ws.row_dimensions[1].height = 30
        self.row = 2
        if m.description:
            self._cell(2, 1, pick_label(m.description, self.lang))
            ws.merge_cells(f"A2:{last}2")
            self.row = 3
        for key in ("form_no", "authority", "approval_no", "valid_until"):
            self._cell(self.row, 1, f"{self.t[key]}：{getattr(m, key) or ''}", align="right")
            ws.merge_cells(f"A{self.row}:{last}{self.row}")
            self.map.append(("header", key, ws.title, f"A{self.row}", getattr(m, key) or ""))
            self.row += 1
        self._period_row()
        self._cell(self.row, 1, self.t["legend"])
        ws.merge_cells(f"A{self.row}:{last}{self.row}")
        self.row += 1
        for i, key in enumerate(("item", "value", "unit", "note"), start=1):
            self._cell(self.row, i, self.t[key], bold=True, bg=FILLS["head"], box=True, align="center")
        self.row += 1

    def _period_row(self) -> None:
        r = self.row
        self._cell(r, 1, self.t["period"], bold=True)
        self._cell(r, 3, self.t["to"], align="center")
        bounds = None
        if self.values.period is not None:
            try:
                p = parse_period(self.values.period, self.tpl.period)
                bounds = (p.start, p.end) if p.start is not None and p.end is not None else None
            except PeriodError:
                bounds = None
        typed = bounds is None and self.tpl.period != "once"
        for col, i in ((2, 0), (4, 1)):
            cell = self._cell(r, col, box=True, fmt="yyyy-mm-dd", unlocked=typed)
            if bounds is not None:
                cell.value = bounds[i]
            elif self.tpl.period == "once":
                cell.value = "=TODAY()"
            else:
                self.dv.validate(self.model.main, cell.coordinate, Spec("date", Type.DATE, None, {}), "date")
        self.model.period_cells = (f"$B${r}", f"$D${r}")
        self.map += [("period", "start", self.model.main.name, f"B{r}", ""), ("period", "end", self.model.main.name,
                                                                             f"D{r}", "")]
        self.row += 1

    # -- fields and grids ----------------------------------------------------------------------------

    def _list(self, choices: Choices) -> tuple[str, str, str]:
        """The choice list on the lists sheet: (keys range, labels range, defined name of the labels)."""
        if choices not in self.list_ranges:
            col = 2 * len(self.list_ranges) + 1
            for i, (key, label) in enumerate(choices, start=1):
                put(self.lists.cell(i, col), key)
                put(self.lists.cell(i, col + 1), label)
            k, lab = get_column_letter(col), get_column_letter(col + 1)
            n = len(choices)
            keys = qualify(LISTS_SHEET, f"${k}$1:${k}${n}", "")
            labels = qualify(LISTS_SHEET, f"${lab}$1:${lab}${n}", "")
            name = f"fk_list_{len(self.list_ranges) + 1}"
            self.wb.defined_names[name] = DefinedName(name, attr_text=labels)
            self.list_ranges[choices] = (keys, labels, name)
        return self.list_ranges[choices]

    def _slot_parts(self, col: ColumnIR) -> tuple[Spec, str, Choices, tuple[str, str] | None]:
        spec = column_spec(self.tpl, col)
        choices = choices_in(self.tpl, col, self.lang)
        enc = encoding(spec, choices)
        lists = self._list(choices)[:2] if choices else None
        return spec, enc, choices, lists

    def _notes_text(self, col: ColumnIR, content: str) -> str:
        t = self.t
        parts = []
        req = col.required
        if req is not None and (req.node is not None or req.const is True):
            parts.append(t["required"] if req.node is None else t["required_if"])
        if content == "formula":
            parts.append(t["calc"])
        elif content in ("prefill", "const"):
            parts.append(t["confirm"] if col.model.confirm else t["prefill"])
        return "；".join(parts) if self.lang == "zh" else "; ".join(parts)

    def _field(self, f: FieldIR) -> None:
        r, main = self.row, self.model.main
        spec, enc, choices, lists = self._slot_parts(f)
        content = content_kind(f.kind, f.value)
        label = self._cell(r, 1, pick_label(f.model.label, self.lang), box=True)
        if f.model.help:
            label.comment = Comment(pick_label(f.model.help, self.lang), "formkit", width=300, height=120)
        self._cell(r, 3, pick_label(f.model.unit, self.lang) if f.model.unit else None, box=True)
        self._cell(r, 4, self._notes_text(f, content) or None, box=True)
        self._fit(r, label.value)
        slot = Slot(main, f"$B${r}", spec, enc, choices, lists)
        self.model.slots[f.id] = slot
        self._value_cell(slot, content, self.values.scalars.get(f.id), col=f)
        self.map.append(("field", f.id, main.name, f"B{r}", content))
        self.row += 1

    def _value_cell(self, slot: Slot, content: str, given: object, *, col: ColumnIR | None = None,
                    expr: CExpr | None = None, grid_row: Any = None) -> None:
        """A scalar field's or grid cell's value cell: typed, pre-filled, constant or formula."""
        ws, coord = slot.sheet.ws, slot.coord.replace("$", "")
        confirm = col is not None and col.model.confirm
        typed = content == "input" or (confirm and content != "formula")
        bg = FILLS["calc"] if content == "formula" else FILLS["confirm"] if confirm else (
            None if content == "input" else FILLS["value"])
        cell = self._cell(ws[coord].row, ws[coord].column, box=True, bg=bg, unlocked=typed,
                          fmt=number_format(slot.spec, slot.enc))
        expr = expr if col is None else col.expr
        if typed:
            self.dv.validate(slot.sheet, coord, slot.spec, slot.enc, choices=slot.choices, col=col)
        if content == "const" and expr is not None:
            given = expr.const
        if content != "formula":
            put(cell, cell_content(given, slot.enc, slot.choices, self.lang))
        vis_cond = self._visibility(col.visible if col is not None else None)
        if vis_cond is not None:
            slot.vis = slot.sheet.helper()
            if content != "formula":
                slot.effective = slot.sheet.helper()
        typ = col.type if col is not None else Type.NUMBER

        def write() -> None:
            ctx = self.model.ctx(slot.sheet, grid_row=grid_row)
            if slot.vis is not None and vis_cond is not None:
                ws[slot.vis.replace("$", "")] = f"=IF({vis_cond(ctx)},1,0)"
                add_cf(ws, coord, f"{slot.vis}<>1", FILLS["hidden"])
            if slot.effective is not None:
                raw = slot.leaf(slot.sheet, raw=True).text
                ws[slot.effective.replace("$", "")] = f'=IF({slot.vis}=1,IFERROR({raw},""),"")'
            if content == "formula" and expr is not None and expr.node is not None:
                low = Lowering(ctx)
                text = low.display(expr.node, typ, slot.spec.places, BOOL_WORDS[self.lang])
                if slot.vis is not None:
                    text = f'IF({slot.vis}=1,{text},"")'
                cell.value = "=" + text
                self._note(cell, low.notes)

        self.later.append(write)

    def _visibility(self, visible: CExpr | None) -> Callable[[Any], str] | None:
        if visible is None or (visible.node is None and visible.const is not False):
            return None
        node = visible.node
        if node is None:
            return lambda ctx: "FALSE"
        return lambda ctx: Lowering(ctx).condition(node)

    def _note(self, cell: Any, notes: set[str]) -> None:
        if notes:
            text = "\n".join(note_text(n, self.lang) for n in sorted(notes))
            cell.comment = Comment(text, "formkit", width=320, height=100)

    def _grid(self, g: GridIR) -> None:
        main = self.model.main
        r = self.row
        title = pick_label(g.model.label, self.lang) + (f"（{pick_label(g.model.unit, self.lang)}）"
                                                        if g.model.unit else "")
        self._cell(r, 1, title, bold=True)
        if g.model.help:
            main.ws.cell(r, 1).comment = Comment(pick_label(g.model.help, self.lang), "formkit")
        self._cell(r + 1, 1, None, bg=FILLS["head"], box=True)
        for j, c in enumerate(g.model.grid_columns, start=2):
            self._cell(r + 1, j, pick_label(c.label, self.lang), bold=True, bg=FILLS["head"], box=True,
                       align="center")
        for i, row in enumerate(g.model.grid_rows, start=r + 2):
            self._cell(i, 1, pick_label(row.label, self.lang), box=True, bold=row.id in g.total_rows)
            for j, c in enumerate(g.model.grid_columns, start=2):
                cell = g.cells[(row.id, c.id)]
                key = f"{g.id}.{row.id}.{c.id}"
                spec = grid_spec(g, row.id, c.id)
                slot = Slot(main, f"${get_column_letter(j)}${i}", spec, "number")
                self.model.slots[key] = slot
                content = content_kind(cell.kind, cell.expr)
                self._value_cell(slot, content, self.values.scalars.get(key), expr=cell.expr, grid_row=row)
                self.map.append(("cell", key, main.name, slot.coord.replace("$", ""), content))
        self.row = r + 3 + len(g.model.grid_rows)

    # -- rosters ---------------------------------------------------------------------------------------

    def _table_link(self, t: TableIR) -> None:
        name = sheet_name(pick_label(t.model.label, self.lang), self.names)
        r = self.row
        self._cell(r, 1, pick_label(t.model.label, self.lang), box=True)
        link = self._cell(r, 2, self.t["see"].format(name), box=True)
        link.hyperlink = f"#{qualify(name, 'C1', '')}"
        link.font = Font(color="0563C1", underline="single")
        self.model.main.ws.merge_cells(f"B{r}:D{r}")
        self._roster(t, name)
        self.row += 1

    def _roster(self, t: TableIR, name: str) -> None:
        ws = self.wb.create_sheet(name)
        sheet = Sheet(ws, helper_row=2)
        ws.row_dimensions[2].hidden = True
        given = self.values.tables.get(t.id, [])
        n = max(1, len(given) + (self.extra if t.add_rows else 0))
        first = 4
        cols: dict[str, RCol] = {}
        for j, (cid, col) in enumerate(t.columns.items(), start=3):
            spec, enc, choices, lists = self._slot_parts(col)
            content = content_kind(col.kind, col.value)
            kind = "pool" if content == "prefill" else "formula" if content in ("formula", "const") else "input"
            cols[cid] = RCol(col, get_column_letter(j), spec, enc, kind, choices, lists)
        roster = Roster(t, sheet, first, first + n - 1, cols, 3 + len(cols), self.model)
        self.model.rosters[t.id] = roster
        ws.row_dimensions[3].height = 32
        headers = {"_key", "_row"}
        for letter, text in (("A", "_key"), ("B", "_row")):
            ws[f"{letter}3"] = text
            ws.column_dimensions[letter].hidden = True
        for c in cols.values():
            text = pick_label(c.ir.model.label, self.lang)
            while text in headers:  # a table's headers must differ
                text += "_"
            headers.add(text)
            head = self._cell(3, column_index_from_string(c.letter), text, bold=True, box=True, align="center", ws=ws)
            if c.ir.model.help:
                head.comment = Comment(pick_label(c.ir.model.help, self.lang), "formkit")
            kind = self._value_kind(c)
            shown = [cell_content(r.get(c.ir.id), c.enc, c.choices, self.lang) for r in given]
            ws.column_dimensions[c.letter].width = column_width(text, shown, kind)
            long_text = any(text_width(str(v)) > 38 for v in shown if v is not None)
            if kind in ONE_LINE_KINDS or not long_text:
                self.one_line.add((t.id, c.ir.id))
        self.widths[t.id] = [ws.column_dimensions[c.letter].width for c in cols.values()]
        self._roster_title(ws, pick_label(t.model.label, self.lang), list(cols.values()))
        for i in range(n):
            self._roster_row(roster, first + i, given[i] if i < len(given) else {})
        for c in cols.values():
            self._roster_column(roster, c)
        self.map.append(("table", t.id, name, first, first + n - 1))
        self.map += [("column", f"{t.id}.{cid}", name, c.letter, c.kind) for cid, c in cols.items()]
        ws.freeze_panes = "C4"

    def _value_kind(self, c: RCol) -> str:
        """The kind of value a roster column holds, a pool ID or phone number included (a
        `value: person.id_card` column is text to the language, one line on paper)."""
        node = c.ir.value.node if c.ir.value is not None else None
        pool = self.tpl.pool
        if isinstance(node, ast.Name) and isinstance(node.ref, ast.PoolColumnRef) and pool is not None:
            pii = pool.tables[node.ref.table].columns[node.ref.column].pii
            if pii in ("id_card", "phone"):
                return pii
        return c.spec.kind

    def _roster_title(self, ws: Any, title: str, cols: list[RCol]) -> None:
        """The title across as many columns as it needs (it was clipped at the legend in the
        third column), the legend after it when the roster is wider than that."""
        need, span = text_width(title) * 1.3 + 2, 0  # 14 pt bold: about 1.3 columns a half-width character
        widths = [ws.column_dimensions[c.letter].width or 13 for c in cols]
        while span < len(cols) and sum(widths[:span]) < need:
            span += 1
        span = max(1, span)
        self._cell(1, 3, title, ws=ws, wrap=False).font = Font(bold=True, size=14)
        if span > 1:
            ws.merge_cells(f"{cols[0].letter}1:{cols[span - 1].letter}1")
        if span < len(cols):
            ws.cell(1, 3 + span, self.t["legend"]).alignment = Alignment(vertical="center")
        ws.row_dimensions[1].height = 24

    def _roster_row(self, roster: Roster, r: int, data: Mapping[str, object]) -> None:
        ws = roster.sheet.ws
        key = data.get("_key")
        pool_row = roster.ir.rows is not None and key is not None
        put(ws[f"A{r}"], None if key is None else str(key))
        typed_cells = []
        for cid, c in roster.cols.items():
            locked = c.kind == "formula" or (c.kind == "pool" and pool_row)
            bg = FILLS["calc"] if c.kind == "formula" else FILLS["value"] if locked else None
            cell = self._cell(r, column_index_from_string(c.letter), box=True, bg=bg, unlocked=not locked,
                              fmt=number_format(c.spec, c.enc), ws=ws,
                              wrap=(roster.ir.id, cid) not in self.one_line)
            if c.kind != "formula":
                put(cell, cell_content(data.get(cid), c.enc, c.choices, self.lang))
            if not locked:
                typed_cells.append(f"${c.letter}{r}")
        test = f"LEN($A{r})>0" + (f",COUNTA({','.join(typed_cells)})>0" if typed_cells else "")
        ws[f"B{r}"] = f"=IF(OR({test}),1,0)"

    def _roster_column(self, roster: Roster, c: RCol) -> None:
        ws = roster.sheet.ws
        rng = f"{c.letter}{roster.first}:{c.letter}{roster.last}"
        if c.kind != "formula":
            self.dv.validate(roster.sheet, rng, c.spec, c.enc, choices=c.choices, col=c.ir, roster=roster)
        vis_cond = self._visibility(c.ir.visible)
        if vis_cond is not None:
            c.vis = roster.alloc(f"vis:{c.ir.id}")
            if c.kind != "formula":
                c.effective = roster.alloc(f"eff:{c.ir.id}")
        expr = c.ir.expr

        def write() -> None:
            if c.vis is not None and vis_cond is not None:
                roster.fill(c.vis, lambda ctx: f"IF({vis_cond(ctx.cells)},1,0)")
                add_cf(ws, rng, f"${c.vis}{roster.first}<>1", FILLS["hidden"])
            if c.effective is not None:
                roster.fill(c.effective, lambda ctx: (
                    f'IF(${c.vis}{ctx.row}=1,IFERROR('
                    f'{roster.cell_leaf(c.ir.id, ctx.row, roster.sheet, raw=True).text},""),"")'))
            if c.kind != "formula" or expr is None:
                return
            notes: set[str] = set()
            for r in range(roster.first, roster.last + 1):
                ctx = self.model.ctx(roster.sheet, row=(roster.ir.id, r))
                low = Lowering(ctx, notes)
                body = (low.display(expr.node, c.ir.type, c.spec.places, BOOL_WORDS[self.lang])
                        if expr.node is not None else f'IFERROR({constant(expr.const).text},"")')
                guard = f"$B{r}=1" + (f",${c.vis}{r}=1" if c.vis is not None else "")
                ws[f"{c.letter}{r}"] = f'=IF(AND({guard}),{body},"")'
            self._note(ws[f"{c.letter}3"], notes)

        self.later.append(write)

    def _finish_roster(self, roster: Roster) -> None:
        ws = roster.sheet.ws
        last = get_column_letter(roster.next_col - 1)
        number = list(self.model.rosters).index(roster.ir.id) + 1
        table = Table(displayName=f"fk_table_{number}", ref=f"A3:{last}{roster.last}")
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        ws.add_table(table)
        ws.protection.sheet = True
        ws.protection.autoFilter = False
        ws.protection.sort = False
        print_setup(ws, self.widths.get(roster.ir.id, []), "1:3")
        ws.oddFooter.center.text = self.t["legend"]  # on paper, under every page
        ws.oddFooter.center.size = 8

    # -- validation, formats, rules ------------------------------------------------------------------

    def _target(self, name: str, table: str | None) -> tuple[Sheet, str] | None:
        """Where a format or rule names a place: a field, ``table.column`` or ``grid.row.col``."""
        parts = name.split(".")
        m = self.model
        if len(parts) == 1 and table is not None and parts[0] in m.rosters[table].cols:
            parts = [table, parts[0]]
        if len(parts) == 2 and parts[0] in m.rosters and parts[1] in m.rosters[parts[0]].cols:
            roster = m.rosters[parts[0]]
            return roster.sheet, roster.rng(roster.cols[parts[1]].letter).replace("$", "")
        slot = m.slots.get(name)
        return None if slot is None else (slot.sheet, slot.coord.replace("$", ""))

    def _formats(self) -> None:
        for i, fm in enumerate(self.tpl.formats):
            color = STYLE_FILLS.get(fm.model.style, STYLE_FILLS[None])
            cond = _condition(fm.when)
            targets = [t for t in (self._target(n, fm.table) for n in fm.model.fields) if t is not None]
            if fm.table is not None:
                roster = self.model.rosters[fm.table]
                letter = roster.helper(f"format:{i}", _per_row("IF(AND({present}=1,{test}),1,0)", cond))
                self.map.append(("format", i, roster.sheet.name, letter, fm.table))
                for sheet, rng in targets:
                    if sheet is roster.sheet:
                        add_cf(sheet.ws, rng, f"${letter}{roster.first}=1", color)
                continue
            helpers: dict[str, str] = {}
            for sheet, rng in targets:
                if sheet.name not in helpers:
                    helpers[sheet.name] = sheet.helper(f"IF({cond(self.model.ctx(sheet))},1,0)")
                    self.map.append(("format", i, sheet.name, helpers[sheet.name].replace("$", ""), ""))
                add_cf(sheet.ws, rng, f"{helpers[sheet.name]}=1", color)

    def _rules(self, at: int) -> None:
        if not self.tpl.rules:
            return
        main = self.model.main
        self._cell(at, 1, self.t["rules"], bold=True, bg=FILLS["head"], box=True)
        for i, rule in enumerate(self.tpl.rules):
            r = at + 1 + i
            self._fit(r, self._cell(r, 1, pick_label(rule.model.message, self.lang), box=True).value)
            self._cell(r, 3, self.t[rule.model.severity], box=True)
            cell = self._cell(r, 2, box=True, bg=FILLS["calc"])
            node = rule.check.node
            if node is None:
                cell.value = self.t["check_failed"] if rule.check.const is False else None
            elif rule.table is not None:
                roster = self.model.rosters[rule.table]
                letter = roster.helper(f"rule:{i}", _per_row("IF(AND({present}=1,{test}),1,0)", _violated(node)))
                total = f"SUM({qualify(roster.sheet.name, roster.rng(letter), main.name)})"
                cell.value = f'=IF({total}>0,{total}&{quote(self.t["rows_failed"])},"")'
            else:
                low = Lowering(self.model.ctx(main))
                cell.value = f'=IF({low.violated(node)},{quote(self.t["check_failed"])},"")'
                self._note(cell, low.notes)
            add_cf(main.ws, f"B{r}", f'LEN(B{r})>0', STYLE_FILLS["danger"])
            self.map.append(("rule", rule.model.id, main.name, f"B{r}", rule.table or ""))

    def _footer(self) -> None:
        r = self.row
        for i, key in enumerate(FOOTER):
            self._cell(r + i, 1, self.t[key], bold=True)
            # typed footer text is data, never a formula (put writes it as text)
            self._cell(r + i, 2, self.values.footer.get(_FOOTER_KEYS.get(key, key)), box=True,
                       unlocked=key != "unit_name",
                       fmt="yyyy-mm-dd" if key == "date" else "@")
            self.model.main.ws.merge_cells(f"B{r + i}:D{r + i}")
            self.map.append(("footer", key, self.model.main.name, f"B{r + i}", ""))
        self.row = r + len(FOOTER)

    def _write_map(self) -> None:
        ws = self.wb.create_sheet(MAP_SHEET)
        ws.sheet_state = "hidden"
        for r, row in enumerate(self.map, start=1):  # author text among them (form_no…): data, not formulas
            put_row(ws, r, (v if isinstance(v, int | str) else str(v) for v in row))





def _condition(c: CExpr) -> Callable[[Any], str]:
    """A ``when`` (an expression or a YAML constant) as a formula that is TRUE or FALSE."""
    node = c.node
    if node is None:
        return lambda cells: "TRUE" if c.const is True else "FALSE"
    return lambda cells: Lowering(cells).condition(node)


def _violated(node: ast.Expr) -> Callable[[Any], str]:
    return lambda cells: Lowering(cells).violated(node)


def _per_row(template: str, test: Callable[[Any], str]) -> Callable[[Any], str]:
    """A helper column's formula for one roster row: ``template`` with the row's presence flag
    and ``test`` lowered in the row."""
    return lambda ctx: template.format(present=ctx.present, test=test(ctx.cells))
