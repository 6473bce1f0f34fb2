"""The catalog as one self-contained HTML page (SPEC §8.2, ``formkit catalog --html``).

Nothing is fetched from elsewhere and nothing runs: the page carries its own style block, allowed
by a Content-Security-Policy whose sha256 is computed here from the exact text inserted, and its
pictures are inline SVG drawn from numbers computed here. Author text (labels, titles, messages)
reaches the page only through jinja2's autoescape.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from typing import Any

import jinja2
import markupsafe

from formkit.once.labels import percent, word
from formkit.once.report import CatalogReport, Group

MATRIX_CAP = 40  # templates shown in the overlap matrix: beyond that a reader cannot scan it
_BAR_WIDTH = 420  # px the longest bar spans
_CELL = 14  # px per matrix cell


@cache
def _environment() -> jinja2.Environment:
    loader = jinja2.PackageLoader("formkit", "once/templates")
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


@cache
def _css() -> str:
    return resources.files("formkit").joinpath("once/templates/catalog.css").read_text(encoding="utf-8")


def style_hash(css: str) -> str:
    """The CSP source that allows exactly ``css`` as an inline style block."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def catalog_html(report: CatalogReport, lang: str = "zh") -> str:
    """One page: totals, inventory, repeated items, similar pairs, pre-fillable fields, merge
    candidates, the review list and problems, with the overlap matrix and per-owner bars."""
    css = _css()
    policy = f"default-src 'none'; style-src {style_hash(css)}; base-uri 'none'; form-action 'none'"
    page = _environment().get_template("catalog.html.j2")
    return page.render(
        lang="en" if lang == "en" else "zh", w=lambda key: word(key, lang), pct=percent, report=report,
        policy=policy, css=markupsafe.Markup(css),  # formkit's own file, hashed above: not author text
        coverage=_bars(report.by_owner, lambda g: g.share_prefilled, percent),
        burden=_bars(report.by_owner, lambda g: float(g.yearly_burden), lambda v: f"{v:,.0f}"),
        matrix=_matrix(report.overlap, lang), units_from=word(report.totals.units_from, lang),
    )


def _bars(groups: list[Group], measure: Any, show: Any) -> dict[str, Any]:
    """Horizontal bars, one per group: each row's y, its bar's width and the figure to print."""
    values = [(g.key, float(measure(g))) for g in groups]
    top = max((v for _, v in values), default=0.0) or 1.0
    rows = [{"key": key, "y": 22 * i, "width": round(_BAR_WIDTH * v / top, 1), "text": show(v),
             "text_x": 170 + round(_BAR_WIDTH * v / top, 1) + 6} for i, (key, v) in enumerate(values)]
    return {"rows": rows, "height": 22 * len(rows) + 4, "width": 170 + _BAR_WIDTH + 90}


def _matrix(overlap: dict[str, dict[str, int]], lang: str) -> dict[str, Any]:
    """The overlap matrix of the templates sharing most items, capped at MATRIX_CAP, with each
    cell's shade (one of five classes: the page allows no style attributes)."""
    names = set(overlap) | {b for row in overlap.values() for b in row}
    weight = {n: sum(overlap.get(n, {}).values()) + sum(r.get(n, 0) for r in overlap.values()) for n in names}
    shown = sorted((n for n in names if weight[n]), key=lambda n: (-weight[n], n))[:MATRIX_CAP]
    top = max((_shared(overlap, a, b) for a in shown for b in shown if a != b), default=0) or 1
    margin = 8 + 7 * max((len(n) for n in shown), default=0)
    cells = [{"x": margin + _CELL * j, "y": margin + _CELL * i, "count": count, "a": a, "b": b,
              "shade": 1 + min(4, 4 * (count - 1) // top) if count else 0}
             for i, a in enumerate(shown) for j, b in enumerate(shown)
             if a != b and (count := _shared(overlap, a, b))]
    axis = [{"name": n, "at": margin + _CELL * k + _CELL // 2 + 4} for k, n in enumerate(shown)]
    note = word("matrix_cap", lang).format(n=len(shown), total=len(weight)) if len(weight) > len(shown) else ""
    return {"shown": shown, "cells": cells, "axis": axis, "margin": margin, "note": note,
            "size": margin + _CELL * len(shown) + 4}


def _shared(overlap: dict[str, dict[str, int]], a: str, b: str) -> int:
    return overlap.get(a, {}).get(b) or overlap.get(b, {}).get(a) or 0
