"""The pipeline, end to end: file → document → shape → model → structure → expressions → plan."""

from __future__ import annotations

from pathlib import Path

from formkit.api import Template
from formkit.core import errors
from formkit.core.errors import Collector, Issue, TemplateError
from formkit.document.loader import Document, read_document, read_raw
from formkit.document.model import PoolModel, TemplateModel, build_pool, build_template
from formkit.document.schema import check_shape
from formkit.document.structure import check_pool, check_structure
from formkit.language.scope import build_symbols
from formkit.meaning.checker import Checker
from formkit.meaning.plan import build_plan


def load(path: str | Path, *, pool: PoolModel | None = None) -> Template:
    """Load and check a template file. Raises :class:`TemplateError` with every problem found."""
    doc = read_document(path)
    out = Collector()
    sources = {doc.file: doc.text}
    _shape(doc, "template", out, sources)
    model = build_template(doc)
    if pool is None and model.pool is not None:
        pool = _template_pool(model, Path(path).parent, out, sources)
    check_structure(model, pool, out)
    if model.pool is not None and pool is None:
        # Without its pool every pool name would be reported too: the pool's problem is the one.
        out.raise_if_failed(sources)
    template = compile_template(model, pool, doc.text, out)
    out.raise_if_failed(sources)
    template.sources = sources
    return template


def load_pool(path: str | Path) -> PoolModel:
    """Load and check a pool file. Raises :class:`TemplateError` with every problem found."""
    return _pool_from(read_document(path))


def _pool_from(doc: Document) -> PoolModel:
    out = Collector()
    sources = {doc.file: doc.text}
    _shape(doc, "pool", out, sources)
    pool = build_pool(doc)
    check_pool(pool, out)
    out.raise_if_failed(sources)
    return pool


def compile_template(model: TemplateModel, pool: PoolModel | None, text: str, out: Collector) -> Template:
    sym = build_symbols(model, pool)
    checker = Checker(model, sym, text, out)
    tables = {f.id: checker.table(f) for f in model.fields if f.type == "table"}
    grids = {f.id: checker.grid(f) for f in model.fields if f.type == "grid"}
    fields = {f.id: checker.field(f) for f in model.fields if f.type not in ("table", "grid")}
    rules = [r for i in range(len(model.rules)) if (r := checker.rule(i)) is not None]
    formats = [f for i in range(len(model.formats)) if (f := checker.format(i)) is not None]
    plan = build_plan(fields, tables, grids, out)
    return Template(model, pool, sym, fields, tables, grids, rules, formats, plan)


def _shape(doc: Document, kind: str, out: Collector, sources: dict[str, str]) -> None:
    issues = check_shape(doc)
    if not issues and doc.kind != kind:
        top = "formkit" if kind == "template" else "formkit_pool"
        issues = [Issue(errors.FILE_KIND.code, f"expected a {kind} file (starting with '{top}:')",
                        doc.span_at(()), "", f"add '{top}: 1' as the first line")]
    out.extend(issues)
    # A document of the wrong shape cannot be modelled: report what there is, all of it.
    out.raise_if_failed(sources)


def _template_pool(model: TemplateModel, base: Path, out: Collector, sources: dict[str, str]) -> PoolModel | None:
    assert model.pool is not None
    pool_path = base / model.pool
    if not pool_path.is_file():
        out.add(errors.POOL_NOT_FOUND, f"the pool file '{model.pool}' does not exist", model.span_of("pool"),
                "pool", f"looked for {pool_path}; the path is relative to the template file")
        return None
    try:
        return _cached_pool(str(pool_path))
    except NotAPool:
        # Any readable file can be named here: say what it is not, and nothing of what it holds.
        out.add(errors.FILE_KIND, f"'{model.pool}' is not a pool file", model.span_of("pool"), "pool",
                "name a data pool file (one that starts with `formkit_pool: 1`); the path is relative to "
                "the template file")
        return None
    except TemplateError as exc:  # a pool file with problems: its own, located in it
        out.extend(exc.issues)
        sources.update(exc.sources)
        return None


# Every template of a catalog names the same pool file: loading and checking it again for each
# one cost more than the template itself. Keyed by the path as written (issues show it), and
# only reused while the file holds exactly the bytes it was built from, so an edited pool is
# never served from here, however quickly it was rewritten.
_POOLS: dict[str, tuple[bytes, PoolModel | TemplateError | NotAPool]] = {}
_POOLS_KEPT = 8


class NotAPool(Exception):
    """The file a template names as its pool is not a pool file: not UTF-8 YAML whose top key is
    ``formkit_pool``. Its problems are not reported: they would quote the file."""


def _cached_pool(file: str) -> PoolModel:
    raw = read_raw(file)
    hit = _POOLS.get(file)
    if hit is None or hit[0] != raw:
        if len(_POOLS) >= _POOLS_KEPT:
            del _POOLS[next(iter(_POOLS))]
        _POOLS[file] = hit = (raw, _read_pool(file, raw))
    if isinstance(hit[1], NotAPool):
        raise NotAPool(file)
    if isinstance(hit[1], TemplateError):
        raise TemplateError(hit[1].issues, hit[1].sources)
    return hit[1]


def _read_pool(file: str, raw: bytes) -> PoolModel | TemplateError | NotAPool:
    try:
        doc = read_document(file, raw=raw)
    except TemplateError:  # not UTF-8, or not YAML: no pool file
        return NotAPool(file)
    if doc.kind != "pool":
        return NotAPool(file)
    try:
        return _pool_from(doc)
    except TemplateError as exc:
        return exc
