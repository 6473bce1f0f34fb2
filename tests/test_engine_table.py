"""The engine table (sql/engines.py): one record per engine, and every part of formkit reads it.

SPEC §4 names the engines formkit runs (DuckDB, SQLite, PostgreSQL, MySQL/MariaDB, Spark SQL) and the
ones it emits SQL for, checked by parsing (Trino). Each is one record; these tests prove the
record is complete and that nothing keeps a second list of engines beside it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import sqlglot

import formkit
from formkit.language.ast import Type
from formkit.runtime.connect import ADAPTERS, connect
from formkit.sql.ddl import storage
from formkit.sql.engines import ALIASES, DIALECTS, ENGINES, engine, get
from formkit.sql.queries import QUERIES, sql_for
from formkit.sql.sqlite_functions import AGGREGATE, SCALAR

SRC = Path(formkit.__file__).parent
NAMES = sorted([*ENGINES, *ALIASES])


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_every_type_of_the_record_parses_in_its_dialect(name: str) -> None:
    e = ENGINES[name]
    for t in (Type.NUMBER, Type.TEXT, Type.DATE, Type.BOOLEAN):
        assert e.type_of(t).sql(dialect=e.sqlglot)
    s = e.storage
    for text in (s.number, s.text, s.key, s.date, s.boolean, s.timestamp, s.integer):
        sqlglot.parse_one(f"CAST(x AS {text})", read=e.sqlglot)


@pytest.mark.parametrize("name", NAMES)
def test_every_name_and_alias_gives_every_query(name: str) -> None:
    """``formkit sql --dialect NAME`` for every engine and alias (``sparksql`` was refused while
    the DDL accepted it); emitted SQL parses back in its own dialect."""
    tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
    e = engine(name)
    assert storage(name) is e.storage
    for query in QUERIES:
        text, _ = sql_for(tpl, query, name, "street" if query == "rollup" else None)
        if not e.runs:
            for statement in filter(None, text.split(";\n\n")):
                sqlglot.parse_one(statement, read=e.sqlglot)


def test_an_unknown_name_is_refused_with_the_names_there_are() -> None:
    with pytest.raises(ValueError, match="unknown SQL dialect 'oracle': one of duckdb, mysql, postgres, spark"):
        get("oracle")


def test_every_engine_formkit_runs_has_its_adapter_and_schemes() -> None:
    assert set(ADAPTERS) == set(DIALECTS)
    schemes = [s for e in DIALECTS.values() for s in e.schemes]
    assert len(schemes) == len(set(schemes))
    for e in ENGINES.values():
        assert e.runs != (e.lowers_as is not None), e.name  # an engine is either run or emitted as another
    with pytest.raises(ValueError, match=r"use duckdb:///, sqlite:///, postgresql://, mysql:// or spark://"):
        connect("oracle://x")


def test_sqlite_registers_exactly_the_functions_its_record_names() -> None:
    assert sorted(ENGINES["sqlite"].sql_functions) == sorted({*SCALAR, *AGGREGATE})
    con = connect("sqlite:///:memory:")
    try:
        for name in ENGINES["sqlite"].sql_functions:
            arity = 1 if name in AGGREGATE else abs(SCALAR[name][0])
            assert con.query(f"SELECT {name}({', '.join(['1'] * max(arity, 2 if arity < 0 else arity))})")
    finally:
        con.close()


# what an engine's name is read from: ``d.name``, ``self.d.sqlglot``, ``con.dialect``, ``dialect``, ``engine``…
_ENGINE_SIDE = re.compile(r"(?:^|\.)(?:d|low\.d)\.(?:name|sqlglot)$|(?:^|\.)dialect(?:\.(?:name|sqlglot))?$|"
                          r"(?:^|\.)s\.sqlglot$|^_?engine(?:\(d\))?$")


def _compared_engine_names() -> list[tuple[str, int, str]]:
    """String constants that code compares with an engine's name (``d.name == "mysql"``,
    ``con.dialect in ("sqlite", "duckdb")``…) in the stages that read the engine table."""
    found = []
    for path in sorted([*(SRC / "sql").glob("*.py"), *(SRC / "runtime").glob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            if not any(_ENGINE_SIDE.search(ast.unparse(s)) for s in sides):
                continue
            for side in sides:
                consts = side.elts if isinstance(side, ast.Tuple | ast.Set | ast.List) else [side]
                for c in consts:
                    if isinstance(c, ast.Constant) and isinstance(c.value, str):
                        found.append((path.name, c.lineno, c.value))
    return found


def test_code_names_only_engines_of_the_table() -> None:
    """A lowering override names an engine of the table, never a spelling of its own."""
    found = _compared_engine_names()
    assert found, "the scan found no comparison at all: it no longer sees the code"
    strays = [f"{f}:{line}: {v!r}" for f, line, v in found if v not in ENGINES]
    assert not strays, "engine names that are not in the engine table:\n" + "\n".join(strays)
