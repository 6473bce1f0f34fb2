"""Command line for forms: ``formkit render`` and ``formkit preview`` (SPEC §5).

``register(app)`` adds both commands to formkit's typer app::

    formkit render TEMPLATE --format html|json|xlsx [--values FILE] [--lang zh|en] [-o OUT]
    formkit preview TEMPLATE [--db URL] [--org CODE] [--period P] [--port N] [--lang zh|en]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer

from formkit.cli.preview import serve
from formkit.core.connection import DatabaseUnavailable
from formkit.core.errors import TemplateError
from formkit.meaning.template import Template
from formkit.pipeline import load
from formkit.render.html import render_html
from formkit.render.spec import form_spec
from formkit.render.xlsx import render_xlsx
from formkit.runtime.values import check_render_values, parse_body, read_body

__all__ = ["register"]


class RenderFormat(StrEnum):
    html = "html"
    json = "json"
    xlsx = "xlsx"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class Mode(StrEnum):  # formkit.render.html.MODES
    fill = "fill"
    review = "review"
    print = "print"


def _fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"formkit: {message}\n")
    return typer.Exit(code)


def _load(path: Path) -> Any:
    try:
        return load(_template_path(path))
    except TemplateError as exc:
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None


def _template_path(path: Path) -> Path:
    """A template file, or a shipped example by its id (`labor_archive_stock`), as `fill` takes."""
    if path.exists() or "/" in str(path) or path.suffix:
        return path
    example = Path(str(resources.files("formkit") / "examples")) / f"{path}.yaml"
    return example if example.exists() else path


def read_values(path: Path, tpl: Template) -> Mapping[str, Any]:
    """A ``--values`` file (``-``: standard input) read and checked as ``formkit submit`` reads
    one (formkit.runtime.values): exact decimals; NaN, Infinity, deep nesting, a key twice, a key
    the template or SPEC §5's shape does not have are located errors (exit 1)."""
    try:
        body = parse_body(sys.stdin.read(), "<stdin>") if str(path) == "-" else read_body(path)
        return check_render_values(tpl, body)
    except TemplateError as exc:
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _write_text(text: str, out: Path | None) -> None:
    if out is None or str(out) == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")
        sys.stderr.write(f"wrote {out}\n")


def render(
    template: Annotated[Path, typer.Argument(help="a template file, or the id of a shipped example",
                                             dir_okay=False)],
    *,
    format: Annotated[RenderFormat, typer.Option("--format", "-f", help="html form, JSON form spec, Excel")] = (
        RenderFormat.html
    ),
    values: Annotated[Path | None, typer.Option("--values", help="values to show: SPEC §5 JSON (- for stdin)")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="the form's language")] = Lang.zh,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="write here (default: standard output)")] = None,
    mode: Annotated[Mode, typer.Option("--mode", help="html: fill (inputs), review or print")] = Mode.fill,
    page: Annotated[bool, typer.Option("--page", help="html: a whole page that loads formkit's CSS and JS")] = False,
    static_url: Annotated[str, typer.Option("--static-url", help="html --page: where formkit's static files are")] = (
        "static/"
    ),
) -> None:
    """Render a template as an HTML form, its JSON form spec, or an Excel workbook."""
    tpl = _load(template)
    data = read_values(values, tpl) if values is not None else None
    if format is RenderFormat.json:
        if data is not None:
            raise _fail("--values fills html and xlsx forms; the JSON form spec describes the template only")
        _write_text(json.dumps(form_spec(tpl, lang=lang.value), ensure_ascii=False, indent=2), out)
    elif format is RenderFormat.html:
        _write_text(render_html(tpl, lang=lang.value, mode=mode.value, values=data, page=page, static_url=static_url),
                    out)
    else:
        if out is None and sys.stdout.isatty():
            raise _fail("an xlsx workbook is binary: give -o FILE (or -o - to write it to a pipe)")
        book = render_xlsx(tpl, values=data, lang=lang.value)
        if out is None or str(out) == "-":
            sys.stdout.buffer.write(book)
            sys.stdout.flush()
        else:
            out.write_bytes(book)
            sys.stderr.write(f"wrote {out}\n")


def preview(
    template: Annotated[Path, typer.Argument(help="the template file", exists=True, dir_okay=False)],
    *,
    db: Annotated[str | None, typer.Option("--db", help="pre-fill from this pool (duckdb:///…, postgresql://…)")] = (
        None
    ),
    org: Annotated[str | None, typer.Option("--org", help="with --db: the org unit (default: the first one)")] = None,
    period: Annotated[str | None, typer.Option("--period", help="the period (default: the current one)")] = None,
    port: Annotated[int, typer.Option("--port", help="the port on 127.0.0.1 (0: any free one)", min=0,
                                      max=65535)] = 8765,
    lang: Annotated[Lang, typer.Option("--lang", help="the page's first language")] = Lang.zh,
) -> None:
    """Serve a local page to look at the form and try it; the server validates
    each submission again with the Python evaluator and shows its issues.
    Ctrl+C stops it.

    A local tool for the template's author: it binds 127.0.0.1 only (no
    option binds another address), answers only requests addressed to that
    host and port, and refuses posts from other sites. To serve forms to
    others, host them in your platform (SPEC §9)."""
    try:
        serve(template, db=db, org=org, period=period, port=port, lang=lang.value, announce=_say)
    except TemplateError as exc:
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None
    except DatabaseUnavailable as exc:
        raise _fail(str(exc), 1) from None
    except OSError as exc:
        raise _fail(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise _fail(str(exc)) from None


def register(app: typer.Typer) -> None:
    """Add ``render`` and ``preview`` to ``app``."""
    app.command("render")(render)
    app.command("preview")(preview)
