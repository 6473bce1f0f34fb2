"""Lower to SQL: a checked expression AST → a sqlglot expression with SPEC §3's meaning.

:func:`lower` is the one entry point. Names, aggregates and ``prev()`` are the caller's (a query
builder knows its tables): it passes how to lower each. Numbers go through
:mod:`formkit.sql.numbers`; text is compared by code point (``COLLATE "C"`` in PostgreSQL,
``utf8mb4_nopad_bin`` in MariaDB); dates, ID numbers and multichoice are native SQL.

>>> from formkit.language.expression import compile_expression
>>> from formkit.sql.engines import render
>>> from sqlglot import exp
>>> node = compile_expression("a / b", {"a": "decimal", "b": "decimal"})
>>> sql, params = render(lower(node, "postgres", refs=lambda name: exp.column(name.dotted, "t")), "postgres")
>>> sql.startswith("CAST(ROUND(CAST(CAST(t.a AS DECIMAL(38, 10)) AS DECIMAL(100, 60)) / NULLIF(")
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from itertools import pairwise

from sqlglot import exp

from formkit.evaluation.evaluator import Env, EvaluationError, eval_node
from formkit.language import ast
from formkit.language.ast import Type
from formkit.language.functions import LAZY, MAY_OVERFLOW, READS_PERIOD, not_supported
from formkit.sql import idcard
from formkit.sql.engines import MULTI_SEP, Dialect, dtype, get
from formkit.sql.numbers import OVERFLOW_AT, Numbers, case, cast, fn, num, numbers, p

RefLowering = Callable[[ast.Name], exp.Expression] | Mapping[ast.Ref, exp.Expression]
NodeLowering = Callable[[ast.Aggregate], exp.Expression]
PrevLowering = Callable[[ast.Prev], exp.Expression]
IntegerNames = Callable[[ast.Name], bool]

PERIOD_START, PERIOD_END = "period_start", "period_end"  # the parameters period_*() read
ARITHMETIC = frozenset("+-*/")
_COMPARE: dict[str, type[exp.Expression]] = {"=": exp.EQ, "!=": exp.NEQ, "<": exp.LT, "<=": exp.LTE,
                                         ">": exp.GT, ">=": exp.GTE}


def lower(node: ast.Expr, dialect: str | Dialect, *, refs: RefLowering,
          aggregates: NodeLowering | None = None, prev: PrevLowering | None = None,
          integers: IntegerNames | None = None, arithmetic: Numbers | None = None) -> exp.Expression:
    """``node`` (checked: names resolved, types set) as a sqlglot expression for ``dialect``.

    ``refs`` gives the SQL of each name (a column of the caller's table, a parameter, a
    literal); a mapping is keyed by ``Name.ref``. ``aggregates`` and ``prev`` lower those nodes
    when the expression has them. ``period_start()``/``period_end()`` become the parameters
    ``period_start``/``period_end``. A number comes back as the engine's exact number (SQLite:
    decimal text), a boolean as the engine's boolean (0/1 in MariaDB and SQLite), a date as a
    DATE (SQLite: ISO text), multichoice as text (see docs/semantics.md). ``integers``: the
    names ``refs`` gives as native integers (pool ``integer`` columns); a comparison of integers
    only (those, integer literals, ``len``/``year``/``month``/``days``/``age``) needs no cast;
    ``arithmetic``: the caller's own :class:`Numbers` (one that knows more about its columns).
    """
    return Lowering(get(dialect), refs, aggregates, prev, integers=integers, arithmetic=arithmetic).root(node)


def lower_integer(node: ast.Expr, dialect: str | Dialect, *, refs: RefLowering,
                  integers: IntegerNames | None = None) -> exp.Expression | None:
    """``node`` as native integer SQL when it is one and cannot fail, else None (use lower)."""
    if may_error(node):
        return None
    lowering = Lowering(get(dialect), refs, None, None, integers=integers)
    lowering.expr(node, node.type)
    return lowering.ints.get(id(node))


def param(name: str, t: Type, dialect: str | Dialect) -> exp.Expression:
    """A runtime value of type ``t``: a bound parameter, cast to the type that holds it."""
    d = get(dialect)
    ph = exp.Placeholder(this=name)
    if d.name == "sqlite" and t is not Type.TEXT:
        return ph
    return cast(ph, d.type_of(t))


def collate(e: exp.Expression, t: Type | None, d: Dialect) -> exp.Expression:
    """Text in code-point order with no pad space, whatever the column's collation."""
    if t is not Type.TEXT or d.collation is None:
        return p(e)
    c = d.collation
    name = exp.Identifier(this=c.strip('"'), quoted=True) if c.startswith('"') else exp.var(c)
    return exp.Collate(this=p(e), expression=name)


def aggregate(func: str, arg: exp.Expression | None, t: Type, dialect: str | Dialect) -> exp.Expression:
    """The SQL aggregate with SPEC §3's meaning over ``arg`` (the SQL of a column of the rows
    being aggregated; None for ``count`` of rows). Nulls are skipped; ``count`` and
    ``count_distinct`` of nothing are 0, the others null; ``avg`` divides like ``/``. The
    caller builds the FROM and WHERE around it."""
    d = get(dialect)
    n = numbers(d)
    if arg is None or func == "count":
        return n.from_int(exp.Count(this=exp.Star() if arg is None else arg))
    sqlite_number = d.name == "sqlite" and t is Type.NUMBER
    if func == "count_distinct":
        value = fn("formkit_num", arg) if sqlite_number else collate(arg, t, d)
        return n.from_int(exp.Count(this=exp.Distinct(expressions=[value])))
    if sqlite_number:
        return fn(f"formkit_{func}", arg)  # exact aggregates registered on the connection
    if func in ("min", "max"):
        return (exp.Min if func == "min" else exp.Max)(this=collate(arg, t, d))
    total = n.sum_value(n.exact_sum(arg))  # the final sum checked once, never a running total
    if func == "sum":
        return total
    return n.div(total, n.from_int(exp.Count(this=arg.copy())))


def may_error(node: ast.Expr) -> bool:
    """Whether evaluating ``node`` can fail: only numbers can (an overflow)."""
    return any(_errs(n) for n in ast.walk(node))


def _errs(n: ast.Expr) -> bool:
    return ((isinstance(n, ast.Binary) and n.op in ARITHMETIC)
            or (isinstance(n, ast.Call) and n.name in MAY_OVERFLOW)
            or isinstance(n, ast.Aggregate))


def _constant(node: ast.Expr) -> bool:
    """No names, no period, no pool: the value is known when the template is compiled."""
    return not any(isinstance(n, ast.Name | ast.Aggregate | ast.Prev)
                   or (isinstance(n, ast.Call) and n.name in READS_PERIOD)
                   for n in ast.walk(node))


class Lowering:
    """One pass over one expression; a method per node class, as in the other back ends."""

    def __init__(self, d: Dialect, refs: RefLowering, aggregates: NodeLowering | None, prev: PrevLowering | None,
                 *, integers: IntegerNames | None = None, arithmetic: Numbers | None = None) -> None:
        self.d = d
        self.integers = integers
        self.ints: dict[int, exp.Expression] = {}  # id(node) -> it as a native integer (no cast)
        self.checks = d.name == "mysql"  # overflow checked once at the top (numbers.MySQLNumbers)
        self.n = arithmetic or numbers(d, deferred_checks=self.checks)
        self.refs = refs
        self.aggregates = aggregates
        self.prev_lowering = prev
        self.done: dict[int, exp.Expression] = {}  # id(node) -> its SQL, for the strictness probe
        self.failing: set[int] = set()  # ids of constant sub-expressions lowered as an overflow

    def root(self, node: ast.Expr) -> exp.Expression:
        value = self.expr(node, node.type)
        if not may_error(node):
            return value
        entries = self.probe(node, certain=True)
        if self.checks:
            return self.checked(node, value, entries)
        if not entries:
            return value
        force = self.force(entries)
        if self.d.name == "duckdb":  # DuckDB proves range facts (a sum of 0/1 is >= 0): hash()
            return case((exp.Not(this=exp.Is(this=force, expression=exp.Null())), value))
        if self.d.name == "spark":  # Spark drops IS NOT NULL of a non-null hash(): a range test,
            # and a CASE whose branches are all null (null + x·x) is null: an ELSE never reached
            never = cast(fn("raise_error", exp.Literal.string("formkit: unreachable")),
                         self.d.type_of(node.type or Type.TEXT))
            return case((exp.GTE(this=force, expression=num(-(2**31))), value), default=never)
        return case((exp.GTE(this=force, expression=num(0)), value))

    def checked(self, node: ast.Expr, value: exp.Expression, entries: list[exp.Expression]) -> exp.Expression:
        """MariaDB: the value, unless one of the intermediate results Python computes reached
        28 digits; then error 1690 (EXP(1000); the ISNULL keeps it from running early)."""
        if node.type is Type.NUMBER:
            value = cast(value, self.d.number_type())
        overflow = self.force(entries)
        fail = fn("EXP", exp.Add(this=num(1000), expression=fn("ISNULL", entries[0].copy())))
        return case((overflow, cast(fail, self.d.type_of(node.type or Type.TEXT))), default=value)

    def expr(self, node: ast.Expr, want: Type | None = None) -> exp.Expression:
        if _errs(node) and not isinstance(node, ast.Aggregate) and _constant(node) and _overflows(node):
            out = self.n.overflow()
            self.failing.add(id(node))  # its operands are never lowered: the probe stops here
        else:
            method: Callable[[ast.Expr, Type | None], exp.Expression] = getattr(
                self, f"visit_{type(node).__name__}")
            out = method(node, want)
        self.done[id(node)] = out
        return out

    def again(self, node: ast.Expr) -> exp.Expression:
        return self.done[id(node)].copy()

    # -- leaves ----------------------------------------------------------------------------

    def null(self, t: Type | None) -> exp.Expression:
        if t is None or t is Type.NULL:
            return exp.Null()
        return cast(exp.Null(), self.d.type_of(t))

    def visit_Literal(self, node: ast.Literal, want: Type | None) -> exp.Expression:
        v = node.value
        if v is None:
            return self.null(want)
        if isinstance(v, bool):
            return exp.Boolean(this=v)
        if isinstance(v, Decimal):
            if v == v.to_integral_value() and abs(v) < 2**63:
                self.ints[id(node)] = num(int(v))
            return self.n.literal(v)
        if isinstance(v, str):
            return exp.Literal.string(v)
        text = exp.Literal.string(v.isoformat())
        return text if self.d.name == "sqlite" else cast(text, self.d.type_of(Type.DATE))

    def visit_Name(self, node: ast.Name, want: Type | None) -> exp.Expression:
        refs = self.refs
        if isinstance(refs, Mapping):
            assert node.ref is not None, f"'{node.dotted}' is not resolved"
            sql = refs[node.ref].copy()
        else:
            sql = refs(node)
        if node.type is not Type.NUMBER:
            return sql
        if self.integers is not None and self.integers(node):
            self.ints[id(node)] = sql.copy()
        return self.n.normalize(sql)

    def visit_Aggregate(self, node: ast.Aggregate, want: Type | None) -> exp.Expression:
        if self.aggregates is None:
            raise ValueError(f"{node.func}({node.source.dotted}) needs a query builder's aggregates")
        return self.aggregates(node)

    def visit_Prev(self, node: ast.Prev, want: Type | None) -> exp.Expression:
        if self.prev_lowering is None:
            raise ValueError(f"prev({node.target.dotted}) needs a query builder's prev()")
        return self.prev_lowering(node)

    # -- operators -------------------------------------------------------------------------

    def visit_Unary(self, node: ast.Unary, want: Type | None) -> exp.Expression:
        if node.op == "not":
            return exp.Not(this=p(self.expr(node.operand, Type.BOOLEAN)))
        x = self.expr(node.operand, Type.NUMBER)
        if node.op == "-" and isinstance(node.operand, ast.Literal) and id(node.operand) in self.ints:
            self.ints[id(node)] = exp.Neg(this=self.ints[id(node.operand)].copy())  # -3 cannot overflow
        return self.n.neg(x) if node.op == "-" else x

    def visit_Binary(self, node: ast.Binary, want: Type | None) -> exp.Expression:
        op = node.op
        if op in ("and", "or"):
            return self.logical(node)
        if op in ARITHMETIC:
            a, b = self.expr(node.left, Type.NUMBER), self.expr(node.right, Type.NUMBER)
            ops = {"+": self.n.add, "-": self.n.sub, "*": self.n.mul, "/": self.n.div}
            return ops[op](a, b)
        t = _operand_type(node.left, node.right)
        (a, b), native = self.operands([node.left, node.right], t)
        if op == "&":
            return self.concat(a, b)
        return self.compare(_COMPARE[op], a, b, t, native)

    def logical(self, node: ast.Binary) -> exp.Expression:
        """Three-valued, and lazy like Python: the right side is not evaluated when the left
        decides (so an overflow there is no error); engines evaluate both, hence the CASE."""
        a, b = self.expr(node.left, Type.BOOLEAN), self.expr(node.right, Type.BOOLEAN)
        conn = exp.And if node.op == "and" else exp.Or
        if not may_error(node.right):
            return conn(this=p(a), expression=p(b))

        def lazy(x: exp.Expression) -> exp.Expression:
            decides = exp.Not(this=p(x.copy())) if node.op == "and" else x.copy()
            both = conn(this=p(x), expression=p(b))
            return case((decides, exp.Boolean(this=node.op == "or")), default=both)

        return self.n.let([a], lazy, [Type.BOOLEAN])

    def operands(self, nodes: list[ast.Expr], t: Type | None) -> tuple[list[exp.Expression], bool]:
        """The operands' SQL: native integers when all of them are (compared exactly either way)."""
        sql = [self.expr(n, t) for n in nodes]
        ints = [self.ints.get(id(n)) for n in nodes] if t is Type.NUMBER else [None]
        return ([p(x.copy()) for x in ints if x is not None], True) if None not in ints else (sql, False)

    def integer(self, node: ast.Expr, e: exp.Expression) -> exp.Expression:  # a length, a year, an age
        self.ints[id(node)] = e.copy()
        return self.n.from_int(e)

    def compare(self, op: type[exp.Expression], a: exp.Expression, b: exp.Expression,
                t: Type | None, native: bool = False) -> exp.Expression:
        if t is Type.NUMBER and not native:
            return self.n.compare(op, a, b)
        return op(this=self.collate(a, t), expression=p(b))

    def collate(self, e: exp.Expression, t: Type | None) -> exp.Expression:
        return collate(e, t, self.d)

    def concat(self, *parts: exp.Expression) -> exp.Expression:
        if self.d.name == "mysql":
            return fn("CONCAT", *parts)  # null when any part is null, like || elsewhere
        out = parts[0]
        for part in parts[1:]:
            out = exp.DPipe(this=p(out), expression=p(part), safe=False)
        return out

    def visit_IsNull(self, node: ast.IsNull, want: Type | None) -> exp.Expression:
        (value,), _ = self.operands([node.operand], node.operand.type)  # an integer needs no cast
        test = exp.Is(this=p(value), expression=exp.Null())
        return exp.Not(this=test) if node.negated else test

    def visit_In(self, node: ast.In, want: Type | None) -> exp.Expression:
        t = _operand_type(node.operand, *node.items)
        (x, *items), native = self.operands([node.operand, *node.items], t)
        if t is Type.NUMBER and self.d.name == "sqlite" and not native:
            test: exp.Expression = p(self.n.compare(exp.EQ, x, items[0]))
            for item in items[1:]:
                test = exp.Or(this=test, expression=p(self.n.compare(exp.EQ, x.copy(), item)))
        else:
            test = exp.In(this=self.collate(x, t), expressions=items)
        return exp.Not(this=p(test)) if node.negated else test

    def visit_Between(self, node: ast.Between, want: Type | None) -> exp.Expression:
        t = _operand_type(node.operand, node.low, node.high)
        (x, lo, hi), native = self.operands([node.operand, node.low, node.high], t)
        if t is Type.NUMBER and self.d.name == "sqlite" and not native:
            test: exp.Expression = exp.And(this=p(self.n.compare(exp.GTE, x, lo)),
                                           expression=p(self.n.compare(exp.LTE, x.copy(), hi)))
        else:
            test = exp.Between(this=self.collate(x, t), low=p(lo), high=p(hi))
        return exp.Not(this=p(test)) if node.negated else test

    # -- calls -----------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call, want: Type | None) -> exp.Expression:
        t = want if node.type in (None, Type.NULL) else node.type  # all null: the type around it
        lowering = CALLS.get(node.name)
        if lowering is None:
            raise ValueError(not_supported(node.name, "sql", node.name_span or node.span))
        return lowering(self, node, t)

    def call_if(self, node: ast.Call, t: Type | None) -> exp.Expression:
        cond, then, other = node.args
        return case((self.expr(cond, Type.BOOLEAN), self.expr(then, t)), default=self.expr(other, t))

    def call_coalesce(self, node: ast.Call, t: Type | None) -> exp.Expression:
        args = [self.expr(a, t) for a in node.args]
        return args[0] if len(args) == 1 else fn("COALESCE", *args)

    def call_round(self, node: ast.Call, t: Type | None) -> exp.Expression:
        places = _int_literal(node.args[1]) if len(node.args) > 1 else 0
        return self.n.round(self.expr(node.args[0], Type.NUMBER), places)

    def call_floor(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return self.n.floor(self.expr(node.args[0], Type.NUMBER))

    def call_ceil(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return self.n.ceil(self.expr(node.args[0], Type.NUMBER))

    def call_abs(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return self.n.abs(self.expr(node.args[0], Type.NUMBER))

    def call_min(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return self.extreme(node, "min", t)

    def call_max(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return self.extreme(node, "max", t)

    def extreme(self, node: ast.Call, name: str, t: Type | None) -> exp.Expression:
        args = [self.expr(a, t) for a in node.args]
        if t is not Type.NUMBER and self.d.name == "sqlite":
            return fn(name.upper(), *args)  # SQLite's scalar min/max: null when any is null
        if self.d.name == "mysql":  # LEAST is null when any argument is: no repetition
            return self.n.extreme(name, [self.collate(args[0], t), *args[1:]])

        def pick(*xs: exp.Expression) -> exp.Expression:
            return self.n.extreme(name, [self.collate(xs[0], t), *xs[1:]])

        return self.n.let(args, pick, [t or Type.NULL] * len(args))

    def call_len(self, node: ast.Call, t: Type | None) -> exp.Expression:
        s = self.expr(node.args[0], Type.TEXT)
        return self.integer(node, fn("CHAR_LENGTH" if self.d.name == "mysql" else "LENGTH", s))

    def call_year(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return self.integer(node, self.part("year", self.expr(node.args[0], Type.DATE)))

    def call_month(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return self.integer(node, self.part("month", self.expr(node.args[0], Type.DATE)))

    def call_days(self, node: ast.Call, t: Type | None) -> exp.Expression:
        a, b = (self.expr(x, Type.DATE) for x in node.args)
        if self.d.name in ("mysql", "spark"):  # Spark's date - date is an interval
            days = fn("DATEDIFF", b, a)
        elif self.d.name == "sqlite":
            diff = exp.Sub(this=fn("JULIANDAY", b), expression=fn("JULIANDAY", a))
            days = cast(diff, dtype("INTEGER"))
        else:
            days = exp.Sub(this=p(b), expression=p(a))
        return self.integer(node, days)

    def call_age(self, node: ast.Call, t: Type | None) -> exp.Expression:
        """Whole years at the period's end: 29 February is reached on 1 March in other years,
        because (2, 28) < (2, 29) <= (3, 1) in month-day order."""
        end = self.period(PERIOD_END)

        def month_day(d: exp.Expression) -> exp.Expression:
            return exp.Add(this=exp.Mul(this=p(self.part("month", d)), expression=num(100)),
                           expression=p(self.part("day", d.copy())))

        def years(born: exp.Expression) -> exp.Expression:
            before = exp.LT(this=p(month_day(end.copy())), expression=p(month_day(born.copy())))
            whole = exp.Sub(this=p(self.part("year", end.copy())), expression=p(self.part("year", born)))
            return exp.Sub(this=whole, expression=case((before, num(1)), default=num(0)))

        born = self.expr(node.args[0], Type.DATE)
        return self.integer(node, self.n.let([born], years, [Type.DATE]))

    def part(self, unit: str, d: exp.Expression) -> exp.Expression:
        """The year, month or day of a date as a native integer."""
        name = self.d.name
        if name == "sqlite":
            start, length = {"year": (1, 4), "month": (6, 2), "day": (9, 2)}[unit]
            return cast(fn("SUBSTR", d, num(start), num(length)), dtype("INTEGER"))
        if name == "postgres":
            extract = exp.Extract(this=exp.var(unit.upper()), expression=d)
            return cast(extract, dtype("INT"))
        if name == "mysql" and unit == "day":
            return fn("DAYOFMONTH", d)
        return fn(unit.upper(), d)

    def period(self, which: str) -> exp.Expression:
        return param(which, Type.DATE, self.d)

    def call_period_start(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return self.period(PERIOD_START)

    def call_period_end(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return self.period(PERIOD_END)

    def call_has(self, node: ast.Call, t: Type | None) -> exp.Expression:
        """``'\\x1fa\\x1fb\\x1f'`` holds ``'a'``: the key between separators (a key holding
        the separator is no key: false, or null when the list is)."""
        def has(chosen: exp.Expression, key: exp.Expression) -> exp.Expression:
            sep = exp.Literal.string(MULTI_SEP)
            needle = self.concat(sep, key, sep.copy())
            holds_sep = exp.GT(this=self.position(key.copy(), sep.copy()), expression=num(0))
            unknown = case((exp.Not(this=exp.Is(this=p(chosen.copy()), expression=exp.Null())),
                            exp.Boolean(this=False)))
            found = exp.GT(this=self.position(chosen, needle), expression=num(0))
            return case((holds_sep, unknown), default=found)

        values = [self.expr(node.args[0], Type.MULTI), self.expr(node.args[1], Type.TEXT)]
        return self.n.let(values, has, [Type.MULTI, Type.TEXT])

    def position(self, haystack: exp.Expression, needle: exp.Expression) -> exp.Expression:
        if self.d.name in ("mysql", "sqlite", "spark"):
            return fn("INSTR", self.collate(haystack, Type.TEXT), needle)
        return fn("STRPOS", haystack, needle)

    def call_id_card_valid(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return idcard.valid(self, self.expr(node.args[0], Type.TEXT))

    def call_id_card_birth(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return idcard.birth(self, self.expr(node.args[0], Type.TEXT))

    def call_id_card_sex(self, node: ast.Call, t: Type | None) -> exp.Expression:
        return idcard.sex(self, self.expr(node.args[0], Type.TEXT))

    # -- strictness ------------------------------------------------------------------------

    def probe(self, node: ast.Expr, certain: bool) -> list[exp.Expression]:
        """What must be evaluated besides the value so that every operand Python evaluates
        (all of them, except past a deciding ``and``/``or`` side, an ``if`` branch not taken,
        a ``coalesce`` argument not reached) is evaluated here too: an overflow in it is an
        error even when another operand is null (MariaDB, and AND/OR/IN chains elsewhere,
        stop early). ``certain``: the value itself is sure to evaluate ``node``."""
        if not may_error(node) or isinstance(node, ast.Aggregate | ast.Prev) or id(node) in self.failing:
            return [] if not may_error(node) or (certain and not self.checks) else [self.entry(node)]
        if isinstance(node, ast.Binary) and node.op in ("and", "or"):
            left = self.probe(node.left, certain)
            right = self.probe(node.right, certain)
            if not right:
                return left
            decides = exp.Not(this=p(self.again(node.left))) if node.op == "and" else self.again(node.left)
            return [*left, case((decides, self.nothing()), default=self.force(right))]
        if isinstance(node, ast.Call) and node.name in LAZY:
            return self.probe_lazy(node, certain)
        entry = _errs(node) and (self.checks or not certain)  # the probe evaluates node itself...
        evaluated = certain or entry  # ...and so, as the engine does, its operands
        out: list[exp.Expression] = []
        for i, child in enumerate(ast.children(node)):
            out.extend(self.probe(child, evaluated and not self.skips(node, i)))
        if entry:
            out.append(self.entry(node))
        return out

    def entry(self, node: ast.Expr) -> exp.Expression:
        """What the probe holds for ``node``: its SQL (evaluated), or on MariaDB its check."""
        if self.checks:
            return exp.GTE(this=fn("ABS", self.again(node)), expression=num(OVERFLOW_AT))
        return self.again(node)

    def nothing(self) -> exp.Expression:
        return exp.Boolean(this=False) if self.checks else num(0)

    def probe_lazy(self, node: ast.Call, certain: bool) -> list[exp.Expression]:
        args = node.args
        if node.name == "if":
            then, other = self.probe(args[1], certain), self.probe(args[2], certain)
            out = self.probe(args[0], certain)
            if then or other:
                out.append(case((self.again(args[0]), self.force(then)), default=self.force(other)))
            return out
        out = self.probe(args[0], certain)
        rest: list[exp.Expression] = []
        for prior, arg in reversed(list(pairwise(args))):
            here = self.probe(arg, certain) + rest
            reached = exp.Is(this=p(self.again(prior)), expression=exp.Null())
            rest = [case((reached, self.force(here)), default=self.nothing())] if here else []
        return out + rest

    def skips(self, node: ast.Expr, index: int) -> bool:
        """May the engine leave operand ``index`` of ``node`` unevaluated?"""
        rules = self.d.may_skip
        if "between_in" in rules and index > 0 and isinstance(node, ast.Between | ast.In):
            return True  # BETWEEN and IN become AND/OR chains that stop early
        if "folding" in rules:  # f(null, x) is folded to null before x is ever evaluated
            names = "stats" in rules
            kids = ast.children(node)
            return any(i != index and _nullifies(node, kid, i, names) for i, kid in enumerate(kids))
        return False

    def force(self, entries: list[exp.Expression]) -> exp.Expression:
        """An integer whose computation evaluates every entry (never null); on MariaDB, whether
        any check failed (OR stops only at a failure)."""
        if not entries:
            return self.nothing()
        if self.checks:
            out = entries[0]
            for e in entries[1:]:
                out = exp.Or(this=out, expression=e)
            return out
        if self.d.name == "postgres":
            return fn("NUM_NULLS", *entries)  # not strict: no argument is folded away
        if self.d.name in ("duckdb", "spark"):
            return fn("hash", *entries)  # never null, and nothing DuckDB can see through
        total: exp.Expression | None = None
        for e in entries:
            term = fn("ISNULL", e) if self.d.name == "mysql" else exp.Paren(
                this=exp.Is(this=p(e), expression=exp.Null()))
            total = term if total is None else exp.Add(this=total, expression=term)
        assert total is not None
        return total


CallLowering = Callable[[Lowering, ast.Call, Type | None], exp.Expression]

# every function SQL implements, by name (held to language/functions.py by
# tests/test_function_table.py); each gets the call and the type it is wanted as
CALLS: dict[str, CallLowering] = {
    "if": Lowering.call_if,
    "coalesce": Lowering.call_coalesce,
    "round": Lowering.call_round,
    "floor": Lowering.call_floor,
    "ceil": Lowering.call_ceil,
    "abs": Lowering.call_abs,
    "min": Lowering.call_min,
    "max": Lowering.call_max,
    "len": Lowering.call_len,
    "year": Lowering.call_year,
    "month": Lowering.call_month,
    "days": Lowering.call_days,
    "age": Lowering.call_age,
    "period_start": Lowering.call_period_start,
    "period_end": Lowering.call_period_end,
    "has": Lowering.call_has,
    "id_card_valid": Lowering.call_id_card_valid,
    "id_card_birth": Lowering.call_id_card_birth,
    "id_card_sex": Lowering.call_id_card_sex,
}


def _operand_type(*nodes: ast.Expr) -> Type | None:
    for n in nodes:
        if n.type is not None and n.type is not Type.NULL:
            return n.type
    return None


def _nullifies(parent: ast.Expr, child: ast.Expr, index: int, names: bool) -> bool:
    """Could an engine fold ``child`` (an operand of ``parent``) to a null constant, and so
    ``parent`` to null without evaluating its other operands? Conservative: when unsure, yes."""
    if isinstance(parent, ast.Binary) and parent.op == "/" and index == 1 and _constant(child):
        return _value(child) in (None, 0)  # x / 0 is x / NULLIF(0, 0)
    return folds_to_null(child, names)


def folds_to_null(node: ast.Expr, names: bool = False) -> bool:
    """Whether ``node`` may be folded to a null constant when the SQL is planned (``names``:
    a column may be, when the table's statistics say it holds only nulls)."""
    if isinstance(node, ast.Literal):
        return node.value is None
    if isinstance(node, ast.Name | ast.Aggregate | ast.Prev):
        return names
    if isinstance(node, ast.IsNull):
        return False
    if _constant(node):
        return _value(node) is None
    if isinstance(node, ast.Binary) and node.op in ("and", "or"):
        return False
    kids = ast.children(node)
    if isinstance(node, ast.Call) and node.name == "if":
        cond, then, other = kids
        if _constant(cond):  # the engine picks the branch when it plans
            return folds_to_null(then if _value(cond) is True else other, names)
        return folds_to_null(then, names) and folds_to_null(other, names)
    if isinstance(node, ast.Call) and node.name == "coalesce":
        return all(folds_to_null(k, names) for k in kids)
    return any(folds_to_null(k, names) for k in kids)  # strict: null in, null out


def _value(node: ast.Expr) -> object:
    """A constant sub-expression's value, as the Python evaluator gives it (``_ERROR`` when it
    fails)."""
    try:
        return eval_node(node, Env())
    except EvaluationError as exc:
        return _OVERFLOW if exc.code == "overflow" else _ERROR


_OVERFLOW, _ERROR = object(), object()


def _int_literal(node: ast.Expr) -> int:
    if isinstance(node, ast.Unary) and node.op == "-":
        return -_int_literal(node.operand)
    assert isinstance(node, ast.Literal) and isinstance(node.value, Decimal)
    return int(node.value)


def _overflows(node: ast.Expr) -> bool:
    """A constant sub-expression that overflows is lowered to an error raised only if reached
    (engines fold constants early, even in a branch that is never taken)."""
    return _value(node) is _OVERFLOW
