"""Derived templates (SPEC §8.4): what a template that reads other templates' submissions may hold.

A derived report is computed, never typed: every value reads a source (or is a calc over such
values), so grassroots staff fill the source once and each department still receives its report.
A derived template therefore has no field staff would type and reads no pool; it is filled by
the same unit as its source, for its source's period or one made of whole source periods (then
without ``prev()``: there is no single last period to carry). Each problem is a
located ``derived-only`` or ``derived-mismatch`` error.
"""

from __future__ import annotations

from collections.abc import Iterator

from formkit.core import errors
from formkit.core.errors import Collector
from formkit.core.periods import nests
from formkit.core.source import SourceSpan
from formkit.language import ast
from formkit.meaning.ir import CExpr, ColumnIR
from formkit.meaning.template import Template

__all__ = ["check_derived", "origin_of"]


def check_derived(template: Template, out: Collector) -> None:
    """Every problem of a derived template against its sources, collected into ``out``."""
    if not template.derived:
        return
    _check_sources(template, out)
    _check_fields(template, out)
    coarser = any(s.period != template.period for s in template.derived_from.values())
    for where, path, e in _expressions(template):
        _check_expression(e, where, path, out, coarser=coarser)


def _check_sources(template: Template, out: Collector) -> None:
    model = template.model
    for alias in list(template.derived_from)[1:]:  # one collection per derived report, for now
        out.add(errors.DERIVED_MISMATCH, f"a derived report reads one source template; '{alias}' is a second",
                model.derived_spans.get(alias, model.span_of("from")), f"from.{alias}",
                "derive one report per source, or merge the sources first (formkit merge A.yaml B.yaml)")
    for alias, source in template.derived_from.items():
        span = model.derived_spans.get(alias, model.span_of("from"))
        name = model.derived_from[alias]
        if source.level != template.level:
            out.add(errors.DERIVED_MISMATCH, f"'{name}' is filled by each {source.level or '(no level)'}, this "
                    f"template by each {template.level or '(no level)'}", span, f"from.{alias}",
                    f"a derived report is filled for the same units as its source: write 'level: {source.level}'")
        if not nests(source.period, template.period):
            out.add(errors.DERIVED_MISMATCH, f"'{name}' is {source.period}, which does not make up a "
                    f"{template.period} period", span, f"from.{alias}",
                    f"write 'period: {source.period}', or a period made of whole {source.period} periods "
                    "(months make quarters and years, quarters make years)")
        elif source.period != template.period:
            for tid, t in template.tables.items():
                out.add(errors.DERIVED_MISMATCH, f"the roster '{tid}' lists the rows of one {source.period} "
                        f"submission, but this template is {template.period}", t.model.span, t.model.path,
                        f"write 'period: {source.period}' for a derived roster; a {template.period} report "
                        "can count and add up the source's rows (count(alias.roster), sum(alias.roster.column))")
        pool, theirs = template.pool, source.pool
        if pool is not None and theirs is not None and pool.file != theirs.file:
            out.add(errors.DERIVED_MISMATCH, f"'{name}' reads the pool {theirs.file}, this template {pool.file}",
                    span, f"from.{alias}", "a derived template and its sources share one org tree: name the same "
                    "pool, or leave 'pool:' out to use the source's")


def _check_fields(template: Template, out: Collector) -> None:
    for fid, f in template.fields.items():
        if f.kind == "input":
            _typed(out, f"'{fid}'", f.model.span, f.model.path)
    for gid, g in template.grids.items():
        typed = [f"{r}.{c}" for (r, c), cell in g.cells.items() if cell.kind == "input"]
        if typed:
            _typed(out, f"the cells {', '.join(typed[:3])}{'…' if len(typed) > 3 else ''} of '{gid}'",
                   g.model.span, g.model.path)
    for tid, t in template.tables.items():
        if t.rows is None or not isinstance(t.rows.source.ref, ast.SourceTableRef):
            out.add(errors.DERIVED_ONLY, f"the roster '{tid}' of a derived template must take its rows from a "
                    "source roster", t.model.span, t.model.path,
                    f"write 'rows: {next(iter(template.derived_from))}.ROSTER' (a roster of the source)")
        for cid, c in t.columns.items():
            if c.kind == "input":
                _typed(out, f"the column '{tid}.{cid}'", c.model.span, c.model.path)


def _typed(out: Collector, what: str, span: SourceSpan, path: str) -> None:
    out.add(errors.DERIVED_ONLY, f"{what} would be typed, but a derived report is computed from its sources",
            span, path, "give it a 'value' that reads a source (alias.field), or a 'calc'; what staff type "
                        "belongs in the source template")


def _check_expression(e: CExpr, where: str, path: str, out: Collector, *, coarser: bool = False) -> None:
    node = e.node
    if node is None:
        return
    for n in ast.walk(node):
        if isinstance(n, ast.Prev) and coarser:
            out.add(errors.DERIVED_MISMATCH, f"prev() in {where}: a report read over several source periods "
                    "has no single last period to carry", n.span, path,
                    "read last period in the source template and derive that field")
            return
        if isinstance(n, ast.Name) and isinstance(n.ref, ast.PoolTableRef | ast.PoolColumnRef):
            out.add(errors.DERIVED_ONLY, f"{where} reads the pool ('{n.dotted}'), but a derived report reads only "
                    "its sources", n.span, path, "bind the value in the source template and read it from there")
            return


_KEYS = ("value", "calc", "visible", "required", "min", "max")


def _of(column: ColumnIR, name: str) -> Iterator[tuple[str, str, CExpr]]:
    for key in _KEYS:
        e = getattr(column, key)
        if e is not None:
            yield f"the {key} of '{name}'", e.src.path, e


def _expressions(template: Template) -> Iterator[tuple[str, str, CExpr]]:
    for fid, f in template.fields.items():
        yield from _of(f, fid)
    for gid, g in template.grids.items():
        for (r, c), cell in g.cells.items():
            if cell.expr is not None:
                yield f"the cell {gid}.{r}.{c}", cell.expr.src.path, cell.expr
    for tid, t in template.tables.items():
        for cid, col in t.columns.items():
            yield from _of(col, f"{tid}.{cid}")
    for rule in template.rules:
        if rule.check is not None:
            yield f"the rule '{rule.model.id}'", rule.check.src.path, rule.check
    for fm in template.formats:
        if fm.when is not None:
            yield "a format's 'when'", fm.when.src.path, fm.when


def origin_of(t: Template, c: ColumnIR) -> tuple[Template, ColumnIR]:
    """Where a value that reads another template is defined (SPEC §8.4): ``value: ledger.cert``
    shows as the ledger's ``cert`` does (its kind, choices and places), through a chain of
    derived templates; any other value is its own origin."""
    for _ in range(16):  # sources cannot form a cycle (derived-cycle); the bound is for safety
        node = c.value.node if c.value is not None else None
        ref = node.ref if isinstance(node, ast.Name) else None
        if isinstance(ref, ast.SourceFieldRef) and ref.slot in t.derived_from[ref.alias].fields:
            t = t.derived_from[ref.alias]
            c = t.fields[ref.slot]
        elif isinstance(ref, ast.SourceColumnRef):
            t = t.derived_from[ref.alias]
            c = t.tables[ref.table].columns[ref.column]
        else:
            break
    return t, c
