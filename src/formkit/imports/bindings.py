"""``--pool``: pool bindings proposed for imported fields whose labels match a pool column (or a
table, for a count) — listed for the admin, never written into the draft."""

from __future__ import annotations

import re
from pathlib import Path

from formkit.imports.draft import ImportResult
from formkit.pipeline import load_pool

__all__ = ["propose"]

_NOISE = re.compile(r"[\s\u3000（）()、，,：:·]|人数$|数量$|总数$|情况$|名称$")


def _norm(text: str) -> str:
    return _NOISE.sub("", text)


def propose(result: ImportResult, pool: str | Path) -> list[str]:
    model = load_pool(pool)
    columns: dict[str, str] = {}
    for tid, table in model.tables.items():
        for label in (table.label or {}).values():
            columns.setdefault(_norm(label), f"count({tid})")
        for cid, col in table.columns.items():
            for label in [cid, *(col.label or {}).values()]:
                columns.setdefault(_norm(label), f"{tid}.{cid}")
    out: list[str] = []
    assert result.template is not None
    places = [(fid, f.model.label) for fid, f in result.template.fields.items()]
    places += [(f"{tid}.{cid}", c.model.label) for tid, t in result.template.tables.items()
               for cid, c in t.columns.items()]
    for where, labels in places:
        for text in (labels or {}).values():
            found = columns.get(_norm(text))
            if found:
                out.append(f"{where} ({text}): value: {found}")
                break
    return out
