"""Web: formkit as an ASGI application a host platform mounts (SPEC §9), on Starlette.

>>> import formkit, formkit.web
>>> app = formkit.web.app(templates=formkit.examples_dir(), db="duckdb:///:memory:",
...                       actor=lambda request: formkit.Actor(user="li", org="370602", roles={"filler"}))
>>> callable(app)
True

``templates``: a folder of template files (or one file, or a list of loaded templates);
``db``: a connection URL (or a connection); ``actor``: the host's mapping of a request to the
:class:`formkit.Actor` calling (None when nobody is signed in). The modules, one per concern:
``routes`` (SPEC §9's endpoints), ``pages`` (the HTML), ``problems`` (problem+json),
``security`` (CSP, cross-site refusal, size limits), ``static`` (formkit's runtime files),
``openapi``, ``keys`` (``Idempotency-Key``), ``site`` (templates, database, actor) and
``trial`` (``formkit serve``'s trial sign-in).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from formkit.web.routes import application
from formkit.web.security import DEFAULT_MAX_BODY, Guard
from formkit.web.site import ActorOf, Site

__all__ = ["app"]


def app(templates: str | Path | list[Any], db: Any, actor: ActorOf, *, max_body: int = DEFAULT_MAX_BODY,
        origins: Sequence[str] = ()) -> Guard:
    """The ASGI app (see the module docstring). ``max_body``: the largest request body taken,
    in bytes; ``origins``: other origins whose pages may post to it (a host page on another
    origin that embeds the form)."""
    return application(Site.open(templates, db, actor), max_body=max_body, origins=origins)
