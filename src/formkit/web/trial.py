"""Web, trial sign-in: who ``formkit serve`` lets you act as, for trying the loop on one machine.

formkit authenticates nobody (SPEC §9): a host maps its own session to an :class:`Actor`. For a
trial, ``formkit serve`` knows a few named actors (``--user li:370602:filler``) and
``GET /trial/{user}`` puts that name in a cookie (HttpOnly, SameSite=Strict) that
:func:`cookie_actor` reads back. It is a trial on 127.0.0.1, not a login: anyone who can reach
the server may pick any of the names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlglot import exp
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from formkit.core import errors
from formkit.meaning.template import Template
from formkit.runtime.actor import Actor
from formkit.sql import org as orgs
from formkit.sql.engines import render
from formkit.web.problems import Problem
from formkit.web.site import ActorOf

__all__ = ["COOKIE", "cookie_actor", "default_users", "parse_user", "sign_in_route", "top_unit"]

COOKIE = "formkit_trial"


def parse_user(text: str) -> Actor:
    """``li:370602:filler,pii`` as an Actor (user, org, roles)."""
    user, _, rest = text.partition(":")
    org, _, roles = rest.partition(":")
    return Actor(user=user, org=org, roles=[r for r in roles.split(",") if r])


def cookie_actor(actors: Mapping[str, Actor]) -> ActorOf:
    def actor(request: Request) -> Actor | None:
        return actors.get(request.cookies.get(COOKIE, ""))

    return actor


def sign_in_route(actors: Mapping[str, Actor]) -> Route:
    async def sign_in(request: Request) -> Response:
        user = str(request.path_params["user"])
        if user not in actors:
            raise Problem(errors.NOT_FOUND, f"no trial user {user[:40]!r}", where=request.url.path,
                          hint=f"the trial users are {', '.join(sorted(actors))}")
        response = RedirectResponse("/templates", status_code=303)
        response.set_cookie(COOKIE, user, httponly=True, samesite="strict")
        return response

    return Route("/trial/{user}", sign_in, methods=["GET"])


def top_unit(con: Any, templates: Iterable[Template]) -> str | None:
    """The code of the org tree's top unit (the lowest level, then the first code) in the pool
    of the first template that has one: where the trial users stand by default."""
    pool = next((t.pool for t in templates if t.pool is not None), None)
    if pool is None:
        return None
    o = pool.org
    query = exp.select(orgs.col(o.id)).from_(orgs.table(o.table)).order_by(orgs.col(o.level), orgs.col(o.id)).limit(1)
    rows = orgs.run(con, render(query, con.dialect), {})
    return str(rows[0][0]) if rows else None


def default_users(top: str) -> dict[str, Actor]:
    """A filler and a reviewer over the whole tree (two people: four eyes holds)."""
    return {"li": Actor(user="li", org=top, roles={"filler"}), "wang": Actor(user="wang", org=top, roles={"reviewer"})}
