"""The checked intermediate form: what every back end reads (no back end re-parses YAML)."""

from __future__ import annotations

from dataclasses import dataclass, field

from formkit.document.model import Column, ExprSrc, Field, Format, GridColumn, GridRow, Rule, Scalar
from formkit.language import ast
from formkit.language.ast import Type


@dataclass
class CExpr:
    """A checked expression (``node``) or a YAML constant (``const``) with what it reads."""

    src: ExprSrc
    node: ast.Expr | None
    deps: frozenset[str] = frozenset()  # slots read: field ids, `grid.row.col`, table ids
    prev_of: frozenset[str] = frozenset()  # fields read through prev()
    reads_pool: bool = False

    @property
    def const(self) -> Scalar:
        return self.src.const

    @property
    def type(self) -> Type | None:
        return self.node.type if self.node is not None else None


@dataclass
class ColumnIR:
    model: Column
    type: Type
    kind: str  # input | value | calc
    value: CExpr | None = None
    calc: CExpr | None = None
    visible: CExpr | None = None
    required: CExpr | None = None
    min: CExpr | None = None
    max: CExpr | None = None

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def expr(self) -> CExpr | None:
        return self.calc or self.value


@dataclass
class FieldIR(ColumnIR):
    rollup_org: str = "none"
    rollup_period: str = "none"


@dataclass
class TableIR:
    model: Field
    columns: dict[str, ColumnIR]
    rows: ast.RowsQuery | None = None
    pool_table: str | None = None
    deps: frozenset[str] = frozenset()  # form slots its column expressions read

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def add_rows(self) -> bool:
        return self.model.add_rows if self.model.add_rows is not None else self.rows is None

    @property
    def remove_rows(self) -> bool:
        return bool(self.model.remove_rows)


@dataclass
class CellIR:
    row: GridRow
    col: GridColumn
    kind: str  # input | value | calc
    expr: CExpr | None = None

    @property
    def key(self) -> str:
        return f"{self.row.id}.{self.col.id}"


@dataclass
class GridIR:
    model: Field
    cells: dict[tuple[str, str], CellIR]
    total_rows: frozenset[str]
    rollup_org: str = "sum"
    rollup_period: str = "sum"

    @property
    def id(self) -> str:
        return self.model.id


@dataclass
class RuleIR:
    model: Rule
    check: CExpr
    table: str | None = None


@dataclass
class FormatIR:
    model: Format
    when: CExpr
    table: str | None = None


@dataclass
class Plan:
    """Dependency graph over slots (field ids, ``grid.row.col``, table ids)."""

    order: list[str] = field(default_factory=list)  # computed slots, dependencies first
    deps: dict[str, frozenset[str]] = field(default_factory=dict)
    dependants: dict[str, frozenset[str]] = field(default_factory=dict)  # direct, reverse of deps

    def affected(self, changed: str) -> list[str]:
        """Computed slots to bring up to date after ``changed`` changes, in evaluation order."""
        seen: set[str] = set()
        stack = [changed]
        while stack:
            for d in self.dependants.get(stack.pop(), ()):
                if d not in seen:
                    seen.add(d)
                    stack.append(d)
        return [s for s in self.order if s in seen]
