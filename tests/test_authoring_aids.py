"""Authoring aids (issue 18): the mistakes a new department admin makes first, each reported where
it stands with the fix to make (SPEC §1: admins are not programmers; SPEC §6, §7)."""

from __future__ import annotations

from pathlib import Path

import pytest

import formkit
from formkit.core.errors import Issue, TemplateError
from formkit.document.loader import read_document
from formkit.document.schema import check_shape

HEAD = "formkit: 1\nid: t\ntitle: T\nlevel: community\nperiod: monthly\nfields:\n"


def yaml_issue(text: str) -> Issue:
    with pytest.raises(TemplateError) as info:
        read_document("t.yaml", text=text)
    return info.value.issues[0]


def column_of(text: str, line: int, marker: str) -> int:
    return text.split("\n")[line - 1].index(marker) + 1


# -- YAML typed with a Chinese input method ---------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param("  - {id: a, label：{zh: 甲, en: A}, type: integer}\n", id="flow"),
        pytest.param("  - id: a\n    label：{zh: 甲, en: A}\n    type: integer\n", id="block-flow-value"),
        pytest.param("  - id: a\n    type: integer\n    label：甲\n", id="block"),
    ],
)
def test_full_width_colon_is_named_and_pointed_at(fields: str) -> None:
    """A key followed by '：' is reported as a full-width colon, at the colon itself (it used to
    be "a second ': ' on one line", with the caret on a later `en:`)."""
    text = HEAD + fields
    issue = yaml_issue(text)
    line = next(i for i, t in enumerate(text.split("\n"), 1) if "：" in t)
    assert issue.code == "yaml-syntax"
    assert "full-width" in issue.message and "：" in issue.message
    assert (issue.span.line, issue.span.column) == (line, column_of(text, line, "："))
    assert issue.hint is not None and "':'" in issue.hint.replace("': '", "':'")


def test_full_width_colon_inside_a_value_is_text() -> None:
    """'：' inside a label is text, as in `其中：男`: never reported."""
    doc = read_document("t.yaml", text=HEAD + "  - {id: a, label: 其中：男性, type: integer}\n")
    assert doc.data["fields"][0]["label"] == "其中：男性"


def test_unquoted_comma_in_a_flow_mapping_says_to_quote() -> None:
    """`{…, calc: round(x, 2)}`: the ',' ends the item, so `2)` was "unknown key '2)'"."""
    text = HEAD + "  - {id: x, label: X, type: decimal}\n  - {id: b, label: B, type: decimal, calc: round(x, 2)}\n"
    issues = check_shape(read_document("t.yaml", text=text))
    assert len(issues) == 1
    issue = issues[0]
    assert issue.code == "unknown-key"
    assert "round(x, 2)" in issue.message and "','" in issue.message
    assert issue.hint == "put the expression in quotes: calc: 'round(x, 2)'"
    assert (issue.span.line, issue.span.column) == (8, column_of(text, 8, "2)"))


# -- a choice compared with its label ---------------------------------------------------------

POOL = Path(formkit.examples_dir()) / "demo_city.pool.yaml"
CHOICE_HEAD = ("formkit: 1\nid: t\ntitle: T\npool: POOL\nlevel: community\nperiod: monthly\nfields:\n"
               "  - {id: handling, label: 处理, type: choice, choices: {stop: 责令停产停业整顿, warn: 警告}}\n"
               "  - {id: kind, label: 性别, type: choice, choices: person.sex}\n"
               "  - {id: needs, label: 需求, type: multichoice, choices: {meal: 助餐, bath: 助浴}}\n")


def check_text(tmp_path: Path, text: str) -> list[Issue]:
    path = tmp_path / "t.yaml"
    path.write_text(text.replace("POOL", str(POOL)), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        formkit.load(path)
    return info.value.issues


@pytest.mark.parametrize(
    ("line", "label", "key", "where"),
    [
        pytest.param("  - {id: n, label: N, type: integer, visible: \"handling != '责令停产停业整顿'\"}\n",
                     "责令停产停业整顿", "stop", "handling", id="field-compare"),
        pytest.param("  - {id: n, label: N, type: integer, visible: \"handling in ('stop', '警告')\"}\n",
                     "警告", "warn", "handling", id="field-in"),
        pytest.param("  - {id: n, label: N, type: integer, visible: \"'女' = kind\"}\n",
                     "女", "F", "kind", id="pool-choices-field"),
        pytest.param("  - {id: n, label: N, type: integer, value: \"count(person where sex = '男')\"}\n",
                     "男", "M", "sex", id="pool-column"),
        pytest.param("  - {id: n, label: N, type: table, rows: \"person where sex = '男'\",\n"
                     "     columns: [{id: name, label: 姓名, value: person.name}]}\n",
                     "男", "M", "sex", id="rows-filter"),
        pytest.param("  - {id: n, label: N, type: integer, visible: \"has(needs, '助餐')\"}\n",
                     "助餐", "meal", "needs", id="multichoice-has"),
        pytest.param("  - {id: n, label: N, type: table, columns: [{id: k, label: K, type: choice,"
                     " choices: {a: 甲, b: 乙}}, {id: m, label: M, type: integer, required: \"k = '乙'\"}]}\n",
                     "乙", "b", "k", id="roster-column"),
    ],
)
def test_choice_compared_with_its_label(tmp_path: Path, line: str, label: str, key: str, where: str) -> None:
    """A choice holds its key: comparing it with a label passed `check` and was always false
    (or true). It is a located error naming the key to use."""
    text = CHOICE_HEAD + line
    issues = [i for i in check_text(tmp_path, text) if i.code == "unknown-choice"]
    assert len(issues) == 1, issues
    issue = issues[0]
    assert f"'{label}' is the label of the choice '{key}' of '{where}'" in issue.message
    assert issue.hint == f"compare with the key: '{key}'"
    assert (issue.span.line, issue.span.column) == (11, column_of(text, 11, f"'{label}'"))


def test_choice_compared_with_no_key_lists_the_keys(tmp_path: Path) -> None:
    text = CHOICE_HEAD + "  - {id: n, label: N, type: integer, visible: \"handling = 'stopp'\"}\n"
    (issue,) = check_text(tmp_path, text)
    assert issue.code == "unknown-choice" and issue.hint == "did you mean the key 'stop'?"


def test_choice_compared_with_its_keys_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text((CHOICE_HEAD + "  - {id: n, label: N, type: integer, visible: \"handling in ('stop', 'warn') "
                     "and kind != 'F'\"}\n").replace("POOL", str(POOL)), encoding="utf-8")
    formkit.load(path)


# -- SPEC §2.1's own pool example -------------------------------------------------------------

SPEC_POOL = """\
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
    org: community_code    # the finest org unit a row belongs to
    columns:
      id: {type: text}
      name: {type: text, pii: name}
      sex: {type: choice, choices: {M: 男, F: 女}}
      birth_date: {type: date}
  enterprise:
    key: id
    org: community_code
    columns:
      id: {type: text}
      employees: {type: integer}
"""


def test_spec_pool_example_names_its_org_column_once(tmp_path: Path) -> None:
    """SPEC §2.1: `org: community_code` is enough; the column need not be listed under `columns`
    (it was "the org column 'community_code' is not a column of 'person'")."""
    (tmp_path / "p.pool.yaml").write_text(SPEC_POOL, encoding="utf-8")
    pool = formkit.load_pool(tmp_path / "p.pool.yaml")
    org = pool.tables["person"].columns["community_code"]
    assert org.type == "text" and org.span.line == 14
    (tmp_path / "t.yaml").write_text(
        "formkit: 1\nid: t\ntitle: T\npool: p.pool.yaml\nlevel: community\nperiod: monthly\nfields:\n"
        "  - {id: n, label: N, type: integer, value: count(person where sex = 'F')}\n"
        "  - {id: e, label: E, type: integer, value: sum(enterprise.employees)}\n", encoding="utf-8")
    sql = formkit.load(tmp_path / "t.yaml").sql("prefill", dialect="duckdb")
    assert "community_code" in str(sql)


# -- hints that name the fix ------------------------------------------------------------------


def only_issue(tmp_path: Path, fields: str) -> Issue:
    issues = check_text(tmp_path, "formkit: 1\nid: t\ntitle: T\npool: POOL\nlevel: community\nperiod: monthly\n"
                        "fields:\n  - {id: a, label: 甲, type: integer}\n" + fields)
    assert len(issues) == 1, issues
    return issues[0]


@pytest.mark.parametrize(
    ("calc", "message", "hint", "marker"),
    [
        pytest.param("a ≥ 1", "'≥' is not an operator", "write '>=': a >= 1", "≥", id="ge"),
        pytest.param("a ≤ 1", "'≤' is not an operator", "write '<=': a <= 1", "≤", id="le"),
        pytest.param("a ≠ 1", "'≠' is not an operator", "write '!=': a != 1", "≠", id="ne"),
        pytest.param("a > 1 并且 a < 3", "'并且' is not an operator", "write 'and': a > 1 and a < 3", "并且",
                     id="and-word"),
        pytest.param("a > 1 或者 a < 3", "'或者' is not an operator", "write 'or': a > 1 or a < 3", "或者",
                     id="or-word"),
        pytest.param("非 a > 1", "'非' is not an operator", "write 'not': not (a > 1)", "非", id="not-word"),
    ],
)
def test_operator_typed_the_chinese_way(tmp_path: Path, calc: str, message: str, hint: str, marker: str) -> None:
    """`≥` and `并且` got generic hints ("see docs/expressions.md"): they name the operator to write."""
    issue = only_issue(tmp_path, f"  - {{id: b, label: 乙, type: boolean, calc: \"{calc}\"}}\n")
    assert (issue.code, issue.message, issue.hint) == ("expr-syntax", message, hint)
    text_line = f"  - {{id: b, label: 乙, type: boolean, calc: \"{calc}\"}}"
    assert issue.span.column == text_line.index(marker) + 1


def test_unquoted_text_constant_suggests_quotes(tmp_path: Path) -> None:
    """`if(a > 1, 有, 无)`: the words are texts without quotes, not misspelt ids."""
    issues = check_text(tmp_path, HEAD.replace("fields:\n", "pool: POOL\nfields:\n")
                        + "  - {id: a, label: 甲, type: integer}\n"
                        "  - {id: e, label: E, type: text, calc: \"if(a > 1, 有, 无)\"}\n")
    assert [(i.code, i.hint) for i in issues] == [
        ("unknown-name", "if '有' is a text, put it in quotes: '有'; a name is a field id of this template"),
        ("unknown-name", "if '无' is a text, put it in quotes: '无'; a name is a field id of this template"),
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        pytest.param("state_code", "status", id="meaning-over-suffix"),  # not industry_code
        pytest.param("状态", "status", id="by-zh-label"),  # 登记状态
        pytest.param("industy_code", "industry_code", id="misspelt"),
        pytest.param("employes", "employees", id="one-letter"),
    ],
)
def test_pool_column_suggestion_ranked_by_name_and_label(tmp_path: Path, written: str, meant: str) -> None:
    """Suggestions are ranked by edit distance on the column's name and on its label; words like
    `code` that only say what kind of value a column holds count less."""
    field = f"  - {{id: n, label: N, type: integer, value: count(enterprise where {written} = 'x')}}\n"
    issue = only_issue(tmp_path, field)
    assert issue.code == "unknown-pool-column"
    assert issue.hint == f"did you mean '{meant}'?"


def test_field_suggestion_by_label(tmp_path: Path) -> None:
    issue = only_issue(tmp_path, "  - {id: b, label: 乙, type: integer, calc: 甲 + 1}\n")
    assert issue.hint == "did you mean 'a'?"


# -- every stage's problems whose inputs are sound -----------------------------------------------

SHAPE_AND_NAMES = HEAD + """\
  - {id: a, label: A, type: integer, typo: 1}
  - {id: g, label: G, type: integr}
  - {id: b, label: B, type: integer, calc: "recieved + g + x"}
  - {id: c, label: C, type: integer, calc: "y + a"}
rules:
  - {id: r, check: "zz > 0", message: M}
"""


def test_shape_problems_do_not_hide_name_problems(tmp_path: Path) -> None:
    """A file with 2 shape and 4 name problems showed only the 2: the fields whose shape is sound
    are checked too. A field left out for its shape (`g`) is not reported again as unknown."""
    path = tmp_path / "t.yaml"
    path.write_text(SHAPE_AND_NAMES, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        formkit.load(path)
    found = [(i.code, i.span.line) for i in info.value.issues]
    assert found == [("unknown-key", 7), ("unknown-value", 8), ("unknown-name", 9), ("unknown-name", 9),
                     ("unknown-name", 10), ("unknown-name", 12)]
    assert not any("'g'" in i.message for i in info.value.issues)
    # Spans after a left-out field still point at their own lines.
    on_10 = [i.span.column for i in info.value.issues if i.span.line == 10]
    assert on_10 == [column_of(SHAPE_AND_NAMES, 10, '"y') + 1]


def test_header_shape_problem_still_stops(tmp_path: Path) -> None:
    """A problem in the header (here `period`) leaves nothing sound to check the fields against."""
    path = tmp_path / "t.yaml"
    path.write_text(SHAPE_AND_NAMES.replace("period: monthly", "period: montly"), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        formkit.load(path)
    assert {i.code for i in info.value.issues} <= {"unknown-value", "unknown-key"}


# -- stocks across periods ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "org", "period"),
    [
        pytest.param("{id: n, label: N, type: integer, value: count(person)}", "sum", "last", id="pool-count"),
        pytest.param("{id: n, label: N, type: integer, value: sum(enterprise.employees)}", "sum", "last",
                     id="pool-sum"),
        pytest.param("{id: n, label: N, type: integer, value: count_distinct(person.hukou_province)}",
                     "requery", "requery", id="pool-count-distinct"),
        pytest.param("{id: n, label: N, type: integer, value: prev(a)}", "sum", "first", id="prev-opening"),
        pytest.param("{id: n, label: N, type: integer, value: count(person), rollup: sum}", "sum", "sum",
                     id="flow-said-so"),
        pytest.param("{id: n, label: N, type: integer}", "sum", "sum", id="typed"),
        pytest.param("{id: n, label: N, type: integer, calc: a + 1}", "recompute", "recompute", id="calc"),
    ],
)
def test_stocks_default_across_periods(tmp_path: Path, field: str, org: str, period: str) -> None:
    """A pool count is a stock: a quarter showed 3× the residents unless `rollup: {period: last}`
    was written. Across org units it still adds up (SPEC §2.4)."""
    path = tmp_path / "t.yaml"
    path.write_text(f"formkit: 1\nid: t\ntitle: T\npool: {POOL}\nlevel: community\nperiod: monthly\nfields:\n"
                    f"  - {{id: a, label: A, type: integer}}\n  - {field}\n", encoding="utf-8")
    ir = formkit.load(path).fields["n"]
    assert (ir.rollup_org, ir.rollup_period) == (org, period)


def test_an_expression_cut_twice_is_one_problem_without_cascade(tmp_path: Path) -> None:
    """`calc: coalesce(a, 0) + coalesce(a, 0)` unquoted in `{…}` is cut at both commas: one issue,
    the whole expression quoted in the hint; the remnant `coalesce(a` is not reported as a syntax
    error, nor a field that reads the cut one as unknown."""
    text = HEAD + ("  - {id: a, label: A, type: integer}\n"
                   "  - {id: s, label: S, type: integer, calc: coalesce(a, 0) + coalesce(a, 0)}\n"
                   "  - {id: t, label: T, type: integer, calc: s + 1}\n")
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        formkit.load(path)
    (issue,) = info.value.issues
    assert issue.code == "unknown-key" and issue.span.line == 8
    assert issue.hint == "put the expression in quotes: calc: 'coalesce(a, 0) + coalesce(a, 0)'"


def test_every_bad_character_of_one_expression_is_reported(tmp_path: Path) -> None:
    """Only the first problem inside one expression was reported: each character that is not
    part of the language is, where it stands; what the parser then stumbles on is not."""
    line = "  - {id: b, label: 乙, type: boolean, calc: \"a ≥ 1 and a ≤ 5 and a ≠ 3\"}"
    issue_list = check_text(tmp_path, "formkit: 1\nid: t\ntitle: T\npool: POOL\nlevel: community\n"
                            "period: monthly\nfields:\n  - {id: a, label: 甲, type: integer}\n" + line + "\n")
    assert [(i.code, i.message, i.span.column) for i in issue_list] == [
        ("expr-syntax", f"'{ch}' is not an operator", line.index(ch) + 1) for ch in "≥≤≠"]


def test_a_run_of_bad_characters_is_one_problem() -> None:
    from formkit.core.source import SourceSpan
    from formkit.language.parser import parse

    span = SourceSpan("t.yaml", 1, 1, 1, 1)
    assert [i.message for i in parse("a || b", span)[1]] == ["'|' is not an operator"]
    assert [i.span.column for i in parse("（1）", span)[1]] == [1, 3]  # two brackets, two places to fix


def test_full_width_colon_after_chinese_text_is_not_blamed() -> None:
    """A list item `- 其中：男性` near a syntax error is text, not a key with a full-width colon."""
    text = HEAD + "  - id: a\n    label: A\n    type: integer\n    aliases:\n      - 其中：男性\n   type: text\n"
    issue = yaml_issue(text)
    assert "full-width" not in issue.message
