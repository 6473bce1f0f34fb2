"""Web, OpenAPI: the app's routes as an OpenAPI 3.1 document (``GET /openapi.json``)."""

from __future__ import annotations

from typing import Any

__all__ = ["openapi"]

_PLACE = [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
          for n in ("template", "org", "period")]
_LANG = {"name": "lang", "in": "query", "schema": {"enum": ["zh", "en"]}}
_PII = {"name": "pii", "in": "query", "description": "personal data unmasked (needs the pii role; audited)",
        "schema": {"type": "boolean"}}
_PROBLEM = {"description": "a refusal with formkit's stable code (docs/errors.md)",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
_FORM = {"description": "the SPEC §5 form object (numbers as exact JSON number tokens)",
         "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Form"}},
                     "text/html": {"schema": {"type": "string"}}}}
_VALUES = {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Values"}}}}


def _body(schema: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def _op(summary: str, ok: dict[str, Any], *, params: list[Any] | None = None, body: Any = None,
        codes: tuple[int, ...] = (400, 401, 403, 404, 409, 413, 415, 422)) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "parameters": [*_PLACE, *(params or [])],
                          "responses": {"200": ok, **{str(c): _PROBLEM for c in codes}}}
    if body is not None:
        op["requestBody"] = body
    return op


def openapi(site: Any) -> dict[str, Any]:
    """The document of an app serving ``site`` (its template ids listed as the ``template`` enum)."""
    ids = sorted(site.templates)
    json_ok = {"description": "JSON", "content": {"application/json": {"schema": {"type": "object"}}}}
    key = {"name": "Idempotency-Key", "in": "header", "description": "the submission id: the same key from the "
           "same revision with the same body is stored once, with another body refused", "schema": {"type": "string"}}
    form = "/forms/{template}/{org}/{period}"
    return {
        "openapi": "3.1.0",
        "info": {"title": "formkit", "version": "1", "description": "SPEC §9: forms, submissions and reviews. "
                 "Every call is made as the host's actor for the request."},
        "paths": {
            "/templates": {"get": {"summary": "the templates served", "parameters": [_LANG],
                                   "responses": {"200": json_ok}}},
            form: {"get": _op("a unit's pre-filled form for a period", _FORM, params=[_LANG, _PII])},
            form + "/draft": {"put": _op("save a draft (never blocked by rules)", _FORM, params=[key], body=_VALUES)},
            form + "/submit": {"post": _op("validate and store a submission", _FORM, params=[key], body=_VALUES)},
            form + "/return": {"post": _op("return a submission with notes", json_ok, body=_body("Return"))},
            form + "/approve": {"post": _op("approve (and lock) a submission", json_ok, body=_body("Approve"))},
            "/rollups/{template}/{org}/{period}": {"get": _op("roll submissions up, with coverage", json_ok, params=[
                {"name": "level", "in": "query", "schema": {"type": "string"}}, _PII])},
            "/status/{template}/{org}/{period}": {"get": _op("due date and units not submitted", json_ok)},
            "/corrections/{template}/{org}/{period}": {"get": _op("pre-filled values staff corrected", json_ok,
                                                                  params=[_PII])},
            "/static/{name}": {"get": {"summary": "formkit's runtime files", "parameters": [
                {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "the file"}, "404": _PROBLEM}}},
        },
        "components": {"schemas": {
            "Problem": {"type": "object", "required": ["type", "title", "status", "code"], "properties": {
                "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                "detail": {"type": "string"}, "code": {"type": "string"},
                "issues": {"type": "array", "items": {"type": "object"}}}},
            "Form": {"type": "object", "properties": {"template": {"enum": ids}, "values": {"type": "object"},
                                                      "tables": {"type": "object"}, "grids": {"type": "object"},
                                                      "notes": {"type": "array"}}},
            "Values": {"type": "object", "description": "SPEC §5's --values shape",
                       "properties": {"values": {"type": "object"}, "tables": {"type": "object"},
                                      "grids": {"type": "object"}, "confirm": {"type": "array"},
                                      "revision": {"type": "integer"}, "footer": {"type": "object"}}},
            "Return": {"type": "object", "required": ["notes"], "properties": {
                "notes": {"description": '{"field or grid.row.col": "note"}, or [{field, row, col, note}]',
                          "type": ["object", "array"]}, "revision": {"type": "integer"}}},
            "Approve": {"type": "object", "properties": {"revision": {"type": "integer"}}},
        }},
    }
