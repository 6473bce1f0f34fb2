"""Shape check: the document against its JSON Schema, each violation a located, plain-worded issue.

The schemas in ``formkit/dsl`` are the single statement of the file shapes (editors read them
too). This module only translates jsonschema's findings: one issue per real problem, at the key or
value it concerns, in words a department admin can act on.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any

from formkit.core.errors import (
    BAD_IDENTIFIER,
    FILE_KIND,
    INVALID_VALUE,
    MISPLACED_KEY,
    MISSING_KEY,
    UNKNOWN_KEY,
    UNKNOWN_VALUE,
    UNSUPPORTED_VERSION,
    WRONG_TYPE,
    ErrorCode,
    Issue,
    did_you_mean,
    suggestion_hint,
)
from formkit.document.loader import Document, Path_, path_str
from formkit.document.shapefast import Check, compile_schema

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

# jsonschema is imported when a document fails the compiled check (see `_validator`): a valid
# document never needs it, and importing it is a tenth of a second of every `formkit check`.

__all__ = ["check_shape", "load_schema"]

_FILES = {"template": "template.schema.json", "pool": "pool.schema.json", "elements": "elements.schema.json"}
_VERSION_KEYS = {"template": "formkit", "pool": "formkit_pool", "elements": "formkit_elements"}
SUPPORTED_VERSION = 1

# The exact identifier rule. The schema's `pattern` is the ASCII-safe part editors can check
# (ECMA-262's \w is ASCII only, so `^[^\W\d]\w*$` would reject 走访次数 in an editor).
_IDENT = re.compile(r"[^\W\d]\w*\Z")

_EXPRESSION_KEYS = frozenset({"value", "calc", "check", "visible", "required", "when", "min",
                              "max", "rows"})
_KIND_WORDS = {"string": "text", "number": "a number", "integer": "a whole number",
               "boolean": "true or false", "null": "empty", "array": "a list",
               "object": "a mapping (key: value lines)"}
# anyOf schemas whose kinds read better as one phrase than as a list of kinds.
_TITLED_KINDS = {
    "Label": "text, or a mapping of languages to text ({zh: …, en: …})",
    "Roll-up": "a roll-up mode, or a mapping {org: MODE, period: MODE}",
    "Choices": "a mapping of choice keys to labels, or a pool column (person.sex)",
}
# Other patterns, by the title of the schema that holds them: (what it is, how to write it).
_PATTERN_WORDS = {
    "Duration": ("a duration", "write a number of days or weeks, like 2d or 1w"),
    "Date": ("a date", "write it as YYYY-MM-DD, like 2027-12-31"),
    "Language code": ("a language code", "use a code like zh or en"),
    "CSS class": ("a CSS class name", "use letters, digits, '-' and '_' only"),
}
_REFERENCE_WORDS = {
    "Reference": ("place in the form", "write a field id, table.column or grid.row.column"),
    "Cell": ("cell", "write ROW.COLUMN, like total.all"),
    "Pool column": ("pool column", "write TABLE.COLUMN, like person.sex"),
}


def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a ``"template"`` or ``"pool"`` file, as shipped in the package."""
    return copy.deepcopy(_load(kind))  # the cached one backs the validator: never hand it out


@functools.cache
def _load(kind: str) -> dict[str, Any]:
    source = resources.files("formkit") / "dsl" / _FILES[kind]
    schema: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return schema


def _is_number(_: Any, value: Any) -> bool:
    # YAML numbers arrive as int or Decimal; a bool is an int to Python but never a number here.
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _is_integer(_: Any, value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_identifier(value: object) -> bool:
    return not isinstance(value, str) or bool(_IDENT.match(value))


def _is_reference(value: object) -> bool:
    return not isinstance(value, str) or all(_IDENT.match(p) for p in value.split("."))


@functools.cache
def _validator(kind: str) -> Any:
    from jsonschema import Draft202012Validator, FormatChecker, validators  # noqa: PLC0415 — see above

    formats = FormatChecker(formats=())
    formats.checks("identifier")(_is_identifier)
    formats.checks("reference")(_is_reference)
    types = Draft202012Validator.TYPE_CHECKER.redefine_many(
        {"number": _is_number, "integer": _is_integer}
    )
    cls = validators.extend(Draft202012Validator, type_checker=types)
    schema = _load(kind)
    return cls(_inline(schema, schema["$defs"]), format_checker=formats)


@functools.cache
def _fast(kind: str) -> Check | None:
    schema = _load(kind)
    return compile_schema(_inline(schema, schema["$defs"]),
                          {"identifier": _is_identifier, "reference": _is_reference})


def _is_valid(kind: str, data: Any) -> bool:
    """The compiled predicate's verdict; False (let jsonschema judge) when there is none."""
    check = _fast(kind)
    try:
        return check is not None and check(data)
    except Exception:  # e.g. comparing a NaN: jsonschema decides, and words what it finds
        return False


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local $ref replaced by its target: validation runs ~20% faster
    without reference lookups, and errors still carry each definition's title."""
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}


def check_shape(doc: Document) -> list[Issue]:
    """Every shape problem of ``doc``: unknown and missing keys, wrong kinds, unknown values."""
    kind = doc.kind
    if kind is None:
        return [_kind_issue(doc)]
    version = _version_issue(doc, kind)
    if version is not None:  # other problems would be judged against the wrong format
        return [version]
    if _is_valid(kind, doc.data):  # almost every document: skip jsonschema's full walk
        return []
    mapper = _Mapper(doc, kind)
    seen: set[tuple[str, str]] = set()
    out: list[Issue] = []
    for error in _validator(kind).iter_errors(doc.data):
        for issue in mapper.issues(error):
            if (issue.code, issue.path) not in seen:
                seen.add((issue.code, issue.path))
                out.append(issue)
    # `lable:` is one problem, not two: its "did you mean 'label'?" covers the missing `label`.
    covered = {id(issue) for issue, wanted in mapper.missing if wanted in mapper.misspelt}
    out = [i for i in out if id(i) not in covered]
    return sorted(out, key=lambda i: (i.span.line, i.span.column, i.code))


_ITEM_LISTS = ("fields", "rules", "formats")


def sound_part(doc: Document) -> tuple[Document, frozenset[str]] | None:
    """The part of a template whose shape is sound, so later stages can still report their
    problems (a misspelt key must not hide an unknown name): unknown keys removed, and every
    field, rule or format with another shape problem left out. Returns that document (spans
    renumbered to match) and the ids left out, or None when a problem outside those lists (the
    header) leaves nothing sound to check."""
    if doc.kind != "template":
        return None
    data = copy.deepcopy(doc.data)
    drop: dict[str, set[int]] = {name: set() for name in _ITEM_LISTS}
    for error in _validator("template").iter_errors(doc.data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and len(path) == 2 and path[0] in _ITEM_LISTS:
            allowed = error.schema.get("properties", {})
            target = data[path[0]][path[1]]
            extra = [k for k in target if k not in allowed]
            if any(target[k] is None for k in extra):  # `calc: round(x, 2)` cut by its ',': calc is unsound too
                drop[str(path[0])].add(path[1])
            for key in extra:
                del target[key]
        elif len(path) >= 2 and path[0] in _ITEM_LISTS and isinstance(path[1], int):
            drop[str(path[0])].add(path[1])
        else:
            return None
    left_out: set[str] = set()
    for name, indices in drop.items():
        for i in indices:
            item = data[name][i]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                left_out.add(item["id"])
        if indices:
            data[name] = [item for i, item in enumerate(data[name]) if i not in indices]
    if not _validator("template").is_valid(data):
        return None
    return _renumbered(doc, data, drop), frozenset(left_out)


def _renumbered(doc: Document, data: Any, drop: dict[str, set[int]]) -> Document:
    """``doc`` with ``data``, its spans following the items that moved up a list."""
    def moved(path: Path_) -> Path_ | None:
        if len(path) < 2 or path[0] not in drop or not isinstance(path[1], int) or not drop[str(path[0])]:
            return path
        gone = drop[str(path[0])]
        if path[1] in gone:
            return None
        return (path[0], path[1] - sum(1 for i in gone if i < path[1]), *path[2:])

    spans = {new: span for old, span in doc.spans.items() if (new := moved(old)) is not None}
    keys = {new: span for old, span in doc.key_spans.items() if (new := moved(old)) is not None}
    return Document(doc.file, doc.text, data, spans, keys)


def _kind_issue(doc: Document) -> Issue:
    span = doc.span_at(())
    hint = ("start a template with `formkit: 1`, a data pool with `formkit_pool: 1`, or an element "
            "dictionary with `formkit_elements: 1`")
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"{_describe(doc, ())}, not key: value lines"
        return Issue(FILE_KIND.code, f"the file is {what}", span, "", hint)
    tops = [key for key in _VERSION_KEYS.values() if key in doc.data]
    if len(tops) > 1:
        what = " and ".join(f"{_KIND_WORDS_OF[k]} (`{k}:`)" for k in tops)
        return Issue(FILE_KIND.code, f"the file cannot be both {what}", doc.key_span_at((tops[-1],)), "", hint)
    for key in doc.data:
        close = suggestion_hint(str(key), _VERSION_KEYS.values())
        if close is not None:
            return Issue(FILE_KIND.code, f"unknown key '{key}': the file is neither a template, "
                         "a pool nor an element dictionary", doc.key_span_at((key,)),
                         path_str((key,)), close)
    return Issue(FILE_KIND.code, "the file is neither a template (`formkit: 1`), a data pool "
                 "(`formkit_pool: 1`) nor an element dictionary (`formkit_elements: 1`)", span, "", hint)


_KIND_WORDS_OF = {"formkit": "a template", "formkit_pool": "a pool", "formkit_elements": "an element dictionary"}


def _version_issue(doc: Document, kind: str) -> Issue | None:
    key = _VERSION_KEYS[kind]
    value = doc.data[key]
    if type(value) is int and value == SUPPORTED_VERSION:
        return None
    shown = _source(doc, (key,)) or repr(value)
    return Issue(UNSUPPORTED_VERSION.code, f"`{key}: {shown}` is not a format version this "
                 f"formkit reads", doc.span_at((key,)), key,
                 f"this formkit reads version {SUPPORTED_VERSION}: write `{key}: "
                 f"{SUPPORTED_VERSION}`")


class _Mapper:
    """Turns one jsonschema error (and its sub-errors) into located issues."""

    def __init__(self, doc: Document, kind: str) -> None:
        self.doc = doc
        self.kind = kind
        self.defs: dict[str, Any] = _load(kind)["$defs"]
        self.root: dict[str, Any] = _load(kind)
        self.misspelt: set[tuple[Path_, str]] = set()  # (object, the key an unknown key resembles)
        self.missing: list[tuple[Issue, tuple[Path_, str]]] = []  # each MISSING_KEY: (object, key)

    def issues(self, error: ValidationError) -> Iterator[Issue]:
        path: Path_ = tuple(error.absolute_path)
        validator = error.validator
        if validator in ("anyOf", "oneOf"):
            yield from self.alternatives(error, path)
            return
        handler = getattr(self, f"on_{validator}", None)
        if handler is None:
            handler = self.on_other
        yield from handler(error, path)

    def issue(self, code: ErrorCode, message: str, path: Path_, hint: str | None = None,
              *, at_key: bool = False) -> Issue:
        span = self.doc.key_span_at(path) if at_key else self.doc.span_at(path)
        return Issue(code.code, message, span, path_str(path), hint)

    # -- keys ---------------------------------------------------------------------------------

    def on_additionalProperties(self, error: ValidationError, path: Path_) -> Iterator[Issue]:
        allowed = list(error.schema.get("properties", {}))
        cuts: set[str] = set()
        for key in error.instance:
            if key in allowed:
                continue
            meant = did_you_mean(str(key), allowed)
            if meant is not None and meant not in error.instance:
                self.misspelt.add((path, meant))
            cut = self.cut_expression(path, str(key))
            if cut is not None:
                if cut.message not in cuts:  # one expression cut in three is one problem
                    cuts.add(cut.message)
                    yield cut
                continue
            hint = suggestion_hint(str(key), allowed)
            if key == "<<":
                hint = "YAML merge keys (<<) are not supported: write the keys out"
            elif hint is None:
                hint = "keys allowed here: " + ", ".join(allowed)
            yield self.issue(UNKNOWN_KEY, f"unknown key '{key}' in {self.where(path)}",
                             (*path, key), hint, at_key=True)

    def cut_expression(self, path: Path_, key: str) -> Issue | None:
        """`{…, calc: round(x, 2)}`: inside a flow mapping the ',' ends the item, so `2)` becomes a
        key without a value. Say so, with the whole expression quoted, rather than "unknown key"."""
        if self.data_at((*path, key)) is not None:
            return None
        span = self.doc.key_span_at((*path, key))
        lines = self.doc.text.splitlines()
        line = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
        before = line[: span.column - 1]
        opened = re.search(r"([\w]+):\s+([^:{}]*)$", before)
        if opened is None or opened.group(2).count("(") <= opened.group(2).count(")"):
            return None
        start = opened.start(2)
        depth, end = 0, len(line)
        for i in range(start, len(line)):  # the whole expression: to the ',' or '}' outside brackets
            depth += {"(": 1, ")": -1}.get(line[i], 0)
            if depth <= 0 and line[i] in ",}":
                end = i
                break
        expr = line[start:end].strip()
        quote = '"' if "'" in expr else "'"
        return self.issue(UNKNOWN_KEY, f"the ',' in `{opened.group(1)}: {expr}` ends the item inside "
                          "'{…}', so the rest of the expression is read as a key", (*path, key),
                          f"put the expression in quotes: {opened.group(1)}: {quote}{expr}{quote}", at_key=True)

    def on_required(self, error: ValidationError, path: Path_) -> Iterator[Issue]:
        for key in error.validator_value:
            if key in error.instance:
                continue
            description = self.description(path, key)
            hint = f"add `{key}:` — {description}" if description else f"add `{key}:`"
            if key == "type" and self.context(path) == "column":
                types = self.defs["column"]["properties"]["type"]["enum"]
                hint = "a column without `value` needs a `type`: one of " + ", ".join(types)
            issue = self.issue(MISSING_KEY, f"{self.where(path)} is missing `{key}`", path, hint,
                               at_key=True)
            self.missing.append((issue, (path, key)))
            yield issue

    def on_not(self, error: ValidationError, path: Path_) -> Iterator[Issue]:
        if error.validator_value != {} or not path:
            yield from self.on_other(error, path)
            return
        owner = self.data_at(path[:-1])
        kind = owner.get("type") if isinstance(owner, dict) else None
        applies = {"rows": "table and grid", "columns": "table and grid", "cells": "grid",
                   "add_rows": "table", "remove_rows": "table"}.get(str(path[-1]), "other")
        yield self.issue(MISPLACED_KEY, f"`{path[-1]}` does not apply to a field of type "
                         f"'{kind}'", path, f"`{path[-1]}` is for {applies} fields", at_key=True)

    # -- values -------------------------------------------------------------------------------

    def on_type(self, error: ValidationError, path: Path_) -> Iterator[Issue]:
        types = error.validator_value
        expected = _expected([types] if isinstance(types, str) else types, _last_key(path))
        yield self.wrong_type(path, expected, types)

    def wrong_type(self, path: Path_, expected: str, types: Sequence[str] | str) -> Issue:
        actual = _describe(self.doc, path)
        value = self.data_at(path)
        hint = None
        if value is None:
            hint = "write a value after the ':'"
        elif "string" in types and not isinstance(value, dict | list | str):
            hint = f"put it in quotes to make it text: '{_source(self.doc, path)}'"
        elif "boolean" in types and isinstance(value, str) and value.lower() in _YES_NO:
            hint = "write true or false (yes, no, on and off are text)"
        elif "array" in types and not isinstance(value, list):
            hint = "write a list: one '- ' item per line, or [a, b]"
        elif {"number", "integer"} & set(types) and isinstance(value, str) and _numeric(value):
            hint = "remove the quotes to make it a number"
        return self.issue(WRONG_TYPE, f"`{self.name(path)}` should be {expected}, not {actual}",
                          path, hint)

    def on_enum(self, error: ValidationError, path: Path_) -> Iterator[Issue]:
        options = [str(o) for o in error.validator_value]
        if isinstance(error.instance, dict | list):
            yield self.wrong_type(path, "one of " + ", ".join(options), ())
            return
        shown = _source(self.doc, path) or str(error.instance)
        hint = suggestion_hint(shown, options) or "use one of: " + ", ".join(options)
        yield self.issue(UNKNOWN_VALUE, f"unknown {self.value_noun(path)} '{shown}'", path, hint)

    def on_const(self, error: ValidationError, path: Path_) -> Iterator[Issue]:
        yield self.issue(INVALID_VALUE, f"`{self.name(path)}` must be {error.validator_value!r}",
                         path)

    def on_pattern(self, error: ValidationError, path: Path_) -> Iterator[Issue]:
        title = error.schema.get("title", "")
        is_key = "propertyNames" in error.absolute_schema_path
        where = (*path, error.instance) if is_key else path
        value = str(error.instance)
        if error.schema.get("format") == "identifier":
            noun = self.id_noun(path, is_key)
            hint = "use letters (of any script), digits and '_', not starting with a digit"
            fix = _id_fix(value)
            if fix is not None:
                hint += f", like '{fix}'"
            yield self.issue(BAD_IDENTIFIER, f"'{value}' is not a valid {noun}", where, hint,
                             at_key=is_key)
        elif title in _REFERENCE_WORDS:
            noun, hint = _REFERENCE_WORDS[title]
            yield self.issue(BAD_IDENTIFIER, f"'{value}' is not a valid {noun}", where, hint,
                             at_key=is_key)
        elif title in _PATTERN_WORDS:
            noun, hint = _PATTERN_WORDS[title]
            yield self.issue(INVALID_VALUE, f"'{value}' is not {noun}", where, hint,
                             at_key=is_key)
        else:
            yield self.issue(INVALID_VALUE, f"'{value}' is not a valid `{self.name(path)}`",
                             where, at_key=is_key)

    on_format = on_pattern

    def on_other(self, error: ValidationError, path: Path_) -> Iterator[Issue]:
        name, limit = self.name(path), error.validator_value
        words = {
            "minimum": f"`{name}` must be at least {limit}",
            "maximum": f"`{name}` must be at most {limit}",
            "minLength": f"`{name}` must not be empty",
            "minItems": f"`{name}` needs at least {limit} entr{'y' if limit == 1 else 'ies'}",
            "minProperties": f"`{name}` must not be empty",
            "maxProperties": f"`{name}` takes only {limit} key{'' if limit == 1 else 's'}",
            "uniqueItems": f"`{name}` lists the same entry twice",
        }
        message = words.get(str(error.validator), f"`{name}` is not valid here ({error.message})")
        hint = _LIMIT_HINTS.get(path) if error.validator in ("minimum", "maximum") else None
        keys = [f"`{k}`" for k in error.schema.get("properties", {})]
        if error.validator == "maxProperties" and limit == 1 and keys:
            message = f"{self.where(path)} takes either {' or '.join(keys)}, not both"
            hint = "remove all but one of them"
        elif error.validator == "minProperties" and keys:
            hint = "give at least one of " + ", ".join(keys)
        yield self.issue(INVALID_VALUE, message, path, hint)

    def alternatives(self, error: ValidationError, path: Path_) -> Iterator[Issue]:
        """anyOf/oneOf: follow the alternative the value was meant as, or say what kinds fit."""
        if not error.context:  # oneOf: valid under more than one
            keys = [k for branch in error.validator_value for k in branch.get("required", [])]
            yield self.issue(INVALID_VALUE, f"{self.where(path)} takes either "
                             + " or ".join(f"`{k}`" for k in keys) + ", not both", path,
                             "remove all but one of them")
            return
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = [errs for errs in branches.values()
                   if not any(e.validator == "type" and not e.relative_path for e in errs)]
        if not fitting:
            types = [t for errs in branches.values() for e in errs
                     if e.validator == "type" and not e.relative_path
                     for t in ([e.validator_value] if isinstance(e.validator_value, str)
                               else e.validator_value)]
            expected = _TITLED_KINDS.get(error.schema.get("title", ""))
            yield self.wrong_type(path, expected or _expected(list(dict.fromkeys(types)),
                                                              _last_key(path)), types)
            return
        if all(e.validator == "required" for errs in fitting for e in errs):
            keys = [k for errs in fitting for e in errs for k in e.validator_value]
            names = " or ".join(f"`{k}`" for k in keys)
            yield self.issue(MISSING_KEY, f"{self.where(path)} needs {names}", path,
                             f"add {names} — " + self.description(path, keys[0]), at_key=True)
            return
        from jsonschema.exceptions import best_match  # noqa: PLC0415 — see the imports

        chosen = best_match(e for errs in fitting for e in errs)
        branch = next(errs for errs in fitting if chosen in errs)
        for sub in branch:
            yield from self.issues(sub)

    # -- words ----------------------------------------------------------------------------------

    def data_at(self, path: Path_) -> Any:
        node = self.doc.data
        for step in path:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def name(self, path: Path_) -> str:
        """How a value is called in a message: its key, with list positions after it."""
        for i in range(len(path) - 1, -1, -1):
            if isinstance(path[i], str):
                return path_str(path[i:])
        return path_str(path) or "the file"

    def context(self, path: Path_) -> str:
        """Which kind of object sits at ``path``: the name of its schema definition."""
        shape = ["#" if isinstance(p, int) else p for p in path]
        # Names chosen by the author (pool tables and columns, grid cells) match any name.
        for i in range(1, len(shape)):
            if shape[i - 1] in ("tables", "cells") or (shape[i - 1] == "columns"
                                                      and self.kind == "pool"):
                shape[i] = "*"
        context = _CONTEXTS[self.kind].get(tuple(shape), "?")
        if context == "column":
            owner = self.data_at(path[:2])
            if isinstance(owner, dict) and owner.get("type") == "grid":
                return "gridColumn"
        return context

    def where(self, path: Path_) -> str:
        """A phrase naming the object at ``path``: "field 'opening'", "rule 'r1'"."""
        context = self.context(path)
        data, owner = self.data_at(path), self.data_at(path[:2])
        ident = data.get("id") if isinstance(data, dict) else None
        named = f"'{ident}'" if isinstance(ident, str) else f"at {path_str(path)}"
        owner_id = owner.get("id") if isinstance(owner, dict) else None
        of_owner = f" of {{}} '{owner_id}'" if isinstance(owner_id, str) else "{}"
        last = path[-1] if path else 0
        phrases = {
            "": {"template": "the template", "pool": "the pool"}.get(self.kind, "the element dictionary"),
            "field": f"field {named}",
            "rule": f"rule {named}",
            "format": f"format {last + 1 if isinstance(last, int) else last}",
            "due": "`due`",
            "orgSpec": "`org`",
            "column": f"column {named}" + of_owner.format("table"),
            "gridColumn": f"column {named}" + of_owner.format("grid"),
            "gridRow": f"row {named}" + of_owner.format("grid"),
            "cell": f"cell '{last}'",
            "poolTable": f"pool table '{last}'",
            "poolColumn": f"column '{last}' of table '{path[1] if len(path) > 1 else ''}'",
            "element": f"element '{last}'",
        }
        return phrases.get(context, f"`{path_str(path)}`")

    def description(self, path: Path_, key: str) -> str:
        context = self.context(path)
        schema = self.root if context == "" else self.defs.get(context, {})
        prop = schema.get("properties", {}).get(key, {})
        text = prop.get("description") or ""
        return str(text)

    def value_noun(self, path: Path_) -> str:
        key = _last_key(path)
        if "rollup" in path:
            return "roll-up mode"
        if key == "type":
            owner = self.context(path[:-1])
            return {"field": "field type", "gridColumn": "cell type"}.get(owner, "column type")
        nouns = {"period": "period", "severity": "severity", "style": "style",
                 "pii": "personal-data kind"}
        return nouns.get(key, f"value of `{key}`")

    def id_noun(self, path: Path_, is_key: bool) -> str:
        if is_key:
            context = self.context(path)
            return "row parameter name" if context == "gridRow" else (
                "table name" if path == ("tables",) else "column name")
        key = _last_key(path)
        return "id" if key == "id" else f"name in `{self.name(path)}`"


# Bounds whose reason is worth a hint, by the path of the value.
_LIMIT_HINTS: dict[tuple[str | int, ...], str] = {
    ("version",): "a version is a whole number from 1 to 2147483647: count up from 1 with each change",
}
_YES_NO = frozenset({"yes", "no", "on", "off", "y", "n"})
_CONTEXTS: dict[str, dict[tuple[str | int, ...], str]] = {
    "template": {
        (): "", ("fields", "#"): "field", ("rules", "#"): "rule", ("formats", "#"): "format",
        ("due",): "due", ("fields", "#", "columns", "#"): "column",
        ("fields", "#", "rows", "#"): "gridRow", ("fields", "#", "cells", "*"): "cell",
    },
    "pool": {
        (): "", ("org",): "orgSpec", ("tables", "*"): "poolTable",
        ("tables", "*", "columns", "*"): "poolColumn",
    },
    "elements": {(): "", ("elements", "*"): "element"},
}


def _last_key(path: Path_) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return ""


def _expected(types: Sequence[str], key: str) -> str:
    words = [_KIND_WORDS.get(t, t) for t in types if t not in {"null", "string"}]
    if len(words) > 1:
        words = [w.replace("true or false", "true/false") for w in words]
    if "string" in types:  # an expression reads best last ("a number or an expression"), text first
        if key in _EXPRESSION_KEYS:
            words.append("an expression")
        else:
            words.insert(0, "text")
    words = list(dict.fromkeys(words))
    if not words:
        return "empty"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _source(doc: Document, path: Path_) -> str:
    """The value as written in the file, when it is one short line."""
    span = doc.spans.get(tuple(path))
    if span is None or span.line != span.end_line:
        return ""
    lines = doc.text.split("\n")
    if not 1 <= span.line <= len(lines):
        return ""
    return lines[span.line - 1][span.column - 1 : span.end_column - 1]


def _describe(doc: Document, path: Path_) -> str:
    node: Any = doc.data
    for step in path:
        node = node[step]
    if node is None:
        return "empty"
    if isinstance(node, dict):
        return "a mapping"
    if isinstance(node, list):
        return "a list"
    shown = _source(doc, path) or str(node)
    if len(shown) > 40:
        shown = shown[:37] + "…"
    if isinstance(node, bool):
        return shown
    if isinstance(node, int | Decimal):
        return f"the number {shown}"
    return f"the text {shown}" if shown[:1] in "'\"" else f"the text '{shown}'"


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*", text))


def _id_fix(value: str) -> str | None:
    """A corrected id to suggest, when replacing the offending characters gives one."""
    fixed = re.sub(r"\W+", "_", value).strip("_")
    return fixed if fixed and fixed != value and _IDENT.match(fixed) else None

