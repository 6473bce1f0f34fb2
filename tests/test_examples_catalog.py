"""The catalog examples (issue 12, SPEC §8.1–8.3): every file loads, and examples/catalog/README.md
says what `formkit catalog` and `formkit admit` really find in them — the templates table, each
deliberate overlap with the rule that must find it, the figures, the review list and the
admission verdicts. The README is parsed, the catalog is run: change one and the other must follow."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

import formkit
from formkit.api import Template

EXAMPLES = formkit.examples_dir()
CATALOG = EXAMPLES / "catalog"
ADMISSION = EXAMPLES / "admission"
README = (CATALOG / "README.md").read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 1)  # a fixed day, so the review list does not move with the clock
TEMPLATE_FILES = sorted(CATALOG.glob("*.yaml")) + sorted(ADMISSION.glob("*.yaml"))


def _table(heading: str) -> list[list[str]]:
    """The rows of the first table under ``heading`` in the README, cells stripped."""
    section = README.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [ln for ln in section.splitlines() if ln.startswith("|")]
    assert len(lines) > 2, f"no table under '{heading}'"
    return [[c.strip() for c in ln.strip("|").split("|")] for ln in lines[2:]]


def _places(cell: str) -> list[tuple[str, str]]:
    return [tuple(p.split(".", 1)) for p in re.findall(r"`([a-z0-9_]+\.[a-z0-9_]+)`", cell)]  # type: ignore[misc]


@pytest.fixture(scope="module")
def templates() -> dict[str, Template]:
    return {p.stem: formkit.load(p) for p in TEMPLATE_FILES}


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return formkit.catalog([CATALOG], today=TODAY).to_dict()


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_loads(path: Path) -> None:
    tpl = formkit.load(path)
    assert tpl.id == path.stem  # the README and the catalog name templates by id: keep it the file's name


def test_the_element_dictionary_loads() -> None:
    elements = formkit.load_elements(EXAMPLES / "demo_city.elements.yaml")
    assert 25 <= len(elements.elements) <= 40
    assert elements.pool is not None and elements.pool.endswith("demo_city.pool.yaml")


def test_the_templates_table_lists_every_catalog_file_as_it_is(templates: dict[str, Template]) -> None:
    rows = _table("The templates")
    assert sorted(r[0] for r in rows) == sorted(p.stem for p in CATALOG.glob("*.yaml"))
    for tid, _title, owner, level, period in rows:
        model = templates[tid].model
        assert (model.owner or "—", model.level, model.period) == (owner, level, period), tid


def test_every_place_in_the_overlaps_table_exists(templates: dict[str, Template]) -> None:
    rows = _table("The overlaps, and the rule that should find each")
    assert len(rows) >= 15
    for row in rows:
        places = _places(row[2])
        assert len(places) == 2, row
        for tid, field in places:
            assert field in templates[tid].fields, f"{tid}.{field} (README) is not a field"


def _item_of(report: dict[str, Any], places: list[tuple[str, str]]) -> dict[str, Any] | None:
    wanted = set(places)
    for item in report["repeated"]:
        if wanted <= {(p["template"], p["field"]) for p in item["places"]}:
            return item
    return None


def _similar(report: dict[str, Any], places: list[tuple[str, str]]) -> bool:
    pairs = {frozenset({(s["a"]["template"], s["a"]["field"]), (s["b"]["template"], s["b"]["field"])})
             for s in report["similar"]}
    return frozenset(places) in pairs


@pytest.mark.parametrize("row", _table("The overlaps, and the rule that should find each"), ids=lambda r: r[1])
def test_the_catalog_finds_each_overlap_by_its_rule(report: dict[str, Any], row: list[str]) -> None:
    _kind, _item, cell, rule = row
    places = _places(cell)
    item = _item_of(report, places)
    if rule in ("element", "pool", "label"):
        assert item is not None, f"{places} are not one repeated item"
        assert rule in item["rules"], (places, item["rules"])
    elif rule == "maybe the same":
        assert item is None, f"{places} were merged; only a person may decide that"
        assert _similar(report, places), f"{places} are not listed as maybe the same"
    else:
        assert rule == "different", row
        assert item is None and not _similar(report, places), places


def test_typed_fields_bound_elsewhere_are_listed_as_could_be_prefilled(report: dict[str, Any]) -> None:
    prefillable = {(p["place"]["template"], p["place"]["field"]) for p in report["prefillable"]}
    for row in _table("The overlaps, and the rule that should find each"):
        if row[0] == "typed here, pool-bound there":
            typed = _places(row[2])[0]
            assert typed in prefillable, typed


def test_the_figures_are_the_catalogs(report: dict[str, Any]) -> None:
    figures = {r[0]: r[1] for r in _table("What it shows")}
    totals = report["totals"]
    assert figures["templates, fields"].startswith(f"{totals['templates']} templates, {totals['fields']} fields")
    share = re.match(r"([\d.]+)% \((\d+) of (\d+) ", figures["share pre-filled"])
    assert share is not None
    assert float(share[1]) == round(totals["share_prefilled"] * 100, 1)
    assert (int(share[2]), int(share[3])) == (totals["prefilled"], totals["fields"] - totals["calculated"])
    assert 0.35 <= totals["share_prefilled"] <= 0.45
    (merge,) = report["merges"]
    assert sorted(merge["templates"]) == sorted(r[0] for r in _table("The templates") if r[0].startswith("yp_"))
    numbers = re.match(r"Yangpu's five, (\d+) fields → (\d+) \(−(\d+)%\)", figures["merge candidate"])
    assert numbers is not None
    assert (int(numbers[1]), int(numbers[2])) == (merge["fields_before"], merge["fields_after"])
    assert int(numbers[3]) == round(merge["reduction"] * 100)
    assert 100 <= merge["fields_before"] <= 120 and 55 <= merge["fields_after"] <= 65
    assert figures["repeated items"].startswith(f"{len(report['repeated'])} items")


def test_the_review_list_is_the_catalogs(report: dict[str, Any]) -> None:
    reasons = {"past `valid_until`": "past-valid-until", "no `owner`": "missing-owner", "no `basis`": "missing-basis"}
    rows = _table("The review list")
    wanted = {tid: {code for text, code in reasons.items() if why.startswith(text)} for tid, why in rows}
    assert {r["template"]: set(r["reasons"]) for r in report["review"]} == wanted


@pytest.mark.parametrize("row", _table("Admission ([`../admission/`](../admission/))"), ids=lambda r: r[0])
def test_each_proposed_template_gets_the_verdict_the_readme_gives(row: list[str]) -> None:
    tid, counts, verdict = row
    result = formkit.admit(ADMISSION / f"{tid}.yaml", [CATALOG], max_overlap=0.8, today=TODAY)
    flagged, typed = map(int, re.findall(r"\d+", counts))
    assert (len(result.flagged), result.typed) == (flagged, typed)
    assert verdict == f"{result.verdict} (exit {result.exit_code})"
