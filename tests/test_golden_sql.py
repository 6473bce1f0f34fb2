"""Golden SQL: every read-side query of every example template, per dialect (DESIGN "golden SQL files").

Each file is ``tests/golden/<template id>/<query>.<dialect>.sql`` (``<query>@<level>`` when the
query takes a level): the SQL text of :func:`formkit.sql.queries.sql_for`, after a first line
naming its parameters in the driver's order. A diff in a golden file is a change in the SQL
formkit sends: review it, then rewrite the files with ``FORMKIT_UPDATE_GOLDEN=1 pytest
tests/test_golden_sql.py`` (stale files are removed too). Trino and Spark SQL, which no test
runs, are checked by parsing them back with sqlglot (SPEC §4); the engines run the same
statements in the queries' own tests (tests/test_prefill.py for pre-fill, send-down and rows).

To add a query: one entry in ``GOLDEN`` (its name in the ``formkit.sql.queries.QUERIES``
registry, and the levels to write it for; ``None`` is the query's default).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlglot

import formkit
from formkit.meaning.template import Template
from formkit.sql.engines import ENGINES
from formkit.sql.queries import sql_for

GOLDEN: dict[str, tuple[str | None, ...]] = {
    "prefill": (None,),
    "all_units": (None,),
    "rows": (None,),
    "ddl": (None,),
    "rollup": (None, "district"),
    "validate": (None,),
}
DIALECTS = tuple(ENGINES)  # every engine of the table (sql/engines.py)
PARSED_BACK = frozenset(n for n, e in ENGINES.items() if not e.runs)  # the others run these in their own tests
ROOT = Path(__file__).parent / "golden"
UPDATE = os.environ.get("FORMKIT_UPDATE_GOLDEN") == "1"
EXAMPLES = sorted(p for p in formkit.examples_dir().glob("*.yaml") if p.name.count(".") == 1)
_TEMPLATES: dict[str, Template] = {}


def _template(path: Path) -> Template:
    if path.name not in _TEMPLATES:
        _TEMPLATES[path.name] = formkit.load(path)
    return _TEMPLATES[path.name]


def golden_path(template_id: str, query: str, level: str | None, dialect: str) -> Path:
    name = query if level is None else f"{query}@{level}"
    return ROOT / template_id / f"{name}.{dialect}.sql"


def _cases() -> list[tuple[Path, str, str | None, str]]:
    return [(p, q, level, d) for p in EXAMPLES for q, levels in GOLDEN.items() for level in levels for d in DIALECTS]


def _id(case: tuple[Path, str, str | None, str]) -> str:
    path, query, level, dialect = case
    return f"{path.stem}-{query}{'' if level is None else '@' + level}-{dialect}"


def _golden_text(sql: str, names: list[str]) -> str:
    return f"-- parameters: {', '.join(names) or '(none)'}\n{sql}\n"


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_golden_sql(case: tuple[Path, str, str | None, str]) -> None:
    """SPEC §4: the SQL of each query, template and dialect is the reviewed one, and parses back."""
    path, query, level, dialect = case
    tpl = _template(path)
    sql, names = sql_for(tpl, query, dialect, level)
    golden = golden_path(tpl.id, query, level, dialect)
    if not sql:  # the template has nothing for this query (no roster, no pool)
        if UPDATE:
            golden.unlink(missing_ok=True)
        assert not golden.exists(), f"{golden} is stale: the query is empty now"
        return
    if dialect in PARSED_BACK:
        assert sqlglot.parse(sql, read=dialect), "no statement parsed"
    text = _golden_text(sql, names)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run with FORMKIT_UPDATE_GOLDEN=1 and review it"
    assert golden.read_text(encoding="utf-8") == text, f"{golden} differs: review, then FORMKIT_UPDATE_GOLDEN=1"


def test_no_stale_golden_files() -> None:
    """Every golden file belongs to a case above (a removed query or template takes its files along)."""
    wanted = {golden_path(_template(p).id, q, level, d) for p, q, level, d in _cases()}
    stale = [f for f in ROOT.rglob("*.sql") if f not in wanted]
    if UPDATE:
        for f in stale:
            f.unlink()
    assert not [f for f in stale if f.exists()], stale


def test_sql_is_cached_per_template_and_dialect() -> None:
    """DESIGN: building costs milliseconds; the text is built once per template and dialect."""
    tpl = _template(EXAMPLES[0])
    first = sql_for(tpl, "prefill", "postgres")
    assert sql_for(tpl, "prefill", "postgres") is first
    assert sql_for(tpl, "prefill", "duckdb") is not first
