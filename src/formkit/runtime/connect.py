"""Connect: one small adapter per engine behind one protocol, with the session each needs.

``formkit.connect(url)`` takes the host program's URL (never a template's):
``duckdb:///path.duckdb`` (``duckdb:///:memory:``), ``sqlite:///path.db``, ``postgresql://…``
(psycopg 3) and ``mysql://…``/``mariadb://…`` (PyMySQL). A relative path follows three slashes,
an absolute one four (``sqlite:////tmp/x.db``), as in SQLAlchemy.

Statements are sqlglot trees (or text in the driver's own style, see ``paramstyle``);
parameters are a mapping by name. An overflow reported by an engine is raised as
:class:`formkit.evaluation.functions.EvaluationError` with code ``overflow``, as the Python evaluator does.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from sqlglot import exp

from formkit.core.connection import Connection, DatabaseUnavailable, Params, Statement, TransactionLost
from formkit.evaluation.functions import EvaluationError
from formkit.sql.engines import DIALECTS, render
from formkit.sql.sqlite_functions import register_sqlite_functions

__all__ = ["ADAPTERS", "Connection", "DatabaseUnavailable", "Params", "Statement", "TransactionLost", "connect"]

# MariaDB session (docs/semantics.md): code-point text order without pad space; strict writes;
# division by zero is never reached (formkit divides by NULLIF(b, 0)), so the mode that makes
# it an error on INSERT cannot surprise; quotients to 30 more places than the dividend.
MYSQL_SESSION = (
    "SET NAMES utf8mb4 COLLATE utf8mb4_nopad_bin",
    "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ZERO_DATE,"
    "NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'",
    "SET SESSION div_precision_increment = 30",
)
TIME_ZONE = "+08:00"  # Asia/Shanghai (no daylight saving): SPEC §5's default
SQLITE_BUSY_TIMEOUT = 30.0  # seconds a SQLite statement waits for another process's write lock


def connect(url: str) -> Connection:
    """A connection to the database at ``url`` (see the module docstring for the forms)."""
    scheme, _, rest = url.partition("://")
    scheme = scheme.lower()
    e = next((e for e in DIALECTS.values() if scheme in e.schemes), None)
    if e is None:
        forms = [f"{e.schemes[0]}:///" if e.file else f"{e.schemes[0]}://" for e in DIALECTS.values()]
        raise ValueError(f"cannot connect to {scheme!r}: use {', '.join(forms[:-1])} or {forms[-1]}")
    adapter = ADAPTERS[e.name]
    return adapter(_path(rest)) if e.file else adapter(url)


def _path(rest: str) -> str:
    if not rest.startswith("/"):
        raise ValueError("a file database is written with three slashes: duckdb:///file.duckdb")
    path = rest[1:]
    return path or ":memory:"


class _Adapter:
    """The common part: rendering trees, binding names, transactions, errors."""

    dialect = ""
    paramstyle = ""

    def __init__(self) -> None:
        self._depth = 0
        self._lost: str | None = None  # why the engine rolled the open transaction back itself

    @property
    def in_transaction(self) -> bool:
        """Whether a ``transaction()`` block is open on this connection."""
        return self._depth > 0

    def _rolls_back(self, exc: BaseException) -> bool:
        """Whether ``exc`` means the engine already rolled the whole transaction back."""
        return False

    def _failed(self, exc: BaseException) -> None:
        if self._depth and self._lost is None and self._rolls_back(exc):
            self._lost = str(exc)

    def _lost_error(self) -> TransactionLost:
        return TransactionLost(f"the database rolled this transaction back ({self._lost}): nothing in it "
                               "was kept; leave the transaction block and run it again")

    # to be provided per engine
    def _run(self, sql: str, params: Any, fetch: bool) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _begin(self) -> None:
        self._run("BEGIN", None, False)

    def _end(self, commit: bool) -> None:
        self._run("COMMIT" if commit else "ROLLBACK", None, False)

    def _overflow(self, exc: Exception) -> bool:
        return False

    # the protocol
    def sql(self, tree: exp.Expression) -> tuple[str, list[str]]:
        """The text this connection runs for ``tree``, and its parameter names in order."""
        return render(tree, self.dialect)

    def execute(self, sql: Statement, params: Params = None) -> None:
        self._call(sql, params, fetch=False)

    def query(self, sql: Statement, params: Params = None) -> list[tuple[Any, ...]]:
        return self._call(sql, params, fetch=True)

    def executemany(self, sql: Statement, rows: Iterable[Params]) -> None:
        """One statement for many rows of parameters, rendered once, in one transaction."""
        if isinstance(sql, exp.Expression):
            text, names = self.sql(sql)
            bound = [self._bind(names, row) for row in rows]
        else:
            text, bound = sql, list(rows)
        if not bound:
            return
        with self.transaction():
            try:
                self._run_many(text, bound)
            except Exception as exc:
                self._failed(exc)
                if self._overflow(exc):
                    raise EvaluationError(f"a number has more than 28 digits before the point ({exc})",
                                          "overflow") from exc
                raise

    def _run_many(self, sql: str, rows: list[Any]) -> None:
        for row in rows:
            self._run(sql, row, False)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: commit when the block ends, roll back when it raises. A nested
        block joins the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth, self._lost = 0, None
            self._end(commit=False)
            raise
        self._depth = 0
        if self._lost is not None:  # the block went on past the loss: it must not pass for committed
            error, self._lost = self._lost_error(), None
            self._end(commit=False)
            raise error
        self._end(commit=True)

    savepoints = True  # SAVEPOINT inside a transaction (not DuckDB)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Like :meth:`transaction`, but inside an open transaction a savepoint: when the block
        raises, only its own statements are undone and the outer transaction stays usable
        (PostgreSQL refuses every statement after a failed one until a rollback). Engines
        without savepoints join the outer transaction, as :meth:`transaction` does."""
        if not self._depth or not self.savepoints:
            with self.transaction():
                yield
            return
        name = f"fk_sp{self._depth}"
        self._run(f"SAVEPOINT {name}", None, False)
        self._depth += 1
        try:
            yield
        except BaseException:
            if self._lost is None:  # else the savepoint went with the whole transaction
                self._run(f"ROLLBACK TO SAVEPOINT {name}", None, False)
                self._run(f"RELEASE SAVEPOINT {name}", None, False)
            raise
        finally:
            self._depth -= 1
        self._run(f"RELEASE SAVEPOINT {name}", None, False)

    def is_conflict(self, exc: BaseException) -> bool:
        """Whether ``exc`` is a concurrent writer's doing: a unique key taken, a write
        conflict, a deadlock — something a retry that reads the winner resolves."""
        return False

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> _Adapter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, sql: Statement, params: Params, fetch: bool) -> list[tuple[Any, ...]]:
        if isinstance(sql, exp.Expression):
            text, names = self.sql(sql)
            bound = self._bind(names, params or {})
        else:
            text, bound = sql, params
        if self._lost is not None:  # never run on outside the transaction the engine ended
            raise self._lost_error()
        try:
            return self._run(text, bound, fetch)
        except Exception as exc:
            self._failed(exc)
            if self._overflow(exc):
                raise EvaluationError(f"a number has more than 28 digits before the point ({exc})",
                                      "overflow") from exc
            raise

    def _bind(self, names: list[str], params: Params) -> Any:
        if not isinstance(params, Mapping):
            raise TypeError("parameters of a formkit statement are a mapping by name")
        missing = [n for n in names if n not in params]
        if missing:
            raise KeyError(f"no value for the parameter(s) {', '.join(sorted(set(missing)))}")
        if self.paramstyle == "dollar_numbered":
            return [params[n] for n in names]
        return {n: params[n] for n in names}


class DuckDBConnection(_Adapter):
    dialect = "duckdb"
    paramstyle = "dollar_named"

    def __init__(self, path: str) -> None:
        import duckdb

        super().__init__()
        try:
            self.raw = duckdb.connect(path)
        except duckdb.IOException as exc:
            if "lock" not in str(exc):
                raise
            raise DatabaseUnavailable(_duckdb_locked(path, str(exc))) from None
        self._duckdb = duckdb

    def _run(self, sql: str, params: Any, fetch: bool) -> list[tuple[Any, ...]]:
        cur = self.raw.execute(sql, params) if params else self.raw.execute(sql)
        return [tuple(r) for r in cur.fetchall()] if fetch else []

    def _run_many(self, sql: str, rows: list[Any]) -> None:
        self.raw.executemany(sql, rows)

    def _begin(self) -> None:
        self.raw.execute("BEGIN TRANSACTION")

    savepoints = False

    def is_conflict(self, exc: BaseException) -> bool:
        d = self._duckdb
        return isinstance(exc, d.ConstraintException) or (
            isinstance(exc, d.TransactionException | d.Error) and "onflict" in str(exc)) or (
            "PRIMARY KEY or UNIQUE constraint" in str(exc))

    def _overflow(self, exc: Exception) -> bool:
        text = str(exc)
        if "formkit: number overflow" in text:
            return True
        return isinstance(exc, self._duckdb.OutOfRangeException) or (
            isinstance(exc, self._duckdb.ConversionException) and "DECIMAL" in text)

    def close(self) -> None:
        self.raw.close()


def _duckdb_locked(path: str, why: str) -> str:
    holder = re.search(r"held in (.+?) \(PID (\d+)\)", why)
    who = f" ({holder.group(1).rsplit('/', 1)[-1]}, PID {holder.group(2)})" if holder else ""
    return (f"the DuckDB file {path} is open in another process{who}: DuckDB lets one process at a time "
            "open a file; close that program (a running formkit preview, a notebook) and try again")


def _locked(exc: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY (another connection's lock), as the driver reports it."""
    return str(exc).startswith(("database is locked", "database table is locked"))


class SQLiteConnection(_Adapter):
    """SQLite, several processes on one file: a write transaction takes the write lock when it
    begins (``BEGIN IMMEDIATE``), so a second writer waits in SQLite's busy handler, which
    retries the lock for up to ``busy_timeout`` seconds. A deferred transaction would first
    read, then fail at once when upgrading to a write while another writer waits (SQLite
    refuses to wait where waiting could deadlock): "database is locked" under four writers.
    When the lock is still held at the end of the wait, :class:`DatabaseUnavailable`."""

    dialect = "sqlite"
    paramstyle = "colon_named"

    def __init__(self, path: str, *, busy_timeout: float = SQLITE_BUSY_TIMEOUT) -> None:
        super().__init__()
        self.path, self.busy_timeout = path, busy_timeout
        self.raw = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        self._udf_error: EvaluationError | None = None
        register_sqlite_functions(self.raw, self._remember)

    def _remember(self, exc: EvaluationError) -> None:
        self._udf_error = exc

    def _begin(self) -> None:
        self._run("BEGIN IMMEDIATE", None, False)

    def _run(self, sql: str, params: Any, fetch: bool) -> list[tuple[Any, ...]]:
        self._udf_error = None
        try:
            cur = self.raw.execute(sql, params or ())
            return [tuple(r) for r in cur.fetchall()] if fetch else []
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                raise self._unavailable() from exc
            raise

    def _run_many(self, sql: str, rows: list[Any]) -> None:
        self._udf_error = None
        try:
            self.raw.executemany(sql, rows)
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                raise self._unavailable() from exc
            raise

    def _unavailable(self) -> DatabaseUnavailable:
        return DatabaseUnavailable(
            f"the SQLite file {self.path} stayed locked by another process's write for {self.busy_timeout:g} s: "
            "nothing was written; try again when it has finished (many writers at once need PostgreSQL or MariaDB)")

    def is_conflict(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)

    def _overflow(self, exc: Exception) -> bool:
        if not isinstance(exc, sqlite3.OperationalError):
            return False
        text = str(exc)
        return "integer overflow" in text or (self._udf_error is not None
                                              and self._udf_error.code == "overflow")

    def close(self) -> None:
        self.raw.close()


class PostgresConnection(_Adapter):
    dialect = "postgres"
    paramstyle = "dollar_numbered"  # psycopg's raw cursor: $1, $2 … and no '%' to escape

    def __init__(self, url: str) -> None:
        import psycopg

        super().__init__()
        self.raw = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.RawCursor)
        # no server-side prepared statements: a cached one keeps the parameter types of a
        # table that DDL may since have changed (formkit's statements are built once anyway)
        self.raw.prepare_threshold = None
        # no JIT: formkit's statements are short (a pre-fill reads one subtree through an
        # index), but the planner's estimates over the recursive org CTE are poor, and a high
        # estimated cost makes PostgreSQL JIT-compile the query: seconds of compiling for a
        # statement that runs in milliseconds (bench/findings.md: a pre-fill 3.3–4.2 s with
        # JIT, 38–72 ms without). A session setting, so the server's configuration is untouched.
        with self.raw.cursor() as cur:
            cur.execute("SET jit = off")
        self._errors = psycopg.errors

    def _run(self, sql: str, params: Any, fetch: bool) -> list[tuple[Any, ...]]:
        with self.raw.cursor() as cur:
            cur.execute(sql, params)
            return [tuple(r) for r in cur.fetchall()] if fetch else []

    def _run_many(self, sql: str, rows: list[Any]) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(sql, rows)

    def _overflow(self, exc: Exception) -> bool:
        return isinstance(exc, self._errors.NumericValueOutOfRange)

    def is_conflict(self, exc: BaseException) -> bool:
        e = self._errors
        return isinstance(exc, e.UniqueViolation | e.SerializationFailure | e.DeadlockDetected)

    def close(self) -> None:
        self.raw.close()


class MySQLConnection(_Adapter):
    dialect = "mysql"
    paramstyle = "pyformat"

    def __init__(self, url: str) -> None:
        import pymysql

        super().__init__()
        parts = urlsplit(url)
        options = dict(parse_qsl(parts.query))
        self.raw = pymysql.connect(
            host=parts.hostname or "localhost", port=parts.port or 3306,
            user=unquote(parts.username or "root"), password=unquote(parts.password or ""),
            database=parts.path.lstrip("/") or None, charset="utf8mb4", autocommit=True,
            unix_socket=options.get("unix_socket"))
        self._errors = pymysql.err
        for statement in (*MYSQL_SESSION, f"SET SESSION time_zone = '{TIME_ZONE}'"):
            self._run(statement, None, False)

    def _run(self, sql: str, params: Any, fetch: bool) -> list[tuple[Any, ...]]:
        with self.raw.cursor() as cur:
            cur.execute(sql, params)  # a dict, even empty: PyMySQL then turns '%%' into '%'
            return [tuple(r) for r in cur.fetchall()] if fetch else []

    def _run_many(self, sql: str, rows: list[Any]) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(sql, rows)

    def _call(self, sql: Statement, params: Params, fetch: bool) -> list[tuple[Any, ...]]:
        if isinstance(sql, exp.Expression) and params is None:
            params = {}
        return super()._call(sql, params, fetch)

    def _begin(self) -> None:
        self._run("START TRANSACTION", None, False)

    def _overflow(self, exc: Exception) -> bool:
        return isinstance(exc, self._errors.MySQLError) and bool(exc.args) and exc.args[0] == 1690

    def is_conflict(self, exc: BaseException) -> bool:
        # 1062 duplicate key, 1213 deadlock (InnoDB picked this transaction as the victim)
        return isinstance(exc, self._errors.MySQLError) and bool(exc.args) and exc.args[0] in (1062, 1213)

    def _rolls_back(self, exc: BaseException) -> bool:
        # a deadlock's victim loses its whole transaction (other errors undo the statement alone)
        return isinstance(exc, self._errors.MySQLError) and bool(exc.args) and exc.args[0] == 1213

    def close(self) -> None:
        self.raw.close()


#: The adapter of each engine formkit connects to (the engine table's records with URL schemes).
ADAPTERS: dict[str, Callable[[str], _Adapter]] = {
    a.dialect: a for a in (DuckDBConnection, SQLiteConnection, PostgresConnection, MySQLConnection)
}
