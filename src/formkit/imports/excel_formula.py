"""Excel formulas → the expression language, through a real parser (excel.lark).

The caller says what each referenced cell is (a field, a grid cell, nothing); this module turns
the formula's tree into expression text, or says why it does not translate. formkit's own
workbooks wrap every formula to give Excel its meaning (``IFERROR(…,"")``, ``IF(ISNUMBER(r),r,NA())``,
``ROUND(…,10)``, ``IF(COUNT(rng)=0,NA(),SUM(rng))``); those wrappers are read back as what they
stand for, so a rendered workbook imports back to its template.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import LarkError
from openpyxl.utils.cell import column_index_from_string

__all__ = ["CellRef", "Formulas", "Untranslatable", "cells_of", "parse"]

# Binding strength of what an expression text is, to parenthesise only where needed.
_OR, _AND, _NOT, _CMP, _CAT, _ADD, _MUL, _NEG, _ATOM = range(1, 10)


@dataclass(frozen=True)
class CellRef:
    sheet: str | None  # None: the formula's own sheet
    row: int
    col: int


class Untranslatable(Exception):
    """Why a formula does not translate (the message is shown to the admin)."""


@cache
def _parser() -> Lark:
    return Lark((Path(__file__).parent / "excel.lark").read_text(encoding="utf-8"), parser="lalr",
                maybe_placeholders=False)


def parse(formula: str) -> Tree[Token]:
    try:
        return _parser().parse(formula)
    except LarkError as exc:
        raise Untranslatable(f"the formula does not parse ({str(exc).splitlines()[0]})") from None


def _cell(token: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?([0-9]+)", token)
    assert m is not None
    return int(m.group(2)), column_index_from_string(m.group(1).upper())


def _sheet(node: Tree[Token] | None) -> str | None:
    if node is None:
        return None
    name = str(node.children[0])
    if name.startswith("'"):
        name = name[1:-1].replace("''", "'")
    if name.startswith("[") or "[" in name:
        raise Untranslatable(f"it refers to another workbook ({name}): only cells of this report translate")
    return name


def _parts(node: Tree[Token]) -> tuple[str | None, list[str]]:
    sheet = None
    cells: list[str] = []
    for ch in node.children:
        if isinstance(ch, Tree) and ch.data == "sheet":
            sheet = _sheet(ch)
        elif isinstance(ch, Token):
            cells.append(str(ch))
    return sheet, cells


def cells_of(tree: Tree[Token]) -> list[CellRef]:
    """Every cell the formula reads (a range's every cell), to find circles."""
    out: list[CellRef] = []
    for node in tree.iter_subtrees():
        if node.data in ("ref", "range"):
            try:
                sheet, cells = _parts(node)
            except Untranslatable:
                continue
            (r1, c1), (r2, c2) = _cell(cells[0]), _cell(cells[-1])
            out += [CellRef(sheet, r, c) for r in range(min(r1, r2), max(r1, r2) + 1)
                    for c in range(min(c1, c2), max(c1, c2) + 1)]
    return out


NameOf = Callable[[CellRef], str | None]
SumOf = Callable[[list[CellRef]], str | None]


class Formulas:
    """Translate one formula where ``name_of`` names single cells and ``sum_of`` a SUM's cells
    (``sum(col)`` for a grid column's other rows, ``row.a + row.b`` along a row…)."""

    def __init__(self, name_of: NameOf, sum_of: SumOf) -> None:
        self.name_of = name_of
        self.sum_of = sum_of

    def translate(self, tree: Tree[Token]) -> str:
        return self._x(tree)[0]

    # -- the tree ----------------------------------------------------------------------------
    def _x(self, node: Tree[Token] | Token) -> tuple[str, int]:
        if isinstance(node, Token):
            raise Untranslatable(f"'{node}' is not understood here")
        rule = str(node.data)
        handler = getattr(self, f"_{rule}", None)
        if handler is None:
            raise Untranslatable(f"{rule} is not understood")
        result: tuple[str, int] = handler(node)
        return result

    def _inner(self, node: Tree[Token] | Token, strength: int) -> str:
        text, own = self._x(node)
        return text if own >= strength else f"({text})"

    def _number(self, node: Tree[Token]) -> tuple[str, int]:
        try:
            value = Decimal(str(node.children[0]))
        except InvalidOperation:  # pragma: no cover - the grammar admits only numbers
            raise Untranslatable("a number out of range") from None
        text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
        return text, _ATOM

    def _string(self, node: Tree[Token]) -> tuple[str, int]:
        text = str(node.children[0])[1:-1].replace('""', '"')
        if "'" not in text:
            return f"'{text}'", _ATOM
        if '"' not in text:
            return f'"{text}"', _ATOM
        raise Untranslatable("a text with both kinds of quotes")

    def _boolean(self, node: Tree[Token]) -> tuple[str, int]:
        return str(node.children[0]).lower(), _ATOM

    def _error(self, node: Tree[Token]) -> tuple[str, int]:
        if str(node.children[0]) == "#N/A":
            return "null", _ATOM
        raise Untranslatable(f"the Excel error {node.children[0]}")

    def _ref(self, node: Tree[Token]) -> tuple[str, int]:
        sheet, cells = _parts(node)
        row, col = _cell(cells[0])
        name = self.name_of(CellRef(sheet, row, col))
        if name is None:
            raise Untranslatable(f"{cells[0].replace('$', '')} is not a cell of the report")
        return name, _ATOM

    def _range(self, node: Tree[Token]) -> tuple[str, int]:
        raise Untranslatable("a range outside SUM(…)")

    def _range_cells(self, node: Tree[Token]) -> list[CellRef]:
        sheet, cells = _parts(node)
        (r1, c1), (r2, c2) = _cell(cells[0]), _cell(cells[1])
        return [CellRef(sheet, r, c) for r in range(min(r1, r2), max(r1, r2) + 1)
                for c in range(min(c1, c2), max(c1, c2) + 1)]

    def _neg(self, node: Tree[Token]) -> tuple[str, int]:
        return "-" + self._inner(node.children[0], _NEG), _NEG

    def _percent(self, node: Tree[Token]) -> tuple[str, int]:
        return f"{self._inner(node.children[0], _MUL)} / 100", _MUL

    def _power(self, node: Tree[Token]) -> tuple[str, int]:
        raise Untranslatable("^ (a power): the language has no power operator")

    def _arith(self, node: Tree[Token]) -> tuple[str, int]:
        kids = node.children
        strength = _ADD if str(kids[1]) in "+-" else _MUL
        out = self._inner(kids[0], strength)
        for op, right in zip(kids[1::2], kids[2::2], strict=True):
            # a - (b + c) keeps its brackets: the right operand binds one step tighter
            out += f" {op} {self._inner(right, strength + 1)}"
        return out, strength

    def _concat(self, node: Tree[Token]) -> tuple[str, int]:
        return " & ".join(self._inner(k, _CAT + 1) for k in node.children), _CAT

    def _compare(self, node: Tree[Token]) -> tuple[str, int]:
        kids = node.children
        if len(kids) != 3:
            raise Untranslatable("a chain of comparisons")
        op = {"<>": "!=", "=": "="}.get(str(kids[1]), str(kids[1]))
        return f"{self._inner(kids[0], _CAT)} {op} {self._inner(kids[2], _CAT)}", _CMP

    def _call(self, node: Tree[Token]) -> tuple[str, int]:
        name = str(node.children[0]).upper()
        args = [a.children[0] if isinstance(a, Tree) and a.children else None for a in node.children[1:]]
        if any(a is None for a in args):
            raise Untranslatable(f"{name} with an empty argument")
        given: list[Tree[Token]] = [a for a in args if isinstance(a, Tree)]
        handler = _FUNCTIONS.get(name)
        if handler is None:
            raise Untranslatable(f"the function {name} has no counterpart in the language")
        return handler(self, given)

    # -- functions ---------------------------------------------------------------------------
    def f_sum(self, args: list[Tree[Token]]) -> tuple[str, int]:
        cells: list[CellRef] = []
        parts: list[str] = []
        for a in args:
            if a.data == "range":
                cells += self._range_cells(a)
            elif a.data == "ref":
                sheet, names = _parts(a)
                row, col = _cell(names[0])
                cells.append(CellRef(sheet, row, col))
            else:
                parts.append(self._inner(a, _ADD + 1))
        if cells:
            summed = self.sum_of(cells)
            if summed is None:
                raise Untranslatable("SUM over cells that are not all cells of the report")
            parts.insert(0, summed)
        if not parts:
            raise Untranslatable("SUM of nothing")
        return " + ".join(parts), (_ADD if len(parts) > 1 or " + " in parts[0] else _ATOM)

    def f_if(self, args: list[Tree[Token]]) -> tuple[str, int]:
        if len(args) == 3 and _is_isnumber_guard(args):
            return self._x(args[1])  # formkit's own guard: a number, else blank
        if len(args) == 3 and _is_count_guard(args):
            return self._x(args[2])  # formkit's own SUM: blank when every cell is
        if len(args) not in (2, 3):
            raise Untranslatable("IF with other than 2 or 3 arguments")
        parts = [self._x(a)[0] for a in args] + (["null"] if len(args) == 2 else [])
        return f"if({', '.join(parts)})", _ATOM

    def f_iferror(self, args: list[Tree[Token]]) -> tuple[str, int]:
        if len(args) != 2:
            raise Untranslatable("IFERROR with other than 2 arguments")
        fallback = args[1]
        if fallback.data in ("string", "error") and str(fallback.children[0]) in ('""', "#N/A"):
            return self._x(args[0])  # an error shows blank: the language's null does that already
        return f"coalesce({self._x(args[0])[0]}, {self._x(fallback)[0]})", _ATOM

    def f_round(self, args: list[Tree[Token]]) -> tuple[str, int]:
        if len(args) != 2:
            raise Untranslatable("ROUND with other than 2 arguments")
        places = args[1]
        if places.data != "number":
            raise Untranslatable("ROUND to a computed number of places")
        if str(places.children[0]) == "10":
            return self._x(args[0])  # formkit rounds every division to 10 places itself
        return f"round({self._x(args[0])[0]}, {places.children[0]})", _ATOM

    def f_na(self, args: list[Tree[Token]]) -> tuple[str, int]:
        return "null", _ATOM

    def _plain(self, name: str, args: list[Tree[Token]], least: int = 1, most: int = 1) -> tuple[str, int]:
        if not least <= len(args) <= most:
            raise Untranslatable(f"{name.upper()} with {len(args)} arguments")
        return f"{name}({', '.join(self._x(a)[0] for a in args)})", _ATOM

    def f_abs(self, args: list[Tree[Token]]) -> tuple[str, int]:
        return self._plain("abs", args)

    def f_int(self, args: list[Tree[Token]]) -> tuple[str, int]:
        return self._plain("floor", args)

    def f_len(self, args: list[Tree[Token]]) -> tuple[str, int]:
        return self._plain("len", args)

    def f_year(self, args: list[Tree[Token]]) -> tuple[str, int]:
        return self._plain("year", args)

    def f_month(self, args: list[Tree[Token]]) -> tuple[str, int]:
        return self._plain("month", args)

    def f_min(self, args: list[Tree[Token]]) -> tuple[str, int]:
        return self._plain("min", args, 2, 99)

    def f_max(self, args: list[Tree[Token]]) -> tuple[str, int]:
        return self._plain("max", args, 2, 99)

    def f_and(self, args: list[Tree[Token]]) -> tuple[str, int]:
        return " and ".join(self._inner(a, _NOT) for a in args), _AND

    def f_or(self, args: list[Tree[Token]]) -> tuple[str, int]:
        return " or ".join(self._inner(a, _AND) for a in args), _OR

    def f_not(self, args: list[Tree[Token]]) -> tuple[str, int]:
        if len(args) != 1:
            raise Untranslatable("NOT with other than 1 argument")
        return f"not ({self._x(args[0])[0]})", _NOT

    def f_isblank(self, args: list[Tree[Token]]) -> tuple[str, int]:
        if len(args) != 1:
            raise Untranslatable("ISBLANK with other than 1 argument")
        return f"{self._inner(args[0], _CAT)} is null", _CMP


_FUNCTIONS: dict[str, Callable[[Formulas, list[Tree[Token]]], tuple[str, int]]] = {
    "SUM": Formulas.f_sum, "IF": Formulas.f_if, "IFERROR": Formulas.f_iferror, "ROUND": Formulas.f_round,
    "NA": Formulas.f_na, "ABS": Formulas.f_abs, "INT": Formulas.f_int, "LEN": Formulas.f_len,
    "YEAR": Formulas.f_year, "MONTH": Formulas.f_month, "MIN": Formulas.f_min, "MAX": Formulas.f_max,
    "AND": Formulas.f_and, "OR": Formulas.f_or, "NOT": Formulas.f_not, "ISBLANK": Formulas.f_isblank,
}


def _is_isnumber_guard(args: list[Tree[Token]]) -> bool:
    """``IF(ISNUMBER(r), r, NA())``."""
    test, then, other = args
    return (test.data == "call" and str(test.children[0]).upper() == "ISNUMBER" and then.data == "ref"
            and _same(test.children[1], then) and other.data == "call" and str(other.children[0]).upper() == "NA")


def _is_count_guard(args: list[Tree[Token]]) -> bool:
    """``IF(COUNT(rng)=0, NA(), SUM(rng))``."""
    test, then, other = args
    return (test.data == "compare" and isinstance(test.children[0], Tree) and test.children[0].data == "call"
            and str(test.children[0].children[0]).upper() == "COUNT" and then.data == "call"
            and str(then.children[0]).upper() == "NA" and other.data == "call"
            and str(other.children[0]).upper() == "SUM")


def _same(arg: Tree[Token] | Token, ref: Tree[Token]) -> bool:
    inner = arg.children[0] if isinstance(arg, Tree) and arg.data == "arg" else arg
    return isinstance(inner, Tree) and inner == ref
