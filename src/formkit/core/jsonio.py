"""JSON with exact numbers: :func:`dumps` writes numbers as JSON number tokens with their exact
digits (``120.50``) and :func:`loads` reads them back as :class:`~decimal.Decimal` — never
through a float (SPEC §5)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

__all__ = ["dumps", "loads"]


def _number_token(d: Decimal) -> str:
    if not d.is_finite():
        raise ValueError(f"{d} is not a number JSON can hold")
    text = format(d, "f")
    return "0" if text in ("-0", "0", "") else text


def dumps(data: object, *, indent: int | None = None) -> str:
    """JSON text with every Decimal as a number token of its exact digits (``120.50``), dates
    as ISO text, text as UTF-8 (not ``\\u`` escapes)."""
    out: list[str] = []
    _write(data, out, indent, 0)
    return "".join(out)


def _write(v: object, out: list[str], indent: int | None, depth: int) -> None:
    if isinstance(v, bool) or v is None or isinstance(v, str):
        out.append(json.dumps(v, ensure_ascii=False))
    elif isinstance(v, Decimal):
        out.append(_number_token(v))
    elif isinstance(v, int):
        out.append(str(v))
    elif isinstance(v, float):
        out.append(_number_token(Decimal(repr(v))))
    elif isinstance(v, dt.datetime | dt.date):
        out.append(json.dumps(v.isoformat()))
    elif isinstance(v, Mapping):
        items = list(v.items())
        if not items:
            out.append("{}")
            return
        out.append("{")
        for i, (k, x) in enumerate(items):
            out.append(("," if i else "") + _newline(indent, depth + 1))
            out.append(json.dumps(str(k), ensure_ascii=False) + (": " if indent is not None else ":"))
            _write(x, out, indent, depth + 1)
        out.append(_newline(indent, depth) + "}")
    elif isinstance(v, list | tuple | set | frozenset):
        seq = sorted(v) if isinstance(v, set | frozenset) else list(v)
        if not seq:
            out.append("[]")
            return
        out.append("[")
        for i, x in enumerate(seq):
            out.append(("," if i else "") + _newline(indent, depth + 1))
            _write(x, out, indent, depth + 1)
        out.append(_newline(indent, depth) + "]")
    else:
        raise TypeError(f"cannot write {type(v).__name__} as JSON")


def _newline(indent: int | None, depth: int) -> str:
    return "" if indent is None else "\n" + " " * (indent * depth)


def loads(text: str | bytes) -> Any:
    """JSON text with numbers read as exact decimals (never floats)."""
    return json.loads(text, parse_float=Decimal)


