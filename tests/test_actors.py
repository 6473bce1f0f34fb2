"""Actors and authorization (SPEC §9): the generated matrix of actor unit × roles × action (× who
last submitted, for reviews) through the Python API, every outcome against the rules written
out here from the spec, every refusal ``forbidden``, audited, and changing nothing; then the
rules on every engine."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import formkit
from formkit import Actor
from formkit.api import Template
from formkit.core.errors import TemplateError
from formkit.runtime import Connection, connect
from formkit.runtime.actor import Forbidden
from formkit.runtime.audit import AUDIT
from formkit.sql.names import layout
from submissions import below, create_city, template

BODY = """\
fields:
  - {id: people, label: 人数, type: integer, value: count(rk_person)}
  - {id: received, label: 本期入库, type: integer, required: true, min: 0}
"""
TARGET = "370602001001"  # a community of street 370602001 of district 370602
ACTOR_UNITS = {
    "itself": TARGET, "its street": "370602001", "its district": "370602", "the city": "370600",
    "a sibling community": "370602001002", "another street": "370602002", "another district": "370601",
}
ROLES = ("filler", "reviewer", "pii", "admin")
SUBMITTER = "li"
# Periods that keep the states each action needs apart: a draft to save, a form to submit, a
# submitted submission (by SUBMITTER) to return or approve.
P_DRAFT, P_SUBMIT, P_REVIEW = "2026-01", "2026-02", "2026-03"

# The rules of SPEC §9, written out again here rather than read from formkit.runtime.actor:
# fillers fill, save and submit; reviewers return, approve and read corrections; both read
# forms, status and roll-ups; reviewers and admins read the audit; admins deploy.
NEEDS = {
    "fill": {"filler", "reviewer"}, "fill pii": {"filler", "reviewer"},
    "fill_all": {"filler", "reviewer"}, "fill_all pii": {"filler", "reviewer"},
    "save_draft": {"filler"}, "submit": {"filler"},
    "return": {"reviewer"}, "approve": {"reviewer"},
    "rollup": {"filler", "reviewer"}, "rollup pii": {"filler", "reviewer"},
    "status": {"filler", "reviewer"},
    "corrections": {"reviewer"}, "corrections pii": {"reviewer"},
    "audit": {"reviewer", "admin"}, "deploy": {"admin"},
}


def expected(action: str, where: str, roles: frozenset[str], user: str) -> bool:
    unit = ACTOR_UNITS[where]
    if not roles & NEEDS[action]:
        return False
    if action.endswith(" pii") and "pii" not in roles:
        return False
    if action != "deploy" and TARGET not in below(unit):
        return False
    return not (action in ("return", "approve") and user == SUBMITTER)


def _form(tpl: Template, db: Connection, period: str, received: int) -> formkit.Form:
    form = tpl.fill(db, org=TARGET, period=period, user=SUBMITTER)
    return form.set("received", received)


def _calls(tpl: Template, db: Connection, counter: itertools.count[int]) -> dict[str, Callable[[Actor], Any]]:
    """Each action as a call by an actor (forms are filled fresh, without an actor)."""
    org = TARGET
    return {
        "fill": lambda a: tpl.fill(db, org=org, period=P_DRAFT, actor=a),
        "fill pii": lambda a: tpl.fill(db, org=org, period=P_DRAFT, pii=True, actor=a),
        "fill_all": lambda a: tpl.fill_all(db, org=org, period=P_DRAFT, actor=a),
        "fill_all pii": lambda a: tpl.fill_all(db, org=org, period=P_DRAFT, pii=True, actor=a),
        "save_draft": lambda a: tpl.save_draft(db, _form(tpl, db, P_DRAFT, next(counter)), actor=a),
        "submit": lambda a: tpl.submit(db, _form(tpl, db, P_SUBMIT, next(counter)), actor=a),
        "return": lambda a: tpl.return_(db, org=org, period=P_REVIEW, notes={"received": "请核实"}, actor=a),
        "approve": lambda a: tpl.approve(db, org=org, period=P_REVIEW, actor=a),
        "rollup": lambda a: tpl.rollup(db, org=org, period=P_REVIEW, actor=a),
        "rollup pii": lambda a: tpl.rollup(db, org=org, period=P_REVIEW, pii=True, actor=a),
        "status": lambda a: tpl.status(db, org, P_REVIEW, actor=a),
        "corrections": lambda a: tpl.corrections(db, org=org, period=P_REVIEW, actor=a),
        "corrections pii": lambda a: tpl.corrections(db, org=org, period=P_REVIEW, pii=True, actor=a),
        "audit": lambda a: tpl.audit(db, org=org, actor=a),
        "deploy": lambda a: tpl.deploy(db, actor=a),
    }


def _snapshot(tpl: Template, db: Connection) -> tuple[Any, ...]:
    """Every stored submission's period, state, revision and values, and the audit's events
    other than refusals."""
    rows = db.query(f'SELECT * FROM "{layout(tpl).table}" ORDER BY period')
    events = db.query(f"SELECT count(*) FROM \"{AUDIT}\" WHERE template_id = '{tpl.id}' AND action <> 'refused'")
    return tuple(map(tuple, rows)), events[0][0]


def _refusals(tpl: Template, db: Connection) -> set[tuple[Any, ...]]:
    """(event id, actor, detail) of every refusal."""
    return {tuple(r) for r in db.query(f"SELECT event_id, actor, detail FROM \"{AUDIT}\" "
                                       f"WHERE template_id = '{tpl.id}' AND action = 'refused'")}


def _back_to_submitted(tpl: Template, db: Connection) -> None:
    """After an allowed return or approve: the review period's submission submitted again (a
    test's own reset; an approved one is locked to every formkit call)."""
    db.execute(f"UPDATE \"{layout(tpl).table}\" SET state = 'submitted' WHERE period = '{P_REVIEW}'")


def test_actor_matrix(tmp_path: Path, summary: Callable[[str], None]) -> None:
    """Unit (inside or outside the target's subtree) × every set of roles × every action (× the
    reviewer being the last submitter or not): ≥ 1,000 calls, none allowed that should not
    be, none refused that should be allowed; each refusal ``forbidden``, audited with its user,
    and nothing else stored."""
    db = connect(f"duckdb:///{tmp_path / 'actors.duckdb'}")
    create_city(db)
    tpl = template(tmp_path, BODY, prefix="actors")
    tpl.submit(db, _form(tpl, db, P_REVIEW, 1), user=SUBMITTER)
    calls = _calls(tpl, db, itertools.count(2))
    role_sets = [frozenset(c) for n in range(len(ROLES) + 1) for c in itertools.combinations(ROLES, n)]
    counts = {"allowed": 0, "refused": 0}
    wrong: list[str] = []
    for action, where, roles in itertools.product(NEEDS, ACTOR_UNITS, role_sets):
        for user in ((SUBMITTER, "wang") if action in ("return", "approve") else ("wang",)):
            actor = Actor(user=user, org=ACTOR_UNITS[where], roles=roles)
            want = expected(action, where, roles, user)
            before, refusals = _snapshot(tpl, db), _refusals(tpl, db)
            try:
                calls[action](actor)
            except Forbidden as exc:
                counts["refused"] += 1
                assert exc.issues[0].code == "forbidden" and exc.issues[0].hint
                (_, who, detail), = _refusals(tpl, db) - refusals  # one refusal more, of this call
                assert who == user and json.loads(detail)["action"] == action.split()[0]
                assert _snapshot(tpl, db) == before, f"a refused {action} changed something"
                if want:
                    wrong.append(f"refused: {action} by {user} of {where} with {sorted(roles)}: {exc}")
                continue
            counts["allowed"] += 1
            if not want:
                wrong.append(f"allowed: {action} by {user} of {where} with {sorted(roles)}")
            if action in ("return", "approve"):
                _back_to_submitted(tpl, db)
    total = counts["allowed"] + counts["refused"]
    summary(f"actor matrix (Python API, DuckDB): {total} calls, {counts['allowed']} allowed, "
            f"{counts['refused']} refused, {len(wrong)} wrong")
    assert not wrong, "\n".join(wrong[:20])
    assert total >= 1000 and counts["allowed"] > 100 and counts["refused"] > 500


# -- the rules on every engine -----------------------------------------------------------------


@pytest.fixture(scope="module")
def city(engine: Connection) -> Connection:
    create_city(engine)
    return engine


def test_rules_on_every_engine(city: Connection, tmp_path: Path) -> None:
    """A filler submits; a filler's approval, a reviewer's approval from another district and
    the submitter's own approval (holding both roles) are refused and change nothing; another
    reviewer of the district approves."""
    tpl = template(tmp_path, BODY, prefix="actors")
    li = Actor(user="li", org=TARGET, roles={"filler", "reviewer"})
    form = tpl.submit(city, _form(tpl, city, P_REVIEW, 7), actor=li)
    assert form.state == "submitted"
    refused = [Actor(user="zhao", org=TARGET, roles={"filler"}),
               Actor(user="sun", org="370601", roles={"reviewer"}), li]
    for who in refused:
        with pytest.raises(Forbidden) as caught:
            tpl.approve(city, org=TARGET, period=P_REVIEW, actor=who)
        assert caught.value.issues[0].code == "forbidden"
        assert tpl.fill(city, org=TARGET, period=P_REVIEW).state == "submitted"
    assert [e["actor"] for e in tpl.audit(city, action="refused")] == ["zhao", "sun", "li"]
    tpl.approve(city, org=TARGET, period=P_REVIEW, actor=Actor(user="wang", org="370602", roles={"reviewer"}))
    assert tpl.fill(city, org=TARGET, period=P_REVIEW).state == "approved"
    assert tpl.audit(city, action="approve")[-1]["actor"] == "wang"


def test_audit_is_scoped_to_the_actors_subtree(city: Connection, tmp_path: Path) -> None:
    """A reviewer reads the audit events of units in their subtree only."""
    tpl = template(tmp_path, BODY, prefix="actors")
    other = "370601001001"
    for org in (TARGET, other):
        form = tpl.fill(city, org=org, period=P_REVIEW).set("received", 3)
        tpl.submit(city, form, user="li")
    mine = tpl.audit(city, actor=Actor(user="wang", org="370602", roles={"reviewer"}))
    assert {e["org"] for e in mine} == {TARGET}
    with pytest.raises(Forbidden):
        tpl.audit(city, org=other, actor=Actor(user="wang", org="370602", roles={"reviewer"}))


def test_an_actor_needs_a_user_a_unit_and_known_roles() -> None:
    with pytest.raises(ValueError, match="user"):
        Actor(user=" ", org=TARGET, roles={"filler"})
    with pytest.raises(ValueError, match="unknown role"):
        Actor(user="li", org=TARGET, roles={"filler", "boss"})
    assert issubclass(Forbidden, TemplateError)
