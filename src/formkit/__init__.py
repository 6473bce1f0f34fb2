"""formkit: declarative report templates compiled to SQL, forms and Excel.

>>> import formkit
>>> tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
>>> tpl.id
'labor_archive_stock'
>>> formkit.evaluate("round(a / b, 2)", {"a": 1, "b": 3})
Decimal('0.33')
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from formkit.errors import Issue, TemplateError
from formkit.evaluate import evaluate
from formkit.functions import EvaluationError
from formkit.periods import Period, PeriodError, parse_period
from formkit.pipeline import load, load_pool
from formkit.render import form_spec, read_workbook, render_html, render_xlsx, static_dir
from formkit.runtime import Connection, connect
from formkit.template import Template

__version__ = "0.1.0"

__all__ = [
    "Connection",
    "EvaluationError",
    "Issue",
    "Period",
    "PeriodError",
    "Template",
    "TemplateError",
    "__version__",
    "connect",
    "dsl_dir",
    "evaluate",
    "examples_dir",
    "form_spec",
    "load",
    "load_pool",
    "parse_period",
    "read_workbook",
    "render_html",
    "render_xlsx",
    "static_dir",
]


def examples_dir() -> Path:
    """The example templates and the demo pool shipped inside the package."""
    return Path(str(resources.files("formkit") / "examples"))


def dsl_dir() -> Path:
    """The language's own files: the lark grammar and the JSON Schemas."""
    return Path(str(resources.files("formkit") / "dsl"))
