"""The SQL lowering (formkit.sql.expr) on every engine, and the engine adapters (formkit.connect).

SPEC §3: the meaning is identical in every SQL engine. The conformance cases
(tests/conformance/*.yaml) run through each engine, one test id per case and engine; the
native behaviours that docs/semantics.md lists are checked to still be what it says (the reason
each lowering exists); runtime values reach the lowering as bound parameters (SPEC §4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlglot import exp

from formkit.evaluation import functions as fn
from formkit.evaluation.functions import EvaluationError
from formkit.language.ast import Type
from formkit.language.expression import compile_expression
from formkit.runtime import Connection, connect
from formkit.sql import decode, encode, lower, param, render
from formkit.sql.expr import aggregate
from sqlcases import Case, Outcome, expected_outcome, from_yaml, prepare, python_outcome, run_sql

CONFORMANCE = Path(__file__).parent / "conformance"


def _load() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(CONFORMANCE.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            yield path.stem, item


ITEMS = list(_load())
_OUTCOMES: dict[str, list[Outcome]] = {}


def _outcomes(engine: Connection) -> list[Outcome]:
    """Every conformance case through ``engine``, once per session (batched statements)."""
    if engine.dialect not in _OUTCOMES:
        cases = [prepare(from_yaml(item)) for _, item in ITEMS]
        _OUTCOMES[engine.dialect] = run_sql(engine, cases, [python_outcome(c) for c in cases])
    return _OUTCOMES[engine.dialect]


@pytest.mark.spark
@pytest.mark.parametrize("index", range(len(ITEMS)), ids=[f"{f}:{c['id']}" for f, c in ITEMS])
def test_conformance_case(engine: Connection, index: int) -> None:
    """One conformance case on one engine: exactly the expected value (or error)."""
    _, item = ITEMS[index]
    case = prepare(from_yaml(item))
    want = expected_outcome(item, case)
    got = _outcomes(engine)[index]
    assert want.same(got), f"{item['expr']}: {engine.dialect} gave {got}, expected {want}"


# -- what the engines do natively (docs/semantics.md, "How the engines differ") -----------------

NATIVE: dict[str, list[tuple[str, str, Any]]] = {
    # (what, native SQL, the value the engine gives); each is a reason for a lowering
    "duckdb": [
        ("7/2", "SELECT 7 / 2", 3.5),
        ("1/0", "SELECT 1 / 0", float("inf")),
        ("decimal / decimal is a DOUBLE",
         "SELECT typeof(CAST(1 AS DECIMAL(38,10)) / CAST(3 AS DECIMAL(38,10)))", "DOUBLE"),
        ("decimal * decimal adds the scales", "SELECT typeof(CAST(1 AS DECIMAL(38,10)) * CAST(3 AS DECIMAL(38,10)))",
         "DECIMAL(38,20)"),
        ("round(2.5)", "SELECT round(CAST(2.5 AS DECIMAL(38,10)), 0)", Decimal("3")),
        ("round(-2.5)", "SELECT round(CAST(-2.5 AS DECIMAL(38,10)), 0)", Decimal("-3")),
        ("'a' < 'B'", "SELECT 'a' < 'B'", False),
        ("greatest(1, null)", "SELECT greatest(1, NULL)", 1),
        ("'a' || null", "SELECT 'a' || NULL", None),
        ("true or overflow: both sides run", "SELECT x > 0 OR x * x > 0 FROM "
         "(VALUES (CAST(1e20 AS DECIMAL(38,10))), (CAST(2 AS DECIMAL(38,10)))) t(x)", "error"),
        ("null + overflow is folded to null", "SELECT NULL + x * x FROM (SELECT CAST(1e20 AS DECIMAL(38,10)) AS x)",
         None),
        ("sum fails on a running total past 1.7e28", "SELECT sum(x) FROM (VALUES (9999999999999999999999999999::DECIMAL"
         "(38,10)), (9999999999999999999999999999), (-9999999999999999999999999999)) t(x)", "error"),
        ("sum of BIGNUM is exact", "SELECT CAST(sum(x) AS VARCHAR) FROM (VALUES (99999999999999999999999999990000000000"
         "::HUGEINT::BIGNUM), (99999999999999999999999999990000000000::HUGEINT::BIGNUM)) t(x)",
         "199999999999999999999999999980000000000"),
    ],
    "sqlite": [
        ("7/2", "SELECT 7 / 2", 3),
        ("1/0", "SELECT 1 / 0", None),
        ("round(2.5)", "SELECT round(2.5)", 2.5 + 0.5),
        ("round(-2.5)", "SELECT round(-2.5)", -3.0),
        ("0.1 + 0.2", "SELECT 0.1 + 0.2 = 0.3", 0),
        ("integer overflow becomes REAL", "SELECT typeof(9223372036854775807 + 1)", "real"),
        ("'a' < 'B'", "SELECT 'a' < 'B'", 0),
        ("'a' || null", "SELECT 'a' || NULL", None),
        ("date('2023-02-29')", "SELECT date('2023-02-29')", "2023-02-29"),
        ("length stops at NUL", "SELECT length('a' || char(0) || 'b')", 1),
    ],
    "postgres": [
        ("7/2", "SELECT 7 / 2", 3),
        ("1/0", "SELECT 1 / 0", "error"),
        ("7.0/2", "SELECT 7.0 / 2", Decimal("3.5000000000000000")),
        ("round(2.5)", "SELECT round(2.5)", Decimal("3")),
        ("round(-2.5)", "SELECT round(-2.5)", Decimal("-3")),
        ("'a' < 'B' COLLATE \"C\"", "SELECT 'a' < 'B' COLLATE \"C\"", False),
        ("greatest(1, null)", "SELECT greatest(1, NULL)", 1),
        ("'a' || null", "SELECT 'a' || NULL", None),
        ("no NUL in text", "SELECT 'a' || chr(0)", "error"),
    ],
    "mysql": [
        ("7/2", "SELECT 7 / 2", Decimal("3.5000")),
        ("1/0", "SELECT 1 / 0", None),
        ("round(2.5)", "SELECT round(2.5)", Decimal("3")),
        ("round(-2.5)", "SELECT round(-2.5)", Decimal("-3")),
        ("'a' = 'A' (utf8mb4_general_ci)", "SELECT 'a' = 'A' COLLATE utf8mb4_general_ci", 1),
        ("'a ' = 'a' (utf8mb4_bin pads)", "SELECT 'a ' = 'a' COLLATE utf8mb4_bin", 1),
        ("'a ' = 'a' (utf8mb4_nopad_bin)", "SELECT 'a ' = 'a' COLLATE utf8mb4_nopad_bin", 0),
        ("greatest(1, null)", "SELECT greatest(1, NULL)", None),
        ("concat('a', null)", "SELECT CONCAT('a', NULL)", None),
        ("cast past 28 digits clamps", "SELECT CAST(1e30 AS DECIMAL(38,10))",
         Decimal("9999999999999999999999999999.9999999999")),
        ("null + x evaluates x", "SELECT NULL + CAST(EXP(1000 + RAND()) AS DECIMAL(38,10)) FROM (SELECT NULL AS n) t "
         "WHERE t.n IS NULL", "error"),
        ("null * x evaluates x", "SELECT NULL * EXP(1000)", "error"),
        ("null < x stops at the null", "SELECT NULL < EXP(1000)", None),
        ("least(null, x) stops at the null", "SELECT LEAST(NULL, EXP(1000))", None),
        ("concat(null, x) stops at the null", "SELECT CONCAT(NULL, EXP(1000))", None),
    ],
}


NATIVE_CASES = [(name, what, sql, want) for name, rows in NATIVE.items() for what, sql, want in rows]


@pytest.mark.parametrize(("engine", "what", "sql", "want"), NATIVE_CASES, indirect=["engine"],
                         ids=[f"{n}-{w}" for n, w, _, _ in NATIVE_CASES])
def test_native_behaviour_is_as_documented(engine: Connection, what: str, sql: str, want: Any) -> None:
    """docs/semantics.md: each engine's own behaviour that formkit lowers around, as measured."""
    try:
        got = engine.query(sql, {} if engine.dialect == "mysql" else None)[0][0]
    except Exception:
        got = "error"
    assert got == want, f"{engine.dialect}: {what} gave {got!r}"


# -- runtime values are bound parameters ------------------------------------------------------

PARAM_CASES = [
    ("a / b", {"a": "1", "b": "3"}),
    ("round(a * b, 2)", {"a": "2.5", "b": "0.125"}),
    ("a / b", {"a": "7", "b": "0"}),
    ("min(a, b)", {"a": "1", "b": None}),
    ("t & u", {"t": "𠀀", "u": "%(x)s'"}),
    ("t < u", {"t": "a", "u": "B"}),
    ("len(t)", {"t": "𠀀a"}),
    ("has(m, 'k')", {"m": ["a", "k"]}),
    ("age(d)", {"d": dt.date(2000, 2, 29)}),
    ("days(d, period_end())", {"d": dt.date(2024, 2, 29)}),
    ("a * b", {"a": "123456789012345678", "b": "123456789012345678"}),
]
TYPES = {"a": "decimal", "b": "decimal", "t": "text", "u": "text", "m": "multichoice", "d": "date"}


@pytest.mark.parametrize(("text", "values"), PARAM_CASES, ids=[c[0] for c in PARAM_CASES])
def test_runtime_values_as_parameters(engine: Connection, text: str, values: dict[str, Any]) -> None:
    """SPEC §4: every runtime value a bound parameter; the value equals Python's."""
    from formkit.evaluation.evaluator import evaluate

    node = compile_expression(text, TYPES)
    types = {k: TYPES[k] for k in values}
    lang = {k: fn.to_value(v, compile_expression(k, TYPES).type or Type.NULL) for k, v in values.items()}
    tree = lower(node, engine.dialect,
                 refs=lambda name: param(name.dotted, name.type or Type.TEXT, engine.dialect))
    params = {k: encode(v, compile_expression(k, TYPES).type or Type.TEXT, engine.dialect) for k, v in lang.items()}
    params |= {"period_start": encode(dt.date(2026, 2, 1), Type.DATE, engine.dialect),
               "period_end": encode(dt.date(2026, 2, 28), Type.DATE, engine.dialect)}
    sql, _ = render(exp.select(tree), engine.dialect)
    assert "'𠀀'" not in sql and "%(x)s'" not in sql  # the values are not in the text
    try:
        want: Any = evaluate(text, lang, types=types, period="2026-02")
    except EvaluationError as exc:
        want = exc.code
    try:
        got: Any = decode(engine.query(exp.select(tree), params)[0][0], node.type, engine.dialect)
    except EvaluationError as exc:
        got = exc.code
    assert got == want and type(got) is type(want)


# -- aggregates over rows ---------------------------------------------------------------------


@pytest.mark.parametrize("func", ["count", "sum", "avg", "min", "max", "count_distinct"])
def test_aggregate_meaning(engine: Connection, func: str) -> None:
    """SPEC §3: aggregates skip nulls; count of nothing 0, sum of nothing null; avg divides like /."""
    engine.execute("DROP TABLE IF EXISTS fk_agg")
    number = "TEXT" if engine.dialect == "sqlite" else "DECIMAL(38, 10)"
    engine.execute(f"CREATE TABLE fk_agg (g INT, x {number})")
    rows = [(1, "1.5"), (1, None), (1, "2"), (1, "1.5"), (2, None)]
    engine.executemany(exp.insert(exp.Values(expressions=[exp.Tuple(expressions=[
        exp.Placeholder(this="g"), exp.Placeholder(this="x")])]), "fk_agg", columns=["g", "x"]),
        [{"g": g, "x": encode(None if x is None else Decimal(x), Type.NUMBER, engine.dialect)} for g, x in rows])
    for group in (1, 2, 3):
        value = aggregate(func, exp.column("x"), Type.NUMBER, engine.dialect)
        group_is = exp.EQ(this=exp.column("g"), expression=exp.Literal.number(group))
        query = exp.select(value).from_("fk_agg").where(group_is)
        got = decode(engine.query(query)[0][0], Type.NUMBER, engine.dialect)
        want = fn.aggregate(func, [None if x is None else Decimal(x) for g, x in rows if g == group])
        assert got == want, (func, group, got, want)
    engine.execute("DROP TABLE fk_agg")


# -- the adapters ------------------------------------------------------------------------------


def test_transaction_is_all_or_nothing(engine: Connection) -> None:
    """SPEC §7: a failed block leaves nothing behind; a nested block joins the outer one."""
    engine.execute("DROP TABLE IF EXISTS fk_tx")
    engine.execute("CREATE TABLE fk_tx (k INT PRIMARY KEY)")
    insert = exp.insert(exp.Values(expressions=[exp.Tuple(expressions=[exp.Placeholder(this="k")])]), "fk_tx")
    with pytest.raises(Exception), engine.transaction():  # noqa: B017
        engine.execute(insert, {"k": 1})
        with engine.transaction():
            engine.execute(insert, {"k": 2})
        engine.execute(insert, {"k": 1})  # duplicate key: everything rolls back
    assert engine.query("SELECT COUNT(*) FROM fk_tx")[0][0] == 0
    with engine.transaction():
        engine.executemany(insert, [{"k": 1}, {"k": 2}])
    assert engine.query("SELECT COUNT(*) FROM fk_tx")[0][0] == 2
    engine.execute("DROP TABLE fk_tx")


def test_overflow_is_an_evaluation_error(engine: Connection) -> None:
    """SPEC §3: past 28 digits is an error (never a silent float or a clamped value)."""
    node = compile_expression("a * a", {"a": "decimal"})
    tree = lower(node, engine.dialect, refs=lambda n: param("a", Type.NUMBER, engine.dialect))
    with pytest.raises(EvaluationError) as info:
        engine.query(exp.select(tree), {"a": encode(Decimal("123456789012345678"), Type.NUMBER, engine.dialect)})
    assert info.value.code == "overflow"


def test_same_parameter_twice(engine: Connection) -> None:
    """One name used twice is one value (PostgreSQL numbers it once)."""
    node = compile_expression("x + x", {"x": "decimal"})
    tree = exp.select(lower(node, engine.dialect, refs=lambda n: param("x", Type.NUMBER, engine.dialect)))
    got = decode(engine.query(tree, {"x": encode(Decimal("1.5"), Type.NUMBER, engine.dialect)})[0][0],
                 Type.NUMBER, engine.dialect)
    assert got == 3


@pytest.mark.parametrize(("dialect", "style"), [("duckdb", "$x"), ("sqlite", ":x"), ("postgres", "$1"),
                                                 ("mysql", "%(x)s")])
def test_render_uses_the_driver_style(dialect: str, style: str) -> None:
    """One parameter style per adapter; PyMySQL's '%' in literals is doubled."""
    tree = exp.select(exp.Placeholder(this="x"), exp.Literal.string("50%"))
    sql, names = render(tree, dialect)
    assert style in sql and names == ["x"]
    assert ("'50%%'" in sql) == (dialect == "mysql")


@pytest.mark.parametrize("url", ["duckdb:///:memory:", "sqlite:///:memory:"])
def test_connect_embedded(url: str) -> None:
    with connect(url) as conn:
        assert conn.query("SELECT 1")[0][0] == 1


def test_connect_refuses_unknown_schemes() -> None:
    with pytest.raises(ValueError, match="cannot connect"):
        connect("oracle://x")
    with pytest.raises(ValueError, match="three slashes"):
        connect("sqlite://relative.db")


def test_sqlite_numbers_are_exact_text(tmp_path: Path) -> None:
    """docs/semantics.md: SQLite keeps numbers as decimal text; formkit_* functions compute."""
    with connect(f"sqlite:///{tmp_path / 'x.db'}") as conn:
        assert conn.query("SELECT formkit_add('0.1', '0.2'), formkit_div(1, 3), formkit_cmp('10', '9')")[0] == (
            "0.3", "0.3333333333", 1)
        with pytest.raises(EvaluationError):
            conn.query("SELECT formkit_mul('123456789012345678', '123456789012345678')")


def test_conformance_cases_exist() -> None:
    assert len(ITEMS) >= 150
    assert all(isinstance(c, Case) for c in [from_yaml(item) for _, item in ITEMS[:3]])
