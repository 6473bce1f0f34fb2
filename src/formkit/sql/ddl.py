"""DDL: the submission tables of a template version, built as sqlglot trees for each engine.

One wide table per template version (a typed column per scalar field and per grid cell), one
child table per roster (``table`` field), and the registry of deployed versions that ``prev()``
reads across versions (:func:`formkit.sql.registry.ensure_schema` creates what is missing).

Column types (docs/storage.md): numbers ``DECIMAL(38, 10)`` (PostgreSQL ``NUMERIC``; SQLite
TEXT holding exact decimal text, as the lowering reads it — a NUMERIC affinity would turn
``'0.10'`` into a float), dates ``DATE`` (SQLite ISO text), booleans ``BOOLEAN`` (SQLite
INTEGER 0/1), text ``TEXT`` (MariaDB utf8mb4 with the code-point collation
``utf8mb4_nopad_bin``), multichoice the lowering's ``'\\x1fa\\x1fb\\x1f'`` text. Keys are
``VARCHAR`` so that MariaDB can index them. Trino and Spark SQL get the same tables without
keys (their usual connectors have no PRIMARY KEY or UNIQUE) — printed, not run.
"""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from sqlglot import exp

from formkit.meaning.template import Template
from formkit.sql.engines import ENGINES, Storage, engine
from formkit.sql.names import CORRECTIONS, REGISTRY, Col, layout

DIALECTS = tuple(ENGINES)
STATES = ("draft", "submitted", "returned", "approved")
SOURCES = ("pool", "prev", "calc", "typed", "confirmed", "corrected")
KEY_LENGTH = 64  # submission ids, org codes; MariaDB indexes VARCHAR, not TEXT


def storage(dialect: str) -> Storage:
    """The column types of ``dialect``'s submission tables (from the engine table)."""
    return engine(dialect).storage


def ident(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)


def table(name: str, alias: str | None = None) -> exp.Table:
    t = exp.Table(this=ident(name))
    return t.as_(alias, quoted=True) if alias else t  # type: ignore[return-value]


def _type(text: str, s: Storage) -> exp.DataType:
    # parsed once per type text and dialect (a table has thousands of columns of a few types);
    # each column gets its own copy, as a node has one parent
    return _parsed_type(text, s.sqlglot).copy()


@functools.lru_cache(maxsize=256)
def _parsed_type(text: str, dialect: str) -> exp.DataType:
    return exp.DataType.build(text, dialect=dialect)


def _coldef(name: str, type_text: str, s: Storage, *, not_null: bool = False) -> exp.ColumnDef:
    constraints = [exp.ColumnConstraint(kind=exp.NotNullColumnConstraint())] if not_null else []
    return exp.ColumnDef(this=ident(name), kind=_type(type_text, s), constraints=constraints)


def _key(s: Storage, length: int = KEY_LENGTH) -> str:
    return f"VARCHAR({length})" if s.key.startswith("VARCHAR(") else s.key


def _create(name: str, cols: list[exp.Expression], keys: list[exp.Expression], s: Storage) -> exp.Create:
    props = None
    if s.sqlglot == "mysql":  # every text column in code-point order, without pad space
        props = exp.Properties(expressions=[
            exp.CharacterSetProperty(this=exp.var("utf8mb4"), default=True),
            exp.CollateProperty(this=exp.var("utf8mb4_nopad_bin"), default=True)])
    body = cols + (keys if s.constraints else [])
    return exp.Create(this=exp.Schema(this=table(name), expressions=body), kind="TABLE", exists=True,
                      properties=props)


def _pk(*names: str) -> exp.PrimaryKey:
    return exp.PrimaryKey(expressions=[ident(n) for n in names])


def _unique(*names: str) -> exp.UniqueColumnConstraint:
    return exp.UniqueColumnConstraint(this=exp.Schema(expressions=[ident(n) for n in names]))


def _value_columns(cols: list[Col], s: Storage) -> list[exp.Expression]:
    out: list[exp.Expression] = []
    for c in cols:
        out.append(_coldef(c.name, s.of(c.type), s))
        if c.confirm:  # the pre-filled original and where the stored value came from
            out.append(_coldef(c.orig, s.of(c.type), s))
            out.append(_coldef(c.src, _key(s, 16), s))
    return out


def registry_ddl(dialect: str) -> exp.Create:
    s = storage(dialect)
    cols: list[exp.Expression] = [
        _coldef("template_id", _key(s, 200), s, not_null=True),
        _coldef("version", s.integer, s, not_null=True),
        _coldef("fingerprint", _key(s), s, not_null=True),
        _coldef("table_name", _key(s), s, not_null=True),
        _coldef("layout", s.text, s, not_null=True),
        _coldef("deployed_at", s.timestamp, s, not_null=True),
    ]
    return _create(REGISTRY, cols, [_pk("template_id", "version")], s)


def submission_ddl(template: Template, dialect: str) -> exp.Create:
    """The wide table of one template version. ``submission_id`` is unique (idempotency rests
    on it) and so is ``(period, org)``: at most one current submission per org and period."""
    s = storage(dialect)
    lay = layout(template)
    system: list[exp.Expression] = [
        _coldef("submission_id", _key(s), s, not_null=True),
        _coldef("org", _key(s), s, not_null=True),
        _coldef("period", _key(s, 16), s, not_null=True),
        _coldef("version", s.integer, s, not_null=True),
        _coldef("state", _key(s, 16), s, not_null=True),
        _coldef("revision", s.integer, s, not_null=True),
        _coldef("digest", _key(s), s, not_null=True),
        _coldef("created_at", s.timestamp, s, not_null=True),
        _coldef("created_by", s.text, s),
        _coldef("updated_at", s.timestamp, s, not_null=True),
        _coldef("updated_by", s.text, s),
        _coldef("pool_as_of", s.timestamp, s),
    ]
    keys: list[exp.Expression] = [_pk("submission_id"), _unique("period", "org")]
    return _create(lay.table, system + _value_columns(list(lay.slots.values()), s), keys, s)


def child_ddl(template: Template, table_id: str, dialect: str) -> exp.Create:
    """The rows of one roster: (submission_id, row_no) is the key; ``row_key`` is the row's
    ``_key`` (the pool key, or a token for a row staff added)."""
    s = storage(dialect)
    child = layout(template).children[table_id]
    cols: list[exp.Expression] = [
        _coldef("submission_id", _key(s), s, not_null=True),
        _coldef("row_no", s.integer, s, not_null=True),
        _coldef("row_key", _key(s, 200), s),
    ]
    return _create(child.table, cols + _value_columns(list(child.columns.values()), s),
                   [_pk("submission_id", "row_no")], s)


def build_ddl(template: Template, dialect: str) -> list[exp.Create]:
    """Every CREATE TABLE of one template version (registry first), for ``dialect``."""
    return [registry_ddl(dialect), submission_ddl(template, dialect),
            *(child_ddl(template, tid, dialect) for tid in template.tables)]


def ddl_sql(template: Template, dialect: str, *, pretty: bool = True) -> str:
    """The DDL as text, statements separated by ``;`` (for ``formkit sql --query ddl``)."""
    s = storage(dialect)
    return ";\n".join(t.sql(s.sqlglot, pretty=pretty) for t in build_ddl(template, dialect)) + ";"


# -- parameters that the language has no type for ----------------------------------------------


def int_param(name: str, dialect: str) -> exp.Expression:
    """A native integer parameter (a version, a revision, a row number)."""
    ph = exp.Placeholder(this=name)
    return ph if dialect == "sqlite" else exp.Cast(this=ph, to=exp.DataType.build("INT"))


def timestamp_param(name: str, dialect: str) -> exp.Expression:
    """A timestamp parameter (SQLite: ISO text, see :func:`timestamp_value`)."""
    ph = exp.Placeholder(this=name)
    if dialect == "sqlite":
        return ph
    return exp.Cast(this=ph, to=exp.DataType.build(storage(dialect).timestamp, dialect=storage(dialect).sqlglot))


def now_local(template: Template) -> dt.datetime:
    """Now, as a naive local time in the pool's time zone (SPEC §5: Asia/Shanghai by default);
    stored without a zone, read back with it (docs/storage.md)."""
    return dt.datetime.now(zone(template)).replace(tzinfo=None, microsecond=0)


def zone(template: Template) -> ZoneInfo:
    name = getattr(template.pool, "timezone", None) or "Asia/Shanghai"
    return ZoneInfo(str(name))


def timestamp_value(value: dt.datetime, dialect: str) -> object:
    return value.isoformat(sep=" ") if dialect == "sqlite" else value


# -- the registry --------------------------------------------------------------------------------


def corrections_ddl(dialect: str) -> exp.Create:
    """Who corrected each pre-filled value and when (``formkit corrections``): one row per
    corrected value of a stored submission — its table, submission, slot (field id or
    ``table.column``) and row key (``''`` for a scalar) — kept apart from the submission's
    ``updated_by``/``updated_at``, which name its last writer, not the corrector. A separate
    table, so that submission tables of earlier releases need no new columns."""
    s = storage(dialect)
    cols: list[exp.Expression] = [
        _coldef("table_name", _key(s), s, not_null=True),
        _coldef("submission_id", _key(s), s, not_null=True),
        _coldef("slot", _key(s, 200), s, not_null=True),
        _coldef("row_key", _key(s, 200), s, not_null=True),
        _coldef("marker", _key(s), s, not_null=True),
        _coldef("corrected_by", s.text, s),
        _coldef("corrected_at", s.timestamp, s, not_null=True),
    ]
    return _create(CORRECTIONS, cols, [_pk("table_name", "submission_id", "slot", "row_key")], s)
