"""One way only: a pattern must read every text in at most one way.

Why: a backtracking engine (PostgreSQL's, MariaDB's PCRE2, a browser's) tries the ways a
pattern can read a text one after the other. ``(a+)+`` reads ``aaaa`` in 8 ways, and a text of
30 ``a`` and a ``!`` in 2²⁹ (the classic ReDoS); ``\\d+\\d+`` in n ways, n² steps in all. If
no text has two readings, then no prefix of a text reaches one place of the pattern in two
ways either (every place can still go on to a match, so two ways to the same place would make
two readings of a longer text), and such an engine visits each (position in the text, place in
the pattern) at most once: linear time. The rule is the same for every engine, and
:mod:`formkit.core.pattern.program`'s matcher is linear in any case.

The check runs on the program (counts written out as nested options, so ``x{1,3}`` is read
one way: one, two or three times): first that no place reaches another in two ways without
reading (``(a+)+``: after an ``a``, the inner loop and the outer one lead back to ``a``), then,
over pairs of places that two readings could be at after the same text, that two readings
never part and both reach the end (``\\d+\\d+``). A refusal names the smallest part of the
pattern where the readings part, and a text that has two readings.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from formkit.core.pattern.program import CompiledPattern
from formkit.core.pattern.syntax import Node, PatternError, Ranges, Seq, children, walk

MAX_PAIRS = 200_000  # pairs of places explored before the pattern is called too complex to check
_HINT = ("a pattern must read each text in one way only, or a database may take hours over a long text: "
         "make the parts exclusive, e.g. '[^@]+@' rather than '.+@', 'a+' rather than '(a+)+'")
_PREFERRED = "a0A_-.@ "  # characters a witness text is written with, when the sets allow


def check_one_way(p: CompiledPattern) -> None:
    """Raise :class:`PatternError` if some text can be read in two ways."""
    a = _Analysis(p)
    a.epsilon_paths()
    a.pairs()


def common_char(x: Ranges, y: Ranges) -> int | None:
    """A character in both sets (a readable one when there is), or None."""
    both: list[tuple[int, int]] = []
    i = j = 0
    while i < len(x) and j < len(y):
        lo, hi = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        if lo <= hi:
            both.append((lo, hi))
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    if not both:
        return None
    for ch in _PREFERRED:
        if any(lo <= ord(ch) <= hi for lo, hi in both):
            return ord(ch)
    for lo, hi in both:
        if hi >= 0x21:
            return max(lo, 0x21)
    return both[0][0]


def shown(text: str) -> str:
    """A witness text in quotes, invisible characters written as escapes."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


State = tuple[int, int, bool]  # two places (character tests, the smaller first), and whether they parted


class _Analysis:
    def __init__(self, p: CompiledPattern) -> None:
        self.p = p
        self.prog = p.prog
        self._steps: dict[tuple[tuple[int, ...], tuple[int, ...], bool], list[tuple[State, int]]] = {}
        self.parents: dict[int, Node] = {}
        for node in walk(p.tree):
            for child in children(node):
                self.parents[id(child)] = node

    def ranges(self, pc: int) -> Ranges:
        return self.prog[pc].ranges

    # -- two ways without reading ---------------------------------------------------------

    def epsilon_paths(self) -> None:
        """From the start and after each character test, every place is reached in one way only."""
        entries = [0] + [pc + 1 for pc, ins in enumerate(self.prog) if ins.op == "c"]
        for entry in entries:
            twice = self.revisit(entry)
            if twice is not None:
                first, second = twice
                prefix = "" if entry == 0 else self.reach(entry - 1)
                self.refuse(self.lca(self.owners_of(first, second)), prefix + self.complete(first[-1]))

    def revisit(self, entry: int) -> tuple[list[int], list[int]] | None:
        """Two different paths from ``entry`` to one instruction without reading, if there are."""
        parent: dict[int, int | None] = {entry: None}
        stack: list[tuple[int, int | None]] = [(entry, None)]
        while stack:
            at, came = stack.pop()
            if came is not None:
                if at in parent:
                    return self.path(parent, at), [*self.path(parent, came), at]
                parent[at] = came
            ins = self.prog[at]
            if ins.op == "s":
                stack += ((ins.y, at), (ins.x, at))
            elif ins.op == "j":
                stack.append((ins.x, at))
        return None

    @staticmethod
    def path(parent: dict[int, int | None], at: int) -> list[int]:
        out = [at]
        while (up := parent[out[-1]]) is not None:
            out.append(up)
        return out[::-1]

    def owners_of(self, first: list[int], second: list[int]) -> list[Node]:
        """The nodes of the instructions where two paths part and after (their common start left out)."""
        k = 0
        while k < min(len(first), len(second)) and first[k] == second[k]:
            k += 1
        pcs = [first[k - 1], *first[k:-1], *second[k:-1]]  # not where they meet again: the end, maybe
        return [self.p.owners[pc] for pc in pcs]

    # -- two readings that part ---------------------------------------------------------------

    def pairs(self) -> None:
        """Walk pairs of places two readings of the same text can be at; refuse when two that
        parted meet again or both end."""
        end = self.p.end
        came: dict[State, tuple[State | None, int]] = {}
        queue: deque[State] = deque()
        for state, ch in self.steps(None):
            if state not in came:
                came[state] = (None, ch)
                queue.append(state)
        while queue:
            state = queue.popleft()
            a, b, parted = state
            if parted and (a == b or (end in self.p.closure(a + 1) and end in self.p.closure(b + 1))):
                self.refuse_pair(came, state)
            for nxt, ch in self.steps(state):
                if nxt not in came:
                    if len(came) >= MAX_PAIRS:
                        raise PatternError("the pattern is too complex to check", "simplify it", 0)
                    came[nxt] = (state, ch)
                    queue.append(nxt)

    def steps(self, state: State | None) -> Iterable[tuple[State, int]]:
        """The pairs one more character leads to, with that character."""
        if state is None:
            xs = ys = self.p.closure(0)
            parted = False
        else:
            xs, ys, parted = self.p.closure(state[0] + 1), self.p.closure(state[1] + 1), state[2]
        key = (xs, ys, parted)
        got = self._steps.get(key)
        if got is None:  # many places share where they go on (every branch's end, say)
            got = self._steps[key] = list(self._pairs(xs, ys, parted))
        return got

    def _pairs(self, xs: tuple[int, ...], ys: tuple[int, ...], parted: bool) -> Iterable[tuple[State, int]]:
        end = self.p.end
        for x in xs:
            for y in ys:
                if end in (x, y) or (not parted and y < x):
                    continue  # before parting, (x, y) and (y, x) are the same pair
                ch = common_char(self.ranges(x), self.ranges(y))
                if ch is not None:
                    yield (min(x, y), max(x, y), parted or x != y), ch

    def refuse_pair(self, came: dict[State, tuple[State | None, int]], last: State) -> None:
        chain: list[State] = []
        at: State | None = last
        text = []
        while at is not None:
            chain.append(at)
            prev, ch = came[at]
            text.append(chr(ch))
            at = prev
        first_parted = next(s for s in reversed(chain) if s[2])
        word = "".join(reversed(text))
        if last[0] == last[1]:
            word += self.complete(last[0] + 1)
        a, b, _ = first_parted
        self.refuse(self.lca([self.p.owners[a], self.p.owners[b]]), word)

    # -- words and places, for messages ----------------------------------------------------

    def reach(self, target: int) -> str:
        """A shortest text that ends by reading the character test ``target``."""
        came: dict[int, tuple[int | None, int]] = {}
        queue: deque[int] = deque()
        for pc in self.p.closure(0):
            if pc != self.p.end and pc not in came:
                came[pc] = (None, 0)
                queue.append(pc)
        while queue:
            pc = queue.popleft()
            if pc == target:
                out = []
                at: int | None = pc
                while at is not None:
                    out.append(chr(common_char(self.ranges(at), self.ranges(at)) or 0))
                    at = came[at][0]
                return "".join(reversed(out))
            for nxt in self.p.closure(pc + 1):
                if nxt != self.p.end and nxt not in came:
                    came[nxt] = (pc, 0)
                    queue.append(nxt)
        return ""

    def complete(self, start: int) -> str:
        """A shortest text that leads from instruction ``start`` to the end."""
        end = self.p.end
        came: dict[int, int | None] = {}
        queue: deque[int] = deque()
        for pc in self.p.closure(start):
            came.setdefault(pc, None)
            queue.append(pc)
        while queue:
            pc = queue.popleft()
            if pc == end:
                out = []
                at = came[pc]
                while at is not None:
                    out.append(chr(common_char(self.ranges(at), self.ranges(at)) or 0))
                    at = came[at]
                return "".join(reversed(out))
            for nxt in self.p.closure(pc + 1):
                if nxt not in came:
                    came[nxt] = pc
                    queue.append(nxt)
        return ""

    def lca(self, nodes: list[Node]) -> tuple[int, int]:
        """Where (start, end) the smallest part of the pattern holding every node stands; in a
        sequence, only the items from the first node to the last."""
        def chain(n: Node) -> list[Node]:
            out = [n]
            while id(out[-1]) in self.parents:
                out.append(self.parents[id(out[-1])])
            return out

        common = chain(nodes[0])
        for n in nodes[1:]:
            ids = {id(x) for x in chain(n)}
            common = [x for x in common if id(x) in ids]
        top = common[0]
        inside = [i for i, item in enumerate(top.items)
                  if any(item.start <= n.start and n.end <= item.end for n in nodes)] if isinstance(top, Seq) else []
        if not isinstance(top, Seq) or not inside:
            return top.start, top.end
        return top.items[min(inside)].start, top.items[max(inside)].end

    def refuse(self, where: tuple[int, int], witness: str) -> None:
        start, stop = where
        raise PatternError(f"'{self.p.text[start:stop]}' can match {shown(witness)} in more than one way",
                           _HINT, start)
