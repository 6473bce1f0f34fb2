"""YAML syntax errors in plain words: libyaml's messages translated for department admins."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from formkit.core.errors import YAML_SYNTAX, YAML_TAB, ErrorCode
from formkit.core.source import SourceSpan


@dataclass
class _Syntax:
    """A libyaml error with what the handlers below need to word it."""

    file: str
    lines: list[str]
    problem: str
    context: str
    line: int  # 0-based, as libyaml marks
    column: int
    cm: Any  # the context mark (where the construct being read started), or None

    @property
    def current(self) -> str:
        return self.line_text(self.line)

    @property
    def char(self) -> str:
        return self.current[self.column : self.column + 1]

    def line_text(self, line: int) -> str:
        return self.lines[line] if 0 <= line < len(self.lines) else ""

    def at(self, line: int | None = None, column: int | None = None) -> SourceSpan:
        line = self.line if line is None else line
        column = self.column if column is None else column
        return SourceSpan(self.file, line + 1, column + 1, line + 1, column + 2)

    def at_context(self) -> SourceSpan:
        return self.at(self.cm.line, self.cm.column) if self.cm is not None else self.at()


_Explained = tuple[ErrorCode, str, SourceSpan, str | None]


def explain(file: str, text: str, exc: yaml.MarkedYAMLError) -> _Explained:
    """Translate libyaml's wording into what a non-programmer can act on."""
    mark = exc.problem_mark or exc.context_mark
    err = _Syntax(file, text.split("\n"), exc.problem or "", exc.context or "",
                  mark.line if mark else 0, mark.column if mark else 0, exc.context_mark)
    for handler in _HANDLERS:
        found = handler(err)
        if found is not None:
            return found
    return (YAML_SYNTAX, f"the YAML cannot be read here ({err.problem or err.context})", err.at(),
            "check this line and the one above it")


# A key written with a full-width colon (an IME left in Chinese mode): at the start of a line
# (after the indentation and any '- '), or after '{' or ',' inside a flow mapping. The keys of
# formkit's files are ASCII words (`label`, `type`, `zh`…), so a '：' after Chinese text — in a
# value or a list item (`- 其中：男`) — is text and never matches.
_FULL_WIDTH_KEY = re.compile(r"(?:^\s*(?:-\s+)?|[{,]\s*)[A-Za-z_][A-Za-z0-9_.]*\s*(：)")


def _full_width_colon(err: _Syntax) -> _Explained | None:
    """libyaml reads `label：{…}` as text and trips later (a second ': ', an unclosed '{'), often on
    another line: name the full-width colon and point at it, on any line from where the construct
    being read started to where the error was found."""
    first = min(err.cm.line, err.line) if err.cm is not None else err.line
    for line in range(first, err.line + 1):
        found = _FULL_WIDTH_KEY.search(err.line_text(line))
        if found is not None:
            return (YAML_SYNTAX, "'：' is a full-width (Chinese) colon; YAML needs the ASCII colon ':' "
                    "after a key", err.at(line, found.start(1)), "write ': ' (an ASCII colon and a space) "
                    "after the key, e.g. label: {zh: …}")
    return None


def _tab(err: _Syntax) -> _Explained | None:
    tab = _indent_tab(err.current)
    if "tab character" not in err.problem and err.char != "\t" and tab is None:
        return None
    return (YAML_TAB, "a tab is used to indent this line",
            err.at(column=tab if tab is not None else err.column),
            "indent with spaces, not tabs (most editors can convert tabs to spaces)")


def _missing_colon(err: _Syntax) -> _Explained | None:
    if "could not find expected ':'" not in err.problem or err.cm is None:
        return None
    if re.search(r":\S", err.line_text(err.cm.line)):
        return (YAML_SYNTAX, "a space is missing after ':'", err.at_context(),
                "write `key: value`, with a space after the ':'")
    return (YAML_SYNTAX, "a ':' is missing after the key", err.at_context(),
            "write `key: value`; if this line continues the text above, indent it more")


def _open_quote(err: _Syntax) -> _Explained | None:
    if "end of stream" not in err.problem or "quoted" not in err.context or err.cm is None:
        return None
    quote = err.line_text(err.cm.line)[err.cm.column : err.cm.column + 1] or '"'
    return (YAML_SYNTAX, f"a quote ({quote}) is not closed", err.at_context(),
            f"end the text with the same quote ({quote}) it starts with")


def _indentation(err: _Syntax) -> _Explained | None:
    problems = ("did not find expected key", "'-' indicator", "expected <block end>")
    if not any(p in err.problem for p in problems):  # the last is the pure-Python wording
        return None
    indent = len(err.current) - len(err.current.lstrip(" "))
    if err.column > indent:  # something follows a complete value on the same line
        return (YAML_SYNTAX, "unexpected text after the value", err.at(),
                "put the whole value in quotes, and check that any quote opened before is closed")
    if "key" in err.problem and err.char == "-":
        return (YAML_SYNTAX, "a list item ('- ') is not expected here", err.at(),
                "indent the list under a key that has no value of its own")
    if "'-' indicator" in err.problem:
        where = f" in column {err.cm.column + 1}" if err.cm is not None else ""
        return (YAML_SYNTAX, "this line is indented differently from the list items around it",
                err.at(), "indent it to continue the item above, or start a new item with "
                f"'- '{where}")
    hint = "keys of one mapping start in the same column"
    if err.cm is not None:
        hint += f" (here column {err.cm.column + 1}, like line {err.cm.line + 1})"
    return (YAML_SYNTAX, "this line is indented differently from the lines around it", err.at(),
            hint)


def _second_colon(err: _Syntax) -> _Explained | None:
    if "mapping values are not allowed" not in err.problem:
        return None
    if re.search(r":\s", err.current[: err.column]):
        return (YAML_SYNTAX, "a second ': ' on one line: a value that contains ': ' must be in "
                "quotes", err.at(), "put the value in quotes: key: 'a: b'")
    indent = len(err.current) - len(err.current.lstrip(" "))
    return (YAML_SYNTAX, "this line is indented more than the key above it, which already has "
            "a value", err.at(column=indent),
            "line it up with the key above, or remove that key's value to nest this under it")


def _unclosed_flow(err: _Syntax) -> _Explained | None:
    if "expected ',' or ']'" in err.problem:
        opening, closing = "[", "]"
    elif "expected ',' or '}'" in err.problem:
        opening, closing = "{", "}"
    else:
        return None
    return (YAML_SYNTAX, f"a '{opening}' is not closed with '{closing}' (or a ',' is missing "
            "between its items)", err.at_context(), f"close it with '{closing}' where it ends")


def _inline_list(err: _Syntax) -> _Explained | None:
    if "block sequence entries are not allowed" not in err.problem:
        return None
    return (YAML_SYNTAX, "a list cannot start on the same line as its key", err.at(),
            "start the list on the next line, indented, one '- ' item per line")


def _escape(err: _Syntax) -> _Explained | None:
    if "unknown escape character" not in err.problem:
        return None
    return (YAML_SYNTAX, "an unknown '\\' escape in double-quoted text", err.at(),
            "use single quotes ('…'), or write a backslash as '\\\\'")


def _anchor_name(err: _Syntax) -> _Explained | None:
    if "alphabetic or numeric" not in err.problem or not re.search("anchor|alias", err.context):
        return None
    sign, what = ("&", "anchor") if "anchor" in err.context else ("*", "alias")
    return (YAML_SYNTAX, f"'{sign}' starts a YAML {what} and needs a name", err.at_context(),
            f"put the text in quotes if '{sign}' is meant literally")


def _directive(err: _Syntax) -> _Explained | None:
    if "directive" not in err.context:
        return None
    return (YAML_SYNTAX, "a line starting with '%' is a YAML directive", err.at(column=0),
            "put the text in quotes")


def _bad_start(err: _Syntax) -> _Explained | None:
    if "cannot start any token" in err.problem:
        return (YAML_SYNTAX, f"a value cannot start with '{err.char}'", err.at(),
                f"put the value in quotes: '{err.char}…'")
    if "expected node content" in err.problem:
        return (YAML_SYNTAX, "a value is missing here, or starts with a character that cannot "
                "start a value", err.at(), "put the value in quotes")
    return None


_HANDLERS: tuple[Callable[[_Syntax], _Explained | None], ...] = (
    _tab, _full_width_colon, _missing_colon, _open_quote, _indentation, _second_colon, _unclosed_flow,
    _inline_list, _escape, _anchor_name, _directive, _bad_start,
)


def _indent_tab(line: str) -> int | None:
    """Column (0-based) of a tab among the line's leading whitespace, if any."""
    for i, ch in enumerate(line):
        if ch == "\t":
            return i
        if ch != " ":
            return None
    return None
