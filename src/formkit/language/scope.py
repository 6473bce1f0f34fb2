"""Symbols and scopes: what names mean at each place an expression may stand."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from formkit.document.model import Field, PoolModel, TemplateModel
from formkit.language.ast import Type

FIELD_TYPES: dict[str, Type] = {
    "integer": Type.NUMBER,
    "decimal": Type.NUMBER,
    "text": Type.TEXT,
    "id_card": Type.TEXT,
    "phone": Type.TEXT,
    "choice": Type.TEXT,
    "date": Type.DATE,
    "boolean": Type.BOOLEAN,
    "multichoice": Type.MULTI,
}
POOL_TYPES: dict[str, Type] = {
    "text": Type.TEXT,
    "integer": Type.NUMBER,
    "decimal": Type.NUMBER,
    "boolean": Type.BOOLEAN,
    "date": Type.DATE,
    "choice": Type.TEXT,
}


class Where(Enum):
    """The key an expression stands in; decides whether the pool may be read."""

    VALUE = "value"  # value, rows, grid cell value: pre-filled, may read the pool
    CALC = "calc"  # calc, min, max
    CONDITION = "condition"  # check, visible, required, when


@dataclass
class GridInfo:
    rows: dict[str, dict[str, Type]]  # row id -> its parameters and their types
    columns: list[str]
    total_rows: set[str]  # rows with their own calc/value: not summed by sum(col)


@dataclass(frozen=True)
class SourceInfo:
    """What a derived template may read of one source template (SPEC §8.4): its scalar fields
    and grid cells (``grid.row.col``) with their types, its grids, its rosters' columns."""

    file: str
    fields: dict[str, Type]
    grids: dict[str, GridInfo]
    tables: dict[str, dict[str, Type | None]]


@dataclass
class Symbols:
    """Everything a name can refer to in one template (built once per template)."""

    fields: dict[str, Field] = field(default_factory=dict)  # scalar fields, by id
    tables: dict[str, Field] = field(default_factory=dict)  # table fields
    table_columns: dict[str, dict[str, Type | None]] = field(default_factory=dict)
    table_pool: dict[str, str | None] = field(default_factory=dict)  # table -> its rows' pool table
    grids: dict[str, GridInfo] = field(default_factory=dict)
    pool: PoolModel | None = None
    field_types: dict[str, Type] = field(default_factory=dict)
    sources: dict[str, SourceInfo] = field(default_factory=dict)  # alias -> a derived template's source
    table_source: dict[str, tuple[str, str]] = field(default_factory=dict)  # derived roster -> (alias, roster)

    def pool_columns(self, table: str) -> dict[str, Type]:
        assert self.pool is not None
        return {c: POOL_TYPES[col.type] for c, col in self.pool.tables[table].columns.items()}

    def all_field_names(self) -> list[str]:
        return [*self.fields, *self.tables, *self.grids]

    # Suggestions for a misspelt name are ranked on ids and labels (core.errors.ranked_hint).
    def pool_column_labels(self, table: str) -> dict[str, list[str]]:
        assert self.pool is not None
        return {c: list((col.label or {}).values()) for c, col in self.pool.tables[table].columns.items()}

    def table_column_labels(self, table: str) -> dict[str, list[str]]:
        labels = {c.id: list(c.label.values()) for c in self.tables[table].columns}
        return {c: labels.get(c, []) for c in self.table_columns[table]}

    def field_labels(self) -> dict[str, list[str]]:
        return {f.id: list(f.label.values()) for f in (*self.fields.values(), *self.tables.values())} | {
            g: [] for g in self.grids}


@dataclass(frozen=True)
class Scope:
    """Where an expression stands: its key, and the current table row or grid cell."""

    where: Where
    table: str | None = None  # current row of this table field (column exprs, per-row rules)
    grid: str | None = None
    grid_row: str | None = None
    grid_col: str | None = None

    @property
    def pool_allowed(self) -> bool:
        return self.where is Where.VALUE


def build_symbols(model: TemplateModel, pool: PoolModel | None,
                  sources: dict[str, SourceInfo] | None = None) -> Symbols:
    sym = Symbols(pool=pool, sources=dict(sources or {}))
    for f in model.fields:
        if f.type == "table":
            sym.tables[f.id] = f
            rows_table = _rows_table(f)
            sym.table_pool[f.id] = rows_table if pool is not None and rows_table in pool.tables else None
            alias, _, source_table = (rows_table or "").partition(".")
            if alias in sym.sources and source_table in sym.sources[alias].tables:
                sym.table_source[f.id] = (alias, source_table)
            sym.table_columns[f.id] = {c.id: FIELD_TYPES.get(c.type or "") for c in f.columns}
        elif f.type == "grid":
            totals = {r.id for r in f.grid_rows if r.calc is not None or r.value is not None}
            sym.grids[f.id] = GridInfo(
                rows={r.id: {k: constant_type(v) for k, v in r.params.items()} for r in f.grid_rows},
                columns=[c.id for c in f.grid_columns],
                total_rows=totals,
            )
        else:
            sym.fields[f.id] = f
            if f.type in FIELD_TYPES:
                sym.field_types[f.id] = FIELD_TYPES[f.type]
    return sym


def constant_type(value: object) -> Type:
    """The type of a YAML constant (a row parameter, a `value: 5`)."""
    if value is None:
        return Type.NULL
    if isinstance(value, bool):
        return Type.BOOLEAN
    if isinstance(value, int | Decimal):
        return Type.NUMBER
    return Type.TEXT


def _rows_table(f: Field) -> str | None:
    """The pool table named by a table's ``rows:`` (its first word), if any."""
    if f.rows is None or f.rows.text is None:
        return None
    words = f.rows.text.split()
    return words[0] if words else None
