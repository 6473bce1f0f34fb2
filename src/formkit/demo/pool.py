"""Demo pool: a deterministic synthetic city written into DuckDB with set-based SQL, and copies of it.

``generate_demo_pool(con, pool, scale=..., seed=...)`` writes the org hierarchy table and every
table of the pool file into a DuckDB connection; ``copy_pool`` copies them into SQLite,
PostgreSQL or MySQL/MariaDB for tests. The SQL text lives in :mod:`formkit.demo.pool_sql`,
the word lists and weights in :mod:`formkit.demo.pool_data`.

Everything large is made inside DuckDB by set-based SQL (DESIGN: row-by-row inserts run at
~1k rows/s): Python builds only the org hierarchy (≈ 16k units at full scale) and loads it in
one statement from lists; persons come from ``range()`` per community, their ages from a
bijective permutation of positions cut by the age pyramid (so ID numbers are unique without
a sort), every other value from a per-row hash. Tables are stored sorted by community.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from formkit.demo import pool_data as data
from formkit.demo import pool_sql as q
from formkit.document.model import PoolModel, PoolTable

__all__ = [
    "DEFAULT_SCALE",
    "FULL_SCALE_COMMUNITIES",
    "CityLayout",
    "Community",
    "city_layout",
    "copy_pool",
    "generate_demo_pool",
]

FULL_SCALE_COMMUNITIES = data.FULL_COMMUNITIES
#: One district (芝罘区, 150 of the city's 2,000 communities, ≈ 1M residents).
DEFAULT_SCALE = data.DISTRICTS[0][3] / data.FULL_COMMUNITIES
LEVELS = ("city", "district", "street", "community", "grid")
DUCK_TYPES = {
    "text": "VARCHAR", "choice": "VARCHAR", "integer": "INTEGER", "decimal": q.DEC,
    "boolean": "BOOLEAN", "date": "DATE",
}
_LAYOUT_SEED = 20261101
PERSON_CHUNK = 300  # communities (≈ 2M persons) per sorted INSERT: bounded memory
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


# -- the city's layout (org hierarchy), built in Python: a few thousand rows -----------------


@dataclass(frozen=True)
class Community:
    code: str
    name: str
    street_code: str
    street_name: str
    district_code: str
    district_name: str
    urban: bool
    population: int
    grids: int
    enterprises: int


@dataclass(frozen=True)
class CityLayout:
    """The org units (code, parent code, name, level) and the communities that hold the rows."""

    units: tuple[tuple[str, str | None, str, int], ...]
    communities: tuple[Community, ...]

    @property
    def persons(self) -> int:
        return sum(c.population for c in self.communities)


def city_layout(scale: float = DEFAULT_SCALE) -> CityLayout:
    """The first ``round(2000 × scale)`` communities of the city (in code order) and their units.

    The layout does not depend on the seed, and a community looks the same at every scale.
    """
    if not 0 < scale <= 1:
        raise ValueError(f"scale must be in (0, 1], got {scale}")
    wanted = max(1, round(data.FULL_COMMUNITIES * scale))
    communities = _all_communities()[:wanted]
    units: list[tuple[str, str | None, str, int]] = [(data.CITY_CODE, None, data.CITY_NAME, 1)]
    seen: set[str] = set()
    for c in communities:
        for code, parent, name, level in (
            (c.district_code, data.CITY_CODE, c.district_name, 2),
            (c.street_code, c.district_code, c.street_name, 3),
        ):
            if code not in seen:
                seen.add(code)
                units.append((code, parent, name, level))
        units.append((c.code, c.street_code, c.name, 4))
        units.extend((f"{c.code}{g:03d}", c.code, f"第{_numeral(g)}网格", 5) for g in range(1, c.grids + 1))
    return CityLayout(tuple(units), tuple(communities))


def _all_communities() -> list[Community]:
    rng = random.Random(_LAYOUT_SEED)
    used: set[str] = {data.FIRST_STREET, data.FIRST_COMMUNITY}
    out: list[Community] = []
    for dcode, dname, n_streets, n_comm in data.DISTRICTS:
        weights = [rng.uniform(0.6, 1.4) for _ in range(n_streets)]
        sizes = _split(n_comm, weights)
        for si, size in enumerate(sizes):
            town = dname.endswith("市") and si >= n_streets // 3
            first = not out
            stem = data.FIRST_STREET if first else _unique(rng, used, "")
            street = (stem + ("镇" if town else "街道"), f"{dcode}{si + 1:03d}")
            for ci in range(size):
                if first and ci == 0:
                    name = data.FIRST_COMMUNITY
                elif town and rng.random() < 0.6:
                    name = _unique(rng, used, "村")
                else:
                    name = _unique(rng, used, rng.choice(data.COMMUNITY_SUFFIX) + "社区")
                pop = rng.randint(3000, 10000)
                out.append(Community(
                    f"{street[1]}{ci + 1:03d}", name, street[1], street[0], dcode, dname, not town, pop,
                    max(3, round(pop / 900)), round(pop / 40 * rng.uniform(0.4, 1.6)),
                ))
    return out


def _split(total: int, weights: Sequence[float]) -> list[int]:
    """Integers proportional to the weights that add up to total (largest remainder)."""
    raw = [total * w / sum(weights) for w in weights]
    sizes = [math.floor(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: sizes[i] - raw[i])[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def _unique(rng: random.Random, used: set[str], suffix: str) -> str:
    while True:
        name = rng.choice(data.PLACE_A) + rng.choice(data.PLACE_B) + suffix
        if name not in used:
            used.add(name)
            return name


def _numeral(n: int) -> str:
    digits = data.GRID_NUMERALS
    if n <= 10:
        return digits[n - 1]
    return ("" if n < 20 else digits[n // 10 - 1]) + "十" + (digits[n % 10 - 1] if n % 10 else "")


def _addresses(layout: CityLayout) -> list[list[str]]:
    """Per community three address stems: city … community + a road (villages: no road)."""
    rng = random.Random(_LAYOUT_SEED + 1)
    used: set[str] = set()
    roads = [_unique(rng, used, rng.choice(data.ROAD_SUFFIX)) for _ in range(300)]
    stems = []
    for c in layout.communities:
        prefix = data.CITY_NAME + c.district_name + c.street_name + c.name
        own = [c.name[:-2]] if c.name.endswith(("路社区", "街社区")) else []
        stems.append([prefix + road for road in own + rng.sample(roads, 3 - len(own))] if c.urban else [prefix] * 3)
    return stems


# -- ages, sexes and ID numbers ------------------------------------------------------------


def _people(n: int, seed: int) -> q.People:
    """Place n persons: position p = (a·j + b) mod n is a bijection of the persons; positions are
    cut into age groups in proportion to the age pyramid, and each age group into men then women.
    A person's ordinal inside their (age, sex) group picks a distinct (day, sequence) slot, so
    resident ID numbers are unique across the whole city without any sort or window."""
    weights = data.age_weights()
    cum = [0.0]
    for w in weights:
        cum.append(cum[-1] + w)
    gstart = [round(n * c / cum[-1]) for c in cum]
    nmale = [math.floor((gstart[a + 1] - gstart[a]) * data.male_share(a)) for a in range(len(weights))]
    biggest = max(max(nm, gstart[a + 1] - gstart[a] - nm) for a, nm in enumerate(nmale))
    if biggest > q.SLOTS_PER_SEX:
        raise ValueError(f"too many persons of one age and sex ({biggest}) for unique ID numbers")
    perm_a = round(n * 0.6180339887) | 1
    while math.gcd(perm_a, n) != 1:
        perm_a += 1
    return q.People(
        n=n, perm_a=perm_a, perm_b=(seed * 2654435761) % n, gstart=gstart, nmale=nmale,
        slot_offset=(seed * 40503) % q.SLOTS_PER_SEX,
    )


# -- generation ----------------------------------------------------------------------------


def generate_demo_pool(con: Any, pool: PoolModel, *, scale: float = DEFAULT_SCALE, seed: int = 7) -> dict[str, int]:
    """Write the demo city into DuckDB: the org table and every table of ``pool``.

    ``con`` is a ``duckdb.DuckDBPyConnection`` (or formkit's DuckDB adapter, whose ``raw`` it
    uses). ``scale`` is the fraction of the full city to build — 11 districts, 2,000
    communities, ≈ 13M residents, ≈ 330k enterprises at 1.0: the first ``round(2000 × scale)``
    communities in code order with their streets, districts and grids. The default,
    ``DEFAULT_SCALE`` = 0.075, is exactly the first district 芝罘区 (370602: 12 streets, 150
    communities, ≈ 1M residents); ``scale=0.002`` is four communities of 向阳街道.

    Every row belongs to a community (level 4 of the org table); every table is stored sorted
    by its org column, then its key. The same seed and scale give the same rows; the org
    hierarchy does not depend on the seed. Tables of the same names are replaced; the temp
    tables ``_fk_*`` used on the way are dropped. Returns the rows written per table.
    """
    con = getattr(con, "raw", con)
    _check_pool(pool)
    seed = int(seed)
    layout = city_layout(scale)
    pp = _people(layout.persons, seed)
    share = len(layout.communities) / data.FULL_COMMUNITIES
    warnings = {k: round(v * share) for k, v in data.SENTINEL_FULL.items()}
    names: list[str] = [n for n in ("person", "enterprise") if n in pool.tables]
    names += [n for n in pool.tables if n not in names]
    counts: dict[str, int] = {}
    try:
        _load_layout(con, layout)
        counts[pool.org.table] = _org_table(con, pool)
        staged = False
        for name in names:
            if name in ("enterprise", "medical_device_enterprise") and not staged:
                staging = q.stack(q.ENTERPRISE_SOURCE, q.enterprise_layers(seed, _industry_labels(pool)))
                con.execute(f"CREATE OR REPLACE TEMP TABLE _fk_ent AS {staging} ORDER BY code, j")
                staged = True
            parts = _table_sql(name, pool.tables[name], pp, seed, warnings, has_person="person" in counts,
                               communities=len(layout.communities))
            con.execute(f"CREATE OR REPLACE TABLE {_qi(name)} AS {parts[0]}")
            for part in parts[1:]:
                con.execute(f"INSERT INTO {_qi(name)} {part}")
            counts[name] = int(con.execute(f"SELECT count(*) FROM {_qi(name)}").fetchone()[0])
    finally:
        for tmp in ("_fk_comm", "_fk_grid", "_fk_units", "_fk_ent", "_fk_pbase"):
            con.execute(f"DROP TABLE IF EXISTS {tmp}")
    return counts


def _industry_labels(pool: PoolModel) -> dict[str, str]:
    col = pool.tables["enterprise"].columns.get("industry_code") if "enterprise" in pool.tables else None
    choices = col.choices if col and col.choices else {}
    return {k: v.get("zh", next(iter(v.values()), k)) for k, v in choices.items()}


def _check_pool(pool: PoolModel) -> None:
    if tuple(pool.org.levels) != LEVELS:
        raise ValueError(f"the demo city has the levels {list(LEVELS)}, the pool file {pool.org.levels}")
    names = [pool.org.table, pool.org.id, pool.org.parent, pool.org.name, pool.org.level]
    for t in pool.tables.values():
        names += [t.name, t.key, t.org, *t.columns]
    bad = [n for n in names if not _IDENT.match(n)]
    if bad:
        raise ValueError(f"the demo generator needs plain identifiers, not {bad}")


def _qi(name: str, quote: str = '"') -> str:
    if not _IDENT.match(name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return quote + name + quote


def _load_layout(con: Any, layout: CityLayout) -> None:
    """The temp tables the generators read: _fk_comm (communities), _fk_grid, _fk_units and
    _fk_pbase (one row per person: community, j)."""
    cs = layout.communities
    p_start = [0]
    e_start = [0]
    for c in cs:
        p_start.append(p_start[-1] + c.population)
        e_start.append(e_start[-1] + c.enterprises)
    first = [i == 0 or c.street_code != cs[i - 1].street_code for i, c in enumerate(cs)]
    stems = _addresses(layout)
    cols: dict[str, tuple[str, list[Any]]] = {
        "cidx": ("INTEGER", list(range(len(cs)))),
        "code": ("VARCHAR", [c.code for c in cs]),
        "region": ("INTEGER", [int(c.district_code) for c in cs]),
        "dname": ("VARCHAR", [c.district_name for c in cs]),
        "sname": ("VARCHAR", [c.street_name for c in cs]),
        "cname": ("VARCHAR", [c.name for c in cs]),
        "rsum": ("INTEGER", [data.region_sum(int(c.district_code)) for c in cs]),
        "addr1": ("VARCHAR", [x[0] for x in stems]),
        "addr2": ("VARCHAR", [x[1] for x in stems]),
        "addr3": ("VARCHAR", [x[2] for x in stems]),
        "urban": ("BOOLEAN", [c.urban for c in cs]),
        "first_in_street": ("BOOLEAN", first),
        "pop": ("BIGINT", [c.population for c in cs]),
        "p_start": ("BIGINT", p_start[:-1]),
        "n_grids": ("INTEGER", [c.grids for c in cs]),
        "n_ent": ("BIGINT", [c.enterprises for c in cs]),
        "e_start": ("BIGINT", e_start[:-1]),
    }
    _load_lists(con, "_fk_comm", cols)
    grids = [u for u in layout.units if u[3] == 5]
    _load_lists(con, "_fk_grid", {
        "gidx": ("INTEGER", list(range(len(grids)))),
        "code": ("VARCHAR", [g[0] for g in grids]),
        "community_code": ("VARCHAR", [g[1] for g in grids]),
    })
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _fk_pbase AS "
        "SELECT cidx, unnest(range(p_start, p_start + pop)) AS j FROM _fk_comm"
    )
    _load_lists(con, "_fk_units", {
        "code": ("VARCHAR", [u[0] for u in layout.units]),
        "parent_code": ("VARCHAR", [u[1] for u in layout.units]),
        "name": ("VARCHAR", [u[2] for u in layout.units]),
        "level": ("INTEGER", [u[3] for u in layout.units]),
    })


def _load_lists(con: Any, name: str, cols: Mapping[str, tuple[str, list[Any]]]) -> None:
    """A temp table from Python lists in one statement (bulk: no row-by-row inserts)."""
    select = ", ".join(f"unnest(${i + 1}::{t}[]) AS {c}" for i, (c, (t, _)) in enumerate(cols.items()))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {select}", [v for _, v in cols.values()])


def _org_table(con: Any, pool: PoolModel) -> int:
    o = pool.org
    con.execute(
        f"CREATE OR REPLACE TABLE {_qi(o.table)} AS SELECT code::VARCHAR AS {_qi(o.id)}, "
        f"parent_code::VARCHAR AS {_qi(o.parent)}, name::VARCHAR AS {_qi(o.name)}, "
        f"level::INTEGER AS {_qi(o.level)} FROM _fk_units ORDER BY code"
    )
    return int(con.execute(f"SELECT count(*) FROM {_qi(o.table)}").fetchone()[0])


def _table_sql(name: str, table: PoolTable, pp: q.People, seed: int, warnings: Mapping[str, int],
               *, has_person: bool, communities: int) -> list[str]:
    """The SELECTs (each sorted by org column, then key) whose rows, appended in turn, make up
    one pool table. Persons come in chunks of communities: small sorts, in order."""
    if name == "person":
        layers = q.person_layers(pp, seed)
        return [
            _final(table, q.person_source(pp, first, min(first + PERSON_CHUNK, communities)), layers, "j", seed)
            for first in range(0, communities, PERSON_CHUNK)
        ]
    return [_one_table_sql(name, table, seed, warnings, has_person=has_person)]


def _one_table_sql(name: str, table: PoolTable, seed: int, warnings: Mapping[str, int], *, has_person: bool) -> str:
    if name == "enterprise":
        final = {c: c for c in q.enterprise_layers(seed, {})[-1]}
        return _final(table, "SELECT * FROM _fk_ent", [final], "j", seed)
    if name == "medical_device_enterprise":
        return _final(table, "SELECT * FROM _fk_ent WHERE is_md", q.medical_layers(seed), "j", seed)
    if name == "elderly_facility":
        return _final(table, q.facility_source(seed), q.facility_layers(seed), "k", seed)
    if name == "assistance_recipient" and has_person:
        return _final(table, q.recipient_source(seed, '"person"'), q.recipient_layers(seed, warnings), "pid", seed)
    if name == "grid_worker":
        return _final(table, q.worker_source(seed), q.worker_layers(seed), "k", seed)
    generic = "SELECT c.code, c.cidx, s.s, c.cidx * 8 + s.s AS k FROM _fk_comm c CROSS JOIN range(8) s(s)"
    final = {"id": f"'{name[:1].upper()}' || lpad((k + 1)::VARCHAR, 7, '0')", "community_code": "code"}
    return _final(table, generic, [final], "k", seed)


def _final(table: PoolTable, source: str, layers: Sequence[q.Layer], row_key: str, seed: int) -> str:
    """Project the pool's columns, in the pool file's order and types, sorted by org then key.

    A column the generator does not know (the pool file grew) gets a plausible value of its type.
    """
    *inner, final = layers
    body = q.stack(source, inner)
    aliases = {table.key: "id", table.org: "community_code"}
    r = q.Rand(row_key, seed)
    names = [*table.columns, *(n for n in (table.key, table.org) if n not in table.columns)]
    cols = []
    for i, cname in enumerate(names):
        col = table.columns.get(cname)
        ctype = col.type if col else "text"
        expr = final.get(cname) or final.get(aliases.get(cname, ""))
        if expr is None:
            expr = _fallback(ctype, list(col.choices or {}) if col else [], r, 900 + i)
        cols.append(f"CAST(({expr}) AS {DUCK_TYPES.get(ctype, 'VARCHAR')}) AS {_qi(cname)}")
    return (
        f"SELECT * FROM (SELECT {', '.join(cols)} FROM ({body}) t) "
        f"ORDER BY {_qi(table.org)}, {_qi(table.key)}"
    )


def _fallback(col_type: str, choices: Sequence[str], r: q.Rand, salt: int) -> str:
    """A plausible value for a column the generator does not know (the pool file grew)."""
    if col_type == "choice" and choices:
        return r.pick(list(choices), salt)
    return {
        "integer": r.between(salt, 0, 100),
        "decimal": f"round({r.u(salt)} * 1000, 2)",
        "boolean": r.chance(salt, 0.5),
        "date": f"{q.AS_OF} - {r.between(salt, 0, 3650)}::INTEGER",
    }.get(col_type, f"'样例' || {r.between(salt, 1, 999)}")


# -- copies into other engines -------------------------------------------------------------

#: Column types of the copies, as formkit's own tables store them (formkit.sql.ddl): SQLite
#: keeps exact decimal text, ISO dates and 0/1; MariaDB indexes VARCHAR keys, not TEXT.
COPY_TYPES: dict[str, dict[str, str]] = {
    "sqlite": {"text": "TEXT", "key": "TEXT", "integer": "INTEGER", "decimal": "TEXT", "boolean": "INTEGER",
               "date": "TEXT"},
    "postgres": {"text": "TEXT", "key": "TEXT", "integer": "INTEGER", "decimal": "NUMERIC(38, 10)",
                 "boolean": "BOOLEAN", "date": "DATE"},
    "mysql": {"text": "TEXT", "key": "VARCHAR(64)", "integer": "INTEGER", "decimal": "DECIMAL(38, 10)",
              "boolean": "BOOLEAN", "date": "DATE"},
}
_DIALECT_NAMES = {"postgresql": "postgres", "mariadb": "mysql", "sqlite3": "sqlite", "psycopg": "postgres",
                  "pymysql": "mysql"}


def copy_pool(src: Any, target: Any, pool: PoolModel, *, dialect: str | None = None,
              limit_rows: int | None = None, batch_size: int = 10_000) -> dict[str, int]:
    """Copy the org table and the pool's tables from DuckDB into another engine, for tests.

    ``src`` is a DuckDB connection (or a formkit DuckDB adapter) holding the generated pool;
    ``target`` a formkit connection adapter (``formkit.runtime.connect``) or a raw DB-API
    connection (sqlite3, psycopg, PyMySQL; ``dialect`` names it if its module does not).
    Tables are dropped and re-created with keys and an index on the org column; rows go in
    bulk (executemany in batches; COPY on PostgreSQL), each table in its org order.
    ``limit_rows`` copies at most that many rows of each pool table (the org table is whole).
    Returns the rows copied per table.
    """
    raw_src = getattr(src, "raw", src)
    raw = getattr(target, "raw", target)
    name = (dialect or getattr(target, "dialect", None) or type(raw).__module__.split(".")[0]).lower()
    name = _DIALECT_NAMES.get(name, name)
    if name == "spark":
        return _copy_to_spark(raw_src, target, pool, limit_rows=limit_rows)
    if name not in COPY_TYPES:
        raise ValueError(f"cannot copy the demo pool into {name!r}: sqlite, postgres, mysql or spark")
    o = pool.org
    org_cols = {o.id: "key", o.parent: "key", o.name: "text", o.level: "integer"}
    plan: list[tuple[str, dict[str, str], str, list[str], int | None, list[str]]] = [
        (o.table, org_cols, o.id, [o.id], None, [o.parent]),
    ]
    for t in pool.tables.values():
        cols = {c: ("key" if c in (t.key, t.org) else _copy_type(col.type)) for c, col in t.columns.items()}
        plan.append((t.name, cols, t.key, [t.org, t.key], limit_rows, [t.org]))
    counts: dict[str, int] = {}
    for table, cols, key, order, limit, indexed in plan:
        _create(raw, name, table, cols=cols, key=key, indexed=indexed)
        names = ", ".join(_qi(c) for c in cols)
        select = f"SELECT {names} FROM {_qi(table)} ORDER BY {', '.join(_qi(c) for c in order)}"
        cur = raw_src.execute(select + (f" LIMIT {int(limit)}" if limit is not None else ""))
        counts[table] = _insert(raw, name, table, list(cols), _batches(cur, batch_size, name, list(cols.values())))
    return counts


def _copy_to_spark(raw_src: Any, target: Any, pool: PoolModel, *, limit_rows: int | None) -> dict[str, int]:
    """Into Spark through Parquet: DuckDB writes each table to a file (typed as formkit's
    Spark storage reads it), Spark saves it as a managed table of its warehouse."""
    types = {"text": "VARCHAR", "key": "VARCHAR", "integer": "INTEGER", "decimal": "DECIMAL(38, 10)",
             "boolean": "BOOLEAN", "date": "DATE"}
    o = pool.org
    plan: list[tuple[str, dict[str, str], list[str], int | None]] = [
        (o.table, {o.id: "key", o.parent: "key", o.name: "text", o.level: "integer",
                   **{c: "date" for c in (o.valid_from, o.valid_to) if c}},
         [o.id], None)]
    for t in pool.tables.values():
        cols = {c: ("key" if c in (t.key, t.org) else _copy_type(col.type)) for c, col in t.columns.items()}
        plan.append((t.name, cols, [t.org, t.key], limit_rows))
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="formkit-spark-") as tmp:
        for table, cols, order, limit in plan:
            names = ", ".join(f"CAST({_qi(c)} AS {types[k]}) AS {_qi(c)}" for c, k in cols.items())
            select = f"SELECT {names} FROM {_qi(table)} ORDER BY {', '.join(_qi(c) for c in order)}"
            select += f" LIMIT {int(limit)}" if limit is not None else ""
            path = Path(tmp) / f"{table}.parquet"
            raw_src.execute(f"COPY ({select}) TO '{path}' (FORMAT PARQUET)")
            target.execute(f"DROP TABLE IF EXISTS {_qi(table, '`')}")
            target.execute(f"CREATE TABLE {_qi(table, '`')} USING parquet AS SELECT * FROM parquet.`{path}`")
            counts[table] = int(target.query(f"SELECT COUNT(*) FROM {_qi(table, '`')}")[0][0])
    return counts


def _copy_type(pool_type: str) -> str:
    return pool_type if pool_type in ("integer", "decimal", "boolean", "date") else "text"


def _create(raw: Any, dialect: str, table: str, *, cols: Mapping[str, str], key: str, indexed: Sequence[str]) -> None:
    quote = "`" if dialect == "mysql" else '"'
    types = COPY_TYPES[dialect]
    body = ", ".join(f"{_qi(c, quote)} {types[t]}" for c, t in cols.items())
    tail = ""
    if dialect == "mysql":
        tail = f" DEFAULT CHARSET=utf8mb4 COLLATE={_mysql_collation(raw)}"
    cur = raw.cursor()
    cur.execute(f"DROP TABLE IF EXISTS {_qi(table, quote)}")
    cur.execute(f"CREATE TABLE {_qi(table, quote)} ({body}, PRIMARY KEY ({_qi(key, quote)})){tail}")
    for col in indexed:
        cur.execute(f"CREATE INDEX {_qi(f'{table}_{col}_idx', quote)} ON {_qi(table, quote)} ({_qi(col, quote)})")
    cur.close()
    raw.commit()


def _mysql_collation(raw: Any) -> str:
    """Code-point order without pad space (MariaDB's utf8mb4_nopad_bin; MySQL 8's 0900_bin)."""
    cur = raw.cursor()
    cur.execute("SELECT VERSION()")
    version = str(cur.fetchone()[0])
    cur.close()
    return "utf8mb4_nopad_bin" if "mariadb" in version.lower() else "utf8mb4_0900_bin"


def _batches(cur: Any, size: int, dialect: str, kinds: Sequence[str]) -> Iterator[list[tuple[Any, ...]]]:
    """Rows from DuckDB in batches, converted where the target needs it (SQLite: text, 0/1)."""
    while rows := cur.fetchmany(size):
        if dialect == "sqlite":
            yield [tuple(_sqlite_value(v) for v in row) for row in rows]
        else:
            yield [tuple(row) for row in rows]


def _sqlite_value(v: Any) -> Any:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, Decimal):
        return _number_text(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def _number_text(d: Decimal) -> str:
    """Exact decimal text without trailing zeros (as formkit's SQLite lowering reads it)."""
    return "0" if d.is_zero() else format(d.normalize(), "f")


def _insert(raw: Any, dialect: str, table: str, cols: Sequence[str], batches: Iterator[list[tuple[Any, ...]]]) -> int:
    quote = "`" if dialect == "mysql" else '"'
    names = ", ".join(_qi(c, quote) for c in cols)
    count = 0
    cur = raw.cursor()
    if dialect == "postgres":
        with cur.copy(f"COPY {_qi(table)} ({names}) FROM STDIN") as copy:
            for batch in batches:
                for row in batch:
                    copy.write_row(row)
                count += len(batch)
    else:
        mark = "?" if dialect == "sqlite" else "%s"
        sql = f"INSERT INTO {_qi(table, quote)} ({names}) VALUES ({', '.join(mark for _ in cols)})"
        if dialect == "sqlite":
            cur.execute("BEGIN")
        for batch in batches:
            cur.executemany(sql, batch)
            count += len(batch)
    cur.close()
    raw.commit()
    return count
