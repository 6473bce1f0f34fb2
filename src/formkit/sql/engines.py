"""SQL dialects: the small per-engine table, value encoding, and rendering with parameters.

formkit builds every statement as a sqlglot tree; runtime values are ``exp.Placeholder(this=name)``
nodes. :func:`render` turns a tree into the SQL text and the parameter order of one engine's
driver (one parameter style per engine). :func:`encode` and :func:`decode` move language values
in and out of each engine's storage (docs/semantics.md lists every choice).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
class Dialect:
    """What differs between engines, as data; the lowering reads it and nothing else."""

    name: str  # formkit's name: duckdb | sqlite | postgres | mysql
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


DIALECTS: dict[str, Dialect] = {
    "duckdb": Dialect("duckdb", "duckdb", "DECIMAL(38, 10)", "TEXT", "DATE", "BOOLEAN",
                      None, "dollar_named", frozenset({"folding", "stats", "between_in"})),
    "postgres": Dialect("postgres", "postgres", "NUMERIC(38, 10)", "TEXT", "DATE", "BOOLEAN",
                        '"C"', "dollar_numbered", frozenset({"folding", "between_in"})),
    "mysql": Dialect("mysql", "mysql", "DECIMAL(38, 10)", "CHAR", "DATE", "SIGNED",
                     "utf8mb4_nopad_bin", "pyformat", frozenset()),
    "sqlite": Dialect("sqlite", "sqlite", None, "TEXT", "TEXT", "INTEGER",
                      "BINARY", "colon_named", frozenset({"between_in"})),
}
ALIASES = {"postgresql": "postgres", "mariadb": "mysql", "pg": "postgres"}


def get(name: str | Dialect) -> Dialect:
    """A dialect by formkit or sqlglot name (``postgresql`` and ``mariadb`` are accepted)."""
    if isinstance(name, Dialect):
        return name
    key = ALIASES.get(name.lower(), name.lower())
    if key not in DIALECTS:
        raise ValueError(f"unknown SQL dialect {name!r}: one of {', '.join(sorted(DIALECTS))}")
    return DIALECTS[key]


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


@cache
def _generator(name: str) -> type[Generator]:
    d = DIALECTS[name]
    base: type[Generator] = sqlglot.Dialect.get_or_raise(d.sqlglot).generator_class
    style = d.style
    types: dict[tuple[object, ...], str] = {}

    bases = (_Pyformat, base) if style == "pyformat" else (base,)

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
