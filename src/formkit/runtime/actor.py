"""Who is calling, and what they may do (SPEC §9): the one gate every workflow call goes through.

formkit authenticates nobody: the host says who is calling with an :class:`Actor`, and every
workflow call (fill, fill_all, save_draft, submit, return_, approve, rollup, status,
corrections, audit, deploy) enters through :func:`enter`, which turns the caller's org code
into the org table's own code (as ``formkit.sql.org.unit_code`` always did) and, when an actor
is given, checks the rules below before anything is read or written:

- the unit must be ``actor.org`` or below it in the pool's org tree (subtree scope);
- the action needs one of the roles in :data:`RULES` (``filler`` fills, saves and submits;
  ``reviewer`` returns and approves; ``admin`` deploys);
- a ``pii=True`` read needs the ``pii`` role;
- a reviewer may not return or approve a submission whose last submit was their own (four eyes).

A refusal raises :class:`Forbidden` (code ``forbidden``), changes nothing and is written to the
audit table. The SQL scoping by org subtree stays where it is: it is the second wall. Without
an actor (``user=`` alone, for scripts) nothing is checked, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.meaning.template import Template
from formkit.runtime import audit
from formkit.sql import org as orgs

__all__ = ["ROLES", "RULES", "Actor", "Forbidden", "enter", "in_scope", "review", "user_of"]

#: The roles an actor may hold.
ROLES = frozenset({"filler", "reviewer", "pii", "admin"})

#: Each workflow action and the roles that may take it (any one of them is enough). Reading a
#: form, the status and the roll-up is open to both sides of the desk; writing is the filler's,
#: judging the reviewer's, deploying the admin's.
RULES: dict[str, frozenset[str]] = {
    "fill": frozenset({"filler", "reviewer"}),
    "fill_all": frozenset({"filler", "reviewer"}),
    "save_draft": frozenset({"filler"}),
    "submit": frozenset({"filler"}),
    "return": frozenset({"reviewer"}),
    "approve": frozenset({"reviewer"}),
    "rollup": frozenset({"filler", "reviewer"}),
    "status": frozenset({"filler", "reviewer"}),
    "corrections": frozenset({"reviewer"}),
    "audit": frozenset({"reviewer", "admin"}),
    "deploy": frozenset({"admin"}),
}

#: The actions a reviewer may not take on their own submission.
FOUR_EYES = frozenset({"return", "approve"})


@dataclass(frozen=True)
class Actor:
    """Who is calling: ``Actor(user="li", org="370602001", roles={"filler"})``."""

    user: str
    org: str
    roles: frozenset[str] = field(default_factory=frozenset)

    def __init__(self, user: str, org: str, roles: Iterable[str] = ()) -> None:
        given = frozenset(roles)
        if not isinstance(user, str) or not user.strip():
            raise ValueError("an Actor needs a user name (the host's login of the person calling)")
        if not isinstance(org, str) or not org.strip():
            raise ValueError(f"the actor {user!r} needs an org unit code: the top of what they may work on")
        if unknown := sorted(given - ROLES):
            raise ValueError(f"unknown role(s) {', '.join(unknown)} for {user!r}: "
                             f"the roles are {', '.join(sorted(ROLES))}")
        object.__setattr__(self, "user", user)
        object.__setattr__(self, "org", org)
        object.__setattr__(self, "roles", given)


class Forbidden(TemplateError):
    """A call the actor may not make (code ``forbidden``): nothing was read or changed."""


def user_of(actor: Actor | None, user: str | None) -> str | None:
    """The user a call records: the actor's, else the script's ``user=``."""
    return actor.user if actor is not None else user


def in_scope(db: Any, template: Template, actor: Actor, org: str, *, period: str | None = None) -> bool:
    """Whether the unit ``org`` (the org table's code) is ``actor.org`` or below it (in a dated
    org table: at ``period``'s end, else today — a street keeps the reports its communities
    made while they were its own). Without a pool there is no tree: only the actor's own code
    is in scope."""
    if template.pool is None:
        return org == actor.org
    try:
        top = orgs.org_unit(db, template.pool, actor.org, template=template).code
    except TemplateError:  # an actor whose unit the org table does not hold may do nothing
        return False
    when = template.period_of(period).end if period is not None and template.pool.org.dated else None
    return org in orgs.subtree(db, template.pool, top, when=when)


def enter(db: Any, template: Template, actor: Actor | None, action: str, org: object, *,
          period: str | None = None, pii: bool = False) -> str:
    """The org code of a workflow call, after the actor's right to take ``action`` on it is
    checked (role, ``pii``, subtree). Raises :class:`Forbidden`, audited, when it is not."""
    code = orgs.unit_code(db, template, org)
    if actor is None:
        return code
    why = _refusal(db, template, actor, action, code, pii=pii, period=period)
    if why is not None:
        _refuse(db, template, actor, action, where=(code, period, None), why=why)
    return code


def review(db: Any, template: Template, actor: Actor | None, action: str, *, org: str, period: str,
           submission: str) -> None:
    """Four eyes, once the submission under review is known (after :func:`enter`): a reviewer
    may not return or approve a submission whose last submit was their own."""
    if actor is not None and action in FOUR_EYES and _last_submitter(db, template, submission) == actor.user:
        _refuse(db, template, actor, action, where=(org, period, submission),
                why="the last submit of this submission was your own: another reviewer must review it (four eyes)")


def _refusal(db: Any, template: Template, actor: Actor, action: str, org: str, *, pii: bool,
             period: str | None = None) -> str | None:
    """Why ``actor`` may not take ``action`` on ``org`` (None when they may)."""
    need = RULES[action]
    if not actor.roles & need:
        return f"{action.replace('_', ' ')} needs the role {' or '.join(sorted(need))}"
    if pii and "pii" not in actor.roles:
        return "reading personal data unmasked needs the role pii"
    if not in_scope(db, template, actor, org, period=period):
        return f"the unit {orgs.shown(org)} is outside {orgs.shown(actor.org)} and the units below it"
    return None


def _last_submitter(db: Any, template: Template, submission: str) -> str | None:
    events = audit.log(db, template, submission=submission, action="submit")
    return str(events[-1]["actor"]) if events else None


def _refuse(db: Any, template: Template, actor: Actor, action: str, *,
            where: tuple[str, str | None, str | None], why: str) -> None:
    """Audit the refusal (unit, period, submission: ``where``) and raise it."""
    org, period, submission = where
    audit.ensure_audit(db)
    audit.record(db, template, action="refused", user=actor.user, org=org, period=period, submission=submission,
                 detail={"action": action, "actor_org": actor.org, "roles": sorted(actor.roles), "why": why})
    message = f"{actor.user} may not {action.replace('_', ' ')} for {orgs.shown(org)}: {why}"
    hint = "ask the platform's administrator for the role or unit you need; nothing was read or changed"
    raise Forbidden([Issue(errors.FORBIDDEN.code, message, template.model.span, "", hint)], template.sources)
