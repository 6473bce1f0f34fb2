"""HTML of a roster's cells, written in Python from escaped parts: the ``roster_cell`` macro's markup.

A roster of a few hundred pool rows is thousands of cells, and each one through jinja2 cost the
``roster_cell``, ``control``, ``common``, ``described`` and ``issues`` macros (a new context each):
most of a filled roster form's render. Here the parts of a column that its values do not change
(classes, the column id, its label, the choice options) are escaped once per column and render
(:class:`ColumnParts`), and each cell only escapes its dom id, its value and its issues.
``formkit/macros.html.j2`` keeps ``roster_cell`` for hosts that build their own rows (a row
without ``cells_html`` goes through it); tests/test_render_html.py checks that both write the same
bytes for every example, so they cannot drift apart.

Every text here is data: it passes through :func:`markupsafe.escape` where it lands, and only
strings assembled from escaped parts and our own literals become :class:`~markupsafe.Markup`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, overload

from markupsafe import Markup, escape

from formkit.render.html_fields import control_html, issues_html
from formkit.render.spec import JSON

__all__ = ["ColumnParts", "LazyCells", "cell_html", "cells_html", "escaped", "plain_cell_html"]


def _x(value: object) -> str:
    """``{{ value }}`` under autoescape; a str without a character escape() replaces (numbers,
    most names) is itself, without the call."""
    if type(value) is str and not _SPECIAL(value):
        return value
    return str(escape(value))


_SPECIAL = re.compile("[&<>'\"]").search  # exactly the characters markupsafe.escape replaces


class ColumnParts:
    """The escaped markup of one roster column that its cells' values and issues do not change."""

    __slots__ = ("choices", "control", "field_attrs", "head", "label_attr", "required_attr", "spellcheck", "type")

    def __init__(self, c: Mapping[str, Any], *, fill: bool, editable: bool) -> None:
        typ = c["type"]
        self.type = typ
        # Which branch of the ``control`` macro the cell takes (``plain``: read-only cells are text).
        if not fill or not editable:
            self.control = "text"
        elif typ == "multichoice":
            self.control = "multichoice"
        elif typ in ("choice", "boolean"):
            self.control = "select"
        else:
            self.control = "input"
        required = c.get("required") is True
        number = " fk-cell--number" if typ in ("integer", "decimal") else ""
        self.head = (f'<td class="fk-cell fk-source-{_x(c["source"])}{number}'
                     f'{" fk-is-required" if required else ""}',
                     f'" data-fk-col="{_x(c["id"])}" data-fk-label="{_x(c["label"])}">\n')
        self.field_attrs = f'" data-fk-column="{_x(c["id"])}" data-fk-type="{_x(typ)}"'
        self.label_attr = f' data-fk-label="{_x(c["label"])}"'
        self.required_attr = ' aria-required="true"' if required and self.control != "text" else ""
        self.choices = [(_x(o["key"]), o["key"], _x(o["label"])) for o in c.get("choices") or []]
        self.spellcheck = ' spellcheck="false"' if c.get("pattern") else ""


def plain_cell_html(p: ColumnParts, c: Mapping[str, Any], ui: Mapping[str, Any], *, dom: str, label: str) -> str:
    """:func:`cell_html` of a cell without issues (most of a roster), with its dom id and its
    non-empty label given escaped already (the row's parts joined: escaping is per character)."""
    attrs = p.label_attr if p.control == "text" else f' aria-label="{label}"{p.label_attr}'
    common = f'id="{dom}{p.field_attrs}{attrs} aria-describedby="{dom}-issues"{p.required_attr}'
    return (f'{p.head[0]}{p.head[1]}{_control(p, c, common, ui, dom=dom, label=label)}\n'
            f'<ul class="fk-issues" id="{dom}-issues" data-fk-issues hidden></ul>\n</td>')


def _control(p: ColumnParts, c: Mapping[str, Any], common: str, ui: Mapping[str, Any], *, dom: str, label: Any) -> str:
    return control_html(c, common, ui, kind=p.control, typ=p.type, dom=dom, choices=p.choices,
                        spellcheck=p.spellcheck, labelled_by=not label)


def escaped(value: object) -> str:
    """``value`` as ``{{ value }}`` writes it under autoescape."""
    return _x(value)


def cells_html(parts: Sequence[ColumnParts], cells: Sequence[Mapping[str, Any]], ui: Mapping[str, Any]) -> Markup:
    """The ``roster_cell`` macro of every cell of one row (``parts`` per column, in order)."""
    return Markup("".join([_cell(p, c, ui) for p, c in zip(parts, cells, strict=True)]))


def _cell(p: ColumnParts, c: Mapping[str, Any], ui: Mapping[str, Any]) -> str:
    mark = c.get("mark")
    extra = ""
    if c.get("help"):
        extra += " -help"
    if c.get("unit"):
        extra += " -unit"
    if mark and mark.get("show"):
        extra += " -mark"
    return cell_html(p, c, ui, dom_id=c["dom_id"], label=c["aria_label"], issues=c["issues"], described_extra=extra)


def cell_html(p: ColumnParts, c: Mapping[str, Any], ui: Mapping[str, Any], *, dom_id: str, label: Any,
              issues: Sequence[Mapping[str, Any]], described_extra: str = "") -> str:
    """One cell: ``c`` holds its shown value (``text``, ``input``, ``chosen``, ``blank``);
    ``described_extra`` the help/unit/mark suffixes of aria-describedby (none in formkit's rows)."""
    dom = _x(dom_id)
    has = f" fk-has-{_x(issues[0]['severity'])}" if issues else ""
    text = p.control == "text"
    common = f'id="{dom}{p.field_attrs}'
    if label:
        common += (p.label_attr if text else f' aria-label="{_x(label)}"{p.label_attr}')
    described = f"{dom}-issues"
    for suffix in described_extra.split():
        described += f" {dom}{suffix}"
    common += f' aria-describedby="{described}"{p.required_attr}'
    if issues and any(i["severity"] == "error" for i in issues):
        common += ' aria-invalid="true"'
    return (f"{p.head[0]}{has}{p.head[1]}{_control(p, c, common, ui, dom=dom, label=label)}\n"
            f"{issues_html(issues, dom + '-issues')}\n</td>")


class LazyCells(Sequence[JSON]):
    """A row's cell dicts (some twenty keys each), made the first time a host template reads
    ``row.cells``: formkit's own roster prints ``row.cells_html`` and never does."""

    __slots__ = ("_cells", "_make")

    def __init__(self, make: Callable[[], list[JSON]]) -> None:
        self._make: Callable[[], list[JSON]] | None = make
        self._cells: list[JSON] = []

    def _all(self) -> list[JSON]:
        if self._make is not None:
            self._cells, self._make = self._make(), None
        return self._cells

    @overload
    def __getitem__(self, index: int) -> JSON: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[JSON]: ...

    def __getitem__(self, index: int | slice) -> JSON | Sequence[JSON]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[JSON]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyCells | list):
            return self._all() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compared by contents, like the list it stands for

    def __repr__(self) -> str:
        return repr(self._all())
