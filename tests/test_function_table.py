"""The function table (language/functions.py) against every back end, the docs and the cases.

Each back end keeps its own registry of the functions it implements: the Python evaluator's
``evaluator.CALLS``, the browser's ``FUNCTIONS`` (formkit-compile.js, its names exported), the
SQL lowering's ``expr.CALLS`` and the Excel lowering's ``excel_formula.CALLS``. Every function
of the table must be in each registry, or be marked unsupported there; a call of each one is
then run (Python, JS), lowered and rendered for every engine (SQL) and written into a workbook
(Excel). A function a registry lacks gives that back end's located "not supported" error.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from sqlglot import exp

import formkit
from formkit.browser.plan import expr_to_json, value_to_json
from formkit.core.source import SourceSpan
from formkit.evaluation import evaluator
from formkit.evaluation import functions as py_functions
from formkit.evaluation.evaluator import EvaluationError
from formkit.language import ast
from formkit.language.ast import Type
from formkit.language.expression import compile_expression
from formkit.language.functions import BACKENDS, FUNCTIONS, LAZY, Function, not_supported
from formkit.language.parser import parse
from formkit.render import excel_formula
from formkit.render.excel_formula import Low, Lowering, leaf, note_text
from formkit.render.xlsx import render_xlsx
from formkit.sql import expr as sql_expr
from formkit.sql.engines import DIALECTS, render
from formkit.sql.queries import EMITTED

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "src" / "formkit" / "static"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed: the JS registry cannot be read")

# names of every type the table's functions take, with a value each
TYPES = {"n1": "decimal", "n2": "decimal", "t1": "text", "t2": "text", "d1": "date", "d2": "date",
         "b1": "boolean", "m1": "multichoice"}
VALUES: dict[str, Any] = {"n1": Decimal("2.5"), "n2": Decimal("-1.25"), "t1": "11010519491231002X", "t2": "b",
                          "d1": dt.date(1990, 6, 15), "d2": dt.date(2026, 10, 1), "b1": True, "m1": ["a"]}
PERIOD = "2026-10"
_NAME_OF = {Type.NUMBER: "n", Type.TEXT: "t", Type.DATE: "d", Type.BOOLEAN: "b", Type.MULTI: "m"}
# calls written by hand: round's places must be a literal; the others' types are checked by hand
_HAND = {"round": "round(n1, 1)", "if": "if(b1, n1, n2)", "coalesce": "coalesce(t1, t2)",
         "min": "min(n1, n2)", "max": "max(d1, d2)"}


def sample(f: Function) -> str:
    """A call of ``f`` over the names of TYPES, every argument given."""
    if f.name in _HAND:
        return _HAND[f.name]
    assert f.arg_types is not None, f"{f.name}() has its types checked by hand: write its sample in _HAND"
    seen: dict[Type, int] = {}
    args = []
    for t in f.arg_types:
        seen[t] = seen.get(t, 0) + 1
        args.append(f"{_NAME_OF[t]}{seen[t]}")
    return f"{f.name}({', '.join(args)})"


SAMPLES = {name: sample(f) for name, f in FUNCTIONS.items()}


def _checked(name: str) -> ast.Call:
    node = compile_expression(SAMPLES[name], TYPES)
    assert isinstance(node, ast.Call) and node.name == name, f"{SAMPLES[name]} is not a call of {name}()"
    return node


def gaps(backend: str, implemented: set[str], table: Mapping[str, Function] = FUNCTIONS) -> list[str]:
    """What is wrong between a back end's registry and the table: functions neither implemented
    nor marked unsupported, marked unsupported yet implemented, or implemented but not in it."""
    out = []
    for name, f in table.items():
        if backend in f.unsupported and name in implemented:
            out.append(f"{name}() is marked unsupported by {backend} but is implemented there")
        elif backend not in f.unsupported and name not in implemented:
            out.append(f"{name}() is not implemented by {backend}: add it there, or to its 'unsupported'")
    out.extend(f"{name}() is implemented by {backend} but is not in the table" for name in implemented - set(table))
    return out


def test_gaps_sees_a_missing_a_stray_and_a_wrongly_marked_function() -> None:
    n = (Type.NUMBER,)
    table = {"abs": Function("abs", 1, 1, n, Type.NUMBER, "…"),
             "sqrt": Function("sqrt", 1, 1, n, Type.NUMBER, "…", unsupported=frozenset({"sql"}))}
    assert gaps("sql", {"abs"}, table) == []
    assert gaps("excel", {"abs", "sqrt"}, table) == []
    assert gaps("sql", {"cbrt"}, table) == ["abs() is not implemented by sql: add it there, or to its 'unsupported'",
                                            "cbrt() is implemented by sql but is not in the table"]
    assert gaps("sql", {"abs", "sqrt"}, table) == ["sqrt() is marked unsupported by sql but is implemented there"]


def test_the_table_refuses_an_unknown_back_end_and_a_wrong_signature() -> None:
    with pytest.raises(ValueError, match="unknown back ends"):
        Function("f", 1, 1, (Type.NUMBER,), Type.NUMBER, "…", unsupported=frozenset({"cobol"}))
    with pytest.raises(ValueError, match="1 argument types for 2 arguments"):
        Function("f", 1, 2, (Type.NUMBER,), Type.NUMBER, "…")
    assert BACKENDS == ("python", "javascript", "sql", "excel")


def test_the_type_checker_reads_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """A signature changed in the table is the one the checker applies (there is no copy)."""
    compile_expression("abs(n1)", TYPES)
    narrowed = Function("abs", 1, 1, (Type.TEXT,), Type.NUMBER, "…")
    monkeypatch.setitem(FUNCTIONS, "abs", narrowed)
    with pytest.raises(formkit.TemplateError, match=r"abs\(\) needs text"):
        compile_expression("abs(n1)", TYPES)


# -- Python -------------------------------------------------------------------------------------


def test_python_implements_every_function() -> None:
    assert gaps("python", set(evaluator.CALLS)) == []
    assert set(evaluator.CALLS) - set(py_functions.STRICT) == LAZY  # the others are null-in-null-out


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_python_evaluates_each_function(name: str) -> None:
    if "python" in FUNCTIONS[name].unsupported:
        with pytest.raises(EvaluationError, match=r"is not supported by the Python evaluator$"):
            _python(name)
        return
    assert _python(name) is not None, f"{SAMPLES[name]} is null over values that are not"


def _python(name: str) -> object:
    return formkit.evaluate(SAMPLES[name], VALUES, types=TYPES, period=PERIOD)


def test_python_without_an_entry_says_where_and_what(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(evaluator.CALLS, "days")
    with pytest.raises(EvaluationError) as caught:
        evaluator.eval_node(_checked("days"), evaluator.Env())
    assert caught.value.code == "unsupported"
    assert str(caught.value) == "<expression>:1:1: days() is not supported by the Python evaluator"


# -- JavaScript ---------------------------------------------------------------------------------

_JS = """
import { FUNCTIONS, FUNCTION_NAMES, LAZY_NAMES } from '%(compile)s';
import { FormkitError, evaluate, toPlain } from '%(eval)s';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { calls, values, period, remove } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const run = (e) => {
  try {
    return { ok: true, value: toPlain(evaluate(e, { values, period })) };
  } catch (err) {
    if (!(err instanceof FormkitError)) throw err;
    return { ok: false, code: err.code, message: err.message };
  }
};
const results = Object.fromEntries(Object.entries(calls).map(([name, e]) => [name, run(e)]));
delete FUNCTIONS[remove];
const removed = run(JSON.parse(JSON.stringify(calls[remove])));
process.stdout.write(JSON.stringify({ names: FUNCTION_NAMES, lazy: LAZY_NAMES, results, removed }));
"""


@pytest.fixture(scope="module")
def js() -> dict[str, Any]:
    """The browser's registry, each sample evaluated by it, and a call after removing `days`."""
    if NODE is None:
        pytest.skip("node is not installed: the JS registry cannot be read")
    script = _JS % {"compile": (STATIC / "formkit-compile.js").as_uri(), "eval": (STATIC / "formkit-eval.js").as_uri()}
    data = {"calls": {name: expr_to_json(_checked(name)) for name in FUNCTIONS},
            "values": {k: value_to_json(v) for k, v in VALUES.items()}, "period": PERIOD, "remove": "days"}
    done = subprocess.run([NODE, "--input-type=module", "-e", script], input=json.dumps(data), capture_output=True,
                          text=True, encoding="utf-8", timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    out: dict[str, Any] = json.loads(done.stdout)
    return out


@needs_node
def test_javascript_implements_every_function(js: dict[str, Any]) -> None:
    assert gaps("javascript", set(js["names"])) == []
    assert set(js["lazy"]) == LAZY


@needs_node
@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_javascript_gives_what_python_gives(js: dict[str, Any], name: str) -> None:
    result = js["results"][name]
    if "javascript" in FUNCTIONS[name].unsupported:
        assert result == {"ok": False, "code": "plan", "message": not_supported(name, "javascript")}
        return
    assert result["ok"], f"{SAMPLES[name]}: {result}"
    if "python" in FUNCTIONS[name].unsupported:
        return
    want = value_to_json(_python(name))
    got = result["value"]
    assert (Decimal(got) == Decimal(want)) if _checked(name).type is Type.NUMBER else got == want, \
        f"{SAMPLES[name]}: JS gave {got!r}, Python {want!r}"


@needs_node
def test_javascript_without_an_entry_fails_as_the_plan_does(js: dict[str, Any]) -> None:
    """The plan's fail(): raised where evaluation reaches the call; a form puts it on the slot."""
    assert js["removed"] == {"ok": False, "code": "plan", "message": "days() is not supported by the browser"}


# -- SQL ----------------------------------------------------------------------------------------

ENGINES = {**DIALECTS, **EMITTED}


def _lower(name: str, engine: str) -> exp.Expression:
    return sql_expr.lower(_checked(name), ENGINES[engine], refs=lambda n: exp.column(n.dotted, "t"))


def test_sql_implements_every_function() -> None:
    assert gaps("sql", set(sql_expr.CALLS)) == []


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_sql_lowers_and_renders_each_function(name: str, engine: str) -> None:
    if "sql" in FUNCTIONS[name].unsupported:
        with pytest.raises(ValueError, match=r"is not supported by SQL$"):
            _lower(name, engine)
        return
    tree = _lower(name, engine)
    text = render(tree, engine)[0] if engine in DIALECTS else tree.sql(dialect=ENGINES[engine].sqlglot)
    names = {c.name for c in tree.find_all(exp.Column)} | {str(p.name) for p in tree.find_all(exp.Placeholder)}
    args = set(re.findall(r"\b[ntdbm][12]\b", SAMPLES[name]))
    assert args <= names, f"{engine}: {text} does not read {sorted(args - names)}"
    assert text.strip()


def test_sql_without_an_entry_says_where_and_what(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sql_expr.CALLS, "days")
    with pytest.raises(ValueError, match=r"^<expression>:1:1: days\(\) is not supported by SQL$"):
        _lower("days", "duckdb")


# -- Excel --------------------------------------------------------------------------------------


def test_excel_implements_every_function() -> None:
    assert gaps("excel", set(excel_formula.CALLS)) == []


_FIELD_TYPES = {Type.NUMBER: "decimal", Type.TEXT: "text", Type.DATE: "date", Type.BOOLEAN: "boolean"}


def _template(tmp_path: Path) -> formkit.Template:
    """A form with an input of each type and one calc field per function of the table."""
    inputs = [{"id": k, "label": k, "type": t} | ({"choices": {"a": "A", "b": "B"}} if t == "multichoice" else {})
              for k, t in TYPES.items()]
    calcs = [{"id": f"f_{name}", "label": name, "type": _FIELD_TYPES[_checked(name).type or Type.TEXT],
              "calc": SAMPLES[name]} for name in FUNCTIONS]
    doc = {"formkit": 1, "id": "function_table", "version": 1, "title": {"zh": "函数表", "en": "Functions"},
           "period": "monthly", "fields": inputs + calcs}
    path = tmp_path / "function_table.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return formkit.load(path)


def _calc_cells(path: Path) -> dict[str, Any]:
    """The value cell of each calc field, by function name (labels are in column A)."""
    ws = openpyxl.load_workbook(path).worksheets[0]
    return {str(c.value): ws.cell(c.row, 2) for c in ws["A"] if str(c.value) in FUNCTIONS}


def test_excel_writes_a_formula_for_each_function(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    render_xlsx(_template(tmp_path), path=path, period=PERIOD, lang="en")
    cells = _calc_cells(path)
    assert set(cells) == set(FUNCTIONS)
    for name, cell in cells.items():
        if "excel" in FUNCTIONS[name].unsupported:
            assert (cell.value, cell.comment.text) == ('=IFERROR(NA(),"")', note_text(f"unsupported:{name}", "en"))
            continue
        assert isinstance(cell.value, str) and cell.value.startswith("=IFERROR("), f"{name}: {cell.value!r}"
        assert cell.value != '=IFERROR(NA(),"")', f"{name}() was not written"
        assert cell.comment is None or "not supported" not in cell.comment.text, f"{name}: {cell.comment.text}"


def test_excel_without_an_entry_leaves_the_cell_empty_with_a_note(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """As every formula Excel cannot give (docs/excel.md): empty, and a note on that cell."""
    monkeypatch.delitem(excel_formula.CALLS, "days")
    path = tmp_path / "form.xlsx"
    render_xlsx(_template(tmp_path), path=path, period=PERIOD, lang="en")
    cells = _calc_cells(path)
    assert cells["days"].value == '=IFERROR(NA(),"")'
    assert cells["days"].comment.text == "days() is not supported by Excel; left empty"
    assert cells["year"].comment is None  # the note is on the one cell that needs it
    assert note_text("unsupported:days", "zh") == "函数 days() 无法在 Excel 中计算，此处为空"


_ENCODINGS = {Type.NUMBER: "number", Type.DATE: "date", Type.BOOLEAN: "bool", Type.TEXT: "text"}


class _Cells:
    """Every name a cell of its type; the period's days in B1 and B2 (for the lowering alone)."""

    def leaf(self, node: ast.Name) -> Low:
        if node.type is Type.MULTI:
            return leaf(f"${node.dotted}", "multi", lists=("keys", "labels"), choices=[("a", "A")])
        assert node.type is not None
        return leaf(f"${node.dotted}", _ENCODINGS[node.type])

    def period(self, end: bool) -> str:
        return "$B$2" if end else "$B$1"


def test_excel_lowering_without_an_entry_is_no_key_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(excel_formula.CALLS, "if")
    lowering = Lowering(_Cells())  # type: ignore[arg-type]
    assert lowering.value(_checked("if")).text == "NA()"
    assert lowering.notes == {"unsupported:if"}


# -- the language around the table --------------------------------------------------------------


# where the docs list the functions: the text between a heading (or a lead word) and the next one
_DOC_LISTS = {"expressions.md": ("\n## Functions\n", "\n## "), "templates.md": ("\nFunctions: ", "\n\n")}


@pytest.mark.parametrize("doc", list(_DOC_LISTS))
def test_every_function_is_documented(doc: str) -> None:
    """The docs' list of functions names each function of the table as `name(…)`, and no other
    (but prev(), which reads a field's last value rather than computing one)."""
    start, end = _DOC_LISTS[doc]
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    section = text.split(start, 1)[1].split(end, 1)[0]
    documented = set(re.findall(r"`(\w+)\(", section))
    assert sorted(set(FUNCTIONS) - documented) == [], f"functions docs/{doc} does not list"
    assert sorted(documented - set(FUNCTIONS) - {"prev"}) == [], f"functions in docs/{doc} the language lacks"


def test_every_function_has_a_conformance_case() -> None:
    """Each function is called in a case of tests/conformance that compiles, so every engine is
    held to its meaning (a refused call, as of sqrt, proves nothing about one)."""
    called: set[str] = set()
    for path in sorted((ROOT / "tests" / "conformance").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if case["expect"] == {"error": "compile"}:
                continue
            node, _ = parse(case["expr"], SourceSpan.point(path.name))
            if node is not None:
                called.update(n.name for n in ast.walk(node) if isinstance(n, ast.Call))
    assert sorted(set(FUNCTIONS) - called) == []


def test_the_located_message() -> None:
    span = SourceSpan("t.yaml", 4, 9, 4, 13)
    assert not_supported("days", "excel", span) == "t.yaml:4:9: days() is not supported by Excel"
    assert not_supported("days", "javascript") == "days() is not supported by the browser"
