"""Form state: what the evaluation of one form holds — its values, issues and format hits.

Shared by :mod:`.formeval` (which fills it in plan order) and :mod:`.formchecks` (which runs the
checks over it), so that neither imports the other for its types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from formkit.document.model import pick_label
from formkit.evaluation.evaluator import Env, Value
from formkit.evaluation.functions import Spec
from formkit.meaning.template import Template

__all__ = ["FormIssue", "FormValues", "FormatHit", "Key", "Place"]

Place = tuple[str | None, int | str | None, str | None]  # field, row, col
Key = tuple[str, int | str | None, str | None]


@dataclass(frozen=True)
class FormIssue:
    """One problem with a value: SPEC §5's ``issues`` entry, its message in each language."""

    field: str | None
    row: int | str | None
    col: str | None
    rule: str
    severity: str
    text: Mapping[str, str]
    also: tuple[str, ...] = ()

    def message(self, lang: str = "zh") -> str:
        return pick_label(dict(self.text), lang)

    def to_json(self, lang: str = "zh") -> dict[str, object]:
        return {
            "field": self.field,
            "row": self.row,
            "col": self.col,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message(lang),
        }


@dataclass(frozen=True)
class FormatHit:
    """A format whose ``when`` holds, at one place (``row`` as for issues)."""

    field: str | None
    row: int | str | None
    col: str | None
    style: str | None
    css_class: str | None


@dataclass
class FormValues:
    """The evaluated form: ``values`` (scalar fields and ``grid.row.col`` cells), ``tables``,
    ``issues`` and ``formats``. ``evaluations``/``checks`` count slot evaluations and check runs
    since creation; ``last_evaluated``/``last_checked`` name those of the latest call."""

    values: dict[str, Value]
    tables: dict[str, list[dict[str, Value]]]
    env: Env
    typed: dict[str, Value] = field(default_factory=dict)
    prefilled: dict[str, Value] = field(default_factory=dict)
    pool_rows: dict[str, list[Mapping[str, object]]] = field(default_factory=dict)
    base_rows: dict[str, list[dict[str, Value]]] = field(default_factory=dict)
    hidden: set[Key] = field(default_factory=set)
    refused: set[Key] = field(default_factory=set)
    rejected: dict[Key, object] = field(default_factory=dict)  # what was typed at each refused place
    row_orders: dict[str, list[str]] = field(default_factory=dict)
    specs: dict[str, Spec] = field(default_factory=dict)  # by place: see formchecks.all_specs
    evaluations: int = 0
    checks: int = 0
    last_evaluated: list[str] = field(default_factory=list)
    last_checked: list[str] = field(default_factory=list)
    found: dict[str, list[FormIssue]] = field(default_factory=dict)  # by check key, in form order
    hits: dict[str, list[FormatHit]] = field(default_factory=dict)

    @property
    def issues(self) -> list[FormIssue]:
        return [i for group in self.found.values() for i in group]

    @property
    def formats(self) -> list[FormatHit]:
        return [h for group in self.hits.values() for h in group]

    def grids(self, template: Template) -> dict[str, dict[str, dict[str, Value]]]:
        """Grid cells nested as in SPEC §5: ``{grid: {row: {col: value}}}``."""
        return {
            gid: {
                r.id: {c.id: self.values.get(f"{gid}.{r.id}.{c.id}") for c in g.model.grid_columns}
                for r in g.model.grid_rows
            }
            for gid, g in template.grids.items()
        }
