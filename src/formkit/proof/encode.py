"""Expressions as solver terms, with SPEC §3's meaning.

A number, text or date is a :class:`Val`: its value and whether it is null (null propagates
through arithmetic and every strict function). A condition is a :class:`Cond`: when it is true
and when it is false (three-valued; neither means null). Numbers are exact rationals; a value
that SPEC §3 rounds (``/`` to 10 places, ``round``, a field's precision) is rounded here exactly,
half away from zero. What the solver cannot hold exactly (a product or quotient of two fields,
text functions, roster and pool aggregates) raises :class:`Unsupported`: the caller skips the
part and counts it, never guesses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import z3

from formkit.language import ast

DIVISION_PLACES = 10


class Unsupported(Exception):
    """A construct outside what the analysis encodes exactly; the message says which."""


@dataclass(frozen=True)
class Val:
    v: z3.ExprRef
    null: z3.BoolRef
    places: int | None = None  # the value lies on the 10^-places grid (None: not known)
    text: bool = False  # a text: an integer code (Scope.text), compared only for equality
    const: Fraction | None = None  # a number known here (literals and arithmetic on them)


@dataclass(frozen=True)
class Cond:
    t: z3.BoolRef
    f: z3.BoolRef

    @property
    def null(self) -> z3.BoolRef:
        return z3.And(z3.Not(self.t), z3.Not(self.f))


@dataclass(frozen=True, eq=False)
class Multi:
    """A multichoice value: null, or the keys chosen (one Bool each)."""

    null: z3.BoolRef
    keys: dict[str, z3.BoolRef]


Term = Val | Cond | Multi
TRUE, FALSE = z3.BoolVal(True), z3.BoolVal(False)


class Scope:
    """What names mean where an expression stands; the model (model.py) fills it in.

    ``nonlinear``: encode products and quotients of fields too (a quotient ``q`` with
    ``q * b = a``). Only for questions whose answer is a submission the evaluator then runs (a
    calc out of bounds): the solver may fail to answer them in time, never mislead.
    """

    nonlinear = False

    def define(self, fact: z3.BoolRef) -> None:
        raise Unsupported("a definition")

    def fresh(self, what: str) -> z3.ArithRef:
        raise Unsupported("a fresh value")

    def rounded(self, v: z3.ArithRef, places_in: int | None, p: int) -> z3.ArithRef:
        return round_to(v, places_in, p)

    def name(self, node: ast.Name) -> Term:
        raise Unsupported(f"the name '{node.dotted}'")

    def grid_column(self, grid: str, col: str) -> Sequence[Val]:
        raise Unsupported(f"the grid column '{grid}.{col}'")

    def prev(self, node: ast.Prev) -> Term:
        raise Unsupported("prev()")

    def text(self, value: str) -> Val:
        """A text constant as its code: texts are only ever compared for equality, so each text
        the template names is a number of its own (and any other text another number)."""
        raise Unsupported(f"the text {value!r}")


def scale(places: int) -> z3.ArithRef:
    return z3.RealVal(Fraction(10) ** places)


def round_to(v: z3.ArithRef, places_in: int | None, p: int) -> z3.ArithRef:
    """``v`` rounded half away from zero to ``p`` places (exact: floor of the scaled value)."""
    if places_in is not None and places_in <= p:
        return v
    s = v * scale(p)
    k = z3.If(s >= 0, z3.ToInt(s + z3.RealVal(Fraction(1, 2))), -z3.ToInt(-s + z3.RealVal(Fraction(1, 2))))
    return z3.ToReal(k) / scale(p)


def literal(value: object) -> Term:
    if value is None:
        return Val(z3.RealVal(0), TRUE, 0)
    if isinstance(value, bool):
        return Cond(z3.BoolVal(value), z3.BoolVal(not value))
    if isinstance(value, Decimal | int):
        d = Decimal(value)
        exp = d.as_tuple().exponent
        return Val(z3.RealVal(Fraction(d)), FALSE, max(0, -exp) if isinstance(exp, int) else None, const=Fraction(d))
    if isinstance(value, dt.date):
        return Val(z3.IntVal(value.toordinal()), FALSE, 0)
    raise Unsupported(f"the constant {value!r}")


def _const(v: Val) -> Fraction | None:
    return v.const


def _both(a: Val, b: Val) -> tuple[Val, Val]:
    """The literal ``null`` takes the sort of what it meets."""
    if a.v.sort() != b.v.sort() or a.text != b.text:
        if z3.is_true(a.null) and _const(b) is None and a.v.sort() == z3.RealSort():
            a = Val(b.v, TRUE, b.places, b.text)
        elif z3.is_true(b.null) and b.v.sort() == z3.RealSort():
            b = Val(a.v, TRUE, a.places, a.text)
        else:
            raise Unsupported("values of different kinds")
    return a, b


def _places(*ps: int | None) -> int | None:
    return None if any(p is None for p in ps) else max(p for p in ps if p is not None)


def _cmp(op: str, a: z3.ExprRef, b: z3.ExprRef) -> z3.BoolRef:
    ops: dict[str, Callable[[z3.ExprRef, z3.ExprRef], z3.BoolRef]] = {
        "=": lambda x, y: x == y, "!=": lambda x, y: x != y, "<": lambda x, y: x < y,
        "<=": lambda x, y: x <= y, ">": lambda x, y: x > y, ">=": lambda x, y: x >= y}
    return ops[op](a, b)


def truth(c: Cond) -> z3.BoolRef:
    """A condition as ``visible``/``required``/``when`` take it: null counts as false."""
    return c.t


def and3(a: Cond, b: Cond) -> Cond:
    return Cond(z3.And(a.t, b.t), z3.Or(a.f, b.f))


def or3(a: Cond, b: Cond) -> Cond:
    return Cond(z3.Or(a.t, b.t), z3.And(a.f, b.f))


def not3(a: Cond) -> Cond:
    return Cond(a.f, a.t)


class Encoder:
    """One expression tree to a :data:`Term`, a dispatch by node type as evaluator.py does."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def term(self, node: ast.Expr) -> Term:
        method = getattr(self, "_" + type(node).__name__.lower(), None)
        if method is None:
            raise Unsupported(f"{type(node).__name__.lower()} expressions")
        out: Term = method(node)
        return out

    def cond(self, node: ast.Expr) -> Cond:
        return self._as_cond(self.term(node))

    def val(self, node: ast.Expr) -> Val:
        t = self.term(node)
        if not isinstance(t, Val):
            raise Unsupported("true/false or a multichoice used as a value")
        return t

    def num(self, node: ast.Expr) -> Val:
        t = self.val(node)
        if t.v.sort() != z3.RealSort():
            raise Unsupported("arithmetic on text or dates")
        return t

    # -- leaves
    def _literal(self, n: ast.Literal) -> Term:
        if isinstance(n.value, str):
            return self.scope.text(n.value)
        return literal(n.value)

    def _name(self, n: ast.Name) -> Term:
        return self.scope.name(n)

    def _prev(self, n: ast.Prev) -> Term:
        return self.scope.prev(n)

    # -- operators
    def _unary(self, n: ast.Unary) -> Term:
        if n.op == "not":
            return not3(self.cond(n.operand))
        a = self.num(n.operand)
        return Val(-a.v, a.null, a.places, const=None if a.const is None else -a.const)

    def _binary(self, n: ast.Binary) -> Term:
        if n.op in ("and", "or"):
            p, q = self.cond(n.left), self.cond(n.right)
            return and3(p, q) if n.op == "and" else or3(p, q)
        if n.op in ("=", "!=", "<", "<=", ">", ">="):
            return self._compare(n.op, n.left, n.right)
        if n.op == "&":
            raise Unsupported("text joined with &")
        a, b = self.num(n.left), self.num(n.right)
        null = z3.Or(a.null, b.null)
        ca, cb = _const(a), _const(b)
        if n.op == "+":
            s = ca + cb if ca is not None and cb is not None else None
            return Val(a.v + b.v, null, _places(a.places, b.places), const=s)
        if n.op == "-":
            d = ca - cb if ca is not None and cb is not None else None
            return Val(a.v - b.v, null, _places(a.places, b.places), const=d)
        if n.op == "*":
            if ca is None and cb is None and not self.scope.nonlinear:
                raise Unsupported("a product of two fields (non-linear)")
            grid = None if a.places is None or b.places is None else a.places + b.places
            m = ca * cb if ca is not None and cb is not None else None
            return Val(a.v * b.v, null, grid, const=m)
        if cb is None:
            if not self.scope.nonlinear:
                raise Unsupported("a division by a field (non-linear)")
            q = self.scope.fresh("quotient")
            self.scope.define(z3.Implies(b.v != 0, q * b.v == a.v))
            return Val(self.scope.rounded(q, None, DIVISION_PLACES), z3.Or(null, b.v == 0), DIVISION_PLACES)
        if cb == 0:
            return Val(a.v, TRUE, 0)  # division by zero is null
        return Val(self.scope.rounded(a.v / z3.RealVal(cb), None, DIVISION_PLACES), null, DIVISION_PLACES)

    def _compare(self, op: str, left: ast.Expr, right: ast.Expr) -> Cond:
        lt, rt = self.term(left), self.term(right)
        if isinstance(lt, Multi) or isinstance(rt, Multi):
            raise Unsupported("a comparison of multichoice values")
        if isinstance(lt, Cond) or isinstance(rt, Cond):
            lt, rt = self._as_cond(lt), self._as_cond(rt)
            if op not in ("=", "!="):
                raise Unsupported("an order on true/false")
            same_t = z3.Or(z3.And(lt.t, rt.t), z3.And(lt.f, rt.f))
            same_f = z3.Or(z3.And(lt.t, rt.f), z3.And(lt.f, rt.t))
            return Cond(same_t, same_f) if op == "=" else Cond(same_f, same_t)
        a, b = _both(lt, rt)
        if (a.text or b.text) and op not in ("=", "!="):
            raise Unsupported("an order on text")
        known = z3.And(z3.Not(a.null), z3.Not(b.null))
        rel = _cmp(op, a.v, b.v)
        return Cond(z3.And(known, rel), z3.And(known, z3.Not(rel)))

    def _isnull(self, n: ast.IsNull) -> Term:
        t = self.term(n.operand)
        null = t.null
        return Cond(z3.Not(null), null) if n.negated else Cond(null, z3.Not(null))

    def _in(self, n: ast.In) -> Term:
        out = Cond(FALSE, TRUE)
        for item in n.items:
            out = or3(out, self._compare("=", n.operand, item))
        return not3(out) if n.negated else out

    def _between(self, n: ast.Between) -> Term:
        out = and3(self._compare(">=", n.operand, n.low), self._compare("<=", n.operand, n.high))
        return not3(out) if n.negated else out

    # -- functions
    def _call(self, n: ast.Call) -> Term:
        handler = getattr(self, "_fn_" + n.name, None)
        if handler is None:
            raise Unsupported(f"the function {n.name}()")
        out: Term = handler(n.args)
        return out

    def _fn_if(self, args: tuple[ast.Expr, ...]) -> Term:
        c = self.cond(args[0])
        a, b = self.term(args[1]), self.term(args[2])
        if isinstance(a, Multi) or isinstance(b, Multi):
            raise Unsupported("if() of multichoice values")
        if isinstance(a, Cond) or isinstance(b, Cond):
            ca, cb = self._as_cond(a), self._as_cond(b)
            return Cond(z3.If(c.t, ca.t, cb.t), z3.If(c.t, ca.f, cb.f))
        a, b = _both(a, b)
        return Val(z3.If(c.t, a.v, b.v), z3.If(c.t, a.null, b.null), _places(a.places, b.places), a.text)

    @staticmethod
    def _as_cond(t: Term) -> Cond:
        if isinstance(t, Cond):
            return t
        if isinstance(t, Val) and z3.is_true(t.null):
            return Cond(FALSE, FALSE)  # the literal null
        raise Unsupported("a value where true/false is expected")

    def _fn_coalesce(self, args: tuple[ast.Expr, ...]) -> Term:
        terms = [self.term(a) for a in args]
        if any(isinstance(t, Multi) for t in terms):
            raise Unsupported("coalesce() of multichoice values")
        if any(isinstance(t, Cond) for t in terms):
            cs = [self._as_cond(t) for t in terms]
            acc = cs[-1]
            for c in reversed(cs[:-1]):
                acc = Cond(z3.Or(c.t, z3.And(c.null, acc.t)), z3.Or(c.f, z3.And(c.null, acc.f)))
            return acc
        vals = [t for t in terms if isinstance(t, Val)]
        out = vals[-1]
        for each in reversed(vals[:-1]):
            v, out = _both(each, out)
            out = Val(z3.If(v.null, out.v, v.v), z3.And(v.null, out.null), _places(v.places, out.places), v.text)
        return out

    def _fn_round(self, args: tuple[ast.Expr, ...]) -> Term:
        a = self.num(args[0])
        p = 0
        if len(args) > 1:
            d = args[1]
            if not isinstance(d, ast.Literal) or not isinstance(d.value, Decimal):
                raise Unsupported("round() to places that are not a number")
            p = int(d.value)
        return Val(self.scope.rounded(a.v, a.places, p), a.null, max(p, 0))

    def _fn_floor(self, args: tuple[ast.Expr, ...]) -> Term:
        a = self.num(args[0])
        return Val(z3.ToReal(z3.ToInt(a.v)), a.null, 0)

    def _fn_ceil(self, args: tuple[ast.Expr, ...]) -> Term:
        a = self.num(args[0])
        return Val(-z3.ToReal(z3.ToInt(-a.v)), a.null, 0)

    def _fn_abs(self, args: tuple[ast.Expr, ...]) -> Term:
        a = self.num(args[0])
        return Val(z3.If(a.v >= 0, a.v, -a.v), a.null, a.places)

    def _fn_min(self, args: tuple[ast.Expr, ...]) -> Term:
        return self._extreme(args, lambda x, y: x < y)

    def _fn_max(self, args: tuple[ast.Expr, ...]) -> Term:
        return self._extreme(args, lambda x, y: x > y)

    def _extreme(self, args: tuple[ast.Expr, ...], better: Callable[[z3.ExprRef, z3.ExprRef], z3.BoolRef]) -> Term:
        vals = [self.val(a) for a in args]
        out = vals[0]
        for each in vals[1:]:
            out, v = _both(out, each)
            if out.text or v.text:
                raise Unsupported("min/max of text")
            out = Val(z3.If(better(v.v, out.v), v.v, out.v), z3.Or(out.null, v.null), _places(out.places, v.places))
        return out

    def _fn_days(self, args: tuple[ast.Expr, ...]) -> Term:
        a, b = self.val(args[0]), self.val(args[1])
        if a.v.sort() != z3.IntSort() or b.v.sort() != z3.IntSort() or a.text or b.text:
            raise Unsupported("days() of something that is not a date")
        return Val(z3.ToReal(b.v - a.v), z3.Or(a.null, b.null), 0)

    def _fn_has(self, args: tuple[ast.Expr, ...]) -> Term:
        m, k = args
        if not isinstance(m, ast.Name) or not isinstance(k, ast.Literal) or not isinstance(k.value, str):
            raise Unsupported("has() of something other than a field and a key")
        t = self.scope.name(m)
        if not isinstance(t, Multi):
            raise Unsupported("has() of a value that is not a multichoice")
        chosen = t.keys.get(k.value, FALSE)
        return Cond(z3.And(z3.Not(t.null), chosen), z3.And(z3.Not(t.null), z3.Not(chosen)))

    # -- aggregates
    def _aggregate(self, n: ast.Aggregate) -> Term:
        ref = n.source.ref
        if not isinstance(ref, ast.GridColumnRef) or n.where is not None:
            raise Unsupported(f"{n.func}() over a roster or the pool")
        cells = list(self.scope.grid_column(ref.grid, ref.col))
        zero = z3.RealVal(0)
        if n.func == "count":
            return Val(z3.Sum([z3.If(c.null, zero, z3.RealVal(1)) for c in cells]) if cells else zero, FALSE, 0)
        if n.func == "sum":
            if not cells:
                return Val(zero, TRUE, 0)
            total = z3.Sum([z3.If(c.null, zero, c.v) for c in cells])
            return Val(total, z3.And([c.null for c in cells]), _places(*(c.places for c in cells)))
        raise Unsupported(f"{n.func}() over a grid column")
