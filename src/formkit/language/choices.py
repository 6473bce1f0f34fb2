"""Choice constants: a choice compared with a text that is not one of its keys (often its label).

A choice holds its key (`stop`), never its label (`责令停产停业整顿`), so `handling != '责令停产停业整顿'`
type-checks and is silently always true. This pass runs over a resolved, typed expression and
reports every text constant compared with a choice (`=`, `!=`, `in (…)`, `has()`) that is not one of
its keys, with the key to write when the constant is a label.
"""

from __future__ import annotations

from collections.abc import Mapping

from formkit.core import errors
from formkit.core.errors import Issue, suggestion_hint
from formkit.document.model import Label
from formkit.language import ast
from formkit.language.scope import Symbols

Choices = Mapping[str, Label]


def check_choices(node: ast.Expr, sym: Symbols, path: str, issues: list[Issue]) -> None:
    """Append an ``unknown-choice`` issue for each text constant compared with a choice that is not
    one of its keys."""
    stack = [node]
    while stack:
        cur = stack.pop()
        stack.extend(ast.children(cur))
        if isinstance(cur, ast.Binary) and cur.op in ("=", "!="):
            _pair(cur.left, [cur.right], sym, path, issues)
            _pair(cur.right, [cur.left], sym, path, issues)
        elif isinstance(cur, ast.In):
            _pair(cur.operand, list(cur.items), sym, path, issues)
        elif isinstance(cur, ast.Call) and cur.name == "has" and len(cur.args) == 2:
            _pair(cur.args[0], [cur.args[1]], sym, path, issues)


def _pair(subject: ast.Expr, constants: list[ast.Expr], sym: Symbols, path: str, issues: list[Issue]) -> None:
    found = _choices_of(subject, sym)
    if found is None:
        return
    name, choices = found
    for const in constants:
        if not isinstance(const, ast.Literal) or not isinstance(const.value, str) or const.value in choices:
            continue
        issues.append(_issue(name, choices, const, const.value, path))


def _issue(name: str, choices: Choices, node: ast.Literal, text: str, path: str) -> Issue:
    keys = ", ".join(f"'{k}'" for k in choices)
    by_label = [k for k, label in choices.items() if text in label.values()]
    if by_label:
        return Issue(errors.UNKNOWN_CHOICE.code,
                     f"'{text}' is the label of the choice '{by_label[0]}' of '{name}'; a choice holds its key",
                     node.span, path, f"compare with the key: '{by_label[0]}'")
    close = suggestion_hint(text, choices, "key")
    return Issue(errors.UNKNOWN_CHOICE.code, f"'{text}' is not a choice of '{name}', so this never matches",
                 node.span, path, close or f"the keys of '{name}' are {keys}")


def _choices_of(node: ast.Expr, sym: Symbols) -> tuple[str, Choices] | None:
    """The name and choices of a choice-valued operand (a field, a roster column, a pool column,
    `prev()` of a choice field), or None."""
    if isinstance(node, ast.Prev):
        node = node.target
    if not isinstance(node, ast.Name):
        return None
    ref = node.ref
    raw: Choices | str | None = None
    if isinstance(ref, ast.FieldRef) and ref.field in sym.fields:
        raw = sym.fields[ref.field].choices
    elif isinstance(ref, ast.RowColumnRef) and ref.table in sym.tables:
        col = next((c for c in sym.tables[ref.table].columns if c.id == ref.column), None)
        raw = col.choices if col is not None else None
    elif isinstance(ref, ast.PoolColumnRef):
        raw = _pool_choices(sym, ref.table, ref.column)
    if isinstance(raw, str):  # `choices: person.sex`
        table, _, name = raw.partition(".")
        raw = _pool_choices(sym, table, name)
    return (node.dotted, raw) if raw else None


def _pool_choices(sym: Symbols, table: str, column: str) -> Choices | None:
    if sym.pool is None or table not in sym.pool.tables:
        return None
    col = sym.pool.tables[table].columns.get(column)
    return col.choices if col is not None else None
