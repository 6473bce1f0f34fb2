"""The form runtime as one classic script (render/classic.py) for pages opened from disk, where
browsers run no module script (issue 18): it holds every module, exports what formkit.js
exports, and computes as the modules do. The page itself is opened from file:// in
tests/browser/test_form_ux.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from formkit.render.classic import classic_bundle
from formkit.render.html import static_dir

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


def test_every_module_is_in_the_bundle_once() -> None:
    text = classic_bundle(static_dir())
    modules = sorted(p.name for p in static_dir().glob("*.js") if p.name != "formkit.classic.js")
    assert sorted(n for n in modules if f"modules['./{n}'] = " in text) == modules
    assert "import " not in "\n".join(line for line in text.splitlines() if line.startswith(("import", "export")))


@needs_node
def test_the_bundle_exports_what_the_modules_export(tmp_path: Path) -> None:
    (tmp_path / "b.js").write_text(classic_bundle(static_dir()), encoding="utf-8")
    script = f"""
      const path = require('path');
      require({json.dumps(str(tmp_path / 'b.js'))});
      import({json.dumps((static_dir() / 'formkit.js').as_uri())}).then((m) => {{
        const bundle = globalThis.formkit;
        console.log(JSON.stringify({{ module: Object.keys(m).sort(), bundle: Object.keys(bundle).sort(),
          sum: bundle.normalizeNumber('１２３．５０') }}));
      }});
    """
    out = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=True, timeout=60).stdout
    found = json.loads(out)
    assert found["bundle"] == found["module"] and "bindAll" in found["bundle"]
    assert found["sum"] == "123.50"
