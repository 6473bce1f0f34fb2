"""Roll-up ("summarize automatically"): stored submissions to any org level and across periods,
in ONE statement whatever the number of org units (SPEC §2.4).

The statement, built as a sqlglot tree:

1. ``_units`` the rolled-up units, ``_leaves`` the units at the template's level under
   ``:org``, each with its unit: indexed lookups in the org closure as of the period's end
   (:func:`formkit.sql.org.leaves_at`), no recursion; the leaves are never joined to the leaf
   values, as PostgreSQL estimates them at one row and nested-loops such a join (1.5 s at 200
   leaves: the coverage below is a UNION ALL);
2. ``_subs``: their submitted and approved submissions for the source periods
   (``:period_1`` … ``:period_n``, in order), each with its position;
3. **period stage** (only with several source periods): per leaf, each value by its period mode
   (``first``/``last``: the value of the earliest/latest period submitted; flows sum); calcs
   with ``recompute`` again on the leaf's rolled-up inputs;
4. **org stage**: per unit, each value by its org mode over the leaves (``avg``/``min``/``max``
   over leaf values, never an average of averages; with ``avg`` on both axes, the average over
   every leaf submission; ``first``/``last`` sum), ``requery`` from the sibling pre-fill at the
   roll-up level, then ``recompute`` calcs nested one subquery per dependency level (DuckDB
   re-expands chained aliases; divisions by whole sums written without DuckDB's lambdas,
   :class:`formkit.sql.stored.WholeNumbers`);
5. coverage: per unit, the leaves expected, how many submitted every source period, and the
   missing ones (one string aggregate).

Decisions where SPEC is silent (docs/storage.md): a calc that reads ``prev()`` cannot be
recomputed at a roll-up scope and is summed; ``first``/``last`` of text or dates across orgs is
null; ``requery`` on the period axis takes the leaf's latest period; a roll-up reads the tables
of the template's own version; rosters are not rolled up, but a recomputed calc that aggregates
a roster aggregates the rows of every submission rolled into the unit.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from sqlglot import exp

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.periods import Period, parse_period
from formkit.evaluation import functions as fn
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql import org as orgs
from formkit.sql.closure import require_tree
from formkit.sql.engines import MULTI_SEP, Dialect, decode, dtype, encode, get, render
from formkit.sql.expr import PERIOD_END, PERIOD_START, lower
from formkit.sql.names import Layout, layout
from formkit.sql.numbers import case, num, numbers, p
from formkit.sql.numbers import fn as call
from formkit.sql.prefill import build_prefill, param_literal, period_values, pool_slots, value_alias
from formkit.sql.reading import READABLE, normalize
from formkit.sql.registry import ensure_schema
from formkit.sql.rollup_rosters import Slot, TableAggs, as_, col_, sub
from formkit.sql.rollup_sources import Version, deployed_versions, submission_source
from formkit.sql.stored import WholeNumbers, average, grid_column, split_aggregate

__all__ = ["PeriodStage", "Reader", "Slot", "build_rollup", "period_stage", "rollup", "rollup_slots", "source_periods"]

ADDITIVE = ("sum", "first", "last")  # across orgs, first and last sum (SPEC §2.4)
_WHOLE = ("sum", "first", "last", "min", "max")  # of whole numbers: whole numbers
_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


@dataclass(frozen=True)
class _Agg:
    """Plain aggregates computed while grouping, and the values finished from them after."""

    parts: list[exp.Expression]
    finish: Callable[[list[exp.Expression]], list[tuple[str, exp.Expression]]]


def rollup_slots(template: Template) -> list[Slot]:
    """Every scalar field and grid cell with its roll-up modes (defaults applied by the checker)."""
    lay = layout(template)
    out = []
    for fid, f in template.fields.items():
        calc = f.calc.node if f.calc is not None else None
        org, period = f.rollup_org, f.rollup_period
        if calc is not None and any(isinstance(n, ast.Prev) for n in ast.walk(calc)):
            org, period = (("sum" if m == "recompute" else m) for m in (org, period))  # see module doc
        places = 0 if f.model.type == "integer" else f.model.precision
        deps = f.calc.deps if f.calc is not None else frozenset()
        out.append(Slot(fid, lay.fields[fid].name, f.type, org, period, calc, deps, places))
    for gid, g in template.grids.items():
        for (rid, cid), cell in g.cells.items():
            key = f"{gid}.{rid}.{cid}"
            is_calc = cell.kind == "calc" and cell.expr is not None and cell.expr.node is not None
            modes = [m if (m != "recompute" or is_calc) else "sum" for m in (g.rollup_org, g.rollup_period)]
            bound = cell.kind == "value" and cell.expr is not None and cell.expr.reads_pool
            modes = [m if (m != "requery" or bound) else "sum" for m in modes]
            node = cell.expr.node if is_calc and cell.expr is not None else None
            deps = cell.expr.deps if node is not None and cell.expr is not None else frozenset()
            places = 0 if cell.col.type == "integer" else cell.col.precision
            out.append(Slot(key, lay.cells[key].name, Type.NUMBER, modes[0], modes[1], node, deps, places,
                            dict(cell.row.params)))
    return out


# -- periods -------------------------------------------------------------------------------------


def source_periods(template: Template, period: str) -> list[Period]:
    """The template's periods whose union is ``period`` exactly (``2026Q3`` from a monthly
    template: its three months; a year from quarters or months). Anything else is ``bad-period``."""
    target = _parse(template, period)
    kind = template.period
    if target.kind == kind:
        return [template.period_of(period)]
    step, span = _MONTHS.get(kind), _MONTHS.get(target.kind)
    if step is None or span is None or span <= step or target.start is None:
        raise _bad_period(template, f"a {target.kind} period is not made of whole {kind} periods",
                          f"roll {kind} submissions up into {_coarser(kind)}")
    out = []
    for i in range(span // step):
        month = target.start.month + i * step
        year = target.start.year
        text = f"{year:04d}-{month:02d}" if kind == "monthly" else f"{year:04d}Q{(month + 2) // 3}"
        out.append(parse_period(text, kind))
    return out


def _coarser(kind: str) -> str:
    return {"monthly": "quarters or years", "quarterly": "years"}.get(kind, f"{kind} periods only")


def _parse(template: Template, period: str) -> Period:
    try:
        return parse_period(period)
    except ValueError as exc:
        raise _bad_period(template, str(exc), None) from None


def _bad_period(template: Template, message: str, hint: str | None) -> TemplateError:
    issue = Issue(errors.BAD_PERIOD.code, message, template.model.span_of("period"), "period", hint)
    return TemplateError([issue], template.sources)


# -- the statement ---------------------------------------------------------------------------------


_col, _as, _sub = col_, as_, sub  # orgs.col's trees, built faster (rollup_rosters)


class _Builder:
    def __init__(self, template: Template, dialect: str | Dialect, level: str | None, periods: int, *,
                 versions: Sequence[Version] | None = None, reader: Reader | None = None, prefix: str = "",
                 placeholders: Sequence[str] | None = None) -> None:
        if template.pool is None or template.level is None:
            raise ValueError(f"'{template.id}' has no pool and level: there is no org hierarchy to roll up along")
        self.t = template
        self.pool = template.pool
        self.d = get(dialect)
        self.n = numbers(self.d)
        self.lay: Layout = layout(template)
        self.leaf = orgs.level_number(self.pool, template.level)
        self.level = self._level(level)
        self.periods = periods
        self.versions = versions
        self.reader = reader
        self.slots = rollup_slots(template)
        self.taken = orgs.pool_names(self.pool)
        self.names = {k: orgs.fresh(prefix + k, self.taken) for k in
                      ("_units", "_leaves", "_subs", "_marks", "_lv", "_cover", "_req")}
        self.placeholders = list(placeholders or (f"period_{i}" for i in range(1, periods + 1)))
        self.ctes: list[exp.CTE] = []

    def _level(self, level: str | None) -> int | None:
        if level is None:
            return None
        if level not in self.pool.org.levels:
            raise ValueError(f"'{level}' is not an org level: one of {', '.join(self.pool.org.levels)}")
        number = orgs.level_number(self.pool, level)
        if number > self.leaf:
            raise ValueError(f"'{self.t.id}' is filled by each {self.t.level}: it rolls up to that level or above, "
                             f"not to {level}")
        return number

    def cte(self, key: str, body: exp.Expression, *, inline: bool = False) -> str:
        name = self.names[key]
        cte = exp.CTE(this=body, alias=exp.TableAlias(this=orgs.ident(name)))
        if inline and self.d.sqlglot == "postgres":  # not the dialects emitted from it (Trino, Spark)
            # PostgreSQL materializes a CTE read twice and cannot estimate its rows (it guesses 1):
            # joining the submissions to such a CTE became a nested loop comparing every submission
            # with every leaf (2,000 x 1,791 at a city: 0.9 s). Inlined, each use is planned with
            # the org table's own index and statistics.
            cte.set("materialized", False)
        self.ctes.append(cte)
        return name

    # -- org hierarchy and submissions --

    def hierarchy(self) -> None:
        """``_units`` (the units at the roll-up level under ``:org``, or ``:org``) and
        ``_leaves`` (each leaf under ``:org`` with its unit), from the org closure as of the
        period's end (:func:`formkit.sql.org.units_at`, :func:`~formkit.sql.org.leaves_at`),
        so that a later redrawing of the tree never changes a closed period: a leaf whose unit
        is not one of ``_units`` (``:org`` is below the level) is dropped with it."""
        self.cte("_units", orgs.units_at(self.pool, self.level))
        self.cte("_leaves", orgs.leaves_at(self.pool, self.leaf, self.level), inline=True)

    def submissions(self) -> None:
        leaves = self.names["_leaves"]
        periods = [exp.Placeholder(this=name) for name in self.placeholders]
        pos = exp.Case(this=_col("period", "s"), ifs=[exp.If(this=ph, true=num(i))
                                                       for i, ph in enumerate(periods, 1)])
        cols = [_as(_col("unit", "l"), "_unit"), _as(_col("org", "s"), "_leaf"), _as(pos, "_pos"),
                _col("submission_id", "s"), *(_col(s.column, "s") for s in self.slots)]
        where = exp.and_(exp.In(this=_col("period", "s"), expressions=[ph.copy() for ph in periods]),
                         exp.In(this=_col("state", "s"), expressions=[exp.Literal.string(x) for x in READABLE]))
        source: exp.Expression
        if self.reader is not None:  # a derived report's (SPEC §8.4): computed, read like stored ones
            source = self.reader.submissions(self.d, self.versions, periods, "s")
        else:
            source = submission_source(self.t, self.lay, self.d.name, self.versions, periods=periods, alias="s")
        q = (exp.select(*cols).from_(source, copy=False)
             .join(orgs.table(leaves, "l"), on=exp.EQ(this=_col("org", "s"), expression=_col("leaf", "l")), copy=False)
             .where(where, copy=False))
        self.cte("_subs", q)

    # -- the period stage (per leaf) --

    def period_stage(self) -> str:
        subs = self.names["_subs"]
        if self.periods == 1:
            cols = [_col("_unit"), _col("_leaf"), _as(num(1), "_n"), *(_col(s.column) for s in self.slots)]
            return self.cte("_lv", exp.select(*cols).from_(orgs.table(subs), copy=False))
        window = [_col("_leaf")]
        marks = exp.select(*(_col(c) for c in ("_unit", "_leaf", "_pos")), *(_col(x.column) for x in self.slots),
                           _as(exp.Window(this=exp.Min(this=_col("_pos")), partition_by=window), "_first"),
                           _as(exp.Window(this=exp.Max(this=_col("_pos")), partition_by=[w.copy() for w in window]),
                               "_last"))
        marks_name = self.cte("_marks", marks.from_(orgs.table(subs), copy=False))
        keys = [_col("_unit"), _col("_leaf")]
        grouped = exp.select(*keys, _as(exp.Count(this=exp.Star()), "_n")).from_(orgs.table(marks_name), copy=False)
        base = self.finished(grouped.group_by(*(k.copy() for k in keys), copy=False), [*keys, _col("_n")],
                             {s.key: self.by_period(s) for s in self.slots if s.period != "recompute"})
        query = self.recompute(base, [s for s in self.slots if s.period == "recompute"], "_leaf")
        return self.cte("_lv", query)

    def finished(self, grouped: exp.Select, keys: list[exp.Column], aggs: dict[str, _Agg]) -> exp.Select:
        """``grouped`` computes the plain aggregates; the SELECT around it finishes them. MariaDB
        evaluates every function of an aggregating SELECT list once per group, even in a CASE
        branch not taken, so overflow checks and division must not stand next to SUM."""
        names: dict[str, list[exp.Expression]] = {}
        parts: list[exp.Expression] = []
        for key, agg in aggs.items():
            cols: list[exp.Expression] = []
            for i, part in enumerate(agg.parts):
                alias = f"_p{len(names)}_{i}"
                parts.append(_as(part, alias))
                cols.append(_col(alias, "_g"))
            names[key] = cols
        # One append: each builder call re-parents the whole SELECT list (quadratic in columns);
        # owned parts, so no deep copy.
        grouped = grouped.select(*parts, copy=False)
        out: list[exp.Expression] = [_col(k.name, "_g") for k in keys]
        for key, agg in aggs.items():
            out += [_as(e, alias) for alias, e in agg.finish(names[key])]
        return exp.select(*out).from_(_sub(grouped, "_g"), copy=False)

    def raw_sum(self, c: exp.Expression) -> exp.Expression:
        return call("formkit_sum", c) if self.d.name == "sqlite" else exp.Sum(this=self.n.normalize(c))

    def by_period(self, s: Slot) -> _Agg:
        c, mode = _col(s.column), s.period
        if mode == "avg" and s.org == "avg" and self.periods > 1:  # sum and count: no average of averages
            n = self.n

            def carry(cols: list[exp.Expression]) -> list[tuple[str, exp.Expression]]:
                total, count = n.fix(cols[0]), n.from_int(cols[1])
                return [(s.column, average(total.copy(), cols[1], self.d)), (f"{s.column}__s", total),
                        (f"{s.column}__c", count)]
            return _Agg([self.raw_sum(c), exp.Count(this=c.copy())], carry)
        if mode in ("first", "last", "requery"):
            return self.pick(c, "_first" if mode == "first" else "_last", s)
        if mode == "none" or (s.type is not Type.NUMBER and mode != "count"):
            return _Agg([], lambda cols: [(s.column, self.null(s.type))])
        return self.split(mode, c, s)

    def split(self, func: str, c: exp.Expression, s: Slot) -> _Agg:
        t = s.type if func in ("min", "max") else Type.NUMBER
        parts, finish = split_aggregate(func, c, t, self.d)
        return _Agg(parts, lambda cols: [(s.column, finish(cols))])

    def pick(self, c: exp.Expression, at: str, s: Slot) -> _Agg:
        """The value of the one row at position ``at`` (MAX over one candidate; booleans as 0/1,
        which PostgreSQL cannot take the MAX of)."""
        hit = exp.EQ(this=_col("_pos"), expression=_col(at))
        if s.type is Type.BOOLEAN:
            bit = case((c, num(1)), (exp.Not(this=p(c.copy())), num(0)))
            return _Agg([exp.Max(this=case((hit, bit)))],
                        lambda cols: [(s.column, exp.EQ(this=cols[0], expression=num(1)))])
        return _Agg([exp.Max(this=case((hit, c)))], lambda cols: [(s.column, cols[0])])

    def null(self, t: Type) -> exp.Expression:
        return exp.Cast(this=exp.Null(), to=self.d.type_of(t))

    # -- the org stage (per unit) --

    def org_stage(self, lv: str) -> exp.Select:
        complete = exp.Count(this=case((exp.EQ(this=_col("_n"), expression=num(self.periods)), num(1))))
        grouped = (exp.select(_col("_unit"), _as(complete, "_submitted")).from_(orgs.table(lv), copy=False)
                   .group_by(_col("_unit"), copy=False))
        rolled = [s for s in self.slots if s.org not in ("recompute", "requery")]
        agg = self.finished(grouped, [_col("_unit"), _col("_submitted")], {s.key: self.by_org(s) for s in rolled})
        units = self.names["_units"]
        base_cols: list[exp.Expression] = [_as(_col("unit", "u"), "_unit"), _col("_submitted", "a")]
        zero = self.n.literal(Decimal(0))
        base_cols += [_as(exp.Coalesce(this=_col(s.column, "a"), expressions=[zero.copy()]), s.column)
                      if s.org == "count" else _col(s.column, "a") for s in rolled]  # a count of nothing is 0
        base = (exp.select(*base_cols).from_(orgs.table(units, "u"), copy=False)
                .join(_sub(agg, "a"), on=exp.EQ(this=_col("_unit", "a"), expression=_col("unit", "u")),
                      join_type="left", copy=False))
        base = self.requery(base)
        return self.recompute(base, [s for s in self.slots if s.org == "recompute"], "_unit")

    def by_org(self, s: Slot) -> _Agg:
        c, mode = _col(s.column), s.org
        several, n = self.periods > 1, self.n
        if mode == "avg" and s.period == "avg" and several:
            return _Agg([self.raw_sum(_col(f"{s.column}__s")), self.raw_sum(_col(f"{s.column}__c"))],
                        lambda cols: [(s.column, self.mean(cols[0], cols[1]))])
        if mode == "count" and s.period == "count" and several:  # every leaf submission with a value
            zero = n.literal(Decimal(0))
            return _Agg([self.raw_sum(c)],
                        lambda cols: [(s.column, exp.Coalesce(this=n.fix(cols[0]), expressions=[zero.copy()]))])
        if mode == "none" or (s.type is not Type.NUMBER and mode != "count"):
            return _Agg([], lambda cols: [(s.column, self.null(s.type))])
        return self.split("sum" if mode in ADDITIVE else mode, c, s)

    def mean(self, total: exp.Expression, count: exp.Expression) -> exp.Expression:
        """A sum of values over a sum of counts (both summed as decimals): on DuckDB the count,
        a whole number, as an integer, so that the division needs none of its lambdas."""
        if self.d.name == "duckdb":
            return average(self.n.fix(total), exp.Cast(this=count, to=dtype("HUGEINT")), self.d)
        return self.n.div(self.n.fix(total), self.n.fix(count))

    def requery(self, base: exp.Select) -> exp.Select:
        """Pool-bound values evaluated again at the roll-up scope: the sibling's pre-fill, built
        for a copy of the template filled at the roll-up level (or at ``:org`` itself)."""
        wanted = [s for s in self.slots if s.org == "requery"]
        if not wanted:
            return base
        level = None if self.level is None else self.pool.org.levels[self.level - 1]
        model = self.t.model.model_copy(update={"level": level})
        pre = build_prefill(dataclasses.replace(self.t, model=model), self.d, all_units=self.level is not None)
        alias = {slot.key: value_alias(slot.key, i) for i, slot in enumerate(pool_slots(self.t), 1)}
        name = self.names["_req"]
        if self.level is None:
            base = base.join(_sub(pre, name), join_type="cross", copy=False)
        else:
            on = exp.EQ(this=_col("_unit", name), expression=_col("unit", "u"))
            base = base.join(_sub(pre, name), on=on, join_type="left", copy=False)
        return base.select(*(_as(_col(alias[s.key], name), s.column) for s in wanted), copy=False)

    # -- recompute, one subquery per dependency level --

    def recompute(self, base: exp.Select, slots: list[Slot], key: str) -> exp.Select:
        if not slots:
            return base
        by_key = {s.key: s for s in slots}
        depth: dict[str, int] = {}

        def level_of(s: Slot) -> int:
            if s.key not in depth:
                depth[s.key] = 1 + max((level_of(by_key[d]) for d in s.deps if d in by_key and d != s.key),
                                       default=0)
            return depth[s.key]

        tables = TableAggs(self, key)
        # one for every calc of the stage (renumbered per calc in formula): building one per calc
        # made a number type each time
        whole = WholeNumbers(self.d, self.whole(key)) if self.d.name == "duckdb" else None
        done = [_output_name(e) for e in base.expressions]
        query = tables.join(base, done, slots)
        done += tables.names()
        for lvl in range(1, max(level_of(s) for s in slots) + 1):
            alias = f"_r{lvl}"
            inner = _sub(query, alias)
            cols: list[exp.Expression] = [_col(n, alias) for n in done]
            for s in (s for s in slots if level_of(s) == lvl):
                cols.append(_as(self.formula(s, alias, tables, whole), s.column))
                done.append(s.column)
            query = exp.select(*cols).from_(inner, copy=False)
        return query

    def whole(self, key: str) -> set[str]:
        """The columns of a recompute stage that hold whole numbers: integer values summed,
        picked or compared on every axis so far (the leaf stage reads the stored values)."""
        def kept(s: Slot) -> bool:
            modes = [s.period] if key == "_leaf" else [s.org] + ([s.period] if self.periods > 1 else [])
            return s.type is Type.NUMBER and s.places == 0 and all(m in _WHOLE for m in modes)
        return {s.column for s in self.slots if kept(s)}

    def formula(self, s: Slot, alias: str, tables: TableAggs, whole: WholeNumbers | None) -> exp.Expression:
        assert s.calc is not None
        cells = self.lay.cells

        def refs(name: ast.Name) -> exp.Expression:
            r = name.ref
            if isinstance(r, ast.FieldRef):
                return _col(self.lay.fields[r.field].name, alias)
            if isinstance(r, ast.GridCellRef):
                return _col(cells[f"{r.grid}.{r.row}.{r.col}"].name, alias)
            if isinstance(r, ast.RowParamRef):
                return param_literal(s.row_params.get(r.name), name, self.d)
            raise ValueError(f"'{name.dotted}' cannot be recomputed at a roll-up scope")

        def aggs(node: ast.Aggregate) -> exp.Expression:
            ref = node.source.ref
            if isinstance(ref, ast.GridColumnRef):
                return grid_column(self.t, node.func, ref, lambda slot: _col(cells[slot].name, alias), self.d.name)
            return tables.column(node, alias)

        if whole is not None:  # DuckDB: divisions by whole sums without its slow-binding lambdas
            whole.names = itertools.count(1)  # helpers numbered per calc, as by a lowering of its own
            value = lower(s.calc, self.d, refs=refs, aggregates=aggs, arithmetic=whole)
        else:
            value = lower(s.calc, self.d, refs=refs, aggregates=aggs)
        return self.n.round(value, s.places) if s.places is not None and s.type is Type.NUMBER else value

    # -- coverage and the whole statement --

    def coverage(self, lv: str) -> str:
        """Per unit: the leaves expected and the missing ones (no submission in every source
        period). Grouped from one UNION ALL of the expected leaves and the leaves' rows, with
        no join: PostgreSQL estimates every CTE scan at one row, and a LEFT JOIN of the leaf
        list to the leaf values became a nested loop over both (seconds at 2,000 leaves)."""
        leaves = self.names["_leaves"]
        expected = exp.select(_as(_col("unit"), "_unit"), _as(_col("leaf"), "_leaf"), _as(num(0), "_done"))
        done = case((exp.EQ(this=_col("_n"), expression=num(self.periods)), num(1)), default=num(0))
        rows = exp.select(_col("_unit"), _col("_leaf"), _as(done, "_done")).from_(orgs.table(lv), copy=False)
        both = exp.Union(this=expected.from_(orgs.table(leaves), copy=False), expression=rows, distinct=False)
        per_leaf = (exp.select(_col("_unit"), _col("_leaf"), _as(exp.Max(this=_col("_done")), "_done"))
                    .from_(_sub(both, "_e"), copy=False).group_by(_col("_unit"), _col("_leaf"), copy=False))
        missing = exp.GroupConcat(this=case((exp.EQ(this=_col("_done"), expression=num(0)), _col("_leaf"))),
                                  separator=exp.Literal.string(MULTI_SEP))
        q = (exp.select(_col("_unit"), _as(exp.Count(this=exp.Star()), "_expected"), _as(missing, "_missing"))
             .from_(_sub(per_leaf, "_k"), copy=False).group_by(_col("_unit"), copy=False))
        return self.cte("_cover", q)

    def build(self) -> exp.Select:
        self.hierarchy()
        self.submissions()
        lv = self.period_stage()
        cover = self.coverage(lv)
        values = self.org_stage(lv)
        zero = num(0)
        cols = [_as(_col("_unit", "a"), "_unit"),
                _as(exp.Coalesce(this=_col("_expected", "c"), expressions=[zero]), "_expected"),
                _as(exp.Coalesce(this=_col("_submitted", "a"), expressions=[zero.copy()]), "_submitted"),
                _col("_missing", "c"), *(_col(s.column, "a") for s in self.slots)]
        q = (exp.select(*cols).from_(_sub(values, "a"), copy=False)
             .join(orgs.table(cover, "c"), on=exp.EQ(this=_col("_unit", "c"), expression=_col("_unit", "a")),
                   join_type="left", copy=False)
             .order_by(_col("_unit", "a"), copy=False))
        q.set("with_", exp.With(expressions=self.ctes))
        return q


def _output_name(e: exp.Expression) -> str:
    return e.alias_or_name


@dataclass(frozen=True)
class PeriodStage:
    """The period axis of a roll-up, per leaf, as CTEs to put before a statement of one's own:
    ``stage`` holds ``_unit``, ``_leaf``, ``_n`` (the periods the leaf submitted) and every slot
    column rolled over the periods by the template's rules; ``subs`` every submission read
    (``_unit``, ``_leaf``, ``_pos``, ``submission_id``, the slot columns)."""

    ctes: list[exp.CTE]
    stage: str
    subs: str


def period_stage(template: Template, dialect: str | Dialect, placeholders: Sequence[str], *,
                 versions: Sequence[Version] | None, prefix: str) -> PeriodStage:
    """The leaves under ``:org`` rolled over the periods named by ``placeholders`` (oldest
    first), by ``template``'s own period rules: what a coarser derived report reads of its
    source (SPEC §8.4). CTE names start with ``prefix``."""
    b = _Builder(template, dialect, None, len(placeholders), versions=versions, prefix=prefix,
                 placeholders=placeholders)
    b.hierarchy()
    b.submissions()
    stage = b.period_stage()
    return PeriodStage(b.ctes, stage, b.names["_subs"])


class Reader(Protocol):
    """Where a roll-up reads submissions that are not stored (a derived report's, SPEC §8.4):
    the template whose tables are read (its deployed versions are passed back), the relation
    shaped as a submissions table for the roll-up's period placeholders, a roster's rows, and
    any parameters of its own for the source periods."""

    source: Template

    def submissions(self, d: Dialect, versions: Sequence[Version] | None, periods: Sequence[exp.Expression],
                    alias: str) -> exp.Expression: ...

    def children(self, tid: str, d: Dialect, versions: Sequence[Version] | None, alias: str) -> exp.Expression: ...

    def params(self, periods: Sequence[Period]) -> dict[str, Any]: ...


def build_rollup(template: Template, dialect: str | Dialect, *, level: str | None = None,
                 periods: int = 1, versions: Sequence[Version] | None = None,
                 reader: Reader | None = None) -> exp.Select:
    """The roll-up statement of ``template``: a row per unit at ``level`` under ``:org`` (or
    ``:org`` itself when ``level`` is None) over ``periods`` source periods ``:period_1``…
    (chronological), with ``:period_start``/``:period_end`` the rolled-up period's first and
    last day. Columns: ``_unit``, ``_expected``, ``_submitted``, ``_missing`` (codes joined by
    U+001F), then every slot of :func:`rollup_slots` by its physical column name. ``versions``:
    the deployed versions whose submissions count too (:mod:`formkit.sql.rollup_sources`);
    None reads the template's own tables alone."""
    if periods < 1:
        raise ValueError("a roll-up reads at least one period")
    return _Builder(template, dialect, level, periods, versions=versions, reader=reader).build()


# -- running ---------------------------------------------------------------------------------------


def rollup(con: Any, template: Template, org: str, period: str, *, level: str | None = None,
           reader: Reader | None = None) -> list[dict[str, Any]]:
    """Roll ``template``'s submitted and approved submissions up to each unit at ``level`` under
    ``org`` (``org`` itself when None) for ``period`` (the template's kind, or a quarter/year
    made of its periods). One statement. Returns one dict per unit: template, version, org,
    period, level, values, grids, coverage (expected, submitted, missing)."""
    sources = source_periods(template, period)
    if template.pool is not None:
        require_tree(con, template.pool, template.sources)
    # a derived report reads its source's tables, under each of the source's deployed versions
    read = reader.source if reader is not None else template
    ensure_schema(con, read)
    target = parse_period(period)
    slots = rollup_slots(template)
    versions = deployed_versions(con, read)
    compiled = orgs.cached(template, ("rollup", con.dialect, level, len(sources), versions),
                           lambda: render(build_rollup(template, con.dialect, level=level, periods=len(sources),
                                                       versions=versions, reader=reader), con.dialect))
    params: dict[str, Any] = {f"period_{i}": s.text for i, s in enumerate(sources, 1)}
    if reader is not None:
        params |= reader.params(sources)
    params |= _period_bounds(template, target, con.dialect) | {orgs.ORG_PARAM: org}
    rows = orgs.run(con, compiled, params)
    if not rows and level is None and template.pool is not None:
        raise orgs.unknown_org(template.pool, org, template)
    if not rows and template.pool is not None:
        orgs.org_unit(con, template.pool, org, template=template)  # unknown code: a clear error
    return [_result(template, slots, r, period, level, dialect=con.dialect) for r in rows]


def _period_bounds(template: Template, target: Period, dialect: str) -> dict[str, Any]:
    """``period_start()``/``period_end()`` of the rolled-up period (``once``: today, as pre-fill)."""
    if target.start is None or target.end is None:
        return period_values(template, target.text, dialect)
    return {PERIOD_START: encode(target.start, Type.DATE, dialect), PERIOD_END: encode(target.end, Type.DATE, dialect)}


def _result(template: Template, slots: list[Slot], row: tuple[Any, ...], period: str, level: str | None, *,
            dialect: str) -> dict[str, Any]:
    unit, expected, submitted, missing, *values = row
    out_values: dict[str, Any] = {}
    grids: dict[str, dict[str, dict[str, Any]]] = {}
    for s, raw in zip(slots, values, strict=True):
        t = s.out_type(s.org)
        v = decode(raw, t, dialect)
        if s.key in template.fields:  # an average is not rounded to the field's places
            exact = t is not s.type or "avg" in (s.org, s.period)
            out_values[s.key] = _tidy(v) if exact else normalize(template, s.key, v)
        else:
            gid, rid, cid = s.key.split(".")
            grids.setdefault(gid, {}).setdefault(rid, {})[cid] = _tidy(v)
    gone = sorted(x for x in (missing or "").split(MULTI_SEP) if x)
    return {"template": template.id, "version": template.version, "org": str(unit), "period": period,
            "level": level, "values": out_values, "grids": grids,
            "coverage": {"expected": int(expected), "submitted": int(submitted), "missing": gone}}


def _tidy(v: Any) -> Any:
    return fn.tidy(v) if isinstance(v, Decimal) else v
