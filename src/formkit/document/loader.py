"""Loading: YAML text → documents whose every key and value remembers where it was written.

libyaml (through PyYAML's C parser) turns the text into events with marks; this module composes
and constructs the values itself, because the standard constructors apply YAML 1.1 rules
(`yes` → True, `01` → 1, floats), keep no positions and expand aliases without limit.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, NoReturn

import yaml
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None  # type: ignore[assignment, misc]

from formkit.core.errors import (
    FILE_ENCODING,
    FILE_NOT_FOUND,
    FILE_TOO_LARGE,
    INVALID_VALUE,
    YAML_ALIAS,
    YAML_DUPLICATE_KEY,
    YAML_SYNTAX,
    YAML_TAG,
    Collector,
    ErrorCode,
    Issue,
    TemplateError,
)
from formkit.core.source import LazySpans, SourceSpan, Where
from formkit.document.yamlerrors import explain as _explain

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Document", "Path_", "path_str", "read_document", "read_raw"]

Path_ = tuple[str | int, ...]

MAX_BYTES = 2_000_000
"""The largest file read."""
MAX_NODES = 100_000
"""Values (keys included) one file may hold once aliases are expanded."""
MAX_DEPTH = 100
"""Nesting levels of lists and mappings; real templates use fewer than ten."""
_SAFE_DEPTH = 500
# Beyond this a number is a mistake or an attack (int() of 4,300+ digits even raises).
_MAX_NUMBER_CHARS = 100

_CORE = "tag:yaml.org,2002:"


class _PyParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser: the same events as libyaml's, ~5x slower."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


# libyaml when PyYAML was built with it (it nearly always is).
_Parser: Any = _CParser if _CParser is not None else _PyParser


@dataclass
class Document:
    """One YAML file: its text, its plain-data value, and the span of every value and key."""

    file: str
    text: str
    data: Any
    spans: dict[Path_, SourceSpan] = field(default_factory=dict)
    key_spans: Mapping[Path_, SourceSpan] = field(default_factory=dict)

    def span_at(self, path: Path_) -> SourceSpan:
        """The span of the value at ``path``, else of its nearest ancestor that exists."""
        if type(path) is tuple and (span := self.spans.get(path)) is not None:
            return span  # nearly every call (the model asks for each value it builds)
        path = tuple(path)
        while path:
            span = self.spans.get(path)
            if span is not None:
                return span
            path = path[:-1]
        return self.spans.get((), SourceSpan.point(self.file))

    def key_span_at(self, path: Path_) -> SourceSpan:
        """The span of the key naming ``path`` when it is a mapping entry, else :meth:`span_at`."""
        return self.key_spans.get(tuple(path)) or self.span_at(path)

    @property
    def kind(self) -> Literal["template", "pool", "elements"] | None:
        """Which file this is, by its top key; None when it has none of them, or more than one."""
        if not isinstance(self.data, dict):
            return None
        kinds = [kind for key, kind in _KIND_KEYS if key in self.data]
        return kinds[0] if len(kinds) == 1 else None


_KIND_KEYS: tuple[tuple[str, Literal["template", "pool", "elements"]], ...] = (
    ("formkit", "template"), ("formkit_pool", "pool"), ("formkit_elements", "elements"))


def path_str(path: Path_) -> str:
    """``("fields", 3, "calc")`` → ``"fields[3].calc"``."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(f".{part}" if out else part)
    return "".join(out)


def read_document(
    path: str | Path,
    *,
    text: str | None = None,
    raw: bytes | None = None,
    max_bytes: int = MAX_BYTES,
    max_nodes: int = MAX_NODES,
    max_depth: int = MAX_DEPTH,
) -> Document:
    """Read one YAML file (or ``text``, or the file's ``raw`` bytes from :func:`read_raw`,
    shown as ``path``). Raises :class:`TemplateError`."""
    if max_depth > _SAFE_DEPTH:  # _build recurses once per level
        raise ValueError(f"max_depth may be at most {_SAFE_DEPTH}")
    file = str(path)
    if text is None:
        text = _decode(file, raw if raw is not None else _read_bytes(file, max_bytes))
    elif len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        _fail(FILE_TOO_LARGE, file, f"the text is larger than {max_bytes:,} bytes", None)
    if text.startswith("\ufeff"):  # libyaml skips a BOM; columns must not count it either
        text = text[1:]
    _check_characters(file, text)
    composer = _Composer(file, text, max_nodes, max_depth)
    root = composer.run()
    key_spans: dict[Path_, SourceSpan | Where] = {}
    doc = Document(file, text, None, key_spans=LazySpans(file, key_spans))
    if root is None:
        doc.spans[()] = SourceSpan.point(file)
    else:
        doc.data = _build(root, (), doc.spans, key_spans)
    composer.collector.raise_if_failed({file: text})
    return doc


# -- reading and decoding ----------------------------------------------------------------------


def read_raw(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file, with the same errors as :func:`read_document` (for callers that
    compare a file with what they read before)."""
    return _read_bytes(str(path), max_bytes)


def _fail(code: ErrorCode, file: str, message: str, hint: str | None,
          span: SourceSpan | None = None) -> NoReturn:
    raise TemplateError([Issue(code.code, message, span or SourceSpan.point(file), "", hint)])


def _read_bytes(file: str, max_bytes: int) -> bytes:
    try:
        # One stat for both checks (a catalog reads its pool file again for every template);
        # a missing file raises FileNotFoundError here, as Path.stat() did.
        st = os.stat(file)
        if stat.S_ISDIR(st.st_mode):
            _fail(FILE_NOT_FOUND, file, f"'{file}' is a folder, not a file", None)
        if st.st_size > max_bytes:
            _fail(FILE_TOO_LARGE, file, f"the file is larger than {max_bytes:,} bytes",
                  "split it, or check that it is the file you meant")
        with open(file, "rb") as fh:
            # Ask for the size stat gave (a 2 MB request allocates 2 MB: twice per template);
            # a file that grew since, or /dev/zero, is read on, still bounded.
            want = min(st.st_size, max_bytes) + 1
            raw = fh.read(want)
            if len(raw) == want and want <= max_bytes:
                raw += fh.read(max_bytes + 1 - want)
    except FileNotFoundError:
        _fail(FILE_NOT_FOUND, file, f"file '{file}' does not exist",
              "check the path and its spelling")
    except OSError as exc:
        _fail(FILE_NOT_FOUND, file, f"file '{file}' cannot be opened ({exc.strerror or exc})", None)
    if len(raw) > max_bytes:
        _fail(FILE_TOO_LARGE, file, f"the file is larger than {max_bytes:,} bytes", None)
    return raw


def _decode(file: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[start : exc.start].decode("utf-8", "replace")) + 1
        hint = "save the file as UTF-8"
        try:
            raw.decode("gb18030")
            hint = "the file looks like GBK/GB18030 text: save it as UTF-8"
        except UnicodeDecodeError:
            pass
        span = SourceSpan(file, line, column, line, column + 1)
        _fail(FILE_ENCODING, file, f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02X} at "
              f"line {line}, column {column})", hint, span)


_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _check_characters(file: str, text: str) -> None:
    """libyaml refuses control characters with a byte offset; report every one, located."""
    col = Collector()
    for m in _NOT_PRINTABLE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        col.add(YAML_SYNTAX, f"an invisible control character (U+{ord(m.group()):04X}) is in "
                "the text", SourceSpan(file, line, column, line, column + 1), hint="delete it")
        if len(col.issues) >= 20:
            break
    col.raise_if_failed({file: text})


# -- composing: events → nodes -----------------------------------------------------------------


class _Node:
    """A composed value. Collections hold children; aliases are _Alias entries pointing here."""

    __slots__ = ("done", "height", "items", "kind", "raw", "size", "span", "value", "via_alias")

    def __init__(self, kind: int, span: SourceSpan, value: Any = None, raw: str = "") -> None:
        self.kind = kind  # _SCALAR, _SEQ or _MAP
        self.span = span
        self.value = value
        self.raw = raw
        self.items: list[Any] = []  # seq: nodes; map: (key, key_span, node)
        self.size = 1  # values in the fully expanded subtree
        self.height = 1
        self.via_alias = False  # whether the subtree's size comes partly from aliases
        self.done = kind == _SCALAR


class _Scalar(_Node):
    """A scalar: the same reads as a _Node, with the fixed ones on the class. A template is
    mostly scalars, and setting nine slots for each was a tenth of reading it."""

    __slots__ = ()
    kind = 0  # _SCALAR
    size = 1
    height = 1
    via_alias = False
    done = True

    def __init__(self, span: SourceSpan, value: Any, raw: str) -> None:
        self.span, self.value, self.raw = span, value, raw


class _Alias:
    __slots__ = ("height", "size", "span", "target", "via_alias")

    def __init__(self, target: _Node, span: SourceSpan) -> None:
        self.target, self.span = target, span
        self.size, self.height, self.via_alias = target.size, target.height, True


_SCALAR, _SEQ, _MAP = 0, 1, 2
_NO_KEY = object()  # a mapping waiting for its next key
_BAD_KEY = object()  # the pending key was not text; its value is read and dropped


class _Composer:
    def __init__(self, file: str, text: str, max_nodes: int, max_depth: int) -> None:
        self.file, self.text = file, text
        self.max_nodes, self.max_depth = max_nodes, max_depth
        self.collector = Collector()
        self.anchors: dict[str, _Node] = {}
        self.stack: list[_Node] = []
        self.pending: list[Any] = []  # per open mapping: _NO_KEY, _BAD_KEY or (key, span or Where)
        self.seen_keys: list[dict[str, int]] = []  # per open mapping: key → its line
        self.root: _Node | _Alias | None = None

    def span(self, start: Any, end: Any) -> SourceSpan:
        return SourceSpan(self.file, start.line + 1, start.column + 1, end.line + 1, end.column + 1)

    def hard(self, code: ErrorCode, message: str, span: SourceSpan, hint: str | None) -> NoReturn:
        """A problem after which nothing more can be read: report it with what was found so far."""
        self.collector.add(code, message, span, hint=hint)
        raise TemplateError(self.collector.issues, {self.file: self.text}) from None

    def run(self) -> _Node | _Alias | None:
        parser = _Parser(self.text)
        get_event = parser.get_event
        documents = 0
        while True:
            try:
                ev: Any = get_event()
            except yaml.MarkedYAMLError as exc:
                code, message, span, hint = _explain(self.file, self.text, exc)
                self.hard(code, message, span, hint)
            except yaml.YAMLError as exc:  # pragma: no cover - reader errors are pre-checked
                self.hard(YAML_SYNTAX, f"the YAML cannot be read: {exc}",
                          SourceSpan.point(self.file), None)
            kind = type(ev)
            if kind is yaml.ScalarEvent:
                self.on_scalar(ev)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.open(ev, _MAP if kind is yaml.MappingStartEvent else _SEQ)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self.close(ev)
            elif kind is yaml.AliasEvent:
                self.alias(ev)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.hard(YAML_SYNTAX, "the file holds more than one YAML document",
                              self.span(ev.start_mark, ev.end_mark),
                              "one template or pool per file: remove this '---' line and "
                              "everything after it, or move it to its own file")
            elif kind is yaml.StreamEndEvent:
                return self.root

    def on_scalar(self, ev: Any) -> None:
        stack, pending = self.stack, self.pending
        value = ev.value
        # Most scalars are plain keys: they need no node, no value and no span object (the span
        # is kept as numbers until an error message asks for it). A key that could be a number
        # still goes the long way, for its number errors.
        if (stack and stack[-1].kind == _MAP and pending[-1] is _NO_KEY and ev.tag is None
                and ev.anchor is None and (not value or value[0] not in _NUMBER_START)):
            sm, em = ev.start_mark, ev.end_mark
            where = (sm.line + 1, sm.column + 1, em.line + 1, em.column + 1)
            seen = self.seen_keys[-1]
            first = seen.get(value)
            if first is None:
                seen[value] = where[0]
                pending[-1] = (value, where)
            else:
                self.duplicate(value, first, SourceSpan(self.file, *where))
                pending[-1] = _BAD_KEY
            return
        node = self.scalar(ev)
        if stack and stack[-1].kind == _MAP:
            parent, entry = stack[-1], pending[-1]
            # A value under a good key, within the limits: add() without its checks.
            if type(entry) is tuple and parent.size + 2 <= self.max_nodes and len(stack) < self.max_depth:
                pending[-1] = _NO_KEY
                parent.items.append((entry[0], entry[1], node))
                parent.size += 2
                parent.height = max(parent.height, 2)
                return
        self.add(node)

    def open(self, ev: Any, kind: int) -> None:
        span = self.span(ev.start_mark, ev.end_mark)
        if len(self.stack) >= self.max_depth:
            self.hard(FILE_TOO_LARGE, f"lists and mappings are nested more than {self.max_depth} "
                      "levels deep here", span, "formkit files need only a few levels of nesting")
        self.check_tag(ev.tag, "tag:yaml.org,2002:map" if kind == _MAP else "tag:yaml.org,2002:seq",
                       span)
        node = _Node(kind, span, raw="block" if not ev.flow_style else "flow")
        if ev.anchor is not None:
            self.anchors[ev.anchor] = node
        self.stack.append(node)
        if kind == _MAP:
            self.pending.append(_NO_KEY)
            self.seen_keys.append({})

    def close(self, ev: Any) -> None:
        node = self.stack.pop()
        if node.kind == _MAP:
            self.pending.pop()
            self.seen_keys.pop()
        # A block collection's end event sits at the start of the next line; end at its content.
        if node.raw == "block" and node.items:
            last = node.items[-1]
            last_span = (last[2] if node.kind == _MAP else last).span
            node.span = SourceSpan(self.file, node.span.line, node.span.column,
                                   last_span.end_line, last_span.end_column)
        else:
            end = ev.end_mark
            node.span = SourceSpan(self.file, node.span.line, node.span.column,
                                   end.line + 1, end.column + 1)
        node.done = True
        self.add(node)

    def alias(self, ev: Any) -> None:
        span = self.span(ev.start_mark, ev.end_mark)
        target = self.anchors.get(ev.anchor)
        if target is None:
            self.hard(YAML_SYNTAX, f"the alias '*{ev.anchor}' refers to no anchor '&{ev.anchor}' "
                      "above it", span, "define the anchor first, or put the text in quotes if "
                      "'*' is meant literally")
        elif not target.done:
            self.hard(YAML_ALIAS, f"the alias '*{ev.anchor}' refers to the list or mapping that "
                      "contains it, so it would never end", span, "remove the alias")
        else:
            self.add(_Alias(target, span))

    def add(self, child: _Node | _Alias) -> None:
        if not self.stack:
            self.root = child
            return
        parent = self.stack[-1]
        if parent.kind == _MAP:
            pending = self.pending[-1]
            if pending is _NO_KEY:
                self.pending[-1] = self.key(child)
                return
            self.pending[-1] = _NO_KEY
            if pending is _BAD_KEY:
                return
            parent.items.append((pending[0], pending[1], child))
            parent.size += 1  # the key
        else:
            parent.items.append(child)
        parent.size += child.size
        parent.via_alias = parent.via_alias or child.via_alias
        parent.height = max(parent.height, child.height + 1)
        if parent.size > self.max_nodes:
            if parent.via_alias:
                self.hard(YAML_ALIAS, f"anchors and aliases expand this file to more than "
                          f"{self.max_nodes:,} values", child.span,
                          "use fewer aliases ('*name'); write the repeated parts out instead")
            self.hard(FILE_TOO_LARGE, f"the file holds more than {self.max_nodes:,} values",
                      child.span, "split it into smaller files")
        if len(self.stack) + child.height > self.max_depth:
            self.hard(FILE_TOO_LARGE, f"lists and mappings are nested more than {self.max_depth} "
                      "levels deep here", child.span, None)

    def key(self, child: _Node | _Alias) -> Any:
        node = child.target if isinstance(child, _Alias) else child
        if node.kind != _SCALAR:
            self.collector.add(YAML_SYNTAX, "a key must be text, not a list or a mapping",
                               child.span, hint="write the key as plain text before a ':'")
            return _BAD_KEY
        # Keys are the text written: `1:` and `"1":` are one key (choice keys are always text).
        key = node.raw
        seen = self.seen_keys[-1]
        first = seen.get(key)
        if first is not None:
            self.duplicate(key, first, child.span)
            return _BAD_KEY
        seen[key] = child.span.line
        return (key, child.span)

    def duplicate(self, key: str, first_line: int, span: SourceSpan) -> None:
        self.collector.add(YAML_DUPLICATE_KEY, f"the key '{key}' appears twice in this mapping",
                           span, hint=f"the first '{key}' is on line {first_line}; "
                           "remove or rename one of them")

    def scalar(self, ev: Any) -> _Node:
        sm, em = ev.start_mark, ev.end_mark
        span = SourceSpan(self.file, sm.line + 1, sm.column + 1, em.line + 1, em.column + 1)
        value: str = ev.value
        tag = ev.tag
        if tag is None or tag == "!":
            plain = tag is None and ev.style in ("", None)
            node = _Scalar(span, self.resolve(value, span) if plain else value, value)
        else:
            node = _Scalar(span, self.tagged(tag, value, span), value)
        if ev.anchor is not None:
            self.anchors[ev.anchor] = node
        return node

    def resolve(self, value: str, span: SourceSpan) -> Any:
        """YAML 1.2 core schema for plain scalars, with decimals instead of floats and `01` text."""
        if not value or value in _NULLS:
            return None
        first = value[0]
        if first not in _NUMBER_START:
            return value  # most text: no regex needed
        if first in "tTfF":  # a boolean or text (ids like `f001`): no number starts so
            return _BOOLS.get(value, value)
        for pattern, convert in _PLAIN_FORMS:
            if pattern.match(value):
                return self.number(value, span, convert)
        if _INF_NAN.match(value):
            self.collector.add(INVALID_VALUE, f"'{value}' is not a number formkit can use",
                               span, hint="formkit has no infinity or not-a-number; put the "
                               "text in quotes if you meant text")
        return value

    def tagged(self, tag: str, value: str, span: SourceSpan) -> Any:
        """A core tag asks for that kind of value (`!!int 007` is 7); other tags are refused."""
        name = tag[len(_CORE) :] if tag.startswith(_CORE) else ""
        if name == "str":
            return value
        if name not in _TAGGED_FORMS:
            self.check_tag(tag, None, span)
            return value
        text = value.strip()
        for pattern, convert in _TAGGED_FORMS[name]:
            if pattern.match(text):
                return self.number(text, span, convert)
        self.collector.add(INVALID_VALUE, f"'{value}' is not {_TAG_WORDS[name]}", span,
                           hint=f"remove the tag '!!{name}'")
        return value

    def number(self, text: str, span: SourceSpan, convert: Callable[[str], Any]) -> Any:
        if len(text) <= _MAX_NUMBER_CHARS:
            value = convert(text)
            if not isinstance(value, Decimal) or abs(value.adjusted()) <= _MAX_NUMBER_CHARS:
                return value
        self.collector.add(INVALID_VALUE, "this number is too long or too large for formkit", span,
                           hint="numbers have at most 28 digits before the point and 10 after")
        return text

    def check_tag(self, tag: str | None, allowed: str | None, span: SourceSpan) -> None:
        if tag is None or tag in ("!", allowed):
            return
        self.collector.add(YAML_TAG, f"the YAML tag '{_tag_name(tag)}' is not allowed here", span,
                           hint="formkit files hold plain text, numbers, lists and mappings: "
                           "remove the tag")


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


_NULLS = frozenset({"~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NUMBER_START = frozenset("0123456789+-.tTfF")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")  # `01`, `007` stay text: codes, not numbers
_ANY_INT = re.compile(r"[-+]?[0-9]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?\Z|[-+]?[0-9]+[eE][-+]?[0-9]+\Z"
)
_INF_NAN = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
_NULL_FORM = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL_FORM = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")


def _hex(text: str) -> int:
    return int(text[2:], 16)


def _oct(text: str) -> int:
    return int(text[2:], 8)


_TAG_WORDS = {"null": "empty (null)", "bool": "true or false", "int": "a whole number",
              "float": "a number"}
_Forms = tuple[tuple[re.Pattern[str], Callable[[str], Any]], ...]
_PLAIN_FORMS: _Forms = ((_INT, int), (_HEX, _hex), (_OCT, _oct), (_FLOAT, Decimal))
_TAGGED_FORMS: dict[str, _Forms] = {
    "null": ((_NULL_FORM, lambda _: None),),
    "bool": ((_BOOL_FORM, _BOOLS.__getitem__),),
    "int": ((_ANY_INT, int), (_HEX, _hex), (_OCT, _oct)),
    "float": ((_ANY_INT, Decimal), (_FLOAT, Decimal)),
}


# -- constructing: nodes → plain values with spans ----------------------------------------------


def _build(
    node: _Node | _Alias,
    path: Path_,
    spans: dict[Path_, SourceSpan],
    key_spans: dict[Path_, SourceSpan | Where],
) -> Any:
    """Recursion is safe: composition refused anything nested deeper than max_depth."""
    spans[path] = node.span
    if isinstance(node, _Alias):
        node = node.target  # the alias's own span stays: it is where this value is used
    if node.kind == _SCALAR:
        return node.value
    if node.kind == _SEQ:
        out_list = []
        for i, child in enumerate(node.items):
            out_list.append(_build(child, (*path, i), spans, key_spans))
        return out_list
    out: dict[str, Any] = {}
    for key, key_span, child in node.items:
        sub = (*path, key)
        key_spans[sub] = key_span
        out[key] = _build(child, sub, spans, key_spans)
    return out
