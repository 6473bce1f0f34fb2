"""Periods: the reporting periods of SPEC §5 (``2026W45``, ``2026-10``, ``2026Q3``, ``2026``,
``once``) as date ranges, and the period before each one.

>>> p = parse_period("2026Q3")
>>> (p.kind, p.start.isoformat(), p.end.isoformat())
('quarterly', '2026-07-01', '2026-09-30')
>>> previous(parse_period("2027W01")).text
'2026W53'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

KINDS = ("weekly", "monthly", "quarterly", "yearly", "once")
EXAMPLES = {
    "weekly": "2026W45",
    "monthly": "2026-10",
    "quarterly": "2026Q3",
    "yearly": "2026",
    "once": "once",
}

# Strict, canonical spellings only: every engine (Python, JS, SQL) must agree on what a period
# string is, so lenient forms ('2026w45', '2026-W45', '2026-1') are refused, not guessed at.
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"([0-9]{4})W([0-9]{2})"), "weekly"),
    (re.compile(r"([0-9]{4})-([0-9]{2})"), "monthly"),
    (re.compile(r"([0-9]{4})Q([0-9])"), "quarterly"),
    (re.compile(r"([0-9]{4})"), "yearly"),
)


class PeriodError(ValueError):
    """A period string that does not parse, does not exist, or does not fit the template."""


@dataclass(frozen=True)
class Period:
    """One reporting period. ``once`` has no dates (``start`` and ``end`` are None)."""

    kind: str
    start: dt.date | None
    end: dt.date | None
    text: str

    def __str__(self) -> str:
        return self.text


def parse_period(text: str, kind: str | None = None) -> Period:
    """Read a period string; with ``kind`` (a template's ``period``) it must be of that kind."""
    if not isinstance(text, str):
        raise PeriodError(f"a period is written as text such as 2026-10, not {text!r}")
    period = _parse(text)
    if kind is not None:
        if kind not in KINDS:
            raise PeriodError(f"'{kind}' is not a kind of period (one of {', '.join(KINDS)})")
        if period.kind != kind:
            raise PeriodError(
                f"the period '{text}' is {period.kind}, but this template is {kind}: write it like {EXAMPLES[kind]}"
            )
    return period


def _parse(text: str) -> Period:
    if text == "once":
        return Period("once", None, None, "once")
    for pattern, kind in _FORMS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        year = int(m.group(1))
        if year < 1:
            raise PeriodError(f"the period '{text}' has no year 0000")
        number = int(m.group(2)) if m.lastindex == 2 else 0
        return _build(kind, year, number, text)
    raise PeriodError(
        f"'{text}' is not a period: write a week 2026W45, a month 2026-10, a quarter 2026Q3, a year 2026, or once"
    )


def _build(kind: str, year: int, number: int, text: str) -> Period:
    if kind == "weekly":
        return _week(year, number, text)
    if kind == "monthly":
        if not 1 <= number <= 12:
            raise PeriodError(f"'{text}' has no month {number:02d}: months are 01 to 12")
        return _months(year, number, 1, "monthly", text)
    if kind == "quarterly":
        if not 1 <= number <= 4:
            raise PeriodError(f"'{text}' has no quarter {number}: quarters are Q1 to Q4")
        return _months(year, 3 * number - 2, 3, "quarterly", text)
    return _months(year, 1, 12, "yearly", text)


def _week(year: int, week: int, text: str) -> Period:
    try:
        start = dt.date.fromisocalendar(year, week, 1)
        end = dt.date.fromisocalendar(year, week, 7)
    except ValueError:
        weeks = dt.date(year, 12, 28).isocalendar()[1]  # 28 December is always in the last week
        raise PeriodError(f"'{text}' does not exist: ISO year {year} has weeks W01 to W{weeks}") from None
    return Period("weekly", start, end, text)


def _months(year: int, first: int, count: int, kind: str, text: str) -> Period:
    start = dt.date(year, first, 1)
    last = first + count - 1
    after = dt.date(year, last + 1, 1) if last < 12 else None  # None: 9999-12 has no next month
    end = after - dt.timedelta(days=1) if after is not None else dt.date(year, 12, 31)
    return Period(kind, start, end, text)


def previous(period: Period) -> Period | None:
    """The period before ``period`` (``prev()`` reads it); None for ``once``, which has none."""
    if period.kind == "once" or period.start is None:
        return None
    if period.start.year == 1 and period.start <= dt.date(1, 1, 7):
        raise PeriodError(f"there is no period before '{period.text}'")
    if period.kind == "weekly":
        # ISO weeks: the week before 2027W01 is 2026W53 (date arithmetic handles long years).
        year, week, _ = (period.start - dt.timedelta(days=7)).isocalendar()
        return parse_period(f"{year:04d}W{week:02d}")
    if period.kind == "monthly":
        day = period.start - dt.timedelta(days=1)
        return parse_period(f"{day.year:04d}-{day.month:02d}")
    if period.kind == "quarterly":
        day = period.start - dt.timedelta(days=1)
        return parse_period(f"{day.year:04d}Q{(day.month + 2) // 3}")
    return parse_period(f"{period.start.year - 1:04d}")


PER_YEAR = {"weekly": 52, "monthly": 12, "quarterly": 4, "yearly": 1, "once": 1}  # a catalog's burden counts


def period_containing(kind: str, day: dt.date) -> Period:
    """The period of ``kind`` (weekly, monthly, quarterly, yearly) that contains ``day``."""
    if kind == "weekly":
        year, week, _ = day.isocalendar()
        return parse_period(f"{year:04d}W{week:02d}")
    if kind == "monthly":
        return parse_period(f"{day.year:04d}-{day.month:02d}")
    if kind == "quarterly":
        return parse_period(f"{day.year:04d}Q{(day.month + 2) // 3}")
    if kind == "yearly":
        return parse_period(f"{day.year:04d}")
    raise ValueError(f"a {kind} template has no periods that contain a day")


def nests(finer: str, coarser: str) -> bool:
    """Whether every period of ``coarser`` is made of whole periods of ``finer`` (a monthly
    report can give a quarterly one; a weekly cannot give a monthly)."""
    order = ("monthly", "quarterly", "yearly")
    if finer == coarser:
        return True
    return finer in order and coarser in order and order.index(finer) < order.index(coarser)
