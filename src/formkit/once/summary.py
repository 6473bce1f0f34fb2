"""The catalog and the admission fence as rich text for the terminal (SPEC §8.2–8.3): the default
output of ``formkit catalog`` and ``formkit admit``, readable at 80 columns. Author text is shown as
plain text (``Text``), never parsed as rich markup: a label ``[bold]`` stays ``[bold]``."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from formkit.once.labels import percent, word
from formkit.once.report import Admission, CatalogReport, Problem

TOP = 10  # rows of each list shown; the rest is counted, and --html/--xlsx/--json carry it all


def catalog_summary(report: CatalogReport, lang: str = "zh", console: Console | None = None) -> Group:
    """Totals, the most-asked repeated items, merge candidates, the review list and problems;
    printed to ``console`` when one is given."""
    parts: list[RenderableType] = [_totals(report, lang), *_repeated(report, lang), *_merges(report, lang),
                                   *_review(report, lang), *_problems(report.problems, lang)]
    out = Group(*parts)
    if console is not None:
        console.print(out)
    return out


def _totals(report: CatalogReport, lang: str) -> Text:
    t = report.totals
    figures = [(word("templates", lang), str(t.templates)), (word("fields", lang), str(t.fields)),
               (word("typed", lang), str(t.typed)), (word("prefilled", lang), str(t.prefilled)),
               (word("share_prefilled", lang), percent(t.share_prefilled)),
               (word("yearly_burden", lang), f"{t.yearly_burden:,}")]
    line = Text()
    for k, (name, figure) in enumerate(figures):
        line.append(" · " if k else "")
        line.append(f"{name} ").append(figure, style="bold")
    line.append(f"\n{word('units_from', lang)}: {word(t.units_from, lang)}", style="dim")
    return line


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", title_style="bold", expand=False, show_lines=False)


def _more(total: int, lang: str) -> list[RenderableType]:
    return [Text(word("more", lang).format(n=total - TOP), style="dim")] if total > TOP else []


def _repeated(report: CatalogReport, lang: str) -> list[RenderableType]:
    if not report.repeated:
        return []
    table = _table(word("repeated", lang))
    table.add_column(word("item", lang), overflow="fold")
    table.add_column(word("count", lang), justify="right")
    table.add_column(word("times_per_year", lang), justify="right")
    table.add_column(word("where", lang), overflow="fold")
    top = sorted(report.repeated, key=lambda i: (-i.templates, -i.times_per_year, i.key))[:TOP]
    for item in top:
        places = ", ".join(p.where for p in item.places)
        table.add_row(Text(item.label), str(item.templates), f"{item.times_per_year:,}", Text(places))
    return [table, *_more(len(report.repeated), lang)]


def _merges(report: CatalogReport, lang: str) -> list[RenderableType]:
    if not report.merges:
        return []
    table = _table(word("merges", lang))
    table.add_column(word("templates", lang), overflow="fold")
    table.add_column(f"{word('before', lang)} → {word('after', lang)}", justify="right")
    table.add_column(word("reduction", lang), justify="right")
    for m in sorted(report.merges, key=lambda m: -m.reduction)[:TOP]:
        table.add_row(Text(", ".join(m.templates)), f"{m.fields_before} → {m.fields_after}",
                      f"−{percent(m.reduction)}")
    return [table, *_more(len(report.merges), lang)]


def _review(report: CatalogReport, lang: str) -> list[RenderableType]:
    if not report.review:
        return []
    table = _table(word("review", lang))
    table.add_column(word("template", lang), overflow="fold")
    table.add_column(word("where", lang), overflow="fold")
    table.add_column(word("reasons", lang), overflow="fold")
    for r in report.review[:TOP]:
        table.add_row(Text(r.template), Text(f"{r.file}:{r.line}"), Text(", ".join(r.reasons)))
    return [table, *_more(len(report.review), lang)]


def _problems(problems: list[Problem], lang: str) -> list[RenderableType]:
    """Every problem, never cut: a template that does not check must not go unnoticed."""
    if not problems:
        return []
    lines: list[RenderableType] = [Text(word("problems", lang), style="bold")]
    for p in problems:
        line = Text(f"{p.file}:{p.line}:{p.column} ")
        line.append(p.code, style="red" if p.severity == "error" else "yellow")
        line.append(f" {p.message}")
        if p.hint:
            line.append(f"\n    {word('hint', lang)}: {p.hint}", style="dim")
        lines.append(line)
    return lines


def admission_summary(admission: Admission, lang: str = "zh", console: Console | None = None) -> Group:
    """The verdict, each flagged field with where it is already collected and the change to make,
    and the problems that refuse it outright; printed to ``console`` when one is given."""
    style = {"admit": "green", "admit-with-changes": "yellow", "refuse": "red"}[admission.verdict]
    head = Text(f"{word('verdict', lang)}: ").append(word(admission.verdict, lang), style=f"bold {style}")
    head.append(f"  ({admission.template}, {admission.file}; {word('overlap_share', lang)} "
                f"{percent(admission.overlap)} / {percent(admission.max_overlap)})")
    parts: list[RenderableType] = [head]
    if admission.flagged:
        parts.append(Text(word("flagged", lang), style="bold"))
    for flag in admission.flagged:
        line = Text(f"• {flag.place.where} ").append(flag.place.label, style="bold")
        line.append(f" ({flag.place.field}, {word(flag.kind, lang)})")
        if flag.where:
            line.append(f"\n  {word('already', lang)}: " + ", ".join(f"{p.where} {p.template}.{p.field}"
                                                                   for p in flag.where))
        line.append(f"\n  {word('change', lang)}: {flag.change}")
        parts.append(line)
    parts.extend(_problems(admission.problems, lang))
    out = Group(*parts)
    if console is not None:
        console.print(out)
    return out
