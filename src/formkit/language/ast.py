"""Expression AST: the one tree every lowering (Python, JS plan, SQL, Excel) reads.

Nodes are immutable dataclasses with a span in file coordinates. Name resolution fills
``Name.ref`` (a :class:`Ref`) and type checking fills ``Expr.type``; both are set once by
their pass and never changed afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from formkit.core.source import SourceSpan


class Type(Enum):
    """Value types of the language. CHOICE values are text keys; MULTI is a list of keys."""

    NUMBER = "number"
    TEXT = "text"
    DATE = "date"
    BOOLEAN = "boolean"
    MULTI = "multichoice"
    NULL = "null"  # the literal `null`: fits any type
    ROWS = "rows"  # a table or pool table, only as an aggregate source


@dataclass(eq=False)
class Expr:
    span: SourceSpan
    type: Type | None = field(default=None, init=False, repr=False)


@dataclass(eq=False)
class Literal(Expr):
    value: Decimal | str | bool | dt.date | None


@dataclass(eq=False)
class Name(Expr):
    """A dotted name: ``received``, ``severe.subsidy``, ``elderly.total.male``, ``row.lo``."""

    parts: tuple[str, ...]
    ref: Ref | None = field(default=None, init=False, repr=False)

    @property
    def dotted(self) -> str:
        return ".".join(self.parts)


@dataclass(eq=False)
class Unary(Expr):
    op: str  # "-" | "not"
    operand: Expr


@dataclass(eq=False)
class Binary(Expr):
    op: str  # + - * / & = != < <= > >= and or
    left: Expr
    right: Expr


@dataclass(eq=False)
class IsNull(Expr):
    operand: Expr
    negated: bool


@dataclass(eq=False)
class In(Expr):
    operand: Expr
    items: tuple[Expr, ...]
    negated: bool


@dataclass(eq=False)
class Between(Expr):
    operand: Expr
    low: Expr
    high: Expr
    negated: bool


@dataclass(eq=False)
class Call(Expr):
    """A scalar function call; ``name`` is lower-case."""

    name: str
    args: tuple[Expr, ...]
    name_span: SourceSpan | None = None


@dataclass(eq=False)
class Aggregate(Expr):
    """``count(person where …)``, ``sum(severe.subsidy)``, ``min(enterprise.employees)``.

    ``source`` names a table (``person``, ``severe``) or a column of one
    (``enterprise.employees``); ``where`` filters its rows. Bare names inside ``where`` (and
    inside a column source) are that table's columns.
    """

    func: str  # count | sum | avg | min | max | count_distinct
    source: Name
    where: Expr | None


@dataclass(eq=False)
class Prev(Expr):
    """``prev(field)``: the same org unit's value in the previous period."""

    target: Name


@dataclass(eq=False)
class RowsQuery:
    """A table's ``rows:``: ``person where disability_level in (1, 2)``."""

    span: SourceSpan
    source: Name
    where: Expr | None


# -- what a name refers to, filled in by resolution ------------------------------------------


@dataclass(frozen=True)
class Ref:
    pass


@dataclass(frozen=True)
class FieldRef(Ref):
    field: str  # a scalar field id


@dataclass(frozen=True)
class GridCellRef(Ref):
    grid: str
    row: str
    col: str


@dataclass(frozen=True)
class GridColumnRef(Ref):
    """``elderly.male`` as an aggregate source: the column's non-total rows."""

    grid: str
    col: str


@dataclass(frozen=True)
class RowParamRef(Ref):
    """``row.lo``: a constant parameter of the current grid row."""

    name: str


@dataclass(frozen=True)
class TableRef(Ref):
    """A ``table`` field as an aggregate source."""

    table: str


@dataclass(frozen=True)
class TableColumnRef(Ref):
    """A column of a ``table`` field, inside an aggregate over its rows."""

    table: str
    column: str


@dataclass(frozen=True)
class RowColumnRef(Ref):
    """The current row's value of a table column (column expressions, per-row rules, and
    the ``where`` of an aggregate over the table)."""

    table: str
    column: str


@dataclass(frozen=True)
class PoolTableRef(Ref):
    table: str


@dataclass(frozen=True)
class PoolColumnRef(Ref):
    table: str
    column: str


@dataclass(frozen=True)
class SourceFieldRef(Ref):
    """``ledger.expired_cards`` or ``ledger.by_type.visual.grade_1`` in a derived template: a
    scalar field (``slot`` a field id) or a grid cell (``grid.row.col``) of the source template
    that ``alias`` names, as its latest readable submission holds it (SPEC §8.4)."""

    alias: str
    slot: str


@dataclass(frozen=True)
class SourceTableRef(Ref):
    """``ledger.severe`` as an aggregate source or a derived roster's ``rows``: the rows of a
    roster of the source's submission."""

    alias: str
    table: str


@dataclass(frozen=True)
class SourceColumnRef(Ref):
    """A column of a source roster: ``sum(ledger.severe.subsidy)``, a bare ``subsidy`` in the
    aggregate's ``where``, ``ledger.severe.name`` in a derived roster's column ``value``."""

    alias: str
    table: str
    column: str


SOURCE_REFS = (SourceFieldRef, SourceTableRef, SourceColumnRef)


def reads_source(node: Expr | None) -> bool:
    """Whether an expression reads another template's submissions (a derived value)."""
    return node is not None and any(isinstance(n, Name) and isinstance(n.ref, SOURCE_REFS) for n in walk(node))


AGGREGATES = frozenset({"count", "sum", "avg", "min", "max", "count_distinct"})


def children(node: Expr) -> tuple[Expr, ...]:
    """Direct sub-expressions, for passes that walk the tree generically."""
    # Every pass walks every node through here: one look-up by exact type, not up to eight
    # isinstance tests; anything else (a subclass) goes the long way.
    by_type = _CHILDREN.get(type(node))
    return by_type(node) if by_type is not None else _children(node)


def _children(node: Expr) -> tuple[Expr, ...]:
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, IsNull):
        return (node.operand,)
    if isinstance(node, In):
        return (node.operand, *node.items)
    if isinstance(node, Between):
        return (node.operand, node.low, node.high)
    if isinstance(node, Call):
        return node.args
    if isinstance(node, Aggregate):
        return (node.source,) if node.where is None else (node.source, node.where)
    if isinstance(node, Prev):
        return (node.target,)
    return ()


_CHILDREN: dict[type, Callable[[Any], tuple[Expr, ...]]] = {
    Name: lambda n: (),
    Literal: lambda n: (),
    Binary: lambda n: (n.left, n.right),
    Unary: lambda n: (n.operand,),
    Call: lambda n: n.args,
}


def walk(node: Expr) -> list[Expr]:
    """Every node of the tree, parents before children (iterative: no recursion limit)."""
    out: list[Expr] = []
    stack = [node]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(reversed(children(cur)))
    return out


def relocate(node: Any, base: SourceSpan) -> Any:
    """A fresh copy of a tree (an expression or a ``RowsQuery``) whose spans are relative to its
    text, with every span translated to file coordinates at ``base``. The copy has no ``ref``
    or ``type`` yet, so the tree it came from can be copied again. Trees are at most
    ``parser.MAX_DEPTH`` deep, so the recursion is bounded."""
    if node is None:
        return None
    s = node.span
    at = base.within(s.line, s.column, s.end_line, s.end_column)
    return _RELOCATE[type(node)](node, at, base)  # a KeyError: Invalid trees are never cached


def _rel_call(n: Call, at: SourceSpan, b: SourceSpan) -> Call:
    ns = n.name_span
    return Call(at, n.name, tuple(relocate(a, b) for a in n.args),
                None if ns is None else b.within(ns.line, ns.column, ns.end_line, ns.end_column))


_RELOCATE: dict[type, Any] = {
    Name: lambda n, at, b: Name(at, n.parts),
    Literal: lambda n, at, b: Literal(at, n.value),
    Binary: lambda n, at, b: Binary(at, n.op, relocate(n.left, b), relocate(n.right, b)),
    Unary: lambda n, at, b: Unary(at, n.op, relocate(n.operand, b)),
    Call: _rel_call,
    Aggregate: lambda n, at, b: Aggregate(at, n.func, relocate(n.source, b), relocate(n.where, b)),
    IsNull: lambda n, at, b: IsNull(at, relocate(n.operand, b), n.negated),
    In: lambda n, at, b: In(at, relocate(n.operand, b), tuple(relocate(i, b) for i in n.items), n.negated),
    Between: lambda n, at, b: Between(at, relocate(n.operand, b), relocate(n.low, b), relocate(n.high, b),
                                      n.negated),
    Prev: lambda n, at, b: Prev(at, relocate(n.target, b)),
    RowsQuery: lambda n, at, b: RowsQuery(at, relocate(n.source, b), relocate(n.where, b)),
}


@dataclass(eq=False)
class Invalid(Expr):
    """A construct the parser could read but the language does not allow. Parser callbacks
    must not raise (lark wraps exceptions), so they return this; the parser reports it."""

    code: str
    message: str
    hint: str | None = None
