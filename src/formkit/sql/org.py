"""Org hierarchy: the subtree, ancestors and units of an org unit, from the pool's parent links.

Every read-side query (pre-fill, send-down, roster) is scoped by one of the recursive CTEs built
here, so no query can return a row outside the requested subtree (SPEC §6). The hierarchy is
read from the org table's parent links, never from code prefixes: codes are the platform's,
and nothing promises that a child's code starts with its parent's.

Two CTE shapes, both rooted at the bound parameter ``org``:

- ``scope(code, level)``: the org unit and everything below it;
- ``tree(code, unit, level)``: the same, with each unit mapped to its ancestor-or-self at the
  template's level (``unit``); units above that level map to themselves.

Both descend only to units of a deeper level (``child.level > parent.level``), so a cycle in
the parent links cannot make the recursion run forever. The module also holds the plumbing the
read-side runners share: the per-template statement cache and binding parameters by name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sqlglot import exp

from formkit.core import errors
from formkit.core.connection import Connection
from formkit.core.errors import Issue, TemplateError
from formkit.core.memo import per_object
from formkit.core.source import SourceSpan
from formkit.document.model import PoolModel
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql.engines import Dialect, get, render
from formkit.sql.expr import collate
from formkit.sql.numbers import num
from formkit.sql.pooldb import require_pool

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


# -- CTEs --------------------------------------------------------------------------------------


def _with(query: exp.Select, *ctes: exp.CTE) -> exp.Select:
    query.set("with_", exp.With(expressions=list(ctes), recursive=True))
    return query


def _cte(name: str, columns: Sequence[str], anchor: exp.Select, step: exp.Select) -> exp.CTE:
    body = exp.Union(this=anchor, expression=step, distinct=False)
    return exp.CTE(this=body, alias=exp.TableAlias(this=ident(name), columns=[ident(c) for c in columns]))


def _descend(pool: PoolModel, name: str) -> exp.Expression:
    """Join condition of the recursive step: a child of a unit already found, one level deeper."""
    o = pool.org
    return exp.And(this=exp.EQ(this=col(o.parent, "o"), expression=col("code", name)),
                   expression=exp.GT(this=col(o.level, "o"), expression=col("level", name)))


def scope_cte(pool: PoolModel, name: str, *, at_level: int | None = None) -> exp.CTE:
    """``name(code, level)``: the org unit ``:org`` and everything below it. With ``at_level``
    the root must be at that level, or the scope is empty (a wrong org reads nothing)."""
    o = pool.org
    root: exp.Expression = exp.EQ(this=col(o.id, "o"), expression=org_param())
    if at_level is not None:
        root = exp.And(this=root, expression=exp.EQ(this=col(o.level, "o"), expression=num(at_level)))
    anchor = exp.select(col(o.id, "o"), col(o.level, "o")).from_(table(o.table, "o")).where(root)
    step = (exp.select(col(o.id, "o"), col(o.level, "o")).from_(table(o.table, "o"))
            .join(table(name), on=_descend(pool, name), copy=False))
    return _cte(name, ("code", "level"), anchor, step)


def tree_cte(pool: PoolModel, name: str, level: int) -> exp.CTE:
    """``name(code, unit, level)``: the subtree of ``:org``, each unit with its ancestor-or-self at
    ``level`` (units above ``level``, the root included, map to themselves)."""
    o = pool.org
    anchor = (exp.select(col(o.id, "o"), col(o.id, "o"), col(o.level, "o")).from_(table(o.table, "o"))
              .where(exp.EQ(this=col(o.id, "o"), expression=org_param()), copy=False))
    unit = exp.Case(ifs=[exp.If(this=exp.LTE(this=col(o.level, "o"), expression=num(level)), true=col(o.id, "o"))],
                    default=col("unit", name))
    step = (exp.select(col(o.id, "o"), unit, col(o.level, "o")).from_(table(o.table, "o"))
            .join(table(name), on=_descend(pool, name), copy=False))
    return _cte(name, ("code", "unit", "level"), anchor, step)


def in_scope(d: Dialect, pool_table: str, org_column: str, scope: str, query: exp.Select, *,
             join: bool = False) -> exp.Select:
    """``query`` reading the rows of ``pool_table`` (alias ``t``) whose ``org_column`` is a code
    of the CTE ``scope``, in the form each engine plans best for one subtree (bench/findings.md):

    - PostgreSQL: ``WHERE t.org = ANY(ARRAY(SELECT code FROM scope))``. A join to the recursive
      CTE is estimated at a large share of the table (a CTE's output cannot be estimated), so
      PostgreSQL merge-joins over the whole org index; the array is an InitPlan computed first,
      then an index scan fetches the subtree's rows (≈ 100× faster on 1.3M persons).
    - elsewhere: ``JOIN scope ON t.org = scope.code`` (DuckDB prunes row groups through it
      already: the join pushes the scope's codes into the scan as a dynamic IN filter).

    With ``join`` the join is kept everywhere (PostgreSQL gets the filter too): a caller reads
    the scope's columns (``runtime.workflow`` maps rows to units through them).
    """
    query = query.from_(table(pool_table, "t"), copy=False)
    if join or d.sqlglot != "postgres":
        on = exp.EQ(this=col(org_column, "t"), expression=col("code", scope))
        query = query.join(table(scope), on=on, copy=False)
    if d.sqlglot == "postgres":  # not the dialects emitted with PostgreSQL's lowering (Trino: ARRAY[…])
        codes = exp.Array(expressions=[exp.select(col("code", scope)).from_(table(scope), copy=False)])
        query = query.where(exp.EQ(this=col(org_column, "t"), expression=exp.Any(this=exp.Paren(this=codes))),
                            copy=False)
    return query


def ancestry(pool: PoolModel, level: int) -> tuple[exp.Select, list[str]]:
    """``FROM org AS _o0 LEFT JOIN org AS _o1 … _o{level-1}``: each unit with its ancestors by
    fixed joins, for units at ``level`` (the caller filters ``_o0``), and the aliases, self
    first. Each join climbs to a strictly lower level, as the recursive CTEs descend to a
    strictly deeper one, so ``level - 1`` joins reach every ancestor (levels start at 1) and
    the chain is the same set of units the CTEs find, cycles in the parent links included.
    Planners estimate these joins from the table, where a recursive CTE is a guess (one row
    in PostgreSQL) and DuckDB runs it iteratively (bench/findings.md, Roll-up)."""
    o = pool.org
    names = [f"_o{i}" for i in range(max(level, 1))]
    q = exp.select().from_(table(o.table, names[0]), copy=False)
    for child, parent in pairwise(names):
        on = exp.And(this=exp.EQ(this=col(o.id, parent), expression=col(o.parent, child)),
                     expression=exp.LT(this=col(o.level, parent), expression=col(o.level, child)))
        q = q.join(table(o.table, parent), on=on, join_type="left", copy=False)
    return q, names


def under_org(pool: PoolModel, names: Sequence[str]) -> exp.Expression:
    """``:org IN (_o0.code, _o1.code, …)``: the unit is ``:org`` or below it."""
    return exp.In(this=org_param(), expressions=[col(pool.org.id, n) for n in names])


def unit_at(pool: PoolModel, names: Sequence[str], level: int) -> exp.Expression:
    """The code of the unit's ancestor-or-self at ``level`` (null when the chain skips it)."""
    o = pool.org
    return exp.Case(ifs=[exp.If(this=exp.EQ(this=col(o.level, n), expression=num(level)), true=col(o.id, n))
                         for n in names])


def root_level(pool: PoolModel) -> exp.Subquery:
    """``(SELECT level FROM org WHERE code = :org)``: null when the code is unknown."""
    o = pool.org
    return exp.Subquery(this=exp.select(col(o.level)).from_(table(o.table))
                        .where(exp.EQ(this=col(o.id), expression=org_param()), copy=False))


# -- queries over the hierarchy alone ----------------------------------------------------------


def build_org_lookup(pool: PoolModel, dialect: str | Dialect) -> exp.Select:
    """The code, name and level of ``:org`` (no row when the code is unknown), the code
    compared exactly: ``code = :org AND code COLLATE <binary> = :org``. The plain equality
    lets the engine use the column's index; the collated one refuses what the column's own
    collation would take for the same code (MariaDB's default ``utf8mb4_general_ci`` pads
    spaces and ignores case, so ``'370602001001 '`` would be a second name of a unit)."""
    o = pool.org
    d = get(dialect)
    found: exp.Expression = exp.EQ(this=col(o.id), expression=org_param())
    if d.collation is not None:
        exact = exp.EQ(this=collate(col(o.id), Type.TEXT, d), expression=org_param())
        found = exp.And(this=found, expression=exact)
    return exp.select(col(o.id), col(o.name), col(o.level)).from_(table(o.table)).where(found, copy=False)


def build_subtree(pool: PoolModel) -> exp.Select:
    """Every org unit in the subtree of ``:org`` (itself included): code, level."""
    name = fresh("_scope", pool_names(pool))
    return _with(exp.select(col("code", name), col("level", name)).from_(table(name)), scope_cte(pool, name))


def build_ancestors(pool: PoolModel) -> exp.Select:
    """``:org`` and its ancestors, up to the root: code, name, level."""
    o = pool.org
    name = fresh("_up", pool_names(pool))
    anchor = (exp.select(col(o.id, "o"), col(o.parent, "o"), col(o.name, "o"), col(o.level, "o"))
              .from_(table(o.table, "o")).where(exp.EQ(this=col(o.id, "o"), expression=org_param()), copy=False))
    up = exp.And(this=exp.EQ(this=col(o.id, "o"), expression=col("parent", name)),
                 expression=exp.LT(this=col(o.level, "o"), expression=col("level", name)))
    step = (exp.select(col(o.id, "o"), col(o.parent, "o"), col(o.name, "o"), col(o.level, "o"))
            .from_(table(o.table, "o"), copy=False).join(table(name), on=up, copy=False))
    cte = _cte(name, ("code", "parent", "name", "level"), anchor, step)
    return _with(exp.select(col("code", name), col("name", name), col("level", name)).from_(table(name)), cte)


def build_units(pool: PoolModel, level: int) -> exp.Select:
    """The units at ``level`` under ``:org`` and, for each, its leaf units (units with no
    children; a leaf at ``level`` is its own leaf): unit, leaf."""
    o = pool.org
    name = fresh("_tree", pool_names(pool))
    child = (exp.select("1").from_(table(o.table, "c"))
             .where(exp.EQ(this=col(o.parent, "c"), expression=col("code", name)), copy=False))
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


def org_unit(con: Connection, pool: PoolModel, code: str, *, template: Template | None = None) -> OrgUnit:
    """The org unit ``code`` (its code as the org table holds it), or a :class:`TemplateError`:
    ``bad-org-code`` for text no code can be (:func:`check_code`), ``unknown-org`` for a code
    the table does not hold exactly."""
    code = check_code(code, pool, template)
    rows = run(con, _static(pool, "org", con.dialect, lambda: build_org_lookup(pool, con.dialect)),
               {ORG_PARAM: code})
    if not rows:
        raise unknown_org(pool, code, template)
    own, name, number = rows[0]
    return OrgUnit(str(own), name, int(number), level_name(pool, int(number)))


def unit_code(con: Connection, template: Template, code: object) -> str:
    """The org code a workflow call works with: the one place a caller's code enters (fill,
    fill --all, save, submit, return, approve, roll-up, status, corrections). With a pool, the
    database must hold the pool's tables (``pool-table-missing``) and the code must be exactly
    a code of its org table, which is the code returned; without one, any code
    :func:`check_code` accepts (no table to look in)."""
    text = check_code(code, template.pool, template)  # before any statement: a bad code reads nothing
    if template.pool is None:
        return text
    require_pool(con, template.pool, template.sources)
    return org_unit(con, template.pool, text, template=template).code


def subtree(con: Connection, pool: PoolModel, code: str) -> list[str]:
    """Codes of ``code`` and every unit below it (unknown code: ``unknown-org``)."""
    org_unit(con, pool, code)
    rows = run(con, _static(pool, "subtree", con.dialect, lambda: build_subtree(pool)), {ORG_PARAM: code})
    return sorted(str(r[0]) for r in rows)


def ancestor_at(con: Connection, pool: PoolModel, code: str, level: str) -> OrgUnit | None:
    """The ancestor-or-self of ``code`` at ``level`` (None when ``code`` is above it)."""
    org_unit(con, pool, code)
    rows = run(con, _static(pool, "ancestors", con.dialect, lambda: build_ancestors(pool)), {ORG_PARAM: code})
    want = level_number(pool, level)
    for c, name, number in rows:
        if int(number) == want:
            return OrgUnit(str(c), name, want, level)
    return None


def units_under(con: Connection, pool: PoolModel, code: str, level: str) -> dict[str, list[str]]:
    """The units at ``level`` under ``code`` (itself, when at that level), each with its leaves."""
    org_unit(con, pool, code)
    number = level_number(pool, level)
    rows = run(con, _static(pool, f"units:{number}", con.dialect, lambda: build_units(pool, number)),
               {ORG_PARAM: code})
    out: dict[str, list[str]] = {}
    for unit, leaf in rows:
        out.setdefault(str(unit), []).append(str(leaf))
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


def unknown_org(pool: PoolModel, code: str, template: Template | None = None) -> TemplateError:
    span, path, sources = _where(pool, template)
    issue = Issue(errors.UNKNOWN_ORG.code, f"there is no org unit {shown(code)} in the table '{pool.org.table}'",
                  span, path, "check the code: it is the org table's id column, e.g. a community's 12-digit code")
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


def bind(names: Sequence[str], values: Mapping[str, Any], paramstyle: str) -> Any:
    """Parameters for a rendered statement in the driver's style: positional for ``$1``, else by name."""
    missing = sorted({n for n in names if n not in values})
    if missing:
        raise KeyError(f"no value for the parameter(s) {', '.join(missing)}")
    if paramstyle == "dollar_numbered":
        return [values[n] for n in names]
    return {n: values[n] for n in names}


def run(con: Connection, compiled: Compiled, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """Run a cached statement: one round trip, parameters bound by name."""
    sql, names = compiled
    return con.query(sql, bind(names, values, con.paramstyle))
