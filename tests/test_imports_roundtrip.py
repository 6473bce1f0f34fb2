"""The examples' own Excel output imports back to an equivalent template: the same fields (ids,
types), the same grids (rows, columns) and the same calcs, compared after parsing both sides."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import formkit
from formkit.core.source import SourceSpan
from formkit.imports import import_excel
from formkit.language.parser import parse

EXAMPLES = sorted(p for p in formkit.examples_dir().glob("*.yaml") if "elements" not in p.name and "pool" not in p.name)


def _plain(node: Any) -> Any:
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return (type(node).__name__, *(_plain(getattr(node, f.name)) for f in dataclasses.fields(node)
                                       if f.name not in ("span", "name_span", "ref")))
    if isinstance(node, list | tuple):
        return tuple(_plain(n) for n in node)
    return node


def _canon(text: str | None) -> Any:
    """An expression's parse tree without positions: spacing and redundant brackets do not count."""
    if text is None:
        return None
    tree, issues = parse(text, SourceSpan.point("x"))
    assert not issues, text
    return _plain(tree)


def _shape(tpl: formkit.Template) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for fid, f in tpl.fields.items():
        m = f.model
        calc = _canon(m.calc.text if m.calc is not None else None)
        places = 0 if m.type == "integer" else m.precision
        if calc is not None and calc[0] == "Call" and calc[2] == "round" and places is not None \
                and calc[3][1] == ("Literal", None, places):
            calc = calc[3][0]  # a field rounds its calc to its places itself: round(x, p) says it twice
        out[fid] = (m.type, calc)
    for gid, g in tpl.grids.items():
        m = g.model
        out[gid] = ("grid", [(r.id, _canon(r.calc.text if r.calc else None)) for r in m.grid_rows],
                    [(c.id, _canon(c.calc.text if c.calc else None)) for c in m.grid_columns])
    return out


WITH_ROSTERS = [p for p in EXAMPLES if formkit.load(p).tables]
FLAT = [p for p in EXAMPLES if p not in WITH_ROSTERS]


@pytest.mark.parametrize("path", FLAT, ids=lambda p: p.stem)
def test_a_rendered_example_imports_back(path: Path, tmp_path: Path) -> None:
    tpl = formkit.load(path)
    book = tmp_path / f"{path.stem}.xlsx"
    formkit.render_xlsx(tpl, path=book)
    result = import_excel(book)
    assert result.template is not None, result.report()
    assert result.template.id == tpl.id
    assert _shape(result.template) == _shape(tpl)


@pytest.mark.parametrize("path", WITH_ROSTERS, ids=lambda p: p.stem)
def test_an_example_with_rosters_imports_its_own_sheet_and_lists_the_rest(path: Path, tmp_path: Path) -> None:
    """A roster is written on a sheet of its own, and one sheet is imported per run (docs/imports.md):
    what the summary sheet computes from a roster sheet is listed, never guessed; the rest comes
    back as it was."""
    tpl = formkit.load(path)
    book = tmp_path / f"{path.stem}.xlsx"
    formkit.render_xlsx(tpl, path=book)
    result = import_excel(book)
    assert result.template is not None, result.report()
    want, got = _shape(tpl), _shape(result.template)
    assert {k: got[k] for k in want if k in got} == {k: want[k] for k in want if k in got}
    missing = [k for k in want if k not in got]
    # only what the workbook computes is left behind: a calc, or a pool value counted off a roster
    computed = {k for k, f in tpl.fields.items() if f.model.calc is not None or f.model.value is not None}
    assert set(missing) <= computed, set(missing) - computed
    if missing:
        assert any(f.code == "import-formula" for f in result.findings), result.report()
    listed = {f.where.split("!")[0].strip("'") for f in result.findings if f.code == "import-not-carried"}
    rosters = [s for s in load_workbook(book, read_only=True).sheetnames[1:] if not s.startswith("_")]
    assert len(rosters) == len(tpl.tables)  # (formkit's own hidden sheets start with _)
    assert set(rosters) <= listed, (rosters, listed)  # every roster sheet is named in the report
