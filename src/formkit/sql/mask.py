"""Masking: personal data (``pii`` pool columns) leaves the database masked (SPEC §6).

The mask is applied in SQL, on the value a query returns, so the unmasked text never reaches
Python unless the caller passes ``pii=True``. Lengths and positions count code points.

Masks (a pool column's own ``mask`` replaces its kind's default):

- ``id_card`` keeps the first 6 and last 4 characters: ``370602********1234``;
- ``phone`` keeps the first 3 and last 4: ``138****5678``;
- ``name`` keeps the first character, one ``*`` per hidden one: ``张**``;
- ``address`` keeps the text up to and including the first ``社区``, else the first ``居委会``,
  else the first ``村`` (in that order: a community named ``新村社区`` is cut after ``社区``),
  else its first 6 characters, and adds ``****`` whatever the length hidden (so the length of
  the rest is not told): ``示范市芝罘区向阳街道海港路社区****``.
- a text with no more characters than a keep mask keeps is all stars (``李`` → ``*``): a short
  value would otherwise pass unmasked.

Text *derived* from a pii column (any text-typed expression that reads one, in its value or in
an aggregate's ``where``) is masked too. When it reads several, the masks combine to the
stronger of each part (fewest characters kept at each end; an address cut when any is an
address). A template column's ``mask`` combines the same way, so it can only make the mask
stronger. Numbers, dates and booleans derived from a pii column (an age from an ID number) are
computed inside the database and returned as they are.

A *stored* value is masked as it was derived (:func:`stored_masks`): a submission filled with
``pii=True`` holds the unmasked text, and one filled masked holds the masks, so what staff read
back is masked the same way whichever it was. The derivation follows the form as well as the
pool: a field (or roster column) that reads a masked field — directly, through ``prev()`` or
through a roster column's aggregate — is masked with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlglot import exp

from formkit.core.memo import per_object
from formkit.document.model import PoolColumn, PoolModel
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.ir import CExpr
from formkit.meaning.template import Template
from formkit.sql.engines import Dialect
from formkit.sql.numbers import case, fn, num, p

ADDRESS_MARKS = ("社区", "居委会", "村")  # the end of the community part of an address, by priority
ADDRESS_FALLBACK = 6  # characters kept of an address with no mark (about city + district)
ADDRESS_STARS = "****"


@dataclass(frozen=True)
class Mask:
    """Keep ``keep_start`` leading and ``keep_end`` trailing characters, a ``*`` for each hidden
    one; or, for an address, the community part (at most ``keep_start`` characters when set)
    and ``****``."""

    keep_start: int | None
    keep_end: int
    address: bool = False

    def stronger(self, other: Mask) -> Mask:
        starts = [k for k in (self.keep_start, other.keep_start) if k is not None]
        return Mask(min(starts) if starts else None, min(self.keep_end, other.keep_end),
                    self.address or other.address)


DEFAULTS: dict[str, Mask] = {
    "id_card": Mask(6, 4),
    "phone": Mask(3, 4),
    "name": Mask(1, 0),
    "address": Mask(None, 0, address=True),
}


def keep_mask(spec: dict[str, int]) -> Mask:
    """A ``mask: {keep_start, keep_end}`` of a pool file or template (a missing key keeps none)."""
    return Mask(int(spec.get("keep_start", 0)), int(spec.get("keep_end", 0)))


def column_mask(column: PoolColumn) -> Mask | None:
    """The mask of a pool column: its own ``mask``, else its pii kind's; None when not pii."""
    if column.pii is None:
        return None
    if column.mask is not None:
        return keep_mask(column.mask)
    return DEFAULTS.get(column.pii, Mask(0, 0))  # an unknown kind hides everything


def mask_for(node: ast.Expr | None, pool: PoolModel, template_mask: dict[str, int] | None = None) -> Mask | None:
    """The mask of a value computed by ``node``: None unless it is text that reads a pii column."""
    if node is None or node.type is not Type.TEXT:
        return None
    found: Mask | None = keep_mask(template_mask) if template_mask else None
    read_pii = False
    for n in ast.walk(node):
        ref = n.ref if isinstance(n, ast.Name) else None
        if isinstance(ref, ast.PoolColumnRef):
            m = column_mask(pool.tables[ref.table].columns[ref.column])
            if m is not None:
                read_pii = True
                found = m if found is None else found.stronger(m)
    return found if read_pii or template_mask else None


@dataclass(frozen=True)
class StoredMasks:
    """The masks of a template's stored values: scalar fields by id, roster columns by
    ``table.column``, and a roster's record key (by table) when its pool key column is pii."""

    slots: Mapping[str, Mask]
    keys: Mapping[str, Mask]

    def column(self, table: str, column: str) -> Mask | None:
        return self.slots.get(f"{table}.{column}")


def stored_masks(template: Template) -> StoredMasks:
    """The masks of every stored value derived from a pii column (see the module docstring),
    worked out once per template."""
    found: StoredMasks = per_object(template, ("stored_masks",), lambda: _stored_masks(template))
    return found


def typed_mask(kind: str | None, template_mask: dict[str, int] | None) -> Mask | None:
    """The mask of a value staff *type* (SPEC §9): an ``id_card`` or ``phone`` field is masked as
    the pool masks those kinds (a ``mask:`` of its own may only make it stronger); a text field
    only when it has a ``mask:``."""
    if kind in ("id_card", "phone"):
        own = DEFAULTS[kind]
        return own.stronger(keep_mask(template_mask)) if template_mask else own
    return keep_mask(template_mask) if template_mask and kind in (None, "text") else None


def _stored_masks(template: Template) -> StoredMasks:
    pool = template.pool
    sources: dict[str, tuple[CExpr | None, dict[str, int] | None]] = {
        fid: (f.expr, f.model.mask) for fid, f in template.fields.items()}
    sources |= {f"{tid}.{cid}": (c.expr, c.model.mask) for tid, t in template.tables.items()
                for cid, c in t.columns.items()}
    models = {fid: f.model for fid, f in template.fields.items()}
    models |= {f"{tid}.{cid}": c.model for tid, t in template.tables.items() for cid, c in t.columns.items()}
    # what staff type is masked as typed: the seed the derivations below grow from
    slots: dict[str, Mask] = {slot: m for slot, (e, template_mask) in sources.items()
                              if e is None and (m := typed_mask(models[slot].type, template_mask)) is not None}
    changed = True
    while changed:  # masks only grow stronger and are finitely many: a fixed point is reached
        changed = False
        for slot, (e, template_mask) in sources.items():
            if e is None:
                continue  # typed: seeded above
            m = _derived(e.node, pool, template_mask, slots, template.derived_from)
            if m is not None and m != slots.get(slot):
                slots[slot], changed = m, True
    keys = {}
    for tid, t in template.tables.items():
        tbl = pool.tables.get(t.pool_table) if pool is not None and t.pool_table is not None else None
        key = column_mask(tbl.columns[tbl.key]) if tbl is not None and tbl.key in tbl.columns else None
        if key is not None:
            keys[tid] = key
    return StoredMasks(slots, keys)


def _derived(node: ast.Expr | None, pool: PoolModel | None, template_mask: dict[str, int] | None,
             slots: Mapping[str, Mask], sources: Mapping[str, Template] | None = None) -> Mask | None:
    """:func:`mask_for`, made stronger by the masks of the form's slots ``node`` reads (and, in
    a derived template, of the source's stored values it reads: masked as the source masks them)."""
    found = mask_for(node, pool, template_mask) if pool is not None else None
    if found is None and pool is None and template_mask and node is not None and node.type is Type.TEXT:
        found = keep_mask(template_mask)
    if node is None or node.type is not Type.TEXT:
        return found
    for n in ast.walk(node):
        ref = n.ref if isinstance(n, ast.Name) else None
        slot = ref.field if isinstance(ref, ast.FieldRef) else (
            f"{ref.table}.{ref.column}" if isinstance(ref, ast.TableColumnRef | ast.RowColumnRef) else None)
        m = slots.get(slot) if slot is not None else None
        if isinstance(ref, ast.SourceFieldRef | ast.SourceColumnRef) and sources:
            theirs = stored_masks(sources[ref.alias])
            m = theirs.slots.get(ref.slot) if isinstance(ref, ast.SourceFieldRef) else theirs.column(ref.table,
                                                                                                    ref.column)
        if m is not None:
            found = m if found is None else found.stronger(m)
    return found


# -- the same in Python: the reference the SQL is tested against, and for text outside SQL --------


def mask_text(value: str | None, m: Mask) -> str | None:
    """``value`` masked by ``m``, exactly as the SQL does."""
    if value is None:
        return None
    if m.address:
        keep = _address_keep(value)
        if m.keep_start is not None:
            keep = min(keep, m.keep_start)
        return value[:keep] + ADDRESS_STARS
    start = m.keep_start or 0
    if len(value) <= start + m.keep_end:
        return "*" * len(value)
    tail = value[len(value) - m.keep_end:] if m.keep_end else ""
    return value[:start] + "*" * (len(value) - start - m.keep_end) + tail


def _address_keep(value: str) -> int:
    for mark in ADDRESS_MARKS:
        at = value.find(mark)
        if at >= 0:
            return at + len(mark)
    return ADDRESS_FALLBACK if len(value) > ADDRESS_FALLBACK else 0


# -- SQL -------------------------------------------------------------------------------------------


def mask_sql(x: exp.Expression, m: Mask, d: Dialect) -> exp.Expression:
    """``x`` (text) masked by ``m`` in ``d``'s native SQL; null stays null."""
    if m.address:
        return _address_sql(x, m, d)
    start = m.keep_start or 0
    length = _length(x.copy(), d)
    parts: list[exp.Expression] = []
    if start:
        parts.append(fn("SUBSTR", x.copy(), num(1), num(start)))
    parts.append(_stars(exp.Sub(this=length.copy(), expression=num(start + m.keep_end)), d))
    if m.keep_end:
        tail_from = exp.Sub(this=length.copy(), expression=num(m.keep_end - 1))
        parts.append(fn("SUBSTR", x.copy(), tail_from))
    is_null = exp.Is(this=p(x.copy()), expression=exp.Null())
    return case((is_null, exp.Null()),
                (exp.GT(this=length.copy(), expression=num(start + m.keep_end)), _concat(parts, d)),
                default=_stars(length, d))


def _address_sql(x: exp.Expression, m: Mask, d: Dialect) -> exp.Expression:
    whens: list[tuple[exp.Expression, exp.Expression]] = []
    for mark in ADDRESS_MARKS:
        at = _position(x.copy(), mark, d)
        found = exp.GT(this=at, expression=num(0))
        whens.append((found, exp.Add(this=at.copy(), expression=num(len(mark) - 1))))
    longer = exp.GT(this=_length(x.copy(), d), expression=num(ADDRESS_FALLBACK))
    whens.append((longer, num(ADDRESS_FALLBACK)))
    keep: exp.Expression = case(*whens, default=num(0))
    if m.keep_start is not None:
        keep = case((exp.GT(this=keep, expression=num(m.keep_start)), num(m.keep_start)), default=keep.copy())
    return _concat([fn("SUBSTR", x, num(1), keep), exp.Literal.string(ADDRESS_STARS)], d)


def _engine(d: Dialect) -> str:
    return d.sqlglot  # the target's own name: Trino and Spark are emitted with PostgreSQL's lowering


def _length(x: exp.Expression, d: Dialect) -> exp.Expression:
    return fn("CHAR_LENGTH" if _engine(d) == "mysql" else "LENGTH", x)


def _position(x: exp.Expression, needle: str, d: Dialect) -> exp.Expression:
    if _engine(d) in ("sqlite", "mysql", "spark"):
        return fn("INSTR", x, exp.Literal.string(needle))
    return fn("STRPOS", x, exp.Literal.string(needle))


def _stars(n: exp.Expression, d: Dialect) -> exp.Expression:
    """``n`` asterisks (none when ``n`` < 1)."""
    star = exp.Literal.string("*")
    engine = _engine(d)
    if engine == "sqlite":  # no REPEAT: n zero bytes in hex are n '00' pairs
        return fn("REPLACE", fn("HEX", fn("ZEROBLOB", n)), exp.Literal.string("00"), star)
    if engine == "trino":  # Trino's REPEAT builds an array
        return fn("LPAD", exp.Literal.string(""), n, star)
    return fn("REPEAT", star, n)


def _concat(parts: list[exp.Expression], d: Dialect) -> exp.Expression:
    if len(parts) == 1:
        return parts[0]
    if _engine(d) == "mysql":
        return fn("CONCAT", *parts)
    out = parts[0]
    for part in parts[1:]:
        out = exp.DPipe(this=p(out), expression=p(part), safe=False)
    return out
