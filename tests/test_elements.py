"""SPEC §8.1: the element dictionary, and what a field naming an element takes from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import formkit
from formkit.cli.main import app
from formkit.core.errors import TemplateError

POOL = formkit.examples_dir() / "demo_city.pool.yaml"

DICTIONARY = """\
formkit_elements: 1
id: t_city
pool: {pool}
elements:
  elderly_80_plus:
    label: {{zh: 80岁及以上老年人数, en: Residents aged 80 and over}}
    type: integer
    unit: 人
    aliases: [高龄老人数, 80岁以上老人数]
    value: count(person where age(birth_date) >= 80)
    owner: district.civil_affairs
    tags: [老年人, 民政]
  subsidy:
    label: 补贴金额
    type: decimal
    precision: 2
    unit: 元
"""


def _write(tmp_path: Path, template: str, dictionary: str | None = None) -> Path:
    (tmp_path / "city.elements.yaml").write_text(
        dictionary if dictionary is not None else DICTIONARY.format(pool=POOL), encoding="utf-8")
    path = tmp_path / "t.yaml"
    path.write_text(template, encoding="utf-8")
    return path


HEAD = "formkit: 1\nid: t\ntitle: T\nelements: city.elements.yaml\nlevel: community\nperiod: monthly\n"


def test_field_takes_label_type_unit_and_value(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD.replace("elements:", f"pool: {POOL}\nelements:") +
                  "fields:\n  - {id: old, element: elderly_80_plus}\n  - {id: money, element: subsidy}\n")
    tpl = formkit.load(path)
    old = tpl.fields["old"].model
    assert old.label == {"zh": "80岁及以上老年人数", "en": "Residents aged 80 and over"}
    assert old.type == "integer" and old.unit == {"zh": "人"}
    assert old.value is not None and old.value.text == "count(person where age(birth_date) >= 80)"
    assert old.value.span.file.endswith("city.elements.yaml")  # located where it is written
    assert tpl.fields["old"].kind == "value"
    money = tpl.fields["money"].model
    assert (money.type, money.precision, money.unit) == ("decimal", 2, {"zh": "元"})
    assert tpl.fields["money"].kind == "input"
    assert tpl.elements is not None and tpl.elements.id == "t_city"


def test_own_parts_win(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD.replace("elements:", f"pool: {POOL}\nelements:") +
                  "fields:\n  - {id: old, element: elderly_80_plus, label: 高龄老人（人）, unit: 名, value: 3}\n"
                  "  - {id: c, element: elderly_80_plus, calc: old + 1}\n")
    tpl = formkit.load(path)
    old = tpl.fields["old"].model
    assert old.label == {"zh": "高龄老人（人）"} and old.unit == {"zh": "名"}
    assert old.value is not None and old.value.const == 3
    assert tpl.fields["c"].kind == "calc" and tpl.fields["c"].model.value is None


def test_value_needs_a_pool_and_a_top_level_field(tmp_path: Path) -> None:
    """A template without a pool keeps the field typed; a roster column's scope is its row."""
    path = _write(tmp_path, HEAD + "fields:\n  - {id: old, element: elderly_80_plus}\n")
    tpl = formkit.load(path)
    assert tpl.fields["old"].kind == "input" and tpl.fields["old"].model.label["zh"] == "80岁及以上老年人数"
    path = _write(tmp_path, HEAD.replace("elements:", f"pool: {POOL}\nelements:") +
                  "fields:\n  - id: roster\n    label: 名册\n    type: table\n    rows: person\n"
                  "    columns:\n      - {id: nm, label: 姓名, value: person.name}\n"
                  "      - {id: n, element: elderly_80_plus}\n")
    column = formkit.load(path).tables["roster"].columns["n"].model
    assert column.value is None and column.type == "integer" and column.label["zh"] == "80岁及以上老年人数"


def test_disagreeing_type_and_unknown_element_are_located(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + "fields:\n  - {id: a, element: elderly_80_plus, type: text}\n"
                  "  - {id: b, element: elderly_80_plu}\n")
    with pytest.raises(TemplateError) as exc:
        formkit.load(path)
    got = {(i.code, i.span.line, i.span.column) for i in exc.value.issues}
    assert got == {("element-type-mismatch", 8, 45), ("unknown-element", 9, 22)}
    hints = {i.code: i.hint for i in exc.value.issues}
    assert hints["unknown-element"] == "did you mean 'elderly_80_plus'?"


def test_a_broken_dictionary_is_reported_in_its_own_lines(tmp_path: Path) -> None:
    bad = DICTIONARY.format(pool=POOL).replace("count(person where", "count(persons where").replace(
        "    owner:", "    ownr:")
    path = _write(tmp_path, HEAD + "fields:\n  - {id: a, element: elderly_80_plus}\n", bad)
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert "city.elements.yaml:11:5: unknown-key" in result.output, result.output
    with pytest.raises(TemplateError) as exc:
        formkit.load_elements(tmp_path / "city.elements.yaml")
    assert [i.code for i in exc.value.issues] == ["unknown-key"]  # shape first, then the rest
    fixed = bad.replace("ownr:", "owner:")
    (tmp_path / "city.elements.yaml").write_text(fixed, encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        formkit.load_elements(tmp_path / "city.elements.yaml")
    issue = exc.value.issues[0]
    assert (issue.code, issue.span.line, issue.hint) == ("unknown-pool-table", 10, "did you mean 'person'?")


def test_values_without_a_pool_are_parsed(tmp_path: Path) -> None:
    plain = DICTIONARY.format(pool=POOL).replace(f"pool: {POOL}\n", "")
    text = plain.replace(">= 80)", ">= )")
    (tmp_path / "d.elements.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        formkit.load_elements(tmp_path / "d.elements.yaml")
    assert [i.code for i in exc.value.issues] == ["expr-syntax"]
    (tmp_path / "d.elements.yaml").write_text(plain, encoding="utf-8")
    assert formkit.load_elements(tmp_path / "d.elements.yaml").pool is None


def test_a_label_or_alias_names_one_element(tmp_path: Path) -> None:
    text = DICTIONARY.format(pool=POOL) + "  old2:\n    label: ８０岁以上 老人数\n    type: integer\n"
    (tmp_path / "d.elements.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        formkit.load_elements(tmp_path / "d.elements.yaml")
    (issue,) = exc.value.issues
    assert issue.code == "duplicate-alias" and "'elderly_80_plus' (line 6)" in (issue.hint or "")


def test_without_elements_key_or_file(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD.replace("elements: city.elements.yaml\n", "") +
                  "fields:\n  - {id: a, element: elderly_80_plus}\n")
    with pytest.raises(TemplateError) as exc:
        formkit.load(path)
    assert exc.value.codes() == ["elements-missing"]
    # The caller may hand the dictionary in (formkit catalog --elements).
    tpl = formkit.load(path, elements=formkit.load_elements(tmp_path / "city.elements.yaml"))
    assert tpl.fields["a"].model.type == "integer"
    (tmp_path / "city.elements.yaml").write_text("formkit_pool: 1\n", encoding="utf-8")
    path.write_text(HEAD + "fields:\n  - {id: a, element: x}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        formkit.load(path)
    assert exc.value.codes() == ["file-kind"]
    assert "not an element dictionary" in exc.value.issues[0].message


def test_an_element_form_renders_its_label(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + "fields:\n  - {id: old, element: elderly_80_plus}\n")
    html = formkit.render_html(formkit.load(path))
    assert "80岁及以上老年人数" in html and "人" in html


def test_check_accepts_a_dictionary_and_its_schema_ships() -> None:
    assert (formkit.dsl_dir() / "elements.schema.json").is_file()
    result = CliRunner().invoke(app, ["check", str(Path(__file__).parent / "bad" / "city.elements.yaml")])
    assert result.exit_code == 0 and "1 file(s) checked, 0 error(s)" in result.output
