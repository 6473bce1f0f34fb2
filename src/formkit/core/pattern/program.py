"""Pattern programs: a checked pattern tree compiled to a Thompson NFA program, and the matcher
that runs it over a text in one pass, every live thread at once (time linear in the text,
whatever the pattern; no backtracking). static/formkit-pattern.js builds the same program from
the same text and runs it the same way.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from formkit.core.pattern.syntax import Alt, Chars, Node, Ranges, Repeat, Seq

# An instruction: "c" reads one character of ``ranges``; "s" goes on at ``x`` and at ``y``; "j"
# goes on at ``x``; "m": the text may end here. The compiler builds them mutable (jump targets are
# patched once known) and freezes the program when done.


@dataclass(frozen=True, slots=True)
class Instr:
    op: str
    ranges: Ranges = ()
    x: int = 0
    y: int = 0


class _Compiler:
    def __init__(self) -> None:
        self.prog: list[list[Any]] = []  # [op, ranges, x, y]: targets patched once known
        self.owners: list[Node] = []  # the node each instruction comes from (for messages)

    def add(self, node: Node, op: str, ranges: Ranges = (), x: int = 0, y: int = 0) -> int:
        self.prog.append([op, ranges, x, y])
        self.owners.append(node)
        return len(self.prog) - 1

    def here(self) -> int:
        return len(self.prog)

    def emit(self, node: Node) -> None:
        if isinstance(node, Chars):
            self.add(node, "c", node.ranges)
        elif isinstance(node, Seq):
            for item in node.items:
                self.emit(item)
        elif isinstance(node, Alt):
            self.alt(node)
        else:
            self.repeat(node)

    def alt(self, node: Alt) -> None:
        """b1 | b2 | b3: split to b1 or on, b1, jump to the end; split to b2 or on, …; b3."""
        jumps = []
        for branch in node.branches[:-1]:
            split = self.add(node, "s", x=self.here() + 1)
            self.emit(branch)
            jumps.append(self.add(node, "j"))
            self.prog[split][3] = self.here()
        self.emit(node.branches[-1])
        for j in jumps:
            self.prog[j][2] = self.here()

    def repeat(self, node: Repeat) -> None:
        lo, hi = node.lo, node.hi
        if hi is None:
            for _ in range(lo - 1):
                self.emit(node.item)
            self.loop(node, at_least_once=lo > 0)
            return
        for _ in range(lo):
            self.emit(node.item)
        # the optional copies nest, (x(x(x)?)?)?: each count is reached one way only
        splits = []
        for _ in range(hi - lo):
            splits.append(self.add(node, "s", x=self.here() + 1))
            self.emit(node.item)
        for s in splits:
            self.prog[s][3] = self.here()

    def loop(self, node: Repeat, *, at_least_once: bool) -> None:
        top = self.here()
        if at_least_once:  # x+: x, then again or on
            self.emit(node.item)
            self.add(node, "s", x=top, y=self.here() + 1)
            return
        split = self.add(node, "s", x=top + 1)  # x*: x and back, or on
        self.emit(node.item)
        self.add(node, "j", x=top)
        self.prog[split][3] = self.here()


def compile_tree(tree: Node) -> tuple[list[Instr], list[Node]]:
    """The program of a checked tree, and the node each instruction comes from."""
    c = _Compiler()
    c.emit(tree)
    c.add(tree, "m")
    prog = [Instr(op, ranges, x, y) for op, ranges, x, y in c.prog]
    return prog, c.owners


def program_json(prog: Sequence[Instr]) -> list[list[object]]:
    """The program as static/formkit-pattern.js builds it: ``["c", [lo, hi, lo, hi…]]``,
    ``["s", x, y]``, ``["j", x]``, ``["m"]``."""
    out: list[list[object]] = []
    for ins in prog:
        if ins.op == "c":
            out.append(["c", [n for r in ins.ranges for n in r]])
        elif ins.op == "s":
            out.append(["s", ins.x, ins.y])
        elif ins.op == "j":
            out.append(["j", ins.x])
        else:
            out.append(["m"])
    return out


def epsilon_closure(prog: Sequence[Instr], pc: int) -> tuple[int, ...]:
    """The character tests (and the end) reachable from ``pc`` without reading, in order."""
    out: dict[int, None] = {}
    seen: set[int] = set()
    stack = [pc]
    while stack:
        at = stack.pop()
        if at in seen:
            continue
        seen.add(at)
        ins = prog[at]
        if ins.op == "s":
            stack += (ins.y, ins.x)
        elif ins.op == "j":
            stack.append(ins.x)
        else:
            out[at] = None
    return tuple(out)


class CompiledPattern:
    """A checked pattern: its text, tree and program, and a whole-text matcher over it."""

    def __init__(self, text: str, tree: Node, prog: list[Instr], owners: list[Node]) -> None:
        self.text, self.tree, self.prog, self.owners = text, tree, prog, owners
        self.end = len(prog) - 1  # the "m" instruction
        self._los = [tuple(r[0] for r in ins.ranges) for ins in prog]
        self._his = [tuple(r[1] for r in ins.ranges) for ins in prog]
        self._closures: dict[int, tuple[int, ...]] = {}

    def closure(self, pc: int) -> tuple[int, ...]:
        got = self._closures.get(pc)
        if got is None:
            got = self._closures[pc] = epsilon_closure(self.prog, pc)
        return got

    def reads(self, pc: int, code: int) -> bool:
        """Whether the character test at ``pc`` takes the character ``code``."""
        i = bisect_right(self._los[pc], code) - 1
        return i >= 0 and code <= self._his[pc][i]

    def fullmatch(self, text: str) -> bool:
        """Whether the whole of ``text`` matches: one pass, all live threads at once."""
        states = self.closure(0)
        end = self.end
        for ch in text:
            code = ord(ch)
            nxt: dict[int, None] = {}
            for pc in states:
                if pc != end and self.reads(pc, code):
                    nxt.update(dict.fromkeys(self.closure(pc + 1)))
            if not nxt:
                return False
            states = tuple(nxt)
        return end in states
