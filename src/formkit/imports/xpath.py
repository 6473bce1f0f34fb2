"""XLSForm expressions (ODK XPath) → the expression language, through a real parser (xpath.lark).

What translates: ``${x}``, numbers and texts, ``+ - * div mod``, comparisons, ``and``/``or``,
``not()``, ``if()``, ``coalesce()``, ``round()``, ``selected()``, ``string-length()``, ``concat()``,
``true()``/``false()``, ``sum()`` and ``count()`` over a repeat. Anything else says why it does not.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from formkit.imports.excel_formula import Untranslatable

__all__ = ["Names", "translate"]

_OR, _AND, _NOT, _CMP, _ADD, _MUL, _NEG, _ATOM = range(1, 9)

# name → how it is read: ("field", id) a field; ("multi", id) a select_multiple; ("column", "table.col")
# a repeat's question; ("table", id) a repeat itself; ("row", col) a question of the repeat being
# translated (in a table column, a sibling column).
Names = Callable[[str], tuple[str, str] | None]


@cache
def _parser() -> Lark:
    return Lark((Path(__file__).parent / "xpath.lark").read_text(encoding="utf-8"), parser="lalr",
                maybe_placeholders=False)


def translate(text: str, names: Names, current: str | None = None) -> str:
    """``text`` in the language; ``current`` is what ``.`` stands for (the question itself)."""
    try:
        tree = _parser().parse(text)
    except LarkError as exc:
        raise Untranslatable(f"the expression does not parse ({str(exc).splitlines()[0]})") from None
    return _X(names, current).x(tree)[0]


class _X:
    def __init__(self, names: Names, current: str | None) -> None:
        self.names = names
        self.current = current

    def x(self, node: Tree[Token] | Token) -> tuple[str, int]:
        if isinstance(node, Token):
            raise Untranslatable(f"'{node}' is not understood here")
        handler: Callable[[Tree[Token]], tuple[str, int]] | None = getattr(self, f"_{node.data}", None)
        if handler is None:
            raise Untranslatable(f"{node.data} is not understood")
        return handler(node)

    def inner(self, node: Tree[Token] | Token, strength: int) -> str:
        text, own = self.x(node)
        return text if own >= strength else f"({text})"

    def _number(self, node: Tree[Token]) -> tuple[str, int]:
        text = str(node.children[0])
        return ("0" + text if text.startswith(".") else text), _ATOM

    def _string(self, node: Tree[Token]) -> tuple[str, int]:
        return str(node.children[0]), _ATOM

    def _var(self, node: Tree[Token]) -> tuple[str, int]:
        name = str(node.children[0])
        found = self.names(name)
        if found is None:
            raise Untranslatable(f"${{{name}}} is not a question of the form")
        kind, ident = found
        if kind == "table":
            raise Untranslatable(f"${{{name}}} is a repeat: only count(${{{name}}}) reads it")
        if kind == "column":
            raise Untranslatable(f"${{{name}}} is a question inside a repeat: only sum() reads it from outside")
        return ident, _ATOM

    def _current(self, node: Tree[Token]) -> tuple[str, int]:
        if self.current is None:
            raise Untranslatable("'.' outside a constraint")
        return self.current, _ATOM

    def _path(self, node: Tree[Token]) -> tuple[str, int]:
        raise Untranslatable(f"the XPath path {node.children[0]}: write ${{name}} instead")

    def _neg(self, node: Tree[Token]) -> tuple[str, int]:
        return "-" + self.inner(node.children[0], _NEG), _NEG

    def _arith(self, node: Tree[Token]) -> tuple[str, int]:
        left, op, right = node.children
        word = str(op)
        if word == "mod":
            a, b = self.inner(left, _MUL), self.inner(right, _MUL)
            # XPath's mod keeps the dividend's sign (truncated division); floor alone would not
            return f"{a} - {b} * if({a} / {b} >= 0, floor({a} / {b}), ceil({a} / {b}))", _ADD
        symbol = "/" if word == "div" else word
        strength = _ADD if symbol in "+-" else _MUL
        return f"{self.inner(left, strength)} {symbol} {self.inner(right, strength + 1)}", strength

    def _compare(self, node: Tree[Token]) -> tuple[str, int]:
        left, op, right = node.children
        return f"{self.inner(left, _ADD)} {op} {self.inner(right, _ADD)}", _CMP

    def _and_(self, node: Tree[Token]) -> tuple[str, int]:
        return f"{self.inner(node.children[0], _AND)} and {self.inner(node.children[1], _NOT)}", _AND

    def _or_(self, node: Tree[Token]) -> tuple[str, int]:
        return f"{self.inner(node.children[0], _OR)} or {self.inner(node.children[1], _AND)}", _OR

    def _call(self, node: Tree[Token]) -> tuple[str, int]:
        name = str(node.children[0]).lower()
        args = [a for a in node.children[1:] if isinstance(a, Tree | Token)]
        if name in ("true", "false") and not args:
            return name, _ATOM
        if name == "not" and len(args) == 1:
            return f"not ({self.x(args[0])[0]})", _NOT
        if name == "if" and len(args) == 3:
            return f"if({', '.join(self.x(a)[0] for a in args)})", _ATOM
        if name == "coalesce" and len(args) >= 2:
            return f"coalesce({', '.join(self.x(a)[0] for a in args)})", _ATOM
        if name == "round" and len(args) in (1, 2):
            places = "0" if len(args) == 1 else self.x(args[1])[0]
            return f"round({self.x(args[0])[0]}, {places})", _ATOM
        if name == "string-length" and len(args) == 1:
            return f"len({self.x(args[0])[0]})", _ATOM
        if name == "concat" and args:
            return " & ".join(self.inner(a, _ADD + 1) for a in args), _ADD
        if name in ("abs", "floor", "ceiling") and len(args) == 1:
            return f"{'ceil' if name == 'ceiling' else name}({self.x(args[0])[0]})", _ATOM
        if name in ("min", "max") and len(args) >= 2:
            return f"{name}({', '.join(self.x(a)[0] for a in args)})", _ATOM
        if name == "selected" and len(args) == 2:
            return self._selected(args[0], args[1])
        if name in ("sum", "count") and len(args) == 1:
            return self._aggregate(name, args[0])
        raise Untranslatable(f"the function {name}() with {len(args)} argument(s) has no counterpart in the language")

    def _selected(self, what: Tree[Token] | Token, key: Tree[Token] | Token) -> tuple[str, int]:
        if not (isinstance(what, Tree) and what.data == "var"):
            raise Untranslatable("selected() of something other than a question")
        found = self.names(str(what.children[0]))
        if found is None:
            raise Untranslatable(f"${{{what.children[0]}}} is not a question of the form")
        k = self.x(key)[0]
        if found[0] == "multi":
            return f"has({found[1]}, {k})", _ATOM
        return f"{self.x(what)[0]} = {k}", _CMP

    def _aggregate(self, name: str, arg: Tree[Token] | Token) -> tuple[str, int]:
        if not (isinstance(arg, Tree) and arg.data == "var"):
            raise Untranslatable(f"{name}() of something other than a repeat or its question")
        found = self.names(str(arg.children[0]))
        if name == "count" and found is not None and found[0] == "table":
            return f"count({found[1]})", _ATOM
        if name == "sum" and found is not None and found[0] == "column":
            return f"sum({found[1]})", _ATOM
        raise Untranslatable(f"{name}(${{{arg.children[0]}}}): {name}() translates over a repeat only")
