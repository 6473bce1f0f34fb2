"""Connect: one small adapter per engine behind one protocol, with the session each needs.

``formkit.connect(url)`` takes the host program's URL (never a template's):
``duckdb:///path.duckdb`` (``duckdb:///:memory:``), ``sqlite:///path.db``, ``postgresql://…``
(psycopg 3), ``mysql://…``/``mariadb://…`` (PyMySQL), ``spark://local?warehouse=DIR`` (a local
PySpark session over the tables saved in DIR) and ``sc://HOST:PORT`` (Spark Connect). A relative
path follows three slashes, an absolute one four (``sqlite:////tmp/x.db``), as in SQLAlchemy.

Statements are sqlglot trees (or text in the driver's own style, see ``paramstyle``);
parameters are a mapping by name. An overflow reported by an engine is raised as
:class:`formkit.evaluation.functions.EvaluationError` with code ``overflow``, as the Python evaluator does.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from itertools import count
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import sqlglot
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


# Spark's session (docs/semantics.md, "Spark"): ANSI mode, so that an overflow is an error and
# not a null; no precision loss, so that DECIMAL(38, 10) + DECIMAL(38, 10) keeps its 10 places
SPARK_SESSION = {"spark.sql.ansi.enabled": "true", "spark.sql.decimalOperations.allowPrecisionLoss": "false",
                 "spark.sql.session.timeZone": TIME_ZONE, "spark.sql.legacy.createHiveTableByDefault": "false",
                 "spark.sql.sources.default": "parquet",
                 # the org closure's open start is 0001-01-01: dates as they are (Spark 3's calendar)
                 "spark.sql.parquet.datetimeRebaseModeInWrite": "CORRECTED",
                 "spark.sql.parquet.datetimeRebaseModeInRead": "CORRECTED"}
# one local session per process (one JVM, one warehouse): what spark://local starts
SPARK_LOCAL = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
               # the status store keeps every statement's plan even without the UI: thousands of
               # statements (the differential run) filled the default 1 GB heap
               "spark.sql.ui.retainedExecutions": "20", "spark.ui.retainedJobs": "20",
               "spark.ui.retainedStages": "20",
               "spark.sql.shuffle.partitions": "2",
               # 1 GB (the default) ran a conformance run's task out of execution memory
               "spark.driver.memory": "2g",
               # a local session listens on loopback only, never on the machine's other addresses
               "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
               "spark.sql.catalogImplementation": "hive"}
_SPARK_OVERFLOW = ("NUMERIC_VALUE_OUT_OF_RANGE", "ARITHMETIC_OVERFLOW", "formkit: number overflow",
                   "CAST_OVERFLOW", "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION")
_spark_local: dict[str, Any] = {}  # the warehouse -> the process's one local session
_views = count(1)


def spark_url(url: str) -> dict[str, str]:
    """The parts of a Spark URL: ``spark://local?warehouse=DIR[&database=NAME][&threads=N]
    [&metastore=derby|memory]`` or
    ``sc://HOST:PORT[/;options]`` (Spark Connect's own form, passed on as written)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sc":
        if not parts.hostname or parts.port is None:
            raise ValueError(f"a Spark Connect URL names the server and its port: sc://HOST:PORT, not {url!r}")
        return {"remote": url, "host": parts.hostname, "port": str(parts.port)}
    options = dict(parse_qsl(parts.query))
    if parts.netloc != "local":
        raise ValueError(f"a local Spark URL is spark://local?warehouse=DIR (a server is sc://HOST:PORT), not {url!r}")
    unknown = sorted(set(options) - {"warehouse", "database", "threads", "metastore"})
    if unknown:
        raise ValueError(f"unknown option(s) {', '.join(unknown)} in {url!r}: warehouse, database, threads, "
                         "metastore")
    metastore = options.get("metastore", "derby")
    if metastore not in ("derby", "memory"):
        raise ValueError(f"metastore={metastore!r} in {url!r}: derby (the tables outlive the process) or memory")
    if not options.get("warehouse"):
        raise ValueError("a local Spark URL names the directory of its tables: "
                         f"spark://local?warehouse=DIR, not {url!r}")
    threads = options.get("threads", "2")
    if not threads.isdigit() or int(threads) < 1:
        raise ValueError(f"threads={threads!r} in {url!r}: a number of threads, 1 or more")
    return {"warehouse": os.path.abspath(options["warehouse"]), "database": options.get("database", "default"),
            "threads": threads, "metastore": metastore}


def _local_spark(warehouse: str, threads: str, metastore: str) -> Any:
    """The process's local session over ``warehouse``, started once (a JVM holds one)."""
    if warehouse in _spark_local:
        return _spark_local[warehouse]
    if _spark_local:
        held = next(iter(_spark_local))
        raise ValueError(f"this process already runs a local Spark session over {held}: one warehouse per "
                         f"process (a second database in it: spark://local?warehouse={held}&database=NAME)")
    from pyspark.sql import SparkSession

    os.makedirs(warehouse, exist_ok=True)
    derby = os.path.join(warehouse, "metastore_db")
    builder = SparkSession.builder.master(f"local[{threads}]").appName("formkit")
    conf = {**SPARK_LOCAL, **SPARK_SESSION, "spark.sql.warehouse.dir": warehouse,
            "spark.driver.extraJavaOptions": f"-Dderby.system.home={warehouse}"}
    if metastore == "derby":  # the catalog in DIR/metastore_db (one process at a time, like DuckDB)
        conf["spark.hadoop.javax.jdo.option.ConnectionURL"] = f"jdbc:derby:;databaseName={derby};create=true"
    else:  # throwaway (tests): the tables' names go with the process, seconds sooner
        conf["spark.sql.catalogImplementation"] = "in-memory"
    for key, value in conf.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("OFF")  # a failed statement is raised here, not logged twice
    _spark_local[warehouse] = session
    atexit.register(session.stop)
    return session


class SparkConnection(_Adapter):
    """Spark SQL: a local session (``spark://local?warehouse=DIR``) or Spark Connect
    (``sc://HOST:PORT``). Named parameters (``:name``) are bound by ``spark.sql(text, args)``.
    Spark has no transactions: ``transaction()`` groups statements but cannot undo them
    (docs/storage.md, "Spark"); tables are Spark's own managed Parquet tables."""

    dialect = "spark"
    paramstyle = "colon_named"
    savepoints = False

    def __init__(self, url: str) -> None:
        super().__init__()
        where = spark_url(url)
        try:
            import pyspark  # noqa: F401
        except ImportError:
            raise DatabaseUnavailable("Spark needs PySpark: pip install 'pyspark==3.5.*' (and a Java runtime: "
                                      "scripts/setup installs both)") from None
        if "remote" in where:
            self.spark = self._remote(where)
        else:
            self.spark = _local_spark(where["warehouse"], where["threads"], where["metastore"])
            if where["database"] != "default":
                self.spark.sql(f"CREATE DATABASE IF NOT EXISTS `{where['database']}`")
            self.spark.catalog.setCurrentDatabase(where["database"])
        for key, value in SPARK_SESSION.items():
            if not key.startswith(("spark.sql.legacy.", "spark.sql.sources.")):  # the runtime ones
                self.spark.conf.set(key, value)

    @staticmethod
    def _remote(where: dict[str, str]) -> Any:
        from pyspark.sql import SparkSession

        target = f"{where['host']}:{where['port']}"
        try:
            session = SparkSession.builder.remote(where["remote"]).getOrCreate()
            session.sql("SELECT 1").collect()  # the client connects lazily: fail here, plainly
        except ImportError as exc:
            raise DatabaseUnavailable(f"Spark Connect needs its client libraries ({exc}): "
                                      "pip install 'pyspark[connect]==3.5.*'") from None
        except Exception as exc:
            why = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
            raise DatabaseUnavailable(f"cannot reach the Spark Connect server at {target} ({why}): start it "
                                      "(sbin/start-connect-server.sh) or check the host and port") from None
        return session

    def table_exists(self, name: str) -> bool:
        """Whether the current database has the table ``name`` (Spark has no information_schema)."""
        return bool(self.spark.catalog.tableExists(name))

    def _begin(self) -> None:
        pass  # no transactions in Spark SQL

    def _end(self, commit: bool) -> None:
        pass

    def _run(self, sql: str, params: Any, fetch: bool) -> list[tuple[Any, ...]]:
        frame = self.spark.sql(sql, args=self._args(params)) if params else self.spark.sql(sql)
        return [tuple(r) for r in frame.collect()] if fetch else []

    def _args(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The values as ``spark.sql`` binds them. PySpark sends a date to the JVM as
        ``strftime('%Y-%m-%d')``, which writes the year 1 as '1': such a date (the org
        closure's open start, 0001-01-01) goes as a JVM date literal instead."""
        out = dict(params)
        jvm = getattr(self.spark, "_jvm", None)
        for k, v in out.items():
            if jvm is not None and isinstance(v, dt.date) and not isinstance(v, dt.datetime) and v.year < 1000:
                from pyspark.sql.column import Column

                out[k] = Column(jvm.org.apache.spark.sql.functions.lit(jvm.java.time.LocalDate.of(v.year, v.month,
                                                                                                 v.day)))
        return out

    def executemany(self, sql: Statement, rows: Iterable[Params]) -> None:
        """An INSERT of one VALUES row: one statement over all the rows, which reach Spark as a
        DataFrame (a temporary view), never as SQL text; else one statement per row."""
        given = list(rows)
        bound = [r for r in given if isinstance(r, Mapping)]
        values = sql.args.get("expression") if isinstance(sql, exp.Insert) else None
        if not bound or len(bound) < len(given) or not isinstance(values, exp.Values) or len(values.expressions) != 1:
            super().executemany(sql, given)
            return
        assert isinstance(sql, exp.Insert)
        names = sorted({str(ph.name) for ph in values.find_all(exp.Placeholder)})
        view = f"fk_rows_{next(_views)}"
        frame = self.spark.createDataFrame([tuple(r[n] for n in names) for r in bound],
                                           schema=_spark_schema(names, bound))
        frame.createOrReplaceTempView(view)
        row = values.expressions[0].copy().transform(
            lambda n: exp.column(str(n.name), "r") if isinstance(n, exp.Placeholder) else n, copy=False)
        select = exp.select(*row.expressions).from_(exp.alias_(exp.to_table(view), "r", table=True))
        insert = sql.copy()
        insert.set("expression", select)
        try:
            self._call(insert, {}, fetch=False)
        finally:
            self.spark.catalog.dropTempView(view)

    def _call(self, sql: Statement, params: Params, fetch: bool) -> list[tuple[Any, ...]]:
        if isinstance(sql, str) and sql.lstrip()[:6].upper() in ("DELETE", "UPDATE"):
            parsed = sqlglot.parse_one(sql, read="spark")  # text built for Spark (``:name`` parameters)
            if isinstance(parsed, exp.Delete | exp.Update):
                self._rewrite(parsed, params)
                return []
        if isinstance(sql, exp.Delete | exp.Update):
            self._rewrite(sql, params)
            return []
        return super()._call(sql, params, fetch)

    def _rewrite(self, tree: exp.Delete | exp.Update, params: Params) -> None:
        """DELETE and UPDATE on a Parquet table, which Spark refuses: the table written again
        (copy on write) from a SELECT of the rows it keeps, as they become; the SELECT is
        materialized first, as Spark will not overwrite a table a running query reads."""
        target = tree.this
        assert isinstance(target, exp.Table)
        name = target.sql(dialect="spark")
        where = tree.args.get("where")
        hit = exp.Coalesce(this=where.this.copy(), expressions=[exp.false()]) if where is not None else None
        if isinstance(tree, exp.Delete):
            if hit is None:
                self._call(f"TRUNCATE TABLE {name}", None, fetch=False)
                return
            keep = exp.select(exp.Star()).from_(target.copy()).where(exp.Not(this=exp.Paren(this=hit)))
        else:
            sets = {e.this.name: e.expression for e in tree.expressions if isinstance(e, exp.EQ)}
            cols: list[exp.Expr] = []
            for c in self.spark.table(name).columns:
                value = sets.get(c)
                if value is None:
                    cols.append(exp.column(c, quoted=True))
                    continue
                new = value.copy() if hit is None else exp.Case(
                    ifs=[exp.If(this=hit.copy(), true=value.copy())], default=exp.column(c, quoted=True))
                cols.append(exp.alias_(new, c, quoted=True))
            keep = exp.select(*cols).from_(target.copy())
        text, names = self.sql(keep)
        try:
            bound = self._bind(names, params or {})
            frame = self.spark.sql(text, args=self._args(bound)) if names else self.spark.sql(text)
            if hasattr(frame, "localCheckpoint"):
                frame = frame.localCheckpoint(eager=True)
            else:  # Spark Connect 3.5: no checkpoints; the rows through the client
                frame = self.spark.createDataFrame(frame.collect(), schema=frame.schema)
            frame.write.insertInto(name, overwrite=True)
        except Exception as exc:
            if self._overflow(exc):
                raise EvaluationError(f"a number has more than 28 digits before the point ({exc})",
                                      "overflow") from exc
            raise

    def _overflow(self, exc: Exception) -> bool:
        # a failed task comes back as the JVM's error (Py4JJavaError), not a PySparkException
        text = str(exc)[:4000]
        return any(code in text for code in _SPARK_OVERFLOW)

    def close(self) -> None:
        pass  # the session is the process's (one JVM): stopped when the process ends


def _spark_schema(names: list[str], rows: list[Mapping[str, Any]]) -> Any:
    """The DataFrame schema of the parameter rows: each column's type from its values (a
    column of nulls only is Spark's NULL type, which every column accepts)."""
    from pyspark.sql import types as t

    fields = []
    for name in names:
        values = [r[name] for r in rows if r[name] is not None]
        kind: Any = t.NullType()
        if values:
            v = values[0]
            if isinstance(v, bool):
                kind = t.BooleanType()
            elif isinstance(v, int):
                kind = t.LongType()
            elif isinstance(v, Decimal):
                places = max(max(-int(d.as_tuple().exponent), 0) for d in values)
                digits = max(max(d.adjusted() + 1, 1) for d in values)
                places = min(places, 38 - min(digits, 38))
                kind = t.DecimalType(38, places)
            elif isinstance(v, dt.datetime):
                kind = t.TimestampType()
            elif isinstance(v, dt.date):
                kind = t.DateType()
            elif isinstance(v, float):
                kind = t.DoubleType()
            else:
                kind = t.StringType()
        fields.append(t.StructField(name, kind, True))
    return t.StructType(fields)


#: The adapter of each engine formkit connects to (the engine table's records with URL schemes).
ADAPTERS: dict[str, Callable[[str], _Adapter]] = {
    a.dialect: a for a in (DuckDBConnection, SQLiteConnection, PostgresConnection, MySQLConnection,
                           SparkConnection)
}
