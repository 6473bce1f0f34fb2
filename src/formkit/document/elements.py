"""Elements: the element dictionary (SPEC §8.1), and what a field that names an element takes from it.

A dictionary describes each standard data item once (label, type, unit, how the pool answers
it); a template names its dictionary and a field names its element. Taking the element's parts
happens on the model, before any other check, so every later stage sees an ordinary field whose
inherited parts keep their own positions (in the dictionary file).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from pydantic import Field as _Default

from formkit.core import errors
from formkit.core.errors import Collector, suggestion_hint
from formkit.document.loader import Document
from formkit.document.model import (
    Builder,
    Column,
    ExprSrc,
    Field,
    Label,
    Located,
    TemplateModel,
    choices_of,
    label,
    pick_label,
)


class Element(Located):
    """One standard data item of a dictionary."""

    id: str
    label: Label
    description: Label | None = None
    type: str
    unit: Label | None = None
    precision: int | None = None
    choices: dict[str, Label] | str | None = None
    aliases: list[str] = _Default(default_factory=list)
    value: ExprSrc | None = None
    owner: str | None = None
    tags: list[str] = _Default(default_factory=list)


class ElementsModel(Located):
    file: str
    id: str
    label: Label | None = None
    pool: str | None = None
    elements: dict[str, Element]


def build_elements(doc: Document) -> ElementsModel:
    """The dictionary of a shape-checked ``formkit_elements`` document."""
    b = Builder(doc)
    d = doc.data
    elements = {str(k): _element(b, str(k), v) for k, v in d["elements"].items()}
    return ElementsModel(
        file=doc.file, id=str(d["id"]), label=label(d["label"]) if "label" in d else None,
        pool=_text(d.get("pool")), elements=elements, **b.loc(()),
    )


def _element(b: Builder, key: str, data: Mapping[str, Any]) -> Element:
    path = ("elements", key)
    return Element(
        id=key, label=label(data["label"]),
        description=label(data["description"]) if "description" in data else None,
        type=str(data["type"]), unit=label(data["unit"]) if "unit" in data else None,
        precision=data.get("precision"), choices=choices_of(data.get("choices")),
        aliases=[str(a) for a in data.get("aliases", [])], value=b.expr(data, "value", path),
        owner=_text(data.get("owner")), tags=[str(t) for t in data.get("tags", [])], **b.loc(path),
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


# -- the dictionary's own checks -------------------------------------------------------------


def check_elements(model: ElementsModel, out: Collector) -> None:
    """Ids unique case-insensitively; every label and alias names one element only (the catalog
    matches fields by them); precision only on decimals; a choice item has its choices."""
    _ids(model, out)
    _names(model, out)
    for e in model.elements.values():
        if e.precision is not None and e.type != "decimal":
            out.add(errors.MISPLACED_KEY, f"'precision' does not apply to the {e.type} element '{e.id}'",
                    e.span_of("precision"), f"{e.path}.precision", "only decimal items have decimal places")
        if e.type in ("choice", "multichoice") and e.choices is None:
            out.add(errors.MISSING_KEY, f"the {e.type} element '{e.id}' has no 'choices'", e.span, e.path,
                    "add choices: {key: label, …} or choices: table.column")


def _ids(model: ElementsModel, out: Collector) -> None:
    seen: dict[str, Element] = {}
    for e in model.elements.values():
        first = seen.setdefault(e.id.casefold(), e)
        if first is not e:
            out.add(errors.DUPLICATE_ID, f"the element id '{e.id}' is used twice", e.span, e.path,
                    f"the first one, '{first.id}', is at line {first.span.line}; ids must be unique "
                    "(case-insensitively)")


def name_key(text: str) -> str:
    """A label or alias as the dictionary compares them: NFKC, no spaces, case-folded."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _names(model: ElementsModel, out: Collector) -> None:
    owner: dict[str, tuple[Element, str]] = {}
    for e in model.elements.values():
        for i, name in enumerate(_all_names(e)):
            key = name_key(name)
            first = owner.setdefault(key, (e, name))
            if first[0] is not e:
                where = e.span_of("aliases") if i else e.span_of("label")
                out.add(errors.DUPLICATE_ALIAS, f"'{name}' names both '{first[0].id}' and '{e.id}'", where,
                        f"{e.path}.{'aliases' if i else 'label'}",
                        f"'{first[0].id}' (line {first[0].span.line}) already has it as '{first[1]}': one "
                        "name, one item — remove it here or there")


def _all_names(e: Element) -> Iterable[str]:
    yield pick_label(e.label, "zh")
    yield from e.aliases


# -- what a field takes from its element ------------------------------------------------------


def apply_elements(model: TemplateModel, elements: ElementsModel | None, out: Collector) -> TemplateModel:
    """The template with each ``element:`` field completed from its element. A field keeps what
    it sets itself; a type that disagrees is an error. The element's ``value`` is taken only by
    a top-level field of a template that reads a pool (a table column's scope is its row) and
    that neither sets a value nor calculates one."""
    if not any(_names_element(f) for f in model.fields):
        return model
    taker = _Taker(model, elements, out)
    fields = [taker.field(f) for f in model.fields]
    return model.model_copy(update={"fields": fields})


def _names_element(f: Field) -> bool:
    return f.element is not None or any(c.element is not None for c in f.columns)


_C = TypeVar("_C", bound=Column)


class _Taker:
    def __init__(self, model: TemplateModel, elements: ElementsModel | None, out: Collector) -> None:
        self.model = model
        self.elements = elements
        self.out = out
        self.reads_pool = model.pool is not None

    def field(self, f: Field) -> Field:
        columns = [self.column(c, top=False) for c in f.columns]
        done = self.column(f, top=True)
        return done.model_copy(update={"columns": columns}) if columns != f.columns else done

    def column(self, col: _C, *, top: bool) -> _C:
        if col.element is None:
            return col
        element = self.find(col)
        if element is None:
            return col
        update: dict[str, Any] = {}
        if not col.label:
            update["label"] = element.label
        if col.type is None:
            update["type"] = element.type
        elif col.type != element.type:
            self.out.add(errors.ELEMENT_TYPE_MISMATCH, f"'{col.id}' is {col.type}, but its element "
                         f"'{element.id}' is {element.type}", col.span_of("type"), f"{col.path}.type",
                         f"remove `type:` to take the element's, or name another element (the item is "
                         f"defined at {element.span.file}:{element.span.line})")
        for key in ("unit", "precision", "choices"):
            if getattr(col, key) is None and getattr(element, key) is not None:
                update[key] = getattr(element, key)
        if top and self.reads_pool and col.value is None and col.calc is None and element.value is not None:
            update["value"] = element.value
        return col.model_copy(update=update) if update else col

    def find(self, col: Column) -> Element | None:
        assert col.element is not None
        where, path = col.span_of("element"), f"{col.path}.element"
        if self.elements is None:
            if self.model.elements is None:  # a missing dictionary file is reported where it is named
                self.out.add(errors.ELEMENTS_MISSING, f"'{col.id}' names the element '{col.element}', but the "
                             "template names no element dictionary", where, path,
                             "add `elements: FILE.elements.yaml` at the top of the template")
            return None
        element = self.elements.elements.get(col.element)
        if element is None:
            self.out.add(errors.UNKNOWN_ELEMENT, f"the element dictionary '{self.elements.id}' has no element "
                         f"'{col.element}'", where, path,
                         suggestion_hint(col.element, self.elements.elements)
                         or f"the dictionary is {self.elements.file}")
        return element
