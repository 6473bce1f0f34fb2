"""Merge, step 1: the reports to merge, read once and checked together (``formkit merge``).

Each input is loaded and checked as a template; then what makes a merge impossible is refused
with located errors before anything is planned: different levels, periods or pools
(``derived-mismatch``), different element dictionaries, an input that is itself derived, ids
or output files that clash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.source import SourceSpan
from formkit.document.loader import Document, read_document
from formkit.document.structure import RESERVED
from formkit.meaning.ir import CExpr
from formkit.meaning.template import Template
from formkit.pipeline import load_document

__all__ = ["Source", "check_inputs", "exprs_of", "first_named", "issue", "read_inputs"]


@dataclass
class Source:
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


def read_inputs(paths: Sequence[str | Path]) -> list[Source]:
    issues: list[Issue] = []
    sources: dict[str, str] = {}
    out: list[Source] = []
    for p in paths:
        try:
            doc = read_document(p)
            tpl = load_document(doc)
        except TemplateError as exc:
            issues.extend(exc.issues)
            sources.update(exc.sources)
            continue
        out.append(Source(len(out), doc, tpl, exprs_of(tpl)))
    if issues:
        raise TemplateError(issues, sources)
    return out


def exprs_of(tpl: Template) -> dict[str, CExpr]:
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


def issue(code: errors.ErrorCode, message: str, span: SourceSpan, hint: str | None, path: str = "") -> Issue:
    return Issue(code.code, message, span, path, hint)


def check_inputs(srcs: Sequence[Source], mid: str, out: Path) -> None:
    """Located errors for inputs that cannot be one report, and outputs that would clash."""
    issues: list[Issue] = []
    first = srcs[0]
    cli = SourceSpan.point("<formkit merge>")
    if not mid.isidentifier() or mid.casefold() in RESERVED:
        issues.append(issue(errors.BAD_IDENTIFIER, f"--id '{mid}' is not an identifier", cli,
                             "letters, digits and _, not starting with a digit, e.g. elderly_care_merged"))
    if out.exists() and not out.is_dir():
        issues.append(issue(errors.INVALID_VALUE, f"-o '{out}' is a file, not a folder", cli,
                             "name a folder (it is made when missing)"))
    seen_ids: dict[str, Source] = {}
    seen_names: dict[str, Source] = {f"{mid}.yaml".casefold(): first}
    for s in srcs:
        if s.id.casefold() == mid.casefold() or s.id.casefold() in seen_ids:
            issues.append(issue(errors.DUPLICATE_TEMPLATE, f"the template id '{s.id}' is used twice in this merge",
                                 s.span("id"), "each report merged, and the merged one (--id), needs its own id",
                                 "id"))
        seen_ids[s.id.casefold()] = s
        name = s.file.name.casefold()
        if name in seen_names or (out.resolve() / s.file.name) == s.file:
            issues.append(issue(errors.DUPLICATE_TEMPLATE, f"'{s.file.name}' would be written over in {out}",
                                 s.span("id"), f"write to another folder than the originals', or rename the file "
                                 f"(the merged template is {mid}.yaml)", "id"))
        seen_names[name] = s
    issues.extend(issue(errors.INVALID_VALUE, f"'{s.id}' is a derived template: it reads other reports and asks "
                         "nothing of its own", s.span("from"), "merge the reports it reads from instead (its "
                         "`from:`)", "from") for s in srcs if "from" in s.raw)
    for s in srcs[1:]:
        for key, a, b in (("level", first.tpl.level, s.tpl.level), ("period", first.tpl.period, s.tpl.period)):
            if a != b:
                issues.append(issue(errors.DERIVED_MISMATCH, f"'{s.id}' has {key} '{b}' but '{first.id}' has "
                                     f"{key} '{a}': the merged report has one {key}", s.span(key),
                                     f"merge only reports of one {key}; a report of another {key} can be derived "
                                     "from the merged one afterwards (SPEC §8.4)", key))
        for key, code in (("pool", errors.DERIVED_MISMATCH), ("elements", errors.INVALID_VALUE)):
            a_file, b_file = first_named(srcs, key), s.side_file(key)
            if a_file is not None and b_file is not None and a_file[1] != b_file:
                issues.append(issue(code, f"'{s.id}' has {key} {b_file} but '{a_file[0].id}' has {key} "
                                     f"{a_file[1]}: the merged report reads one {key} file", s.span(key),
                                     f"merge only reports over the same {key} file", key))
    if issues:
        raise TemplateError(issues, {s.doc.file: s.doc.text for s in srcs})


def first_named(srcs: Sequence[Source], key: str) -> tuple[Source, Path] | None:
    for s in srcs:
        f = s.side_file(key)
        if f is not None:
            return s, f
    return None
