"""Parse: expression text → AST with file spans, syntax errors labelled in plain words."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import unicodedata
from collections.abc import Sequence
from contextvars import ContextVar
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import lark
from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from formkit.core import errors
from formkit.core.errors import Issue
from formkit.core.source import SourceSpan
from formkit.core.text import is_blank
from formkit.language import ast

MAX_LENGTH = 10_000
MAX_DEPTH = 200  # keeps every recursive pass far from Python's recursion limit
MAX_INT_DIGITS = 28
MAX_FRACTION_DIGITS = 10

_BASE: ContextVar[SourceSpan] = ContextVar("_BASE")


def _span(first: Any, last: Any) -> SourceSpan:
    """The file span from the start of ``first`` to the end of ``last`` (tokens or nodes)."""
    start = first.span if isinstance(first, ast.Expr | ast.RowsQuery) else None
    end = last.span if isinstance(last, ast.Expr | ast.RowsQuery) else None
    if start is None:
        start = _BASE.get().within(first.line, first.column, first.line, first.column)
    if end is None:
        end = _BASE.get().within(last.end_line, last.end_column, last.end_line, last.end_column)
    return SourceSpan(start.file, start.line, start.column, end.end_line, end.end_column)


def _text(token: str) -> str | None:
    quote = token[0]
    body = token[1:-1].replace(quote * 2, quote)
    body = unicodedata.normalize("NFC", body)
    # SPEC §3: empty or all-blank text is null everywhere.
    return None if is_blank(body) else body


class _WhereArg(ast.Expr):
    """``source where cond`` as a call argument; only aggregates accept it."""

    def __init__(self, span: SourceSpan, source: ast.Expr, cond: ast.Expr) -> None:
        super().__init__(span)
        self.source = source
        self.cond = cond


class _Build(Transformer[Token, Any]):
    """lark callbacks: build AST nodes only (checks live in later passes)."""

    def start(self, items: list[Any]) -> Any:
        return items[0]

    def rows(self, items: list[Any]) -> Any:
        source = items[0]
        where = items[2] if len(items) > 2 else None
        return ast.RowsQuery(_span(source, items[-1]), source, where)

    def logical(self, items: list[Any]) -> ast.Expr:
        left, op, right = items
        return ast.Binary(_span(left, right), str(op).lower(), left, right)

    def binary(self, items: list[Any]) -> ast.Expr:
        left, op, right = items
        return ast.Binary(_span(left, right), str(op), left, right)

    def compare(self, items: list[Any]) -> ast.Expr:
        left, op, right = items
        return ast.Binary(_span(left, right), "!=" if op == "<>" else str(op), left, right)

    def not_op(self, items: list[Any]) -> ast.Expr:
        return ast.Unary(_span(items[0], items[1]), "not", items[1])

    def unary(self, items: list[Any]) -> ast.Expr:
        return ast.Unary(_span(items[0], items[1]), str(items[0]), items[1])

    def is_null(self, items: list[Any]) -> ast.Expr:
        return ast.IsNull(_span(items[0], items[-1]), items[0], negated=False)

    def is_not_null(self, items: list[Any]) -> ast.Expr:
        return ast.IsNull(_span(items[0], items[-1]), items[0], negated=True)

    def in_op(self, items: list[Any]) -> ast.Expr:
        return ast.In(_span(items[0], items[-1]), items[0], tuple(items[3]), negated=False)

    def not_in_op(self, items: list[Any]) -> ast.Expr:
        return ast.In(_span(items[0], items[-1]), items[0], tuple(items[4]), negated=True)

    def between(self, items: list[Any]) -> ast.Expr:
        return ast.Between(_span(items[0], items[4]), items[0], items[2], items[4], negated=False)

    def not_between(self, items: list[Any]) -> ast.Expr:
        return ast.Between(_span(items[0], items[5]), items[0], items[3], items[5], negated=True)

    def expr_list(self, items: list[Any]) -> list[ast.Expr]:
        return [i for i in items if not isinstance(i, Token)]

    def parens(self, items: list[Any]) -> ast.Expr:
        return items[1]  # type: ignore[no-any-return]

    def number(self, items: list[Any]) -> ast.Expr:
        tok = items[0]
        span = _span(tok, tok)
        whole, _, frac = str(tok).partition(".")
        if len(whole.lstrip("0")) > MAX_INT_DIGITS or len(frac) > MAX_FRACTION_DIGITS:
            return ast.Invalid(
                span,
                errors.EXPR_SYNTAX.code,
                f"the number {tok} is too long",
                "numbers have at most 28 digits before the point and 10 after it",
            )
        return ast.Literal(span, Decimal(str(tok)))

    def string(self, items: list[Any]) -> ast.Expr:
        return ast.Literal(_span(items[0], items[0]), _text(str(items[0])))

    def date(self, items: list[Any]) -> ast.Expr:
        tok = items[0]
        text = str(tok)[str(tok).index("'") :].strip("'")
        try:
            return ast.Literal(_span(tok, tok), dt.date.fromisoformat(text))
        except ValueError:
            return ast.Invalid(
                _span(tok, tok),
                errors.BAD_DATE.code,
                f"{text!r} is not a real date",
                "write dates as date'YYYY-MM-DD', for example date'2026-10-01'",
            )

    def true(self, items: list[Any]) -> ast.Expr:
        return ast.Literal(_span(items[0], items[0]), True)

    def false(self, items: list[Any]) -> ast.Expr:
        return ast.Literal(_span(items[0], items[0]), False)

    def null(self, items: list[Any]) -> ast.Expr:
        return ast.Literal(_span(items[0], items[0]), None)

    def name(self, items: list[Any]) -> ast.Expr:
        parts = tuple(unicodedata.normalize("NFC", str(t)) for t in items if t.type == "NAME")
        return ast.Name(_span(items[0], items[-1]), parts)

    def arguments(self, items: list[Any]) -> list[ast.Expr]:
        return [i for i in items if not isinstance(i, Token)]

    def argument(self, items: list[Any]) -> ast.Expr:
        if len(items) == 1:
            return items[0]  # type: ignore[no-any-return]
        return _WhereArg(_span(items[0], items[2]), items[0], items[2])

    def call(self, items: list[Any]) -> ast.Expr:
        name_tok, args = items[0], (items[2] or [])
        return _make_call(_span(name_tok, items[-1]), _span(name_tok, name_tok), str(name_tok), args)


def _make_call(span: SourceSpan, name_span: SourceSpan, name: str, args: list[ast.Expr]) -> ast.Expr:
    fname = name.lower()
    if fname == "prev":
        return _make_prev(span, args)
    is_aggregate = fname in ast.AGGREGATES and not (fname in ("min", "max") and len(args) != 1)
    if is_aggregate:
        return _make_aggregate(span, fname, args)
    for arg in args:
        if isinstance(arg, _WhereArg):
            return ast.Invalid(
                arg.span,
                errors.EXPR_SYNTAX.code,
                f"{name}() does not take 'where'",
                "only count, sum, avg, min, max and count_distinct filter rows with 'where'",
            )
    return ast.Call(span, fname, tuple(args), name_span)


def _make_prev(span: SourceSpan, args: list[ast.Expr]) -> ast.Expr:
    if len(args) != 1 or not isinstance(args[0], ast.Name):
        return ast.Invalid(
            span,
            errors.BAD_PREV.code,
            "prev() takes exactly one field name",
            "write prev(closing) to read last period's value of the field 'closing'",
        )
    return ast.Prev(span, args[0])


def _make_aggregate(span: SourceSpan, fname: str, args: list[ast.Expr]) -> ast.Expr:
    if len(args) != 1:
        return ast.Invalid(
            span,
            errors.ARG_COUNT.code,
            f"{fname}() takes one table or column, not {len(args)} arguments",
            f"for example {fname}(person where …) or {fname}(severe.subsidy)",
        )
    arg = args[0]
    source, where = (arg.source, arg.cond) if isinstance(arg, _WhereArg) else (arg, None)
    if not isinstance(source, ast.Name):
        hint = "to add values use +, e.g. a + b" if fname == "sum" else None
        if fname in ("min", "max"):
            hint = f"{fname}(a, b) compares two or more values; {fname}(table.column) aggregates"
        return ast.Invalid(
            source.span,
            errors.NOT_A_TABLE.code,
            f"{fname}() needs a table or a table column here",
            hint or f"for example {fname}(person where …)",
        )
    return ast.Aggregate(span, fname, source, where)


# -- the parser and its error labels ---------------------------------------------------------

_EXAMPLES: dict[str, tuple[str, Sequence[str]]] = {
    # label: (hint, examples)
    "a '(' is never closed": (
        "add the missing ')'",
        ["(1", "f(1", "f(1, 2", "(a + b", "x in (1, 2", "((a)", "f(g(1)"],
    ),
    "a ')' has no matching '('": ("remove the extra ')'", ["1)", "a + b)", "f(1))", ")"]),
    "a value is missing after the operator": (
        "complete the expression, e.g. 'a + b'",
        ["1 +", "a *", "a and", "a or", "not", "a =", "a &", "-", "a <", "a between 1 and"],
    ),
    "two values stand side by side with no operator between them": (
        "join them with an operator such as +, and, or, &",
        ["1 2", "a b", "f(1) 2", "'a' 'b'", "a (b)", "f(1 2)"],
    ),
    "comparisons cannot be chained": (
        "compare twice and join with 'and': a < b and b < c",
        ["a < b < c", "a = b = c", "a = b != c"],
    ),
    "use a single '=' to compare": ("write a = 1, not a == 1", ["a == 1", "a = = 1"]),
    "the expression is empty": ("write an expression, e.g. received - released", [""]),
    "a value is missing before the operator": (
        "put a value on both sides, e.g. a * 2",
        ["* 2", "= 1", "and a", "or a", "/ 3", "& 'x'"],
    ),
    "'between' needs two bounds joined by 'and'": (
        "write: age between 18 and 60",
        ["a between 1", "a between 1 or 2", "a between 1, 2"],
    ),
    "'is' must be followed by 'null' or 'not null'": (
        "write: x is null, or x is not null",
        ["a is 1", "a is", "a is not", "a is not 1"],
    ),
    "'in' needs a list in parentheses": ("write: x in (1, 2, 3)", ["a in 1", "a in", "a not in 1"]),
    "an argument is missing between commas": (
        "remove the extra comma or add the missing value",
        ["f(,)", "f(1,)", "f(, 1)", "f(1,,2)", "x in (1,)"],
    ),
    "only the language's own functions can be called": (
        "see docs/expressions.md for the functions: if, coalesce, round, sum, count, …",
        ["a.b()", "a.b.c(1)", "(a)(1)"],
    ),
    "write 'and' instead of '&&'": ("'&' joins text; 'and' combines conditions", ["a && b"]),
}


@cache
def _lark() -> Lark:
    return _build_lark("build", transformer=_Build())


@cache
def _plain_lark() -> Lark:
    """The same grammar without callbacks: only used to label syntax errors."""
    return _build_lark("plain")


def _build_lark(tag: str, **options: Any) -> Lark:
    # Analysing the grammar costs ≈ 0.5 s, more than loading a whole template: keep lark's
    # analysed tables in the user's cache, as Python keeps .pyc files. lark keys the file by
    # the grammar, the options and its own version, and rebuilds when any of them differ or the
    # file cannot be read; the callbacks are attached after loading.
    return Lark(grammar_text(), parser="lalr", start=["start", "rows"], maybe_placeholders=True,
                cache=_cache_file(tag) or False, **options)


def _cache_file(tag: str) -> str | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "formkit")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None  # a read-only home: analyse the grammar every time, as before
    return os.path.join(folder, f"expr-{tag}-lark{lark.__version__}.cache")


def grammar_text() -> str:
    return resources.files("formkit").joinpath("dsl/expr.lark").read_text(encoding="utf-8")


def parse(text: str, span: SourceSpan, path: str = "", *, rows: bool = False) -> tuple[Any, list[Issue]]:
    """Parse ``text`` (located at ``span``): an expression, or with ``rows=True`` a rows query.

    Returns the tree (None on error) and the issues; never raises for bad input.
    """
    if len(text) > MAX_LENGTH:
        return None, [
            _issue(errors.EXPR_TOO_COMPLEX, f"the expression is {len(text)} characters long",
                   span, path, f"expressions may be at most {MAX_LENGTH} characters; split it into several calc fields")
        ]
    cached = _parse_at_origin(text, rows)
    if cached is not None:
        return ast.relocate(cached, span), []
    token = _BASE.set(span)
    try:
        tree = _lark().parse(text, start="rows" if rows else "start")
    except UnexpectedInput as exc:
        return None, [_syntax_issue(exc, text, span, path, rows), *_more_bad_characters(exc, text, span, path, rows)]
    finally:
        _BASE.reset(token)
    issues = _post_parse_issues(tree, path)
    return (None if issues else tree), issues


_ORIGIN = SourceSpan("", 1, 1, 1, 1)  # spans of a tree parsed here are relative to its text


@lru_cache(maxsize=8192)
def _parse_at_origin(text: str, rows: bool) -> Any:
    """The tree of a valid expression, spans relative to its text; None when it has problems.

    A catalog repeats the same expressions (a grid column's in every row, a table column's in
    every template built from one pattern) and lark is the dearest step of loading: each text is
    parsed once, and every use gets a fresh copy (later passes fill in ``ref`` and ``type``)
    located where it stands. Invalid texts are parsed where they stand, for their issues.
    """
    token = _BASE.set(_ORIGIN)
    try:
        tree = _lark().parse(text, start="rows" if rows else "start")
    except UnexpectedInput:
        return None
    finally:
        _BASE.reset(token)
    return None if _post_parse_issues(tree, "") else tree


parse_at_origin = _parse_at_origin  # the shared tree, for read-only passes (expr/reuse.py)


def _post_parse_issues(tree: Any, path: str) -> list[Issue]:
    root = tree.where if isinstance(tree, ast.RowsQuery) else tree
    if root is None:
        return []
    issues: list[Issue] = []
    depth: dict[int, int] = {id(root): 1}
    for node in ast.walk(root):
        level = depth[id(node)]
        if level > MAX_DEPTH:
            return [
                _issue(errors.EXPR_TOO_COMPLEX, f"the expression is nested more than {MAX_DEPTH} levels deep",
                       root.span, path, "split it into several calc fields")
            ]
        for child in ast.children(node):
            depth[id(child)] = level + 1
        if isinstance(node, ast.Invalid):
            issues.append(Issue(node.code, node.message, node.span, path, node.hint))
        elif isinstance(node, _WhereArg):
            issues.append(
                _issue(errors.EXPR_SYNTAX, "'where' can only filter the table of an aggregate", node.span,
                       path, "for example count(person where sex = 'F')")
            )
    return issues


def _issue(code: errors.ErrorCode, message: str, span: SourceSpan, path: str, hint: str | None) -> Issue:
    return Issue(code.code, message, span, path, hint)


def _syntax_issue(exc: UnexpectedInput, text: str, span: SourceSpan, path: str, rows: bool) -> Issue:
    line, column = _error_position(exc, text)
    where = span.within(line, column, line, column + 1)
    if isinstance(exc, UnexpectedCharacters):
        message, hint = _bad_character(text, exc)
        return _issue(errors.EXPR_SYNTAX, message, where, path, hint)
    if isinstance(exc, UnexpectedToken) and exc.token.type == "WHERE":
        return _issue(errors.EXPR_SYNTAX, "'where' can only filter the table of an aggregate", where,
                      path, "for example count(person where sex = 'F')")
    start = "rows" if rows else "start"
    # Labels are matched on the parser state, so the error must come from the same parser
    # instance as the examples: re-parse with the callback-free one.
    try:
        _plain_lark().parse(text, start=start)
    except UnexpectedInput as plain_exc:
        exc = plain_exc
    word, where = _word_operator(exc, text, span, where)
    if word is not None:
        meant = _WORD_OPERATORS[word]
        example = "not (a > 1)" if meant == "not" else f"a > 1 {meant} a < 3"
        return _issue(errors.EXPR_SYNTAX, f"'{word}' is not an operator", where, path,
                      f"write '{meant}': {example}")
    label = _label(exc, start)
    if label is not None:
        return _issue(errors.EXPR_SYNTAX, label, where, path, _EXAMPLES[label][0])
    if rows:
        hint = "write the pool table, optionally filtered: person where disability_level in (1, 2)"
    else:
        hint = "see docs/expressions.md for what an expression may contain"
    found = _found(exc)
    return _issue(errors.EXPR_SYNTAX, f"unexpected {found}", where, path, hint)


def _more_bad_characters(first: UnexpectedInput, text: str, span: SourceSpan, path: str, rows: bool) -> list[Issue]:
    """Every other character that is not part of the language (`a ≥ 1 and b ≤ 2` has two), each
    where it stands. The parser skips each and goes on; the token errors that follow a skip are
    its consequences (`a 1` after `≥` is dropped), never reported."""
    if not isinstance(first, UnexpectedCharacters):
        return []
    found: list[Issue] = []
    last = [first.pos_in_stream or 0]  # a run of bad characters (`||`) is one problem

    def on_error(exc: UnexpectedInput) -> bool:
        pos = exc.pos_in_stream or 0
        if isinstance(exc, UnexpectedCharacters) and pos > last[0]:
            adjacent, last[0] = pos == last[0] + 1, pos
            if adjacent:
                return True
            line, column = _error_position(exc, text)
            message, hint = _bad_character(text, exc)
            found.append(_issue(errors.EXPR_SYNTAX, message, span.within(line, column, line, column + 1), path, hint))
        return len(found) < 10

    with contextlib.suppress(UnexpectedInput):  # what is left cannot be read: the issues found so far stand
        _plain_lark().parse(text, start="rows" if rows else "start", on_error=on_error)
    return found


def _word_operator(exc: UnexpectedInput, text: str, span: SourceSpan,
                   where: SourceSpan) -> tuple[str | None, SourceSpan]:
    """A Chinese word for an operator where the parser stopped: the unexpected token itself
    (`a > 1 并且 a < 3`), or the word just before it (`非 a > 1` stops on `a`)."""
    if not isinstance(exc, UnexpectedToken):
        return None, where
    if str(exc.token) in _WORD_OPERATORS:
        return str(exc.token), where
    pos = exc.token.start_pos if exc.token.start_pos is not None else len(text)
    before = text[:pos].rstrip()
    for word in sorted(_WORD_OPERATORS, key=len, reverse=True):
        start = len(before) - len(word)
        if before.endswith(word) and (start == 0 or before[start - 1] in " (\t\n"):  # a word, not an id's end
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            return word, span.within(line, column, line, column + len(word))
    return None, where


@cache
def _example_errors(start: str) -> list[tuple[str, UnexpectedInput]]:
    """Each labelled example's parse error, computed once."""
    found: list[tuple[str, UnexpectedInput]] = []
    for label, (_, examples) in _EXAMPLES.items():
        for example in examples:
            try:
                _plain_lark().parse(example, start=start)
            except UnexpectedInput as exc:
                found.append((label, exc))
    return found


def _label(exc: UnexpectedInput, start: str) -> str | None:
    """lark's ``match_examples`` idea (same parser state and expected tokens; an exact token
    match wins), written out because lark 1.3's version fails formatting a debug message."""
    fallback = None
    for label, example in _example_errors(start):
        if example.state != exc.state:
            continue
        if isinstance(exc, UnexpectedToken) and isinstance(example, UnexpectedToken):
            if example.accepts != exc.accepts:
                continue
            if example.token.type == exc.token.type:
                return label
        fallback = fallback or label
    return fallback


def _error_position(exc: UnexpectedInput, text: str) -> tuple[int, int]:
    at_end = isinstance(exc, UnexpectedToken) and exc.token.type == "$END"
    if at_end or isinstance(exc, UnexpectedEOF) or getattr(exc, "line", -1) in (-1, None):
        lines = text.split("\n") or [""]
        return len(lines), len(lines[-1]) + 1
    return int(exc.line), int(exc.column)


def _found(exc: UnexpectedInput) -> str:
    if isinstance(exc, UnexpectedToken):
        if exc.token.type == "$END":
            return "end of the expression"
        return f"'{exc.token}'"
    return "end of the expression"


_CHAR_HINTS = {
    "'": ("a text in quotes is not closed", "add the closing quote: 'text'"),
    '"': ("a text in quotes is not closed", 'add the closing quote: "text"'),
    "|": ("'|' is not an operator", "write 'or' to combine conditions; '&' joins text"),
    "!": ("'!' is not an operator", "write 'not' for negation and '!=' for 'not equal'"),
    "[": ("square brackets are not part of the language", "use parentheses ( )"),
    "{": ("braces are not part of the language", "use parentheses ( )"),
    ";": ("';' is not part of the language", "an expression is one formula without ';'"),
    "%": ("'%' is not an operator", "write a percentage as a / b * 100"),
    "^": ("'^' is not an operator", "write powers as repeated multiplication, a * a"),
    # Mathematical signs an input method offers: the language's own spelling of each.
    "≥": ("'≥' is not an operator", "write '>=': a >= 1"),
    "≤": ("'≤' is not an operator", "write '<=': a <= 1"),
    "≠": ("'≠' is not an operator", "write '!=': a != 1"),
    "×": ("'×' is not an operator", "write '*' to multiply: a * b"),
    "÷": ("'÷' is not an operator", "write '/' to divide: a / b"),
    "＞": ("the full-width character '＞' is not part of the language", "write '>': a > 1 (or '>=')"),
    "＜": ("the full-width character '＜' is not part of the language", "write '<': a < 1 (or '<=')"),
}

# Chinese words for the logical operators, where the parser stopped on them.
_WORD_OPERATORS = {
    "并且": "and", "而且": "and", "且": "and", "和": "and", "与": "and", "同时": "and",
    "或者": "or", "或": "or", "非": "not", "不是": "not",
}


def _bad_character(text: str, exc: UnexpectedCharacters) -> tuple[str, str]:
    pos = exc.pos_in_stream or 0
    char = text[pos] if pos < len(text) else ""
    if char in _CHAR_HINTS:
        return _CHAR_HINTS[char]
    if unicodedata.category(char).startswith("P") and ord(char) > 0x2000:
        # Full-width punctuation typed with a Chinese input method: （）＋，等.
        ascii_form = unicodedata.normalize("NFKC", char)
        if ascii_form != char:
            return (f"the full-width character '{char}' is not part of the language",
                    f"switch the input method to half-width and type '{ascii_form}'")
    return (f"the character '{char}' is not part of the language",
            "see docs/expressions.md for the operators and functions")
