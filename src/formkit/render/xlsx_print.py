"""Excel print setup: paper, orientation, repeated header rows, fit to width, column widths.

A workbook is printed as offices print them: on A4 (LibreOffice and Excel otherwise take the
machine's default, US Letter on many; A3 for a roster too wide to read on A4), upright when the
columns fit the width of the page and on its side when they do not, scaled to one page wide with
the header rows on every page. A roster's columns are as wide as what they hold (an 18-character
ID number, a label), never wrapped where a value must stay on one line (ID and phone numbers
wrapped and overprinted the next row, issue 18).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from openpyxl.worksheet.page import PageMargins

__all__ = ["ONE_LINE_KINDS", "column_width", "print_setup", "text_width"]

# Column-width units (about one Latin character each) that A4 paper takes upright at 100 %
# with the margins below; wider sheets are printed on their side, and fit to width either way.
PORTRAIT_WIDTH = 95
LANDSCAPE_WIDTH = 140
SMALLEST_SCALE = 0.7  # below this on A4 a roster is not legible: it goes on A3 (its offices print A3 too)
MIN_WIDTH, MAX_WIDTH = 6, 40
# Kinds of value that must not wrap: a broken ID or phone number cannot be read back.
ONE_LINE_KINDS = frozenset({"id_card", "phone", "integer", "decimal", "date", "boolean", "choice"})
# The width a kind of value needs whatever the sample (an empty form has none).
_KIND_WIDTH = {"id_card": 18, "phone": 11, "date": 10, "integer": 6, "decimal": 10, "boolean": 4}


def text_width(text: str) -> int:
    """Columns a text takes: wide (CJK, full-width) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(header: str, contents: Iterable[object], kind: str) -> float:
    """A column as wide as its widest value (or what its kind needs), and at least half its
    header (headers wrap onto two lines), within 6 to 40."""
    widest = max((text_width(_shown(v)) for v in contents if v is not None), default=0)
    header_line = max(text_width(w) for w in _halves(header))
    want = max(widest, _KIND_WIDTH.get(kind, 0), header_line + 1)  # +1: a closing bracket stays on its line
    return float(min(MAX_WIDTH, max(MIN_WIDTH, want + 2)))


def print_setup(ws: Any, widths: Iterable[float], title_rows: str) -> None:
    """A4 (A3 when A4 would shrink it below 70 %), upright or on its side by the printed width,
    ``title_rows`` on every page, one page wide (as many pages down as it takes), centred."""
    total = sum(widths)
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if total * SMALLEST_SCALE > LANDSCAPE_WIDTH else ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if total > PORTRAIT_WIDTH else "portrait"
    ws.print_title_rows = title_rows
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _halves(header: str) -> list[str]:
    """A header as it wraps onto two lines (split at its middle): its longer half decides."""
    if text_width(header) <= 8:
        return [header]
    middle = len(header) // 2
    return [header[:middle], header[middle:]]
