"""Importers (SPEC §12): an Excel report, an XLSForm or a DHIS2 data set becomes a draft template
that `formkit check` accepts, with a list of everything that was not carried over.

``import_report(path, kind=None)`` picks the importer from ``kind`` or, when it is None, from the
file: ``.json`` is DHIS2, a workbook with a ``survey`` sheet an XLSForm, any other workbook an
Excel report.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from formkit.imports import dhis2, excel, xlsform
from formkit.imports.bindings import propose
from formkit.imports.draft import Finding, ImportResult

__all__ = ["KINDS", "Finding", "ImportResult", "detect", "import_dhis2", "import_excel", "import_report",
           "import_xlsform"]

KINDS = ("excel", "xlsform", "dhis2")


def detect(path: str | Path) -> str:
    """The importer for ``path``, from its name and, for a workbook, its sheet names."""
    p = Path(path)
    if p.suffix.lower() == ".json":
        return "dhis2"
    try:
        with zipfile.ZipFile(p) as z:
            book = z.read("xl/workbook.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return "excel"  # the Excel importer says why it cannot open it
    return "xlsform" if 'name="survey"' in book.lower() else "excel"


def import_excel(path: str | Path, *, sheet: str | None = None, pool: str | Path | None = None) -> ImportResult:
    """A statistical report sheet (title, header block, grid or roster, footer) as a template."""
    return _proposed(excel.import_excel(path, sheet=sheet), pool)


def import_xlsform(path: str | Path, *, pool: str | Path | None = None) -> ImportResult:
    """An XLSForm's survey, choices and settings sheets as a template."""
    return _proposed(xlsform.import_xlsform(path), pool)


def import_dhis2(path: str | Path, *, data_set: str | None = None, pool: str | Path | None = None) -> ImportResult:
    """A DHIS2 data set's metadata JSON as a template."""
    return _proposed(dhis2.import_dhis2(path, data_set=data_set), pool)


def import_report(path: str | Path, kind: str | None = None, *, pool: str | Path | None = None,
                  sheet: str | None = None) -> ImportResult:
    """Import ``path`` with the importer ``kind`` (``excel``, ``xlsform``, ``dhis2``; None: detect)."""
    kind = kind or detect(path)
    if kind == "excel":
        return import_excel(path, sheet=sheet, pool=pool)
    if kind == "xlsform":
        return import_xlsform(path, pool=pool)
    if kind == "dhis2":
        return import_dhis2(path, pool=pool)
    raise ValueError(f"unknown import kind {kind!r}: one of {', '.join(KINDS)}")


def _proposed(result: ImportResult, pool: str | Path | None) -> ImportResult:
    if pool is not None and result.template is not None:
        result.proposals += propose(result, pool)
    return result
