"""Physical names: the tables and columns that hold a template version's submissions.

Template, field, table-column and grid-cell ids may be long or non-ASCII (``走访次数``); the
database sees stable ASCII names that formkit maps back, and users never see them (SPEC §2.2).

- A plain id (``[a-z][a-z0-9_]*``, no ``__``, not too long, not a system column) is its own
  column name: ``received``. Any other id becomes an ASCII slug plus 8 hex digits of the SHA-256
  of the id: ``走访次数`` → ``c_1b7e2f0a``, ``Opening`` → ``opening_9d3f…``. The same id always
  gets the same name, whatever else the template holds.
- ``__`` separates the parts of compound names and never occurs inside a part (slugs collapse
  underscores), so the kinds cannot collide: a grid cell is ``grid__row__col``, a confirmable
  field's original value and source are ``field__orig`` and ``field__src``.
- Every name fits PostgreSQL's 63 bytes (and MariaDB's 64 characters).

>>> column_name("received"), column_name("走访次数")
('received', 'c_eaa896ad')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from formkit.language.ast import Type
from formkit.meaning.template import Template

MAX_NAME = 63  # PostgreSQL truncates identifiers at 63 bytes; MariaDB allows 64 characters
PREFIX = "fk_"  # formkit's own tables; pool tables are the platform's and never start so
REGISTRY = "fk_templates"
CORRECTIONS = "fk_corrections"  # who corrected which pre-filled value, and when
ORG_STATE = "fk_org_state"  # the fingerprint of the org table each org closure was built from
_PLAIN = re.compile(r"[a-z][a-z0-9_]*\Z")
_PLAIN_MAX = 40  # longer plain ids are shortened (with a hash) so compound names still fit

# Columns of every submission table (ids `org`, `period`, `version`, `state` are reserved,
# so a field never has them; the others are hashed when a field happens to be named so).
SUBMISSION_COLUMNS = (
    "submission_id", "org", "period", "version", "state", "revision", "digest",
    "created_at", "created_by", "updated_at", "updated_by", "pool_as_of",
)
ROW_COLUMNS = ("submission_id", "row_no", "row_key")  # every child (roster) table


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def slug(text: str) -> str:
    """ASCII letters, digits and single underscores; accents dropped, other scripts removed."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"_+", "_", re.sub(r"[^a-z0-9]+", "_", folded)).strip("_")


def part(ident: str, *, taken: tuple[str, ...] = (), limit: int = _PLAIN_MAX) -> str:
    """One name part for ``ident``: the id itself when plain, else a slug plus a hash."""
    if _PLAIN.match(ident) and "__" not in ident and not ident.endswith("_") and len(ident) <= limit \
            and ident not in taken:
        return ident
    stem = slug(ident)[: limit - 9]
    if not stem or not stem[0].isalpha():
        stem = ("c_" + stem)[: limit - 9].rstrip("_") or "c"
    return f"{stem}_{_hash(ident)}"


def column_name(field_id: str) -> str:
    """The column of a scalar field (or of a roster column, in its child table)."""
    return part(field_id, taken=SUBMISSION_COLUMNS + ROW_COLUMNS)


def cell_name(grid: str, row: str, col: str) -> str:
    """The column of one grid cell: ``grid__row__col`` (hashed as a whole when too long)."""
    name = "__".join(part(x, limit=19) for x in (grid, row, col))
    if len(name) <= MAX_NAME:
        return name
    return f"cell__{_hash(f'{grid}.{row}.{col}')}__x"  # still three parts: never a field name


def table_name(template_id: str, version: int) -> str:
    """The submission table of one template version: ``fk_labor_archive_stock_v3``."""
    return f"{PREFIX}{part(template_id, limit=40)}_v{version}"


def child_table_name(template_id: str, version: int, table_id: str) -> str:
    """The rows of one roster (``table`` field): ``fk_ledger_v2__severe``."""
    return f"{table_name(template_id, version)}__{part(table_id, limit=MAX_NAME - 52)}"


# -- a template version's layout -------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    """One stored value: its column, its language type, and its field kind (spec key)."""

    name: str
    type: Type
    slot: str  # field id, `grid.row.col`, or a roster column id
    confirm: bool = False

    @property
    def orig(self) -> str:
        return f"{self.name}__orig"

    @property
    def src(self) -> str:
        return f"{self.name}__src"


@dataclass(frozen=True)
class Child:
    """The child table of one roster field."""

    table: str
    columns: dict[str, Col] = field(default_factory=dict)  # by column id


@dataclass(frozen=True)
class Layout:
    """Where every value of one template version is stored."""

    table: str
    fields: dict[str, Col]  # scalar field id -> column
    cells: dict[str, Col]  # "grid.row.col" -> column
    children: dict[str, Child]  # table field id -> child table

    @property
    def slots(self) -> dict[str, Col]:
        """Scalar fields and grid cells together (what a submission row holds)."""
        return {**self.fields, **self.cells}


def layout(template: Template) -> Layout:
    """The physical layout of ``template``'s version. Raises ValueError on the (astronomically
    unlikely) event that two hashed names collide, rather than store two values in one column."""
    fields = {fid: Col(column_name(fid), f.type, fid, bool(f.model.confirm) and f.kind == "value")
              for fid, f in template.fields.items()}
    cells = {f"{gid}.{r}.{c}": Col(cell_name(gid, r, c), Type.NUMBER, f"{gid}.{r}.{c}")
             for gid, g in template.grids.items() for (r, c) in g.cells}
    children = {}
    for tid, t in template.tables.items():
        cols = {cid: Col(column_name(cid), c.type, cid, bool(c.model.confirm) and c.kind == "value")
                for cid, c in t.columns.items()}
        _unique([*ROW_COLUMNS, *(n for c in cols.values() for n in _names(c))], tid)
        children[tid] = Child(child_table_name(template.id, template.version, tid), cols)
    out = Layout(table_name(template.id, template.version), fields, cells, children)
    _unique([*SUBMISSION_COLUMNS, *(n for c in out.slots.values() for n in _names(c))], template.id)
    _unique([out.table, *(c.table for c in children.values())], template.id)
    return out


def _names(c: Col) -> list[str]:
    return [c.name, c.orig, c.src] if c.confirm else [c.name]


def _unique(names: list[str], where: str) -> None:
    seen: set[str] = set()
    for n in names:
        if n.lower() in seen:  # MariaDB column names are case-insensitive
            raise ValueError(f"two values of '{where}' map to the column {n!r}; rename one of them")
        seen.add(n.lower())


def org_closure_name(org_table: str) -> str:
    """``fk_org__<org table>``: the org closure of one org table (two pools may share one)."""
    return f"{PREFIX}org__{part(org_table.lower())}"
