"""Shared fixtures: a database per engine, isolated per test session, and the run options.

``engine`` is parametrized over DuckDB, SQLite, PostgreSQL and MySQL/MariaDB: a test that uses
it runs once per engine. The server engines read their URL from ``FORMKIT_TEST_POSTGRES`` and
``FORMKIT_TEST_MYSQL`` and are skipped, with the reason shown, when it is unset. Each session
works in a schema (PostgreSQL) or database (MariaDB) of its own, dropped at the end; the
embedded engines use a file under the session's temporary directory.

Options: ``--deep`` runs the deep differential test (100,000 generated cases instead of 2,000);
``--cases N`` sets the number outright; ``--seed N`` replays the random-seed differential run
(``FORMKIT_DIFF_SEED=N`` too), whose seed is drawn once per session and printed first, in the
header of the run (every xdist worker gets the controller's). Tests add lines to the end-of-run
summary with the ``summary`` fixture.

Spark joins ``engine`` only for the tests marked ``spark`` (``@pytest.mark.spark``): one local
session per test process (per xdist worker), over a warehouse under that worker's temporary
directory, with a database of the session's own; skipped when PySpark or Java is missing.
"""

from __future__ import annotations

import os
import random
import shutil
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from formkit.runtime import Connection, connect

ENGINES = ("duckdb", "sqlite", "postgres", "mysql")
SPARK = "spark"  # runs the tests marked spark (a JVM per test process: seconds to start)
SERVER_ENV = {"postgres": "FORMKIT_TEST_POSTGRES", "mysql": "FORMKIT_TEST_MYSQL"}
CASES_DEFAULT, CASES_DEEP = 2_000, 100_000
_SUMMARY = pytest.StashKey[list[str]]()
_SEED = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("formkit")
    group.addoption("--deep", action="store_true", default=False,
                    help=f"deep differential run: {CASES_DEEP:,} generated cases per evaluator")
    group.addoption("--cases", type=int, default=None,
                    help=f"number of generated differential cases (default {CASES_DEFAULT:,})")
    group.addoption("--seed", type=int, default=None,
                    help="seed of the random-seed differential run (default: drawn, and printed first)")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_SUMMARY] = []
    worker = getattr(config, "workerinput", None)
    if worker is not None and "formkit_diff_seed" in worker:
        config.stash[_SEED] = int(worker["formkit_diff_seed"])
        return
    chosen = config.getoption("--seed")
    if chosen is None and os.environ.get("FORMKIT_DIFF_SEED", "random") != "random":
        chosen = int(os.environ["FORMKIT_DIFF_SEED"])
    config.stash[_SEED] = random.randrange(2**32) if chosen is None else chosen


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: every worker runs the random differential with the controller's seed."""
    node.workerinput["formkit_diff_seed"] = node.config.stash[_SEED]


def pytest_report_header(config: pytest.Config) -> str:
    seed = config.stash[_SEED]
    return f"formkit: random differential seed {seed} (replay: --seed {seed})"


@pytest.fixture(scope="session")
def differential_seed(pytestconfig: pytest.Config) -> int:
    """The seed of this session's random-seed differential run."""
    return pytestconfig.stash[_SEED]


def _seed_line(config: pytest.Config, ids: list[str]) -> None:
    """The random differential's seed, first in the summary, when the run holds that test."""
    lines = config.stash[_SUMMARY]
    seed = config.stash[_SEED]
    line = f"random differential seed {seed} (replay: --seed {seed})"
    if line not in lines and any("test_differential.py" in i for i in ids):
        lines.insert(0, line)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not hasattr(config, "workerinput"):
        _seed_line(config, [item.nodeid for item in items])


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: Any, ids: list[str]) -> None:
    _seed_line(node.config, ids)  # xdist: the controller learns what its workers collected


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    lines = config.stash.get(_SUMMARY, [])
    if lines:
        terminalreporter.section("formkit")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def summary(pytestconfig: pytest.Config) -> Callable[[str], None]:
    """Add a line to the summary printed at the end of the run (shown without ``-s``)."""
    return pytestconfig.stash[_SUMMARY].append


@pytest.fixture(scope="session")
def differential_cases(pytestconfig: pytest.Config) -> int:
    chosen: int | None = pytestconfig.getoption("--cases")
    if chosen is not None:
        return chosen
    return CASES_DEEP if pytestconfig.getoption("--deep") else CASES_DEFAULT


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Any]:
    """One Playwright per test session (per xdist worker), shared by every browser test: its sync
    API keeps an event loop running in this thread while it is started, so a second
    ``sync_playwright()`` in the same process fails ("Sync API inside the asyncio loop")."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as p:
        yield p


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    direct = any("engine" in (m.args[0] if isinstance(m.args[0], list | tuple) else m.args[0].split(","))
                 for m in metafunc.definition.iter_markers("parametrize"))
    if "engine" in metafunc.fixturenames and not direct:  # else the test names its engines itself
        names: list[Any] = list(ENGINES)
        if metafunc.definition.get_closest_marker("spark") is not None:
            names.append(pytest.param(SPARK, marks=pytest.mark.spark))
        metafunc.parametrize("engine", names, indirect=True, scope="session")


@pytest.fixture(scope="session")
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    """A connection to one engine, in a schema/database of this test session's own."""
    name: str = request.param
    if name == SPARK:
        yield _spark(tmp_path_factory)
        return
    if name in SERVER_ENV:
        url = os.environ.get(SERVER_ENV[name])
        if not url:
            pytest.skip(f"{name}: set {SERVER_ENV[name]} to a server URL to run these tests")
        yield from _server(name, url)
        return
    path = tmp_path_factory.mktemp(name) / f"formkit.{name}"
    conn = connect(f"{name}:///{path}")
    try:
        yield conn
    finally:
        conn.close()


def _server(name: str, url: str) -> Iterator[Connection]:
    scope = f"formkit_test_{uuid.uuid4().hex[:12]}"
    admin = connect(url)
    if name == "postgres":
        admin.execute(f'CREATE SCHEMA "{scope}"')
        conn = connect(url)
        conn.execute(f'SET search_path TO "{scope}"')
    else:
        admin.execute(f"CREATE DATABASE `{scope}` CHARACTER SET utf8mb4")
        parts = urlsplit(url)
        conn = connect(urlunsplit((parts.scheme, parts.netloc, f"/{scope}", parts.query, "")))
    try:
        yield conn
    finally:
        conn.close()
        admin.execute(f'DROP SCHEMA "{scope}" CASCADE' if name == "postgres" else f"DROP DATABASE `{scope}`")
        admin.close()


def _spark(tmp_path_factory: pytest.TempPathFactory, database: str | None = None) -> Connection:
    """This process's Spark session (one per xdist worker, its own warehouse), in a database
    of this session's own; its tables go with the temporary directory."""
    pytest.importorskip("pyspark", reason="PySpark is not installed (scripts/setup installs it)")
    if shutil.which("java") is None:
        pytest.skip("spark: no Java runtime (scripts/setup installs openjdk-17-jre-headless)")
    warehouse = tmp_path_factory.getbasetemp() / "spark-warehouse"
    scope = database or f"formkit_test_{uuid.uuid4().hex[:12]}"
    return connect(f"spark://local?warehouse={warehouse}&database={scope}&metastore=memory")


@pytest.fixture(scope="session")
def engine_spark(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Connection]:
    """A connection to a database of its own (by name) in this process's Spark session."""
    return lambda database: _spark(tmp_path_factory, database)
