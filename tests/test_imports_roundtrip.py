"""The examples' own Excel output imports back to an equivalent template: the same fields (ids,
types), the same grids (rows, columns) and the same calcs, compared after parsing both sides."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

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


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_rendered_example_imports_back(path: Path, tmp_path: Path) -> None:
    tpl = formkit.load(path)
    if tpl.tables:
        pytest.skip("rosters are written on sheets of their own: each imports on its own (docs/imports.md)")
    book = tmp_path / f"{path.stem}.xlsx"
    formkit.render_xlsx(tpl, path=book)
    result = import_excel(book)
    assert result.template is not None, result.report()
    assert result.template.id == tpl.id
    assert _shape(result.template) == _shape(tpl)
