"""Connection: what every stage that runs SQL uses of a database, and the errors of its own.

The adapters that implement it, one per engine, are :mod:`formkit.runtime.connect`; the query
builders in :mod:`formkit.sql` run their statements through this interface only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:  # annotations only: the CLI imports this module without loading sqlglot
    from sqlglot import exp

__all__ = ["Connection", "DatabaseUnavailable", "Params", "Statement", "TransactionLost"]

Params: TypeAlias = "Mapping[str, Any] | Sequence[Any] | None"
Statement: TypeAlias = "str | exp.Expression"


class TransactionLost(RuntimeError):
    """The engine rolled back the open transaction on its own (MariaDB's deadlock victim):
    nothing written in it was kept. Raised on every later statement of that transaction and
    when it ends, so that nothing after it runs outside the transaction or passes for
    committed; roll back (leave the ``transaction()`` block) and run the whole of it again."""


class DatabaseUnavailable(RuntimeError):
    """The database is held by another process, so this one cannot use it now: a DuckDB file
    another process has open, a SQLite file another process kept locked past the busy timeout.
    The message is one line that names the file; nothing was written."""


class Connection(Protocol):
    """What the rest of formkit uses of a database."""

    dialect: str  # sqlglot's name: duckdb | sqlite | postgres | mysql
    paramstyle: str  # for statements given as text: see formkit.sql.engines.Dialect.style

    def execute(self, sql: Statement, params: Params = None) -> None: ...
    def query(self, sql: Statement, params: Params = None) -> list[tuple[Any, ...]]: ...
    def executemany(self, sql: Statement, rows: Iterable[Params]) -> None: ...
    def transaction(self) -> Any: ...
    def sql(self, tree: exp.Expression) -> tuple[str, list[str]]: ...
    def close(self) -> None: ...
    def __enter__(self) -> Connection: ...
    def __exit__(self, *exc: object) -> None: ...
