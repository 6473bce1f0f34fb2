"""Normalise: the forms in which two fields are compared — a label's, and a checked expression's.

Two pool bindings are one item when their checked trees are equal up to what cannot change the
answer (``and`` commutes, ``between`` is two bounds, an ``in`` list is a set); never by
comparing the text admins wrote. Two labels are one when equal after the normalisation of
SPEC §8.2 (NFKC; spaces and punctuation; a leading 其中/含; a unit suffix such as （人）).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from formkit.language import ast

Canon = tuple[Any, ...]

# Unit words a label may end with in brackets: （人） (户) 【个】 …
_UNITS = ("人", "户", "个", "元", "万元", "千元", "亿元", "人次", "次", "家", "张", "所", "处", "名", "床",
          "间", "平方米", "岁", "%", "‰", "天", "日", "小时", "件", "台", "辆", "套", "项", "位", "个数",
          "万人", "公斤", "吨", "亩", "份", "例", "起", "条", "座", "栋", "月", "年")
_UNIT_SUFFIX = re.compile(r"[(\[【〔](?:单位[:：]?)?(?:" + "|".join(map(re.escape, _UNITS)) + r")[)\]】〕]$")
_LEADING = re.compile(r"^(?:其中|含|包括|内含)[:：,，、]?")
# Labels that name no item on their own: two 合计 are not one number.
GENERIC = frozenset({"合计", "小计", "总计", "其他", "其它", "备注", "说明", "其中", "总数", "数量", "人数", "金额",
                     "名称", "序号", "total", "subtotal", "other", "others", "remarks", "note"})


@functools.lru_cache(maxsize=1 << 16)  # a catalog asks the same few thousand labels again and again
def normalize_label(text: str) -> str:
    """SPEC §8.2's label normalisation, applied until nothing changes."""
    s = unicodedata.normalize("NFKC", text).strip().casefold()
    while True:
        before = s
        s = _UNIT_SUFFIX.sub("", s.rstrip()).strip()
        s = _LEADING.sub("", s).strip()
        if s == before:
            break
    return "".join(ch for ch in s if not _dropped(ch))


def _dropped(ch: str) -> bool:
    kind = unicodedata.category(ch)
    return kind[0] in "PZC" or (kind == "So")


def specific(label: str) -> bool:
    """Whether a normalised label can stand for an item on its own (not 合计, not one letter)."""
    return len(label) >= 2 and label not in GENERIC


# -- checked expressions ---------------------------------------------------------------------

_FLIP = {">": "<", ">=": "<="}
_COMMUTATIVE = frozenset({"and", "or", "+", "*"})
_SYMMETRIC = frozenset({"=", "!="})


def canonical(node: ast.Expr, params: Mapping[str, Any] | None = None,
              local: Callable[[ast.Ref], Canon] | None = None) -> Canon:
    """A hashable form of a checked expression, equal for expressions that mean the same by the
    rules above. ``params`` substitutes a grid row's parameters; ``local`` names what belongs to
    one template (its fields), so such expressions never equal another template's."""
    return _Canon(params or {}, local).of(node)


def canonical_rows(query: ast.RowsQuery, local: Callable[[ast.Ref], Canon] | None = None) -> Canon:
    """A roster's ``rows:`` in the same form: the pool rows it lists."""
    c = _Canon({}, local)
    return ("rows", c.of(query.source), c.of(query.where) if query.where is not None else None)


class _Canon:
    def __init__(self, params: Mapping[str, Any], local: Callable[[ast.Ref], Canon] | None) -> None:
        self.params = params
        self.local = local

    def of(self, node: ast.Expr) -> Canon:
        if isinstance(node, ast.Literal):
            return ("lit", _literal(node.value))
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Unary):
            return (node.op, self.of(node.operand))
        if isinstance(node, ast.Binary):
            return self.binary(node)
        if isinstance(node, ast.IsNull):
            return ("isnull", self.of(node.operand), node.negated)
        if isinstance(node, ast.In):
            return self.in_(node)
        if isinstance(node, ast.Between):
            both = ("and", _sorted([_le(self.of(node.low), self.of(node.operand)),
                                    _le(self.of(node.operand), self.of(node.high))]))
            return ("not", both) if node.negated else both
        if isinstance(node, ast.Call):
            return ("call", node.name, tuple(self.of(a) for a in node.args))
        if isinstance(node, ast.Aggregate):
            where = self.of(node.where) if node.where is not None else None
            return ("agg", node.func, self.of(node.source), where)
        if isinstance(node, ast.Prev):
            return ("prev", self.of(node.target))
        return ("?", type(node).__name__, id(node))  # never equal to anything else

    def name(self, node: ast.Name) -> Canon:
        ref = node.ref
        if isinstance(ref, ast.PoolTableRef):
            return ("pool", ref.table)
        if isinstance(ref, ast.PoolColumnRef):
            return ("pcol", ref.table, ref.column)
        if isinstance(ref, ast.RowParamRef) and ref.name in self.params:
            return ("lit", _literal(self.params[ref.name]))
        if ref is not None and self.local is not None:
            return self.local(ref)
        return ("name", node.parts, repr(ref))

    def binary(self, node: ast.Binary) -> Canon:
        op = node.op
        left, right = self.of(node.left), self.of(node.right)
        if op in _FLIP:
            return (_FLIP[op], right, left)
        if op in _SYMMETRIC:
            return (op, *_sorted([left, right]))
        if op in _COMMUTATIVE:
            terms = [*_flat(op, left), *_flat(op, right)]
            if op in ("and", "or"):
                terms = list(dict.fromkeys(terms))  # `a and a` is `a`
            return (op, _sorted(terms))
        return (op, left, right)

    def in_(self, node: ast.In) -> Canon:
        operand = self.of(node.operand)
        items = _sorted(list(dict.fromkeys(self.of(i) for i in node.items)))
        plain = ("=", *_sorted([operand, items[0]])) if len(items) == 1 else ("in", operand, items)
        return ("not", plain) if node.negated else plain


def _le(low: Canon, high: Canon) -> Canon:
    return ("<=", low, high)


def _flat(op: str, term: Canon) -> list[Canon]:
    return list(term[1]) if term[0] == op and len(term) == 2 and isinstance(term[1], tuple) else [term]


def _sorted(terms: list[Canon]) -> tuple[Canon, ...]:
    return tuple(sorted(terms, key=repr))


def _literal(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal | int):
        d = Decimal(value).normalize()
        return ("num", str(d if d != 0 else Decimal(0)))
    if isinstance(value, dt.date):
        return ("date", value.isoformat())
    return ("text", str(value))
