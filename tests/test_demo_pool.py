"""The demo pool generator (SPEC §2.1 pool file, §6 masking inputs) and its copies into other engines."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import duckdb
import pytest

import formkit
from formkit.core import idcard
from formkit.demo import pool_data as data
from formkit.demo.pool import (
    DEFAULT_SCALE,
    _people,
    city_layout,
    copy_pool,
    generate_demo_pool,
)
from formkit.document.model import PoolColumn, PoolModel

SCALE = 0.002  # four communities of 向阳街道, ≈ 21k residents
MID = 0.02
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
DUCK_TYPES = {"text": "VARCHAR", "choice": "VARCHAR", "integer": "INTEGER", "decimal": "DECIMAL(38,10)",
              "boolean": "BOOLEAN", "date": "DATE"}


@pytest.fixture(scope="module")
def pool() -> PoolModel:
    return formkit.load_pool(formkit.examples_dir() / "demo_city.pool.yaml")


@pytest.fixture(scope="module")
def con(pool: PoolModel) -> Iterator[duckdb.DuckDBPyConnection]:
    c = duckdb.connect()
    generate_demo_pool(c, pool, scale=SCALE)
    yield c
    c.close()


@pytest.fixture(scope="module")
def mid(pool: PoolModel) -> Iterator[duckdb.DuckDBPyConnection]:
    """Forty communities (≈ 260k residents): enough for the rarer rows."""
    c = duckdb.connect()
    generate_demo_pool(c, pool, scale=MID)
    yield c
    c.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    return con.execute(sql).fetchone()[0]  # type: ignore[index]


# -- shape -------------------------------------------------------------------------------------


def test_every_pool_table_and_column_exists_with_its_type(con: duckdb.DuckDBPyConnection, pool: PoolModel) -> None:
    """SPEC §2.1: every table of the pool file, every column, in the file's order and type."""
    for name, table in pool.tables.items():
        got = [(r[0], r[1]) for r in rows(con, f'DESCRIBE "{name}"')]
        assert got == [(c, DUCK_TYPES[col.type]) for c, col in table.columns.items()], name
        assert one(con, f'SELECT count(*) FROM "{name}"') > 0, name
    assert [r[0] for r in rows(con, "DESCRIBE org_unit")] == ["code", "parent_code", "name", "level"]


def test_keys_are_unique(con: duckdb.DuckDBPyConnection, pool: PoolModel) -> None:
    for name, table in pool.tables.items():
        assert one(con, f'SELECT count(*) - count(DISTINCT "{table.key}") FROM "{name}"') == 0, name


def test_choice_values_are_choice_keys(con: duckdb.DuckDBPyConnection, pool: PoolModel) -> None:
    for name, table in pool.tables.items():
        for c, col in table.columns.items():
            if col.type == "choice":
                got = {r[0] for r in rows(con, f'SELECT DISTINCT "{c}" FROM "{name}" WHERE "{c}" IS NOT NULL')}
                assert got <= set(col.choices or {}), (name, c, got - set(col.choices or {}))


# -- the org hierarchy -------------------------------------------------------------------------


def test_org_units_form_a_tree_with_the_right_levels(con: duckdb.DuckDBPyConnection) -> None:
    units = {code: (parent, name, level) for code, parent, name, level in rows(con, "SELECT * FROM org_unit")}
    roots = [c for c, (p, _, _) in units.items() if p is None]
    assert roots == [data.CITY_CODE]
    assert units[data.CITY_CODE][2] == 1
    lengths = {1: 6, 2: 6, 3: 9, 4: 12, 5: 15}
    for code, (parent, name, level) in units.items():
        assert len(code) == lengths[level] and code.isdigit() and name, code
        if parent is not None:
            assert units[parent][2] == level - 1, code
            if level >= 3:
                assert code.startswith(parent), code
    assert units["370602001"][1] == "向阳街道" and units["370602001001"][1] == "海港路社区"
    assert units["370602001001001"][1] == "第一网格"


def test_every_row_belongs_to_a_community(con: duckdb.DuckDBPyConnection, pool: PoolModel) -> None:
    for name, table in pool.tables.items():
        orphans = one(con, f'SELECT count(*) FROM "{name}" t LEFT JOIN org_unit o '
                           f'ON o.code = t."{table.org}" AND o.level = 4 WHERE o.code IS NULL')
        assert orphans == 0, name
    for name in ("person", "grid_worker"):
        bad = one(con, f"SELECT count(*) FROM {name} t LEFT JOIN org_unit o ON o.code = t.grid_code "
                       "AND o.level = 5 AND o.parent_code = t.community_code WHERE o.code IS NULL")
        assert bad == 0, name


def test_tables_are_stored_sorted_by_org_then_key(con: duckdb.DuckDBPyConnection, pool: PoolModel) -> None:
    """One community's pre-fill reads a few row groups only (DESIGN: 4-6 ms sorted, 108 ms not)."""
    for name, table in pool.tables.items():
        unsorted = one(con, f'SELECT count(*) FROM (SELECT "{table.org}" AS o, "{table.key}" AS k, '
                            f'lag("{table.org}") OVER w AS po, lag("{table.key}") OVER w AS pk '
                            f'FROM "{name}" WINDOW w AS (ORDER BY rowid)) WHERE o < po OR (o = po AND k < pk)')
        assert unsorted == 0, name


# -- scale -------------------------------------------------------------------------------------


def test_scale_is_the_fraction_of_the_citys_communities() -> None:
    full = city_layout(1.0)
    assert len(full.communities) == 2000
    assert {c.district_code for c in full.communities} == {d[0] for d in data.DISTRICTS}
    assert 12_500_000 < full.persons < 13_500_000
    demo = city_layout(DEFAULT_SCALE)
    assert len(demo.communities) == 150
    assert {c.district_code for c in demo.communities} == {"370602"}
    assert 900_000 < demo.persons < 1_100_000
    assert demo.communities == full.communities[:150]  # a community is the same at every scale
    assert len(city_layout(SCALE).communities) == 4
    with pytest.raises(ValueError, match="scale"):
        city_layout(1.5)


def test_the_age_pyramid_has_elderly_and_centenarians() -> None:
    pp = _people(city_layout(DEFAULT_SCALE).persons, 7)
    size = [pp.gstart[a + 1] - pp.gstart[a] for a in range(len(pp.nmale))]
    assert 0.18 < sum(size[60:]) / pp.n < 0.26
    assert 20 < sum(size[100:]) < 400  # a few centenarians in a district of a million


# -- persons -----------------------------------------------------------------------------------


def test_id_numbers_are_valid_unique_and_agree_with_birth_date_and_sex(con: duckdb.DuckDBPyConnection) -> None:
    people = rows(con, "SELECT id_card, birth_date, sex, community_code, is_local_hukou, hukou_province FROM person")
    province = {name: str(code)[:2] for name, code, _ in data.HUKOU if code}
    assert len({p[0] for p in people}) == len(people)
    for number, birth, sex, community, local, prov in people:
        assert idcard.is_valid(number), number
        assert idcard.birth_date(number) == birth and idcard.sex(number) == sex, number
        if local:
            assert number[:6] == community[:6], number
        else:
            assert number[:2] == province[prov], number


def test_people_look_like_a_chinese_city(con: duckdb.DuckDBPyConnection) -> None:
    n = one(con, "SELECT count(*) FROM person")
    share = lambda cond: one(con, f"SELECT count(*) FILTER (WHERE {cond}) / count(*) FROM person")  # noqa: E731
    assert 0.18 < share("birth_date <= DATE '1966-11-01'") < 0.27  # aged 60 and over
    assert 0.03 < share("disability_level IS NOT NULL") < 0.06
    assert rows(con, "SELECT DISTINCT disability_level FROM person WHERE disability_level IS NOT NULL "
                     "ORDER BY 1") == [(1,), (2,), (3,), (4,)]
    assert one(con, "SELECT count(*) FROM person WHERE (disability_level IS NULL) <> (disability_type IS NULL) "
                    "OR (disability_level IS NULL) <> (disability_cert_status IS NULL)") == 0
    assert 0.80 < share("hukou_province = '山东'") < 0.95 and share("hukou_province = '陕西'") > 0
    assert one(con, "SELECT count(*) FROM person WHERE is_local_hukou AND hukou_province <> '山东'") == 0
    assert 0.03 < share("is_party_member") < 0.12 and 0.9 < share("insured") < 0.99
    assert one(con, "SELECT count(*) FROM person WHERE is_retiree <> (employment_status = 'retired')") == 0
    assert 0.45 < share("sex = 'M'") < 0.55
    top = [r[0] for r in rows(con, "SELECT left(name, 1) s FROM person GROUP BY s ORDER BY count(*) DESC LIMIT 4")]
    assert set(top) == {"王", "张", "李", "刘"}
    assert one(con, "SELECT min(length(name)), max(length(name)) FROM person") >= 2
    bad_phone = r"phone IS NOT NULL AND NOT regexp_full_match(phone, '1[3-9]\d{9}')"
    assert one(con, f"SELECT count(*) FROM person WHERE {bad_phone}") == 0
    assert one(con, "SELECT count(*) FROM person WHERE NOT starts_with(address, '示范市芝罘区向阳街道')") == 0
    assert n == one(con, "SELECT count(*) FROM person WHERE ethnicity LIKE '%族'")


def test_subsidies_follow_disability_and_household(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM person WHERE nursing_subsidy_paid IS NOT NULL "
                    "AND NOT disability_level IN (1, 2)") == 0
    assert one(con, "SELECT count(*) FROM person WHERE living_subsidy_paid IS NOT NULL "
                    "AND household_econ NOT IN ('dibao', 'dibian')") == 0
    assert one(con, "SELECT count(*) FROM person WHERE nursing_subsidy_paid > 0") > 0


# -- other tables ------------------------------------------------------------------------------


def _uscc_valid(code: str) -> bool:
    """GB 32100 unified social credit code, with its GB 11714 organisation-code check inside."""
    if not re.fullmatch(f"[{USCC_CHARS}]{{18}}", code):
        return False
    org = sum(int(c) * w for c, w in zip(code[8:16], (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    c9 = 11 - org % 11
    if code[16] != {10: "X", 11: "0"}.get(c9, str(c9)):
        return False
    total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(code[:17]))
    return code[17] == USCC_CHARS[(31 - total % 31) % 31]


def test_enterprises_have_valid_credit_codes_and_industries(con: duckdb.DuckDBPyConnection) -> None:
    codes = [r[0] for r in rows(con, "SELECT credit_code FROM enterprise")]
    assert all(_uscc_valid(c) for c in codes) and len(set(codes)) == len(codes)
    names = {k: v[0] for k, v in data.INDUSTRIES.items()}
    for industry, code in rows(con, "SELECT DISTINCT industry, industry_code FROM enterprise"):
        assert names[code] == industry
    assert one(con, "SELECT min(employees) FROM enterprise") >= 1
    assert one(con, "SELECT max(employees) FROM enterprise") > 50


def test_medical_device_manufacturers_are_enterprises(mid: duckdb.DuckDBPyConnection) -> None:
    c = mid
    assert one(c, "SELECT count(*) FROM medical_device_enterprise") >= 5
    assert one(c, "SELECT count(*) FROM medical_device_enterprise m JOIN enterprise e ON e.id = m.enterprise_id "
                  "AND e.community_code = m.community_code AND e.name = m.name AND e.credit_code = m.credit_code "
                  "AND e.industry_code = 'C'") == one(c, "SELECT count(*) FROM medical_device_enterprise")
    assert one(c, "SELECT count(*) FROM medical_device_enterprise WHERE (risk_class = 'I') "
                  "<> (license_valid_until IS NULL)") == 0
    assert one(c, "SELECT count(*) FROM medical_device_enterprise WHERE risk_class = 'III' "
                  "AND NOT is_key_supervision") == 0


def test_elderly_facilities_are_consistent(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM elderly_facility WHERE occupied_beds > beds OR nursing_beds > beds "
                    "OR certified_nurses > nurses OR nurses > staff") == 0
    assert one(con, "SELECT count(*) FROM elderly_facility WHERE (type IN ('nursing_home', 'care_home')) "
                    "<> (beds IS NOT NULL)") == 0
    assert one(con, "SELECT count(*) FROM elderly_facility WHERE type = 'service_center'") >= 1


def test_grid_workers_cover_every_grid(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM org_unit WHERE level = 5 AND code NOT IN "
                    "(SELECT grid_code FROM grid_worker WHERE full_time)") == 0


def test_recipients_are_residents(con: duckdb.DuckDBPyConnection) -> None:
    assert one(con, "SELECT count(*) FROM assistance_recipient a JOIN person p ON p.id = a.person_id "
                    "AND p.id_card = a.id_card AND p.name = a.name AND p.community_code = a.community_code "
                    "AND p.household_econ = a.category") == one(con, "SELECT count(*) FROM assistance_recipient")


@pytest.mark.parametrize(("db", "scale"), [("con", SCALE), ("mid", MID)])
def test_sentinel_warnings_scale_with_the_city(request: pytest.FixtureRequest, db: str, scale: float) -> None:
    """Seed 002: 2,811 warnings = 1,214 marriage + 873 death + 724 migration over the whole city,
    counted as the assistance_sentinel template counts them."""
    c = request.getfixturevalue(db)
    share = len(city_layout(scale).communities) / 2000
    active = "status = 'active'"
    death = one(c, f"SELECT count(*) FROM assistance_recipient WHERE {active} AND death_date IS NOT NULL")
    marriage = one(c, f"SELECT count(*) FROM assistance_recipient WHERE {active} AND death_date IS NULL "
                      "AND marriage_date > start_date")
    migration = one(c, f"SELECT count(*) FROM assistance_recipient WHERE {active} AND death_date IS NULL "
                       "AND NOT coalesce(marriage_date > start_date, false) AND moved_out_date > start_date")
    assert (marriage, death, migration) == (round(1214 * share), round(873 * share), round(724 * share))
    assert one(c, "SELECT count(*) FROM assistance_recipient WHERE marriage_date IS NOT NULL "
                  "AND marriage_date <= start_date") > 0  # earlier marriages are no warning
    assert one(c, "SELECT max(death_date) FROM assistance_recipient") <= data.AS_OF


# -- determinism and robustness ----------------------------------------------------------------


def _fingerprint(c: duckdb.DuckDBPyConnection, table: str) -> Any:
    return one(c, f'SELECT sum(hash(t)) FROM (SELECT * FROM "{table}") t')


def test_same_seed_same_rows(pool: PoolModel) -> None:
    a, b, other = duckdb.connect(), duckdb.connect(), duckdb.connect()
    generate_demo_pool(a, pool, scale=0.001, seed=11)
    generate_demo_pool(b, pool, scale=0.001, seed=11)
    generate_demo_pool(other, pool, scale=0.001, seed=12)
    for table in ("org_unit", *pool.tables):
        assert _fingerprint(a, table) == _fingerprint(b, table), table
    assert _fingerprint(a, "person") != _fingerprint(other, "person")
    assert _fingerprint(a, "org_unit") == _fingerprint(other, "org_unit")  # the city does not move


def test_persons_written_in_chunks_are_the_same_rows_in_the_same_order(
    con: duckdb.DuckDBPyConnection, pool: PoolModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large cities are written a few hundred communities at a time (bounded memory)."""
    monkeypatch.setattr("formkit.demo.pool.PERSON_CHUNK", 1)
    c = duckdb.connect()
    generate_demo_pool(c, pool, scale=SCALE)
    first = "SELECT id, id_card FROM person ORDER BY rowid LIMIT 1 OFFSET "
    for offset in (0, 7000, 21000):
        assert rows(c, first + str(offset)) == rows(con, first + str(offset))
    assert _fingerprint(c, "person") == _fingerprint(con, "person")


def test_a_column_the_generator_does_not_know_gets_values_of_its_type(pool: PoolModel) -> None:
    person = pool.tables["person"]
    span = person.columns["sex"].span
    extra = {
        "blood_type": PoolColumn(name="blood_type", type="choice", choices={"A": {"zh": "A"}, "B": {"zh": "B"}},
                                 span=span, path="x"),
        "height_cm": PoolColumn(name="height_cm", type="integer", span=span, path="x"),
    }
    grown = pool.model_copy(update={"tables": {**pool.tables, "person": person.model_copy(
        update={"columns": {**person.columns, **extra}})}})
    c = duckdb.connect()
    generate_demo_pool(c, grown, scale=0.0005)
    assert {r[0] for r in rows(c, "SELECT DISTINCT blood_type FROM person")} == {"A", "B"}
    assert one(c, "SELECT count(*) FROM person WHERE height_cm IS NULL") == 0


# -- copies ------------------------------------------------------------------------------------


def test_copy_into_sqlite(con: duckdb.DuckDBPyConnection, pool: PoolModel) -> None:
    target = sqlite3.connect(":memory:")
    counts = copy_pool(con, target, pool)
    for table, n in counts.items():
        assert target.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == n
        assert n == one(con, f'SELECT count(*) FROM "{table}"')
    amount, start, active = target.execute(
        "SELECT monthly_amount, start_date, typeof(start_date) FROM assistance_recipient LIMIT 1").fetchone()
    assert Decimal(amount) == one(con, "SELECT monthly_amount FROM assistance_recipient ORDER BY id LIMIT 1")
    assert dt.date.fromisoformat(start) and active == "text"
    assert target.execute("SELECT DISTINCT typeof(insured) FROM person").fetchall() == [("integer",)]
    plan = " ".join(r[-1] for r in target.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM person WHERE community_code = '370602001001'"))
    assert "INDEX" in plan


def test_copy_into_a_formkit_connection_with_a_row_limit(con: duckdb.DuckDBPyConnection, pool: PoolModel) -> None:
    from formkit.runtime.connect import connect

    db = connect("sqlite:///:memory:")
    counts = copy_pool(con, db, pool, limit_rows=50)
    assert counts["person"] == 50 and counts["org_unit"] == one(con, "SELECT count(*) FROM org_unit")
    assert db.query("SELECT min(id) FROM person") == [("P00000001",)]


def _small(pool: PoolModel) -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    generate_demo_pool(c, pool, scale=0.0005)
    return c


def test_copy_into_postgres(pool: PoolModel) -> None:
    url = os.environ.get("FORMKIT_TEST_POSTGRES")
    if not url:
        pytest.skip("FORMKIT_TEST_POSTGRES is not set (e.g. postgresql://postgres@127.0.0.1:5432/test)")
    from formkit.runtime.connect import connect

    db = connect(url)
    schema = f"fk_demo_{uuid.uuid4().hex[:8]}"
    db.execute(f"CREATE SCHEMA {schema}")
    try:
        db.execute(f"SET search_path TO {schema}")
        src = _small(pool)
        counts = copy_pool(src, db, pool)
        expected = one(src, "SELECT count(*) FROM person")
        assert counts["person"] == expected == db.query("SELECT count(*) FROM person")[0][0]
        for sql in ("SELECT id_card, birth_date, insured, disability_level FROM person ORDER BY id LIMIT 3",
                    "SELECT id, monthly_amount, start_date FROM assistance_recipient ORDER BY id LIMIT 3"):
            assert db.query(sql) == rows(src, sql)
    finally:
        db.execute(f"DROP SCHEMA {schema} CASCADE")
        db.close()


def test_copy_into_mysql(pool: PoolModel) -> None:
    url = os.environ.get("FORMKIT_TEST_MYSQL")
    if not url:
        pytest.skip("FORMKIT_TEST_MYSQL is not set (e.g. mysql://root@127.0.0.1:3306/test)")
    from formkit.runtime.connect import connect

    db = connect(url)
    name = f"fk_demo_{uuid.uuid4().hex[:8]}"
    db.execute(f"CREATE DATABASE {name}")
    try:
        db.execute(f"USE {name}")
        src = _small(pool)
        counts = copy_pool(src, db, pool, limit_rows=2000)
        assert counts["person"] == 2000 == db.query("SELECT count(*) FROM person")[0][0]
        assert db.query("SELECT name, sex, birth_date, is_party_member FROM person ORDER BY id LIMIT 1") == [
            tuple(int(v) if isinstance(v, bool) else v for v in r)
            for r in rows(src, "SELECT name, sex, birth_date, is_party_member FROM person ORDER BY id LIMIT 1")]
    finally:
        db.execute(f"DROP DATABASE {name}")
        db.close()
