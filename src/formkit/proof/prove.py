"""The questions asked of a template's model, each under a time budget (SPEC §11).

Sound by construction: a finding that says *no submission can* (``rules-infeasible``,
``rule-redundant``, ``condition-constant``) rests on an unsat answer over a model that only
ever widens what is possible (skipped parts are free), so it holds of the template; a finding
that says *a submission can* (``calc-out-of-bounds``) rests on a witness that the Python
evaluator has run. An unknown answer (a timeout) is "not proved", never a finding.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import z3

from formkit.proof.encode import Val
from formkit.proof.model import MAX_DIGITS, Condition, Item, Model, build_model
from formkit.proof.probe import Evidence
from formkit.proof.witness import Witness, decode, evaluate, failing

# The budget is counted in z3's resource units, not in seconds, so a template gets the same
# answers on a quiet laptop and on a loaded CI machine: what is proved never depends on the load.
# Units do not map to seconds evenly: on the benchmark machine 2 M units took 0.1-1.4 s of one
# core. The questions `formkit check` asks use a few thousand units each; the implied ranges of
# --explain are the ones that reach the limit. The wall-clock limits are only a backstop
# against a pathological query, far above what the units allow.
QUERY_UNITS = 2_000_000  # one solver call
TEMPLATE_UNITS = 20_000_000  # one template's whole analysis
QUERY_MS = 10_000  # backstop per call
TEMPLATE_S = 60.0  # backstop per template


@dataclass
class Range:
    slot: str
    label: str
    low: Fraction | None  # None: unbounded below (or not proved: see ``proved``)
    high: Fraction | None
    proved: bool = True
    nullable: bool = True


@dataclass
class Answers:
    infeasible: list[Item] = field(default_factory=list)  # a minimal conflicting set
    infeasible_witnesses: list[Witness] = field(default_factory=list)  # one per member, without it
    redundant: list[tuple[Item, list[Item]]] = field(default_factory=list)  # the rule, what implies it
    constant: list[tuple[str, bool]] = field(default_factory=list)  # condition key, always true/false
    constant_witness: dict[str, Witness] = field(default_factory=dict)  # a submission it holds (fails) in
    out_of_bounds: list[tuple[Item, Witness, Fraction]] = field(default_factory=list)
    ranges: list[Range] = field(default_factory=list)
    not_proved: list[str] = field(default_factory=list)
    queries: int = 0


class Prover:
    def __init__(self, m: Model, budget_s: float = TEMPLATE_S, query_ms: int = QUERY_MS) -> None:
        self.m = m
        self.deadline = time.perf_counter() + budget_s
        self.query_ms = query_ms
        self.s = z3.Solver()
        self.s.add(*m.base)
        self.flag = {it.key: z3.Bool(f"!{it.key}") for it in m.items}
        self.by_flag = {str(self.flag[it.key]): it for it in m.items}
        for it in m.items:
            self.s.add(z3.Implies(self.flag[it.key], it.holds))
        self.answers = Answers()
        self._q = 0
        self._last: z3.ModelRef | None = None  # the model of the latest sat answer of _plain
        self.evidence = Evidence()
        self._nl: Model | None = None  # the non-linear model, built when a question needs it
        self.units_left = TEMPLATE_UNITS
        self._units_seen: int | None = None  # z3's process-wide counter when last read

    # -- the budget --------------------------------------------------------------------------
    def _limit(self, s: z3.Solver | z3.Optimize) -> bool:
        """Bound the next check of ``s`` by the budget; False when nothing is left."""
        left = self.deadline - time.perf_counter()
        if left <= 0 or self.units_left <= 0:
            return False
        s.set("rlimit", min(QUERY_UNITS, self.units_left))  # relative to z3's counter now
        s.set("timeout", max(1, min(self.query_ms, int(left * 1000))))
        self.answers.queries += 1
        return True

    def _spent(self, s: z3.Solver | z3.Optimize, *, shared: bool = True) -> None:
        """Charge the template's budget with what the last check of ``s`` used (``shared``: ``s``
        is in z3's main context; otherwise in a fresh context of its own, whose counter is its)."""
        stats = s.statistics()
        names = list(stats.keys())  # z3's Statistics has no `in`
        if "rlimit count" not in names:
            return
        now = int(stats.get_key_value("rlimit count"))
        if not shared:
            self.units_left -= now
            return
        # The counter is z3's, shared by every solver: the first reading charges nothing, as
        # work done before this template is none of its budget.
        if self._units_seen is not None:
            self.units_left -= max(0, now - self._units_seen)
        self._units_seen = now

    # -- one query ---------------------------------------------------------------------------
    def ask(self, items: Iterable[Item], extra: z3.BoolRef | None = None) -> z3.CheckSatResult:
        if not self._limit(self.s):
            return z3.unknown
        assumptions = [self.flag[it.key] for it in items]
        if extra is not None:
            self._q += 1
            q = z3.Bool(f"?q{self._q}")
            self.s.add(z3.Implies(q, extra))
            assumptions.append(q)
        got = self.s.check(*assumptions)
        self._spent(self.s)
        return got

    def core(self) -> list[Item]:
        return [self.by_flag[str(f)] for f in self.s.unsat_core() if str(f) in self.by_flag]

    def minimise(self, core: list[Item], extra: z3.BoolRef | None = None) -> list[Item]:
        """Deletion: drop each member whose absence leaves the set still unsat."""
        kept = list(core)
        for it in list(core):
            trial = [k for k in kept if k is not it]
            if self.ask(trial, extra) == z3.unsat:
                kept = [k for k in self.core() if k in trial] if extra is None else trial
        return kept

    # -- the findings ------------------------------------------------------------------------
    def run(self, *, explain: bool = False, evidence: Evidence | None = None) -> Answers:
        """Every question, but those that ``evidence`` (concrete submissions, probe.py) settled."""
        a = self.answers
        self.evidence = evidence or Evidence()
        active = [it for it in self.m.items if it.severity == "error"]
        models: list[z3.ModelRef] = []
        if not self.evidence.feasible:
            verdict = self.ask(active)
            if verdict == z3.unknown:
                a.not_proved.append("whether the rules can all hold")
                return a
            if verdict == z3.unsat:
                self._infeasible(active)
                return a
            models.append(self.s.model())
        self._redundant(active, models)
        self._constant(active, models)
        self._out_of_bounds(active)
        if explain:
            self._ranges(active)
        return a

    def _infeasible(self, active: list[Item]) -> None:
        a = self.answers
        core = self.minimise(self.core())
        witnesses = []
        for it in core:
            rest = [k for k in core if k is not it]
            if self.ask(rest) != z3.sat:
                a.not_proved.append("which rules conflict (a smallest set)")
                return
            w = decode(self.m, self.s.model())
            bad = failing(self.m, evaluate(self.m, w))
            # The evaluator must agree: without ``it`` the others hold, and ``it`` fails.
            if "*" in bad or it.key not in bad or any(k.key in bad for k in rest):
                a.not_proved.append("which rules conflict (the evaluator disagrees with the model)")
                return
            witnesses.append(w)
        a.infeasible, a.infeasible_witnesses = core, witnesses

    def _redundant(self, active: list[Item], models: list[z3.ModelRef]) -> None:
        rules = [it for it in self.m.items if it.key.startswith("rule:")]
        dropped: set[str] = set()
        for r in reversed(rules):
            if r.key in self.evidence.can_fail:
                continue
            premises = [it for it in active if it is not r and it.key not in dropped]
            broken = z3.Not(r.holds)
            if any(_violates_only(m, r, premises, broken) for m in models):
                continue
            verdict = self.ask(premises, broken)
            if verdict == z3.sat:
                models.append(self.s.model())
            elif verdict == z3.unsat:
                because = self.minimise([k for k in self.core() if k in premises], broken)
                self.answers.redundant.append((r, because))
                dropped.add(r.key)
            else:
                self.answers.not_proved.append(f"whether {r.what} can fail")
        self.answers.redundant.reverse()

    def _constant(self, active: list[Item], models: list[z3.ModelRef]) -> None:
        # A format marks what the person filling sees, rules broken included: only the types and
        # calcs hold of it. `visible` and `required` decide what a submission holds: its bounds
        # and error rules hold too. Each group is asked of a solver of its own, holding only that.
        for formats, premises in ((True, []), (False, active)):
            conds = [c for c in self.m.conditions if c.key.startswith("when:") == formats]
            if conds:
                self._constant_in(conds, premises, models)
        order = {c.key: i for i, c in enumerate(self.m.conditions)}
        self.answers.constant.sort(key=lambda kv: order[kv[0]])

    def _constant_in(self, conds: list[Condition], premises: list[Item], models: list[z3.ModelRef]) -> None:
        s = z3.Solver()
        s.add(*self.m.base, *(it.holds for it in premises))
        targets = {(c.key, always): (c, z3.Not(c.true) if always else c.true)
                   for c in conds for always in (True, False)}
        seen = [mo for mo in models if all(z3.is_true(mo.eval(it.holds, model_completion=True)) for it in premises)]

        def resolve(mo: z3.ModelRef) -> None:
            for k in [k for k, (_, f) in targets.items() if z3.is_true(mo.eval(f, model_completion=True))]:
                del targets[k]

        for mo in seen:
            resolve(mo)
        for key, always in list(targets):
            if (key, not always) in self.evidence.seen:
                del targets[(key, always)]
        while targets:
            (key, always), (cond, f) = next(iter(targets.items()))
            verdict = self._plain(s, f)
            if verdict == z3.sat:
                resolve(self._last)
                continue
            del targets[(key, always)]
            if verdict == z3.unknown:
                self.answers.not_proved.append(f"whether {cond.what} is always {str(always).lower()}")
                continue
            self.answers.constant.append((key, always))
            if self._plain(s, cond.true if always else z3.Not(cond.true)) == z3.sat:
                self.answers.constant_witness[key] = decode(self.m, self._last)

    def _plain(self, s: z3.Solver, extra: z3.BoolRef) -> z3.CheckSatResult:
        """``extra`` asked of ``s`` alone (its premises asserted outright, no flags)."""
        if not self._limit(s):
            return z3.unknown
        s.push()
        s.add(extra)
        try:
            verdict = s.check()
            self._spent(s)
            if verdict == z3.sat:
                self._last = s.model()
            return verdict
        finally:
            s.pop()

    def _out_of_bounds(self, active: list[Item]) -> None:
        for it in active:
            slot = self.m.slots.get(it.slot or "")
            if slot is None or not slot.computed or it.bound is None or it.key.startswith("required"):
                continue
            x = self.m.terms[slot.key]
            premises = [k for k in active if k is not it]
            beyond = z3.And(z3.Not(x.null), z3.Not(it.bound.null),
                            x.v > it.bound.v if it.key.startswith("max") else x.v < it.bound.v)  # type: ignore[union-attr]
            verdict = self.ask(premises, beyond)
            if verdict == z3.unknown:
                self.answers.not_proved.append(f"whether '{slot.label}' stays within {it.what}")
            if verdict != z3.sat:
                continue
            found = self._witness_beyond(self.m, self.s.model(), it)
            if found is None and self.m.skipped:
                found = self._nonlinear_beyond(it)  # the linear model's example leaned on a skipped part
            if found is None:
                self.answers.not_proved.append(f"whether '{slot.label}' stays within {it.what} (the model "
                                               "relies on a part that was skipped)")
                continue
            self.answers.out_of_bounds.append((it, *found))

    def _witness_beyond(self, m: Model, mo: z3.ModelRef, it: Item) -> tuple[Witness, Fraction] | None:
        """The model as a submission, if the evaluator agrees that only ``it`` fails in it."""
        w = decode(m, mo)
        st = evaluate(m, w)
        if st is None or failing(m, st) != {it.key}:
            return None
        slot = m.slots[it.slot or ""]
        value = st.values.get(slot.key) if slot.table is None else st.tables[slot.table][0].get(
            slot.key.split(".")[1])
        return w, Fraction(str(value))

    def _nonlinear_beyond(self, it: Item) -> tuple[Witness, Fraction] | None:
        """The same question with products and quotients of fields encoded (non-linear): only
        its example counts, and only once the evaluator has run it."""
        if self._nl is None:
            self._nl = build_model(self.m.tpl, nonlinear=True)
        nl = self._nl
        own = next((k for k in nl.items if k.key == it.key), None)
        x = nl.terms.get(it.slot or "")
        if own is None or own.bound is None or not isinstance(x, Val):
            return None
        # Only the constraints the linear model holds too: a non-linear rule makes the question
        # one z3 rarely answers, and leaving it out cannot mislead (the evaluator still runs it).
        linear = {k.key for k in self.m.items}
        above = it.key.startswith("max")
        kept = [k.holds for k in nl.items if k.severity == "error" and k.key != it.key and k.key in linear]
        beyond = x.v > own.bound.v if above else x.v < own.bound.v
        facts = [*nl.base, *kept, z3.Not(x.null), z3.Not(own.bound.null), beyond]
        # Asked once, of a solver of its own, with no push: z3 then picks its non-linear tactics
        # (an incremental solver falls back on a core that rarely answers these). In a context of
        # its own too: the non-linear search follows the order of the terms' ids, which in the
        # shared context depend on everything the process asked before; a fresh context makes
        # the answer the template's alone.
        ctx = z3.Context()
        s = z3.Solver(ctx=ctx)
        if not self._limit(s):
            return None
        s.add(*(f.translate(ctx) for f in facts))
        verdict = s.check()
        self._spent(s, shared=False)
        if verdict != z3.sat:
            return None
        return self._witness_beyond(nl, s.model().translate(z3.main_ctx()), it)

    def _ranges(self, active: list[Item]) -> None:
        for key, slot in self.m.slots.items():
            x = self.m.terms.get(key)
            if not isinstance(x, Val) or x.v.sort() != z3.RealSort():
                continue
            r = Range(key, slot.label, None, None)
            for sense in ("min", "max"):
                got = self._optimum(active, x, sense)
                if isinstance(got, bool):
                    r.proved = False
                elif got is not None:
                    if sense == "min":
                        r.low = got
                    else:
                        r.high = got
            self.answers.ranges.append(r)

    def _optimum(self, active: Sequence[Item], x: Val, sense: str) -> Fraction | bool | None:
        """The least (greatest) non-null value; None when unbounded; False when not proved."""
        o = z3.Optimize()
        if not self._limit(o):
            return False
        o.add(*self.m.base)
        o.add(*(it.holds for it in active))
        o.add(z3.Not(x.null))
        h = o.minimize(x.v) if sense == "min" else o.maximize(x.v)
        verdict = o.check()
        self._spent(o)
        if verdict != z3.sat:
            return False if verdict == z3.unknown else None
        bound = o.lower(h) if sense == "min" else o.upper(h)
        text = str(bound)
        if "oo" in text or "epsilon" in text:
            return None
        s = z3.simplify(bound)
        if z3.is_int_value(s):
            got = Fraction(s.as_long())
        elif z3.is_rational_value(s):
            got = Fraction(s.numerator_as_long(), s.denominator_as_long())
        else:
            return False
        # At the edge of what a number can hold (28 digits): nothing bounds it.
        return None if abs(got) >= 10**MAX_DIGITS - 1 else got


def _violates_only(mo: z3.ModelRef, r: Item, premises: list[Item], broken: z3.BoolRef) -> bool:
    """Whether a model already in hand shows ``r`` can fail while the premises hold."""
    if not z3.is_true(mo.eval(broken, model_completion=True)):
        return False
    return all(z3.is_true(mo.eval(p.holds, model_completion=True)) for p in premises)
