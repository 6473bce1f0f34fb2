"""Shape check: the JSON Schemas under dsl/ and their errors as located issues (SPEC §2, §6, §7)."""

from __future__ import annotations

import copy
import json
import random
import re
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from formkit import examples_dir
from formkit.core.errors import Issue
from formkit.document import schema
from formkit.document.loader import read_document
from formkit.document.schema import check_shape, load_schema

TEMPLATE = """\
formkit: 1
id: labor_archive_stock
version: 3
title: {zh: 劳动力资源街道档案库存量汇总分析表, en: Labor-resource archive stock}
owner: district.employment_center
basis: 杨人社〔2025〕7号
form_no: 杨人社统12表
authority: 杨浦区人力资源和社会保障局
approval_no: 杨统制〔2025〕3号
valid_until: 2027-12-31
pool: demo_city.pool.yaml
level: street
period: weekly
due: {after: 2d, remind: [1d]}
fields:
  - id: opening
    label: {zh: 上期库存}
    type: integer
    value: prev(closing)
    rollup: {period: first}
  - id: received
    label: {zh: 本期入库}
    type: integer
    required: true
    min: 0
    max: 1.5
  - id: closing
    label: {zh: 本期库存}
    type: integer
    calc: coalesce(opening, 0) + received - released
  - id: severe
    type: table
    label: {zh: 重度残疾人花名册}
    rows: person where disability_level in (1, 2)
    columns:
      - {id: name, label: 姓名, value: person.name}
      - {id: subsidy, label: 护理补贴, type: decimal, precision: 2, min: 0, required: true}
  - id: elderly
    type: grid
    label: {zh: 高龄老人情况}
    rows:
      - {id: age_80_89, label: 80–89岁, lo: 80, hi: 89}
      - {id: total, label: 合计, calc: sum(col)}
    columns:
      - {id: male, label: 男, value: "count(person where sex = 'M')"}
      - {id: all, label: 小计, calc: row.male + row.female}
    cells:
      total.all: {calc: sum(elderly.all)}
  - id: 走访次数
    label: 走访次数
    type: choice
    choices: {1: 是, 2: 否}
    visible: false
rules:
  - id: stock_not_negative
    check: closing >= 0
    severity: error
    fields: [closing, severe.subsidy, elderly.total.all]
    message: {zh: 本期库存不能为负, en: Closing stock cannot be negative}
formats:
  - when: released > opening * 0.5
    fields: [released]
    style: warn
  - when: closing > 100
    fields: [closing]
    class: my-host-class
"""

POOL = """\
formkit_pool: 1
id: demo_city
org:
  table: org_unit
  id: code
  parent: parent_code
  name: name
  level: level
  levels: [city, district, street, community, grid]
tables:
  person:
    label: {zh: 人口基础信息, en: Residents}
    key: id
    org: community_code
    columns:
      id: {type: text}
      name: {type: text, pii: name}
      phone: {type: text, pii: phone, mask: {keep_start: 3, keep_end: 4}}
      sex: {type: choice, choices: {M: 男, F: 女}}
      disability_level: {type: integer}
"""

# Lines 1-5; a test's field text starts on line 6.
HEAD = "formkit: 1\nid: t\ntitle: T\nperiod: monthly\nfields:\n"


def shape(text: str) -> list[Issue]:
    return check_shape(read_document("t.yaml", text=text))


def located(issues: list[Issue]) -> list[tuple[str, int, int]]:
    return [(i.code, i.span.line, i.span.column) for i in issues]


# -- the schemas themselves -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["template", "pool"])
def test_schema_is_valid_2020_12_and_ships_in_the_package(kind: str) -> None:
    """SPEC §4: the wheel carries dsl/; its JSON Schemas are valid draft 2020-12."""
    text = (resources.files("formkit") / "dsl" / f"{kind}.schema.json").read_text("utf-8")
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{kind}.schema.json")
    assert schema == load_schema(kind)


def _properties(node: Any, path: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            out.append((f"{path}/{name}", sub))
        for key, sub in node.items():
            out.extend(_properties(sub, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            out.extend(_properties(sub, f"{path}/{i}"))
    return out


@pytest.mark.parametrize("kind", ["template", "pool"])
def test_every_property_is_described(kind: str) -> None:
    """SPEC §2: editors show each key's description while admins type."""
    schema = load_schema(kind)
    top = {f"/properties/{k}" for k in schema["properties"]}
    missing = [
        p for p, sub in _properties(schema)
        if isinstance(sub, dict) and sub and not sub.get("description")
        and "/then/" not in p and "/if/" not in p
    ]
    assert missing == []
    assert top  # the walk saw something
    for name, sub in schema["$defs"].items():
        assert sub.get("description"), name


@pytest.mark.parametrize(
    ("text", "kind"),
    [pytest.param(TEMPLATE, "template", id="template"), pytest.param(POOL, "pool", id="pool")],
)
def test_spec_examples_are_valid(text: str, kind: str) -> None:
    """SPEC §2.1-2.3: the examples in the spec pass the shape check."""
    doc = read_document(f"x.{kind}.yaml", text=text)
    assert doc.kind == kind
    assert check_shape(doc) == []


# -- identifiers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "valid"),
    [
        pytest.param("closing", True, id="ascii"),
        pytest.param("走访次数", True, id="cjk"),
        pytest.param("age_80_89", True, id="digits-inside"),
        pytest.param("Ärzte", True, id="latin-accent"),
        pytest.param("_x", True, id="underscore-start"),
        pytest.param("1abc", False, id="digit-start"),
        pytest.param("a-b", False, id="hyphen"),
        pytest.param("a b", False, id="space"),
        pytest.param("a.b", False, id="dot"),
        pytest.param("走访，次数", False, id="cjk-punctuation"),
        pytest.param("\"a'b\"", False, id="quote"),
    ],
)
def test_field_id_must_be_an_identifier(ident: str, valid: bool) -> None:
    """SPEC §2.2: an id is letters of any script, digits and `_`, not starting with a digit."""
    issues = shape(HEAD + f"  - {{id: {ident}, label: L, type: text}}\n")
    if valid:
        assert issues == []
    else:
        assert located(issues) == [("bad-identifier", 6, 10)]
        assert ident.strip('"') in issues[0].message


def test_bad_identifier_suggests_a_fix() -> None:
    """SPEC §6: a suggestion where one exists."""
    (issue,) = shape(HEAD + "  - {id: a-b, label: L, type: text}\n")
    assert issue.hint is not None and "'a_b'" in issue.hint


def test_editor_pattern_admits_every_identifier() -> None:
    """SPEC §2.2: the schema pattern (what editors check) never rejects a valid Unicode id."""
    pattern = re.compile(load_schema("template")["$defs"]["identifier"]["pattern"])
    exact = re.compile(r"^[^\W\d]\w*$")
    samples = ["走访次数", "closing", "_x", "Ärzte", "ÿ", "δ1", "x٣", "1a", "a-b", "a b", "٣x"]
    for sample in samples:
        if exact.match(sample):
            assert pattern.match(sample), sample


# -- each kind of problem -------------------------------------------------------------------


def column_of(text: str, line: int, marker: str) -> int:
    """The 1-based column where ``marker`` first appears on ``line`` (code points)."""
    return text.split("\n")[line - 1].index(marker) + 1


@pytest.mark.parametrize(
    ("fields", "code", "line", "marker", "words"),
    [
        pytest.param("  - {id: a, lable: L, type: text}\n", "unknown-key", 6, "lable",
                     ("unknown key 'lable' in field 'a'", "did you mean 'label'?"),
                     id="unknown-key-suggested"),
        pytest.param("  - id: a\n    label: L\n    type: text\n    foo_bar: red\n",
                     "unknown-key", 9, "foo_bar",
                     ("unknown key 'foo_bar' in field 'a'", "keys allowed"),
                     id="unknown-key-listed"),
        pytest.param("  - {id: a, type: text}\n", "missing-key", 6, "{",
                     ("field 'a' is missing `label`", "add `label:`"),
                     id="missing-key"),
        pytest.param("  - {id: a, label: L, type: integer, min: [1]}\n", "wrong-type", 6, "[1]",
                     ("`min` should be a number or an expression, not a list", None),
                     id="wrong-type-min"),
        pytest.param("  - {id: a, label: L, type: integer, min: true}\n", "wrong-type", 6, "true",
                     ("`min` should be a number or an expression, not true", None),
                     id="bool-is-not-a-number"),
        pytest.param("  - {id: a, label: L, type: decimal, precision: 2.0}\n", "wrong-type", 6,
                     "2.0", ("`precision` should be a whole number, not the number 2.0", None),
                     id="decimal-is-not-whole"),
        pytest.param("  - {id: a, label: L, type: text, confirm: yes}\n", "wrong-type", 6, "yes",
                     ("`confirm` should be true or false, not the text 'yes'", "yes, no"),
                     id="yes-is-text"),
        pytest.param("  - {id: a, label: [x], type: text}\n", "wrong-type", 6, "[x]",
                     ("`label` should be text, or a mapping of languages", None),
                     id="label-any-of"),
        pytest.param("  - {id: a, label: {中文: x}, type: text}\n", "invalid-value", 6, "中文",
                     ("'中文' is not a language code", "zh or en"),
                     id="label-language"),
        pytest.param("  - {id: a, label: L, type: interger}\n", "unknown-value", 6, "interger",
                     ("unknown field type 'interger'", "did you mean 'integer'?"),
                     id="unknown-type"),
        pytest.param("  - {id: a, label: L, type: integer, rollup: {org: summ}}\n",
                     "unknown-value", 6, "summ",
                     ("unknown roll-up mode 'summ'", "did you mean 'sum'?"),
                     id="unknown-rollup"),
        pytest.param("  - {id: a, label: L, type: integer, precision: 11}\n", "invalid-value",
                     6, "11", ("`precision` must be at most 10", None),
                     id="too-large"),
        pytest.param("  - {id: a, label: L, type: integer, rows: person}\n", "misplaced-key",
                     6, "rows",
                     ("`rows` does not apply to a field of type 'integer'", "table and grid"),
                     id="misplaced-rows"),
        pytest.param("  - {id: a, label: L, type: choice, choices: person-sex}\n",
                     "bad-identifier", 6, "person-sex",
                     ("'person-sex' is not a valid pool column", "TABLE.COLUMN"),
                     id="choices-pool-column"),
        pytest.param("  - {id: a, label: L, type: table, rows: [1], columns: [{id: c, label: C,"
                     " type: text}]}\n", "wrong-type", 6, "[1]",
                     ("`rows` should be an expression, not a list", None),
                     id="table-rows"),
        pytest.param("  - {id: a, label: L, type: table, columns: [{id: c, label: C}]}\n",
                     "missing-key", 6, "{id: c",
                     ("column 'c' of table 'a' is missing `type`", "without `value`"),
                     id="column-type"),
        pytest.param("  - {id: a, label: L, type: grid, rows: [{id: r, label: R}],"
                     " columns: [{id: c, label: C}], add_rows: true}\n", "misplaced-key", 6,
                     "add_rows",
                     ("`add_rows` does not apply to a field of type 'grid'", "table fields"),
                     id="grid-add-rows"),
        pytest.param("  - {id: a, label: L, type: grid, rows: [{id: r, label: R, a-b: 1}],"
                     " columns: [{id: c, label: C}]}\n", "bad-identifier", 6, "a-b",
                     ("'a-b' is not a valid row parameter name", None),
                     id="grid-row-param"),
        pytest.param("  - {id: a, label: L, type: grid, rows: [{id: r, label: R}],"
                     " columns: [{id: c, label: C, type: text}]}\n", "unknown-value", 6, "text",
                     ("unknown cell type 'text'", "integer, decimal"),
                     id="grid-cell-type"),
        pytest.param("  - {id: a, label: L, type: grid, rows: [{id: r, label: R}],"
                     " columns: [{id: c, label: C}], cells: {r.c: {value: 1, calc: 2}}}\n",
                     "invalid-value", 6, "{value: 1",
                     ("cell 'r.c' takes either `value` or `calc`", None),
                     id="cell-both"),
        pytest.param("  - just text\n", "wrong-type", 6, "just",
                     ("`fields[0]` should be a mapping", None),
                     id="field-not-mapping"),
        pytest.param("  - {id: a, label: '', type: text}\n", "invalid-value", 6, "''",
                     ("`label` must not be empty", None),
                     id="empty-label"),
    ],
)
def test_field_problem(
    fields: str, code: str, line: int, marker: str, words: tuple[str, str | None]
) -> None:
    """SPEC §6/§7: each shape problem gets a stable code, line, column, plain words, a hint."""
    message, hint = words
    text = HEAD + fields
    issues = shape(text)
    assert located(issues) == [(code, line, column_of(text, line, marker))], [
        i.message for i in issues
    ]
    assert message in issues[0].message
    if hint is not None:
        assert issues[0].hint is not None and hint in issues[0].hint


@pytest.mark.parametrize(
    ("tail", "code", "line", "marker", "message"),
    [
        pytest.param("perod: weekly\n", "unknown-key", 7, "perod",
                     "unknown key 'perod' in the template", id="top-unknown-key"),
        pytest.param("due: {after: 2x}\n", "invalid-value", 7, "2x", "'2x' is not a duration",
                     id="duration"),
        pytest.param("valid_until: 2027/12/31\n", "invalid-value", 7, "2027", "is not a date",
                     id="date"),
        pytest.param("rules:\n  - {id: r, check: a > 0}\n", "missing-key", 8, "{",
                     "rule 'r' is missing `message`", id="rule-message"),
        pytest.param("rules:\n  - {id: r, check: a, message: m, fields: [x-y]}\n",
                     "bad-identifier", 8, "x-y", "'x-y' is not a valid place", id="rule-fields"),
        pytest.param("rules:\n  - {id: r, check: a, message: m, severity: fatal}\n",
                     "unknown-value", 8, "fatal", "unknown severity 'fatal'", id="severity"),
        pytest.param("formats:\n  - {when: a, fields: [a]}\n", "missing-key", 8, "{",
                     "format 1 needs `style` or `class`", id="format-neither"),
        pytest.param("formats:\n  - {when: a, fields: [a], style: warn, class: x}\n",
                     "invalid-value", 8, "{", "takes either `style` or `class`, not both",
                     id="format-both"),
        pytest.param("formats:\n  - {when: a, fields: [a], style: wran}\n", "unknown-value", 8,
                     "wran", "unknown style 'wran'", id="format-style"),
        pytest.param("version: 0\n", "invalid-value", 7, "0", "`version` must be at least 1",
                     id="version-min"),
    ],
)
def test_template_problem(tail: str, code: str, line: int, marker: str, message: str) -> None:
    """SPEC §2.2, docs/format-decisions.md: top level, rules and formats are shape-checked."""
    text = HEAD + "  - {id: a, label: L, type: text}\n" + tail
    issues = shape(text)
    assert located(issues) == [(code, line, column_of(text, line, marker))], [
        i.message for i in issues
    ]
    assert message in issues[0].message


def test_several_problems_are_all_reported() -> None:
    """SPEC §6: TemplateError lists every problem found (not just the first), one per problem."""
    text = HEAD + (
        "  - id: 1abc\n"                     # 6
        "    lable: L\n"                     # 7
        "    type: interger\n"               # 8
        "  - id: ok\n"                       # 9
        "    label: L\n"                     # 10
        "    type: integer\n"                # 11
        "    min: [0]\n"                     # 12
        "    colour: red\n"                  # 13
        "perod: weekly\n"                    # 14
    )
    # `lable` is reported once, as an unknown key with a suggestion, not also as a missing label.
    assert located(shape(text)) == [
        ("bad-identifier", 6, 9),
        ("unknown-key", 7, 5),
        ("unknown-value", 8, 11),
        ("wrong-type", 12, 10),
        ("unknown-key", 13, 5),
        ("unknown-key", 14, 1),
    ]


def test_grid_row_parameters_are_allowed() -> None:
    """SPEC §2.3: any other scalar key of a grid row is a row parameter."""
    text = HEAD + (
        "  - id: g\n    label: G\n    type: grid\n"
        "    rows: [{id: r, label: R, lo: 80, hi: 89, 走访: x, flag: true}]\n"
        "    columns: [{id: c, label: C, type: decimal, precision: 1}]\n"
    )
    assert shape(text) == []


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        pytest.param("5", True, id="int"),
        pytest.param("0.25", True, id="decimal"),
        pytest.param("'a + 1'", True, id="expression"),
        pytest.param("true", False, id="bool"),
        pytest.param("[1]", False, id="list"),
    ],
)
def test_min_takes_a_number_or_an_expression(value: str, ok: bool) -> None:
    """SPEC §2.2: `min`/`max` take a number or an expression; Decimal values are numbers."""
    issues = shape(HEAD + f"  - {{id: a, label: L, type: decimal, min: {value}}}\n")
    assert (issues == []) is ok
    if not ok:
        assert issues[0].code == "wrong-type"


# -- versions, kinds, pools -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        pytest.param("formkit: 2\nid: x\n", "unsupported-version", 1, 10, id="template-v2"),
        pytest.param("formkit_pool: 1.5\n", "unsupported-version", 1, 15, id="pool-v1.5"),
        pytest.param("formkit: '1'\n", "unsupported-version", 1, 10, id="quoted-version"),
        pytest.param("formkit: true\n", "unsupported-version", 1, 10, id="bool-version"),
        pytest.param("fromkit: 1\nid: x\n", "file-kind", 1, 1, id="misspelt-kind"),
        pytest.param("a: 1\n", "file-kind", 1, 1, id="no-kind"),
        pytest.param("- a\n", "file-kind", 1, 1, id="list"),
        pytest.param("", "file-kind", 1, 1, id="empty"),
        pytest.param("formkit: 1\nformkit_pool: 1\n", "file-kind", 2, 1, id="both"),
    ],
)
def test_version_and_kind(text: str, code: str, line: int, column: int) -> None:
    """SPEC §2.1: the top key says the kind; only format version 1 is read."""
    assert located(shape(text)) == [(code, line, column)]


def test_misspelt_kind_suggests() -> None:
    """SPEC §6: a suggestion where one exists."""
    (issue,) = shape("fromkit: 1\n")
    assert issue.hint == "did you mean 'formkit'?"


@pytest.mark.parametrize(
    ("edit", "code", "line", "marker", "message"),
    [
        pytest.param(("  name: name\n", ""), "missing-key", 3, "org", "`org` is missing `name`",
                     id="org-name"),
        pytest.param(("street, community", "street, street"), "invalid-value", 9, "[",
                     "lists the same entry twice", id="levels-unique"),
        pytest.param(("  person:\n", "  my-person:\n"), "bad-identifier", 11, "my-person",
                     "'my-person' is not a valid table name", id="table-name"),
        pytest.param(("      id: {type: text}", "      x-y: {type: text}"), "bad-identifier", 16,
                     "x-y", "'x-y' is not a valid column name", id="column-name"),
        pytest.param(("{type: integer}", "{type: int}"), "unknown-value", 20, "int}",
                     "unknown column type 'int'", id="column-type"),
        pytest.param(("pii: name", "pii: names"), "unknown-value", 17, "names",
                     "unknown personal-data kind 'names'", id="pii"),
        pytest.param(("{M: 男, F: 女}", "{}"), "invalid-value", 19, "{}",
                     "`choices` must not be empty", id="empty-choices"),
        pytest.param((", choices: {M: 男, F: 女}", ""), "missing-key", 19, "sex",
                     "column 'sex' of table 'person' is missing `choices`", id="choice-choices"),
        pytest.param(("    key: id\n", "    kee: id\n"), "unknown-key", 13, "kee",
                     "unknown key 'kee' in pool table 'person'", id="table-unknown-key"),
    ],
)
def test_pool_problem(edit: tuple[str, str], code: str, line: int, marker: str,
                      message: str) -> None:
    """SPEC §2.1: the pool file's shape is checked like a template's."""
    old, new = edit
    assert old in POOL
    text = POOL.replace(old, new, 1)
    issues = check_shape(read_document("p.pool.yaml", text=text))
    assert located(issues) == [(code, line, column_of(text, line, marker))], [
        i.message for i in issues
    ]
    assert message in issues[0].message


def test_issue_paths_name_the_place() -> None:
    """SPEC §6 / DESIGN style 5: an issue carries the YAML path (fields[0].type)."""
    (issue,) = shape(HEAD + "  - {id: a, label: L, type: interger}\n")
    assert issue.path == "fields[0].type"
    (issue,) = shape(HEAD + "  - {id: a, lable: L, type: text}\n")
    assert issue.path == "fields[0].lable"


def _mutations(data: Any, rng: Any, count: int) -> list[Any]:
    """Documents one or two small edits away from ``data``: wrong kinds, missing and extra keys."""
    values: list[Any] = [None, True, 0, 1, -1, Decimal("1.5"), "", "x", "1abc", "a.b", "sum",
                         "person.sex", "weekly", "number", "choice", "2d", [], ["x"], [1, 1], {},
                         {"zh": "a"}, {"id": "a", "label": "b"}]
    keys = ["extra", "value", "calc", "type", "rows", "columns", "choices", "min", "label", "rollup"]

    def places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        out = [path]
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for k, v in items:
            out.extend(places(v, (*path, k)))
        return out

    out = []
    for _ in range(count):
        doc = copy.deepcopy(data)
        for _ in range(rng.choice([1, 2])):
            path = rng.choice(places(doc)[1:])
            parent = doc
            for part in path[:-1]:
                parent = parent[part]
            roll = rng.random()
            if roll < 0.5:
                parent[path[-1]] = copy.deepcopy(rng.choice(values))
            elif isinstance(parent, dict) and roll < 0.75:
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[rng.choice(keys)] = copy.deepcopy(rng.choice(values))
            else:
                parent.append(copy.deepcopy(rng.choice([*values, parent[0]])))
        out.append(doc)
    return out


@pytest.mark.parametrize("name", ["labor_archive_stock.yaml", "demo_city.pool.yaml"])
def test_compiled_check_agrees_with_jsonschema(name: str) -> None:
    """The fast path may skip jsonschema only for documents jsonschema accepts: on edits of real
    files (most of them invalid) the compiled predicate and jsonschema must give one verdict."""
    doc = read_document(examples_dir() / name)
    assert doc.kind is not None
    kind = doc.kind
    assert schema._fast(kind) is not None, "the schema uses a keyword the compiler does not know"
    checked = schema._validator(kind)
    docs = [doc.data, *_mutations(doc.data, random.Random(7), 150)]
    verdicts = [(checked.is_valid(d), schema._is_valid(kind, d)) for d in docs]
    assert all(slow == fast for slow, fast in verdicts)
    assert any(not slow for slow, _ in verdicts) and verdicts[0] == (True, True)
