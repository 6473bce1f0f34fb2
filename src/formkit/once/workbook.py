"""The catalog as an Excel workbook for admins (SPEC §8.2, ``formkit catalog --xlsx``): one sheet
per table of the page, header row frozen and bold, numbers as numbers, shares as percentages, and
every piece of author text written as text (a label ``=1+1`` never becomes a formula)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from formkit.once.labels import word
from formkit.once.report import CatalogReport, Group
from formkit.render.xlsx_data import put


class Share(float):
    """A 0..1 figure the sheet shows as a percentage."""


Rows = Iterable[list[object]]


def catalog_xlsx(report: CatalogReport, path: str | Path, lang: str = "zh") -> Path:
    """Write the workbook to ``path`` and return it."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the default empty sheet
    for key, headers, rows in _tables(report, lang):
        _sheet(book, word(key, lang), [word(h, lang) for h in headers], rows)
    out = Path(path)
    book.save(out)
    return out


def _tables(report: CatalogReport, lang: str) -> list[tuple[str, list[str], Rows]]:
    t = report.totals
    totals: list[list[object]] = [[word(k, lang), v] for k, v in (
        ("templates", t.templates), ("fields", t.fields), ("typed", t.typed), ("prefilled", t.prefilled),
        ("calculated", t.calculated), ("share_prefilled", Share(t.share_prefilled)),
        ("yearly_burden", t.yearly_burden), ("units_from", word(t.units_from, lang)))]
    return [
        ("totals", ["key", "count"], totals),
        ("inventory", ["id", "title_col", "owner", "level", "period", "periods_per_year", "units", "fields",
                       "typed", "prefilled", "calculated", "yearly_burden", "basis", "valid_until", "file"],
         ([e.id, e.title, e.owner, e.level, e.period, e.periods_per_year, e.units, e.fields, e.typed, e.prefilled,
           e.calculated, e.yearly_burden, e.basis, e.valid_until, e.file] for e in report.templates)),
        ("by_owner", _GROUP, _groups(report.by_owner)),
        ("by_level", _GROUP, _groups(report.by_level)),
        ("by_period", _GROUP, _groups(report.by_period)),
        ("repeated", ["item", "label", "type", "rules", "count", "template", "field", "where", "owner", "period",
                      "times_per_year"],
         ([i.key, i.label, i.type, ", ".join(i.rules), i.templates, p.template, p.field, p.where, p.owner,
           p.period, p.times_per_year] for i in report.repeated for p in i.places)),
        ("similar", ["label", "where", "label", "where", "score"],
         ([s.a.label, s.a.where, s.b.label, s.b.where, s.score] for s in report.similar)),
        ("prefillable", ["template", "field", "label", "where", "binding", "source"],
         ([p.place.template, p.place.field, p.place.label, p.place.where, p.binding, p.source]
          for p in report.prefillable)),
        ("merges", ["templates", "level", "period", "before", "after", "reduction", "min_overlap"],
         ([", ".join(m.templates), m.level, m.period, m.fields_before, m.fields_after, Share(m.reduction),
           Share(m.overlap)] for m in report.merges)),
        ("review", ["template", "file", "line", "reasons", "message"],
         ([r.template, r.file, r.line, ", ".join(r.reasons), "\n".join(r.messages)] for r in report.review)),
        ("problems", ["file", "line", "column", "code", "severity", "message", "hint"],
         ([p.file, p.line, p.column, p.code, p.severity, p.message, p.hint] for p in report.problems)),
    ]


_GROUP = ["key", "templates", "fields", "typed", "prefilled", "share_prefilled", "yearly_burden"]


def _groups(groups: list[Group]) -> Rows:
    return ([g.key, g.templates, g.fields, g.typed, g.prefilled, Share(g.share_prefilled), g.yearly_burden]
            for g in groups)


def _sheet(book: Workbook, title: str, headers: list[str], rows: Rows) -> None:
    ws = book.create_sheet(_sheet_title(book, title))
    widths = [_width(h) for h in headers]
    bold = Font(bold=True)
    for col, header in enumerate(headers, start=1):
        put(ws.cell(1, col), header)
        ws.cell(1, col).font = bold
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            _cell(ws.cell(r, col), value)
            widths[col - 1] = max(widths[col - 1], _width(value))
    ws.freeze_panes = "A2"
    for col, chars in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(60, chars + 2)


def _cell(cell: Any, value: object) -> None:
    put(cell, value)  # text as text, always: author labels may start with "="
    if isinstance(value, Share):
        cell.value = float(value)
        cell.number_format = "0.0%"


def _sheet_title(book: Workbook, title: str) -> str:
    """Excel's sheet names: 31 characters, unique (the by-owner/level/period sheets are distinct
    words, but a translation must not collide either)."""
    base, n, name = title[:31], 2, title[:31]
    while name in book.sheetnames:
        name, n = f"{base[:28]} {n}", n + 1
    return name


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _width(value: object) -> int:
    """Columns a value needs: CJK characters take two, the longest line counts."""
    if value is None:
        return 0
    if isinstance(value, Share):
        return 7
    text = str(value)
    return max((sum(2 if _wide(ch) else 1 for ch in line) for line in text.split("\n")), default=0)
