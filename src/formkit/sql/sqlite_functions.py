"""SQLite functions: the ``formkit_*`` functions that formkit's SQLite lowering calls.

SQLite has no exact decimal type, so :mod:`formkit.sql.numbers` lowers arithmetic, comparison,
rounding and the number aggregates on SQLite to these functions, computed by the Python
evaluator's own arithmetic (docs/semantics.md names each one). The SQLite record of the engine
table (:data:`formkit.sql.engines.ENGINES`) lists them; the SQLite adapter registers them on
every connection it opens.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from formkit.evaluation import functions as fn
from formkit.evaluation.functions import EvaluationError
from formkit.sql.engines import number_text

__all__ = ["AGGREGATE", "SCALAR", "register_sqlite_functions"]


def _number(value: object) -> Decimal:
    if isinstance(value, float):  # a host's REAL column: the shortest text that reads back
        return fn.to_number(repr(value))
    if isinstance(value, bytes):
        raise TypeError("a BLOB is not a number")
    return fn.to_number(value)


def _text(d: Decimal | None) -> str | None:
    return None if d is None else number_text(d)


def _strict(op: Callable[..., Decimal | None]) -> Callable[..., str | None]:
    def call(*args: object) -> str | None:
        if any(a is None for a in args):
            return None
        return _text(op(*(_number(a) for a in args)))

    return call


def _compare(a: object, b: object) -> int | None:
    if a is None or b is None:
        return None
    x, y = _number(a), _number(b)
    return (x > y) - (x < y)


def _round(x: object, places: object) -> str | None:
    if x is None or places is None:
        return None
    assert isinstance(places, int)
    return _text(fn.round_places(_number(x), places))


class _Sum:
    """``formkit_sum``/``formkit_avg``: exact, nulls skipped; of nothing, null."""

    average = False

    def __init__(self) -> None:
        self.total: Decimal | None = None
        self.count = 0

    def step(self, value: object) -> None:
        if value is not None:  # exact, checked once in finalize (the final sum, not each partial)
            self.total = fn.CONTEXT.add(self.total or Decimal(0), _number(value))
            self.count += 1

    def finalize(self) -> str | None:
        if self.total is None:
            return None
        total = fn.fit(self.total)
        return _text(fn.divide(total, Decimal(self.count)) if self.average else total)


class _Avg(_Sum):
    average = True


class _Extreme:
    pick = min

    def __init__(self) -> None:
        self.best: Decimal | None = None

    def step(self, value: object) -> None:
        if value is not None:
            v = _number(value)
            self.best = v if self.best is None else type(self).pick(self.best, v)

    def finalize(self) -> str | None:
        return _text(self.best)


class _Max(_Extreme):
    pick = max


SCALAR: dict[str, tuple[int, Callable[..., Any]]] = {
    "formkit_num": (1, _strict(lambda a: a)),
    "formkit_add": (2, _strict(fn.add)),
    "formkit_sub": (2, _strict(fn.subtract)),
    "formkit_mul": (2, _strict(fn.multiply)),
    "formkit_div": (2, _strict(fn.divide)),
    "formkit_neg": (1, _strict(fn.negate)),
    "formkit_abs": (1, _strict(lambda a: fn.fit(a.copy_abs()))),
    "formkit_floor": (1, _strict(lambda a: fn.fit(a.to_integral_value(rounding="ROUND_FLOOR")))),
    "formkit_ceil": (1, _strict(lambda a: fn.fit(a.to_integral_value(rounding="ROUND_CEILING")))),
    "formkit_round": (2, _round),
    "formkit_cmp": (2, _compare),
    "formkit_min": (-1, _strict(lambda *a: min(a))),
    "formkit_max": (-1, _strict(lambda *a: max(a))),
    "formkit_total": (-1, _strict(lambda *a: fn.exact_sum(a))),  # a grid column's sum: checked once
}
AGGREGATE: dict[str, type[Any]] = {"formkit_sum": _Sum, "formkit_avg": _Avg,
                                   "formkit_min": _Extreme, "formkit_max": _Max}


def _guarded(cls: type[Any], on_error: Callable[[EvaluationError], None] | None) -> type[Any]:
    """An aggregate class whose overflow reaches ``on_error`` too."""

    class Guarded(cls):  # type: ignore[misc]
        def step(self, value: object) -> None:
            try:
                super().step(value)
            except EvaluationError as exc:
                if on_error is not None:
                    on_error(exc)
                raise

        def finalize(self) -> object:  # the final sum is checked here
            try:
                return super().finalize()
            except EvaluationError as exc:
                if on_error is not None:
                    on_error(exc)
                raise

    return Guarded


def register_sqlite_functions(conn: sqlite3.Connection,
                              on_error: Callable[[EvaluationError], None] | None = None) -> None:
    """The ``formkit_*`` functions on one SQLite connection (deterministic, so indexes may
    use them). An overflow inside one is passed to ``on_error`` before SQLite hides it."""

    def guard(f: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: object) -> Any:
            try:
                return f(*args)
            except EvaluationError as exc:
                if on_error is not None:
                    on_error(exc)
                raise

        return call

    for name, (nargs, f) in SCALAR.items():
        conn.create_function(name, nargs, guard(f), deterministic=True)
    for name, cls in AGGREGATE.items():
        conn.create_aggregate(name, 1, _guarded(cls, on_error))
