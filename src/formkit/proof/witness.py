"""A solver model as a submission, evaluated by the Python evaluator: what the solver claims
of a model is reported only when the evaluator, which defines the meaning, agrees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import z3

from formkit.evaluation.evaluator import EvaluationError
from formkit.evaluation.formchecks import condition
from formkit.evaluation.formeval import evaluate_form
from formkit.evaluation.state import FormValues
from formkit.proof.model import Free, Model

Value = Decimal | int | str | bool | dt.date | list[str] | None


@dataclass
class Witness:
    """A submission: typed inputs, pool values, last period's values (evaluate_form's arguments)."""

    inputs: dict[str, object] = field(default_factory=dict)
    prefilled: dict[str, object] = field(default_factory=dict)
    prev: dict[str, object] = field(default_factory=dict)

    def shown(self) -> str:
        """The typed values, for a message: ``a = 3, b = 150``."""
        parts = []
        for k, v in self.inputs.items():
            if isinstance(v, list):
                parts += [f"{k}.{c} = {x}" for row in v for c, x in row.items() if x is not None]
            elif v is not None:
                parts.append(f"{k} = {v}")
        return ", ".join(parts[:6]) + (", …" if len(parts) > 6 else "")


def decode(m: Model, zm: z3.ModelRef) -> Witness:
    w = Witness()
    rows: dict[str, dict[str, object]] = {t: {} for t in m.tpl.tables}
    for f in m.frees:
        if f.role == "opaque":
            continue
        value = _value(f, zm, m.texts)
        if f.role == "prev":
            w.prev[f.slot] = value
            continue
        table, _, col = f.slot.partition(".")
        if table in rows and col and "." not in col:
            rows[table][col] = value
        elif f.role == "prefilled":
            w.prefilled[f.slot] = value
        else:
            w.inputs[f.slot] = value
    for t, row in rows.items():
        w.inputs[t] = [row]
    return w


def _value(f: Free, zm: z3.ModelRef, m_texts: dict[str, int]) -> Value:
    if z3.is_true(zm.eval(f.null, model_completion=True)):
        return None
    if f.kind == "multichoice":
        return [k for k, b in f.keys.items() if z3.is_true(zm.eval(b, model_completion=True))]
    assert f.var is not None
    got = zm.eval(f.var, model_completion=True)
    if f.kind == "number":
        k = int(got.as_long())
        return k if f.places == 0 else Decimal(k).scaleb(-f.places)
    if f.kind == "date":
        return dt.date.fromordinal(int(got.as_long()))
    if f.kind == "boolean":
        return bool(z3.is_true(got))
    code = int(got.as_long())
    named = {c: t for t, c in m_texts.items()}
    if code in named:
        return named[code]
    other = f"t{code}"  # a text the template names nowhere: one no literal equals
    while other in m_texts:
        other += "_"
    return other


def evaluate(m: Model, w: Witness) -> FormValues | None:
    """The witness as the evaluator runs it; None when it cannot (then it backs nothing)."""
    try:
        return evaluate_form(m.tpl, w.inputs, prefilled=w.prefilled, prev_values=w.prev)
    except (EvaluationError, TypeError, ValueError, KeyError):
        return None


def failing(m: Model, st: FormValues | None) -> set[str]:
    """The items (and ``value:<slot>`` for a value refused) the evaluated form breaks; a form the
    evaluator could not run breaks everything (``*``)."""
    if st is None:
        return {"*"}
    out = set()
    for i in st.issues:
        slot = i.field if i.row is None else f"{i.field}.{i.col}" if isinstance(i.row, int) else \
            f"{i.field}.{i.row}.{i.col}"
        if i.rule in ("min", "max", "required"):
            out.add(f"{i.rule}:{slot}")
        elif i.rule in ("type", "choices", "pattern"):
            out.add(f"value:{slot}")
        elif i.severity in ("error", "warning", "info"):
            out.add(f"rule:{i.rule}")
    return out


def condition_holds(m: Model, st: FormValues, key: str) -> bool:
    """Whether a condition (``visible:…``, ``required:…``, ``when:…``) holds in the evaluated
    form (in its roster's one row)."""
    kind, _, rest = key.partition(":")
    if kind == "when":
        fm = m.tpl.formats[int(rest)]
        env = st.env if fm.table is None else st.env.with_row(fm.table, st.tables[fm.table][0])
        return condition(fm.when, env, default=False)
    slot = m.slots[rest]
    col = slot.col
    assert col is not None
    if kind == "visible":
        place = (rest, None, None) if slot.table is None else (slot.table, 0, rest.split(".")[1])
        return place not in st.hidden
    env = st.env if slot.table is None else st.env.with_row(slot.table, st.tables[slot.table][0])
    return condition(col.required, env, default=False)
