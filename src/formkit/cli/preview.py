"""``formkit preview``: a local page to look at a form and try it (SPEC §5).

formkit's web app (:mod:`formkit.web`) for this one template, under uvicorn on 127.0.0.1,
shows the template as its HTML form — pre-filled from the pool when a database is given (the
pre-fill query, the roster rows and last period's stored values for one org unit), else empty —
in fill, review or print mode, in Chinese or English. The page runs formkit's own runtime under
the app's strict Content-Security-Policy. When staff press submit (or save draft), the page posts
the submission JSON to ``/validate``, which validates it again with the Python evaluator (never
trusting the page's own result) and shows the server's issues under the form; ``review`` then
shows that submission as a reviewer sees it. With ``--db`` the app's JSON routes (SPEC §9) serve
the template over that database too, as the author (filler and reviewer at the top of the tree).

The template file is read again when it changes on disk, so an author can edit and reload.

It is a local tool for one author, bound to 127.0.0.1 and nothing else (there is no option to
bind another address; ``formkit serve`` and a host platform serve forms to others, SPEC §9).
Within that, it answers only requests meant for it (the app's guard, :mod:`formkit.web.security`):
a ``Host`` other than its own address is refused (421: a page of another site that resolves its
name to 127.0.0.1 cannot read the form), a POST from another origin (``Origin``,
``Sec-Fetch-Site``) is refused (403), a POST must be JSON (415) of at most 8 MB (413), each an
``application/problem+json`` with its code; a connection that sends nothing (or half a request)
for 30 seconds is closed.

>>> import formkit
>>> p = Preview.load(formkit.examples_dir() / "labor_archive_stock.yaml", period="2026W45")
>>> p.validate(b'{"template": "labor_archive_stock", "values": {"received": 5, "released": 9}}')["ok"]
False
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from markupsafe import Markup
from sqlglot import exp
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from formkit.browser.plan import value_to_json
from formkit.core.errors import TemplateError
from formkit.core.periods import EXAMPLES
from formkit.document.model import pick_label
from formkit.evaluation.formeval import evaluate_form
from formkit.meaning.template import Template
from formkit.pipeline import load
from formkit.render.html import MODES, render_html
from formkit.runtime import audit
from formkit.runtime.actor import Actor
from formkit.runtime.connect import Connection, connect
from formkit.runtime.store import prev_values
from formkit.sql import org as orgs
from formkit.sql.closure import require_tree
from formkit.sql.engines import render
from formkit.sql.numbers import num
from formkit.sql.prefill import prefill
from formkit.sql.rows import roster_rows, roster_tables
from formkit.web.routes import application
from formkit.web.security import CSP as SECURE_CSP
from formkit.web.security import Guard
from formkit.web.server import Server
from formkit.web.site import Site
from formkit.web.trial import top_unit

__all__ = ["CSP", "Preview", "PreviewServer", "current_period", "serve"]

CSP = SECURE_CSP  # the header every preview response carries: the form must work under it (SPEC §4)
MAX_BODY = 8 * 1024 * 1024
IDLE_TIMEOUT = 30.0  # seconds a connection may wait between (or within) requests
HOST = "127.0.0.1"  # the only address the preview binds
LANGS = ("zh", "en")


def current_period(kind: str, today: dt.date | None = None) -> str:
    """The period of ``kind`` (weekly, monthly, …) that holds ``today`` (Asia/Shanghai by default)."""
    day = today or dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    if kind == "weekly":
        year, week, _ = day.isocalendar()
        return f"{year}W{week:02d}"
    if kind == "monthly":
        return f"{day.year}-{day.month:02d}"
    if kind == "quarterly":
        return f"{day.year}Q{(day.month - 1) // 3 + 1}"
    if kind == "yearly":
        return str(day.year)
    if kind in EXAMPLES:
        return kind  # once
    raise ValueError(f"'{kind}' is not a kind of period")


# -- the pool --------------------------------------------------------------------------------------


@dataclass
class PoolState:
    """What the server knows before staff type: pool values, roster rows, last period's values."""

    org: str | None = None
    org_name: str | None = None
    prefilled: dict[str, Any] = field(default_factory=dict)  # field ids and grid.row.col
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    prev: dict[str, Any] = field(default_factory=dict)


def first_unit(con: Connection, template: Template) -> str:
    """The first org unit (by code) at the template's level: the preview's default org."""
    pool = template.pool
    if pool is None:
        raise ValueError(f"the template '{template.id}' reads no pool: preview it without --db")
    o = pool.org
    query = exp.select(orgs.col(o.id)).from_(orgs.table(o.table)).order_by(orgs.col(o.id)).limit(1)
    if template.level:
        query = query.where(exp.EQ(this=orgs.col(o.level), expression=num(orgs.level_number(pool, template.level))))
    rows = orgs.run(con, render(query, con.dialect), {})
    if not rows:
        raise ValueError(f"no org unit at the level '{template.level}' in the pool's table '{o.table}'")
    return str(rows[0][0])


def read_pool(con: Connection, template: Template, org: str | None, period: str) -> PoolState:
    """One org unit's pool state: the pre-fill query, every roster's rows and ``prev()`` values
    from stored submissions (none when nothing was stored yet). Personal data stays masked."""
    if template.pool is None:
        return PoolState()
    require_tree(con, template.pool, template.sources)  # the pool's tables, or a located error
    code = org or first_unit(con, template)
    unit = orgs.org_unit(con, template.pool, code, template=template)
    state = PoolState(org=code, org_name=unit.name, prefilled=dict(prefill(con, template, code, period)))
    state.rows = {tid: roster_rows(con, template, tid, code, period) for tid in roster_tables(template)}
    if template.reads_prev:  # stored submissions: their tables are created when missing, as on a fill
        state.prev = {k: v for k, v in prev_values(con, template, code, period).items() if v is not None}
    return state


# -- the preview -----------------------------------------------------------------------------------


@dataclass
class Preview:
    """A template (re-read when its file changes), its pool state, and the last submission."""

    path: Path | None
    template: Template
    period: str
    pool: PoolState = field(default_factory=PoolState)
    db: str | None = None
    org: str | None = None
    last: dict[str, Any] | None = None
    error: TemplateError | None = None
    mtime: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, path: str | Path, *, db: str | None = None, org: str | None = None,
             period: str | None = None) -> Preview:
        """Load the template at ``path`` and, with ``db`` (a connection URL), its pool state."""
        p = Path(path)
        tpl = load(p)
        preview = cls(p, tpl, period or current_period(tpl.model.period), db=db, org=org, mtime=_mtime(p))
        preview.template.period_of(preview.period)  # a period of the wrong kind: TemplateError now
        preview.read_pool()
        return preview

    def read_pool(self) -> None:
        if self.db is None:
            self.pool = PoolState()
            return
        con = connect(self.db)
        try:
            self.pool = read_pool(con, self.template, self.org, self.period)
        finally:
            con.close()

    def refresh(self) -> None:
        """Read the template again when its file changed (a broken one is shown, not raised)."""
        if self.path is None or _mtime(self.path) == self.mtime:
            return
        self.mtime = _mtime(self.path)
        try:
            self.template = load(self.path)
            self.read_pool()
            self.error = None
        except TemplateError as exc:
            self.error = exc

    # -- pages -----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The form's state in SPEC §5's shape: the pool's values, or the last submission's."""
        pool = self.pool
        shape: dict[str, Any] = {
            "values": dict(pool.prefilled), "tables": {k: list(v) for k, v in pool.rows.items()}, "grids": {},
            "prev": dict(pool.prev), "period": self.period, "org": pool.org, "org_name": pool.org_name,
        }
        if self.last is not None:
            data = self.last["payload"]
            for part in ("values", "tables", "grids"):
                if isinstance(data.get(part), Mapping):
                    shape[part] = {**shape[part], **data[part]}
            shape["confirm"] = [str(c) for c in data.get("confirm") or []]
            shape["footer"] = data.get("footer") if isinstance(data.get("footer"), Mapping) else {}
            shape["issues"] = self.last["issues"]
        return shape

    def page(self, *, lang: str = "zh", mode: str = "fill", last: bool = False) -> str:
        """The preview page: a bar (language, mode), the form, and the server's check."""
        lang = lang if lang in LANGS else "zh"
        mode = mode if mode in MODES else "fill"
        words = _WORDS[lang]
        if self.error is not None:
            return _PAGE.render(lang=lang, words=words, title=words["broken"], error=self.error.format(),
                                links=[], form="", db=self.db, where="")
        saved, self.last = self.last, (self.last if last else None)
        try:
            form = render_html(self.template, lang=lang, mode=mode, values=self.values(), static_url="/static/")
        finally:
            self.last = saved
        links = [{"href": f"?lang={lang}&mode={m}", "label": words[m], "current": m == mode and not last}
                 for m in MODES]
        links += [{"href": f"?lang={other}&mode={mode}", "label": _WORDS[other]["name"], "current": False,
                   "lang": other} for other in LANGS if other != lang]
        where = " · ".join(x for x in (self.pool.org_name or self.pool.org, _period_label(self.period)) if x)
        return _PAGE.render(lang=lang, words=words, title=self.template.title(lang), links=links, where=where,
                            template=self.template.id, db=self.db, form=Markup(form), mode=mode)

    # -- the server's check ----------------------------------------------------------------

    def validate(self, body: bytes, *, lang: str = "zh") -> dict[str, Any]:
        """Validate a submission (SPEC §5 JSON, as the page's ``formkit:submit`` gives it) with
        the Python evaluator: ``{ok, errors, warnings, issues, values, tables, grids}``. Only
        what staff may type is taken; pre-filled and calculated values are the server's own."""
        data = json.loads(body.decode("utf-8"), parse_float=Decimal)
        if not isinstance(data, dict):
            raise ValueError("the submission must be a JSON object")
        if data.get("template", self.template.id) != self.template.id:
            raise ValueError(f"this is a submission of '{data.get('template')}', not of '{self.template.id}'")
        inputs: dict[str, Any] = {}
        for part in ("values", "tables", "grids"):
            got = data.get(part)
            if got is not None and not isinstance(got, Mapping):
                raise ValueError(f"'{part}' must be a JSON object")
            inputs.update(got or {})
        prefilled: dict[str, Any] = {**self.pool.prefilled, **self.pool.rows}
        state = evaluate_form(self.template, inputs, prefilled=prefilled, prev_values=self.pool.prev,
                              period=self.period)
        issues = [{**i.to_json(lang), "place": place_of(self.template, i.field, i.row, i.col, lang)}
                  for i in state.issues]
        out = {
            "ok": not any(i["severity"] == "error" for i in issues),
            "errors": sum(i["severity"] == "error" for i in issues),
            "warnings": sum(i["severity"] != "error" for i in issues),
            "issues": issues,
            "values": {k: _plain(v) for k, v in state.values.items() if "." not in k},
            "tables": {t: [{c: _plain(v) for c, v in row.items()} for row in rows] for t, rows in state.tables.items()},
            "grids": {g: {r: {c: _plain(v) for c, v in cols.items()} for r, cols in rows.items()}
                      for g, rows in state.grids(self.template).items()},
        }
        self.last = {"payload": {k: data.get(k) for k in ("values", "tables", "grids", "confirm", "footer")},
                     "issues": issues}
        return out


def place_of(template: Template, field: str | None, row: int | str | None, col: str | None, lang: str) -> str:
    """Where an issue is, in the words of the form: the field's label, the row (第 3 行, or a
    grid row's label) and the column's label — not the ids (issue 18)."""
    words = _WORDS.get(lang, _WORDS["zh"])
    if field is None:
        return ""
    parts: list[str] = []
    if field in template.tables:
        t = template.tables[field]
        parts.append(pick_label(t.model.label, lang) or field)
        if isinstance(row, int):
            parts.append(words["row"].replace("{n}", str(row + 1)))
        if col is not None and col in t.columns:
            parts.append(pick_label(t.columns[col].model.label, lang) or col)
    elif field in template.grids:
        g = template.grids[field]
        parts.append(pick_label(g.model.label, lang) or field)
        rows = {r.id: r for r in g.model.grid_rows}
        cols = {c.id: c for c in g.model.grid_columns}
        if isinstance(row, str) and row in rows:
            parts.append(pick_label(rows[row].label, lang) or row)
        if col is not None and col in cols:
            parts.append(pick_label(cols[col].label, lang) or col)
    elif field in template.fields:
        parts.append(pick_label(template.fields[field].model.label, lang) or field)
    else:
        parts.append(field)
    return " · ".join(parts)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _plain(v: object) -> Any:
    try:
        return value_to_json(v)
    except TypeError:
        return str(v)


def _period_label(period: str) -> str:
    return "" if period == "once" else period


# -- HTTP: formkit's web app for this one template ------------------------------------------------


def _author(con: Any, template: Template) -> Actor:
    """Who the preview lets act: the author at the top of the pool's tree, filling and reviewing."""
    top = (top_unit(con, [template]) if con is not None else None) or "preview"
    return Actor(user=audit.actor(None), org=top, roles={"filler", "reviewer"})


def preview_app(preview: Preview, *, lang: str = "zh") -> Guard:
    """The web app (``formkit.web``) of the preview's template — with ``--db``, its JSON routes
    over that database as the author — and the preview's own page (``/``) and check
    (``/validate``) in front."""
    con = connect(preview.db) if preview.db is not None else None
    author = _author(con, preview.template)
    site = Site({preview.template.id: preview.template}, {}, con, lambda request: author)

    async def page(request: Request) -> Response:
        q = request.query_params

        def render_page() -> str:
            with preview.lock:
                preview.refresh()
                site.templates = {preview.template.id: preview.template}
                return preview.page(lang=q.get("lang", lang), mode=q.get("mode", "fill"), last=q.get("from") == "last")

        return HTMLResponse(await run_in_threadpool(render_page))

    async def asset(request: Request) -> Response:
        text, kind = _ASSETS[request.url.path]
        return Response(text, media_type=kind)

    async def validate(request: Request) -> Response:
        body = await request.body()
        asked = request.query_params.get("lang", lang)

        def check() -> dict[str, Any]:
            with preview.lock:
                return preview.validate(body, lang=asked if asked in LANGS else "zh")

        try:
            result = await run_in_threadpool(check)
        except (ValueError, TypeError, UnicodeDecodeError, RecursionError) as exc:
            return Response(_dumps({"ok": False, "failed": str(exc), "issues": []}), status_code=400,
                            media_type="application/json")
        return Response(_dumps(result), media_type="application/json")

    async def no_icon(request: Request) -> Response:
        return Response(b"", status_code=204, media_type="image/x-icon")

    routes = [Route("/", page, methods=["GET"]), Route("/index.html", page, methods=["GET"]),
              *(Route(path, asset, methods=["GET"]) for path in _ASSETS),
              Route("/validate", validate, methods=["POST"]), Route("/favicon.ico", no_icon, methods=["GET"])]
    return application(site, max_body=MAX_BODY, extra=routes)


def _dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


class PreviewServer:
    """The preview on 127.0.0.1 (only: it takes no address), under uvicorn: :func:`preview_app`,
    answering only requests addressed to its own host and port. ``start()`` serves it in a
    daemon thread; ``idle_timeout``: seconds a connection may send nothing."""

    def __init__(self, preview: Preview, *, port: int = 0, lang: str = "zh", verbose: bool = False,
                 idle_timeout: float = IDLE_TIMEOUT) -> None:
        self.preview = preview
        self.lang = lang
        self.app = preview_app(preview, lang=lang)
        self.server = Server(self.app, host=HOST, port=port, idle=idle_timeout,
                             log_level="info" if verbose else "warning")
        bound = self.server.port
        self.hosts = (f"{HOST}:{bound}", f"localhost:{bound}")  # what a browser on this machine sends
        self.origins = tuple(f"http://{h}" for h in self.hosts)
        self.app.hosts, self.app.origins = frozenset(self.hosts), frozenset(self.origins)

    @property
    def server_address(self) -> tuple[str, int]:
        return HOST, int(self.server.port)

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> PreviewServer:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def serve_forever(self) -> None:
        """Serve in the foreground until interrupted (Ctrl+C)."""
        self.server.run()

    def __enter__(self) -> PreviewServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(path: str | Path, *, db: str | None = None, org: str | None = None, period: str | None = None,
          port: int = 8765, lang: str = "zh", announce: Any = print) -> None:
    """Run the preview until interrupted (Ctrl+C)."""
    preview = Preview.load(path, db=db, org=org, period=period)
    server = PreviewServer(preview, port=port, lang=lang, verbose=True)
    announce(f"formkit preview of {preview.template.id} at {server.url}  (Ctrl+C stops it)")
    try:
        with suppress(KeyboardInterrupt):
            server.serve_forever()
    finally:
        server.stop()


# -- the page around the form ------------------------------------------------------------------------

_WORDS: dict[str, dict[str, str]] = {
    "zh": {"name": "中文", "fill": "填报", "review": "审核", "print": "打印", "preview": "formkit 预览",
           "check": "服务器复核", "waiting": "正在提交给服务器复核…", "accepted": "服务器复核通过，可以报出。",
           "found": "服务器复核发现 {n} 个问题：", "page_found": "（页面自己发现 {n} 个错误）",
           "failed": "服务器无法复核：", "payload": "提交的数据（JSON）", "review_last": "按审核视图查看这份提交",
           "broken": "模板有错误", "pool": "数据池", "no_pool": "未连接数据池：表单为空白",
           "draft": "草稿（不拦截）：", "row": "第 {n} 行", "error": "错误", "warning": "提醒",
           "accepted_warned": "服务器复核通过，可以报出；另有 {n} 条提醒：",
           "pool_waiting": "数据池已连接：模板改正后显示表单"},
    "en": {"name": "English", "fill": "Fill", "review": "Review", "print": "Print", "preview": "formkit preview",
           "check": "Server check", "waiting": "Sending the submission to the server…",
           "accepted": "The server accepts this submission.", "found": "The server found {n} issue(s):",
           "page_found": "(the page itself found {n} error(s))", "failed": "The server could not check it: ",
           "payload": "The submission (JSON)", "review_last": "See this submission as a reviewer does",
           "broken": "The template has errors", "pool": "Pool", "no_pool": "No pool connected: the form is blank",
           "draft": "Draft (never blocked): ", "row": "row {n}", "error": "Error", "warning": "Warning",
           "accepted_warned": "The server accepts this submission, with {n} warning(s):",
           "pool_waiting": "Pool connected: the form shows once the template checks"},
}

_PAGE = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string("""\
<!DOCTYPE html>
<html lang="{{ 'zh-CN' if lang == 'zh' else 'en' }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · {{ words.preview }}</title>
<link rel="stylesheet" href="/static/formkit.css">
<link rel="stylesheet" href="/preview/preview.css">
<script type="module" src="/static/formkit.js"></script>
<script type="module" src="/preview/preview.js"></script>
</head>
<body class="fk-page fkp-page">
<header class="fkp-bar">
<h1 class="fkp-brand">{{ words.preview }}{% if template %} · <code>{{ template }}</code>{% endif %}</h1>
<p class="fkp-where">
{% if db and error %}{{ words.pool_waiting }}
{% elif db %}{{ words.pool }}: {{ where }}
{% else %}{{ words.no_pool }}{% if where %} · {{ where }}{% endif %}{% endif %}
</p>
<nav class="fkp-nav" aria-label="{{ words.preview }}">
{% for l in links %}
<a href="{{ l.href }}"{% if l.current %} aria-current="page"{% endif %}
{% if l.lang %} lang="{{ 'zh-CN' if l.lang == 'zh' else 'en' }}"{% endif %}>{{ l.label }}</a>
{% endfor %}
</nav>
</header>
<main class="fk-page-main">
{% if error %}<h1>{{ title }}</h1><pre class="fkp-error">{{ error }}</pre>{% endif %}
{{ form }}
{% if form and mode == 'fill' %}
<section class="fkp-result" data-fkp-result hidden aria-labelledby="fkp-result-title">
<h2 id="fkp-result-title">{{ words.check }}</h2>
<p class="fkp-status" data-fkp-status role="status"></p>
<ul class="fkp-issues" data-fkp-issues></ul>
<p class="fkp-more" data-fkp-more hidden>
<a href="?lang={{ lang }}&amp;mode=review&amp;from=last">{{ words.review_last }}</a></p>
<details class="fkp-payload"><summary>{{ words.payload }}</summary><pre data-fkp-payload></pre></details>
<script type="application/json" data-fkp-words>{{ words|tojson }}</script>
</section>
{% endif %}
</main>
</body>
</html>
""")

_JS = r"""// formkit preview: post each submission to the server, which validates it again; show its issues.
const section = document.querySelector('[data-fkp-result]');
const words = section ? JSON.parse(section.querySelector('[data-fkp-words]').textContent) : {};
const fill = (text, n) => String(text).replace('{n}', String(n));

function show(kind, detail, result, failed) {
  const status = section.querySelector('[data-fkp-status]');
  const list = section.querySelector('[data-fkp-issues]');
  const pageErrors = detail.issues.filter((i) => i.severity === 'error').length;
  section.hidden = false;
  section.dataset.fkpKind = kind;
  list.replaceChildren();
  section.querySelector('[data-fkp-payload]').textContent = detail.json;
  if (failed) {
    status.textContent = words.failed + failed;
    section.dataset.fkpState = 'failed';
    return;
  }
  const prefix = kind === 'draft' ? words.draft : '';
  const verdict = result.issues.length === 0 ? words.accepted
    : (result.ok ? fill(words.accepted_warned, result.warnings) : fill(words.found, result.issues.length));
  status.textContent = prefix + verdict + (pageErrors ? ` ${fill(words.page_found, pageErrors)}` : '');
  for (const issue of result.issues) {
    const li = document.createElement('li');
    li.className = `fk-issue fk-issue--${issue.severity}`;
    for (const k of ['field', 'row', 'col', 'rule', 'severity']) {
      const name = `fkp${k[0].toUpperCase()}${k.slice(1)}`;
      if (issue[k] !== null && issue[k] !== undefined) li.dataset[name] = String(issue[k]);
    }
    const severity = document.createElement('strong');
    severity.className = 'fkp-severity';
    severity.textContent = issue.severity === 'error' ? words.error : words.warning;
    const where = document.createElement('span');
    where.className = 'fkp-place';
    where.textContent = issue.place || issue.field || '';
    li.append(severity, ' ', where, ` ${issue.message}`);
    list.append(li);
  }
  section.querySelector('[data-fkp-more]').hidden = false;
  section.dataset.fkpState = result.ok ? 'accepted' : 'rejected';
  if (result.ok && result.warnings > 0) section.dataset.fkpWarned = String(result.warnings);
  else delete section.dataset.fkpWarned;
  section.dataset.fkpCount = String(result.issues.length);
}

async function check(kind, detail) {
  if (!section) return;
  section.dataset.fkpState = 'waiting';
  const root = document.querySelector('[data-fk-form]');
  const lang = root && root.formkit ? root.formkit.lang : 'zh';
  try {
    const res = await fetch(`/validate?lang=${encodeURIComponent(lang)}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: detail.json,
    });
    const result = await res.json();
    if (!res.ok) show(kind, detail, result, result.failed || result.detail || String(res.status));
    else show(kind, detail, result, null);
  } catch (err) {
    show(kind, detail, null, String(err));
  }
}

for (const kind of ['submit', 'invalid', 'draft']) {
  document.addEventListener(`formkit:${kind}`, (e) => { check(kind, e.detail); });
}
"""

_CSS = """\
.fkp-bar { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: baseline; margin: 0 auto 1rem;
  max-width: 60rem; padding: .5rem 1rem; font-size: .875rem; color: var(--fk-muted, #5b6472); }
.fkp-bar p, .fkp-bar h1 { margin: 0; }
.fkp-brand { font-size: inherit; font-weight: 600; color: var(--fk-text, #1f2933); }
.fkp-nav { display: flex; gap: .75rem; margin-left: auto; }
.fkp-nav a { color: var(--fk-accent, #1f5fbf); }
.fkp-nav a[aria-current] { font-weight: 600; text-decoration: none; color: var(--fk-text, #1f2933); }
.fkp-result { max-width: 60rem; margin: 1.5rem auto; padding: 1rem 1.25rem; border: 1px solid var(--fk-border, #d5dae1);
  border-radius: 8px; background: var(--fk-surface, #fff); }
.fkp-result h2 { margin: 0 0 .5rem; font-size: 1.05rem; }
.fkp-result[data-fkp-state=accepted] .fkp-status { color: #17663a; }
.fkp-result[data-fkp-state=accepted][data-fkp-warned] .fkp-status { color: #8a5a00; }
.fkp-result[data-fkp-state=rejected] .fkp-status { color: #b42318; }
.fkp-issues .fk-issue--error .fkp-severity { color: #b42318; }
.fkp-issues .fk-issue--warning .fkp-severity, .fkp-issues .fk-issue--info .fkp-severity { color: #8a5a00; }
.fkp-place { font-weight: 600; }
.fkp-issues { padding-left: 1.25rem; }
.fkp-issues code { margin-right: .25rem; }
.fkp-payload pre { white-space: pre-wrap; word-break: break-all; font-size: .8rem; max-height: 20rem; overflow: auto; }
.fkp-error { white-space: pre-wrap; }
"""

_ASSETS = {"/preview/preview.js": (_JS, "text/javascript; charset=utf-8"),
           "/preview/preview.css": (_CSS, "text/css; charset=utf-8")}
