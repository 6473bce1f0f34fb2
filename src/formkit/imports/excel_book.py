"""Reading a workbook for import: open it (or say plainly why not), and see each sheet as cells
whose merged ranges are known, so a header merged over three columns labels all three."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

__all__ = ["MAP_SHEET", "Sheet", "open_book", "where"]

MAP_SHEET = "_formkit"  # the hidden map of a workbook formkit rendered (render/xlsx_cells.py)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header: .xls, or an encrypted .xlsx


def where(sheet: str, row: int, col: int) -> str:
    quoted = sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{get_column_letter(col)}{row}"


class Unreadable(Exception):
    pass


def open_book(path: Path) -> Workbook:
    """The workbook, with formulas as written. Raises :class:`Unreadable` with the reason."""
    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        raise Unreadable(f"cannot read the file ({exc.strerror})") from None
    if head == _OLE:
        if path.suffix.lower() == ".xls":
            raise Unreadable("an Excel 97–2003 workbook (.xls): open it in Excel or WPS and save it as .xlsx")
        raise Unreadable("the workbook is password-protected (encrypted): save an unprotected copy")
    if not zipfile.is_zipfile(path):
        raise Unreadable("not an Excel workbook (.xlsx): the file is corrupt or of another kind")
    try:
        return load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises anything from KeyError to XML errors on a broken file
        raise Unreadable(f"the workbook is corrupt ({type(exc).__name__}: {exc})") from None


@dataclass
class Sheet:
    """One sheet's non-empty cells; ``text(r, c)`` sees through merges, ``own(r, c)`` does not."""

    title: str
    cells: dict[tuple[int, int], Any]
    formats: dict[tuple[int, int], str]
    anchor: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # merged cell → its top-left

    @classmethod
    def of(cls, ws: Any) -> Sheet:
        cells: dict[tuple[int, int], Any] = {}
        formats: dict[tuple[int, int], str] = {}
        # Hidden rows and columns are not the report staff see (a rendered workbook keeps its
        # conditional-format helpers there).
        hidden_cols = {k for k, d in ws.column_dimensions.items() if d.hidden}
        hidden_rows = {k for k, d in ws.row_dimensions.items() if d.hidden}
        for row in ws.iter_rows():
            for c in row:
                if c.row in hidden_rows or get_column_letter(c.column) in hidden_cols:
                    continue
                v = c.value
                if isinstance(v, str):
                    v = v.strip() or None
                if v is not None:
                    cells[(c.row, c.column)] = v
                if c.number_format and c.number_format != "General":
                    formats[(c.row, c.column)] = c.number_format
        sheet = cls(ws.title, cells, formats)
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for col in range(rng.min_col, rng.max_col + 1):
                    if (r, col) != (rng.min_row, rng.min_col):
                        sheet.anchor[(r, col)] = (rng.min_row, rng.min_col)
        return sheet

    def own(self, r: int, c: int) -> Any:
        return self.cells.get((r, c))

    def value(self, r: int, c: int) -> Any:
        return self.cells.get(self.anchor.get((r, c), (r, c)))

    def text(self, r: int, c: int) -> str | None:
        v = self.value(r, c)
        if v is None:
            return None
        if isinstance(v, dt.datetime):
            return v.date().isoformat()
        return str(v).strip() or None

    def covered(self, r: int, c: int) -> bool:
        """A cell inside a merged range, not its top-left."""
        return (r, c) in self.anchor

    def formula(self, r: int, c: int) -> str | None:
        v = self.own(r, c)
        return v if isinstance(v, str) and v.startswith("=") else None

    def rows(self) -> list[int]:
        return sorted({r for r, _ in self.cells})

    def row_cells(self, r: int) -> list[int]:
        return sorted(c for rr, c in self.cells if rr == r)

    def where(self, r: int, c: int) -> str:
        return where(self.title, r, c)
