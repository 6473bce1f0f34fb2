"""Property tests: whatever text or YAML comes in, formkit answers with a TemplateError or a
checked template — never another exception (issue: "a bug inside formkit is never dressed up as a
TemplateError": only TemplateError is caught here, so any other exception fails the test)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

import formkit
from formkit.core.errors import TemplateError
from formkit.core.source import SourceSpan
from formkit.language.expression import compile_expression
from formkit.language.parser import grammar_text, parse

SPAN = SourceSpan("p.yaml", 1, 1, 1, 2)
TYPES = {"a": "decimal", "b": "integer", "t": "text", "d": "date", "f": "boolean", "m": "multichoice"}
EXAMPLES = sorted(p for p in formkit.examples_dir().glob("*.yaml") if p.name.count(".") == 1)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


def _compile_or_template_error(text: str) -> None:
    try:
        compile_expression(text, TYPES)
    except TemplateError as exc:
        assert exc.issues, "a TemplateError always carries at least one issue"
        for issue in exc.issues:
            assert issue.span.line >= 1 and issue.span.column >= 1


_KEYWORDS = ["OR", "AND", "NOT", "IS", "IN", "BETWEEN", "WHERE", "TRUE", "FALSE", "NULL"]
_TERMINALS = {
    **{k: st.sampled_from([f" {k.lower()} ", f" {k} "]) for k in _KEYWORDS},
    "WS": st.just(" "),
    "NAME": st.sampled_from(["a", "b", "t", "d", "f", "m", "走访", "x.y", "person", "row", "__class__"]),
    "NUMBER": st.sampled_from(["0", "1", "2.5", "0.0000000005", "999999999999999999"]),
    "STRING": st.sampled_from(["'a'", "''", "'𠀀'", "'it''s'"]),
    "DATE_LITERAL": st.sampled_from(["date'2024-02-29'", "date'2026-12-31'"]),
}


# hypothesis' lark strategy needs ~0.15 s a draw on this recursive grammar (measured), so it runs
# a few dozen sentences; the token-soup test below and the typed generator of the differential
# test carry the volume.
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(from_lark(Lark(grammar_text(), parser="lalr", start="start"), start="start", explicit=_TERMINALS))
def test_grammar_sentences_check_or_fail_cleanly(text: str) -> None:
    """hypothesis.extra.lark: sentences of the grammar are checked without crashing."""
    _compile_or_template_error(text)


_SOUP = [*"ab()+-*/=<>!&|',.0123456789 ", "and", "or", "not", "in", "sum(", "count(", "where", "prev(",
         "is", "null", "走", "round(", "if(", "m", "t", "d", "f", "date'2026-01-01'", "has(", "between"]


@FAST
@given(st.lists(st.sampled_from(_SOUP), max_size=40).map(" ".join))
def test_token_soup_never_crashes(text: str) -> None:
    _compile_or_template_error(text)


@FAST
@given(st.text(max_size=200))
def test_any_text_parses_or_reports(text: str) -> None:
    tree, issues = parse(text, SPAN)
    assert (tree is None) == bool(issues)


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 3))):
        op = data.draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "truncate", "replace"]))
        i = data.draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "delete" and lines:
            del lines[i]
        elif op == "insert":
            lines.insert(i, data.draw(st.sampled_from(
                ["\t- id: x\n", "  - {id: q, label: q, type: integer, calc: q + 1}\n", "&a [*a, *a]\n",
                 ": :\n", "    calc: 'x' + 1\n", "  type: interger\n", "- !!python/object:os.system\n",
                 "    value: count(nobody)\n", "  unknown_key: 1\n"])))
        elif op == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "truncate" and lines:
            lines = lines[:i]
        elif op == "replace" and lines:
            line = lines[i]
            k = data.draw(st.integers(0, len(line)))
            lines[i] = line[:k] + data.draw(st.text(max_size=5)) + line[k:]
    return "".join(lines)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("mutants")
    shutil.copy(formkit.examples_dir() / "demo_city.pool.yaml", d / "demo_city.pool.yaml")
    return d


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_examples_load_or_fail_cleanly(workdir: Path, data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(EXAMPLES))
    mutant = workdir / "mutant.yaml"
    mutant.write_text(_mutate(source.read_text(encoding="utf-8"), data), encoding="utf-8")
    try:
        formkit.load(mutant)
    except TemplateError as exc:
        assert exc.issues
        for issue in exc.issues:
            assert issue.code in formkit.core.errors.all_codes()
