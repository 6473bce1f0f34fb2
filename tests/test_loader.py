"""Loader: YAML text → documents with positions (SPEC §2.2 YAML 1.2 rules, §6 TemplateError, §7)."""

from __future__ import annotations

import os
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import formkit
from formkit.core.errors import TemplateError
from formkit.core.source import SourceSpan
from formkit.document.loader import Document, path_str, read_document
from formkit.language import reuse


def load(text: str) -> Document:
    return read_document("t.yaml", text=text)


def fail(text: str, **kwargs: Any) -> TemplateError:
    with pytest.raises(TemplateError) as info:
        read_document("t.yaml", text=text, **kwargs)
    return info.value


def where(span: SourceSpan) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


# -- positions ------------------------------------------------------------------------------

SAMPLE = """\
formkit: 1
title: {zh: 走访次数, en: Visits}
走访: 次数
fields:
  - id: closing
    calc: "a + b"
    label: 本期  # a comment
  - [1, 2]
text: |
  line one
  line two
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param(("formkit",), (1, 10, 1, 11), id="top-scalar"),
        pytest.param(("title",), (2, 8, 2, 30), id="flow-mapping"),
        # Columns count code points: 走访次数 is four columns wide, not twelve bytes.
        pytest.param(("title", "zh"), (2, 13, 2, 17), id="cjk-value"),
        pytest.param(("title", "en"), (2, 23, 2, 29), id="value-after-cjk"),
        pytest.param(("走访",), (3, 5, 3, 7), id="value-after-cjk-key"),
        pytest.param(("fields", 0), (5, 5, 7, 14), id="block-mapping-in-list"),
        pytest.param(("fields", 0, "id"), (5, 9, 5, 16), id="list-item-value"),
        pytest.param(("fields", 0, "calc"), (6, 11, 6, 18), id="quoted-with-quotes"),
        pytest.param(("fields", 0, "label"), (7, 12, 7, 14), id="comment-excluded"),
        pytest.param(("fields", 1, 1), (8, 9, 8, 10), id="flow-item"),
        pytest.param(("fields", 1), (8, 5, 8, 11), id="flow-sequence"),
    ],
)
def test_value_span(path: tuple[str | int, ...], expected: tuple[int, int, int, int]) -> None:
    """SPEC §2.2/§6: every value has a 1-based, end-exclusive span counted in code points."""
    doc = load(SAMPLE)
    assert where(doc.spans[path]) == expected
    assert doc.spans[path].file == "t.yaml"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param(("formkit",), (1, 1, 1, 8), id="top-key"),
        pytest.param(("title", "en"), (2, 19, 2, 21), id="key-after-cjk"),
        pytest.param(("走访",), (3, 1, 3, 3), id="cjk-key"),
        pytest.param(("fields", 0, "calc"), (6, 5, 6, 9), id="nested-key"),
    ],
)
def test_key_span(path: tuple[str | int, ...], expected: tuple[int, int, int, int]) -> None:
    """SPEC §6: errors about a key (unknown key) point at the key itself."""
    assert where(load(SAMPLE).key_spans[path]) == expected


def test_block_scalar_value_and_span() -> None:
    """SPEC §2.2: a literal block is text; its span starts at the indicator."""
    doc = load(SAMPLE)
    assert doc.data["text"] == "line one\nline two\n"
    assert doc.spans[("text",)].line == 9


def test_span_at_falls_back_to_nearest_ancestor() -> None:
    """SPEC §6: an issue about something absent is shown where its parent is."""
    doc = load(SAMPLE)
    assert doc.span_at(("fields", 0, "nothing", 3)) == doc.spans[("fields", 0)]
    assert doc.span_at(("nowhere",)) == doc.spans[()]
    assert doc.key_span_at(("fields", 0)) == doc.spans[("fields", 0)]  # list items have no key
    assert doc.key_span_at(("fields", 0, "id")) == doc.key_spans[("fields", 0, "id")]


def test_alias_value_is_expanded_and_located_at_the_alias() -> None:
    """SPEC §7: aliases are read (within limits); the use site is where the value is used."""
    doc = load("base: &b {k: 1}\ncopy: *b\n")
    assert doc.data == {"base": {"k": 1}, "copy": {"k": 1}}
    assert doc.data["copy"] is not doc.data["base"]
    assert where(doc.spans[("copy",)]) == (2, 7, 2, 9)
    assert doc.spans[("copy", "k")] == doc.spans[("base", "k")]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        pytest.param((), "", id="empty"),
        pytest.param(("fields", 3, "calc"), "fields[3].calc", id="mixed"),
        pytest.param((0, "a"), "[0].a", id="leading-index"),
        pytest.param(("走访",), "走访", id="cjk"),
    ],
)
def test_path_str(path: tuple[str | int, ...], text: str) -> None:
    """SPEC §6: issues carry a YAML path like fields[3].calc."""
    assert path_str(path) == text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("formkit: 1\n", "template", id="template"),
        pytest.param("formkit_pool: 1\n", "pool", id="pool"),
        pytest.param("formkit: 1\nformkit_pool: 1\n", None, id="both"),
        pytest.param("a: 1\n", None, id="neither"),
        pytest.param("- formkit\n", None, id="list"),
        pytest.param("", None, id="empty"),
    ],
)
def test_kind(text: str, kind: str | None) -> None:
    """SPEC §2.1: a file is a pool when its top key is formkit_pool, a template with formkit."""
    assert load(text).kind == kind


def test_empty_file_is_none_with_a_root_span() -> None:
    """SPEC §7: even an empty file has somewhere to point at."""
    doc = load("# only a comment\n")
    assert doc.data is None
    assert where(doc.span_at(())) == (1, 1, 1, 2)


def test_bom_is_skipped() -> None:
    """SPEC §2.2: files saved by Windows editors start with a BOM; columns must not count it."""
    doc = load("\ufeffa: 1\n")
    assert doc.data == {"a": 1}
    assert where(doc.spans[("a",)]) == (1, 4, 1, 5)


# -- YAML 1.2 core rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        pytest.param("yes", "yes", id="yes-text"),
        pytest.param("no", "no", id="no-text"),
        pytest.param("on", "on", id="on-text"),
        pytest.param("off", "off", id="off-text"),
        pytest.param("y", "y", id="y-text"),
        pytest.param("n", "n", id="n-text"),
        pytest.param("01", "01", id="leading-zero-text"),
        pytest.param("007", "007", id="leading-zeros-text"),
        pytest.param("-01", "-01", id="signed-leading-zero-text"),
        pytest.param("2027-12-31", "2027-12-31", id="date-text"),
        pytest.param("12:30", "12:30", id="sexagesimal-text"),
        pytest.param("1_000", "1_000", id="underscore-text"),
        pytest.param("'5'", "5", id="single-quoted-text"),
        pytest.param('"true"', "true", id="double-quoted-text"),
        pytest.param("! 5", "5", id="non-specific-tag-text"),
        pytest.param("0", 0, id="zero"),
        pytest.param("42", 42, id="int"),
        pytest.param("-3", -3, id="negative-int"),
        pytest.param("+4", 4, id="plus-int"),
        pytest.param("0x1F", 31, id="hex"),
        pytest.param("0o17", 15, id="octal"),
        pytest.param("370602199001011234", 370602199001011234, id="long-int"),
        pytest.param("true", True, id="true"),
        pytest.param("True", True, id="True"),
        pytest.param("FALSE", False, id="FALSE"),
        pytest.param("null", None, id="null"),
        pytest.param("Null", None, id="Null"),
        pytest.param("~", None, id="tilde"),
        pytest.param("", None, id="empty"),
        pytest.param("!!str 5", "5", id="str-tag"),
        pytest.param("!!int 007", 7, id="int-tag-leading-zero"),
        pytest.param("!!float 3", Decimal("3"), id="float-tag"),
        pytest.param("!!bool true", True, id="bool-tag"),
        pytest.param("!!null ''", None, id="null-tag"),
    ],
)
def test_plain_scalars_follow_yaml_1_2(literal: str, expected: Any) -> None:
    """SPEC §2.2: files are read with YAML 1.2 core rules (`yes`, `on`, `01` stay text)."""
    value = load(f"v: {literal}\n").data["v"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        pytest.param("3.50", "3.50", id="keeps-trailing-zero"),
        pytest.param("0.1", "0.1", id="exact-tenth"),
        pytest.param(".5", "0.5", id="leading-dot"),
        pytest.param("-2.5", "-2.5", id="negative"),
        pytest.param("1e3", "1E+3", id="exponent"),
        pytest.param("2.5E-3", "0.0025", id="negative-exponent"),
        pytest.param("3.", "3", id="trailing-dot"),
    ],
)
def test_floats_are_exact_decimals(literal: str, expected: str) -> None:
    """SPEC §3 meaning: numbers are exact decimals, never floats."""
    value = load(f"v: {literal}\n").data["v"]
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)
    assert str(value) == str(Decimal(literal.rstrip(".") if literal.endswith(".") else literal))


def test_no_float_anywhere() -> None:
    """SPEC §3: no value read from a file is a float."""

    def walk(node: Any) -> None:
        assert not isinstance(node, float)
        if isinstance(node, dict):
            for k, v in node.items():
                assert isinstance(k, str)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(load("a: [1.5, 2e3, {b: .25}]\nc: 0.1\n").data)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        pytest.param("1: a\n2: b\n", ["1", "2"], id="int-keys"),
        pytest.param("true: a\nnull: b\n", ["true", "null"], id="keyword-keys"),
        pytest.param("01: a\n1.50: b\n", ["01", "1.50"], id="as-written"),
    ],
)
def test_keys_are_the_text_written(text: str, keys: list[str]) -> None:
    """SPEC §2.2: choice keys are always text; `1:` is the key '1'."""
    assert list(load(text).data) == keys


# -- bad input --------------------------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    [
        "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']",
        *(
            f"{x}: &{x} [{', '.join(f'*{p}' for _ in range(9))}]"
            for p, x in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        pytest.param("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3, 1, id="duplicate-key"),
        pytest.param("m: {x: 1, x: 2}\n", "yaml-duplicate-key", 1, 11, id="duplicate-flow-key"),
        pytest.param("1: a\n'1': b\n", "yaml-duplicate-key", 2, 1, id="duplicate-as-text"),
        pytest.param("a:\n\tb: 1\n", "yaml-tab", 2, 1, id="tab-indent"),
        pytest.param("a:\n  b: 1\n\tc: 2\n", "yaml-tab", 3, 1, id="tab-after-block"),
        pytest.param("a:\n  b: 1\n  \tc: 2\n", "yaml-tab", 3, 3, id="tab-after-spaces"),
        pytest.param("a:\n\t- 1\n", "yaml-tab", 2, 1, id="tab-before-dash"),
        pytest.param("a:\n  b: 1\n c: 2\n", "yaml-syntax", 3, 2, id="bad-indent"),
        pytest.param("f:\n  - id: a\n    label: x\n   type: y\n", "yaml-syntax", 4, 4,
                     id="bad-indent-in-list"),
        pytest.param("a: 1\n  b: 2\n", "yaml-syntax", 2, 3, id="over-indented"),
        pytest.param("a: 'abc\nb: 1\n", "yaml-syntax", 1, 4, id="unclosed-single-quote"),
        pytest.param('a: 1\nb: "abc\n', "yaml-syntax", 2, 4, id="unclosed-double-quote"),
        pytest.param("a: 1\nb\nc: 2\n", "yaml-syntax", 2, 1, id="missing-colon"),
        pytest.param("a: 1\nb:2\nc: 3\n", "yaml-syntax", 2, 1, id="missing-space"),
        pytest.param("a: b: c\n", "yaml-syntax", 1, 5, id="colon-in-value"),
        pytest.param("a: [1, 2\nb: 1\n", "yaml-syntax", 1, 4, id="unclosed-bracket"),
        pytest.param("a: {x: 1\nb: 1\n", "yaml-syntax", 1, 4, id="unclosed-brace"),
        pytest.param("a: - b\n", "yaml-syntax", 1, 4, id="inline-list"),
        pytest.param("a: @b\n", "yaml-syntax", 1, 4, id="reserved-char"),
        pytest.param('a: "\\q"\n', "yaml-syntax", 1, 5, id="bad-escape"),
        pytest.param("a: 1\n---\nb: 2\n", "yaml-syntax", 2, 1, id="two-documents"),
        pytest.param("a: *nope\n", "yaml-syntax", 1, 4, id="undefined-alias"),
        pytest.param("? [a]\n: 1\n", "yaml-syntax", 1, 3, id="list-as-key"),
        pytest.param("a: b\x01\n", "yaml-syntax", 1, 5, id="control-character"),
        pytest.param("a: &a [1, *a]\n", "yaml-alias-limit", 1, 11, id="recursive-alias"),
        pytest.param("a: &a {b: *a}\n", "yaml-alias-limit", 1, 11, id="recursive-alias-map"),
        pytest.param(BILLION_LAUGHS, "yaml-alias-limit", 6, 12, id="billion-laughs"),
        pytest.param("a: !!python/object:os.system x\n", "yaml-tag", 1, 4, id="python-tag"),
        pytest.param("a: !!python/name:os.system\n", "yaml-tag", 1, 4, id="python-name-tag"),
        pytest.param("a: !foo [1]\n", "yaml-tag", 1, 4, id="custom-tag"),
        pytest.param("a: !!binary aGk=\n", "yaml-tag", 1, 4, id="binary-tag"),
        pytest.param("a: !!seq {b: 1}\n", "yaml-tag", 1, 4, id="mismatched-tag"),
        pytest.param("a: .inf\n", "invalid-value", 1, 4, id="infinity"),
        pytest.param("a: -.Inf\n", "invalid-value", 1, 4, id="minus-infinity"),
        pytest.param("a: .nan\n", "invalid-value", 1, 4, id="nan"),
        pytest.param("a: !!int abc\n", "invalid-value", 1, 4, id="bad-int-tag"),
        pytest.param("a: 1e999999\n", "invalid-value", 1, 4, id="huge-exponent"),
        pytest.param("a: " + "9" * 5000 + "\n", "invalid-value", 1, 4, id="huge-integer"),
        pytest.param("[" * 10_000 + "]" * 10_000, "file-too-large", 1, 101, id="deep-flow"),
        pytest.param("- " * 10_000 + "x\n", "file-too-large", 1, 201, id="deep-block"),
    ],
)
def test_bad_yaml_is_located(text: str, code: str, line: int, column: int) -> None:
    """SPEC §7: malformed YAML and YAML bombs get a clear, located error (code, line, column)."""
    err = fail(text)
    first = err.issues[0]
    assert (first.code, first.span.line, first.span.column) == (code, line, column)
    assert first.message and first.hint
    assert first.span.file == "t.yaml"
    assert err.sources == {"t.yaml": text}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("a:\n  b: 1\n c: 2\n", "indented differently", id="indent"),
        pytest.param("a: 'abc\n", "quote (') is not closed", id="quote"),
        pytest.param("a: 1\nb\nc: 2\n", "':' is missing", id="colon"),
        pytest.param("a:\n\tb: 1\n", "tab", id="tab"),
    ],
)
def test_syntax_errors_speak_plainly(text: str, words: str) -> None:
    """SPEC §1: admins are not programmers; libyaml's wording is translated."""
    assert words in fail(text).issues[0].message


def test_every_duplicate_key_is_reported() -> None:
    """SPEC §6: TemplateError lists every problem found, not just the first."""
    err = fail("a: 1\na: 2\nb: {c: 1, c: 2}\nd: !foo x\n")
    got = [(i.code, i.span.line, i.span.column) for i in err.issues]
    assert got == [
        ("yaml-duplicate-key", 2, 1),
        ("yaml-duplicate-key", 3, 11),
        ("yaml-tag", 4, 4),
    ]
    assert err.issues[0].hint is not None and "line 1" in err.issues[0].hint


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(BILLION_LAUGHS, id="billion-laughs"),
        pytest.param("[" * 100_000 + "]" * 100_000, id="deep-100k"),
    ],
)
def test_bombs_fail_fast(text: str) -> None:
    """SPEC §7: YAML bombs fail without building the expansion (well under a second)."""
    start = time.perf_counter()
    fail(text)
    assert time.perf_counter() - start < 1.0


def test_node_limit_without_aliases_is_file_too_large() -> None:
    """SPEC §7: a file holding more values than formkit reads is refused, located."""
    err = fail("[" + "1, " * 60 + "1]", max_nodes=50)
    assert (err.issues[0].code, err.issues[0].span.line) == ("file-too-large", 1)


def test_aliases_within_the_limit_are_fine() -> None:
    """SPEC §7: anchors and aliases are allowed; only their expansion is limited."""
    doc = load("a: &a [1, 2]\nb: [*a, *a]\n")
    assert doc.data["b"] == [[1, 2], [1, 2]]


# -- files --------------------------------------------------------------------------------------


def test_reads_a_file(tmp_path: Path) -> None:
    """SPEC §6: formkit.load reads a path; the display path is kept as given."""
    path = tmp_path / "t.yaml"
    path.write_text("a: 走访\n", encoding="utf-8")
    doc = read_document(path)
    assert (doc.file, doc.data, doc.text) == (str(path), {"a": "走访"}, "a: 走访\n")


def test_missing_file(tmp_path: Path) -> None:
    """SPEC §7: a file that does not exist gets a clear error."""
    with pytest.raises(TemplateError) as info:
        read_document(tmp_path / "nope.yaml")
    issue = info.value.issues[0]
    assert (issue.code, issue.span.line, issue.span.column) == ("file-not-found", 1, 1)


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    """SPEC §7: a folder given where a file is expected is reported, not crashed on."""
    with pytest.raises(TemplateError) as info:
        read_document(tmp_path)
    assert info.value.codes() == ["file-not-found"]


def test_oversized_file(tmp_path: Path) -> None:
    """SPEC §7: file size is limited."""
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        read_document(path, max_bytes=100)
    issue = info.value.issues[0]
    assert (issue.code, issue.span.line, issue.span.column) == ("file-too-large", 1, 1)


def test_file_growing_past_its_stat_size_is_still_bounded() -> None:
    """SPEC §7: the read asks for the size stat gives, then reads on to the limit."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with pytest.raises(TemplateError) as info:
        read_document("/dev/zero", max_bytes=100)
    assert info.value.codes() == ["file-too-large"]


def test_exactly_max_bytes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.yaml"
    path.write_text("a: " + "x" * 96 + "\n", encoding="utf-8")  # 100 bytes
    assert read_document(path, max_bytes=100).data == {"a": "x" * 96}


def test_key_spans_read_like_a_dict() -> None:
    """Key spans are made on first look-up; they compare, iterate and repeat like a dict's."""
    doc = load("a: 1\n'b': {c: 2}\n7: x\n")
    spans = dict(doc.key_spans)
    assert list(spans) == [("a",), ("b",), ("b", "c"), ("7",)]
    assert all(isinstance(s, SourceSpan) for s in spans.values())
    assert [where(s) for s in spans.values()] == [(1, 1, 1, 2), (2, 1, 2, 4), (2, 7, 2, 8), (3, 1, 3, 2)]
    assert doc.key_spans[("b", "c")] is doc.key_spans[("b", "c")]
    assert doc.key_spans == spans


def test_duplicate_of_a_quoted_key_names_the_first_line() -> None:
    err = fail("x: 0\na: 1\n'a': 2\n")
    assert [(i.code, i.span.line, i.span.column) for i in err.issues] == [("yaml-duplicate-key", 3, 1)]
    assert err.issues[0].hint == "the first 'a' is on line 2; remove or rename one of them"


def test_oversized_text() -> None:
    """SPEC §7: the size limit holds for text passed directly too (counted in UTF-8 bytes)."""
    err = fail("a: " + "走" * 40 + "\n", max_bytes=100)
    assert err.codes() == ["file-too-large"]


def test_not_utf8_is_located(tmp_path: Path) -> None:
    """SPEC §7: a GBK file is refused with the line and column of the first bad byte."""
    path = tmp_path / "gbk.yaml"
    path.write_bytes("id: x\nlabel: 走访次数\n".encode("gbk"))
    with pytest.raises(TemplateError) as info:
        read_document(path)
    issue = info.value.issues[0]
    assert (issue.code, issue.span.line, issue.span.column) == ("file-encoding", 2, 8)
    assert issue.hint is not None and "UTF-8" in issue.hint


def test_crlf_line_endings() -> None:
    """SPEC §2.2: files saved on Windows (CRLF) are located like any other."""
    doc = load("a: 1\r\nb: [x, y]\r\n")
    assert doc.data == {"a": 1, "b": ["x", "y"]}
    assert where(doc.spans[("b", 1)]) == (2, 8, 2, 9)


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        pytest.param("a: 1\na: 2\n", "yaml-duplicate-key", 2, 1, id="duplicate-key"),
        pytest.param("a:\n\tb: 1\n", "yaml-tab", 2, 1, id="tab"),
        pytest.param("a: 'x\n", "yaml-syntax", 1, 4, id="unclosed-quote"),
        pytest.param("a:\n  b: 1\n c: 2\n", "yaml-syntax", 3, 2, id="bad-indent"),
        pytest.param("a: 1\nb\nc: 2\n", "yaml-syntax", 2, 1, id="missing-colon"),
        pytest.param(BILLION_LAUGHS, "yaml-alias-limit", 6, 12, id="billion-laughs"),
    ],
)
def test_pure_python_parser_agrees(
    monkeypatch: pytest.MonkeyPatch, text: str, code: str, line: int, column: int
) -> None:
    """DESIGN measured facts: libyaml is used when present; without it results are the same."""
    from formkit.document import loader

    with_libyaml = load(SAMPLE)
    monkeypatch.setattr(loader, "_Parser", loader._PyParser)
    same = load(SAMPLE)
    assert (same.data, same.spans, same.key_spans) == (
        with_libyaml.data, with_libyaml.spans, with_libyaml.key_spans
    )
    with pytest.raises(TemplateError) as info:
        read_document("t.yaml", text=text)
    first = info.value.issues[0]
    assert (first.code, first.span.line, first.span.column) == (code, line, column)


def test_an_edited_pool_is_never_served_from_the_cache(tmp_path: Path) -> None:
    """Templates share their pool file's loaded model, but only while the file is unchanged:
    an edit of the same size within the same second is still read."""
    pool_text = (formkit.examples_dir() / "demo_city.pool.yaml").read_text(encoding="utf-8")
    pool = tmp_path / "p.pool.yaml"
    pool.write_text(pool_text, encoding="utf-8")
    template = tmp_path / "t.yaml"
    template.write_text("formkit: 1\nid: t\ntitle: T\nperiod: monthly\npool: p.pool.yaml\nfields:\n"
                        "  - {id: n, label: N, type: integer, value: \"count(person)\"}\n", encoding="utf-8")
    first = formkit.load(template)
    assert formkit.load(template).pool is first.pool  # the cached model, not a second load
    stat = pool.stat()
    broken = pool_text.replace("person:", "persom:", 1)
    assert len(broken) == len(pool_text)
    pool.write_text(broken, encoding="utf-8")
    os.utime(pool, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(TemplateError) as info:
        formkit.load(template)
    assert info.value.codes() == ["unknown-pool-table"]
    pool.write_text(pool_text, encoding="utf-8")
    assert formkit.load(template).pool is not None


_REUSE = """formkit: 1
id: t{n}
title: T
period: monthly
fields:
  - {{id: a, label: A, type: {a_type}}}
  - {{id: b, label: B, type: decimal, calc: 'a + 1'}}
  - id: r
    label: R
    type: table
    columns:
      - {{id: x, label: X, type: {a_type}}}
      - {{id: y, label: Y, type: decimal, calc: 'x + 1'}}
  - {{id: s, label: S, type: decimal, calc: 'sum(r.y)'}}
"""


def test_checked_expressions_are_reused_only_where_names_mean_the_same(tmp_path: Path) -> None:
    # One text, checked first where `a` and `x` are numbers: a template where they are text must
    # get exactly the issues it gets when nothing was checked before; one where they are numbers
    # loads with its own trees and the same reads.
    def write(n: int, a_type: str) -> Path:
        path = tmp_path / f"t{n}.yaml"
        path.write_text(_REUSE.format(n=n, a_type=a_type), encoding="utf-8")
        return path

    def issues(path: Path) -> list[str]:
        with pytest.raises(TemplateError) as exc:
            formkit.load(path)
        return [f"{i.code} {i.span} {i.message} {i.hint}" for i in exc.value.issues]

    reuse._CHECKED.clear()
    alone = issues(write(2, "text"))
    assert len(alone) == 2
    first = formkit.load(write(1, "integer"))
    assert issues(write(2, "text")) == alone
    again = formkit.load(write(3, "integer"))
    for fid in ("b", "s"):
        old, new = first.fields[fid].calc, again.fields[fid].calc
        assert old is not None and new is not None and old.node is not None and new.node is not None
        assert new.node is not old.node and new.node.span.file.endswith("t3.yaml")
        assert (new.deps, new.type) == (old.deps, old.type)
    assert again.tables["r"].columns["y"].type == first.tables["r"].columns["y"].type
