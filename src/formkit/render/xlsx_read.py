"""Excel read-back: a filled workbook's values in SPEC §5's shape, found through its hidden map."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel

from formkit.document.model import Label
from formkit.evaluation.formchecks import all_specs
from formkit.evaluation.functions import Spec
from formkit.meaning.template import Template
from formkit.render.excel_formula import YES_WORDS
from formkit.render.xlsx_cells import MAP_SHEET, choice_labels, encoding, to_date, to_decimal

__all__ = ["read_workbook"]

_SPLIT = re.compile(r"[、,，;；]\s*")


def read_workbook(template: Template, path: str | Path | IO[bytes]) -> dict[str, Any]:
    """The values of a workbook written by ``render_xlsx`` for ``template`` and filled in.

    Returns ``{"values": {field: value}, "tables": {table: [row…]}, "grids": {grid: {row:
    {col: value}}}, "footer": {…}}`` with Python values: Decimal numbers (at the field's
    places; never rounded), ``datetime.date``, bool, text, choice keys and lists of keys;
    empty cells are None. Calculated cells give the values last saved by Excel or LibreOffice
    (None when the file was never recalculated). Text is read back exactly as typed.
    Raises ValueError when the workbook was not written for this template.
    """
    wb = load_workbook(path, data_only=True)
    if MAP_SHEET not in wb.sheetnames:
        raise ValueError("this workbook was not written by formkit (it has no map sheet)")
    rows = [r for r in wb[MAP_SHEET].iter_rows(values_only=True) if r and r[0]]
    if not rows or rows[0][0] != "template" or rows[0][1] != template.id:
        found = rows[0][1] if rows else None
        raise ValueError(f"this workbook is for template {found!r}, not {template.id!r}")
    specs = all_specs(template)
    choices = _choices(template)
    out: dict[str, Any] = {"values": {}, "tables": {}, "grids": {}, "footer": {}}
    entries = [tuple(str(x) for x in r[:5]) for r in rows[1:]]
    columns: dict[str, list[tuple[str, str, str]]] = {}
    for kind, key, name, where, extra in entries:
        raw = wb[name][where].value if kind in ("field", "cell", "footer") else None
        if kind == "field":
            out["values"][key] = _decode(raw, specs[key], choices.get(key, {}))
        elif kind == "cell":
            gid, rid, cid = key.split(".")
            out["grids"].setdefault(gid, {}).setdefault(rid, {})[cid] = _decode(raw, specs[key], {})
        elif kind == "footer":
            out["footer"][key] = raw.date() if isinstance(raw, dt.datetime) else raw
        elif kind == "column":
            tid, _, cid = key.partition(".")
            columns.setdefault(tid, []).append((cid, where, extra))
    for kind, key, name, first, last in entries:
        if kind == "table":
            rows_of = _rows(wb[name], range(int(first), int(last) + 1), columns.get(key, []))
            out["tables"][key] = [
                {"_key": k, **{cid: _decode(v, specs[f"{key}.{cid}"], choices.get(f"{key}.{cid}", {}))
                               for cid, v in cells.items()}}
                for k, cells in rows_of
            ]
    return out


def _rows(ws: Any, rows: range, cols: list[tuple[str, str, str]]) -> list[tuple[str | None, dict[str, Any]]]:
    """The roster rows that hold data: a pool key, or anything typed."""
    found = []
    for r in rows:
        cells = {cid: ws[f"{letter}{r}"].value for cid, letter, _ in cols}
        typed = [cells[cid] for cid, _, kind in cols if kind != "formula"]
        key = ws[f"A{r}"].value
        if key in (None, "") and all(v is None or (isinstance(v, str) and not v.strip()) for v in typed):
            continue
        found.append((None if key in (None, "") else str(key), cells))
    return found


def _choices(tpl: Template) -> dict[str, dict[str, str]]:
    """Label (in any language) or key → key, by place."""
    out = {}
    for fid, f in tpl.fields.items():
        out[fid] = _reverse(choice_labels(tpl, f))
    for tid, t in tpl.tables.items():
        for cid, c in t.columns.items():
            out[f"{tid}.{cid}"] = _reverse(choice_labels(tpl, c))
    return out


def _reverse(labels: dict[str, Label]) -> dict[str, str]:
    out = {text: key for key, label in labels.items() for text in label.values()}
    return out | {key: key for key in labels}


def _decode(raw: object, spec: Spec, choices: dict[str, str]) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    enc = encoding(spec, tuple(choices.items()))
    if enc == "number":
        d = to_decimal(raw)
        if d is None:
            return raw if isinstance(raw, str) else None
        if spec.places is not None and -d.as_tuple().exponent < spec.places:  # type: ignore[operator]
            return d.quantize(Decimal(1).scaleb(-spec.places))  # padding only, never rounding
        return d.quantize(Decimal(1)) if d == d.to_integral_value() else d
    if enc == "date":
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            value = from_excel(raw)
            return value.date() if isinstance(value, dt.datetime) else value
        return to_date(raw) or raw
    if enc == "bool":
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        return True if word in (*YES_WORDS, "true") else False if word in ("否", "no", "false") else str(raw)
    text = _text(raw)
    if enc == "multi":
        return [choices.get(k, k) for k in _SPLIT.split(text.strip()) if k] or None
    if enc == "choice":
        return choices.get(text, choices.get(text.strip(), text))
    return text


def _text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return raw if isinstance(raw, str) else str(raw)
