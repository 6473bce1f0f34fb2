"""Stored submissions in SQL: the pieces roll-up and bulk validation both build their statements from.

- :func:`split_aggregate`: an aggregate in two steps (MariaDB evaluates every function of an
  aggregating SELECT list once per group, even a CASE branch not taken);
- :func:`grid_column`: ``sum(elderly.male)`` over the cells of one stored row;
- :func:`period_bounds`: ``period_start()``/``period_end()`` of each stored submission,
  computed from its period text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from sqlglot import exp

from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql.engines import Dialect, dtype, get
from formkit.sql.expr import PERIOD_END, PERIOD_START, aggregate
from formkit.sql.numbers import TEN10, DuckDBNumbers, case, num, numbers, p, simple
from formkit.sql.numbers import fn as call

__all__ = ["Finish", "WholeNumbers", "average", "grid_column", "period_bounds", "split_aggregate"]


def grid_column(template: Template, func: str, ref: ast.GridColumnRef, cell: Any, dialect: str) -> exp.Expression:
    """``sum(elderly.male)``: an aggregate over the non-total cells of one grid column of the
    same row, with the language's null rules (nulls skipped; count of nothing 0, else null)."""
    d = get(dialect)
    n = numbers(d)
    g = template.grids[ref.grid]
    cells = [cell(f"{ref.grid}.{r.id}.{ref.col}") for r in g.model.grid_rows if r.id not in g.total_rows]
    count = n.from_int(_plus([case((exp.Is(this=p(c.copy()), expression=exp.Null()), exp.Literal.number(0)),
                                   default=exp.Literal.number(1)) for c in cells]))
    if func == "count":
        return count
    all_null: exp.Expression = exp.Is(this=p(cells[0].copy()), expression=exp.Null())
    for c in cells[1:]:
        all_null = exp.And(this=all_null, expression=exp.Is(this=p(c.copy()), expression=exp.Null()))
    if func in ("min", "max"):
        # every argument non-null unless all are: each cell, else the first non-null other one
        args = [call("COALESCE", c.copy(), *(o.copy() for o in cells if o is not c)) if len(cells) > 1 else c.copy()
                for c in cells]
        return n.extreme(func, [n.normalize(a) for a in args])
    zero = n.literal(Decimal(0))
    # the final sum checked once, as the aggregate sum (a running total may pass 10^28)
    total: exp.Expression = n.total([n.normalize(call("COALESCE", c.copy(), zero.copy())) for c in cells])
    total = case((all_null, exp.Null()), default=total)
    return total if func == "sum" else n.div(total, count)


Finish = Callable[[Sequence[exp.Expression]], exp.Expression]


def split_aggregate(func: str, arg: exp.Expression | None, t: Type, dialect: str | Any
                    ) -> tuple[list[exp.Expression], Finish]:
    """:func:`formkit.sql.expr.aggregate` in two steps: the plain aggregates an aggregating
    SELECT may compute, and a function finishing them outside it. MariaDB evaluates every
    function of an aggregating SELECT list once per group, even the overflow branch of a CASE
    not taken, so the overflow check and the division of ``sum``/``avg`` must come after."""
    d = get(dialect)
    n = numbers(d)
    if func not in ("sum", "avg") or arg is None:
        return [aggregate(func, arg, t, d)], lambda cols: cols[0]
    sums = [call("formkit_sum", arg)] if d.name == "sqlite" else n.exact_sum(arg)
    k = len(sums)
    parts: list[exp.Expression] = sums + ([exp.Count(this=arg.copy())] if func == "avg" else [])

    def finish(cols: Sequence[exp.Expression]) -> exp.Expression:
        s = cols[0] if d.name == "sqlite" else n.sum_value(cols[:k])  # formkit_sum checks its own
        return s if func == "sum" else average(s, cols[k], d)

    return parts, finish


def average(total: exp.Expression, count: exp.Expression, d: Dialect) -> exp.Expression:
    """``total / count`` rounded to 10 places, ``count`` a native integer. On DuckDB, when both
    are simple (columns of a grouped subquery), the long division is written out on ``HUGEINT``
    without the general division's lambdas: DuckDB binds each of those lambdas slowly (≈ 8 ms a
    division, most of a roll-up's time)."""
    n = numbers(d)
    # a finished sum (numbers.Numbers.sum_value: a CASE over the grouped columns) is cheap to
    # repeat too; one binding a subquery or a lambda is not
    repeatable = simple(total) or not any(isinstance(x, exp.Subquery | exp.Lambda) for x in total.walk())
    if d.name != "duckdb" or not (repeatable and simple(count)):
        return n.div(total, n.from_int(count))
    return _by_integer(total, count, signed=False)


def _by_integer(total: exp.Expression, divisor: exp.Expression, *, signed: bool) -> exp.Expression:
    """DuckDB: ``total`` (a DECIMAL(38, 10)) divided by the integer ``divisor``, rounded half
    away from zero at 10 places, as :meth:`formkit.sql.numbers.Numbers.div`: x = |total|·10^10
    is an exact HUGEINT below 10^38, and round(x / |divisor|) needs nothing wider (a remainder
    is below the divisor). Both are simple, so repeating them costs less than binding them."""
    magnitude = call("ABS", total.copy())
    y = call("ABS", divisor.copy()) if signed else divisor.copy()
    x = exp.Add(this=exp.Mul(this=exp.Cast(this=call("TRUNC", magnitude), to=dtype("HUGEINT")), expression=num(TEN10)),
                expression=exp.Cast(this=exp.Mul(this=p(exp.Mod(this=magnitude.copy(), expression=num(1))),
                                                 expression=num(TEN10)), to=dtype("HUGEINT")))
    rem = exp.Mod(this=p(x.copy()), expression=y.copy())
    up = case((exp.GTE(this=p(rem), expression=exp.Sub(this=y.copy(), expression=p(rem.copy()))), num(1)),
              default=num(0))
    whole = exp.Add(this=p(exp.IntDiv(this=p(x), expression=y.copy())), expression=up)
    sign: exp.Expression = call("SIGN", total.copy())
    if signed:
        sign = exp.Mul(this=sign, expression=call("SIGN", divisor.copy()))
    exact = exp.Cast(this=exp.Mul(this=sign, expression=p(whole)), to=dtype("DECIMAL(38, 0)"))
    quotient = exp.Mul(this=exact, expression=exp.Cast(this=num("0.0000000001"), to=dtype("DECIMAL(10, 10)")))
    return case((exp.EQ(this=p(divisor.copy()), expression=num(0)), exp.Null()), default=quotient)


class WholeNumbers(DuckDBNumbers):
    """DuckDB numbers for a roll-up's recomputed calcs, where the caller knows which columns
    hold whole numbers (sums of integer fields): a division by one of them, and a product with
    an integer literal, are written without the general lambdas (each costs DuckDB ≈ 8 ms to
    bind, several times what the roll-up itself takes). Same values, same overflow errors."""

    def __init__(self, dialect: Dialect, whole: set[str]) -> None:
        super().__init__(dialect)
        self.whole = whole

    def _integer(self, e: exp.Expression) -> exp.Expression | None:
        """The column under ``CAST(column AS DECIMAL(38, 10))`` as a HUGEINT, when it is whole."""
        if isinstance(e, exp.Cast) and isinstance(e.this, exp.Column) and e.this.name in self.whole:
            return exp.Cast(this=e.this.copy(), to=dtype("HUGEINT"))
        return None

    def div(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        y = self._integer(b)
        if y is None or not simple(a):
            return super().div(a, b)
        return _by_integer(a, y, signed=True)

    def mul(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        # x·k for an integer literal k is the general product's first term, x·trunc(k); the
        # other two (trunc(x)·frac(k), frac(x)·frac(k)) are zero
        for x, k in ((a, b), (b, a)):
            literal = k.this if isinstance(k, exp.Cast) else k
            if isinstance(literal, exp.Literal) and not literal.is_string and literal.this.lstrip("-").isdigit() \
                    and len(literal.this) < 19:
                return exp.Mul(this=p(x), expression=exp.Cast(this=literal.copy(), to=dtype("DECIMAL(38, 0)")))
        return super().mul(a, b)


def _plus(terms: list[exp.Expression]) -> exp.Expression:
    out = terms[0]
    for t in terms[1:]:
        out = exp.Add(this=out, expression=t)
    return out


def period_bounds(kind: str, period: exp.Expression, dialect: str) -> dict[str, exp.Expression] | None:
    """``period_start()``/``period_end()`` of each stored submission, computed from its period
    text (``2026-02`` → 2026-02-01 … 2026-02-28); None for ``once`` (bound as parameters)."""
    if kind == "once":
        return None

    def sub(start: int, length: int) -> exp.Expression:
        return call("SUBSTR", period.copy(), exp.Literal.number(start), exp.Literal.number(length))

    def cat(*parts: exp.Expression | str) -> exp.Expression:
        xs = [exp.Literal.string(x) if isinstance(x, str) else x for x in parts]
        if dialect == "mysql":
            return call("CONCAT", *xs)
        out = xs[0]
        for x in xs[1:]:
            out = exp.DPipe(this=out, expression=x, safe=False)
        return out

    def pick(key: exp.Expression, table: dict[str, exp.Expression | str], default: str) -> exp.Expression:
        ifs = [exp.If(this=exp.Literal.string(k), true=exp.Literal.string(v) if isinstance(v, str) else v)
               for k, v in table.items()]
        return exp.Case(this=key, ifs=ifs, default=exp.Literal.string(default))

    year = sub(1, 4)
    if kind == "yearly":
        start, end = cat(year, "-01-01"), cat(year.copy(), "-12-31")
    elif kind == "quarterly":
        start = cat(year, pick(sub(6, 1), {"2": "-04-01", "3": "-07-01", "4": "-10-01"}, "-01-01"))
        end = cat(year.copy(), pick(sub(6, 1), {"1": "-03-31", "2": "-06-30", "3": "-09-30"}, "-12-31"))
    elif kind == "monthly":
        y = exp.Cast(this=year.copy(), to=exp.DataType.build("INT"))
        zero = exp.Literal.number(0)
        leap = exp.and_(exp.EQ(this=exp.Mod(this=y, expression=exp.Literal.number(4)), expression=zero),
                        exp.or_(exp.NEQ(this=exp.Mod(this=y.copy(), expression=exp.Literal.number(100)),
                                        expression=exp.Literal.number(0)),
                                exp.EQ(this=exp.Mod(this=y.copy(), expression=exp.Literal.number(400)),
                                       expression=exp.Literal.number(0))))
        february = exp.Case(ifs=[exp.If(this=leap, true=exp.Literal.string("29"))], default=exp.Literal.string("28"))
        days = pick(sub(6, 2), {"02": february, "04": "30", "06": "30", "09": "30", "11": "30"}, "31")
        start, end = cat(period.copy(), "-01"), cat(period.copy(), "-", days)
    else:
        return _week_bounds(sub, cat, dialect)
    return {PERIOD_START: _as_date(start, dialect), PERIOD_END: _as_date(end, dialect)}


def _week_bounds(sub: Any, cat: Any, dialect: str) -> dict[str, exp.Expression]:
    """ISO week ``YYYYWnn``: its Monday is the Monday of the week holding 4 January, plus
    (n - 1) weeks; its Sunday six days later."""
    jan4 = _as_date(cat(sub(1, 4), "-01-04"), dialect)
    week = exp.Cast(this=sub(6, 2), to=exp.DataType.build("INT"))
    back = exp.Sub(this=exp.Literal.number(1), expression=p(_isodow(jan4, dialect)))
    offset = exp.Add(this=p(back), expression=p(exp.Mul(this=p(exp.Sub(this=week, expression=exp.Literal.number(1))),
                                                        expression=exp.Literal.number(7))))
    start = _add_days(jan4.copy(), offset, dialect)
    return {PERIOD_START: start, PERIOD_END: _add_days(start.copy(), exp.Literal.number(6), dialect)}


def _as_date(text: exp.Expression, dialect: str) -> exp.Expression:
    return text if dialect == "sqlite" else exp.Cast(this=text, to=exp.DataType.build("DATE"))


def _isodow(d: exp.Expression, dialect: str) -> exp.Expression:
    """Monday 1 … Sunday 7."""
    if dialect == "duckdb":
        return call("ISODOW", d)
    if dialect == "postgres":
        return exp.Cast(this=exp.Extract(this=exp.var("ISODOW"), expression=d), to=exp.DataType.build("INT"))
    if dialect == "mysql":
        return exp.Add(this=call("WEEKDAY", d), expression=exp.Literal.number(1))
    w = exp.Cast(this=call("STRFTIME", exp.Literal.string("%w"), d), to=exp.DataType.build("INTEGER"))
    return exp.Add(this=exp.Mod(this=p(exp.Add(this=w, expression=exp.Literal.number(6))),
                                expression=exp.Literal.number(7)), expression=exp.Literal.number(1))


def _add_days(d: exp.Expression, n: exp.Expression, dialect: str) -> exp.Expression:
    if dialect == "mysql":
        return exp.DateAdd(this=d, expression=n, unit=exp.var("DAY"))
    if dialect == "sqlite":
        return call("DATE", d, exp.DPipe(this=exp.Cast(this=n, to=exp.DataType.build("TEXT")),
                                         expression=exp.Literal.string(" days"), safe=False))
    return exp.Add(this=d, expression=exp.Cast(this=p(n), to=exp.DataType.build("INT")))
