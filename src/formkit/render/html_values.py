"""How values show in the HTML form: input text, display text, chosen keys, and JSON for the runtime.

A filled form formats every value it shows: at 1,000 fields these functions run thousands of
times a render, so each value is formatted once (:func:`shown` gives its text, input, chosen
keys and blankness together, where the view used to format it three times), choice labels are
looked up in dicts built once per template (render/html.py), the rounding quantum of each
precision is built once, and the common types (Decimal, int, str) are recognised by ``type()``
before the general ``isinstance`` chain. The results are exactly the general path's: the
general code stays below each fast test and handles everything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from formkit.browser.plan import number_text, value_to_json

__all__ = ["blank", "display", "input_text", "json_value", "meta_json", "number_text_at", "period_text", "shown"]

_QUANTUM: dict[int, Decimal] = {}  # precision → Decimal("1e-precision"), built on first use


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def number_text_at(value: object, precision: int | None) -> str:
    """A number at its field's places (half up), else its exact digits; not a number: as given."""
    # A Decimal is its own exact value (Decimal(str(d)) == d, digits and exponent alike).
    d = value if type(value) is Decimal else _decimal(value)
    if d is None or not d.is_finite():
        return str(value)
    if precision is not None:
        quantum = _QUANTUM.get(precision)
        if quantum is None:
            quantum = _QUANTUM[precision] = Decimal(1).scaleb(-precision)
        return format(d.quantize(quantum, rounding=ROUND_HALF_UP), "f")
    return number_text(d)


def input_text(value: object, spec: Mapping[str, Any]) -> str:
    """A value as its input holds it (numbers at their places, dates ISO, booleans true/false)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if spec.get("type") in ("integer", "decimal") or isinstance(value, int | float | Decimal):
        return number_text_at(value, spec.get("precision"))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def display(value: object, spec: Mapping[str, Any], ui: Mapping[str, str],
            labels: Mapping[Any, Any] | None = None) -> str:
    """A value as a person reads it: choice labels, 是/否, numbers at their places (``labels``:
    the spec's choice labels by key, when the caller keeps them)."""
    if blank(value):
        return ""
    if labels is None:
        labels = {c["key"]: c["label"] for c in spec.get("choices") or []}
    if isinstance(value, list | tuple):
        return ui["sep"].join(labels.get(str(v), str(v)) for v in value)
    if spec.get("type") == "boolean" or isinstance(value, bool):
        return ui["yes"] if value in (True, "true") else ui["no"] if value in (False, "false") else str(value)
    text = input_text(value, spec)
    return str(labels.get(text, text))


def shown(value: object, spec: Mapping[str, Any], ui: Mapping[str, str],
          labels: Mapping[Any, Any]) -> tuple[str, str, list[str], bool]:
    """(display text, input text, chosen keys, blank) of a value: what :func:`display`,
    :func:`input_text` and :func:`blank` give, with the value formatted once."""
    if value is None:
        return "", "", [], True
    kind = type(value)
    # Numbers (not in a yes/no field, where Decimal(1) == True reads as 是): formatted once.
    if (kind is Decimal or kind is int) and spec.get("type") != "boolean":
        text = number_text_at(value, spec.get("precision"))
        return str(labels.get(text, text)), text, [text], False
    text = input_text(value, spec)
    if isinstance(value, list | tuple):
        keys = [str(k) for k in value]
        return display(value, spec, ui, labels), text, keys or [text], not value
    return display(value, spec, ui, labels), text, [text], isinstance(value, str) and not value


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str | list | tuple) and len(value) == 0)


def json_value(v: object) -> Any:
    """A value as the browser evaluator reads it: numbers as exact text, dates ISO."""
    kind = type(v)
    if kind is str or v is None:  # most values of a filled form: text as it is
        return v
    if kind is Decimal or kind is int:
        return number_text(v)  # type: ignore[arg-type]  # kind says it is one
    if kind is dict:
        return {str(k): json_value(x) for k, x in v.items()}  # type: ignore[attr-defined]
    if isinstance(v, float):
        return number_text(Decimal(repr(v)))
    if isinstance(v, Mapping):
        return {str(k): json_value(x) for k, x in v.items()}
    try:
        return value_to_json(v)
    except TypeError:
        return str(v)


def meta_json(v: object) -> Any:
    """:func:`json_value` of one field's meta (``{"source": "pool", ...}``, a form has one per
    field): its text values kept without a call each."""
    if type(v) is not dict:
        return json_value(v)
    if len(v) == 1:  # the usual {"source": "pool"}: no comprehension
        x = v.get("source")
        if type(x) is str:
            return {"source": x}
    return {str(k): x if type(x) is str else json_value(x) for k, x in v.items()}


def period_text(period: str, lang: str) -> str:
    """``2026W45`` → 2026年第45周 / Week 45, 2026; months, quarters and years likewise."""
    zh = lang != "en"
    if period == "once":
        return ""
    if "W" in period:
        y, w = period.split("W", 1)
        return f"{y}年第{int(w)}周" if zh else f"Week {int(w)}, {y}"
    if "Q" in period:
        y, q = period.split("Q", 1)
        return f"{y}年第{q}季度" if zh else f"Q{q} {y}"
    if "-" in period:
        y, m = period.split("-", 1)
        if m.isdigit() and 1 <= int(m) <= 12:
            return f"{y}年{int(m)}月" if zh else dt.date(2000, int(m), 1).strftime("%B") + f" {y}"
        return period
    return f"{period}年" if zh and period.isdigit() else period
