"""Numbers in SQL: SPEC §3's exact decimals (28 + 10 digits) in each engine's native SQL.

One class per engine; each turns the language's number operations into sqlglot trees.
docs/semantics.md explains every formula; the differential tests prove them against Python.

- PostgreSQL: ``NUMERIC`` is exact and unbounded; a cast to ``NUMERIC(38, 10)`` rounds half away
  from zero and fails past 28 digits. Division runs at 60 places, then rounds to 10.
- DuckDB: ``DECIMAL(38, 10)`` fails past 28 digits, but ``DECIMAL * DECIMAL`` adds the scales
  (only 18 integer digits left) and ``DECIMAL / DECIMAL`` is a DOUBLE. Products are split into
  whole and fractional parts; quotients are exact long division on ``HUGEINT``.
- MariaDB: ``DECIMAL`` is exact to 65 digits, but a cast past the limit clamps with a warning,
  so every result is checked and an overflow raised (``EXP(1000)`` fails with error 1690).
  A quotient is truncated at 10 places and corrected with the exact remainder.
- Spark: ``DECIMAL(38, 10)`` with ANSI mode (an overflow is an error, not a null) and no
  precision loss (a sum keeps its 10 places), but ``DECIMAL * DECIMAL`` keeps 20 places (18
  integer digits) and ``DECIMAL / DECIMAL`` 18: products are split as on DuckDB, and a quotient is
  Spark's own division when the divisor is below 1 (then it is ``DECIMAL(38, 10)``, rounded once
  from 38 places), else exact long division on ``DECIMAL(38, 0)``.
- SQLite has no decimal type: numbers are exact decimal text, and the arithmetic is done by the
  ``formkit_*`` functions that :mod:`formkit.runtime.connect` registers (the one place where
  SPEC §4 allows Python inside the database).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import count

from sqlglot import exp

from formkit.language.ast import Type
from formkit.sql.engines import SCALE, Dialect, dtype, fresh_type, number_text

Fn = Callable[..., exp.Expression]
TEN10 = 10**SCALE
# a value rounds to 10^28 or more (an overflow) exactly when its magnitude reaches this
OVERFLOW_AT = "9999999999999999999999999999.99999999995"

_OPERATORS = (exp.Binary, exp.Unary, exp.Connector, exp.Between, exp.In, exp.Is, exp.Glob,
              exp.RegexpLike)


def p(e: exp.Expression) -> exp.Expression:
    """``e`` in parentheses when it is an operator (sqlglot prints trees as built)."""
    if isinstance(e, _OPERATORS) and not isinstance(e, exp.Paren):
        return exp.Paren(this=e)
    return e


def fn(name: str, *args: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def num(value: int | str) -> exp.Literal:
    return exp.Literal(this=str(value), is_string=False)  # Literal.number() is slower


def cast(e: exp.Expression, to: exp.DataType) -> exp.Cast:
    return exp.Cast(this=e, to=fresh_type(to))


def case(*whens: tuple[exp.Expression, exp.Expression], default: exp.Expression | None = None) -> exp.Case:
    return exp.Case(ifs=[exp.If(this=c, true=v) for c, v in whens], default=default)


def simple(e: exp.Expression) -> bool:
    """Cheap to repeat and cannot fail: a column, a parameter, a literal, or a cast of one."""
    while isinstance(e, exp.Cast | exp.Paren | exp.Neg):
        e = e.this
    return isinstance(e, exp.Column | exp.Literal | exp.Placeholder | exp.Null | exp.Boolean
                      | exp.Identifier | exp.Dot)


def cheap(e: exp.Expression, limit: int = 64) -> bool:
    """Small and over simple operands only: repeating it costs less than binding it."""
    return all(size < limit and not isinstance(node, exp.Subquery) for size, node in enumerate(e.walk()))


def add(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Add(this=p(a), expression=p(b))


def sub(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Sub(this=p(a), expression=p(b))


def mul(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Mul(this=p(a), expression=p(b))


class Numbers:
    """PostgreSQL's lowering, and the default of the others: native exact arithmetic, one cast."""

    def __init__(self, dialect: Dialect) -> None:
        self.d = dialect
        self.type = dialect.number_type()
        self.names = count(1)  # per lowering, so that the same template gives the same SQL

    # values
    def literal(self, value: Decimal) -> exp.Expression:
        return cast(num(number_text(value)), self.type)

    def normalize(self, e: exp.Expression) -> exp.Expression:
        """An input (column, parameter, pool value) as a number of the language."""
        if isinstance(e, exp.Cast) and e.to == self.type:
            return e
        return cast(e, self.type)

    def from_int(self, e: exp.Expression) -> exp.Expression:
        """A small native integer (a length, a year, a count) as a number."""
        return cast(e, self.type)

    def fix(self, e: exp.Expression) -> exp.Expression:
        """Round half away from zero to 10 places; fail past 28 integer digits."""
        return cast(e, self.type)

    def exact_sum(self, arg: exp.Expression) -> list[exp.Expression]:
        """``SUM`` of a number column that cannot fail whatever the rows hold, as the aggregates
        :meth:`sum_value` finishes: exact and wide (PostgreSQL's NUMERIC, MariaDB's
        DECIMAL(65)). The final sum is checked once, outside the aggregates (SPEC §3: the final
        sum must fit, never a running total, so the order of the rows cannot matter)."""
        return [exp.Sum(this=self.normalize(arg))]

    def sum_value(self, parts: Sequence[exp.Expression]) -> exp.Expression:
        """The final sum of :meth:`exact_sum`'s aggregates as a number of the language, or an
        overflow."""
        return self.fix(parts[0])

    def total(self, values: Sequence[exp.Expression]) -> exp.Expression:
        """The sum of a few numbers (a grid column's cells), checked once on the final sum, as
        the aggregate ``sum`` is: PostgreSQL's and MariaDB's ``+`` are exact."""
        out = values[0]
        for v in values[1:]:
            out = add(out, v)
        return self.fix(out) if len(values) > 1 else out

    def overflow(self) -> exp.Expression:
        """Fails when (and only when) it is evaluated: an overflow known at compile time."""
        volatile = cast(fn("RANDOM"), dtype("NUMERIC"))
        return cast(add(num("1E+30"), volatile), self.type)

    def let(self, values: Sequence[exp.Expression], body: Fn,
            types: Sequence[Type] | None = None) -> exp.Expression:
        """``body`` over ``values``, each evaluated once: a value that is not simple is bound
        to a name (here a derived table that reads the outer row; the others override)."""
        bound = [i for i, v in enumerate(values) if not simple(v)]
        if not bound:
            return body(*values)
        return self.bind(values, bound, body, list(types or [Type.NUMBER] * len(values)))

    def bind(self, values: Sequence[exp.Expression], bound: list[int], body: Fn,
             types: list[Type]) -> exp.Expression:
        alias = f"fk_l{next(self.names)}"
        # exp.Alias, not exp.alias_(): that one names a subquery in place, and the same node is
        # reused (the strictness probe) where a name is not allowed
        inner = exp.select(*[exp.Alias(this=values[i], alias=exp.to_identifier(f"v{i}")) for i in bound],
                           copy=False)
        args = [exp.column(f"v{i}", alias) if i in bound else v for i, v in enumerate(values)]
        return exp.Subquery(this=exp.select(body(*args), copy=False).from_(
            exp.alias_(exp.Subquery(this=inner), alias, table=True, copy=False), copy=False))

    # arithmetic
    def add(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return self.fix(add(a, b))

    def sub(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return self.fix(sub(a, b))

    def mul(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return self.fix(mul(a, b))

    def div(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        # 60 places: a quotient of two 38-digit numbers is never within 10^-49 of a rounding
        # tie without being on it, so rounding at 60 then at 10 is exact rounding at 10.
        wide = cast(a, dtype("NUMERIC(100, 60)"))
        quotient = exp.Div(this=wide, expression=exp.Nullif(this=b, expression=num(0)))
        return self.fix(fn("ROUND", quotient, num(SCALE)))

    def neg(self, a: exp.Expression) -> exp.Expression:
        return exp.Neg(this=p(a))

    def round(self, a: exp.Expression, places: int) -> exp.Expression:
        return self.fix(fn("ROUND", a, num(places)))

    def floor(self, a: exp.Expression) -> exp.Expression:
        return self.fix(fn("FLOOR", a))

    def ceil(self, a: exp.Expression) -> exp.Expression:
        return self.fix(fn("CEIL", a))

    def abs(self, a: exp.Expression) -> exp.Expression:
        return fn("ABS", a)

    # comparison
    def compare(self, op: type[exp.Expression], a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return op(this=p(a), expression=p(b))

    def extreme(self, name: str, args: Sequence[exp.Expression]) -> exp.Expression:
        """``min``/``max`` of two or more values: null when any is (GREATEST skips nulls here)."""
        nulls = fn("NUM_NULLS", *[a.copy() for a in args])  # evaluates every argument
        return case((exp.GT(this=nulls, expression=num(0)), exp.Null()),
                    default=fn("LEAST" if name == "min" else "GREATEST", *args))


class DuckDBNumbers(Numbers):
    def overflow(self) -> exp.Expression:
        return cast(fn("error", exp.Literal.string("formkit: number overflow")), self.type)

    def exact_sum(self, arg: exp.Expression) -> list[exp.Expression]:
        # DuckDB's SUM of a DECIMAL(38, 10) adds on HUGEINT and fails when a running total
        # passes 1.7·10^28 ([big, big, -big] failed while its sum fits), and it fails inside the
        # aggregate, which DuckDB's decorrelation computes for every group of a correlated
        # subquery, those the query filters out too: one submission's rows then failed another's
        # check. So two sums that cannot fail: values below 10^8 as DECIMAL(18, 10) (a HUGEINT
        # total of 64-bit values: 10^20 rows before it could), the others as BIGNUM (arbitrary
        # precision; its conversion, ~50x slower than SUM, runs only for those rows).
        x = self.normalize(arg)
        return [exp.Sum(this=case((_small(x), cast(x.copy(), dtype("DECIMAL(18, 10)"))))),
                exp.Sum(this=case((exp.Not(this=p(_small(x.copy()))), _big(x.copy()))))]

    def sum_value(self, parts: Sequence[exp.Expression]) -> exp.Expression:
        def finish(small: exp.Expression, big: exp.Expression) -> exp.Expression:
            # no value of 10^8 or more: the small sum is the sum (below 10^28 before 10^20 rows)
            return case((exp.Is(this=p(big), expression=exp.Null()), small),
                        default=self.checked_scaled(add(_widened(small.copy()), big.copy())))

        if all(isinstance(x, exp.AggFunc) for x in parts):  # an aggregate repeated in one SELECT
            return finish(*parts)  # is computed once
        return self.let(list(parts), finish, [Type.NUMBER, Type.NUMBER])  # correlated subqueries: bound

    def total(self, values: Sequence[exp.Expression]) -> exp.Expression:
        if len(values) == 1:
            return values[0]
        big = exp.Or(this=p(exp.Not(this=p(_small(values[0])))), expression=exp.false())
        for v in values[1:]:
            big = exp.Or(this=p(big), expression=p(exp.Not(this=p(_small(v)))))
        plain: exp.Expression = values[0]
        wide: exp.Expression = _big(values[0].copy())
        for v in values[1:]:
            plain = add(plain, v.copy())
            wide = add(wide, _big(v.copy()))
        # small cells add as DECIMAL (a few below 10^8 cannot pass 10^28); else BIGNUM (a
        # running total of DECIMAL + fails past 10^28), checked once
        return case((big, self.checked_scaled(wide)), default=plain)

    def bind(self, values: Sequence[exp.Expression], bound: list[int], body: Fn,
             types: list[Type]) -> exp.Expression:
        # a lambda over a one-element list is DuckDB's way to name values inside an expression;
        # one lambda (over a struct) for them all: nested lambdas make DuckDB bind slowly
        name = exp.to_identifier(f"fk_s{next(self.names)}")
        if len(bound) == 1:
            item, args = values[bound[0]], [name.copy() if i in bound else v for i, v in enumerate(values)]
        else:
            item = exp.Struct(expressions=[exp.PropertyEQ(this=exp.to_identifier(f"v{i}"), expression=values[i])
                                           for i in bound])
            args = [exp.Dot(this=name.copy(), expression=exp.to_identifier(f"v{i}")) if i in bound else v
                    for i, v in enumerate(values)]
        lam = exp.Lambda(this=body(*args), expressions=[name])
        return fn("list_extract", exp.Transform(this=exp.Array(expressions=[item]), expression=lam), num(1))

    def add(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return add(a, b)  # DECIMAL(38,10) + DECIMAL(38,10) is DECIMAL(38,10), failing past 28 digits

    def sub(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return sub(a, b)

    def mul(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        # split in three parts, each within DECIMAL(38, 10) (_split_product)
        def whole(x: exp.Expression) -> exp.Expression:
            return cast(fn("TRUNC", x), dtype("DECIMAL(38, 0)"))

        return self.let([a, b], lambda x, y: _split_product(x, y, whole))

    def div(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return self.let([a, b], lambda x, y: _duck_div(self, x, y))

    def extreme(self, name: str, args: Sequence[exp.Expression]) -> exp.Expression:
        return _extreme_of_all(name, args)  # DuckDB evaluates both sides of OR: no operand is skipped

    def checked_scaled(self, s: exp.Expression) -> exp.Expression:
        """A BIGNUM x·10^10 as the DECIMAL(38, 10) x, or an overflow past 28 digits: clamped to
        ±10^38 (so the HUGEINT cast cannot fail), the cast to DECIMAL(38, 0) fails exactly when
        |x·10^10| reaches 10^38 (DuckDB's overflow, as ``fix``'s cast), and the product by
        10^-10 is exact. ``s`` appears once: the SQL of a roll-up's sums stays small."""
        limit = cast(num(str(TEN10 * 10**28)), dtype("BIGNUM"))
        clamped = fn("LEAST", fn("GREATEST", s, exp.Neg(this=limit.copy())), limit)
        whole = cast(cast(clamped, dtype("HUGEINT")), dtype("DECIMAL(38, 0)"))
        return mul(whole, cast(num("0.0000000001"), dtype("DECIMAL(38, 10)")))


def _small(x: exp.Expression) -> exp.Expression:
    """|x| < 10^8: x fits a DECIMAL(18, 10) (two comparisons: cheaper than ABS on HUGEINT)."""
    bound = num(10**8)
    return exp.And(this=exp.GT(this=p(x), expression=exp.Neg(this=bound)),
                   expression=exp.LT(this=p(x.copy()), expression=bound.copy()))


def _big(x: exp.Expression) -> exp.Expression:
    return cast(_scaled(x), dtype("BIGNUM"))


def _widened(small: exp.Expression) -> exp.Expression:
    """The small sum (a DECIMAL(38, 10) below 10^18, or null) as the BIGNUM x·10^10: exact,
    as it has at most 10 places; one multiplication, not the division _scaled needs."""
    scaled = cast(mul(small, num(TEN10)), dtype("HUGEINT"))
    return fn("COALESCE", cast(scaled, dtype("BIGNUM")), cast(num(0), dtype("BIGNUM")))


def _scaled(x: exp.Expression) -> exp.Expression:
    """A DECIMAL(38, 10) as the HUGEINT x·10^10 (DuckDB has no cast that keeps the digits)."""
    huge = dtype("HUGEINT")
    whole = mul(cast(fn("TRUNC", x), huge), num(TEN10))
    frac = cast(mul(exp.Mod(this=p(x.copy()), expression=num(1)), num(TEN10)), huge)
    return add(whole, frac)


def _duck_div(n: DuckDBNumbers, a: exp.Expression, b: exp.Expression) -> exp.Expression:
    """round(a / b, 10) by long division of x = |a|·10^10 by y = |b|·10^10 on HUGEINT: the
    whole part x // y, then round(r·10^10 / y) for r = x % y. When y < 10^28, r·10^10 fits;
    otherwise y = q·10^10 + s with q >= 10^18, and r // q is that quotient's floor or one more,
    told apart by the sign of the exact remainder (r % q)·10^10 - (r // q)·s."""

    def whole(x: exp.Expression, y: exp.Expression) -> exp.Expression:
        def r() -> exp.Expression:
            return exp.Mod(this=p(x.copy()), expression=y.copy())

        def up(rem: exp.Expression) -> exp.Expression:  # rem / y >= 1/2, without 2·rem (overflow)
            return case((exp.GTE(this=p(rem), expression=sub(y.copy(), rem.copy())), num(1)), default=num(0))

        shifted = mul(r(), num(TEN10))
        small = add(exp.IntDiv(this=p(shifted), expression=y.copy()),
                    up(exp.Mod(this=p(shifted.copy()), expression=y.copy())))
        q = exp.IntDiv(this=p(y.copy()), expression=num(TEN10))

        def settle(qa: exp.Expression, rem: exp.Expression) -> exp.Expression:
            fixed = add(rem.copy(), y.copy())
            return case((exp.LT(this=p(rem.copy()), expression=num(0)), add(sub(qa.copy(), num(1)), up(fixed))),
                        default=add(qa.copy(), up(rem.copy())))

        # q in parentheses: sqlglot prints trees as built, and r // y // 10^10 is (r // y) // 10^10
        qa = exp.IntDiv(this=p(r()), expression=p(q))
        rem = sub(mul(exp.Mod(this=p(r()), expression=p(q.copy())), num(TEN10)),
                  mul(qa.copy(), exp.Mod(this=p(y.copy()), expression=num(TEN10))))
        large = n.let([qa, rem], settle)
        frac = case((exp.LT(this=p(y.copy()), expression=num(10**28)), small), default=large)
        total = add(mul(exp.IntDiv(this=p(x.copy()), expression=y.copy()), num(TEN10)), frac)
        sign = mul(fn("SIGN", a.copy()), fn("SIGN", b.copy()))
        exact = cast(mul(sign, total), dtype("DECIMAL(38, 0)"))
        return mul(exact, cast(num("0.0000000001"), dtype("DECIMAL(10, 10)")))

    quotient = n.let([_scaled(fn("ABS", a.copy())), _scaled(fn("ABS", b.copy()))], whole)
    return case((exp.EQ(this=p(b.copy()), expression=num(0)), exp.Null()), default=quotient)


class MySQLNumbers(Numbers):
    """With ``deferred`` (how :func:`formkit.sql.expr.lower` uses it) intermediate results are
    exact ``DECIMAL(65, 10)`` without a check each, and the lowering checks every one of them
    once, at the top (``Lowering.root``): a check per operator would repeat its operand."""

    WIDE = "DECIMAL(65, 10)"  # 55 integer digits: no intermediate below 10^55 is clamped

    def __init__(self, dialect: Dialect, deferred: bool = False) -> None:
        super().__init__(dialect)
        self.deferred = deferred

    def overflow(self) -> exp.Expression:
        # a DOUBLE out of range is error 1690; RAND() keeps MariaDB from evaluating it early
        # (only for an overflow known at compile time: in an aggregate query RAND() is eager)
        return cast(fn("EXP", add(num(1000), fn("RAND"))), self.type)

    def bind(self, values: Sequence[exp.Expression], bound: list[int], body: Fn,
             types: list[Type]) -> exp.Expression:
        # MariaDB has no LATERAL and a derived table cannot read the outer row; JSON_TABLE can
        # (JSON_ARRAY evaluates every argument, and decimals pass through JSON text exactly)
        alias = f"fk_l{next(self.names)}"
        schema = exp.JSONSchema(expressions=[
            exp.JSONColumnDef(this=exp.to_identifier(f"v{i}"), kind=dtype(_JSON_TYPES[types[i]]),
                              path=exp.Literal.string(f"$[{k}]")) for k, i in enumerate(bound)])
        table = exp.JSONTable(this=fn("JSON_ARRAY", *[values[i] for i in bound]),
                              path=exp.Literal.string("$"), schema=schema)
        args = [exp.column(f"v{i}", alias) if i in bound else v for i, v in enumerate(values)]
        return exp.Subquery(this=exp.select(body(*args), copy=False).from_(
            exp.alias_(table, alias, table=False, copy=False), copy=False))

    def fix(self, e: exp.Expression) -> exp.Expression:
        if self.deferred:  # rounded to 10 places (half away from zero), checked at the top
            return cast(e, dtype(self.WIDE))

        def check(x: exp.Expression) -> exp.Expression:
            def too_big() -> exp.Expression:
                return exp.GTE(this=fn("ABS", x.copy()), expression=num(OVERFLOW_AT))

            # EXP(1000) is error 1690, and EXP(1000 * too_big) is EXP(0) = 1 unless x overflows:
            # MariaDB may evaluate a CASE branch before (or without) reaching it — constants
            # early in HAVING, every function of an aggregating SELECT list once per group —
            # so the branch itself must fail only when its condition holds
            fail = cast(fn("EXP", mul(num(1000), p(too_big()))), self.type)
            return case((too_big(), fail), default=cast(x.copy(), self.type))

        if cheap(e):
            return check(e)
        if isinstance(e, exp.Binary):  # bind the operands of the top operator, not e itself
            op = type(e)
            return self.let([e.this, e.expression],
                            lambda x, y: check(op(this=p(x), expression=p(y))))
        return self.let([e], check)

    def div(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        def body(x: exp.Expression, y: exp.Expression) -> exp.Expression:
            # t = a / b truncated at 10 places (MariaDB rounds the quotient at 10 +
            # div_precision_increment places, which can carry into the 10th: then the
            # remainder below is tiny and of the other sign, and t is already right)
            def t() -> exp.Expression:
                q = exp.Div(this=p(x.copy()), expression=exp.Nullif(this=y.copy(), expression=num(0)))
                return fn("TRUNCATE", q, num(SCALE))

            ulp = num("0.0000000001")
            remainder = fn("ABS", sub(x.copy(), mul(t(), y.copy())))
            half_or_more = exp.GTE(this=mul(num(2), remainder), expression=mul(fn("ABS", y.copy()), ulp))
            step = mul(mul(fn("SIGN", x.copy()), fn("SIGN", y.copy())), ulp.copy())
            return self.fix(add(t(), case((half_or_more, step), default=num(0))))

        return self.let([a, b], body)

    def extreme(self, name: str, args: Sequence[exp.Expression]) -> exp.Expression:
        return fn("LEAST" if name == "min" else "GREATEST", *args)  # null when any is null


class SQLiteNumbers(Numbers):
    def literal(self, value: Decimal) -> exp.Expression:
        return exp.Literal.string(number_text(value))

    def normalize(self, e: exp.Expression) -> exp.Expression:
        return e  # INTEGER, decimal TEXT (and REAL from a host's table) are read by formkit_*

    def from_int(self, e: exp.Expression) -> exp.Expression:
        return e

    def fix(self, e: exp.Expression) -> exp.Expression:
        return e

    def overflow(self) -> exp.Expression:
        # abs() of the smallest INTEGER is SQLite's own "integer overflow" error; random()
        # keeps it from being computed before it is reached
        smallest = add(sub(num("-9223372036854775807"), num(1)), mul(num(0), fn("RANDOM")))
        return fn("ABS", smallest)

    def add(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return fn("formkit_add", a, b)

    def total(self, values: Sequence[exp.Expression]) -> exp.Expression:
        return fn("formkit_total", *values) if len(values) > 1 else values[0]

    def sub(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return fn("formkit_sub", a, b)

    def mul(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return fn("formkit_mul", a, b)

    def div(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return fn("formkit_div", a, b)

    def neg(self, a: exp.Expression) -> exp.Expression:
        return fn("formkit_neg", a)

    def round(self, a: exp.Expression, places: int) -> exp.Expression:
        return fn("formkit_round", a, num(places))

    def floor(self, a: exp.Expression) -> exp.Expression:
        return fn("formkit_floor", a)

    def ceil(self, a: exp.Expression) -> exp.Expression:
        return fn("formkit_ceil", a)

    def abs(self, a: exp.Expression) -> exp.Expression:
        return fn("formkit_abs", a)

    def compare(self, op: type[exp.Expression], a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return op(this=fn("formkit_cmp", a, b), expression=num(0))

    def extreme(self, name: str, args: Sequence[exp.Expression]) -> exp.Expression:
        return fn(f"formkit_{name}", *args)


class SparkNumbers(Numbers):
    """Spark SQL in ANSI mode without precision loss (the session :mod:`formkit.runtime.spark`
    opens): ``DECIMAL(38, 10) ± DECIMAL(38, 10)`` is ``DECIMAL(38, 10)`` and fails past 28 digits."""

    def overflow(self) -> exp.Expression:
        return cast(fn("raise_error", exp.Literal.string("formkit: number overflow")), self.type)

    def bind(self, values: Sequence[exp.Expression], bound: list[int], body: Fn,
             types: list[Type]) -> exp.Expression:
        # Spark names values inside an expression with a lambda over a one-element array (a
        # derived table cannot read the outer row); one lambda over a struct for them all
        name = exp.to_identifier(f"fk_s{next(self.names)}")
        if len(bound) == 1:
            item, args = values[bound[0]], [name.copy() if i in bound else v for i, v in enumerate(values)]
        else:
            fields: list[exp.Expression] = []
            for i in bound:
                fields += [exp.Literal.string(f"v{i}"), values[i]]
            item = fn("named_struct", *fields)
            args = [exp.Dot(this=name.copy(), expression=exp.to_identifier(f"v{i}")) if i in bound else v
                    for i, v in enumerate(values)]
        lam = exp.Lambda(this=body(*args), expressions=[name])
        return fn("element_at", fn("transform", fn("array", item), lam), num(1))

    def add(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return add(a, b)

    def sub(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return sub(a, b)

    def mul(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        # DuckDB's split (see DuckDBNumbers.mul): (38,10)·(38,0) is (38,10), (38,0)·(11,10) too,
        # (11,10)·(11,10) is (23,20); Spark has no TRUNC of a number: x - x % 1 (% keeps x's sign)
        return self.let([a, b], lambda x, y: _split_product(x, y, _spark_whole))

    def div(self, a: exp.Expression, b: exp.Expression) -> exp.Expression:
        return self.let([a, b], lambda x, y: _spark_div(self, x, y))

    def extreme(self, name: str, args: Sequence[exp.Expression]) -> exp.Expression:
        return _extreme_of_all(name, args)


_WHOLE = "DECIMAL(38, 0)"


def _spark_whole(x: exp.Expression) -> exp.Expression:
    """The integer part of a DECIMAL(38, 10), as DECIMAL(38, 0) (exact: it is integral)."""
    return cast(sub(x, exp.Mod(this=p(x.copy()), expression=num(1))), dtype(_WHOLE))


def _spark_scaled(x: exp.Expression) -> exp.Expression:
    """|x|·10^10 as DECIMAL(38, 0): below 10^38 for every number of the language."""
    whole = mul(cast(_spark_whole(x), dtype("DECIMAL(28, 0)")), num(TEN10))
    frac = cast(mul(exp.Mod(this=p(x.copy()), expression=num(1)), num(TEN10)), dtype(_WHOLE))
    return add(whole, frac)


def _spark_div(n: SparkNumbers, a: exp.Expression, b: exp.Expression) -> exp.Expression:
    """round(a / b, 10), half away from zero; null when b = 0.

    |b| < 1: b has at most 10 significant digits, so ``a / CAST(b AS DECIMAL(10, 10))`` is
    ``DECIMAL(38, 10)``; Spark divides at 38 places (half up) and rounds to 10, and a quotient of
    10-place numbers by such a b is never within 10^-21 of a tie without being on it, so the
    double rounding is exact. |b| >= 1: x = |a|·10^10, y = |b|·10^10 (y >= 10^10), whole part
    w = (x - x % y) / y (below 10^28; divided by y as DECIMAL(19, 0) when y < 10^19, so that
    Spark's quotient type keeps 29 integer digits), and the 10 places of (x % y) / y rounded
    as on DuckDB (:func:`_duck_div`): directly when y < 10^28, else through y's top digits."""
    whole_t = dtype(_WHOLE)

    def long(x: exp.Expression, y: exp.Expression) -> exp.Expression:
        def r() -> exp.Expression:
            return exp.Mod(this=p(x.copy()), expression=y.copy())

        def idiv(m: exp.Expression, d: exp.Expression) -> exp.Expression:  # floor(m / d), small
            return cast(exp.IntDiv(this=p(m), expression=p(d)), whole_t)

        def up(rem: exp.Expression) -> exp.Expression:  # rem / y >= 1/2, without 2·rem
            return case((exp.GTE(this=p(rem), expression=sub(y.copy(), rem.copy())), num(1)), default=num(0))

        exact, w28 = sub(x.copy(), r()), dtype("DECIMAL(28, 0)")
        w = case((exp.LT(this=p(y.copy()), expression=num(10**19)),  # each branch typed alike
                  cast(exp.Div(this=p(exact), expression=cast(y.copy(), dtype("DECIMAL(19, 0)"))), w28)),
                 default=cast(exp.Div(this=p(exact.copy()), expression=p(y.copy())), w28))
        shifted = mul(r(), num(TEN10))
        small = add(idiv(shifted, y.copy()), up(exp.Mod(this=p(shifted.copy()), expression=y.copy())))
        # y's top digits (up to 10^28: DIV's BIGINT would overflow): an exact quotient, (38, 5)
        top = exp.Div(this=p(sub(y.copy(), exp.Mod(this=p(y.copy()), expression=num(TEN10)))), expression=num(TEN10))
        q = cast(top, whole_t)

        def settle(qa: exp.Expression, rem: exp.Expression) -> exp.Expression:
            fixed = add(rem.copy(), y.copy())
            return case((exp.LT(this=p(rem.copy()), expression=num(0)), add(sub(qa.copy(), num(1)), up(fixed))),
                        default=add(qa.copy(), up(rem.copy())))

        qa = cast(exp.IntDiv(this=p(r()), expression=p(q)), whole_t)
        rem = sub(mul(exp.Mod(this=p(r()), expression=p(q.copy())), num(TEN10)),
                  mul(qa.copy(), exp.Mod(this=p(y.copy()), expression=num(TEN10))))
        large = n.let([qa, rem], settle)
        frac = case((exp.LT(this=p(y.copy()), expression=num(10**28)), small), default=large)
        total = add(mul(w, num(TEN10)), frac)
        negative = exp.NEQ(this=p(exp.LT(this=p(a.copy()), expression=num(0))),
                           expression=p(exp.LT(this=p(b.copy()), expression=num(0))))
        signed = mul(total, case((negative, num(-1)), default=num(1)))
        return cast(mul(cast(signed, whole_t), cast(num("0.0000000001"), dtype("DECIMAL(10, 10)"))), n.type)

    small_b = exp.LT(this=fn("ABS", b.copy()), expression=num(1))
    near = exp.Div(this=p(a.copy()), expression=cast(b.copy(), dtype("DECIMAL(10, 10)")))
    far = n.let([_spark_scaled(fn("ABS", a.copy())), _spark_scaled(fn("ABS", b.copy()))], long)
    return case((exp.EQ(this=p(b.copy()), expression=num(0)), exp.Null()),
                (small_b, cast(near, n.type)), default=far)


_JSON_TYPES = {Type.NUMBER: "DECIMAL(65, 20)", Type.TEXT: "LONGTEXT", Type.MULTI: "LONGTEXT",
               Type.DATE: "DATE", Type.BOOLEAN: "INT", Type.NULL: "LONGTEXT"}


def numbers(dialect: Dialect, *, deferred_checks: bool = False) -> Numbers:
    """The number lowering of ``dialect``. Every result it builds is checked for overflow where
    it is made, except with ``deferred_checks`` (MariaDB), where the caller checks them."""
    if dialect.name == "mysql":
        return MySQLNumbers(dialect, deferred_checks)
    cls = {"duckdb": DuckDBNumbers, "sqlite": SQLiteNumbers, "spark": SparkNumbers}.get(dialect.name, Numbers)
    return cls(dialect)


def _split_product(x: exp.Expression, y: exp.Expression,
                   whole: Callable[[exp.Expression], exp.Expression]) -> exp.Expression:
    """x*y within DECIMAL(38, 10): x*trunc(y) + trunc(x)*frac(y) + round(frac(x)*frac(y), 10). The
    first two are exact at 10 places; all three share the sign of x*y, so rounding the last one
    rounds the sum. No term needs more than DECIMAL(38, 10) (or (38, 20) below 1). ``whole`` is
    the engine's trunc as a DECIMAL(38, 0)."""
    tx, ty = whole(x.copy()), whole(y.copy())
    fx, fy = exp.Mod(this=p(x.copy()), expression=num(1)), exp.Mod(this=p(y.copy()), expression=num(1))
    return add(add(mul(x.copy(), ty), mul(tx, fy)), fn("ROUND", mul(fx, fy.copy()), num(SCALE)))


def _extreme_of_all(name: str, args: Sequence[exp.Expression]) -> exp.Expression:
    """LEAST/GREATEST, null when any operand is (engines whose LEAST skips nulls)."""
    nulls: exp.Expression = exp.Is(this=p(args[0].copy()), expression=exp.Null())
    for a in args[1:]:
        nulls = exp.Or(this=nulls, expression=exp.Is(this=p(a.copy()), expression=exp.Null()))
    return case((nulls, exp.Null()), default=fn("LEAST" if name == "min" else "GREATEST", *args))
