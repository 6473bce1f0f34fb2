"""YAML out: plain data written back as a template file a person can read and formkit reads
back the same (merge writes its templates with it).

PyYAML's emitter with three changes: key order is kept, Chinese is written as it is, and a
text that formkit's YAML 1.2 reader would take for something else (``0o17``, ``1e3``, ``true``,
``null``) is quoted. Short mappings (a field, a label, a column) are written on one line, as
template authors write them; anything longer as a block. Deterministic: the same data gives
the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import yaml

__all__ = ["dump_template"]

FLOW_WIDTH = 110  # a mapping written on one line stays within this many characters

# Plain scalars that formkit's loader does not read as text (document/loader.py): quoted.
_NOT_TEXT = re.compile(
    r"(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)\Z"
    r"|[-+]?[0-9]+\Z|0x[0-9a-fA-F]+\Z|0o[0-7]+\Z"
    r"|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?\Z|[-+]?[0-9]+[eE][-+]?[0-9]+\Z"
    r"|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z"
)


class _Flow(dict[str, Any]):
    """A mapping written on one line."""


class _FlowList(list[Any]):
    """A list written on one line."""


class _Dumper(yaml.SafeDumper):
    # YAML 1.1's timestamps are text to formkit (YAML 1.2 core): `valid_until: 2027-12-31` stays plain.
    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute, replaced whole
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the same label object twice is written twice, never as an anchor

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # `fields:` then `  - …`, as authors indent lists


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if value == "" or _NOT_TEXT.match(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    if "." not in text:
        text += ".0"  # stays a decimal, never an integer
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _block(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=False)


def _flow_list(dumper: yaml.SafeDumper, value: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _block_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=False)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(_Flow, _flow)
_Dumper.add_representer(dict, _block)
_Dumper.add_representer(_FlowList, _flow_list)
_Dumper.add_representer(list, _block_list)


def _one_line(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 20).strip()


def _shape(value: Any, room: int) -> Any:
    """``value`` with each mapping and list marked flow or block: flow when it holds no block
    and fits in ``room`` characters."""
    if isinstance(value, Mapping):
        inner = {str(k): _shape(v, room - 2) for k, v in value.items()}
        if all(not isinstance(v, dict | list) or isinstance(v, _Flow | _FlowList) for v in inner.values()):
            flow = _Flow(inner)
            if len(_one_line(flow)) <= room:
                return flow
        return dict(inner)
    if isinstance(value, Sequence) and not isinstance(value, str):
        items = [_shape(v, room - 2) for v in value]
        if all(not isinstance(v, dict | list) for v in items):
            flat = _FlowList(items)
            if len(_one_line(flat)) <= room:
                return flat
        return list(items)
    return value


def dump_template(data: Mapping[str, Any], header: Sequence[str] = ()) -> str:
    """The YAML text of ``data`` (a template's plain data), after ``header`` as comment lines.
    Top-level keys are written as blocks, each list item on its own line."""
    out = [f"# {line}".rstrip() for line in header]
    for key, value in data.items():
        shaped = _shape(value, FLOW_WIDTH - len(str(key)) - 2)
        if isinstance(value, Sequence) and not isinstance(value, str) and value:
            shaped = [_shape(v, FLOW_WIDTH - 4) for v in value]  # one item a line, however short the list
            if key in ("fields", "rules", "formats"):
                out.append("")
        text = yaml.dump({str(key): shaped}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                         width=1 << 20, indent=2)
        out.append(text.rstrip("\n"))
    return "\n".join(out) + "\n"
