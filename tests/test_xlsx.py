"""Excel workbook (SPEC §4): calc cells are live formulas that LibreOffice recalculates to
formkit's own values.

Every example template, a crafted template covering every operator and function the Excel
lowering supports, and the shared conformance cases (tests/conformance, each turned into a
calc field of a generated template) are written as workbooks with typed values (nulls,
halves such as 2.675, negatives, CJK text, text that looks like a formula). One headless
LibreOffice process, with its own profile and set to recalculate on load, converts them all;
every calc cell of the result is compared with ``formkit.evaluation.formeval.evaluate_form`` at the
field's declared precision. The tests that need LibreOffice are skipped, with the reason
shown, only when ``soffice`` is not installed.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Context, Decimal, localcontext
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

import formkit
from formkit.core import idcard
from formkit.core.periods import parse_period
from formkit.evaluation.evaluator import compile_standalone
from formkit.evaluation.formchecks import all_specs
from formkit.evaluation.formeval import FormValues, evaluate_form
from formkit.evaluation.functions import Spec
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.render.excel_formula import NOTES
from formkit.render.xlsx import read_workbook, render_xlsx
from formkit.render.xlsx_cells import MAP_SHEET, choice_labels

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
CONFORMANCE = Path(__file__).parent / "conformance"
EXAMPLES = sorted(p for p in formkit.examples_dir().glob("*.yaml") if p.name.count(".") == 1)
PERIODS = {"weekly": "2026W45", "monthly": "2026-10", "quarterly": "2026Q3", "yearly": "2026", "once": None}
USER_TEXT = ["=1+1", "+cmd", "-2+3", "@SUM(A1)"]
TEXTS = ["张三", "李四", "社区 A", "aB", "ab", "  ", "𠀀字", "王五", *USER_TEXT]
# Conformance cases that Excel cannot compute exactly (docs/excel.md): binary doubles hold 15
# significant digits, Excel's collation is not code-point order, input is not NFC-normalised.
INEXACT = {
    **{case: "more than 15 significant digits" for case in (
        "past_double_precision", "sixteen_digit_integers_stay_exact", "division_largest_number_by_one",
        "eighteen_digit_sum", "eighteen_digit_sum_with_fraction", "eighteen_digit_fields",
        "largest_number_plus_zero", "largest_product_that_fits", "abs_largest_negative")},
    "min_of_text_column": "the minimum of text has no Excel formula",
    "max_of_text_column": "the maximum of text has no Excel formula",
    "max_of_text_by_code_point": "text is ordered by Excel's collation",
    "lower_a_is_not_less_than_upper_b": "text is ordered by Excel's collation",
    "upper_b_is_less_than_lower_a": "text is ordered by Excel's collation",
    "upper_z_is_less_than_lower_a": "text is ordered by Excel's collation",
    "cjk_extension_b_after_private_use": "text is ordered by Excel's collation",
    "aggregates_of_all_nulls": "a roster row with nothing in it is no row in the workbook",
    "regression_a4_multichoice_duplicates_count_once": "a cell's keys are deduplicated when read, not in formulas",
    **{case: "more than 15 significant digits" for case in (
        "regression_a1_sum_checks_the_final_sum", "regression_a1_sum_does_not_depend_on_row_order",
        "regression_a1_avg_divides_the_checked_sum")},
}
FORMULA_LIMIT = 8192  # Excel's limit on a formula's length
NESTING_LIMIT = 64  # and on how deep functions nest


# -- cases ---------------------------------------------------------------------------------------


@dataclass
class Case:
    """A template, the values typed and pre-filled into it, and what the evaluator makes of them."""

    name: str
    tpl: Template
    inputs: dict[str, Any] = field(default_factory=dict)
    prefilled: dict[str, Any] = field(default_factory=dict)
    prev: dict[str, Any] = field(default_factory=dict)
    period: str | None = None
    skip: dict[str, str] = field(default_factory=dict)  # slot -> why it is not compared

    def evaluate(self) -> FormValues:
        return evaluate_form(self.tpl, self.inputs, prefilled=self.prefilled, prev_values=self.prev,
                             period=self.period, today=dt.date.today())

    def render_values(self, state: FormValues) -> dict[str, Any]:
        """What a host passes to render_xlsx: typed values, else pre-filled ones (§5's shape)."""
        values: dict[str, Any] = {}
        for fid, f in self.tpl.fields.items():
            if fid in self.inputs and (f.kind == "input" or self.inputs[fid] is not None):
                values[fid] = self.inputs[fid]
            elif f.kind == "value":
                values[fid] = self.prefilled.get(fid, state.values.get(fid))
        grids: dict[str, Any] = {}
        for gid, g in self.tpl.grids.items():
            for r, c in g.cells:
                key = f"{gid}.{r}.{c}"
                v = self.inputs.get(key, self.prefilled.get(key))
                grids.setdefault(gid, {}).setdefault(r, {})[c] = v
        tables = {}
        for tid in self.tpl.tables:
            typed = {r["_key"]: r for r in self.inputs.get(tid, []) if r.get("_key") is not None}
            pool = [{**p, **typed.get(p["_key"], {})} for p in self.prefilled.get(tid, [])]
            tables[tid] = pool + [r for r in self.inputs.get(tid, []) if r.get("_key") is None]
        return {"values": values, "tables": tables, "grids": grids, "period": self.period}


def _id_card(rng: random.Random) -> str:
    born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(30000))
    first17 = f"370602{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + idcard.check_char(first17)


def _value(rng: random.Random, spec: Spec, keys: list[str], nulls: float) -> Any:
    """A typed value that fits its field (a refused value would be null for the evaluator only)."""
    if rng.random() < nulls:
        return None
    if spec.type is Type.NUMBER:
        places = 3 if spec.places is None else spec.places
        if places >= 3 and rng.random() < 0.4:
            return rng.choice(["2.675", "1.005", "-2.675", "0.125", "-0.005"])
        return str(Decimal(rng.randint(-500, 20000)).scaleb(-places))
    if spec.kind == "id_card":
        return _id_card(rng)
    if spec.kind == "phone":
        return f"138{rng.randrange(10**8):08d}"
    if spec.type is Type.DATE:
        return (dt.date(1920, 1, 1) + dt.timedelta(days=rng.randrange(39000))).isoformat()
    if spec.type is Type.BOOLEAN:
        return rng.random() < 0.5
    if spec.kind == "multichoice" and keys:
        return rng.sample(keys, rng.randint(1, len(keys)))
    if keys:
        return rng.choice(keys)
    return rng.choice(TEXTS)


@functools.cache
def _load(path: Path, text: str) -> Template:
    return formkit.load(path)


def example_case(path: Path, seed: int) -> Case:
    """Typed, pre-filled and last-period values for every field of a template, drawn at random."""
    tpl = _load(path, path.read_text(encoding="utf-8"))
    rng = random.Random(f"{tpl.id}:{seed}")
    nulls = 0.1 if seed == 0 else 0.35
    specs = all_specs(tpl)
    case = Case(f"{tpl.id}#{seed}", tpl, period=PERIODS[tpl.period])

    def draw(place: str, col: Any) -> Any:
        return _value(rng, specs[place], list(choice_labels(tpl, col)), nulls)

    for fid, f in tpl.fields.items():
        expr = f.value.node if f.value is not None else None
        prev = [n for n in ast.walk(expr) if isinstance(n, ast.Prev)] if expr is not None else []
        if f.kind == "input" or (f.model.confirm and rng.random() < 0.3):
            case.inputs[fid] = draw(fid, f)
        if f.kind == "value" and f.value is not None and f.value.reads_pool:
            case.prefilled[fid] = _value(rng, specs[fid], list(choice_labels(tpl, f)), 0.05)
        for p in prev:
            case.prev[p.target.dotted] = _value(rng, specs[fid], [], nulls)
    _grid_values(case, rng, specs, nulls)
    for t in tpl.tables.values():
        _roster_values(case, t, draw, lambda place, col: _value(rng, specs[place], list(choice_labels(tpl, col)), 0),
                       rng)
    return case


def _grid_values(case: Case, rng: random.Random, specs: dict[str, Spec], nulls: float) -> None:
    for gid, g in case.tpl.grids.items():
        for (r, c), cell in g.cells.items():
            key = f"{gid}.{r}.{c}"
            if cell.kind == "input":
                case.inputs[key] = _value(rng, specs[key], [], nulls)
            elif cell.expr is not None and cell.expr.reads_pool:
                case.prefilled[key] = str(rng.randint(0, 400))


def _roster_values(case: Case, t: Any, draw: Callable[[str, Any], Any], never_null: Callable[[str, Any], Any],
                   rng: random.Random) -> None:
    """Pool rows (with their keys) and typed rows; a row added by staff has something typed."""
    tid = t.id
    pool_cols = [c for c, col in t.columns.items() if col.value is not None and col.value.reads_pool]
    typed_cols = [c for c, col in t.columns.items() if col.kind == "input"]
    if t.rows is not None:
        case.prefilled[tid] = [
            {"_key": f"K{i:03d}", **{c: draw(f"{tid}.{c}", t.columns[c]) for c in pool_cols}}
            for i in range(rng.randint(3, 6))
        ]
        case.inputs[tid] = [
            {"_key": p["_key"], **{c: draw(f"{tid}.{c}", t.columns[c]) for c in typed_cols}}
            for p in case.prefilled[tid]
        ]
    if t.add_rows:
        added = [{c: draw(f"{tid}.{c}", t.columns[c]) for c in typed_cols} for _ in range(rng.randint(2, 5))]
        first = typed_cols[0]
        for row in added:
            row[first] = row[first] if row[first] is not None else never_null(f"{tid}.{first}", t.columns[first])
        case.inputs[tid] = case.inputs.get(tid, []) + added


# -- crafted templates: the conformance cases, and one template covering the workbook's features -------

_FIELD_TYPES = {"integer": "decimal", "decimal": "decimal", "text": "text", "date": "date", "boolean": "boolean",
                "choice": "choice", "multichoice": "multichoice"}
_RESULT_TYPES = {Type.NUMBER: "decimal", Type.TEXT: "text", Type.DATE: "date", Type.BOOLEAN: "boolean"}


def _conformance() -> list[dict[str, Any]]:
    return [c for p in sorted(CONFORMANCE.glob("*.yaml")) for c in yaml.safe_load(p.read_text(encoding="utf-8"))]


def _group(case: Mapping[str, Any]) -> str:
    if case.get("period") is not None:
        return str(case["period"])
    return "once" if case.get("today") else "2026-10"


def _prefixed(case: Mapping[str, Any], prefix: str) -> tuple[str, Type | None]:
    """The case's expression with every field and table renamed ``prefix + name``."""
    types: dict[str, Any] = dict(case.get("types") or {})
    types.update({t: dict(v["columns"]) for t, v in (case.get("tables") or {}).items()})
    text = case["expr"]
    node = compile_standalone(text, types)
    starts = sorted({n.span.column - 1 for n in ast.walk(node) if isinstance(n, ast.Name) and (
        isinstance(n.ref, ast.FieldRef | ast.TableRef | ast.TableColumnRef)
        or (isinstance(n.ref, ast.RowColumnRef) and len(n.parts) == 2))}, reverse=True)
    for s in starts:
        text = text[:s] + prefix + text[s:]
    return text, node.type


def _field(fid: str, kind: str, keys: set[str], **more: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": fid, "label": fid, "type": _FIELD_TYPES[kind], **more}
    if kind in ("choice", "multichoice"):
        out["choices"] = {k: k for k in sorted(keys | {"a"})}
    return out


def _beyond_double(case: Mapping[str, Any]) -> bool:
    """A case whose numbers need more than the 15 significant digits of Excel's doubles (cases
    added later, e.g. regressions found by the differential test, are caught without a list)."""
    texts = [case["expr"], str(case.get("expect")), *map(str, (case.get("values") or {}).values())]
    numbers = re.findall(r"\d+(?:\.\d+)?", " ".join(texts))
    return any(len(n.replace(".", "").lstrip("0").rstrip("0") if "." in n else n.lstrip("0")) > 15 for n in numbers)


def conformance_case(group: str, root: Path) -> Case:
    """The conformance cases of one period as calc fields of one template."""
    period = None if group == "once" else group
    kind = "once" if period is None else parse_period(period).kind
    fields: list[dict[str, Any]] = []
    case = Case(f"conformance@{group}", None, period=period)  # type: ignore[arg-type]
    for i, c in enumerate(x for x in _conformance() if _group(x) == group):
        if isinstance(c["expect"], Mapping):
            continue
        prefix = f"c{i}_"
        text, typ = _prefixed(c, prefix)
        if typ not in _RESULT_TYPES:
            continue
        literals = {str(v) for v in (getattr(n, "value", None) for n in ast.walk(compile_standalone(
            c["expr"], {**dict(c.get("types") or {}), **{t: dict(v["columns"]) for t, v in
                                                        (c.get("tables") or {}).items()}})))
                    if isinstance(v, str)}
        for name, t in (c.get("types") or {}).items():
            given = (c.get("values") or {}).get(name)
            keys = literals | ({str(k) for k in given} if isinstance(given, list) else {str(given)} if given else set())
            fields.append(_field(prefix + name, t, keys))
            case.inputs[prefix + name] = given
        for name, table in (c.get("tables") or {}).items():
            cols = [_field(col, t, literals | {str(r.get(col)) for r in table["rows"] if r.get(col) is not None})
                    for col, t in table["columns"].items()]
            fields.append({"id": prefix + name, "label": name, "type": "table", "columns": cols})
            case.inputs[prefix + name] = [dict(r) for r in table["rows"]]
        for name, v in (c.get("prev") or {}).items():
            case.prev[prefix + name] = v
        fields.append({"id": f"{prefix}r", "label": c["id"], "type": _RESULT_TYPES[typ], "calc": text})
        if c["id"] in INEXACT:
            case.skip[f"{prefix}r"] = INEXACT[c["id"]]
        elif _beyond_double(c):
            case.skip[f"{prefix}r"] = "more than 15 significant digits"
    doc = {"formkit": 1, "id": f"conformance_{group.replace('-', '_')}", "title": f"conformance {group}",
           "period": kind, "fields": fields}
    path = root / f"conformance_{group}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    case.tpl = formkit.load(path)
    return case


CRAFTED = """
formkit: 1
id: xlsx_crafted
title: {zh: Excel 公式覆盖测试表, en: Excel formula coverage}
form_no: 测统1表
authority: 测试机关
approval_no: 测统制〔2026〕1号
valid_until: 2027-12-31
period: monthly
fields:
  - {id: a, label: 甲, type: decimal, precision: 3, help: 可为负数}
  - {id: b, label: 乙, type: decimal, precision: 3, min: -100, max: 100000}
  - {id: n, label: 整数, type: integer, min: 0, required: true}
  - {id: s, label: 文字, type: text}
  - {id: s2, label: 文字二, type: text}
  - {id: d, label: 日期, type: date}
  - {id: flag, label: 标志, type: boolean}
  - {id: kind, label: 类别, type: choice, choices: {x: 甲类, y: 乙类, z: 丙类}}
  - {id: tags, label: 标签, type: multichoice, choices: {red: 红, blue: 蓝, other: 其他}}
  - {id: idno, label: 身份证, type: id_card}
  - {id: extra, label: 附加, type: decimal, precision: 2, visible: flag = true, max: b}
  - {id: carried, label: 结转, type: integer, value: prev(n), confirm: true}
  - {id: r_round, label: 积, type: decimal, precision: 2, calc: "round(a * b, 2)"}
  - {id: r_half, label: 舍入, type: decimal, precision: 2, calc: a}
  - {id: r_div, label: 商, type: decimal, precision: 4, calc: a / b}
  - {id: r_idiv, label: 整除, type: decimal, precision: 10, calc: n / 7}
  - {id: r_neg, label: 负, type: decimal, precision: 1, calc: -a + abs(b) - floor(a) + ceil(b)}
  - {id: r_join, label: 连接, type: text, calc: "s & '-' & s2"}
  - {id: r_eq, label: 相等, type: boolean, calc: s = s2}
  - {id: r_ne, label: 不等, type: boolean, calc: kind != 'y'}
  - {id: r_if, label: 条件, type: text, calc: "if(a > b, '大', if(a = b, '等', '小'))"}
  - {id: r_coal, label: 合并, type: decimal, precision: 3, calc: "coalesce(a, b, 0)"}
  - {id: r_logic, label: 逻辑, type: boolean, calc: (a > 0 and b > 0) or not flag}
  - {id: r_in, label: 属于, type: boolean, calc: "kind in ('x', 'z')"}
  - {id: r_notin, label: 不属于, type: boolean, calc: "n not in (1, 2, null)"}
  - {id: r_between, label: 区间, type: boolean, calc: n between -10 and 100}
  - {id: r_null, label: 空, type: boolean, calc: a is null or s is not null}
  - {id: r_minmax, label: 极值, type: decimal, precision: 3, calc: "min(a, b) + max(a, b, 0)"}
  - {id: r_len, label: 长度, type: integer, calc: len(s)}
  - {id: r_dates, label: 日期运算, type: integer, calc: "year(d) * 100 + month(d) + days(d, period_end())"}
  - {id: r_age, label: 年龄, type: integer, calc: age(d)}
  - {id: r_has, label: 含其他, type: boolean, calc: "has(tags, 'other')"}
  - {id: r_hasvar, label: 含变量, type: boolean, calc: "has(tags, s)"}
  - {id: tags2, label: 标签二, type: multichoice, choices: {red: 红, blue: 蓝}, visible: flag = true}
  - {id: r_has2, label: 含红, type: boolean, calc: "has(tags2, 'red')"}
  - {id: r_valid, label: 身份证有效, type: boolean, calc: id_card_valid(idno)}
  - {id: r_sex, label: 性别, type: text, calc: id_card_sex(idno)}
  - {id: r_birth, label: 出生, type: date, calc: id_card_birth(idno)}
  - {id: r_idage, label: 身份证年龄, type: integer, calc: age(id_card_birth(idno))}
  - {id: r_extra, label: 附加值, type: decimal, precision: 2, calc: "coalesce(extra, -1)"}
  - {id: r_prev, label: 上期, type: integer, calc: "coalesce(prev(n), 0) + coalesce(carried, 0)"}
  - {id: r_start, label: 期初, type: date, calc: period_start()}
  - {id: r_flag, label: 标志计算, type: boolean, calc: "if(flag, not flag, null)"}
  - {id: r_order, label: 排序, type: boolean, calc: s < s2}
  - id: 名单
    type: table
    label: 名单
    columns:
      - {id: 姓名, label: 姓名, type: text, required: true}
      - {id: 金额, label: 金额, type: decimal, precision: 2, min: 0}
      - {id: 类型, label: 类型, type: choice, choices: {p: 低保, q: 特困}}
      - {id: 在册, label: 在册, type: boolean}
      - {id: 日期, label: 日期, type: date}
      - {id: 说明, label: 说明, type: text, visible: 类型 = 'q'}
      - {id: 上限, label: 上限, type: integer, max: 金额}
      - {id: 加倍, label: 加倍, type: decimal, precision: 2, calc: "金额 * 2 + coalesce(a, 0)"}
      - {id: 岁, label: 岁, type: integer, calc: age(日期)}
      - {id: 标记, label: 标记, type: text, calc: "if(在册, 姓名 & '✓', null)"}
  - {id: t_count, label: 行数, type: integer, calc: count(名单)}
  - {id: t_count_where, label: 条件行数, type: integer, calc: count(名单 where 金额 > 10 and 在册 = true)}
  - {id: t_sum, label: 合计, type: decimal, precision: 2, calc: sum(名单.金额)}
  - {id: t_sum_where, label: 条件合计, type: decimal, precision: 2, calc: "sum(名单.金额 where 类型 = 'p')"}
  - {id: t_avg, label: 平均, type: decimal, precision: 4, calc: avg(名单.金额)}
  - {id: t_min, label: 最小, type: decimal, precision: 2, calc: min(名单.金额 where 在册 = true)}
  - {id: t_maxdate, label: 最晚, type: date, calc: max(名单.日期)}
  - {id: t_distinct, label: 种类, type: integer, calc: count_distinct(名单.类型)}
  - {id: t_distinct_names, label: 姓名数, type: integer, calc: count_distinct(名单.姓名 where 金额 is not null)}
  - {id: t_count_text, label: 说明数, type: integer, calc: count(名单.说明)}
  - {id: t_double, label: 加倍合计, type: decimal, precision: 2, calc: sum(名单.加倍)}
  - {id: t_avg_where, label: 条件平均, type: decimal, precision: 2, calc: avg(名单.金额 where 日期 > d)}
  - id: g
    type: grid
    label: 分组
    rows:
      - {id: r1, label: 一组, lo: 0, hi: 10}
      - {id: r2, label: 二组, lo: 11, hi: 20}
      - {id: r3, label: 三组, lo: 21, hi: 30}
      - {id: total, label: 合计, calc: sum(col)}
    columns:
      - {id: m, label: 男, type: integer}
      - {id: f, label: 女, type: decimal, precision: 1}
      - {id: mid, label: 中值, calc: (row.lo + row.hi) / 2}
      - {id: all, label: 小计, type: decimal, precision: 1, calc: row.m + row.f}
    cells:
      total.all: {calc: sum(g.all)}
      total.mid: {calc: avg(g.mid)}
  - {id: g_share, label: 占比, type: decimal, precision: 2, calc: "round(g.r1.all / g.total.all * 100, 2)"}
  - {id: g_distinct, label: 不同值, type: integer, calc: count_distinct(g.m)}
  - {id: g_avg, label: 平均女, type: decimal, precision: 3, calc: avg(g.f)}
  - {id: g_max, label: 最多男, type: integer, calc: max(g.m where a > 0)}
rules:
  - {id: r1, check: a <= b, message: 甲不能大于乙}
  - {id: r2, table: 名单, check: 金额 >= 0, message: 金额不能为负, severity: warning}
formats:
  - {when: a > b, fields: [a], style: warn}
  - {table: 名单, when: 在册 = false, fields: [名单.姓名, 金额], style: danger}
  - {when: t_sum > 100, fields: [名单.金额, g.total.all], style: info}
  - {when: n > 50, fields: [n], class: my-class}
"""


def crafted_case(root: Path, seed: int) -> Case:
    path = root / "xlsx_crafted.yaml"
    path.write_text(CRAFTED, encoding="utf-8")
    case = example_case(path, seed)
    case.name = f"crafted#{seed}"
    case.skip["r_order"] = "text is ordered by Excel's collation"
    return case


# -- recalculation in LibreOffice ------------------------------------------------------------------

_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def recalculate(paths: list[Path], out: Path, profile: Path, processes: int = 2) -> float:
    """Open, recalculate and save every workbook in headless LibreOffice: a few processes, each
    converting a batch, each with its own profile (so parallel runs never collide) set to
    recalculate on load (so no cached value is trusted)."""
    assert SOFFICE is not None
    running = []
    start = time.monotonic()
    for i in range(processes):
        batch = paths[i::processes]
        if not batch:
            continue
        home = profile / str(i)
        (home / "user").mkdir(parents=True, exist_ok=True)
        (home / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
        running.append(subprocess.Popen(
            [SOFFICE, f"-env:UserInstallation={home.as_uri()}", "--headless", "--norestore", "--convert-to",
             "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), *map(str, batch)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    for proc in running:
        _, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, err.decode(errors="replace")
    missing = [p.name for p in paths if not (out / p.name).exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return time.monotonic() - start


@dataclass
class Rendered:
    case: Case
    state: FormValues
    source: Path
    recalculated: Path


def _case_names() -> list[str]:
    groups = sorted({_group(c) for c in _conformance() if not isinstance(c["expect"], Mapping)})
    examples = [f"{p.stem}#{seed}" for p in EXAMPLES for seed in (0, 1)]
    return [*examples, "crafted#0", "crafted#1", "crafted#2", *(f"conformance@{g}" for g in groups)]


CASE_NAMES = _case_names()


@pytest.fixture(scope="session")
def workbooks(tmp_path_factory: pytest.TempPathFactory, summary: Callable[[str], None]) -> dict[str, Rendered]:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("xlsx")
    cases = [example_case(p, seed) for p in EXAMPLES for seed in (0, 1)]
    cases += [crafted_case(root, seed) for seed in (0, 1, 2)]
    groups = sorted({_group(c) for c in _conformance() if not isinstance(c["expect"], Mapping)})
    cases += [conformance_case(g, root) for g in groups]
    (root / "in").mkdir()
    done: dict[str, Rendered] = {}
    for i, case in enumerate(cases):
        state = case.evaluate()
        source = root / "in" / f"case{i:03d}.xlsx"
        render_xlsx(case.tpl, values=case.render_values(state), prev=case.prev, path=source)
        done[case.name] = Rendered(case, state, source, root / "out" / source.name)
    seconds = recalculate([r.source for r in done.values()], root / "out", root / "profile")
    summary(f"xlsx: LibreOffice recalculated {len(done)} workbooks in {seconds:.1f} s")
    return done


# -- comparing --------------------------------------------------------------------------------------


def _map(path: Path) -> list[tuple[Any, ...]]:
    wb = openpyxl.load_workbook(path)
    return [tuple(r[:5]) for r in wb[MAP_SHEET].iter_rows(values_only=True) if r and r[0]]


def _calc_cells(r: Rendered) -> Iterator[tuple[str, str, str, Any, Spec]]:
    """Every calc cell of a workbook: (its place, sheet, cell, the evaluator's value, its spec)."""
    rows = _map(r.source)
    specs = all_specs(r.case.tpl)
    tables = {str(k): (int(a), int(b)) for kind, k, _, a, b in rows if kind == "table"}
    for kind, key, sheet, where, content in rows:
        if content != "formula":
            continue
        if kind in ("field", "cell"):
            yield key, sheet, where, r.state.values.get(key), specs[key]
        elif kind == "column":
            tid, _, cid = key.partition(".")
            first, last = tables[tid]
            found = r.state.tables.get(tid, [])
            for row in range(first, last + 1):
                i = row - first
                yield f"{key}[{i}]", sheet, f"{where}{row}", found[i][cid] if i < len(found) else None, specs[key]


def _same(got: object, want: object, spec: Spec) -> bool:
    """LibreOffice's value equals formkit's at the field's declared precision."""
    if want is None:
        return got in (None, "")
    if isinstance(want, bool):
        return got == ("是" if want else "否")
    if isinstance(want, Decimal):
        if not isinstance(got, int | float) or isinstance(got, bool):
            return False
        q = Decimal(1).scaleb(-(10 if spec.places is None else spec.places))
        with localcontext(Context(prec=80)):
            return Decimal(repr(got)).quantize(q) == want.quantize(q)
    if isinstance(want, dt.date):
        return isinstance(got, dt.date) and (got.date() if isinstance(got, dt.datetime) else got) == want
    return got == want


@needs_soffice
@pytest.mark.parametrize("name", CASE_NAMES)
def test_calc_cells_equal_the_evaluator(workbooks: dict[str, Rendered], name: str) -> None:
    """SPEC §4: every calc cell, recalculated by LibreOffice, equals formkit's value (§3)."""
    r = workbooks[name]
    out = openpyxl.load_workbook(r.recalculated, data_only=True)
    bad, compared = [], 0
    for place, sheet, cell, want, spec in _calc_cells(r):
        if place.split("[")[0] in r.case.skip:
            continue
        compared += 1
        got = out[sheet][cell].value
        if not _same(got, want, spec):
            bad.append(f"{place} ({sheet}!{cell}): LibreOffice {got!r}, formkit {want!r}")
    assert compared > 0
    assert not bad, "\n".join(bad)


@needs_soffice
@pytest.mark.parametrize("name", [n for n in CASE_NAMES if not n.startswith("conformance")])
def test_formats_and_rules_equal_the_evaluator(workbooks: dict[str, Rendered], name: str) -> None:
    """Conditional formats light up where formkit's formats hit; a rule's status cell shows a
    failure exactly where formkit reports the rule (SPEC §2.2 formats and rules)."""
    r = workbooks[name]
    out = openpyxl.load_workbook(r.recalculated, data_only=True)
    rows = _map(r.source)
    tables = {str(k): (int(a), int(b)) for kind, k, _, a, b in rows if kind == "table"}
    bad = []
    for kind, key, sheet, where, table in rows:
        if kind == "format":
            hits = r.state.hits.get(f"format:{key}", [])
            if table:
                first, last = tables[str(table)]
                on = {first + int(str(h.row)) for h in hits}
                got = {row for row in range(first, last + 1) if out[sheet][f"{where}{row}"].value == 1}
            else:
                on, got = {bool(hits)}, {out[sheet][where].value == 1}
            if on != got:
                bad.append(f"format {key}: LibreOffice {sorted(got)}, formkit {sorted(on)}")
        elif kind == "rule":
            index = [x.model.id for x in r.case.tpl.rules].index(key)
            failed = bool(r.state.found.get(f"rule:{index}"))
            if failed != bool(out[sheet][where].value):
                bad.append(f"rule {key}: LibreOffice {out[sheet][where].value!r}, formkit {failed}")
    assert not bad, "\n".join(bad)


@needs_soffice
def test_no_cell_is_an_error_after_recalculation(workbooks: dict[str, Rendered]) -> None:
    """The workbooks open cleanly: after LibreOffice recalculates them no cell anywhere (calc
    cells, hidden helpers, rule statuses) holds an error value such as #NAME? or #VALUE!."""
    bad = []
    for r in workbooks.values():
        for ws in openpyxl.load_workbook(r.recalculated, data_only=True).worksheets:
            for row in ws.iter_rows():
                bad += [f"{r.case.name} {ws.title}!{c.coordinate}: {c.value}" for c in row
                        if isinstance(c.value, str) and (c.value[:1] == "#" or c.value.startswith("Err:"))]
    assert not bad, "\n".join(bad[:20])


@needs_soffice
def test_recalculated_workbooks_keep_user_text_as_text(workbooks: dict[str, Rendered]) -> None:
    """Text typed by users that starts with = + - @ stays text after LibreOffice opens, recalculates
    and saves the workbook, and reads back unchanged."""
    seen = set()
    for r in workbooks.values():
        if not r.case.name.startswith("crafted"):
            continue
        back = read_workbook(r.case.tpl, r.recalculated)
        typed = r.case.inputs.get("s")
        if typed in USER_TEXT:
            assert back["values"]["s"] == typed
            seen.add(typed)
        for row, given in zip(back["tables"]["名单"], r.case.inputs.get("名单", []), strict=True):
            if given.get("姓名") in USER_TEXT:
                assert row["姓名"] == given["姓名"]
                seen.add(given["姓名"])
    assert seen


def test_every_calc_cell_holds_a_formula(tmp_path: Path) -> None:
    """No calc is written as a value: every calc cell (fields, grid cells, roster columns) holds a
    formula, with no cached value, short enough for Excel; a formula that is not exact in Excel
    carries a note on its cell."""
    for path in [*EXAMPLES, tmp_path / "crafted.yaml"]:
        if path.name == "crafted.yaml":
            path.write_text(CRAFTED, encoding="utf-8")
        case = example_case(path, 0)
        source = tmp_path / f"{case.tpl.id}.xlsx"
        render_xlsx(case.tpl, values=case.render_values(case.evaluate()), path=source)
        wb, cached = openpyxl.load_workbook(source), openpyxl.load_workbook(source, data_only=True)
        r = Rendered(case, case.evaluate(), source, source)
        count = 0
        for place, sheet, cell, _, _ in _calc_cells(r):
            text = wb[sheet][cell].value
            assert isinstance(text, str) and text.startswith("="), f"{place} holds {text!r}"
            assert len(text) < FORMULA_LIMIT, f"{place}: {len(text)} characters"
            assert _nesting(text) <= NESTING_LIMIT, f"{place}: nested {_nesting(text)} deep"
            assert cached[sheet][cell].value is None, f"{place} has a cached value"
            count += 1
        assert count > 0
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value.startswith("=") and c.data_type == "f":
                        assert len(c.value) < FORMULA_LIMIT, f"{ws.title}!{c.coordinate}"
    main = wb.worksheets[0]
    order = next(c for c in main["A"] if c.value == "排序")
    assert NOTES["text-order"][0] in main.cell(order.row, 2).comment.text


def _nesting(formula: str) -> int:
    """How deep parentheses nest outside text literals (an upper bound of function nesting)."""
    depth = deepest = 0
    for i, part in enumerate(formula.split('"')):
        if i % 2 == 0:
            for ch in part:
                depth += {"(": 1, ")": -1}.get(ch, 0)
                deepest = max(deepest, depth)
    return deepest


def _crafted(tmp_path: Path) -> Template:
    path = tmp_path / "crafted.yaml"
    path.write_text(CRAFTED, encoding="utf-8")
    return formkit.load(path)


@pytest.mark.parametrize("text", USER_TEXT)
def test_user_text_that_looks_like_a_formula_is_text(tmp_path: Path, text: str) -> None:
    """Values beginning with = + - @ are written as text (quote-prefixed), never as formulas."""
    tpl = _crafted(tmp_path)
    path = tmp_path / "form.xlsx"
    render_xlsx(tpl, values={"values": {"s": text}, "tables": {"名单": [{"姓名": text, "金额": 1}]}}, path=path)
    wb = openpyxl.load_workbook(path)
    cell = next(c for c in wb.worksheets[0]["B"] if c.value == text)
    assert cell.data_type == "s" and cell.quotePrefix
    back = read_workbook(tpl, path)
    assert back["values"]["s"] == text
    assert back["tables"]["名单"][0]["姓名"] == text


# Text that a spreadsheet would run if it were a formula: each must stay text, exactly as typed,
# in every cell formkit writes from data (typed and pre-filled values, roster cells and keys,
# last period's values in hidden helper cells, author text in the header, labels, choice lists
# and the hidden map), and no cell may be a formula that formkit did not write.
INJECTIONS = ["=1+1", "+1+1", "-1+1", "@SUM(1,2)", "\t=1+1", "\r=1+1", "\n=1+1", " =1+1", "＝1+1",
              "=cmd|' /C calc'!A0", "@cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/","click")', "#N/A"]


def as_typed(text: str) -> str:
    """What an .xlsx can give back for ``text``: XML turns a carriage return into a line feed
    when the file is read (XML 1.0 end-of-line handling), in openpyxl and LibreOffice alike."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def formula_cells(path: Path) -> set[tuple[str, str]]:
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"}


def _injection_template(root: Path) -> Template:
    n = len(INJECTIONS)
    fields: list[dict[str, Any]] = [{"id": f"t{i}", "label": text, "type": "text"} for i, text in enumerate(INJECTIONS)]
    fields += [{"id": f"p{i}", "label": f"上期{i}", "type": "text", "calc": f"prev(t{i})"} for i in range(n)]
    fields.append({"id": "kind", "label": "类别", "type": "choice",
                   "choices": {f"k{i}": text for i, text in enumerate(INJECTIONS)}})
    fields.append({"id": "名单", "type": "table", "label": "名单",
                   "columns": [{"id": "姓名", "label": INJECTIONS[0], "type": "text"}]})
    doc = {"formkit": 1, "id": "xlsx_injection", "title": INJECTIONS[3], "form_no": INJECTIONS[11],
           "authority": INJECTIONS[9], "period": "monthly", "fields": fields}
    path = root / "xlsx_injection.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return formkit.load(path)


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Template, Path, Path]:
    """A workbook holding every injection in every kind of data cell, and LibreOffice's copy."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("inject")
    tpl = _injection_template(root)
    values = {"values": {f"t{i}": text for i, text in enumerate(INJECTIONS)} | {"kind": "k11"},
              "tables": {"名单": [{"_key": text, "姓名": text} for text in INJECTIONS]}}
    source = root / "in" / "inject.xlsx"
    source.parent.mkdir()
    render_xlsx(tpl, values=values, prev={f"t{i}": text for i, text in enumerate(INJECTIONS)}, period="2026-10",
                path=source)
    recalculate([source], root / "out", root / "profile", processes=1)
    return tpl, source, root / "out" / source.name


def _data_cells(path: Path) -> Iterator[tuple[str, str, Any]]:
    for ws in openpyxl.load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for c in row:
                yield ws.title, c.coordinate, c


@needs_soffice
def test_injected_text_stays_text_in_every_data_cell(injected: tuple[Template, Path, Path]) -> None:
    """SPEC §4 (Excel) and §7: every cell formkit writes from data is text — typed values,
    roster cells and keys, last period's values behind prev(), labels, header, choice lists, the
    hidden map — before and after LibreOffice opens, recalculates and saves the workbook; the
    only formulas are formkit's own."""
    _, source, recalculated = injected
    ours = formula_cells(source)
    assert formula_cells(recalculated) <= ours  # LibreOffice made no cell a formula
    for path in (source, recalculated):
        found: dict[str, int] = {}
        for sheet, coord, cell in _data_cells(path):
            if (sheet, coord) in ours:
                assert cell.value.removeprefix("=") not in [t.removeprefix("=") for t in INJECTIONS], (sheet, coord)
                continue
            if any(isinstance(cell.value, str) and as_typed(t) in cell.value for t in INJECTIONS):
                assert cell.data_type == "s", (path.name, sheet, coord, cell.value)
            if path == source and cell.value in INJECTIONS and cell.value != "#N/A":
                assert cell.quotePrefix, (sheet, coord, cell.value)  # kept text when staff edit it
            for text in INJECTIONS:
                found[text] = found.get(text, 0) + (cell.value == as_typed(text))
        # each as a whole cell: its typed value, label, prev helper, choice label, roster cell and key
        assert {t: n >= 6 for t, n in found.items()} == dict.fromkeys(INJECTIONS, True), found
    links = [c.hyperlink.target for _, _, c in _data_cells(recalculated) if c.hyperlink is not None]
    assert not any("evil" in str(t) for t in links)


@needs_soffice
def test_injected_text_reads_back_as_typed(injected: tuple[Template, Path, Path]) -> None:
    """SPEC §3: text is kept exactly: typed values, roster cells and keys read back from
    LibreOffice's copy as typed; a calc over prev() of each (LibreOffice's own result) is the
    text of last period, not what it would compute as a formula."""
    tpl, _, recalculated = injected
    back = read_workbook(tpl, recalculated)
    for i, text in enumerate(INJECTIONS):
        assert back["values"][f"t{i}"] == as_typed(text)
        assert back["values"][f"p{i}"] == as_typed(text), f"prev(t{i})"
    assert back["values"]["kind"] == "k11"
    assert [(r["_key"], r["姓名"]) for r in back["tables"]["名单"]] == [(as_typed(t), as_typed(t)) for t in INJECTIONS]


def test_read_workbook_round_trips_typed_and_prefilled_values(tmp_path: Path) -> None:
    """read_workbook gives back what was typed and pre-filled: choice keys (written as labels),
    booleans, dates, exact decimals at the field's places, multichoice keys, roster rows with
    their keys."""
    for path in [*EXAMPLES, tmp_path / "crafted.yaml"]:
        if path.name == "crafted.yaml":
            path.write_text(CRAFTED, encoding="utf-8")
        case = example_case(path, 1)
        state = case.evaluate()
        values = case.render_values(state)
        out = tmp_path / "back.xlsx"
        render_xlsx(case.tpl, values=values, path=out)
        back = read_workbook(case.tpl, out)
        specs = all_specs(case.tpl)
        for fid, raw in values["values"].items():
            assert back["values"][fid] == _typed(raw, specs[fid]), fid
        for tid, rows in values["tables"].items():
            assert [r["_key"] for r in back["tables"][tid]] == [r.get("_key") for r in rows]
            for got, given in zip(back["tables"][tid], rows, strict=True):
                for cid, raw in given.items():
                    if cid != "_key":
                        assert got[cid] == _typed(raw, specs[f"{tid}.{cid}"]), (tid, cid)


def _typed(raw: object, spec: Spec) -> object:
    from formkit.evaluation import functions as fn

    value, problem = fn.typed(raw, spec)
    assert problem is None, (raw, problem)
    return value


def test_workbook_layout(tmp_path: Path) -> None:
    """The statistical-form header and footer, locked pre-filled cells on protected sheets,
    rosters as Excel tables, data validation for bounds and choices, conditional formats."""
    tpl = formkit.load(formkit.examples_dir() / "assistance_sentinel.yaml")
    case = example_case(formkit.examples_dir() / "assistance_sentinel.yaml", 0)
    path = tmp_path / "s.xlsx"
    render_xlsx(tpl, values=case.render_values(case.evaluate()), path=path)
    wb = openpyxl.load_workbook(path)
    main = wb.worksheets[0]
    texts = [c.value for c in main["A"] if isinstance(c.value, str)]
    for word in ("表号：杨民救统5表", "制定机关：杨浦区民政局", "批准文号：杨统制〔2024〕21号", "有效期至：2027-12-31",
                 "填报单位", "填报人", "审核人", "联系电话", "报出日期"):
        assert word in texts
    assert main.protection.sheet and not main.protection.password
    assert wb[MAP_SHEET].sheet_state == "hidden"
    roster = wb.worksheets[1]
    assert roster.protection.sheet and len(roster.tables) == 1
    assert roster["A4"].value == "K000" and roster["C4"].protection.locked  # a pool row's pool column
    result = next(c for c in roster[3] if c.value == "核实结果")
    assert not roster.cell(4, result.column).protection.locked
    assert any(dv.type == "list" for dv in roster.data_validations.dataValidation)
    assert len(roster.conditional_formatting) > 0
    first_value = next(c for c in main["A"] if c.value == "在保救助对象户数")
    assert main.cell(first_value.row, 2).protection.locked


def test_read_workbook_refuses_another_templates_workbook(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    render_xlsx(formkit.load(EXAMPLES[0]), path=path)
    with pytest.raises(ValueError, match="not"):
        read_workbook(formkit.load(EXAMPLES[1]), path)


def test_english_workbook(tmp_path: Path) -> None:
    """lang="en": English header, footer and notes; booleans as Yes/No; labels fall back to zh."""
    tpl = _crafted(tmp_path)
    path = tmp_path / "en.xlsx"
    render_xlsx(tpl, values={"values": {"flag": True, "kind": "y"}}, lang="en", path=path)
    main = openpyxl.load_workbook(path).worksheets[0]
    texts = {c.value for row in main.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"Form No.：测统1表", "Filled by", "Date reported", "Yes", "乙类", "calculated"} <= texts
    assert read_workbook(tpl, path)["values"]["flag"] is True
