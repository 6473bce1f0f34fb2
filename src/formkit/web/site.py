"""Web, the site: the templates an app serves, its database and how a request names its actor.

One app holds one connection and lets one workflow call use it at a time (a lock): formkit's
calls are short, and every engine's connection object is meant for one thread at a time. A host
that needs more throughput runs more worker processes, each with its app.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request

from formkit.core import errors
from formkit.core.errors import TemplateError
from formkit.meaning.template import Template
from formkit.pipeline import load
from formkit.runtime.actor import Actor
from formkit.runtime.connect import connect
from formkit.web.problems import Problem

__all__ = ["ActorOf", "Site", "find_templates"]

#: The host's mapping of a request to the actor calling (None: nobody is signed in).
ActorOf = Callable[[Request], Actor | None]
_TEMPLATE = re.compile(r"^formkit\s*:", re.MULTILINE)


def find_templates(where: str | Path) -> list[Path]:
    """The template files of a folder (its ``*.yaml`` whose top key is ``formkit:``), or one file."""
    path = Path(where)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"no templates folder or file at {path}")
    found = []
    for p in sorted([*path.glob("*.yaml"), *path.glob("*.yml")]):
        try:
            head = p.read_text(encoding="utf-8")[:4096]
        except (OSError, UnicodeDecodeError):
            continue
        if _TEMPLATE.search(head):
            found.append(p)
    return found


@dataclass
class Site:
    """What the app serves: templates by id (and the files that did not load), the database."""

    templates: dict[str, Template]
    broken: dict[str, TemplateError]
    db: Any
    actor_of: ActorOf
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, templates: str | Path | list[Template], db: Any, actor: ActorOf) -> Site:
        loaded: dict[str, Template] = {}
        broken: dict[str, TemplateError] = {}
        if isinstance(templates, list):
            loaded = {t.id: t for t in templates}
        else:
            for path in find_templates(templates):
                try:
                    tpl = load(path)
                except TemplateError as exc:
                    broken[path.name] = exc
                    continue
                loaded[tpl.id] = tpl
        con = connect(db) if isinstance(db, str) else db
        return cls(loaded, broken, con, actor)

    def template(self, tid: str) -> Template:
        found = self.templates.get(tid)
        if found is None:
            raise Problem(errors.NOT_FOUND, f"this app serves no template {tid[:80]!r}", where=f"/forms/{tid[:80]}",
                          hint="GET /templates lists the templates it serves")
        return found

    def actor(self, request: Request) -> Actor:
        """The request's actor, from the host's mapping; nobody signed in is ``unauthenticated``."""
        who = self.actor_of(request)
        if who is None:
            raise Problem(errors.UNAUTHENTICATED, "nobody is signed in for this request", where=request.url.path,
                          hint="the host signs people in and maps the session to an Actor (docs/hosting.md)")
        if not isinstance(who, Actor):
            raise TypeError(f"the app's actor mapping returned {type(who).__name__}, not a formkit.Actor")
        return who

    @contextmanager
    def database(self) -> Iterator[Any]:
        """The connection, for one workflow call at a time."""
        if self.db is None:
            raise Problem(errors.NOT_FOUND, "this app has no database: it shows forms but stores nothing",
                          hint="start it with a database (--db URL)")
        with self.lock:
            yield self.db
