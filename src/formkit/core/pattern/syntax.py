"""Pattern syntax: a field's ``pattern`` (SPEC §2.2) read into a tree, within a small subset of
regular expressions; anything outside it is a :class:`PatternError` naming the construct.

The subset (docs/templates.md, "Patterns"): literal characters; ``.`` (any character but a
newline); classes ``[a-z]``, ``[^…]``; ``\\d \\w \\s`` and their negations, ASCII only; the
escapes ``\\t \\n \\r \\f \\v \\xhh \\uhhhh \\Uhhhhhhhh`` and a backslash before punctuation;
groups ``( … )`` and ``(?: … )``; ``|``; ``* + ?`` and counts ``{m}``, ``{m,}``, ``{m,n}``,
``{,n}`` up to :data:`MAX_COUNT`; ``^`` and ``$`` only where they change nothing (at the start
and the end of the pattern or of one of its top-level branches).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NoReturn

MAX_LENGTH = 1000  # characters of pattern text
MAX_COUNT = 255  # the largest number in a count {m,n}: PostgreSQL's limit (RE_DUP_MAX)
MAX_POSITIONS = 1000  # character tests once every count is written out
MAX_DEPTH = 32  # groups inside groups
MAX_CODE = 0x10FFFF

Ranges = tuple[tuple[int, int], ...]  # sorted, disjoint, not adjacent; inclusive code points

DIGIT: Ranges = ((0x30, 0x39),)
WORD: Ranges = ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A))
SPACE: Ranges = ((0x09, 0x0D), (0x20, 0x20))  # \t \n \v \f \r and space: Python's re.ASCII \s
DOT: Ranges = ((0, 0x09), (0x0B, MAX_CODE))  # Python's '.': anything but a newline


# -- the tree -----------------------------------------------------------------------------------
# Every node keeps where it stands in the pattern text (start, end: offsets), for messages.


@dataclass(frozen=True, slots=True)
class Chars:
    """One character out of a set (a literal is a set of one)."""

    ranges: Ranges
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple[Node, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Alt:
    branches: tuple[Node, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Repeat:
    """``item`` from ``lo`` to ``hi`` times (``hi`` None: no upper bound)."""

    item: Node
    lo: int
    hi: int | None
    start: int
    end: int


Node = Chars | Seq | Alt | Repeat


class PatternError(ValueError):
    """A pattern outside the subset: a plain message naming the construct, a hint, and the
    0-based offset in the pattern where the construct starts."""

    def __init__(self, message: str, hint: str, at: int) -> None:
        super().__init__(message)
        self.message, self.hint, self.at = message, hint, at


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Seq):
        return node.items
    if isinstance(node, Alt):
        return node.branches
    if isinstance(node, Repeat):
        return (node.item,)
    return ()


def walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(children(n)))


def nullable(node: Node) -> bool:
    """Whether ``node`` can match the empty text."""
    if isinstance(node, Chars):
        return False
    if isinstance(node, Seq):
        return all(nullable(i) for i in node.items)
    if isinstance(node, Alt):
        return any(nullable(b) for b in node.branches)
    return node.lo == 0 or nullable(node.item)


# -- character sets ----------------------------------------------------------------------------


def normalize(ranges: Sequence[tuple[int, int]]) -> Ranges:
    """Sorted, merged (overlapping and adjacent ranges joined)."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


def complement(ranges: Ranges) -> Ranges:
    out: list[tuple[int, int]] = []
    nxt = 0
    for lo, hi in ranges:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= MAX_CODE:
        out.append((nxt, MAX_CODE))
    return tuple(out)


# -- the parser ---------------------------------------------------------------------------------

_CLASS_ESCAPES: dict[str, Ranges] = {
    "d": DIGIT, "D": complement(DIGIT), "w": WORD, "W": complement(WORD), "s": SPACE, "S": complement(SPACE),
}
_CONTROL = {"t": 0x09, "n": 0x0A, "v": 0x0B, "f": 0x0C, "r": 0x0D}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_REFUSED_ESCAPES: dict[str, tuple[str, str]] = {  # letter → (what it is, hint)
    "b": ("a word boundary (\\b)", "leave it out: the whole text must match anyway"),
    "B": ("a word boundary (\\B)", "leave it out"),
    "A": ("an anchor (\\A)", "leave it out: the whole text must match anyway"),
    "Z": ("an anchor (\\Z)", "leave it out: the whole text must match anyway"),
    "z": ("an anchor (\\z)", "leave it out: the whole text must match anyway"),
    "G": ("an anchor (\\G)", "leave it out"),
    "p": ("a Unicode property class (\\p{…})", "list the characters instead, e.g. [\\u4e00-\\u9fff] for Chinese"),
    "P": ("a Unicode property class (\\P{…})", "list the characters instead, e.g. [^\\u4e00-\\u9fff]"),
    "N": ("a named character (\\N{…})", "write the character itself, or \\uhhhh"),
    "k": ("a backreference (\\k<…>)", "patterns cannot refer back to what a group matched"),
    "g": ("a backreference (\\g…)", "patterns cannot refer back to what a group matched"),
}
_GROUP_KINDS = (  # what follows '(?' → what it is
    ("=", "a lookahead (?=…)"), ("!", "a negative lookahead (?!…)"), ("<=", "a lookbehind (?<=…)"),
    ("<!", "a negative lookbehind (?<!…)"), (">", "an atomic group (?>…)"), ("P=", "a backreference (?P=…)"),
    ("P<", "a named group (?P<…>…)"), ("<", "a named group (?<…>…)"), ("#", "a comment (?#…)"),
    ("(", "a conditional (?(…)…)"),
)
_GROUP_HINTS = {
    "a named group (?P<…>…)": "write a plain group ( … )",
    "a named group (?<…>…)": "write a plain group ( … )",
    "a comment (?#…)": "remove the comment",
}
_LOOK_HINT = "lookaround is not supported: describe the whole text instead"


class _Parser:
    def __init__(self, text: str) -> None:
        self.t = text
        self.i = 0
        self.depth = 0

    def peek(self, ahead: int = 0) -> str:
        j = self.i + ahead
        return self.t[j] if j < len(self.t) else ""

    def fail(self, message: str, hint: str, at: int | None = None) -> NoReturn:
        raise PatternError(message, hint, self.i if at is None else at)

    def parse(self) -> Node:
        node = self.alternation(top=True)
        if self.i < len(self.t):  # only a ')' stops the top level early
            self.fail("a ')' closes no group", "remove it, or write \\) for a literal parenthesis")
        return node

    def alternation(self, *, top: bool) -> Node:
        start = self.i
        branches = [self.sequence(top=top)]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence(top=top))
        return branches[0] if len(branches) == 1 else Alt(tuple(branches), start, self.i)

    def sequence(self, *, top: bool) -> Node:
        start = self.i
        if top and self.peek() == "^":  # the start of the text: where matching starts anyway
            self.i += 1
        items: list[Node] = []
        while (ch := self.peek()) not in ("", "|", ")"):
            if top and ch == "$" and self.peek(1) in ("", "|"):  # the end: where it must end anyway
                self.i += 1
                break
            items.append(self.quantified())
        return items[0] if len(items) == 1 else Seq(tuple(items), start, self.i)

    def quantified(self) -> Node:
        start = self.i
        atom = self.atom()
        count = self.quantifier()
        if count is None:
            return atom
        after = self.peek()
        if after == "?":
            self.fail(f"'{self.t[start:self.i + 1]}' is a lazy repeat",
                      "remove the last '?': the whole text must match, so lazy repeats change nothing")
        if after == "+":
            self.fail(f"'{self.t[start:self.i + 1]}' is a possessive repeat", "remove the last '+'")
        if after == "*" or self.quantifier_at(self.i) is not None:
            self.fail(f"'{self.t[start:]}' repeats a repeat", "put the part in a group and repeat that once")
        return Repeat(atom, count[0], count[1], start, self.i)

    def atom(self) -> Node:
        ch, at = self.peek(), self.i
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == ".":
            self.i += 1
            return Chars(DOT, at, self.i)
        if ch == "\\":
            ranges, _ = self.escape(in_class=False)
            return Chars(ranges, at, self.i)
        self.refuse_special(ch)
        self.i += 1
        return Chars(((ord(ch), ord(ch)),), at, self.i)

    def refuse_special(self, ch: str) -> None:
        if ch in "*+?" or (ch == "{" and self.quantifier_at(self.i) is not None):
            self.fail(f"'{ch}' has nothing before it to repeat", f"write \\{ch} for a literal '{ch}'")
        if ch in "{}]":
            self.fail(f"a lone '{ch}'", f"write \\{ch} for a literal '{ch}'")
        if ch == "^":
            self.fail("'^' stands inside the pattern", "'^' may only start the pattern (the whole text must "
                      "match anyway); write \\^ for a literal '^'")
        if ch == "$":
            self.fail("'$' stands inside the pattern", "'$' may only end the pattern (the whole text must "
                      "match anyway); write \\$ for a literal '$'")

    def group(self) -> Node:
        open_at = self.i
        self.i += 1
        if self.peek() == "?":
            if self.peek(1) != ":":
                self.refuse_group(open_at)
            self.i += 2
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.fail(f"the pattern has more than {MAX_DEPTH} groups inside each other", "simplify it", open_at)
        inner = self.alternation(top=False)
        self.depth -= 1
        if self.peek() != ")":
            self.fail("a '(' is not closed", "add the ')' that ends the group", open_at)
        self.i += 1
        return dataclasses.replace(inner, start=open_at, end=self.i)  # the group's text, parentheses too

    def refuse_group(self, open_at: int) -> NoReturn:
        rest = self.t[self.i + 1:]
        for prefix, what in _GROUP_KINDS:
            if rest.startswith(prefix):
                hint = _GROUP_HINTS.get(what, _LOOK_HINT if "look" in what else "this is not supported")
                self.fail(f"{what} is not supported", hint, open_at)
        self.fail("inline flags such as (?i) are not supported", "leave them out: patterns are case-sensitive; "
                  "list both cases instead, e.g. [Aa]", open_at)

    def quantifier(self) -> tuple[int, int | None] | None:
        ch = self.peek()
        simple = {"*": (0, None), "+": (1, None), "?": (0, 1)}.get(ch)
        if simple is not None:
            self.i += 1
            return simple
        if ch != "{":
            return None
        found = self.quantifier_at(self.i)
        if found is None:
            return None  # the '{' is then refused as a lone brace
        lo, hi, end = found
        if lo > MAX_COUNT or (hi is not None and hi > MAX_COUNT):
            self.fail(f"the count '{self.t[self.i:end]}' is larger than {MAX_COUNT}",
                      f"counts go up to {MAX_COUNT}")
        if hi is not None and lo > hi:
            self.fail(f"the count '{self.t[self.i:end]}' goes from more to fewer", "write the smaller number first")
        self.i = end
        return lo, hi

    def quantifier_at(self, at: int) -> tuple[int, int | None, int] | None:
        """``{m}``, ``{m,}``, ``{m,n}`` or ``{,n}`` at ``at``: (m, n, end), or None."""
        t = self.t
        if at >= len(t) or t[at] != "{":
            return None
        close = t.find("}", at)
        if close < 0:
            return None
        lo_text, comma, hi_text = t[at + 1:close].partition(",")
        numbers = [s for s in (lo_text, hi_text) if s]
        if not numbers or not all(s.isascii() and s.isdigit() and len(s) <= 6 for s in numbers):
            return None
        if not comma:
            return int(lo_text), int(lo_text), close + 1
        return int(lo_text or 0), int(hi_text) if hi_text else None, close + 1

    def escape(self, *, in_class: bool) -> tuple[Ranges, bool]:
        """The set a backslash escape stands for, and whether it is one character."""
        at = self.i
        ch = self.peek(1)
        self.i += 2
        if ch == "":
            self.fail("the pattern ends with a lone '\\'", "write \\\\ for a literal backslash", at)
        if ch in _CLASS_ESCAPES:
            return _CLASS_ESCAPES[ch], False
        if ch in _CONTROL:
            return ((_CONTROL[ch], _CONTROL[ch]),), True
        if ch in _HEX_DIGITS:
            code = self.hex_code(at, _HEX_DIGITS[ch])
            return ((code, code),), True
        if ch.isascii() and ch.isalnum():
            self.refuse_escape(ch, at, in_class=in_class)
        return ((ord(ch), ord(ch)),), True

    def hex_code(self, at: int, digits: int) -> int:
        text = self.t[self.i:self.i + digits]
        if len(text) != digits or not all(c in "0123456789abcdefABCDEF" for c in text):
            example = self.t[at:at + 2] + "41".rjust(digits, "0")
            self.fail(f"'{self.t[at:at + 2]}' needs {digits} hex digits", f"e.g. {example} for 'A'", at)
        code = int(text, 16)
        if code > MAX_CODE or 0xD800 <= code <= 0xDFFF:
            self.fail(f"'{self.t[at:self.i + digits]}' is not a character", "write a code point of a character", at)
        self.i += digits
        return code

    def refuse_escape(self, ch: str, at: int, *, in_class: bool) -> NoReturn:
        if ch.isdigit():
            self.fail(f"'\\{ch}' is a backreference or an octal escape", "patterns cannot refer back to what a "
                      "group matched; write a character by its code as \\xhh, e.g. \\x41 for 'A'", at)
        if ch == "b" and in_class:
            self.fail("'\\b' in a class", "write \\x08 for a backspace", at)
        what, hint = _REFUSED_ESCAPES.get(ch, (f"the escape '\\{ch}'", "remove the backslash, or see the "
                                                "list of escapes in docs/templates.md"))
        self.fail(f"{what} is not supported", hint, at)

    def char_class(self) -> Chars:
        open_at = self.i
        self.i += 1
        negate = self.peek() == "^"
        if negate:
            self.i += 1
        first = self.i
        if self.peek() == "]":
            self.fail(f"'{self.t[open_at:self.i + 1]}' is an empty class", "write \\] for a literal ']'", open_at)
        members: list[tuple[int, int]] = []
        while self.peek() != "]":
            if self.peek() == "":
                self.fail("a '[' is not closed", "add the ']' that ends the class", open_at)
            members.extend(self.class_member(first))
        self.i += 1
        ranges = normalize(members)
        if negate:
            ranges = complement(ranges)
        if not ranges:
            self.fail(f"'{self.t[open_at:self.i]}' matches no character", "remove it", open_at)
        return Chars(ranges, open_at, self.i)

    def class_member(self, first: int) -> Ranges:
        at = self.i
        lo, single = self.class_item(first)
        if self.peek() != "-" or self.peek(1) in ("]", ""):
            return lo
        self.i += 1
        hi, hi_single = self.class_item(first)
        if not (single and hi_single):
            self.fail(f"'{self.t[at:self.i]}' is not a range of characters", "write \\- for a literal '-'", at)
        if lo[0][0] > hi[0][0]:
            self.fail(f"the range '{self.t[at:self.i]}' goes backwards", "write the smaller character first", at)
        return ((lo[0][0], hi[0][0]),)

    def class_item(self, first: int) -> tuple[Ranges, bool]:
        ch = self.peek()
        if ch == "\\":
            return self.escape(in_class=True)
        if ch == "[":
            self.fail("a '[' inside a class", "write \\[ for a literal '['; classes such as [:alpha:] are "
                      "not supported: list the characters, e.g. [A-Za-z]")
        if ch == "-" and self.i != first and self.peek(1) != "]":
            self.fail("a '-' that is not part of a range", "write \\- for a literal '-'")
        self.i += 1
        return ((ord(ch), ord(ch)),), True


# -- checks on the tree -------------------------------------------------------------------------


def _positions(node: Node) -> int:
    """How many character tests ``node`` takes once its counts are written out."""
    if isinstance(node, Chars):
        return 1
    if isinstance(node, Seq | Alt):
        return sum(_positions(c) for c in children(node))
    copies = node.hi if node.hi is not None else max(node.lo, 1)
    return copies * _positions(node.item) if copies else 0


def _check_tree(text: str, tree: Node) -> None:
    for node in walk(tree):
        if isinstance(node, Repeat) and node.hi != 0 and not node.lo == node.hi == 1 and nullable(node.item):
            whole, part = text[node.start:node.end], text[node.item.start:node.item.end]
            if node.hi == 1:
                raise PatternError(f"'{whole}' makes '{part}' optional, but it can match nothing already",
                                   "remove the outer '?'", node.start)
            raise PatternError(f"'{whole}' repeats '{part}', which can match nothing",
                               "make the repeated part match at least one character, e.g. '(a*)*' → 'a*'",
                               node.start)
        if isinstance(node, Alt) and sum(nullable(b) for b in node.branches) > 1:
            raise PatternError(f"two branches of '{text[node.start:node.end]}' can match nothing",
                               "let one branch at most match nothing", node.start)
    size = _positions(tree)
    if size > MAX_POSITIONS:
        raise PatternError(f"the pattern is too large once its counts are written out ({size:,} characters "
                           f"to test, at most {MAX_POSITIONS:,})", "use smaller counts", 0)


def parse_tree(text: str) -> Node:
    """The tree of a pattern written in the subset's syntax; raises :class:`PatternError`."""
    if len(text) > MAX_LENGTH:
        raise PatternError(f"the pattern is longer than {MAX_LENGTH:,} characters", "shorten it", 0)
    return _Parser(text).parse()


def parse_pattern(text: str) -> Node:
    """The tree of a pattern in the subset, with no repeated or optional part that can match
    nothing and within :data:`MAX_POSITIONS`; raises :class:`PatternError`."""
    tree = parse_tree(text)
    _check_tree(text, tree)
    return tree


