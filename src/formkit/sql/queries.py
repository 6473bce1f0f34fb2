"""Queries by name: the SQL text of a template's statements for one dialect (``formkit sql``, ``tpl.sql``).

:data:`QUERIES` maps a query name to its builder; adding a query is one line::

    QUERIES["ddl"] = build_ddl_statements   # (template, dialect, level) -> [statements]

A builder returns the statements (sqlglot trees) of its query; :func:`sql_for` renders them,
parameters in the dialect's driver style, and caches the text per template, query, dialect and
level: building and rendering costs milliseconds (DESIGN), a CLI or a server asks often.

Dialects: the engines formkit runs (``duckdb``, ``sqlite``, ``postgres``, ``mysql``) and two it
only emits, checked by parsing the SQL back (``trino``, ``spark``; SPEC §4). The emitted ones
use PostgreSQL's lowering, rendered by sqlglot's generator of the target, with named
parameters (``:org``).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Sequence

from sqlglot import exp

from formkit.meaning.template import Template
from formkit.sql import derived, derived_reads
from formkit.sql import org as orgs
from formkit.sql.ddl import build_ddl
from formkit.sql.engines import ENGINES, Dialect, get, render
from formkit.sql.prefill import build_prefill
from formkit.sql.rollup import build_rollup
from formkit.sql.rows import build_rows, roster_tables
from formkit.sql.validate import build_validate

__all__ = ["EMITTED", "QUERIES", "Builder", "dialect_for", "sql_for"]

Builder = Callable[[Template, Dialect, "str | None"], Sequence[exp.Expression]]

#: The engines formkit only emits SQL for, as their lowering sees them (the engine table's
#: records without URL schemes).
EMITTED: dict[str, Dialect] = {name: get(name) for name, e in ENGINES.items() if not e.runs}


def _prefill(template: Template, d: Dialect, level: str | None) -> list[exp.Expression]:
    """One unit's pre-fill; a derived report's values read from its source (SPEC §8.4)."""
    if template.derived:
        return [derived_reads.build_values(template, d)]
    return [build_prefill(template, d)] if template.pool is not None else []


def _all_units(template: Template, d: Dialect, level: str | None) -> list[exp.Expression]:
    if template.derived:
        return [derived_reads.build_values_all(template, d)]
    return [build_prefill(template, d, all_units=True)] if template.pool is not None and template.level else []


def _rows(template: Template, d: Dialect, level: str | None) -> list[exp.Expression]:
    out = []
    build = derived_reads.build_rows if template.derived else build_rows
    for table_id in template.tables if template.derived else roster_tables(template):
        tree = build(template, table_id, d)
        head = tree.args.get("with_") or tree  # a comment on the SELECT would follow the WITH
        head.add_comments([f"rows: {table_id}"])
        out.append(tree)
    return out


def _ddl(template: Template, d: Dialect, level: str | None) -> list[exp.Expression]:
    return [] if template.derived else list(build_ddl(template, d.sqlglot))  # a derived report stores nothing


def _rollup(template: Template, d: Dialect, level: str | None) -> list[exp.Expression]:
    """The roll-up of one period to ``level`` (None: the org unit itself)."""
    if template.derived:
        return [derived.build_rollup(template, d, level=level)]
    return [build_rollup(template, d, level=level)] if template.pool is not None and template.level else []


def _validate(template: Template, d: Dialect, level: str | None) -> list[exp.Expression]:
    # a derived report has no submissions of its own to validate: its source's are
    return [build_validate(template, d.name)[0]] if template.pool is not None and not template.derived else []


QUERIES: dict[str, Builder] = {
    "prefill": _prefill,
    "all_units": _all_units,
    "rows": _rows,
    "ddl": _ddl,
    "rollup": _rollup,
    "validate": _validate,
}


def dialect_for(name: str) -> Dialect:
    """A dialect formkit runs or emits, by name or alias (``postgresql``, ``mariadb``, ``sparksql``)."""
    return get(name)


def sql_for(template: Template, query: str, dialect: str, level: str | None = None) -> tuple[str, list[str]]:
    """The SQL of ``query`` for ``template`` in ``dialect`` and its parameter names (in the
    driver's order; each once). Several statements are separated by ``;``; a query that the
    template has nothing for (no roster, no pool) is empty text."""
    if query not in QUERIES:
        raise ValueError(f"unknown query {query!r}: one of {', '.join(QUERIES)}")
    d = dialect_for(dialect)
    result: tuple[str, list[str]] = orgs.cached(
        template, ("sql_for", query, d.sqlglot, level), lambda: _render_all(QUERIES[query](template, d, level), d))
    return result


def _render_all(trees: Sequence[exp.Expression], d: Dialect) -> tuple[str, list[str]]:
    texts: list[str] = []
    names: list[str] = []
    for tree in trees:
        text, used = _render(tree, d)
        texts.append(text)
        names.extend(n for n in used if n not in names)
    return ";\n\n".join(texts), names


_HELPER = re.compile(r"fk_([a-z])\d+")


def renumber_helpers(tree: exp.Expression) -> exp.Expression:
    """The lowering names its helper variables from a process-wide counter (``fk_v17``), so the
    text would depend on what was built before: number them by first appearance instead."""
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    # sqlglot's walk() in the same breadth-first order, without its generator machinery (this
    # walk visits every node of statements of 100,000 nodes)
    queue = deque([tree])
    while queue:
        node = queue.popleft()
        if type(node) is exp.Identifier:
            old = node.this
            if isinstance(old, str) and old.startswith("fk_") and _HELPER.fullmatch(old):
                if old not in names:
                    kind = old[3]
                    counts[kind] = counts.get(kind, 0) + 1
                    names[old] = f"fk_{kind}{counts[kind]}"
                node.set("this", names[old])
            continue
        for value in node.args.values():
            if isinstance(value, exp.Expression):
                queue.append(value)
            elif type(value) is list:
                queue.extend(v for v in value if isinstance(v, exp.Expression))
    return tree


def _render(tree: exp.Expression, d: Dialect) -> tuple[str, list[str]]:
    tree = renumber_helpers(tree)
    if d.sqlglot in EMITTED:
        names = [str(p.name) for p in tree.find_all(exp.Placeholder)]
        return tree.sql(dialect=d.sqlglot, pretty=True), list(dict.fromkeys(names))
    return render(tree, d, pretty=True)
