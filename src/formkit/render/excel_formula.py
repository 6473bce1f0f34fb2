"""Excel lowering: the checked expression AST as Excel formula text, with SPEC §3's meaning.

Excel has no null, computes in binary doubles and compares text without regard to case. The
decisions that keep the language's meaning live here, once (docs/excel.md explains each):

- **null** is an error value inside a formula (``NA()``, or ``#DIV/0!`` from a division by
  zero), so arithmetic, comparisons and functions propagate it by themselves; ``is null`` is
  ``ISERROR``, ``coalesce`` is ``IFERROR``. A cell shows null as empty: every written formula
  ends in ``IFERROR(…,"")`` and every reference to a cell turns an empty cell or ``""`` back
  into ``NA()`` (a *leaf*).
- **three-valued logic**: inside ``and``/``or``/``not``/``in``/``between`` a condition is a
  Kleene number, 1 (true), 0.5 (null) or 0 (false): ``and`` is ``MIN``, ``or`` is ``MAX``,
  ``not`` is ``1-x``. A condition that is null counts as false where SPEC says so.
- **numbers**: ``+ - *`` are rounded to the places their operands can have (so binary noise
  never reaches a comparison: ``0.1 + 0.2 = 0.3``), ``/`` is ``ROUND(a/b,10)`` and a division
  by zero is null; ``ROUND`` rounds half away from zero in Excel and LibreOffice alike.
- **text**: ``=`` is ``EXACT`` (case-sensitive); ordering and ``min``/``max`` of text follow
  Excel's collation, which is not code-point order: such a formula carries a note.

A lowering reads the workbook through :class:`Cells` (where each name lives); aggregates over
a roster ask its :class:`Rows` for ranges and for hidden per-row helper columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from formkit.evaluation.functions import places_of
from formkit.language import ast
from formkit.language.ast import Type

__all__ = ["CALLS", "NOTES", "Cells", "Low", "Lowering", "Multi", "RowCtx", "Rows", "constant", "id_card_valid", "leaf",
           "note_text", "quote"]

MAX_PLACES = 10
YES_WORDS = ("是", "yes")  # besides TRUE; Excel's "=" ignores case, so "Yes" and "YES" count too
MULTI_SEP = "、"

# Notes written on a cell whose formula cannot give the language's exact value in Excel.
NOTES: dict[str, tuple[str, str]] = {
    "text-order": (
        "文字大小比较按 Excel 排序规则（不区分大小写），与按码位比较的结果可能不同",
        "text is ordered by Excel's collation (case-insensitive), not by code point",
    ),
    "text-minmax": (
        "文字的最小/最大值无法用 Excel 公式计算，此处为空",
        "the minimum/maximum of text cannot be computed by an Excel formula; left empty",
    ),
    "len-utf16": (
        "Excel 的 LEN 把基本平面以外的字符（如部分生僻字）计为 2 个字符",
        "Excel's LEN counts a character beyond U+FFFF as two",
    ),
    "multi": (
        "多选值只能用 has() 判断，此处无法在 Excel 中计算",
        "a multichoice value can only be tested with has(); not computed in Excel",
    ),
    "unsupported": (  # written "unsupported:<function>"
        "函数 {name}() 无法在 Excel 中计算，此处为空",
        "{name}() is not supported by Excel; left empty",
    ),
}


def note_text(note: str, lang: str) -> str:
    """The text of a note (``kind`` or ``kind:name``) in ``lang`` (zh, else English)."""
    kind, _, name = note.partition(":")
    zh, en = NOTES[kind]
    return (zh if lang == "zh" else en).format(name=name)


_WEIGHTS = "7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2"
_POSITIONS = ",".join(str(i) for i in range(1, 18))


def quote(text: str) -> str:
    """An Excel text literal (a literal holds at most 255 characters: longer text is joined)."""
    chunks = [text[i : i + 255] for i in range(0, len(text), 255)] or [""]
    parts = ['"' + c.replace('"', '""') + '"' for c in chunks]
    return parts[0] if len(parts) == 1 else "(" + "&".join(parts) + ")"


@dataclass(frozen=True)
class Multi:
    """A multichoice cell: its reference and its choices (keys to labels)."""

    ref: str
    choices: tuple[tuple[str, str], ...]
    keys: str  # ranges on the lists sheet, for keys that are not literals
    labels: str


@dataclass(frozen=True)
class Low:
    """One lowered expression.

    ``kind`` is ``v`` (a value; null is an error value) or ``k`` (a Kleene number 0/0.5/1).
    ``places`` bounds the decimal places of a number when known. A leaf also gives ``raw``, a
    cell whose content is exactly the value when ``null_test`` is false, so that a function
    that reads its argument many times reads the cell, not a copy of the expression.
    """

    text: str
    kind: str = "v"
    places: int | None = None
    atom: bool = True
    raw: str | None = None
    null_test: str | None = None
    multi: Multi | None = None


def constant(v: object) -> Low:
    """A constant of the language (a literal, a grid row parameter)."""
    if v is None:
        return Low("NA()")
    if isinstance(v, bool):
        return Low("TRUE" if v else "FALSE")
    if isinstance(v, int | Decimal):
        d = Decimal(v)
        text = format(d, "f")
        return Low(text if d >= 0 else f"({text})", places=places_of(d))
    if isinstance(v, dt.date):
        return Low(f"DATE({v.year},{v.month},{v.day})")
    return Low(quote(str(v)))


def leaf(ref: str, enc: str, places: int | None = None, lists: tuple[str, str] | None = None,
         choices: Sequence[tuple[str, str]] = ()) -> Low:
    """A reference to a cell holding a value encoded as ``enc``: ``number``, ``date``,
    ``text``, ``choice`` (a label, or a key), ``bool`` (是/否, yes/no or TRUE/FALSE) or
    ``multi`` (labels or keys joined by 、 or commas). Empty cells and blank text are null."""
    if enc in ("number", "date"):
        return Low(f"IF(ISNUMBER({ref}),{ref},NA())", places=places, raw=ref, null_test=f"NOT(ISNUMBER({ref}))")
    blank = f'TRIM({ref}&"")=""'
    if enc == "bool":
        words = ",".join(f"{ref}={quote(w)}" for w in YES_WORDS)
        return Low(f"IF({blank},NA(),OR({ref}=TRUE,{words}))", null_test=blank)
    if enc == "choice" and lists is not None:
        keys, labels = lists
        return Low(f'IF({blank},NA(),IFERROR(INDEX({keys},MATCH({ref},{labels},0)),{ref}&""))', null_test=blank)
    multi = Multi(ref, tuple(choices), *lists) if enc == "multi" and lists is not None else None
    return Low(f'IF({blank},NA(),{ref}&"")', raw=ref, null_test=blank, multi=multi)


class RowCtx(Protocol):
    """One row of a roster, while a helper column is written."""

    cells: Cells
    present: str  # the row's presence flag (1: the row holds data)
    row: int  # the sheet row


class Rows(Protocol):
    """A roster as aggregates need it. Ranges are absolute and qualified for the formula's sheet."""

    def present(self) -> str: ...
    def values(self, column: str) -> str: ...
    def column_type(self, column: str) -> Type: ...
    def column_places(self, column: str) -> int | None: ...
    def helper(self, key: str, per_row: Callable[[RowCtx], str]) -> tuple[str, str]:
        """Add (once per ``key``) a hidden per-row column: (its range as seen from the formula's
        sheet, its column letter on the roster's sheet)."""
        ...


class Cells(Protocol):
    """Where the names of one formula live, seen from the sheet the formula is written on."""

    def leaf(self, node: ast.Name) -> Low: ...
    def rows(self, table: str) -> Rows: ...
    def grid_cells(self, grid: str, col: str) -> list[str]: ...
    def period(self, end: bool) -> str: ...
    def prev(self, node: ast.Prev) -> Low: ...


def _p(low: Low) -> str:
    return low.text if low.atom else f"({low.text})"


@dataclass
class Lowering:
    """Lowers expressions of one formula; ``notes`` collects the reasons it is not exact."""

    cells: Cells
    notes: set[str] = field(default_factory=set)

    # -- entry points ----------------------------------------------------------------------------

    def value(self, node: ast.Expr) -> Low:
        """The expression as a value (null as an error value)."""
        return self.as_v(self.low(node))

    def violated(self, node: ast.Expr) -> str:
        """TRUE when a check is false (a null check is not violated)."""
        low = self.low(node)
        return f"{_p(low)}=0" if low.kind == "k" else f"IFERROR(NOT({low.text}),FALSE)"

    def condition(self, node: ast.Expr) -> str:
        """TRUE or FALSE, never an error: null counts as false (visible, required, when, where)."""
        low = self.low(node)
        return f"{_p(low)}=1" if low.kind == "k" else f"IFERROR({low.text},FALSE)"

    def display(self, node: ast.Expr, typ: Type | None, places: int | None,
                words: tuple[str, str] = ("是", "否")) -> str:
        """A cell's formula body: the value as the cell shows it, empty for null."""
        if typ is Type.MULTI:
            self.notes.add("multi")
        low = self.value(node)
        text = low.text
        if typ is Type.NUMBER:
            p = MAX_PLACES if places is None else places
            text = low.text if low.places is not None and low.places <= p else f"ROUND({low.text},{p})"
        elif typ is Type.BOOLEAN:
            text = f"IF({low.text},{quote(words[0])},{quote(words[1])})"
        return f'IFERROR({text},"")'

    # -- conversions -----------------------------------------------------------------------------

    def as_v(self, low: Low) -> Low:
        if low.kind == "v":
            return low
        return Low(f"CHOOSE({_p(low)}*2+1,FALSE,NA(),TRUE)")

    def as_k(self, low: Low) -> Low:
        if low.kind == "k":
            return low
        return Low(f"IFERROR(IF({low.text},1,0),0.5)", kind="k")

    def low(self, node: ast.Expr) -> Low:
        method: Callable[[ast.Expr], Low] = getattr(self, f"_{type(node).__name__}")
        return method(node)

    def _guarded(self, arg: Low, body: Callable[[str], str]) -> str:
        """``body`` of an argument it reads several times: the cell itself when it is a leaf."""
        if arg.raw is not None and arg.null_test is not None:
            return f"IF({arg.null_test},NA(),{body(arg.raw)})"
        return body(_p(arg))

    # -- nodes -----------------------------------------------------------------------------------

    def _Literal(self, node: ast.Expr) -> Low:
        assert isinstance(node, ast.Literal)
        return constant(node.value)

    def _Name(self, node: ast.Expr) -> Low:
        assert isinstance(node, ast.Name)
        return self.cells.leaf(node)

    def _Prev(self, node: ast.Expr) -> Low:
        assert isinstance(node, ast.Prev)
        return self.cells.prev(node)

    def _Unary(self, node: ast.Expr) -> Low:
        assert isinstance(node, ast.Unary)
        x = self.low(node.operand)
        if node.op == "not":
            return Low(f"1-{_p(x)}", kind="k", atom=False) if x.kind == "k" else Low(f"NOT({x.text})")
        if node.op == "+":
            return x
        return Low(f"-{_p(x)}", places=x.places, atom=False)

    def _Binary(self, node: ast.Expr) -> Low:
        assert isinstance(node, ast.Binary)
        op = node.op
        if op in ("and", "or"):
            parts = [self.as_k(self.low(n)).text for n in _flatten(node, op)]
            return Low(f"{'MIN' if op == 'and' else 'MAX'}({','.join(parts)})", kind="k")
        a, b = self.value(node.left), self.value(node.right)
        if op == "&":
            return Low(f"{_p(a)}&{_p(b)}", atom=False)
        if op in ("+", "-", "*", "/"):
            return _arithmetic(op, a, b)
        return self._compare(op, a, b, _operand_type(node.left, node.right))

    def _compare(self, op: str, a: Low, b: Low, typ: Type | None) -> Low:
        if typ is Type.NULL:
            return Low("NA()")
        if typ is Type.TEXT and op in ("=", "!="):
            same = f"EXACT({a.text},{b.text})"
            return Low(same if op == "=" else f"NOT({same})")
        if typ is Type.TEXT:
            self.notes.add("text-order")
        if typ is Type.MULTI:
            self.notes.add("multi")
        return Low(f"{_p(a)}{'<>' if op == '!=' else op}{_p(b)}", atom=False)

    def _IsNull(self, node: ast.Expr) -> Low:
        assert isinstance(node, ast.IsNull)
        x = self.low(node.operand)
        if x.kind == "k":
            test = f"{_p(x)}=0.5"
        elif x.null_test is not None:
            test = x.null_test
        else:
            test = f"ISERROR({x.text})"
        return Low(f"NOT({test})", atom=True) if node.negated else Low(test, atom=False)

    def _In(self, node: ast.Expr) -> Low:
        assert isinstance(node, ast.In)
        x = self.value(node.operand)
        typ = _operand_type(node.operand, *node.items)
        items = [self.value(i) for i in node.items]
        parts = [self.as_k(self._compare("=", x, i, typ)).text for i in items]
        k = Low(f"MAX({','.join(parts)})", kind="k")
        return Low(f"1-{k.text}", kind="k", atom=False) if node.negated else k

    def _Between(self, node: ast.Expr) -> Low:
        assert isinstance(node, ast.Between)
        typ = _operand_type(node.operand, node.low, node.high)
        x, lo, hi = self.value(node.operand), self.value(node.low), self.value(node.high)
        ge = self.as_k(self._compare(">=", x, lo, typ)).text
        le = self.as_k(self._compare("<=", x, hi, typ)).text
        k = f"MIN({ge},{le})"
        return Low(f"1-{k}", kind="k", atom=False) if node.negated else Low(k, kind="k")

    def _Aggregate(self, node: ast.Expr) -> Low:
        assert isinstance(node, ast.Aggregate)
        ref = node.source.ref
        if isinstance(ref, ast.GridColumnRef):
            return self._grid_aggregate(node, self.cells.grid_cells(ref.grid, ref.col))
        if isinstance(ref, ast.TableRef | ast.TableColumnRef):
            return _RosterAggregate(self, node, ref).low()
        raise ValueError(f"{node.func}({node.source.dotted}) reads the data pool: it is pre-filled, never a formula")

    def _grid_aggregate(self, node: ast.Aggregate, cells: list[str]) -> Low:
        args = _ranges(cells)
        if node.func == "count":
            body = f"COUNT({args})"
        elif node.func in ("sum", "min", "max"):
            body = f"IF(COUNT({args})=0,NA(),{node.func.upper()}({args}))"
        elif node.func == "avg":
            body = f"ROUND(SUM({args})/COUNT({args}),10)"
        else:  # count_distinct: a cell counts when no cell before it holds the same number
            firsts = [f"IF(AND(ISNUMBER({c}){''.join(f',{c}<>{b}' for b in cells[:i])}),1,0)"
                      for i, c in enumerate(cells)]
            body = "+".join(firsts) if firsts else "0"
        empty = "0" if node.func in ("count", "count_distinct") else "NA()"
        if node.where is not None:
            body = f"IF({self.condition(node.where)},{body},{empty})"
        places = 0 if node.func in ("count", "count_distinct") else (MAX_PLACES if node.func == "avg" else None)
        return Low(body, places=places, atom=node.func != "count_distinct" or node.where is not None)

    def _Call(self, node: ast.Expr) -> Low:
        assert isinstance(node, ast.Call)
        lower = CALLS.get(node.name)
        if lower is None:  # as any formula Excel cannot give: an empty cell that says why
            self.notes.add(f"unsupported:{node.name}")
            return Low("NA()", places=0)  # null needs no rounding
        return lower(self, node)

    def values(self, node: ast.Call) -> list[Low]:
        return [self.value(a) for a in node.args]

    def _if(self, node: ast.Call) -> Low:
        c, a, b = node.args
        x, y = self.value(a), self.value(b)
        return Low(f"IF({self.condition(c)},{x.text},{y.text})", places=_max_places(x, y))

    def _coalesce(self, node: ast.Call) -> Low:
        lows = self.values(node)
        text = lows[-1].text
        for low in reversed(lows[:-1]):
            text = f"IFERROR({low.text},{text})"
        return Low(text, places=_max_places(*lows))

    def _period(self, end: bool) -> Low:
        cell = self.cells.period(end)
        return Low(f"IF(ISNUMBER({cell}),{cell},NA())")

    def _extreme(self, name: str, args: list[Low], typ: Type | None) -> Low:
        if typ is not Type.TEXT:
            return Low(f"{name.upper()}({','.join(a.text for a in args)})", places=_max_places(*args))
        self.notes.add("text-order")
        text = args[0].text
        for a in args[1:]:  # collation order: see the note
            op = "<=" if name == "min" else ">="
            text = f"IF(({text}){op}({a.text}),{text},{a.text})"
        return Low(text)

    def _has(self, node: ast.Call) -> Low:
        m, key_node = self.values(node)[0], node.args[1]
        if m.multi is None:
            self.notes.add("multi")
            return Low("NA()")
        multi = m.multi
        norm = (f'"{MULTI_SEP}"&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({multi.ref},"，","{MULTI_SEP}"),'
                f'",","{MULTI_SEP}")," ","")&"{MULTI_SEP}"')

        def found(word: str) -> str:
            return f'ISNUMBER(FIND("{MULTI_SEP}"&{word}&"{MULTI_SEP}",{norm}))'

        if isinstance(key_node, ast.Literal) and isinstance(key_node.value, str):
            key = key_node.value
            label = dict(multi.choices).get(key)
            words = [quote(key)] + ([quote(label.replace(" ", ""))] if label is not None and label != key else [])
            test = ",".join(found(w) for w in words)
            return Low(f'IF(TRIM({multi.ref}&"")="",NA(),OR({test}))')
        k = self.value(key_node)
        label = f"IFERROR(INDEX({multi.labels},MATCH({k.text},{multi.keys},0)),{k.text})"
        return Low(f'IF(OR(TRIM({multi.ref}&"")="",ISERROR({k.text})),NA(),OR({found(k.text)},{found(label)}))')

    def _age(self, args: list[Low]) -> Low:
        end = self.cells.period(True)

        def body(r: str) -> str:
            e = f"YEAR({end})*10000+MONTH({end})*100+DAY({end})"
            return f"IF(ISNUMBER({end}),INT(({e}-(YEAR({r})*10000+MONTH({r})*100+DAY({r})))/10000),NA())"

        return Low(self._guarded(args[0], body), places=0)

    def _len(self, args: list[Low]) -> Low:
        self.notes.add("len-utf16")
        return Low(f"LEN({args[0].text})", places=0)


def id_card_valid(r: str) -> str:
    """TRUE when the text ``r`` is a valid resident ID number (idcard.py's rules), else FALSE."""
    mid = f"MID({r},{{{_POSITIONS}}},1)"
    y, m, d = f"--MID({r},7,4)", f"--MID({r},11,2)", f"--MID({r},13,2)"
    leap = f"OR(MOD({y},400)=0,AND(MOD({y},4)=0,MOD({y},100)<>0))"
    days = f"CHOOSE({m},31,IF({leap},29,28),31,30,31,30,31,31,30,31,30,31)"
    check = f'MID("10X98765432",MOD(SUMPRODUCT(--{mid},{{{_WEIGHTS}}}),11)+1,1)'
    return (
        f'IFERROR(AND(LEN({r})=18,SUMPRODUCT(--ISNUMBER(FIND({mid},"0123456789")))=17,'
        f'{y}>0,{m}>=1,{m}<=12,{d}>=1,{d}<={days},EXACT({check},UPPER(RIGHT({r},1)))),FALSE)'
    )


CallLowering = Callable[[Lowering, ast.Call], Low]


def _on_values(lower: Callable[[Lowering, list[Low]], Low]) -> CallLowering:
    """A function that needs only its arguments' values (lowered first, in order)."""
    return lambda self, node: lower(self, self.values(node))


def _simple(template: str, places: int | None = 0) -> CallLowering:
    def lower(self: Lowering, args: list[Low]) -> Low:
        texts = [a.text for a in args]
        return Low(template.format(*texts, *[_p(a) for a in args]), places=places)

    return _on_values(lower)


def _extreme(name: str) -> CallLowering:
    return lambda self, node: self._extreme(name, self.values(node), node.args[0].type)


def _id_card(body: Callable[[str], str]) -> CallLowering:
    return _on_values(lambda self, args: Low(self._guarded(args[0], body)))


def _id_card_birth(r: str) -> str:
    return f"IF({id_card_valid(r)},DATE(--MID({r},7,4),--MID({r},11,2),--MID({r},13,2)),NA())"


def _id_card_sex(r: str) -> str:
    return f'IF({id_card_valid(r)},IF(MOD(--MID({r},17,1),2)=1,"M","F"),NA())'


def _round(self: Lowering, args: list[Low]) -> Low:
    digits = args[1].text if len(args) > 1 else "0"
    try:
        places: int | None = max(0, int(digits.strip("()")))
    except ValueError:
        places = None
    return Low(f"ROUND({args[0].text},{digits})", places=places)


# every function Excel implements, by name (held to language/functions.py by
# tests/test_function_table.py); one missing here is an empty cell with a note, never a KeyError
CALLS: dict[str, CallLowering] = {
    "if": Lowering._if,
    "coalesce": Lowering._coalesce,
    "round": _on_values(_round),
    "floor": _simple("INT({0})"),
    "ceil": _simple("(-INT(-{1}))"),
    "abs": _on_values(lambda self, args: Low(f"ABS({args[0].text})", places=args[0].places)),
    "min": _extreme("min"),
    "max": _extreme("max"),
    "len": _on_values(Lowering._len),
    "year": _simple("YEAR({0})"),
    "month": _simple("MONTH({0})"),
    "days": _simple("(INT({1})-INT({0}))"),
    "age": _on_values(Lowering._age),
    "period_start": lambda self, node: self._period(end=False),
    "period_end": lambda self, node: self._period(end=True),
    "has": Lowering._has,
    "id_card_valid": _id_card(id_card_valid),
    "id_card_birth": _id_card(_id_card_birth),
    "id_card_sex": _id_card(_id_card_sex),
}


def _arithmetic(op: str, a: Low, b: Low) -> Low:
    """Exact decimals in doubles: a sum or product is rounded to the places it can have."""
    text = f"{_p(a)}{op}{_p(b)}"
    if op == "/":
        return Low(f"ROUND({text},10)", places=MAX_PLACES)
    if a.places is None or b.places is None:
        places = MAX_PLACES
    else:
        places = min(MAX_PLACES, max(a.places, b.places) if op in "+-" else a.places + b.places)
    if places == 0:
        return Low(text, places=0, atom=False)
    return Low(f"ROUND({text},{places})", places=places)


def _flatten(node: ast.Binary, op: str) -> list[ast.Expr]:
    out: list[ast.Expr] = []
    stack: list[ast.Expr] = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, ast.Binary) and cur.op == op:
            stack.extend((cur.right, cur.left))
        else:
            out.append(cur)
    return out


def _operand_type(*nodes: ast.Expr) -> Type | None:
    types = {n.type for n in nodes} - {Type.NULL, None}
    if not types:
        return Type.NULL
    return next(iter(types))


def _max_places(*lows: Low) -> int | None:
    known = [x.places for x in lows]
    return None if any(p is None for p in known) else max((p for p in known if p is not None), default=0)


def _ranges(cells: Sequence[str]) -> str:
    """Cell references as function arguments, contiguous cells of one column as ranges."""
    if not cells:
        return '""'
    groups: list[list[str]] = []
    for c in cells:
        prev = groups[-1][-1] if groups else None
        if prev is not None and _next_in_column(prev, c):
            groups[-1].append(c)
        else:
            groups.append([c])
    return ",".join(g[0] if len(g) == 1 else f"{g[0]}:{g[-1].rpartition('!')[2]}" for g in groups)


def _next_in_column(a: str, b: str) -> bool:
    sheet_a, _, cell_a = a.rpartition("!")
    sheet_b, _, cell_b = b.rpartition("!")
    col_a, row_a = cell_a.rstrip("0123456789"), cell_a[len(cell_a.rstrip("0123456789")) :]
    col_b, row_b = cell_b.rstrip("0123456789"), cell_b[len(cell_b.rstrip("0123456789")) :]
    return sheet_a == sheet_b and col_a == col_b and int(row_b) == int(row_a) + 1


@dataclass
class _RosterAggregate:
    """An aggregate over a roster: plain ranges without ``where``, per-row helper columns with it."""

    lowering: Lowering
    node: ast.Aggregate
    ref: ast.TableRef | ast.TableColumnRef

    def low(self) -> Low:
        rows = self.lowering.cells.rows(self.ref.table)
        node, notes = self.node, self.lowering.notes
        if isinstance(self.ref, ast.TableRef):  # count(t where …): rows
            if node.where is None:
                return Low(f"SUM({rows.present()})", places=0)
            return Low(f"SUM({self._kept(rows)})", places=0)
        column = self.ref.column
        typ = rows.column_type(column)
        values = rows.values(column) if node.where is None else self._filtered(rows, column)
        func = node.func
        if func == "count":
            test = f"ISNUMBER({values})" if typ in (Type.NUMBER, Type.DATE) else f'LEN(TRIM({values}&""))>0'
            return Low(f"SUMPRODUCT(--({test}))", places=0)
        if func == "count_distinct":
            return Low(f"SUM({self._firsts(rows, column, values)})", places=0)
        if typ not in (Type.NUMBER, Type.DATE):
            notes.add("multi" if typ is Type.MULTI else "text-minmax")
            return Low("NA()")
        places = rows.column_places(column)
        if func == "avg":
            return Low(f"ROUND(SUM({values})/COUNT({values}),10)", places=MAX_PLACES)
        return Low(f"IF(COUNT({values})=0,NA(),{func.upper()}({values}))", places=places)

    def _where(self, ctx: RowCtx) -> str:
        assert self.node.where is not None
        return Lowering(ctx.cells, self.lowering.notes).condition(self.node.where)

    def _kept(self, rows: Rows) -> str:
        return rows.helper(f"kept:{id(self.node)}", lambda ctx: f"IF(AND({ctx.present}=1,{self._where(ctx)}),1,0)")[0]

    def _filtered(self, rows: Rows, column: str) -> str:
        """A helper column holding the column's value on the rows kept, empty elsewhere."""

        def per_row(ctx: RowCtx) -> str:
            name = ast.Name(self.node.source.span, (column,))
            name.ref = ast.RowColumnRef(self.ref.table, column)
            name.type = rows.column_type(column)
            value = Lowering(ctx.cells, self.lowering.notes).value(name).text
            return f'IF(AND({ctx.present}=1,{self._where(ctx)}),IFERROR({value},""),"")'

        return rows.helper(f"values:{id(self.node)}", per_row)[0]

    def _firsts(self, rows: Rows, column: str, values: str) -> str:
        """A helper column: 1 on the first row holding each distinct value (compared exactly)."""
        sheet, _, span = values.rpartition("!")
        first = span.split(":")[0]  # $X$5

        def per_row(ctx: RowCtx) -> str:
            col = first.split("$")[1]
            here = f"${col}${ctx.row}"
            above = f"{sheet}!{first}:{here}" if sheet else f"{first}:{here}"
            own = f"{sheet}!{here}" if sheet else here
            return f'IF(LEN(TRIM({own}&""))=0,0,IF(SUMPRODUCT(--EXACT({above}&"",{own}&""))=1,1,0))'

        return rows.helper(f"firsts:{id(self.node)}:{values}", per_row)[0]
