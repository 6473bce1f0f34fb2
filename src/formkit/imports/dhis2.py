"""DHIS2 → template: a data set's metadata JSON (``/api/metadata`` export) as a draft template.

Data elements with the default category combination become fields; those sharing another
combination within a section become one grid (data elements × category option combinations).
Validation rules ``left op right`` become rules where both sides translate (dhis2.lark);
predictors, compulsory and exclusive pairs and anything else are listed.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from formkit.core import errors
from formkit.imports.draft import Draft, ImportResult
from formkit.imports.ids import Ids

__all__ = ["import_dhis2"]

_VALUE_TYPES: dict[str, tuple[str, dict[str, Any]]] = {
    "NUMBER": ("decimal", {"precision": 2}), "INTEGER": ("integer", {}), "INTEGER_POSITIVE": ("integer", {"min": 1}),
    "INTEGER_ZERO_OR_POSITIVE": ("integer", {"min": 0}), "INTEGER_NEGATIVE": ("integer", {"max": -1}),
    "PERCENTAGE": ("decimal", {"precision": 2, "min": 0, "max": 100}), "UNIT_INTERVAL": ("decimal", {"precision": 4}),
    "TEXT": ("text", {}), "LONG_TEXT": ("text", {}), "DATE": ("date", {}), "BOOLEAN": ("boolean", {}),
    "TRUE_ONLY": ("boolean", {}), "PHONE_NUMBER": ("phone", {}), "EMAIL": ("text", {}), "LETTER": ("text", {}),
}
_PERIODS = {"Weekly": "weekly", "Monthly": "monthly", "Quarterly": "quarterly", "Yearly": "yearly"}
_OPERATORS = {"equal_to": "=", "not_equal_to": "!=", "greater_than": ">", "greater_than_or_equal_to": ">=",
              "less_than": "<", "less_than_or_equal_to": "<="}
MAX_BYTES = 20_000_000


class _Bad(Exception):
    pass


@cache
def _parser() -> Lark:
    return Lark((Path(__file__).parent / "dhis2.lark").read_text(encoding="utf-8"), parser="lalr",
                maybe_placeholders=False)


def import_dhis2(path: str | Path, *, data_set: str | None = None) -> ImportResult:
    path = Path(path)
    draft = Draft(path, "dhis2")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _Bad("the file is larger than 20 MB")
        meta = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise _Bad("the JSON is not an object")
    except (OSError, UnicodeDecodeError, ValueError, _Bad) as exc:
        draft.note(path.name, errors.IMPORT_UNREADABLE, f"not a DHIS2 metadata file: {exc}",
                   "export the data set with its dependencies (/api/dataSets/ID/metadata.json)", "error")
        return draft.fail()
    sets = [d for d in meta.get("dataSets", []) if isinstance(d, dict)]
    chosen = [d for d in sets if data_set in (None, d.get("id"), d.get("code"), d.get("name"))]
    if not chosen:
        named = f" '{data_set}'" if data_set else ""
        draft.note(path.name, errors.IMPORT_NO_TABLE, f"the file has no data set{named}",
                   "export a data set with its dependencies", "error")
        return draft.fail()
    for other in chosen[1:]:
        draft.note(f"dataSets[{sets.index(other)}]", errors.IMPORT_NOT_CARRIED,
                   f"the data set '{other.get('name')}' is another report", "import it on its own (data_set=…)")
    _Builder(draft, meta).build(chosen[0], sets.index(chosen[0]))
    return draft.finish((f"imported from {path.name} by formkit import: a draft, review it before use",))


def _index(meta: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    return {o["id"]: o for o in meta.get(key, []) if isinstance(o, dict) and "id" in o}


def _label(obj: dict[str, Any]) -> str:
    return str(obj.get("formName") or obj.get("displayName") or obj.get("name") or obj.get("id"))


class _Builder:
    def __init__(self, draft: Draft, meta: dict[str, Any]) -> None:
        self.draft = draft
        self.meta = meta
        self.elements = _index(meta, "dataElements")
        self.combos = _index(meta, "categoryCombos")
        self.cocs = _index(meta, "categoryOptionCombos")
        self.ids = Ids("f")
        self.names: dict[tuple[str, str | None], str] = {}  # (de, coc or None) → expression name
        self.totals: dict[str, list[str]] = {}  # de → every cell of its grid row

    def build(self, ds: dict[str, Any], n: int) -> None:
        data = self.draft.data
        data["id"] = Ids("r").take(str(ds.get("code") or ds.get("name") or "dataset"))
        data["version"] = int(ds["version"]) if isinstance(ds.get("version"), int) and ds["version"] > 0 else 1
        data["title"] = _label(ds)
        period = _PERIODS.get(str(ds.get("periodType")))
        if period is None:
            self.draft.note(f"dataSets[{n}].periodType", errors.IMPORT_NOT_CARRIED,
                            f"the period type '{ds.get('periodType')}' has no template period: monthly", None)
        data["period"] = period or "monthly"
        fields: list[dict[str, Any]] = []
        order = self._sections(ds, n)
        for title, des, where in order:
            fields += self._section(title, des, where)
        data["fields"] = fields
        rules = self._rules()
        if rules:
            data["rules"] = rules
        for i, p in enumerate(self.meta.get("predictors", [])):
            self.draft.note(f"predictors[{i}]", errors.IMPORT_NOT_CARRIED, f"the predictor '{_label(p)}' is not "
                            "carried over", "a value from past periods can be written with prev()")

    def _sections(self, ds: dict[str, Any], n: int) -> list[tuple[str | None, list[str], str]]:
        members = [d["dataElement"]["id"] for d in ds.get("dataSetElements", [])
                   if isinstance(d, dict) and isinstance(d.get("dataElement"), dict)]
        sections = sorted((s for s in self.meta.get("sections", []) if isinstance(s, dict)
                           and (s.get("dataSet") or {}).get("id") in (None, ds.get("id"))),
                          key=lambda s: s.get("sortOrder", 0))
        out: list[tuple[str | None, list[str], str]] = []
        seen: set[str] = set()
        for i, s in enumerate(sections):
            des = [d["id"] for d in s.get("dataElements", []) if d.get("id") in self.elements]
            seen.update(des)
            out.append((_label(s), des, f"sections[{i}]"))
        rest = [d for d in members if d not in seen and d in self.elements]
        if rest:
            out.append((None, rest, f"dataSets[{n}]"))
        for d in members:
            if d not in self.elements:
                self.draft.note(f"dataSets[{n}].dataSetElements", errors.IMPORT_NOT_CARRIED,
                                f"the data element {d} is not in the file", "export with dependencies")
        return out

    def _combo_of(self, de: dict[str, Any]) -> dict[str, Any] | None:
        combo = self.combos.get((de.get("categoryCombo") or {}).get("id", ""))
        if combo is None or combo.get("name") == "default":
            return None
        return combo

    def _section(self, title: str | None, des: list[str], where: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        by_combo: dict[str, list[str]] = {}
        for d in des:
            combo = self._combo_of(self.elements[d])
            if combo is None:
                item = self._field(self.elements[d], f"dataElements[{d}]")
                if item is not None:
                    out.append(item)
            else:
                by_combo.setdefault(combo["id"], []).append(d)
        for combo_id, members in by_combo.items():
            out.append(self._grid(title, self.combos[combo_id], members, where))
        return out

    def _field(self, de: dict[str, Any], where: str) -> dict[str, Any] | None:
        vt = str(de.get("valueType", "TEXT"))
        typ, extra = _VALUE_TYPES.get(vt, ("text", {}))
        if vt not in _VALUE_TYPES:
            self.draft.note(where, errors.IMPORT_NOT_CARRIED, f"the value type {vt} is read as text", None)
        fid = self.ids.take(str(de.get("code") or de.get("shortName") or de.get("name") or de["id"]))
        self.names[(de["id"], None)] = fid
        item = {"id": fid, "label": _label(de), "type": typ, **extra}
        return self.draft.place(item, where)

    def _grid(self, title: str | None, combo: dict[str, Any], des: list[str], where: str) -> dict[str, Any]:
        gid = self.ids.take(title or str(combo.get("code") or combo.get("name") or "grid"))
        row_ids, col_ids = Ids("r"), Ids("c")
        cocs = [self.cocs[c["id"]] for c in combo.get("categoryOptionCombos", []) if c.get("id") in self.cocs]
        columns: list[dict[str, Any]] = []
        col_of: dict[str, str] = {}
        for coc in cocs:
            cid = col_ids.take(str(coc.get("code") or coc.get("name") or coc["id"]))
            col_of[coc["id"]] = cid
            columns.append({"id": cid, "label": _label(coc)})
        rows = []
        kinds = set()
        for d in des:
            de = self.elements[d]
            rid = row_ids.take(str(de.get("code") or de.get("shortName") or de.get("name") or d))
            rows.append({"id": rid, "label": _label(de)})
            kinds.add(_VALUE_TYPES.get(str(de.get("valueType")), ("text", {}))[0])
            self.totals[d] = [f"{gid}.{rid}.{cid}" for cid in col_of.values()]
            for coc_id, cid in col_of.items():
                self.names[(d, coc_id)] = f"{gid}.{rid}.{cid}"
        if kinds - {"integer", "decimal"}:
            self.draft.note(where, errors.IMPORT_NOT_CARRIED, "grid cells are numbers: the data elements that are "
                            "not are read as numbers", None)
        if "decimal" in kinds:
            for c in columns:
                c["type"], c["precision"] = "decimal", 2
        bounded = [_label(self.elements[d]) for d in des
                   if _VALUE_TYPES.get(str(self.elements[d].get("valueType")), ("", {}))[1].keys() & {"min", "max"}]
        if bounded:
            self.draft.note(where, errors.IMPORT_NOT_CARRIED, f"grid cells take no min or max: the bounds of "
                            f"{', '.join(bounded)} are not carried over", "a rule can check them (check: … >= 0)")
        return self.draft.place({"id": gid, "type": "grid", "label": title or _label(combo), "rows": rows,
                                 "columns": columns}, where)

    def _rules(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        ids = Ids("r")
        for i, rule in enumerate(self.meta.get("validationRules", [])):
            where = f"validationRules[{i}]"
            op = _OPERATORS.get(str(rule.get("operator")))
            if op is None:
                self.draft.note(where, errors.IMPORT_NOT_CARRIED, f"the operator {rule.get('operator')} has no "
                                "counterpart: the rule is not carried over", "write the rule's check by hand")
                continue
            try:
                left = self._side((rule.get("leftSide") or {}).get("expression", ""))
                right = self._side((rule.get("rightSide") or {}).get("expression", ""))
            except _Bad as exc:
                self.draft.note(where, errors.IMPORT_NOT_CARRIED, f"the rule '{_label(rule)}' does not translate: "
                                f"{exc}", "write the rule's check by hand")
                continue
            item = {"id": ids.take(str(rule.get("code") or rule.get("name") or f"rule_{i}")),
                    "check": f"{left} {op} {right}",
                    "severity": "warning" if rule.get("importance") == "LOW" else "error",
                    "message": str(rule.get("instruction") or _label(rule))}
            out.append(self.draft.place(item, where))
        return out

    def _side(self, text: str) -> str:
        try:
            tree = _parser().parse(text)
        except LarkError as exc:
            raise _Bad(f"`{text}` does not parse ({str(exc).splitlines()[0]})") from None
        return self._x(tree)

    def _x(self, node: Tree[Token] | Token) -> str:
        if isinstance(node, Token):
            raise _Bad(f"'{node}'")
        kind = node.data
        if kind == "number":
            return str(node.children[0])
        if kind == "neg":
            return f"-({self._x(node.children[0])})"
        if kind == "arith":
            left, op, right = node.children
            return f"{self._x(left)} {op} {self._paren(right)}"
        if kind == "operand":
            de = str(node.children[0])
            coc = str(node.children[1]) if len(node.children) > 1 else None
            name = self.names.get((de, coc))
            if name is None and coc is None and de in self.totals:
                return "(" + " + ".join(self.totals[de]) + ")"  # a data element's total over its cells
            if name is None:
                raise _Bad(f"#{{{de}{'.' + coc if coc else ''}}} is not a data element of the data set")
            return name
        raise _Bad(f"{node.children[0] if node.children else kind} has no counterpart in the language")

    def _paren(self, node: Tree[Token] | Token) -> str:
        text = self._x(node)
        return f"({text})" if isinstance(node, Tree) and node.data == "arith" else text
