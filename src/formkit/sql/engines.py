"""Engines: the one engine table, value encoding, and rendering with parameters.

formkit builds every statement as a sqlglot tree; runtime values are ``exp.Placeholder(this=name)``
nodes. :func:`render` turns a tree into the SQL text and the parameter order of one engine's
driver (one parameter style per engine). :func:`encode` and :func:`decode` move language values
in and out of each engine's storage (docs/semantics.md lists every choice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Context, Decimal
from functools import cache
from typing import Any, cast

import sqlglot
from sqlglot import exp
from sqlglot.generator import Generator

from formkit.language.ast import Type

PRECISION, SCALE = 38, 10
MULTI_SEP = "\x1f"  # multichoice in SQL: '\x1fa\x1fb\x1f' (the keys between unit separators)


@dataclass(frozen=True)
class Storage:
    """The column types of one engine's submission tables (docs/storage.md)."""

    number: str
    text: str
    key: str
    date: str
    boolean: str
    timestamp: str
    integer: str
    sqlglot: str
    constraints: bool = True  # PRIMARY KEY / UNIQUE (not on Trino, Spark)

    def of(self, t: Type) -> str:
        return {Type.NUMBER: self.number, Type.DATE: self.date, Type.BOOLEAN: self.boolean}.get(t, self.text)


@dataclass(frozen=True)
class Dialect:
    """One engine, as data: the lowering, the DDL, the renderer and the adapters read it and nothing else."""

    name: str  # formkit's name: duckdb | sqlite | postgres | mysql | spark | trino
    sqlglot: str  # sqlglot's dialect name
    number: str | None  # the exact number type; None: SQLite (text decimals + functions)
    text: str
    date: str
    boolean: str
    collation: str | None  # applied to every text comparison (code-point order, no padding)
    style: str  # parameter style of the driver: dollar_named | colon_named | dollar_numbered | pyformat
    # when an engine may leave an operand unevaluated (docs/semantics.md, "Strictness"):
    # folding: a sibling is a null constant; stats: ... or a column the table's statistics
    # show to be all null (DuckDB); between_in: BETWEEN/IN stop early. MariaDB, which stops at
    # the first null operand of every operator, checks every intermediate result instead.
    may_skip: frozenset[str]
    storage: Storage
    aliases: tuple[str, ...] = ()  # other names users write (``--dialect``, ``get()``)
    # how formkit reaches it: URL schemes of ``formkit.connect`` (the first is the one shown),
    # and ``file`` engines take a path after three slashes; none: an engine formkit only emits
    # SQL for, checked by parsing it back (SPEC §4)
    schemes: tuple[str, ...] = ()
    file: bool = False
    lowers_as: str | None = None  # an emitted engine takes this engine's lowering, its own generator
    sql_functions: tuple[str, ...] = ()  # functions formkit defines on each connection (SQLite)
    bulk_arrays: bool = False  # one INSERT with an array per column beats many rows (DuckDB)
    stale_snapshot: bool = False  # REPEATABLE READ: only a locking read sees rows committed since (MariaDB)

    @property
    def runs(self) -> bool:
        """Whether formkit connects to this engine (and the tests execute its SQL)."""
        return bool(self.schemes)

    def number_type(self) -> exp.DataType:
        # parsed once per dialect (a parse per call was a hot spot of large statements); a copy,
        # because a tree node must not be shared: builders now take their arguments uncopied
        return fresh_type(_datatype(self.number or "TEXT", self.sqlglot))

    def type_of(self, t: Type) -> exp.DataType:
        """The SQL type that holds a value of ``t`` (a cast target, a column type)."""
        if t is Type.NUMBER:
            return self.number_type()
        name = {Type.DATE: self.date, Type.BOOLEAN: self.boolean}.get(t, self.text)
        return fresh_type(_datatype(name, self.sqlglot))


_SQLITE_FUNCTIONS = ("formkit_num", "formkit_add", "formkit_sub", "formkit_mul", "formkit_div", "formkit_neg",
                     "formkit_abs", "formkit_floor", "formkit_ceil", "formkit_round", "formkit_cmp",
                     "formkit_min", "formkit_max", "formkit_total", "formkit_sum", "formkit_avg")

#: The engine table: one record per engine. Adding an engine is a record here, its lowering
#: overrides and its tests (docs/architecture.md, "Adding an engine").
ENGINES: dict[str, Dialect] = {e.name: e for e in (
    Dialect("duckdb", "duckdb", "DECIMAL(38, 10)", "TEXT", "DATE", "BOOLEAN", None, "dollar_named",
            frozenset({"folding", "stats", "between_in"}),
            Storage("DECIMAL(38, 10)", "TEXT", "VARCHAR", "DATE", "BOOLEAN", "TIMESTAMP", "INTEGER", "duckdb"),
            schemes=("duckdb",), file=True, bulk_arrays=True),
    Dialect("sqlite", "sqlite", None, "TEXT", "TEXT", "INTEGER", "BINARY", "colon_named",
            frozenset({"between_in"}),
            Storage("TEXT", "TEXT", "TEXT", "TEXT", "INTEGER", "TEXT", "INTEGER", "sqlite"),
            schemes=("sqlite",), file=True, sql_functions=_SQLITE_FUNCTIONS),
    Dialect("postgres", "postgres", "NUMERIC(38, 10)", "TEXT", "DATE", "BOOLEAN", '"C"', "dollar_numbered",
            frozenset({"folding", "between_in"}),
            Storage("NUMERIC(38, 10)", "TEXT", "VARCHAR(200)", "DATE", "BOOLEAN", "TIMESTAMP", "INTEGER", "postgres"),
            aliases=("postgresql", "pg"), schemes=("postgresql", "postgres")),
    Dialect("mysql", "mysql", "DECIMAL(38, 10)", "CHAR", "DATE", "SIGNED", "utf8mb4_nopad_bin", "pyformat",
            frozenset(),
            Storage("DECIMAL(38, 10)", "TEXT", "VARCHAR(200)", "DATE", "BOOLEAN", "DATETIME(6)", "INTEGER", "mysql"),
            aliases=("mariadb",), schemes=("mysql", "mariadb", "mysql+pymysql"), stale_snapshot=True),
    Dialect("trino", "trino", "DECIMAL(38, 10)", "VARCHAR", "DATE", "BOOLEAN", None, "colon_named",
            frozenset(),
            Storage("DECIMAL(38, 10)", "VARCHAR", "VARCHAR", "DATE", "BOOLEAN", "TIMESTAMP(6)", "INTEGER", "trino",
                    constraints=False),
            lowers_as="postgres"),
    # Spark compares strings by their UTF-8 bytes (code-point order, no pad space): no collation;
    # it folds f(null, x) to null, skips an operator's later operands once one is null at run
    # time (as "stats": any name may be null) and stops IN/BETWEEN early (docs/semantics.md)
    Dialect("spark", "spark", "DECIMAL(38, 10)", "STRING", "DATE", "BOOLEAN", None, "colon_named",
            frozenset({"folding", "stats", "between_in"}),
            Storage("DECIMAL(38, 10)", "STRING", "STRING", "DATE", "BOOLEAN", "TIMESTAMP", "INT", "spark",
                    constraints=False),
            aliases=("sparksql",), schemes=("spark", "sc")),
)}
ALIASES = {alias: e.name for e in ENGINES.values() for alias in e.aliases}
#: The engines formkit connects to (the lowering's own dialects), by name.
DIALECTS: dict[str, Dialect] = {name: e for name, e in ENGINES.items() if e.runs}


def engine(name: str | Dialect) -> Dialect:
    """The record of an engine by formkit or sqlglot name or alias (``postgresql``, ``mariadb``,
    ``sparksql``…), emitted engines included."""
    if isinstance(name, Dialect):
        return ENGINES.get(name.sqlglot, name)
    key = ALIASES.get(name.lower(), name.lower())
    if key not in ENGINES:
        raise ValueError(f"unknown SQL dialect {name!r}: one of {', '.join(sorted(ENGINES))}")
    return ENGINES[key]


@cache
def _lowered(name: str) -> Dialect:
    """What the lowering reads for an emitted engine: the record of the engine whose lowering
    it takes, with its own generator, no collation and named parameters (``:org``)."""
    e = ENGINES[name]
    assert e.lowers_as is not None
    return replace(ENGINES[e.lowers_as], sqlglot=e.sqlglot, collation=e.collation, style=e.style)


def get(name: str | Dialect) -> Dialect:
    """The dialect the lowering reads, by name or alias: an engine's record, or for an engine
    formkit only emits, the lowering it takes (:func:`engine` gives its own record)."""
    if isinstance(name, Dialect):
        return name
    e = engine(name)
    return e if e.lowers_as is None else _lowered(e.name)


@cache
def _datatype(text: str, dialect: str) -> exp.DataType:
    return exp.DataType.build(text, dialect=dialect or None)


def dtype(text: str, dialect: str = "") -> exp.DataType:
    """A SQL type, parsed once (sqlglot parses type text on every build)."""
    return fresh_type(_datatype(text, dialect))


# -- values in and out -----------------------------------------------------------------------


def number_text(d: Decimal | int) -> str:
    """Exact plain decimal text without trailing zeros: ``Decimal('1.50')`` → ``'1.5'``."""
    d = Decimal(d)
    if d.is_zero():
        return "0"
    return format(d.normalize(_WIDE), "f")  # the default context would round to 28 digits


_WIDE = Context(prec=100)


def encode_multi(keys: list[str] | None) -> str | None:
    """A multichoice value as stored in SQL; nothing chosen is null (SPEC §3)."""
    if not keys:
        return None
    for k in keys:
        if not k or any(ord(c) < 32 for c in k):
            raise ValueError(f"a choice key cannot be empty or hold control characters: {k!r}")
    return MULTI_SEP + MULTI_SEP.join(keys) + MULTI_SEP


def decode_multi(text: str | None) -> list[str] | None:
    if text is None:
        return None
    keys = [k for k in text.split(MULTI_SEP) if k]
    return keys or None


def encode(value: object, t: Type, dialect: str | Dialect) -> Any:
    """A language value as the driver parameter of ``dialect`` (the SQL side casts it)."""
    d = get(dialect)
    if value is None:
        return None
    if t is Type.NUMBER:
        assert isinstance(value, int | Decimal) and not isinstance(value, bool)
        if d.name == "spark":  # plain digits: Spark refuses a literal of negative scale (1E+2)
            return Decimal(number_text(value))
        return number_text(value) if d.name in ("sqlite", "duckdb") else Decimal(value)
    if t is Type.DATE:
        assert isinstance(value, dt.date)
        return value.isoformat() if d.name == "sqlite" else value
    if t is Type.BOOLEAN:
        return int(bool(value)) if d.name in ("sqlite", "mysql") else bool(value)
    if t is Type.MULTI:
        assert isinstance(value, list | tuple)
        return encode_multi(list(value))
    return value


def decode(value: Any, t: Type | None, dialect: str | Dialect) -> Any:
    """A value read back from ``dialect`` as a language value of type ``t``."""
    if value is None:
        return None
    if t is Type.NUMBER:
        if isinstance(value, float):
            raise TypeError(f"{value!r}: a float came back where an exact number was expected")
        return Decimal(value) if not isinstance(value, Decimal) else value
    if t is Type.DATE:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if t is Type.BOOLEAN:
        return bool(value)
    if t is Type.MULTI:
        return decode_multi(value)
    return value


# -- rendering with the driver's parameter style ---------------------------------------------


def render(tree: exp.Expression, dialect: str | Dialect, *, pretty: bool = False) -> tuple[str, list[str]]:
    """SQL text for ``dialect`` and the parameter names in the order the driver wants them.

    ``dollar_named`` (DuckDB ``$p``) and ``colon_named`` (SQLite ``:p``) take a mapping;
    ``dollar_numbered`` (PostgreSQL ``$1``, psycopg's raw cursor) and ``pyformat`` (PyMySQL
    ``%(p)s``, literal ``%`` doubled) are bound by the adapter from the returned names.
    """
    d = get(dialect)
    gen = _generator(d.name)(dialect=d.sqlglot, pretty=pretty)
    gen.formkit_names = []  # type: ignore[attr-defined]
    gen.formkit_numbers = {}  # type: ignore[attr-defined]
    sql = gen.generate(tree, copy=False)
    return sql, list(gen.formkit_names)  # type: ignore[attr-defined]


class _Pyformat(Generator):
    """PyMySQL's style (MySQL/MariaDB): PyMySQL formats the query with '%', so every literal one
    is doubled."""

    def escape_str(self, text: str, *args: Any, **kwargs: Any) -> str:
        return str(super().escape_str(text, *args, **kwargs)).replace("%", "%%")

    def mod_sql(self, expression: exp.Mod) -> str:
        return str(self.func("MOD", expression.this, expression.expression))

    def identifier_sql(self, expression: exp.Identifier) -> str:
        return str(super().identifier_sql(expression)).replace("%", "%%")

    def lock_sql(self, expression: exp.Lock) -> str:
        # MariaDB refuses MySQL 8's FOR SHARE; both accept the older spelling
        if not expression.args.get("update") and not expression.args.get("key"):
            return "LOCK IN SHARE MODE"
        return str(super().lock_sql(expression))


class _Spark(Generator):
    """Spark SQL has no LISTAGG/GROUP_CONCAT (sqlglot writes LISTAGG): the non-null values
    collected and joined, null when there are none (as GROUP_CONCAT gives)."""

    def groupconcat_sql(self, expression: exp.GroupConcat) -> str:
        sep = expression.args.get("separator") or exp.Literal.string(",")
        joined = exp.Anonymous(this="ARRAY_JOIN", expressions=[
            exp.Anonymous(this="COLLECT_LIST", expressions=[expression.this]), sep])
        return str(self.sql(exp.Nullif(this=joined, expression=exp.Literal.string(""))))


@cache
def _generator(name: str) -> type[Generator]:
    d = DIALECTS[name]
    base: type[Generator] = sqlglot.Dialect.get_or_raise(d.sqlglot).generator_class
    style = d.style
    types: dict[tuple[object, ...], str] = {}

    bases = (_Pyformat, base) if style == "pyformat" else (_Spark, base) if name == "spark" else (base,)

    class FormkitGenerator(*bases):  # type: ignore[misc]
        formkit_names: list[str]

        formkit_numbers: dict[str, int]

        def datatype_sql(self, expression: exp.DataType) -> str:
            # a large statement casts thousands of times to the same few types, and sqlglot's
            # rendering of one type is slow (DuckDB's checks its kind four times): once per type
            key = _type_key(expression)
            if key is None:
                return str(super().datatype_sql(expression))
            text = types.get(key)
            if text is None:
                text = types[key] = str(super().datatype_sql(expression))
            return text

        def placeholder_sql(self, expression: exp.Placeholder) -> str:
            name = str(expression.name)
            if style == "dollar_numbered":
                number = self.formkit_numbers.setdefault(name, len(self.formkit_numbers) + 1)
                if number > len(self.formkit_names):
                    self.formkit_names.append(name)
                return f"${number}"
            self.formkit_names.append(name)
            if style == "pyformat":
                return f"%({name})s"
            return f"${name}" if style == "dollar_named" else f":{name}"

    if name == "spark":  # sqlglot's Spark generator maps GroupConcat in its table of transforms
        FormkitGenerator.TRANSFORMS = {**base.TRANSFORMS, exp.GroupConcat: _Spark.groupconcat_sql}
    FormkitGenerator.__name__ = f"FormkitGenerator_{name}"
    return FormkitGenerator


def _type_key(t: exp.DataType) -> tuple[object, ...] | None:
    """What a plain type (a kind and literal parameters: ``DECIMAL(38, 10)``) is made of; None
    for any other (nested, with values, a kind's modifiers)."""
    params: list[object] = [t.this]
    for name, value in t.args.items():
        if name == "expressions":
            for param in value or ():
                if (type(param) is not exp.DataTypeParam or param.args.get("expression") is not None
                        or type(param.this) is not exp.Literal):
                    return None
                params.append((param.this.this, param.this.is_string))
        elif name != "this" and value not in (None, False):
            return None
    return tuple(params)


def fresh_type(t: exp.DataType) -> exp.DataType:
    """A copy of ``t`` for one more node (a node has one parent), built directly: large
    statements cast thousands of times, and ``copy()`` (a generic deep copy) was a hot spot."""
    key = _type_key(t)
    if key is None:
        return t.copy()
    params = []
    for param in key[1:]:
        value, is_string = cast("tuple[str, bool]", param)
        params.append(exp.DataTypeParam(this=exp.Literal(this=value, is_string=is_string)))
    return exp.DataType(this=key[0], expressions=params, nested=False)


def bind(names: Sequence[str], values: Mapping[str, Any], paramstyle: str) -> Any:
    """Parameters for a rendered statement in the driver's style: positional for ``$1``, else by name."""
    missing = sorted({n for n in names if n not in values})
    if missing:
        raise KeyError(f"no value for the parameter(s) {', '.join(missing)}")
    if paramstyle == "dollar_numbered":
        return [values[n] for n in names]
    return {n: values[n] for n in names}
