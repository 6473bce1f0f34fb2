"""Review: templates to assess for exit (定期评估退出) — past ``valid_until``, without ``basis``
or ``owner``, and (with a database) without a submission in their last three periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from formkit.core import errors
from formkit.core.errors import ErrorCode
from formkit.document.model import parse_date
from formkit.meaning.template import Template
from formkit.once.report import Problem, ReviewEntry


def findings(tpl: Template, today: dt.date) -> list[Problem]:
    """What the fence refuses and the review lists, each at the key concerned."""
    m = tpl.model
    out = []

    def add(code: ErrorCode, key: str, message: str, hint: str) -> None:
        span = m.span_of(key)
        out.append(Problem(code.code, message, span.file, span.line, span.column, hint))

    until = parse_date(m.valid_until) if m.valid_until is not None else None
    if until is not None and until < today:
        add(errors.PAST_VALID_UNTIL, "valid_until", f"'{tpl.id}' was valid until {until.isoformat()}",
            "renew it with a new `valid_until` and an approval number, or retire the report")
    if not (m.basis or "").strip():
        add(errors.MISSING_BASIS, "id", f"'{tpl.id}' names no `basis`",
            "add `basis:` — the law, regulation or document that makes this report required (填报依据)")
    if not (m.owner or "").strip():
        add(errors.MISSING_OWNER, "id", f"'{tpl.id}' names no `owner`",
            "add `owner:` — the department that answers for this report, e.g. district.civil_affairs")
    return out


def review(templates: list[Template], today: dt.date,
           submissions: Callable[[Template], int | None] | None = None) -> list[ReviewEntry]:
    """Every template with a reason to review it. ``submissions`` counts a template's recent
    submissions (None: never deployed, which is no reason on its own)."""
    out = []
    for tpl in templates:
        found = findings(tpl, today)
        reasons = [p.code for p in found]
        messages = [p.message for p in found]
        recent = submissions(tpl) if submissions is not None else None
        if recent == 0:
            reasons.append(errors.NO_RECENT_SUBMISSIONS.code)
            messages.append(f"'{tpl.id}' has no submission in its last three periods")
        if reasons:
            out.append(ReviewEntry(tpl.id, tpl.model.file, tpl.model.span.line, reasons, messages))
    return out
