"""Evaluator (Python): a tree walk over the checked expression AST, with SPEC §3's meaning.

One function per node type, found in a dispatch table; what each operator and function means
lives in functions.py. The parser limits trees to 200 levels, so the recursion is safe.
Pool aggregates are SQL's job: a slot that reads the pool is taken from pre-filled values
(see formeval.py) and reaching one here is an :class:`EvaluationError`.

>>> evaluate("round(a / b, 2)", {"a": 1, "b": 3})
Decimal('0.33')
>>> evaluate("0.1 + 0.2 = 0.3", {})
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from formkit.core.periods import Period, parse_period
from formkit.evaluation import functions as fn
from formkit.evaluation.functions import EvaluationError, Value
from formkit.language import ast
from formkit.language.ast import Type
from formkit.language.expression import compile_expression, infer_type
from formkit.language.functions import not_supported
from formkit.language.scope import FIELD_TYPES

__all__ = ["Env", "EvaluationError", "Value", "compile_standalone", "eval_node", "evaluate"]

Row = Mapping[str, Value]
TIMEZONE = ZoneInfo("Asia/Shanghai")  # SPEC §5: unless the pool says otherwise


def today_in(tz: ZoneInfo = TIMEZONE) -> dt.date:
    return dt.datetime.now(tz).date()


@dataclass(frozen=True)
class Env:
    """Everything an expression can read while it is evaluated.

    ``values`` holds scalar fields by id and grid cells as ``grid.row.col``; ``tables`` the
    (computed) rows of each table; ``rows`` the current row of each table in scope (a column
    expression, a per-row rule, the ``where`` of an aggregate); ``row_params`` the current grid
    row's parameters. ``today`` stands in for the period's dates in a ``once`` template (and
    when no period is given): the date the form is filled.
    """

    values: Mapping[str, Value] = field(default_factory=dict)
    tables: Mapping[str, Sequence[Row]] = field(default_factory=dict)
    prev: Mapping[str, Value] = field(default_factory=dict)
    period: Period | None = None
    today: dt.date | None = None
    grid_rows: Mapping[str, Sequence[str]] = field(default_factory=dict)  # grid -> non-total rows
    rows: Mapping[str, Row] = field(default_factory=dict)
    row_params: Mapping[str, Value] = field(default_factory=dict)

    def period_bounds(self) -> tuple[dt.date, dt.date]:
        p = self.period
        if p is not None and p.start is not None and p.end is not None:
            return p.start, p.end
        day = self.today or today_in()
        return day, day

    def with_row(self, table: str, row: Row) -> Env:
        """The same context inside one row of ``table`` (called per row: kept cheap)."""
        return Env(
            self.values,
            self.tables,
            self.prev,
            self.period,
            self.today,
            self.grid_rows,
            {**self.rows, table: row},
            self.row_params,
        )


# -- the tree walk -----------------------------------------------------------------------------


def eval_node(node: ast.Expr, env: Env) -> Value:
    """The value of a checked expression node."""
    return _DISPATCH[type(node)](node, env)


def _literal(node: ast.Expr, env: Env) -> Value:
    assert isinstance(node, ast.Literal)
    return node.value


def _name(node: ast.Expr, env: Env) -> Value:
    assert isinstance(node, ast.Name)
    ref = node.ref
    if isinstance(ref, ast.FieldRef):
        return env.values.get(ref.field)
    if isinstance(ref, ast.GridCellRef):
        return env.values.get(f"{ref.grid}.{ref.row}.{ref.col}")
    if isinstance(ref, ast.RowParamRef):
        return env.row_params.get(ref.name)
    if isinstance(ref, ast.RowColumnRef):
        row = env.rows.get(ref.table)
        if row is None:
            raise EvaluationError(f"'{node.dotted}' is read outside a row of '{ref.table}'")
        return row.get(ref.column)
    if isinstance(ref, ast.SourceFieldRef):  # a derived template's source: env keys "alias.slot"
        return env.values.get(f"{ref.alias}.{ref.slot}")
    if isinstance(ref, ast.SourceColumnRef):
        source_row = env.rows.get(f"{ref.alias}.{ref.table}")
        if source_row is None:
            raise EvaluationError(f"'{node.dotted}' is read outside a row of '{ref.alias}.{ref.table}'")
        return source_row.get(ref.column)
    if isinstance(ref, ast.PoolColumnRef | ast.PoolTableRef):
        raise EvaluationError(f"'{node.dotted}' reads the data pool, which SQL evaluates", "pool")
    raise EvaluationError(f"'{node.dotted}' has no value here")


def _unary(node: ast.Expr, env: Env) -> Value:
    assert isinstance(node, ast.Unary)
    value = eval_node(node.operand, env)
    if node.op == "not":
        return fn.not3(value)
    if value is None:
        return None
    assert isinstance(value, Decimal)
    return fn.negate(value) if node.op == "-" else value


def _binary(node: ast.Expr, env: Env) -> Value:
    assert isinstance(node, ast.Binary)
    op = node.op
    if op in ("and", "or"):
        return _logical(node, env)
    left, right = eval_node(node.left, env), eval_node(node.right, env)
    if op == "&":
        return fn.concat(left, right)
    if op in fn.ARITHMETIC:
        if left is None or right is None:
            return None
        assert isinstance(left, Decimal) and isinstance(right, Decimal)
        return fn.ARITHMETIC[op](left, right)
    return fn.compare(op, left, right)


def _logical(node: ast.Binary, env: Env) -> Value:
    """Three-valued: ``false and null`` is false, ``true or null`` is true. The right side is
    not evaluated when the left decides (a condition that guards the right stays a guard)."""
    decisive = node.op == "or"  # the value that settles the result on its own
    left = eval_node(node.left, env)
    if left is decisive:
        return decisive
    right = eval_node(node.right, env)
    if right is decisive:
        return decisive
    if left is None or right is None:
        return None
    return not decisive


def _is_null(node: ast.Expr, env: Env) -> Value:
    assert isinstance(node, ast.IsNull)
    return (eval_node(node.operand, env) is None) != node.negated


def _in(node: ast.Expr, env: Env) -> Value:
    assert isinstance(node, ast.In)
    result = fn.member(eval_node(node.operand, env), [eval_node(i, env) for i in node.items])
    return fn.not3(result) if node.negated else result


def _between(node: ast.Expr, env: Env) -> Value:
    assert isinstance(node, ast.Between)
    result = fn.between(eval_node(node.operand, env), eval_node(node.low, env), eval_node(node.high, env))
    return fn.not3(result) if node.negated else result


def _call(node: ast.Expr, env: Env) -> Value:
    assert isinstance(node, ast.Call)
    run = CALLS.get(node.name)
    if run is None:
        raise EvaluationError(not_supported(node.name, "python", node.name_span or node.span), "unsupported")
    return run(node, env)


def _if(node: ast.Call, env: Env) -> Value:
    """Lazy, and a null condition takes the else branch."""
    cond, then, other = node.args
    return eval_node(then if eval_node(cond, env) is True else other, env)


def _coalesce(node: ast.Call, env: Env) -> Value:
    for arg in node.args:
        value = eval_node(arg, env)
        if value is not None:
            return value
    return None


Call = Callable[[ast.Call, Env], Value]


def _strict(impl: fn.Strict) -> Call:
    return lambda node, env: fn.call(impl, [eval_node(a, env) for a in node.args], env)


# every function the Python evaluator implements, by name (held to language/functions.py by
# tests/test_function_table.py): the lazy ones get their argument nodes, the others values
CALLS: dict[str, Call] = {"if": _if, "coalesce": _coalesce, **{name: _strict(f) for name, f in fn.STRICT.items()}}


def _aggregate(node: ast.Expr, env: Env) -> Value:
    assert isinstance(node, ast.Aggregate)
    ref = node.source.ref
    if isinstance(ref, ast.TableRef | ast.TableColumnRef):
        rows = [r for r in env.tables.get(ref.table, ()) if _keeps(node.where, env.with_row(ref.table, r))]
        if isinstance(ref, ast.TableRef):  # count(table where …): rows, not values
            return Decimal(len(rows))
        return fn.aggregate(node.func, [r.get(ref.column) for r in rows])
    if isinstance(ref, ast.GridColumnRef):
        cells = [env.values.get(f"{ref.grid}.{r}.{ref.col}") for r in env.grid_rows.get(ref.grid, ())]
        return fn.aggregate(node.func, cells if _keeps(node.where, env) else [])
    if isinstance(ref, ast.SourceTableRef | ast.SourceColumnRef):  # env tables "alias.roster"
        key = f"{ref.alias}.{ref.table}"
        rows = [r for r in env.tables.get(key, ()) if _keeps(node.where, env.with_row(key, r))]
        if isinstance(ref, ast.SourceTableRef):
            return Decimal(len(rows))
        return fn.aggregate(node.func, [r.get(ref.column) for r in rows])
    raise EvaluationError(f"{node.func}({node.source.dotted} …) reads the data pool, which SQL evaluates", "pool")


def _keeps(where: ast.Expr | None, env: Env) -> bool:
    return where is None or eval_node(where, env) is True


def _prev(node: ast.Expr, env: Env) -> Value:
    assert isinstance(node, ast.Prev)
    ref = node.target.ref
    if isinstance(ref, ast.GridCellRef):
        return env.prev.get(f"{ref.grid}.{ref.row}.{ref.col}")
    return env.prev.get(ref.field if isinstance(ref, ast.FieldRef) else node.target.dotted)


_DISPATCH: dict[type[ast.Expr], Callable[[ast.Expr, Env], Value]] = {
    ast.Literal: _literal,
    ast.Name: _name,
    ast.Unary: _unary,
    ast.Binary: _binary,
    ast.IsNull: _is_null,
    ast.In: _in,
    ast.Between: _between,
    ast.Call: _call,
    ast.Aggregate: _aggregate,
    ast.Prev: _prev,
}


# -- a lone expression -------------------------------------------------------------------------

TYPE_WORDS: dict[str, Type] = {**FIELD_TYPES, "number": Type.NUMBER, "null": Type.NULL}
TypeSpec = str | Type | Mapping[str, str | Type]  # a table's spec maps its columns to types


def _type_of(spec: str | Type) -> Type:
    if isinstance(spec, Type):
        return spec
    if spec not in TYPE_WORDS:
        raise ValueError(f"unknown type {spec!r}: one of {', '.join(sorted(TYPE_WORDS))}")
    return TYPE_WORDS[spec]


@lru_cache(maxsize=512)
def _compiled(
    text: str,
    scalars: tuple[tuple[str, Type], ...],
    tables: tuple[tuple[str, tuple[tuple[str, Type], ...]], ...],
) -> ast.Expr:
    return compile_expression(text, dict(scalars), tables={name: dict(cols) for name, cols in tables})


def compile_standalone(text: str, types: Mapping[str, TypeSpec]) -> ast.Expr:
    """Check ``text`` over named values (scalars, and tables given as ``{column: type}``)."""
    scalars = tuple((k, _type_of(v)) for k, v in types.items() if not isinstance(v, Mapping))
    tables = tuple(
        (k, tuple((c, _type_of(t)) for c, t in v.items())) for k, v in types.items() if isinstance(v, Mapping)
    )
    return _compiled(text, scalars, tables)


def _infer(value: object) -> TypeSpec:
    if isinstance(value, list | tuple) and value and all(isinstance(r, Mapping) for r in value):
        columns: dict[str, str | Type] = {}
        for row in value:
            for k, v in row.items():
                t = _infer_scalar(v)
                if k not in columns or columns[k] is Type.NULL:
                    columns[k] = t
        return columns
    return _infer_scalar(value)


def _infer_scalar(value: object) -> Type:
    return infer_type(value) or Type.NULL  # infer_type refuses floats with a TypeError


def evaluate(
    expr: str,
    values: Mapping[str, object],
    *,
    types: Mapping[str, TypeSpec] | None = None,
    period: str | Period | None = None,
    prev: Mapping[str, object] | None = None,
    today: dt.date | None = None,
) -> Value:
    """Evaluate one expression of the language over named values (SPEC §6).

    Types are inferred from the values (Decimal/int: number, str: text, date, bool, list:
    multichoice, a list of dicts: a table) unless ``types`` names them (``integer``,
    ``decimal``, ``text``, ``date``, ``boolean``, ``multichoice``, …; a table as
    ``{column: type}``). Floats are refused with TypeError. ``period`` (``2026-10``…) gives
    ``age()``, ``period_start()`` and ``period_end()`` their dates; without one (or with
    ``once``) they use ``today`` (default: today in Asia/Shanghai). Raises TemplateError
    when the expression does not compile and EvaluationError when it overflows.
    """
    declared = dict(types or {})
    all_types = {k: declared[k] if k in declared else _infer(v) for k, v in values.items()}
    for k in declared.keys() - all_types.keys():
        all_types[k] = declared[k]
    node = compile_standalone(expr, all_types)
    scalars: dict[str, Value] = {}
    tables: dict[str, list[Row]] = {}
    for k, spec in all_types.items():
        raw = values.get(k)
        if isinstance(spec, Mapping):
            rows = raw if isinstance(raw, list | tuple) else []
            tables[k] = [_row(r, spec) for r in rows if isinstance(r, Mapping)]
        else:
            scalars[k] = fn.to_value(raw, _type_of(spec))
    previous = {k: fn.to_value(v, _type_of(_scalar_spec(all_types.get(k), v))) for k, v in (prev or {}).items()}
    when = parse_period(period) if isinstance(period, str) else period
    return eval_node(node, Env(values=scalars, tables=tables, prev=previous, period=when, today=today))


def _scalar_spec(spec: TypeSpec | None, value: object) -> str | Type:
    if spec is None or isinstance(spec, Mapping):
        return _infer_scalar(value)
    return spec


def _row(raw: Mapping[str, object], spec: Mapping[str, str | Type]) -> Row:
    return {c: fn.to_value(raw.get(c), _type_of(t)) for c, t in spec.items()}
