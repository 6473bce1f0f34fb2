"""Shared by tests/test_store.py, test_rollup.py and test_validate_sql.py: a small city of
our own (pool tables ``rk_*``, so that other tests' pool tables in the same database are never
touched), templates written next to its pool file, and a connection that counts statements."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlglot import exp

import formkit
from formkit.meaning.template import Template
from formkit.runtime import Connection

POOL = """\
formkit_pool: 1
id: rk_city
org: {table: rk_org, id: code, parent: parent_code, name: name, level: level,
      levels: [city, district, street, community]}
tables:
  rk_person:
    key: id
    org: community_code
    columns:
      id: {type: text}
      community_code: {type: text}
      age: {type: integer}
      insured: {type: boolean}
"""
CITY = "370600"
DISTRICTS = ("370601", "370602")
STREETS_PER, COMMUNITIES_PER = 3, 5  # 6 streets, 30 communities

_ids = itertools.count(1)


def units() -> list[tuple[str, str | None, str, int]]:
    """(code, parent, name, level) of the whole city: 1 + 2 + 6 + 30 units."""
    out: list[tuple[str, str | None, str, int]] = [(CITY, None, "示范市", 1)]
    for d in DISTRICTS:
        out.append((d, CITY, f"区{d}", 2))
        for s in range(1, STREETS_PER + 1):
            street = f"{d}{s:03d}"
            out.append((street, d, f"街道{street}", 3))
            out += [(f"{street}{c:03d}", street, f"社区{street}{c:03d}", 4) for c in range(1, COMMUNITIES_PER + 1)]
    return out


def parents() -> dict[str, str | None]:
    return {c: par for c, par, _, _ in units()}


def below(code: str) -> set[str]:
    """``code`` and every unit under it (from the parent links)."""
    par = parents()
    out = set()
    for c in par:
        cur: str | None = c
        while cur is not None and cur != code:
            cur = par[cur]
        if cur == code:
            out.add(c)
    return out


def level_of(code: str) -> int:
    return next(lv for c, _, _, lv in units() if c == code)


def communities(under: str = CITY) -> list[str]:
    inside = below(under)
    return [c for c, _, _, lv in units() if lv == 4 and c in inside]


def persons(seed: int = 5) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for c in communities():
        for i in range(rng.randint(0, 12)):
            out.append({"id": f"P{c}{i:02d}", "community_code": c, "age": rng.randint(0, 99),
                        "insured": rng.random() < 0.8})
    return out


def _q(con: Connection, name: str) -> str:
    return f"`{name}`" if con.dialect == "mysql" else f'"{name}"'


def create_city(con: Connection) -> None:
    """(Re)create the org table and the person table with a seeded population."""
    text = "VARCHAR(20)"
    boolean = "INTEGER" if con.dialect == "sqlite" else "BOOLEAN"
    for name, cols in (("rk_org", f"code {text}, parent_code {text}, name VARCHAR(50), level INTEGER"),
                       ("rk_person", f"id {text}, community_code {text}, age INTEGER, insured {boolean}")):
        con.execute(f"DROP TABLE IF EXISTS {_q(con, name)}")
        con.execute(f"CREATE TABLE {_q(con, name)} ({cols})")
    insert_rows(con, "rk_org", ["code", "parent_code", "name", "level"], units())
    people = persons()
    insert_rows(con, "rk_person", ["id", "community_code", "age", "insured"],
                [(p["id"], p["community_code"], p["age"], p["insured"]) for p in people])


def insert_rows(con: Connection, name: str, cols: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    holes = [exp.Placeholder(this=f"c{i}") for i in range(len(cols))]
    stmt = exp.insert(exp.values([exp.Tuple(expressions=holes)]), exp.Table(this=exp.to_identifier(name, quoted=True)),
                      columns=[exp.to_identifier(c, quoted=True) for c in cols])
    bools = con.dialect in ("sqlite", "mysql")
    con.executemany(stmt, [{f"c{i}": int(v) if bools and isinstance(v, bool) else v for i, v in enumerate(r)}
                           for r in rows])


def write_pool(folder: Path) -> Path:
    path = folder / "rk_city.pool.yaml"
    if not path.exists():
        path.write_text(POOL, encoding="utf-8")
    return path


def template(folder: Path, body: str, *, prefix: str = "rk", level: str = "community") -> Template:
    """A template with a fresh id (the engines' databases are shared by the whole session),
    filled by each community (or ``level``), reading our pool. ``body`` is the YAML after the header; it
    may set its own ``period:`` (default monthly) and ``version:``."""
    write_pool(folder)
    tid = f"{prefix}_{next(_ids)}"
    head = f"formkit: 1\nid: {tid}\ntitle: 测试 {tid}\npool: rk_city.pool.yaml\nlevel: {level}\n"
    if "\nperiod:" not in "\n" + body:
        head += "period: monthly\n"
    path = folder / f"{tid}.yaml"
    path.write_text(head + body, encoding="utf-8")
    return formkit.load(path)


def dec(x: Any) -> Decimal | None:
    return None if x is None else Decimal(x)


class Counting:
    """Wraps a connection and counts the statements it runs (SPEC §4: one statement)."""

    def __init__(self, con: Connection) -> None:
        self._con = con
        self.statements: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def execute(self, sql: Any, params: Any = None) -> None:
        self.statements.append(sql)
        self._con.execute(sql, params)

    def query(self, sql: Any, params: Any = None) -> list[tuple[Any, ...]]:
        self.statements.append(sql)
        return self._con.query(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._con.transaction():
            yield


def count_rows(con: Connection, table: str, where: Mapping[str, Any] | None = None) -> int:
    cond = ""
    params: dict[str, Any] = {}
    if where:
        parts = []
        for i, (k, v) in enumerate(where.items()):
            column = exp.column(exp.to_identifier(k, quoted=True))
            parts.append(exp.EQ(this=column, expression=exp.Placeholder(this=f"w{i}")))
            params[f"w{i}"] = v
        source = exp.Table(this=exp.to_identifier(table, quoted=True))
        tree = exp.select(exp.Count(this=exp.Star())).from_(source).where(exp.and_(*parts))
        return int(con.query(tree, params)[0][0])
    return int(con.query(f"SELECT COUNT(*) FROM {_q(con, table)}{cond}")[0][0])
