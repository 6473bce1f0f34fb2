"""The pipeline, end to end: file → document → shape → model → structure → expressions → plan."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal, overload

from formkit.api import Template
from formkit.core import errors
from formkit.core.errors import Collector, Issue, TemplateError
from formkit.document.elements import ElementsModel, apply_elements, build_elements, check_elements
from formkit.document.loader import Document, read_document, read_raw
from formkit.document.model import Field, PoolModel, TemplateModel, build_pool, build_template
from formkit.document.schema import check_shape, sound_part
from formkit.document.structure import check_pool, check_structure
from formkit.language.ast import Type
from formkit.language.parser import parse
from formkit.language.scope import SourceInfo, build_symbols
from formkit.meaning.checker import Checker
from formkit.meaning.derived import check_derived
from formkit.meaning.plan import build_plan


def load(path: str | Path, *, pool: PoolModel | None = None, elements: ElementsModel | None = None) -> Template:
    """Load and check a template file. Raises :class:`TemplateError` with every problem found.
    ``pool`` and ``elements`` stand in for the files the template names (or names none of)."""
    return load_document(read_document(path), pool=pool, elements=elements)


def load_document(doc: Document, *, pool: PoolModel | None = None, elements: ElementsModel | None = None,
                  _reading: tuple[str, ...] = ()) -> Template:
    """:func:`load` of a document already read (a catalog reads each file once to see its kind).
    ``_reading``: the derived templates whose sources are being loaded (to name a cycle)."""
    out = Collector()
    sources = {doc.file: doc.text}
    doc, left_out = _template_shape(doc, out, sources)
    model = build_template(doc)
    base = Path(doc.file).parent
    derived_from = _derived_sources(model, base, out, sources, (*_reading, _identity(doc.file)))
    if pool is None and model.pool is not None:
        pool = _template_pool(model, base, out, sources)
    if pool is None and model.pool is None and derived_from:  # the source's org tree
        pool = next(iter(derived_from.values())).pool
    if elements is None and model.elements is not None:
        elements = _template_elements(model, base, out, sources)
    model = apply_elements(model, elements, out)
    check_structure(model, pool, out)
    if (model.pool is not None and pool is None) or len(derived_from) < len(model.derived_from):
        # Without its pool (or a source) every name read from it would be reported too: the
        # pool's (the source's) problem is the one.
        out.raise_if_failed(sources)
    template = compile_template(model, pool, doc.text, out, sources, derived_from=derived_from)
    check_derived(template, out)
    if left_out:
        _forget_left_out(out, left_out)
    out.raise_if_failed(sources)
    template.sources = sources
    template.elements = elements
    return template


def _identity(file: str) -> str:
    return str(Path(file).resolve())


def _derived_sources(model: TemplateModel, base: Path, out: Collector, sources: dict[str, str],
                     reading: tuple[str, ...]) -> dict[str, Template]:
    """The checked templates a derived template's ``from:`` names (SPEC §8.4); a missing file,
    a file that is not a template, a source with problems (its own, located in it) and a cycle
    are reported where the alias stands."""
    found: dict[str, Template] = {}
    for alias, name in model.derived_from.items():
        span, where = model.derived_spans.get(alias, model.span_of("from")), f"from.{alias}"
        path = base / name
        if not path.is_file():
            out.add(errors.SOURCE_NOT_FOUND, f"the source template '{name}' does not exist", span, where,
                    f"looked for {path}; the path is relative to this template")
            continue
        if _identity(str(path)) in reading:
            names = [Path(p).name for p in reading[reading.index(_identity(str(path))):]]
            out.add(errors.DERIVED_CYCLE, f"templates derive from each other: {' → '.join([*names, path.name])}",
                    span, where, "a derived report reads what staff filled in its source; one of these must be "
                    "filled, not derived")
            continue
        doc = read_document(path)
        if doc.kind != "template":
            out.add(errors.FILE_KIND, f"'{name}' is not a template", span, where,
                    "name a template file (one that starts with `formkit: 1`)")
            continue
        try:
            found[alias] = load_document(doc, _reading=reading)
        except TemplateError as exc:  # its own problems, located in it
            out.extend(exc.issues)
            sources.update(exc.sources)
    return found


def source_info(template: Template) -> SourceInfo:
    """What a derived template may read of ``template``: fields, grid cells, rosters' columns."""
    fields = {fid: f.type for fid, f in template.fields.items()}
    fields |= {f"{gid}.{r}.{c}": Type.NUMBER for gid, g in template.grids.items() for r, c in g.cells}
    tables: dict[str, dict[str, Type | None]] = {
        tid: {cid: c.type for cid, c in t.columns.items()} for tid, t in template.tables.items()}
    return SourceInfo(template.model.file, fields, dict(template.symbols.grids), tables)


def load_pool(path: str | Path) -> PoolModel:
    """Load and check a pool file. Raises :class:`TemplateError` with every problem found."""
    return _pool_from(read_document(path))


def load_elements(path: str | Path) -> ElementsModel:
    """Load and check an element dictionary (SPEC §8.1): its shape, ids, labels and aliases, and
    each ``value`` against the pool the dictionary names (for syntax only when it names none).
    Raises :class:`TemplateError` with every problem found."""
    return _elements_from(read_document(path))


def _elements_from(doc: Document) -> ElementsModel:
    out = Collector()
    sources = {doc.file: doc.text}
    _shape(doc, "elements", out, sources)
    model = build_elements(doc)
    check_elements(model, out)
    pool = None
    if model.pool is not None:
        pool = _side_file(model, "pool", Path(doc.file).parent, out, sources)
    _element_values(model, pool, doc.text, out, sources)
    out.raise_if_failed(sources)
    return model


def _element_values(model: ElementsModel, pool: PoolModel | None, text: str, out: Collector,
                    sources: dict[str, str]) -> None:
    """Each element's ``value`` checked as the value of a field of that type would be: against
    the pool when there is one, else parsed only (its names would all be unknown)."""
    if pool is None:
        for e in model.elements.values():
            if e.value is not None and e.value.text is not None:
                out.extend(parse(e.value.text, e.value.span, e.value.path)[1])
        return
    fields = [Field(id=e.id, label=e.label, type=e.type, precision=e.precision, choices=e.choices,
                    value=e.value, span=e.span, path=e.path)
              for e in model.elements.values() if e.value is not None]
    probe = TemplateModel(file=model.file, id=model.id, title={"zh": model.id}, period="once", fields=fields,
                          span=model.span, path="")
    compile_template(probe, pool, text, out, sources)

def _pool_from(doc: Document) -> PoolModel:
    out = Collector()
    sources = {doc.file: doc.text}
    _shape(doc, "pool", out, sources)
    pool = build_pool(doc)
    check_pool(pool, out)
    out.raise_if_failed(sources)
    return pool


def compile_template(model: TemplateModel, pool: PoolModel | None, text: str, out: Collector,
                     sources: Mapping[str, str] | None = None, *,
                     derived_from: Mapping[str, Template] | None = None) -> Template:
    derived_from = derived_from or {}
    sym = build_symbols(model, pool, {alias: source_info(t) for alias, t in derived_from.items()})
    checker = Checker(model, sym, text, out, sources)
    tables = {f.id: checker.table(f) for f in model.fields if f.type == "table"}
    grids = {f.id: checker.grid(f) for f in model.fields if f.type == "grid"}
    fields = {f.id: checker.field(f) for f in model.fields if f.type not in ("table", "grid")}
    rules = [r for i in range(len(model.rules)) if (r := checker.rule(i)) is not None]
    formats = [f for i in range(len(model.formats)) if (f := checker.format(i)) is not None]
    plan = build_plan(fields, tables, grids, out)
    return Template(model, pool, sym, fields, tables, grids, rules, formats, plan, derived_from=dict(derived_from))


def _template_shape(doc: Document, out: Collector, sources: dict[str, str]) -> tuple[Document, frozenset[str]]:
    """The template's shape problems, and the part of it sound enough for the later stages to
    check too (every stage's problems whose inputs are sound, not only the first stage's)."""
    issues = check_shape(doc)
    if issues and doc.kind == "template":
        part = sound_part(doc)
        if part is not None:
            out.extend(issues)
            return part
    _shape(doc, "template", out, sources, issues)
    return doc, frozenset()


def _forget_left_out(out: Collector, left_out: frozenset[str]) -> None:
    """A field left out for its shape is unknown to the later stages: what they say about a name
    of it is a consequence, not a problem of its own."""
    shape = {errors.UNKNOWN_KEY.code, errors.MISSING_KEY.code, errors.WRONG_TYPE.code, errors.UNKNOWN_VALUE.code,
             errors.BAD_IDENTIFIER.code, errors.INVALID_VALUE.code, errors.MISPLACED_KEY.code}
    quoted = [(f"'{name}'", f"'{name}.") for name in left_out]
    out.issues = [i for i in out.issues
                  if i.code in shape or not any(a in i.message or b in i.message for a, b in quoted)]


def _shape(doc: Document, kind: str, out: Collector, sources: dict[str, str],
           found: list[Issue] | None = None) -> None:
    issues = check_shape(doc) if found is None else found
    if not issues and doc.kind != kind:
        top = {"template": "formkit", "pool": "formkit_pool", "elements": "formkit_elements"}[kind]
        issues = [Issue(errors.FILE_KIND.code, f"expected a {kind} file (starting with '{top}:')",
                        doc.span_at(()), "", f"add '{top}: 1' as the first line")]
    out.extend(issues)
    # A document of the wrong shape cannot be modelled: report what there is, all of it.
    out.raise_if_failed(sources)


def _template_pool(model: TemplateModel, base: Path, out: Collector, sources: dict[str, str]) -> PoolModel | None:
    return _side_file(model, "pool", base, out, sources)


def _template_elements(model: TemplateModel, base: Path, out: Collector,
                       sources: dict[str, str]) -> ElementsModel | None:
    elements = _side_file(model, "elements", base, out, sources)
    if elements is not None:  # its values' problems are shown with its own lines
        sources[elements.file] = read_raw(elements.file).decode("utf-8")
    return elements


_SIDE = {  # the files a template (or a dictionary) names: (what it is, its top key, missing code)
    "pool": ("pool file", "formkit_pool", errors.POOL_NOT_FOUND),
    "elements": ("element dictionary", "formkit_elements", errors.ELEMENTS_NOT_FOUND),
}


@overload
def _side_file(model: TemplateModel | ElementsModel, key: Literal["pool"], base: Path, out: Collector,
               sources: dict[str, str]) -> PoolModel | None: ...
@overload
def _side_file(model: TemplateModel | ElementsModel, key: Literal["elements"], base: Path, out: Collector,
               sources: dict[str, str]) -> ElementsModel | None: ...
def _side_file(model: TemplateModel | ElementsModel, key: Literal["pool", "elements"], base: Path,
               out: Collector, sources: dict[str, str]) -> PoolModel | ElementsModel | None:
    """The pool or dictionary file ``model`` names, loaded (once per content) and checked; its
    absence or its problems reported where it is named."""
    name = getattr(model, key)
    assert name is not None
    what, top, missing = _SIDE[key]
    path = base / name
    if not path.is_file():
        out.add(missing, f"the {what} '{name}' does not exist", model.span_of(key), key,
                f"looked for {path}; the path is relative to the file that names it")
        return None
    try:
        return _cached(str(path), key)
    except WrongKind:
        # Any readable file can be named here: say what it is not, and nothing of what it holds.
        article = "an" if what[0] in "aeiou" else "a"
        out.add(errors.FILE_KIND, f"'{name}' is not {article} {what}", model.span_of(key), key,
                f"name {article} {what} (one that starts with `{top}: 1`); the path is relative to the file "
                "that names it")
        return None
    except TemplateError as exc:  # a file with problems: its own, located in it
        out.extend(exc.issues)
        sources.update(exc.sources)
        return None


# Every template of a catalog names the same pool file (and dictionary): loading and checking it
# again for each one cost more than the template itself. Keyed by the path as written (issues
# show it), and only reused while the file holds exactly the bytes it was built from, so an
# edited file is never served from here, however quickly it was rewritten.
_SideModel = PoolModel | ElementsModel
_CACHE: dict[tuple[str, str], tuple[bytes, _SideModel | TemplateError | WrongKind]] = {}
_CACHE_KEPT = 16


class WrongKind(Exception):
    """The file a template names as its pool (or dictionary) is not one: not UTF-8 YAML whose top
    key is ``formkit_pool`` (``formkit_elements``). Its problems are not reported: they would
    quote the file."""


NotAPool = WrongKind  # the name callers knew


def _cached(file: str, kind: str) -> _SideModel:
    raw = read_raw(file)
    hit = _CACHE.get((file, kind))
    if hit is None or hit[0] != raw:
        if len(_CACHE) >= _CACHE_KEPT:
            del _CACHE[next(iter(_CACHE))]
        _CACHE[(file, kind)] = hit = (raw, _read_side(file, kind, raw))
    if isinstance(hit[1], WrongKind):
        raise WrongKind(file)
    if isinstance(hit[1], TemplateError):
        raise TemplateError(hit[1].issues, hit[1].sources)
    return hit[1]


def _read_side(file: str, kind: str, raw: bytes) -> _SideModel | TemplateError | WrongKind:
    try:
        doc = read_document(file, raw=raw)
    except TemplateError:  # not UTF-8, or not YAML: not such a file
        return WrongKind(file)
    if doc.kind != kind:
        return WrongKind(file)
    try:
        return _pool_from(doc) if kind == "pool" else _elements_from(doc)
    except TemplateError as exc:
        return exc
