"""formkit: declarative report templates compiled to SQL, forms and Excel.

>>> import formkit
>>> tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
>>> tpl.id
'labor_archive_stock'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from formkit.errors import Issue, TemplateError
from formkit.pipeline import load, load_pool
from formkit.template import Template

__version__ = "0.1.0"

__all__ = [
    "Issue",
    "Template",
    "TemplateError",
    "__version__",
    "dsl_dir",
    "examples_dir",
    "load",
    "load_pool",
]


def examples_dir() -> Path:
    """The example templates and the demo pool shipped inside the package."""
    return Path(str(resources.files("formkit") / "examples"))


def dsl_dir() -> Path:
    """The language's own files: the lark grammar and the JSON Schemas."""
    return Path(str(resources.files("formkit") / "dsl"))
