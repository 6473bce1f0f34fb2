"""The workflow as methods of a loaded template (SPEC §6), through one mechanism: formkit.api.Template."""

from __future__ import annotations

import subprocess
import sys

import formkit
from formkit.meaning.template import Template as CheckedTemplate
from formkit.runtime import connect

METHODS = ("sql", "fill", "fill_all", "save_draft", "submit", "return_", "approve", "rollup", "corrections",
           "due", "status", "audit", "check_deployed")


def test_a_loaded_template_has_every_workflow_method() -> None:
    tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
    assert isinstance(tpl, formkit.Template) and isinstance(tpl, CheckedTemplate)
    assert all(callable(getattr(tpl, m)) for m in METHODS)
    assert not any(hasattr(CheckedTemplate, m) for m in METHODS), "the checked template runs nothing"


def test_audit_and_check_deployed_work_on_a_loaded_template(tmp_path: object) -> None:
    """docs/workflow.md documents ``tpl.audit(db)`` and ``tpl.check_deployed(db)``; on main at
    4b8a438 both raised AttributeError on a template from formkit.load()."""
    tpl = formkit.load(formkit.examples_dir() / "labor_archive_stock.yaml")
    db = connect("duckdb:///:memory:")
    try:
        assert tpl.check_deployed(db) == []
        assert tpl.audit(db) == []
    finally:
        db.close()


def test_loading_a_template_loads_no_back_end() -> None:
    """``formkit check`` pays for the front end only: no runtime, SQL builders or renderers."""
    code = ("import sys, formkit; formkit.load(formkit.examples_dir() / 'labor_archive_stock.yaml'); "
            "print(sorted(m for m in sys.modules if m.startswith(('formkit.runtime', 'formkit.sql', "
            "'formkit.render', 'sqlglot', 'duckdb'))))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"


def test_form_is_public() -> None:
    """SPEC §6 writes ``formkit.Form.from_json(data, tpl)``."""
    from formkit.runtime.form import Form

    assert formkit.Form is Form and "Form" in formkit.__all__
