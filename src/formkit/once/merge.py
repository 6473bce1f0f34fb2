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

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from formkit.core import errors
from formkit.core.errors import TemplateError
from formkit.core.source import SourceSpan
from formkit.document.loader import read_document
from formkit.document.schema import modeline
from formkit.document.yamlout import dump_template
from formkit.once.collect import slots_of
from formkit.once.merge_inputs import check_inputs, issue, read_inputs
from formkit.once.merge_plan import Joined, Plan, Renamed
from formkit.once.merge_write import Writer, rel, top_ordered
from formkit.pipeline import load_document

__all__ = ["Joined", "MergeResult", "Renamed", "merge"]


# -- the result ------------------------------------------------------------------------------


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


# -- the entry point -------------------------------------------------------------------------


def merge(paths: Sequence[str | Path], *, id: str, out: str | Path, title: str | None = None,
          owner: str | None = None) -> MergeResult:
    """Merge the templates at ``paths`` into ``out/<id>.yaml`` and write each original into
    ``out`` as a derived template reading it. Raises :class:`~formkit.TemplateError` with every
    located problem (an input that does not check, different levels, periods or pools, names
    that would clash) before anything is written."""
    if len(paths) < 2:
        raise TemplateError([issue(errors.MISSING_KEY, "formkit merge needs two or more templates",
                                    SourceSpan.point("<formkit merge>"), "name each report to merge")])
    out = Path(out)
    srcs = read_inputs(paths)
    check_inputs(srcs, id, out)
    plan = Plan(srcs)
    plan.build()
    plan.dedupe_calcs()
    writer = Writer(plan, id, out, title, owner)
    merged_file = out / f"{id}.yaml"
    # each file opens with the editor's schema line, as every shipped example does
    merged_text = modeline("template", merged_file) + "\n" + dump_template(top_ordered(writer.merged()), writer.header(
        "The one report staff fill: each data item of those reports once (SPEC §8.4)."))
    # The merged template must check before any template is written (an error here is formkit's
    # bug); the folder exists first, as relative paths through it resolve only then.
    out.mkdir(parents=True, exist_ok=True)
    after = load_document(read_document(merged_file, text=merged_text))
    files = {merged_file: merged_text}
    aliases: dict[str, str] = {}
    for s in srcs:
        aliases[s.id] = alias = writer.alias(s)
        files[out / s.file.name] = modeline("template", out / s.file.name) + "\n" + dump_template(
            writer.derived(s, alias), [
            f"Generated by `formkit merge` from {rel(s.file, out)}: the same report, read from",
            f"{id}.yaml (a derived template, SPEC §8.4) instead of typed again.",
            "Run `formkit merge` again rather than editing by hand.", ""])
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    joined = tuple(Joined(e.id, tuple(e.parts)) for e in plan.entries
                   if e.kind in ("table", "grid") and len(e.parts) > 1)
    return MergeResult(id=id, out=out, merged=merged_file, derived=tuple(files)[1:], aliases=aliases,
                       fields_before=plan.fields_before, fields_after=len(slots_of(after)),
                       renamed=tuple(plan.renamed), joined=joined)
