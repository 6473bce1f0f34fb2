"""Field patterns (SPEC §2.2 "a regex that must match the whole text; ASCII classes"; §7 every bad
input gets a located error): formkit's own subset, refused at check time outside it or when a
text could be read in two ways (the shapes that make backtracking engines exponential or
polynomial), and matched in linear time by one program, the same in Python and in the browser
(static/formkit-pattern.js under node), equal to Python's ``re.fullmatch`` and to every SQL
engine's bulk validation (SPEC §4)."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from formkit.core.pattern import PatternError, ambiguity, compile_pattern, program_json
from formkit.core.pattern.program import CompiledPattern, compile_tree
from formkit.core.pattern.syntax import Alt, Chars, Node, Repeat, Seq, parse_pattern, parse_tree
from formkit.evaluation.formeval import evaluate_form
from formkit.runtime import Connection
from formkit.runtime.store import Record, insert_records
from formkit.sql.regex import engine_regex
from formkit.sql.validate import validate
from submissions import CITY, communities, create_city, template

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed: the JS matcher cannot run")
RUN_PATTERNS = """\
import { compilePattern, Matcher } from %s;
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
process.stdout.write(JSON.stringify(cases.map(({ pattern, texts }) => {
  const prog = compilePattern(pattern);
  const m = new Matcher(prog);
  return { prog, results: texts.map((t) => m.fullMatch(t)) };
})));
"""


def run_js(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Compile and match a batch of patterns with static/formkit-pattern.js, in one node process."""
    module = json.dumps((ROOT / "src" / "formkit" / "static" / "formkit-pattern.js").as_uri())
    assert NODE is not None
    out = subprocess.run([NODE, "--input-type=module", "-e", RUN_PATTERNS % module], input=json.dumps(cases),
                         capture_output=True, text=True, check=True, encoding="utf-8")
    result: list[dict[str, Any]] = json.loads(out.stdout)
    return result


def unchecked(text: str) -> CompiledPattern:
    """A pattern parsed and compiled without the one-way check: for the matchers alone."""
    tree = parse_tree(text)
    prog, owners = compile_tree(tree)
    return CompiledPattern(text, tree, prog, owners)


# -- refused ---------------------------------------------------------------------------------------

REFUSED = [
    # super-linear on a backtracking engine: two ways to read one text
    ("(a+)+$", "'(a+)+' can match 'aa' in more than one way"),
    ("(a|a)*", "'(a|a)' can match 'a' in more than one way"),
    ("(\\w|\\d)+", "can match '0' in more than one way"),
    ("(a|aa)+", "can match 'aa' in more than one way"),
    ("([a-z]+)*x", "'([a-z]+)*' can match 'aax' in more than one way"),
    ("\\d+\\d+", "'\\d+\\d+' can match"),
    ("\\s*\\s+", "can match"),
    (".*.*", "can match"),
    (".*x.*", "can match 'xx' in more than one way"),
    (".+@.+", "'.+@' can match 'a@@a' in more than one way"),
    ("(\\d{1,3}){1,3}", "can match '00' in more than one way"),
    ("a?a?a?aaa", "in more than one way"),
    ("\\d|\\d{2}|[0-9]", "can match '0' in more than one way"),
    ("(a*)*", "'(a*)*' repeats '(a*)', which can match nothing"),
    ("(a?)+", "repeats '(a?)', which can match nothing"),
    ("(|a)+", "which can match nothing"),
    ("(a?)?", "makes '(a?)' optional, but it can match nothing already"),
    ("(a?|b?)", "two branches of '(a?|b?)' can match nothing"),
    # outside the subset
    ("a++", "possessive"), ("a*?", "lazy"), ("a**", "repeats a repeat"), ("a{2}{3}", "repeats a repeat"),
    ("(?>a+)b", "atomic group"), ("(?=a)a", "lookahead"), ("(?!a)b", "negative lookahead"),
    ("(?<=a)b", "lookbehind"), ("(?<!a)b", "negative lookbehind"), ("(?i)abc", "inline flags"),
    ("(?P<n>a)", "named group"), ("(?<n>a)", "named group"), ("(a)\\1", "backreference"),
    ("(?P<n>a)(?P=n)", "named group"), ("\\k<n>", "backreference"), ("(?#c)a", "comment"),
    ("(?(1)a|b)", "conditional"), ("\\p{Han}+", "Unicode property"), ("\\P{L}", "Unicode property"),
    ("\\bword\\b", "word boundary"), ("\\Aabc\\Z", "anchor"), ("\\0", "backreference or an octal"),
    ("\\q", "the escape '\\q'"), ("[[:alpha:]]+", "a '[' inside a class"), ("[a-\\d]", "not a range"),
    ("[z-a]", "goes backwards"), ("[]a]", "empty class"), ("[^]", "empty class"), ("[a-c-e]", "a '-' that"),
    ("[\\b]", "'\\b' in a class"), ("[0-9", "a '[' is not closed"), ("(ab", "a '(' is not closed"),
    ("ab)", "a ')' closes no group"), ("*a", "nothing before it to repeat"), ("a|+", "nothing before it"),
    ("{2}", "nothing before it"), ("a{", "a lone '{'"), ("a}", "a lone '}'"), ("a]", "a lone ']'"),
    ("a{3,2}", "goes from more to fewer"), ("a{256}", "larger than 255"), ("a^b", "'^' stands inside"),
    ("(^a)", "'^' stands inside"), ("a$b", "'$' stands inside"), ("(a$)", "'$' stands inside"),
    ("\\x4", "needs 2 hex digits"), ("\\ud800", "not a character"), ("\\U00110000", "not a character"),
    ("a\\", "lone '\\'"), ("(" * 33 + ")" * 33, "more than 32 groups"), ("a" * 1001, "longer than 1,000"),
    ("[a-z]{255}[0-9]{255}[A-Z]{255}[a-z]{255}", "too large once its counts are written out"),
]


@pytest.mark.parametrize(("pattern", "message"), REFUSED, ids=[p[:30] for p, _ in REFUSED])
def test_refused(pattern: str, message: str) -> None:
    """SPEC §7: a pattern outside the subset, or that reads a text two ways, is refused with a
    plain message naming the construct and a hint."""
    with pytest.raises(PatternError) as exc:
        compile_pattern(pattern)
    assert message in exc.value.message, exc.value.message
    assert exc.value.hint and 0 <= exc.value.at < max(len(pattern), 1)


def test_refusal_names_where() -> None:
    """The offset points at the construct: the caret-able place (reported as 'at character N')."""
    cases = {"ab(c+)+": 2, "x(?=y)": 1, "abc\\1": 3, "[a-z]+[0-9]+[a-z0-9]+": 6}
    for pattern, at in cases.items():
        with pytest.raises(PatternError) as exc:
            compile_pattern(pattern)
        assert exc.value.at == at, (pattern, exc.value.message)


def test_too_complex_to_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one-way check explores a bounded number of pairs of places, and says so when a
    pattern needs more (the limit lowered here: a real pattern within the size limits stays far
    below it)."""
    monkeypatch.setattr(ambiguity, "MAX_PAIRS", 5)
    with pytest.raises(PatternError) as exc:
        compile_pattern.__wrapped__("[ab]{0,9}c|[ab]{0,9}d")
    assert exc.value.message == "the pattern is too complex to check"


ACCEPTED = [
    "[0-9]{1,4}(-[0-9]{1,3}){0,2}", "\\d{2,4}(-\\d{1,3})?", "[^0-9]+", "\\d{11}", "^[A-Z]{2}\\d{6}$|^\\d{8}$",
    "(0\\d{2,3}-)?\\d{7,8}", "(\\+86)?1[3-9]\\d{9}", "[^@\\s]+@[^@\\s]+\\.[a-z]{2,}", "\\d+(\\.\\d+)?",
    "\\w+([-.]\\w+)*@\\w+([-.]\\w+)*\\.\\w+", "[一-龥]{2,4}", "[\\u4e00-\\u9fff]+", "(a|ab)*c", "\\d*\\d",
    "[A-Za-z]+( [A-Za-z]+)*", "(\\d+\\.)+\\d+", ".{0,255}", "", "^$", "a|", "x{,3}", "x{2,}", "\\x41\\U0001F600",
    "[\\]\\[\\-\\^\\\\]", "\\.\\*\\+\\?\\(\\)\\{\\}\\|\\/\\ \\#", "[a-]", "[-a]", "(ab|a)(c|bcd)",
]


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_accepted(pattern: str) -> None:
    """SPEC §2.2: everyday patterns stay accepted, and mean what Python's ``re`` says."""
    compiled = compile_pattern(pattern)
    for text in _texts(random.Random(pattern), parse_pattern(pattern)):
        assert compiled.fullmatch(text) == (re.fullmatch(pattern, text, re.ASCII) is not None), (pattern, text)


# -- one meaning: Python program = JS program = re.fullmatch --------------------------------------

ALPHABET = ["a", "b", "A", "0", "9", "_", "-", ".", "@", " ", "\n", "\t", "中", "😀", "１", "x", "!"]
LITERALS = {"a": "a", "b": "b", "0": "0", "-": "\\-", ".": "\\.", "@": "@", " ": " ", "中": "中", "😀": "😀",
            "\n": "\\n", "x": "\\x78", "!": "\\!", "A": "\\u0041", "_": "_"}
CLASS_MEMBERS = ["a", "b", "0-9", "a-z", "\\d", "\\w", "\\s", "\\D", "\\-", "\\.", "@", "中-龥", "\\U0001F600",
                 "\\n", "A-Z", "\\]", "_"]
ATOMS = [".", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S"]
COUNTS = ["*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "{,2}", "{0}"]


def random_pattern(rng: random.Random, depth: int = 0) -> str:
    """A pattern of the subset (ambiguous or not), as an author might write one."""
    items = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.35:
            atom = LITERALS[rng.choice(list(LITERALS))]
        elif kind < 0.55:
            members = "".join(rng.sample(CLASS_MEMBERS, rng.randint(1, 3)))
            atom = "[" + ("^" if rng.random() < 0.3 else "") + members + "]"
        elif kind < 0.7:
            atom = rng.choice(ATOMS)
        elif depth < 2:
            branches = [random_pattern(rng, depth + 1) for _ in range(rng.randint(1, 3))]
            atom = rng.choice(["(", "(?:"]) + "|".join(branches) + ")"
        else:
            atom = "a"
        if rng.random() < 0.4:
            atom += rng.choice(COUNTS)
        items.append(atom)
    text = "".join(items)
    if depth == 0 and rng.random() < 0.1:
        text = "^" + text + "$"
    return text


def sample(rng: random.Random, node: Node) -> str:
    """A text the tree matches (most of the time: an optional part may be left out)."""
    if isinstance(node, Chars):
        fits = [c for c in ALPHABET if any(lo <= ord(c) <= hi for lo, hi in node.ranges)]
        if fits:
            return rng.choice(fits)
        return chr(rng.choice(node.ranges)[0])
    if isinstance(node, Seq):
        return "".join(sample(rng, i) for i in node.items)
    if isinstance(node, Alt):
        return sample(rng, rng.choice(node.branches))
    assert isinstance(node, Repeat)
    hi = node.hi if node.hi is not None else node.lo + 3
    return "".join(sample(rng, node.item) for _ in range(rng.randint(node.lo, hi)))


def _texts(rng: random.Random, tree: Node, n: int = 12) -> list[str]:
    out = [""]
    for _ in range(n // 2):
        out.append(sample(rng, tree))
    for s in list(out[1:]):  # near misses: one character changed, added or dropped
        i = rng.randint(0, len(s))
        out.append(s[:i] + rng.choice(ALPHABET) + s[i + 1:] if rng.random() < 0.7 else s[:i] + s[i + 1:])
    out += ["".join(rng.choices(ALPHABET, k=rng.randint(1, 6))) for _ in range(3)]
    return out


@pytest.fixture(scope="module")
def generated() -> list[tuple[str, list[str]]]:
    rng = random.Random(20261121)
    cases = []
    while len(cases) < 400:
        pattern = random_pattern(rng)
        try:
            tree = parse_tree(pattern)
        except PatternError:  # the draw can make an empty class, [^\D\d]
            continue
        cases.append((pattern, _texts(rng, tree)))
    return cases


@needs_node
def test_python_js_and_re_agree(generated: list[tuple[str, list[str]]], summary: Any) -> None:
    """One meaning everywhere (SPEC §2.2): for random patterns of the subset (those the one-way
    check refuses too: the matchers do not depend on it) and texts drawn from each (and near
    misses), static/formkit-pattern.js builds the very program Python builds, and both
    matchers answer as ``re.fullmatch(pattern, text, re.ASCII)`` does."""
    js = run_js([{"pattern": p, "texts": t} for p, t in generated])
    matched = accepted = 0
    for (pattern, texts), got in zip(generated, js, strict=True):
        py = unchecked(pattern)
        assert got["prog"] == program_json(py.prog), pattern
        expected = [re.fullmatch(pattern, t, re.ASCII) is not None for t in texts]
        assert [py.fullmatch(t) for t in texts] == expected, pattern
        assert got["results"] == expected, pattern
        matched += sum(expected)
        try:
            compile_pattern(pattern)
            accepted += 1
        except PatternError:
            pass
    cases = sum(len(t) for _, t in generated)
    assert matched > cases // 4 and 100 < accepted < len(generated)  # the draw exercises both sides
    summary(f"patterns: {len(generated)} random ({accepted} pass the one-way check) × texts = {cases} cases, "
            "Python = JS = re.fullmatch")


@needs_node
def test_long_adversarial_texts_in_linear_time() -> None:
    """The matchers walk the text once, whatever the pattern: the classic ReDoS pattern (compiled
    here without the check that refuses it) against 50,000 characters that almost match, which a
    backtracking engine would not finish (Python's ``re`` takes over a minute at 30)."""
    texts = ["a" * 50_000 + "!", "a" * 50_000, "ab" * 25_000 + "!"]
    for pattern in ["(a+)+$", "(a|a)*", "(a|b|ab)*c"]:
        py = unchecked(pattern)
        got = run_js([{"pattern": pattern, "texts": texts}])[0]["results"]
        assert got == [py.fullmatch(t) for t in texts]
    assert [unchecked("(a+)+$").fullmatch(t) for t in texts] == [False, True, False]


# -- the engines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("pattern", "dialect", "regex"), [
    ("\\d{2}", "duckdb", "[0-9]{2}"),
    ("\\w+\\s\\W", "duckdb", "[0-9A-Z_a-z]+[\\x{9}-\\x{D} ][^0-9A-Z_a-z]"),
    ("[^0-9]+|0.", "postgres", "^(?:[^0-9]+|0[^\\u000A])$"),
    ("a(b|c)?中😀", "mysql", "^(?:a(?:b|c)?\\x{4E2D}\\x{1F600})\\z"),
    ("^x*$", "postgres", "^(?:x*)$"),
])
def test_engine_regex(pattern: str, dialect: str, regex: str) -> None:
    """The engines get a regex written from the tree: explicit ASCII classes (no engine's own idea
    of a digit or a newline), non-capturing groups, plain ASCII text."""
    assert engine_regex(compile_pattern(pattern).tree, dialect) == regex


@pytest.fixture(scope="module")
def pattern_template(tmp_path_factory: pytest.TempPathFactory, generated: list[tuple[str, list[str]]]) -> Any:
    """A template with one text field per accepted random pattern (24 of them)."""
    chosen = []
    for pattern, texts in generated:
        try:
            compile_pattern(pattern)
        except PatternError:
            continue
        chosen.append((pattern, texts))
        if len(chosen) == 24:
            break
    lines = ["fields:"]
    for i, (pattern, _) in enumerate(chosen):
        quoted = "'" + pattern.replace("'", "''") + "'"
        lines.append(f"  - {{id: p{i}, label: P{i}, type: text, pattern: {quoted}}}")
    return template(tmp_path_factory.mktemp("patterns"), "\n".join(lines) + "\n", prefix="pt"), chosen


def test_engines_agree_with_python(engine: Connection, pattern_template: Any) -> None:
    """SPEC §4 bulk validation: every engine's verdict on every stored text (newlines, non-ASCII
    digits and letters, characters outside the BMP) is the Python matcher's."""
    tpl, chosen = pattern_template
    create_city(engine)
    rng = random.Random(7)
    records, verdicts = [], set()
    for n, org in enumerate(communities()[:20]):
        inputs = {f"p{i}": rng.choice([t for t in texts if t] or ["a"]) for i, (_, texts) in enumerate(chosen)}
        period = f"2026-{n % 12 + 1:02d}"
        st = evaluate_form(tpl, inputs, period=period)
        rec = Record(org, period, "submitted", {f"p{i}": st.values.get(f"p{i}") for i in range(len(chosen))}, {})
        records.append(rec)
        verdicts |= {(rec.submission_id, i.field) for i in st.issues if i.rule == "pattern"}
    insert_records(engine, tpl, records, user="seed")
    got = {(v.submission_id, v.field) for v in validate(engine, tpl, CITY) if v.rule == "pattern"}
    assert got == verdicts
    assert 0 < len(verdicts) < len(records) * len(chosen)
