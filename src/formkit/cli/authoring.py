"""Command line for template authors: ``formkit new`` (a scaffold that checks) and ``formkit try``
(one expression evaluated on its own).

    formkit new TEMPLATE.yaml --pool POOL --level L --period P [--title T] [--force]
    formkit try 'EXPR' [--values JSON-OR-FILE] [--period P]
    formkit pool values TABLE.COLUMN --db URL --org CODE [--pool POOL] [--limit N] [--json]
    formkit list --db URL [--json]
"""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer

from formkit.core.errors import TemplateError
from formkit.core.jsonio import dumps
from formkit.core.periods import PeriodError
from formkit.document.model import PERIODS, PoolModel
from formkit.evaluation.evaluator import evaluate
from formkit.evaluation.functions import EvaluationError
from formkit.pipeline import load, load_pool

__all__ = ["register", "scaffold"]


def _fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"formkit: {message}\n")
    return typer.Exit(code)


def _schema_ref(template: Path) -> str:
    """The shipped template schema as the editor should find it from ``template``: relative when
    both are on one drive (a project checked out anywhere keeps working), else absolute."""
    schema = Path(str(resources.files("formkit") / "dsl" / "template.schema.json")).resolve()
    try:
        return Path(os.path.relpath(schema, template.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return schema.as_uri()


def scaffold(path: Path, pool_path: Path, pool: PoolModel, *, level: str, period: str, title: str) -> str:
    """A small template that `formkit check` accepts: one pool-bound count, one typed number, a
    calc, a rule, bound to ``pool`` at ``level`` and ``period``; the editor modeline first."""
    try:
        pool_ref = Path(os.path.relpath(pool_path.resolve(), path.resolve().parent)).as_posix()
    except ValueError:
        pool_ref = pool_path.resolve().as_posix()
    table = next(iter(pool.tables))
    table_label = (pool.tables[table].label or {}).get("zh", table)
    ident = path.name.removesuffix(".yaml").removesuffix(".yml")
    return f"""\
# yaml-language-server: $schema={_schema_ref(path)}
# {title} — written by `formkit new`; check it with: formkit check {path.name}
# docs/templates.md explains every key; examples/ holds real reports to copy from.
formkit: 1
id: {ident}
version: 1
title: {{zh: {json.dumps(title, ensure_ascii=False)}}}
owner: 待填写.部门                    # the department that answers for the report
basis: 待填写（发文依据）              # the document that makes it required
pool: {json.dumps(pool_ref, ensure_ascii=False)}
level: {level}
period: {period}
fields:
  - id: pool_count
    label: {{zh: {json.dumps(table_label + "数", ensure_ascii=False)}}}
    type: integer
    value: count({table})             # pre-filled from the pool (带数下发); a stock across periods
  - id: reported
    label: {{zh: 本期上报数}}
    type: integer
    required: true
    min: 0
  - id: difference
    label: {{zh: 差额}}
    type: integer
    calc: reported - coalesce(pool_count, 0)
rules:
  - id: reported_not_above_pool
    check: reported <= pool_count
    severity: warning
    fields: [reported]
    message: {{zh: 上报数大于数据池中的记录数，请核实}}
"""


def new(
    template: Annotated[Path, typer.Argument(help="the template file to write (its name is the template id)")],
    *,
    pool: Annotated[Path, typer.Option("--pool", help="the pool file the template reads", exists=True,
                                       dir_okay=False)],
    level: Annotated[str, typer.Option("--level", help="the org level that fills it (one of the pool's levels)")],
    period: Annotated[str, typer.Option("--period", help="weekly, monthly, quarterly, yearly or once")],
    title: Annotated[str | None, typer.Option("--title", help="the report's title (default: its id)")] = None,
    force: Annotated[bool, typer.Option("--force", help="overwrite the file if it exists")] = False,
) -> None:
    """Write a new template that `formkit check` accepts, to start from."""
    if template.suffix not in (".yaml", ".yml"):
        template = template.with_name(template.name + ".yaml")
    if template.exists() and not force:
        raise _fail(f"{template} exists; give --force to overwrite it")
    try:
        pool_model = load_pool(pool)
    except TemplateError as exc:
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None
    if level not in pool_model.org.levels:
        raise _fail(f"the pool has no level '{level}': one of {', '.join(pool_model.org.levels)}")
    if period not in PERIODS:
        raise _fail(f"unknown period '{period}': one of {', '.join(PERIODS)}")
    ident = template.name.removesuffix(template.suffix)
    if not ident.isidentifier():
        raise _fail(f"'{ident}' cannot be a template id: use letters, digits and '_', e.g. my_report.yaml")
    text = scaffold(template, pool, pool_model, level=level, period=period, title=title or ident)
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(text, encoding="utf-8")
    try:  # the promise of the command: what it writes checks
        load(template)
    except TemplateError as exc:  # pragma: no cover - a scaffold that does not check is a bug
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None
    sys.stdout.write(f"wrote {template}: formkit check {template} passes; edit its fields next\n")


def _values(text: str | None) -> dict[str, Any]:
    """``--values``: a JSON object, or a file holding one; numbers read as exact decimals."""
    if text is None:
        return {}
    source = text
    if not text.lstrip().startswith("{") and Path(text).is_file():
        source = Path(text).read_text(encoding="utf-8")
    try:
        data = json.loads(source, parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as exc:
        raise _fail(f"--values is not a JSON object: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(data, dict):
        raise _fail('--values must be a JSON object, e.g. \'{"a": 1, "b": 3}\'')
    return data


def try_(
    expression: Annotated[str, typer.Argument(help="an expression of the language, e.g. 'round(a / b, 2)'")],
    *,
    values: Annotated[str | None, typer.Option(
        "--values", help="the names' values: a JSON object or a file of one")] = None,
    period: Annotated[str | None, typer.Option("--period", help="the period age() and period_end() see")] = None,
) -> None:
    """Evaluate one expression on its own, with the meaning forms and SQL give it."""
    given = _values(values)
    try:
        result = evaluate(expression, given, period=period)
    except TemplateError as exc:
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None
    except (EvaluationError, PeriodError) as exc:
        raise _fail(str(exc), 1) from None
    sys.stdout.write(dumps(result) + "\n")


def pool_values(
    column: Annotated[str, typer.Argument(help="a pool column, TABLE.COLUMN, e.g. person.hukou_province")],
    *,
    db: Annotated[str, typer.Option("--db", help="the database holding the pool (duckdb:///…, postgresql://…)")],
    org: Annotated[str, typer.Option("--org", help="the org unit whose rows are read (and everything below it)")],
    pool: Annotated[Path | None, typer.Option("--pool", help="the pool file (default: the shipped demo pool)",
                                              dir_okay=False)] = None,
    limit: Annotated[int, typer.Option("--limit", help="at most this many values, most frequent first", min=1,
                                       max=10_000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON list of {value, rows}")] = False,
) -> None:
    """The distinct values of a pool column under an org unit, with how many rows hold each;
    personal data (pii) masked."""
    from formkit.runtime import connect  # noqa: PLC0415 — only this command opens a database
    from formkit.sql.distinct import distinct_values  # noqa: PLC0415

    pool_file = pool or Path(str(resources.files("formkit") / "examples" / "demo_city.pool.yaml"))
    try:
        model = load_pool(pool_file)
    except TemplateError as exc:
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None
    table, _, name = column.partition(".")
    if table not in model.tables:
        raise _fail(f"the pool has no table '{table}': one of {', '.join(model.tables)}")
    if name not in model.tables[table].columns:
        raise _fail(f"the pool table '{table}' has no column '{name}': one of "
                    f"{', '.join(model.tables[table].columns)}")
    try:
        with connect(db) as con:
            found = distinct_values(con, model, table, name, org, limit=limit)
    except TemplateError as exc:
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(dumps([{"value": v.value, "rows": v.rows} for v in found], indent=2) + "\n")
        return
    masked = " (masked: personal data)" if model.tables[table].columns[name].pii else ""
    sys.stdout.write(f"{column} under {org}: {len(found)} value(s){masked}\n")
    for v in found:
        sys.stdout.write(f"{v.rows:>10,}  {'(null)' if v.value is None else v.value}\n")


def list_(
    db: Annotated[str, typer.Option("--db", help="the database (duckdb:///…, postgresql://…)")],
    as_json: Annotated[bool, typer.Option("--json", help="one JSON list")] = False,
) -> None:
    """The templates deployed in a database: each version, when it was deployed, and how many of
    its submissions are in each state (draft, submitted, returned, approved)."""
    from formkit.runtime import connect  # noqa: PLC0415 — only this command opens a database
    from formkit.sql.registry import deployed_inventory  # noqa: PLC0415

    try:
        with connect(db) as con:
            found = deployed_inventory(con)
    except TemplateError as exc:
        sys.stderr.write(exc.format() + "\n")
        raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(dumps([{"template": d.template, "version": d.version, "deployed_at": d.deployed_at,
                                 "submissions": d.states} for d in found], indent=2) + "\n")
        return
    if not found:
        sys.stdout.write("no template is deployed in this database yet (formkit submit deploys one)\n")
        return
    states = ("draft", "submitted", "returned", "approved")
    sys.stdout.write(f"{'template':<36} {'version':>7}  " + "  ".join(f"{s:>9}" for s in states) + "\n")
    for d in found:
        sys.stdout.write(f"{d.template:<36} {d.version:>7}  " + "  ".join(f"{d.states.get(s, 0):>9,}" for s in states)
                         + "\n")


def register(app: typer.Typer) -> None:
    """Add ``new``, ``try``, ``list`` and ``pool values`` to ``app``."""
    app.command("new")(new)
    app.command("try")(try_)
    app.command("list")(list_)
    pool_app = typer.Typer(no_args_is_help=True, help="Look into the data pool.")
    pool_app.command("values")(pool_values)
    app.add_typer(pool_app, name="pool")
