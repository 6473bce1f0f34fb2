"""Web, idempotency: what each ``Idempotency-Key`` was sent with, so a replay is told from a reuse.

The key is the submission's id, which stays the same from the first draft to the approval; what
tells one request from another is the key *and* the revision the body was filled from. The app
records ``(key, revision filled from) → digest of the body, revision stored`` in ``fk_web_keys``
after each stored write: the same pair sent again with the same body is answered with the
stored revision (stored once, SPEC §6); with another body it is refused
(``idempotency-key-reused``) and nothing is stored.
"""

from __future__ import annotations

import hashlib
import weakref
from typing import Any

from sqlglot import exp

from formkit.language.ast import Type
from formkit.sql import org as orgs
from formkit.sql.ddl import ident, int_param, storage, table
from formkit.sql.engines import bind, render
from formkit.sql.expr import param

__all__ = ["KEYS", "digest", "ensure_keys", "recall", "remember"]

KEYS = "fk_web_keys"
_READY: weakref.WeakSet[Any] = weakref.WeakSet()
_SQL: dict[tuple[str, str], orgs.Compiled] = {}


def digest(action: str, body: bytes) -> str:
    return hashlib.sha256(action.encode() + b"\0" + body).hexdigest()


def _ddl(dialect: str) -> exp.Create:
    s = storage(dialect)
    key = "VARCHAR(64)" if s.key.startswith("VARCHAR(") else s.key
    cols: list[exp.Expression] = [
        exp.ColumnDef(this=ident(name), kind=exp.DataType.build(kind, dialect=s.sqlglot),
                      constraints=[exp.ColumnConstraint(kind=exp.NotNullColumnConstraint())])
        for name, kind in (("idem_key", key), ("basis", s.integer), ("digest", key), ("revision", s.integer))]
    if s.constraints:
        cols.append(exp.PrimaryKey(expressions=[ident("idem_key"), ident("basis")]))
    return exp.Create(this=exp.Schema(this=table(KEYS), expressions=cols), kind="TABLE", exists=True)


def ensure_keys(con: Any) -> None:
    """Create the table when missing (once per connection, outside any transaction)."""
    if con in _READY:
        return
    try:
        con.execute(_ddl(con.dialect))
    except Exception:  # a concurrent CREATE won the race
        con.execute(_ddl(con.dialect))
    _READY.add(con)


def _compiled(d: str, what: str) -> orgs.Compiled:
    if (d, what) not in _SQL:
        where = exp.and_(exp.EQ(this=exp.column(ident("idem_key")), expression=param("key", Type.TEXT, d)),
                         exp.EQ(this=exp.column(ident("basis")), expression=int_param("basis", d)))
        if what == "select":
            tree: exp.Expression = (exp.select(exp.column(ident("digest")), exp.column(ident("revision")))
                                    .from_(table(KEYS)).where(where))
        else:
            row = exp.Tuple(expressions=[param("key", Type.TEXT, d), int_param("basis", d),
                                         param("digest", Type.TEXT, d), int_param("revision", d)])
            tree = exp.insert(exp.values([row]), table(KEYS),
                              columns=[ident(c) for c in ("idem_key", "basis", "digest", "revision")])
        _SQL[(d, what)] = render(tree, d)
    return _SQL[(d, what)]


def recall(con: Any, key: str, basis: int) -> tuple[str, int] | None:
    """(digest, revision stored) of the request sent with ``key`` from revision ``basis``."""
    ensure_keys(con)
    rows = orgs.run(con, _compiled(con.dialect, "select"), {"key": key, "basis": basis})
    return (str(rows[0][0]), int(rows[0][1])) if rows else None


def remember(con: Any, key: str, basis: int, body_digest: str, revision: int) -> None:
    ensure_keys(con)
    sql, names = _compiled(con.dialect, "insert")
    con.execute(sql, bind(names, {"key": key, "basis": basis, "digest": body_digest, "revision": revision},
                               con.paramstyle))
