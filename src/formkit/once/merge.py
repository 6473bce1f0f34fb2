"""Merge: several reports as one template that holds each data item once, and each original
rewritten as a derived template that reads it (SPEC §8.4, ``formkit merge``).

Items are the catalog's (once/match.py): fields naming one element, binding one pool value, or
with one normalised label and compatible types; labels that are only similar stay apart. The
merged template keeps ids and labels, renaming an id only where two different items share it
(``id_<template id>``); calcs, rules and formats are kept with their names rewritten; rosters
over the same pool rows become one roster with the union of their columns. Expressions are
rewritten on their checked trees (each name at its own position in the text): author text is
never evaluated nor templated.
"""

from __future__ import annotations

import copy
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.source import SourceSpan
from formkit.document.loader import Document, path_str, read_document
from formkit.document.model import pick_label
from formkit.document.structure import RESERVED
from formkit.language import ast
from formkit.language.parser import parse_at_origin
from formkit.meaning.ir import CExpr
from formkit.meaning.template import Template
from formkit.once import match as matching
from formkit.once.collect import Slot, slots_of
from formkit.once.normalize import canonical_rows, normalize_label, specific
from formkit.once.yamlout import dump_template
from formkit.pipeline import load_document

__all__ = ["Joined", "MergeResult", "Renamed", "merge"]

_EXPR_KEYS = ("value", "calc", "visible", "required", "min", "max", "check", "when")
# What a derived field keeps of its original: how it looks, never how it was typed.
_INPUT_ONLY = frozenset({"value", "calc", "required", "min", "max", "pattern", "confirm", "mask"})
_TOP_ORDER = ("formkit", "id", "version", "title", "description", "owner", "basis", "authority", "valid_until",
              "pool", "elements", "level", "period", "due", "fields", "rules", "formats")


# -- the result ------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class MergeResult:
    """What ``formkit merge`` wrote, with the field counts before and after (counted as the
    catalog counts: a grid's non-total cells and a roster's columns one each)."""

    id: str
    out: Path
    merged: Path
    derived: tuple[Path, ...]
    aliases: dict[str, str]  # template id → the alias its derived template reads the merged one by
    fields_before: dict[str, int]  # template id → fields
    fields_after: int
    renamed: tuple[Renamed, ...] = ()
    joined: tuple[Joined, ...] = ()

    @property
    def templates(self) -> int:
        return len(self.fields_before)

    @property
    def total_before(self) -> int:
        return sum(self.fields_before.values())

    @property
    def reduction(self) -> float:
        """The share of fields the merge saves (0.29 for 29%)."""
        return 1 - self.fields_after / self.total_before if self.total_before else 0.0

    def summary(self) -> str:
        """``2 templates, 38 fields → 1 template, 25 fields: −34%``."""
        pct = Decimal(self.reduction * 100).quantize(Decimal(1), ROUND_HALF_UP)
        sign = "−" if pct > 0 else ("+" if pct < 0 else "")
        return (f"{self.templates} templates, {self.total_before} fields → 1 template, {self.fields_after} fields: "
                f"{sign}{abs(pct)}%")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "out": str(self.out), "merged": str(self.merged),
            "derived": [str(p) for p in self.derived], "aliases": self.aliases,
            "before": {"templates": self.templates, "fields": self.total_before, "by_template": self.fields_before},
            "after": {"templates": 1, "fields": self.fields_after},
            "reduction": round(self.reduction, 4), "summary": self.summary(),
            "renamed": [{"template": r.template, "kind": r.kind, "from": r.old, "to": r.new} for r in self.renamed],
            "joined": [{"table": j.table, "from": list(j.parts)} for j in self.joined],
        }


# -- reading ---------------------------------------------------------------------------------


@dataclass
class _Source:
    index: int
    doc: Document
    tpl: Template
    exprs: dict[str, CExpr]  # the checked expression of each YAML key, by its path (fields[3].calc)

    @property
    def raw(self) -> dict[str, Any]:
        data: dict[str, Any] = self.doc.data
        return data

    @property
    def id(self) -> str:
        return self.tpl.id

    @property
    def file(self) -> Path:
        return Path(self.doc.file).resolve()

    def side_file(self, key: str) -> Path | None:
        """The pool or element dictionary file the template names, resolved."""
        named = self.raw.get(key)
        return (self.file.parent / str(named)).resolve() if named is not None else None

    def span(self, key: str) -> SourceSpan:
        return self.tpl.model.span_of(key)


def _read(paths: Sequence[str | Path]) -> list[_Source]:
    issues: list[Issue] = []
    sources: dict[str, str] = {}
    out: list[_Source] = []
    for p in paths:
        try:
            doc = read_document(p)
            tpl = load_document(doc)
        except TemplateError as exc:
            issues.extend(exc.issues)
            sources.update(exc.sources)
            continue
        out.append(_Source(len(out), doc, tpl, _exprs_of(tpl)))
    if issues:
        raise TemplateError(issues, sources)
    return out


def _exprs_of(tpl: Template) -> dict[str, CExpr]:
    out: dict[str, CExpr] = {}
    file = tpl.model.file

    def keep(c: CExpr | None) -> None:
        if c is not None and c.node is not None and c.src.span.file == file:
            out.setdefault(c.src.path, c)

    columns = [*tpl.fields.values(), *(c for t in tpl.tables.values() for c in t.columns.values())]
    for col in columns:
        for c in (col.value, col.calc, col.visible, col.required, col.min, col.max):
            keep(c)
    for g in tpl.grids.values():
        for cell in g.cells.values():
            keep(cell.expr)
    for r in tpl.rules:
        keep(r.check)
    for f in tpl.formats:
        keep(f.when)
    return out


def _issue(code: errors.ErrorCode, message: str, span: SourceSpan, hint: str | None, path: str = "") -> Issue:
    return Issue(code.code, message, span, path, hint)


def _check_inputs(srcs: Sequence[_Source], mid: str, out: Path) -> None:
    """Located errors for inputs that cannot be one report, and outputs that would clash."""
    issues: list[Issue] = []
    first = srcs[0]
    cli = SourceSpan.point("<formkit merge>")
    if not mid.isidentifier() or mid.casefold() in RESERVED:
        issues.append(_issue(errors.BAD_IDENTIFIER, f"--id '{mid}' is not an identifier", cli,
                             "letters, digits and _, not starting with a digit, e.g. elderly_care_merged"))
    if out.exists() and not out.is_dir():
        issues.append(_issue(errors.INVALID_VALUE, f"-o '{out}' is a file, not a folder", cli,
                             "name a folder (it is made when missing)"))
    seen_ids: dict[str, _Source] = {}
    seen_names: dict[str, _Source] = {f"{mid}.yaml".casefold(): first}
    for s in srcs:
        if s.id.casefold() == mid.casefold() or s.id.casefold() in seen_ids:
            issues.append(_issue(errors.DUPLICATE_TEMPLATE, f"the template id '{s.id}' is used twice in this merge",
                                 s.span("id"), "each report merged, and the merged one (--id), needs its own id",
                                 "id"))
        seen_ids[s.id.casefold()] = s
        name = s.file.name.casefold()
        if name in seen_names or (out.resolve() / s.file.name) == s.file:
            issues.append(_issue(errors.DUPLICATE_TEMPLATE, f"'{s.file.name}' would be written over in {out}",
                                 s.span("id"), f"write to another folder than the originals', or rename the file "
                                 f"(the merged template is {mid}.yaml)", "id"))
        seen_names[name] = s
    issues.extend(_issue(errors.INVALID_VALUE, f"'{s.id}' is a derived template: it reads other reports and asks "
                         "nothing of its own", s.span("from"), "merge the reports it reads from instead (its "
                         "`from:`)", "from") for s in srcs if "from" in s.raw)
    for s in srcs[1:]:
        for key, a, b in (("level", first.tpl.level, s.tpl.level), ("period", first.tpl.period, s.tpl.period)):
            if a != b:
                issues.append(_issue(errors.DERIVED_MISMATCH, f"'{s.id}' has {key} '{b}' but '{first.id}' has "
                                     f"{key} '{a}': the merged report has one {key}", s.span(key),
                                     f"merge only reports of one {key}; a report of another {key} can be derived "
                                     "from the merged one afterwards (SPEC §8.4)", key))
        for key, code in (("pool", errors.DERIVED_MISMATCH), ("elements", errors.INVALID_VALUE)):
            a_file, b_file = _first_named(srcs, key), s.side_file(key)
            if a_file is not None and b_file is not None and a_file[1] != b_file:
                issues.append(_issue(code, f"'{s.id}' has {key} {b_file} but '{a_file[0].id}' has {key} "
                                     f"{a_file[1]}: the merged report reads one {key} file", s.span(key),
                                     f"merge only reports over the same {key} file", key))
    if issues:
        raise TemplateError(issues, {s.doc.file: s.doc.text for s in srcs})


def _first_named(srcs: Sequence[_Source], key: str) -> tuple[_Source, Path] | None:
    for s in srcs:
        f = s.side_file(key)
        if f is not None:
            return s, f
    return None


# -- the plan: where each field of each original goes ----------------------------------------


@dataclass
class _Col:
    source: int
    path: tuple[str | int, ...]
    data: dict[str, Any]
    id: str
    table: str  # the original's table id


@dataclass
class _Entry:
    """One field of the merged template, with the original it is copied from."""

    source: int
    path: tuple[str | int, ...]
    data: dict[str, Any]
    id: str
    kind: str  # scalar | calc | table | grid
    columns: list[_Col] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # joined rosters: "template.table"
    sources: set[int] = field(default_factory=set)
    col_items: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    extra_cells: dict[str, dict[str, Any]] = field(default_factory=dict)  # cells read from elsewhere


class _Plan:
    def __init__(self, srcs: Sequence[_Source]) -> None:
        self.srcs = srcs
        self.entries: list[_Entry] = []
        self.used: set[str] = set()
        n = len(srcs)
        self.loc: list[dict[str, str]] = [{} for _ in range(n)]  # field id → merged name
        self.cell_loc: list[dict[tuple[str, str, str], str]] = [{} for _ in range(n)]
        self.table_of: list[dict[str, str]] = [{} for _ in range(n)]
        self.grid_of: list[dict[str, str]] = [{} for _ in range(n)]
        self.col_of: list[dict[tuple[str, str], str]] = [{} for _ in range(n)]
        self.item_loc: dict[int, list[str]] = defaultdict(list)
        self.taken: dict[tuple[int, int], int] = defaultdict(int)  # (source, item) → occurrences placed
        self.rows_tables: dict[Any, list[_Entry]] = defaultdict(list)
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

    def scalar(self, s: _Source, k: int, f: dict[str, Any]) -> None:
        fid = str(f["id"])
        if s.tpl.fields[fid].kind == "calc":
            new = self.fresh(fid, s.index, self.used, "field")
            self.entries.append(_Entry(s.index, ("fields", k), copy.deepcopy(f), new, "calc"))
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
        self.entries.append(_Entry(src, ("fields", index), data, new, "scalar"))
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

    def table(self, s: _Source, k: int, f: dict[str, Any]) -> None:
        tid = str(f["id"])
        t = s.tpl.tables[tid]
        entry: _Entry | None = None
        key: Any = canonical_rows(t.rows) if t.rows is not None else None
        if key is None and specific(label := normalize_label(pick_label(t.model.label, "zh"))):
            key = ("typed rows", label)  # the catalog's items too: one roster label, one list
        if key is not None:
            entry = next((e for e in self.rows_tables[key] if s.index not in e.sources), None)
        if entry is None:
            data = {a: copy.deepcopy(b) for a, b in f.items() if a != "columns"}
            entry = _Entry(s.index, ("fields", k), data, self.fresh(tid, s.index, self.used, "table"), "table")
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
            entry.columns.append(_Col(s.index, ("fields", k, "columns", c), copy.deepcopy(col), new, tid))
            if t.columns[cid].kind != "calc":
                entry.col_items[root].append(new)
            self.col_of[s.index][(tid, cid)] = new
        self.dedupe_columns(entry, s, tid)

    def dedupe_columns(self, entry: _Entry, s: _Source, tid: str) -> None:
        """A calc column of this roster with the same formula (over the row alone) as a calc
        column an earlier roster brought to the joined one is that column."""
        t = s.tpl.tables[tid]

        def formula(col: _Col) -> tuple[Any, ...] | None:
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

    def grid(self, s: _Source, k: int, f: dict[str, Any]) -> None:
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
        entry = _Entry(s.index, ("fields", k), copy.deepcopy(f), new, "grid", parts=[f"{s.id}.{gid}"])
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

    def same_grid(self, s: _Source, k: int, gid: str) -> _Entry | None:
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
            seen: dict[tuple[Any, ...], _Entry] = {}
            twice: tuple[_Entry, _Entry] | None = None
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
        for key in _EXPR_KEYS:
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


# -- writing ---------------------------------------------------------------------------------


def _rel(target: Path, out: Path) -> str:
    return Path(os.path.relpath(target, out.resolve())).as_posix()


def _join_labels(labels: Iterable[dict[str, str]], sep: str) -> dict[str, str]:
    labels = list(labels)
    langs = list(dict.fromkeys(lang for lab in labels for lang in lab))
    return {lang: sep.join(dict.fromkeys(pick_label(lab, lang) for lab in labels)) for lang in langs}


def _joined_text(values: Iterable[str | None], sep: str) -> str | None:
    got = list(dict.fromkeys(v for v in values if v))
    return sep.join(got) if got else None


class _Writer:
    def __init__(self, plan: _Plan, mid: str, out: Path, title: str | None, owner: str | None) -> None:
        self.plan = plan
        self.srcs = plan.srcs
        self.mid = mid
        self.out = out
        self.title = title
        self.owner = owner

    def header(self, what: str) -> list[str]:
        files = [f"  {_rel(s.file, self.out)}" for s in self.srcs]
        return ["Generated by `formkit merge` from", *files, what,
                "Run `formkit merge` again rather than editing by hand.", ""]

    # -- the merged template ------------------------------------------------------------------

    def merged(self) -> dict[str, Any]:
        srcs = self.srcs
        models = [s.tpl.model for s in srcs]
        data: dict[str, Any] = {"formkit": 1, "id": self.mid, "version": 1,
                                "title": {"zh": self.title} if self.title else _join_labels(
                                    (m.title for m in models), " + ")}
        meta = {
            "owner": self.owner or _joined_text((m.owner for m in models), " + "),
            "basis": _joined_text((m.basis for m in models), "；"),
            "authority": _joined_text((m.authority for m in models), "；"),
            "valid_until": min((m.valid_until for m in models if m.valid_until), default=None),
            "pool": self.side("pool"), "elements": self.side("elements"),
            "level": srcs[0].tpl.level, "period": srcs[0].tpl.period,
        }
        data.update({k: v for k, v in meta.items() if v is not None})
        dues = [(m.due.after_days, s.raw["due"]) for m, s in zip(models, srcs, strict=True) if m.due is not None]
        if dues:
            data["due"] = copy.deepcopy(min(dues, key=lambda d: d[0])[1])
        data["fields"] = [self.entry(e) for e in self.plan.entries]
        rules, formats = self.rules()
        if rules:
            data["rules"] = rules
        if formats:
            data["formats"] = formats
        return data

    def side(self, key: str) -> str | None:
        named = _first_named(self.srcs, key)
        return _rel(named[1], self.out) if named is not None else None

    def entry(self, e: _Entry) -> dict[str, Any]:
        plan = self.plan
        if e.kind == "table":
            data = {"id": e.id, **{k: v for k, v in plan.rename_keys(e.source, e.path, e.data).items() if k != "id"}}
            data["columns"] = [{**plan.rename_keys(c.source, c.path, c.data), "id": c.id} for c in e.columns]
            return _ordered_like(data, e.data, ("columns",))
        data = plan.rename_keys(e.source, e.path, e.data)
        data["id"] = e.id
        if e.kind == "grid":
            data = self.grid(e, data)
        return data

    def grid(self, e: _Entry, data: dict[str, Any]) -> dict[str, Any]:
        plan = self.plan
        base = e.path
        data["rows"] = [plan.rename_keys(e.source, (*base, "rows", r), row) for r, row in enumerate(e.data["rows"])]
        data["columns"] = [plan.rename_keys(e.source, (*base, "columns", c), col)
                           for c, col in enumerate(e.data["columns"])]
        cells = {str(k): plan.rename_keys(e.source, (*base, "cells", str(k)), v)
                 for k, v in (e.data.get("cells") or {}).items()}
        cells.update(e.extra_cells)
        if cells:
            data["cells"] = cells
        return data

    def rules(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        plan = self.plan
        rules: list[dict[str, Any]] = []
        formats: list[dict[str, Any]] = []
        used: set[str] = set()
        for s in self.srcs:
            for k, r in enumerate(s.raw.get("rules", [])):
                new = self.placed(s.index, plan.rename_keys(s.index, ("rules", k), r))
                if any(_same_rule(new, old) for old in rules):
                    continue
                new["id"] = plan.fresh(str(r["id"]), s.index, used, "rule")
                rules.append(new)
            for k, f in enumerate(s.raw.get("formats", [])):
                new = self.placed(s.index, plan.rename_keys(s.index, ("formats", k), f))
                if new not in formats:
                    formats.append(new)
        return rules, formats

    def placed(self, i: int, data: dict[str, Any]) -> dict[str, Any]:
        table = data.get("table")
        if "fields" in data:
            data["fields"] = [self.plan.place(i, str(n), table) for n in data["fields"]]
        if table is not None:
            data["table"] = self.plan.table_of[i].get(str(table), table)
        return data

    # -- each original, derived --------------------------------------------------------------

    def alias(self, s: _Source) -> str:
        taken = {str(f["id"]).casefold() for f in s.raw["fields"]}
        if s.tpl.pool is not None:
            taken |= {t.casefold() for t in s.tpl.pool.tables}
        for name in ("m", "merged", *(f"m{n}" for n in range(2, 100))):
            if name not in taken and name not in RESERVED:
                return name
        return f"{self.mid}_source"  # pragma: no cover - a hundred taken names

    def derived(self, s: _Source, alias: str) -> dict[str, Any]:
        raw = s.raw
        data: dict[str, Any] = {}
        for key, value in raw.items():
            if key in ("pool", "elements", "level", "period") and "from" not in data:
                data["from"] = {alias: f"{self.mid}.yaml"}
            if key in ("pool", "elements"):
                named = s.side_file(key)
                data[key] = _rel(named, self.out) if named is not None else value
            elif key == "fields":
                data[key] = [self.derived_field(s, alias, f) for f in value]
            else:
                data[key] = copy.deepcopy(value)
        data.setdefault("from", {alias: f"{self.mid}.yaml"})
        return data

    def derived_field(self, s: _Source, alias: str, f: dict[str, Any]) -> dict[str, Any]:
        fid = str(f["id"])
        kind = f.get("type")
        if kind == "table":
            return self.derived_table(s, alias, f)
        if kind == "grid":
            return self.derived_grid(s, alias, f)
        if s.tpl.fields[fid].kind == "calc":
            return copy.deepcopy(f)
        out = {k: copy.deepcopy(v) for k, v in f.items() if k not in _INPUT_ONLY}
        out["value"] = f"{alias}.{self.plan.loc[s.index][fid]}"
        return out

    def derived_table(self, s: _Source, alias: str, f: dict[str, Any]) -> dict[str, Any]:
        tid = str(f["id"])
        t = s.tpl.tables[tid]
        table = self.plan.table_of[s.index][tid]
        out: dict[str, Any] = {}
        for key, value in f.items():
            if key in ("add_rows", "remove_rows"):
                continue
            if key == "rows":
                out[key] = f"{alias}.{table}"
            elif key == "columns":
                cols = []
                for col in value:
                    cid = str(col["id"])
                    if t.columns[cid].kind == "calc":
                        cols.append(copy.deepcopy(col))
                        continue
                    new = {k: copy.deepcopy(v) for k, v in col.items() if k not in _INPUT_ONLY}
                    new["value"] = f"{alias}.{table}.{self.plan.col_of[s.index][(tid, cid)]}"
                    cols.append(new)
                out[key] = cols
            else:
                out[key] = copy.deepcopy(value)
        out.setdefault("rows", f"{alias}.{table}")
        return out

    def derived_grid(self, s: _Source, alias: str, f: dict[str, Any]) -> dict[str, Any]:
        gid = str(f["id"])
        g = s.tpl.grids[gid]
        given = {str(k): v for k, v in (f.get("cells") or {}).items()}
        cells: dict[str, Any] = {}
        for (r, c), cell in g.cells.items():
            key = f"{r}.{c}"
            if cell.kind == "calc":
                if key in given:
                    cells[key] = copy.deepcopy(given[key])
            else:
                cells[key] = {"value": f"{alias}.{self.plan.cell_loc[s.index][(gid, r, c)]}"}
        out: dict[str, Any] = {}
        for key, value in f.items():
            if key in ("rows", "columns"):
                out[key] = [{k: copy.deepcopy(v) for k, v in x.items() if k != "value"} for x in value]
            elif key != "cells":
                out[key] = copy.deepcopy(value)
        if cells:
            out["cells"] = cells
        return out


def _ordered_like(data: dict[str, Any], like: dict[str, Any], last: Sequence[str]) -> dict[str, Any]:
    keys = [k for k in like if k in data and k not in last] + [k for k in data if k not in like and k not in last]
    return {**{k: data[k] for k in keys}, **{k: data[k] for k in last if k in data}}


def _same_rule(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(k) == b.get(k) for k in ("check", "severity", "fields", "message", "table"))


def _top_ordered(data: dict[str, Any]) -> dict[str, Any]:
    order = {k: n for n, k in enumerate(_TOP_ORDER)}
    return dict(sorted(data.items(), key=lambda kv: order.get(kv[0], len(order))))


# -- the entry point -------------------------------------------------------------------------


def merge(paths: Sequence[str | Path], *, id: str, out: str | Path, title: str | None = None,
          owner: str | None = None) -> MergeResult:
    """Merge the templates at ``paths`` into ``out/<id>.yaml`` and write each original into
    ``out`` as a derived template reading it. Raises :class:`~formkit.TemplateError` with every
    located problem (an input that does not check, different levels, periods or pools, names
    that would clash) before anything is written."""
    if len(paths) < 2:
        raise TemplateError([_issue(errors.MISSING_KEY, "formkit merge needs two or more templates",
                                    SourceSpan.point("<formkit merge>"), "name each report to merge")])
    out = Path(out)
    srcs = _read(paths)
    _check_inputs(srcs, id, out)
    plan = _Plan(srcs)
    plan.build()
    plan.dedupe_calcs()
    writer = _Writer(plan, id, out, title, owner)
    merged_file = out / f"{id}.yaml"
    merged_text = dump_template(_top_ordered(writer.merged()), writer.header(
        "The one report staff fill: each data item of those reports once (SPEC §8.4)."))
    # The merged template must check before any template is written (an error here is formkit's
    # bug); the folder exists first, as relative paths through it resolve only then.
    out.mkdir(parents=True, exist_ok=True)
    after = load_document(read_document(merged_file, text=merged_text))
    files = {merged_file: merged_text}
    aliases: dict[str, str] = {}
    for s in srcs:
        aliases[s.id] = alias = writer.alias(s)
        files[out / s.file.name] = dump_template(writer.derived(s, alias), [
            f"Generated by `formkit merge` from {_rel(s.file, out)}: the same report, read from",
            f"{id}.yaml (a derived template, SPEC §8.4) instead of typed again.",
            "Run `formkit merge` again rather than editing by hand.", ""])
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    joined = tuple(Joined(e.id, tuple(e.parts)) for e in plan.entries
                   if e.kind in ("table", "grid") and len(e.parts) > 1)
    return MergeResult(id=id, out=out, merged=merged_file, derived=tuple(files)[1:], aliases=aliases,
                       fields_before=plan.fields_before, fields_after=len(slots_of(after)),
                       renamed=tuple(plan.renamed), joined=joined)
