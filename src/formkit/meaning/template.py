"""Template: the checked template with its plan — the single input of every back end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.periods import EXAMPLES, Period, PeriodError, parse_period
from formkit.document.model import PoolModel, TemplateModel, pick_label
from formkit.language.scope import Symbols
from formkit.meaning.ir import FieldIR, FormatIR, GridIR, Plan, RuleIR, TableIR

if TYPE_CHECKING:
    from formkit.runtime.connect import Connection
    from formkit.runtime.due import DueDates, Status
    from formkit.runtime.form import Form
    from formkit.runtime.workflow import SQLText

# The workflow methods below delegate to formkit.runtime, which builds on this module; they
# import it when called, so loading and checking a template never loads the engines.


@dataclass
class Template:
    model: TemplateModel
    pool: PoolModel | None
    symbols: Symbols
    fields: dict[str, FieldIR]
    tables: dict[str, TableIR]
    grids: dict[str, GridIR]
    rules: list[RuleIR]
    formats: list[FormatIR]
    plan: Plan
    sources: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def version(self) -> int:
        return self.model.version

    @property
    def period(self) -> str:
        return self.model.period

    @property
    def level(self) -> str | None:
        return self.model.level

    def title(self, lang: str = "zh") -> str:
        return pick_label(self.model.title, lang)

    def period_of(self, text: str) -> Period:
        """The period ``text`` names, which must be of this template's kind (SPEC §3, §7)."""
        try:
            return parse_period(text, self.model.period)
        except PeriodError as exc:
            issue = Issue(errors.BAD_PERIOD.code, str(exc), self.model.span_of("period"), "period",
                          f"this template is {self.model.period}: write periods like {EXAMPLES[self.model.period]}")
            raise TemplateError([issue], self.sources) from None

    # -- the workflow (SPEC §6), implemented in formkit.runtime ---------------------------------

    def sql(self, query: str | None = None, dialect: str = "duckdb", level: str | None = None) -> SQLText:
        """The SQL of one query (``prefill``, ``all_units``, ``rows``, ``ddl``, ``rollup``, ``validate``)."""
        from formkit.runtime import workflow

        return workflow.sql(self, query, dialect, level)

    def fill(self, db: Connection, org: str, period: str, *, pii: bool = False, user: str | None = None) -> Form:
        """The pre-filled, calculated form of one org unit for one period."""
        from formkit.runtime import workflow

        return workflow.fill(self, db, org, period, pii=pii, user=user)

    def fill_all(self, db: Connection, org: str, period: str, *, pii: bool = False,
                 user: str | None = None) -> list[Form]:
        """Send down to all: the form of every unit at the template's level under ``org``."""
        from formkit.runtime import workflow

        return workflow.fill_all(self, db, org, period, pii=pii, user=user)

    def save_draft(self, db: Connection, form: Form, *, user: str | None = None) -> Form:
        """Store a draft; never blocked by rules."""
        from formkit.runtime import workflow

        return workflow.save_draft(self, db, form, user=user)

    def submit(self, db: Connection, form: Form, *, user: str | None = None) -> Form:
        """Validate on the server and store atomically; idempotent; refused when stale."""
        from formkit.runtime import workflow

        return workflow.submit(self, db, form, user=user)

    def return_(self, db: Connection, *, org: str, period: str, notes: Any = None, user: str | None = None,
                revision: int | None = None) -> int:
        """Return a submission to its unit with notes on fields or cells."""
        from formkit.runtime import workflow

        return workflow.return_(self, db, org=org, period=period, notes=notes, user=user, revision=revision)

    def approve(self, db: Connection, *, org: str, period: str, user: str | None = None,
                revision: int | None = None) -> int:
        """Approve (and lock) a submission."""
        from formkit.runtime import workflow

        return workflow.approve(self, db, org=org, period=period, user=user, revision=revision)

    def rollup(self, db: Connection, *, org: str, period: str, level: str | None = None, pii: bool = False,
               user: str | None = None) -> list[dict[str, Any]]:
        """Roll submitted and approved submissions up to ``level`` under ``org``, with coverage."""
        from formkit.runtime import workflow

        return workflow.rollup(self, db, org=org, period=period, level=level, pii=pii, user=user)

    def corrections(self, db: Connection, *, org: str, period: str, pii: bool = False,
                    user: str | None = None) -> list[dict[str, Any]]:
        """Every pre-filled value staff corrected, for the pool's owners (personal data masked
        unless ``pii``; a ``pii`` read is audited)."""
        from formkit.runtime import workflow

        return workflow.corrections(self, db, org=org, period=period, pii=pii, user=user)

    def due(self, period: str) -> DueDates:
        """The due date and reminder dates of ``period``."""
        from formkit.runtime import due

        return due.due_dates(self, period)

    def status(self, db: Connection, org: str, period: str) -> Status:
        """Due date, reminders, and every unit under ``org`` that has not submitted."""
        from formkit.runtime import due

        return due.status(self, db, org, period)

    def __repr__(self) -> str:
        return f"<Template {self.id} v{self.version}: {len(self.model.fields)} fields>"
