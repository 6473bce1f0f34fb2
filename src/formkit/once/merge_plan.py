"""Merge, step 2: the plan — where each field of each original goes in the merged template.

Items are the catalog's (once/match.py); the first copy of an item that is pre-filled, then one
naming an element, then the first asked, is kept; ids that clash with another item are renamed
``id_<template id>`` and every expression that names them is rewritten on its checked tree.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from formkit.document.loader import path_str
from formkit.document.model import pick_label
from formkit.document.structure import RESERVED
from formkit.language import ast
from formkit.language.parser import parse_at_origin
from formkit.once import match as matching
from formkit.once.collect import Slot, slots_of
from formkit.once.merge_inputs import Source
from formkit.once.normalize import canonical_rows, normalize_label, specific

__all__ = ["EXPR_KEYS", "Col", "Entry", "Joined", "Plan", "Renamed", "rename"]

EXPR_KEYS = ("value", "calc", "visible", "required", "min", "max", "check", "when")


@dataclass(frozen=True)
class Renamed:
    """An id of an original that the merged template spells differently (it clashed)."""

    template: str
    kind: str  # field | table | grid | column | rule
    old: str
    new: str


@dataclass(frozen=True)
class Joined:
    """A roster of the merged template that joins the rosters of several originals."""

    table: str
    parts: tuple[str, ...]  # "template.table" of each original roster


@dataclass
class Col:
    source: int
    path: tuple[str | int, ...]
    data: dict[str, Any]
    id: str
    table: str  # the original's table id


@dataclass
class Entry:
    """One field of the merged template, with the original it is copied from."""

    source: int
    path: tuple[str | int, ...]
    data: dict[str, Any]
    id: str
    kind: str  # scalar | calc | table | grid
    columns: list[Col] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # joined rosters: "template.table"
    sources: set[int] = field(default_factory=set)
    col_items: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    extra_cells: dict[str, dict[str, Any]] = field(default_factory=dict)  # cells read from elsewhere


class Plan:
    def __init__(self, srcs: Sequence[Source]) -> None:
        self.srcs = srcs
        self.entries: list[Entry] = []
        self.used: set[str] = set()
        n = len(srcs)
        self.loc: list[dict[str, str]] = [{} for _ in range(n)]  # field id → merged name
        self.cell_loc: list[dict[tuple[str, str, str], str]] = [{} for _ in range(n)]
        self.table_of: list[dict[str, str]] = [{} for _ in range(n)]
        self.grid_of: list[dict[str, str]] = [{} for _ in range(n)]
        self.col_of: list[dict[tuple[str, str], str]] = [{} for _ in range(n)]
        self.item_loc: dict[int, list[str]] = defaultdict(list)
        self.taken: dict[tuple[int, int], int] = defaultdict(int)  # (source, item) → occurrences placed
        self.rows_tables: dict[Any, list[Entry]] = defaultdict(list)
        self.renamed: list[Renamed] = []
        slots = {s.index: slots_of(s.tpl) for s in srcs}
        self.fields_before = {srcs[i].id: len(v) for i, v in slots.items()}
        every = [x for i in range(n) for x in slots[i]]
        dictionaries = [s.tpl.elements for s in srcs if s.tpl.elements is not None]
        m = matching.match(every, matching.element_table(dictionaries))
        self.slots: dict[tuple[int, str], Slot] = {}
        self.item: dict[tuple[int, str], int] = {}
        k = 0
        for i in range(n):
            for slot in slots[i]:
                self.slots[(i, slot.place.field)] = slot
                self.item[(i, slot.place.field)] = m.item_of[k]
                k += 1
        self.members: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for key, root in self.item.items():
            self.members[root].append(key)

    # -- ids ------------------------------------------------------------------------------

    def fresh(self, ident: str, src: int, used: set[str], kind: str) -> str:
        new = ident
        if new.casefold() in used or new.casefold() in RESERVED:
            base = f"{ident}_{self.srcs[src].id}"
            new, n = base, 2
            while new.casefold() in used:
                new, n = f"{base}_{n}", n + 1
            self.renamed.append(Renamed(self.srcs[src].id, kind, ident, new))
        used.add(new.casefold())
        return new

    # -- building ---------------------------------------------------------------------------

    def build(self) -> None:
        for s in self.srcs:
            for k, f in enumerate(s.raw["fields"]):
                fid = str(f["id"])
                kind = f.get("type")
                if kind == "table":
                    self.table(s, k, f)
                elif kind == "grid":
                    self.grid(s, k, f)
                elif fid not in self.loc[s.index]:
                    self.scalar(s, k, f)

    def scalar(self, s: Source, k: int, f: dict[str, Any]) -> None:
        fid = str(f["id"])
        if s.tpl.fields[fid].kind == "calc":
            new = self.fresh(fid, s.index, self.used, "field")
            self.entries.append(Entry(s.index, ("fields", k), copy.deepcopy(f), new, "calc"))
            self.loc[s.index][fid] = new
            return
        root = self.item[(s.index, fid)]
        n = self.taken[(s.index, root)]
        if n < len(self.item_loc[root]):
            self.taken[(s.index, root)] += 1
            self.loc[s.index][fid] = self.item_loc[root][n]
            return
        src, at = (s.index, fid) if n else self.chosen(root, s.index, fid)
        self.taken[(s.index, root)] += 1
        if src != s.index:  # a later original's field stands for the item: it is placed now
            self.taken[(src, root)] += 1
        owner = self.srcs[src]
        index = next(j for j, g in enumerate(owner.raw["fields"]) if str(g["id"]) == at)
        data = copy.deepcopy(owner.raw["fields"][index])
        new = self.fresh(at, src, self.used, "field")
        self.widen(data, root, src, at)
        self.entries.append(Entry(src, ("fields", index), data, new, "scalar"))
        self.item_loc[root].append(new)
        self.loc[src][at] = new
        self.loc[s.index][fid] = new

    def chosen(self, root: int, here: int, fid: str) -> tuple[int, str]:
        """The field that stands for an item: a pre-filled one (pool, element or prev()) before a
        typed one, one naming an element before one that does not, else the first asked. Only
        scalar fields stand for one."""
        scalars = [(i, f) for i, f in self.members[root] if "." not in f and self.slots[(i, f)].kind != "calc"]
        free = [(i, f) for i, f in scalars if self.taken[(i, root)] == 0 and f not in self.loc[i]]
        if not free:
            return here, fid
        # Pre-filled first (nobody types it again), then one that names its element (the data
        # standard's name stays), then the first asked.
        return min(free, key=lambda x: (not self.slots[x].prefilled, self.slots[x].element is None))

    def widen(self, data: dict[str, Any], root: int, src: int, fid: str) -> None:
        """A field asked as an integer here and a decimal there holds a decimal; a typed one is
        required if any report requires it and keeps the strictest constant `min` and `max`. An
        item typed in one report and pre-filled in another is pre-filled (as it was, confirmable
        only if it was): every report then gives what its original gives."""
        scalars = [(i, f) for i, f in self.members[root] if "." not in f]
        models = [self.srcs[i].tpl.fields[f] for i, f in scalars]
        mine = self.srcs[src].tpl.fields[fid]
        if "element" not in data and mine.model.type == "integer" and any(m.model.type == "decimal" for m in models):
            data["type"] = "decimal"
            data["precision"] = max(m.model.precision or 0 for m in models)
        if mine.kind != "input":
            return
        if "required" not in data and any(m.model.required is not None and m.model.required.const is True
                                          for m in models):
            data["required"] = True
        for key, strictest in (("min", max), ("max", min)):  # one value answers every report's bound
            bounds = [b.const for m in models if (b := getattr(m.model, key)) is not None and not b.is_expr
                      and isinstance(b.const, int | Decimal) and not isinstance(b.const, bool)]
            if key not in data and bounds:
                data[key] = strictest(bounds)

    def table(self, s: Source, k: int, f: dict[str, Any]) -> None:
        tid = str(f["id"])
        t = s.tpl.tables[tid]
        entry: Entry | None = None
        key: Any = canonical_rows(t.rows) if t.rows is not None else None
        if key is None and specific(label := normalize_label(pick_label(t.model.label, "zh"))):
            key = ("typed rows", label)  # the catalog's items too: one roster label, one list
        if key is not None:
            entry = next((e for e in self.rows_tables[key] if s.index not in e.sources), None)
        if entry is None:
            data = {a: copy.deepcopy(b) for a, b in f.items() if a != "columns"}
            entry = Entry(s.index, ("fields", k), data, self.fresh(tid, s.index, self.used, "table"), "table")
            self.entries.append(entry)
            if key is not None:
                self.rows_tables[key].append(entry)
        entry.sources.add(s.index)
        entry.parts.append(f"{s.id}.{tid}")
        self.table_of[s.index][tid] = entry.id
        used = {c.id.casefold() for c in entry.columns}
        occurrences: dict[int, int] = defaultdict(int)
        for c, col in enumerate(f.get("columns", [])):
            cid = str(col["id"])
            root = self.item[(s.index, f"{tid}.{cid}")]
            n = occurrences[root]
            occurrences[root] += 1
            if t.columns[cid].kind != "calc" and n < len(entry.col_items[root]):
                self.col_of[s.index][(tid, cid)] = entry.col_items[root][n]
                continue
            new = self.fresh(cid, s.index, used, "column")
            entry.columns.append(Col(s.index, ("fields", k, "columns", c), copy.deepcopy(col), new, tid))
            if t.columns[cid].kind != "calc":
                entry.col_items[root].append(new)
            self.col_of[s.index][(tid, cid)] = new
        self.dedupe_columns(entry, s, tid)

    def dedupe_columns(self, entry: Entry, s: Source, tid: str) -> None:
        """A calc column of this roster with the same formula (over the row alone) as a calc
        column an earlier roster brought to the joined one is that column."""
        t = s.tpl.tables[tid]

        def formula(col: Col) -> tuple[Any, ...] | None:
            ir = self.srcs[col.source].tpl.tables[col.table]
            cexpr = ir.columns[str(col.data["id"])].calc
            if cexpr is None or cexpr.deps - {ir.id}:
                return None  # not a calc, or one that reads fields outside its row
            return (self.rename_keys(col.source, col.path, col.data).get("calc"), col.data.get("type"),
                    col.data.get("precision"))

        earlier = {key: c for c in entry.columns if c.source != s.index and (key := formula(c)) is not None}
        for cid, ir in t.columns.items():
            mine = next((c for c in entry.columns if c.source == s.index and c.id == self.col_of[s.index][(tid, cid)]),
                        None)
            if ir.kind != "calc" or mine is None:
                continue
            key = formula(mine)
            if key is not None and key in earlier:
                entry.columns.remove(mine)
                self.col_of[s.index][(tid, cid)] = earlier[key].id
                self.renamed = [r for r in self.renamed if (r.template, r.kind, r.old) != (s.id, "column", cid)]

    def grid(self, s: Source, k: int, f: dict[str, Any]) -> None:
        gid = str(f["id"])
        same = self.same_grid(s, k, gid)
        if same is not None:  # the same grid asked again: read from the one there is
            self.grid_of[s.index][gid] = same.id
            for (r, c), cell in s.tpl.grids[gid].cells.items():
                self.cell_loc[s.index][(gid, r, c)] = f"{same.id}.{r}.{c}"
                if cell.kind != "calc":
                    self.taken[(s.index, self.item[(s.index, f"{gid}.{r}.{c}")])] += 1
            same.parts.append(f"{s.id}.{gid}")
            return
        new = self.fresh(gid, s.index, self.used, "grid")
        entry = Entry(s.index, ("fields", k), copy.deepcopy(f), new, "grid", parts=[f"{s.id}.{gid}"])
        self.entries.append(entry)
        self.grid_of[s.index][gid] = new
        for (r, c), cell in s.tpl.grids[gid].cells.items():
            here = f"{new}.{r}.{c}"
            if cell.kind == "calc":
                self.cell_loc[s.index][(gid, r, c)] = here
                continue
            root = self.item[(s.index, f"{gid}.{r}.{c}")]
            n = self.taken[(s.index, root)]
            self.taken[(s.index, root)] += 1
            if n < len(self.item_loc[root]):  # asked already elsewhere: read from there
                there = self.item_loc[root][n]
                entry.extra_cells[f"{r}.{c}"] = {"calc": there}
                self.cell_loc[s.index][(gid, r, c)] = there
            else:
                self.item_loc[root].append(here)
                self.cell_loc[s.index][(gid, r, c)] = here

    def same_grid(self, s: Source, k: int, gid: str) -> Entry | None:
        """An earlier grid of the merged template that asks every item of this one in the same
        cell, with the same cells and the same totals (over the grid alone)."""
        g = s.tpl.grids[gid]
        target: str | None = None
        for (r, c), cell in g.cells.items():
            if cell.kind == "calc":
                if cell.expr is not None and any(d != gid and not d.startswith(f"{gid}.") for d in cell.expr.deps):
                    return None  # a total that reads other fields: kept apart
                continue
            root = self.item[(s.index, f"{gid}.{r}.{c}")]
            n = self.taken[(s.index, root)]
            if n >= len(self.item_loc[root]):
                return None
            name, _, rest = self.item_loc[root][n].partition(".")
            if rest != f"{r}.{c}" or target not in (None, name):
                return None
            target = name
        entry = next((e for e in self.entries if e.kind == "grid" and e.id == target), None)
        if entry is None:
            return None
        other = self.srcs[entry.source].tpl.grids[str(entry.data["id"])]
        if set(other.cells) != set(g.cells) or any(other.cells[x].kind != g.cells[x].kind for x in g.cells):
            return None
        self.grid_of[s.index][gid] = entry.id  # to compare the totals as they would read
        if self.grid_calcs(entry.source, entry.path, entry.data) != self.grid_calcs(s.index, ("fields", k),
                                                                                    s.raw["fields"][k]):
            return None
        return entry

    def grid_calcs(self, i: int, path: tuple[str | int, ...], data: dict[str, Any]) -> tuple[Any, ...]:
        def calcs(key: str) -> tuple[Any, ...]:
            return tuple((x["id"], self.rename_keys(i, (*path, key, n), x).get("calc"))
                         for n, x in enumerate(data.get(key, [])))
        cells = tuple(sorted((str(key), self.rename_keys(i, (*path, "cells", str(key)), v).get("calc"))
                             for key, v in (data.get("cells") or {}).items()))
        return calcs("rows"), calcs("columns"), cells

    def dedupe_calcs(self) -> None:
        """A calc with the same formula over the same merged names, type and places as an earlier
        one is that one (two reports' 合计 of the same items)."""
        while True:
            seen: dict[tuple[Any, ...], Entry] = {}
            twice: tuple[Entry, Entry] | None = None
            for e in self.entries:
                if e.kind != "calc":
                    continue
                key = (self.rename_keys(e.source, e.path, e.data).get("calc"), e.data.get("type"),
                       e.data.get("precision"), repr(e.data.get("rollup")))
                if key in seen:
                    twice = (e, seen[key])
                    break
                seen[key] = e
            if twice is None:
                return
            e, kept = twice
            self.entries.remove(e)
            old, template = str(e.data["id"]), self.srcs[e.source].id
            self.loc[e.source][old] = kept.id
            self.renamed = [r for r in self.renamed if (r.template, r.kind, r.old) != (template, "field", old)]
            if kept.id != old:
                self.renamed.append(Renamed(template, "field", old, kept.id))

    # -- names in expressions ---------------------------------------------------------------

    def namer(self, i: int) -> Callable[[ast.Name], str | None]:
        loc, table_of, grid_of, col_of = self.loc[i], self.table_of[i], self.grid_of[i], self.col_of[i]

        def new_name(n: ast.Name) -> str | None:
            ref, parts = n.ref, n.parts
            if parts[0] in ("row", "col"):
                return None
            if isinstance(ref, ast.FieldRef):
                return loc.get(ref.field)
            if isinstance(ref, ast.GridCellRef):
                return f"{grid_of[ref.grid]}.{ref.row}.{ref.col}"
            if isinstance(ref, ast.GridColumnRef):
                return f"{grid_of[ref.grid]}.{ref.col}"
            if isinstance(ref, ast.TableRef):
                return table_of[ref.table]
            if isinstance(ref, ast.TableColumnRef | ast.RowColumnRef):
                col = col_of[(ref.table, ref.column)]
                return col if len(parts) == 1 else f"{table_of[ref.table]}.{col}"
            return None
        return new_name

    def rename_keys(self, i: int, path: tuple[str | int, ...], data: dict[str, Any]) -> dict[str, Any]:
        """``data`` (found at ``path`` in original ``i``) with every expression key rewritten."""
        out = dict(data)
        for key in EXPR_KEYS:
            text = data.get(key)
            cexpr = self.srcs[i].exprs.get(path_str((*path, key)))
            if isinstance(text, str) and cexpr is not None and cexpr.node is not None:
                out[key] = rename(text, cexpr.node, self.namer(i))
        return out

    def place(self, i: int, name: str, table: str | None) -> str:
        """A ``fields:`` entry of a rule or format, in the merged template."""
        if table is not None and (table, name) in self.col_of[i]:
            return self.col_of[i][(table, name)]
        parts = name.split(".")
        if len(parts) == 1:
            return self.loc[i].get(name) or self.table_of[i].get(name) or self.grid_of[i].get(name) or name
        if len(parts) == 2 and parts[0] in self.table_of[i]:
            return f"{self.table_of[i][parts[0]]}.{self.col_of[i].get((parts[0], parts[1]), parts[1])}"
        if len(parts) == 3 and parts[0] in self.grid_of[i]:
            return f"{self.grid_of[i][parts[0]]}.{parts[1]}.{parts[2]}"
        return name


def rename(text: str, node: ast.Expr, new_name: Callable[[ast.Name], str | None]) -> str:
    """``text`` with each name of its checked tree ``node`` that ``new_name`` renames replaced
    where it stands (the text is parsed again only for the positions)."""
    fresh = parse_at_origin(text, False)
    if fresh is None:
        return text
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    for a, b in zip(ast.walk(fresh), ast.walk(node), strict=True):
        if isinstance(a, ast.Name) and isinstance(b, ast.Name):
            new = new_name(b)
            if new is not None and new != a.dotted:
                sp = a.span
                edits.append((starts[sp.line - 1] + sp.column - 1, starts[sp.end_line - 1] + sp.end_column - 1, new))
    for begin, end, new in sorted(edits, reverse=True):
        text = text[:begin] + new + text[end:]
    return text
