"""`formkit render` and `formkit preview` (cli_forms.py, preview.py), without a browser: the
commands through typer's CliRunner, the preview's server over HTTP on 127.0.0.1, and its
validation of submissions with the Python evaluator. The browser side is tests/browser/."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import formkit
from formkit.cli.forms import register
from formkit.cli.preview import CSP, Preview, PreviewServer, current_period
from formkit.render.spec import form_spec

EXAMPLES = formkit.examples_dir()
LABOR = EXAMPLES / "labor_archive_stock.yaml"
INSURANCE = EXAMPLES / "insurance_visit_record.yaml"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer(add_completion=False)
    register(app)

    @app.callback()
    def _root() -> None:
        """formkit (test app)."""

    return app


def run(app: typer.Typer, *args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


# -- render --------------------------------------------------------------------------------------


def test_render_json_is_the_form_spec(app: typer.Typer) -> None:
    result = run(app, "render", LABOR, "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(form_spec(formkit.load(LABOR), lang="en")))


def test_render_html_fragment_page_and_file(app: typer.Typer, tmp_path: Path) -> None:
    result = run(app, "render", LABOR)
    assert result.exit_code == 0
    assert result.stdout.lstrip().startswith("<section") and "data-fk-form" in result.stdout
    assert "杨浦区劳动力资源" in result.stdout
    out = tmp_path / "form.html"
    result = run(app, "render", LABOR, "--page", "--static-url", "/assets/", "--lang", "en", "-o", out)
    assert result.exit_code == 0 and f"wrote {out}" in result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'src="/assets/formkit.js"' in html
    assert "Yangpu labor-resource archive stock" in html


def test_render_html_with_values(app: typer.Typer, tmp_path: Path) -> None:
    """--values in SPEC §5's shape: values, meta and the server's issues show in review mode;
    a flat object works too, and `-` reads standard input."""
    values = tmp_path / "values.json"
    values.write_text(json.dumps({
        "values": {"received": 12, "released": 30, "remark": "周五报送"},
        "meta": {"received": {"source": "typed"}},
        "issues": [{"field": "released", "row": None, "col": None, "rule": "max", "severity": "error",
                    "message": "出库数大于库存"}],
        "period": "2026W45",
    }, ensure_ascii=False), encoding="utf-8")
    result = run(app, "render", LABOR, "--values", values, "--mode", "review")
    assert result.exit_code == 0, result.output
    assert "周五报送" in result.stdout and "出库数大于库存" in result.stdout and "2026年第45周" in result.stdout
    assert 'data-fk-mode="review"' in result.stdout
    result = run(app, "render", LABOR, "--values", "-", input='{"remark": "经由标准输入"}')
    assert result.exit_code == 0 and 'value="经由标准输入"' in result.stdout


def test_render_xlsx(app: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    values = tmp_path / "v.json"
    values.write_text('{"received": 5, "released": 2}', encoding="utf-8")
    result = run(app, "render", LABOR, "--format", "xlsx", "--values", values, "-o", out)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as book:
        assert "xl/workbook.xml" in book.namelist()
    piped = run(app, "render", LABOR, "--format", "xlsx")  # not a terminal: the bytes go to stdout
    assert piped.exit_code == 0
    assert zipfile.ZipFile(io.BytesIO(piped.stdout_bytes)).testzip() is None


@pytest.mark.parametrize(("args", "content", "needle", "status"), [
    (["--format", "json", "--values", "{v}"], "{}", "describes the template only", 2),
    (["--values", "{v}"], "[1, 2]", "values-shape: the values file does not hold a JSON object", 1),
    (["--values", "{v}"], "{oops", "values-syntax: the values file is not JSON", 1),
    (["--values", "{missing}"], "{}", "file-not-found: cannot read the values file", 1),
])
def test_render_refuses_bad_input(app: typer.Typer, tmp_path: Path, args: list[str], *, content: str,
                                  needle: str, status: int) -> None:
    """A wrong option is a usage error (2); a bad values file a located one (1, SPEC §7)."""
    v = tmp_path / "v.json"
    v.write_text(content, encoding="utf-8")
    result = run(app, "render", LABOR, *[a.format(v=v, missing=tmp_path / "nope.json") for a in args])
    assert result.exit_code == status
    assert needle in result.stderr


RENDERED = """\
formkit: 1
id: rv
title: R
level: community
period: monthly
fields:
  - {id: n, label: N, type: integer}
  - id: t
    label: T
    type: table
    columns:
      - {id: v, label: V, type: integer}
  - id: g
    label: G
    type: grid
    rows:
      - {id: r1, label: R1}
    columns:
      - {id: m, label: M, type: integer}
"""
RENDER_BODIES: list[tuple[str, str, str, str, str]] = [  # (id, file text, code, named, where: line:col)
    ("nan", '{"values": {"n": NaN}}', "values-syntax", "NaN", ":1:18:"),
    ("infinity", '{"n":\n Infinity}', "values-syntax", "Infinity", ":2:2:"),
    ("minus-infinity", '{"n": -Infinity}', "values-syntax", "-Infinity", ":1:7:"),
    ("deep", '{"n": ' + "[" * 100_000 + "]" * 100_000 + "}", "values-syntax", "deeper than 32", ":1:"),
    ("twice", '{"n": 1, "n": 2}', "values-syntax", "twice", ":1:"),
    ("unknown-field", '{"values": {"nn": 5}}', "unknown-values-key", "did you mean 'n'", ":1:13:"),
    ("unknown-flat-field", '{\n  "nn": 5}', "unknown-values-key", "did you mean 'n'", ":2:3:"),
    ("unknown-top-key", '{"values": {}, "tabels": {}}', "unknown-values-key", "did you mean 'tables'", ":1:16:"),
    ("unknown-grid-row", '{"grids": {"g": {"r2": {"m": 1}}}}', "unknown-values-key", "'r2'", ":1:"),
    ("unknown-grid-col", '{"g.r1.x": 1}', "unknown-values-key", "'g.r1.x'", ":1:"),
    ("unknown-roster-column", '{"tables": {"t": [{"vv": 1}]}}', "unknown-values-key", "did you mean 'v'", ":1:"),
    ("table-not-a-list", '{"t": {"v": 1}}', "values-shape", "list", ":1:"),
]


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
@pytest.mark.parametrize(("case", "text", "code", "named", "where"), RENDER_BODIES, ids=[c[0] for c in RENDER_BODIES])
def test_render_values_are_read_as_submit_reads_them(tmp_path: Path, fmt: str, *, case: str, text: str, code: str,
                                                     named: str, where: str) -> None:
    """SPEC §5/§7 through the real command line (`python -m formkit render --values`): the same
    reader as `submit --values` — NaN, Infinity, 100,000 nested lists, a key twice, a key the
    template or the shape lacks — is a located error: exit 1, no traceback, nothing written."""
    tpl = tmp_path / "rv.yaml"
    tpl.write_text(RENDERED, encoding="utf-8")
    v, out = tmp_path / "v.json", tmp_path / f"out.{fmt}"
    v.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    done = subprocess.run([sys.executable, "-m", "formkit", "render", str(tpl), "--format", fmt, "--values", str(v),
                           "-o", str(out)], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"{v}{where}") and f": {code}: " in first, first
    assert named in done.stderr[:3000] and len(done.stderr) < 5000
    assert not out.exists()


def test_render_values_keep_what_render_reads(app: typer.Typer, tmp_path: Path) -> None:
    """The keys a render shows beyond what a submission takes (footer, org_name, period, rows
    of any key, another unit) are accepted: the body of `fill --json` renders as before."""
    tpl = tmp_path / "rv.yaml"
    tpl.write_text(RENDERED, encoding="utf-8")
    v = tmp_path / "v.json"
    v.write_text(json.dumps({"org": "370602001001", "org_name": "某社区", "period": "2026-10", "state": "draft",
                             "values": {"n": 3}, "tables": {"t": [{"_key": "P1", "v": 1}, {"v": 2}]},
                             "grids": {"g": {"r1": {"m": 4}}}, "footer": {"filler": "李"}, "meta": {},
                             "issues": [], "confirm": [], "revision": 0}), encoding="utf-8")
    result = run(app, "render", tpl, "--values", v, "--mode", "review")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<section") and 'data-fk-mode="review"' in result.stdout
    flat = run(app, "render", tpl, "--values", "-", input='{"n": 3, "period": "2026-10", "g.r1.m": 4}')
    assert flat.exit_code == 0, flat.stderr


def test_render_reports_template_errors(app: typer.Typer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("formkit: 1\nid: t\ntitle: T\nperiod: monthly\nfields:\n  - {id: a, label: A, type: integr}\n",
                   encoding="utf-8")
    result = run(app, "render", bad)
    assert result.exit_code == 1
    assert "bad.yaml:6" in result.stderr and "integr" in result.stderr


# -- preview: the command ----------------------------------------------------------------------


def test_preview_command_serves_until_interrupted(app: typer.Typer, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: PreviewServer, poll_interval: float = 0.5) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(PreviewServer, "serve_forever", interrupted)
    result = run(app, "preview", LABOR, "--port", "0", "--period", "2026W45", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "formkit preview of labor_archive_stock at http://127.0.0.1:" in result.stdout


def test_preview_command_errors(app: typer.Typer) -> None:
    result = run(app, "preview", LABOR, "--period", "2026-10")
    assert result.exit_code == 1 and "weekly" in result.stderr
    with PreviewServer(Preview.load(LABOR)) as busy:
        result = run(app, "preview", LABOR, "--port", str(busy.server_address[1]))
    assert result.exit_code == 2 and "cannot serve on 127.0.0.1" in result.stderr


@pytest.mark.parametrize(("kind", "day", "period"), [
    ("weekly", dt.date(2027, 1, 2), "2026W53"), ("monthly", dt.date(2026, 1, 31), "2026-01"),
    ("quarterly", dt.date(2026, 9, 30), "2026Q3"), ("yearly", dt.date(2026, 12, 31), "2026"),
    ("once", dt.date(2026, 5, 1), "once"),
])
def test_current_period(kind: str, day: dt.date, period: str) -> None:
    assert current_period(kind, day) == period
    with pytest.raises(ValueError, match="not a kind of period"):
        current_period("daily", day)


# -- preview: the server's check -------------------------------------------------------------------


def _issues(result: dict[str, Any]) -> set[tuple[Any, ...]]:
    return {(i["field"], i["row"], i["col"], i["rule"]) for i in result["issues"]}


def test_validate_recomputes_and_finds_issues() -> None:
    """Only what staff may type is taken: a calculated value in the payload is recomputed, and
    the issues are the Python evaluator's."""
    preview = Preview.load(LABOR, period="2026W45")
    payload = {"template": "labor_archive_stock", "values": {"received": 5, "released": 9, "closing": 999,
                                                             "unemp_in": Decimal("1.5")}}
    result = preview.validate(json.dumps(payload, default=str).encode())
    assert result["values"]["closing"] == "-4" and result["ok"] is False  # numbers as exact decimal text
    assert ("unemp_in", None, None, "type") in _issues(result)
    ok = preview.validate(b'{"values": {"received": 5, "released": 2}}', lang="en")
    assert ok["ok"] is True and ok["errors"] == 0
    assert preview.last is not None and preview.last["payload"]["values"] == {"received": 5, "released": 2}


def test_validate_roster_rows_and_numbers_as_decimals() -> None:
    preview = Preview.load(INSURANCE)
    body = ('{"values": {"走访次数": 3, "已动员参保人数": 1}, "tables": {"走访登记": [{"_key": "new-1", '
            '"姓名": "张三", "身份证号": "11010519491231002X", "性别": "M", "走访日期": "2026-11-02", '
            '"走访方式": "home", "宣传事项": ["medical"], "参保意愿": "paid"}]}}').encode()
    result = preview.validate(body)
    assert result["tables"]["走访登记"][0]["出生日期"] == "1949-12-31"
    assert ("走访登记", 0, "性别", "性别与身份证一致") in _issues(result)
    assert result["values"]["人均走访次数"] is None  # no grid workers from a pool: division by null


@pytest.mark.parametrize(("body", "needle"), [
    (b"[1]", "JSON object"), (b'{"template": "other"}', "not of 'labor_archive_stock'"),
    (b'{"values": [1]}', "'values' must be a JSON object"),
])
def test_validate_refuses_bad_submissions(body: bytes, needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        Preview.load(LABOR).validate(body)


# -- preview: HTTP ---------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[PreviewServer]:
    s = PreviewServer(Preview.load(INSURANCE)).start()
    yield s
    s.stop()


def _get(url: str) -> tuple[int, Any, bytes]:
    """Status, headers (read case-insensitively: uvicorn sends them in lower case) and body."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def _post(url: str, body: bytes) -> tuple[int, dict[str, Any]]:
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_preview_serves_the_page_and_static_files_under_csp(server: PreviewServer) -> None:
    status, headers, body = _get(server.url + "?lang=en&mode=review")
    assert status == 200 and headers["Content-Security-Policy"] == CSP
    html = body.decode()
    assert 'data-fk-mode="review"' in html and "Medical-insurance enrolment drive" in html
    assert '<script type="module" src="/static/formkit.js">' in html and "<script>" not in html
    for path, kind in (("static/formkit.js", "text/javascript"), ("static/formkit-eval.js", "text/javascript"),
                       ("static/formkit.css", "text/css"), ("preview/preview.js", "text/javascript"),
                       ("preview/preview.css", "text/css")):
        status, headers, body = _get(server.url + path)
        assert status == 200 and headers["Content-Type"].startswith(kind) and body, path
    for path in ("static/../preview.py", "static/%2e%2e/preview.py", "nothing", "static/"):
        assert _get(server.url + path)[0] == 404, path
    assert _get(server.url + "favicon.ico")[0] == 204


def test_preview_validates_posted_submissions(server: PreviewServer) -> None:
    status, result = _post(server.url + "validate?lang=en", '{"values": {"走访次数": 2}}'.encode())
    assert status == 200 and result["ok"] is False
    found = [[i["field"], i["rule"], i["message"]] for i in result["issues"]]
    assert found == [["已动员参保人数", "required", "Persuaded to enrol (incl. already paid) is required"]]
    status, result = _post(server.url + "validate", b"not json")
    assert status == 400 and "failed" in result
    with pytest.raises(urllib.error.HTTPError, match="404"):
        urllib.request.urlopen(urllib.request.Request(server.url + "elsewhere", data=b"{}", method="POST",
                                                      headers={"Content-Type": "application/json"}), timeout=10)
    with pytest.raises(urllib.error.HTTPError, match="415"):  # a post that is not JSON is refused first
        urllib.request.urlopen(urllib.request.Request(server.url + "elsewhere", data=b"{}", method="POST"), timeout=10)
    status, _, body = _get(server.url + "?mode=review&from=last")
    assert status == 200 and 'data-fk-mode="review"' in body.decode()


def test_preview_from_a_pool(tmp_path: Path) -> None:
    """--db: the first unit at the template's level, its pool values and roster rows."""
    from formkit.demo.pool import generate_demo_pool
    from formkit.runtime import connect

    url = f"duckdb:///{tmp_path / 'demo.duckdb'}"
    con = connect(url)
    generate_demo_pool(con, formkit.load_pool(EXAMPLES / "demo_city.pool.yaml"), scale=0.002, seed=7)
    con.close()
    preview = Preview.load(EXAMPLES / "assistance_sentinel.yaml", db=url, period="2026-10")
    assert preview.pool.org == "370602001001" and preview.pool.org_name
    assert isinstance(preview.pool.prefilled["recipients"], Decimal | int)
    other = Preview.load(EXAMPLES / "assistance_sentinel.yaml", db=url, org="370602001002", period="2026-10")
    assert len(other.pool.rows["sentinel"]) == 2
    html = other.page(lang="en")
    assert other.pool.org_name in html and "*" in other.pool.rows["sentinel"][0]["name"]
    result = other.validate(b'{"values": {}}')
    assert {("sentinel", 0, "result", "required"), ("sentinel", 1, "result", "required")} <= _issues(result)
    with pytest.raises(formkit.TemplateError):
        Preview.load(EXAMPLES / "assistance_sentinel.yaml", db=url, org="999", period="2026-10")
