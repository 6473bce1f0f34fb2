"""Audit: the table that records every state change of a submission and every read of personal data.

``fk_audit`` holds one row per event: a transition (``save_draft``, ``submit``, ``return``,
``approve``) with the states before and after, the revision it produced and what changed (JSON
with exact numbers; the text of values derived from personal data masked); or a ``read_pii``
(a fill, send-down, roll-up or corrections report that asked for unmasked personal data). Every row
names its user and time (local time of the pool's zone, stored without zone, read back with
it). A transition's row is written in the same transaction as the change itself, so there is
never a change without its record, nor a record without its change.
"""

from __future__ import annotations

import datetime as dt
import getpass
import uuid
import weakref
from collections.abc import Mapping
from typing import Any

from sqlglot import exp

from formkit.evaluation import functions as fn
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.runtime.form import dumps, loads
from formkit.runtime.record import invalid
from formkit.sql import org as orgs
from formkit.sql.ddl import ident, int_param, storage, table, timestamp_param, timestamp_value, zone
from formkit.sql.engines import bind, get, render
from formkit.sql.expr import param
from formkit.sql.registry import has_table

__all__ = ["AUDIT", "COLUMNS", "actor", "ensure_audit", "latest_footer", "latest_notes", "log", "present", "record",
           "record_many"]

AUDIT = "fk_audit"
COLUMNS = ("event_id", "template_id", "version", "submission_id", "org", "period", "action", "from_state",
           "to_state", "revision", "actor", "at", "detail")
_KINDS = {"version": "int", "revision": "int", "at": "ts"}
_LENGTHS = {"event_id": 64, "template_id": 200, "submission_id": 64, "org": 64, "period": 16, "action": 16,
            "from_state": 16, "to_state": 16}
_READY: weakref.WeakSet[Any] = weakref.WeakSet()
_SQL: dict[tuple[str, str], orgs.Compiled] = {}


def actor(user: str | None) -> str:
    """Who is acting: the given user, else the operating-system account."""
    if user:
        return user
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in a bare container
        return "unknown"


def audit_ddl(dialect: str) -> exp.Create:
    s = storage(dialect)
    cols: list[exp.Expression] = []
    for name in COLUMNS:
        kind = _KINDS.get(name)
        if kind == "int":
            text = s.integer
        elif kind == "ts":
            text = s.timestamp
        elif name in _LENGTHS:
            text = f"VARCHAR({_LENGTHS[name]})" if s.key.startswith("VARCHAR(") else s.key
        else:
            text = s.text
        constraints = ([exp.ColumnConstraint(kind=exp.NotNullColumnConstraint())]
                       if name in ("event_id", "template_id", "action", "at") else [])
        cols.append(exp.ColumnDef(this=ident(name), kind=exp.DataType.build(text, dialect=s.sqlglot),
                                  constraints=constraints))
    if s.constraints:
        cols.append(exp.PrimaryKey(expressions=[ident("event_id")]))
    props = None
    if s.sqlglot == "mysql":
        props = exp.Properties(expressions=[
            exp.CharacterSetProperty(this=exp.var("utf8mb4"), default=True),
            exp.CollateProperty(this=exp.var("utf8mb4_nopad_bin"), default=True)])
    return exp.Create(this=exp.Schema(this=table(AUDIT), expressions=cols), kind="TABLE", exists=True,
                      properties=props)


def ensure_audit(con: Any) -> None:
    """Create the audit table when missing (once per connection). Call it outside a
    transaction: DDL commits on MariaDB."""
    if con in _READY:
        return
    try:
        con.execute(audit_ddl(con.dialect))
    except Exception:  # a concurrent CREATE won the race: the table is there now
        con.execute(audit_ddl(con.dialect))
    _READY.add(con)


def present(con: Any) -> bool:
    """Whether the audit table exists (remembered once it does)."""
    if con in _READY:
        return True
    if has_table(con, AUDIT):
        _READY.add(con)
        return True
    return False


def _compiled(dialect: str, what: str, build: Any) -> orgs.Compiled:
    if (dialect, what) not in _SQL:
        _SQL[(dialect, what)] = render(build(), dialect)
    return _SQL[(dialect, what)]


def _param(name: str, d: str) -> exp.Expression:
    kind = _KINDS.get(name)
    if kind == "int":
        return int_param(name, d)
    if kind == "ts":
        return timestamp_param(name, d)
    return param(name, Type.TEXT, d)


def record(con: Any, template: Template, *, action: str, user: str | None, org: str | None = None,
           period: str | None = None, submission: str | None = None, from_state: str | None = None,
           to_state: str | None = None, revision: int | None = None,
           detail: Mapping[str, Any] | None = None) -> None:
    """Write one event (inside the caller's transaction, if any)."""
    d = con.dialect

    def build() -> exp.Expression:
        values = exp.Tuple(expressions=[_param(c, d) for c in COLUMNS])
        return exp.insert(exp.values([values]), table(AUDIT), columns=[ident(c) for c in COLUMNS])

    row = _row(template, d, action=action, user=user, org=org, period=period, submission=submission,
               from_state=from_state, to_state=to_state, revision=revision, detail=detail)
    sql, names = _compiled(d, "insert", build)
    con.execute(sql, bind(names, row, con.paramstyle))


def _row(template: Template, d: str, *, action: str, user: str | None, org: str | None = None,
         period: str | None = None, submission: str | None = None, from_state: str | None = None,
         to_state: str | None = None, revision: int | None = None,
         detail: Mapping[str, Any] | None = None) -> dict[str, Any]:
    if user and (char := fn.control_char(user)) is not None:  # PostgreSQL cannot store NUL in text
        raise invalid(template, f"the user {orgs.shown(user)} holds the control character {char}")
    now = dt.datetime.now(zone(template)).replace(tzinfo=None)
    return {"event_id": uuid.uuid4().hex, "template_id": template.id, "version": template.version,
            "submission_id": submission, "org": org, "period": period, "action": action, "from_state": from_state,
            "to_state": to_state, "revision": revision, "actor": actor(user), "at": timestamp_value(now, d),
            "detail": dumps(dict(detail or {}))}


def record_many(con: Any, template: Template, events: list[dict[str, Any]]) -> None:
    """Write many events (keyword arguments of :func:`record` each) — on DuckDB in one
    statement with a list per column, elsewhere one by one."""
    if not get(con.dialect).bulk_arrays:
        for e in events:
            record(con, template, **e)
        return
    if not events:
        return
    rows = [_row(template, con.dialect, **e) for e in events]
    kinds = {"int": "INTEGER[]", "ts": "TIMESTAMP[]"}
    types = [kinds.get(_KINDS.get(c, ""), "VARCHAR[]") for c in COLUMNS]
    cols = ", ".join(f"UNNEST(CAST($c{i} AS {t}))" for i, t in enumerate(types))
    names = ", ".join(f'"{c}"' for c in COLUMNS)
    con.execute(f'INSERT INTO "{AUDIT}" ({names}) SELECT {cols}',
                {f"c{i}": [r[c] for r in rows] for i, c in enumerate(COLUMNS)})


def log(con: Any, template: Template, *, org: str | None = None, period: str | None = None,
        submission: str | None = None, action: str | None = None) -> list[dict[str, Any]]:
    """The events of ``template`` (every version), oldest first, narrowed by org unit, period,
    submission or action; ``detail`` parsed, ``at`` as ISO text with the zone."""
    if not present(con):  # a read creates nothing: no audit table, no events
        return []
    d = con.dialect
    filters = {"org": org, "period": period, "submission_id": submission, "action": action}
    used = tuple(k for k, v in filters.items() if v is not None)

    def build() -> exp.Expression:
        cond: exp.Expr = exp.EQ(this=exp.column(ident("template_id")),
                                expression=param("template_id", Type.TEXT, d))
        for k in used:
            cond = exp.and_(cond, exp.EQ(this=exp.column(ident(k)), expression=param(k, Type.TEXT, d)))
        return (exp.select(*(exp.column(ident(c)) for c in COLUMNS)).from_(table(AUDIT)).where(cond)
                .order_by(exp.column(ident("at")), exp.column(ident("revision")), exp.column(ident("event_id"))))

    sql, names = _compiled(d, "log:" + ",".join(used), build)
    params = {"template_id": template.id, **{k: filters[k] for k in used}}
    out = []
    for r in con.query(sql, bind(names, params, con.paramstyle)):
        row = dict(zip(COLUMNS, r, strict=True))
        row["detail"] = loads(row["detail"]) if row["detail"] else {}
        row["at"] = _zoned(template, row["at"])
        for k in ("version", "revision"):
            row[k] = None if row[k] is None else int(row[k])
        out.append(row)
    return out


def latest_notes(con: Any, template: Template, submission: str) -> list[dict[str, Any]]:
    """The notes of the latest ``return`` of a submission (none when it was never returned)."""
    events = log(con, template, submission=submission, action="return")
    return list(events[-1]["detail"].get("notes", [])) if events else []


def latest_footer(con: Any, template: Template, submission: str) -> dict[str, str]:
    """The footer (填报人, 联系电话, 报出日期…) of the latest stored write of a submission: it is
    kept in the write's event, in the same transaction as the values."""
    writes = [e for e in log(con, template, submission=submission) if e["action"] in ("save_draft", "submit")]
    footer = writes[-1]["detail"].get("footer") if writes else None
    return {str(k): str(v) for k, v in footer.items()} if isinstance(footer, dict) else {}


def _zoned(template: Template, v: Any) -> str | None:
    if v is None:
        return None
    when = dt.datetime.fromisoformat(v) if isinstance(v, str) else v
    return str(when.replace(tzinfo=zone(template)).isoformat())
