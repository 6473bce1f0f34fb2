"""The pool in a database: which tables and columns of the pool file the database lacks.

A pool file describes tables that the host's database must hold (SPEC §2.1). When one is
missing, the first statement that reads it fails with the engine's own error, deep inside a
pre-fill. :func:`pool_issues` says instead, located at the pool file's entry, which table or
column is missing (``formkit check --db``), and :func:`require_pool` raises them before a
workflow call reads the pool.

Each table is probed with ``SELECT <its columns> FROM <table> WHERE 1 = 0``: no row is read,
and every engine checks the names while planning. Only a failed probe is looked at closer
(the table alone, then each column), so a database that holds the pool costs one statement
per table, once per connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

from sqlglot import exp

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.memo import per_object
from formkit.core.source import SourceSpan
from formkit.document.model import PoolModel

# (table, [(column, where the pool file names it)], where the pool file names the table, what it is)
Wanted = tuple[str, list[tuple[str, SourceSpan]], SourceSpan, str]

_CHECKED = "_formkit_pools_present"  # connection attribute: signatures of the pools found whole


def wanted(pool: PoolModel) -> list[Wanted]:
    """Every table of ``pool`` with the columns formkit reads from it, the org table first."""
    o = pool.org
    org_cols = [(c, o.span_of(k)) for k, c in (("id", o.id), ("parent", o.parent), ("name", o.name),
                                                  ("level", o.level), ("valid_from", o.valid_from),
                                                  ("valid_to", o.valid_to)) if c is not None]
    out: list[Wanted] = [(o.table, _once(org_cols), o.span_of("table"), "the org table")]
    for name, t in pool.tables.items():
        cols = [(t.key, t.span_of("key")), (t.org, t.span_of("org"))]
        cols += [(c, t.span_of(k)) for k, c in (("valid_from", t.valid_from), ("valid_to", t.valid_to)) if c]
        cols += [(c, col.span) for c, col in t.columns.items()]
        out.append((name, _once(cols), t.span, "the pool table"))
    return out


def _once(cols: list[tuple[str, SourceSpan]]) -> list[tuple[str, SourceSpan]]:
    seen: dict[str, SourceSpan] = {}
    for c, span in cols:
        seen.setdefault(c, span)
    return list(seen.items())


def _probe(columns: list[str] | None, table: str) -> exp.Select:
    """``SELECT table.cols FROM table WHERE 1 = 0`` (``SELECT 1`` for the table alone). The
    columns are qualified: SQLite reads an unknown ``"name"`` as the text 'name', never an
    unknown ``"table"."name"``."""
    t = exp.to_identifier(table, quoted=True)
    picked = ([exp.column(exp.to_identifier(c, quoted=True), table=t.copy()) for c in columns] if columns
              else [exp.Literal.number(1)])
    return (exp.select(*picked).from_(exp.Table(this=exp.to_identifier(table, quoted=True)), copy=False)
            .where(exp.EQ(this=exp.Literal.number(1), expression=exp.Literal.number(0)), copy=False))


def _reads(con: Any, query: exp.Select) -> str | None:
    """None when ``query`` runs, else the first line of the engine's error. Inside the caller's
    transaction the probe runs in a savepoint, so a failed one leaves the transaction usable
    (PostgreSQL refuses every later statement otherwise)."""
    try:
        if getattr(con, "in_transaction", False):
            with con.savepoint():
                con.query(query)
        else:
            con.query(query)
    except Exception as exc:  # the engine's own error: what it says is kept for the message
        return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return None


def pool_issues(con: Any, pool: PoolModel) -> list[Issue]:
    """``pool-table-missing`` for each table or column of ``pool`` that the database behind
    ``con`` does not have, located at the pool file's entry for it."""
    found: list[Issue] = []
    for table, cols, span, what in wanted(pool):
        if _reads(con, _probe([c for c, _ in cols], table)) is None:
            continue
        why = _reads(con, _probe(None, table))
        if why is not None:
            found.append(_issue(span, f"the database has no table '{table}' ({what} of the pool '{pool.id}'): {why}",
                                "create and load the table, or point --db at the database that holds the pool"))
            continue
        found += [_issue(at, f"the table '{table}' in the database has no column '{c}' ({what} of the pool "
                             f"'{pool.id}' reads it)", f"add the column to '{table}', or name the column "
                                                       "the table has in the pool file")
                  for c, at in _missing_columns(con, table, cols)]
    return found


def _missing_columns(con: Any, table: str, cols: list[tuple[str, SourceSpan]]) -> Iterator[tuple[str, SourceSpan]]:
    for c, at in cols:
        if _reads(con, _probe([c], table)) is not None:
            yield c, at


def _issue(span: SourceSpan, message: str, hint: str) -> Issue:
    return Issue(errors.POOL_TABLE_MISSING.code, message, span, "", hint)


def _signature(pool: PoolModel) -> tuple[Any, ...]:
    return tuple((t, tuple(c for c, _ in cols)) for t, cols, _, _ in wanted(pool))


def pool_source(pool: PoolModel) -> dict[str, str]:
    """The pool file's text by its name in the issues (for the snippet under each one)."""
    try:
        return {pool.span.file: Path(pool.span.file).read_text(encoding="utf-8")}
    except (OSError, UnicodeDecodeError):  # moved or rewritten since: the issues stand without it
        return {}


def require_pool(con: Any, pool: PoolModel, sources: dict[str, str] | None = None) -> None:
    """Raise the :func:`pool_issues` of ``pool`` as a :class:`TemplateError`; once a connection
    has been found to hold the whole pool, it is not probed again."""
    sig: tuple[Any, ...] = per_object(pool, "pool_signature", lambda: _signature(pool))  # once per pool, not per read
    done: set[tuple[Any, ...]] = getattr(con, _CHECKED, set())
    if sig in done:
        return
    issues = pool_issues(con, pool)
    if issues:
        raise TemplateError(issues, {**(sources or {}), **pool_source(pool)})
    done.add(sig)
    with suppress(AttributeError):  # a connection object that takes no attributes: probed on every call
        setattr(con, _CHECKED, done)


def has_table(con: Any, name: str) -> bool:
    """Whether the database has a table ``name`` (probed, so any engine answers alike)."""
    return _reads(con, _probe(None, name)) is None
