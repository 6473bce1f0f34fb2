"""Resolve: give every name its meaning (field, row column, grid cell, pool column…) in scope."""

from __future__ import annotations

from dataclasses import dataclass

from formkit.core import errors
from formkit.core.errors import ErrorCode, Issue, ranked_hint, suggestion_hint
from formkit.language import ast
from formkit.language.scope import Scope, Symbols


@dataclass(frozen=True)
class _Agg:
    """Inside an aggregate: bare names are the columns of its rows."""

    pool_table: str | None = None
    table: str | None = None
    source: tuple[str, str] | None = None  # (alias, roster) of a derived template's source


class Resolver:
    """Sets ``Name.ref`` on every name of one expression and reports what cannot be resolved."""

    def __init__(self, sym: Symbols, scope: Scope, path: str, issues: list[Issue]) -> None:
        self.sym = sym
        self.scope = scope
        self.path = path
        self.issues = issues

    def error(self, code: ErrorCode, message: str, node: ast.Expr, hint: str | None = None) -> None:
        self.issues.append(Issue(code.code, message, node.span, self.path, hint))

    # -- entry points --------------------------------------------------------------------

    def expression(self, node: ast.Expr) -> None:
        self.visit(node, None)

    def rows_query(self, query: ast.RowsQuery) -> str | None:
        """A table's ``rows:``: a pool table and a filter over its columns."""
        parts = query.source.parts
        if parts[0] in self.sym.sources:
            found = self._source_table(query.source)
            if found is not None and query.where is not None:
                self.visit(query.where, _Agg(source=found))
            return None
        if self.sym.pool is None or len(parts) != 1 or parts[0] not in self.sym.pool.tables:
            self._unknown_pool_table(query.source)
            return None
        query.source.ref = ast.PoolTableRef(parts[0])
        if query.where is not None:
            self.visit(query.where, _Agg(pool_table=parts[0]))
        return parts[0]

    # -- visiting ------------------------------------------------------------------------

    def visit(self, node: ast.Expr, agg: _Agg | None) -> None:
        if isinstance(node, ast.Name):
            self.visit_name(node, agg)
        elif isinstance(node, ast.Aggregate):
            self.visit_aggregate(node, agg)
        elif isinstance(node, ast.Prev):
            self.visit_prev(node, agg)
        else:
            for child in ast.children(node):
                self.visit(child, agg)

    def visit_prev(self, node: ast.Prev, agg: _Agg | None) -> None:
        target = node.target
        parts = target.parts
        if agg is not None and agg.pool_table is not None:
            self.error(errors.FIELD_IN_POOL_SCOPE, "prev() cannot be used inside a pool aggregate", node,
                       "compute prev() in its own field, outside the aggregate")
        elif len(parts) == 1 and parts[0] in self.sym.fields:
            target.ref = ast.FieldRef(parts[0])
        elif len(parts) == 3 and parts[0] in self.sym.grids:
            self._grid_cell(target, parts[0], parts[1], parts[2])
        else:
            hint = suggestion_hint(parts[-1], self.sym.fields) or "prev() reads last period's value of a field"
            self.error(errors.BAD_PREV, f"prev() needs a field of this template, not '{target.dotted}'",
                       target, hint)

    def visit_aggregate(self, node: ast.Aggregate, agg: _Agg | None) -> None:
        inner = self._aggregate_source(node)
        if inner is None:
            return
        if agg is not None and agg.pool_table is not None and inner.pool_table is None:
            self.error(errors.FIELD_IN_POOL_SCOPE, "a form table cannot be aggregated inside a pool aggregate",
                       node.source)
        if node.where is not None:
            self.visit(node.where, inner)

    def _aggregate_source(self, node: ast.Aggregate) -> _Agg | None:
        src = node.source
        parts = src.parts
        sym = self.sym
        grid = self.scope.grid
        if parts == ("col",) and grid is not None and self.scope.grid_col is not None:
            src.ref = ast.GridColumnRef(grid, self.scope.grid_col)
            return _Agg()
        if parts[0] in sym.sources:
            if not self.scope.pool_allowed:
                self._source_outside_value(src)
                return None
            return self._source_aggregate(src)
        if parts[0] in sym.tables:
            return self._table_source(src, parts)
        if parts[0] in sym.grids and len(parts) == 2:
            if parts[1] not in sym.grids[parts[0]].columns:
                self.error(errors.UNKNOWN_NAME, f"the grid '{parts[0]}' has no column '{parts[1]}'", src,
                           suggestion_hint(parts[1], sym.grids[parts[0]].columns))
                return None
            src.ref = ast.GridColumnRef(parts[0], parts[1])
            return _Agg()
        if sym.pool is not None and parts[0] in sym.pool.tables:
            if not self.scope.pool_allowed:
                self._pool_outside_value(src)
                return None
            return self._pool_source(src, parts)
        if parts[0] in sym.fields or (parts[0] in sym.grids):
            self.error(errors.NOT_A_TABLE, f"'{src.dotted}' is not a table, so {node.func}() cannot go over it",
                       src, f"{node.func}() goes over a roster or a pool table, e.g. {node.func}(person where …)")
            return None
        self._unknown_source(src, node.func)
        return None

    def _table_source(self, src: ast.Name, parts: tuple[str, ...]) -> _Agg | None:
        table = parts[0]
        if len(parts) == 1:
            src.ref = ast.TableRef(table)
        elif len(parts) == 2 and parts[1] in self.sym.table_columns[table]:
            src.ref = ast.TableColumnRef(table, parts[1])
        else:
            self.error(errors.UNKNOWN_NAME, f"the table '{table}' has no column '{'.'.join(parts[1:])}'", src,
                       ranked_hint(parts[-1], self.sym.table_column_labels(table)))
            return None
        return _Agg(table=table)

    def _pool_source(self, src: ast.Name, parts: tuple[str, ...]) -> _Agg | None:
        table = parts[0]
        columns = self.sym.pool_columns(table)
        if len(parts) == 1:
            src.ref = ast.PoolTableRef(table)
        elif len(parts) == 2 and parts[1] in columns:
            src.ref = ast.PoolColumnRef(table, parts[1])
        else:
            self.error(errors.UNKNOWN_POOL_COLUMN, f"the pool table '{table}' has no column '{parts[-1]}'", src,
                       ranked_hint(parts[-1], self.sym.pool_column_labels(table)))
            return None
        return _Agg(pool_table=table)

    def visit_name(self, node: ast.Name, agg: _Agg | None) -> None:
        parts = node.parts
        if parts[0] in ("row", "col"):
            self._row_col(node)
        elif agg is not None and agg.pool_table is not None:
            self._pool_row_name(node, agg.pool_table)
        elif agg is not None and agg.source is not None and self._source_row_name(node, agg.source):
            pass
        elif parts[0] in self.sym.sources:
            self._source_name(node)
        elif agg is not None and agg.table is not None and parts[-1] in self.sym.table_columns[agg.table] and (
            len(parts) == 1 or parts == (agg.table, parts[1])
        ):
            node.ref = ast.RowColumnRef(agg.table, parts[-1])
        elif self.scope.table is not None and len(parts) == 1 and parts[0] in self.sym.table_columns[self.scope.table]:
            node.ref = ast.RowColumnRef(self.scope.table, parts[0])
        elif self._row_pool_column(node):
            pass
        else:
            self._form_name(node)

    def _row_pool_column(self, node: ast.Name) -> bool:
        """In a roster column's ``value``: ``person.name`` is the current pool record's column."""
        table = self.scope.table
        if table is None or len(node.parts) != 2 or self.sym.table_pool.get(table) != node.parts[0]:
            return False
        if not self.scope.pool_allowed:
            self._pool_outside_value(node)
            return True
        columns = self.sym.pool_columns(node.parts[0])
        if node.parts[1] not in columns:
            self.error(errors.UNKNOWN_POOL_COLUMN, f"the pool table '{node.parts[0]}' has no column '{node.parts[1]}'",
                       node, ranked_hint(node.parts[1], self.sym.pool_column_labels(node.parts[0])))
        else:
            node.ref = ast.PoolColumnRef(node.parts[0], node.parts[1])
        return True

    def _pool_row_name(self, node: ast.Name, table: str) -> None:
        parts = node.parts
        columns = self.sym.pool_columns(table)
        column = parts[0] if len(parts) == 1 else (parts[1] if len(parts) == 2 and parts[0] == table else None)
        if column is not None and column in columns:
            node.ref = ast.PoolColumnRef(table, column)
        elif parts[0] in self.sym.fields or parts[0] in self.sym.tables or parts[0] in self.sym.grids:
            self.error(errors.FIELD_IN_POOL_SCOPE,
                       f"'{node.dotted}' is a form field; inside {table}'s filter only its columns can be used",
                       node, "the pool is read before the form is filled: filter on pool columns only")
        else:
            self.error(errors.UNKNOWN_POOL_COLUMN, f"the pool table '{table}' has no column '{parts[-1]}'", node,
                       ranked_hint(parts[-1], self.sym.pool_column_labels(table)))

    def _row_col(self, node: ast.Name) -> None:
        sc, parts = self.scope, node.parts
        if sc.grid is None or sc.grid_row is None or sc.grid_col is None:
            self.error(errors.ROW_COL_OUTSIDE_GRID, f"'{parts[0]}' only has a meaning inside a grid cell", node,
                       "outside a grid, name the cell in full: grid.row.column")
            return
        info = self.sym.grids[sc.grid]
        name = parts[1] if len(parts) == 2 else ""
        if parts[0] == "row" and name in info.rows[sc.grid_row]:
            node.ref = ast.RowParamRef(name)
        elif parts[0] == "row" and name in info.columns:
            node.ref = ast.GridCellRef(sc.grid, sc.grid_row, name)
        elif parts[0] == "col" and name in info.rows:
            node.ref = ast.GridCellRef(sc.grid, name, sc.grid_col)
        else:
            options = [*info.rows[sc.grid_row], *info.columns] if parts[0] == "row" else list(info.rows)
            what = "a parameter or column of the row" if parts[0] == "row" else "a row of the grid"
            self.error(errors.UNKNOWN_NAME, f"'{node.dotted}' is not {what}", node,
                       suggestion_hint(name, options))

    def _form_name(self, node: ast.Name) -> None:
        sym, parts = self.sym, node.parts
        head = parts[0]
        if len(parts) == 1 and head in sym.fields:
            node.ref = ast.FieldRef(head)
        elif len(parts) == 3 and head in sym.grids:
            self._grid_cell(node, *parts)
        elif head in sym.tables:
            self.error(errors.COLUMN_OUTSIDE_AGGREGATE,
                       f"'{node.dotted}' stands for many rows; use it inside an aggregate", node,
                       f"for example sum({head}.{parts[1] if len(parts) > 1 else 'column'}) or count({head})")
        elif head in sym.grids:
            self.error(errors.UNKNOWN_NAME, f"a grid cell is named grid.row.column, not '{node.dotted}'", node,
                       f"for example {head}.{next(iter(sym.grids[head].rows), 'row')}."
                       f"{next(iter(sym.grids[head].columns), 'column')}")
        elif sym.pool is not None and head in sym.pool.tables:
            if not self.scope.pool_allowed:
                self._pool_outside_value(node)
            else:
                self.error(errors.NOT_A_TABLE, f"'{node.dotted}' holds many pool records; aggregate it", node,
                           f"for example count({head}) or sum({node.dotted})")
        else:
            what = "field" if len(parts) == 1 else "name"
            hint = ranked_hint(parts[-1] if len(parts) == 1 else head, sym.field_labels())
            self.error(errors.UNKNOWN_NAME, f"unknown {what} '{node.dotted}'", node, hint or _not_a_name(node))

    # -- a derived template's sources (SPEC §8.4) --

    def _source_table(self, node: ast.Name) -> tuple[str, str] | None:
        """``alias.roster``: a roster of the source (an aggregate's or ``rows:``'s rows)."""
        alias, parts = node.parts[0], node.parts
        info = self.sym.sources[alias]
        if len(parts) == 2 and parts[1] in info.tables:
            node.ref = ast.SourceTableRef(alias, parts[1])
            return alias, parts[1]
        if len(parts) >= 2 and (parts[1] in info.fields or parts[1] in info.grids):
            self.error(errors.NOT_A_TABLE, f"'{node.dotted}' is not a roster of {info.file}, so it has no rows",
                       node, f"rows come from a roster of the source: {_examples(alias, info.tables)}")
            return None
        self.error(errors.UNKNOWN_NAME, f"{info.file} has no roster '{'.'.join(parts[1:]) or ''}'", node,
                   suggestion_hint(parts[1] if len(parts) > 1 else "", info.tables)
                   or f"its rosters: {_examples(alias, info.tables)}")
        return None

    def _source_aggregate(self, src: ast.Name) -> _Agg | None:
        parts = src.parts
        if len(parts) == 3 and parts[1] in self.sym.sources[parts[0]].tables:
            columns = self.sym.sources[parts[0]].tables[parts[1]]
            if parts[2] not in columns:
                self.error(errors.UNKNOWN_NAME, f"the roster '{parts[0]}.{parts[1]}' has no column '{parts[2]}'",
                           src, suggestion_hint(parts[2], columns))
                return None
            src.ref = ast.SourceColumnRef(parts[0], parts[1], parts[2])
            return _Agg(source=(parts[0], parts[1]))
        found = self._source_table(src)
        return _Agg(source=found) if found is not None else None

    def _source_row_name(self, node: ast.Name, source: tuple[str, str]) -> bool:
        """Inside an aggregate over (or the ``rows`` of) a source roster: its columns, bare or
        in full (``subsidy``, ``ledger.severe.subsidy``)."""
        alias, table = source
        parts = node.parts
        columns = self.sym.sources[alias].tables[table]
        column = parts[0] if len(parts) == 1 else (parts[2] if parts[:2] == (alias, table) and len(parts) == 3
                                                   else None)
        if column is not None and column in columns:
            node.ref = ast.SourceColumnRef(alias, table, column)
            return True
        if len(parts) == 1 and parts[0] not in self.sym.fields:
            self.error(errors.UNKNOWN_NAME, f"the roster '{alias}.{table}' has no column '{parts[0]}'", node,
                       suggestion_hint(parts[0], columns))
            return True
        return False

    def _source_name(self, node: ast.Name) -> None:
        """``alias.field``, ``alias.grid.row.col``, and in a derived roster's column
        ``alias.roster.column`` (the current source row's)."""
        if not self.scope.pool_allowed:
            self._source_outside_value(node)
            return
        alias, parts = node.parts[0], node.parts
        info = self.sym.sources[alias]
        rest = ".".join(parts[1:])
        if rest in info.fields and (len(parts) == 2 or parts[1] in info.grids):
            node.ref = ast.SourceFieldRef(alias, rest)
        elif len(parts) == 3 and parts[1] in info.tables and self.sym.table_source.get(self.scope.table or "") == (
                alias, parts[1]):
            columns = info.tables[parts[1]]
            if parts[2] in columns:
                node.ref = ast.SourceColumnRef(alias, parts[1], parts[2])
            else:
                self.error(errors.UNKNOWN_NAME, f"the roster '{alias}.{parts[1]}' has no column '{parts[2]}'", node,
                           suggestion_hint(parts[2], columns))
        elif len(parts) >= 2 and parts[1] in info.tables:
            self.error(errors.COLUMN_OUTSIDE_AGGREGATE, f"'{node.dotted}' stands for many rows; use it inside an "
                       "aggregate", node, f"for example count({alias}.{parts[1]}) or sum({alias}.{parts[1]}.column)")
        elif len(parts) >= 2 and parts[1] in info.grids:
            grid = info.grids[parts[1]]
            self.error(errors.UNKNOWN_NAME, f"{info.file} has no grid cell '{rest}'", node,
                       f"a grid cell is named {alias}.grid.row.column, e.g. {alias}.{parts[1]}."
                       f"{next(iter(grid.rows), 'row')}.{next(iter(grid.columns), 'column')}")
        else:
            options = [f for f in info.fields if "." not in f] + list(info.tables) + list(info.grids)
            self.error(errors.UNKNOWN_NAME, f"{info.file} has no field '{rest}'", node,
                       suggestion_hint(parts[1] if len(parts) > 1 else "", options)
                       or f"name a field of the source as {alias}.field")

    def _source_outside_value(self, node: ast.Expr) -> None:
        self.error(errors.POOL_OUTSIDE_VALUE,
                   "another template's submissions can only be read in 'value' and 'rows', not here", node,
                   "put the read in a field's 'value' and use that field here")

    def _grid_cell(self, node: ast.Name, grid: str, row: str, col: str) -> None:
        info = self.sym.grids[grid]
        if row not in info.rows:
            self.error(errors.UNKNOWN_NAME, f"the grid '{grid}' has no row '{row}'", node,
                       suggestion_hint(row, info.rows))
        elif col not in info.columns:
            self.error(errors.UNKNOWN_NAME, f"the grid '{grid}' has no column '{col}'", node,
                       suggestion_hint(col, info.columns))
        else:
            node.ref = ast.GridCellRef(grid, row, col)

    def _pool_outside_value(self, node: ast.Expr) -> None:
        self.error(errors.POOL_OUTSIDE_VALUE,
                   "the data pool can only be read in 'value' and 'rows', not here", node,
                   "put the pool aggregate in a field's 'value' and use that field here")

    def _unknown_pool_table(self, node: ast.Name) -> None:
        tables = list(self.sym.pool.tables) if self.sym.pool else []
        if self.sym.pool is None:
            self.error(errors.POOL_MISSING, "this template reads the pool but names no 'pool' file", node,
                       "add 'pool: demo_city.pool.yaml' at the top of the template")
            return
        self.error(errors.UNKNOWN_POOL_TABLE, f"the pool has no table '{node.dotted}'", node,
                   suggestion_hint(node.parts[0], tables))

    def _unknown_source(self, node: ast.Name, func: str) -> None:
        options = [*self.sym.tables, *(self.sym.pool.tables if self.sym.pool else [])]
        if self.sym.pool is None and len(node.parts) <= 2:
            self.error(errors.POOL_MISSING, f"'{node.dotted}' is not a table of this template, and no pool is named",
                       node, "add 'pool: demo_city.pool.yaml' to read pool tables")
            return
        self.error(errors.UNKNOWN_POOL_TABLE, f"{func}() over unknown table '{node.parts[0]}'", node,
                   suggestion_hint(node.parts[0], options))


def _examples(alias: str, tables: dict[str, dict[str, ast.Type | None]]) -> str:
    return ", ".join(f"{alias}.{t}" for t in tables) or "it has none"


def _not_a_name(node: ast.Name) -> str:
    """An unknown bare word is most often a text written without quotes (`if(a > 1, 有, 无)`)."""
    if len(node.parts) == 1:
        word = node.parts[0]
        return f"if '{word}' is a text, put it in quotes: '{word}'; a name is a field id of this template"
    return "names are field ids of this template (ids are case-sensitive in expressions)"
