"""Reuse: resolve and type results of an expression text, shared by every template where each
name it reads means the same."""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from formkit.language import ast
from formkit.language.ast import Type
from formkit.language.parser import parse_at_origin
from formkit.language.scope import Scope, Symbols


@dataclass(frozen=True)
class Checked:
    """What resolving and typing one expression produced, in ``ast.walk`` order, with what the
    checker derives from it: reused only where it was produced without an issue."""

    annotations: tuple[tuple[Type | None, ast.Ref | None], ...]
    deps: frozenset[str]
    prev: frozenset[str]
    reads_pool: bool

    def apply(self, node: ast.Expr) -> None:
        """Fill ``type`` and ``ref`` of a fresh copy of the same text's tree (same shape)."""
        for n, (typ, ref) in zip(ast.walk(node), self.annotations, strict=True):
            n.type = typ
            if ref is not None:
                assert isinstance(n, ast.Name)
                n.ref = ref


def annotations_of(node: ast.Expr) -> tuple[tuple[Type | None, ast.Ref | None], ...]:
    return tuple((n.type, n.ref if isinstance(n, ast.Name) else None) for n in ast.walk(node))


@lru_cache(maxsize=8192)
def identifiers(text: str) -> tuple[str, ...] | None:
    """Every word a name of the expression is made of (sorted); None when the text does not
    parse. Any of them may be a field, a table, a grid, a pool table or one of their columns,
    so the reuse key takes the meaning of each."""
    tree = parse_at_origin(text, False)
    if tree is None:
        return None
    words = {part for n in ast.walk(tree) if isinstance(n, ast.Name) for part in n.parts}
    return tuple(sorted(words))


class Meanings:
    """The reuse key of expressions in one template: per word, everything resolving and typing
    read about it from the symbols. Built lazily; the checker calls ``forget`` whenever it
    changes the symbols (the types of table columns are inferred while checking)."""

    def __init__(self, sym: Symbols) -> None:
        self.sym = sym
        self.memo: dict[str, int] = {}  # word -> the number of its meaning

    def forget(self) -> None:
        self.memo.clear()

    def key(self, text: str, scope: Scope) -> Hashable | None:
        words = identifiers(text)
        if words is None:
            return None
        memo = self.memo
        parts: list[Hashable] = [text, scope, self.sym.pool is None]
        # The scope's table and grid are read by bare names (`row.x`, a column of this row).
        for word in (scope.table or "", scope.grid or "", *words):
            number = memo.get(word)
            if number is None:
                number = memo[word] = _number(self._meaning(word))
            parts.append(number)
        return tuple(parts)

    def _meaning(self, word: str) -> Hashable:
        sym = self.sym
        field: Any = ("field", sym.field_types.get(word)) if word in sym.fields else None
        table: Any = None
        if word in sym.tables:
            table = (tuple(sym.table_columns[word].items()), sym.table_pool.get(word), sym.table_source.get(word))
        grid: Any = None
        info = sym.grids.get(word)
        if info is not None:
            grid = (tuple((r, tuple(p.items())) for r, p in info.rows.items()), tuple(info.columns),
                    tuple(sorted(info.total_rows)))
        pool: Any = None
        if sym.pool is not None and word in sym.pool.tables:
            pool = tuple(sym.pool_columns(word).items())
        source: Any = None
        src = sym.sources.get(word)
        if src is not None:  # a derived template's alias: what it reads of its source
            source = (src.file, tuple(src.fields.items()), tuple(sorted(src.grids)),
                      tuple((t, tuple(c.items())) for t, c in src.tables.items()))
        return (word, field, table, grid, pool, source)


# Keyed by the expression text, its scope and the meaning of every word it reads; a catalog
# holds a few hundred distinct keys, so the bound only matters for a long-running process.
_CHECKED: dict[Hashable, Checked] = {}
_CHECKED_KEPT = 16384


# A meaning (nested tuples, a grid's rows and columns) is hashed once per template and word, into
# a number the keys hold: Python does not keep a tuple's hash, and a key is looked up per use.
_NUMBERS: dict[Hashable, int] = {}
_NUMBERS_KEPT = 65536
_COUNTER = itertools.count()


def _number(meaning: Hashable) -> int:
    number = _NUMBERS.get(meaning)
    if number is None:
        if len(_NUMBERS) >= _NUMBERS_KEPT:
            _NUMBERS.clear()
        # Never a number given before, even after the clear: a number a template still holds
        # keeps standing for exactly one meaning.
        number = _NUMBERS[meaning] = next(_COUNTER)
    return number


def lookup(key: Hashable) -> Checked | None:
    return _CHECKED.get(key)


def keep(key: Hashable, checked: Checked) -> None:
    if len(_CHECKED) >= _CHECKED_KEPT:
        del _CHECKED[next(iter(_CHECKED))]
    _CHECKED[key] = checked
