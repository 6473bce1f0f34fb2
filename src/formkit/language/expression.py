"""A standalone expression: parse, resolve and type one expression over named, typed values.

Used by :func:`formkit.evaluate`, the conformance suite and the differential tests, so that a
lone expression goes through exactly the same passes as one inside a template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.source import SourceSpan
from formkit.document.model import Field
from formkit.language import ast
from formkit.language.ast import Type
from formkit.language.parser import parse
from formkit.language.resolve import Resolver
from formkit.language.scope import Scope, Symbols, Where
from formkit.language.types import TypeChecker

TYPE_NAMES: dict[str, Type] = {
    "integer": Type.NUMBER, "decimal": Type.NUMBER, "number": Type.NUMBER, "text": Type.TEXT,
    "date": Type.DATE, "boolean": Type.BOOLEAN, "multichoice": Type.MULTI, "choice": Type.TEXT,
}


def infer_type(value: object) -> Type | None:
    """The language type of a Python value; None for None (unknown without a declaration)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return Type.BOOLEAN
    if isinstance(value, int | Decimal):
        return Type.NUMBER
    if isinstance(value, dt.date):
        return Type.DATE
    if isinstance(value, list | tuple | set | frozenset):
        return Type.MULTI
    if isinstance(value, str):
        return Type.TEXT
    if isinstance(value, float):
        raise TypeError("floats are not accepted: pass decimal.Decimal (or int) for exact numbers")
    raise TypeError(f"values of type {type(value).__name__} are not part of the language")


def compile_expression(
    text: str,
    types: Mapping[str, Type | str],
    *,
    tables: Mapping[str, Mapping[str, Type]] | None = None,
    file: str = "<expression>",
) -> ast.Expr:
    """Check ``text`` over fields of the given types (and tables of typed columns, which
    aggregates may go over); raise TemplateError with every problem."""
    sym = Symbols()
    here = SourceSpan.point(file)
    for name, t in types.items():
        sym.fields[name] = Field(id=name, label={"zh": name}, span=here, path="")
        sym.field_types[name] = TYPE_NAMES[t] if isinstance(t, str) else t
    for name, columns in (tables or {}).items():
        sym.tables[name] = Field(id=name, label={"zh": name}, type="table", span=here, path="")
        sym.table_columns[name] = dict(columns)
        sym.table_pool[name] = None
    span = SourceSpan(file, 1, 1, 1, len(text) + 1)
    node: ast.Expr | None
    node, issues = parse(text, span)
    if node is not None and not issues:
        scope = Scope(Where.CALC)
        Resolver(sym, scope, "", issues).expression(node)
        TypeChecker(sym, scope, "", issues).check(node)
    if node is None or issues:
        raise TemplateError(issues or [Issue(errors.EXPR_SYNTAX.code, "cannot be read", span)], {file: text})
    return node
