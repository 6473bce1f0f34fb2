"""SPEC §8.2–8.3: the catalog (the same item asked twice, share pre-filled, merge candidates,
review) and the admission fence, through the Python API and the real CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import formkit
from formkit.core.errors import Issue
from formkit.language.parser import parse
from formkit.language.resolve import Resolver
from formkit.language.scope import Scope, Where, build_symbols
from formkit.once.catalog import catalog
from formkit.once.match import _candidates, _min_overlap
from formkit.once.normalize import canonical, normalize_label
from formkit.once.report import CatalogReport

POOL = formkit.examples_dir() / "demo_city.pool.yaml"
TODAY = dt.date(2026, 12, 7)


# -- label normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [
    ("其中：80岁以上老人数（人）", "80岁以上老人数"),
    ("其中:80岁以上老人数(人)", "80岁以上老人数"),
    ("含 独居老人数（户）", "独居老人数"),
    ("８０岁以上老人数", "80岁以上老人数"),  # NFKC: full-width digits
    ("独居 老人数 【个】", "独居老人数"),
    ("Residents, total (人)", "residentstotal"),
])
def test_labels_normalise_alike(a: str, b: str) -> None:
    assert normalize_label(a) == normalize_label(b)


@pytest.mark.parametrize(("a", "b"), [("独居老人数", "独居老年人数"), ("80岁以上老人数", "60岁以上老人数"),
                                      ("人数（人）", "户数（户）")])
def test_different_labels_stay_apart(a: str, b: str) -> None:
    assert normalize_label(a) != normalize_label(b)


# -- equivalent pool expressions -----------------------------------------------------------------


def _canon(text: str) -> object:
    pool = formkit.load_pool(POOL)
    model = formkit.load(formkit.examples_dir() / "elderly_population_grid.yaml").model
    sym = build_symbols(model, pool)
    node, issues = parse(text, formkit.load(formkit.examples_dir() / "elderly_population_grid.yaml").model.span)
    assert node is not None and not issues
    problems: list[Issue] = []
    Resolver(sym, Scope(Where.VALUE), "", problems).expression(node)
    assert not problems, problems
    return canonical(node)


@pytest.mark.parametrize(("a", "b"), [
    ("count(person where sex = 'F' and age(birth_date) >= 80)",
     "count(person where age(birth_date) >= 80 and sex = 'F')"),
    ("count(person where age(birth_date) between 60 and 79)",
     "count(person where age(birth_date) >= 60 and age(birth_date) <= 79)"),
    ("count(person where disability_level in (1, 2))", "count(person where disability_level in (2, 1))"),
    ("count(person where 80 <= age(birth_date))", "count(person where age(birth_date) >= 80)"),
    ("count(person where sex = 'F')", "count(person where 'F' = sex)"),
    ("count(person where disability_level in (1))", "count(person where disability_level = 1)"),
    ("count(person where (a1 or a2) and a3)".replace("a1", "sex = 'M'").replace("a2", "sex = 'F'")
     .replace("a3", "lives_alone = true"),
     "count(person where lives_alone = true and (sex = 'F' or sex = 'M'))"),
    ("sum(enterprise.employees) + count(person)", "count(person) + sum(enterprise.employees)"),
])
def test_equivalent_filters_are_one_binding(a: str, b: str) -> None:
    assert _canon(a) == _canon(b)


@pytest.mark.parametrize(("a", "b"), [
    ("count(person where age(birth_date) >= 80)", "count(person where age(birth_date) > 80)"),
    ("count(person where age(birth_date) between 60 and 79)", "count(person where age(birth_date) between 60 and 80)"),
    ("count(person where sex = 'F')", "count(enterprise)"),
    ("sum(enterprise.employees) - count(person)", "count(person) - sum(enterprise.employees)"),
    ("count(person where disability_level in (1, 2))", "count(person where not disability_level in (1, 2))"),
])
def test_different_filters_stay_apart(a: str, b: str) -> None:
    assert _canon(a) != _canon(b)


# -- the similarity join finds what the full comparison finds --------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("老人数独居年以上岁80")), min_size=2, max_size=9),
                min_size=2, max_size=25, unique=True),
       st.sampled_from([0.6, 0.75, 0.85, 0.95]))
def test_prefix_filter_loses_no_pair(labels: list[str], t: float) -> None:
    from rapidfuzz.distance import Indel

    labels = sorted(labels)
    found = {tuple(sorted(p)) for p in _candidates(labels, t)}
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            if Indel.normalized_similarity(labels[i], labels[j]) >= t:
                assert (i, j) in found, (labels[i], labels[j])


def test_the_bigram_bound() -> None:
    assert _min_overlap(8, 8, 0.85) >= 3
    assert _min_overlap(2, 2, 0.85) == 1


# -- a small city ---------------------------------------------------------------------------------


def _tpl(tid: str, fields: str, *, owner: str | None = "district.civil_affairs", basis: str | None = "民发〔2025〕1号",
         period: str = "monthly", level: str = "community", valid_until: str = "2027-12-31",
         extra: str = "") -> str:
    head = f"formkit: 1\nid: {tid}\ntitle: {tid}\npool: {POOL}\nlevel: {level}\nperiod: {period}\n"
    head += f"valid_until: {valid_until}\n" + (f"owner: {owner}\n" if owner else "")
    head += f"basis: {basis}\n" if basis else ""
    return head + extra + "fields:\n" + fields


CITY = {
    "care_a.yaml": _tpl("care_a", (
        "  - {id: old80, label: 其中：80岁以上老人数（人）, type: integer}\n"
        "  - {id: alone, label: 独居老人数, type: integer,\n"
        "     value: \"count(person where lives_alone = true and age(birth_date) >= 60)\"}\n"
        "  - {id: beds, label: 养老床位数, type: integer}\n"
        "  - {id: visits, label: 本月走访次数, type: integer}\n")),
    "care_b.yaml": _tpl("care_b", (
        "  - {id: a80, label: 80岁以上老人数, type: integer}\n"
        "  - {id: lonely, label: 空巢独居人数, type: integer,\n"
        "     value: \"count(person where age(birth_date) >= 60 and lives_alone = true)\"}\n"
        "  - {id: bed_count, label: 养老床位数（张）, type: integer}\n"
        "  - {id: checks, label: 本月巡查次数, type: integer}\n"), period="quarterly", owner="district.health"),
    "care_c.yaml": _tpl("care_c", (
        "  - {id: alone_elderly, label: 独居老年人数, type: integer}\n"
        "  - {id: staff, label: 护理员人数, type: integer}\n"), owner=None, basis=None, valid_until="2024-12-31"),
    "pool_elsewhere.yaml": _tpl("pool_elsewhere", (
        "  - {id: w, label: 女性户籍人口数, type: integer}\n"), level="street"),
}


@pytest.fixture
def city(tmp_path: Path) -> Path:
    folder = tmp_path / "city"
    folder.mkdir()
    for name, text in CITY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _items(report: CatalogReport) -> set[frozenset[tuple[str, str]]]:
    return {frozenset((p.template, p.label) for p in item.places) for item in report.repeated}


def test_the_same_item_by_label_pool_and_not_by_similarity(city: Path) -> None:
    report = catalog([city], today=TODAY)
    assert not report.problems
    places = [{(p.template, p.field) for p in item.places} for item in report.repeated]
    assert {("care_a", "old80"), ("care_b", "a80")} in places  # 其中：…（人） vs plain
    assert {("care_a", "alone"), ("care_b", "lonely")} in places  # `and` commuted, other labels
    assert {("care_a", "beds"), ("care_b", "bed_count")} in places  # unit suffix （张）
    assert not any(("care_c", "alone_elderly") in p for p in places)  # only similar: never merged
    maybe = {frozenset({(s.a.template, s.a.field), (s.b.template, s.b.field)}) for s in report.similar}
    assert frozenset({("care_a", "alone"), ("care_c", "alone_elderly")}) in maybe
    pool_item = next(i for i in report.repeated if ("care_a", "alone") in {(p.template, p.field) for p in i.places})
    assert pool_item.rules == ["pool"]
    assert pool_item.binding == "count(person where lives_alone = true and age(birth_date) >= 60)"


def test_share_prefilled_burden_and_prefillable(city: Path) -> None:
    report = catalog([city], today=TODAY)
    t = report.totals
    assert (t.templates, t.fields, t.prefilled, t.calculated) == (4, 11, 2, 0)
    assert t.typed == 9 and t.share_prefilled == pytest.approx(2 / 11)
    care_a = next(e for e in report.templates if e.id == "care_a")
    assert care_a.yearly_burden == 3 * 12 * 1 and t.units_from == "one per template"
    assert report.prefillable == []  # what care_c types is only similar to a pool-bound field
    assert report.stats.pairs_compared < len(report.templates) * 11  # the join scored few pairs


def test_could_be_prefilled_names_the_binding(city: Path) -> None:
    (city / "care_c.yaml").write_text(CITY["care_c.yaml"].replace("独居老年人数", "独居老人数"), encoding="utf-8")
    report = catalog([city], today=TODAY)
    (hit,) = [p for p in report.prefillable if p.place.template == "care_c"]
    assert hit.binding.startswith("count(person where") and "care_a.alone" in hit.source


def test_merge_candidates_and_review(city: Path) -> None:
    report = catalog([city], today=TODAY)
    (merge,) = report.merges
    assert merge.templates == ["care_a", "care_b"] and merge.period == "monthly"
    assert (merge.fields_before, merge.fields_after) == (8, 5)  # 80+, alone, beds shared
    review = {r.template: r.reasons for r in report.review}
    assert review == {"care_c": ["past-valid-until", "missing-basis", "missing-owner"]}


def test_element_dictionary_and_aliases(city: Path, tmp_path: Path) -> None:
    (tmp_path / "d.elements.yaml").write_text(
        "formkit_elements: 1\nid: d\nelements:\n  alone60:\n    label: 独居老人数\n    type: integer\n"
        "    aliases: [独居老年人数, 空巢独居人数]\n"
        "    value: count(person where lives_alone = true and age(birth_date) >= 60)\n",
        encoding="utf-8")
    report = catalog([city], elements=tmp_path / "d.elements.yaml", today=TODAY)
    item = next(i for i in report.repeated if i.element == "d:alone60")
    assert {(p.template, p.field) for p in item.places} == {
        ("care_a", "alone"), ("care_b", "lonely"), ("care_c", "alone_elderly")}
    assert "element" in item.rules
    pre = {(p.place.template, p.place.field): p for p in report.prefillable}
    assert "care_a.alone" in pre[("care_c", "alone_elderly")].source


def test_bad_files_are_listed_never_skipped(city: Path) -> None:
    (city / "broken.yaml").write_text(_tpl("broken", "  - {id: x, label: 某数, type: integr}\n"), encoding="utf-8")
    (city / "notes.yaml").write_text("just: some yaml\n", encoding="utf-8")
    (city / "copy.yaml").write_text(CITY["care_a.yaml"], encoding="utf-8")
    (city / "old.xlsx").write_bytes(b"PK\x03\x04")
    report = catalog([city, city / "missing"], today=TODAY)
    codes = sorted((Path(p.file).name, p.code) for p in report.problems)
    assert codes == [("broken.yaml", "unknown-value"), ("copy.yaml", "duplicate-template"),
                     ("missing", "file-not-found"), ("notes.yaml", "file-kind"), ("old.xlsx", "not-a-template")]
    assert all(p.line >= 1 and p.message for p in report.problems)
    assert report.totals.templates == 4


def test_units_and_recent_submissions_from_the_database(city: Path, tmp_path: Path) -> None:
    from formkit.demo.pool import generate_demo_pool

    con = formkit.connect(f"duckdb:///{tmp_path / 'pool.duckdb'}")
    generate_demo_pool(con, formkit.load_pool(POOL), scale=0.002, seed=3)
    tpl = formkit.load(city / "care_a.yaml")
    form = tpl.fill(con, "370602001001", "2026-10")
    tpl.submit(con, form)
    report = catalog([city], db=con, today=TODAY)
    care_a = next(e for e in report.templates if e.id == "care_a")
    assert report.totals.units_from == "database" and care_a.units == 4
    assert care_a.yearly_burden == 3 * 12 * 4
    reasons = {r.template: r.reasons for r in report.review}
    assert "care_a" not in reasons  # submitted in 2026-10, one of its last three months
    later = catalog([city], db=con, today=dt.date(2027, 6, 1))
    assert "no-recent-submissions" in {r.template: r.reasons for r in later.review}["care_a"]
    con.close()


# -- renaming ids never changes the items -----------------------------------------------------------


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.sampled_from(list("abcdefghijk")), min_size=3, max_size=8), min_size=8,
                max_size=8, unique=True))
def test_renaming_field_ids_changes_no_item(city: Path, ids: list[str]) -> None:
    before = _items(catalog([city], today=TODAY))
    renamed = city.parent / f"renamed_{'_'.join(ids)[:40]}"
    renamed.mkdir()
    old = ["old80", "alone", "beds", "visits", "a80", "lonely", "bed_count", "checks"]
    for name, text in CITY.items():
        changed = text
        for was, now in zip(old, ids, strict=True):
            changed = changed.replace(f"{{id: {was},", f"{{id: f_{now},")
        (renamed / name).write_text(changed, encoding="utf-8")
    assert _items(catalog([renamed], today=TODAY)) == before


# -- the JSON shape and the CLI ---------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "formkit", *args], check=False, capture_output=True,
                          text=True, timeout=120)


def test_catalog_json_matches_its_schema(city: Path) -> None:
    out = _cli("catalog", str(city), "--json", "--today", "2026-12-07")
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    schema = json.loads((formkit.dsl_dir() / "catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(payload)
    assert payload["totals"]["share_prefilled"] == round(2 / 11, 4)


def test_report_schemas_are_current() -> None:
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, str(root / "scripts" / "gen_report_schemas.py"), "--check"],
                         check=False, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_admit_verdicts_and_exit_codes(city: Path, tmp_path: Path) -> None:
    schema = json.loads((formkit.dsl_dir() / "admission.schema.json").read_text(encoding="utf-8"))
    redundant = tmp_path / "again.yaml"
    redundant.write_text(_tpl("again", "  - {id: n80, label: 80岁以上老人数, type: integer}\n"
                              "  - {id: nb, label: 养老床位数, type: integer}\n"), encoding="utf-8")
    out = _cli("admit", str(redundant), "--catalog", str(city), "--json", "--today", "2026-12-07")
    assert out.returncode == 1, out.stderr
    payload = json.loads(out.stdout)
    jsonschema.Draft202012Validator(schema).validate(payload)
    assert payload["verdict"] == "refuse" and payload["overlap"] == 1.0
    where = {f["place"]["field"]: [w["template"] for w in f["where"]] for f in payload["flagged"]}
    assert where == {"n80": ["care_a"], "nb": ["care_a"]}  # care_b is quarterly: not derivable for monthly
    assert "derive it from care_a" in payload["flagged"][0]["change"]

    some = tmp_path / "some.yaml"
    some.write_text(_tpl("some", "  - {id: n80, label: 80岁以上老人数, type: integer}\n"
                         "  - {id: new1, label: 助餐服务人次, type: integer}\n"
                         "  - {id: new2, label: 助浴服务人次, type: integer}\n"), encoding="utf-8")
    out = _cli("admit", str(some), "--catalog", str(city), "--json", "--today", "2026-12-07")
    assert out.returncode == 0 and json.loads(out.stdout)["verdict"] == "admit-with-changes"

    fresh = tmp_path / "fresh.yaml"
    fresh.write_text(_tpl("fresh", "  - {id: new1, label: 助餐服务人次, type: integer}\n"), encoding="utf-8")
    out = _cli("admit", str(fresh), "--catalog", str(city), "--json", "--today", "2026-12-07")
    assert out.returncode == 0 and json.loads(out.stdout)["verdict"] == "admit"

    unowned = tmp_path / "unowned.yaml"
    unowned.write_text(_tpl("unowned", "  - {id: new1, label: 助餐服务人次, type: integer}\n", owner=None,
                            basis=None), encoding="utf-8")
    out = _cli("admit", str(unowned), "--catalog", str(city), "--json", "--today", "2026-12-07")
    payload = json.loads(out.stdout)
    assert out.returncode == 1 and payload["verdict"] == "refuse"
    assert sorted(p["code"] for p in payload["problems"]) == ["missing-basis", "missing-owner"]
    assert all(p["line"] >= 1 for p in payload["problems"])


def test_admit_a_template_that_does_not_check(city: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(_tpl("bad", "  - {id: x, label: 某数, type: integr}\n"), encoding="utf-8")
    result = formkit.admit(bad, [city], today=TODAY)
    assert result.verdict == "refuse" and result.exit_code == 1
    assert [p.code for p in result.problems] == ["unknown-value"]


def test_catalog_bad_options() -> None:
    out = _cli("catalog", "nowhere", "--similar", "3")
    assert out.returncode == 2 and "between 0 and 1" in out.stderr
    out = _cli("catalog", "nowhere", "--today", "2026-13-01")
    assert out.returncode == 2 and "not a date" in out.stderr


def test_the_text_summaries_through_the_cli(tmp_path: Path) -> None:
    examples = formkit.examples_dir()
    out = _cli("catalog", str(examples / "catalog"), "--today", "2026-12-07", "--html", str(tmp_path / "c.html"),
               "--xlsx", str(tmp_path / "c.xlsx"))
    assert out.returncode == 0, out.stderr
    assert "预填比例 40.1%" in out.stdout and "113" in out.stdout and "59" in out.stdout
    assert (tmp_path / "c.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "c.xlsx").stat().st_size > 0
    out = _cli("admit", str(examples / "admission" / "elderly_needs_survey.yaml"), "--catalog",
               str(examples / "catalog"), "--today", "2026-12-07")
    assert out.returncode == 1 and "elderly_needs_survey" in out.stdout, out.stdout + out.stderr
