"""The input boundary means the same in Python and in the browser, and bulk validation cannot be
failed by another submission's data (SPEC §3; docs/semantics.md "Decided rules").

The expression cases of the same audit (D1, D2, A1, A3, A4) are in
tests/conformance/regressions.yaml, where every evaluator runs them; these are the ones the
conformance format cannot say: every code point's blankness (A3), multichoice keys (A4), NUL and
lone surrogates refused at the boundary (A5), invalid periods (A6), and DuckDB's decorrelation
computing an aggregate of a submission the query filters out (A2).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from formkit.core.periods import PeriodError, parse_period
from formkit.core.text import BLANK, control_char, is_blank, strip_blank
from formkit.evaluation import functions as fn
from formkit.evaluation.evaluator import evaluate
from formkit.evaluation.functions import EvaluationError
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.runtime import Connection
from formkit.runtime.store import Record, insert_records
from formkit.sql.validate import validate
from submissions import communities, create_city, template

ROOT = Path(__file__).resolve().parent.parent
STATIC = (ROOT / "src" / "formkit" / "static").as_uri()
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed: the JS runtime cannot run")

# Unicode's White_Space property (PropList.txt), written out: the definition of blank
WHITE_SPACE = {*range(0x09, 0x0E), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029,
               0x202F, 0x205F, 0x3000}
# where Python's str.isspace()/strip() and JavaScript's trim() left the definition
SPECIALS = [0xFEFF, 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0x2028, 0x2029, 0x180E, 0x200B, 0x3000, 0xA0]


def _js(script: str, data: Any) -> Any:
    """Run an ES module under node with ``data`` on stdin; its stdout, as JSON."""
    assert NODE is not None
    body = ("const chunks = []; for await (const c of process.stdin) chunks.push(c);\n"
            "const data = JSON.parse(Buffer.concat(chunks).toString('utf8'));\n" + script)
    done = subprocess.run([NODE, "--input-type=module", "-e", body], input=json.dumps(data),
                          capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _points_by_category() -> dict[str, list[int]]:
    """Every code point but the surrogates, by general category (unicodedata's Unicode version)."""
    out: dict[str, list[int]] = {}
    for cp in range(sys.maxunicode + 1):
        if not 0xD800 <= cp <= 0xDFFF:
            out.setdefault(unicodedata.category(chr(cp)), []).append(cp)
    return out


CATEGORIES = _points_by_category()


# -- A3: one definition of blank ----------------------------------------------------------------


def test_blank_is_unicode_white_space() -> None:
    assert {ord(c) for c in BLANK} == WHITE_SPACE
    assert len(WHITE_SPACE) == 25
    zs = set(CATEGORIES["Zs"])
    assert zs <= WHITE_SPACE  # every space separator, the ideographic space among them
    assert WHITE_SPACE - zs == {*range(0x09, 0x0E), 0x85, 0x2028, 0x2029}


def _python_text(raw: str) -> str:
    """What the Python evaluator makes of an input text: null, the text, or refused."""
    try:
        value = fn.to_value(raw, Type.TEXT)
    except TypeError:
        return "refused"
    return "null" if value is None else f"text:{len(value)}"


@needs_node
def test_blank_agrees_on_every_code_point() -> None:
    """Every code point of every category (and the specials), alone, doubled and beside a letter:
    null, text or refused, the same in Python and in the browser; blank exactly for White_Space."""
    points = sorted(cp for cps in CATEGORIES.values() for cp in cps)
    py_blank = [cp for cp in points if is_blank(chr(cp))]
    assert set(py_blank) == WHITE_SPACE
    js = _js(f"""
import {{ isBlank, toValue, trimBlank }} from '{STATIC}/formkit-values.js';
const out = {{ blank: [], strip: [], values: {{}} }};
for (let cp = 0; cp <= 0x10ffff; cp += 1) {{
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const c = String.fromCodePoint(cp);
  if (isBlank(c)) out.blank.push(cp);
  if (trimBlank(`${{c}}a${{c}}`) !== `${{c}}a${{c}}`) out.strip.push(cp);
}}
for (const cp of data) {{
  const c = String.fromCodePoint(cp);
  out.values[cp] = [c, c + c, `a${{c}}`].map((raw) => {{
    try {{ const v = toValue(raw, 'text'); return v === null ? 'null' : `text:${{Array.from(v).length}}`; }}
    catch (err) {{ return 'refused'; }}
  }});
}}
process.stdout.write(JSON.stringify(out));
""", _samples())
    assert js["blank"] == py_blank
    assert set(js["strip"]) == {cp for cp in points if strip_blank(f"{chr(cp)}a{chr(cp)}") == "a"}
    for cp, outcomes in js["values"].items():
        c = chr(int(cp))
        want = [_python_text(raw) for raw in (c, c + c, f"a{c}")]
        assert outcomes == want, (f"U+{int(cp):04X} ({unicodedata.category(c)})", outcomes, want)


def _samples() -> list[int]:
    """A spread of each category (first, last and 20 between) and the specials."""
    out = set(SPECIALS) | WHITE_SPACE
    for cps in CATEGORIES.values():
        step = max(1, len(cps) // 20)
        out |= {cps[0], cps[-1], *cps[::step]}
    return sorted(out)


def test_python_blank_everywhere_uses_the_definition() -> None:
    """Literals, typed values and number text read blank alike (U+FEFF is not blank, U+2028 is)."""
    assert evaluate("'\u2028' is null", {}) is True
    assert evaluate("len('\ufeff')", {}) == Decimal(1)
    spec = fn.Spec("decimal", Type.NUMBER, None, {"zh": "数"})
    assert fn.typed("\u2028", spec) == (None, None)
    assert fn.typed("\u30001.5\u2029", spec) == (Decimal("1.5"), None)
    assert fn.typed("\ufeff1.5", spec)[1] is not None  # refused as a number, as in the browser


# -- A4: multichoice keys -----------------------------------------------------------------------

MULTI = [["a", "a"], ["b", "a", "b", "a"], ["a", " "], ["a", ""], [], ["\u3000"], ["e\u0301", "é"],
         ["中", "中", "\U00020000"], ["a", "\u2028"], ["a\u0000"]]


def _python_multi(raw: list[str]) -> Any:
    try:
        return fn.to_value(raw, Type.MULTI)
    except TypeError:
        return "refused"


@needs_node
def test_multichoice_keys_agree() -> None:
    """Each key once in the order given; a blank key refused, never dropped (Python and JS)."""
    js = _js(f"""
import {{ toValue }} from '{STATIC}/formkit-values.js';
process.stdout.write(JSON.stringify(data.map((raw) => {{
  try {{ return toValue(raw, 'multichoice'); }} catch (err) {{ return 'refused'; }}
}})));
""", MULTI)
    assert js == [_python_multi(m) for m in MULTI]
    assert js[1] == ["b", "a"] and js[2] == "refused" and js[6] == ["é"]


# -- A5: NUL and lone surrogates at the input boundary --------------------------------------------

BAD_TEXT = ["a\u0000b", "\u0000", "x\ud800", "\udfffx", "\ud83d", "a\x07", "\x7f", "\x9f"]
GOOD_TEXT = ["a\tb\nc\r", "😀", "\U00020000", "中文"]


def test_python_refuses_nul_and_lone_surrogates() -> None:
    spec = fn.Spec("text", Type.TEXT, None, {"zh": "备注", "en": "Note"})
    for raw in BAD_TEXT:
        value, why = fn.typed(raw, spec)
        assert value is None and why is not None, repr(raw)
        assert f"U+{ord(next(c for c in raw if control_char(c))):04X}" in why["en"], why
        with pytest.raises(TypeError, match="control character"):
            evaluate("len(t)", {"t": raw}, types={"t": "text"})
    for raw in GOOD_TEXT:
        assert fn.typed(raw, spec) == (raw, None)


@needs_node
def test_browser_refuses_nul_and_lone_surrogates() -> None:
    """The form's parsing refuses what Python refuses, with the control-character message."""
    js = _js(f"""
import {{ parseInput }} from '{STATIC}/formkit-input.js';
import {{ toValue }} from '{STATIC}/formkit-values.js';
process.stdout.write(JSON.stringify(data.map((raw) => {{
  let value;
  try {{ value = toValue(raw, 'text'); }} catch (err) {{ value = err.code; }}
  return [parseInput({{ t: 'text', type: 'text' }}, raw), value];
}})));
""", BAD_TEXT + GOOD_TEXT)
    for raw, (parsed, value) in zip(BAD_TEXT, js[:len(BAD_TEXT)], strict=True):
        assert parsed == {"error": "control"} and value == "type", repr(raw)
    for raw, (parsed, value) in zip(GOOD_TEXT, js[len(BAD_TEXT):], strict=True):
        assert parsed == {"value": raw} and value == raw


# -- A6: invalid periods --------------------------------------------------------------------------

PERIODS = ["2026-13", "2026-00", "2026W54", "2025W53", "2026W00", "9999W52", "2026Q5", "2026Q0", "0000",
           "0000-01", "2026W53", "2020W53", "2027W01", "0001W01", "9999W51", "9999-12", "2026Q4", "2026", "2026-02"]


def _python_period(text: str) -> Any:
    try:
        p = parse_period(text)
    except PeriodError:
        return "refused"
    assert p.start is not None and p.end is not None
    return [p.start.isoformat(), p.end.isoformat()]


@needs_node
def test_invalid_periods_refused_in_the_browser_as_in_python() -> None:
    """Never today's date for a period that does not exist, never a year 10000."""
    js = _js(f"""
import {{ periodRange }} from '{STATIC}/formkit-values.js';
import {{ evaluate }} from '{STATIC}/formkit-eval.js';
const call = {{ k: 'call', fn: 'period_end', args: [] }};
process.stdout.write(JSON.stringify(data.map((p) => {{
  let range;
  try {{ const r = periodRange(p); range = [r.start.toString(), r.end.toString()]; }}
  catch (err) {{ range = 'refused'; }}
  let end;
  try {{ end = evaluate(call, {{ period: p }}).toString(); }} catch (err) {{ end = err.code; }}
  return [range, end];
}})));
""", PERIODS)
    for text, (range_, end) in zip(PERIODS, js, strict=True):
        want = _python_period(text)
        assert range_ == want, text
        assert end == ("period" if want == "refused" else want[1]), text
    assert Counter(r for r, _ in js if r == "refused")["refused"] == 10


# -- A2: one submission's data cannot fail another's check ----------------------------------------

A2 = """\
fields:
  - {id: n, label: 数, type: decimal}
  - id: roster
    label: 名册
    type: table
    columns:
      - {id: amount, label: 金额, type: decimal}
rules:
  - {id: big, check: "sum(roster.amount) < 100", fields: [roster], message: 太大}
  - {id: gated, check: "if(n > 0, sum(roster.amount), 0) < 100", fields: [roster], message: 太大}
"""
HUGE = Decimal("9999999999999999999999999999")


def test_duckdb_decorrelation_computes_filtered_out_groups() -> None:
    """The reason for the lowering, in plain DuckDB SQL: a correlated SUM joined on its flag is
    computed for every group of the child table, the one the WHERE filters out too."""
    con = duckdb.connect()
    con.execute("CREATE TABLE s (id INT, org TEXT)")
    con.execute("INSERT INTO s VALUES (1, 'a'), (2, 'b')")
    con.execute("CREATE TABLE ch (sid INT, x DECIMAL(38, 10))")
    con.execute(f"INSERT INTO ch VALUES (1, 1), (2, {HUGE}), (2, {HUGE})")
    shape = ("WITH sc AS (SELECT * FROM s WHERE org IN (SELECT 'a')) SELECT f.id FROM (SELECT s.id, "
             "CASE WHEN ({sum}) < {bound} THEN '1' ELSE '0' END AS fl FROM sc s) f "
             "JOIN (VALUES (1)) k(n) ON f.fl = '1'")
    with pytest.raises(duckdb.OutOfRangeException, match="Overflow in HUGEINT addition"):
        con.execute(shape.format(sum="SELECT SUM(a.x) FROM ch a WHERE a.sid = s.id", bound="100")).fetchall()
    scaled = "CAST(TRUNC(a.x) AS HUGEINT) * 10000000000 + CAST((a.x % 1) * 10000000000 AS HUGEINT)"
    exact = f"SELECT SUM(CAST({scaled} AS BIGNUM)) FROM ch a WHERE a.sid = s.id"  # BIGNUM never fails
    bound = "CAST(1000000000000 AS BIGNUM)"  # 100, scaled: checked outside the aggregate, where reached
    assert con.execute(shape.format(sum=exact, bound=bound)).fetchall() == [(1,)]


@pytest.fixture(scope="module")
def a2_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return template(tmp_path_factory.mktemp("a2"), A2, prefix="om")


def test_validation_is_not_failed_by_another_submission(engine: Connection, a2_template: Template) -> None:
    """A submission out of scope, or whose aggregate Python never computes (its ``if`` is not
    taken), cannot fail a check; the overflowing submission fails its own scope's check, as its
    final sum overflows in Python."""
    create_city(engine)
    units = communities()
    rows = {"roster": [{"amount": HUGE}, {"amount": HUGE}]}
    records = [Record(units[0], "2026-01", "submitted", {"n": Decimal(1)}, {"roster": [{"amount": Decimal(1)}]}),
               Record(units[1], "2026-01", "submitted", {"n": Decimal(-1)}, {"roster": [{"amount": HUGE}]}),
               Record(units[-1], "2026-01", "submitted", {"n": Decimal(1)}, rows)]
    insert_records(engine, a2_template, records, user="seed")
    assert validate(engine, a2_template, units[0]) == []
    got = validate(engine, a2_template, units[1])  # its sum fits: 'big' is violated, 'gated' not
    assert [(v.rule, v.submission_id) for v in got] == [("big", records[1].submission_id)]
    with pytest.raises(EvaluationError) as info:
        validate(engine, a2_template, units[-1])
    assert info.value.code == "overflow"
    with pytest.raises(EvaluationError):
        fn.aggregate("sum", [HUGE, HUGE])


GRID = """\
fields:
  - id: g
    label: 表
    type: grid
    rows:
      - {id: a, label: 甲}
      - {id: b, label: 乙}
      - {id: c, label: 丙}
    columns:
      - {id: m, label: 数, type: decimal}
rules:
  - {id: positive, check: "sum(g.m) < 0", fields: [g.a.m], message: 为正}
"""


def test_a_grid_column_sum_checks_the_final_sum(engine: Connection, tmp_path: Path) -> None:
    """sum(g.m) over a stored row's cells: 10²⁸−1, 1, −1 is a number, not an overflow (A1)."""
    tpl = template(tmp_path, GRID, prefix="og")
    create_city(engine)
    unit = communities()[2]
    rec = Record(unit, "2026-01", "submitted", {"g.a.m": HUGE, "g.b.m": Decimal(1), "g.c.m": Decimal(-1)}, {})
    insert_records(engine, tpl, [rec], user="seed")
    assert [v.rule for v in validate(engine, tpl, unit)] == ["positive"]
    assert fn.aggregate("sum", [HUGE, Decimal(1), Decimal(-1)]) == HUGE
