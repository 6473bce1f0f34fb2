"""Derived reports in SQL (SPEC §8.4): a template computed from its source's stored submissions.

A derived template is never typed. Its "submissions" are a relation computed from the source
template's latest submitted or approved submission per org unit and period, across the source's
deployed versions (fields matched by id and type, as ``prev()`` and roll-ups match them):

- ``ledger.expired_cards`` and ``ledger.by_type.visual.grade_1`` read the source row's columns;
- ``count(ledger.severe where subsidy > 0)`` and ``sum(ledger.severe.subsidy)`` are conditional
  aggregates over the source roster's rows, one grouped subquery per source roster, LEFT JOINed
  to the source row by its submission id (no rows: count 0, sum null, as anywhere else);
- a calc of the derived template is its formula over those values, inlined, rounded to the
  field's places as a form rounds it; an aggregate over a derived roster is the same aggregate
  over the source roster's rows that the roster's ``rows:`` keeps, with its columns inlined.

:func:`relation` is that relation, shaped as a stored submission table (``submission_id``,
``org``, ``period``, ``state``, ``updated_at``, ``version``, a column per slot under the derived
layout's names, and the source's ``revision``): the roll-up reads it in place of stored
submissions, so a derived report rolls up along the org tree and over periods by its own rules,
and its coverage is its source's. :func:`~formkit.sql.derived_reads.values` (one unit) and ``values_all`` (every unit at
the level under an org) are one statement each, whatever the number of units; a derived roster's
rows are one more (:func:`rows`, :func:`rows_all`): those reads are in
:mod:`formkit.sql.derived_reads`. ``prev(x)`` is ``x`` over last period's source row
(``_srcp``, LEFT JOINed by unit and the period before each row's, with its own roster
aggregates). Text derived from personal data leaves masked as the source masks it unless
``pii``. Only one source per derived template is read today.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlglot import exp

from formkit.core.connection import Connection
from formkit.core.memo import per_object
from formkit.core.periods import PER_YEAR, Period, previous
from formkit.core.source import SourceSpan
from formkit.evaluation.formchecks import all_specs
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql import org as orgs
from formkit.sql.engines import Dialect, get
from formkit.sql.expr import aggregate, lower
from formkit.sql.mask import mask_sql, stored_masks
from formkit.sql.names import Layout
from formkit.sql.names import layout as build_layout
from formkit.sql.numbers import case, num, numbers
from formkit.sql.prefill import param_literal
from formkit.sql.reading import READABLE
from formkit.sql.rollup import build_rollup as build_rolled
from formkit.sql.rollup import period_stage, source_periods
from formkit.sql.rollup import rollup as rolled
from formkit.sql.rollup_rosters import as_, col_, sub
from formkit.sql.rollup_sources import Version, child_source, submission_source
from formkit.sql.stored import grid_column

__all__ = ["PREV_SRC", "SRC", "Builder", "Provenance", "Reader", "build_rollup", "child_relation", "layout",
           "prev_params", "relation", "rollup", "source_of", "step_of", "window_params"]

Value = Any
SRC = "_src"  # the source submission's alias in every statement here
PREV_SRC = "_srcp"  # last period's source submission (a derived report's prev())
Provenance = dict[str, Any]  # {"alias", "template", "submission", "revision", "state"}


def layout(template: Template) -> Layout:
    """The template's layout, worked out once per template (a request reads it several times)."""
    found: Layout = per_object(template, ("layout",), lambda: build_layout(template))
    return found


def source_of(template: Template) -> tuple[str, Template]:
    """The alias and the checked template a derived template reads."""
    alias, source = next(iter(template.derived_from.items()))
    return alias, source


class _Rosters:
    """The aggregates over the source's rosters: per source roster, its distinct aggregates."""

    def __init__(self) -> None:
        self.found: dict[str, dict[str, tuple[str, exp.Expression]]] = {}  # roster -> sql text -> (name, sql)
        self.counts: set[str] = set()

    def column(self, roster: str, sql: exp.Expression, *, count: bool) -> str:
        seen = self.found.setdefault(roster, {})
        text = sql.sql()
        if text not in seen:
            seen[text] = (f"_a{sum(len(v) for v in self.found.values())}", sql)
            if count:
                self.counts.add(seen[text][0])
        return seen[text][0]


class Builder:
    """The SQL of one derived template's values over the source submission ``_src``."""

    def __init__(self, template: Template, dialect: str | Dialect, versions: Sequence[Version] | None,
                 pii: bool, *, src: str = SRC, groups: str = "_g_") -> None:
        self.at = src  # the source row's alias: ``_src``, or ``_srcp`` for last period's (prev())
        self.pii = pii
        self.groups = groups
        self.prev: Builder | None = None  # the same report over last period's source row
        self.t = template
        self.alias, self.src = source_of(template)
        self.d = get(dialect)
        self.n = numbers(self.d)
        self.lay: Layout = layout(template)
        self.slay: Layout = layout(self.src)
        self.versions = versions
        self.specs = all_specs(template)
        self.masks = {} if pii else stored_masks(template).slots
        self.rosters = _Rosters()
        self.memo: dict[str, exp.Expression] = {}
        self.step = step_of(template)

    # -- values -------------------------------------------------------------------------------

    def slot(self, key: str) -> exp.Expression:
        """The SQL of one slot of the derived template (a field or a grid cell), memoized:
        calcs inline the slots they read."""
        if key not in self.memo:
            self.memo[key] = self._slot(key)
        return self.memo[key].copy()

    def _slot(self, key: str) -> exp.Expression:
        if key in self.t.fields:
            f = self.t.fields[key]
            e = f.calc if f.kind == "calc" else f.value
            typ, params = f.type, {}
        else:
            gid, rid, cid = key.split(".")
            cell = self.t.grids[gid].cells[(rid, cid)]
            e, typ, params = cell.expr, Type.NUMBER, dict(cell.row.params)
        if e is None or e.node is None:
            const = e.const if e is not None else None
            return param_literal(const, _typed_name(typ), self.d) if const is not None else exp.Null()
        value = self.lower(e.node, params)
        places = self.specs[key].places if key in self.specs else None
        if typ is Type.NUMBER and places is not None:
            value = self.n.round(value, places)
        return value

    def lower(self, node: ast.Expr, params: Mapping[str, Any]) -> exp.Expression:
        def refs(name: ast.Name) -> exp.Expression:
            r = name.ref
            if isinstance(r, ast.SourceFieldRef):
                return col_(self.slay.slots[r.slot].name, self.at)
            if isinstance(r, ast.FieldRef):
                return self.slot(r.field)
            if isinstance(r, ast.GridCellRef):
                return self.slot(f"{r.grid}.{r.row}.{r.col}")
            if isinstance(r, ast.RowParamRef):
                return param_literal(params.get(r.name), name, self.d)
            raise ValueError(f"'{name.dotted}' is not read by a derived template's value")

        return lower(node, self.d, refs=refs, aggregates=self.aggregate, prev=self.last_period)

    def last_period(self, node: ast.Prev) -> exp.Expression:
        """``prev(x)``: ``x`` of this report as last period's source submission gives it (the
        previous period's source row ``_srcp``, LEFT JOINed by unit: null when there is none)."""
        if self.at == PREV_SRC:  # a prev() of a value that is itself last period's: not read (null)
            return exp.Null()
        if self.prev is None:
            self.prev = Builder(self.t, self.d, self.versions, self.pii, src=PREV_SRC, groups="_gp_")
        ref = node.target.ref
        key = f"{ref.grid}.{ref.row}.{ref.col}" if isinstance(ref, ast.GridCellRef) else (
            ref.field if isinstance(ref, ast.FieldRef) else node.target.dotted)
        return self.prev.slot(key)

    def aggregate(self, node: ast.Aggregate) -> exp.Expression:
        ref = node.source.ref
        if isinstance(ref, ast.GridColumnRef):
            return grid_column(self.t, node.func, ref, self.slot, self.d.name)
        if isinstance(ref, ast.SourceTableRef | ast.SourceColumnRef):
            roster, column = ref.table, ref.column if isinstance(ref, ast.SourceColumnRef) else None
            conds = [node.where] if node.where is not None else []
            row, own = self.source_row(roster), None
        elif isinstance(ref, ast.TableRef | ast.TableColumnRef):  # a derived roster of this template
            table = self.t.tables[ref.table]
            assert table.rows is not None and isinstance(table.rows.source.ref, ast.SourceTableRef)
            roster = table.rows.source.ref.table
            column = ref.column if isinstance(ref, ast.TableColumnRef) else None
            conds = [x for x in (table.rows.where, node.where) if x is not None]
            row = own = self.roster_row(ref.table)
        else:
            raise ValueError(f"{node.func}({node.source.dotted}) is not read by a derived template")
        arg: exp.Expression | None = row(column) if column is not None else None
        # a stored column already holds the lowering's representation (as the roll-up reads it)
        typ = node.source.type if column is not None and node.source.type is not None else Type.NUMBER
        cond = _and([self.lower_row(c, own) for c in conds])
        if cond is not None:
            arg = case((cond, arg if arg is not None else num(1)))
        sql = aggregate(node.func, arg if (arg is not None or cond is not None) else None,
                        typ if column is not None else Type.NUMBER, self.d)
        name = self.rosters.column(roster, sql, count=node.func in ("count", "count_distinct"))
        out: exp.Expression = col_(name, f"{self.groups}{roster}")
        if node.func in ("count", "count_distinct"):  # no rows: 0, not null
            out = exp.Coalesce(this=out, expressions=[self.n.literal(Decimal(0))])
        return out

    def source_row(self, roster: str) -> Callable[[str], exp.Expression]:
        child = self.slay.children[roster]
        return lambda column: col_(child.columns[column].name, "c")

    def roster_row(self, tid: str) -> Callable[[str], exp.Expression]:
        """A derived roster's column over the source roster row ``c``: its value inlined."""
        t = self.t.tables[tid]
        assert t.rows is not None and isinstance(t.rows.source.ref, ast.SourceTableRef)

        def column(cid: str) -> exp.Expression:
            col = t.columns[cid]
            e = col.calc if col.kind == "calc" else col.value
            if e is None or e.node is None:
                return exp.Null()
            return self.lower_row(e.node, column)

        return column

    def lower_row(self, node: ast.Expr, own: Callable[[str], exp.Expression] | None) -> exp.Expression:
        """A row-level expression (a ``where``, a derived roster's column) over the source roster
        row ``c``: source columns as stored, a derived roster's own columns (``own``) inlined."""
        def refs(name: ast.Name) -> exp.Expression:
            r = name.ref
            if isinstance(r, ast.SourceColumnRef):
                return self.source_row(r.table)(r.column)
            if isinstance(r, ast.RowColumnRef | ast.TableColumnRef) and own is not None:
                return own(r.column)
            raise ValueError(f"'{name.dotted}' cannot be read in a row of a derived roster")

        return lower(node, self.d, refs=refs)

    # -- statements -------------------------------------------------------------------------

    def slots(self, *, with_calcs: bool = True) -> list[tuple[str, exp.Expression]]:
        out = []
        for key, col in self.lay.slots.items():
            value = self.slot(key)
            m = self.masks.get(key)
            if m is not None:
                value = mask_sql(value, m, self.d)
            out.append((col.name, value))
        return out

    def joined(self, base: exp.Select, periods: Sequence[exp.Expression]) -> exp.Select:
        """``base`` over the source submissions of ``periods``, with the rosters' aggregates (and,
        when a value reads ``prev()``, last period's source row with its own)."""
        source = submission_source(self.src, self.slay, self.d.name, self.versions, periods=periods, alias=SRC)
        q = self.with_rosters(base.from_(source, copy=False))
        if self.prev is not None:
            q = self.prev.last_row(q, periods)
        readable = exp.and_(
            exp.In(this=col_("period", SRC), expressions=[p.copy() for p in periods]),
            exp.In(this=col_("state", SRC), expressions=[exp.Literal.string(x) for x in READABLE]), copy=False)
        return q.where(readable, copy=False)

    def with_rosters(self, q: exp.Select) -> exp.Select:
        """``q`` with each source roster's aggregates LEFT JOINed by this row's submission id."""
        for roster, aggs in self.rosters.found.items():
            rows = child_source(self.src, self.slay, self.d.name, self.versions, tid=roster, alias="c")
            named = [as_(sql, name) for name, sql in aggs.values()]
            grouped = (exp.select(as_(col_("submission_id", "c"), "_sid"), *named).from_(rows, copy=False)
                       .group_by(col_("submission_id", "c"), copy=False))
            g = f"{self.groups}{roster}"
            q = q.join(sub(grouped, g), on=exp.EQ(this=col_("_sid", g), expression=col_("submission_id", self.at)),
                       join_type="left", copy=False)
        return q

    def last_row(self, q: exp.Select, periods: Sequence[exp.Expression]) -> exp.Select:
        """``q`` with last period's readable source submission of the same unit (``_srcp``): the
        period before each of ``periods`` is a placeholder of its own (``:_pp<i>``)."""
        before = [exp.Placeholder(this=prev_name(i)) for i in range(1, len(periods) + 1)]
        source = submission_source(self.src, self.slay, self.d.name, self.versions, periods=before, alias=self.at)
        which = exp.Case(this=col_("period", SRC), ifs=[exp.If(this=p.copy(), true=b.copy())
                                                      for p, b in zip(periods, before, strict=True)])
        on = exp.and_(exp.EQ(this=col_("org", self.at), expression=col_("org", SRC)),
                      exp.EQ(this=col_("period", self.at), expression=which),
                      exp.In(this=col_("state", self.at), expressions=[exp.Literal.string(x) for x in READABLE]),
                      copy=False)
        return self.with_rosters(q.join(source, on=on, join_type="left", copy=False))

    def relation(self, periods: Sequence[exp.Expression]) -> exp.Select:
        """The derived submissions of ``periods`` (placeholders of this template's periods)."""
        values = self.slots()  # first: registers the rosters' aggregates
        if self.step == 1:
            system = [col_(x, SRC) for x in ("submission_id", "org", "period", "state", "updated_at")]
            base = exp.select(*system, as_(num(self.t.version), "version"),
                              as_(col_("revision", SRC), "_src_revision"), as_(num(1), "_src_periods"),
                              *(as_(v, name) for name, v in values))
            return self.joined(base, periods)
        branches = [self.window(i, ph, values) for i, ph in enumerate(periods, 1)]
        union: exp.Expression = branches[0]
        for b in branches[1:]:
            union = exp.Union(this=union, expression=b, distinct=False)
        return exp.select(exp.Star()).from_(sub(union, SRC), copy=False)  # read as the source row is

    def window(self, i: int, period: exp.Expression, values: list[tuple[str, exp.Expression]]) -> exp.Select:
        """A coarser derived report's ``i``-th period: the source's leaves under ``:org`` rolled
        over the source periods inside it by the source's own rules (the roll-up's period stage),
        its rosters' rows of every submission in the window; ``submitted`` only when the source
        submitted every one of those periods."""
        ps = period_stage(self.src, self.d, window_names(i, self.step), versions=self.versions, prefix=f"_w{i}")
        cols = [c.name for c in self.slay.slots.values()]
        rolled = exp.select(as_(col_("_leaf"), "org"), col_("_n"), *(col_(c) for c in cols)).from_(
            orgs.table(ps.stage), copy=False)
        state = case((exp.EQ(this=col_("_n", SRC), expression=num(self.step)), exp.Literal.string("submitted")),
                     default=exp.Literal.string("draft"))
        sid = exp.select(as_(col_("_leaf", "s"), "_lf"), as_(exp.Max(this=col_("submission_id", "s")), "_sid")).from_(
            orgs.table(ps.subs, "s"), copy=False).group_by(col_("_leaf", "s"), copy=False)
        base = exp.select(as_(col_("_sid", "_ids"), "submission_id"), col_("org", SRC), as_(period.copy(), "period"),
                          as_(state, "state"), as_(exp.Null(), "updated_at"), as_(num(self.t.version), "version"),
                          as_(exp.Null(), "_src_revision"), as_(col_("_n", SRC), "_src_periods"),
                          *(as_(v.copy(), name) for name, v in values))
        q = base.from_(sub(rolled, SRC), copy=False).join(
            sub(sid, "_ids"), on=exp.EQ(this=col_("_lf", "_ids"), expression=col_("org", SRC)), join_type="left",
            copy=False)
        for roster, aggs in self.rosters.found.items():
            rows = child_source(self.src, self.slay, self.d.name, self.versions, tid=roster, alias="c")
            named = [as_(sql, name) for name, sql in aggs.values()]
            grouped = (exp.select(as_(col_("_leaf", "s"), "_lf"), *named).from_(orgs.table(ps.subs, "s"), copy=False)
                       .join(rows, on=exp.EQ(this=col_("submission_id", "c"), expression=col_("submission_id", "s")),
                             copy=False)
                       .group_by(col_("_leaf", "s"), copy=False))
            g = f"_g_{roster}"
            q = q.join(sub(grouped, g), on=exp.EQ(this=col_("_lf", g), expression=col_("org", SRC)),
                       join_type="left", copy=False)
        q.set("with_", exp.With(expressions=ps.ctes))
        return exp.select(exp.Star()).from_(sub(q, f"_w{i}"), copy=False)


def prev_name(i: int) -> str:
    """The placeholder of the period before a relation's ``i``-th period (a report's prev())."""
    return f"_pp{i}"


def prev_params(template: Template, periods: Sequence[Period]) -> dict[str, str | None]:
    """Their values (none when the report reads no prev())."""
    if not template.reads_prev:
        return {}
    out: dict[str, str | None] = {}
    for i, p in enumerate(periods, 1):
        before = previous(p)
        out[prev_name(i)] = before.text if before is not None else None
    return out


def window_names(i: int, step: int) -> list[str]:
    """The placeholders of the source periods inside a coarser derived report's ``i``-th period."""
    return [f"_sp{i}_{j}" for j in range(1, step + 1)]


def window_params(template: Template, periods: Sequence[Period]) -> dict[str, str]:
    """Their values: the source periods inside each of ``periods`` (none when not coarser)."""
    _, src = source_of(template)
    if src.period == template.period:
        return {}
    out: dict[str, str] = {}
    for i, p in enumerate(periods, 1):
        inside = source_periods(src, p.text)
        out |= dict(zip(window_names(i, len(inside)), (x.text for x in inside), strict=True))
    return out


def step_of(template: Template) -> int:
    """How many source periods one period of a derived report reads (1: the same period)."""
    _, src = source_of(template)
    if src.period == template.period:
        return 1
    return PER_YEAR[src.period] // PER_YEAR[template.period]  # the two nest (checked): months in a quarter, …


def _typed_name(t: Type) -> ast.Name:
    """A name of type ``t``: how :func:`param_literal` learns a YAML constant's type."""
    n = ast.Name(SourceSpan("", 1, 1, 1, 1), ("_",))
    n.type = t
    return n


def _and(conds: list[exp.Expression]) -> exp.Expression | None:
    if not conds:
        return None
    out = conds[0]
    for c in conds[1:]:
        out = exp.And(this=exp.Paren(this=out), expression=exp.Paren(this=c))
    return out


# -- the relation the roll-up reads ---------------------------------------------------------------


def relation(template: Template, dialect: str | Dialect, versions: Sequence[Version] | None, *,
             periods: Sequence[exp.Expression], alias: str, pii: bool = False) -> exp.Subquery:
    """The derived template's submissions for ``periods`` as a stored table would hold them
    (see the module docstring), aliased ``alias``; ``versions``: the source's deployed versions."""
    return sub(Builder(template, dialect, versions, pii).relation(periods), alias)


def child_relation(template: Template, tid: str, dialect: str | Dialect, versions: Sequence[Version] | None, *,
                   alias: str, pii: bool = False) -> exp.Subquery:
    """A derived roster's rows as a stored child table would hold them (``submission_id``, then
    each column under the derived layout's name): the source roster's rows its ``rows:`` keeps."""
    b = Builder(template, dialect, versions, pii)
    t = template.tables[tid]
    assert t.rows is not None and isinstance(t.rows.source.ref, ast.SourceTableRef)
    roster = t.rows.source.ref.table
    row, child = b.roster_row(tid), b.lay.children[tid]
    q = exp.select(col_("submission_id", "c"), *(as_(row(cid), child.columns[cid].name) for cid in t.columns)).from_(
        child_source(b.src, b.slay, b.d.name, versions, tid=roster, alias="c"), copy=False)
    if t.rows.where is not None:
        q = q.where(b.lower_row(t.rows.where, None), copy=False)
    return sub(q, alias)


class Reader:
    """What the roll-up reads in place of a derived report's stored submissions
    (:class:`formkit.sql.rollup.Reader`): the relation above, and its rosters' rows."""

    def __init__(self, template: Template, *, pii: bool = False) -> None:
        self.template = template
        self.source = source_of(template)[1]
        self.pii = pii

    def submissions(self, d: Dialect, versions: Sequence[Version] | None, periods: Sequence[exp.Expression],
                    alias: str) -> exp.Expression:
        return relation(self.template, d, versions, periods=periods, alias=alias, pii=self.pii)

    def children(self, tid: str, d: Dialect, versions: Sequence[Version] | None, alias: str) -> exp.Expression:
        return child_relation(self.template, tid, d, versions, alias=alias, pii=self.pii)

    def params(self, periods: Sequence[Period]) -> dict[str, Any]:
        return window_params(self.template, periods) | prev_params(self.template, periods)


def rollup(con: Connection, template: Template, org: str, period: str, *,
           level: str | None = None) -> list[dict[str, Any]]:
    """The roll-up of a derived report (:func:`formkit.sql.rollup.rollup` over the relation)."""
    return rolled(con, template, org, period, level=level, reader=Reader(template))


def build_rollup(template: Template, dialect: str | Dialect, *, level: str | None = None,
                 periods: int = 1) -> exp.Select:
    """The roll-up statement of a derived report (``formkit sql``: no deployed versions)."""
    return build_rolled(template, dialect, level=level, periods=periods, reader=Reader(template))
