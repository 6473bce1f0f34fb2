"""Fixtures of the browser suite: ``site`` (the local HTTP server with the strict CSP header) and
``browser`` (one headless Chromium per session, its page reused). See fkbrowser.py."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fkbrowser import ARGS, CHROMIUM, SENTINELS, Browser, Site

import formkit
from formkit.demo.pool import generate_demo_pool
from formkit.runtime import connect


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    server = Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def _browser(site: Site, playwright_session: Any) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (run scripts/browser-setup)")
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                  timezone_id="Asia/Shanghai")
    context.add_init_script(SENTINELS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Browser(page, site)
    context.close()
    browser.close()


@pytest.fixture
def browser(_browser: Browser) -> Iterator[Browser]:
    """The session's page, its records reset for this test."""
    _browser.reset()
    yield _browser


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Four communities of the demo city in DuckDB (a couple of seconds)."""
    url = f"duckdb:///{tmp_path_factory.mktemp('pool') / 'demo.duckdb'}"
    con = connect(url)
    try:
        generate_demo_pool(con, formkit.load_pool(formkit.examples_dir() / "demo_city.pool.yaml"), scale=0.002, seed=7)
    finally:
        con.close()
    return url
