"""Org hierarchy: the subtree, ancestors and units of an org unit, read from the org closure.

Every read-side query (pre-fill, send-down, roster, roll-up, status, validation) is scoped by
the pieces built here, so no query can return a row outside the requested subtree (SPEC §6).
They read the org closure (:mod:`formkit.sql.closure`: every ancestor/descendant pair with
its depth and validity), built from the org table's parent links, never from code prefixes:
codes are the platform's, and nothing promises that a child's code starts with its parent's.
No query needs recursion, and each finds a subtree with one indexed lookup
(``ancestor = :org``), a unit's ancestor at a level with another (``descendant = x AND
ancestor_level = n``).

Two CTE shapes, both rooted at the bound parameter ``org``:

- ``scope(code, level)``: the org unit and everything below it;
- ``tree(code, unit, level)``: the same, with each unit mapped to its ancestor-or-self at the
  template's level (``unit``); units above that level map to themselves.

With ``valid_from``/``valid_to`` in the pool's ``org:`` (SPEC §10) each reads the tree as it
stood at ``:period_end`` (:func:`as_of`), and a pool table with a validity its rows of then
(:func:`rows_as_of`). The module also holds the plumbing the read-side runners share: the
per-template statement cache and running a statement with its parameters by name.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlglot import exp

from formkit.core import errors
from formkit.core.connection import Connection
from formkit.core.errors import Issue, TemplateError
from formkit.core.memo import per_object
from formkit.core.source import SourceSpan
from formkit.document.model import PoolModel
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql.closure import OPEN_FROM, OPEN_TO, require_tree
from formkit.sql.engines import Dialect, bind, encode, get, render
from formkit.sql.expr import PERIOD_END, collate
from formkit.sql.names import org_closure_name
from formkit.sql.numbers import num

ORG_PARAM = "org"
MAX_CODE = 64  # characters of an org code (the submission tables' org column holds this many)
Compiled = tuple[str, list[str]]  # SQL text in the driver's style, parameter names in order


# -- identifiers -------------------------------------------------------------------------------


def ident(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)


def col(name: str, table: str | None = None) -> exp.Column:
    return exp.Column(this=ident(name), table=ident(table) if table else None)


def table(name: str, alias: str | None = None) -> exp.Table:
    t = exp.Table(this=ident(name))
    if alias:
        t.set("alias", exp.TableAlias(this=ident(alias)))
    return t


def alias(e: exp.Expression, name: str) -> exp.Alias:
    """``e AS "name"`` (built directly: sqlglot's alias_ helper copies and parses)."""
    return exp.Alias(this=e, alias=ident(name))


def fresh(base: str, taken: set[str]) -> str:
    """``base``, or ``base_2``…, whichever is not ``taken`` (a pool table may be named like a CTE)."""
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}_{n}"
    taken.add(name.lower())
    return name


def pool_names(pool: PoolModel) -> set[str]:
    """Table names a query may not reuse for its own CTEs and aliases."""
    return {pool.org.table.lower(), *(t.lower() for t in pool.tables)}


def org_param() -> exp.Placeholder:
    # bare: the driver types it from the column it is compared with (a CAST could clash with the
    # column's collation in MariaDB)
    return exp.Placeholder(this=ORG_PARAM)


# -- levels ------------------------------------------------------------------------------------


def level_number(pool: PoolModel, level: str) -> int:
    """The value of the org table's level column for a level name: its 1-based position."""
    return pool.org.levels.index(level) + 1


def level_name(pool: PoolModel, number: int) -> str:
    levels = pool.org.levels
    return levels[number - 1] if 1 <= number <= len(levels) else str(number)


# -- the closure: every read of the tree --------------------------------------------------------


def closure(pool: PoolModel, alias: str) -> exp.Table:
    """The org closure (:mod:`formkit.sql.closure`) as ``alias``."""
    return table(org_closure_name(pool.org.table), alias)


def as_of(pool: PoolModel, alias: str) -> exp.Expr | None:
    """``alias`` (a closure row) holds at ``:period_end``: the tree as it stood at the period's
    end (SPEC §10). None for an undated org table: its closure rows hold at every date."""
    if not pool.org.dated:
        return None
    end = exp.Placeholder(this=PERIOD_END)
    return exp.and_(exp.LTE(this=col("valid_from", alias), expression=end),
                    exp.GTE(this=col("valid_to", alias), expression=end.copy()), copy=False)


def rows_as_of(pool: PoolModel, pool_table: str | None, alias: str) -> exp.Expr | None:
    """The rows of a pool table with a validity (``valid_from``/``valid_to`` in the pool; None:
    the org table) that hold at ``:period_end``; None for a table without one."""
    t = pool.org if pool_table is None else pool.tables[pool_table]
    end = exp.Placeholder(this=PERIOD_END)
    parts: list[exp.Expr] = []
    for column, op in ((t.valid_from, exp.LTE), (t.valid_to, exp.GTE)):
        if column is not None:
            parts.append(exp.Or(this=exp.Is(this=col(column, alias), expression=exp.Null()),
                                expression=op(this=col(column, alias), expression=end.copy())))
    return exp.and_(*parts, copy=False) if parts else None


def _and(*conds: exp.Expr | None) -> exp.Expr:
    return exp.and_(*(c for c in conds if c is not None), copy=False)


def _with(query: exp.Select, *ctes: exp.CTE) -> exp.Select:
    query.set("with_", exp.With(expressions=list(ctes)))
    return query


def _cte(name: str, body: exp.Select) -> exp.CTE:
    return exp.CTE(this=body, alias=exp.TableAlias(this=ident(name)))


def subtree_rows(pool: PoolModel, alias: str = "c", *, at_level: int | None = None,
                 timeless: bool = False) -> exp.Select:
    """``FROM closure AS alias WHERE alias.ancestor = :org`` (as of the period's end): one
    indexed lookup for ``:org`` and every unit below it. With ``at_level`` the root must be at
    that level, or nothing is read (a wrong org reads nothing). ``timeless``: every unit that
    was ever below ``:org`` (a read across periods), a unit once per interval."""
    root = exp.EQ(this=col("ancestor", alias), expression=org_param())
    level = None if at_level is None else exp.EQ(this=col("ancestor_level", alias), expression=num(at_level))
    when = None if timeless else as_of(pool, alias)
    return exp.select().from_(closure(pool, alias), copy=False).where(_and(root, level, when), copy=False)


def scope_cte(pool: PoolModel, name: str, *, at_level: int | None = None, timeless: bool = False) -> exp.CTE:
    """``name(code, level)``: the org unit ``:org`` and everything below it, from the closure."""
    q = subtree_rows(pool, "c", at_level=at_level, timeless=timeless).select(
        alias(col("descendant", "c"), "code"), alias(col("descendant_level", "c"), "level"), copy=False)
    return _cte(name, q)


def ancestor_join(pool: PoolModel, query: exp.Select, unit: str, of: exp.Expression, level: int, *,
                  join_type: str = "left") -> exp.Select:
    """``query`` joined to the closure row (``unit``) of ``of``'s ancestor-or-self at ``level``,
    as of the period's end: ``unit.ancestor`` is that ancestor's code."""
    on = _and(exp.EQ(this=col("descendant", unit), expression=of),
              exp.EQ(this=col("ancestor_level", unit), expression=num(level)), as_of(pool, unit))
    return query.join(closure(pool, unit), on=on, join_type=join_type, copy=False)


def tree_cte(pool: PoolModel, name: str, level: int) -> exp.CTE:
    """``name(code, unit, level)``: the subtree of ``:org``, each unit with its ancestor-or-self at
    ``level`` (units above ``level``, the root included, map to themselves)."""
    q = ancestor_join(pool, subtree_rows(pool, "c"), "u", col("descendant", "c"), level)
    q = q.select(alias(col("descendant", "c"), "code"),
                 alias(exp.Coalesce(this=col("ancestor", "u"), expressions=[col("descendant", "c")]), "unit"),
                 alias(col("descendant_level", "c"), "level"), copy=False)
    return _cte(name, q)


def in_scope(d: Dialect, pool_table: str, org_column: str, scope: str, query: exp.Select, *,
             join: bool = False, pool: PoolModel | None = None) -> exp.Select:
    """``query`` reading the rows of ``pool_table`` (alias ``t``) whose ``org_column`` is a code
    of the CTE ``scope``, in the form each engine plans best for one subtree (bench/findings.md):

    - PostgreSQL: ``WHERE t.org = ANY(ARRAY(SELECT code FROM scope))``: the array is an
      InitPlan computed first (one index lookup in the closure), then an index scan fetches
      the subtree's rows.
    - elsewhere: ``JOIN scope ON t.org = scope.code`` (DuckDB prunes row groups through it
      already: the join pushes the scope's codes into the scan as a dynamic IN filter).

    With ``join`` the join is kept everywhere (PostgreSQL gets the filter too): a caller reads
    the scope's columns (``runtime.workflow`` maps rows to units through them). With ``pool``,
    a table with a validity reads its rows as of the period's end (:func:`rows_as_of`).
    """
    query = query.from_(table(pool_table, "t"), copy=False)
    if join or d.sqlglot != "postgres":
        on = exp.EQ(this=col(org_column, "t"), expression=col("code", scope))
        query = query.join(table(scope), on=on, copy=False)
    if d.sqlglot == "postgres":  # not the dialects emitted with PostgreSQL's lowering (Trino: ARRAY[…])
        codes = exp.Array(expressions=[exp.select(col("code", scope)).from_(table(scope), copy=False)])
        query = query.where(exp.EQ(this=col(org_column, "t"), expression=exp.Any(this=exp.Paren(this=codes))),
                            copy=False)
    dated = None if pool is None else rows_as_of(pool, pool_table, "t")
    return query if dated is None else query.where(dated, copy=False)


def units_at(pool: PoolModel, level: int | None) -> exp.Select:
    """``unit``: the units at ``level`` under ``:org`` (``:org`` itself when ``level`` is None)."""
    q = subtree_rows(pool, "c")
    cond = (exp.EQ(this=col("depth", "c"), expression=num(0)) if level is None
            else exp.EQ(this=col("descendant_level", "c"), expression=num(level)))
    return q.select(alias(col("descendant", "c"), "unit"), copy=False).where(cond, copy=False)


def leaves_at(pool: PoolModel, leaf: int, level: int | None) -> exp.Select:
    """``leaf, unit``: each unit at ``leaf`` under ``:org`` with its ancestor-or-self at
    ``level`` (``:org`` when ``level`` is None), both as of the period's end. A leaf whose
    ancestor at ``level`` is not one of :func:`units_at` (``:org`` is below ``level``) is
    dropped by the caller's join to them."""
    q = subtree_rows(pool, "l").where(exp.EQ(this=col("descendant_level", "l"), expression=num(leaf)), copy=False)
    if level is None:
        return q.select(alias(col("descendant", "l"), "leaf"), alias(org_param(), "unit"), copy=False)
    q = ancestor_join(pool, q, "u", col("descendant", "l"), level, join_type="inner")
    return q.select(alias(col("descendant", "l"), "leaf"), alias(col("ancestor", "u"), "unit"), copy=False)


def root_level(pool: PoolModel) -> exp.Subquery:
    """``(SELECT level of :org)`` from the closure, as of the period's end: null when the code
    is unknown (or did not exist then)."""
    q = subtree_rows(pool, "r").select(col("ancestor_level", "r"), copy=False).where(
        exp.EQ(this=col("depth", "r"), expression=num(0)), copy=False)
    return exp.Subquery(this=q)


# -- queries over the hierarchy alone ----------------------------------------------------------


def build_org_lookup(pool: PoolModel, dialect: str | Dialect) -> exp.Select:
    """The code, name and level of ``:org`` (no row when the code is unknown; a dated org table:
    a row per validity interval, with its start), the code compared exactly: ``code = :org AND
    code COLLATE <binary> = :org``. The plain equality lets the engine use the column's index;
    the collated one refuses what the column's own collation would take for the same code
    (MariaDB's default ``utf8mb4_general_ci`` pads spaces and ignores case, so
    ``'370602001001 '`` would be a second name of a unit)."""
    o = pool.org
    d = get(dialect)
    found: exp.Expression = exp.EQ(this=col(o.id), expression=org_param())
    if d.collation is not None:
        exact = exp.EQ(this=collate(col(o.id), Type.TEXT, d), expression=org_param())
        found = exp.And(this=found, expression=exact)
    cols: list[exp.Expression] = [col(o.id), col(o.name), col(o.level)]
    if o.dated:
        cols += [col(c) if c else exp.Null() for c in (o.valid_from, o.valid_to)]
    return exp.select(*cols).from_(table(o.table)).where(found, copy=False)


def build_subtree(pool: PoolModel) -> exp.Select:
    """Every org unit in the subtree of ``:org`` (itself included): code, level."""
    return subtree_rows(pool, "c").select(col("descendant", "c"), col("descendant_level", "c"), copy=False)


def build_ancestors(pool: PoolModel) -> exp.Select:
    """``:org`` and its ancestors, up to the root: code, level."""
    on = _and(exp.EQ(this=col("descendant", "c"), expression=org_param()), as_of(pool, "c"))
    return exp.select(col("ancestor", "c"), col("ancestor_level", "c")).from_(closure(pool, "c")).where(on)


def build_units(pool: PoolModel, level: int) -> exp.Select:
    """The units at ``level`` under ``:org`` and, for each, its leaf units (units with no
    children then; a leaf at ``level`` is its own leaf): unit, leaf."""
    name = fresh("_tree", pool_names(pool))
    below = _and(exp.EQ(this=col("ancestor", "k"), expression=col("code", name)),
                 exp.EQ(this=col("depth", "k"), expression=num(1)), as_of(pool, "k"))
    child = exp.select("1").from_(closure(pool, "k")).where(below, copy=False)
    leaf = exp.Not(this=exp.Exists(this=child))
    deep = exp.GTE(this=col("level", name), expression=num(level))
    q = exp.select(col("unit", name), col("code", name)).from_(table(name)).where(
        exp.And(this=leaf, expression=deep), copy=False)
    return _with(q, tree_cte(pool, name, level))


# -- runners -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgUnit:
    code: str
    name: str | None
    level: int
    level_name: str


def org_unit(con: Connection, pool: PoolModel, code: str, *, template: Template | None = None,
             when: dt.date | None = None, strict: bool = False) -> OrgUnit:
    """The org unit ``code`` (its code as the org table holds it), or a :class:`TemplateError`:
    ``bad-org-code`` for text no code can be (:func:`check_code`), ``unknown-org`` for a code
    the table does not hold exactly. A dated org table: the row valid on ``when``, else (or
    without ``when``) the latest row, so a code merged away still names its last state;
    ``strict``: ``unknown-org`` when no row is valid on ``when``."""
    code = check_code(code, pool, template)
    rows = run(con, _static(pool, "org", con.dialect, lambda: build_org_lookup(pool, con.dialect)),
               {ORG_PARAM: code})
    if not rows:
        raise unknown_org(pool, code, template)
    if pool.org.dated:
        rows = sorted(rows, key=lambda r: _day(r[4], OPEN_TO))
        valid = [r for r in rows if when is not None and _day(r[3], OPEN_FROM) <= when <= _day(r[4], OPEN_TO)]
        if strict and not valid:
            raise unknown_org(pool, code, template, when=when)
        rows = valid or rows[-1:]
    own, name, number = rows[0][:3]
    return OrgUnit(str(own), name, int(number), level_name(pool, int(number)))


def _day(value: object, default: dt.date) -> dt.date:
    if value is None:
        return default
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def unit_code(con: Connection, template: Template, code: object) -> str:
    """The org code a workflow call works with: the one place a caller's code enters (fill,
    fill --all, save, submit, return, approve, roll-up, status, corrections). With a pool, the
    database must hold the pool's tables (``pool-table-missing``) and the code must be exactly
    a code of its org table, which is the code returned; without one, any code
    :func:`check_code` accepts (no table to look in)."""
    text = check_code(code, template.pool, template)  # before any statement: a bad code reads nothing
    if template.pool is None:
        return text
    require_tree(con, template.pool, template.sources)
    return org_unit(con, template.pool, text, template=template).code


def today(pool: PoolModel) -> dt.date:
    """Today in the pool's time zone: the date a read without a period sees the tree at."""
    return dt.datetime.now(ZoneInfo(pool.timezone)).date()


def dated(pool: PoolModel, con: Connection, when: dt.date | None) -> dict[str, Any]:
    """The ``:period_end`` parameter of a read of the tree at ``when`` (default: today)."""
    return {PERIOD_END: encode(when or today(pool), Type.DATE, con.dialect)}


def period_end(template: Template, period: str, con: Connection) -> dict[str, Any]:
    """The ``:period_end`` parameter of ``period``: the day the tree is read as of (a ``once``
    template: today)."""
    end = template.period_of(period).end
    return dated(template.pool, con, end) if template.pool is not None else {}


def subtree(con: Connection, pool: PoolModel, code: str, *, when: dt.date | None = None) -> list[str]:
    """Codes of ``code`` and every unit below it on ``when`` (default today; unknown code:
    ``unknown-org``)."""
    org_unit(con, pool, code)
    rows = run(con, _static(pool, "subtree", con.dialect, lambda: build_subtree(pool)),
               {ORG_PARAM: code, **dated(pool, con, when)})
    return sorted({str(r[0]) for r in rows})


def ancestor_at(con: Connection, pool: PoolModel, code: str, level: str, *,
                when: dt.date | None = None) -> OrgUnit | None:
    """The ancestor-or-self of ``code`` at ``level`` on ``when`` (None when ``code`` is above it)."""
    org_unit(con, pool, code)
    rows = run(con, _static(pool, "ancestors", con.dialect, lambda: build_ancestors(pool)),
               {ORG_PARAM: code, **dated(pool, con, when)})
    want = level_number(pool, level)
    for c, number in rows:
        if int(number) == want:
            return org_unit(con, pool, str(c), when=when or today(pool))
    return None


def units_under(con: Connection, pool: PoolModel, code: str, level: str, *,
                when: dt.date | None = None) -> dict[str, list[str]]:
    """The units at ``level`` under ``code`` (itself, when at that level) on ``when`` (default
    today), each with its leaves."""
    org_unit(con, pool, code)
    number = level_number(pool, level)
    rows = run(con, _static(pool, f"units:{number}", con.dialect, lambda: build_units(pool, number)),
               {ORG_PARAM: code, **dated(pool, con, when)})
    out: dict[str, set[str]] = {}
    for unit, leaf in rows:
        out.setdefault(str(unit), set()).add(str(leaf))
    return {u: sorted(leaves) for u, leaves in sorted(out.items())}


# -- errors ------------------------------------------------------------------------------------


def _where(pool: PoolModel | None, template: Template | None) -> tuple[SourceSpan, str, dict[str, str]]:
    """Where an org error points: the template's ``level`` (what the code must match), else the
    pool's org; a template without a pool at its ``id`` (it has no org level)."""
    if template is not None:
        key = "level" if template.pool is not None else "id"
        return template.model.span_of(key), key, template.sources
    if pool is not None:
        return pool.org.span, "org", {}
    return SourceSpan.point("<org code>"), "", {}


def unknown_org(pool: PoolModel, code: str, template: Template | None = None, *,
                when: dt.date | None = None) -> TemplateError:
    span, path, sources = _where(pool, template)
    if when is None:
        message = f"there is no org unit {shown(code)} in the table '{pool.org.table}'"
        hint = "check the code: it is the org table's id column, e.g. a community's 12-digit code"
    else:
        message = f"the org unit {shown(code)} does not exist on {when.isoformat()} (the table '{pool.org.table}')"
        hint = "the org tree was redrawn: report for the unit that holds it in this period"
    issue = Issue(errors.UNKNOWN_ORG.code, message, span, path, hint)
    return TemplateError([issue], sources)


# -- the text of a code ------------------------------------------------------------------------


def shown(code: str) -> str:
    """``code`` in quotes with every character one cannot see escaped as Python writes it
    (``'370602001001\\x00'``, ``'\\u200b'``, ``'\\u3000'``), so a message shows what was sent."""
    out = []
    for ch in code:
        if ch in "'\\":
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(repr(ch)[1:-1])
    return "'" + "".join(out) + "'"


def _char(ch: str) -> str:
    return f"{shown(ch)} (U+{ord(ch):04X}{' ' + unicodedata.name(ch) if unicodedata.name(ch, '') else ''})"


def code_problem(code: object) -> str | None:
    """Why ``code`` (already NFC) cannot be an org code, or None. A code is 1 to 64 visible
    characters: no control or invisible character, no space (a trailing one is the usual
    alias of a code copied from a spreadsheet), no digit other than 0–9 and no full-width or
    other compatibility form (``３``, ``٣``), since each would store a unit under a second name."""
    if not isinstance(code, str):
        return f"an org code is text, not {type(code).__name__} {code!r}"
    if not code:
        return "the org code is empty"
    if len(code) > MAX_CODE:
        return f"the org code {shown(code[:20])}… has {len(code)} characters, more than {MAX_CODE}"
    for i, ch in enumerate(code, 1):
        kind = unicodedata.category(ch)
        if kind == "Cc":
            what = "the control character"
        elif kind[0] in "CZ":
            what = "the space" if kind[0] == "Z" else "the invisible character"
        elif kind == "Nd" and not "0" <= ch <= "9":
            what = "the non-ASCII digit"
        elif unicodedata.normalize("NFKC", ch) != ch:
            what = "the full-width or compatibility character"
        else:
            continue
        return f"the org code {shown(code)} holds {what} {_char(ch)} at position {i}"
    return None


def check_code(code: object, pool: PoolModel | None, template: Template | None = None) -> str:
    """``code`` NFC-normalised (SPEC §3: input is NFC), or ``bad-org-code`` when no code can
    be written so (:func:`code_problem`). Nothing is stripped or folded: a code that needs
    it is refused, never guessed at."""
    text = unicodedata.normalize("NFC", code) if isinstance(code, str) else code
    problem = code_problem(text)
    if problem is None:
        assert isinstance(text, str)
        return text
    span, path, sources = _where(pool, template)
    hint = ("type the code as the org table holds it: digits 0-9 and letters, without spaces or invisible "
            "characters (text pasted from a spreadsheet or a web page can carry them)")
    raise TemplateError([Issue(errors.BAD_ORG_CODE.code, problem, span, path, hint)], sources)


def wrong_level(pool: PoolModel, unit: OrgUnit, want: str, template: Template | None = None, *,
                at_or_above: bool = False) -> TemplateError:
    span, path, sources = _where(pool, template)
    if at_or_above:
        message = (f"the org unit '{unit.code}' ({unit.name}) is a {unit.level_name}, below the "
                   f"{want} level this template is filled at")
        hint = f"send the template down from a {want} or a unit above it"
    else:
        message = (f"the org unit '{unit.code}' ({unit.name}) is a {unit.level_name}, but this template "
                   f"is filled by each {want}")
        hint = (f"pass a {want} code, or pre-fill every {want} under '{unit.code}' at once "
                "(prefill_all / fill --all)" if unit.level < level_number(pool, want) else f"pass a {want} code")
    return TemplateError([Issue(errors.WRONG_LEVEL.code, message, span, path, hint)], sources)


def check_level(pool: PoolModel, unit: OrgUnit, level: str, template: Template | None = None) -> None:
    """A one-unit pre-fill or roster is for a unit at the template's level."""
    if unit.level != level_number(pool, level):
        raise wrong_level(pool, unit, level, template)


# -- statements: cache and parameters ----------------------------------------------------------

def cached(owner: object, key: Any, build: Callable[[], Any]) -> Any:
    """``build()`` once per ``owner`` (a Template or PoolModel) and ``key``: building and
    rendering a statement costs milliseconds (DESIGN), a pre-fill should not pay it each time."""
    return per_object(owner, key, build)


def _static(pool: PoolModel, what: str, dialect: str, build: Callable[[], exp.Select]) -> Compiled:
    result: Compiled = cached(pool, ("org", what, dialect), lambda: render(build(), dialect))
    return result


def run(con: Connection, compiled: Compiled, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """Run a cached statement: one round trip, parameters bound by name."""
    sql, names = compiled
    return con.query(sql, bind(names, values, con.paramstyle))
