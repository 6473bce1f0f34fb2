"""Resident ID numbers in SQL: shape, birth date and GB 11643-1999 checksum, natively.

The same rules as :mod:`formkit.core.idcard` (18 characters: 17 ASCII digits and a check character
``0-9``/``X``, a lower-case ``x`` read as ``X``; a real birth date, year 1 or later, in
characters 7–14; the ISO 7064 MOD 11-2 check), written per engine with the fewest function calls
(engines bind each call, DuckDB slowly): a pattern for the shape, the engine's own date parsing
where it is strict (DuckDB ``try_strptime``, SQLite ``julianday``) or month-length arithmetic,
and the weighted digit sum over a small constant table.
"""

from __future__ import annotations

from typing import Protocol

from sqlglot import exp

from formkit.core.idcard import CHECK_CHARS, WEIGHTS
from formkit.language.ast import Type
from formkit.sql.engines import Dialect, dtype
from formkit.sql.numbers import Numbers, add, case, cast, fn, mul, num, p


class Lowering(Protocol):
    """What these functions use of :class:`formkit.sql.expr.Lowering` (which calls them)."""

    d: Dialect
    n: Numbers

    def null(self, t: Type | None) -> exp.Expression: ...
    def concat(self, *parts: exp.Expression) -> exp.Expression: ...

PATTERN = "[0-9]{17}[0-9Xx]"


def valid(low: Lowering, s: exp.Expression) -> exp.Expression:
    """True/false for text, null for null; each check only when the ones before it held."""
    return low.n.let([s], lambda v: _valid(low, v), [Type.TEXT])


def birth(low: Lowering, s: exp.Expression) -> exp.Expression:
    def body(v: exp.Expression) -> exp.Expression:
        iso = _iso(low, v)
        date = iso if low.d.name == "sqlite" else cast(iso, low.d.type_of(Type.DATE))
        return case((_valid(low, v), date))

    return low.n.let([s], body, [Type.TEXT])


def sex(low: Lowering, s: exp.Expression) -> exp.Expression:
    def body(v: exp.Expression) -> exp.Expression:
        digit = exp.Sub(this=_code(low, fn("SUBSTR", v.copy(), num(17), num(1))), expression=num(48))
        odd = exp.EQ(this=exp.Mod(this=p(digit), expression=num(2)), expression=num(1))
        return case((_valid(low, v), case((odd, exp.Literal.string("M")), default=exp.Literal.string("F"))))

    return low.n.let([s], body, [Type.TEXT])


def _valid(low: Lowering, s: exp.Expression) -> exp.Expression:
    false = exp.Boolean(this=False)
    return case((exp.Is(this=p(s.copy()), expression=exp.Null()), low.null(Type.BOOLEAN)),
                (exp.Not(this=p(_shape(low, s))), false),
                (_real_date(low, s), _checksum(low, s)),  # a null date test (SQLite) is false
                default=false.copy())


def _code(low: Lowering, char: exp.Expression) -> exp.Expression:
    return fn("UNICODE" if low.d.name == "sqlite" else "ASCII", char)


def _shape(low: Lowering, s: exp.Expression) -> exp.Expression:
    name = low.d.name
    if name == "duckdb":  # a full match, so 18 characters
        return fn("regexp_full_match", s.copy(), exp.Literal.string(PATTERN))
    if name == "postgres":  # '$' is the end of the text
        return exp.RegexpLike(this=s.copy(), expression=exp.Literal.string(f"^{PATTERN}$"))
    if name == "sqlite":
        glob = "[0-9]" * 17 + "[0-9Xx]"  # GLOB matches the whole text
        return exp.Glob(this=s.copy(), expression=exp.Literal.string(glob))
    length = exp.EQ(this=fn("CHAR_LENGTH", s.copy()), expression=num(18))
    if name == "spark":  # Java's '$' also matches before a final newline: the length first
        return exp.And(this=length, expression=exp.RegexpLike(this=s.copy(),
                                                              expression=exp.Literal.string(f"^{PATTERN}$")))
    # MariaDB: '$' also matches before a final newline, so the length is checked first
    length = exp.EQ(this=fn("CHAR_LENGTH", s.copy()), expression=num(18))
    matches = exp.GT(this=fn("REGEXP_INSTR", s.copy(), exp.Literal.string(f"^{PATTERN}$")), expression=num(0))
    return exp.And(this=length, expression=matches)


def _iso(low: Lowering, s: exp.Expression) -> exp.Expression:
    """Characters 7-14 as 'YYYY-MM-DD'."""
    return low.concat(fn("SUBSTR", s.copy(), num(7), num(4)), exp.Literal.string("-"),
                      fn("SUBSTR", s.copy(), num(11), num(2)), exp.Literal.string("-"),
                      fn("SUBSTR", s.copy(), num(13), num(2)))


def _real_date(low: Lowering, s: exp.Expression) -> exp.Expression:
    not_year_zero = exp.NEQ(this=fn("SUBSTR", s.copy(), num(7), num(4)), expression=exp.Literal.string("0000"))
    if low.d.name == "duckdb":
        parsed = fn("try_strptime", fn("SUBSTR", s.copy(), num(7), num(8)), exp.Literal.string("%Y%m%d"))
        return exp.And(this=exp.Not(this=exp.Is(this=parsed, expression=exp.Null())), expression=not_year_zero)
    if low.d.name == "sqlite":  # julianday() carries 2023-02-29 over to 2023-03-01 (null: no month 13)
        iso = _iso(low, s)
        return exp.And(this=exp.EQ(this=fn("DATE", fn("JULIANDAY", iso)), expression=iso.copy()),
                       expression=not_year_zero)
    # PostgreSQL and MariaDB parse dates leniently or fail: count the days of the month
    as_int = dtype("SIGNED", "mysql") if low.d.name == "mysql" else dtype("INT")

    def field(start: int, width: int) -> exp.Expression:  # digits only, checked above
        return cast(fn("SUBSTR", s.copy(), num(start), num(width)), as_int)

    def divides(n: int) -> exp.Expression:
        return exp.EQ(this=exp.Mod(this=field(7, 4), expression=num(n)), expression=num(0))

    leap = exp.Or(this=exp.And(this=divides(4), expression=exp.Not(this=p(divides(100)))), expression=divides(400))
    month = field(11, 2)
    last = case((exp.In(this=month, expressions=[num(4), num(6), num(9), num(11)]), num(30)),
                (exp.EQ(this=field(11, 2), expression=num(2)), case((leap, num(29)), default=num(28))),
                default=num(31))
    in_range = exp.And(this=exp.Between(this=field(11, 2), low=num(1), high=num(12)),
                       expression=exp.Between(this=field(13, 2), low=num(1), high=p(last)))
    return exp.And(this=not_year_zero, expression=in_range)


def _checksum(low: Lowering, s: exp.Expression) -> exp.Expression:
    """The check character of the weighted digit sum equals the 18th (``x`` read as ``X``)."""
    total = _weighted_sum(low, s)
    remainder = exp.Mod(this=p(total), expression=num(11))
    position = add(remainder, num(1))
    if low.d.name == "postgres":  # a SUM is a BIGINT, and SUBSTR takes an INT
        position = cast(position, dtype("INT"))
    expected = fn("SUBSTR", exp.Literal.string(CHECK_CHARS), position, num(1))
    given = fn("UPPER", fn("SUBSTR", s.copy(), num(18), num(1)))
    return exp.EQ(this=given, expression=expected)


def _weighted_sum(low: Lowering, s: exp.Expression) -> exp.Expression:
    """Σ digit(i)·weight(i) for i = 1..17, over a constant table of (position, weight)."""
    name = low.d.name
    k, w = exp.to_identifier("fk_k"), exp.to_identifier("fk_w")
    if name == "spark":  # aggregate() over sequence(1, 17): a subquery cannot read the outer row here
        acc = exp.to_identifier("fk_acc")
        digit = exp.Sub(this=_code(low, fn("SUBSTR", s.copy(), k.copy(), num(1))), expression=num(48))
        weight = fn("element_at", fn("array", *[num(x) for x in WEIGHTS]), k.copy())
        step = exp.Lambda(this=exp.Add(this=acc.copy(), expression=mul(digit, weight)), expressions=[acc, k])
        return fn("aggregate", fn("sequence", num(1), num(17)), num(0), step)
    if name == "duckdb":  # a lambda over range(1, 18)
        digit = exp.Sub(this=_code(low, fn("SUBSTR", s.copy(), k.copy(), num(1))), expression=num(48))
        weight = fn("list_extract", exp.Array(expressions=[num(x) for x in WEIGHTS]), k.copy())
        terms = exp.Transform(this=fn("range", num(1), num(18)),
                              expression=exp.Lambda(this=mul(digit, weight), expressions=[k]))
        return cast(fn("list_sum", terms), dtype("BIGINT"))
    pairs = [(i, x) for i, x in enumerate(WEIGHTS, start=1)]
    if name == "mysql":  # JSON_TABLE: MariaDB's table of constants that may read the outer row
        source: exp.Expr = exp.JSONTable(
            this=exp.Literal.string(str([list(pair) for pair in pairs])), path=exp.Literal.string("$[*]"),
            schema=exp.JSONSchema(expressions=[
                exp.JSONColumnDef(this=k.copy(), kind=dtype("INT"), path=exp.Literal.string("$[0]")),
                exp.JSONColumnDef(this=w.copy(), kind=dtype("INT"), path=exp.Literal.string("$[1]"))]))
        source = exp.alias_(source, "fk_t", table=False, copy=False)
        pos, weight = exp.column(k.copy(), "fk_t"), exp.column(w.copy(), "fk_t")
    else:
        rows = exp.Values(expressions=[exp.Tuple(expressions=[num(i), num(x)]) for i, x in pairs])
        if name == "sqlite":  # SQLite names VALUES columns column1, column2
            source = exp.alias_(exp.Subquery(this=rows), "fk_t", table=True, copy=False)
            pos, weight = exp.column("column1", "fk_t"), exp.column("column2", "fk_t")
        else:
            rows.set("alias", exp.TableAlias(this=exp.to_identifier("fk_t"), columns=[k, w]))
            source = rows
            pos, weight = exp.column(k.copy(), "fk_t"), exp.column(w.copy(), "fk_t")
    digit = exp.Sub(this=_code(low, fn("SUBSTR", s.copy(), pos, num(1))), expression=num(48))
    query = exp.select(exp.Sum(this=mul(digit, weight)), copy=False).from_(source, copy=False)
    return exp.Subquery(this=query)
