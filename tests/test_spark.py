"""Spark SQL executed (SPEC §10): its URLs, Spark Connect's error when the server is away, and
the examples' send-down (pre-fill), submissions, validation and roll-up equal to DuckDB's.

The conformance cases and the differential run reach Spark through the ``engine`` fixture (tests
marked ``spark``); these tests need both engines at once.
"""

from __future__ import annotations

import random
import socket
import uuid
from typing import Any

import pytest

import formkit
from formkit.core.connection import DatabaseUnavailable
from formkit.demo import pool as demo_pool
from formkit.demo.run import DEMO_PERIODS, _bulk
from formkit.runtime import connect
from formkit.runtime import workflow as wf
from formkit.runtime.connect import spark_url
from formkit.sql.prefill import prefill_all
from formkit.sql.validate import validate


def test_local_url_names_its_warehouse_and_database(tmp_path: Any) -> None:
    parts = spark_url(f"spark://local?warehouse={tmp_path}&database=city&threads=4")
    assert parts == {"warehouse": str(tmp_path), "database": "city", "threads": "4", "metastore": "derby"}
    assert spark_url("spark://local?warehouse=w")["database"] == "default"


@pytest.mark.parametrize(("url", "message"), [
    ("spark://local", "names the directory of its tables"),
    ("spark://cluster:7077?warehouse=w", "a server is sc://HOST:PORT"),
    ("spark://local?warehouse=w&mode=fast", "unknown option"),
    ("spark://local?warehouse=w&threads=0", "a number of threads"),
    ("spark://local?warehouse=w&metastore=hive", "derby"),
    ("sc://spark.example", "sc://HOST:PORT"),
])
def test_a_bad_spark_url_says_what_is_wrong(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        spark_url(url)


def test_spark_connect_names_the_server_it_cannot_reach() -> None:
    pytest.importorskip("pyspark")
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DatabaseUnavailable, match=rf"127\.0\.0\.1:{port}"):
        connect(f"sc://127.0.0.1:{port}")


@pytest.fixture(scope="module")
def both(engine_spark: Any) -> Any:
    """The demo city at one community in DuckDB, and the same pool copied into Spark."""
    scale = 1 / demo_pool.FULL_SCALE_COMMUNITIES
    pool = formkit.load_pool(formkit.examples_dir() / "demo_city.pool.yaml")
    duck = connect("duckdb:///:memory:")
    demo_pool.generate_demo_pool(duck, pool, scale=scale, seed=7)
    spark = engine_spark(f"demo_{uuid.uuid4().hex[:8]}")
    demo_pool.copy_pool(duck, spark, pool)
    yield duck, spark, demo_pool.city_layout(scale).units[0][0]
    duck.close()


EXAMPLES = sorted(p.stem for p in formkit.examples_dir().glob("*.yaml") if p.name.count(".") == 1)


@pytest.mark.spark
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_on_spark_equals_duckdb(both: Any, name: str) -> None:
    """Send-down (pre-fill of every unit), synthetic submissions in bulk, SQL validation and the
    roll-up to the city: the same on Spark as on DuckDB."""
    duck, spark, city = both
    tpl = formkit.load(formkit.examples_dir() / f"{name}.yaml")
    period = DEMO_PERIODS[tpl.period]
    got = []
    for con in (duck, spark):
        wf.deploy(con, tpl)
        if tpl.derived:
            sent = {f.org: (f.prefilled, f.pool_rows, f.prev) for f in wf.fill_all(tpl, con, city, period)}
            checked: list[tuple[Any, ...]] = []
        else:
            sent = prefill_all(con, tpl, city, period)
            _bulk(con, tpl, city, period, random.Random(7), skip=None)
            checked = sorted((v.org, v.rule, v.field, v.row, v.col, v.severity)  # ids are random
                             for v in validate(con, tpl, city, period=period))
        got.append((sent, checked, wf.rollup(tpl, con, org=city, period=period)[0]))
    assert got[1] == got[0]
