"""The expression parser: spans in file coordinates and syntax errors in plain words (SPEC §3)."""

from __future__ import annotations

import pytest
from lark import Lark

from formkit.core.source import SourceSpan
from formkit.language import ast, parser
from formkit.language.parser import MAX_DEPTH, grammar_text, parse

SPAN = SourceSpan("t.yaml", 7, 11, 7, 60)


def test_grammar_has_no_conflicts() -> None:
    """DESIGN: the grammar is loaded with strict=True so LALR conflicts and collisions fail CI."""
    Lark(grammar_text(), parser="lalr", strict=True, start=["start", "rows"])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a + b * 2", ast.Binary),
        ("count(person where sex = 'M' and age(birth_date) between row.lo and row.hi)", ast.Aggregate),
        ("not (a = b)", ast.Unary),
        ("x in (1, 2)", ast.In),
        ("x NOT IN (1)", ast.In),
        ("date'2026-10-01' < d", ast.Binary),
        ("orange or or_x", ast.Binary),
        ("走访次数 >= 1", ast.Binary),
        ("a is not null", ast.IsNull),
        ("prev(closing)", ast.Prev),
        ("min(a, b)", ast.Call),
        ("min(severe.subsidy)", ast.Aggregate),
        ("IF(a > 1, 'x', 'y')", ast.Call),
        ("'it''s'", ast.Literal),
    ],
)
def test_parses(text: str, kind: type) -> None:
    tree, issues = parse(text, SPAN)
    assert issues == []
    assert isinstance(tree, kind)


def test_spans_are_file_coordinates() -> None:
    tree, _ = parse("a + 走访次数", SPAN)
    assert isinstance(tree, ast.Binary)
    assert (tree.left.span.line, tree.left.span.column) == (7, 11)
    assert (tree.right.span.column, tree.right.span.end_column) == (15, 19)


def test_keywords_are_case_insensitive_and_names_are_not_keywords() -> None:
    tree, _ = parse("a AND b Or android", SPAN)
    assert isinstance(tree, ast.Binary) and tree.op == "or"
    assert isinstance(tree.right, ast.Name) and tree.right.parts == ("android",)


def test_blank_text_literal_is_null() -> None:
    """SPEC §3: empty or all-blank text is null everywhere."""
    tree, _ = parse("'  '", SPAN)
    assert isinstance(tree, ast.Literal) and tree.value is None


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("(1 + 2", "a '(' is never closed", 17),
        ("round(a, 2", "a '(' is never closed", 21),
        ("a + b)", "a ')' has no matching '('", 16),
        ("a +", "a value is missing after the operator", 14),
        ("a == 1", "use a single '=' to compare", 14),
        ("1 2", "two values stand side by side with no operator between them", 13),
        ("a < b < c", "comparisons cannot be chained", 17),
        ("", "the expression is empty", 11),
        ("* 2", "a value is missing before the operator", 11),
        ("a between 1", "'between' needs two bounds joined by 'and'", 22),
        ("a is 1", "'is' must be followed by 'null' or 'not null'", 16),
        ("a in 1", "'in' needs a list in parentheses", 16),
        ("f(1,)", "an argument is missing between commas", 15),
        ("a.b()", "only the language's own functions can be called", 14),
        ("a && b", "write 'and' instead of '&&'", 14),
        ("'abc", "a text in quotes is not closed", 11),
        ("a || b", "'|' is not an operator", 13),
        ("（1", "the full-width character '（' is not part of the language", 11),
        ("a where b", "'where' can only filter the table of an aggregate", 13),
    ],
)
def test_syntax_errors_are_labelled(text: str, message: str, column: int) -> None:
    tree, issues = parse(text, SPAN)
    assert tree is None
    assert [(i.code, i.message, i.span.line, i.span.column) for i in issues] == [
        ("expr-syntax", message, 7, column)
    ]
    assert issues[0].hint


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("sum(a + b)", "not-a-table"),
        ("prev(1)", "bad-prev"),
        ("count(a, b)", "arg-count"),
        ("round(x, 2 where y)", "expr-syntax"),
        ("date'2026-02-30'", "bad-date"),
        ("1" * 30, "expr-syntax"),
        ("0.12345678901", "expr-syntax"),
    ],
)
def test_forbidden_constructs(text: str, code: str) -> None:
    _, issues = parse(text, SPAN)
    assert [i.code for i in issues] == [code]


@pytest.mark.parametrize(
    "text",
    [
        "abs(" * 300 + "1" + ")" * 300,
        " + ".join(["a"] * (MAX_DEPTH + 5)),
        "-" * 1000 + "1",
        "a" * 20_000,
    ],
    ids=["deep-calls", "long-chain", "many-minus", "huge"],
)
def test_huge_or_deep_expressions_are_refused_not_crashed(text: str) -> None:
    """Issue: deeply nested or huge expressions get a limit and a clear error, no RecursionError."""
    tree, issues = parse(text, SPAN)
    assert tree is None
    assert [i.code for i in issues] == ["expr-too-complex"]


@pytest.mark.parametrize("rows", [False, True])
def test_a_reused_expression_is_located_where_it_stands(rows: bool) -> None:
    """Parsed trees are cached by text: each use is a fresh tree at its own place, exactly the
    spans a first parse there gives (a grid column's expression stands in every row)."""
    text = "person where sex = 'F' and\n  age(birth_date) between 18 and 60" if rows else \
        "count(person where sex = 'F')\n + round(a / b, 2) * -c"
    first, _ = parse(text, SPAN, rows=rows)
    elsewhere = SourceSpan("u.yaml", 30, 5, 31, 40)
    again, issues = parse(text, elsewhere, rows=rows)
    token = parser._BASE.set(elsewhere)  # lark's own spans there, without the cache
    try:
        fresh = parser._lark().parse(text, start="rows" if rows else "start")
    finally:
        parser._BASE.reset(token)
    assert not issues and again is not first

    def spans(tree: object) -> list[tuple[str, SourceSpan]]:
        root = tree.where if isinstance(tree, ast.RowsQuery) else tree
        assert isinstance(root, ast.Expr)
        return [(type(n).__name__, n.span) for n in ast.walk(root)]

    assert spans(again) == spans(fresh)
    assert spans(again) != spans(first)
    assert {s.file for _, s in spans(again)} == {"u.yaml"}


def test_a_reused_expression_is_a_fresh_tree() -> None:
    """Resolution fills in ``ref`` and ``type``: one use must not see another's."""
    first, _ = parse("a + b", SPAN)
    first.type = ast.Type.NUMBER
    first.left.ref = ast.FieldRef("a")
    again, _ = parse("a + b", SPAN)
    assert again.type is None and again.left.ref is None
