"""The proof stage's entry point: a checked template in, located findings out (SPEC §11).

``formkit check`` calls :func:`prove` on every template it loads. The findings are issues with
stable codes; what was skipped (not encodable exactly) and what was not proved in time are
counted and shown with ``formkit check --explain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import z3

from formkit.core import errors
from formkit.core.errors import Issue
from formkit.meaning.template import Template
from formkit.proof.model import Item, Model, Skip, build_model
from formkit.proof.probe import Evidence, gather
from formkit.proof.prove import QUERY_MS, TEMPLATE_S, Answers, Prover, Range

__all__ = ["Proof", "prove"]


@dataclass
class Proof:
    template: str
    issues: list[Issue] = field(default_factory=list)
    ranges: list[Range] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    not_proved: list[str] = field(default_factory=list)
    queries: int = 0
    answers: Answers | None = None
    model: Model | None = None
    probed: bool = False  # settled by concrete submissions (probe.py): no solver was needed

    def explain(self) -> str:
        """``formkit check --explain``: each numeric value's implied range, what was skipped and
        what was not proved."""
        out = [f"{self.template}: {self.queries} solver queries, {len(self.skipped)} part(s) skipped, "
               f"{len(self.not_proved)} not proved"]
        for r in self.ranges:
            low = "-∞" if r.low is None else _num(r.low)
            high = "+∞" if r.high is None else _num(r.high)
            out.append(f"  {r.slot}: [{low}, {high}]" + ("" if r.proved else "  (not proved in time)"))
        out += [f"  skipped {s.what} ({s.span.line}:{s.span.column}): {s.why}" for s in self.skipped]
        out += [f"  not proved: {what}" for what in self.not_proved]
        return "\n".join(out)


def prove(template: Template, *, explain: bool = False, budget_s: float = TEMPLATE_S,
          query_ms: int = QUERY_MS) -> Proof:
    evidence = gather(template)
    if not explain and evidence.settles(template):
        return Proof(template.id, probed=True)  # ordinary submissions settled every question
    try:
        return _solved(template, evidence, explain, budget_s, query_ms)
    except z3.Z3Exception as exc:  # the solver refused a formula: nothing proved, nothing claimed
        return Proof(template.id, not_proved=[f"anything: the solver failed ({exc})"])


def _solved(template: Template, evidence: Evidence, explain: bool, budget_s: float, query_ms: int) -> Proof:
    m = build_model(template)
    proof = Proof(template.id, skipped=list(m.skipped), model=m)
    if not m.items and not m.conditions:
        return proof  # nothing to ask: no solver is built
    a = Prover(m, budget_s, query_ms).run(explain=explain, evidence=None if explain else evidence)
    proof.answers, proof.ranges, proof.not_proved, proof.queries = a, a.ranges, a.not_proved, a.queries
    proof.issues = _issues(m, a)
    return proof


def _at(it: Item) -> str:
    return f"{it.what} (line {it.span.line})"


def _issues(m: Model, a: Answers) -> list[Issue]:
    out: list[Issue] = []
    if a.infeasible:
        first = min(a.infeasible, key=lambda it: (not it.key.startswith("rule:"), it.span.line, it.span.column))
        names = ", ".join(_at(it) for it in _by_line(a.infeasible))
        rosters = sorted(_rosters(m, a.infeasible))
        what = (f"no row of {', '.join(repr(t) for t in rosters)} can satisfy all of" if rosters
                else "no submission can satisfy all of")
        out.append(Issue(errors.RULES_INFEASIBLE.code,
                         f"{what}: {names}", first.span, "",
                         "these cannot all hold at once, so the form could never be submitted: loosen or remove "
                         "one of them (each one alone can be met)", "error"))
    for r, because in a.redundant:
        why = ", ".join(_at(it) for it in _by_line(because)) if because else "the types and choices of its fields"
        out.append(Issue(errors.RULE_REDUNDANT.code, f"{r.what} can never fail: it follows from {why}", r.span, "",
                         "remove the rule, or fix it if it was meant to say more", "info"))
    conds = {c.key: c for c in m.conditions}
    for key, always in a.constant:
        c = conds[key]
        word = "true" if always else "false"
        out.append(Issue(errors.CONDITION_CONSTANT.code,
                         f"{c.what} is always {word} for any submission that meets the bounds and rules",
                         c.span, "", f"write `{word}` if that is meant, or fix the condition", "warning"))
    for it, w, value in a.out_of_bounds:
        slot = m.slots[it.slot or ""]
        example = w.shown()
        out.append(Issue(errors.CALC_OUT_OF_BOUNDS.code,
                         f"'{slot.label}' can be {_num(value)}, outside {it.what}, while every input and rule is "
                         f"met" + (f" (for example {example})" if example else ""), it.span, "",
                         "add a rule that keeps the inputs in range, or correct the bound or the calc: as it is, "
                         "such a submission is refused with no input to blame", "warning"))
    return out


def _rosters(m: Model, items: list[Item]) -> set[str]:
    """The rosters whose one symbolic row the items speak of (a per-row rule, a column's bound)."""
    by_rule = {f"rule:{r.model.id}": r.table for r in m.tpl.rules}
    out = {by_rule.get(it.key) or (m.slots[it.slot].table if it.slot else None) for it in items}
    return {t for t in out if t is not None}


def _by_line(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda it: (it.span.line, it.span.column, it.key))


def _num(x: Fraction) -> str:
    if x.denominator == 1:
        return str(x.numerator)
    from decimal import Decimal, localcontext  # noqa: PLC0415 — only for a fraction, rarely

    with localcontext() as ctx:
        ctx.prec = 40
        return str((Decimal(x.numerator) / Decimal(x.denominator)).normalize())
