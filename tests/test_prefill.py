"""Pre-fill, send-down and roster rows against every engine (SPEC §2.3, §4, §6 "Data scope and masking").

The data is the demo city (formkit.demo.pool) at a small scale, thinned, with canary records
whose personal data must never leave the database unmasked. Answers are compared with a plain
Python computation over the raw rows: the pool aggregates counted here directly, ``where``
conditions and values evaluated by the Python evaluator (formkit.evaluate), the subtree taken
from the parent links in Python.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import formkit
from formkit import refresh_org
from formkit.core.periods import Period
from formkit.document.model import PoolModel
from formkit.evaluation import functions as fn
from formkit.evaluation.evaluator import Env, eval_node
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.runtime import Connection
from formkit.sql import org as orgs
from formkit.sql.engines import encode
from formkit.sql.mask import DEFAULTS, Mask, mask_for, mask_text
from formkit.sql.prefill import PoolSlot, pool_slots, prefill, prefill_all
from formkit.sql.rows import POOL_TYPES, roster_columns, roster_rows, roster_tables

EXAMPLES = formkit.examples_dir()
POOL_FILE = EXAMPLES / "demo_city.pool.yaml"
SCALE = 0.01  # 20 communities in 2 streets
PERIODS = {"weekly": "2026W45", "monthly": "2026-10", "quarterly": "2026Q3", "yearly": "2026", "once": "once"}
STREET, COMMUNITY, OTHER_STREET_COMMUNITY = "370602001", "370602001001", None

CANARY = {"name": "龘靐齉", "id_card": "37060219300505997X", "phone": "19912345678",
          "address": "示范市芝罘区向阳街道海港路社区金丝雀路9号"}
CANARY_PERSON = {
    "id": "P99999999", "community_code": COMMUNITY, "grid_code": COMMUNITY + "001", **CANARY, "sex": "F",
    "birth_date": dt.date(1930, 5, 5), "ethnicity": "汉族", "hukou_province": "山东", "is_local_hukou": True,
    "is_party_member": False, "is_veteran": False, "is_retiree": True, "lives_alone": True, "insured": False,
    "employment_status": "retired", "disability_level": 1, "disability_type": "physical",
    "disability_cert_status": "valid", "household_econ": "dibao", "nursing_subsidy_paid": Decimal("120.50"),
    "living_subsidy_paid": None,
}
CANARY_RECIPIENT = {
    "id": "R99999999", "community_code": COMMUNITY, "person_id": "P99999999", **CANARY, "category": "dibao",
    "household_size": 1, "monthly_amount": Decimal("880.00"), "start_date": dt.date(2020, 1, 1), "status": "active",
    "death_date": dt.date(2026, 9, 30),
}
SECRETS = (CANARY["name"], CANARY["id_card"], CANARY["phone"], "金丝雀路9号")


# -- the data -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pool() -> PoolModel:
    return formkit.load_pool(POOL_FILE)


@pytest.fixture(scope="module")
def source(pool: PoolModel, tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """The generated pool in DuckDB, thinned to a few thousand rows, with the canaries."""
    from formkit.demo.pool import generate_demo_pool

    con = duckdb.connect()
    generate_demo_pool(con, pool, scale=SCALE, seed=11)
    con.execute("DELETE FROM person WHERE CAST(substr(id, 2) AS INTEGER) % 17 <> 0 AND disability_level IS NULL")
    con.execute("DELETE FROM person WHERE disability_level IS NOT NULL AND CAST(substr(id, 2) AS INTEGER) % 3 <> 0")
    con.execute("DELETE FROM enterprise WHERE CAST(substr(id, 2) AS INTEGER) % 4 <> 0")
    for name, row in (("person", CANARY_PERSON), ("assistance_recipient", CANARY_RECIPIENT)):
        cols = list(pool.tables[name].columns)
        con.execute(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [row.get(c) for c in cols])
    yield con
    con.close()


def _ddl_type(kind: str, dialect: str) -> str:
    table = {
        "duckdb": {"text": "VARCHAR", "integer": "BIGINT", "decimal": "DECIMAL(38, 10)", "boolean": "BOOLEAN",
                   "date": "DATE"},
        "sqlite": {"text": "TEXT", "integer": "INTEGER", "decimal": "TEXT", "boolean": "INTEGER", "date": "TEXT"},
        "postgres": {"text": "TEXT", "integer": "BIGINT", "decimal": "NUMERIC(38, 10)", "boolean": "BOOLEAN",
                     "date": "DATE"},
        "mysql": {"text": "VARCHAR(255)", "integer": "BIGINT", "decimal": "DECIMAL(38, 10)", "boolean": "BOOLEAN",
                  "date": "DATE"},
    }[dialect]
    return table.get(kind, table["text"])


def _copy(src: duckdb.DuckDBPyConnection, dst: Connection, name: str, columns: Mapping[str, str], tmp: Path) -> None:
    """Copy one table with the engine's own types (values encoded as formkit stores them)."""
    d = dst.dialect
    raw: Any = dst.raw  # type: ignore[attr-defined]
    q = (lambda s: f"`{s}`") if d == "mysql" else (lambda s: f'"{s}"')
    dst.execute(f"DROP TABLE IF EXISTS {q(name)}")
    select = f"SELECT {', '.join(q(c) for c in columns)} FROM {q(name)}"
    if d == "duckdb":  # in bulk: row-by-row inserts into DuckDB are slow (DESIGN)
        path = tmp / f"{name}.parquet"
        src.execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)")
        raw.execute(f"CREATE TABLE {q(name)} AS SELECT * FROM read_parquet('{path}')")
        return
    dst.execute(f"CREATE TABLE {q(name)} ({', '.join(f'{q(c)} {_ddl_type(k, d)}' for c, k in columns.items())})")
    types = [POOL_TYPES.get(k, Type.TEXT) for k in columns.values()]
    rows = [[encode(_value(v, t), t, d) for v, t in zip(r, types, strict=True)] for r in src.execute(select).fetchall()]
    holes = ", ".join(f"${i + 1}" if d == "postgres" else "%s" if d == "mysql" else "?" for i in range(len(columns)))
    with dst.transaction():
        if d == "sqlite":
            raw.executemany(f"INSERT INTO {q(name)} VALUES ({holes})", rows)
        else:
            with raw.cursor() as cur:
                cur.executemany(f"INSERT INTO {q(name)} VALUES ({holes})", rows)


def _value(v: Any, t: Type) -> Any:
    return Decimal(v) if t is Type.NUMBER and v is not None else v


@pytest.fixture(scope="module")
def db(engine: Connection, source: duckdb.DuckDBPyConnection, pool: PoolModel,
       tmp_path_factory: pytest.TempPathFactory) -> Connection:
    """The pool copied into the engine under test."""
    o = pool.org
    tmp = tmp_path_factory.mktemp("pool")
    _copy(source, engine, o.table, {o.id: "text", o.parent: "text", o.name: "text", o.level: "integer"}, tmp)
    for name, t in pool.tables.items():
        _copy(source, engine, name, {c: col.type for c, col in t.columns.items()}, tmp)
    refresh_org(engine, pool)  # the org table was (re)loaded: its closure is rebuilt, as a host does
    return engine


# -- a plain-Python reference ---------------------------------------------------------------------


@dataclasses.dataclass
class City:
    parent: dict[str, str | None]
    level: dict[str, int]
    rows: dict[str, list[dict[str, Any]]]

    def subtree(self, code: str) -> set[str]:
        children: dict[str | None, list[str]] = {}
        for c, par in self.parent.items():
            children.setdefault(par, []).append(c)
        out, todo = set(), [code]
        while todo:
            cur = todo.pop()
            out.add(cur)
            todo.extend(children.get(cur, []))
        return out

    def units(self, code: str, level: int) -> set[str]:
        return {c for c in self.subtree(code) if self.level[c] == level}


@pytest.fixture(scope="module")
def city(source: duckdb.DuckDBPyConnection, pool: PoolModel) -> City:
    o = pool.org
    org = source.execute(f"SELECT {o.id}, {o.parent}, {o.level} FROM {o.table}").fetchall()
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, t in pool.tables.items():
        cur = source.execute(f"SELECT {', '.join(t.columns)} FROM {name}")
        types = [POOL_TYPES.get(c.type, Type.TEXT) for c in t.columns.values()]
        rows[name] = [{c: _value(v, ty) for c, v, ty in zip(t.columns, r, types, strict=True)} for r in cur.fetchall()]
    return City({c: p for c, p, _ in org}, {c: int(lv) for c, _, lv in org}, rows)


def _row_refs(node: ast.Expr) -> ast.Expr:
    """A copy of ``node`` whose pool columns read the current row (RowColumnRef), and whose
    pool aggregates are left for :func:`_substitute`."""
    return _rebuild(node, lambda n: None)


def _rebuild(node: ast.Expr, replace: Any) -> ast.Expr:
    done = replace(node)
    if done is not None:
        return done  # type: ignore[no-any-return]
    new = copy.copy(node)
    for f in dataclasses.fields(node):
        v = getattr(node, f.name)
        if isinstance(v, ast.Expr):
            setattr(new, f.name, _rebuild(v, replace))
        elif isinstance(v, tuple) and v and isinstance(v[0], ast.Expr):
            setattr(new, f.name, tuple(_rebuild(x, replace) for x in v))
    new.type = node.type
    if isinstance(node, ast.Name) and isinstance(node.ref, ast.PoolColumnRef):
        new.ref = ast.RowColumnRef(node.ref.table, node.ref.column)  # type: ignore[attr-defined]
    return new


def _period(tpl: Template) -> Period:
    return tpl.period_of(PERIODS[tpl.period])


def _params(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: Decimal(str(v)) if isinstance(v, int | float) and not isinstance(v, bool) else v
            for k, v in params.items()}


def expected_value(city: City, tpl: Template, slot: PoolSlot, code: str) -> Any:
    scope = city.subtree(code)
    params = _params(slot.params)
    period = _period(tpl)

    def aggregate(n: ast.Expr) -> ast.Expr | None:
        if not isinstance(n, ast.Aggregate):
            return None
        ref = n.source.ref
        assert isinstance(ref, ast.PoolTableRef | ast.PoolColumnRef)
        org_col = tpl.pool.tables[ref.table].org  # type: ignore[union-attr]
        where = _row_refs(n.where) if n.where is not None else None
        kept = [r for r in city.rows[ref.table] if r[org_col] in scope and (
            where is None or eval_node(where, Env(rows={ref.table: r}, row_params=params, period=period)) is True)]
        value = (Decimal(len(kept)) if isinstance(ref, ast.PoolTableRef)
                 else fn.aggregate(n.func, [r[ref.column] for r in kept]))
        lit = ast.Literal(n.span, value)
        lit.type = n.type
        return lit

    value = eval_node(_rebuild(slot.node, aggregate), Env(row_params=params, period=period))
    m = mask_for(slot.node, tpl.pool, slot.template_mask)  # type: ignore[arg-type]
    return mask_text(value, m) if m is not None and isinstance(value, str) else value


def expected_rows(city: City, tpl: Template, table_id: str, code: str) -> list[dict[str, Any]]:
    t = tpl.tables[table_id]
    assert t.pool_table and t.rows is not None and tpl.pool
    pt = tpl.pool.tables[t.pool_table]
    scope, period = city.subtree(code), _period(tpl)
    where = _row_refs(t.rows.where) if t.rows.where is not None else None
    out = []
    for r in sorted(city.rows[t.pool_table], key=lambda r: r[pt.key]):
        env = Env(rows={t.pool_table: r}, period=period)
        if r[pt.org] not in scope or (where is not None and eval_node(where, env) is not True):
            continue
        item = {"_key": r[pt.key]}
        for c in roster_columns(tpl, table_id):
            v = eval_node(_row_refs(c.node), env)
            m = mask_for(c.node, tpl.pool, c.template_mask)
            item[c.id] = mask_text(v, m) if m is not None and isinstance(v, str) else v
        out.append(item)
    return out


# -- the example templates, on every engine (SPEC §4) -------------------------------------------------

TEMPLATES = sorted(p.name for p in EXAMPLES.glob("*.yaml") if p.name.count(".") == 1)


@pytest.fixture(scope="module")
def templates() -> dict[str, Template]:
    return {name: formkit.load(EXAMPLES / name) for name in TEMPLATES}


def _units_of(tpl: Template, city: City) -> list[str]:
    assert tpl.pool and tpl.level
    return sorted(city.units(STREET, orgs.level_number(tpl.pool, tpl.level)))[:3]


@pytest.mark.parametrize("name", TEMPLATES)
def test_prefill_matches_python(db: Connection, city: City, templates: dict[str, Template], name: str) -> None:
    """SPEC §4: the pre-fill of each example equals the plain-Python computation, per engine."""
    tpl = templates[name]
    slots = pool_slots(tpl)
    for code in _units_of(tpl, city):
        got = prefill(db, tpl, code, PERIODS[tpl.period])
        assert got == {s.key: expected_value(city, tpl, s, code) for s in slots}, code


@pytest.mark.parametrize("name", TEMPLATES)
def test_prefill_all_matches_prefill(db: Connection, city: City, templates: dict[str, Template], name: str) -> None:
    """SPEC §4 send-down: every unit under the district at once, the same values as one by one."""
    tpl = templates[name]
    assert tpl.pool and tpl.level
    district = city.parent[STREET]
    assert district is not None
    got = prefill_all(db, tpl, district, PERIODS[tpl.period])
    assert set(got) == city.units(district, orgs.level_number(tpl.pool, tpl.level))
    for code in sorted(got)[:4]:
        assert got[code] == {s.key: expected_value(city, tpl, s, code) for s in pool_slots(tpl)}, code


@pytest.mark.parametrize("name", TEMPLATES)
def test_roster_rows_match_python(db: Connection, city: City, templates: dict[str, Template], name: str) -> None:
    """SPEC §2.3: one row per matching pool record, in key order, with `_key`, pii masked."""
    tpl = templates[name]
    for table_id in roster_tables(tpl):
        for code in _units_of(tpl, city)[:2]:
            assert roster_rows(db, tpl, table_id, code, PERIODS[tpl.period]) == expected_rows(city, tpl, table_id, code)


# -- scope: one statement, the subtree and nothing else (SPEC §4, §6) ----------------------------------


class Recording:
    """An adapter that records every statement and every row it fetches."""

    def __init__(self, inner: Connection) -> None:
        self.inner = inner
        self.dialect, self.paramstyle = inner.dialect, inner.paramstyle
        self.statements: list[str] = []
        self.fetched: list[tuple[Any, ...]] = []

    def __getattr__(self, name: str) -> Any:  # what the connection remembers (the pool and closure checks)
        return getattr(self.inner, name)

    def query(self, sql: Any, params: Any = None) -> list[tuple[Any, ...]]:
        rows = self.inner.query(sql, params)
        self.statements.append(str(sql))
        self.fetched.extend(rows)
        return rows

    def execute(self, sql: Any, params: Any = None) -> None:
        self.statements.append(str(sql))
        self.inner.execute(sql, params)


@pytest.mark.parametrize(("name", "org"), [("elderly_population_grid.yaml", "370602"),
                                           ("elderly_population_grid.yaml", STREET),
                                           ("elderly_population_grid.yaml", COMMUNITY),
                                           ("medical_device_inspection.yaml", "370602"),
                                           ("medical_device_inspection.yaml", "370600")])
def test_send_down_is_one_statement(db: Connection, city: City, templates: dict[str, Template], name: str,
                                    org: str) -> None:
    """SPEC §4: send-down is one statement whatever the number of org units; so is a pre-fill."""
    tpl = templates[name]
    rec = Recording(db)
    got = prefill_all(rec, tpl, org, PERIODS[tpl.period])  # type: ignore[arg-type]
    assert len(rec.statements) == 1
    assert tpl.pool and tpl.level
    assert set(got) == city.units(org, orgs.level_number(tpl.pool, tpl.level))
    unit = sorted(got)[0]
    rec.statements.clear()
    assert prefill(rec, tpl, unit, PERIODS[tpl.period]) == got[unit]  # type: ignore[arg-type]
    assert len(rec.statements) == 1


def test_units_without_pool_rows_still_appear(db: Connection, city: City, probes: dict[str, Template]) -> None:
    """SPEC §4: a unit with no pool rows is sent down too: counts 0, sums null (grids hold no rows)."""
    got = prefill_all(db, probes["grid"], COMMUNITY, "2026-10")
    assert set(got) == city.units(COMMUNITY, 5) and len(got) > 2
    assert all(v == {"persons": 0, "staff": None} for v in got.values())


def test_errors_unknown_org_and_wrong_level(db: Connection, templates: dict[str, Template]) -> None:
    """SPEC §7: an unknown org unit, or one not at the template's level, is a clear error."""
    tpl = templates["disabled_persons_ledger.yaml"]
    cases = [
        (lambda: prefill(db, tpl, "999999", "2026-10"), "unknown-org"),
        (lambda: prefill_all(db, tpl, "999999", "2026-10"), "unknown-org"),
        (lambda: roster_rows(db, tpl, "severe", "999999", "2026-10"), "unknown-org"),
        (lambda: prefill(db, tpl, STREET, "2026-10"), "wrong-level"),
        (lambda: roster_rows(db, tpl, "severe", STREET, "2026-10"), "wrong-level"),
        (lambda: prefill_all(db, tpl, COMMUNITY + "001", "2026-10"), "wrong-level"),
        (lambda: prefill(db, tpl, COMMUNITY, "2026Q3"), "bad-period"),
    ]
    for call, code in cases:
        with pytest.raises(formkit.TemplateError) as exc:
            call()
        assert exc.value.codes() == [code]
        assert exc.value.issues[0].span.file.endswith("disabled_persons_ledger.yaml")
    with pytest.raises(formkit.TemplateError, match=r"is a street, but this template is filled by each community"):
        prefill(db, tpl, STREET, "2026-10")


def test_org_hierarchy(db: Connection, city: City, pool: PoolModel) -> None:
    """The hierarchy comes from the parent links: subtree, ancestor at a level, units and leaves."""
    assert orgs.subtree(db, pool, STREET) == sorted(city.subtree(STREET))
    assert orgs.subtree(db, pool, COMMUNITY + "001") == [COMMUNITY + "001"]
    found = orgs.ancestor_at(db, pool, COMMUNITY + "002", "street")
    assert found is not None and (found.code, found.level_name) == (STREET, "street")
    assert orgs.ancestor_at(db, pool, STREET, "community") is None
    units = orgs.units_under(db, pool, "370602", "community")
    assert set(units) == city.units("370602", 4)
    assert units[COMMUNITY] == sorted(c for c in city.subtree(COMMUNITY) if city.level[c] == 5)
    with pytest.raises(formkit.TemplateError, match="unknown-org"):
        orgs.subtree(db, pool, "nope")


PROBE = """formkit: 1
id: scope_probe
title: scope probe
pool: demo_city.pool.yaml
level: {level}
period: monthly
fields:
  - {{id: persons, label: p, type: integer, value: count(person)}}
  - {{id: staff, label: s, type: integer, value: sum(enterprise.employees where employees >= 0)}}
  - id: people
    type: table
    label: people
    rows: person
    columns:
      - {{id: community, label: c, value: person.community_code}}
"""


@pytest.fixture(scope="module")
def probes(pool: PoolModel, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Template]:
    tmp = tmp_path_factory.mktemp("probe")
    shutil.copy(POOL_FILE, tmp / POOL_FILE.name)
    out = {}
    for level in pool.org.levels:
        path = tmp / f"probe_{level}.yaml"
        path.write_text(PROBE.format(level=level), encoding="utf-8")
        out[level] = formkit.load(path)
    return out


def _python_counts(city: City, code: str) -> dict[str, Any]:
    scope = city.subtree(code)
    staff = [r["employees"] for r in city.rows["enterprise"] if r["community_code"] in scope
             and r["employees"] is not None and r["employees"] >= 0]
    return {"persons": Decimal(sum(r["community_code"] in scope for r in city.rows["person"])),
            "staff": sum(staff, Decimal(0)) if staff else None}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_query_leaves_the_subtree(db: Connection, city: City, probes: dict[str, Template], data: Any) -> None:
    """SPEC §6: no pre-fill, send-down or roster query returns data from outside the subtree."""
    code = data.draw(st.sampled_from(sorted(city.parent)), label="org")
    level = data.draw(st.sampled_from(sorted(probes)), label="level")
    tpl = probes[level]
    want = orgs.level_number(tpl.pool, level)  # type: ignore[arg-type]
    have = city.level[code]
    if have > want:
        for call in (lambda: prefill(db, tpl, code, "2026-10"), lambda: prefill_all(db, tpl, code, "2026-10")):
            with pytest.raises(formkit.TemplateError, match="wrong-level"):
                call()
        return
    every = prefill_all(db, tpl, code, "2026-10")
    assert set(every) == city.units(code, want)
    for unit, values in every.items():
        assert values == _python_counts(city, unit)
    if have == want:
        assert prefill(db, tpl, code, "2026-10") == _python_counts(city, code)
        rows = roster_rows(db, tpl, "people", code, "2026-10")
        scope = city.subtree(code)
        assert [r["_key"] for r in rows] == sorted(r["id"] for r in city.rows["person"] if r["community_code"] in scope)
        assert all(r["community"] in scope for r in rows)


# -- masking (SPEC §6) ---------------------------------------------------------------------------------


def test_masks_of_spec_examples() -> None:
    """SPEC §6: id_card 6 + 4, phone 3 + 4, name the first character, address up to the community."""
    assert mask_text("370602199001011234", DEFAULTS["id_card"]) == "370602********1234"
    assert mask_text("13812345678", DEFAULTS["phone"]) == "138****5678"
    assert mask_text("张三丰", DEFAULTS["name"]) == "张**"
    assert mask_text("李", DEFAULTS["name"]) == "*"  # nothing would be hidden: all hidden
    address = DEFAULTS["address"]
    assert mask_text("示范市芝罘区向阳街道海港路社区长苑路68号", address) == "示范市芝罘区向阳街道海港路社区****"
    assert mask_text("示范市福山区清洋镇东村村委会南街3号", address) == "示范市福山区清洋镇东村****"
    assert mask_text("某路居委会12号", address) == "某路居委会****"
    assert mask_text("北京路甲12号院", address) == "北京路甲12****"
    assert mask_text("短地址", address) == "****"
    assert Mask(3, 4).stronger(Mask(5, 2)) == Mask(3, 2)
    assert DEFAULTS["address"].stronger(Mask(3, 2)) == Mask(3, 0, address=True)


MASK_VALUES = ["370602199001011234", "13812345678", "张三丰", "李", "", None, "a\U00020000b\u0301c👨\u200d👩",
               "示范市芝罘区向阳街道海港路社区长苑路68号", "新村社区村口", "示范市福山区清洋镇东村", "北京路甲12号院",
               "短"]


@pytest.mark.parametrize("mask", [*DEFAULTS.values(), Mask(3, 2), Mask(0, 0), Mask(2, 0, address=True)],
                         ids=lambda m: f"{m.keep_start}-{m.keep_end}{'-address' if m.address else ''}")
def test_sql_masks_like_python(engine: Connection, mask: Mask) -> None:
    """The SQL mask of each engine equals the Python one, counting code points (CJK Ext-B too)."""
    from sqlglot import exp

    from formkit.sql.engines import get
    from formkit.sql.expr import param
    from formkit.sql.mask import mask_sql

    d = get(engine.dialect)
    tree = exp.select(mask_sql(param("v", Type.TEXT, d), mask, d))
    got = [engine.query(tree, {"v": v})[0][0] for v in MASK_VALUES]
    assert got == [mask_text(v, mask) for v in MASK_VALUES]


CANARY_TEMPLATE = """formkit: 1
id: canary_probe
title: canary probe
pool: demo_city.pool.yaml
level: community
period: monthly
fields:
  - id: first_name
    label: 姓名
    type: text
    value: min(person.name where disability_level = 1 and household_econ = 'dibao' and lives_alone = true)
  - {id: canary_phone, label: 电话, type: text, value: max(person.phone where id = 'P99999999')}
  - {id: canary_count, label: 人数, type: integer, value: count(person where name = '龘靐齉')}
  - id: roster
    type: table
    label: 名册
    rows: person where disability_level = 1
    columns:
      - {id: name, label: 姓名, value: person.name}
      - {id: id_card, label: 身份证号, value: person.id_card}
      - {id: phone, label: 电话, value: person.phone}
      - {id: address, label: 地址, value: person.address}
      - {id: tag, label: 标签, value: person.name & '/' & person.phone}
      - {id: birth, label: 生日, value: id_card_birth(person.id_card)}
      - {id: age, label: 年龄, value: age(id_card_birth(person.id_card))}
      - {id: short_phone, label: 电话, value: person.phone, mask: {keep_start: 3, keep_end: 2}}
"""


@pytest.fixture(scope="module")
def canary_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    tmp = tmp_path_factory.mktemp("canary")
    shutil.copy(POOL_FILE, tmp / POOL_FILE.name)
    (tmp / "canary.yaml").write_text(CANARY_TEMPLATE, encoding="utf-8")
    return formkit.load(tmp / "canary.yaml")


def _leaks(*outputs: object) -> list[str]:
    text = repr(outputs)
    return [s for s in SECRETS if s in text]


def test_canary_never_leaves_the_database_masked(db: Connection, canary_template: Template,
                                                  templates: dict[str, Template]) -> None:
    """SPEC §6: pii leaves the database masked on every way out — returned values and every
    fetched row — unless pii=True; derived text is masked, derived numbers and dates are not."""
    tpl = canary_template
    rec = Recording(db)
    values = prefill(rec, tpl, COMMUNITY, "2026-10")  # type: ignore[arg-type]
    every = prefill_all(rec, tpl, STREET, "2026-10")  # type: ignore[arg-type]
    rows = roster_rows(rec, tpl, "roster", COMMUNITY, "2026-10")  # type: ignore[arg-type]
    outputs: list[object] = [values, every, rows]
    for t in templates.values():
        for table_id in roster_tables(t):
            outputs.append(roster_rows(rec, t, table_id, COMMUNITY, PERIODS[t.period]))  # type: ignore[arg-type]
    assert _leaks(outputs, rec.fetched) == []
    assert values["canary_phone"] == "199****5678" and values["canary_count"] == 1
    canary = next(r for r in rows if r["_key"] == "P99999999")
    assert canary == {"_key": "P99999999", "name": "龘**", "id_card": "370602********997X", "phone": "199****5678",
                      "address": "示范市芝罘区向阳街道海港路社区****", "tag": "龘**************",
                      "birth": dt.date(1930, 5, 5), "age": 96, "short_phone": "199******78"}
    sentinel = roster_rows(db, templates["assistance_sentinel.yaml"], "sentinel", COMMUNITY, "2026-10")
    assert {"name": "龘**", "id_card": "370602********997X"}.items() <= next(
        r for r in sentinel if r["_key"] == "R99999999").items()


def test_canary_appears_with_pii(db: Connection, canary_template: Template) -> None:
    """SPEC §6: pii=True returns the personal data as it is."""
    rec = Recording(db)
    values = prefill(rec, canary_template, COMMUNITY, "2026-10", pii=True)  # type: ignore[arg-type]
    rows = roster_rows(rec, canary_template, "roster", COMMUNITY, "2026-10", pii=True)  # type: ignore[arg-type]
    assert values["canary_phone"] == CANARY["phone"]
    canary = next(r for r in rows if r["_key"] == "P99999999")
    assert (canary["name"], canary["id_card"], canary["address"]) == (CANARY["name"], CANARY["id_card"],
                                                                      CANARY["address"])
    assert canary["tag"] == f"{CANARY['name']}/{CANARY['phone']}" and canary["short_phone"] == CANARY["phone"]
    assert set(_leaks(values, rows, rec.fetched)) == set(SECRETS)
