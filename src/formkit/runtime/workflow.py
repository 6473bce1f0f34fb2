"""Workflow: fill, save, submit, return, approve and roll up a template's submissions (SPEC §6).

Every function takes the template first; :class:`formkit.api.Template` makes them the methods
``tpl.fill(db, org=…, period=…)``, ``tpl.submit(db, form, user=…)`` and so on.

- **fill** reads the pool (one pre-fill statement, the roster rows), last period's values for
  ``prev()`` and the stored submission, if any, and evaluates the form;
- **submit** re-validates on the server with the same evaluator (``store.write_submission``),
  after refusing a form whose pre-filled values the pool (or last period) no longer gives; the
  write is atomic and idempotent on the submission id, and refused as stale when the stored
  revision is not the one the form was filled from (checked in the UPDATE itself);
- **return_**/**approve** move a submitted submission to ``returned`` (with notes on fields or
  cells) or ``approved`` (locked) with an UPDATE that checks the revision and the state;
- every transition and every ``pii=True`` read (fill, send-down, roll-up, corrections) is
  recorded in the audit table, the transitions in the same transaction as the change.

States: draft → submitted → returned → submitted → approved. A draft may be saved again and a
submitted one re-submitted (changed) until it is reviewed; nothing is written once approved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlglot import exp

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.periods import previous
from formkit.evaluation import functions as fn
from formkit.evaluation.formchecks import all_specs
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.runtime import audit, masked, store
from formkit.runtime.actor import Actor, enter, review, user_of
from formkit.runtime.connect import TransactionLost
from formkit.runtime.form import NEW_ROW, Form, confirmable, pool_row, prev_targets, shown_value, slot_type
from formkit.runtime.record import invalid, stale
from formkit.sql import closure, derived, derived_reads, registry
from formkit.sql import org as orgs
from formkit.sql.ddl import ident, int_param, table, zone
from formkit.sql.engines import decode, render
from formkit.sql.expr import param
from formkit.sql.mask import StoredMasks, mask_text, stored_masks
from formkit.sql.names import layout
from formkit.sql.prefill import period_values, prefill, prefill_all
from formkit.sql.registry import deployed_as_is, ensure_schema, existing
from formkit.sql.rollup import rollup as rollup_units
from formkit.sql.rows import build_rows, roster_columns, roster_rows, roster_tables

__all__ = ["BEFORE_COMMIT", "approve", "audit_log", "check_deployed", "corrections", "deploy", "fill", "fill_all",
           "return_", "rollup", "roster_rows_by_unit", "save_draft", "submission_states", "submit"]

#: Called inside a transition's transaction, after every row is written and before the commit,
#: with the connection and the event (tests use it to kill the process at the worst moment).
BEFORE_COMMIT: list[Callable[[Any, Mapping[str, Any]], None]] = []


def deploy(con: Any, template: Template, *, actor: Actor | None = None) -> None:
    """The submission tables, the registry entry and the audit table (outside any transaction:
    DDL commits on MariaDB). A concurrent deployment that won a race is simply seen. With an
    ``actor``, only an ``admin`` may deploy (for their own unit's tree)."""
    if actor is not None:
        enter(con, template, actor, "deploy", actor.org)
    if template.derived:  # a derived report stores nothing: its source's tables are what it reads
        for source in template.derived_from.values():
            deploy(con, source)
        return
    if getattr(con, "in_transaction", False) and deployed_as_is(con, template) and audit.present(con):
        return  # inside the caller's transaction, and nothing to create: no DDL (it commits on MariaDB)
    try:
        ensure_schema(con, template)
    except TemplateError:
        raise
    except Exception:  # another process created the tables or the registry row first
        ensure_schema(con, template)
    audit.ensure_audit(con)
    if template.pool is not None:  # the org table changed since the closure was built: rebuilt now
        closure.refresh(con, template.pool)


def _now(template: Template) -> dt.datetime:
    return dt.datetime.now(zone(template)).replace(microsecond=0)


# -- filling ---------------------------------------------------------------------------------------


def fill(template: Template, db: Any, org: str, period: str, *, pii: bool = False,
         user: str | None = None, actor: Actor | None = None) -> Form:
    """The form of ``org`` for ``period``: pre-filled from the pool, ``prev()`` from last period,
    and the stored submission's typed values, feedback, revision and state when there is one
    (with the reviewer's notes when it was returned) — personal data masked in all three unless
    ``pii``."""
    template.period_of(period)
    org, user = enter(db, template, actor, "fill", org, period=period, pii=pii), user_of(actor, user)
    if template.derived:  # a derived report (SPEC §8.4): read from its source, creating nothing
        form = _fill_derived(template, db, org, period, pii=pii)
        if pii:
            audit.record(db, template, action="read_pii", user=user, org=org, period=period,
                         detail={"what": "fill"})
        return form
    pre = prefill(db, template, org, period, pii=pii)  # checks the org unit and its level
    as_of = _now(template).isoformat()
    rows = {tid: roster_rows(db, template, tid, org, period, pii=pii) for tid in roster_tables(template)}
    prev = store.prev_values(db, template, org, period, pii=pii) if template.reads_prev else {}
    stored = store.read_submission(db, template, org=org, period=period, pii=pii)
    form = _build(template, db, org, period, (pre, rows, prev), stored=stored, as_of=as_of, pii=pii)
    if template.pool is not None:  # 填报单位 is the unit's name (prefill has checked the unit)
        form.org_name = orgs.org_unit(db, template.pool, org, template=template).name
    if pii:  # the one write of a fill: an unmasked read is audited
        audit.ensure_audit(db)
        audit.record(db, template, action="read_pii", user=user, org=org, period=period,
                     submission=form.submission, detail={"what": "fill"})
    return form


def fill_all(template: Template, db: Any, org: str, period: str, *, pii: bool = False,
             user: str | None = None, actor: Actor | None = None) -> list[Form]:
    """Send the template down: the form of every unit at its level under ``org``, pre-filled by
    one statement, and one per roster (``prev()`` and stored submissions are read for the units
    that have them)."""
    template.period_of(period)
    org, user = enter(db, template, actor, "fill_all", org, period=period, pii=pii), user_of(actor, user)
    if template.derived:
        forms = _fill_all_derived(template, db, org, period, pii=pii)
        if pii:
            audit.record(db, template, action="read_pii", user=user, org=org, period=period,
                         detail={"what": "fill_all", "units": len(forms)})
        return forms
    pres = prefill_all(db, template, org, period, pii=pii)
    as_of = _now(template).isoformat()
    states = submission_states(db, template, org, period)
    by_unit = {tid: roster_rows_by_unit(db, template, tid, org, period, pii=pii) for tid in roster_tables(template)}
    before = previous(template.period_of(period))
    # prev() of every unit at once (one statement, not two per unit); a unit without a readable
    # submission last period gets every field null, as prev_values gives it
    last = submission_states(db, template, org, before.text) if before and template.reads_prev else {}
    prevs = store.prev_values_all(db, template, org, period, pii=pii) if last else {}
    empty = dict.fromkeys(layout(template).slots)
    forms = []
    for unit in sorted(pres):
        rows = {tid: found.get(unit, []) for tid, found in by_unit.items()}
        prev = prevs.get(unit, empty) if unit in last else {}
        stored = store.read_submission(db, template, org=unit, period=period, pii=pii) if unit in states else None
        forms.append(_build(template, db, unit, period, (pres[unit], rows, prev), stored=stored, as_of=as_of,
                            pii=pii))
    if pii:
        audit.ensure_audit(db)
        audit.record(db, template, action="read_pii", user=user, org=org, period=period,
                     detail={"what": "fill_all", "units": len(forms)})
    return forms


def _fill_derived(template: Template, db: Any, org: str, period: str, *, pii: bool) -> Form:
    """A derived report (SPEC §8.4): its values read from the source's latest submitted or
    approved submission for ``org`` and ``period`` in one statement (one more per roster)."""
    found, provenance = derived_reads.values(db, template, org, period, pii=pii)
    if provenance is None and template.pool is not None and template.level is not None:
        unit = orgs.org_unit(db, template.pool, org, template=template)  # nothing submitted: is it a unit?
        orgs.check_level(template.pool, unit, template.level, template)
    rows = {tid: derived_reads.rows(db, template, tid, org, period, pii=pii) for tid in template.tables}
    before = previous(template.period_of(period)) if template.reads_prev else None
    prev = derived_reads.values(db, template, org, before.text, pii=pii)[0] if before is not None else {}
    form = _derived_form(template, org, period, found, rows=rows, provenance=provenance, pii=pii, prev=prev)
    if template.pool is not None:  # 填报单位 is the unit's name, as on any form
        form.org_name = orgs.org_unit(db, template.pool, org, template=template).name
    return form


def _fill_all_derived(template: Template, db: Any, org: str, period: str, *, pii: bool) -> list[Form]:
    """Send a derived report down: every unit's values in one statement, one per roster."""
    every = derived_reads.values_all(db, template, org, period, pii=pii)
    if not every and template.pool is not None and template.level is not None:
        unit = orgs.org_unit(db, template.pool, org, template=template)
        raise orgs.wrong_level(template.pool, unit, template.level, template, at_or_above=True)
    by_unit = {tid: derived_reads.rows_all(db, template, tid, org, period, pii=pii) for tid in template.tables}
    before = previous(template.period_of(period)) if template.reads_prev else None
    last = derived_reads.values_all(db, template, org, before.text, pii=pii) if before is not None else {}
    return [_derived_form(template, unit, period, found, rows={tid: rs.get(unit, []) for tid, rs in by_unit.items()},
                          provenance=provenance, pii=pii, prev=last.get(unit, ({}, None))[0])
            for unit, (found, provenance) in sorted(every.items())]


def _derived_form(template: Template, org: str, period: str, found: Mapping[str, Any], *,
                  rows: Mapping[str, list[dict[str, Any]]], provenance: Mapping[str, Any] | None, pii: bool,
                  prev: Mapping[str, Any] | None = None) -> Form:
    pre = {k: v for k, v in found.items() if _is_read(template, k)}
    # the form of a derived report is the source submission it was read from, at its revision
    kw: dict[str, Any] = {}
    if provenance:
        kw["state"] = str(provenance["state"])
        if "submission" in provenance:
            kw |= {"submission": str(provenance["submission"]), "revision": int(provenance["revision"])}
    return Form.build(template, org=org, period=period, prefilled=pre, pool_rows=rows, prev=prev or {}, pii=pii,
                      provenance=provenance, **kw)


def _is_read(template: Template, slot: str) -> bool:
    """A slot whose value is read from the source (a calc is the form's own arithmetic)."""
    if slot in template.fields:  # prev() of the report's own values: the form's, from last period's
        f = template.fields[slot]
        return f.kind == "value" and f.value is not None and f.value.reads_pool
    gid, rid, cid = slot.split(".")
    cell = template.grids[gid].cells[(rid, cid)]
    return cell.kind == "value" and cell.expr is not None and cell.expr.reads_pool


def roster_rows_by_unit(db: Any, template: Template, table_id: str, org: str, period: str, *,
                        pii: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The pool rows of a roster for every unit at the template's level under ``org``, in one
    statement: the roster query (``formkit.sql.rows``, masking included) with its scope widened
    from one unit to ``org``'s subtree, each row with its unit. ``{unit: rows}``."""
    assert template.pool is not None and template.level is not None
    pool = template.pool
    level = orgs.level_number(pool, template.level)

    def build() -> orgs.Compiled:
        tree = build_rows(template, table_id, db.dialect, pii=pii).copy()
        with_ = tree.args["with_"]
        name = with_.expressions[0].alias
        with_.set("expressions", [orgs.tree_cte(pool, name, level)])
        tree.set("expressions", [orgs.alias(orgs.col("unit", name), "_unit"), *tree.expressions])
        return render(tree, db.dialect)

    compiled: orgs.Compiled = orgs.cached(template, ("wf_rows_all", table_id, db.dialect, pii), build)
    cols = roster_columns(template, table_id)
    out: dict[str, list[dict[str, Any]]] = {}
    for row in orgs.run(db, compiled, {**period_values(template, period, db.dialect), orgs.ORG_PARAM: org}):
        item: dict[str, Any] = {"_key": None if row[1] is None else str(row[1])}
        for c, v in zip(cols, row[2:], strict=True):
            item[c.id] = decode(v, c.type, db.dialect)
        out.setdefault(str(row[0]), []).append(item)
    return out


def _build(template: Template, db: Any, org: str, period: str,
           read: tuple[Mapping[str, Any], Mapping[str, list[Any]], Mapping[str, Any]], *,
           stored: Mapping[str, Any] | None, as_of: str, pii: bool) -> Form:
    """The form from what was read — (pool values, roster rows, last period's values) — and
    the stored submission, if any."""
    pre, rows, prev = read
    inputs: dict[str, object] = {}
    confirmed: list[str] = []
    kw: dict[str, Any] = {}
    if stored is not None:
        pool_keys = {tid: {str(r.get("_key")) for r in rs} for tid, rs in rows.items()}
        inputs, confirmed = _stored_inputs(template, stored, pool_keys)
        if not pii:  # masked ID and phone numbers stand for the stored ones (never a typing mistake)
            inputs = masked.shown_masks(template, inputs)
        kw = {"revision": stored["revision"], "submission": stored["submission"], "state": stored["state"],
              "footer": audit.latest_footer(db, template, stored["submission"])}
        if stored["state"] == "returned":
            kw["notes"] = audit.latest_notes(db, template, stored["submission"])
    form = Form.build(template, org=org, period=period, prefilled=pre, pool_rows=rows, prev=prev, inputs=inputs,
                      confirmed=confirmed, as_of=as_of, pii=pii, **kw)
    # feedback on roster cells: kept for the pool rows the pool still gives (their originals
    # are the pool's current values; a changed pool value is caught by the freshness check)
    return form.load_row_feedback((stored or {}).get("tables") or {})


def _stored_inputs(template: Template, stored: Mapping[str, Any],
                   pool_keys: Mapping[str, set[str]]) -> tuple[dict[str, object], list[str]]:
    """What staff typed or corrected in a stored submission, as the evaluator's inputs."""
    values, meta = stored.get("values") or {}, stored.get("meta") or {}
    inputs: dict[str, object] = {}
    confirmed = []
    for fid, f in template.fields.items():
        source = (meta.get(fid) or {}).get("source")
        if f.kind == "input" or (confirmable(f) and source == "corrected"):
            inputs[fid] = values.get(fid)
        if confirmable(f) and source == "confirmed":
            confirmed.append(fid)
    grids = stored.get("grids") or {}
    for gid, g in template.grids.items():
        for (rid, cid), cell in g.cells.items():
            if cell.kind == "input":
                inputs[f"{gid}.{rid}.{cid}"] = ((grids.get(gid) or {}).get(rid) or {}).get(cid)
    for tid, t in template.tables.items():
        keep = pool_keys.get(tid, set())
        inputs[tid] = [r for r in (stored.get("tables") or {}).get(tid, [])
                       if t.rows is None or str(r.get("_key")) in keep or str(r.get("_key")).startswith(NEW_ROW)]
    return inputs, confirmed


# -- saving and submitting -----------------------------------------------------------------------


def save_draft(template: Template, db: Any, form: Form, *, user: str | None = None,
               actor: Actor | None = None) -> Form:
    """Store the form as a draft: never blocked by rules (only values of a wrong type are)."""
    return _write(template, db, form, user=user, state="draft", actor=actor)


def submit(template: Template, db: Any, form: Form, *, user: str | None = None,
           actor: Actor | None = None) -> Form:
    """Validate the form on the server and store it, all or nothing. The same form submitted
    twice is stored once. Refused (``stale-submission``) when the stored submission changed
    since the form was filled, or when the pool now gives other pre-filled values than the
    form showed; refused (``invalid-submission``) with every blocking issue."""
    return _write(template, db, form, user=user, state="submitted", actor=actor)


_ALLOWED_FROM = {"draft": (None, "draft", "returned"), "submitted": (None, "draft", "submitted", "returned")}


def _write(template: Template, db: Any, form: Form, *, user: str | None, state: str,
           actor: Actor | None = None) -> Form:
    if template.derived:
        alias, source = next(iter(template.derived_from.items()))
        raise TemplateError([Issue(errors.DERIVED_READ_ONLY.code,
                                   f"'{template.id}' is derived from {source.id}: it is computed, never saved or "
                                   "submitted", template.model.span_of("from"), "from",
                                   f"fill and submit {source.id} ({template.model.derived_from[alias]}); "
                                   f"this report reads it on its next fill")], template.sources)
    if (form.template.id, form.template.version) != (template.id, template.version):
        raise invalid(template, f"the form is of '{form.template.id}' v{form.template.version}, "
                                f"not of '{template.id}' v{template.version}")
    # the org table's own code (NFC at most), once the actor may write for it
    form.org = enter(db, template, actor, "save_draft" if state == "draft" else "submit", form.org,
                     period=form.period)
    user = user_of(actor, user)
    deploy(db, template)
    _check_fresh(db, template, form)
    # Only a transaction of our own may be tried again: inside the caller's, the engine may
    # have ended it (a deadlock's victim), and a retry would run outside it.
    own = not getattr(db, "in_transaction", False)
    for attempt in (1, 2):
        try:
            return _write_once(template, db, form, user=user, state=state)
        except store.RaceLost:
            if attempt == 2 or not own:
                raise
        except TemplateError:
            raise
        except Exception as exc:
            # A concurrent writer won a unique key while our transaction was open (the engine
            # aborted it, or refused the commit): try once more, which sees the winner and
            # stores once or refuses.
            if not store.conflict(db, exc) and not isinstance(exc, TransactionLost):
                raise
            if not own:
                raise store.RaceLost(template, f"the submission for {form.org} {form.period} met a concurrent "
                                               "write: roll back the transaction and submit again") from exc
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _write_once(template: Template, db: Any, form: Form, *, user: str | None, state: str) -> Form:
    cur = _current(db, template, form.org, form.period)
    before_state = cur[1] if cur is not None else None
    if cur is not None and cur[0] == form.submission and before_state not in _ALLOWED_FROM[state] \
            and before_state != "approved":
        raise invalid(template, f"the submission of {form.org} for {form.period} is {before_state}: "
                                f"it cannot be saved as a {state} again until a reviewer returns it")
    before, shown = _before(template, db, form) if cur is not None else (None, None)
    meta = {fid: {k: v for k, v in m.items() if k in ("source", "original")}
            for fid, m in form.meta.items() if fid in template.fields and confirmable(template.fields[fid])}
    # a value shown masked and left as it was is written as stored, never as its mask
    values, tables, meta = masked.as_stored(template, form, shown, before, meta)
    as_of = dt.datetime.fromisoformat(form.as_of).astimezone(zone(template)).replace(tzinfo=None) \
        if form.as_of else None
    # what was typed, refused values included: the store's own check refuses them again (a
    # refused value is null in the form, and a null would erase the stored value)
    values, tables, grids = form.submission_body(values, tables)
    with db.transaction():
        written = store.store_submission(
            db, template, org=form.org, period=form.period, values=values, tables=tables,
            grids=grids, meta=meta, submission_id=form.submission, user=user, state=state,
            expected_revision=form.revision or None, pool_as_of=as_of)
        revision = written.revision
        if written.stored:  # not the same write again, nor a concurrent writer's identical one
            masks = stored_masks(template)
            changed = _changes(template, shown, form, None if form.pii else masks)
            if form.pii:  # the audit log is a way out too (SPEC §6): its personal text is masked
                changed = _masked_changes(changed, masks)
            detail: dict[str, Any] = {"changed": changed}
            if form.footer:  # the footer is kept with the write that carried it (refilled on the next fill)
                detail["footer"] = dict(form.footer)
            event: dict[str, Any] = {"action": "save_draft" if state == "draft" else "submit", "org": form.org,
                     "period": form.period, "submission": form.submission, "from_state": before_state,
                     "to_state": state, "revision": revision, "detail": detail}
            audit.record(db, template, user=user, **event)
            for hook in BEFORE_COMMIT:
                hook(db, event)
    form.revision, form.state, form.notes = revision, state, []
    return form


def _before(template: Template, db: Any, form: Form) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The stored submission as stored, and as the form was shown it (masked unless the form
    was filled with ``pii``): what a masked form left as it was shown is written back as
    stored, and the audit row names its changes as staff saw them."""
    raw = store.read_submission(db, template, org=form.org, period=form.period, pii=True)
    masks = stored_masks(template)
    if form.pii or raw is None or not (masks.slots or masks.keys):
        return raw, raw
    return raw, store.read_submission(db, template, org=form.org, period=form.period)


def _changes(template: Template, before: Mapping[str, Any] | None, form: Form,
             masks: StoredMasks | None = None) -> dict[str, Any]:
    """What a write changed: ``{field or grid.row.col: [before, after]}``; a roster whose rows
    changed as ``{table: {"rows": [before, after]}}``; feedback as ``{field: {"source": …}}``.
    ``masks``: a masked form's, compared with ``before`` as it was shown (masked), the form's
    text masked too (a calc over a masked value is not the mask of the stored calc)."""
    def seen(slot: str, v: Any) -> Any:
        m = masks.slots.get(slot) if masks is not None else None
        return mask_text(v, m) if m is not None and isinstance(v, str) else v

    old = dict((before or {}).get("values") or {})
    old_meta = (before or {}).get("meta") or {}
    out: dict[str, dict[str, Any]] = {}
    for fid, value in form.values.items():
        v = seen(fid, value)
        if old.get(fid) != v:
            out[fid] = {"from": old.get(fid), "to": v}
        src = form.source(fid)
        if src in ("confirmed", "corrected") and (old_meta.get(fid) or {}).get("source") != src:
            out.setdefault(fid, {})["source"] = src
    old_grids = (before or {}).get("grids") or {}
    for gid, rows in form.grids.items():
        for rid, cols in rows.items():
            for cid, v in cols.items():
                was = ((old_grids.get(gid) or {}).get(rid) or {}).get(cid)
                if was != v:
                    out[f"{gid}.{rid}.{cid}"] = {"from": was, "to": v}
    old_tables = (before or {}).get("tables") or {}
    for tid, shown_rows in form.tables.items():
        now = [{k: seen(f"{tid}.{k}", v) for k, v in r.items()} for r in shown_rows]
        before_rows = [{k: v for k, v in r.items() if k != "_meta"} for r in old_tables.get(tid) or []]
        if before_rows != now:
            out[tid] = {"rows_from": len(before_rows), "rows_to": len(now)}
    return out


def _masked_changes(changed: dict[str, Any], masks: StoredMasks) -> dict[str, Any]:
    """``changed`` with the text of every slot derived from a pii column masked as the store
    masks it (a roster records only its row counts)."""
    out: dict[str, Any] = {}
    for slot, change in changed.items():
        m = masks.slots.get(slot)
        out[slot] = change if m is None else {
            k: mask_text(v, m) if k in ("from", "to") and isinstance(v, str) else v for k, v in change.items()}
    return out


def _check_fresh(db: Any, template: Template, form: Form) -> None:
    """Refuse a form whose pre-filled values the pool (or last period) no longer gives."""
    changed: list[str] = []
    specs = all_specs(template)
    if template.pool is not None and form.prefilled:
        fresh = prefill(db, template, form.org, form.period, pii=form.pii)
        changed += [k for k, v in form.prefilled.items()
                    if shown_value(specs[k], slot_type(template, k), fresh.get(k)) != v]
    for tid, shown in form.pool_rows.items():
        rows = roster_rows(db, template, tid, form.org, form.period, pii=form.pii)
        if [pool_row(template, tid, r, specs) for r in rows] != shown:
            changed.append(tid)
    read = prev_targets(template)[0]  # the slots prev() reads; other fields of last period do not matter
    if read:
        now = store.prev_values(db, template, form.org, form.period, pii=form.pii)
        for k in sorted(read):
            typ = slot_type(template, k)
            if fn.to_value(now.get(k), typ) != fn.to_value(form.prev.get(k), typ):
                changed.append(f"prev({k})")
    if changed:
        raise stale(template, f"the form of {form.org} for {form.period} was filled from pre-filled values "
                              f"that have changed since ({', '.join(changed)}): fill it again")


# -- reviewing -----------------------------------------------------------------------------------


def return_(template: Template, db: Any, *, org: str, period: str,
            notes: Mapping[str, str] | Sequence[Mapping[str, Any]] | None = None, user: str | None = None,
            revision: int | None = None, actor: Actor | None = None) -> int:
    """Return a submitted submission to its org unit with notes on fields or cells
    (``{"released": "请核实"}``; a grid cell ``"grid.row.col"``, a roster cell
    ``"table.<row index or _key>.col"``). Returns the new revision."""
    checked = _notes(template, notes or {})
    return _transition(template, db, org=org, period=period, to="returned", action="return", user=user,
                       expected=revision, detail={"notes": checked}, actor=actor)


def approve(template: Template, db: Any, *, org: str, period: str, user: str | None = None,
            revision: int | None = None, actor: Actor | None = None) -> int:
    """Approve a submitted submission: it is locked (no further writes) and stays a roll-up
    input. Returns the new revision."""
    return _transition(template, db, org=org, period=period, to="approved", action="approve", user=user,
                       expected=revision, detail={}, actor=actor)


def _notes(template: Template, notes: Mapping[str, str] | Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    if isinstance(notes, Mapping):
        for key, text in notes.items():
            head, _, rest = str(key).partition(".")
            row, _, col = rest.rpartition(".") if rest else ("", "", "")
            items.append({"field": head, "row": row or None, "col": col or None, "note": text})
    else:
        items = [{"field": n.get("field"), "row": n.get("row"), "col": n.get("col"), "note": n.get("note")}
                 for n in notes]
    for n in items:
        fid, row, col = n["field"], n["row"], n["col"]
        if not isinstance(n["note"], str) or not n["note"].strip():
            raise invalid(template, f"the note on '{fid}' is empty")
        if (char := fn.control_char(n["note"])) is not None:
            raise invalid(template, f"the note on '{fid}' holds the control character {char}")
        if fid in template.grids:
            if (row, col) not in template.grids[fid].cells:
                raise invalid(template, f"the grid '{fid}' has no cell {row}.{col}")
        elif fid in template.tables:
            if col is not None and col not in template.tables[fid].columns:
                raise invalid(template, f"the table '{fid}' has no column '{col}'")
            if isinstance(row, str) and row.isdigit():
                n["row"] = int(row)
        elif fid not in template.fields or row is not None:
            raise invalid(template, f"'{template.id}' has no field '{fid}' to put a note on")
    return items


def _transition(template: Template, db: Any, *, org: str, period: str, to: str, action: str, user: str | None,
                expected: int | None, detail: Mapping[str, Any], actor: Actor | None = None) -> int:
    template.period_of(period)
    org, user = enter(db, template, actor, action, org, period=period), user_of(actor, user)
    deploy(db, template)
    cur = _current(db, template, org, period)
    if cur is None:
        raise invalid(template, f"there is no submission of {org} for {period} to {action}")
    sid, state, revision, digest = cur
    review(db, template, actor, action, org=org, period=period, submission=sid)
    if state != "submitted":
        raise invalid(template, f"the submission of {org} for {period} is {state}: only a submitted one "
                                f"can be {'returned' if action == 'return' else 'approved'}")
    if expected is not None and expected != revision:
        raise stale(template, f"the submission of {org} for {period} is at revision {revision}, "
                              f"not {expected}: look at it again before you {action} it")
    new_digest = hashlib.sha256(f"{digest}|{to}|{revision}".encode()).hexdigest()[:32]
    with db.transaction():
        _update_state(db, template, sid, frm=state, to=to, revision=revision, digest=new_digest)
        after = _current(db, template, org, period)
        if after is None or (after[2], after[3]) != (revision + 1, new_digest):
            raise stale(template, f"the submission of {org} for {period} was changed by someone else meanwhile")
        event: dict[str, Any] = {"action": action, "org": org, "period": period, "submission": sid, "from_state": state,
                 "to_state": to, "revision": revision + 1, "detail": dict(detail)}
        audit.record(db, template, user=user, **event)
        for hook in BEFORE_COMMIT:
            hook(db, event)
    return revision + 1


def _update_state(db: Any, template: Template, sid: str, *, frm: str, to: str, revision: int, digest: str) -> None:
    """UPDATE … SET state, revision + 1, digest WHERE id AND revision AND state (the content and
    its ``updated_at/_by`` stay: they say who wrote the values; the audit says who reviewed)."""
    d = db.dialect

    def build() -> exp.Expression:
        def eq(col: str, value: exp.Expression) -> exp.EQ:
            return exp.EQ(this=exp.column(ident(col)), expression=value)

        sets = [eq("state", param("to", Type.TEXT, d)), eq("revision", int_param("next", d)),
                eq("digest", param("digest", Type.TEXT, d))]
        where = exp.and_(eq("submission_id", param("sid", Type.TEXT, d)), eq("revision", int_param("expected", d)),
                         eq("state", param("frm", Type.TEXT, d)))
        return exp.Update(this=table(layout(template).table), expressions=sets, where=exp.Where(this=where))

    params = {"to": to, "next": revision + 1, "digest": digest, "sid": sid, "expected": revision, "frm": frm}
    store.run(db, store.cached_sql(db, template, ("wf_state",), build), params, fetch=False)


def _current(db: Any, template: Template, org: str, period: str) -> tuple[str, str, int, str] | None:
    """(submission id, state, revision, digest) of the stored submission of ``org`` for ``period``."""
    d = db.dialect

    def build() -> exp.Expression:
        cond = exp.and_(exp.EQ(this=exp.column(ident("period")), expression=param("period", Type.TEXT, d)),
                        exp.EQ(this=exp.column(ident("org")), expression=param("org", Type.TEXT, d)))
        cols = ("submission_id", "state", "revision", "digest")
        return exp.select(*(exp.column(ident(c)) for c in cols)).from_(table(layout(template).table)).where(cond)

    rows = store.run(db, store.cached_sql(db, template, ("wf_current",), build), {"org": org, "period": period})
    if not rows:
        return None
    sid, state, revision, digest = rows[0]
    return str(sid), str(state), int(revision), str(digest)


def submission_states(db: Any, template: Template, org: str, period: str) -> dict[str, tuple[str, int, str]]:
    """``{org unit: (state, revision, submission id)}`` of the stored submissions of ``period``
    in ``org``'s subtree (one statement, scoped by the org tree); none when the template was
    never deployed (a read creates nothing)."""
    if existing(db, template) is None:
        return {}
    if template.pool is None:
        raise ValueError(f"'{template.id}' has no pool, so no org tree to look in")
    pool = template.pool
    d = db.dialect

    def build() -> exp.Expression:
        scope = orgs.fresh("_scope", orgs.pool_names(pool))
        inside = exp.In(this=exp.column(ident("org"), "s"),
                        query=exp.Subquery(this=exp.select(exp.column(ident("code"), scope)).from_(table(scope))))
        q = (exp.select(*(exp.column(ident(c), "s") for c in ("org", "state", "revision", "submission_id")))
             .from_(table(layout(template).table, "s"))
             .where(exp.and_(exp.EQ(this=exp.column(ident("period"), "s"), expression=param("period", Type.TEXT, d)),
                             inside)))
        q.set("with_", exp.With(expressions=[orgs.scope_cte(pool, scope)]))
        return q

    rows = store.run(db, store.cached_sql(db, template, ("wf_states",), build),
                     {"org": org, "period": period, **orgs.period_end(template, period, db)})
    return {str(o): (str(s), int(r), str(i)) for o, s, r, i in rows}


# -- reading the results -------------------------------------------------------------------------


def rollup(template: Template, db: Any, *, org: str, period: str, level: str | None = None, pii: bool = False,
           user: str | None = None, actor: Actor | None = None) -> list[dict[str, Any]]:
    """The roll-up of the submitted and approved submissions to ``org`` (or to each unit at
    ``level`` under it), with coverage. A ``pii`` roll-up is recorded in the audit table."""
    org, user = enter(db, template, actor, "rollup", org, period=period, pii=pii), user_of(actor, user)
    deploy(db, template)
    out = (derived.rollup(db, template, org, period, level=level) if template.derived
           else rollup_units(db, template, org, period, level=level))
    if pii:
        audit.record(db, template, action="read_pii", user=user, org=org, period=period,
                     detail={"what": "rollup", "level": level})
    return out


def corrections(template: Template, db: Any, *, org: str, period: str, pii: bool = False,
                user: str | None = None, actor: Actor | None = None) -> list[dict[str, Any]]:
    """Every pre-filled value staff corrected in ``org``'s subtree for ``period``, for the pool
    table's owners: org, period, field, row_key, pool_table, pool_column, original, correction,
    corrected_by, corrected_at. Personal data is masked unless ``pii``; a ``pii`` read is
    recorded in the audit table."""
    org, user = enter(db, template, actor, "corrections", org, period=period, pii=pii), user_of(actor, user)
    deploy(db, template)
    out = store.corrections(db, template, org, period, pii=pii)
    if pii:
        audit.record(db, template, action="read_pii", user=user, org=org, period=period,
                     detail={"what": "corrections", "values": len(out)})
    return out


class SQLText(str):
    """SQL text that also carries its parameter names (in the driver's order)."""

    params: list[str]

    def __new__(cls, text: str, params: Sequence[str] = ()) -> SQLText:
        obj = super().__new__(cls, text)
        obj.params = list(params)
        return obj


def sql(template: Template, query: str | None = None, dialect: str = "duckdb", level: str | None = None) -> SQLText:
    """The SQL of one query (``prefill``, ``all_units``, ``rows``, ``ddl``, ``rollup``,
    ``validate``), or of every query, each under a comment, when ``query`` is None."""
    from formkit.sql.queries import QUERIES, sql_for  # noqa: PLC0415 — the SQL builders load on demand

    if query is not None:
        text, names = sql_for(template, query, dialect, level)
        return SQLText(text, names)
    parts, params = [], []
    for name in QUERIES:
        text, names = sql_for(template, name, dialect, level)
        parts.append(f"-- {name}\n" + (text + ";" if text else "-- (nothing for this template)"))
        params += [n for n in names if n not in params]
    return SQLText("\n\n".join(parts), params)


# -- template versions -----------------------------------------------------------------------------


def check_deployed(db: Any, template: Template) -> list[Issue]:
    """Issues of ``template`` against its deployed versions (``formkit check --db``):
    ``version-changed`` and ``stored-type-changed`` (see :func:`formkit.sql.registry.check_deployed`)."""
    return registry.check_deployed(db, template)


def audit_log(template: Template, db: Any, *, actor: Actor | None = None, **filters: Any) -> list[dict[str, Any]]:
    """The audit events of ``template`` (see :func:`formkit.runtime.audit.log`). With an
    ``actor``, only the events of units in their subtree (``org=`` narrows further, and must be
    in it too)."""
    if actor is None:
        return audit.log(db, template, **filters)
    top = enter(db, template, actor, "audit", filters.get("org") or actor.org, period=filters.get("period"))
    scope = set(orgs.subtree(db, template.pool, top)) if template.pool is not None else {top}
    return [e for e in audit.log(db, template, **filters) if e["org"] in scope]
