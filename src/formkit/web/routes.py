"""Web, routes: SPEC §9's endpoints, each one workflow call made with the request's actor.

Nothing here decides who may do what: every call goes through ``formkit.runtime.workflow`` (or
``due.status``) with ``actor=``, whose one gate (``formkit.runtime.actor``) refuses, audits and
changes nothing. The routes only read the request, hand it over and shape the answer: SPEC §5
JSON, an HTML page when the request accepts ``text/html``, or a problem (``problems``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from formkit.core import errors
from formkit.core.errors import TemplateError
from formkit.core.periods import PeriodError, period_containing
from formkit.meaning.template import Template
from formkit.render.html import static_dir
from formkit.runtime import due, workflow
from formkit.runtime.actor import Actor, enter
from formkit.runtime.form import Form, dumps
from formkit.runtime.values import Body, apply_values, parse_body
from formkit.sql.ddl import zone
from formkit.web import keys, pages
from formkit.web.openapi import openapi
from formkit.web.problems import Problem, refusal
from formkit.web.security import DEFAULT_MAX_BODY, Guard
from formkit.web.site import Site
from formkit.web.static import ASSETS, Files

__all__ = ["application", "current_period"]

T = TypeVar("T")
FORM = "/forms/{template}/{org}/{period}"


def current_period(template: Template, today: dt.date | None = None) -> str:
    """The period of ``template`` that holds today (in the pool's zone)."""
    kind = template.model.period
    if kind == "once":
        return "once"
    return period_containing(kind, today or dt.datetime.now(zone(template)).date()).text


def _json(data: Any, status: int = 200) -> Response:
    return Response(dumps(data), status_code=status, media_type="application/json")


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept.split(",")[0]


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "zh"


class Routes:
    """The endpoints over one :class:`Site`."""

    def __init__(self, site: Site) -> None:
        self.site = site

    async def call(self, request: Request, work: Callable[[Any, Actor], T]) -> T:
        """``work(db, actor)`` in a worker thread, one at a time on the site's connection."""
        actor = self.site.actor(request)

        def run() -> T:
            with self.site.database() as db:
                return work(db, actor)

        return await run_in_threadpool(run)

    def _place(self, request: Request) -> tuple[Template, str, str]:
        p = request.path_params
        return self.site.template(str(p["template"])), str(p["org"]), str(p["period"])

    # -- reading -------------------------------------------------------------------------------

    async def templates(self, request: Request) -> Response:
        listed = [{"id": t.id, "version": t.version, "title": t.title(_lang(request)), "level": t.level,
                   "period": t.model.period, "current_period": current_period(t)}
                  for t in sorted(self.site.templates.values(), key=lambda t: t.id)]
        broken = [{"file": name, "issues": [i.to_dict() for i in exc.issues]} for name, exc in self.site.broken.items()]
        actor = self.site.actor(request)  # even the list is for someone signed in
        if _wants_html(request):
            return HTMLResponse(pages.templates_page(listed, actor, lang=_lang(request)))
        return _json({"templates": listed, "broken": broken})

    async def form(self, request: Request) -> Response:
        tpl, org, period = self._place(request)
        pii = request.query_params.get("pii") in ("1", "true")

        def work(db: Any, actor: Actor) -> tuple[Form, pages.Context]:
            form = workflow.fill(tpl, db, org, period, pii=pii, actor=actor)
            return form, pages.Context.read(tpl, db, form)

        form, ctx = await self.call(request, work)
        if _wants_html(request):
            mode = request.query_params.get("mode")
            return HTMLResponse(pages.form_page(form, self.site.actor(request), ctx, lang=_lang(request), mode=mode))
        return _json(form.to_json(_lang(request)))

    async def rollup(self, request: Request) -> Response:
        tpl, org, period = self._place(request)
        level = request.query_params.get("level") or None
        pii = request.query_params.get("pii") in ("1", "true")
        units = await self.call(request, lambda db, a: workflow.rollup(tpl, db, org=org, period=period, level=level,
                                                                       pii=pii, actor=a))
        return _json(units if level is not None else units[0])

    async def status(self, request: Request) -> Response:
        tpl, org, period = self._place(request)

        def work(db: Any, actor: Actor) -> tuple[due.Status, dict[str, tuple[str, int, str]]]:
            st = due.status(tpl, db, org, period, actor=actor)  # the gate: after it, the states of st.org's units
            return st, workflow.submission_states(db, tpl, st.org, period)

        st, states = await self.call(request, work)
        if _wants_html(request):
            return HTMLResponse(pages.status_page(tpl, st, self.site.actor(request), states, lang=_lang(request)))
        return _json(st.to_json())

    async def corrections(self, request: Request) -> Response:
        tpl, org, period = self._place(request)
        pii = request.query_params.get("pii") in ("1", "true")
        rows = await self.call(request, lambda db, a: workflow.corrections(tpl, db, org=org, period=period, pii=pii,
                                                                           actor=a))
        return _json(rows)

    # -- writing -------------------------------------------------------------------------------

    async def body(self, request: Request) -> Body:
        raw = await request.body()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Problem(errors.VALUES_SYNTAX, "the request body is not UTF-8 text", where=request.url.path,
                          status=400) from None
        return parse_body(text, "<request body>")

    async def draft(self, request: Request) -> Response:
        return await self._write(request, "draft")

    async def submit(self, request: Request) -> Response:
        return await self._write(request, "submit")

    async def _write(self, request: Request, action: str) -> Response:
        tpl, org, period = self._place(request)
        body = await self.body(request)
        key = request.headers.get("idempotency-key")
        # what the key was sent with: the action, the form's place and the body
        sent = keys.digest(f"{action} {tpl.id} {org} {period}", await request.body())
        basis = _basis(body.data.get("revision"))
        if key is not None:
            _check_key(key, body)

        def work(db: Any, actor: Actor) -> Response:
            # the gate first (formkit.runtime.actor): not even a replay is answered to one who may not write
            enter(db, tpl, actor, "save_draft" if action == "draft" else "submit", org, period=period)
            if key is not None:
                seen = keys.recall(db, key, basis)
                if seen is not None:
                    if seen[0] != sent:
                        raise Problem(errors.IDEMPOTENCY_KEY_REUSED, f"the Idempotency-Key {key} was sent from "
                                      f"revision {basis} with another body; nothing was stored",
                                      where=request.url.path, hint="a new change is sent from the revision it "
                                      "was filled from (fill the form again), or with the same body")
                    # the same request again: answer with the submission as it is (stored once)
                    return _json(workflow.fill(tpl, db, org, period, actor=actor).to_json(_lang(request)))
            form = workflow.fill(tpl, db, org, period, actor=actor)
            if key is not None:
                form.submission = key
            apply_values(form, body)
            write = workflow.save_draft if action == "draft" else workflow.submit
            before = form.revision
            done = write(tpl, db, form, actor=actor)
            if key is not None and done.revision != before:
                keys.remember(db, key, basis, sent, done.revision)
            return _json(done.to_json(_lang(request)))

        return await self.call(request, work)

    async def return_(self, request: Request) -> Response:
        tpl, org, period = self._place(request)
        data = (await self.body(request)).data
        notes = data.get("notes") or {}
        if not isinstance(notes, dict | list):
            raise Problem(errors.VALUES_SHAPE, '"notes" is an object {"field or grid.row.col": "note"}',
                          where=request.url.path)
        revision = _revision(data, request)
        new = await self.call(request, lambda db, a: workflow.return_(tpl, db, org=org, period=period, notes=notes,
                                                                      revision=revision, actor=a))
        return _json({"template": tpl.id, "org": org, "period": period, "state": "returned", "revision": new})

    async def approve(self, request: Request) -> Response:
        tpl, org, period = self._place(request)
        data = (await self.body(request)).data
        revision = _revision(data, request)
        new = await self.call(request, lambda db, a: workflow.approve(tpl, db, org=org, period=period,
                                                                      revision=revision, actor=a))
        return _json({"template": tpl.id, "org": org, "period": period, "state": "approved", "revision": new})


def _basis(given: object) -> int:
    """The revision a body was filled from (formkit.js writes it as text, ``"2"``); 0 for a new form."""
    if isinstance(given, int) and not isinstance(given, bool):
        return given
    return int(given) if isinstance(given, str) and given.isascii() and given.isdigit() else 0


def _revision(data: Any, request: Request) -> int | None:
    revision = data.get("revision")
    if revision is not None and (isinstance(revision, bool) or not isinstance(revision, int)):
        raise Problem(errors.VALUES_SHAPE, '"revision" is the whole number of the revision you looked at',
                      where=request.url.path)
    return revision


def _check_key(key: str, body: Body) -> None:
    if not key or len(key) > 64 or not all(c.isascii() and (c.isalnum() or c in "-_") for c in key):
        raise Problem(errors.VALUES_SHAPE, "an Idempotency-Key is 1 to 64 letters, digits, - or _",
                      hint="send the form's submission id, or a new UUID")
    given = body.data.get("submission")
    if given is not None and given != key:
        raise Problem(errors.VALUES_SHAPE, f"the body is submission {str(given)[:64]}, the Idempotency-Key {key}",
                      hint="the key is the submission id: send the same one in both, or only the header")


# -- the app ---------------------------------------------------------------------------------------


async def _problem(request: Request, exc: Exception) -> Response:
    if isinstance(exc, Problem):
        return refusal(exc.error, exc.status)
    if isinstance(exc, TemplateError):
        return refusal(exc)
    if isinstance(exc, PeriodError):
        return refusal(Problem(errors.BAD_PERIOD, str(exc), where=request.url.path).error)
    if isinstance(exc, HTTPException):
        code = errors.METHOD_NOT_ALLOWED if exc.status_code == 405 else errors.NOT_FOUND
        what = "route that takes this method" if exc.status_code == 405 else "such path"
        return refusal(Problem(code, f"the app has no {what}: {request.method} {request.url.path[:120]}",
                               where=request.url.path, status=exc.status_code).error)
    if isinstance(exc, ValueError):
        return refusal(Problem(errors.INVALID_VALUE, str(exc), where=request.url.path).error)
    raise exc


def application(site: Site, *, max_body: int = DEFAULT_MAX_BODY, origins: Sequence[str] = (),
                hosts: Sequence[str] = (), extra: Sequence[BaseRoute] = ()) -> Guard:
    """The Starlette app of ``site`` inside the :class:`Guard` (``extra``: more routes, the preview's)."""
    r = Routes(site)
    runtime, assets = Files(static_dir()), Files(ASSETS)
    spec = openapi(site)

    async def spec_route(request: Request) -> Response:
        return JSONResponse(spec)

    async def runtime_route(request: Request) -> Response:
        return runtime.answer(request)

    async def asset_route(request: Request) -> Response:
        return assets.answer(request)

    routes: list[BaseRoute] = [
        *extra,
        Route("/templates", r.templates, methods=["GET"]),
        Route(FORM, r.form, methods=["GET"]),
        Route(FORM + "/draft", r.draft, methods=["PUT"]),
        Route(FORM + "/submit", r.submit, methods=["POST"]),
        Route(FORM + "/return", r.return_, methods=["POST"]),
        Route(FORM + "/approve", r.approve, methods=["POST"]),
        Route("/rollups/{template}/{org}/{period}", r.rollup, methods=["GET"]),
        Route("/status/{template}/{org}/{period}", r.status, methods=["GET"]),
        Route("/corrections/{template}/{org}/{period}", r.corrections, methods=["GET"]),
        Route("/openapi.json", spec_route, methods=["GET"]),
        Route("/static/{name:path}", runtime_route, methods=["GET"]),
        Route("/app/{name:path}", asset_route, methods=["GET"]),
    ]
    handlers: dict[Any, Any] = {HTTPException: _problem, Problem: _problem,
                                TemplateError: _problem, ValueError: _problem}
    app = Starlette(routes=routes, exception_handlers=handlers)
    return Guard(app, max_body=max_body, origins=origins, hosts=hosts)

