"""The admission fence (SPEC §8.3): a proposed template against the templates already admitted.

Refused outright without ``basis`` or ``owner`` or past ``valid_until``; otherwise every typed
field whose item is already collected at the same level with a derivable period, or that the
pool can answer, is flagged with where and what to change, and the proposal is refused when at
least ``max_overlap`` of its typed fields are flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from formkit.core.errors import TemplateError
from formkit.core.periods import nests
from formkit.document.elements import Element, ElementsModel
from formkit.document.loader import read_document
from formkit.meaning.template import Template
from formkit.once import match as matching
from formkit.once.collect import Slot, collect, problem_of, slots_of
from formkit.once.report import Admission, Flag, Place, Problem, Verdict
from formkit.once.review import findings
from formkit.pipeline import load_document, load_elements

MAX_OVERLAP = 0.8  # SPEC §8.3's default `--max-overlap`


def admit(new: str | Path, catalog: Iterable[str | Path], *, elements: str | Path | ElementsModel | None = None,
          max_overlap: float = MAX_OVERLAP, today: dt.date | None = None) -> Admission:
    """Review ``new`` against the templates under ``catalog``: the verdict and every flagged
    field (SPEC §8.3). A template already catalogued under the same id (an earlier version) is
    left out of the comparison."""
    dictionary = load_elements(elements) if isinstance(elements, str | Path) else elements
    proposal, problems = _load(Path(new), dictionary)
    if proposal is None:
        return Admission("refuse", Path(new).stem, str(new), 0, [], problems, 0.0, max_overlap)
    problems += findings(proposal, today or dt.date.today())
    got = collect(catalog, elements=dictionary)
    others = [t for t in got.templates if t.id != proposal.id]
    if proposal.elements is not None:
        got.dictionaries.setdefault(str(Path(proposal.elements.file).resolve()), proposal.elements)
    elements_of = matching.element_table(got.dictionaries.values())
    mine = slots_of(proposal)
    every = [s for t in others for s in slots_of(t)] + mine
    m = matching.match(every, elements_of)
    flags = _flags(m, len(every) - len(mine), proposal, elements_of)
    typed = sum(1 for s in mine if s.typed)
    overlap = len(flags) / typed if typed else 0.0
    verdict: Verdict = "refuse" if problems or (typed and overlap >= max_overlap) else (
        "admit-with-changes" if flags else "admit")
    return Admission(verdict, proposal.id, proposal.model.file, typed, flags, problems, overlap, max_overlap)


def _load(path: Path, dictionary: ElementsModel | None) -> tuple[Template | None, list[Problem]]:
    try:
        doc = read_document(path)
        named = isinstance(doc.data, dict) and "elements" in doc.data
        return load_document(doc, elements=None if named else dictionary), []
    except TemplateError as exc:
        return None, [problem_of(i) for i in exc.issues]


def _flags(m: matching.Matched, first: int, proposal: Template, elements: Mapping[str, Element]) -> list[Flag]:
    members = m.members()
    out = []
    for i in range(first, len(m.slots)):
        s = m.slots[i]
        if not s.typed:
            continue
        root = m.item_of[i]
        others = [m.slots[j] for j in members[root] if j < first]
        collected = [o.place for o in others if _derivable_here(o, proposal)]
        binding = next((o for o in others if o.binding_text is not None), None)
        element_key = s.element or m.element_of.get(root)
        element = elements.get(element_key) if element_key is not None else None
        change = _change(s, collected, binding, element)
        if change is None:
            continue
        answerable = binding is not None or (element is not None and element.value is not None)
        kind: Literal["collected", "pool"] = "pool" if answerable else "collected"
        out.append(Flag(s.place, kind, collected, change))
    return out


def _derivable_here(other: Slot, proposal: Template) -> bool:
    """Collected at the proposal's level, in periods the proposal's can be derived from."""
    return other.place.level == proposal.level and nests(other.place.period, proposal.period)


def _change(s: Slot, collected: list[Place], binding: Slot | None, element: Element | None) -> str | None:
    parts = []
    if binding is not None and binding.binding_text is not None:
        parts.append(f"bind it to the pool as {binding.place.template}.{binding.place.field} does "
                     f"({binding.place.where}): value: {binding.binding_text}")
    elif element is not None and element.value is not None and element.value.text is not None:
        parts.append(f"bind it to the pool: name element {element.id} (its value is {element.value.text})")
    if collected and not parts:
        first = collected[0]
        parts.append(f"derive it from {first.template} ({first.where}) instead of asking it again")
    if not parts:
        return None
    if element is not None and s.element is None:
        parts.append(f"name element {element.id}")
    return "; ".join(parts)
