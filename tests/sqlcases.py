"""Run expression cases through the SQL lowering on a live engine, many per statement.

Shared by tests/test_sql_expr.py (the conformance cases) and tests/test_differential.py. A batch
of cases becomes one table of inputs (one row per case, one typed column per field) and one
``UNION ALL`` of per-case SELECTs; a case that fails is run again alone, so that one overflow
does not hide the others. The reference is the Python evaluator (formkit.evaluate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlglot import exp

from formkit.core.errors import TemplateError
from formkit.core.periods import parse_period
from formkit.evaluation import functions as fn
from formkit.evaluation.evaluator import Env, compile_standalone, eval_node
from formkit.evaluation.functions import EvaluationError
from formkit.language import ast
from formkit.language.ast import Type
from formkit.runtime.connect import Connection
from formkit.sql import PERIOD_END, PERIOD_START, decode, encode, get, lower, render
from formkit.sql.engines import dtype
from formkit.sql.expr import aggregate
from formkit.sql.numbers import cast

TYPE_WORDS = {"integer": Type.NUMBER, "decimal": Type.NUMBER, "number": Type.NUMBER,
              "text": Type.TEXT, "choice": Type.TEXT, "id_card": Type.TEXT, "phone": Type.TEXT,
              "date": Type.DATE, "boolean": Type.BOOLEAN, "multichoice": Type.MULTI}
RESULT_COLUMNS = (Type.NUMBER, Type.TEXT, Type.DATE, Type.BOOLEAN, Type.MULTI)
INPUTS = "fk_cases"


@dataclass(frozen=True)
class Outcome:
    """A value, or an error: ``compile``, ``overflow``, or ``sql: <message>`` (a bug)."""

    value: Any = None
    error: str | None = None

    def same(self, other: Outcome) -> bool:
        if self.error or other.error:
            return self.error == other.error
        return same_value(self.value, other.value)


def same_value(a: Any, b: Any) -> bool:
    """Exact equality of language values: numbers by value, and a zero is never negative."""
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b and a.is_signed() == b.is_signed() if a.is_zero() else a == b
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return type(a) is type(b) and bool(a == b)


@dataclass
class Case:
    """One expression over named values (conformance format: tests/conformance/README.md)."""

    id: str
    expr: str
    types: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # raw: numbers may be text
    period: str | None = None
    today: dt.date | None = None
    prev: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)  # {columns: {}, rows: []}
    # filled by prepare()
    node: ast.Expr | None = None
    scalars: dict[str, Any] = field(default_factory=dict)
    table_rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    prev_values: dict[str, Any] = field(default_factory=dict)
    start: dt.date | None = None
    end: dt.date | None = None
    compile_error: bool = False

    def type_of(self, name: str) -> Type:
        return TYPE_WORDS[self.types[name]]


def prepare(case: Case) -> Case:
    """Compile the expression and turn the raw values into language values."""
    spec: dict[str, Any] = dict(case.types)
    for t, table in case.tables.items():
        spec[t] = dict(table.get("columns", {}))
    try:
        case.node = compile_standalone(case.expr, spec)
    except TemplateError:
        case.compile_error = True
        return case
    case.scalars = {k: fn.to_value(case.values.get(k), case.type_of(k)) for k in case.types}
    for t, table in case.tables.items():
        cols = {c: TYPE_WORDS[w] for c, w in table.get("columns", {}).items()}
        case.table_rows[t] = [{c: fn.to_value(r.get(c), ct) for c, ct in cols.items()}
                              for r in table.get("rows", [])]
    case.prev_values = {k: fn.to_value(v, case.type_of(k)) for k, v in case.prev.items()}
    period = parse_period(case.period) if case.period else None
    if period is not None and period.start is not None:
        case.start, case.end = period.start, period.end
    else:
        case.start = case.end = case.today or dt.date.today()
    return case


def python_outcome(case: Case) -> Outcome:
    if case.compile_error:
        return Outcome(error="compile")
    assert case.node is not None
    env = Env(values=case.scalars, tables=case.table_rows, prev=case.prev_values,
              period=parse_period(case.period) if case.period else None, today=case.start)
    try:
        return Outcome(eval_node(case.node, env))
    except EvaluationError as exc:
        return Outcome(error=exc.code)


# -- SQL ---------------------------------------------------------------------------------------


class Batch:
    """The input table of a list of cases on one engine, and the SQL of each case over it."""

    def __init__(self, conn: Connection, cases: Sequence[Case]) -> None:
        self.conn = conn
        self.d = get(conn.dialect)
        self.cases = cases
        self.columns: dict[tuple[str, str, Type], str] = {}  # (kind, name, type) -> column
        for case in cases:
            for name in case.types:
                self.column("v", name, case.type_of(name))
            for name in case.prev:
                self.column("p", name, case.type_of(name))

    def column(self, kind: str, name: str, t: Type) -> str:
        return self.columns.setdefault((kind, name, t), f"c{len(self.columns)}")

    def create(self) -> None:
        self.conn.execute(f"DROP TABLE IF EXISTS {INPUTS}")
        cols = [exp.ColumnDef(this=exp.to_identifier("id"), kind=dtype("INT")),
                *[exp.ColumnDef(this=exp.to_identifier(c), kind=self.storage(t))
                  for (_, _, t), c in self.columns.items()],
                *[exp.ColumnDef(this=exp.to_identifier(c), kind=self.storage(Type.DATE))
                  for c in ("ps", "pe")]]
        ddl = exp.Create(this=exp.Schema(this=exp.to_table(INPUTS), expressions=cols), kind="TABLE")
        self.conn.execute(ddl)
        for t, columns in self.tables().items():
            self.conn.execute(f"DROP TABLE IF EXISTS {INPUTS}_{t}")
            cols = [exp.ColumnDef(this=exp.to_identifier("case_id"), kind=dtype("INT")),
                    *[exp.ColumnDef(this=exp.to_identifier(c), kind=self.storage(ct))
                      for c, ct in columns.items()]]
            self.conn.execute(exp.Create(this=exp.Schema(this=exp.to_table(f"{INPUTS}_{t}"),
                                                         expressions=cols), kind="TABLE"))

    def tables(self) -> dict[str, dict[str, Type]]:
        out: dict[str, dict[str, Type]] = {}
        for case in self.cases:
            for t, table in case.tables.items():
                out.setdefault(t, {}).update({c: TYPE_WORDS[w] for c, w in table["columns"].items()})
        return out

    def storage(self, t: Type) -> exp.DataType:
        if self.d.name == "mysql" and t in (Type.TEXT, Type.MULTI):
            return dtype("LONGTEXT")  # the database's default collation, on purpose
        return self.d.type_of(t)

    def fill(self) -> None:
        types = {c: t for (_, _, t), c in self.columns.items()} | {"ps": Type.DATE, "pe": Type.DATE}
        rows = []
        for i, case in enumerate(self.cases):
            row: dict[str, Any] = {"ps": case.start, "pe": case.end}
            for name, value in case.scalars.items():
                row[self.columns[("v", name, case.type_of(name))]] = value
            for name, value in case.prev_values.items():
                row[self.columns[("p", name, case.type_of(name))]] = value
            rows.append({"id": i} | {c: encode(row.get(c), t, self.d) for c, t in types.items()})
        self.conn.executemany(_insert(INPUTS, ["id", *types]), rows)
        for t, cols in self.tables().items():
            table_rows = [{"case_id": i, **{c: encode(r.get(c), ct, self.d) for c, ct in cols.items()}}
                          for i, case in enumerate(self.cases) for r in case.table_rows.get(t, [])]
            self.conn.executemany(_insert(f"{INPUTS}_{t}", ["case_id", *cols]), table_rows)

    def select(self, i: int) -> exp.Select:
        """SELECT id, one typed column per result type (the case's own filled) FROM inputs."""
        case = self.cases[i]
        assert case.node is not None
        value = self.lower(case, case.node, row=None)
        outs = [value if t is case.node.type else self.null(t) for t in RESULT_COLUMNS]
        if case.node.type is Type.NULL:  # the literal null alone
            outs[1] = cast(value, self.d.type_of(Type.TEXT))
        query = exp.select(exp.Literal.number(i), *[exp.alias_(o, f"r{k}", copy=False)
                                                     for k, o in enumerate(outs)], copy=False)
        return query.from_(exp.alias_(exp.to_table(INPUTS), "i", table=True), copy=False).where(
            exp.EQ(this=exp.column("id", "i"), expression=exp.Literal.number(i)), copy=False)

    def null(self, t: Type) -> exp.Expression:
        # SQLite's UNION needs no types (and sqlglot renders SQLite casts slowly)
        return exp.Null() if self.d.name == "sqlite" else cast(exp.Null(), self.d.type_of(t))

    def lower(self, case: Case, node: ast.Expr, row: str | None) -> exp.Expression:
        def refs(name: ast.Name) -> exp.Expression:
            ref = name.ref
            if isinstance(ref, ast.FieldRef):
                return exp.column(self.columns[("v", ref.field, case.type_of(ref.field))], "i")
            if isinstance(ref, ast.RowColumnRef) and row is not None:
                return exp.column(ref.column, row)
            raise AssertionError(f"no SQL for {name.dotted}")

        def prev(node: ast.Prev) -> exp.Expression:
            ref = node.target.ref
            assert isinstance(ref, ast.FieldRef)
            key = ("p", ref.field, case.type_of(ref.field))
            if key not in self.columns:
                return cast(exp.Null(), self.d.type_of(case.type_of(ref.field)))
            return exp.column(self.columns[key], "i")

        tree = lower(node, self.d, refs=refs, aggregates=lambda a: self.aggregate(case, a), prev=prev)
        period = {PERIOD_START: exp.column("ps", "i"), PERIOD_END: exp.column("pe", "i")}
        return tree.transform(lambda n: period[n.name].copy()
                              if isinstance(n, exp.Placeholder) and n.name in period else n, copy=False)

    def aggregate(self, case: Case, node: ast.Aggregate) -> exp.Expression:
        ref = node.source.ref
        assert isinstance(ref, ast.TableRef | ast.TableColumnRef)
        alias = f"r_{ref.table}"
        if isinstance(ref, ast.TableColumnRef):
            t = TYPE_WORDS[case.tables[ref.table]["columns"][ref.column]]
            arg: exp.Expression | None = exp.column(ref.column, alias)
        else:
            t, arg = Type.NUMBER, None
        value = aggregate(node.func, arg, t, self.d)
        query = exp.select(value).from_(exp.alias_(exp.to_table(f"{INPUTS}_{ref.table}"), alias, table=True))
        query = query.where(exp.EQ(this=exp.column("case_id", alias), expression=exp.column("id", "i")))
        if node.where is not None:
            query = query.where(self.lower(case, node.where, row=alias))
        return exp.Subquery(this=query)


def _insert(table: str, columns: list[str]) -> exp.Expression:
    values = exp.Values(expressions=[exp.Tuple(expressions=[exp.Placeholder(this=c) for c in columns])])
    return exp.insert(values, table, columns=columns)


def run_sql(conn: Connection, cases: Sequence[Case], expected: Sequence[Outcome] | None = None,
            *, size: int = 250) -> list[Outcome]:
    """Every case's outcome on ``conn``: in statements of ``size`` cases; a case expected to
    fail (or in a statement that failed) runs alone."""
    out: list[Outcome | None] = [None] * len(cases)
    for start in range(0, len(cases), size):
        chunk = list(cases[start:start + size])
        batch = Batch(conn, chunk)
        batch.create()
        batch.fill()
        todo = []
        for i, case in enumerate(chunk):
            if case.compile_error:
                out[start + i] = Outcome(error="compile")
            elif expected is not None and expected[start + i].error:
                out[start + i] = _alone(batch, i)
            else:
                todo.append(i)
        for i, result in _run(batch, todo).items():
            out[start + i] = result
    assert all(o is not None for o in out)
    return [o for o in out if o is not None]


def _run(batch: Batch, todo: list[int]) -> dict[int, Outcome]:
    if not todo:
        return {}
    if len(todo) == 1 or batch.d.name == "spark":
        # Spark runs each branch of a UNION ALL as scan tasks of its own (~0.1 s each, measured:
        # 50 cases 6.3 s as one statement): a statement per case costs no more
        return {i: _alone(batch, i) for i in todo}
    # rendered one SELECT at a time: sqlglot re-walks a whole UNION for every branch
    text = " UNION ALL ".join(render(batch.select(i), batch.d)[0] for i in todo)
    try:
        rows = batch.conn.query(text, {} if batch.d.style == "pyformat" else None)
    except Exception:
        half = len(todo) // 2
        return _run(batch, todo[:half]) | _run(batch, todo[half:])
    return {row[0]: _decode(batch, row) for row in rows}


def _alone(batch: Batch, i: int) -> Outcome:
    try:
        rows = batch.conn.query(batch.select(i))
    except EvaluationError as exc:
        return Outcome(error=exc.code)
    except Exception as exc:
        return Outcome(error=f"sql: {type(exc).__name__}: {str(exc)[:300]}")
    return _decode(batch, rows[0])


def _decode(batch: Batch, row: Sequence[Any]) -> Outcome:
    case = batch.cases[row[0]]
    assert case.node is not None
    t = case.node.type
    if t is Type.NULL:
        return Outcome(row[2])
    return Outcome(decode(row[1 + RESULT_COLUMNS.index(t)], t, batch.d))


def from_yaml(item: Mapping[str, Any]) -> Case:
    """A conformance case as read from tests/conformance/*.yaml."""
    today = item.get("today")
    return Case(id=item["id"], expr=item["expr"], types=dict(item.get("types") or {}),
                values=dict(item.get("values") or {}), period=item.get("period"),
                today=dt.date.fromisoformat(today) if today else None,
                prev=dict(item.get("prev") or {}), tables=dict(item.get("tables") or {}))


def expected_outcome(item: Mapping[str, Any], case: Case) -> Outcome:
    """The expectation of a conformance case as an Outcome (README: Expectations)."""
    want = item.get("expect")
    if isinstance(want, Mapping):
        return Outcome(error=str(want["error"]))
    t = case.node.type if case.node is not None else None
    if want is None or isinstance(want, bool):
        return Outcome(want)
    if t is Type.NUMBER:
        return Outcome(Decimal(str(want)))
    if t is Type.DATE:
        return Outcome(dt.date.fromisoformat(str(want)))
    if t is Type.MULTI:
        return Outcome(list(want))
    return Outcome(want)
