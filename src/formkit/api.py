"""The public Template: the checked template with the workflow of SPEC §6 as its methods.

:class:`formkit.meaning.template.Template` is pure data, the input of every back end, and
imports nothing that runs. This subclass, which ``formkit.load()`` returns, adds the workflow
(``tpl.fill(db, …)``, ``tpl.submit(db, form)``, ``tpl.audit(db)``…): each method hands the
template to the module function that does the work, imported on first call, so loading and
checking a template never loads the engines, the renderers or the database drivers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from formkit.meaning import template

if TYPE_CHECKING:
    from formkit.core.connection import Connection
    from formkit.core.errors import Issue
    from formkit.runtime.actor import Actor
    from formkit.runtime.due import DueDates, Status
    from formkit.runtime.form import Form
    from formkit.runtime.workflow import SQLText

__all__ = ["Template"]


class Template(template.Template):
    """A checked template (see :class:`formkit.meaning.template.Template`) with its workflow."""

    def sql(self, query: str | None = None, dialect: str = "duckdb", level: str | None = None) -> SQLText:
        """The SQL of one query (``prefill``, ``all_units``, ``rows``, ``ddl``, ``rollup``, ``validate``)."""
        from formkit.runtime import workflow

        return workflow.sql(self, query, dialect, level)

    def fill(self, db: Connection, org: str, period: str, *, pii: bool = False, user: str | None = None,
             actor: Actor | None = None) -> Form:
        """The pre-filled, calculated form of one org unit for one period."""
        from formkit.runtime import workflow

        return workflow.fill(self, db, org, period, pii=pii, user=user, actor=actor)

    def fill_all(self, db: Connection, org: str, period: str, *, pii: bool = False,
                 user: str | None = None, actor: Actor | None = None) -> list[Form]:
        """Send down to all: the form of every unit at the template's level under ``org``."""
        from formkit.runtime import workflow

        return workflow.fill_all(self, db, org, period, pii=pii, user=user, actor=actor)

    def save_draft(self, db: Connection, form: Form, *, user: str | None = None,
                   actor: Actor | None = None) -> Form:
        """Store a draft; never blocked by rules."""
        from formkit.runtime import workflow

        return workflow.save_draft(self, db, form, user=user, actor=actor)

    def submit(self, db: Connection, form: Form, *, user: str | None = None,
               actor: Actor | None = None) -> Form:
        """Validate on the server and store atomically; idempotent; refused when stale."""
        from formkit.runtime import workflow

        return workflow.submit(self, db, form, user=user, actor=actor)

    def return_(self, db: Connection, *, org: str, period: str, notes: Any = None, user: str | None = None,
                revision: int | None = None, actor: Actor | None = None) -> int:
        """Return a submission to its unit with notes on fields or cells."""
        from formkit.runtime import workflow

        return workflow.return_(self, db, org=org, period=period, notes=notes, user=user, revision=revision,
                                actor=actor)

    def approve(self, db: Connection, *, org: str, period: str, user: str | None = None,
                revision: int | None = None, actor: Actor | None = None) -> int:
        """Approve (and lock) a submission."""
        from formkit.runtime import workflow

        return workflow.approve(self, db, org=org, period=period, user=user, revision=revision, actor=actor)

    def rollup(self, db: Connection, *, org: str, period: str, level: str | None = None, pii: bool = False,
               user: str | None = None, actor: Actor | None = None) -> list[dict[str, Any]]:
        """Roll submitted and approved submissions up to ``level`` under ``org``, with coverage."""
        from formkit.runtime import workflow

        return workflow.rollup(self, db, org=org, period=period, level=level, pii=pii, user=user, actor=actor)

    def corrections(self, db: Connection, *, org: str, period: str, pii: bool = False,
                    user: str | None = None, actor: Actor | None = None) -> list[dict[str, Any]]:
        """Every pre-filled value staff corrected, for the pool's owners (personal data masked
        unless ``pii``; a ``pii`` read is audited)."""
        from formkit.runtime import workflow

        return workflow.corrections(self, db, org=org, period=period, pii=pii, user=user, actor=actor)

    def due(self, period: str) -> DueDates:
        """The due date and reminder dates of ``period``."""
        from formkit.runtime import due

        return due.due_dates(self, period)

    def status(self, db: Connection, org: str, period: str, *, actor: Actor | None = None) -> Status:
        """Due date, reminders, and every unit under ``org`` that has not submitted."""
        from formkit.runtime import due

        return due.status(self, db, org, period, actor=actor)

    def audit(self, db: Connection, *, actor: Actor | None = None, **filters: Any) -> list[dict[str, Any]]:
        """The audit events of this template (``org=``, ``period=``, ``action=``…: see
        :func:`formkit.runtime.audit.log`)."""
        from formkit.runtime import workflow

        return workflow.audit_log(self, db, actor=actor, **filters)

    def deploy(self, db: Connection, *, actor: Actor | None = None) -> None:
        """Create this template's submission tables, registry entry and audit table (with an
        ``actor``: an ``admin`` only)."""
        from formkit.runtime import workflow

        workflow.deploy(db, self, actor=actor)

    def check_deployed(self, db: Connection) -> list[Issue]:
        """Issues of this template against its deployed versions (``formkit check --db``)."""
        from formkit.runtime import workflow

        return workflow.check_deployed(db, self)
