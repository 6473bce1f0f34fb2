"""The wheel carries the language's own files and the examples (SPEC §4; issue 2: "a test proves
it from a non-editable install"): build it, install it into a plain folder, and use it there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [
    "formkit/dsl/expr.lark",
    "formkit/dsl/template.schema.json",
    "formkit/dsl/pool.schema.json",
    "formkit/dsl/form-spec.schema.json",
    "formkit/dsl/elements.schema.json",
    "formkit/dsl/catalog.schema.json",
    "formkit/dsl/admission.schema.json",
    "formkit/examples/demo_city.pool.yaml",
    "formkit/examples/labor_archive_stock.yaml",
    "formkit/static/formkit.js",
    "formkit/static/formkit-eval.js",
    "formkit/render/templates/form.html.j2",
    "formkit/once/templates/catalog.html.j2",
    "formkit/once/templates/catalog.css",
    "formkit/web/assets/page.js",
    "formkit/web/assets/page.css",
    "formkit/web/templates/form.html.j2",
]

USE = """
import formkit, pathlib, sys
here = pathlib.Path(formkit.__file__).parent
assert str(here).startswith(sys.argv[1]), here          # the installed copy, not the source tree
assert formkit.dsl_dir().joinpath("expr.lark").is_file()
loaders = {"pool": formkit.load_pool, "elements": formkit.load_elements}
shipped = sorted(formkit.examples_dir().rglob("*.yaml"))     # the catalog and admission examples too
assert any(p.parent.name == "catalog" for p in shipped) and any(p.parent.name == "admission" for p in shipped)
for path in shipped:
    loaders.get(path.name.split(".")[-2], formkit.load)(path)   # NAME.pool.yaml, NAME.elements.yaml, NAME.yaml
print("ok")
"""


def test_wheel_installs_and_works_without_the_source_tree(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                   check=True)
    wheel = next(tmp_path.glob("formkit-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert not [n for n in SHIPPED if n not in names]
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True)
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", USE, str(site)], env=env, cwd=tmp_path, capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
    check = subprocess.run([sys.executable, "-m", "formkit", "check", str(site / "formkit" / "examples")], env=env,
                           cwd=tmp_path, capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    examples = site / "formkit" / "examples"
    catalog = subprocess.run([sys.executable, "-m", "formkit", "catalog", str(examples / "catalog"), "--json"], env=env,
                             cwd=tmp_path, capture_output=True, text=True, check=False)
    assert catalog.returncode == 0, catalog.stderr
    assert json.loads(catalog.stdout)["merges"], "the shipped catalog shows Yangpu's merge candidate"
    proposed = examples / "admission" / "elderly_needs_survey.yaml"
    admit = subprocess.run([sys.executable, "-m", "formkit", "admit", str(proposed), "--catalog",
                            str(examples / "catalog")], env=env, cwd=tmp_path, capture_output=True, text=True,
                           check=False)
    assert admit.returncode == 1, admit.stdout + admit.stderr   # refused at the fence
