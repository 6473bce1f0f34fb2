"""SPEC §8.4: ``formkit merge`` — one template holding each data item once (items matched as the
catalog matches them, §8.2), and each original rewritten as a derived template reading it."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import formkit
from formkit.cli.check import check_paths
from formkit.cli.main import app
from formkit.core.idcard import check_char
from formkit.document.loader import read_document
from formkit.document.yamlout import dump_template
from formkit.language.parser import parse
from formkit.meaning.template import Template
from formkit.once.collect import slots_of
from formkit.once.merge import MergeResult, merge
from formkit.once.merge_plan import rename

EXAMPLES = formkit.examples_dir()
POOL = (EXAMPLES / "demo_city.pool.yaml").resolve()
YANGPU = [EXAMPLES / "catalog" / "yp_elderly_health_quarterly.yaml",
          EXAMPLES / "catalog" / "yp_elderly_population_quarterly.yaml"]
COMMITTED = EXAMPLES / "merge"
# Every community report of examples/catalog by period: grids, rosters, choices, elements.
MONTHLY = [EXAMPLES / "catalog" / f"{n}.yaml" for n in (
    "ca_assistance_monthly", "ca_old_age_allowance_roster", "cdpf_severe_nursing_roster", "hrss_employment_monthly",
    "yp_home_care_monthly", "yp_lone_elderly_visits_monthly")]
QUARTERLY = [EXAMPLES / "catalog" / f"{n}.yaml" for n in (
    "cdpf_disabled_quarterly", "health_family_doctor_quarterly", "hrss_retiree_service_quarterly",
    "yp_care_facilities_quarterly", "yp_elderly_health_quarterly", "yp_elderly_population_quarterly")]

A = f"""formkit: 1
id: dis_a
title: {{zh: 残疾人情况A}}
owner: district.cdpf
basis: 文件A
pool: {POOL}
level: community
period: monthly
fields:
  - {{id: total, label: 残疾人数, type: integer, value: count(person where disability_level is not null)}}
  - {{id: visits, label: 走访次数, type: integer, min: 0, required: true}}
  - {{id: rate, label: 走访率, type: decimal, precision: 2, calc: "round(visits / total * 100, 2)"}}
  - id: severe
    type: table
    label: 重度残疾人花名册
    rows: person where disability_level in (1, 2)
    columns:
      - {{id: name, label: 姓名, value: person.name}}
      - {{id: subsidy, label: 护理补贴, type: decimal, precision: 2, min: 0}}
  - {{id: subsidy_total, label: 补贴合计, type: decimal, precision: 2, calc: sum(severe.subsidy)}}
  - id: ages
    type: grid
    label: 年龄分布
    rows:
      - {{id: young, label: 60岁以下, lo: 0, hi: 59}}
      - {{id: old, label: 60岁及以上, lo: 60, hi: 200}}
      - {{id: total, label: 合计, calc: sum(col)}}
    columns:
      - id: male
        label: 男残疾人
        value: count(person where sex = 'M' and age(birth_date) between row.lo and row.hi)
      - {{id: helped, label: 已帮扶, type: integer}}
rules:
  - {{id: visits_cap, check: visits <= total * 4, severity: warning, fields: [visits], message: 走访次数过多}}
formats:
  - {{when: rate < 50, fields: [rate], style: warn}}
"""

B = f"""formkit: 1
id: dis_b
title: {{zh: 残疾人情况B}}
owner: district.civil
basis: 文件B
pool: {POOL}
level: community
period: monthly
fields:
  - {{id: disabled, label: 残疾人数（人）, type: integer}}
  - {{id: visits, label: 入户走访次数, type: integer, min: 0}}
  - {{id: rate, label: 入户率, type: decimal, precision: 2, calc: "round(visits / disabled * 100, 2)"}}
  - id: roster
    type: table
    label: 重度残疾人护理补贴花名册
    rows: person where disability_level in (2, 1)
    columns:
      - {{id: nm, label: 姓名, value: person.name}}
      - {{id: card, label: 身份证号, value: person.id_card}}
      - {{id: subsidy, label: 护理补贴, type: decimal, precision: 2}}
      - {{id: bank, label: 开户行, type: text}}
  - {{id: paid, label: 发放合计, type: decimal, precision: 2, calc: sum(roster.subsidy where subsidy > 0)}}
rules:
  - {{id: visits_cap, check: visits >= 0, fields: [visits], message: 不能为负}}
  - {{id: paid_ok, check: paid >= 0, fields: [roster.subsidy], message: 合计不能为负}}
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def pair(tmp_path: Path) -> list[Path]:
    return [_write(tmp_path / "in", "a.yaml", A), _write(tmp_path / "in", "b.yaml", B)]


# B asking, as a field, what a cell of A's grid counts (the same pool value), with a calc over it.
_VISITS = "  - {id: visits, label: 入户走访次数, type: integer, min: 0}\n"
B_CELL = B.replace("id: dis_b", "id: dis_c").replace(_VISITS, _VISITS + """\
  - id: young_men
    label: 60岁以下男性
    type: integer
    value: count(person where sex = 'M' and age(birth_date) <= 59 and age(birth_date) >= 0)
  - {id: men_share, label: 占比, type: decimal, precision: 2, calc: "round(young_men / disabled * 100, 2)"}
""")


@pytest.fixture
def cell_pair(tmp_path: Path) -> list[Path]:
    return [_write(tmp_path / "in", "a.yaml", A), _write(tmp_path / "in", "b.yaml", B_CELL)]


def _self_pair(tmp_path: Path, name: str) -> list[Path]:
    """An example and a copy of it under another id: every item of one is an item of the other."""
    source = EXAMPLES / f"{name}.yaml"
    text = source.read_text(encoding="utf-8")
    model = formkit.load(source).model
    for key, named in (("pool", model.pool), ("elements", model.elements)):
        if named is not None:
            text = text.replace(f"{key}: {named}", f"{key}: {(source.parent / named).resolve()}")
    copy_text = text.replace(f"id: {model.id}\n", f"id: copy_{model.id}\n", 1)
    return [_write(tmp_path / "in", f"{name}.yaml", text), _write(tmp_path / "in", f"copy_{name}.yaml", copy_text)]


def _merged(result: MergeResult) -> Template:
    return formkit.load(result.merged)


def _data(path: Path) -> dict[str, object]:
    data = read_document(path).data
    assert isinstance(data, dict)
    return data


def _fields(path: Path) -> dict[str, dict[str, object]]:
    fields = _data(path)["fields"]
    assert isinstance(fields, list)
    return {str(f["id"]): f for f in fields}


# -- the Yangpu example --------------------------------------------------------------------------


def test_yangpu_counts(tmp_path: Path) -> None:
    """§8.4: the field counts before and after, counted as the catalog counts them (§8.2)."""
    result = merge(YANGPU, id="yp_elderly_merged", out=tmp_path / "merge")
    assert result.fields_before == {"yp_elderly_health_quarterly": 25, "yp_elderly_population_quarterly": 13}
    assert (result.total_before, result.fields_after) == (38, 25)
    assert result.summary() == "2 templates, 38 fields → 1 template, 25 fields: −34%"
    assert len(slots_of(_merged(result))) == 25


def test_counts_agree_with_the_catalog(tmp_path: Path) -> None:
    """The merge asks what the catalog's merge candidate promised: one field per item (§8.2)."""
    report = formkit.catalog(YANGPU)
    result = merge(YANGPU, id="yp_elderly_merged", out=tmp_path / "merge")
    assert (report.stats.fields, report.stats.items) == (result.total_before, result.fields_after)


def test_merged_template_checks(tmp_path: Path) -> None:
    """§8.4: a plain `formkit check` passes on the merged template."""
    result = merge(YANGPU, id="yp_elderly_merged", out=tmp_path / "merge")
    report = check_paths([result.merged])
    assert report.ok, [i.message for i in report.issues]


def test_yangpu_items_pre_filled_where_either_original_pre_filled(tmp_path: Path) -> None:
    """An item typed in one report and taken from the pool in the other is pre-filled once;
    elements stay named."""
    result = merge(YANGPU, id="yp_elderly_merged", out=tmp_path / "merge")
    fields = _fields(result.merged)
    assert fields["population"] == {"id": "population", "element": "population_total"}
    assert fields["alone"]["type"] == "integer" and "value" not in fields["alone"]
    # typed in both: the element's name kept, with the health report's bound
    assert fields["pure_elderly"] == {"id": "pure_elderly", "element": "elderly_pure_family", "min": 0}
    assert fields["elderly_65"] == {"id": "elderly_65", "element": "elderly_65_plus"}  # pool-bound in both
    assert not Path(str(_data(result.merged)["pool"])).is_absolute()
    health = _fields(result.out / "yp_elderly_health_quarterly.yaml")
    assert health["population"]["value"] == "m.population"
    assert health["checkup_rate"]["calc"] == "round(checkups / elderly_65 * 100, 2)"


def test_committed_example_is_what_merge_writes(tmp_path: Path) -> None:
    """examples/merge/ is the output of `formkit merge` on the two Yangpu examples, unedited."""
    shutil.copytree(EXAMPLES / "catalog", tmp_path / "catalog")
    for side in ("demo_city.pool.yaml", "demo_city.elements.yaml"):
        shutil.copy(EXAMPLES / side, tmp_path / side)
    inputs = [tmp_path / "catalog" / p.name for p in YANGPU]
    result = merge(inputs, id="yp_elderly_merged", out=tmp_path / "merge")
    written = sorted(p.name for p in (tmp_path / "merge").glob("*.yaml"))
    assert written == sorted(p.name for p in COMMITTED.glob("*.yaml"))
    for name in written:  # byte for byte after the editor's schema line, which points from where it is
        ours, theirs = ((d / name).read_bytes().split(b"\n", 1) for d in (tmp_path / "merge", COMMITTED))
        assert ours[1] == theirs[1], name
        assert ours[0].startswith(b"# yaml-language-server: $schema=") and theirs[0] == (
            b"# yaml-language-server: $schema=../../dsl/template.schema.json"), name
    assert result.merged.name == "yp_elderly_merged.yaml"


def test_output_folder_checks(tmp_path: Path) -> None:
    """§8.4: `formkit check DIR` passes on the folder merge writes, from that folder alone."""
    result = merge(YANGPU, id="yp_elderly_merged", out=tmp_path / "merge")
    report = check_paths([result.out])
    assert report.ok, [f"{i.span}: {i.message}" for i in report.issues]
    assert check_paths([COMMITTED]).ok


def test_output_folder_checks_with_rosters_and_grids(pair: list[Path], tmp_path: Path) -> None:
    result = merge(pair, id="dis_merged", out=tmp_path / "out")
    report = check_paths([result.out])
    assert report.ok, [f"{i.span}: {i.message}" for i in report.issues]


# -- renaming, joining, keeping ------------------------------------------------------------------


def test_clashing_ids_are_renamed(pair: list[Path], tmp_path: Path) -> None:
    """Two different items with one id: the later is suffixed with its template's id, and every
    calc, rule and format of that template names the new id."""
    result = merge(pair, id="dis_merged", out=tmp_path / "out")
    renamed = {(r.template, r.kind, r.old): r.new for r in result.renamed}
    assert renamed == {("dis_b", "field", "visits"): "visits_dis_b", ("dis_b", "field", "rate"): "rate_dis_b",
                       ("dis_b", "rule", "visits_cap"): "visits_cap_dis_b"}
    fields = _fields(result.merged)
    # `disabled` (B) is `total` (A): one pool-bound item, the calc reads it under its merged name.
    assert "disabled" not in fields
    assert "confirm" not in fields["total"]
    assert fields["rate_dis_b"]["calc"] == "round(visits_dis_b / total * 100, 2)"
    rules = {str(r["id"]): r for r in _data(result.merged)["rules"]}  # type: ignore[attr-defined]
    assert rules["visits_cap_dis_b"]["check"] == "visits_dis_b >= 0"
    assert rules["visits_cap_dis_b"]["fields"] == ["visits_dis_b"]
    b = _fields(result.out / "b.yaml")
    assert b["disabled"]["value"] == "m.total" and b["visits"]["value"] == "m.visits_dis_b"
    assert b["rate"]["calc"] == "round(visits / disabled * 100, 2)"  # the original's own names


def test_rosters_over_the_same_pool_rows_are_joined(pair: list[Path], tmp_path: Path) -> None:
    """`in (1, 2)` and `in (2, 1)` are the same pool rows: one roster, the union of columns
    (姓名 once, 护理补贴 once), and each original reads its columns from it."""
    result = merge(pair, id="dis_merged", out=tmp_path / "out")
    assert [(j.table, j.parts) for j in result.joined] == [("severe", ("dis_a.severe", "dis_b.roster"))]
    fields = _fields(result.merged)
    assert "roster" not in fields
    assert [c["id"] for c in fields["severe"]["columns"]] == ["name", "subsidy", "card", "bank"]  # type: ignore
    assert fields["paid"]["calc"] == "sum(severe.subsidy where subsidy > 0)"
    rules = {str(r["id"]): r for r in _data(result.merged)["rules"]}  # type: ignore[attr-defined]
    assert rules["paid_ok"]["fields"] == ["severe.subsidy"]
    b = _fields(result.out / "b.yaml")["roster"]
    assert b["rows"] == "m.severe"
    assert [c["value"] for c in b["columns"]] == [  # type: ignore[attr-defined]
        "m.severe.name", "m.severe.card", "m.severe.subsidy", "m.severe.bank"]


def test_grids_kept_and_read_cell_by_cell(pair: list[Path], tmp_path: Path) -> None:
    result = merge(pair, id="dis_merged", out=tmp_path / "out")
    merged_grid = _fields(result.merged)["ages"]
    assert merged_grid["rows"] == _fields(pair[0])["ages"]["rows"]
    a_grid = _fields(result.out / "a.yaml")["ages"]
    assert a_grid["cells"] == {f"{r}.{c}": {"value": f"m.ages.{r}.{c}"}
                               for r in ("young", "old") for c in ("male", "helped")}
    assert all("value" not in c for c in a_grid["columns"])  # type: ignore[attr-defined]
    assert {"id": "total", "label": "合计", "calc": "sum(col)"} in a_grid["rows"]  # type: ignore[operator]


def test_a_field_and_a_grid_cell_are_one_item(cell_pair: list[Path], tmp_path: Path) -> None:
    """A field of one report that binds the same pool value as a grid cell of another is one
    item, whichever comes first: read from the cell, or the cell reads the field."""
    cell_first = merge(cell_pair, id="m_ab", out=tmp_path / "ab")
    assert "young_men" not in _fields(cell_first.merged)
    assert _fields(cell_first.merged)["men_share"]["calc"] == "round(ages.young.male / total * 100, 2)"
    assert _fields(cell_first.out / "b.yaml")["young_men"]["value"] == "m.ages.young.male"
    field_first = merge(cell_pair[::-1], id="m_ba", out=tmp_path / "ba")
    assert _fields(field_first.merged)["ages"]["cells"] == {"young.male": {"calc": "young_men"}}
    assert _fields(field_first.out / "a.yaml")["ages"]["cells"]["young.male"] == {"value": "m.young_men"}
    assert cell_first.fields_after == field_first.fields_after == 16
    assert check_paths([cell_first.out]).ok and check_paths([field_first.out]).ok


def test_derived_originals_keep_their_shape(pair: list[Path], tmp_path: Path) -> None:
    """Every department receives its report as it was: ids, labels, order, title, owner, basis,
    rules and formats; typed fields and pool bindings become reads of the merged template."""
    result = merge(pair, id="dis_merged", out=tmp_path / "out")
    for original, derived in zip(pair, result.derived, strict=True):
        before, after = _data(original), _data(derived)
        for key in ("id", "title", "owner", "basis", "level", "period", "rules", "formats"):
            assert after.get(key) == before.get(key), key
        assert after["from"] == {"m": "dis_merged.yaml"}
        assert list(_fields(derived)) == list(_fields(original))
        for fid, f in _fields(derived).items():
            assert f.get("label") == _fields(original)[fid].get("label")
            assert ("calc" in f) or ("value" in f) or f.get("type") in ("table", "grid")
            assert not {"min", "required", "confirm"} & set(f)


def test_merged_metadata(pair: list[Path], tmp_path: Path) -> None:
    result = merge(pair, id="dis_merged", out=tmp_path / "out")
    data = _data(result.merged)
    assert data["title"] == {"zh": "残疾人情况A + 残疾人情况B"}
    assert data["owner"] == "district.cdpf + district.civil"
    assert data["basis"] == "文件A；文件B"
    titled = merge(pair, id="dis_merged", out=tmp_path / "titled", title="残疾人工作台账", owner="district.cdpf")
    assert _data(titled.merged)["title"] == {"zh": "残疾人工作台账"}
    assert _data(titled.merged)["owner"] == "district.cdpf"


def test_header_names_the_command_and_the_files(pair: list[Path], tmp_path: Path) -> None:
    result = merge(pair, id="dis_merged", out=tmp_path / "out")
    head = result.merged.read_text(encoding="utf-8").splitlines()[:4]
    assert head[0].startswith("# yaml-language-server: $schema=") and head[0].endswith("/dsl/template.schema.json")
    assert head[1:] == ["# Generated by `formkit merge` from", "#   ../in/a.yaml", "#   ../in/b.yaml"]
    assert "from ../in/b.yaml" in (result.out / "b.yaml").read_text(encoding="utf-8").splitlines()[1]


def test_alias_avoids_names_of_the_original(tmp_path: Path) -> None:
    a = _write(tmp_path / "in", "a.yaml", A.replace("id: total,", "id: m,").replace("/ total", "/ m")
               .replace("<= total", "<= m"))
    b = _write(tmp_path / "in", "b.yaml", B)
    result = merge([a, b], id="dis_merged", out=tmp_path / "out")
    assert _data(result.out / "a.yaml")["from"] == {"merged": "dis_merged.yaml"}
    assert _fields(result.out / "a.yaml")["m"]["value"] == "merged.m"
    assert _data(result.out / "b.yaml")["from"] == {"m": "dis_merged.yaml"}


def test_deterministic(pair: list[Path], tmp_path: Path) -> None:
    """Running twice gives identical bytes."""
    one = merge(pair, id="dis_merged", out=tmp_path / "one")
    two = merge(pair, id="dis_merged", out=tmp_path / "two")
    for p, q in zip([one.merged, *one.derived], [two.merged, *two.derived], strict=True):
        assert p.read_bytes() == q.read_bytes()
    again = merge(pair, id="dis_merged", out=tmp_path / "one")
    assert again.to_dict()["after"] == one.to_dict()["after"]


# -- located errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "old", "new"), [
    ("level", "level: community", "level: street"),
    ("period", "period: monthly", "period: quarterly"),
    ("pool", f"pool: {POOL}", f"pool: {EXAMPLES / 'admission' / 'nowhere.pool.yaml'}"),
])
def test_different_level_period_or_pool_is_refused(tmp_path: Path, key: str, old: str, new: str) -> None:
    a = _write(tmp_path / "in", "a.yaml", A)
    b_text = B.replace(old, new)
    if key == "pool":  # another pool file, the same tables
        other = tmp_path / "other.pool.yaml"
        shutil.copy(POOL, other)
        b_text = B.replace(old, f"pool: {other}")
    b = _write(tmp_path / "in", "b.yaml", b_text)
    with pytest.raises(formkit.TemplateError) as caught:
        merge([a, b], id="dis_merged", out=tmp_path / "out")
    (issue,) = caught.value.issues
    assert issue.code == "derived-mismatch" and issue.path == key
    assert issue.span.file == str(b) and issue.span.line == b_text.splitlines().index(
        next(line for line in b_text.splitlines() if line.startswith(f"{key}:"))) + 1
    assert "'dis_b'" in issue.message and key in issue.message
    assert not (tmp_path / "out").exists()


def test_unreadable_inputs_are_located(tmp_path: Path) -> None:
    bad = _write(tmp_path / "in", "bad.yaml", "formkit: 1\nid: [unclosed\n")
    with pytest.raises(formkit.TemplateError) as caught:
        merge([tmp_path / "in" / "missing.yaml", bad], id="x", out=tmp_path / "out")
    codes = {(i.code, Path(i.span.file).name) for i in caught.value.issues}
    assert ("file-not-found", "missing.yaml") in codes
    assert any(name == "bad.yaml" and code.startswith("yaml") for code, name in codes)
    assert not (tmp_path / "out").exists()


def test_template_that_does_not_check_is_refused_with_its_errors(pair: list[Path], tmp_path: Path) -> None:
    broken = _write(tmp_path / "in", "c.yaml", B.replace("id: dis_b", "id: dis_c").replace(
        "calc: sum(roster.subsidy where subsidy > 0)", "calc: sum(roster.subsidyy)"))
    with pytest.raises(formkit.TemplateError) as caught:
        merge([*pair, broken], id="dis_merged", out=tmp_path / "out")
    assert {Path(i.span.file).name for i in caught.value.issues} == {"c.yaml"}


def test_clashing_outputs_are_refused(pair: list[Path], tmp_path: Path) -> None:
    with pytest.raises(formkit.TemplateError) as same_dir:
        merge(pair, id="dis_merged", out=pair[0].parent)  # would write over the originals
    assert {i.code for i in same_dir.value.issues} == {"duplicate-template"}
    with pytest.raises(formkit.TemplateError) as same_id:
        merge(pair, id="dis_a", out=tmp_path / "out")
    assert "duplicate-template" in same_id.value.codes()
    with pytest.raises(formkit.TemplateError) as bad_id:
        merge(pair, id="2nd report", out=tmp_path / "out")
    assert bad_id.value.codes() == ["bad-identifier"]
    with pytest.raises(formkit.TemplateError):
        merge(pair[:1], id="dis_merged", out=tmp_path / "out")
    with pytest.raises(formkit.TemplateError) as a_file:
        merge(pair, id="dis_merged", out=pair[0])
    assert "invalid-value" in a_file.value.codes()


# -- the command line and the API ----------------------------------------------------------------


def test_cli_prints_counts(pair: list[Path], tmp_path: Path) -> None:
    got = CliRunner().invoke(app, ["merge", *map(str, pair), "--id", "dis_merged", "-o", str(tmp_path / "out")])
    assert got.exit_code == 0, got.output
    assert got.output.splitlines()[0] == "2 templates, 18 fields → 1 template, 15 fields: −17%"
    assert "joined the rosters dis_a.severe, dis_b.roster as severe" in got.output


def test_cli_json(pair: list[Path], tmp_path: Path) -> None:
    got = CliRunner().invoke(app, ["merge", *map(str, pair), "--id", "dis_merged", "-o", str(tmp_path / "out"),
                                   "--json"])
    assert got.exit_code == 0, got.output
    payload = json.loads(got.output)
    assert payload["before"] == {"templates": 2, "fields": 18, "by_template": {"dis_a": 10, "dis_b": 8}}
    assert payload["after"] == {"templates": 1, "fields": 15}
    assert payload["summary"].endswith("−17%") and payload["aliases"] == {"dis_a": "m", "dis_b": "m"}
    assert {"template": "dis_b", "kind": "field", "from": "visits", "to": "visits_dis_b"} in payload["renamed"]
    assert payload["joined"] == [{"table": "severe", "from": ["dis_a.severe", "dis_b.roster"]}]


def test_cli_error_is_located(pair: list[Path], tmp_path: Path) -> None:
    b = _write(tmp_path / "in", "b.yaml", B.replace("level: community", "level: street"))
    got = CliRunner().invoke(app, ["merge", str(pair[0]), str(b), "--id", "m1", "-o", str(tmp_path / "out")])
    assert got.exit_code == 1
    assert f"{b}:7:8: derived-mismatch" in got.output


def test_public_api() -> None:
    assert "merge" in formkit.__all__ and formkit.merge is merge
    assert formkit.MergeResult is MergeResult


# -- the pieces ------------------------------------------------------------------------------------


def test_rename_replaces_names_where_they_stand() -> None:
    """Names are rewritten on the checked tree, at their positions; text, strings and pool
    columns that look like a field are left alone."""
    from formkit.language import ast

    text = "if(visits > 0, 'visits' & visits_note, null) and\n  sum(t.visits where visits > 0) > visits"
    node, issues = parse(text, formkit.core.source.SourceSpan("x", 1, 1, 2, 99))
    assert node is not None and not issues
    refs = iter([ast.FieldRef("visits"), ast.FieldRef("visits_note"), ast.TableColumnRef("t", "visits"),
                 ast.RowColumnRef("t", "visits"), ast.FieldRef("visits")])  # as resolution says, in walk order
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            n.ref = next(refs)

    def new_name(n: ast.Name) -> str | None:
        if isinstance(n.ref, ast.FieldRef) and n.ref.field == "visits":
            return "visits_b"
        if isinstance(n.ref, ast.TableColumnRef):
            return "roster.visits"
        return None

    assert rename(text, node, new_name) == (
        "if(visits_b > 0, 'visits' & visits_note, null) and\n  sum(roster.visits where visits > 0) > visits_b")


@pytest.mark.parametrize("text", ["0o17", "1e3", "true", "null", "", "01", "2027-12-31", "a: b", "# c", "'q'",
                                  "老年人 + 人口", "x\ny", "-", "{a}", "round(a / b, 2)"])
def test_yaml_out_reads_back_as_written(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.yaml"
    data = {"formkit": 1, "label": {"zh": text}, "fields": [{"id": "a", "calc": text}], "n": [1, 2]}
    path.write_text(dump_template(data, ["header"]), encoding="utf-8")
    back = read_document(path).data
    assert back["label"]["zh"] == text and back["fields"][0]["calc"] == text
    assert back["n"] == [1, 2]
    assert "\\u" not in path.read_text(encoding="utf-8")


# -- what merge promises: every derived report gives what its original gives ---------------------


@pytest.fixture(scope="module")
def city(engine: formkit.Connection) -> formkit.Connection:
    """A small demo city on each engine: generated in DuckDB, copied into the others."""
    import duckdb

    from formkit.demo.pool import copy_pool, generate_demo_pool

    pool = formkit.load_pool(POOL)
    if getattr(engine, "dialect", None) == "duckdb":
        generate_demo_pool(engine.raw, pool, scale=0.002, seed=3)  # type: ignore[attr-defined]
        return engine
    source = duckdb.connect()
    generate_demo_pool(source, pool, scale=0.002, seed=3)
    copy_pool(source, engine, pool)
    source.close()
    return engine


def _unit(db: formkit.Connection, level: str) -> str:
    depth = formkit.load_pool(POOL).org.levels.index(level) + 1
    return str(db.query(f"SELECT min(code) FROM org_unit WHERE level = {depth}")[0][0])


def _random_value(rng: random.Random, col: object, zero: bool) -> object:
    """A random value a column of this type and choices takes (0 for numbers with ``zero``)."""
    kind, choices = getattr(col, "type", None), getattr(col, "choices", None)
    if isinstance(choices, dict):
        return rng.choice(sorted(choices))
    if zero and kind in ("integer", "decimal", None):
        return 0
    first = f"370602{rng.randint(1940, 2000)}0{rng.randint(1, 9)}1{rng.randint(0, 9)}{rng.randint(100, 999)}"
    by_kind: dict[str | None, object] = {
        "decimal": Decimal(rng.randint(0, 9999)).scaleb(-(getattr(col, "precision", None) or 0)),
        "text": f"工商银行{rng.randint(1, 99)}支行",
        "boolean": rng.random() < 0.5,
        "date": dt.date(2026, rng.randint(1, 9), rng.randint(1, 28)),
        "phone": f"138{rng.randint(0, 99999999):08d}",
        "id_card": first + check_char(first),
    }
    return by_kind.get(kind, rng.randint(0, 3))


def _typed(tpl: Template, form: object, seed: int | Callable[[object], object], *, zero: bool = False) -> None:
    """Typed inputs everywhere the merged form asks for them: fields, grid cells, roster columns
    (each row by its pool key) — random from ``seed``, or each drawn by ``seed(column)``."""
    rng = random.Random(seed if isinstance(seed, int) else 0)

    def value(col: object) -> object:
        return _random_value(rng, col, zero) if isinstance(seed, int) else seed(col)

    for fid, f in tpl.fields.items():
        if f.kind == "input":
            form.set(fid, value(f.model))  # type: ignore[attr-defined]
    for gid, g in tpl.grids.items():
        for (r, c), cell in g.cells.items():
            if cell.kind == "input":
                form.set(f"{gid}.{r}.{c}", value(cell.col))  # type: ignore[attr-defined]
    for tid, t in tpl.tables.items():
        typed = [cid for cid, c in t.columns.items() if c.kind == "input"]
        rows = form.tables[tid]  # type: ignore[attr-defined]
        form.set(tid, [{**({"_key": r["_key"]} if "_key" in r else {}),  # type: ignore[attr-defined]
                        **{c: value(t.columns[c].model) for c in typed}} for r in rows])


def _as_original(original: Template, derived: Template, merged: object, form: object) -> None:
    """Type into the original's form what staff typed into the merged one (found through the
    derived template's reads)."""
    reads = {f.id: str(f.value.text).split(".", 1)[1] for f in derived.model.fields if f.value is not None}

    def merged_value(name: str) -> object:
        if name.count(".") == 2:
            g, r, c = name.split(".")
            return merged.grids[g][r][c]  # type: ignore[attr-defined]
        return merged.values[name]  # type: ignore[attr-defined]

    for fid, f in original.fields.items():
        if f.kind == "input":
            form.set(fid, merged_value(reads[fid]))  # type: ignore[attr-defined]
    for gid, g in original.grids.items():
        for (r, c), cell in g.cells.items():
            if cell.kind == "input":
                form.set(f"{gid}.{r}.{c}", merged_value(_cell_read(derived, gid, r, c)))  # type: ignore
    for tid, t in original.tables.items():
        d_table = next(x for x in derived.model.fields if x.id == tid)
        source = {c.id: str(c.value.text).split(".") for c in d_table.columns if c.value is not None}
        typed = [cid for cid, c in t.columns.items() if c.kind == "input"]
        if not typed:
            continue
        mt = source[typed[0]][1]
        if t.rows is None:  # typed rows: the same rows, in the same order
            form.set(tid, [{c: r[source[c][2]] for c in typed} for r in merged.tables[mt]])  # type: ignore
            continue
        by_key = {r["_key"]: r for r in merged.tables[mt]}  # type: ignore[attr-defined]
        form.set(tid, [{"_key": r["_key"], **{c: by_key[r["_key"]][source[c][2]] for c in typed}}  # type: ignore
                       for r in form.tables[tid]])  # type: ignore[attr-defined]


def _cell_read(derived: Template, gid: str, r: str, c: str) -> str:
    grid = next(x for x in derived.model.fields if x.id == gid)
    cell = next(x for x in grid.cells if (x.row, x.col) == (r, c))
    assert cell.value is not None
    return str(cell.value.text).split(".", 1)[1]


@pytest.mark.parametrize("case", [("yangpu", "2026Q3", 1), ("yangpu", "2026Q4", 2), ("rosters", "2026-10", 3),
                                  ("rosters", "2026-11", 4), ("monthly", "2026-09", 5), ("quarterly", "2026Q2", 6),
                                  ("disabled_persons_ledger", "2026-10", 7), ("insurance_visit_record", "once", 8),
                                  ("elderly_population_grid", "2026", 9), ("labor_archive_stock", "2026W45", 10),
                                  ("cell-field", "2026-08", 11), ("field-cell", "2026-07", 12)],
                         ids=lambda c: f"{c[0]}-{c[1]}")
def test_derived_reports_equal_their_originals(city: formkit.Connection, pair: list[Path], cell_pair: list[Path],
                                               tmp_path: Path, case: tuple[str, str, int]) -> None:
    """§8.4: for a submission of the merged template, each derived report gives the values its
    original gives when staff type the same inputs (fields, grid cells, roster cells), on every
    engine the tests run."""
    name, period, seed = case
    known = {"yangpu": YANGPU, "rosters": pair, "monthly": MONTHLY, "quarterly": QUARTERLY, "cell-field": cell_pair,
             "field-cell": cell_pair[::-1]}
    inputs = known[name] if name in known else _self_pair(tmp_path, name)
    result = merge(inputs, id=f"{name.replace('-', '_')}_merged", out=tmp_path / "out")
    merged = formkit.load(result.merged)
    org = _unit(city, str(merged.level))
    form = merged.fill(city, org=org, period=period)
    _typed(merged, form, seed)
    try:
        merged.submit(city, form, user="li")
    except formkit.TemplateError:  # random inputs broke one of the template's own rules: zeros
        form = merged.fill(city, org=org, period=period)
        _typed(merged, form, seed, zero=True)
        merged.submit(city, form, user="li")
    _assert_derived_equal(city, org, period, (inputs, result), form)


def _assert_derived_equal(db: formkit.Connection, org: str, period: str, result: tuple[list[Path], MergeResult],
                          form: object, *, filled: bool = True) -> None:
    """Each derived report of ``result`` equals its original typed as the merged ``form`` was;
    ``filled``: every typed input had a value (the equality is not between two blanks)."""
    inputs, merged = result
    for original_file, derived_file in zip(inputs, merged.derived, strict=True):
        original, derived = formkit.load(original_file), formkit.load(derived_file)
        got = derived.fill(db, org=org, period=period)
        want = original.fill(db, org=org, period=period)
        _as_original(original, derived, form, want)
        assert got.values == want.values
        assert got.grids == want.grids
        assert {t: [{k: v for k, v in r.items() if k != "_key"} for r in rows] for t, rows in got.tables.items()} \
            == {t: [{k: v for k, v in r.items() if k != "_key"} for r in rows] for t, rows in want.tables.items()}
        assert got.to_json()["meta"][next(iter(got.values))]["source"] == "derived"
        if not filled:
            continue
        typed = [fid for fid, f in original.fields.items() if f.kind == "input"]
        assert all(got.values[fid] is not None for fid in typed if original.fields[fid].model.type != "text")
        for tid, rows in got.tables.items():
            columns = original.tables[tid].columns
            assert rows or original.tables[tid].rows is None
            assert all(r[c] is not None for r in rows for c, col in columns.items() if col.kind == "input")


@pytest.mark.parametrize(("name", "generic"), [("elderly_population_grid", 0), ("labor_archive_stock", 1),
                                               ("disabled_persons_ledger", 2), ("insurance_visit_record", 1),
                                               ("assistance_sentinel", 0)])
def test_a_report_merged_with_its_copy_is_itself(tmp_path: Path, name: str, generic: int) -> None:
    """Every item of a copy is an item of the original: the merge holds the original's fields
    (one grid, one roster per roster — pool rows or typed rows with the same label — and each
    calc once), except fields with a label that names nothing on its own (备注) and calcs over
    them, which the catalog never takes for one item."""
    inputs = _self_pair(tmp_path, name)
    result = merge(inputs, id="both", out=tmp_path / "out")
    before = result.fields_before[name]
    assert result.fields_after == before + generic
    kinds = {f.id: f.type for f in formkit.load(inputs[0]).model.fields}
    joined = {j.table for j in result.joined}
    assert joined == {fid for fid, kind in kinds.items() if kind in ("table", "grid")}
    assert all(r.template == f"copy_{name}" for r in result.renamed)


def test_different_element_dictionaries_are_refused(tmp_path: Path) -> None:
    """One merged template names one dictionary: a second one is a located error."""
    elements = tmp_path / "other.elements.yaml"
    text = (EXAMPLES / "demo_city.elements.yaml").read_text(encoding="utf-8")
    elements.write_text(text.replace("pool: demo_city.pool.yaml", f"pool: {POOL}"), encoding="utf-8")
    population = YANGPU[1]
    copy = (population.read_text(encoding="utf-8").replace("../demo_city.pool.yaml", str(POOL))
            .replace("../demo_city.elements.yaml", str(elements))
            .replace("id: yp_elderly_population_quarterly", "id: yp_elderly_population_copy"))
    other = _write(tmp_path / "p", "copy.yaml", copy)
    with pytest.raises(formkit.TemplateError) as caught:
        merge([population, other], id="x", out=tmp_path / "out")
    assert [(i.code, i.path, i.span.file) for i in caught.value.issues] == [("invalid-value", "elements", str(other))]


def test_a_derived_template_is_not_merged(tmp_path: Path) -> None:
    """A derived report asks nothing of its own: merging it is refused, at its `from:`."""
    derived = COMMITTED / "yp_elderly_health_quarterly.yaml"
    with pytest.raises(formkit.TemplateError) as caught:
        merge([derived, YANGPU[1]], id="x", out=tmp_path / "out")
    assert [(i.code, i.path, Path(i.span.file).name) for i in caught.value.issues] == [
        ("invalid-value", "from", derived.name)]
    assert not (tmp_path / "out").exists()


_PERIODS = itertools.count()  # each example submits for a period of its own


@pytest.fixture(scope="module")
def pair_merged(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], MergeResult]:
    folder = tmp_path_factory.mktemp("pair")
    inputs = [_write(folder / "in", "a.yaml", A), _write(folder / "in", "b.yaml", B)]
    return inputs, merge(inputs, id="pair_merged", out=folder / "out")


def _strategy(col: object) -> st.SearchStrategy[object]:
    kind, required = getattr(col, "type", None), getattr(col, "required", None)
    value: st.SearchStrategy[object]
    if kind == "decimal":
        places = getattr(col, "precision", None) or 0
        value = st.decimals(min_value=0, max_value=10**9, places=places, allow_nan=False)
    elif kind == "text":
        value = st.sampled_from(["工商银行杨浦支行", "农业银行", "Bank of Shanghai", "交通银行 五角场"])
    else:
        value = st.integers(min_value=0, max_value=10**9)
    return value if required is not None and required.const is True else st.none() | value


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_any_submission_of_the_merged_template(city: formkit.Connection, data: st.DataObject,
                                                        pair_merged: tuple[list[Path], MergeResult]) -> None:
    """§8.4 and issue 13's property: for any submission of the merged template (typed values
    drawn by hypothesis, blanks included), every derived report equals its original filled with
    the same typed inputs — scalars, a grid, two rosters joined into one, renamed ids."""
    inputs, result = pair_merged
    n = next(_PERIODS)
    period = f"{2000 + n // 12}-{n % 12 + 1:02d}"
    merged = formkit.load(result.merged)
    org = _unit(city, "community")
    form = merged.fill(city, org=org, period=period)
    _typed(merged, form, lambda col: data.draw(_strategy(col)))
    merged.submit(city, form, user="li")
    _assert_derived_equal(city, org, period, (inputs, result), form, filled=False)
