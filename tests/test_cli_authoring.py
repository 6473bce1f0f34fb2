"""The author's commands of issue 18: `formkit --version`, `new`, `try`, and `render` of a shipped
example by its id (SPEC §5; docs/templates.md, "Editing templates in VS Code")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import formkit
from formkit.cli.main import app

POOL = formkit.examples_dir() / "demo_city.pool.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert (code, out) == (0, f"formkit {formkit.__version__}\n")


@pytest.mark.parametrize(("level", "period"), [("community", "monthly"), ("street", "weekly"), ("district", "once")])
def test_new_writes_a_template_that_checks(tmp_path: Path, level: str, period: str) -> None:
    target = tmp_path / "reports" / "my_report.yaml"
    code, out, err = run("new", str(target), "--pool", str(POOL), "--level", level, "--period", period,
                         "--title", "我的报表")
    assert code == 0, err
    assert "passes" in out
    tpl = formkit.load(target)
    assert (tpl.model.id, tpl.model.level, tpl.model.period, tpl.model.title) == (
        "my_report", level, period, {"zh": "我的报表"})
    assert run("check", str(target))[0] == 0
    # The editor modeline, first, resolves to the shipped template schema.
    found = re.match(r"# yaml-language-server: \$schema=(\S+)\n", target.read_text(encoding="utf-8"))
    assert found is not None
    assert (target.parent / found.group(1)).resolve() == (formkit.dsl_dir() / "template.schema.json").resolve()


def test_new_refuses_what_cannot_check(tmp_path: Path) -> None:
    target = tmp_path / "t.yaml"
    assert run("new", str(target), "--pool", str(POOL), "--level", "province", "--period", "monthly")[0] == 2
    assert run("new", str(target), "--pool", str(POOL), "--level", "street", "--period", "daily")[0] == 2
    assert not target.exists()
    assert run("new", str(target), "--pool", str(POOL), "--level", "street", "--period", "monthly")[0] == 0
    code, _, err = run("new", str(target), "--pool", str(POOL), "--level", "street", "--period", "monthly")
    assert code == 2 and "--force" in err


@pytest.mark.parametrize(
    ("expr", "values", "printed"),
    [
        pytest.param("round(a / b, 2)", '{"a": 1, "b": 3}', "0.33", id="round"),
        pytest.param("0.1 + 0.2 = 0.3", None, "true", id="exact"),
        pytest.param("7 / 2", None, "3.5", id="true-division"),
        pytest.param("a & '号'", '{"a": "3"}', '"3号"', id="text"),
        pytest.param("x / 0", '{"x": 5}', "null", id="null"),
    ],
)
def test_try_evaluates_one_expression(expr: str, values: str | None, printed: str) -> None:
    code, out, err = run("try", expr, *(["--values", values] if values else []))
    assert (code, out.strip()) == (0, printed), err


def test_try_reports_a_located_error() -> None:
    code, _, err = run("try", "a ≥ 1", "--values", '{"a": 1}')
    assert code == 1
    assert "expr-syntax: '≥' is not an operator" in err and "hint: write '>=': a >= 1" in err


def test_try_reads_values_from_a_file(tmp_path: Path) -> None:
    (tmp_path / "v.json").write_text(json.dumps({"a": 2, "b": 0.5}), encoding="utf-8")
    assert run("try", "a * b", "--values", str(tmp_path / "v.json"))[1].strip() == "1.0"


def test_render_takes_a_shipped_examples_id() -> None:
    """`formkit render labor_archive_stock` works as `fill` does (it was "does not exist")."""
    code, out, err = run("render", "labor_archive_stock", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["template"] == "labor_archive_stock"
    code, _, err = run("render", "no_such_example", "--format", "json")
    assert code == 1 and "file-not-found" in err


# -- formkit pool values ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from formkit.demo.pool import generate_demo_pool
    from formkit.runtime import connect

    path = tmp_path_factory.mktemp("pool") / "demo.duckdb"
    con = connect(f"duckdb:///{path}")
    generate_demo_pool(con, formkit.load_pool(POOL), scale=0.002)
    con.close()
    return f"duckdb:///{path}"


def _count(db: str, where: str) -> int:
    from formkit.runtime import connect

    with connect(db) as con:
        return int(con.query(f"SELECT COUNT(*) FROM person WHERE {where}")[0][0])


def test_pool_values_lists_a_columns_values_under_one_unit(db: str) -> None:
    code, out, err = run("pool", "values", "person.hukou_province", "--db", db, "--org", "370602001001",
                         "--limit", "1000", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found == sorted(found, key=lambda v: -v["rows"])
    assert sum(v["rows"] for v in found) == _count(db, "community_code = '370602001001'")  # its subtree only
    assert any(v["value"] == "山东" for v in found)


def test_pool_values_masks_personal_data(db: str) -> None:
    code, out, _ = run("pool", "values", "person.id_card", "--db", db, "--org", "370602001001", "--limit", "5")
    assert code == 0 and "masked" in out
    shown = [line.split()[-1] for line in out.splitlines()[1:]]
    assert shown and all(re.fullmatch(r"\d{6}\*{8}[\dX]{4}", s) for s in shown)


def test_pool_values_refuses_what_it_cannot_read(db: str) -> None:
    assert run("pool", "values", "persons.sex", "--db", db, "--org", "370602")[0] == 2
    assert run("pool", "values", "person.sexx", "--db", db, "--org", "370602")[0] == 2
    code, _, err = run("pool", "values", "person.sex", "--db", db, "--org", "999")
    assert code == 1 and "unknown-org" in err


# -- formkit list --------------------------------------------------------------------------------


def test_list_shows_deployed_versions_and_submissions_by_state(db: str, tmp_path: Path) -> None:
    code, out, _ = run("list", "--db", db)
    assert code == 0 and "no template is deployed" in out
    values = tmp_path / "v.json"
    values.write_text(json.dumps({"received": 5, "released": 2}), encoding="utf-8")
    for period in ("2026W40", "2026W41"):
        assert run("submit", "labor_archive_stock", "--db", db, "--org", "370602001", "--period", period,
                   "--values", str(values))[0] == 0
    assert run("submit", "labor_archive_stock", "--db", db, "--org", "370602001", "--period", "2026W42",
               "--values", str(values), "--draft")[0] == 0
    code, out, _ = run("list", "--db", db, "--json")
    assert code == 0
    (entry,) = json.loads(out)
    assert (entry["template"], entry["version"]) == ("labor_archive_stock", 3)
    assert entry["submissions"] == {"submitted": 2, "draft": 1}
    text = run("list", "--db", db)[1]
    assert "labor_archive_stock" in text and "submitted" in text


def test_shell_completion_is_offered() -> None:
    """`formkit --install-completion` (bash, zsh, fish, PowerShell) and `--show-completion`."""
    code, out, _ = run("--help")
    assert code == 0 and "--install-completion" in out and "--show-completion" in out


# -- formkit rollup: readable at 80 columns, exported --------------------------------------------


def test_rollup_names_units_and_exports(db: str, tmp_path: Path) -> None:
    """Units by name as well as code; --csv and --xlsx write the same table (values as data)."""
    values = tmp_path / "v.json"
    values.write_text(json.dumps({"received": 7, "released": 3}), encoding="utf-8")
    assert run("submit", "labor_archive_stock", "--db", db, "--org", "370602001", "--period", "2026W30",
               "--values", str(values))[0] == 0
    csv_file, xlsx_file = tmp_path / "r.csv", tmp_path / "r.xlsx"
    code, out, err = run("rollup", "labor_archive_stock", "--db", db, "--org", "370602", "--period", "2026W30",
                         "--level", "street", "--csv", str(csv_file), "--xlsx", str(xlsx_file))
    assert code == 0, err
    from formkit.runtime import connect
    from formkit.sql.org import org_unit

    with connect(db) as con:
        name = org_unit(con, formkit.load_pool(POOL), "370602001").name
    assert name and name in out and "370602001" in out
    rows = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].split(",")[1] == name and rows[2] == "org,370602001" and rows[3] == "coverage,1/1"
    assert any(r.startswith("本期入库（合计）,7") for r in rows), rows
    import openpyxl

    ws = openpyxl.load_workbook(xlsx_file).active
    assert [c.value for c in ws[2]][:2] == ["field", name]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_rollup_tables_fit_80_columns() -> None:
    """Many units: one table per group that fits beside the labels, never a cut code."""
    from rich.cells import cell_len

    from formkit.cli.runtime import _LABEL_WIDTH, _fitting

    units = [{"org": f"3706020010{i:02d}", "values": {"a": 1234567, "b": None}} for i in range(12)]
    names = {u["org"]: f"第{i}社区居委会" for i, u in enumerate(units)}
    rows = [("本季度综合为老服务中心服务人次", "a"), ("乙", "b")]
    chunks = list(_fitting(units, names, rows, 80))
    assert [u for c in chunks for u in c] == units and len(chunks) > 1
    for chunk in chunks:
        used = _LABEL_WIDTH + 3 + sum(max(cell_len(names[u["org"]]), len(u["org"])) + 3 for u in chunk)
        assert used <= 80
