"""Pattern lowering: a checked pattern's tree written as each engine's regular expression.

The engines never see the author's text. The regex is written from the parsed tree
(formkit.core.pattern) with only what every engine reads alike: explicit character sets (``\\d`` is
``[0-9]``, ``.`` is ``[^\\n]``: no engine's idea of a digit, a word or a newline counts),
non-capturing groups, ``* + ?`` and counts, and every character but letters, digits and space
escaped (a punctuation mark with a backslash, anything outside printable ASCII by its code point),
so the text is plain ASCII. Check time proved the pattern reads every text one way, so the
backtracking engines (PostgreSQL's, MariaDB's PCRE2) run it in linear time like RE2 (DuckDB).

>>> from formkit.core.pattern import compile_pattern
>>> tree = compile_pattern(r'\\d{2,4}(-\\d{1,3})?').tree
>>> engine_regex(tree, "duckdb"), engine_regex(tree, "postgres"), engine_regex(tree, "mysql")
('[0-9]{2,4}(?:\\\\-[0-9]{1,3})?', '^(?:[0-9]{2,4}(?:\\\\-[0-9]{1,3})?)$', '^(?:[0-9]{2,4}(?:\\\\-[0-9]{1,3})?)\\\\z')
"""

from __future__ import annotations

from formkit.core.pattern.syntax import MAX_CODE, Alt, Chars, Node, Ranges, Repeat, Seq, complement

__all__ = ["engine_regex"]

_SURROGATES = (0xD800, 0xDFFF)  # no stored text holds one (UTF-8): left out of every set


def engine_regex(tree: Node, dialect: str) -> str:
    """The regex that matches exactly the texts ``tree`` does, the whole text: DuckDB's
    ``regexp_full_match`` anchors itself; PostgreSQL ``^…$`` (no flags: ``$`` is only the end);
    MariaDB ``^…\\z`` (PCRE's ``$`` also matches before a final newline)."""
    body = _Writer(postgres=dialect == "postgres").node(tree)
    if dialect == "duckdb":
        return body
    return "^(?:" + body + (")$" if dialect == "postgres" else ")\\z")


class _Writer:
    def __init__(self, *, postgres: bool) -> None:
        self.postgres = postgres

    def node(self, node: Node) -> str:
        if isinstance(node, Chars):
            return self.chars(node.ranges)
        if isinstance(node, Seq):
            return "".join(self.grouped(i) if isinstance(i, Alt) else self.node(i) for i in node.items)
        if isinstance(node, Alt):
            return "|".join(self.node(b) for b in node.branches)
        return self.repeat(node)

    def grouped(self, node: Node) -> str:
        return "(?:" + self.node(node) + ")"

    def repeat(self, node: Repeat) -> str:
        lo, hi = node.lo, node.hi
        if hi == 0:
            return ""
        atom = self.node(node.item) if isinstance(node.item, Chars) else self.grouped(node.item)
        if (lo, hi) == (0, None):
            return atom + "*"
        if (lo, hi) == (1, None):
            return atom + "+"
        if (lo, hi) == (0, 1):
            return atom + "?"
        if lo == hi:
            return f"{atom}{{{lo}}}"
        return f"{atom}{{{lo},{'' if hi is None else hi}}}"

    def chars(self, ranges: Ranges) -> str:
        ranges = _without_surrogates(ranges)
        if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
            return self.char(ranges[0][0])
        if ranges and ranges[-1][1] == MAX_CODE:  # most of everything: say what it is not
            return "[^" + self.members(_without_surrogates(complement(ranges))) + "]"
        return "[" + self.members(ranges) + "]"

    def members(self, ranges: Ranges) -> str:
        parts = []
        for lo, hi in ranges:
            parts.append(self.char(lo) if lo == hi else self.char(lo) + "-" + self.char(hi))
        return "".join(parts)

    def char(self, code: int) -> str:
        ch = chr(code)
        if ch.isascii() and (ch.isalnum() or ch in " _"):
            return ch
        if 0x21 <= code <= 0x7E:  # punctuation: a backslash makes it literal in every engine
            return "\\" + ch
        if self.postgres:  # ARE: exactly 4 or 8 hex digits (\x would read on through later digits)
            return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"
        return f"\\x{{{code:X}}}"


def _without_surrogates(ranges: Ranges) -> Ranges:
    lo_s, hi_s = _SURROGATES
    out: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if hi < lo_s or lo > hi_s:
            out.append((lo, hi))
            continue
        if lo < lo_s:
            out.append((lo, lo_s - 1))
        if hi > hi_s:
            out.append((hi_s + 1, hi))
    return tuple(out)
