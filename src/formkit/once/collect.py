"""Collect: every file under the catalog's paths, read once — templates checked, dictionaries
kept, anything else listed as a problem — and each template's fields as comparable slots.

A template that does not check is never skipped silently: it is listed with its errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.periods import PER_YEAR
from formkit.document.elements import ElementsModel
from formkit.document.files import YAML_SUFFIXES, expand
from formkit.document.loader import read_document
from formkit.document.model import Located, pick_label
from formkit.language import ast
from formkit.meaning.ir import CExpr
from formkit.meaning.template import Template
from formkit.once.normalize import Canon, canonical, canonical_rows, normalize_label, specific
from formkit.once.report import Place, Problem
from formkit.pipeline import load_document, load_elements

SUFFIXES = (*YAML_SUFFIXES, ".xlsx")
TYPE_CLASS = {"integer": "number", "decimal": "number", "text": "text", "id_card": "text", "phone": "text"}


@dataclass
class Slot:
    """One field of one template, with everything the matching rules compare."""

    place: Place
    kind: str  # input | value | calc | derived (read from another template, SPEC §8.4)
    type_class: str
    label_key: str | None  # the normalised label, when it can name an item on its own
    element: str | None  # "dictionary:element" when the field names one
    binding: Canon | None  # the canonical pool expression of its value
    binding_text: str | None  # that expression as written, when another field could copy it
    prefilled: bool  # pool or prev()

    @property
    def typed(self) -> bool:
        return self.kind == "input" or (self.kind == "value" and not self.prefilled)


@dataclass
class Collected:
    templates: list[Template] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dictionaries: dict[str, ElementsModel] = field(default_factory=dict)  # file → dictionary
    pools: set[str] = field(default_factory=set)


def collect(paths: Iterable[str | Path], *, elements: ElementsModel | None = None) -> Collected:
    """Read every file under ``paths``. ``elements`` stands in for templates that name no
    dictionary."""
    files, missing = expand(paths, SUFFIXES)
    got = Collected(problems=[problem_of(i) for i in missing])
    if elements is not None:
        got.dictionaries[_key_of(elements.file)] = elements
    for f in files:
        _read(f, got, elements)
    _unique_ids(got)
    for tpl in got.templates:
        if tpl.elements is not None:
            got.dictionaries.setdefault(_key_of(tpl.elements.file), tpl.elements)
    return got


def _key_of(file: str) -> str:
    """One dictionary, however the paths that name it are spelled."""
    return str(Path(file).resolve())


def _read(f: Path, got: Collected, elements: ElementsModel | None) -> None:
    if f.suffix == ".xlsx":
        _read_workbook(f, got)
        return
    try:
        doc = read_document(f)
        if doc.kind == "pool":
            got.pools.add(str(f))
        elif doc.kind == "elements":
            got.dictionaries[_key_of(str(f))] = load_elements(f)
        else:  # a file that is neither gets the file-kind error from the template path
            named = isinstance(doc.data, dict) and "elements" in doc.data
            got.templates.append(load_document(doc, elements=None if named else elements))
    except TemplateError as exc:
        got.problems.extend(problem_of(i) for i in exc.issues)


def _read_workbook(f: Path, got: Collected) -> None:
    """An Excel report (or an XLSForm), catalogued through the importer (SPEC §12) before anyone writes its
    template; a workbook the importer cannot read is a listed problem."""
    # Loaded on the first workbook: a catalog of YAML files never pays for openpyxl and pypinyin.
    from formkit.imports import import_report  # noqa: PLC0415

    result = import_report(f)  # an XLSForm is read as one
    if result.template is not None:
        got.templates.append(result.template)
        return
    why = "; ".join(f"{x.where}: {x.message} ({x.code})" for x in result.findings if x.severity == "error")
    got.problems.append(Problem(errors.NOT_A_TEMPLATE.code, f"'{f.name}' is an Excel workbook that could not be "
                                f"read as a report: {why or 'no table found'}", str(f), 1, 1,
                                "save it as an unprotected .xlsx with the report on its first sheet, or write its "
                                "template: formkit import FILE --from excel"))


def problem_of(issue: Issue) -> Problem:
    return Problem(issue.code, issue.message, issue.span.file, issue.span.line, issue.span.column, issue.hint,
                   "warning" if issue.severity == "warning" else "error")


def _unique_ids(got: Collected) -> None:
    """One template per id: the highest version stays, every other file is a listed problem."""
    best: dict[str, Template] = {}
    for tpl in got.templates:
        kept = best.setdefault(tpl.id, tpl)
        if kept is not tpl and tpl.version > kept.version:
            best[tpl.id] = tpl
    for tpl in got.templates:
        kept = best[tpl.id]
        if kept is not tpl:
            span = tpl.model.span_of("id")
            got.problems.append(Problem(
                errors.DUPLICATE_TEMPLATE.code,
                f"the template id '{tpl.id}' (version {tpl.version}) is also the id of "
                f"{kept.model.file} (version {kept.version})", span.file, span.line, span.column,
                f"the catalog counts {kept.model.file} only: give each report its own id, or remove "
                "the old copy"))
    got.templates = [t for t in got.templates if best[t.id] is t]


# -- slots --------------------------------------------------------------------------------------


def slots_of(tpl: Template, units: dict[str, int] | None = None) -> list[Slot]:
    """Every field of ``tpl`` the catalog counts: scalar fields, roster columns, and the
    non-total cells of grids (a total is the template's own arithmetic, not an item).
    ``units`` counts the org units per level (1 each when None)."""
    m = tpl.model
    per_year = PER_YEAR.get(m.period, 1) * ((units or {}).get(m.level or "", 1))
    maker = _SlotMaker(tpl, per_year)
    out: list[Slot] = []
    for f in m.fields:
        if f.type == "table":
            out.extend(maker.roster(f.id))
        elif f.type == "grid":
            out.extend(maker.grid(f.id))
        else:
            out.append(maker.scalar(f.id))
    return out


class _SlotMaker:
    def __init__(self, tpl: Template, per_year: int) -> None:
        self.tpl = tpl
        self.per_year = per_year
        self.dictionary = tpl.elements.id if tpl.elements is not None else ""

    def place(self, path: str, label: str, node: Located) -> Place:
        m = self.tpl.model
        return Place(self.tpl.id, path, label, node.span.file, node.span.line, node.span.column, m.owner, m.level,
                     m.period, self.per_year)

    def local(self, ref: ast.Ref) -> Canon:
        return ("local", self.tpl.id, repr(ref))

    def scalar(self, fid: str) -> Slot:
        ir = self.tpl.fields[fid]
        col = ir.model
        label = pick_label(col.label, "zh")
        expr = ir.calc or ir.value
        if _derived(expr):
            return Slot(self.place(fid, label, col), "derived", TYPE_CLASS.get(col.type or "", col.type or ""),
                        None, self.element(col.element), None, None, False)
        binding, text = self.binding(ir.value), None
        if binding is not None and ir.value is not None:
            text = ir.value.src.text
        # A calculation is the form's own arithmetic, not an item anyone is asked: it matches
        # nothing by its label (two 合计率 are two formulas), only by the element it names.
        key = _key(label) if ir.kind != "calc" else None
        return Slot(self.place(fid, label, col), ir.kind, TYPE_CLASS.get(col.type or "", col.type or ""),
                    key, self.element(col.element), binding, text, _prefilled(ir.kind, expr))

    def roster(self, tid: str) -> list[Slot]:
        table = self.tpl.tables[tid]
        rows = canonical_rows(table.rows, self.local) if table.rows is not None else ("typed rows", self.tpl.id, tid)
        scope = rows if table.rows is not None else None
        tlabel = pick_label(table.model.label, "zh")
        out = []
        for cid, ir in table.columns.items():
            col = ir.model
            label = pick_label(col.label, "zh")
            if _derived(ir.calc or ir.value):
                out.append(Slot(self.place(f"{tid}.{cid}", f"{tlabel} · {label}", col), "derived",
                                TYPE_CLASS.get(col.type or "", col.type or ""), None, None, None, None, False))
                continue
            value = self.binding(ir.value)
            binding = ("column", scope, value) if scope is not None and value is not None else None
            key = _key(label)
            label_key = f"{normalize_label(tlabel) if scope is None else repr(scope)}/{key}" if key else None
            out.append(Slot(self.place(f"{tid}.{cid}", f"{tlabel} · {label}", col), ir.kind,
                            TYPE_CLASS.get(col.type or "", col.type or ""), label_key, self.element(col.element),
                            binding, None, _prefilled(ir.kind, ir.calc or ir.value)))
        return out

    def grid(self, gid: str) -> list[Slot]:
        g = self.tpl.grids[gid]
        glabel = pick_label(g.model.label, "zh")
        out = []
        for cell in g.cells.values():
            if cell.kind == "calc" or _derived(cell.expr):  # a total, or the source's own cell
                continue
            label = f"{pick_label(cell.row.label, 'zh')} · {pick_label(cell.col.label, 'zh')}"
            binding = None
            if cell.kind == "value" and cell.expr is not None and cell.expr.node is not None and cell.expr.reads_pool:
                binding = canonical(cell.expr.node, cell.row.params, self.local)
            row_key, col_key = normalize_label(pick_label(cell.row.label, "zh")), normalize_label(
                pick_label(cell.col.label, "zh"))
            key = f"{row_key}·{col_key}" if specific(row_key) or specific(col_key) else None
            t = cell.col.type or "integer"
            out.append(Slot(self.place(f"{gid}.{cell.key}", f"{glabel} · {label}", cell.row), cell.kind,
                            TYPE_CLASS.get(t, t), key, None, binding, None,
                            _prefilled(cell.kind, cell.expr)))
        return out

    def binding(self, value: CExpr | None) -> Canon | None:
        if value is None or value.node is None or not value.reads_pool:
            return None
        return canonical(value.node, local=self.local)

    def element(self, element: str | None) -> str | None:
        return f"{self.dictionary}:{element}" if element is not None and self.dictionary else None


def _key(label: str) -> str | None:
    key = normalize_label(label)
    return key if specific(key) else None


def _derived(expr: CExpr | None) -> bool:
    """Read from another template's submissions (SPEC §8.4): that template's item, asked there.
    Such a slot is neither typed nor pre-filled, matches nothing, and adds no burden."""
    return expr is not None and ast.reads_source(expr.node)


def _prefilled(kind: str, expr: CExpr | None) -> bool:
    return kind == "value" and expr is not None and (expr.reads_pool or bool(expr.prev_of))


def typed_count(slots: Sequence[Slot]) -> int:
    return sum(1 for s in slots if s.typed)
