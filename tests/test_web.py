"""The web app (SPEC §9) through Starlette's TestClient: the actor matrix through HTTP (generated,
1,728 combinations, 0 allowed that should not be, every refusal a 403 ``forbidden`` problem that
stored nothing), four eyes, the Idempotency-Key, and hostile requests — each answered with an
``application/problem+json`` carrying its stable code, and nothing stored."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.requests import Request
from starlette.testclient import TestClient

import formkit
import formkit.web
from formkit import Actor
from formkit.demo.pool import generate_demo_pool
from formkit.runtime import connect
from formkit.runtime.workflow import submission_states
from formkit.web.security import CSP
from formkit.web.static import runtime_files

TID = "elderly_population_grid"
PERIOD = "2026"
A, B = "370602001001", "370602001002"  # two communities of street 370602001
PARENT = {"370602": "370600", "370602001": "370602", A: "370602001", B: "370602001", f"{A}001": A}
FORM = f"/forms/{TID}/{{org}}/{PERIOD}"
GOOD = {"values": {"alone_visits": 3, "allowance_recipients": 5}}
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"duckdb:///{tmp_path_factory.mktemp('web') / 'demo.duckdb'}"
    con = connect(url)
    try:
        generate_demo_pool(con, formkit.load_pool(formkit.examples_dir() / "demo_city.pool.yaml"), scale=0.002, seed=7)
    finally:
        con.close()
    return url


class Who:
    """The test's actor mapping: the header ``x-test-actor`` names a registered actor."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}

    def __call__(self, request: Request) -> Actor | None:
        return self.actors.get(request.headers.get("x-test-actor", ""))

    def as_(self, user: str, org: str, roles: Any) -> dict[str, str]:
        name = f"{user}|{org}|{','.join(sorted(roles))}"
        self.actors.setdefault(name, Actor(user=user, org=org, roles=roles))
        return {"x-test-actor": name}


@pytest.fixture(scope="module")
def web(db_url: str) -> Iterator[tuple[TestClient, Who, Any]]:
    who = Who()
    app = formkit.web.app(templates=formkit.examples_dir(), db=db_url, actor=who)
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client, who, app


def _con(app: Any) -> Any:
    route = next(r for r in app.app.routes if getattr(r, "path", "") == "/templates")
    return route.endpoint.__self__.site.db


def _states(app: Any) -> dict[str, tuple[str, int, str]]:
    tpl = _con_site(app).templates[TID]
    return submission_states(_con(app), tpl, "370600", PERIOD)


def _con_site(app: Any) -> Any:
    route = next(r for r in app.app.routes if getattr(r, "path", "") == "/templates")
    return route.endpoint.__self__.site


def _problem(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers["content-type"]
    body: dict[str, Any] = r.json()
    assert body["code"] == code and body["status"] == status and body["type"].endswith(code), body
    assert body["title"] and body["detail"]
    return body


# -- the actor matrix ---------------------------------------------------------------------------

ACTOR_ORGS = {"the city": "370600", "its street": "370602001", "community A": A, "community B": B,
              "a grid below A": f"{A}001", "an unknown unit": "999999"}
ROLE_SETS = [frozenset(c) for n in range(5) for c in itertools.combinations(("filler", "reviewer", "pii", "admin"), n)]
# The rules of SPEC §9 written out again (not read from formkit.runtime.actor).
NEEDS = {"fill": {"filler", "reviewer"}, "fill pii": {"filler", "reviewer"}, "draft": {"filler"},
         "submit": {"filler"}, "return": {"reviewer"}, "approve": {"reviewer"}, "status": {"filler", "reviewer"},
         "rollup": {"filler", "reviewer"}, "corrections": {"reviewer"}}
TARGETS = (A, B)
COMBOS = list(itertools.product(ACTOR_ORGS, ROLE_SETS, NEEDS, TARGETS))


def _inside(unit: str, top: str) -> bool:
    while unit != top:
        if unit not in PARENT:
            return False
        unit = PARENT[unit]
    return True


def allowed(where: str, roles: frozenset[str], action: str, target: str) -> bool:
    return bool(roles & NEEDS[action]) and ("pii" in roles or not action.endswith("pii")) \
        and _inside(target, ACTOR_ORGS[where])


def _request(client: TestClient, headers: dict[str, str], action: str, target: str) -> Any:
    form = FORM.format(org=target)
    if action in ("fill", "fill pii"):
        return client.get(form + ("?pii=1" if action == "fill pii" else ""), headers=headers)
    if action == "draft":
        return client.put(form + "/draft", headers={**headers, **JSON}, content=json.dumps(GOOD))
    if action == "submit":
        return client.post(form + "/submit", headers={**headers, **JSON}, content=json.dumps(GOOD))
    if action == "return":
        return client.post(form + "/return", headers={**headers, **JSON},
                           content=json.dumps({"notes": {"alone_visits": "请核实"}}))
    if action == "approve":
        return client.post(form + "/approve", headers={**headers, **JSON}, content="{}")
    kind = {"status": "status", "rollup": "rollups", "corrections": "corrections"}[action]
    return client.get(f"/{kind}/{TID}/{target}/{PERIOD}", headers=headers)


def test_the_actor_matrix_through_the_app(web: tuple[TestClient, Who, Any]) -> None:
    """SPEC §9 through HTTP: 6 actor units × 16 role sets × 9 actions × 2 target units. Every
    combination the rules refuse is a 403 ``forbidden`` problem and, all of them together,
    stored nothing; every one they allow gets past the gate (any answer but 403), except a
    review of the actor's own last submit (four eyes), which is refused."""
    client, who, app = web
    assert len(COMBOS) >= 1000
    # a submission (by someone else) in each target unit, so returns and approvals have one
    for target in TARGETS:
        r = client.post(FORM.format(org=target) + "/submit", headers={**who.as_("li", "370600", {"filler"}), **JSON},
                        content=json.dumps(GOOD))
        assert r.status_code == 200, r.text
    before = _states(app)
    refused = [c for c in COMBOS if not allowed(*c)]
    wrongly_allowed = []
    for where, roles, action, target in refused:
        r = _request(client, who.as_("matrix", ACTOR_ORGS[where], roles), action, target)
        if r.status_code != 403:
            wrongly_allowed.append((where, sorted(roles), action, target, r.status_code))
        else:
            _problem(r, 403, "forbidden")
    assert wrongly_allowed == [], wrongly_allowed[:10]
    assert _states(app) == before, "a refused request stored something"
    wrongly_refused = []
    last_submit = dict.fromkeys(TARGETS, "li")  # four eyes: who last submitted each target
    for where, roles, action, target in [c for c in COMBOS if allowed(*c)]:
        was = _states(app).get(target)
        r = _request(client, who.as_("matrix", ACTOR_ORGS[where], roles), action, target)
        if action == "submit" and r.status_code == 200 and _states(app).get(target) != was:
            last_submit[target] = "matrix"  # a submit that stored something (the same one again stores nothing)
        own = action in ("return", "approve") and last_submit[target] == "matrix"
        if own:
            _problem(r, 403, "forbidden")
        elif r.status_code == 403:
            wrongly_refused.append((where, sorted(roles), action, target, r.json()["detail"]))
    assert wrongly_refused == [], wrongly_refused[:10]
    print(f"actor matrix through the app: {len(COMBOS)} combinations, {len(refused)} refused, "
          f"{len(COMBOS) - len(refused)} allowed, 0 wrongly allowed")


def test_four_eyes_through_the_app(web: tuple[TestClient, Who, Any]) -> None:
    """A reviewer who also fills may not approve their own submit; another reviewer may; a
    second approval by the filler is refused (forbidden), the submission stays approved."""
    client, who, app = web
    unit = "370602001003"
    both = who.as_("zhou", "370602001", {"filler", "reviewer"})
    form = FORM.format(org=unit)
    r = client.post(form + "/submit", headers={**both, **JSON}, content=json.dumps(GOOD))
    assert r.status_code == 200 and r.json()["state"] == "submitted", r.text
    _problem(client.post(form + "/approve", headers={**both, **JSON}, content="{}"), 403, "forbidden")
    r = client.post(form + "/approve", headers={**who.as_("wang", "370602", {"reviewer"}), **JSON}, content="{}")
    assert r.status_code == 200 and r.json()["state"] == "approved", r.text
    _problem(client.post(form + "/approve", headers={**both, **JSON}, content="{}"), 403, "forbidden")
    assert _states(app)[unit][0] == "approved"


# -- Idempotency-Key ------------------------------------------------------------------------------


def test_an_idempotency_key_is_the_submission_id(web: tuple[TestClient, Who, Any]) -> None:
    """The same key from the same revision with the same body is stored once; with another body
    it is refused (``idempotency-key-reused``, 409) and nothing is stored."""
    client, who, app = web
    unit = "370602001004"
    li = {**who.as_("li", "370600", {"filler"}), **JSON}
    form = FORM.format(org=unit)
    key = "k" + "0" * 31
    first = client.post(form + "/submit", headers={**li, "idempotency-key": key}, content=json.dumps(GOOD))
    assert first.status_code == 200 and first.json()["submission"] == key, first.text
    again = client.post(form + "/submit", headers={**li, "idempotency-key": key}, content=json.dumps(GOOD))
    assert again.status_code == 200 and again.json()["revision"] == first.json()["revision"]
    other = {"values": {"alone_visits": 4, "allowance_recipients": 5}}
    _problem(client.post(form + "/submit", headers={**li, "idempotency-key": key}, content=json.dumps(other)),
             409, "idempotency-key-reused")
    assert _states(app)[unit] == ("submitted", first.json()["revision"], key)
    stored = client.get(form, headers=li).json()
    assert stored["values"]["alone_visits"] == 3
    # the same request from one who may not submit is refused, replay or not
    reviewer = {**who.as_("wang", "370600", {"reviewer"}), **JSON, "idempotency-key": key}
    _problem(client.post(form + "/submit", headers=reviewer, content=json.dumps(GOOD)), 403, "forbidden")
    # the same key and body for another unit is another request: refused, nothing stored there
    elsewhere = FORM.format(org="370602001002") + "/submit"
    _problem(client.post(elsewhere, headers={**li, "idempotency-key": key}, content=json.dumps(GOOD)), 409,
             "idempotency-key-reused")
    # a key the body contradicts, or that is no id
    _problem(client.post(form + "/submit", headers={**li, "idempotency-key": "x" * 65}, content="{}"), 422,
             "values-shape")


# -- hostile requests ----------------------------------------------------------------------------

HOSTILE = {
    "oversized": ("put", "/draft", {**JSON}, b'{"values": {"alone_visits": 3}, "pad": "' + b"x" * 1_100_000 + b'"}',
                  413, "request-too-large"),
    "malformed-json": ("post", "/submit", {**JSON}, b'{"values": {"alone_visits": 3', 400, "values-syntax"),
    "not-utf8": ("post", "/submit", {**JSON}, b'{"values": "\xff\xfe"}', 400, "values-syntax"),
    "nan": ("post", "/submit", {**JSON}, b'{"values": {"alone_visits": NaN}}', 400, "values-syntax"),
    "text-plain": ("post", "/submit", {"content-type": "text/plain"}, json.dumps(GOOD).encode(), 415,
                   "unsupported-media-type"),
    "form-encoded": ("post", "/submit", {"content-type": "application/x-www-form-urlencoded"}, b"values=1", 415,
                     "unsupported-media-type"),
    "no-content-type": ("put", "/draft", {}, json.dumps(GOOD).encode(), 415, "unsupported-media-type"),
    "cross-origin": ("post", "/submit", {**JSON, "origin": "https://evil.example"}, json.dumps(GOOD).encode(), 403,
                     "cross-site-request"),
    "null-origin": ("post", "/return", {**JSON, "origin": "null"}, b'{"notes": {"alone_visits": "x"}}', 403,
                    "cross-site-request"),
    "cross-site-fetch": ("post", "/approve", {**JSON, "sec-fetch-site": "cross-site"}, b"{}", 403,
                         "cross-site-request"),
    "same-site-fetch": ("put", "/draft", {**JSON, "sec-fetch-site": "same-site"}, json.dumps(GOOD).encode(), 403,
                        "cross-site-request"),
    "unknown-key": ("post", "/submit", {**JSON}, b'{"values": {"alone_vists": 3}}', 422, "unknown-values-key"),
    "other-unit": ("post", "/submit", {**JSON}, b'{"org": "370602001002", "values": {}}', 422, "values-shape"),
    "bad-notes": ("post", "/return", {**JSON}, b'{"notes": "please"}', 422, "values-shape"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_request_is_a_problem_and_stores_nothing(web: tuple[TestClient, Who, Any], case: str) -> None:
    client, who, app = web
    method, path, headers, body, status, code = HOSTILE[case]
    actor = who.as_("li", "370600", {"filler", "reviewer"})
    before = _states(app)
    r = client.request(method.upper(), FORM.format(org="370602001001") + path,
                                   headers={**actor, **headers}, content=body)
    _problem(r, status, code)
    assert _states(app) == before


def test_a_chunked_body_is_counted_as_it_arrives(web: tuple[TestClient, Who, Any]) -> None:
    client, who, app = web
    before = _states(app)

    def chunks() -> Iterator[bytes]:
        yield b'{"values": {}, "pad": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'

    r = client.put(FORM.format(org=A) + "/draft", headers={**who.as_("li", "370600", {"filler"}), **JSON},
                   content=chunks())
    _problem(r, 413, "request-too-large")
    assert _states(app) == before


@pytest.mark.parametrize("path", ["/static/../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml",
                                  "/static/..%2f..%2fpyproject.toml", "/static/formkit.js/../../api.py",
                                  "/static/%00", "/static/formkit.js%00.css", "/static/", "/static/.",
                                  "/app/../routes.py", "/app/page.js/..", "/static/..\\..\\api.py"])
def test_static_files_never_leave_their_folders(web: tuple[TestClient, Who, Any], path: str) -> None:
    client, _, _ = web
    _problem(client.get(path), 404, "not-found")


def test_every_runtime_file_is_served_under_csp(web: tuple[TestClient, Who, Any]) -> None:
    """All of formkit's static files (formkit.js imports the rest) and the page's own."""
    client, _, _ = web
    names = runtime_files()
    assert len(names) >= 10 and "formkit.js" in names
    for name in names:
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and r.headers["content-security-policy"] == CSP
        assert r.content == (formkit.static_dir() / name).read_bytes()
    assert client.get("/app/page.js").headers["content-type"].startswith("text/javascript")


def test_nobody_signed_in_and_unknown_routes(web: tuple[TestClient, Who, Any]) -> None:
    client, who, _ = web
    _problem(client.get("/templates"), 401, "unauthenticated")
    _problem(client.get(FORM.format(org=A)), 401, "unauthenticated")
    li = who.as_("li", "370600", {"filler"})
    _problem(client.get(f"/forms/no_such/{A}/{PERIOD}", headers=li), 404, "not-found")
    deleted = client.request("DELETE", FORM.format(org=A), headers={**li, **JSON}, content="{}")
    _problem(deleted, 405, "method-not-allowed")
    _problem(client.get(f"/forms/{TID}/{A}/2026-10", headers=li), 400, "bad-period")
    _problem(client.get(f"/forms/{TID}/999999/{PERIOD}", headers=li), 404, "unknown-org")


def test_pages_carry_the_strict_csp(web: tuple[TestClient, Who, Any]) -> None:
    client, who, _ = web
    li = {**who.as_("li", "370600", {"filler"}), "accept": "text/html"}
    for path in ("/templates", f"/status/{TID}/370602001/{PERIOD}", FORM.format(org=B)):
        r = client.get(path, headers=li)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
        assert r.headers["content-security-policy"] == CSP and r.headers["x-content-type-options"] == "nosniff"
        assert "<script>" not in r.text and " onclick=" not in r.text
    page = client.get(FORM.format(org=B), headers=li).text
    assert "古店路社区" in page and "2027-01-15" in page  # the unit's name and the due date


def test_openapi_names_every_route(web: tuple[TestClient, Who, Any]) -> None:
    client, _, _ = web
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    form = "/forms/{template}/{org}/{period}"
    assert {"/templates", form, form + "/draft", form + "/submit", form + "/return", form + "/approve",
            "/rollups/{template}/{org}/{period}", "/status/{template}/{org}/{period}"} <= set(doc["paths"])
    assert "Idempotency-Key" in json.dumps(doc["paths"][form + "/submit"])


def test_the_app_mounts_in_a_host(db_url: str) -> None:
    """docs/hosting.md's example: a host's Starlette app mounts formkit under /reports."""
    from starlette.applications import Starlette
    from starlette.routing import Mount

    fk = formkit.web.app(templates=Path(formkit.examples_dir()) / f"{TID}.yaml", db=db_url,
                         actor=lambda request: Actor(user="li", org="370602001", roles={"filler"}))
    host = Starlette(routes=[Mount("/reports", app=fk)])
    with TestClient(host) as client:
        r = client.get("/reports/templates")
        assert r.status_code == 200 and [t["id"] for t in r.json()["templates"]] == [TID]


@pytest.mark.parametrize("tid", sorted(p.stem for p in formkit.examples_dir().glob("*.yaml") if p.stem.count(".") == 0))
def test_every_example_has_its_pages(web: tuple[TestClient, Who, Any], tid: str) -> None:
    """Each shipped example: its form at a unit of its level, as JSON and as the form page for a
    filler and a reviewer, and its status page."""
    client, who, app = web
    tpl = _con_site(app).templates[tid]
    unit = {"community": "370602001002", "street": "370602001"}[tpl.level]
    period = {"weekly": "2026W45", "monthly": "2026-10", "quarterly": "2026Q3", "yearly": "2026",
              "once": "once"}[tpl.model.period]
    for roles in ({"filler"}, {"reviewer"}):
        headers = who.as_("zhang", "370602", roles)
        r = client.get(f"/forms/{tid}/{unit}/{period}", headers=headers)
        assert r.status_code == 200 and r.json()["template"] == tid, r.text[:300]
        page = client.get(f"/forms/{tid}/{unit}/{period}", headers={**headers, "accept": "text/html"})
        assert page.status_code == 200 and "data-fk-form" in page.text, page.text[:300]
        status = client.get(f"/status/{tid}/370602/{period}", headers={**headers, "accept": "text/html"})
        assert status.status_code == 200 and unit in status.text


def test_the_footer_is_kept_with_the_submission(web: tuple[TestClient, Who, Any]) -> None:
    """SPEC §9: the footer staff fill (填报人, 联系电话, 报出日期) is stored with the write and
    refilled — in the JSON and in the form page's footer; 填报单位 is the unit's name."""
    client, who, _ = web
    unit = "370602001003"
    li = {**who.as_("li", "370600", {"filler"}), **JSON}
    form = f"/forms/{TID}/{unit}/2025"
    footer = {"org": "ignored: the server shows the unit's name", "filled_by": "李明", "phone": "0535-6688123",
              "date": "2026-01-05"}
    r = client.put(form + "/draft", headers=li, content=json.dumps({**GOOD, "footer": footer}))
    assert r.status_code == 200 and r.json()["footer"] == {k: v for k, v in footer.items() if k != "org"}, r.text
    again = client.get(form, headers=li).json()
    assert again["footer"]["filled_by"] == "李明" and again["revision"] == 1
    page = client.get(form, headers={**li, "accept": "text/html"}).text
    assert 'data-fk-footer="filled_by" value="李明"' in page and 'value="0535-6688123"' in page
    assert 'data-fk-footer="org">文营里社区<' in page
    bad = client.put(form + "/draft", headers=li, content=json.dumps({**GOOD, "footer": {"filled_by": ["x"]}}))
    _problem(bad, 422, "values-shape")
    _problem(client.put(form + "/draft", headers=li, content=json.dumps({**GOOD, "footer": {"signed": "x"}})), 422,
             "unknown-values-key")


def test_the_unit_name_and_due_date_are_on_the_form(web: tuple[TestClient, Who, Any]) -> None:
    """SPEC §9: 填报单位 is the unit's name (JSON ``org_name``, the form's subtitle and footer, the
    Excel footer) and the period's due date is on the form."""
    client, who, _ = web
    li = who.as_("li", "370600", {"filler"})
    form = FORM.format(org=B)
    body = client.get(form, headers=li).json()
    assert body["org_name"] == "古店路社区"
    page = client.get(form, headers={**li, "accept": "text/html"}).text
    assert '<span class="fk-subtitle-org">填报单位：古店路社区</span>' in page
    assert "<span class=\"fk-subtitle-due\" data-fk-due>报送截止：2027-01-15</span>" in page
    workbook = formkit.render_xlsx(formkit.load(formkit.examples_dir() / f"{TID}.yaml"), values=body)
    read = formkit.read_workbook(formkit.load(formkit.examples_dir() / f"{TID}.yaml"), io.BytesIO(workbook))
    assert read["footer"]["unit_name"] == "古店路社区"


def test_the_notes_are_in_the_form_itself(web: tuple[TestClient, Who, Any]) -> None:
    """SPEC §9: a reopened form shows the reviewer's notes — in its JSON (``notes``) and in the
    form's own HTML (fill and print), each place named as the form names it."""
    client, who, _ = web
    unit = "370602001002"
    form = f"/forms/{TID}/{unit}/2024"
    li, wang = {**who.as_("li", "370600", {"filler"}), **JSON}, {**who.as_("wang", "370600", {"reviewer"}), **JSON}
    assert client.post(form + "/submit", headers=li, content=json.dumps(GOOD)).status_code == 200
    notes = {"elderly.age_80_89.male": "请与户籍核对", "alone_visits": "请补充"}
    assert client.post(form + "/return", headers=wang, content=json.dumps({"notes": notes})).status_code == 200
    body = client.get(form, headers=li).json()
    assert [(n["field"], n["row"], n["col"]) for n in body["notes"]] == [
        ("elderly", "age_80_89", "male"), ("alone_visits", None, None)]
    tpl = formkit.load(formkit.examples_dir() / f"{TID}.yaml")
    for mode in ("fill", "print"):
        html = formkit.render_html(formkit.Form.from_json(body, tpl), mode=mode)
        assert "老年人口情况 · 80–89岁 · 男</span>：请与户籍核对" in html, mode
        assert 'data-fk-note-at="alone_visits"' in html
