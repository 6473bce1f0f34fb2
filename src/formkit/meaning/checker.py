"""Check: parse every expression where it stands, resolve its names, type it, build the IR."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from formkit.core import errors
from formkit.core.errors import Collector, Issue
from formkit.core.source import SourceSpan
from formkit.document.model import Column, ExprSrc, Field, TemplateModel
from formkit.language import ast, reuse
from formkit.language.ast import Type
from formkit.language.choices import check_choices
from formkit.language.parser import parse
from formkit.language.resolve import Resolver
from formkit.language.scope import FIELD_TYPES, Scope, Symbols, Where, constant_type
from formkit.language.types import TypeChecker, unify, word
from formkit.meaning.ir import CellIR, CExpr, ColumnIR, FieldIR, FormatIR, GridIR, RuleIR, TableIR

_CONDITION_KEYS = ("visible", "required")


class Checker:
    """Compiles one template's expressions against its symbols; collects every issue."""

    def __init__(self, model: TemplateModel, sym: Symbols, text: str, out: Collector,
                 sources: Mapping[str, str] | None = None) -> None:
        self.model = model
        self.sym = sym
        self.lines = text.splitlines()
        # An expression may stand in another file (an element's value, in its dictionary).
        self.sources = sources or {}
        self._other_lines: dict[str, list[str]] = {}
        self.out = out
        self.meanings = reuse.Meanings(sym)

    # -- one expression ------------------------------------------------------------------

    def compile(self, src: ExprSrc | None, scope: Scope, want: Sequence[Type] | None, what: str) -> CExpr | None:
        if src is None:
            return None
        if not src.is_expr:
            self._check_constant(src, want, what)
            return CExpr(src, None)
        assert src.text is not None
        issues: list[Issue] = []
        node, parse_issues = parse(src.text, self._expr_span(src), src.path)
        issues.extend(parse_issues)
        checked: reuse.Checked | None = None
        if node is not None and not parse_issues:
            key = self.meanings.key(src.text, scope)
            checked = reuse.lookup(key) if key is not None else None
            if checked is not None:
                # Every word means here what it meant where this was checked without an issue.
                checked.apply(node)
                got = node.type
            else:
                Resolver(self.sym, scope, src.path, issues).expression(node)
                got = TypeChecker(self.sym, scope, src.path, issues).check(node)
                if not issues and key is not None:
                    checked = _checked(node, self.sym)
                    reuse.keep(key, checked)
            if not issues:
                # After the reuse cache: the same words may name choices with other keys elsewhere.
                check_choices(node, self.sym, src.path, issues)
            if not issues and want is not None and got is not None and not any(unify(got, w) for w in want):
                issues.append(Issue(errors.TYPE_MISMATCH.code,
                                    f"{what} must be {' or '.join(word(w) for w in want)}, but this is {word(got)}",
                                    node.span, src.path, _want_hint(want)))
        self.out.extend(issues)
        if issues or node is None:
            return None
        if checked is None:  # a text the reuse key cannot name (none known): checked as before
            return _cexpr(src, node, self.sym)
        return CExpr(src, node, checked.deps, checked.prev, checked.reads_pool)

    def _check_constant(self, src: ExprSrc, want: Sequence[Type] | None, what: str) -> None:
        got = constant_type(src.const)
        if want is not None and not any(unify(got, w) for w in want):
            self.out.add(errors.TYPE_MISMATCH, f"{what} must be {' or '.join(word(w) for w in want)}, "
                         f"but {src.const!r} is {word(got)}", src.span, src.path, _want_hint(want))

    def _expr_span(self, src: ExprSrc) -> SourceSpan:
        """Where the expression text starts: after the opening quote of a quoted scalar."""
        s = src.span
        lines = self.lines if s.file == self.model.span.file else self._lines_of(s.file)
        line = lines[s.line - 1] if 0 < s.line <= len(lines) else ""
        if s.column - 1 < len(line) and line[s.column - 1] in "'\"":
            return SourceSpan(s.file, s.line, s.column + 1, s.end_line, s.end_column)
        return s

    def _lines_of(self, file: str) -> list[str]:
        if file not in self._other_lines:
            self._other_lines[file] = self.sources.get(file, "").splitlines()
        return self._other_lines[file]

    # -- fields --------------------------------------------------------------------------

    def column(self, col: Column, scope: Scope, ir_type: type[ColumnIR] = ColumnIR) -> ColumnIR:
        declared = FIELD_TYPES.get(col.type or "")
        value_scope = Scope(Where.VALUE, scope.table)
        calc_scope = Scope(Where.CALC, scope.table)
        cond_scope = Scope(Where.CONDITION, scope.table)
        want = (declared,) if declared is not None else None
        value = self.compile(col.value, value_scope, want, f"the value of '{col.id}'")
        calc = self.compile(col.calc, calc_scope, want, f"the calc of '{col.id}'")
        typ = declared or (value.type if value else None) or (calc.type if calc else None) or Type.TEXT
        bound = (typ,) if typ in (Type.NUMBER, Type.DATE) else (Type.NUMBER,)
        ir = ir_type(
            model=col, type=typ, kind="calc" if col.calc else ("value" if col.value else "input"),
            value=value, calc=calc,
            visible=self.compile(col.visible, cond_scope, (Type.BOOLEAN,), f"'visible' of '{col.id}'"),
            required=self.compile(col.required, cond_scope, (Type.BOOLEAN,), f"'required' of '{col.id}'"),
            min=self.compile(col.min, calc_scope, bound, f"'min' of '{col.id}'"),
            max=self.compile(col.max, calc_scope, bound, f"'max' of '{col.id}'"),
        )
        return ir

    def table(self, f: Field) -> TableIR:
        rows: ast.RowsQuery | None = None
        pool_table = None
        if f.rows is not None and f.rows.text is not None:
            tree, issues = parse(f.rows.text, self._expr_span(f.rows), f.rows.path, rows=True)
            self.out.extend(issues)
            if tree is not None and not issues:
                issues = []
                pool_table = Resolver(self.sym, Scope(Where.VALUE), f.rows.path, issues).rows_query(tree)
                derived = isinstance(tree.source.ref, ast.SourceTableRef)
                if (pool_table is not None or derived) and tree.where is not None:
                    TypeChecker(self.sym, Scope(Where.VALUE), f.rows.path, issues).expect(
                        tree.where, (Type.BOOLEAN,), "'where'")
                    if not issues:
                        check_choices(tree.where, self.sym, f.rows.path, issues)
                self.out.extend(issues)
                rows = tree if not issues else None
        scope = Scope(Where.VALUE, table=f.id)
        self._infer_column_types(f)
        columns = {c.id: self.column(c, scope) for c in f.columns}
        for cid, c in columns.items():
            self.sym.table_columns[f.id][cid] = c.type
        self.meanings.forget()
        deps = frozenset().union(*(_column_deps(c) for c in columns.values())) if columns else frozenset()
        return TableIR(model=f, columns=columns, rows=rows, pool_table=pool_table, deps=deps)

    def _infer_column_types(self, f: Field) -> None:
        """Columns typed by their ``value``/``calc`` may read each other: type them in rounds
        (silently: the real pass reports), so a sibling is never read as untyped."""
        types = self.sym.table_columns[f.id]
        pending = [c for c in f.columns if types.get(c.id) is None and (c.value or c.calc)]
        while pending:
            progressed = False
            for col in list(pending):
                src = col.value or col.calc
                assert src is not None
                where = Where.VALUE if col.value else Where.CALC
                typ = self._silent_type(src, Scope(where, table=f.id))
                if typ is not None and typ is not Type.NULL:
                    types[col.id] = typ
                    self.meanings.forget()
                    pending.remove(col)
                    progressed = True
            if not progressed:
                return

    def _silent_type(self, src: ExprSrc, scope: Scope) -> Type | None:
        if src.text is None:
            return constant_type(src.const)
        node, issues = parse(src.text, self._expr_span(src), src.path)
        if node is None or issues:
            return None
        Resolver(self.sym, scope, src.path, issues).expression(node)
        typ = TypeChecker(self.sym, scope, src.path, issues).check(node)
        return None if issues else typ

    def grid(self, f: Field) -> GridIR:
        overrides = {(c.row, c.col): c for c in f.cells}
        rows = {r.id: r for r in f.grid_rows}
        cols = {c.id: c for c in f.grid_columns}
        for (r, c), cell in overrides.items():
            if r not in rows or c not in cols:
                self.out.add(errors.UNKNOWN_NAME, f"the grid '{f.id}' has no cell '{r}.{c}'", cell.span, cell.path,
                             "cells are named ROW.COLUMN, e.g. total.all")
        cells: dict[tuple[str, str], CellIR] = {}
        for row in f.grid_rows:
            for col in f.grid_columns:
                override = overrides.get((row.id, col.id))
                src_value = override.value if override else None
                src_calc = override.calc if override else None
                if override is None:
                    src_value, src_calc = _cell_source(row.value, row.calc, col.value, col.calc)
                scope_where = Where.VALUE if src_value is not None else Where.CALC
                scope = Scope(scope_where, grid=f.id, grid_row=row.id, grid_col=col.id)
                what = f"the cell {f.id}.{row.id}.{col.id}"
                expr = self.compile(src_value or src_calc, scope, (Type.NUMBER,), what)
                kind = "calc" if src_calc is not None else ("value" if src_value is not None else "input")
                cells[(row.id, col.id)] = CellIR(row=row, col=col, kind=kind, expr=expr)
        org_mode, period_mode = _rollup_pair(f, "sum")
        return GridIR(model=f, cells=cells, total_rows=frozenset(self.sym.grids[f.id].total_rows),
                      rollup_org=org_mode, rollup_period=period_mode)

    def field(self, f: Field) -> FieldIR:
        ir = self.column(f, Scope(Where.VALUE), FieldIR)
        assert isinstance(ir, FieldIR)
        default = _default_rollup(ir)
        ir.rollup_org, ir.rollup_period = _rollup_pair(f, default, _default_period_rollup(ir, default))
        self._check_rollup(ir)
        return ir

    def _check_rollup(self, ir: FieldIR) -> None:
        rollup = ir.model.rollup
        if rollup is None:
            return
        for mode in {ir.rollup_org, ir.rollup_period}:
            problem = _rollup_problem(ir, mode)
            if problem:
                self.out.add(errors.BAD_ROLLUP, f"roll-up '{mode}' {problem}", rollup.span, rollup.path,
                             "see docs/templates.md#roll-up for which mode fits which field")

    def rule(self, index: int) -> RuleIR | None:
        r = self.model.rules[index]
        scope = Scope(Where.CONDITION, table=r.table if r.table in self.sym.tables else None)
        check = self.compile(r.check, scope, (Type.BOOLEAN,), f"the check of rule '{r.id}'")
        return RuleIR(model=r, check=check, table=scope.table) if check else None

    def format(self, index: int) -> FormatIR | None:
        fm = self.model.formats[index]
        scope = Scope(Where.CONDITION, table=fm.table if fm.table in self.sym.tables else None)
        when = self.compile(fm.when, scope, (Type.BOOLEAN,), "the 'when' of a format")
        return FormatIR(model=fm, when=when, table=scope.table) if when else None


def _cell_source(row_value: ExprSrc | None, row_calc: ExprSrc | None, col_value: ExprSrc | None,
                 col_calc: ExprSrc | None) -> tuple[ExprSrc | None, ExprSrc | None]:
    """SPEC §2.3 precedence without an override: the row's own source (a totals row), then the
    column's (a totals column or a bound column)."""
    if row_calc is not None or row_value is not None:
        return row_value, row_calc
    return col_value, col_calc


def _checked(node: ast.Expr, sym: Symbols) -> reuse.Checked:
    return reuse.Checked(reuse.annotations_of(node), *_reads(node, sym))


def _cexpr(src: ExprSrc, node: ast.Expr, sym: Symbols) -> CExpr:
    return CExpr(src, node, *_reads(node, sym))


def _reads(node: ast.Expr, sym: Symbols) -> tuple[frozenset[str], frozenset[str], bool]:
    """The slots an expression reads, the fields it reads through prev(), whether it reads the pool."""
    deps: set[str] = set()
    prev: set[str] = set()
    pool = False
    stack: list[ast.Expr] = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, ast.Prev):
            ref = cur.target.ref
            prev.add(ref.field if isinstance(ref, ast.FieldRef) else cur.target.dotted)
            continue
        if isinstance(cur, ast.Name):
            deps |= _slot(cur.ref, sym)
            # A derived template's source is read like the pool: from the database, before the
            # form is filled, never typed (SPEC §8.4); ast.reads_source tells the two apart.
            pool = pool or isinstance(cur.ref, (ast.PoolColumnRef, ast.PoolTableRef, *ast.SOURCE_REFS))
        stack.extend(ast.children(cur))
    return frozenset(deps), frozenset(prev), pool


def _slot(ref: ast.Ref | None, sym: Symbols) -> set[str]:
    if isinstance(ref, ast.FieldRef):
        return {ref.field}
    if isinstance(ref, ast.GridCellRef):
        return {f"{ref.grid}.{ref.row}.{ref.col}"}
    if isinstance(ref, ast.TableRef | ast.TableColumnRef):
        return {ref.table}
    if isinstance(ref, ast.GridColumnRef):
        info = sym.grids[ref.grid]
        return {f"{ref.grid}.{r}.{ref.col}" for r in info.rows if r not in info.total_rows}
    return set()


def _column_deps(c: ColumnIR) -> frozenset[str]:
    exprs = [c.value, c.calc, c.visible, c.required, c.min, c.max]
    return frozenset().union(*(e.deps for e in exprs if e is not None))


def _default_rollup(ir: FieldIR) -> str:
    """SPEC §2.4 defaults."""
    if ir.type is not Type.NUMBER:
        return "none"
    if ir.calc is not None:
        return "recompute"
    node = ir.value.node if ir.value is not None else None
    if isinstance(node, ast.Aggregate) and ir.value is not None and ir.value.reads_pool:
        if ast.reads_source(node):  # derived: there is no binding to run again at a roll-up scope
            return {"avg": "avg", "min": "min", "max": "max", "count_distinct": "none"}.get(node.func, "sum")
        return "requery" if node.func in ("avg", "min", "max", "count_distinct") else "sum"
    return "sum"


def _default_period_rollup(ir: FieldIR, default: str) -> str:
    """Stocks across periods (issue 18). A pool table is the state of things when it is read, so
    a pool `count`/`sum` is a stock: a quarter holds its last month's, not three months added up
    (across org units it still adds up). A value carried forward with `prev()` is an opening
    stock: a quarter opens with its first month's (SPEC §2.1's `opening`), so its calc'd closing
    (`opening + received - released`, recomputed) comes out right."""
    if ir.type is not Type.NUMBER or ir.calc is not None or ir.value is None or ir.value.node is None:
        return default
    node = ir.value.node
    pool_rows = isinstance(node, ast.Aggregate) and isinstance(node.source.ref, ast.PoolTableRef | ast.PoolColumnRef)
    if pool_rows and default == "sum":
        return "last"
    if isinstance(node, ast.Prev):
        return "first"
    return default


def _rollup_pair(f: Field, default: str, period_default: str | None = None) -> tuple[str, str]:
    r = f.rollup
    period_default = period_default or default
    if r is None:
        return default, period_default
    return r.org or default, r.period or period_default


def _rollup_problem(ir: FieldIR, mode: str) -> str | None:
    if ir.type is not Type.NUMBER and mode not in ("none", "first", "last", "count"):
        return f"does not apply to the {ir.model.type} field '{ir.id}' (only numbers add up)"
    if mode == "recompute" and ir.calc is None:
        return f"needs a calc, and '{ir.id}' has none"
    if mode == "requery" and not (ir.value is not None and ir.value.reads_pool and not ast.reads_source(ir.value.node)):
        return f"needs a pool-bound value, and '{ir.id}' is not read from the pool"
    return None


def _want_hint(want: Sequence[Type]) -> str | None:
    if Type.BOOLEAN in want:
        return "a condition compares values, e.g. received >= 0"
    return "check the field's type, or the fields the expression uses"
