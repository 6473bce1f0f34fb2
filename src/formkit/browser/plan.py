"""JS plan: a checked template lowered to the JSON that the static browser evaluator runs.

The browser never parses expressions (it has no ``eval``): it receives each expression as a small
JSON tree, every name already resolved, every number written as a string so that it stays exact.
:func:`expr_to_json` lowers one expression; :func:`template_plan` a whole template.

Expression nodes (``k`` is the kind; numbers are exact decimal strings, dates ISO text)::

    {"k": "lit", "t": "number|text|date|boolean|null", "v": "3.5"}
    {"k": "ref", "ref": "field", "id": "received", "slot": "received", "t": "number"}
    {"k": "ref", "ref": "cell", "grid": "g", "row": "r", "col": "c", "slot": "g.r.c", "t": "number"}
    {"k": "ref", "ref": "rowcol", "table": "severe", "col": "subsidy", "t": …}   current row
    {"k": "ref", "ref": "param", "name": "lo", "t": …}                         grid row parameter
    {"k": "ref", "ref": "poolcol" | "pooltable", …}        never evaluated in the browser
    {"k": "un", "op": "-|+|not", "a": …}
    {"k": "bin", "op": "+ - * / & = != < <= > >= and or", "a": …, "b": …}
    {"k": "isnull", "neg": false, "a": …}     {"k": "in", "neg": false, "a": …, "items": […]}
    {"k": "between", "neg": false, "a": …, "lo": …, "hi": …}
    {"k": "call", "fn": "round", "args": […]}
    {"k": "agg", "fn": "sum", "src": SOURCE, "where": …}   SOURCE: a ref "table" (table), "tablecol"
        (table, col, t) or "gridcol" (grid, col, rows: the non-total rows)
    {"k": "prev", "slot": "closing", "t": "number"}        read from the payload's ``prev``

The plan (``formkit_plan: 1``)::

    {"formkit_plan": 1, "template": id, "version": n, "period": "weekly", "fields": [ids in order],
     "slots": {SLOT: ENTRY},                 SLOT: a field id, a table id, or "grid.row.col"
     "grids": {grid: {"rows": [...], "columns": [...], "totals": [total rows]}},
     "order": [computed slots, dependencies first],        (template.plan.order)
     "dependants": {slot: [direct dependants]},             (template.plan.dependants)
     "rules": [{"id", "check", "severity", "fields", "message": {lang: text}, "table"?, "deps"}],
     "formats": [{"when", "fields", "style"? | "class"?, "table"?, "deps"}]}

    ENTRY of a field, a grid cell or a table column:
     {"kind": "input|value|calc", "type": "integer|decimal|text|…", "t": language type,
      "precision": places a value is held at (0 for integers; absent: any up to 10),
      "expr": what the browser computes (a calc; a value that does not read the pool),
      "prefilled": true (a pool-bound value: it arrives in the payload), "confirm": true,
      "visible", "required", "min", "max": expressions (constants as literals),
      "pattern", "choices": [keys], "check_deps": [slots that required/min/max read],
      grid cells: "grid", "row", "col", "params": {row parameter: value};
      table columns: "row_deps": [columns of the same row it reads]}
    ENTRY of a table:
     {"kind": "table", "columns": {col: ENTRY}, "row_order": [columns recomputed per row, in
      order], "add_rows", "remove_rows", "pool": pool table or absent, "deps": [form slots]}

Keys without a value are left out. The browser's payload (:func:`payload`) carries the values
(``values``, ``tables``, ``grids`` as in SPEC §5), last period's values (``prev``) and the
period's first and last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from graphlib import CycleError, TopologicalSorter
from typing import Any

from formkit.document.model import Label, Scalar
from formkit.language import ast
from formkit.language.ast import Type
from formkit.language.scope import Symbols
from formkit.meaning.ir import CellIR, CExpr, ColumnIR, FormatIR, GridIR, RuleIR, TableIR
from formkit.meaning.template import Template

PLAN_VERSION = 1

JSON = dict[str, Any]


# -- values ------------------------------------------------------------------------------------


def number_text(value: Decimal | int) -> str:
    """A number as exact plain decimal text: ``Decimal('1.50')`` → ``'1.5'``, never ``'1E+3'``.

    (Not ``Decimal.normalize()``: it rounds to the context's 28 significant digits.)
    """
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def value_to_json(value: object) -> Any:
    """A language value as JSON: numbers as exact strings, dates as ISO text, lists as lists."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | Decimal):
        return number_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [value_to_json(v) for v in items]
    raise TypeError(f"{type(value).__name__} is not a value of the expression language")


def literal_json(value: Scalar | dt.date) -> JSON:
    """A constant (from the AST or a YAML scalar) as a literal node."""
    if value is None:
        return {"k": "lit", "t": "null", "v": None}
    if isinstance(value, bool):
        return {"k": "lit", "t": "boolean", "v": value}
    if isinstance(value, int | Decimal):
        return {"k": "lit", "t": "number", "v": number_text(value)}
    if isinstance(value, dt.date):
        return {"k": "lit", "t": "date", "v": value.isoformat()}
    return {"k": "lit", "t": "text", "v": value}


# -- expressions -------------------------------------------------------------------------------


def ref_json(ref: ast.Ref | None, t: Type | None, symbols: Symbols | None = None) -> JSON:
    """A resolved name. Slot refs carry ``slot``: the key of the value in the form's state."""
    out: JSON
    if isinstance(ref, ast.FieldRef):
        out = {"ref": "field", "id": ref.field, "slot": ref.field}
    elif isinstance(ref, ast.GridCellRef):
        out = {
            "ref": "cell",
            "grid": ref.grid,
            "row": ref.row,
            "col": ref.col,
            "slot": f"{ref.grid}.{ref.row}.{ref.col}",
        }
    elif isinstance(ref, ast.GridColumnRef):
        out = {"ref": "gridcol", "grid": ref.grid, "col": ref.col}
        if symbols is not None:
            info = symbols.grids[ref.grid]
            out["rows"] = [r for r in info.rows if r not in info.total_rows]
    elif isinstance(ref, ast.RowParamRef):
        out = {"ref": "param", "name": ref.name}
    elif isinstance(ref, ast.TableRef):
        out = {"ref": "table", "table": ref.table, "slot": ref.table}
    elif isinstance(ref, ast.TableColumnRef):
        out = {"ref": "tablecol", "table": ref.table, "col": ref.column, "slot": ref.table}
    elif isinstance(ref, ast.RowColumnRef):
        out = {"ref": "rowcol", "table": ref.table, "col": ref.column}
    elif isinstance(ref, ast.PoolTableRef):
        out = {"ref": "pooltable", "table": ref.table}
    elif isinstance(ref, ast.PoolColumnRef):
        out = {"ref": "poolcol", "table": ref.table, "col": ref.column}
    else:
        raise ValueError("the expression has an unresolved name: check it before lowering it")
    out = {"k": "ref", **out}
    if t is not None:
        out["t"] = t.value
    return out


def expr_to_json(
    node: ast.Expr,
    *,
    symbols: Symbols | None = None,
    table_columns: Mapping[str, Mapping[str, Type]] | None = None,
) -> JSON:
    """A checked expression as a JSON tree (the node kinds are listed in the module docstring).

    >>> from formkit.language.expression import compile_expression
    >>> expr_to_json(compile_expression("a + 0.5", {"a": "decimal"}))["b"]
    {'k': 'lit', 't': 'number', 'v': '0.5'}

    ``symbols`` (the template's) gives the column types of table aggregates and the non-total
    rows of a grid column; for a lone expression, ``table_columns`` gives the column types (the
    evaluator then takes a grid's rows from its environment).
    """
    columns = {t: dict(c) for t, c in (symbols.table_columns.items() if symbols else ())}
    for t, c in (table_columns or {}).items():
        columns[t] = {**columns.get(t, {}), **c}
    return _Lowering(symbols, columns).visit(node)


class _Lowering:
    """One pass over the AST; a method per node class, as in the other back ends."""

    def __init__(self, symbols: Symbols | None, columns: Mapping[str, Mapping[str, Type | None]]) -> None:
        self.symbols = symbols
        self.columns = columns

    def visit(self, node: ast.Expr) -> JSON:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise ValueError(f"{type(node).__name__} cannot be lowered to the JS plan")
        out: JSON = method(node)
        return out

    def visit_Literal(self, node: ast.Literal) -> JSON:
        return literal_json(node.value)

    def visit_Name(self, node: ast.Name) -> JSON:
        return ref_json(node.ref, node.type, self.symbols)

    def visit_Unary(self, node: ast.Unary) -> JSON:
        return {"k": "un", "op": node.op, "a": self.visit(node.operand)}

    def visit_Binary(self, node: ast.Binary) -> JSON:
        return {"k": "bin", "op": node.op, "a": self.visit(node.left), "b": self.visit(node.right)}

    def visit_IsNull(self, node: ast.IsNull) -> JSON:
        return {"k": "isnull", "neg": node.negated, "a": self.visit(node.operand)}

    def visit_In(self, node: ast.In) -> JSON:
        return {
            "k": "in",
            "neg": node.negated,
            "a": self.visit(node.operand),
            "items": [self.visit(i) for i in node.items],
        }

    def visit_Between(self, node: ast.Between) -> JSON:
        return {
            "k": "between",
            "neg": node.negated,
            "a": self.visit(node.operand),
            "lo": self.visit(node.low),
            "hi": self.visit(node.high),
        }

    def visit_Call(self, node: ast.Call) -> JSON:
        return {"k": "call", "fn": node.name, "args": [self.visit(a) for a in node.args]}

    def visit_Aggregate(self, node: ast.Aggregate) -> JSON:
        source = node.source
        src = ref_json(source.ref, self.column_type(node), self.symbols)
        out: JSON = {"k": "agg", "fn": node.func, "src": src}
        if node.where is not None:
            out["where"] = self.visit(node.where)
        return out

    def column_type(self, node: ast.Aggregate) -> Type | None:
        """The type of an aggregate's column (the checker leaves the source name untyped)."""
        ref = node.source.ref
        if isinstance(ref, ast.GridColumnRef):
            return Type.NUMBER
        if isinstance(ref, ast.TableColumnRef):
            found = self.columns.get(ref.table, {}).get(ref.column)
            if found is not None:
                return found
        if node.func in ("sum", "avg", "min", "max"):
            return node.type
        return node.source.type

    def visit_Prev(self, node: ast.Prev) -> JSON:
        target = ref_json(node.target.ref, node.target.type, self.symbols)
        return {"k": "prev", "slot": target["slot"], "t": target.get("t")}


# -- the template ------------------------------------------------------------------------------


def template_plan(template: Template) -> JSON:
    """Everything the browser needs to recompute the form as staff type.

    Slots are field ids, table ids and grid cells (``grid.row.col``), the keys of
    ``template.plan``. ``order`` and ``dependants`` are the template plan's; the browser brings
    only the transitive dependants of a changed slot up to date.
    """
    return _PlanBuilder(template).build()


class _PlanBuilder:
    def __init__(self, template: Template) -> None:
        self.t = template
        self.sym = template.symbols

    def build(self) -> JSON:
        t = self.t
        slots: JSON = {}
        for fid, f in t.fields.items():
            slots[fid] = self.column(f, f.model.type)
        for tid, table in t.tables.items():
            slots[tid] = self.table(table)
        for gid, grid in t.grids.items():
            for cell in grid.cells.values():
                slots[f"{gid}.{cell.key}"] = self.cell(grid, cell)
        plan = t.plan
        return {
            "formkit_plan": PLAN_VERSION,
            "template": t.id,
            "version": t.version,
            "period": t.period,
            "fields": [f.id for f in t.model.fields],
            "slots": slots,
            "grids": {gid: self.grid(g) for gid, g in t.grids.items()},
            "order": list(plan.order),
            "dependants": {k: sorted(v) for k, v in sorted(plan.dependants.items())},
            "rules": [self.rule(r) for r in t.rules],
            "formats": [self.format(f) for f in t.formats],
        }

    def expr(self, c: CExpr | None) -> JSON | None:
        if c is None:
            return None
        if c.node is None:
            return literal_json(c.const)
        return expr_to_json(c.node, symbols=self.sym)

    def column(self, c: ColumnIR, declared: str | None) -> JSON:
        """A scalar field or a table column."""
        model = c.model
        typ = declared or _type_word(c.type)
        entry: JSON = {
            "kind": c.kind,
            "type": typ,
            "t": c.type.value,
            "precision": _precision(typ, model.precision),
            "confirm": model.confirm or None,
            "pattern": model.pattern,
            "choices": self.choices(model.choices),
            "visible": self.expr(c.visible),
            "required": self.expr(c.required),
            "min": self.expr(c.min),
            "max": self.expr(c.max),
        }
        computed = self.computed(c)
        if computed is not None:
            entry["expr"] = self.expr(computed)
        else:
            entry["prefilled"] = c.kind == "value" or None
        checks = [c.required, c.min, c.max]
        entry["check_deps"] = sorted(set().union(*(e.deps for e in checks if e is not None)))
        return _compact(entry)

    def computed(self, c: ColumnIR) -> CExpr | None:
        """The expression the browser evaluates for this slot, if any: a ``calc``, or a
        ``value`` that does not read the pool (a constant, ``prev()``: its value arrives in the
        payload's ``prev``). Pool-bound values arrive pre-filled."""
        if c.calc is not None:
            return c.calc
        if c.value is None or c.value.reads_pool:
            return None
        return c.value

    def choices(self, choices: dict[str, Label] | str | None) -> list[str] | None:
        if choices is None:
            return None
        if isinstance(choices, str):
            table, _, column = choices.partition(".")
            pool = self.t.pool
            if pool is None or table not in pool.tables or column not in pool.tables[table].columns:
                return None
            found = pool.tables[table].columns[column].choices
            return list(found) if found is not None else None
        return list(choices)

    def table(self, table: TableIR) -> JSON:
        columns = {cid: self.column(c, c.model.type) for cid, c in table.columns.items()}
        for cid, c in table.columns.items():
            columns[cid]["row_deps"] = sorted(_row_deps(c, table.id))
        return {
            "kind": "table",
            "columns": columns,
            "row_order": _row_order(
                table,
                {cid for cid, c in table.columns.items() if self.computed(c) is not None or c.visible is not None},
            ),
            "add_rows": table.add_rows,
            "remove_rows": table.remove_rows,
            "pool": table.pool_table,
            "deps": sorted(table.deps),
        }

    def cell(self, grid: GridIR, cell: CellIR) -> JSON:
        col = cell.col
        typ = col.type or "decimal"
        entry: JSON = {
            "kind": cell.kind,
            "type": typ,
            "t": "number",
            "grid": grid.id,
            "row": cell.row.id,
            "col": col.id,
            "precision": _precision(typ, col.precision),
            "params": {k: value_to_json(v) for k, v in cell.row.params.items()} or None,
        }
        e = cell.expr
        if e is not None and not e.reads_pool:
            entry["expr"] = self.expr(e)
        else:
            entry["prefilled"] = cell.kind == "value" or None
        return _compact(entry)

    def grid(self, grid: GridIR) -> JSON:
        return {
            "rows": [r.id for r in grid.model.grid_rows],
            "columns": [c.id for c in grid.model.grid_columns],
            "totals": sorted(grid.total_rows),
        }

    def rule(self, r: RuleIR) -> JSON:
        m = r.model
        deps = set(r.check.deps) | ({r.table} if r.table else set())
        return _compact(
            {
                "id": m.id,
                "check": self.expr(r.check),
                "severity": m.severity,
                "fields": list(m.fields),
                "message": dict(m.message),
                "table": r.table,
                "deps": sorted(deps),
            }
        )

    def format(self, f: FormatIR) -> JSON:
        m = f.model
        deps = set(f.when.deps) | ({f.table} if f.table else set())
        return _compact(
            {
                "when": self.expr(f.when),
                "fields": list(m.fields),
                "style": m.style,
                "class": m.css_class,
                "table": f.table,
                "deps": sorted(deps),
            }
        )


_TYPE_WORDS = {
    Type.NUMBER: "decimal",
    Type.TEXT: "text",
    Type.DATE: "date",
    Type.BOOLEAN: "boolean",
    Type.MULTI: "multichoice",
}


def _type_word(t: Type) -> str:
    """The field type of a table column typed by its value (``value: person.name`` → text)."""
    return _TYPE_WORDS.get(t, "text")


def _precision(field_type: str | None, precision: int | None) -> int | None:
    """SPEC §3: a decimal field holds ``precision`` places; an integer field 0."""
    if field_type == "integer":
        return 0
    if field_type == "decimal":
        return precision
    return None


def _row_deps(c: ColumnIR, table: str, *, values_only: bool = False) -> set[str]:
    """The columns of the same row that a column's expressions read (``values_only``: only those
    that decide its value: ``calc``, ``value`` and ``visible``)."""
    out: set[str] = set()
    exprs = [c.calc, c.value, c.visible]
    if not values_only:
        exprs += [c.required, c.min, c.max]
    for e in exprs:
        if e is None or e.node is None:
            continue
        for n in ast.walk(e.node):
            ref = n.ref if isinstance(n, ast.Name) else None
            if isinstance(ref, ast.RowColumnRef) and ref.table == table:
                out.add(ref.column)
    return out


def _row_order(table: TableIR, computed: set[str]) -> list[str]:
    """The ``computed`` columns (recomputed per row: values, and visibility), each after the
    columns of its row that it reads."""
    # Declaration order and sorted dependencies: a set's order changes with PYTHONHASHSEED, and the
    # plan must be the same bytes in every process (pages are cached and compared).
    graph = {cid: sorted(_row_deps(table.columns[cid], table.id, values_only=True) & computed)
             for cid in table.columns if cid in computed}
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise ValueError(
            f"the columns of table '{table.id}' depend on each other in a circle: " + " → ".join(exc.args[1])
        ) from exc


def _compact(entry: JSON) -> JSON:
    """Drop keys without a value: the plan ships to every browser."""
    return {k: v for k, v in entry.items() if v is not None and v != []}


def payload(
    values: Mapping[str, object] | None = None,
    *,
    tables: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
    grids: Mapping[str, Mapping[str, Mapping[str, object]]] | None = None,
    prev: Mapping[str, object] | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
) -> JSON:
    """The form state a host passes to ``createForm(plan, payload)``, values as exact JSON."""
    out: JSON = {
        "values": {k: value_to_json(v) for k, v in (values or {}).items()},
        "tables": {t: [_row_json(r) for r in rows] for t, rows in (tables or {}).items()},
        "grids": {g: {r: _row_json(cells) for r, cells in rows.items()} for g, rows in (grids or {}).items()},
        "prev": {k: value_to_json(v) for k, v in (prev or {}).items()},
    }
    if period_start is not None and period_end is not None:
        out["period"] = {"start": period_start.isoformat(), "end": period_end.isoformat()}
    return out


def _row_json(row: Mapping[str, object]) -> JSON:
    return {k: value_to_json(v) for k, v in row.items()}
