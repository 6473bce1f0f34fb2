"""Data into workbook cells: every value formkit writes from data is text, a number or a date, never a formula.

Every workbook writer puts data through :func:`put` (``render_xlsx``, its hidden helper cells and
sheets, the ``formkit corrections --xlsx`` report); only formkit's own calc formulas are
assigned as ``"=" + formula``.

openpyxl makes any ``str`` assigned to a cell that starts with ``=`` a formula, and text such as
``#N/A`` an error value (``Cell._bind_value``). Forcing ``cell.data_type = "s"`` after the
assignment makes the cell an inline string whatever it holds, so Excel and LibreOffice never
evaluate it (``=HYPERLINK(…)``, DDE ``=cmd|' /C calc'!A0``). Text that would start a formula
when staff edit the cell and press Enter — ``= + - @``, their full-width forms (an IME may turn
``＝`` into ``=``), also after leading blanks — is marked ``quotePrefix`` too, so the
application shows it as text and keeps it text when edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["FORMULA_STARTS", "put", "put_row"]

FORMULA_STARTS = frozenset("=+-@＝＋－＠")
_BLANKS = " \t\r\n\u3000"  # what an application may drop before it reads the first character


def put(cell: Any, value: object) -> None:
    """``value`` into ``cell`` as data: text is always text (``=1+1`` stays ``=1+1``)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.lstrip(_BLANKS)[:1] in FORMULA_STARTS:
            cell.quotePrefix = True


def put_row(ws: Any, row: int, values: Iterable[object]) -> None:
    """``values`` into row ``row`` of ``ws`` from column A, each through :func:`put`."""
    for col, value in enumerate(values, start=1):
        put(ws.cell(row, col), value)
