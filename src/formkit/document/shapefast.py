"""Shape fast path: a JSON Schema compiled to one Python predicate, for documents that pass.

jsonschema walks a valid document as fully as an invalid one and builds an error object for
every failed ``anyOf`` branch on the way; that was a third of loading a template. Almost every
document loaded is valid, so the predicate answers "valid or not" and nothing more: only when it
says no does ``schema.py`` run jsonschema to find and word the errors. The predicate must never
accept what jsonschema rejects, so it follows jsonschema's keyword semantics exactly (with
formkit's own number, integer and format checks) and refuses to compile a schema that uses a
keyword it does not know (``compile_schema`` returns None and jsonschema does all the work).
fastjsonschema would be the library for this, but it stops at draft 7 (our schemas are 2020-12)
and knows nothing of the ``Decimal`` numbers the loader produces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

__all__ = ["compile_schema"]

Check = Callable[[Any], bool]

# Keywords that only annotate: they never make a document invalid.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples",
                          "markdownDescription", "deprecated", "readOnly", "writeOnly"})


class _Unsupported(Exception):
    pass


def compile_schema(schema: Any, formats: Formats) -> Check | None:
    """The predicate of ``schema`` (with every ``$ref`` already inlined), or None when the schema
    uses a keyword this compiler does not know."""
    try:
        return _compile(schema, formats)
    except _Unsupported:
        return None


def _is_number(value: Any) -> bool:
    # YAML numbers arrive as int or Decimal; a bool is an int to Python but never a number here.
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": _is_number,
    "integer": _is_integer,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _equal(one: Any, two: Any) -> bool:
    """jsonschema's equality: True is not 1, lists and mappings compare element by element."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, list | tuple) and isinstance(two, list | tuple):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return len(one) == len(two) and all(k in two and _equal(v, two[k]) for k, v in one.items())
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    return bool(one == two)


def _always(_: Any) -> bool:
    return True


def _never(_: Any) -> bool:
    return False


def _compile(schema: Any, formats: Formats) -> Check:
    if schema is True:
        return _always
    if schema is False:
        return _never
    if not isinstance(schema, dict):
        raise _Unsupported(schema)
    checks: list[Check] = []
    object_checks: list[Check] = []  # only apply to mappings, like jsonschema's object keywords
    for key, value in schema.items():
        if key in _ANNOTATIONS or key in ("then", "else"):
            continue
        if key in _OBJECT_KEYWORDS:
            object_checks.append(_OBJECT_KEYWORDS[key](value, schema, formats))
        elif key in _KEYWORDS:
            check = _KEYWORDS[key](value, schema, formats)
            if check is not _always:
                checks.append(check)
        else:
            raise _Unsupported(key)
    if object_checks:
        checks.append(_on_objects(object_checks))
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    return _all(checks)


# The loops below stay loops: on this hot path they are measurably faster than all() over a
# generator (a third of the predicate's time on a 1,000-field template).


def _all(checks: list[Check]) -> Check:
    def check(v: Any) -> bool:
        for c in checks:  # noqa: SIM110
            if not c(v):
                return False
        return True
    return check


def _on_objects(checks: list[Check]) -> Check:
    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for c in checks:  # noqa: SIM110
            if not c(v):
                return False
        return True
    return check


Formats = Mapping[str, Callable[[object], bool]]
Builder = Callable[[Any, dict[str, Any], Formats], Check]


def _type(value: Any, _: dict[str, Any], __: Formats) -> Check:
    preds = [_TYPES[n] for n in (value if isinstance(value, list) else [value])]
    if len(preds) == 1:
        return preds[0]
    return lambda v: any(p(v) for p in preds)


def _const(value: Any, _: dict[str, Any], __: Formats) -> Check:
    if isinstance(value, str):  # _equal of a text is ==, and never true of a non-text
        return lambda v: isinstance(v, str) and v == value
    return lambda v: _equal(v, value)


def _enum(value: Any, _: dict[str, Any], __: Formats) -> Check:
    if all(isinstance(o, str) for o in value):  # a set look-up decides as _equal would
        texts = frozenset(value)
        return lambda v: isinstance(v, str) and v in texts
    return lambda v: any(_equal(o, v) for o in value)


def _minimum(value: Any, _: dict[str, Any], __: Formats) -> Check:
    return lambda v: not _is_number(v) or bool(v >= value)


def _maximum(value: Any, _: dict[str, Any], __: Formats) -> Check:
    return lambda v: not _is_number(v) or bool(v <= value)


def _min_length(value: Any, _: dict[str, Any], __: Formats) -> Check:
    return lambda v: not isinstance(v, str) or len(v) >= value


def _pattern(value: Any, _: dict[str, Any], __: Formats) -> Check:
    search = re.compile(value).search  # jsonschema uses re.search too
    return lambda v: not isinstance(v, str) or search(v) is not None


def _format(value: Any, _: dict[str, Any], formats: Formats) -> Check:
    return formats.get(value, _always)  # jsonschema ignores formats its checker does not know


def _min_items(value: Any, _: dict[str, Any], __: Formats) -> Check:
    return lambda v: not isinstance(v, list) or len(v) >= value


def _items(value: Any, _: dict[str, Any], formats: Formats) -> Check:
    item = _compile(value, formats)

    def check(v: Any) -> bool:
        if isinstance(v, list):
            for i in v:
                if not item(i):
                    return False
        return True
    return check


def _unique_items(value: Any, _: dict[str, Any], __: Formats) -> Check:
    return (lambda v: not isinstance(v, list) or _unique(v)) if value else _always


def _any_of(value: Any, _: dict[str, Any], formats: Formats) -> Check:
    subs = [_compile(s, formats) for s in value]

    def check(v: Any) -> bool:
        for s in subs:  # noqa: SIM110
            if s(v):
                return True
        return False
    return check


def _one_of(value: Any, _: dict[str, Any], formats: Formats) -> Check:
    subs = [_compile(s, formats) for s in value]
    return lambda v: sum(1 for s in subs if s(v)) == 1


def _all_of(value: Any, _: dict[str, Any], formats: Formats) -> Check:
    return _all([_compile(s, formats) for s in value])


def _not(value: Any, _: dict[str, Any], formats: Formats) -> Check:
    sub = _compile(value, formats)
    if sub is _always:  # `not: {}`, the schema's way to forbid a key
        return _never
    return lambda v: not sub(v)


def _if(value: Any, schema: dict[str, Any], formats: Formats) -> Check:
    cond = _compile(value, formats)
    then = _compile(schema.get("then", True), formats)
    other = _compile(schema.get("else", True), formats)
    return lambda v: then(v) if cond(v) else other(v)


def _properties(value: Any, _: dict[str, Any], formats: Formats) -> Check:
    props = {k: _compile(s, formats) for k, s in value.items()}
    named = tuple(props.items())

    def check(v: dict[Any, Any]) -> bool:
        if len(named) < len(v):  # e.g. an `if` on `type` alone: look up the few named keys
            for k, named_check in named:  # noqa: SIM110 — see the note above _all
                if k in v and not named_check(v[k]):
                    return False
            return True
        for k, x in v.items():
            p = props.get(k) if isinstance(k, str) else None
            if p is not None and not p(x):
                return False
        return True
    return check


def _additional(value: Any, schema: dict[str, Any], formats: Formats) -> Check:
    known = schema.get("properties", {})
    extra = _compile(value, formats)
    if extra is _always:
        return _always
    if extra is _never:
        names = frozenset(known)
        return names.issuperset
    return lambda v: all(extra(x) for k, x in v.items() if k not in known)


def _required(value: Any, _: dict[str, Any], __: Formats) -> Check:
    names = frozenset(value)
    return lambda v: v.keys() >= names  # only ever given mappings (an object keyword)


def _min_properties(value: Any, _: dict[str, Any], __: Formats) -> Check:
    return lambda v: len(v) >= value


def _max_properties(value: Any, _: dict[str, Any], __: Formats) -> Check:
    return lambda v: len(v) <= value


def _property_names(value: Any, _: dict[str, Any], formats: Formats) -> Check:
    name = _compile(value, formats)

    def check(v: Any) -> bool:
        for k in v:  # noqa: SIM110
            if not name(k):
                return False
        return True
    return check


_KEYWORDS: dict[str, Builder] = {
    "type": _type, "const": _const, "enum": _enum, "minimum": _minimum, "maximum": _maximum,
    "minLength": _min_length, "pattern": _pattern, "format": _format, "minItems": _min_items,
    "items": _items, "uniqueItems": _unique_items, "anyOf": _any_of, "oneOf": _one_of,
    "allOf": _all_of, "not": _not, "if": _if,
}
_OBJECT_KEYWORDS: dict[str, Builder] = {
    "properties": _properties, "additionalProperties": _additional, "required": _required,
    "minProperties": _min_properties, "maxProperties": _max_properties,
    "propertyNames": _property_names,
}


def _unique(items: list[Any]) -> bool:
    return not any(_equal(a, b) for i, a in enumerate(items) for b in items[i + 1:])
