"""Writing a masked form back: personal data it was shown masked stays as stored (SPEC §6).

A form filled without ``pii`` shows the stored submission masked (``read_submission``), so an
unchanged value of a ``pii``-derived slot comes back as its mask. Written as it came, the mask
would replace the unmasked original or correction a ``pii=True`` fill stored — a bad value
erasing a good one. :func:`as_stored` puts the stored value back wherever the form's value is
exactly what the store showed masked (a corrected value's stored correction first, any other
value's stored original first: the two may show the same mask), and a roster row's masked
record key back to the stored key it stands for. The masks are compared as the database made
them (both reads are the same SQL), never worked out again in Python.

A confirmable value computed from last period (``prev()``) was shown masked too: unless staff
corrected it, it is left for the server to compute again from last period as stored (as a
pre-filled value is left standing), so the mask is never taken for a correction.

A value staff typed over the mask is written as typed; a roster row whose masked key stands
for more than one stored row is left as it came (the form could not tell them apart either).
Both reads must be of the form's revision: otherwise nothing is put back, and the write is
refused as stale anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from formkit.evaluation.functions import ShownMask
from formkit.meaning.template import Template
from formkit.runtime.form import Form, confirmable, pool_bound
from formkit.sql.mask import stored_masks

__all__ = ["as_stored", "shown_masks"]

_KINDS = ("id_card", "phone")  # typed kinds whose masked text is no valid value of the kind


def shown_masks(template: Template, inputs: dict[str, object]) -> dict[str, object]:
    """A masked form's stored inputs with each masked ``id_card`` or ``phone`` value (a field's,
    a roster cell's) marked as a :class:`ShownMask`, which the form takes as it is: it stands for
    the stored number, which :func:`as_stored` puts back when the form is written unchanged."""
    masks = stored_masks(template)
    out = dict(inputs)
    for fid, f in template.fields.items():
        value = out.get(fid)
        if fid in masks.slots and f.model.type in _KINDS and isinstance(value, str):
            out[fid] = ShownMask(value)
    for tid, t in template.tables.items():
        cols = [cid for cid, c in t.columns.items() if c.model.type in _KINDS and masks.column(tid, cid) is not None]
        rows = out.get(tid)
        if cols and isinstance(rows, list):
            out[tid] = [{k: ShownMask(v) if k in cols and isinstance(v, str) else v for k, v in r.items()}
                        for r in rows]
    return out

def as_stored(template: Template, form: Form, shown: Mapping[str, Any] | None, raw: Mapping[str, Any] | None,
              meta: Mapping[str, Mapping[str, Any]]
              ) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], dict[str, dict[str, Any]]]:
    """The values, roster rows (with ``_meta``) and ``meta`` to write for ``form``, filled from
    ``shown`` (the stored submission as it was read for the form, masked unless ``form.pii``):
    what was shown masked and left as it was, put back as ``raw`` (the same submission read
    unmasked) holds it."""
    values = form.values
    tables = {tid: [dict(r) for r in rows] for tid, rows in form.tables_with_meta.items()}
    new_meta = {fid: dict(m) for fid, m in meta.items()}
    if form.pii:
        return values, tables, new_meta
    masks = stored_masks(template)
    for fid, f in template.fields.items():
        if fid in masks.slots and confirmable(f) and not pool_bound(f) \
                and new_meta.get(fid, {}).get("source") != "corrected":
            # shown from last period masked: the server's value (from it as stored) stands
            values[fid] = None
    if shown is None or raw is None or shown is raw or not shown["revision"] == raw["revision"] == form.revision:
        return values, tables, new_meta
    for fid in template.fields:
        if fid not in masks.slots:
            continue
        was = _Slot(shown["values"].get(fid), raw["values"].get(fid),
                    (shown["meta"].get(fid) or {}).get("original"), (raw["meta"].get(fid) or {}).get("original"))
        values[fid] = was.value(values.get(fid), new_meta.get(fid, {}).get("source") == "corrected")
        if new_meta.get(fid, {}).get("original") is not None:
            new_meta[fid]["original"] = was.original(new_meta[fid]["original"])
    for tid, rows in tables.items():
        cols = [cid for cid in template.tables[tid].columns if masks.column(tid, cid) is not None]
        if cols or tid in masks.keys:
            tables[tid] = _rows(rows, shown["tables"].get(tid) or [], raw["tables"].get(tid) or [], cols)
    return values, tables, new_meta


class _Slot:
    """One stored slot, as shown masked and as stored: its value and its original."""

    def __init__(self, shown: Any, raw: Any, shown_original: Any, raw_original: Any) -> None:
        self.value_pair, self.original_pair = (shown, raw), (shown_original, raw_original)

    def value(self, v: Any, corrected: bool) -> Any:
        """A value staff corrected is first the stored correction, else the stored original
        (both may well show the same mask)."""
        return _back(v, [self.value_pair, self.original_pair] if corrected else [self.original_pair, self.value_pair])

    def original(self, v: Any) -> Any:
        return _back(v, [self.original_pair, self.value_pair])


def _back(v: Any, pairs: list[tuple[Any, Any]]) -> Any:
    """The stored value ``v`` shows masked, or ``v`` itself when it shows none."""
    if v is None:
        return v
    return next((raw for shown, raw in pairs if shown is not None and shown == v), v)


def _rows(rows: list[dict[str, Any]], shown: Sequence[Mapping[str, Any]], raw: Sequence[Mapping[str, Any]],
          cols: list[str]) -> list[dict[str, Any]]:
    """A roster's rows with each pool row matched to the stored row its (masked) key shows."""
    if len(shown) != len(raw):  # not one revision: the write is refused as stale anyway
        return rows
    keys = [r.get("_key") for r in shown]
    stored = {k: (s, r) for k, s, r in zip(keys, shown, raw, strict=True)
              if k is not None and keys.count(k) == 1}
    out = []
    for row in rows:
        key = row.get("_key")
        found = stored.get(key) if key is not None else None  # a pool key, or the stored key of an added row
        out.append(row if found is None else _row(row, *found, cols))
    return out


def _row(row: dict[str, Any], shown: Mapping[str, Any], raw: Mapping[str, Any], cols: list[str]) -> dict[str, Any]:
    out = {**row, "_key": raw.get("_key")}
    meta = {cid: dict(m) for cid, m in (row.get("_meta") or {}).items()}
    for cid in cols:
        seen, kept = (shown.get("_meta") or {}).get(cid) or {}, (raw.get("_meta") or {}).get(cid) or {}
        was = _Slot(shown.get(cid), raw.get(cid), seen.get("original"), kept.get("original"))
        if cid in out:
            out[cid] = was.value(out[cid], meta.get(cid, {}).get("source") == "corrected")
        if meta.get(cid, {}).get("original") is not None:
            meta[cid]["original"] = was.original(meta[cid]["original"])
    if meta:
        out["_meta"] = meta
    return out
