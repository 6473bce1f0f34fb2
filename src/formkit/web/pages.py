"""Web, pages: the HTML a person sees — the templates, a period's status, and a unit's form to fill or review.

The form itself is ``formkit.render_html``'s fragment (the same one a host embeds, which lists a
returned form's notes); the page around it says who is signed in, the unit's name, the period,
its due date and state, places each note beside its field, cell or row, and gives a reviewer the
return and approve buttons with a note box per field, grid cell and roster row. Its one script
(``/app/page.js``) posts what the runtime hands it to the JSON routes; nothing is inline, so the
page works under the app's strict CSP.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from formkit.core.errors import TemplateError
from formkit.meaning.template import Template
from formkit.render.html import render_html
from formkit.runtime.actor import Actor
from formkit.runtime.due import Status, due_dates
from formkit.runtime.form import Form
from formkit.sql import org as orgs

__all__ = ["Context", "form_page", "mode_for", "status_page", "templates_page"]

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True)

WORDS: dict[str, dict[str, str]] = {
    "zh": {"templates": "报表", "status": "报送情况", "signed_in": "当前用户", "due": "报送截止", "state": "状态",
           "revision": "版本", "notes": "审核意见", "note": "意见", "return": "退回修改", "approve": "审核通过",
           "review": "审核", "submitted_ok": "已报出", "saved_ok": "草稿已保存", "returned_ok": "已退回",
           "approved_ok": "已审核通过", "refused": "未成功：", "missing": "未报送", "done": "已报送",
           "unit": "单位", "open": "打开", "period": "期别", "no_note": "请至少填写一条意见再退回",
           "state_new": "未填报", "state_draft": "草稿", "state_submitted": "已报出", "state_returned": "已退回",
           "state_approved": "已审核"},
    "en": {"templates": "Reports", "status": "Status", "signed_in": "Signed in", "due": "Due", "state": "State",
           "revision": "Revision", "notes": "Reviewer's notes", "note": "Note", "return": "Return",
           "approve": "Approve", "review": "Review", "submitted_ok": "Submitted", "saved_ok": "Draft saved",
           "returned_ok": "Returned", "approved_ok": "Approved", "refused": "Refused: ", "missing": "Not submitted",
           "done": "Submitted", "unit": "Unit", "open": "Open", "period": "Period",
           "no_note": "Write at least one note before returning", "state_new": "not started",
           "state_draft": "draft", "state_submitted": "submitted", "state_returned": "returned",
           "state_approved": "approved"},
}


@dataclass(frozen=True)
class Context:
    """What the page shows beside the form: the unit's name and the period's due date."""

    org_name: str | None
    due: dt.date | None

    @classmethod
    def read(cls, template: Template, db: Any, form: Form) -> Context:
        name = None
        if template.pool is not None:
            try:
                name = orgs.org_unit(db, template.pool, form.org, template=template).name
            except TemplateError:
                name = None
        return cls(name, due_dates(template, form.period).due)


def mode_for(form: Form, actor: Actor, asked: str | None) -> tuple[str, bool]:
    """(render mode, whether the reviewer's buttons show). A filler fills what is new, a draft
    or returned; a reviewer reviews what is submitted; everything else is shown read-only."""
    if asked == "print":
        return "print", False
    reviewing = "reviewer" in actor.roles and form.state == "submitted"
    if reviewing and (asked == "review" or "filler" not in actor.roles):
        return "review", True
    if "filler" in actor.roles and (form.revision == 0 or form.state in ("draft", "returned")):
        return "fill", False
    return "review", reviewing


def form_page(form: Form, actor: Actor, ctx: Context, *, lang: str, mode: str | None) -> str:
    words = WORDS[lang]
    shown, buttons = mode_for(form, actor, mode)
    tpl = form.template
    state = form.state if form.revision else "new"
    values = {"org_name": ctx.org_name or form.org, "due": ctx.due.isoformat() if ctx.due else None}
    fragment = render_html(form, lang=lang, mode=shown, values=values, static_url="/static/")
    base = f"/forms/{tpl.id}/{form.org}/{form.period}"
    data = {"form": base, "submission": form.submission, "revision": form.revision, "state": form.state,
            "mode": shown, "review": buttons, "notes": form.notes, "words": words}
    return _ENV.get_template("form.html.j2").render(
        lang=lang, words=words, title=tpl.title(lang), actor=actor, tpl=tpl, org=form.org, org_name=ctx.org_name,
        period=form.period, due=ctx.due.isoformat() if ctx.due else None, state=state, revision=form.revision,
        form=Markup(fragment), review=buttons, data=data,
        status_href=f"/status/{tpl.id}/{actor.org}/{form.period}")


def templates_page(listed: Sequence[Mapping[str, Any]], actor: Actor, *, lang: str) -> str:
    return _ENV.get_template("templates.html.j2").render(lang=lang, words=WORDS[lang], title=WORDS[lang]["templates"],
                                                         actor=actor, templates=listed)


def status_page(template: Template, st: Status, actor: Actor, states: Mapping[str, tuple[str, int, str]], *,
                lang: str) -> str:
    words = WORDS[lang]
    missing = {m["code"]: m for m in st.missing}
    units = [{"code": m["code"], "name": m["name"], "state": m["state"] or "new"} for m in st.missing]
    units += [{"code": code, "name": "", "state": s[0]} for code, s in sorted(states.items()) if code not in missing]
    return _ENV.get_template("status.html.j2").render(
        lang=lang, words=words, title=f"{template.title(lang)} · {words['status']}", actor=actor, tpl=template,
        st=st, units=sorted(units, key=lambda u: u["code"]), due=st.due.due.isoformat() if st.due.due else None)
