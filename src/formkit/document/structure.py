"""Structure: checks on the model that need no expression (ids, keys that fit the type, dates…)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from formkit.core import errors
from formkit.core.errors import Collector, suggestion_hint
from formkit.core.pattern import PatternError, compile_pattern
from formkit.document.model import (
    MAX_DUE_DAYS,
    NUMERIC_TYPES,
    Column,
    Field,
    Format,
    Located,
    PoolModel,
    Rule,
    TemplateModel,
    parse_date,
)

KEYWORDS = frozenset({"and", "or", "not", "in", "between", "is", "null", "true", "false", "where", "date"})
RESERVED = KEYWORDS | frozenset({"row", "col", "org", "period", "version", "state"})
TEXT_TYPES = ("text", "id_card", "phone")


def check_structure(model: TemplateModel, pool: PoolModel | None, out: Collector) -> None:
    _ids(((f.id, f) for f in model.fields), "field", out)
    for f in model.fields:
        _field(f, pool, out, is_column=False)
        if f.type == "table":
            _ids(((c.id, c) for c in f.columns), f"column of '{f.id}'", out)
            for c in f.columns:
                _field(c, pool, out, is_column=True)
        elif f.type == "grid":
            _ids(((r.id, r) for r in f.grid_rows), f"row of '{f.id}'", out)
            _ids(((c.id, c) for c in f.grid_columns), f"column of '{f.id}'", out)
    _ids(((r.id, r) for r in model.rules), "rule", out, reserved=False)
    if model.valid_until is not None and parse_date(model.valid_until) is None:
        out.add(errors.BAD_DATE, f"valid_until '{model.valid_until}' is not a real date",
                model.span_of("valid_until"), "valid_until", "write it as YYYY-MM-DD, e.g. 2027-12-31")
    if pool is not None and model.level is not None and model.level not in pool.org.levels:
        out.add(errors.UNKNOWN_VALUE, f"the pool has no org level '{model.level}'", model.span_of("level"), "level",
                suggestion_hint(model.level, pool.org.levels) or f"levels are: {', '.join(pool.org.levels)}")
    _places(model, out)
    _due(model, out)


def _due(model: TemplateModel, out: Collector) -> None:
    """A due date (and a reminder) at most MAX_DUE_DAYS after the period (before the due date):
    dates must stay dates, and the reminder scan over past periods stays short."""
    due = model.due
    if due is None:
        return
    too_far = [("after", due.after_days, "due.after")]
    too_far += [("remind", d, f"due.remind[{i}]") for i, d in enumerate(due.remind_days)]
    for key, days, path in too_far:
        if days > MAX_DUE_DAYS:
            out.add(errors.INVALID_VALUE, f"`{path}` must be at most {MAX_DUE_DAYS} days ({MAX_DUE_DAYS // 7}w)",
                    due.span_of(key), path, "a report is due within days or weeks of its period, e.g. 2d or 1w")


def _ids(items: Iterable[tuple[str, Located]], what: str, out: Collector, *, reserved: bool = True) -> None:
    seen: dict[str, Located] = {}
    for ident, node in items:
        key = ident.casefold()
        if reserved and (key in RESERVED or ident.startswith("_")):
            out.add(errors.RESERVED_ID, f"'{ident}' is a reserved word and cannot be a {what} id", node.span,
                    node.path, f"choose another id, e.g. '{ident}_value'")
        elif key in seen:
            first = seen[key]
            out.add(errors.DUPLICATE_ID, f"the {what} id '{ident}' is used twice", node.span, node.path,
                    f"the first one is at line {first.span.line}; ids must be unique (case-insensitively)")
        else:
            seen[key] = node


def _field(f: Column, pool: PoolModel | None, out: Collector, *, is_column: bool) -> None:
    where = f.path
    if f.value is not None and f.calc is not None:
        out.add(errors.CONFLICTING_SOURCES, f"'{f.id}' has both 'value' and 'calc'", f.calc.span, where,
                "a field is either pre-filled (value) or calculated (calc), not both")
    kind = f.type
    if f.confirm and f.value is None:
        _misplaced(f, "confirm", "only a pre-filled field (with 'value') can be confirmed", out)
    if f.precision is not None and kind not in ("decimal", None):
        _misplaced(f, "precision", "only decimal fields have decimal places", out)
    if f.pattern is not None:
        if kind not in (*TEXT_TYPES, None):
            _misplaced(f, "pattern", "only text fields have a pattern", out)
        else:
            _pattern(f, out)
    for key in ("min", "max"):
        if getattr(f, key) is not None and kind not in (*NUMERIC_TYPES, "date", None):
            _misplaced(f, key, "only numbers and dates have a minimum or maximum", out)
    _min_max(f, out)
    _choices(f, pool, out)
    if kind in ("table", "grid") and is_column:
        out.add(errors.UNKNOWN_VALUE, f"a table column cannot itself be a {kind}", f.span, where, None)
    if kind == "table" and isinstance(f, Field) and not f.columns:
        out.add(errors.MISSING_KEY, f"the table '{f.id}' has no columns", f.span, where,
                "add 'columns:' with at least one column")


def _misplaced(f: Column, key: str, why: str, out: Collector) -> None:
    node = getattr(f, key)
    span = node.span if isinstance(node, Located) else f.span_of(key)
    out.add(errors.MISPLACED_KEY, f"'{key}' does not apply to the {f.type} field '{f.id}'", span,
            f"{f.path}.{key}", why)


def _pattern(f: Column, out: Collector) -> None:
    """The pattern is in formkit's subset and reads every text one way (formkit.core.pattern): it is
    compiled here, once, for every check after."""
    assert f.pattern is not None
    try:
        compile_pattern(f.pattern)
    except PatternError as exc:
        out.add(errors.BAD_PATTERN, f"the pattern of '{f.id}' is not accepted: {exc.message} "
                f"(at character {exc.at + 1})", f.span_of("pattern"), f"{f.path}.pattern", exc.hint)


def _min_max(f: Column, out: Collector) -> None:
    lo, hi = f.min, f.max
    if lo is None or hi is None or lo.is_expr or hi.is_expr:
        return
    if _is_number(lo.const) and _is_number(hi.const) and lo.const > hi.const:  # type: ignore[operator]
        out.add(errors.BAD_MINMAX, f"'{f.id}' has min {lo.const} greater than max {hi.const}", lo.span,
                f"{f.path}.min", "swap them, or correct one of them")


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _choices(f: Column, pool: PoolModel | None, out: Collector) -> None:
    kind = f.type
    if kind in ("choice", "multichoice") and f.choices is None:
        out.add(errors.MISSING_KEY, f"the {kind} field '{f.id}' has no 'choices'", f.span, f.path,
                "add choices: {key: label, …} or choices: table.column")
        return
    if f.choices is None:
        return
    if kind not in ("choice", "multichoice", None):
        _misplaced(f, "choices", "only choice and multichoice fields have choices", out)
        return
    if isinstance(f.choices, str):
        table, _, column = f.choices.partition(".")
        col = pool.tables[table].columns.get(column) if pool is not None and table in pool.tables else None
        if col is None or col.type != "choice" or not col.choices:
            out.add(errors.BAD_CHOICES, f"'{f.choices}' is not a choice column of the pool", f.span_of("choices"),
                    f"{f.path}.choices", "name a pool column of type choice, e.g. person.sex")


def _places(model: TemplateModel, out: Collector) -> None:
    """``fields:`` of rules and formats, and their ``table:``, must name real places."""
    scalars = {f.id for f in model.fields if f.type not in ("table", "grid")}
    tables = {f.id: {c.id for c in f.columns} for f in model.fields if f.type == "table"}
    grids = {f.id: ({r.id for r in f.grid_rows}, {c.id for c in f.grid_columns})
             for f in model.fields if f.type == "grid"}
    places = set(scalars) | set(tables) | set(grids)
    places |= {f"{t}.{c}" for t, cols in tables.items() for c in cols}
    places |= {f"{g}.{r}.{c}" for g, (rows, cols) in grids.items() for r in rows for c in cols}
    items: list[Rule | Format] = [*model.rules, *model.formats]
    for item in items:
        if item.table is not None and item.table not in tables:
            out.add(errors.UNKNOWN_NAME, f"'{item.table}' is not a table field", item.span, f"{item.path}.table",
                    suggestion_hint(item.table, tables))
        for i, name in enumerate(item.fields):
            if name not in places and not (item.table in tables and name in tables[item.table]):
                out.add(errors.UNKNOWN_NAME, f"unknown field '{name}'", item.span_of("fields"),
                        f"{item.path}.fields[{i}]", suggestion_hint(name, places))


def check_pool(pool: PoolModel, out: Collector) -> None:
    """A pool's keys and org columns must be its own columns; choice columns need choices; its
    time zone must be one Python knows (every date and time of the workflow is read in it)."""
    _timezone(pool, out)
    for table in pool.tables.values():
        for role, column in (("key", table.key), ("org", table.org)):
            if column not in table.columns:
                out.add(errors.UNKNOWN_NAME, f"the {role} column '{column}' is not a column of '{table.name}'",
                        table.span_of(role), f"{table.path}.{role}", suggestion_hint(column, table.columns))
        for col in table.columns.values():
            if col.type == "choice" and not col.choices:
                out.add(errors.MISSING_KEY, f"the choice column '{col.name}' has no 'choices'", col.span,
                        col.path, "add choices: {key: label, …}")
            if col.mask is not None and col.pii is None:
                out.add(errors.BAD_MASK, f"'{col.name}' has a mask but is not marked pii", col.span, col.path,
                        "add pii: name|id_card|phone|address, or remove the mask")


def _timezone(pool: PoolModel, out: Collector) -> None:
    try:
        ZoneInfo(pool.timezone)
        return
    except (ZoneInfoNotFoundError, ValueError, OSError):  # ValueError: not a key ("../x") or not a zone file
        pass
    known = sorted(available_timezones())
    out.add(errors.UNKNOWN_VALUE, f"unknown time zone '{pool.timezone}'", pool.span_of("timezone"), "timezone",
            suggestion_hint(pool.timezone, known) or "write an IANA time zone name, e.g. Asia/Shanghai")
