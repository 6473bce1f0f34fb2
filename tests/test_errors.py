"""Every error code has a triggering example reported at its line and column, and a doc entry
(issue 2: "a test fails when a code has no triggering example"; SPEC §7)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import formkit
from errorcases import BAD, CASES, MORE_CASES, PROGRAMMATIC
from formkit.cli.check import check_paths
from formkit.cli.main import app
from formkit.core.errors import TemplateError, all_codes
from formkit.runtime.form import Form
from formkit.runtime.values import apply_values, parse_body

ROOT = Path(__file__).parent.parent


def test_every_code_has_a_triggering_example() -> None:
    assert set(all_codes()) == set(CASES) | set(PROGRAMMATIC)


def test_every_code_is_documented() -> None:
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^## `([a-z-]+)`", doc, flags=re.MULTILINE))
    assert documented == set(all_codes())


def test_errors_doc_is_generated_from_the_corpus() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_errors_doc.py"), "--check"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("code", sorted(CASES))
def test_bad_input_is_located(code: str) -> None:
    """SPEC §7: every bad input gets a clear, located error."""
    name, line, column = CASES[code]
    report = check_paths([BAD / name])
    found = [(i.code, i.span.line, i.span.column) for i in report.issues]
    assert (code, line, column) in found, found
    issue = next(i for i in report.issues if i.code == code)
    assert issue.message and issue.span.file.endswith(name)


@pytest.mark.parametrize(("code", "name", "line", "column"), MORE_CASES,
                         ids=[f"{c[1]}:{c[2]}" for c in MORE_CASES])
def test_more_bad_input_is_located(code: str, name: str, line: int, column: int) -> None:
    """SPEC §7: each of these is refused by `formkit check` with a located error, and by
    formkit.load / load_pool with the same issue."""
    report = check_paths([BAD / name])
    assert (code, line, column) in [(i.code, i.span.line, i.span.column) for i in report.issues]
    issue = next(i for i in report.issues if (i.code, i.span.line, i.span.column) == (code, line, column))
    assert issue.message and issue.hint and issue.span.file.endswith(name)
    with pytest.raises(TemplateError) as exc:
        _loader(name)(BAD / name)
    assert (code, line, column) in [(i.code, i.span.line, i.span.column) for i in exc.value.issues]


def _loader(name: str) -> Callable[[Path], object]:
    if name.endswith(".pool.yaml"):
        return formkit.load_pool
    return formkit.load_elements if name.endswith(".elements.yaml") else formkit.load


def _not_a_pool(tmp_path: Path, target: str) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(f"formkit: 1\nid: t\ntitle: T\npool: '{target}'\nlevel: street\nperiod: monthly\n"
                    "fields:\n  - {id: a, label: A, type: integer}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("content", [
    "root:x:0:0:SECRET-1234:/root:/bin/bash\n",  # /etc/passwd: YAML text, not a mapping
    "password: SECRET-1234\n",  # a mapping, not a pool
    "formkit: 1\nid: SECRET-1234\ntitle: x\nperiod: once\nfields: []\n",  # a template
    "key: [SECRET-1234\n",  # not YAML
    "\xff\xfeSECRET-1234",  # not UTF-8
], ids=["passwd", "mapping", "template", "not-yaml", "not-utf8"])
def test_a_pool_path_shows_nothing_of_the_file(tmp_path: Path, content: str) -> None:
    """SPEC §6 "masking applies on every way out … error messages": a template's `pool:` can name
    any readable file (../../etc/passwd); the error says it is not a pool file, located at the
    template's `pool:`, and shows nothing of what the file holds."""
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_bytes(content.encode("latin-1"))
    template = _not_a_pool(tmp_path, f"{secret}")
    report = check_paths([template])
    assert [(i.code, i.span.file, i.span.line) for i in report.issues] == [("file-kind", str(template), 4)]
    shown = "\n".join(i.format(report.sources.get(i.span.file)) for i in report.issues)
    result = CliRunner().invoke(app, ["check", str(template), "--format", "json"])
    with pytest.raises(TemplateError) as exc:
        formkit.load(template)
    for out in (shown, result.output, str(exc.value), repr(exc.value.sources)):
        assert "SECRET" not in out and "root:" not in out, out


def test_missing_file() -> None:
    report = check_paths([BAD / "no-such-file.yaml"])
    assert [i.code for i in report.issues] == ["file-not-found"]


def test_missing_template_file_raises() -> None:
    with pytest.raises(TemplateError) as exc:
        formkit.load(BAD / "no-such-file.yaml")
    assert exc.value.codes() == ["file-not-found"]


def test_file_too_large(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("formkit: 1\n" + "# padding\n" * 250_000, encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        formkit.load(big)
    assert exc.value.codes() == ["file-too-large"]


def test_file_not_utf8(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("formkit: 1\nid: t\ntitle: 劳动力资源\n".encode("gbk"))
    with pytest.raises(TemplateError) as exc:
        formkit.load(gbk)
    assert exc.value.codes() == ["file-encoding"]
    assert exc.value.issues[0].span.line == 3


@pytest.mark.parametrize("period", ["2026-13", "2026W45x", "2026Q3", "", "2026W54", "2025W53"])
def test_bad_period(period: str) -> None:
    tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")  # weekly
    with pytest.raises(TemplateError) as exc:
        tpl.period_of(period)
    assert exc.value.codes() == ["bad-period"]


def test_several_errors_in_one_file_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        "formkit: 1\nid: many\ntitle: 多处错误\nperiod: monthly\nfields:\n"
        "  - {id: a, label: 甲, type: integer, calc: recieved + 1}\n"
        "  - {id: b, label: 乙, type: integer, calc: \"'x' + 1\"}\n"
        "  - {id: c, label: 丙, type: integer, calc: (a + 1}\n"
        "  - {id: d, label: 丁, type: text, precision: 2}\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as exc:
        formkit.load(path)
    got = [(i.code, i.span.line) for i in exc.value.issues]
    assert got == [("unknown-name", 6), ("type-mismatch", 7), ("expr-syntax", 8), ("misplaced-key", 9)]


def test_identifiers_in_any_script(tmp_path: Path) -> None:
    path = tmp_path / "cjk.yaml"
    path.write_text(
        "formkit: 1\nid: 走访\ntitle: 走访\nperiod: once\nfields:\n"
        "  - {id: 走访次数, label: 走访次数, type: integer}\n"
        "  - {id: 入户次数, label: 入户, type: integer, calc: 走访次数 * 2}\n",
        encoding="utf-8",
    )
    tpl = formkit.load(path)
    assert tpl.plan.order == ["入户次数"]


def test_check_cli_prints_compiler_style() -> None:
    result = CliRunner().invoke(app, ["check", str(BAD / "unknown-name.yaml")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith("unknown-name.yaml:7:44: unknown-name: unknown field 'recieved'")
    assert lines[2].strip() == "^^^^^^^^"
    assert lines[3].strip() == "hint: did you mean 'received'?"


def test_check_cli_json_and_folders() -> None:
    result = CliRunner().invoke(app, ["check", str(BAD), "--format", "json"])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert {i["code"] for i in payload["issues"]} >= set(CASES)
    ok = CliRunner().invoke(app, ["check", str(formkit.examples_dir())])
    assert ok.exit_code == 0, ok.output
    assert "0 error(s)" in ok.output


# -- values bodies (`formkit submit --values`): the codes with no file in the corpus -------------


def _values_form(name: str = "labor_archive_stock", **pool_rows: list[dict[str, object]]) -> Form:
    tpl = formkit.load(formkit.examples_dir() / f"{name}.yaml")
    period = {"weekly": "2026W45", "monthly": "2026-10"}[tpl.period]
    return Form.build(tpl, org="370602001", period=period, prefilled={}, pool_rows=pool_rows, prev={})


def _values_codes(text: str, form: Form | None = None) -> list[tuple[str, int, int]]:
    with pytest.raises(TemplateError) as exc:
        apply_values(form or _values_form(), parse_body(text, "v.json"))
    return [(i.code, i.span.line, i.span.column) for i in exc.value.issues]


def test_values_syntax_is_located() -> None:
    """SPEC §7: NaN, Infinity, deep nesting, a key twice, text that is not JSON."""
    assert _values_codes('{\n  "received": NaN}') == [("values-syntax", 2, 15)]
    assert _values_codes('{"received": -Infinity}') == [("values-syntax", 1, 14)]
    assert _values_codes('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}")[0][0] == "values-syntax"
    assert _values_codes('{"received": 1, "received": 2}') == [("values-syntax", 1, 17)]
    assert _values_codes('{"received": 1,') == [("values-syntax", 1, 16)]


def test_unknown_values_key_suggests_the_nearest() -> None:
    with pytest.raises(TemplateError) as exc:
        apply_values(_values_form(), parse_body('{"values": {"recieved": 5}}', "v.json"))
    (issue,) = exc.value.issues
    assert (issue.code, issue.span.line, issue.span.column, issue.path) == (
        "unknown-values-key", 1, 13, "values.recieved")
    assert issue.hint == "did you mean 'received'?"


def test_values_shape_and_read_only_value() -> None:
    form = _values_form("disabled_persons_ledger", severe=[{"_key": "P1", "name": "张*", "level": 1}])
    assert _values_codes('{"tables": {"severe": {"P1": {}}}}', form) == [("values-shape", 1, 13)]
    assert _values_codes('{"org": "370602001002", "values": {}}', form) == [("values-shape", 1, 2)]
    text = '{"tables": {"severe": [\n  {"_key": "P1", "level": 2}]}}'
    assert _values_codes(text, form) == [("read-only-value", 2, 18)]
    assert form.tables["severe"][0]["level"] == 1  # refused before the rows changed
