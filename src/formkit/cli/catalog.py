"""Command line for report only once: ``formkit catalog``, ``formkit admit`` and ``formkit merge``
(SPEC §8.2–§8.4).

``register(app)`` adds the three commands to formkit's typer app::

    formkit catalog PATH... [--elements FILE] [--db URL] [--similar 0.85] [--json] [--html OUT] [--xlsx OUT]
    formkit admit NEW.yaml --catalog PATH... [--elements FILE] [--max-overlap 0.8] [--json]
    formkit merge A.yaml B.yaml... --id ID -o DIR [--title T] [--owner O] [--json]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from formkit.core.connection import DatabaseUnavailable
from formkit.core.errors import TemplateError

__all__ = ["register"]

ElementsOpt = Annotated[Path | None, typer.Option(
    "--elements", help="an element dictionary for templates that name none")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print one JSON object (its shape: dsl/*.schema.json)")]
TodayOpt = Annotated[str | None, typer.Option(
    "--today", help="the date the review counts from (YYYY-MM-DD; default: today)")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"formkit: {message}\n")
    return typer.Exit(code)


def _today(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _fail(f"--today '{text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-07") from None


def _similar(value: float) -> float:
    if not 0 < value <= 1:
        raise typer.BadParameter("a similarity between 0 and 1, e.g. 0.85")
    return value


def catalog(
    paths: Annotated[list[Path], typer.Argument(help="templates, or folders of them")],
    *,
    elements: ElementsOpt = None,
    db: Annotated[str | None, typer.Option(
        "--db", help="count units per level in the pool's org table; review templates without recent "
        "submissions")] = None,
    similar: Annotated[float, typer.Option(
        "--similar", callback=_similar, help="labels at least this similar are listed as maybe the same")] = 0.85,
    as_json: JsonOpt = False,
    html: Annotated[Path | None, typer.Option("--html", help="write one self-contained HTML page here")] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="write the tables as an Excel workbook here")] = None,
    today: TodayOpt = None,
) -> None:
    """Catalogue every template under PATH: inventory and yearly burden, the share pre-filled, the
    same item asked twice, what could be pre-filled, merge candidates and the review list."""
    from formkit.once.catalog import catalog as run

    try:
        report = run(paths, elements=elements, db=db, similar=similar, today=_today(today))
    except TemplateError as exc:  # the --elements file itself
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None
    except DatabaseUnavailable as exc:
        raise _fail(str(exc), 1) from None
    if html is not None:
        from formkit.once.page import catalog_html

        html.write_text(catalog_html(report), encoding="utf-8")
    if xlsx is not None:
        from formkit.once.workbook import catalog_xlsx

        catalog_xlsx(report, xlsx)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.console import Console

        from formkit.once.summary import catalog_summary

        catalog_summary(report, console=Console())
    for written in (html, xlsx):
        if written is not None and not as_json:
            sys.stdout.write(f"wrote {written}\n")


def admit(
    new: Annotated[Path, typer.Argument(help="the proposed template")],
    *,
    catalog_paths: Annotated[list[Path], typer.Option(
        "--catalog", help="the templates already admitted (files or folders; repeat the option)")],
    elements: ElementsOpt = None,
    max_overlap: Annotated[float, typer.Option(
        "--max-overlap", callback=_similar, help="refuse when at least this share of typed fields is "
        "already collected or answerable")] = 0.8,
    as_json: JsonOpt = False,
    today: TodayOpt = None,
) -> None:
    """Review a template before it may be sent down: admit (exit 0), admit-with-changes (exit 0,
    with the changes to make) or refuse (exit 1)."""
    from formkit.once.admit import admit as run

    try:
        result = run(new, catalog_paths, elements=elements, max_overlap=max_overlap, today=_today(today))
    except TemplateError as exc:  # the --elements file itself
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.console import Console

        from formkit.once.summary import admission_summary

        admission_summary(result, console=Console())
    raise typer.Exit(result.exit_code)


def merge(
    paths: Annotated[list[Path], typer.Argument(help="the templates to merge (two or more)")],
    *,
    merged_id: Annotated[str, typer.Option("--id", help="the id of the merged template (DIR/ID.yaml)")],
    out: Annotated[Path, typer.Option("-o", "--out", help="the folder to write the merged template and the "
                                      "derived originals into")],
    title: Annotated[str | None, typer.Option("--title", help="the merged template's title (default: "
                                              "the originals' titles joined with +)")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="the department that answers for the merged "
                                              "template (default: the originals' owners)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object: the files written, the field "
                                          "counts, every renamed id and joined roster (docs/catalog.md)")] = False,
) -> None:
    """Merge reports into one template that holds each data item once (DIR/ID.yaml), and rewrite
    each original as a derived template that reads it (DIR/A.yaml…); print the field counts."""
    from formkit.once.merge import merge as run

    try:
        result = run(paths, id=merged_id, out=out, title=title, owner=owner)
    except TemplateError as exc:
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None
    except OSError as exc:  # the folder cannot be written
        raise _fail(f"cannot write to {out}: {exc.strerror or exc}", 1) from None
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    lines = [result.summary(), f"wrote {result.merged}"]
    lines += [f"wrote {p} (derived: reads {result.merged.name})" for p in result.derived]
    lines += [f"joined the rosters {', '.join(j.parts)} as {j.table}" for j in result.joined]
    lines += [f"renamed {r.kind} {r.template}.{r.old} → {r.new}" for r in result.renamed]
    sys.stdout.write("\n".join(lines) + "\n")


def register(app: typer.Typer) -> None:
    """Add ``catalog``, ``admit`` and ``merge`` to ``app``."""
    app.command("catalog")(catalog)
    app.command("admit")(admit)
    app.command("merge")(merge)
