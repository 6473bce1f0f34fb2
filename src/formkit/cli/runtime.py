"""Command line, runtime half: `formkit sql|fill|submit|rollup|status|corrections|demo` (SPEC §5).

:func:`register` adds the commands to the ``formkit`` Typer app. ``TEMPLATE`` is a template file,
or the id of an example shipped with formkit (``labor_archive_stock``). JSON outputs are SPEC
§5's objects with exact decimal number tokens; personal data is masked unless ``--pii`` (and a
``--pii`` read is recorded in the audit table with its user). Errors go to stderr (and, with
``--json``, as an ``{"error": …}`` object to stdout) with exit status 1.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from formkit.core.connection import DatabaseUnavailable
from formkit.core.errors import TemplateError
from formkit.core.periods import PeriodError
from formkit.document.model import pick_label
from formkit.meaning.template import Template
from formkit.runtime.form import Form, dumps

__all__ = ["DbOpt", "JsonOpt", "OrgOpt", "PeriodOpt", "TemplateArg", "UserOpt", "connect_db", "console", "emit",
           "load_template", "refused_as_errors", "register"]

DbOpt = Annotated[str, typer.Option("--db", help="database URL: duckdb:///file.duckdb, sqlite:///…, postgresql://…")]
OrgOpt = Annotated[str, typer.Option("--org", help="org unit code")]
PeriodOpt = Annotated[str, typer.Option("--period", help="2026W45, 2026-10, 2026Q3, 2026 or once")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print SPEC §5 JSON")]
PiiOpt = Annotated[bool, typer.Option("--pii", help="show personal data unmasked (recorded in the audit table)")]
UserOpt = Annotated[str | None, typer.Option("--user", help="who is acting (default: the system user)")]
TemplateArg = Annotated[str, typer.Argument(help="a template file, or the id of a shipped example")]


def console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def emit(text: str) -> None:
    sys.stdout.write(text + "\n")


def load_template(name: str) -> Template:
    """A template file, or a shipped example by id (``labor_archive_stock``)."""
    import formkit  # formkit/__init__ imports the CLI's siblings

    path = Path(name)
    if not path.exists():
        example = formkit.examples_dir() / f"{name}.yaml"
        if example.exists() and "/" not in name:
            path = example
    return formkit.load(path)


@contextmanager
def refused_as_errors(as_json: bool = False) -> Iterator[None]:
    """Report a refused input as located errors on stderr (and JSON on stdout), exit 1."""
    try:
        yield
    except TemplateError as exc:
        sys.stderr.write(exc.format() + "\n")
        if as_json:
            emit(dumps({"error": exc.issues[0].code if exc.issues else "error", "message": exc.issues[0].message
                        if exc.issues else str(exc), "issues": [_issue(i) for i in exc.issues],
                        "problems": [p.to_json() for p in getattr(exc, "problems", [])]}, indent=2))
        raise typer.Exit(1) from None
    except DatabaseUnavailable as exc:  # another process holds the file: one line, not a traceback
        sys.stderr.write(f"error: {exc}\n")
        if as_json:
            emit(dumps({"error": "database-unavailable", "message": str(exc)}, indent=2))
        raise typer.Exit(1) from None
    except (PeriodError, ValueError, KeyError, FileNotFoundError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        sys.stderr.write(f"error: {message}\n")
        if as_json:
            emit(dumps({"error": "invalid-input", "message": str(message)}, indent=2))
        raise typer.Exit(1) from None


def _issue(i: Any) -> dict[str, Any]:
    d: dict[str, Any] = i.to_dict()
    return d


def connect_db(url: str) -> Any:
    from formkit.runtime import connect

    return connect(url)


def _show(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, list):
        return "、".join(str(x) for x in v)
    return str(v)


# -- commands ------------------------------------------------------------------------------------


def sql_command(
    template: TemplateArg,
    dialect: Annotated[str, typer.Option("--dialect", help="duckdb, sqlite, postgres, mysql, trino or spark")],
    query: Annotated[str | None, typer.Option(
        "--query", help="prefill, all_units, rows, ddl, rollup or validate (default: every query)")] = None,
    level: Annotated[str | None, typer.Option("--level", help="org level of the roll-up")] = None,
) -> None:
    """Print the SQL of a template's queries for one dialect."""
    from formkit.runtime.workflow import sql

    with refused_as_errors():
        emit(sql(load_template(template), query, dialect, level))


def fill_command(
    template: TemplateArg, *, db: DbOpt, org: OrgOpt, period: PeriodOpt,
    all_units: Annotated[bool, typer.Option("--all", help="every unit at the template's level under --org")] = False,
    as_json: JsonOpt = False, pii: PiiOpt = False,
    lang: Annotated[str, typer.Option("--lang", help="zh or en")] = "zh", user: UserOpt = None,
) -> None:
    """Pre-fill and calculate the form of an org unit (or of every unit under it)."""
    from formkit.runtime import workflow as wf

    with refused_as_errors(as_json):
        tpl = load_template(template)
        con = connect_db(db)
        if all_units:
            forms = wf.fill_all(tpl, con, org, period, pii=pii, user=user)
            if as_json:
                emit(dumps([f.to_json(lang) for f in forms], indent=2))
            else:
                _forms_table(tpl, forms, lang)
            return
        form = wf.fill(tpl, con, org, period, pii=pii, user=user)
        if as_json:
            emit(form.dumps(lang, indent=2))
        else:
            _form_table(form, lang)


def _form_table(form: Form, lang: str) -> None:
    tpl = form.template
    table = Table(title=f"{tpl.title(lang)} · {form.org} · {form.period} · {form.state} r{form.revision}")
    for head in ("field", "value", "source", "issues"):
        table.add_column(head)
    issues: dict[str, list[str]] = {}
    for i in form.issues:
        where = "".join(f"[{x}]" for x in (i.row, i.col) if x is not None)  # a roster row / grid cell
        issues.setdefault(str(i.field), []).append(f"{i.severity}{where}: {i.message(lang)}")
    meta = form.meta
    for fid, f in tpl.fields.items():
        m = meta.get(fid, {})
        src = m.get("source", "")
        if src == "corrected":
            src += f" (was {_show(m.get('original'))})"
        table.add_row(pick_label(f.model.label, lang), _show(form.values.get(fid)), src, _lines(issues, fid))
    for tid, t in tpl.tables.items():
        table.add_row(pick_label(t.model.label, lang), f"{len(form.tables[tid])} rows", "", _lines(issues, tid))
    for gid, g in tpl.grids.items():
        table.add_row(pick_label(g.model.label, lang), "grid", "", _lines(issues, gid))
    console().print(table)
    errors = len(form.errors)
    emit(f"{errors} error(s), {len(form.issues) - errors} warning(s)/note(s)")
    if form.footer:  # the footer the last write carried
        emit("footer: " + " · ".join(f"{k}={v}" for k, v in form.footer.items()))
    for n in form.notes:  # a returned form: what the reviewer asked, beside where
        where = ".".join(str(x) for x in (n.get("field"), n.get("row"), n.get("col")) if x is not None)
        emit(f"reviewer's note on {where}: {n.get('note')}")


def _lines(issues: Mapping[str, list[str]], key: str) -> str:
    return "\n".join(issues.get(key, []))


def _forms_table(tpl: Template, forms: list[Form], lang: str) -> None:
    table = Table(title=f"{tpl.title(lang)} · {len(forms)} units")
    for head in ("org", "state", "revision", "errors", "warnings"):
        table.add_column(head)
    for f in forms:
        table.add_row(f.org, f.state, str(f.revision), str(len(f.errors)), str(len(f.issues) - len(f.errors)))
    console().print(table)


def submit_command(
    template: TemplateArg, *, db: DbOpt, org: OrgOpt, period: PeriodOpt,
    values: Annotated[Path, typer.Option("--values", help="a JSON file: SPEC §5's shape, or {field: value}")],
    as_json: JsonOpt = False, user: UserOpt = None,
    draft: Annotated[bool, typer.Option("--draft", help="save as a draft (never blocked by rules)")] = False,
    lang: Annotated[str | None, typer.Option("--lang", help="zh or en (default: the template's language)")] = None,
) -> None:
    """Validate values on the server and store them, all or nothing (idempotent, stale-checked)."""
    from formkit.runtime import workflow as wf
    from formkit.runtime.record import template_lang
    from formkit.runtime.values import apply_values, located_refusal, read_body

    with refused_as_errors(as_json):
        tpl = load_template(template)
        body = read_body(values)  # before connecting: a bad file touches no database
        con = connect_db(db)
        form = wf.fill(tpl, con, org, period, user=user)
        apply_values(form, body)
        try:
            form = wf.save_draft(tpl, con, form, user=user) if draft else wf.submit(tpl, con, form, user=user)
        except TemplateError as exc:  # each refused value shown where the file gives it
            raise located_refusal(body, exc, lang or template_lang(tpl)) from None
        if as_json:
            emit(form.dumps(indent=2))
        else:
            emit(f"{tpl.id} {org} {period}: {form.state}, revision {form.revision}, submission {form.submission}")


def rollup_command(
    template: TemplateArg, *, db: DbOpt, org: OrgOpt, period: PeriodOpt,
    level: Annotated[str | None, typer.Option("--level", help="roll up to each unit at this level under --org")] = None,
    as_json: JsonOpt = False, pii: PiiOpt = False, user: UserOpt = None,
    lang: Annotated[str, typer.Option("--lang", help="zh or en")] = "zh",
    csv_out: Annotated[Path | None, typer.Option("--csv", help="also write the table as CSV (UTF-8, for Excel)",
                                                 dir_okay=False)] = None,
    xlsx_out: Annotated[Path | None, typer.Option("--xlsx", help="also write the table as an Excel workbook",
                                                  dir_okay=False)] = None,
) -> None:
    """Roll submitted and approved submissions up the org tree (and across periods), with coverage."""
    from formkit.runtime import workflow as wf

    with refused_as_errors(as_json):
        tpl = load_template(template)
        con = connect_db(db)
        units = wf.rollup(tpl, con, org=org, period=period, level=level, pii=pii, user=user)
        if as_json:
            emit(dumps(units if level is not None else units[0], indent=2))
            return
        names = _unit_names(con, tpl, [u["org"] for u in units])
        rows = [(pick_label(f.model.label, lang), fid) for fid, f in tpl.fields.items()
                if any(u["values"].get(fid) is not None for u in units)]
        if csv_out is not None or xlsx_out is not None:
            _rollup_files(tpl.title(lang), period, units, names, rows, csv_out=csv_out, xlsx_out=xlsx_out)
        out = console()
        for chunk in _fitting(units, names, rows, out.width):
            table = Table(title=f"{tpl.title(lang)} · {period} · roll-up", title_justify="left")
            table.add_column("field", overflow="fold", max_width=_LABEL_WIDTH)
            for u in chunk:
                cov = u["coverage"]
                table.add_column(f"{names.get(u['org']) or u['org']}\n{u['org']}\n{cov['submitted']}/{cov['expected']}",
                                 justify="right", no_wrap=True)
            for label, fid in rows:
                table.add_row(label, *(_show(u["values"].get(fid)) for u in chunk))
            out.print(table)
        for u in units:
            if u["coverage"]["missing"]:
                emit(f"{u['org']}: missing {', '.join(u['coverage']['missing'])}")


_LABEL_WIDTH = 24  # columns of the label column; a longer label folds onto a second line


def _unit_names(con: Any, tpl: Template, codes: list[str]) -> dict[str, str]:
    """Each unit's name from the pool's org table, so a roll-up reads 海港路街道, not only 370602001."""
    if tpl.pool is None:
        return {}
    from formkit.sql.org import org_unit

    return {code: org_unit(con, tpl.pool, code).name or "" for code in codes}


def _fitting(units: list[dict[str, Any]], names: Mapping[str, str], rows: list[tuple[str, str]],
             width: int) -> Iterator[list[dict[str, Any]]]:
    """The units in groups whose columns fit ``width`` beside the labels (an 80-column terminal
    shows every name and number in full, a few units per table, rather than cut codes)."""
    from rich.cells import cell_len

    label = min(_LABEL_WIDTH, max((cell_len(r[0]) for r in rows), default=5)) + 3
    chunk: list[dict[str, Any]] = []
    used = label
    for u in units:
        values = [cell_len(_show(u["values"].get(fid))) for _, fid in rows]
        need = max(cell_len(names.get(u["org"]) or ""), len(u["org"]), *values, 5) + 3
        if chunk and used + need > width:
            yield chunk
            chunk, used = [], label
        chunk.append(u)
        used += need
    if chunk:
        yield chunk


def _rollup_files(title: str, period: str, units: list[dict[str, Any]], names: Mapping[str, str],
                  rows: list[tuple[str, str]], *, csv_out: Path | None, xlsx_out: Path | None) -> None:
    """The roll-up as a table a spreadsheet opens: one row per field, one column per unit, with
    each unit's name, code and coverage above (exact numbers as text in CSV, values as data)."""
    head = [["field", *(names.get(u["org"]) or u["org"] for u in units)], ["org", *(u["org"] for u in units)],
            ["coverage", *(f"{u['coverage']['submitted']}/{u['coverage']['expected']}" for u in units)]]
    body = [[label, *(_cell(u["values"].get(fid)) for u in units)] for label, fid in rows]
    if csv_out is not None:
        import csv

        with csv_out.open("w", encoding="utf-8-sig", newline="") as fh:  # the BOM: Excel reads UTF-8
            writer = csv.writer(fh)
            writer.writerows([[title, period], *head, *body])
        sys.stderr.write(f"wrote {csv_out}\n")
    if xlsx_out is not None:
        from openpyxl import Workbook

        from formkit.render.xlsx_data import put_row

        wb = Workbook()
        ws = wb.active
        ws.title = "roll-up"
        for i, row in enumerate([[title, period], *head, *body], start=1):  # labels and values are data
            put_row(ws, i, row)
        wb.save(xlsx_out)
        sys.stderr.write(f"wrote {xlsx_out}\n")


def status_command(template: TemplateArg, *, db: DbOpt, org: OrgOpt, period: PeriodOpt,
                   as_json: JsonOpt = False) -> None:
    """Due date, reminders, and every unit that has not submitted."""
    from formkit.runtime.due import status

    with refused_as_errors(as_json):
        tpl = load_template(template)
        st = status(tpl, connect_db(db), org, period)
        if as_json:
            emit(dumps(st.to_json(), indent=2))
            return
        due = st.due.due.isoformat() if st.due.due else "none"
        emit(f"{tpl.title()} ({tpl.id} v{tpl.version}) · {period} · {org}")
        emit(f"due: {due}" + ("  (overdue)" if st.overdue else ""))
        emit("reminders: " + (", ".join(r.isoformat() for r in st.due.reminders) or "none"))
        emit(f"submitted: {st.submitted} of {st.expected} {tpl.level} unit(s)")
        if st.missing:
            table = Table(title="not submitted")
            for head in ("org", "name", "state"):
                table.add_column(head)
            for m in st.missing:
                table.add_row(m["code"], m["name"], m["state"] or "not started")
            console().print(table)


def corrections_command(
    template: TemplateArg, *, db: DbOpt, org: OrgOpt, period: PeriodOpt, as_json: JsonOpt = False,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="write an Excel workbook (see -o)")] = False,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="the workbook's path")] = None,
    pii: PiiOpt = False, user: UserOpt = None,
) -> None:
    """Every pre-filled value staff corrected, for the owners of the pool tables (personal data
    masked unless --pii)."""
    from formkit.runtime import workflow as wf

    with refused_as_errors(as_json):
        tpl = load_template(template)
        rows = wf.corrections(tpl, connect_db(db), org=org, period=period, pii=pii, user=user)
        if as_json:
            emit(dumps(rows, indent=2))
            return
        if xlsx:
            path = out or Path(f"{tpl.id}-corrections-{org}-{period}.xlsx")
            _corrections_xlsx(rows, path)
            emit(f"{len(rows)} correction(s) written to {path}")
            return
        table = Table(title=f"{tpl.title()} · {period} · corrections ({len(rows)})")
        heads = ("org", "pool_table", "row_key", "pool_column", "original", "correction", "corrected_by",
                 "corrected_at", "field")
        for head in heads:
            table.add_column(head)
        for r in rows:
            table.add_row(*(_plain(r.get(h)) for h in heads))
        console().print(table)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _plain(v: object) -> Text:
    """Typed text as a table cell, as it was typed: rich markup is not read (``[/x]`` would
    break the command, ``[link=…]`` make a hidden link), and control characters (a terminal's
    escape sequences) are shown as ``\\x1b`` escapes, never sent to the terminal."""
    return Text(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", _show(v)))


def _corrections_xlsx(rows: list[dict[str, Any]], path: Path) -> None:
    from openpyxl import Workbook

    from formkit.render.xlsx_data import put_row
    from formkit.runtime.store import CORRECTION_COLUMNS

    wb = Workbook()
    ws = wb.active
    ws.title = "corrections"
    put_row(ws, 1, CORRECTION_COLUMNS)
    for i, r in enumerate(rows, start=2):  # typed corrections are data: never a formula
        put_row(ws, i, (_cell(r.get(c)) for c in CORRECTION_COLUMNS))
    wb.save(path)


def _cell(v: object) -> object:
    """A value as a cell: exact numbers as text (Excel would hold a float), lists joined."""
    if isinstance(v, Decimal | list):
        return _show(v)
    return v


def demo_command(
    directory: Annotated[Path, typer.Option("--dir", help="where to write the demo")] = Path("formkit-demo"),
    scale: Annotated[float | None, typer.Option(
        "--scale", help="share of the 2,000-community city (default 0.075: one district, 150 communities)")] = None,
    seed: Annotated[int, typer.Option("--seed", help="the demo data's random seed")] = 7,
    db: Annotated[str | None, typer.Option(
        "--db", help="run it on this database instead (spark://local?warehouse=DIR): the pool is loaded there")] = None,
) -> None:
    """Build a demo city in DuckDB and run every example: fill, submit, roll up, render."""
    from formkit.demo.pool import DEFAULT_SCALE
    from formkit.demo.run import run_demo

    with refused_as_errors():
        run_demo(directory, DEFAULT_SCALE if scale is None else scale, seed=seed, console=console(), db=db)


def org_refresh_command(
    pool: Annotated[Path, typer.Option("--pool", help="the pool file (*.pool.yaml) naming the org table")],
    db: DbOpt,
    force: Annotated[bool, typer.Option("--force", help="rebuild even when the org table is unchanged")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Rebuild the org closure when the org table changed since it was built (SPEC §10)."""
    from formkit.pipeline import load_pool
    from formkit.sql.closure import refresh_org

    with refused_as_errors(as_json):
        done = refresh_org(connect_db(db), load_pool(pool), force=force)
        if as_json:
            emit(dumps({"table": done.table, "units": done.units, "fingerprint": done.fingerprint,
                        "rebuilt": done.rebuilt}, indent=2))
            return
        what = "rebuilt" if done.rebuilt else "up to date"
        emit(f"{done.table}: {what} ({done.units} org rows, fingerprint {done.fingerprint[:20]}…)")


def register(app: typer.Typer) -> None:
    """Add the runtime commands to ``app`` (``formkit.cli.main.app``)."""
    app.command("sql")(sql_command)
    app.command("fill")(fill_command)
    app.command("submit")(submit_command)
    app.command("rollup")(rollup_command)
    app.command("status")(status_command)
    app.command("corrections")(corrections_command)
    app.command("demo")(demo_command)
    org = typer.Typer(no_args_is_help=True, help="The org tree: its closure (SPEC §10).")
    org.command("refresh")(org_refresh_command)
    app.add_typer(org, name="org")
