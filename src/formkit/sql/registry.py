"""The registry of deployed template versions (``fk_templates``) and the checks against it.

Each row is one deployed version: its table, a fingerprint, and a JSON description of its layout
that ``prev()`` and roll-ups read to match fields by id across versions without the old template
file. The description has two parts:

- ``slots``/``children``/``confirm``: each value's column and *language* type (number, text,
  date, boolean, multichoice) — the format every registry row has had from the start;
- ``storage``: each value's *storage* type — its declared kind (``integer``, ``decimal``,
  ``text``, ``id_card``, ``choice``…), its decimal places and its inline choice keys — which
  the language type cannot tell apart (an integer and a decimal are both numbers).

Rows written before ``storage`` existed are read as they are (their fingerprint is the digest of
the first part alone) and migrated when their version is deployed again: a version whose
legacy fingerprint matches gets its row rewritten with the full description.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.memo import per_object
from formkit.evaluation.formchecks import all_specs
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.sql.ddl import (
    build_ddl,
    corrections_ddl,
    ident,
    int_param,
    now_local,
    registry_ddl,
    table,
    timestamp_param,
    timestamp_value,
)
from formkit.sql.expr import param
from formkit.sql.names import REGISTRY, Layout, layout

__all__ = [
    "Deployed",
    "check_deployed",
    "deployed_as_is",
    "deployed_inventory",
    "ensure_schema",
    "existing",
    "fingerprint",
    "has_table",
    "layout_json",
    "legacy_fingerprint",
    "register",
    "registered",
    "registry_json",
    "storage_types",
]


def layout_json(lay: Layout) -> str:
    """The registry's first part (every row has it): each slot's column and language type."""
    return json.dumps(_layout(lay), ensure_ascii=False, sort_keys=True)


def _layout(lay: Layout) -> dict[str, Any]:
    return {
        "table": lay.table,
        "slots": {slot: [c.name, c.type.value] for slot, c in sorted(lay.slots.items())},
        "children": {tid: [ch.table, {cid: [c.name, c.type.value, c.confirm] for cid, c in sorted(ch.columns.items())}]
                     for tid, ch in sorted(lay.children.items())},
        "confirm": sorted(slot for slot, c in lay.slots.items() if c.confirm),
    }


def storage_types(template: Template) -> dict[str, list[Any]]:
    """``{slot: [kind, places, choices]}`` for every stored value (roster columns as
    ``table.column``). Only inline choices are kept: a pool's choice list is the pool's data."""
    out: dict[str, list[Any]] = {}
    models: dict[str, Any] = {fid: f.model for fid, f in template.fields.items()}
    models |= {f"{tid}.{cid}": c.model for tid, t in template.tables.items() for cid, c in t.columns.items()}
    for slot, spec in all_specs(template).items():
        choices = getattr(models.get(slot), "choices", None)
        out[slot] = [spec.kind, spec.places, sorted(choices) if isinstance(choices, dict) else None]
    return dict(sorted(out.items()))


def registry_json(template: Template) -> str:
    """What the registry keeps of a version: the layout and the storage types (made once per
    template: every read asks for the fingerprint)."""
    found: str = per_object(template, ("registry_json",), lambda: json.dumps(
        {**_layout(layout(template)), "storage": storage_types(template)}, ensure_ascii=False, sort_keys=True))
    return found


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def fingerprint(template: Template) -> str:
    """A digest of the field ids, types (language and storage) and columns: a deployed
    version must keep them."""
    found: str = per_object(template, ("fingerprint",), lambda: _digest(registry_json(template)))
    return found


def legacy_fingerprint(template: Template) -> str:
    """The fingerprint registry rows had before storage types were recorded."""
    return _digest(layout_json(layout(template)))


def registered(con: Any, template: Template) -> str | None:
    """The fingerprint this version was deployed with, or None."""
    q = (exp.select(exp.column(ident("fingerprint"))).from_(table(REGISTRY))
         .where(exp.and_(exp.EQ(this=exp.column(ident("template_id")), expression=param("tid", Type.TEXT, con.dialect)),
                         exp.EQ(this=exp.column(ident("version")), expression=int_param("version", con.dialect)))))
    rows = con.query(q, {"tid": template.id, "version": template.version})
    return str(rows[0][0]) if rows else None


def register(con: Any, template: Template, *, stored: str | None) -> None:
    """Record this version (``stored``: the fingerprint it has, None when unregistered):
    insert its row, or rewrite a row of the legacy format; raise ``version-changed`` when it
    was deployed with other fields or types."""
    fp = fingerprint(template)
    if stored == fp:
        return
    if stored is not None and stored != legacy_fingerprint(template):
        raise changed(template)
    d = con.dialect
    values = {"template_id": template.id, "version": template.version, "fingerprint": fp,
              "table_name": layout(template).table, "layout": registry_json(template),
              "deployed_at": timestamp_value(now_local(template), d)}
    if stored is not None:  # a row of the legacy format: the same version, now with its storage types
        where = exp.and_(exp.EQ(this=exp.column(ident("template_id")), expression=param("template_id", Type.TEXT, d)),
                         exp.EQ(this=exp.column(ident("version")), expression=int_param("version", d)))
        sets = [exp.EQ(this=exp.column(ident(n)), expression=param(n, Type.TEXT, d)) for n in ("fingerprint", "layout")]
        con.execute(exp.Update(this=table(REGISTRY), expressions=sets, where=exp.Where(this=where)), values)
        return
    names = ["template_id", "version", "fingerprint", "table_name", "layout", "deployed_at"]
    row = [param("template_id", Type.TEXT, d), int_param("version", d),
           *(param(n, Type.TEXT, d) for n in names[2:5]), timestamp_param("deployed_at", d)]
    con.execute(exp.insert(exp.values([exp.Tuple(expressions=row)]), table(REGISTRY),
                           columns=[ident(n) for n in names]), values)


def changed(template: Template) -> TemplateError:
    return TemplateError([_changed_issue(template)], template.sources)


def _changed_issue(template: Template) -> Issue:
    return Issue(errors.VERSION_CHANGED.code,
                 f"version {template.version} of '{template.id}' was deployed with other fields or types",
                 template.model.span_of("version"), "version",
                 "a deployed version never changes: give the changed template the next version number")


# -- formkit check --db ----------------------------------------------------------------------------


def check_deployed(db: Any, template: Template) -> list[Issue]:
    """Issues against the deployed versions of ``template``: ``version-changed`` when this
    version was deployed with other fields, or for a field whose language type differs from a
    deployed version; ``stored-type-changed`` for one whose storage type differs in a way
    that makes the stored values mean something else (integer → decimal, other decimal
    places, a kind of text that checks differently, choice keys dropped). ``prev()`` and
    roll-ups match fields by id across versions, so an id keeps its meaning. Nothing when
    nothing is deployed."""
    q = (exp.select(exp.column(ident("version")), exp.column(ident("fingerprint")), exp.column(ident("layout")))
         .from_(table(REGISTRY))
         .where(exp.EQ(this=exp.column(ident("template_id")), expression=param("tid", Type.TEXT, db.dialect))))
    if not has_table(db, REGISTRY):  # nothing deployed yet; any other failure must surface
        return []
    rows = db.query(q, {"tid": template.id})
    mine = json.loads(registry_json(template))
    issues: list[Issue] = []
    for version, fp, lay in sorted(rows, key=lambda r: int(r[0])):
        if int(version) == template.version:
            if str(fp) not in (fingerprint(template), legacy_fingerprint(template)):
                issues.append(_changed_issue(template))
            continue
        theirs = json.loads(lay)
        for slot, old_type, new_type in _type_changes(mine, theirs):
            model = _model(template, slot)
            issues.append(Issue(
                errors.VERSION_CHANGED.code,
                f"'{slot}' holds {new_type} values here but {old_type} values in deployed version {version}",
                model.span_of("type"), f"{model.path}.type" if model.path else "",
                "fields are matched by id across versions: keep the type, or give the changed field a new id"))
        for slot, key, message in _storage_changes(mine, theirs, int(version)):
            model = _model(template, slot)
            issues.append(Issue(
                errors.STORED_TYPE_CHANGED.code, message, model.span_of(key),
                f"{model.path}.{key}" if model.path else "",
                "values stored by the deployed version would mean something else: keep the type, or give the "
                "changed field a new id"))
    return issues


def _model(template: Template, slot: str) -> Any:
    """Where a slot is declared: the field, the roster column, or the grid."""
    head, _, rest = slot.partition(".")
    if head in template.tables and rest in template.tables[head].columns:
        return template.tables[head].columns[rest].model
    where = template.fields.get(head) or template.tables.get(head) or template.grids.get(head)
    return where.model if where is not None else template.model


def _type_changes(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    for slot, (_, t) in mine["slots"].items():
        old = theirs.get("slots", {}).get(slot)
        if old is not None and old[1] != t:
            out.append((slot, str(old[1]), str(t)))
    for tid, (_, cols) in mine["children"].items():
        old_cols = (theirs.get("children", {}).get(tid) or [None, {}])[1]
        for cid, spec in cols.items():
            old = old_cols.get(cid)
            if old is not None and old[1] != spec[1]:
                out.append((f"{tid}.{cid}", str(old[1]), str(spec[1])))
    return out


def _language_type(lay: Mapping[str, Any], slot: str) -> str | None:
    if slot in lay.get("slots", {}):
        return str(lay["slots"][slot][1])
    tid, _, cid = slot.partition(".")
    col = ((lay.get("children", {}).get(tid) or [None, {}])[1]).get(cid)
    return str(col[1]) if col is not None else None


def _kind(kind: str, places: int | None) -> str:
    if kind == "decimal":
        return "decimal" if places is None else f"decimal with {places} places"
    return str(kind)


def _storage_changes(mine: Mapping[str, Any], theirs: Mapping[str, Any], version: int
                     ) -> list[tuple[str, str, str]]:
    """(slot, key to point at, message) for each value stored differently. A registry row of
    the legacy format has no storage types: nothing to compare."""
    out = []
    old_storage: Mapping[str, Any] = theirs.get("storage") or {}
    for slot, (kind, places, choices) in mine["storage"].items():
        old = old_storage.get(slot)
        if old is None or _language_type(mine, slot) != _language_type(theirs, slot):
            continue  # new here, or a language type change (reported as version-changed)
        old_kind, old_places, old_choices = old
        if (old_kind, old_places) != (kind, places):
            key = "type" if old_kind != kind else "precision"
            out.append((slot, key, f"'{slot}' is {_kind(kind, places)} here but {_kind(old_kind, old_places)} "
                                   f"in deployed version {version}"))
        elif old_choices and choices is not None and set(old_choices) - set(choices):
            dropped = ", ".join(f"'{c}'" for c in sorted(set(old_choices) - set(choices)))
            out.append((slot, "choices", f"'{slot}' no longer has the choice(s) {dropped} that deployed "
                                         f"version {version} stores"))
    return out


def has_table(db: Any, name: str) -> bool:
    """Does ``name`` exist in the connection's current schema (database on MariaDB)?"""
    if db.dialect == "spark":  # no information_schema in Spark 3.5: its catalog
        return bool(db.table_exists(name))
    column = "name" if db.dialect == "sqlite" else "table_name"
    q = exp.select("1").where(exp.EQ(this=exp.column(column), expression=param("name", Type.TEXT, db.dialect)))
    if db.dialect == "sqlite":
        q = q.from_("sqlite_master").where("type = 'table'")
    else:
        schema = exp.func("DATABASE") if db.dialect == "mysql" else exp.func("CURRENT_SCHEMA")
        q = q.from_("information_schema.tables").where(exp.EQ(this=exp.column("table_schema"), expression=schema))
    return bool(db.query(q, {"name": name}))


# -- deploying a version ---------------------------------------------------------------------------


_DEPLOYED: weakref.WeakKeyDictionary[Any, set[tuple[str, int, str]]] = weakref.WeakKeyDictionary()


def existing(con: Any, template: Template) -> Layout | None:
    """This version's layout when its submission table exists, else None: a read (``fill``,
    send-down, status) creates nothing (SPEC §9). A table once seen is remembered per connection."""
    key = (template.id, template.version, fingerprint(template))
    done = _DEPLOYED.setdefault(con, set())
    lay = layout(template)
    if key in done:
        return lay
    if not has_table(con, lay.table):
        return None
    return ensure_schema(con, template)  # deployed: only checked (version-changed), nothing is new


def deployed_as_is(con: Any, template: Template) -> bool:
    """Whether this version is deployed with these very fields, found by reads alone (no DDL:
    inside a caller's transaction a CREATE, even IF NOT EXISTS, commits it on MariaDB). Once
    true it is remembered, so :func:`ensure_schema` has nothing left to do on this connection."""
    key = (template.id, template.version, fingerprint(template))
    done = _DEPLOYED.setdefault(con, set())
    if key in done:
        return True
    if not has_table(con, REGISTRY) or not has_table(con, layout(template).table):
        return False
    if registered(con, template) != key[2]:
        return False
    done.add(key)
    return True


def ensure_schema(con: Any, template: Template) -> Layout:
    """Create the registry, the submission table, the roster tables of ``template``'s version and
    the corrections table when missing, and register the version .
    Idempotent; remembered per connection. Raises TemplateError ``version-changed`` when this
    version was deployed with other fields."""
    key = (template.id, template.version, fingerprint(template))
    done = _DEPLOYED.setdefault(con, set())
    lay = layout(template)
    if key in done:
        return lay
    with con.transaction():
        con.execute(registry_ddl(con.dialect))
        stored = registered(con, template)
        if stored is not None and stored not in (key[2], legacy_fingerprint(template)):
            raise changed(template)
        for create in build_ddl(template, con.dialect)[1:]:
            con.execute(create)
        con.execute(corrections_ddl(con.dialect))
        register(con, template, stored=stored)
    done.add(key)
    return lay


# -- formkit list --db ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deployed:
    """One deployed template version and how many of its submissions are in each state."""

    template: str
    version: int
    deployed_at: object
    states: dict[str, int]


def deployed_inventory(db: Any) -> list[Deployed]:
    """Every template version deployed in ``db`` (the registry), with its submissions counted by
    state: counts only, no submission's values are read. Empty when nothing is deployed."""
    if not has_table(db, REGISTRY):
        return []
    q = (exp.select(exp.column(ident("template_id")), exp.column(ident("version")), exp.column(ident("table_name")),
                    exp.column(ident("deployed_at")))
         .from_(table(REGISTRY)).order_by(exp.column(ident("template_id")), exp.column(ident("version"))))
    out = []
    for tid, version, tname, at in db.query(q):
        state = exp.column(ident("state"))
        this_version = exp.EQ(this=exp.column(ident("version")), expression=exp.Literal.number(int(version)))
        counts = db.query(exp.select(state, exp.Count(this=exp.Star())).from_(table(str(tname))).where(this_version)
                          .group_by(state))
        out.append(Deployed(str(tid), int(version), at, {str(st): int(n) for st, n in counts}))
    return out
