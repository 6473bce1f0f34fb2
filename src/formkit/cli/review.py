"""Command line, reviewer's half: `formkit return|approve|audit` (SPEC §9).

``return`` sends a submitted submission back with notes (``--note received=请核实``, a grid or
roster cell as ``grid.row.col``); ``approve`` locks it; ``audit`` lists who did what when, with
each write's field changes (personal text masked as stored). Errors as in
:mod:`formkit.cli.runtime`: located, on stderr, exit status 1.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from formkit.cli.runtime import (
    DbOpt,
    JsonOpt,
    OrgOpt,
    PeriodOpt,
    TemplateArg,
    UserOpt,
    connect_db,
    console,
    emit,
    load_template,
    refused_as_errors,
)
from formkit.runtime.form import dumps

__all__ = ["register"]

NoteOpt = Annotated[list[str], typer.Option(
    "--note", help="a note on a field or cell: KEY=TEXT (received=请核实, grid.row.col=…); repeat for more")]
RevisionOpt = Annotated[int | None, typer.Option(
    "--revision", help="refuse unless the submission is still at this revision (what you looked at)")]


def _notes(items: list[str]) -> dict[str, str]:
    notes: dict[str, str] = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"the note {item!r} is not KEY=TEXT (for example received=请核实)")
        notes[key.strip()] = text
    return notes


def return_command(template: TemplateArg, *, db: DbOpt, org: OrgOpt, period: PeriodOpt, note: NoteOpt,
                   revision: RevisionOpt = None, user: UserOpt = None, as_json: JsonOpt = False) -> None:
    """Return a submitted submission to its unit with notes on fields or cells."""
    from formkit.runtime import workflow as wf

    with refused_as_errors(as_json):
        tpl = load_template(template)
        notes = _notes(note)  # before connecting: a bad note touches no database
        new = wf.return_(tpl, connect_db(db), org=org, period=period, notes=notes, user=user, revision=revision)
        _done(tpl.id, org, period, "returned", new, as_json=as_json)


def approve_command(template: TemplateArg, *, db: DbOpt, org: OrgOpt, period: PeriodOpt,
                    revision: RevisionOpt = None, user: UserOpt = None, as_json: JsonOpt = False) -> None:
    """Approve (and lock) a submitted submission."""
    from formkit.runtime import workflow as wf

    with refused_as_errors(as_json):
        tpl = load_template(template)
        new = wf.approve(tpl, connect_db(db), org=org, period=period, user=user, revision=revision)
        _done(tpl.id, org, period, "approved", new, as_json=as_json)


def _done(tid: str, org: str, period: str, state: str, revision: int, *, as_json: bool) -> None:
    if as_json:
        emit(dumps({"template": tid, "org": org, "period": period, "state": state, "revision": revision}, indent=2))
    else:
        emit(f"{tid} {org} {period}: {state}, revision {revision}")


def audit_command(
    template: TemplateArg, *, db: DbOpt,
    org: Annotated[str | None, typer.Option("--org", help="only this org unit's events")] = None,
    period: Annotated[str | None, typer.Option("--period", help="only this period's events")] = None,
    action: Annotated[str | None, typer.Option(
        "--action", help="only save_draft, submit, return, approve, read_pii or refused")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Who did what when: every transition, with its field changes, every unmasked read and
    every refusal, oldest first."""
    from formkit.runtime import workflow as wf

    with refused_as_errors(as_json):
        tpl = load_template(template)
        events = wf.audit_log(tpl, connect_db(db), org=org, period=period, action=action)
        if as_json:
            emit(dumps(events, indent=2))
            return
        table = Table(title=f"{tpl.title()} · audit ({len(events)})")
        for head in ("at", "who", "action", "org", "period", "state", "rev", "detail"):
            table.add_column(head)
        for e in events:
            states = f"{e['from_state'] or '·'} → {e['to_state']}" if e["to_state"] else ""
            table.add_row(e["at"] or "", e["actor"], e["action"], e["org"] or "", e["period"] or "", states,
                          "" if e["revision"] is None else str(e["revision"]), _detail(e["detail"]))
        console().print(table, markup=False)


def _detail(detail: dict[str, Any]) -> str:
    """A write's changes as ``field: from → to``; anything else as its JSON."""
    changed = detail.get("changed")
    if isinstance(changed, dict):
        return "; ".join(f"{k}: {v.get('from')} → {v.get('to')}" if isinstance(v, dict) and "to" in v else f"{k}: {v}"
                         for k, v in changed.items())
    if "notes" in detail:
        return "; ".join(f"{n.get('field')}{'.' + str(n['row']) if n.get('row') is not None else ''}"
                         f"{'.' + str(n['col']) if n.get('col') else ''}: {n.get('note')}" for n in detail["notes"])
    return json.dumps(detail, ensure_ascii=False) if detail else ""


def register(app: typer.Typer) -> None:
    """Add the reviewer's commands to ``app`` (``formkit.cli.main.app``)."""
    app.command("return")(return_command)
    app.command("approve")(approve_command)
    app.command("audit")(audit_command)
