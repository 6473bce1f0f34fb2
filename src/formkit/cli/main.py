"""Command line: `formkit check|sql|render|fill|submit|rollup|status|demo …`."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from formkit.cli import authoring as cli_authoring
from formkit.cli import catalog as cli_catalog
from formkit.cli import forms as cli_forms
from formkit.cli import imports as cli_imports
from formkit.cli import review as cli_review
from formkit.cli import runtime as cli_runtime
from formkit.cli import serve as cli_serve
from formkit.cli.check import check_paths
from formkit.core.connection import DatabaseUnavailable

app = typer.Typer(no_args_is_help=True, help="formkit: smart report templates.")  # with --install-completion


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="template and pool files, or folders of them")],
    format: Annotated[OutputFormat, typer.Option("--format", help="text for people, json for tools")] = (
        OutputFormat.text
    ),
    db: Annotated[str | None, typer.Option(
        "--db", help="also check each template against its versions deployed in this database")] = None,
    proofs: Annotated[bool, typer.Option(
        "--proofs/--no-proofs", help="prove what each template's bounds and rules imply (SPEC §11)")] = True,
    explain: Annotated[bool, typer.Option(
        "--explain", help="also print each numeric field's implied range and what the proofs skipped")] = False,
) -> None:
    """Check templates and pools; print every problem with its line and column (with --db, also
    which of the pool's tables and columns the database lacks)."""
    try:
        report = check_paths(paths, db=db, proofs=proofs, explain=explain)
    except DatabaseUnavailable as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise typer.Exit(1) from None
    if format is OutputFormat.json:
        payload = {"ok": report.ok, "files": report.files, "issues": [i.to_dict() for i in report.issues]}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        for issue in report.issues:
            sys.stdout.write(issue.format(report.sources.get(issue.span.file)) + "\n\n")
        for text in report.explained:
            sys.stdout.write(text + "\n\n")
        errors_n = sum(1 for i in report.issues if i.severity == "error")
        summary = f"{len(report.files)} file(s) checked, {errors_n} error(s)"
        sys.stdout.write(("ok: " if report.ok else "") + summary + "\n")
    raise typer.Exit(0 if report.ok else 1)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 — only for --version

        try:
            number = version("formkit")
        except PackageNotFoundError:  # run from a source tree that was never installed
            from formkit import __version__ as number  # noqa: PLC0415
        sys.stdout.write(f"formkit {number}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="print formkit's version and exit")] = False,
) -> None:
    """formkit: smart report templates."""


# The other commands live beside the stage they drive; this module only assembles them.
cli_runtime.register(app)
cli_forms.register(app)
cli_catalog.register(app)
cli_review.register(app)
cli_serve.register(app)
cli_authoring.register(app)
cli_imports.register(app)


def main() -> None:
    app()
