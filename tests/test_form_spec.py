"""The JSON form spec for hosts that render forms themselves (SPEC §4): every example's spec
validates against dsl/form-spec.schema.json, round-trips through JSON, and says what a host
needs — labels in one language, where each value comes from, what is read-only, the rosters'
and grids' shapes — with the compiled plan that formkit-eval.js runs."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import formkit
from formkit.browser.plan import template_plan
from formkit.render import form_spec

EXAMPLES = sorted(p for p in formkit.examples_dir().glob("*.yaml") if p.name.count(".") == 1)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((formkit.dsl_dir() / "form-spec.schema.json").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def templates() -> dict[str, formkit.Template]:
    return {p.stem: formkit.load(p) for p in EXAMPLES}


def spec_of(templates: dict[str, formkit.Template], name: str, lang: str = "zh") -> dict[str, Any]:
    return form_spec(templates[name], lang=lang)


def item(spec: dict[str, Any], item_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in spec["items"] if i["id"] == item_id)
    return found


def test_schema_is_versioned_and_ships_in_dsl(schema: dict[str, Any]) -> None:
    """The schema lives in the package's dsl/ and names its version."""
    assert schema["$id"].endswith("form-spec-1.schema.json")
    assert schema["properties"]["formkit_form"] == {"const": 1, "description": "The version of this format."}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_validates_and_round_trips(
    path: Path, lang: str, validator: jsonschema.Draft202012Validator, templates: dict[str, formkit.Template]
) -> None:
    """SPEC §4: form_spec(template) of every example validates against its JSON Schema and is
    plain JSON (dumps → loads gives it back)."""
    spec = form_spec(templates[path.stem], lang=lang)
    text = json.dumps(spec, ensure_ascii=False)
    assert json.loads(text) == spec
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(text))]
    assert not errors, errors
    assert spec["plan"] == template_plan(templates[path.stem])
    tpl = templates[path.stem]
    assert [i["id"] for i in spec["items"]] == [f.id for f in tpl.model.fields]
    assert spec["title"] == tpl.title(lang)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda s: s.pop("plan"), "plan"),
        (lambda s: s.update(extra=1), "extra"),
        (lambda s: s["items"][0].update(source="database"), "source"),
        (lambda s: s["items"][0].update(colour="red"), "colour"),
        (lambda s: s["items"][0].update(min=1.5), "min"),
        (lambda s: s["header"].update(valid_until="31/12/2027"), "valid_until"),
        (lambda s: s.update(formkit_form=2), "formkit_form"),
    ],
    ids=["missing-plan", "extra-key", "bad-source", "unknown-field-key", "float-number", "bad-date", "version"],
)
def test_schema_rejects_what_formkit_does_not_write(
    change: Any, where: str, validator: jsonschema.Draft202012Validator, templates: dict[str, formkit.Template]
) -> None:
    """The schema is enforced, not decorative: each drift from the format is an error."""
    spec = copy.deepcopy(spec_of(templates, "labor_archive_stock"))
    change(spec)
    assert list(validator.iter_errors(spec)), f"a spec with a bad {where} validated"


def test_header_footer_and_rules(templates: dict[str, formkit.Template]) -> None:
    """SPEC §4: the statistical-form header and the footer lines, rules with their messages."""
    spec = spec_of(templates, "labor_archive_stock")
    assert spec["header"]["form_no"] == "杨人社统12表"
    assert spec["header"]["valid_until"] == "2027-12-31"
    assert [f["label"] for f in spec["footer"]] == ["填报单位", "填报人", "审核人", "联系电话", "报出日期"]
    assert spec["period"] == "weekly" and spec["level"] == "street"
    assert spec["due"] == {"after_days": 2, "remind_days": [1]}
    rule = next(r for r in spec["rules"] if r["id"] == "stock_not_negative")
    assert rule["severity"] == "error" and rule["fields"] == ["closing", "released"]
    assert rule["message"] == "本期库存不能为负，请核对本期出库数" and rule["check"] == "closing >= 0"
    en = spec_of(templates, "labor_archive_stock", "en")
    assert next(r for r in en["rules"] if r["id"] == "stock_not_negative")["message"].startswith(
        "Closing stock cannot be negative")
    assert [f["label"] for f in en["footer"]][:2] == ["Reporting unit", "Filled in by"]


def test_sources_and_read_only(templates: dict[str, formkit.Template]) -> None:
    """SPEC §2.2: a value's source (typed, pool, last period, calc) and whether staff may type it
    (a `confirm` value may be corrected)."""
    labor = spec_of(templates, "labor_archive_stock")
    opening, received, closing = (item(labor, k) for k in ("opening", "received", "closing"))
    assert (opening["source"], opening["readonly"]) == ("prev", False) and opening["confirm"] is True
    assert (received["source"], received["readonly"], received["required"], received["min"]) == (
        "input", False, True, "0")
    assert (closing["source"], closing["readonly"]) == ("calc", True)
    assert closing["formula"] == "coalesce(opening, 0) + received - released"
    care = spec_of(templates, "elderly_care_facilities")
    assert item(care, "avg_beds")["source"] == "pool" and item(care, "avg_beds")["readonly"] is True
    assert item(care, "occupancy_rate")["unit"] == "%" and item(care, "occupancy_rate")["precision"] == 2
    assert item(care, "hazards_fixed")["max"] == {"expr": "hazards"}


def test_conditions_choices_and_rosters(templates: dict[str, formkit.Template]) -> None:
    """Rosters: their columns, whether rows may be added or removed; conditional visibility and
    requirement as expressions; choices with labels (inline, or from a pool column)."""
    visits = spec_of(templates, "insurance_visit_record")
    log = item(visits, "走访登记")
    assert log["kind"] == "table" and log["add_rows"] is True and log["remove_rows"] is False
    assert log["pool"] is None
    columns = {c["id"]: c for c in log["columns"]}
    assert columns["未参保原因"]["visible"] == {"expr": "参保意愿 = 'refuse'"}
    assert columns["未参保原因"]["required"] == {"expr": "参保意愿 = 'refuse'"}
    assert columns["性别"]["choices"] == [{"key": "M", "label": "男"}, {"key": "F", "label": "女"}]
    assert columns["身份证号"]["type"] == "id_card" and columns["宣传事项"]["type"] == "multichoice"
    ledger = spec_of(templates, "disabled_persons_ledger")
    severe = item(ledger, "severe")
    assert severe["add_rows"] is False and severe["pool"] == "person"
    cols = {c["id"]: c for c in severe["columns"]}
    assert (cols["name"]["source"], cols["name"]["readonly"], cols["name"]["type"]) == ("pool", True, "text")
    assert cols["sex"]["type"] == "choice" and {"key": "M", "label": "男"} in cols["sex"]["choices"]
    assert cols["level"]["type"] == "integer" and cols["subsidy"]["precision"] == 2


def test_grids(templates: dict[str, formkit.Template]) -> None:
    """SPEC §2.3: a grid's rows and columns, totals marked, and each cell's source."""
    grid = item(spec_of(templates, "elderly_population_grid", "en"), "elderly")
    assert grid["kind"] == "grid"
    assert [r["id"] for r in grid["rows"] if r["total"]] == ["total"]
    assert [c["id"] for c in grid["columns"] if c["total"]] == ["all"]
    assert grid["rows"][0]["label"] == "60–69"
    assert grid["cells"]["age_60_69"]["male"]["source"] == "pool"
    assert grid["cells"]["age_60_69"]["all"] == {"source": "calc", "readonly": True, "formula": "row.male + row.female"}
    assert grid["cells"]["total"]["all"]["formula"] == "sum(elderly.all)"


def test_labels_fall_back_to_chinese(templates: dict[str, formkit.Template]) -> None:
    """SPEC §2.2: a label missing in the requested language falls back to zh."""
    spec = spec_of(templates, "labor_archive_stock", "fr")
    assert spec["lang"] == "fr" and item(spec, "received")["label"] == "本期入库（合计）"
    assert spec["footer"][0]["label"] == "填报单位"


def test_a_filled_form_gives_its_template_spec(templates: dict[str, formkit.Template]) -> None:
    tpl = templates["labor_archive_stock"]

    class FakeForm:
        template = tpl

        def to_json(self) -> dict[str, Any]:
            return {}

    assert form_spec(FakeForm()) == form_spec(tpl)
    with pytest.raises(TypeError):
        form_spec("labor_archive_stock")  # type: ignore[arg-type]


def test_each_call_gives_a_spec_of_its_own(templates: dict[str, formkit.Template]) -> None:
    """The spec is built once per template and language; a caller that changes what it got
    (a host adding its own keys) changes neither the next caller's spec nor the HTML."""
    tpl = templates["labor_archive_stock"]
    html = formkit.render_html(tpl)
    first = form_spec(tpl)
    first["items"][0]["label"] = "changed"
    first["plan"]["slots"].clear()
    first["title"] = "<b>"
    second = form_spec(tpl)
    assert second["items"][0]["label"] == "上期库存（合计）" and second["plan"] == template_plan(tpl)
    assert second["title"] == tpl.title("zh") and form_spec(tpl, lang="en")["lang"] == "en"
    assert formkit.render_html(tpl) == html
