"""Template: the checked template with its plan — the single input of every back end.

Pure data: nothing here runs a query. The workflow of SPEC §6 (``tpl.fill(db, …)``,
``tpl.submit(db, form)``…) is :class:`formkit.api.Template`, which ``formkit.load()`` returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.periods import EXAMPLES, Period, PeriodError, parse_period
from formkit.document.elements import ElementsModel
from formkit.document.model import PoolModel, TemplateModel, pick_label
from formkit.language.scope import Symbols
from formkit.meaning.ir import FieldIR, FormatIR, GridIR, Plan, RuleIR, TableIR


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
    elements: ElementsModel | None = None  # the dictionary its fields' elements come from (SPEC §8.1)
    # A derived template's sources (SPEC §8.4): alias -> the checked source template.
    derived_from: dict[str, Template] = field(default_factory=dict, repr=False)

    @property
    def derived(self) -> bool:
        return bool(self.derived_from)

    @property
    def reads_prev(self) -> bool:
        """Whether any value or calc reads last period's submission (``prev()``): then a fill,
        a write and a preview read that submission too."""
        exprs = [e for f in self.fields.values() for e in (f.value, f.calc) if e is not None]
        exprs += [c.expr for g in self.grids.values() for c in g.cells.values() if c.expr is not None]
        return any(e.prev_of for e in exprs)

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

    def __repr__(self) -> str:
        return f"<Template {self.id} v{self.version}: {len(self.model.fields)} fields>"
