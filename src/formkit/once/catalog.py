"""The catalog, end to end (SPEC §8.2): collect → slots → match → the report's lists."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from formkit.core.connection import Connection
from formkit.core.periods import PER_YEAR
from formkit.document.elements import ElementsModel
from formkit.meaning.template import Template
from formkit.once import match as matching
from formkit.once.collect import Collected, Slot, collect, slots_of
from formkit.once.report import CatalogReport, Group, Stats, TemplateEntry, Totals
from formkit.once.review import review
from formkit.pipeline import load_elements

SIMILAR = 0.85  # SPEC §8.2's default `--similar`


def catalog(paths: Iterable[str | Path], *, elements: str | Path | ElementsModel | None = None,
            db: str | Connection | None = None, similar: float = SIMILAR,
            today: dt.date | None = None) -> CatalogReport:
    """Catalogue every template under ``paths`` (files or folders). ``elements`` is a dictionary
    for templates that name none; ``db`` (a URL or a connection) counts units per level in the
    pool's org table and finds templates without recent submissions. Raises
    :class:`~formkit.TemplateError` only for a broken ``elements`` file: every other problem is
    listed in the report."""
    dictionary = load_elements(elements) if isinstance(elements, str | Path) else elements
    got = collect(paths, elements=dictionary)
    with _database(db) as con:
        units = _units(con, got.templates)
        counts = _recent(con, today or dt.date.today()) if con is not None else None
        return build_report(got, units, similar, today or dt.date.today(), counts,
                            units_from="database" if con is not None else "one per template")


class _database:
    """The connection for ``db``: opened (and closed) here for a URL, lent for a connection."""

    def __init__(self, db: str | Connection | None) -> None:
        self.db = db
        self.opened: Connection | None = None

    def __enter__(self) -> Connection | None:
        if isinstance(self.db, str):
            from formkit.runtime.connect import connect  # drivers load only with --db

            self.opened = connect(self.db)
            return self.opened
        return self.db

    def __exit__(self, *exc: object) -> None:
        if self.opened is not None:
            self.opened.close()


def _units(con: Connection | None, templates: Sequence[Template]) -> dict[str, dict[str, int]]:
    """Units per level of each template's pool file (counted once per pool)."""
    if con is None:
        return {}
    from formkit.once.units import units_per_level

    out: dict[str, dict[str, int]] = {}
    for tpl in templates:
        if tpl.pool is not None and tpl.pool.file not in out:
            out[tpl.pool.file] = units_per_level(con, tpl.pool)
    return out


def _recent(con: Connection, today: dt.date) -> Callable[[Template], int | None]:
    from formkit.once.units import recent_periods, submissions_since

    def count(tpl: Template) -> int | None:
        return submissions_since(con, tpl, recent_periods(tpl.period, today))
    return count


def build_report(got: Collected, units: dict[str, dict[str, int]], similar: float, today: dt.date,
                 recent: Callable[[Template], int | None] | None, *, units_from: Any) -> CatalogReport:
    slots = {t.id: slots_of(t, units.get(t.pool.file) if t.pool is not None else None) for t in got.templates}
    every = [s for t in got.templates for s in slots[t.id]]
    elements = matching.element_table(got.dictionaries.values())
    m = matching.match(every, elements)
    pairs, sim = matching.similar(m, similar)
    items = _template_items(got.templates, slots, m)
    shared = matching.overlaps(items)
    entries = [_entry(t, slots[t.id], units) for t in got.templates]
    return CatalogReport(
        templates=entries, totals=_totals(entries, units_from), by_owner=_groups(entries, lambda e: e.owner or "—"),
        by_level=_groups(entries, lambda e: e.level or "—"), by_period=_groups(entries, lambda e: e.period),
        repeated=matching.repeated(m, elements), similar=pairs, prefillable=matching.prefillable(m, elements),
        merges=matching.merges(items, shared), review=review(got.templates, today, recent), problems=got.problems,
        stats=Stats(fields=len(every), items=len(set(m.item_of)), labels=sim.labels, pairs_compared=sim.pairs_compared,
                    pools=len(got.pools), dictionaries=len(got.dictionaries)),
        overlap=matching.overlap_matrix(items),
    )


def _template_items(templates: Sequence[Template], slots: dict[str, list[Slot]],
                    m: matching.Matched) -> list[matching.TemplateItems]:
    index = {id(s): i for i, s in enumerate(m.slots)}
    return [matching.TemplateItems(t.id, t.level, t.period, len(slots[t.id]),
                                   frozenset(m.item_of[index[id(s)]] for s in slots[t.id])) for t in templates]


def _entry(t: Template, slots: Sequence[Slot], units: dict[str, dict[str, int]]) -> TemplateEntry:
    m = t.model
    n_units = (units.get(t.pool.file, {}) if t.pool is not None else {}).get(m.level or "", 1)
    typed = sum(1 for s in slots if s.typed)
    per_year = PER_YEAR.get(m.period, 1)
    return TemplateEntry(
        id=t.id, title=t.title(), file=m.file, owner=m.owner, level=m.level, period=m.period,
        periods_per_year=per_year, units=n_units, fields=len(slots), typed=typed,
        prefilled=sum(1 for s in slots if s.prefilled), calculated=sum(1 for s in slots if s.kind == "calc"),
        yearly_burden=typed * per_year * n_units, basis=m.basis, valid_until=m.valid_until)


def _totals(entries: Sequence[TemplateEntry], units_from: Any) -> Totals:
    return Totals(templates=len(entries), fields=sum(e.fields for e in entries), typed=sum(e.typed for e in entries),
                  prefilled=sum(e.prefilled for e in entries), calculated=sum(e.calculated for e in entries),
                  yearly_burden=sum(e.yearly_burden for e in entries), units_from=units_from)


def _groups(entries: Sequence[TemplateEntry], key: Callable[[TemplateEntry], str]) -> list[Group]:
    by: dict[str, list[TemplateEntry]] = defaultdict(list)
    for e in entries:
        by[key(e)].append(e)
    out = [Group(k, len(es), sum(e.fields for e in es), sum(e.typed for e in es), sum(e.prefilled for e in es),
                 sum(e.yearly_burden for e in es)) for k, es in by.items()]
    return sorted(out, key=lambda g: (-g.yearly_burden, g.key))
