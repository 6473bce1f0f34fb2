"""The browser suite's harness (fixtures in conftest.py): one headless Chromium per test session (per xdist worker), one
reused page, and a local HTTP server on 127.0.0.1 that serves rendered pages and formkit's
static files under a strict Content-Security-Policy header.

Every page opened through :class:`Browser` carries sentinels installed before any of its own
scripts run: ``window.__pwned`` counts calls of ``alert``/``confirm``/``prompt`` (what the XSS
vectors call), ``window.__csp`` collects ``securitypolicyviolation`` events, and the formkit
events are recorded in ``window.__fk``. Dialogs, page errors and console errors are collected
on the Python side too; :meth:`Browser.assert_clean` checks them all.

The suite is skipped when Chromium or Playwright is missing (``scripts/browser-setup``
installs them); Playwright never downloads a browser of its own.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from collections.abc import Mapping
from decimal import Decimal
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

import formkit
from formkit.render.html import render_html, static_dir

HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("FORMKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
EXAMPLES = sorted(p for p in formkit.examples_dir().glob("*.yaml") if p.name.count(".") == 1)

HOST = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Host</title>
<link rel="stylesheet" href="/static/formkit.css"><script type="module" src="/static/formkit.js"></script></head>
<body class="fk-page"><header><h1>Reporting</h1></header><main class="fk-page-main">{fragment}</main></body></html>"""

SENTINELS = """
window.__pwned = 0;
window.__csp = [];
window.__fk = [];
for (const name of ['alert', 'confirm', 'prompt']) {
  const original = window[name];
  window[name] = function (...args) { window.__pwned += 1; return original.apply(window, args); };
}
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push({directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample});
});
for (const kind of ['ready', 'change', 'submit', 'draft', 'invalid']) {
  document.addEventListener(`formkit:${kind}`, (e) => {
    const d = e.detail || {};
    window.__fk.push({kind, at: performance.now(), json: d.json, payload: d.payload, issues: d.issues,
                      changed: d.changed});
  });
}
"""


# -- the server ------------------------------------------------------------------------------------


class Site(ThreadingHTTPServer):
    """Pages by path (registered by tests), formkit's static files under /static/, axe-core under
    /vendor/: every response with the strict CSP header (unless a page opts out)."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages: dict[str, tuple[bytes, bool, str]] = {}
        self.lock = threading.Lock()
        self.count = 0

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def add(self, text: str, *, csp: bool = True, name: str = "page", suffix: str = ".html") -> str:
        """Serve ``text`` (a page, or a host's stylesheet with ``suffix=".css"``) at a fresh path;
        returns its URL."""
        kind = "text/css; charset=utf-8" if suffix == ".css" else "text/html; charset=utf-8"
        with self.lock:
            self.count += 1
            path = f"/{name}-{self.count}{suffix}"
            self.pages[path] = (text.encode("utf-8"), csp, kind)
        return self.base + path


class _Handler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        csp = True
        if path in self.server.pages:
            body, csp, kind = self.server.pages[path]
        elif path.startswith("/static/") and (static_dir() / path[8:]).is_file() and "/" not in path[8:]:
            body = (static_dir() / path[8:]).read_bytes()
            kind = "text/javascript" if path.endswith(".js") else "text/css"
        elif path == "/vendor/axe.min.js" and AXE.is_file():
            body, kind = AXE.read_bytes(), "text/javascript"
        else:
            body, kind = b"", "text/plain"
        missing = HTTPStatus.NO_CONTENT if path == "/favicon.ico" else HTTPStatus.NOT_FOUND
        self.send_response(HTTPStatus.OK if body else missing)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if csp:
            self.send_header("Content-Security-Policy", CSP)
        self.end_headers()
        self.wfile.write(body)


# -- the browser -----------------------------------------------------------------------------------


class Browser:
    """One reused page and what it saw: dialogs, page errors, console errors."""

    def __init__(self, page: Any, site: Site) -> None:
        self.page = page
        self.site = site
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("console", self._console)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _console(self, msg: Any) -> None:
        if msg.type == "error" and "Content Security Policy" not in msg.text:
            self.errors.append(f"console: {msg.text}")

    def reset(self) -> None:
        self.dialogs.clear()
        self.errors.clear()

    # -- pages -------------------------------------------------------------------------------

    def goto(self, url: str, *, forms: int | None = 1) -> None:
        """Open ``url`` and wait until its formkit forms are bound (``forms`` of them)."""
        self.page.goto(url)
        if forms:
            self.page.wait_for_function(
                "n => [...document.querySelectorAll('[data-fk-form]')].filter(r => r.formkit).length >= n", arg=forms)

    def open_html(self, html: str, *, forms: int | None = 1, csp: bool = True) -> str:
        url = self.site.add(html, csp=csp)
        self.goto(url, forms=forms)
        return url

    def open(self, template: formkit.Template, *, lang: str = "zh", mode: str = "fill",
             values: Mapping[str, Any] | None = None, host: bool = False) -> str:
        """Render ``template`` as a whole page (static files from /static/) and open it; ``host``:
        as a fragment in a host's page (with the host's own <h1>), as hosts embed it."""
        if host:
            fragment = render_html(template, lang=lang, mode=mode, values=values)
            html = HOST.format(lang="zh-CN" if lang == "zh" else lang, fragment=fragment)
        else:
            html = render_html(template, lang=lang, mode=mode, values=values, page=True, static_url="/static/")
        return self.open_html(html)

    # -- what the page saw -------------------------------------------------------------------

    def sentinels(self) -> dict[str, Any]:
        result: dict[str, Any] = self.page.evaluate("({pwned: window.__pwned, csp: window.__csp})")
        return result

    def assert_clean(self) -> None:
        """No script ran from data, no CSP violation, no dialog, no error on the page."""
        seen = self.sentinels()
        assert seen["pwned"] == 0, "a script from the page's data ran"
        assert self.dialogs == [], self.dialogs
        assert seen["csp"] == [], seen["csp"]
        assert self.errors == [], self.errors

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.page.evaluate("k => window.__fk.filter(e => !k || e.kind === k)", kind)
        return found

    def clear_events(self) -> None:
        self.page.evaluate("window.__fk.length = 0")

    # -- the form ----------------------------------------------------------------------------

    def control(self, slot: str, *, root: str = "") -> Any:
        return self.page.locator(f'{root} [data-fk-slot="{slot}"]'.strip()).first

    def cell(self, table: str, row: int, col: str) -> Any:
        tr = self.page.locator(f'[data-fk-table="{table}"] tbody[data-fk-rows] > tr[data-fk-row]').nth(row)
        return tr.locator(f'td[data-fk-col="{col}"] [data-fk-column="{col}"]')

    def box(self, slot: str) -> Any:
        return self.page.locator(f'[data-fk-field="{slot}"], [data-fk-cell="{slot}"]').first

    def type(self, slot: str, text: str, *, commit: bool = True) -> None:
        """Type ``text`` key by key into a field (replacing what it held); ``commit`` leaves it."""
        ctl = self.control(slot)
        ctl.fill("")
        ctl.press_sequentially(text)
        if commit:
            ctl.press("Tab")

    def fill(self, locator: Any, text: str) -> None:
        """Set a text input at once (one input event) and leave it (change event)."""
        locator.fill(text)
        locator.dispatch_event("change")

    def value(self, slot: str) -> str:
        """What a field or grid cell shows (an input's value, or a read-only span's text)."""
        return self.shown(self.control(slot))

    def shown(self, control: Any) -> str:
        text: str = control.evaluate("el => el.tagName === 'SPAN' ? el.textContent : el.value")
        return text

    def issues(self, locator: Any) -> list[str]:
        texts: list[str] = locator.locator("[data-fk-issues] li").evaluate_all(
            "lis => lis.filter(li => !li.closest('[hidden]')).map(li => li.dataset.fkRule + ': ' + li.textContent)")
        return texts

    def classes(self, locator: Any) -> set[str]:
        return set(str(locator.get_attribute("class") or "").split())

    def submit(self, action: str = "submit") -> dict[str, Any]:
        """Press submit (or draft) and return the event it raised: submit, invalid or draft."""
        self.clear_events()
        self.page.locator(f'[data-fk-action="{action}"]').first.click()
        found = [e for e in self.events() if e["kind"] in ("submit", "invalid", "draft")]
        assert len(found) == 1, found
        return found[0]


# -- templates and expectations ----------------------------------------------------------------


@functools.cache
def example(name: str) -> formkit.Template:
    return formkit.load(formkit.examples_dir() / f"{name}.yaml")


def variant(name: str, folder: Path, edit: Any) -> formkit.Template:
    """An example changed by ``edit(doc)`` (its YAML as a dict), loaded from ``folder`` with the
    demo pool beside it."""
    doc = yaml.safe_load((formkit.examples_dir() / f"{name}.yaml").read_text(encoding="utf-8"))
    edit(doc)
    shutil.copy(formkit.examples_dir() / "demo_city.pool.yaml", folder / "demo_city.pool.yaml")
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return formkit.load(path)


def number(text: object) -> Decimal | None:
    """A value as shown or sent (text, or a JSON number read as Decimal) as a number; blank → None."""
    if text is None or text == "":
        return None
    return Decimal(str(text))


def load_json(text: str) -> Any:
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)
