"""``formkit import``: an Excel report, an XLSForm or a DHIS2 data set as a draft template (SPEC §12).

    formkit import FILE [--from excel|xlsform|dhis2] [--sheet NAME] [--pool POOL] -o OUT.yaml [--json]

The draft is written (it always checks); what was not carried over is printed with the cell or
survey row it came from. Exit 0 when a draft was written, 1 when nothing could be read.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from formkit.core.errors import TemplateError
from formkit.imports import import_report

__all__ = ["register"]


class Kind(StrEnum):
    excel = "excel"
    xlsform = "xlsform"
    dhis2 = "dhis2"


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="the workbook (.xlsx) or DHIS2 metadata (.json)")],
    *,
    kind: Annotated[Kind | None, typer.Option("--from", help="the kind of file (default: from its name and "
                                                               "sheets)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write the draft here (default: standard "
                                                                       "output)")] = None,
    pool: Annotated[Path | None, typer.Option("--pool", help="propose bindings to this pool's columns (listed, "
                                                             "not applied)")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="excel: the sheet to import")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the findings as JSON")] = False,
) -> None:
    """Import an existing report as a draft template, listing what was not carried over."""
    if not file.is_file():
        sys.stderr.write(f"formkit: {file}: file-not-found: the file does not exist\n")
        raise typer.Exit(2)
    try:
        result = import_report(file, kind.value if kind else None, pool=pool, sheet=sheet)
    except TemplateError as exc:  # the --pool file itself is broken
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(2) from None
    if result.text is not None and result.template is not None:
        if output is None:
            sys.stdout.write(result.text)
        else:
            output.write_text(result.file_text(output) or "", encoding="utf-8")
    if as_json:
        sys.stderr.write(json.dumps({"kind": result.kind, "ok": result.ok, "findings": [f.to_dict() for f in
                                     result.findings], "proposals": result.proposals}, ensure_ascii=False,
                                    indent=2) + "\n")
    elif result.findings or result.proposals:
        sys.stderr.write(result.report() + "\n")
    if result.template is None:
        raise typer.Exit(1)
    done = f"wrote {output}" if output else "the draft is above"
    sys.stderr.write(f"formkit: {done} ({result.kind}; {len(result.findings)} thing(s) not carried over)\n")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
