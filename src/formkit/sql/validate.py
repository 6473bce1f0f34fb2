"""Bulk validation: the checks of a template over its stored submissions, in ONE query.

(One submission is checked in Python before it is stored: formkit.runtime.record.)
:func:`build_validate` lowers every check of a
template — required, min, max, pattern, choices and the rules, per roster row where they
stand on a table — to ONE query over the stored submissions of an org subtree that returns
only the violations, in the places formeval reports them (field, 0-based row, column).

Where SQL and Python must differ (docs/storage.md): ``pattern`` needs a regex engine —
DuckDB ``regexp_full_match`` (RE2), PostgreSQL ``~`` on ``COLLATE "C"`` text, MariaDB
``REGEXP_INSTR`` (PCRE2), each given a regex written from the checked pattern's tree
(formkit.sql.regex), never the author's text; SQLite has no regex, so its pattern checks run
formkit's own matcher over a second, narrow query. A rule whose check overflows fails the query
(Python counts it as violated).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlglot import exp

from formkit.core.pattern import compile_pattern, fullmatch
from formkit.core.source import SourceSpan
from formkit.evaluation import functions as fn
from formkit.evaluation.formchecks import column_spec
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.ir import CExpr, ColumnIR
from formkit.meaning.template import Template
from formkit.sql import org as orgs
from formkit.sql.closure import require_tree
from formkit.sql.ddl import ident, table
from formkit.sql.engines import MULTI_SEP, dtype, get, render
from formkit.sql.expr import IntegerNames, collate, lower, lower_integer, param
from formkit.sql.names import Layout, layout
from formkit.sql.numbers import case, num, numbers, p
from formkit.sql.numbers import fn as call
from formkit.sql.prefill import period_values
from formkit.sql.regex import engine_regex
from formkit.sql.registry import ensure_schema
from formkit.sql.stored import grid_column, period_bounds, split_aggregate

__all__ = ["Violation", "build_validate", "validate"]


# -- stored submissions, in SQL ------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """One violated check of one stored submission, where formeval would report it."""

    submission_id: str
    org: str
    period: str
    rule: str
    field: str | None
    row: int | str | None
    col: str | None
    severity: str = "error"

    def __lt__(self, other: Violation) -> bool:
        return self.key() < other.key()

    def key(self) -> tuple[str, ...]:
        return (self.submission_id, self.rule, str(self.field), str(self.row), str(self.col))


OUT = ("submission_id", "org", "period", "rule", "severity", "field", "row", "col")
ROW = object()  # a place on the current roster row
Place = tuple[str | None, object, str | None]  # field, row (None, ROW or a grid row id), column


@dataclass(frozen=True)
class _Check:
    """One check: violated where ``cond`` holds (null: not violated), on the submission or on
    each row of the roster ``on_rows``; reported at ``place``."""

    rule: str
    severity: str
    place: Place
    cond: exp.Expr
    on_rows: str | None


def _source(q: exp.Select, scope: str, lay: Layout, on_rows: str | None) -> exp.Select:
    """``q`` reading the submissions in scope (``s``), joined to the rows of roster ``on_rows`` (``c``)."""
    q = q.from_(table(scope, "s"), copy=False)
    if on_rows is None:
        return q
    own = exp.EQ(this=exp.column(ident("submission_id"), "c"), expression=exp.column(ident("submission_id"), "s"))
    return q.join(table(lay.children[on_rows].table, "c"), on=own, copy=False)


class _Checks:
    """Builds the branches of the validation query; ``s`` is the submission, ``c`` a roster row."""

    def __init__(self, template: Template, dialect: str) -> None:
        self.t = template
        self.d = get(dialect)
        self.n = numbers(self.d)
        self.lay: Layout = layout(template)
        self.params: dict[str, str] = {}
        self.sqlite_patterns: list[tuple[str, str | None, str]] = []  # (field, column, pattern)
        self.scope = "_scope"
        self.listed = "_checks"  # the list of checks, one row each (build_validate)
        self.bounds = period_bounds(template.period, exp.column(ident("period"), "s"), self.d.name)
        # stored numbers are exact decimals (DECIMAL(38, 10)) everywhere but SQLite (decimal
        # text): there a stored number compares to an integer (an integer field, a literal, a
        # length) natively and exactly, without the casts to the language's number
        self.native = self.d.name != "sqlite"
        self.integers: IntegerNames | None = self.integer_name if self.native else None
        self.lowered: dict[tuple[Key, str | None], exp.Expression] = {}  # see lower()

    # names
    def refs(self, row_alias: str | None) -> Any:
        def lower_name(name: ast.Name) -> exp.Expression:
            return self.ref(name.ref, row_alias)
        return lower_name

    def ref(self, ref: ast.Ref | None, row_alias: str | None) -> exp.Expression:
        lay = self.lay
        if isinstance(ref, ast.FieldRef):
            return _column(lay.fields[ref.field].name, "s")
        if isinstance(ref, ast.GridCellRef):
            return _column(lay.cells[f"{ref.grid}.{ref.row}.{ref.col}"].name, "s")
        if isinstance(ref, ast.RowColumnRef | ast.TableColumnRef) and row_alias is not None:
            return _column(lay.children[ref.table].columns[ref.column].name, row_alias)
        raise ValueError(f"cannot read {ref} in a stored-submission check")

    def integer_name(self, name: ast.Name) -> bool:
        """Whether ``name`` reads the stored column of an ``integer`` field or roster column."""
        ref = name.ref
        if isinstance(ref, ast.FieldRef):
            return self.t.fields[ref.field].model.type == "integer"
        if isinstance(ref, ast.RowColumnRef | ast.TableColumnRef):
            return self.t.tables[ref.table].columns[ref.column].model.type == "integer"
        return False

    def lower(self, node: ast.Expr, row_alias: str | None) -> exp.Expression:
        """``node``'s SQL, lowered once per statement: many fields share a condition (the same
        ``visible``), and copying its tree costs a fraction of lowering it again."""
        key = (_key(node), row_alias)
        done = self.lowered.get(key)
        if done is None:
            done = self.lowered[key] = self.periodic(
                lower(node, self.d, refs=self.refs(row_alias), aggregates=self.aggregate, integers=self.integers))
        return done.copy()  # each check owns its tree; the cached one stays unattached

    def lower_integer(self, node: ast.Expr, row_alias: str | None) -> exp.Expression | None:
        """``node`` as a native integer when it is one and cannot fail (a field, a literal)."""
        if not self.native:
            return None
        out = lower_integer(node, self.d, refs=self.refs(row_alias), integers=self.integers)
        return None if out is None else self.periodic(out)

    def periodic(self, out: exp.Expression) -> exp.Expression:
        """``out`` (lowered for this call alone) reading each submission's own period."""
        bounds = self.bounds
        if bounds is None:
            return out

        def each_period(n: exp.Expression) -> exp.Expression:
            return bounds[n.name].copy() if isinstance(n, exp.Placeholder) and n.name in bounds else n

        return out.transform(each_period, copy=False)

    def aggregate(self, node: ast.Aggregate) -> exp.Expression:
        ref = node.source.ref
        if isinstance(ref, ast.GridColumnRef):
            return grid_column(self.t, node.func, ref, lambda slot: exp.column(ident(self.lay.cells[slot].name), "s"),
                               self.d.name)
        if not isinstance(ref, ast.TableRef | ast.TableColumnRef):
            raise ValueError(f"cannot aggregate {node.source.dotted} over a stored submission")
        child = self.lay.children[ref.table]
        arg = exp.column(ident(child.columns[ref.column].name), "a") if isinstance(ref, ast.TableColumnRef) else None
        t = child.columns[ref.column].type if isinstance(ref, ast.TableColumnRef) else Type.NUMBER
        if node.where is not None:
            arg = case((self.lower(node.where, "a"), arg if arg is not None else exp.Literal.number(1)))  # type: ignore[assignment]
        own = exp.EQ(this=exp.column(ident("submission_id"), "a"), expression=exp.column(ident("submission_id"), "s"))
        parts, finish = split_aggregate(node.func, arg, t if node.func in ("min", "max") else Type.NUMBER, self.d)
        # one correlated subquery per part, finished outside (see split_aggregate)
        subs = [exp.Subquery(this=exp.select(part).from_(table(child.table, "a")).where(own.copy())) for part in parts]
        return finish(subs)

    # -- the branches --

    def branches(self) -> list[_Check]:
        out: list[_Check] = []
        for fid, f in self.t.fields.items():
            out += self.value_checks(f, fid, None)
        for tid, t in self.t.tables.items():
            for cid, col in t.columns.items():
                out += self.value_checks(col, tid, cid)
        for r in self.t.rules:
            branch = self.rule(r)
            if branch is not None:
                out.append(branch)
        return out

    def select(self, rule: str, severity: str, place: Place, conds: list[exp.Expression],
               on_rows: str | None) -> _Check:
        """One check: violated where every one of ``conds`` holds (callers pass fresh or copied
        trees: the check owns them), reported in the place formeval reports it."""
        if not conds:
            return _Check(rule, severity, place, exp.true(), on_rows)
        cond = p(conds[0])
        for c in conds[1:]:  # what exp.and_ builds, without its parsing machinery (a hot spot)
            cond = exp.And(this=cond, expression=p(c))
        return _Check(rule, severity, place, cond, on_rows)

    def branch(self, check: _Check) -> exp.Select:
        """The violations of one check on their own (the row as text: a roster's 0-based row
        index, or a grid's row id)."""
        field, row, col = check.place
        text = self.d.type_of(Type.TEXT)

        def lit(x: str | None) -> exp.Expression:
            return exp.Literal.string(x) if x is not None else exp.Cast(this=exp.Null(), to=text.copy())

        row_sql = (exp.Cast(this=exp.Sub(this=exp.column(ident("row_no"), "c"), expression=exp.Literal.number(1)),
                            to=text.copy()) if row is ROW else lit(row if isinstance(row, str) else None))
        cols: list[exp.Expression] = [exp.column(ident(c), "s") for c in ("submission_id", "org", "period")]
        cols += [exp.Alias(this=e, alias=ident(n)) for e, n in
                 ((lit(check.rule), "rule"), (lit(check.severity), "severity"), (lit(field), "field"),
                  (row_sql, "row"), (lit(col), "col"))]
        return _source(exp.select(*cols), self.scope, self.lay, check.on_rows).where(check.cond, copy=False)

    def condition(self, c: CExpr | None, row: str | None, default: bool) -> exp.Expression | None:
        """A ``visible``/``required`` condition (null counts as false); None when always true."""
        if c is None:
            return None if default else exp.false()
        if c.node is None:
            return None if c.const is True else exp.false()
        return self.lower(c.node, row)

    def value_checks(self, col: ColumnIR, field: str, column: str | None) -> list[_Check]:
        """required, min, max, pattern and choices of one field (or roster column)."""
        row = "c" if column is not None else None
        cell = self.ref(ast.RowColumnRef(field, column) if column is not None else ast.FieldRef(field), row)
        place: Place = (field, ROW if column is not None else None, column)
        visible = self.condition(col.visible, row, True)

        def shown() -> list[exp.Expression]:  # a copy per branch: select() takes what it is given
            return [visible.copy()] if visible is not None else []

        table_id = field if column is not None else None
        out = []
        required = self.condition(col.required, row, False)
        if not (isinstance(required, exp.Boolean) and not required.this):
            null = exp.Is(this=_fresh(cell), expression=exp.Null())
            conds = [*shown(), *([required] if required else []), null]
            out.append(self.select("required", "error", place, conds, table_id))

        def has() -> exp.Expression:
            return exp.Not(this=exp.Is(this=_fresh(cell), expression=exp.Null()))

        for rule, bound in (("min", col.min), ("max", col.max)):
            test = self.bound(rule, cell, bound, col.type, row)
            if test is not None:
                out.append(self.select(rule, "error", place, [*shown(), has(), test], table_id))
        spec = column_spec(self.t, col)
        if spec.pattern is not None and col.type is Type.TEXT:
            test = self.pattern(cell, spec.pattern, field, column)
            if test is not None:
                out.append(self.select("pattern", "error", place, [*shown(), has(), test], table_id))
        if spec.choices is not None and col.type in (Type.TEXT, Type.MULTI):
            out.append(self.select("choices", "error", place, [*shown(), has(), self.choices(cell, spec.choices,
                                                                                                  col.type)], table_id))
        return out

    def bound(self, rule: str, cell: exp.Expression, c: CExpr | None, t: Type,
              row: str | None) -> exp.Expression | None:
        """``cell < min`` / ``cell > max`` (null bound: no check), for numbers and dates."""
        if c is None or t not in (Type.NUMBER, Type.DATE):
            return None
        op = exp.LT if rule == "min" else exp.GT
        if c.node is not None:
            native = self.lower_integer(c.node, row) if t is Type.NUMBER else None
            if native is not None:  # no casts: see __init__
                return op(this=_fresh(cell), expression=p(native))
            limit = self.lower(c.node, row)
        else:
            try:
                value = fn.to_value(c.const, t)
            except TypeError:
                return None
            if value is None:
                return None
            if self.native and isinstance(value, Decimal) and value == value.to_integral_value() and abs(value) < 2**63:
                return op(this=_fresh(cell), expression=num(int(value)))  # no casts: see __init__
            limit = self.n.literal(value) if isinstance(value, Decimal) else _date(value, self.d.name)
        if t is Type.NUMBER:
            return self.n.compare(op, self.n.normalize(_fresh(cell)), limit)
        return op(this=_fresh(cell), expression=limit)

    def pattern(self, cell: exp.Expression, pattern: str, field: str, column: str | None) -> exp.Expression | None:
        """The whole text matches: each engine's regex, written from the checked pattern (a bound
        parameter); SQLite: formkit's matcher, in Python."""
        name = f"pattern_{len(self.params)}"
        d = self.d.name
        if d == "sqlite":
            self.sqlite_patterns.append((field, column, pattern))
            return None
        ph = exp.Placeholder(this=name)
        self.params[name] = engine_regex(compile_pattern(pattern).tree, d)
        if d == "duckdb":
            return exp.Not(this=call("regexp_full_match", _fresh(cell), ph))
        if d == "postgres":
            return exp.Not(this=exp.RegexpLike(this=collate(_fresh(cell), Type.TEXT, self.d), expression=ph))
        # MariaDB: no REGEXP_LIKE
        return exp.EQ(this=call("REGEXP_INSTR", _fresh(cell), ph), expression=exp.Literal.number(0))

    def choices(self, cell: exp.Expression, keys: frozenset[str], t: Type) -> exp.Expression:
        ordered = sorted(keys)
        if t is Type.TEXT:
            return exp.Not(this=exp.In(this=collate(_fresh(cell), Type.TEXT, self.d),
                                       expressions=[exp.Literal.string(k) for k in ordered]))
        # multichoice '\x1fa\x1fb\x1f': remove every allowed key (twice: neighbours share a
        # separator); anything left but the separator is a key that is not a choice
        sep = exp.Literal.string(MULTI_SEP)
        rest: exp.Expression = _fresh(cell)
        for k in ordered:
            for _ in range(2):
                rest = call("REPLACE", rest, exp.Literal.string(MULTI_SEP + k + MULTI_SEP), sep.copy())
        return exp.NEQ(this=collate(rest, Type.TEXT, self.d), expression=sep.copy())

    def rule(self, r: Any) -> _Check | None:
        check = r.check
        if check.node is None:
            if check.const is not False:
                return None
            violated: exp.Expression = exp.true()
        else:
            violated = exp.Not(this=exp.Coalesce(this=self.lower(check.node, "c" if r.table else None),
                                                 expressions=[exp.true()]))
        place = _rule_place(self.t, list(r.model.fields), r.table)
        return self.select(r.model.id, r.model.severity, place, [violated], r.table)


Key = tuple[Any, ...]


def _fresh(e: exp.Expression) -> exp.Expression:
    """A copy of ``e``, which every check of a field reads: a plain column (the usual cell) is
    built directly, at half the cost of the generic deep copy."""
    if type(e) is exp.Column and e.args.keys() == {"this", "table"} and type(e.this) is exp.Identifier:
        return _column(e.this.this, e.args["table"].this)
    return e.copy()


def _column(name: str, alias: str) -> exp.Column:
    """``alias."name"`` built directly (exp.column() parses and copies: a hot spot at 1,000 fields)."""
    return exp.Column(this=exp.Identifier(this=name, quoted=True), table=exp.Identifier(this=alias, quoted=False))


def _key(node: ast.Expr) -> Key:
    """A structural key of a checked expression: equal keys, equal SQL (names by what they
    resolved to; spans left out)."""
    if isinstance(node, ast.Name):
        return ("name", node.ref, node.type)
    attrs = tuple((f.name, repr(getattr(node, f.name))) for f in dataclasses.fields(node)
                  if not isinstance(getattr(node, f.name), ast.Expr | tuple | SourceSpan | None))
    return (type(node).__name__, attrs, tuple(_key(c) for c in ast.children(node)))


def _date(value: Any, dialect: str) -> exp.Expression:
    text = exp.Literal.string(value.isoformat())
    return text if dialect == "sqlite" else exp.Cast(this=text, to=dtype("DATE"))


def _rule_place(template: Template, fields: list[str], table_id: str | None) -> Place:
    """Where formeval reports a rule (as formchecks does): (field, row, column)."""
    row = ROW if table_id is not None else None
    if not fields:
        return (table_id, row, None)
    parts = fields[0].split(".")
    if len(parts) == 2 and parts[0] in template.tables:
        return (parts[0], row if parts[0] == table_id else None, parts[1])
    if len(parts) == 3 and parts[0] in template.grids:
        return (parts[0], parts[1], parts[2])
    if table_id is not None and parts[0] in template.tables[table_id].columns:
        return (table_id, row, parts[0])
    return (fields[0], None, None)


# -- the statement and its runner -------------------------------------------------------------------


def build_validate(template: Template, dialect: str, *, period: bool = False) -> tuple[exp.Expression, dict[str, str]]:
    """ONE query over the stored submissions of the subtree of ``:org`` (and of ``:period``
    when ``period``) returning only violations: submission_id, org, period, rule, severity,
    field, row (text: a roster row index or a grid row id), col. Returns the query and the
    parameters it carries besides ``org``/``period`` (regex patterns: author text is never
    pasted into SQL). None of the template's checks, no rows: an empty query.

    One scan per source (the submissions, each roster's rows) rather than one per check: a
    template of 1,000 fields has some 700 checks, and a UNION of 700 scans is 0.5 MB of SQL that
    takes seconds to build and runs 700 scans. Each scan evaluates every check of its source
    once into a string of flags ('1': violated), joined to the list of checks (``_checks``: the
    source, the check's flag position and where it is reported) on its flag."""
    c, with_ = _scoped(template, dialect, period)
    checks = c.branches()
    if not checks:  # nothing to check: the same columns, no rows
        query = exp.select("*").from_(exp.Subquery(this=c.branch(
            c.select("none", "error", (None, None, None), [exp.false()], None)), alias=exp.TableAlias(this=ident("v"))))
        query.set("with_", with_)
        return query, c.params
    sources: dict[str | None, list[_Check]] = {}
    for check in checks:
        sources.setdefault(check.on_rows, []).append(check)
    listed = c.listed
    rows: list[exp.Expression] = []
    scans: list[exp.Select] = []
    for g, (on_rows, group) in enumerate(sources.items()):
        rows += [_listed(g, n, check) for n, check in enumerate(group, 1)]
        scans.append(_scan(c, g, on_rows, group, listed))
    columns = [ident(n) for n in ("g", "n", "rule", "severity", "field", "row", "col", "at_row")]
    with_.append("expressions", exp.CTE(this=exp.Values(expressions=rows),
                                        alias=exp.TableAlias(this=ident(listed), columns=columns)))
    union: exp.Expression = scans[0]
    for b in scans[1:]:
        union = exp.Union(this=union, expression=b, distinct=False)
    query = exp.select("*").from_(exp.Subquery(this=union, alias=exp.TableAlias(this=ident("v"))))
    query.set("with_", with_)
    return query, c.params


_FLAGS_PER_PAREN = 64  # SQLite's parser nests a || chain one level per operand (limit 1000)


def _listed(g: int, n: int, check: _Check) -> exp.Tuple:
    """The row of ``_checks`` for one check (texts typed where they are read)."""
    field, row, col = check.place

    def lit(x: object) -> exp.Expression:
        return exp.Literal.string(x) if isinstance(x, str) else exp.Null()

    return exp.Tuple(expressions=[num(g), num(n), lit(check.rule), lit(check.severity),
                                  lit(field), lit(row), lit(col), num(int(row is ROW))])


def _scan(c: _Checks, g: int, on_rows: str | None, group: list[_Check], listed: str) -> exp.Select:
    """The violations of the checks of one source: one flag per check, '1' where it is violated."""
    flags = [exp.Case(ifs=[exp.If(this=check.cond, true=exp.Literal(this="1", is_string=True))],
                      default=exp.Literal(this="0", is_string=True)) for check in group]
    chunks: list[exp.Expression] = [exp.Paren(this=exp.Concat(expressions=flags[i:i + _FLAGS_PER_PAREN]))
                                    if len(flags) > 1 else flags[0] for i in range(0, len(flags), _FLAGS_PER_PAREN)]
    while len(chunks) > 1:
        chunks = [exp.Paren(this=exp.Concat(expressions=chunks[i:i + _FLAGS_PER_PAREN]))
                  for i in range(0, len(chunks), _FLAGS_PER_PAREN)]
    cols: list[exp.Expression] = [exp.column(ident(n), "s") for n in ("submission_id", "org", "period")]
    if on_rows is not None:
        cols.append(exp.column(ident("row_no"), "c"))
    inner = _source(exp.select(*cols, exp.Alias(this=chunks[0], alias=ident("flags"))), c.scope, c.lay, on_rows)
    text = c.d.type_of(Type.TEXT)

    def k(name: str) -> exp.Expression:
        return exp.column(ident(name), "k")

    def as_text(e: exp.Expression) -> exp.Expression:
        return exp.Cast(this=e, to=text.copy())

    row: exp.Expression = as_text(k("row"))
    if on_rows is not None:
        at_row = as_text(exp.Sub(this=exp.column(ident("row_no"), "f"), expression=exp.Literal.number(1)))
        row = exp.Case(ifs=[exp.If(this=exp.EQ(this=k("at_row"), expression=exp.Literal.number(1)), true=at_row)],
                       default=row)
    out: list[exp.Expression] = [exp.column(ident(n), "f") for n in ("submission_id", "org", "period")]
    out += [exp.Alias(this=as_text(k(n)), alias=ident(n)) for n in ("rule", "severity", "field")]
    out += [exp.Alias(this=row, alias=ident("row")), exp.Alias(this=as_text(k("col")), alias=ident("col"))]
    flag = exp.Substring(this=exp.column(ident("flags"), "f"), start=k("n"), length=exp.Literal.number(1))
    on = exp.and_(exp.EQ(this=k("g"), expression=exp.Literal.number(g)),
                  exp.EQ(this=flag, expression=exp.Literal.string("1")), copy=False)
    return (exp.select(*out).from_(exp.Subquery(this=inner, alias=exp.TableAlias(this=ident("f"))), copy=False)
            .join(table(listed, "k"), on=on, copy=False))


def _scoped(template: Template, dialect: str, period: bool) -> tuple[_Checks, exp.With]:
    """The branch builder and the CTEs every branch reads: the org subtree of ``:org`` and the
    submissions in it (``_scope``)."""
    if template.pool is None:
        raise ValueError(f"'{template.id}' has no pool: there is no org hierarchy to scope the validation by")
    c = _Checks(template, dialect)
    names = orgs.pool_names(template.pool)
    tree = orgs.fresh("_tree", names)
    c.scope = orgs.fresh("_scope", names)
    c.listed = orgs.fresh("_checks", names)
    cond: exp.Expr = exp.In(this=exp.column(ident("org"), "s"), query=exp.Subquery(
        this=exp.select(exp.column(ident("code"), tree)).from_(table(tree))))
    if period:
        cond = exp.and_(cond, exp.EQ(this=exp.column(ident("period"), "s"), expression=param("period", Type.TEXT, c.d)))
    scope = exp.select(exp.Column(this=exp.Star(), table=ident("s"))).from_(table(c.lay.table, "s")).where(cond)
    ctes = [orgs.scope_cte(template.pool, tree, timeless=not period),
            exp.CTE(this=scope, alias=exp.TableAlias(this=ident(c.scope)))]
    return c, exp.With(expressions=ctes)


def validate(con: Any, template: Template, org: str, *, period: str | None = None) -> list[Violation]:
    """Every violated check of the stored submissions (all states) of ``org``'s subtree, and of
    ``period`` when given; sorted. One query (SQLite: a second one for ``pattern``). A derived
    report stores nothing to validate: its rules hold on what it reads, checked as its form is
    built, and its source's submissions are validated as the source's."""
    if template.derived:
        return []
    ensure_schema(con, template)
    if period is not None:
        template.period_of(period)
    d = con.dialect
    if template.pool is not None:
        require_tree(con, template.pool, template.sources)
    tree, extra = orgs.cached(template, ("validate", d, period is not None),
                              lambda: _compiled(template, d, period is not None))
    params: dict[str, Any] = {orgs.ORG_PARAM: org, **extra} | (
        {"period": period, **orgs.period_end(template, period, con)} if period is not None else {})
    if template.period == "once":  # period_start()/period_end() of a once form: today
        params |= period_values(template, "once", d)
    found = [_violation(r) for r in orgs.run(con, tree, params)]
    if d == "sqlite":
        found += _python_patterns(con, template, params)
    return sorted(found)


def _compiled(template: Template, dialect: str, period: bool) -> tuple[Any, dict[str, str]]:
    query, params = build_validate(template, dialect, period=period)
    return render(query, dialect), params


def _violation(r: tuple[Any, ...]) -> Violation:
    sid, org, period, rule, severity, field, row, col = r
    at = int(row) if isinstance(row, str) and row.isdigit() else row
    return Violation(str(sid), str(org), str(period), str(rule), field, at, col, str(severity))


def _python_patterns(con: Any, template: Template, params: dict[str, Any]) -> list[Violation]:
    """SQLite has no regex: one more query fetches the non-null values of every pattern field
    (with the pattern's index), and Python matches them."""
    c, with_ = _scoped(template, "sqlite", "period" in params)
    c.branches()
    if not c.sqlite_patterns:
        return []
    branches = []
    for i, (field, column, _) in enumerate(c.sqlite_patterns):
        row = "c" if column is not None else None
        cell = c.ref(ast.RowColumnRef(field, column) if column is not None else ast.FieldRef(field), row)
        col_ir = template.tables[field].columns[column] if column is not None else template.fields[field]
        shown = c.condition(col_ir.visible, row, True)
        conds = [exp.Not(this=exp.Is(this=cell.copy(), expression=exp.Null())), *([shown] if shown is not None else [])]
        branch = c.branch(c.select("pattern", "error", (field, ROW if column is not None else None, column),
                                   conds, field if column is not None else None))
        branches.append(branch.select(exp.alias_(cell, "_value", quoted=True),
                                      exp.alias_(exp.Literal.number(i), "_i", quoted=True)))
    union: exp.Expression = branches[0]
    for b in branches[1:]:
        union = exp.Union(this=union, expression=b, distinct=False)
    query = exp.select("*").from_(exp.Subquery(this=union, alias=exp.TableAlias(this=ident("v"))))
    query.set("with_", with_)
    return [_violation(r[:-2]) for r in con.query(query, params)
            if not fullmatch(c.sqlite_patterns[int(r[-1])][2], r[-2])]


