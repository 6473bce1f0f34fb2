"""Meaning: the values of the language and what every operator and function does to them.

Every semantic choice of SPEC §3 for Python lives here, once: exact decimals with 28 integer
and 10 fraction digits, half-away-from-zero rounding, division, null propagation, three-valued
logic, code-point text order, dates, ID numbers and the aggregate reductions. The tree walk
(evaluator.py) only routes nodes to these functions.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import Protocol

from formkit.core import idcard
from formkit.core.text import control_char, is_blank, strip_blank
from formkit.language.ast import Type

Value = Decimal | str | bool | dt.date | list[str] | None

INT_DIGITS = 28
PLACES = 10
LIMIT = Decimal(10) ** INT_DIGITS  # every number is strictly below this in magnitude
QUANTUM = Decimal("1E-10")
ZERO = Decimal(0)

# Our own context, never the thread's global one (which a host program may change).
# Operands have at most 38 significant digits, so sums need 39 and products 76: 100 digits
# keep +, -, * exact. A quotient is computed to 100 significant digits and then rounded to 10
# places; a quotient of two such operands lies at least 10^-49 from a rounding tie, far more
# than the 10^-62 error of the first step, so the double rounding never changes the result.
CONTEXT = Context(
    prec=100,
    rounding=ROUND_HALF_UP,
    Emax=999_999,
    Emin=-999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)


class EvaluationError(Exception):
    """An expression that cannot be given a value. ``code``: ``overflow`` (a number beyond 28
    digits before the point), ``places`` (an input with more than 10 after it), ``pool`` (a pool
    read, which only SQL evaluates), ``cycle`` (table columns that read each other),
    ``unsupported`` (a function the Python evaluator does not implement)."""

    def __init__(self, message: str, code: str = "evaluation") -> None:
        super().__init__(message)
        self.code = code


class Dates(Protocol):
    """What the period functions need from an evaluation context."""

    def period_bounds(self) -> tuple[dt.date, dt.date]: ...


# -- numbers ---------------------------------------------------------------------------------


def fit(d: Decimal) -> Decimal:
    """Check that a result is a number of the language; turn -0 into 0 and 1E+2 into 100."""
    if not d.is_finite() or d.copy_abs() >= LIMIT:
        raise EvaluationError(f"the result {d} has more than {INT_DIGITS} digits before the point", "overflow")
    exponent = d.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent < -PLACES:  # only inputs get here (results are rounded before): refuse, never round
        if places_of(d) > PLACES:
            raise EvaluationError(f"the number {d} has more than {PLACES} digits after the point", "places")
        d = d.quantize(QUANTUM, context=CONTEXT)  # 1.000000000000 is 1.0000000000
    if exponent > 0:
        d = d.quantize(Decimal(1), context=CONTEXT)
    return d.copy_abs() if d.is_zero() else d


def round_places(d: Decimal, places: int) -> Decimal:
    """Half away from zero (ROUND_HALF_UP in Decimal's terms) to ``places`` (may be negative)."""
    return fit(d.quantize(Decimal(1).scaleb(-places, CONTEXT), rounding=ROUND_HALF_UP, context=CONTEXT))


def tidy(d: Decimal) -> Decimal:
    """Drop trailing zeros after the point (a quotient is 3.5, not 3.5000000000)."""
    if d == d.to_integral_value(context=CONTEXT):
        return fit(d.quantize(Decimal(1), context=CONTEXT))
    return fit(d.normalize(CONTEXT))


def to_number(value: object) -> Decimal:
    """An input number: Decimal, int or decimal text; floats are refused (never guessed at)."""
    return fit(parse_number(value))


def parse_number(value: object) -> Decimal:
    """The exact Decimal of an input number, before its limits are checked."""
    if isinstance(value, bool | float):
        raise TypeError(
            f"{value!r} is not accepted as a number: pass decimal.Decimal, int or text "
            "such as '0.1' (floats are inexact)"
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = strip_blank(value)
        if not text or not _is_decimal_text(text):
            raise TypeError(f"{value!r} is not a number")
        return Decimal(text)
    if isinstance(value, Decimal) and value.is_finite():
        return value
    raise TypeError(f"{value!r} is not a number of the language")


def places_of(d: Decimal) -> int:
    """Digits after the point that matter: 5.00 has none, 120.50 has one."""
    _, digits, exponent = d.as_tuple()
    assert isinstance(exponent, int)
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + zeros))


def _is_decimal_text(text: str) -> bool:
    body = text[1:] if text[0] in "+-" else text
    whole, dot, frac = body.partition(".")
    return bool(whole or frac) and (whole + frac).isascii() and (whole + frac).isdigit() and (frac != "" or dot == "")


def add(a: Decimal, b: Decimal) -> Decimal:
    return fit(CONTEXT.add(a, b))


def subtract(a: Decimal, b: Decimal) -> Decimal:
    return fit(CONTEXT.subtract(a, b))


def multiply(a: Decimal, b: Decimal) -> Decimal:
    """Exact, then rounded half away from zero to 10 places when the product has more (SQL's
    DECIMAL(38, 10) does the same on assignment; an error here would fail ordinary rates)."""
    product = CONTEXT.multiply(a, b)
    if product.copy_abs() >= LIMIT:
        raise EvaluationError(f"{a} × {b} has more than {INT_DIGITS} digits before the point", "overflow")
    exponent = product.as_tuple().exponent
    assert isinstance(exponent, int)
    return round_places(product, PLACES) if exponent < -PLACES else fit(product)


def divide(a: Decimal, b: Decimal) -> Decimal | None:
    """True division rounded half away from zero to 10 places; division by zero is null."""
    if b.is_zero():
        return None
    quotient = CONTEXT.divide(a, b)
    if quotient.copy_abs() >= LIMIT:
        raise EvaluationError(f"{a} / {b} has more than {INT_DIGITS} digits before the point", "overflow")
    return tidy(quotient.quantize(QUANTUM, rounding=ROUND_HALF_UP, context=CONTEXT))


def negate(a: Decimal) -> Decimal:
    return fit(CONTEXT.minus(a))


ARITHMETIC: dict[str, Callable[[Decimal, Decimal], Decimal | None]] = {
    "+": add,
    "-": subtract,
    "*": multiply,
    "/": divide,
}


# -- comparison and logic --------------------------------------------------------------------

_COMPARE: dict[str, Callable[[object, object], bool]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,  # type: ignore[operator]
    "<=": lambda a, b: a <= b,  # type: ignore[operator]
    ">": lambda a, b: a > b,  # type: ignore[operator]
    ">=": lambda a, b: a >= b,  # type: ignore[operator]
}


def compare(op: str, a: Value, b: Value) -> bool | None:
    """Null when either side is null. Text compares by code point: Python's str order already
    is that (never UTF-16 units, never a collation), so 'B' < 'a' and U+20000 > U+4E01."""
    if a is None or b is None:
        return None
    return _COMPARE[op](a, b)


def not3(a: Value) -> bool | None:
    return None if a is None else not a


def concat(a: Value, b: Value) -> str | None:
    if a is None or b is None:
        return None
    assert isinstance(a, str) and isinstance(b, str)
    return a + b


def member(x: Value, items: Sequence[Value]) -> bool | None:
    """``x in (…)``: true on a match, else null if x or any item is null, else false."""
    if x is None:
        return None
    if any(i is not None and i == x for i in items):
        return True
    return None if any(i is None for i in items) else False


def between(x: Value, low: Value, high: Value) -> bool | None:
    """``low <= x and x <= high`` in three-valued logic (``5 between 6 and null`` is false)."""
    ge, le = compare(">=", x, low), compare("<=", x, high)
    if ge is False or le is False:
        return False
    if ge is None or le is None:
        return None
    return True


# -- functions (every one returns null when an argument is null) ------------------------------


def _round(args: Sequence[Value], env: Dates) -> Value:
    x = args[0]
    assert isinstance(x, Decimal)
    places = int(args[1]) if len(args) > 1 else 0  # type: ignore[arg-type]
    if not -PLACES <= places <= PLACES:
        raise EvaluationError(f"round() takes places from -{PLACES} to {PLACES}, not {places}", "places")
    return round_places(x, places)


def _integral(mode: str) -> Callable[[Sequence[Value], Dates], Value]:
    def fn(args: Sequence[Value], env: Dates) -> Value:
        x = args[0]
        assert isinstance(x, Decimal)
        return fit(x.to_integral_value(rounding=mode, context=CONTEXT))

    return fn


def _abs(args: Sequence[Value], env: Dates) -> Value:
    x = args[0]
    assert isinstance(x, Decimal)
    return fit(x.copy_abs())


def _len(args: Sequence[Value], env: Dates) -> Value:
    s = args[0]
    assert isinstance(s, str)
    return Decimal(len(s))  # code points (SPEC §3), not UTF-16 units or bytes


def _date_arg(value: Value) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def age_at(birth: dt.date, on: dt.date) -> int:
    """Whole years on ``on``. A 29 February birthday is reached on 1 March in other years:
    (2, 28) < (2, 29) says not yet on 28 February, and (3, 1) says reached."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _age(args: Sequence[Value], env: Dates) -> Value:
    return Decimal(age_at(_date_arg(args[0]), env.period_bounds()[1]))


def _days(args: Sequence[Value], env: Dates) -> Value:
    return Decimal((_date_arg(args[1]) - _date_arg(args[0])).days)


def _has(args: Sequence[Value], env: Dates) -> Value:
    chosen, key = args
    assert isinstance(chosen, list)
    return key in chosen


def _extreme(pick: Callable[..., Value]) -> Callable[[Sequence[Value], Dates], Value]:
    return lambda args, env: pick(args)


def _text_arg(value: Value) -> str:
    assert isinstance(value, str)
    return value


# the language's functions that are null-in-null-out (language/functions.py lists them all)
STRICT: dict[str, Callable[[Sequence[Value], Dates], Value]] = {
    "round": _round,
    "floor": _integral(ROUND_FLOOR),
    "ceil": _integral(ROUND_CEILING),
    "abs": _abs,
    "len": _len,
    "year": lambda args, env: Decimal(_date_arg(args[0]).year),
    "month": lambda args, env: Decimal(_date_arg(args[0]).month),
    "age": _age,
    "days": _days,
    "period_start": lambda args, env: env.period_bounds()[0],
    "period_end": lambda args, env: env.period_bounds()[1],
    "has": _has,
    "id_card_valid": lambda args, env: idcard.is_valid(_text_arg(args[0])),
    "id_card_birth": lambda args, env: idcard.birth_date(_text_arg(args[0])),
    "id_card_sex": lambda args, env: idcard.sex(_text_arg(args[0])),
    "min": _extreme(min),
    "max": _extreme(max),
}


Strict = Callable[[Sequence[Value], Dates], Value]


def call(impl: Strict, args: Sequence[Value], env: Dates) -> Value:
    """A strict function: null in, null out (``if`` and ``coalesce`` are lazy: see evaluator.py)."""
    if any(a is None for a in args):
        return None
    return impl(args, env)


# -- aggregates (nulls skipped) --------------------------------------------------------------


def aggregate(func: str, values: Sequence[Value]) -> Value:
    """``count`` of nothing is 0, ``count_distinct`` of nothing 0, the others null."""
    present = [v for v in values if v is not None]
    if func == "count":
        return Decimal(len(present))
    if func == "count_distinct":
        return Decimal(len({tuple(v) if isinstance(v, list) else v for v in present}))
    if not present:
        return None
    if func in ("min", "max"):
        return (min if func == "min" else max)(present)
    total = exact_sum(present)
    if func == "sum":
        return total
    return divide(total, Decimal(len(present)))  # avg divides like '/'


def exact_sum(values: Sequence[Value]) -> Decimal:
    """The sum of numbers, checked once: the final sum must fit, never a running total, so the
    order of the rows cannot matter ([10²⁸ − 1, 1, −1] sums to 10²⁸ − 1, as SQL's SUM gives it).
    Exact in CONTEXT: 100 digits hold the sum of 10⁶⁰ numbers of 38 digits."""
    total = ZERO
    for v in values:
        assert isinstance(v, Decimal)
        total = CONTEXT.add(total, v)
    return fit(total)


# -- values from outside ---------------------------------------------------------------------


def to_value(raw: object, typ: Type) -> Value:
    """A Python value as a value of type ``typ``: numbers exact, text NFC and blank as null,
    dates real dates, an empty multichoice as null. Raises TypeError for anything else."""
    if raw is None or typ is Type.NULL:
        return None
    convert = _CONVERT.get(typ)
    if convert is None:
        raise TypeError(f"values of type {typ.value} are not part of the language")
    return convert(raw)


def _to_text(raw: object) -> str | None:
    if not isinstance(raw, str):
        raise TypeError(f"{raw!r} is not text")
    if (char := control_char(raw)) is not None:  # NUL, a lone surrogate: no engine stores them
        raise TypeError(f"{raw!r} holds the control character {char}, which cannot be stored")
    text = unicodedata.normalize("NFC", raw)
    return None if is_blank(text) else text  # empty or all-blank text is null (SPEC §3)


def _to_bool(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise TypeError(f"{raw!r} is not true or false")
    return raw


def _to_multi(raw: object) -> list[str] | None:
    if isinstance(raw, str) or not isinstance(raw, list | tuple | set | frozenset):
        raise TypeError(f"{raw!r} is not a list of choice keys")
    keys = [_to_text(k) for k in (sorted(raw) if isinstance(raw, set | frozenset) else raw)]
    if any(k is None for k in keys):
        raise TypeError(f"{raw!r} is not a list of choice keys")
    # each key once, in the order given; nothing chosen is null, so `required` catches it
    return list(dict.fromkeys(k for k in keys if k is not None)) or None


def _to_date(raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        raise TypeError(f"{raw!r} is a date and time: pass a datetime.date")
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            if len(raw) == 10:
                return dt.date.fromisoformat(raw)
        except ValueError:
            pass
        raise TypeError(f"{raw!r} is not a real date written YYYY-MM-DD")
    raise TypeError(f"{raw!r} is not a date")


_CONVERT: dict[Type, Callable[[object], Value]] = {
    Type.NUMBER: to_number,
    Type.TEXT: _to_text,
    Type.DATE: _to_date,
    Type.BOOLEAN: _to_bool,
    Type.MULTI: _to_multi,
}


# -- typed values (what staff type, checked against the field) --------------------------------

# Mainland mobile (optionally +86), landline with area code, local number, 400/800 numbers;
# spaces and '-' between digits are ignored.
PHONE = re.compile(r"(?:\+?86)?1[3-9][0-9]{9}|0[0-9]{9,11}|[0-9]{7,8}|[48]00[0-9]{7}")

# Built-in messages: (zh, en), with {label} and the named values.
MESSAGES = {
    "required": ("请填写「{label}」", "{label} is required"),
    "min": ("「{label}」不能小于 {bound}", "{label} cannot be less than {bound}"),
    "max": ("「{label}」不能大于 {bound}", "{label} cannot be more than {bound}"),
    "pattern": ("「{label}」的格式不正确", "{label} is not in the expected format"),
    "choices": (
        "「{label}」的值 {value} 不是可选项",
        "{value} is not one of the choices of {label}",
    ),
    "number": ("「{label}」应填写数字", "{label} must be a number"),
    "whole": ("「{label}」应填写整数", "{label} must be a whole number"),
    "places": ("「{label}」最多 {places} 位小数", "{label} takes at most {places} decimal places"),
    "date": ("「{label}」应填写日期（YYYY-MM-DD）", "{label} must be a date (YYYY-MM-DD)"),
    "boolean": ("「{label}」应为“是”或“否”", "{label} must be yes or no"),
    "text": ("「{label}」应填写文字", "{label} must be text"),
    "multichoice": ("「{label}」应为选项列表", "{label} must be a list of choices"),
    "id_card": ("「{label}」不是有效的公民身份号码", "{label} is not a valid resident ID number"),
    "phone": ("「{label}」不是有效的电话号码", "{label} is not a valid phone number"),
    "control": (
        "「{label}」含有不能保存的控制字符 {char}",
        "{label} holds the control character {char}, which cannot be stored",
    ),
    "overflow": ("「{label}」无法计算：{detail}", "{label} cannot be computed: {detail}"),
}
_TYPE_MESSAGE = {
    Type.NUMBER: "number",
    Type.DATE: "date",
    Type.BOOLEAN: "boolean",
    Type.MULTI: "multichoice",
}


def texts(kind: str, label: Mapping[str, str], **values: object) -> dict[str, str]:
    """A built-in message in zh and en (labels fall back as SPEC §2.2 says)."""
    shown = {k: format(v, "f") if isinstance(v, Decimal) else str(v) for k, v in values.items()}
    zh, en = MESSAGES[kind]
    return {
        "zh": zh.format(label=_label(label, "zh"), **shown),
        "en": en.format(label=_label(label, "en"), **shown),
    }


def _label(label: Mapping[str, str], lang: str) -> str:
    return label.get(lang) or label.get("zh") or next(iter(label.values()), "")


@dataclass(frozen=True)
class Spec:
    """What a field's value must be: its declared kind, decimal places, label, choices, pattern."""

    kind: str  # integer decimal text date boolean choice multichoice id_card phone
    type: Type
    places: int | None  # None: any number up to 10 places
    label: Mapping[str, str]
    choices: frozenset[str] | None = None
    pattern: str | None = None


class ShownMask(str):
    """Personal data as the server showed it, masked (``370602********1234``): a value the form
    takes as it is, since it stands for the stored one (formkit.runtime.masked puts that back on
    a write). Plain text that merely looks like a mask is checked as any typed text, and refused
    for an ``id_card`` or ``phone`` field; the store only ever sees plain text."""

    __slots__ = ()


class Refused(Exception):
    """A typed value that does not fit its field; ``texts`` says why in zh and en."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(texts.get("en", ""))
        self.texts = texts


def typed(raw: object, spec: Spec) -> tuple[Value, dict[str, str] | None]:
    """A typed value checked against its spec: (value, None), or (None, why it was refused).
    A number with more places than the field holds is refused, never rounded (SPEC §3)."""
    if isinstance(raw, float):  # a programming error in the host, not a typing mistake
        raise TypeError(f"{raw!r} is a float: pass numbers as decimal.Decimal, int or text")
    if raw is None or (isinstance(raw, str) and is_blank(raw)):
        return None, None
    if isinstance(raw, ShownMask):
        return raw, None
    try:
        return _coerce(raw, spec), None
    except Refused as exc:
        return None, exc.texts
    except (TypeError, EvaluationError):
        return None, wrong_type(spec)


def wrong_type(spec: Spec) -> dict[str, str]:
    """The message for a value that is not of its field's kind ("I must be a number")."""
    kind = spec.kind if spec.kind in ("id_card", "phone") else _TYPE_MESSAGE.get(spec.type, "text")
    return texts(kind, spec.label)


def _coerce(raw: object, spec: Spec) -> Value:
    if spec.type is Type.NUMBER:
        return _typed_number(raw, spec)
    if isinstance(raw, int) and not isinstance(raw, bool) and spec.kind == "choice":
        raw = str(raw)  # choice keys are text; a JSON number names the same key
    if isinstance(raw, list | tuple) and spec.kind == "multichoice":
        raw = [str(k) if isinstance(k, int) and not isinstance(k, bool) else k for k in raw]
    if isinstance(raw, str) and spec.type is Type.BOOLEAN and raw in ("true", "false"):
        raw = raw == "true"
    if isinstance(raw, str) and (char := control_char(raw)) is not None:  # before anything reads it
        raise Refused(texts("control", spec.label, char=char))
    value = to_value(raw, spec.type)
    if isinstance(value, str) and spec.kind == "id_card":
        value = idcard.normalize(strip_blank(value))  # a trailing x is stored as X
        if not idcard.is_valid(value):
            raise Refused(texts("id_card", spec.label))
    if isinstance(value, str) and spec.kind == "phone":
        value = strip_blank(value)
        if PHONE.fullmatch(re.sub(r"[\s-]", "", value)) is None:
            raise Refused(texts("phone", spec.label))
    return value


def _typed_number(raw: object, spec: Spec) -> Decimal:
    number = parse_number(raw)
    if number.copy_abs() >= LIMIT:  # 1E+400: beyond the language; quantizing it would fail
        raise Refused(texts("number", spec.label))
    places = spec.places if spec.places is not None else PLACES
    if places_of(number) > places:
        raise Refused(texts("whole" if places == 0 else "places", spec.label, places=places))
    # 120.5 in a 2-place field is held as 120.50: padding, not rounding; without a precision,
    # 1.50 is held as 1.5 (as the database gives it back and the browser writes it)
    return round_places(number, places) if spec.places is not None else tidy(number)
