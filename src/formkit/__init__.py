"""formkit: declarative report templates compiled to SQL, forms and Excel.

>>> import formkit
>>> tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
>>> tpl.id
'labor_archive_stock'
>>> formkit.evaluate("round(a / b, 2)", {"a": 1, "b": 3})
Decimal('0.33')
"""

from __future__ import annotations

from importlib import import_module, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from formkit.api import Template
from formkit.core.errors import Issue, TemplateError
from formkit.pipeline import load, load_elements, load_pool

if TYPE_CHECKING:
    from formkit.core.periods import Period, PeriodError, parse_period
    from formkit.evaluation.evaluator import evaluate
    from formkit.evaluation.functions import EvaluationError
    from formkit.once.admit import admit
    from formkit.once.catalog import catalog
    from formkit.once.merge import MergeResult, merge
    from formkit.once.report import Admission, CatalogReport
    from formkit.render import form_spec, read_workbook, render_html, render_xlsx, static_dir
    from formkit.runtime import Connection, connect
    from formkit.runtime.form import Form
    from formkit.sql.closure import refresh_org

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Admission",
    "CatalogReport",
    "Connection",
    "EvaluationError",
    "Form",
    "Issue",
    "MergeResult",
    "Period",
    "PeriodError",
    "Template",
    "TemplateError",
    "__version__",
    "admit",
    "catalog",
    "connect",
    "dsl_dir",
    "evaluate",
    "examples_dir",
    "form_spec",
    "load",
    "load_elements",
    "load_pool",
    "merge",
    "parse_period",
    "read_workbook",
    "refresh_org",
    "render_html",
    "render_xlsx",
    "static_dir",
]

# Loading a template needs none of the back ends: the renderers (jinja2, openpyxl and numpy),
# the engines (sqlglot) and the evaluator are imported on first use, which keeps
# `import formkit` (every `formkit check`, every catalog load) from paying for them.
_LAZY = {
    "evaluate": "formkit.evaluation.evaluator",
    "EvaluationError": "formkit.evaluation.functions",
    "Period": "formkit.core.periods",
    "PeriodError": "formkit.core.periods",
    "parse_period": "formkit.core.periods",
    "form_spec": "formkit.render",
    "read_workbook": "formkit.render",
    "render_html": "formkit.render",
    "render_xlsx": "formkit.render",
    "static_dir": "formkit.render",
    "Actor": "formkit.runtime.actor",
    "Connection": "formkit.runtime",
    "Form": "formkit.runtime.form",
    "connect": "formkit.runtime",
    # Report only once (SPEC §8.2–8.3): the catalog stage stands above the library's.
    "catalog": "formkit.once.catalog",
    "admit": "formkit.once.admit",
    "CatalogReport": "formkit.once.report",
    "Admission": "formkit.once.report",
    "merge": "formkit.once.merge",  # SPEC §8.4
    "MergeResult": "formkit.once.merge",
    "refresh_org": "formkit.sql.closure",  # SPEC §10: the org closure, rebuilt when the org table changed
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'formkit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this hook
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def examples_dir() -> Path:
    """The example templates and the demo pool shipped inside the package."""
    return Path(str(resources.files("formkit") / "examples"))


def dsl_dir() -> Path:
    """The language's own files: the lark grammar and the JSON Schemas."""
    return Path(str(resources.files("formkit") / "dsl"))
