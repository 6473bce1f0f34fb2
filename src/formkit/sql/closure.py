"""The org closure: every (ancestor, descendant) pair of the org tree, with the depth between
them and the dates the pair holds (SPEC §10), so that no query needs recursion.

The pool's org table gives each unit a parent; with ``valid_from``/``valid_to`` named in the
pool's ``org:`` a unit code may have several rows, one per validity interval (inclusive dates,
null meaning open). The closure ``fk_org__<org table>`` holds one row per chain of rows from a
unit up to one of its ancestors-or-self, valid over the intersection of the chain's intervals:

``ancestor, descendant, depth, ancestor_level, descendant_level, valid_from, valid_to, up``

(``up`` is the ancestor row's parent, the link the next depth climbs; open ends are stored as
``0001-01-01`` and ``9999-12-31`` so that "as of D" is ``valid_from <= D AND valid_to >= D``, two
indexed comparisons). Every read of the tree (:mod:`formkit.sql.org`) is one indexed lookup in
it: ``ancestor = :org`` for a subtree, ``descendant = x AND ancestor_level = n`` for a unit's
ancestor at a level.

It is built with set-based SQL on every engine: depth 0 is the org table itself, depth k+1 joins
depth k to the org rows of each ancestor's parent (one level up, overlapping in time). Levels
strictly decrease on the way up, so at most ``max(level) - min(level)`` steps are needed: a
Python loop over INSERT … SELECT, no recursive CTE.

Staleness: beside the closure, ``fk_org_state`` keeps a fingerprint of the org table (its row
count and a SHA-256 of every row's code, parent, level and dates, sorted). :func:`ensure` reads
the org table, compares, and rebuilds only when it changed; it runs on deploy, once per
connection before the pool is read (:func:`formkit.sql.pooldb.require_pool`), and on demand
(``formkit org refresh``, :func:`formkit.refresh_org`). The same read checks the validity data
(``org-validity``: overlapping rows of one code, ``valid_from`` after ``valid_to``, a parent that
does not exist over the whole of a child row's interval) before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Iterable, Sequence
from contextlib import nullcontext, suppress
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sqlglot import exp

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.document.model import OrgSpec, PoolModel
from formkit.language.ast import Type
from formkit.sql.ddl import KEY_LENGTH, _create, _key, _pk, storage
from formkit.sql.engines import bind, encode, render
from formkit.sql.expr import param
from formkit.sql.names import ORG_STATE as STATE
from formkit.sql.names import org_closure_name
from formkit.sql.pooldb import has_table, pool_source, require_pool

COLUMNS = ("ancestor", "descendant", "depth", "ancestor_level", "descendant_level", "valid_from", "valid_to", "up")
OPEN_FROM = dt.date(1, 1, 1)  # stored for an open start: every date is on or after it
OPEN_TO = dt.date(9999, 12, 31)
LO, HI = "_open_from", "_open_to"  # parameters holding them


def closure_table(pool: PoolModel) -> str:
    return org_closure_name(pool.org.table)


def _id(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)


def _col(name: str, table: str | None = None) -> exp.Column:
    return exp.Column(this=_id(name), table=_id(table) if table else None)


def _table(name: str, alias: str | None = None) -> exp.Table:
    t = exp.Table(this=_id(name))
    if alias:
        t.set("alias", exp.TableAlias(this=_id(alias)))
    return t


def _as(e: exp.Expression, name: str) -> exp.Alias:
    return exp.Alias(this=e, alias=_id(name))


# -- DDL -----------------------------------------------------------------------------------------


def closure_ddl(pool: PoolModel, dialect: str) -> list[exp.Expression]:
    """The closure table and its two indexes (subtree: by ancestor; ancestor at a level: by
    descendant), and the fingerprint table."""
    s = storage(dialect)
    name = closure_table(pool)
    key, integer = _key(s), s.integer

    def coldef(c: str, t: str) -> exp.ColumnDef:
        return exp.ColumnDef(this=_id(c), kind=exp.DataType.build(t, dialect=s.sqlglot))

    types = {"ancestor": key, "descendant": key, "depth": integer, "ancestor_level": integer,
             "descendant_level": integer, "valid_from": s.date, "valid_to": s.date, "up": key}
    # the database's own collation, not the submission tables' code-point one: MariaDB refuses
    # to compare two columns of different collations, and the closure is joined to pool tables
    body = exp.Schema(this=_table(name), expressions=[coldef(c, types[c]) for c in COLUMNS])
    out: list[exp.Expression] = [exp.Create(this=body, kind="TABLE", exists=True)]
    if s.constraints:
        for suffix, cols in (("a", ("ancestor", "descendant_level", "valid_from")),
                             ("d", ("descendant", "ancestor_level", "valid_from"))):
            index = exp.Index(this=_id(f"{name}_{suffix}"), table=_table(name),
                              params=exp.IndexParameters(columns=[_col(c) for c in cols]))
            out.append(exp.Create(this=index, kind="INDEX", exists=True))
    state: list[exp.Expression] = [coldef("org_table", _key(s, KEY_LENGTH)), coldef("fingerprint", _key(s, 80)),
             coldef("units", integer), coldef("refreshed_at", s.timestamp)]
    out.append(_create(STATE, state, [_pk("org_table")], s))
    return out


# -- reading the org table ------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgRow:
    code: str
    parent: str | None
    level: int
    start: dt.date  # OPEN_FROM when open
    end: dt.date  # OPEN_TO when open


def _date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def read_org(con: Any, pool: PoolModel) -> tuple[list[OrgRow], list[Issue]]:
    """Every row of the org table (one statement), and the ``org-validity`` issues of its dates."""
    o = pool.org
    cols: list[exp.Expression] = [_col(c) for c in (o.id, o.parent, o.level)]
    cols += [_col(c) if c else exp.Null() for c in (o.valid_from, o.valid_to)]
    rows, issues = [], []
    for code, parent, level, start, end in con.query(exp.select(*cols).from_(_table(o.table), copy=False)):
        try:
            a, b = _date(start), _date(end)
        except ValueError:
            issues.append(_issue(o, "valid_from", f"the org unit '{code}' has a validity date that is not a date "
                                                  f"({start!r} .. {end!r})", "write dates as YYYY-MM-DD"))
            continue
        rows.append(OrgRow(str(code), None if parent is None or parent == "" else str(parent), int(level),
                           a or OPEN_FROM, b or OPEN_TO))
    rows.sort(key=lambda r: (r.code, r.start, r.end, r.parent or "", r.level))
    return rows, issues + check_rows(pool, rows)


def _shown(d: dt.date, *, start: bool) -> str:
    return ("open" if (d == OPEN_FROM if start else d == OPEN_TO) else d.isoformat())


def _interval(r: OrgRow) -> str:
    return f"{_shown(r.start, start=True)} .. {_shown(r.end, start=False)}"


def _issue(o: OrgSpec, key: str, message: str, hint: str) -> Issue:
    at = key if getattr(o, key, None) else "table"
    return Issue(errors.ORG_VALIDITY.code, message, o.span_of(at), f"org.{at}", hint)


def check_rows(pool: PoolModel, rows: Sequence[OrgRow]) -> list[Issue]:
    """The validity problems of the org rows (sorted by code and start): a row whose
    ``valid_from`` is after its ``valid_to``, two rows of one code valid on the same day, and a
    row whose parent has no row (one level up or more) on some day of its interval."""
    o = pool.org
    out: list[Issue] = []
    by_code: dict[str, list[OrgRow]] = {}
    for r in rows:
        if r.start > r.end:
            out.append(_issue(o, "valid_from", f"the org unit '{r.code}' has a row valid from {r.start} to {r.end}: "
                                               "it starts after it ends", "swap the dates, or fix the one mistyped"))
            continue
        by_code.setdefault(r.code, []).append(r)
    for code, mine in by_code.items():
        for a, b in pairwise(mine):
            if b.start <= a.end:
                what = "validity intervals overlap" if pool.org.dated else "rows have one code"
                out.append(_issue(o, "valid_to", f"the org unit '{code}' has two rows valid on the same day ({what}: "
                                                 f"{_interval(a)} and {_interval(b)})",
                                  f"close the older row: set its {o.valid_to or 'valid_to'} to the day before the "
                                  "newer one starts" if pool.org.dated else
                                  "give each unit one row, or name valid_from/valid_to in the pool's org"))
    if not pool.org.dated:
        return out  # an undated tree: a parent outside the table makes its child a root, as always
    for r in rows:
        if r.parent is None or r.start > r.end:
            continue
        gap = _uncovered(r, [p for p in by_code.get(r.parent, []) if p.level < r.level])
        if gap is not None:
            out.append(_issue(o, "parent", f"the org unit '{r.code}' (valid {_interval(r)}) has the parent "
                                           f"'{r.parent}', which does not exist on {gap}",
                              f"add a row of '{r.parent}' valid then, or end the row of '{r.code}' before it"))
    return out


def _uncovered(child: OrgRow, parents: Iterable[OrgRow]) -> dt.date | None:
    """The first day of ``child``'s interval that no row of ``parents`` covers, or None."""
    day = child.start
    for p in sorted(parents, key=lambda p: p.start):
        if p.start > day:
            break
        if p.end >= day:
            if p.end >= child.end:
                return None
            day = p.end + dt.timedelta(days=1)
    return day


def fingerprint(rows: Sequence[OrgRow]) -> str:
    """``<rows>:<sha256>`` of the org rows as the closure reads them (sorted, so the order the
    engine returns them in does not matter)."""
    h = hashlib.sha256()
    for r in rows:
        h.update(f"{r.code}\x1f{r.parent or ''}\x1f{r.level}\x1f{r.start}\x1f{r.end}\x1e".encode())
    return f"{len(rows)}:{h.hexdigest()}"


# -- building --------------------------------------------------------------------------------------


def _dated(column: str | None, alias: str, open_param: str, dialect: str) -> exp.Expression:
    bound = param(open_param, Type.DATE, dialect)
    return bound if column is None else exp.Coalesce(this=_col(column, alias), expressions=[bound])


def _later(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Case(ifs=[exp.If(this=exp.GT(this=a, expression=b), true=a.copy())], default=b.copy())


def _earlier(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Case(ifs=[exp.If(this=exp.LT(this=a, expression=b), true=a.copy())], default=b.copy())


def build_steps(pool: PoolModel, dialect: str, depth: int) -> list[exp.Expression]:
    """The statements that fill the (emptied) closure: depth 0 from the org table, then each
    depth from the one before, up to ``depth``."""
    o, name = pool.org, closure_table(pool)
    target = exp.Schema(this=_table(name), expressions=[_id(c) for c in COLUMNS])
    self_rows = exp.select(_col(o.id, "o"), _col(o.id, "o"), exp.Literal.number(0), _col(o.level, "o"),
                           _col(o.level, "o"), _dated(o.valid_from, "o", LO, dialect),
                           _dated(o.valid_to, "o", HI, dialect), _col(o.parent, "o")).from_(_table(o.table, "o"))
    out: list[exp.Expression] = [exp.Delete(this=_table(name)), exp.Insert(this=target, expression=self_rows)]
    for k in range(depth):
        start, end = _dated(o.valid_from, "p", LO, dialect), _dated(o.valid_to, "p", HI, dialect)
        on = exp.and_(exp.EQ(this=_col(o.id, "p"), expression=_col("up", "c")),
                      exp.LT(this=_col(o.level, "p"), expression=_col("ancestor_level", "c")),
                      exp.LTE(this=start.copy(), expression=_col("valid_to", "c")),
                      exp.GTE(this=end.copy(), expression=_col("valid_from", "c")))
        step = (exp.select(_col(o.id, "p"), _col("descendant", "c"), exp.Literal.number(k + 1), _col(o.level, "p"),
                           _col("descendant_level", "c"), _later(start, _col("valid_from", "c")),
                           _earlier(end, _col("valid_to", "c")), _col(o.parent, "p"))
                .from_(_table(name, "c")).join(_table(o.table, "p"), on=on)
                .where(exp.EQ(this=_col("depth", "c"), expression=exp.Literal.number(k))))
        out.append(exp.Insert(this=target.copy(), expression=step))
    return out


def _run(con: Any, tree: exp.Expression, values: dict[str, Any]) -> None:
    sql, names = render(tree, con.dialect)
    con.execute(sql, bind(names, values, con.paramstyle) if names else None)


def _stored(con: Any, pool: PoolModel) -> str | None:
    q = (exp.select(_col("fingerprint")).from_(_table(STATE))
         .where(exp.EQ(this=_col("org_table"), expression=exp.Literal.string(pool.org.table.lower()))))
    if not has_table(con, STATE):  # probed (in a savepoint inside a transaction): never built
        return None
    rows = con.query(q)
    return str(rows[0][0]) if rows else None


@dataclass(frozen=True)
class Refreshed:
    """What :func:`ensure` did: the closure's table, its rows' fingerprint, whether it was rebuilt."""

    table: str
    fingerprint: str
    units: int
    rebuilt: bool


def ensure(con: Any, pool: PoolModel, *, force: bool = False) -> Refreshed:
    """Rebuild the closure of ``pool``'s org table when the table changed since it was built
    (or ``force``); raise ``org-validity`` for bad validity data, writing nothing then. The
    DDL runs only when the closure does not exist yet (DDL commits on MariaDB).

    Concurrent rebuilds (twenty processes deploying at once) are serialised by the row of
    ``fk_org_state``: each rebuild first updates it, so the next waits for the one before to
    commit and then replaces what it wrote, never adds to it."""
    rows, issues = read_org(con, pool)
    if issues:
        raise TemplateError(issues, pool_source(pool))
    fp = fingerprint(rows)
    name = closure_table(pool)
    old = _stored(con, pool)
    if old == fp and not force:
        return Refreshed(name, fp, len(rows), rebuilt=False)
    key = pool.org.table.lower()
    s = storage(con.dialect)
    when = dt.datetime.now().replace(microsecond=0)
    stamp = when if s.sqlglot != "sqlite" else when.isoformat(sep=" ")
    if old is None:
        _create_once(con, pool, key, stamp)
    levels = [r.level for r in rows]
    depth = max(levels) - min(levels) if levels else 0
    values = {LO: encode(OPEN_FROM, Type.DATE, con.dialect), HI: encode(OPEN_TO, Type.DATE, con.dialect)}
    claim = exp.update(_table(STATE), {"fingerprint": exp.Placeholder(this="f"), "units": exp.Placeholder(this="n"),
                                       "refreshed_at": exp.Placeholder(this="w")},
                       where=exp.EQ(this=_col("org_table"), expression=exp.Placeholder(this="t")))
    with con.transaction():
        _run(con, claim, {"t": key, "f": fp, "n": len(rows), "w": stamp})  # locks the row first
        for tree in build_steps(pool, con.dialect, depth):
            _run(con, tree, values)
    if s.sqlglot == "postgres" and not getattr(con, "in_transaction", False):
        # statistics now, not at autovacuum's next pass: the planner estimates the lookups from them
        _run(con, exp.Analyze(tables=[_table(name)]), {})
    return Refreshed(name, fp, len(rows), rebuilt=True)


def _guarded(con: Any) -> Any:
    """A savepoint inside the caller's transaction (a failed statement would end it on
    PostgreSQL), nothing outside one."""
    return con.savepoint() if getattr(con, "in_transaction", False) else nullcontext()


_DDL_ATTEMPTS = 5


def _create_once(con: Any, pool: PoolModel, key: str, stamp: object) -> None:
    """The closure's tables and its state row (fingerprint empty until built). Another process
    may create them at the same moment: what it created is simply seen."""
    for attempt in range(_DDL_ATTEMPTS):
        try:
            with _guarded(con):
                for tree in closure_ddl(pool, con.dialect):
                    _run(con, tree, {})
            break
        except Exception:  # a concurrent CREATE … IF NOT EXISTS can still collide (PostgreSQL's catalog)
            if has_table(con, STATE) and has_table(con, closure_table(pool)):
                break
            # the other process has created some of the tables, not yet all: each statement is
            # IF NOT EXISTS, so running them again once it is done creates what is missing
            if attempt == _DDL_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    record = exp.insert(exp.values([exp.Tuple(expressions=[exp.Placeholder(this=n) for n in ("t", "f", "n", "w")])]),
                        _table(STATE), columns=[_id(c) for c in ("org_table", "fingerprint", "units", "refreshed_at")])
    if _stored(con, pool) is None:
        try:
            with _guarded(con):
                _run(con, record, {"t": key, "f": "", "n": 0, "w": stamp})
        except Exception:  # another process inserted it first (the primary key)
            if _stored(con, pool) is None:
                raise


_FRESH = "_formkit_closures_fresh"  # connection attribute: the org tables whose closure was checked


def require_tree(con: Any, pool: PoolModel, sources: dict[str, str] | None = None) -> None:
    """The pool's tables (:func:`formkit.sql.pooldb.require_pool`) and a fresh closure of its
    org table: checked once per connection (a deploy and ``formkit org refresh`` check again),
    so a read pays one indexed lookup, not a read of the org table."""
    require_pool(con, pool, sources)
    done: set[str] = getattr(con, _FRESH, set())
    key = pool.org.table.lower()
    if key in done:
        return
    try:
        ensure(con, pool)
    except TemplateError as e:
        raise TemplateError(e.issues, {**(sources or {}), **e.sources}) from None
    done.add(key)
    with suppress(AttributeError):  # a connection object that takes no attributes: checked on every call
        setattr(con, _FRESH, done)


def refresh(con: Any, pool: PoolModel, *, force: bool = False) -> Refreshed | None:
    """:func:`ensure` on deploy and on demand (``formkit org refresh``, :func:`formkit.refresh_org`):
    None when the database has no org table yet (a pool loaded later is checked at its first read)."""
    if not has_table(con, pool.org.table):
        return None
    done = ensure(con, pool, force=force)
    fresh: set[str] = getattr(con, _FRESH, set())
    fresh.add(pool.org.table.lower())
    with suppress(AttributeError):
        setattr(con, _FRESH, fresh)
    return done


def refresh_org(db: Any, pool: PoolModel, *, force: bool = False) -> Refreshed:
    """Rebuild the org closure of ``pool`` (``formkit.load_pool(FILE)``) in ``db`` when its org
    table changed since the last build, or always with ``force``: the call a host makes after
    loading a new org table (``formkit org refresh --db URL --pool FILE``). Bad validity data
    is ``org-validity``, and the closure is left as it was."""
    require_pool(db, pool)
    done = refresh(db, pool, force=force)
    assert done is not None  # require_pool found the org table
    return done


def forget(con: Any) -> None:
    """Make the next read on ``con`` check the closure again (after the org table changed)."""
    with suppress(AttributeError):
        setattr(con, _FRESH, set())
