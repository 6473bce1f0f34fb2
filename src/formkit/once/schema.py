"""Schema: the JSON Schemas of ``formkit catalog --json`` and ``formkit admit --json``, derived
from the report's own dataclasses (report.py is the one statement of the shape;
``dsl/catalog.schema.json`` and ``dsl/admission.schema.json`` are written from here by
``scripts/gen_report_schemas.py`` and a test keeps them equal)."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from pydantic import TypeAdapter

from formkit.once import report

FILES = {"catalog": "catalog.schema.json", "admission": "admission.schema.json"}
_ROOTS: dict[str, type] = {"catalog": report.CatalogReport, "admission": report.Admission}
_TITLES = {
    "catalog": ("formkit catalog report", "What `formkit catalog --json` prints (formkit SPEC §8.2)."),
    "admission": ("formkit admission review", "What `formkit admit --json` prints (formkit SPEC §8.3)."),
}
_JSON_TYPES = {int: "integer", float: "number", str: "string", bool: "boolean"}


def report_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one report kind: every field and computed figure, nothing else."""
    root = _ROOTS[kind]
    schema = TypeAdapter(root).json_schema(mode="serialization")
    defs = schema.setdefault("$defs", {})
    for cls in _classes(root):
        target = schema if cls is root else defs[cls.__name__]
        _complete(target, cls)
    title, description = _TITLES[kind]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://formkit.dev/schema/{FILES[kind]}", **schema, "title": title,
            "description": description}


def _classes(root: type) -> list[type]:
    seen: list[type] = []
    stack = [root]
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for f in dataclasses.fields(cls):
            stack.extend(_dataclasses_in(typing.get_type_hints(cls, vars(report))[f.name]))
    return seen


def _dataclasses_in(hint: Any) -> list[type]:
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return [hint]
    return [c for arg in typing.get_args(hint) for c in _dataclasses_in(arg)]


def _complete(target: dict[str, Any], cls: type) -> None:
    """The computed figures ``to_dict`` adds; every key required; no other key."""
    props = target.setdefault("properties", {})
    for name in report.COMPUTED.get(cls, ()):
        returned = typing.get_type_hints(getattr(cls, name).fget, vars(report))["return"]
        doc = (getattr(cls, name).__doc__ or "").strip().splitlines()
        props[name] = {"type": _JSON_TYPES[returned], "readOnly": True, **({"description": doc[0]} if doc else {})}
    target["required"] = list(props)
    target["additionalProperties"] = False
