"""Source positions: the one span type every node and every issue carries."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A region of a source file: 1-based line and column, end exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, file: str, line: int = 1, column: int = 1) -> SourceSpan:
        return cls(file, line, column, line, column + 1)

    def within(self, offset_line: int, offset_column: int, end_line: int, end_column: int) -> SourceSpan:
        """Translate a span relative to the start of this one (1-based, as lark reports) to file
        coordinates. Expressions are parsed on their own; their spans are mapped here, once."""
        line = self.line + offset_line - 1
        column = offset_column + (self.column - 1 if offset_line == 1 else 0)
        eline = self.line + end_line - 1
        ecol = end_column + (self.column - 1 if end_line == 1 else 0)
        return SourceSpan(self.file, line, column, eline, ecol)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


Where = tuple[int, int, int, int]
"""A span's 1-based line, column, end line and end column, before it becomes a SourceSpan."""


class LazySpans(Mapping[tuple[str | int, ...], SourceSpan]):
    """Spans by document path, each made on first look-up. The loader keeps the spans of keys
    this way: only error messages read them, and building a span object for every key was a
    tenth of the time of reading a template."""

    __slots__ = ("_file", "_raw")

    def __init__(self, file: str, raw: dict[tuple[str | int, ...], SourceSpan | Where] | None = None) -> None:
        self._file = file
        self._raw: dict[tuple[str | int, ...], SourceSpan | Where] = {} if raw is None else raw

    def __getitem__(self, path: tuple[str | int, ...]) -> SourceSpan:
        got = self._raw[path]
        if type(got) is tuple:
            got = self._raw[path] = SourceSpan(self._file, *got)
        assert isinstance(got, SourceSpan)
        return got

    def __iter__(self) -> Iterator[tuple[str | int, ...]]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def snippet(text: str, span: SourceSpan) -> str:
    """The source line of ``span`` with a caret line under the spanned columns."""
    lines = text.splitlines()
    if not 1 <= span.line <= len(lines):
        return ""
    line = lines[span.line - 1]
    end = span.end_column if span.end_line == span.line else len(line) + 1
    width = max(1, end - span.column)
    # Wide (CJK) characters take two terminal cells; align the caret with what the user sees.
    prefix = _cells(line[: span.column - 1])
    marked = _cells(line[span.column - 1 : span.column - 1 + width]) or 1
    return f"{line}\n{' ' * prefix}{'^' * marked}"


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
