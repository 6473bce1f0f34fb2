"""Command line, serving: `formkit serve` runs the web app (SPEC §9) under uvicorn, for trials.

It serves every template of ``--templates`` over ``--db`` on 127.0.0.1 (``--host`` to change it)
and signs people in by name for the trial (:mod:`formkit.web.trial`): ``--user li:370602:filler``
(repeatable), by default a filler ``li`` and a reviewer ``wang`` over the pool's whole org tree.
A host platform mounts ``formkit.web.app`` behind its own login instead (docs/hosting.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from formkit.cli.runtime import DbOpt, refused_as_errors

__all__ = ["register", "serve_command"]


def serve_command(
    templates: Annotated[Path, typer.Option("--templates", help="a folder of template files (or one file)")],
    db: DbOpt,
    host: Annotated[str, typer.Option("--host", help="the address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="the port (0: a free one)")] = 8000,
    user: Annotated[list[str] | None, typer.Option(
        "--user", help="a trial user NAME:ORG:ROLES (roles comma-separated); repeat for more")] = None,
) -> None:
    """Serve the forms, submissions and reviews of a folder of templates as a web app (uvicorn)."""
    from formkit.web.routes import application
    from formkit.web.server import Server
    from formkit.web.site import Site
    from formkit.web.trial import cookie_actor, default_users, parse_user, sign_in_route, top_unit

    with refused_as_errors():
        users = {a.user: a for a in map(parse_user, user or [])}
        site = Site.open(templates, db, lambda request: None)
        if not users:
            top = top_unit(site.db, site.templates.values())
            if top is None:
                raise ValueError("no template here reads a pool: name the trial users with --user NAME:ORG:ROLES")
            users = default_users(top)
        site.actor_of = cookie_actor(users)
        server = Server(application(site, extra=[sign_in_route(users)]), host=host, port=port, log_level="info")
    print(f"formkit serve at {server.url}  ({len(site.templates)} template(s); Ctrl+C stops it)", flush=True)
    for name, a in sorted(users.items()):
        print(f"  sign in as {name} ({', '.join(sorted(a.roles))} at {a.org}): {server.url}trial/{name}", flush=True)
    for name, exc in site.broken.items():
        print(f"  not served: {name}: {exc.issues[0].message if exc.issues else exc}", flush=True)
    server.run()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
