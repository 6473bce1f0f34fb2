"""Due dates and reminders: when a period's report is due, when to remind, and who has not submitted.

A template's ``due: {after: 2d, remind: [1d]}`` makes a period's report due ``after`` days after
the period ends (2026W45 ends Sunday 8 November 2026: due Tuesday the 10th) with a reminder
``remind`` days before the due date (Monday the 9th). A ``once`` template, or one without
``due``, has no due date.

>>> import formkit
>>> tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
>>> d = due_dates(tpl, "2026W45")
>>> d.due.isoformat(), [r.isoformat() for r in d.reminders]
('2026-11-10', ['2026-11-09'])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from formkit.core.periods import Period, period_containing, previous
from formkit.evaluation.evaluator import today_in
from formkit.meaning.template import Template
from formkit.runtime.actor import Actor, enter
from formkit.runtime.workflow import deploy, submission_states
from formkit.sql import org as orgs
from formkit.sql.ddl import zone
from formkit.sql.engines import render

__all__ = ["DueDates", "Status", "due_dates", "period_containing", "reminders_on", "status"]


@dataclass(frozen=True)
class DueDates:
    """When ``period``'s report is due and when to remind (both None/empty without ``due``)."""

    period: str
    due: dt.date | None
    reminders: list[dt.date] = field(default_factory=list)

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and today > self.due


def due_dates(template: Template, period: str) -> DueDates:
    """The due date and reminder dates of ``period`` (a period of the template's kind)."""
    p = template.period_of(period)
    due = template.model.due
    if due is None or p.end is None:
        return DueDates(p.text, None, [])
    when = p.end + dt.timedelta(days=due.after_days)
    reminders = sorted({when - dt.timedelta(days=d) for d in due.remind_days})
    return DueDates(p.text, when, reminders)


def reminders_on(template: Template, day: dt.date) -> list[tuple[str, str]]:
    """What to send on ``day``: ``(period, "remind" | "due")`` for every period whose reminder
    or due date falls on it."""
    due = template.model.due
    if due is None or template.period == "once":
        return []
    out: list[tuple[str, str]] = []
    p: Period | None = period_containing(template.period, day)
    horizon = day - dt.timedelta(days=due.after_days + 1)
    while p is not None and p.end is not None and p.end >= horizon:
        d = due_dates(template, p.text)
        if d.due == day:
            out.append((p.text, "due"))
        elif day in d.reminders:
            out.append((p.text, "remind"))
        p = previous(p)
    return sorted(out)


@dataclass
class Status:
    """``formkit status``: a period's due dates and the units that have not submitted."""

    template: str
    version: int
    org: str
    period: str
    level: str | None
    due: DueDates
    expected: int
    submitted: int
    missing: list[dict[str, Any]]  # code, name, state (None: nothing stored)
    today: dt.date

    @property
    def overdue(self) -> bool:
        return bool(self.missing) and self.due.overdue(self.today)

    def to_json(self) -> dict[str, Any]:
        return {"template": self.template, "version": self.version, "org": self.org, "period": self.period,
                "level": self.level, "due": self.due.due.isoformat() if self.due.due else None,
                "reminders": [r.isoformat() for r in self.due.reminders], "overdue": self.overdue,
                "expected": self.expected, "submitted": self.submitted, "missing": self.missing}


def status(template: Template, db: Any, org: str, period: str, *, today: dt.date | None = None,
           actor: Actor | None = None) -> Status:
    """Due date, reminders, and every unit at the template's level under ``org`` that has not
    submitted ``period`` (with its state: None, ``draft`` or ``returned``)."""
    template.period_of(period)
    if template.pool is None or template.level is None:
        raise ValueError(f"'{template.id}' has no pool and level: there is nobody to wait for")
    org = enter(db, template, actor, "status", org, period=period)
    deploy(db, template)
    units = _units(db, template, org, period)
    # a derived report is there when its source is: its coverage is the source's (SPEC §8.4)
    states = submission_states(db, next(iter(template.derived_from.values()), template), org, period)
    done = ("submitted", "approved")
    missing = [{"code": code, "name": name, "state": states[code][0] if code in states else None}
               for code, name in units if code not in states or states[code][0] not in done]
    return Status(template.id, template.version, org, period, template.level, due_dates(template, period),
                  expected=len(units), submitted=len(units) - len(missing), missing=missing,
                  today=today or today_in(zone(template)))


def _units(db: Any, template: Template, org: str, period: str) -> list[tuple[str, str]]:
    """(code, name) of the units at the template's level in ``org``'s subtree as it stood at the
    period's end, each with its name then (one statement)."""
    assert template.pool is not None and template.level is not None
    pool = template.pool
    o = pool.org
    level = orgs.level_number(pool, template.level)

    def build() -> exp.Expression:
        scope = orgs.fresh("_scope", orgs.pool_names(pool))
        q = (exp.select(orgs.col(o.id, "u"), orgs.col(o.name, "u")).from_(orgs.table(o.table, "u"))
             .join(orgs.table(scope), on=exp.EQ(this=orgs.col(o.id, "u"), expression=orgs.col("code", scope)))
             .where(exp.EQ(this=orgs.col("level", scope), expression=exp.Literal.number(level)))
             .order_by(orgs.col(o.id, "u")))
        then = orgs.rows_as_of(pool, None, "u")  # a dated org table: the unit's row of then
        if then is not None:
            q = q.where(then, copy=False)
        q.set("with_", exp.With(expressions=[orgs.scope_cte(pool, scope)]))
        return q

    compiled = orgs.cached(pool, ("wf_units", db.dialect, level), lambda: render(build(), db.dialect))
    rows = orgs.run(db, compiled, {orgs.ORG_PARAM: org, **orgs.period_end(template, period, db)})
    if not rows:
        orgs.org_unit(db, pool, org, template=template)  # an unknown code is an error, not "nobody"
    return [(str(c), str(n)) for c, n in rows]
