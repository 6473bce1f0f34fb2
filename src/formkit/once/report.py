"""Report: what a catalog and an admission review found, as plain data (SPEC §8.2, §8.3).

Every renderer (the text summary, ``--json``, ``--html``, ``--xlsx``) reads these objects and
nothing else; ``to_dict`` gives the ``--json`` shape that ``dsl/catalog.schema.json`` and
``dsl/admission.schema.json`` describe.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

MatchRule = Literal["element", "pool", "label"]
Verdict = Literal["admit", "admit-with-changes", "refuse"]


@dataclass(frozen=True)
class Place:
    """One field of one template: where an item is asked."""

    template: str  # the template id
    field: str  # its path in the form: id, table.column or grid.row.column
    label: str
    file: str
    line: int
    column: int
    owner: str | None
    level: str | None
    period: str
    times_per_year: int  # periods per year × units at the level

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class TemplateEntry:
    """One template of the inventory. Field counts count a grid's non-total cells one each and a
    roster's columns one each; ``typed`` = not pre-filled and not calculated."""

    id: str
    title: str
    file: str
    owner: str | None
    level: str | None
    period: str
    periods_per_year: int
    units: int  # units at the level (1 without --db)
    fields: int
    typed: int
    prefilled: int
    calculated: int
    yearly_burden: int  # typed × periods per year × units
    basis: str | None
    valid_until: str | None


@dataclass(frozen=True)
class Problem:
    """A file the catalog could not use, or a finding about one: located, with a stable code."""

    code: str
    message: str
    file: str
    line: int
    column: int
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"


@dataclass(frozen=True)
class Group:
    """Inventory totals of the templates sharing one owner, level or period."""

    key: str
    templates: int
    fields: int
    typed: int
    prefilled: int
    yearly_burden: int

    @property
    def share_prefilled(self) -> float:
        return self.prefilled / (self.typed + self.prefilled) if self.typed + self.prefilled else 0.0


@dataclass(frozen=True)
class Item:
    """One data item asked in two or more templates: every place it is asked, and why they are
    one item (``rules``: the matching rules that joined them)."""

    key: str  # stable: the element id, else the first place's template.field
    label: str
    type: str
    rules: list[MatchRule]
    element: str | None
    binding: str | None  # the pool expression one of its places uses, when it has one
    places: list[Place]

    @property
    def templates(self) -> int:
        return len({p.template for p in self.places})

    @property
    def times_per_year(self) -> int:
        return sum(p.times_per_year for p in self.places)


@dataclass(frozen=True)
class SimilarPair:
    """Two labels that are only similar: maybe the same item, never merged automatically."""

    a: Place
    b: Place
    score: float  # 0..1


@dataclass(frozen=True)
class Prefillable:
    """A typed field whose item the pool already answers, and the binding to use."""

    place: Place
    binding: str  # the expression to write as its `value`
    source: str  # where the binding comes from: "element E" or a place's template.field (file:line)


@dataclass(frozen=True)
class MergeCandidate:
    """Templates at one level whose items overlap by at least half: one template could ask them."""

    templates: list[str]
    level: str | None
    period: str  # the finest period among them (the merged template's)
    fields_before: int
    fields_after: int
    overlap: float  # the smallest pairwise Jaccard overlap that joined them

    @property
    def reduction(self) -> float:
        return 1 - self.fields_after / self.fields_before if self.fields_before else 0.0


@dataclass(frozen=True)
class ReviewEntry:
    """A template to review for exit (定期评估退出), with every reason (stable codes)."""

    template: str
    file: str
    line: int
    reasons: list[str]  # codes: past-valid-until, missing-basis, missing-owner, no-recent-submissions
    messages: list[str]


@dataclass(frozen=True)
class Totals:
    templates: int
    fields: int
    typed: int
    prefilled: int
    calculated: int
    yearly_burden: int
    units_from: Literal["database", "one per template"]

    @property
    def share_prefilled(self) -> float:
        """Pre-filled over all fields that are not calculated (Yangpu's 41.7% is this figure)."""
        return self.prefilled / (self.typed + self.prefilled) if self.typed + self.prefilled else 0.0


@dataclass(frozen=True)
class Stats:
    """How much matching work was done (the benchmark reports these)."""

    fields: int
    items: int
    labels: int  # distinct normalised labels compared for similarity
    pairs_compared: int  # label pairs actually scored
    pools: int = 0  # pool files found under the paths (read by the templates, not catalogued)
    dictionaries: int = 0  # element dictionaries used


@dataclass
class CatalogReport:
    templates: list[TemplateEntry]
    totals: Totals
    by_owner: list[Group]
    by_level: list[Group]
    by_period: list[Group]
    repeated: list[Item]
    similar: list[SimilarPair]
    prefillable: list[Prefillable]
    merges: list[MergeCandidate]
    review: list[ReviewEntry]
    problems: list[Problem]
    stats: Stats
    overlap: dict[str, dict[str, int]] = field(default_factory=dict)  # template → template → shared items

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = _plain(self)
        return plain


@dataclass(frozen=True)
class Flag:
    """A field of a proposed template that is already collected or answerable, and what to do."""

    place: Place
    kind: Literal["collected", "pool"]
    where: list[Place]  # where it is already collected (empty for a pool answer from an element)
    change: str  # the change to make, in words an admin can follow


@dataclass
class Admission:
    verdict: Verdict
    template: str
    file: str
    typed: int  # typed fields of the proposal
    flagged: list[Flag]
    problems: list[Problem]  # why it is refused outright (missing basis or owner, past valid_until)
    overlap: float  # flagged typed fields over typed fields
    max_overlap: float

    @property
    def exit_code(self) -> int:
        return 1 if self.verdict == "refuse" else 0

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = _plain(self)
        return plain


COMPUTED = {  # computed figures the JSON carries beside the stored ones
    Place: ("where",), Group: ("share_prefilled",), Item: ("templates", "times_per_year"),
    MergeCandidate: ("reduction",), Totals: ("share_prefilled",), Admission: ("exit_code",),
}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name in COMPUTED.get(type(value), ()):
            out[name] = _plain(getattr(value, name))
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, float):
        return round(value, 4)
    return value
