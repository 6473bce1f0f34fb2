"""The workbook prints legibly (issue 18; docs/excel.md, "Printing"): A4 (A3 for a roster too wide
to read on A4), orientation by width, header rows repeated, one page wide, columns as wide as
what they hold, ID and phone numbers never wrapped, the roster's title not clipped.

The sheets' print setup is read back with openpyxl; with LibreOffice installed the workbook is
also converted to PDF, as an office would print it, and the pages are read (paper size from
the PDF, text with pdftotext when poppler is installed).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import formkit
from formkit.render.xlsx import render_xlsx
from formkit.render.xlsx_print import text_width

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
A4 = (595, 842)  # points, upright
IDS = [f"370602********{i:04d}" for i in range(0, 4000, 97)]


def ledger() -> tuple[Any, bytes]:
    """The disabled-persons ledger with its living-subsidy roster filled: 42 rows of masked IDs."""
    tpl = formkit.load(formkit.examples_dir() / "disabled_persons_ledger.yaml")
    rows = [{"_key": f"P{i:05d}", "name": "张**", "id_card": ident, "kind": "limb", "level": 2, "cert": "valid",
             "econ": "dibao", "last_subsidy": 100, "subsidy": 120, "remark": "示例"} for i, ident in enumerate(IDS)]
    return tpl, render_xlsx(tpl, values={"tables": {"poor": rows}})


@pytest.fixture(scope="module")
def book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(ledger()[1]))


def roster(book: openpyxl.Workbook) -> Any:
    return book["困难残疾人生活补贴花名册"]


def test_every_sheet_is_set_up_for_paper(book: openpyxl.Workbook) -> None:
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        setup = ws.page_setup
        assert str(setup.paperSize) in (ws.PAPERSIZE_A4, ws.PAPERSIZE_A3), ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0) and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows, ws.title


def test_roster_repeats_its_title_and_header_and_goes_landscape(book: openpyxl.Workbook) -> None:
    ws = roster(book)
    assert ws.print_title_rows == "$1:$3"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert "白色" in ws.oddFooter.center.text  # the legend on every printed page


def test_a_narrow_form_prints_upright() -> None:
    tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(tpl))).worksheets[0]
    assert (str(ws.page_setup.paperSize), ws.page_setup.orientation) == (ws.PAPERSIZE_A4, "portrait")


def _column_of(ws: Any, header: str) -> str:
    cell = next(c for c in ws[3] if c.value == header)
    return str(cell.column_letter)


def test_id_numbers_fit_on_one_line(book: openpyxl.Workbook) -> None:
    ws = roster(book)
    letter = _column_of(ws, "身份证号")
    assert ws.column_dimensions[letter].width >= text_width(IDS[0]) + 1
    cells = [ws[f"{letter}{r}"] for r in range(4, 4 + len(IDS))]
    assert [c.value for c in cells] == IDS
    assert not any(c.alignment.wrap_text for c in cells)


def test_columns_are_as_wide_as_what_they_hold(book: openpyxl.Workbook) -> None:
    ws = roster(book)
    widths = {h: ws.column_dimensions[_column_of(ws, h)].width for h in ("姓名", "身份证号", "家庭经济状况", "备注")}
    assert widths["姓名"] < widths["家庭经济状况"] < widths["身份证号"]
    assert widths["备注"] < 13  # it was 13 for every column


def test_roster_title_spans_the_columns_it_needs(book: openpyxl.Workbook) -> None:
    ws = roster(book)
    merged = next(r for r in ws.merged_cells.ranges if r.min_row == 1 and r.min_col == 3)
    width = sum(ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(3, merged.max_col + 1))
    assert width >= text_width("困难残疾人生活补贴花名册") * 1.3
    assert ws.cell(1, merged.max_col + 1).value and "白色" in ws.cell(1, merged.max_col + 1).value


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("print")
    (root / "ledger.xlsx").write_bytes(ledger()[1])
    home = root / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={home.as_uri()}", "--headless", "--norestore", "--convert-to",
                    "pdf", "--outdir", str(root), str(root / "ledger.xlsx")], check=True, capture_output=True,
                   timeout=600)
    return root / "ledger.pdf"


def test_libreoffice_prints_on_a4(pdf: Path) -> None:
    """LibreOffice printed on US Letter when no paper was set."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes
    for w, h in boxes:
        assert sorted((round(float(w)), round(float(h)))) == list(A4)


def test_printed_roster_is_legible(pdf: Path) -> None:
    """On paper: the roster's whole title, and every ID number on one line, unbroken."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "困难残疾人生活补贴花名册" in text
    lines = text.splitlines()
    for ident in IDS:
        assert any(ident in line for line in lines), ident
