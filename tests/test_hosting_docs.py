"""docs/hosting.md names every file a host must serve: all of formkit's static folder."""

from __future__ import annotations

from pathlib import Path

import formkit

DOC = Path(__file__).resolve().parent.parent / "docs" / "hosting.md"


def test_hosting_doc_names_every_static_file() -> None:
    text = DOC.read_text(encoding="utf-8")
    files = sorted(p.name for p in formkit.static_dir().iterdir() if p.is_file())
    assert files and [f for f in files if f"`{f}`" not in text] == []
