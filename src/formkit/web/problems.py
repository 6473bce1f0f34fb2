"""Web, errors: every refusal as ``application/problem+json`` (RFC 9457) with formkit's stable code.

A problem carries ``type`` (``urn:formkit:error:<code>``), ``title`` (the registry's title of the
code), ``status``, ``detail`` (the first issue's message), ``code`` and every ``issue`` (code,
message, hint, place). The HTTP status follows the code (:data:`STATUS`); a code not listed is
a 422. Messages are the workflow's own, which mask personal data before they name a value.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from starlette.responses import Response

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError
from formkit.core.source import SourceSpan

__all__ = ["MEDIA_TYPE", "STATUS", "Problem", "problem_response", "refusal"]

MEDIA_TYPE = "application/problem+json"

#: The HTTP status of each code the app answers with (any other code: 422).
STATUS: dict[str, int] = {
    errors.FORBIDDEN.code: 403,
    errors.CROSS_SITE_REQUEST.code: 403,
    errors.UNAUTHENTICATED.code: 401,
    errors.NOT_FOUND.code: 404,
    errors.UNKNOWN_ORG.code: 404,
    errors.METHOD_NOT_ALLOWED.code: 405,
    errors.STALE_SUBMISSION.code: 409,
    errors.IDEMPOTENCY_KEY_REUSED.code: 409,
    errors.REQUEST_TOO_LARGE.code: 413,
    errors.UNSUPPORTED_MEDIA_TYPE.code: 415,
    errors.VALUES_SYNTAX.code: 400,
    errors.BAD_PERIOD.code: 400,
    errors.BAD_ORG_CODE.code: 400,
}


class Problem(Exception):
    """A refusal of the web layer itself (not found, too large, cross-site…), with its code."""

    def __init__(self, code: errors.ErrorCode, message: str, *, hint: str | None = None,
                 where: str = "<request>", status: int | None = None) -> None:
        super().__init__(message)
        self.error = TemplateError([Issue(code.code, message, SourceSpan.point(where), "", hint)])
        self.status = status


def refusal(exc: TemplateError, status: int | None = None) -> Response:
    """The problem response of a formkit error (the workflow's or the web layer's)."""
    issues: Sequence[Issue] = exc.issues
    code = issues[0].code if issues else "invalid-submission"
    title = errors.all_codes().get(code)
    body: dict[str, Any] = {
        "type": f"urn:formkit:error:{code}",
        "title": title.title if title else code,
        "status": status or STATUS.get(code, 422),
        "detail": issues[0].message if issues else str(exc),
        "code": code,
        "issues": [_issue(i) for i in issues],
    }
    return problem_response(body)


def problem_response(body: dict[str, Any]) -> Response:
    text = json.dumps(body, ensure_ascii=False, default=str)
    return Response(text, status_code=int(body["status"]), media_type=MEDIA_TYPE)


def _issue(i: Issue) -> dict[str, Any]:
    out: dict[str, Any] = {"code": i.code, "message": i.message}
    if i.hint:
        out["hint"] = i.hint
    if i.path:
        out["path"] = i.path
    span = i.span
    if span.file.endswith((".yaml", ".yml")):  # a template's place (its name only: no server paths)
        out["at"] = {"file": Path(span.file).name, "line": span.line, "column": span.column}
    return out
