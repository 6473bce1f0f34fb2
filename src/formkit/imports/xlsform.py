"""XLSForm → template: the survey, choices and settings sheets (ODK, Kobo) as a draft template.

Questions become fields (a repeat a ``table``, its questions the columns); groups have no place
in a template, so their questions are kept in order and a group's ``relevant`` is joined into
each question's ``visible``. Expressions go through xpath.py; each one that does not translate is
listed with its survey row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formkit.core import errors
from formkit.imports.draft import Draft, ImportResult
from formkit.imports.excel_book import Unreadable, open_book
from formkit.imports.excel_formula import Untranslatable
from formkit.imports.ids import Ids
from formkit.imports.xpath import translate

__all__ = ["import_xlsform"]

_TYPES = {"integer": "integer", "decimal": "decimal", "text": "text", "string": "text", "date": "date",
          "select_one": "choice", "select_multiple": "multichoice", "calculate": "decimal", "barcode": "text"}
_META = {"start", "end", "today", "deviceid", "phonenumber", "username", "email", "audit", "simserial",
         "subscriberid", "start-geopoint", "background-audio"}
_YES = {"yes", "true", "true()", "1"}
_BOUND = re.compile(r"^\s*\.\s*(>=|<=|>|<)\s*(-?[0-9]+(?:\.[0-9]+)?)\s*$")
_LANG = re.compile(r"^(label|hint|constraint_message|constraint-message|required_message)(?:::(.+))?$")
_CODE = re.compile(r"\(([a-z]{2,3}(?:-[A-Za-z]+)?)\)\s*$")
_LANG_NAMES = {"chinese": "zh", "中文": "zh", "english": "en", "英文": "en", "french": "fr", "spanish": "es"}


@dataclass
class _Row:
    number: int
    cells: dict[str, str]

    def get(self, key: str) -> str:
        return self.cells.get(key, "")

    @property
    def where(self) -> str:
        return f"survey row {self.number}"


@dataclass
class _Form:
    survey: list[_Row]
    choices: dict[str, dict[str, str | dict[str, str]]] = field(default_factory=dict)  # list → key → label
    settings: dict[str, str] = field(default_factory=dict)


def _sheet_rows(ws: Any) -> list[_Row]:
    rows = list(ws.iter_rows(values_only=True))
    if not rows:
        return []
    head = [str(h).strip() if h is not None else "" for h in rows[0]]
    out = []
    for n, values in enumerate(rows[1:], start=2):
        cells = {h: str(v).strip() for h, v in zip(head, values, strict=False)
                 if h and v is not None and str(v).strip()}
        if cells:
            out.append(_Row(n, cells))
    return out


def _lang(suffix: str | None) -> str:
    if suffix is None:
        return ""
    m = _CODE.search(suffix)
    if m:
        return m.group(1).split("-")[0].lower()
    return _LANG_NAMES.get(suffix.strip().lower(), suffix.strip().lower()[:2])


def _label(row: dict[str, str], key: str = "label") -> str | dict[str, str] | None:
    texts: dict[str, str] = {}
    for col, text in row.items():
        m = _LANG.match(col)
        if m and m.group(1).replace("-", "_") == key:
            texts[_lang(m.group(2))] = text
    if not texts:
        return None
    if list(texts) == [""]:
        return texts[""]
    plain = texts.pop("", None)
    if plain is not None and "zh" not in texts:
        texts["zh" if re.search(r"[\u4e00-\u9fff]", plain) else "en"] = plain
    return dict(sorted(texts.items(), key=lambda kv: kv[0] != "zh"))


def _read(path: Path, draft: Draft) -> _Form | None:
    try:
        book = open_book(path)
    except Unreadable as exc:
        draft.note(path.name, errors.IMPORT_UNREADABLE, str(exc), "import a readable .xlsx copy", "error")
        return None
    sheets = {ws.title.strip().lower(): ws for ws in book.worksheets}
    if "survey" not in sheets:
        draft.note(path.name, errors.IMPORT_NO_TABLE, "the workbook has no survey sheet: it is not an XLSForm",
                   "import it with --from excel", "error")
        return None
    form = _Form(_sheet_rows(sheets["survey"]))
    for row in _sheet_rows(sheets["choices"]) if "choices" in sheets else []:
        name = row.get("list_name") or row.get("list name")
        key = row.get("name")
        if name and key:
            label = _label(row.cells)
            form.choices.setdefault(name, {})[key] = label or key
    settings = _sheet_rows(sheets["settings"]) if "settings" in sheets else []
    if settings:
        form.settings = settings[0].cells
    return form


def import_xlsform(path: str | Path) -> ImportResult:
    path = Path(path)
    draft = Draft(path, "xlsform")
    form = _read(path, draft)
    if form is None:
        return draft.fail()
    _Builder(draft, form).build(path)
    return draft.finish((f"imported from {path.name} by formkit import: a draft, review it before use",))


class _Builder:
    def __init__(self, draft: Draft, form: _Form) -> None:
        self.draft = draft
        self.form = form
        self.names: dict[str, tuple[str, str]] = {}
        self.ids = Ids("f")

    def build(self, path: Path) -> None:
        data = self.draft.data
        s = self.form.settings
        data["id"] = Ids("r").take(s.get("form_id") or path.stem)
        version = s.get("version", "")
        data["version"] = int(version) if version.isdigit() and len(version) < 10 else 1
        if version and data["version"] == 1 and version != "1":
            self.draft.note("settings row 2", errors.IMPORT_NOT_CARRIED, f"the version '{version}' is not a "
                            "small whole number: version 1", "a template's version counts its releases: 1, 2, 3…")
        title = _label(s, "form_title") or s.get("form_title") or path.stem
        data["title"] = title
        data["period"] = "once"
        self._names()
        data["fields"] = self._fields()
        rules = data.pop("rules", None)
        if rules:
            data["rules"] = rules  # after the fields, as authors write them

    def _names(self) -> None:
        """Every question's name, and what it is read as from outside its repeat."""
        repeat: str | None = None
        for row in self.form.survey:
            kind, name = row.get("type").split(" ")[0], row.get("name")
            if kind == "begin_repeat" or row.get("type") == "begin repeat":
                repeat = name
                self.names[name] = ("table", name)
            elif kind == "end_repeat" or row.get("type") == "end repeat":
                repeat = None
            elif name and kind in _TYPES:
                if repeat:
                    self.names[name] = ("column", f"{repeat}.{name}")
                else:
                    self.names[name] = ("multi" if kind == "select_multiple" else "field", name)

    def _expr(self, row: _Row, key: str, text: str, current: str | None = None,
              repeat: str | None = None) -> str | None:
        def names(name: str) -> tuple[str, str] | None:
            found = self.names.get(name)
            if found and found[0] == "column" and repeat and found[1].startswith(repeat + "."):
                return ("field", name)  # inside the repeat: the same row's question
            return found

        try:
            return translate(text, names, current)
        except Untranslatable as exc:
            self.draft.note(f"{row.where} ({key})", errors.IMPORT_XPATH, f"{key} `{text}` does not translate: {exc}",
                            "write it in the expression language (docs/templates.md)")
            return None

    def _fields(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        groups: list[str | None] = []  # each open group's visible
        table: dict[str, Any] | None = None
        for row in self.form.survey:
            typ = row.get("type")
            word = typ.split(" ")[0].replace("begin ", "begin_").replace("end ", "end_")
            if typ in ("begin group", "begin repeat", "end group", "end repeat"):
                word = typ.replace(" ", "_")
            if word == "begin_group":
                groups.append(self._expr(row, "relevant", row.get("relevant"),
                                         repeat=table["id"] if table else None) if row.get("relevant") else None)
                self.draft.note(row.where, errors.IMPORT_NOT_CARRIED, f"the group '{row.get('name')}' is not kept: "
                                "its questions follow in order", "templates have no sections")
            elif word == "end_group":
                if groups:
                    groups.pop()
            elif word == "begin_repeat":
                if table is not None:
                    self.draft.note(row.where, errors.IMPORT_NOT_CARRIED, "a repeat inside a repeat is not carried "
                                    "over", "a roster's columns are plain values")
                    continue
                table = self.draft.place({"id": self.ids.take(row.get("name"), row.get("name")), "type": "table",
                                          "label": _label(row.cells) or row.get("name"), "columns": []}, row.where)
                out.append(table)
            elif word == "end_repeat":
                table = None
            else:
                item = self._question(row, word, [g for g in groups if g], table["id"] if table else None)
                if item is not None:
                    (table["columns"] if table is not None else out).append(item)
        return out

    def _question(self, row: _Row, word: str, visible: list[str], repeat: str | None) -> dict[str, Any] | None:
        name = row.get("name")
        if word in _META or word == "note" or word not in _TYPES or not name:
            what = "a note" if word == "note" else f"the question type '{row.get('type')}'"
            self.draft.note(row.where, errors.IMPORT_NOT_CARRIED, f"{what} ('{name}') is not carried over",
                            "a note's text can go into the next field's help" if word == "note" else
                            "templates take integer, decimal, text, date, select_one, select_multiple and calculate")
            return None
        item: dict[str, Any] = {"id": self.ids.take(name, name) if repeat is None else name,
                                "label": _label(row.cells) or name, "type": _TYPES[word]}
        hint = _label(row.cells, "hint")
        if hint:
            item["help"] = hint
        if word in ("select_one", "select_multiple"):
            self._choices(row, item)
        if row.get("choice_filter"):
            self.draft.note(f"{row.where} (choice_filter)", errors.IMPORT_NOT_CARRIED,
                            f"the choice filter `{row.get('choice_filter')}` is not carried over",
                            "every choice is offered; a rule can refuse the wrong ones")
        if not self._calculation(row, word, item, repeat):
            return None
        self._required(row, item, repeat)
        self._constraint(row, item, repeat)
        if row.get("relevant"):
            own = self._expr(row, "relevant", row.get("relevant"), repeat=repeat)
            if own:
                visible = [*visible, own]
        if visible:
            item["visible"] = " and ".join(f"({v})" if " or " in v else v for v in visible)
        if row.get("default") and "calc" not in item:
            default = row.get("default")
            item["value"] = int(default) if default.isdigit() else f"'{default}'" if "'" not in default else None
            item["confirm"] = True
        return self.draft.place(item, row.where)

    def _calculation(self, row: _Row, word: str, item: dict[str, Any], repeat: str | None) -> bool:
        """The calculate's calc (False: it does not translate, the question is left out)."""
        if word == "calculate":
            calc = self._expr(row, "calculation", row.get("calculation"), repeat=repeat) if row.get("calculation") \
                else None
            if calc is None:
                return False
            item["calc"] = calc
            item["precision"] = 2
        elif row.get("calculation"):
            self.draft.note(f"{row.where} (calculation)", errors.IMPORT_NOT_CARRIED,
                            "a calculation on a question that is typed in is not carried over", None)
        if word == "decimal":
            item["precision"] = 2
        return True

    def _choices(self, row: _Row, item: dict[str, Any]) -> None:
        parts = row.get("type").split()
        listed = self.form.choices.get(parts[1]) if len(parts) > 1 else None
        if not listed:
            self.draft.note(row.where, errors.IMPORT_NOT_CARRIED, f"the choice list '{parts[-1]}' is not on the "
                            "choices sheet: the question is text", None)
            item["type"] = "text"
            return
        item["choices"] = dict(listed)

    def _required(self, row: _Row, item: dict[str, Any], repeat: str | None) -> None:
        text = row.get("required")
        if not text or text.lower() in ("no", "false", "false()", "0"):
            return
        item["required"] = True if text.lower() in _YES else self._expr(row, "required", text, repeat=repeat)
        if item["required"] is None:
            del item["required"]

    def _constraint(self, row: _Row, item: dict[str, Any], repeat: str | None) -> None:
        text = row.get("constraint")
        if not text:
            return
        parts = re.split(r"\s+and\s+", text)
        bounds = [_BOUND.match(p) for p in parts]
        if all(bounds) and item["type"] in ("integer", "decimal"):
            for m in bounds:
                assert m is not None
                op, number = m.group(1), m.group(2)
                if op in (">", "<") and item["type"] != "integer":
                    break
                step = 0 if op in (">=", "<=") else 1
                value = int(number) + (step if op == ">" else -step) if "." not in number else number
                item["min" if op.startswith(">") else "max"] = value
            else:
                return
            item.pop("min", None)
            item.pop("max", None)
        check = self._expr(row, "constraint", text, current=item["id"], repeat=repeat)
        if check is None:
            return
        message = _label(row.cells, "constraint_message") or f"{item['id']}: {text}"
        rule = {"id": Ids("r", {r["id"] for r in self.draft.data.get("rules", [])}).take(f"{item['id']}_check"),
                "check": check, "fields": [item["id"] if repeat is None else f"{repeat}.{item['id']}"],
                "message": message}
        if repeat is not None:
            self.draft.note(f"{row.where} (constraint)", errors.IMPORT_NOT_CARRIED, f"the constraint `{text}` of a "
                            "question inside a repeat is not carried over", "a rule checks the form's fields, not "
                            "each roster row")
            return
        self.draft.data.setdefault("rules", []).append(self.draft.place(rule, f"{row.where} (constraint)"))
