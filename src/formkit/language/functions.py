"""The function table: every function of the language, once, and the back ends that run them.

Each back end (the Python evaluator, the browser's formkit-compile.js, the SQL lowering, the
Excel formulas) keeps its own registry keyed by these names; tests/test_function_table.py holds
every registry to this table, so a function added here and forgotten somewhere fails there, not
in a user's form. docs/architecture.md ("Adding a function") is the checklist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from formkit.core.source import SourceSpan
from formkit.language.ast import Type

BACKENDS = ("python", "javascript", "sql", "excel")

# how an error message names each back end
_BACKEND_WORDS = {
    "python": "the Python evaluator",
    "javascript": "the browser",
    "sql": "SQL",
    "excel": "Excel",
}

N, T, D, B, M = Type.NUMBER, Type.TEXT, Type.DATE, Type.BOOLEAN, Type.MULTI


@dataclass(frozen=True, slots=True)
class Function:
    """One function of the language (SPEC §3)."""

    name: str
    min_args: int
    max_args: int | None  # None: as many as wanted
    # None: checked by hand in types.py (if's condition, one common type of the values)
    arg_types: tuple[Type, ...] | None
    result: Type | None  # None: the common type of its values
    summary: str  # one line, as docs/expressions.md says it
    # lazy: decides which arguments run, so a null argument does not make it null (if, coalesce)
    lazy: bool = False
    may_overflow: bool = False  # its result can pass 28 digits (the SQL strictness probe asks)
    reads_period: bool = False  # its value depends on the period, not only on its arguments
    unsupported: frozenset[str] = frozenset()  # back ends that refuse it with a located error

    def __post_init__(self) -> None:
        unknown = sorted(self.unsupported - set(BACKENDS))
        if unknown:
            raise ValueError(f"{self.name}(): unknown back ends {unknown}: one of {', '.join(BACKENDS)}")
        if self.arg_types is not None and self.max_args is not None and len(self.arg_types) != self.max_args:
            raise ValueError(f"{self.name}(): {len(self.arg_types)} argument types for {self.max_args} arguments")


def _table(*functions: Function) -> dict[str, Function]:
    return {f.name: f for f in functions}


FUNCTIONS: Mapping[str, Function] = _table(
    Function("round", 1, 2, (N, N), N, "rounded half away from zero to n places (n from −10 to 10)",
             may_overflow=True),
    Function("floor", 1, 1, (N,), N, "the largest whole number not above x", may_overflow=True),
    Function("ceil", 1, 1, (N,), N, "the smallest whole number not below x", may_overflow=True),
    Function("abs", 1, 1, (N,), N, "x without its sign"),
    Function("len", 1, 1, (T,), N, "the number of characters (code points) of a text"),
    Function("year", 1, 1, (D,), N, "the year of a date"),
    Function("month", 1, 1, (D,), N, "the month of a date, 1 to 12"),
    Function("age", 1, 1, (D,), N, "whole years from a date to the end of the period being reported",
             reads_period=True),
    Function("days", 2, 2, (D, D), N, "days from date a to date b"),
    Function("period_start", 0, 0, (), D, "the first day of the period being reported", reads_period=True),
    Function("period_end", 0, 0, (), D, "the last day of the period being reported", reads_period=True),
    Function("has", 2, 2, (M, T), B, "whether a multichoice value holds the choice key k"),
    Function("id_card_valid", 1, 1, (T,), B, "whether a text is a valid 18-digit resident ID number"),
    Function("id_card_birth", 1, 1, (T,), D, "the birth date of a valid resident ID number"),
    Function("id_card_sex", 1, 1, (T,), T, "'M' or 'F' from a valid resident ID number"),
    Function("if", 3, 3, None, None, "a when the condition is true, else b (also when it is null)", lazy=True),
    Function("coalesce", 1, None, None, None, "the first of its values that is not null", lazy=True),
    Function("min", 2, None, None, None, "the smallest of two or more numbers, texts or dates"),
    Function("max", 2, None, None, None, "the largest of two or more numbers, texts or dates"),
)

LAZY = frozenset(name for name, f in FUNCTIONS.items() if f.lazy)
MAY_OVERFLOW = frozenset(name for name, f in FUNCTIONS.items() if f.may_overflow)
READS_PERIOD = frozenset(name for name, f in FUNCTIONS.items() if f.reads_period)


def not_supported(name: str, backend: str, span: SourceSpan | None = None) -> str:
    """The message every back end gives for a function it does not implement, at ``span``."""
    where = f"{span}: " if span is not None else ""
    return f"{where}{name}() is not supported by {_BACKEND_WORDS[backend]}"
